/* tnet-search.h: Dijkstra workspaces (one per thread). */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-graph.h>

G_BEGIN_DECLS

typedef enum {
  TNET_FORWARD,   /* distances from the sources */
  TNET_BACKWARD,  /* distances to the sources (arrive-by), on the reverse graph */
} TnetDirection;

/**
 * TnetSearch:
 * A per-thread workspace for Dijkstra searches over one graph (any metric of
 * it). Queries allocate nothing and clear only what they touched (epoch
 * stamps). Not thread-safe: use one per thread. The results of the last run
 * stay readable until the next run.
 */
typedef struct _TnetSearch TnetSearch;

/**
 * tnet_search_new:
 * A workspace for searches over @graph (any metric of it). Holds a
 * reference to @graph. Errors: none.
 * Thread-safety: the workspace is used by one thread at a time; any number
 * of workspaces may search one graph concurrently.
 * Returns: (transfer full): the workspace; free with tnet_search_free().
 * Time complexity: O(n) (allocation).
 */
TNET_API TnetSearch *tnet_search_new (const TnetGraph *graph);
/* Frees @search (NULL allowed) and drops its graph reference. Errors:
 * none. Thread-safety: not while another thread uses @search. O(1). */
TNET_API void tnet_search_free (TnetSearch *search);
/* The graph of @search (borrowed). Errors: none. O(1), thread-safe. */
TNET_API const TnetGraph *tnet_search_get_graph (const TnetSearch *search);

/**
 * tnet_search_run:
 * One-to-all Dijkstra from @source (TNET_FORWARD) or to @source
 * (TNET_BACKWARD), settling exactly the nodes whose distance is <=
 * @budget (TNET_WEIGHT_INF for no bound). When @target is not TNET_ID_NONE
 * the search stops as soon as @target is settled (distances of nodes settled
 * before it are final; others read as INF). Arcs blocked with
 * tnet_search_block_arcs() are left out. @metric must belong to the
 * workspace's graph and @source be a node of it (programming errors
 * otherwise; nothing runs).
 * Thread-safety: one thread per workspace; the graph and metric are only
 * read. Errors: none; allocates nothing.
 * Time complexity: O((n' + m') log_4 n') for the n' nodes and m' arcs touched.
 */
TNET_API void tnet_search_run (TnetSearch *search, const TnetMetric *metric,
                               TnetId source, TnetDirection dir,
                               TnetWeight budget, TnetId target);

/**
 * tnet_search_run_multi:
 * Multi-source search: source k starts at distance @offsets[k] (or 0 when
 * @offsets is %NULL). Same rules as tnet_search_run().
 * Thread-safety and errors: as tnet_search_run().
 * Time complexity: O(@n_sources + (n' + m') log_4 n').
 */
TNET_API void tnet_search_run_multi (TnetSearch *search, const TnetMetric *metric,
                                     const TnetId *sources, const TnetWeight *offsets,
                                     guint n_sources, TnetDirection dir,
                                     TnetWeight budget, TnetId target);

/* Distance of @node in the last run, TNET_WEIGHT_INF when not settled.
 * Errors: a node out of range is a programming error (g_critical,
 * TNET_WEIGHT_INF). Thread-safety: reads the workspace; any thread may
 * read while no run is under way on it. O(1). */
TNET_API TnetWeight tnet_search_distance (const TnetSearch *search, TnetId node);
/* Nodes settled in the last run, in settling order (external ids). O(1)
 * each; errors and thread-safety as tnet_search_distance(). */
TNET_API guint tnet_search_n_settled (const TnetSearch *search);
TNET_API TnetId tnet_search_settled_node (const TnetSearch *search, guint k);

/**
 * tnet_search_path:
 * The arcs (external ids) of the shortest path to @node (forward: from the
 * source to @node; backward: from @node to the source, in travel order).
 * Writes at most @cap arcs and returns the path's full length in arcs
 * (0 when @node is a source; G_MAXUINT when @node was not reached).
 * Errors: none. Thread-safety: as tnet_search_distance().
 * Time complexity: O(path length).
 */
TNET_API guint tnet_search_path (const TnetSearch *search, TnetId node,
                                 TnetId *arcs, guint cap);
/* The source whose search tree holds @node, or TNET_ID_NONE. O(1);
 * errors and thread-safety as tnet_search_distance(). */
TNET_API TnetId tnet_search_origin (const TnetSearch *search, TnetId node);

/**
 * tnet_search_block_arcs:
 * @arcs: external arc ids
 * @blocked: %TRUE to block the arcs, %FALSE to unblock them
 *
 * Blocks (or unblocks) arcs for the following runs of @search: a blocked
 * arc is treated as absent by tnet_search_run() and
 * tnet_search_run_multi(), in both directions, as if the graph had been
 * built without it. The mask belongs to the workspace (one byte per arc,
 * allocated by the first call that blocks) and stays until changed; the
 * graph and metrics are not touched, so other workspaces are unaffected.
 * An arc id out of range is a programming error (g_critical, nothing
 * changes).
 * Thread-safety: as the workspace (one thread at a time).
 * Time complexity: O(@n_arcs); the first call that blocks allocates O(m).
 */
TNET_API void tnet_search_block_arcs (TnetSearch *search, const TnetId *arcs, guint n_arcs,
                                      gboolean blocked);

/**
 * tnet_search_unblock_all:
 * Unblocks every arc of @search (see tnet_search_block_arcs()).
 * Errors: none. Thread-safety: as the workspace.
 * Time complexity: O(m) when some arc was blocked, else O(1).
 */
TNET_API void tnet_search_unblock_all (TnetSearch *search);

/* The number of arcs @search has blocked. Errors: none. Thread-safety: as
 * tnet_search_distance(). O(1). */
TNET_API guint tnet_search_n_blocked (const TnetSearch *search);

/**
 * TnetRepair:
 * A per-thread workspace for "what if these arcs were gone" queries from
 * one source: a full forward search (the base) keeps its shortest-path
 * tree, and each query repairs only the nodes whose tree path used a
 * removed arc (a search restricted to them), instead of searching again.
 * Nodes are raw graph nodes here: a zone's arrival twin
 * (tnet_graph_arrival_node()) is a node of its own, which is where a trip
 * to the zone ends. Holds a reference to the graph and to the metric of
 * the last tnet_repair_set_source(). Not thread-safe: one per thread.
 */
typedef struct _TnetRepair TnetRepair;

/**
 * tnet_repair_new:
 * A workspace over @graph (any metric of it). Allocates O(n + m); queries
 * allocate nothing. Errors: none. Thread-safety: one thread per
 * workspace; any number of workspaces may share the graph.
 * Returns: (transfer full): the workspace; free with tnet_repair_free().
 * Time complexity: O(n + m).
 */
TNET_API TnetRepair *tnet_repair_new (const TnetGraph *graph);
/* Frees @repair (NULL allowed) and its references. Errors: none.
 * Thread-safety: not while another thread uses @repair. O(1). */
TNET_API void tnet_repair_free (TnetRepair *repair);

/**
 * tnet_repair_set_source:
 * Runs the base search: a forward Dijkstra from @source over the whole
 * graph under @metric (the search core of tnet_search_run()), and lays out
 * its shortest-path tree for the repairs.
 * Errors: none (a metric of another graph or a node out of range is a
 * programming error). Thread-safety: as the workspace.
 * Time complexity: O((n' + m') log n') for the part reached, plus O(n).
 */
TNET_API void tnet_repair_set_source (TnetRepair *repair, const TnetMetric *metric,
                                      TnetId source);

/**
 * tnet_repair_base_distance:
 * The distance of @node from the source of the base search
 * (%TNET_WEIGHT_INF when unreachable). Call after tnet_repair_set_source().
 * Errors: none. Thread-safety: as the workspace.
 * Time complexity: O(1).
 */
TNET_API TnetWeight tnet_repair_base_distance (const TnetRepair *repair, TnetId node);

/**
 * tnet_repair_base_path:
 * The arcs (external ids, travel order) of the base tree's path from the
 * source to @node. Writes at most @cap arcs and returns the path's length
 * (0 for the source, G_MAXUINT when @node was not reached).
 * Errors: none. Thread-safety: as the workspace.
 * Time complexity: O(path length).
 */
TNET_API guint tnet_repair_base_path (const TnetRepair *repair, TnetId node, TnetId *arcs,
                                      guint cap);

/**
 * tnet_repair_run:
 * @blocked_arcs: the arcs removed for this query (external ids; repeats
 *   allowed); the base search is not changed
 * @targets: the nodes whose new distances are wanted
 * @dist_out: receives @n_targets distances from the source in the graph
 *   without @blocked_arcs (%TNET_WEIGHT_INF: cut off)
 *
 * Exactly the distances of a Dijkstra on the graph with @blocked_arcs
 * deleted. Only the nodes under the removed arcs of the base tree can
 * change; they start from their best arc out of the rest of the tree, and
 * a Dijkstra restricted to them stops once every target among them is
 * settled.
 * Thread-safety: as the workspace. Errors: none (ids out of range are
 * programming errors).
 * Time complexity: O(@n_blocked + @n_targets) plus, for the affected set
 * A, O(in-arcs of A + (|A| + out-arcs of A) log |A|) at worst.
 */
TNET_API void tnet_repair_run (TnetRepair *repair, const TnetId *blocked_arcs,
                               guint n_blocked, const TnetId *targets, guint n_targets,
                               TnetWeight *dist_out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetSearch, tnet_search_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetRepair, tnet_repair_free)

G_END_DECLS
