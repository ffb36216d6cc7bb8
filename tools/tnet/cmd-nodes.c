/* cmd-nodes.c: `tnet nodes [PLACE] [--search TEXT] [--limit N]` — the
 * nodes a place names (docs/cli.md, "Places"), optionally those whose id or
 * name contains a text, with their kind, region, names and position. The
 * selection and its forms are the library's (tnet_place_select_nodes(),
 * tnet_place_nodes_to_json() and siblings), shared with `tnet serve`. */
#include "cli.h"
#include "commands.h"

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
  g_autoptr (GOptionContext) ctx = tnet_cli_command_context ("[PLACE]",
    "Lists the nodes PLACE names (default: all): a node id "
    "or name, a region id, region:R, zones:R, kind:K, all, or a "
    "list of them separated by ';' or ','. Text columns: id, "
    "kind, region, name, English name (JSON: also lon, lat).", entries, &common,
    TNET_CLI_FORMATS_TABLE, TNET_CLI_FORMAT_TEXT);
  TnetCliFormat fmt = TNET_CLI_FORMAT_TEXT;
  const TnetNetwork *net = NULL;
  g_autoptr (TnetScenario) scen = NULL;
  g_autoptr (GArray) ids = NULL;
  int rc = tnet_cli_parse_with (ctx, &argc, &argv, 1, "expected at most one argument PLACE");
  if (rc != TNET_EXIT_OK)
    {
      /* reported */
    }
  else if (limit < 0)
    rc = tnet_cli_usage (ctx, "--limit: expected a positive number");
  else if (!tnet_cli_format (&common, TNET_CLI_FORMATS_TABLE, &fmt, &error)
           || !tnet_cli_load (&common, &net, &scen, &error)
           || !(ids = tnet_place_select_nodes (net, argc == 2 ? argv[1] : NULL, search,
                                               (guint) limit, &error)))
    rc = tnet_cli_fail (ctx, error);
  if (rc != TNET_EXIT_OK)
    {
      tnet_cli_common_clear (&common);
      return rc;
    }
  const TnetId *v = (const TnetId *) (void *) ids->data;
  g_autofree char *text = fmt == TNET_CLI_FORMAT_JSON ? tnet_place_nodes_to_json (net, v, ids->len)
                        : fmt == TNET_CLI_FORMAT_CSV ? tnet_place_nodes_to_csv (net, v, ids->len)
                        : tnet_place_nodes_to_text (net, v, ids->len);
  return tnet_cli_finish (ctx, &common, text);
}
