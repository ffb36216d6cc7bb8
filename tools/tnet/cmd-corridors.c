/* cmd-corridors.c: `tnet corridors A B` (line counts, disjoint paths,
 * least-time alternatives) and `tnet criticality A B` (ranked failures). */
#include "cli.h"
#include "cli-extra.h"
#include "commands.h"
#include "route-transit.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

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

static char *
clock_str (gint32 t)
{
  return g_strdup_printf ("%02d:%02d:%02d", t / 3600, t / 60 % 60, t % 60);
}

/* The text of the least-time alternatives by the timetable: the model,
 * then per alternative its time, pair, departure and places, and its
 * drive and rides with clock times. */
static void
alternatives_text (GString *s, const TnetCorridor *corr, const TnetNetwork *net,
                   double budget_min, double factor)
{
  g_autofree char *model = tnet_corridor_model (corr);
  g_string_append_printf (s, "  least-time %s-disjoint alternatives (zone to zone, profile "
                          "%s, %s): %u, %u within %.0f min, %u within %.2f × the "
                          "fastest\n", corr->disjoint == TNET_RAPTOR_DISJOINT_LINES ? "line"
                          : "hop", corr->park_ride ? "park_and_ride" : "transit", model,
                          corr->journeys->len, corr->n_within_budget,
                          budget_min, corr->n_within_factor, factor);
  for (guint i = 0; i < corr->journeys->len; i++)
    {
      const TnetRaptorAlternative *alt = &g_array_index (corr->journeys,
                                                         TnetRaptorAlternative, i);
      g_auto (GStrv) places = tnet_corridor_journey_places (corr, net, i);
      g_autofree char *nodes = g_strjoinv (" > ", places);
      g_string_append_printf (s, "    %6.1f min  departing %02d:%02d  %s\n",
                              minutes ((guint64) alt->time_s * 1000), alt->depart_s / 3600,
                              alt->depart_s / 60 % 60, nodes);
      for (guint j = 0; j < alt->legs->len; j++)
        {
          const TnetTransitLeg *l = &g_array_index (alt->legs, TnetTransitLeg, j);
          g_autofree char *c0 = clock_str (l->start_s), *c1 = clock_str (l->end_s);
          if (l->kind == TNET_TRANSIT_LEG_DRIVE)
            g_string_append_printf (s, "               drive %s %s → %s %s, park\n", c0,
                                    tnet_network_node (net, alt->origin)->id, c1,
                                    tnet_network_node (net, l->node)->id);
          if (l->kind != TNET_TRANSIT_LEG_RIDE)
            continue;
          g_string_append_printf (s, "               %s %s %s → %s %s\n",
                                  l->route_name ? l->route_name : "?", c0,
                                  tnet_timetable_stop_id (corr->tt, l->from_stop), c1,
                                  tnet_timetable_stop_id (corr->tt, l->to_stop));
        }
    }
}

/* The formats of both commands; text is the default. */
#define CORRIDOR_FORMATS (TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON | TNET_CLI_FORMAT_CSV \
                          | TNET_CLI_FORMAT_GEOJSON)

/* What both commands work on after their options: the output format, the
 * network and scenario of the data folder (@net borrowed from the
 * command's TnetCliCommon) and the node sets of the places A and B. */
typedef struct {
  TnetCliFormat fmt;
  const TnetNetwork *net;
  TnetScenario *scen;
  TnetNodeSet *a, *b;
} Ends;

static void
ends_clear (Ends *e)
{
  g_clear_pointer (&e->b, tnet_node_set_free);
  g_clear_pointer (&e->a, tnet_node_set_free);
  g_clear_pointer (&e->scen, tnet_scenario_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Ends, ends_clear)

/* Both commands after their options: the --format, the data and scenario,
 * and the places A and B (@argv[1], @argv[2]) into @e. */
static gboolean
load_ends (TnetCliCommon *common, char **argv, Ends *e, GError **error)
{
  if (!tnet_cli_format (common, CORRIDOR_FORMATS, &e->fmt, error)
      || !tnet_cli_load (common, &e->net, &e->scen, error))
    return FALSE;
  e->a = tnet_node_set_resolve (e->net, argv[1], error);
  if (e->a == NULL)
    return FALSE;
  e->b = tnet_node_set_resolve (e->net, argv[2], error);
  return e->b != NULL;
}

/* The options of the timetable and of park-and-ride, with the defaults of
 * `tnet commute` (the plan's first [commute] group's when it has depart). */
static gboolean
parse_timing (const TnetCliCommon *common, TnetCliTimeArgs *targs,
              const TnetCliParkRideArgs *pra, TnetCliTimeOptions *topt,
              TnetParkRideOptions *po, GError **error)
{
  TnetCommuteTiming timing;
  tnet_cli_plan_timing (common->dataset, &timing);
  return tnet_cli_time_args_parse_with (targs, &timing, topt, error)
         && tnet_cli_park_ride_args_parse_with (pra, &timing.park_ride, po, error);
}

/* The text of the least-time alternatives on a graph (@profile NULL: the
 * network's). */
static void
fastest_text (GString *s, const TnetCorridor *corr, const TnetNetwork *net,
              const TnetProfile *profile, double budget_min, double factor)
{
  const char *profile_name = profile ? tnet_profile_to_string (*profile) : NULL;
  /* the alternatives are paths of the profile's graph: transit (with
   * --frequency-model or no feed) and park_and_ride by the frequency
   * approximation, not the timetable `route` and `commute` follow by
   * default; say so */
  const char *model = profile_name == NULL ? ""
                      : *profile == TNET_PROFILE_CAR ? " (network)"
                      : " (frequency approximation: waits of half the headway, not the "
                        "timetable of route and commute)";
  g_string_append_printf (s, "  least-time link-disjoint alternatives (zone to zone%s%s%s): "
                          "%u, %u within %.0f min, %u within %.2f × the fastest\n",
                          profile_name ? ", profile " : "",
                          profile_name ? profile_name : "", model,
                          corr->fastest->n_paths, corr->n_within_budget, budget_min,
                          corr->n_within_factor, factor);
  for (guint i = 0; i < corr->fastest->n_paths; i++)
    {
      g_autofree char *nodes = path_nodes (net, corr->mm, &corr->fastest->paths[i]);
      g_string_append_printf (s, "    %6.1f min  %s\n", minutes (corr->fastest->paths[i].time_ms),
                              nodes);
    }
}

/* --disjoint (NULL: hops). */
static gboolean
disjoint_from_string (const char *name, TnetRaptorDisjoint *out)
{
  *out = name && strcmp (name, "lines") == 0 ? TNET_RAPTOR_DISJOINT_LINES
                                             : TNET_RAPTOR_DISJOINT_HOPS;
  return name == NULL || strcmp (name, "hops") == 0 || strcmp (name, "lines") == 0;
}

/* The corridor of `tnet corridors`: with --profile transit or
 * park_and_ride by the scenario year's timetable (@topt, @po), unless
 * --frequency-model or a folder without a feed (then on the profile's
 * graph, *@mm); with no profile over the network. *@feeds keeps the
 * timetable's trip ids and names: it must outlive the result. */
static TnetCorridor *
corridor_compute (const TnetNetwork *net, const TnetScenario *scen, TnetCliCommon *common,
                  TnetCliTimeArgs *targs, const TnetCliTimeOptions *topt,
                  const TnetParkRideOptions *po, const TnetProfile *profile, guint mask,
                  const TnetNodeSet *a, const TnetNodeSet *b, guint k, TnetWeight budget,
                  double factor, TnetRaptorDisjoint dj, TnetMultimodal **mm, GPtrArray **feeds,
                  GError **error)
{
  g_autoptr (TnetTimetable) tt = NULL;
  g_autofree char *feed_name = NULL;
  g_autoptr (TnetParkRide) pr = NULL;
  if (profile != NULL && *profile != TNET_PROFILE_CAR)
    tt = tnet_cli_transit_timetable (net, scen, targs, topt, common->quiet, &feed_name, feeds,
                                     error);
  if (tt != NULL && *profile == TNET_PROFILE_PARK_AND_RIDE
      && (!tnet_cli_check_headway_timetable (common, error)
          || (pr = tnet_park_ride_new (tt, net, scen, po, error)) == NULL))
    return NULL;
  if (*error != NULL)
    return NULL;
  if (tt == NULL && profile != NULL
      && !tnet_cli_build_graphs (net, scen, profile, 1, mm, error))
    return NULL;
  return tnet_cli_corridor_analyse (net, scen, *mm, tt, pr, feed_name, mask, a, b, k, budget,
                                    factor, dj, topt,
                                    g_array_index (topt->percentiles, double, 0), error);
}

/* The text of `tnet corridors`: the heading, the line counts, the
 * disjoint sets and the least-time alternatives (@profile NULL: none
 * given). */
static char *
corridor_text (const TnetCorridor *corr, const TnetNetwork *net, const TnetNodeSet *a,
               const TnetNodeSet *b, const char *group, int year, const TnetProfile *profile,
               double budget_min, double factor)
{
  g_autoptr (GString) s = g_string_new (NULL);
  g_string_append_printf (s, "Corridor %s → %s, %s, %d\n", a->spec, b->spec, group, year);
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
  if (corr->journeys)
    alternatives_text (s, corr, net, budget_min, factor);
  else
    fastest_text (s, corr, net, profile, budget_min, factor);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

int
tnet_cmd_corridors (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  g_autofree char *modes = NULL;
  g_autofree char *profile_name = NULL;
  g_autofree char *disjoint_name = NULL;
  /* 0: not given, then the plan's [report] value (or its documented default) */
  int k = 0;
  double budget_min = 0, factor = 0;
  TnetCliParkRideArgs pra = TNET_CLI_PARK_RIDE_ARGS_INIT;
  GOptionEntry entries[] = {
    { "modes", 0, 0, G_OPTION_ARG_STRING, &modes, "Mode group of the line counts and disjoint paths (and, without --profile, of the alternatives): rail, road or all (default: all)", "MODES" },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, "Least-time alternatives as journeys of this profile: transit and park_and_ride by the scenario year's GTFS timetable, as route and commute (--frequency-model, or a folder without a feed: on the frequency approximation's graph); car on the road network", "car|transit|park_and_ride" },
    { "disjoint", 0, 0, G_OPTION_ARG_STRING, &disjoint_name, "transit and park_and_ride by the timetable: what an alternative must not share with the earlier ones: hops (no ride from a stop to the same next stop) or lines (no route of the same name) (default: hops)", "hops|lines" },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, "Least-time disjoint alternatives wanted (default: the plan's k, else 5)", "K" },
    { "budget", 0, 0, G_OPTION_ARG_DOUBLE, &budget_min, "Commute budget in minutes (default: the plan's budget_min, else 60)", "MIN" },
    { "factor", 0, 0, G_OPTION_ARG_DOUBLE, &factor, "Alternatives within FACTOR × the fastest count as usable (default: the plan's detour, else 1.5)", "FACTOR" },
    PARK_RIDE_PLAN_ENTRIES (pra),
    { NULL }
  };
  GError *error = NULL;
  g_autoptr (GOptionContext) ctx = g_option_context_new ("A B");
  g_option_context_set_summary (ctx, "Corridor redundancy between places A and B (a region "
                                "id, region:R, zones:R, a node id or name, kind:K, or a list; "
                                "docs/cli.md, Places): line counts, link- and node-disjoint "
                                "paths (min cut) and the least-time disjoint alternatives.\n"
                                "With --profile transit the alternatives follow the scenario "
                                "year's GTFS timetable, as route and commute: the first is the "
                                "best journey of any zone pair (its time the commute cell, the "
                                "median over the window; the defaults come from the data "
                                "set's plan.ini first [commute] group when it has depart, "
                                "otherwise departing 08:00 on the feed's busiest day, window "
                                "0; --depart, --date, --window, --percentile and --max-walk "
                                "override them); each next one the best journey "
                                "that rides none of the hops (--disjoint lines: lines) the "
                                "earlier ones' journeys ride at any minute of the window. "
                                "park_and_ride follows the timetable too, as commute: drive to "
                                "a parking place (--drive-budget, --park-time, "
                                "--parking-radius), park, walk, ride; the first alternative is "
                                "the best commute cell of any zone pair, each next one rides "
                                "nothing the earlier ones rode (drives may be shared). "
                                "--frequency-model (or a folder without a feed) takes the "
                                "frequency approximation's graph instead.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  TnetCliTimeArgs targs = { .one_percentile = TRUE, .plan_defaults = TRUE };
  tnet_cli_time_args_add (ctx, &targs, "transit: alternatives on the frequency "
                          "approximation's graph (expected waits of half the headway) instead "
                          "of the timetable");
  tnet_cli_add_common_formats (ctx, &common, CORRIDOR_FORMATS, TNET_CLI_FORMAT_TEXT);
  int rc = TNET_EXIT_OK;
  g_auto (Ends) e = { 0 };
  TnetCliTimeOptions topt = { 0 };
  TnetRaptorDisjoint dj = TNET_RAPTOR_DISJOINT_HOPS;
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
  else if (!disjoint_from_string (disjoint_name, &dj))
    rc = tnet_cli_usage (ctx, "unknown --disjoint “%s” (expected hops or lines)", disjoint_name);
  else if (!tnet_cli_frequency_model_check (&targs, &pra, &error))
    rc = tnet_cli_fail (ctx, error);
  else if ((k != 0 && (k < 1 || k > 1000)) || budget_min < 0 || !isfinite (budget_min)
           || (factor != 0 && !(factor >= 1.0)))
    rc = tnet_cli_usage (ctx, "expected -k in 1..1000, --budget > 0 and --factor >= 1");
  else if (!load_ends (&common, argv, &e, &error))
    rc = tnet_cli_fail (ctx, error);
  TnetParkRideOptions po;
  if (rc == TNET_EXIT_OK && !parse_timing (&common, &targs, &pra, &topt, &po, &error))
    rc = tnet_cli_fail (ctx, error);
  if (rc == TNET_EXIT_OK)
    tnet_cli_plan_defaults (tnet_dataset_get_plan (common.dataset), &k, NULL, &budget_min,
                            &factor);
  g_autoptr (GArray) pcts = topt.percentiles;
  if (rc != TNET_EXIT_OK)
    {
      tnet_cli_time_args_clear (&targs);
      tnet_cli_common_clear (&common);
      return rc;
    }
  const char *group = mask == TNET_MODES_RAIL ? "rail" : mask == TNET_MODES_ROAD ? "road" : "all";
  g_autoptr (TnetMultimodal) mm = NULL;
  g_autoptr (GPtrArray) feeds = NULL;   /* the timetable's trip ids and names: keep */
  g_autoptr (TnetCorridor) corr
    = corridor_compute (e.net, e.scen, &common, &targs, &topt, &po,
                        profile_name ? &profile : NULL, mask, e.a, e.b, (guint) k,
                        (TnetWeight) (budget_min * 60000.0), factor, dj, &mm, &feeds, &error);
  tnet_cli_time_args_clear (&targs);
  if (corr == NULL)
    {
      tnet_cli_common_clear (&common);
      return tnet_cli_fail (ctx, error);
    }
  int year = tnet_scenario_get_year (e.scen);
  g_autofree char *text
    = e.fmt == TNET_CLI_FORMAT_JSON ? tnet_corridor_to_json (corr, e.net, e.a, e.b, year, TRUE)
    : e.fmt == TNET_CLI_FORMAT_GEOJSON ? tnet_corridor_to_geojson (corr, e.net, e.a, e.b, year)
    : e.fmt == TNET_CLI_FORMAT_CSV ? tnet_corridor_to_csv (corr, e.net)
    : corridor_text (corr, e.net, e.a, e.b, group, year, profile_name ? &profile : NULL,
                     budget_min, factor);
  return tnet_cli_finish (ctx, &common, text);
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
  g_autofree char *empty = tnet_corridor_criticality_empty_reason (crit);
  if (empty)
    g_string_append_printf (s, "  nothing ranked: %s\n", empty);
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

/* The scan's options: @threads workers, the command's progress line. */
static void
criticality_options (TnetCriticalityOptions *copts, int threads, TnetCliCommon *common)
{
  tnet_criticality_options_init (copts);
  copts->n_threads = (guint) threads;
  copts->progress = tnet_cli_progress_func (common);
  copts->progress_data = common;
}

int
tnet_cmd_criticality (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  g_autofree char *profile_name = NULL;
  g_autofree char *by = NULL;
  int top = 0, threads = 0;      /* top 0: the plan's [report] top */
  TnetCliParkRideArgs pra = TNET_CLI_PARK_RIDE_ARGS_INIT;
  double budget_min = 0;         /* 0: the plan's budget_min */
  GOptionEntry entries[] = {
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_name, "Scan this profile (default: car): transit and park_and_ride by the timetable, as route and commute follow it (--frequency-model: on the frequency approximation's graph, waits and transfers included); car on the road network", "car|transit|park_and_ride" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Remove one link or one whole line at a time (default: link)", "link|line" },
    { "top", 0, 0, G_OPTION_ARG_INT, &top, "Show the N worst (default: the plan's top, else 10)", "N" },
    { "budget", 0, 0, G_OPTION_ARG_DOUBLE, &budget_min, "Commute budget in minutes (default: the plan's budget_min, else 60)", "MIN" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "Worker threads (default: one per processor)", "N" },
    PARK_RIDE_PLAN_ENTRIES (pra),
    { NULL }
  };
  GError *error = NULL;
  TnetCliTimeArgs targs = { .one_percentile = TRUE, .plan_defaults = TRUE };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("A B");
  g_option_context_set_summary (ctx, "Ranks the links (or lines) of the network by the loss "
                                "their removal causes to the travel times from the zones of A "
                                "to the zones of B, with the detour of the worst pair.\n"
                                "Transit and park_and_ride follow the scenario year's GTFS "
                                "timetable, as commute: a pair's base time is its commute time, "
                                "the median over the window. The defaults come from the data "
                                "set's plan.ini first [commute] group when it has depart (its "
                                "depart, date, window, max_walk and park-and-ride keys), "
                                "otherwise departing 08:00 on the "
                                "feed's busiest day, window 0; --depart, --date, --window, "
                                "--percentile and --max-walk override them. A link failure "
                                "blocks every trip hop that runs over "
                                "the link, a line failure every trip of the line. "
                                "park_and_ride follows the timetable too, as commute: drive to a "
                                "parking place (--drive-budget, --park-time, --parking-radius), "
                                "park, walk, ride; a link failure also closes the link to the "
                                "drive. --frequency-model (or a folder without a feed) scans the "
                                "frequency approximation's graph instead.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  tnet_cli_time_args_add (ctx, &targs, "transit: scan the frequency approximation's graph "
                          "(expected waits of half the headway) instead of the timetable");
  tnet_cli_add_common_formats (ctx, &common, CORRIDOR_FORMATS, TNET_CLI_FORMAT_TEXT);
  int rc = TNET_EXIT_OK;
  g_auto (Ends) e = { 0 };
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
  else if (!load_ends (&common, argv, &e, &error))
    rc = tnet_cli_fail (ctx, error);
  TnetCliTimeOptions topt = { 0 };
  TnetParkRideOptions po;
  if (rc == TNET_EXIT_OK
      && (!tnet_cli_frequency_model_check (&targs, &pra, &error)
          || !parse_timing (&common, &targs, &pra, &topt, &po, &error)))
    rc = tnet_cli_fail (ctx, error);
  g_autoptr (GArray) pcts = topt.percentiles;
  if (rc != TNET_EXIT_OK)
    {
      tnet_cli_time_args_clear (&targs);
      tnet_cli_common_clear (&common);
      return rc;
    }
  tnet_cli_plan_defaults (tnet_dataset_get_plan (common.dataset), NULL, &top, &budget_min,
                          NULL);
  gboolean by_line = by && strcmp (by, "line") == 0;
  TnetWeight budget = (TnetWeight) (budget_min * 60000.0);
  TnetCriticalityOptions copts;
  criticality_options (&copts, threads, &common);
  g_autoptr (TnetMultimodal) mm = NULL;
  g_autoptr (TnetCriticality) crit = NULL;
  g_autoptr (TnetTimetable) tt = NULL;
  g_autoptr (GPtrArray) feeds = NULL;
  g_autofree char *feed_name = NULL;
  if (profile != TNET_PROFILE_CAR)
    tt = tnet_cli_transit_timetable (e.net, e.scen, &targs, &topt, common.quiet, &feed_name,
                                     &feeds, &error);
  g_autoptr (TnetParkRide) pr = NULL;
  /* (a headway factor of a scenario file: the error, and no scan) */
  if (tt != NULL && tnet_cli_check_headway_timetable (&common, &error)
      && profile == TNET_PROFILE_PARK_AND_RIDE)
    pr = tnet_park_ride_new (tt, e.net, e.scen, &po, &error);
  if (error == NULL && (tt != NULL || tnet_cli_build_graphs (e.net, e.scen, &profile, 1,
                                                             &mm, &error)))
    crit = tnet_cli_criticality_scan (e.net, e.scen, mm, tt, pr, feed_name, e.a, e.b, by_line,
                                      budget, &topt, g_array_index (pcts, double, 0), &copts,
                                      &error);
  tnet_cli_time_args_clear (&targs);
  if (crit == NULL)
    {
      tnet_cli_common_clear (&common);
      return tnet_cli_fail (ctx, error);
    }
  g_autofree char *model = tnet_corridor_criticality_model (crit, mm);
  guint n_show = MIN ((guint) top, tnet_criticality_n_items (crit));
  int year = tnet_scenario_get_year (e.scen);
  const TnetFeed *feed = NULL;
  if (e.fmt == TNET_CLI_FORMAT_GEOJSON && common.dataset && profile != TNET_PROFILE_CAR)
    tnet_dataset_get_feed (common.dataset, year, &feed, NULL);   /* read for the graph */
  g_autofree char *text
    = e.fmt == TNET_CLI_FORMAT_JSON
      ? tnet_corridor_criticality_to_json (crit, e.net, mm, e.a, e.b, by_line, year,
                                           (guint) top, TRUE)
    : e.fmt == TNET_CLI_FORMAT_CSV
      ? tnet_corridor_criticality_to_csv (crit, e.net, e.a, e.b, (guint) top)
    : e.fmt == TNET_CLI_FORMAT_GEOJSON
      ? tnet_corridor_criticality_to_geojson (crit, e.net, e.scen, feed, e.a, e.b, by_line,
                                              (guint) top)
      : criticality_text (crit, e.net, mm, e.a, e.b, by_line, profile, model, year, n_show,
                          tt != NULL);
  return tnet_cli_finish (ctx, &common, text);
}
