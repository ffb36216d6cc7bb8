/* route-car.c: the car route of `tnet route`, shared with `tnet serve` so
 * that both search alike (the library writes it: tnet_route_to_json()). */
#include "route-car.h"
#include <string.h>

/* Node @id (an id or a name, tnet_place_find_node()) or a failure naming
 * it, with the closest id or name when one is close. */
TnetId
tnet_cli_find_node (const TnetNetwork *net, const char *id, GError **error)
{
  TnetId v = tnet_place_find_node (net, id);
  if (v != TNET_ID_NONE)
    return v;
  const char *sugg = tnet_place_suggest (net, id, FALSE);
  g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND, "unknown node '%s'%s%s%s", id,
               sugg ? " (did you mean '" : "", sugg ? sugg : "", sugg ? "'?)" : "");
  return TNET_ID_NONE;
}

gboolean
tnet_cli_route_car (const TnetNetwork *net, TnetSearch *search, const TnetMetric *time,
                    const TnetMetric *length, gboolean by_length, TnetId from, TnetId to,
                    GArray **legs_out)
{
  const TnetGraph *g = tnet_search_get_graph (search);
  tnet_search_run (search, by_length ? length : time, from, TNET_FORWARD, TNET_WEIGHT_INF, to);
  guint n_arcs = tnet_search_path (search, to, NULL, 0);
  if (n_arcs == G_MAXUINT)
    return FALSE;
  g_autofree TnetId *arcs = g_new (TnetId, n_arcs + 1);
  tnet_search_path (search, to, arcs, n_arcs);
  *legs_out = tnet_route_legs (net, g, time, arcs, n_arcs);
  return TRUE;
}
