/* dijkstra-all.h: distance-only one-to-all Dijkstra (radix heap), the
 * Dijkstra kernel of parallel batches. Internal. */
#pragma once

#include "tnet-internal.h"

typedef struct _TnetIDijkstraAll TnetIDijkstraAll;

/* A workspace for graphs of @n_nodes nodes; one per thread. */
TnetIDijkstraAll *tnet_i_dijkstra_all_new (guint n_nodes);
void tnet_i_dijkstra_all_free (TnetIDijkstraAll *w);
/* Distances from (TNET_FORWARD) or to (TNET_BACKWARD) the internal node
 * @source, by internal node; the array is the workspace's, valid until the
 * next run. */
const uint32_t *tnet_i_dijkstra_all_run (TnetIDijkstraAll *w, const TnetMetric *metric,
                                         uint32_t source, TnetDirection dir);
/* The last run's distances in external node order into @out. */
void tnet_i_dijkstra_all_gather (const TnetIDijkstraAll *w, const TnetGraph *g,
                                 TnetWeight *out);
