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
 * - Zones of compiled graphs (ch-private.h): searches towards a zone end
 *   at its arrival twin, and one-to-all rows read the better of a zone and
 *   its twin, which gives exactly TnetSearch's distances.
 * - Labels live in arrays valid where a stamp equals the current epoch, so
 *   a query clears nothing; the heaps are emptied touching only what is
 *   left in them.
 */
#include "tnet-internal.h"
#include "ch-private.h"
#include "heap.h"

typedef struct {
  uint32_t target;   /* index into the targets of the call */
  uint32_t dist;
} BucketItem;

typedef struct {
  uint32_t node;
  BucketItem item;
} RawItem;

struct _TnetCHQuery {
  TnetCH *ch;              /* strong reference */
  uint32_t *df, *db;       /* labels by rank, valid where sf/sb == epoch */
  uint32_t *sf, *sb;
  uint32_t epoch;
  TnetHeap hf, hb;
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
};

TnetCH *
tnet_i_ch_new_take (guint n_nodes, guint n_entries, uint32_t *rank, uint32_t *first,
                    TnetCHEntry *up, uint32_t *arrive)
{
  TnetCH *ch = g_new0 (TnetCH, 1);
  ch->ref_count = 1;
  ch->n_nodes = n_nodes;
  ch->n_entries = n_entries;
  ch->rank = rank;
  ch->first = first;
  ch->up = up;
  ch->arrive = arrive;
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
  g_free (ch->first);
  g_free (ch->up);
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
  return sizeof *ch + (gsize) ch->n_nodes * sizeof (uint32_t)
         + ((gsize) ch->n_nodes + 1) * sizeof (uint32_t)
         + (gsize) ch->n_entries * sizeof (TnetCHEntry)
         + (ch->arrive ? (gsize) ch->n_nodes * sizeof (uint32_t) : 0);
}

TnetCHQuery *
tnet_ch_query_new (TnetCH *ch)
{
  g_return_val_if_fail (ch != NULL, NULL);
  guint n = MAX (ch->n_nodes, 1u);
  TnetCHQuery *q = g_new0 (TnetCHQuery, 1);
  q->ch = tnet_ch_ref (ch);
  q->df = g_new (uint32_t, n);
  q->db = g_new (uint32_t, n);
  q->sf = g_new0 (uint32_t, n);
  q->sb = g_new0 (uint32_t, n);
  q->sweep = g_new (uint32_t, n);
  q->bucket_first = g_new (uint32_t, n + 1);
  tnet_i_heap_init (&q->hf, ch->n_nodes);
  tnet_i_heap_init (&q->hb, ch->n_nodes);
  return q;
}

void
tnet_ch_query_free (TnetCHQuery *q)
{
  if (q == NULL)
    return;
  g_free (q->df);
  g_free (q->db);
  g_free (q->sf);
  g_free (q->sb);
  g_free (q->sweep);
  g_free (q->bucket_first);
  g_free (q->bucket_items);
  g_free (q->raw);
  tnet_i_heap_destroy (&q->hf);
  tnet_i_heap_destroy (&q->hb);
  tnet_ch_unref (q->ch);
  g_free (q);
}

static void
next_epoch (TnetCHQuery *q)
{
  if (++q->epoch == 0)
    {
      memset (q->sf, 0, q->ch->n_nodes * sizeof (uint32_t));
      memset (q->sb, 0, q->ch->n_nodes * sizeof (uint32_t));
      q->epoch = 1;
    }
}

/* One step of an upward search: pops the minimum of @heap and expands it
 * unless stalled. @fwd selects the weight read (wf forward, wb backward).
 * Returns the settled node, with *stalled telling whether it was pruned. */
static inline TnetHeapEntry
upward_step (TnetCHQuery *q, TnetHeap *heap, uint32_t *dist, uint32_t *stamp,
             gboolean fwd, gboolean stall, gboolean *stalled)
{
  const TnetCH *ch = q->ch;
  const uint32_t epoch = q->epoch;
  TnetHeapEntry top = tnet_i_heap_pop (heap);
  const uint32_t v = top.item, d = top.key;
  const TnetCHEntry *e = ch->up + ch->first[v], *end = ch->up + ch->first[v + 1];
  if (stall)
    for (const TnetCHEntry *s = e; s < end; s++)
      {
        uint32_t w_in = fwd ? s->wb : s->wf;
        if (stamp[s->head] == epoch && dist[s->head] + w_in < d)
          {
            *stalled = TRUE;
            return top;
          }
      }
  *stalled = FALSE;
  for (; e < end; e++)
    {
      uint32_t w = fwd ? e->wf : e->wb;
      if (w == TNET_WEIGHT_INF)
        continue;
      uint32_t nd = d + w, h = e->head;   /* d < INF, w <= INF: no wrap */
      if (nd >= TNET_WEIGHT_INF)
        continue;   /* as in Dijkstra: a path of INF or more is no path */
      if (stamp[h] != epoch || nd < dist[h])
        {
          stamp[h] = epoch;
          dist[h] = nd;
          tnet_i_heap_push_or_decrease (heap, h, nd);
        }
    }
  return top;
}

TnetWeight
tnet_ch_query_distance (TnetCHQuery *q, TnetId source, TnetId target)
{
  g_return_val_if_fail (q != NULL, TNET_WEIGHT_INF);
  g_return_val_if_fail (source < q->ch->n_nodes && target < q->ch->n_nodes, TNET_WEIGHT_INF);
  if (source == target)
    return 0;
  const TnetCH *ch = q->ch;
  next_epoch (q);
  /* a path into a zone ends at its arrival twin (the free arc zone -> twin
   * makes that 0 when source == target's zone) */
  uint32_t s = ch->rank[source], t = ch->rank[ch->arrive ? ch->arrive[target] : target];
  q->df[s] = 0;
  q->sf[s] = q->epoch;
  tnet_i_heap_push_or_decrease (&q->hf, s, 0);
  q->db[t] = 0;
  q->sb[t] = q->epoch;
  tnet_i_heap_push_or_decrease (&q->hb, t, 0);
  uint32_t best = TNET_WEIGHT_INF;
  for (;;)
    {
      uint32_t kf = tnet_i_heap_empty (&q->hf) ? TNET_WEIGHT_INF : q->hf.slots[0].key;
      uint32_t kb = tnet_i_heap_empty (&q->hb) ? TNET_WEIGHT_INF : q->hb.slots[0].key;
      if (MIN (kf, kb) >= best)
        break;
      gboolean stalled;
      if (kf <= kb)
        {
          TnetHeapEntry v = upward_step (q, &q->hf, q->df, q->sf, TRUE, TRUE, &stalled);
          if (q->sb[v.item] == q->epoch && v.key + q->db[v.item] < best)
            best = v.key + q->db[v.item];
        }
      else
        {
          TnetHeapEntry v = upward_step (q, &q->hb, q->db, q->sb, FALSE, TRUE, &stalled);
          if (q->sf[v.item] == q->epoch && v.key + q->df[v.item] < best)
            best = v.key + q->df[v.item];
        }
    }
  tnet_i_heap_reset (&q->hf);
  tnet_i_heap_reset (&q->hb);
  return best;
}

void
tnet_ch_query_one_to_all (TnetCHQuery *q, TnetId source, TnetDirection dir, TnetWeight *dist)
{
  g_return_if_fail (q != NULL && dist != NULL);
  g_return_if_fail (source < q->ch->n_nodes);
  const TnetCH *ch = q->ch;
  const gboolean fwd = dir == TNET_FORWARD;
  next_epoch (q);
  uint32_t s = ch->rank[!fwd && ch->arrive ? ch->arrive[source] : source];
  q->df[s] = 0;
  q->sf[s] = q->epoch;
  tnet_i_heap_push_or_decrease (&q->hf, s, 0);
  gboolean stalled;
  while (!tnet_i_heap_empty (&q->hf))
    upward_step (q, &q->hf, q->df, q->sf, fwd, FALSE, &stalled);

  /* the sweep: highest rank first; every higher node is final when read */
  uint32_t *restrict d = q->sweep;
  const uint32_t *first = ch->first;
  const TnetCHEntry *up = ch->up;
  const uint32_t *lab = q->df, *stamp = q->sf;
  const uint32_t epoch = q->epoch;
  for (guint r = ch->n_nodes; r-- > 0;)
    {
      uint32_t best = stamp[r] == epoch ? lab[r] : TNET_WEIGHT_INF;
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

void
tnet_ch_query_many_to_many (TnetCHQuery *q, const TnetId *sources, guint n_sources,
                            const TnetId *targets, guint n_targets, TnetWeight *out)
{
  g_return_if_fail (q != NULL);
  g_return_if_fail (n_sources == 0 || (sources != NULL && out != NULL));
  g_return_if_fail (n_targets == 0 || targets != NULL);
  const TnetCH *ch = q->ch;
  const guint n = ch->n_nodes;
  for (guint i = 0; i < n_sources; i++)
    g_return_if_fail (sources[i] < n);
  for (guint j = 0; j < n_targets; j++)
    g_return_if_fail (targets[j] < n);

  /* backward searches fill the raw items */
  q->raw_len = 0;
  for (guint j = 0; j < n_targets; j++)
    {
      next_epoch (q);
      uint32_t t = ch->rank[ch->arrive ? ch->arrive[targets[j]] : targets[j]];
      q->db[t] = 0;
      q->sb[t] = q->epoch;
      tnet_i_heap_push_or_decrease (&q->hb, t, 0);
      while (!tnet_i_heap_empty (&q->hb))
        {
          gboolean stalled;
          TnetHeapEntry v = upward_step (q, &q->hb, q->db, q->sb, FALSE, TRUE, &stalled);
          if (!stalled)
            {
              if (G_UNLIKELY (q->raw_len == q->raw_cap))
                {
                  q->raw_cap = MAX (4096, 2 * q->raw_cap);
                  q->raw = g_renew (RawItem, q->raw, q->raw_cap);
                }
              q->raw[q->raw_len++] = (RawItem) { v.item, { j, v.key } };
            }
        }
    }
  /* counting sort by node into buckets */
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
  for (gsize k = 0; k < n_items; k++)
    q->bucket_items[bf[raw[k].node]++] = raw[k].item;
  /* bf[v] now holds the end of v's bucket; shift back to the starts */
  for (guint v = n; v > 0; v--)
    bf[v] = bf[v - 1];
  bf[0] = 0;

  /* forward searches scan them */
  for (guint i = 0; i < n_sources; i++)
    {
      TnetWeight *row = out + (gsize) i * n_targets;
      for (guint j = 0; j < n_targets; j++)
        row[j] = TNET_WEIGHT_INF;
      next_epoch (q);
      uint32_t s = ch->rank[sources[i]];
      q->df[s] = 0;
      q->sf[s] = q->epoch;
      tnet_i_heap_push_or_decrease (&q->hf, s, 0);
      while (!tnet_i_heap_empty (&q->hf))
        {
          gboolean stalled;
          TnetHeapEntry v = upward_step (q, &q->hf, q->df, q->sf, TRUE, TRUE, &stalled);
          if (stalled)
            continue;
          const BucketItem *b = q->bucket_items + bf[v.item];
          const BucketItem *bend = q->bucket_items + bf[v.item + 1];
          for (; b < bend; b++)
            {
              uint32_t c = v.key + b->dist;
              if (c < row[b->target])
                row[b->target] = c;
            }
        }
    }
}
