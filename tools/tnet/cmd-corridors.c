/* cmd-corridors.c: `tnet corridors A B` (line counts, disjoint paths,
 * least-time alternatives) and `tnet criticality A B` (ranked failures). */
#include "cli.h"
#include "cli-extra.h"
#include "commands.h"
#include "route-transit.h"
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <math.h>

/* minutes with one decimal, as shown to people */
static double
minutes (guint64 ms)
{
  return round ((double) ms / 6000.0) / 10.0;
}

/* "a > b > c": the places of tnet_corridor_path_places() */
static char *
path_nodes (const TnetNetwork *net, const TnetMultimodal *mm, const TnetPath *p)
{
  g_auto (GStrv) places = tnet_corridor_path_places (net, mm, p);
  return g_strjoinv (" > ", places);
}

static gboolean
resolve_ends (const TnetNetwork *net, char **args, TnetNodeSet **a, TnetNodeSet **b,
              GError **error)
{
  *a = tnet_node_set_resolve (net, args[0], error);
  if (*a == NULL)
    return FALSE;
  *b = tnet_node_set_resolve (net, args[1], error);
  return *b != NULL;
}

int
tnet_cmd_corridors (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  g_autofree char *modes = NULL;
  g_autofree char *profile_name = NULL;
  /* 0: not given, then the plan's [report] value (or its documented default) */
  int k = 0;
  double budget_min = 0, factor = 0;
  GOptionEntry entries[] = {
    { "modes", 0, 0, G_OPTION_ARG_STRING, &modes, "Mode group of the line counts and disjoint paths (and, without --profile, of the alternatives): rail, road or all (default: all)", "MODES" },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, "Least-time alternatives as journeys on this profile's graph (waits and transfers included); transit and park_and_ride by the frequency approximation (waits of half the headway), not the timetable route and commute follow by default", "car|transit|park_and_ride" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, "Least-time disjoint alternatives wanted (default: the plan's k, else 5)", "K" },
    { "budget", 0, 0, G_OPTION_ARG_DOUBLE, &budget_min, "Commute budget in minutes (default: the plan's budget_min, else 60)", "MIN" },
    { "factor", 0, 0, G_OPTION_ARG_DOUBLE, &factor, "Alternatives within FACTOR × the fastest count as usable (default: the plan's detour, else 1.5)", "FACTOR" },
    { NULL }
  };
  GError *error = NULL;
  g_autoptr (GOptionContext) ctx = g_option_context_new ("A B");
  g_option_context_set_summary (ctx, "Corridor redundancy between places A and B (a region "
                                "id, region:R, zones:R, a node id or name, kind:K, or a list; "
                                "docs/cli.md, Places): line counts, link- and node-disjoint "
                                "paths (min cut) and the least-time disjoint alternatives.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  tnet_cli_add_common_formats (ctx, &common, TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON
                                             | TNET_CLI_FORMAT_CSV
                                             | TNET_CLI_FORMAT_GEOJSON,
                               TNET_CLI_FORMAT_TEXT);
  int rc = TNET_EXIT_OK;
  const TnetNetwork *net = NULL;
  g_autoptr (TnetScenario) scen = NULL;
  g_autoptr (TnetNodeSet) a = NULL;
  g_autoptr (TnetNodeSet) b = NULL;
  TnetCliFormat fmt;
  guint mask = TNET_MODES_RAIL | TNET_MODES_ROAD;
  TnetProfile profile = TNET_PROFILE_CAR;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (argc != 3)
    rc = tnet_cli_usage (ctx, "expected two arguments A and B");
  else if (modes && !tnet_corridor_modes_from_string (modes, &mask))
    rc = tnet_cli_usage (ctx, "unknown --modes “%s” (expected rail, road or all)", modes);
  else if (profile_name && !tnet_profile_from_string (profile_name, &profile))
    rc = tnet_cli_usage (ctx, "unknown --profile “%s” (expected car, transit or "
                         "park_and_ride)", profile_name);
  else if ((k != 0 && (k < 1 || k > 1000)) || budget_min < 0 || !isfinite (budget_min)
           || (factor != 0 && !(factor >= 1.0)))
    rc = tnet_cli_usage (ctx, "expected -k in 1..1000, --budget > 0 and --factor >= 1");
  else if (!tnet_cli_format (&common, TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON
                                      | TNET_CLI_FORMAT_CSV | TNET_CLI_FORMAT_GEOJSON,
                              &fmt, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (!tnet_cli_load (&common, &net, &scen, &error)
           || !resolve_ends (net, argv + 1, &a, &b, &error))
    rc = tnet_cli_fail (ctx, error);
  if (rc == TNET_EXIT_OK)
    {
      const TnetPlan *plan = tnet_dataset_get_plan (common.dataset);
      if (k == 0)
        k = tnet_plan_get_int (plan, "k");
      if (budget_min == 0)
        budget_min = tnet_plan_get_double (plan, "budget_min");
      if (factor == 0)
        factor = tnet_plan_get_double (plan, "detour");
    }
  if (rc != TNET_EXIT_OK)
    {
      tnet_cli_common_clear (&common);
      return rc;
    }
  const char *group = mask == TNET_MODES_RAIL ? "rail" : mask == TNET_MODES_ROAD ? "road" : "all";
  g_autoptr (TnetCorridor) corr = NULL;
  g_autoptr (TnetMultimodal) mm = NULL;
  TnetWeight budget = (TnetWeight) (budget_min * 60000.0);
  if (profile_name == NULL)
    corr = tnet_corridor_analyse (net, scen, mask, a, b, (guint) k, budget, factor, &error);
  else if (tnet_cli_build_graphs (net, scen, &profile, 1, &mm, &error))
    corr = tnet_corridor_analyse_profile (net, scen, mm, mask, a, b, (guint) k, budget, factor,
                                          &error);
  if (corr == NULL)
    {
      tnet_cli_common_clear (&common);
      return tnet_cli_fail (ctx, error);
    }
  gboolean ok;
  int year = tnet_scenario_get_year (scen);
  if (fmt != TNET_CLI_FORMAT_TEXT)
    {
      g_autofree char *text = fmt == TNET_CLI_FORMAT_JSON
                              ? tnet_corridor_to_json (corr, net, a, b, year, TRUE)
                              : fmt == TNET_CLI_FORMAT_GEOJSON
                              ? tnet_corridor_to_geojson (corr, net, a, b, year)
                              : tnet_corridor_to_csv (corr, net);
      ok = tnet_cli_write (&common, text, &error);
    }
  else
    {
      g_autoptr (GString) s = g_string_new (NULL);
      g_string_append_printf (s, "Corridor %s → %s, %s, %d\n", a->spec, b->spec, group,
                              tnet_scenario_get_year (scen));
      g_string_append_printf (s, "  lines joining them on their own: %u\n", corr->n_lines);
      for (guint i = 0; i < corr->lines->len; i++)
        g_string_append_printf (s, "    %s\n", (const char *) corr->lines->pdata[i]);
      g_string_append_printf (s, "  link-disjoint paths (min cut): %u\n", corr->link_disjoint->n_paths);
      for (guint i = 0; i < corr->link_disjoint->n_paths; i++)
        {
          g_autofree char *nodes = path_nodes (net, NULL, &corr->link_disjoint->paths[i]);
          g_string_append_printf (s, "    %s\n", nodes);
        }
      g_string_append_printf (s, "  node-disjoint paths: %u\n", corr->node_disjoint->n_paths);
      for (guint i = 0; i < corr->node_disjoint->n_paths; i++)
        {
          g_autofree char *nodes = path_nodes (net, NULL, &corr->node_disjoint->paths[i]);
          g_string_append_printf (s, "    %s\n", nodes);
        }
      /* the alternatives are paths of the profile's graph: transit and
       * park_and_ride by the frequency approximation, not the timetable
       * `route` and `commute` follow by default; say so */
      const char *model = profile_name == NULL ? ""
                          : profile == TNET_PROFILE_CAR ? " (network)"
                          : " (frequency approximation: waits of half the headway, not the "
                            "timetable of route and commute)";
      g_string_append_printf (s, "  least-time link-disjoint alternatives (zone to zone%s%s%s): "
                              "%u, %u within %.0f min, %u within %.2f × the fastest\n",
                              profile_name ? ", profile " : "",
                              profile_name ? tnet_profile_to_string (profile) : "", model,
                              corr->fastest->n_paths, corr->n_within_budget, budget_min,
                              corr->n_within_factor, factor);
      for (guint i = 0; i < corr->fastest->n_paths; i++)
        {
          g_autofree char *nodes = path_nodes (net, corr->mm, &corr->fastest->paths[i]);
          g_string_append_printf (s, "    %6.1f min  %s\n", minutes (corr->fastest->paths[i].time_ms),
                                  nodes);
        }
      ok = tnet_cli_write (&common, s->str, &error);
    }
  tnet_cli_common_clear (&common);
  return ok ? TNET_EXIT_OK : tnet_cli_fail (ctx, error);
}

static const char *
time_str (TnetWeight t, char *buf, gsize len)
{
  if (t == TNET_WEIGHT_INF)
    g_strlcpy (buf, "cut", len);
  else
    g_ascii_formatd (buf, len, "%.1f", minutes (t));
  return buf;
}

/* The text of `tnet criticality`: the scan's heading with its model, then
 * the @n_show first items with their worst pair and detour. */
static char *
criticality_text (const TnetCriticality *crit, const TnetNetwork *net, const TnetMultimodal *mm,
                  const TnetNodeSet *a, const TnetNodeSet *b, gboolean by_line,
                  TnetProfile profile, const char *model, int year, guint n_show,
                  gboolean by_timetable)
{
  char b1[32], b2[32];
  GString *s = g_string_new (NULL);
  g_string_printf (s, "Criticality %s → %s by %s, profile %s (%s), %d: %u OD pairs, "
                   "%u %ss on a %s examined, %u with a loss\n", a->spec, b->spec,
                   by_line ? "line" : "link", tnet_profile_to_string (profile), model,
                   year, tnet_criticality_n_pairs (crit),
                   tnet_criticality_n_candidates (crit), by_line ? "line" : "link",
                   by_timetable ? "journey" : "shortest path", tnet_criticality_n_items (crit));
  for (guint r = 0; r < n_show; r++)
    {
      const TnetCriticalityItem *it = tnet_criticality_item (crit, r);
      guint p = it->worst_pair;
      TnetId o = TNET_ID_NONE, d = TNET_ID_NONE;
      tnet_corridor_pair_zones (a, b, p, &o, &d);
      const char *from = tnet_network_node (net, o)->id;
      const char *to = tnet_network_node (net, d)->id;
      time_str (tnet_criticality_base_time (crit, p), b1, sizeof b1);
      time_str (tnet_criticality_time (crit, r, p), b2, sizeof b2);
      g_string_append_printf (s, "%3u. %s: %u pairs slower, %u cut, %u out of budget, "
                              "population lost %.0f, max +%.1f min\n"
                              "     worst %s → %s: %s → %s min\n", r + 1, it->name,
                              it->n_pairs_slower, it->n_pairs_cut,
                              it->n_pairs_out_of_budget, it->population_lost,
                              minutes (it->max_increase_ms), from, to, b1, b2);
      g_auto (GStrv) places = tnet_corridor_criticality_detour_places (crit, net, mm, r, p);
      if (places)
        {
          g_autofree char *nodes = g_strjoinv (" > ", places);
          g_string_append_printf (s, "     detour: %s\n", nodes);
        }
    }
  return g_string_free (s, FALSE);
}

int
tnet_cmd_criticality (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  g_autofree char *profile_name = NULL;
  g_autofree char *by = NULL;
  int top = 0, threads = 0;      /* top 0: the plan's [report] top */
  double budget_min = 0;         /* 0: the plan's budget_min */
  GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, "Scan this profile (default: car): transit by the timetable, as route and commute follow it (--frequency-model: on the frequency approximation's graph); car and park_and_ride on the profile's graph, waits and transfers included", "car|transit|park_and_ride" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Remove one link or one whole line at a time (default: link)", "link|line" },
    { "top", 0, 0, G_OPTION_ARG_INT, &top, "Show the N worst (default: the plan's top, else 10)", "N" },
    { "budget", 0, 0, G_OPTION_ARG_DOUBLE, &budget_min, "Commute budget in minutes (default: the plan's budget_min, else 60)", "MIN" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "Worker threads (default: one per processor)", "N" },
    { NULL }
  };
  GError *error = NULL;
  TnetCliTimeArgs targs = { .one_percentile = TRUE, .plan_defaults = TRUE };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("A B");
  g_option_context_set_summary (ctx, "Ranks the links (or lines) of the network by the loss "
                                "their removal causes to the travel times from the zones of A "
                                "to the zones of B, with the detour of the worst pair.\n"
                                "Transit follows the scenario year's GTFS timetable, as "
                                "commute: a pair's base time is its commute time, the median "
                                "over the window. The defaults come from the data set's "
                                "plan.ini first [commute] group when it has depart (its depart, "
                                "date, window and max_walk), otherwise departing 08:00 on the "
                                "feed's busiest day, window 0; --depart, --date, --window, "
                                "--percentile and --max-walk override them. A link failure "
                                "blocks every trip hop that runs over "
                                "the link, a line failure every trip of the line. "
                                "--frequency-model (or a folder without a feed) scans the "
                                "frequency approximation's graph instead; park_and_ride always "
                                "does.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  tnet_cli_time_args_add (ctx, &targs, "transit: scan the frequency approximation's graph "
                          "(expected waits of half the headway) instead of the timetable");
  tnet_cli_add_common_formats (ctx, &common, TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON
                                             | TNET_CLI_FORMAT_CSV
                                             | TNET_CLI_FORMAT_GEOJSON,
                               TNET_CLI_FORMAT_TEXT);
  int rc = TNET_EXIT_OK;
  const TnetNetwork *net = NULL;
  g_autoptr (TnetScenario) scen = NULL;
  g_autoptr (TnetNodeSet) a = NULL;
  g_autoptr (TnetNodeSet) b = NULL;
  TnetCliFormat fmt;
  TnetProfile profile = TNET_PROFILE_CAR;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (argc != 3)
    rc = tnet_cli_usage (ctx, "expected two arguments A and B");
  else if (profile_name && !tnet_profile_from_string (profile_name, &profile))
    rc = tnet_cli_usage (ctx, "unknown --profile “%s” (expected car, transit or "
                         "park_and_ride)", profile_name);
  else if (by && strcmp (by, "link") != 0 && strcmp (by, "line") != 0)
    rc = tnet_cli_usage (ctx, "unknown --by “%s” (expected link or line)", by);
  else if (top < 0 || budget_min < 0 || !isfinite (budget_min) || threads < 0 || threads > 256)
    rc = tnet_cli_usage (ctx, "expected --top >= 1, --budget > 0 and --threads in 0..256");
  else if (!tnet_cli_format (&common, TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON
                                      | TNET_CLI_FORMAT_CSV | TNET_CLI_FORMAT_GEOJSON,
                              &fmt, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (!tnet_cli_load (&common, &net, &scen, &error)
           || !resolve_ends (net, argv + 1, &a, &b, &error))
    rc = tnet_cli_fail (ctx, error);
  TnetCliTimeOptions topt = { 0 };
  TnetCommuteTiming timing;
  tnet_cli_plan_timing (common.dataset, &timing);   /* the defaults of commute */
  if (rc == TNET_EXIT_OK && !tnet_cli_time_args_parse_with (&targs, &timing, &topt, &error))
    rc = tnet_cli_fail (ctx, error);
  g_autoptr (GArray) pcts = topt.percentiles;
  if (rc != TNET_EXIT_OK)
    {
      tnet_cli_time_args_clear (&targs);
      tnet_cli_common_clear (&common);
      return rc;
    }
  const TnetPlan *plan = tnet_dataset_get_plan (common.dataset);
  if (top == 0)
    top = tnet_plan_get_int (plan, "top");
  if (budget_min == 0)
    budget_min = tnet_plan_get_double (plan, "budget_min");
  gboolean by_line = by && strcmp (by, "line") == 0;
  TnetWeight budget = (TnetWeight) (budget_min * 60000.0);
  TnetCriticalityOptions copts;
  tnet_criticality_options_init (&copts);
  copts.n_threads = (guint) threads;
  copts.progress = tnet_cli_progress_func (&common);
  copts.progress_data = &common;
  g_autoptr (TnetMultimodal) mm = NULL;
  g_autoptr (TnetCriticality) crit = NULL;
  g_autoptr (TnetTimetable) tt = NULL;
  g_autoptr (GPtrArray) feeds = NULL;
  g_autofree char *feed_name = NULL;
  if (profile == TNET_PROFILE_TRANSIT)
    tt = tnet_cli_transit_timetable (net, scen, &targs, &topt, common.quiet, &feed_name, &feeds,
                                     &error);
  /* (a headway factor of a scenario file: the error, and no scan) */
  if (tt != NULL && tnet_cli_check_headway_timetable (&common, &error))
    {
      TnetRaptorFailuresOptions fo;
      tnet_raptor_failures_options_init (&fo);
      fo.depart_s = topt.depart_s;
      fo.n_minutes = topt.window_min;
      fo.percentile = g_array_index (pcts, double, 0);
      fo.max_walk_s = topt.max_walk_s;
      crit = tnet_corridor_criticality_timetable (net, scen, tt, feed_name, a, b, by_line,
                                                  budget, &fo, &copts, &error);
    }
  else if (error == NULL && tnet_cli_build_graphs (net, scen, &profile, 1, &mm, &error))
    crit = tnet_corridor_criticality_profile (net, mm, a, b, by_line, budget, &copts, &error);
  tnet_cli_time_args_clear (&targs);
  if (crit == NULL)
    {
      tnet_cli_common_clear (&common);
      return tnet_cli_fail (ctx, error);
    }
  g_autofree char *model = tnet_corridor_criticality_model (crit, mm);
  guint n_show = MIN ((guint) top, tnet_criticality_n_items (crit));
  int year = tnet_scenario_get_year (scen);
  gboolean ok;
  if (fmt == TNET_CLI_FORMAT_JSON)
    {
      g_autofree char *text = tnet_corridor_criticality_to_json (crit, net, mm, a, b, by_line,
                                                                 year, (guint) top, TRUE);
      ok = tnet_cli_write (&common, text, &error);
    }
  else if (fmt == TNET_CLI_FORMAT_CSV)
    {
      g_autofree char *text = tnet_corridor_criticality_to_csv (crit, net, a, b, (guint) top);
      ok = tnet_cli_write (&common, text, &error);
    }
  else if (fmt == TNET_CLI_FORMAT_GEOJSON)
    {
      const TnetFeed *feed = NULL;
      if (common.dataset && profile != TNET_PROFILE_CAR)
        tnet_dataset_get_feed (common.dataset, year, &feed, NULL);   /* read for the graph */
      g_autofree char *text = tnet_corridor_criticality_to_geojson (crit, net, scen, feed, a,
                                                                    b, by_line, (guint) top);
      ok = tnet_cli_write (&common, text, &error);
    }
  else
    {
      g_autofree char *text = criticality_text (crit, net, mm, a, b, by_line, profile, model,
                                                year, n_show, tt != NULL);
      ok = tnet_cli_write (&common, text, &error);
    }
  tnet_cli_common_clear (&common);
  return ok ? TNET_EXIT_OK : tnet_cli_fail (ctx, error);
}
