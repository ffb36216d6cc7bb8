/* bench-build.c: CH preprocessing time (one core) and memory of graph +
 * metric + CH per arc. igraph has no counterpart, so the line carries no
 * igraph column; "agree" checks the CH against Dijkstra on random pairs. */
#include "bench-common.h"
#include <stdio.h>

int
main (int argc, char **argv)
{
  BenchArgs a;
  bench_args_parse (&a, &argc, &argv, "CH build time and memory.\n--queries sets the number of builds (median).",
                    3, 1);
  for (const char *const *name = bench_graph_names (&a); *name; name++)
    {
      BenchGraph *g = bench_graph_load (*name);
      GError *error = NULL;
      double *t = g_new (double, a.queries);
      TnetCH *ch = NULL;
      for (int k = 0; k < a.queries; k++)
        {
          tnet_ch_unref (ch);
          double t0 = bench_now_ms ();
          ch = tnet_ch_build (g->metric, NULL, &error);
          t[k] = bench_now_ms () - t0;
          if (!ch)
            g_error ("%s", error->message);
        }
      guint n = tnet_graph_n_nodes (g->graph), m = tnet_graph_n_arcs (g->graph);
      gsize graph_b = tnet_graph_memory_bytes (g->graph);
      gsize metric_b = 2 * (gsize) m * sizeof (TnetWeight); /* forward + reverse weights */
      gsize ch_b = tnet_ch_memory_bytes (ch);
      TnetId *pairs = bench_random_nodes (n, 200, (guint32) a.seed);
      TnetSearch *s = tnet_search_new (g->graph);
      TnetCHQuery *q = tnet_ch_query_new (ch);
      gboolean agree = TRUE;
      for (int k = 0; k < 100; k++)
        {
          tnet_search_run (s, g->metric, pairs[2 * k], TNET_FORWARD, TNET_WEIGHT_INF,
                           pairs[2 * k + 1]);
          agree &= tnet_search_distance (s, pairs[2 * k + 1])
                   == tnet_ch_query_distance (q, pairs[2 * k], pairs[2 * k + 1]);
        }
      printf ("{\"bench\":\"build\",\"graph\":\"%s\",\"n\":%u,\"m\":%u,\"queries\":%d,"
              "\"ours_ms\":%.1f,\"ch_arcs\":%" G_GUINT64_FORMAT ",\"graph_bytes\":%" G_GSIZE_FORMAT
              ",\"metric_bytes\":%" G_GSIZE_FORMAT ",\"ch_bytes\":%" G_GSIZE_FORMAT
              ",\"bytes_per_arc\":%.1f,\"agree\":%s}\n",
              g->name, n, m, a.queries, bench_median (t, a.queries), tnet_ch_n_arcs (ch),
              graph_b, metric_b, ch_b, (double) (graph_b + metric_b + ch_b) / m,
              agree ? "true" : "false");
      fflush (stdout);
      bench_note_agree (agree);
      g_free (pairs);
      g_free (t);
      tnet_ch_query_free (q);
      tnet_search_free (s);
      tnet_ch_unref (ch);
      bench_graph_free (g);
    }
  return bench_status ();
}
