/* cmd-transfers.c: `tnet transfers [HUB]` — walk and wait between every
 * pair of services at the hubs of the network folder, or (--feed) at the
 * parent stations of a GTFS feed. */
#include "cli.h"
#include "commands.h"
#include "route-transit.h"
#include "transfers-output.h"

/* --depart / --window / --date into the options the feed is read with:
 * the window of the headways and connection waits and its service day. */
static gboolean
window_options (const char *depart, int window_min, const char *date, TnetFeedOptions *fo,
                GError **error)
{
  tnet_feed_options_init (fo);
  gint32 start_s = (gint32) fo->window_start_s;
  if (depart && !tnet_cli_parse_clock (depart, &start_s))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "bad --depart '%s' (expected HH:MM, up to 47:59)", depart);
      return FALSE;
    }
  if (window_min < 0 || window_min > 24 * 60)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "bad --window %d (expected 1..1440 minutes)", window_min);
      return FALSE;
    }
  guint length_s = window_min > 0 ? (guint) window_min * 60
                                  : fo->window_end_s - fo->window_start_s;
  fo->window_start_s = (guint) start_s;
  fo->window_end_s = (guint) start_s + length_s;
  if (date && !tnet_cli_parse_date (date, &fo->service_date))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "bad --date '%s' (expected YYYY-MM-DD)", date);
      return FALSE;
    }
  return TRUE;
}

int
tnet_cmd_transfers (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  g_autofree char *feed_path = NULL;
  g_autofree char *depart = NULL, *date = NULL;
  int window_min = 0;
  GOptionEntry entries[] = {
    { "feed", 0, 0, G_OPTION_ARG_FILENAME, &feed_path,
      "A GTFS feed (folder or .zip): its parent stations served by two or more routes are the hubs",
      "FEED" },
    { "depart", 0, 0, G_OPTION_ARG_STRING, &depart,
      "Start of the window the headways and timetabled connection waits are taken over "
      "(default 07:00)", "HH:MM" },
    { "window", 0, 0, G_OPTION_ARG_INT, &window_min,
      "Length of the window in minutes (default 120)", "MIN" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date,
      "Service day (default: the feed's busiest day)", "YYYY-MM-DD" },
    { NULL }
  };
  GError *error = NULL;
  g_autoptr (GOptionContext) ctx = tnet_cli_command_context ("[HUB]",
    "Hub transfer times: for every ordered pair of services "
    "meeting at a hub, the walk, the expected wait (half the "
    "headway over the window) and their sum, and where both "
    "services run on timetables the real connection wait "
    "averaged over the arrivals in the window; per hub the means, unweighted and "
    "weighted by frequency, by mode pair, the worst pairs and "
    "pass/fail of the mean walk against the hub's target.", entries, &common,
    TNET_CLI_FORMATS_TABLE, TNET_CLI_FORMAT_TEXT);
  int rc = TNET_EXIT_OK;
  TnetCliFormat fmt = TNET_CLI_FORMAT_TEXT;
  const TnetNetwork *net = NULL;
  g_autoptr (TnetScenario) scen = NULL;
  g_autoptr (TnetFeed) feed = NULL;
  g_autoptr (TnetHubSet) hubs = NULL;
  g_autoptr (TnetHubTransfers) t = NULL;
  TnetFeedOptions fo;
  common.feed_options = &fo;   /* filled in before the folder is loaded */
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (!window_options (depart, window_min, date, &fo, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (argc > 2)
    rc = tnet_cli_usage (ctx, "expected at most one argument HUB");
  else if (!tnet_cli_format (&common, TNET_CLI_FORMATS_TABLE, &fmt, &error))
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
      else if (!(feed = tnet_feed_load (feed_path, &fo, &error)))
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
      only = tnet_hub_transfers_find (t, argv[1], &error);
      if (only < 0)
        {
          g_printerr ("tnet: %s; run without HUB to list them\n", error->message);
          g_clear_error (&error);
          rc = TNET_EXIT_INPUT;
        }
    }
  if (rc != TNET_EXIT_OK)
    {
      tnet_cli_common_clear (&common);
      return rc;
    }
  g_autofree char *s = fmt == TNET_CLI_FORMAT_JSON  ? tnet_hub_transfers_to_json (t, only)
                       : fmt == TNET_CLI_FORMAT_CSV ? tnet_hub_transfers_to_csv (t, only)
                                                    : tnet_hub_transfers_to_text (t, only);
  return tnet_cli_finish (ctx, &common, s);
}
