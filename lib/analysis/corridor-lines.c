/* corridor-lines.c: how many named lines join two regions on their own
 * (docs/cli.md, `tnet corridors`; the plan's "5 rail + 15 road links").
 *
 * Implementation notes: the active links of the mode group are bucketed by
 * line name; per line, a union-find over that line's own end nodes (mapped
 * to a dense local numbering) merges each link's two ends. The line counts
 * when one union-find root holds a node of side A and a node of side B
 * (regions here; any node sets for tnet_corridor_count_lines()).
 * Links of other lines never enter a line's union-find, so a line that
 * reaches a region only through another line's track does not count, and a
 * line made of two disconnected pieces counts only if one piece alone spans
 * both regions. */
#include "tnet-internal.h"
#include "analysis-private.h"
#include "string-sort.h"
#include "union-find.h"

/* Does the line made of @links (link indices) join side 1 and side 2 on
 * its own? @side: per network node, bit 0 = in A, bit 1 = in B. */
static gboolean
line_joins (const TnetNetwork *net, const GArray *links, const guint8 *side)
{
  g_autoptr (GHashTable) local = g_hash_table_new (NULL, NULL); /* node+1 -> local+1 */
  guint n = 0;
  g_autofree guint32 *parent = g_new (guint32, 2 * links->len);
  g_autofree guint *bits = g_new0 (guint, 2 * links->len);
  for (guint k = 0; k < links->len; k++)
    {
      const TnetLink *l = tnet_network_link (net, g_array_index (links, TnetId, k));
      TnetId ends[2] = { l->from, l->to };
      guint idx[2];
      for (int e = 0; e < 2; e++)
        {
          gpointer key = GUINT_TO_POINTER (ends[e] + 1);
          guint v = GPOINTER_TO_UINT (g_hash_table_lookup (local, key));
          if (v == 0)
            {
              v = ++n;
              g_hash_table_insert (local, key, GUINT_TO_POINTER (v));
              parent[v - 1] = v - 1;
              bits[v - 1] = side[ends[e]];
            }
          idx[e] = v - 1;
        }
      guint ra = tnet_i_union_find_root (parent, idx[0]);
      guint rb = tnet_i_union_find_root (parent, idx[1]);
      if (ra != rb)
        {
          parent[ra] = rb;
          bits[rb] |= bits[ra];
          if (bits[rb] == 3u)
            return TRUE;
        }
      else if (bits[ra] == 3u)
        return TRUE;
    }
  return FALSE;
}

guint
tnet_i_corridor_lines_joining (const TnetNetwork *net, const TnetScenario *scen,
                               guint mode_mask, const guint8 *side, GPtrArray *lines_out)
{
  /* line name -> GArray of its active links in the group */
  g_autoptr (GHashTable) by_line = g_hash_table_new_full (
      g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  for (TnetId i = 0; i < tnet_network_n_links (net); i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      if (!l->line || !*l->line || !(TNET_MODE_BIT (l->mode) & mode_mask)
          || !tnet_scenario_link_active (scen, net, i))
        continue;
      GArray *arr = g_hash_table_lookup (by_line, l->line);
      if (!arr)
        {
          arr = g_array_new (FALSE, FALSE, sizeof (TnetId));
          g_hash_table_insert (by_line, (gpointer) l->line, arr);
        }
      g_array_append_val (arr, i);
    }
  guint count = 0, start = lines_out ? lines_out->len : 0;
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, by_line);
  while (g_hash_table_iter_next (&it, &key, &value))
    if (line_joins (net, value, side))
      {
        count++;
        if (lines_out)
          g_ptr_array_add (lines_out, key);
      }
  if (lines_out)
    tnet_i_sort_strings_from (lines_out, start);
  return count;
}

guint
tnet_corridor_line_count (const TnetNetwork *net, const TnetScenario *scen,
                          const char *region_a, const char *region_b,
                          guint mode_mask, GPtrArray *lines_out)
{
  g_return_val_if_fail (net != NULL, 0);
  g_return_val_if_fail (scen != NULL, 0);
  g_return_val_if_fail (region_a != NULL && region_b != NULL, 0);

  guint n = tnet_network_n_nodes (net);
  g_autofree guint8 *side = g_new0 (guint8, n + 1);
  for (TnetId v = 0; v < n; v++)
    {
      const char *r = tnet_network_node (net, v)->region;
      if (r)
        side[v] = (strcmp (r, region_a) == 0 ? 1u : 0u) | (strcmp (r, region_b) == 0 ? 2u : 0u);
    }
  return tnet_i_corridor_lines_joining (net, scen, mode_mask, side, lines_out);
}
