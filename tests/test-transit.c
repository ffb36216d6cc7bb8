/* test-transit.c: route expansion and the car / transit / park-and-ride
 * profiles, against brute-force journey enumeration and real feeds. */
#include "tnet-internal.h"
#include "tests-common.h"
#include "feed-private.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

/* --------------------------------------------------------------- helpers */

static TnetWeight
search_to (const TnetMultimodal *mm, TnetSearch *search, TnetId from, TnetId to)
{
  tnet_search_run (search, tnet_multimodal_get_metric (mm), from, TNET_FORWARD,
                   TNET_WEIGHT_INF, TNET_ID_NONE);
  return tnet_search_distance (search, to);
}

/* Legs must read: drive* park? walk* (wait ride (transfer? wait ride)*)? walk*. */
static void
assert_legal (const TnetJourney *j)
{
  int state = 0;   /* 0 driving, 1 parked/walking before, 2 riding, 3 egress */
  for (guint i = 0; i < j->n_legs; i++)
    {
      TnetLegKind k = j->legs[i].kind;
      switch (k)
        {
        case TNET_LEG_DRIVE: ck_assert_int_eq (state, 0); break;
        case TNET_LEG_PARK: ck_assert_int_eq (state, 0); state = 1; break;
        case TNET_LEG_WALK: ck_assert_int_le (state, 3); state = state == 2 ? 3 : MAX (state, 1); break;
        case TNET_LEG_WAIT: ck_assert_int_le (state, 2); ck_assert (state < 3); state = 2;
          ck_assert (i + 1 < j->n_legs && j->legs[i + 1].kind == TNET_LEG_RIDE); break;
        case TNET_LEG_RIDE: ck_assert_int_eq (state, 2); break;
        case TNET_LEG_TRANSFER: ck_assert_int_eq (state, 2); break;
        default: ck_abort ();
        }
    }
  TnetWeight sum = 0;
  for (guint i = 0; i < j->n_legs; i++)
    sum += j->legs[i].time_ms;
  ck_assert_uint_eq (sum, j->total_ms);
  ck_assert_uint_eq (j->access_ms + j->wait_ms + j->in_vehicle_ms + j->transfer_ms
                     + j->egress_ms, j->total_ms);
}

/* -------------------------------------------- brute force on random feeds */

#define MAX_STOPS 8

static char *
random_feed (GRand *rand, double *radius_out)
{
  char *dir = tt_mkdtemp ();
  guint n_stops = g_rand_int_range (rand, 3, MAX_STOPS + 1);
  GString *s = g_string_new ("stop_id,stop_lat,stop_lon\n");
  for (guint i = 0; i < n_stops; i++)
    g_string_append_printf (s, "s%u,%.6f,%.6f\n", i, g_rand_double_range (rand, 0, 0.01),
                            g_rand_double_range (rand, 0, 0.01));
  tt_write_file (dir, "stops.txt", s->str);
  g_string_assign (s, "route_id,route_short_name,route_type\n");
  GString *trips = g_string_new ("route_id,service_id,trip_id\n");
  GString *st = g_string_new ("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n");
  GString *fr = g_string_new ("trip_id,start_time,end_time,headway_secs\n");
  guint n_routes = g_rand_int_range (rand, 1, 5);
  for (guint r = 0; r < n_routes; r++)
    {
      g_string_append_printf (s, "r%u,R%u,%d\n", r, r, g_rand_boolean (rand) ? 3 : 1);
      /* a random sequence of distinct stops */
      guint perm[MAX_STOPS];
      for (guint i = 0; i < n_stops; i++)
        perm[i] = i;
      for (guint i = n_stops - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (rand, 0, i + 1), t = perm[i];
          perm[i] = perm[j];
          perm[j] = t;
        }
      guint len = g_rand_int_range (rand, 2, n_stops + 1);
      gboolean freq = g_rand_boolean (rand);
      guint n_trips = freq ? 1 : g_rand_int_range (rand, 1, 4);
      for (guint t = 0; t < n_trips; t++)
        {
          g_string_append_printf (trips, "r%u,S,t%u_%u\n", r, r, t);
          guint time = 7 * 3600 + g_rand_int_range (rand, 0, 7000);
          for (guint k = 0; k < len; k++)
            {
              guint dwell = g_rand_int_range (rand, 0, 3) * 30;
              g_string_append_printf (st, "t%u_%u,%u:%02u:%02u,%u:%02u:%02u,s%u,%u\n", r, t,
                                      time / 3600, time / 60 % 60, time % 60,
                                      (time + dwell) / 3600, (time + dwell) / 60 % 60,
                                      (time + dwell) % 60, perm[k], k + 1);
              time += dwell + g_rand_int_range (rand, 60, 900);
            }
          if (freq)
            g_string_append_printf (fr, "t%u_%u,07:00:00,09:00:00,%d\n", r, t,
                                    g_rand_int_range (rand, 2, 30) * 60);
        }
    }
  tt_write_file (dir, "routes.txt", s->str);
  tt_write_file (dir, "trips.txt", trips->str);
  tt_write_file (dir, "stop_times.txt", st->str);
  tt_write_file (dir, "frequencies.txt", fr->str);
  g_string_assign (s, "from_stop_id,to_stop_id,transfer_type,min_transfer_time\n");
  for (guint i = 0; i < n_stops; i++)
    if (g_rand_int_range (rand, 0, 3) == 0)
      {
        guint j = g_rand_boolean (rand) ? i : (guint) g_rand_int_range (rand, 0, n_stops);
        int type = g_rand_int_range (rand, 0, 4) == 0 ? 3 : 2;
        g_string_append_printf (s, "s%u,s%u,%d,%d\n", i, j, type,
                                g_rand_int_range (rand, 0, 600));
      }
  tt_write_file (dir, "transfers.txt", s->str);
  g_string_free (s, TRUE);
  g_string_free (trips, TRUE);
  g_string_free (st, TRUE);
  g_string_free (fr, TRUE);
  *radius_out = g_rand_boolean (rand) ? 0 : 600;
  return dir;
}

static double
haversine (const TnetFeedStop *a, const TnetFeedStop *b)
{
  const double d2r = G_PI / 180.0;
  double dlat = (b->lat - a->lat) * d2r, dlon = (b->lon - a->lon) * d2r;
  double h = sin (dlat / 2) * sin (dlat / 2)
             + cos (a->lat * d2r) * cos (b->lat * d2r) * sin (dlon / 2) * sin (dlon / 2);
  return 2 * 6371008.8 * asin (MIN (1.0, sqrt (h)));
}

/* Transfer cost a -> b in ms by the documented rules, G_MAXUINT64 if none. */
static guint64
bf_transfer (const TnetFeed *feed, TnetId a, TnetId b, double radius)
{
  const TnetFeedTransfer *rule = NULL;
  for (guint i = 0; i < tnet_feed_n_transfers (feed); i++)
    {
      const TnetFeedTransfer *t = tnet_feed_transfer (feed, i);
      if (t->from_stop == a && t->to_stop == b)
        rule = t;   /* the last row wins */
    }
  if (rule && rule->transfer_type == 3)
    return G_MAXUINT64;
  if (rule && rule->transfer_type == 2)
    return (guint64) rule->min_transfer_time_s * 1000;
  if (a == b)
    return 0;
  double d = haversine (tnet_feed_stop (feed, a), tnet_feed_stop (feed, b));
  if (!rule && d > radius)
    return G_MAXUINT64;
  return (guint64) llround (d * 1.2 / (4.8 / 3.6) * 1000.0);
}

/* Earliest arrival (ms) at every stop from origin stop @o, by enumerating
 * boardings: a ride is (pattern, board position i, alight position j > i);
 * the first boarding is at @o, later ones after a transfer. Relaxed to a
 * fixpoint (Bellman-Ford over explicit journeys). */
static void
brute_force (const TnetFeed *feed, TnetId o, double radius, guint64 *arr)
{
  guint S = tnet_feed_n_stops (feed);
  for (guint s = 0; s < S; s++)
    arr[s] = G_MAXUINT64;
  gboolean changed = TRUE;
  while (changed)
    {
      changed = FALSE;
      for (guint p = 0; p < tnet_feed_n_patterns (feed); p++)
        {
          const TnetPattern *pat = tnet_feed_pattern (feed, p);
          guint64 wait = (guint64) llround (0.5 * pat->headway_s * 1000.0);
          for (guint i = 0; i + 1 < pat->n_stops; i++)
            {
              TnetId t = pat->stops[i];
              guint64 start = t == o ? 0 : G_MAXUINT64;
              for (guint s = 0; s < S; s++)
                if (arr[s] != G_MAXUINT64)
                  {
                    guint64 x = bf_transfer (feed, s, t, radius);
                    if (x != G_MAXUINT64)
                      start = MIN (start, arr[s] + x);
                  }
              if (start == G_MAXUINT64)
                continue;
              guint64 time = start + wait;
              for (guint j = i + 1; j < pat->n_stops; j++)
                {
                  time += (guint64) pat->run_s[j - 1] * 1000;
                  if (j > i + 1)
                    time += (guint64) pat->dwell_s[j - 1] * 1000;
                  if (time < arr[pat->stops[j]])
                    {
                      arr[pat->stops[j]] = time;
                      changed = TRUE;
                    }
                }
            }
        }
    }
}

START_TEST (test_brute_force)
{
  GRand *rand = g_rand_new_with_seed (1000 + _i);
  double radius;
  char *dir = random_feed (rand, &radius);
  GError *error = NULL;
  TnetFeed *feed = tnet_feed_load (dir, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  TnetNetwork *net = tnet_network_new ();
  TnetScenario *scen = tnet_scenario_new (2025);
  TnetTransitOptions o;
  tnet_transit_options_init (&o);
  o.transfer_radius_m = radius;
  TnetMultimodal *mm = tnet_multimodal_build (net, scen, feed, TNET_PROFILE_TRANSIT, &o, &error);
  ck_assert_msg (mm != NULL, "%s", error ? error->message : "");
  TnetSearch *search = tnet_search_new (tnet_multimodal_get_graph (mm));
  guint S = tnet_feed_n_stops (feed);
  guint64 *arr = g_new (guint64, S);
  for (TnetId a = 0; a < S; a++)
    {
      brute_force (feed, a, radius, arr);
      tnet_search_run (search, tnet_multimodal_get_metric (mm),
                       tnet_multimodal_stop_origin_node (mm, a), TNET_FORWARD,
                       TNET_WEIGHT_INF, TNET_ID_NONE);
      for (TnetId b = 0; b < S; b++)
        {
          TnetId dn = tnet_multimodal_stop_destination_node (mm, b);
          TnetWeight d = tnet_search_distance (search, dn);
          guint64 expect = arr[b];
          ck_assert_msg ((expect == G_MAXUINT64 && d == TNET_WEIGHT_INF) || d == expect,
                         "seed %d: s%u -> s%u: graph %u, brute force %" G_GUINT64_FORMAT,
                         _i, a, b, d, expect);
          if (d != TNET_WEIGHT_INF)
            {
              TnetJourney *j = tnet_multimodal_journey (mm, search, dn);
              ck_assert_ptr_nonnull (j);
              ck_assert_uint_eq (j->total_ms, d);
              ck_assert_uint_ge (j->n_rides, 1);
              assert_legal (j);
              tnet_journey_free (j);
            }
        }
    }
  g_free (arr);
  tnet_search_free (search);
  tnet_multimodal_unref (mm);
  tnet_scenario_free (scen);
  tnet_network_free (net);
  tnet_feed_unref (feed);
  tt_rm_rf (dir);
  g_free (dir);
  g_rand_free (rand);
}
END_TEST

/* -------------------------------------------------- a tiny network by hand */

/* Two towns 30 km apart. Car: z1 -road- j1 -expressway- j2 -road- z2.
 * Rail: station st1 (near z1) to st2 (near z2), a feed whose stop_ids are
 * the station node ids, every 20 min, 15 min ride. */
static TnetNetwork *
tiny_network (void)
{
  TnetNetwork *net = tnet_network_new ();
  struct { const char *id; TnetNodeKind kind; double lon; } nodes[] = {
    { "z1", TNET_NODE_ZONE, 113.80 }, { "j1", TNET_NODE_JUNCTION, 113.81 },
    { "st1", TNET_NODE_STATION, 113.82 }, { "j2", TNET_NODE_JUNCTION, 114.10 },
    { "st2", TNET_NODE_STATION, 114.11 }, { "z2", TNET_NODE_ZONE, 114.12 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      TnetNode n = { .id = nodes[i].id, .name = nodes[i].id, .kind = nodes[i].kind,
                     .lon = nodes[i].lon, .lat = 34.0 };
      ck_assert_uint_eq (tnet_network_add_node (net, &n, NULL), i);
    }
  struct { const char *id; guint from, to; TnetMode mode; double km; double min; } links[] = {
    { "a1", 0, 1, TNET_MODE_ROAD, 1.0, NAN },        /* 1.5 min by car, 12.5 on foot */
    { "e1", 1, 3, TNET_MODE_EXPRESSWAY, 30.0, 30.0 },
    { "a2", 3, 5, TNET_MODE_ROAD, 1.0, NAN },
    { "w1", 0, 2, TNET_MODE_ACCESS, 2.0, 10.0 },      /* zone access to the station */
    { "w2", 4, 5, TNET_MODE_ACCESS, 1.0, 5.0 },
    { "r1", 2, 4, TNET_MODE_HSR, 30.0, 12.0 },        /* the track: not used as such */
    { "c1", 1, 2, TNET_MODE_ROAD, 1.0, NAN },         /* car to the station */
  };
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      TnetLink l = { .id = links[i].id, .from = links[i].from, .to = links[i].to,
                     .mode = links[i].mode, .length_m = links[i].km * 1000,
                     .speed_kmh = NAN,
                     .time_ms = isnan (links[i].min) ? TNET_WEIGHT_INF
                                                     : tnet_weight_from_min (links[i].min),
                     .line = links[i].mode == TNET_MODE_HSR ? "Test HSR"
                             : links[i].mode == TNET_MODE_EXPRESSWAY ? "G4" : NULL };
      ck_assert_uint_ne (tnet_network_add_link (net, &l, NULL), TNET_ID_NONE);
    }
  return net;
}

static const char *tiny_feed[][2] = {
  { "stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nst1,S1,34.0,113.82\nst2,S2,34.0,114.11\n" },
  { "routes.txt", "route_id,route_short_name,route_long_name,route_type\nR,,Test HSR,2\n" },
  { "trips.txt", "route_id,service_id,trip_id\nR,X,t\n" },
  { "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                      "t,07:00:00,07:00:00,st1,1\nt,07:15:00,07:15:00,st2,2\n" },
  { "frequencies.txt", "trip_id,start_time,end_time,headway_secs\nt,06:00:00,10:00:00,1200\n" },
};

static gpointer
ref_ch_thread (gpointer mm)
{
  return tnet_multimodal_ref_ch (mm, NULL, NULL, NULL, NULL);
}

/* tnet_multimodal_ref_ch(): one hierarchy per graph, whoever asks first
 * and from whichever thread, and its many-to-many distances are the
 * graph's (oracle: one search per stop on the graph itself). */
START_TEST (test_kept_hierarchy)
{
  GRand *rand = g_rand_new_with_seed (2000 + _i);
  double radius;
  char *dir = random_feed (rand, &radius);
  GError *error = NULL;
  TnetFeed *feed = tnet_feed_load (dir, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  TnetNetwork *net = tnet_network_new ();
  TnetScenario *scen = tnet_scenario_new (2025);
  TnetTransitOptions o;
  tnet_transit_options_init (&o);
  o.transfer_radius_m = radius;
  TnetMultimodal *mm = tnet_multimodal_build (net, scen, feed, TNET_PROFILE_TRANSIT, &o, &error);
  ck_assert_msg (mm != NULL, "%s", error ? error->message : "");
  GThread *t[2];
  for (int k = 0; k < 2; k++)
    t[k] = g_thread_new ("ref-ch", ref_ch_thread, mm);
  TnetCH *a = g_thread_join (t[0]), *b = g_thread_join (t[1]);
  TnetCH *c = tnet_multimodal_ref_ch (mm, NULL, NULL, NULL, &error);
  ck_assert_ptr_nonnull (a);
  ck_assert_ptr_eq (a, b);
  ck_assert_ptr_eq (a, c);

  guint S = tnet_feed_n_stops (feed);
  TnetId *from = g_new (TnetId, S), *to = g_new (TnetId, S);
  for (TnetId s = 0; s < S; s++)
    {
      from[s] = tnet_multimodal_stop_origin_node (mm, s);
      to[s] = tnet_multimodal_stop_destination_node (mm, s);
    }
  TnetWeight *out = g_new (TnetWeight, (gsize) S * S);
  TnetCHQuery *q = tnet_ch_query_new (c);
  tnet_ch_query_many_to_many (q, from, S, to, S, out);
  tnet_ch_query_free (q);
  TnetSearch *search = tnet_search_new (tnet_multimodal_get_graph (mm));
  guint reached = 0;
  for (TnetId x = 0; x < S; x++)
    for (TnetId y = 0; y < S; y++)
      {
        TnetWeight d = search_to (mm, search, from[x], to[y]);
        ck_assert_msg (out[(gsize) x * S + y] == d, "seed %d: s%u -> s%u: kept hierarchy %u, "
                       "search %u", _i, x, y, out[(gsize) x * S + y], d);
        reached += d != TNET_WEIGHT_INF;
      }
  ck_assert_uint_gt (reached, S);
  tnet_search_free (search);
  tnet_ch_unref (a);
  tnet_ch_unref (b);
  tnet_ch_unref (c);
  /* the graph holds its own reference: freeing it frees the hierarchy
   * (ASan/LSan would report a leak or a double free) */
  tnet_multimodal_unref (mm);
  g_free (out);
  g_free (from);
  g_free (to);
  tnet_scenario_free (scen);
  tnet_network_free (net);
  tnet_feed_unref (feed);
  tt_rm_rf (dir);
  g_free (dir);
  g_rand_free (rand);
}
END_TEST

START_TEST (test_profiles)
{
  char *dir = tt_mkdtemp ();
  for (guint i = 0; i < G_N_ELEMENTS (tiny_feed); i++)
    tt_write_file (dir, tiny_feed[i][0], tiny_feed[i][1]);
  GError *error = NULL;
  TnetFeed *feed = tnet_feed_load (dir, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  TnetNetwork *net = tiny_network ();
  TnetScenario *scen = tnet_scenario_new (2025);
  TnetId z1 = tnet_network_find_node (net, "z1"), z2 = tnet_network_find_node (net, "z2");

  /* car: 1.5 + 30 + 1.5 min */
  TnetMultimodal *car = tnet_multimodal_build (net, scen, feed, TNET_PROFILE_CAR, NULL, &error);
  ck_assert_msg (car != NULL, "%s", error ? error->message : "");
  TnetSearch *s = tnet_search_new (tnet_multimodal_get_graph (car));
  TnetWeight d = search_to (car, s, tnet_multimodal_origin_node (car, z1),
                            tnet_multimodal_destination_node (car, z2));
  ck_assert_uint_eq (d, 33 * 60000);
  TnetJourney *j = tnet_multimodal_journey (car, s, tnet_multimodal_destination_node (car, z2));
  ck_assert_uint_eq (j->n_rides, 0);
  ck_assert_uint_eq (j->in_vehicle_ms, d);
  ck_assert_uint_eq (j->n_legs, 3);
  ck_assert_int_eq (j->legs[0].kind, TNET_LEG_DRIVE);
  assert_legal (j);
  tnet_journey_free (j);
  tnet_search_free (s);

  /* transit: access 10 min, wait 10 min, ride 15 min (as hsr, from the
   * network's line), egress 5 min */
  TnetMultimodal *tr = tnet_multimodal_build (net, scen, feed, TNET_PROFILE_TRANSIT, NULL, &error);
  ck_assert_msg (tr != NULL, "%s", error ? error->message : "");
  TnetMultimodalStats st;
  tnet_multimodal_get_stats (tr, &st);
  ck_assert_uint_eq (st.n_stops_matched, 2);
  ck_assert_uint_eq (st.n_patterns, 1);
  s = tnet_search_new (tnet_multimodal_get_graph (tr));
  TnetId dest = tnet_multimodal_destination_node (tr, z2);
  d = search_to (tr, s, tnet_multimodal_origin_node (tr, z1), dest);
  ck_assert_uint_eq (d, 40 * 60000);
  j = tnet_multimodal_journey (tr, s, dest);
  assert_legal (j);
  ck_assert_uint_eq (j->access_ms, 10 * 60000);
  ck_assert_uint_eq (j->wait_ms, 10 * 60000);
  ck_assert_uint_eq (j->in_vehicle_ms, 15 * 60000);
  ck_assert_uint_eq (j->egress_ms, 5 * 60000);
  ck_assert_uint_eq (j->n_legs, 4);
  ck_assert_int_eq (j->legs[2].kind, TNET_LEG_RIDE);
  ck_assert_int_eq (j->legs[2].mode, TNET_MODE_HSR);
  ck_assert_str_eq (j->legs[2].line, "Test HSR");
  ck_assert_str_eq (j->legs[2].from, "st1");
  ck_assert_str_eq (j->legs[2].to, "st2");
  tnet_journey_free (j);
  /* a backward search from the destination gives the same journey */
  tnet_search_run (s, tnet_multimodal_get_metric (tr), dest, TNET_BACKWARD, TNET_WEIGHT_INF,
                   TNET_ID_NONE);
  ck_assert_uint_eq (tnet_search_distance (s, tnet_multimodal_origin_node (tr, z1)), d);
  j = tnet_multimodal_journey (tr, s, tnet_multimodal_origin_node (tr, z1));
  ck_assert_uint_eq (j->total_ms, d);
  ck_assert_int_eq (j->legs[0].kind, TNET_LEG_WALK);
  ck_assert_str_eq (j->legs[0].from, "z1");
  tnet_journey_free (j);
  tnet_search_free (s);
  tnet_multimodal_unref (tr);

  /* a service cut doubles the wait (factor by the route's long name) */
  tnet_scenario_set_headway_factor (scen, "Test HSR", 2.0);
  tr = tnet_multimodal_build (net, scen, feed, TNET_PROFILE_TRANSIT, NULL, &error);
  s = tnet_search_new (tnet_multimodal_get_graph (tr));
  d = search_to (tr, s, tnet_multimodal_origin_node (tr, z1), tnet_multimodal_destination_node (tr, z2));
  ck_assert_uint_eq (d, 50 * 60000);
  tnet_search_free (s);
  tnet_multimodal_unref (tr);
  tnet_scenario_set_headway_factor (scen, "Test HSR", 1.0);

  /* park and ride: drive z1 -> j1 -> st1 (3 min), park 5 min, wait 10,
   * ride 15, egress 5 = 38 min; never drives after the train */
  TnetMultimodal *pr = tnet_multimodal_build (net, scen, feed, TNET_PROFILE_PARK_AND_RIDE,
                                              NULL, &error);
  ck_assert_msg (pr != NULL, "%s", error ? error->message : "");
  s = tnet_search_new (tnet_multimodal_get_graph (pr));
  dest = tnet_multimodal_destination_node (pr, z2);
  d = search_to (pr, s, tnet_multimodal_origin_node (pr, z1), dest);
  ck_assert_uint_eq (d, 38 * 60000);
  j = tnet_multimodal_journey (pr, s, dest);
  assert_legal (j);
  ck_assert_int_eq (j->legs[0].kind, TNET_LEG_DRIVE);
  ck_assert_int_eq (j->legs[1].kind, TNET_LEG_PARK);
  ck_assert_str_eq (j->legs[1].from, "st1");
  ck_assert_uint_eq (j->access_ms, 8 * 60000);
  tnet_journey_free (j);
  /* from z2 back to z1 by park and ride: the train runs st1 -> st2 only,
   * and no road leads to st2, so no ride is possible. What is left is legal
   * in the layers (car, park, then walk; never back to the car): drive
   * z2 -> j2 -> j1 -> st1 (a2 1.5 + e1 30 + c1 1.5 = 33 min), park 5 min,
   * walk the access link w1 to z1 (10 min) = 48 min, with no ride. Driving
   * into z1 itself is not a park-and-ride journey (it ends on foot). */
  dest = tnet_multimodal_destination_node (pr, z1);
  d = search_to (pr, s, tnet_multimodal_origin_node (pr, z2), dest);
  ck_assert_uint_eq (d, 33 * 60000 + 300000 + 10 * 60000);
  j = tnet_multimodal_journey (pr, s, dest);
  assert_legal (j);
  ck_assert_uint_eq (j->n_rides, 0);
  ck_assert_uint_eq (j->total_ms, d);
  gboolean parked_at_st1 = FALSE;
  for (guint k = 0; k < j->n_legs; k++)
    parked_at_st1 |= j->legs[k].kind == TNET_LEG_PARK && strcmp (j->legs[k].from, "st1") == 0;
  ck_assert (parked_at_st1);
  ck_assert_int_eq (j->legs[j->n_legs - 1].kind, TNET_LEG_WALK);
  tnet_journey_free (j);
  tnet_search_free (s);
  tnet_multimodal_unref (pr);
  tnet_multimodal_unref (car);
  tnet_scenario_free (scen);
  tnet_network_free (net);
  tnet_feed_unref (feed);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* Zones are trip ends: a zone z3 with 1-minute access links to j1 and j2
 * must not become a shortcut in any profile, yet stays reachable. */
START_TEST (test_zones_not_passed_through)
{
  char *dir = tt_mkdtemp ();
  for (guint i = 0; i < G_N_ELEMENTS (tiny_feed); i++)
    tt_write_file (dir, tiny_feed[i][0], tiny_feed[i][1]);
  GError *error = NULL;
  TnetFeed *feed = tnet_feed_load (dir, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  TnetNetwork *net = tiny_network ();
  TnetNode zn = { .id = "z3", .name = "z3", .kind = TNET_NODE_ZONE, .lon = 113.9, .lat = 34.0 };
  TnetId z3 = tnet_network_add_node (net, &zn, NULL);
  TnetId j1 = tnet_network_find_node (net, "j1"), j2 = tnet_network_find_node (net, "j2");
  TnetLink la = { .id = "x1", .from = j1, .to = z3, .mode = TNET_MODE_ACCESS,
                  .length_m = 1000, .speed_kmh = NAN, .time_ms = 60000 };
  TnetLink lb = la;
  lb.id = "x2";
  lb.from = z3;
  lb.to = j2;
  ck_assert_uint_ne (tnet_network_add_link (net, &la, NULL), TNET_ID_NONE);
  ck_assert_uint_ne (tnet_network_add_link (net, &lb, NULL), TNET_ID_NONE);
  TnetScenario *scen = tnet_scenario_new (2025);
  TnetId z1 = tnet_network_find_node (net, "z1"), z2 = tnet_network_find_node (net, "z2");
  /* car 33 min, transit 40, park and ride 38, as without z3 */
  const TnetWeight want[] = { 33 * 60000, 40 * 60000, 38 * 60000 };
  for (TnetProfile p = 0; p < TNET_N_PROFILES; p++)
    {
      TnetMultimodal *mm = tnet_multimodal_build (net, scen, feed, p, NULL, &error);
      ck_assert_msg (mm != NULL, "%s", error ? error->message : "");
      TnetSearch *s = tnet_search_new (tnet_multimodal_get_graph (mm));
      TnetWeight d = search_to (mm, s, tnet_multimodal_origin_node (mm, z1),
                                tnet_multimodal_destination_node (mm, z2));
      ck_assert_uint_eq (d, want[p]);
      if (p == TNET_PROFILE_CAR)
        {
          /* z3 itself: 1.5 min to j1, 1 min access */
          d = search_to (mm, s, tnet_multimodal_origin_node (mm, z1),
                         tnet_multimodal_destination_node (mm, z3));
          ck_assert_uint_eq (d, 150000);
          d = search_to (mm, s, tnet_multimodal_origin_node (mm, z3),
                         tnet_multimodal_destination_node (mm, z2));
          ck_assert_uint_eq (d, 60000 + 90000);
        }
      tnet_search_free (s);
      tnet_multimodal_unref (mm);
    }
  tnet_scenario_free (scen);
  tnet_network_free (net);
  tnet_feed_unref (feed);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* A change between two stops of one passenger hub that transfers.txt does
 * not cover pays the hub walk table's time when the hubs are given, and
 * the distance-based default otherwise; a cap on the expected wait
 * (max_wait_ms) shortens both waits to it. */
START_TEST (test_hub_walk_transfers)
{
  char *dir = tt_mkdtemp ();
  tt_write_file (dir, "stops.txt", "stop_id,stop_name,stop_lat,stop_lon\n"
                                   "s1,S1,34.0,113.80\nb1,B1,34.0,113.900\n"
                                   "b2,B2,34.0,113.901\nc,C,34.0,114.0\n");
  tt_write_file (dir, "routes.txt", "route_id,route_short_name,route_long_name,route_type\n"
                                    "R1,R1,,3\nR2,R2,,3\n");
  tt_write_file (dir, "trips.txt", "route_id,service_id,trip_id\nR1,X,t1\nR2,X,t2\n");
  tt_write_file (dir, "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                                        "t1,00:00:00,00:00:00,s1,1\nt1,00:10:00,00:10:00,b1,2\n"
                                        "t2,00:00:00,00:00:00,b2,1\nt2,00:10:00,00:10:00,c,2\n");
  tt_write_file (dir, "frequencies.txt", "trip_id,start_time,end_time,headway_secs\n"
                                         "t1,06:00:00,10:00:00,600\nt2,06:00:00,10:00:00,600\n");
  tt_write_file (dir, "hubs.csv", "id,name,name_en,kind,open_year,target_transfer_min,members,source,confidence\n"
                                  "h,H,H,integrated_new,,5,b1;b2,test,high\n");
  tt_write_file (dir, "hub_walks.csv", "hub,from,to,walk_min,open_year,source,confidence\n"
                                       "h,b1,b2,7,,test,high\n");
  GError *error = NULL;
  TnetFeed *feed = tnet_feed_load (dir, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  g_autofree char *hubs_path = g_build_filename (dir, "hubs.csv", NULL);
  g_autofree char *walks_path = g_build_filename (dir, "hub_walks.csv", NULL);
  TnetHubSet *hubs = tnet_hub_set_load_csv (NULL, hubs_path, walks_path, &error);
  ck_assert_msg (hubs != NULL, "%s", error ? error->message : "");
  TnetNetwork *net = tnet_network_new ();
  TnetNode n1 = { .id = "s1", .name = "s1", .kind = TNET_NODE_STATION, .lon = 113.80, .lat = 34.0 };
  TnetNode n2 = { .id = "c", .name = "c", .kind = TNET_NODE_STATION, .lon = 114.0, .lat = 34.0 };
  TnetId o = tnet_network_add_node (net, &n1, NULL), d = tnet_network_add_node (net, &n2, NULL);
  TnetScenario *scen = tnet_scenario_new (2025);
  TnetTransitOptions opts;
  tnet_transit_options_init (&opts);
  TnetWeight total[2];
  for (int with = 0; with < 2; with++)
    {
      opts.hubs = with ? hubs : NULL;
      TnetMultimodal *mm = tnet_multimodal_build (net, scen, feed, TNET_PROFILE_TRANSIT,
                                                  &opts, &error);
      ck_assert_msg (mm != NULL, "%s", error ? error->message : "");
      TnetSearch *s = tnet_search_new (tnet_multimodal_get_graph (mm));
      total[with] = search_to (mm, s, tnet_multimodal_origin_node (mm, o),
                               tnet_multimodal_destination_node (mm, d));
      TnetJourney *j = tnet_multimodal_journey (mm, s, tnet_multimodal_destination_node (mm, d));
      ck_assert_uint_eq (j->n_rides, 2);
      if (with)
        ck_assert_uint_eq (j->transfer_ms, 7 * 60000);
      tnet_journey_free (j);
      tnet_search_free (s);
      tnet_multimodal_unref (mm);
    }
  /* wait 5 + ride 10 + transfer + wait 5 + ride 10 */
  ck_assert_uint_eq (total[1], 37 * 60000);
  ck_assert_uint_lt (total[0], total[1]);   /* 92 m at walking speed */
  /* the expected wait capped at 2 min (max_wait_ms): 2 + 10 + 7 + 2 + 10 */
  opts.hubs = hubs;
  opts.max_wait_ms = 2 * 60000;
  TnetMultimodal *capped = tnet_multimodal_build (net, scen, feed, TNET_PROFILE_TRANSIT,
                                                  &opts, &error);
  ck_assert_msg (capped != NULL, "%s", error ? error->message : "");
  TnetSearch *cs = tnet_search_new (tnet_multimodal_get_graph (capped));
  ck_assert_uint_eq (search_to (capped, cs, tnet_multimodal_origin_node (capped, o),
                                tnet_multimodal_destination_node (capped, d)), 31 * 60000);
  tnet_search_free (cs);
  tnet_multimodal_unref (capped);
  tnet_hub_set_free (hubs);
  tnet_scenario_free (scen);
  tnet_network_free (net);
  tnet_feed_unref (feed);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* ------------------------------------------------------------- real feeds */

/* Caltrain: the best trip between two stations = the scheduled in-vehicle
 * time of one pattern plus half its headway, computed here from the raw
 * stop times of the chosen service day. */
START_TEST (test_caltrain_trip)
{
  char *zip = tt_data_path ("caltrain/caltrain_gtfs.zip");
  GError *error = NULL;
  TnetFeed *feed = tnet_feed_load (zip, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  TnetNetwork *net = tnet_network_new ();
  TnetScenario *scen = tnet_scenario_new (2025);
  gint64 t0 = g_get_monotonic_time ();
  TnetMultimodal *mm = tnet_multimodal_build (net, scen, feed, TNET_PROFILE_TRANSIT, NULL, &error);
  ck_assert_msg (mm != NULL, "%s", error ? error->message : "");
  printf ("# caltrain graph %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
  TnetId a = tnet_feed_find_stop (feed, "San Francisco Caltrain");
  TnetId b = tnet_feed_find_stop (feed, "Palo Alto Caltrain");
  ck_assert_uint_ne (a, TNET_ID_NONE);
  ck_assert_uint_ne (b, TNET_ID_NONE);

  /* Independent figure: group the day's trips calling at a then b by their
   * whole stop sequence; departures in 07:00-09:00 give the headway; the
   * in-vehicle time is the sum of per-segment lower medians. */
  guint date = tnet_feed_get_service_date (feed);
  GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_ptr_array_unref);
  for (guint t = 0; t < feed->trips->len; t++)
    {
      const TnetTrip *trip = &g_array_index (feed->trips, TnetTrip, t);
      if (!tnet_i_feed_service_runs (feed, trip->service, date))
        continue;
      const TnetStopTime *sts = &g_array_index (feed->stop_times, TnetStopTime, trip->first_st);
      if (sts[0].dep_s < 7 * 3600 || sts[0].dep_s >= 9 * 3600)
        continue;
      GString *key = g_string_new (NULL);
      for (guint k = 0; k < trip->n_st; k++)
        g_string_append_printf (key, "%u,", sts[k].stop);
      GPtrArray *g = g_hash_table_lookup (groups, key->str);
      if (!g)
        {
          g = g_ptr_array_new ();
          g_hash_table_insert (groups, g_strdup (key->str), g);
        }
      g_ptr_array_add (g, (gpointer) trip);
      g_string_free (key, TRUE);
    }
  double best = INFINITY;
  GHashTableIter it;
  gpointer value;
  g_hash_table_iter_init (&it, groups);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      GPtrArray *g = value;
      const TnetTrip *t0p = g->pdata[0];
      const TnetStopTime *s0 = &g_array_index (feed->stop_times, TnetStopTime, t0p->first_st);
      int ia = -1, ib = -1;
      for (guint k = 0; k < t0p->n_st; k++)
        {
          if (s0[k].stop == a)
            ia = (int) k;
          if (s0[k].stop == b && ia >= 0)
            ib = (int) k;
        }
      if (ia < 0 || ib < 0)
        continue;
      double ivt = 0;
      guint *v = g_new (guint, g->len);
      for (int k = ia; k < ib; k++)
        {
          for (guint x = 0; x < g->len; x++)
            {
              const TnetTrip *tr = g->pdata[x];
              const TnetStopTime *sx = &g_array_index (feed->stop_times, TnetStopTime, tr->first_st);
              v[x] = sx[k + 1].arr_s - sx[k].dep_s;
            }
          for (guint x = 1; x < g->len; x++)   /* insertion sort */
            for (guint y = x; y > 0 && v[y - 1] > v[y]; y--)
              {
                guint tmp = v[y]; v[y] = v[y - 1]; v[y - 1] = tmp;
              }
          ivt += v[(g->len - 1) / 2];
          if (k + 1 < ib)
            {
              for (guint x = 0; x < g->len; x++)
                {
                  const TnetTrip *tr = g->pdata[x];
                  const TnetStopTime *sx = &g_array_index (feed->stop_times, TnetStopTime, tr->first_st);
                  v[x] = sx[k + 1].dep_s - sx[k + 1].arr_s;
                }
              for (guint x = 1; x < g->len; x++)
                for (guint y = x; y > 0 && v[y - 1] > v[y]; y--)
                  {
                    guint tmp = v[y]; v[y] = v[y - 1]; v[y - 1] = tmp;
                  }
              ivt += v[(g->len - 1) / 2];
            }
        }
      g_free (v);
      double wait = 0.5 * 7200.0 / g->len;
      best = MIN (best, ivt + wait);
    }
  g_hash_table_unref (groups);
  ck_assert (isfinite (best));

  TnetSearch *s = tnet_search_new (tnet_multimodal_get_graph (mm));
  TnetId dest = tnet_multimodal_stop_destination_node (mm, b);
  TnetWeight d = search_to (mm, s, tnet_multimodal_stop_origin_node (mm, a), dest);
  ck_assert_uint_eq (d, (TnetWeight) llround (best * 1000));
  TnetJourney *j = tnet_multimodal_journey (mm, s, dest);
  assert_legal (j);
  ck_assert_uint_eq (j->n_rides, 1);
  ck_assert_uint_eq (j->wait_ms + j->in_vehicle_ms, d);
  printf ("# caltrain SF -> Palo Alto: %.1f min (wait %.1f, in-vehicle %.1f, %s)\n",
          d / 60000.0, j->wait_ms / 60000.0, j->in_vehicle_ms / 60000.0, j->legs[1].line);
  tnet_journey_free (j);
  tnet_search_free (s);
  tnet_multimodal_unref (mm);
  tnet_scenario_free (scen);
  tnet_network_free (net);
  tnet_feed_unref (feed);
  g_free (zip);
}
END_TEST

/* NYC subway: from a 1-only station to a 2-only station the journey changes
 * lines at a shared station and pays that station's min_transfer_time. */
START_TEST (test_nyc_transfer)
{
  char *zip = tt_data_path ("nyc-subway/nyc_subway_gtfs.zip");
  GError *error = NULL;
  TnetFeed *feed = tnet_feed_load (zip, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  TnetNetwork *net = tnet_network_new ();
  TnetScenario *scen = tnet_scenario_new (2025);
  gint64 t0 = g_get_monotonic_time ();
  TnetMultimodal *mm = tnet_multimodal_build (net, scen, feed, TNET_PROFILE_TRANSIT, NULL, &error);
  ck_assert_msg (mm != NULL, "%s", error ? error->message : "");
  printf ("# nyc graph %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
  TnetSearch *s = tnet_search_new (tnet_multimodal_get_graph (mm));
  TnetId o, dest;
  ck_assert (tnet_multimodal_find_place (mm, "103", &o, NULL, &error));   /* 238 St (1) */
  ck_assert (tnet_multimodal_find_place (mm, "201", NULL, &dest, &error)); /* Wakefield (2) */
  TnetWeight d = search_to (mm, s, o, dest);
  ck_assert_uint_ne (d, TNET_WEIGHT_INF);
  TnetJourney *j = tnet_multimodal_journey (mm, s, dest);
  assert_legal (j);
  ck_assert_uint_eq (j->n_rides, 2);
  guint n_transfers = 0;
  for (guint i = 0; i < j->n_legs; i++)
    if (j->legs[i].kind == TNET_LEG_TRANSFER)
      {
        n_transfers++;
        TnetId at = tnet_feed_find_stop (feed, j->legs[i].from);
        TnetId parent = tnet_feed_stop (feed, at)->parent;
        int expect = -1;
        for (guint k = 0; k < tnet_feed_n_transfers (feed); k++)
          {
            const TnetFeedTransfer *t = tnet_feed_transfer (feed, k);
            if (t->from_stop == parent && t->to_stop == parent)
              expect = t->min_transfer_time_s;
          }
        ck_assert_int_gt (expect, 0);
        ck_assert_uint_eq (j->legs[i].time_ms, (TnetWeight) expect * 1000);
        ck_assert_uint_eq (j->transfer_ms, (TnetWeight) expect * 1000);
        printf ("# nyc 103 -> 201: %.1f min, change at %s (%s) paying %d s\n", d / 60000.0,
                tnet_feed_stop (feed, parent)->id, tnet_feed_stop (feed, parent)->name, expect);
      }
  ck_assert_uint_eq (n_transfers, 1);
  ck_assert_str_ne (j->legs[1].line, j->legs[j->n_legs - 1].line);
  tnet_journey_free (j);
  tnet_search_free (s);
  tnet_multimodal_unref (mm);
  tnet_scenario_free (scen);
  tnet_network_free (net);
  tnet_feed_unref (feed);
  g_free (zip);
}
END_TEST

/* ------------------------------------------------------ walking on roads */

/* Which road links the walking layers use: road mode, and trunk mode only
 * for the OSM primary classes; never trunk proper, CSV trunk classes or
 * expressways; none of them with walk_on_roads off. */
START_TEST (test_walk_on_roads_rule)
{
  static const struct { TnetMode mode; const char *cls; gboolean walked; } cases[] = {
    { TNET_MODE_ROAD, "residential", TRUE },
    { TNET_MODE_TRUNK, "primary", TRUE },
    { TNET_MODE_TRUNK, "primary_link", TRUE },
    { TNET_MODE_TRUNK, "trunk", FALSE },
    { TNET_MODE_TRUNK, "trunk_link", FALSE },
    { TNET_MODE_TRUNK, "II", FALSE },
    { TNET_MODE_TRUNK, NULL, FALSE },
    { TNET_MODE_EXPRESSWAY, "primary", FALSE },
    { TNET_MODE_EXPRESSWAY, "motorway", FALSE },
  };
  const guint nc = G_N_ELEMENTS (cases);
  GError *error = NULL;
  TnetNetwork *net = tnet_network_new ();
  for (guint i = 0; i <= nc; i++)
    {
      g_autofree char *id = g_strdup_printf ("n%u", i);
      TnetNode node = { .id = id, .kind = TNET_NODE_JUNCTION, .lon = 8.6 + 0.01 * i,
                        .lat = 41.1 };
      ck_assert_uint_eq (tnet_network_add_node (net, &node, &error), i);
    }
  for (guint i = 0; i < nc; i++)
    {
      g_autofree char *id = g_strdup_printf ("l%u", i);
      TnetLink lk = { .id = id, .from = i, .to = i + 1, .mode = cases[i].mode,
                      .road_class = cases[i].cls, .length_m = 800, .speed_kmh = NAN,
                      .time_ms = TNET_WEIGHT_INF, .oneway = TRUE };
      ck_assert_uint_eq (tnet_network_add_link (net, &lk, &error), i);
    }
  TnetScenario *scen = tnet_scenario_new (2025);
  for (int on = 0; on < 2; on++)
    {
      TnetTransitOptions opts;
      tnet_transit_options_init (&opts);
      opts.walk_on_roads = on;
      TnetMultimodal *mm = tnet_multimodal_build (net, scen, NULL, TNET_PROFILE_TRANSIT, &opts,
                                                  &error);
      ck_assert_msg (mm != NULL, "%s", error ? error->message : "");
      TnetGraph *g = tnet_multimodal_get_graph (mm);
      guint walked[G_N_ELEMENTS (cases)] = { 0 };
      for (TnetId a = 0; a < tnet_graph_n_arcs (g); a++)
        if (tnet_multimodal_arc_kind (mm, a) == TNET_ARC_WALK)
          {
            TnetId l = tnet_graph_arc_link (g, a);
            ck_assert_uint_lt (l, nc);
            walked[l]++;
            /* 800 m at 4.8 km/h */
            ck_assert_uint_eq (tnet_metric_weight (tnet_multimodal_get_metric (mm), a), 600000);
          }
      for (guint i = 0; i < nc; i++)
        /* both layers, both ways, though the link is one-way for cars */
        ck_assert_msg (walked[i] == (on && cases[i].walked ? 4u : 0u), "case %u: %u arcs",
                       i, walked[i]);
      tnet_multimodal_unref (mm);
    }
  tnet_scenario_free (scen);
  tnet_network_free (net);
}
END_TEST

/* Plain Dijkstra over a graph's arcs (binary heap, lazy deletion): the
 * oracle for the São Paulo journey. */
typedef struct { guint64 d; guint32 v; } HeapItem;

static TnetWeight
plain_dijkstra (TnetGraph *g, const TnetMetric *metric, TnetId src, TnetId dst)
{
  guint n = tnet_graph_n_nodes (g), m = tnet_graph_n_arcs (g);
  guint32 *first = g_new0 (guint32, n + 1), *out = g_new (guint32, MAX (m, 1u));
  for (TnetId a = 0; a < m; a++)
    first[tnet_graph_arc_tail (g, a) + 1]++;
  for (guint v = 0; v < n; v++)
    first[v + 1] += first[v];
  guint32 *cur = g_memdup2 (first, (n + 1) * sizeof *first);
  for (TnetId a = 0; a < m; a++)
    out[cur[tnet_graph_arc_tail (g, a)]++] = a;
  guint64 *dist = g_new (guint64, n);
  for (guint v = 0; v < n; v++)
    dist[v] = G_MAXUINT64;
  GArray *heap = g_array_new (FALSE, FALSE, sizeof (HeapItem));
  dist[src] = 0;
  HeapItem h0 = { 0, src };
  g_array_append_val (heap, h0);
  while (heap->len > 0)
    {
      HeapItem top = g_array_index (heap, HeapItem, 0);
      HeapItem last = g_array_index (heap, HeapItem, heap->len - 1);
      g_array_set_size (heap, heap->len - 1);
      for (guint i = 0; heap->len > 0;)
        {
          guint c = 2 * i + 1;
          if (c >= heap->len)
            {
              g_array_index (heap, HeapItem, i) = last;
              break;
            }
          if (c + 1 < heap->len && g_array_index (heap, HeapItem, c + 1).d
                                   < g_array_index (heap, HeapItem, c).d)
            c++;
          if (last.d <= g_array_index (heap, HeapItem, c).d)
            {
              g_array_index (heap, HeapItem, i) = last;
              break;
            }
          g_array_index (heap, HeapItem, i) = g_array_index (heap, HeapItem, c);
          i = c;
        }
      if (top.d != dist[top.v])
        continue;
      for (guint32 k = first[top.v]; k < first[top.v + 1]; k++)
        {
          TnetId a = out[k], w = tnet_graph_arc_head (g, a);
          guint64 nd = top.d + tnet_metric_weight (metric, a);
          if (nd >= dist[w])
            continue;
          dist[w] = nd;
          HeapItem it = { nd, w };
          g_array_append_val (heap, it);
          for (guint i = heap->len - 1; i > 0;)
            {
              guint p = (i - 1) / 2;
              if (g_array_index (heap, HeapItem, p).d <= it.d)
                break;
              g_array_index (heap, HeapItem, i) = g_array_index (heap, HeapItem, p);
              g_array_index (heap, HeapItem, p) = it;
              i = p;
            }
        }
    }
  TnetWeight r = dist[dst] == G_MAXUINT64 ? TNET_WEIGHT_INF : (TnetWeight) dist[dst];
  g_array_free (heap, TRUE);
  g_free (dist);
  g_free (cur);
  g_free (first);
  g_free (out);
  return r;
}

static double
lonlat_m (double lon1, double lat1, double lon2, double lat2)
{
  double p1 = lat1 * G_PI / 180, p2 = lat2 * G_PI / 180;
  double dp = p2 - p1, dl = (lon2 - lon1) * G_PI / 180;
  double h = sin (dp / 2) * sin (dp / 2) + cos (p1) * cos (p2) * sin (dl / 2) * sin (dl / 2);
  return 2 * 6371008.8 * asin (sqrt (h));
}

/* The road node (of a walkable OSM road) closest to 400 m from stop @s,
 * between 250 and 600 m away: a place one has to walk from. */
static TnetId
place_near (const TnetNetwork *net, const guint8 *on_foot_road, const TnetFeedStop *st)
{
  TnetId best = TNET_ID_NONE;
  double best_gap = INFINITY;
  for (TnetId v = 0; v < tnet_network_n_nodes (net); v++)
    {
      if (!on_foot_road[v])
        continue;
      const TnetNode *n = tnet_network_node (net, v);
      double d = lonlat_m (st->lon, st->lat, n->lon, n->lat);
      if (d >= 250 && d <= 600 && fabs (d - 400) < best_gap)
        {
          best_gap = fabs (d - 400);
          best = v;
        }
    }
  return best;
}

/* São Paulo: the OSM import of the r5r extract plus the frequency-based
 * SPTrans feed. Stops are not network nodes, so they hang on the nearest
 * walkable road node; a journey between two road nodes near two far-apart
 * metro stations of one line walks over OSM roads to the first, rides, and
 * walks over OSM roads from the last, faster than walking all the way, and
 * equals a plain Dijkstra over the expanded graph. */
START_TEST (test_sao_paulo_walk_access)
{
  char *pbf = tt_data_path ("sao-paulo/spo_osm.pbf");
  char *zip = tt_data_path ("sao-paulo/spo.zip");
  GError *error = NULL;
  TnetNetwork *net = tnet_network_load_osm (pbf, NULL, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  TnetFeed *feed = tnet_feed_load (zip, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  TnetScenario *scen = tnet_scenario_new (2025);
  TnetMultimodal *mm = tnet_multimodal_build (net, scen, feed, TNET_PROFILE_TRANSIT, NULL,
                                              &error);
  ck_assert_msg (mm != NULL, "%s", error ? error->message : "");
  TnetMultimodalStats st;
  tnet_multimodal_get_stats (mm, &st);
  ck_assert_uint_eq (st.n_stops_matched, 0);
  ck_assert_uint_gt (st.n_stops_linked, 100);
  TnetGraph *g = tnet_multimodal_get_graph (mm);
  TnetMetric *metric = tnet_multimodal_get_metric (mm);

  /* stops with an access arc, i.e. hung on a road node */
  guint S = tnet_feed_n_stops (feed);
  GHashTable *dep_stop = g_hash_table_new (NULL, NULL);
  for (TnetId s = 0; s < S; s++)
    g_hash_table_insert (dep_stop, GUINT_TO_POINTER (tnet_multimodal_stop_origin_node (mm, s)),
                         GUINT_TO_POINTER (s + 1));
  guint8 *linked = g_new0 (guint8, S);
  for (TnetId a = 0; a < tnet_graph_n_arcs (g); a++)
    if (tnet_multimodal_arc_kind (mm, a) == TNET_ARC_ACCESS)
      {
        guint s1 = GPOINTER_TO_UINT (g_hash_table_lookup (dep_stop, GUINT_TO_POINTER (
                                                            tnet_graph_arc_head (g, a))));
        if (s1)
          linked[s1 - 1] = 1;
      }
  g_hash_table_unref (dep_stop);

  /* the two linked stops of one metro pattern farthest apart */
  TnetId sa = TNET_ID_NONE, sb = TNET_ID_NONE;
  double far = 0;
  for (TnetId p = 0; p < tnet_feed_n_patterns (feed); p++)
    {
      const TnetPattern *pat = tnet_feed_pattern (feed, p);
      if (tnet_feed_route (feed, pat->route)->mode != TNET_MODE_METRO)
        continue;
      for (guint i = 0; i < pat->n_stops; i++)
        for (guint k = i + 1; k < pat->n_stops; k++)
          {
            const TnetFeedStop *x = tnet_feed_stop (feed, pat->stops[i]);
            const TnetFeedStop *y = tnet_feed_stop (feed, pat->stops[k]);
            if (!linked[pat->stops[i]] || !linked[pat->stops[k]])
              continue;
            double d = lonlat_m (x->lon, x->lat, y->lon, y->lat);
            if (d > far)
              {
                far = d;
                sa = pat->stops[i];
                sb = pat->stops[k];
              }
          }
    }
  g_free (linked);
  ck_assert_uint_ne (sa, TNET_ID_NONE);
  ck_assert (far > 3000);

  /* places: road nodes a few hundred metres from each station */
  guint8 *on_foot_road = g_new0 (guint8, tnet_network_n_nodes (net));
  for (TnetId l = 0; l < tnet_network_n_links (net); l++)
    {
      const TnetLink *lk = tnet_network_link (net, l);
      if (lk->mode == TNET_MODE_ROAD)
        on_foot_road[lk->from] = on_foot_road[lk->to] = 1;
    }
  const TnetFeedStop *stop_a = tnet_feed_stop (feed, sa), *stop_b = tnet_feed_stop (feed, sb);
  TnetId pa = place_near (net, on_foot_road, stop_a);
  TnetId pb = place_near (net, on_foot_road, stop_b);
  g_free (on_foot_road);
  ck_assert_uint_ne (pa, TNET_ID_NONE);
  ck_assert_uint_ne (pb, TNET_ID_NONE);
  const TnetNode *na = tnet_network_node (net, pa), *nb = tnet_network_node (net, pb);
  double crow_m = lonlat_m (na->lon, na->lat, nb->lon, nb->lat);

  TnetSearch *s = tnet_search_new (g);
  TnetId from = tnet_multimodal_origin_node (mm, pa), to = tnet_multimodal_destination_node (mm, pb);
  TnetWeight d = search_to (mm, s, from, to);
  ck_assert_uint_ne (d, TNET_WEIGHT_INF);
  ck_assert_uint_eq (d, plain_dijkstra (g, metric, from, to));
  /* walking all the way takes at least the straight line at walking speed */
  ck_assert (d < crow_m / (4.8 / 3.6) * 1000);

  TnetJourney *j = tnet_multimodal_journey (mm, s, to);
  ck_assert (j != NULL);
  assert_legal (j);
  ck_assert_uint_eq (j->total_ms, d);
  ck_assert_uint_ge (j->n_rides, 1);
  ck_assert_uint_gt (j->access_ms, 0);
  ck_assert_uint_gt (j->egress_ms, 0);
  ck_assert_int_eq (j->legs[0].kind, TNET_LEG_WALK);
  ck_assert_int_eq (j->legs[j->n_legs - 1].kind, TNET_LEG_WALK);

  /* the walks before the first boarding and after the last alighting run
   * over OSM road links */
  guint len = tnet_search_path (s, to, NULL, 0);
  TnetId *arcs = g_new (TnetId, len);
  tnet_search_path (s, to, arcs, len);
  guint first_board = len, last_alight = 0, osm_before = 0, osm_after = 0;
  for (guint i = 0; i < len; i++)
    {
      TnetArcKind k = tnet_multimodal_arc_kind (mm, arcs[i]);
      if (k == TNET_ARC_BOARD && first_board == len)
        first_board = i;
      if (k == TNET_ARC_ALIGHT)
        last_alight = i;
    }
  ck_assert_uint_lt (first_board, last_alight);
  for (guint i = 0; i < len; i++)
    {
      if (tnet_multimodal_arc_kind (mm, arcs[i]) != TNET_ARC_WALK)
        continue;
      TnetId l = tnet_graph_arc_link (g, arcs[i]);
      ck_assert_uint_lt (l, tnet_network_n_links (net));
      const TnetLink *lk = tnet_network_link (net, l);
      ck_assert (g_str_has_prefix (lk->source, "osm:w"));
      ck_assert (lk->mode == TNET_MODE_ROAD || lk->mode == TNET_MODE_TRUNK);
      if (i < first_board)
        osm_before++;
      else if (i > last_alight)
        osm_after++;
    }
  ck_assert_uint_gt (osm_before, 0);
  ck_assert_uint_gt (osm_after, 0);
  /* the journey's access and egress are the weights of the path's arcs
   * before the first boarding and after the last alighting */
  guint64 access_sum = 0, egress_sum = 0;
  for (guint i = 0; i < len; i++)
    if (i < first_board)
      access_sum += tnet_metric_weight (metric, arcs[i]);
    else if (i > last_alight)
      egress_sum += tnet_metric_weight (metric, arcs[i]);
  ck_assert_uint_eq (j->access_ms, access_sum);
  ck_assert_uint_eq (j->egress_ms, egress_sum);
  printf ("# sao paulo: node %s (%.0f m from %s) -> node %s (%.0f m from %s), %.1f km apart: "
          "%.1f min (access %.1f, wait %.1f, in-vehicle %.1f, transfer %.1f, egress %.1f; "
          "%u rides; %u + %u OSM road arcs walked; walking all the way >= %.1f min)\n",
          na->id, lonlat_m (na->lon, na->lat, stop_a->lon, stop_a->lat), stop_a->name,
          nb->id, lonlat_m (nb->lon, nb->lat, stop_b->lon, stop_b->lat), stop_b->name,
          crow_m / 1000, d / 60000.0, j->access_ms / 60000.0, j->wait_ms / 60000.0,
          j->in_vehicle_ms / 60000.0, j->transfer_ms / 60000.0, j->egress_ms / 60000.0,
          j->n_rides, osm_before, osm_after, crow_m / (4.8 / 3.6) / 60000.0 * 1000);
  for (guint i = 0; i < j->n_legs; i++)
    printf ("#   %-8s %-10s %s -> %s %.1f min\n", tnet_leg_kind_to_string (j->legs[i].kind),
            j->legs[i].line ? j->legs[i].line : "", j->legs[i].from, j->legs[i].to,
            tnet_weight_to_min (j->legs[i].time_ms));
  g_free (arcs);
  tnet_journey_free (j);
  tnet_search_free (s);
  tnet_multimodal_unref (mm);
  tnet_scenario_free (scen);
  tnet_feed_unref (feed);
  tnet_network_free (net);
  g_free (zip);
  g_free (pbf);
}
END_TEST

START_TEST (test_errors)
{
  TnetNetwork *net = tnet_network_new ();
  TnetScenario *scen = tnet_scenario_new (2025);
  tnet_scenario_close_link (scen, "nope");
  GError *error = NULL;
  ck_assert_ptr_null (tnet_multimodal_build (net, scen, NULL, TNET_PROFILE_CAR, NULL, &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "nope");
  tnet_scenario_free (scen);
  scen = tnet_scenario_new (2025);
  TnetMultimodal *mm = tnet_multimodal_build (net, scen, NULL, TNET_PROFILE_TRANSIT, NULL, &error);
  ck_assert_ptr_nonnull (mm);
  ck_assert (!tnet_multimodal_find_place (mm, "x", NULL, NULL, &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "'x'");
  TnetProfile p;
  ck_assert (tnet_profile_from_string ("park_and_ride", &p));
  ck_assert_int_eq (p, TNET_PROFILE_PARK_AND_RIDE);
  ck_assert (!tnet_profile_from_string ("bike", &p));
  tnet_multimodal_unref (mm);
  tnet_scenario_free (scen);
  tnet_network_free (net);
}
END_TEST

/* The written forms of a journey built by hand: its numbers in minutes
 * (90 500 ms = 1.508 min to 0.001, 1.5 to 0.1), a leg without a line as
 * null, no feed as null, and the keys of docs/json-schema.md. */
START_TEST (test_journey_output)
{
  TnetLeg legs[] = {
    { TNET_LEG_WALK, TNET_MODE_ACCESS, NULL, "z1", "s1", 90500 },
    { TNET_LEG_WAIT, TNET_MODE_BUS, "B 7", "s1", "s1", 300000 },
    { TNET_LEG_RIDE, TNET_MODE_BUS, "B 7", "s1", "s2", 1234567 },
  };
  TnetJourney j = { legs, G_N_ELEMENTS (legs), 1, 90500 + 300000 + 1234567, 90500, 300000,
                    1234567, 0, 0 };
  TnetJourneyLabels labels = { "z1", "s2", TNET_PROFILE_TRANSIT, 2031, NULL };
  g_autofree char *json = tnet_journey_to_json (&j, &labels);
  tt_assert_json_schema_keys ("### `tnet route --profile transit|park_and_ride "
                              "--frequency-model --format json`", json);
  GError *error = NULL;
  g_autoptr (JsonNode) root = json_from_string (json, &error);
  ck_assert_msg (root != NULL, "%s", error ? error->message : "");
  JsonObject *o = json_node_get_object (root);
  ck_assert_str_eq (json_object_get_string_member (o, "from"), "z1");
  ck_assert_str_eq (json_object_get_string_member (o, "to"), "s2");
  ck_assert_str_eq (json_object_get_string_member (o, "profile"), "transit");
  ck_assert_int_eq (json_object_get_int_member (o, "scenario_year"), 2031);
  ck_assert (json_object_get_null_member (o, "feed"));
  ck_assert_double_eq_tol (json_object_get_double_member (o, "total_min"), 27.084, 1e-9);
  ck_assert_double_eq_tol (json_object_get_double_member (o, "access_min"), 1.508, 1e-9);
  ck_assert_double_eq_tol (json_object_get_double_member (o, "wait_min"), 5.0, 1e-9);
  ck_assert_double_eq_tol (json_object_get_double_member (o, "in_vehicle_min"), 20.576, 1e-9);
  ck_assert_double_eq_tol (json_object_get_double_member (o, "egress_min"), 0.0, 1e-9);
  JsonArray *jl = json_object_get_array_member (o, "legs");
  ck_assert_uint_eq (json_array_get_length (jl), 3);
  JsonObject *l0 = json_array_get_object_element (jl, 0);
  ck_assert_str_eq (json_object_get_string_member (l0, "kind"), "walk");
  ck_assert_str_eq (json_object_get_string_member (l0, "mode"), "access");
  ck_assert (json_object_get_null_member (l0, "line"));
  ck_assert_double_eq_tol (json_object_get_double_member (l0, "min"), 1.508, 1e-9);
  JsonObject *l2 = json_array_get_object_element (jl, 2);
  ck_assert_str_eq (json_object_get_string_member (l2, "kind"), "ride");
  ck_assert_str_eq (json_object_get_string_member (l2, "line"), "B 7");
  ck_assert_str_eq (json_object_get_string_member (l2, "to"), "s2");

  labels.feed = "gtfs-2031.zip";
  g_autofree char *text = tnet_journey_to_text (&j, &labels);
  ck_assert_str_eq (text,
                    "Route by transit from z1 to s2 (scenario 2031, feed gtfs-2031.zip)\n"
                    "  walk     access    z1 -> s1, 1.5 min\n"
                    "  wait     bus       B 7: s1 -> s1, 5.0 min\n"
                    "  ride     bus       B 7: s1 -> s2, 20.6 min\n"
                    "Total: 27.1 min (access 1.5, wait 5.0, in-vehicle 20.6, transfer 0.0, "
                    "egress 0.0)\n");
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("transit");
  TCase *tc = tcase_create ("transit");
  tcase_set_timeout (tc, 240);
  tcase_add_loop_test (tc, test_brute_force, 0, 60);
  tcase_add_loop_test (tc, test_kept_hierarchy, 0, 3);
  tcase_add_test (tc, test_profiles);
  tcase_add_test (tc, test_zones_not_passed_through);
  tcase_add_test (tc, test_hub_walk_transfers);
  tcase_add_test (tc, test_caltrain_trip);
  tcase_add_test (tc, test_nyc_transfer);
  tcase_add_test (tc, test_walk_on_roads_rule);
  tcase_add_test (tc, test_sao_paulo_walk_access);
  tcase_add_test (tc, test_errors);
  tcase_add_test (tc, test_journey_output);
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
