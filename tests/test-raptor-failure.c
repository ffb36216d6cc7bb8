/* test-raptor-failure.c: failures by the timetable (tnet_raptor_block_hop(),
 * TnetRaptorFailures, tnet_corridor_criticality_timetable()).
 *
 * The oracle is the brute-force time-expanded Dijkstra of
 * timetable-oracle.c, run on the feed's raw records with the failed rides
 * removed (oracle_block()): a failure of a stop pair removes every ride
 * between those two stops, either way; a line failure every ride of the
 * trips of routes of that name. The door-to-door times are rebuilt here
 * from the oracle's arrivals (straight-line walks to and from the stops,
 * or all the way), nearest-rank percentiles over the minutes. Each
 * failure's times must equal the oracle's, the base times too, and a
 * failure the scan did not examine for a pair must leave the oracle's time
 * of that pair at its base (the pruning is sound). On the bundled data the
 * base times of the criticality scan equal the commute matrix by the
 * timetable (another code path) and `tnet commute` (the command). */
#include "tnet-internal.h"
#include "feed-private.h"
#include "tests-common.h"
#include "timetable-oracle.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

/* Nearest rank, written independently of tnet_percentiles(). */
static gint32
o_percentile (const gint32 *v, guint n, double p)
{
  gint32 *c = g_memdup2 (v, sizeof (gint32) * n);
  for (guint i = 1; i < n; i++)
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

static double
m_dist (double lon1, double lat1, double lon2, double lat2)
{
  const double r = 6371008.8, d2r = G_PI / 180.0;
  double dlat = (lat2 - lat1) * d2r, dlon = (lon2 - lon1) * d2r;
  double a = sin (dlat / 2) * sin (dlat / 2)
             + cos (lat1 * d2r) * cos (lat2 * d2r) * sin (dlon / 2) * sin (dlon / 2);
  return 2 * r * asin (MIN (1.0, sqrt (a)));
}

static guint32
m_walk (const TnetTimetableOptions *to, double d)
{
  return (guint32) ceil (d * to->walk_detour / (to->walk_speed_kmh / 3.6) - 1e-9);
}

/* A failure of the test: a stop pair (ids, either order) or a line. */
typedef struct {
  char *a, *b;      /* stop ids, a < b; NULL for a line */
  char *line;
} Fail;

static gboolean
oracle_blocked (const TnetFeed *feed, guint f, guint trip, guint k, gpointer data)
{
  (void) f;
  const Fail *x = data;
  const TnetTrip *t = &g_array_index (feed->trips, TnetTrip, trip);
  if (x->line)
    return strcmp (tnet_feed_route_name (feed, t->route), x->line) == 0;
  const TnetStopTime *st = &g_array_index (feed->stop_times, TnetStopTime, t->first_st);
  const char *p = g_array_index (feed->stops, TnetFeedStop, st[k].stop).id;
  const char *q = g_array_index (feed->stops, TnetFeedStop, st[k + 1].stop).id;
  return (strcmp (p, x->a) == 0 && strcmp (q, x->b) == 0)
         || (strcmp (p, x->b) == 0 && strcmp (q, x->a) == 0);
}

/* The failures: every pair of stops some route rides between, and every
 * line; their hops for the scan (CSR into @first / @hops). */
static GArray *
make_failures (TnetTimetable *tt, GArray *first, GArray *hops)
{
  GArray *fails = g_array_new (FALSE, FALSE, sizeof (Fail));
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint r = 0; r < tnet_timetable_n_routes (tt); r++)
    {
      for (guint k = 0; k + 1 < tnet_timetable_route_n_stops (tt, r); k++)
        {
          const char *p = tnet_timetable_stop_id (tt, tnet_timetable_route_stop (tt, r, k));
          const char *q = tnet_timetable_stop_id (tt, tnet_timetable_route_stop (tt, r, k + 1));
          if (strcmp (p, q) == 0)
            continue;
          Fail x = { g_strdup (strcmp (p, q) < 0 ? p : q), g_strdup (strcmp (p, q) < 0 ? q : p),
                     NULL };
          char *key = g_strdup_printf ("%s|%s", x.a, x.b);
          if (g_hash_table_contains (seen, key))
            {
              g_free (key);
              g_free (x.a);
              g_free (x.b);
              continue;
            }
          g_hash_table_add (seen, key);
          g_array_append_val (fails, x);
        }
      const char *name = tnet_timetable_route_name (tt, r);
      char *key = g_strdup_printf ("line|%s", name);
      if (!g_hash_table_contains (seen, key))
        {
          Fail x = { NULL, NULL, g_strdup (name) };
          g_array_append_val (fails, x);
          g_hash_table_add (seen, key);
        }
      else
        g_free (key);
    }
  guint zero = 0;
  g_array_append_val (first, zero);
  for (guint e = 0; e < fails->len; e++)
    {
      const Fail *x = &g_array_index (fails, Fail, e);
      for (guint r = 0; r < tnet_timetable_n_routes (tt); r++)
        {
          if (x->line)
            {
              if (strcmp (tnet_timetable_route_name (tt, r), x->line) == 0)
                {
                  TnetRaptorHop h = { r, G_MAXUINT };
                  g_array_append_val (hops, h);
                }
              continue;
            }
          for (guint k = 0; k + 1 < tnet_timetable_route_n_stops (tt, r); k++)
            {
              const char *p = tnet_timetable_stop_id (tt, tnet_timetable_route_stop (tt, r, k));
              const char *q = tnet_timetable_stop_id (tt, tnet_timetable_route_stop (tt, r,
                                                                                     k + 1));
              if ((strcmp (p, x->a) == 0 && strcmp (q, x->b) == 0)
                  || (strcmp (p, x->b) == 0 && strcmp (q, x->a) == 0))
                {
                  TnetRaptorHop h = { r, k };
                  g_array_append_val (hops, h);
                }
            }
        }
      g_array_append_val (first, hops->len);
    }
  return fails;
}

static void
fails_free (GArray *fails)
{
  for (guint e = 0; e < fails->len; e++)
    {
      Fail *x = &g_array_index (fails, Fail, e);
      g_free (x->a);
      g_free (x->b);
      g_free (x->line);
    }
  g_array_unref (fails);
}

/* The oracle's times from @orig to each of the @nd places @dest over the
 * minutes, reduced to the percentile: out[d]. */
static void
oracle_times (const Oracle *o, const TnetTimetableOptions *to, const double *orig,
              const double *dest, guint nd, guint max_walk, gint32 dep0, guint n_minutes,
              double pct, gint32 *out)
{
  g_autoptr (GArray) acc = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  for (TnetId s = 0; s < o->n_stops; s++)
    if (!isnan (o->lon[s]))
      {
        guint32 w = m_walk (to, m_dist (orig[0], orig[1], o->lon[s], o->lat[s]));
        if (w <= max_walk)
          {
            TnetStopWalk sw = { s, w };
            g_array_append_val (acc, sw);
          }
      }
  g_autofree gint32 *arr = g_new (gint32, o->n_stops);
  g_autofree gint32 *series = g_new (gint32, (gsize) nd * n_minutes);
  for (guint m = 0; m < n_minutes; m++)
    {
      gint32 dep = dep0 + 60 * (gint32) m;
      oracle_run (o, (const TnetStopWalk *) (void *) acc->data, acc->len, dep, arr);
      for (guint d = 0; d < nd; d++)
        {
          gint32 best = UNREACHED;
          guint32 direct = m_walk (to, m_dist (orig[0], orig[1], dest[2 * d], dest[2 * d + 1]));
          if (direct <= max_walk)
            best = (gint32) direct;
          for (TnetId s = 0; s < o->n_stops; s++)
            if (arr[s] != UNREACHED && !isnan (o->lon[s]))
              {
                guint32 w = m_walk (to, m_dist (o->lon[s], o->lat[s], dest[2 * d],
                                                dest[2 * d + 1]));
                if (w <= max_walk)
                  best = MIN (best, arr[s] - dep + (gint32) w);
              }
          series[(gsize) d * n_minutes + m] = best;
        }
    }
  for (guint d = 0; d < nd; d++)
    out[d] = o_percentile (series + (gsize) d * n_minutes, n_minutes, pct);
}

typedef struct {
  guint examined;   /* (failure, destination) entries */
  guint slower;     /* entries whose time rose */
  guint cut;        /* entries cut */
} Counts;

/* The scan from each origin against the oracle, every failure. */
static void
check_scan (const TnetFeed *feed, guint date, const double *orig, guint no, const double *dest,
            guint nd, gint32 dep0, guint window, double pct, guint max_walk, Counts *cnt)
{
  GError *error = NULL;
  const TnetFeed *feeds[] = { feed };
  TnetTimetableOptions to;
  tnet_timetable_options_init (&to);
  g_autoptr (TnetTimetable) tt = tnet_timetable_build (feeds, 1, &to, &error);
  ck_assert_msg (tt != NULL, "%s", error ? error->message : "");
  Oracle *o = oracle_new (feeds, 1, date, &to);
  g_autoptr (GArray) first = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) hops = g_array_new (FALSE, FALSE, sizeof (TnetRaptorHop));
  GArray *fails = make_failures (tt, first, hops);
  TnetRaptorFailuresOptions fo;
  tnet_raptor_failures_options_init (&fo);
  fo.depart_s = dep0;
  fo.n_minutes = window;
  fo.percentile = pct;
  fo.max_walk_ms = max_walk * 1000u;
  g_autoptr (TnetRaptorFailures) f
    = tnet_raptor_failures_new (tt, dest, nd, (const guint *) (void *) first->data,
                                (const TnetRaptorHop *) (void *) hops->data, fails->len, &fo);
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (TnetRaptorFailureEntry));
  g_autofree gint32 *base = g_new (gint32, nd);
  g_autofree gint32 *want = g_new (gint32, nd);
  g_autofree gint32 *after = g_new (gint32, nd);
  guint nm = MAX (window, 1u);
  for (guint i = 0; i < no; i++)
    {
      g_array_set_size (entries, 0);
      ck_assert (tnet_raptor_failures_run (f, ws, orig[2 * i], orig[2 * i + 1], NULL, base,
                                           entries, NULL, &error));
      oracle_block (o, feeds, NULL, NULL);
      oracle_times (o, &to, orig + 2 * i, dest, nd, max_walk, dep0, nm, pct, want);
      for (guint d = 0; d < nd; d++)
        ck_assert_msg (base[d] == want[d], "origin %u destination %u: base %d oracle %d", i, d,
                       base[d], want[d]);
      /* every failure, examined or not */
      const TnetRaptorFailureEntry *en = (const TnetRaptorFailureEntry *) (void *) entries->data;
      guint k = 0;
      for (guint e = 0; e < fails->len; e++)
        {
          oracle_block (o, feeds, oracle_blocked, &g_array_index (fails, Fail, e));
          oracle_times (o, &to, orig + 2 * i, dest, nd, max_walk, dep0, nm, pct, after);
          for (guint d = 0; d < nd; d++)
            {
              gboolean examined = k < entries->len && en[k].element == e
                                  && en[k].destination == d;
              const Fail *x = &g_array_index (fails, Fail, e);
              if (examined)
                {
                  ck_assert_msg (en[k].time_s == after[d],
                                 "origin %u destination %u failure %s%s%s: scan %d oracle %d",
                                 i, d, x->line ? x->line : x->a, x->line ? "" : "-",
                                 x->line ? "" : x->b, en[k].time_s, after[d]);
                  cnt->examined++;
                  cnt->slower += en[k].time_s != base[d];
                  cnt->cut += en[k].time_s == UNREACHED && base[d] != UNREACHED;
                  k++;
                }
              else
                ck_assert_msg (after[d] == want[d],
                               "origin %u destination %u failure %s%s%s not examined but the "
                               "oracle's time moves from %d to %d", i, d,
                               x->line ? x->line : x->a, x->line ? "" : "-",
                               x->line ? "" : x->b, want[d], after[d]);
            }
        }
      ck_assert_uint_eq (k, entries->len);   /* sorted by element, destination */
    }
  oracle_free (o);
  fails_free (fails);
}

/* A random feed without blocks: routes with random stop sequences and
 * trips that may overtake, pickup/drop-off types, stops in a 2 km box. */
static char *
write_random_feed (guint32 seed)
{
  GRand *r = g_rand_new_with_seed (seed);
  char *dir = tt_mkdtemp ();
  guint ns = (guint) g_rand_int_range (r, 6, 18);
  GString *stops = g_string_new ("stop_id,stop_name,stop_lat,stop_lon\n");
  for (guint s = 0; s < ns; s++)
    g_string_append_printf (stops, "s%u,Stop %u,%.6f,%.6f\n", s, s,
                            g_rand_double_range (r, 0, 0.018), g_rand_double_range (r, 0, 0.018));
  tt_write_file (dir, "stops.txt", stops->str);
  g_string_free (stops, TRUE);
  tt_write_file (dir, "calendar.txt",
                 "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                 "WD,1,1,1,1,1,1,1,20240101,20241231\n");
  guint nr = (guint) g_rand_int_range (r, 2, 6);
  GString *routes = g_string_new ("route_id,route_short_name,route_type\n");
  GString *trips = g_string_new ("route_id,service_id,trip_id\n");
  GString *st = g_string_new ("trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type\n");
  guint n_trip = 0;
  for (guint ri = 0; ri < nr; ri++)
    {
      /* two route ids share a line name now and then */
      g_string_append_printf (routes, "R%u,L%u,3\n", ri, ri == 3 ? 0 : ri);
      guint len = (guint) g_rand_int_range (r, 2, (gint32) MIN (7u, ns) + 1);
      guint seq[7];
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
      guint nt = (guint) g_rand_int_range (r, 3, 12);
      for (guint ti = 0; ti < nt; ti++)
        {
          guint id = n_trip++;
          g_string_append_printf (trips, "R%u,WD,t%u\n", ri, id);
          guint t = (guint) g_rand_int_range (r, 7 * 3600 + 40 * 60, 8 * 3600 + 40 * 60);
          for (guint i = 0; i < len; i++)
            {
              guint arr = t, dep = t + (guint) g_rand_int_range (r, 0, 3) * 30;
              guint pick = g_rand_int_range (r, 0, 8) == 0 ? 1 : 0;
              guint drop = g_rand_int_range (r, 0, 8) == 0 ? 1 : 0;
              g_string_append_printf (st, "t%u,%u:%02u:%02u,%u:%02u:%02u,s%u,%u,%u,%u\n", id,
                                      arr / 3600, arr / 60 % 60, arr % 60, dep / 3600,
                                      dep / 60 % 60, dep % 60, seq[i], i + 1, pick, drop);
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

START_TEST (test_random_feeds)
{
  Counts cnt = { 0 };
  for (guint32 seed = 1; seed <= 30; seed++)
    {
      char *dir = write_random_feed (seed);
      GError *error = NULL;
      TnetFeedOptions fo;
      tnet_feed_options_init (&fo);
      fo.service_date = 20240102;
      g_autoptr (TnetFeed) feed = tnet_feed_load (dir, &fo, &error);
      ck_assert_msg (feed != NULL, "seed %u: %s", seed, error ? error->message : "");
      GRand *r = g_rand_new_with_seed (seed + 1000);
      double orig[8], dest[12];
      for (guint i = 0; i < 4; i++)
        {
          orig[2 * i] = g_rand_double_range (r, 0, 0.018);
          orig[2 * i + 1] = g_rand_double_range (r, 0, 0.018);
        }
      for (guint i = 0; i < 6; i++)
        {
          dest[2 * i] = g_rand_double_range (r, 0, 0.018);
          dest[2 * i + 1] = g_rand_double_range (r, 0, 0.018);
        }
      g_rand_free (r);
      /* one departure, then a window at its median and 80th percentile */
      check_scan (feed, 20240102, orig, 4, dest, 6, 7 * 3600 + 45 * 60, 0, 50, 480, &cnt);
      check_scan (feed, 20240102, orig, 4, dest, 6, 7 * 3600 + 45 * 60, 12,
                  seed % 2 ? 50 : 80, 480, &cnt);
      tt_rm_rf (dir);
      g_free (dir);
    }
  /* not vacuous: many failures examined, many raise a time, some cut */
  ck_assert_uint_gt (cnt.examined, 500);
  ck_assert_uint_gt (cnt.slower, 200);
  ck_assert_uint_gt (cnt.cut, 20);
}
END_TEST

START_TEST (test_caltrain)
{
  g_autofree char *path = tt_source_path ("tests/data/caltrain/caltrain_gtfs.zip");
  GError *error = NULL;
  TnetFeedOptions fo;
  tnet_feed_options_init (&fo);
  fo.service_date = 20090908;
  g_autoptr (TnetFeed) feed = tnet_feed_load (path, &fo, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  /* places about 150 m off stations along the line */
  static const char *const ids[] = { "22nd Street Caltrain", "Millbrae Caltrain",
                                     "Palo Alto Caltrain", "Mountain View Caltrain",
                                     "San Jose Caltrain", "Hillsdale Caltrain",
                                     "Redwood City Caltrain", "Sunnyvale Caltrain" };
  double places[16];
  guint n = 0;
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    for (guint s = 0; s < feed->stops->len; s++)
      {
        const TnetFeedStop *fs = &g_array_index (feed->stops, TnetFeedStop, s);
        if (strcmp (fs->id, ids[i]) == 0)
          {
            places[2 * n] = fs->lon + 0.0012;
            places[2 * n + 1] = fs->lat + 0.0006;
            n++;
            break;
          }
      }
  ck_assert_uint_eq (n, G_N_ELEMENTS (ids));
  Counts cnt = { 0 };
  check_scan (feed, 20090908, places, 3, places + 6, 5, 7 * 3600 + 20 * 60, 20, 50, 900, &cnt);
  check_scan (feed, 20090908, places + 10, 3, places, 5, 17 * 3600, 0, 50, 900, &cnt);
  ck_assert_uint_gt (cnt.examined, 50);
  ck_assert_uint_gt (cnt.slower, 20);
}
END_TEST

/* A blocked hop or route is a mask of the workspace: after clearing, the
 * same query gives the same arrivals as a fresh workspace. */
START_TEST (test_mask_cleared)
{
  char *dir = write_random_feed (7);
  GError *error = NULL;
  TnetFeedOptions fo;
  tnet_feed_options_init (&fo);
  fo.service_date = 20240102;
  g_autoptr (TnetFeed) feed = tnet_feed_load (dir, &fo, &error);
  ck_assert (feed != NULL);
  const TnetFeed *feeds[] = { feed };
  g_autoptr (TnetTimetable) tt = tnet_timetable_build (feeds, 1, NULL, &error);
  g_autoptr (TnetRaptor) a = tnet_raptor_new (tt);
  g_autoptr (TnetRaptor) b = tnet_raptor_new (tt);
  ck_assert_ptr_eq (tnet_raptor_get_timetable (a), tt);
  guint moved = 0;
  for (TnetId s = 0; s < tnet_timetable_n_stops (tt); s++)
    {
      TnetStopWalk acc = { s, 0 };
      tnet_raptor_run (a, &acc, 1, 7 * 3600 + 40 * 60);
      for (guint r = 0; r < tnet_timetable_n_routes (tt); r++)
        tnet_raptor_block_hop (b, r, 0);
      tnet_raptor_block_route (b, 0);
      tnet_raptor_run (b, &acc, 1, 7 * 3600 + 40 * 60);
      for (TnetId q = 0; q < tnet_timetable_n_stops (tt); q++)
        {
          ck_assert_int_ge (tnet_raptor_arrival (b, q), tnet_raptor_arrival (a, q));
          moved += tnet_raptor_arrival (b, q) != tnet_raptor_arrival (a, q);
        }
      tnet_raptor_clear_blocks (b);
      tnet_raptor_run (b, &acc, 1, 7 * 3600 + 40 * 60);
      for (TnetId q = 0; q < tnet_timetable_n_stops (tt); q++)
        ck_assert_int_eq (tnet_raptor_arrival (b, q), tnet_raptor_arrival (a, q));
    }
  ck_assert_uint_gt (moved, 0);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST


/* ---------------------------------------------------------- alternatives */

/* The blocks of the alternatives so far, as the oracle reads them: the
 * stop pairs (directed, "from|to" stop ids) or the line names ridden. */
typedef struct {
  GHashTable *pairs;
  GHashTable *lines;
} AltBlocks;

static gboolean
oracle_alt_blocked (const TnetFeed *feed, guint f, guint trip, guint k, gpointer data)
{
  (void) f;
  const AltBlocks *x = data;
  const TnetTrip *t = &g_array_index (feed->trips, TnetTrip, trip);
  if (g_hash_table_contains (x->lines, tnet_feed_route_name (feed, t->route)))
    return TRUE;
  const TnetStopTime *st = &g_array_index (feed->stop_times, TnetStopTime, t->first_st);
  g_autofree char *key
    = g_strdup_printf ("%s|%s", g_array_index (feed->stops, TnetFeedStop, st[k].stop).id,
                       g_array_index (feed->stops, TnetFeedStop, st[k + 1].stop).id);
  return g_hash_table_contains (x->pairs, key);
}

/* The stop pairs ("from|to" stop ids) a ride leg rides, read from the
 * feed's record of its trip (from the boarding to the alighting stop). */
static void
leg_pairs (const TnetFeed *feed, const TnetTimetable *tt, const TnetTransitLeg *l, GPtrArray *out)
{
  const char *from = tnet_timetable_stop_id (tt, l->from_stop);
  const char *to = tnet_timetable_stop_id (tt, l->to_stop);
  for (guint t = 0; t < feed->trips->len; t++)
    {
      const TnetTrip *tr = &g_array_index (feed->trips, TnetTrip, t);
      if (strcmp (tr->id, l->trip_id) != 0)
        continue;
      const TnetStopTime *st = &g_array_index (feed->stop_times, TnetStopTime, tr->first_st);
      gboolean aboard = FALSE;
      for (guint k = 0; k + 1 < tr->n_st; k++)
        {
          const char *p = g_array_index (feed->stops, TnetFeedStop, st[k].stop).id;
          const char *q = g_array_index (feed->stops, TnetFeedStop, st[k + 1].stop).id;
          aboard |= strcmp (p, from) == 0;
          if (aboard)
            g_ptr_array_add (out, g_strdup_printf ("%s|%s", p, q));
          if (aboard && strcmp (q, to) == 0)
            return;
        }
      ck_abort_msg ("trip %s does not ride %s -> %s", l->trip_id, from, to);
    }
  ck_abort_msg ("no trip %s", l->trip_id);
}

/* Each alternative against the oracle: with the earlier alternatives'
 * blocks removed from the feed, the least oracle time over the pairs is
 * the alternative's time, and so is its own pair's; the alternatives are
 * fastest first; the ride legs of a line-disjoint alternative board no
 * line an earlier one blocked; and when fewer than @k came, the oracle
 * with every block reaches no pair or the last one rode nothing. */
static void
check_alternatives (const TnetFeed *feed, guint date, const double *orig, guint no,
                    const double *dest, guint nd, gint32 dep0, guint window, double pct,
                    guint max_walk, TnetRaptorDisjoint disjoint, guint k, guint *n_alts,
                    guint *n_walk_alts)
{
  GError *error = NULL;
  const TnetFeed *feeds[] = { feed };
  TnetTimetableOptions to;
  tnet_timetable_options_init (&to);
  g_autoptr (TnetTimetable) tt = tnet_timetable_build (feeds, 1, &to, &error);
  ck_assert_msg (tt != NULL, "%s", error ? error->message : "");
  Oracle *o = oracle_new (feeds, 1, date, &to);
  TnetRaptorFailuresOptions fo;
  tnet_raptor_failures_options_init (&fo);
  fo.depart_s = dep0;
  fo.n_minutes = window;
  fo.percentile = pct;
  fo.max_walk_ms = max_walk * 1000u;
  /* every pair but (i, i) */
  g_autofree guint8 *mask = g_new (guint8, no * nd);
  for (guint i = 0; i < no; i++)
    for (guint d = 0; d < nd; d++)
      mask[i * nd + d] = i != d;
  g_autoptr (GArray) alts = tnet_raptor_alternatives (tt, orig, no, dest, nd, mask, k, disjoint,
                                                      &fo, NULL, &error);
  /* the walks this test then finds */
  guint n_walks = 0;
  ck_assert_msg (alts != NULL, "%s", error ? error->message : "");
  ck_assert_uint_le (alts->len, k);
  AltBlocks bl = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                   g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  guint nm = MAX (window, 1u);
  g_autofree gint32 *times = g_new (gint32, nd);
  for (guint a = 0; a <= alts->len; a++)
    {
      /* the oracle's least time over the open pairs with the blocks so far */
      oracle_block (o, feeds, oracle_alt_blocked, &bl);
      gint32 best = UNREACHED, own = UNREACHED;
      for (guint i = 0; i < no; i++)
        {
          oracle_times (o, &to, orig + 2 * i, dest, nd, max_walk, dep0, nm, pct, times);
          for (guint d = 0; d < nd; d++)
            if (mask[i * nd + d])
              {
                best = MIN (best, times[d]);
                if (a < alts->len)
                  {
                    const TnetRaptorAlternative *alt = &g_array_index (alts,
                                                                       TnetRaptorAlternative, a);
                    if (alt->origin == i && alt->destination == d)
                      own = times[d];
                  }
              }
        }
      if (a == alts->len)
        {
          /* the search stopped: nothing left, or k reached */
          ck_assert_msg (best == UNREACHED || a == k, "stopped after %u alternatives but the "
                         "oracle still reaches a pair in %d s", a, best);
          break;
        }
      const TnetRaptorAlternative *alt = &g_array_index (alts, TnetRaptorAlternative, a);
      ck_assert_msg (alt->time_s == best && own == best,
                     "alternative %u (%u -> %u): %d s, oracle best %d s, its pair %d s", a,
                     alt->origin, alt->destination, alt->time_s, best, own);
      if (a > 0)
        ck_assert_int_ge (alt->time_s, g_array_index (alts, TnetRaptorAlternative,
                                                      a - 1).time_s);
      ck_assert_int_ge (alt->depart_s, dep0);
      ck_assert_int_lt (alt->depart_s, dep0 + 60 * (gint32) nm);
      /* the journey shown rides nothing blocked before (read from the feed) */
      g_autoptr (GPtrArray) ridden = g_ptr_array_new_with_free_func (g_free);
      for (guint j = 0; j < alt->legs->len; j++)
        {
          const TnetTransitLeg *l = &g_array_index (alt->legs, TnetTransitLeg, j);
          if (l->kind == TNET_TRANSIT_LEG_RIDE)
            {
              ck_assert (!g_hash_table_contains (bl.lines, l->route_name));
              ck_assert (l->start_s >= alt->depart_s && l->end_s > l->start_s);
              leg_pairs (feed, tt, l, ridden);
            }
        }
      for (guint j = 0; j < ridden->len; j++)
        ck_assert_msg (!g_hash_table_contains (bl.pairs, ridden->pdata[j]),
                       "alternative %u rides %s, blocked before", a,
                       (const char *) ridden->pdata[j]);
      /* a walk closes its pair; otherwise its blocks join the oracle's */
      if (alt->blocked->len == 0)
        {
          mask[alt->origin * nd + alt->destination] = 0;
          n_walks++;
        }
      for (guint j = 0; j < alt->blocked->len; j++)
        {
          const TnetRaptorHop *h = &g_array_index (alt->blocked, TnetRaptorHop, j);
          if (h->pos == G_MAXUINT)
            g_hash_table_add (bl.lines, g_strdup (tnet_timetable_route_name (tt, h->route)));
          else
            g_hash_table_add (bl.pairs, g_strdup_printf ("%s|%s",
                                                        tnet_timetable_stop_id (tt,
                                                          tnet_timetable_route_stop (tt, h->route, h->pos)),
                                                        tnet_timetable_stop_id (tt,
                                                          tnet_timetable_route_stop (tt, h->route, h->pos + 1))));
        }
      /* and what the journey shown rides is blocked from now on */
      for (guint j = 0; j < alt->legs->len; j++)
        {
          const TnetTransitLeg *l = &g_array_index (alt->legs, TnetTransitLeg, j);
          if (l->kind == TNET_TRANSIT_LEG_RIDE && disjoint == TNET_RAPTOR_DISJOINT_LINES)
            ck_assert_msg (g_hash_table_contains (bl.lines, l->route_name),
                           "alternative %u's line %s is not blocked", a, l->route_name);
        }
      if (disjoint == TNET_RAPTOR_DISJOINT_HOPS)
        for (guint j = 0; j < ridden->len; j++)
          ck_assert_msg (g_hash_table_contains (bl.pairs, ridden->pdata[j]),
                         "alternative %u rides %s, not blocked after it", a,
                         (const char *) ridden->pdata[j]);
    }
  *n_alts += alts->len > 1 ? alts->len - 1 : 0;   /* the later ones */
  *n_walk_alts += n_walks;
  g_hash_table_unref (bl.pairs);
  g_hash_table_unref (bl.lines);
  oracle_free (o);
}

START_TEST (test_alternatives_random)
{
  guint n_alts = 0, n_walk_alts = 0;
  for (guint32 seed = 1; seed <= 25; seed++)
    {
      char *dir = write_random_feed (seed);
      GError *error = NULL;
      TnetFeedOptions fo;
      tnet_feed_options_init (&fo);
      fo.service_date = 20240102;
      g_autoptr (TnetFeed) feed = tnet_feed_load (dir, &fo, &error);
      ck_assert_msg (feed != NULL, "seed %u: %s", seed, error ? error->message : "");
      GRand *r = g_rand_new_with_seed (seed + 2000);
      double orig[6], dest[8];
      for (guint i = 0; i < 3; i++)
        {
          orig[2 * i] = g_rand_double_range (r, 0, 0.018);
          orig[2 * i + 1] = g_rand_double_range (r, 0, 0.018);
        }
      for (guint i = 0; i < 4; i++)
        {
          dest[2 * i] = g_rand_double_range (r, 0, 0.018);
          dest[2 * i + 1] = g_rand_double_range (r, 0, 0.018);
        }
      g_rand_free (r);
      TnetRaptorDisjoint dj = seed % 3 == 0 ? TNET_RAPTOR_DISJOINT_LINES
                                            : TNET_RAPTOR_DISJOINT_HOPS;
      check_alternatives (feed, 20240102, orig, 3, dest, 4, 7 * 3600 + 45 * 60, 0, 50, 420,
                          dj, 5, &n_alts, &n_walk_alts);
      check_alternatives (feed, 20240102, orig, 3, dest, 4, 7 * 3600 + 45 * 60, 10,
                          seed % 2 ? 50 : 80, 420, dj, 4, &n_alts, &n_walk_alts);
      tt_rm_rf (dir);
      g_free (dir);
    }
  /* not vacuous: many alternatives after the first */
  ck_assert_msg (n_alts > 60 && n_walk_alts > 5, "%u later alternatives, %u walks", n_alts,
                 n_walk_alts);
}
END_TEST

/* ---------------------------------------------------------- bundled data */

/* The timetable of the bundled data as the commands build it: the 2025
 * feed on its busiest day, walking on the network's streets and access
 * links. The timetable borrows the feed's names: @feed_out keeps it. */
static TnetTimetable *
bundled_timetable (const TnetNetwork *net, const TnetScenario *scen, TnetFeed **feed_out)
{
  g_autofree char *feed_path = tt_source_path ("data/xuchang/gtfs-2025");
  GError *error = NULL;
  TnetFeed *feed = *feed_out = tnet_feed_load (feed_path, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  TnetTimetableOptions to;
  tnet_timetable_options_init (&to);
  to.walk_network = net;
  to.walk_scenario = scen;
  const TnetFeed *feeds[] = { feed };
  TnetTimetable *tt = tnet_timetable_build (feeds, 1, &to, &error);
  ck_assert_msg (tt != NULL, "%s", error ? error->message : "");
  return tt;
}

/* The report's pairs (home xuchang to the critical pair zhengzhou): the
 * scan's base times are the commute matrix's by the timetable (another code
 * path: tnet_commute_compute_within()), at one departure and over a window. */
typedef struct {
  guint calls;
  guint64 last_done, total;
  guint cancel_at;        /* cancel @cancel on this report (0: never) */
  GCancellable *cancel;
} ScanProgress;

static void
scan_progress (guint64 done, guint64 total, const char *what, const char *unit, gpointer data)
{
  ScanProgress *sp = data;
  ck_assert_str_eq (what, "criticality scan");
  ck_assert_str_eq (unit, "origins");
  ck_assert_uint_eq (total, sp->total);
  ck_assert_uint_gt (done, sp->last_done);
  sp->last_done = done;
  if (++sp->calls == sp->cancel_at)
    g_cancellable_cancel (sp->cancel);
}

/* The scan by the timetable counts its origins (the zones of A: one
 * report per origin below 256) and stops with G_IO_ERROR_CANCELLED where a
 * cancellable cancelled by a report, or before, is checked (even
 * when the workers had finished every origin); an uncancelled one lets it
 * end at its total. */
START_TEST (test_bundled_scan_cancel)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  g_autoptr (TnetFeed) feed = NULL;
  g_autoptr (TnetTimetable) tt = bundled_timetable (net, scen, &feed);
  g_autoptr (TnetNodeSet) xc = tnet_node_set_resolve (net, "xuchang", &error);
  g_autoptr (TnetNodeSet) zz = tnet_node_set_resolve (net, "zhengzhou", &error);
  ck_assert (xc && zz);
  guint n = xc->zones->len;
  ck_assert_uint_gt (n, 2);
  for (guint threads = 1; threads <= 2; threads++)
    for (guint k = 0; k < 3; k++)
      {
        g_autoptr (GCancellable) cancel = g_cancellable_new ();
        if (k == 1)
          g_cancellable_cancel (cancel);
        /* one worker reports every origin; with two, how many reports
         * come before the last (done = n) depends on the timing: cancel on
         * the first */
        guint at = threads == 1 ? 2 : 1;
        ScanProgress sp = { 0, 0, n, k == 0 ? at : 0, cancel };
        TnetCriticalityOptions opts;
        tnet_criticality_options_init (&opts);
        opts.n_threads = threads;
        opts.progress = scan_progress;
        opts.progress_data = &sp;
        opts.cancellable = cancel;
        TnetCriticality *crit
          = tnet_corridor_criticality_timetable (net, scen, tt, "gtfs-2025", xc, zz, FALSE,
                                                 60 * 60000, NULL, &opts, &error);
        if (k == 2)
          {
            ck_assert_msg (crit != NULL, "%s", error ? error->message : "");
            ck_assert_uint_eq (sp.last_done, n);
            tnet_criticality_free (crit);
            continue;
          }
        ck_assert_ptr_null (crit);
        ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
        g_clear_error (&error);
        /* no report after the one that cancelled; one worker stops at
         * the next origin (two may have done them all by then) */
        ck_assert_uint_eq (sp.calls, k == 0 ? at : 0);
        if (threads == 1)
          ck_assert_uint_eq (sp.last_done, k == 0 ? 2 : 0);
      }
}
END_TEST

START_TEST (test_bundled_base_is_commute)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  g_autoptr (TnetFeed) feed = NULL;
  g_autoptr (TnetTimetable) tt = bundled_timetable (net, scen, &feed);
  g_autoptr (TnetNodeSet) xc = tnet_node_set_resolve (net, "xuchang", &error);
  g_autoptr (TnetNodeSet) zz = tnet_node_set_resolve (net, "zhengzhou", &error);
  ck_assert (xc && zz);
  static const TnetProfile prof[] = { TNET_PROFILE_TRANSIT };
  TnetMultimodal *graphs[1];
  ck_assert (tnet_commute_build_graphs (net, scen, NULL, NULL, prof, 1, graphs, &error));
  static const guint windows[] = { 0, 30 };
  static const double pcts[] = { 50, 80 };
  guint reached = 0;
  for (guint w = 0; w < 2; w++)
    {
      TnetRaptorFailuresOptions fo;
      tnet_raptor_failures_options_init (&fo);
      fo.n_minutes = windows[w];
      fo.percentile = pcts[w];
      for (int by_line = 0; by_line < 2; by_line++)
        {
          g_autoptr (TnetCriticality) crit
            = tnet_corridor_criticality_timetable (net, scen, tt, "gtfs-2025", xc, zz, by_line,
                                                   60 * 60000, &fo, NULL, &error);
          ck_assert_msg (crit != NULL, "%s", error ? error->message : "");
          TnetCommuteOptions co;
          tnet_commute_options_init (&co);
          co.timetable = tt;
          co.depart_s = fo.depart_s;
          co.window_ms = fo.n_minutes * 60000u;
          co.max_walk_ms = fo.max_walk_ms;
          co.timetable_percentile = fo.percentile;
          g_autoptr (TnetCommute) c
            = tnet_commute_compute_within (net, graphs, 1,
                                           (const TnetId *) (void *) xc->zones->data,
                                           xc->zones->len,
                                           (const TnetId *) (void *) zz->zones->data,
                                           zz->zones->len, TNET_COMMUTE_TO, 60 * 60000, &co,
                                           &error);
          ck_assert_msg (c != NULL, "%s", error ? error->message : "");
          guint p = 0;
          for (guint i = 0; i < xc->zones->len; i++)
            for (guint j = 0; j < zz->zones->len; j++)
              {
                TnetId o, d;
                ck_assert (tnet_corridor_pair_zones (xc, zz, p, &o, &d));
                ck_assert_uint_eq (o, g_array_index (xc->zones, TnetId, i));
                ck_assert_uint_eq (d, g_array_index (zz->zones, TnetId, j));
                TnetWeight want = tnet_commute_cell (c, 0, i, j)->total_ms;
                ck_assert_msg (tnet_criticality_base_time (crit, p) == want,
                               "pair %u: scan %u commute %u", p,
                               tnet_criticality_base_time (crit, p), want);
                reached += want != TNET_WEIGHT_INF;
                /* no time after a failure is below the base */
                for (guint r = 0; r < tnet_criticality_n_items (crit); r++)
                  ck_assert_uint_ge (tnet_criticality_time (crit, r, p), want);
                p++;
              }
          ck_assert_uint_eq (p, tnet_criticality_n_pairs (crit));
          ck_assert_uint_gt (tnet_criticality_n_items (crit), 0);
        }
    }
  ck_assert_uint_gt (reached, 20);
  tnet_multimodal_unref (graphs[0]);
}
END_TEST

/* Whether @l is driven by park-and-ride (expressway, trunk, road, access). */
static gboolean
is_car_link (const TnetLink *l)
{
  return l->mode == TNET_MODE_EXPRESSWAY || l->mode == TNET_MODE_TRUNK
         || l->mode == TNET_MODE_ROAD || l->mode == TNET_MODE_ACCESS;
}

/* The park-and-ride matrix from the zones of @a to those of @b (s, one
 * percentile), every pair but a zone with itself, in the scan's order. */
static GArray *
park_ride_cells (const TnetParkRide *pr, const TnetNetwork *net, const TnetNodeSet *a,
                 const TnetNodeSet *b, const TnetRaptorFailuresOptions *fo)
{
  guint na = a->zones->len, nb = b->zones->len;
  g_autofree gint32 *out = g_new (gint32, (gsize) na * nb);
  GError *error = NULL;
  ck_assert_msg (tnet_park_ride_matrix (pr, net, (const TnetId *) (void *) a->zones->data, na,
                                        (const TnetId *) (void *) b->zones->data, nb,
                                        fo->max_walk_ms, fo->depart_s, fo->n_minutes,
                                        &fo->percentile, 1, out, NULL, &error),
                 "%s", error ? error->message : "");
  GArray *cells = g_array_new (FALSE, FALSE, sizeof (TnetWeight));
  for (guint i = 0; i < na; i++)
    for (guint j = 0; j < nb; j++)
      if (g_array_index (a->zones, TnetId, i) != g_array_index (b->zones, TnetId, j))
        {
          gint32 s = out[(gsize) i * nb + j];
          TnetWeight ms = s == UNREACHED ? TNET_WEIGHT_INF : (TnetWeight) s * 1000;
          g_array_append_val (cells, ms);
        }
  return cells;
}

/* Park-and-ride on the bundled data (xuchang to zhengzhou, 2025): the
 * scan's base times are the park-and-ride matrix's (tnet_park_ride_matrix(),
 * as `tnet commute` computes them), at one departure and over a window;
 * and for every road and access link of the scenario, examined or not,
 * each pair's time with the link failed is the matrix computed from
 * scratch on a park-and-ride built with the link closed in the scenario
 * (tnet_scenario_close_link()). No time after a failure is below its
 * base, by link or by line. */
START_TEST (test_bundled_park_ride)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  g_autoptr (TnetFeed) feed = NULL;
  g_autoptr (TnetTimetable) tt = bundled_timetable (net, scen, &feed);
  g_autoptr (TnetNodeSet) xc = tnet_node_set_resolve (net, "xuchang", &error);
  g_autoptr (TnetNodeSet) zz = tnet_node_set_resolve (net, "zhengzhou", &error);
  ck_assert (xc && zz);
  g_autoptr (TnetParkRide) pr = tnet_park_ride_new (tt, net, scen, NULL, &error);
  ck_assert_msg (pr != NULL, "%s", error ? error->message : "");
  static const guint windows[] = { 0, 20 };
  static const double pcts[] = { 50, 80 };
  guint road_slower = 0, rail_slower = 0, line_slower = 0, reached = 0;
  for (guint w = 0; w < 2; w++)
    {
      TnetRaptorFailuresOptions fo;
      tnet_raptor_failures_options_init (&fo);
      fo.n_minutes = windows[w];
      fo.percentile = pcts[w];
      g_autoptr (GArray) base = park_ride_cells (pr, net, xc, zz, &fo);
      for (int by_line = 0; by_line < 2; by_line++)
        {
          g_autoptr (TnetCriticality) crit
            = tnet_corridor_criticality_park_ride (net, scen, pr, "gtfs-2025", xc, zz, by_line,
                                                   60 * 60000, &fo, NULL, &error);
          ck_assert_msg (crit != NULL, "%s", error ? error->message : "");
          guint np = tnet_criticality_n_pairs (crit);
          ck_assert_uint_eq (np, base->len);
          for (guint p = 0; p < np; p++)
            {
              TnetWeight want = g_array_index (base, TnetWeight, p);
              ck_assert_msg (tnet_criticality_base_time (crit, p) == want,
                             "pair %u: scan %" G_GUINT64_FORMAT " matrix %" G_GUINT64_FORMAT,
                             p, (guint64) tnet_criticality_base_time (crit, p),
                             (guint64) want);
              reached += want != TNET_WEIGHT_INF;
              for (guint r = 0; r < tnet_criticality_n_items (crit); r++)
                {
                  ck_assert_uint_ge (tnet_criticality_time (crit, r, p), want);
                  if (tnet_criticality_time (crit, r, p) == want)
                    continue;
                  TnetId e = tnet_criticality_item (crit, r)->element;
                  if (by_line)
                    line_slower++;
                  else if (!is_car_link (tnet_network_link (net, e)))
                    rail_slower++;
                }
            }
          ck_assert_uint_gt (tnet_criticality_n_items (crit), 0);
          if (by_line || w > 0)
            continue;
          /* every road and access link from scratch (one departure) */
          for (guint l = 0; l < tnet_network_n_links (net); l++)
            {
              const TnetLink *lk = tnet_network_link (net, l);
              if (!is_car_link (lk) || !tnet_scenario_link_active (scen, net, l))
                continue;
              g_autoptr (TnetScenario) closed = tnet_scenario_copy (scen);
              tnet_scenario_close_link (closed, lk->id);
              g_autoptr (TnetParkRide) prl = tnet_park_ride_new (tt, net, closed, NULL, &error);
              ck_assert_msg (prl != NULL, "%s", error ? error->message : "");
              g_autoptr (GArray) after = park_ride_cells (prl, net, xc, zz, &fo);
              for (guint p = 0; p < np; p++)
                {
                  TnetWeight got = tnet_criticality_element_time (crit, l, p);
                  TnetWeight exp = g_array_index (after, TnetWeight, p);
                  ck_assert_msg (got == exp, "link %s pair %u: scan %" G_GUINT64_FORMAT
                                 " from scratch %" G_GUINT64_FORMAT, lk->id, p,
                                 (guint64) got, (guint64) exp);
                  road_slower += exp != g_array_index (base, TnetWeight, p);
                }
            }
        }
    }
  ck_assert_uint_gt (reached, 20);
  /* not vacuous: closed roads, failed rail links and lines slow pairs */
  ck_assert_msg (road_slower >= 3 && rail_slower >= 10 && line_slower >= 10,
                 "road %u rail %u line %u", road_slower, rail_slower, line_slower);
}
END_TEST

static double
json_number (JsonObject *o, const char *key)
{
  JsonNode *n = json_object_get_member (o, key);
  return n && !json_node_is_null (n) ? json_node_get_double (n) : NAN;
}

/* The command: every worst pair of `tnet criticality --profile transit`
 * (and park_and_ride) has the time `tnet commute` gives it with the same
 * timetable (and park-and-ride) options: named on both (@defaults FALSE),
 * or none on either (both take their defaults from the plan's first
 * [commute] group: departing 07:00 over a 120-min window, walks of up to
 * its 60-min budget); and the output names the model. */
static void
check_cli_base_is_commute (const char *dir, const char *profile, gboolean defaults)
{
  gboolean pr = strcmp (profile, "park_and_ride") == 0;
  TtRun r = defaults
            ? tt_run_tnet ("criticality", "xuchang", "zhengzhou", "--profile", profile,
                           "--top", "50", "--threads", "2", "--format", "json", "--data", dir,
                           NULL)
            : tt_run_tnet ("criticality", "xuchang", "zhengzhou", "--profile", profile,
                           "--top", "50", "--threads", "2", "--depart", "08:00", "--window",
                           "10", "--max-walk", "15", "--drive-budget", "25", "--park-time", "4",
                           "--parking-radius", "500", "--format", "json", "--data", dir, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (JsonParser) jp = json_parser_new ();
  ck_assert (json_parser_load_from_data (jp, r.out, -1, NULL));
  JsonObject *root = json_node_get_object (json_parser_get_root (jp));
  ck_assert_str_eq (json_object_get_string_member (root, "model"), "timetable");
  ck_assert_str_eq (json_object_get_string_member (root, "profile"), profile);
  JsonObject *tto = json_object_get_object_member (root, "timetable");
  ck_assert_str_eq (json_object_get_string_member (tto, "depart"), defaults ? "07:00" : "08:00");
  ck_assert_int_eq (json_object_get_int_member (tto, "window_min"), defaults ? 120 : 10);
  ck_assert_double_eq (json_object_get_double_member (tto, "max_walk_min"), defaults ? 60 : 15);
  ck_assert (json_object_has_member (tto, "park_and_ride") == pr);
  if (pr)
    {
      JsonObject *pro = json_object_get_object_member (tto, "park_and_ride");
      ck_assert_int_eq (json_object_get_int_member (pro, "drive_budget_min"), defaults ? 30 : 25);
      ck_assert_int_eq (json_object_get_int_member (pro, "park_time_min"), defaults ? 5 : 4);
      ck_assert_int_eq (json_object_get_int_member (pro, "parking_radius_m"),
                        defaults ? 400 : 500);
    }
  TtRun c = defaults
            ? tt_run_tnet ("commute", "--origins", "region:xuchang", "--destinations",
                           "region:zhengzhou", "--profiles", profile, "--format", "csv",
                           "--data", dir, NULL)
            : tt_run_tnet ("commute", "--origins", "region:xuchang", "--destinations",
                           "region:zhengzhou", "--profiles", profile, "--depart", "08:00",
                           "--window", "10", "--max-walk", "15", "--drive-budget", "25",
                           "--park-time", "4", "--parking-radius", "500", "--format", "csv",
                         "--data", dir, NULL);
  ck_assert_msg (c.status == 0, "%s", c.err);
  g_autoptr (GPtrArray) rows = tt_csv_rows (c.out);
  char **head = rows->pdata[0];
  guint col_o = G_MAXUINT, col_d = G_MAXUINT, col_t = G_MAXUINT;
  for (guint k = 0; head[k]; k++)
    {
      if (strcmp (head[k], "origin") == 0)
        col_o = k;
      else if (strcmp (head[k], "destination") == 0)
        col_d = k;
      else if (strcmp (head[k], "minutes") == 0)
        col_t = k;
    }
  ck_assert_msg (col_o != G_MAXUINT && col_d != G_MAXUINT && col_t != G_MAXUINT, "%s", c.out);
  JsonArray *ranked = json_object_get_array_member (root, "ranked");
  ck_assert_uint_gt (json_array_get_length (ranked), 3);
  guint n_road = 0;
  for (guint i = 0; i < json_array_get_length (ranked); i++)
    {
      JsonObject *it = json_array_get_object_element (ranked, i);
      JsonObject *wp = json_object_get_object_member (it, "worst_pair");
      const char *from = json_object_get_string_member (wp, "from");
      const char *to = json_object_get_string_member (wp, "to");
      double before = json_number (wp, "before_min");
      gboolean found = FALSE;
      n_road += g_str_has_prefix (json_object_get_string_member (it, "link"), "l_s")
                || g_str_has_prefix (json_object_get_string_member (it, "link"), "a_");
      for (guint k = 1; k < rows->len; k++)
        {
          char **row = rows->pdata[k];
          if (strcmp (row[col_o], from) == 0 && strcmp (row[col_d], to) == 0)
            {
              ck_assert_msg (fabs (g_ascii_strtod (row[col_t], NULL) - before) < 1e-9,
                             "%s %s -> %s: criticality %.1f commute %s", profile, from, to,
                             before, row[col_t]);
              found = TRUE;
            }
        }
      ck_assert_msg (found, "%s -> %s not in the commute output", from, to);
    }
  /* by park-and-ride, closed roads (provincial roads, access links) rank */
  ck_assert (!pr || n_road > 0);
  tt_run_clear (&c);
  tt_run_clear (&r);
}

START_TEST (test_cli_base_is_commute)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  check_cli_base_is_commute (dir, "transit", FALSE);
  check_cli_base_is_commute (dir, "park_and_ride", FALSE);
  check_cli_base_is_commute (dir, "transit", TRUE);
  check_cli_base_is_commute (dir, "park_and_ride", TRUE);
  TtRun r;
  /* the text names the model; --frequency-model keeps the graph's scan */
  r = tt_run_tnet ("criticality", "xuchang", "zhengzhou", "--profile", "transit", "--top",
                   "1", "--data", dir, NULL);
  ck_assert_msg (r.status == 0 && strstr (r.out, "(timetable gtfs-2025") != NULL, "%s",
                 r.out);
  tt_run_clear (&r);
  r = tt_run_tnet ("criticality", "xuchang", "zhengzhou", "--profile", "transit", "--top",
                   "1", "--frequency-model", "--data", dir, NULL);
  ck_assert_msg (r.status == 0 && strstr (r.out, "(frequency approximation)") != NULL, "%s",
                 r.out);
  tt_run_clear (&r);
  /* park_and_ride: the timetable by default, with its options in the model */
  r = tt_run_tnet ("criticality", "xuchang", "zhengzhou", "--profile", "park_and_ride",
                   "--top", "1", "--data", dir, NULL);
  ck_assert_msg (r.status == 0 && strstr (r.out, "(timetable gtfs-2025") != NULL
                 && strstr (r.out, "drives up to 30 min to park 5 min within 400 m") != NULL,
                 "%s", r.out);
  tt_run_clear (&r);
  r = tt_run_tnet ("criticality", "xuchang", "zhengzhou", "--profile", "park_and_ride",
                   "--top", "1", "--frequency-model", "--data", dir, NULL);
  ck_assert_msg (r.status == 0 && strstr (r.out, "(frequency approximation)") != NULL, "%s",
                 r.out);
  tt_run_clear (&r);
  /* the park-and-ride options mean nothing to the approximation */
  r = tt_run_tnet ("criticality", "xuchang", "zhengzhou", "--profile", "park_and_ride",
                   "--frequency-model", "--drive-budget", "20", "--data", dir, NULL);
  ck_assert_msg (r.status == 2 && strstr (r.err, "--drive-budget") != NULL, "%d %s", r.status,
                 r.err);
  tt_run_clear (&r);
}
END_TEST

/* Collects every member named @name of arrays, anywhere under @node. */
static void
find_arrays (JsonNode *node, const char *name, GPtrArray *out)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *o = json_node_get_object (node);
      g_autoptr (GList) members = json_object_get_members (o);
      for (GList *l = members; l; l = l->next)
        {
          JsonNode *m = json_object_get_member (o, l->data);
          if (strcmp (l->data, name) == 0 && JSON_NODE_HOLDS_ARRAY (m))
            g_ptr_array_add (out, json_node_get_array (m));
          else
            find_arrays (m, name, out);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *a = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (a); i++)
        find_arrays (json_array_get_element (a, i), name, out);
    }
}

/* The report's transit critical links follow the timetable of its
 * [commute] group (07:00, a 120-minute window, walks up to the 60-minute
 * budget): each worst pair's time is `tnet commute`'s with those options,
 * and the text names the model. */
START_TEST (test_report_uses_timetable)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  TtRun r = tt_run_tnet ("report", "--format", "json", "--data", dir, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (JsonParser) jp = json_parser_new ();
  ck_assert (json_parser_load_from_data (jp, r.out, -1, NULL));
  /* the 2025 column (the feed gtfs-2025; 2020 has its own) */
  JsonObject *root = json_node_get_object (json_parser_get_root (jp));
  JsonNode *col = json_object_get_member (json_object_get_object_member (root, "scenarios"),
                                          "2025");
  ck_assert (col != NULL);
  g_autoptr (GPtrArray) lists = g_ptr_array_new ();
  find_arrays (col, "critical_links", lists);
  ck_assert_uint_eq (lists->len, 1);
  TtRun c = tt_run_tnet ("commute", "--origins", "region:xuchang", "--destinations",
                         "region:zhengzhou", "--profiles", "transit", "--depart", "07:00",
                         "--window", "120", "--max-walk", "60", "--format", "csv", "--data",
                         dir, NULL);
  ck_assert_msg (c.status == 0, "%s", c.err);
  g_autoptr (GPtrArray) rows = tt_csv_rows (c.out);
  guint checked = 0;
  for (guint l = 0; l < lists->len; l++)
    {
      JsonArray *a = lists->pdata[l];
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonObject *it = json_array_get_object_element (a, i);
          if (strcmp (json_object_get_string_member (it, "profile"), "transit") != 0)
            continue;
          JsonObject *wp = json_object_get_object_member (it, "worst_pair");
          const char *from = json_object_get_string_member (wp, "from");
          const char *to = json_object_get_string_member (wp, "to");
          double before = json_number (wp, "before_min");
          for (guint k = 1; k < rows->len; k++)
            {
              char **row = rows->pdata[k];   /* profile,origin,destination,minutes,... */
              if (strcmp (row[1], from) == 0 && strcmp (row[2], to) == 0)
                {
                  ck_assert_msg (fabs (g_ascii_strtod (row[3], NULL) - before) < 1e-9,
                                 "%s -> %s: report %.1f commute %s", from, to, before, row[3]);
                  checked++;
                }
            }
        }
    }
  ck_assert_uint_gt (checked, 3);
  tt_run_clear (&c);
  tt_run_clear (&r);
  r = tt_run_tnet ("report", "--data", dir, NULL);
  ck_assert_msg (r.status == 0 && strstr (r.out, "transit (18 zone pairs, budget 60 min, "
                                                 "timetable ") != NULL, "%s", r.out);
  tt_run_clear (&r);
}
END_TEST

/* The report's park-and-ride critical links follow the timetable with
 * the [commute] group's options (07:00, a 120-minute window, walks up to
 * the 60-minute budget, its drive budget, park time and parking radius):
 * its rows are those of `tnet criticality --profile park_and_ride` for the
 * same pair with the plan's defaults, and the text names the model. */
START_TEST (test_report_park_ride_uses_timetable)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  TtRun r = tt_run_tnet ("report", "--format", "json", "--data", dir, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (JsonParser) jp = json_parser_new ();
  ck_assert (json_parser_load_from_data (jp, r.out, -1, NULL));
  JsonObject *root = json_node_get_object (json_parser_get_root (jp));
  JsonNode *col = json_object_get_member (json_object_get_object_member (root, "scenarios"),
                                          "2025");
  ck_assert (col != NULL);
  g_autoptr (GPtrArray) lists = g_ptr_array_new ();
  find_arrays (col, "critical_links", lists);
  ck_assert_uint_eq (lists->len, 1);
  TtRun c = tt_run_tnet ("criticality", "xuchang", "zhengzhou", "--profile", "park_and_ride",
                         "--top", "10", "--format", "json", "--data", dir, NULL);
  ck_assert_msg (c.status == 0, "%s", c.err);
  g_autoptr (JsonParser) jc = json_parser_new ();
  ck_assert (json_parser_load_from_data (jc, c.out, -1, NULL));
  JsonObject *croot = json_node_get_object (json_parser_get_root (jc));
  ck_assert_str_eq (json_object_get_string_member (croot, "model"), "timetable");
  JsonArray *ranked = json_object_get_array_member (croot, "ranked");
  JsonArray *a = lists->pdata[0];
  guint n = 0;
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *it = json_array_get_element (a, i);
      if (strcmp (json_object_get_string_member (json_node_get_object (it), "profile"),
                  "park_and_ride") != 0)
        continue;
      ck_assert_uint_lt (n, json_array_get_length (ranked));
      g_autofree char *got = json_to_string (it, FALSE);
      g_autofree char *want = json_to_string (json_array_get_element (ranked, n), FALSE);
      ck_assert_msg (strcmp (got, want) == 0, "row %u: report %s\ncriticality %s", n, got,
                     want);
      n++;
    }
  ck_assert_uint_eq (n, MIN (10u, json_array_get_length (ranked)));
  ck_assert_uint_gt (n, 3);
  tt_run_clear (&c);
  tt_run_clear (&r);
  r = tt_run_tnet ("report", "--data", dir, NULL);
  ck_assert_msg (r.status == 0 && strstr (r.out, "park_and_ride (18 zone pairs, budget 60 min, "
                                                 "timetable gtfs-2025") != NULL
                 && strstr (r.out, "drives up to 30 min to park 5 min within 400 m") != NULL,
                 "%s", r.out);
  tt_run_clear (&r);
}
END_TEST

/* Corridor alternatives by the timetable on the bundled data: for every
 * ordered pair of regions, at one departure and over a window, the first
 * alternative's time is the least commute cell by the timetable
 * (tnet_commute_compute_within(), another code path) of the zone pairs, its own
 * pair's cell is that time, and no later alternative is faster. */
START_TEST (test_bundled_alternatives_are_commute)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  g_autoptr (TnetFeed) feed = NULL;
  g_autoptr (TnetTimetable) tt = bundled_timetable (net, scen, &feed);
  static const TnetProfile prof[] = { TNET_PROFILE_TRANSIT };
  TnetMultimodal *graphs[1];
  ck_assert (tnet_commute_build_graphs (net, scen, NULL, NULL, prof, 1, graphs, &error));
  static const char *const regions[] = { "xuchang", "zhengzhou", "airport", "other" };
  static const guint windows[] = { 0, 30 };
  static const double pcts[] = { 50, 80 };
  guint checked = 0, later = 0;
  for (guint w = 0; w < 2; w++)
    for (guint ra = 0; ra < G_N_ELEMENTS (regions); ra++)
      for (guint rb = 0; rb < G_N_ELEMENTS (regions); rb++)
        {
          if (ra == rb)
            continue;
          g_autoptr (TnetNodeSet) a = tnet_node_set_resolve (net, regions[ra], &error);
          g_autoptr (TnetNodeSet) b = tnet_node_set_resolve (net, regions[rb], &error);
          ck_assert (a && b);
          TnetRaptorFailuresOptions fo;
          tnet_raptor_failures_options_init (&fo);
          fo.n_minutes = windows[w];
          fo.percentile = pcts[w];
          g_autoptr (TnetCorridor) corr
            = tnet_corridor_analyse_timetable (net, scen, tt, "gtfs-2025",
                                               TNET_MODES_RAIL | TNET_MODES_ROAD, a, b, 4,
                                               60 * 60000, 1.5, (ra + rb + w) % 2
                                               ? TNET_RAPTOR_DISJOINT_LINES
                                               : TNET_RAPTOR_DISJOINT_HOPS, &fo, &error);
          ck_assert_msg (corr != NULL, "%s", error ? error->message : "");
          TnetCommuteOptions co;
          tnet_commute_options_init (&co);
          co.timetable = tt;
          co.depart_s = fo.depart_s;
          co.window_ms = fo.n_minutes * 60000u;
          co.max_walk_ms = fo.max_walk_ms;
          co.timetable_percentile = fo.percentile;
          g_autoptr (TnetCommute) c
            = tnet_commute_compute_within (net, graphs, 1,
                                           (const TnetId *) (void *) a->zones->data,
                                           a->zones->len,
                                           (const TnetId *) (void *) b->zones->data,
                                           b->zones->len, TNET_COMMUTE_TO, 600 * 60000, &co,
                                           &error);
          ck_assert_msg (c != NULL, "%s", error ? error->message : "");
          TnetWeight best = TNET_WEIGHT_INF;
          for (guint i = 0; i < a->zones->len; i++)
            for (guint j = 0; j < b->zones->len; j++)
              if (g_array_index (a->zones, TnetId, i) != g_array_index (b->zones, TnetId, j))
                best = MIN (best, tnet_commute_cell (c, 0, i, j)->total_ms);
          if (best == TNET_WEIGHT_INF)
            {
              ck_assert_uint_eq (corr->journeys->len, 0);
              continue;
            }
          ck_assert_uint_gt (corr->journeys->len, 0);
          const TnetRaptorAlternative *first = &g_array_index (corr->journeys,
                                                               TnetRaptorAlternative, 0);
          ck_assert_msg ((TnetWeight) first->time_s * 1000 == best,
                         "%s -> %s window %u: first alternative %d s, commute %u ms",
                         regions[ra], regions[rb], windows[w], first->time_s, best);
          /* its own pair's cell */
          guint i = 0, j = 0;
          while (g_array_index (a->zones, TnetId, i) != first->origin)
            i++;
          while (g_array_index (b->zones, TnetId, j) != first->destination)
            j++;
          ck_assert_uint_eq (tnet_commute_cell (c, 0, i, j)->total_ms, best);
          for (guint k = 1; k < corr->journeys->len; k++)
            {
              ck_assert_int_ge (g_array_index (corr->journeys, TnetRaptorAlternative,
                                               k).time_s, first->time_s);
              later++;
            }
          checked++;
        }
  ck_assert_uint_gt (checked, 12);
  ck_assert_uint_gt (later, 10);
  tnet_multimodal_unref (graphs[0]);
}
END_TEST

/* The command: the first alternative of `tnet corridors --profile transit`
 * (one departure) is `tnet route --profile transit` between its two zones
 * with the same options, and the text and JSON name the timetable model;
 * with --frequency-model, and in a folder without a feed, the output is
 * the frequency approximation's, the same both ways. */
START_TEST (test_cli_corridors_timetable)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  static const char *const pairs[][2] = { { "xuchang", "zhengzhou" }, { "zhengzhou", "airport" },
                                          { "other", "xuchang" } };
  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    {
      TtRun r = tt_run_tnet ("corridors", pairs[p][0], pairs[p][1], "--profile", "transit",
                             "--depart", "07:30", "--window", "0", "--max-walk", "20",
                             "--format", "json", "--data", dir, NULL);
      ck_assert_msg (r.status == 0, "%s", r.err);
      g_autoptr (JsonParser) jp = json_parser_new ();
      ck_assert (json_parser_load_from_data (jp, r.out, -1, NULL));
      JsonObject *root = json_node_get_object (json_parser_get_root (jp));
      ck_assert_str_eq (json_object_get_string_member (root, "model"), "timetable");
      JsonObject *tto = json_object_get_object_member (root, "timetable");
      ck_assert_str_eq (json_object_get_string_member (tto, "depart"), "07:30");
      ck_assert_str_eq (json_object_get_string_member (tto, "disjoint"), "hops");
      JsonArray *paths = json_object_get_array_member (json_object_get_object_member (root,
                                                                                      "least_time"),
                                                       "paths");
      ck_assert_uint_gt (json_array_get_length (paths), 1);
      JsonObject *p0 = json_array_get_object_element (paths, 0);
      TtRun q = tt_run_tnet ("route", json_object_get_string_member (p0, "from"),
                             json_object_get_string_member (p0, "to"), "--profile", "transit",
                             "--depart", "07:30", "--max-walk", "20", "--format", "json",
                             "--data", dir, NULL);
      ck_assert_msg (q.status == 0, "%s", q.err);
      g_autoptr (JsonParser) jq = json_parser_new ();
      ck_assert (json_parser_load_from_data (jq, q.out, -1, NULL));
      JsonObject *rq = json_node_get_object (json_parser_get_root (jq));
      ck_assert_msg (fabs (json_number (rq, "total_min") - json_number (p0, "minutes")) < 1e-9,
                     "%s: route %.1f corridors %.1f", pairs[p][0], json_number (rq, "total_min"),
                     json_number (p0, "minutes"));
      for (guint i = 1; i < json_array_get_length (paths); i++)
        ck_assert (json_number (json_array_get_object_element (paths, i), "minutes")
                   >= json_number (p0, "minutes"));
      ck_assert_uint_gt (json_array_get_length (json_object_get_array_member (p0, "legs")), 0);
      tt_run_clear (&q);
      tt_run_clear (&r);
    }
  TtRun r = tt_run_tnet ("corridors", "xuchang", "zhengzhou", "--profile", "transit", "--data",
                         dir, NULL);
  ck_assert_msg (r.status == 0 && strstr (r.out, "profile transit, timetable gtfs-2025")
                 != NULL, "%s", r.out);
  tt_run_clear (&r);
  /* the frequency approximation: asked for, or for want of a feed */
  TtRun f = tt_run_tnet ("corridors", "xuchang", "zhengzhou", "--profile", "transit",
                         "--frequency-model", "--format", "json", "--data", dir, NULL);
  ck_assert_msg (f.status == 0 && strstr (f.out, "\"model\" : \"frequency approximation\"")
                 != NULL, "%s", f.out);
  char *copy = tt_mkdtemp ();
  static const char *const files[] = { "nodes.csv", "links.csv", "regions.csv", "plan.ini",
                                       "corridors.csv", "units.csv", "targets.csv",
                                       "hubs.csv", "hub_walks.csv", "structures.csv" };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *src = g_build_filename (dir, files[i], NULL);
      g_autofree char *text = NULL;
      if (g_file_get_contents (src, &text, NULL, NULL))
        tt_write_file (copy, files[i], text);
    }
  /* without a feed the approximation has no service, so compare there */
  TtRun n = tt_run_tnet ("corridors", "xuchang", "zhengzhou", "--profile", "transit",
                         "--format", "json", "--data", copy, NULL);
  ck_assert_msg (n.status == 0, "%s", n.err);
  ck_assert_msg (strstr (n.err, "frequency approximation") != NULL, "%s", n.err);
  TtRun nf = tt_run_tnet ("corridors", "xuchang", "zhengzhou", "--profile", "transit",
                          "--frequency-model", "--format", "json", "--data", copy, NULL);
  ck_assert_msg (nf.status == 0, "%s", nf.err);
  ck_assert_msg (strcmp (n.out, nf.out) == 0, "fallback and --frequency-model differ");
  ck_assert (strstr (n.out, "\"model\" : \"frequency approximation\"") != NULL);
  tt_run_clear (&nf);
  tt_run_clear (&n);
  n = tt_run_tnet ("corridors", "xuchang", "zhengzhou", "--profile", "transit",
                   "--frequency-model", "--depart", "07:00", "--data", dir, NULL);
  ck_assert_int_ne (n.status, 0);
  tt_run_clear (&n);
  tt_run_clear (&f);
  tt_rm_rf (copy);
  g_free (copy);
}
END_TEST

/* The command by park-and-ride: with no options and with the plan's values
 * written out, the first alternative of `tnet corridors --profile
 * park_and_ride` is the least `tnet commute --profiles park_and_ride` cell
 * of the zone pairs (not a zone with itself), its own pair's cell is that
 * time, no later one is faster, and the JSON names the timetable and the
 * park-and-ride options; with --frequency-model the approximation. */
START_TEST (test_cli_corridors_park_ride)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  static const char *const pairs[][2] = { { "xuchang", "zhengzhou" }, { "zhengzhou", "xuchang" } };
  guint n_drives = 0;
  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    for (int written = 0; written < 2; written++)
      {
        TtRun r = written
                  ? tt_run_tnet ("corridors", pairs[p][0], pairs[p][1], "--profile",
                                 "park_and_ride", "--depart", "07:00", "--window", "120",
                                 "--max-walk", "60", "--drive-budget", "30", "--park-time", "5",
                                 "--parking-radius", "400", "--format", "json", "--data", dir,
                                 NULL)
                  : tt_run_tnet ("corridors", pairs[p][0], pairs[p][1], "--profile",
                                 "park_and_ride", "--format", "json", "--data", dir, NULL);
        ck_assert_msg (r.status == 0, "%s", r.err);
        g_autoptr (JsonParser) jp = json_parser_new ();
        ck_assert (json_parser_load_from_data (jp, r.out, -1, NULL));
        JsonObject *root = json_node_get_object (json_parser_get_root (jp));
        ck_assert_str_eq (json_object_get_string_member (root, "model"), "timetable");
        ck_assert_str_eq (json_object_get_string_member (root, "profile"), "park_and_ride");
        JsonObject *tto = json_object_get_object_member (root, "timetable");
        ck_assert_str_eq (json_object_get_string_member (tto, "depart"), "07:00");
        JsonObject *pro = json_object_get_object_member (tto, "park_and_ride");
        ck_assert_int_eq (json_object_get_int_member (pro, "drive_budget_min"), 30);
        ck_assert_int_eq (json_object_get_int_member (pro, "park_time_min"), 5);
        ck_assert_int_eq (json_object_get_int_member (pro, "parking_radius_m"), 400);
        JsonArray *paths
          = json_object_get_array_member (json_object_get_object_member (root, "least_time"),
                                          "paths");
        ck_assert_uint_gt (json_array_get_length (paths), 1);
        TtRun c = tt_run_tnet ("commute", "--origins", pairs[p][0][0] == 'x' ? "region:xuchang"
                               : "region:zhengzhou", "--destinations", pairs[p][1][0] == 'x'
                               ? "region:xuchang" : "region:zhengzhou", "--profiles",
                               "park_and_ride", "--format", "csv", "--data", dir, NULL);
        ck_assert_msg (c.status == 0, "%s", c.err);
        g_autoptr (GPtrArray) rows = tt_csv_rows (c.out);
        JsonObject *p0 = json_array_get_object_element (paths, 0);
        double least = INFINITY, own = NAN;
        for (guint k = 1; k < rows->len; k++)
          {
            char **row = rows->pdata[k];   /* profile,origin,destination,minutes,... */
            if (strcmp (row[1], row[2]) == 0 || row[3][0] == '\0')
              continue;
            double t = g_ascii_strtod (row[3], NULL);
            least = MIN (least, t);
            if (strcmp (row[1], json_object_get_string_member (p0, "from")) == 0
                && strcmp (row[2], json_object_get_string_member (p0, "to")) == 0)
              own = t;
          }
        ck_assert_msg (fabs (json_number (p0, "minutes") - least) < 1e-9
                       && fabs (own - least) < 1e-9, "%s -> %s: corridors %.1f, commute "
                       "least %.1f, own pair %.1f", pairs[p][0], pairs[p][1],
                       json_number (p0, "minutes"), least, own);
        for (guint i = 0; i < json_array_get_length (paths); i++)
          {
            JsonObject *pi = json_array_get_object_element (paths, i);
            ck_assert (json_number (pi, "minutes") >= json_number (p0, "minutes"));
            JsonArray *legs = json_object_get_array_member (pi, "legs");
            if (json_array_get_length (legs) > 0
                && strcmp (json_object_get_string_member (json_array_get_object_element (legs,
                                                                                          0),
                                                          "kind"), "drive") == 0)
              n_drives++;
          }
        tt_run_clear (&c);
        tt_run_clear (&r);
      }
  ck_assert_uint_gt (n_drives, 0);
  TtRun f = tt_run_tnet ("corridors", "xuchang", "zhengzhou", "--profile", "park_and_ride",
                         "--frequency-model", "--data", dir, NULL);
  ck_assert_msg (f.status == 0 && strstr (f.out, "frequency approximation") != NULL, "%s",
                 f.out);
  tt_run_clear (&f);
  f = tt_run_tnet ("corridors", "xuchang", "zhengzhou", "--profile", "park_and_ride", "--data",
                   dir, NULL);
  ck_assert_msg (f.status == 0 && strstr (f.out, "profile park_and_ride, timetable gtfs-2025")
                 != NULL && strstr (f.out, "drives up to 30 min to park 5 min within 400 m")
                 != NULL && strstr (f.out, ", park\n") != NULL, "%s", f.out);
  tt_run_clear (&f);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("raptor-failure");
  TCase *k = tcase_create ("oracle");
  tcase_set_timeout (k, 600);
  tcase_add_test (k, test_random_feeds);
  tcase_add_test (k, test_caltrain);
  tcase_add_test (k, test_mask_cleared);
  tcase_add_test (k, test_alternatives_random);
  suite_add_tcase (s, k);
  TCase *b = tcase_create ("bundled");
  tcase_set_timeout (b, 600);
  tcase_add_test (b, test_bundled_base_is_commute);
  tcase_add_test (b, test_bundled_scan_cancel);
  tcase_add_test (b, test_bundled_park_ride);
  tcase_add_test (b, test_cli_base_is_commute);
  tcase_add_test (b, test_report_uses_timetable);
  tcase_add_test (b, test_bundled_alternatives_are_commute);
  tcase_add_test (b, test_cli_corridors_timetable);
  tcase_add_test (b, test_cli_corridors_park_ride);
  tcase_add_test (b, test_report_park_ride_uses_timetable);
  suite_add_tcase (s, b);
  return tt_run_suite (s);
}
