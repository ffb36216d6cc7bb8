/* cmd-nodes.c: `tnet nodes [PLACE] [--search TEXT] [--limit N]` — the
 * nodes a place names (docs/cli.md, "Places"), optionally those whose id or
 * name contains a text, with their kind, region, names and position. The
 * selection and the JSON document are shared with `tnet serve` (/nodes). */
#include "cli.h"
#include "commands.h"
#include "nodes-json.h"

GArray *
tnet_cli_nodes_select (const TnetNetwork *net, const char *place, const char *search,
                       guint limit, GError **error)
{
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

/* A text column: "" where nodes.csv leaves it empty (docs/json-schema.md). */
static void
add_text (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value ? value : "");
}

char *
tnet_cli_nodes_json (const TnetNetwork *net, const TnetId *ids, guint n_ids)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_array (b);
  for (guint i = 0; i < n_ids; i++)
    {
      const TnetNode *node = tnet_network_node (net, ids[i]);
      json_builder_begin_object (b);
      add_text (b, "id", node->id);
      add_text (b, "kind", tnet_node_kind_to_string (node->kind));
      add_text (b, "region", node->region);
      add_text (b, "name", node->name);
      add_text (b, "name_en", node->name_en);
      json_builder_set_member_name (b, "lon");
      json_builder_add_double_value (b, node->lon);
      json_builder_set_member_name (b, "lat");
      json_builder_add_double_value (b, node->lat);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return tnet_cli_json_to_string (b);
}

int
tnet_cmd_nodes (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  g_autofree char *search = NULL;
  int limit = 0;
  GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      "Only the nodes whose id, name or English name contains TEXT (any case)", "TEXT" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, "At most N nodes, the first in file order "
      "(default: all)", "N" },
    { NULL }
  };
  GError *error = NULL;
  g_autoptr (GOptionContext) ctx = g_option_context_new ("[PLACE]");
  g_option_context_set_summary (ctx, "Lists the nodes PLACE names (default: all): a node id "
                                "or name, a region id, region:R, zones:R, kind:K, all, or a "
                                "list of them separated by ';' or ','. Text columns: id, "
                                "kind, region, name, English name (JSON: also lon, lat).");
  g_option_context_add_main_entries (ctx, entries, NULL);
  tnet_cli_add_common_formats (ctx, &common, TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON
                                             | TNET_CLI_FORMAT_CSV,
                               TNET_CLI_FORMAT_TEXT);
  int rc = TNET_EXIT_OK;
  TnetCliFormat fmt = TNET_CLI_FORMAT_TEXT;
  const TnetNetwork *net = NULL;
  g_autoptr (TnetScenario) scen = NULL;
  g_autoptr (GArray) ids = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (argc > 2)
    rc = tnet_cli_usage (ctx, "expected at most one argument PLACE");
  else if (limit < 0)
    rc = tnet_cli_usage (ctx, "--limit: expected a positive number");
  else if (!tnet_cli_format (&common, TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON
                                      | TNET_CLI_FORMAT_CSV, &fmt, &error)
           || !tnet_cli_load (&common, &net, &scen, &error)
           || !(ids = tnet_cli_nodes_select (net, argc == 2 ? argv[1] : NULL, search,
                                             (guint) limit, &error)))
    rc = tnet_cli_fail (ctx, error);
  if (rc != TNET_EXIT_OK)
    {
      tnet_cli_common_clear (&common);
      return rc;
    }
  g_autofree char *json = NULL;
  static const char *const header[] = { "id", "kind", "region", "name", "name_en", NULL };
  g_autoptr (TnetCsvWriter) w = fmt == TNET_CLI_FORMAT_CSV ? tnet_csv_writer_new (header) : NULL;
  g_autoptr (GString) s = g_string_new (NULL);
  if (fmt == TNET_CLI_FORMAT_JSON)
    json = tnet_cli_nodes_json (net, (const TnetId *) (void *) ids->data, ids->len);
  else
    for (guint i = 0; i < ids->len; i++)
      {
        const TnetNode *node = tnet_network_node (net, g_array_index (ids, TnetId, i));
        const char *cols[] = { node->id, tnet_node_kind_to_string (node->kind),
                               node->region ? node->region : "", node->name ? node->name : "",
                               node->name_en ? node->name_en : "" };
        if (w)
          {
            for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
              tnet_csv_writer_add_text (w, cols[c]);
            tnet_csv_writer_end_row (w);
          }
        else
          g_string_append_printf (s, "%s\t%s\t%s\t%s\t%s\n", cols[0], cols[1], cols[2],
                                  cols[3], cols[4]);
      }
  gboolean ok = tnet_cli_write (&common, json ? json : w ? tnet_csv_writer_peek (w) : s->str,
                                &error);
  tnet_cli_common_clear (&common);
  return ok ? TNET_EXIT_OK : tnet_cli_fail (ctx, error);
}
