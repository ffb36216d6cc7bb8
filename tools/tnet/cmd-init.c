/* cmd-init.c: `tnet init DIR --osm FILE --zones FILE ...`: a network folder
 * from OSM, GTFS feeds and zones (the work is tnet_folder_init()). */
#include "cli.h"
#include "cli-extra.h"
#include "commands.h"
#include <stdio.h>
#include <unistd.h>

static void
print_step (guint64 done, guint64 total, const char *what, const char *unit,
            gpointer user_data)
{
  if (total == 0)
    fprintf (stderr, "\r  %s: %" G_GUINT64_FORMAT " %s\033[K", what, done, unit);
  else if (done == 0)
    fprintf (stderr, "\r  %s ...\033[K", what);
  else
    fprintf (stderr, "\r  %s: done\033[K\n", what);
  fflush (stderr);
}

int
tnet_cmd_init (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  GError *error = NULL;
  char *osm = NULL, *zones = NULL, *regions = NULL, *region_column = NULL, *name = NULL;
  char **gtfs = NULL;
  const GOptionEntry entries[] = {
    { "osm", 0, 0, G_OPTION_ARG_FILENAME, &osm, "OpenStreetMap extract (.osm.pbf or .osm)",
      "FILE" },
    { "gtfs", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &gtfs,
      "GTFS feed, folder or .zip (repeatable; ids prefixed by the feed's file name)", "FEED" },
    { "zones", 0, 0, G_OPTION_ARG_FILENAME, &zones,
      "Zones: CSV id,lon,lat,... or GeoJSON points/polygons", "FILE" },
    { "regions", 0, 0, G_OPTION_ARG_FILENAME, &regions, "Region polygons (GeoJSON)", "FILE" },
    { "region-column", 0, 0, G_OPTION_ARG_STRING, &region_column,
      "The zone column naming each zone's region", "COL" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, "Name of the data set (default: DIR's name)",
      "NAME" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = tnet_cli_context_new ("DIR",
    "Builds a network folder in DIR from an OSM extract, GTFS feeds and zones:\n"
    "nodes.csv, links.csv, link_geometry.csv, zones.csv, regions.csv, gtfs/ and\n"
    "a plan.ini skeleton (docs/data-format.md). Zones and stops are joined to the\n"
    "nearest street nodes by access and walk links at 4.8 km/h x 1.2.", entries);
  /* writes the folder DIR: no --data, --scenario, -o or --format */
  tnet_cli_add_common_options (ctx, &common, TNET_CLI_OPTION_QUIET, 0, 0, NULL, NULL);
  int rc = TNET_EXIT_OK;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (argc != 2)
    rc = tnet_cli_usage (ctx, argc < 2 ? "expected the folder to write (DIR)"
                                       : "too many arguments (expected DIR)");
  else if (osm == NULL || zones == NULL)
    rc = tnet_cli_usage (ctx, "expected --osm FILE and --zones FILE");
  else if (regions && region_column)
    rc = tnet_cli_usage (ctx, "give --regions or --region-column, not both");
  else
    {
      TnetInitOptions o;
      tnet_init_options_init (&o);
      o.osm_path = osm;
      o.gtfs_paths = (const char *const *) gtfs;
      o.zones_path = zones;
      o.regions_path = regions;
      o.region_column = region_column;
      o.name = name;
      if (!common.quiet && isatty (STDERR_FILENO))
        o.progress = print_step;
      TnetInitStats st;
      gint64 t0 = g_get_monotonic_time ();
      if (!tnet_folder_init (argv[1], &o, &st, &error))
        rc = tnet_cli_fail (NULL, error);
      else if (!common.quiet)
        fprintf (stderr,
                 "tnet: %s written in %.1f s: %u road nodes, %u road links (car network %u "
                 "nodes, walking %u); %u zones (%u unlinked, %u access links, longest %.0f m); "
                 "%u feed%s, %u stops (%u linked); %u parking places (%u linked); %u regions\n",
                 argv[1], (g_get_monotonic_time () - t0) / 1e6, st.n_road_nodes,
                 st.n_road_links, st.n_car_nodes, st.n_walk_nodes, st.n_zones,
                 st.n_zones_unlinked, st.n_access_links, st.max_access_m, st.n_feeds,
                 st.n_feeds == 1 ? "" : "s",
                 st.n_stops, st.n_stops_linked, st.n_parking, st.n_parking_linked,
                 st.n_regions);
    }
  g_free (osm);
  g_free (zones);
  g_free (regions);
  g_free (region_column);
  g_free (name);
  g_strfreev (gtfs);
  tnet_cli_common_clear (&common);
  return rc;
}
