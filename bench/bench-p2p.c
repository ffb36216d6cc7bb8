/* bench-p2p.c: point-to-point queries on random pairs — Dijkstra with early
 * exit, bidirectional Dijkstra and CH — each against igraph's single-pair
 * igraph_get_shortest_path_dijkstra on the same pairs. One JSON line per
 * kernel (bench "p2p-dijkstra", "p2p-bidir", "p2p-ch"); the igraph column
 * is the same measurement in all three. CH queries are timed cold: distinct
 * pairs, each asked once, mean per query. */
#include "bench-common.h"
#include <stdio.h>

int
main (int argc, char **argv)
{
  BenchArgs a;
  bench_args_parse (&a, &argc, &argv, "Point-to-point: tnet (Dijkstra, bidirectional, CH) vs igraph.",
                    200, 10);
  for (const char *const *name = bench_graph_names (&a); *name; name++)
    {
      BenchGraph *g = bench_graph_load (*name);
      GError *error = NULL;
      TnetCH *ch = tnet_ch_build (g->metric, NULL, &error);
      if (!ch)
        g_error ("%s", error->message);
      guint n = tnet_graph_n_nodes (g->graph);
      int nq = a.queries;
      TnetId *pairs = bench_random_nodes (n, 2 * (guint) nq, (guint32) a.seed);
      TnetSearch *s = tnet_search_new (g->graph);
      TnetBidir *b = tnet_bidir_new (g->graph);
      TnetCHQuery *q = tnet_ch_query_new (ch);
      double *t_dij = g_new (double, nq), *t_bi = g_new (double, nq);
      double *t_ig = g_new (double, nq);
      gboolean ok_dij = TRUE, ok_bi = TRUE, ok_ch = TRUE;
      for (int k = 0; k < nq; k++)
        {
          TnetId u = pairs[2 * k], v = pairs[2 * k + 1];
          TnetWeight want;
          t_ig[k] = bench_igraph_pair (g, u, v, &want);
          double t0 = bench_now_ms ();
          tnet_search_run (s, g->metric, u, TNET_FORWARD, TNET_WEIGHT_INF, v);
          double t1 = bench_now_ms ();
          ok_dij &= tnet_search_distance (s, v) == want;
          TnetWeight d_bi = tnet_bidir_run (b, g->metric, u, v);
          double t2 = bench_now_ms ();
          ok_bi &= d_bi == want;
          ok_ch &= tnet_ch_query_distance (q, u, v) == want;
          t_dij[k] = t1 - t0;
          t_bi[k] = t2 - t1;
        }
      /* CH queries take microseconds, below the clock's resolution: every
       * pair asked once (cold: no pair repeats), timed as a whole, after
       * queries on other pairs of a fresh seed so that the ones checked
       * above are not in the cache */
      TnetId *cold = bench_random_nodes (n, 2 * (guint) nq, (guint32) a.seed + 1);
      TnetWeight sink = 0;
      double c0 = bench_now_ms ();
      for (int k = 0; k < nq; k++)
        sink += tnet_ch_query_distance (q, cold[2 * k], cold[2 * k + 1]);
      double ch_mean = (bench_now_ms () - c0) / nq;
      g_free (cold);
      (void) sink;
      double ig = bench_median (t_ig, nq);
      bench_json ("p2p-dijkstra", g, nq, bench_median (t_dij, nq), ig, ok_dij, NULL);
      bench_json ("p2p-bidir", g, nq, bench_median (t_bi, nq), ig, ok_bi, NULL);
      bench_json ("p2p-ch", g, nq, ch_mean, ig, ok_ch,
                  ",\"ch_stat\":\"mean over distinct pairs, each asked once (cold)\"");
      g_free (t_dij);
      g_free (t_bi);
      g_free (t_ig);
      g_free (pairs);
      tnet_ch_query_free (q);
      tnet_bidir_free (b);
      tnet_search_free (s);
      tnet_ch_unref (ch);
      bench_graph_free (g);
    }
  return bench_status ();
}
