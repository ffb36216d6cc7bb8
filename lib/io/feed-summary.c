/* feed-summary.c: what `tnet import gtfs FEED` reports of a feed it read
 * (agencies, counts, routes and patterns by mode with their headways), as
 * JSON and as text, written once for the command and any other caller. */
#include "tnet-internal.h"
#include "json-text.h"
#include <math.h>

typedef struct {
  guint n_routes;
  guint n_patterns;
  double min_headway_s;
  double max_headway_s;
} ModeStats;

/* What the summary says of a feed beyond its own counts. */
typedef struct {
  ModeStats ms[TNET_N_MODES];   /* by route mode */
  guint n_freq;                 /* frequency-based patterns */
  guint n_stations;             /* stops of location_type 1 */
  guint w0, w1;                 /* the window, s */
} FeedSummary;

static void
feed_summary (const TnetFeed *feed, FeedSummary *sum)
{
  ModeStats *ms = sum->ms;
  for (guint m = 0; m < TNET_N_MODES; m++)
    ms[m] = (ModeStats) { 0, 0, INFINITY, 0 };
  for (guint r = 0; r < tnet_feed_n_routes (feed); r++)
    ms[tnet_feed_route (feed, r)->mode].n_routes++;
  sum->n_freq = 0;
  for (guint p = 0; p < tnet_feed_n_patterns (feed); p++)
    {
      const TnetPattern *pat = tnet_feed_pattern (feed, p);
      ModeStats *s = &ms[tnet_feed_route (feed, pat->route)->mode];
      s->n_patterns++;
      s->min_headway_s = MIN (s->min_headway_s, pat->headway_s);
      s->max_headway_s = MAX (s->max_headway_s, pat->headway_s);
      sum->n_freq += pat->frequency_based;
    }
  sum->n_stations = 0;
  for (guint i = 0; i < tnet_feed_n_stops (feed); i++)
    sum->n_stations += tnet_feed_stop (feed, i)->location_type == 1;
  tnet_feed_get_window (feed, &sum->w0, &sum->w1);
}

/* Member @name: a headway in minutes to a tenth, or null without
 * patterns. */
static void
json_headway_min (JsonBuilder *b, const char *name, const ModeStats *s, double headway_s)
{
  json_builder_set_member_name (b, name);
  if (s->n_patterns)
    json_builder_add_double_value (b, round (headway_s / 6.0) / 10.0);
  else
    json_builder_add_null_value (b);
}

static void
json_modes (JsonBuilder *b, const FeedSummary *sum)
{
  json_builder_set_member_name (b, "modes");
  json_builder_begin_array (b);
  for (guint m = 0; m < TNET_N_MODES; m++)
    if (sum->ms[m].n_routes)
      {
        const ModeStats *s = &sum->ms[m];
        json_builder_begin_object (b);
        json_builder_set_member_name (b, "mode");
        json_builder_add_string_value (b, tnet_mode_to_string (m));
        json_builder_set_member_name (b, "routes");
        json_builder_add_int_value (b, s->n_routes);
        json_builder_set_member_name (b, "patterns");
        json_builder_add_int_value (b, s->n_patterns);
        json_headway_min (b, "headway_min_min", s, s->min_headway_s);
        json_headway_min (b, "headway_max_min", s, s->max_headway_s);
        json_builder_end_object (b);
      }
  json_builder_end_array (b);
}

char *
tnet_feed_summary_to_json (const TnetFeed *feed)
{
  g_return_val_if_fail (feed != NULL, NULL);
  FeedSummary sum;
  feed_summary (feed, &sum);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "feed");
  json_builder_add_string_value (b, tnet_feed_get_path (feed));
  json_builder_set_member_name (b, "agencies");
  json_builder_begin_array (b);
  for (guint i = 0; i < tnet_feed_n_agencies (feed); i++)
    json_builder_add_string_value (b, tnet_feed_agency_name (feed, i));
  json_builder_end_array (b);
  struct { const char *k; guint v; } counts[] = {
    { "stops", tnet_feed_n_stops (feed) }, { "stations", sum.n_stations },
    { "routes", tnet_feed_n_routes (feed) }, { "trips", tnet_feed_n_trips (feed) },
    { "stop_times", tnet_feed_n_stop_times (feed) },
    { "transfers", tnet_feed_n_transfers (feed) },
    { "patterns", tnet_feed_n_patterns (feed) }, { "frequency_patterns", sum.n_freq },
    { "service_date", tnet_feed_get_service_date (feed) },
    { "window_start_s", sum.w0 }, { "window_end_s", sum.w1 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      json_builder_set_member_name (b, counts[i].k);
      json_builder_add_int_value (b, counts[i].v);
    }
  json_modes (b, &sum);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return tnet_json_to_text (root, 2);
}

char *
tnet_feed_summary_to_text (const TnetFeed *feed, double load_ms)
{
  g_return_val_if_fail (feed != NULL, NULL);
  FeedSummary sum;
  feed_summary (feed, &sum);
  const guint w0 = sum.w0, w1 = sum.w1;
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "GTFS feed %s", tnet_feed_get_path (feed));
  if (isfinite (load_ms))
    g_string_append_printf (out, " (read in %.0f ms)", load_ms);
  g_string_append (out, "\nAgencies:");
  for (guint i = 0; i < tnet_feed_n_agencies (feed); i++)
    g_string_append_printf (out, "%s %s", i ? "," : "", tnet_feed_agency_name (feed, i));
  g_string_append_printf (out, "%s\n", tnet_feed_n_agencies (feed) ? "" : " (none)");
  g_string_append_printf (out, "Stops: %u (%u stations); trips: %u; stop times: %u; "
                          "transfers: %u\n", tnet_feed_n_stops (feed), sum.n_stations,
                          tnet_feed_n_trips (feed), tnet_feed_n_stop_times (feed),
                          tnet_feed_n_transfers (feed));
  g_string_append_printf (out, "Service day %u, window %02u:%02u-%02u:%02u: %u patterns "
                          "(%u frequency-based)\n", tnet_feed_get_service_date (feed),
                          w0 / 3600, w0 / 60 % 60, w1 / 3600, w1 / 60 % 60,
                          tnet_feed_n_patterns (feed), sum.n_freq);
  for (guint m = 0; m < TNET_N_MODES; m++)
    if (sum.ms[m].n_routes)
      {
        const ModeStats *s = &sum.ms[m];
        g_string_append_printf (out, "  %-9s %3u routes, %3u patterns", tnet_mode_to_string (m),
                                s->n_routes, s->n_patterns);
        if (s->n_patterns)
          g_string_append_printf (out, ", headway %.1f-%.1f min", s->min_headway_s / 60.0,
                                  s->max_headway_s / 60.0);
        g_string_append_c (out, '\n');
      }
  return g_string_free (out, FALSE);
}
