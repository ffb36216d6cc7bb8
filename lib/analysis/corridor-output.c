/* corridor-output.c: the summary form of a corridor pair, one object for
 * all its mode groups (`tnet run`'s [corridors], results.json).
 *
 * The full form of one analysis is tnet_corridor_to_json() (corridors.c);
 * both take the model members and the timetable alternatives from the
 * writers of corridor-timetable.c, so a journey reads the same in both.
 */
#include "tnet-internal.h"
#include "analysis-private.h"
#include "json-text.h"

#include <math.h>

/* A least-time path of the corridor's graph: its minutes and the links of
 * its arcs that run over a network link (access, waits and rides have
 * none). */
static void
summary_path_json (JsonBuilder *jb, const TnetCorridor *corr, const TnetNetwork *net,
                   const TnetPath *path)
{
  json_builder_begin_object (jb);
  json_builder_set_member_name (jb, "minutes");
  json_builder_add_double_value (jb, round (path->time_ms / 6000.0) / 10);
  json_builder_set_member_name (jb, "links");
  json_builder_begin_array (jb);
  for (guint k = 0; k < path->n_arcs; k++)
    {
      TnetId l = tnet_graph_arc_link (corr->graph, path->arcs[k]);
      if (l != TNET_ID_NONE)
        json_builder_add_string_value (jb, tnet_network_link (net, l)->id);
    }
  json_builder_end_array (jb);
  json_builder_end_object (jb);
}

/* The summary of one mode group: line count and names, the disjoint path
 * counts (the min cuts), the least-time alternatives, the counts within
 * the budget and the factor. */
static void
summary_json (JsonBuilder *jb, const TnetCorridor *corr, const TnetNetwork *net)
{
  json_builder_begin_object (jb);
  tnet_i_json_add_int (jb, "lines", corr->n_lines);
  json_builder_set_member_name (jb, "line_names");
  json_builder_begin_array (jb);
  for (guint i = 0; corr->lines && i < corr->lines->len; i++)
    json_builder_add_string_value (jb, corr->lines->pdata[i]);
  json_builder_end_array (jb);
  tnet_i_json_add_int (jb, "link_disjoint_paths",
                       corr->link_disjoint ? corr->link_disjoint->n_paths : 0);
  tnet_i_json_add_int (jb, "node_disjoint_paths",
                       corr->node_disjoint ? corr->node_disjoint->n_paths : 0);
  json_builder_set_member_name (jb, "fastest");
  json_builder_begin_array (jb);
  if (corr->journeys)
    for (guint i = 0; i < corr->journeys->len; i++)
      tnet_i_corridor_journey_json (jb, corr, net, i);
  else
    for (guint i = 0; corr->fastest && i < corr->fastest->n_paths; i++)
      summary_path_json (jb, corr, net, &corr->fastest->paths[i]);
  json_builder_end_array (jb);
  tnet_i_json_add_int (jb, "within_budget", corr->n_within_budget);
  tnet_i_json_add_int (jb, "within_factor", corr->n_within_factor);
  json_builder_end_object (jb);
}

char *
tnet_corridor_pair_to_json (const TnetCorridor *const *corrs, const char *const *groups,
                            guint n_groups, const TnetNetwork *net, const TnetNodeSet *a,
                            const TnetNodeSet *b, gboolean pretty)
{
  g_return_val_if_fail (corrs != NULL || n_groups == 0, NULL);
  g_return_val_if_fail (groups != NULL || n_groups == 0, NULL);
  g_return_val_if_fail (net != NULL && a != NULL && b != NULL, NULL);
  g_autoptr (JsonBuilder) jb = json_builder_new ();
  json_builder_begin_object (jb);
  tnet_i_json_add_string (jb, "from", a->spec);
  tnet_i_json_add_string (jb, "to", b->spec);
  if (n_groups > 0)
    tnet_i_corridor_model_json (jb, corrs[0]);
  json_builder_set_member_name (jb, "modes");
  json_builder_begin_object (jb);
  for (guint g = 0; g < n_groups; g++)
    {
      json_builder_set_member_name (jb, groups[g]);
      summary_json (jb, corrs[g], net);
    }
  json_builder_end_object (jb);
  json_builder_end_object (jb);
  g_autoptr (JsonNode) root = json_builder_get_root (jb);
  return tnet_json_to_text (root, pretty ? 2 : 0);
}
