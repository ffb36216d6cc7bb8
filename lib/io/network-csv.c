/* network-csv.c: the network CSV folder (nodes.csv, links.csv), docs/data-format.md.
 *
 * Implementation notes: every row is checked here, field by field, so that
 * each problem is reported at the column that holds it; the network's own
 * checks (tnet_network_add_node/_link) then only catch what this file does
 * not know about, and their message is prefixed with the row's place. The
 * network is built into a fresh object that is freed on the first error,
 * so a failed load leaves nothing behind. */
#include "tnet-internal.h"
#include "csv.h"

#include <errno.h>
#include <glib/gstdio.h>

/* Prefixes an error from the network model with the row's place. */
static void
locate (const TnetCsv *csv, int col, GError **error, GError *model_error)
{
  tnet_i_csv_error (csv, col, error, "%s", model_error->message);
  g_error_free (model_error);
}

/* Ends a row the network was asked to add: when @added is FALSE the
 * model's error *@local is set at the row's @col and FALSE returned; else
 * the row's line is appended to @lines (for new_id()'s duplicate message). */
static gboolean
row_added (const TnetCsv *csv, int col, gboolean added, GError **local, GArray *lines,
           GError **error)
{
  if (!added)
    {
      locate (csv, col, error, *local);
      *local = NULL;
      return FALSE;
    }
  guint line = tnet_i_csv_line (csv);
  g_array_append_val (lines, line);
  return TRUE;
}

/* The row's @kind ("node", "link") id in field @col: not empty, and not
 * one @find already knows (@lines: the line of each row loaded so far). */
static const char *
new_id (const TnetCsv *csv, int col, const char *kind, const TnetNetwork *net,
        TnetId (*find) (const TnetNetwork *, const char *), const GArray *lines,
        GError **error)
{
  g_autofree char *what = g_strdup_printf ("a %s id", kind);
  const char *id = tnet_i_csv_text (csv, col, what, error);
  if (!id)
    return NULL;
  TnetId prev = find (net, id);
  if (prev == TNET_ID_NONE)
    return id;
  tnet_i_csv_error (csv, col, error, "duplicate %s id \"%s\" (first on line %u)", kind, id,
                    g_array_index (lines, guint, prev));
  return NULL;
}

/* Reads the current row of a table, whose id @id is new, into @net: 1 when
 * the row was added; 0 when the network refused it, with its error in
 * *@local (load_table() places it at the row's id); -1 when a field is bad,
 * with @error set at that field. @columns: the table's column indices. */
typedef int (*RowReader) (TnetNetwork *net, const TnetCsv *csv, gconstpointer columns,
                          const char *id, GError **local, GError **error);

/* What table_row() reads with: the network, the table's kind of row and
 * lookup, its row reader and columns, where the id column's index is
 * bound, and the line of each row added so far (for new_id()'s duplicate
 * message). */
typedef struct {
  TnetNetwork *net;
  const char *kind;
  TnetId (*find) (const TnetNetwork *, const char *);
  RowReader row;
  gconstpointer row_columns;
  const int *c_id;
  GArray *lines;
} TableRead;

static gboolean
table_row (TnetCsv *csv, gpointer data, GError **error)
{
  const TableRead *rd = data;
  const char *id = new_id (csv, *rd->c_id, rd->kind, rd->net, rd->find, rd->lines, error);
  if (!id)
    return FALSE;
  GError *local = NULL;
  int added = rd->row (rd->net, csv, rd->row_columns, id, &local, error);
  return added >= 0 && row_added (csv, *rd->c_id, added, &local, rd->lines, error);
}

/* Reads the table at @path whose first column of @columns is the rows' id:
 * each id must be new to @find (the @kind of row, "node" or "link"), then
 * @row adds the row. */
static gboolean
load_table (TnetNetwork *net, const char *path, const TnetCsvColumn *columns,
            guint n_columns, const char *kind,
            TnetId (*find) (const TnetNetwork *, const char *), RowReader row,
            gconstpointer row_columns, GError **error)
{
  g_autoptr (GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  TableRead rd = { net, kind, find, row, row_columns, columns[0].col, lines };
  return tnet_i_csv_read_rows (path, path, columns, n_columns, table_row, &rd, error);
}

/* The columns of nodes.csv (index in the header, -1 when absent). */
typedef struct {
  int id, name, kind, lon, lat, name_en, county, region, pop, source, conf;
} NodeColumns;

static int
node_row (TnetNetwork *net, const TnetCsv *csv, gconstpointer columns, const char *id,
          GError **local, GError **error)
{
  const NodeColumns *c = columns;
  TnetNode n = { 0 };
  n.id = id;
  n.name = tnet_i_csv_field (csv, c->name);
  if (!tnet_i_csv_expect (csv, c->kind,
                          tnet_node_kind_from_string (tnet_i_csv_field (csv, c->kind),
                                                      &n.kind),
                          "a node kind (zone, station, stop, interchange, junction, "
                          "place)", error))
    return -1;
  if (!tnet_i_csv_double_in (csv, c->lon, TRUE, -180.0, 180.0, FALSE,
                             "a longitude in [-180, 180]", 0.0, &n.lon, error) ||
      !tnet_i_csv_double_in (csv, c->lat, TRUE, -90.0, 90.0, FALSE,
                             "a latitude in [-90, 90]", 0.0, &n.lat, error) ||
      !tnet_i_csv_double_in (csv, c->pop, FALSE, 0.0, G_MAXDOUBLE, FALSE,
                             "a non-negative population", 0.0, &n.population, error))
    return -1;
  n.name_en = tnet_i_csv_opt_text (csv, c->name_en);
  n.county = tnet_i_csv_opt_text (csv, c->county);
  n.region = tnet_i_csv_opt_text (csv, c->region);
  n.source = tnet_i_csv_opt_text (csv, c->source);
  n.confidence = tnet_i_csv_opt_text (csv, c->conf);
  return tnet_network_add_node (net, &n, local) != TNET_ID_NONE;
}

static gboolean
load_nodes (TnetNetwork *net, const char *path, GError **error)
{
  NodeColumns c = { 0 };
  const TnetCsvColumn columns[] = {
    { "id", TRUE, &c.id }, { "name", TRUE, &c.name }, { "kind", TRUE, &c.kind },
    { "lon", TRUE, &c.lon }, { "lat", TRUE, &c.lat }, { "name_en", FALSE, &c.name_en },
    { "county", FALSE, &c.county }, { "region", FALSE, &c.region },
    { "population", FALSE, &c.pop }, { "source", FALSE, &c.source },
    { "confidence", FALSE, &c.conf },
  };
  return load_table (net, path, columns, G_N_ELEMENTS (columns), "node",
                     tnet_network_find_node, node_row, &c, error);
}

static gboolean
parse_oneway (const char *s, gboolean *out)
{
  static const char *const yes[] = { "1", "true", "yes" };
  static const char *const no[] = { "", "0", "false", "no" };
  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    if (g_ascii_strcasecmp (s, yes[i]) == 0)
      return *out = TRUE, TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (no); i++)
    if (g_ascii_strcasecmp (s, no[i]) == 0)
      return *out = FALSE, TRUE;
  return FALSE;
}

/* Splits "a; b;;c" into a NULL-terminated vector without empty items. */
static char **
split_tags (const char *s)
{
  char **parts = g_strsplit (s, ";", -1);
  guint k = 0;
  for (guint i = 0; parts[i]; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i])
        parts[k++] = parts[i];
      else
        g_free (parts[i]);
    }
  parts[k] = NULL;
  return parts;
}

static gboolean
node_ref (TnetNetwork *net, const TnetCsv *csv, int col, TnetId *out, GError **error)
{
  const char *s = tnet_i_csv_text (csv, col, "a node id", error);
  if (!s)
    return FALSE;
  *out = tnet_network_find_node (net, s);
  if (*out == TNET_ID_NONE)
    {
      tnet_i_csv_error (csv, col, error, "expected a node id of nodes.csv for \"%s\", got "
                        "unknown node \"%s\"", tnet_i_csv_column_name (csv, col), s);
      return FALSE;
    }
  return TRUE;
}

/* The columns of links.csv (index in the header, -1 when absent). */
typedef struct {
  int id, from, to, mode, line, len, speed, time, oneway, class, year, status, tags, source;
  int conf;
} LinkColumns;

static int
link_row (TnetNetwork *net, const TnetCsv *csv, gconstpointer columns, const char *id,
          GError **local, GError **error)
{
  const LinkColumns *c = columns;
  TnetLink l = { 0 };
  l.id = id;
  if (!node_ref (net, csv, c->from, &l.from, error) ||
      !node_ref (net, csv, c->to, &l.to, error))
    return -1;
  if (!tnet_i_csv_expect (csv, c->mode,
                          tnet_mode_from_string (tnet_i_csv_field (csv, c->mode), &l.mode),
                          "a mode (expressway, trunk, road, hsr, rail, suburban, metro, "
                          "bus, walk, access)", error))
    return -1;
  l.line = tnet_i_csv_opt_text (csv, c->line);
  double km, min;
  if (!tnet_i_csv_double_in (csv, c->len, TRUE, 0.0, 10000.0, TRUE,
                             "a length in km in (0, 10000]", 0.0, &km, error) ||
      !tnet_i_csv_double_in (csv, c->speed, FALSE, 0.0, 1000.0, TRUE,
                             "a speed in km/h in (0, 1000]", NAN, &l.speed_kmh, error) ||
      !tnet_i_csv_double_in (csv, c->time, FALSE, 0.0, 10000.0, FALSE,
                             "a time in minutes in [0, 10000]", NAN, &min, error))
    return -1;
  l.length_m = km * 1000.0;
  l.time_ms = isnan (min) ? TNET_WEIGHT_INF : tnet_weight_from_min (min);
  if (!tnet_i_csv_expect (csv, c->oneway,
                          parse_oneway (tnet_i_csv_field (csv, c->oneway), &l.oneway),
                          "1, 0, true, false, yes, no or nothing", error))
    return -1;
  l.road_class = tnet_i_csv_opt_text (csv, c->class);
  gint64 year;
  if (!tnet_i_csv_int_in (csv, c->year, FALSE, 0, 9999, "a year in [0, 9999]", 0, &year,
                          error))
    return -1;
  l.open_year = (int) year;
  const char *status = tnet_i_csv_field (csv, c->status);
  l.status = TNET_STATUS_EXISTING;
  if (!tnet_i_csv_expect (csv, c->status,
                          !*status || tnet_status_from_string (status, &l.status),
                          "a status (existing, construction, planned, study)", error))
    return -1;
  g_auto (GStrv) tags = split_tags (tnet_i_csv_field (csv, c->tags));
  l.tags = (const char *const *) tags;
  l.source = tnet_i_csv_opt_text (csv, c->source);
  l.confidence = tnet_i_csv_opt_text (csv, c->conf);
  return tnet_network_add_link (net, &l, local) != TNET_ID_NONE;
}

static gboolean
load_links (TnetNetwork *net, const char *path, GError **error)
{
  LinkColumns c = { 0 };
  const TnetCsvColumn columns[] = {
    { "id", TRUE, &c.id }, { "from", TRUE, &c.from }, { "to", TRUE, &c.to },
    { "mode", TRUE, &c.mode }, { "line", TRUE, &c.line }, { "length_km", TRUE, &c.len },
    { "speed_kmh", FALSE, &c.speed }, { "time_min", FALSE, &c.time },
    { "oneway", FALSE, &c.oneway }, { "class", FALSE, &c.class },
    { "open_year", FALSE, &c.year }, { "status", FALSE, &c.status },
    { "tags", FALSE, &c.tags }, { "source", FALSE, &c.source },
    { "confidence", FALSE, &c.conf },
  };
  return load_table (net, path, columns, G_N_ELEMENTS (columns), "link",
                     tnet_network_find_link, link_row, &c, error);
}

/* Parses "LINESTRING (lon lat, lon lat, ...)" (case-insensitive keyword,
 * any spacing) into @out; FALSE on anything else. */
static gboolean
parse_linestring (const char *s, GArray *out)
{
  g_array_set_size (out, 0);
  while (g_ascii_isspace (*s))
    s++;
  if (g_ascii_strncasecmp (s, "LINESTRING", 10) != 0)
    return FALSE;
  s += 10;
  while (g_ascii_isspace (*s))
    s++;
  if (*s++ != '(')
    return FALSE;
  for (;;)
    {
      for (int c = 0; c < 2; c++)
        {
          char *end;
          double v = g_ascii_strtod (s, &end);
          if (end == s || !isfinite (v))
            return FALSE;
          g_array_append_val (out, v);
          s = end;
        }
      while (g_ascii_isspace (*s))
        s++;
      if (*s == ',')
        {
          s++;
          continue;
        }
      if (*s++ != ')')
        return FALSE;
      while (g_ascii_isspace (*s))
        s++;
      return *s == '\0';
    }
}

/* What geometry_row() reads with: the network, the columns of
 * link_geometry.csv and a scratch array of lon/lat values. */
typedef struct {
  TnetNetwork *net;
  int id, geom;
  GArray *pts;
} GeometryRead;

static gboolean
geometry_row (TnetCsv *csv, gpointer data, GError **error)
{
  const GeometryRead *rd = data;
  const char *id = tnet_i_csv_field (csv, rd->id);
  TnetId link = tnet_network_find_link (rd->net, id);
  if (link == TNET_ID_NONE)
    {
      tnet_i_csv_error (csv, rd->id, error, "expected a link id of links.csv for \"id\", "
                        "got unknown link \"%s\"", id);
      return FALSE;
    }
  if (!parse_linestring (tnet_i_csv_field (csv, rd->geom), rd->pts))
    {
      tnet_i_csv_error (csv, rd->geom, error, "expected a WKT \"LINESTRING (lon lat, "
                        "lon lat, ...)\" for \"geometry\"");
      return FALSE;
    }
  GError *local = NULL;
  if (!tnet_network_set_link_geometry (rd->net, link, (const double *) rd->pts->data,
                                       rd->pts->len / 2, &local))
    {
      locate (csv, rd->geom, error, local);
      return FALSE;
    }
  return TRUE;
}

/* link_geometry.csv, when the folder has one: id,geometry (WKT). */
static gboolean
load_geometry (TnetNetwork *net, const char *path, GError **error)
{
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  g_autoptr (GArray) pts = g_array_new (FALSE, FALSE, sizeof (double));
  GeometryRead rd = { .net = net, .pts = pts };
  const TnetCsvColumn columns[] = { { "id", TRUE, &rd.id }, { "geometry", TRUE, &rd.geom } };
  return tnet_i_csv_read_rows (path, path, columns, G_N_ELEMENTS (columns), geometry_row, &rd,
                               error);
}

TnetNetwork *
tnet_network_load_csv (const char *dir, GError **error)
{
  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_autoptr (TnetNetwork) net = tnet_network_new ();
  g_autofree char *nodes = g_build_filename (dir, "nodes.csv", NULL);
  g_autofree char *links = g_build_filename (dir, "links.csv", NULL);
  g_autofree char *geometry = g_build_filename (dir, "link_geometry.csv", NULL);
  if (!load_nodes (net, nodes, error) || !load_links (net, links, error)
      || !load_geometry (net, geometry, error))
    return NULL;
  tnet_network_set_dir (net, dir);
  return g_steal_pointer (&net);
}

/* ---- writing ---- */

/* Appends @s as one CSV field (tnet_csv_append_field(): RFC 4180 quoting,
 * a leading '#' quoted so the row is not read back as a comment). */
static void
put_field (GString *out, const char *s, gboolean first)
{
  if (!first)
    g_string_append_c (out, ',');
  tnet_csv_append_field (out, s);
}

/* The shortest decimal form that reads back to the same double. */
static void
put_double (GString *out, double v)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (buf, sizeof buf, "%.15g", v);
  if (g_ascii_strtod (buf, NULL) != v)
    g_ascii_formatd (buf, sizeof buf, "%.17g", v);
  g_string_append_c (out, ',');
  g_string_append (out, buf);
}

static void
put_opt_double (GString *out, double v)
{
  if (isnan (v))
    g_string_append_c (out, ',');
  else
    put_double (out, v);
}

static gboolean
write_file (const char *dir, const char *name, const GString *text, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  return tnet_i_write_text_file (path, text, error);
}

gboolean
tnet_network_save_csv (const TnetNetwork *net, const char *dir, GError **error)
{
  g_return_val_if_fail (net != NULL && dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return tnet_i_network_save_csv (net, dir, NULL, error);
}

/* The `time_min` written for link @i (NAN: none): the exact minutes when
 * given, else its time_ms in minutes. */
static double
link_time_min (const TnetLink *l, const double *time_min, TnetId i)
{
  if (time_min && !isnan (time_min[i]))
    return time_min[i];
  return l->time_ms == TNET_WEIGHT_INF ? NAN : tnet_weight_to_min (l->time_ms);
}

gboolean
tnet_i_network_save_csv (const TnetNetwork *net, const char *dir, const double *time_min,
                         GError **error)
{
  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      int e = errno;
      g_set_error (error, TNET_ERROR, TNET_ERROR_IO, "%s: cannot create the folder: %s",
                   dir, g_strerror (e));
      return FALSE;
    }
  g_autoptr (GString) nodes = g_string_new (
    "id,name,kind,lon,lat,name_en,county,region,population,source,confidence\n");
  for (guint i = 0; i < tnet_network_n_nodes (net); i++)
    {
      const TnetNode *n = tnet_network_node (net, i);
      put_field (nodes, n->id, TRUE);
      put_field (nodes, n->name, FALSE);
      put_field (nodes, tnet_node_kind_to_string (n->kind), FALSE);
      put_double (nodes, n->lon);
      put_double (nodes, n->lat);
      put_field (nodes, n->name_en, FALSE);
      put_field (nodes, n->county, FALSE);
      put_field (nodes, n->region, FALSE);
      if (n->population > 0.0)
        put_double (nodes, n->population);
      else
        g_string_append_c (nodes, ',');
      put_field (nodes, n->source, FALSE);
      put_field (nodes, n->confidence, FALSE);
      g_string_append_c (nodes, '\n');
    }
  g_autoptr (GString) links = g_string_new (
    "id,from,to,mode,line,length_km,speed_kmh,time_min,oneway,class,open_year,status,"
    "tags,source,confidence\n");
  for (guint i = 0; i < tnet_network_n_links (net); i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      put_field (links, l->id, TRUE);
      put_field (links, tnet_network_node (net, l->from)->id, FALSE);
      put_field (links, tnet_network_node (net, l->to)->id, FALSE);
      put_field (links, tnet_mode_to_string (l->mode), FALSE);
      put_field (links, l->line, FALSE);
      put_double (links, l->length_m / 1000.0);
      put_opt_double (links, l->speed_kmh);
      put_opt_double (links, link_time_min (l, time_min, i));
      put_field (links, l->oneway ? "1" : "0", FALSE);
      put_field (links, l->road_class, FALSE);
      g_string_append_c (links, ',');
      if (l->open_year != 0)
        g_string_append_printf (links, "%d", l->open_year);
      put_field (links, tnet_status_to_string (l->status), FALSE);
      g_autofree char *tags = g_strjoinv (";", (char **) l->tags);
      put_field (links, tags, FALSE);
      put_field (links, l->source, FALSE);
      put_field (links, l->confidence, FALSE);
      g_string_append_c (links, '\n');
    }
  if (!write_file (dir, "nodes.csv", nodes, error) ||
      !write_file (dir, "links.csv", links, error))
    return FALSE;
  g_autofree char *geom_path = g_build_filename (dir, "link_geometry.csv", NULL);
  if (tnet_network_n_link_geometries (net) == 0)
    {
      /* no stale shapes from an earlier network in the same folder */
      if (g_file_test (geom_path, G_FILE_TEST_EXISTS) && g_remove (geom_path) != 0)
        {
          int e = errno;
          g_set_error (error, TNET_ERROR, TNET_ERROR_IO, "%s: cannot remove: %s", geom_path,
                       g_strerror (e));
          return FALSE;
        }
      return TRUE;
    }
  g_autoptr (GString) geom = g_string_new ("id,geometry\n");
  for (guint i = 0; i < tnet_network_n_links (net); i++)
    {
      guint np;
      const double *ll = tnet_network_link_geometry (net, i, &np);
      if (ll == NULL)
        continue;
      put_field (geom, tnet_network_link (net, i)->id, TRUE);
      g_string_append (geom, ",\"LINESTRING (");
      for (guint j = 0; j < np; j++)
        {
          char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE];
          g_ascii_formatd (x, sizeof x, "%.7f", ll[2 * j]);
          g_ascii_formatd (y, sizeof y, "%.7f", ll[2 * j + 1]);
          g_string_append_printf (geom, "%s%s %s", j ? ", " : "", x, y);
        }
      g_string_append (geom, ")\"\n");
    }
  return write_file (dir, "link_geometry.csv", geom, error);
}
