/* bench-raptor.c: travel-time percentiles over a departure window on the São
 * Paulo feed and hexagon grid: range RAPTOR against a single-departure
 * RAPTOR per minute and against a time-expanded Dijkstra per minute, on one
 * and two threads; memory of the timetable per stop time.
 *
 * usage: bench-raptor FEED.zip HEXGRID.csv [--quick | --range-only [RUNS] |
 *                                          --per-minute-only [RUNS]]
 * --quick: one timed run of each kind (one and two threads) and a smaller
 * oracle sample;
 * --range-only, --per-minute-only: RUNS (default five) runs of that kind
 * alone on one thread and nothing else (for a profiler).
 * Origins and destinations: every hexagon centroid; access and egress walk
 * to stops within 15 min (straight line x 1.3 at 4.8 km/h), plus the direct
 * walk. Window 07:00-08:00 on Tuesday 2019-05-07, percentiles 5/50/95.
 * The time-expanded Dijkstra runs on a sample of origins (every 16th; all
 * 60 minutes each) and its time is scaled to all origins; its arrivals are
 * checked against the range results on that sample. Each timed figure is
 * given in wall time and in the CPU time of its threads (summed), which a
 * busy machine disturbs less. */
#include <tnet/tnet.h>
#include "timetable-oracle.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WINDOW 60
#define MAX_WALK_S 900

typedef struct {
  double lon, lat;
} Hex;

typedef struct {
  TnetTimetable *tt;
  const Hex *hex;
  guint n_hex;
  GArray **access;          /* per hexagon: TnetStopWalk */
  GArray **egress;          /* per origin: TnetEgress (stops and direct walks) */
  gboolean range;           /* range query, else one search per minute */
  guint first, step;        /* origins first, first + step, ... */
  gint32 *p;                /* n_hex x n_hex x 3 percentiles */
  double cpu_ms;            /* CPU time of the job's thread */
} Job;

static const double PCTS[3] = { 5, 50, 95 };
static const gint32 DEP0 = 7 * 3600;

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static gpointer
run_job (gpointer data)
{
  Job *j = data;
  double c0 = thread_cpu_ms ();
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (j->tt);
  gint32 *out = g_new (gint32, (gsize) WINDOW * j->n_hex);
  gint32 *col = g_new (gint32, WINDOW);
  for (guint o = j->first; o < j->n_hex; o += j->step)
    {
      GArray *acc = j->access[o], *egr = j->egress[o];
      const TnetStopWalk *a = (const TnetStopWalk *) (void *) acc->data;
      const TnetEgress *e = (const TnetEgress *) (void *) egr->data;
      if (j->range)
        tnet_raptor_run_range (ws, a, acc->len, DEP0, WINDOW, e, egr->len, j->n_hex, out, NULL,
                               NULL);
      else
        for (guint m = 0; m < WINDOW; m++)
          tnet_raptor_run_range (ws, a, acc->len, DEP0 + 60 * (gint32) m, 1, e, egr->len,
                                 j->n_hex, out + (gsize) m * j->n_hex, NULL, NULL);
      for (guint d = 0; d < j->n_hex; d++)
        {
          for (guint m = 0; m < WINDOW; m++)
            col[m] = out[(gsize) m * j->n_hex + d];
          tnet_percentiles (col, WINDOW, PCTS, 3, j->p + ((gsize) o * j->n_hex + d) * 3);
        }
    }
  g_free (out);
  g_free (col);
  j->cpu_ms = thread_cpu_ms () - c0;
  return NULL;
}

/* Wall time of the jobs on @n_threads threads; their CPU time, summed, in
 * *@cpu_ms. */
static double
run_threads (Job *proto, guint n_threads, double *cpu_ms)
{
  Job jobs[2];
  GThread *th[2];
  double t0 = now_ms ();
  for (guint i = 0; i < n_threads; i++)
    {
      jobs[i] = *proto;
      jobs[i].first = i;
      jobs[i].step = n_threads;
      th[i] = g_thread_new ("bench", run_job, &jobs[i]);
    }
  for (guint i = 0; i < n_threads; i++)
    g_thread_join (th[i]);
  double wall = now_ms () - t0;
  *cpu_ms = 0;
  for (guint i = 0; i < n_threads; i++)
    *cpu_ms += jobs[i].cpu_ms;
  return wall;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v, guint n)
{
  qsort (v, n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
dist_m (double lon1, double lat1, double lon2, double lat2)
{
  return tnet_timetable_distance_m (lon1, lat1, lon2, lat2);
}

int
main (int argc, char **argv)
{
  gboolean quick = argc > 3 && strcmp (argv[3], "--quick") == 0;
  /* --range-only: run the range query only, for a profiler */
  gboolean range_only = argc > 3 && strcmp (argv[3], "--range-only") == 0;
  gboolean minute_only = argc > 3 && strcmp (argv[3], "--per-minute-only") == 0;
  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-raptor FEED.zip HEXGRID.csv [--quick | --range-only [RUNS] | "
               "--per-minute-only [RUNS]]\n");
      return 2;
    }
  GError *error = NULL;
  TnetFeedOptions fo;
  tnet_feed_options_init (&fo);
  fo.service_date = 20190507;
  g_autoptr (TnetFeed) feed = tnet_feed_load (argv[1], &fo, &error);
  if (!feed)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  TnetTimetableOptions to;
  tnet_timetable_options_init (&to);
  const TnetFeed *feeds[] = { feed };
  double tb = now_ms ();
  g_autoptr (TnetTimetable) tt = tnet_timetable_build (feeds, 1, &to, &error);
  double build_ms = now_ms () - tb;

  /* hexagons */
  g_autofree char *csv = NULL;
  if (!g_file_get_contents (argv[2], &csv, NULL, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  g_auto (GStrv) lines = g_strsplit (csv, "\n", -1);
  g_autoptr (GArray) hexes = g_array_new (FALSE, FALSE, sizeof (Hex));
  for (guint i = 1; lines[i]; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], ",", -1);
      if (g_strv_length (f) < 3)
        continue;
      Hex h = { g_ascii_strtod (f[1], NULL), g_ascii_strtod (f[2], NULL) };
      g_array_append_val (hexes, h);
    }
  guint n = hexes->len;
  const Hex *hex = (const Hex *) (void *) hexes->data;
  GArray **access = g_new (GArray *, n), **egress = g_new (GArray *, n);
  for (guint i = 0; i < n; i++)
    {
      access[i] = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
      tnet_timetable_walks_near (tt, hex[i].lon, hex[i].lat, MAX_WALK_S * 1000u,
                                 access[i]);
    }
  for (guint o = 0; o < n; o++)
    {
      egress[o] = g_array_new (FALSE, FALSE, sizeof (TnetEgress));
      for (guint d = 0; d < n; d++)
        {
          for (guint k = 0; k < access[d]->len; k++)
            {
              const TnetStopWalk *w = &g_array_index (access[d], TnetStopWalk, k);
              TnetEgress e = { d, w->stop, w->walk_s };
              g_array_append_val (egress[o], e);
            }
          guint32 walk = tnet_timetable_walk_seconds (
            tt, dist_m (hex[o].lon, hex[o].lat, hex[d].lon, hex[d].lat));
          if (walk <= MAX_WALK_S)
            {
              TnetEgress e = { d, TNET_ID_NONE, walk };
              g_array_append_val (egress[o], e);
            }
        }
    }

  gsize np = (gsize) n * n * 3;
  gint32 *p_range = g_new (gint32, np), *p_single = g_new (gint32, np);
  Job proto = { tt, hex, n, access, egress, TRUE, 0, 1, p_range, 0 };
  double range_ms[2], single_ms[2], range_cold_ms = 0, single_cold_ms = 0, cpu;
  double range_cpu_ms[2], single_cpu_ms[2];
  if (range_only || minute_only)
    {
      /* one kind alone, RUNS runs on one thread (for profiles) */
      guint n_runs = argc > 4 ? (guint) g_ascii_strtoull (argv[4], NULL, 10) : 5;
      proto.range = range_only;
      for (guint i = 0; i < n_runs; i++)
        {
          double wall = run_threads (&proto, 1, &cpu);
          printf ("%s %.1f ms (CPU %.1f ms)\n", range_only ? "range" : "per minute", wall, cpu);
        }
      return 0;
    }
  /* the first run of each kind is the cold one (workspaces fresh, timetable
   * not yet in cache); the figure given is the median of RUNS warm runs */
  guint runs = quick ? 1 : 5;
  for (guint th = 1; th <= 2; th++)
    {
      double r[5], sgl[5], rc[5], sc[5];
      proto.range = TRUE;
      proto.p = p_range;
      if (th == 1)
        range_cold_ms = run_threads (&proto, th, &cpu);
      for (guint i = 0; i < runs; i++)
        r[i] = run_threads (&proto, th, &rc[i]);
      range_ms[th - 1] = median (r, runs);
      range_cpu_ms[th - 1] = median (rc, runs);
      proto.range = FALSE;
      proto.p = p_single;
      if (th == 1)
        single_cold_ms = run_threads (&proto, th, &cpu);
      for (guint i = 0; i < runs; i++)
        sgl[i] = run_threads (&proto, th, &sc[i]);
      single_ms[th - 1] = median (sgl, runs);
      single_cpu_ms[th - 1] = median (sc, runs);
    }
  gboolean agree = memcmp (p_range, p_single, np * sizeof (gint32)) == 0;

  /* time-expanded Dijkstra on a sample of origins */
  Oracle *o = oracle_new (feeds, 1, tnet_timetable_get_service_date (tt), &to);
  guint step = quick ? 64 : 16, n_sample = 0;
  gint32 *arr = g_new (gint32, tnet_timetable_n_stops (tt));
  gint32 *row = g_new (gint32, (gsize) WINDOW * n), *col = g_new (gint32, WINDOW);
  gboolean te_agree = TRUE;
  double te0 = now_ms ();
  for (guint s = 0; s < n; s += step, n_sample++)
    {
      for (guint m = 0; m < WINDOW; m++)
        {
          gint32 dep = DEP0 + 60 * (gint32) m;
          oracle_run (o, (const TnetStopWalk *) (void *) access[s]->data, access[s]->len, dep,
                      arr);
          gint32 *r = row + (gsize) m * n;
          for (guint d = 0; d < n; d++)
            r[d] = UNREACHED;
          for (guint k = 0; k < egress[s]->len; k++)
            {
              const TnetEgress *e = &g_array_index (egress[s], TnetEgress, k);
              gint32 a = e->stop == TNET_ID_NONE ? dep + (gint32) e->walk_s
                         : arr[e->stop] == UNREACHED ? UNREACHED : arr[e->stop] + (gint32) e->walk_s;
              if (a != UNREACHED && a - dep < r[e->target])
                r[e->target] = a - dep;
            }
        }
      for (guint d = 0; d < n; d++)
        {
          for (guint m = 0; m < WINDOW; m++)
            col[m] = row[(gsize) m * n + d];
          gint32 pv[3];
          tnet_percentiles (col, WINDOW, PCTS, 3, pv);
          te_agree &= memcmp (pv, p_range + ((gsize) s * n + d) * 3, sizeof pv) == 0;
        }
    }
  double te_ms = (now_ms () - te0) * n / n_sample;
  oracle_free (o);

  guint reached = 0;
  for (gsize i = 1; i < np; i += 3)
    reached += p_range[i] != UNREACHED;
  printf ("São Paulo: %u stops, %u routes, %u trips, %u stop times (expanded), "
          "%u footpaths; build %.1f ms; timetable %zu bytes = %.1f bytes per stop time\n",
          tnet_timetable_n_stops (tt), tnet_timetable_n_routes (tt), tnet_timetable_n_trips (tt),
          tnet_timetable_n_stop_times (tt), tnet_timetable_n_footpaths (tt), build_ms,
          tnet_timetable_memory_bytes (tt),
          (double) tnet_timetable_memory_bytes (tt) / MAX (1u, tnet_timetable_n_stop_times (tt)));
  printf ("%u x %u hexagons, %d-minute window: %u of %u pairs reach within the window (p50)\n",
          n, n, WINDOW, reached, n * n);
  printf ("cold (first) runs, 1 thread: range %.1f ms, one search per minute %.1f ms\n",
          range_cold_ms, single_cold_ms);
  for (guint th = 0; th < 2; th++)
    printf ("{\"bench\":\"raptor-range\",\"graph\":\"sao-paulo\",\"threads\":%u,"
            "\"origins\":%u,\"minutes\":%d,\"runs\":%u,\"range_ms\":%.1f,"
            "\"per_minute_ms\":%.1f,\"ratio\":%.2f,\"range_cpu_ms\":%.1f,"
            "\"per_minute_cpu_ms\":%.1f,\"cpu_ratio\":%.2f,\"agree\":%s}\n", th + 1, n,
            WINDOW, runs, range_ms[th], single_ms[th], single_ms[th] / range_ms[th],
            range_cpu_ms[th], single_cpu_ms[th], single_cpu_ms[th] / range_cpu_ms[th],
            agree ? "true" : "false");
  printf ("{\"bench\":\"raptor-vs-time-expanded\",\"graph\":\"sao-paulo\",\"threads\":1,"
          "\"origins_sampled\":%u,\"te_ms_scaled\":%.1f,\"range_ms\":%.1f,\"ratio\":%.2f,"
          "\"agree\":%s}\n", n_sample, te_ms, range_ms[0], te_ms / range_ms[0],
          te_agree ? "true" : "false");
  for (guint i = 0; i < n; i++)
    {
      g_array_unref (access[i]);
      g_array_unref (egress[i]);
    }
  g_free (access);
  g_free (egress);
  g_free (p_range);
  g_free (p_single);
  g_free (arr);
  g_free (row);
  g_free (col);
  return agree && te_agree ? 0 : 1;
}
