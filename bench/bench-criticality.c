/* bench-criticality.c: the link-failure criticality scan against the naive
 * scan (every link removed in turn, every origin searched in full).
 *
 * Usage: bench-criticality [GRAPH.gr] [N_PAIRS] [N_SAMPLED_LINKS]
 * Default graph: ../shared/data/dimacs9-rome99/rome99.gr (the Porto car
 * graph needs the OSM import; pass its DIMACS export when available).
 * The naive scan is run on a seeded random sample of links (the graph
 * rebuilt without the link, outside the timer; then one full one-to-all
 * search per distinct origin) and scaled to all links; the output says so.
 * Results must agree exactly on every sampled link and pair. Prints one
 * JSON line last.
 */
#include <tnet/tnet.h>
#include <stdio.h>
#include <stdlib.h>

static double
now_ms (void)
{
  return (double) g_get_monotonic_time () / 1000.0;
}

int
main (int argc, char **argv)
{
  const char *shared = g_getenv ("TNET_SHARED_DATA");
  g_autofree char *dflt = g_build_filename (shared ? shared : "../shared/data",
                                            "dimacs9-rome99", "rome99.gr", NULL);
  const char *path = argc > 1 ? argv[1] : dflt;
  guint n_pairs = argc > 2 ? (guint) atoi (argv[2]) : 100;
  guint n_sample = argc > 3 ? (guint) atoi (argv[3]) : 200;
  GError *error = NULL;
  g_autoptr (TnetArcList) arcs = tnet_dimacs_load (path, NULL, &error);
  if (arcs == NULL)
    {
      fprintf (stderr, "bench-criticality: %s\n", error->message);
      return 1;
    }
  g_autoptr (TnetGraph) graph = tnet_graph_new_from_arcs (arcs->n_nodes, arcs->n_arcs, arcs->tails,
                                                          arcs->heads, NULL, arcs->lonlat, &error);
  g_autoptr (TnetMetric) metric = graph ? tnet_metric_new (graph, arcs->weights, &error) : NULL;
  if (metric == NULL)
    {
      fprintf (stderr, "bench-criticality: %s\n", error->message);
      return 1;
    }
  guint n = arcs->n_nodes, m = arcs->n_arcs;

  /* OD pairs: 10 origins × (n_pairs / 10) destinations, seeded */
  GRand *rand = g_rand_new_with_seed (20250101);
  guint n_orig = MAX (1u, n_pairs / 10);
  g_autofree TnetId *po = g_new (TnetId, n_pairs);
  g_autofree TnetId *pd = g_new (TnetId, n_pairs);
  TnetId origins[1024];
  for (guint i = 0; i < n_orig && i < 1024; i++)
    origins[i] = (TnetId) g_rand_int_range (rand, 0, (gint32) n);
  for (guint p = 0; p < n_pairs; p++)
    {
      po[p] = origins[p % n_orig];
      pd[p] = (TnetId) g_rand_int_range (rand, 0, (gint32) n);
    }

  /* ours (element = arc: DIMACS arcs carry no link) */
  guint threads = g_get_num_processors ();
  double t0 = now_ms ();
  g_autoptr (TnetCriticality) crit = tnet_criticality_scan (graph, metric, NULL, 0, po, pd,
                                                            n_pairs, NULL, TNET_WEIGHT_INF,
                                                            threads);
  double ours_ms = now_ms () - t0;

  /* naive, sampled */
  g_autofree TnetId *t2 = g_new (TnetId, m);
  g_autofree TnetId *h2 = g_new (TnetId, m);
  g_autofree TnetWeight *w2 = g_new (TnetWeight, m);
  double naive_sample_ms = 0;
  gboolean agree = TRUE;
  guint checked_pairs = 0;
  for (guint s = 0; s < n_sample; s++)
    {
      TnetId gone = (TnetId) g_rand_int_range (rand, 0, (gint32) m);
      /* every few samples, take an arc the scan ranked, so that links with
       * a loss are checked too */
      if (s % 4 == 0 && tnet_criticality_n_items (crit) > 0)
        gone = tnet_criticality_item (crit, s % tnet_criticality_n_items (crit))->element;
      guint k = 0;
      for (guint a = 0; a < m; a++)
        if (a != gone)
          {
            t2[k] = arcs->tails[a];
            h2[k] = arcs->heads[a];
            w2[k++] = arcs->weights[a];
          }
      g_autoptr (TnetGraph) g2 = tnet_graph_new_from_arcs (n, k, t2, h2, NULL, arcs->lonlat, NULL);
      g_autoptr (TnetMetric) m2 = tnet_metric_new (g2, w2, NULL);
      g_autoptr (TnetSearch) search = tnet_search_new (g2);
      double t1 = now_ms ();
      for (guint o = 0; o < n_orig; o++)
        {
          tnet_search_run (search, m2, origins[o], TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
          for (guint p = o; p < n_pairs; p += n_orig)
            {
              checked_pairs++;
              if (tnet_search_distance (search, pd[p])
                  != tnet_criticality_element_time (crit, gone, p))
                agree = FALSE;
            }
        }
      naive_sample_ms += now_ms () - t1;
    }
  double naive_ms = naive_sample_ms / n_sample * m;
  g_rand_free (rand);
  fprintf (stderr, "criticality scan: %u pairs (%u origins), %u of %u arcs on a shortest path, "
           "%u with a loss, %u threads; naive scan timed on %u sampled arcs and scaled to %u "
           "(%u pair checks)\n", n_pairs, n_orig, tnet_criticality_n_candidates (crit), m,
           tnet_criticality_n_items (crit), threads, n_sample, m, checked_pairs);
  g_autofree char *base = g_path_get_basename (path);
  printf ("{\"bench\":\"criticality\",\"graph\":\"%s\",\"n\":%u,\"m\":%u,\"pairs\":%u,"
          "\"threads\":%u,\"ours_ms\":%.1f,\"naive_ms\":%.1f,\"ratio\":%.1f,\"agree\":%s,"
          "\"naive_sampled_links\":%u,\"naive_scaled\":true}\n", base, n, m, n_pairs, threads,
          ours_ms, naive_ms, naive_ms / ours_ms, agree ? "true" : "false", n_sample);
  return agree ? 0 : 1;
}
