/* search-private.h: the layout of TnetSearch, for the paths layer only. */
#pragma once

#include "graph-internal.h"
#include "heap.h"

/* Per-node label, kept together so one cache line serves both reads of the
 * relaxation step. */
typedef struct {
  uint32_t dist;   /* tentative or final distance; meaningful iff stamp == epoch */
  uint32_t stamp;  /* epoch of the run that last labelled the node */
} TnetSearchLabel;

struct _TnetSearch {
  const TnetGraph *graph;    /* strong reference; all arrays are sized by it */
  const TnetICsr *csr;       /* tnet_i_graph_csr (graph) */
  TnetSearchLabel *label;    /* n_nodes, by internal node */
  /* by internal node, valid iff label[v].stamp == epoch: the arc by which v was
   * reached, as a position in the CSR of the run's direction (forward: forward
   * arc index; backward: reverse-CSR position), or TNET_ID_NONE for a root */
  uint32_t *parent;
  uint32_t *origin;          /* by internal node, valid like parent: internal root */
  uint32_t *settled;         /* settled[0 .. n_settled-1]: internal nodes, in order */
  guint n_settled;
  uint32_t epoch;            /* >= 1; every stamp is <= epoch; 0 never labels */
  TnetDirection dir;         /* direction of the last run */
  /* Holds exactly the labelled but unsettled nodes of the last run (emptied
   * at the start of the next one), so "settled" = labelled and not in it. */
  TnetHeap heap;
  /* per internal forward arc: nonzero = blocked (treated as absent); NULL
   * until the first tnet_search_block_arcs(); n_blocked counts the arcs set */
  uint8_t *blocked;
  guint n_blocked;
};

/* For tests: sets the epoch counter, to exercise the wrap-around. */
void tnet_i_search_set_epoch (TnetSearch *search, uint32_t epoch);
