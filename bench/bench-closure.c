/* bench-closure.c: scenario closures applied to the car profile's layered
 * graph by customising the open year's CCH (tnet_multimodal_set_ch_base)
 * against building the closed graph's hierarchy (tnet_multimodal_ref_ch
 * without a base), on the bundled data and on the Porto car graph.
 *
 * Usage: bench-closure [DATA_DIR] [REPEATS] [PORTO_CLOSED]
 * Default data: the source tree's data/xuchang (TNET_SOURCE_ROOT or "."),
 * closing the G4 links l_g4_03 and l_g4_cg_n (scenario 2025); REPEATS
 * (default 5) runs of each, alternating which goes first; the open graph's
 * CCH is built once before them (cch_build_ms, not repeated). A run's
 * customisation includes matching the closed graph's arcs to the base's.
 * Then, unless PORTO_CLOSED is 0 (default 100), the same on the Porto car
 * graph (the project's own OSM import of osm-porto-r5/porto_portugal.osm.pbf
 * under $TNET_SHARED_DATA or ../shared/data next to the source root; exits
 * 77 naming the file when absent) with PORTO_CLOSED seeded random links
 * closed. Both hierarchies answer a many-to-many matrix (the bundled
 * zones, or 1000 × 1000 seeded random nodes on Porto; m2m_*_ms, median of
 * REPEATS) and must agree with each other everywhere and with Dijkstra
 * on the closed graph for 10 rows (agree). One JSON line per graph.
 */
#include <tnet/tnet.h>
#include "bench-common.h"
#include <stdio.h>
#include <stdlib.h>

static int
compare_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v, int n)
{
  qsort (v, (size_t) n, sizeof (double), compare_double);
  return v[n / 2];
}

static TnetMultimodal *
car_graph (const TnetNetwork *net, const TnetScenario *scen)
{
  GError *error = NULL;
  TnetMultimodal *mm = tnet_multimodal_build (net, scen, NULL, TNET_PROFILE_CAR, NULL, &error);
  if (!mm)
    g_error ("%s", error->message);
  return mm;
}

/* The closed graph's hierarchy: built, or customised from @base. */
static TnetCH *
closed_ch (const TnetNetwork *net, const TnetScenario *closed, TnetMultimodal *base,
           double *ms)
{
  TnetMultimodal *mm = car_graph (net, closed);
  GError *error = NULL;
  double t0 = bench_now_ms ();
  if (base && !tnet_multimodal_set_ch_base (mm, base))
    g_error ("the closed graph is not the open one with arcs left out");
  TnetCH *ch = tnet_multimodal_ref_ch (mm, NULL, NULL, NULL, &error);
  *ms = bench_now_ms () - t0;
  if (!ch)
    g_error ("%s", error->message);
  if (base && !tnet_multimodal_ch_customized (mm))
    g_error ("not customised");
  tnet_multimodal_unref (mm);
  return ch;
}

static double
time_m2m (TnetCH *ch, const TnetId *from, const TnetId *to, guint n, TnetWeight *out)
{
  TnetCHQuery *q = tnet_ch_query_new (ch);
  double t0 = bench_now_ms ();
  tnet_ch_query_many_to_many (q, from, n, to, n, out);
  double ms = bench_now_ms () - t0;
  tnet_ch_query_free (q);
  return ms;
}

/* Runs the comparison for @closed against the open scenario @open on
 * @nodes (network nodes, the matrix's origins and destinations). */
static gboolean
bench_one (const char *name, const TnetNetwork *net, const TnetScenario *open,
           const TnetScenario *closed, guint n_closed, const GArray *nodes, int repeats)
{
  TnetMultimodal *base = car_graph (net, open);
  GError *error = NULL;
  double t0 = bench_now_ms ();
  TnetCCH *cch = tnet_multimodal_ref_cch (base, &error);
  double cch_ms = bench_now_ms () - t0;
  if (!cch)
    g_error ("%s", error->message);
  TnetMultimodal *mm = car_graph (net, closed);
  guint n = nodes->len;
  TnetId *from = g_new (TnetId, n), *to = g_new (TnetId, n);
  for (guint i = 0; i < n; i++)
    {
      from[i] = tnet_multimodal_origin_node (mm, g_array_index (nodes, TnetId, i));
      to[i] = tnet_multimodal_destination_node (mm, g_array_index (nodes, TnetId, i));
    }
  TnetWeight *a = g_new (TnetWeight, (gsize) n * n), *b = g_new (TnetWeight, (gsize) n * n);
  double *rebuild = g_new (double, repeats), *custom = g_new (double, repeats);
  double *q_built = g_new (double, repeats), *q_cch = g_new (double, repeats);
  gboolean agree = TRUE;
  for (int r = 0; r < repeats; r++)
    {
      TnetCH *built, *cust;
      if (r % 2 == 0)
        {
          built = closed_ch (net, closed, NULL, &rebuild[r]);
          cust = closed_ch (net, closed, base, &custom[r]);
        }
      else
        {
          cust = closed_ch (net, closed, base, &custom[r]);
          built = closed_ch (net, closed, NULL, &rebuild[r]);
        }
      q_built[r] = time_m2m (built, from, to, n, a);
      q_cch[r] = time_m2m (cust, from, to, n, b);
      agree &= memcmp (a, b, (gsize) n * n * sizeof (TnetWeight)) == 0;
      tnet_ch_unref (built);
      tnet_ch_unref (cust);
    }
  /* 10 rows against Dijkstra on the closed graph */
  TnetSearch *s = tnet_search_new (tnet_multimodal_get_graph (mm));
  for (guint i = 0; i < MIN (n, 10u); i++)
    {
      guint row = i * n / MIN (n, 10u);
      tnet_search_run (s, tnet_multimodal_get_metric (mm), from[row], TNET_FORWARD,
                       TNET_WEIGHT_INF, TNET_ID_NONE);
      for (guint j = 0; j < n; j++)
        agree &= tnet_search_distance (s, to[j]) == b[(gsize) row * n + j];
    }
  tnet_search_free (s);
  double rb = median (rebuild, repeats), cu = median (custom, repeats);
  double qb = median (q_built, repeats), qc = median (q_cch, repeats);
  printf ("{\"bench\":\"closure-cch\",\"graph\":\"%s\",\"n\":%u,\"m\":%u,\"closed_links\":%u,"
          "\"repeats\":%d,\"rebuild_ms\":%.1f,\"customize_ms\":%.1f,\"ratio\":%.1f,"
          "\"cch_build_ms\":%.1f,\"matrix\":%u,\"m2m_built_ms\":%.1f,\"m2m_cch_ms\":%.1f,"
          "\"query_slowdown\":%.2f,\"agree\":%s}\n",
          name, tnet_graph_n_nodes (tnet_multimodal_get_graph (mm)),
          tnet_graph_n_arcs (tnet_multimodal_get_graph (mm)), n_closed, repeats, rb, cu,
          cu > 0 ? rb / cu : 0, cch_ms, n, qb, qc, qb > 0 ? qc / qb : 0,
          agree ? "true" : "false");
  fflush (stdout);
  g_free (rebuild);
  g_free (custom);
  g_free (q_built);
  g_free (q_cch);
  g_free (a);
  g_free (b);
  g_free (from);
  g_free (to);
  tnet_multimodal_unref (mm);
  tnet_cch_unref (cch);
  tnet_multimodal_unref (base);
  return agree;
}

static gboolean
bench_porto (guint n_closed, int repeats)
{
  g_autofree char *path = bench_data_path ("osm-porto-r5/porto_portugal.osm.pbf");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_osm (path, NULL, &error);
  if (!net)
    g_error ("%s", error->message);
  g_autoptr (TnetScenario) open = tnet_scenario_new (2025);
  g_autoptr (TnetScenario) closed = tnet_scenario_new (2025);
  GRand *rand = g_rand_new_with_seed (20261207);
  guint nl = tnet_network_n_links (net), nn = tnet_network_n_nodes (net);
  for (guint k = 0; k < n_closed; k++)
    tnet_scenario_close_link (closed,
                              tnet_network_link (net, (TnetId) g_rand_int_range (rand, 0,
                                                                                  (gint32) nl))->id);
  g_autoptr (GArray) nodes = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (guint k = 0; k < 1000; k++)
    {
      TnetId v = (TnetId) g_rand_int_range (rand, 0, (gint32) nn);
      g_array_append_val (nodes, v);
    }
  g_rand_free (rand);
  return bench_one ("porto-car", net, open, closed, n_closed, nodes, repeats);
}

int
main (int argc, char **argv)
{
  const char *root = g_getenv ("TNET_SOURCE_ROOT");
  g_autofree char *dflt = g_build_filename (root ? root : ".", "data", "xuchang", NULL);
  const char *dir = argc > 1 ? argv[1] : dflt;
  int repeats = argc > 2 ? MAX (1, atoi (argv[2])) : 5;
  int porto = argc > 3 ? MAX (0, atoi (argv[3])) : 100;
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  if (!net)
    {
      fprintf (stderr, "bench-closure: %s\n", error->message);
      return 1;
    }
  g_autoptr (TnetScenario) open = tnet_scenario_new (2025);
  g_autoptr (TnetScenario) closed = tnet_scenario_new (2025);
  tnet_scenario_close_link (closed, "l_g4_03");
  tnet_scenario_close_link (closed, "l_g4_cg_n");
  g_autoptr (GArray) zones = g_array_new (FALSE, FALSE, sizeof (TnetId));
  if (!tnet_commute_select (net, "kind:zone", zones, &error))
    {
      fprintf (stderr, "bench-closure: %s\n", error->message);
      return 1;
    }
  gboolean ok = bench_one ("xuchang-2025-car", net, open, closed, 2, zones, repeats);
  if (porto > 0)
    ok &= bench_porto ((guint) porto, repeats);
  return ok ? 0 : 1;
}
