/* route-output.c: a path of a network's graph split into legs of one line
 * each (#TnetRouteLeg) and its JSON, text and GeoJSON forms, written once
 * for `tnet route` by car and serve's /route. */
#include "tnet-internal.h"
#include "json-text.h"
#include <math.h>
#include <string.h>

static void
leg_clear (gpointer p)
{
  TnetRouteLeg *leg = p;
  g_array_unref (leg->links);
}

GArray *
tnet_route_legs (const TnetNetwork *net, const TnetGraph *g, const TnetMetric *time,
                 const TnetId *arcs, guint n_arcs)
{
  g_return_val_if_fail (net != NULL && g != NULL && time != NULL, NULL);
  g_return_val_if_fail (arcs != NULL || n_arcs == 0, NULL);
  GArray *legs = g_array_new (FALSE, TRUE, sizeof (TnetRouteLeg));
  g_array_set_clear_func (legs, leg_clear);
  for (guint k = 0; k < n_arcs; k++)
    {
      TnetId li = tnet_graph_arc_link (g, arcs[k]);
      const TnetLink *link = tnet_network_link (net, li);
      const char *line = link->line && *link->line ? link->line : NULL;
      TnetRouteLeg *last = legs->len ? &g_array_index (legs, TnetRouteLeg, legs->len - 1) : NULL;
      if (last == NULL || last->mode != link->mode
          || (line == NULL) != (last->line == NULL)
          || (line && strcmp (line, last->line) != 0))
        {
          TnetRouteLeg leg = { line, link->mode,
                               tnet_graph_terminal_of (g, tnet_graph_arc_tail (g, arcs[k])), 0,
                               g_array_new (FALSE, FALSE, sizeof (TnetId)), 0.0, 0 };
          g_array_append_val (legs, leg);
          last = &g_array_index (legs, TnetRouteLeg, legs->len - 1);
        }
      last->to = tnet_graph_terminal_of (g, tnet_graph_arc_head (g, arcs[k]));
      g_array_append_val (last->links, li);
      last->length_m += link->length_m;
      last->time_ms += tnet_metric_weight (time, arcs[k]);
    }
  return legs;
}

/* The totals of @legs, summed in travel order. */
static void
totals (const GArray *legs, guint64 *ms, double *m)
{
  *ms = 0;
  *m = 0;
  for (guint i = 0; i < legs->len; i++)
    {
      *ms += g_array_index (legs, TnetRouteLeg, i).time_ms;
      *m += g_array_index (legs, TnetRouteLeg, i).length_m;
    }
}

/* Rounded to 0.001 for JSON (ms and metres stay exact enough). */
static double
round3 (double x)
{
  return round (x * 1000.0) / 1000.0;
}

static void
add_double (JsonBuilder *b, const char *name, double v)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, round3 (v));
}

static void
add_id (JsonBuilder *b, const char *name, const char *id)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, id);
}

static void
leg_json (JsonBuilder *b, const TnetNetwork *net, const TnetRouteLeg *leg)
{
  json_builder_begin_object (b);
  tnet_i_json_add_string (b, "line", leg->line);
  add_id (b, "mode", tnet_mode_to_string (leg->mode));
  add_id (b, "from", tnet_network_node (net, leg->from)->id);
  add_id (b, "to", tnet_network_node (net, leg->to)->id);
  json_builder_set_member_name (b, "links");
  json_builder_begin_array (b);
  for (guint k = 0; k < leg->links->len; k++)
    json_builder_add_string_value (
      b, tnet_network_link (net, g_array_index (leg->links, TnetId, k))->id);
  json_builder_end_array (b);
  add_double (b, "km", leg->length_m / 1000.0);
  add_double (b, "min", leg->time_ms / 60000.0);
  json_builder_end_object (b);
}

char *
tnet_route_to_json (const TnetNetwork *net, TnetId from, TnetId to, const char *metric,
                    const GArray *legs)
{
  g_return_val_if_fail (net != NULL && metric != NULL && legs != NULL, NULL);
  guint64 total_ms;
  double total_m;
  totals (legs, &total_ms, &total_m);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  add_id (b, "from", tnet_network_node (net, from)->id);
  add_id (b, "to", tnet_network_node (net, to)->id);
  add_id (b, "profile", "car");
  add_id (b, "metric", metric);
  add_double (b, "total_min", total_ms / 60000.0);
  add_double (b, "total_km", total_m / 1000.0);
  json_builder_set_member_name (b, "legs");
  json_builder_begin_array (b);
  for (guint i = 0; i < legs->len; i++)
    leg_json (b, net, &g_array_index (legs, TnetRouteLeg, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return tnet_json_to_text (root, 2);
}

/* "name (id)", or the id of a node without a name, into @buf. */
static const char *
node_label (const TnetNetwork *net, TnetId v, GString *buf)
{
  const TnetNode *node = tnet_network_node (net, v);
  g_string_truncate (buf, 0);
  if (node->name && *node->name)
    g_string_append_printf (buf, "%s (%s)", node->name, node->id);
  else
    g_string_append (buf, node->id);
  return buf->str;
}

char *
tnet_route_to_text (const TnetNetwork *net, TnetId from, TnetId to, const char *metric,
                    int year, const GArray *legs)
{
  g_return_val_if_fail (net != NULL && metric != NULL && legs != NULL, NULL);
  guint64 total_ms;
  double total_m;
  totals (legs, &total_ms, &total_m);
  GString *out = g_string_new (NULL);
  g_autoptr (GString) a = g_string_new (NULL);
  g_autoptr (GString) b = g_string_new (NULL);
  g_string_append_printf (out, "Route by car from %s to %s (%s, scenario %d)\n",
                          node_label (net, from, a), node_label (net, to, b),
                          strcmp (metric, "time") == 0 ? "fastest" : "shortest", year);
  for (guint i = 0; i < legs->len; i++)
    {
      const TnetRouteLeg *leg = &g_array_index (legs, TnetRouteLeg, i);
      g_string_append_printf (out, "  %s [%s]: %s -> %s, %.1f km, %.1f min\n",
                              leg->line ? leg->line : "(no line)",
                              tnet_mode_to_string (leg->mode),
                              node_label (net, leg->from, a), node_label (net, leg->to, b),
                              leg->length_m / 1000.0, leg->time_ms / 60000.0);
    }
  g_string_append_printf (out, "Total: %.1f min, %.1f km\n", total_ms / 60000.0,
                          total_m / 1000.0);
  return g_string_free (out, FALSE);
}

char *
tnet_route_to_geojson (const TnetNetwork *net, const GArray *legs)
{
  g_return_val_if_fail (net != NULL && legs != NULL, NULL);
  guint n = MAX (legs->len, 1);
  g_autofree const TnetId **paths = g_new0 (const TnetId *, n);
  g_autofree guint *lens = g_new0 (guint, n);
  g_autofree const char **labels = g_new0 (const char *, n);
  for (guint i = 0; i < legs->len; i++)
    {
      const TnetRouteLeg *leg = &g_array_index (legs, TnetRouteLeg, i);
      paths[i] = (const TnetId *) (void *) leg->links->data;
      lens[i] = leg->links->len;
      labels[i] = leg->line ? leg->line : tnet_mode_to_string (leg->mode);
    }
  return tnet_geojson_paths (net, (const TnetId *const *) paths, lens, legs->len,
                             (const char *const *) labels);
}
