/* tnet-accessibility.h: cumulative-opportunity accessibility (as r5r's
 * accessibility(): opportunities reachable within travel-time cutoffs). */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-commute.h>

G_BEGIN_DECLS

/**
 * TnetAccessibility:
 * For every origin zone and every cutoff T, the cumulative opportunities
 * A(o, T) = sum of opportunities[d] over the destinations d with
 * t(o, d) <= T (the origin's own zone included, at time 0), and the
 * population-weighted mean over the origins. Immutable; single owner.
 */
typedef struct _TnetAccessibility TnetAccessibility;

/**
 * tnet_accessibility_from_matrix:
 * @times_ms: @n_origins rows of @n_destinations travel times in ms
 *   (%TNET_WEIGHT_INF: not connected), row o = origin o
 * @opportunities: @n_destinations non-negative values
 * @population: (nullable): @n_origins non-negative weights of the mean;
 *   %NULL weighs every origin 1
 * @cutoffs_ms: @n_cutoffs cutoffs in ms, each in (0, 10000 min]
 *   (tnet_weight_from_min())
 *
 * Accessibility from any travel-time matrix. This is the entry point of any
 * travel-time source: the many-to-many kernel (tnet_accessibility_compute()),
 * or a timetable engine handing in one percentile of the travel time over
 * a departure window. Copies what it needs.
 * Errors: %TNET_ERROR_INVALID_INPUT for a cutoff out of range, no cutoff,
 * or a negative or non-finite opportunity or population.
 * Thread-safety: reentrant (reads its arguments only).
 * Time complexity: O(n_origins * n_destinations * n_cutoffs).
 */
TNET_API TnetAccessibility *tnet_accessibility_from_matrix (const TnetWeight *times_ms,
                                                            guint n_origins,
                                                            guint n_destinations,
                                                            const double *opportunities,
                                                            const double *population,
                                                            const TnetWeight *cutoffs_ms,
                                                            guint n_cutoffs,
                                                            GError **error);

/**
 * tnet_accessibility_compute:
 * @graph: the multimodal graph of one profile (car: the many-to-many
 *   kernel; transit: the frequency-based approximation of the graph,
 *   unless @opts names a timetable)
 * @zones: @n_zones network node indices, both origins and destinations
 * @opportunities: @n_zones values (the zones' column, e.g. jobs)
 * @population: (nullable): @n_zones weights of the mean
 * @opts: (nullable): how the matrix is computed (tnet_commute_compute_within());
 *   %NULL: %TNET_COMMUTE_METHOD_AUTO, many-to-many from 128 zones on. With
 *   @opts->timetable set and a transit @graph, the travel times follow the
 *   timetable (tnet_timetable_matrix() between the zone nodes'
 *   coordinates, departures every minute of @opts->window_ms from
 *   @opts->depart_s, walks of at most @opts->max_walk_ms) and a pair counts
 *   when the @opts->timetable_percentile of its travel time over the
 *   window (default 50, the median; nearest rank) is within the cutoff
 *   (@opts->percentiles is not needed and may be empty)
 *
 * The zone-to-zone travel times of @graph or of the timetable (journeys
 * from each origin zone to each destination zone), then
 * tnet_accessibility_from_matrix().
 * Errors: as tnet_commute_compute_within() and
 * tnet_accessibility_from_matrix().
 * Thread-safety: reentrant; @graph is read, but for its hierarchy, which
 * the many-to-many query builds on first use and keeps in it, once, under
 * its lock (tnet_multimodal_ref_ch()); hence @graph is not const.
 * Time complexity: one many-to-many query (or n_zones searches; by the
 * timetable, n_zones range queries) plus O(n_zones^2 * n_cutoffs).
 */
TNET_API TnetAccessibility *tnet_accessibility_compute (const TnetNetwork *net,
                                                        TnetMultimodal *graph,
                                                        const TnetId *zones, guint n_zones,
                                                        const double *opportunities,
                                                        const double *population,
                                                        const TnetWeight *cutoffs_ms,
                                                        guint n_cutoffs,
                                                        const TnetCommuteOptions *opts,
                                                        GError **error);

/**
 * tnet_accessibility_compute_origins:
 * @origins: @n_origins network node indices, the rows (a subset of @zones,
 *   or any nodes)
 * @zones: @n_zones network node indices, the destinations
 * @opportunities: @n_zones values
 * @population: (nullable): @n_origins weights of the mean
 *
 * As tnet_accessibility_compute() for the rows of @origins only: row o is
 * the row of origin @origins[o] in tnet_accessibility_compute() over
 * @zones, value for value, whatever the other origins. Lets a scan over
 * many origins be split into blocks (one process or machine each) whose
 * rows are put together afterwards; the mean is then the caller's to
 * recompute over all the rows (the mean of a block covers the block).
 * Errors, thread-safety: as tnet_accessibility_compute().
 * Time complexity: one many-to-many query (or n_origins searches; the
 * method follows @n_zones alone) plus O(n_origins * n_zones * n_cutoffs).
 */
TNET_API TnetAccessibility *tnet_accessibility_compute_origins (const TnetNetwork *net,
                                                                TnetMultimodal *graph,
                                                                const TnetId *origins,
                                                                guint n_origins,
                                                                const TnetId *zones,
                                                                guint n_zones,
                                                                const double *opportunities,
                                                                const double *population,
                                                                const TnetWeight *cutoffs_ms,
                                                                guint n_cutoffs,
                                                                const TnetCommuteOptions *opts,
                                                                GError **error);
TNET_API void tnet_accessibility_free (TnetAccessibility *acc);

TNET_API guint tnet_accessibility_n_origins (const TnetAccessibility *acc);
TNET_API guint tnet_accessibility_n_cutoffs (const TnetAccessibility *acc);
/* Cutoff @c, ms, as given. Errors: none. Thread-safe (reads @acc). O(1). */
TNET_API TnetWeight tnet_accessibility_cutoff_ms (const TnetAccessibility *acc, guint c);
/* A(o, cutoff c). Errors: an index out of range is a programming error
 * (g_critical, NAN). Thread-safe (reads @acc). O(1). */
TNET_API double tnet_accessibility_value (const TnetAccessibility *acc, guint o, guint c);
/* The population-weighted mean of A(., c) over the origins; NAN when the
 * weights sum to 0. Errors: a cutoff out of range is a programming error
 * (g_critical, NAN). Thread-safe (reads @acc). O(1). */
TNET_API double tnet_accessibility_mean (const TnetAccessibility *acc, guint c);
/* The sum of all opportunities (the most any origin can reach). Errors:
 * none. Thread-safe (reads @acc). O(1). */
TNET_API double tnet_accessibility_total (const TnetAccessibility *acc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetAccessibility, tnet_accessibility_free)

/**
 * TnetAccessibilityLabels:
 * @opportunities: the name of the column counted (e.g. "jobs")
 * @profile: the profile the travel times are of
 * @zone_ids: tnet_accessibility_n_origins() zone ids, row o = origin o
 * @lon: (nullable): the zones' longitudes (WGS84); needed by the GeoJSON only
 * @lat: (nullable): the zones' latitudes, as @lon
 * @zone_source: (nullable): the file the zones come from ("zones.csv"),
 *   named by the text only
 * @timetable_feed: (nullable): with transit by a timetable, its feeds'
 *   names joined by "+"; %NULL: by @profile's graph (the network, or the
 *   frequency approximation of transit)
 * @timetable_date: the timetable's service date, YYYYMMDD
 * @depart_s: the first departure, a clock time (seconds after midnight)
 * @window_ms: the departure window, as #TnetCommuteOptions.window_ms
 *   (written in whole minutes, 0 as 1: the departure alone)
 * @max_walk_ms: the longest walk
 * @percentile: the percentile of the travel time over the window counted
 *
 * What a #TnetAccessibility does not hold but its outputs name: the zones
 * and how the travel times were computed. The fields after @zone_source
 * are read only when @timetable_feed is set. Every pointer is borrowed.
 */
typedef struct {
  const char *opportunities;
  TnetProfile profile;
  const char *const *zone_ids;
  const double *lon;
  const double *lat;
  const char *zone_source;
  const char *timetable_feed;
  guint timetable_date;
  gint32 depart_s;
  TnetWeight window_ms;
  TnetWeight max_walk_ms;
  double percentile;
} TnetAccessibilityLabels;

/**
 * tnet_accessibility_model_name:
 *
 * How @labels says the travel times were computed, as `tnet commute` names
 * it: "network" (car), "timetable" or "frequency approximation".
 * Returns: (transfer none): a static string.
 * Errors: none. Thread-safe. Time complexity: O(1).
 */
TNET_API const char *tnet_accessibility_model_name (const TnetAccessibilityLabels *labels);

/**
 * tnet_accessibility_to_json:
 * @acc: the result
 * @labels: its zones and run (@labels->lon and @labels->lat unused)
 *
 * The one JSON form of an accessibility result (docs/json-schema.md, `tnet
 * accessibility --format json` and serve's /accessibility):
 * opportunities, profile, model, timetable (only by a timetable: feed,
 * date, depart "HH:MM", window_min, max_walk_min, percentile), total,
 * cutoffs_min, mean_population_weighted (null where the weights sum to 0)
 * and zones (id, accessibility: one value per cutoff). Indented by 2.
 * Returns: (transfer full): the text, ending in a newline.
 * Errors: none. Thread-safety: reads its arguments only.
 * Time complexity: O(n_origins * n_cutoffs).
 */
TNET_API char *tnet_accessibility_to_json (const TnetAccessibility *acc,
                                           const TnetAccessibilityLabels *labels);

/**
 * tnet_accessibility_to_geojson:
 * @acc: the result
 * @labels: its zones (@labels->lon and @labels->lat required) and run
 *
 * RFC 7946: a FeatureCollection of one Point Feature per zone, whose id is
 * the zone id and whose properties are id, opportunities, profile, model,
 * percentile (only by a timetable) and the CSV's within_T_min columns.
 * Returns: (transfer full): the text, ending in a newline.
 * Errors: none. Thread-safety: reads its arguments only.
 * Time complexity: O(n_origins * n_cutoffs).
 */
TNET_API char *tnet_accessibility_to_geojson (const TnetAccessibility *acc,
                                              const TnetAccessibilityLabels *labels);

/**
 * tnet_accessibility_to_csv:
 * @acc: the result
 * @labels: its zones (only @labels->zone_ids is read)
 *
 * The one CSV form: header `id,within_T_min,…` (a column per cutoff T),
 * a row per zone, values with 17 significant digits.
 * Returns: (transfer full): the text.
 * Errors: none. Thread-safety: reads its arguments only.
 * Time complexity: O(n_origins * n_cutoffs).
 */
TNET_API char *tnet_accessibility_to_csv (const TnetAccessibility *acc,
                                          const TnetAccessibilityLabels *labels);

/**
 * tnet_accessibility_to_text:
 * @acc: the result
 * @labels: its zones and run (@labels->zone_source named in the title)
 *
 * The table of `tnet accessibility`: a title (column, profile, zones,
 * total), a line on the timetable or the frequency approximation (not for
 * car), then a zone per row and a cutoff per column, the
 * population-weighted mean below.
 * Returns: (transfer full): the text.
 * Errors: none. Thread-safety: reads its arguments only.
 * Time complexity: O(n_origins * n_cutoffs).
 */
TNET_API char *tnet_accessibility_to_text (const TnetAccessibility *acc,
                                           const TnetAccessibilityLabels *labels);


G_END_DECLS
