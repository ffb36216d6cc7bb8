/* bench-serve-kernel.c: the library calls `tnet serve` makes for /table and
 * /route, timed in-process on one thread, for bench-serve.py to compare
 * with the server's throughput.
 *
 * Usage: bench-serve-kernel DATA_DIR YEAR PATHS_FILE [PASSES]
 * PATHS_FILE holds request paths, one a line: /table?sources=A;B…&
 * destinations=C;D… or /route?from=A&to=B (node ids, not URL-encoded).
 * The folder is loaded and the car graph and its CH built as the server
 * does (not timed); then PASSES (default 5) passes over the paths: a table
 * is tnet_ch_query_many_to_many() with the destinations' arrival twins, a
 * route tnet_search_run() to the target and tnet_search_path(). Prints one
 * JSON line per kind: queries, the median pass time and queries per second. */
#include "bench-common.h"
#include <stdio.h>
#include <string.h>

static GArray *
ids_of (const TnetNetwork *net, const char *list)
{
  g_auto (GStrv) items = g_strsplit (list, ";", -1);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (guint i = 0; items[i]; i++)
    {
      TnetId v = tnet_network_find_node (net, items[i]);
      if (v == TNET_ID_NONE)
        g_error ("unknown node '%s'", items[i]);
      g_array_append_val (ids, v);
    }
  return ids;
}

/* The value of query parameter @name in @path (a copy), or NULL. */
static char *
query_value (const char *path, const char *name)
{
  const char *q = strchr (path, '?');
  g_autofree char *key = g_strdup_printf ("%s=", name);
  for (const char *p = q; p; p = strchr (p + 1, '&'))
    if (g_str_has_prefix (p + 1, key))
      {
        const char *v = p + 1 + strlen (key);
        return g_strndup (v, strcspn (v, "&"));
      }
  return NULL;
}

typedef struct {
  gboolean table;
  GArray *a, *b;   /* sources and destinations, or from and to */
} Query;

int
main (int argc, char **argv)
{
  if (argc < 4)
    {
      fprintf (stderr, "usage: %s DATA_DIR YEAR PATHS_FILE [PASSES]\n", argv[0]);
      return 2;
    }
  guint passes = argc > 4 ? (guint) atoi (argv[4]) : 5;
  GError *error = NULL;
  TnetDataset *ds = tnet_dataset_load (argv[1], NULL, &error);
  if (ds == NULL)
    g_error ("%s", error->message);
  const TnetNetwork *net = tnet_dataset_get_network (ds);
  TnetScenario *scen = tnet_scenario_new (atoi (argv[2]));
  TnetMetric *time = NULL, *length = NULL;
  TnetGraph *car = tnet_graph_compile_modes (net, scen,
                                             TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS),
                                             &time, &length, &error);
  TnetCH *ch = car ? tnet_ch_build (time, NULL, &error) : NULL;
  if (ch == NULL)
    g_error ("%s", error->message);
  g_autofree char *text = NULL;
  if (!g_file_get_contents (argv[3], &text, NULL, &error))
    g_error ("%s", error->message);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GArray *queries = g_array_new (FALSE, FALSE, sizeof (Query));
  for (guint i = 0; lines[i]; i++)
    {
      if (!*lines[i])
        continue;
      Query q = { g_str_has_prefix (lines[i], "/table?"), NULL, NULL };
      g_autofree char *a = query_value (lines[i], q.table ? "sources" : "from");
      g_autofree char *b = query_value (lines[i], q.table ? "destinations" : "to");
      if (a == NULL || b == NULL)
        g_error ("line %u: expected /table?sources=…&destinations=… or /route?from=…&to=…",
                 i + 1);
      q.a = ids_of (net, a);
      q.b = ids_of (net, b);
      g_array_append_val (queries, q);
    }
  TnetCHQuery *chq = tnet_ch_query_new (ch);
  TnetSearch *search = tnet_search_new (car);
  for (int kind = 0; kind < 2; kind++)
    {
      double *times = g_new (double, passes);
      guint n = 0;
      guint64 check = 0;
      for (guint pass = 0; pass < passes; pass++)
        {
          n = 0;
          double t0 = bench_now_ms ();
          for (guint k = 0; k < queries->len; k++)
            {
              Query *q = &g_array_index (queries, Query, k);
              if (q->table != (kind == 0))
                continue;
              n++;
              if (q->table)
                {
                  /* as the server: a twin is asked beside its node */
                  guint nd = q->b->len, nt = nd;
                  TnetId *targets = g_new (TnetId, 2 * nd);
                  guint *twin = g_new (guint, nd);
                  for (guint j = 0; j < nd; j++)
                    {
                      TnetId v = g_array_index (q->b, TnetId, j);
                      TnetId t = tnet_graph_arrival_node (car, v);
                      targets[j] = v;
                      twin[j] = t != v ? nt : G_MAXUINT;
                      if (t != v)
                        targets[nt++] = t;
                    }
                  TnetWeight *cells = g_new (TnetWeight, (gsize) q->a->len * nt);
                  tnet_ch_query_many_to_many (chq, (const TnetId *) (void *) q->a->data,
                                              q->a->len, targets, nt, cells);
                  for (guint i = 0; i < q->a->len; i++)
                    for (guint j = 0; j < nd; j++)
                      {
                        TnetWeight w = cells[(gsize) i * nt + j];
                        if (twin[j] != G_MAXUINT)
                          w = MIN (w, cells[(gsize) i * nt + twin[j]]);
                        check += w < TNET_WEIGHT_INF;
                      }
                  g_free (cells);
                  g_free (twin);
                  g_free (targets);
                }
              else
                {
                  TnetId from = g_array_index (q->a, TnetId, 0);
                  TnetId to = g_array_index (q->b, TnetId, 0);
                  tnet_search_run (search, time, from, TNET_FORWARD, TNET_WEIGHT_INF, to);
                  guint n_arcs = tnet_search_path (search, to, NULL, 0);
                  if (n_arcs != G_MAXUINT)
                    {
                      TnetId *arcs = g_new (TnetId, n_arcs + 1);
                      tnet_search_path (search, to, arcs, n_arcs);
                      check += n_arcs;
                      g_free (arcs);
                    }
                }
            }
          times[pass] = bench_now_ms () - t0;
        }
      if (n > 0)
        {
          double med = bench_median (times, passes);
          printf ("{\"bench\": \"serve-kernel\", \"kind\": \"%s\", \"queries\": %u, "
                  "\"passes\": %u, \"median_ms\": %.3f, \"per_second\": %.1f, "
                  "\"check\": %" G_GUINT64_FORMAT "}\n",
                  kind == 0 ? "table" : "route", n, passes, med, n / (med / 1000.0), check);
        }
      g_free (times);
    }
  tnet_search_free (search);
  tnet_ch_query_free (chq);
  for (guint k = 0; k < queries->len; k++)
    {
      g_array_unref (g_array_index (queries, Query, k).a);
      g_array_unref (g_array_index (queries, Query, k).b);
    }
  g_array_unref (queries);
  tnet_ch_unref (ch);
  tnet_metric_unref (time);
  tnet_metric_unref (length);
  tnet_graph_unref (car);
  tnet_scenario_free (scen);
  tnet_dataset_free (ds);
  return 0;
}
