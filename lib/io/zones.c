/* zones.c: zone tables from CSV (r5r's id,lon,lat,...) or GeoJSON. */
#include "tnet-internal.h"
#include "csv.h"
#include "polygons.h"
#include <tnet/tnet-zones.h>
#include <stdlib.h>

struct _TnetZoneTable {
  GPtrArray *ids;        /* char *, one per zone */
  GArray *lonlat;        /* 2 doubles per zone */
  GPtrArray *columns;    /* char * column names (not id/lon/lat) */
  GPtrArray *cells;      /* per zone: a GPtrArray of char * (one per column) */
  GHashTable *index;     /* id (owned by @ids) -> zone index + 1 */
};

static TnetZoneTable *
zone_table_new (void)
{
  TnetZoneTable *t = g_new0 (TnetZoneTable, 1);
  t->ids = g_ptr_array_new_with_free_func (g_free);
  t->lonlat = g_array_new (FALSE, FALSE, sizeof (double));
  t->columns = g_ptr_array_new_with_free_func (g_free);
  t->cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  t->index = g_hash_table_new (g_str_hash, g_str_equal);
  return t;
}

void
tnet_zone_table_free (TnetZoneTable *t)
{
  if (!t)
    return;
  g_hash_table_destroy (t->index);
  g_ptr_array_unref (t->cells);
  g_ptr_array_unref (t->columns);
  g_array_unref (t->lonlat);
  g_ptr_array_unref (t->ids);
  g_free (t);
}

/* Adds a zone with empty cells; FALSE when the id is taken. */
static gboolean
add_zone (TnetZoneTable *t, const char *id, double lon, double lat)
{
  if (g_hash_table_contains (t->index, id))
    return FALSE;
  char *own = g_strdup (id);
  g_ptr_array_add (t->ids, own);
  g_hash_table_insert (t->index, own, GUINT_TO_POINTER (t->ids->len));
  double ll[2] = { lon, lat };
  g_array_append_vals (t->lonlat, ll, 2);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  for (guint c = 0; c < t->columns->len; c++)
    g_ptr_array_add (row, g_strdup (""));
  g_ptr_array_add (t->cells, row);
  return TRUE;
}

guint
tnet_zone_table_add_column (TnetZoneTable *t, const char *name)
{
  g_return_val_if_fail (t != NULL && name != NULL, 0);
  int c = tnet_zone_table_column (t, name);
  if (c >= 0)
    return (guint) c;
  g_ptr_array_add (t->columns, g_strdup (name));
  for (guint z = 0; z < t->cells->len; z++)
    g_ptr_array_add (g_ptr_array_index (t->cells, z), g_strdup (""));
  return t->columns->len - 1;
}

/* What zone_row() reads with: the table, the columns of the CSV and the
 * header's other columns (@src, filled at the first row). */
typedef struct {
  TnetZoneTable *t;
  int id, lon, lat;
  GArray *src;           /* of int: the header's columns other than id, lon, lat */
} ZoneRead;

/* The header's columns other than id, lon and lat, in header order, as the
 * table's text columns. */
static void
zone_columns (TnetCsv *csv, ZoneRead *rd)
{
  rd->src = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint c = 0; c < tnet_i_csv_n_columns (csv); c++)
    if ((int) c != rd->id && (int) c != rd->lon && (int) c != rd->lat)
      {
        int ci = (int) c;
        g_array_append_val (rd->src, ci);
        tnet_zone_table_add_column (rd->t, tnet_i_csv_column_name (csv, ci));
      }
}

static gboolean
zone_row (TnetCsv *csv, gpointer data, GError **error)
{
  ZoneRead *rd = data;
  if (!rd->src)
    zone_columns (csv, rd);
  const char *id = tnet_i_csv_text (csv, rd->id, "a zone id", error);
  double lon, lat;
  if (!id
      || !tnet_i_csv_double_in (csv, rd->lon, TRUE, -180.0, 180.0, FALSE,
                                "a longitude in [-180, 180]", 0.0, &lon, error)
      || !tnet_i_csv_double_in (csv, rd->lat, TRUE, -90.0, 90.0, FALSE,
                                "a latitude in [-90, 90]", 0.0, &lat, error))
    return FALSE;
  if (!add_zone (rd->t, id, lon, lat))
    {
      tnet_i_csv_error (csv, rd->id, error, "duplicate zone id \"%s\"", id);
      return FALSE;
    }
  GPtrArray *row = g_ptr_array_index (rd->t->cells, rd->t->cells->len - 1);
  for (guint k = 0; k < rd->src->len; k++)
    {
      g_free (row->pdata[k]);
      row->pdata[k] = g_strdup (tnet_i_csv_field (csv, g_array_index (rd->src, int, k)));
    }
  return TRUE;
}

static TnetZoneTable *
load_csv (const char *path, GError **error)
{
  g_autoptr (TnetZoneTable) t = zone_table_new ();
  ZoneRead rd = { .t = t };
  const TnetCsvColumn columns[] = {
    { "id", TRUE, &rd.id }, { "lon", TRUE, &rd.lon }, { "lat", TRUE, &rd.lat },
  };
  gboolean ok = tnet_i_csv_read_rows (path, path, columns, G_N_ELEMENTS (columns), zone_row,
                                      &rd, error);
  if (rd.src)
    g_array_unref (rd.src);
  if (!ok)
    return NULL;
  if (t->ids->len == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "%s: no zone (expected rows "
                   "id,lon,lat,... after the header)", path);
      return NULL;
    }
  return g_steal_pointer (&t);
}

static TnetZoneTable *
load_geojson (const char *path, GError **error)
{
  JsonArray *features = NULL;
  g_autoptr (JsonParser) parser = tnet_i_geojson_read_features (path, &features, error);
  if (!parser)
    return NULL;
  g_autoptr (TnetZoneTable) t = zone_table_new ();
  for (guint f = 0; f < json_array_get_length (features); f++)
    {
      JsonObject *geom;
      JsonObject *feat = tnet_i_geojson_feature (features, f, &geom);
      if (geom == NULL)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                       "%s: feature %u: expected a Feature object with a geometry", path, f + 1);
          return NULL;
        }
      g_autofree char *id = tnet_i_geojson_feature_id (feat, "id");
      if (id == NULL)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                       "%s: feature %u: expected an \"id\" (member or property)", path, f + 1);
          return NULL;
        }
      const char *type = json_object_get_string_member_with_default (geom, "type", "");
      double lon = NAN, lat = NAN;
      const char *why = NULL;
      if (strcmp (type, "Point") == 0)
        {
          JsonNode *cn = json_object_get_member (geom, "coordinates");
          JsonArray *ca = cn && JSON_NODE_HOLDS_ARRAY (cn) ? json_node_get_array (cn) : NULL;
          if (ca && json_array_get_length (ca) >= 2
              && JSON_NODE_HOLDS_VALUE (json_array_get_element (ca, 0))
              && JSON_NODE_HOLDS_VALUE (json_array_get_element (ca, 1))
              && json_node_get_value_type (json_array_get_element (ca, 0)) != G_TYPE_STRING
              && json_node_get_value_type (json_array_get_element (ca, 1)) != G_TYPE_STRING)
            {
              lon = json_array_get_double_element (ca, 0);
              lat = json_array_get_double_element (ca, 1);
            }
          if (!(fabs (lon) <= 180 && fabs (lat) <= 90))
            why = "expected Point coordinates [lon, lat] in range";
        }
      else
        {
          TnetIPolygon poly;
          tnet_i_polygon_init (&poly);
          if (tnet_i_polygon_from_json (&poly, geom, &why)
              && !tnet_i_polygon_centroid (&poly, &lon, &lat))
            why = "a polygon of zero area has no centroid";
          tnet_i_polygon_clear (&poly);
        }
      if (why)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "%s: feature %u (\"%s\"): %s",
                       path, f + 1, id, why);
          return NULL;
        }
      if (!add_zone (t, id, lon, lat))
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                       "%s: feature %u: duplicate zone id \"%s\"", path, f + 1, id);
          return NULL;
        }
      JsonNode *pn = json_object_get_member (feat, "properties");
      if (pn && JSON_NODE_HOLDS_OBJECT (pn))
        {
          JsonObject *props = json_node_get_object (pn);
          g_autoptr (GList) members = json_object_get_members (props);
          for (GList *m = members; m; m = m->next)
            {
              const char *key = m->data;
              if (strcmp (key, "id") == 0 || strcmp (key, "lon") == 0 || strcmp (key, "lat") == 0)
                continue;
              char *text = tnet_i_json_scalar_text (json_object_get_member (props, key));
              if (text == NULL)
                continue;   /* nested values are not table cells */
              guint c = tnet_zone_table_add_column (t, key);
              tnet_zone_table_set_text (t, t->ids->len - 1, c, text);
              g_free (text);
            }
        }
    }
  if (t->ids->len == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "%s: no zone (the "
                   "FeatureCollection has no feature)", path);
      return NULL;
    }
  return g_steal_pointer (&t);
}

static gboolean
has_suffix (const char *s, const char *suffix)
{
  gsize n = strlen (s), k = strlen (suffix);
  return n >= k && g_ascii_strcasecmp (s + n - k, suffix) == 0;
}

TnetZoneTable *
tnet_zone_table_load (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_IO, "%s: no such file", path);
      return NULL;
    }
  if (has_suffix (path, ".geojson") || has_suffix (path, ".json"))
    return load_geojson (path, error);
  return load_csv (path, error);
}

guint
tnet_zone_table_n_zones (const TnetZoneTable *t)
{
  g_return_val_if_fail (t != NULL, 0);
  return t->ids->len;
}

const char *
tnet_zone_table_id (const TnetZoneTable *t, guint z)
{
  g_return_val_if_fail (t != NULL && z < t->ids->len, NULL);
  return g_ptr_array_index (t->ids, z);
}

double
tnet_zone_table_lon (const TnetZoneTable *t, guint z)
{
  g_return_val_if_fail (t != NULL && z < t->ids->len, NAN);
  return g_array_index (t->lonlat, double, 2 * z);
}

double
tnet_zone_table_lat (const TnetZoneTable *t, guint z)
{
  g_return_val_if_fail (t != NULL && z < t->ids->len, NAN);
  return g_array_index (t->lonlat, double, 2 * z + 1);
}

guint
tnet_zone_table_find (const TnetZoneTable *t, const char *id)
{
  g_return_val_if_fail (t != NULL && id != NULL, G_MAXUINT);
  gpointer v = g_hash_table_lookup (t->index, id);
  return v ? GPOINTER_TO_UINT (v) - 1 : G_MAXUINT;
}

guint
tnet_zone_table_n_columns (const TnetZoneTable *t)
{
  g_return_val_if_fail (t != NULL, 0);
  return t->columns->len;
}

const char *
tnet_zone_table_column_name (const TnetZoneTable *t, guint col)
{
  g_return_val_if_fail (t != NULL && col < t->columns->len, NULL);
  return g_ptr_array_index (t->columns, col);
}

int
tnet_zone_table_column (const TnetZoneTable *t, const char *name)
{
  g_return_val_if_fail (t != NULL && name != NULL, -1);
  for (guint c = 0; c < t->columns->len; c++)
    if (strcmp (g_ptr_array_index (t->columns, c), name) == 0)
      return (int) c;
  return -1;
}

const char *
tnet_zone_table_text (const TnetZoneTable *t, guint z, guint col)
{
  g_return_val_if_fail (t != NULL && z < t->ids->len && col < t->columns->len, "");
  return g_ptr_array_index ((GPtrArray *) g_ptr_array_index (t->cells, z), col);
}

void
tnet_zone_table_set_text (TnetZoneTable *t, guint z, guint col, const char *text)
{
  g_return_if_fail (t != NULL && z < t->ids->len && col < t->columns->len);
  GPtrArray *row = g_ptr_array_index (t->cells, z);
  g_free (row->pdata[col]);
  row->pdata[col] = g_strdup (text ? text : "");
}

static gboolean
parse_number (const char *s, double *out)
{
  while (g_ascii_isspace (*s))
    s++;
  if (!*s)
    return FALSE;
  char *end;
  double v = g_ascii_strtod (s, &end);
  while (g_ascii_isspace (*end))
    end++;
  if (end == s || *end || !isfinite (v))
    return FALSE;
  *out = v;
  return TRUE;
}

double
tnet_zone_table_value (const TnetZoneTable *t, guint z, guint col)
{
  double v;
  return parse_number (tnet_zone_table_text (t, z, col), &v) ? v : NAN;
}

gboolean
tnet_zone_table_column_is_numeric (const TnetZoneTable *t, guint col)
{
  g_return_val_if_fail (t != NULL && col < t->columns->len, FALSE);
  guint n = 0;
  for (guint z = 0; z < t->ids->len; z++)
    {
      const char *s = tnet_zone_table_text (t, z, col);
      double v;
      if (!*s)
        continue;
      if (!parse_number (s, &v))
        return FALSE;
      n++;
    }
  return n > 0;
}

double *
tnet_zone_table_values (const TnetZoneTable *t, const char *name, GError **error)
{
  g_return_val_if_fail (t != NULL && name != NULL, NULL);
  int c = tnet_zone_table_column (t, name);
  if (c < 0)
    {
      g_autoptr (GString) cols = g_string_new (NULL);
      for (guint k = 0; k < t->columns->len; k++)
        if (tnet_zone_table_column_is_numeric (t, k))
          g_string_append_printf (cols, "%s%s", cols->len ? ", " : "",
                                  (const char *) g_ptr_array_index (t->columns, k));
      g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                   "the zones have no column \"%s\" (numeric columns: %s)", name,
                   cols->len ? cols->str : "none");
      return NULL;
    }
  double *out = g_new (double, MAX (t->ids->len, 1));
  for (guint z = 0; z < t->ids->len; z++)
    {
      const char *s = tnet_zone_table_text (t, z, (guint) c);
      out[z] = 0;
      if (*s && (!parse_number (s, &out[z]) || out[z] < 0))
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                       "zone \"%s\": expected a non-negative number in column \"%s\", got \"%s\"",
                       tnet_zone_table_id (t, z), name, s);
          g_free (out);
          return NULL;
        }
    }
  return out;
}

gboolean
tnet_zone_table_save_csv (const TnetZoneTable *t, const char *path, GError **error)
{
  g_return_val_if_fail (t != NULL && path != NULL, FALSE);
  g_autoptr (GString) out = g_string_new ("id,lon,lat");
  for (guint c = 0; c < t->columns->len; c++)
    tnet_i_csv_put_field (out, g_ptr_array_index (t->columns, c), FALSE);
  g_string_append_c (out, '\n');
  for (guint z = 0; z < t->ids->len; z++)
    {
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
      tnet_i_csv_put_field (out, g_ptr_array_index (t->ids, z), TRUE);
      g_ascii_formatd (x, sizeof x, "%.15g", tnet_zone_table_lon (t, z));
      g_ascii_formatd (y, sizeof y, "%.15g", tnet_zone_table_lat (t, z));
      g_string_append_printf (out, ",%s,%s", x, y);
      for (guint c = 0; c < t->columns->len; c++)
        tnet_i_csv_put_field (out, tnet_zone_table_text (t, z, c), FALSE);
      g_string_append_c (out, '\n');
    }
  return tnet_i_write_text_file (path, out, error);
}
