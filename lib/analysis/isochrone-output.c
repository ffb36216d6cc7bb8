/* isochrone-output.c: the JSON of an isochrone's zones and reach, for the
 * [isochrone] group of `tnet run` (results.json). */
#include "tnet-internal.h"
#include "json-text.h"

#include <math.h>
#include <string.h>

void
tnet_isochrone_reach (const TnetNetwork *net, const TnetWeight *node_ms, TnetWeight budget_ms,
                      guint *n_reached, double *zone_population)
{
  g_return_if_fail (net != NULL && node_ms != NULL && n_reached != NULL
                    && zone_population != NULL);
  guint reached = 0;
  double pop = 0;
  for (TnetId v = 0; v < tnet_network_n_nodes (net); v++)
    if (node_ms[v] != TNET_WEIGHT_INF && node_ms[v] <= budget_ms)
      {
        const TnetNode *n = tnet_network_node (net, v);
        reached++;
        if (n->kind == TNET_NODE_ZONE)
          pop += n->population;
      }
  *n_reached = reached;
  *zone_population = pop;
}

/* Member "zones": each zone node's id and minutes to 0.1 (null when
 * unreached) from @node_ms. */
static void
zones_member (JsonBuilder *b, const TnetNetwork *net, const TnetWeight *node_ms)
{
  json_builder_set_member_name (b, "zones");
  json_builder_begin_array (b);
  for (TnetId v = 0; v < tnet_network_n_nodes (net); v++)
    {
      const TnetNode *n = tnet_network_node (net, v);
      if (n->kind != TNET_NODE_ZONE)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, n->id);
      json_builder_set_member_name (b, "minutes");
      if (node_ms[v] != TNET_WEIGHT_INF)
        json_builder_add_double_value (b, round (tnet_weight_to_min (node_ms[v]) * 10) / 10);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

char *
tnet_isochrone_zones_to_json (const TnetNetwork *net, const TnetWeight *node_ms,
                              const TnetIsochroneLabels *labels)
{
  g_return_val_if_fail (net != NULL && node_ms != NULL && labels != NULL, NULL);
  guint reached;
  double pop;
  tnet_isochrone_reach (net, node_ms, labels->budget_ms, &reached, &pop);
  const char *profile = labels->profile ? labels->profile : "car";
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  tnet_i_json_add_string (b, "from", labels->from);
  json_builder_set_member_name (b, "profile");
  json_builder_add_string_value (b, profile);
  json_builder_set_member_name (b, "minutes");
  json_builder_add_double_value (b, tnet_weight_to_min (labels->budget_ms));
  json_builder_set_member_name (b, "nodes_reached");
  json_builder_add_int_value (b, reached);
  json_builder_set_member_name (b, "zone_population_reached");
  json_builder_add_double_value (b, pop);
  if (strcmp (profile, "car") != 0)
    {
      json_builder_set_member_name (b, "model");
      json_builder_add_string_value (b, labels->by_timetable ? "timetable"
                                                             : "frequency approximation");
    }
  if (labels->by_timetable)
    tnet_i_json_timetable_object (b, labels->timetable_feed, labels->timetable_date,
                                  labels->depart_s, labels->window_ms, labels->max_walk_ms,
                                  labels->percentile);
  zones_member (b, net, node_ms);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return tnet_json_to_text (root, 2);
}
