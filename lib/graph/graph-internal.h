/* graph-internal.h: what the graph layer exports to the layers above it
 * (paths) about a TnetGraph and a TnetMetric: read-only views of their
 * arrays. The objects' layout stays in graph-private.h, which only lib/graph
 * includes. Internal: not installed, not part of the API.
 *
 * A kernel fetches a view once per search (one call) and then reads the
 * arrays directly in its loops, exactly as it would read the object's own
 * fields: no call per node or arc. */
#pragma once

#include "tnet-internal.h"

/*
 * TnetICsr: the topology of a graph.
 *
 * Node ids: "internal" = position in the locality order; "external" = the
 * id the API shows. Arc ids likewise: internal = position in the forward
 * CSR; external = the order the builder received.
 */
typedef struct {
  guint n_nodes;
  guint n_arcs;
  /* forward CSR over internal ids: arcs of u are first_out[u] .. first_out[u+1]-1 */
  const uint32_t *first_out;     /* n_nodes + 1 entries, first_out[n] == n_arcs */
  const uint32_t *head;          /* n_arcs, internal head node */
  /* reverse CSR: incoming arcs of v are rfirst_out[v] .. rfirst_out[v+1]-1 */
  const uint32_t *rfirst_out;    /* n_nodes + 1 */
  const uint32_t *rtail;         /* n_arcs, internal tail node of the incoming arc */
  const uint32_t *rarc;          /* n_arcs, internal forward arc index of that arc */
  /* permutations */
  const uint32_t *to_internal;   /* external node -> internal node */
  const uint32_t *to_external;   /* internal node -> external node */
  const uint32_t *arc_ext;       /* internal arc -> external arc */
  const uint32_t *arc_int;       /* external arc -> internal arc */
  const uint32_t *arc_tail;      /* internal arc -> internal tail (for path walks) */
  const TnetId *arc_link;        /* external arc -> network link or TNET_ID_NONE */
  /* Terminals (zones) cannot be passed through: every arc that enters a
   * terminal v enters its arrival twin instead, a node of its own with no
   * outgoing arcs. twin and twin_of are NULL when the graph has none. */
  uint32_t n_base;               /* nodes 0 .. n_base-1 are the builder's; twins follow */
  const uint32_t *twin;          /* n_base: external arrival twin of v, or v itself */
  const uint32_t *twin_of;       /* n_nodes - n_base: the terminal of twin n_base + k */
} TnetICsr;

/* The topology of @graph. The view belongs to @graph and is valid while
 * the caller holds a reference to it (a graph never changes once shared).
 * O(1); thread-safe (read only). */
const TnetICsr *tnet_i_graph_csr (const TnetGraph *graph);

/* The terminal of a twin, or @v itself (external ids). */
static inline uint32_t
tnet_i_csr_untwin (const TnetICsr *g, uint32_t v)
{
  return g->twin_of != NULL && v >= g->n_base ? g->twin_of[v - g->n_base] : v;
}

/* TnetIWeights: the arc costs of a metric, in the order of its graph's
 * CSR arrays. Every weight is <= TNET_WEIGHT_MAX. */
typedef struct {
  const TnetGraph *graph;        /* the metric's graph */
  const TnetICsr *csr;           /* tnet_i_graph_csr (graph) */
  const uint32_t *weight;        /* n_arcs, by internal forward arc */
  const uint32_t *rweight;       /* n_arcs, by reverse-CSR position (weight[rarc[i]]) */
} TnetIWeights;

/* The weights of @metric, valid while the caller holds a reference to it.
 * O(1); thread-safe (read only). */
const TnetIWeights *tnet_i_metric_weights (const TnetMetric *metric);
