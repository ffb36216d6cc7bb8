/* threads.h: running one worker function on several threads. Internal. */
#pragma once

#include "tnet-internal.h"

/* How many threads to run for @n_items pieces of work when the caller
 * asked for @requested (0: one per processor): never more than the items,
 * at least one. */
guint tnet_i_thread_count (guint requested, guint n_items);

/* Runs @func (@data) on @n_threads threads named @name and waits for all of
 * them; with one thread, on the calling thread. The workers share @data
 * and take their work from it (under the caller's own lock). */
void tnet_i_run_threads (const char *name, guint n_threads, GThreadFunc func, gpointer data);
