/* ch-layout.c: the node numbering a freshly built hierarchy is stored in.
 *
 * Implementation notes:
 * - Every query only needs the numbering to be a topological order of the
 *   upward arcs (each entry's head above its owner, the middle node of a
 *   shortcut below both ends, ch-private.h), not the contraction order
 *   itself. Any such order can therefore be chosen for speed: cold
 *   point-to-point queries spend their time waiting for the lines of
 *   scattered nodes, so nodes that one search visits together should be
 *   stored together.
 * - Layout: the @core highest-ranked nodes stay at the top in rank order,
 *   one compact block that every search ends in (its arcs all point inside
 *   it, since they point upwards; TNET_CH_LAYOUT_CORE: 4096 nodes, some
 *   hundreds of KiB of entries, which stay in a core's cache). The rest are numbered in the post-order
 *   of a depth-first search over the downward arcs, started from them in
 *   decreasing rank: a node is numbered after everything below it that the
 *   search reached through it, so the upward arcs keep pointing upwards,
 *   and the nodes of one region of the hierarchy (a subtree of the search)
 *   end up in one contiguous range instead of spread over the whole array.
 * - Cost: O(n + m) time, about 16 bytes per node and 4 per entry of
 *   scratch, and a copy of the arc arrays. */
#include "tnet-internal.h"
#include "ch-private.h"

/* The downward arcs: for each node, the lower nodes with an entry towards
 * it, in decreasing rank. Returns the offsets (n + 1); *adj receives them. */
static uint32_t *
down_arcs (guint n, guint n_entries, const uint32_t *first, const TnetCHEntry *up,
           uint32_t **adj)
{
  uint32_t *dfirst = g_new0 (uint32_t, (gsize) n + 1);
  for (guint i = 0; i < n_entries; i++)
    dfirst[up[i].head + 1]++;
  for (guint v = 0; v < n; v++)
    dfirst[v + 1] += dfirst[v];
  uint32_t *fill = g_memdup2 (dfirst, ((gsize) n + 1) * sizeof *fill);
  *adj = g_new (uint32_t, MAX (n_entries, 1u));
  for (guint x = n; x-- > 0;)
    for (uint32_t i = first[x]; i < first[x + 1]; i++)
      (*adj)[fill[up[i].head]++] = x;
  g_free (fill);
  return dfirst;
}

/* The new number of each rank (see the notes): ranks n - @core and above
 * keep theirs. */
static uint32_t *
locality_order (guint n, guint n_entries, guint core, const uint32_t *first,
                const TnetCHEntry *up)
{
  uint32_t *adj;
  uint32_t *dfirst = down_arcs (n, n_entries, first, up, &adj);
  guint low = n - MIN (n, core);
  uint32_t *pos = g_new (uint32_t, MAX (n, 1u));
  for (guint v = low; v < n; v++)
    pos[v] = v;
  guint8 *seen = g_new0 (guint8, MAX (low, 1u));
  uint32_t *stack = g_new (uint32_t, MAX (low, 1u));
  uint32_t *next = g_new (uint32_t, MAX (low, 1u));   /* next downward arc to try */
  uint32_t numbered = 0;
  for (guint root = low; root-- > 0;)
    {
      if (seen[root])
        continue;
      guint sp = 0;
      seen[root] = 1;
      stack[sp++] = root;
      next[root] = dfirst[root];
      while (sp > 0)
        {
          uint32_t v = stack[sp - 1];
          if (next[v] < dfirst[v + 1])
            {
              uint32_t c = adj[next[v]++];   /* below v, so below the core */
              if (!seen[c])
                {
                  seen[c] = 1;
                  next[c] = dfirst[c];
                  stack[sp++] = c;
                }
              continue;
            }
          pos[v] = numbered++;
          sp--;
        }
    }
  g_assert (numbered == low);
  g_free (seen);
  g_free (stack);
  g_free (next);
  g_free (adj);
  g_free (dfirst);
  return pos;
}

void
tnet_i_ch_relayout (guint n, guint n_entries, guint core, uint32_t *rank, uint32_t **first,
                    TnetCHEntry **up, TnetCHMid **mid)
{
  const uint32_t *of = *first;
  const TnetCHEntry *ou = *up;
  const TnetCHMid *om = *mid;
  uint32_t *pos = locality_order (n, n_entries, core, of, ou);
  uint32_t *old_of = g_new (uint32_t, MAX (n, 1u));
  for (guint v = 0; v < n; v++)
    old_of[pos[v]] = v;
  uint32_t *nf = g_new (uint32_t, (gsize) n + 1);
  TnetCHEntry *nu = g_new (TnetCHEntry, MAX (n_entries, 1u));
  TnetCHMid *nm = g_new (TnetCHMid, MAX (n_entries, 1u));
  uint32_t len = 0;
  for (guint p = 0; p < n; p++)
    {
      uint32_t x = old_of[p];
      nf[p] = len;
      for (uint32_t i = of[x]; i < of[x + 1]; i++)
        {
          /* insertion by head: the entries of a node are few */
          TnetCHEntry e = { pos[ou[i].head], ou[i].wf, ou[i].wb };
          TnetCHMid m = { om[i].mf == TNET_CH_NO_MID ? TNET_CH_NO_MID : pos[om[i].mf],
                          om[i].mb == TNET_CH_NO_MID ? TNET_CH_NO_MID : pos[om[i].mb] };
          uint32_t j = len++;
          while (j > nf[p] && nu[j - 1].head > e.head)
            {
              nu[j] = nu[j - 1];
              nm[j] = nm[j - 1];
              j--;
            }
          nu[j] = e;
          nm[j] = m;
        }
    }
  nf[n] = len;
  for (guint v = 0; v < n; v++)
    rank[v] = pos[rank[v]];
  g_free (pos);
  g_free (old_of);
  g_free (*first);
  g_free (*up);
  g_free (*mid);
  *first = nf;
  *up = nu;
  *mid = nm;
}
