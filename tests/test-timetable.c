/* test-timetable.c: the timetable of a service date and RAPTOR, against a
 * brute-force time-expanded Dijkstra written here, on seeded random feeds and
 * on the fixture feeds (Caltrain, NYC subway, São Paulo), plus hand-computed
 * special cases (interpolation, frequencies, calendar exceptions, overnight
 * trips, walking transfers, a midday-only feed, several feeds).
 *
 * The oracle works from the feed's raw records (as read from the files) and
 * re-implements, independently of lib/model/timetable.c, what the timetable
 * promises: which trips run on the date (calendar, calendar_dates, the day
 * before's trips past 24:00), frequencies.txt expansion, block continuation,
 * the footpath rules (transfers.txt types 0-3 on stops or stations, the
 * radius rule, the change at a stop), and the journey semantics of
 * tnet_raptor_run(): board where pickup is allowed, alight where drop-off is
 * allowed, one footpath between two rides. It builds the time-expanded
 * graph (a departure and an arrival node per stop time, a waiting chain of
 * departures per stop) and runs Dijkstra in time order. */
#include "tnet-internal.h"
#include "tests-common.h"
#include "feed-private.h"
#include "timetable-private.h"
#include "timetable-oracle.h"

#include <stdio.h>
#include <stdlib.h>

/* Nearest rank, written independently of tnet_percentiles(). */
static gint32
o_percentile (const gint32 *v, guint n, double p)
{
  gint32 *c = g_memdup2 (v, sizeof (gint32) * n);
  for (guint i = 1; i < n; i++)   /* insertion sort */
    for (guint j = i; j > 0 && c[j - 1] > c[j]; j--)
      {
        gint32 x = c[j];
        c[j] = c[j - 1];
        c[j - 1] = x;
      }
  guint rank = 1;
  while (rank < n && (double) rank * 100.0 < p * n - 1e-9)
    rank++;
  gint32 r = c[rank - 1];
  g_free (c);
  return r;
}

/* Compares RAPTOR with the oracle for origin stop @origin (access: the stop
 * itself) at @n_minutes minutes from @dep0, for every stop: single runs,
 * the range series, and percentiles 5/50/95. Returns the number of
 * (minute, stop) pairs reached, to let callers check the test is not
 * vacuous. */
static guint
compare_origin (TnetTimetable *tt, const Oracle *o, TnetRaptor *ws, TnetId origin,
                gint32 dep0, guint n_minutes)
{
  guint n = o->n_stops, reached = 0;
  ck_assert_uint_eq (n, tnet_timetable_n_stops (tt));
  TnetStopWalk acc = { origin, 0 };
  gint32 *want = g_new (gint32, (gsize) n * n_minutes);
  gint32 *range = g_new (gint32, (gsize) n * n_minutes);
  for (guint m = 0; m < n_minutes; m++)
    {
      gint32 dep = dep0 + 60 * (gint32) m;
      gint32 *w = want + (gsize) m * n;
      oracle_run (o, &acc, 1, dep, w);
      tnet_raptor_run (ws, &acc, 1, dep);
      for (guint s = 0; s < n; s++)
        {
          ck_assert_msg (tnet_raptor_arrival (ws, s) == w[s],
                         "origin %s stop %s depart %d: raptor %d oracle %d",
                         tnet_timetable_stop_id (tt, origin), tnet_timetable_stop_id (tt, s),
                         dep, tnet_raptor_arrival (ws, s), w[s]);
          if (w[s] != UNREACHED)
            {
              reached++;
              w[s] -= dep;
            }
        }
      /* the journey's legs end at the arrival and run forwards */
      for (guint s = 0; s < n; s += 7)
        if (w[s] != UNREACHED && s != origin)
          {
            g_autoptr (GArray) legs = g_array_new (FALSE, FALSE, sizeof (TnetTransitLeg));
            ck_assert (tnet_raptor_journey (ws, s, legs));
            ck_assert_uint_gt (legs->len, 0);
            const TnetTransitLeg *l = (const TnetTransitLeg *) (void *) legs->data;
            ck_assert_int_eq (l[legs->len - 1].end_s, w[s] + dep);
            ck_assert_uint_eq (l[legs->len - 1].to_stop, s);
            ck_assert_int_ge (l[0].start_s, dep);
            for (guint i = 0; i < legs->len; i++)
              {
                ck_assert_int_le (l[i].start_s, l[i].end_s);
                if (i > 0)
                  ck_assert_int_le (l[i - 1].end_s, l[i].start_s - l[i].wait_s);
              }
          }
    }
  ck_assert (tnet_raptor_run_range (ws, &acc, 1, dep0, n_minutes, NULL, 0, n, range, NULL, NULL));
  for (guint m = 0; m < n_minutes; m++)
    for (guint s = 0; s < n; s++)
      ck_assert_msg (range[(gsize) m * n + s] == want[(gsize) m * n + s],
                     "range: origin %s stop %s minute %u: raptor %d oracle %d",
                     tnet_timetable_stop_id (tt, origin), tnet_timetable_stop_id (tt, s), m,
                     range[(gsize) m * n + s], want[(gsize) m * n + s]);
  /* a range query with egress rows: 5 destinations, each reached from
   * some stops after a walk and (even ones) by a direct walk; its travel
   * time is the minimum over its rows of the oracle's travel time to the
   * stop plus the walk, or the direct walk */
  enum { N_TARGETS = 5 };
  g_autoptr (GArray) egress = g_array_new (FALSE, FALSE, sizeof (TnetEgress));
  for (guint t = 0; t < N_TARGETS; t++)
    {
      for (guint s = 0; s < n; s++)
        if ((s * 7 + t) % 5 == 0)
          {
            TnetEgress e = { t, s, (s * 13 + t * 17) % 600 };
            g_array_append_val (egress, e);
          }
      if (t % 2 == 0)
        {
          TnetEgress e = { t, TNET_ID_NONE, 900 + t * 100 };
          g_array_append_val (egress, e);
        }
    }
  gint32 *trange = g_new (gint32, (gsize) n_minutes * N_TARGETS);
  tnet_raptor_run_range (ws, &acc, 1, dep0, n_minutes, (const TnetEgress *) (void *) egress->data,
                         egress->len, N_TARGETS, trange, NULL, NULL);
  for (guint m = 0; m < n_minutes; m++)
    for (guint t = 0; t < N_TARGETS; t++)
      {
        gint32 best = UNREACHED;
        for (guint k = 0; k < egress->len; k++)
          {
            const TnetEgress *e = &g_array_index (egress, TnetEgress, k);
            if (e->target != t)
              continue;
            gint32 v = e->stop == TNET_ID_NONE ? (gint32) e->walk_s
                       : want[(gsize) m * n + e->stop] == UNREACHED ? UNREACHED
                       : want[(gsize) m * n + e->stop] + (gint32) e->walk_s;
            best = MIN (best, v);
          }
        ck_assert_msg (trange[(gsize) m * N_TARGETS + t] == best,
                       "range with egress: origin %s target %u minute %u: raptor %d oracle %d",
                       tnet_timetable_stop_id (tt, origin), t, m,
                       trange[(gsize) m * N_TARGETS + t], best);
      }
  g_free (trange);
  static const double pcts[] = { 5, 50, 95 };
  gint32 *series = g_new (gint32, n_minutes);
  for (guint s = 0; s < n; s++)
    {
      for (guint m = 0; m < n_minutes; m++)
        series[m] = range[(gsize) m * n + s];
      gint32 got[3];
      tnet_percentiles (series, n_minutes, pcts, 3, got);
      for (guint m = 0; m < n_minutes; m++)
        series[m] = want[(gsize) m * n + s];
      for (guint i = 0; i < 3; i++)
        ck_assert_int_eq (got[i], o_percentile (series, n_minutes, pcts[i]));
    }
  g_free (series);
  g_free (want);
  g_free (range);
  return reached;
}

/* ---------------------------------------------------------- random feeds */

/* Writes a random feed: stops in a 3 km box (so some lie within the transfer
 * radius), a station with two platforms, routes with random stop sequences
 * and trips that may overtake, trips past 24:00, pickup/drop-off types,
 * weekday/weekend services with calendar_dates exceptions, a frequency
 * route (exact_times 0 and 1), blocks and transfers of types 0-3. */
static char *
write_random_feed (guint32 seed)
{
  GRand *r = g_rand_new_with_seed (seed);
  char *dir = tt_mkdtemp ();
  guint ns = (guint) g_rand_int_range (r, 6, 26);
  GString *stops = g_string_new ("stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n");
  g_string_append (stops, "ST,Station,0.0,0.0,1,\n");
  for (guint s = 0; s < ns; s++)
    g_string_append_printf (stops, "s%u,Stop %u,%.6f,%.6f,0,%s\n", s, s,
                            g_rand_double_range (r, 0, 0.027),
                            g_rand_double_range (r, 0, 0.027), s < 2 ? "ST" : "");
  tt_write_file (dir, "stops.txt", stops->str);
  g_string_free (stops, TRUE);
  tt_write_file (dir, "calendar.txt",
                 "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                 "WD,1,1,1,1,1,0,0,20240101,20241231\nWE,0,0,0,0,0,1,1,20240101,20241231\n");
  /* Wednesday 2024-01-03 runs the weekend service; Saturday 2024-01-06 also
   * runs the weekday one */
  tt_write_file (dir, "calendar_dates.txt", "service_id,date,exception_type\n"
                 "WD,20240103,2\nWE,20240103,1\nWD,20240106,1\n");
  guint nr = (guint) g_rand_int_range (r, 2, 7);
  GString *routes = g_string_new ("route_id,route_short_name,route_type\n");
  GString *trips = g_string_new ("route_id,service_id,trip_id,block_id\n");
  GString *st = g_string_new ("trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type\n");
  GString *freq = g_string_new ("trip_id,start_time,end_time,headway_secs,exact_times\n");
  guint n_trip = 0;
  for (guint ri = 0; ri < nr; ri++)
    {
      g_string_append_printf (routes, "R%u,R%u,3\n", ri, ri);
      guint len = (guint) g_rand_int_range (r, 2, MIN (8, (gint32) ns) + 1);
      guint seq[8];
      for (guint i = 0; i < len; i++)
        {
          gboolean dup;
          do
            {
              seq[i] = (guint) g_rand_int_range (r, 0, (gint32) ns);
              dup = FALSE;
              for (guint j = 0; j < i; j++)
                dup |= seq[j] == seq[i];
            }
          while (dup);
        }
      gboolean is_freq = ri == 0;
      guint nt = is_freq ? 1 : (guint) g_rand_int_range (r, 2, 12);
      for (guint ti = 0; ti < nt; ti++)
        {
          guint id = n_trip++;
          const char *svc = g_rand_int_range (r, 0, 4) == 0 ? "WE" : "WD";
          /* blocks: some trips of route 1 share a block and chain */
          gboolean in_block = ri == 1 && ti < 3;
          g_string_append_printf (trips, "R%u,%s,t%u,%s\n", ri, is_freq ? "WD" : svc, id,
                                  in_block ? "B1" : "");
          guint t = (guint) g_rand_int_range (r, 6 * 3600, 26 * 3600);
          if (is_freq)
            t = 0;
          if (in_block)
            t = 8 * 3600 + ti * 1800;   /* 08:00, 08:30, 09:00 */
          for (guint i = 0; i < len; i++)
            {
              guint arr = t, dep = t + (guint) g_rand_int_range (r, 0, 3) * 30;
              guint pick = g_rand_int_range (r, 0, 10) == 0 ? 1 : 0;
              guint drop = g_rand_int_range (r, 0, 10) == 0 ? 1 : 0;
              /* a block trip runs its stops forwards then back, so the
               * next one starts where it ended */
              guint stop = in_block ? seq[ti % 2 == 0 ? i : len - 1 - i] : seq[i];
              g_string_append_printf (st, "t%u,%u:%02u:%02u,%u:%02u:%02u,s%u,%u,%u,%u\n", id,
                                      arr / 3600, arr / 60 % 60, arr % 60, dep / 3600,
                                      dep / 60 % 60, dep % 60, stop, i + 1, pick, drop);
              t = dep + (guint) g_rand_int_range (r, 60, in_block ? 200 : 900);
            }
          if (is_freq)
            {
              g_string_append_printf (freq, "t%u,07:00:00,08:00:00,%u,1\n", id,
                                      (guint) g_rand_int_range (r, 300, 900));
              g_string_append_printf (freq, "t%u,08:00:00,09:30:00,%u,0\n", id,
                                      (guint) g_rand_int_range (r, 300, 1200));
            }
        }
    }
  tt_write_file (dir, "routes.txt", routes->str);
  tt_write_file (dir, "trips.txt", trips->str);
  tt_write_file (dir, "stop_times.txt", st->str);
  tt_write_file (dir, "frequencies.txt", freq->str);
  GString *tr = g_string_new ("from_stop_id,to_stop_id,transfer_type,min_transfer_time\n");
  g_string_append_printf (tr, "ST,ST,2,%u\n", (guint) g_rand_int_range (r, 0, 300));
  for (guint i = 0; i < 4; i++)
    {
      guint type = (guint) g_rand_int_range (r, 0, 4);
      guint a = (guint) g_rand_int_range (r, 0, (gint32) ns);
      guint b = (guint) g_rand_int_range (r, 0, (gint32) ns);
      if (type == 2)
        g_string_append_printf (tr, "s%u,s%u,2,%u\n", a, b, (guint) g_rand_int_range (r, 0, 600));
      else
        g_string_append_printf (tr, "s%u,s%u,%u,\n", a, b, type);
    }
  tt_write_file (dir, "transfers.txt", tr->str);
  g_string_free (tr, TRUE);
  g_string_free (routes, TRUE);
  g_string_free (trips, TRUE);
  g_string_free (st, TRUE);
  g_string_free (freq, TRUE);
  g_rand_free (r);
  return dir;
}

START_TEST (test_random_feeds)
{
  static const guint dates[] = { 20240102, 20240103, 20240106, 20240107 };
  guint total_reached = 0;
  for (guint32 seed = 1; seed <= 40; seed++)
    {
      char *dir = write_random_feed (seed);
      GError *error = NULL;
      TnetFeedOptions fo;
      tnet_feed_options_init (&fo);
      guint date = dates[seed % G_N_ELEMENTS (dates)];
      fo.service_date = date;
      g_autoptr (TnetFeed) feed = tnet_feed_load (dir, &fo, &error);
      ck_assert_msg (feed != NULL, "seed %u: %s", seed, error ? error->message : "");
      TnetTimetableOptions to;
      tnet_timetable_options_init (&to);
      to.min_change_ms = seed % 3 == 0 ? 90000 : 0;
      const TnetFeed *feeds[] = { feed };
      g_autoptr (TnetTimetable) tt = tnet_timetable_build (feeds, 1, &to, &error);
      ck_assert_msg (tt != NULL, "%s", error ? error->message : "");
      Oracle *o = oracle_new (feeds, 1, date, &to);
      g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);
      for (TnetId s = 1; s < tnet_timetable_n_stops (tt); s += 3)
        {
          total_reached += compare_origin (tt, o, ws, s, 7 * 3600 + 50 * 60, 20);
          total_reached += compare_origin (tt, o, ws, s, 23 * 3600 + 50 * 60, 5);
          total_reached += compare_origin (tt, o, ws, s, 50 * 60, 5);   /* after midnight */
        }
      oracle_free (o);
      tt_rm_rf (dir);
      g_free (dir);
    }
  /* not vacuous: plenty of stops other than the origins were reached */
  ck_assert_uint_gt (total_reached, 5000);
}
END_TEST

/* Writes a random feed whose routes call at a stop more than once (loops
 * back to their first stop, or pass a stop twice), with pickup and drop-off
 * restrictions (also at the repeated calls), dwell times, and trips of the
 * day before running past midnight. One service every day. */
static char *
write_loop_feed (guint32 seed)
{
  GRand *r = g_rand_new_with_seed (seed);
  char *dir = tt_mkdtemp ();
  guint ns = (guint) g_rand_int_range (r, 5, 16);
  GString *stops = g_string_new ("stop_id,stop_name,stop_lat,stop_lon\n");
  for (guint s = 0; s < ns; s++)
    g_string_append_printf (stops, "s%u,Stop %u,%.6f,%.6f\n", s, s,
                            g_rand_double_range (r, 0, 0.02), g_rand_double_range (r, 0, 0.02));
  tt_write_file (dir, "stops.txt", stops->str);
  g_string_free (stops, TRUE);
  tt_write_file (dir, "calendar.txt",
                 "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                 "D,1,1,1,1,1,1,1,20240101,20241231\n");
  guint nr = (guint) g_rand_int_range (r, 2, 7);
  GString *routes = g_string_new ("route_id,route_short_name,route_type\n");
  GString *trips = g_string_new ("route_id,service_id,trip_id\n");
  GString *st = g_string_new ("trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type\n");
  guint n_trip = 0;
  for (guint ri = 0; ri < nr; ri++)
    {
      g_string_append_printf (routes, "R%u,R%u,3\n", ri, ri);
      guint len = (guint) g_rand_int_range (r, 3, 10);
      guint seq[10];
      for (guint i = 0; i < len; i++)
        do
          seq[i] = (guint) g_rand_int_range (r, 0, (gint32) ns);
        while (i > 0 && seq[i] == seq[i - 1]);
      /* a loop: back to the first stop; else some stop again, not next to
       * its first call */
      if (ri % 2 == 0)
        seq[len - 1] = seq[0] != seq[len - 2] ? seq[0] : seq[len - 1];
      else if (len >= 4)
        seq[len - 2] = seq[1] != seq[len - 3] && seq[1] != seq[len - 1] ? seq[1] : seq[len - 2];
      guint8 pick[10], drop[10];
      for (guint i = 0; i < len; i++)
        {
          pick[i] = g_rand_int_range (r, 0, 6) == 0;
          drop[i] = g_rand_int_range (r, 0, 6) == 0;
        }
      guint nt = (guint) g_rand_int_range (r, 3, 16);
      for (guint ti = 0; ti < nt; ti++)
        {
          guint id = n_trip++;
          g_string_append_printf (trips, "R%u,D,t%u\n", ri, id);
          /* most trips around the morning window, some from 23:00 to past
           * midnight (they run after midnight of the next day too) */
          guint t = g_rand_int_range (r, 0, 4) == 0
                    ? (guint) g_rand_int_range (r, 23 * 3600, 25 * 3600)
                    : (guint) g_rand_int_range (r, 6 * 3600 + 1800, 8 * 3600 + 1800);
          for (guint i = 0; i < len; i++)
            {
              guint arr = t, dep = t + (guint) g_rand_int_range (r, 0, 3) * 30;
              g_string_append_printf (st, "t%u,%u:%02u:%02u,%u:%02u:%02u,s%u,%u,%u,%u\n", id,
                                      arr / 3600, arr / 60 % 60, arr % 60, dep / 3600,
                                      dep / 60 % 60, dep % 60, seq[i], i + 1, pick[i],
                                      drop[i]);
              t = dep + (guint) g_rand_int_range (r, 60, 600);
            }
        }
    }
  tt_write_file (dir, "routes.txt", routes->str);
  tt_write_file (dir, "trips.txt", trips->str);
  tt_write_file (dir, "stop_times.txt", st->str);
  g_string_free (routes, TRUE);
  g_string_free (trips, TRUE);
  g_string_free (st, TRUE);
  g_rand_free (r);
  return dir;
}

/* Range queries (with and without egress rows, and their percentiles) on
 * feeds whose routes call at a stop twice, against the oracle minute by
 * minute: a route boardable at two positions of the same stop has two
 * boarding records there, each with its own remembered trip. */
START_TEST (test_loop_routes_random)
{
  guint total_reached = 0, repeating = 0;
  for (guint32 seed = 1; seed <= 40; seed++)
    {
      char *dir = write_loop_feed (seed);
      GError *error = NULL;
      TnetFeedOptions fo;
      tnet_feed_options_init (&fo);
      fo.service_date = 20240103;
      g_autoptr (TnetFeed) feed = tnet_feed_load (dir, &fo, &error);
      ck_assert_msg (feed != NULL, "seed %u: %s", seed, error ? error->message : "");
      TnetTimetableOptions to;
      tnet_timetable_options_init (&to);
      to.min_change_ms = seed % 2 ? 60000 : 0;
      const TnetFeed *feeds[] = { feed };
      g_autoptr (TnetTimetable) tt = tnet_timetable_build (feeds, 1, &to, &error);
      ck_assert_msg (tt != NULL, "%s", error ? error->message : "");
      /* not vacuous: the timetable has routes calling at a stop twice */
      for (guint rt = 0; rt < tt->n_routes; rt++)
        for (guint i = tt->route_stop_first[rt]; i < tt->route_stop_first[rt + 1]; i++)
          for (guint j = i + 1; j < tt->route_stop_first[rt + 1]; j++)
            repeating += tt->route_stops[i] == tt->route_stops[j];
      Oracle *o = oracle_new (feeds, 1, 20240103, &to);
      g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);
      for (TnetId s = seed % 2; s < tnet_timetable_n_stops (tt); s += 2)
        {
          total_reached += compare_origin (tt, o, ws, s, 6 * 3600 + 40 * 60, 45);
          total_reached += compare_origin (tt, o, ws, s, 10 * 60, 30);   /* after midnight */
        }
      oracle_free (o);
      tt_rm_rf (dir);
      g_free (dir);
    }
  ck_assert_uint_gt (repeating, 40);
  ck_assert_uint_gt (total_reached, 5000);
}
END_TEST

/* ---------------------------------------------------------- fixture feeds */

static void
check_fixture (const char *rel, guint date, const gint32 *deps, guint n_deps,
               guint n_origins, guint n_minutes)
{
  g_autofree char *path = tt_source_path (rel);
  GError *error = NULL;
  TnetFeedOptions fo;
  tnet_feed_options_init (&fo);
  fo.service_date = date;
  g_autoptr (TnetFeed) feed = tnet_feed_load (path, &fo, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  if (date == 0)
    date = tnet_feed_get_service_date (feed);
  const TnetFeed *feeds[] = { feed };
  TnetTimetableOptions to;
  tnet_timetable_options_init (&to);
  g_autoptr (TnetTimetable) tt = tnet_timetable_build (feeds, 1, &to, &error);
  ck_assert_msg (tt != NULL, "%s", error ? error->message : "");
  Oracle *o = oracle_new (feeds, 1, date, &to);
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);
  /* origins: stops served by some route, spread over the feed */
  g_autoptr (GArray) served = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (TnetId s = 0; s < o->n_stops; s++)
    if (o->wait_first[s + 1] > o->wait_first[s])
      g_array_append_val (served, s);
  ck_assert_uint_gt (served->len, n_origins);
  guint reached = 0;
  for (guint i = 0; i < n_origins; i++)
    {
      TnetId s = g_array_index (served, TnetId, (gsize) i * served->len / n_origins);
      reached += compare_origin (tt, o, ws, s, deps[i % n_deps], n_minutes);
    }
  ck_assert_uint_gt (reached, n_origins * n_minutes * 5);
  oracle_free (o);
}

START_TEST (test_caltrain)
{
  /* a weekday and a Sunday of 2009 (calendar_dates: 2009-09-07 Labor Day
   * swaps the weekday service for the Sunday one) */
  static const gint32 deps[] = { 7 * 3600 + 30 * 60, 17 * 3600, 23 * 3600 + 40 * 60 };
  check_fixture ("tests/data/caltrain/caltrain_gtfs.zip", 20090908, deps, 3, 6, 30);
  check_fixture ("tests/data/caltrain/caltrain_gtfs.zip", 20090907, deps, 3, 3, 20);
}
END_TEST

START_TEST (test_nyc_subway)
{
  static const gint32 deps[] = { 8 * 3600, 30 * 60, 18 * 3600 + 15 * 60 };
  check_fixture ("tests/data/nyc-subway/nyc_subway_gtfs.zip", 0, deps, 3, 6, 15);
}
END_TEST

START_TEST (test_sao_paulo)
{
  static const gint32 deps[] = { 7 * 3600, 12 * 3600 + 5 * 60 };
  check_fixture ("tests/data/sao-paulo/spo.zip", 20190507, deps, 2, 8, 30);
}
END_TEST


/* ------------------------------------------------- door-to-door matrix */

static double
m_dist (double lon1, double lat1, double lon2, double lat2)
{
  const double r = 6371008.8, d2r = G_PI / 180.0;
  double dlat = (lat2 - lat1) * d2r, dlon = (lon2 - lon1) * d2r;
  double a = sin (dlat / 2) * sin (dlat / 2)
             + cos (lat1 * d2r) * cos (lat2 * d2r) * sin (dlon / 2) * sin (dlon / 2);
  return 2 * r * asin (MIN (1.0, sqrt (a)));
}

/* The walk of the timetable options: straight line x detour at the walking
 * speed, whole seconds rounded up. */
static guint32
m_walk (const TnetTimetableOptions *to, double d)
{
  return (guint32) ceil (d * to->walk_detour / (to->walk_speed_kmh / 3.6) - 1e-9);
}

/* tnet_timetable_matrix() between places near served stops of a fixture
 * feed (shifted about 150 m off them) against the brute force: for every
 * minute, the oracle's arrivals from the stops the origin walks to, plus
 * the walk to the destination, or the direct walk; then nearest-rank
 * percentiles of each pair's minutes. */
static void
check_matrix (const char *rel, guint date, gint32 dep0, guint n_minutes, guint n_places)
{
  g_autofree char *path = tt_source_path (rel);
  GError *error = NULL;
  TnetFeedOptions fo;
  tnet_feed_options_init (&fo);
  fo.service_date = date;
  g_autoptr (TnetFeed) feed = tnet_feed_load (path, &fo, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  if (date == 0)
    date = tnet_feed_get_service_date (feed);
  const TnetFeed *feeds[] = { feed };
  TnetTimetableOptions to;
  tnet_timetable_options_init (&to);
  g_autoptr (TnetTimetable) tt = tnet_timetable_build (feeds, 1, &to, &error);
  ck_assert_msg (tt != NULL, "%s", error ? error->message : "");
  Oracle *o = oracle_new (feeds, 1, date, &to);
  g_autoptr (GArray) served = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (TnetId s = 0; s < o->n_stops; s++)
    if (o->wait_first[s + 1] > o->wait_first[s] && !isnan (o->lon[s]))
      g_array_append_val (served, s);
  ck_assert_uint_gt (served->len, 2 * n_places);
  /* origins and destinations interleaved along the served stops; the last
   * destination sits 300 m from the first origin (a direct walk) */
  guint n = n_places;
  double *orig = g_new (double, 2 * n), *dest = g_new (double, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      TnetId a = g_array_index (served, TnetId, (gsize) (2 * i) * served->len / (2 * n));
      TnetId b = g_array_index (served, TnetId, (gsize) (2 * i + 1) * served->len / (2 * n));
      orig[2 * i] = o->lon[a] + 0.0015;
      orig[2 * i + 1] = o->lat[a] + 0.0005;
      dest[2 * i] = o->lon[b] - 0.001;
      dest[2 * i + 1] = o->lat[b] - 0.001;
    }
  dest[2 * (n - 1)] = orig[0] + 0.0027;
  dest[2 * (n - 1) + 1] = orig[1];
  const guint max_walk = 900;
  static const double pcts[] = { 5, 25, 50, 75, 95 };
  gint32 *got = g_new (gint32, (gsize) n * n * 5);
  /* no stop and no error: never stops */
  ck_assert (tnet_timetable_matrix (tt, orig, n, dest, n, max_walk * 1000u, dep0, n_minutes, pcts,
                                    5, got, NULL, NULL));

  gint32 *arr = g_new (gint32, o->n_stops);
  gint32 *want = g_new (gint32, (gsize) n * n * n_minutes);
  g_autoptr (GArray) acc = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  guint reached = 0;
  for (guint i = 0; i < n; i++)
    {
      g_array_set_size (acc, 0);
      for (TnetId s = 0; s < o->n_stops; s++)
        if (!isnan (o->lon[s]))
          {
            guint32 w = m_walk (&to, m_dist (orig[2 * i], orig[2 * i + 1], o->lon[s], o->lat[s]));
            if (w <= max_walk)
              {
                TnetStopWalk sw = { s, w };
                g_array_append_val (acc, sw);
              }
          }
      for (guint m = 0; m < n_minutes; m++)
        {
          gint32 dep = dep0 + 60 * (gint32) m;
          oracle_run (o, (const TnetStopWalk *) (void *) acc->data, acc->len, dep, arr);
          for (guint j = 0; j < n; j++)
            {
              gint32 best = UNREACHED;
              guint32 direct = m_walk (&to, m_dist (orig[2 * i], orig[2 * i + 1], dest[2 * j],
                                                    dest[2 * j + 1]));
              if (direct <= max_walk)
                best = (gint32) direct;
              for (TnetId s = 0; s < o->n_stops; s++)
                if (arr[s] != UNREACHED && !isnan (o->lon[s]))
                  {
                    guint32 w = m_walk (&to, m_dist (o->lon[s], o->lat[s], dest[2 * j],
                                                     dest[2 * j + 1]));
                    if (w <= max_walk)
                      best = MIN (best, arr[s] - dep + (gint32) w);
                  }
              want[((gsize) i * n + j) * n_minutes + m] = best;
              reached += best != UNREACHED;
            }
        }
    }
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      for (guint k = 0; k < 5; k++)
        {
          gint32 w = o_percentile (want + ((gsize) i * n + j) * n_minutes, n_minutes, pcts[k]);
          ck_assert_msg (got[((gsize) i * n + j) * 5 + k] == w,
                         "%s origin %u destination %u p%g: matrix %d brute force %d", rel, i, j,
                         pcts[k], got[((gsize) i * n + j) * 5 + k], w);
        }
  /* not vacuous: most pairs are reached, and the direct walk counts */
  ck_assert_uint_gt (reached, n * n * n_minutes / 3);
  ck_assert_int_le (got[(gsize) (n - 1) * 5 + 4], 900);
  g_free (arr);
  g_free (want);
  g_free (got);
  g_free (orig);
  g_free (dest);
  oracle_free (o);
}

START_TEST (test_matrix)
{
  check_matrix ("tests/data/caltrain/caltrain_gtfs.zip", 20090908, 7 * 3600 + 30 * 60, 30, 5);
  check_matrix ("tests/data/nyc-subway/nyc_subway_gtfs.zip", 0, 8 * 3600, 15, 6);
  check_matrix ("tests/data/sao-paulo/spo.zip", 20190507, 7 * 3600, 20, 6);
}
END_TEST

/* tnet_timetable_isochrone() from two sources on a fixture feed against
 * the brute force: every minute, the oracle's arrivals from the stops
 * either source walks to (the shorter walk to each stop), plus the walk to
 * the place, or the shorter direct walk; then nearest-rank percentiles of
 * each place's minutes. With one source it is a row of the matrix. */
static void
check_isochrone (const char *rel, guint date, gint32 dep0, guint n_minutes, guint n_places)
{
  g_autofree char *path = tt_source_path (rel);
  GError *error = NULL;
  TnetFeedOptions fo;
  tnet_feed_options_init (&fo);
  fo.service_date = date;
  g_autoptr (TnetFeed) feed = tnet_feed_load (path, &fo, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  if (date == 0)
    date = tnet_feed_get_service_date (feed);
  const TnetFeed *feeds[] = { feed };
  TnetTimetableOptions to;
  tnet_timetable_options_init (&to);
  g_autoptr (TnetTimetable) tt = tnet_timetable_build (feeds, 1, &to, &error);
  ck_assert_msg (tt != NULL, "%s", error ? error->message : "");
  Oracle *o = oracle_new (feeds, 1, date, &to);
  g_autoptr (GArray) served = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (TnetId s = 0; s < o->n_stops; s++)
    if (o->wait_first[s + 1] > o->wait_first[s] && !isnan (o->lon[s]))
      g_array_append_val (served, s);
  ck_assert_uint_gt (served->len, n_places + 2);
  /* two sources at the first and a middle served stop, shifted; places
   * along the served stops, the last one 300 m from the second source */
  guint n = n_places;
  TnetId s0 = g_array_index (served, TnetId, 0);
  TnetId s1 = g_array_index (served, TnetId, served->len / 2);
  double src[4] = { o->lon[s0] + 0.001, o->lat[s0] + 0.0005, o->lon[s1] - 0.0005,
                    o->lat[s1] + 0.001 };
  double *place = g_new (double, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      TnetId b = g_array_index (served, TnetId, (gsize) (2 * i + 1) * served->len / (2 * n));
      place[2 * i] = o->lon[b] - 0.001;
      place[2 * i + 1] = o->lat[b] - 0.001;
    }
  place[2 * (n - 1)] = src[2] + 0.0027;
  place[2 * (n - 1) + 1] = src[3];
  const guint max_walk = 900;
  static const double pcts[] = { 0, 50, 90 };
  gint32 *got = g_new (gint32, (gsize) n * 3);
  ck_assert (tnet_timetable_isochrone (tt, src, 2, place, n, max_walk * 1000u, dep0, n_minutes,
                                       pcts, 3, got, NULL, NULL));

  g_autoptr (GArray) acc = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  for (TnetId s = 0; s < o->n_stops; s++)
    if (!isnan (o->lon[s]))
      {
        guint32 w = MIN (m_walk (&to, m_dist (src[0], src[1], o->lon[s], o->lat[s])),
                         m_walk (&to, m_dist (src[2], src[3], o->lon[s], o->lat[s])));
        if (w <= max_walk)
          {
            TnetStopWalk sw = { s, w };
            g_array_append_val (acc, sw);
          }
      }
  gint32 *arr = g_new (gint32, o->n_stops);
  gint32 *want = g_new (gint32, (gsize) n * n_minutes);
  guint reached = 0;
  for (guint m = 0; m < n_minutes; m++)
    {
      gint32 dep = dep0 + 60 * (gint32) m;
      oracle_run (o, (const TnetStopWalk *) (void *) acc->data, acc->len, dep, arr);
      for (guint j = 0; j < n; j++)
        {
          gint32 best = UNREACHED;
          guint32 direct = MIN (m_walk (&to, m_dist (src[0], src[1], place[2 * j],
                                                     place[2 * j + 1])),
                                m_walk (&to, m_dist (src[2], src[3], place[2 * j],
                                                     place[2 * j + 1])));
          if (direct <= max_walk)
            best = (gint32) direct;
          for (TnetId s = 0; s < o->n_stops; s++)
            if (arr[s] != UNREACHED && !isnan (o->lon[s]))
              {
                guint32 w = m_walk (&to, m_dist (o->lon[s], o->lat[s], place[2 * j],
                                                 place[2 * j + 1]));
                if (w <= max_walk)
                  best = MIN (best, arr[s] - dep + (gint32) w);
              }
          want[(gsize) j * n_minutes + m] = best;
          reached += best != UNREACHED;
        }
    }
  for (guint j = 0; j < n; j++)
    for (guint k = 0; k < 3; k++)
      {
        gint32 w = o_percentile (want + (gsize) j * n_minutes, n_minutes, pcts[k]);
        ck_assert_msg (got[(gsize) j * 3 + k] == w, "%s place %u p%g: isochrone %d brute "
                       "force %d", rel, j, pcts[k], got[(gsize) j * 3 + k], w);
      }
  ck_assert_uint_gt (reached, n * n_minutes / 3);
  ck_assert_int_le (got[(gsize) (n - 1) * 3 + 2], 900);   /* the direct walk */
  /* one source: the matrix's row */
  gint32 *one = g_new (gint32, (gsize) n * 3), *row = g_new (gint32, (gsize) n * 3);
  tnet_timetable_isochrone (tt, src + 2, 1, place, n, max_walk * 1000u, dep0, n_minutes, pcts,
                            3, one, NULL, NULL);
  tnet_timetable_matrix (tt, src + 2, 1, place, n, max_walk * 1000u, dep0, n_minutes, pcts, 3,
                         row, NULL, NULL);
  guint n_later = 0;
  for (guint k = 0; k < n * 3; k++)
    {
      ck_assert_int_eq (one[k], row[k]);
      ck_assert_int_ge (one[k], got[k]);   /* a second source never makes it later */
      n_later += one[k] > got[k];
    }
  ck_assert_uint_gt (n_later, 0);
  g_free (one);
  g_free (row);
  g_free (arr);
  g_free (want);
  g_free (got);
  g_free (place);
  oracle_free (o);
}

START_TEST (test_isochrone)
{
  check_isochrone ("tests/data/caltrain/caltrain_gtfs.zip", 20090908, 7 * 3600 + 30 * 60, 30, 8);
  check_isochrone ("tests/data/nyc-subway/nyc_subway_gtfs.zip", 0, 8 * 3600, 15, 10);
  check_isochrone ("tests/data/sao-paulo/spo.zip", 20190507, 7 * 3600, 20, 10);
}
END_TEST

/* ------------------------------------------------------- special cases */

static const char *const CAL =
  "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
  "WD,1,1,1,1,1,0,0,20240101,20241231\nWE,0,0,0,0,0,1,1,20240101,20241231\n";

/* A feed folder from (file, text) pairs; routes.txt has R1..R3. */
static char *
write_feed (const char *stops, const char *trips, const char *stop_times, const char *extra_name,
            const char *extra)
{
  char *dir = tt_mkdtemp ();
  tt_write_file (dir, "stops.txt", stops);
  tt_write_file (dir, "routes.txt", "route_id,route_short_name,route_type\nR1,R1,3\nR2,R2,3\nR3,R3,3\n");
  tt_write_file (dir, "calendar.txt", CAL);
  tt_write_file (dir, "trips.txt", trips);
  tt_write_file (dir, "stop_times.txt", stop_times);
  if (extra_name)
    tt_write_file (dir, extra_name, extra);
  return dir;
}

static TnetTimetable *
load_tt (const char *dir, guint date, guint32 seed, TnetFeed **feed_out)
{
  GError *error = NULL;
  TnetFeedOptions fo;
  tnet_feed_options_init (&fo);
  fo.service_date = date;
  TnetFeed *feed = tnet_feed_load (dir, &fo, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  TnetTimetableOptions to;
  tnet_timetable_options_init (&to);
  to.frequency_seed = seed;
  const TnetFeed *feeds[] = { feed };
  TnetTimetable *tt = tnet_timetable_build (feeds, 1, &to, &error);
  ck_assert_msg (tt != NULL, "%s", error ? error->message : "");
  if (feed_out)
    *feed_out = feed;
  else
    tnet_feed_unref (feed);
  return tt;
}

/* Travel time (s) from stop @a to stop @b departing at @dep. */
static gint32
travel (const TnetTimetable *tt, const char *a, const char *b, gint32 dep)
{
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);
  TnetStopWalk acc = { tnet_timetable_find_stop (tt, a), 0 };
  ck_assert_uint_ne (acc.stop, TNET_ID_NONE);
  tnet_raptor_run (ws, &acc, 1, dep);
  gint32 t = tnet_raptor_arrival (ws, tnet_timetable_find_stop (tt, b));
  return t == UNREACHED ? UNREACHED : t - dep;
}

static const char *const LINE_STOPS =
  "stop_id,stop_name,stop_lat,stop_lon\nA,A,0,0\nB,B,0,0.0025\nC,C,0,0.01\n";

/* Two buses, A -> B (t1 08:05-08:20, t3 08:10-08:25) and B -> C (t2
 * 08:30-08:45:30), stops kilometres apart (no walk between them). From A
 * at 08:00 one waits 5 min, rides t1, waits 10 min at B and rides t2:
 * 45.5 min; departing 08:01 and 08:02 the same journey, 44.5 and 43.5.
 * Nearest rank over {43.5, 44.5, 45.5}: p50 is the 2nd (44.5), p100 the
 * 3rd. From 09:00 nothing runs: a window of two minutes gives nulls, one
 * departure is no path. The documents are written out by hand. */
START_TEST (test_route_documents)
{
  char *dir = write_feed ("stop_id,stop_name,stop_lat,stop_lon\nA,A,0,0\nB,B,0,0.05\n"
                          "C,C,0,0.1\n",
                          "route_id,service_id,trip_id\nR1,WD,t1\nR2,WD,t2\nR1,WD,t3\n",
                          "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                          "t1,08:05:00,08:05:00,A,1\nt1,08:20:00,08:20:00,B,2\n"
                          "t2,08:30:00,08:30:00,B,1\nt2,08:45:30,08:45:30,C,2\n"
                          "t3,08:10:00,08:10:00,A,1\nt3,08:25:00,08:25:00,B,2\n", NULL, NULL);
  TnetFeed *feed = NULL;   /* the timetable borrows its names */
  g_autoptr (TnetTimetable) tt = load_tt (dir, 20240102, 0, &feed);
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);
  const double pcts[] = { 50, 100 };
  TnetTimetableRouteOptions o;
  tnet_timetable_route_options_init (&o);
  ck_assert_int_eq (o.depart_s, 8 * 3600);
  ck_assert_uint_eq (o.n_percentiles, 5);
  o.n_minutes = 3;
  o.percentiles = pcts;
  o.n_percentiles = 2;
  o.feed = "tiny";
  GError *error = NULL;
  g_autoptr (TnetTimetableRoute) r = tnet_timetable_route_compute (tt, ws, NULL, NULL, NULL, &o,
                                                                   "A", "C", &error);
  ck_assert_msg (r != NULL, "%s", error ? error->message : "");
  g_autofree char *json = tnet_timetable_route_to_json (r);
  ck_assert_str_eq (json,
    "{\n  \"from\" : \"A\",\n  \"to\" : \"C\",\n  \"profile\" : \"transit\",\n"
    "  \"model\" : \"timetable\",\n  \"feed\" : \"tiny\",\n  \"date\" : 20240102,\n"
    "  \"depart\" : \"08:00:00\",\n  \"window_min\" : 3,\n  \"total_min\" : 45.5,\n"
    "  \"legs\" : [\n"
    "    {\n      \"kind\" : \"ride\",\n      \"line\" : \"R1\",\n      \"trip\" : \"t1\",\n"
    "      \"from\" : \"A\",\n      \"to\" : \"B\",\n      \"start\" : \"08:05:00\",\n"
    "      \"end\" : \"08:20:00\",\n      \"wait_min\" : 5.0\n    },\n"
    "    {\n      \"kind\" : \"ride\",\n      \"line\" : \"R2\",\n      \"trip\" : \"t2\",\n"
    "      \"from\" : \"B\",\n      \"to\" : \"C\",\n      \"start\" : \"08:30:00\",\n"
    "      \"end\" : \"08:45:30\",\n      \"wait_min\" : 10.0\n    }\n  ],\n"
    "  \"percentiles\" : {\n    \"p50\" : 44.5,\n    \"p100\" : 45.5\n  },\n"
    "  \"minutes\" : [\n    45.5,\n    44.5,\n    43.5\n  ]\n}\n");
  g_autofree char *text = tnet_timetable_route_to_text (r);
  ck_assert_str_eq (text,
    "Route by transit (timetable tiny, 20240102) from A to C, departing 08:00\n"
    "  wait 5.0 min, board R1 A at 08:05:00, alight B at 08:20:00 (bus t1)\n"
    "  wait 10.0 min, board R2 B at 08:30:00, alight C at 08:45:30 (bus t2)\n"
    "Total: 45.5 min\n"
    "Window 08:00 + 3 min, travel time percentiles: p50 44.5 p100 45.5 min\n"
    "Per minute: 45.5 44.5 43.5\n");

  /* nothing runs after 09:00: the window's times are unreached */
  o.depart_s = 9 * 3600;
  o.n_minutes = 2;
  o.feed = NULL;
  g_autoptr (TnetTimetableRoute) none = tnet_timetable_route_compute (tt, ws, NULL, NULL, NULL,
                                                                      &o, "A", "C", &error);
  ck_assert_msg (none != NULL, "%s", error ? error->message : "");
  g_autofree char *nj = tnet_timetable_route_to_json (none);
  ck_assert_str_eq (nj,
    "{\n  \"from\" : \"A\",\n  \"to\" : \"C\",\n  \"profile\" : \"transit\",\n"
    "  \"model\" : \"timetable\",\n  \"feed\" : null,\n  \"date\" : 20240102,\n"
    "  \"depart\" : \"09:00:00\",\n  \"window_min\" : 2,\n  \"total_min\" : null,\n"
    "  \"legs\" : [],\n"
    "  \"percentiles\" : {\n    \"p50\" : null,\n    \"p100\" : null\n  },\n"
    "  \"minutes\" : [\n    null,\n    null\n  ]\n}\n");
  g_autofree char *nt = tnet_timetable_route_to_text (none);
  ck_assert_str_eq (nt,
    "Route by transit (timetable 20240102) from A to C, departing 09:00\n"
    "Window 09:00 + 2 min, travel time percentiles: p50 - p100 - min\n"
    "Per minute: - -\n");

  /* one departure that reaches nothing, and an unknown place: no path */
  o.n_minutes = 0;
  ck_assert_ptr_null (tnet_timetable_route_compute (tt, ws, NULL, NULL, NULL, &o, "A", "C",
                                                    &error));
  ck_assert (g_error_matches (error, TNET_ERROR, TNET_ERROR_NOT_FOUND));
  ck_assert_str_eq (error->message, "no path by transit from 'A' to 'C' departing 09:00 on "
                    "20240102");
  g_clear_error (&error);
  ck_assert_ptr_null (tnet_timetable_route_compute (tt, ws, NULL, NULL, NULL, &o, "A", "Z",
                                                    &error));
  ck_assert (g_error_matches (error, TNET_ERROR, TNET_ERROR_NOT_FOUND));
  ck_assert_ptr_nonnull (strstr (error->message, "unknown place 'Z'"));
  g_clear_error (&error);
  /* the route copied every name: it outlives the timetable and its feed */
  g_clear_pointer (&ws, tnet_raptor_free);
  g_clear_pointer (&tt, tnet_timetable_unref);
  tnet_feed_unref (feed);
  g_autofree char *again = tnet_timetable_route_to_text (r);
  ck_assert_str_eq (again, text);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* Timepoints at A (08:00:00) and C (08:10:10, 610 s later) only. B lies a
 * quarter of the way along (lon 0.0025 of 0.01 on the equator: the
 * distances are proportional to the longitude), so it is passed at
 * 08:00:00 + floor(0.25 x 610) = 08:02:32; by stop count it would be 305 s.
 * With shape_dist_traveled 0, 750, 1000 it is 0.75 x 610 = 457.5 -> 457 s. */
START_TEST (test_interpolation)
{
  char *dir = write_feed (LINE_STOPS, "route_id,service_id,trip_id\nR1,WD,t1\n",
                          "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                          "t1,08:00:00,08:00:00,A,1\nt1,,,B,2\nt1,08:10:10,08:10:10,C,3\n",
                          NULL, NULL);
  TnetFeed *feed = NULL;
  g_autoptr (TnetTimetable) tt = load_tt (dir, 20240102, 0, &feed);
  ck_assert_uint_eq (g_array_index (feed->stop_times, TnetStopTime, 1).arr_s, 8 * 3600 + 152);
  ck_assert_int_eq (travel (tt, "A", "B", 8 * 3600), 152);
  tnet_feed_unref (feed);
  tt_write_file (dir, "stop_times.txt",
                 "trip_id,arrival_time,departure_time,stop_id,stop_sequence,shape_dist_traveled\n"
                 "t1,08:00:00,08:00:00,A,1,0\nt1,,,B,2,750\nt1,08:10:10,08:10:10,C,3,1000\n");
  g_autoptr (TnetTimetable) t2 = load_tt (dir, 20240102, 0, NULL);
  ck_assert_int_eq (travel (t2, "A", "B", 8 * 3600), 457);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* Every 600 s from 07:00 to 08:00 (exact_times 0), A -> C takes 300 s.
 * Seed 0: departures 07:00, 07:10, ...; leaving at 07:03 one boards 07:10
 * and arrives 07:15: 720 s. With a seed, the phase p lies in [0, 600): from
 * 07:00 the travel time is p + 300, and from 07:00 + p + 1 it is 600 + 299. */
START_TEST (test_frequency)
{
  char *dir = write_feed (LINE_STOPS, "route_id,service_id,trip_id\nR1,WD,f\n",
                          "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                          "f,00:00:00,00:00:00,A,1\nf,00:05:00,00:05:00,C,2\n",
                          "frequencies.txt", "trip_id,start_time,end_time,headway_secs,exact_times\n"
                          "f,07:00:00,08:00:00,600,0\n");
  g_autoptr (TnetTimetable) tt = load_tt (dir, 20240102, 0, NULL);
  ck_assert_uint_eq (tnet_timetable_n_trips (tt), 6);
  ck_assert_int_eq (travel (tt, "A", "C", 7 * 3600 + 180), 720);
  g_autoptr (TnetTimetable) ts = load_tt (dir, 20240102, 12345, NULL);
  gint32 t0 = travel (ts, "A", "C", 7 * 3600);
  ck_assert_int_ge (t0, 300);
  ck_assert_int_lt (t0, 900);
  gint32 p = t0 - 300;
  ck_assert_int_eq (travel (ts, "A", "C", 7 * 3600 + p + 1), 899);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* calendar_dates: the weekday trip does not run on Wednesday 2024-01-03
 * (exception 2) but does on Saturday 2024-01-06 (exception 1). */
START_TEST (test_calendar_dates)
{
  char *dir = write_feed (LINE_STOPS, "route_id,service_id,trip_id\nR1,WD,t1\n",
                          "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                          "t1,08:00:00,08:00:00,A,1\nt1,08:10:00,08:10:00,C,2\n",
                          "calendar_dates.txt", "service_id,date,exception_type\n"
                          "WD,20240103,2\nWD,20240106,1\n");
  static const struct { guint date; gint32 want; } cases[] = {
    { 20240102, 600 }, { 20240103, UNREACHED }, { 20240106, 600 }, { 20240107, UNREACHED },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (TnetTimetable) tt = load_tt (dir, cases[i].date, 0, NULL);
      ck_assert_int_eq (travel (tt, "A", "C", 7 * 3600 + 55 * 60), cases[i].want == UNREACHED
                        ? UNREACHED : cases[i].want + 300);
    }
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* A weekday trip at 24:30 -> 24:40. On Tuesday 2024-01-02 at 00:20 one
 * catches Monday's run (00:30 -> 00:40): 20 min. On Monday 2024-01-01 the
 * day before is a Sunday, without the trip: at 00:20 the next run is
 * Monday's own at 24:30, 24 h 20 min later. */
START_TEST (test_overnight)
{
  char *dir = write_feed (LINE_STOPS, "route_id,service_id,trip_id\nR1,WD,t1\n",
                          "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                          "t1,24:30:00,24:30:00,A,1\nt1,24:40:00,24:40:00,C,2\n", NULL, NULL);
  g_autoptr (TnetTimetable) tue = load_tt (dir, 20240102, 0, NULL);
  ck_assert_int_eq (travel (tue, "A", "C", 20 * 60), 20 * 60);
  g_autoptr (TnetTimetable) mon = load_tt (dir, 20240101, 0, NULL);
  ck_assert_int_eq (travel (mon, "A", "C", 20 * 60), 24 * 3600 + 20 * 60);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* R1 A -> B arrives 08:10. From B, R3 leaves at 08:40 for D (08:45); from
 * C, 200 m from B (lon 0.0018 on the equator: 200.2 m, walked at 4.8 km/h
 * x 1.3 in 196 s, within the 400 m radius), R2 leaves at 08:15 for D
 * (08:25). Walking over beats waiting: D at 08:25, legs ride, transfer,
 * ride. */
START_TEST (test_walking_transfer)
{
  char *dir = write_feed ("stop_id,stop_name,stop_lat,stop_lon\nA,A,0,-0.02\nB,B,0,0\n"
                          "C,C,0,0.0018\nD,D,0,0.03\n",
                          "route_id,service_id,trip_id\nR1,WD,t1\nR2,WD,t2\nR3,WD,t3\n",
                          "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                          "t1,08:00:00,08:00:00,A,1\nt1,08:10:00,08:10:00,B,2\n"
                          "t2,08:15:00,08:15:00,C,1\nt2,08:25:00,08:25:00,D,2\n"
                          "t3,08:40:00,08:40:00,B,1\nt3,08:45:00,08:45:00,D,2\n", NULL, NULL);
  g_autoptr (TnetTimetable) tt = load_tt (dir, 20240102, 0, NULL);
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);
  TnetStopWalk acc = { tnet_timetable_find_stop (tt, "A"), 0 };
  tnet_raptor_run (ws, &acc, 1, 8 * 3600);
  TnetId d = tnet_timetable_find_stop (tt, "D");
  ck_assert_int_eq (tnet_raptor_arrival (ws, d), 8 * 3600 + 25 * 60);
  ck_assert_int_eq (tnet_raptor_arrival (ws, tnet_timetable_find_stop (tt, "C")),
                    8 * 3600 + 10 * 60 + 196);
  g_autoptr (GArray) legs = g_array_new (FALSE, FALSE, sizeof (TnetTransitLeg));
  ck_assert (tnet_raptor_journey (ws, d, legs));
  ck_assert_uint_eq (legs->len, 4);   /* access (0 s), ride, transfer, ride */
  ck_assert_int_eq (g_array_index (legs, TnetTransitLeg, 1).kind, TNET_TRANSIT_LEG_RIDE);
  ck_assert_int_eq (g_array_index (legs, TnetTransitLeg, 2).kind, TNET_TRANSIT_LEG_TRANSFER);
  ck_assert_int_eq (g_array_index (legs, TnetTransitLeg, 3).wait_s, 15 * 60 - (10 * 60 + 196));
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* The two footpath builders on one fixture: the timetable's footpaths
 * (seconds) and the transit graph's transfer arcs (milliseconds) link the
 * same stop pairs, with the same walk. Stops on the equator at lon 0,
 * 0.0018, 0.0030 and 0.01 (A, B, C, D): A-B 200.2 m, B-C 133.4 m, A-C
 * 333.6 m are within the 400 m radius, D is over 700 m from all; trips run
 * both ways inside the feed's 07:00-09:00 window, so every stop is boarded
 * and alighted. By hand: the pairs of
 * {A, B, C} (nine, changes at a stop included) and D-D, ten in all; a
 * change at a stop costs 0, a walk d x 1.3 / (4.8 / 3.6) s. */
START_TEST (test_footpaths_match_multimodal)
{
  char *dir = write_feed ("stop_id,stop_name,stop_lat,stop_lon\nA,A,0,0\nB,B,0,0.0018\n"
                          "C,C,0,0.0030\nD,D,0,0.01\n",
                          "route_id,service_id,trip_id\nR1,WD,t1\nR1,WD,t2\n",
                          "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                          "t1,08:00:00,08:00:00,A,1\nt1,08:05:00,08:05:00,B,2\n"
                          "t1,08:10:00,08:10:00,C,3\nt1,08:15:00,08:15:00,D,4\n"
                          "t2,08:20:00,08:20:00,D,1\nt2,08:25:00,08:25:00,C,2\n"
                          "t2,08:30:00,08:30:00,B,3\nt2,08:35:00,08:35:00,A,4\n", NULL, NULL);
  TnetFeed *feed = NULL;
  g_autoptr (TnetTimetable) tt = load_tt (dir, 20240102, 0, &feed);
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_new ();
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2024);
  /* the graph's default detour is 1.2, the timetable's 1.3: ask for the same */
  TnetTransitOptions o;
  tnet_transit_options_init (&o);
  o.walk_detour = 1.3;
  TnetMultimodal *mm = tnet_multimodal_build (net, scen, feed, TNET_PROFILE_TRANSIT, &o,
                                              &error);
  ck_assert_msg (mm != NULL, "%s", error ? error->message : "");
  static const char *const ids[] = { "A", "B", "C", "D" };
  static const double lon[] = { 0, 0.0018, 0.0030, 0.01 };
  /* by hand: which pairs, and the walk in ms (great circle on the equator) */
  gint64 want_ms[4][4], want_s[4][4];
  for (guint a = 0; a < 4; a++)
    for (guint b = 0; b < 4; b++)
      {
        double d = fabs (lon[a] - lon[b]) * G_PI / 180.0 * 6371008.8;
        double walk_s = d * 1.3 / (4.8 / 3.6);
        gboolean linked = a == b || d <= 400;
        want_ms[a][b] = !linked ? -1 : a == b ? 0 : (gint64) llround (walk_s * 1000);
        want_s[a][b] = !linked ? -1 : a == b ? 0 : (gint64) ceil (walk_s);
      }
  ck_assert_int_eq (want_ms[0][2] > 0 && want_ms[0][3] < 0 && want_ms[2][3] < 0, TRUE);
  ck_assert_uint_eq (tnet_timetable_n_footpaths (tt), 10);
  const TnetGraph *g = tnet_multimodal_get_graph (mm);
  const TnetMetric *m = tnet_multimodal_get_metric (mm);
  guint n_transfer = 0;
  for (TnetId arc = 0; arc < tnet_graph_n_arcs (g); arc++)
    n_transfer += tnet_multimodal_arc_kind (mm, arc) == TNET_ARC_TRANSFER;
  ck_assert_uint_eq (n_transfer, 10);
  for (guint a = 0; a < 4; a++)
    for (guint b = 0; b < 4; b++)
      {
        /* the timetable's footpath a -> b */
        TnetId ta = tnet_timetable_find_stop (tt, ids[a]);
        TnetId tb = tnet_timetable_find_stop (tt, ids[b]);
        gint64 tt_s = -1;
        for (guint i = tt->fp_first[ta]; i < tt->fp_first[ta + 1]; i++)
          if (tt->fp_to[i] == tb)
            tt_s = tt->fp_s[i];
        /* the graph's transfer arc: arrival node of a -> departure node of b */
        TnetId fa = tnet_feed_find_stop (feed, ids[a]), fb = tnet_feed_find_stop (feed, ids[b]);
        TnetId from = tnet_multimodal_stop_destination_node (mm, fa);
        TnetId to = tnet_multimodal_stop_origin_node (mm, fb);
        gint64 mm_ms = -1;
        for (TnetId arc = 0; arc < tnet_graph_n_arcs (g); arc++)
          if (tnet_multimodal_arc_kind (mm, arc) == TNET_ARC_TRANSFER
              && tnet_graph_arc_tail (g, arc) == from && tnet_graph_arc_head (g, arc) == to)
            mm_ms = (gint64) tnet_metric_weight (m, arc);
        ck_assert_msg (mm_ms == want_ms[a][b], "%s -> %s: graph %" G_GINT64_FORMAT " ms, "
                       "by hand %" G_GINT64_FORMAT, ids[a], ids[b], mm_ms, want_ms[a][b]);
        /* the timetable rounds the same walk up to whole seconds */
        ck_assert_msg (tt_s == want_s[a][b], "%s -> %s: timetable %" G_GINT64_FORMAT " s, "
                       "by hand %" G_GINT64_FORMAT, ids[a], ids[b], tt_s, want_s[a][b]);
      }
  tnet_multimodal_unref (mm);
  tnet_feed_unref (feed);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* A feed running only at midday: nothing departs 07:00-09:00, its span is
 * 12:00-15:00, and leaving at 07:00 one arrives after the 12:00 run. */
START_TEST (test_midday_feed)
{
  char *dir = write_feed (LINE_STOPS, "route_id,service_id,trip_id\nR1,WD,t1\nR1,WD,t2\n",
                          "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                          "t1,12:00:00,12:00:00,A,1\nt1,12:10:00,12:10:00,C,2\n"
                          "t2,15:00:00,15:00:00,A,1\nt2,15:10:00,15:10:00,C,2\n", NULL, NULL);
  g_autoptr (TnetTimetable) tt = load_tt (dir, 20240102, 0, NULL);
  ck_assert_uint_eq (tnet_timetable_count_departures (tt, 7 * 3600, 9 * 3600), 0);
  ck_assert_uint_eq (tnet_timetable_count_departures (tt, 11 * 3600, 16 * 3600), 2);
  gint32 a, b;
  tnet_timetable_get_span (tt, &a, &b);
  ck_assert_int_eq (a, 12 * 3600);
  ck_assert_int_eq (b, 15 * 3600);
  ck_assert_int_eq (travel (tt, "A", "C", 7 * 3600), 5 * 3600 + 600);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* Two feeds with the same stop ids: ids are qualified by label, a stop of
 * one feed walks to a stop of the other (B of feed a and A of feed b are 0 m
 * apart), and a journey rides both. Duplicate labels are an error. */
START_TEST (test_several_feeds)
{
  char *da = write_feed (LINE_STOPS, "route_id,service_id,trip_id\nR1,WD,t1\n",
                         "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                         "t1,08:00:00,08:00:00,A,1\nt1,08:05:00,08:05:00,B,2\n", NULL, NULL);
  char *db = write_feed ("stop_id,stop_name,stop_lat,stop_lon\nA,A,0,0.0025\nB,B,0,0.05\n",
                         "route_id,service_id,trip_id\nR1,WD,t1\n",
                         "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                         "t1,08:06:00,08:06:00,A,1\nt1,08:30:00,08:30:00,B,2\n", NULL, NULL);
  GError *error = NULL;
  TnetFeedOptions fo;
  tnet_feed_options_init (&fo);
  fo.service_date = 20240102;
  g_autoptr (TnetFeed) fa = tnet_feed_load (da, &fo, &error);
  g_autoptr (TnetFeed) fb = tnet_feed_load (db, &fo, &error);
  ck_assert (fa && fb);
  const TnetFeed *feeds[] = { fa, fb };
  const char *const labels[] = { "a", "b" };
  TnetTimetableOptions to;
  tnet_timetable_options_init (&to);
  to.feed_labels = labels;
  g_autoptr (TnetTimetable) tt = tnet_timetable_build (feeds, 2, &to, &error);
  ck_assert_msg (tt != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (tnet_timetable_n_stops (tt), 5);
  ck_assert_uint_ne (tnet_timetable_find_stop (tt, "a:A"), tnet_timetable_find_stop (tt, "b:A"));
  ck_assert_int_eq (travel (tt, "a:A", "b:B", 8 * 3600), 30 * 60);
  const char *const same[] = { "x", "x" };
  to.feed_labels = same;
  ck_assert_ptr_null (tnet_timetable_build (feeds, 2, &to, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "labelled");
  tt_rm_rf (da);
  tt_rm_rf (db);
  g_free (da);
  g_free (db);
}
END_TEST

/* The walk budget of a timetable route, on the kernel's clock: to the
 * nearest second. Stops A and B 0.0025 deg apart on the equator, one trip
 * A 08:30 -> B 08:35; from A at 08:00 walking all the way (the test's own
 * haversine and walk rule) beats the ride. A budget that rounds to the
 * walk's seconds walks all the way; one that rounds to a second less
 * rides. */
START_TEST (test_route_walk_budget)
{
  char *dir = write_feed ("stop_id,stop_name,stop_lat,stop_lon\nA,A,0,0\nB,B,0,0.0025\n",
                          "route_id,service_id,trip_id\nR1,WD,t1\n",
                          "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                          "t1,08:30:00,08:30:00,A,1\nt1,08:35:00,08:35:00,B,2\n", NULL, NULL);
  g_autoptr (TnetFeed) feed = NULL; /* the timetable borrows its names */
  g_autoptr (TnetTimetable) tt = load_tt (dir, 20240102, 0, &feed);
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);
  TnetTimetableOptions to;
  tnet_timetable_options_init (&to);
  guint32 walk = m_walk (&to, m_dist (0, 0, 0.0025, 0));
  ck_assert_uint_lt (walk, 30 * 60);
  TnetTimetableRouteOptions o;
  tnet_timetable_route_options_init (&o);
  GError *error = NULL;
  /* walk - 0.5 s and walk + 0.499 s round to walk: all the way on foot */
  g_autofree char *want = g_strdup_printf ("  walk A -> B, %.1f min\n", walk / 60.0);
  const TnetWeight foot_ms[] = { (TnetWeight) walk * 1000 - 500, (TnetWeight) walk * 1000 + 499 };
  for (guint i = 0; i < G_N_ELEMENTS (foot_ms); i++)
    {
      o.max_walk_ms = foot_ms[i];
      g_autoptr (TnetTimetableRoute) on_foot
        = tnet_timetable_route_compute (tt, ws, NULL, NULL, NULL, &o, "A", "B", &error);
      ck_assert_msg (on_foot != NULL, "%s", error ? error->message : "");
      g_autofree char *t1 = tnet_timetable_route_to_text (on_foot);
      ck_assert_msg (strstr (t1, want) != NULL, "budget %u ms: %s", foot_ms[i], t1);
      ck_assert_msg (strstr (t1, "board") == NULL, "%s", t1);
    }
  /* walk - 0.501 s rounds to a second less: the ride */
  o.max_walk_ms = (TnetWeight) walk * 1000 - 501;
  g_autoptr (TnetTimetableRoute) ride
    = tnet_timetable_route_compute (tt, ws, NULL, NULL, NULL, &o, "A", "B", &error);
  ck_assert_msg (ride != NULL, "%s", error ? error->message : "");
  g_autofree char *t2 = tnet_timetable_route_to_text (ride);
  ck_assert_msg (strstr (t2, "board R1 A at 08:30:00, alight B at 08:35:00") != NULL, "%s", t2);
  ck_assert_msg (strstr (t2, "Total: 35.0 min\n") != NULL, "%s", t2);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* A const pointer keeps a timetable alive: the reference taken through it
 * outlives the builder's, and a workspace and a matrix work from it. One
 * trip A 08:06 -> B 08:30 (stops 5.3 km apart, no walk between them within
 * 15 min): from A at 08:00 the arrival at B is 08:30, by hand; leaving
 * near A (its exact position) for B, also 30 min. */
START_TEST (test_const_reference)
{
  char *dir = write_feed ("stop_id,stop_name,stop_lat,stop_lon\nA,A,0,0.0025\nB,B,0,0.05\n",
                          "route_id,service_id,trip_id\nR1,WD,t1\n",
                          "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                          "t1,08:06:00,08:06:00,A,1\nt1,08:30:00,08:30:00,B,2\n", NULL, NULL);
  GError *error = NULL;
  TnetFeedOptions fo;
  tnet_feed_options_init (&fo);
  fo.service_date = 20240102;
  g_autoptr (TnetFeed) feed = tnet_feed_load (dir, &fo, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  const TnetFeed *feeds[] = { feed };
  TnetTimetableOptions to;
  tnet_timetable_options_init (&to);
  g_autoptr (TnetTimetable) built = tnet_timetable_build (feeds, 1, &to, &error);
  ck_assert_msg (built != NULL, "%s", error ? error->message : "");
  const TnetTimetable *tt = tnet_timetable_ref (built);
  ck_assert_ptr_eq (tt, built);
  g_clear_pointer (&built, tnet_timetable_unref);
  /* only the const reference is left */
  ck_assert_uint_eq (tnet_timetable_n_stops (tt), 2);
  ck_assert_int_eq (travel (tt, "A", "B", 8 * 3600), 30 * 60);
  TnetRaptor *ws = tnet_raptor_new (tt);
  ck_assert_ptr_eq (tnet_raptor_get_timetable (ws), tt);
  /* the workspace's reference outlives this one */
  tnet_timetable_unref (tt);
  const TnetTimetable *seen = tnet_raptor_get_timetable (ws);
  TnetStopWalk acc = { tnet_timetable_find_stop (seen, "A"), 0 };
  gint32 out[2];
  ck_assert (tnet_raptor_run_range (ws, &acc, 1, 8 * 3600, 1, NULL, 0, 2, out, NULL, NULL));
  ck_assert_int_eq (out[tnet_timetable_find_stop (seen, "B")], 30 * 60);
  const double a[] = { 0.0025, 0 }, b[] = { 0.05, 0 }, p50 = 50;
  gint32 cell = 0;
  ck_assert (tnet_timetable_matrix (seen, a, 1, b, 1, 900000, 8 * 3600, 1, &p50, 1, &cell, NULL,
                                    NULL));
  ck_assert_int_eq (cell, 30 * 60);
  tnet_raptor_free (ws);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* ------------------------------------------------------- street walks */

static void
add_node (TnetNetwork *net, const char *id, TnetNodeKind kind, double lon, double lat)
{
  GError *error = NULL;
  TnetNode n = { .id = id, .kind = kind, .lon = lon, .lat = lat };
  ck_assert_msg (tnet_network_add_node (net, &n, &error) != TNET_ID_NONE, "%s",
                 error ? error->message : "");
}

static void
add_link (TnetNetwork *net, const char *id, const char *a, const char *b, TnetMode mode,
          const char *road_class, double length_m)
{
  GError *error = NULL;
  TnetLink l = { .id = id, .from = tnet_network_find_node (net, a),
                 .to = tnet_network_find_node (net, b), .mode = mode,
                 .road_class = road_class, .status = TNET_STATUS_EXISTING,
                 .length_m = length_m, .speed_kmh = NAN, .time_ms = TNET_WEIGHT_INF, .oneway = TRUE };
  ck_assert_msg (tnet_network_add_link (net, &l, &error) != TNET_ID_NONE, "%s",
                 error ? error->message : "");
}

static void
add_timed_link (TnetNetwork *net, const char *id, const char *a, const char *b,
                double length_m, double time_min, TnetStatus status, int open_year)
{
  GError *error = NULL;
  TnetLink l = { .id = id, .from = tnet_network_find_node (net, a),
                 .to = tnet_network_find_node (net, b), .mode = TNET_MODE_ACCESS,
                 .status = status, .length_m = length_m, .speed_kmh = NAN,
                 .time_ms = tnet_weight_from_min (time_min), .open_year = open_year };
  ck_assert_msg (tnet_network_add_link (net, &l, &error) != TNET_ID_NONE, "%s",
                 error ? error->message : "");
}

/* The straight-line walk of @d metres by hand: x 1.3 at 4.8 km/h, rounded
 * up to whole seconds. */
static guint32
hand_walk_s (double d)
{
  return (guint32) ceil (d * 1.3 / (4.8 / 3.6) - 1e-9);
}

/* The budgets of the walk calls are ms, rounded to the nearest second
 * where they enter (test_timed_access()'s timetable, by hand):
 * - street: Z walks to A by a 10-min timed access link, 600 s exactly: a
 *   budget of 600 000 ms reaches it, 599 000 ms (a second short) does
 *   not; 599 500 ms is 600 s and reaches it, 599 499 ms is 599 s and not;
 * - straight line from A's position: B is 0.0005 deg of longitude away on
 *   the equator, 6371008.8 x 0.0005 x pi / 180 = 55.597 m, a walk of
 *   ceil (55.597 x 1.3 / (4.8 / 3.6)) = ceil (54.21) = 55 s: reached
 *   within 55 000 ms and 54 500 ms (55 s), not within 54 499 ms (54 s)
 *   nor 54 000 ms;
 * - TNET_WEIGHT_INF is no limit: every stop with a position by straight
 *   line (X at 0.1 deg north, Y 0.15 deg east: far beyond any finite
 *   budget of these tests), each at its walk by hand, and from Z over the
 *   street both A (600 s) and B (1200 s, through R);
 * - a change time of TNET_WEIGHT_INF is refused. */
static void
budgets_in_ms (TnetTimetable *tt, TnetRaptor *ws)
{
  TnetId sa = tnet_timetable_find_stop (tt, "A"), sb = tnet_timetable_find_stop (tt, "B");
  g_autoptr (GArray) w = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  const struct { TnetWeight ms; guint n; } street[] = {
    { 600000, 1 }, { 599999, 1 }, { 599500, 1 }, { 599499, 0 }, { 599000, 0 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (street); i++)
    {
      g_array_set_size (w, 0);
      ck_assert (tnet_raptor_walks_from_node (ws, 0, street[i].ms, TNET_ID_NONE, NULL, w));
      ck_assert_msg (w->len == street[i].n, "%u ms: %u stops", street[i].ms, w->len);
      if (w->len)
        ck_assert_uint_eq (g_array_index (w, TnetStopWalk, 0).walk_s, 600);
    }
  const struct { TnetWeight ms; gboolean b; } line[] = {
    { 55000, TRUE }, { 54500, TRUE }, { 54499, FALSE }, { 54000, FALSE },
  };
  for (guint i = 0; i < G_N_ELEMENTS (line); i++)
    {
      g_array_set_size (w, 0);
      tnet_timetable_walks_near (tt, 0.05, 0, line[i].ms, w);
      gboolean has_b = FALSE;
      for (guint k = 0; k < w->len; k++)
        if (g_array_index (w, TnetStopWalk, k).stop == sb)
          {
            has_b = TRUE;
            ck_assert_uint_eq (g_array_index (w, TnetStopWalk, k).walk_s, 55);
          }
      ck_assert_msg (has_b == line[i].b, "%u ms: B %s", line[i].ms, has_b ? "in" : "out");
    }
  /* no limit */
  const char *ids[] = { "A", "B", "X", "Y" };
  const double d_m[] = { 0, 55.597, 6371008.8 * sqrt (0.05 * 0.05 + 0.1 * 0.1) * G_PI / 180,
                         6371008.8 * 0.15 * G_PI / 180 };
  g_array_set_size (w, 0);
  tnet_timetable_walks_near (tt, 0.05, 0, TNET_WEIGHT_INF, w);
  ck_assert_uint_eq (w->len, G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      TnetId s = tnet_timetable_find_stop (tt, ids[i]);
      gboolean found = FALSE;
      for (guint k = 0; k < w->len; k++)
        if (g_array_index (w, TnetStopWalk, k).stop == s)
          {
            found = TRUE;
            /* the far ones within a second of the flat-earth distance */
            gint64 diff = (gint64) g_array_index (w, TnetStopWalk, k).walk_s
                          - (gint64) hand_walk_s (d_m[i]);
            ck_assert_msg (diff >= -2 && diff <= 2, "%s: %u s, by hand %u s", ids[i],
                           g_array_index (w, TnetStopWalk, k).walk_s, hand_walk_s (d_m[i]));
          }
      ck_assert_msg (found, "%s not walked to with no limit", ids[i]);
    }
  g_array_set_size (w, 0);
  ck_assert (tnet_raptor_walks_from_node (ws, 0, TNET_WEIGHT_INF, TNET_ID_NONE, NULL, w));
  ck_assert_uint_eq (w->len, 2);
  ck_assert_uint_eq (g_array_index (w, TnetStopWalk, 0).stop, sa);
  ck_assert_uint_eq (g_array_index (w, TnetStopWalk, 1).stop, sb);
  ck_assert_uint_eq (g_array_index (w, TnetStopWalk, 1).walk_s, 1200);
}

/* A hand-made network of the bundled kind: zone Z hangs on stop A by an
 * access link of 5,560 m timed at 10 min (the data's access time, a walk of
 * 4,170 s at 4.8 km/h), A and B (55.6 m apart) on a road place R by 5-min
 * access links, and on B a 3-min access link from Z that opens in 2030.
 * By hand: from Z the timetable reaches A at 600 s and B through R at
 * 1200 s (not 20 + 20 min of walking); A and B, off any street, change by
 * the straight line, ceil (55.6 x 1.3 / (4.8 / 3.6)) = 55 s, not by the
 * 10 min through R. Trip t2 leaves B at 08:11 for Y (08:20), t1 A at 08:12
 * (08:30); t0 brings one from X to A at 08:10. The link of 2030 is walked
 * only with a scenario of 2030 (B at 180 s). */
START_TEST (test_timed_access)
{
  char *dir = write_feed ("stop_id,stop_name,stop_lat,stop_lon\nA,A,0,0.05\nB,B,0,0.0505\n"
                          "Y,Y,0,0.2\nX,X,0.1,0\n",
                          "route_id,service_id,trip_id\nR1,WD,t1\nR2,WD,t2\nR3,WD,t0\n",
                          "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                          "t1,08:12:00,08:12:00,A,1\nt1,08:30:00,08:30:00,Y,2\n"
                          "t2,08:11:00,08:11:00,B,1\nt2,08:20:00,08:20:00,Y,2\n"
                          "t0,08:00:00,08:00:00,X,1\nt0,08:10:00,08:10:00,A,2\n", NULL, NULL);
  TnetNetwork *net = tnet_network_new ();
  add_node (net, "Z", TNET_NODE_ZONE, 0, 0);
  add_node (net, "A", TNET_NODE_STATION, 0.05, 0);
  add_node (net, "B", TNET_NODE_STOP, 0.0505, 0);
  add_node (net, "R", TNET_NODE_PLACE, 0.0502, 0.001);
  add_timed_link (net, "za", "Z", "A", 5560, 10, TNET_STATUS_EXISTING, 0);
  add_timed_link (net, "ar", "A", "R", 120, 5, TNET_STATUS_EXISTING, 0);
  add_timed_link (net, "rb", "R", "B", 120, 5, TNET_STATUS_EXISTING, 0);
  add_timed_link (net, "zb", "Z", "B", 5610, 3, TNET_STATUS_PLANNED, 2030);
  ck_assert (tnet_timetable_network_has_walks (net));
  GError *error = NULL;
  TnetFeedOptions fo;
  tnet_feed_options_init (&fo);
  fo.service_date = 20240102;
  g_autoptr (TnetFeed) feed = tnet_feed_load (dir, &fo, &error);
  ck_assert (feed != NULL);
  const TnetFeed *feeds[] = { feed };
  TnetTimetableOptions to;
  tnet_timetable_options_init (&to);
  to.walk_network = net;
  g_autoptr (TnetTimetable) tt = tnet_timetable_build (feeds, 1, &to, &error);
  ck_assert_msg (tt != NULL, "%s", error ? error->message : "");
  TnetId sa = tnet_timetable_find_stop (tt, "A"), sb = tnet_timetable_find_stop (tt, "B");
  TnetId sy = tnet_timetable_find_stop (tt, "Y");
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);
  g_autoptr (GArray) w = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  ck_assert (tnet_raptor_walks_from_node (ws, 0, 900000, TNET_ID_NONE, NULL, w));
  ck_assert_uint_eq (w->len, 1);
  ck_assert_uint_eq (g_array_index (w, TnetStopWalk, 0).stop, sa);
  ck_assert_uint_eq (g_array_index (w, TnetStopWalk, 0).walk_s, 600);
  g_array_set_size (w, 0);
  ck_assert (tnet_raptor_walks_from_node (ws, 0, 599000, TNET_ID_NONE, NULL, w));
  ck_assert_uint_eq (w->len, 0);
  g_array_set_size (w, 0);
  ck_assert (tnet_raptor_walks_from_node (ws, 0, 1200000, TNET_ID_NONE, NULL, w));
  ck_assert_uint_eq (w->len, 2);
  ck_assert_uint_eq (g_array_index (w, TnetStopWalk, 1).stop, sb);
  ck_assert_uint_eq (g_array_index (w, TnetStopWalk, 1).walk_s, 1200);
  /* from Z the access walk reaches A at 08:10 and B at 08:20: t1, Y at
   * 08:30 (a footpath follows a ride, not an access walk) */
  g_array_set_size (w, 0);
  tnet_raptor_walks_from_node (ws, 0, 3600000, TNET_ID_NONE, NULL, w);
  tnet_raptor_run (ws, (const TnetStopWalk *) (void *) w->data, w->len, 8 * 3600);
  ck_assert_int_eq (tnet_raptor_arrival (ws, sy), 8 * 3600 + 30 * 60);
  /* riding t0 from X to A (08:10), the change A -> B by the straight line
   * catches t2: Y at 08:20 */
  ck_assert_int_eq (travel (tt, "X", "Y", 8 * 3600), 20 * 60);
  TnetStopWalk acc = { tnet_timetable_find_stop (tt, "X"), 0 };
  tnet_raptor_run (ws, &acc, 1, 8 * 3600);
  g_autoptr (GArray) legs = g_array_new (FALSE, FALSE, sizeof (TnetTransitLeg));
  ck_assert (tnet_raptor_journey (ws, sy, legs));
  ck_assert_uint_eq (legs->len, 4);   /* access, ride, transfer, ride */
  const TnetTransitLeg *x = &g_array_index (legs, TnetTransitLeg, 2);
  ck_assert_int_eq (x->kind, TNET_TRANSIT_LEG_TRANSFER);
  ck_assert_uint_eq (x->from_stop, sa);
  ck_assert_uint_eq (x->to_stop, sb);
  ck_assert_int_eq (x->end_s - x->start_s, 55);
  budgets_in_ms (tt, ws);
  TnetTimetableOptions bad = to;
  bad.min_change_ms = TNET_WEIGHT_INF;
  ck_assert (tnet_timetable_build (feeds, 1, &bad, &error) == NULL);
  ck_assert (g_error_matches (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT));
  g_clear_error (&error);

  /* the link of 2030 in a scenario of 2030, and not in 2025 */
  for (int year = 2025; year <= 2030; year += 5)
    {
      g_autoptr (TnetScenario) scen = tnet_scenario_new (year);
      to.walk_scenario = scen;
      g_autoptr (TnetTimetable) ty = tnet_timetable_build (feeds, 1, &to, &error);
      ck_assert (ty != NULL);
      g_autoptr (TnetRaptor) wy = tnet_raptor_new (ty);
      g_array_set_size (w, 0);
      ck_assert (tnet_raptor_walks_from_node (wy, 0, 900000, TNET_ID_NONE, NULL, w));
      ck_assert_uint_eq (w->len, year == 2030 ? 2 : 1);
      ck_assert_uint_eq (g_array_index (w, TnetStopWalk, 0).stop, year == 2030 ? sb : sa);
      ck_assert_uint_eq (g_array_index (w, TnetStopWalk, 0).walk_s, year == 2030 ? 180 : 600);
    }
  /* a network with nothing to walk to the stops on */
  TnetNetwork *bare = tnet_network_new ();
  add_node (bare, "Z", TNET_NODE_ZONE, 0, 0);
  add_node (bare, "P", TNET_NODE_PLACE, 0.01, 0);
  add_timed_link (bare, "zp", "Z", "P", 1000, 2, TNET_STATUS_EXISTING, 0);
  ck_assert (!tnet_timetable_network_has_walks (bare));
  tnet_network_free (bare);
  tnet_network_free (net);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* Stops A and B lie 333.6 m apart (0.003 degrees of longitude on the
 * equator): by straight line x 1.3 at 4.8 km/h the change takes
 * ceil (333.6 x 1.3 / (4.8 / 3.6)) = 326 s. On the street they hang by
 * 10 m walk links on nodes a and b, joined by a motorway (334 m, not
 * walkable) and by two 240 m footways through j: 10 + 240 + 240 + 10 =
 * 500 m, 375 s. Trip t1 brings one from X to A at 08:00:00; from B trips
 * leave for Y at 08:06:00 (caught by the straight-line change) and
 * 08:10:00 (the one the street walk catches), both 600 s to Y. */
START_TEST (test_street_transfer)
{
  char *dir = write_feed ("stop_id,stop_name,stop_lat,stop_lon\nX,X,0,-0.05\nA,A,0,0\n"
                          "B,B,0,0.003\nY,Y,0,0.05\n",
                          "route_id,service_id,trip_id\nR1,WD,t1\nR2,WD,t2\nR2,WD,t3\n",
                          "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                          "t1,07:50:00,07:50:00,X,1\nt1,08:00:00,08:00:00,A,2\n"
                          "t2,08:06:00,08:06:00,B,1\nt2,08:16:00,08:16:00,Y,2\n"
                          "t3,08:10:00,08:10:00,B,1\nt3,08:20:00,08:20:00,Y,2\n",
                          NULL, NULL);
  g_autoptr (TnetTimetable) line = load_tt (dir, 20240102, 0, NULL);
  ck_assert_int_eq (travel (line, "X", "Y", 7 * 3600 + 50 * 60), 26 * 60);

  TnetNetwork *net = tnet_network_new ();
  add_node (net, "feed:A", TNET_NODE_STOP, 0, 0);
  add_node (net, "feed:B", TNET_NODE_STOP, 0.003, 0);
  add_node (net, "a", TNET_NODE_JUNCTION, 0, 0.0001);
  add_node (net, "b", TNET_NODE_JUNCTION, 0.003, 0.0001);
  add_node (net, "j", TNET_NODE_JUNCTION, 0.0015, 0.002);
  add_link (net, "wa", "feed:A", "a", TNET_MODE_WALK, NULL, 10);
  add_link (net, "wb", "b", "feed:B", TNET_MODE_WALK, NULL, 10);
  add_link (net, "m", "a", "b", TNET_MODE_EXPRESSWAY, "motorway", 334);
  add_link (net, "f1", "a", "j", TNET_MODE_WALK, "footway", 240);
  add_link (net, "f2", "b", "j", TNET_MODE_WALK, "footway", 240);
  GError *error = NULL;
  TnetFeedOptions fo;
  tnet_feed_options_init (&fo);
  fo.service_date = 20240102;
  g_autoptr (TnetFeed) feed = tnet_feed_load (dir, &fo, &error);
  ck_assert (feed != NULL);
  TnetTimetableOptions to;
  tnet_timetable_options_init (&to);
  to.walk_network = net;
  const TnetFeed *feeds[] = { feed };
  g_autoptr (TnetTimetable) tt = tnet_timetable_build (feeds, 1, &to, &error);
  ck_assert_msg (tt != NULL, "%s", error ? error->message : "");
  tnet_network_free (net);   /* the timetable keeps what it needs */
  ck_assert (tnet_timetable_has_street_walks (tt));
  ck_assert_uint_eq (tnet_timetable_stop_node (tt, tnet_timetable_find_stop (tt, "A")), 0);
  ck_assert_uint_eq (tnet_timetable_stop_node (tt, tnet_timetable_find_stop (tt, "X")),
                     TNET_ID_NONE);
  ck_assert_int_eq (travel (tt, "X", "Y", 7 * 3600 + 50 * 60), 30 * 60);

  /* access from junction j: B and A both at 250 m = 187.5 s -> 188 s */
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);
  g_autoptr (GArray) w = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  guint32 to_b = 0;
  ck_assert (tnet_raptor_walks_from_node (ws, 4, 600000, 3, &to_b, w));
  ck_assert_uint_eq (w->len, 2);
  ck_assert_uint_eq (g_array_index (w, TnetStopWalk, 0).walk_s, 188);
  ck_assert_uint_eq (g_array_index (w, TnetStopWalk, 1).walk_s, 188);
  ck_assert_uint_eq (to_b, 180);   /* 240 m */
  g_array_set_size (w, 0);
  ck_assert (tnet_raptor_walks_from_node (ws, 4, 187000, 3, &to_b, w));
  ck_assert_uint_eq (w->len, 0);
  g_array_set_size (w, 0);
  ck_assert (!tnet_raptor_walks_from_node (ws, 99, 600000, TNET_ID_NONE, NULL, w));

  /* a place at j: A and B over the street (188 s, not the 279 m straight
   * line), X and Y, off the street, by straight line as
   * tnet_timetable_walks_near() gives them; each stop once */
  TnetId sa = tnet_timetable_find_stop (tt, "A"), sb = tnet_timetable_find_stop (tt, "B");
  TnetId sx = tnet_timetable_find_stop (tt, "X"), sy = tnet_timetable_find_stop (tt, "Y");
  g_autoptr (GArray) line_w = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  tnet_timetable_walks_near (tt, 0.0015, 0.002, 6000000, line_w);
  ck_assert_uint_eq (line_w->len, 4);
  guint32 by_line[4] = { 0 };
  for (guint i = 0; i < line_w->len; i++)
    by_line[g_array_index (line_w, TnetStopWalk, i).stop] = g_array_index (line_w, TnetStopWalk,
                                                                           i).walk_s;
  ck_assert_uint_gt (by_line[sa], 188);
  g_array_set_size (w, 0);
  ck_assert (tnet_raptor_walks_from_place (ws, 4, 0.0015, 0.002, 6000000, w));
  ck_assert_uint_eq (w->len, 4);
  guint seen = 0;
  for (guint i = 0; i < w->len; i++)
    {
      const TnetStopWalk *sw = &g_array_index (w, TnetStopWalk, i);
      seen |= 1u << sw->stop;
      ck_assert_uint_eq (sw->walk_s, sw->stop == sa || sw->stop == sb ? 188 : by_line[sw->stop]);
    }
  ck_assert_uint_eq (seen, (1u << sa) | (1u << sb) | (1u << sx) | (1u << sy));
  ck_assert_uint_eq (tnet_raptor_walk_to_node (ws, 3), 180);   /* the search stays */
  /* within 600 s: the street stops only (X and Y are over 5 km away) */
  g_array_set_size (w, 0);
  ck_assert (tnet_raptor_walks_from_place (ws, 4, 0.0015, 0.002, 600000, w));
  ck_assert_uint_eq (w->len, 2);
  /* no node, or one off the walk network: every stop by straight line */
  g_array_set_size (w, 0);
  ck_assert (!tnet_raptor_walks_from_place (ws, TNET_ID_NONE, 0.0015, 0.002, 6000000, w));
  ck_assert_uint_eq (w->len, 4);
  for (guint i = 0; i < w->len; i++)
    ck_assert_uint_eq (g_array_index (w, TnetStopWalk, i).walk_s,
                       by_line[g_array_index (w, TnetStopWalk, i).stop]);
  g_array_set_size (w, 0);
  ck_assert (!tnet_raptor_walks_from_place (ws, 99, 0.0015, 0.002, 6000000, w));
  ck_assert_uint_eq (w->len, 4);
  /* no position: the street walks only */
  g_array_set_size (w, 0);
  ck_assert (tnet_raptor_walks_from_place (ws, 4, NAN, NAN, 6000000, w));
  ck_assert_uint_eq (w->len, 2);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* The walk rule, written from the documentation of
 * TnetTimetableOptions.walk_network, as a Bellman-Ford over the link list. */
static gboolean
oracle_walkable (const TnetLink *l)
{
  if (l->status != TNET_STATUS_EXISTING)
    return FALSE;
  if (l->mode == TNET_MODE_ROAD || l->mode == TNET_MODE_WALK || l->mode == TNET_MODE_ACCESS)
    return TRUE;
  return l->mode == TNET_MODE_TRUNK && l->road_class
         && (g_str_equal (l->road_class, "primary") || g_str_equal (l->road_class, "primary_link"));
}

static void
oracle_walks (const TnetNetwork *net, guint src, double speed_kmh, gint64 *dist)
{
  guint n = tnet_network_n_nodes (net);
  for (guint v = 0; v < n; v++)
    dist[v] = G_MAXINT64;
  dist[src] = 0;
  for (gboolean changed = TRUE; changed;)
    {
      changed = FALSE;
      for (guint i = 0; i < tnet_network_n_links (net); i++)
        {
          const TnetLink *l = tnet_network_link (net, i);
          if (!oracle_walkable (l))
            continue;
          gint64 c = l->mode == TNET_MODE_ACCESS && l->time_ms != TNET_WEIGHT_INF
                     ? (gint64) l->time_ms
                     : (gint64) llround (l->length_m * 3600.0 / speed_kmh);
          for (int dir = 0; dir < 2; dir++)
            {
              guint u = dir ? l->to : l->from, v = dir ? l->from : l->to;
              if (dist[u] == G_MAXINT64
                  || (u != src && tnet_network_node (net, u)->kind == TNET_NODE_ZONE))
                continue;
              if (dist[u] + c < dist[v])
                {
                  dist[v] = dist[u] + c;
                  changed = TRUE;
                }
            }
        }
    }
}

/* Seeded random street networks over the stops of a random feed: the walk
 * from a node to every stop equals the oracle's, within every budget. */
/* The street network of test_street_transfer with footways of @footway_m. */
static TnetNetwork *
two_stop_streets (double footway_m)
{
  TnetNetwork *net = tnet_network_new ();
  add_node (net, "feed:A", TNET_NODE_STOP, 0, 0);
  add_node (net, "feed:B", TNET_NODE_STOP, 0.003, 0);
  add_node (net, "a", TNET_NODE_JUNCTION, 0, 0.0001);
  add_node (net, "b", TNET_NODE_JUNCTION, 0.003, 0.0001);
  add_node (net, "j", TNET_NODE_JUNCTION, 0.0015, 0.002);
  add_link (net, "wa", "feed:A", "a", TNET_MODE_WALK, NULL, 10);
  add_link (net, "wb", "b", "feed:B", TNET_MODE_WALK, NULL, 10);
  add_link (net, "m", "a", "b", TNET_MODE_EXPRESSWAY, "motorway", 334);
  add_link (net, "f1", "a", "j", TNET_MODE_WALK, "footway", footway_m);
  add_link (net, "f2", "b", "j", TNET_MODE_WALK, "footway", footway_m);
  return net;
}

/* A rewalk (the uncertainty draws) moves the walks the kernels read
 * through the timetable's view (timetable-internal.h), also for a
 * workspace made before it: the oracle is a timetable built afresh on the
 * new streets. */
START_TEST (test_rewalk_view)
{
  char *dir = write_feed ("stop_id,stop_name,stop_lat,stop_lon\nX,X,0,-0.05\nA,A,0,0\n"
                          "B,B,0,0.003\nY,Y,0,0.05\n",
                          "route_id,service_id,trip_id\nR1,WD,t1\nR2,WD,t2\nR2,WD,t3\n",
                          "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                          "t1,07:50:00,07:50:00,X,1\nt1,08:00:00,08:00:00,A,2\n"
                          "t2,08:06:00,08:06:00,B,1\nt2,08:16:00,08:16:00,Y,2\n"
                          "t3,08:10:00,08:10:00,B,1\nt3,08:20:00,08:20:00,Y,2\n",
                          NULL, NULL);
  GError *error = NULL;
  TnetFeedOptions fo;
  tnet_feed_options_init (&fo);
  fo.service_date = 20240102;
  g_autoptr (TnetFeed) feed = tnet_feed_load (dir, &fo, &error);
  ck_assert (feed != NULL);
  const TnetFeed *feeds[] = { feed };
  TnetNetwork *short_net = two_stop_streets (240), *long_net = two_stop_streets (400);
  TnetTimetableOptions to_near, to_far;
  tnet_timetable_options_init (&to_near);
  to_near.walk_network = short_net;
  to_far = to_near;
  to_far.walk_network = long_net;
  g_autoptr (TnetTimetable) tt = tnet_timetable_build (feeds, 1, &to_near, &error);
  g_autoptr (TnetTimetable) fresh = tnet_timetable_build (feeds, 1, &to_far, &error);
  ck_assert (tt != NULL && fresh != NULL);
  ck_assert_int_eq (travel (tt, "X", "Y", 7 * 3600 + 50 * 60), 30 * 60);
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);

  tnet_i_timetable_rewalk (tt, feeds, 1, &to_far);
  tnet_network_free (short_net);
  tnet_network_free (long_net);
  const TnetITimetable *v = tnet_i_timetable_view (tt), *f = tnet_i_timetable_view (fresh);
  ck_assert_uint_eq (v->n_stops, tnet_timetable_n_stops (tt));
  ck_assert_uint_eq (v->fp_first[v->n_stops], tnet_timetable_n_footpaths (fresh));
  for (guint i = 0; i < f->fp_first[f->n_stops]; i++)
    {
      ck_assert_uint_eq (v->fp_to[i], f->fp_to[i]);
      ck_assert_uint_eq (v->fp_s[i], f->fp_s[i]);
    }
  for (TnetId s = 0; s < v->n_stops; s++)
    ck_assert_uint_eq (v->stop_node[s], tnet_timetable_stop_node (fresh, s));
  ck_assert_int_eq (travel (tt, "X", "Y", 7 * 3600 + 50 * 60),
                    travel (fresh, "X", "Y", 7 * 3600 + 50 * 60));
  /* the workspace made before the rewalk walks the new streets */
  g_autoptr (TnetRaptor) wf = tnet_raptor_new (fresh);
  g_autoptr (GArray) w = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  g_autoptr (GArray) wx = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  ck_assert (tnet_raptor_walks_from_node (ws, 4, 900000, TNET_ID_NONE, NULL, w));
  ck_assert (tnet_raptor_walks_from_node (wf, 4, 900000, TNET_ID_NONE, NULL, wx));
  ck_assert_uint_eq (w->len, 2);
  ck_assert_uint_eq (w->len, wx->len);
  for (guint i = 0; i < w->len; i++)
    ck_assert_uint_eq (g_array_index (w, TnetStopWalk, i).walk_s,
                       g_array_index (wx, TnetStopWalk, i).walk_s);
  ck_assert_uint_gt (g_array_index (w, TnetStopWalk, 0).walk_s, 188);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

START_TEST (test_street_walks_oracle)
{
  static const TnetMode modes[] = { TNET_MODE_ROAD, TNET_MODE_WALK, TNET_MODE_ACCESS,
                                    TNET_MODE_TRUNK, TNET_MODE_TRUNK, TNET_MODE_EXPRESSWAY };
  static const char *const classes[] = { "residential", "footway", NULL, "primary",
                                         "secondary", "motorway" };
  for (guint32 seed = 1; seed <= 6; seed++)
    {
      GRand *rng = g_rand_new_with_seed (seed);
      guint n_stops = 12, n_junctions = 40;
      GString *stops = g_string_new ("stop_id,stop_name,stop_lat,stop_lon\n");
      GString *st = g_string_new ("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n");
      for (guint i = 0; i < n_stops; i++)
        {
          g_string_append_printf (stops, "S%u,S%u,%.6f,%.6f\n", i, i,
                                  g_rand_double_range (rng, 0, 0.01),
                                  g_rand_double_range (rng, 0, 0.01));
          g_string_append_printf (st, "t1,08:%02u:00,08:%02u:00,S%u,%u\n", i, i, i, i + 1);
        }
      char *dir = write_feed (stops->str, "route_id,service_id,trip_id\nR1,WD,t1\n", st->str,
                              NULL, NULL);
      g_string_free (stops, TRUE);
      g_string_free (st, TRUE);
      TnetNetwork *net = tnet_network_new ();
      for (guint i = 0; i < n_stops + n_junctions; i++)
        {
          g_autofree char *id = i < n_stops ? g_strdup_printf ("f:S%u", i)
                                            : g_strdup_printf ("j%u", i);
          TnetNodeKind kind = i < n_stops ? TNET_NODE_STOP
                              : g_rand_int_range (rng, 0, 8) == 0 ? TNET_NODE_ZONE
                              : TNET_NODE_JUNCTION;
          add_node (net, id, kind, g_rand_double_range (rng, 0, 0.01),
                    g_rand_double_range (rng, 0, 0.01));
        }
      guint n = n_stops + n_junctions;
      for (guint i = 0; i < 3 * n; i++)
        {
          guint a = (guint) g_rand_int_range (rng, 0, (gint32) n);
          guint b = (guint) g_rand_int_range (rng, 0, (gint32) n);
          if (a == b)
            continue;
          guint k = (guint) g_rand_int_range (rng, 0, G_N_ELEMENTS (modes));
          g_autofree char *id = g_strdup_printf ("l%u", i);
          double len = g_rand_double_range (rng, 1, 400);
          /* half the access links carry a time of their own */
          if (modes[k] == TNET_MODE_ACCESS && g_rand_boolean (rng))
            add_timed_link (net, id, tnet_network_node (net, a)->id,
                            tnet_network_node (net, b)->id, len,
                            g_rand_double_range (rng, 0.05, 6), TNET_STATUS_EXISTING, 0);
          else
            add_link (net, id, tnet_network_node (net, a)->id, tnet_network_node (net, b)->id,
                      modes[k], classes[k], len);
        }
      GError *error = NULL;
      TnetFeedOptions fo;
      tnet_feed_options_init (&fo);
      fo.service_date = 20240102;
      g_autoptr (TnetFeed) feed = tnet_feed_load (dir, &fo, &error);
      ck_assert (feed != NULL);
      TnetTimetableOptions to;
      tnet_timetable_options_init (&to);
      to.walk_network = net;
      const TnetFeed *feeds[] = { feed };
      g_autoptr (TnetTimetable) tt = tnet_timetable_build (feeds, 1, &to, &error);
      ck_assert (tt != NULL);
      g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);
      g_autoptr (GArray) w = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
      gint64 *dist = g_new (gint64, n);
      guint n_checked = 0;
      for (guint src = 0; src < n; src++)
        {
          oracle_walks (net, src, 4.8, dist);
          guint budget = (guint) g_rand_int_range (rng, 60, 1200);
          guint target = (guint) g_rand_int_range (rng, 0, (gint32) n);
          guint32 to_t;
          g_array_set_size (w, 0);
          gboolean on = tnet_raptor_walks_from_node (ws, src, budget * 1000u, target, &to_t, w);
          gboolean walkable = FALSE;
          for (guint i = 0; i < tnet_network_n_links (net) && !walkable; i++)
            {
              const TnetLink *l = tnet_network_link (net, i);
              walkable = oracle_walkable (l) && l->from != l->to
                         && (l->from == src || l->to == src);
            }
          ck_assert_int_eq (on, walkable);
          if (!on)
            {
              ck_assert_uint_eq (w->len, 0);
              continue;
            }
          gint64 want_t = dist[target] == G_MAXINT64 ? -1 : (dist[target] + 999) / 1000;
          ck_assert_int_eq (to_t == G_MAXUINT32 ? -1 : (gint64) to_t,
                            want_t > budget ? -1 : want_t);
          guint n_want = 0;
          for (guint s = 0; s < n_stops; s++)
            {
              /* a stop with no walkable link is not on the street */
              gboolean on_street = FALSE;
              for (guint i = 0; i < tnet_network_n_links (net) && !on_street; i++)
                {
                  const TnetLink *l = tnet_network_link (net, i);
                  on_street = oracle_walkable (l) && l->from != l->to
                              && (l->from == s || l->to == s);
                }
              gint64 want = dist[s] == G_MAXINT64 ? -1 : (dist[s] + 999) / 1000;
              if (!on_street || want < 0 || want > budget)
                continue;
              n_want++;
              gboolean found = FALSE;
              char sid[16];
              g_snprintf (sid, sizeof sid, "S%u", s);
              for (guint i = 0; i < w->len; i++)
                if (g_array_index (w, TnetStopWalk, i).stop == tnet_timetable_find_stop (tt, sid))
                  {
                    ck_assert_int_eq (g_array_index (w, TnetStopWalk, i).walk_s, want);
                    found = TRUE;
                  }
              ck_assert_msg (found, "seed %u: stop S%u not reached from %u", seed, s, src);
            }
          ck_assert_uint_eq (w->len, n_want);
          for (guint i = 1; i < w->len; i++)
            ck_assert_uint_le (g_array_index (w, TnetStopWalk, i - 1).walk_s,
                               g_array_index (w, TnetStopWalk, i).walk_s);
          n_checked += n_want;
        }
      ck_assert_uint_gt (n_checked, 10);
      g_free (dist);
      tnet_network_free (net);
      g_rand_free (rng);
      tt_rm_rf (dir);
      g_free (dir);
    }
}
END_TEST

/* Where a place walks from, by the rule of tnet_timetable_matrix() written
 * out plainly: the nearest node with a walkable link (haversine over all
 * nodes), the straight-line walk to it, or -1 when that exceeds @max_walk. */
static gint64
brute_snap (const TnetNetwork *net, const TnetTimetableOptions *to, double lon, double lat,
            guint max_walk, guint *node)
{
  double best = INFINITY;
  *node = G_MAXUINT;
  for (guint v = 0; v < tnet_network_n_nodes (net); v++)
    {
      gboolean walkable = FALSE;
      for (guint i = 0; i < tnet_network_n_links (net) && !walkable; i++)
        {
          const TnetLink *l = tnet_network_link (net, i);
          walkable = oracle_walkable (l) && l->from != l->to && (l->from == v || l->to == v);
        }
      const TnetNode *n = tnet_network_node (net, v);
      double d = m_dist (lon, lat, n->lon, n->lat);
      if (walkable && d < best)
        {
          best = d;
          *node = v;
        }
    }
  guint32 off = best == 0 ? 0 : m_walk (to, best);
  return *node == G_MAXUINT || off > max_walk ? -1 : (gint64) off;
}

/* The walk in seconds from a place (snapped to @node with offset @off, the
 * street walks from @node in @dist) to stop @s of the oracle sitting on
 * network node @s_node (G_MAXUINT: off the street); -1 beyond @max_walk. */
static gint64
brute_stop_walk (const Oracle *o, const TnetTimetableOptions *to, double lon, double lat,
                 gint64 off, const gint64 *dist, guint s, guint s_node, guint max_walk)
{
  gint64 w;
  if (off >= 0 && s_node != G_MAXUINT)
    w = dist[s_node] == G_MAXINT64 ? -1 : (dist[s_node] + 999) / 1000 + off;
  else
    w = m_walk (to, m_dist (lon, lat, o->lon[s], o->lat[s]));
  return w > (gint64) max_walk ? -1 : w;
}

/* tnet_timetable_matrix() on a walk network: seeded random street networks
 * and feeds; places at network nodes (zones and junctions, walkable or not)
 * and at random points off it. Every percentile equals the brute force:
 * access and egress by Bellman-Ford over the links from the snapped node,
 * plus the snap offset, straight lines to the stops off the street and for
 * places not snapped, the time-expanded oracle for every minute. Transfers
 * between stops are turned off (transfer radius 0) in both, since the
 * oracle's footpaths are straight lines. */
START_TEST (test_matrix_street_oracle)
{
  static const TnetMode modes[] = { TNET_MODE_ROAD, TNET_MODE_WALK, TNET_MODE_ACCESS,
                                    TNET_MODE_TRUNK, TNET_MODE_TRUNK, TNET_MODE_EXPRESSWAY };
  static const char *const classes[] = { "residential", "footway", NULL, "primary",
                                         "secondary", "motorway" };
  static const double pcts[] = { 5, 50, 95 };
  const guint max_walk = 600, n_minutes = 20, n_places = 10;
  const gint32 dep0 = 7 * 3600 + 58 * 60;
  guint n_rides = 0, n_direct_street = 0, n_off = 0;
  for (guint32 seed = 1; seed <= 5; seed++)
    {
      GRand *rng = g_rand_new_with_seed (seed);
      guint n_stops = 12, n_junctions = 40, n = n_stops + n_junctions;
      GString *stops = g_string_new ("stop_id,stop_name,stop_lat,stop_lon\n");
      GString *trips = g_string_new ("route_id,service_id,trip_id\n");
      GString *st = g_string_new ("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n");
      for (guint i = 0; i < n_stops; i++)
        g_string_append_printf (stops, "S%u,S%u,%.6f,%.6f\n", i, i,
                                g_rand_double_range (rng, 0, 0.01),
                                g_rand_double_range (rng, 0, 0.01));
      for (guint k = 0; k < 6; k++)
        for (guint dir = 0; dir < 2; dir++)
          {
            g_string_append_printf (trips, "R%u,WD,t%u_%u\n", dir + 1, dir, k);
            for (guint i = 0; i < n_stops; i++)
              {
                guint t = 8 * 60 + 4 * k + 3 * dir + 2 * i;
                g_string_append_printf (st, "t%u_%u,%02u:%02u:00,%02u:%02u:00,S%u,%u\n", dir, k,
                                        t / 60, t % 60, t / 60, t % 60,
                                        dir ? n_stops - 1 - i : i, i + 1);
              }
          }
      char *fdir = write_feed (stops->str, trips->str, st->str, NULL, NULL);
      g_string_free (stops, TRUE);
      g_string_free (trips, TRUE);
      g_string_free (st, TRUE);
      TnetNetwork *net = tnet_network_new ();
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *id = i < n_stops ? g_strdup_printf ("f:S%u", i)
                                            : g_strdup_printf ("j%u", i);
          TnetNodeKind kind = i < n_stops ? TNET_NODE_STOP
                              : g_rand_int_range (rng, 0, 4) == 0 ? TNET_NODE_ZONE
                              : TNET_NODE_JUNCTION;
          add_node (net, id, kind, g_rand_double_range (rng, 0, 0.01),
                    g_rand_double_range (rng, 0, 0.01));
        }
      for (guint i = 0; i < 3 * n; i++)
        {
          guint a = (guint) g_rand_int_range (rng, 0, (gint32) n);
          guint b = (guint) g_rand_int_range (rng, 0, (gint32) n);
          if (a == b)
            continue;
          guint k = (guint) g_rand_int_range (rng, 0, G_N_ELEMENTS (modes));
          g_autofree char *id = g_strdup_printf ("l%u", i);
          add_link (net, id, tnet_network_node (net, a)->id, tnet_network_node (net, b)->id,
                    modes[k], classes[k], g_rand_double_range (rng, 1, 300));
        }
      /* places: the first and last are random points, the others nodes */
      double *place = g_new (double, 2 * n_places);
      for (guint p = 0; p < n_places; p++)
        {
          if (p == 0 || p == n_places - 1)
            {
              place[2 * p] = g_rand_double_range (rng, -0.001, 0.011);
              place[2 * p + 1] = g_rand_double_range (rng, -0.001, 0.011);
              continue;
            }
          const TnetNode *nd = tnet_network_node (net, (guint) g_rand_int_range (rng, n_stops,
                                                                                (gint32) n));
          place[2 * p] = nd->lon;
          place[2 * p + 1] = nd->lat;
        }
      GError *error = NULL;
      TnetFeedOptions fo;
      tnet_feed_options_init (&fo);
      fo.service_date = 20240102;
      g_autoptr (TnetFeed) feed = tnet_feed_load (fdir, &fo, &error);
      ck_assert (feed != NULL);
      TnetTimetableOptions to;
      tnet_timetable_options_init (&to);
      to.walk_network = net;
      to.transfer_radius_m = 0;
      const TnetFeed *feeds[] = { feed };
      g_autoptr (TnetTimetable) tt = tnet_timetable_build (feeds, 1, &to, &error);
      ck_assert (tt != NULL);
      ck_assert (tnet_timetable_has_street_walks (tt));
      gint32 *got = g_new (gint32, (gsize) n_places * n_places * 3);
      tnet_timetable_matrix (tt, place, n_places, place, n_places, max_walk * 1000u, dep0,
                             n_minutes, pcts, 3, got, NULL, NULL);

      Oracle *o = oracle_new (feeds, 1, 20240102, &to);
      ck_assert_uint_eq (o->n_stops, n_stops);
      /* oracle stop s (stops.txt order) sits on node s when that has a
       * walkable link */
      guint *s_node = g_new (guint, n_stops);
      for (guint s = 0; s < n_stops; s++)
        {
          s_node[s] = G_MAXUINT;
          for (guint i = 0; i < tnet_network_n_links (net); i++)
            {
              const TnetLink *l = tnet_network_link (net, i);
              if (oracle_walkable (l) && l->from != l->to && (l->from == s || l->to == s))
                s_node[s] = s;
            }
        }
      gint64 *off = g_new (gint64, n_places);
      guint *snode = g_new (guint, n_places);
      gint64 *dist = g_new (gint64, (gsize) n_places * n);
      for (guint p = 0; p < n_places; p++)
        {
          off[p] = brute_snap (net, &to, place[2 * p], place[2 * p + 1], max_walk, &snode[p]);
          if (off[p] >= 0)
            oracle_walks (net, snode[p], to.walk_speed_kmh, dist + (gsize) p * n);
          n_off += off[p] > 0;
        }
      gint32 *arr = g_new (gint32, n_stops);
      gint32 *want = g_new (gint32, n_minutes);
      g_autoptr (GArray) acc = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
      for (guint a = 0; a < n_places; a++)
        {
          g_array_set_size (acc, 0);
          for (guint s = 0; s < n_stops; s++)
            {
              gint64 w = brute_stop_walk (o, &to, place[2 * a], place[2 * a + 1], off[a],
                                          dist + (gsize) a * n, s, s_node[s], max_walk);
              if (w >= 0)
                {
                  TnetStopWalk sw = { s, (guint32) w };
                  g_array_append_val (acc, sw);
                }
            }
          for (guint b = 0; b < n_places; b++)
            {
              gint64 direct;
              if (off[a] >= 0 && off[b] >= 0)
                {
                  gint64 d = dist[(gsize) a * n + snode[b]];
                  direct = d == G_MAXINT64 ? -1 : (d + 999) / 1000 + off[a] + off[b];
                }
              else
                direct = m_walk (&to, m_dist (place[2 * a], place[2 * a + 1], place[2 * b],
                                              place[2 * b + 1]));
              if (direct > (gint64) max_walk)
                direct = -1;
              n_direct_street += direct >= 0 && off[a] >= 0 && off[b] >= 0 && a != b;
              for (guint m = 0; m < n_minutes; m++)
                {
                  gint32 dep = dep0 + 60 * (gint32) m;
                  oracle_run (o, (const TnetStopWalk *) (void *) acc->data, acc->len, dep, arr);
                  gint32 best = direct >= 0 ? (gint32) direct : UNREACHED;
                  for (guint s = 0; s < n_stops; s++)
                    {
                      gint64 w = brute_stop_walk (o, &to, place[2 * b], place[2 * b + 1], off[b],
                                                  dist + (gsize) b * n, s, s_node[s], max_walk);
                      if (arr[s] != UNREACHED && w >= 0 && arr[s] - dep + (gint32) w < best)
                        {
                          best = arr[s] - dep + (gint32) w;
                          n_rides += direct < 0 || best < direct;
                        }
                    }
                  want[m] = best;
                }
              for (guint k = 0; k < 3; k++)
                ck_assert_msg (got[((gsize) a * n_places + b) * 3 + k]
                               == o_percentile (want, n_minutes, pcts[k]),
                               "seed %u place %u -> %u p%g: matrix %d brute force %d", seed, a,
                               b, pcts[k], got[((gsize) a * n_places + b) * 3 + k],
                               o_percentile (want, n_minutes, pcts[k]));
            }
        }
      g_free (arr);
      g_free (want);
      g_free (off);
      g_free (snode);
      g_free (dist);
      g_free (s_node);
      g_free (got);
      g_free (place);
      oracle_free (o);
      tnet_network_free (net);
      g_rand_free (rng);
      tt_rm_rf (fdir);
      g_free (fdir);
    }
  /* not vacuous: rides beat walking, street walks go all the way, and
   * some places walk to their node first */
  ck_assert_uint_gt (n_rides, 50);
  ck_assert_uint_gt (n_direct_street, 5);
  ck_assert_uint_gt (n_off, 2);
}
END_TEST


/* Fails unless @b holds the values of @a in some order. */
static void
insertion_sort_copy_check (const gint32 *a, const gint32 *b, guint n)
{
  gint32 *x = g_memdup2 (a, sizeof (gint32) * MAX (n, 1));
  gint32 *y = g_memdup2 (b, sizeof (gint32) * MAX (n, 1));
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && x[j - 1] > x[j]; j--)
      {
        gint32 t = x[j];
        x[j] = x[j - 1];
        x[j - 1] = t;
      }
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && y[j - 1] > y[j]; j--)
      {
        gint32 t = y[j];
        y[j] = y[j - 1];
        y[j - 1] = t;
      }
  for (guint i = 0; i < n; i++)
    ck_assert_int_eq (x[i], y[i]);
  g_free (x);
  g_free (y);
}

/* tnet_percentiles() against the insertion-sort nearest rank above on
 * seeded random series: lengths 0-300 (both sides of the short-series
 * path), values from a small range (many repeats) or a wide one, a share
 * of TNET_RAPTOR_UNREACHED, constant series, and 0-20 percentiles in any
 * order with repeats and the ends 0 and 100. */
START_TEST (test_percentiles_random)
{
  GRand *rng = g_rand_new_with_seed (20261206);
  for (guint round = 0; round < 3000; round++)
    {
      guint n = round % 7 == 0 ? (guint) g_rand_int_range (rng, 0, 4)
                : (guint) g_rand_int_range (rng, 1, 301);
      gint32 *v = g_new (gint32, MAX (n, 1));
      gint32 span = round % 3 == 0 ? 5 : round % 3 == 1 ? 200 : 100000;
      gboolean constant = round % 11 == 0;
      for (guint i = 0; i < n; i++)
        v[i] = constant ? 1234
               : g_rand_int_range (rng, 0, 10) < (gint32) (round % 4) ? TNET_RAPTOR_UNREACHED
               : 600 + g_rand_int_range (rng, 0, span);
      guint np = (guint) g_rand_int_range (rng, 0, 21);
      double pcts[20];
      for (guint i = 0; i < np; i++)
        pcts[i] = i % 5 == 0 ? 0.0 : i % 5 == 1 ? 100.0 : g_rand_double_range (rng, 0, 100);
      gint32 *copy = g_memdup2 (v, sizeof (gint32) * MAX (n, 1));
      gint32 got[20];
      tnet_percentiles (copy, n, pcts, np, got);
      for (guint i = 0; i < np; i++)
        {
          gint32 want = n == 0 ? TNET_RAPTOR_UNREACHED : o_percentile (v, n, pcts[i]);
          ck_assert_msg (got[i] == want, "round %u n %u p %g: got %d want %d", round, n,
                         pcts[i], got[i], want);
        }
      /* the values are only reordered */
      insertion_sort_copy_check (v, copy, n);
      g_free (copy);
      g_free (v);
    }
  g_rand_free (rng);
}
END_TEST

static Suite *
timetable_suite (void)
{
  Suite *s = suite_create ("timetable");
  TCase *c = tcase_create ("oracle");
  tcase_set_timeout (c, 240);
  tcase_add_test (c, test_random_feeds);
  tcase_add_test (c, test_loop_routes_random);
  tcase_add_test (c, test_caltrain);
  tcase_add_test (c, test_nyc_subway);
  tcase_add_test (c, test_sao_paulo);
  tcase_add_test (c, test_matrix);
  tcase_add_test (c, test_isochrone);
  suite_add_tcase (s, c);
  TCase *k = tcase_create ("cases");
  tcase_add_test (k, test_interpolation);
  tcase_add_test (k, test_percentiles_random);
  tcase_add_test (k, test_frequency);
  tcase_add_test (k, test_calendar_dates);
  tcase_add_test (k, test_overnight);
  tcase_add_test (k, test_walking_transfer);
  tcase_add_test (k, test_footpaths_match_multimodal);
  tcase_add_test (k, test_midday_feed);
  tcase_add_test (k, test_several_feeds);
  tcase_add_test (k, test_const_reference);
  tcase_add_test (k, test_route_walk_budget);
  tcase_add_test (k, test_street_transfer);
  tcase_add_test (k, test_rewalk_view);
  tcase_add_test (k, test_timed_access);
  tcase_add_test (k, test_street_walks_oracle);
  tcase_add_test (k, test_matrix_street_oracle);
  tcase_add_test (k, test_route_documents);
  suite_add_tcase (s, k);
  return s;
}

int
main (void)
{
  return tt_run_suite (timetable_suite ());
}
