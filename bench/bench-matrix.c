/* bench-matrix.c: a SIZE × SIZE distance matrix (default 1000 × 1000) by
 * CH buckets against igraph's igraph_distances_dijkstra. igraph runs only
 * a sample of the sources (--sample, default 20) to all targets; its time
 * is scaled to SIZE sources, and the JSON line says so
 * ("igraph_sources_run", "igraph_scaled"). ours_ms and igraph_ms are for the
 * whole matrix ("queries": 1). Sampled rows are compared in full. */
#include "bench-common.h"
#include <stdio.h>

int
main (int argc, char **argv)
{
  BenchArgs a;
  bench_args_parse (&a, &argc, &argv,
                    "Many-to-many matrix: tnet CH buckets vs igraph (sampled, scaled).\n"
                    "--queries sets the matrix size (default 1000; --quick 200).", 1000, 200);
  guint size = (guint) a.queries, sample = MIN (size, a.quick ? 5u : 20u);
  for (const char *const *name = bench_graph_names (&a); *name; name++)
    {
      BenchGraph *g = bench_graph_load (*name);
      GError *error = NULL;
      TnetCH *ch = tnet_ch_build (g->metric, NULL, &error);
      if (!ch)
        g_error ("%s", error->message);
      guint n = tnet_graph_n_nodes (g->graph);
      TnetId *src = bench_random_nodes (n, size, (guint32) a.seed);
      TnetId *dst = bench_random_nodes (n, size, (guint32) a.seed + 1);
      TnetCHQuery *q = tnet_ch_query_new (ch);
      TnetWeight *mat = g_new (TnetWeight, (gsize) size * size);
      double ours[3];
      for (int rep = 0; rep < 3; rep++)
        {
          double t0 = bench_now_ms ();
          tnet_ch_query_many_to_many (q, src, size, dst, size, mat);
          ours[rep] = bench_now_ms () - t0;
        }
      TnetWeight *row = g_new (TnetWeight, n);
      double ig_total = 0;
      gboolean agree = TRUE;
      for (guint i = 0; i < sample; i++)
        {
          guint si = i * size / sample;
          ig_total += bench_igraph_one_to_all (g, src[si], row);
          for (guint j = 0; j < size; j++)
            agree &= mat[(gsize) si * size + j] == row[dst[j]];
        }
      double ig_scaled = ig_total / sample * size;
      char extra[160];
      g_snprintf (extra, sizeof extra,
                  ",\"size\":%u,\"igraph_sources_run\":%u,\"igraph_scaled\":true", size, sample);
      bench_json ("matrix", g, 1, bench_median (ours, 3), ig_scaled, agree, extra);
      g_free (row);
      g_free (mat);
      g_free (src);
      g_free (dst);
      tnet_ch_query_free (q);
      tnet_ch_unref (ch);
      bench_graph_free (g);
    }
  return bench_status ();
}
