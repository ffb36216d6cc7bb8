/* compile.c: compiling a network under a scenario into a graph and metrics. */
#include "graph-private.h"

TnetGraph *
tnet_graph_compile_modes (const TnetNetwork *net, const TnetScenario *scen,
                          guint mode_mask, TnetMetric **time_out,
                          TnetMetric **length_out, GError **error)
{
  g_return_val_if_fail (net != NULL && scen != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!tnet_scenario_validate (scen, net, error))
    return NULL;

  const guint n = tnet_network_n_nodes (net);
  const guint n_links = tnet_network_n_links (net);
  g_autoptr (GArray) tails = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) heads = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) links = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (TnetWeight));
  g_autoptr (GArray) lengths = g_array_new (FALSE, FALSE, sizeof (TnetWeight));

  /* Zones are trip ends: an access link (a zone connector) into a zone
   * leads to the zone's arrival twin, a dead end, so no path can arrive at a
   * zone by one connector and leave by another. Road links through a zone
   * node (a city centre on a trunk road) stay open; a free arc zone -> twin
   * makes the twin the one node where every trip to the zone arrives. */
  g_autoptr (GArray) terminals = g_array_new (FALSE, FALSE, sizeof (TnetId));
  TnetId *twin = g_new (TnetId, n > 0 ? n : 1);
  for (TnetId v = 0; v < n; v++)
    twin[v] = v;
  for (TnetId i = 0; i < n_links; i++)
    {
      const TnetLink *link = tnet_network_link (net, i);
      if (link->mode != TNET_MODE_ACCESS || !(mode_mask & TNET_MODE_BIT (link->mode))
          || !tnet_scenario_link_active (scen, net, i))
        continue;
      for (int dir = 0; dir < (link->oneway ? 1 : 2); dir++)
        {
          TnetId z = dir == 0 ? link->to : link->from;
          if (twin[z] == z && tnet_network_node (net, z)->kind == TNET_NODE_ZONE)
            {
              twin[z] = n + terminals->len;
              g_array_append_val (terminals, z);
            }
        }
    }
  const guint n_total = n + terminals->len;

  for (TnetId i = 0; i < n_links; i++)
    {
      const TnetLink *link = tnet_network_link (net, i);
      if (!(mode_mask & TNET_MODE_BIT (link->mode))
          || !tnet_scenario_link_active (scen, net, i))
        continue;
      TnetWeight t = tnet_scenario_link_time_ms (scen, net, i);
      double len = round (link->length_m);
      TnetWeight l = len < 1.0 ? 1u
                     : len > (double) TNET_WEIGHT_MAX ? TNET_WEIGHT_MAX
                     : (TnetWeight) len;
      for (int dir = 0; dir < (link->oneway ? 1 : 2); dir++)
        {
          TnetId a = dir == 0 ? link->from : link->to;
          TnetId b = dir == 0 ? link->to : link->from;
          if (link->mode == TNET_MODE_ACCESS)
            b = twin[b];
          g_array_append_val (tails, a);
          g_array_append_val (heads, b);
          g_array_append_val (links, i);
          g_array_append_val (times, t);
          g_array_append_val (lengths, l);
        }
    }
  const TnetWeight zero = 0;
  const TnetId none = TNET_ID_NONE;
  for (guint k = 0; k < terminals->len; k++)
    {
      TnetId z = g_array_index (terminals, TnetId, k);
      g_array_append_val (tails, z);
      g_array_append_val (heads, twin[z]);
      g_array_append_val (links, none);
      g_array_append_val (times, zero);
      g_array_append_val (lengths, zero);
    }

  double *lonlat = g_new (double, 2 * (gsize) n_total + 1);
  for (TnetId v = 0; v < n_total; v++)
    {
      const TnetNode *node = tnet_network_node (net, v < n ? v : g_array_index (terminals, TnetId, v - n));
      lonlat[2 * v] = node->lon;
      lonlat[2 * v + 1] = node->lat;
    }
  g_free (twin);
  TnetGraph *graph = tnet_graph_new_from_arcs (n_total, tails->len, (TnetId *) tails->data,
                                               (TnetId *) heads->data,
                                               (TnetId *) links->data, lonlat, error);
  g_free (lonlat);
  if (graph == NULL)
    return NULL;
  tnet_i_graph_set_twins (graph, n, (TnetId *) terminals->data, terminals->len);

  /* weights were clamped above, so the metrics cannot fail */
  if (time_out)
    *time_out = tnet_metric_new (graph, (TnetWeight *) times->data, NULL);
  if (length_out)
    *length_out = tnet_metric_new (graph, (TnetWeight *) lengths->data, NULL);
  return graph;
}

TnetMetric *
tnet_i_graph_compile_times (const TnetGraph *graph, const TnetNetwork *net, const TnetScenario *scen)
{
  g_return_val_if_fail (graph != NULL && net != NULL && scen != NULL, NULL);
  guint m = tnet_graph_n_arcs (graph);
  g_autofree TnetWeight *times = g_new (TnetWeight, m > 0 ? m : 1);
  for (guint a = 0; a < m; a++)
    {
      TnetId l = tnet_graph_arc_link (graph, a);
      times[a] = l == TNET_ID_NONE ? 0 : tnet_scenario_link_time_ms (scen, net, l);
    }
  return tnet_metric_new (graph, times, NULL);
}
