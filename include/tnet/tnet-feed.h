/* tnet-feed.h: public transport feeds (GTFS): agencies, stops, routes,
 * trips and their service patterns with headways, for one service date. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>

G_BEGIN_DECLS

/**
 * TnetFeed:
 * A GTFS feed as read (stops, routes, trips, stop times, frequencies,
 * transfers, calendars) plus its service patterns for one service day and
 * one time window (see #TnetFeedOptions). Immutable after loading and
 * shareable across threads (_ref/_unref are atomic).
 */
typedef struct _TnetFeed TnetFeed;

/**
 * TnetFeedOptions:
 * @window_start_s: start of the analysis window, seconds after midnight of
 *   the service day (default 07:00 = 25200)
 * @window_end_s: end of the window, exclusive (default 09:00 = 32400)
 * @service_date: the service day as YYYYMMDD, or 0 for the busiest day: the
 *   date of the feed's calendar range with the most trips running (ties: the
 *   earliest). A feed without calendar files runs every trip every day.
 * @max_uncompressed_bytes: bound on the total uncompressed size of the zip
 *   members read (guards against zip bombs); 0 = 2 GiB.
 *
 * Initialise with tnet_feed_options_init().
 */
typedef struct {
  guint window_start_s;
  guint window_end_s;
  guint service_date;
  guint64 max_uncompressed_bytes;
} TnetFeedOptions;

/* Sets @options to the defaults above (07:00-09:00, busiest day, 2 GiB).
 * Errors: none (%NULL is a programming error). Thread-safe. Time
 * complexity: O(1). */
TNET_API void tnet_feed_options_init (TnetFeedOptions *options);

/* A stop of the feed. @parent is a stop index or TNET_ID_NONE.
 * @location_type is the GTFS value (0 stop/platform, 1 station, 2 entrance,
 * 3 generic node, 4 boarding area). lon/lat are NAN when the file left them
 * empty (allowed for types 3 and 4 only). Strings are owned by the feed. */
typedef struct {
  const char *id;
  const char *name;
  double lon;
  double lat;
  TnetId parent;
  int location_type;
} TnetFeedStop;

/**
 * TnetFeedRoute:
 * A route. @mode is derived from @route_type: 0 tram, 1 subway, 5 cable
 * tram, 7 funicular, 12 monorail and extended types 400-405 (urban rail) and
 * 900-906 (tram) -> metro; 2 and extended 100-117 -> rail, except 101
 * (high speed) -> hsr and 109 (suburban railway) -> suburban; 3, 11
 * (trolleybus), 200-209 (coach) and 700-716, 800 -> bus; anything else
 * (ferry, aerial lift, ...) -> bus, the closest surface mode tnet has. When a
 * multimodal graph is built over a network, a route whose name is the `line`
 * of a rail network link takes that link's mode instead (so a type-2 route
 * named like an `hsr` line rides as hsr). A `tnet_mode` column in
 * routes.txt (tnet's extension, used by the bundled data) overrides the
 * route_type mapping.
 */
typedef struct {
  const char *id;
  const char *agency_id;
  const char *short_name;
  const char *long_name;
  int route_type;
  TnetMode mode;
} TnetFeedRoute;

/**
 * TnetPattern:
 * A service pattern: the trips of one route that call at the same ordered
 * sequence of stops, running on the service day with at least one
 * departure from the first stop inside the window.
 * @headway_s: window length / departures in the window; for a pattern of
 *   frequency-based trips, the part of the window their frequencies.txt rows
 *   cover / the sum over rows of (time covered / headway_secs), which is
 *   exactly headway_secs when one headway is in force
 * @stops: @n_stops stop indices in calling order
 * @run_s: @n_stops - 1 median running times (departure at stop k to arrival
 *   at stop k+1) in seconds
 * @dwell_s: @n_stops median dwell times (departure - arrival) in seconds
 * @offset_s: @n_stops median departure times at each stop, relative to the
 *   departure from the first stop
 * @departures_s: @n_departures departure times from the first stop inside
 *   the window, ascending, seconds after midnight
 * @can_board / @can_alight: per stop, whether some trip picks up / sets
 *   down there (pickup_type / drop_off_type not 1)
 * All arrays are owned by the feed.
 */
typedef struct {
  TnetId route;
  guint n_stops;
  guint n_trips;
  guint n_departures;
  gboolean frequency_based;
  double headway_s;
  const TnetId *stops;
  const guint *run_s;
  const guint *dwell_s;
  const guint *offset_s;
  const guint *departures_s;
  const gboolean *can_board;
  const gboolean *can_alight;
} TnetPattern;

/* A transfers.txt row (stop indices; @min_transfer_time_s is -1 if empty). */
typedef struct {
  TnetId from_stop;
  TnetId to_stop;
  int transfer_type;
  int min_transfer_time_s;
} TnetFeedTransfer;

/**
 * tnet_feed_load:
 * @path: a GTFS folder or `.zip` file
 * @options: (nullable): NULL for the defaults
 *
 * Reads agency, stops, routes, trips, stop_times, frequencies, transfers,
 * calendar and calendar_dates (a UTF-8 BOM, quoted fields, optional columns
 * and times past 24:00 are handled; other files are ignored), validates
 * everything, then groups the trips running on the service day into
 * patterns with headways over the window. stops.txt, routes.txt, trips.txt
 * and stop_times.txt are required, the others optional.
 *
 * Errors: %TNET_ERROR_IO (cannot open), %TNET_ERROR_INVALID_INPUT with
 * "FILE:LINE:COLUMN: what was expected" (missing file or column, malformed
 * time or number, unknown route/trip/stop/service, duplicate id, times going
 * backwards within a trip, a truncated or corrupt zip), %TNET_ERROR_TOO_LARGE
 * (the zip members exceed @max_uncompressed_bytes).
 * Returns: (transfer full): a new feed, or %NULL.
 * Thread-safety: reentrant (reads only the files).
 * Time complexity: O(size of the files + S log S) for S stop times.
 */
TNET_API TnetFeed *tnet_feed_load (const char *path, const TnetFeedOptions *options,
                                   GError **error);

/**
 * tnet_feed_path_for_year:
 * The feed of a network folder for a scenario year: `DIR/gtfs-YEAR` (folder
 * or .zip), else the latest `gtfs-Y` with Y <= @year, else `DIR/gtfs`
 * (folder or .zip). Returns: (transfer full) (nullable): the path, or NULL
 * when the folder has none.
 * Errors: none (an unreadable folder has no feed: NULL). Thread-safety:
 * reentrant (lists the folder). Time complexity: O(entries of the folder).
 */
TNET_API char *tnet_feed_path_for_year (const char *network_dir, int year);

/* Atomic reference counting: any thread may hold and drop references; the
 * last unref frees the feed (O(size of the feed)); %NULL is ignored by
 * unref. Errors: none. Time complexity of a ref: O(1). */
TNET_API TnetFeed *tnet_feed_ref (TnetFeed *feed);
TNET_API void tnet_feed_unref (TnetFeed *feed);

/* The accessors below only read the immutable feed: thread-safe, no GError,
 * O(1) unless said otherwise; a %NULL @feed is a programming error
 * (g_critical, then 0 or %NULL). */

/* Where the feed came from (display name). Errors: none. Thread-safe.
 * Time complexity: O(1). */
TNET_API const char *tnet_feed_get_path (const TnetFeed *feed);
/* The service day used (YYYYMMDD; 0 when the feed has no calendar), and the
 * window the patterns were built over (seconds after midnight; either out
 * pointer may be %NULL). Errors: none. Thread-safe. Time complexity: O(1). */
TNET_API guint tnet_feed_get_service_date (const TnetFeed *feed);
TNET_API void tnet_feed_get_window (const TnetFeed *feed, guint *start_s, guint *end_s);

/* Counts, and the name of agency @i (%NULL when out of range). Errors:
 * none. Thread-safe. Time complexity: O(1). */

TNET_API guint tnet_feed_n_agencies (const TnetFeed *feed);
TNET_API const char *tnet_feed_agency_name (const TnetFeed *feed, guint i);
TNET_API guint tnet_feed_n_stops (const TnetFeed *feed);
TNET_API guint tnet_feed_n_routes (const TnetFeed *feed);
TNET_API guint tnet_feed_n_trips (const TnetFeed *feed);
TNET_API guint tnet_feed_n_stop_times (const TnetFeed *feed);
TNET_API guint tnet_feed_n_transfers (const TnetFeed *feed);
TNET_API guint tnet_feed_n_patterns (const TnetFeed *feed);
/* Views valid while the feed lives. Index out of range -> NULL. Errors:
 * none. Thread-safe. Time complexity: O(1). */
TNET_API const TnetFeedStop *tnet_feed_stop (const TnetFeed *feed, TnetId i);
TNET_API const TnetFeedRoute *tnet_feed_route (const TnetFeed *feed, TnetId i);
TNET_API const TnetPattern *tnet_feed_pattern (const TnetFeed *feed, TnetId i);
TNET_API const TnetFeedTransfer *tnet_feed_transfer (const TnetFeed *feed, guint i);
/* Stop or route index by GTFS id, or TNET_ID_NONE. Errors: none.
 * Thread-safe. Time complexity: O(1) expected (hash tables). */
TNET_API TnetId tnet_feed_find_stop (const TnetFeed *feed, const char *stop_id);
TNET_API TnetId tnet_feed_find_route (const TnetFeed *feed, const char *route_id);
/* The route's display name: short name, else long name, else id. Errors:
 * a route out of range is a programming error (g_critical, %NULL).
 * Thread-safe. Time complexity: O(1). */
TNET_API const char *tnet_feed_route_name (const TnetFeed *feed, TnetId route);

/**
 * tnet_feed_summary_to_json:
 * @feed: a loaded feed
 *
 * What `tnet import gtfs FEED --format json` prints
 * (docs/json-schema.md): an object with feed (its display name,
 * tnet_feed_get_path()), agencies (names),
 * the counts stops, stations (stops of location_type 1), routes, trips,
 * stop_times, transfers, patterns, frequency_patterns, the service_date
 * (YYYYMMDD) and window_start_s/window_end_s (seconds after midnight), and
 * modes: per route mode with routes, {mode, routes, patterns,
 * headway_min_min, headway_max_min} (the least and greatest headway of its
 * patterns in minutes to a tenth; null without patterns).
 * Returns: (transfer full): the text, indented by two, ending in a newline.
 * Errors: none (a %NULL @feed is a programming error).
 * Thread-safety: reads @feed only.
 * Time complexity: O(stops + routes + patterns).
 */
TNET_API char *tnet_feed_summary_to_json (const TnetFeed *feed);
/**
 * tnet_feed_summary_to_text:
 * @feed: a loaded feed
 * @load_ms: the time it took to read, in the first line (NAN: left out)
 *
 * The same as readable lines (`tnet import gtfs FEED`): the name, the
 * agencies, the counts, the service day and window with the patterns, and
 * per route mode its routes, patterns and headway range in minutes.
 * Returns: (transfer full): the text.
 * Errors: none (a %NULL @feed is a programming error).
 * Thread-safety: reads @feed only.
 * Time complexity: O(stops + routes + patterns).
 */
TNET_API char *tnet_feed_summary_to_text (const TnetFeed *feed, double load_ms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetFeed, tnet_feed_unref)

G_END_DECLS
