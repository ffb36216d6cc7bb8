/* tnet-isochrone.h: isochrone polygons in bands (several time budgets at
 * once), with their area and the zone opportunities they cover. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>
#include <tnet/tnet-scenario.h>
#include <tnet/tnet-zones.h>

G_BEGIN_DECLS

/**
 * TnetIsochroneOptions:
 * @off_network_kmh: speed beyond the network (walking from where the
 *   network journey stops), km/h; default 5
 * @max_radius_m: cap of the distance walked off the network, metres;
 *   default 1000
 * @segment_m: reached links are cut into pieces of at most this length
 *   (the travel time is linear along a piece); default 250
 * @simplify_m: tolerance of the topology-preserving (Douglas-Peucker)
 *   simplification of each band's outline, metres (0: none); default 10.
 *   The outline may move inwards or outwards by up to this much, so the
 *   area changes by up to about tolerance × perimeter
 * @quadrant_segments: points per quarter circle of the discs; default 8
 * @interior_modes: a mask of TNET_MODE_BIT() of the link modes one can
 *   leave anywhere along (their inner points are reached, by interpolating
 *   the travel time between the two ends); the others (rail, metro...) are
 *   left at their nodes only. Default %TNET_MODES_ROAD.
 *
 * Parameters of tnet_isochrone_bands_new(); set the defaults with
 * tnet_isochrone_options_init().
 */
typedef struct {
  double off_network_kmh;
  double max_radius_m;
  double segment_m;
  double simplify_m;
  int quadrant_segments;
  guint interior_modes;
} TnetIsochroneOptions;

/* Fills @opts with the defaults above. Errors: none (%NULL is a programming
 * error). Thread-safe. Time complexity: O(1). */
TNET_API void tnet_isochrone_options_init (TnetIsochroneOptions *opts);

/**
 * TnetIsochroneBands:
 * One (multi)polygon per time budget, nested (the area of a budget contains
 * that of every smaller one, up to the rounding of the crossing points the
 * union adds: a sliver of the order of 1e-12 square degrees). Immutable once
 * built. Its readers may run in several threads at once, except the point
 * queries (tnet_isochrone_bands_covers() and tnet_isochrone_bands_to_geojson()),
 * which use the bands' own GEOS context and prepared geometries: one thread
 * at a time per bands for those. Free with tnet_isochrone_bands_free().
 */
typedef struct _TnetIsochroneBands TnetIsochroneBands;

/**
 * tnet_isochrone_bands_new:
 * @scen: links inactive in it contribute nothing; it also gives the
 *   links' travel times (tnet_scenario_link_time_ms())
 * @node_ms: per network node, the arrival time in ms or %TNET_WEIGHT_INF
 *   (tnet_isochrone_compute() with the largest budget)
 * @budgets_ms: @n_bands budgets in ms, strictly increasing, each in
 *   (0, 86 400 000] (at most 1440 minutes); a budget read in minutes is
 *   converted with tnet_weight_from_min()
 * @opts: (nullable): %NULL for the defaults
 *
 * Method (a buffer of the reached network, as Valhalla-like "reachable
 * area" with a walking fringe): coordinates are projected to a local
 * equirectangular plane in metres, centred on the reached nodes. A point
 * reached at time t within budget B may walk r = min(@max_radius_m,
 * (B − t) × @off_network_kmh) further. Every reached node gives a disc of
 * its radius; every active link whose mode is in @interior_modes is cut into
 * pieces of at most @segment_m along its polyline
 * (tnet_network_link_geometry(), else the straight line), the time at each
 * cut point being the earlier of the arrival from either end (from the
 * @from end only on a one-way link) at the link's uniform speed; a piece
 * gives the convex hull of the discs at its two ends (the exact union of
 * the discs along it when the radius varies linearly), a piece reached
 * only in part the hull up to where the budget runs out. The band is the
 * union of these shapes, simplified with @simplify_m (preserving
 * topology), then united with the band before it so the bands are nested,
 * made valid if needed, and always a MultiPolygon. Where nothing is within
 * reach inside the outline, the polygon has holes.
 *
 * Area (tnet_isochrone_bands_area_km2()) is computed on the sphere of
 * radius 6371.0088 km from the output lon/lat rings (the spherical-excess
 * approximation of Chamberlain and Duquette, the formula QGIS's and
 * turf's "geodesic" polygon areas use on the sphere).
 *
 * Errors: %TNET_ERROR_INVALID_INPUT on bad budgets or options (the message
 * names the value); %TNET_ERROR_FAILED when the geometry engine fails.
 * Returns: (transfer full): the bands, or %NULL.
 * Thread-safety: reentrant (each call has its own GEOS context); its
 * inputs are only read.
 * Time complexity: O(P log P) per band for P pieces within reach (the
 * cascaded union), P ≈ reached length / @segment_m + reached nodes.
 */
TNET_API TnetIsochroneBands *tnet_isochrone_bands_new (const TnetNetwork *net,
                                                       const TnetScenario *scen,
                                                       const TnetWeight *node_ms,
                                                       const TnetWeight *budgets_ms,
                                                       guint n_bands,
                                                       const TnetIsochroneOptions *opts,
                                                       GError **error);
/* Frees the bands and their GEOS context (%NULL is ignored). Errors: none.
 * Thread-safety: not while another thread reads them. Time complexity:
 * O(vertices). */
TNET_API void tnet_isochrone_bands_free (TnetIsochroneBands *bands);

/* The readers below set no error; a band, polygon or ring out of range is a
 * programming error (g_critical, then 0, NAN, FALSE or %NULL). */

/* The number of bands, and the budget of band @i in ms, as given to
 * tnet_isochrone_bands_new(). Errors: none. Thread-safe. Time complexity:
 * O(1). */
TNET_API guint tnet_isochrone_bands_n_bands (const TnetIsochroneBands *bands);
TNET_API TnetWeight tnet_isochrone_bands_budget_ms (const TnetIsochroneBands *bands, guint i);
/* Area of band @i on the sphere (see above), km², computed when the bands
 * were built. Errors: none. Thread-safe. O(1). */
TNET_API double tnet_isochrone_bands_area_km2 (const TnetIsochroneBands *bands, guint i);
/* TRUE when band @i covers the point (inside or on its boundary).
 * Errors: none (FALSE also when GEOS fails). Thread-safety: one thread at a
 * time per bands (the bands' GEOS context; see #TnetIsochroneBands).
 * O(log V) per query once GEOS has indexed the prepared band, which its
 * first query does (O(V log V)). */
TNET_API gboolean tnet_isochrone_bands_covers (const TnetIsochroneBands *bands, guint i,
                                               double lon, double lat);

/**
 * tnet_isochrone_bands_n_polygons:
 * The outline of band @i: @n polygons, each with rings (the first is the
 * outer one, counter-clockwise; the others are holes, clockwise, as RFC 7946
 * asks), each ring closed (its last point repeats the first). Views valid
 * until @bands is freed.
 * Errors: none. Thread-safe. Time complexity: O(1).
 */
TNET_API guint tnet_isochrone_bands_n_polygons (const TnetIsochroneBands *bands, guint i);
TNET_API guint tnet_isochrone_bands_n_rings (const TnetIsochroneBands *bands, guint i,
                                             guint polygon);
/* The ring's points, lon/lat pairs (2 * *@n_points doubles). Errors: none.
 * Thread-safe. Time complexity: O(1). */
TNET_API const double *tnet_isochrone_bands_ring (const TnetIsochroneBands *bands, guint i,
                                                  guint polygon, guint ring,
                                                  guint *n_points);

/**
 * tnet_isochrone_bands_to_geojson:
 * @zones: (nullable): zones whose numeric columns are summed over the zone
 *   points each band covers; %NULL: the network's nodes of kind zone and
 *   their population
 *
 * An RFC 7946 FeatureCollection of one MultiPolygon Feature per band,
 * smallest budget first, with `id` "band-M" (M the budget in minutes,
 * tnet_weight_to_min(), printed with "%g") and properties
 * `band` (1-based), `minutes` (the same), `area_km2` (as above, to 0.001 km²),
 * `zones` (zone points covered), `population` (0 when there is no such
 * column) and one property per other numeric zone column, named as the
 * column. Coordinates are WGS84 lon/lat in degrees.
 * Returns: (transfer full): the text, pretty-printed.
 * Errors: none. Thread-safety: as tnet_isochrone_bands_covers() (one thread
 * at a time per bands); @net and @zones are only read.
 * Time complexity: O(bands × (vertices + zones log vertices)).
 */
TNET_API char *tnet_isochrone_bands_to_geojson (const TnetIsochroneBands *bands,
                                                const TnetNetwork *net,
                                                const TnetZoneTable *zones);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetIsochroneBands, tnet_isochrone_bands_free)

/**
 * TnetIsochroneLabels:
 * @from: the place the isochrone starts from, as given (a node id, region:R…)
 * @profile: (nullable): the profile's name as given; NULL reads car
 * @budget_ms: the time budget, ms
 * @by_timetable: whether the times follow a timetable (then the
 *   "timetable" member, with the fields below)
 * @timetable_feed: (nullable): the feed's name
 * @timetable_date: its service date, YYYYMMDD
 * @depart_s: the first departure, seconds after midnight
 * @window_ms: the departure window, ms (0 = one minute)
 * @max_walk_ms: the longest walk to or from a stop, ms
 * @percentile: the percentile of the travel time over the window
 *
 * What an isochrone was computed for, for tnet_isochrone_zones_to_json().
 * Borrowed by the call; zero it before setting what applies.
 */
typedef struct {
  const char *from;
  const char *profile;
  TnetWeight budget_ms;
  gboolean by_timetable;
  const char *timetable_feed;
  guint timetable_date;
  gint32 depart_s;
  TnetWeight window_ms;
  TnetWeight max_walk_ms;
  double percentile;
} TnetIsochroneLabels;

/**
 * tnet_isochrone_reach:
 * @net: the network
 * @node_ms: the travel time to each node of @net, ms; %TNET_WEIGHT_INF
 *   where unreached
 * @budget_ms: the budget, ms
 * @n_reached: (out): the nodes reached within @budget_ms (inclusive)
 * @zone_population: (out): the population of the zones among them
 *
 * What an isochrone reaches, as `tnet run` reports it.
 * Errors: none.
 * Thread-safety: reads its arguments only.
 * Time complexity: O(nodes).
 */
TNET_API void tnet_isochrone_reach (const TnetNetwork *net, const TnetWeight *node_ms,
                                    TnetWeight budget_ms, guint *n_reached,
                                    double *zone_population);

/**
 * tnet_isochrone_zones_to_json:
 * @net: the network
 * @node_ms: the travel time to each node of @net, ms; %TNET_WEIGHT_INF
 *   where unreached
 * @labels: what the isochrone was computed for
 *
 * The isochrone of a scenario file's [isochrone] (`isochrone` in `tnet
 * run`'s results.json, docs/scenario-files.md): from, profile, minutes
 * (the budget, tnet_weight_to_min()),
 * nodes_reached and zone_population_reached (tnet_isochrone_reach()),
 * model (a profile other than car: "timetable" or "frequency
 * approximation"), timetable (by the timetable: feed, date, depart,
 * window_min, max_walk_min, percentile, as `tnet isochrone`'s GeoJSON and
 * `tnet accessibility` give them), zones (each zone node: id, minutes to
 * 0.1 or null; the JSON speaks minutes, converted here).
 * Returns: (transfer full): the text, indented by 2, ending in a newline.
 * Errors: none.
 * Thread-safety: reads its arguments only.
 * Time complexity: O(nodes).
 */
TNET_API char *tnet_isochrone_zones_to_json (const TnetNetwork *net, const TnetWeight *node_ms,
                                             const TnetIsochroneLabels *labels);

G_END_DECLS
