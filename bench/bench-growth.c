/* bench-growth.c: time per query against n on the DIMACS USA topologies
 * (NY, BAY, COL, FLA, NW, NE by default; name some as arguments to run
 * fewer). The topologies carry no weights: each undirected edge gets one
 * seeded uniform weight in 1..10000 for both directions
 * (tnet_dimacs_load_topology, seed --seed). Per graph, four lines: sssp
 * (the batch Dijkstra kernel, as in bench-sssp) and phast against igraph one-to-all, p2p-ch against igraph's
 * single-pair query, and the CH build time. */
#include "bench-common.h"
#include <stdio.h>

int
main (int argc, char **argv)
{
  BenchArgs a;
  bench_args_parse (&a, &argc, &argv, "Growth of query time with n on the DIMACS USA topologies.",
                    20, 3);
  static const char *const all[] = { "NY", "BAY", "COL", "FLA", "NW", "NE", NULL };
  static const char *const quick[] = { "NY", "BAY", NULL };
  const char *const *names = a.rest && a.rest[0] ? (const char *const *) a.rest
                             : a.quick ? quick : all;
  for (const char *const *name = names; *name; name++)
    {
      BenchGraph *g = bench_graph_load_topology (*name, (guint32) a.seed, 10000);
      GError *error = NULL;
      double t0 = bench_now_ms ();
      TnetCH *ch = tnet_ch_build (g->metric, NULL, &error);
      double build_ms = bench_now_ms () - t0;
      if (!ch)
        g_error ("%s", error->message);
      guint n = tnet_graph_n_nodes (g->graph);
      int nq = a.queries;
      TnetId *pairs = bench_random_nodes (n, 2 * (guint) nq, (guint32) a.seed);
      TnetCHQuery *q = tnet_ch_query_new (ch);
      TnetWeight *row = g_new (TnetWeight, n), *mine = g_new (TnetWeight, n);
      TnetWeight *dij = g_new (TnetWeight, n);
      double *t_dij = g_new (double, nq), *t_ph = g_new (double, nq), *t_ig = g_new (double, nq);
      double *t_igp = g_new (double, nq);
      gboolean ok_dij = TRUE, ok_ph = TRUE, ok_ch = TRUE;
      for (int k = 0; k < nq; k++)
        {
          TnetId u = pairs[2 * k], v = pairs[2 * k + 1];
          t_ig[k] = bench_igraph_one_to_all (g, u, row);
          double t1 = bench_now_ms ();
          if (!tnet_batch_one_to_all (g->metric, NULL, &u, 1, TNET_FORWARD, 1, dij, NULL, NULL,
                                      &error))
            g_error ("%s", error->message);
          double t2 = bench_now_ms ();
          tnet_ch_query_one_to_all (q, u, TNET_FORWARD, mine);
          double t3 = bench_now_ms ();
          TnetWeight d = tnet_ch_query_distance (q, u, v);
          t_dij[k] = t2 - t1;
          t_ph[k] = t3 - t2;
          ok_dij &= memcmp (dij, row, n * sizeof (TnetWeight)) == 0;
          ok_ph &= memcmp (mine, row, n * sizeof (TnetWeight)) == 0;
          TnetWeight want;
          t_igp[k] = bench_igraph_pair (g, u, v, &want);
          ok_ch &= d == want && want == row[v];
        }
      /* CH point-to-point, cold: 1000 distinct pairs of another seed, each
       * asked once, timed as a whole (one query is below the clock's
       * resolution) */
      TnetId *cold = bench_random_nodes (n, 2000, (guint32) a.seed + 1);
      TnetWeight sink = 0;
      double c0 = bench_now_ms ();
      for (int k = 0; k < 1000; k++)
        sink += tnet_ch_query_distance (q, cold[2 * k], cold[2 * k + 1]);
      double ch_mean = (bench_now_ms () - c0) / 1000;
      (void) sink;
      g_free (cold);
      double ig = bench_median (t_ig, nq);
      char extra[96];
      g_snprintf (extra, sizeof extra, ",\"weights\":\"seeded uniform 1..10000\",\"seed\":%d",
                  a.seed);
      bench_json ("growth-sssp", g, nq, bench_median (t_dij, nq), ig, ok_dij, extra);
      bench_json ("growth-phast", g, nq, bench_median (t_ph, nq), ig, ok_ph, extra);
      bench_json ("growth-p2p-ch", g, nq, ch_mean, bench_median (t_igp, nq),
                  ok_ch, extra);
      printf ("{\"bench\":\"growth-build\",\"graph\":\"%s\",\"n\":%u,\"m\":%u,\"ours_ms\":%.1f,"
              "\"ch_arcs\":%" G_GUINT64_FORMAT "}\n", g->name, n, tnet_graph_n_arcs (g->graph),
              build_ms, tnet_ch_n_arcs (ch));
      fflush (stdout);
      g_free (t_dij);
      g_free (t_ph);
      g_free (t_ig);
      g_free (t_igp);
      g_free (row);
      g_free (mine);
      g_free (dij);
      g_free (pairs);
      tnet_ch_query_free (q);
      tnet_ch_unref (ch);
      bench_graph_free (g);
    }
  return bench_status ();
}
