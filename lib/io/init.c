/* init.c: tnet_folder_init, a network folder from OSM, GTFS and zones.
 *
 * Implementation notes: everything is read and checked first (zones,
 * regions, OSM, each feed), then the network is assembled in memory, then
 * the files are written. Zones and stops snap to the street with the rule
 * of access-snap.c (the one tnet_network_snap_points() applies to a loaded
 * folder). */
#include "tnet-internal.h"
#include "access-snap.h"
#include "polygons.h"
#include "json-text.h"
#include "gtfs-merge.h"
#include "geojson-shapes.h"
#include <tnet/tnet-zones.h>
#include <tnet/tnet-init.h>
#include <errno.h>
#include <glib/gstdio.h>

void
tnet_init_options_init (TnetInitOptions *opts)
{
  g_return_if_fail (opts != NULL);
  memset (opts, 0, sizeof *opts);
  tnet_osm_options_init (&opts->osm);
  opts->region_name_key = "name";
  opts->population_column = "population";
  opts->access_speed_kmh = 4.8;
  opts->access_detour = 1.2;
  opts->access_max_m = 2000;
  opts->access_links = 1;
}

typedef struct {
  const TnetInitOptions *opts;
  gboolean cancelled;
} Ctx;

/* Reports the start (done = 0) or the end (done = 1) of a step, then
 * fails when the cancellable is cancelled (perhaps by that report). */
static gboolean
step (Ctx *ctx, const char *what, gboolean done, GError **error)
{
  if (ctx->opts->progress)
    ctx->opts->progress (done ? 1 : 0, 1, what, "step", ctx->opts->progress_data);
  if (ctx->opts->cancellable && g_cancellable_is_cancelled (ctx->opts->cancellable))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "tnet init cancelled (%s)", what);
      return FALSE;
    }
  return TRUE;
}

/* ---- regions ---------------------------------------------------------- */

typedef struct {
  char *id;
  char *name;
  TnetIPolygon poly;   /* lonlat NULL when the region comes from a column */
  double box[4];
} Region;

static void
region_clear (gpointer p)
{
  Region *r = p;
  g_free (r->id);
  g_free (r->name);
  if (r->poly.lonlat)
    tnet_i_polygon_clear (&r->poly);
}

static GArray *
load_region_polygons (const char *path, const char *name_key, GError **error)
{
  JsonArray *features = NULL;
  g_autoptr (JsonParser) parser = tnet_i_geojson_read_features (path, &features, error);
  if (!parser)
    return NULL;
  GArray *regions = g_array_new (FALSE, TRUE, sizeof (Region));
  g_array_set_clear_func (regions, region_clear);
  for (guint f = 0; f < json_array_get_length (features); f++)
    {
      JsonObject *geom;
      JsonObject *feat = tnet_i_geojson_feature (features, f, &geom);
      char *id = feat ? tnet_i_geojson_feature_id (feat, "id") : NULL;
      if (id == NULL && feat)
        id = tnet_i_geojson_feature_id (feat, name_key);
      const char *why = NULL;
      Region r = { .id = id };
      tnet_i_polygon_init (&r.poly);
      if (geom == NULL)
        why = "expected a Feature with a Polygon or MultiPolygon geometry";
      else if (id == NULL)
        why = "expected an \"id\" (member or property) or a name property";
      else
        tnet_i_polygon_from_json (&r.poly, geom, &why);
      for (guint k = 0; why == NULL && k < regions->len; k++)
        if (strcmp (g_array_index (regions, Region, k).id, id) == 0)
          why = "duplicate region id";
      if (why)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "%s: feature %u%s%s%s: %s",
                       path, f + 1, id ? " (\"" : "", id ? id : "", id ? "\")" : "", why);
          region_clear (&r);
          g_array_unref (regions);
          return NULL;
        }
      JsonNode *pn = json_object_get_member (feat, "properties");
      if (pn && JSON_NODE_HOLDS_OBJECT (pn))
        {
          JsonNode *nn = json_object_get_member (json_node_get_object (pn), name_key);
          r.name = nn ? tnet_i_json_scalar_text (nn) : NULL;
        }
      tnet_i_polygon_bbox (&r.poly, r.box);
      g_array_append_val (regions, r);
    }
  if (regions->len == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s: no region polygon (the FeatureCollection has no feature)", path);
      g_array_unref (regions);
      return NULL;
    }
  return regions;
}

/* regions.geojson (docs/data-format.md): one MultiPolygon Feature per
 * region of @ids that has a polygon, its id the region's; the rings as read
 * (each outer ring starts a part, holes follow their outer ring). */
static GString *
regions_geojson (const GArray *regions, const GPtrArray *ids)
{
  g_autoptr (JsonBuilder) b = tnet_i_geojson_collection_new ();
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
  for (guint k = 0; k < regions->len; k++)
    {
      const Region *r = &g_array_index (regions, Region, k);
      gboolean used = FALSE;
      for (guint j = 0; j < ids->len && !used; j++)
        used = strcmp (ids->pdata[j], r->id) == 0;
      guint n_rings = r->poly.ring_outer->len;
      if (!used || n_rings == 0)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "Feature");
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, r->id);
      json_builder_set_member_name (b, "properties");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, r->id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, r->name ? r->name : r->id);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "geometry");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "type");
      json_builder_add_string_value (b, "MultiPolygon");
      json_builder_set_member_name (b, "coordinates");
      json_builder_begin_array (b);
      for (guint q = 0; q < n_rings; q++)
        {
          gboolean outer = g_array_index (r->poly.ring_outer, gboolean, q);
          if (outer || q == 0)
            {
              if (q > 0)
                json_builder_end_array (b);
              json_builder_begin_array (b);
            }
          guint a = g_array_index (r->poly.ring_first, guint, q);
          guint z = g_array_index (r->poly.ring_first, guint, q + 1);
          tnet_i_geojson_positions (b, &g_array_index (r->poly.lonlat, double, 2 * a), z - a);
        }
      json_builder_end_array (b);  /* the last part */
      json_builder_end_array (b);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = tnet_json_to_text (root, 1);
  return g_string_new (text);
}

/* The first region polygon holding the point, or NULL. */
static const char *
region_at (const GArray *regions, double lon, double lat)
{
  for (guint k = 0; k < regions->len; k++)
    {
      const Region *r = &g_array_index (regions, Region, k);
      if (lon >= r->box[0] && lon <= r->box[2] && lat >= r->box[1] && lat <= r->box[3]
          && tnet_i_polygon_contains (&r->poly, lon, lat))
        return r->id;
    }
  return NULL;
}

/* Adds an access or walk link between nodes @a and @b of straight-line
 * length @d metres. */
static gboolean
add_connector (TnetNetwork *net, const TnetInitOptions *o, const char *id, TnetMode mode,
               TnetId a, TnetId b, double d, GError **error)
{
  TnetLink l = {
    .id = id,
    .from = a,
    .to = b,
    .mode = mode,
    .status = TNET_STATUS_EXISTING,
    .length_m = MAX (d, 0.1),
    .speed_kmh = NAN,
    .time_ms = tnet_init_access_time_ms (o, d),
    .source = "tnet init",
  };
  static const char *const no_tags[] = { NULL };
  l.tags = no_tags;
  return tnet_network_add_link (net, &l, error) != TNET_ID_NONE;
}

/* Joins each parking place of the OSM import (nodes of kind parking among
 * the first @n_road nodes) to the nearest node of the car network by a
 * two-way `road` link of class `service` at 15 km/h (walked too) of the straight-line length, id "PARKING-ID:road"; a place
 * farther than the access maximum stays unlinked. */
static gboolean
link_parking (TnetNetwork *net, const TnetAccessSnap *snap, const TnetInitOptions *o,
              guint n_road, TnetInitStats *st, GError **error)
{
  static const char *const no_tags[] = { NULL };
  for (TnetId v = 0; v < n_road; v++)
    {
      const TnetNode *p = tnet_network_node (net, v);
      if (p->kind != TNET_NODE_PARKING)
        continue;
      st->n_parking++;
      guint near;
      double d;
      if (tnet_i_point_index_nearest (snap->car, p->lon, p->lat, 1, &near, &d) != 1)
        continue;
      const TnetNode *nn = tnet_network_node (net, near);
      d = tnet_i_haversine_m (p->lon, p->lat, nn->lon, nn->lat);
      if (d > o->access_max_m)
        continue;
      g_autofree char *id = g_strdup_printf ("%s:road", p->id);
      TnetLink l = {
        .id = id,
        .road_class = "service",
        .from = v,
        .to = near,
        .mode = TNET_MODE_ROAD,
        .status = TNET_STATUS_EXISTING,
        .length_m = MAX (d, 0.1),
        .speed_kmh = 15,   /* the OSM import's default for highway=service */
        .time_ms = TNET_WEIGHT_INF,
        .source = "tnet init",
        .tags = no_tags,
      };
      if (tnet_network_add_link (net, &l, error) == TNET_ID_NONE)
        return FALSE;
      st->n_parking_linked++;
    }
  return TRUE;
}

/* ---- regions of every node ---------------------------------------------- */

/* How a point gets its region: the polygon holding it ("other" outside
 * all), or, when regions come from a zone column, the region of the nearest
 * zone (a Voronoi partition of the map by zone centroids). */
typedef struct {
  const GArray *polygons;        /* Region, or NULL */
  const TnetZoneTable *zones;
  guint z_region;                /* zones' region column */
  const TnetPointIndex *zone_index;  /* NULL with polygons */
} Regioner;

static const char *
regioner_at (const Regioner *rg, double lon, double lat)
{
  if (rg->polygons)
    {
      const char *r = region_at (rg->polygons, lon, lat);
      return r ? r : "other";
    }
  guint z;
  if (rg->zone_index == NULL || tnet_i_point_index_nearest (rg->zone_index, lon, lat, 1, &z,
                                                            NULL) == 0)
    return NULL;
  return tnet_zone_table_text (rg->zones, z, rg->z_region);
}

/* A copy of the road network whose nodes carry their region (the model has
 * no setter: records are written once). Geometries are copied too. */
static TnetNetwork *
copy_with_regions (const TnetNetwork *net, const Regioner *rg, GError **error)
{
  g_autoptr (TnetNetwork) out = tnet_network_new ();
  for (guint v = 0; v < tnet_network_n_nodes (net); v++)
    {
      TnetNode n = *tnet_network_node (net, v);
      n.region = regioner_at (rg, n.lon, n.lat);
      if (tnet_network_add_node (out, &n, error) == TNET_ID_NONE)
        return NULL;
    }
  for (guint i = 0; i < tnet_network_n_links (net); i++)
    {
      if (tnet_network_add_link (out, tnet_network_link (net, i), error) == TNET_ID_NONE)
        return NULL;
      guint np;
      const double *g = tnet_network_link_geometry (net, i, &np);
      if (g && !tnet_network_set_link_geometry (out, i, g, np, error))
        return NULL;
    }
  return g_steal_pointer (&out);
}

/* ---- feeds ------------------------------------------------------------- */

static char **
feed_prefixes (const TnetInitOptions *o, guint n)
{
  char **out = g_new0 (char *, n + 1);
  for (guint f = 0; f < n; f++)
    {
      if (o->gtfs_prefixes && o->gtfs_prefixes[f])
        {
          out[f] = g_strdup (o->gtfs_prefixes[f]);
          continue;
        }
      g_autofree char *base = g_path_get_basename (o->gtfs_paths[f]);
      char *dot = strrchr (base, '.');
      if (dot && dot != base)
        *dot = '\0';
      for (char *p = base; *p; p++)
        if (*p == ':' || *p == ',' || *p == '"' || g_ascii_isspace (*p))
          *p = '_';
      char *cand = g_strdup (base);
      for (guint k = 2;; k++)
        {
          gboolean taken = FALSE;
          for (guint g = 0; g < f && !taken; g++)
            taken = strcmp (out[g], cand) == 0;
          if (!taken)
            break;
          g_free (cand);
          cand = g_strdup_printf ("%s_%u", base, k);
        }
      out[f] = cand;
    }
  return out;
}

/* ---- hubs -------------------------------------------------------------- */

#define HUB_RADIUS_M 200.0

/* hubs.csv rows: each station (a stop of kind station) not yet in a hub
 * gathers every stop within HUB_RADIUS_M that is in no hub yet, stations in
 * node order; a group of two or more is a hub named after its station.
 * NULL when there is no hub. */
static GString *
stop_hubs (const TnetNetwork *net, const GArray *stop_nodes)
{
  guint n = stop_nodes->len;
  if (n < 2)
    return NULL;
  g_autoptr (GArray) ll = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < n; i++)
    {
      const TnetNode *nd = tnet_network_node (net, g_array_index (stop_nodes, TnetId, i));
      g_array_append_val (ll, nd->lon);
      g_array_append_val (ll, nd->lat);
    }
  g_autoptr (TnetPointIndex) idx = tnet_i_point_index_new ((const double *) ll->data, NULL, n);
  gboolean *taken = g_new0 (gboolean, n);
  GString *out = g_string_new ("# Passenger hubs written by tnet init: a station and every stop "
                               "within 200 m of it.\n"
                               "id,name,name_en,kind,open_year,target_transfer_min,members,"
                               "source,confidence\n");
  guint n_hubs = 0;
  enum { K = 64 };
  guint near[K];
  double dist[K];
  for (guint i = 0; i < n; i++)
    {
      const TnetNode *st = tnet_network_node (net, g_array_index (stop_nodes, TnetId, i));
      if (taken[i] || st->kind != TNET_NODE_STATION)
        continue;
      guint m = tnet_i_point_index_nearest (idx, st->lon, st->lat, K, near, dist);
      g_autoptr (GString) members = g_string_new (NULL);
      guint n_members = 0;
      for (guint j = 0; j < m; j++)
        {
          const TnetNode *o = tnet_network_node (net, g_array_index (stop_nodes, TnetId,
                                                                     near[j]));
          if (taken[near[j]] || tnet_i_haversine_m (st->lon, st->lat, o->lon, o->lat) > HUB_RADIUS_M)
            continue;
          g_string_append_printf (members, "%s%s", n_members ? ";" : "", o->id);
          n_members++;
        }
      if (n_members < 2)
        continue;
      for (guint j = 0; j < m; j++)
        {
          const TnetNode *o = tnet_network_node (net, g_array_index (stop_nodes, TnetId,
                                                                     near[j]));
          if (tnet_i_haversine_m (st->lon, st->lat, o->lon, o->lat) <= HUB_RADIUS_M)
            taken[near[j]] = TRUE;
        }
      g_autofree char *hid = g_strdup_printf ("hub:%s", st->id);
      tnet_i_csv_put_field (out, hid, TRUE);
      tnet_i_csv_put_field (out, st->name, FALSE);
      tnet_i_csv_put_field (out, st->name, FALSE);
      g_string_append (out, ",existing,,,");
      tnet_i_csv_put_field (out, members->str, TRUE);
      g_string_append (out, ",tnet init,\n");
      n_hubs++;
    }
  g_free (taken);
  if (n_hubs == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return out;
}

/* ---- writing ----------------------------------------------------------- */

static gboolean
write_text (const char *dir, const char *name, const GString *text, GError **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  return tnet_i_write_text_file (path, text, error);
}

/* The plan skeleton (docs/data-format.md, plan.ini): what init knows
 * about the data set is written as keys, the rest as commented examples.
 * With two or more regions, the first is the home region and every other
 * one a [pair] (lines and disjoint paths between them in the report). */
static GString *
plan_skeleton (const char *name, const GPtrArray *region_ids, gboolean has_feed,
               const char *first_zone, const char *osm_path, const char *const *gtfs_paths)
{
  GString *s = g_string_new (NULL);
  /* GKeyFile value escapes: backslash, line breaks, a leading space */
  GString *esc = g_string_new (NULL);
  for (const char *p = name; *p; p++)
    {
      if (*p == '\\')
        g_string_append (esc, "\\\\");
      else if (*p == '\n' || *p == '\r')
        g_string_append (esc, *p == '\n' ? "\\n" : "\\r");
      else if (*p == ' ' && p == name)
        g_string_append (esc, "\\s");
      else
        g_string_append_c (esc, *p);
    }
  g_autofree char *ename = g_string_free (esc, FALSE);
  g_string_append_printf (s,
    "# The report plan of the data set \"%s\", written by tnet init.\n"
    "# Complete it: every group and key is described in docs/data-format.md.\n\n"
    "[plan]\n"
    "name = %s\n"
    "title = %s transport network\n"
    "map_title = %s {year}\n"
    "# the maps' legends: en (default), zh, or both in order (zh;en)\n"
    "# map_languages = en\n", ename, ename, ename, ename);
  /* the maps' credit: OpenStreetMap's licence asks for the attribution;
   * the inputs' file names say which extract and feeds (edit to taste) */
  g_autofree char *osm_base = g_path_get_basename (osm_path);
  g_autoptr (GString) credit = g_string_new (NULL);
  g_string_append_printf (credit, "© OpenStreetMap contributors (ODbL), %s", osm_base);
  for (guint i = 0; has_feed && gtfs_paths && gtfs_paths[i]; i++)
    {
      g_autofree char *b = g_path_get_basename (gtfs_paths[i]);
      g_string_append_printf (credit, "%s%s", i ? ", " : "; GTFS ", b);
    }
  /* one line: a key file value cannot hold a line break */
  g_strdelimit (credit->str, "\r\n", ' ');
  g_string_append_printf (s, "credit = %s\n", credit->str);
  if (region_ids->len >= 2)
    g_string_append_printf (s, "home = %s\n", (const char *) g_ptr_array_index (region_ids, 0));
  else
    g_string_append (s, "# home = REGION\n");
  g_string_append (s, "\n[report]\nbudget_min = 60\n");
  for (guint i = 1; region_ids->len >= 2 && i < region_ids->len; i++)
    {
      const char *rid = g_ptr_array_index (region_ids, i);
      g_autofree char *pname = g_strdup (rid);
      for (char *p = pname; *p; p++)
        if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
          *p = '_';
      g_string_append_printf (s, "\n[pair %s]\nregion = %s\n", pname, rid);
    }
  g_string_append_printf (s,
    "\n# A commute section: from the zones of the home region to a zone, by\n"
    "# car%s, within a budget.\n"
    "# [commute work]\n"
    "# origins = %s\n"
    "# destinations = %s\n"
    "# profiles = car%s\n"
    "# budget_min = 45\n",
    has_feed ? " and transit" : "",
    region_ids->len >= 2 ? "region:HOME" : "kind:zone", first_zone,
    has_feed ? ";transit" : "");
  return s;
}

/* ---- the whole job ----------------------------------------------------- */

/* What tnet_folder_init() has read and built so far; init_clear() frees it
 * in the reverse order of the steps. */
typedef struct {
  const TnetInitOptions *opts;
  Ctx ctx;
  TnetInitStats st;
  TnetZoneTable *zones;
  double *population;           /* per zone, or NULL without a population column */
  int region_col;               /* the zones' region column, or -1 */
  GArray *regions;              /* Region, or NULL without region polygons */
  guint z_region;               /* the "region" column added to @zones */
  GPtrArray *region_ids;        /* owned ids, in order of first zone */
  GHashTable *region_set;       /* borrowed ids of @region_ids (then of nodes) */
  TnetPointIndex *zone_index;   /* zone centroids with a region column, or NULL */
  Regioner rg;
  TnetNetwork *net;
  guint n_road;                 /* the road nodes come first in @net */
  guint n_feeds;
  char **prefixes;              /* per feed */
  GPtrArray *feeds;             /* TnetFeed, owned */
  TnetAccessSnap snap;
  GArray *stop_nodes;           /* TnetId of each stop node in @net */
  GString *hubs;                /* hubs.csv, or NULL */
} Init;

static void
init_clear (Init *in)
{
  if (in->hubs)
    g_string_free (in->hubs, TRUE);
  g_clear_pointer (&in->stop_nodes, g_array_unref);
  tnet_i_access_snap_clear (&in->snap);
  g_clear_pointer (&in->feeds, g_ptr_array_unref);
  g_strfreev (in->prefixes);
  g_clear_pointer (&in->net, tnet_network_free);
  g_clear_pointer (&in->zone_index, tnet_i_point_index_free);
  g_clear_pointer (&in->region_set, g_hash_table_unref);
  g_clear_pointer (&in->region_ids, g_ptr_array_unref);
  g_clear_pointer (&in->regions, g_array_unref);
  g_free (in->population);
  g_clear_pointer (&in->zones, tnet_zone_table_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Init, init_clear)

/* The error of a region column the zones lack, naming those they have. */
static void
no_region_column (const Init *in, GError **error)
{
  g_autoptr (GString) cols = g_string_new (NULL);
  for (guint c = 0; c < tnet_zone_table_n_columns (in->zones); c++)
    g_string_append_printf (cols, "%s%s", c ? ", " : "",
                            tnet_zone_table_column_name (in->zones, c));
  g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
               "%s:1:1: no column \"%s\" for the regions (columns: %s)",
               in->opts->zones_path, in->opts->region_column, cols->len ? cols->str : "none");
}

/* 1. The zones, their population and region columns, and the region
 * polygons. */
static gboolean
read_zones (Init *in, GError **error)
{
  const TnetInitOptions *opts = in->opts;
  if (!step (&in->ctx, "reading zones", FALSE, error))
    return FALSE;
  in->zones = tnet_zone_table_load (opts->zones_path, error);
  if (!in->zones)
    return FALSE;
  in->st.n_zones = tnet_zone_table_n_zones (in->zones);
  int pop_col = tnet_zone_table_column (in->zones, opts->population_column
                                                     ? opts->population_column : "population");
  if (pop_col >= 0)
    {
      in->population = tnet_zone_table_values (in->zones,
                                               tnet_zone_table_column_name (in->zones, pop_col),
                                               error);
      if (!in->population)
        {
          g_prefix_error (error, "%s: ", opts->zones_path);
          return FALSE;
        }
    }
  in->region_col = -1;
  if (opts->region_column)
    {
      in->region_col = tnet_zone_table_column (in->zones, opts->region_column);
      if (in->region_col < 0)
        {
          no_region_column (in, error);
          return FALSE;
        }
    }
  if (!step (&in->ctx, "reading zones", TRUE, error))
    return FALSE;
  if (opts->regions_path)
    {
      if (!step (&in->ctx, "reading regions", FALSE, error))
        return FALSE;
      in->regions = load_region_polygons (opts->regions_path,
                                          opts->region_name_key ? opts->region_name_key
                                                                : "name", error);
      if (!in->regions || !step (&in->ctx, "reading regions", TRUE, error))
        return FALSE;
    }
  return TRUE;
}

/* Zone regions: the polygon holding the zone ("other" outside all), or the
 * zone's region column ("other" when empty); and how other points get
 * theirs. */
static void
assign_zone_regions (Init *in)
{
  TnetZoneTable *zones = in->zones;
  in->z_region = tnet_zone_table_add_column (zones, "region");
  in->region_ids = g_ptr_array_new_with_free_func (g_free);
  in->region_set = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint z = 0; (in->regions || in->region_col >= 0) && z < in->st.n_zones; z++)
    {
      const char *region;
      if (in->regions)
        region = region_at (in->regions, tnet_zone_table_lon (zones, z),
                            tnet_zone_table_lat (zones, z));
      else
        region = tnet_zone_table_text (zones, z, (guint) in->region_col);
      if (region == NULL || !*region)
        region = "other";
      g_autofree char *copy = g_strdup (region);
      tnet_zone_table_set_text (zones, z, in->z_region, copy);
      if (!g_hash_table_contains (in->region_set, copy))
        {
          char *own = g_strdup (copy);
          g_ptr_array_add (in->region_ids, own);
          g_hash_table_add (in->region_set, own);
        }
    }
  in->rg = (Regioner) { in->regions, zones, in->z_region, NULL };
  if (!in->regions && in->region_col >= 0)
    {
      g_autoptr (GArray) zll = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint z = 0; z < in->st.n_zones; z++)
        {
          double ll[2] = { tnet_zone_table_lon (zones, z), tnet_zone_table_lat (zones, z) };
          g_array_append_vals (zll, ll, 2);
        }
      in->zone_index = tnet_i_point_index_new ((const double *) zll->data, NULL,
                                               in->st.n_zones);
      in->rg.zone_index = in->zone_index;
    }
}

/* 2. The roads of the OSM extract, with walk ways and parking, their nodes
 * carrying their region. */
static gboolean
read_roads (Init *in, GError **error)
{
  const TnetInitOptions *opts = in->opts;
  TnetOsmOptions osm = opts->osm;
  osm.contract_degree2 = TRUE;
  osm.walk_ways = TRUE;   /* the walk profile: footways, paths, steps... */
  osm.parking = TRUE;     /* parking places, for park-and-ride */
  if (!osm.progress)
    {
      osm.progress = opts->progress;
      osm.progress_data = opts->progress_data;
    }
  if (!osm.cancellable)
    osm.cancellable = opts->cancellable;
  if (!step (&in->ctx, "reading OSM", FALSE, error))
    return FALSE;
  in->net = tnet_network_load_osm (opts->osm_path, &osm, error);
  if (!in->net)
    return FALSE;
  if (in->region_ids->len)
    {
      TnetNetwork *with = copy_with_regions (in->net, &in->rg, error);
      if (!with)
        return FALSE;
      tnet_network_free (in->net);
      in->net = with;
    }
  if (!step (&in->ctx, "reading OSM", TRUE, error))
    return FALSE;
  in->n_road = tnet_network_n_nodes (in->net);
  in->st.n_road_nodes = in->n_road;
  in->st.n_road_links = tnet_network_n_links (in->net);
  return TRUE;
}

/* 3. The feeds and their stop id prefixes. */
static gboolean
read_feeds (Init *in, GError **error)
{
  const TnetInitOptions *opts = in->opts;
  in->n_feeds = opts->gtfs_paths ? g_strv_length ((char **) opts->gtfs_paths) : 0;
  in->prefixes = feed_prefixes (opts, in->n_feeds);
  in->feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) tnet_feed_unref);
  for (guint f = 0; f < in->n_feeds; f++)
    {
      g_autofree char *what = g_strdup_printf ("reading GTFS %s", in->prefixes[f]);
      if (!step (&in->ctx, what, FALSE, error))
        return FALSE;
      TnetFeed *feed = tnet_feed_load (opts->gtfs_paths[f], NULL, error);
      if (!feed)
        return FALSE;
      g_ptr_array_add (in->feeds, feed);
      if (!step (&in->ctx, what, TRUE, error))
        return FALSE;
    }
  in->st.n_feeds = in->n_feeds;
  return TRUE;
}

/* Per stop of @feed: some pattern other than a bus calls there (a station
 * node). To free. */
static gboolean *
rail_stops (const TnetFeed *feed)
{
  gboolean *rail = g_new0 (gboolean, MAX (tnet_feed_n_stops (feed), 1));
  for (guint p = 0; p < tnet_feed_n_patterns (feed); p++)
    {
      const TnetPattern *pat = tnet_feed_pattern (feed, p);
      TnetMode m = tnet_feed_route (feed, pat->route)->mode;
      if (m != TNET_MODE_BUS)
        for (guint k = 0; k < pat->n_stops; k++)
          rail[pat->stops[k]] = TRUE;
    }
  return rail;
}

/* The stops of feed @f with a position: a node each (PREFIX:stop_id), tied
 * by a walk link to the nearest walkable node within the access
 * distance. */
static gboolean
link_feed_stops (Init *in, guint f, GError **error)
{
  const TnetInitOptions *opts = in->opts;
  const TnetFeed *feed = g_ptr_array_index (in->feeds, f);
  TnetNetwork *net = in->net;
  g_autofree gboolean *rail = rail_stops (feed);
  for (guint s = 0; s < tnet_feed_n_stops (feed); s++)
    {
      const TnetFeedStop *fs = tnet_feed_stop (feed, s);
      if (fs->location_type > 1 || !isfinite (fs->lon) || !isfinite (fs->lat))
        continue;
      g_autofree char *id = g_strdup_printf ("%s:%s", in->prefixes[f], fs->id);
      TnetNode node = {
        .id = id,
        .name = fs->name,
        .kind = fs->location_type == 1 || rail[s] ? TNET_NODE_STATION : TNET_NODE_STOP,
        .lon = fs->lon,
        .lat = fs->lat,
        .source = in->prefixes[f],
      };
      if (in->region_ids->len)
        node.region = regioner_at (&in->rg, fs->lon, fs->lat);
      TnetId v = tnet_network_add_node (net, &node, error);
      if (v == TNET_ID_NONE)
        {
          g_prefix_error (error, "%s: stop \"%s\": ", opts->gtfs_paths[f], fs->id);
          return FALSE;
        }
      in->st.n_stops++;
      g_array_append_val (in->stop_nodes, v);
      guint near;
      double d;
      if (tnet_i_point_index_nearest (in->snap.walk, fs->lon, fs->lat, 1, &near, &d) == 1)
        {
          const TnetNode *nn = tnet_network_node (net, near);
          d = tnet_i_haversine_m (fs->lon, fs->lat, nn->lon, nn->lat);
          if (d <= opts->access_max_m)
            {
              g_autofree char *lid = g_strdup_printf ("walk:%s", id);
              if (!add_connector (net, opts, lid, TNET_MODE_WALK, v, near, d, error))
                return FALSE;
              in->st.n_stops_linked++;
            }
        }
    }
  return TRUE;
}

/* 4. and 5. The street networks zones and stops snap to, the stops, the
 * parking places and the hubs of stops on one node. */
static gboolean
link_stops (Init *in, GError **error)
{
  if (!step (&in->ctx, "indexing the street network", FALSE, error))
    return FALSE;
  /* the network holds the road nodes (all junctions) and links alone here */
  tnet_i_access_snap_init (&in->snap, in->net, NULL);
  in->st.n_car_nodes = in->snap.n_car;
  in->st.n_walk_nodes = in->snap.n_walk;
  if (!step (&in->ctx, "indexing the street network", TRUE, error))
    return FALSE;
  in->stop_nodes = g_array_new (FALSE, FALSE, sizeof (TnetId));
  if (in->n_feeds && !step (&in->ctx, "linking stops", FALSE, error))
    return FALSE;
  for (guint f = 0; f < in->n_feeds; f++)
    if (!link_feed_stops (in, f, error))
      return FALSE;
  if (in->n_feeds && !step (&in->ctx, "linking stops", TRUE, error))
    return FALSE;
  if (!link_parking (in->net, &in->snap, in->opts, in->n_road, &in->st, error))
    return FALSE;
  in->hubs = stop_hubs (in->net, in->stop_nodes);
  return TRUE;
}

/* Zone @z: its node, and its access links to the street. */
static gboolean
link_zone (Init *in, guint z, int z_name, GError **error)
{
  const TnetInitOptions *opts = in->opts;
  TnetZoneTable *zones = in->zones;
  TnetNetwork *net = in->net;
  const char *zid = tnet_zone_table_id (zones, z);
  double lon = tnet_zone_table_lon (zones, z), lat = tnet_zone_table_lat (zones, z);
  if (tnet_network_find_node (net, zid) != TNET_ID_NONE)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s: zone id \"%s\" is also the id of a %s node; zone ids must "
                   "differ from OSM node ids and from PREFIX:stop_id", opts->zones_path,
                   zid, tnet_network_find_node (net, zid) < in->n_road ? "road" : "stop");
      return FALSE;
    }
  const char *region = tnet_zone_table_text (zones, z, in->z_region);
  TnetNode node = {
    .id = zid,
    .name = z_name >= 0 ? tnet_zone_table_text (zones, z, (guint) z_name) : "",
    .kind = TNET_NODE_ZONE,
    .lon = lon,
    .lat = lat,
    .region = region && *region ? region : NULL,
    .population = in->population ? in->population[z] : 0,
  };
  TnetId v = tnet_network_add_node (net, &node, error);
  if (v == TNET_ID_NONE)
    {
      g_prefix_error (error, "%s: zone \"%s\": ", opts->zones_path, zid);
      return FALSE;
    }
  TnetAccessCandidate cand[32];
  guint n_links = tnet_i_access_snap_query (&in->snap, net, opts, lon, lat, cand);
  for (guint j = 0; j < n_links; j++)
    {
      g_autofree char *lid = g_strdup_printf ("access:%s:%u", zid, j);
      if (!add_connector (net, opts, lid, TNET_MODE_ACCESS, v, cand[j].node,
                          cand[j].distance_m, error))
        return FALSE;
      in->st.max_access_m = MAX (in->st.max_access_m, cand[j].distance_m);
    }
  in->st.n_access_links += n_links;
  if (n_links == 0)
    in->st.n_zones_unlinked++;
  return TRUE;
}

/* 6. The zones, of which at least one must reach the street. */
static gboolean
link_zones (Init *in, GError **error)
{
  if (!step (&in->ctx, "linking zones", FALSE, error))
    return FALSE;
  const int z_name = tnet_zone_table_column (in->zones, "name");
  for (guint z = 0; z < in->st.n_zones; z++)
    if (!link_zone (in, z, z_name, error))
      return FALSE;
  if (in->st.n_zones_unlinked == in->st.n_zones)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s: no zone lies within %g m of the street network of %s (do the zones "
                   "and the OSM extract cover the same area?)", in->opts->zones_path,
                   in->opts->access_max_m, in->opts->osm_path);
      return FALSE;
    }
  return step (&in->ctx, "linking zones", TRUE, error);
}

/* regions.csv: the zones' regions, then any other a node got ("other" for
 * a street or stop outside every polygon although all zones are in one),
 * named by their polygon when there is one. */
static gboolean
write_regions_csv (Init *in, const char *dir, GError **error)
{
  g_autoptr (GPtrArray) listed = g_ptr_array_new ();   /* borrowed ids */
  for (guint i = 0; i < in->region_ids->len; i++)
    g_ptr_array_add (listed, g_ptr_array_index (in->region_ids, i));
  for (TnetId v = 0; v < tnet_network_n_nodes (in->net); v++)
    {
      const char *r = tnet_network_node (in->net, v)->region;
      if (r && *r && !g_hash_table_contains (in->region_set, r))
        {
          g_hash_table_add (in->region_set, (gpointer) r);
          g_ptr_array_add (listed, (gpointer) r);
        }
    }
  g_autoptr (GString) rs = g_string_new ("id,name,name_en\n");
  for (guint i = 0; i < listed->len; i++)
    {
      const char *rid = g_ptr_array_index (listed, i);
      const char *rname = rid;
      for (guint j = 0; in->regions && j < in->regions->len; j++)
        if (strcmp (g_array_index (in->regions, Region, j).id, rid) == 0
            && g_array_index (in->regions, Region, j).name)
          rname = g_array_index (in->regions, Region, j).name;
      tnet_i_csv_put_field (rs, rid, TRUE);
      tnet_i_csv_put_field (rs, rname, FALSE);
      tnet_i_csv_put_field (rs, rname, FALSE);
      g_string_append_c (rs, '\n');
    }
  return write_text (dir, "regions.csv", rs, error);
}

/* The exact minutes of the links with a fixed time, NAN for the others, for
 * links.csv: those links are the connectors (add_connector()), whose time
 * is a function of their length MAX (d, 0.1) m, so recomputing it gives
 * the minutes to the last digit, not their time_ms's millisecond. */
static double *
connector_minutes (const Init *in)
{
  guint m = tnet_network_n_links (in->net);
  double *out = g_new (double, MAX (m, 1));
  for (TnetId i = 0; i < m; i++)
    {
      const TnetLink *l = tnet_network_link (in->net, i);
      out[i] = l->time_ms == TNET_WEIGHT_INF
               ? NAN : tnet_i_init_access_minutes (in->opts, l->length_m);
    }
  return out;
}

/* 8. The folder: network, zones, regions, hubs, merged feeds and a plan
 * named @name. */
static gboolean
write_folder (Init *in, const char *dir, const char *name, GError **error)
{
  const TnetInitOptions *opts = in->opts;
  if (!step (&in->ctx, "writing the folder", FALSE, error))
    return FALSE;
  g_autofree double *minutes = connector_minutes (in);
  if (!tnet_i_network_save_csv (in->net, dir, minutes, error))
    return FALSE;
  g_autofree char *zones_csv = g_build_filename (dir, "zones.csv", NULL);
  if (!tnet_zone_table_save_csv (in->zones, zones_csv, error))
    return FALSE;
  if (in->region_ids->len && !write_regions_csv (in, dir, error))
    return FALSE;
  if (in->regions && in->region_ids->len)
    {
      /* the outlines of the regions the folder uses, for the maps */
      g_autoptr (GString) gj = regions_geojson (in->regions, in->region_ids);
      if (!write_text (dir, "regions.geojson", gj, error))
        return FALSE;
    }
  if (in->hubs && !write_text (dir, "hubs.csv", in->hubs, error))
    return FALSE;
  if (in->n_feeds)
    {
      g_autofree char *gtfs_dir = g_build_filename (dir, "gtfs", NULL);
      if (!tnet_i_gtfs_merge (opts->gtfs_paths, (const char *const *) in->prefixes,
                              in->n_feeds, gtfs_dir, error))
        return FALSE;
    }
  g_autoptr (GString) plan = plan_skeleton (name, in->region_ids, in->n_feeds > 0,
                                            tnet_zone_table_id (in->zones, 0), opts->osm_path,
                                            (const char *const *) opts->gtfs_paths);
  if (!write_text (dir, "plan.ini", plan, error))
    return FALSE;
  return step (&in->ctx, "writing the folder", TRUE, error);
}

gboolean
tnet_folder_init (const char *dir, const TnetInitOptions *opts, TnetInitStats *stats_out,
                  GError **error)
{
  g_return_val_if_fail (dir != NULL && opts != NULL, FALSE);
  g_return_val_if_fail (opts->osm_path != NULL && opts->zones_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  if (!tnet_i_init_access_options_check (opts, error))
    return FALSE;
  if (opts->regions_path && opts->region_column)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "init options: give region polygons or a region column, not both");
      return FALSE;
    }
  g_auto (Init) in = { .opts = opts, .ctx = { .opts = opts } };
  g_autofree char *name = opts->name ? g_strdup (opts->name) : g_path_get_basename (dir);

  if (!read_zones (&in, error))
    return FALSE;
  assign_zone_regions (&in);
  if (!read_roads (&in, error) || !read_feeds (&in, error) || !link_stops (&in, error)
      || !link_zones (&in, error))
    return FALSE;
  in.st.n_regions = in.region_ids->len;
  if (!write_folder (&in, dir, name, error))
    return FALSE;
  if (stats_out)
    *stats_out = in.st;
  return TRUE;
}
