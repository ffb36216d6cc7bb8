/* bidir.c: bidirectional point-to-point Dijkstra.
 *
 * Implementation notes: two searches over internal ids, forward on the
 * forward CSR and backward on the reverse CSR, each with its own label
 * array, stamp array (epoch) and indexed 4-ary heap. The side with the
 * smaller top key advances; a node labelled by both sides offers a meeting
 * distance. Once top_f + top_b ≥ best no shorter path can exist (every
 * path has a node settled by one side or an arc between the two settled
 * sets, each relaxation of which already updated best). Parent arcs are
 * kept so the path can be walked outwards from the meeting node.
 */
#include "tnet-internal.h"
#include "graph-internal.h"
#include "heap.h"

struct _TnetBidir {
  const TnetGraph *graph;  /* strong reference */
  uint32_t *dist[2];       /* by internal node, valid where stamp == epoch */
  uint32_t *stamp[2];
  uint32_t *parent[2];     /* forward: internal arc into the node; backward:
                            * internal arc out of the node; NONE at the roots */
  TnetHeap heap[2];
  uint32_t epoch;
  uint32_t meet;           /* internal meeting node of the last run, or NONE */
};

TnetBidir *
tnet_bidir_new (const TnetGraph *graph)
{
  g_return_val_if_fail (graph != NULL, NULL);
  TnetBidir *b = g_new0 (TnetBidir, 1);
  b->graph = tnet_graph_ref (graph);
  guint n_nodes = tnet_graph_n_nodes (graph), n = MAX (n_nodes, 1u);
  for (int s = 0; s < 2; s++)
    {
      b->dist[s] = g_new (uint32_t, n);
      b->stamp[s] = g_new0 (uint32_t, n);
      b->parent[s] = g_new (uint32_t, n);
      tnet_i_heap_init (&b->heap[s], n_nodes);
    }
  b->meet = TNET_ID_NONE;
  return b;
}

void
tnet_bidir_free (TnetBidir *b)
{
  if (b == NULL)
    return;
  for (int s = 0; s < 2; s++)
    {
      g_free (b->dist[s]);
      g_free (b->stamp[s]);
      g_free (b->parent[s]);
      tnet_i_heap_destroy (&b->heap[s]);
    }
  tnet_graph_unref (b->graph);
  g_free (b);
}

TnetWeight
tnet_bidir_run (TnetBidir *b, const TnetMetric *metric, TnetId source, TnetId target)
{
  g_return_val_if_fail (b != NULL && metric != NULL, TNET_WEIGHT_INF);
  g_return_val_if_fail (tnet_metric_get_graph (metric) == b->graph, TNET_WEIGHT_INF);
  const TnetIWeights *mw = tnet_i_metric_weights (metric);
  const TnetICsr *g = mw->csr;
  g_return_val_if_fail (source < g->n_nodes && target < g->n_nodes, TNET_WEIGHT_INF);
  if (++b->epoch == 0)
    {
      memset (b->stamp[0], 0, g->n_nodes * sizeof (uint32_t));
      memset (b->stamp[1], 0, g->n_nodes * sizeof (uint32_t));
      b->epoch = 1;
    }
  const uint32_t epoch = b->epoch;
  /* a path into a zone ends at its arrival twin (TnetSearch does the same) */
  uint32_t roots[2] = { g->to_internal[source],
                        g->to_internal[tnet_graph_arrival_node (b->graph, target)] };
  for (int s = 0; s < 2; s++)
    {
      b->dist[s][roots[s]] = 0;
      b->stamp[s][roots[s]] = epoch;
      b->parent[s][roots[s]] = TNET_ID_NONE;
      tnet_i_heap_push_or_decrease (&b->heap[s], roots[s], 0);
    }
  uint32_t best = roots[0] == roots[1] ? 0 : TNET_WEIGHT_INF;
  b->meet = roots[0] == roots[1] ? roots[0] : TNET_ID_NONE;
  const uint32_t *first[2] = { g->first_out, g->rfirst_out };
  const uint32_t *other[2] = { g->head, g->rtail };
  const uint32_t *wt[2] = { mw->weight, mw->rweight };
  while (!tnet_i_heap_empty (&b->heap[0]) && !tnet_i_heap_empty (&b->heap[1]))
    {
      uint32_t k0 = b->heap[0].slots[0].key, k1 = b->heap[1].slots[0].key;
      if ((uint64_t) k0 + k1 >= best)
        break;
      int s = k0 <= k1 ? 0 : 1;
      TnetHeapEntry top = tnet_i_heap_pop (&b->heap[s]);
      const uint32_t v = top.item, d = top.key;
      uint32_t *dist = b->dist[s], *stamp = b->stamp[s], *par = b->parent[s];
      const uint32_t *odist = b->dist[1 - s], *ostamp = b->stamp[1 - s];
      for (uint32_t a = first[s][v]; a < first[s][v + 1]; a++)
        {
          uint32_t h = other[s][a], nd = d + wt[s][a];
          if (stamp[h] != epoch || nd < dist[h])
            {
              stamp[h] = epoch;
              dist[h] = nd;
              par[h] = s == 0 ? a : g->rarc[a];
              tnet_i_heap_push_or_decrease (&b->heap[s], h, nd);
              if (ostamp[h] == epoch && (uint64_t) nd + odist[h] < best)
                {
                  best = nd + odist[h];
                  b->meet = h;
                }
            }
        }
    }
  tnet_i_heap_reset (&b->heap[0]);
  tnet_i_heap_reset (&b->heap[1]);
  if (best >= TNET_WEIGHT_INF)
    {
      b->meet = TNET_ID_NONE;
      return TNET_WEIGHT_INF;
    }
  return best;
}

guint
tnet_bidir_path (const TnetBidir *b, TnetId *arcs, guint cap)
{
  g_return_val_if_fail (b != NULL, G_MAXUINT);
  g_return_val_if_fail (cap == 0 || arcs != NULL, G_MAXUINT);
  if (b->meet == TNET_ID_NONE)
    return G_MAXUINT;
  const TnetICsr *g = tnet_i_graph_csr (b->graph);
  /* count the forward half, then write it backwards, then the backward half */
  guint nf = 0;
  for (uint32_t v = b->meet; b->parent[0][v] != TNET_ID_NONE; v = g->arc_tail[b->parent[0][v]])
    nf++;
  guint k = nf;
  for (uint32_t v = b->meet; b->parent[0][v] != TNET_ID_NONE; v = g->arc_tail[b->parent[0][v]])
    {
      k--;
      if (k < cap)
        arcs[k] = g->arc_ext[b->parent[0][v]];
    }
  guint len = nf;
  for (uint32_t v = b->meet; b->parent[1][v] != TNET_ID_NONE; v = g->head[b->parent[1][v]])
    {
      if (len < cap)
        arcs[len] = g->arc_ext[b->parent[1][v]];
      len++;
    }
  return len;
}
