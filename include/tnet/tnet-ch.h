/* tnet-ch.h: contraction hierarchies (build, point-to-point, PHAST
 * one-to-all, bucket many-to-many), saved to and loaded from files;
 * customizable hierarchies (one order per graph, customised per metric). */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-graph.h>
#include <tnet/tnet-search.h>

G_BEGIN_DECLS

/**
 * TnetCH:
 * A contraction hierarchy of one graph under one metric. Immutable once
 * built or loaded; _ref/_unref are atomic and any number of threads may
 * query it at once, each with its own #TnetCHQuery. Node ids are the
 * external node ids of the graph it was built from. A CH holds no
 * reference to that graph: it answers distance queries on its own, and
 * keeps the node each shortcut bypasses, so that paths can be unpacked
 * (tnet_ch_query_path_nodes(), or tnet_ch_query_path() given the metric).
 */
typedef struct _TnetCH TnetCH;

/**
 * TnetCHQuery:
 * A per-thread workspace for queries on one #TnetCH: O(n) memory (12
 * bytes per node of labels and their list, 12 more for PHAST and
 * many-to-many scratch, 8 more once the first path query has run:
 * point-to-point or tnet_ch_query_many_to_many_paths(), whose trees and
 * cells come on top), no allocation per query (the heaps and
 * many-to-many's bucket storage grow when a call needs more than any call
 * before), each search resets only the labels the previous one set. On
 * systems with transparent huge pages, the labels and the hierarchy's
 * arc arrays of 2 MiB or more are placed on them (fewer TLB misses in
 * cold queries; no memory added). Holds a reference to the CH.
 */
typedef struct _TnetCHQuery TnetCHQuery;

/**
 * TnetCHOptions:
 * @witness_settle_limit: a witness search stops after settling this many
 *   nodes (then a shortcut is added; larger limits give fewer shortcuts
 *   and a slower build); default 500
 * @priority_settle_limit: the same limit while estimating node priorities;
 *   default 50
 * @progress: called every 1/256 of the nodes contracted with the nodes
 *   contracted so far out of all (unit "nodes"), or %NULL
 * @progress_data: passed to @progress
 * @cancellable: (nullable): checked where @progress would be called; once
 *   cancelled, the build stops there
 */
typedef struct {
  guint witness_settle_limit;
  guint priority_settle_limit;
  TnetProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
} TnetCHOptions;

/* Fills @opts with the defaults. Errors: none. Thread-safe. Time
 * complexity: O(1). */
TNET_API void tnet_ch_options_init (TnetCHOptions *opts);

/**
 * tnet_ch_build:
 * @metric: the weights (and through them the graph) to preprocess
 * @opts: (nullable): build options, %NULL for the defaults
 *
 * Contracts the nodes of the graph one by one in the order of a priority
 * (edge difference as a ratio of added to removed arcs and of their hop
 * counts, plus the node's level), re-evaluated when a node whose
 * neighbourhood changed reaches the top of the queue; a shortcut is added unless a bounded
 * witness search (stopped once all its targets are settled) finds a path
 * at least as short. One thread. The result is then stored in another
 * order that keeps every arc pointing upwards (the top 4096 nodes as
 * contracted, the others numbered by a depth-first search down from them),
 * so that nodes a query visits together lie together in memory: fewer
 * cache misses in cold queries; the arcs and distances are the same. A
 * saved hierarchy keeps that order.
 * Distances of INF or more are "unreachable" (as for #TnetSearch).
 * Errors: %G_IO_ERROR_CANCELLED when @opts->cancellable is cancelled.
 * Thread-safety: reentrant; @metric is only read, so several builds may
 * run at once on one metric.
 * Time complexity: roughly linear in m for road networks (seconds per
 * million arcs); worst case superlinear.
 */
TNET_API TnetCH *tnet_ch_build (const TnetMetric *metric, const TnetCHOptions *opts,
                                GError **error);

/**
 * tnet_ch_build_from_arcs:
 * The same from a plain arc list (node ids 0 .. @n_nodes-1; arc k runs
 * @tails[k] → @heads[k] with weight @weights[k] ≤ TNET_WEIGHT_MAX).
 * Errors: %TNET_ERROR_INVALID_INPUT on an id out of range or a weight above
 * TNET_WEIGHT_MAX; %TNET_ERROR_TOO_LARGE when @n_nodes reaches 2^31.
 * Thread-safety and time complexity: as tnet_ch_build().
 */
TNET_API TnetCH *tnet_ch_build_from_arcs (guint n_nodes, guint n_arcs,
                                          const TnetId *tails, const TnetId *heads,
                                          const TnetWeight *weights,
                                          const TnetCHOptions *opts, GError **error);

/**
 * tnet_ch_customize:
 * @ch: a hierarchy built for a metric on the same graph (or loaded)
 * @metric: new weights on that graph: closures (arcs at TNET_WEIGHT_MAX or
 *   more count as absent for paths), speed changes, scenario overrides
 * @opts: (nullable): witness limit, progress and cancellable as for
 *   tnet_ch_build();
 *   the priority limit is not used
 *
 * A hierarchy for @metric with @ch's node order: the nodes are contracted
 * again in the order @ch stores them (the one tnet_ch_build() chose for
 * locality, a valid contraction order since every arc points upwards in
 * it), with witness searches on the new weights, and no order is computed;
 * the result is stored in that same order. Every query on the result is exact for @metric
 * (the order only affects speed; an order made for similar weights keeps
 * the search spaces close to a fresh build's). @ch is not changed.
 * Returns: (transfer full): a new hierarchy, or %NULL.
 * Errors: %TNET_ERROR_INVALID_INPUT when @metric's graph has another
 * number of nodes; %G_IO_ERROR_CANCELLED when @opts->cancellable is
 * cancelled.
 *
 * Which to use: this keeps @ch's order, tuned for one metric, so its
 * queries stay as fast as a fresh build's, but it costs about a third of a
 * build. To apply many metrics to one graph (scenario closures, one
 * what-if per link), build a #TnetCCH once with tnet_cch_new() and call
 * tnet_cch_customize() per metric: roughly ten times cheaper again, for
 * queries a few times slower (bench/README.md).
 * Thread-safety: @ch may be queried by other threads meanwhile.
 * Time complexity: one witness search set per node: a fraction of
 * tnet_ch_build(), which also evaluates priorities.
 */
TNET_API TnetCH *tnet_ch_customize (const TnetCH *ch, const TnetMetric *metric,
                                    const TnetCHOptions *opts, GError **error);

/**
 * TnetCCH:
 * A customizable contraction hierarchy: the metric-independent part of a
 * hierarchy for one graph, built once (a nested-dissection order, the
 * chordal supergraph of contracting in that order, and its lower
 * triangles) and turned into a #TnetCH for any metric on that graph by
 * tnet_cch_customize(). Immutable; _ref/_unref are atomic, and any number
 * of threads may customise it at once. Holds a reference to its graph.
 */
typedef struct _TnetCCH TnetCCH;

/**
 * tnet_cch_new:
 * @graph: the graph (referenced, not copied)
 *
 * Orders the nodes by nested dissection of the undirected graph underneath
 * (METIS_NodeND; the order ignores weights and arc directions), contracts
 * them in that order keeping every fill arc (no witness search), and lists
 * for each arc x–y the nodes z below both with arcs to each (its lower
 * triangles).
 * Returns: (transfer full): the CCH, or %NULL.
 * Errors: %TNET_ERROR_TOO_LARGE when @graph has 2^31 nodes or more, or the
 * supergraph 2^31 arcs or more; %TNET_ERROR_FAILED when METIS fails (out
 * of memory).
 * Thread-safety: the graph is only read and tnet keeps no shared state
 * here; concurrent calls are as safe as the system's METIS is reentrant
 * (tnet does not lock around it).
 * Time complexity: METIS's O(m log n), plus O(a log d) for the a arcs of
 * the supergraph and their triangles (about 10^7 arcs a second); memory
 * 4 bytes per supergraph arc, per triangle and per input arc.
 */
TNET_API TnetCCH *tnet_cch_new (TnetGraph *graph, GError **error);

/**
 * tnet_cch_customize:
 * @cch: a CCH of @metric's graph (or of a graph with the same arrays: the
 *   same nodes, arcs and order)
 * @metric: the weights: speed changes, scenario overrides (every arc is
 *   open, whatever its weight; closures: tnet_cch_customize_closed() or
 *   tnet_cch_customize_subgraph())
 *
 * A hierarchy for @metric in @cch's order: every supergraph arc starts at
 * the lightest input arc it stands for, then each lower triangle x, z, y
 * lowers x→y to x→z→y (and y→x likewise), bottoms z in increasing rank,
 * recording z so that paths unpack. The result is a #TnetCH like any
 * other: every query (distance, path, PHAST, many-to-many, batches) gives
 * exactly the distances of #TnetSearch on @metric, and it can be saved.
 * Pairs with no finite arc either way are left out. Its search spaces are
 * larger than those of tnet_ch_build() (no witness searches), so queries
 * are slower.
 * Returns: (transfer full): a new hierarchy, or %NULL.
 * Errors: %TNET_ERROR_INVALID_INPUT when @metric's graph is not @cch's.
 * Thread-safety: reads @cch only; may run in several threads at once.
 * Time complexity: O(triangles + arcs), one thread; no search.
 */
TNET_API TnetCH *tnet_cch_customize (const TnetCCH *cch, const TnetMetric *metric,
                                     GError **error);

/**
 * tnet_cch_customize_closed:
 * @cch: a CCH of @metric's graph (as tnet_cch_customize())
 * @metric: the weights of the open arcs
 * @closed: (nullable) (array): per external arc of @metric's graph,
 *   nonzero when the arc is closed; %NULL: none
 *
 * As tnet_cch_customize(), with the @closed arcs left out: the result
 * gives exactly the distances of #TnetSearch on the graph without them.
 * Closure is this mask, never a weight: an open arc keeps its weight even
 * at TNET_WEIGHT_MAX (a path of TNET_WEIGHT_MAX is a path, as in
 * #TnetSearch), and a closed arc is no path even next to zero-weight arcs.
 * @closed is read during the call only.
 * Returns: (transfer full): a new hierarchy, or %NULL.
 * Errors: %TNET_ERROR_INVALID_INPUT when @metric's graph is not @cch's.
 * Thread-safety: reads @cch only; may run in several threads at once.
 * Time complexity: O(triangles + arcs), one thread; no search.
 */
TNET_API TnetCH *tnet_cch_customize_closed (const TnetCCH *cch, const TnetMetric *metric,
                                            const guint8 *closed, GError **error);

/**
 * tnet_cch_customize_subgraph:
 * @cch: a CCH of the graph with every arc open (a year's open network)
 * @metric: weights on a graph made from the same nodes with arcs left out
 *   (a scenario's closures): the same node ids and arrival twins, and each
 *   of its arcs, in order, found among @cch's graph's arcs in order with
 *   the same tail, head and link (as tnet_graph_compile_modes() gives for
 *   two scenarios of one network that differ by closed links)
 *
 * The hierarchy of @metric's graph by customising @cch: @cch's arcs that
 * the graph lacks are closed (tnet_cch_customize_closed()), the others
 * take @metric's weights. Its node ids are @metric's graph's, and every
 * query on it gives exactly the distances of #TnetSearch on @metric; a
 * path it unpacks is one of @metric's graph (ask with @metric).
 * Returns: (transfer full): a new hierarchy, or %NULL.
 * Errors: %TNET_ERROR_INVALID_INPUT when @metric's graph is not @cch's
 * graph with arcs left out (other nodes or twins, an arc @cch's graph
 * lacks, or arcs in another order): build its own hierarchy then.
 * Thread-safety: reads @cch only; may run in several threads at once.
 * Time complexity: O(m) to match the arcs, then O(triangles + arcs).
 */
TNET_API TnetCH *tnet_cch_customize_subgraph (const TnetCCH *cch, const TnetMetric *metric,
                                              GError **error);

/* Atomic reference counting: any thread may hold and drop references; the
 * last unref frees the arrays. Errors: none. Time complexity: O(1). */
TNET_API TnetCCH *tnet_cch_ref (TnetCCH *cch);
TNET_API void tnet_cch_unref (TnetCCH *cch);
/* Sizes of a CCH: the supergraph's arcs (each direction counted), its
 * lower triangles (one per bottom node and pair of upward neighbours), and
 * the bytes of its arrays (the graph not counted). Errors: none.
 * Thread-safe (a CCH is immutable). Time complexity: O(1). */
TNET_API guint64 tnet_cch_n_arcs (const TnetCCH *cch);
TNET_API guint64 tnet_cch_n_triangles (const TnetCCH *cch);
TNET_API gsize tnet_cch_memory_bytes (const TnetCCH *cch);

/* Atomic reference counting, as tnet_cch_ref(). Errors: none. Time
 * complexity: O(1). */
TNET_API TnetCH *tnet_ch_ref (TnetCH *ch);
TNET_API void tnet_ch_unref (TnetCH *ch);
/* Sizes of a hierarchy: its nodes, its arcs (input arcs kept plus
 * shortcuts, each direction counted) and the bytes of its arrays.
 * Errors: none. Thread-safe (a hierarchy is immutable). Time complexity:
 * O(1). */
TNET_API guint tnet_ch_n_nodes (const TnetCH *ch);
TNET_API guint64 tnet_ch_n_arcs (const TnetCH *ch);
TNET_API gsize tnet_ch_memory_bytes (const TnetCH *ch);

/**
 * tnet_ch_save:
 * Writes @ch to @path (replaced atomically): a header with magic
 * "TNETCH", format version, sizes and a 64-bit FNV-1a checksum of the
 * payload, then the arrays in little-endian order.
 * Errors: %TNET_ERROR_IO.
 * Thread-safety: reentrant; @ch is only read (two saves to one path race
 * only for which file stays).
 * Time complexity: O(n + m_ch).
 */
TNET_API gboolean tnet_ch_save (const TnetCH *ch, const char *path, GError **error);

/**
 * tnet_ch_load:
 * Reads a file written by tnet_ch_save() and validates all of it before use:
 * magic, version, sizes against the file length, checksum, ranks a
 * permutation, offsets monotone, every arc pointing upwards and inside the
 * node range, weights in range. Anything else fails with
 * %TNET_ERROR_INVALID_INPUT naming the file and the problem (%TNET_ERROR_IO
 * when it cannot be read).
 * Thread-safety: reentrant.
 * Time complexity: O(size of the file).
 */
TNET_API TnetCH *tnet_ch_load (const char *path, GError **error);

/* A query workspace for @ch (see #TnetCHQuery), and its release (NULL
 * allowed; drops the reference to the CH). Errors: none. Thread-safety:
 * any number of workspaces may be made for one CH, from any thread; each
 * is then used by one thread at a time. Time complexity: O(n). */
TNET_API TnetCHQuery *tnet_ch_query_new (TnetCH *ch);
TNET_API void tnet_ch_query_free (TnetCHQuery *query);

/**
 * tnet_ch_query_distance:
 * Shortest distance @source → @target (TNET_WEIGHT_INF when unreachable):
 * bidirectional upward search with stall-on-demand.
 * Errors: none (a node out of range is a programming error: g_critical,
 * TNET_WEIGHT_INF); allocates nothing once the heaps have grown.
 * Thread-safety: one thread per @query; the hierarchy is only read.
 * Time complexity: O(s log s) for the search spaces s (typically hundreds
 * of nodes on road networks).
 */
TNET_API TnetWeight tnet_ch_query_distance (TnetCHQuery *query, TnetId source, TnetId target);

/**
 * tnet_ch_query_path_nodes:
 * @nodes: (out caller-allocates) (array length=cap): receives the nodes
 * @cap: room in @nodes
 *
 * A shortest path @source → @target as its nodes (external ids), from
 * @source to @target (or to @target's arrival twin when @target is a zone
 * of a compiled graph, as tnet_bidir_path()). The CH query is run and its
 * shortcuts are unpacked through the nodes they bypass. Writes at most
 * @cap nodes; returns how many the path has (call again with more room
 * when that exceeds @cap), or G_MAXUINT when @target is unreachable.
 * Errors and thread-safety: as tnet_ch_query_distance().
 * Time complexity: the query plus O(path length × log degree).
 */
TNET_API guint tnet_ch_query_path_nodes (TnetCHQuery *query, TnetId source, TnetId target,
                                         TnetId *nodes, guint cap);

/**
 * tnet_ch_query_path:
 * @metric: the metric the hierarchy was built or customised for (its
 *   graph gives the arcs)
 * @arcs: (out caller-allocates) (array length=cap): receives external arc ids
 *
 * The same path as its arcs, like tnet_bidir_path(): between two
 * consecutive nodes the lightest arc (lowest id on ties). Returns the
 * number of arcs (writing at most @cap), G_MAXUINT when unreachable.
 * Many-to-many cells are unpacked without a new search by
 * tnet_ch_query_many_to_many_paths() and tnet_ch_query_cell_path().
 * Errors and thread-safety: as tnet_ch_query_distance(); @metric is only
 * read.
 * Time complexity: as tnet_ch_query_path_nodes(), plus the out-degrees.
 */
TNET_API guint tnet_ch_query_path (TnetCHQuery *query, const TnetMetric *metric,
                                   TnetId source, TnetId target, TnetId *arcs, guint cap);

/**
 * tnet_ch_query_one_to_all:
 * PHAST: distances from @source (TNET_FORWARD) or to @source
 * (TNET_BACKWARD) to every node, written to @dist (n entries, external
 * ids; TNET_WEIGHT_INF when unreachable).
 * Errors and thread-safety: as tnet_ch_query_distance().
 * Time complexity: O(s log s + n + m_ch): an upward search and one linear
 * sweep over the nodes in decreasing rank.
 */
TNET_API void tnet_ch_query_one_to_all (TnetCHQuery *query, TnetId source,
                                        TnetDirection dir, TnetWeight *dist);

/**
 * tnet_ch_query_many_to_many:
 * Distances from each of @sources to each of @targets into @out
 * (row-major, @out[i * @n_targets + j] = d(sources[i], targets[j])), by
 * buckets: one backward upward search per target fills buckets at the nodes
 * it settles, one forward upward search per source scans them.
 * Errors and thread-safety: as tnet_ch_query_distance().
 * Time complexity: O((|S| + |T|) s log s + bucket scans).
 */
TNET_API void tnet_ch_query_many_to_many (TnetCHQuery *query,
                                          const TnetId *sources, guint n_sources,
                                          const TnetId *targets, guint n_targets,
                                          TnetWeight *out);

/**
 * tnet_ch_query_many_to_many_paths:
 *
 * tnet_ch_query_many_to_many() that also keeps, in @query, what unpacks
 * the path of every cell: the parent of each bucket entry in its backward
 * search, every forward search's tree, and for each cell where the best
 * meeting was found. The distances in @out are the same;
 * tnet_ch_query_cell_path_nodes() and tnet_ch_query_cell_path() then
 * read the path of any cell, without a search, until the next
 * many-to-many call on @query (other queries keep it). The distance-only
 * call stays as it was: it stores none of this.
 * Memory: 8 bytes per bucket entry, per forward-settled node and per
 * cell, kept in @query for reuse.
 * Errors: as tnet_ch_query_distance().
 * Thread-safety: as every query, one thread per @query.
 * Time complexity: as tnet_ch_query_many_to_many(), plus O(bucket entries
 * + cells).
 */
TNET_API void tnet_ch_query_many_to_many_paths (TnetCHQuery *query,
                                                const TnetId *sources, guint n_sources,
                                                const TnetId *targets, guint n_targets,
                                                TnetWeight *out);

/**
 * tnet_ch_query_cell_path_nodes:
 * @i: index into the sources of the last tnet_ch_query_many_to_many_paths()
 * @j: index into its targets
 * @nodes: (out caller-allocates) (array length=cap): receives the nodes
 *
 * The path of cell (@i, @j) as its nodes (external ids), from the source
 * to the target (or its arrival twin), like tnet_ch_query_path_nodes(): the
 * meeting node's up-path from the source and down-path to the target,
 * shortcuts expanded through their middle nodes. Its length is exactly
 * the cell's distance. Writes at most @cap nodes; returns how many the
 * path has, or G_MAXUINT when the cell is unreachable. Calling it without
 * a preceding tnet_ch_query_many_to_many_paths() (or after a
 * tnet_ch_query_many_to_many() on @query) is a programming error.
 * Errors: none beyond that. Thread-safety: as tnet_ch_query_distance().
 * Time complexity: O(path length × log degree).
 */
TNET_API guint tnet_ch_query_cell_path_nodes (TnetCHQuery *query, guint i, guint j,
                                              TnetId *nodes, guint cap);

/**
 * tnet_ch_query_cell_path:
 * @metric: the metric the hierarchy was built or customised for
 * @arcs: (out caller-allocates) (array length=cap): receives external arc ids
 *
 * The same path as its arcs, chosen as tnet_ch_query_path() does (the
 * lightest arc between consecutive nodes, lowest id on ties). Returns the
 * number of arcs (writing at most @cap), G_MAXUINT when unreachable.
 * Errors and thread-safety: as tnet_ch_query_cell_path_nodes().
 * Time complexity: as tnet_ch_query_cell_path_nodes(), plus the
 * out-degrees.
 */
TNET_API guint tnet_ch_query_cell_path (TnetCHQuery *query, const TnetMetric *metric,
                                        guint i, guint j, TnetId *arcs, guint cap);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetCH, tnet_ch_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetCHQuery, tnet_ch_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetCCH, tnet_cch_unref)

G_END_DECLS
