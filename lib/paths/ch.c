/* ch.c: contraction hierarchy queries — point-to-point, PHAST one-to-all
 * and bucket many-to-many.
 *
 * Implementation notes:
 * - Nodes are numbered by rank, so the upward searches, which end in the
 *   few hundred most important nodes, keep revisiting the same small tail
 *   of the arrays, and the PHAST sweep walks the entry array backwards
 *   sequentially. Every search reads the single entry array described in
 *   ch-private.h.
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
 * - Labels live in arrays valid where a stamp equals the current epoch, so
 *   a query clears nothing; the heaps are emptied touching only what is
 *   left in them. A node's forward and backward labels sit side by side
 *   (LAB()), which keeps cold point-to-point queries to one cache line per
 *   node where the two searches meet.
 */
#include "tnet-internal.h"
#include "graph-private.h"
#include "ch-private.h"

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

/* One search label per node and direction, valid where stamp == epoch:
 * the distance, the slot in the heap (UINT32_MAX once settled) and the
 * node it was reached from (UINT32_MAX at the start). One 16-byte record,
 * so a node costs one cache line touch. */
typedef struct {
  uint32_t dist;
  uint32_t stamp;
  uint32_t pos;
  uint32_t parent;
} Label;

/* The forward and backward labels of a node are interleaved in one array
 * (forward at 2v, backward at 2v + 1): the meeting test after settling a
 * node, and the nodes of the upper hierarchy that both searches visit,
 * then cost one 32-byte span instead of two cache lines far apart. A
 * direction's label array is its base pointer read with this stride. */
#define LAB(lab, v) ((lab)[(gsize) (v) << 1])

typedef struct {
  uint32_t key, item;
} Slot;

/* a 4-ary heap over Label.pos, local to this file so that it inlines */
typedef struct {
  Slot *a;
  uint32_t size;
} QHeap;

struct _TnetCHQuery {
  TnetCH *ch;              /* strong reference */
  Label *lf, *lb;          /* labels by rank, read through LAB(); lf owns 2n, lb = lf + 1 */
  uint32_t epoch;
  QHeap hf, hb;
  uint32_t *touched;       /* PHAST: nodes labelled by the upward search */
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

static inline void
qh_place (QHeap *h, Label *lab, uint32_t i, Slot s)
{
  Slot *a = h->a;
  while (i > 0)
    {
      uint32_t p = (i - 1) / 4;
      if (a[p].key <= s.key)
        break;
      a[i] = a[p];
      LAB (lab, a[i].item).pos = i;
      i = p;
    }
  a[i] = s;
  LAB (lab, s.item).pos = i;
}

static inline Slot
qh_pop (QHeap *h, Label *lab)
{
  Slot *a = h->a;
  Slot top = a[0];
  LAB (lab, top.item).pos = UINT32_MAX;
  uint32_t n = --h->size;
  if (n == 0)
    return top;
  Slot last = a[n];
  uint32_t i = 0;
  for (;;)
    {
      uint32_t c = 4 * i + 1;
      if (c >= n)
        break;
      uint32_t best = c, end = MIN (c + 4, n);
      for (uint32_t k = c + 1; k < end; k++)
        if (a[k].key < a[best].key)
          best = k;
      if (last.key <= a[best].key)
        break;
      a[i] = a[best];
      LAB (lab, a[i].item).pos = i;
      i = best;
    }
  a[i] = last;
  LAB (lab, last.item).pos = i;
  return top;
}

/* Labels @v with @d reached from @parent when that improves it. */
static inline void
relax (QHeap *h, Label *lab, uint32_t epoch, uint32_t v, uint32_t d, uint32_t parent)
{
  Label *l = &LAB (lab, v);
  if (l->stamp != epoch)
    {
      l->stamp = epoch;
      l->dist = d;
      l->parent = parent;
      qh_place (h, lab, h->size++, (Slot) { d, v });
    }
  else if (d < l->dist)
    {
      l->dist = d;
      l->parent = parent;
      if (l->pos != UINT32_MAX)
        qh_place (h, lab, l->pos, (Slot) { d, v });
    }
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
  ch->first = first;
  ch->up = up;
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
  q->lf = g_new0 (Label, 2 * (gsize) n);
  q->lb = q->lf + 1;
  q->hf.a = g_new (Slot, n);
  q->hb.a = g_new (Slot, n);
  q->touched = g_new (uint32_t, n);
  q->sweep = g_new (uint32_t, n);
  q->bucket_first = g_new (uint32_t, n + 1);
  return q;
}

void
tnet_ch_query_free (TnetCHQuery *q)
{
  if (q == NULL)
    return;
  g_free (q->lf);
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

static void
next_epoch (TnetCHQuery *q)
{
  if (++q->epoch == 0)
    {
      for (guint i = 0; i < q->ch->n_nodes; i++)
        LAB (q->lf, i).stamp = LAB (q->lb, i).stamp = 0;
      q->epoch = 1;
    }
  q->hf.size = q->hb.size = 0;
}

static inline void
start (QHeap *h, Label *lab, uint32_t epoch, uint32_t v)
{
  relax (h, lab, epoch, v, 0, UINT32_MAX);
}

/* One step of an upward search: pops the minimum of @heap and expands it
 * unless stalled. @fwd selects the weight read (wf forward, wb backward).
 * Returns the settled node, with *stalled telling whether it was pruned. */
static inline Slot
upward_step (const TnetCH *ch, uint32_t epoch, QHeap *heap, Label *lab, gboolean fwd,
             gboolean stall, gboolean *stalled)
{
  Slot top = qh_pop (heap, lab);
  const uint32_t v = top.item, d = top.key;
  const TnetCHEntry *e = ch->up + ch->first[v], *end = ch->up + ch->first[v + 1];
  if (stall)
    for (const TnetCHEntry *s = e; s < end; s++)
      {
        uint32_t w_in = fwd ? s->wb : s->wf;
        const Label *l = &LAB (lab, s->head);
        if (l->stamp == epoch && l->dist + w_in < d)
          {
            *stalled = TRUE;
            return top;
          }
      }
  *stalled = FALSE;
  for (; e < end; e++)
    {
      uint32_t w = fwd ? e->wf : e->wb;
      uint32_t nd = d + w;   /* d < INF, w <= INF: no wrap */
      if (nd >= TNET_WEIGHT_INF)
        continue;   /* absent arc, or as in Dijkstra: a path of INF or more is no path */
      relax (heap, lab, epoch, e->head, nd, v);
    }
  return top;
}

/* The bidirectional search; returns the distance, the meeting rank in
 * *meet (UINT32_MAX when unreachable). */
static uint32_t
p2p (TnetCHQuery *q, TnetId source, TnetId target, uint32_t *meet)
{
  const TnetCH *ch = q->ch;
  next_epoch (q);
  const uint32_t epoch = q->epoch;
  /* a path into a zone ends at its arrival twin (the free arc zone -> twin
   * makes that 0 when source == target's zone) */
  uint32_t s = ch->rank[source], t = ch->rank[ch->arrive ? ch->arrive[target] : target];
  Label *lf = q->lf, *lb = q->lb;
  start (&q->hf, lf, epoch, s);
  start (&q->hb, lb, epoch, t);
  uint32_t best = TNET_WEIGHT_INF, at = UINT32_MAX;
  if (s == t)
    {
      *meet = s;
      return 0;
    }
  for (;;)
    {
      uint32_t kf = q->hf.size ? q->hf.a[0].key : TNET_WEIGHT_INF;
      uint32_t kb = q->hb.size ? q->hb.a[0].key : TNET_WEIGHT_INF;
      if (MIN (kf, kb) >= best)
        break;
      gboolean stalled;
      if (kf <= kb)
        {
          Slot v = upward_step (ch, epoch, &q->hf, lf, TRUE, TRUE, &stalled);
          if (LAB (lb, v.item).stamp == epoch && v.key + LAB (lb, v.item).dist < best)
            best = v.key + LAB (lb, v.item).dist, at = v.item;
        }
      else
        {
          Slot v = upward_step (ch, epoch, &q->hb, lb, FALSE, TRUE, &stalled);
          if (LAB (lf, v.item).stamp == epoch && v.key + LAB (lf, v.item).dist < best)
            best = v.key + LAB (lf, v.item).dist, at = v.item;
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
  return p2p (q, source, target, &meet);
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
  const TnetGraph *g;
  const TnetMetric *metric;
  TnetId *arcs;
  guint cap;
  guint len;
  uint32_t prev;   /* external id of the last node */
} ArcSink;

static void
emit_arc (uint32_t rank, gpointer data)
{
  ArcSink *s = data;
  const TnetGraph *g = s->g;
  uint32_t v = s->ch->node_of[rank];
  uint32_t ui = g->to_internal[s->prev], vi = g->to_internal[v];
  /* the lightest arc prev → v, lowest id on ties: its weight is the CH's */
  uint32_t best = UINT32_MAX, best_w = UINT32_MAX;
  for (uint32_t a = g->first_out[ui]; a < g->first_out[ui + 1]; a++)
    if (g->head[a] == vi
        && (s->metric->weight[a] < best_w
            || (s->metric->weight[a] == best_w && g->arc_ext[a] < g->arc_ext[best])))
      best = a, best_w = s->metric->weight[a];
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

/* Unpacks the path of the last p2p() search meeting at @meet. */
static void
unpack_path (TnetCHQuery *q, uint32_t meet, EmitFunc emit, gpointer data)
{
  /* the forward half: parents from meet down to the source, reversed */
  gsize nf = 0;
  for (uint32_t v = meet; LAB (q->lf, v).parent != UINT32_MAX; v = LAB (q->lf, v).parent)
    nf++;
  uint32_t *chain = g_new (uint32_t, nf + 1);
  gsize k = nf;
  uint32_t v = meet;
  chain[k] = v;
  while (k > 0)
    {
      v = LAB (q->lf, v).parent;
      chain[--k] = v;
    }
  for (gsize i = 0; i < nf; i++)
    unpack_arc (q, chain[i], chain[i + 1], emit, data);
  g_free (chain);
  /* the backward half: parents lead from meet to the target */
  for (v = meet; LAB (q->lb, v).parent != UINT32_MAX; v = LAB (q->lb, v).parent)
    unpack_arc (q, v, LAB (q->lb, v).parent, emit, data);
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
  if (p2p (q, source, target, &meet) == TNET_WEIGHT_INF)
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
  g_return_val_if_fail (metric->graph->n_nodes == q->ch->n_nodes, G_MAXUINT);
  g_return_val_if_fail (source < q->ch->n_nodes && target < q->ch->n_nodes, G_MAXUINT);
  g_return_val_if_fail (cap == 0 || arcs != NULL, G_MAXUINT);
  g_return_val_if_fail (q->ch->mid != NULL, G_MAXUINT);
  uint32_t meet;
  if (p2p (q, source, target, &meet) == TNET_WEIGHT_INF)
    return G_MAXUINT;
  ArcSink sink = { q->ch, metric->graph, metric, arcs, cap, 0, source };
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
  next_epoch (q);
  const uint32_t epoch = q->epoch;
  uint32_t s = ch->rank[!fwd && ch->arrive ? ch->arrive[source] : source];
  start (&q->hf, q->lf, epoch, s);
  gsize n_touched = 0;
  gboolean stalled;
  while (q->hf.size > 0)
    q->touched[n_touched++] = upward_step (ch, epoch, &q->hf, q->lf, fwd, FALSE, &stalled).item;

  /* the sweep: highest rank first; every higher node is final when read */
  uint32_t *restrict d = q->sweep;
  for (guint r = 0; r < ch->n_nodes; r++)
    d[r] = TNET_WEIGHT_INF;
  for (gsize i = 0; i < n_touched; i++)
    d[q->touched[i]] = LAB (q->lf, q->touched[i]).dist;
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
  q->raw_len = 0;
  for (guint j = 0; j < n_targets; j++)
    {
      next_epoch (q);
      uint32_t t = ch->rank[ch->arrive ? ch->arrive[targets[j]] : targets[j]];
      start (&q->hb, q->lb, q->epoch, t);
      while (q->hb.size > 0)
        {
          gboolean stalled;
          Slot v = upward_step (ch, q->epoch, &q->hb, q->lb, FALSE, TRUE, &stalled);
          if (stalled)
            continue;
          if (G_UNLIKELY (q->raw_len == q->raw_cap))
            grow ((gpointer *) &q->raw, &q->raw_cap, q->raw_len + 1, sizeof (RawItem));
          if (paths)
            {
              grow ((gpointer *) &q->raw_parent, &q->raw_parent_cap, q->raw_len + 1,
                    sizeof (uint32_t));
              uint32_t par = LAB (q->lb, v.item).parent;
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
  q->n_fwd = 0;
  for (guint i = 0; i < n_sources; i++)
    {
      TnetWeight *row = out + (gsize) i * n_targets;
      for (guint j = 0; j < n_targets; j++)
        row[j] = TNET_WEIGHT_INF;
      CellMeet *meet = paths ? q->cells + (gsize) i * n_targets : NULL;
      for (guint j = 0; paths && j < n_targets; j++)
        meet[j] = (CellMeet) { NO_LINK, NO_LINK };
      next_epoch (q);
      uint32_t s = ch->rank[sources[i]];
      if (paths)
        q->cell_source[i] = s;
      start (&q->hf, q->lf, q->epoch, s);
      while (q->hf.size > 0)
        {
          gboolean stalled;
          Slot v = upward_step (ch, q->epoch, &q->hf, q->lf, TRUE, TRUE, &stalled);
          if (stalled)
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
          uint32_t par = LAB (q->lf, v.item).parent;
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
  g_return_val_if_fail (metric->graph->n_nodes == q->ch->n_nodes, G_MAXUINT);
  g_return_val_if_fail (cap == 0 || arcs != NULL, G_MAXUINT);
  if (q->cells[(gsize) i * q->n_cell_targets + j].fwd == NO_LINK)
    return G_MAXUINT;
  ArcSink sink = { q->ch, metric->graph, metric, arcs, cap, 0,
                   q->ch->node_of[q->cell_source[i]] };
  cell_unpack (q, i, j, emit_arc, &sink);
  return sink.len;
}
