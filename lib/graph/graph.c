/* graph.c: building the immutable CSR graph and its metrics.
 *
 * Implementation notes
 *
 * A graph is built in four passes, all O(n + m) except the node order:
 *
 * 1. Node order. With coordinates, nodes are sorted by their index on a
 *    Hilbert curve of order 16 over the bounding box (ties by external id),
 *    so nodes close on the map get close ids and a search touches few cache
 *    lines. Without coordinates, a breadth-first order over the undirected
 *    version of the graph (from external node 0, then from the lowest
 *    unvisited node of each further component) gives a similar locality.
 * 2. Forward CSR. The arcs are counting-sorted by internal head, then
 *    distributed by internal tail in that order (a two-pass radix sort), so
 *    the arcs of a node are sorted by head, ties by external arc id. The
 *    result is deterministic for a given input.
 * 3. Reverse CSR. Walking the forward arcs in order and distributing them by
 *    head gives, for each node, its incoming arcs sorted by tail.
 * 4. Id maps: node and arc permutations both ways, the tail of each internal
 *    arc (so paths can be walked from a parent arc), and the arc -> link map.
 *
 * Metrics keep one weight array per CSR direction so that a backward search
 * reads its weights sequentially, like a forward one.
 */
#include "graph-private.h"
#include <stdlib.h>

/* Largest node or arc count (ids must stay below 2^31). */
#define GRAPH_MAX_COUNT ((guint) G_MAXINT32)

/* ---------- node order ---------- */

/* Position of (x, y) on a Hilbert curve filling a 2^16 x 2^16 grid. */
static uint32_t
hilbert_index (uint32_t x, uint32_t y)
{
  uint32_t d = 0;
  for (uint32_t s = 1u << 15; s > 0; s >>= 1)
    {
      uint32_t rx = (x & s) ? 1 : 0;
      uint32_t ry = (y & s) ? 1 : 0;
      d += s * s * ((3 * rx) ^ ry);
      /* rotate the quadrant so the curve stays continuous */
      if (ry == 0)
        {
          if (rx == 1)
            {
              x = 0xFFFFu - x;
              y = 0xFFFFu - y;
            }
          uint32_t t = x;
          x = y;
          y = t;
        }
      x &= 0xFFFFu;
      y &= 0xFFFFu;
    }
  return d;
}

static int
cmp_u64 (const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *) a, y = *(const uint64_t *) b;
  return (x > y) - (x < y);
}

static gboolean
order_hilbert (guint n, const double *lonlat, uint32_t *to_external, GError **error)
{
  double min_x = INFINITY, max_x = -INFINITY, min_y = INFINITY, max_y = -INFINITY;
  for (guint i = 0; i < n; i++)
    {
      double x = lonlat[2 * i], y = lonlat[2 * i + 1];
      if (!isfinite (x) || !isfinite (y))
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                       "node %u: coordinates (%g, %g) are not finite numbers", i, x, y);
          return FALSE;
        }
      min_x = MIN (min_x, x);
      max_x = MAX (max_x, x);
      min_y = MIN (min_y, y);
      max_y = MAX (max_y, y);
    }
  double span_x = max_x - min_x, span_y = max_y - min_y;
  double scale_x = span_x > 0 ? 65535.0 / span_x : 0.0;
  double scale_y = span_y > 0 ? 65535.0 / span_y : 0.0;
  uint64_t *keys = g_new (uint64_t, n > 0 ? n : 1);
  for (guint i = 0; i < n; i++)
    {
      uint32_t x = (uint32_t) lround ((lonlat[2 * i] - min_x) * scale_x);
      uint32_t y = (uint32_t) lround ((lonlat[2 * i + 1] - min_y) * scale_y);
      keys[i] = ((uint64_t) hilbert_index (MIN (x, 0xFFFFu), MIN (y, 0xFFFFu)) << 32) | i;
    }
  qsort (keys, n, sizeof *keys, cmp_u64);
  for (guint i = 0; i < n; i++)
    to_external[i] = (uint32_t) (keys[i] & 0xFFFFFFFFu);
  g_free (keys);
  return TRUE;
}

/* Breadth-first order over the undirected graph (external ids). */
static void
order_bfs (guint n, guint m, const TnetId *tails, const TnetId *heads,
           uint32_t *to_external)
{
  /* undirected adjacency in CSR form: each arc appears at both ends */
  uint32_t *first = g_new0 (uint32_t, (gsize) n + 1);
  uint32_t *adj = g_new (uint32_t, 2 * (gsize) m + 1);
  for (guint k = 0; k < m; k++)
    {
      first[tails[k] + 1]++;
      first[heads[k] + 1]++;
    }
  for (guint v = 0; v < n; v++)
    first[v + 1] += first[v];
  uint32_t *fill = g_memdup2 (first, sizeof *first * n);
  for (guint k = 0; k < m; k++)
    {
      adj[fill[tails[k]]++] = heads[k];
      adj[fill[heads[k]]++] = tails[k];
    }
  g_free (fill);

  gboolean *seen = g_new0 (gboolean, n > 0 ? n : 1);
  guint tail_q = 0; /* to_external doubles as the queue */
  for (guint root = 0; root < n; root++)
    {
      if (seen[root])
        continue;
      guint head_q = tail_q;
      seen[root] = TRUE;
      to_external[tail_q++] = root;
      while (head_q < tail_q)
        {
          uint32_t u = to_external[head_q++];
          for (uint32_t e = first[u]; e < first[u + 1]; e++)
            if (!seen[adj[e]])
              {
                seen[adj[e]] = TRUE;
                to_external[tail_q++] = adj[e];
              }
        }
    }
  g_assert (tail_q == n);
  g_free (seen);
  g_free (first);
  g_free (adj);
}

/* ---------- construction ---------- */

/* Points @g's read-only view (tnet_i_graph_csr()) at its arrays. */
static void
sync_csr (TnetGraph *g)
{
  g->csr = (TnetICsr) {
    .n_nodes = g->n_nodes, .n_arcs = g->n_arcs,
    .first_out = g->first_out, .head = g->head,
    .rfirst_out = g->rfirst_out, .rtail = g->rtail, .rarc = g->rarc,
    .to_internal = g->to_internal, .to_external = g->to_external,
    .arc_ext = g->arc_ext, .arc_int = g->arc_int, .arc_tail = g->arc_tail,
    .arc_link = g->arc_link,
    .n_base = g->n_base, .twin = g->twin, .twin_of = g->twin_of,
  };
}

const TnetICsr *
tnet_i_graph_csr (const TnetGraph *graph)
{
  return &graph->csr;
}

const TnetIWeights *
tnet_i_metric_weights (const TnetMetric *metric)
{
  return &metric->view;
}

TnetGraph *
tnet_graph_new_from_arcs (guint n_nodes, guint n_arcs, const TnetId *tails,
                          const TnetId *heads, const TnetId *arc_links,
                          const double *lonlat, GError **error)
{
  g_return_val_if_fail (n_arcs == 0 || (tails != NULL && heads != NULL), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (n_nodes >= GRAPH_MAX_COUNT || n_arcs >= GRAPH_MAX_COUNT)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_TOO_LARGE,
                   "graph too large: %u nodes and %u arcs (each must stay below 2^31)",
                   n_nodes, n_arcs);
      return NULL;
    }
  for (guint k = 0; k < n_arcs; k++)
    if (tails[k] >= n_nodes || heads[k] >= n_nodes)
      {
        g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                     "arc %u: %s node %u out of range (expected < %u)", k,
                     tails[k] >= n_nodes ? "tail" : "head",
                     tails[k] >= n_nodes ? tails[k] : heads[k], n_nodes);
        return NULL;
      }

  const gsize n1 = (gsize) n_nodes + 1, m1 = n_arcs > 0 ? n_arcs : 1;
  uint32_t *to_external = g_new (uint32_t, n_nodes > 0 ? n_nodes : 1);
  if (lonlat != NULL)
    {
      if (!order_hilbert (n_nodes, lonlat, to_external, error))
        {
          g_free (to_external);
          return NULL;
        }
    }
  else
    order_bfs (n_nodes, n_arcs, tails, heads, to_external);

  TnetGraph *g = g_new0 (TnetGraph, 1);
  g->ref_count = 1;
  g->n_nodes = n_nodes;
  g->n_base = n_nodes;
  g->n_arcs = n_arcs;
  g->to_external = to_external;
  g->to_internal = g_new (uint32_t, n_nodes > 0 ? n_nodes : 1);
  for (guint i = 0; i < n_nodes; i++)
    g->to_internal[to_external[i]] = i;

  /* pass 1: external arcs by internal head (stable) */
  uint32_t *count = g_new0 (uint32_t, n1);
  uint32_t *by_head = g_new (uint32_t, m1);
  for (guint k = 0; k < n_arcs; k++)
    count[g->to_internal[heads[k]] + 1]++;
  for (guint v = 0; v < n_nodes; v++)
    count[v + 1] += count[v];
  for (guint k = 0; k < n_arcs; k++)
    by_head[count[g->to_internal[heads[k]]]++] = k;

  /* pass 2: distribute by internal tail, keeping the head order */
  g->first_out = g_new0 (uint32_t, n1);
  for (guint k = 0; k < n_arcs; k++)
    g->first_out[g->to_internal[tails[k]] + 1]++;
  for (guint v = 0; v < n_nodes; v++)
    g->first_out[v + 1] += g->first_out[v];
  memcpy (count, g->first_out, sizeof *count * n1);
  g->head = g_new (uint32_t, m1);
  g->arc_tail = g_new (uint32_t, m1);
  g->arc_ext = g_new (uint32_t, m1);
  g->arc_int = g_new (uint32_t, m1);
  for (guint i = 0; i < n_arcs; i++)
    {
      uint32_t k = by_head[i];
      uint32_t u = g->to_internal[tails[k]];
      uint32_t a = count[u]++;
      g->head[a] = g->to_internal[heads[k]];
      g->arc_tail[a] = u;
      g->arc_ext[a] = k;
      g->arc_int[k] = a;
    }
  g_free (by_head);

  /* reverse CSR: forward arcs in order are sorted by tail */
  g->rfirst_out = g_new0 (uint32_t, n1);
  for (guint a = 0; a < n_arcs; a++)
    g->rfirst_out[g->head[a] + 1]++;
  for (guint v = 0; v < n_nodes; v++)
    g->rfirst_out[v + 1] += g->rfirst_out[v];
  memcpy (count, g->rfirst_out, sizeof *count * n1);
  g->rtail = g_new (uint32_t, m1);
  g->rarc = g_new (uint32_t, m1);
  for (guint a = 0; a < n_arcs; a++)
    {
      uint32_t i = count[g->head[a]]++;
      g->rtail[i] = g->arc_tail[a];
      g->rarc[i] = a;
    }
  g_free (count);

  g->arc_link = g_new (TnetId, m1);
  for (guint k = 0; k < n_arcs; k++)
    g->arc_link[k] = arc_links ? arc_links[k] : TNET_ID_NONE;
  sync_csr (g);
  return g;
}

/* A graph is immutable once built, so holding a const pointer is enough
 * to keep it alive: the reference count is the one field that changes
 * after the builder returns, only through these two functions and
 * atomically, and every graph is allocated writable (g_new0() in the
 * builders), so dropping the const here is defined. This is the only
 * place in the graph layer that does it for a graph. */
static TnetGraph *
counted_graph (const TnetGraph *graph)
{
  return (TnetGraph *) graph;
}

const TnetGraph *
tnet_graph_ref (const TnetGraph *graph)
{
  g_return_val_if_fail (graph != NULL, NULL);
  g_atomic_int_inc (&counted_graph (graph)->ref_count);
  return graph;
}

void
tnet_graph_unref (const TnetGraph *cgraph)
{
  if (cgraph == NULL || !g_atomic_int_dec_and_test (&counted_graph (cgraph)->ref_count))
    return;
  /* the last reference: nobody else can see the graph any more */
  TnetGraph *graph = counted_graph (cgraph);
  g_free (graph->first_out);
  g_free (graph->head);
  g_free (graph->rfirst_out);
  g_free (graph->rtail);
  g_free (graph->rarc);
  g_free (graph->to_internal);
  g_free (graph->to_external);
  g_free (graph->arc_ext);
  g_free (graph->arc_int);
  g_free (graph->arc_tail);
  g_free (graph->arc_link);
  g_free (graph->twin);
  g_free (graph->twin_of);
  g_free (graph);
}

void
tnet_i_graph_set_twins (TnetGraph *graph, guint n_base, const TnetId *terminals,
                        guint n_terminals)
{
  g_return_if_fail (graph != NULL && n_base + n_terminals == graph->n_nodes);
  g_return_if_fail (graph->twin == NULL);
  if (n_terminals == 0)
    {
      graph->n_base = graph->n_nodes;
      sync_csr (graph);
      return;
    }
  graph->n_base = n_base;
  graph->twin = g_new (uint32_t, n_base);
  graph->twin_of = g_new (uint32_t, n_terminals);
  for (guint v = 0; v < n_base; v++)
    graph->twin[v] = v;
  for (guint k = 0; k < n_terminals; k++)
    {
      graph->twin[terminals[k]] = n_base + k;
      graph->twin_of[k] = terminals[k];
    }
  sync_csr (graph);
}

TnetId
tnet_graph_arrival_node (const TnetGraph *graph, TnetId node)
{
  g_return_val_if_fail (graph != NULL, TNET_ID_NONE);
  g_return_val_if_fail (node < graph->n_nodes, TNET_ID_NONE);
  return graph->twin != NULL && node < graph->n_base ? graph->twin[node] : node;
}

TnetId
tnet_graph_terminal_of (const TnetGraph *graph, TnetId node)
{
  g_return_val_if_fail (graph != NULL, TNET_ID_NONE);
  g_return_val_if_fail (node < graph->n_nodes, TNET_ID_NONE);
  return tnet_i_graph_untwin (graph, node);
}

guint
tnet_graph_n_base_nodes (const TnetGraph *graph)
{
  g_return_val_if_fail (graph != NULL, 0);
  return graph->twin != NULL ? graph->n_base : graph->n_nodes;
}

guint
tnet_graph_n_nodes (const TnetGraph *graph)
{
  g_return_val_if_fail (graph != NULL, 0);
  return graph->n_nodes;
}

guint
tnet_graph_n_arcs (const TnetGraph *graph)
{
  g_return_val_if_fail (graph != NULL, 0);
  return graph->n_arcs;
}

TnetId
tnet_graph_arc_tail (const TnetGraph *graph, TnetId arc)
{
  g_return_val_if_fail (graph != NULL && arc < graph->n_arcs, TNET_ID_NONE);
  return graph->to_external[graph->arc_tail[graph->arc_int[arc]]];
}

TnetId
tnet_graph_arc_head (const TnetGraph *graph, TnetId arc)
{
  g_return_val_if_fail (graph != NULL && arc < graph->n_arcs, TNET_ID_NONE);
  return graph->to_external[graph->head[graph->arc_int[arc]]];
}

TnetId
tnet_graph_arc_link (const TnetGraph *graph, TnetId arc)
{
  g_return_val_if_fail (graph != NULL && arc < graph->n_arcs, TNET_ID_NONE);
  return graph->arc_link[arc];
}

gsize
tnet_graph_memory_bytes (const TnetGraph *graph)
{
  g_return_val_if_fail (graph != NULL, 0);
  gsize n = graph->n_nodes, m = graph->n_arcs;
  /* first_out, rfirst_out: n+1 each; to_internal, to_external: n each;
   * head, rtail, rarc, arc_ext, arc_int, arc_tail, arc_link: m each */
  gsize twins = graph->twin ? graph->n_base + (n - graph->n_base) : 0;
  return sizeof *graph + sizeof (uint32_t) * (2 * (n + 1) + 2 * n + 7 * m + twins);
}

/* ---------- metrics ---------- */

TnetMetric *
tnet_metric_new (const TnetGraph *graph, const TnetWeight *weights, GError **error)
{
  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (graph->n_arcs == 0 || weights != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint k = 0; k < graph->n_arcs; k++)
    if (weights[k] > TNET_WEIGHT_MAX)
      {
        g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                     "arc %u: weight %u too large (expected at most %u)", k,
                     weights[k], TNET_WEIGHT_MAX);
        return NULL;
      }
  gsize m1 = graph->n_arcs > 0 ? graph->n_arcs : 1;
  TnetMetric *metric = g_new0 (TnetMetric, 1);
  metric->ref_count = 1;
  metric->graph = tnet_graph_ref (graph);
  metric->weight = g_new (uint32_t, m1);
  metric->rweight = g_new (uint32_t, m1);
  for (guint a = 0; a < graph->n_arcs; a++)
    metric->weight[a] = weights[graph->arc_ext[a]];
  for (guint i = 0; i < graph->n_arcs; i++)
    metric->rweight[i] = metric->weight[graph->rarc[i]];
  metric->view = (TnetIWeights) { graph, &graph->csr, metric->weight, metric->rweight };
  return metric;
}

/* A metric is immutable once made (there is no setter): as for graphs,
 * the reference count is the one field that changes afterwards, through
 * these two functions and atomically, and every metric is allocated
 * writable (g_new0() in tnet_metric_new()), so dropping the const here is
 * defined. This is the only place that does it for a metric. */
static TnetMetric *
counted_metric (const TnetMetric *metric)
{
  return (TnetMetric *) metric;
}

const TnetMetric *
tnet_metric_ref (const TnetMetric *metric)
{
  g_return_val_if_fail (metric != NULL, NULL);
  g_atomic_int_inc (&counted_metric (metric)->ref_count);
  return metric;
}

void
tnet_metric_unref (const TnetMetric *cmetric)
{
  if (cmetric == NULL || !g_atomic_int_dec_and_test (&counted_metric (cmetric)->ref_count))
    return;
  /* the last reference: nobody else can see the metric any more */
  TnetMetric *metric = counted_metric (cmetric);
  tnet_graph_unref (metric->graph);
  g_free (metric->weight);
  g_free (metric->rweight);
  g_free (metric);
}

const TnetGraph *
tnet_metric_get_graph (const TnetMetric *metric)
{
  g_return_val_if_fail (metric != NULL, NULL);
  return metric->graph;
}

TnetWeight
tnet_metric_weight (const TnetMetric *metric, TnetId arc)
{
  g_return_val_if_fail (metric != NULL && arc < metric->graph->n_arcs, TNET_WEIGHT_INF);
  return metric->weight[metric->graph->arc_int[arc]];
}
