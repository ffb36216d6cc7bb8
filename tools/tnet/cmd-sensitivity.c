/* cmd-sensitivity.c: `tnet sensitivity INDICATOR`, the input rows ranked by
 * how much each, alone, moves one plan indicator (a tornado table and
 * chart). */
#include "cli.h"
#include "commands.h"
#include <stdio.h>

static int top = 20;
static int n_threads = 0;
static char *chart = NULL;

static gboolean
sensitivity (TnetCliCommon *common, const char *key, TnetCliFormat format, GError **error)
{
  const TnetNetwork *net = NULL;
  g_autoptr (TnetScenario) scen = NULL;
  if (!tnet_cli_load (common, &net, &scen, error))
    return FALSE;
  g_autoptr (TnetSensitivity) s = tnet_report_sensitivity (common->dataset, scen, key,
                                                           (guint) n_threads, error);
  if (!s)
    return FALSE;
  if (chart && !tnet_sensitivity_save_chart (s, (guint) top, chart, error))
    return FALSE;
  g_autofree char *text = format == TNET_CLI_FORMAT_JSON
                          ? tnet_sensitivity_to_json (s, (guint) top, TRUE)
                          : format == TNET_CLI_FORMAT_CSV ? tnet_sensitivity_to_csv (s, (guint) top)
                          : tnet_sensitivity_to_text (s, (guint) top);
  return tnet_cli_write (common, text, error);
}

int
tnet_cmd_sensitivity (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  GError *error = NULL;
  GOptionEntry entries[] = {
    { "top", 0, 0, G_OPTION_ARG_INT, &top, "Rows shown, largest swing first (default 20; 0: all)", "N" },
    { "chart", 0, 0, G_OPTION_ARG_FILENAME, &chart,
      "Also draw the tornado chart to FILE (.png or .svg)", "FILE" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &n_threads,
      "Threads (default: one per processor)", "T" },
    { NULL }
  };
  GOptionContext *ctx = tnet_cli_command_context ("INDICATOR",
    "Ranks the link rows by how much each one alone moves a plan indicator of\n"
    "'tnet report' (a key such as expressway_km or commute_60min_pct) in the\n"
    "scenario: every active row is set to the low end (short, fast) and the high\n"
    "end (long, slow) of its range, the ranges of 'tnet report --uncertainty'\n"
    "(docs/uncertainty.md), and the indicator is recomputed; rows that do not\n"
    "move it are left out.", entries, &common, TNET_CLI_FORMATS_TABLE, TNET_CLI_FORMAT_TEXT);
  TnetCliFormat format = TNET_CLI_FORMAT_TEXT;
  int rc = TNET_EXIT_OK;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (argc != 2)
    rc = tnet_cli_usage (ctx, argc < 2 ? "expected an INDICATOR (a key of 'tnet report')"
                                       : "unexpected argument '%s'", argv[argc < 2 ? 0 : 2]);
  else if (top < 0 || n_threads < 0)
    rc = tnet_cli_usage (ctx, "--top and --threads expect 0 or more");
  else if (!tnet_cli_format (&common, TNET_CLI_FORMATS_TABLE, &format, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (!sensitivity (&common, argv[1], format, &error))
    rc = tnet_cli_fail (NULL, error);
  tnet_cli_common_clear (&common);
  g_option_context_free (ctx);
  g_clear_pointer (&chart, g_free);
  return rc;
}
