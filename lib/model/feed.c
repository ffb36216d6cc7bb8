/* feed.c: the GTFS feed model, service-day selection and service patterns.
 *
 * Implementation notes: the reader (lib/io/gtfs.c) fills the record arrays
 * through the builder (feed-builder.c, feed-internal.h);
 * tnet_i_feed_finish() then picks the service day and groups the trips that
 * run on it into patterns keyed by (route, ordered stop sequence). Only
 * departures from the first stop inside [window_start, window_end) count; a
 * frequency-based trip contributes the departures its frequencies.txt rows
 * generate (start + k * headway < end). Run, dwell and offset times are lower
 * medians over the pattern's contributing trips, so a result never depends
 * on the order of the files beyond the pattern numbering (first trip in file
 * order), and is integral.
 */
#include "tnet-internal.h"
#include "feed-private.h"

#include <stdlib.h>

void
tnet_feed_options_init (TnetFeedOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->window_start_s = 7 * 3600;
  options->window_end_s = 9 * 3600;
  options->service_date = 0;
  options->max_uncompressed_bytes = 0;
}

TnetFeed *
tnet_i_feed_new (const char *path)
{
  TnetFeed *feed = g_new0 (TnetFeed, 1);
  feed->ref_count = 1;
  feed->path = g_strdup (path);
  feed->strings = g_string_chunk_new (4096);
  feed->agency_names = g_ptr_array_new ();
  feed->stops = g_array_new (FALSE, FALSE, sizeof (TnetFeedStop));
  feed->routes = g_array_new (FALSE, FALSE, sizeof (TnetFeedRoute));
  feed->trips = g_array_new (FALSE, FALSE, sizeof (TnetTrip));
  feed->stop_times = g_array_new (FALSE, FALSE, sizeof (TnetStopTime));
  feed->frequencies = g_array_new (FALSE, FALSE, sizeof (TnetFrequency));
  feed->transfers = g_array_new (FALSE, FALSE, sizeof (TnetFeedTransfer));
  feed->services = g_array_new (FALSE, FALSE, sizeof (TnetService));
  feed->service_dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  feed->stop_index = g_hash_table_new (g_str_hash, g_str_equal);
  feed->route_index = g_hash_table_new (g_str_hash, g_str_equal);
  feed->patterns = g_array_new (FALSE, FALSE, sizeof (TnetPattern));
  feed->pattern_blocks = g_ptr_array_new_with_free_func (g_free);
  return feed;
}

static void
free_array (gpointer a)
{
  if (a)
    g_array_unref (a);
}

GPtrArray *
tnet_i_feed_station_children (const TnetFeed *feed)
{
  GPtrArray *children = g_ptr_array_new_with_free_func (free_array);
  g_ptr_array_set_size (children, feed->stops->len);
  for (guint s = 0; s < feed->stops->len; s++)
    {
      TnetId p = g_array_index (feed->stops, TnetFeedStop, s).parent;
      if (p == TNET_ID_NONE)
        continue;
      if (!children->pdata[p])
        children->pdata[p] = g_array_new (FALSE, FALSE, sizeof (TnetId));
      g_array_append_val ((GArray *) children->pdata[p], s);
    }
  return children;
}

/* Each trip's stop times in stop_sequence order, appended to the rows of
 * the marked stops: an arrival where it sets down (not the first call), a
 * departure where it picks up (not the last call). */
void
tnet_i_feed_stop_events (const TnetFeed *feed, const gboolean *member, GArray **arrivals,
                         GArray **departures)
{
  for (guint t = 0; t < feed->trips->len; t++)
    {
      const TnetTrip *trip = &g_array_index (feed->trips, TnetTrip, t);
      if (trip->n_freq > 0 || trip->n_st < 2)
        continue;
      if (feed->service_date && !tnet_i_feed_service_runs (feed, trip->service, feed->service_date))
        continue;
      for (guint i = 0; i < trip->n_st; i++)
        {
          const TnetStopTime *st = &g_array_index (feed->stop_times, TnetStopTime,
                                                   trip->first_st + i);
          if (!member[st->stop])
            continue;
          if (i > 0 && st->drop_off_type != 1 && st->arr_s >= feed->window_start_s
              && st->arr_s < feed->window_end_s)
            {
              TnetIStopEvent e = { trip->route, st->stop, TNET_ID_NONE, st->arr_s };
              if (!arrivals[st->stop])
                arrivals[st->stop] = g_array_new (FALSE, FALSE, sizeof (TnetIStopEvent));
              g_array_append_val (arrivals[st->stop], e);
            }
          if (i + 1 < trip->n_st && st->pickup_type != 1 && st->dep_s >= feed->window_start_s
              && st->dep_s < feed->window_end_s)
            {
              const TnetStopTime *nx = &g_array_index (feed->stop_times, TnetStopTime,
                                                       trip->first_st + i + 1);
              TnetIStopEvent e = { trip->route, st->stop, nx->stop, st->dep_s };
              if (!departures[st->stop])
                departures[st->stop] = g_array_new (FALSE, FALSE, sizeof (TnetIStopEvent));
              g_array_append_val (departures[st->stop], e);
            }
        }
    }
}

TnetFeed *
tnet_feed_ref (TnetFeed *feed)
{
  g_return_val_if_fail (feed != NULL, NULL);
  g_atomic_int_inc (&feed->ref_count);
  return feed;
}

void
tnet_feed_unref (TnetFeed *feed)
{
  if (feed == NULL || !g_atomic_int_dec_and_test (&feed->ref_count))
    return;
  g_free (feed->path);
  g_string_chunk_free (feed->strings);
  g_ptr_array_unref (feed->agency_names);
  g_array_unref (feed->stops);
  g_array_unref (feed->routes);
  g_array_unref (feed->trips);
  g_array_unref (feed->stop_times);
  g_array_unref (feed->frequencies);
  g_array_unref (feed->transfers);
  g_array_unref (feed->services);
  g_hash_table_unref (feed->service_dates);
  g_hash_table_unref (feed->stop_index);
  g_hash_table_unref (feed->route_index);
  g_array_unref (feed->patterns);
  g_ptr_array_unref (feed->pattern_blocks);
  g_free (feed);
}

/* ---------------------------------------------------------------- views */

const char *
tnet_feed_get_path (const TnetFeed *feed)
{
  g_return_val_if_fail (feed != NULL, NULL);
  return feed->path;
}

guint
tnet_feed_get_service_date (const TnetFeed *feed)
{
  g_return_val_if_fail (feed != NULL, 0);
  return feed->service_date;
}

void
tnet_feed_get_window (const TnetFeed *feed, guint *start_s, guint *end_s)
{
  g_return_if_fail (feed != NULL);
  if (start_s)
    *start_s = feed->window_start_s;
  if (end_s)
    *end_s = feed->window_end_s;
}

guint tnet_feed_n_agencies (const TnetFeed *feed) { g_return_val_if_fail (feed, 0); return feed->agency_names->len; }
guint tnet_feed_n_stops (const TnetFeed *feed) { g_return_val_if_fail (feed, 0); return feed->stops->len; }
guint tnet_feed_n_routes (const TnetFeed *feed) { g_return_val_if_fail (feed, 0); return feed->routes->len; }
guint tnet_feed_n_trips (const TnetFeed *feed) { g_return_val_if_fail (feed, 0); return feed->trips->len; }
guint tnet_feed_n_stop_times (const TnetFeed *feed) { g_return_val_if_fail (feed, 0); return feed->stop_times->len; }
guint tnet_feed_n_transfers (const TnetFeed *feed) { g_return_val_if_fail (feed, 0); return feed->transfers->len; }
guint tnet_feed_n_patterns (const TnetFeed *feed) { g_return_val_if_fail (feed, 0); return feed->patterns->len; }

const char *
tnet_feed_agency_name (const TnetFeed *feed, guint i)
{
  g_return_val_if_fail (feed != NULL, NULL);
  return i < feed->agency_names->len ? g_ptr_array_index (feed->agency_names, i) : NULL;
}

const TnetFeedStop *
tnet_feed_stop (const TnetFeed *feed, TnetId i)
{
  g_return_val_if_fail (feed != NULL, NULL);
  return i < feed->stops->len ? &g_array_index (feed->stops, TnetFeedStop, i) : NULL;
}

const TnetFeedRoute *
tnet_feed_route (const TnetFeed *feed, TnetId i)
{
  g_return_val_if_fail (feed != NULL, NULL);
  return i < feed->routes->len ? &g_array_index (feed->routes, TnetFeedRoute, i) : NULL;
}

const TnetPattern *
tnet_feed_pattern (const TnetFeed *feed, TnetId i)
{
  g_return_val_if_fail (feed != NULL, NULL);
  return i < feed->patterns->len ? &g_array_index (feed->patterns, TnetPattern, i) : NULL;
}

const TnetFeedTransfer *
tnet_feed_transfer (const TnetFeed *feed, guint i)
{
  g_return_val_if_fail (feed != NULL, NULL);
  return i < feed->transfers->len ? &g_array_index (feed->transfers, TnetFeedTransfer, i) : NULL;
}

TnetId
tnet_feed_find_stop (const TnetFeed *feed, const char *stop_id)
{
  g_return_val_if_fail (feed != NULL && stop_id != NULL, TNET_ID_NONE);
  return (TnetId) GPOINTER_TO_UINT (g_hash_table_lookup (feed->stop_index, stop_id)) - 1;
}

TnetId
tnet_feed_find_route (const TnetFeed *feed, const char *route_id)
{
  g_return_val_if_fail (feed != NULL && route_id != NULL, TNET_ID_NONE);
  return (TnetId) GPOINTER_TO_UINT (g_hash_table_lookup (feed->route_index, route_id)) - 1;
}

const char *
tnet_feed_route_name (const TnetFeed *feed, TnetId route)
{
  g_return_val_if_fail (feed != NULL && route < feed->routes->len, NULL);
  const TnetFeedRoute *r = &g_array_index (feed->routes, TnetFeedRoute, route);
  if (r->short_name && *r->short_name)
    return r->short_name;
  if (r->long_name && *r->long_name)
    return r->long_name;
  return r->id;
}

TnetMode
tnet_i_route_type_mode (int t)
{
  if (t == 101)
    return TNET_MODE_HSR;
  if (t == 109)
    return TNET_MODE_SUBURBAN;
  if (t == 2 || (t >= 100 && t <= 117))
    return TNET_MODE_RAIL;
  if (t == 0 || t == 1 || t == 5 || t == 7 || t == 12 || (t >= 400 && t <= 405)
      || (t >= 900 && t <= 906))
    return TNET_MODE_METRO;
  return TNET_MODE_BUS;
}

/* ------------------------------------------------------- service days */

static guint
date_weekday_bit (guint date)
{
  GDate d;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, date % 100, (date / 100) % 100, date / 10000);
  if (!g_date_valid (&d))
    return 0;
  return 1u << (g_date_get_weekday (&d) - 1);   /* Monday = bit 0 */
}

gboolean
tnet_i_feed_service_runs (const TnetFeed *feed, guint service, guint date)
{
  const TnetService *s = &g_array_index (feed->services, TnetService, service);
  char key[64];
  g_snprintf (key, sizeof key, "%u:%u", service, date);
  gpointer v;
  if (g_hash_table_lookup_extended (feed->service_dates, key, NULL, &v))
    return GPOINTER_TO_INT (v) == 1;
  return s->has_calendar && date >= s->start_date && date <= s->end_date
         && (s->weekdays & date_weekday_bit (date)) != 0;
}

static guint
date_to_ymd (const GDate *d)
{
  return g_date_get_year (d) * 10000u + g_date_get_month (d) * 100u + g_date_get_day (d);
}

/* The first and last date (YYYYMMDD) of the feed's calendar: calendar.txt
 * ranges and calendar_dates.txt dates; lo > hi when there is none. */
static void
calendar_range (const TnetFeed *feed, guint *lo_out, guint *hi_out)
{
  guint lo = G_MAXUINT, hi = 0;
  for (guint i = 0; i < feed->services->len; i++)
    {
      const TnetService *s = &g_array_index (feed->services, TnetService, i);
      if (s->has_calendar)
        {
          lo = MIN (lo, s->start_date);
          hi = MAX (hi, s->end_date);
        }
    }
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, feed->service_dates);
  while (g_hash_table_iter_next (&it, &key, NULL))
    {
      guint date = (guint) strtoul (strchr (key, ':') + 1, NULL, 10);
      lo = MIN (lo, date);
      hi = MAX (hi, date);
    }
  *lo_out = lo;
  *hi_out = hi;
}

/* The date with the most trips (ties: earliest) within the first ten years
 * of the calendar range. */
static guint
busiest_date (const TnetFeed *feed)
{
  guint lo, hi;
  calendar_range (feed, &lo, &hi);
  if (lo > hi)
    return 0;

  guint n_services = feed->services->len;
  guint *trips_per_service = g_new0 (guint, n_services);
  for (guint t = 0; t < feed->trips->len; t++)
    trips_per_service[g_array_index (feed->trips, TnetTrip, t).service]++;

  GDate d;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, lo % 100, (lo / 100) % 100, lo / 10000);
  guint best = lo, best_n = 0;
  for (guint day = 0; day < 3660 && g_date_valid (&d); day++)
    {
      guint ymd = date_to_ymd (&d);
      if (ymd > hi)
        break;
      guint n = 0;
      for (guint s = 0; s < n_services; s++)
        if (trips_per_service[s] && tnet_i_feed_service_runs (feed, s, ymd))
          n += trips_per_service[s];
      if (n > best_n)
        {
          best_n = n;
          best = ymd;
        }
      g_date_add_days (&d, 1);
    }
  g_free (trips_per_service);
  return best;
}

/* ------------------------------------------------------------ patterns */

typedef struct {
  GArray *trips;        /* guint trip indices contributing */
  GArray *departures;   /* guint first-stop departures in the window */
} PatternBuild;

static int
cmp_uint (const void *a, const void *b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

static guint
lower_median (guint *v, guint n)
{
  if (n > 1)
    qsort (v, n, sizeof *v, cmp_uint);
  return v[(n - 1) / 2];
}

/* Departures of trip @t from its first stop inside the window. */
static void
trip_departures (const TnetFeed *feed, const TnetTrip *t, GArray *out)
{
  guint w0 = feed->window_start_s, w1 = feed->window_end_s;
  if (t->n_freq == 0)
    {
      guint dep = g_array_index (feed->stop_times, TnetStopTime, t->first_st).dep_s;
      if (dep >= w0 && dep < w1)
        g_array_append_val (out, dep);
      return;
    }
  for (guint f = 0; f < t->n_freq; f++)
    {
      const TnetFrequency *fr = &g_array_index (feed->frequencies, TnetFrequency,
                                                t->first_freq + f);
      guint first = fr->start_s;
      if (first < w0)
        first += ((w0 - first + fr->headway_s - 1) / fr->headway_s) * fr->headway_s;
      for (guint64 d = first; d < fr->end_s && d < w1; d += fr->headway_s)
        {
          guint dd = (guint) d;
          g_array_append_val (out, dd);
        }
    }
}

/* Departures of trip @t per window: its timetabled departure in the window
 * counts 1; a frequencies.txt row counts the part of the window it covers
 * divided by its headway_secs. The parts covered are added to
 * *@freq_covered (timetabled trips add nothing). */
static double
trip_rate (const TnetFeed *feed, const TnetTrip *t, GArray *freq_covered)
{
  guint w0 = feed->window_start_s, w1 = feed->window_end_s;
  if (t->n_freq == 0)
    {
      guint dep = g_array_index (feed->stop_times, TnetStopTime, t->first_st).dep_s;
      return dep >= w0 && dep < w1 ? 1.0 : 0.0;
    }
  double rate = 0;
  for (guint f = 0; f < t->n_freq; f++)
    {
      const TnetFrequency *fr = &g_array_index (feed->frequencies, TnetFrequency,
                                                t->first_freq + f);
      guint lo = MAX (fr->start_s, w0), hi = MIN (fr->end_s, w1);
      if (hi > lo && fr->headway_s > 0)
        {
          rate += (double) (hi - lo) / fr->headway_s;
          guint iv[2] = { lo, hi };
          g_array_append_vals (freq_covered, iv, 2);
        }
    }
  return rate;
}

static int
cmp_interval (const void *a, const void *b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

/* Length of the union of the [lo, hi) pairs in @iv (sorted in place). */
static double
union_length (GArray *iv)
{
  guint n = iv->len / 2;
  if (n == 0)
    return 0;
  if (n > 1)
    qsort (iv->data, n, 2 * sizeof (guint), cmp_interval);
  const guint *v = (const guint *) (void *) iv->data;
  double total = 0;
  guint lo = v[0], hi = v[1];
  for (guint i = 1; i < n; i++)
    {
      if (v[2 * i] > hi)
        {
          total += hi - lo;
          lo = v[2 * i];
        }
      hi = MAX (hi, v[2 * i + 1]);
    }
  return total + (hi - lo);
}

static void
pattern_build_free (gpointer p)
{
  PatternBuild *b = p;
  g_array_unref (b->trips);
  g_array_unref (b->departures);
  g_free (b);
}

/* The time window and the service date: the one asked for (a valid date
 * inside the calendar), else the busiest; 0 without calendar files. */
static gboolean
feed_choose_day (TnetFeed *feed, const TnetFeedOptions *options, GError **error)
{
  feed->window_start_s = options->window_start_s;
  feed->window_end_s = options->window_end_s;
  if (feed->window_end_s <= feed->window_start_s)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s: the time window %u..%u s is empty", feed->path,
                   feed->window_start_s, feed->window_end_s);
      return FALSE;
    }
  if (!options->service_date)
    {
      feed->service_date = feed->has_calendar_files ? busiest_date (feed) : 0;
      return TRUE;
    }
  if (!date_weekday_bit (options->service_date))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "service date %u is not a valid YYYYMMDD date", options->service_date);
      return FALSE;
    }
  guint lo, hi;
  calendar_range (feed, &lo, &hi);
  if (feed->has_calendar_files && lo <= hi
      && (options->service_date < lo || options->service_date > hi))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s: service date %u is outside the feed's calendar, which runs "
                   "from %u to %u", feed->path, options->service_date, lo, hi);
      return FALSE;
    }
  feed->service_date = feed->has_calendar_files ? options->service_date : 0;
  return TRUE;
}

/* The grouping key of trip @t: its route, then its stop sequence. */
static GBytes *
trip_key (const TnetFeed *feed, const TnetTrip *t)
{
  guint32 *key = g_new (guint32, t->n_st + 1);
  key[0] = t->route;
  for (guint k = 0; k < t->n_st; k++)
    key[k + 1] = g_array_index (feed->stop_times, TnetStopTime, t->first_st + k).stop;
  return g_bytes_new_take (key, (t->n_st + 1) * sizeof (guint32));
}

/* The trips that run on the service date, with two stops or more and a
 * departure in the window, grouped by route and stop sequence (in order
 * of first trip): PatternBuild, to free. */
static GPtrArray *
group_trips (const TnetFeed *feed)
{
  guint n_services = feed->services->len;
  gboolean *runs = g_new0 (gboolean, n_services);
  for (guint s = 0; s < n_services; s++)
    runs[s] = feed->service_date == 0
              || tnet_i_feed_service_runs (feed, s, feed->service_date);

  GHashTable *by_key = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                              (GDestroyNotify) g_bytes_unref, NULL);
  GPtrArray *builds = g_ptr_array_new_with_free_func (pattern_build_free);
  GArray *deps = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint ti = 0; ti < feed->trips->len; ti++)
    {
      const TnetTrip *t = &g_array_index (feed->trips, TnetTrip, ti);
      if (!runs[t->service] || t->n_st < 2)
        continue;
      g_array_set_size (deps, 0);
      trip_departures (feed, t, deps);
      if (deps->len == 0)
        continue;
      GBytes *kb = trip_key (feed, t);
      gpointer idx;
      PatternBuild *b;
      if (g_hash_table_lookup_extended (by_key, kb, NULL, &idx))
        {
          b = g_ptr_array_index (builds, GPOINTER_TO_UINT (idx));
          g_bytes_unref (kb);
        }
      else
        {
          b = g_new0 (PatternBuild, 1);
          b->trips = g_array_new (FALSE, FALSE, sizeof (guint));
          b->departures = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (by_key, kb, GUINT_TO_POINTER (builds->len));
          g_ptr_array_add (builds, b);
        }
      g_array_append_val (b->trips, ti);
      g_array_append_vals (b->departures, deps->data, deps->len);
    }
  g_array_unref (deps);
  g_hash_table_unref (by_key);
  g_free (runs);
  return builds;
}

/* The stop times of the @j-th trip of pattern @b. */
static inline const TnetStopTime *
build_trip_times (const TnetFeed *feed, const PatternBuild *b, guint j)
{
  const TnetTrip *t = &g_array_index (feed->trips, TnetTrip, g_array_index (b->trips, guint, j));
  return &g_array_index (feed->stop_times, TnetStopTime, t->first_st);
}

/* The headway of pattern @b: the window over the departures in it; a
 * pattern of frequency-based trips only uses the part of the window its
 * rows cover, so rows that leave a minute between them (07:00-07:59,
 * 08:00-08:59) still give their headway_secs exactly. */
static double
pattern_headway_s (const TnetFeed *feed, const PatternBuild *b)
{
  double window = (double) (feed->window_end_s - feed->window_start_s);
  double rate = 0;
  gboolean all_freq = TRUE;
  GArray *covered = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint j = 0; j < b->trips->len; j++)
    {
      const TnetTrip *t = &g_array_index (feed->trips, TnetTrip,
                                          g_array_index (b->trips, guint, j));
      rate += trip_rate (feed, t, covered);
      all_freq &= t->n_freq > 0;
    }
  double span = all_freq ? union_length (covered) : window;
  g_array_unref (covered);
  if (rate <= 0 || span <= 0)
    {
      rate = b->departures->len;
      span = window;
    }
  return span / rate;
}

/* Per stop k of pattern @b (@n stops): the lower medians over its trips
 * of the dwell, the offset from the first departure and the run to the
 * next stop; whether any trip picks up or sets down there. */
static void
pattern_medians (const TnetFeed *feed, const PatternBuild *b, guint n, guint *run,
                 guint *dwell, guint *offset, gboolean *board, gboolean *alight)
{
  const guint nt = b->trips->len;
  guint *scratch = g_new (guint, nt);
  for (guint k = 0; k < n; k++)
    {
      for (guint j = 0; j < nt; j++)
        {
          const TnetStopTime *st = build_trip_times (feed, b, j);
          scratch[j] = st[k].dep_s - st[k].arr_s;
          if (st[k].pickup_type != 1)
            board[k] = TRUE;
          if (st[k].drop_off_type != 1)
            alight[k] = TRUE;
        }
      dwell[k] = lower_median (scratch, nt);
      for (guint j = 0; j < nt; j++)
        {
          const TnetStopTime *st = build_trip_times (feed, b, j);
          scratch[j] = st[k].dep_s - st[0].dep_s;
        }
      offset[k] = lower_median (scratch, nt);
      if (k + 1 < n)
        {
          for (guint j = 0; j < nt; j++)
            {
              const TnetStopTime *st = build_trip_times (feed, b, j);
              scratch[j] = st[k + 1].arr_s - st[k].dep_s;
            }
          run[k] = lower_median (scratch, nt);
        }
    }
  g_free (scratch);
}

/* Appends the pattern of the trips of @b to the feed. */
static void
add_pattern (TnetFeed *feed, const PatternBuild *b)
{
  const TnetTrip *t0 = &g_array_index (feed->trips, TnetTrip,
                                       g_array_index (b->trips, guint, 0));
  guint n = t0->n_st, nt = b->trips->len, nd = b->departures->len;
  /* One block per pattern: stops, run, dwell, offset, departures, flags. */
  gsize bytes = sizeof (TnetId) * n + sizeof (guint) * (3 * n + nd)
                + sizeof (gboolean) * 2 * n;
  guint8 *block = g_malloc0 (bytes);
  g_ptr_array_add (feed->pattern_blocks, block);
  TnetId *stops = (TnetId *) block;
  guint *run = (guint *) (stops + n);
  guint *dwell = run + n;
  guint *offset = dwell + n;
  guint *departures = offset + n;
  gboolean *board = (gboolean *) (departures + nd);
  gboolean *alight = board + n;

  double headway_s = pattern_headway_s (feed, b);
  for (guint k = 0; k < n; k++)
    stops[k] = g_array_index (feed->stop_times, TnetStopTime, t0->first_st + k).stop;
  pattern_medians (feed, b, n, run, dwell, offset, board, alight);
  if (nd > 0)
    memcpy (departures, b->departures->data, nd * sizeof (guint));
  if (nd > 1)
    qsort (departures, nd, sizeof (guint), cmp_uint);

  TnetPattern pat = {
    .route = t0->route,
    .n_stops = n,
    .n_trips = nt,
    .n_departures = nd,
    .frequency_based = t0->n_freq > 0,
    .headway_s = headway_s,
    .stops = stops,
    .run_s = run,
    .dwell_s = dwell,
    .offset_s = offset,
    .departures_s = departures,
    .can_board = board,
    .can_alight = alight,
  };
  g_array_append_val (feed->patterns, pat);
}

gboolean
tnet_i_feed_finish (TnetFeed *feed, const TnetFeedOptions *options, GError **error)
{
  TnetFeedOptions dflt;
  if (options == NULL)
    {
      tnet_feed_options_init (&dflt);
      options = &dflt;
    }
  if (!feed_choose_day (feed, options, error))
    return FALSE;
  GPtrArray *builds = group_trips (feed);
  for (guint p = 0; p < builds->len; p++)
    add_pattern (feed, g_ptr_array_index (builds, p));
  g_ptr_array_unref (builds);
  return TRUE;
}
