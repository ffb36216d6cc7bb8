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
#include "graph-private.h"
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
  gint ready;              /* atomic: set once the fields above are final */
  gint done;               /* atomic: workers that will not touch the batch again */
} Batch;

static void
worker (gpointer task, gpointer user_data)
{
  Batch *b = user_data;
  /* pairs with the caller's atomic set: see tnet_batch_one_to_all() */
  (void) g_atomic_int_get (&b->ready);
  TnetWeight *scratch = b->matrix ? NULL : g_new (TnetWeight, MAX (b->n_nodes, 1u));
  TnetCHQuery *chq = b->ch ? tnet_ch_query_new (b->ch) : NULL;
  TnetSearch *search = b->ch ? NULL : tnet_search_new (tnet_metric_get_graph (b->metric));
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
          tnet_search_run (search, b->metric, b->sources[i], b->dir, TNET_WEIGHT_INF,
                           TNET_ID_NONE);
          for (guint v = 0; v < b->n_nodes; v++)
            row[v] = tnet_search_distance (search, v);
        }
      if (b->func)
        b->func (i, b->sources[i], row, b->n_nodes, b->user_data);
    }
  tnet_ch_query_free (chq);
  if (search)
    tnet_search_free (search);
  g_free (scratch);
  /* the worker's last access to the batch: see tnet_batch_one_to_all() */
  g_atomic_int_inc (&b->done);
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
  guint n = ch ? tnet_ch_n_nodes (ch) : metric->graph->n_nodes;
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
  if (n_threads <= 1)
    {
      worker (NULL, &b);
      return TRUE;
    }
  /* GThreadPool hands the batch to its threads through GLib's futex-based
   * locks (and starts them from a spawner thread), which ThreadSanitizer
   * cannot see; this store and the workers' load of b.ready make the
   * ordering explicit, at the cost of one atomic per worker. */
  g_atomic_int_set (&b.ready, 1);
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
  /* Every worker's last act is its increment of b.done: this atomic read
   * orders all that the workers did (their rows) before the caller's reads
   * and the end of @b, in terms ThreadSanitizer sees. */
  (void) g_atomic_int_get (&b.done);
  return TRUE;
}
