/* tnet-graph.h: immutable compiled graphs (CSR) and metrics (arc weights). */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>
#include <tnet/tnet-scenario.h>

G_BEGIN_DECLS

/**
 * TnetGraph:
 * An immutable directed graph in forward and reverse CSR form, shareable
 * across threads (_ref/_unref are atomic). Node ids and arc ids seen through
 * the API are the *external* ones: the order in which the builder was given
 * them (for a graph compiled from a network, node i is network node i;
 * synthetic nodes, e.g. transit route nodes, follow after them). Inside,
 * nodes are renumbered in a locality-preserving order for cache behaviour;
 * this never shows outside.
 */
typedef struct _TnetGraph TnetGraph;

/**
 * TnetMetric:
 * Immutable weights, one per arc of one graph (TnetWeight: ms, or metres for
 * a length metric). Shareable across threads.
 */
typedef struct _TnetMetric TnetMetric;

/**
 * tnet_graph_new_from_arcs:
 * @n_nodes: number of nodes (ids 0 .. n_nodes-1)
 * @n_arcs: number of arcs; arc k runs @tails[k] -> @heads[k]
 * @arc_links: per arc, the network link it comes from, or %NULL (all NONE)
 * @lonlat: 2 * @n_nodes coordinates (lon, lat interleaved) used for the
 *   locality order, or %NULL (then a BFS order is used)
 *
 * Builds a graph, copying the arrays. Fails with %TNET_ERROR_INVALID_INPUT on
 * an id out of range and %TNET_ERROR_TOO_LARGE when n_nodes or n_arcs reach
 * 2^31. Self-loops and parallel arcs are kept.
 * Thread-safety: reentrant (reads only its arguments).
 * Time complexity: O(n + m) plus the renumbering (O(n log n) with coordinates).
 */
TNET_API TnetGraph *tnet_graph_new_from_arcs (guint n_nodes, guint n_arcs,
                                              const TnetId *tails,
                                              const TnetId *heads,
                                              const TnetId *arc_links,
                                              const double *lonlat,
                                              GError **error);

/**
 * tnet_graph_compile_modes:
 * Compiles the links of @net active in @scen whose mode is in @mode_mask
 * (TNET_MODE_BIT()s) into a graph: every network node is a graph node (same
 * index), every link an arc (two when not oneway; arc_link = link index);
 * zones reached by access links get arrival twins (tnet_graph_arrival_node()).
 * @time_out and @length_out (nullable) receive full references to the
 * travel-time metric (tnet_scenario_link_time_ms) and the length metric
 * (metres, rounded, at least 1).
 * The car profile is TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS).
 * Errors: %TNET_ERROR_NOT_FOUND when the scenario names unknown links
 * or lines, as tnet_graph_new_from_arcs() otherwise.
 * Thread-safety: reentrant; @net and @scen are only read.
 * Time complexity: O(n + m) for the links, plus the renumbering of
 * tnet_graph_new_from_arcs().
 */
TNET_API TnetGraph *tnet_graph_compile_modes (const TnetNetwork *net,
                                              const TnetScenario *scen,
                                              guint mode_mask,
                                              TnetMetric **time_out,
                                              TnetMetric **length_out,
                                              GError **error);

/**
 * tnet_graph_arrival_node:
 * Zones are trip ends, never through points for their connectors: in a
 * compiled graph an access link into a zone v enters a separate "arrival
 * twin" (ids from tnet_graph_n_base_nodes() on) with no outgoing arcs, and
 * a free synthetic arc (weight 0, link TNET_ID_NONE) joins v to its twin,
 * so a trip may reach v by road and go on by road, but never arrive by one
 * connector and leave by another. A search hides this: a backward search to
 * v starts at its twin, a forward search with target v stops at the twin,
 * tnet_search_distance(), _path() and _origin() of v report the better of
 * v and its twin (paths never show the synthetic arc), and a settled twin
 * is listed under v's id, once. Use this function only when reading a
 * graph's arcs directly (for other nodes it returns the node itself).
 * Errors: a node out of range is a programming error (g_critical,
 * %TNET_ID_NONE). Thread-safe. Time complexity: O(1).
 */
TNET_API TnetId tnet_graph_arrival_node (const TnetGraph *graph, TnetId node);
/* The node a twin stands for (the node itself when it is not a twin).
 * Errors, thread-safety and time complexity: as tnet_graph_arrival_node(). */
TNET_API TnetId tnet_graph_terminal_of (const TnetGraph *graph, TnetId node);
/* Nodes before the twins (for a compiled graph: the network's nodes).
 * Errors: none. Thread-safe. Time complexity: O(1). */
TNET_API guint tnet_graph_n_base_nodes (const TnetGraph *graph);

/* Atomic reference counting: any thread may hold and drop references; the
 * last unref frees the graph (O(n + m)). A graph is immutable once built;
 * holding a const pointer is enough to keep it alive: ref and unref take
 * one, and the reference count is the only field they touch (atomically).
 * So every function that only reads a graph, and every object that keeps
 * one (a metric, a search, a CCH), takes or holds a `const TnetGraph *`;
 * g_autoptr(TnetGraph) still works for the pointer a builder returns.
 * Errors: none. Time complexity of a ref: O(1). */
TNET_API const TnetGraph *tnet_graph_ref (const TnetGraph *graph);
TNET_API void tnet_graph_unref (const TnetGraph *graph);

/* Sizes and arcs by external id: the tail, the head (external node ids),
 * and the network link an arc comes from (TNET_ID_NONE for a synthetic
 * arc). Errors: an arc out of range is a programming error (g_critical,
 * TNET_ID_NONE). Thread-safe (the graph is immutable). Time complexity:
 * O(1). */
TNET_API guint tnet_graph_n_nodes (const TnetGraph *graph);
TNET_API guint tnet_graph_n_arcs (const TnetGraph *graph);
TNET_API TnetId tnet_graph_arc_tail (const TnetGraph *graph, TnetId arc);
TNET_API TnetId tnet_graph_arc_head (const TnetGraph *graph, TnetId arc);
TNET_API TnetId tnet_graph_arc_link (const TnetGraph *graph, TnetId arc);
/* Bytes held by the graph's arrays. Errors: none. Thread-safe. Time
 * complexity: O(1). */
TNET_API gsize tnet_graph_memory_bytes (const TnetGraph *graph);

/**
 * tnet_metric_new:
 * A metric over @graph from one weight per external arc (copied). Fails with
 * %TNET_ERROR_INVALID_INPUT when a weight exceeds TNET_WEIGHT_MAX.
 * The metric holds a reference to @graph.
 * Thread-safety: reentrant; the metric is immutable and may be shared.
 * Time complexity: O(m).
 */
TNET_API TnetMetric *tnet_metric_new (const TnetGraph *graph, const TnetWeight *weights,
                                      GError **error);
/* Atomic reference counting, as tnet_graph_ref(): a metric is immutable
 * once made (nothing sets a weight afterwards), so a const pointer may
 * hold a reference. Errors: none. Time complexity: O(1) (O(m) for the
 * last unref). */
TNET_API const TnetMetric *tnet_metric_ref (const TnetMetric *metric);
TNET_API void tnet_metric_unref (const TnetMetric *metric);
/* The metric's graph (borrowed), and the weight of one arc by external id.
 * Errors: an arc out of range is a programming error (g_critical,
 * TNET_WEIGHT_INF). Thread-safe. Time complexity: O(1). */
TNET_API const TnetGraph *tnet_metric_get_graph (const TnetMetric *metric);
TNET_API TnetWeight tnet_metric_weight (const TnetMetric *metric, TnetId arc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetGraph, tnet_graph_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetMetric, tnet_metric_unref)

G_END_DECLS
