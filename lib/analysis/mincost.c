/* mincost.c: k link-disjoint paths of least total time between two node
 * sets (a minimum-cost flow of value k, unit capacities).
 *
 * Implementation notes: the residual graph holds every usable arc as a
 * pair of edges (e: tail→head, capacity 1, cost w; e^1: head→tail,
 * capacity 0, cost −w) plus edges from a super-source S to every node of A
 * and from every node of B to a super-sink T (capacity k, cost 0). Each
 * round runs Dijkstra from S on reduced costs c(u,v) + π(u) − π(v), which
 * stay non-negative because π is the previous round's exact distance
 * (Johnson); nodes the round did not reach get π += d(T), which keeps the
 * reduced costs of every edge that can still lie on a shortest path
 * non-negative. One unit is pushed along the path found; after k rounds (or
 * when T is cut off) the arc flows are decomposed into paths. A lazy binary
 * heap with 64-bit keys is used because reduced path costs are not bounded
 * by the 32-bit weights of the kernels.
 */
#include "tnet-internal.h"
#include "flat-graph.h"

typedef struct {
  gint64 key;
  guint32 node;
} HeapItem;

static void
heap_push (GArray *h, gint64 key, guint32 node)
{
  HeapItem it = { key, node };
  g_array_append_val (h, it);
  HeapItem *d = (HeapItem *) h->data;
  guint i = h->len - 1;
  while (i > 0)
    {
      guint p = (i - 1) / 2;
      if (d[p].key <= d[i].key)
        break;
      HeapItem tmp = d[p];
      d[p] = d[i];
      d[i] = tmp;
      i = p;
    }
}

static HeapItem
heap_pop (GArray *h)
{
  HeapItem *d = (HeapItem *) h->data;
  HeapItem top = d[0];
  d[0] = d[h->len - 1];
  g_array_set_size (h, h->len - 1);
  d = (HeapItem *) h->data;
  guint i = 0, n = h->len;
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, best = i;
      if (l < n && d[l].key < d[best].key)
        best = l;
      if (r < n && d[r].key < d[best].key)
        best = r;
      if (best == i)
        break;
      HeapItem tmp = d[best];
      d[best] = d[i];
      d[i] = tmp;
      i = best;
    }
  return top;
}

typedef struct {
  guint n;             /* residual nodes: graph nodes, then S, then T */
  GArray *to;          /* guint32 per edge; edge e and e^1 are a pair */
  GArray *cap;         /* gint32 */
  GArray *cost;        /* gint64 */
  GArray *arc;         /* guint32: graph arc of an even edge, or NONE */
  guint32 *first;      /* CSR of edges by tail */
  guint32 *list;
} Residual;

static void
res_add (Residual *r, guint32 u, guint32 v, gint32 cap, gint64 cost, guint32 arc,
         GArray *tails)
{
  gint32 zero = 0;
  gint64 mcost = -cost;
  guint32 none = TNET_ID_NONE;
  g_array_append_val (r->to, v);
  g_array_append_val (r->cap, cap);
  g_array_append_val (r->cost, cost);
  g_array_append_val (r->arc, arc);
  g_array_append_val (tails, u);
  g_array_append_val (r->to, u);
  g_array_append_val (r->cap, zero);
  g_array_append_val (r->cost, mcost);
  g_array_append_val (r->arc, none);
  g_array_append_val (tails, v);
}

TnetPathSet *
tnet_graph_least_time_disjoint_paths (TnetGraph *graph, const TnetMetric *metric,
                                      const TnetId *from, guint n_from,
                                      const TnetId *to, guint n_to,
                                      const guint8 *arc_free, guint k)
{
  g_return_val_if_fail (graph != NULL && metric != NULL, NULL);
  g_return_val_if_fail (tnet_metric_get_graph (metric) == graph, NULL);
  g_return_val_if_fail (from != NULL && n_from > 0 && to != NULL && n_to > 0, NULL);
  g_return_val_if_fail (k >= 1, NULL);

  TnetIFlatGraph fg;
  tnet_i_flat_graph_init (&fg, graph, metric);
  guint n = fg.n_nodes;
  guint8 *side = g_new0 (guint8, n);
  for (guint i = 0; i < n_from; i++)
    {
      g_return_val_if_fail (from[i] < n, NULL);
      side[from[i]] = 1;
    }
  for (guint i = 0; i < n_to; i++)
    {
      /* a zone is entered through its arrival twin */
      TnetId t = tnet_graph_arrival_node (graph, to[i]);
      g_return_val_if_fail (t < n && side[t] != 1, NULL);
      side[t] = 2;
    }

  Residual r = { n + 2, g_array_new (FALSE, FALSE, sizeof (guint32)),
                 g_array_new (FALSE, FALSE, sizeof (gint32)),
                 g_array_new (FALSE, FALSE, sizeof (gint64)),
                 g_array_new (FALSE, FALSE, sizeof (guint32)), NULL, NULL };
  GArray *tails = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 s = n, t = n + 1;
  for (guint a = 0; a < fg.n_arcs; a++)
    if (fg.weight[a] < TNET_WEIGHT_INF && fg.tail[a] != fg.head[a])
      res_add (&r, fg.tail[a], fg.head[a], (arc_free && arc_free[a]) ? (gint32) k : 1,
               fg.weight[a], a, tails);
  for (guint v = 0; v < n; v++)
    if (side[v] == 1)
      res_add (&r, s, v, (gint32) k, 0, TNET_ID_NONE, tails);
    else if (side[v] == 2)
      res_add (&r, v, t, (gint32) k, 0, TNET_ID_NONE, tails);
  guint m_res = r.to->len;
  r.first = g_new0 (guint32, r.n + 1);
  r.list = g_new (guint32, m_res > 0 ? m_res : 1);
  const guint32 *tl = (const guint32 *) tails->data;
  for (guint e = 0; e < m_res; e++)
    r.first[tl[e] + 1]++;
  for (guint v = 0; v < r.n; v++)
    r.first[v + 1] += r.first[v];
  guint32 *fill = g_memdup2 (r.first, (r.n + 1) * sizeof (guint32));
  for (guint e = 0; e < m_res; e++)
    r.list[fill[tl[e]]++] = e;
  g_free (fill);

  const guint32 *eto = (const guint32 *) r.to->data;
  gint32 *ecap = (gint32 *) r.cap->data;
  const gint64 *ecost = (const gint64 *) r.cost->data;
  gint64 *pi = g_new0 (gint64, r.n);
  gint64 *dist = g_new (gint64, r.n);
  guint32 *pred = g_new (guint32, r.n);
  guint8 *done = g_new (guint8, r.n);
  GArray *heap = g_array_new (FALSE, FALSE, sizeof (HeapItem));
  const gint64 UNREACHED = G_MAXINT64;

  for (guint round = 0; round < k; round++)
    {
      for (guint v = 0; v < r.n; v++)
        {
          dist[v] = UNREACHED;
          pred[v] = G_MAXUINT32;
          done[v] = 0;
        }
      dist[s] = 0;
      g_array_set_size (heap, 0);
      heap_push (heap, 0, s);
      while (heap->len > 0)
        {
          HeapItem it = heap_pop (heap);
          guint32 u = it.node;
          if (done[u] || it.key != dist[u])
            continue;
          done[u] = 1;
          for (guint32 i = r.first[u]; i < r.first[u + 1]; i++)
            {
              guint32 e = r.list[i];
              if (ecap[e] <= 0)
                continue;
              guint32 v = eto[e];
              gint64 rc = ecost[e] + pi[u] - pi[v];
              /* rc >= 0 by the potential invariant */
              gint64 nd = dist[u] + rc;
              if (!done[v] && nd < dist[v])
                {
                  dist[v] = nd;
                  pred[v] = e;
                  heap_push (heap, nd, v);
                }
            }
        }
      if (dist[t] == UNREACHED)
        break;
      for (guint v = 0; v < r.n; v++)
        pi[v] += dist[v] == UNREACHED ? dist[t] : MIN (dist[v], dist[t]);
      for (guint32 v = t; v != s;)
        {
          guint32 e = pred[v];
          ecap[e]--;
          ecap[e ^ 1]++;
          v = eto[e ^ 1];
        }
    }

  /* arc flows = residual capacity of the reverse edges of arc edges */
  int *flow = g_new0 (int, fg.n_arcs > 0 ? fg.n_arcs : 1);
  const guint32 *earc = (const guint32 *) r.arc->data;
  for (guint e = 0; e < m_res; e += 2)
    if (earc[e] != TNET_ID_NONE)
      flow[earc[e]] = ecap[e ^ 1];
  guint32 *twin = tnet_i_flat_graph_twins (&fg, graph);
  for (guint a = 0; a < fg.n_arcs; a++)
    if (twin[a] != TNET_ID_NONE && twin[a] > a)
      {
        int c = MIN (flow[a], flow[twin[a]]);
        flow[a] -= c;
        flow[twin[a]] -= c;
      }
  g_free (twin);
  TnetPathSet *set = g_new0 (TnetPathSet, 1);
  tnet_i_flow_decompose (&fg, side, flow, set);
  /* fastest first; ties by first arc for determinism */
  for (guint i = 1; i < set->n_paths; i++)
    for (guint j = i; j > 0; j--)
      {
        TnetPath *x = &set->paths[j - 1], *y = &set->paths[j];
        if (x->time_ms < y->time_ms
            || (x->time_ms == y->time_ms && x->arcs[0] <= y->arcs[0]))
          break;
        TnetPath tmp = *x;
        *x = *y;
        *y = tmp;
      }

  g_free (flow);
  g_array_free (heap, TRUE);
  g_free (pi);
  g_free (dist);
  g_free (pred);
  g_free (done);
  g_free (r.first);
  g_free (r.list);
  g_array_free (r.to, TRUE);
  g_array_free (r.cap, TRUE);
  g_array_free (r.cost, TRUE);
  g_array_free (r.arc, TRUE);
  g_array_free (tails, TRUE);
  g_free (side);
  tnet_i_flat_graph_clear (&fg);
  return set;
}
