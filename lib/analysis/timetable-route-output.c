/* timetable-route-output.c: the JSON and text forms of a
 * #TnetTimetableRoute, written once for `tnet route --profile
 * transit|park_and_ride` by the timetable and serve's /route. */
#include "tnet-internal.h"
#include "timetable-route-private.h"
#include "json-text.h"
#include "park-ride-json.h"

static const char *
leg_kind (TnetTransitLegKind k)
{
  switch (k)
    {
    case TNET_TRANSIT_LEG_RIDE:
      return "ride";
    case TNET_TRANSIT_LEG_ACCESS:
      return "walk";
    case TNET_TRANSIT_LEG_DRIVE:
      return "drive";
    case TNET_TRANSIT_LEG_PARK:
      return "park";
    case TNET_TRANSIT_LEG_TRANSFER:
    default:
      return "transfer";
    }
}

/* A clock time as "HH:MM:SS"; a negative one is of a trip of the day
 * before: its time that day, so marked. Newly allocated. */
static char *
clock_text (gint32 s)
{
  if (s >= 0)
    return tnet_i_clock_hhmmss (s);
  g_autofree char *day_before = tnet_i_clock_hhmmss (s + 86400);
  return g_strconcat (day_before, " (day before)", NULL);
}

/* Member @name: @s seconds in minutes rounded to 0.1, or null when
 * unreached. */
static void
add_minutes (JsonBuilder *b, const char *name, gint32 s)
{
  if (name)
    json_builder_set_member_name (b, name);
  if (s == TNET_RAPTOR_UNREACHED)
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, round (s / 6.0) / 10.0);
}

static void
leg_json (JsonBuilder *b, const TnetIRouteLeg *l)
{
  g_autofree char *c0 = clock_text (l->start_s), *c1 = clock_text (l->end_s);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, leg_kind (l->kind));
  tnet_i_json_add_string (b, "line", l->line);
  tnet_i_json_add_string (b, "trip", l->trip);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, l->from);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, l->to);
  json_builder_set_member_name (b, "start");
  json_builder_add_string_value (b, c0);
  json_builder_set_member_name (b, "end");
  json_builder_add_string_value (b, c1);
  json_builder_set_member_name (b, "wait_min");
  json_builder_add_double_value (b, l->wait_s / 60.0);
  json_builder_end_object (b);
}

/* The members before "legs". */
static void
head_json (JsonBuilder *b, const TnetTimetableRoute *r)
{
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, r->from);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, r->to);
  json_builder_set_member_name (b, "profile");
  json_builder_add_string_value (b, r->park_ride ? "park_and_ride" : "transit");
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, "timetable");
  tnet_i_json_add_string (b, "feed", r->feed);
  json_builder_set_member_name (b, "date");
  json_builder_add_int_value (b, r->date);
  json_builder_set_member_name (b, "depart");
  g_autofree char *cd = clock_text (r->depart_s);
  json_builder_add_string_value (b, cd);
  json_builder_set_member_name (b, "window_min");
  json_builder_add_int_value (b, r->window_min);
  add_minutes (b, "total_min", r->series_s[0]);
  if (r->park_ride)
    {
      json_builder_set_member_name (b, "park_and_ride");
      json_builder_begin_object (b);
      tnet_i_park_ride_counts_write_json (b, &r->park_ride_options, r->n_parking,
                                          r->n_parking_stops);
      json_builder_end_object (b);
    }
}

char *
tnet_timetable_route_to_json (const TnetTimetableRoute *r)
{
  g_return_val_if_fail (r != NULL, NULL);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  head_json (b, r);
  json_builder_set_member_name (b, "legs");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->legs->len; i++)
    leg_json (b, &g_array_index (r->legs, TnetIRouteLeg, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "percentiles");
  json_builder_begin_object (b);
  for (guint i = 0; i < r->n_percentiles; i++)
    {
      g_autofree char *k = g_strdup_printf ("p%g", r->percentiles[i]);
      add_minutes (b, k, r->percentile_s[i]);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "minutes");
  json_builder_begin_array (b);
  for (guint m = 0; m < r->n_minutes; m++)
    add_minutes (b, NULL, r->series_s[m]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return tnet_json_to_text (root, 2);
}

/* The text's line of one leg. */
static void
leg_text (GString *out, const TnetIRouteLeg *l)
{
  g_autofree char *c0 = clock_text (l->start_s), *c1 = clock_text (l->end_s);
  if (l->kind == TNET_TRANSIT_LEG_RIDE)
    g_string_append_printf (out, "  wait %.1f min, board %s %s at %s, alight %s at %s "
                            "(%s %s)\n", l->wait_s / 60.0, l->line, l->from, c0, l->to, c1,
                            tnet_mode_to_string (l->mode), l->trip);
  else if (l->kind == TNET_TRANSIT_LEG_PARK)
    g_string_append_printf (out, "  park at %s, %s-%s\n", l->to, c0, c1);
  else
    g_string_append_printf (out, "  %s %s -> %s, %s-%s\n", leg_kind (l->kind), l->from, l->to,
                            c0, c1);
}

/* The window's lines: the percentiles and the time of each minute. */
static void
window_text (GString *out, const TnetTimetableRoute *r)
{
  g_string_append_printf (out, "Window %02d:%02d + %u min, travel time percentiles:",
                          r->depart_s / 3600, r->depart_s / 60 % 60, r->window_min);
  for (guint i = 0; i < r->n_percentiles; i++)
    {
      if (r->percentile_s[i] == TNET_RAPTOR_UNREACHED)
        g_string_append_printf (out, " p%g -", r->percentiles[i]);
      else
        g_string_append_printf (out, " p%g %.1f", r->percentiles[i],
                                r->percentile_s[i] / 60.0);
    }
  g_string_append (out, " min\nPer minute:");
  for (guint m = 0; m < r->n_minutes; m++)
    {
      if (r->series_s[m] == TNET_RAPTOR_UNREACHED)
        g_string_append (out, " -");
      else
        g_string_append_printf (out, " %.1f", r->series_s[m] / 60.0);
    }
  g_string_append_c (out, '\n');
}

char *
tnet_timetable_route_to_text (const TnetTimetableRoute *r)
{
  g_return_val_if_fail (r != NULL, NULL);
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "Route by %s (timetable %s%s%u) from %s to %s, "
                          "departing %02d:%02d\n", r->park_ride ? "park-and-ride" : "transit",
                          r->feed ? r->feed : "", r->feed ? ", " : "", r->date, r->from, r->to,
                          r->depart_s / 3600, r->depart_s / 60 % 60);
  if (r->park_ride)
    {
      const TnetParkRideOptions *po = &r->park_ride_options;
      g_string_append_printf (out, "Park-and-ride: drive up to %u min, park %u min, %u "
                              "parking places serve %u stops within %g m\n",
                              po->drive_budget_ms / 60000, po->park_ms / 60000, r->n_parking,
                              r->n_parking_stops, po->parking_radius_m);
    }
  for (guint i = 0; i < r->legs->len; i++)
    leg_text (out, &g_array_index (r->legs, TnetIRouteLeg, i));
  if (r->last_stop)
    {
      g_autofree char *c0 = clock_text (r->last_walk_start_s);
      g_autofree char *c1 = clock_text (r->last_walk_end_s);
      g_string_append_printf (out, "  walk %s -> %s, %s-%s\n", r->last_stop, r->to, c0, c1);
    }
  if (r->walk_only)
    g_string_append_printf (out, "  walk %s -> %s, %.1f min\n", r->from, r->to,
                            r->direct_s / 60.0);
  if (r->series_s[0] != TNET_RAPTOR_UNREACHED)
    g_string_append_printf (out, "Total: %.1f min\n", r->series_s[0] / 60.0);
  if (r->window_min > 1)
    window_text (out, r);
  return g_string_free (out, FALSE);
}
