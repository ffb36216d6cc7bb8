/* route-transit.c: `tnet route --profile transit|park_and_ride|car` over the
 * multimodal graph (network + the scenario year's GTFS feed), and the
 * report of `tnet import gtfs`. */
#include "cli.h"
#include "commands.h"
#include "route-transit.h"
#include <stdio.h>
#include <string.h>

/* The graph node of @word, a node id or name (the place grammar) or a stop
 * id, as an origin (@o) or a destination (@d); an unknown one fails with
 * the nearest node id or name as its did-you-mean. */
static gboolean
find_end (const TnetNetwork *net, const TnetMultimodal *mm, const char *word, TnetId *o,
          TnetId *d, GError **error)
{
  TnetId v = tnet_place_find_node (net, word);
  GError *err = NULL;
  if (tnet_multimodal_find_place (mm, v != TNET_ID_NONE ? tnet_network_node (net, v)->id : word,
                                  o, d, &err))
    return TRUE;
  const char *sugg = v == TNET_ID_NONE ? tnet_place_suggest (net, word, FALSE) : NULL;
  g_set_error (error, err->domain, err->code, "%s%s%s%s", err->message,
               sugg ? " (did you mean '" : "", sugg ? sugg : "", sugg ? "'?)" : "");
  g_error_free (err);
  return FALSE;
}

TnetJourney *
tnet_cli_route_multimodal_journey (const TnetNetwork *net, const TnetMultimodal *mm,
                                   TnetSearch *search, const char *from, const char *to,
                                   int year, GError **error)
{
  TnetId o, d;
  if (!find_end (net, mm, from, &o, NULL, error) || !find_end (net, mm, to, NULL, &d, error))
    return NULL;
  tnet_search_run (search, tnet_multimodal_get_metric (mm), o, TNET_FORWARD, TNET_WEIGHT_INF, d);
  TnetJourney *j = tnet_multimodal_journey (mm, search, d);
  if (j == NULL)
    g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND, "no path by %s from '%s' to '%s' "
                 "in scenario %d", tnet_profile_to_string (tnet_multimodal_get_profile (mm)),
                 from, to, year);
  return j;
}

int
tnet_cli_route_multimodal (const TnetCliCommon *common, const TnetNetwork *net,
                           const TnetScenario *scen, TnetProfile profile, const char *from,
                           const char *to, gboolean json)
{
  GError *error = NULL;
  const TnetDataset *ds = tnet_cli_dataset_for (net);
  const TnetFeed *feed = NULL;
  if (profile != TNET_PROFILE_CAR && ds
      && !tnet_dataset_get_feed (ds, tnet_scenario_get_year (scen), &feed, &error))
    return tnet_cli_fail (NULL, error);
  /* transfers inside passenger hubs pay the hub walk table */
  const TnetHubSet *hubs = ds ? tnet_dataset_get_hubs (ds) : NULL;
  TnetTransitOptions opts;
  tnet_transit_options_init (&opts);
  opts.hubs = hubs;
  g_autoptr (TnetMultimodal) mm = tnet_multimodal_build (net, scen, feed, profile, &opts, &error);
  if (mm == NULL)
    return tnet_cli_fail (NULL, error);
  g_autoptr (TnetSearch) search = tnet_search_new (tnet_multimodal_get_graph (mm));
  g_autoptr (TnetJourney) j = tnet_cli_route_multimodal_journey (net, mm, search, from, to,
                                                                 tnet_scenario_get_year (scen),
                                                                 &error);
  if (j == NULL)
    return tnet_cli_fail (NULL, error);
  g_autofree char *base = feed ? g_path_get_basename (tnet_feed_get_path (feed)) : NULL;
  TnetJourneyLabels labels = { from, to, profile, tnet_scenario_get_year (scen), base };
  g_autofree char *text = json ? tnet_journey_to_json (j, &labels)
                               : tnet_journey_to_text (j, &labels);
  if (!tnet_cli_write (common, text, &error))
    return tnet_cli_fail (NULL, error);
  return TNET_EXIT_OK;
}
