/* mincost.c: k link-disjoint paths of least total time between two node
 * sets (a minimum-cost flow of value k, unit capacities).
 *
 * Implementation notes: the residual graph is not built; it is read off the
 * renumbered CSR. An arc a = u→v of capacity c (1, or k for a shareable
 * arc; 0 for an arc at TNET_WEIGHT_INF or a self-loop) with flow f gives
 * the residual edge u→v (cost w) while f < c, read from the forward CSR,
 * and v→u (cost −w) while f > 0, read from the reverse CSR. The super-source
 * S is implicit (every node of A starts at reduced distance 0) and so is the
 * super-sink T (node n: reached from every node of B at cost 0); their
 * capacities (k) never bind within k rounds, and the residual edges out of
 * T or into S can never shorten a path to T, so they are left out. Each
 * round runs Dijkstra on reduced costs c(u,v) + π(u) − π(v), which stay
 * non-negative because π is the previous rounds' exact distances (Johnson);
 * the round stops when T is settled and every node not settled by then gets
 * π += d(T), which keeps the reduced cost of every residual edge that can
 * lie on a later shortest path non-negative. Reduced distances are at most
 * d(T), so the search core's 4-ary heap with 32-bit keys serves; a reduced
 * distance of TNET_WEIGHT_INF or more is treated as unreachable. One unit
 * is pushed along the path found; after k rounds (or when T is cut off) the
 * flow on the two arcs of a two-way link is cancelled and the arc flows are
 * decomposed into paths (tnet_flow_decompose()).
 */
#include "search-private.h"

static int
path_cmp (const void *pa, const void *pb)
{
  const TnetPath *x = pa, *y = pb;
  if (x->time_ms != y->time_ms)
    return x->time_ms < y->time_ms ? -1 : 1;
  /* ties by first arc, for determinism */
  return x->arcs[0] < y->arcs[0] ? -1 : (x->arcs[0] > y->arcs[0]);
}

TnetPathSet *
tnet_graph_least_time_disjoint_paths (const TnetGraph *graph, const TnetMetric *metric,
                                      const TnetId *from, guint n_from,
                                      const TnetId *to, guint n_to,
                                      const guint8 *arc_free, guint k)
{
  g_return_val_if_fail (graph != NULL && metric != NULL, NULL);
  g_return_val_if_fail (tnet_metric_get_graph (metric) == graph, NULL);
  g_return_val_if_fail (from != NULL && n_from > 0 && to != NULL && n_to > 0, NULL);
  g_return_val_if_fail (k >= 1 && k < G_MAXINT32, NULL);
  const TnetICsr *g = tnet_i_graph_csr (graph);
  const uint32_t *weight = tnet_i_metric_weights (metric)->weight;
  const guint n = g->n_nodes, m = g->n_arcs;
  const uint32_t T = n;

  g_autofree guint8 *side = g_new0 (guint8, n + 1);   /* by internal node */
  g_autofree TnetId *to_raw = g_new (TnetId, n_to);
  for (guint i = 0; i < n_from; i++)
    {
      g_return_val_if_fail (from[i] < n, NULL);
      side[g->to_internal[from[i]]] = 1;
    }
  for (guint i = 0; i < n_to; i++)
    {
      /* a zone is entered through its arrival twin */
      TnetId t = tnet_graph_arrival_node (graph, to[i]);
      g_return_val_if_fail (t < n && side[g->to_internal[t]] != 1, NULL);
      side[g->to_internal[t]] = 2;
      to_raw[i] = t;
    }

  /* capacities and flows by internal arc */
  g_autofree gint32 *cap = g_new (gint32, MAX (m, 1u));
  g_autofree gint32 *flow = g_new0 (gint32, MAX (m, 1u));
  for (uint32_t a = 0; a < m; a++)
    cap[a] = (weight[a] >= TNET_WEIGHT_INF || g->arc_tail[a] == g->head[a]) ? 0
             : (arc_free && arc_free[g->arc_ext[a]]) ? (gint32) k : 1;

  g_autofree gint64 *pi = g_new0 (gint64, n + 1);
  g_autofree gint64 *dist = g_new (gint64, n + 1);
  g_autofree uint32_t *pred = g_new (uint32_t, n + 1);  /* 2·arc + (1: backward) */
  g_autofree guint8 *done = g_new (guint8, n + 1);
  TnetHeap heap;
  tnet_i_heap_init (&heap, n + 1);
  const gint64 UNREACHED = G_MAXINT64;

  for (guint round = 0; round < k; round++)
    {
      for (guint v = 0; v <= n; v++)
        {
          dist[v] = UNREACHED;
          done[v] = 0;
        }
      for (uint32_t v = 0; v < n; v++)
        if (side[v] == 1)
          {
            /* the edge S→v costs 0; π(S) stays 0 */
            dist[v] = MAX (-pi[v], 0);
            pred[v] = TNET_ID_NONE;
            tnet_i_heap_push_or_decrease (&heap, v, (uint32_t) MIN (dist[v], TNET_WEIGHT_INF - 1));
          }
      while (!tnet_i_heap_empty (&heap))
        {
          TnetHeapEntry top = tnet_i_heap_pop (&heap);
          uint32_t u = top.item;
          done[u] = 1;
          if (u == T)
            break;
          const gint64 du = dist[u];
          /* forward residual edges */
          for (uint32_t a = g->first_out[u]; a < g->first_out[u + 1]; a++)
            {
              uint32_t v = g->head[a];
              if (flow[a] >= cap[a] || done[v])
                continue;
              gint64 nd = du + (gint64) weight[a] + pi[u] - pi[v];
              if (nd < dist[v] && nd < TNET_WEIGHT_INF)
                {
                  dist[v] = MAX (nd, du);  /* nd >= du by the invariant */
                  pred[v] = 2 * a;
                  tnet_i_heap_push_or_decrease (&heap, v, (uint32_t) dist[v]);
                }
            }
          /* backward residual edges: arcs into u that carry flow */
          for (uint32_t i = g->rfirst_out[u]; i < g->rfirst_out[u + 1]; i++)
            {
              uint32_t a = g->rarc[i], v = g->rtail[i];
              if (flow[a] <= 0 || done[v])
                continue;
              gint64 nd = du - (gint64) weight[a] + pi[u] - pi[v];
              if (nd < dist[v] && nd < TNET_WEIGHT_INF)
                {
                  dist[v] = MAX (nd, du);
                  pred[v] = 2 * a + 1;
                  tnet_i_heap_push_or_decrease (&heap, v, (uint32_t) dist[v]);
                }
            }
          /* the sink */
          if (side[u] == 2 && !done[T])
            {
              gint64 nd = du + pi[u] - pi[T];
              if (nd < dist[T] && nd < TNET_WEIGHT_INF)
                {
                  dist[T] = MAX (nd, du);
                  pred[T] = u;
                  tnet_i_heap_push_or_decrease (&heap, T, (uint32_t) dist[T]);
                }
            }
        }
      tnet_i_heap_reset (&heap);
      if (!done[T])
        break;
      for (guint v = 0; v <= n; v++)
        pi[v] += done[v] ? dist[v] : dist[T];
      for (uint32_t v = pred[T]; pred[v] != TNET_ID_NONE;)
        {
          uint32_t a = pred[v] >> 1;
          if (pred[v] & 1)
            {
              flow[a]--;
              v = g->head[a];
            }
          else
            {
              flow[a]++;
              v = g->arc_tail[a];
            }
        }
    }
  tnet_i_heap_destroy (&heap);

  /* flows by external arc; both ways on a two-way link cancel */
  g_autofree int *ext_flow = g_new0 (int, MAX (m, 1u));
  for (uint32_t a = 0; a < m; a++)
    ext_flow[g->arc_ext[a]] = flow[a];
  g_autofree TnetId *opp = tnet_graph_opposite_arcs (graph);
  for (guint e = 0; e < m; e++)
    if (opp[e] != TNET_ID_NONE && opp[e] > e)
      {
        int c = MIN (ext_flow[e], ext_flow[opp[e]]);
        ext_flow[e] -= c;
        ext_flow[opp[e]] -= c;
      }
  TnetPathSet *set = tnet_flow_decompose (graph, metric, ext_flow, from, n_from, to_raw, n_to);
  if (set->n_paths > 1)
    qsort (set->paths, set->n_paths, sizeof (TnetPath), path_cmp);
  return set;
}
