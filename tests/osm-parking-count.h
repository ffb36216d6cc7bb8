/* osm-parking-count.h: the parking places of an OSM PBF file, read by a
 * PBF reader of the tests' own (no readosm), for checking the import's
 * parking nodes against an independent count. */
#pragma once

#include <glib.h>

/* The parking places of @path by the rule of tnet_network_load_osm()
 * (#TnetOsmOptions.parking): a table from the node id the import gives
 * them ("parking:n<id>" / "parking:w<id>") to their position (double[2],
 * lon and lat; a closed way's mean of its distinct nodes); NULL when the
 * file cannot be read. Free with g_hash_table_unref(). */
GHashTable *osm_parking_count (const char *path);
