/* bench-criticality.c: the link-failure criticality scan against the naive
 * scan (every link removed in turn, every origin searched in full).
 *
 * Usage: bench-criticality [--graph porto|rome99] [--queries PAIRS]
 *                          [--seed S] [--threads T] [--quick] [N_SAMPLED_LINKS]
 *
 * Graph: "porto" (default) is the Porto car graph built by the project's own
 * OSM import (shared/data/osm-porto-r5, car modes = road modes + access,
 * travel-time metric); its elements are network links (both arcs of a
 * two-way street fail together). "rome99" is the DIMACS graph; its elements
 * are arcs.
 *
 * OD pairs: the largest strongly connected component is found first (the
 * component of a seeded random node, forward ∩ backward reachable, retried
 * until it holds more than half of the nodes); then PAIRS/10 seeded random
 * origins in it, each with 10 seeded random destinations in it (PAIRS pairs
 * in all; origins and destinations distinct).
 *
 * Naive scan: for an element, a metric in which its arcs weigh
 * TNET_WEIGHT_MAX is built (outside the timer), then one full one-to-all
 * search per distinct origin with the library's Dijkstra (timed). A
 * distance >= TNET_WEIGHT_MAX means the removed element was unavoidable:
 * the pair is cut. This is exactly the distance in the graph without the
 * element (any path through it costs at least TNET_WEIGHT_MAX, and real
 * distances are far below). It is run on N_SAMPLED_LINKS seeded random
 * elements (a quarter of them taken from the scan's ranked items, so that
 * elements with a loss are checked too) and its mean time per element is
 * scaled to all elements; the output says so (naive_scaled,
 * naive_sampled_links). The scan's times must equal the naive ones on every
 * sampled element and pair (agree).
 *
 * --threads: the scan's threads (default 1, like the naive scan).
 * --quick (the `meson test --benchmark` run): 10 pairs, 20 sampled links.
 * Prints one JSON line last.
 */
#include "bench-common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Marks in @in the nodes reached from @src in direction @dir. */
static guint
reach (TnetSearch *s, const TnetMetric *metric, TnetId src, TnetDirection dir, guint8 *in,
       guint8 bit)
{
  tnet_search_run (s, metric, src, dir, TNET_WEIGHT_INF, TNET_ID_NONE);
  guint k = tnet_search_n_settled (s);
  for (guint i = 0; i < k; i++)
    in[tnet_search_settled_node (s, i)] |= bit;
  return k;
}

int
main (int argc, char **argv)
{
  BenchArgs a = { .queries = -1, .seed = 42, .threads = 0 };
  bench_args_parse (&a, &argc, &argv,
                    "Criticality scan of every link against the naive scan (sampled)",
                    100, 10);
  if (strcmp (a.graph, "all") == 0)
    {
      g_free (a.graph);
      a.graph = g_strdup ("porto");
    }
  guint n_pairs = (guint) a.queries;
  guint n_sample = a.rest && a.rest[0] ? (guint) atoi (a.rest[0]) : (a.quick ? 20 : 200);
  n_sample = MAX (1u, n_sample);
  BenchGraph *g = bench_graph_load (a.graph);
  gboolean by_link = strcmp (a.graph, "porto") == 0;
  TnetGraph *graph = g->graph;
  guint n = tnet_graph_n_nodes (graph), m = tnet_graph_n_arcs (graph);

  /* elements: links (porto) or arcs (rome99), numbered as the scan does */
  g_autofree TnetId *arc_elem = g_new (TnetId, m);
  guint n_elem = 0;
  for (guint e = 0; e < m; e++)
    {
      /* synthetic arcs (no link) are never removed */
      arc_elem[e] = by_link ? tnet_graph_arc_link (graph, e) : e;
      if (arc_elem[e] != TNET_ID_NONE)
        n_elem = MAX (n_elem, arc_elem[e] + 1);
    }
  /* elements that exist (a link index may be absent when its mode is off) */
  g_autofree guint8 *elem_used = g_new0 (guint8, n_elem);
  guint n_used = 0;
  for (guint e = 0; e < m; e++)
    if (arc_elem[e] != TNET_ID_NONE && !elem_used[arc_elem[e]])
      {
        elem_used[arc_elem[e]] = 1;
        n_used++;
      }
  g_autofree TnetId *used_list = g_new (TnetId, n_used);
  for (guint e = 0, k = 0; e < n_elem; e++)
    if (elem_used[e])
      used_list[k++] = e;

  /* the largest strongly connected component */
  GRand *rand = g_rand_new_with_seed ((guint32) a.seed);
  g_autofree guint8 *in = g_new0 (guint8, n);
  g_autoptr (TnetSearch) search = tnet_search_new (graph);
  guint scc = 0;
  for (int tries = 0; tries < 50 && scc * 2 <= n; tries++)
    {
      memset (in, 0, n);
      TnetId c = (TnetId) g_rand_int_range (rand, 0, (gint32) n);
      reach (search, g->metric, c, TNET_FORWARD, in, 1);
      reach (search, g->metric, c, TNET_BACKWARD, in, 2);
      scc = 0;
      for (guint v = 0; v < n; v++)
        scc += in[v] == 3;
    }
  g_autofree TnetId *members = g_new (TnetId, MAX (scc, 1u));
  for (guint v = 0, k = 0; v < n; v++)
    if (in[v] == 3)
      members[k++] = v;

  /* OD pairs: n_orig origins × 10 destinations */
  guint per = MIN (10u, n_pairs);
  guint n_orig = (n_pairs + per - 1) / per;
  g_autofree TnetId *po = g_new (TnetId, n_pairs);
  g_autofree TnetId *pd = g_new (TnetId, n_pairs);
  g_autofree TnetId *origins = g_new (TnetId, n_orig);
  for (guint o = 0; o < n_orig; o++)
    origins[o] = members[g_rand_int_range (rand, 0, (gint32) scc)];
  for (guint p = 0; p < n_pairs; p++)
    {
      po[p] = origins[p / per];
      do
        pd[p] = members[g_rand_int_range (rand, 0, (gint32) scc)];
      while (pd[p] == po[p]);
    }

  /* ours */
  guint threads = (guint) MAX (1, a.threads);   /* default 1: the naive scan runs on one */
  double t0 = bench_now_ms ();
  TnetCriticalityOptions copts;
  tnet_criticality_options_init (&copts);
  copts.n_threads = threads;
  g_autoptr (TnetCriticality) crit = tnet_criticality_scan (graph, g->metric, arc_elem, n_elem,
                                                            po, pd, n_pairs, NULL,
                                                            TNET_WEIGHT_INF, &copts, NULL);
  double ours_ms = bench_now_ms () - t0;

  /* naive, sampled */
  g_autofree TnetWeight *w = g_new (TnetWeight, m);
  for (guint e = 0; e < m; e++)
    w[e] = tnet_metric_weight (g->metric, e);
  double naive_sample_ms = 0;
  gboolean agree = TRUE;
  guint checked = 0, n_cut_seen = 0, n_slower_seen = 0;
  for (guint s = 0; s < n_sample; s++)
    {
      TnetId gone = used_list[g_rand_int_range (rand, 0, (gint32) n_used)];
      if (s % 4 == 0 && tnet_criticality_n_items (crit) > 0)
        gone = tnet_criticality_item (crit, g_rand_int_range (rand, 0, (gint32)
                                      tnet_criticality_n_items (crit)))->element;
      for (guint e = 0; e < m; e++)
        if (arc_elem[e] == gone)
          w[e] = TNET_WEIGHT_MAX;
      g_autoptr (TnetMetric) m2 = tnet_metric_new (graph, w, NULL);
      for (guint e = 0; e < m; e++)
        if (arc_elem[e] == gone)
          w[e] = tnet_metric_weight (g->metric, e);
      double t1 = bench_now_ms ();
      for (guint o = 0; o < n_orig; o++)
        {
          tnet_search_run (search, m2, origins[o], TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
          for (guint p = o * per; p < MIN (n_pairs, (o + 1) * per); p++)
            {
              TnetWeight d = tnet_search_distance (search, pd[p]);
              if (d >= TNET_WEIGHT_MAX)
                d = TNET_WEIGHT_INF;
              TnetWeight ours = tnet_criticality_element_time (crit, gone, p);
              checked++;
              n_cut_seen += d == TNET_WEIGHT_INF;
              n_slower_seen += d != tnet_criticality_base_time (crit, p);
              if (d != ours)
                {
                  if (agree)
                    fprintf (stderr, "disagree: element %u pair %u: naive %u scan %u\n",
                             gone, p, d, ours);
                  agree = FALSE;
                }
            }
        }
      naive_sample_ms += bench_now_ms () - t1;
    }
  double naive_ms = naive_sample_ms / n_sample * n_used;
  g_rand_free (rand);
  fprintf (stderr,
           "criticality %s: n=%u m=%u, %u elements (%s); largest SCC %u nodes; %u pairs "
           "(%u origins x %u destinations); %u elements on a shortest path, %u with a loss; "
           "%u threads; naive scan timed on %u sampled elements (%.1f ms each) and scaled "
           "to %u; %u pair checks, %u slower, %u cut; graph load %.1f s\n",
           g->name, n, m, n_used, by_link ? "links" : "arcs", scc, n_pairs, n_orig, per,
           tnet_criticality_n_candidates (crit), tnet_criticality_n_items (crit), threads,
           n_sample, naive_sample_ms / n_sample, n_used, checked, n_slower_seen, n_cut_seen,
           g->load_s);
  printf ("{\"bench\":\"criticality\",\"graph\":\"%s\",\"n\":%u,\"m\":%u,\"pairs\":%u,"
          "\"threads\":%u,\"ours_ms\":%.1f,\"naive_ms\":%.1f,\"ratio\":%.1f,\"agree\":%s,"
          "\"naive_sampled_links\":%u,\"naive_scaled\":true}\n", g->name, n, m, n_pairs,
          threads, ours_ms, naive_ms, naive_ms / ours_ms, agree ? "true" : "false", n_sample);
  bench_graph_free (g);
  g_strfreev (a.rest);
  g_free (a.graph);
  return agree ? 0 : 1;
}
