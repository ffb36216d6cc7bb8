/* report-corridors.c: the report's corridor redundancy section — disjoint
 * paths from the plan's home region to each [pair] region, and the top-N
 * links whose failure hurts the journeys to the critical pair's region
 * most, by each profile of the plan's commute groups on its own graph, or
 * for transit and park-and-ride by the timetable when a commute group
 * follows it. */
#include "tnet-internal.h"
#include "report-private.h"
#include "analysis-private.h"

static double
minutes1 (guint64 ms)
{
  return round ((double) ms / 6000.0) / 10.0;
}

/* The critical-link rows: the worst increase among each profile's top
 * items, and the top items of each profile in profile order. */
static void
write_critical_links (const TnetReportContext *ctx, const TnetPlanPair *cp,
                      const TnetNodeSet *home, const TnetNodeSet *zz,
                      TnetCriticality *const *crits, TnetMultimodal *const *graphs,
                      const TnetProfile *profiles, guint n_prof, JsonBuilder *b,
                      GString *text)
{
  const TnetPlan *plan = ctx->plan;
  guint top = (guint) tnet_plan_get_int (plan, "top");
  g_autofree char *crit_row = g_strdup_printf ("Largest increase from one link failure (to %s)",
                                               cp->label);
  tnet_i_report_indicator (ctx, "critical_link_max_increase_min", crit_row, "min", 1);
  double worst = 0.0;
  for (guint p = 0; p < n_prof; p++)
    for (guint r = 0; r < MIN (top, tnet_criticality_n_items (crits[p])); r++)
      worst = MAX (worst, minutes1 (tnet_criticality_item (crits[p], r)->max_increase_ms));
  tnet_i_json_add_number (b, "critical_link_max_increase_min", worst, 1);
  if (ctx->keep)
    return;   /* a draw: the row's value only */
  json_builder_set_member_name (b, "critical_links");
  json_builder_begin_array (b);
  for (guint p = 0; p < n_prof; p++)
    {
      const TnetCriticality *crit = crits[p];
      const char *prof = tnet_profile_to_string (profiles[p]);
      guint n_show = MIN (top, tnet_criticality_n_items (crit));
      tnet_i_criticality_items_json (b, crit, ctx->net, graphs[p], home, zz, FALSE, top);
      g_autofree char *model = tnet_corridor_criticality_model (crit, graphs[p]);
      g_string_append_printf (text, "  critical links %s → %s, %s (%u zone pairs, budget "
                              "%.0f min, %s):\n", tnet_plan_get_home_label (plan), cp->label,
                              prof, tnet_criticality_n_pairs (crit),
                              tnet_plan_get_double (plan, "budget_min"), model);
      for (guint r = 0; r < n_show; r++)
        {
          const TnetCriticalityItem *it = tnet_criticality_item (crit, r);
          const TnetLink *link = tnet_network_link (ctx->net, it->element);
          g_string_append_printf (text, "    %2u. %s (%s): %u pairs slower, %u cut, %u out of "
                                  "budget, max +%.1f min\n", r + 1, it->name,
                                  link->line ? link->line : "-", it->n_pairs_slower,
                                  it->n_pairs_cut, it->n_pairs_out_of_budget,
                                  minutes1 (it->max_increase_ms));
        }
    }
  json_builder_end_array (b);
}

/* The scan of @profile (transit or park_and_ride) by the timetable of the
 * first [commute] group with that profile and `depart` (its date,
 * departure, window and walking budget, and for park-and-ride its drive
 * budget, park time and parking radius; the median, as its cells). NULL
 * without error when no group asks for the timetable or the folder has no
 * feed for the year: the scan is then the frequency approximation's, as
 * the group's. */
static TnetCriticality *
timetable_scan (const TnetReportContext *ctx, TnetProfile profile, const TnetNodeSet *home,
                const TnetNodeSet *zz, TnetWeight budget_ms, const TnetCriticalityOptions *copts,
                GError **error)
{
  const TnetPlanCommute *grp = NULL;
  for (guint g = 0; grp == NULL && ctx->plan && g < tnet_plan_n_commutes (ctx->plan); g++)
    {
      const TnetPlanCommute *x = tnet_plan_get_commute (ctx->plan, g);
      for (guint p = 0; x->timetable && p < x->n_profiles; p++)
        if (x->profiles[p] == profile)
          grp = x;
    }
  if (grp == NULL)
    return NULL;
  const TnetTimetable *tt = tnet_i_report_column_timetable (ctx, grp, error);
  if (tt == NULL)
    return NULL;
  const TnetParkRide *pr = NULL;
  if (profile == TNET_PROFILE_PARK_AND_RIDE
      && (pr = tnet_i_report_column_park_ride (ctx, grp, tt, error)) == NULL)
    return NULL;
  const TnetFeed *feed = NULL;
  tnet_dataset_get_feed (ctx->ds, tnet_scenario_get_year (ctx->scen), &feed, NULL);
  g_autofree char *feed_name = feed ? g_path_get_basename (tnet_feed_get_path (feed)) : NULL;
  TnetRaptorFailuresOptions fo;
  tnet_raptor_failures_options_init (&fo);
  fo.depart_s = grp->depart_s;
  fo.n_minutes = tnet_i_window_minutes (grp->window_ms);
  fo.max_walk_ms = grp->max_walk_ms;
  if (pr)
    return tnet_corridor_criticality_park_ride (ctx->net, ctx->scen, pr, feed_name, home, zz,
                                                FALSE, budget_ms, &fo, copts, error);
  return tnet_corridor_criticality_timetable (ctx->net, ctx->scen, tt, feed_name, home, zz,
                                              FALSE, budget_ms, &fo, copts, error);
}

static gboolean
run_corridors (const TnetReportContext *ctx, JsonBuilder *b, GString *text, GError **error)
{
  /* the mode groups of tnet corridors --modes, in the JSON's order */
  static const char *const groups[] = { "rail", "road", "all" };
  const TnetPlan *plan = ctx->plan;
  const char *home_id = plan ? tnet_plan_get_home (plan) : NULL;
  if (!home_id)
    return TRUE;
  TnetWeight budget_ms = (TnetWeight) llround (tnet_plan_get_double (plan, "budget_min") * 60000.0);
  guint k = (guint) tnet_plan_get_int (plan, "k");
  double detour = tnet_plan_get_double (plan, "detour");
  g_autofree char *home_spec = g_strdup_printf ("region:%s", home_id);
  const TnetNodeSet *home = tnet_i_report_node_set (ctx, home_spec);
  if (home == NULL)
    return TRUE;   /* no node in the home region: nothing to report */
  for (guint p = 0; p < tnet_plan_n_pairs (plan); p++)
    {
      const TnetPlanPair *pair = tnet_plan_get_pair (plan, p);
      if (!pair->disjoint_paths)
        continue;
      g_autofree char *spec = g_strdup_printf ("region:%s", pair->region);
      const TnetNodeSet *other = tnet_i_report_node_set (ctx, spec);
      if (other == NULL)
        continue;
      g_autofree char *key = g_strdup_printf ("%s_disjoint_paths", pair->id);
      g_autofree char *row = g_strdup_printf ("Link-disjoint paths %s-%s",
                                              tnet_plan_get_home_label (plan), pair->label);
      tnet_i_report_indicator (ctx, key, row, "paths", 0);
      /* the count of link-disjoint paths depends on which links there are,
       * not on their values: a draw takes its thread's first one */
      g_autofree char *kept_key = g_strdup_printf ("disjoint paths %s", pair->id);
      gpointer kept = ctx->keep ? g_datalist_get_data (ctx->keep, kept_key) : NULL;
      if (kept)
        {
          json_builder_set_member_name (b, key);
          json_builder_add_int_value (b, GPOINTER_TO_UINT (kept) - 1);
          continue;
        }
      g_autofree char *detail = g_strdup_printf ("%s_disjoint_paths_by_group", pair->id);
      guint all_links = 0;
      json_builder_set_member_name (b, detail);
      json_builder_begin_object (b);
      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        {
          guint mask = 0;
          tnet_corridor_modes_from_string (groups[g], &mask);
          g_autoptr (TnetCorridor) corr = tnet_corridor_analyse (ctx->net, ctx->scen, mask,
                                                                 home, other, k, budget_ms,
                                                                 detour, error);
          if (corr == NULL)
            {
              json_builder_end_object (b);
              return FALSE;
            }
          json_builder_set_member_name (b, groups[g]);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "link_disjoint");
          json_builder_add_int_value (b, corr->link_disjoint->n_paths);
          json_builder_set_member_name (b, "node_disjoint");
          json_builder_add_int_value (b, corr->node_disjoint->n_paths);
          json_builder_set_member_name (b, "least_time_min");
          json_builder_begin_array (b);
          for (guint i = 0; i < corr->fastest->n_paths; i++)
            json_builder_add_double_value (b, minutes1 (corr->fastest->paths[i].time_ms));
          json_builder_end_array (b);
          g_autofree char *within = g_strdup_printf ("within_%.0f_min",
                                                     tnet_plan_get_double (plan, "budget_min"));
          json_builder_set_member_name (b, within);
          json_builder_add_int_value (b, corr->n_within_budget);
          json_builder_end_object (b);
          if (mask == (TNET_MODES_RAIL | TNET_MODES_ROAD))
            all_links = corr->link_disjoint->n_paths;
          g_string_append_printf (text, "  %s to %s: %u link-disjoint, %u node-disjoint paths; "
                                  "fastest disjoint alternatives", groups[g],
                                  pair->label, corr->link_disjoint->n_paths,
                                  corr->node_disjoint->n_paths);
          for (guint i = 0; i < corr->fastest->n_paths; i++)
            g_string_append_printf (text, "%s%.1f", i ? ", " : " ",
                                    minutes1 (corr->fastest->paths[i].time_ms));
          g_string_append (text, " min\n");
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, key);
      json_builder_add_int_value (b, all_links);
      if (ctx->keep)
        g_datalist_set_data (ctx->keep, kept_key, GUINT_TO_POINTER (all_links + 1));
    }

  /* the most critical links for the critical pair */
  const char *critical = tnet_plan_get_critical_pair (plan);
  const TnetPlanPair *cp = NULL;
  for (guint p = 0; critical && p < tnet_plan_n_pairs (plan); p++)
    if (strcmp (tnet_plan_get_pair (plan, p)->id, critical) == 0)
      cp = tnet_plan_get_pair (plan, p);
  if (!cp)
    return TRUE;
  g_autofree char *cp_spec = g_strdup_printf ("region:%s", cp->region);
  const TnetNodeSet *zz = tnet_i_report_node_set (ctx, cp_spec);
  if (zz == NULL)
    return TRUE;
  /* scanned on each commute profile's own graph, so that the times are
   * the commute's (waits, transfers and layer rules included) */
  TnetProfile profiles[TNET_N_PROFILES];
  guint n_prof = tnet_i_report_commute_profiles (ctx, profiles);
  TnetCriticality *crits[TNET_N_PROFILES] = { NULL };
  TnetMultimodal *graphs[TNET_N_PROFILES] = { NULL };
  gboolean ok = TRUE;
  /* a draw runs on one thread: its scan too (the draws share the cores) */
  TnetCriticalityOptions copts;
  tnet_criticality_options_init (&copts);
  if (ctx->keep)
    copts.n_threads = 1;
  for (guint p = 0; ok && p < n_prof; p++)
    {
      graphs[p] = tnet_i_report_profile_graph (ctx, profiles[p], error);
      if (graphs[p] == NULL)
        ok = FALSE;
      else if ((profiles[p] == TNET_PROFILE_TRANSIT
                || profiles[p] == TNET_PROFILE_PARK_AND_RIDE)
               && (crits[p] = timetable_scan (ctx, profiles[p], home, zz, budget_ms, &copts,
                                              error)))
        ;   /* by the timetable, as the commute group's transit and park-and-ride */
      else if (error && *error)
        ok = FALSE;
      else
        crits[p] = tnet_corridor_criticality_profile (ctx->net, graphs[p], home, zz, FALSE,
                                                      budget_ms, &copts, error);
      ok = ok && crits[p] != NULL;
    }
  if (ok)
    write_critical_links (ctx, cp, home, zz, crits, graphs, profiles, n_prof, b, text);
  for (guint p = 0; p < n_prof; p++)
    tnet_criticality_free (crits[p]);
  return ok;
}

const TnetReportSection tnet_i_report_section_corridors = {
  "corridors", "Corridor redundancy", run_corridors
};
