/* bench-init.c: time and peak memory of tnet_folder_init on an OSM extract
 * with a square grid of zones laid over a bounding box (Porto has no zone
 * table), and optionally on the São Paulo fixture with its hexagon grid.
 *
 *   bench-init [--spacing M] [OSM.pbf MIN_LON MIN_LAT MAX_LON MAX_LAT]
 *
 * Default: ../shared/data/osm-porto-r5/porto_portugal.osm.pbf over its
 * extract's bounding box (PROVENANCE), one zone every 500 m, each with a
 * seeded random population and jobs count (seed 14). Peak memory is the
 * process's maximum resident set (getrusage), which includes the program
 * itself (a few MB). One JSON line is printed last. */
#include <tnet/tnet.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <math.h>
#include <string.h>

static void
rm_rf (const char *path)
{
  GDir *d = g_dir_open (path, 0, NULL);
  if (d)
    {
      const char *name;
      while ((name = g_dir_read_name (d)))
        {
          g_autofree char *p = g_build_filename (path, name, NULL);
          if (g_file_test (p, G_FILE_TEST_IS_DIR))
            rm_rf (p);
          else
            g_remove (p);
        }
      g_dir_close (d);
    }
  g_rmdir (path);
}

int
main (int argc, char **argv)
{
  double spacing = 500;
  if (argc >= 3 && strcmp (argv[1], "--spacing") == 0)
    {
      spacing = g_ascii_strtod (argv[2], NULL);
      argc -= 2;
      argv += 2;
    }
  const char *shared = g_getenv ("TNET_SHARED_DATA");
  g_autofree char *osm = argc >= 6 ? g_strdup (argv[1])
                         : g_build_filename (shared ? shared : "../shared/data", "osm-porto-r5",
                                             "porto_portugal.osm.pbf", NULL);
  double box[4] = { -8.778, 40.981, -8.358, 41.399 };
  for (int i = 0; argc >= 6 && i < 4; i++)
    box[i] = g_ascii_strtod (argv[2 + i], NULL);
  if (!(spacing > 10) || !g_file_test (osm, G_FILE_TEST_IS_REGULAR))
    {
      fprintf (stderr, "usage: bench-init [--spacing M] [OSM MIN_LON MIN_LAT MAX_LON MAX_LAT]"
                       " (no file %s)\n", osm);
      return 2;
    }
  g_autofree char *tmp = g_dir_make_tmp ("tnet-bench-init-XXXXXX", NULL);
  g_autofree char *zones = g_build_filename (tmp, "zones.csv", NULL);
  GString *csv = g_string_new ("id,lon,lat,population,jobs\n");
  GRand *rand = g_rand_new_with_seed (14);
  double dlat = spacing / 111195.0;
  double dlon = dlat / cos ((box[1] + box[3]) / 2 * G_PI / 180);
  guint n_zones = 0;
  for (double lat = box[1] + dlat / 2; lat < box[3]; lat += dlat)
    for (double lon = box[0] + dlon / 2; lon < box[2]; lon += dlon)
      g_string_append_printf (csv, "g%u,%.6f,%.6f,%d,%d\n", n_zones++, lon, lat,
                              g_rand_int_range (rand, 0, 2000), g_rand_int_range (rand, 0, 1000));
  g_rand_free (rand);
  g_file_set_contents (zones, csv->str, (gssize) csv->len, NULL);
  g_string_free (csv, TRUE);

  g_autofree char *out = g_build_filename (tmp, "net", NULL);
  TnetInitOptions o;
  tnet_init_options_init (&o);
  o.osm_path = osm;
  o.zones_path = zones;
  TnetInitStats st;
  GError *error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  gboolean ok = tnet_folder_init (out, &o, &st, &error);
  double ms = (g_get_monotonic_time () - t0) / 1000.0;
  struct rusage ru;
  getrusage (RUSAGE_SELF, &ru);
  rm_rf (tmp);
  if (!ok)
    {
      fprintf (stderr, "bench-init: %s\n", error->message);
      g_error_free (error);
      return 1;
    }
  g_autofree char *base = g_path_get_basename (osm);
  printf ("%s: %u road nodes, %u road links, %u zones (%u unlinked) in %.0f ms, "
          "peak RSS %.1f MB\n", base, st.n_road_nodes, st.n_road_links, st.n_zones,
          st.n_zones_unlinked, ms, ru.ru_maxrss / 1024.0);
  printf ("{\"bench\":\"init\",\"osm\":\"%s\",\"road_nodes\":%u,\"road_links\":%u,\"zones\":%u,"
          "\"init_ms\":%.1f,\"peak_rss_mb\":%.1f}\n", base, st.n_road_nodes, st.n_road_links,
          st.n_zones, ms, ru.ru_maxrss / 1024.0);
  return 0;
}
