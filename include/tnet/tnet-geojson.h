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
 * @node_minutes: (nullable): a travel time per network node (minutes; NAN
 *   or negative when not reached), for an isochrone
 * @budget_min: with @node_minutes, the largest time kept
 *
 * A GeoJSON FeatureCollection (RFC 7946, WGS84 [lon, lat]):
 * Links are drawn along their polylines (tnet_network_link_geometry()) when
 * they have one.
 * - without @node_minutes: every active link as a LineString (properties
 *   `id`, `line`, `mode`, `status`, `open_year` (null when blank),
 *   `length_km`, `time_min`) and every zone and station as a Point
 *   (`id`, `name`, `name_en`, `kind`, `region`, `population`);
 * - with @node_minutes: every node reached within @budget_min as a Point
 *   with `minutes`, and every active link whose two ends are within the
 *   budget as a LineString with `minutes` (the later end's time).
 * Returns: (transfer full): the text, pretty-printed.
 * Time complexity: O(nodes + links).
 */
TNET_API char *tnet_geojson_network (const TnetNetwork *net, const TnetScenario *scen,
                                     const double *node_minutes, double budget_min);

/**
 * tnet_geojson_paths:
 * @paths: @n_paths arrays of link indices, @path_len[i] links each
 * @labels: (nullable): a label per path
 *
 * One Feature per path, its `id` the 1-based rank: a MultiLineString of its
 * links (each link's polyline when it has one) with properties `rank`,
 * `label`, `links` (the link ids) and `length_km`. Every feature of the
 * file is a MultiLineString.
 */
TNET_API char *tnet_geojson_paths (const TnetNetwork *net, const TnetId *const *paths,
                                   const guint *path_len, guint n_paths,
                                   const char *const *labels);

G_END_DECLS
