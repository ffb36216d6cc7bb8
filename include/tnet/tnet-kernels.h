/* tnet-kernels.h: bidirectional Dijkstra and parallel batches of one-to-all
 * searches. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-graph.h>
#include <tnet/tnet-search.h>
#include <tnet/tnet-ch.h>

G_BEGIN_DECLS

/**
 * TnetBidir:
 * A per-thread workspace for bidirectional point-to-point Dijkstra over one
 * graph (any metric of it). O(n) memory; queries allocate nothing and clear
 * only what they touched. Holds a reference to the graph.
 */
typedef struct _TnetBidir TnetBidir;

/**
 * tnet_bidir_new:
 * A workspace over @graph. Errors: none. Thread-safety: one thread per
 * workspace; any number of workspaces may share the graph.
 * Returns: (transfer full): free with tnet_bidir_free().
 * Time complexity: O(n) (allocation).
 */
TNET_API TnetBidir *tnet_bidir_new (const TnetGraph *graph);
/* Frees @bidir (NULL allowed) and drops its graph reference. Errors:
 * none. Thread-safety: not while another thread uses @bidir. O(1). */
TNET_API void tnet_bidir_free (TnetBidir *bidir);

/**
 * tnet_bidir_run:
 * Shortest distance @source → @target under @metric (a metric of the
 * workspace's graph), TNET_WEIGHT_INF when unreachable: a forward search
 * from @source and a backward one from @target, advancing the smaller
 * queue, stopped when the two top keys add up to at least the best
 * meeting distance found. Errors: none (a metric of another graph or a
 * node out of range is a programming error). Thread-safety: one thread per
 * workspace; the graph and metric are only read.
 * Time complexity: O((n' + m') log n') for the part of the graph touched,
 * typically about half of what a one-way search touches.
 */
TNET_API TnetWeight tnet_bidir_run (TnetBidir *bidir, const TnetMetric *metric,
                                    TnetId source, TnetId target);

/**
 * tnet_bidir_path:
 * The arcs (external ids) of the path found by the last tnet_bidir_run(),
 * in travel order. Writes at most @cap arcs; returns the path's length in
 * arcs (G_MAXUINT when the target was unreachable).
 * Errors: none. Thread-safety: as the workspace.
 * Time complexity: O(path length).
 */
TNET_API guint tnet_bidir_path (const TnetBidir *bidir, TnetId *arcs, guint cap);

/**
 * TnetBatchFunc:
 * @index: position of the source in the batch's list
 * @source: the source node
 * @dist: the distances of that search, n entries by external node id; a
 *   view valid during the call only
 * @n_nodes: entries in @dist
 *
 * Runs on a worker thread; it must be thread-safe with respect to the other
 * calls of the same batch.
 */
typedef void (*TnetBatchFunc) (guint index, TnetId source, const TnetWeight *dist,
                               guint n_nodes, gpointer user_data);

/**
 * tnet_batch_one_to_all:
 * @metric: (nullable): for Dijkstra; ignored when @ch is given
 * @ch: (nullable): when given, each search is a PHAST query on it
 * @sources: the sources (external ids)
 * @dir: TNET_FORWARD (from each source) or TNET_BACKWARD (to it)
 * @n_threads: worker threads (0 = one per core)
 * @matrix: (nullable): receives n_sources rows of n entries (row i =
 *   source i), when not %NULL
 * @func: (nullable): called per source on the worker that ran it
 *
 * Runs one one-to-all search per source in parallel on a GThreadPool; each
 * worker owns one workspace (a distance-only Dijkstra with a radix heap, or
 * a #TnetCHQuery for PHAST) for all the sources it takes. The graph, metric
 * and CH are only read. Distances are exactly those of #TnetSearch (zones
 * included: see tnet_graph_arrival_node()) and equal a sequential run.
 * With @n_threads = 1 everything runs on the calling thread.
 * Thread-safety: may be called from any thread; @func runs on the workers.
 * Errors: %TNET_ERROR_FAILED when threads cannot be started.
 * Time complexity: n_sources one-to-all searches over @n_threads cores.
 */
TNET_API gboolean tnet_batch_one_to_all (const TnetMetric *metric, TnetCH *ch,
                                         const TnetId *sources, guint n_sources,
                                         TnetDirection dir, guint n_threads,
                                         TnetWeight *matrix, TnetBatchFunc func,
                                         gpointer user_data, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetBidir, tnet_bidir_free)

G_END_DECLS
