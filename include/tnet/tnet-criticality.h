/* tnet-criticality.h: the failure scan on a graph — the travel time of
 * every OD pair with each element (a set of arcs) removed, ranked by loss.
 * The graph kernel of `tnet criticality`; the network-level scan by profile
 * is in tnet-corridors.h. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-graph.h>
#include <tnet/tnet-paths.h>

G_BEGIN_DECLS

/* GIO's cancellable (<gio/gio.h>); declared here so that this header needs
 * only GLib (C11 allows the typedef to be repeated). */
typedef struct _GCancellable GCancellable;

/**
 * TnetCriticalityItem:
 * The loss when one element (a link, or every link of a line) is removed.
 * @element: the element's index (see tnet_criticality_scan())
 * @name: (nullable): the link id or line name when known (owned by the result)
 * @n_pairs_slower: OD pairs whose time increased
 * @n_pairs_cut: OD pairs that became unreachable
 * @n_pairs_out_of_budget: pairs within the budget before and not after
 * @population_lost: population of origins whose best time to any
 *   destination was within the budget before and is not after
 * @max_increase_ms: the largest increase among pairs still reachable
 * @total_increase_ms: the sum of the increases over pairs still reachable
 * @worst_pair: the pair with the largest increase (a cut pair first)
 */
typedef struct {
  TnetId element;
  const char *name;
  guint n_pairs_slower;
  guint n_pairs_cut;
  guint n_pairs_out_of_budget;
  double population_lost;
  TnetWeight max_increase_ms;
  guint64 total_increase_ms;
  guint worst_pair;
} TnetCriticalityItem;

/**
 * TnetCriticality:
 * The ranked result of a criticality scan. Single owner; free with
 * tnet_criticality_free().
 */
typedef struct _TnetCriticality TnetCriticality;

/**
 * tnet_criticality_scan:
 * @graph, @metric: the network
 * @arc_element: per external arc, the element whose removal deletes the
 *   arc, or TNET_ID_NONE for an arc no removal touches; %NULL means "the
 *   arc's link" (tnet_graph_arc_link(), or the arc itself, numbered from
 *   the largest link index + 1, when the arc has no link)
 * @n_elements: the number of elements (ignored when @arc_element is NULL)
 * @pair_origin, @pair_dest: the OD pairs (external node ids)
 * @node_population: (nullable): population per graph node (origins only
 *   are read); NULL counts no population
 * @budget_ms: the commute budget
 * @opts: (nullable): threads, progress and cancellation; %NULL for the
 *   defaults (TnetCriticalityOptions)
 *
 * For every element, the travel time of every OD pair when the element's
 * arcs are removed. Only an element with an arc on the shortest path of a
 * pair can change that pair's distance (the path survives any other
 * removal), so the scan runs one full search per distinct origin, keeps its
 * shortest-path tree, and examines only the elements on the tree paths to
 * the origin's destinations, and for each only the pairs whose tree path
 * holds it. A removal can only change the distances of the nodes under the
 * element's tree arcs (their subtrees): those are repaired from their best
 * arc coming from outside the subtrees, then by a Dijkstra restricted to
 * them that stops once the pair's destinations are settled. Origins are
 * spread over @n_threads threads (GThreadPool), one workspace per thread;
 * the removal is a "blocked element" test in the search loop, so no metric
 * is copied.
 *
 * Items are ranked by pairs cut, then population lost, then pairs out of
 * budget, then total increase, then element index. Elements with no loss
 * are not listed.
 * Errors: %G_IO_ERROR_CANCELLED when @opts->cancellable is cancelled (the
 * workers finish the origin they hold, then nothing is returned); no other.
 * Thread-safety: reads @graph and @metric only; the calling thread waits
 * for its workers.
 * Returns: (transfer full): the result, or %NULL when cancelled.
 * Time complexity: O(p (n + m) log n) for the full base searches of the
 *   p distinct origins, plus, per origin and element on its tree paths, the
 *   in-arcs of the element's subtrees and a search restricted to them.
 * Memory: O(n + m) per thread, plus one entry per (element, pair) on a
 *   tree path.
 */
TNET_API void tnet_criticality_free (TnetCriticality *crit);

/**
 * TnetCriticalityOptions:
 * @n_threads: worker threads (0: the number of processors)
 * @progress: (nullable): called with the origins scanned out of the
 *   distinct origins (unit "origins"), labelled "criticality scan", from
 *   the thread that started the scan, at most about 257 times (every 1/256
 *   of the origins and at the end); it only reports
 * @progress_data: passed to @progress
 * @cancellable: (nullable): cancels the scan when cancelled from any thread
 *   (checked by every worker before each origin)
 * @n_element_blocks: split the elements into this many blocks and examine
 *   only block @element_block, the elements e with
 *   e % @n_element_blocks == @element_block (0 or 1: every element). The
 *   items of an element are the same in every split (its removal is
 *   examined on the same pairs), so the blocks of one scan can run on
 *   different machines and their items be merged and ranked again; each
 *   block repeats the base search of every origin.
 * @element_block: the block examined, below @n_element_blocks
 *
 * Initialise with tnet_criticality_options_init().
 */
typedef struct {
  guint n_threads;
  TnetProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
  guint n_element_blocks;
  guint element_block;
} TnetCriticalityOptions;

/* Sets @opts to the defaults: every field 0 or %NULL (as many threads as
 * processors, no progress, no cancellable, every element). Errors: none
 * (%NULL is a programming error). Thread-safe. Time complexity: O(1). */
TNET_API void tnet_criticality_options_init (TnetCriticalityOptions *opts);

TNET_API TnetCriticality *tnet_criticality_scan (TnetGraph *graph,
                                                 const TnetMetric *metric,
                                                 const TnetId *arc_element,
                                                 guint n_elements,
                                                 const TnetId *pair_origin,
                                                 const TnetId *pair_dest,
                                                 guint n_pairs,
                                                 const double *node_population,
                                                 TnetWeight budget_ms,
                                                 const TnetCriticalityOptions *opts,
                                                 GError **error);

/* The readers below only read the finished scan: thread-safe while nothing
 * calls tnet_criticality_set_name() on it; an index out of range is a
 * programming error (g_critical, then 0, %NULL or TNET_WEIGHT_INF); none
 * sets a GError. */

/* Number of ranked items (elements with a loss) and the k-th of them. The
 * view is valid until @crit is freed. Errors: none. Thread-safe. Time
 * complexity: O(1). */
TNET_API guint tnet_criticality_n_items (const TnetCriticality *crit);
TNET_API const TnetCriticalityItem *tnet_criticality_item (const TnetCriticality *crit,
                                                           guint rank);
/* Elements examined (those on the search tree's shortest path of some
 * pair, and in the options' element block), out of the total; the number
 * of pairs. Errors: none. Thread-safe. Time complexity: O(1). */
TNET_API guint tnet_criticality_n_candidates (const TnetCriticality *crit);
TNET_API guint tnet_criticality_n_pairs (const TnetCriticality *crit);
/* Base time of pair @pair, TNET_WEIGHT_INF when unreachable. Errors: none.
 * Thread-safe. Time complexity: O(1). */
TNET_API TnetWeight tnet_criticality_base_time (const TnetCriticality *crit, guint pair);
/* Time of @pair with the element of item @rank removed (INF: cut). Errors:
 * none. Thread-safe. Time complexity: O(pairs the element slows) (a scan
 * of the element's entries). */
TNET_API TnetWeight tnet_criticality_time (const TnetCriticality *crit, guint rank,
                                           guint pair);
/* The time of @pair when @element is removed, for any element (elements
 * that were not candidates give the base time). Errors, thread-safety and
 * time complexity: as tnet_criticality_time(). */
TNET_API TnetWeight tnet_criticality_element_time (const TnetCriticality *crit,
                                                   TnetId element, guint pair);
/**
 * tnet_criticality_detour:
 * The fastest path of @pair with the element of item @rank removed (the
 * detour), or %NULL when the pair is cut, or for a scan of another model
 * (by the timetable: tnet_corridor_criticality_detour_places()).
 * Allocates; runs one search.
 * Errors: none. Thread-safe (its own search workspace; @crit is only read).
 * Time complexity: O((n + m) log n) for the search, plus O(n) for its
 * workspace.
 */
TNET_API TnetPath *tnet_criticality_detour (const TnetCriticality *crit, guint rank,
                                            guint pair);
/* Sets the display name of @element (copied). Errors: an element out of
 * range is a programming error. Thread-safety: changes @crit (no other call
 * on it meanwhile). Time complexity: O(length of @name). */
TNET_API void tnet_criticality_set_name (TnetCriticality *crit, TnetId element,
                                         const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetCriticality, tnet_criticality_free)

G_END_DECLS
