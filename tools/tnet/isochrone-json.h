/* isochrone-json.h: the GeoJSON document of `tnet isochrone`, shared with
 * `tnet serve`. */
#pragma once

#include "cli.h"

G_BEGIN_DECLS

/* The FeatureCollection `tnet isochrone --format geojson` prints for the
 * travel times @ms (tnet_network_n_nodes() entries, TNET_WEIGHT_INF when
 * beyond the budget): reached nodes as Points, links with both ends reached
 * as LineStrings. @from is echoed as given. Newly allocated.
 * Time complexity: O(nodes + links). */
char *tnet_cli_isochrone_geojson (const TnetNetwork *net, const TnetScenario *scen,
                                  const char *from, TnetProfile profile, double minutes,
                                  const TnetWeight *ms);

G_END_DECLS
