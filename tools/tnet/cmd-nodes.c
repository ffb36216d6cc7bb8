/* cmd-nodes.c: `tnet nodes [PLACE] [--search TEXT]` — the nodes a place
 * names (docs/cli.md, "Places"), optionally those whose id or name
 * contains a text, with their kind, region and names. */
#include "cli.h"
#include "commands.h"

int
tnet_cmd_nodes (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  g_autofree char *search = NULL;
  GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      "Only the nodes whose id, name or English name contains TEXT (any case)", "TEXT" },
    { NULL }
  };
  GError *error = NULL;
  g_autoptr (GOptionContext) ctx = g_option_context_new ("[PLACE]");
  g_option_context_set_summary (ctx, "Lists the nodes PLACE names (default: all): a node id "
                                "or name, a region id, region:R, zones:R, kind:K, all, or a "
                                "list of them separated by ';' or ','. Text columns: id, "
                                "kind, region, name, English name.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  tnet_cli_add_common_formats (ctx, &common, TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON
                                             | TNET_CLI_FORMAT_CSV);
  int rc = TNET_EXIT_OK;
  TnetCliFormat fmt = TNET_CLI_FORMAT_TEXT;
  const TnetNetwork *net = NULL;
  g_autoptr (TnetScenario) scen = NULL;
  g_autoptr (TnetPlaceList) places = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (argc > 2)
    rc = tnet_cli_usage (ctx, "expected at most one argument PLACE");
  else if (!tnet_cli_format (&common, TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON
                                      | TNET_CLI_FORMAT_CSV, &fmt, &error)
           || !tnet_cli_load (&common, &net, &scen, &error)
           || !(places = tnet_place_list_parse (net, argc == 2 ? argv[1] : "all", &error)))
    rc = tnet_cli_fail (ctx, error);
  if (rc != TNET_EXIT_OK)
    {
      tnet_cli_common_clear (&common);
      return rc;
    }
  /* the place's nodes that the search keeps, in node order */
  guint n = tnet_network_n_nodes (net);
  g_autofree guint8 *keep = g_new0 (guint8, n + 1);
  for (guint k = 0; k < places->n_items; k++)
    for (guint i = 0; i < places->items[k].members->len; i++)
      keep[g_array_index (places->items[k].members, TnetId, i)] |= 1;
  g_autoptr (GArray) found = g_array_new (FALSE, FALSE, sizeof (TnetId));
  tnet_place_search (net, search, found);
  for (guint i = 0; i < found->len; i++)
    keep[g_array_index (found, TnetId, i)] |= 2;
  static const char *const header[] = { "id", "kind", "region", "name", "name_en", NULL };
  g_autoptr (TnetCsvWriter) w = fmt == TNET_CLI_FORMAT_CSV ? tnet_csv_writer_new (header) : NULL;
  g_autoptr (JsonBuilder) jb = fmt == TNET_CLI_FORMAT_JSON ? json_builder_new () : NULL;
  g_autoptr (GString) s = g_string_new (NULL);
  if (jb)
    json_builder_begin_array (jb);
  for (TnetId v = 0; v < n; v++)
    {
      if (keep[v] != 3)
        continue;
      const TnetNode *node = tnet_network_node (net, v);
      const char *cols[] = { node->id, tnet_node_kind_to_string (node->kind),
                             node->region ? node->region : "", node->name ? node->name : "",
                             node->name_en ? node->name_en : "" };
      if (w)
        {
          for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
            tnet_csv_writer_add_text (w, cols[c]);
          tnet_csv_writer_end_row (w);
        }
      else if (jb)
        {
          json_builder_begin_object (jb);
          for (guint c = 0; c < G_N_ELEMENTS (cols); c++)
            {
              json_builder_set_member_name (jb, header[c]);
              json_builder_add_string_value (jb, cols[c]);
            }
          json_builder_end_object (jb);
        }
      else
        g_string_append_printf (s, "%s\t%s\t%s\t%s\t%s\n", cols[0], cols[1], cols[2], cols[3],
                                cols[4]);
    }
  gboolean ok;
  if (jb)
    {
      json_builder_end_array (jb);
      ok = tnet_cli_write_json (&common, jb, &error);
    }
  else
    ok = tnet_cli_write (&common, w ? tnet_csv_writer_peek (w) : s->str, &error);
  tnet_cli_common_clear (&common);
  return ok ? TNET_EXIT_OK : tnet_cli_fail (ctx, error);
}
