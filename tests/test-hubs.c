/* test-hubs.c: hub tables (hubs.csv, hub_walks.csv, GTFS parent stations)
 * and the transfer times between the services meeting at each hub. */
#include "tests-common.h"
#include <glib/gstdio.h>
#include <check.h>
#include <math.h>
#include <string.h>
#include <zip.h>
#include <json-glib/json-glib.h>

#define EPS 1e-9
/* one minute in milliseconds, the unit of the hub tables and results */
#define MINUTE_MS 60000.0

static const char *agency = "agency_id,agency_name,agency_url,agency_timezone\nag,Ag,http://x,UTC\n";
static const char *stops =
  "stop_id,stop_name,stop_lat,stop_lon\n"
  "X,X,34.00,113.80\nA,A,34.01,113.80\nB,B,34.011,113.80\nY,Y,34.02,113.80\nZ,Z,34.03,113.80\n";
static const char *routes =
  "route_id,agency_id,route_short_name,route_long_name,route_type\n"
  "R1,ag,R1,Rail one,2\nR2,ag,R2,Bus two,3\n";

/* A feed folder with the hub H = {A, B}; walks A->B 3 min, B->A 4 min. */
static char *
small_dir (gboolean timetabled)
{
  char *dir = tt_mkdtemp ();
  tt_write_file (dir, "agency.txt", agency);
  tt_write_file (dir, "stops.txt", stops);
  tt_write_file (dir, "routes.txt", routes);
  tt_write_file (dir, "hubs.csv",
                 "id,name,name_en,kind,open_year,target_transfer_min,members,source,confidence\n"
                 "H,Hub,Hub,integrated_new,,5,A;B,t,low\n"
                 "L,Later,Later,integrated_new,2030,5,A;B,t,low\n");
  tt_write_file (dir, "hub_walks.csv", "hub,from,to,walk_min,open_year,source,confidence\n"
                 "H,A,B,3,,t,low\nH,B,A,4,,t,low\n");
  if (!timetabled)
    {
      /* R1 X-A-Y every 10 min; R2 B-Z every 20 min and Z-B every 30 min,
       * 07:00-09:00 */
      tt_write_file (dir, "trips.txt", "route_id,service_id,trip_id\n"
                     "R1,s,t1\nR2,s,t2\nR2,s,t3\n");
      tt_write_file (dir, "stop_times.txt",
                     "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                     "t1,07:00:00,07:00:00,X,1\nt1,07:05:00,07:06:00,A,2\nt1,07:10:00,07:10:00,Y,3\n"
                     "t2,07:00:00,07:00:00,B,1\nt2,07:10:00,07:10:00,Z,2\n"
                     "t3,07:00:00,07:00:00,Z,1\nt3,07:10:00,07:10:00,B,2\n");
      tt_write_file (dir, "frequencies.txt", "trip_id,start_time,end_time,headway_secs\n"
                     "t1,07:00:00,09:00:00,600\nt2,07:00:00,09:00:00,1200\n"
                     "t3,07:00:00,09:00:00,1800\n");
    }
  else
    {
      /* R1 arrives at A 07:10, 07:40, 08:10, 08:55; R2 leaves B for Z at
       * 07:15, 07:30, 08:00, 08:50 */
      tt_write_file (dir, "trips.txt", "route_id,service_id,trip_id\n"
                     "R1,s,a1\nR1,s,a2\nR1,s,a3\nR1,s,a4\nR2,s,b1\nR2,s,b2\nR2,s,b3\nR2,s,b4\n");
      tt_write_file (dir, "stop_times.txt",
                     "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                     "a1,07:05:00,07:05:00,X,1\na1,07:10:00,07:11:00,A,2\na1,07:20:00,07:20:00,Y,3\n"
                     "a2,07:35:00,07:35:00,X,1\na2,07:40:00,07:41:00,A,2\na2,07:50:00,07:50:00,Y,3\n"
                     "a3,08:05:00,08:05:00,X,1\na3,08:10:00,08:11:00,A,2\na3,08:20:00,08:20:00,Y,3\n"
                     "a4,08:50:00,08:50:00,X,1\na4,08:55:00,08:56:00,A,2\na4,09:05:00,09:05:00,Y,3\n"
                     "b1,07:15:00,07:15:00,B,1\nb1,07:25:00,07:25:00,Z,2\n"
                     "b2,07:30:00,07:30:00,B,1\nb2,07:40:00,07:40:00,Z,2\n"
                     "b3,08:00:00,08:00:00,B,1\nb3,08:10:00,08:10:00,Z,2\n"
                     "b4,08:50:00,08:50:00,B,1\nb4,09:00:00,09:00:00,Z,2\n");
    }
  return dir;
}

static TnetHubSet *
load_hubs (const char *dir)
{
  g_autofree char *h = g_build_filename (dir, "hubs.csv", NULL);
  g_autofree char *w = g_build_filename (dir, "hub_walks.csv", NULL);
  GError *error = NULL;
  TnetHubSet *set = tnet_hub_set_load_csv (NULL, h, w, &error);
  ck_assert_msg (set != NULL, "%s", error ? error->message : "");
  return set;
}

/* The 2025 transfer tables of @hubs with the feed of folder @dir (the
 * tables copy what they need from the feed). */
static TnetHubTransfers *
transfers_2025 (const char *dir, const TnetHubSet *hubs)
{
  GError *error = NULL;
  g_autoptr (TnetFeed) feed = tnet_feed_load (dir, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  return tnet_hub_transfers_compute (hubs, feed, scen);
}

static const TnetTransferPair *
find_pair (const TnetHubTable *tab, const char *from, const char *to)
{
  for (guint k = 0; k < tab->n_pairs; k++)
    if (strcmp (tab->pairs[k].from_service, from) == 0 && strcmp (tab->pairs[k].to_service, to) == 0)
      return &tab->pairs[k];
  return NULL;
}

START_TEST (test_frequency_hub)
{
  g_autofree char *dir = small_dir (FALSE);
  g_autoptr (TnetHubSet) hubs = load_hubs (dir);
  GError *error = NULL;
  g_autoptr (TnetFeed) feed = tnet_feed_load (dir, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  g_autoptr (TnetHubTransfers) t = tnet_hub_transfers_compute (hubs, feed, scen);
  const TnetHubTable *tab = tnet_hub_transfers_get (t, 0);
  ck_assert (tab->in_service);
  ck_assert_uint_eq (tab->n_services, 2);
  ck_assert_uint_eq (tab->n_pairs, 2);
  /* R1 -> R2: walk A->B 3, R2 leaves B for Z 6 times in 2 h: headway 20,
   * wait 10; weight 6/h x 3/h = 18 */
  const TnetTransferPair *p = find_pair (tab, "R1", "R2");
  ck_assert_ptr_nonnull (p);
  ck_assert_double_eq_tol (p->walk_ms, 3 * MINUTE_MS, EPS);
  ck_assert_double_eq_tol (p->headway_ms, 20 * MINUTE_MS, EPS);
  ck_assert_double_eq_tol (p->wait_ms, 10 * MINUTE_MS, EPS);
  ck_assert_double_eq_tol (p->walk_wait_ms, 13 * MINUTE_MS, EPS);
  ck_assert_double_eq_tol (p->weight, 18, EPS);
  ck_assert_str_eq (p->from_stop, "A");
  ck_assert_str_eq (p->to_stop, "B");
  ck_assert (!p->timetabled);
  ck_assert (isnan (p->connection_wait_ms));
  /* R2 -> R1: R2 sets down at B 4 times (2/h), R1 leaves A every 10 min
   * (wait 5, 6/h); walk B->A 4 (the reverse row) */
  p = find_pair (tab, "R2", "R1");
  ck_assert_ptr_nonnull (p);
  ck_assert_double_eq_tol (p->walk_ms, 4 * MINUTE_MS, EPS);
  ck_assert_double_eq_tol (p->wait_ms, 5 * MINUTE_MS, EPS);
  ck_assert_double_eq_tol (p->walk_wait_ms, 9 * MINUTE_MS, EPS);
  ck_assert_double_eq_tol (p->weight, 12, EPS);
  ck_assert_double_eq_tol (tab->mean_walk_ms, 3.5 * MINUTE_MS, EPS);
  ck_assert_double_eq_tol (tab->mean_walk_wait_ms, 11 * MINUTE_MS, EPS);
  ck_assert_double_eq_tol (tab->weighted_walk_ms, (18 * 3 + 12 * 4) * MINUTE_MS / 30, 1e-6);
  ck_assert_double_eq_tol (tab->weighted_walk_wait_ms, (18 * 13 + 12 * 9) * MINUTE_MS / 30, 1e-6);
  ck_assert_uint_eq (tab->n_worst, 2);
  ck_assert_str_eq (tab->pairs[tab->worst[0]].from_service, "R1");
  ck_assert_str_eq (tab->pairs[tab->worst[1]].from_service, "R2");
  ck_assert_uint_eq (tab->n_mode_pairs, 2);
  ck_assert_int_eq (tab->mode_pairs[0].from_mode, TNET_MODE_RAIL);
  ck_assert_int_eq (tab->mode_pairs[0].to_mode, TNET_MODE_BUS);
  ck_assert_double_eq_tol (tab->mode_pairs[0].mean_walk_wait_ms, 13 * MINUTE_MS, EPS);
  ck_assert_int_eq (tab->mode_pairs[1].from_mode, TNET_MODE_BUS);
  ck_assert (tab->has_target && tab->pass);
  /* the hub opening in 2030: not in service, means NAN, not 0 */
  const TnetHubTable *later = tnet_hub_transfers_get (t, 1);
  ck_assert (!later->in_service);
  ck_assert_str_eq (later->status, "not open until 2030");
  ck_assert (isnan (later->mean_walk_ms) && isnan (later->mean_walk_wait_ms));
  ck_assert (!later->pass);
  guint n = 0;
  ck_assert_double_eq_tol (tnet_hub_transfers_indicator_ms (t, TNET_HUB_INTEGRATED_NEW, &n),
                           3.5 * MINUTE_MS, EPS);
  ck_assert_uint_eq (n, 1);

  /* a headway factor of 2 on R2 doubles its headway */
  tnet_scenario_set_headway_factor (scen, "R2", 2.0);
  g_autoptr (TnetHubTransfers) t2 = tnet_hub_transfers_compute (hubs, feed, scen);
  p = find_pair (tnet_hub_transfers_get (t2, 0), "R1", "R2");
  ck_assert_double_eq_tol (p->wait_ms, 20 * MINUTE_MS, EPS);
  ck_assert_double_eq_tol (p->to_trips_per_hour, 1.5, EPS);
  /* no feed: nothing in service */
  g_autoptr (TnetHubTransfers) t3 = tnet_hub_transfers_compute (hubs, NULL, scen);
  ck_assert (!tnet_hub_transfers_get (t3, 0)->in_service);
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_timetabled_hub)
{
  g_autofree char *dir = small_dir (TRUE);
  g_autoptr (TnetHubSet) hubs = load_hubs (dir);
  g_autoptr (TnetHubTransfers) t = transfers_2025 (dir, hubs);
  const TnetHubTable *tab = tnet_hub_transfers_get (t, 0);
  ck_assert (tab->in_service);
  /* R2 never sets down at B: the only pair is R1 -> R2 */
  ck_assert_uint_eq (tab->n_pairs, 1);
  const TnetTransferPair *p = &tab->pairs[0];
  ck_assert (p->timetabled);
  /* ready at B 07:13 -> 07:15 (2), 07:43 -> 08:00 (17), 08:13 -> 08:50
   * (37), 08:58 -> none before 09:00 (unconnected) */
  ck_assert_uint_eq (p->n_arrivals, 4);
  ck_assert_uint_eq (p->n_unconnected, 1);
  ck_assert_double_eq_tol (p->connection_wait_ms, (2 + 17 + 37) * MINUTE_MS / 3, 1e-6);
  /* 4 departures of R2 in 2 h: headway 30, expected wait 15 */
  ck_assert_double_eq_tol (p->wait_ms, 15 * MINUTE_MS, EPS);
  ck_assert_double_eq_tol (tab->mean_connection_wait_ms, (2 + 17 + 37) * MINUTE_MS / 3, 1e-6);
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_walk_table)
{
  g_autofree char *dir = tt_mkdtemp ();
  tt_write_file (dir, "hubs.csv", "id,kind,members\nH,existing,a;b;c\n");
  tt_write_file (dir, "hub_walks.csv", "hub,from,to,walk_min,open_year\n"
                 "H,a,b,8,\nH,a,b,5,2025\nH,b,c,2,\nH,c,b,6,\n");
  g_autoptr (TnetHubSet) hubs = load_hubs (dir);
  ck_assert_uint_eq (tnet_hub_set_walk_ms (hubs, 0, "a", "b", 2020), 480000);
  ck_assert_uint_eq (tnet_hub_set_walk_ms (hubs, 0, "b", "a", 2024), 480000);
  ck_assert_uint_eq (tnet_hub_set_walk_ms (hubs, 0, "b", "a", 2025), 300000);
  ck_assert_uint_eq (tnet_hub_set_walk_ms (hubs, 0, "b", "c", 2025), 120000);
  ck_assert_uint_eq (tnet_hub_set_walk_ms (hubs, 0, "c", "b", 2025), 360000);
  ck_assert_uint_eq (tnet_hub_set_walk_ms (hubs, 0, "a", "c", 2025), TNET_WEIGHT_INF);
  const TnetHub *h = tnet_hub_set_get (hubs, 0);
  ck_assert_uint_eq (h->n_members, 3);
  ck_assert_uint_eq (h->target_ms, TNET_WEIGHT_INF);
  ck_assert_uint_eq (h->level_change_ms, 0);
  ck_assert_int_eq (h->kind, TNET_HUB_EXISTING);
  tt_rm_rf (dir);
}
END_TEST

/* The C API in milliseconds on a hub worked out by hand: the files speak
 * minutes, the set holds each value rounded to the nearest ms, and the
 * means keep the half millisecond an average gives. The feed is
 * small_dir (FALSE)'s: R1 calls at A every 10 min (12 arrivals in the 2 h
 * window), R2 leaves B for Z every 20 min (6) and comes back every 30 min
 * (4 arrivals at B).
 *   R1 -> R2: walk A->B 2.25 min = 135 000 ms; wait 20 / 2 min = 600 000;
 *             walk + wait 735 000; weight 6/h x 3/h = 18
 *   R2 -> R1: walk B->A 3.00001 min = 180 000.6 -> 180 001 ms; wait
 *             10 / 2 min = 300 000; walk + wait 480 001; weight 2/h x 6/h
 *             = 12
 *   mean walk (135 000 + 180 001) / 2 = 157 500.5 ms, walk + wait
 *   (735 000 + 480 001) / 2 = 607 500.5; weighted walk (18 x 135 000 +
 *   12 x 180 001) / 30 = 153 000.4, walk + wait (18 x 735 000 + 12 x
 *   480 001) / 30 = 633 000.4. The target 2.625 min = 157 500 ms is missed
 *   by half a millisecond. */
START_TEST (test_ms_by_hand)
{
  g_autofree char *dir = small_dir (FALSE);
  tt_write_file (dir, "hubs.csv",
                 "id,name,name_en,kind,open_year,target_transfer_min,members,source,confidence,"
                 "level_change_min\n"
                 "H,Hub,Hub,integrated_new,,2.625,A;B,t,low,0.75\n"
                 "L,Later,Later,integrated_new,2030,,A;B,t,low,\n");
  tt_write_file (dir, "hub_walks.csv", "hub,from,to,walk_min,open_year\n"
                 "H,A,B,2.25,\nH,B,A,3.00001,\n");
  g_autoptr (TnetHubSet) hubs = load_hubs (dir);
  const TnetHub *h = tnet_hub_set_get (hubs, 0);
  ck_assert_uint_eq (h->target_ms, 157500);
  ck_assert_uint_eq (h->level_change_ms, 45000);
  ck_assert_uint_eq (tnet_hub_set_get (hubs, 1)->target_ms, TNET_WEIGHT_INF);
  ck_assert_uint_eq (tnet_hub_set_walk_ms (hubs, 0, "A", "B", 2025), 135000);
  ck_assert_uint_eq (tnet_hub_set_walk_ms (hubs, 0, "B", "A", 2025), 180001);
  g_autoptr (TnetHubTransfers) t = transfers_2025 (dir, hubs);
  const TnetHubTable *tab = tnet_hub_transfers_get (t, 0);
  ck_assert (tab->in_service);
  const TnetTransferPair *p = find_pair (tab, "R1", "R2");
  ck_assert_ptr_nonnull (p);
  ck_assert_double_eq (p->walk_ms, 135000);
  ck_assert_double_eq (p->headway_ms, 1200000);
  ck_assert_double_eq (p->wait_ms, 600000);
  ck_assert_double_eq (p->walk_wait_ms, 735000);
  p = find_pair (tab, "R2", "R1");
  ck_assert_ptr_nonnull (p);
  ck_assert_double_eq (p->walk_ms, 180001);
  ck_assert_double_eq (p->headway_ms, 600000);
  ck_assert_double_eq (p->wait_ms, 300000);
  ck_assert_double_eq (p->walk_wait_ms, 480001);
  ck_assert_double_eq (tab->mean_walk_ms, 157500.5);
  ck_assert_double_eq (tab->mean_walk_wait_ms, 607500.5);
  ck_assert_double_eq_tol (tab->weighted_walk_ms, 153000.4, 1e-6);
  ck_assert_double_eq_tol (tab->weighted_walk_wait_ms, 633000.4, 1e-6);
  ck_assert_double_eq (tab->mode_pairs[0].mean_walk_ms, 135000);   /* rail -> bus */
  ck_assert_double_eq (tab->mode_pairs[1].mean_walk_wait_ms, 480001);   /* bus -> rail */
  ck_assert (isnan (tab->mean_connection_wait_ms));
  ck_assert (tab->has_target && !tab->pass);
  ck_assert (!tnet_hub_transfers_get (t, 1)->has_target);
  guint n = 0;
  ck_assert_double_eq (tnet_hub_transfers_indicator_ms (t, TNET_HUB_INTEGRATED_NEW, &n),
                       157500.5);
  ck_assert_uint_eq (n, 1);
  /* the outputs speak minutes: 157 500.5 ms = 2.6250083 min */
  g_autofree char *json = tnet_hub_transfers_to_json (t, 0);
  ck_assert_ptr_nonnull (strstr (json, "\"target_min\" : 2.63"));
  ck_assert_ptr_nonnull (strstr (json, "\"mean_walk_min\" : 2.63"));
  ck_assert_ptr_nonnull (strstr (json, "\"weighted_walk_min\" : 2.55"));
  ck_assert_ptr_nonnull (strstr (json, "\"walk_min\" : 3.0,"));
  g_autofree char *text = tnet_hub_transfers_to_text (t, 0);
  ck_assert_ptr_nonnull (strstr (text, "R2 → R1 (bus→rail): 3.0 + 5.0 (10.0) = 8.0\n"));
  ck_assert_ptr_nonnull (strstr (text, "target 2.6 min (walk): fail"));
  tt_rm_rf (dir);
}
END_TEST

static void
expect_load_error (const char *hubs, const char *walks, gboolean with_net, const char *needle)
{
  g_autofree char *dir = tt_mkdtemp ();
  tt_write_file (dir, "hubs.csv", hubs);
  tt_write_file (dir, "hub_walks.csv", walks);
  g_autofree char *h = g_build_filename (dir, "hubs.csv", NULL);
  g_autofree char *w = g_build_filename (dir, "hub_walks.csv", NULL);
  g_autoptr (TnetNetwork) net = tnet_network_new ();
  const char *ids[] = { "a", "b" };
  for (guint k = 0; k < 2; k++)
    {
      TnetNode n = { .id = ids[k], .lon = 113.8, .lat = 34.0 + k * 0.01 };
      ck_assert (tnet_network_add_node (net, &n, NULL) != TNET_ID_NONE);
    }
  GError *error = NULL;
  TnetHubSet *set = tnet_hub_set_load_csv (with_net ? net : NULL, h, w, &error);
  ck_assert_ptr_null (set);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, needle);
  tt_rm_rf (dir);
}

START_TEST (test_load_errors)
{
  const char *ok_hubs = "id,kind,open_year,target_transfer_min,members\nH,existing,,5,a;b\n";
  const char *ok_walks = "hub,from,to,walk_min,open_year\n";
  expect_load_error (ok_hubs, "hub,from,to,walk_min,open_year\nQ,a,b,3,\n", TRUE,
                     "hub_walks.csv:2:1: expected a hub id of hubs.csv, found \"Q\"");
  expect_load_error ("id,kind,members\nH,existing,a;zz\n", ok_walks, TRUE,
                     "hubs.csv:2:12: expected member node ids of nodes.csv, found unknown \"zz\"");
  expect_load_error (ok_hubs, "hub,from,to,walk_min,open_year\nH,a,b,abc,\n", TRUE,
                     "hub_walks.csv:2:7:");
  expect_load_error (ok_hubs, "hub,from,to,walk_min,open_year\nH,a,b,-1,\n", TRUE,
                     "hub_walks.csv:2:7: expected a walk in minutes >= 0");
  expect_load_error (ok_hubs, "hub,from,to,walk_min,open_year\nH,a,c,1,\n", FALSE,
                     "hub_walks.csv:2:5: expected a member of hub H, found \"c\"");
  expect_load_error (ok_hubs, "hub,from,to,walk_min,open_year\nH,a,a,1,\n", FALSE,
                     "hub_walks.csv:2:5: expected two different members");
  expect_load_error (ok_hubs, "hub,from,to,walk_min,open_year\nH,a,b,1,20x\n", FALSE,
                     "hub_walks.csv:2:9:");
  expect_load_error ("id,kind,members\nH,big,a\n", ok_walks, FALSE,
                     "hubs.csv:2:3: expected kind integrated_new or existing");
  expect_load_error ("id,kind,members\nH,existing,a\nH,existing,b\n", ok_walks, FALSE,
                     "hubs.csv:3:1: duplicate hub id \"H\"");
  expect_load_error ("id,kind,members\nH,existing, ; \n", ok_walks, FALSE,
                     "hubs.csv:2:12: expected one or more");
  expect_load_error ("id,kind,target_transfer_min,members\nH,existing,x,a\n", ok_walks, FALSE,
                     "hubs.csv:2:12:");
  expect_load_error ("id,kind,open_year,members\nH,existing,1066,a\n", ok_walks, FALSE,
                     "hubs.csv:2:12: expected a year");
  /* milliseconds must stay below TNET_WEIGHT_INF (which means "none") */
  expect_load_error (ok_hubs, "hub,from,to,walk_min,open_year\nH,a,b,35792,\n", TRUE,
                     "hub_walks.csv:2:7: expected a walk in minutes >= 0 (at most 35791)");
  expect_load_error ("id,kind,target_transfer_min,members\nH,existing,1e9,a\n", ok_walks, FALSE,
                     "hubs.csv:2:12: expected a target in minutes >= 0 (at most 35791)");
  expect_load_error ("id,kind,members,level_change_min\nH,existing,a,40000\n", ok_walks, FALSE,
                     "hubs.csv:2:14: expected a level change allowance in minutes");
  expect_load_error ("id,kind\nH,existing\n", ok_walks, FALSE, "members");
  GError *error = NULL;
  ck_assert_ptr_null (tnet_hub_set_load_csv (NULL, "/nonexistent/hubs.csv", NULL, &error));
  tt_assert_error (error, TNET_ERROR_IO, NULL);
}
END_TEST

/* transfers.txt read straight from the zip: "from\x1fto" -> seconds */
static GHashTable *
read_transfers (const char *zip_path)
{
  int zerr = 0;
  zip_t *z = zip_open (zip_path, ZIP_RDONLY, &zerr);
  ck_assert_ptr_nonnull (z);
  zip_stat_t st;
  ck_assert_int_eq (zip_stat (z, "transfers.txt", 0, &st), 0);
  zip_file_t *f = zip_fopen (z, "transfers.txt", 0);
  g_autofree char *buf = g_malloc0 (st.size + 1);
  ck_assert_int_eq (zip_fread (f, buf, st.size), (zip_int64_t) st.size);
  zip_fclose (f);
  zip_close (z);
  GHashTable *rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto (GStrv) lines = g_strsplit (buf, "\n", -1);
  for (guint i = 1; lines[i]; i++)
    {
      g_auto (GStrv) f4 = g_strsplit (g_strstrip (lines[i]), ",", -1);
      if (g_strv_length (f4) < 4 || strcmp (f4[2], "2") != 0)
        continue;
      g_hash_table_insert (rules, g_strdup_printf ("%s\x1f%s", f4[0], f4[1]),
                           GINT_TO_POINTER (atoi (f4[3])));
    }
  return rules;
}

START_TEST (test_nyc_subway)
{
  g_autofree char *path = tt_data_path ("nyc-subway/nyc_subway_gtfs.zip");
  GError *error = NULL;
  g_autoptr (TnetFeed) feed = tnet_feed_load (path, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  g_autoptr (GHashTable) rules = read_transfers (path);
  g_autoptr (TnetHubSet) hubs = tnet_hub_set_from_feed (feed);
  /* every parent station whose children see two or more routes is a hub */
  g_autoptr (GHashTable) routes_at = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                            (GDestroyNotify) g_hash_table_unref);
  for (guint p = 0; p < tnet_feed_n_patterns (feed); p++)
    {
      const TnetPattern *pat = tnet_feed_pattern (feed, p);
      for (guint k = 0; k < pat->n_stops; k++)
        {
          const TnetFeedStop *s = tnet_feed_stop (feed, pat->stops[k]);
          if (s->parent == TNET_ID_NONE)
            continue;
          const char *parent = tnet_feed_stop (feed, s->parent)->id;
          GHashTable *set = g_hash_table_lookup (routes_at, parent);
          if (!set)
            g_hash_table_insert (routes_at, (gpointer) parent,
                                 set = g_hash_table_new (NULL, NULL));
          g_hash_table_add (set, GUINT_TO_POINTER (pat->route + 1));
        }
    }
  guint expected = 0;
  GHashTableIter it;
  gpointer key, value;
  g_hash_table_iter_init (&it, routes_at);
  while (g_hash_table_iter_next (&it, &key, &value))
    if (g_hash_table_size (value) >= 2)
      {
        expected++;
        ck_assert_msg (tnet_hub_set_find (hubs, key) >= 0, "station %s is no hub",
                       (const char *) key);
      }
  ck_assert_uint_ge (expected, 5);   /* the cut-down feed has two routes */
  ck_assert_uint_eq (tnet_hub_set_n_hubs (hubs), expected);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  g_autoptr (TnetHubTransfers) t = tnet_hub_transfers_compute (hubs, feed, scen);
  guint n_pairs = 0;
  for (guint i = 0; i < tnet_hub_transfers_n_hubs (t); i++)
    {
      const TnetHubTable *tab = tnet_hub_transfers_get (t, i);
      ck_assert_msg (tab->in_service, "%s: %s", tab->hub->id, tab->status);
      ck_assert_uint_ge (tab->n_pairs, 1);
      for (guint k = 0; k < tab->n_pairs; k++)
        {
          const TnetTransferPair *p = &tab->pairs[k];
          g_autofree char *direct = g_strdup_printf ("%s\x1f%s", p->from_stop, p->to_stop);
          g_autofree char *station = g_strdup_printf ("%s\x1f%s", tab->hub->id, tab->hub->id);
          gpointer v;
          gboolean found = g_hash_table_lookup_extended (rules, direct, NULL, &v)
                           || g_hash_table_lookup_extended (rules, station, NULL, &v);
          ck_assert_msg (found, "%s: no transfers.txt row", tab->hub->id);
          ck_assert_double_eq_tol (p->walk_ms, GPOINTER_TO_INT (v) * 1000.0, EPS);
          ck_assert (p->wait_ms > 0 && isfinite (p->wait_ms));
          n_pairs++;
        }
    }
  ck_assert_uint_gt (n_pairs, 0);
}
END_TEST

START_TEST (test_caltrain)
{
  g_autofree char *path = tt_data_path ("caltrain/caltrain_gtfs.zip");
  GError *error = NULL;
  g_autoptr (TnetFeed) feed = tnet_feed_load (path, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (tnet_feed_get_service_date (feed), 20090302);
  g_autoptr (TnetHubSet) hubs = tnet_hub_set_from_feed (feed);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  g_autoptr (TnetHubTransfers) t = tnet_hub_transfers_compute (hubs, feed, scen);
  int i = tnet_hub_transfers_find (t, "San Francisco Caltrain", NULL);
  ck_assert_int_ge (i, 0);
  const TnetHubTable *tab = tnet_hub_transfers_get (t, (guint) i);
  const TnetTransferPair *p = find_pair (tab, "Bullet", "Limited");
  ck_assert_ptr_nonnull (p);
  ck_assert (p->timetabled);
  ck_assert_double_eq_tol (p->walk_ms, 0, EPS);   /* one stop, no transfers.txt */
  /* By hand from stop_times.txt (service WD20090302, 07:00-09:00): Bullets
   * arrive at 07:02, 07:42, 08:02, 08:42; Limiteds leave towards San Bruno
   * at 07:19, 08:19 and towards 22nd Street at 07:24, 07:44, 08:24, 08:44.
   * Waits: 17, 22 | 37, 2 | 17, 22 | none, 2 -> 119 / 7 min, 1 unconnected. */
  ck_assert_uint_eq (p->n_arrivals, 8);
  ck_assert_uint_eq (p->n_unconnected, 1);
  ck_assert_double_eq_tol (p->connection_wait_ms, 119 * MINUTE_MS / 7, 1e-6);
  for (guint h = 0; h < tnet_hub_transfers_n_hubs (t); h++)
    ck_assert_uint_eq (tnet_hub_transfers_get (t, h)->n_timetabled_pairs,
                       tnet_hub_transfers_get (t, h)->n_pairs);
  guint w0, w1, day;
  ck_assert (tnet_hub_transfers_get_window (t, &w0, &w1, &day));
  ck_assert_uint_eq (w0, 7 * 3600);
  ck_assert_uint_eq (w1, 9 * 3600);
  ck_assert_uint_eq (day, 20090302);
}
END_TEST

/* A one-hour window, 08:00-09:00: the Bullets calling at San Francisco at
 * 08:02 and 08:42 left their first stop before 08:00, yet they are there
 * (counted by their calls at the hub, not by their patterns' departures).
 * By hand from the times listed in test_caltrain: 08:02 -> San Bruno 08:19
 * (17), 22nd Street 08:24 (22); 08:42 -> San Bruno none before 09:00,
 * 22nd Street 08:44 (2): 41 / 3 min over 4 arrivals, 1 unconnected. The
 * Limited's headway: 60 min towards San Bruno (one departure), 30 towards
 * 22nd Street (two), 45 on average. */
START_TEST (test_caltrain_window)
{
  g_autofree char *path = tt_data_path ("caltrain/caltrain_gtfs.zip");
  TnetFeedOptions fo;
  tnet_feed_options_init (&fo);
  fo.window_start_s = 8 * 3600;
  fo.window_end_s = 9 * 3600;
  GError *error = NULL;
  g_autoptr (TnetFeed) feed = tnet_feed_load (path, &fo, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetHubSet) hubs = tnet_hub_set_from_feed (feed);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  g_autoptr (TnetHubTransfers) t = tnet_hub_transfers_compute (hubs, feed, scen);
  int i = tnet_hub_transfers_find (t, "San Francisco Caltrain", NULL);
  ck_assert_int_ge (i, 0);
  const TnetTransferPair *p = find_pair (tnet_hub_transfers_get (t, (guint) i), "Bullet",
                                         "Limited");
  ck_assert_ptr_nonnull (p);
  ck_assert (p->timetabled);
  ck_assert_uint_eq (p->n_arrivals, 4);
  ck_assert_uint_eq (p->n_unconnected, 1);
  ck_assert_double_eq_tol (p->connection_wait_ms, 41 * MINUTE_MS / 3, 1e-6);
  ck_assert_double_eq_tol (p->headway_ms, 45 * MINUTE_MS, EPS);
  ck_assert_double_eq_tol (p->from_trips_per_hour, 2.0, EPS);
  guint w0, w1;
  ck_assert (tnet_hub_transfers_get_window (t, &w0, &w1, NULL));
  ck_assert_uint_eq (w0, 8 * 3600);
  ck_assert_uint_eq (w1, 9 * 3600);
}
END_TEST

/* The number @key of the JSON object @o (NAN when it is null). */
static double
member_num (JsonObject *o, const char *key)
{
  ck_assert_msg (json_object_has_member (o, key), "no %s", key);
  return json_object_get_null_member (o, key) ? NAN : json_object_get_double_member (o, key);
}

/* The library's three forms of the timetabled hub of small_dir (figures
 * worked out by hand in test_timetabled_hub) and of the hub that opens in
 * 2030, each field against that hand computation. */
START_TEST (test_writers)
{
  g_autofree char *dir = small_dir (TRUE);
  g_autoptr (TnetHubSet) hubs = load_hubs (dir);
  g_autoptr (TnetHubTransfers) t = transfers_2025 (dir, hubs);
  GError *error = NULL;

  g_autofree char *json = tnet_hub_transfers_to_json (t, -1);
  tt_assert_json_schema_keys ("### `tnet transfers --format json`", json);
  g_autoptr (JsonNode) root = json_from_string (json, &error);
  ck_assert_msg (root != NULL, "%s", error ? error->message : "");
  JsonObject *doc = json_node_get_object (root);
  ck_assert_int_eq (json_object_get_int_member (doc, "year"), 2025);
  JsonArray *hs = json_object_get_array_member (doc, "hubs");
  ck_assert_uint_eq (json_array_get_length (hs), 2);
  JsonObject *h = json_array_get_object_element (hs, 0);
  ck_assert_str_eq (json_object_get_string_member (h, "id"), "H");
  ck_assert (json_object_get_boolean_member (h, "in_service"));
  ck_assert (json_object_get_null_member (h, "open_year"));
  JsonArray *pairs = json_object_get_array_member (h, "pairs");
  ck_assert_uint_eq (json_array_get_length (pairs), 1);
  JsonObject *p = json_array_get_object_element (pairs, 0);
  ck_assert_str_eq (json_object_get_string_member (p, "from"), "R1");
  ck_assert_str_eq (json_object_get_string_member (p, "to"), "R2");
  ck_assert_str_eq (json_object_get_string_member (p, "from_mode"), "rail");
  ck_assert_str_eq (json_object_get_string_member (p, "to_mode"), "bus");
  /* walk 3 (hub_walks.csv), 4 departures in 2 h: headway 30, wait 15 */
  ck_assert_double_eq_tol (member_num (p, "walk_min"), 3, EPS);
  ck_assert_double_eq_tol (member_num (p, "headway_min"), 30, EPS);
  ck_assert_double_eq_tol (member_num (p, "wait_min"), 15, EPS);
  ck_assert_double_eq_tol (member_num (p, "walk_wait_min"), 18, EPS);
  ck_assert (json_object_get_boolean_member (p, "timetabled"));
  /* (2 + 17 + 37) / 3 to 0.01 */
  ck_assert_double_eq_tol (member_num (p, "connection_wait_min"), 18.67, EPS);
  ck_assert_int_eq (json_object_get_int_member (p, "arrivals"), 4);
  ck_assert_int_eq (json_object_get_int_member (p, "unconnected"), 1);
  ck_assert_double_eq_tol (member_num (h, "mean_connection_wait_min"), 18.67, EPS);
  JsonObject *later = json_array_get_object_element (hs, 1);
  ck_assert_str_eq (json_object_get_string_member (later, "id"), "L");
  ck_assert_int_eq (json_object_get_int_member (later, "open_year"), 2030);
  ck_assert (!json_object_get_boolean_member (later, "in_service"));
  ck_assert_str_eq (json_object_get_string_member (later, "status"), "not open until 2030");
  ck_assert (json_object_get_null_member (later, "pass"));
  ck_assert (isnan (member_num (later, "mean_walk_min")));
  JsonObject *ind = json_object_get_object_member (doc, "integrated_new");
  ck_assert_double_eq_tol (member_num (ind, "mean_walk_min"), 3, EPS);
  ck_assert_int_eq (json_object_get_int_member (ind, "hubs"), 1);

  /* one hub: that hub only, the indicator still over all */
  g_autofree char *one = tnet_hub_transfers_to_json (t, 1);
  g_autoptr (JsonNode) one_root = json_from_string (one, &error);
  ck_assert_msg (one_root != NULL, "%s", error ? error->message : "");
  hs = json_object_get_array_member (json_node_get_object (one_root), "hubs");
  ck_assert_uint_eq (json_array_get_length (hs), 1);
  ck_assert_str_eq (json_object_get_string_member (json_array_get_object_element (hs, 0), "id"),
                    "L");

  g_autofree char *csv = tnet_hub_transfers_to_csv (t, -1);
  g_autoptr (GPtrArray) rows = tt_csv_rows (csv);
  ck_assert_uint_eq (rows->len, 3);
  static const char *const want_h[] = { "H", "in service", "R1", "R2", "rail", "bus", "A", "B",
                                        "3.00", "30.00", "15.00", "18.00", NULL, "18.67", "4",
                                        "1" };
  static const char *const want_l[] = { "L", "not open until 2030", "", "", "", "", "", "", "",
                                        "", "", "", "", "", "", "" };
  char **row_h = g_ptr_array_index (rows, 1), **row_l = g_ptr_array_index (rows, 2);
  ck_assert_uint_eq (g_strv_length (row_h), G_N_ELEMENTS (want_h));
  ck_assert_uint_eq (g_strv_length (row_l), G_N_ELEMENTS (want_l));
  for (guint k = 0; k < G_N_ELEMENTS (want_h); k++)
    {
      if (want_h[k])  /* the weight: not worked out by hand */
        ck_assert_str_eq (row_h[k], want_h[k]);
      ck_assert_str_eq (row_l[k], want_l[k]);
    }

  g_autofree char *text = tnet_hub_transfers_to_text (t, -1);
  ck_assert_msg (strstr (text, "    R1 → R2 (rail→bus): 3.0 + 15.0 (30.0) = 18.0; 18.7 "
                               "(4 arrivals, 1 unconnected)\n") != NULL, "%s", text);
  ck_assert_msg (strstr (text, "Later (L, integrated_new), 2025: not in service (not open "
                               "until 2030)\n") != NULL, "%s", text);
  ck_assert_msg (strstr (text, "Mean walk over the 1 new integrated hubs in service: "
                               "3.0 min\n") != NULL, "%s", text);
  tt_rm_rf (dir);
}
END_TEST

static TnetHubTransfers *
bundled (const TnetNetwork *net, const TnetHubSet *hubs, int year)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  g_autofree char *fp = tnet_feed_path_for_year (dir, year);
  GError *error = NULL;
  g_autoptr (TnetFeed) feed = tnet_feed_load (fp, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetScenario) scen = tnet_scenario_new (year);
  (void) net;
  return tnet_hub_transfers_compute (hubs, feed, scen);
}

/* Oracle for a measured walk: the two stops' positions read from the
 * bundled 2025 stops.txt here (columns stop_id,stop_name,stop_lat,stop_lon
 * located by the header), the haversine distance on a 6371.0088 km
 * sphere, x 1.2 at 4.8 km/h, in minutes. */
static double
measured_walk (const char *a, const char *b)
{
  g_autofree char *path = tt_source_path ("data/xuchang/gtfs-2025/stops.txt");
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  g_auto (GStrv) head = g_strsplit (g_strstrip (lines[0]), ",", -1);
  int c_id = -1, c_lat = -1, c_lon = -1;
  for (int k = 0; head[k]; k++)
    {
      if (strcmp (head[k], "stop_id") == 0) c_id = k;
      if (strcmp (head[k], "stop_lat") == 0) c_lat = k;
      if (strcmp (head[k], "stop_lon") == 0) c_lon = k;
    }
  ck_assert (c_id >= 0 && c_lat >= 0 && c_lon >= 0);
  double lat[2] = { NAN, NAN }, lon[2] = { NAN, NAN };
  for (guint i = 1; lines[i]; i++)
    {
      g_auto (GStrv) f = g_strsplit (g_strstrip (lines[i]), ",", -1);
      if ((int) g_strv_length (f) <= MAX (c_id, MAX (c_lat, c_lon)))
        continue;
      for (int k = 0; k < 2; k++)
        if (strcmp (f[c_id], k ? b : a) == 0)
          {
            lat[k] = g_ascii_strtod (f[c_lat], NULL) * G_PI / 180;
            lon[k] = g_ascii_strtod (f[c_lon], NULL) * G_PI / 180;
          }
    }
  ck_assert (!isnan (lat[0]) && !isnan (lat[1]));
  double h = pow (sin ((lat[1] - lat[0]) / 2), 2)
             + cos (lat[0]) * cos (lat[1]) * pow (sin ((lon[1] - lon[0]) / 2), 2);
  double km = 2 * 6371.0088 * asin (sqrt (h));
  return km * 1.2 / 4.8 * 60;
}

START_TEST (test_bundled)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  g_autofree char *h = g_build_filename (dir, "hubs.csv", NULL);
  g_autofree char *w = g_build_filename (dir, "hub_walks.csv", NULL);
  g_autoptr (TnetHubSet) hubs = tnet_hub_set_load_csv (net, h, w, &error);
  ck_assert_msg (hubs != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetHubTransfers) t25 = bundled (net, hubs, 2025);
  g_autoptr (TnetHubTransfers) t20 = bundled (net, hubs, 2020);
  /* an unknown hub: NOT_FOUND, with the id one letter off suggested and
   * none for an id far from all */
  GError *err = NULL;
  ck_assert_int_eq (tnet_hub_transfers_find (t25, "h_xuchang_nrth", &err), -1);
  ck_assert (g_error_matches (err, TNET_ERROR, TNET_ERROR_NOT_FOUND));
  g_autofree char *want = g_strdup_printf ("unknown hub “h_xuchang_nrth”, did you mean "
                                           "“h_xuchang_north”? (%u hubs)",
                                           tnet_hub_set_n_hubs (hubs));
  ck_assert_str_eq (err->message, want);
  g_clear_error (&err);
  ck_assert_int_eq (tnet_hub_transfers_find (t25, "qqqq", &err), -1);
  ck_assert_ptr_null (strstr (err->message, "did you mean"));
  g_clear_error (&err);
  double sum = 0;
  static const char *const plan[] = { "h_yuzhou", "h_changge_north", "h_xuchang_north",
                                      "h_nongdalu", "h_chanye_xincheng", "h_xuchang_east" };
  for (guint k = 0; k < G_N_ELEMENTS (plan); k++)
    {
      int i = tnet_hub_transfers_find (t25, plan[k], NULL);
      ck_assert_int_ge (i, 0);
      const TnetHubTable *tab = tnet_hub_transfers_get (t25, (guint) i);
      ck_assert_msg (tab->in_service, "%s: %s", plan[k], tab->status);
      ck_assert_uint_ge (tab->n_pairs, 2);
      if (tab->hub->kind == TNET_HUB_INTEGRATED_NEW)
        {
          /* each new hub pairs one rail station with one bus stop and has
           * no measured walk: both changes walk the straight line between
           * the two stops x 1.2 at 4.8 km/h, plus the hub's 1.5 min of
           * level change (hubs.csv) */
          double walk = measured_walk (tab->hub->members[0], tab->hub->members[1]) + 1.5;
          ck_assert_double_eq_tol (tab->mean_walk_ms, walk * MINUTE_MS, 1e-3);
          sum += walk;
        }
    }
  guint n = 0;
  ck_assert_double_eq_tol (tnet_hub_transfers_indicator_ms (t25, TNET_HUB_INTEGRATED_NEW, &n),
                           sum / 5 * MINUTE_MS, 1e-3);
  ck_assert_uint_eq (n, 5);
  /* 2020: only 许昌北 of the new hubs is open (8 min walk); the others are
   * not in service, with no figure */
  static const char *const absent[] = { "h_yuzhou", "h_changge_north", "h_nongdalu",
                                        "h_chanye_xincheng" };
  for (guint k = 0; k < G_N_ELEMENTS (absent); k++)
    {
      const TnetHubTable *tab = tnet_hub_transfers_get (t20, (guint) tnet_hub_transfers_find (t20, absent[k], NULL));
      ck_assert (!tab->in_service);
      ck_assert (g_str_has_prefix (tab->status, "not open until"));
      ck_assert (isnan (tab->mean_walk_ms));
    }
  const TnetHubTable *xn = tnet_hub_transfers_get (t20, (guint) tnet_hub_transfers_find (t20, "h_xuchang_north", NULL));
  ck_assert (xn->in_service);
  double w20 = measured_walk ("xc_north_hsr", "bus_xc_north") + 1.5;
  ck_assert_double_eq_tol (xn->mean_walk_ms, w20 * MINUTE_MS, 1e-3);
  ck_assert_double_eq_tol (tnet_hub_transfers_indicator_ms (t20, TNET_HUB_INTEGRATED_NEW, &n),
                           w20 * MINUTE_MS, 1e-3);
  ck_assert_uint_eq (n, 1);
}
END_TEST

/* The hub indicator follows the stops: a copy of the bundled 2025 feed
 * with 禹州站's bus stop moved 0.01° of latitude further from the station
 * gives that hub a walk longer by exactly the extra straight-line distance
 * (measured_walk on the moved positions), and nothing else changes. */
START_TEST (test_stop_moves)
{
  g_autofree char *src = tt_source_path ("data/xuchang/gtfs-2025");
  g_autofree char *tmp = tt_mkdtemp ();
  g_autofree char *feed_dir = g_build_filename (tmp, "gtfs-2025", NULL);
  ck_assert_int_eq (g_mkdir (feed_dir, 0755), 0);
  static const char *const files[] = { "agency.txt", "calendar.txt", "frequencies.txt",
                                       "routes.txt", "stop_times.txt", "stops.txt",
                                       "transfers.txt", "trips.txt" };
  double lat0 = NAN, lat1 = NAN;
  for (guint k = 0; k < G_N_ELEMENTS (files); k++)
    {
      g_autofree char *from = g_build_filename (src, files[k], NULL);
      g_autofree char *to = g_build_filename (feed_dir, files[k], NULL);
      g_autofree char *text = NULL;
      ck_assert (g_file_get_contents (from, &text, NULL, NULL));
      if (strcmp (files[k], "stops.txt") == 0)
        {
          g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
          g_auto (GStrv) head = g_strsplit (g_strstrip (lines[0]), ",", -1);
          int c_lat = -1;
          for (int h = 0; head[h]; h++)
            if (strcmp (head[h], "stop_lat") == 0)
              c_lat = h;
          ck_assert_int_ge (c_lat, 0);
          for (guint i = 1; lines[i]; i++)
            if (g_str_has_prefix (lines[i], "bus_yz_hsr,"))
              {
                g_auto (GStrv) f = g_strsplit (lines[i], ",", -1);
                lat0 = g_ascii_strtod (f[c_lat], NULL);
                lat1 = lat0 - 0.01;      /* the station is north of its stop */
                g_free (f[c_lat]);
                f[c_lat] = g_strdup_printf ("%.6f", lat1);
                g_free (lines[i]);
                lines[i] = g_strjoinv (",", f);
              }
          g_free (text);
          text = g_strjoinv ("\n", lines);
        }
      ck_assert (g_file_set_contents (to, text, -1, NULL));
    }
  ck_assert (!isnan (lat0));
  g_autofree char *dir = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  g_autofree char *h = g_build_filename (dir, "hubs.csv", NULL);
  g_autoptr (TnetHubSet) hubs = tnet_hub_set_load_csv (net, h, NULL, &error);
  ck_assert_msg (hubs != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetFeed) moved = tnet_feed_load (feed_dir, NULL, &error);
  ck_assert_msg (moved != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  g_autoptr (TnetHubTransfers) before = bundled (net, hubs, 2025);
  g_autoptr (TnetHubTransfers) after = tnet_hub_transfers_compute (hubs, moved, scen);
  const TnetHubTable *a = tnet_hub_transfers_get (before, (guint) tnet_hub_transfers_find (before, "h_yuzhou", NULL));
  const TnetHubTable *b = tnet_hub_transfers_get (after, (guint) tnet_hub_transfers_find (after, "h_yuzhou", NULL));
  /* station yz_hsr stays; the stop is 0.01° (1.112 km) further south:
   * the walk is the straight line between the new positions x 1.2 at
   * 4.8 km/h + 1.5, computed here from the station's and the moved stop's
   * coordinates with the same haversine as measured_walk */
  double station_lat = 0, station_lon = 0, stop_lon = 0;
  {
    g_autofree char *sp = g_build_filename (feed_dir, "stops.txt", NULL);
    g_autofree char *text = NULL;
    ck_assert (g_file_get_contents (sp, &text, NULL, NULL));
    g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
    g_auto (GStrv) head = g_strsplit (g_strstrip (lines[0]), ",", -1);
    int c_lat = -1, c_lon = -1;
    for (int k = 0; head[k]; k++)
      {
        if (strcmp (head[k], "stop_lat") == 0) c_lat = k;
        if (strcmp (head[k], "stop_lon") == 0) c_lon = k;
      }
    for (guint i = 1; lines[i]; i++)
      {
        g_auto (GStrv) f = g_strsplit (g_strstrip (lines[i]), ",", -1);
        if (g_str_has_prefix (lines[i], "yz_hsr,"))
          {
            station_lat = g_ascii_strtod (f[c_lat], NULL);
            station_lon = g_ascii_strtod (f[c_lon], NULL);
          }
        else if (g_str_has_prefix (lines[i], "bus_yz_hsr,"))
          stop_lon = g_ascii_strtod (f[c_lon], NULL);
      }
  }
  double p1 = station_lat * G_PI / 180, p2 = lat1 * G_PI / 180;
  double dl = (stop_lon - station_lon) * G_PI / 180;
  double hv = pow (sin ((p2 - p1) / 2), 2) + cos (p1) * cos (p2) * pow (sin (dl / 2), 2);
  double want = 2 * 6371.0088 * asin (sqrt (hv)) * 1.2 / 4.8 * 60 + 1.5;
  ck_assert_double_eq_tol (b->mean_walk_ms, want * MINUTE_MS, 60e-3);
  ck_assert (b->mean_walk_ms > a->mean_walk_ms + 10 * MINUTE_MS);   /* 1.1 km more: ~16 min */
  guint n = 0;
  double i0 = tnet_hub_transfers_indicator_ms (before, TNET_HUB_INTEGRATED_NEW, &n);
  double i1 = tnet_hub_transfers_indicator_ms (after, TNET_HUB_INTEGRATED_NEW, &n);
  ck_assert_double_eq_tol (i1 - i0, (b->mean_walk_ms - a->mean_walk_ms) / n, 1e-3);
  tt_rm_rf (tmp);
}
END_TEST

static char *
run_cli (int *status, ...)
{
  va_list ap;
  va_start (ap, status);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (gpointer) g_getenv ("TNET_EXE"));
  const char *a;
  while ((a = va_arg (ap, const char *)))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  char *out = NULL;
  GError *error = NULL;
  ck_assert (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                           NULL, &out, NULL, status, &error));
  return out;
}

START_TEST (test_cli)
{
  int status = 0;
  g_autofree char *json = run_cli (&status, "transfers", "h_xuchang_north", "--scenario", "2020",
                                   "--format", "json", NULL);
  ck_assert_int_eq (status, 0);
  /* the walk measured from the stops' positions (see measured_walk), to
   * the one decimal the CLI prints */
  g_autofree char *want = g_strdup_printf ("\"mean_walk_min\" : %.1f",
                                           measured_walk ("xc_north_hsr", "bus_xc_north") + 1.5);
  ck_assert_msg (strstr (json, want) != NULL, "%s not in %s", want, json);
  ck_assert_ptr_nonnull (strstr (json, "\"id\" : \"h_xuchang_north\""));
  ck_assert_ptr_null (strstr (json, "h_yuzhou"));
  g_autofree char *text = run_cli (&status, "transfers", "--scenario", "2020", NULL);
  ck_assert_int_eq (status, 0);
  ck_assert_ptr_nonnull (strstr (text, "h_yuzhou, integrated_new), 2020: not in service "
                                       "(not open until 2025)"));
  g_autofree char *csv = run_cli (&status, "transfers", "--format", "csv", NULL);
  ck_assert_int_eq (status, 0);
  ck_assert (g_str_has_prefix (csv, "hub,status,from,to,"));
  g_autofree char *bad = run_cli (&status, "transfers", "h_nowhere", NULL);
  ck_assert (g_spawn_check_wait_status (status, NULL) == FALSE);
  ck_assert_int_eq (WEXITSTATUS (status), 1);
  g_autofree char *feed = tt_data_path ("nyc-subway/nyc_subway_gtfs.zip");
  g_autofree char *nyc = run_cli (&status, "transfers", "--feed", feed, "--format", "csv", NULL);
  ck_assert_int_eq (status, 0);
  ck_assert_ptr_nonnull (strstr (nyc, ",3.00,"));
  /* the window and service day from the command line (see
   * test_caltrain_window for the figures) */
  g_autofree char *cal = tt_data_path ("caltrain/caltrain_gtfs.zip");
  g_autofree char *win = run_cli (&status, "transfers", "--feed", cal, "--depart", "08:00",
                                  "--window", "60", "--date", "2009-03-02", "--format", "json",
                                  "San Francisco Caltrain", NULL);
  ck_assert_int_eq (status, 0);
  ck_assert_ptr_nonnull (strstr (win, "\"start\" : \"08:00\""));
  ck_assert_ptr_nonnull (strstr (win, "\"end\" : \"09:00\""));
  ck_assert_ptr_nonnull (strstr (win, "\"service_date\" : \"2009-03-02\""));
  ck_assert_ptr_nonnull (strstr (win, "\"connection_wait_min\" : 13.67"));
  g_autofree char *bad_clock = run_cli (&status, "transfers", "--feed", cal, "--depart", "8h",
                                        NULL);
  ck_assert_int_eq (WEXITSTATUS (status), 2);
  g_autofree char *bad_day = run_cli (&status, "transfers", "--feed", cal, "--date", "2030-01-01",
                                      NULL);
  ck_assert_int_eq (WEXITSTATUS (status), 1);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("hubs");
  TCase *tc = tcase_create ("core");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_frequency_hub);
  tcase_add_test (tc, test_timetabled_hub);
  tcase_add_test (tc, test_writers);
  tcase_add_test (tc, test_walk_table);
  tcase_add_test (tc, test_ms_by_hand);
  tcase_add_test (tc, test_load_errors);
  tcase_add_test (tc, test_nyc_subway);
  tcase_add_test (tc, test_caltrain);
  tcase_add_test (tc, test_caltrain_window);
  tcase_add_test (tc, test_bundled);
  tcase_add_test (tc, test_cli);
  tcase_add_test (tc, test_stop_moves);
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
