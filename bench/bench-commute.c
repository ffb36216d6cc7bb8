/* bench-commute.c: the commute matrix of the report on the bundled data:
 * every Xuchang zone × the Zhengzhou destinations × the three profiles,
 * against igraph's Dijkstra on the same expanded graphs, same pairs.
 *
 * Usage: bench-commute [DATA_DIR] [REPEATS] [PORTO_N]
 * Default data: the source tree's data/xuchang (TNET_SOURCE_ROOT or ".").
 * Graph building (feed load + layered graphs) is timed apart from the
 * queries. Prints one JSON line per measurement last.
 *
 * Then, unless PORTO_N is 0 (default 1000): a
 * PORTO_N × PORTO_N commute matrix on the Porto car graph (the project's
 * own OSM import of osm-porto-r5/porto_portugal.osm.pbf under
 * $TNET_SHARED_DATA or ../shared/data next to the source root; when that
 * file is absent the benchmark names it and exits 77 (skipped),
 * multimodal car profile), origins and destinations seeded random nodes of
 * the largest strongly connected component, through
 * tnet_commute_compute_within() with many-to-many (its time includes the
 * hierarchy's build), against igraph_distances_dijkstra from a sample of
 * the origins to all destinations, scaled to all origins (the output says
 * so); the sampled rows must agree.
 */
#include <tnet/tnet.h>
#include "bench-common.h"
#include <tnet/tnet-igraph.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static double
now_ms (void)
{
  return (double) g_get_monotonic_time () / 1000.0;
}

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* The largest strongly connected component of the car graph, among the
 * network's nodes: forward and backward reach of seeded random roots until
 * one holds more than half of the nodes (or the best of 30 tries). */
static GArray *
largest_scc (TnetMultimodal *mm, guint n_net, GRand *rand)
{
  const TnetGraph *g = tnet_multimodal_get_graph (mm);
  const TnetMetric *metric = tnet_multimodal_get_metric (mm);
  g_autoptr (TnetSearch) fw = tnet_search_new (g);
  g_autoptr (TnetSearch) bw = tnet_search_new (g);
  GArray *best = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (int tries = 0; tries < 30 && best->len * 2 <= n_net; tries++)
    {
      TnetId root = (TnetId) g_rand_int_range (rand, 0, (gint32) n_net);
      tnet_search_run (fw, metric, root, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      tnet_search_run (bw, metric, root, TNET_BACKWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      g_autoptr (GArray) scc = g_array_new (FALSE, FALSE, sizeof (TnetId));
      for (TnetId v = 0; v < n_net; v++)
        if (tnet_search_distance (fw, v) != TNET_WEIGHT_INF
            && tnet_search_distance (bw, v) != TNET_WEIGHT_INF)
          g_array_append_val (scc, v);
      if (scc->len > best->len)
        {
          g_array_set_size (best, 0);
          g_array_append_vals (best, scc->data, scc->len);
        }
    }
  return best;
}

/* Distinct seeded random members of @pool. */
static GArray *
sample_nodes (const GArray *pool, guint count, GRand *rand)
{
  g_autofree TnetId *copy = g_memdup2 (pool->data, pool->len * sizeof (TnetId));
  count = MIN (count, pool->len);
  GArray *out = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (guint k = 0; k < count; k++)
    {
      guint j = k + (guint) g_rand_int_range (rand, 0, (gint32) (pool->len - k));
      TnetId t = copy[k];
      copy[k] = copy[j];
      copy[j] = t;
      g_array_append_val (out, copy[k]);
    }
  return out;
}

/* The Porto measurement; returns FALSE when a distance disagrees. */
static gboolean
bench_porto (guint count, int repeats)
{
  /* exits 77 (skipped), naming the file, when the Porto extract is absent */
  g_autofree char *path = bench_data_path ("osm-porto-r5/porto_portugal.osm.pbf");
  GError *error = NULL;
  double t0 = now_ms ();
  g_autoptr (TnetNetwork) net = tnet_network_load_osm (path, NULL, &error);
  if (!net)
    {
      fprintf (stderr, "bench-commute: %s\n", error->message);
      return FALSE;
    }
  double load_ms = now_ms () - t0;
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  t0 = now_ms ();
  g_autoptr (TnetMultimodal) mm = tnet_multimodal_build (net, scen, NULL, TNET_PROFILE_CAR,
                                                         NULL, &error);
  if (!mm)
    {
      fprintf (stderr, "bench-commute: %s\n", error->message);
      return FALSE;
    }
  double graph_ms = now_ms () - t0;
  GRand *rand = g_rand_new_with_seed (20261129);
  g_autoptr (GArray) scc = largest_scc (mm, tnet_network_n_nodes (net), rand);
  g_autoptr (GArray) origins = sample_nodes (scc, count, rand);
  g_autoptr (GArray) dests = sample_nodes (scc, count, rand);
  g_rand_free (rand);

  TnetCommuteOptions opts;
  tnet_commute_options_init (&opts);
  opts.method = TNET_COMMUTE_METHOD_M2M;
  opts.totals_only = TRUE;   /* the matrix igraph is compared with */
  double *times = g_new (double, repeats);
  TnetCommute *c = NULL;
  for (int r = 0; r < repeats; r++)
    {
      tnet_commute_free (c);
      double t = now_ms ();
      c = tnet_commute_compute_within (net, &mm, 1, (TnetId *) (void *) origins->data,
                                       origins->len, (TnetId *) (void *) dests->data,
                                       dests->len, TNET_COMMUTE_TO, tnet_weight_from_min (60),
                                       &opts, &error);
      times[r] = now_ms () - t;
      if (!c)
        {
          fprintf (stderr, "bench-commute: %s\n", error->message);
          return FALSE;
        }
    }
  qsort (times, repeats, sizeof (double), compare_double);
  double ours = times[repeats / 2];

  /* igraph from a sample of the origins to every destination, scaled */
  guint n_sample = MIN (origins->len, 20u);
  const TnetGraph *g = tnet_multimodal_get_graph (mm);
  gboolean agree = TRUE;
  guint64 within = 0;
  tnet_igraph_lock ();
  igraph_t ig;
  igraph_vector_t w;
  if (!tnet_graph_to_igraph (g, tnet_multimodal_get_metric (mm), &ig, &w, &error))
    {
      tnet_igraph_unlock ();
      fprintf (stderr, "bench-commute: %s\n", error->message);
      return FALSE;
    }
  igraph_vector_int_t from, to;
  igraph_vector_int_init (&from, n_sample);
  igraph_vector_int_init (&to, dests->len);
  for (guint o = 0; o < n_sample; o++)
    VECTOR (from)[o] = tnet_multimodal_origin_node (mm, g_array_index (origins, TnetId, o));
  for (guint d = 0; d < dests->len; d++)
    VECTOR (to)[d] = tnet_multimodal_destination_node (mm, g_array_index (dests, TnetId, d));
  igraph_matrix_t res;
  igraph_matrix_init (&res, 0, 0);
  double t = now_ms ();
  igraph_distances_dijkstra (&ig, &res, igraph_vss_vector (&from), igraph_vss_vector (&to), &w,
                             IGRAPH_OUT);
  double igraph_sample_ms = now_ms () - t;
  for (guint o = 0; o < n_sample; o++)
    for (guint d = 0; d < dests->len; d++)
      {
        double want = MATRIX (res, o, d);
        TnetWeight got = tnet_commute_cell (c, 0, o, d)->total_ms;
        if ((isfinite (want) ? (TnetWeight) want : TNET_WEIGHT_INF) != got)
          agree = FALSE;
      }
  igraph_matrix_destroy (&res);
  igraph_vector_int_destroy (&from);
  igraph_vector_int_destroy (&to);
  igraph_vector_destroy (&w);
  igraph_destroy (&ig);
  tnet_igraph_unlock ();
  for (guint o = 0; o < origins->len; o++)
    for (guint d = 0; d < dests->len; d++)
      within += tnet_commute_cell (c, 0, o, d)->total_ms <= 60 * 60000;
  double igraph_ms = igraph_sample_ms * (double) origins->len / n_sample;

  printf ("commute matrix, Porto car graph (own OSM import, %.0f ms; multimodal car graph "
          "%.0f ms): %u x %u, largest SCC %u nodes, many-to-many (CH build included), "
          "median of %d runs; igraph: %u of %u origins, %.1f ms, scaled x%.1f; "
          "%.1f %% of the cells within 60 min\n",
          load_ms, graph_ms, origins->len, dests->len, scc->len,
          repeats, n_sample, origins->len, igraph_sample_ms,
          (double) origins->len / n_sample,
          100.0 * (double) within / ((double) origins->len * dests->len));
  printf ("{\"bench\":\"commute-m2m\",\"graph\":\"porto-car\",\"n\":%u,\"m\":%u,"
          "\"queries\":%u,\"ours_ms\":%.1f,\"igraph_ms\":%.1f,\"ratio\":%.2f,"
          "\"igraph_scaled_from\":%u,\"method\":\"%s\",\"agree\":%s}\n",
          tnet_graph_n_nodes (g), tnet_graph_n_arcs (g), origins->len * dests->len, ours,
          igraph_ms, ours > 0 ? igraph_ms / ours : 0, n_sample,
          tnet_commute_method_to_string (tnet_commute_method (c, 0)),
          agree ? "true" : "false");

  /* the cells' parts by unpacking each cell's path, against the totals
   * alone, both on the hierarchy the runs above cached; the totals must
   * be the same */
  double *with = g_new (double, repeats), *without = g_new (double, repeats);
  for (int r = 0; r < 2 * repeats; r++)
    {
      opts.totals_only = r % 2 == 0;
      double t1 = now_ms ();
      TnetCommute *c2 = tnet_commute_compute_within (net, &mm, 1,
                                                     (TnetId *) (void *) origins->data,
                                                     origins->len,
                                                     (TnetId *) (void *) dests->data,
                                                     dests->len, TNET_COMMUTE_TO,
                                                     tnet_weight_from_min (60), &opts, &error);
      (opts.totals_only ? without : with)[r / 2] = now_ms () - t1;
      g_assert (c2 != NULL);
      for (guint o = 0; o < origins->len; o++)
        for (guint d = 0; d < dests->len; d++)
          agree &= tnet_commute_cell (c2, 0, o, d)->total_ms
                   == tnet_commute_cell (c, 0, o, d)->total_ms;
      tnet_commute_free (c2);
    }
  qsort (with, repeats, sizeof (double), compare_double);
  qsort (without, repeats, sizeof (double), compare_double);
  printf ("{\"bench\":\"commute-m2m-parts\",\"graph\":\"porto-car\",\"queries\":%u,"
          "\"parts_ms\":%.1f,\"totals_ms\":%.1f,\"ratio\":%.2f,\"agree\":%s}\n",
          origins->len * dests->len, with[repeats / 2], without[repeats / 2],
          without[repeats / 2] > 0 ? with[repeats / 2] / without[repeats / 2] : 0,
          agree ? "true" : "false");
  g_free (with);
  g_free (without);
  tnet_commute_free (c);
  g_free (times);
  return agree;
}

int
main (int argc, char **argv)
{
  const char *root = g_getenv ("TNET_SOURCE_ROOT");
  g_autofree char *dflt = g_build_filename (root ? root : ".", "data", "xuchang", NULL);
  const char *dir = argc > 1 ? argv[1] : dflt;
  int repeats = argc > 2 ? MAX (1, atoi (argv[2])) : 20;
  int porto_n = argc > 3 ? MAX (0, atoi (argv[3])) : 1000;
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  if (!net)
    {
      fprintf (stderr, "bench-commute: %s\n", error->message);
      return 1;
    }
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  g_autoptr (GArray) origins = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) dests = g_array_new (FALSE, FALSE, sizeof (TnetId));
  if (!tnet_commute_select (net, "region:xuchang", origins, &error)
      || !tnet_commute_select (net, "zz_center;zz_east_station;zz_station", dests, &error))
    {
      fprintf (stderr, "bench-commute: %s\n", error->message);
      return 1;
    }
  static const TnetProfile profiles[] = {
    TNET_PROFILE_CAR, TNET_PROFILE_TRANSIT, TNET_PROFILE_PARK_AND_RIDE
  };
  TnetMultimodal *graphs[3];
  double t0 = now_ms ();
  if (!tnet_commute_build_graphs (net, scen, NULL, NULL, profiles, 3, graphs, &error))
    {
      fprintf (stderr, "bench-commute: %s\n", error->message);
      return 1;
    }
  double build_ms = now_ms () - t0;

  /* one search per destination, whatever their number */
  TnetCommuteOptions search;
  tnet_commute_options_init (&search);
  search.method = TNET_COMMUTE_METHOD_SEARCH;
  double *times = g_new (double, repeats);
  TnetCommute *c = NULL;
  for (int r = 0; r < repeats; r++)
    {
      tnet_commute_free (c);
      double t = now_ms ();
      c = tnet_commute_compute_within (net, graphs, 3, (TnetId *) (void *) origins->data,
                                       origins->len, (TnetId *) (void *) dests->data,
                                       dests->len, TNET_COMMUTE_TO, tnet_weight_from_min (60),
                                       &search, NULL);
      times[r] = now_ms () - t;
    }
  qsort (times, repeats, sizeof (double), compare_double);
  double ours = times[repeats / 2];

  /* igraph: one Dijkstra per origin (forward) to the destinations */
  gboolean agree = TRUE;
  double igraph_ms = 0;
  guint n_nodes = 0, n_arcs = 0;
  tnet_igraph_lock ();
  for (guint p = 0; p < 3; p++)
    {
      const TnetGraph *g = tnet_multimodal_get_graph (graphs[p]);
      n_nodes += tnet_graph_n_nodes (g);
      n_arcs += tnet_graph_n_arcs (g);
      igraph_t ig;
      igraph_vector_t w;
      if (!tnet_graph_to_igraph (g, tnet_multimodal_get_metric (graphs[p]), &ig, &w, &error))
        {
          fprintf (stderr, "bench-commute: %s\n", error->message);
          return 1;
        }
      igraph_vector_int_t from, to;
      igraph_vector_int_init (&from, origins->len);
      igraph_vector_int_init (&to, dests->len);
      for (guint o = 0; o < origins->len; o++)
        VECTOR (from)[o] = tnet_multimodal_origin_node (graphs[p], g_array_index (origins, TnetId, o));
      for (guint d = 0; d < dests->len; d++)
        VECTOR (to)[d] = tnet_multimodal_destination_node (graphs[p], g_array_index (dests, TnetId, d));
      igraph_matrix_t res;
      igraph_matrix_init (&res, 0, 0);
      double t = now_ms ();
      igraph_distances_dijkstra (&ig, &res, igraph_vss_vector (&from), igraph_vss_vector (&to),
                                 &w, IGRAPH_OUT);
      igraph_ms += now_ms () - t;
      for (guint o = 0; o < origins->len; o++)
        for (guint d = 0; d < dests->len; d++)
          {
            double want = MATRIX (res, o, d);
            TnetWeight got = tnet_commute_cell (c, p, o, d)->total_ms;
            if ((isfinite (want) ? (TnetWeight) want : TNET_WEIGHT_INF) != got)
              agree = FALSE;
          }
      igraph_matrix_destroy (&res);
      igraph_vector_int_destroy (&from);
      igraph_vector_int_destroy (&to);
      igraph_vector_destroy (&w);
      igraph_destroy (&ig);
    }
  tnet_igraph_unlock ();

  printf ("commute matrix, bundled data 2025: %u origins x %u destinations x 3 profiles; "
          "graphs built in %.1f ms (feed + 3 layered graphs); median of %d runs\n",
          origins->len, dests->len, build_ms, repeats);
  printf ("{\"bench\":\"commute\",\"graph\":\"xuchang-2025-3-profiles\",\"n\":%u,\"m\":%u,"
          "\"queries\":%u,\"ours_ms\":%.3f,\"igraph_ms\":%.3f,\"ratio\":%.2f,\"build_ms\":%.1f,"
          "\"agree\":%s}\n",
          n_nodes, n_arcs, 3 * dests->len, ours, igraph_ms,
          ours > 0 ? igraph_ms / ours : 0, build_ms, agree ? "true" : "false");
  tnet_commute_free (c);
  for (guint p = 0; p < 3; p++)
    tnet_multimodal_unref (graphs[p]);
  g_free (times);
  gboolean porto_agree = porto_n == 0 || bench_porto ((guint) porto_n, 3);
  return agree && porto_agree && ours < 50 ? 0 : 1;
}
