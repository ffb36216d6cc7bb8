/* bench-routingkit.c: tnet's contraction hierarchy against RoutingKit's
 * (the peer) on the identical arcs: the Porto car graph of tnet's OSM
 * import and the DIMACS FLA topology with seeded weights (as
 * bench-growth). Built only with meson -Droutingkit=PATH. Lines, each with
 * "peer":"routingkit", ratio = peer_ms / ours_ms and "agree" from comparing
 * every distance both computed:
 *   rk-build    CH preprocessing, one thread, runs alternating which side
 *               goes first; medians
 *   rk-p2p-cold 1000 distinct random pairs per run, each asked once (a new
 *               seed every run, so no pair is seen twice); the mean per
 *               query of a run, median over the runs
 *   rk-one-to-all  tnet PHAST against the peer's pinned-target search with
 *               every node pinned; median per source
 *   rk-matrix   1000 x 1000: tnet buckets against the peer's pinned
 *               targets, one source after the other; the whole matrix
 *   customize   (tnet only) a closure of 100 random arcs applied by
 *               tnet_ch_customize, against a fresh tnet_ch_build of the
 *               closed metric and against answering by bidirectional
 *               Dijkstra ("dijkstra_query_ms")
 *   cch-customize (tnet only) the same closure applied by
 *               tnet_cch_customize on a CCH built once (cch_build_ms),
 *               against tnet_ch_customize ("recontract") and a fresh build
 *               in the same runs; then point-to-point (each pair once) and
 *               PHAST on the customised CCH against the rebuilt CH of the
 *               closed metric, agreeing with it and with Dijkstra */
#include "bench-common.h"
#include "rk-shim.h"
#include <stdio.h>
#include <time.h>

static double
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
line (const char *bench, const BenchGraph *g, int runs, int queries, double ours, double peer,
      gboolean agree, const char *extra)
{
  printf ("{\"bench\":\"%s\",\"peer\":\"routingkit\",\"graph\":\"%s\",\"n\":%u,\"m\":%u,"
          "\"runs\":%d,\"queries\":%d,\"ours_ms\":%.4f,\"peer_ms\":%.4f,\"ratio\":%.2f,"
          "\"agree\":%s%s}\n", bench, g->name, tnet_graph_n_nodes (g->graph),
          tnet_graph_n_arcs (g->graph), runs, queries, ours, peer, peer / ours,
          agree ? "true" : "false", extra ? extra : "");
  fflush (stdout);
  bench_note_agree (agree);
}

static void
run_graph (BenchGraph *g, int runs, guint32 seed, gboolean quick)
{
  GError *error = NULL;
  guint n = tnet_graph_n_nodes (g->graph), m = tnet_graph_n_arcs (g->graph);
  unsigned *tails = g_new (unsigned, m), *heads = g_new (unsigned, m), *w = g_new (unsigned, m);
  for (guint k = 0; k < m; k++)
    {
      tails[k] = tnet_graph_arc_tail (g->graph, k);
      heads[k] = tnet_graph_arc_head (g->graph, k);
      w[k] = tnet_metric_weight (g->metric, k);
    }
  /* build, alternating which side runs first */
  double *t_ours = g_new (double, runs), *t_peer = g_new (double, runs);
  TnetCH *ch = NULL;
  RkCH *rk = NULL;
  for (int r = 0; r < runs; r++)
    for (int side = 0; side < 2; side++)
      {
        if ((side ^ (r & 1)) == 0)
          {
            tnet_ch_unref (ch);
            double t0 = now_ms ();
            ch = tnet_ch_build (g->metric, NULL, &error);
            t_ours[r] = now_ms () - t0;
            if (!ch)
              g_error ("%s", error->message);
          }
        else
          {
            if (rk)
              rk_ch_free (rk);
            double t0 = now_ms ();
            rk = rk_ch_build (n, m, tails, heads, w);
            t_peer[r] = now_ms () - t0;
          }
      }
  TnetCHQuery *q = tnet_ch_query_new (ch);
  RkQuery *rq = rk_query_new (rk);
  /* agreement of the two hierarchies on 200 pairs, checked in the p2p runs */
  char extra[160];
  g_snprintf (extra, sizeof extra, ",\"ours_ch_arcs\":%" G_GUINT64_FORMAT
              ",\"peer_ch_arcs\":%llu,\"stat\":\"median\"", tnet_ch_n_arcs (ch), rk_ch_arcs (rk));
  double build_ours = bench_median (t_ours, runs), build_peer = bench_median (t_peer, runs);

  /* cold point-to-point */
  const int npairs = quick ? 100 : 1000;
  const int prun = quick ? 2 : MAX (runs, 5);
  double *p_ours = g_new (double, prun), *p_peer = g_new (double, prun);
  gboolean ok_p2p = TRUE;
  TnetWeight *d_ours = g_new (TnetWeight, npairs), *d_peer = g_new (TnetWeight, npairs);
  for (int r = 0; r < prun; r++)
    {
      TnetId *pairs = bench_random_nodes (n, 2 * (guint) npairs, seed + 1000 + (guint32) r);
      for (int side = 0; side < 2; side++)
        {
          double t0 = now_ms ();
          if ((side ^ (r & 1)) == 0)
            {
              for (int k = 0; k < npairs; k++)
                d_ours[k] = tnet_ch_query_distance (q, pairs[2 * k], pairs[2 * k + 1]);
              p_ours[r] = (now_ms () - t0) / npairs;
            }
          else
            {
              for (int k = 0; k < npairs; k++)
                d_peer[k] = rk_query_distance (rq, pairs[2 * k], pairs[2 * k + 1]);
              p_peer[r] = (now_ms () - t0) / npairs;
            }
        }
      for (int k = 0; k < npairs; k++)
        ok_p2p &= d_ours[k] == MIN (d_peer[k], TNET_WEIGHT_INF);
      g_free (pairs);
    }
  line ("rk-build", g, runs, 1, build_ours, build_peer, ok_p2p, extra);
  line ("rk-p2p-cold", g, prun, npairs, bench_median (p_ours, prun), bench_median (p_peer, prun),
        ok_p2p, ",\"stat\":\"median over runs of the mean per query; each pair once\"");

  /* one-to-all: PHAST against every node pinned */
  const int nsrc = quick ? 3 : 10;
  TnetId *src = bench_random_nodes (n, (guint) nsrc, seed + 7);
  unsigned *all = g_new (unsigned, n);
  for (guint v = 0; v < n; v++)
    all[v] = v;
  TnetWeight *row = g_new (TnetWeight, n);
  unsigned *prow = g_new (unsigned, n);
  double *o_ours = g_new (double, nsrc), *o_peer = g_new (double, nsrc);
  gboolean ok_all = TRUE;
  rk_query_pin_targets (rq, all, n);
  for (int i = 0; i < nsrc; i++)
    {
      double t0 = now_ms ();
      tnet_ch_query_one_to_all (q, src[i], TNET_FORWARD, row);
      double t1 = now_ms ();
      rk_query_to_pinned (rq, src[i], prow);
      double t2 = now_ms ();
      o_ours[i] = t1 - t0;
      o_peer[i] = t2 - t1;
      for (guint v = 0; v < n; v++)
        ok_all &= row[v] == MIN (prow[v], TNET_WEIGHT_INF);
    }
  line ("rk-one-to-all", g, 1, nsrc, bench_median (o_ours, nsrc), bench_median (o_peer, nsrc),
        ok_all, ",\"stat\":\"median per source\"");

  /* matrix */
  const guint k = quick ? 100 : 1000;
  TnetId *ms = bench_random_nodes (n, k, seed + 11), *mt = bench_random_nodes (n, k, seed + 13);
  TnetWeight *mat = g_new (TnetWeight, (gsize) k * k);
  unsigned *pmat = g_new (unsigned, (gsize) k * k);
  double t0 = now_ms ();
  tnet_ch_query_many_to_many (q, ms, k, mt, k, mat);
  double t1 = now_ms ();
  rk_query_pin_targets (rq, mt, k);
  for (guint i = 0; i < k; i++)
    rk_query_to_pinned (rq, ms[i], pmat + (gsize) i * k);
  double t2 = now_ms ();
  gboolean ok_mat = TRUE;
  for (gsize c = 0; c < (gsize) k * k; c++)
    ok_mat &= mat[c] == MIN (pmat[c], TNET_WEIGHT_INF);
  line ("rk-matrix", g, 1, (int) (k * k), t1 - t0, t2 - t1, ok_mat, ",\"stat\":\"whole matrix\"");

  /* customisation: 100 closed arcs */
  TnetId *closed = bench_random_nodes (m, 100, seed + 17);
  TnetWeight *w2 = g_new (TnetWeight, m);
  for (guint a = 0; a < m; a++)
    w2[a] = w[a];
  for (int i = 0; i < 100; i++)
    w2[closed[i]] = TNET_WEIGHT_MAX;
  TnetMetric *m2 = tnet_metric_new (g->graph, w2, &error);
  if (!m2)
    g_error ("%s", error->message);
  int crun = quick ? 1 : runs;
  double *c_cus = g_new (double, crun), *c_reb = g_new (double, crun);
  double *c_cch = g_new (double, crun);
  TnetCH *cus = NULL, *reb = NULL, *ccus = NULL;
  /* the CCH's metric-independent part, once */
  double p0 = now_ms ();
  TnetCCH *cch = tnet_cch_new (g->graph, &error);
  double cch_build_ms = now_ms () - p0;
  if (!cch)
    g_error ("%s", error->message);
  for (int r = 0; r < crun; r++)
    {
      tnet_ch_unref (cus);
      tnet_ch_unref (reb);
      tnet_ch_unref (ccus);
      double a0 = now_ms ();
      cus = tnet_ch_customize (ch, m2, NULL, &error);
      double a1 = now_ms ();
      reb = tnet_ch_build (m2, NULL, &error);
      double a2 = now_ms ();
      ccus = tnet_cch_customize (cch, m2, &error);
      double a3 = now_ms ();
      if (!cus || !reb || !ccus)
        g_error ("%s", error->message);
      c_cus[r] = a1 - a0;
      c_reb[r] = a2 - a1;
      c_cch[r] = a3 - a2;
    }
  TnetCHQuery *cq = tnet_ch_query_new (cus);
  TnetBidir *bd = tnet_bidir_new (g->graph);
  TnetId *cp = bench_random_nodes (n, 200, seed + 19);
  gboolean ok_c = TRUE;
  double dij = 0, chq = 0;
  for (int i = 0; i < 100; i++)
    {
      double b0 = now_ms ();
      TnetWeight want = tnet_bidir_run (bd, m2, cp[2 * i], cp[2 * i + 1]);
      double b1 = now_ms ();
      TnetWeight got = tnet_ch_query_distance (cq, cp[2 * i], cp[2 * i + 1]);
      double b2 = now_ms ();
      dij += b1 - b0;
      chq += b2 - b1;
      ok_c &= want == got;
    }
  double cus_ms = bench_median (c_cus, crun), reb_ms = bench_median (c_reb, crun);
  printf ("{\"bench\":\"customize\",\"graph\":\"%s\",\"n\":%u,\"m\":%u,\"runs\":%d,"
          "\"closed_arcs\":100,\"customize_ms\":%.1f,\"rebuild_ms\":%.1f,"
          "\"ratio_rebuild\":%.2f,\"dijkstra_query_ms\":%.3f,\"ch_query_ms\":%.4f,"
          "\"break_even_queries\":%.0f,\"agree\":%s}\n",
          g->name, n, m, crun, cus_ms, reb_ms, reb_ms / cus_ms, dij / 100, chq / 100,
          cus_ms / MAX (dij / 100 - chq / 100, 1e-6), ok_c ? "true" : "false");
  fflush (stdout);
  bench_note_agree (ok_c);

  /* the customised CCH: Dijkstra on the same pairs, then query times
   * against the rebuilt CH of the same metric */
  TnetCHQuery *ccq = tnet_ch_query_new (ccus), *rq2 = tnet_ch_query_new (reb);
  gboolean ok_cch = TRUE;
  for (int i = 0; i < 100; i++)
    ok_cch &= tnet_bidir_run (bd, m2, cp[2 * i], cp[2 * i + 1])
              == tnet_ch_query_distance (ccq, cp[2 * i], cp[2 * i + 1]);
  const int qrun = quick ? 2 : 5;
  double *q_cch = g_new (double, qrun), *q_ch = g_new (double, qrun);
  for (int r = 0; r < qrun; r++)
    {
      TnetId *pairs = bench_random_nodes (n, 2 * (guint) npairs, seed + 3000 + (guint32) r);
      for (int side = 0; side < 2; side++)
        {
          double t0q = now_ms ();
          if ((side ^ (r & 1)) == 0)
            {
              for (int k2 = 0; k2 < npairs; k2++)
                d_ours[k2] = tnet_ch_query_distance (ccq, pairs[2 * k2], pairs[2 * k2 + 1]);
              q_cch[r] = (now_ms () - t0q) / npairs;
            }
          else
            {
              for (int k2 = 0; k2 < npairs; k2++)
                d_peer[k2] = tnet_ch_query_distance (rq2, pairs[2 * k2], pairs[2 * k2 + 1]);
              q_ch[r] = (now_ms () - t0q) / npairs;
            }
        }
      for (int k2 = 0; k2 < npairs; k2++)
        ok_cch &= d_ours[k2] == d_peer[k2];
      g_free (pairs);
    }
  double *o_cch = g_new (double, nsrc), *o_ch = g_new (double, nsrc);
  TnetWeight *row2 = g_new (TnetWeight, n);
  for (int i = 0; i < nsrc; i++)
    {
      double t0o = now_ms ();
      tnet_ch_query_one_to_all (ccq, src[i], TNET_FORWARD, row);
      double t1o = now_ms ();
      tnet_ch_query_one_to_all (rq2, src[i], TNET_FORWARD, row2);
      double t2o = now_ms ();
      o_cch[i] = t1o - t0o;
      o_ch[i] = t2o - t1o;
      ok_cch &= memcmp (row, row2, n * sizeof (TnetWeight)) == 0;
    }
  double cch_ms = bench_median (c_cch, crun);
  double qc = bench_median (q_cch, qrun), qh = bench_median (q_ch, qrun);
  printf ("{\"bench\":\"cch-customize\",\"graph\":\"%s\",\"n\":%u,\"m\":%u,\"runs\":%d,"
          "\"closed_arcs\":100,\"cch_build_ms\":%.1f,\"cch_arcs\":%" G_GUINT64_FORMAT
          ",\"cch_triangles\":%" G_GUINT64_FORMAT ",\"cch_ch_arcs\":%" G_GUINT64_FORMAT
          ",\"ch_arcs\":%" G_GUINT64_FORMAT ",\"customize_ms\":%.1f,\"recontract_ms\":%.1f,"
          "\"rebuild_ms\":%.1f,\"ratio_rebuild\":%.2f,\"ratio_recontract\":%.2f,"
          "\"dijkstra_query_ms\":%.3f,\"cch_query_ms\":%.4f,\"ch_query_ms\":%.4f,"
          "\"query_slowdown\":%.2f,\"cch_phast_ms\":%.2f,\"ch_phast_ms\":%.2f,"
          "\"break_even_queries\":%.0f,\"agree\":%s,"
          "\"stat\":\"medians; customize, recontract and rebuild paired per run\"}\n",
          g->name, n, m, crun, cch_build_ms, tnet_cch_n_arcs (cch), tnet_cch_n_triangles (cch),
          tnet_ch_n_arcs (ccus), tnet_ch_n_arcs (reb), cch_ms, cus_ms, reb_ms, reb_ms / cch_ms,
          cus_ms / cch_ms, dij / 100, qc, qh, qc / qh, bench_median (o_cch, nsrc),
          bench_median (o_ch, nsrc), cch_ms / MAX (dij / 100 - qc, 1e-6),
          ok_cch ? "true" : "false");
  fflush (stdout);
  bench_note_agree (ok_cch);
  g_free (row2);
  g_free (o_cch);
  g_free (o_ch);
  g_free (q_cch);
  g_free (q_ch);
  tnet_ch_query_free (ccq);
  tnet_ch_query_free (rq2);
  tnet_ch_unref (ccus);
  tnet_ch_unref (reb);
  tnet_cch_unref (cch);
  g_free (c_cch);

  g_free (cp);
  tnet_bidir_free (bd);
  tnet_ch_query_free (cq);
  tnet_ch_unref (cus);
  g_free (c_cus);
  g_free (c_reb);
  tnet_metric_unref (m2);
  g_free (w2);
  g_free (closed);
  g_free (mat);
  g_free (pmat);
  g_free (ms);
  g_free (mt);
  g_free (o_ours);
  g_free (o_peer);
  g_free (row);
  g_free (prow);
  g_free (all);
  g_free (src);
  g_free (d_ours);
  g_free (d_peer);
  g_free (p_ours);
  g_free (p_peer);
  g_free (t_ours);
  g_free (t_peer);
  rk_query_free (rq);
  tnet_ch_query_free (q);
  rk_ch_free (rk);
  tnet_ch_unref (ch);
  g_free (tails);
  g_free (heads);
  g_free (w);
}

int
main (int argc, char **argv)
{
  BenchArgs a;
  bench_args_parse (&a, &argc, &argv,
                    "tnet's CH against RoutingKit's on Porto and FLA.\n"
                    "--queries sets the number of build runs; name porto and/or FLA to run fewer.",
                    3, 1);
  static const char *const all[] = { "porto", "FLA", NULL };
  const char *const *names = a.rest && a.rest[0] ? (const char *const *) a.rest : all;
  for (const char *const *name = names; *name; name++)
    {
      BenchGraph *g = strcmp (*name, "porto") == 0
                      ? bench_graph_load ("porto")
                      : bench_graph_load_topology (*name, (guint32) a.seed, 10000);
      run_graph (g, a.queries, (guint32) a.seed, a.quick);
      bench_graph_free (g);
    }
  return bench_status ();
}
