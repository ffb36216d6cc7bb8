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

/* Allocates O(n) memory; holds a reference to @graph. */
TNET_API TnetSearch *tnet_search_new (TnetGraph *graph);
TNET_API void tnet_search_free (TnetSearch *search);
TNET_API TnetGraph *tnet_search_get_graph (const TnetSearch *search);

/**
 * tnet_search_run:
 * One-to-all Dijkstra from @source (TNET_FORWARD) or to @source
 * (TNET_BACKWARD), settling exactly the nodes whose distance is <=
 * @budget (TNET_WEIGHT_INF for no bound). When @target is not TNET_ID_NONE
 * the search stops as soon as @target is settled (distances of nodes settled
 * before it are final; others read as INF).
 * Time complexity: O((n' + m') log_4 n') for the n' nodes and m' arcs touched.
 */
TNET_API void tnet_search_run (TnetSearch *search, const TnetMetric *metric,
                               TnetId source, TnetDirection dir,
                               TnetWeight budget, TnetId target);

/**
 * tnet_search_run_multi:
 * Multi-source search: source k starts at distance @offsets[k] (or 0 when
 * @offsets is %NULL). Same rules as tnet_search_run().
 */
TNET_API void tnet_search_run_multi (TnetSearch *search, const TnetMetric *metric,
                                     const TnetId *sources, const TnetWeight *offsets,
                                     guint n_sources, TnetDirection dir,
                                     TnetWeight budget, TnetId target);

/* Distance of @node in the last run, TNET_WEIGHT_INF when not settled. */
TNET_API TnetWeight tnet_search_distance (const TnetSearch *search, TnetId node);
/* Nodes settled in the last run, in settling order (external ids). */
TNET_API guint tnet_search_n_settled (const TnetSearch *search);
TNET_API TnetId tnet_search_settled_node (const TnetSearch *search, guint k);

/**
 * tnet_search_path:
 * The arcs (external ids) of the shortest path to @node (forward: from the
 * source to @node; backward: from @node to the source, in travel order).
 * Writes at most @cap arcs and returns the path's full length in arcs
 * (0 when @node is a source; G_MAXUINT when @node was not reached).
 */
TNET_API guint tnet_search_path (const TnetSearch *search, TnetId node,
                                 TnetId *arcs, guint cap);
/* The source whose search tree holds @node, or TNET_ID_NONE. */
TNET_API TnetId tnet_search_origin (const TnetSearch *search, TnetId node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetSearch, tnet_search_free)

G_END_DECLS
