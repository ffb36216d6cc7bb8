/* lexsearch-internal.h: best-first search over vector costs compared
 * lexicographically, on a small undirected graph given as arrays. For the
 * analysis layer (structure checks), where a route's cost has several parts
 * (breaks, closed stretches, closed length, total length) that do not pack
 * into one TnetWeight. Internal: not installed, not part of the API. */
#pragma once

#include "tnet-internal.h"

/*
 * TnetILexGraph: the input, borrowed for the call.
 *
 * Nodes are 0 .. n_nodes-1. Edge i joins edge_a[i] and edge_b[i] and may be
 * walked either way; its cost is the vector edge_cost[i * n_parts ..
 * i * n_parts + n_parts - 1], every part >= 0. A path's cost is the
 * part-wise sum of its edges' costs, added from the source on; two costs
 * compare by their first differing part.
 */
typedef struct {
  guint n_nodes;
  guint n_edges;
  const guint *edge_a;        /* n_edges, < n_nodes */
  const guint *edge_b;        /* n_edges, < n_nodes */
  guint n_parts;              /* >= 1 */
  const double *edge_cost;    /* n_edges * n_parts, finite and >= 0 */
  const guint *sources;       /* n_sources nodes, where a path may start */
  guint n_sources;
  const guint *targets;       /* n_targets nodes, where it may end */
  guint n_targets;
} TnetILexGraph;

/*
 * tnet_i_lex_search:
 * @g: the graph, sources and targets
 * @cost: (out caller-allocates): n_parts doubles, the cheapest path's cost
 * @edges: (out): emptied, then the cheapest path's edge indices (guint), from
 *   its source to its target (empty when a source is a target)
 *
 * Finds a cheapest path from any source to any target (Dijkstra over the
 * cost vectors). Ties are broken deterministically: among nodes of equal
 * cost the lowest index is settled first, and a node keeps the first of
 * equally cheap edges met (adjacency in edge order), so the result depends on
 * the input's order only.
 *
 * Returns: the target reached, or G_MAXUINT when none is reachable (then
 * @cost and @edges are left empty/untouched).
 *
 * Time complexity: O((n + m) log n × n_parts), n nodes and m edges; memory
 * O(n × n_parts + m). Allocates its own scratch; thread-safe on distinct
 * outputs. Cannot fail (costs must be non-negative; that is the caller's
 * promise, checked with g_return_val_if_fail only for the sizes).
 */
guint tnet_i_lex_search (const TnetILexGraph *g, double *cost, GArray *edges);
