/* osm.c: OpenStreetMap road import through readosm.
 *
 * Implementation notes: readosm streams nodes, ways and relations in file
 * order through callbacks. Extracts list nodes before ways, but nothing
 * here depends on it: one pass keeps the coordinates of every node in an
 * open-addressing map (OSM id → slot, linear probing, load ≤ 1/2) and the
 * node references of every kept way; the network is assembled after the
 * pass. Porto (a few million nodes) needs about 32 bytes per node. Way tags
 * are decided inside the callback, so only the ways kept are stored. An
 * .osm.pbf or .osm file is checked whole first (osm-pbf.c, osm-xml.c):
 * readosm trusts it.
 */
#include "tnet-internal.h"
#include "names.h"
#include "osm-pbf.h"
#include "osm-xml.h"
#include <readosm.h>
#include <gio/gio.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const highway_names[TNET_OSM_N_HIGHWAYS] = {
  "motorway", "motorway_link", "trunk", "trunk_link", "primary", "primary_link",
  "secondary", "secondary_link", "tertiary", "tertiary_link", "unclassified",
  "residential", "living_street", "service", "road",
};

static const double default_speeds[TNET_OSM_N_HIGHWAYS] = {
  120, 60, 100, 50, 80, 40, 60, 40, 50, 30, 40, 30, 10, 15, 30,
};

void
tnet_osm_options_init (TnetOsmOptions *opts)
{
  g_return_if_fail (opts != NULL);
  memset (opts, 0, sizeof *opts);
  memcpy (opts->speed_kmh, default_speeds, sizeof default_speeds);
  opts->use_maxspeed = TRUE;
}

const char *
tnet_osm_highway_to_string (TnetOsmHighway hw)
{
  g_return_val_if_fail ((guint) hw < TNET_OSM_N_HIGHWAYS, NULL);
  return highway_names[hw];
}

gboolean
tnet_osm_highway_from_string (const char *s, TnetOsmHighway *out)
{
  g_return_val_if_fail (s != NULL, FALSE);
  guint i;
  if (!tnet_i_name_index (highway_names, TNET_OSM_N_HIGHWAYS, s, &i))
    return FALSE;
  if (out)
    *out = (TnetOsmHighway) i;
  return TRUE;
}

double
tnet_osm_parse_maxspeed (const char *value)
{
  if (value == NULL)
    return NAN;
  while (g_ascii_isspace (*value))
    value++;
  if (!g_ascii_isdigit (*value))
    return NAN;   /* "none", "PT:urban", "walk", "signals", … */
  char *end = NULL;
  double v = g_ascii_strtod (value, &end);
  if (end == value || !isfinite (v) || v <= 0)
    return NAN;
  while (*end == ' ')
    end++;
  if (g_ascii_strncasecmp (end, "mph", 3) == 0)
    v *= 1.609344;
  else if (g_ascii_strncasecmp (end, "knots", 5) == 0)
    v *= 1.852;
  else if (*end != '\0' && *end != ';' && g_ascii_strncasecmp (end, "km/h", 4) != 0
           && g_ascii_strncasecmp (end, "kmh", 3) != 0)
    return NAN;
  return CLAMP (v, 1.0, 300.0);
}

/* ---- node coordinates: OSM id -> slot -------------------------------- */

typedef struct {
  int64_t *keys;        /* capacity entries; EMPTY_KEY marks a free slot */
  uint32_t *index;      /* index into lon/lat of the key in the same slot */
  gsize capacity;       /* a power of two, > 2 * count */
  gsize count;
  GArray *lonlat;       /* double pairs, by index */
} NodeMap;

#define EMPTY_KEY INT64_MIN

static inline gsize
hash_id (int64_t id)
{
  uint64_t x = (uint64_t) id;
  x ^= x >> 33;
  x *= UINT64_C (0xff51afd7ed558ccd);
  x ^= x >> 33;
  x *= UINT64_C (0xc4ceb9fe1a85ec53);
  x ^= x >> 33;
  return (gsize) x;
}

static void
node_map_init (NodeMap *map, gsize capacity)
{
  map->capacity = capacity;
  map->count = 0;
  map->keys = g_new (int64_t, capacity);
  map->index = g_new (uint32_t, capacity);
  for (gsize i = 0; i < capacity; i++)
    map->keys[i] = EMPTY_KEY;
  map->lonlat = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
node_map_clear (NodeMap *map)
{
  g_free (map->keys);
  g_free (map->index);
  if (map->lonlat)
    g_array_unref (map->lonlat);
  memset (map, 0, sizeof *map);
}

static void
node_map_insert_slot (NodeMap *map, int64_t id, uint32_t idx)
{
  gsize mask = map->capacity - 1;
  gsize s = hash_id (id) & mask;
  while (map->keys[s] != EMPTY_KEY && map->keys[s] != id)
    s = (s + 1) & mask;
  map->keys[s] = id;
  map->index[s] = idx;
}

static void
node_map_grow (NodeMap *map)
{
  int64_t *old_keys = map->keys;
  uint32_t *old_index = map->index;
  gsize old_cap = map->capacity;
  map->capacity = old_cap * 2;
  map->keys = g_new (int64_t, map->capacity);
  map->index = g_new (uint32_t, map->capacity);
  for (gsize i = 0; i < map->capacity; i++)
    map->keys[i] = EMPTY_KEY;
  for (gsize i = 0; i < old_cap; i++)
    if (old_keys[i] != EMPTY_KEY)
      node_map_insert_slot (map, old_keys[i], old_index[i]);
  g_free (old_keys);
  g_free (old_index);
}

/* Returns FALSE on a duplicate id (the later one is ignored). */
static gboolean
node_map_add (NodeMap *map, int64_t id, double lon, double lat)
{
  if (2 * (map->count + 1) > map->capacity)
    node_map_grow (map);
  gsize mask = map->capacity - 1;
  gsize s = hash_id (id) & mask;
  while (map->keys[s] != EMPTY_KEY)
    {
      if (map->keys[s] == id)
        return FALSE;
      s = (s + 1) & mask;
    }
  map->keys[s] = id;
  map->index[s] = (uint32_t) map->count++;
  double ll[2] = { lon, lat };
  g_array_append_vals (map->lonlat, ll, 2);
  return TRUE;
}

static uint32_t
node_map_find (const NodeMap *map, int64_t id)
{
  gsize mask = map->capacity - 1;
  gsize s = hash_id (id) & mask;
  while (map->keys[s] != EMPTY_KEY)
    {
      if (map->keys[s] == id)
        return map->index[s];
      s = (s + 1) & mask;
    }
  return UINT32_MAX;
}

/* ---- the parse pass --------------------------------------------------- */

typedef struct {
  int64_t id;
  guint first_ref;      /* into Import.refs */
  guint n_refs;
  const char *line;     /* in Import.strings, or NULL */
  double speed_kmh;
  guint8 highway;       /* TnetOsmHighway; TNET_OSM_N_HIGHWAYS: a footway */
  const char *walk_class;  /* for a footway, its highway value (interned) */
  gint8 dir;            /* 0 both ways, 1 along the way, -1 against it */
} Way;

/* A parking place: an OSM node, or the centroid of a closed way. */
typedef struct {
  int64_t id;
  gboolean is_way;
  double lon, lat;
  const char *name;     /* in Import.strings, or NULL */
} Parking;

typedef struct {
  const TnetOsmOptions *opts;
  NodeMap nodes;
  GArray *parking;      /* Parking, with opts->parking */
  GArray *ways;         /* Way */
  GArray *refs;         /* int64_t node ids of the kept ways */
  GStringChunk *strings;
  guint64 n_elements;
  gboolean cancelled;
} Import;

static const char *
tag_value (const readosm_way *way, const char *key)
{
  for (int i = 0; i < way->tag_count; i++)
    if (way->tags[i].key && strcmp (way->tags[i].key, key) == 0)
      return way->tags[i].value;
  return NULL;
}

static const char *
tags_value (const readosm_tag *tags, int n, const char *key)
{
  for (int i = 0; i < n; i++)
    if (tags[i].key && strcmp (tags[i].key, key) == 0)
      return tags[i].value;
  return NULL;
}

/* Whether the tags make a parking place a car may use: amenity=parking or
 * amenity=park_ride, or park_ride=* other than "no"; not when access (or
 * motor_vehicle / motorcar) says private/no. */
static gboolean
parking_tags (const readosm_tag *tags, int n)
{
  const char *amenity = tags_value (tags, n, "amenity");
  const char *pr = tags_value (tags, n, "park_ride");
  gboolean yes = (amenity && (strcmp (amenity, "parking") == 0
                              || strcmp (amenity, "park_ride") == 0))
                 || (pr && strcmp (pr, "no") != 0);
  if (!yes)
    return FALSE;
  static const char *const keys[] = { "motorcar", "motor_vehicle", "access" };
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *v = tags_value (tags, n, keys[i]);
      if (v && (strcmp (v, "private") == 0 || strcmp (v, "no") == 0))
        return FALSE;
      if (v)
        break;
    }
  return TRUE;
}

static void
add_parking (Import *imp, int64_t id, gboolean is_way, double lon, double lat,
             const readosm_tag *tags, int n)
{
  const char *name = tags_value (tags, n, "name");
  Parking p = { id, is_way, lon, lat,
                name && *name ? g_string_chunk_insert_const (imp->strings, name) : NULL };
  g_array_append_val (imp->parking, p);
}

/* A closed way of parking tags: its centroid, the mean of its distinct
 * nodes (the first is repeated at the end); skipped when a node is missing
 * from the file. */
static void
parking_way (Import *imp, const readosm_way *way)
{
  int n = way->node_ref_count;
  if (n < 4 || way->node_refs[0] != way->node_refs[n - 1])
    return;
  double lon = 0, lat = 0;
  for (int k = 0; k < n - 1; k++)
    {
      uint32_t idx = node_map_find (&imp->nodes, way->node_refs[k]);
      if (idx == UINT32_MAX)
        return;
      const double *ll = &g_array_index (imp->nodes.lonlat, double, 2 * (gsize) idx);
      lon += ll[0];
      lat += ll[1];
    }
  add_parking (imp, way->id, TRUE, lon / (n - 1), lat / (n - 1), way->tags, way->tag_count);
}

static gboolean
progress_tick (Import *imp)
{
  if (++imp->n_elements % 65536 != 0)
    return TRUE;
  /* the file's relations are not read: the count is of nodes and ways */
  if (imp->opts->progress)
    imp->opts->progress (imp->n_elements, 0, "OSM import", "nodes and ways",
                         imp->opts->progress_data);
  if (imp->opts->cancellable && g_cancellable_is_cancelled (imp->opts->cancellable))
    {
      imp->cancelled = TRUE;
      return FALSE;
    }
  return TRUE;
}

static int
on_node (const void *user_data, const readosm_node *node)
{
  Import *imp = (Import *) user_data;
  if (!progress_tick (imp))
    return READOSM_ABORT;
  if (isfinite (node->longitude) && isfinite (node->latitude)
      && fabs (node->longitude) <= 180 && fabs (node->latitude) <= 90)
    {
      node_map_add (&imp->nodes, node->id, node->longitude, node->latitude);
      if (imp->opts->parking && node->tag_count > 0 && parking_tags (node->tags, node->tag_count))
        add_parking (imp, node->id, FALSE, node->longitude, node->latitude, node->tags,
                     node->tag_count);
    }
  return READOSM_OK;
}

/* -1 closed to cars, 1 explicitly open, 0 not said. */
static int
access_verdict (const char *v)
{
  static const char *const closed[] = {
    "no", "private", "agricultural", "forestry", "delivery", "customers",
    "emergency", "use_sidepath", "discouraged", NULL,
  };
  if (v == NULL)
    return 0;
  for (guint i = 0; closed[i]; i++)
    if (strcmp (v, closed[i]) == 0)
      return -1;
  return 1;
}

/* The ways only pedestrians use: footways (sidewalks and crossings are
 * footway=sidewalk/crossing), paths, pedestrian streets, steps, and
 * cycleways open to walkers. */
static void
add_footway (Import *imp, const readosm_way *way, const char *hv)
{
  static const char *const kinds[] = { "footway", "path", "pedestrian", "steps", NULL };
  const char *foot = tag_value (way, "foot");
  gboolean yes = foot && (strcmp (foot, "yes") == 0 || strcmp (foot, "designated") == 0
                          || strcmp (foot, "permissive") == 0);
  gboolean kind = g_strv_contains (kinds, hv) || (strcmp (hv, "cycleway") == 0 && yes);
  if (!kind || (foot && !yes) || (access_verdict (tag_value (way, "access")) < 0 && !yes))
    return;
  const char *area = tag_value (way, "area");
  if (area && strcmp (area, "yes") == 0)
    return;
  const char *line = tag_value (way, "name");
  Way w = {
    .id = way->id,
    .first_ref = imp->refs->len,
    .n_refs = (guint) way->node_ref_count,
    .line = (line && *line) ? g_string_chunk_insert_const (imp->strings, line) : NULL,
    .speed_kmh = NAN,
    .highway = TNET_OSM_N_HIGHWAYS,
    .walk_class = g_string_chunk_insert_const (imp->strings, hv),
    .dir = 0,
  };
  g_array_append_vals (imp->refs, way->node_refs, (guint) way->node_ref_count);
  g_array_append_val (imp->ways, w);
}

static int
on_way (const void *user_data, const readosm_way *way)
{
  Import *imp = (Import *) user_data;
  if (!progress_tick (imp))
    return READOSM_ABORT;
  if (imp->opts->parking && parking_tags (way->tags, way->tag_count))
    parking_way (imp, way);
  const char *hv = tag_value (way, "highway");
  TnetOsmHighway hw;
  if (hv == NULL || way->node_ref_count < 2)
    return READOSM_OK;
  if (!tnet_osm_highway_from_string (hv, &hw))
    {
      if (imp->opts->walk_ways)
        add_footway (imp, way, hv);
      return READOSM_OK;
    }
  const char *area = tag_value (way, "area");
  if (area && strcmp (area, "yes") == 0)
    return READOSM_OK;
  /* the most specific access tag present decides */
  static const char *const access_keys[] = { "motorcar", "motor_vehicle", "vehicle", "access" };
  for (guint i = 0; i < G_N_ELEMENTS (access_keys); i++)
    {
      int verdict = access_verdict (tag_value (way, access_keys[i]));
      if (verdict < 0)
        return READOSM_OK;
      if (verdict > 0)
        break;
    }

  int dir = (hw == TNET_OSM_MOTORWAY || hw == TNET_OSM_MOTORWAY_LINK) ? 1 : 0;
  const char *junction = tag_value (way, "junction");
  if (junction && (strcmp (junction, "roundabout") == 0 || strcmp (junction, "circular") == 0))
    dir = 1;
  const char *ow = tag_value (way, "oneway");
  if (ow)
    {
      if (!strcmp (ow, "yes") || !strcmp (ow, "1") || !strcmp (ow, "true"))
        dir = 1;
      else if (!strcmp (ow, "-1") || !strcmp (ow, "reverse"))
        dir = -1;
      else if (!strcmp (ow, "no") || !strcmp (ow, "0") || !strcmp (ow, "false"))
        dir = 0;
      else if (!strcmp (ow, "reversible") || !strcmp (ow, "alternating"))
        return READOSM_OK;
    }

  double speed = NAN;
  if (imp->opts->use_maxspeed)
    speed = tnet_osm_parse_maxspeed (tag_value (way, "maxspeed"));
  if (!isfinite (speed))
    speed = imp->opts->speed_kmh[hw];

  const char *line = tag_value (way, "ref");
  if (line == NULL || *line == '\0')
    line = tag_value (way, "name");
  Way w = {
    .id = way->id,
    .first_ref = imp->refs->len,
    .n_refs = (guint) way->node_ref_count,
    .line = (line && *line) ? g_string_chunk_insert_const (imp->strings, line) : NULL,
    .speed_kmh = speed,
    .highway = (guint8) hw,
    .dir = (gint8) dir,
  };
  g_array_append_vals (imp->refs, way->node_refs, (guint) way->node_ref_count);
  g_array_append_val (imp->ways, w);
  return READOSM_OK;
}

static double
haversine_m (const double *a, const double *b)
{
  const double r = 6371008.8, k = G_PI / 180.0;
  double dlat = (b[1] - a[1]) * k, dlon = (b[0] - a[0]) * k;
  double s = sin (dlat / 2) * sin (dlat / 2)
             + cos (a[1] * k) * cos (b[1] * k) * sin (dlon / 2) * sin (dlon / 2);
  return 2 * r * asin (MIN (1.0, sqrt (s)));
}

static const char *
readosm_reason (int rc)
{
  switch (rc)
    {
    case READOSM_INVALID_SUFFIX: return "the name must end in .osm or .pbf";
    case READOSM_INSUFFICIENT_MEMORY: return "out of memory";
    case READOSM_READ_ERROR: return "read error (truncated or corrupt file)";
    case READOSM_XML_ERROR: return "malformed XML";
    case READOSM_INVALID_PBF_HEADER: return "invalid PBF block header (not an OSM PBF file, or corrupt)";
    case READOSM_UNZIP_ERROR: return "a compressed PBF block does not inflate (corrupt file)";
    default: return "unreadable OSM data";
    }
}

/* Resolves a way's references to node-map indices; missing nodes become
 * UINT32_MAX, consecutive repeats of one node are dropped. */
static guint
resolve_way (const Import *imp, const Way *w, uint32_t *out)
{
  const int64_t *refs = &g_array_index (imp->refs, int64_t, w->first_ref);
  guint n = 0;
  for (guint i = 0; i < w->n_refs; i++)
    {
      uint32_t idx = node_map_find (&imp->nodes, refs[i]);
      if (n > 0 && out[n - 1] == idx && idx != UINT32_MAX)
        continue;
      out[n++] = idx;
    }
  return n;
}

static TnetMode
highway_mode (TnetOsmHighway hw)
{
  switch (hw)
    {
    case TNET_OSM_MOTORWAY:
    case TNET_OSM_MOTORWAY_LINK:
      return TNET_MODE_EXPRESSWAY;
    case TNET_OSM_TRUNK:
    case TNET_OSM_TRUNK_LINK:
    case TNET_OSM_PRIMARY:
    case TNET_OSM_PRIMARY_LINK:
      return TNET_MODE_TRUNK;
    case TNET_OSM_N_HIGHWAYS:
      return TNET_MODE_WALK;
    default:
      return TNET_MODE_ROAD;
    }
}

static TnetId
network_node (TnetNetwork *net, uint32_t *node_of, const Import *imp, const int64_t *ids,
              uint32_t idx, GError **error)
{
  if (node_of[idx] != TNET_ID_NONE)
    return node_of[idx];
  char idbuf[32];
  g_snprintf (idbuf, sizeof idbuf, "%" G_GINT64_FORMAT, ids[idx]);
  const double *ll = &g_array_index (imp->nodes.lonlat, double, 2 * (gsize) idx);
  TnetNode node = { .id = idbuf, .kind = TNET_NODE_JUNCTION, .lon = ll[0], .lat = ll[1] };
  node_of[idx] = tnet_network_add_node (net, &node, error);
  return node_of[idx];
}

static TnetNetwork *
assemble (const Import *imp, const char *path, GError **error)
{
  gsize n_map = imp->nodes.count;
  /* OSM id of every map index */
  int64_t *ids = g_new (int64_t, MAX (n_map, 1));
  for (gsize s = 0; s < imp->nodes.capacity; s++)
    if (imp->nodes.keys[s] != EMPTY_KEY)
      ids[imp->nodes.index[s]] = imp->nodes.keys[s];
  /* how often each node is used by a kept way (a node is a junction when
   * used twice or more, or when it ends a piece of way) */
  guint8 *uses = g_new0 (guint8, MAX (n_map, 1));
  guint max_refs = 2;
  for (guint i = 0; i < imp->ways->len; i++)
    max_refs = MAX (max_refs, g_array_index (imp->ways, Way, i).n_refs);
  uint32_t *seq = g_new (uint32_t, max_refs);
  for (guint i = 0; i < imp->ways->len; i++)
    {
      const Way *w = &g_array_index (imp->ways, Way, i);
      guint n = resolve_way (imp, w, seq);
      for (guint k = 0; k < n; k++)
        {
          if (seq[k] == UINT32_MAX)
            continue;
          gboolean end = k == 0 || k == n - 1 || seq[k - 1] == UINT32_MAX
                         || seq[k + 1] == UINT32_MAX;
          guint add = end ? 2 : 1;
          uses[seq[k]] = (guint8) MIN (255u, uses[seq[k]] + add);
        }
    }

  TnetNetwork *net = tnet_network_new ();
  uint32_t *node_of = g_new (uint32_t, MAX (n_map, 1));
  for (gsize i = 0; i < n_map; i++)
    node_of[i] = TNET_ID_NONE;
  gboolean ok = TRUE;
  GArray *shape = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; ok && i < imp->ways->len; i++)
    {
      const Way *w = &g_array_index (imp->ways, Way, i);
      guint n = resolve_way (imp, w, seq);
      guint k_link = 0;
      guint start = UINT32_MAX;  /* position of the current link's first node */
      double length = 0;
      for (guint k = 0; ok && k < n; k++)
        {
          if (seq[k] == UINT32_MAX)
            {
              start = UINT32_MAX;
              continue;
            }
          if (start == UINT32_MAX)
            {
              start = k;
              length = 0;
              continue;
            }
          const double *a = &g_array_index (imp->nodes.lonlat, double, 2 * (gsize) seq[k - 1]);
          const double *b = &g_array_index (imp->nodes.lonlat, double, 2 * (gsize) seq[k]);
          length += haversine_m (a, b);
          gboolean cut = !imp->opts->contract_degree2 || uses[seq[k]] >= 2;
          if (!cut)
            continue;
          if (seq[start] != seq[k])
            {
              TnetId u = network_node (net, node_of, imp, ids, seq[start], error);
              TnetId v = u == TNET_ID_NONE ? TNET_ID_NONE
                                           : network_node (net, node_of, imp, ids, seq[k], error);
              if (v == TNET_ID_NONE)
                {
                  ok = FALSE;
                  break;
                }
              char idbuf[48], srcbuf[40];
              g_snprintf (idbuf, sizeof idbuf, "w%" G_GINT64_FORMAT "_%u", w->id, k_link++);
              g_snprintf (srcbuf, sizeof srcbuf, "osm:w%" G_GINT64_FORMAT, w->id);
              TnetLink link = {
                .id = idbuf,
                .line = w->line,
                .road_class = w->walk_class ? w->walk_class : highway_names[w->highway],
                .source = srcbuf,
                .from = w->dir < 0 ? v : u,
                .to = w->dir < 0 ? u : v,
                .mode = highway_mode ((TnetOsmHighway) w->highway),
                .status = TNET_STATUS_EXISTING,
                .length_m = MAX (length, 0.1),
                .speed_kmh = w->speed_kmh,
                .time_ms = TNET_WEIGHT_INF,
                .oneway = w->dir != 0,
              };
              TnetId li = tnet_network_add_link (net, &link, error);
              if (li == TNET_ID_NONE)
                ok = FALSE;
              else if (k - start >= 2)
                {
                  /* the way's shape between the two nodes, from -> to */
                  guint np = k - start + 1;
                  g_array_set_size (shape, 2 * np);
                  for (guint j = 0; j < np; j++)
                    {
                      guint src = w->dir < 0 ? k - j : start + j;
                      const double *p = &g_array_index (imp->nodes.lonlat, double,
                                                        2 * (gsize) seq[src]);
                      g_array_index (shape, double, 2 * j) = p[0];
                      g_array_index (shape, double, 2 * j + 1) = p[1];
                    }
                  ok = tnet_network_set_link_geometry (net, li, (const double *) shape->data,
                                                       np, error);
                }
            }
          start = k;
          length = 0;
        }
    }
  for (guint i = 0; ok && i < imp->parking->len; i++)
    {
      const Parking *p = &g_array_index (imp->parking, Parking, i);
      char idbuf[48], srcbuf[40];
      g_snprintf (idbuf, sizeof idbuf, "parking:%c%" G_GINT64_FORMAT, p->is_way ? 'w' : 'n',
                  p->id);
      g_snprintf (srcbuf, sizeof srcbuf, "osm:%c%" G_GINT64_FORMAT, p->is_way ? 'w' : 'n', p->id);
      TnetNode node = { .id = idbuf, .name = p->name, .kind = TNET_NODE_PARKING,
                        .lon = p->lon, .lat = p->lat, .source = srcbuf };
      ok = tnet_network_add_node (net, &node, error) != TNET_ID_NONE;
    }
  g_array_unref (shape);
  g_free (node_of);
  g_free (seq);
  g_free (uses);
  g_free (ids);
  if (!ok)
    {
      g_prefix_error (error, "%s: ", path);
      tnet_network_free (net);
      return NULL;
    }
  return net;
}

static gboolean
has_suffix (const char *path, const char *suffix)
{
  gsize n = strlen (path), k = strlen (suffix);
  return n >= k && g_ascii_strcasecmp (path + n - k, suffix) == 0;
}

TnetNetwork *
tnet_network_load_osm (const char *path, const TnetOsmOptions *opts, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  TnetOsmOptions defaults;
  if (opts == NULL)
    {
      tnet_osm_options_init (&defaults);
      opts = &defaults;
    }
  for (guint i = 0; i < TNET_OSM_N_HIGHWAYS; i++)
    if (!(opts->speed_kmh[i] > 0 && opts->speed_kmh[i] <= 1000))
      {
        g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                     "OSM options: the default speed of highway=%s must be in (0, 1000] km/h, got %g",
                     highway_names[i], opts->speed_kmh[i]);
        return NULL;
      }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_IO, "%s: no such file", path);
      return NULL;
    }

  /* readosm picks the format by the suffix, ignoring case */
  if (has_suffix (path, ".pbf") && !tnet_i_osm_pbf_check (path, error))
    return NULL;
  if (has_suffix (path, ".osm") && !tnet_i_osm_xml_check (path, error))
    return NULL;

  Import imp = { .opts = opts };
  node_map_init (&imp.nodes, 1 << 16);
  imp.ways = g_array_new (FALSE, FALSE, sizeof (Way));
  imp.refs = g_array_new (FALSE, FALSE, sizeof (int64_t));
  imp.parking = g_array_new (FALSE, FALSE, sizeof (Parking));
  imp.strings = g_string_chunk_new (4096);

  const void *handle = NULL;
  int rc = readosm_open (path, &handle);
  if (rc == READOSM_OK)
    rc = readosm_parse (handle, &imp, on_node, on_way, NULL);
  readosm_close (handle);

  TnetNetwork *net = NULL;
  if (imp.cancelled)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s: OSM import cancelled", path);
  else if (rc == READOSM_FILE_NOT_FOUND)
    g_set_error (error, TNET_ERROR, TNET_ERROR_IO, "%s: cannot open the file", path);
  else if (rc != READOSM_OK)
    g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                 "%s: not a readable OSM file: %s", path, readosm_reason (rc));
  else
    net = assemble (&imp, path, error);

  node_map_clear (&imp.nodes);
  g_array_unref (imp.ways);
  g_array_unref (imp.refs);
  g_array_unref (imp.parking);
  g_string_chunk_free (imp.strings);
  return net;
}
