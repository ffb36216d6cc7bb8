/* ch-build.c: contraction hierarchy preprocessing.
 *
 * Implementation notes:
 * - The remaining graph is a set of per-node edge lists; an edge entry at u
 *   for neighbour v holds both w(u→v) and w(v→u) (INF when absent) and the
 *   hop counts (original arcs represented), mirrored at v. Removing a
 *   contracted node swaps it out of its neighbours' lists. Self-loops are
 *   dropped and parallel arcs keep the minimum.
 * - Contracting x: for each in-neighbour u one Dijkstra from u that avoids
 *   x, bounded by max_v w(u,x)+w(x,v) and by a settle limit, decides for
 *   every out-neighbour v whether the shortcut u→v is needed. A tentative
 *   label counts as a witness (it is a real path), so a bounded search only
 *   ever adds superfluous shortcuts, never misses a needed one.
 * - Order: priority = level + added/removed arcs + added/removed hops
 *   (level = 1 + the highest level of a contracted neighbour, which spreads
 *   contraction evenly). Lazy updates: a popped node is re-evaluated and
 *   pushed back if it is no longer the minimum; the neighbours of a
 *   contracted node are re-evaluated at once. The queue is a binary heap
 *   with stale entries skipped by comparing with the current priority.
 * - When x is contracted its list holds exactly its arcs to higher ranks;
 *   it is copied into the final upward arrays at once, so the result is
 *   built in rank order with no extra pass.
 */
#include "tnet-internal.h"
#include "graph-private.h"
#include "ch-private.h"
#include "heap.h"
#include <gio/gio.h>

typedef struct {
  uint32_t nbr;
  uint32_t wout;   /* owner → nbr, INF when absent */
  uint32_t win;    /* nbr → owner, INF when absent */
  uint32_t hout;   /* hops of the wout arc */
  uint32_t hin;
} DynEdge;

typedef struct {
  DynEdge *e;
  uint32_t n;
  uint32_t cap;
} DynList;

typedef struct {
  uint64_t key;    /* priority (high bits) */
  uint32_t node;
} QItem;

typedef struct {
  guint n;
  DynList *lists;
  uint32_t *level;
  uint32_t *prio;        /* current priority of each uncontracted node */
  guint8 *contracted;
  /* witness search */
  uint32_t *dist;
  uint32_t *stamp;
  uint32_t epoch;
  TnetHeap heap;
  /* candidate shortcuts of the node being examined */
  GArray *shortcuts;     /* Shortcut */
  GArray *queue;         /* QItem, binary min-heap */
} Builder;

typedef struct {
  uint32_t from, to, w, hops;
} Shortcut;

static DynEdge *
find_edge (DynList *l, uint32_t v)
{
  for (uint32_t i = 0; i < l->n; i++)
    if (l->e[i].nbr == v)
      return &l->e[i];
  return NULL;
}

static DynEdge *
add_edge (DynList *l, uint32_t v)
{
  if (l->n == l->cap)
    {
      l->cap = l->cap ? 2 * l->cap : 4;
      l->e = g_renew (DynEdge, l->e, l->cap);
    }
  DynEdge *e = &l->e[l->n++];
  *e = (DynEdge) { v, TNET_WEIGHT_INF, TNET_WEIGHT_INF, 0, 0 };
  return e;
}

/* Adds u→v with weight w (or lowers an existing one), mirrored at v. */
static void
add_arc (Builder *b, uint32_t u, uint32_t v, uint32_t w, uint32_t hops)
{
  DynEdge *e = find_edge (&b->lists[u], v);
  if (e == NULL)
    e = add_edge (&b->lists[u], v);
  if (w >= e->wout)
    return;
  e->wout = w;
  e->hout = hops;
  DynEdge *f = find_edge (&b->lists[v], u);
  if (f == NULL)
    f = add_edge (&b->lists[v], u);
  f->win = w;
  f->hin = hops;
}

static void
remove_edge (DynList *l, uint32_t v)
{
  for (uint32_t i = 0; i < l->n; i++)
    if (l->e[i].nbr == v)
      {
        l->e[i] = l->e[--l->n];
        return;
      }
}

static void
next_epoch (Builder *b)
{
  if (++b->epoch == 0)
    {
      memset (b->stamp, 0, b->n * sizeof (uint32_t));
      b->epoch = 1;
    }
}

/* Dijkstra from @src over remaining nodes except @avoid, up to distance
 * @bound and @limit settled nodes. Labels: dist[] where stamp[] == epoch. */
static void
witness_search (Builder *b, uint32_t src, uint32_t avoid, uint32_t bound, guint limit)
{
  next_epoch (b);
  b->dist[src] = 0;
  b->stamp[src] = b->epoch;
  tnet_i_heap_push_or_decrease (&b->heap, src, 0);
  guint settled = 0;
  while (!tnet_i_heap_empty (&b->heap))
    {
      TnetHeapEntry top = tnet_i_heap_pop (&b->heap);
      if (top.key > bound || ++settled > limit)
        break;
      const DynList *l = &b->lists[top.item];
      for (uint32_t i = 0; i < l->n; i++)
        {
          const DynEdge *e = &l->e[i];
          if (e->wout == TNET_WEIGHT_INF || e->nbr == avoid)
            continue;
          uint32_t nd = top.key + e->wout;
          if (nd > bound)
            continue;
          if (b->stamp[e->nbr] != b->epoch || nd < b->dist[e->nbr])
            {
              b->stamp[e->nbr] = b->epoch;
              b->dist[e->nbr] = nd;
              tnet_i_heap_push_or_decrease (&b->heap, e->nbr, nd);
            }
        }
    }
  tnet_i_heap_reset (&b->heap);
}

/* Fills b->shortcuts with the shortcuts contracting @x needs. */
static void
find_shortcuts (Builder *b, uint32_t x, guint limit)
{
  g_array_set_size (b->shortcuts, 0);
  const DynList *l = &b->lists[x];
  for (uint32_t i = 0; i < l->n; i++)
    {
      const DynEdge *in = &l->e[i];
      if (in->win == TNET_WEIGHT_INF)
        continue;
      uint32_t u = in->nbr;
      uint64_t bound = 0;
      guint n_targets = 0;
      for (uint32_t j = 0; j < l->n; j++)
        if (j != i && l->e[j].wout != TNET_WEIGHT_INF)
          {
            bound = MAX (bound, (uint64_t) in->win + l->e[j].wout);
            n_targets++;
          }
      if (n_targets == 0)
        continue;
      witness_search (b, u, x, (uint32_t) MIN (bound, (uint64_t) TNET_WEIGHT_INF), limit);
      for (uint32_t j = 0; j < l->n; j++)
        {
          const DynEdge *out = &l->e[j];
          if (j == i || out->wout == TNET_WEIGHT_INF)
            continue;
          uint64_t w = (uint64_t) in->win + out->wout;
          if (w >= TNET_WEIGHT_INF)
            continue;   /* such paths count as unreachable anyway */
          uint32_t v = out->nbr;
          if (b->stamp[v] == b->epoch && b->dist[v] <= w)
            continue;
          Shortcut s = { u, v, (uint32_t) w, in->hin + out->hout };
          g_array_append_val (b->shortcuts, s);
        }
    }
}

static uint32_t
priority (Builder *b, uint32_t x, guint limit)
{
  find_shortcuts (b, x, limit);
  const DynList *l = &b->lists[x];
  uint64_t removed = 0, removed_hops = 0, added_hops = 0;
  for (uint32_t i = 0; i < l->n; i++)
    {
      if (l->e[i].wout != TNET_WEIGHT_INF)
        removed++, removed_hops += l->e[i].hout;
      if (l->e[i].win != TNET_WEIGHT_INF)
        removed++, removed_hops += l->e[i].hin;
    }
  for (guint k = 0; k < b->shortcuts->len; k++)
    added_hops += g_array_index (b->shortcuts, Shortcut, k).hops;
  double p = (double) b->level[x]
             + (double) b->shortcuts->len / (double) MAX (removed, 1)
             + (double) added_hops / (double) MAX (removed_hops, 1);
  return (uint32_t) MIN (p * 1024.0, 4.0e9);
}

/* ---- the node queue (binary heap with stale entries) ----------------- */

static void
queue_push (GArray *q, uint32_t node, uint32_t prio)
{
  /* ties broken by node id, for a deterministic order */
  QItem it = { ((uint64_t) prio << 32) | node, node };
  g_array_append_val (q, it);
  QItem *a = (QItem *) q->data;
  guint i = q->len - 1;
  while (i > 0)
    {
      guint p = (i - 1) / 2;
      if (a[p].key <= it.key)
        break;
      a[i] = a[p];
      i = p;
    }
  a[i] = it;
}

static QItem
queue_pop (GArray *q)
{
  QItem *a = (QItem *) q->data;
  QItem top = a[0];
  QItem last = a[q->len - 1];
  g_array_set_size (q, q->len - 1);
  guint n = q->len, i = 0;
  if (n == 0)
    return top;
  for (;;)
    {
      guint c = 2 * i + 1;
      if (c >= n)
        break;
      if (c + 1 < n && a[c + 1].key < a[c].key)
        c++;
      if (last.key <= a[c].key)
        break;
      a[i] = a[c];
      i = c;
    }
  a[i] = last;
  return top;
}

/* Pops stale entries off the top; returns FALSE when the queue is empty. */
static gboolean
queue_peek_valid (Builder *b, QItem *out)
{
  while (b->queue->len > 0)
    {
      QItem top = g_array_index (b->queue, QItem, 0);
      if (!b->contracted[top.node] && (uint32_t) (top.key >> 32) == b->prio[top.node])
        {
          *out = top;
          return TRUE;
        }
      queue_pop (b->queue);
    }
  return FALSE;
}

static void
builder_free (Builder *b)
{
  if (b->lists)
    for (guint i = 0; i < b->n; i++)
      g_free (b->lists[i].e);
  g_free (b->lists);
  g_free (b->level);
  g_free (b->prio);
  g_free (b->contracted);
  g_free (b->dist);
  g_free (b->stamp);
  tnet_i_heap_destroy (&b->heap);
  g_array_unref (b->shortcuts);
  g_array_unref (b->queue);
}

void
tnet_ch_options_init (TnetCHOptions *opts)
{
  g_return_if_fail (opts != NULL);
  memset (opts, 0, sizeof *opts);
  opts->witness_settle_limit = 500;
  opts->priority_settle_limit = 50;
}

static TnetCH *
build (guint n, guint m, const TnetId *tails, const TnetId *heads, const TnetWeight *weights,
       const TnetCHOptions *opts, uint32_t *arrive, GError **error)
{
  TnetCHOptions defaults;
  if (opts == NULL)
    {
      tnet_ch_options_init (&defaults);
      opts = &defaults;
    }
  Builder b = { .n = n };
  b.lists = g_new0 (DynList, MAX (n, 1));
  b.level = g_new0 (uint32_t, MAX (n, 1));
  b.prio = g_new0 (uint32_t, MAX (n, 1));
  b.contracted = g_new0 (guint8, MAX (n, 1));
  b.dist = g_new (uint32_t, MAX (n, 1));
  b.stamp = g_new0 (uint32_t, MAX (n, 1));
  tnet_i_heap_init (&b.heap, n);
  b.shortcuts = g_array_new (FALSE, FALSE, sizeof (Shortcut));
  b.queue = g_array_sized_new (FALSE, FALSE, sizeof (QItem), n);

  for (guint k = 0; k < m; k++)
    if (tails[k] != heads[k])
      add_arc (&b, tails[k], heads[k], weights[k], 1);

  guint plimit = MAX (opts->priority_settle_limit, 1u);
  guint wlimit = MAX (opts->witness_settle_limit, 1u);
  for (uint32_t x = 0; x < n; x++)
    {
      b.prio[x] = priority (&b, x, plimit);
      queue_push (b.queue, x, b.prio[x]);
    }

  uint32_t *rank = g_new (uint32_t, MAX (n, 1));
  uint32_t *first = g_new (uint32_t, n + 1);
  GArray *up = g_array_new (FALSE, FALSE, sizeof (TnetCHEntry));
  /* heads are external ids until every rank is known */
  guint next_rank = 0;
  guint report_every = MAX (n / 256, 1u);
  gboolean cancelled = FALSE;
  QItem top;
  while (queue_peek_valid (&b, &top))
    {
      uint32_t x = top.node;
      /* lazy update: re-evaluate; if it grew past the next one, requeue */
      uint32_t p = priority (&b, x, plimit);
      if (p > b.prio[x])
        {
          queue_pop (b.queue);
          b.prio[x] = p;
          queue_push (b.queue, x, p);
          QItem next;
          if (queue_peek_valid (&b, &next) && next.node != x)
            continue;
        }
      queue_pop (b.queue);

      find_shortcuts (&b, x, wlimit);
      DynList *l = &b.lists[x];
      rank[x] = next_rank;
      first[next_rank] = up->len;
      next_rank++;
      for (uint32_t i = 0; i < l->n; i++)
        {
          TnetCHEntry e = { l->e[i].nbr, l->e[i].wout, l->e[i].win };
          g_array_append_val (up, e);
          uint32_t y = l->e[i].nbr;
          remove_edge (&b.lists[y], x);
          b.level[y] = MAX (b.level[y], b.level[x] + 1);
        }
      b.contracted[x] = 1;
      for (guint k = 0; k < b.shortcuts->len; k++)
        {
          const Shortcut *s = &g_array_index (b.shortcuts, Shortcut, k);
          add_arc (&b, s->from, s->to, s->w, s->hops);
        }
      /* copy the neighbours first: priority() reuses b.shortcuts */
      guint n_nbrs = l->n;
      uint32_t *nbrs = g_new (uint32_t, MAX (n_nbrs, 1u));
      for (uint32_t i = 0; i < n_nbrs; i++)
        nbrs[i] = l->e[i].nbr;
      g_free (l->e);
      l->e = NULL;
      l->n = l->cap = 0;
      for (uint32_t i = 0; i < n_nbrs; i++)
        {
          uint32_t y = nbrs[i];
          uint32_t py = priority (&b, y, plimit);
          if (py != b.prio[y])
            {
              b.prio[y] = py;
              queue_push (b.queue, y, py);
            }
        }
      g_free (nbrs);
      if (opts->progress && next_rank % report_every == 0
          && !opts->progress (next_rank, n, "CH build", opts->progress_data))
        {
          cancelled = TRUE;
          break;
        }
    }
  builder_free (&b);
  if (cancelled)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "CH build cancelled");
      g_free (rank);
      g_free (first);
      g_array_unref (up);
      g_free (arrive);
      return NULL;
    }
  g_assert (next_rank == n);
  first[n] = up->len;
  guint n_entries = up->len;
  TnetCHEntry *entries = (TnetCHEntry *) g_array_free (up, FALSE);
  for (guint i = 0; i < n_entries; i++)
    entries[i].head = rank[entries[i].head];
  /* sort each node's entries by head rank: deterministic bytes and a
   * slightly friendlier memory order for the sweep */
  for (guint r = 0; r < n; r++)
    {
      TnetCHEntry *e = entries + first[r];
      guint len = first[r + 1] - first[r];
      for (guint i = 1; i < len; i++)
        {
          TnetCHEntry t = e[i];
          guint j = i;
          while (j > 0 && e[j - 1].head > t.head)
            {
              e[j] = e[j - 1];
              j--;
            }
          e[j] = t;
        }
    }
  return tnet_i_ch_new_take (n, n_entries, rank, first, entries, arrive);
}

TnetCH *
tnet_ch_build_from_arcs (guint n_nodes, guint n_arcs, const TnetId *tails,
                         const TnetId *heads, const TnetWeight *weights,
                         const TnetCHOptions *opts, GError **error)
{
  g_return_val_if_fail (n_arcs == 0 || (tails && heads && weights), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (n_nodes >= (1u << 31))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_TOO_LARGE,
                   "CH build: %u nodes; at most 2^31-1 are supported", n_nodes);
      return NULL;
    }
  for (guint k = 0; k < n_arcs; k++)
    {
      if (tails[k] >= n_nodes || heads[k] >= n_nodes)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                       "CH build: arc %u joins %u and %u, but node ids must be below %u",
                       k, tails[k], heads[k], n_nodes);
          return NULL;
        }
      if (weights[k] > TNET_WEIGHT_MAX)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                       "CH build: arc %u has weight %u, above the largest allowed %u",
                       k, weights[k], (guint) TNET_WEIGHT_MAX);
          return NULL;
        }
    }
  return build (n_nodes, n_arcs, tails, heads, weights, opts, NULL, error);
}

TnetCH *
tnet_ch_build (const TnetMetric *metric, const TnetCHOptions *opts, GError **error)
{
  g_return_val_if_fail (metric != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  const TnetGraph *g = metric->graph;
  guint n = g->n_nodes, m = g->n_arcs;
  /* arcs in external node ids, straight from the CSR */
  TnetId *tails = g_new (TnetId, MAX (m, 1u));
  TnetId *heads = g_new (TnetId, MAX (m, 1u));
  for (guint u = 0; u < n; u++)
    for (uint32_t a = g->first_out[u]; a < g->first_out[u + 1]; a++)
      {
        tails[a] = g->to_external[u];
        heads[a] = g->to_external[g->head[a]];
      }
  uint32_t *arrive = NULL;
  if (g->twin != NULL)
    {
      arrive = g_new (uint32_t, n);
      for (guint v = 0; v < n; v++)
        arrive[v] = v < g->n_base ? g->twin[v] : v;
    }
  TnetCH *ch = build (n, m, tails, heads, metric->weight, opts, arrive, error);
  g_free (tails);
  g_free (heads);
  return ch;
}
