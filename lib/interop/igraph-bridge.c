/* igraph-bridge.c: serialised igraph use with errors turned into GErrors.
 *
 * Implementation notes
 *
 * Debian's igraph keeps its error handler and its cleanup ("finally") stack
 * in plain globals and, by default, aborts on the first error. Every call
 * into it therefore runs between tnet_igraph_lock() and tnet_igraph_unlock():
 * the lock takes a process-wide GMutex and installs our handlers, the
 * unlock puts the previous ones back. Our error handler only records the
 * reason and empties the cleanup stack (IGRAPH_FINALLY_FREE), which is what
 * igraph expects of a handler that returns; the failing igraph function then
 * returns its error code, and tnet_igraph_check() turns code and reason into
 * a TNET_ERROR_IGRAPH GError. Warnings are swallowed: they are advice, and
 * the library must not write to stderr.
 */
#include <tnet/tnet-igraph.h>

/* All fields are protected by bridge_mutex. */
static GMutex bridge_mutex;
static GThread *bridge_owner;              /* thread holding the lock, or NULL */
static igraph_error_handler_t *saved_error_handler;
static igraph_warning_handler_t *saved_warning_handler;
static char *last_reason;                  /* the last recorded failure, or NULL */

static void
bridge_error_handler (const char *reason, const char *file, int line,
                      igraph_error_t igraph_errno)
{
  g_free (last_reason);
  last_reason = g_strdup_printf ("%s (%s, at %s:%d)", reason ? reason : "?",
                                 igraph_strerror (igraph_errno),
                                 file ? file : "?", line);
  IGRAPH_FINALLY_FREE ();
}

static void
bridge_warning_handler (const char *reason, const char *file, int line)
{
}

void
tnet_igraph_lock (void)
{
  g_mutex_lock (&bridge_mutex);
  bridge_owner = g_thread_self ();
  saved_error_handler = igraph_set_error_handler (bridge_error_handler);
  saved_warning_handler = igraph_set_warning_handler (bridge_warning_handler);
  g_clear_pointer (&last_reason, g_free);
}

void
tnet_igraph_unlock (void)
{
  g_return_if_fail (bridge_owner == g_thread_self ());
  igraph_set_error_handler (saved_error_handler);
  igraph_set_warning_handler (saved_warning_handler);
  g_clear_pointer (&last_reason, g_free);
  bridge_owner = NULL;
  g_mutex_unlock (&bridge_mutex);
}

gboolean
tnet_igraph_check (igraph_error_t code, const char *what, GError **error)
{
  g_return_val_if_fail (bridge_owner == g_thread_self (), FALSE);
  if (code == IGRAPH_SUCCESS)
    return TRUE;
  g_set_error (error, TNET_ERROR, TNET_ERROR_IGRAPH, "%s failed in igraph: %s",
               what ? what : "igraph call",
               last_reason ? last_reason : igraph_strerror (code));
  g_clear_pointer (&last_reason, g_free);
  return FALSE;
}

gboolean
tnet_graph_to_igraph (const TnetGraph *graph, const TnetMetric *metric,
                      igraph_t *out, igraph_vector_t *weights, GError **error)
{
  g_return_val_if_fail (graph != NULL && out != NULL, FALSE);
  g_return_val_if_fail (metric == NULL || tnet_metric_get_graph (metric) == graph, FALSE);
  g_return_val_if_fail (bridge_owner == g_thread_self (), FALSE);

  guint n_arcs = tnet_graph_n_arcs (graph);
  igraph_vector_int_t edges;
  if (!tnet_igraph_check (igraph_vector_int_init (&edges, 2 * (igraph_integer_t) n_arcs),
                          "allocating the edge list", error))
    return FALSE;
  for (guint k = 0; k < n_arcs; k++)
    {
      VECTOR (edges)[2 * k] = tnet_graph_arc_tail (graph, k);
      VECTOR (edges)[2 * k + 1] = tnet_graph_arc_head (graph, k);
    }
  igraph_error_t rc = igraph_create (out, &edges, tnet_graph_n_nodes (graph), IGRAPH_DIRECTED);
  igraph_vector_int_destroy (&edges);
  if (!tnet_igraph_check (rc, "building the igraph graph", error))
    return FALSE;

  if (metric != NULL && weights != NULL)
    {
      if (!tnet_igraph_check (igraph_vector_init (weights, n_arcs),
                              "allocating the weights", error))
        {
          igraph_destroy (out);
          return FALSE;
        }
      for (guint k = 0; k < n_arcs; k++)
        VECTOR (*weights)[k] = tnet_metric_weight (metric, k);
    }
  return TRUE;
}
