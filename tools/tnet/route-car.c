/* route-car.c: the car route of `tnet route` (legs and JSON), shared with
 * `tnet serve` so that both answer with the same document. */
#include "route-car.h"
#include <math.h>
#include <string.h>

static void
leg_clear (gpointer p)
{
  TnetCliLeg *leg = p;
  g_array_unref (leg->links);
}

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

/* Splits the path @arcs into legs. */
GArray *
tnet_cli_route_legs (const TnetNetwork *net, const TnetGraph *g, const TnetMetric *time,
           const TnetId *arcs, guint n_arcs)
{
  GArray *legs = g_array_new (FALSE, TRUE, sizeof (TnetCliLeg));
  g_array_set_clear_func (legs, leg_clear);
  for (guint k = 0; k < n_arcs; k++)
    {
      TnetId li = tnet_graph_arc_link (g, arcs[k]);
      const TnetLink *link = tnet_network_link (net, li);
      const char *line = link->line && *link->line ? link->line : NULL;
      TnetCliLeg *last = legs->len ? &g_array_index (legs, TnetCliLeg, legs->len - 1) : NULL;
      if (last == NULL || last->mode != link->mode
          || (line == NULL) != (last->line == NULL)
          || (line && strcmp (line, last->line) != 0))
        {
          TnetCliLeg leg = { line, link->mode,
                      tnet_graph_terminal_of (g, tnet_graph_arc_tail (g, arcs[k])), 0,
                      g_array_new (FALSE, FALSE, sizeof (TnetId)), 0.0, 0 };
          g_array_append_val (legs, leg);
          last = &g_array_index (legs, TnetCliLeg, legs->len - 1);
        }
      last->to = tnet_graph_terminal_of (g, tnet_graph_arc_head (g, arcs[k]));
      g_array_append_val (last->links, li);
      last->length_m += link->length_m;
      last->time_ms += tnet_metric_weight (time, arcs[k]);
    }
  return legs;
}

/* Rounded to 0.001 for JSON (ms and metres stay exact enough). */
static double
round3 (double x)
{
  return round (x * 1000.0) / 1000.0;
}

char *
tnet_cli_route_json (const TnetNetwork *net, TnetId from, TnetId to, const char *metric,
            GArray *legs, guint64 total_ms, double total_m)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, tnet_network_node (net, from)->id);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, tnet_network_node (net, to)->id);
  json_builder_set_member_name (b, "profile");
  json_builder_add_string_value (b, "car");
  json_builder_set_member_name (b, "metric");
  json_builder_add_string_value (b, metric);
  json_builder_set_member_name (b, "total_min");
  json_builder_add_double_value (b, round3 (total_ms / 60000.0));
  json_builder_set_member_name (b, "total_km");
  json_builder_add_double_value (b, round3 (total_m / 1000.0));
  json_builder_set_member_name (b, "legs");
  json_builder_begin_array (b);
  for (guint i = 0; i < legs->len; i++)
    {
      const TnetCliLeg *leg = &g_array_index (legs, TnetCliLeg, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "line");
      if (leg->line)
        json_builder_add_string_value (b, leg->line);
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "mode");
      json_builder_add_string_value (b, tnet_mode_to_string (leg->mode));
      json_builder_set_member_name (b, "from");
      json_builder_add_string_value (b, tnet_network_node (net, leg->from)->id);
      json_builder_set_member_name (b, "to");
      json_builder_add_string_value (b, tnet_network_node (net, leg->to)->id);
      json_builder_set_member_name (b, "links");
      json_builder_begin_array (b);
      for (guint k = 0; k < leg->links->len; k++)
        json_builder_add_string_value (
          b, tnet_network_link (net, g_array_index (leg->links, TnetId, k))->id);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "km");
      json_builder_add_double_value (b, round3 (leg->length_m / 1000.0));
      json_builder_set_member_name (b, "min");
      json_builder_add_double_value (b, round3 (leg->time_ms / 60000.0));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return tnet_cli_json_to_string (b);
}


gboolean
tnet_cli_route_car (const TnetNetwork *net, TnetSearch *search, const TnetMetric *time,
                    const TnetMetric *length, gboolean by_length, TnetId from, TnetId to,
                    GArray **legs_out, guint64 *total_ms, double *total_m)
{
  TnetGraph *g = tnet_search_get_graph (search);
  tnet_search_run (search, by_length ? length : time, from, TNET_FORWARD, TNET_WEIGHT_INF, to);
  guint n_arcs = tnet_search_path (search, to, NULL, 0);
  if (n_arcs == G_MAXUINT)
    return FALSE;
  g_autofree TnetId *arcs = g_new (TnetId, n_arcs + 1);
  tnet_search_path (search, to, arcs, n_arcs);
  GArray *legs = tnet_cli_route_legs (net, g, time, arcs, n_arcs);
  *total_ms = 0;
  *total_m = 0;
  for (guint i = 0; i < legs->len; i++)
    {
      *total_ms += g_array_index (legs, TnetCliLeg, i).time_ms;
      *total_m += g_array_index (legs, TnetCliLeg, i).length_m;
    }
  *legs_out = legs;
  return TRUE;
}
