/* graph-private.h: the layout of TnetGraph and TnetMetric, for lib/graph
 * only. The layers above read them through graph-internal.h. */
#pragma once

#include "tnet-internal.h"
#include "graph-internal.h"

/*
 * Node ids: "internal" = position in the locality order; "external" = the
 * id the API shows. Arc ids likewise: internal = position in the forward
 * CSR; external = the order the builder received.
 */
struct _TnetGraph {
  gint ref_count;          /* atomic */
  guint n_nodes;
  guint n_arcs;
  /* forward CSR over internal ids: arcs of u are first_out[u] .. first_out[u+1]-1 */
  uint32_t *first_out;     /* n_nodes + 1 entries, first_out[n] == n_arcs */
  uint32_t *head;          /* n_arcs, internal head node */
  /* reverse CSR: incoming arcs of v are rfirst_out[v] .. rfirst_out[v+1]-1 */
  uint32_t *rfirst_out;    /* n_nodes + 1 */
  uint32_t *rtail;         /* n_arcs, internal tail node of the incoming arc */
  uint32_t *rarc;          /* n_arcs, internal forward arc index of that arc */
  /* permutations */
  uint32_t *to_internal;   /* external node -> internal node */
  uint32_t *to_external;   /* internal node -> external node */
  uint32_t *arc_ext;       /* internal arc -> external arc */
  uint32_t *arc_int;       /* external arc -> internal arc */
  uint32_t *arc_tail;      /* internal arc -> internal tail (for path walks) */
  TnetId *arc_link;        /* external arc -> network link or TNET_ID_NONE */
  /* Terminals (zones) cannot be passed through: every arc that enters a
   * terminal v enters its arrival twin instead, a node of its own with no
   * outgoing arcs. NULL when the graph has no terminals. */
  uint32_t n_base;         /* nodes 0 .. n_base-1 are the builder's; twins follow */
  uint32_t *twin;          /* n_base: external arrival twin of v, or v itself */
  uint32_t *twin_of;       /* n_nodes - n_base: the terminal of twin n_base + k */
  /* the same arrays as seen by tnet_i_graph_csr(), set by graph.c whenever
   * the fields above are (construction, tnet_i_graph_set_twins()) */
  TnetICsr csr;
};

/* Marks @terminals[0 .. n-1] as terminals whose twins are the nodes
 * n_base + k (already in the graph, with the incoming arcs). Only for a
 * graph that is not shared yet. */
void tnet_i_graph_set_twins (TnetGraph *graph, guint n_base, const TnetId *terminals,
                             guint n_terminals);
/* The terminal of a twin, or @v itself (external ids). */
static inline uint32_t
tnet_i_graph_untwin (const TnetGraph *g, uint32_t v)
{
  return g->twin_of != NULL && v >= g->n_base ? g->twin_of[v - g->n_base] : v;
}

struct _TnetMetric {
  gint ref_count;          /* atomic */
  const TnetGraph *graph;  /* strong reference */
  uint32_t *weight;        /* n_arcs, by internal forward arc, each <= TNET_WEIGHT_MAX */
  uint32_t *rweight;       /* n_arcs, by reverse-CSR position (weight[rarc[i]]) */
  TnetIWeights view;       /* tnet_i_metric_weights(), set with the fields above */
};
