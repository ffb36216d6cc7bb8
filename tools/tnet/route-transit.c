/* route-transit.c: `tnet route --profile transit|park_and_ride|car` over the
 * multimodal graph (network + the scenario year's GTFS feed), and the
 * report of `tnet import gtfs`. */
#include "cli.h"
#include "commands.h"
#include "route-transit.h"
#include <stdio.h>
#include <string.h>
#include <math.h>

static double
round3 (double x)
{
  return round (x * 1000.0) / 1000.0;
}

static void
add_min (JsonBuilder *b, const char *name, TnetWeight ms)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, round3 (ms / 60000.0));
}

void
tnet_cli_route_multimodal_json (JsonBuilder *b, const char *from, const char *to,
                                TnetProfile profile, int year, const char *feed,
                                const TnetJourney *j)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, from);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, to);
  json_builder_set_member_name (b, "profile");
  json_builder_add_string_value (b, tnet_profile_to_string (profile));
  json_builder_set_member_name (b, "scenario_year");
  json_builder_add_int_value (b, year);
  json_builder_set_member_name (b, "feed");
  if (feed)
    json_builder_add_string_value (b, feed);
  else
    json_builder_add_null_value (b);
  add_min (b, "total_min", j->total_ms);
  add_min (b, "access_min", j->access_ms);
  add_min (b, "wait_min", j->wait_ms);
  add_min (b, "in_vehicle_min", j->in_vehicle_ms);
  add_min (b, "transfer_min", j->transfer_ms);
  add_min (b, "egress_min", j->egress_ms);
  json_builder_set_member_name (b, "legs");
  json_builder_begin_array (b);
  for (guint i = 0; i < j->n_legs; i++)
    {
      const TnetLeg *l = &j->legs[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, tnet_leg_kind_to_string (l->kind));
      json_builder_set_member_name (b, "mode");
      json_builder_add_string_value (b, tnet_mode_to_string (l->mode));
      json_builder_set_member_name (b, "line");
      if (l->line)
        json_builder_add_string_value (b, l->line);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "from");
      json_builder_add_string_value (b, l->from);
      json_builder_set_member_name (b, "to");
      json_builder_add_string_value (b, l->to);
      add_min (b, "min", l->time_ms);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static char *
journey_text (const char *from, const char *to, TnetProfile profile, int year,
              const char *feed, const TnetJourney *j)
{
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "Route by %s from %s to %s (scenario %d%s%s)\n",
                          tnet_profile_to_string (profile), from, to, year,
                          feed ? ", feed " : "", feed ? feed : "");
  for (guint i = 0; i < j->n_legs; i++)
    {
      const TnetLeg *l = &j->legs[i];
      g_string_append_printf (out, "  %-8s %-9s %s%s%s -> %s, %.1f min\n",
                              tnet_leg_kind_to_string (l->kind), tnet_mode_to_string (l->mode),
                              l->line ? l->line : "", l->line ? ": " : "", l->from, l->to,
                              l->time_ms / 60000.0);
    }
  g_string_append_printf (out, "Total: %.1f min (access %.1f, wait %.1f, in-vehicle %.1f, "
                          "transfer %.1f, egress %.1f)\n", j->total_ms / 60000.0,
                          j->access_ms / 60000.0, j->wait_ms / 60000.0,
                          j->in_vehicle_ms / 60000.0, j->transfer_ms / 60000.0,
                          j->egress_ms / 60000.0);
  return g_string_free (out, FALSE);
}

TnetJourney *
tnet_cli_route_multimodal_journey (const TnetNetwork *net, const TnetMultimodal *mm,
                                   TnetSearch *search, const char *from, const char *to,
                                   int year, GError **error)
{
  /* a node name stands for its node (the place grammar) */
  TnetId fv = tnet_place_find_node (net, from), tv = tnet_place_find_node (net, to);
  const char *from_id = fv != TNET_ID_NONE ? tnet_network_node (net, fv)->id : from;
  const char *to_id = tv != TNET_ID_NONE ? tnet_network_node (net, tv)->id : to;
  TnetId o, d;
  if (!tnet_multimodal_find_place (mm, from_id, &o, NULL, error)
      || !tnet_multimodal_find_place (mm, to_id, NULL, &d, error))
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
  g_autofree char *text = NULL;
  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      tnet_cli_route_multimodal_json (b, from, to, profile, tnet_scenario_get_year (scen), base, j);
      text = tnet_cli_json_to_string (b);
    }
  else
    text = journey_text (from, to, profile, tnet_scenario_get_year (scen), base, j);
  if (!tnet_cli_write (common, text, &error))
    return tnet_cli_fail (NULL, error);
  return TNET_EXIT_OK;
}
