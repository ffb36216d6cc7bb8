/* map-structures.c: a network folder's structures drawn on a map. */
#include "map-structures.h"

guint
tnet_cli_map_add_structures (TnetMap *map, const TnetNetwork *net, const TnetScenario *scen,
                             GError **error)
{
  const char *dir = tnet_network_get_dir (net);
  if (dir == NULL)
    return 0;
  g_autofree char *path = g_build_filename (dir, "structures.csv", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return 0;
  g_autoptr (TnetStructureSet) set = tnet_structure_set_load_csv (net, path, error);
  if (set == NULL)
    return G_MAXUINT;
  guint n = tnet_structure_set_n_structures (set);
  for (guint i = 0; i < n; i++)
    {
      const TnetStructure *s = tnet_structure_set_get (set, i);
      g_autoptr (TnetStructureState) st = tnet_structure_analyse (net, s, scen, error);
      if (st == NULL)
        return G_MAXUINT;
      g_autoptr (GArray) built = g_array_new (FALSE, FALSE, sizeof (TnetId));
      g_autoptr (GArray) gaps = g_array_new (FALSE, FALSE, sizeof (TnetId));
      g_autoptr (GArray) breaks = g_array_new (FALSE, FALSE, sizeof (TnetId));
      g_autoptr (GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
      for (guint k = 0; k < s->n_members; k++)
        for (guint j = 0; j < s->members[k].n_links; j++)
          {
            TnetId l = s->members[k].links[j];
            if (g_hash_table_add (seen, GUINT_TO_POINTER (l + 1)))
              g_array_append_val (tnet_scenario_link_active (scen, net, l) ? built : gaps, l);
          }
      /* the gaps shown: the smallest completing set when there is one,
       * else every member link not open */
      if (st->n_gaps > 0)
        {
          g_array_set_size (gaps, 0);
          for (guint g = 0; g < st->n_gaps; g++)
            {
              if (st->gaps[g].link != TNET_ID_NONE)
                g_array_append_val (gaps, st->gaps[g].link);
              else
                {
                  g_array_append_val (breaks, st->gaps[g].from);
                  g_array_append_val (breaks, st->gaps[g].to);
                }
            }
        }
      const char *verdict;
      switch (st->verdict)
        {
        case TNET_STRUCTURE_COMPLETE:
          verdict = s->kind == TNET_STRUCTURE_RING ? "closed" : "joined";
          break;
        case TNET_STRUCTURE_OFF_CENTRE:
          verdict = "off centre";
          break;
        case TNET_STRUCTURE_DISCONNECTED:
          verdict = s->kind == TNET_STRUCTURE_RING ? "no cycle" : "not joined";
          break;
        default:
          verdict = "open";
        }
      g_autofree char *label = g_strdup_printf ("%s %.0f%% %s", s->name, 100.0 * st->share,
                                                verdict);
      tnet_map_add_structure (map, label, (const TnetId *) built->data, built->len,
                              (const TnetId *) gaps->data, gaps->len,
                              (const TnetId *) breaks->data, breaks->len / 2);
    }
  return n;
}
