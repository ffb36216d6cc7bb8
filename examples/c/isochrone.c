/* isochrone.c: every node within N minutes by car, as GeoJSON.
 *
 *   isochrone DATA_DIR FROM MINUTES [YEAR] > iso.geojson
 *   isochrone ../../data/xuchang z_weidu 30
 *
 * A search bounded by the budget settles exactly the nodes within it; the
 * GeoJSON writer turns their times into Points and LineStrings. */
#include <tnet/tnet.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int
main (int argc, char **argv)
{
  if (argc < 4)
    {
      fprintf (stderr, "usage: %s DATA_DIR FROM MINUTES [YEAR]\n", argv[0]);
      return 2;
    }
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (argv[1], &error);
  if (net == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  TnetId from = tnet_network_find_node (net, argv[2]);
  double minutes = atof (argv[3]);
  if (from == TNET_ID_NONE || !(minutes > 0))
    {
      fprintf (stderr, "expected a node id and a positive number of minutes\n");
      return 1;
    }
  g_autoptr (TnetScenario) scen = tnet_scenario_new (argc > 4 ? atoi (argv[4]) : 2025);
  TnetMetric *time = NULL;
  g_autoptr (TnetGraph) graph =
    tnet_graph_compile_modes (net, scen, TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS),
                              &time, NULL, &error);
  if (graph == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  g_autoptr (TnetSearch) search = tnet_search_new (graph);
  tnet_search_run (search, time, from, TNET_FORWARD, (TnetWeight) (minutes * 60000),
                   TNET_ID_NONE);
  guint n = tnet_network_n_nodes (net);
  TnetWeight *ms = g_new (TnetWeight, n);
  for (guint i = 0; i < n; i++)
    ms[i] = tnet_search_distance (search, i);
  fprintf (stderr, "%u nodes within %.0f min of %s\n", tnet_search_n_settled (search),
           minutes, argv[2]);
  char *geojson = tnet_geojson_isochrone (net, scen, ms, (TnetWeight) (minutes * 60000),
                                          argv[2], "car", TNET_GEOJSON_ALL);
  fputs (geojson, stdout);
  g_free (geojson);
  g_free (ms);
  tnet_metric_unref (time);
  return 0;
}
