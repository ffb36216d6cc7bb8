/* bench-commute.c: the commute matrix of the report on the bundled data:
 * every Xuchang zone × the Zhengzhou destinations × the three profiles,
 * against igraph's Dijkstra on the same expanded graphs, same pairs.
 *
 * Usage: bench-commute [DATA_DIR] [REPEATS]
 * Default data: the source tree's data/xuchang (TNET_SOURCE_ROOT or ".").
 * Graph building (feed load + layered graphs) is timed apart from the
 * queries. Prints one JSON line per measurement last.
 */
#include <tnet/tnet.h>
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

int
main (int argc, char **argv)
{
  const char *root = g_getenv ("TNET_SOURCE_ROOT");
  g_autofree char *dflt = g_build_filename (root ? root : ".", "data", "xuchang", NULL);
  const char *dir = argc > 1 ? argv[1] : dflt;
  int repeats = argc > 2 ? MAX (1, atoi (argv[2])) : 20;
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
  if (!tnet_commute_build_graphs (net, scen, profiles, 3, graphs, &error))
    {
      fprintf (stderr, "bench-commute: %s\n", error->message);
      return 1;
    }
  double build_ms = now_ms () - t0;

  double *times = g_new (double, repeats);
  TnetCommute *c = NULL;
  for (int r = 0; r < repeats; r++)
    {
      tnet_commute_free (c);
      double t = now_ms ();
      c = tnet_commute_compute (net, graphs, 3, (TnetId *) (void *) origins->data, origins->len,
                                (TnetId *) (void *) dests->data, dests->len, TNET_COMMUTE_TO, 60);
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
      TnetGraph *g = tnet_multimodal_get_graph (graphs[p]);
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
  return agree && ours < 50 ? 0 : 1;
}
