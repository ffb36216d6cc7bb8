/* test-limits.c: the documented limits (docs/hardening.md) give clean,
 * located errors: ids beyond 31 bits, over-long lines, absurd speeds,
 * lengths and times, zip bombs and zip members that lie about their size;
 * and some inputs found while fuzzing load as they should. */
#include "tests-common.h"

#include <glib/gstdio.h>
#include <zip.h>

/* ------------------------------------------------------------ 32-bit ids */

START_TEST (test_graph_ids_beyond_31_bits)
{
  GError *error = NULL;
  /* no arcs to read: the counts alone must be refused, before allocating */
  ck_assert_ptr_null (tnet_graph_new_from_arcs (1u << 31, 0, NULL, NULL, NULL, NULL, &error));
  tt_assert_error (error, TNET_ERROR_TOO_LARGE, "below 2^31");
  ck_assert_ptr_null (tnet_graph_new_from_arcs (G_MAXUINT32, 0, NULL, NULL, NULL, NULL,
                                                &error));
  tt_assert_error (error, TNET_ERROR_TOO_LARGE, NULL);
}
END_TEST

static const struct {
  const char *gr;
  int code;
  const char *needle;
} big_dimacs[] = {
  { "p sp 2147483648 1\na 1 2 3\n", TNET_ERROR_TOO_LARGE, "x.gr:1:6: 2147483648 is too large" },
  { "p sp 2 4294967296\na 1 2 3\n", TNET_ERROR_TOO_LARGE, "x.gr:1:8: 4294967296 is too large" },
  { "p sp 99999999999999999999 1\n", TNET_ERROR_INVALID_INPUT, "x.gr:1:6:" },
  { "p sp 2 1\na 4294967297 1 3\n", TNET_ERROR_INVALID_INPUT, "x.gr:2:3:" },
  { "p sp 2 1\na 1 2 4294967296\n", TNET_ERROR_INVALID_INPUT, "x.gr:2:7:" },
};

START_TEST (test_dimacs_beyond_31_bits)
{
  g_autofree char *dir = tt_mkdtemp ();
  tt_write_file (dir, "x.gr", big_dimacs[_i].gr);
  g_autofree char *path = g_build_filename (dir, "x.gr", NULL);
  GError *error = NULL;
  ck_assert_ptr_null (tnet_dimacs_load (path, NULL, &error));
  tt_assert_error (error, big_dimacs[_i].code, big_dimacs[_i].needle);
  tt_rm_rf (dir);
}
END_TEST

/* ------------------------------------------------------ network CSV values */

#define NODES "id,name,kind,lon,lat\na,A,zone,113.8,34.0\nb,B,zone,113.9,34.1\n"
#define LINKS "id,from,to,mode,line,length_km,speed_kmh,time_min\n"

static const struct {
  const char *nodes, *links;
  int code;
  const char *needle;
} absurd[] = {
  { NODES, LINKS "l,a,b,road,R,1,1e9,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:16: expected a speed in km/h in (0, 1000]" },
  { NODES, LINKS "l,a,b,road,R,1,1e999,\n", TNET_ERROR_INVALID_INPUT, "links.csv:2:16:" },
  { NODES, LINKS "l,a,b,road,R,1,-60,\n", TNET_ERROR_INVALID_INPUT, "links.csv:2:16:" },
  { NODES, LINKS "l,a,b,road,R,1,0,\n", TNET_ERROR_INVALID_INPUT, "links.csv:2:16:" },
  { NODES, LINKS "l,a,b,road,R,1,NaN,\n", TNET_ERROR_INVALID_INPUT, "links.csv:2:16:" },
  { NODES, LINKS "l,a,b,road,R,1,inf,\n", TNET_ERROR_INVALID_INPUT, "links.csv:2:16:" },
  { NODES, LINKS "l,a,b,road,R,1e308,60,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:14: expected a length in km in (0, 10000]" },
  { NODES, LINKS "l,a,b,road,R,0,60,\n", TNET_ERROR_INVALID_INPUT, "links.csv:2:14:" },
  { NODES, LINKS "l,a,b,road,R,-0,60,\n", TNET_ERROR_INVALID_INPUT, "links.csv:2:14:" },
  { NODES, LINKS "l,a,b,road,R,1,,1e7\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:17: expected a time in minutes in [0, 10000]" },
  { NODES, LINKS "l,a,b,road,R,1,,-1\n", TNET_ERROR_INVALID_INPUT, "links.csv:2:17:" },
  { "id,name,kind,lon,lat,population\na,A,zone,113.8,34.0,-5\nb,B,zone,1,1,\n", LINKS,
    TNET_ERROR_INVALID_INPUT, "nodes.csv:2:21: expected a non-negative population" },
  { "id,name,kind,lon,lat\na,A,zone,1e400,34.0\n", LINKS, TNET_ERROR_INVALID_INPUT,
    "nodes.csv:2:10:" },
};

START_TEST (test_network_absurd_values)
{
  g_autofree char *dir = tt_mkdtemp ();
  tt_write_file (dir, "nodes.csv", absurd[_i].nodes);
  tt_write_file (dir, "links.csv", absurd[_i].links);
  GError *error = NULL;
  ck_assert_ptr_null (tnet_network_load_csv (dir, &error));
  tt_assert_error (error, absurd[_i].code, absurd[_i].needle);
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_network_long_line)
{
  g_autofree char *dir = tt_mkdtemp ();
  GString *nodes = g_string_new ("id,name,kind,lon,lat\na,");
  for (int i = 0; i < (1 << 20) + 10; i++)
    g_string_append_c (nodes, 'n');
  g_string_append (nodes, ",zone,1,1\n");
  tt_write_file (dir, "nodes.csv", nodes->str);
  tt_write_file (dir, "links.csv", LINKS);
  g_string_free (nodes, TRUE);
  GError *error = NULL;
  ck_assert_ptr_null (tnet_network_load_csv (dir, &error));
  tt_assert_error (error, TNET_ERROR_TOO_LARGE, "nodes.csv:2:1: line longer than 1048576 bytes");
  tt_rm_rf (dir);
}
END_TEST

/* -------------------------------------------------------- scenario files */

static const struct {
  const char *ini;
  const char *needle;
} absurd_ini[] = {
  { "[overrides]\nl1.speed_kmh = 1e9\n", "s.ini:2:" },
  { "[overrides]\nl1.speed_kmh = 0\n", "s.ini:2:" },
  { "[overrides]\nl1.speed_kmh = nan\n", "s.ini:2:" },
  { "[overrides]\nl1.time_min = -3\n", "s.ini:2:" },
  { "[overrides]\nl1.time_min = inf\n", "s.ini:2:" },
  { "[scenario]\nyear = 99999999999\n", "s.ini:2:" },
  { "[commute]\nbudget_min = -1\n", "s.ini:2:" },
  { "[scenario]\nstatuses = a\\;b\\\n", "s.ini:2:12: statuses: invalid escape" },
  { "[scenario]\nname = x\0y\n", "s.ini:2:" },
};

START_TEST (test_scenario_absurd_values)
{
  const char *ini = absurd_ini[_i].ini;
  /* the NUL case: the length covers the text after the NUL */
  gssize len = (gssize) (strlen (ini) + (_i == G_N_ELEMENTS (absurd_ini) - 1 ? 3 : 0));
  GError *error = NULL;
  ck_assert_ptr_null (tnet_scenario_file_load_from_data (ini, len, "s.ini", "/tmp", &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, absurd_ini[_i].needle);
}
END_TEST

/* ------------------------------------------------------------- GTFS zips */

static const char *const small_feed[][2] = {
  { "stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nA,A,34.0,113.8\nB,B,34.1,113.9\n" },
  { "routes.txt", "route_id,route_short_name,route_type\nR,1,3\n" },
  { "trips.txt", "route_id,service_id,trip_id\nR,S,t\n" },
  { "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                      "t,07:10:00,07:10:00,A,1\nt,07:20:00,07:20:00,B,2\n" },
};

/* Writes a zip of the small feed; @big_member, when not NULL, replaces
 * stop_times.txt with @big_len bytes. Returns the path. */
static char *
write_zip (const char *dir, const char *big_member, gsize big_len)
{
  char *path = g_build_filename (dir, "feed.zip", NULL);
  int zerr = 0;
  zip_t *z = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
  ck_assert_ptr_nonnull (z);
  for (guint i = 0; i < G_N_ELEMENTS (small_feed); i++)
    {
      const char *text = small_feed[i][1];
      gsize len = strlen (text);
      if (big_member && strcmp (small_feed[i][0], "stop_times.txt") == 0)
        text = big_member, len = big_len;
      zip_source_t *src = zip_source_buffer (z, text, len, 0);
      ck_assert_ptr_nonnull (src);
      ck_assert_int_ge (zip_file_add (z, small_feed[i][0], src, ZIP_FL_ENC_UTF_8), 0);
    }
  ck_assert_int_eq (zip_close (z), 0);
  return path;
}

START_TEST (test_gtfs_zip_small_loads)
{
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *path = write_zip (dir, NULL, 0);
  GError *error = NULL;
  g_autoptr (TnetFeed) feed = tnet_feed_load (path, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (tnet_feed_n_stop_times (feed), 2);
  tt_rm_rf (dir);
}
END_TEST

/* A zip bomb: 16 MiB of one repeated row deflates to a few KiB; with a
 * 4 MiB bound the member is refused from its declared size, before any
 * byte of it is inflated. */
START_TEST (test_gtfs_zip_bomb)
{
  g_autofree char *dir = tt_mkdtemp ();
  const char row[] = "t,07:10:00,07:10:00,A,1\n";
  gsize len = 16u << 20;
  char *big = g_malloc (len);
  for (gsize i = 0; i < len; i++)
    big[i] = row[i % (sizeof row - 1)];
  g_autofree char *path = write_zip (dir, big, len);
  g_free (big);
  struct stat st;
  ck_assert_int_eq (g_stat (path, &st), 0);
  ck_assert_int_lt (st.st_size, 256 << 10);   /* highly compressible indeed */
  TnetFeedOptions opts;
  tnet_feed_options_init (&opts);
  opts.max_uncompressed_bytes = 4u << 20;
  GError *error = NULL;
  ck_assert_ptr_null (tnet_feed_load (path, &opts, &error));
  tt_assert_error (error, TNET_ERROR_TOO_LARGE, "feed.zip/stop_times.txt: uncompressed size");
  tt_rm_rf (dir);
}
END_TEST

/* Patches the uncompressed size of every member whose name is @member in
 * the local and central headers of a zip in memory. */
static void
patch_size (guint8 *zip, gsize len, const char *member, guint32 size)
{
  gsize mlen = strlen (member);
  guint patched = 0;
  for (gsize i = 0; i + 46 + mlen <= len; i++)
    {
      if (memcmp (zip + i, "PK\3\4", 4) == 0 && zip[i + 26] == mlen && zip[i + 27] == 0 &&
          memcmp (zip + i + 30, member, mlen) == 0)
        {
          memcpy (zip + i + 22, &size, 4);
          patched++;
        }
      if (memcmp (zip + i, "PK\1\2", 4) == 0 && zip[i + 28] == mlen && zip[i + 29] == 0 &&
          memcmp (zip + i + 46, member, mlen) == 0)
        {
          memcpy (zip + i + 24, &size, 4);
          patched++;
        }
    }
  ck_assert_uint_eq (patched, 2);
}

/* Members that claim more than they hold fail cleanly; memory follows what
 * the member really holds, not its claim. */
START_TEST (test_gtfs_zip_lying_sizes)
{
  static const guint32 claims[] = { 0xC0000000u /* 3 GiB: over the 2 GiB default */,
                                    0x60000000u /* 1.5 GiB: under it */, 5 };
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *path = write_zip (dir, NULL, 0);
  gchar *data = NULL;
  gsize len = 0;
  ck_assert (g_file_get_contents (path, &data, &len, NULL));
  patch_size ((guint8 *) data, len, "stop_times.txt", claims[_i]);
  ck_assert (g_file_set_contents (path, data, (gssize) len, NULL));
  g_free (data);
  GError *error = NULL;
  ck_assert_ptr_null (tnet_feed_load (path, NULL, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (error->domain == TNET_ERROR &&
                 (error->code == (_i == 0 ? TNET_ERROR_TOO_LARGE : TNET_ERROR_INVALID_INPUT)),
                 "%s", error->message);
  ck_assert_msg (strstr (error->message, "feed.zip") != NULL, "%s", error->message);
  g_clear_error (&error);
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_gtfs_zip_truncated)
{
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *path = write_zip (dir, NULL, 0);
  gchar *data = NULL;
  gsize len = 0;
  ck_assert (g_file_get_contents (path, &data, &len, NULL));
  for (gsize cut = 0; cut < len; cut += MAX (len / 13, 1))
    {
      ck_assert (g_file_set_contents (path, data, (gssize) cut, NULL));
      GError *error = NULL;
      ck_assert_ptr_null (tnet_feed_load (path, NULL, &error));
      ck_assert_msg (error && error->domain == TNET_ERROR, "cut at %zu", (size_t) cut);
      ck_assert_msg (strstr (error->message, "feed.zip") != NULL, "%s", error->message);
      g_clear_error (&error);
    }
  g_free (data);
  tt_rm_rf (dir);
}
END_TEST

/* Found while writing the fuzz seeds: an empty optional min_transfer_time
 * was range-checked as -1 and refused. */
START_TEST (test_gtfs_transfer_without_time)
{
  g_autofree char *dir = tt_mkdtemp ();
  for (guint i = 0; i < G_N_ELEMENTS (small_feed); i++)
    tt_write_file (dir, small_feed[i][0], small_feed[i][1]);
  tt_write_file (dir, "transfers.txt",
                 "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nA,B,0,\nB,A,2,90\n");
  GError *error = NULL;
  g_autoptr (TnetFeed) feed = tnet_feed_load (dir, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (tnet_feed_n_transfers (feed), 2);
  ck_assert_int_eq (tnet_feed_transfer (feed, 0)->min_transfer_time_s, -1);
  ck_assert_int_eq (tnet_feed_transfer (feed, 1)->min_transfer_time_s, 90);
  /* transfer_type 2 still needs the time */
  tt_write_file (dir, "transfers.txt",
                 "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nA,B,2,\n");
  ck_assert_ptr_null (tnet_feed_load (dir, NULL, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "transfers.txt:2:");
  tt_rm_rf (dir);
}
END_TEST

static const struct {
  const char *stop_times;
  const char *needle;
} bad_times[] = {
  { "t,4294967296:00:00,07:10:00,A,1\nt,07:20:00,07:20:00,B,2\n", "stop_times.txt:2:3:" },
  { "t,07:10:00,07:10:00,A,99999999999\nt,07:20:00,07:20:00,B,2\n", "stop_times.txt:2:" },
  { "t,07:10:00,07:10:00,A,-1\nt,07:20:00,07:20:00,B,2\n", "stop_times.txt:2:" },
  { "t,07:70:00,07:10:00,A,1\nt,07:20:00,07:20:00,B,2\n", "stop_times.txt:2:3:" },
};

START_TEST (test_gtfs_absurd_times)
{
  g_autofree char *dir = tt_mkdtemp ();
  for (guint i = 0; i < G_N_ELEMENTS (small_feed); i++)
    tt_write_file (dir, small_feed[i][0], small_feed[i][1]);
  g_autofree char *st = g_strconcat ("trip_id,arrival_time,departure_time,stop_id,"
                                     "stop_sequence\n", bad_times[_i].stop_times, NULL);
  tt_write_file (dir, "stop_times.txt", st);
  GError *error = NULL;
  ck_assert_ptr_null (tnet_feed_load (dir, NULL, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, bad_times[_i].needle);
  tt_rm_rf (dir);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("limits");
  TCase *tc = tcase_create ("limits");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_graph_ids_beyond_31_bits);
  tcase_add_loop_test (tc, test_dimacs_beyond_31_bits, 0, G_N_ELEMENTS (big_dimacs));
  tcase_add_loop_test (tc, test_network_absurd_values, 0, G_N_ELEMENTS (absurd));
  tcase_add_test (tc, test_network_long_line);
  tcase_add_loop_test (tc, test_scenario_absurd_values, 0, G_N_ELEMENTS (absurd_ini));
  tcase_add_test (tc, test_gtfs_zip_small_loads);
  tcase_add_test (tc, test_gtfs_zip_bomb);
  tcase_add_loop_test (tc, test_gtfs_zip_lying_sizes, 0, 3);
  tcase_add_test (tc, test_gtfs_zip_truncated);
  tcase_add_test (tc, test_gtfs_transfer_without_time);
  tcase_add_loop_test (tc, test_gtfs_absurd_times, 0, G_N_ELEMENTS (bad_times));
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
