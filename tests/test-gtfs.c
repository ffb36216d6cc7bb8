/* test-gtfs.c: the GTFS reader, service-day selection and patterns. */
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
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
