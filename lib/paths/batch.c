/* batch.c: parallel batches of one-to-all searches.
 *
 * Implementation notes: the pool gets one task per thread, not one per
 * source; each task makes one workspace and then claims sources from a
 * shared atomic counter until none are left. That keeps exactly one
 * workspace per thread (GThreadPool does not say which thread runs which
 * task), balances uneven searches, and costs one atomic add per source.
 * Shared inputs are immutable; each source writes only its own matrix row.
 */
#include "tnet-internal.h"
#include "graph-internal.h"
#include "dijkstra-all.h"
#include <gio/gio.h>

typedef struct {
  const TnetMetric *metric;
  TnetCH *ch;
  const TnetId *sources;
  guint n_sources;
  TnetDirection dir;
  TnetWeight *matrix;
  TnetBatchFunc func;
  gpointer user_data;
  guint n_nodes;
  gint next;               /* atomic: next source index to claim */
  gint finished;           /* atomic: workers done (see tnet_batch_one_to_all) */
  gint ready;              /* atomic: 1 once the fields above are set */
} Batch;

static void
worker (gpointer task, gpointer user_data)
{
  Batch *b = user_data;
  /* acquire what the caller released: pool threads are reused between
   * batches and GLib's queue hands tasks over with futexes that race
   * detectors cannot see */
  if (g_atomic_int_get (&b->ready) != 1)
    g_error ("batch worker started before its batch was ready");
  TnetWeight *scratch = b->matrix ? NULL : g_new (TnetWeight, MAX (b->n_nodes, 1u));
  TnetCHQuery *chq = b->ch ? tnet_ch_query_new (b->ch) : NULL;
  const TnetGraph *g = b->ch ? NULL : tnet_metric_get_graph (b->metric);
  const uint32_t *to_int = g ? tnet_i_graph_csr (g)->to_internal : NULL;
  TnetIDijkstraAll *dij = b->ch ? NULL : tnet_i_dijkstra_all_new (b->n_nodes);
  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&b->next, 1);
      if (i >= b->n_sources)
        break;
      TnetWeight *row = b->matrix ? b->matrix + (gsize) i * b->n_nodes : scratch;
      if (chq)
        tnet_ch_query_one_to_all (chq, b->sources[i], b->dir, row);
      else
        {
          TnetId src = b->sources[i];
          /* zones: as TnetSearch, a backward run starts at the arrival twin */
          if (b->dir == TNET_BACKWARD)
            src = tnet_graph_arrival_node (g, src);
          tnet_i_dijkstra_all_run (dij, b->metric, to_int[src], b->dir);
          tnet_i_dijkstra_all_gather (dij, g, row);
        }
      if (b->func)
        b->func (i, b->sources[i], row, b->n_nodes, b->user_data);
    }
  tnet_ch_query_free (chq);
  tnet_i_dijkstra_all_free (dij);
  g_free (scratch);
  g_atomic_int_inc (&b->finished);
}

gboolean
tnet_batch_one_to_all (const TnetMetric *metric, TnetCH *ch, const TnetId *sources,
                       guint n_sources, TnetDirection dir, guint n_threads,
                       TnetWeight *matrix, TnetBatchFunc func, gpointer user_data,
                       GError **error)
{
  g_return_val_if_fail (metric != NULL || ch != NULL, FALSE);
  g_return_val_if_fail (n_sources == 0 || sources != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  guint n = ch ? tnet_ch_n_nodes (ch) : tnet_graph_n_nodes (tnet_metric_get_graph (metric));
  for (guint i = 0; i < n_sources; i++)
    g_return_val_if_fail (sources[i] < n, FALSE);
  if (n_sources == 0)
    return TRUE;
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = MIN (n_threads, n_sources);
  Batch b = {
    .metric = metric, .ch = ch, .sources = sources, .n_sources = n_sources,
    .dir = dir, .matrix = matrix, .func = func, .user_data = user_data, .n_nodes = n,
  };
  g_atomic_int_set (&b.ready, 1);
  if (n_threads <= 1)
    {
      worker (NULL, &b);
      return TRUE;
    }
  GError *local = NULL;
  GThreadPool *pool = g_thread_pool_new (worker, &b, (gint) n_threads, TRUE, &local);
  if (pool == NULL)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_FAILED, "cannot start %u threads: %s",
                   n_threads, local ? local->message : "unknown reason");
      g_clear_error (&local);
      return FALSE;
    }
  for (guint t = 0; t < n_threads; t++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (t + 1), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  /* The pool has waited for the workers already; this acquire read of the
   * counter they released makes their rows visible in a way that race
   * detectors can see too (GLib's own locks are futexes they cannot see). */
  while ((guint) g_atomic_int_get (&b.finished) < n_threads)
    g_thread_yield ();
  return TRUE;
}
