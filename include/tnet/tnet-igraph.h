/* tnet-igraph.h: the igraph bridge. The only public header that includes
 * <igraph.h>; include it after <tnet/tnet.h>. */
#pragma once

#include <tnet/tnet.h>
#include <igraph.h>

G_BEGIN_DECLS

/**
 * tnet_igraph_lock:
 * Serialises igraph use (Debian's igraph is not thread-safe) and installs an
 * error handler that records igraph's reason and frees igraph's cleanup
 * stack instead of aborting. Every igraph call must happen between
 * tnet_igraph_lock() and tnet_igraph_unlock(), never from worker threads
 * that run queries.
 */
TNET_API void tnet_igraph_lock (void);
TNET_API void tnet_igraph_unlock (void);

/**
 * tnet_igraph_check:
 * Turns an igraph return code into a GError (%TNET_ERROR_IGRAPH) carrying
 * igraph's reason and the caller's @what. Returns TRUE on IGRAPH_SUCCESS.
 * Call with the lock held.
 */
TNET_API gboolean tnet_igraph_check (igraph_error_t code, const char *what,
                                     GError **error);

/**
 * tnet_graph_to_igraph:
 * Builds a directed igraph graph with the same external node and arc ids
 * (igraph edge k = arc k) and, when @metric and @weights are given, fills
 * @weights (initialised by this call) with the arc weights. Call with the
 * lock held; @out must be destroyed by the caller (igraph_destroy).
 */
TNET_API gboolean tnet_graph_to_igraph (const TnetGraph *graph, const TnetMetric *metric,
                                        igraph_t *out, igraph_vector_t *weights,
                                        GError **error);

G_END_DECLS
