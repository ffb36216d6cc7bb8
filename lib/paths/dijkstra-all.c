/* dijkstra-all.c: distance-only one-to-all Dijkstra for batches.
 *
 * Implementation notes: batches want every distance and nothing else (no
 * parents, no settled list, no budget), so this kernel drops what
 * TnetSearch keeps for paths and uses a monotone radix heap instead of an
 * indexed heap:
 * - Dijkstra pops keys in non-decreasing order, so an item with key k
 *   lives in bucket b = bit length of (k XOR last), where last is the key
 *   popped most recently. Bucket 0 holds keys equal to last. When bucket 0
 *   is empty, the lowest non-empty bucket is scanned for its minimum, which
 *   becomes last, and its items are redistributed into strictly lower
 *   buckets — each item moves down at most 32 times, and in practice once
 *   or twice.
 * - There is no decrease-key: a better label pushes a new item and the old
 *   one is skipped when popped (its key exceeds the node's label). No
 *   position array is kept or cleared.
 * - Labels are reset with one memset per run (n × 4 bytes, sequential),
 *   cheaper than stamps when every reachable node is visited anyway.
 * Zones: the gather reads a zone as the better of it and its arrival twin.
 * The buckets keep their capacity between runs, so a workspace allocates
 * only while it warms up.
 */
#include "tnet-internal.h"
#include "graph-internal.h"
#include "dijkstra-all.h"

#define N_BUCKETS 33

typedef struct {
  uint32_t key;
  uint32_t node;
} Item;

typedef struct {
  Item *items;
  guint len;
  guint cap;
} Bucket;

struct _TnetIDijkstraAll {
  guint n;
  uint32_t *dist;          /* by internal node; INF when unreached */
  Bucket b[N_BUCKETS];
};

TnetIDijkstraAll *
tnet_i_dijkstra_all_new (guint n_nodes)
{
  TnetIDijkstraAll *w = g_new0 (TnetIDijkstraAll, 1);
  w->n = n_nodes;
  w->dist = g_new (uint32_t, MAX (n_nodes, 1u));
  return w;
}

void
tnet_i_dijkstra_all_free (TnetIDijkstraAll *w)
{
  if (!w)
    return;
  for (int i = 0; i < N_BUCKETS; i++)
    g_free (w->b[i].items);
  g_free (w->dist);
  g_free (w);
}

static inline int
bucket_of (uint32_t key, uint32_t last)
{
  uint32_t x = key ^ last;
  return x == 0 ? 0 : 32 - __builtin_clz (x);
}

static inline void
bucket_push (Bucket *b, uint32_t key, uint32_t node)
{
  if (G_UNLIKELY (b->len == b->cap))
    {
      b->cap = b->cap ? 2 * b->cap : 256;
      b->items = g_renew (Item, b->items, b->cap);
    }
  b->items[b->len++] = (Item) { key, node };
}

const uint32_t *
tnet_i_dijkstra_all_run (TnetIDijkstraAll *w, const TnetMetric *metric, uint32_t source,
                         TnetDirection dir)
{
  const TnetIWeights *mw = tnet_i_metric_weights (metric);
  const TnetICsr *g = mw->csr;
  const uint32_t *first = dir == TNET_FORWARD ? g->first_out : g->rfirst_out;
  const uint32_t *adj = dir == TNET_FORWARD ? g->head : g->rtail;
  const uint32_t *wt = dir == TNET_FORWARD ? mw->weight : mw->rweight;
  uint32_t *restrict dist = w->dist;
  for (guint v = 0; v < w->n; v++)
    dist[v] = TNET_WEIGHT_INF;
  Bucket *b = w->b;
  uint32_t last = 0;
  guint size = 1;
  dist[source] = 0;
  bucket_push (&b[0], 0, source);
  while (size > 0)
    {
      if (b[0].len == 0)
        {
          int i = 1;
          while (b[i].len == 0)
            i++;
          uint32_t min = UINT32_MAX;
          for (guint k = 0; k < b[i].len; k++)
            min = MIN (min, b[i].items[k].key);
          last = min;
          for (guint k = 0; k < b[i].len; k++)
            {
              Item it = b[i].items[k];
              bucket_push (&b[bucket_of (it.key, last)], it.key, it.node);
            }
          b[i].len = 0;
        }
      Item it = b[0].items[--b[0].len];
      size--;
      const uint32_t u = it.node, du = it.key;
      if (du > dist[u])
        continue;   /* stale */
      const uint32_t end = first[u + 1];
      for (uint32_t a = first[u]; a < end; a++)
        {
          const uint32_t v = adj[a], dv = du + wt[a];
          if (dv < dist[v])
            {
              dist[v] = dv;
              bucket_push (&b[bucket_of (dv, last)], dv, v);
              size++;
            }
        }
    }
  return dist;
}

void
tnet_i_dijkstra_all_gather (const TnetIDijkstraAll *w, const TnetGraph *graph, TnetWeight *out)
{
  const TnetICsr *g = tnet_i_graph_csr (graph);
  const uint32_t *to_int = g->to_internal;
  for (guint v = 0; v < w->n; v++)
    out[v] = w->dist[to_int[v]];
  /* a zone reads the better of itself and its arrival twin */
  if (g->twin != NULL)
    for (guint v = 0; v < g->n_base; v++)
      if (g->twin[v] != v)
        out[v] = MIN (out[v], out[g->twin[v]]);
}
