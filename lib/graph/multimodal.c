/* multimodal.c: route expansion of a feed and the layered graphs of the car,
 * transit and park-and-ride profiles.
 *
 * Implementation notes: the graph is assembled as an arc list and handed to
 * tnet_graph_new_from_arcs(), so the kernels see an ordinary CSR graph;
 * what each arc stands for lives in a side table (kind and link or pattern)
 * that turns a path back into legs. Legality is structural: each profile is
 * a stack of layers (car C, walk-before-riding A, walk-after-riding E) and
 * arcs only ever lead down the stack (C -> A by parking, A -> stop departure
 * nodes, stop arrival nodes -> E, A -> E without riding), so no search can
 * drive after leaving the train or board again after starting to walk
 * away. Changing vehicles goes arrival node -> departure node through
 * transfer arcs only, which is where transfers.txt and the distance rules
 * apply. Each pattern stop has an arrival and a departure node so that the
 * dwell is paid by those who stay aboard, and in-vehicle time from boarding
 * at a to alighting at b is exactly arr(b) - dep(a) of the medians.
 * Nearest-node and nearby-stop lookups use a uniform grid of cells the size
 * of the search radius (3 x 3 cells per query).
 * Zones are trip ends, never through points for their connectors (access
 * links): a zone keeps its outgoing connectors only in the layer where
 * trips start and its incoming ones only in the layer where they end; the
 * car profile, whose one layer is both, enters a zone by a connector at a
 * separate arrival node, which the zone joins by a free arc
 * (destination_node() is that arrival node). Roads through a zone node
 * stay open in every layer.
 */
#include "tnet-internal.h"
#include "graph-private.h"
#include "multimodal-private.h"

#include <stdlib.h>

void
tnet_transit_options_init (TnetTransitOptions *o)
{
  g_return_if_fail (o != NULL);
  memset (o, 0, sizeof *o);
  o->wait_factor = 0.5;
  o->max_wait_ms = 0;
  o->walk_speed_kmh = 4.8;
  o->walk_detour = 1.2;
  o->stop_radius_m = 500;
  o->transfer_radius_m = 400;
  o->walk_on_roads = TRUE;
  o->park_ms = 5 * 60000;
}

/* ------------------------------------------------------------ geometry */

/* A uniform grid over points, cells of about @cell_m metres. */
typedef struct {
  double dlat, dlon;
  GHashTable *cells;   /* gint64 key (owned) -> GArray of guint */
} Grid;

static gint64
cell_key (gint64 cy, gint64 cx)
{
  return (gint64) (((guint64) cy << 32) ^ ((guint64) cx & 0xffffffffu));
}

static void
grid_init (Grid *g, double cell_m, double mean_lat)
{
  g->dlat = MAX (cell_m, 1.0) / 111320.0;
  g->dlon = g->dlat / MAX (cos (mean_lat * G_PI / 180.0), 0.05);
  g->cells = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                    (GDestroyNotify) g_array_unref);
}

static void
grid_add (Grid *g, double lon, double lat, guint item)
{
  gint64 key = cell_key ((gint64) floor (lat / g->dlat), (gint64) floor (lon / g->dlon));
  GArray *a = g_hash_table_lookup (g->cells, &key);
  if (a == NULL)
    {
      a = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (g->cells, g_memdup2 (&key, sizeof key), a);
    }
  g_array_append_val (a, item);
}

/* The 3 x 3 cells around (lon, lat), appended to @out. */
static void
grid_near (const Grid *g, double lon, double lat, GArray *out)
{
  gint64 cy = (gint64) floor (lat / g->dlat), cx = (gint64) floor (lon / g->dlon);
  for (gint64 dy = -1; dy <= 1; dy++)
    for (gint64 dx = -1; dx <= 1; dx++)
      {
        gint64 key = cell_key (cy + dy, cx + dx);
        GArray *a = g_hash_table_lookup (g->cells, &key);
        if (a)
          g_array_append_vals (out, a->data, a->len);
      }
}

static void
grid_clear (Grid *g)
{
  g_hash_table_unref (g->cells);
}

/* The mean latitude of the stops with a finite latitude (those marked in
 * @only when it is not NULL), 0 when there is none: the grid's scale. */
static double
stops_mean_lat (const TnetFeed *feed, const gboolean *only)
{
  double mean_lat = 0;
  guint n_pts = 0;
  for (guint s = 0; s < tnet_feed_n_stops (feed); s++)
    if ((only == NULL || only[s]) && isfinite (tnet_feed_stop (feed, s)->lat))
      {
        mean_lat += tnet_feed_stop (feed, s)->lat;
        n_pts++;
      }
  return n_pts ? mean_lat / n_pts : 0;
}

/* ------------------------------------------------------------- arc list */

typedef struct {
  GArray *tails, *heads, *weights, *links, *refs;
  GByteArray *kinds;
} Arcs;

static void
arcs_add (Arcs *a, TnetId tail, TnetId head, guint64 w_ms, TnetArcKind kind, TnetId ref,
          TnetId link)
{
  TnetWeight w = (TnetWeight) MIN (w_ms, (guint64) TNET_WEIGHT_MAX);
  guint8 k = (guint8) kind;
  g_array_append_val (a->tails, tail);
  g_array_append_val (a->heads, head);
  g_array_append_val (a->weights, w);
  g_array_append_val (a->links, link);
  g_array_append_val (a->refs, ref);
  g_byte_array_append (a->kinds, &k, 1);
}


/* Roads one may walk along: every `road`-mode link, and the `trunk`-mode
 * links whose class is the OSM `primary` / `primary_link` (the OSM import
 * files primary roads under trunk; in towns they are avenues with
 * pavements, walkable by OSM's default foot access). Trunk roads proper
 * (class `trunk`, `trunk_link`, or the network CSV classes I/II/III) and
 * expressways are not walked. */
static gboolean
foot_road (const TnetLink *lk)
{
  if (lk->mode == TNET_MODE_ROAD)
    return TRUE;
  return lk->mode == TNET_MODE_TRUNK && lk->road_class
         && (strcmp (lk->road_class, "primary") == 0
             || strcmp (lk->road_class, "primary_link") == 0);
}
static guint64
walk_ms (double metres, double speed_kmh)
{
  return (guint64) llround (metres / (speed_kmh / 3.6) * 1000.0);
}

/* ------------------------------------------------------------ transfers */

typedef struct {
  int type;
  int min_s;
} Rule;

static guint64
pair_key (TnetId a, TnetId b)
{
  return ((guint64) a << 32) | b;
}

static const Rule *
rule_lookup (GHashTable *rules, TnetId a, TnetId b)
{
  guint64 k = pair_key (a, b);
  return g_hash_table_lookup (rules, &k);
}

/* ------------------------------------------------------------ building */

static TnetMode
pattern_mode (const TnetFeed *feed, const TnetFeedRoute *r, GHashTable *line_modes)
{
  const char *names[2] = { r->short_name, r->long_name };
  for (int i = 0; i < 2; i++)
    if (names[i])
      {
        gpointer m;
        if (g_hash_table_lookup_extended (line_modes, names[i], NULL, &m))
          return (TnetMode) GPOINTER_TO_UINT (m);
      }
  return r->mode;
}

static double
route_headway_factor (const TnetScenario *scen, const TnetFeedRoute *r)
{
  double f = 1.0;
  if (r->short_name)
    f = tnet_scenario_get_headway_factor (scen, r->short_name);
  if (f == 1.0 && r->long_name)
    f = tnet_scenario_get_headway_factor (scen, r->long_name);
  return f;
}

/* The boarding wait of pattern @pat: a share of its headway under the
 * scenario's factor, capped. */
static guint64
board_wait_ms (const TnetFeed *feed, const TnetPattern *pat, const TnetScenario *scen,
               const TnetTransitOptions *options)
{
  const TnetFeedRoute *r = tnet_feed_route (feed, pat->route);
  double headway = pat->headway_s * route_headway_factor (scen, r);
  double wait_ms = options->wait_factor * headway * 1000.0;
  if (options->max_wait_ms > 0)
    wait_ms = MIN (wait_ms, (double) options->max_wait_ms);
  return (guint64) llround (wait_ms);
}

/* The walk time of a walk arc over link @lk: a walk or access link at its
 * time @t_ms, a road at the walking speed. */
static guint64
walk_arc_ms (const TnetLink *lk, guint64 t_ms, const TnetTransitOptions *options)
{
  gboolean walk_link = lk->mode == TNET_MODE_WALK || lk->mode == TNET_MODE_ACCESS;
  return walk_link ? t_ms : walk_ms (lk->length_m, options->walk_speed_kmh);
}

/* transfers.txt by stop pair: pair_key (from, to) -> Rule, the last line
 * of a pair winning. */
static GHashTable *
transfer_rules (const TnetFeed *feed)
{
  GHashTable *rules = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < tnet_feed_n_transfers (feed); i++)
    {
      const TnetFeedTransfer *t = tnet_feed_transfer (feed, i);
      guint64 *k = g_new (guint64, 1);
      *k = pair_key (t->from_stop, t->to_stop);
      Rule *rule = g_new (Rule, 1);
      rule->type = t->transfer_type;
      rule->min_s = t->min_transfer_time_s;
      g_hash_table_replace (rules, k, rule);
    }
  return rules;
}

/* The rule of a change from @a to @b: the pair's own, else with either
 * end (then both) replaced by its parent station, or NULL. */
static const Rule *
pair_rule (GHashTable *rules, const TnetFeed *feed, TnetId a, TnetId b)
{
  TnetId pa = tnet_feed_stop (feed, a)->parent, pb = tnet_feed_stop (feed, b)->parent;
  const Rule *rule = rule_lookup (rules, a, b);
  if (!rule && pb != TNET_ID_NONE)
    rule = rule_lookup (rules, a, pb);
  if (!rule && pa != TNET_ID_NONE)
    rule = rule_lookup (rules, pa, b);
  if (!rule && pa != TNET_ID_NONE && pb != TNET_ID_NONE)
    rule = rule_lookup (rules, pa, pb);
  return rule;
}

/* Candidate transfer pairs, each once, in the order first proposed. */
typedef struct {
  const gboolean *boardable, *alightable;   /* [S] */
  GHashTable *seen;             /* owned guint64 pair keys of @cand */
  GArray *cand;                 /* guint64 pair keys */
} Pairs;

/* Proposes a change from stop @a to stop @b: kept when one can alight at
 * @a and board at @b. */
static void
pair_add (Pairs *pairs, TnetId a, TnetId b)
{
  guint64 pk = pair_key (a, b);
  if (pairs->alightable[a] && pairs->boardable[b] && !g_hash_table_contains (pairs->seen, &pk))
    {
      g_hash_table_add (pairs->seen, g_memdup2 (&pk, sizeof pk));
      g_array_append_val (pairs->cand, pk);
    }
}

/* A change at each stop, and between any two children of a station. */
static void
add_station_pairs (Pairs *pairs, guint S, GPtrArray *children)
{
  for (guint s = 0; s < S; s++)
    pair_add (pairs, s, s);
  for (guint par = 0; par < S; par++)
    {
      GArray *c = g_ptr_array_index (children, par);
      if (!c)
        continue;
      for (guint i = 0; i < c->len; i++)
        for (guint j = 0; j < c->len; j++)
          pair_add (pairs, g_array_index (c, TnetId, i), g_array_index (c, TnetId, j));
    }
}

/* Hub members: every pair of members of one hub. Returns stop -> hub (the
 * first hub naming the stop, or G_MAXUINT), to free, or NULL without
 * hubs. */
static guint *
add_hub_pairs (Pairs *pairs, const TnetFeed *feed, const TnetHubSet *hubs)
{
  if (!hubs)
    return NULL;
  const guint S = tnet_feed_n_stops (feed);
  guint *stop_hub = g_new (guint, S);
  for (guint s = 0; s < S; s++)
    stop_hub[s] = G_MAXUINT;
  for (guint h = 0; h < tnet_hub_set_n_hubs (hubs); h++)
    {
      const TnetHub *hub = tnet_hub_set_get (hubs, h);
      for (guint i = 0; i < hub->n_members; i++)
        {
          TnetId si = tnet_feed_find_stop (feed, hub->members[i]);
          if (si == TNET_ID_NONE || stop_hub[si] != G_MAXUINT)
            continue;
          stop_hub[si] = h;
          for (guint j = 0; j < hub->n_members; j++)
            {
              TnetId sj = tnet_feed_find_stop (feed, hub->members[j]);
              if (sj != TNET_ID_NONE)
                {
                  pair_add (pairs, si, sj);
                  pair_add (pairs, sj, si);
                }
            }
        }
    }
  return stop_hub;
}

/* The @x-th stop of @end and its children (@c, or NULL): @end first. */
static TnetId
end_stop (TnetId end, const GArray *c, guint x)
{
  return x == 0 ? end : g_array_index (c, TnetId, x - 1);
}

/* transfers.txt pairs: each end or any of its children to the other end
 * or any of its children. */
static void
add_listed_pairs (Pairs *pairs, const TnetFeed *feed, GPtrArray *children)
{
  for (guint i = 0; i < tnet_feed_n_transfers (feed); i++)
    {
      const TnetFeedTransfer *t = tnet_feed_transfer (feed, i);
      const GArray *c0 = g_ptr_array_index (children, t->from_stop);
      const GArray *c1 = g_ptr_array_index (children, t->to_stop);
      guint n0 = 1 + (c0 ? c0->len : 0), n1 = 1 + (c1 ? c1->len : 0);
      for (guint x = 0; x < n0; x++)
        for (guint y = 0; y < n1; y++)
          pair_add (pairs, end_stop (t->from_stop, c0, x), end_stop (t->to_stop, c1, y));
    }
}

/* Stops within the transfer radius: from each stop one may alight at to
 * each one may board at. */
static void
add_nearby_pairs (Pairs *pairs, const TnetFeed *feed, double radius_m)
{
  const guint S = tnet_feed_n_stops (feed);
  Grid grid;
  grid_init (&grid, radius_m, stops_mean_lat (feed, pairs->boardable));
  for (guint s = 0; s < S; s++)
    if (pairs->boardable[s] && isfinite (tnet_feed_stop (feed, s)->lat))
      grid_add (&grid, tnet_feed_stop (feed, s)->lon, tnet_feed_stop (feed, s)->lat, s);
  GArray *near = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint s = 0; s < S; s++)
    {
      const TnetFeedStop *a = tnet_feed_stop (feed, s);
      if (!pairs->alightable[s] || !isfinite (a->lat))
        continue;
      g_array_set_size (near, 0);
      grid_near (&grid, a->lon, a->lat, near);
      for (guint k = 0; k < near->len; k++)
        {
          guint t = g_array_index (near, guint, k);
          const TnetFeedStop *b = tnet_feed_stop (feed, t);
          if (tnet_i_haversine_m (a->lon, a->lat, b->lon, b->lat) <= radius_m)
            pair_add (pairs, s, t);
        }
    }
  g_array_unref (near);
  grid_clear (&grid);
}

/* The time of a change from stop @a to stop @b under @rule (or NULL): the
 * rule's minimum for type 2, else the hub's walk between members of one
 * hub, else nothing at one stop, else the detour walk, at least the
 * rule's minimum. */
static guint64
transfer_ms (const TnetFeed *feed, const TnetScenario *scen, const TnetTransitOptions *options,
             const guint *stop_hub, const Rule *rule, TnetId a, TnetId b)
{
  TnetWeight hub_ms = TNET_WEIGHT_INF;
  if (!rule && stop_hub && stop_hub[a] != G_MAXUINT && stop_hub[a] == stop_hub[b])
    hub_ms = tnet_hub_set_walk_ms (options->hubs, stop_hub[a], tnet_feed_stop (feed, a)->id,
                                   tnet_feed_stop (feed, b)->id, tnet_scenario_get_year (scen));
  if (rule && rule->type == 2)
    return (guint64) rule->min_s * 1000;
  if (hub_ms != TNET_WEIGHT_INF)
    return hub_ms;
  if (a == b)
    return rule && rule->min_s > 0 ? (guint64) rule->min_s * 1000 : 0;
  const TnetFeedStop *sa = tnet_feed_stop (feed, a), *sb = tnet_feed_stop (feed, b);
  double d = isfinite (sa->lat) && isfinite (sb->lat)
             ? tnet_i_haversine_m (sa->lon, sa->lat, sb->lon, sb->lat) : 0;
  guint64 w = walk_ms (d * options->walk_detour, options->walk_speed_kmh);
  if (rule && rule->min_s > 0)
    w = MAX (w, (guint64) rule->min_s * 1000);
  return w;
}

/* Transfers: arrival node of a -> departure node of b, for the stop pairs
 * that a change at a stop, a station's children, a hub's members,
 * transfers.txt and the transfer radius give (transfers.txt type 3
 * forbids a pair). */
static void
add_transfers (TnetMultimodal *mm, Arcs *arcs, const TnetFeed *feed, const TnetScenario *scen,
               const TnetTransitOptions *options, const gboolean *boardable,
               const gboolean *alightable, guint64 dep_base, guint64 arr_base)
{
  GHashTable *rules = transfer_rules (feed);
  Pairs pairs = {
    boardable, alightable, g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL),
    g_array_new (FALSE, FALSE, sizeof (guint64)),
  };
  GPtrArray *children = tnet_i_feed_station_children (feed);
  add_station_pairs (&pairs, tnet_feed_n_stops (feed), children);
  guint *stop_hub = add_hub_pairs (&pairs, feed, options->hubs);
  add_listed_pairs (&pairs, feed, children);
  if (options->transfer_radius_m > 0)
    add_nearby_pairs (&pairs, feed, options->transfer_radius_m);
  for (guint i = 0; i < pairs.cand->len; i++)
    {
      guint64 pk = g_array_index (pairs.cand, guint64, i);
      TnetId a = (TnetId) (pk >> 32), b = (TnetId) (pk & 0xffffffffu);
      const Rule *rule = pair_rule (rules, feed, a, b);
      if (rule && rule->type == 3)
        continue;
      guint64 w = transfer_ms (feed, scen, options, stop_hub, rule, a, b);
      arcs_add (arcs, arr_base + a, dep_base + b, w, TNET_ARC_TRANSFER, TNET_ID_NONE,
                TNET_ID_NONE);
      mm->stats.n_transfer_arcs++;
    }
  g_free (stop_hub);
  g_array_unref (pairs.cand);
  g_hash_table_unref (pairs.seen);
  g_ptr_array_unref (children);
  g_hash_table_unref (rules);
}

/* The state of one tnet_multimodal_build(): its inputs, the layout of the
 * graph's nodes, and the tables its steps hand on to each other. */
typedef struct {
  const TnetNetwork *net;
  const TnetScenario *scen;
  const TnetFeed *feed;
  TnetProfile profile;
  const TnetTransitOptions *options;
  TnetMultimodal *mm;
  guint N, L, S, P;             /* network nodes and links, feed stops and patterns
                                 * (S = P = 0 without transit) */
  gboolean has_car, has_transit;
  guint64 n_layers;             /* 1 (car), 2 (transit) or 3 (park and ride) */
  guint64 c_base, a_base, e_base;   /* first node of the car, walk-before and
                                     * walk-after layers */
  guint64 dep_base, arr_base;   /* stop departure and arrival nodes */
  guint64 route_base;           /* first pattern stop node, two per pattern stop */
  guint64 n_nodes;              /* every graph node, zone arrival nodes included */
  gboolean *zone;               /* [N] the node is a zone */
  double *lonlat;               /* [2 n_nodes] coordinates of every graph node */
  GHashTable *line_modes;       /* line (in mm->strings) -> GUINT (TnetMode) of its
                                 * first transit link */
  Arcs arcs;
  gboolean *walkable;           /* [N] a walk link or a foot road touches the node */
  TnetId *stop_node;            /* [S] network node a stop hangs on, or TNET_ID_NONE */
  gboolean *served;             /* [S] some pattern calls at the stop */
  gboolean *boardable;          /* [S] some pattern boards there */
  gboolean *alightable;         /* [S] some pattern alights there */
} Build;

/* The node layout of the profile: its layers, then stop departure and
 * arrival nodes, pattern stop nodes and (car) zone arrival nodes. */
static gboolean
build_layout (Build *b, GError **error)
{
  TnetMultimodal *mm = b->mm;
  const guint N = b->N;
  switch (b->profile)
    {
    case TNET_PROFILE_CAR:
      mm->origin_base = mm->dest_base = 0;
      break;
    case TNET_PROFILE_TRANSIT:
      b->a_base = 0;
      b->e_base = N;
      mm->origin_base = 0;
      mm->dest_base = N;
      break;
    case TNET_PROFILE_PARK_AND_RIDE:
    case TNET_N_PROFILES:
    default:
      b->c_base = 0;
      b->a_base = N;
      b->e_base = 2 * (guint64) N;
      mm->origin_base = 0;
      mm->dest_base = 2 * N;
      break;
    }
  b->n_layers = b->profile == TNET_PROFILE_CAR ? 1 : b->profile == TNET_PROFILE_TRANSIT ? 2 : 3;
  b->dep_base = b->n_layers * N;
  b->arr_base = b->dep_base + b->S;
  b->route_base = b->arr_base + b->S;
  b->n_nodes = b->route_base;
  for (guint p = 0; p < b->P; p++)
    b->n_nodes += 2 * (guint64) tnet_feed_pattern (b->feed, p)->n_stops;
  /* zones: in the car profile, arrival nodes after everything else */
  b->zone = g_new0 (gboolean, MAX (N, 1));
  for (guint v = 0; v < N; v++)
    b->zone[v] = tnet_network_node (b->net, v)->kind == TNET_NODE_ZONE;
  if (b->profile == TNET_PROFILE_CAR)
    {
      mm->zone_arrival = g_new (TnetId, MAX (N, 1));
      for (guint v = 0; v < N; v++)
        mm->zone_arrival[v] = b->zone[v] ? (TnetId) b->n_nodes++ : TNET_ID_NONE;
    }
  if (b->n_nodes >= G_MAXINT32)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_TOO_LARGE,
                   "the %s graph would have %" G_GUINT64_FORMAT " nodes, more than 2^31",
                   tnet_profile_to_string (b->profile), b->n_nodes);
      return FALSE;
    }
  mm->dep_base = b->S ? (guint) b->dep_base : TNET_ID_NONE;
  mm->arr_base = b->S ? (guint) b->arr_base : TNET_ID_NONE;
  return TRUE;
}

/* Labels and coordinates of the network nodes in every layer, the zone
 * arrival nodes and the stop nodes (pattern stop nodes: add_pattern_arcs). */
static void
label_nodes (Build *b)
{
  TnetMultimodal *mm = b->mm;
  const guint N = b->N;
  double *lonlat = b->lonlat;
  for (guint v = 0; v < N; v++)
    {
      const TnetNode *node = tnet_network_node (b->net, v);
      const char *id = g_string_chunk_insert_const (mm->strings, node->id);
      for (guint64 l = 0; l < b->n_layers; l++)
        {
          mm->node_label[l * N + v] = id;
          lonlat[2 * (l * N + v)] = node->lon;
          lonlat[2 * (l * N + v) + 1] = node->lat;
        }
    }
  for (guint v = 0; mm->zone_arrival && v < N; v++)
    if (mm->zone_arrival[v] != TNET_ID_NONE)
      {
        guint64 z = mm->zone_arrival[v];
        mm->node_label[z] = mm->node_label[v];
        lonlat[2 * z] = lonlat[2 * v];
        lonlat[2 * z + 1] = lonlat[2 * v + 1];
      }
  for (guint s = 0; s < b->S; s++)
    {
      const TnetFeedStop *st = tnet_feed_stop (b->feed, s);
      const char *id = g_string_chunk_insert_const (mm->strings, st->id);
      double lon = isfinite (st->lon) ? st->lon : 0, lat = isfinite (st->lat) ? st->lat : 0;
      guint64 d = b->dep_base + s, a = b->arr_base + s;
      mm->node_label[d] = mm->node_label[a] = id;
      lonlat[2 * d] = lonlat[2 * a] = lon;
      lonlat[2 * d + 1] = lonlat[2 * a + 1] = lat;
    }
}

/* The drive arcs of road or access link @i (time @t), both ways unless
 * one-way; an access link into a zone ends at its arrival node (car) or
 * not at all (park and ride never ends a trip in the car layer). */
static void
add_drive_arcs (Build *b, const TnetLink *lk, guint i, TnetWeight t)
{
  for (int dir = 0; dir < (lk->oneway ? 1 : 2); dir++)
    {
      TnetId from = dir ? lk->to : lk->from, to = dir ? lk->from : lk->to;
      guint64 head = b->c_base + to;
      if (b->zone[to] && lk->mode == TNET_MODE_ACCESS)
        {
          if (b->profile != TNET_PROFILE_CAR)
            continue;
          head = b->mm->zone_arrival[to];
        }
      arcs_add (&b->arcs, b->c_base + from, head, t, TNET_ARC_DRIVE, i, i);
    }
}

/* The walk arcs of link @i (time @t) in the walk-before and walk-after
 * layers, when it is a walk or access link or a road one may walk along,
 * and the nodes stops may hang on. */
static void
add_walk_arcs (Build *b, const TnetLink *lk, guint i, TnetWeight t)
{
  const TnetTransitOptions *options = b->options;
  gboolean walk_link = lk->mode == TNET_MODE_WALK || lk->mode == TNET_MODE_ACCESS;
  gboolean road_walk = options->walk_on_roads && foot_road (lk);
  if (!walk_link && !road_walk)
    return;
  guint64 w = walk_arc_ms (lk, t, options);
  gboolean both = road_walk || !lk->oneway;
  guint64 bases[2] = { b->a_base, b->e_base };
  for (int l = 0; l < 2; l++)
    for (int dir = 0; dir < (both ? 2 : 1); dir++)
      {
        TnetId from = dir ? lk->to : lk->from, to = dir ? lk->from : lk->to;
        /* walk-before-riding layer: a zone may be left only where trips
         * start (transit); walk-after-riding layer: a zone may only be
         * entered */
        if (lk->mode == TNET_MODE_ACCESS)
          {
            if (l == 0 && (b->zone[to]
                           || (b->zone[from] && b->profile != TNET_PROFILE_TRANSIT)))
              continue;
            if (l == 1 && b->zone[from])
              continue;
          }
        arcs_add (&b->arcs, bases[l] + from, bases[l] + to, w, TNET_ARC_WALK, i, i);
      }
  if (foot_road (lk) || lk->mode == TNET_MODE_WALK)
    b->walkable[lk->from] = b->walkable[lk->to] = TRUE;
}

/* Network links: their lines and modes, the line modes patterns take
 * theirs from, and the drive and walk arcs of the active ones. */
static void
add_link_arcs (Build *b)
{
  TnetMultimodal *mm = b->mm;
  const guint road_mask = TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS);
  const guint transit_mask = TNET_MODES_RAIL | TNET_MODE_BIT (TNET_MODE_METRO)
                             | TNET_MODE_BIT (TNET_MODE_BUS);
  for (guint i = 0; i < b->L; i++)
    {
      const TnetLink *lk = tnet_network_link (b->net, i);
      mm->link_line[i] = lk->line ? g_string_chunk_insert_const (mm->strings, lk->line) : NULL;
      mm->link_mode[i] = (guint8) lk->mode;
      guint bit = TNET_MODE_BIT (lk->mode);
      if ((bit & transit_mask) && lk->line && *lk->line
          && !g_hash_table_contains (b->line_modes, lk->line))
        g_hash_table_insert (b->line_modes, (char *) mm->link_line[i],
                             GUINT_TO_POINTER (lk->mode));
      if (!tnet_scenario_link_active (b->scen, b->net, i))
        continue;
      TnetWeight t = tnet_scenario_link_time_ms (b->scen, b->net, i);
      if (b->has_car && (bit & road_mask))
        add_drive_arcs (b, lk, i, t);
      if (b->has_transit)
        add_walk_arcs (b, lk, i, t);
    }
}

/* Free arcs between layers: a zone to its arrival node (car), and each
 * node's walk-before to its walk-after copy (walking without riding). */
static void
add_layer_arcs (Build *b)
{
  TnetMultimodal *mm = b->mm;
  for (guint v = 0; mm->zone_arrival && v < b->N; v++)
    if (mm->zone_arrival[v] != TNET_ID_NONE)
      arcs_add (&b->arcs, v, mm->zone_arrival[v], 0, TNET_ARC_LAYER, TNET_ID_NONE,
                TNET_ID_NONE);
  if (b->has_transit)
    for (guint v = 0; v < b->N; v++)
      arcs_add (&b->arcs, b->a_base + v, b->e_base + v, 0, TNET_ARC_LAYER, TNET_ID_NONE,
                TNET_ID_NONE);
}

/* The walkable node nearest to (lon, lat) within the stop radius, the
 * lower id on a tie, or TNET_ID_NONE; its distance in @best. */
static TnetId
nearest_walkable (const Build *b, const Grid *grid, GArray *near, double lon, double lat,
                  double *best)
{
  TnetId v = TNET_ID_NONE;
  g_array_set_size (near, 0);
  grid_near (grid, lon, lat, near);
  *best = INFINITY;
  for (guint k = 0; k < near->len; k++)
    {
      guint u = g_array_index (near, guint, k);
      const TnetNode *n = tnet_network_node (b->net, u);
      double d = tnet_i_haversine_m (lon, lat, n->lon, n->lat);
      if (d <= b->options->stop_radius_m && (d < *best || (d == *best && u < v)))
        {
          *best = d;
          v = u;
        }
    }
  return v;
}

/* Stop @s: on the network node of its id, or hung on the nearest walkable
 * node, by access arcs both ways; and station arcs to its parent. */
static void
attach_stop (Build *b, const Grid *grid, GArray *near, guint s)
{
  TnetMultimodal *mm = b->mm;
  const TnetFeedStop *st = tnet_feed_stop (b->feed, s);
  TnetId v = tnet_network_find_node (b->net, st->id);
  guint64 w = 0;
  b->stop_node[s] = TNET_ID_NONE;
  if (v != TNET_ID_NONE)
    {
      b->stop_node[s] = v;
      if (b->served[s])
        mm->stats.n_stops_matched++;
    }
  else if (isfinite (st->lat))
    {
      double best;
      v = nearest_walkable (b, grid, near, st->lon, st->lat, &best);
      if (v != TNET_ID_NONE)
        {
          b->stop_node[s] = v;
          w = walk_ms (best * b->options->walk_detour, b->options->walk_speed_kmh);
          if (b->served[s])
            mm->stats.n_stops_linked++;
        }
    }
  if (v == TNET_ID_NONE)
    {
      /* a served stop with a parent station is reachable through it when
       * that is linked: counted by hang_stops() */
      if (b->served[s] && st->parent == TNET_ID_NONE)
        mm->stats.n_stops_unlinked++;
    }
  else
    {
      arcs_add (&b->arcs, b->a_base + v, b->dep_base + s, w, TNET_ARC_ACCESS, TNET_ID_NONE,
                TNET_ID_NONE);
      arcs_add (&b->arcs, b->arr_base + s, b->e_base + v, w, TNET_ARC_ACCESS, TNET_ID_NONE,
                TNET_ID_NONE);
    }
  if (st->parent != TNET_ID_NONE)
    {
      arcs_add (&b->arcs, b->dep_base + st->parent, b->dep_base + s, 0, TNET_ARC_STATION,
                TNET_ID_NONE, TNET_ID_NONE);
      arcs_add (&b->arcs, b->arr_base + s, b->arr_base + st->parent, 0, TNET_ARC_STATION,
                TNET_ID_NONE, TNET_ID_NONE);
    }
}

/* Stops: which patterns serve, where each hangs on the network, and the
 * served stops reachable neither directly nor through their station. */
static void
hang_stops (Build *b)
{
  const guint S = b->S;
  b->stop_node = g_new (TnetId, MAX (S, 1));
  b->served = g_new0 (gboolean, MAX (S, 1));
  for (guint p = 0; p < b->P; p++)
    {
      const TnetPattern *pat = tnet_feed_pattern (b->feed, p);
      for (guint k = 0; k < pat->n_stops; k++)
        b->served[pat->stops[k]] = TRUE;
    }
  if (!S)
    return;
  Grid grid;
  grid_init (&grid, b->options->stop_radius_m, stops_mean_lat (b->feed, NULL));
  for (guint v = 0; v < b->N; v++)
    if (b->walkable[v])
      grid_add (&grid, tnet_network_node (b->net, v)->lon, tnet_network_node (b->net, v)->lat,
                v);
  GArray *near = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint s = 0; s < S; s++)
    attach_stop (b, &grid, near, s);
  for (guint s = 0; s < S; s++)
    {
      const TnetFeedStop *st = tnet_feed_stop (b->feed, s);
      if (b->served[s] && b->stop_node[s] == TNET_ID_NONE && st->parent != TNET_ID_NONE
          && b->stop_node[st->parent] == TNET_ID_NONE)
        b->mm->stats.n_stops_unlinked++;
    }
  g_array_unref (near);
  grid_clear (&grid);
}

/* Park and ride: park at a station node (kind station, or the node a
 * station-like stop hangs on). */
static void
add_park_arcs (Build *b)
{
  const guint N = b->N;
  gboolean *park = g_new0 (gboolean, MAX (N, 1));
  for (guint v = 0; v < N; v++)
    park[v] = tnet_network_node (b->net, v)->kind == TNET_NODE_STATION;
  for (guint s = 0; s < b->S; s++)
    {
      const TnetFeedStop *st = tnet_feed_stop (b->feed, s);
      if (b->stop_node[s] != TNET_ID_NONE
          && (st->location_type == 1 || st->parent != TNET_ID_NONE))
        park[b->stop_node[s]] = TRUE;
    }
  guint64 park_ms = b->options->park_ms;
  for (guint v = 0; v < N; v++)
    if (park[v])
      arcs_add (&b->arcs, b->c_base + v, b->a_base + v, park_ms, TNET_ARC_PARK, TNET_ID_NONE,
                TNET_ID_NONE);
  g_free (park);
}

/* Pattern @p, whose stop nodes start at @rb: boarding, riding, dwelling,
 * alighting; its line and mode. */
static void
add_pattern_arcs (Build *b, guint p, guint64 rb)
{
  TnetMultimodal *mm = b->mm;
  const TnetPattern *pat = tnet_feed_pattern (b->feed, p);
  const TnetFeedRoute *r = tnet_feed_route (b->feed, pat->route);
  const guint64 dep_base = b->dep_base;
  double *lonlat = b->lonlat;
  mm->pattern_line[p] = g_string_chunk_insert_const (mm->strings,
                                                      tnet_feed_route_name (b->feed, pat->route));
  mm->pattern_mode[p] = (guint8) pattern_mode (b->feed, r, b->line_modes);
  guint64 wait_ms = board_wait_ms (b->feed, pat, b->scen, b->options);
  guint n = pat->n_stops;
  for (guint k = 0; k < n; k++)
    {
      TnetId s = pat->stops[k];
      guint64 r_arr = rb + 2 * k, r_dep = r_arr + 1;
      mm->node_label[r_arr] = mm->node_label[r_dep] = mm->node_label[dep_base + s];
      for (int c = 0; c < 2; c++)
        {
          lonlat[2 * (r_arr + c)] = lonlat[2 * (dep_base + s)];
          lonlat[2 * (r_arr + c) + 1] = lonlat[2 * (dep_base + s) + 1];
        }
      if (k + 1 < n && pat->can_board[k])
        {
          arcs_add (&b->arcs, dep_base + s, r_dep, wait_ms, TNET_ARC_BOARD, p, TNET_ID_NONE);
          b->boardable[s] = TRUE;
        }
      if (k > 0 && k + 1 < n)
        arcs_add (&b->arcs, r_arr, r_dep, (guint64) pat->dwell_s[k] * 1000, TNET_ARC_DWELL, p,
                  TNET_ID_NONE);
      if (k + 1 < n)
        arcs_add (&b->arcs, r_dep, r_arr + 2, (guint64) pat->run_s[k] * 1000, TNET_ARC_RIDE, p,
                  TNET_ID_NONE);
      if (k > 0 && pat->can_alight[k])
        {
          arcs_add (&b->arcs, r_arr, b->arr_base + s, 0, TNET_ARC_ALIGHT, p, TNET_ID_NONE);
          b->alightable[s] = TRUE;
        }
    }
}

/* The graph and metric of the arc list; the arc kinds and references pass
 * to @mm, the other build tables are freed. */
static gboolean
build_graph (Build *b, GError **error)
{
  TnetMultimodal *mm = b->mm;
  guint n_arcs = b->arcs.tails->len;
  GError *local = NULL;
  if (n_arcs >= G_MAXINT32)
    g_set_error (&local, TNET_ERROR, TNET_ERROR_TOO_LARGE,
                 "the %s graph would have %u arcs, more than 2^31",
                 tnet_profile_to_string (b->profile), n_arcs);
  else
    mm->graph = tnet_graph_new_from_arcs ((guint) b->n_nodes, n_arcs,
                                          (const TnetId *) b->arcs.tails->data,
                                          (const TnetId *) b->arcs.heads->data,
                                          (const TnetId *) b->arcs.links->data, b->lonlat,
                                          &local);
  if (mm->graph)
    mm->metric = tnet_metric_new (mm->graph, (const TnetWeight *) b->arcs.weights->data,
                                  &local);
  mm->arc_kind = g_byte_array_free (b->arcs.kinds, FALSE);
  mm->arc_ref = (TnetId *) (void *) g_array_free (b->arcs.refs, FALSE);
  g_array_unref (b->arcs.tails);
  g_array_unref (b->arcs.heads);
  g_array_unref (b->arcs.weights);
  g_array_unref (b->arcs.links);
  g_free (b->lonlat);
  g_free (b->walkable);
  g_free (b->zone);
  g_free (b->stop_node);
  g_free (b->served);
  g_free (b->boardable);
  g_free (b->alightable);
  g_hash_table_unref (b->line_modes);
  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  mm->stats.n_nodes = (guint) b->n_nodes;
  mm->stats.n_arcs = n_arcs;
  return TRUE;
}

/* Places by id: network nodes first, then the stops no node shares an id
 * with. */
static void
index_places (TnetMultimodal *mm, guint N, guint S, guint64 dep_base)
{
  mm->places = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint v = 0; v < N; v++)
    g_hash_table_insert (mm->places, (char *) mm->node_label[v], GUINT_TO_POINTER (v + 1));
  for (guint s = 0; s < S; s++)
    if (!g_hash_table_contains (mm->places, mm->node_label[dep_base + s]))
      g_hash_table_insert (mm->places, (char *) mm->node_label[dep_base + s],
                           GUINT_TO_POINTER (N + s + 1));
}

TnetMultimodal *
tnet_multimodal_build (const TnetNetwork *net, const TnetScenario *scen,
                       const TnetFeed *feed, TnetProfile profile,
                       const TnetTransitOptions *options, GError **error)
{
  g_return_val_if_fail (net != NULL && scen != NULL, NULL);
  g_return_val_if_fail (profile < TNET_N_PROFILES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  TnetTransitOptions dflt;
  if (options == NULL)
    {
      tnet_transit_options_init (&dflt);
      options = &dflt;
    }
  if (!tnet_scenario_validate (scen, net, error))
    return NULL;

  Build b = { .net = net, .scen = scen, .feed = feed, .profile = profile, .options = options };
  b.N = tnet_network_n_nodes (net);
  b.L = tnet_network_n_links (net);
  b.has_car = profile != TNET_PROFILE_TRANSIT;
  b.has_transit = profile != TNET_PROFILE_CAR;
  b.S = b.has_transit && feed ? tnet_feed_n_stops (feed) : 0;
  b.P = b.has_transit && feed ? tnet_feed_n_patterns (feed) : 0;

  TnetMultimodal *mm = b.mm = g_new0 (TnetMultimodal, 1);
  mm->ref_count = 1;
  g_mutex_init (&mm->cache.lock);
  mm->profile = profile;
  mm->n_net = b.N;
  mm->n_stops = b.S;
  mm->options = *options;
  mm->strings = g_string_chunk_new (4096);
  if (!build_layout (&b, error))
    {
      g_free (b.zone);
      tnet_multimodal_unref (mm);
      return NULL;
    }

  mm->node_label = g_new0 (const char *, b.n_nodes);
  b.lonlat = g_new0 (double, 2 * b.n_nodes);
  label_nodes (&b);

  mm->link_line = g_new0 (const char *, MAX (b.L, 1));
  mm->link_mode = g_new0 (guint8, MAX (b.L, 1));
  b.line_modes = g_hash_table_new (g_str_hash, g_str_equal);
  b.arcs = (Arcs) {
    g_array_new (FALSE, FALSE, sizeof (TnetId)), g_array_new (FALSE, FALSE, sizeof (TnetId)),
    g_array_new (FALSE, FALSE, sizeof (TnetWeight)), g_array_new (FALSE, FALSE, sizeof (TnetId)),
    g_array_new (FALSE, FALSE, sizeof (TnetId)), g_byte_array_new (),
  };
  b.walkable = g_new0 (gboolean, MAX (b.N, 1));
  add_link_arcs (&b);
  add_layer_arcs (&b);
  hang_stops (&b);
  if (profile == TNET_PROFILE_PARK_AND_RIDE)
    add_park_arcs (&b);

  mm->n_patterns = b.P;
  mm->pattern_line = g_new0 (const char *, MAX (b.P, 1));
  mm->pattern_mode = g_new0 (guint8, MAX (b.P, 1));
  b.boardable = g_new0 (gboolean, MAX (b.S, 1));
  b.alightable = g_new0 (gboolean, MAX (b.S, 1));
  guint64 rb = b.route_base;
  for (guint p = 0; p < b.P; p++)
    {
      add_pattern_arcs (&b, p, rb);
      rb += 2 * (guint64) tnet_feed_pattern (feed, p)->n_stops;
    }
  if (b.S && b.P)
    add_transfers (mm, &b.arcs, feed, scen, options, b.boardable, b.alightable, b.dep_base,
                   b.arr_base);

  if (!build_graph (&b, error))
    {
      tnet_multimodal_unref (mm);
      return NULL;
    }
  index_places (mm, b.N, b.S, b.dep_base);
  mm->stats.n_patterns = b.P;
  return mm;
}

void
tnet_i_multimodal_reweight (TnetMultimodal *mm, const TnetNetwork *net,
                            const TnetScenario *scen, const TnetFeed *feed)
{
  g_return_if_fail (mm != NULL && net != NULL && scen != NULL);
  guint m = tnet_graph_n_arcs (mm->graph);
  g_autofree guint64 *wait = g_new0 (guint64, MAX (mm->n_patterns, 1));
  for (guint p = 0; feed && p < mm->n_patterns; p++)
    wait[p] = board_wait_ms (feed, tnet_feed_pattern (feed, p), scen, &mm->options);
  g_autofree TnetWeight *w = g_new (TnetWeight, MAX (m, 1));
  for (guint a = 0; a < m; a++)
    {
      TnetId ref = mm->arc_ref[a];
      guint64 ms;
      switch (mm->arc_kind[a])
        {
        case TNET_ARC_DRIVE:
          ms = tnet_scenario_link_time_ms (scen, net, ref);
          break;
        case TNET_ARC_WALK:
          ms = walk_arc_ms (tnet_network_link (net, ref),
                            tnet_scenario_link_time_ms (scen, net, ref), &mm->options);
          break;
        case TNET_ARC_BOARD:
          ms = feed ? wait[ref] : tnet_metric_weight (mm->metric, a);
          break;
        default:
          ms = tnet_metric_weight (mm->metric, a);
          break;
        }
      w[a] = (TnetWeight) MIN (ms, (guint64) TNET_WEIGHT_MAX);
    }
  /* a new metric: whoever still holds the old one keeps its weights */
  TnetMetric *metric = tnet_metric_new (mm->graph, w, NULL);
  tnet_metric_unref (mm->metric);
  mm->metric = metric;
  g_mutex_lock (&mm->cache.lock);
  g_clear_pointer (&mm->cache.ch, mm->cache.ch_destroy);
  g_mutex_unlock (&mm->cache.lock);
}

void
tnet_i_multimodal_view (const TnetMultimodal *mm, TnetIMultimodal *view)
{
  *view = (TnetIMultimodal) {
    .profile = mm->profile, .graph = mm->graph, .metric = mm->metric,
    .n_net = mm->n_net, .origin_base = mm->origin_base, .dest_base = mm->dest_base,
    .zone_arrival = mm->zone_arrival, .n_stops = mm->n_stops,
    .arc_kind = mm->arc_kind, .arc_ref = mm->arc_ref, .node_label = mm->node_label,
    .link_line = mm->link_line, .link_mode = mm->link_mode,
    .n_patterns = mm->n_patterns, .pattern_line = mm->pattern_line,
    .pattern_mode = mm->pattern_mode,
  };
}

TnetIMultimodalCache *
tnet_i_multimodal_cache (TnetMultimodal *mm)
{
  return &mm->cache;
}

TnetMultimodal *
tnet_multimodal_ref (TnetMultimodal *mm)
{
  g_return_val_if_fail (mm != NULL, NULL);
  g_atomic_int_inc (&mm->ref_count);
  return mm;
}

void
tnet_multimodal_unref (TnetMultimodal *mm)
{
  if (mm == NULL || !g_atomic_int_dec_and_test (&mm->ref_count))
    return;
  if (mm->cache.ch)
    mm->cache.ch_destroy (mm->cache.ch);
  if (mm->cache.cch)
    mm->cache.cch_destroy (mm->cache.cch);
  if (mm->cache.base)
    tnet_multimodal_unref (mm->cache.base);
  g_free (mm->cache.base_arc);
  g_mutex_clear (&mm->cache.lock);
  if (mm->metric)
    tnet_metric_unref (mm->metric);
  if (mm->graph)
    tnet_graph_unref (mm->graph);
  g_free (mm->zone_arrival);
  g_free (mm->arc_kind);
  g_free (mm->arc_ref);
  g_free (mm->node_label);
  g_free (mm->link_line);
  g_free (mm->link_mode);
  g_free (mm->pattern_line);
  g_free (mm->pattern_mode);
  if (mm->places)
    g_hash_table_unref (mm->places);
  g_string_chunk_free (mm->strings);
  g_free (mm);
}

TnetProfile
tnet_multimodal_get_profile (const TnetMultimodal *mm)
{
  g_return_val_if_fail (mm != NULL, TNET_PROFILE_CAR);
  return mm->profile;
}

const TnetGraph *
tnet_multimodal_get_graph (const TnetMultimodal *mm)
{
  g_return_val_if_fail (mm != NULL, NULL);
  return mm->graph;
}

const TnetMetric *
tnet_multimodal_get_metric (const TnetMultimodal *mm)
{
  g_return_val_if_fail (mm != NULL, NULL);
  return mm->metric;
}

TnetId
tnet_multimodal_origin_node (const TnetMultimodal *mm, TnetId net_node)
{
  g_return_val_if_fail (mm != NULL && net_node < mm->n_net, TNET_ID_NONE);
  return mm->origin_base + net_node;
}

TnetId
tnet_multimodal_destination_node (const TnetMultimodal *mm, TnetId net_node)
{
  g_return_val_if_fail (mm != NULL && net_node < mm->n_net, TNET_ID_NONE);
  if (mm->zone_arrival && mm->zone_arrival[net_node] != TNET_ID_NONE)
    return mm->zone_arrival[net_node];
  return mm->dest_base + net_node;
}

TnetId
tnet_multimodal_stop_origin_node (const TnetMultimodal *mm, TnetId stop)
{
  g_return_val_if_fail (mm != NULL, TNET_ID_NONE);
  return stop < mm->n_stops ? mm->dep_base + stop : TNET_ID_NONE;
}

TnetId
tnet_multimodal_stop_destination_node (const TnetMultimodal *mm, TnetId stop)
{
  g_return_val_if_fail (mm != NULL, TNET_ID_NONE);
  return stop < mm->n_stops ? mm->arr_base + stop : TNET_ID_NONE;
}

gboolean
tnet_multimodal_find_place (const TnetMultimodal *mm, const char *id, TnetId *origin,
                            TnetId *destination, GError **error)
{
  g_return_val_if_fail (mm != NULL && id != NULL, FALSE);
  guint k = GPOINTER_TO_UINT (g_hash_table_lookup (mm->places, id));
  if (k == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                   "no node or stop with id '%s'", id);
      return FALSE;
    }
  k--;
  TnetId o, d;
  if (k < mm->n_net)
    {
      o = tnet_multimodal_origin_node (mm, k);
      d = tnet_multimodal_destination_node (mm, k);
    }
  else
    {
      o = mm->dep_base + (k - mm->n_net);
      d = mm->arr_base + (k - mm->n_net);
    }
  if (origin)
    *origin = o;
  if (destination)
    *destination = d;
  return TRUE;
}

TnetArcKind
tnet_multimodal_arc_kind (const TnetMultimodal *mm, TnetId arc)
{
  g_return_val_if_fail (mm != NULL && arc < tnet_graph_n_arcs (mm->graph), TNET_N_ARC_KINDS);
  return (TnetArcKind) mm->arc_kind[arc];
}

const char *
tnet_multimodal_arc_line (const TnetMultimodal *mm, TnetId arc)
{
  g_return_val_if_fail (mm != NULL && arc < tnet_graph_n_arcs (mm->graph), NULL);
  TnetId ref = mm->arc_ref[arc];
  const char *line = NULL;
  switch ((TnetArcKind) mm->arc_kind[arc])
    {
    case TNET_ARC_DRIVE:
    case TNET_ARC_WALK:
      line = ref != TNET_ID_NONE ? mm->link_line[ref] : NULL;
      break;
    case TNET_ARC_BOARD:
    case TNET_ARC_RIDE:
    case TNET_ARC_DWELL:
    case TNET_ARC_ALIGHT:
      line = ref != TNET_ID_NONE ? mm->pattern_line[ref] : NULL;
      break;
    default:
      break;
    }
  return line != NULL && line[0] != '\0' ? line : NULL;
}

void
tnet_multimodal_get_stats (const TnetMultimodal *mm, TnetMultimodalStats *out)
{
  g_return_if_fail (mm != NULL && out != NULL);
  *out = mm->stats;
}
