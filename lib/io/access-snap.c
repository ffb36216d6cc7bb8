/* access-snap.c: the street networks zones snap to, and the snapping rule
 * of tnet init (tnet_network_snap_points()).
 *
 * Implementation notes: two k-d trees (point-index.h), one over the nodes of
 * the largest strongly connected component of the car network (a zone
 * snapped to a one-way dead end of a clipped extract could be left but never
 * reached), one over the largest connected component of the walking
 * network. Components are found with Kosaraju's two depth-first passes,
 * iterative (explicit stacks), over CSR arrays built here from the links
 * between junction nodes, so a loaded folder (with its zones, stops and
 * their connectors) gives the same components as the bare road network
 * tnet_folder_init() snaps to. */
#include "access-snap.h"
#include <tnet/tnet-scenario.h>

/* ---- components -------------------------------------------------------- */

/* Whether a pedestrian may use a road link: the rule of the transit graph's
 * walking layers (TnetTransitOptions.walk_on_roads). */
static gboolean
foot_road (const TnetLink *lk)
{
  if (lk->mode == TNET_MODE_ROAD || lk->mode == TNET_MODE_WALK)
    return TRUE;
  return lk->mode == TNET_MODE_TRUNK && lk->road_class
         && (strcmp (lk->road_class, "primary") == 0
             || strcmp (lk->road_class, "primary_link") == 0);
}

typedef struct {
  guint n;
  guint *first;   /* n + 1 */
  guint *head;
} Csr;

static void
csr_build (Csr *g, guint n, const GArray *tails, const GArray *heads)
{
  g->n = n;
  g->first = g_new0 (guint, n + 1);
  g->head = g_new (guint, MAX (tails->len, 1));
  for (guint i = 0; i < tails->len; i++)
    g->first[g_array_index (tails, guint, i) + 1]++;
  for (guint v = 0; v < n; v++)
    g->first[v + 1] += g->first[v];
  guint *pos = g_memdup2 (g->first, sizeof (guint) * n);
  for (guint i = 0; i < tails->len; i++)
    g->head[pos[g_array_index (tails, guint, i)]++] = g_array_index (heads, guint, i);
  g_free (pos);
}

static void
csr_clear (Csr *g)
{
  g_free (g->first);
  g_free (g->head);
}

/* Marks in @in_comp the nodes of the largest strongly connected component
 * of the arcs (tails[i] -> heads[i]) among nodes that have an arc; returns
 * its size. Kosaraju: finishing order on the graph, then components on the
 * reverse graph in reverse finishing order. */
static guint
largest_scc (guint n, const GArray *tails, const GArray *heads, gboolean *in_comp)
{
  Csr fwd, rev;
  csr_build (&fwd, n, tails, heads);
  csr_build (&rev, n, heads, tails);
  guint8 *seen = g_new0 (guint8, MAX (n, 1));
  guint *order = g_new (guint, MAX (n, 1));
  guint n_order = 0;
  guint *stack = g_new (guint, MAX (n, 1));
  guint *next = g_new (guint, MAX (n, 1));   /* next arc to look at, per node */
  for (guint s = 0; s < n; s++)
    {
      if (seen[s] || fwd.first[s] == fwd.first[s + 1])
        continue;
      guint top = 0;
      stack[top++] = s;
      seen[s] = 1;
      next[s] = fwd.first[s];
      while (top)
        {
          guint v = stack[top - 1];
          if (next[v] < fwd.first[v + 1])
            {
              guint w = fwd.head[next[v]++];
              if (!seen[w])
                {
                  seen[w] = 1;
                  next[w] = fwd.first[w];
                  stack[top++] = w;
                }
            }
          else
            {
              order[n_order++] = v;
              top--;
            }
        }
    }
  guint *comp = g_new (guint, MAX (n, 1));
  for (guint v = 0; v < n; v++)
    comp[v] = G_MAXUINT;
  guint best = G_MAXUINT, best_size = 0, n_comp = 0;
  for (guint i = n_order; i-- > 0;)
    {
      guint s = order[i];
      if (comp[s] != G_MAXUINT)
        continue;
      guint size = 0, top = 0;
      stack[top++] = s;
      comp[s] = n_comp;
      while (top)
        {
          guint v = stack[--top];
          size++;
          for (guint a = rev.first[v]; a < rev.first[v + 1]; a++)
            if (comp[rev.head[a]] == G_MAXUINT)
              {
                comp[rev.head[a]] = n_comp;
                stack[top++] = rev.head[a];
              }
        }
      if (size > best_size)
        {
          best_size = size;
          best = n_comp;
        }
      n_comp++;
    }
  for (guint v = 0; v < n; v++)
    in_comp[v] = best != G_MAXUINT && comp[v] == best;
  g_free (comp);
  g_free (next);
  g_free (stack);
  g_free (order);
  g_free (seen);
  csr_clear (&fwd);
  csr_clear (&rev);
  return best_size;
}

/* A k-d tree over the nodes marked in @mask (ids = node indices). */
static TnetPointIndex *
index_nodes (const TnetNetwork *net, const gboolean *mask, guint n)
{
  g_autoptr (GArray) ll = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint v = 0; v < n; v++)
    if (mask[v])
      {
        const TnetNode *nd = tnet_network_node (net, v);
        g_array_append_val (ll, nd->lon);
        g_array_append_val (ll, nd->lat);
        g_array_append_val (ids, v);
      }
  return tnet_i_point_index_new ((const double *) ll->data, (const guint *) ids->data,
                                 ids->len);
}


void
tnet_i_access_snap_init (TnetAccessSnap *snap, const TnetNetwork *net, const TnetScenario *scen)
{
  guint n = tnet_network_n_nodes (net);
  gboolean *car = g_new0 (gboolean, MAX (n, 1));
  gboolean *walk = g_new0 (gboolean, MAX (n, 1));
  g_autoptr (GArray) tails = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) heads = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) wt = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) wh = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < tnet_network_n_links (net); i++)
    {
      const TnetLink *lk = tnet_network_link (net, i);
      if (tnet_network_node (net, lk->from)->kind != TNET_NODE_JUNCTION
          || tnet_network_node (net, lk->to)->kind != TNET_NODE_JUNCTION
          || (scen && !tnet_scenario_link_active (scen, net, i)))
        continue;
      if (lk->mode != TNET_MODE_WALK)   /* footways are not driven */
        {
          g_array_append_val (tails, lk->from);
          g_array_append_val (heads, lk->to);
        }
      if (!lk->oneway && lk->mode != TNET_MODE_WALK)
        {
          g_array_append_val (tails, lk->to);
          g_array_append_val (heads, lk->from);
        }
      if (foot_road (lk))
        {
          g_array_append_val (wt, lk->from);
          g_array_append_val (wh, lk->to);
          g_array_append_val (wt, lk->to);
          g_array_append_val (wh, lk->from);
        }
    }
  snap->n_car = largest_scc (n, tails, heads, car);
  snap->n_walk = largest_scc (n, wt, wh, walk);
  snap->car = index_nodes (net, car, n);
  snap->walk = index_nodes (net, walk, n);
  g_free (car);
  g_free (walk);
}

void
tnet_i_access_snap_clear (TnetAccessSnap *snap)
{
  g_clear_pointer (&snap->car, tnet_i_point_index_free);
  g_clear_pointer (&snap->walk, tnet_i_point_index_free);
}

guint
tnet_i_access_snap_query (const TnetAccessSnap *snap, const TnetNetwork *net,
                          const TnetInitOptions *o, double lon, double lat,
                          TnetAccessCandidate *out)
{
  guint k = o->access_links;
  guint near[32];
  guint n_car = tnet_i_point_index_nearest (snap->car, lon, lat, k, near, NULL);
  guint n_near = n_car + tnet_i_point_index_nearest (snap->walk, lon, lat, k, near + n_car,
                                                     NULL);
  guint n_out = 0;
  for (guint j = 0; j < n_near; j++)
    {
      gboolean dup = FALSE;
      for (guint i = 0; i < j && !dup; i++)
        dup = near[i] == near[j];
      const TnetNode *nn = tnet_network_node (net, near[j]);
      double d = tnet_i_haversine_m (lon, lat, nn->lon, nn->lat);
      if (dup || d > o->access_max_m)
        continue;
      out[n_out++] = (TnetAccessCandidate) {
        .node = near[j],
        .network = j < n_car ? TNET_MODE_ROAD : TNET_MODE_WALK,
        .distance_m = d,
        .time_ms = tnet_init_access_time_ms (o, d),
      };
    }
  return n_out;
}

double
tnet_i_init_access_minutes (const TnetInitOptions *o, double distance_m)
{
  return MAX (distance_m, 0.1) * o->access_detour / (o->access_speed_kmh / 3.6) / 60.0;
}

TnetWeight
tnet_init_access_time_ms (const TnetInitOptions *opts, double distance_m)
{
  g_return_val_if_fail (opts != NULL, TNET_WEIGHT_INF);
  return tnet_weight_from_min (tnet_i_init_access_minutes (opts, distance_m));
}

gboolean
tnet_i_init_access_options_check (const TnetInitOptions *o, GError **error)
{
  if (!(o->access_speed_kmh > 0 && o->access_speed_kmh <= 200)
      || !(o->access_detour >= 1 && o->access_detour <= 10)
      || !(o->access_max_m > 0) || o->access_links == 0 || o->access_links > 16)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "init options: access speed must be in (0, 200] km/h, detour in [1, 10], "
                   "the maximum access distance positive and access links 1..16");
      return FALSE;
    }
  return TRUE;
}

gboolean
tnet_network_snap_points (const TnetNetwork *net, const TnetScenario *scen,
                          const TnetInitOptions *opts, const double *lonlat, guint n_points,
                          guint **first_out, TnetAccessCandidate **candidates_out,
                          GError **error)
{
  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (lonlat != NULL || n_points == 0, FALSE);
  g_return_val_if_fail (first_out != NULL && candidates_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  TnetInitOptions defaults;
  tnet_init_options_init (&defaults);
  const TnetInitOptions *o = opts ? opts : &defaults;
  if (!tnet_i_init_access_options_check (o, error))
    return FALSE;
  for (guint i = 0; i < n_points; i++)
    {
      double lon = lonlat[2 * i], lat = lonlat[2 * i + 1];
      if (!isfinite (lon) || !isfinite (lat) || fabs (lon) > 180 || fabs (lat) > 90)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                       "point %u: expected a longitude in [-180, 180] and a latitude in "
                       "[-90, 90] (degrees), got %g, %g", i, lon, lat);
          return FALSE;
        }
    }
  TnetAccessSnap snap;
  tnet_i_access_snap_init (&snap, net, scen);
  if (snap.n_car == 0 && snap.n_walk == 0)
    {
      tnet_i_access_snap_clear (&snap);
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "the network has no street link between junction nodes to snap points to");
      return FALSE;
    }
  guint *first = g_new (guint, n_points + 1);
  g_autoptr (GArray) cands = g_array_new (FALSE, FALSE, sizeof (TnetAccessCandidate));
  TnetAccessCandidate buf[32];
  first[0] = 0;
  for (guint i = 0; i < n_points; i++)
    {
      guint c = tnet_i_access_snap_query (&snap, net, o, lonlat[2 * i], lonlat[2 * i + 1], buf);
      g_array_append_vals (cands, buf, c);
      first[i + 1] = cands->len;
    }
  tnet_i_access_snap_clear (&snap);
  *first_out = first;
  *candidates_out = (TnetAccessCandidate *) (void *) g_array_free (g_steal_pointer (&cands),
                                                                  FALSE);
  return TRUE;
}
