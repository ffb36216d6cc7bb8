/* cmd-route.c: `tnet route FROM TO`, the best path by car with its legs. */
#include "cli.h"
#include "commands.h"
#include "route-car.h"
#include "route-transit.h"
#include <stdio.h>
#include <string.h>

#define CAR_MODES (TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS))

static int
route (int argc, char **argv, TnetCliCommon *common)
{
  g_autofree char *metric = NULL;
  g_autofree char *profile_name = NULL;
  TnetCliTimeArgs targs = { .plan_defaults = TRUE };
  TnetCliParkRideArgs pra = TNET_CLI_PARK_RIDE_ARGS_INIT;
  GError *error = NULL;
  const GOptionEntry entries[] = {
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile_name,
      "car (default), transit or park_and_ride (with the scenario year's GTFS feed)",
      "car|transit|park_and_ride" },
    { "metric", 'm', 0, G_OPTION_ARG_STRING, &metric,
      "What to minimise: time (default) or length", "time|length" },
    PARK_RIDE_PLAN_ENTRIES (pra),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("FROM TO");
  g_option_context_set_summary (ctx,
    "The best path between two nodes, FROM and TO, given by their ids or names in\n"
    "nodes.csv (node:ID also; by transit also a stop id of the feed), as legs of one\n"
    "line each: by car (expressways, trunk and other roads, access links), or by\n"
    "transit or park_and_ride (--profile).\n"
    "Transit and park_and_ride follow the scenario year's GTFS timetable. The\n"
    "defaults come from the data set's plan.ini first [commute] group when it has\n"
    "depart (its depart, date, window, percentiles, max_walk and park-and-ride\n"
    "keys), as in tnet commute, otherwise departing 08:00 on the feed's busiest\n"
    "service day, window 0; --depart, --date, --window etc. override them.");
  g_option_context_set_description (ctx,
    "--format json by car prints {\"from\",\"to\",\"profile\",\"metric\",\"total_min\",\n"
    "\"total_km\",\"legs\":[{\"line\",\"mode\",\"from\",\"to\",\"links\":[link ids],\"km\",\n"
    "\"min\"}]}; by transit and park_and_ride the journey of docs/json-schema.md.\n"
    "Exit codes: 0 success, 1 bad input or no path, 2 usage.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  tnet_cli_time_args_add (ctx, &targs,
                          "transit: the approximation of expected waits of half the headway "
                          "over 07:00-09:00 instead of the timetable (also taken, with a "
                          "note on stderr, when the data folder has no GTFS feed and --gtfs "
                          "names none); not with the options of the timetable above "
                          "(a usage error)");
  tnet_cli_add_common_formats (ctx, common, TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON
                                            | TNET_CLI_FORMAT_GEOJSON, TNET_CLI_FORMAT_TEXT);
  if (!g_option_context_parse (ctx, &argc, &argv, &error)
      || !tnet_cli_frequency_model_check (&targs, &pra, &error))
    {
      tnet_cli_time_args_clear (&targs);
      return tnet_cli_fail (ctx, error);
    }
  if (argc != 3)
    return tnet_cli_usage (ctx, argc < 3 ? "expected FROM and TO node ids"
                                         : "too many arguments (expected FROM TO)");
  if (metric && strcmp (metric, "time") != 0 && strcmp (metric, "length") != 0)
    return tnet_cli_usage (ctx, "unknown --metric '%s' (expected time or length)", metric);
  const char *metric_name = metric ? metric : "time";
  TnetProfile profile = TNET_PROFILE_CAR;
  if (profile_name && !tnet_profile_from_string (profile_name, &profile))
    return tnet_cli_usage (ctx, "unknown --profile '%s' (expected car, transit or "
                           "park_and_ride)", profile_name);
  if (profile != TNET_PROFILE_CAR && metric && strcmp (metric, "time") != 0)
    return tnet_cli_usage (ctx, "--metric length is for the car profile only");
  TnetCliFormat format;
  if (!tnet_cli_format (common, TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON
                       | TNET_CLI_FORMAT_GEOJSON, &format, &error))
    return tnet_cli_fail (ctx, error);
  if (format == TNET_CLI_FORMAT_GEOJSON && profile != TNET_PROFILE_CAR)
    return tnet_cli_usage (ctx, "--format geojson is for the car profile only");

  const TnetNetwork *net = NULL;
  g_autoptr (TnetScenario) scen = NULL;
  if (!tnet_cli_load (common, &net, &scen, &error))
    return tnet_cli_fail (ctx, error);
  if (profile != TNET_PROFILE_CAR && !targs.frequency_model)
    {
      /* by the timetable, unless the data folder has no feed and --gtfs
       * names none: then the frequency approximation, with a note, as in
       * the other commands */
      TnetCliTimeOptions topt = { 0 };
      TnetParkRideOptions po;
      /* the options not given: the plan's, as in `tnet commute` */
      TnetCommuteTiming timing;
      tnet_cli_plan_timing (common->dataset, &timing);
      int rc = -1;
      g_autofree char *feed_name = NULL;
      g_autoptr (GPtrArray) feeds = NULL;
      g_autoptr (TnetTimetable) tt = NULL;
      if (!tnet_cli_time_args_parse_with (&targs, &timing, &topt, &error))
        rc = tnet_cli_fail (ctx, error);
      else if (!tnet_cli_park_ride_args_parse_with (&pra, &timing.park_ride, &po, &error))
        rc = tnet_cli_fail (ctx, error);
      else if ((tt = tnet_cli_transit_timetable (net, scen, &targs, &topt, common->quiet,
                                                 &feed_name, &feeds, &error)) == NULL)
        {
          if (error != NULL)
            rc = tnet_cli_fail (NULL, error);
        }
      else if (!tnet_cli_check_headway_timetable (common, &error))
        rc = tnet_cli_fail (NULL, error);
      else
        rc = tnet_cli_route_timetable (common, net, scen, tt, feed_name, &topt,
                                       profile == TNET_PROFILE_PARK_AND_RIDE ? &po : NULL,
                                       argv[1], argv[2], format == TNET_CLI_FORMAT_JSON);
      g_clear_pointer (&topt.percentiles, g_array_unref);
      if (rc >= 0)
        {
          tnet_cli_time_args_clear (&targs);
          return rc;
        }
    }
  tnet_cli_time_args_clear (&targs);
  if (profile != TNET_PROFILE_CAR)
    return tnet_cli_route_multimodal (common, net, scen, profile, argv[1], argv[2],
                                      format == TNET_CLI_FORMAT_JSON);
  TnetId from = tnet_cli_find_node (net, argv[1], &error);
  if (from == TNET_ID_NONE)
    return tnet_cli_fail (ctx, error);
  TnetId to = tnet_cli_find_node (net, argv[2], &error);
  if (to == TNET_ID_NONE)
    return tnet_cli_fail (ctx, error);

  g_autoptr (TnetMetric) time = NULL;
  g_autoptr (TnetMetric) length = NULL;
  g_autoptr (TnetGraph) g = tnet_graph_compile_modes (net, scen, CAR_MODES, &time, &length,
                                                      &error);
  if (g == NULL)
    return tnet_cli_fail (ctx, error);
  g_autoptr (TnetSearch) search = tnet_search_new (g);
  g_autoptr (GArray) legs = NULL;
  if (!tnet_cli_route_car (net, search, time, length, strcmp (metric_name, "length") == 0,
                           from, to, &legs))
    {
      fprintf (stderr, "tnet: no path by car from '%s' to '%s' in scenario %d\n",
               argv[1], argv[2], tnet_scenario_get_year (scen));
      return TNET_EXIT_INPUT;
    }
  g_autofree char *text = format == TNET_CLI_FORMAT_GEOJSON
    ? tnet_route_to_geojson (net, legs)
    : format == TNET_CLI_FORMAT_JSON
    ? tnet_route_to_json (net, from, to, metric_name, legs)
    : tnet_route_to_text (net, from, to, metric_name, tnet_scenario_get_year (scen), legs);
  if (!tnet_cli_write (common, text, &error))
    return tnet_cli_fail (ctx, error);
  return TNET_EXIT_OK;
}

int
tnet_cmd_route (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  int rc = route (argc, argv, &common);
  tnet_cli_common_clear (&common);
  return rc;
}
