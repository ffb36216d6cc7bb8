/* test-gtfs.c: the GTFS reader, the feed builder, service-day selection and
 * patterns. */
#include "tnet-internal.h"
#include "tests-common.h"
#include "feed-private.h"

#include <stdio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>

/* A small valid feed; the tests overwrite single files to break it. */
static const char *small_files[][2] = {
  { "agency.txt", "agency_id,agency_name,agency_url,agency_timezone\nA,Agency A,http://a,UTC\n" },
  { "stops.txt", "\xEF\xBB\xBFstop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n"
                 "S,\"Station, main\",0.0,0.0,1,\n"
                 "s1,\"Stop \"\"one\"\"\",0.0,0.0,0,S\n"
                 "s2,Stop two,0.0,0.01,,\n"
                 "s3,Stop three,0.0,0.02,,\n" },
  { "routes.txt", "route_id,route_short_name,route_long_name,route_type\n"
                  "R1,R1,Red line,3\nR2,,Blue line,101\n" },
  { "calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                    "WD,1,1,1,1,1,0,0,20240101,20241231\n"
                    "WE,0,0,0,0,0,1,1,20240101,20241231\n" },
  { "trips.txt", "route_id,service_id,trip_id\nR1,WD,t1\nR1,WD,t2\nR1,WD,t3\nR1,WE,t4\nR2,WD,f1\n" },
  { "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                      "t1,07:10:00,07:10:00,s1,1\n"
                      "t1,,,s2,2\n"
                      "t1,07:30:00,07:31:00,s3,3\n"
                      "t2,08:00:00,08:00:00,s1,1\n"
                      "t2,08:12:00,08:12:00,s2,2\n"
                      "t2,08:21:00,08:22:00,s3,3\n"
                      "t3,25:10:00,25:10:00,s1,1\n"
                      "t3,25:20:00,25:20:00,s2,2\n"
                      "t3,25:30:00,25:30:00,s3,3\n"
                      "t4,07:00:00,07:00:00,s1,1\n"
                      "t4,07:10:00,07:10:00,s3,2\n"
                      "f1,00:00:00,00:00:00,s3,1\n"
                      "f1,00:05:00,00:05:30,s1,2\n" },
  { "frequencies.txt", "trip_id,start_time,end_time,headway_secs\n"
                       "f1,06:00:00,08:00:00,600\nf1,08:00:00,10:00:00,1200\n" },
  { "transfers.txt", "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nS,S,2,120\n" },
};

static char *
write_small_feed (void)
{
  char *dir = tt_mkdtemp ();
  for (guint i = 0; i < G_N_ELEMENTS (small_files); i++)
    tt_write_file (dir, small_files[i][0], small_files[i][1]);
  return dir;
}

static const TnetPattern *
pattern_of_route (const TnetFeed *feed, const char *route_id)
{
  TnetId r = tnet_feed_find_route (feed, route_id);
  for (guint p = 0; p < tnet_feed_n_patterns (feed); p++)
    if (tnet_feed_pattern (feed, p)->route == r)
      return tnet_feed_pattern (feed, p);
  return NULL;
}

START_TEST (test_small_feed)
{
  char *dir = write_small_feed ();
  GError *error = NULL;
  TnetFeed *feed = tnet_feed_load (dir, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (tnet_feed_n_stops (feed), 4);
  ck_assert_uint_eq (tnet_feed_n_routes (feed), 2);
  ck_assert_uint_eq (tnet_feed_n_trips (feed), 5);
  ck_assert_uint_eq (tnet_feed_n_stop_times (feed), 13);
  ck_assert_uint_eq (tnet_feed_n_agencies (feed), 1);
  ck_assert_str_eq (tnet_feed_stop (feed, 0)->name, "Station, main");
  ck_assert_str_eq (tnet_feed_stop (feed, 1)->name, "Stop \"one\"");
  ck_assert_uint_eq (tnet_feed_stop (feed, 1)->parent, 0);
  ck_assert_int_eq (tnet_feed_stop (feed, 0)->location_type, 1);
  ck_assert_int_eq (tnet_feed_route (feed, 0)->mode, TNET_MODE_BUS);
  ck_assert_int_eq (tnet_feed_route (feed, 1)->mode, TNET_MODE_HSR);
  ck_assert_str_eq (tnet_feed_route_name (feed, 1), "Blue line");
  /* the busiest day is a weekday (5 weekday trips against 1); the earliest
   * is Monday 2024-01-01 */
  ck_assert_uint_eq (tnet_feed_get_service_date (feed), 20240101);
  /* R1: t1 and t2 depart in 07:00-09:00, t3 at 25:10 does not; t4 is a
   * weekend trip. Headway = 7200 / 2. */
  const TnetPattern *p = pattern_of_route (feed, "R1");
  ck_assert_ptr_nonnull (p);
  ck_assert_uint_eq (p->n_stops, 3);
  ck_assert_uint_eq (p->n_trips, 2);
  ck_assert_uint_eq (p->n_departures, 2);
  ck_assert_double_eq_tol (p->headway_s, 3600.0, 1e-9);
  /* t1 has s2 interpolated at 07:20; runs: t1 600, t2 720 -> lower median 600 */
  ck_assert_uint_eq (p->run_s[0], 600);
  ck_assert_uint_eq (p->run_s[1], 540);   /* t1 600 (07:20->07:30), t2 540 */
  ck_assert_uint_eq (p->dwell_s[2], 60);
  ck_assert_uint_eq (p->departures_s[0], 7 * 3600 + 600);
  ck_assert_uint_eq (p->departures_s[1], 8 * 3600);
  /* R2 frequency-based: 06:00-08:00 every 600 s gives 07:00..07:50 (6),
   * 08:00-10:00 every 1200 s gives 08:00, 08:20, 08:40 (3): 9 departures */
  const TnetPattern *f = pattern_of_route (feed, "R2");
  ck_assert_ptr_nonnull (f);
  ck_assert (f->frequency_based);
  ck_assert_uint_eq (f->n_departures, 9);
  ck_assert_double_eq_tol (f->headway_s, 800.0, 1e-9);
  ck_assert_uint_eq (f->run_s[0], 300);
  ck_assert_uint_eq (f->dwell_s[1], 30);
  ck_assert_uint_eq (tnet_feed_n_transfers (feed), 1);
  ck_assert_int_eq (tnet_feed_transfer (feed, 0)->min_transfer_time_s, 120);
  tnet_feed_unref (feed);

  /* A given date (a Saturday) and a later window */
  TnetFeedOptions o;
  tnet_feed_options_init (&o);
  o.service_date = 20240106;
  feed = tnet_feed_load (dir, &o, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  p = pattern_of_route (feed, "R1");
  ck_assert_ptr_nonnull (p);
  ck_assert_uint_eq (p->n_stops, 2);   /* t4: s1 -> s3 */
  ck_assert_ptr_null (pattern_of_route (feed, "R2"));
  tnet_feed_unref (feed);
  o.service_date = 20240102;
  o.window_start_s = 25 * 3600;
  o.window_end_s = 26 * 3600;
  feed = tnet_feed_load (dir, &o, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  p = pattern_of_route (feed, "R1");
  ck_assert_ptr_nonnull (p);
  ck_assert_uint_eq (p->departures_s[0], 25 * 3600 + 600);
  ck_assert_double_eq_tol (p->headway_s, 3600.0, 1e-9);
  tnet_feed_unref (feed);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST


/* What `tnet import gtfs` prints of the small feed, worked out from its
 * files: 4 stops of which 1 station (S), 2 routes, 5 trips, 13 stop times,
 * 1 transfer; on the busiest day (Monday 2024-01-01) in 07:00-09:00 two
 * patterns, R2's frequency-based; R2 (route_type 101, hsr) every 800 s =
 * 13.3 min, R1 (bus) every 3600 s = 60 min. */
START_TEST (test_feed_summary)
{
  g_autofree char *dir = write_small_feed ();
  GError *error = NULL;
  g_autoptr (TnetFeed) feed = tnet_feed_load (dir, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  /* the feed is named by its folder's name */
  g_autofree char *name = g_path_get_basename (dir);
  g_autofree char *json = tnet_feed_summary_to_json (feed);
  g_autofree char *want = g_strdup_printf (
    "{\"feed\": \"%s\", \"agencies\": [\"Agency A\"], \"stops\": 4, \"stations\": 1, "
    "\"routes\": 2, \"trips\": 5, \"stop_times\": 13, \"transfers\": 1, \"patterns\": 2, "
    "\"frequency_patterns\": 1, \"service_date\": 20240101, \"window_start_s\": 25200, "
    "\"window_end_s\": 32400, \"modes\": ["
    "{\"mode\": \"hsr\", \"routes\": 1, \"patterns\": 1, \"headway_min_min\": 13.3, "
    "\"headway_max_min\": 13.3}, "
    "{\"mode\": \"bus\", \"routes\": 1, \"patterns\": 1, \"headway_min_min\": 60.0, "
    "\"headway_max_min\": 60.0}]}", name);
  g_autoptr (JsonParser) pg = json_parser_new ();
  g_autoptr (JsonParser) pw = json_parser_new ();
  ck_assert (json_parser_load_from_data (pg, json, -1, NULL));
  ck_assert (json_parser_load_from_data (pw, want, -1, NULL));
  ck_assert_msg (json_node_equal (json_parser_get_root (pg), json_parser_get_root (pw)),
                 "%s", json);
  ck_assert (g_str_has_suffix (json, "}\n"));
  g_autofree char *text = tnet_feed_summary_to_text (feed, NAN);
  g_autofree char *want_text = g_strdup_printf (
    "GTFS feed %s\nAgencies: Agency A\n"
    "Stops: 4 (1 stations); trips: 5; stop times: 13; transfers: 1\n"
    "Service day 20240101, window 07:00-09:00: 2 patterns (1 frequency-based)\n"
    "  hsr         1 routes,   1 patterns, headway 13.3-13.3 min\n"
    "  bus         1 routes,   1 patterns, headway 60.0-60.0 min\n", name);
  ck_assert_str_eq (text, want_text);
  g_autofree char *timed = tnet_feed_summary_to_text (feed, 12.4);
  ck_assert (strstr (timed, " (read in 12 ms)\nAgencies") != NULL);
  tt_rm_rf (dir);
}
END_TEST


/* Each broken variant of the small feed fails with a located message. */
static const struct {
  const char *file;
  const char *text;   /* NULL: remove the file */
  int code;
  const char *needle;
} broken[] = {
  { "stops.txt", NULL, TNET_ERROR_INVALID_INPUT, "missing required file stops.txt" },
  { "trips.txt", NULL, TNET_ERROR_INVALID_INPUT, "missing required file trips.txt" },
  { "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id\nt1,07:00:00,07:00:00,s1\n",
    TNET_ERROR_INVALID_INPUT, "stop_sequence" },
  { "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                      "t1,07:00:00,07:00:00,s1,1\nt1,7:6:00,07:10:00,s2,2\n",
    TNET_ERROR_INVALID_INPUT, "stop_times.txt:3:4: malformed time '7:6:00'" },
  { "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                      "t1,07:00:00,07:00:00,s1,1\nt1,07:61:00,07:10:00,s2,2\n",
    TNET_ERROR_INVALID_INPUT, "stop_times.txt:3:4: malformed time" },
  { "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                      "t1,07:00:00,07:05:00,s1,1\nt1,07:04:00,07:10:00,s2,2\n",
    TNET_ERROR_INVALID_INPUT, "stop_times.txt:3:4: arrival_time goes backwards" },
  { "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                      "t1,07:00:00,06:59:00,s1,1\nt1,07:04:00,07:10:00,s2,2\n",
    TNET_ERROR_INVALID_INPUT, "stop_times.txt:2:13: departure_time before arrival_time" },
  { "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                      "t1,07:00:00,07:00:00,s1,1\nt9,07:04:00,07:10:00,s2,2\n",
    TNET_ERROR_INVALID_INPUT, "stop_times.txt:3:1: unknown trip_id 't9'" },
  { "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                      "t1,07:00:00,07:00:00,s1,1\nt1,07:04:00,07:10:00,nowhere,2\n",
    TNET_ERROR_INVALID_INPUT, "stop_times.txt:3:22: unknown stop_id 'nowhere'" },
  { "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                      "t1,07:00:00,07:00:00,s1,1\nt1,,,s2,2\n",
    TNET_ERROR_INVALID_INPUT, "stop_times.txt:3:4: the last stop of trip 't1' has no time" },
  { "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                      "t1,07:00:00,07:00:00,s1,1\nt1,07:00:00,07:00:00,s2,1\n",
    TNET_ERROR_INVALID_INPUT, "stop_sequence 1 repeats" },
  { "trips.txt", "route_id,service_id,trip_id\nR9,WD,t1\n",
    TNET_ERROR_INVALID_INPUT, "trips.txt:2:1: unknown route_id 'R9'" },
  { "trips.txt", "route_id,service_id,trip_id\nR1,XX,t1\n",
    TNET_ERROR_INVALID_INPUT, "trips.txt:2:4: unknown service_id 'XX'" },
  { "trips.txt", "route_id,service_id,trip_id\nR1,WD,t1\nR1,WD,t1\n",
    TNET_ERROR_INVALID_INPUT, "trips.txt:3:7: duplicate trip_id" },
  { "stops.txt", "stop_id,stop_name,stop_lat\ns1,a,0\n",
    TNET_ERROR_INVALID_INPUT, "stop_lon" },
  { "stops.txt", "stop_id,stop_name,stop_lat,stop_lon\ns1,a,91,0\n",
    TNET_ERROR_INVALID_INPUT, "stops.txt:2:6: latitude 91 out of range" },
  { "stops.txt", "stop_id,stop_lat,stop_lon,parent_station\ns1,0,0,P\n",
    TNET_ERROR_INVALID_INPUT, "stops.txt:2:8: parent_station 'P' is not a stop_id" },
  { "stops.txt", "stop_id,stop_lat,stop_lon\ns1,0,0\ns1,0,0\n",
    TNET_ERROR_INVALID_INPUT, "stops.txt:3:1: duplicate stop_id 's1'" },
  { "routes.txt", "route_id,route_type\nR1,bus\n", TNET_ERROR_INVALID_INPUT, "routes.txt:2:4:" },
  { "frequencies.txt", "trip_id,start_time,end_time,headway_secs\nf1,08:00:00,07:00:00,600\n",
    TNET_ERROR_INVALID_INPUT, "frequencies.txt:2:13: end_time not after start_time" },
  { "frequencies.txt", "trip_id,start_time,end_time,headway_secs\nf1,07:00:00,08:00:00,0\n",
    TNET_ERROR_INVALID_INPUT, "frequencies.txt:2:22: value 0 out of range" },
  { "transfers.txt", "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nS,X,2,60\n",
    TNET_ERROR_INVALID_INPUT, "transfers.txt:2:3: unknown stop_id 'X'" },
  { "calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                    "WD,1,1,1,1,1,0,0,20240231,20241231\n",
    TNET_ERROR_INVALID_INPUT, "calendar.txt:2:18: malformed date '20240231'" },
  { "calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                    "WD,1,1,1,1,1,0,0,20240101,20241231\nWD,1,1,1,1,1,1,0,20240101,20241231\n",
    TNET_ERROR_INVALID_INPUT, "calendar.txt:3:1: duplicate service_id 'WD'" },
  { "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nt1,\"07:00\n",
    TNET_ERROR_INVALID_INPUT, "stop_times.txt:2" },
};

START_TEST (test_broken_feed)
{
  char *dir = write_small_feed ();
  char *file = g_build_filename (dir, broken[_i].file, NULL);
  if (broken[_i].text)
    tt_write_file (dir, broken[_i].file, broken[_i].text);
  else
    ck_assert_int_eq (g_remove (file), 0);
  GError *error = NULL;
  TnetFeed *feed = tnet_feed_load (dir, NULL, &error);
  ck_assert_ptr_null (feed);
  tt_assert_error (error, broken[_i].code, broken[_i].needle);
  g_free (file);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

static char *
read_fixture (const char *rel, gsize *len)
{
  char *path = tt_data_path (rel);
  char *data = NULL;
  ck_assert (g_file_get_contents (path, &data, len, NULL));
  g_free (path);
  return data;
}

START_TEST (test_zip_errors)
{
  char *dir = tt_mkdtemp ();
  gsize len;
  char *data = read_fixture ("caltrain/caltrain_gtfs.zip", &len);
  char *cut = g_build_filename (dir, "cut.zip", NULL);
  ck_assert (g_file_set_contents (cut, data, len / 2, NULL));
  GError *error = NULL;
  ck_assert_ptr_null (tnet_feed_load (cut, NULL, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "cut.zip: not a readable zip archive");

  /* flip bytes in the middle of the compressed data: CRC or inflate error */
  char *bad = g_build_filename (dir, "bad.zip", NULL);
  for (gsize k = len / 10; k < len * 8 / 10; k += 97)
    data[k] ^= 0x5a;
  ck_assert (g_file_set_contents (bad, data, len, NULL));
  ck_assert_ptr_null (tnet_feed_load (bad, NULL, &error));
  ck_assert (error != NULL);
  ck_assert (g_error_matches (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT));
  ck_assert_msg (strstr (error->message, "bad.zip") != NULL, "%s", error->message);
  g_clear_error (&error);

  /* a size limit below the feed's uncompressed size */
  char *zip = tt_data_path ("caltrain/caltrain_gtfs.zip");
  TnetFeedOptions o;
  tnet_feed_options_init (&o);
  o.max_uncompressed_bytes = 100000;
  ck_assert_ptr_null (tnet_feed_load (zip, &o, &error));
  tt_assert_error (error, TNET_ERROR_TOO_LARGE, "caltrain_gtfs.zip/stop_times.txt");

  ck_assert_ptr_null (tnet_feed_load ("/nonexistent/feed.zip", NULL, &error));
  tt_assert_error (error, TNET_ERROR_IO, "/nonexistent/feed.zip");
  g_free (zip);
  g_free (bad);
  g_free (cut);
  g_free (data);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

START_TEST (test_caltrain)
{
  char *zip = tt_data_path ("caltrain/caltrain_gtfs.zip");
  GError *error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  TnetFeed *feed = tnet_feed_load (zip, NULL, &error);
  gint64 t1 = g_get_monotonic_time ();
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  printf ("# caltrain load %.1f ms\n", (t1 - t0) / 1000.0);
  ck_assert_uint_eq (tnet_feed_n_routes (feed), 3);
  ck_assert_uint_eq (tnet_feed_n_stops (feed), 31);
  ck_assert_uint_eq (tnet_feed_n_trips (feed), 252);
  ck_assert_uint_eq (tnet_feed_n_stop_times (feed), 4560);
  ck_assert_int_eq (tnet_feed_route (feed, 0)->mode, TNET_MODE_RAIL);
  /* weekday services of both calendar generations run on weekdays; the
   * 2009-03-02 generation has 98 trips against 90 */
  guint date = tnet_feed_get_service_date (feed);
  ck_assert_uint_ge (date, 20090302);
  ck_assert_uint_le (date, 20090830);
  ck_assert_uint_gt (tnet_feed_n_patterns (feed), 2);
  tnet_feed_unref (feed);
  g_free (zip);
}
END_TEST

START_TEST (test_nyc)
{
  char *zip = tt_data_path ("nyc-subway/nyc_subway_gtfs.zip");
  GError *error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  TnetFeed *feed = tnet_feed_load (zip, NULL, &error);
  gint64 t1 = g_get_monotonic_time ();
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  printf ("# nyc subway load %.1f ms\n", (t1 - t0) / 1000.0);
  ck_assert_uint_eq (tnet_feed_n_routes (feed), 2);
  ck_assert_uint_eq (tnet_feed_n_stops (feed), 273);
  ck_assert_uint_eq (tnet_feed_n_trips (feed), 1990);
  ck_assert_uint_eq (tnet_feed_n_stop_times (feed), 86150);
  ck_assert_uint_eq (tnet_feed_n_transfers (feed), 87);
  guint parents = 0;
  for (guint i = 0; i < tnet_feed_n_stops (feed); i++)
    parents += tnet_feed_stop (feed, i)->location_type == 1;
  ck_assert_uint_eq (parents, 91);
  TnetId s = tnet_feed_find_stop (feed, "101N");
  ck_assert_uint_eq (tnet_feed_stop (feed, s)->parent, tnet_feed_find_stop (feed, "101"));
  ck_assert_int_eq (tnet_feed_route (feed, 0)->mode, TNET_MODE_METRO);
  /* weekday service is the busiest */
  guint date = tnet_feed_get_service_date (feed);
  GDate d;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, date % 100, date / 100 % 100, date / 10000);
  ck_assert_int_le (g_date_get_weekday (&d), G_DATE_FRIDAY);
  tnet_feed_unref (feed);
  g_free (zip);
}
END_TEST

/* A frequency row "every 45 min" over the whole window has a 45 min
 * headway, whatever the phase of its departures (06:00 + k * 45 min puts
 * only 2 of them in 07:00-09:00); rows with a one-minute gap between them
 * keep their headway too. */
START_TEST (test_frequency_headway_phase)
{
  char *dir = tt_mkdtemp ();
  tt_write_file (dir, "stops.txt", "stop_id,stop_name,stop_lat,stop_lon\na,A,34,113\nb,B,34,113.1\n");
  tt_write_file (dir, "routes.txt", "route_id,route_short_name,route_long_name,route_type\nR,R,,2\nQ,Q,,2\n");
  tt_write_file (dir, "trips.txt", "route_id,service_id,trip_id\nR,X,r\nQ,X,q\n");
  tt_write_file (dir, "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                                        "r,00:00:00,00:00:00,a,1\nr,00:10:00,00:10:00,b,2\n"
                                        "q,00:00:00,00:00:00,b,1\nq,00:10:00,00:10:00,a,2\n");
  tt_write_file (dir, "frequencies.txt", "trip_id,start_time,end_time,headway_secs\n"
                                         "r,06:00:00,22:00:00,2700\n"
                                         "q,07:00:00,07:59:00,360\nq,08:00:00,08:59:00,360\n");
  GError *error = NULL;
  TnetFeed *feed = tnet_feed_load (dir, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  const TnetPattern *r = pattern_of_route (feed, "R");
  ck_assert_uint_eq (r->n_departures, 2);
  ck_assert_double_eq_tol (r->headway_s, 2700.0, 1e-9);
  ck_assert_double_eq_tol (pattern_of_route (feed, "Q")->headway_s, 360.0, 1e-9);
  tnet_feed_unref (feed);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

START_TEST (test_sao_paulo)
{
  char *zip = tt_data_path ("sao-paulo/spo.zip");
  GError *error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  TnetFeed *feed = tnet_feed_load (zip, NULL, &error);
  gint64 t1 = g_get_monotonic_time ();
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  printf ("# sao paulo load %.1f ms\n", (t1 - t0) / 1000.0);
  ck_assert_uint_eq (tnet_feed_n_routes (feed), 19);
  ck_assert_uint_eq (tnet_feed_n_stops (feed), 654);
  ck_assert_uint_eq (tnet_feed_n_trips (feed), 36);
  ck_assert_uint_eq (tnet_feed_n_stop_times (feed), 860);
  /* CPTM L07 runs every 360 s from 07:00 to 08:59 (frequencies.txt) */
  const TnetPattern *p = pattern_of_route (feed, "CPTM L07");
  ck_assert_ptr_nonnull (p);
  ck_assert (p->frequency_based);
  ck_assert_double_eq_tol (p->headway_s, 360.0, 1e-9);
  ck_assert_int_eq (tnet_feed_route (feed, tnet_feed_find_route (feed, "METRÔ L1"))->mode,
                    TNET_MODE_METRO);
  tnet_feed_unref (feed);
  g_free (zip);
}
END_TEST

/* Criticals of the library's domain (g_return_if_fail), counted. */
static void
count_critical (const char *domain, GLogLevelFlags level, const char *message, gpointer data)
{
  (void) domain;
  (void) level;
  (void) message;
  (*(guint *) data)++;
}

/* Adds the three rows { stop, arr, dep } of @rows for @trip. */
static TnetIStopTimesFault
add_times (TnetIFeedBuilder *b, guint trip, const guint (*rows)[3], guint n, guint *row)
{
  TnetStopTime *st = tnet_i_feed_builder_add_stop_times (b, trip, n);
  for (guint k = 0; k < n; k++)
    st[k] = (TnetStopTime) { .stop = rows[k][0], .arr_s = rows[k][1], .dep_s = rows[k][2] };
  return tnet_i_feed_builder_end_stop_times (b, trip, row);
}

/* A feed built row by row, without files: every value below is worked out
 * by hand from the rows (in the comments). */
START_TEST (test_builder)
{
  TnetIFeedBuilder *b = tnet_i_feed_builder_new ("built");
  ck_assert (tnet_i_feed_builder_add_agency (b, "A", "Agency A"));
  ck_assert (tnet_i_feed_builder_add_agency (b, "A", "Agency A"));     /* a repeat */
  ck_assert (!tnet_i_feed_builder_add_agency (b, "A", "Other"));       /* a clash */
  ck_assert (tnet_i_feed_builder_add_agency (b, "B", "Agency B"));
  const char *ids[] = { "P", "a", "b", "c" };
  for (guint i = 0; i < 4; i++)
    {
      TnetFeedStop s = { .id = ids[i], .name = i ? "" : "Station", .lon = 0.01 * i,
                         .lat = 0, .parent = TNET_ID_NONE, .location_type = i ? 0 : 1 };
      ck_assert_uint_eq (tnet_i_feed_builder_find_stop (b, ids[i]), TNET_ID_NONE);
      ck_assert_uint_eq (tnet_i_feed_builder_add_stop (b, &s), i);
    }
  tnet_i_feed_builder_set_parent (b, 1, 0);
  TnetFeedRoute r = { .id = "R", .short_name = "", .long_name = "Red", .route_type = 3,
                      .mode = TNET_MODE_BUS };
  ck_assert_uint_eq (tnet_i_feed_builder_add_route (b, &r), 0);
  tnet_i_feed_builder_set_has_calendar_files (b);
  guint wd = tnet_i_feed_builder_service (b, "WD", TRUE);
  ck_assert (tnet_i_feed_builder_set_calendar (b, wd, 0x1f, 20240101, 20240131));
  ck_assert (tnet_i_feed_builder_set_calendar (b, wd, 0x1f, 20240101, 20240131));
  /* refused: applied, WD would run at weekends and 20240106 would win */
  ck_assert (!tnet_i_feed_builder_set_calendar (b, wd, 0x60, 20240101, 20240131));
  tnet_i_feed_builder_add_service_date (b, wd, 20240103, 2);
  guint sa = tnet_i_feed_builder_service (b, "SA", TRUE);
  ck_assert_uint_eq (tnet_i_feed_builder_service (b, "SA", FALSE), sa);
  ck_assert_uint_eq (tnet_i_feed_builder_service (b, "none", FALSE), G_MAXUINT);
  tnet_i_feed_builder_add_service_date (b, sa, 20240110, 1);
  guint t1 = tnet_i_feed_builder_add_trip (b, "t1", 0, wd, "");
  guint t2 = tnet_i_feed_builder_add_trip (b, "t2", 0, wd, "blk");
  guint t3 = tnet_i_feed_builder_add_trip (b, "t3", 0, sa, NULL);
  guint f1 = tnet_i_feed_builder_add_trip (b, "f1", 0, wd, NULL);
  ck_assert_uint_eq (tnet_i_feed_builder_find_trip (b, "t3"), t3);
  ck_assert_str_eq (tnet_i_feed_builder_trip_id (b, t2), "t2");
  tnet_i_feed_builder_reserve_stop_times (b, 11);
  guint row = 99;
  const guint r2[][3] = { { 1, 28800, 28800 }, { 2, 29400, 29460 }, { 3, 30000, 30000 } };
  const guint r1[][3] = { { 1, 25200, 25200 }, { 2, 25920, 25920 }, { 3, 26400, 26460 } };
  const guint r3[][3] = { { 1, 27000, 27000 }, { 2, 27600, 27600 }, { 3, 28200, 28200 } };
  const guint rf[][3] = { { 3, 0, 0 }, { 1, 300, 360 } };
  ck_assert_int_eq (add_times (b, t2, r2, 3, &row), TNET_I_STOP_TIMES_OK);  /* any order */
  ck_assert_int_eq (add_times (b, t1, r1, 3, &row), TNET_I_STOP_TIMES_OK);
  ck_assert_int_eq (add_times (b, t3, r3, 3, &row), TNET_I_STOP_TIMES_OK);
  ck_assert_int_eq (add_times (b, f1, rf, 2, &row), TNET_I_STOP_TIMES_OK);
  TnetFrequency fr = { .start_s = 25200, .end_s = 28800, .headway_s = 900 };
  tnet_i_feed_builder_add_frequency (b, f1, &fr);
  TnetFeedTransfer tr = { .from_stop = 0, .to_stop = 0, .transfer_type = 2,
                          .min_transfer_time_s = 120 };
  tnet_i_feed_builder_add_transfer (b, &tr);
  GError *error = NULL;
  TnetFeed *feed = tnet_i_feed_builder_finish (b, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");

  ck_assert_str_eq (tnet_feed_get_path (feed), "built");
  ck_assert_uint_eq (tnet_feed_n_agencies (feed), 2);
  ck_assert_str_eq (tnet_feed_agency_name (feed, 1), "Agency B");
  ck_assert_str_eq (tnet_feed_stop (feed, 0)->name, "Station");
  ck_assert_ptr_null (tnet_feed_stop (feed, 1)->name);   /* "" is no name */
  ck_assert_uint_eq (tnet_feed_stop (feed, 1)->parent, 0);
  ck_assert_uint_eq (tnet_feed_stop (feed, 2)->parent, TNET_ID_NONE);
  ck_assert_uint_eq (tnet_feed_find_stop (feed, "c"), 3);
  ck_assert_str_eq (tnet_feed_route_name (feed, 0), "Red");
  ck_assert_uint_eq (tnet_feed_n_stop_times (feed), 11);
  ck_assert_uint_eq (tnet_feed_n_transfers (feed), 1);
  /* t2's rows came first; blocks as given */
  const TnetTrip *trips = (const TnetTrip *) (void *) feed->trips->data;
  ck_assert_uint_eq (trips[t2].first_st, 0);
  ck_assert_uint_eq (trips[t1].first_st, 3);
  ck_assert_uint_eq (trips[f1].first_st, 9);
  ck_assert_uint_eq (trips[f1].n_st, 2);
  ck_assert_str_eq (trips[t2].block, "blk");
  ck_assert_ptr_null (trips[t1].block);
  /* WD runs Monday to Friday but not on 20240103; SA on 20240110 only */
  ck_assert (tnet_i_feed_service_runs (feed, wd, 20240102));
  ck_assert (!tnet_i_feed_service_runs (feed, wd, 20240103));
  ck_assert (!tnet_i_feed_service_runs (feed, wd, 20240106));
  ck_assert (tnet_i_feed_service_runs (feed, sa, 20240110));
  ck_assert (!tnet_i_feed_service_runs (feed, sa, 20240111));
  /* busiest: 20240110, t1, t2, f1 and t3 (4 trips; other weekdays 3) */
  ck_assert_uint_eq (tnet_feed_get_service_date (feed), 20240110);
  ck_assert_uint_eq (tnet_feed_n_patterns (feed), 2);
  /* a-b-c by t1, t2, t3: departures 07:00, 07:30, 08:00 in 07:00-09:00,
   * headway 7200 / 3; runs a-b 720, 600, 600 -> 600; b-c 480, 540, 600
   * -> 540; dwell at b 0, 60, 0 -> 0; offset of b 720, 660, 600 -> 660 */
  const TnetPattern *p = tnet_feed_pattern (feed, 0);
  ck_assert_uint_eq (p->n_stops, 3);
  ck_assert_uint_eq (p->n_trips, 3);
  ck_assert_uint_eq (p->n_departures, 3);
  ck_assert_uint_eq (p->departures_s[1], 27000);
  ck_assert_double_eq_tol (p->headway_s, 2400.0, 1e-9);
  ck_assert_uint_eq (p->run_s[0], 600);
  ck_assert_uint_eq (p->run_s[1], 540);
  ck_assert_uint_eq (p->dwell_s[1], 0);
  ck_assert_uint_eq (p->offset_s[1], 660);
  ck_assert_uint_eq (p->offset_s[2], 1200);
  /* c-a by f1 every 900 s in 07:00-08:00: 4 departures, headway 900 */
  p = tnet_feed_pattern (feed, 1);
  ck_assert (p->frequency_based);
  ck_assert_uint_eq (p->n_departures, 4);
  ck_assert_uint_eq (p->departures_s[3], 27900);
  ck_assert_double_eq_tol (p->headway_s, 900.0, 1e-9);
  ck_assert_uint_eq (p->run_s[0], 300);
  ck_assert_uint_eq (p->dwell_s[1], 60);
  tnet_feed_unref (feed);
}
END_TEST

/* The builder's checks: times that run backwards, by row, and what a
 * caller must not do (criticals, the feed unchanged). */
START_TEST (test_builder_checks)
{
  TnetIFeedBuilder *b = tnet_i_feed_builder_new ("checks");
  TnetFeedStop s = { .id = "s", .parent = TNET_ID_NONE };
  tnet_i_feed_builder_add_stop (b, &s);
  TnetFeedRoute r = { .id = "R", .route_type = 3 };
  tnet_i_feed_builder_add_route (b, &r);
  guint sv = tnet_i_feed_builder_service (b, "S", TRUE);
  guint t[5];
  for (guint i = 0; i < 5; i++)
    {
      char id[8];
      g_snprintf (id, sizeof id, "t%u", i);
      t[i] = tnet_i_feed_builder_add_trip (b, id, 0, sv, NULL);
    }
  /* row 1 arrives before row 0 departs */
  const guint back[][3] = { { 0, 100, 100 }, { 0, 90, 95 }, { 0, 80, 70 } };
  /* row 1 leaves before it arrives (row 2 is worse, row 1 comes first) */
  const guint early[][3] = { { 0, 100, 100 }, { 0, 110, 105 }, { 0, 90, 80 } };
  /* row 2 both leaves early and arrives before row 1 leaves: the
   * departure is reported */
  const guint both[][3] = { { 0, 100, 100 }, { 0, 110, 110 }, { 0, 105, 104 } };
  const guint fine[][3] = { { 0, 100, 100 }, { 0, 100, 100 }, { 0, 130, 140 } };
  guint row = 99;
  ck_assert_int_eq (add_times (b, t[0], back, 3, &row), TNET_I_STOP_TIMES_BACKWARDS);
  ck_assert_uint_eq (row, 1);
  ck_assert_int_eq (add_times (b, t[1], early, 3, &row), TNET_I_STOP_TIMES_DEPARTS_BEFORE_ARRIVAL);
  ck_assert_uint_eq (row, 1);
  ck_assert_int_eq (add_times (b, t[2], both, 3, &row), TNET_I_STOP_TIMES_DEPARTS_BEFORE_ARRIVAL);
  ck_assert_uint_eq (row, 2);
  ck_assert_int_eq (add_times (b, t[3], fine, 3, &row), TNET_I_STOP_TIMES_OK);

  guint n_critical = 0;
  guint h = g_log_set_handler ("tnet", G_LOG_LEVEL_CRITICAL, count_critical, &n_critical);
  TnetFrequency fr = { .start_s = 0, .end_s = 600, .headway_s = 60 };
  tnet_i_feed_builder_add_frequency (b, t[3], &fr);
  tnet_i_feed_builder_add_frequency (b, t[4], &fr);
  ck_assert_uint_eq (n_critical, 0);
  tnet_i_feed_builder_add_frequency (b, t[3], &fr);            /* t3's rows split */
  ck_assert_uint_eq (n_critical, 1);
  ck_assert_uint_eq (tnet_i_feed_builder_add_stop (b, &s), TNET_ID_NONE);   /* id again */
  ck_assert_uint_eq (n_critical, 2);
  ck_assert_ptr_null (tnet_i_feed_builder_add_stop_times (b, t[3], 1));   /* has them */
  ck_assert_uint_eq (n_critical, 3);
  TnetFeedTransfer tr = { .from_stop = 0, .to_stop = 1, .transfer_type = 0 };
  tnet_i_feed_builder_add_transfer (b, &tr);                  /* stop 1: none */
  ck_assert_uint_eq (n_critical, 4);
  fr.headway_s = 0;
  tnet_i_feed_builder_add_frequency (b, t[4], &fr);
  ck_assert_uint_eq (n_critical, 5);
  g_log_remove_handler ("tnet", h);

  /* an empty window fails the finish; the builder is gone either way */
  TnetFeedOptions o;
  tnet_feed_options_init (&o);
  o.window_end_s = o.window_start_s;
  GError *error = NULL;
  ck_assert_ptr_null (tnet_i_feed_builder_finish (b, &o, &error));
  ck_assert (g_error_matches (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT));
  g_clear_error (&error);

  b = tnet_i_feed_builder_new ("again");
  tnet_i_feed_builder_add_stop (b, &s);
  tnet_i_feed_builder_add_route (b, &r);
  sv = tnet_i_feed_builder_service (b, "S", TRUE);
  guint ti = tnet_i_feed_builder_add_trip (b, "t", 0, sv, NULL);
  tnet_i_feed_builder_add_frequency (b, ti, &(TnetFrequency) { 0, 600, 60, FALSE });
  TnetFeed *feed = tnet_i_feed_builder_finish (b, NULL, &error);
  ck_assert_ptr_nonnull (feed);
  ck_assert_uint_eq (feed->frequencies->len, 1);
  ck_assert_uint_eq (tnet_feed_n_transfers (feed), 0);
  tnet_feed_unref (feed);
}
END_TEST

START_TEST (test_path_for_year)
{
  char *dir = tt_mkdtemp ();
  ck_assert_ptr_null (tnet_feed_path_for_year (dir, 2025));
  char *sub = g_build_filename (dir, "gtfs", NULL);
  g_mkdir (sub, 0755);
  char *p = tnet_feed_path_for_year (dir, 2025);
  ck_assert_str_eq (p, sub);
  g_free (p);
  g_free (sub);
  const char *years[] = { "gtfs-2020", "gtfs-2025", "gtfs-2030" };
  for (guint i = 0; i < G_N_ELEMENTS (years); i++)
    {
      sub = g_build_filename (dir, years[i], NULL);
      g_mkdir (sub, 0755);
      g_free (sub);
    }
  int queries[] = { 2019, 2020, 2024, 2025, 2040 };
  const char *expect[] = { "gtfs", "gtfs-2020", "gtfs-2020", "gtfs-2025", "gtfs-2030" };
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      p = tnet_feed_path_for_year (dir, queries[i]);
      char *base = g_path_get_basename (p);
      ck_assert_str_eq (base, expect[i]);
      g_free (base);
      g_free (p);
    }
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("gtfs");
  TCase *tc = tcase_create ("gtfs");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_small_feed);
  tcase_add_test (tc, test_feed_summary);
  tcase_add_loop_test (tc, test_broken_feed, 0, G_N_ELEMENTS (broken));
  tcase_add_test (tc, test_zip_errors);
  tcase_add_test (tc, test_caltrain);
  tcase_add_test (tc, test_nyc);
  tcase_add_test (tc, test_frequency_headway_phase);
  tcase_add_test (tc, test_sao_paulo);
  tcase_add_test (tc, test_path_for_year);
  tcase_add_test (tc, test_builder);
  tcase_add_test (tc, test_builder_checks);
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
