/* fuzz-gtfs-folder.c: tnet_feed_load() on a GTFS folder. The input is split
 * at NULs into agency, stops, routes, trips, stop_times, calendar,
 * calendar_dates, frequencies and transfers (.txt), in that order; an
 * empty part, and every file past the last part, is absent. A feed that loads is checked and compiled
 * into a transit graph over the bundled network. */
#include "fuzz-gtfs.h"

static const char *const files[] = {
  "agency.txt", "stops.txt", "routes.txt", "trips.txt", "stop_times.txt",
  "calendar.txt", "calendar_dates.txt", "frequencies.txt", "transfers.txt",
};
#define N_FILES G_N_ELEMENTS (files)

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fz_init ();
  FzPart parts[N_FILES];
  size_t n = fz_split (data, size, parts, N_FILES);
  char *dir = g_build_filename (fz_dir (), "gtfs", NULL);
  g_mkdir_with_parents (dir, 0700);
  for (size_t i = 0; i < N_FILES; i++)
    {
      char *name = g_build_filename ("gtfs", files[i], NULL);
      gboolean present = i < n && parts[i].size > 0;
      g_free (fz_write (name, present ? parts[i].data : NULL, present ? parts[i].size : 0));
      g_free (name);
    }
  GError *error = NULL;
  TnetFeed *feed = tnet_feed_load (dir, NULL, &error);
  if (feed)
    {
      fz_note ("feed");
      fz_check_feed (feed);
      tnet_feed_unref (feed);
    }
  else
    fz_expect_error (error);
  g_free (dir);
  return 0;
}
