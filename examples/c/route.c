/* route.c: the fastest path by car between two nodes of a network.
 *
 *   route DATA_DIR FROM TO [YEAR]
 *   route ../../data/xuchang z_changge zz_center 2025
 *
 * Shows the basic sequence: load the network, make a scenario, compile a
 * graph for a set of modes, run a search, read the path back as links. */
#include <tnet/tnet.h>
#include <stdio.h>
#include <stdlib.h>

int
main (int argc, char **argv)
{
  if (argc < 4)
    {
      fprintf (stderr, "usage: %s DATA_DIR FROM TO [YEAR]\n", argv[0]);
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
  TnetId to = tnet_network_find_node (net, argv[3]);
  if (from == TNET_ID_NONE || to == TNET_ID_NONE)
    {
      fprintf (stderr, "unknown node %s\n", from == TNET_ID_NONE ? argv[2] : argv[3]);
      return 1;
    }
  g_autoptr (TnetScenario) scen = tnet_scenario_new (argc > 4 ? atoi (argv[4]) : 2025);

  /* the car profile: roads plus the access links of zones */
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
  tnet_search_run (search, time, from, TNET_FORWARD, TNET_WEIGHT_INF, to);
  TnetWeight ms = tnet_search_distance (search, to);
  if (ms == TNET_WEIGHT_INF)
    {
      printf ("no path by car from %s to %s\n", argv[2], argv[3]);
      tnet_metric_unref (time);
      return 1;
    }
  guint n = tnet_search_path (search, to, NULL, 0);
  TnetId *arcs = g_new (TnetId, n ? n : 1);
  tnet_search_path (search, to, arcs, n);
  printf ("%s -> %s: %.1f min, %u links\n", argv[2], argv[3], ms / 60000.0, n);
  for (guint k = 0; k < n; k++)
    {
      const TnetLink *l = tnet_network_link (net, tnet_graph_arc_link (graph, arcs[k]));
      printf ("  %-28s %-10s %6.1f km  %s\n", l->id, tnet_mode_to_string (l->mode),
              l->length_m / 1000.0, l->line ? l->line : "");
    }
  g_free (arcs);
  tnet_metric_unref (time);
  return 0;
}
