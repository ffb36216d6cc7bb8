/* flat-graph.h: a plain CSR copy of a TnetGraph + TnetMetric built through
 * the public accessors, for the analyses that run their own search loops
 * (residual graphs, blocked elements). Internal. */
#pragma once

#include "tnet-internal.h"
#include "heap.h"

typedef struct {
  guint n_nodes;
  guint n_arcs;
  /* forward CSR over external node ids: out-arcs of u are
   * out_arc[first_out[u] .. first_out[u+1]-1], external arc ids */
  guint32 *first_out;   /* n_nodes + 1 */
  guint32 *out_arc;     /* n_arcs */
  /* reverse CSR: in-arcs of v */
  guint32 *first_in;    /* n_nodes + 1 */
  guint32 *in_arc;      /* n_arcs */
  guint32 *tail;        /* by external arc */
  guint32 *head;        /* by external arc */
  TnetWeight *weight;   /* by external arc; all 1 when built without metric */
  /* node a path reports for each node: the zone for an arrival twin (see
   * tnet_graph_arrival_node()), else the node itself */
  guint32 *report_node; /* n_nodes */
} TnetIFlatGraph;

void tnet_i_flat_graph_init (TnetIFlatGraph *fg, const TnetGraph *graph,
                             const TnetMetric *metric);
void tnet_i_flat_graph_clear (TnetIFlatGraph *fg);

/* Pairs each arc with the opposite arc of the same link (TNET_ID_NONE when
 * it has none); returns a new array of n_arcs entries. */
guint32 *tnet_i_flat_graph_twins (const TnetIFlatGraph *fg, const TnetGraph *graph);

/* Builds a TnetPath from arcs (copied), filling nodes and time. */
void tnet_i_path_fill (TnetPath *path, const TnetIFlatGraph *fg,
                       const guint32 *arcs, guint n_arcs);

/* Decomposes a unit-ish flow given per arc (@flow, consumed) from the
 * nodes marked 1 in @side (A) to those marked 2 (B) into paths, each
 * trimmed to run from its last node in A to its first node in B after it.
 * Cycles met on the way are dropped. Returns the number of paths written
 * into @set (allocated to hold the flow's value). */
void tnet_i_flow_decompose (const TnetIFlatGraph *fg, const guint8 *side,
                            int *flow, TnetPathSet *set);
