/* cmd-transfers.c: `tnet transfers [HUB]` — walk and wait between every
 * pair of services at the hubs of the network folder, or (--feed) at the
 * parent stations of a GTFS feed. */
#include "cli.h"
#include "commands.h"
#include "transfers-output.h"

int
tnet_cmd_transfers (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  g_autofree char *feed_path = NULL;
  GOptionEntry entries[] = {
    { "feed", 0, 0, G_OPTION_ARG_FILENAME, &feed_path,
      "A GTFS feed (folder or .zip): its parent stations served by two or more routes are the hubs",
      "FEED" },
    { NULL }
  };
  GError *error = NULL;
  g_autoptr (GOptionContext) ctx = g_option_context_new ("[HUB]");
  g_option_context_set_summary (ctx, "Hub transfer times: for every ordered pair of services "
                                "meeting at a hub, the walk, the expected wait (half the "
                                "headway) and their sum; per hub the means, unweighted and "
                                "weighted by frequency, by mode pair, the worst pairs and "
                                "pass/fail of the mean walk against the hub's target.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  tnet_cli_add_common (ctx, &common);
  int rc = TNET_EXIT_OK;
  TnetCliFormat fmt = TNET_CLI_FORMAT_TEXT;
  const TnetNetwork *net = NULL;
  g_autoptr (TnetScenario) scen = NULL;
  g_autoptr (TnetFeed) feed = NULL;
  g_autoptr (TnetHubSet) hubs = NULL;
  g_autoptr (TnetHubTransfers) t = NULL;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (argc > 2)
    rc = tnet_cli_usage (ctx, "expected at most one argument HUB");
  else if (!tnet_cli_format (&common, TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON
                                      | TNET_CLI_FORMAT_CSV, &fmt, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (feed_path)
    {
      /* GTFS-only: the scenario is only a year (default this year; it
       * matters only to hubs that open later, which a feed has none of) */
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      gint64 year = g_date_time_get_year (now);
      if (common.scenario && !g_ascii_string_to_signed (common.scenario, 10, 1800, 2200,
                                                        &year, NULL))
        rc = tnet_cli_usage (ctx, "with --feed, --scenario must be a year, found “%s”",
                             common.scenario);
      else if (!(feed = tnet_feed_load (feed_path, NULL, &error)))
        rc = tnet_cli_fail (ctx, error);
      else
        {
          scen = tnet_scenario_new ((int) year);
          hubs = tnet_hub_set_from_feed (feed);
          t = tnet_hub_transfers_compute (hubs, feed, scen);
        }
    }
  else if (!tnet_cli_load (&common, &net, &scen, &error)
           || !(t = tnet_cli_transfers_compute (common.dataset, scen, &error)))
    rc = tnet_cli_fail (ctx, error);
  int only = -1;
  if (rc == TNET_EXIT_OK && argc == 2)
    {
      only = tnet_hub_transfers_find (t, argv[1]);
      if (only < 0)
        {
          g_printerr ("tnet: unknown hub “%s” (%u hubs; try without HUB to list them)\n",
                      argv[1], tnet_hub_transfers_n_hubs (t));
          rc = TNET_EXIT_INPUT;
        }
    }
  if (rc != TNET_EXIT_OK)
    {
      tnet_cli_common_clear (&common);
      return rc;
    }
  gboolean ok;
  if (fmt == TNET_CLI_FORMAT_JSON)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      tnet_cli_transfers_json (b, t, only);
      ok = tnet_cli_write_json (&common, b, &error);
    }
  else
    {
      g_autofree char *s = fmt == TNET_CLI_FORMAT_CSV ? tnet_cli_transfers_csv (t, only)
                                                      : tnet_cli_transfers_text (t, only);
      ok = tnet_cli_write (&common, s, &error);
    }
  tnet_cli_common_clear (&common);
  return ok ? TNET_EXIT_OK : tnet_cli_fail (ctx, error);
}
