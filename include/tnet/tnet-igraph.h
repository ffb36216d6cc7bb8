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
 * Thread-safety: one process-wide mutex, not recursive (never lock it
 * twice), held by one thread at a time; unlock from the thread that
 * locked. Errors: none.
 * Time complexity: O(1) (plus waiting for the lock).
 */
TNET_API void tnet_igraph_lock (void);
TNET_API void tnet_igraph_unlock (void);

/**
 * tnet_igraph_check:
 * Turns an igraph return code into a GError (%TNET_ERROR_IGRAPH) carrying
 * igraph's reason and the caller's @what. Returns TRUE on IGRAPH_SUCCESS.
 * Call with the lock held.
 * Thread-safety: as every igraph call, under tnet_igraph_lock().
 * Time complexity: O(1).
 */
TNET_API gboolean tnet_igraph_check (igraph_error_t code, const char *what,
                                     GError **error);

/**
 * tnet_graph_to_igraph:
 * Builds a directed igraph graph with the same external node and arc ids
 * (igraph edge k = arc k) and, when @metric and @weights are given, fills
 * @weights (initialised by this call) with the arc weights. Call with the
 * lock held; @out must be destroyed by the caller (igraph_destroy).
 * Errors: %TNET_ERROR_IGRAPH when igraph cannot allocate or build.
 * Thread-safety: under tnet_igraph_lock() only (checked: g_critical and
 * %FALSE from another thread). @graph and @metric are only read.
 * Time complexity: O(n + m).
 */
TNET_API gboolean tnet_graph_to_igraph (const TnetGraph *graph, const TnetMetric *metric,
                                        igraph_t *out, igraph_vector_t *weights,
                                        GError **error);

G_END_DECLS
