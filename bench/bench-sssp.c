/* bench-sssp.c: one-to-all Dijkstra against igraph's
 * igraph_distances_dijkstra, same graph, same sources, every distance
 * compared. Two lines per graph: "sssp" is the distance-only kernel of the
 * batches (radix heap; tnet_batch_one_to_all with one source on the calling
 * thread, row gathered into external order), "sssp-search" the general
 * TnetSearch (indexed 4-ary heap, parents, settled list, budgets). */
#include "bench-common.h"
#include <stdio.h>

int
main (int argc, char **argv)
{
  BenchArgs a;
  bench_args_parse (&a, &argc, &argv, "One-to-all Dijkstra: tnet vs igraph.", 50, 5);
  for (const char *const *name = bench_graph_names (&a); *name; name++)
    {
      BenchGraph *g = bench_graph_load (*name);
      guint n = tnet_graph_n_nodes (g->graph);
      TnetId *src = bench_random_nodes (n, (guint) a.queries, (guint32) a.seed);
      TnetSearch *s = tnet_search_new (g->graph);
      TnetWeight *row = g_new (TnetWeight, n);
      double *ours = g_new (double, a.queries), *ig = g_new (double, a.queries);
      double *batch = g_new (double, a.queries);
      TnetWeight *mine = g_new (TnetWeight, n);
      gboolean agree = TRUE, agree_batch = TRUE;
      GError *error = NULL;
      /* one warm-up run of each */
      tnet_search_run (s, g->metric, src[0], TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      bench_igraph_one_to_all (g, src[0], row);
      for (int q = 0; q < a.queries; q++)
        {
          double t0 = bench_now_ms ();
          tnet_search_run (s, g->metric, src[q], TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
          ours[q] = bench_now_ms () - t0;
          ig[q] = bench_igraph_one_to_all (g, src[q], row);
          for (TnetId v = 0; v < n; v++)
            agree &= tnet_search_distance (s, v) == row[v];
          t0 = bench_now_ms ();
          if (!tnet_batch_one_to_all (g->metric, NULL, &src[q], 1, TNET_FORWARD, 1, mine, NULL,
                                      NULL, &error))
            g_error ("%s", error->message);
          batch[q] = bench_now_ms () - t0;
          agree_batch &= memcmp (mine, row, n * sizeof (TnetWeight)) == 0;
        }
      bench_json ("sssp", g, a.queries, bench_median (batch, a.queries),
                  bench_median (ig, a.queries), agree_batch, NULL);
      bench_json ("sssp-search", g, a.queries, bench_median (ours, a.queries),
                  bench_median (ig, a.queries), agree, NULL);
      g_free (batch);
      g_free (mine);
      g_free (ours);
      g_free (ig);
      g_free (row);
      g_free (src);
      tnet_search_free (s);
      bench_graph_free (g);
    }
  return bench_status ();
}
