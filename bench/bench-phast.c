/* bench-phast.c: one-to-all by PHAST on a contraction hierarchy against
 * igraph's igraph_distances_dijkstra, same graph, same sources, every
 * distance compared. The CH build is not timed here (see bench-build). */
#include "bench-common.h"
#include <stdio.h>

int
main (int argc, char **argv)
{
  BenchArgs a;
  bench_args_parse (&a, &argc, &argv, "One-to-all by PHAST: tnet vs igraph.", 50, 5);
  for (const char *const *name = bench_graph_names (&a); *name; name++)
    {
      BenchGraph *g = bench_graph_load (*name);
      GError *error = NULL;
      TnetCH *ch = tnet_ch_build (g->metric, NULL, &error);
      if (!ch)
        g_error ("%s", error->message);
      guint n = tnet_graph_n_nodes (g->graph);
      TnetId *src = bench_random_nodes (n, (guint) a.queries, (guint32) a.seed);
      TnetCHQuery *q = tnet_ch_query_new (ch);
      TnetWeight *row = g_new (TnetWeight, n), *mine = g_new (TnetWeight, n);
      double *ours = g_new (double, a.queries), *ig = g_new (double, a.queries);
      gboolean agree = TRUE;
      tnet_ch_query_one_to_all (q, src[0], TNET_FORWARD, mine);
      bench_igraph_one_to_all (g, src[0], row);
      for (int k = 0; k < a.queries; k++)
        {
          double t0 = bench_now_ms ();
          tnet_ch_query_one_to_all (q, src[k], TNET_FORWARD, mine);
          ours[k] = bench_now_ms () - t0;
          ig[k] = bench_igraph_one_to_all (g, src[k], row);
          agree &= memcmp (mine, row, n * sizeof (TnetWeight)) == 0;
        }
      bench_json ("phast", g, a.queries, bench_median (ours, a.queries),
                  bench_median (ig, a.queries), agree, NULL);
      g_free (ours);
      g_free (ig);
      g_free (row);
      g_free (mine);
      g_free (src);
      tnet_ch_query_free (q);
      tnet_ch_unref (ch);
      bench_graph_free (g);
    }
  return bench_status ();
}
