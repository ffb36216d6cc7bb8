/* nodes-output.c: a selection of nodes (`tnet nodes`, serve's /nodes) and
 * its JSON, CSV and text forms, written once for both. */
#include "tnet-internal.h"
#include "json-text.h"

GArray *
tnet_place_select_nodes (const TnetNetwork *net, const char *place, const char *search,
                         guint limit, GError **error)
{
  g_return_val_if_fail (net != NULL, NULL);
  g_autoptr (TnetPlaceList) places = tnet_place_list_parse (net, place ? place : "all", error);
  if (places == NULL)
    return NULL;
  guint n = tnet_network_n_nodes (net);
  g_autofree guint8 *keep = g_new0 (guint8, n + 1);
  for (guint k = 0; k < places->n_items; k++)
    for (guint i = 0; i < places->items[k].members->len; i++)
      keep[g_array_index (places->items[k].members, TnetId, i)] |= 1;
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (TnetId));
  tnet_place_search (net, search, found);
  for (guint i = 0; i < found->len; i++)
    keep[g_array_index (found, TnetId, i)] |= 2;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (TnetId v = 0; v < n && (limit == 0 || ids->len < limit); v++)
    if (keep[v] == 3)
      g_array_append_val (ids, v);
  return ids;
}

/* The text columns of node @v: id, kind, region, name, name_en ("" where
 * nodes.csv leaves one empty). */
static void
node_columns (const TnetNetwork *net, TnetId v, const char *cols[5])
{
  const TnetNode *node = tnet_network_node (net, v);
  cols[0] = node->id;
  cols[1] = tnet_node_kind_to_string (node->kind);
  cols[2] = node->region ? node->region : "";
  cols[3] = node->name ? node->name : "";
  cols[4] = node->name_en ? node->name_en : "";
}

static const char *const column_names[] = { "id", "kind", "region", "name", "name_en", NULL };

char *
tnet_place_nodes_to_json (const TnetNetwork *net, const TnetId *ids, guint n_ids)
{
  g_return_val_if_fail (net != NULL && (ids != NULL || n_ids == 0), NULL);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_array (b);
  for (guint i = 0; i < n_ids; i++)
    {
      const char *cols[5];
      node_columns (net, ids[i], cols);
      json_builder_begin_object (b);
      for (guint c = 0; c < 5; c++)
        {
          json_builder_set_member_name (b, column_names[c]);
          json_builder_add_string_value (b, cols[c]);
        }
      const TnetNode *node = tnet_network_node (net, ids[i]);
      json_builder_set_member_name (b, "lon");
      json_builder_add_double_value (b, node->lon);
      json_builder_set_member_name (b, "lat");
      json_builder_add_double_value (b, node->lat);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return tnet_json_to_text (root, 2);
}

char *
tnet_place_nodes_to_csv (const TnetNetwork *net, const TnetId *ids, guint n_ids)
{
  g_return_val_if_fail (net != NULL && (ids != NULL || n_ids == 0), NULL);
  TnetCsvWriter *w = tnet_csv_writer_new (column_names);
  for (guint i = 0; i < n_ids; i++)
    {
      const char *cols[5];
      node_columns (net, ids[i], cols);
      for (guint c = 0; c < 5; c++)
        tnet_csv_writer_add_text (w, cols[c]);
      tnet_csv_writer_end_row (w);
    }
  return tnet_csv_writer_free_to_string (w);
}

char *
tnet_place_nodes_to_text (const TnetNetwork *net, const TnetId *ids, guint n_ids)
{
  g_return_val_if_fail (net != NULL && (ids != NULL || n_ids == 0), NULL);
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < n_ids; i++)
    {
      const char *cols[5];
      node_columns (net, ids[i], cols);
      g_string_append_printf (s, "%s\t%s\t%s\t%s\t%s\n", cols[0], cols[1], cols[2], cols[3],
                              cols[4]);
    }
  return g_string_free (s, FALSE);
}
