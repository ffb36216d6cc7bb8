/* polygons.c: GeoJSON polygons: reading, centroids, point-in-polygon. */
#include "polygons.h"

void
tnet_i_polygon_init (TnetIPolygon *poly)
{
  poly->lonlat = g_array_new (FALSE, FALSE, sizeof (double));
  poly->ring_first = g_array_new (FALSE, FALSE, sizeof (guint));
  poly->ring_outer = g_array_new (FALSE, FALSE, sizeof (gboolean));
  guint zero = 0;
  g_array_append_val (poly->ring_first, zero);
}

void
tnet_i_polygon_clear (TnetIPolygon *poly)
{
  if (poly->lonlat)
    g_array_unref (poly->lonlat);
  if (poly->ring_first)
    g_array_unref (poly->ring_first);
  if (poly->ring_outer)
    g_array_unref (poly->ring_outer);
  memset (poly, 0, sizeof *poly);
}

static gboolean
read_ring (TnetIPolygon *poly, JsonNode *ring, gboolean outer, const char **why)
{
  if (!JSON_NODE_HOLDS_ARRAY (ring))
    return *why = "a ring must be an array of positions", FALSE;
  JsonArray *pts = json_node_get_array (ring);
  guint n = json_array_get_length (pts);
  if (n < 4)
    return *why = "a ring needs at least 4 positions", FALSE;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *p = json_array_get_element (pts, i);
      if (!JSON_NODE_HOLDS_ARRAY (p) || json_array_get_length (json_node_get_array (p)) < 2)
        return *why = "a position must be an array [lon, lat]", FALSE;
      JsonArray *pa = json_node_get_array (p);
      for (guint c = 0; c < 2; c++)
        {
          JsonNode *v = json_array_get_element (pa, c);
          if (!JSON_NODE_HOLDS_VALUE (v)
              || (json_node_get_value_type (v) != G_TYPE_DOUBLE
                  && json_node_get_value_type (v) != G_TYPE_INT64))
            return *why = "a coordinate must be a number", FALSE;
          double x = json_node_get_double (v);
          if (!isfinite (x) || fabs (x) > (c ? 90.0 : 180.0))
            return *why = "a coordinate is out of range (lon in [-180, 180], lat in [-90, 90])",
                   FALSE;
          g_array_append_val (poly->lonlat, x);
        }
    }
  guint end = poly->lonlat->len / 2;
  g_array_append_val (poly->ring_first, end);
  g_array_append_val (poly->ring_outer, outer);
  return TRUE;
}

static gboolean
read_polygon (TnetIPolygon *poly, JsonNode *rings, const char **why)
{
  if (!JSON_NODE_HOLDS_ARRAY (rings) || json_array_get_length (json_node_get_array (rings)) == 0)
    return *why = "a Polygon's coordinates must be a non-empty array of rings", FALSE;
  JsonArray *ra = json_node_get_array (rings);
  for (guint r = 0; r < json_array_get_length (ra); r++)
    if (!read_ring (poly, json_array_get_element (ra, r), r == 0, why))
      return FALSE;
  return TRUE;
}

gboolean
tnet_i_polygon_from_json (TnetIPolygon *poly, JsonObject *geometry, const char **why)
{
  const char *type = json_object_get_string_member_with_default (geometry, "type", "");
  JsonNode *coords = json_object_get_member (geometry, "coordinates");
  if (coords == NULL)
    return *why = "the geometry has no \"coordinates\"", FALSE;
  if (strcmp (type, "Polygon") == 0)
    return read_polygon (poly, coords, why);
  if (strcmp (type, "MultiPolygon") == 0)
    {
      if (!JSON_NODE_HOLDS_ARRAY (coords))
        return *why = "a MultiPolygon's coordinates must be an array of polygons", FALSE;
      JsonArray *pa = json_node_get_array (coords);
      if (json_array_get_length (pa) == 0)
        return *why = "an empty MultiPolygon", FALSE;
      for (guint i = 0; i < json_array_get_length (pa); i++)
        if (!read_polygon (poly, json_array_get_element (pa, i), why))
          return FALSE;
      return TRUE;
    }
  return *why = "expected a Polygon or MultiPolygon geometry", FALSE;
}

gboolean
tnet_i_polygon_centroid (const TnetIPolygon *poly, double *lon, double *lat)
{
  /* shoelace formula per ring, in a plane scaled by cos(lat) around the
   * first point (relative coordinates keep the products small) */
  const double *ll = (const double *) poly->lonlat->data;
  guint n_rings = poly->ring_outer->len;
  if (n_rings == 0)
    return FALSE;
  double lon0 = ll[0], lat0 = ll[1], k = cos (lat0 * G_PI / 180.0);
  double a_sum = 0, cx = 0, cy = 0;
  for (guint r = 0; r < n_rings; r++)
    {
      guint b = g_array_index (poly->ring_first, guint, r);
      guint e = g_array_index (poly->ring_first, guint, r + 1);
      double a = 0, x = 0, y = 0;
      for (guint i = b; i < e; i++)
        {
          guint j = i + 1 < e ? i + 1 : b;
          double x0 = (ll[2 * i] - lon0) * k, y0 = ll[2 * i + 1] - lat0;
          double x1 = (ll[2 * j] - lon0) * k, y1 = ll[2 * j + 1] - lat0;
          double c = x0 * y1 - x1 * y0;
          a += c;
          x += (x0 + x1) * c;
          y += (y0 + y1) * c;
        }
      /* outer rings count positive, holes negative, whatever their winding */
      double sign = g_array_index (poly->ring_outer, gboolean, r) ? 1.0 : -1.0;
      if (a < 0)
        {
          a = -a;
          x = -x;
          y = -y;
        }
      a_sum += sign * a / 2;
      cx += sign * x / 6;
      cy += sign * y / 6;
    }
  if (!(fabs (a_sum) > 0))
    return FALSE;
  *lon = cx / a_sum / k + lon0;
  *lat = cy / a_sum + lat0;
  return TRUE;
}

gboolean
tnet_i_polygon_contains (const TnetIPolygon *poly, double lon, double lat)
{
  const double *ll = (const double *) poly->lonlat->data;
  gboolean inside = FALSE;
  for (guint r = 0; r < poly->ring_outer->len; r++)
    {
      guint b = g_array_index (poly->ring_first, guint, r);
      guint e = g_array_index (poly->ring_first, guint, r + 1);
      for (guint i = b, j = e - 1; i < e; j = i++)
        {
          double xi = ll[2 * i], yi = ll[2 * i + 1], xj = ll[2 * j], yj = ll[2 * j + 1];
          if ((yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi)
            inside = !inside;
        }
    }
  return inside;
}

void
tnet_i_polygon_bbox (const TnetIPolygon *poly, double box[4])
{
  box[0] = box[1] = INFINITY;
  box[2] = box[3] = -INFINITY;
  for (guint i = 0; i < poly->lonlat->len / 2; i++)
    {
      double x = g_array_index (poly->lonlat, double, 2 * i);
      double y = g_array_index (poly->lonlat, double, 2 * i + 1);
      box[0] = MIN (box[0], x);
      box[1] = MIN (box[1], y);
      box[2] = MAX (box[2], x);
      box[3] = MAX (box[3], y);
    }
}

JsonParser *
tnet_i_geojson_read_features (const char *path, JsonArray **features, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  GError *local = NULL;
  if (!json_parser_load_from_file (parser, path, &local))
    {
      gboolean io = local->domain == G_FILE_ERROR;
      g_set_error (error, TNET_ERROR, io ? TNET_ERROR_IO : TNET_ERROR_INVALID_INPUT,
                   "%s: %s", path, local->message);
      g_error_free (local);
      return NULL;
    }
  JsonNode *root = json_parser_get_root (parser);
  JsonObject *obj = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  const char *type = obj ? json_object_get_string_member_with_default (obj, "type", "") : "";
  JsonNode *fn = obj ? json_object_get_member (obj, "features") : NULL;
  if (strcmp (type, "FeatureCollection") != 0 || fn == NULL || !JSON_NODE_HOLDS_ARRAY (fn))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s: expected a GeoJSON FeatureCollection with a \"features\" array", path);
      return NULL;
    }
  *features = json_node_get_array (fn);
  return g_steal_pointer (&parser);
}

char *
tnet_i_json_scalar_text (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  GType t = json_node_get_value_type (node);
  if (t == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (t == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (t == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? "true" : "false");
  double v = json_node_get_double (node);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.15g", v);
  if (g_ascii_strtod (buf, NULL) != v)
    g_ascii_formatd (buf, sizeof buf, "%.17g", v);
  return g_strdup (buf);
}

JsonObject *
tnet_i_geojson_feature (JsonArray *features, guint i, JsonObject **geometry)
{
  JsonNode *fn = json_array_get_element (features, i);
  JsonObject *feat = JSON_NODE_HOLDS_OBJECT (fn) ? json_node_get_object (fn) : NULL;
  JsonNode *gn = feat ? json_object_get_member (feat, "geometry") : NULL;
  *geometry = gn && JSON_NODE_HOLDS_OBJECT (gn) ? json_node_get_object (gn) : NULL;
  return feat;
}

char *
tnet_i_geojson_feature_id (JsonObject *feature, const char *key)
{
  JsonNode *id = json_object_get_member (feature, "id");
  if (id == NULL || JSON_NODE_HOLDS_NULL (id))
    {
      JsonNode *props = json_object_get_member (feature, "properties");
      if (props && JSON_NODE_HOLDS_OBJECT (props))
        id = json_object_get_member (json_node_get_object (props), key);
    }
  if (id == NULL || JSON_NODE_HOLDS_NULL (id))
    return NULL;
  char *s = tnet_i_json_scalar_text (id);
  if (s && *s == '\0')
    {
      g_free (s);
      return NULL;
    }
  return s;
}
