/* polygons.h: GeoJSON polygons for zones and regions: centroids and
 * point-in-polygon. Internal. */
#pragma once

#include "tnet-internal.h"
#include <json-glib/json-glib.h>

/* A (multi)polygon: rings of lon/lat pairs; ring_first[r] .. ring_first[r+1]
 * are ring r's points (closing point included or not); ring_outer[r] tells
 * outer rings from holes. */
typedef struct {
  GArray *lonlat;      /* doubles */
  GArray *ring_first;  /* guint, n_rings + 1 entries (point indices) */
  GArray *ring_outer;  /* gboolean per ring */
} TnetIPolygon;

void tnet_i_polygon_init (TnetIPolygon *poly);
void tnet_i_polygon_clear (TnetIPolygon *poly);
/* Reads a GeoJSON Polygon or MultiPolygon geometry object; FALSE with a
 * message in *@why (static string) when it is something else or malformed. */
gboolean tnet_i_polygon_from_json (TnetIPolygon *poly, JsonObject *geometry,
                                   const char **why);
/* Area-weighted centroid of the outer rings minus the holes (planar, in
 * degrees scaled by cos of the latitude); FALSE when the area is zero. */
gboolean tnet_i_polygon_centroid (const TnetIPolygon *poly, double *lon, double *lat);
/* Even-odd rule over every ring: inside an outer ring and not in a hole. */
gboolean tnet_i_polygon_contains (const TnetIPolygon *poly, double lon, double lat);
/* Bounding box: lon0, lat0, lon1, lat1. */
void tnet_i_polygon_bbox (const TnetIPolygon *poly, double box[4]);

/* Reads a GeoJSON file into its root object (a FeatureCollection is
 * checked) and its features array. */
JsonParser *tnet_i_geojson_read_features (const char *path, JsonArray **features,
                                          GError **error);
/* Feature @i of @features when it is an object, else NULL; *@geometry is
 * its "geometry" member when that is an object, else NULL. Views into the
 * parsed document. O(1). */
JsonObject *tnet_i_geojson_feature (JsonArray *features, guint i, JsonObject **geometry);
/* A feature's id: its "id" member (string or integer), else property @key;
 * NULL when neither. Newly allocated. */
char *tnet_i_geojson_feature_id (JsonObject *feature, const char *key);
/* A scalar JSON node as text ("" for null); NULL for arrays and objects. */
char *tnet_i_json_scalar_text (JsonNode *node);
