/* cmd-accessibility.c: `tnet accessibility --opportunities COL --cutoffs
 * 30,45,60 --profile P`: cumulative opportunities per zone of the folder —
 * the zones of zones.csv, or without that file the nodes of kind zone of
 * nodes.csv (whose one column is population). */
#include "cli.h"
#include "commands.h"
#include "accessibility-json.h"
#include "cli-extra.h"
#include "route-transit.h"
#include <stdio.h>
#include <string.h>

gboolean
tnet_cli_accessibility_cutoffs (const char *s, GArray *out)
{
  g_auto (GStrv) parts = g_strsplit (s, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      char *end;
      double v = g_ascii_strtod (g_strstrip (parts[i]), &end);
      if (end == parts[i] || *end || !(v > 0 && v <= 10000))
        return FALSE;
      g_array_append_val (out, v);
    }
  return out->len > 0;
}

/* The zones accessibility runs over: origins and destinations both. */
typedef struct {
  guint n;
  TnetId *nodes;          /* network nodes, n of them */
  const char **ids;       /* zone ids (borrowed from the table or the network) */
  double *lon, *lat;
  double *opp;            /* the opportunities column */
  double *pop;            /* the weights of the mean; NULL: every zone 1 */
  const char *source;     /* "zones.csv" or "nodes.csv" */
} Zones;

static void
zones_clear (Zones *z)
{
  g_free (z->nodes);
  g_free (z->ids);
  g_free (z->lon);
  g_free (z->lat);
  g_free (z->opp);
  g_free (z->pop);
}

/* The zones of @ds with the column @opp and the weights @pop_col (NULL:
 * "population" when there is such a column, else none). From zones.csv
 * when the folder has one; else the zone nodes of nodes.csv, whose only
 * column is population. */
static gboolean
zones_load (TnetDataset *ds, const TnetNetwork *net, const char *opp, const char *pop_col,
            Zones *z, GError **error)
{
  const TnetZoneTable *table = tnet_dataset_get_zones (ds);
  const char *pc = pop_col ? pop_col : "population";
  if (table == NULL)
    {
      z->source = "nodes.csv";
      const char *bad = strcmp (opp, "population") != 0 ? opp
                        : pop_col && strcmp (pop_col, "population") != 0 ? pop_col : NULL;
      if (bad)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                       "no zones.csv in the network folder, and the zone nodes of nodes.csv "
                       "have no column \"%s\" (only population; docs/data-format.md)", bad);
          return FALSE;
        }
      guint nn = tnet_network_n_nodes (net);
      z->nodes = g_new (TnetId, nn + 1);
      z->ids = g_new (const char *, nn + 1);
      z->lon = g_new (double, nn + 1);
      z->lat = g_new (double, nn + 1);
      z->opp = g_new (double, nn + 1);
      z->pop = g_new (double, nn + 1);
      for (TnetId v = 0; v < nn; v++)
        {
          const TnetNode *node = tnet_network_node (net, v);
          if (node->kind != TNET_NODE_ZONE)
            continue;
          z->nodes[z->n] = v;
          z->ids[z->n] = node->id;
          z->lon[z->n] = node->lon;
          z->lat[z->n] = node->lat;
          z->opp[z->n] = node->population;
          z->pop[z->n] = node->population;
          z->n++;
        }
      if (z->n == 0)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                       "no zones: no zones.csv in the network folder and no node of kind "
                       "zone in nodes.csv (docs/data-format.md)");
          return FALSE;
        }
      return TRUE;
    }
  z->source = "zones.csv";
  g_autofree char *zpath = g_build_filename (tnet_dataset_get_dir (ds), "zones.csv", NULL);
  z->opp = tnet_zone_table_values (table, opp, error);
  if (z->opp && (pop_col || tnet_zone_table_column (table, pc) >= 0)
      && !(z->pop = tnet_zone_table_values (table, pc, error)))
    g_clear_pointer (&z->opp, g_free);
  if (z->opp == NULL)
    {
      g_prefix_error (error, "%s: ", zpath);
      return FALSE;
    }
  z->n = tnet_zone_table_n_zones (table);
  z->nodes = g_new (TnetId, MAX (z->n, 1));
  z->ids = g_new (const char *, MAX (z->n, 1));
  z->lon = g_new (double, MAX (z->n, 1));
  z->lat = g_new (double, MAX (z->n, 1));
  for (guint i = 0; i < z->n; i++)
    {
      z->ids[i] = tnet_zone_table_id (table, i);
      z->lon[i] = tnet_zone_table_lon (table, i);
      z->lat[i] = tnet_zone_table_lat (table, i);
      z->nodes[i] = tnet_network_find_node (net, z->ids[i]);
      if (z->nodes[i] == TNET_ID_NONE)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                       "%s: zone \"%s\" is not a node of nodes.csv", zpath, z->ids[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* The accessibility @acc over @zones in @format, by the library's writers. */
static char *
render (const TnetAccessibility *acc, const Zones *zones, const char *opp,
        TnetProfile profile, const TnetCliAccessTimetable *tt, TnetCliFormat format)
{
  TnetAccessibilityLabels labels = {
    .opportunities = opp, .profile = profile, .zone_ids = zones->ids,
    .lon = zones->lon, .lat = zones->lat, .zone_source = zones->source,
  };
  if (tt)
    {
      labels.timetable_feed = tt->timing.feed;
      labels.timetable_date = tt->timing.date;
      labels.depart_s = tt->timing.depart_s;
      labels.window_ms = tnet_weight_from_min (tt->timing.window_min);
      labels.max_walk_ms = tt->timing.max_walk_ms;
      labels.percentile = tt->timing.percentile;
    }
  if (format == TNET_CLI_FORMAT_GEOJSON)
    return tnet_accessibility_to_geojson (acc, &labels);
  if (format == TNET_CLI_FORMAT_JSON)
    return tnet_accessibility_to_json (acc, &labels);
  if (format == TNET_CLI_FORMAT_CSV)
    return tnet_accessibility_to_csv (acc, &labels);
  return tnet_accessibility_to_text (acc, &labels);
}

char *
tnet_cli_accessibility_run (TnetDataset *ds, const TnetNetwork *net, TnetMultimodal *graph,
                            TnetProfile profile, const TnetCliAccessTimetable *tt,
                            const char *opp, const char *pop_col,
                            const GArray *cutoffs, TnetCliFormat format,
                            TnetProgressFunc progress, gpointer progress_data,
                            GCancellable *cancellable, GError **error)
{
  Zones zones = { 0 };
  if (!zones_load (ds, net, opp, pop_col, &zones, error))
    {
      zones_clear (&zones);
      return NULL;
    }
  TnetCommuteOptions copts;
  tnet_commute_options_init (&copts);
  /* car: the many-to-many kernel; transit: the same choice as commute */
  if (profile == TNET_PROFILE_CAR)
    copts.method = TNET_COMMUTE_METHOD_M2M;
  copts.progress = progress;
  copts.progress_data = progress_data;
  copts.cancellable = cancellable;
  if (tt && (profile == TNET_PROFILE_TRANSIT
             || (profile == TNET_PROFILE_PARK_AND_RIDE && tt->park_ride)))
    {
      copts.timetable = tt->timetable;
      copts.park_ride = profile == TNET_PROFILE_PARK_AND_RIDE ? tt->park_ride : NULL;
      copts.depart_s = tt->timing.depart_s;
      copts.window_ms = tnet_weight_from_min (tt->timing.window_min);
      copts.max_walk_ms = tt->timing.max_walk_ms;
      copts.timetable_percentile = tt->timing.percentile;
    }
  else
    tt = NULL;
  /* the cutoffs in minutes (checked by tnet_cli_accessibility_cutoffs()) */
  g_autofree TnetWeight *cutoffs_ms = g_new (TnetWeight, MAX (cutoffs->len, 1));
  for (guint c = 0; c < cutoffs->len; c++)
    cutoffs_ms[c] = tnet_weight_from_min (g_array_index (cutoffs, double, c));
  g_autoptr (TnetAccessibility) acc = tnet_accessibility_compute (
    net, graph, zones.nodes, zones.n, zones.opp, zones.pop, cutoffs_ms, cutoffs->len, &copts,
    error);
  char *text = acc ? render (acc, &zones, opp, profile, tt, format) : NULL;
  zones_clear (&zones);
  return text;
}

int
tnet_cmd_accessibility (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  GError *error = NULL;
  char *opp = NULL, *cutoffs_s = NULL, *profile_s = NULL, *pop_col = NULL;
  TnetCliParkRideArgs pra = TNET_CLI_PARK_RIDE_ARGS_INIT;
  TnetParkRideOptions po;
  const GOptionEntry entries[] = {
    { "opportunities", 0, 0, G_OPTION_ARG_STRING, &opp,
      "The zones.csv column to count (jobs, schools, ...)", "COL" },
    { "cutoffs", 0, 0, G_OPTION_ARG_STRING, &cutoffs_s,
      "Travel-time cutoffs in minutes (default 30,45,60)", "MIN,MIN,..." },
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_s,
      "car (default; many-to-many), transit or park_and_ride (by the timetable unless "
      "--frequency-model)", "PROFILE" },
    { "population", 0, 0, G_OPTION_ARG_STRING, &pop_col,
      "The zones.csv column weighting the mean (default population)", "COL" },
    PARK_RIDE_PLAN_ENTRIES (pra),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = tnet_cli_context_new ("",
    "For every zone of the data folder's zones.csv, the sum of COL over the zones\n"
    "reachable within each cutoff (travel time <= cutoff, the zone itself included),\n"
    "and the population-weighted mean over the zones. Without zones.csv the zones\n"
    "are the nodes of kind zone of nodes.csv, and COL is their population.\n"
    "Transit and park_and_ride follow the scenario year's GTFS timetable: a zone\n"
    "counts when the given percentile of its travel time over the departure window\n"
    "is within the cutoff. The defaults come from the data set's plan.ini first\n"
    "[commute] group when it has depart (its depart, date, window, max_walk and\n"
    "park-and-ride keys), otherwise departing 08:00 on the feed's busiest service\n"
    "day, window 0; --depart, --date, --window etc. override them. --frequency-model\n"
    "asks for the frequency approximation, also taken (with a note) when there is\n"
    "no feed.", entries);
  TnetCliTimeArgs targs = { .one_percentile = TRUE, .plan_defaults = TRUE };
  tnet_cli_time_args_add (ctx, &targs, TNET_CLI_FREQUENCY_MODEL_HELP);
  tnet_cli_add_common (ctx, &common);
  int rc = TNET_EXIT_OK;
  g_autoptr (GArray) cutoffs = g_array_new (FALSE, FALSE, sizeof (double));
  TnetProfile profile = TNET_PROFILE_CAR;
  TnetCliFormat format = TNET_CLI_FORMAT_TEXT;
  TnetCliTimeOptions topt = { 0 };
  if ((rc = tnet_cli_parse (ctx, &argc, &argv, 0)) != TNET_EXIT_OK)
    {
      /* reported */
    }
  else if (opp == NULL)
    rc = tnet_cli_usage (ctx, "expected --opportunities COL");
  else if (!tnet_cli_accessibility_cutoffs (cutoffs_s ? cutoffs_s : "30,45,60", cutoffs))
    rc = tnet_cli_usage (ctx, "malformed --cutoffs '%s' (expected minutes, e.g. 30,45,60)",
                         cutoffs_s);
  else if (profile_s && !tnet_profile_from_string (profile_s, &profile))
    rc = tnet_cli_usage (ctx, "unknown --profile '%s' (expected car, transit or "
                         "park_and_ride)", profile_s);
  else if (!tnet_cli_frequency_model_check (&targs, &pra, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (!tnet_cli_format (&common, TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON
                             | TNET_CLI_FORMAT_CSV | TNET_CLI_FORMAT_GEOJSON, &format, &error))
    rc = tnet_cli_fail (ctx, error);
  if (rc != TNET_EXIT_OK)
    goto out;
  {
    const TnetNetwork *net = NULL;
    g_autoptr (TnetScenario) scen = NULL;
    if (!tnet_cli_load (&common, &net, &scen, &error))
      {
        rc = tnet_cli_fail (ctx, error);
        goto out;
      }
    /* the options not given: the plan's, as in `tnet commute` */
    TnetCommuteTiming timing;
    tnet_cli_plan_timing (common.dataset, &timing);
    if (!tnet_cli_park_ride_args_parse_with (&pra, &timing.park_ride, &po, &error)
        || !tnet_cli_time_args_parse_with (&targs, &timing, &topt, &error))
      {
        rc = tnet_cli_fail (ctx, error);
        goto out;
      }
    /* transit by the timetable, as in `tnet commute`; by the frequency
     * approximation with --frequency-model, or without a feed in the folder
     * when --gtfs names none */
    g_autoptr (GPtrArray) feeds = NULL;
    g_autoptr (TnetTimetable) tt = NULL;
    g_autofree char *feed_name = NULL;
    TnetCliAccessTimetable tmodel = { 0 };
    g_autoptr (TnetParkRide) pr = NULL;
    if (profile != TNET_PROFILE_CAR)
      {
        tt = tnet_cli_transit_timetable (net, scen, &targs, &topt, common.quiet, &feed_name,
                                         &feeds, &error);
        if ((tt == NULL && error != NULL)
            || (tt != NULL && !tnet_cli_check_headway_timetable (&common, &error)))
          {
            rc = tnet_cli_fail (NULL, error);
            goto out;
          }
        if (tt != NULL)
          {
            if (profile == TNET_PROFILE_PARK_AND_RIDE)
              {
                pr = tnet_park_ride_new (tt, net, scen, &po, &error);
                if (pr == NULL)
                  {
                    rc = tnet_cli_fail (NULL, error);
                    goto out;
                  }
              }
            tmodel = (TnetCliAccessTimetable) {
              tt, pr, tnet_cli_timetable_timing (tt, feed_name, &topt) };
          }
      }
    TnetMultimodal *mm = NULL;
    if (!tnet_cli_build_graphs (net, scen, &profile, 1, &mm, &error))
      {
        rc = tnet_cli_fail (NULL, error);
        goto out;
      }
    g_autofree char *text = tnet_cli_accessibility_run (common.dataset, net, mm, profile,
                                                        tt ? &tmodel : NULL, opp, pop_col,
                                                        cutoffs, format,
                                                        tnet_cli_progress_func (&common),
                                                        &common, NULL, &error);
    tnet_multimodal_unref (mm);
    if (text == NULL)
      {
        rc = tnet_cli_fail (NULL, error);
        goto out;
      }
    if (!tnet_cli_write (&common, text, &error))
      rc = tnet_cli_fail (ctx, error);
  }
out:
  g_free (opp);
  g_free (cutoffs_s);
  g_free (profile_s);
  g_free (pop_col);
  if (topt.percentiles)
    g_array_unref (topt.percentiles);
  tnet_cli_time_args_clear (&targs);
  tnet_cli_common_clear (&common);
  return rc;
}
