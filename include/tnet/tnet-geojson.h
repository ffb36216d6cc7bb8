/* tnet-geojson.h: GeoJSON output of networks and travel-time results. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>
#include <tnet/tnet-scenario.h>

G_BEGIN_DECLS

/**
 * tnet_geojson_network:
 * @scen: (nullable): links inactive in it are left out (NULL: every link)
 *
 * A GeoJSON FeatureCollection (RFC 7946, WGS84 [lon, lat]) of every active
 * link as a LineString (properties `id`, `line`, `mode`, `status`,
 * `open_year` (null when blank), `length_km`, `time_min` (with @scen)), drawn
 * along its polyline (tnet_network_link_geometry()) when it has one, and
 * every zone and station as a Point (`id`, `name`, `name_en`, `kind`,
 * `region`, `population`). The links come first, then the points; a reader
 * that keeps one geometry type per layer (QGIS) opens it as two layers.
 * Returns: (transfer full): the text, pretty-printed.
 * Errors: none (NULL @net is a programming error: g_critical, %NULL).
 * Thread-safety: reads its arguments only (numbers are written in the C
 * locale whatever the process locale).
 * Time complexity: O(nodes + links + polyline points).
 */
TNET_API char *tnet_geojson_network (const TnetNetwork *net, const TnetScenario *scen);

/**
 * TnetGeojsonLayers:
 * @TNET_GEOJSON_POINTS: the Point features (nodes)
 * @TNET_GEOJSON_LINES: the LineString features (links)
 *
 * Which geometry types a GeoJSON writer puts in its file; or-ed. One type
 * per file is what GIS programs expect of a layer.
 */
typedef enum {
  TNET_GEOJSON_POINTS = 1 << 0,
  TNET_GEOJSON_LINES = 1 << 1,
} TnetGeojsonLayers;

#define TNET_GEOJSON_ALL (TNET_GEOJSON_POINTS | TNET_GEOJSON_LINES)

/**
 * tnet_geojson_isochrone:
 * @scen: (nullable): links inactive in it are left out; with it, links get
 *   `time_min` and the collection `scenario` (its year)
 * @node_ms: per network node, the travel time from the origin in ms,
 *   %TNET_WEIGHT_INF when not reached (tnet_isochrone_compute())
 * @budget_ms: nodes with a time up to it are reached
 * @from: (nullable): the origin as the caller named it, echoed
 * @profile: (nullable): the profile's name, echoed
 * @layers: the geometry types to write (%TNET_GEOJSON_ALL: both)
 *
 * The reached set as an RFC 7946 FeatureCollection, the one writer of
 * `tnet isochrone`, `tnet run` and `tnet serve`. Its foreign member
 * `properties` holds `from`, `profile`, `minutes` (the budget) and
 * `scenario`, each present when given. Features, each with its `id`:
 * - with %TNET_GEOJSON_POINTS, every reached node as a Point, properties
 *   `id`, `name`, `name_en`, `kind`, `region`, `population`, `minutes`;
 * - with %TNET_GEOJSON_LINES, every active link whose two ends are reached
 *   as a LineString along its polyline (else the straight line), properties
 *   `id`, `line`, `mode`, `status`, `open_year`, `length_km`, `time_min`,
 *   `from_minutes` and `to_minutes` (the times at its `from` and `to`
 *   nodes) and `minutes` (the later of the two).
 * Points come first, in node order, then links in link order. Minutes are
 * rounded to 0.1, coordinates to 1e-6 degree; absent strings are null.
 * Returns: (transfer full): the text, pretty-printed.
 * Errors: none (NULL @net or @node_ms is a programming error: g_critical,
 * %NULL).
 * Thread-safety: reads its arguments only.
 * Time complexity: O(nodes + links + polyline points).
 */
TNET_API char *tnet_geojson_isochrone (const TnetNetwork *net, const TnetScenario *scen,
                                       const TnetWeight *node_ms, TnetWeight budget_ms,
                                       const char *from, const char *profile,
                                       TnetGeojsonLayers layers);

/**
 * tnet_geojson_paths:
 * @paths: @n_paths arrays of link indices, @path_len[i] links each
 * @labels: (nullable): a label per path
 *
 * One Feature per path, its `id` the 1-based rank: a MultiLineString of its
 * links (each link's polyline when it has one) with properties `rank`,
 * `label`, `links` (the link ids) and `length_km`. Every feature of the
 * file is a MultiLineString.
 * Returns: (transfer full): the text, pretty-printed.
 * Errors: none; a link index out of range is a programming error
 * (g_critical, %NULL).
 * Thread-safety: reads its arguments only.
 * Time complexity: O(total path length + their polyline points).
 */
TNET_API char *tnet_geojson_paths (const TnetNetwork *net, const TnetId *const *paths,
                                   const guint *path_len, guint n_paths,
                                   const char *const *labels);

G_END_DECLS
