/* test-raptor-stop.c: stopping a timetable query (TnetRaptorStop). A range
 * query, a matrix and an isochrone given an expired deadline, a cancelled
 * cancellable (cancelled before, by the matrix's progress function, or
 * from another thread while the query runs), return FALSE with
 * G_IO_ERROR_CANCELLED, and the workspace answers the next query as a fresh
 * one would. A query that is not stopped gives what the brute-force
 * time-expanded Dijkstra of timetable-oracle.c gives for every minute (the
 * range) and what the plain functions give (matrix, isochrone). An
 * isochrone's walks before its first round are stopped too. */
#include "tests-common.h"
#include "timetable-oracle.h"

#include <gio/gio.h>

/* The Caltrain fixture on a weekday, and its oracle. */
typedef struct {
  TnetFeed *feed;
  TnetTimetable *tt;
  Oracle *o;
} Fixture;

static void
fixture_load (Fixture *f)
{
  g_autofree char *path = tt_source_path ("tests/data/caltrain/caltrain_gtfs.zip");
  GError *error = NULL;
  TnetFeedOptions fo;
  tnet_feed_options_init (&fo);
  fo.service_date = 20090908;
  f->feed = tnet_feed_load (path, &fo, &error);
  ck_assert_msg (f->feed != NULL, "%s", error ? error->message : "");
  const TnetFeed *feeds[] = { f->feed };
  TnetTimetableOptions to;
  tnet_timetable_options_init (&to);
  f->tt = tnet_timetable_build (feeds, 1, &to, &error);
  ck_assert_msg (f->tt != NULL, "%s", error ? error->message : "");
  f->o = oracle_new (feeds, 1, 20090908, &to);
}

static void
fixture_clear (Fixture *f)
{
  oracle_free (f->o);
  tnet_timetable_unref (f->tt);
  tnet_feed_unref (f->feed);
}

/* A served stop of the fixture (one with boardable departures). */
static TnetId
served_stop (const Oracle *o, guint k)
{
  for (TnetId s = 0; s < o->n_stops; s++)
    if (o->wait_first[s + 1] > o->wait_first[s] && k-- == 0)
      return s;
  ck_abort_msg ("no served stop");
  return TNET_ID_NONE;
}

/* The range series of @origin over @n_minutes from @dep0 by the oracle,
 * minute by minute: travel seconds, UNREACHED where none. */
static gint32 *
oracle_range (const Oracle *o, TnetId origin, gint32 dep0, guint n_minutes, guint *n_reached)
{
  guint n = o->n_stops;
  TnetStopWalk acc = { origin, 0 };
  gint32 *want = g_new (gint32, (gsize) n * n_minutes);
  *n_reached = 0;
  for (guint m = 0; m < n_minutes; m++)
    {
      gint32 dep = dep0 + 60 * (gint32) m, *w = want + (gsize) m * n;
      oracle_run (o, &acc, 1, dep, w);
      for (guint s = 0; s < n; s++)
        if (w[s] != UNREACHED)
          {
            w[s] -= dep;
            (*n_reached)++;
          }
    }
  return want;
}

static void
assert_cancelled (GError *error, const char *words)
{
  ck_assert (error != NULL);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert_msg (strstr (error->message, words) != NULL, "message '%s' lacks '%s'",
                 error->message, words);
}

START_TEST (test_range_expired_deadline)
{
  Fixture f;
  fixture_load (&f);
  guint n = tnet_timetable_n_stops (f.tt), n_min = 30, reached;
  TnetId origin = served_stop (f.o, 3);
  gint32 dep0 = 7 * 3600 + 30 * 60;
  g_autofree gint32 *want = oracle_range (f.o, origin, dep0, n_min, &reached);
  ck_assert_uint_gt (reached, n_min * 5);   /* not vacuous */
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (f.tt);
  g_autofree gint32 *out = g_new (gint32, (gsize) n * n_min);
  TnetStopWalk acc = { origin, 0 };

  /* a deadline already past: stopped, named as a deadline */
  TnetRaptorStop stop;
  tnet_raptor_stop_init (&stop);
  stop.deadline_us = g_get_monotonic_time () - 1;
  GError *error = NULL;
  ck_assert (!tnet_raptor_run_range (ws, &acc, 1, dep0, n_min, NULL, 0, n, out,
                                     &stop, &error));
  assert_cancelled (error, "deadline");
  g_clear_error (&error);

  /* the same workspace, a deadline an hour away: the oracle's series */
  stop.deadline_us = g_get_monotonic_time () + (gint64) 3600 * G_USEC_PER_SEC;
  ck_assert (tnet_raptor_run_range (ws, &acc, 1, dep0, n_min, NULL, 0, n, out,
                                    &stop, &error));
  ck_assert (error == NULL);
  for (gsize k = 0; k < (gsize) n * n_min; k++)
    ck_assert_msg (out[k] == want[k], "minute %zu stop %zu: %d, oracle %d", k / n, k % n,
                   out[k], want[k]);

  /* no stop at all (NULL) and no error: the same series */
  memset (out, 0, sizeof (gint32) * n * n_min);
  ck_assert (tnet_raptor_run_range (ws, &acc, 1, dep0, n_min, NULL, 0, n, out,
                                    NULL, NULL));
  ck_assert (memcmp (out, want, sizeof (gint32) * n * n_min) == 0);
  fixture_clear (&f);
}
END_TEST

START_TEST (test_range_cancelled)
{
  Fixture f;
  fixture_load (&f);
  guint n = tnet_timetable_n_stops (f.tt), n_min = 20, reached;
  TnetId origin = served_stop (f.o, 5);
  gint32 dep0 = 17 * 3600;
  g_autofree gint32 *want = oracle_range (f.o, origin, dep0, n_min, &reached);
  ck_assert_uint_gt (reached, 0);
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (f.tt);
  g_autofree gint32 *out = g_new (gint32, (gsize) n * n_min);
  TnetStopWalk acc = { origin, 0 };
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  TnetRaptorStop stop;
  tnet_raptor_stop_init (&stop);
  stop.cancellable = cancel;
  /* not cancelled yet: the oracle's series */
  ck_assert (tnet_raptor_run_range (ws, &acc, 1, dep0, n_min, NULL, 0, n, out,
                                    &stop, NULL));
  ck_assert (memcmp (out, want, sizeof (gint32) * n * n_min) == 0);
  /* cancelled: stopped, named as a cancellation (no deadline) */
  g_cancellable_cancel (cancel);
  GError *error = NULL;
  ck_assert (!tnet_raptor_run_range (ws, &acc, 1, dep0, n_min, NULL, 0, n, out,
                                     &stop, &error));
  assert_cancelled (error, "cancelled");
  g_clear_error (&error);
  /* then the workspace answers as before */
  ck_assert (tnet_raptor_run_range (ws, &acc, 1, dep0, n_min, NULL, 0, n, out,
                                    NULL, &error));
  ck_assert (memcmp (out, want, sizeof (gint32) * n * n_min) == 0);
  fixture_clear (&f);
}
END_TEST

static gpointer
cancel_soon (gpointer data)
{
  g_usleep (20000);
  g_cancellable_cancel (data);
  return NULL;
}

/* A cancellable cancelled by another thread while queries over the whole
 * day run one after another: one of them stops (within the loop's bound,
 * far more than 20 ms of queries) and says why. */
START_TEST (test_range_cancelled_from_thread)
{
  Fixture f;
  fixture_load (&f);
  guint n = tnet_timetable_n_stops (f.tt), n_min = 24 * 60;
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (f.tt);
  g_autofree gint32 *out = g_new (gint32, (gsize) n * n_min);
  TnetStopWalk acc = { served_stop (f.o, 0), 0 };
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  TnetRaptorStop stop;
  tnet_raptor_stop_init (&stop);
  stop.cancellable = cancel;
  GThread *t = g_thread_new ("cancel", cancel_soon, cancel);
  GError *error = NULL;
  gboolean stopped = FALSE;
  gint64 t0 = g_get_monotonic_time ();
  for (guint i = 0; i < 100000 && !stopped; i++)
    stopped = !tnet_raptor_run_range (ws, &acc, 1, 0, n_min, NULL, 0, n, out,
                                      &stop, &error);
  g_thread_join (t);
  ck_assert (stopped);
  assert_cancelled (error, "cancelled");
  g_clear_error (&error);
  ck_assert_int_lt (g_get_monotonic_time () - t0, (gint64) 60 * G_USEC_PER_SEC);
  fixture_clear (&f);
}
END_TEST

typedef struct {
  guint64 after;          /* cancel @cancel once this many origins are done */
  guint64 total;          /* the matrix's origins */
  guint calls;
  GCancellable *cancel;
} StopAfter;

/* Called before each origin with the origins done so far (0, 1, ...):
 * cancels after @after origins. */
static void
stop_after (guint64 done, guint64 total, const char *what, const char *unit, gpointer data)
{
  StopAfter *sa = data;
  ck_assert_str_eq (what, "timetable matrix");
  ck_assert_str_eq (unit, "origins");
  ck_assert_uint_eq (total, sa->total);
  ck_assert_uint_eq (done, sa->calls);
  sa->calls++;
  if (done == sa->after)
    g_cancellable_cancel (sa->cancel);
}

/* The places of the matrix: served stops shifted by about 100 m. */
static double *
places (const Oracle *o, guint n, guint skip)
{
  double *p = g_new (double, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      TnetId s = served_stop (o, skip + 2 * i);
      p[2 * i] = o->lon[s] + 0.001;
      p[2 * i + 1] = o->lat[s];
    }
  return p;
}

START_TEST (test_matrix_and_isochrone)
{
  Fixture f;
  fixture_load (&f);
  const guint no = 4, nd = 5, n_min = 20;
  const double pcts[] = { 5, 50, 95 };
  g_autofree double *op = places (f.o, no, 0);
  g_autofree double *dp = places (f.o, nd, 1);
  gint32 dep0 = 7 * 3600 + 30 * 60;
  gsize n_cells = (gsize) no * nd * 3;
  g_autofree gint32 *want = g_new (gint32, n_cells);
  g_autofree gint32 *out = g_new (gint32, n_cells);
  tnet_timetable_matrix (f.tt, op, no, dp, nd, 15 * 60000, dep0, n_min, pcts, 3, want, NULL,
                         NULL);
  guint reached = 0;
  for (gsize k = 0; k < n_cells; k++)
    reached += want[k] != UNREACHED;
  ck_assert_uint_gt (reached, n_cells / 4);

  /* a cancellable that the progress function cancels once two origins
   * are through: stopped before the third */
  g_autoptr (GCancellable) by_progress = g_cancellable_new ();
  StopAfter sa = { 2, no, 0, by_progress };
  TnetRaptorStop stop;
  tnet_raptor_stop_init (&stop);
  stop.progress = stop_after;
  stop.progress_data = &sa;
  stop.cancellable = by_progress;
  GError *error = NULL;
  ck_assert (!tnet_timetable_matrix (f.tt, op, no, dp, nd, 15 * 60000, dep0, n_min,
                                     pcts, 3, out, &stop, &error));
  /* stopped by the check after the report (the matrix's message), not
   * by the range query's own */
  assert_cancelled (error, "the timetable matrix was cancelled");
  g_clear_error (&error);
  ck_assert_uint_eq (sa.calls, 3);
  /* already cancelled: stopped after the first report */
  sa = (StopAfter) { no, no, 0, by_progress };
  ck_assert (!tnet_timetable_matrix (f.tt, op, no, dp, nd, 15 * 60000, dep0, n_min,
                                     pcts, 3, out, &stop, &error));
  assert_cancelled (error, "the timetable matrix was cancelled");
  g_clear_error (&error);
  ck_assert_uint_eq (sa.calls, 1);
  /* an expired deadline */
  tnet_raptor_stop_init (&stop);
  stop.deadline_us = 1;
  ck_assert (!tnet_timetable_matrix (f.tt, op, no, dp, nd, 15 * 60000, dep0, n_min,
                                     pcts, 3, out, &stop, &error));
  assert_cancelled (error, "deadline");
  g_clear_error (&error);
  /* all origins through, a far deadline: the plain matrix */
  stop.deadline_us = g_get_monotonic_time () + (gint64) 3600 * G_USEC_PER_SEC;
  g_autoptr (GCancellable) idle = g_cancellable_new ();
  sa = (StopAfter) { no, no, 0, idle };
  stop.progress = stop_after;
  stop.progress_data = &sa;
  stop.cancellable = idle;
  ck_assert (tnet_timetable_matrix (f.tt, op, no, dp, nd, 15 * 60000, dep0, n_min,
                                    pcts, 3, out, &stop, &error));
  ck_assert (memcmp (out, want, sizeof (gint32) * n_cells) == 0);
  ck_assert_uint_eq (sa.calls, no);

  /* the isochrone from one source is the matrix's row of that origin */
  g_autofree gint32 *iso = g_new (gint32, nd * 3);
  tnet_raptor_stop_init (&stop);
  stop.deadline_us = 1;
  ck_assert (!tnet_timetable_isochrone (f.tt, op + 2, 1, dp, nd, 15 * 60000, dep0,
                                        n_min, pcts, 3, iso, &stop, &error));
  assert_cancelled (error, "deadline");
  g_clear_error (&error);
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  stop.deadline_us = 0;
  stop.cancellable = cancel;
  ck_assert (tnet_timetable_isochrone (f.tt, op + 2, 1, dp, nd, 15 * 60000, dep0,
                                       n_min, pcts, 3, iso, &stop, &error));
  ck_assert (memcmp (iso, want + (gsize) 1 * nd * 3, sizeof (gint32) * nd * 3) == 0);
  g_cancellable_cancel (cancel);
  ck_assert (!tnet_timetable_isochrone (f.tt, op + 2, 1, dp, nd, 15 * 60000, dep0,
                                        n_min, pcts, 3, iso, &stop, &error));
  assert_cancelled (error, "cancelled");
  g_clear_error (&error);
  fixture_clear (&f);
}
END_TEST

/* @n points scattered (a fixed sequence) within about 5 km of the
 * fixture's served stops, lon and lat in turn. */
static double *
scattered (const Oracle *o, guint n, guint seed)
{
  double *p = g_new (double, 2 * n);
  g_autoptr (GRand) r = g_rand_new_with_seed (seed);
  for (guint i = 0; i < n; i++)
    {
      TnetId s = served_stop (o, g_rand_int_range (r, 0, 10));
      p[2 * i] = o->lon[s] + g_rand_double_range (r, -0.05, 0.05);
      p[2 * i + 1] = o->lat[s] + g_rand_double_range (r, -0.05, 0.05);
    }
  return p;
}

/* Many sources and places, a walk of up to two hours and one minute: the
 * walks before the first round are about all the work. A stop that is due
 * when the query starts ends it before them (a check before the rounds
 * only would let them all run first: about the unstopped time). */
START_TEST (test_isochrone_walks_stopped)
{
  Fixture f;
  fixture_load (&f);
  const guint n_src = 200, n_places = 60000;
  const double pct = 50;
  g_autofree double *src = scattered (f.o, n_src, 7);
  g_autofree double *pl = scattered (f.o, n_places, 8);
  g_autofree gint32 *out = g_new (gint32, n_places);
  gint32 dep = 8 * 3600;
  gint64 t0 = g_get_monotonic_time ();
  ck_assert (tnet_timetable_isochrone (f.tt, src, n_src, pl, n_places, 7200000, dep,
                                       1, &pct, 1, out, NULL, NULL));
  gint64 full = g_get_monotonic_time () - t0;
  guint reached = 0;
  for (guint i = 0; i < n_places; i++)
    reached += out[i] != UNREACHED;
  ck_assert_uint_gt (reached, n_places / 2);   /* the walks did find stops */

  TnetRaptorStop stop;
  tnet_raptor_stop_init (&stop);
  stop.deadline_us = 1;
  GError *error = NULL;
  t0 = g_get_monotonic_time ();
  ck_assert (!tnet_timetable_isochrone (f.tt, src, n_src, pl, n_places, 7200000, dep,
                                        1, &pct, 1, out, &stop, &error));
  gint64 stopped = g_get_monotonic_time () - t0;
  assert_cancelled (error, "deadline");
  g_clear_error (&error);
  /* a cancellable cancelled by another thread while the walks run */
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  tnet_raptor_stop_init (&stop);
  stop.cancellable = cancel;
  GThread *t = g_thread_new ("cancel", cancel_soon, cancel);
  t0 = g_get_monotonic_time ();
  gboolean ok = tnet_timetable_isochrone (f.tt, src, n_src, pl, n_places, 7200000, dep,
                                          1, &pct, 1, out, &stop, &error);
  gint64 cancelled = g_get_monotonic_time () - t0;
  g_thread_join (t);
  ck_assert (!ok);
  assert_cancelled (error, "cancelled");
  g_clear_error (&error);
  ck_assert_msg (full >= 100000, "the unstopped query took %" G_GINT64_FORMAT " us: too "
                 "short to show a stop", full);
  ck_assert_msg (stopped < full / 4, "stopped after %" G_GINT64_FORMAT " us of %"
                 G_GINT64_FORMAT, stopped, full);
  /* cancelled 20 ms in: well before the end */
  ck_assert_msg (cancelled < 20000 + full / 2, "cancelled after %" G_GINT64_FORMAT " us of %"
                 G_GINT64_FORMAT, cancelled, full);
  fixture_clear (&f);
}
END_TEST

static Suite *
raptor_stop_suite (void)
{
  Suite *s = suite_create ("raptor-stop");
  TCase *c = tcase_create ("stop");
  tcase_set_timeout (c, 240);
  tcase_add_test (c, test_range_expired_deadline);
  tcase_add_test (c, test_range_cancelled);
  tcase_add_test (c, test_range_cancelled_from_thread);
  tcase_add_test (c, test_matrix_and_isochrone);
  tcase_add_test (c, test_isochrone_walks_stopped);
  suite_add_tcase (s, c);
  return s;
}

int
main (void)
{
  return tt_run_suite (raptor_stop_suite ());
}
