/* gtfs.c: the GTFS reader (folder or .zip) into a TnetFeed.
 *
 * Implementation notes: every file goes through the strict CSV reader
 * (csv.h); zip members are read whole into memory with libzip, with the sum
 * of their uncompressed sizes bounded before anything is allocated (a zip
 * bomb fails with TNET_ERROR_TOO_LARGE) and libzip's CRC check triggered by
 * reading each member to its end. Files are read in dependency order
 * (agency, stops, routes, calendars, trips, stop_times, frequencies,
 * transfers) so that every reference can be checked on the row that makes
 * it; stop_times are then sorted by (trip, stop_sequence), empty times of
 * non-timepoint stops are interpolated between the surrounding timepoints in
 * proportion to the distance travelled: by shape_dist_traveled when every
 * stop of the gap and both timepoints carry it, else by the straight-line
 * distance along the stop sequence (never by stop count, which gives
 * impossible speeds when stops are unevenly spaced; only when the timepoints'
 * stops all coincide are the times spread evenly), and times are checked to
 * run forwards. Only the files tnet uses are opened (shapes.txt is skipped).
 */
#include "tnet-internal.h"
#include "csv.h"
#include "feed-internal.h"
#include "gtfs-merge.h"

#include <zip.h>
#include <stdlib.h>
#include <errno.h>

#define DEFAULT_MAX_UNCOMPRESSED (G_GUINT64_CONSTANT (2) << 30)

typedef struct {
  const char *path;        /* the folder or zip as given */
  char *display;           /* basename shown in messages */
  zip_t *zip;              /* NULL for a folder */
  guint64 max_bytes;
  guint64 used_bytes;
} Source;

static gboolean
source_open (Source *src, const char *path, guint64 max_bytes, GError **error)
{
  memset (src, 0, sizeof *src);
  src->path = path;
  src->display = g_path_get_basename (path);
  src->max_bytes = max_bytes ? max_bytes : DEFAULT_MAX_UNCOMPRESSED;
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    return TRUE;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_IO,
                   "%s: no such GTFS folder or zip file", path);
      return FALSE;
    }
  int zerr = 0;
  src->zip = zip_open (path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
  if (src->zip == NULL)
    {
      zip_error_t ze;
      zip_error_init_with_code (&ze, zerr);
      gboolean io = zerr == ZIP_ER_OPEN || zerr == ZIP_ER_READ || zerr == ZIP_ER_NOENT;
      g_set_error (error, TNET_ERROR, io ? TNET_ERROR_IO : TNET_ERROR_INVALID_INPUT,
                   "%s: not a readable zip archive (truncated or corrupt?): %s",
                   src->display, zip_error_strerror (&ze));
      zip_error_fini (&ze);
      return FALSE;
    }
  return TRUE;
}

static void
source_close (Source *src)
{
  if (src->zip)
    zip_discard (src->zip);
  g_free (src->display);
}

/* Opens member @name as CSV. *out is NULL (and TRUE returned) when the file
 * is absent and not @required. */
static gboolean
source_csv (Source *src, const char *name, gboolean required, TnetCsv **out,
            GError **error)
{
  *out = NULL;
  char *display = g_strdup_printf ("%s/%s", src->display, name);
  if (src->zip == NULL)
    {
      char *file = g_build_filename (src->path, name, NULL);
      if (!g_file_test (file, G_FILE_TEST_EXISTS))
        {
          g_free (file);
          goto absent;
        }
      *out = tnet_i_csv_open_file (file, display, 0, error);
      g_free (file);
    }
  else
    {
      zip_int64_t idx = zip_name_locate (src->zip, name, 0);
      if (idx < 0)
        idx = zip_name_locate (src->zip, name, ZIP_FL_NODIR);
      if (idx < 0)
        goto absent;
      zip_stat_t st;
      zip_stat_init (&st);
      if (zip_stat_index (src->zip, idx, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                       "%s: corrupt zip entry: %s", display, zip_strerror (src->zip));
          g_free (display);
          return FALSE;
        }
      if (st.size > src->max_bytes || src->used_bytes + st.size > src->max_bytes)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_TOO_LARGE,
                       "%s: uncompressed size %" G_GUINT64_FORMAT " bytes exceeds the "
                       "limit of %" G_GUINT64_FORMAT " bytes for the feed",
                       display, (guint64) st.size + src->used_bytes, src->max_bytes);
          g_free (display);
          return FALSE;
        }
      src->used_bytes += st.size;
      zip_file_t *zf = zip_fopen_index (src->zip, idx, 0);
      if (zf == NULL)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                       "%s: cannot open zip entry (corrupt?): %s", display,
                       zip_strerror (src->zip));
          g_free (display);
          return FALSE;
        }
      /* The buffer grows with what actually arrives, up to the declared
       * size + 1: a member that claims gigabytes but holds little costs
       * little, so memory stays a function of the real data. */
      guint64 cap = MIN (st.size + 1, (guint64) 1 << 16);
      char *buf = g_malloc (cap);
      guint64 got = 0;
      gboolean ok = TRUE;
      for (;;)
        {
          if (got == cap)
            {
              cap = MIN (st.size + 1, cap * 2);
              buf = g_realloc (buf, cap);
            }
          /* Read one byte past the declared size to trigger the CRC check
           * and to catch a member longer than it claims. */
          zip_int64_t n = zip_fread (zf, buf + got, cap - got);
          if (n < 0)
            {
              ok = FALSE;
              break;
            }
          if (n == 0)
            break;
          got += n;
          if (got > st.size)
            {
              ok = FALSE;
              break;
            }
        }
      if (ok && got != st.size)
        ok = FALSE;
      if (!ok)
        g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                     "%s: corrupt or truncated zip entry: %s", display,
                     zip_file_strerror (zf));
      zip_fclose (zf);
      if (ok)
        *out = tnet_i_csv_open_data (display, buf, got, 0, error);
      g_free (buf);
    }
  g_free (display);
  if (*out == NULL)
    return FALSE;
  if (!tnet_i_csv_read_header (*out, error))
    {
      g_clear_pointer (out, tnet_i_csv_free);
      return FALSE;
    }
  return TRUE;

absent:
  if (required)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s:1:1: missing required file %s in the feed", display, name);
      g_free (display);
      return FALSE;
    }
  g_free (display);
  return TRUE;
}

/* ----------------------------------------------------------- field parsers */

/* H:MM:SS or HH:MM:SS (hours may pass 24, up to 999). */
static gboolean
parse_time (const char *s, guint *out)
{
  while (*s == ' ')
    s++;
  guint h = 0, nd = 0;
  while (g_ascii_isdigit (*s) && nd < 3)
    {
      h = h * 10 + (*s++ - '0');
      nd++;
    }
  if (nd == 0 || *s++ != ':')
    return FALSE;
  if (!g_ascii_isdigit (s[0]) || !g_ascii_isdigit (s[1]) || s[2] != ':'
      || !g_ascii_isdigit (s[3]) || !g_ascii_isdigit (s[4]))
    return FALSE;
  guint m = (s[0] - '0') * 10 + (s[1] - '0');
  guint sec = (s[3] - '0') * 10 + (s[4] - '0');
  s += 5;
  while (*s == ' ')
    s++;
  if (*s || m > 59 || sec > 59)
    return FALSE;
  *out = h * 3600 + m * 60 + sec;
  return TRUE;
}

static gboolean
field_time (TnetCsv *csv, int col, gboolean required, guint *out, gboolean *present,
            GError **error)
{
  const char *s = tnet_i_csv_field (csv, col);
  *present = *s != '\0';
  if (!*present)
    {
      if (required)
        {
          tnet_i_csv_error (csv, col, error, "empty time, expected HH:MM:SS");
          return FALSE;
        }
      return TRUE;
    }
  if (!parse_time (s, out))
    {
      tnet_i_csv_error (csv, col, error, "malformed time '%s', expected HH:MM:SS", s);
      return FALSE;
    }
  return TRUE;
}

static gboolean
field_date (TnetCsv *csv, int col, guint *out, GError **error)
{
  const char *s = tnet_i_csv_field (csv, col);
  gboolean ok = strlen (s) == 8;
  for (int i = 0; ok && i < 8; i++)
    ok = g_ascii_isdigit (s[i]);
  if (ok)
    {
      guint v = (guint) strtoul (s, NULL, 10);
      ok = g_date_valid_dmy (v % 100, (v / 100) % 100, v / 10000);
      *out = v;
    }
  if (!ok)
    tnet_i_csv_error (csv, col, error, "malformed date '%s', expected YYYYMMDD", s);
  return ok;
}

/* An integer in [lo, hi]; an empty optional field gives @dflt, which may lie
 * outside the range (e.g. -1 for "not given"). */
static gboolean
field_int_range (TnetCsv *csv, int col, gboolean required, gint64 dflt, gint64 lo,
                 gint64 hi, gint64 *out, GError **error)
{
  if (!tnet_i_csv_int (csv, col, required, dflt, out, error))
    return FALSE;
  const char *raw = tnet_i_csv_field (csv, col);
  while (g_ascii_isspace (*raw))
    raw++;
  if (!required && *raw == '\0')
    return TRUE;
  if (*out < lo || *out > hi)
    {
      tnet_i_csv_error (csv, col, error, "value %" G_GINT64_FORMAT " out of range, "
                        "expected %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT, *out, lo, hi);
      return FALSE;
    }
  return TRUE;
}

static gboolean
field_nonempty (TnetCsv *csv, int col, const char *what, GError **error)
{
  if (*tnet_i_csv_field (csv, col) == '\0')
    {
      tnet_i_csv_error (csv, col, error, "empty %s, expected an id", what);
      return FALSE;
    }
  return TRUE;
}

/* Refuses the id in @col when @taken (an earlier row has it). */
static gboolean
field_unique (TnetCsv *csv, int col, gboolean taken, const char *what, GError **error)
{
  const char *id = tnet_i_csv_field (csv, col);
  if (taken)
    {
      tnet_i_csv_error (csv, col, error, "duplicate %s '%s'", what, id);
      return FALSE;
    }
  return TRUE;
}

/* The id in @col refers to row @found of @file (G_MAXUINT: to none, an
 * error that points to @file, where such ids are defined). */
static gboolean
field_ref (TnetCsv *csv, int col, guint found, const char *what, const char *file,
           guint *out, GError **error)
{
  const char *id = tnet_i_csv_field (csv, col);
  if (found == G_MAXUINT)
    {
      tnet_i_csv_error (csv, col, error, "unknown %s '%s', expected one of %s", what, id,
                        file);
      return FALSE;
    }
  *out = found;
  return TRUE;
}

#define REQUIRE(csv, ...) \
  do { static const char *const req_[] = { __VA_ARGS__, NULL }; \
       if (!tnet_i_csv_require ((csv), req_, error)) return FALSE; } while (0)

/* ------------------------------------------------------------------ files */

static gboolean
read_agency (Source *src, TnetIFeedBuilder *builder, GError **error)
{
  g_autoptr (TnetCsv) csv = NULL;
  if (!source_csv (src, "agency.txt", FALSE, &csv, error))
    return FALSE;
  if (!csv)
    return TRUE;
  int c_id = tnet_i_csv_column (csv, "agency_id");
  int c_name = tnet_i_csv_column (csv, "agency_name");
  int r;
  while ((r = tnet_i_csv_next (csv, error)) == 1)
    {
      const char *id = tnet_i_csv_field (csv, c_id);
      if (!tnet_i_feed_builder_add_agency (builder, id, tnet_i_csv_field (csv, c_name)))
        {
          tnet_i_csv_error (csv, c_id, error, "duplicate agency_id '%s'", id);
          return FALSE;
        }
    }
  return r == 0;
}

typedef struct {
  TnetId stop;
  const char *parent;
  guint line;
  guint col;
} PendingParent;

static gboolean
read_stops (Source *src, TnetIFeedBuilder *builder, GError **error)
{
  g_autoptr (TnetCsv) csv = NULL;
  if (!source_csv (src, "stops.txt", TRUE, &csv, error))
    return FALSE;
  REQUIRE (csv, "stop_id", "stop_lat", "stop_lon");
  int c_id = tnet_i_csv_column (csv, "stop_id");
  int c_name = tnet_i_csv_column (csv, "stop_name");
  int c_lat = tnet_i_csv_column (csv, "stop_lat");
  int c_lon = tnet_i_csv_column (csv, "stop_lon");
  int c_type = tnet_i_csv_column (csv, "location_type");
  int c_parent = tnet_i_csv_column (csv, "parent_station");
  g_autoptr (GArray) pending = g_array_new (FALSE, FALSE, sizeof (PendingParent));
  g_autoptr (GStringChunk) parents = g_string_chunk_new (4096);
  int r;
  while ((r = tnet_i_csv_next (csv, error)) == 1)
    {
      const char *id = tnet_i_csv_field (csv, c_id);
      if (!field_nonempty (csv, c_id, "stop_id", error)
          || !field_unique (csv, c_id, tnet_i_feed_builder_find_stop (builder, id) != TNET_ID_NONE,
                            "stop_id", error))
        return FALSE;
      gint64 type;
      if (!field_int_range (csv, c_type, FALSE, 0, 0, 4, &type, error))
        return FALSE;
      TnetFeedStop s = { .id = id, .name = tnet_i_csv_field (csv, c_name),
                         .parent = TNET_ID_NONE, .location_type = (int) type };
      gboolean need = type <= 2;
      if (!tnet_i_csv_double (csv, c_lat, need, NAN, &s.lat, error)
          || !tnet_i_csv_double (csv, c_lon, need, NAN, &s.lon, error))
        return FALSE;
      if (!isnan (s.lat) && (s.lat < -90 || s.lat > 90))
        {
          tnet_i_csv_error (csv, c_lat, error, "latitude %g out of range, expected -90..90", s.lat);
          return FALSE;
        }
      if (!isnan (s.lon) && (s.lon < -180 || s.lon > 180))
        {
          tnet_i_csv_error (csv, c_lon, error, "longitude %g out of range, expected -180..180", s.lon);
          return FALSE;
        }
      TnetId index = tnet_i_feed_builder_add_stop (builder, &s);
      const char *parent = tnet_i_csv_field (csv, c_parent);
      if (*parent)
        {
          PendingParent pp = { index, g_string_chunk_insert_const (parents, parent),
                               tnet_i_csv_line (csv), tnet_i_csv_field_column (csv, c_parent) };
          g_array_append_val (pending, pp);
        }
    }
  if (r < 0)
    return FALSE;
  for (guint i = 0; i < pending->len; i++)
    {
      PendingParent *pp = &g_array_index (pending, PendingParent, i);
      TnetId p = tnet_i_feed_builder_find_stop (builder, pp->parent);
      if (p == TNET_ID_NONE || p == pp->stop)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                       "%s:%u:%u: parent_station '%s' %s", tnet_i_csv_name (csv), pp->line,
                       pp->col, pp->parent,
                       p == TNET_ID_NONE ? "is not a stop_id of stops.txt"
                                         : "is the stop itself");
          return FALSE;
        }
      tnet_i_feed_builder_set_parent (builder, pp->stop, p);
    }
  return TRUE;
}

static gboolean
read_routes (Source *src, TnetIFeedBuilder *builder, GError **error)
{
  g_autoptr (TnetCsv) csv = NULL;
  if (!source_csv (src, "routes.txt", TRUE, &csv, error))
    return FALSE;
  REQUIRE (csv, "route_id", "route_type");
  int c_id = tnet_i_csv_column (csv, "route_id");
  int c_agency = tnet_i_csv_column (csv, "agency_id");
  int c_short = tnet_i_csv_column (csv, "route_short_name");
  int c_long = tnet_i_csv_column (csv, "route_long_name");
  int c_type = tnet_i_csv_column (csv, "route_type");
  int c_tmode = tnet_i_csv_column (csv, "tnet_mode");   /* tnet's own extension */
  int r;
  while ((r = tnet_i_csv_next (csv, error)) == 1)
    {
      const char *id = tnet_i_csv_field (csv, c_id);
      if (!field_nonempty (csv, c_id, "route_id", error)
          || !field_unique (csv, c_id, tnet_i_feed_builder_find_route (builder, id) != TNET_ID_NONE,
                            "route_id", error))
        return FALSE;
      gint64 type;
      if (!field_int_range (csv, c_type, TRUE, 0, 0, 1702, &type, error))
        return FALSE;
      TnetFeedRoute rt = {
        .id = id,
        .agency_id = tnet_i_csv_field (csv, c_agency),
        .short_name = tnet_i_csv_field (csv, c_short),
        .long_name = tnet_i_csv_field (csv, c_long),
        .route_type = (int) type,
        .mode = tnet_i_route_type_mode ((int) type),
      };
      const char *tm = tnet_i_csv_field (csv, c_tmode);
      if (*tm && !tnet_mode_from_string (tm, &rt.mode))
        {
          tnet_i_csv_error (csv, c_tmode, error, "unknown tnet_mode '%s', expected hsr, "
                            "rail, suburban, metro or bus", tm);
          return FALSE;
        }
      tnet_i_feed_builder_add_route (builder, &rt);
    }
  return r == 0;
}

static gboolean
read_calendars (Source *src, TnetIFeedBuilder *builder, GError **error)
{
  static const char *const days[] = { "monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday" };
  g_autoptr (TnetCsv) cal = NULL;
  if (!source_csv (src, "calendar.txt", FALSE, &cal, error))
    return FALSE;
  int r;
  if (cal)
    {
      tnet_i_feed_builder_set_has_calendar_files (builder);
      REQUIRE (cal, "service_id", "monday", "tuesday", "wednesday", "thursday", "friday",
               "saturday", "sunday", "start_date", "end_date");
      int c_id = tnet_i_csv_column (cal, "service_id");
      int c_start = tnet_i_csv_column (cal, "start_date");
      int c_end = tnet_i_csv_column (cal, "end_date");
      while ((r = tnet_i_csv_next (cal, error)) == 1)
        {
          if (!field_nonempty (cal, c_id, "service_id", error))
            return FALSE;
          guint8 weekdays = 0;
          for (int d = 0; d < 7; d++)
            {
              gint64 v;
              if (!field_int_range (cal, tnet_i_csv_column (cal, days[d]), TRUE, 0, 0, 1,
                                    &v, error))
                return FALSE;
              weekdays |= (guint8) (v << d);
            }
          guint start, end;
          if (!field_date (cal, c_start, &start, error)
              || !field_date (cal, c_end, &end, error))
            return FALSE;
          const char *id = tnet_i_csv_field (cal, c_id);
          guint idx = tnet_i_feed_builder_service (builder, id, TRUE);
          if (!tnet_i_feed_builder_set_calendar (builder, idx, weekdays, start, end))
            {
              /* an exact repeat of a row is harmless, another calendar is not */
              tnet_i_csv_error (cal, c_id, error, "duplicate service_id '%s'", id);
              return FALSE;
            }
        }
      if (r < 0)
        return FALSE;
    }
  g_autoptr (TnetCsv) dates = NULL;
  if (!source_csv (src, "calendar_dates.txt", FALSE, &dates, error))
    return FALSE;
  if (dates)
    {
      tnet_i_feed_builder_set_has_calendar_files (builder);
      REQUIRE (dates, "service_id", "date", "exception_type");
      int c_id = tnet_i_csv_column (dates, "service_id");
      int c_date = tnet_i_csv_column (dates, "date");
      int c_exc = tnet_i_csv_column (dates, "exception_type");
      while ((r = tnet_i_csv_next (dates, error)) == 1)
        {
          if (!field_nonempty (dates, c_id, "service_id", error))
            return FALSE;
          guint date;
          gint64 exc;
          if (!field_date (dates, c_date, &date, error)
              || !field_int_range (dates, c_exc, TRUE, 0, 1, 2, &exc, error))
            return FALSE;
          guint idx = tnet_i_feed_builder_service (builder, tnet_i_csv_field (dates, c_id), TRUE);
          tnet_i_feed_builder_add_service_date (builder, idx, date, (int) exc);
        }
      if (r < 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_trips (Source *src, TnetIFeedBuilder *builder, GError **error)
{
  g_autoptr (TnetCsv) csv = NULL;
  if (!source_csv (src, "trips.txt", TRUE, &csv, error))
    return FALSE;
  REQUIRE (csv, "route_id", "service_id", "trip_id");
  int c_route = tnet_i_csv_column (csv, "route_id");
  int c_service = tnet_i_csv_column (csv, "service_id");
  int c_id = tnet_i_csv_column (csv, "trip_id");
  int c_block = tnet_i_csv_column (csv, "block_id");
  int r;
  while ((r = tnet_i_csv_next (csv, error)) == 1)
    {
      guint route;
      const char *id = tnet_i_csv_field (csv, c_id);
      if (!field_nonempty (csv, c_id, "trip_id", error)
          || !field_nonempty (csv, c_service, "service_id", error)
          || !field_unique (csv, c_id, tnet_i_feed_builder_find_trip (builder, id) != G_MAXUINT,
                            "trip_id", error)
          || !field_ref (csv, c_route,
                         tnet_i_feed_builder_find_route (builder, tnet_i_csv_field (csv, c_route)),
                         "route_id", "routes.txt", &route, error))
        return FALSE;
      const char *sid = tnet_i_csv_field (csv, c_service);
      /* without calendar files, a service_id needs no definition */
      gboolean create = !tnet_i_feed_builder_has_calendar_files (builder);
      guint service = tnet_i_feed_builder_service (builder, sid, create);
      if (service == G_MAXUINT)
        {
          tnet_i_csv_error (csv, c_service, error, "unknown service_id '%s', expected one "
                            "of calendar.txt or calendar_dates.txt", sid);
          return FALSE;
        }
      tnet_i_feed_builder_add_trip (builder, id, route, service, tnet_i_csv_field (csv, c_block));
    }
  return r == 0;
}

typedef struct {
  guint trip;
  guint seq;
  TnetId stop;
  guint arr;            /* G_MAXUINT when empty */
  guint dep;
  guint line;
  guint16 arr_col;
  guint16 dep_col;
  guint8 pickup;
  guint8 dropoff;
  double shape_dist;    /* NAN when empty */
} RawStopTime;

/* Straight-line distance in metres between two stops (tnet_i_haversine_m());
 * 0 when either has no position. */
static double
stop_distance_m (const TnetIFeedBuilder *builder, TnetId a, TnetId b)
{
  const TnetFeedStop *x = tnet_i_feed_builder_stop (builder, a);
  const TnetFeedStop *y = tnet_i_feed_builder_stop (builder, b);
  if (isnan (x->lon) || isnan (y->lon))
    return 0;
  return tnet_i_haversine_m (x->lon, x->lat, y->lon, y->lat);
}

static int
cmp_raw (const void *a, const void *b)
{
  const RawStopTime *x = a, *y = b;
  if (x->trip != y->trip)
    return x->trip < y->trip ? -1 : 1;
  if (x->seq != y->seq)
    return x->seq < y->seq ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

/* The columns of stop_times.txt (-1: absent). */
typedef struct {
  int trip, arr, dep, stop, seq, pick, drop, dist;
} StopTimeColumns;

/* The current row of stop_times.txt into @rs: a missing arrival or
 * departure takes the other, both missing are G_MAXUINT (interpolated
 * later). */
static gboolean
read_stop_time_row (TnetCsv *csv, const StopTimeColumns *col, const TnetIFeedBuilder *builder,
                    RawStopTime *rs, GError **error)
{
  guint trip, stop;
  gint64 seq, pick, drop;
  if (!field_ref (csv, col->trip,
                  tnet_i_feed_builder_find_trip (builder, tnet_i_csv_field (csv, col->trip)),
                  "trip_id", "trips.txt", &trip, error)
      || !field_ref (csv, col->stop,
                     tnet_i_feed_builder_find_stop (builder, tnet_i_csv_field (csv, col->stop)),
                     "stop_id", "stops.txt", &stop, error)
      || !field_int_range (csv, col->seq, TRUE, 0, 0, G_MAXINT32, &seq, error)
      || !field_int_range (csv, col->pick, FALSE, 0, 0, 3, &pick, error)
      || !field_int_range (csv, col->drop, FALSE, 0, 0, 3, &drop, error))
    return FALSE;
  *rs = (RawStopTime) { .trip = trip, .seq = (guint) seq, .stop = stop,
                        .arr = G_MAXUINT, .dep = G_MAXUINT,
                        .line = tnet_i_csv_line (csv),
                        .arr_col = (guint16) MIN (tnet_i_csv_field_column (csv, col->arr), G_MAXUINT16),
                        .dep_col = (guint16) MIN (tnet_i_csv_field_column (csv, col->dep), G_MAXUINT16),
                        .pickup = (guint8) pick, .dropoff = (guint8) drop };
  gboolean has_arr, has_dep;
  if (!field_time (csv, col->arr, FALSE, &rs->arr, &has_arr, error)
      || !field_time (csv, col->dep, FALSE, &rs->dep, &has_dep, error)
      || !tnet_i_csv_double (csv, col->dist, FALSE, NAN, &rs->shape_dist, error))
    return FALSE;
  if (rs->shape_dist < 0)
    {
      tnet_i_csv_error (csv, col->dist, error, "negative shape_dist_traveled, expected a "
                        "distance >= 0");
      return FALSE;
    }
  if (!has_arr)
    rs->arr = has_dep ? rs->dep : G_MAXUINT;
  if (!has_dep)
    rs->dep = has_arr ? rs->arr : G_MAXUINT;
  return TRUE;
}

/* The stop times rv[i .. j-1] of trip @trip_id (sorted by sequence): no
 * sequence twice, a time at the first and the last stop. */
static gboolean
check_trip_sequence (const char *name, const RawStopTime *rv, guint i, guint j,
                     const char *trip_id, GError **error)
{
  for (guint k = i; k < j; k++)
    {
      if (k > i && rv[k].seq == rv[k - 1].seq)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                       "%s:%u:1: stop_sequence %u repeats in trip '%s' (also on line %u)",
                       name, rv[k].line, rv[k].seq, trip_id, rv[k - 1].line);
          return FALSE;
        }
      if ((k == i || k == j - 1) && rv[k].arr == G_MAXUINT)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                       "%s:%u:%u: the %s stop of trip '%s' has no time, expected "
                       "arrival_time and departure_time", name, rv[k].line,
                       rv[k].arr_col, k == i ? "first" : "last", trip_id);
          return FALSE;
        }
    }
  return TRUE;
}

/* Times for the stops rv[k .. e-1] without one (rv[k-1] and rv[e] have
 * theirs), by position between the two timepoints: along the shape when
 * every stop has an increasing shape distance, else by the straight
 * distances between stops. */
static gboolean
interpolate_times (const TnetIFeedBuilder *builder, const char *name, RawStopTime *rv, guint k,
                   guint e, const char *trip_id, GError **error)
{
  guint a = rv[k - 1].dep, b = rv[e].arr;
  if (b < a)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s:%u:%u: arrival_time goes backwards in trip '%s', expected "
                   "a time not before the previous stop's departure",
                   name, rv[e].line, rv[e].arr_col, trip_id);
      return FALSE;
    }
  /* cumulative distance from the timepoint k-1 to each stop up to e */
  gboolean by_shape = !isnan (rv[k - 1].shape_dist);
  for (guint q = k; q <= e && by_shape; q++)
    by_shape = !isnan (rv[q].shape_dist) && rv[q].shape_dist >= rv[q - 1].shape_dist;
  double total = 0;
  if (by_shape)
    total = rv[e].shape_dist - rv[k - 1].shape_dist;
  else
    for (guint q = k; q <= e; q++)
      total += stop_distance_m (builder, rv[q - 1].stop, rv[q].stop);
  double run = 0;
  for (guint q = k; q < e; q++)
    {
      double frac;
      if (total > 0)
        {
          run = by_shape ? rv[q].shape_dist - rv[k - 1].shape_dist
                         : run + stop_distance_m (builder, rv[q - 1].stop, rv[q].stop);
          frac = run / total;
        }
      else   /* all stops at one place: nothing to weigh by */
        frac = (double) (q - k + 1) / (e - k + 1);
      rv[q].arr = rv[q].dep = a + (guint) floor ((b - a) * frac);
    }
  return TRUE;
}

/* The stop times rv[i .. j-1] of one trip, checked, interpolated and
 * added to the feed; the feed checks that they run forwards, and a fault
 * is reported here at its line. */
static gboolean
finish_trip_times (TnetIFeedBuilder *builder, const char *name, RawStopTime *rv, guint i,
                   guint j, GError **error)
{
  guint trip = rv[i].trip;
  const char *trip_id = tnet_i_feed_builder_trip_id (builder, trip);
  if (!check_trip_sequence (name, rv, i, j, trip_id, error))
    return FALSE;
  for (guint k = i + 1; k < j; k++)
    if (rv[k].arr == G_MAXUINT)
      {
        guint e = k;
        while (rv[e].arr == G_MAXUINT)
          e++;
        if (!interpolate_times (builder, name, rv, k, e, trip_id, error))
          return FALSE;
        k = e;
      }
  TnetStopTime *st = tnet_i_feed_builder_add_stop_times (builder, trip, j - i);
  for (guint k = i; k < j; k++)
    st[k - i] = (TnetStopTime) { .stop = rv[k].stop, .arr_s = rv[k].arr, .dep_s = rv[k].dep,
                                 .pickup_type = rv[k].pickup,
                                 .drop_off_type = rv[k].dropoff };
  guint row = 0;
  TnetIStopTimesFault fault = tnet_i_feed_builder_end_stop_times (builder, trip, &row);
  const RawStopTime *bad = &rv[i + row];
  if (fault == TNET_I_STOP_TIMES_DEPARTS_BEFORE_ARRIVAL)
    g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                 "%s:%u:%u: departure_time before arrival_time in trip '%s', "
                 "expected departure >= arrival", name, bad->line, bad->dep_col, trip_id);
  else if (fault == TNET_I_STOP_TIMES_BACKWARDS)
    g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                 "%s:%u:%u: arrival_time goes backwards in trip '%s', expected a "
                 "time not before the previous stop's departure (line %u)",
                 name, bad->line, bad->arr_col, trip_id, bad[-1].line);
  return fault == TNET_I_STOP_TIMES_OK;
}

static gboolean
read_stop_times (Source *src, TnetIFeedBuilder *builder, GError **error)
{
  g_autoptr (TnetCsv) csv = NULL;
  if (!source_csv (src, "stop_times.txt", TRUE, &csv, error))
    return FALSE;
  REQUIRE (csv, "trip_id", "arrival_time", "departure_time", "stop_id", "stop_sequence");
  const StopTimeColumns col = {
    .trip = tnet_i_csv_column (csv, "trip_id"),
    .arr = tnet_i_csv_column (csv, "arrival_time"),
    .dep = tnet_i_csv_column (csv, "departure_time"),
    .stop = tnet_i_csv_column (csv, "stop_id"),
    .seq = tnet_i_csv_column (csv, "stop_sequence"),
    .pick = tnet_i_csv_column (csv, "pickup_type"),
    .drop = tnet_i_csv_column (csv, "drop_off_type"),
    .dist = tnet_i_csv_column (csv, "shape_dist_traveled"),
  };
  g_autoptr (GArray) raw = g_array_new (FALSE, FALSE, sizeof (RawStopTime));
  int r;
  while ((r = tnet_i_csv_next (csv, error)) == 1)
    {
      RawStopTime rs;
      if (!read_stop_time_row (csv, &col, builder, &rs, error))
        return FALSE;
      g_array_append_val (raw, rs);
    }
  if (r < 0)
    return FALSE;

  const char *name = tnet_i_csv_name (csv);
  if (raw->len > 0)
    qsort (raw->data, raw->len, sizeof (RawStopTime), cmp_raw);
  tnet_i_feed_builder_reserve_stop_times (builder, raw->len);
  RawStopTime *rv = (RawStopTime *) raw->data;
  for (guint i = 0; i < raw->len;)
    {
      guint j = i;
      while (j < raw->len && rv[j].trip == rv[i].trip)
        j++;
      if (!finish_trip_times (builder, name, rv, i, j, error))
        return FALSE;
      i = j;
    }
  return TRUE;
}

typedef struct {
  guint trip;
  guint line;
  TnetFrequency f;
} RawFrequency;

static int
cmp_freq (const void *a, const void *b)
{
  const RawFrequency *x = a, *y = b;
  if (x->trip != y->trip)
    return x->trip < y->trip ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

static gboolean
read_frequencies (Source *src, TnetIFeedBuilder *builder, GError **error)
{
  g_autoptr (TnetCsv) csv = NULL;
  if (!source_csv (src, "frequencies.txt", FALSE, &csv, error))
    return FALSE;
  if (!csv)
    return TRUE;
  REQUIRE (csv, "trip_id", "start_time", "end_time", "headway_secs");
  int c_trip = tnet_i_csv_column (csv, "trip_id");
  int c_start = tnet_i_csv_column (csv, "start_time");
  int c_end = tnet_i_csv_column (csv, "end_time");
  int c_head = tnet_i_csv_column (csv, "headway_secs");
  int c_exact = tnet_i_csv_column (csv, "exact_times");
  g_autoptr (GArray) raw = g_array_new (FALSE, FALSE, sizeof (RawFrequency));
  int r;
  while ((r = tnet_i_csv_next (csv, error)) == 1)
    {
      RawFrequency rf = { .line = tnet_i_csv_line (csv) };
      gboolean present;
      gint64 h, exact;
      if (!field_ref (csv, c_trip,
                      tnet_i_feed_builder_find_trip (builder, tnet_i_csv_field (csv, c_trip)),
                      "trip_id", "trips.txt", &rf.trip, error)
          || !field_time (csv, c_start, TRUE, &rf.f.start_s, &present, error)
          || !field_time (csv, c_end, TRUE, &rf.f.end_s, &present, error)
          || !field_int_range (csv, c_head, TRUE, 0, 1, 86400, &h, error)
          || !field_int_range (csv, c_exact, FALSE, 0, 0, 1, &exact, error))
        return FALSE;
      rf.f.exact_times = exact == 1;
      if (rf.f.end_s <= rf.f.start_s)
        {
          tnet_i_csv_error (csv, c_end, error, "end_time not after start_time, expected a "
                            "time after %u:%02u:%02u", rf.f.start_s / 3600,
                            rf.f.start_s / 60 % 60, rf.f.start_s % 60);
          return FALSE;
        }
      rf.f.headway_s = (guint) h;
      g_array_append_val (raw, rf);
    }
  if (r < 0)
    return FALSE;
  if (raw->len > 0)
    qsort (raw->data, raw->len, sizeof (RawFrequency), cmp_freq);
  for (guint i = 0; i < raw->len; i++)
    {
      const RawFrequency *rf = &g_array_index (raw, RawFrequency, i);
      tnet_i_feed_builder_add_frequency (builder, rf->trip, &rf->f);
    }
  return TRUE;
}

static gboolean
read_transfers (Source *src, TnetIFeedBuilder *builder, GError **error)
{
  g_autoptr (TnetCsv) csv = NULL;
  if (!source_csv (src, "transfers.txt", FALSE, &csv, error))
    return FALSE;
  if (!csv)
    return TRUE;
  REQUIRE (csv, "from_stop_id", "to_stop_id", "transfer_type");
  int c_from = tnet_i_csv_column (csv, "from_stop_id");
  int c_to = tnet_i_csv_column (csv, "to_stop_id");
  int c_type = tnet_i_csv_column (csv, "transfer_type");
  int c_min = tnet_i_csv_column (csv, "min_transfer_time");
  int r;
  while ((r = tnet_i_csv_next (csv, error)) == 1)
    {
      gint64 type, min;
      if (!field_int_range (csv, c_type, FALSE, 0, 0, 5, &type, error)
          || !field_int_range (csv, c_min, FALSE, -1, 0, 86400, &min, error))
        return FALSE;
      if (type >= 4)
        continue;   /* in-seat transfers between trips: not modelled */
      if (type == 2 && min < 0)
        {
          tnet_i_csv_error (csv, c_min < 0 ? c_type : c_min, error,
                            "transfer_type 2 needs a min_transfer_time, expected seconds");
          return FALSE;
        }
      TnetFeedTransfer t = { .transfer_type = (int) type, .min_transfer_time_s = (int) min };
      if (!field_ref (csv, c_from,
                      tnet_i_feed_builder_find_stop (builder, tnet_i_csv_field (csv, c_from)),
                      "stop_id", "stops.txt", &t.from_stop, error)
          || !field_ref (csv, c_to,
                         tnet_i_feed_builder_find_stop (builder, tnet_i_csv_field (csv, c_to)),
                         "stop_id", "stops.txt", &t.to_stop, error))
        return FALSE;
      tnet_i_feed_builder_add_transfer (builder, &t);
    }
  return r == 0;
}

TnetFeed *
tnet_feed_load (const char *path, const TnetFeedOptions *options, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  Source src;
  if (!source_open (&src, path, options ? options->max_uncompressed_bytes : 0, error))
    {
      source_close (&src);
      return NULL;
    }
  TnetIFeedBuilder *builder = tnet_i_feed_builder_new (src.display);
  gboolean ok = read_agency (&src, builder, error)
                && read_stops (&src, builder, error)
                && read_routes (&src, builder, error)
                && read_calendars (&src, builder, error)
                && read_trips (&src, builder, error)
                && read_stop_times (&src, builder, error)
                && read_frequencies (&src, builder, error)
                && read_transfers (&src, builder, error);
  source_close (&src);
  if (!ok)
    {
      tnet_i_feed_builder_free (builder);
      return NULL;
    }
  return tnet_i_feed_builder_finish (builder, options, error);
}

char *
tnet_feed_path_for_year (const char *network_dir, int year)
{
  g_return_val_if_fail (network_dir != NULL, NULL);
  GDir *dir = g_dir_open (network_dir, 0, NULL);
  if (dir == NULL)
    return NULL;
  int best = G_MININT;
  char *best_name = NULL, *plain = NULL;
  const char *name;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (strcmp (name, "gtfs") == 0 || strcmp (name, "gtfs.zip") == 0)
        {
          if (plain == NULL || strcmp (name, "gtfs") == 0)
            {
              g_free (plain);
              plain = g_strdup (name);
            }
          continue;
        }
      if (!g_str_has_prefix (name, "gtfs-"))
        continue;
      char *end;
      errno = 0;
      long y = strtol (name + 5, &end, 10);
      if (errno || end == name + 5 || (*end && strcmp (end, ".zip") != 0))
        continue;
      if (y > year || y < best || (y == best && *end))
        continue;   /* a folder wins over a zip of the same year */
      best = (int) y;
      g_free (best_name);
      best_name = g_strdup (name);
    }
  g_dir_close (dir);
  char *chosen = best_name ? best_name : plain;
  char *path = chosen ? g_build_filename (network_dir, chosen, NULL) : NULL;
  g_free (best_name);
  g_free (plain);
  return path;
}

/* For gtfs-merge.c: one member of a feed (folder or zip) as CSV with its
 * header read; NULL without an error when the member is absent. */
TnetCsv *
tnet_i_gtfs_open_member (const char *path, const char *name, GError **error)
{
  Source src;
  TnetCsv *csv = NULL;
  if (source_open (&src, path, 0, error))
    {
      source_csv (&src, name, FALSE, &csv, error);
      source_close (&src);
    }
  return csv;
}
