/* geojson-shapes.h: the geometries the GeoJSON writers share, for the
 * writers of analysis results (corridors, criticality, commute). Internal.
 * Each function writes one value, the Feature's "geometry" (the caller
 * sets the member name); coordinates are WGS84 [lon, lat] rounded to 1e-6
 * degree (about 0.1 m). */
#pragma once

#include "tnet-internal.h"
#include <json-glib/json-glib.h>

/* A new builder inside an open object whose "type" is "FeatureCollection":
 * the caller adds "features" (and any other member), then closes the
 * object. Free with g_object_unref(). */
JsonBuilder *tnet_i_geojson_collection_new (void);
/* Closes the open "features" array and the collection of @b (begun by
 * tnet_i_geojson_collection_new()) and returns the document's text,
 * tnet_json_to_text() with indent 1. Free with g_free(). */
char *tnet_i_geojson_collection_finish (JsonBuilder *b);

/* A Point. */
void tnet_i_geojson_point (JsonBuilder *b, double lon, double lat);

/* The array of positions [[lon, lat], ...] of @n_points lon/lat pairs, the
 * values as given (not rounded): the "coordinates" of a LineString, or one
 * part of a MultiLineString or ring of a Polygon. O(n_points). */
void tnet_i_geojson_positions (JsonBuilder *b, const double *lonlat, guint n_points);

/* A LineString through @n_points lon/lat pairs, consecutive repeats
 * dropped; null when fewer than two distinct points remain. */
void tnet_i_geojson_line (JsonBuilder *b, const double *lonlat, guint n_points);

/* The links @links[0..n) in travel order as one LineString: each link's
 * polyline (tnet_network_link_geometry(), else its two nodes), turned to
 * start where the previous one ended, the first one at @start (a network
 * node, or TNET_ID_NONE: so that it ends where the second begins); a link
 * that does not touch the previous one is joined by a straight segment.
 * null when that leaves fewer than two points. */
void tnet_i_geojson_links_line (JsonBuilder *b, const TnetNetwork *net, const TnetId *links,
                                guint n_links, TnetId start);

/* The links as a MultiLineString, one part per link in its own direction;
 * null when @n_links is 0. */
void tnet_i_geojson_links_multiline (JsonBuilder *b, const TnetNetwork *net,
                                     const TnetId *links, guint n_links);

/* The stops of the feed's patterns whose route is named @line
 * (tnet_feed_route_name()) as a MultiLineString, one part per pattern:
 * straight segments between its stops' coordinates in calling order,
 * stops without coordinates skipped; the geometry of a transit service
 * that runs over no network link. null when no pattern has two such stops.
 * Returns: the number of parts written. */
guint tnet_i_geojson_service_stops (JsonBuilder *b, const TnetFeed *feed, const char *line);
