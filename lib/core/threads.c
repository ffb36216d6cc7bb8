/* threads.c: the thread count and the spawn-and-join loop the analyses
 * that split their work over threads share (sensitivity, uncertainty). */
#include "threads.h"

guint
tnet_i_thread_count (guint requested, guint n_items)
{
  guint n = requested ? requested : g_get_num_processors ();
  return MAX (1u, MIN (n, MAX (n_items, 1u)));
}

void
tnet_i_run_threads (const char *name, guint n_threads, GThreadFunc func, gpointer data)
{
  if (n_threads <= 1)
    {
      func (data);
      return;
    }
  GThread **threads = g_new (GThread *, n_threads);
  for (guint t = 0; t < n_threads; t++)
    threads[t] = g_thread_new (name, func, data);
  for (guint t = 0; t < n_threads; t++)
    g_thread_join (threads[t]);
  g_free (threads);
}
