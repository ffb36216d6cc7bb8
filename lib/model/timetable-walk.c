/* timetable-walk.c: the street walks of a timetable: a foot graph taken
 * from a network (the OSM walk profile of a data folder), the stops placed
 * on its nodes, and the bounded one-to-many Dijkstra that the footpaths
 * and the RAPTOR access and egress walks use.
 *
 * Implementation notes: the foot graph is a CSR over the network's nodes
 * with both directions of every walkable link (pedestrians ignore oneway).
 * Arc costs are whole milliseconds, round (length_m / speed x 1000), or
 * the time of a timed access link (the data's own access time), so a
 * search is exact integer arithmetic and the heap of lib/core (uint32
 * keys) serves; a walk of d ms takes ceil (d / 1000) s. Zones hang on the
 * street by access links to several nodes; a walk may start at a zone but
 * never passes through one (that would be a shortcut along two access
 * links), so zone nodes other than the source are settled, not expanded.
 */
#include "tnet-internal.h"
#include "timetable-private.h"

#include <math.h>
#include <string.h>

/* The walking rule of the transit graph's layers
 * (TnetTransitOptions.walk_on_roads), plus the links that hang stops and
 * zones on the street. Expressways and other trunk links are never walked. */
static gboolean
foot_link (const TnetNetwork *net, const TnetScenario *scen, TnetId i)
{
  const TnetLink *lk = tnet_network_link (net, i);
  if (lk->from == lk->to)
    return FALSE;
  if (scen ? !tnet_scenario_link_active (scen, net, i) : lk->status != TNET_STATUS_EXISTING)
    return FALSE;
  switch (lk->mode)
    {
    case TNET_MODE_ROAD:
    case TNET_MODE_WALK:
    case TNET_MODE_ACCESS:
      return TRUE;
    case TNET_MODE_TRUNK:
      return lk->road_class != NULL && (strcmp (lk->road_class, "primary") == 0
                                        || strcmp (lk->road_class, "primary_link") == 0);
    default:
      return FALSE;
    }
}

guint32
tnet_i_foot_arc_ms (double length_m, double speed_kmh)
{
  double ms = length_m / (speed_kmh / 3.6) * 1000.0;
  return ms >= 4e9 ? (guint32) 4e9 : (guint32) lround (ms);
}

/* An access link with a time takes it (the scenario's, which may override
 * it); every other link is walked at @speed_kmh. */
static guint32
foot_link_ms (const TnetNetwork *net, const TnetScenario *scen, TnetId i, double speed_kmh)
{
  const TnetLink *lk = tnet_network_link (net, i);
  if (lk->mode == TNET_MODE_ACCESS && lk->time_ms != TNET_WEIGHT_INF)
    {
      if (scen)
        return MIN (tnet_scenario_link_time_ms (scen, net, i), (TnetWeight) 4000000000u);
      return lk->time_ms;
    }
  return tnet_i_foot_arc_ms (lk->length_m, speed_kmh);
}

gboolean
tnet_timetable_network_has_walks (const TnetNetwork *net)
{
  g_return_val_if_fail (net != NULL, FALSE);
  for (guint i = 0; i < tnet_network_n_links (net); i++)
    {
      const TnetLink *lk = tnet_network_link (net, i);
      if (lk->mode == TNET_MODE_WALK)
        return TRUE;
      if (lk->mode != TNET_MODE_ACCESS)
        continue;
      TnetNodeKind a = tnet_network_node (net, lk->from)->kind;
      TnetNodeKind b = tnet_network_node (net, lk->to)->kind;
      if (a == TNET_NODE_STOP || a == TNET_NODE_STATION || b == TNET_NODE_STOP
          || b == TNET_NODE_STATION)
        return TRUE;
    }
  return FALSE;
}

TnetFootGraph *
tnet_i_foot_graph_new (const TnetNetwork *net, const TnetScenario *scen, double speed_kmh)
{
  TnetFootGraph *g = g_new0 (TnetFootGraph, 1);
  guint n = tnet_network_n_nodes (net), m = tnet_network_n_links (net);
  g->n_nodes = n;
  g->first = g_new0 (guint, n + 1);
  for (guint i = 0; i < m; i++)
    {
      const TnetLink *lk = tnet_network_link (net, i);
      if (foot_link (net, scen, i))
        {
          g->first[lk->from + 1]++;
          g->first[lk->to + 1]++;
        }
    }
  for (guint v = 0; v < n; v++)
    g->first[v + 1] += g->first[v];
  guint n_arcs = g->first[n];
  g->head = g_new (TnetId, MAX (n_arcs, 1));
  g->ms = g_new (guint32, MAX (n_arcs, 1));
  g_autofree guint *fill = g_memdup2 (g->first, sizeof (guint) * (n + 1));
  g->on_street = g_new0 (guint8, MAX (n, 1));
  for (guint i = 0; i < m; i++)
    {
      const TnetLink *lk = tnet_network_link (net, i);
      if (!foot_link (net, scen, i))
        continue;
      guint32 w = foot_link_ms (net, scen, i, speed_kmh);
      if (lk->mode != TNET_MODE_ACCESS || lk->time_ms == TNET_WEIGHT_INF)
        g->on_street[lk->from] = g->on_street[lk->to] = 1;
      g->head[fill[lk->from]] = lk->to;
      g->ms[fill[lk->from]++] = w;
      g->head[fill[lk->to]] = lk->from;
      g->ms[fill[lk->to]++] = w;
    }
  g->is_zone = g_new0 (guint8, MAX (n, 1));
  for (guint v = 0; v < n; v++)
    g->is_zone[v] = tnet_network_node (net, v)->kind == TNET_NODE_ZONE;
  g->lon = g_new (double, MAX (n, 1));
  g->lat = g_new (double, MAX (n, 1));
  for (guint v = 0; v < n; v++)
    {
      g->lon[v] = tnet_network_node (net, v)->lon;
      g->lat[v] = tnet_network_node (net, v)->lat;
    }
  return g;
}

void
tnet_i_foot_graph_free (TnetFootGraph *g)
{
  if (g == NULL)
    return;
  g_free (g->first);
  g_free (g->head);
  g_free (g->ms);
  g_free (g->is_zone);
  g_free (g->on_street);
  g_free (g->lon);
  g_free (g->lat);
  g_free (g);
}

/* The scan ranks nodes by an equirectangular squared distance, which is
 * monotone enough at city scale and far cheaper than the haversine; only
 * the winner's distance is computed exactly. A node at the place's exact
 * position scores 0 under both, so a network node always snaps to itself
 * (or to a zone at the same spot). */
TnetId
tnet_i_foot_graph_snap (const TnetFootGraph *g, double lon, double lat, double *distance_m)
{
  *distance_m = G_MAXDOUBLE;
  if (isnan (lon) || isnan (lat))
    return TNET_ID_NONE;
  double kx = cos (lat * G_PI / 180.0);
  TnetId best = TNET_ID_NONE;
  double best_d2 = G_MAXDOUBLE;
  for (guint v = 0; v < g->n_nodes; v++)
    {
      if (g->first[v] == g->first[v + 1] || isnan (g->lon[v]) || isnan (g->lat[v]))
        continue;
      double dx = (g->lon[v] - lon) * kx, dy = g->lat[v] - lat;
      double d2 = dx * dx + dy * dy;
      if (d2 < best_d2 || (d2 == best_d2 && g->is_zone[v] && !g->is_zone[best]))
        {
          best = v;
          best_d2 = d2;
        }
    }
  if (best != TNET_ID_NONE)
    *distance_m = best_d2 == 0 ? 0 : tnet_timetable_distance_m (lon, lat, g->lon[best],
                                                                 g->lat[best]);
  return best;
}

void
tnet_i_foot_search_init (TnetFootSearch *fs, guint n_nodes)
{
  tnet_i_heap_init (&fs->heap, MAX (n_nodes, 1));
  fs->dist = g_new (guint32, MAX (n_nodes, 1));
  for (guint v = 0; v < n_nodes; v++)
    fs->dist[v] = G_MAXUINT32;
  fs->touched = g_new (TnetId, MAX (n_nodes, 1));
  fs->n_touched = 0;
}

void
tnet_i_foot_search_destroy (TnetFootSearch *fs)
{
  tnet_i_heap_destroy (&fs->heap);
  g_free (fs->dist);
  g_free (fs->touched);
}

guint
tnet_i_foot_search_run (const TnetFootGraph *g, TnetFootSearch *fs, TnetId source,
                        guint32 budget_ms)
{
  for (guint i = 0; i < fs->n_touched; i++)
    fs->dist[fs->touched[i]] = G_MAXUINT32;
  fs->n_touched = 0;
  tnet_i_heap_reset (&fs->heap);
  /* dist[] of a node in the heap holds its tentative key; touched[] lists
   * every node whose dist[] was written, so the next run can clear them */
  fs->dist[source] = 0;
  fs->touched[fs->n_touched++] = source;
  tnet_i_heap_push_or_decrease (&fs->heap, source, 0);
  while (!tnet_i_heap_empty (&fs->heap))
    {
      TnetHeapEntry e = tnet_i_heap_pop (&fs->heap);
      TnetId v = e.item;
      if (v != source && g->is_zone[v])
        continue;
      for (guint a = g->first[v]; a < g->first[v + 1]; a++)
        {
          TnetId w = g->head[a];
          guint64 d = (guint64) e.key + g->ms[a];
          if (d > budget_ms || d >= fs->dist[w])
            continue;
          if (fs->dist[w] == G_MAXUINT32)
            fs->touched[fs->n_touched++] = w;
          fs->dist[w] = (guint32) d;
          tnet_i_heap_push_or_decrease (&fs->heap, w, (guint32) d);
        }
    }
  return fs->n_touched;
}
