/* fuzz-gtfs-zip.c: tnet_feed_load() on a zipped GTFS feed (the input is
 * the zip file), with a 64 MiB bound on the uncompressed members so that a
 * bomb is an error, not an out-of-memory. A feed that loads is checked and
 * compiled into a transit graph over the bundled network. */
#include "fuzz-gtfs.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fz_init ();
  char *path = fz_write ("feed.zip", data, size);
  TnetFeedOptions opts;
  tnet_feed_options_init (&opts);
  opts.max_uncompressed_bytes = 64 << 20;
  GError *error = NULL;
  TnetFeed *feed = tnet_feed_load (path, &opts, &error);
  if (feed)
    {
      fz_note ("feed");
      fz_check_feed (feed);
      tnet_feed_unref (feed);
    }
  else
    fz_expect_error (error);
  g_free (path);
  return 0;
}
