/* cmd-import.c: `tnet import gtfs FEED` and `tnet import osm FILE -o DIR`. */
#include "cli.h"
#include "cli-extra.h"
#include "commands.h"
#include <stdio.h>
#include <string.h>
#include <math.h>
#include <unistd.h>

/* The service day and window of --date and --window (when given) into
 * @o. FALSE after reporting a malformed one, its exit code in @code. */
static gboolean
feed_options_from_args (GOptionContext *ctx, const char *date_s, const char *window_s,
                        TnetFeedOptions *o, int *code)
{
  if (date_s)
    {
      char *end;
      guint64 v = g_ascii_strtoull (date_s, &end, 10);
      if (*end || strlen (date_s) != 8)
        {
          *code = tnet_cli_usage (ctx, "malformed --date '%s' (expected YYYYMMDD)", date_s);
          return FALSE;
        }
      o->service_date = (guint) v;
    }
  if (window_s)
    {
      guint h0, m0, h1, m1;
      char tail;
      if (sscanf (window_s, "%u:%u-%u:%u%c", &h0, &m0, &h1, &m1, &tail) != 4 || m0 > 59
          || m1 > 59 || h0 > 47 || h1 > 48 || h1 * 60 + m1 <= h0 * 60 + m0)
        {
          *code = tnet_cli_usage (ctx, "malformed --window '%s' (expected HH:MM-HH:MM)",
                                  window_s);
          return FALSE;
        }
      o->window_start_s = h0 * 3600 + m0 * 60;
      o->window_end_s = h1 * 3600 + m1 * 60;
    }
  return TRUE;
}

static int
import_gtfs (int argc, char **argv, TnetCliCommon *common)
{
  GError *error = NULL;
  char *date = NULL, *window = NULL;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date,
      "Service day YYYYMMDD (default: the day with the most trips)", "YYYYMMDD" },
    { "window", 0, 0, G_OPTION_ARG_STRING, &window,
      "Time window for headways (default 07:00-09:00)", "HH:MM-HH:MM" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = tnet_cli_context_new ("gtfs FEED",
    "Reads a GTFS feed (folder or .zip), validates it and reports what it read:\n"
    "agencies, routes by mode, stops, service patterns and their headways.", entries);
  /* reads FEED alone: no --data or --scenario */
  tnet_cli_add_common_options (ctx, common, TNET_CLI_OPTION_OUTPUT | TNET_CLI_OPTION_QUIET,
                               TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON, TNET_CLI_FORMAT_TEXT,
                               NULL, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_free (date);
      g_free (window);
      return tnet_cli_fail (ctx, error);
    }
  g_autofree char *date_s = date;
  g_autofree char *window_s = window;
  if (argc < 2 || strcmp (argv[1], "gtfs") != 0)
    return tnet_cli_usage (ctx, argc < 2 ? "expected what to import: gtfs FEED or osm FILE"
                                         : "unknown import '%s' (expected gtfs or osm)", argv[1]);
  if (argc != 3)
    return tnet_cli_usage (ctx, argc < 3 ? "expected the feed (folder or .zip)"
                                         : "too many arguments (expected gtfs FEED)");
  TnetCliFormat format;
  if (!tnet_cli_format (common, TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON, &format, &error))
    return tnet_cli_fail (ctx, error);
  TnetFeedOptions o;
  tnet_feed_options_init (&o);
  int code;
  if (!feed_options_from_args (ctx, date_s, window_s, &o, &code))
    return code;
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (TnetFeed) feed = tnet_feed_load (argv[2], &o, &error);
  if (feed == NULL)
    return tnet_cli_fail (NULL, error);
  double load_ms = (g_get_monotonic_time () - t0) / 1000.0;

  g_autofree char *text = format == TNET_CLI_FORMAT_JSON
                          ? tnet_feed_summary_to_json (feed)
                          : tnet_feed_summary_to_text (feed, load_ms);
  if (!tnet_cli_write (common, text, &error))
    return tnet_cli_fail (ctx, error);
  return TNET_EXIT_OK;
}

/* `tnet import osm FILE.osm.pbf -o DIR`: the road network as network CSV. */
static int
import_osm (int argc, char **argv, TnetCliCommon *common)
{
  GError *error = NULL;
  gboolean contract = FALSE;
  char **speeds = NULL;
  const GOptionEntry entries[] = {
    { "contract", 0, 0, G_OPTION_ARG_NONE, &contract,
      "Merge chains of degree-2 nodes into single links (lengths kept)", NULL },
    { "speed", 0, 0, G_OPTION_ARG_STRING_ARRAY, &speeds,
      "Default speed of a highway class, e.g. --speed residential=25 (repeatable)",
      "CLASS=KMH" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = tnet_cli_context_new ("osm FILE.osm.pbf -o DIR",
    "Reads the car roads of an OpenStreetMap extract (.osm.pbf or .osm) and writes\n"
    "nodes.csv and links.csv into DIR. Node ids are OSM node ids; link ids are\n"
    "w<way id>_<k>.", entries);
  /* reads FILE alone and writes a folder: no --data, --scenario or --format */
  tnet_cli_add_common_options (ctx, common, TNET_CLI_OPTION_OUTPUT | TNET_CLI_OPTION_QUIET, 0, 0,
                               "DIR", "The folder to write nodes.csv and links.csv into "
                               "(required)");
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      g_strfreev (speeds);
      return tnet_cli_fail (ctx, error);
    }
  g_auto (GStrv) speeds_v = speeds;
  if (argc != 3)
    return tnet_cli_usage (ctx, argc < 3 ? "expected the OSM file (osm FILE.osm.pbf)"
                                         : "too many arguments (expected osm FILE)");
  if (common->output == NULL)
    return tnet_cli_usage (ctx, "expected the output folder (-o DIR)");
  TnetOsmOptions o;
  tnet_osm_options_init (&o);
  o.contract_degree2 = contract;
  for (guint i = 0; speeds_v && speeds_v[i]; i++)
    {
      g_auto (GStrv) kv = g_strsplit (speeds_v[i], "=", 2);
      TnetOsmHighway hw;
      char *end = NULL;
      double v = kv[0] && kv[1] ? g_ascii_strtod (kv[1], &end) : NAN;
      if (!kv[0] || !kv[1] || !tnet_osm_highway_from_string (kv[0], &hw) || end == kv[1]
          || *end || !(v > 0 && v <= 1000))
        return tnet_cli_usage (ctx, "malformed --speed '%s' (expected CLASS=KMH, CLASS a car "
                                    "highway value such as residential)", speeds_v[i]);
      o.speed_kmh[hw] = v;
    }
  /* elements read (the total is unknown): end the progress line here */
  o.progress = tnet_cli_progress_func (common);
  o.progress_data = common;
  g_autoptr (TnetNetwork) net = tnet_network_load_osm (argv[2], &o, &error);
  tnet_cli_progress_close ();
  if (net == NULL)
    return tnet_cli_fail (NULL, error);
  if (!tnet_network_save_csv (net, common->output, &error))
    return tnet_cli_fail (NULL, error);
  if (!common->quiet)
    fprintf (stderr, "tnet: %u nodes, %u links written to %s\n", tnet_network_n_nodes (net),
             tnet_network_n_links (net), common->output);
  return TNET_EXIT_OK;
}

int
tnet_cmd_import (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  /* dispatch on the first argument naming a kind of import */
  const char *what = NULL;
  for (int i = 1; i < argc && what == NULL; i++)
    if (strcmp (argv[i], "osm") == 0 || strcmp (argv[i], "gtfs") == 0)
      what = argv[i];
  int rc = what && strcmp (what, "osm") == 0 ? import_osm (argc, argv, &common)
                                             : import_gtfs (argc, argv, &common);
  tnet_cli_common_clear (&common);
  return rc;
}
