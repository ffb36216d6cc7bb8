/* ch.c: contraction hierarchy queries — point-to-point, PHAST one-to-all
 * and bucket many-to-many.
 *
 * Implementation notes:
 * - Nodes are numbered by rank (a topological order of the upward arcs,
 *   ch-private.h), so the upward searches, which end in the few hundred
 *   most important nodes, keep revisiting the same small tail of the
 *   arrays, and the PHAST sweep walks the entry array backwards
 *   sequentially. A fresh build numbers the nodes below that tail so that
 *   each region of the hierarchy is one contiguous range (ch-layout.c).
 *   Every search reads the single entry array described in ch-private.h.
 * - Point-to-point: forward and backward upward Dijkstra, always advancing
 *   the side with the smaller key, each side stopping once its key reaches
 *   the best meeting distance. Stall-on-demand: a settled node v whose
 *   label is beaten by d(u) + w(u→v) for some higher neighbour u already
 *   labelled is not expanded (its label is not a shortest upward distance).
 * - PHAST: a plain upward search (no stalling: every label must be an upper
 *   bound, which it is), then d(x) = min(label(x), min_h d(h) + w(h→x)) for
 *   x from the highest rank down — a branch-free linear sweep, since
 *   INF + w never wraps. The result is gathered into external order.
 * - Many-to-many: backward upward searches (stalled nodes skipped) write
 *   (target, distance) items, which a counting sort groups by node into
 *   buckets; each forward search scans the buckets of its settled nodes.
 *   With paths, a backward item also records its parent's raw index
 *   (mapped to its sorted position by the counting sort), each forward
 *   search appends its settled nodes with their parents' indices, and a
 *   cell records the forward node and bucket item of its best meeting: the
 *   two trees then lead from the meeting node to the source and to the
 *   target, and the CH arcs on them unpack like a point-to-point path.
 *   The distance-only call takes separate branches that store nothing.
 * - Zones of compiled graphs (ch-private.h): searches towards a zone end
 *   at its arrival twin, and one-to-all rows read the better of a zone and
 *   its twin, which gives exactly TnetSearch's distances.
 * - Labels: one 8-byte record per node holding the forward and the
 *   backward distance, INF when unreached; a search lists the nodes it
 *   labels and the next one resets just those. Against a 16-byte record
 *   with an epoch stamp this saves the stamp's loads and compares and
 *   packs twice the nodes per line: on FLA, 14 % fewer instructions and
 *   7 % fewer simulated L1 misses per cold query. The heaps use lazy deletion
 *   (no position field: a better label pushes again, a stale slot is
 *   skipped when popped). Parents are kept apart and written only by path
 *   queries.
 * - Cold point-to-point queries are bound by memory latency and by
 *   unpredictable branches: each step prefetches the entries of the nodes
 *   likely settled next (ahead of the pop that reads them; the first and
 *   the last line of each, by a macro: GCC 12 deleted the calls of an
 *   inline function doing only that, PREFETCH_ENTRIES) and first[] of
 *   each newly labelled node; the stall test is evaluated without a branch
 *   per neighbour; the entry array, first[] and the labels of large
 *   hierarchies sit on transparent huge pages (huge_alloc()), which spares
 *   a TLB miss on most scattered reads.
 * - Branches: a relaxation takes one branch (does it improve the label?),
 *   the absent direction of a one-way arc and the listing of a newly
 *   labelled node being folded in by masks and counts, and a heap pop
 *   picks the least of four children by conditional moves, the heap padded with INF sentinels so
 *   that every node has four. On Porto's car graph this halves the
 *   mispredicted branches of a query (cachegrind's model: 1546 to 827).
 */
#include "tnet-internal.h"
#include "graph-internal.h"
#include "ch-private.h"
#include <stdlib.h>
#ifdef G_OS_UNIX
#include <sys/mman.h>   /* madvise(MADV_HUGEPAGE) where the system has it */
#endif

typedef struct {
  uint32_t target;   /* index into the targets of the call */
  uint32_t dist;
} BucketItem;

typedef struct {
  uint32_t node;
  BucketItem item;
} RawItem;

/* A node of a stored search tree: its rank and the index of its parent's
 * link in the same array (NO_LINK at the root). */
#define NO_LINK UINT32_MAX
typedef struct {
  uint32_t node;
  uint32_t parent;
} TreeLink;

/* Where the searches of a many-to-many cell met: the forward link (an index
 * into TnetCHQuery.fwd) and the bucket item (into .back) of the meeting
 * node; NO_LINK when the target is unreachable. */
typedef struct {
  uint32_t fwd;
  uint32_t back;
} CellMeet;

/* The search labels of a node, both directions: dist[FWD] and dist[BWD],
 * TNET_WEIGHT_INF where that direction has not reached the node. One
 * 8-byte record, eight to a cache line: the meeting test and the stalling
 * test of one search against the other read one line, and the labels of
 * nodes stored together (ch-layout.c) share lines. Parents (path queries
 * only) live apart, in TnetCHQuery.parent. */
enum { FWD = 0, BWD = 1 };
typedef struct {
  uint32_t dist[2];
} Label;

/* The labels of a query object: lab[] by rank, all INF between searches
 * except those of the last search, whose nodes list[0 .. len - 1] holds
 * (each once), so that the next search resets only them (reset_labels()).
 * list has room for n_nodes + 1 (relax() stores before it counts). */
typedef struct {
  Label *lab;
  uint32_t *list;
  uint32_t len;
} Labels;

typedef struct {
  uint32_t key, item;
} Slot;

/* A 4-ary heap with lazy deletion, local to this file so that it inlines:
 * a better label pushes a new slot, and a popped slot whose key is not its
 * node's label any more is stale and skipped. No position field to keep
 * up, so a sift moves slots only. Grows on demand (a search pushes at most
 * once per arc it relaxes). */
typedef struct {
  Slot *a;
  uint32_t size;
  uint32_t cap;
} QHeap;

struct _TnetCHQuery {
  TnetCH *ch;              /* strong reference */
  Labels L;                /* the search labels */
  uint32_t *parent;        /* 2n by rank (forward at 2v, backward at 2v + 1), made by the
                            * first path query (point-to-point or many-to-many with
                            * paths); UINT32_MAX at a search's start */
  QHeap hf, hb;
  uint32_t *touched;       /* PHAST: nodes settled by the upward search */
  uint32_t *sweep;         /* PHAST distances by rank */
  uint32_t *bucket_first;  /* n + 1 offsets into bucket_items */
  /* many-to-many scratch: raw[0 .. raw_len-1] valid, raw_cap allocated.
   * Plain malloc'd arrays, not GArray: GArray headers come from GSlice,
   * whose per-thread magazines hand memory between threads through locks
   * race detectors cannot see. */
  RawItem *raw;
  gsize raw_len;
  gsize raw_cap;
  BucketItem *bucket_items;
  gsize bucket_cap;
  /* path unpacking scratch */
  uint32_t *stack;
  gsize stack_cap;
  uint32_t *chain;         /* a forward chain of ranks, chain_cap allocated */
  gsize chain_cap;
  /* Many-to-many with paths (tnet_ch_query_many_to_many_paths), valid while
   * cells != NULL; any other many-to-many call drops it. */
  gboolean cells_valid;
  uint32_t *raw_parent;    /* raw_parent_cap: raw index of the item's parent, NO_LINK at a root */
  gsize raw_parent_cap;
  uint32_t *item_pos;      /* back_cap: the sorted position of each raw item */
  TreeLink *back;          /* back_cap, raw_len valid, by sorted position: the item's
                            * node and its parent's position (the backward trees) */
  gsize back_cap;
  TreeLink *fwd;           /* n_fwd valid: the unstalled settled nodes of every forward
                            * search (the forward trees), parents as indices into fwd */
  gsize n_fwd, fwd_cap;
  CellMeet *cells;         /* n_cell_sources × n_cell_targets valid, cells_cap allocated */
  gsize cells_cap;
  guint n_cell_sources, n_cell_targets;
  uint32_t *cell_source;   /* n_cell_sources: the rank each forward search started at */
};

/* ---- large arrays on huge pages --------------------------------------- */

/* Cold queries read a few hundred scattered nodes of arrays of several
 * megabytes: with 4 KiB pages nearly every one also misses the TLB. Arrays
 * of HUGE_MIN bytes or more therefore start on a 2 MiB boundary and are
 * offered to the kernel as transparent huge pages (a hint: without them
 * the memory is ordinary). Only the size rounded up to 4 KiB is asked for:
 * the whole 2 MiB spans of the array get huge pages, its tail small ones,
 * so no memory is added. The result is freed with g_free (free). */
#define HUGE_PAGE ((gsize) 2 << 20)
#define HUGE_MIN ((gsize) 2 << 20)

static void *
huge_alloc (gsize size)
{
#if defined(MADV_HUGEPAGE)
  if (size >= HUGE_MIN)
    {
      gsize sz = (size + 4095) / 4096 * 4096;
      void *p = NULL;
      if (posix_memalign (&p, HUGE_PAGE, sz) == 0)
        {
          (void) madvise (p, sz, MADV_HUGEPAGE);
          return p;
        }
    }
#endif
  return g_malloc (MAX (size, 1));
}

/* Moves @old (@size bytes) to huge_alloc() memory when it is large enough. */
static void *
huge_move (void *old, gsize size)
{
#if defined(MADV_HUGEPAGE)
  if (size >= HUGE_MIN)
    {
      void *p = huge_alloc (size);
      memcpy (p, old, size);
      g_free (old);
      return p;
    }
#endif
  return old;
}

/* ---- the heap --------------------------------------------------------- */

/* Slots a[size .. cap + 3] hold the key INF (sentinels), so that a sift
 * down compares four children without checking how many there are: a
 * real key is below INF, a sentinel never wins. */
#define QH_PAD 4u

static void
qh_grow (QHeap *h)
{
  uint32_t old = h->a ? h->cap + QH_PAD : 0;
  h->cap = MAX (2 * h->cap, 1024u);
  h->a = g_renew (Slot, h->a, h->cap + QH_PAD);
  for (uint32_t i = old; i < h->cap + QH_PAD; i++)
    h->a[i] = (Slot) { TNET_WEIGHT_INF, 0 };
}

/* Empties @h, restoring the sentinels of the slots used. */
static inline void
qh_clear (QHeap *h)
{
  for (uint32_t i = 0; i < h->size; i++)
    h->a[i].key = TNET_WEIGHT_INF;
  h->size = 0;
}

static inline void
qh_push (QHeap *h, uint32_t key, uint32_t item)
{
  if (G_UNLIKELY (h->size == h->cap))
    qh_grow (h);
  Slot *a = h->a;
  uint32_t i = h->size++;
  while (i > 0)
    {
      uint32_t p = (i - 1) / 4;
      if (a[p].key <= key)
        break;
      a[i] = a[p];
      i = p;
    }
  a[i] = (Slot) { key, item };
}

/* The smallest of the four children from @c: a tournament of conditional
 * moves, as which child wins is data no branch predictor can learn. */
static inline uint32_t
qh_min4 (const Slot *a, uint32_t c)
{
  uint32_t k0 = a[c].key, k1 = a[c + 1].key, k2 = a[c + 2].key, k3 = a[c + 3].key;
  uint32_t b01 = k1 < k0, b23 = k3 < k2;   /* 0 or 1, no branch */
  uint32_t x = c + b01, kx = k1 < k0 ? k1 : k0;
  uint32_t y = c + 2 + b23, ky = k3 < k2 ? k3 : k2;
  return x + ((y - x) & -(uint32_t) (ky < kx));
}

static inline Slot
qh_pop (QHeap *h)
{
  Slot *a = h->a;
  Slot top = a[0];
  uint32_t n = --h->size;
  Slot last = a[n];
  a[n].key = TNET_WEIGHT_INF;
  if (n == 0)
    return top;
  uint32_t i = 0;
  for (;;)
    {
      uint32_t c = 4 * i + 1;
      if (c >= n)
        break;
      uint32_t best = qh_min4 (a, c);
      if (last.key <= a[best].key)
        break;
      a[i] = a[best];
      i = best;
    }
  a[i] = last;
  return top;
}

/* Labels @v in direction @dir with @d when that improves it (@d may be
 * INF or more, for an absent arc: then nothing changes). Returns whether
 * it did. One branch decides it all: a node labelled for the first time
 * since the last reset is listed by a store that always happens and a
 * count that adds 0 or 1, since a branch there would be one the predictor
 * misses on about every third arc. */
static inline gboolean
relax (QHeap *h, Labels *L, int dir, uint32_t v, uint32_t d)
{
  Label *l = &L->lab[v];
  const uint32_t cur = l->dist[dir];
  if (d >= cur)
    return FALSE;
  /* labels are below INF, so INF means unreached */
  const uint32_t fresh = (cur == TNET_WEIGHT_INF) & (l->dist[!dir] == TNET_WEIGHT_INF);
  L->list[L->len] = v;
  L->len += fresh;
  l->dist[dir] = d;
  qh_push (h, d, v);
  return TRUE;
}

TnetCH *
tnet_i_ch_new_take (guint n_nodes, guint n_entries, uint32_t *rank, uint32_t *first,
                    TnetCHEntry *up, TnetCHMid *mid, uint32_t *arrive)
{
  TnetCH *ch = g_new0 (TnetCH, 1);
  ch->ref_count = 1;
  ch->n_nodes = n_nodes;
  ch->n_entries = n_entries;
  ch->rank = rank;
  ch->first = huge_move (first, ((gsize) n_nodes + 1) * sizeof *first);
  ch->up = huge_move (up, (gsize) n_entries * sizeof *up);
  ch->mid = mid;
  ch->arrive = arrive;
  ch->node_of = g_new (uint32_t, MAX (n_nodes, 1u));
  for (guint v = 0; v < n_nodes; v++)
    ch->node_of[rank[v]] = v;
  return ch;
}

TnetCH *
tnet_ch_ref (TnetCH *ch)
{
  g_return_val_if_fail (ch != NULL, NULL);
  g_atomic_int_inc (&ch->ref_count);
  return ch;
}

void
tnet_ch_unref (TnetCH *ch)
{
  if (ch == NULL || !g_atomic_int_dec_and_test (&ch->ref_count))
    return;
  g_free (ch->rank);
  g_free (ch->node_of);
  g_free (ch->first);
  g_free (ch->up);
  g_free (ch->mid);
  g_free (ch->arrive);
  g_free (ch);
}

guint
tnet_ch_n_nodes (const TnetCH *ch)
{
  g_return_val_if_fail (ch != NULL, 0);
  return ch->n_nodes;
}

guint64
tnet_ch_n_arcs (const TnetCH *ch)
{
  g_return_val_if_fail (ch != NULL, 0);
  guint64 n = 0;
  for (guint i = 0; i < ch->n_entries; i++)
    n += (ch->up[i].wf != TNET_WEIGHT_INF) + (ch->up[i].wb != TNET_WEIGHT_INF);
  return n;
}

gsize
tnet_ch_memory_bytes (const TnetCH *ch)
{
  g_return_val_if_fail (ch != NULL, 0);
  return sizeof *ch + 2 * (gsize) ch->n_nodes * sizeof (uint32_t)
         + ((gsize) ch->n_nodes + 1) * sizeof (uint32_t)
         + (gsize) ch->n_entries * (sizeof (TnetCHEntry) + sizeof (TnetCHMid))
         + (ch->arrive ? (gsize) ch->n_nodes * sizeof (uint32_t) : 0);
}

TnetCHQuery *
tnet_ch_query_new (TnetCH *ch)
{
  g_return_val_if_fail (ch != NULL, NULL);
  guint n = MAX (ch->n_nodes, 1u);
  TnetCHQuery *q = g_new0 (TnetCHQuery, 1);
  q->ch = tnet_ch_ref (ch);
  q->L.lab = huge_alloc ((gsize) n * sizeof (Label));
  for (guint i = 0; i < n; i++)
    q->L.lab[i] = (Label) { { TNET_WEIGHT_INF, TNET_WEIGHT_INF } };
  q->L.list = g_new (uint32_t, (gsize) n + 1);
  q->touched = g_new (uint32_t, n);
  q->sweep = g_new (uint32_t, n);
  q->bucket_first = g_new (uint32_t, n + 1);
  qh_grow (&q->hf);
  qh_grow (&q->hb);
  return q;
}

void
tnet_ch_query_free (TnetCHQuery *q)
{
  if (q == NULL)
    return;
  g_free (q->L.lab);
  g_free (q->L.list);
  g_free (q->parent);
  g_free (q->hf.a);
  g_free (q->hb.a);
  g_free (q->touched);
  g_free (q->sweep);
  g_free (q->bucket_first);
  g_free (q->bucket_items);
  g_free (q->raw);
  g_free (q->stack);
  g_free (q->chain);
  g_free (q->raw_parent);
  g_free (q->item_pos);
  g_free (q->back);
  g_free (q->fwd);
  g_free (q->cells);
  g_free (q->cell_source);
  tnet_ch_unref (q->ch);
  g_free (q);
}

/* Before a search: the labels of the last one back to INF (their lines
 * were just read, so this costs little), and empty heaps. */
static void
reset_labels (TnetCHQuery *q)
{
  Label *lab = q->L.lab;
  for (uint32_t i = 0; i < q->L.len; i++)
    lab[q->L.list[i]] = (Label) { { TNET_WEIGHT_INF, TNET_WEIGHT_INF } };
  q->L.len = 0;
  qh_clear (&q->hf);
  qh_clear (&q->hb);
}

/* Where prefetching pays: the entries of a node settled soon, their first
 * and their last line (a node's entries often span two). Reading first[v]
 * does not stall, as it was prefetched when v got its label. A macro, not
 * a function: GCC 12 takes a function whose only effect is a prefetch for
 * one without effects and deletes the calls before inlining them. */
#define PREFETCH_ENTRIES(ch, h, k) \
  do \
    { \
      if ((k) < (h)->size) \
        { \
          uint32_t v_ = (h)->a[k].item; \
          __builtin_prefetch ((ch)->up + (ch)->first[v_]); \
          __builtin_prefetch ((const char *) ((ch)->up + (ch)->first[v_ + 1]) - 1); \
        } \
    } \
  while (0)

/* One step of an upward search in direction @dir (FWD reads wf, BWD wb):
 * pops the minimum of @heap and, unless it is stale or stalled, expands it.
 * Returns TRUE with the settled slot in *top when a node was settled (then
 * *stalled tells whether it was pruned), FALSE for a stale slot.
 * Stall-on-demand (@stall): a node whose label is beaten by d(u) + w(u→v)
 * for a higher neighbour u already labelled is not expanded. @parent: NULL,
 * or where the parents of @dir are written (stride 2). @other: the heap of
 * the opposite search (NULL for none), whose minimum may be settled next.
 * Cold queries are bound by memory latency: a step with stalling (the
 * point-to-point and many-to-many searches) prefetches the entries of the
 * nodes most likely settled next (the minima of both heaps and the
 * children of its own root) and first[] of every newly labelled node, so
 * that a popped node's lines are on their way before they are read. */
static inline gboolean
upward_step (const TnetCH *ch, Labels *L, QHeap *heap, const QHeap *other, int dir,
             gboolean stall, uint32_t *parent, Slot *top, gboolean *stalled)
{
  const Label *lab = L->lab;
  *top = qh_pop (heap);
  const uint32_t v = top->item, d = top->key;
  if (d != lab[v].dist[dir])
    return FALSE;   /* stale: v was settled with a smaller key */
  if (stall)   /* not for PHAST's upward search: it settles everything it reaches */
    {
      for (uint32_t k = 0; k < 5; k++)
        PREFETCH_ENTRIES (ch, heap, k);
      if (other)
        PREFETCH_ENTRIES (ch, other, 0);
    }
  const uint32_t *first = ch->first;
  const TnetCHEntry *e = ch->up + first[v], *end = ch->up + first[v + 1];
  if (stall)
    {
      /* without branches on the labels read: whether a neighbour stalls
       * v is data the branch predictor cannot learn, and the labels are
       * read by the relaxations below anyway. An unlabelled direction
       * holds INF: INF + w <= 2 INF never wraps. */
      uint32_t st = 0;
      for (const TnetCHEntry *s = e; s < end; s++)
        {
          uint32_t w_in = dir == FWD ? s->wb : s->wf;
          const Label *l = &lab[s->head];
          st |= l->dist[dir] + w_in < d;
        }
      if (st)
        {
          *stalled = TRUE;
          return TRUE;
        }
    }
  *stalled = FALSE;
  for (; e < end; e++)
    {
      uint32_t w = dir == FWD ? e->wf : e->wb;
      /* d < INF, w <= INF: no wrap; an absent arc, or a path of INF or
       * more (no path, as in Dijkstra), gives nd >= INF, which relax()
       * refuses */
      uint32_t nd = d + w;
      if (!relax (heap, L, dir, e->head, nd))
        continue;
      if (stall)
        __builtin_prefetch (first + e->head);
      if (parent)
        parent[2 * (gsize) e->head] = v;
    }
  return TRUE;
}

static inline void
start (TnetCHQuery *q, QHeap *h, int dir, uint32_t v, gboolean path)
{
  relax (h, &q->L, dir, v, 0);
  if (path)
    q->parent[2 * (gsize) v + dir] = UINT32_MAX;
}

/* The bidirectional search; returns the distance, the meeting rank in
 * *meet (UINT32_MAX when unreachable). @path: record parents. */
static uint32_t
p2p (TnetCHQuery *q, TnetId source, TnetId target, gboolean path, uint32_t *meet)
{
  const TnetCH *ch = q->ch;
  reset_labels (q);
  /* a path into a zone ends at its arrival twin (the free arc zone -> twin
   * makes that 0 when source == target's zone) */
  uint32_t s = ch->rank[source], t = ch->rank[ch->arrive ? ch->arrive[target] : target];
  const Label *lab = q->L.lab;
  uint32_t *pf = path ? q->parent : NULL, *pb = path ? q->parent + 1 : NULL;
  start (q, &q->hf, FWD, s, path);
  start (q, &q->hb, BWD, t, path);
  uint32_t best = TNET_WEIGHT_INF, at = UINT32_MAX;
  if (s == t)
    {
      *meet = s;
      return 0;
    }
  for (;;)
    {
      /* a stale minimum is a lower bound too */
      uint32_t kf = q->hf.a[0].key, kb = q->hb.a[0].key;   /* INF when empty */
      if (MIN (kf, kb) >= best)
        break;
      gboolean stalled;
      Slot v;
      if (kf <= kb)
        {
          if (upward_step (ch, &q->L, &q->hf, &q->hb, FWD, TRUE, pf, &v, &stalled)
              && v.key + lab[v.item].dist[BWD] < best)
            best = v.key + lab[v.item].dist[BWD], at = v.item;
        }
      else
        {
          if (upward_step (ch, &q->L, &q->hb, &q->hf, BWD, TRUE, pb, &v, &stalled)
              && v.key + lab[v.item].dist[FWD] < best)
            best = v.key + lab[v.item].dist[FWD], at = v.item;
        }
    }
  *meet = at;
  return best;
}

TnetWeight
tnet_ch_query_distance (TnetCHQuery *q, TnetId source, TnetId target)
{
  g_return_val_if_fail (q != NULL, TNET_WEIGHT_INF);
  g_return_val_if_fail (source < q->ch->n_nodes && target < q->ch->n_nodes, TNET_WEIGHT_INF);
  if (source == target)
    return 0;
  uint32_t meet;
  return p2p (q, source, target, FALSE, &meet);
}

/* ---- path unpacking --------------------------------------------------- */

static inline void
stack_push (TnetCHQuery *q, gsize *len, uint32_t a, uint32_t b)
{
  if (*len + 2 > q->stack_cap)
    {
      q->stack_cap = MAX (2 * q->stack_cap, 256);
      q->stack = g_renew (uint32_t, q->stack, q->stack_cap);
    }
  q->stack[(*len)++] = b;
  q->stack[(*len)++] = a;
}

/* The CH arc a → b (ranks): its entry index at min(a, b). */
static inline guint
entry_of (const TnetCH *ch, uint32_t a, uint32_t b)
{
  uint32_t x = MIN (a, b), h = MAX (a, b);
  guint lo = ch->first[x], hi = ch->first[x + 1];
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (ch->up[mid].head < h)
        lo = mid + 1;
      else
        hi = mid;
    }
  /* present: the builder and the file loader check every middle node */
  g_assert (lo < ch->first[x + 1] && ch->up[lo].head == h);
  return lo;
}

/* Appends the input-graph nodes after @a on the CH arc a → b (ranks),
 * ending with b, as ranks, by expanding middle nodes. */
typedef void (*EmitFunc) (uint32_t rank, gpointer data);

static void
unpack_arc (TnetCHQuery *q, uint32_t a, uint32_t b, EmitFunc emit, gpointer data)
{
  const TnetCH *ch = q->ch;
  gsize len = 0;
  stack_push (q, &len, a, b);
  while (len > 0)
    {
      uint32_t x = q->stack[--len];
      uint32_t y = q->stack[--len];
      guint k = entry_of (ch, x, y);
      uint32_t m = x < y ? ch->mid[k].mf : ch->mid[k].mb;
      if (m == TNET_CH_NO_MID)
        {
          emit (y, data);
          continue;
        }
      stack_push (q, &len, m, y);   /* second half, popped after the first */
      stack_push (q, &len, x, m);
    }
}

typedef struct {
  const TnetCH *ch;
  const TnetICsr *g;
  const uint32_t *weight;   /* the metric's, by internal arc */
  TnetId *arcs;
  guint cap;
  guint len;
  uint32_t prev;   /* external id of the last node */
} ArcSink;

static void
emit_arc (uint32_t rank, gpointer data)
{
  ArcSink *s = data;
  const TnetICsr *g = s->g;
  const uint32_t *w = s->weight;
  uint32_t v = s->ch->node_of[rank];
  uint32_t ui = g->to_internal[s->prev], vi = g->to_internal[v];
  /* the lightest arc prev → v, lowest id on ties: its weight is the CH's */
  uint32_t best = UINT32_MAX, best_w = UINT32_MAX;
  for (uint32_t a = g->first_out[ui]; a < g->first_out[ui + 1]; a++)
    if (g->head[a] == vi
        && (w[a] < best_w || (w[a] == best_w && g->arc_ext[a] < g->arc_ext[best])))
      best = a, best_w = w[a];
  g_assert (best != UINT32_MAX);
  if (s->len < s->cap)
    s->arcs[s->len] = g->arc_ext[best];
  s->len++;
  s->prev = v;
}

typedef struct {
  const TnetCH *ch;
  TnetId *nodes;
  guint cap;
  guint len;
} NodeSink;

static void
emit_node (uint32_t rank, gpointer data)
{
  NodeSink *s = data;
  if (s->len < s->cap)
    s->nodes[s->len] = s->ch->node_of[rank];
  s->len++;
}

/* The parent arrays, made by the first path query of @q. */
static void
ensure_parents (TnetCHQuery *q)
{
  if (q->parent == NULL)
    q->parent = g_new (uint32_t, 2 * (gsize) MAX (q->ch->n_nodes, 1u));
}

/* Unpacks the path of the last p2p() search meeting at @meet. */
static void
unpack_path (TnetCHQuery *q, uint32_t meet, EmitFunc emit, gpointer data)
{
  /* the forward half: parents from meet down to the source, reversed */
  gsize nf = 0;
  const uint32_t *pf = q->parent, *pb = q->parent + 1;
  for (uint32_t v = meet; pf[2 * (gsize) v] != UINT32_MAX; v = pf[2 * (gsize) v])
    nf++;
  uint32_t *chain = g_new (uint32_t, nf + 1);
  gsize k = nf;
  uint32_t v = meet;
  chain[k] = v;
  while (k > 0)
    {
      v = pf[2 * (gsize) v];
      chain[--k] = v;
    }
  for (gsize i = 0; i < nf; i++)
    unpack_arc (q, chain[i], chain[i + 1], emit, data);
  g_free (chain);
  /* the backward half: parents lead from meet to the target */
  for (v = meet; pb[2 * (gsize) v] != UINT32_MAX; v = pb[2 * (gsize) v])
    unpack_arc (q, v, pb[2 * (gsize) v], emit, data);
}

guint
tnet_ch_query_path_nodes (TnetCHQuery *q, TnetId source, TnetId target, TnetId *nodes,
                          guint cap)
{
  g_return_val_if_fail (q != NULL, G_MAXUINT);
  g_return_val_if_fail (source < q->ch->n_nodes && target < q->ch->n_nodes, G_MAXUINT);
  g_return_val_if_fail (cap == 0 || nodes != NULL, G_MAXUINT);
  g_return_val_if_fail (q->ch->mid != NULL, G_MAXUINT);
  uint32_t meet;
  ensure_parents (q);
  if (p2p (q, source, target, TRUE, &meet) == TNET_WEIGHT_INF)
    return G_MAXUINT;
  NodeSink sink = { q->ch, nodes, cap, 0 };
  emit_node (q->ch->rank[source], &sink);
  unpack_path (q, meet, emit_node, &sink);
  return sink.len;
}

guint
tnet_ch_query_path (TnetCHQuery *q, const TnetMetric *metric, TnetId source, TnetId target,
                    TnetId *arcs, guint cap)
{
  g_return_val_if_fail (q != NULL && metric != NULL, G_MAXUINT);
  g_return_val_if_fail (tnet_graph_n_nodes (tnet_metric_get_graph (metric)) == q->ch->n_nodes,
                        G_MAXUINT);
  g_return_val_if_fail (source < q->ch->n_nodes && target < q->ch->n_nodes, G_MAXUINT);
  g_return_val_if_fail (cap == 0 || arcs != NULL, G_MAXUINT);
  g_return_val_if_fail (q->ch->mid != NULL, G_MAXUINT);
  uint32_t meet;
  ensure_parents (q);
  if (p2p (q, source, target, TRUE, &meet) == TNET_WEIGHT_INF)
    return G_MAXUINT;
  const TnetIWeights *mw = tnet_i_metric_weights (metric);
  ArcSink sink = { q->ch, mw->csr, mw->weight, arcs, cap, 0, source };
  unpack_path (q, meet, emit_arc, &sink);
  return sink.len;
}

/* ---- PHAST ------------------------------------------------------------ */

void
tnet_ch_query_one_to_all (TnetCHQuery *q, TnetId source, TnetDirection dir, TnetWeight *dist)
{
  g_return_if_fail (q != NULL && dist != NULL);
  g_return_if_fail (source < q->ch->n_nodes);
  const TnetCH *ch = q->ch;
  const gboolean fwd = dir == TNET_FORWARD;
  reset_labels (q);
  uint32_t s = ch->rank[!fwd && ch->arrive ? ch->arrive[source] : source];
  const int side = fwd ? FWD : BWD;
  start (q, &q->hf, side, s, FALSE);
  gsize n_touched = 0;
  gboolean stalled;
  Slot top;
  while (q->hf.size > 0)
    if (upward_step (ch, &q->L, &q->hf, NULL, side, FALSE, NULL, &top, &stalled))
      q->touched[n_touched++] = top.item;

  /* the sweep: highest rank first; every higher node is final when read */
  uint32_t *restrict d = q->sweep;
  for (guint r = 0; r < ch->n_nodes; r++)
    d[r] = TNET_WEIGHT_INF;
  for (gsize i = 0; i < n_touched; i++)
    d[q->touched[i]] = q->L.lab[q->touched[i]].dist[side];
  const uint32_t *first = ch->first;
  const TnetCHEntry *up = ch->up;
  for (guint r = ch->n_nodes; r-- > 0;)
    {
      uint32_t best = d[r];
      const TnetCHEntry *e = up + first[r], *end = up + first[r + 1];
      if (fwd)
        for (; e < end; e++)
          {
            uint32_t c = d[e->head] + e->wb;
            best = c < best ? c : best;
          }
      else
        for (; e < end; e++)
          {
            uint32_t c = d[e->head] + e->wf;
            best = c < best ? c : best;
          }
      d[r] = best;
    }
  const uint32_t *rank = ch->rank;
  for (guint v = 0; v < ch->n_nodes; v++)
    dist[v] = d[rank[v]];
  if (ch->arrive)
    for (guint v = 0; v < ch->n_nodes; v++)
      if (ch->arrive[v] != v)
        dist[v] = MIN (dist[v], d[rank[ch->arrive[v]]]);
}

/* ---- many-to-many ----------------------------------------------------- */

/* Room for @need items of @size bytes in *@arr, which holds *@cap. */
static void
grow (gpointer *arr, gsize *cap, gsize need, gsize size)
{
  if (need <= *cap)
    return;
  *cap = MAX (MAX (need, 4096), 2 * *cap);
  *arr = g_realloc_n (*arr, *cap, size);
}

/* Backward searches from every target fill the raw items; with @paths,
 * each item's parent (the raw item of the node it was reached from) too.
 * The sweep array maps a settled node to its raw item meanwhile: a parent
 * was expanded, hence not stalled, hence has its item. */
static void
m2m_backward (TnetCHQuery *q, const TnetId *targets, guint n_targets, gboolean paths)
{
  const TnetCH *ch = q->ch;
  uint32_t *pb = paths ? q->parent + 1 : NULL;
  q->raw_len = 0;
  for (guint j = 0; j < n_targets; j++)
    {
      reset_labels (q);
      uint32_t t = ch->rank[ch->arrive ? ch->arrive[targets[j]] : targets[j]];
      start (q, &q->hb, BWD, t, paths);
      while (q->hb.size > 0)
        {
          gboolean stalled;
          Slot v;
          if (!upward_step (ch, &q->L, &q->hb, NULL, BWD, TRUE, pb, &v, &stalled)
              || stalled)
            continue;
          if (G_UNLIKELY (q->raw_len == q->raw_cap))
            grow ((gpointer *) &q->raw, &q->raw_cap, q->raw_len + 1, sizeof (RawItem));
          if (paths)
            {
              grow ((gpointer *) &q->raw_parent, &q->raw_parent_cap, q->raw_len + 1,
                    sizeof (uint32_t));
              uint32_t par = pb[2 * (gsize) v.item];
              q->raw_parent[q->raw_len] = par == UINT32_MAX ? NO_LINK : q->sweep[par];
              q->sweep[v.item] = (uint32_t) q->raw_len;
            }
          q->raw[q->raw_len++] = (RawItem) { v.item, { j, v.key } };
        }
    }
}

/* Counting sort of the raw items by node into buckets (stable, so a
 * bucket lists its targets in increasing order); with @paths, the
 * backward trees follow the items to their sorted positions. */
static void
m2m_sort (TnetCHQuery *q, gboolean paths)
{
  const guint n = q->ch->n_nodes;
  gsize n_items = q->raw_len;
  if (n_items > q->bucket_cap)
    {
      q->bucket_cap = MAX (n_items, 2 * q->bucket_cap);
      q->bucket_items = g_renew (BucketItem, q->bucket_items, q->bucket_cap);
    }
  uint32_t *bf = q->bucket_first;
  memset (bf, 0, (n + 1) * sizeof (uint32_t));
  const RawItem *raw = q->raw;
  for (gsize k = 0; k < n_items; k++)
    bf[raw[k].node + 1]++;
  for (guint v = 0; v < n; v++)
    bf[v + 1] += bf[v];
  if (!paths)
    for (gsize k = 0; k < n_items; k++)
      q->bucket_items[bf[raw[k].node]++] = raw[k].item;
  else
    {
      if (n_items > q->back_cap)
        {
          q->back_cap = MAX (n_items, 2 * q->back_cap);
          q->back = g_renew (TreeLink, q->back, q->back_cap);
          q->item_pos = g_renew (uint32_t, q->item_pos, q->back_cap);
        }
      for (gsize k = 0; k < n_items; k++)
        {
          uint32_t pos = bf[raw[k].node]++;
          q->bucket_items[pos] = raw[k].item;
          q->item_pos[k] = pos;
        }
      for (gsize k = 0; k < n_items; k++)
        {
          uint32_t par = q->raw_parent[k];
          q->back[q->item_pos[k]] = (TreeLink) { raw[k].node,
                                                 par == NO_LINK ? NO_LINK : q->item_pos[par] };
        }
    }
  /* bf[v] now holds the end of v's bucket; shift back to the starts */
  for (guint v = n; v > 0; v--)
    bf[v] = bf[v - 1];
  bf[0] = 0;
}

/* Forward searches from every source scan the buckets into @out; with
 * @paths, each search's tree is appended to q->fwd and each cell keeps
 * where its best meeting was found. */
static void
m2m_forward (TnetCHQuery *q, const TnetId *sources, guint n_sources, guint n_targets,
             TnetWeight *out, gboolean paths)
{
  const TnetCH *ch = q->ch;
  const uint32_t *bf = q->bucket_first;
  uint32_t *pf = paths ? q->parent : NULL;
  q->n_fwd = 0;
  for (guint i = 0; i < n_sources; i++)
    {
      TnetWeight *row = out + (gsize) i * n_targets;
      for (guint j = 0; j < n_targets; j++)
        row[j] = TNET_WEIGHT_INF;
      CellMeet *meet = paths ? q->cells + (gsize) i * n_targets : NULL;
      for (guint j = 0; paths && j < n_targets; j++)
        meet[j] = (CellMeet) { NO_LINK, NO_LINK };
      reset_labels (q);
      uint32_t s = ch->rank[sources[i]];
      if (paths)
        q->cell_source[i] = s;
      start (q, &q->hf, FWD, s, paths);
      while (q->hf.size > 0)
        {
          gboolean stalled;
          Slot v;
          if (!upward_step (ch, &q->L, &q->hf, NULL, FWD, TRUE, pf, &v, &stalled)
              || stalled)
            continue;
          const BucketItem *b = q->bucket_items + bf[v.item];
          const BucketItem *bend = q->bucket_items + bf[v.item + 1];
          if (!paths)
            {
              for (; b < bend; b++)
                {
                  uint32_t c = v.key + b->dist;
                  if (c < row[b->target])
                    row[b->target] = c;
                }
              continue;
            }
          grow ((gpointer *) &q->fwd, &q->fwd_cap, q->n_fwd + 1, sizeof (TreeLink));
          uint32_t par = pf[2 * (gsize) v.item];
          uint32_t link = (uint32_t) q->n_fwd++;
          q->fwd[link] = (TreeLink) { v.item, par == UINT32_MAX ? NO_LINK : q->sweep[par] };
          q->sweep[v.item] = link;
          for (; b < bend; b++)
            {
              uint32_t c = v.key + b->dist;
              if (c < row[b->target])
                {
                  row[b->target] = c;
                  meet[b->target] = (CellMeet) { link, (uint32_t) (b - q->bucket_items) };
                }
            }
        }
    }
}

static gboolean
m2m_args_ok (TnetCHQuery *q, const TnetId *sources, guint n_sources, const TnetId *targets,
             guint n_targets, TnetWeight *out)
{
  g_return_val_if_fail (q != NULL, FALSE);
  g_return_val_if_fail (n_sources == 0 || (sources != NULL && out != NULL), FALSE);
  g_return_val_if_fail (n_targets == 0 || targets != NULL, FALSE);
  const guint n = q->ch->n_nodes;
  for (guint i = 0; i < n_sources; i++)
    g_return_val_if_fail (sources[i] < n, FALSE);
  for (guint j = 0; j < n_targets; j++)
    g_return_val_if_fail (targets[j] < n, FALSE);
  return TRUE;
}

void
tnet_ch_query_many_to_many (TnetCHQuery *q, const TnetId *sources, guint n_sources,
                            const TnetId *targets, guint n_targets, TnetWeight *out)
{
  if (!m2m_args_ok (q, sources, n_sources, targets, n_targets, out))
    return;
  q->cells_valid = FALSE;   /* the buckets the cells point into are replaced */
  m2m_backward (q, targets, n_targets, FALSE);
  m2m_sort (q, FALSE);
  m2m_forward (q, sources, n_sources, n_targets, out, FALSE);
}

void
tnet_ch_query_many_to_many_paths (TnetCHQuery *q, const TnetId *sources, guint n_sources,
                                  const TnetId *targets, guint n_targets, TnetWeight *out)
{
  if (!m2m_args_ok (q, sources, n_sources, targets, n_targets, out))
    return;
  g_return_if_fail (q->ch->mid != NULL);
  gsize n_cells = (gsize) n_sources * n_targets;
  if (n_cells > q->cells_cap)
    {
      q->cells_cap = MAX (n_cells, 2 * q->cells_cap);
      q->cells = g_renew (CellMeet, q->cells, q->cells_cap);
    }
  q->cell_source = g_renew (uint32_t, q->cell_source, MAX (n_sources, 1u));
  q->n_cell_sources = n_sources;
  q->n_cell_targets = n_targets;
  ensure_parents (q);
  m2m_backward (q, targets, n_targets, TRUE);
  m2m_sort (q, TRUE);
  m2m_forward (q, sources, n_sources, n_targets, out, TRUE);
  q->cells_valid = TRUE;
}

/* Unpacks cell (i, j) of the last tnet_ch_query_many_to_many_paths(),
 * reached: the forward tree from the meeting node down to the source,
 * reversed, then the backward tree from the meeting node to the target. */
static void
cell_unpack (TnetCHQuery *q, guint i, guint j, EmitFunc emit, gpointer data)
{
  CellMeet m = q->cells[(gsize) i * q->n_cell_targets + j];
  gsize nf = 0;
  for (uint32_t l = m.fwd; l != NO_LINK; l = q->fwd[l].parent)
    nf++;
  grow ((gpointer *) &q->chain, &q->chain_cap, nf, sizeof (uint32_t));
  gsize k = nf;
  for (uint32_t l = m.fwd; l != NO_LINK; l = q->fwd[l].parent)
    q->chain[--k] = q->fwd[l].node;
  for (k = 0; k + 1 < nf; k++)
    unpack_arc (q, q->chain[k], q->chain[k + 1], emit, data);
  for (uint32_t l = m.back; q->back[l].parent != NO_LINK; l = q->back[l].parent)
    unpack_arc (q, q->back[l].node, q->back[q->back[l].parent].node, emit, data);
}

static gboolean
cell_ok (TnetCHQuery *q, guint i, guint j)
{
  g_return_val_if_fail (q != NULL, FALSE);
  g_return_val_if_fail (q->cells_valid, FALSE);
  g_return_val_if_fail (i < q->n_cell_sources && j < q->n_cell_targets, FALSE);
  return TRUE;
}

guint
tnet_ch_query_cell_path_nodes (TnetCHQuery *q, guint i, guint j, TnetId *nodes, guint cap)
{
  if (!cell_ok (q, i, j))
    return G_MAXUINT;
  g_return_val_if_fail (cap == 0 || nodes != NULL, G_MAXUINT);
  if (q->cells[(gsize) i * q->n_cell_targets + j].fwd == NO_LINK)
    return G_MAXUINT;
  NodeSink sink = { q->ch, nodes, cap, 0 };
  emit_node (q->cell_source[i], &sink);
  cell_unpack (q, i, j, emit_node, &sink);
  return sink.len;
}

guint
tnet_ch_query_cell_path (TnetCHQuery *q, const TnetMetric *metric, guint i, guint j,
                         TnetId *arcs, guint cap)
{
  if (!cell_ok (q, i, j))
    return G_MAXUINT;
  g_return_val_if_fail (metric != NULL, G_MAXUINT);
  g_return_val_if_fail (tnet_graph_n_nodes (tnet_metric_get_graph (metric)) == q->ch->n_nodes,
                        G_MAXUINT);
  g_return_val_if_fail (cap == 0 || arcs != NULL, G_MAXUINT);
  if (q->cells[(gsize) i * q->n_cell_targets + j].fwd == NO_LINK)
    return G_MAXUINT;
  const TnetIWeights *mw = tnet_i_metric_weights (metric);
  ArcSink sink = { q->ch, mw->csr, mw->weight, arcs, cap, 0,
                   q->ch->node_of[q->cell_source[i]] };
  cell_unpack (q, i, j, emit_arc, &sink);
  return sink.len;
}
