/* search.c: Dijkstra workspaces over the CSR graph.
 *
 * Implementation notes
 *
 * The kernel is textbook Dijkstra with lazy initialisation:
 *
 * - Topology and weights are read as three plain arrays (first_out, head,
 *   weight — or rfirst_out, rtail, rweight for a backward run); the arcs of
 *   a node are contiguous and, thanks to the locality order of the graph,
 *   their heads are usually near each other in memory.
 * - Node state is an array of {dist, stamp} pairs. A node is labelled in
 *   this run iff its stamp equals the current epoch, so starting a run costs
 *   O(1) instead of O(n); when the 32-bit epoch wraps, every stamp is cleared
 *   once. parent[] and origin[] are only read for labelled nodes and need no
 *   clearing either.
 * - The priority queue is the indexed 4-ary heap of lib/core/heap.h with
 *   decrease-key, so the heap never holds more than one entry per node.
 *   A node leaves the heap when it is settled; after the run the heap holds
 *   exactly the labelled-but-unsettled nodes (only an early exit at the
 *   target leaves any), which is how tnet_search_distance() tells the two
 *   apart without a third per-node array. The next run empties it touching
 *   only those nodes.
 * - A settled node is never relabelled: with weights >= 0 its final
 *   distance is <= any tentative distance found later, so the relaxation
 *   needs no "settled?" test.
 * - Budget: a label above the budget is never created, so the settled set
 *   is exactly {v : dist(v) <= budget} and the heap stays small.
 * - Parents are stored as CSR positions of the run's direction; turning
 *   them into external arc ids (through rarc[] and arc_ext[]) happens only
 *   when a path is asked for, so the hot loop touches nothing else.
 *
 * - Zones (terminals) have an arrival twin in compiled graphs (see
 *   tnet_graph_arrival_node()). A backward run roots a terminal at its
 *   twin, a forward run's target is the twin, every read of a node takes
 *   the better of the node and its twin, paths leave out the free arc
 *   zone -> twin, and after a run the settled list drops twins whose zone
 *   was settled too; the kernel itself never knows.
 *
 * - Blocked arcs: a mask of one byte per internal forward arc, read only
 *   when some arc is blocked; the kernel is instantiated twice (with and
 *   without the mask) so that the unblocked loop carries no extra test.
 *   A backward run reads the mask through rarc[].
 *
 * All arrays are allocated by tnet_search_new(); a run allocates nothing
 * (the blocked-arc mask is allocated by the first tnet_search_block_arcs()).
 */
#include "search-private.h"

TnetSearch *
tnet_search_new (const TnetGraph *graph)
{
  g_return_val_if_fail (graph != NULL, NULL);
  guint n_nodes = tnet_graph_n_nodes (graph);
  gsize n1 = n_nodes > 0 ? n_nodes : 1;
  TnetSearch *s = g_new0 (TnetSearch, 1);
  s->graph = tnet_graph_ref (graph);
  s->csr = tnet_i_graph_csr (graph);
  s->label = g_new0 (TnetSearchLabel, n1);
  s->parent = g_new (uint32_t, n1);
  s->origin = g_new (uint32_t, n1);
  s->settled = g_new (uint32_t, n1);
  s->epoch = 1; /* stamps are 0: nothing is labelled before the first run */
  s->dir = TNET_FORWARD;
  tnet_i_heap_init (&s->heap, n_nodes);
  return s;
}

void
tnet_search_free (TnetSearch *search)
{
  if (search == NULL)
    return;
  tnet_i_heap_destroy (&search->heap);
  g_free (search->label);
  g_free (search->parent);
  g_free (search->origin);
  g_free (search->settled);
  g_free (search->blocked);
  tnet_graph_unref (search->graph);
  g_free (search);
}

const TnetGraph *
tnet_search_get_graph (const TnetSearch *search)
{
  g_return_val_if_fail (search != NULL, NULL);
  return search->graph;
}

void
tnet_i_search_set_epoch (TnetSearch *search, uint32_t epoch)
{
  g_return_if_fail (search != NULL && epoch >= 1);
  /* keep the invariant "every stamp <= epoch" */
  for (guint v = 0; v < search->csr->n_nodes; v++)
    search->label[v].stamp = 0;
  tnet_i_heap_reset (&search->heap);
  search->n_settled = 0;
  search->epoch = epoch;
}

/* Starts a run: a fresh epoch, an empty heap and settled list. */
static void
begin_run (TnetSearch *s, TnetDirection dir)
{
  tnet_i_heap_reset (&s->heap);
  s->n_settled = 0;
  s->dir = dir;
  if (G_UNLIKELY (++s->epoch == 0))
    {
      for (guint v = 0; v < s->csr->n_nodes; v++)
        s->label[v].stamp = 0;
      s->epoch = 1;
    }
}

static inline void
add_root (TnetSearch *s, uint32_t v, TnetWeight d, TnetWeight budget)
{
  if (d > budget)
    return;
  TnetSearchLabel *l = &s->label[v];
  if (l->stamp == s->epoch && l->dist <= d)
    return;
  l->stamp = s->epoch;
  l->dist = d;
  s->parent[v] = TNET_ID_NONE;
  s->origin[v] = v;
  tnet_i_heap_push_or_decrease (&s->heap, v, d);
}

/* The kernel, shared by both directions: @first/@adj/@w are the CSR of the
 * direction of travel. @target is internal or TNET_ID_NONE. @mask (nullable)
 * marks blocked arcs by internal forward arc; @mask_of maps a CSR position
 * to that index (NULL: the position itself, i.e. the forward CSR). Always
 * inlined, so the call with a constant NULL mask loses the test. */
static inline __attribute__ ((always_inline)) void
dijkstra_kernel (TnetSearch *s, const uint32_t *restrict first,
                 const uint32_t *restrict adj, const uint32_t *restrict w,
                 TnetWeight budget, uint32_t target, const uint8_t *restrict mask,
                 const uint32_t *restrict mask_of)
{
  TnetSearchLabel *restrict label = s->label;
  uint32_t *restrict parent = s->parent;
  uint32_t *restrict origin = s->origin;
  uint32_t *restrict settled = s->settled;
  const uint32_t epoch = s->epoch;
  TnetHeap *heap = &s->heap;
  guint n_settled = 0;

  while (!tnet_i_heap_empty (heap))
    {
      TnetHeapEntry top = tnet_i_heap_pop (heap);
      const uint32_t u = top.item, du = top.key, ou = origin[u];
      settled[n_settled++] = u;
      if (u == target)
        break;
      const uint32_t end = first[u + 1];
      for (uint32_t a = first[u]; a < end; a++)
        {
          if (mask != NULL && mask[mask_of != NULL ? mask_of[a] : a])
            continue;
          const uint32_t v = adj[a];
          const uint32_t dv = du + w[a]; /* du <= INF-1, w <= MAX: no wrap */
          if (dv > budget)
            continue;
          TnetSearchLabel *lv = &label[v];
          if (lv->stamp != epoch)
            lv->stamp = epoch;
          else if (dv >= lv->dist)
            continue;
          lv->dist = dv;
          parent[v] = a;
          origin[v] = ou;
          tnet_i_heap_push_or_decrease (heap, v, dv);
        }
    }
  s->n_settled = n_settled;
}

static void
run_dijkstra (TnetSearch *s, const uint32_t *restrict first,
              const uint32_t *restrict adj, const uint32_t *restrict w,
              TnetWeight budget, uint32_t target)
{
  dijkstra_kernel (s, first, adj, w, budget, target, NULL, NULL);
}

static void
run_dijkstra_masked (TnetSearch *s, const uint32_t *restrict first,
                     const uint32_t *restrict adj, const uint32_t *restrict w,
                     TnetWeight budget, uint32_t target, const uint32_t *mask_of)
{
  dijkstra_kernel (s, first, adj, w, budget, target, s->blocked, mask_of);
}

static inline gboolean is_settled (const TnetSearch *s, uint32_t v);

/* A twin is listed under its zone's id: drop it when the zone itself was
 * settled, so that no id appears twice. */
static void
drop_settled_twins (TnetSearch *s)
{
  const TnetICsr *g = s->csr;
  guint k = 0;
  for (guint i = 0; i < s->n_settled; i++)
    {
      uint32_t u = s->settled[i], x = g->to_external[u];
      if (x >= g->n_base && is_settled (s, g->to_internal[g->twin_of[x - g->n_base]]))
        continue;
      s->settled[k++] = u;
    }
  s->n_settled = k;
}

void
tnet_search_run_multi (TnetSearch *search, const TnetMetric *metric,
                       const TnetId *sources, const TnetWeight *offsets,
                       guint n_sources, TnetDirection dir, TnetWeight budget,
                       TnetId target)
{
  g_return_if_fail (search != NULL && metric != NULL);
  const TnetIWeights *mw = tnet_i_metric_weights (metric);
  g_return_if_fail (mw->graph == search->graph);
  g_return_if_fail (n_sources == 0 || sources != NULL);
  g_return_if_fail (dir == TNET_FORWARD || dir == TNET_BACKWARD);
  g_return_if_fail (target == TNET_ID_NONE || target < search->csr->n_nodes);

  const TnetICsr *g = search->csr;
  /* INF is never a distance: every reached node stays below it */
  if (budget >= TNET_WEIGHT_INF)
    budget = TNET_WEIGHT_INF - 1;
  /* a programming error, checked before anything changes */
  for (guint k = 0; k < n_sources; k++)
    if (G_UNLIKELY (sources[k] >= g->n_nodes))
      {
        g_critical ("%s: source %u out of range (graph has %u nodes)",
                    G_STRFUNC, sources[k], g->n_nodes);
        return;
      }
  begin_run (search, dir);
  for (guint k = 0; k < n_sources; k++)
    {
      TnetWeight off = offsets ? offsets[k] : 0;
      TnetId src = sources[k];
      if (dir == TNET_BACKWARD && g->twin != NULL && src < g->n_base)
        src = g->twin[src];
      add_root (search, g->to_internal[src], MIN (off, TNET_WEIGHT_MAX), budget);
    }
  if (target != TNET_ID_NONE && dir == TNET_FORWARD && g->twin != NULL
      && target < g->n_base)
    target = g->twin[target];
  uint32_t t = target == TNET_ID_NONE ? TNET_ID_NONE : g->to_internal[target];
  if (search->n_blocked > 0 && dir == TNET_FORWARD)
    run_dijkstra_masked (search, g->first_out, g->head, mw->weight, budget, t, NULL);
  else if (search->n_blocked > 0)
    run_dijkstra_masked (search, g->rfirst_out, g->rtail, mw->rweight, budget, t, g->rarc);
  else if (dir == TNET_FORWARD)
    run_dijkstra (search, g->first_out, g->head, mw->weight, budget, t);
  else
    run_dijkstra (search, g->rfirst_out, g->rtail, mw->rweight, budget, t);
  if (g->twin != NULL)
    drop_settled_twins (search);
}

void
tnet_search_run (TnetSearch *search, const TnetMetric *metric, TnetId source,
                 TnetDirection dir, TnetWeight budget, TnetId target)
{
  g_return_if_fail (search != NULL);
  g_return_if_fail (source < search->csr->n_nodes);
  tnet_search_run_multi (search, metric, &source, NULL, 1, dir, budget, target);
}

/* TRUE when internal node @v was settled in the last run. */
static inline gboolean
is_settled (const TnetSearch *s, uint32_t v)
{
  return s->label[v].stamp == s->epoch && !tnet_i_heap_contains (&s->heap, v);
}

static inline TnetWeight
internal_distance (const TnetSearch *s, uint32_t v)
{
  return is_settled (s, v) ? s->label[v].dist : TNET_WEIGHT_INF;
}

/* The internal node that answers for external @node: the node itself or,
 * for a terminal, whichever of it and its twin is closer. */
static uint32_t
answering_node (const TnetSearch *s, TnetId node)
{
  const TnetICsr *g = s->csr;
  uint32_t v = g->to_internal[node];
  if (g->twin != NULL && node < g->n_base && g->twin[node] != node)
    {
      uint32_t w = g->to_internal[g->twin[node]];
      if (internal_distance (s, w) < internal_distance (s, v))
        return w;
    }
  return v;
}

TnetWeight
tnet_search_distance (const TnetSearch *search, TnetId node)
{
  g_return_val_if_fail (search != NULL, TNET_WEIGHT_INF);
  g_return_val_if_fail (node < search->csr->n_nodes, TNET_WEIGHT_INF);
  return internal_distance (search, answering_node (search, node));
}

guint
tnet_search_n_settled (const TnetSearch *search)
{
  g_return_val_if_fail (search != NULL, 0);
  return search->n_settled;
}

TnetId
tnet_search_settled_node (const TnetSearch *search, guint k)
{
  g_return_val_if_fail (search != NULL && k < search->n_settled, TNET_ID_NONE);
  return tnet_i_csr_untwin (search->csr,
                              search->csr->to_external[search->settled[k]]);
}

TnetId
tnet_search_origin (const TnetSearch *search, TnetId node)
{
  g_return_val_if_fail (search != NULL, TNET_ID_NONE);
  g_return_val_if_fail (node < search->csr->n_nodes, TNET_ID_NONE);
  uint32_t v = answering_node (search, node);
  if (!is_settled (search, v))
    return TNET_ID_NONE;
  return tnet_i_csr_untwin (search->csr,
                              search->csr->to_external[search->origin[v]]);
}

/* TRUE for the free arc zone -> twin (internal forward arc @a). */
static inline gboolean
is_twin_arc (const TnetICsr *g, uint32_t a)
{
  if (g->twin == NULL)
    return FALSE;
  uint32_t h = g->to_external[g->head[a]];
  return h >= g->n_base && g->to_internal[g->twin_of[h - g->n_base]] == g->arc_tail[a];
}

/* Forward arc index of the parent position @p of the last run. */
static inline uint32_t
parent_forward_arc (const TnetSearch *s, uint32_t p)
{
  return s->dir == TNET_FORWARD ? p : s->csr->rarc[p];
}

guint
tnet_search_path (const TnetSearch *search, TnetId node, TnetId *arcs, guint cap)
{
  g_return_val_if_fail (search != NULL, G_MAXUINT);
  g_return_val_if_fail (node < search->csr->n_nodes, G_MAXUINT);
  g_return_val_if_fail (cap == 0 || arcs != NULL, G_MAXUINT);
  const TnetICsr *g = search->csr;
  uint32_t v = answering_node (search, node);
  if (!is_settled (search, v))
    return G_MAXUINT;

  /* Forward: parents lead from @node back to the source, so the path is
   * written back to front. Backward: parents lead from @node towards the
   * source along the direction of travel already. */
  guint len = 0;
  for (uint32_t x = v; search->parent[x] != TNET_ID_NONE;)
    {
      uint32_t a = parent_forward_arc (search, search->parent[x]);
      len += !is_twin_arc (g, a);
      x = search->dir == TNET_FORWARD ? g->arc_tail[a] : g->head[a];
    }
  guint k = 0;
  for (uint32_t x = v; search->parent[x] != TNET_ID_NONE;)
    {
      uint32_t a = parent_forward_arc (search, search->parent[x]);
      if (!is_twin_arc (g, a))
        {
          guint slot = search->dir == TNET_FORWARD ? len - 1 - k : k;
          if (slot < cap)
            arcs[slot] = g->arc_ext[a];
          k++;
        }
      x = search->dir == TNET_FORWARD ? g->arc_tail[a] : g->head[a];
    }
  return len;
}

void
tnet_search_block_arcs (TnetSearch *search, const TnetId *arcs, guint n_arcs,
                        gboolean blocked)
{
  g_return_if_fail (search != NULL);
  g_return_if_fail (n_arcs == 0 || arcs != NULL);
  const TnetICsr *g = search->csr;
  for (guint i = 0; i < n_arcs; i++)
    if (G_UNLIKELY (arcs[i] >= g->n_arcs))
      {
        g_critical ("%s: arc %u out of range (graph has %u arcs)", G_STRFUNC, arcs[i],
                    g->n_arcs);
        return;
      }
  if (search->blocked == NULL)
    {
      if (!blocked)
        return;
      search->blocked = g_new0 (uint8_t, g->n_arcs > 0 ? g->n_arcs : 1);
    }
  for (guint i = 0; i < n_arcs; i++)
    {
      uint8_t *slot = &search->blocked[g->arc_int[arcs[i]]];
      if (*slot != (uint8_t) (blocked != FALSE))
        {
          *slot = blocked != FALSE;
          search->n_blocked += blocked ? 1 : (guint) -1;
        }
    }
}

void
tnet_search_unblock_all (TnetSearch *search)
{
  g_return_if_fail (search != NULL);
  if (search->blocked != NULL && search->n_blocked > 0)
    memset (search->blocked, 0, search->csr->n_arcs);
  search->n_blocked = 0;
}

guint
tnet_search_n_blocked (const TnetSearch *search)
{
  g_return_val_if_fail (search != NULL, 0);
  return search->n_blocked;
}
