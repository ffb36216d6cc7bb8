/* indicators.c: the plan's network indicators, computed from the network
 * and a scenario (lengths, road classes, county units served, time to the
 * nearest expressway interchange). Nothing here is stored in the data. */
#include "tnet-internal.h"
#include "analysis-private.h"
#include "string-sort.h"

static gboolean
in_region (const TnetNetwork *net, TnetId node, const char *region)
{
  if (!region)
    return TRUE;
  const char *r = tnet_network_node (net, node)->region;
  return r && strcmp (r, region) == 0;
}

/* TRUE when link @i counts for the mode mask, region and scenario. */
static gboolean
link_counts (const TnetNetwork *net, const TnetScenario *scen, TnetId i,
             guint mode_mask, const char *region)
{
  const TnetLink *l = tnet_network_link (net, i);
  return (TNET_MODE_BIT (l->mode) & mode_mask)
         && tnet_scenario_link_active (scen, net, i)
         && in_region (net, l->from, region) && in_region (net, l->to, region);
}

/* Key of a link's physical segment when it may have twins: the two
 * carriageways of one road (one-way links of the same line between the same
 * nodes), or the links of several lines over one track (tag shared_track,
 * docs/data-format.md). NULL for an ordinary two-way link. */
static char *
segment_key (const TnetLink *l)
{
  TnetId a = MIN (l->from, l->to), b = MAX (l->from, l->to);
  if (tnet_link_has_tag (l, "shared_track"))
    return g_strdup_printf ("track:%u:%u", a, b);
  if (l->oneway)
    return g_strdup_printf ("%u:%u:%s", a, b, l->line ? l->line : "");
  return NULL;
}

double
tnet_indicator_length_km (const TnetNetwork *net, const TnetScenario *scen,
                          guint mode_mask, const char *region)
{
  g_return_val_if_fail (net != NULL, NAN);
  g_return_val_if_fail (scen != NULL, NAN);

  double total_m = 0;
  /* segment key -> the longest length seen (double *) */
  g_autoptr (GHashTable) oneway = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                         g_free, g_free);
  for (TnetId i = 0; i < tnet_network_n_links (net); i++)
    {
      if (!link_counts (net, scen, i, mode_mask, region))
        continue;
      const TnetLink *l = tnet_network_link (net, i);
      char *key = segment_key (l);
      if (!key)
        {
          total_m += l->length_m;
          continue;
        }
      double *seen = g_hash_table_lookup (oneway, key);
      if (!seen)
        {
          seen = g_new (double, 1);
          *seen = l->length_m;
          g_hash_table_insert (oneway, key, seen);
        }
      else
        {
          *seen = MAX (*seen, l->length_m);
          g_free (key);
        }
    }
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, oneway);
  while (g_hash_table_iter_next (&it, NULL, &value))
    total_m += *(double *) value;
  return total_m / 1000.0;
}

double
tnet_indicator_class_share_pct (const TnetNetwork *net, const TnetScenario *scen,
                                guint mode_mask, const char *region,
                                const char *const *classes)
{
  g_return_val_if_fail (net != NULL, NAN);
  g_return_val_if_fail (scen != NULL, NAN);
  g_return_val_if_fail (classes != NULL, NAN);

  double all = 0, good = 0;
  for (TnetId i = 0; i < tnet_network_n_links (net); i++)
    {
      if (!link_counts (net, scen, i, mode_mask, region))
        continue;
      const TnetLink *l = tnet_network_link (net, i);
      all += l->length_m;
      if (l->road_class && g_strv_contains ((const char *const *) classes, l->road_class))
        good += l->length_m;
    }
  return all > 0 ? 100.0 * good / all : NAN;
}

guint
tnet_indicator_unit_lines (const TnetNetwork *net, const TnetScenario *scen,
                           const TnetUnit *unit, guint mode_mask, GPtrArray *lines_out)
{
  g_return_val_if_fail (net != NULL, 0);
  g_return_val_if_fail (scen != NULL, 0);
  g_return_val_if_fail (unit != NULL, 0);

  g_autoptr (GHashTable) lines = g_hash_table_new (g_str_hash, g_str_equal);
  for (TnetId i = 0; i < tnet_network_n_links (net); i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      if (!l->line || !*l->line || !(TNET_MODE_BIT (l->mode) & mode_mask)
          || g_hash_table_contains (lines, l->line)
          || !tnet_scenario_link_active (scen, net, i))
        continue;
      if (tnet_unit_has_county (unit, tnet_network_node (net, l->from)->county)
          || tnet_unit_has_county (unit, tnet_network_node (net, l->to)->county))
        g_hash_table_add (lines, (gpointer) l->line);
    }
  guint n = g_hash_table_size (lines);
  if (lines_out)
    tnet_i_hash_table_sorted_keys (lines, lines_out);
  return n;
}

double
tnet_indicator_units_min_lines_pct (const TnetNetwork *net, const TnetScenario *scen,
                                    const TnetUnitTable *units, guint mode_mask,
                                    guint min_lines)
{
  g_return_val_if_fail (net != NULL, NAN);
  g_return_val_if_fail (scen != NULL, NAN);
  g_return_val_if_fail (units != NULL, NAN);

  guint n = tnet_unit_table_n_units (units), ok = 0;
  if (n == 0)
    return NAN;
  for (guint u = 0; u < n; u++)
    ok += tnet_indicator_unit_lines (net, scen, tnet_unit_table_get (units, u),
                                     mode_mask, NULL) >= min_lines;
  return 100.0 * ok / n;
}

/* The interchanges touched by an active expressway link (NULL with
 * @error when there is none). */
static GArray *
interchange_sources (const TnetNetwork *net, const TnetScenario *scen, GError **error)
{
  guint n_nodes = tnet_network_n_nodes (net);
  g_autofree guint8 *is_ic = g_new0 (guint8, n_nodes);
  g_autoptr (GArray) sources = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (TnetId i = 0; i < tnet_network_n_links (net); i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      if (l->mode != TNET_MODE_EXPRESSWAY || !tnet_scenario_link_active (scen, net, i))
        continue;
      TnetId ends[2] = { l->from, l->to };
      for (int k = 0; k < 2; k++)
        if (!is_ic[ends[k]]
            && tnet_network_node (net, ends[k])->kind == TNET_NODE_INTERCHANGE)
          {
            is_ic[ends[k]] = 1;
            g_array_append_val (sources, ends[k]);
          }
    }
  if (sources->len == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                   "scenario %d has no expressway interchange (a node of kind "
                   "interchange on an active expressway link)",
                   tnet_scenario_get_year (scen));
      return NULL;
    }
  return g_steal_pointer (&sources);
}

/* The time (ms) from each unit's seat to the nearest of @sources. */
static void
interchange_search (const TnetUnitTable *units, TnetGraph *graph, const TnetMetric *time,
                    const GArray *sources, TnetWeight *ms_out, TnetId *interchange_out)
{
  g_autoptr (TnetSearch) search = tnet_search_new (graph);
  /* distances TO the nearest interchange: a backward search from all */
  tnet_search_run_multi (search, time, (const TnetId *) (gpointer) sources->data,
                         NULL, sources->len, TNET_BACKWARD, TNET_WEIGHT_INF,
                         TNET_ID_NONE);
  for (guint u = 0; u < tnet_unit_table_n_units (units); u++)
    {
      TnetId seat = tnet_unit_table_get (units, u)->seat_node;
      TnetWeight d = tnet_search_distance (search, seat);
      ms_out[u] = d;
      if (interchange_out)
        interchange_out[u] = d == TNET_WEIGHT_INF ? TNET_ID_NONE
                                                  : tnet_search_origin (search, seat);
    }
}

gboolean
tnet_indicator_interchange_ms (const TnetNetwork *net, const TnetScenario *scen,
                               const TnetUnitTable *units, TnetWeight *ms_out,
                               TnetId *interchange_out, GError **error)
{
  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (scen != NULL, FALSE);
  g_return_val_if_fail (units != NULL, FALSE);
  g_return_val_if_fail (ms_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_autoptr (GArray) sources = interchange_sources (net, scen, error);
  if (!sources)
    return FALSE;
  TnetMetric *time = NULL;
  g_autoptr (TnetGraph) graph = tnet_graph_compile_modes (
      net, scen, TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS), &time, NULL, error);
  if (!graph)
    return FALSE;
  g_autoptr (TnetMetric) metric = time;
  interchange_search (units, graph, metric, sources, ms_out, interchange_out);
  return TRUE;
}

gboolean
tnet_i_indicator_interchange_ms_on (const TnetNetwork *net, const TnetScenario *scen,
                                    const TnetUnitTable *units, TnetGraph *graph,
                                    const TnetMetric *time, TnetWeight *ms_out,
                                    TnetId *interchange_out, GError **error)
{
  g_autoptr (GArray) sources = interchange_sources (net, scen, error);
  if (!sources)
    return FALSE;
  interchange_search (units, graph, time, sources, ms_out, interchange_out);
  return TRUE;
}
