/* ch-private.h: the layout of a contraction hierarchy, shared by the
 * build, query and file code. */
#pragma once

#include "tnet-internal.h"

/*
 * One entry per pair of nodes joined by a CH arc in at least one
 * direction, stored at the lower-ranked node. Nodes are numbered in a
 * topological order of the upward arcs, called their ranks below: every
 * arc points to a higher number. The contraction order is one such order
 * (0 = contracted first; tnet_ch_customize and a CCH keep theirs), and a
 * fresh build stores another one, chosen for locality (ch-layout.c).
 * For entry e of node x (head h = e.head > x):
 *   e.wf = weight of the arc x → h (TNET_WEIGHT_INF when absent)
 *   e.wb = weight of the arc h → x (TNET_WEIGHT_INF when absent)
 * The forward upward search reads wf, the backward one wb; the PHAST sweep
 * of a forward query pulls d(x) = min d(h) + wb; stall-on-demand reads the
 * opposite weight. One array thus serves every query, and a two-way road
 * costs 12 bytes per pair instead of 16. A node's entries are sorted by
 * head, strictly increasing.
 */
typedef struct {
  uint32_t head;   /* rank of the higher end, > the owner's rank, < n_nodes */
  uint32_t wf;     /* <= TNET_WEIGHT_INF */
  uint32_t wb;     /* <= TNET_WEIGHT_INF; not both INF */
} TnetCHEntry;

/*
 * Path unpacking: for entry e of node x (same index as in up[]),
 *   mf = rank of the node the arc x → e.head bypasses, TNET_CH_NO_MID when
 *        it is an input arc (or absent);
 *   mb = the same for the arc e.head → x.
 * A middle node m ranks below x, and the entries of m towards x and
 * towards e.head hold the two halves, whose weights add up to the arc's.
 */
#define TNET_CH_NO_MID UINT32_MAX
typedef struct {
  uint32_t mf;
  uint32_t mb;
} TnetCHMid;

struct _TnetCH {
  gint ref_count;          /* atomic */
  guint n_nodes;
  guint n_entries;
  uint32_t *rank;          /* external node -> rank; a permutation of 0..n-1 */
  uint32_t *node_of;       /* rank -> external node (the inverse, made by tnet_i_ch_new_take) */
  uint32_t *first;         /* n_nodes + 1 by rank; first[0] = 0, monotone, first[n] = n_entries */
  TnetCHEntry *up;         /* n_entries */
  TnetCHMid *mid;          /* n_entries, parallel to up */
  /* Graphs with zone terminals (tnet_graph_arrival_node()): external node ->
   * the external node where a path arriving there ends (its arrival twin,
   * or itself); NULL when the graph has none. Queries read distances to
   * min(node, arrive[node]) and start backward searches at arrive[node], as
   * TnetSearch does. */
  uint32_t *arrive;
};

/* Takes ownership of the arrays. */
TnetCH *tnet_i_ch_new_take (guint n_nodes, guint n_entries, uint32_t *rank,
                            uint32_t *first, TnetCHEntry *up, TnetCHMid *mid,
                            uint32_t *arrive);

/* ch-layout.c: renumbers a hierarchy (ranks in @rank, external node ->
 * rank, and the arc arrays, replaced) in another topological order of its
 * upward arcs, chosen so that nodes searched together are stored together:
 * the @core highest nodes keep their numbers, the others follow a
 * depth-first search down from them. The arcs are the same, and every
 * invariant above holds for the result. O(n + m). tnet_ch_build() applies
 * it with TNET_CH_LAYOUT_CORE (n); the other constructors keep the order
 * they are given (a customisation keeps its hierarchy's numbering). */
#define TNET_CH_LAYOUT_CORE(n) MIN (4096u, (n) / 8u)
void tnet_i_ch_relayout (guint n, guint n_entries, guint core, uint32_t *rank,
                         uint32_t **first, TnetCHEntry **up, TnetCHMid **mid);
