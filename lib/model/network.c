/* network.c: TnetNetwork, the editable model of nodes and links. */
#include "tnet-internal.h"
#include "names.h"

/* Limits beyond which a value is taken for a data error, not a fact. */
#define MAX_SPEED_KMH 1000.0
#define MAX_LENGTH_M 1.0e7   /* 10,000 km */
#define MAX_TIME_MS 600000000u   /* 10000 minutes */
#define MAX_OPEN_YEAR 9999

struct _TnetNetwork {
  GStringChunk *strings;  /* every string of every record, interned */
  GArray *nodes;          /* TnetNode; strings point into @strings */
  GArray *links;          /* TnetLink; from/to < nodes->len */
  GHashTable *node_index; /* interned id -> index + 1 */
  GHashTable *link_index; /* interned id -> index + 1 */
  GHashTable *lines;      /* set of interned line names of the links */
  GPtrArray *tag_arrays;  /* owns each link's non-empty tags array */
  char *dir;              /* folder loaded from, or NULL */
  GArray *geom_span;      /* per link (up to the last one given one): GeomSpan */
  GArray *geom_lonlat;    /* the polylines' lon/lat pairs, spans point into it */
  guint n_geometries;     /* spans with n > 0 */
};

/* Where a link's polyline sits in geom_lonlat; n = 0 when it has none. */
typedef struct {
  guint first;            /* index of the first pair */
  guint n;                /* points */
} GeomSpan;

static const char *const empty_tags[] = { NULL };

static const char *const mode_names[TNET_N_MODES] = {
  "expressway", "trunk", "road", "hsr", "rail", "suburban", "metro", "bus", "walk",
  "access",
};
static const char *const status_names[TNET_N_STATUSES] = {
  "existing", "construction", "planned", "study",
};
static const char *const kind_names[TNET_N_NODE_KINDS] = {
  "zone", "station", "stop", "interchange", "junction", "place", "parking",
};

TnetNetwork *
tnet_network_new (void)
{
  TnetNetwork *net = g_new0 (TnetNetwork, 1);
  net->strings = g_string_chunk_new (4096);
  net->nodes = g_array_new (FALSE, TRUE, sizeof (TnetNode));
  net->links = g_array_new (FALSE, TRUE, sizeof (TnetLink));
  net->node_index = g_hash_table_new (g_str_hash, g_str_equal);
  net->link_index = g_hash_table_new (g_str_hash, g_str_equal);
  net->lines = g_hash_table_new (g_str_hash, g_str_equal);
  net->tag_arrays = g_ptr_array_new_with_free_func (g_free);
  return net;
}

void
tnet_network_free (TnetNetwork *net)
{
  if (!net)
    return;
  g_string_chunk_free (net->strings);
  g_array_free (net->nodes, TRUE);
  g_array_free (net->links, TRUE);
  g_hash_table_destroy (net->node_index);
  g_hash_table_destroy (net->link_index);
  g_hash_table_destroy (net->lines);
  g_ptr_array_free (net->tag_arrays, TRUE);
  g_free (net->dir);
  if (net->geom_span)
    g_array_free (net->geom_span, TRUE);
  if (net->geom_lonlat)
    g_array_free (net->geom_lonlat, TRUE);
  g_free (net);
}

static const char *
intern (TnetNetwork *net, const char *s)
{
  return s ? g_string_chunk_insert_const (net->strings, s) : NULL;
}

TnetId
tnet_network_add_node (TnetNetwork *net, const TnetNode *node, GError **error)
{
  g_return_val_if_fail (net != NULL && node != NULL, TNET_ID_NONE);
  g_return_val_if_fail ((guint) node->kind < TNET_N_NODE_KINDS, TNET_ID_NONE);
  g_return_val_if_fail (error == NULL || *error == NULL, TNET_ID_NONE);

  if (!node->id || !*node->id)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "empty node id");
      return TNET_ID_NONE;
    }
  if (g_hash_table_contains (net->node_index, node->id))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "duplicate node id \"%s\"",
                   node->id);
      return TNET_ID_NONE;
    }
  if (!isfinite (node->lon) || node->lon < -180.0 || node->lon > 180.0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "node \"%s\": longitude %g outside [-180, 180]", node->id, node->lon);
      return TNET_ID_NONE;
    }
  if (!isfinite (node->lat) || node->lat < -90.0 || node->lat > 90.0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "node \"%s\": latitude %g outside [-90, 90]", node->id, node->lat);
      return TNET_ID_NONE;
    }
  if (!isfinite (node->population) || node->population < 0.0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "node \"%s\": population %g is not a non-negative number", node->id,
                   node->population);
      return TNET_ID_NONE;
    }
  if (net->nodes->len >= (guint) G_MAXINT32)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_TOO_LARGE, "too many nodes");
      return TNET_ID_NONE;
    }

  TnetNode copy = *node;
  copy.id = intern (net, node->id);
  copy.name = intern (net, node->name);
  copy.name_en = intern (net, node->name_en);
  copy.county = intern (net, node->county);
  copy.region = intern (net, node->region);
  copy.source = intern (net, node->source);
  copy.confidence = intern (net, node->confidence);
  TnetId i = net->nodes->len;
  g_array_append_val (net->nodes, copy);
  g_hash_table_insert (net->node_index, (gpointer) copy.id, GUINT_TO_POINTER (i + 1));
  return i;
}

TnetId
tnet_network_add_link (TnetNetwork *net, const TnetLink *link, GError **error)
{
  g_return_val_if_fail (net != NULL && link != NULL, TNET_ID_NONE);
  g_return_val_if_fail (link->from < net->nodes->len && link->to < net->nodes->len,
                        TNET_ID_NONE);
  g_return_val_if_fail ((guint) link->mode < TNET_N_MODES, TNET_ID_NONE);
  g_return_val_if_fail ((guint) link->status < TNET_N_STATUSES, TNET_ID_NONE);
  g_return_val_if_fail (error == NULL || *error == NULL, TNET_ID_NONE);

  const char *id = link->id;
  if (!id || !*id)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "empty link id");
      return TNET_ID_NONE;
    }
  if (g_hash_table_contains (net->link_index, id))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "duplicate link id \"%s\"",
                   id);
      return TNET_ID_NONE;
    }
  if (!isfinite (link->length_m) || link->length_m <= 0.0 || link->length_m > MAX_LENGTH_M)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "link \"%s\": length %g m is not in (0, 10000 km]", id, link->length_m);
      return TNET_ID_NONE;
    }
  if (!isnan (link->speed_kmh) &&
      (!(link->speed_kmh > 0.0) || link->speed_kmh > MAX_SPEED_KMH))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "link \"%s\": speed %g km/h is not in (0, 1000]", id, link->speed_kmh);
      return TNET_ID_NONE;
    }
  if (link->time_ms != TNET_WEIGHT_INF && link->time_ms > MAX_TIME_MS)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "link \"%s\": time %g min is not in [0, 10000]", id,
                   tnet_weight_to_min (link->time_ms));
      return TNET_ID_NONE;
    }
  if (link->open_year < 0 || link->open_year > MAX_OPEN_YEAR)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "link \"%s\": opening year %d is not in [0, 9999]", id, link->open_year);
      return TNET_ID_NONE;
    }
  if (net->links->len >= (guint) G_MAXINT32)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_TOO_LARGE, "too many links");
      return TNET_ID_NONE;
    }

  TnetLink copy = *link;
  copy.id = intern (net, id);
  copy.line = intern (net, link->line);
  copy.road_class = intern (net, link->road_class);
  copy.source = intern (net, link->source);
  copy.confidence = intern (net, link->confidence);
  copy.oneway = link->oneway ? TRUE : FALSE;
  guint n_tags = link->tags ? g_strv_length ((char **) link->tags) : 0;
  if (n_tags == 0)
    copy.tags = empty_tags;
  else
    {
      const char **tags = g_new (const char *, n_tags + 1);
      for (guint k = 0; k < n_tags; k++)
        tags[k] = intern (net, link->tags[k]);
      tags[n_tags] = NULL;
      g_ptr_array_add (net->tag_arrays, tags);
      copy.tags = tags;
    }
  TnetId i = net->links->len;
  g_array_append_val (net->links, copy);
  g_hash_table_insert (net->link_index, (gpointer) copy.id, GUINT_TO_POINTER (i + 1));
  if (copy.line)
    g_hash_table_add (net->lines, (gpointer) copy.line);
  return i;
}

guint
tnet_network_n_nodes (const TnetNetwork *net)
{
  g_return_val_if_fail (net != NULL, 0);
  return net->nodes->len;
}

guint
tnet_network_n_links (const TnetNetwork *net)
{
  g_return_val_if_fail (net != NULL, 0);
  return net->links->len;
}

const TnetNode *
tnet_network_node (const TnetNetwork *net, TnetId i)
{
  g_return_val_if_fail (net != NULL && i < net->nodes->len, NULL);
  return &g_array_index (net->nodes, TnetNode, i);
}

const TnetLink *
tnet_network_link (const TnetNetwork *net, TnetId i)
{
  g_return_val_if_fail (net != NULL && i < net->links->len, NULL);
  return &g_array_index (net->links, TnetLink, i);
}

TnetId
tnet_network_find_node (const TnetNetwork *net, const char *id)
{
  g_return_val_if_fail (net != NULL && id != NULL, TNET_ID_NONE);
  return (TnetId) GPOINTER_TO_UINT (g_hash_table_lookup (net->node_index, id)) - 1u;
}

TnetId
tnet_network_find_link (const TnetNetwork *net, const char *id)
{
  g_return_val_if_fail (net != NULL && id != NULL, TNET_ID_NONE);
  return (TnetId) GPOINTER_TO_UINT (g_hash_table_lookup (net->link_index, id)) - 1u;
}

gboolean
tnet_network_has_line (const TnetNetwork *net, const char *line)
{
  g_return_val_if_fail (net != NULL && line != NULL, FALSE);
  return g_hash_table_contains (net->lines, line);
}

gboolean
tnet_link_has_tag (const TnetLink *link, const char *tag)
{
  g_return_val_if_fail (link != NULL && tag != NULL, FALSE);
  for (const char *const *t = link->tags; t && *t; t++)
    if (strcmp (*t, tag) == 0)
      return TRUE;
  return FALSE;
}

const char *
tnet_network_get_dir (const TnetNetwork *net)
{
  g_return_val_if_fail (net != NULL, NULL);
  return net->dir;
}

void
tnet_network_set_dir (TnetNetwork *net, const char *dir)
{
  g_return_if_fail (net != NULL);
  char *copy = g_strdup (dir);
  g_free (net->dir);
  net->dir = copy;
}

const char *
tnet_mode_to_string (TnetMode mode)
{
  g_return_val_if_fail ((guint) mode < TNET_N_MODES, NULL);
  return mode_names[mode];
}

gboolean
tnet_mode_from_string (const char *s, TnetMode *out)
{
  g_return_val_if_fail (out != NULL, FALSE);
  guint i;
  if (!tnet_i_name_index (mode_names, TNET_N_MODES, s, &i))
    return FALSE;
  *out = (TnetMode) i;
  return TRUE;
}

const char *
tnet_status_to_string (TnetStatus status)
{
  g_return_val_if_fail ((guint) status < TNET_N_STATUSES, NULL);
  return status_names[status];
}

gboolean
tnet_status_from_string (const char *s, TnetStatus *out)
{
  g_return_val_if_fail (out != NULL, FALSE);
  guint i;
  if (!tnet_i_name_index (status_names, TNET_N_STATUSES, s, &i))
    return FALSE;
  *out = (TnetStatus) i;
  return TRUE;
}

const char *
tnet_node_kind_to_string (TnetNodeKind kind)
{
  g_return_val_if_fail ((guint) kind < TNET_N_NODE_KINDS, NULL);
  return kind_names[kind];
}

gboolean
tnet_node_kind_from_string (const char *s, TnetNodeKind *out)
{
  g_return_val_if_fail (out != NULL, FALSE);
  guint i;
  if (!tnet_i_name_index (kind_names, TNET_N_NODE_KINDS, s, &i))
    return FALSE;
  *out = (TnetNodeKind) i;
  return TRUE;
}

/* Road class names as the data writes them: "I", "class I", "1", "一级". */
static int
road_class_rank (const char *c)
{
  if (!c)
    return 0;
  if (g_ascii_strcasecmp (c, "expressway") == 0)
    return -1;
  if (g_ascii_strncasecmp (c, "class ", 6) == 0)
    c += 6;
  if (g_ascii_strcasecmp (c, "I") == 0 || strcmp (c, "1") == 0 || strcmp (c, "一级") == 0)
    return 1;
  if (g_ascii_strcasecmp (c, "II") == 0 || strcmp (c, "2") == 0 || strcmp (c, "二级") == 0)
    return 2;
  return 3;
}

double
tnet_default_speed_kmh (TnetMode mode, const char *road_class)
{
  switch (mode)
    {
    case TNET_MODE_EXPRESSWAY:
      return 120.0;
    case TNET_MODE_TRUNK:
      switch (road_class_rank (road_class))
        {
        case -1: return 120.0;
        case 1: return 80.0;
        case 2: return 60.0;
        default: return 40.0;
        }
    case TNET_MODE_ROAD: return 40.0;
    case TNET_MODE_HSR: return 300.0;
    case TNET_MODE_RAIL: return 120.0;
    case TNET_MODE_SUBURBAN: return 100.0;
    case TNET_MODE_METRO: return 35.0;
    case TNET_MODE_BUS: return 30.0;
    case TNET_MODE_WALK: return 4.8;
    case TNET_MODE_ACCESS: return 30.0;
    case TNET_N_MODES:
    default:
      break;
    }
  g_return_val_if_reached (40.0);
}

gboolean
tnet_network_set_link_geometry (TnetNetwork *net, TnetId link, const double *lonlat,
                                guint n_points, GError **error)
{
  g_return_val_if_fail (net != NULL && link < net->links->len, FALSE);
  g_return_val_if_fail (lonlat != NULL || n_points == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  const char *id = g_array_index (net->links, TnetLink, link).id;
  if (n_points < 2)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "link \"%s\": a geometry needs at least 2 points, got %u", id, n_points);
      return FALSE;
    }
  for (guint i = 0; i < n_points; i++)
    if (!isfinite (lonlat[2 * i]) || !isfinite (lonlat[2 * i + 1])
        || fabs (lonlat[2 * i]) > 180 || fabs (lonlat[2 * i + 1]) > 90)
      {
        g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                     "link \"%s\": geometry point %u is not a lon/lat in range", id, i + 1);
        return FALSE;
      }
  if (net->geom_span == NULL)
    {
      net->geom_span = g_array_new (FALSE, TRUE, sizeof (GeomSpan));
      net->geom_lonlat = g_array_new (FALSE, FALSE, sizeof (double));
    }
  if (net->geom_span->len <= link)
    g_array_set_size (net->geom_span, link + 1);
  GeomSpan *span = &g_array_index (net->geom_span, GeomSpan, link);
  if (span->n == 0)
    net->n_geometries++;
  /* a replaced polyline's old points stay unused: geometries are set once
   * by importers */
  span->first = net->geom_lonlat->len / 2;
  span->n = n_points;
  g_array_append_vals (net->geom_lonlat, lonlat, 2 * n_points);
  return TRUE;
}

const double *
tnet_network_link_geometry (const TnetNetwork *net, TnetId link, guint *n_points)
{
  g_return_val_if_fail (net != NULL && link < net->links->len, NULL);
  if (n_points)
    *n_points = 0;
  if (net->geom_span == NULL || link >= net->geom_span->len)
    return NULL;
  const GeomSpan *span = &g_array_index (net->geom_span, GeomSpan, link);
  if (span->n == 0)
    return NULL;
  if (n_points)
    *n_points = span->n;
  return &g_array_index (net->geom_lonlat, double, 2 * (gsize) span->first);
}

guint
tnet_network_n_link_geometries (const TnetNetwork *net)
{
  g_return_val_if_fail (net != NULL, 0);
  return net->n_geometries;
}

/* A copy of @net that shares everything but its link records (strings,
 * indices, geometry), so that a draw of the uncertainty analysis can change
 * lengths, speeds and times without copying the rest. Free with
 * tnet_i_network_shallow_free(), before @net. */
TnetNetwork *
tnet_i_network_shallow_copy (const TnetNetwork *net)
{
  TnetNetwork *copy = g_new (TnetNetwork, 1);
  *copy = *net;
  copy->links = g_array_copy (net->links);
  return copy;
}

void
tnet_i_network_shallow_free (TnetNetwork *copy)
{
  if (!copy)
    return;
  g_array_free (copy->links, TRUE);
  g_free (copy);
}

TnetLink *
tnet_i_network_link_mutable (TnetNetwork *net, TnetId i)
{
  return &g_array_index (net->links, TnetLink, i);
}
