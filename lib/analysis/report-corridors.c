/* report-corridors.c: the report's corridor redundancy section — disjoint
 * paths to Zhengzhou and to the airport zone, and the ten links whose
 * failure hurts the Xuchang → Zhengzhou commute most. */
#include "tnet-internal.h"
#include "report-private.h"

#define REPORT_BUDGET_MS (60u * 60000u)
#define REPORT_TOP 10

static const TnetReportIndicator corridor_indicators[] = {
  { "zhengzhou_disjoint_paths", "郑许间独立通道(链路不相交)", "Link-disjoint paths Xuchang-Zhengzhou", "paths", 0 },
  { "airport_disjoint_paths", "许昌至航空港区独立通道(链路不相交)", "Link-disjoint paths Xuchang-airport zone", "paths", 0 },
  { "critical_link_max_increase_min", "最关键路段中断的最大增时", "Largest increase from one link failure (to Zhengzhou)", "min", 1 },
  { NULL, NULL, NULL, NULL, 0 }
};

static double
minutes1 (guint64 ms)
{
  return round ((double) ms / 6000.0) / 10.0;
}

static gboolean
run_corridors (const TnetReportContext *ctx, JsonBuilder *b, GString *text, GError **error)
{
  static const struct {
    const char *prefix;
    const char *region;
    const char *label;
  } pairs[] = {
    { "zhengzhou", TNET_REPORT_ZHENGZHOU_REGION, "Zhengzhou" },
    { "airport", TNET_REPORT_AIRPORT_REGION, "airport zone" },
  };
  static const struct {
    const char *group;
    guint mask;
  } groups[] = {
    { "rail", TNET_MODES_RAIL },
    { "road", TNET_MODES_ROAD },
    { "all", TNET_MODES_RAIL | TNET_MODES_ROAD },
  };
  g_autoptr (TnetNodeSet) home = tnet_node_set_resolve (ctx->net, "region:" TNET_REPORT_HOME_REGION,
                                                        NULL);
  if (home == NULL)
    return TRUE;   /* a network without the plan's regions: nothing to report */
  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    {
      g_autofree char *spec = g_strdup_printf ("region:%s", pairs[p].region);
      g_autoptr (TnetNodeSet) other = tnet_node_set_resolve (ctx->net, spec, NULL);
      if (other == NULL)
        continue;
      g_autofree char *key = g_strdup_printf ("%s_disjoint_paths", pairs[p].prefix);
      g_autofree char *detail = g_strdup_printf ("%s_disjoint_paths_by_group", pairs[p].prefix);
      guint all_links = 0;
      json_builder_set_member_name (b, detail);
      json_builder_begin_object (b);
      for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
        {
          g_autoptr (TnetCorridor) corr = tnet_corridor_analyse (ctx->net, ctx->scen,
                                                                 groups[g].mask, home, other,
                                                                 5, REPORT_BUDGET_MS, 1.5, error);
          if (corr == NULL)
            {
              json_builder_end_object (b);
              return FALSE;
            }
          json_builder_set_member_name (b, groups[g].group);
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
          json_builder_set_member_name (b, "within_60_min");
          json_builder_add_int_value (b, corr->n_within_budget);
          json_builder_end_object (b);
          if (groups[g].mask == (TNET_MODES_RAIL | TNET_MODES_ROAD))
            all_links = corr->link_disjoint->n_paths;
          g_string_append_printf (text, "  %s to %s: %u link-disjoint, %u node-disjoint paths; "
                                  "fastest disjoint alternatives", groups[g].group,
                                  pairs[p].label, corr->link_disjoint->n_paths,
                                  corr->node_disjoint->n_paths);
          for (guint i = 0; i < corr->fastest->n_paths; i++)
            g_string_append_printf (text, "%s%.1f", i ? ", " : " ",
                                    minutes1 (corr->fastest->paths[i].time_ms));
          g_string_append (text, " min\n");
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, key);
      json_builder_add_int_value (b, all_links);
    }

  /* the ten most critical links for the commute to Zhengzhou */
  g_autoptr (TnetNodeSet) zz = tnet_node_set_resolve (ctx->net,
                                                      "region:" TNET_REPORT_ZHENGZHOU_REGION, NULL);
  if (zz == NULL)
    return TRUE;
  /* scanned on each commute profile's own graph, so that times are those
   * of the commute (waits and transfers included) */
  const guint n_prof = tnet_i_report_n_commute_profiles;
  TnetMultimodal **graphs = g_new0 (TnetMultimodal *, n_prof);
  if (!tnet_commute_build_graphs (ctx->net, ctx->scen, tnet_i_report_commute_profiles, n_prof,
                                  graphs, error))
    {
      g_free (graphs);
      return FALSE;
    }
  TnetCriticality **crits = g_new0 (TnetCriticality *, n_prof);
  gboolean ok = TRUE;
  for (guint p = 0; ok && p < n_prof; p++)
    {
      crits[p] = tnet_corridor_criticality_profile (ctx->net, graphs[p], home, zz, FALSE,
                                                    REPORT_BUDGET_MS, NULL, error);
      ok = crits[p] != NULL;
    }
  double worst = 0.0;
  for (guint p = 0; ok && p < n_prof; p++)
    for (guint r = 0; r < MIN (REPORT_TOP, tnet_criticality_n_items (crits[p])); r++)
      worst = MAX (worst, minutes1 (tnet_criticality_item (crits[p], r)->max_increase_ms));
  if (ok)
    {
      tnet_i_json_add_number (b, "critical_link_max_increase_min", worst, 1);
      json_builder_set_member_name (b, "critical_links");
      json_builder_begin_array (b);
    }
  for (guint p = 0; ok && p < n_prof; p++)
    {
      const TnetCriticality *crit = crits[p];
      const char *prof = tnet_profile_to_string (tnet_i_report_commute_profiles[p]);
      guint n_show = MIN (REPORT_TOP, tnet_criticality_n_items (crit));
      g_string_append_printf (text, "  critical links Xuchang → Zhengzhou, %s (%u zone pairs, "
                              "budget 60 min):\n", prof, tnet_criticality_n_pairs (crit));
      for (guint r = 0; r < n_show; r++)
        {
          const TnetCriticalityItem *it = tnet_criticality_item (crit, r);
          const TnetLink *link = tnet_network_link (ctx->net, it->element);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "link");
          json_builder_add_string_value (b, it->name);
          json_builder_set_member_name (b, "profile");
          json_builder_add_string_value (b, prof);
          json_builder_set_member_name (b, "line");
          json_builder_add_string_value (b, link->line ? link->line : "");
          json_builder_set_member_name (b, "pairs_slower");
          json_builder_add_int_value (b, it->n_pairs_slower);
          json_builder_set_member_name (b, "pairs_cut");
          json_builder_add_int_value (b, it->n_pairs_cut);
          json_builder_set_member_name (b, "pairs_out_of_budget");
          json_builder_add_int_value (b, it->n_pairs_out_of_budget);
          json_builder_set_member_name (b, "population_lost");
          json_builder_add_double_value (b, it->population_lost);
          json_builder_set_member_name (b, "max_increase_min");
          json_builder_add_double_value (b, minutes1 (it->max_increase_ms));
          json_builder_set_member_name (b, "total_increase_min");
          json_builder_add_double_value (b, minutes1 (it->total_increase_ms));
          json_builder_end_object (b);
          g_string_append_printf (text, "    %2u. %s (%s): %u pairs slower, %u out of budget, "
                                  "max +%.1f min\n", r + 1, it->name,
                                  link->line ? link->line : "-", it->n_pairs_slower,
                                  it->n_pairs_out_of_budget, minutes1 (it->max_increase_ms));
        }
    }
  for (guint p = 0; p < n_prof; p++)
    {
      if (crits[p])
        tnet_criticality_free (crits[p]);
      tnet_multimodal_unref (graphs[p]);
    }
  g_free (crits);
  g_free (graphs);
  if (!ok)
    return FALSE;
  json_builder_end_array (b);
  return TRUE;
}

const TnetReportSection tnet_i_report_section_corridors = {
  "corridors", "通道冗余 Corridor redundancy", corridor_indicators, run_corridors
};
