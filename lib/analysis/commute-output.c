/* commute-output.c: the JSON and CSV forms of a #TnetCommute, written once
 * for `tnet commute` and for the [commute] group of `tnet run`
 * (results.json and commute.csv). Both forms write a cell's members and
 * columns alike (cell_json(), cell_csv()); the command's adds what only it
 * shows (percentiles, rides), the run's the direction. */
#include "tnet-internal.h"
#include "json-text.h"
#include "park-ride-json.h"
#include "analysis-private.h"

#include <math.h>
#include <string.h>

/* Member @key: @ms in minutes to 0.1, null when TNET_WEIGHT_INF.
 * (round (ms / 60000 x 10) / 10 equals round (ms / 6000) / 10 for every
 * ms up to TNET_WEIGHT_INF: checked exhaustively.) */
static void
add_min (JsonBuilder *b, const char *key, TnetWeight ms)
{
  tnet_i_json_add_number (b, key, ms == TNET_WEIGHT_INF ? NAN : ms / 60000.0, 1);
}

void
tnet_i_commute_timetable_members (JsonBuilder *b, const char *feed, guint date,
                                  gint32 depart_s, TnetWeight window_ms,
                                  TnetWeight max_walk_ms, double percentile)
{
  tnet_i_json_timetable_members (b, feed, date, depart_s,
                                 (guint) llround (tnet_weight_to_min (window_ms)));
  tnet_i_json_add_number (b, "max_walk_min", tnet_weight_to_min (max_walk_ms), 1);
  json_builder_set_member_name (b, "percentile");
  json_builder_add_double_value (b, percentile);
}

/* What the command's form adds to the run's. */
typedef enum {
  FORM_RUN,      /* tnet run: no percentiles nor rides, lines always a list */
  FORM_COMMAND,  /* tnet commute */
} Form;

/* The model of profile @p: "timetable", "network" or "frequency
 * approximation". */
static const char *
profile_model (const TnetCommute *c, guint p)
{
  if (tnet_commute_method (c, p) == TNET_COMMUTE_METHOD_TIMETABLE)
    return "timetable";
  return tnet_commute_profile (c, p) == TNET_PROFILE_CAR ? "network"
                                                         : "frequency approximation";
}

/* One cell (profile @p, origin @o, destination @d) as a JSON object. Its
 * parts read null when unreached or not computed (a timetable profile,
 * totals only). */
static void
cell_json (JsonBuilder *b, const TnetCommute *c, const TnetNetwork *net, guint p, guint o,
           guint d, Form form)
{
  const TnetCommuteCell *cell = tnet_commute_cell (c, p, o, d);
  gboolean parts = tnet_commute_has_parts (c, p);
  gboolean reached = cell->total_ms != TNET_WEIGHT_INF;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "profile");
  json_builder_add_string_value (b, tnet_profile_to_string (tnet_commute_profile (c, p)));
  json_builder_set_member_name (b, "origin");
  json_builder_add_string_value (b, tnet_network_node (net, tnet_commute_origin (c, o))->id);
  json_builder_set_member_name (b, "destination");
  json_builder_add_string_value (b, tnet_network_node (net,
                                                       tnet_commute_destination (c, d))->id);
  add_min (b, "minutes", cell->total_ms);
  if (form == FORM_COMMAND && tnet_commute_method (c, p) == TNET_COMMUTE_METHOD_TIMETABLE)
    {
      json_builder_set_member_name (b, "percentiles");
      json_builder_begin_object (b);
      for (guint k = 0; k < tnet_commute_n_percentiles (c); k++)
        {
          g_autofree char *key = g_strdup_printf ("p%g", tnet_commute_percentile (c, k));
          add_min (b, key, tnet_commute_percentile_ms (c, p, o, d, k));
        }
      json_builder_end_object (b);
    }
  gboolean shown = reached && parts;
  add_min (b, "access_min", shown ? cell->access_ms : TNET_WEIGHT_INF);
  add_min (b, "wait_min", shown ? cell->wait_ms : TNET_WEIGHT_INF);
  add_min (b, "in_vehicle_min", shown ? cell->in_vehicle_ms : TNET_WEIGHT_INF);
  add_min (b, "transfer_min", shown ? cell->transfer_ms : TNET_WEIGHT_INF);
  add_min (b, "egress_min", shown ? cell->egress_ms : TNET_WEIGHT_INF);
  if (form == FORM_COMMAND)
    {
      json_builder_set_member_name (b, "rides");
      if (parts)
        json_builder_add_int_value (b, cell->n_rides);
      else
        json_builder_add_null_value (b);
    }
  json_builder_set_member_name (b, "within_budget");
  json_builder_add_boolean_value (b, reached && cell->total_ms
                                  <= tnet_commute_budget_ms (c));
  json_builder_set_member_name (b, "lines");
  if (form == FORM_COMMAND && !parts)
    json_builder_add_null_value (b);
  else
    {
      json_builder_begin_array (b);
      for (guint k = 0; cell->lines && cell->lines[k]; k++)
        json_builder_add_string_value (b, cell->lines[k]);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
}

/* Member "cells": every cell, profile by profile, origin by origin. */
static void
cells_json (JsonBuilder *b, const TnetCommute *c, const TnetNetwork *net, Form form)
{
  json_builder_set_member_name (b, "cells");
  json_builder_begin_array (b);
  for (guint p = 0; p < tnet_commute_n_profiles (c); p++)
    for (guint o = 0; o < tnet_commute_n_origins (c); o++)
      for (guint d = 0; d < tnet_commute_n_destinations (c); d++)
        cell_json (b, c, net, p, o, d, form);
  json_builder_end_array (b);
}

/* Profile -> destination id (then "any") -> {@within_key: the population
 * within the budget, "pct": its share to 0.1, null when the total is 0}. */
static void
population_by_profile (JsonBuilder *b, const TnetCommute *c, const TnetNetwork *net,
                       const char *within_key)
{
  guint nd = tnet_commute_n_destinations (c);
  for (guint p = 0; p < tnet_commute_n_profiles (c); p++)
    {
      json_builder_set_member_name (b, tnet_profile_to_string (tnet_commute_profile (c, p)));
      json_builder_begin_object (b);
      for (guint d = 0; d <= nd; d++)
        {
          guint dd = d == nd ? TNET_COMMUTE_ANY : d;
          json_builder_set_member_name (b, dd == TNET_COMMUTE_ANY ? "any"
                                        : tnet_network_node (net,
                                                             tnet_commute_destination (c, d))->id);
          json_builder_begin_object (b);
          json_builder_set_member_name (b, within_key);
          json_builder_add_double_value (b, tnet_commute_population_within (c, p, dd));
          json_builder_set_member_name (b, "pct");
          double pct = tnet_commute_share_pct (c, p, dd);
          if (isnan (pct))
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, round (pct * 10) / 10);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
}

/* {id, name, population} of node @v. */
static void
node_json (JsonBuilder *b, const TnetNetwork *net, TnetId v)
{
  const TnetNode *n = tnet_network_node (net, v);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, n->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, n->name);
  json_builder_set_member_name (b, "population");
  json_builder_add_double_value (b, n->population);
  json_builder_end_object (b);
}

/* Member @name: profile -> @value (p) for every profile. */
static void
by_profile (JsonBuilder *b, const TnetCommute *c, const char *name,
            const char *(*value) (const TnetCommute *c, guint p))
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  for (guint p = 0; p < tnet_commute_n_profiles (c); p++)
    {
      json_builder_set_member_name (b, tnet_profile_to_string (tnet_commute_profile (c, p)));
      json_builder_add_string_value (b, value (c, p));
    }
  json_builder_end_object (b);
}

static const char *
profile_method (const TnetCommute *c, guint p)
{
  return tnet_commute_method_to_string (tnet_commute_method (c, p));
}

void
tnet_commute_labels_init (TnetCommuteLabels *labels)
{
  g_return_if_fail (labels != NULL);
  memset (labels, 0, sizeof *labels);
  labels->direction = TNET_COMMUTE_TO;
}

char *
tnet_commute_to_json (const TnetCommute *commute, const TnetNetwork *net,
                      const TnetCommuteLabels *labels)
{
  g_return_val_if_fail (commute != NULL && net != NULL && labels != NULL, NULL);
  const TnetCommute *c = commute;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "scenario");
  json_builder_add_int_value (b, labels->scenario_year);
  json_builder_set_member_name (b, "direction");
  json_builder_add_string_value (b, labels->direction == TNET_COMMUTE_TO ? "to" : "from");
  json_builder_set_member_name (b, "budget_min");
  json_builder_add_double_value (b, tnet_weight_to_min (tnet_commute_budget_ms (c)));
  by_profile (b, c, "methods", profile_method);
  by_profile (b, c, "models", profile_model);
  if (labels->timetable_feed)
    {
      json_builder_set_member_name (b, "timetable");
      json_builder_begin_object (b);
      tnet_i_commute_timetable_members (b, labels->timetable_feed, labels->timetable_date,
                                        labels->depart_s, labels->window_ms,
                                        tnet_i_commute_max_walk_ms (c),
                                        tnet_i_commute_timetable_percentile (c));
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "origins");
  json_builder_begin_array (b);
  for (guint o = 0; o < tnet_commute_n_origins (c); o++)
    node_json (b, net, tnet_commute_origin (c, o));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "destinations");
  json_builder_begin_array (b);
  for (guint d = 0; d < tnet_commute_n_destinations (c); d++)
    node_json (b, net, tnet_commute_destination (c, d));
  json_builder_end_array (b);
  cells_json (b, c, net, FORM_COMMAND);
  json_builder_set_member_name (b, "population");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "total");
  json_builder_add_double_value (b, tnet_commute_population_total (c));
  population_by_profile (b, c, net, "within");
  json_builder_end_object (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return tnet_json_to_text (root, 2);
}

char *
tnet_commute_direction_to_json (const TnetCommute *commute, const TnetNetwork *net,
                                TnetCommuteDirection direction)
{
  g_return_val_if_fail (commute != NULL && net != NULL, NULL);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "direction");
  json_builder_add_string_value (b, direction == TNET_COMMUTE_TO ? "to" : "from");
  cells_json (b, commute, net, FORM_RUN);
  json_builder_set_member_name (b, "population_total");
  json_builder_add_double_value (b, tnet_commute_population_total (commute));
  json_builder_set_member_name (b, "population_within");
  json_builder_begin_object (b);
  population_by_profile (b, commute, net, "population");
  json_builder_end_object (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return tnet_json_to_text (root, 2);
}

/* One cell's columns from profile to the last part: profile, origin,
 * destination, minutes, then the five parts in minutes to 0.1 (empty
 * when unreached or not computed). */
static void
cell_csv (TnetCsvWriter *w, const TnetCommute *c, const TnetNetwork *net, guint p, guint o,
          guint d)
{
  const TnetCommuteCell *cell = tnet_commute_cell (c, p, o, d);
  gboolean reached = cell->total_ms != TNET_WEIGHT_INF;
  gboolean parts = tnet_commute_has_parts (c, p);
  tnet_csv_writer_add_text (w, tnet_profile_to_string (tnet_commute_profile (c, p)));
  tnet_csv_writer_add_text (w, tnet_network_node (net, tnet_commute_origin (c, o))->id);
  tnet_csv_writer_add_text (w, tnet_network_node (net, tnet_commute_destination (c, d))->id);
  TnetWeight part_ms[6] = { cell->total_ms, cell->access_ms, cell->wait_ms,
                            cell->in_vehicle_ms, cell->transfer_ms, cell->egress_ms };
  for (int k = 0; k < 6; k++)
    {
      gboolean shown = reached && (k == 0 || parts) && part_ms[k] != TNET_WEIGHT_INF;
      tnet_csv_writer_add_number (w, shown ? part_ms[k] / 60000.0 : NAN, 1);
    }
}

char *
tnet_commute_to_csv (const TnetCommute *commute, const TnetNetwork *net)
{
  g_return_val_if_fail (commute != NULL && net != NULL, NULL);
  static const char *const header[] = { "profile", "origin", "destination", "minutes",
                                        "access_min", "wait_min", "in_vehicle_min",
                                        "transfer_min", "egress_min", "rides", "lines", NULL };
  const TnetCommute *c = commute;
  TnetCsvWriter *w = tnet_csv_writer_new (header);
  for (guint p = 0; p < tnet_commute_n_profiles (c); p++)
    for (guint o = 0; o < tnet_commute_n_origins (c); o++)
      for (guint d = 0; d < tnet_commute_n_destinations (c); d++)
        {
          const TnetCommuteCell *cell = tnet_commute_cell (c, p, o, d);
          cell_csv (w, c, net, p, o, d);
          if (!tnet_commute_has_parts (c, p))
            {
              /* parts not computed (totals only): empty fields */
              tnet_csv_writer_add_text (w, NULL);
              tnet_csv_writer_add_text (w, NULL);
              tnet_csv_writer_end_row (w);
              continue;
            }
          tnet_csv_writer_add_int (w, cell->n_rides);
          g_autofree char *lines = cell->lines ? g_strjoinv (";", (char **) cell->lines) : NULL;
          tnet_csv_writer_add_text (w, lines);
          tnet_csv_writer_end_row (w);
        }
  return tnet_csv_writer_free_to_string (w);
}

const char *const *
tnet_commute_direction_csv_header (void)
{
  static const char *const header[] = { "direction", "profile", "origin", "destination",
                                         "minutes", "access_min", "wait_min",
                                         "in_vehicle_min", "transfer_min", "egress_min",
                                         "lines", NULL };
  return header;
}

void
tnet_commute_direction_add_csv_rows (const TnetCommute *commute, const TnetNetwork *net,
                                     TnetCommuteDirection direction, TnetCsvWriter *w)
{
  g_return_if_fail (commute != NULL && net != NULL && w != NULL);
  const TnetCommute *c = commute;
  for (guint p = 0; p < tnet_commute_n_profiles (c); p++)
    for (guint o = 0; o < tnet_commute_n_origins (c); o++)
      for (guint d = 0; d < tnet_commute_n_destinations (c); d++)
        {
          const TnetCommuteCell *cell = tnet_commute_cell (c, p, o, d);
          tnet_csv_writer_add_text (w, direction == TNET_COMMUTE_TO ? "to" : "from");
          cell_csv (w, c, net, p, o, d);
          g_autofree char *lines = cell->lines ? g_strjoinv (";", (char **) cell->lines) : NULL;
          tnet_csv_writer_add_text (w, lines);
          tnet_csv_writer_end_row (w);
        }
}

char *
tnet_commute_models_to_json (const TnetProfile *profiles, guint n_profiles,
                             const TnetCommuteOptions *opts, const char *feed_name,
                             gboolean pretty)
{
  g_return_val_if_fail (profiles != NULL || n_profiles == 0, NULL);
  g_return_val_if_fail (opts != NULL, NULL);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "models");
  json_builder_begin_object (b);
  for (guint p = 0; p < n_profiles; p++)
    {
      json_builder_set_member_name (b, tnet_profile_to_string (profiles[p]));
      json_builder_add_string_value (b, profiles[p] == TNET_PROFILE_CAR ? "network"
                                        : opts->timetable
                                          && (profiles[p] == TNET_PROFILE_TRANSIT
                                              || opts->park_ride)
                                        ? "timetable" : "frequency approximation");
    }
  json_builder_end_object (b);
  if (opts->timetable)
    {
      json_builder_set_member_name (b, "timetable");
      json_builder_begin_object (b);
      tnet_i_commute_timetable_members (b, feed_name,
                                        tnet_timetable_get_service_date (opts->timetable),
                                        opts->depart_s, opts->window_ms, opts->max_walk_ms,
                                        opts->timetable_percentile);
      json_builder_end_object (b);
    }
  if (opts->timetable && opts->park_ride)
    {
      json_builder_set_member_name (b, "park_and_ride");
      json_builder_begin_object (b);
      tnet_i_park_ride_write_json (b, opts->park_ride);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return tnet_json_to_text (root, pretty ? 2 : 0);
}
