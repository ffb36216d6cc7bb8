/* corridor.c: corridor redundancy between two regions (or nodes).
 *
 *   corridor DATA_DIR A B [YEAR]
 *   corridor ../../data/xuchang xuchang zhengzhou 2025
 *
 * For rail and for road: how many named lines join A and B, how many
 * link-disjoint and node-disjoint paths exist (the min cut), and the
 * fastest link-disjoint alternatives. */
#include <tnet/tnet.h>
#include <stdio.h>
#include <stdlib.h>

int
main (int argc, char **argv)
{
  if (argc < 4)
    {
      fprintf (stderr, "usage: %s DATA_DIR A B [YEAR]\n", argv[0]);
      return 2;
    }
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (argv[1], &error);
  g_autoptr (TnetNodeSet) a = net ? tnet_node_set_resolve (net, argv[2], &error) : NULL;
  g_autoptr (TnetNodeSet) b = a ? tnet_node_set_resolve (net, argv[3], &error) : NULL;
  if (b == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  g_autoptr (TnetScenario) scen = tnet_scenario_new (argc > 4 ? atoi (argv[4]) : 2025);
  const char *groups[] = { "rail", "road" };
  for (guint g = 0; g < 2; g++)
    {
      guint mask = 0;
      tnet_corridor_modes_from_string (groups[g], &mask);
      /* k = 3 alternatives, a 60 min budget, usable within 1.5 x the fastest */
      g_autoptr (TnetCorridor) corr = tnet_corridor_analyse (net, scen, mask, a, b, 3,
                                                             60 * 60000, 1.5, &error);
      if (corr == NULL)
        {
          fprintf (stderr, "%s\n", error->message);
          return 1;
        }
      printf ("%s %s -> %s: %u lines, %u link-disjoint, %u node-disjoint paths\n",
              groups[g], argv[2], argv[3], corr->n_lines,
              corr->link_disjoint ? corr->link_disjoint->n_paths : 0,
              corr->node_disjoint ? corr->node_disjoint->n_paths : 0);
      for (guint i = 0; corr->lines && i < corr->lines->len; i++)
        printf ("    line %s\n", (const char *) corr->lines->pdata[i]);
      for (guint i = 0; corr->fastest && i < corr->fastest->n_paths; i++)
        printf ("    alternative %u: %.1f min over %u arcs\n", i + 1,
                corr->fastest->paths[i].time_ms / 60000.0, corr->fastest->paths[i].n_arcs);
    }
  return 0;
}
