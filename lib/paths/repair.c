/* repair.c: distances after removing arcs, repaired from a shortest-path
 * tree instead of searched again.
 *
 * Implementation notes
 *
 * - The base is an ordinary TnetSearch run (forward, whole graph), so the
 *   repair shares the search core's kernel, heap and renumbered CSR. Its
 *   parents (forward CSR positions = internal arc indices) give the tree;
 *   the tree is laid out in preorder with subtree sizes, so "every node
 *   under arc a" is one contiguous range of order[].
 * - Removing a set of arcs can only change the nodes whose tree path uses
 *   one of them: the subtrees under the removed tree arcs (the affected
 *   set). Every other node keeps its tree path, hence its distance.
 * - Each affected node starts at its best in-arc (reverse CSR) from an
 *   unaffected node: base distance + weight, blocked arcs skipped. Then a
 *   Dijkstra restricted to affected nodes (out-arcs into affected nodes
 *   only, blocked arcs skipped) settles them in order and stops once every
 *   target is settled. A target never settled is cut off (INF).
 * - Blocked arcs are a mask of one byte per internal arc, set for the run
 *   and cleared after it (touching only the arcs given). Affected nodes and
 *   pending targets are epoch stamps, so a run costs what it touches:
 *   the in-arcs of the affected set and the restricted search.
 * - Building the tree costs O(n) per source (the node arrays are scanned
 *   once to count children).
 */
#include "search-private.h"

struct _TnetRepair {
  const TnetGraph *graph;    /* strong reference */
  const TnetMetric *metric;  /* strong reference of the base run, or NULL */
  TnetSearch *base;          /* the base run: full forward search */
  uint32_t source;           /* internal source of the base run, or NONE */
  /* the base tree over internal ids, valid after tnet_repair_set_source():
   * order[0 .. n_tree-1] is a preorder of the reached nodes; for a reached
   * node v, pre[v] is its position and size[v] its subtree's node count */
  uint32_t *order;
  uint32_t *pre;
  uint32_t *size;
  uint32_t *child_first;     /* n + 1: children of v are child[child_first[v] ..] */
  uint32_t *child;
  guint n_tree;
  /* the repair: label[v].stamp == epoch iff v is affected in the current
   * run; then label[v].dist is its tentative or settled new distance */
  TnetSearchLabel *label;
  uint32_t *tstamp;          /* v is a pending target iff tstamp[v] == epoch */
  uint32_t epoch;            /* >= 1 */
  uint32_t *affected;        /* the affected nodes of the current run; also
                              * the stack of the preorder walk */
  uint8_t *blocked;          /* per internal arc; all 0 between runs */
  TnetHeap heap;             /* empty between runs */
};

TnetRepair *
tnet_repair_new (const TnetGraph *graph)
{
  g_return_val_if_fail (graph != NULL, NULL);
  const TnetICsr *g = tnet_i_graph_csr (graph);
  gsize n1 = MAX (g->n_nodes, 1u);
  TnetRepair *r = g_new0 (TnetRepair, 1);
  r->graph = tnet_graph_ref (graph);
  r->base = tnet_search_new (graph);
  r->source = TNET_ID_NONE;
  r->order = g_new (uint32_t, n1);
  r->pre = g_new (uint32_t, n1);
  r->size = g_new (uint32_t, n1);
  r->child_first = g_new (uint32_t, n1 + 1);
  r->child = g_new (uint32_t, n1);
  r->label = g_new0 (TnetSearchLabel, n1);
  r->tstamp = g_new0 (uint32_t, n1);
  r->epoch = 1;
  r->affected = g_new (uint32_t, n1);
  r->blocked = g_new0 (uint8_t, MAX (g->n_arcs, 1u));
  tnet_i_heap_init (&r->heap, g->n_nodes);
  return r;
}

void
tnet_repair_free (TnetRepair *repair)
{
  if (repair == NULL)
    return;
  tnet_i_heap_destroy (&repair->heap);
  tnet_search_free (repair->base);
  if (repair->metric)
    tnet_metric_unref (repair->metric);
  g_free (repair->order);
  g_free (repair->pre);
  g_free (repair->size);
  g_free (repair->child_first);
  g_free (repair->child);
  g_free (repair->label);
  g_free (repair->tstamp);
  g_free (repair->affected);
  g_free (repair->blocked);
  tnet_graph_unref (repair->graph);
  g_free (repair);
}

/* TRUE when internal node @v was reached by the base run (a full run
 * leaves the heap empty, so labelled = settled). */
static inline gboolean
base_reached (const TnetRepair *r, uint32_t v)
{
  const TnetSearch *b = r->base;
  return b->label[v].stamp == b->epoch;
}

void
tnet_repair_set_source (TnetRepair *repair, const TnetMetric *metric, TnetId source)
{
  g_return_if_fail (repair != NULL && metric != NULL);
  g_return_if_fail (tnet_metric_get_graph (metric) == repair->graph);
  TnetRepair *r = repair;
  const TnetICsr *g = tnet_i_graph_csr (r->graph);
  g_return_if_fail (source < g->n_nodes);
  guint n = g->n_nodes;
  if (r->metric != metric)
    {
      if (r->metric)
        tnet_metric_unref (r->metric);
      r->metric = tnet_metric_ref (metric);
    }
  tnet_search_unblock_all (r->base);
  tnet_search_run (r->base, metric, source, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
  r->source = g->to_internal[source];

  const TnetSearch *b = r->base;
  const uint32_t *arc_tail = g->arc_tail;
  memset (r->child_first, 0, (n + 1) * sizeof *r->child_first);
  for (uint32_t v = 0; v < n; v++)
    if (base_reached (r, v) && b->parent[v] != TNET_ID_NONE)
      r->child_first[arc_tail[b->parent[v]] + 1]++;
  for (uint32_t v = 0; v < n; v++)
    r->child_first[v + 1] += r->child_first[v];
  /* fill with a moving cursor kept in size[] */
  for (uint32_t v = 0; v < n; v++)
    r->size[v] = r->child_first[v];
  for (uint32_t v = 0; v < n; v++)
    if (base_reached (r, v) && b->parent[v] != TNET_ID_NONE)
      r->child[r->size[arc_tail[b->parent[v]]]++] = v;
  /* preorder by an explicit stack (affected[] serves as the stack): a
   * node's subtree is finished before anything under it on the stack */
  guint top = 0, k = 0;
  r->affected[top++] = r->source;
  while (top > 0)
    {
      uint32_t v = r->affected[--top];
      r->pre[v] = k;
      r->order[k++] = v;
      for (uint32_t c = r->child_first[v]; c < r->child_first[v + 1]; c++)
        r->affected[top++] = r->child[c];
    }
  r->n_tree = k;
  for (guint i = 0; i < k; i++)
    r->size[r->order[i]] = 1;
  for (guint i = k; i-- > 1;)
    {
      uint32_t v = r->order[i];
      r->size[arc_tail[b->parent[v]]] += r->size[v];
    }
}

TnetWeight
tnet_repair_base_distance (const TnetRepair *repair, TnetId node)
{
  g_return_val_if_fail (repair != NULL && repair->source != TNET_ID_NONE, TNET_WEIGHT_INF);
  const TnetICsr *g = tnet_i_graph_csr (repair->graph);
  g_return_val_if_fail (node < g->n_nodes, TNET_WEIGHT_INF);
  uint32_t v = g->to_internal[node];
  return base_reached (repair, v) ? repair->base->label[v].dist : TNET_WEIGHT_INF;
}

guint
tnet_repair_base_path (const TnetRepair *repair, TnetId node, TnetId *arcs, guint cap)
{
  g_return_val_if_fail (repair != NULL && repair->source != TNET_ID_NONE, G_MAXUINT);
  g_return_val_if_fail (node < tnet_graph_n_nodes (repair->graph), G_MAXUINT);
  g_return_val_if_fail (cap == 0 || arcs != NULL, G_MAXUINT);
  const TnetICsr *g = tnet_i_graph_csr (repair->graph);
  const uint32_t *parent = repair->base->parent;
  uint32_t v = g->to_internal[node];
  if (!base_reached (repair, v))
    return G_MAXUINT;
  guint len = 0;
  for (uint32_t x = v; parent[x] != TNET_ID_NONE; x = g->arc_tail[parent[x]])
    len++;
  guint k = 0;
  for (uint32_t x = v; parent[x] != TNET_ID_NONE; x = g->arc_tail[parent[x]], k++)
    if (len - 1 - k < cap)
      arcs[len - 1 - k] = g->arc_ext[parent[x]];
  return len;
}

void
tnet_repair_run (TnetRepair *repair, const TnetId *blocked_arcs, guint n_blocked,
                 const TnetId *targets, guint n_targets, TnetWeight *dist_out)
{
  g_return_if_fail (repair != NULL && repair->source != TNET_ID_NONE);
  g_return_if_fail (n_blocked == 0 || blocked_arcs != NULL);
  g_return_if_fail (n_targets == 0 || (targets != NULL && dist_out != NULL));
  TnetRepair *r = repair;
  const TnetICsr *g = tnet_i_graph_csr (r->graph);
  const TnetIWeights *metric = tnet_i_metric_weights (r->metric);
  const TnetSearch *b = r->base;
  for (guint i = 0; i < n_blocked; i++)
    g_return_if_fail (blocked_arcs[i] < g->n_arcs);
  for (guint i = 0; i < n_targets; i++)
    g_return_if_fail (targets[i] < g->n_nodes);

  if (G_UNLIKELY (++r->epoch == 0))
    {
      for (guint v = 0; v < g->n_nodes; v++)
        {
          r->label[v].stamp = 0;
          r->tstamp[v] = 0;
        }
      r->epoch = 1;
    }
  const uint32_t epoch = r->epoch;
  TnetSearchLabel *restrict label = r->label;
  uint8_t *restrict blocked = r->blocked;

  /* the affected set: subtrees under the blocked tree arcs */
  guint n_aff = 0;
  for (guint i = 0; i < n_blocked; i++)
    blocked[g->arc_int[blocked_arcs[i]]] = 1;
  for (guint i = 0; i < n_blocked; i++)
    {
      uint32_t a = g->arc_int[blocked_arcs[i]], h = g->head[a];
      if (!base_reached (r, h) || b->parent[h] != a || label[h].stamp == epoch)
        continue;
      for (uint32_t k = r->pre[h]; k < r->pre[h] + r->size[h]; k++)
        {
          uint32_t x = r->order[k];
          if (label[x].stamp != epoch)
            {
              label[x].stamp = epoch;
              label[x].dist = TNET_WEIGHT_INF;
              r->affected[n_aff++] = x;
            }
        }
    }

  guint left = 0;
  for (guint i = 0; i < n_targets; i++)
    {
      uint32_t t = g->to_internal[targets[i]];
      if (label[t].stamp == epoch && r->tstamp[t] != epoch)
        {
          r->tstamp[t] = epoch;
          left++;
        }
    }

  /* each affected node from its best in-arc out of the unaffected part */
  const uint32_t *restrict rfirst = g->rfirst_out, *restrict rtail = g->rtail;
  const uint32_t *restrict rarc = g->rarc, *restrict rweight = metric->rweight;
  for (guint i = 0; left > 0 && i < n_aff; i++)
    {
      uint32_t x = r->affected[i];
      uint64_t best = TNET_WEIGHT_INF;
      for (uint32_t k = rfirst[x]; k < rfirst[x + 1]; k++)
        {
          uint32_t y = rtail[k];
          if (label[y].stamp == epoch || blocked[rarc[k]] || !base_reached (r, y))
            continue;
          uint64_t nd = (uint64_t) b->label[y].dist + rweight[k];
          if (nd < best)
            best = nd;
        }
      if (best < TNET_WEIGHT_INF)
        {
          label[x].dist = (TnetWeight) best;
          tnet_i_heap_push_or_decrease (&r->heap, x, (uint32_t) best);
        }
    }

  /* Dijkstra restricted to the affected set */
  const uint32_t *restrict first = g->first_out, *restrict head = g->head;
  const uint32_t *restrict weight = metric->weight;
  while (left > 0 && !tnet_i_heap_empty (&r->heap))
    {
      TnetHeapEntry top = tnet_i_heap_pop (&r->heap);
      uint32_t u = top.item, du = top.key;
      if (r->tstamp[u] == epoch)
        {
          r->tstamp[u] = 0;
          if (--left == 0)
            break;
        }
      for (uint32_t a = first[u]; a < first[u + 1]; a++)
        {
          uint32_t v = head[a];
          if (label[v].stamp != epoch || blocked[a])
            continue;
          uint64_t nd = (uint64_t) du + weight[a];
          if (nd < label[v].dist)
            {
              label[v].dist = (TnetWeight) nd;
              tnet_i_heap_push_or_decrease (&r->heap, v, (uint32_t) nd);
            }
        }
    }
  tnet_i_heap_reset (&r->heap);

  /* targets: unaffected ones keep their base distance; affected ones are
   * settled (exact) or were never reached (cut: INF) */
  for (guint i = 0; i < n_targets; i++)
    {
      uint32_t t = g->to_internal[targets[i]];
      if (label[t].stamp != epoch)
        dist_out[i] = base_reached (r, t) ? b->label[t].dist : TNET_WEIGHT_INF;
      else
        dist_out[i] = r->tstamp[t] == epoch ? TNET_WEIGHT_INF : label[t].dist;
    }
  for (guint i = 0; i < n_targets; i++)
    r->tstamp[g->to_internal[targets[i]]] = 0;
  for (guint i = 0; i < n_blocked; i++)
    blocked[g->arc_int[blocked_arcs[i]]] = 0;
}
