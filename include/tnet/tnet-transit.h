/* tnet-transit.h: public transport feeds (GTFS), service patterns with
 * headways, and the route-expanded multimodal graphs of the car, transit and
 * park-and-ride profiles. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>
#include <tnet/tnet-scenario.h>
#include <tnet/tnet-graph.h>
#include <tnet/tnet-search.h>
#include <tnet/tnet-ch.h>

G_BEGIN_DECLS

/* ------------------------------------------------------------------ feed */

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
 */
TNET_API char *tnet_feed_path_for_year (const char *network_dir, int year);

TNET_API TnetFeed *tnet_feed_ref (TnetFeed *feed);
TNET_API void tnet_feed_unref (TnetFeed *feed);

/* Where the feed came from (display name). */
TNET_API const char *tnet_feed_get_path (const TnetFeed *feed);
/* The service day used (YYYYMMDD; 0 when the feed has no calendar). */
TNET_API guint tnet_feed_get_service_date (const TnetFeed *feed);
TNET_API void tnet_feed_get_window (const TnetFeed *feed, guint *start_s, guint *end_s);

TNET_API guint tnet_feed_n_agencies (const TnetFeed *feed);
TNET_API const char *tnet_feed_agency_name (const TnetFeed *feed, guint i);
TNET_API guint tnet_feed_n_stops (const TnetFeed *feed);
TNET_API guint tnet_feed_n_routes (const TnetFeed *feed);
TNET_API guint tnet_feed_n_trips (const TnetFeed *feed);
TNET_API guint tnet_feed_n_stop_times (const TnetFeed *feed);
TNET_API guint tnet_feed_n_transfers (const TnetFeed *feed);
TNET_API guint tnet_feed_n_patterns (const TnetFeed *feed);
/* Views valid while the feed lives. Index out of range -> NULL. */
TNET_API const TnetFeedStop *tnet_feed_stop (const TnetFeed *feed, TnetId i);
TNET_API const TnetFeedRoute *tnet_feed_route (const TnetFeed *feed, TnetId i);
TNET_API const TnetPattern *tnet_feed_pattern (const TnetFeed *feed, TnetId i);
TNET_API const TnetFeedTransfer *tnet_feed_transfer (const TnetFeed *feed, guint i);
/* Stop or route index by GTFS id, or TNET_ID_NONE. */
TNET_API TnetId tnet_feed_find_stop (const TnetFeed *feed, const char *stop_id);
TNET_API TnetId tnet_feed_find_route (const TnetFeed *feed, const char *route_id);
/* The route's display name: short name, else long name, else id. */
TNET_API const char *tnet_feed_route_name (const TnetFeed *feed, TnetId route);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetFeed, tnet_feed_unref)

/* ------------------------------------------------------------ multimodal */

typedef enum {
  TNET_PROFILE_CAR,
  TNET_PROFILE_TRANSIT,
  TNET_PROFILE_PARK_AND_RIDE,
  TNET_N_PROFILES
} TnetProfile;

TNET_API const char *tnet_profile_to_string (TnetProfile profile);
TNET_API gboolean tnet_profile_from_string (const char *s, TnetProfile *out);

/**
 * TnetTransitOptions:
 * @wait_factor: expected wait = @wait_factor * headway (default 0.5)
 * @max_wait_s: cap on the expected wait, 0 = none (default 0)
 * @walk_speed_kmh: walking speed (default 4.8)
 * @walk_detour: straight-line distance factor for synthetic walks (1.2)
 * @stop_radius_m: a stop that is not a network node links to the nearest
 *   road node within this distance (default 500)
 * @transfer_radius_m: stops this close may be changed between on foot at the
 *   distance-based default time (default 400)
 * @walk_on_roads: in the walking layers, `road`-mode links and the
 *   `trunk`-mode links of class `primary` or `primary_link` (urban
 *   avenues, which the OSM import files under trunk) may be walked, both
 *   ways, at @walk_speed_kmh (default TRUE); expressways and other trunk
 *   links never. Stops hang on nodes of these links (or walk links)
 *   whatever this option says.
 * @park_s: time to park and reach the platform in park-and-ride (default 300)
 * @hubs: (nullable): passenger hubs whose walk table (hub_walks.csv) gives
 *   the transfer walk between two member stops when transfers.txt has no
 *   rule for the pair; borrowed for the build (default %NULL)
 *
 * Transfers between stops a and b pay, in this order: transfers.txt's
 * min_transfer_time (for the stops, or their parent stations), the hub
 * walk of @hubs for the scenario year, 0 at the same stop, or the
 * straight-line distance x @walk_detour at @walk_speed_kmh.
 *
 * Initialise with tnet_transit_options_init().
 */
typedef struct {
  double wait_factor;
  double max_wait_s;
  double walk_speed_kmh;
  double walk_detour;
  double stop_radius_m;
  double transfer_radius_m;
  gboolean walk_on_roads;
  double park_s;
  const struct _TnetHubSet *hubs;
} TnetTransitOptions;

TNET_API void tnet_transit_options_init (TnetTransitOptions *options);

/**
 * TnetArcKind:
 * What an arc of a multimodal graph stands for.
 * @TNET_ARC_DRIVE: a road or access link driven by car
 * @TNET_ARC_WALK: a network link walked (or an access link used on foot)
 * @TNET_ARC_ACCESS: a walk between a stop and the network node it hangs on
 * @TNET_ARC_BOARD: boarding a pattern at a stop; weighs the expected wait
 * @TNET_ARC_RIDE: riding a pattern from one stop to the next
 * @TNET_ARC_DWELL: staying aboard while the vehicle dwells at a stop
 * @TNET_ARC_ALIGHT: leaving the vehicle (free)
 * @TNET_ARC_TRANSFER: changing between stops after alighting
 * @TNET_ARC_PARK: leaving the car at a station (park-and-ride)
 * @TNET_ARC_LAYER: a free switch between layers (e.g. arriving on foot
 *   without having ridden)
 * @TNET_ARC_STATION: moving between a station and its platforms (free)
 */
typedef enum {
  TNET_ARC_DRIVE,
  TNET_ARC_WALK,
  TNET_ARC_ACCESS,
  TNET_ARC_BOARD,
  TNET_ARC_RIDE,
  TNET_ARC_DWELL,
  TNET_ARC_ALIGHT,
  TNET_ARC_TRANSFER,
  TNET_ARC_PARK,
  TNET_ARC_LAYER,
  TNET_ARC_STATION,
  TNET_N_ARC_KINDS
} TnetArcKind;

/**
 * TnetMultimodal:
 * A network (and optionally a feed) compiled under a scenario for one
 * profile into a layered graph with a travel-time metric, per-arc metadata
 * and the mapping network node -> graph node in the start and end layers.
 * Immutable and shareable across threads (_ref/_unref are atomic).
 *
 * Layers (graph node ids; N = network nodes, S = feed stops):
 * - car: one layer, graph node v = network node v; road and access links.
 * - transit: start layer A (node v), end layer E (N + v), then per stop a
 *   departure node (where one may board) and an arrival node (where one
 *   alights), then two nodes per pattern stop (arrival, departure). A and E
 *   walk over walk, access and (optionally) road links; A reaches the
 *   departure nodes of its stops, arrival nodes lead to E, and an arrival
 *   node reaches other departure nodes only through transfer arcs. E never
 *   leads back to a vehicle, so legs are always access, (wait, ride,
 *   transfer)*, egress.
 * - park-and-ride: car layer C (node v), then A (N + v) reached only by
 *   park arcs at stations, then E (2N + v), stops and patterns as in
 *   transit. Nothing leads back to C.
 */
typedef struct _TnetMultimodal TnetMultimodal;

/**
 * tnet_multimodal_build:
 * @net: the network (may be empty when only a feed is studied)
 * @scen: the scenario (year, closures, overrides and headway factors)
 * @feed: (nullable): the transit feed; NULL gives transit without services
 * @profile: which layered graph to build
 * @options: (nullable): NULL for the defaults
 *
 * Compiles the graph. A stop whose stop_id equals a network node id hangs on
 * that node; other stops hang on the nearest node incident to an active
 * walk link or walkable road link (see @walk_on_roads) within @stop_radius_m (walk time = distance * detour /
 * walk speed), or stay unreachable from the network (counted in the stats).
 * Boarding weighs min(wait_factor * headway * factor, max_wait) where factor
 * is the scenario's headway factor of the route's short name, or, when that
 * is 1, of its long name. Transfers from stop a to stop b pay: the
 * transfers.txt min_transfer_time of (a,b), else of their parent stations
 * (type 2 rows; type 3 forbids the change), else the distance-based default
 * (straight line * detour at walk speed) for stops within
 * @transfer_radius_m. A change at the same stop costs 0 unless a rule says
 * otherwise.
 *
 * Copies what it needs; @net, @scen and @feed may be freed afterwards.
 * Errors: %TNET_ERROR_NOT_FOUND when the scenario names unknown links or
 * lines; %TNET_ERROR_TOO_LARGE when the graph would not fit 32-bit ids.
 * Time complexity: O(N + M + S * (nearby nodes) + sum of pattern lengths).
 */
TNET_API TnetMultimodal *tnet_multimodal_build (const TnetNetwork *net,
                                                const TnetScenario *scen,
                                                const TnetFeed *feed,
                                                TnetProfile profile,
                                                const TnetTransitOptions *options,
                                                GError **error);

TNET_API TnetMultimodal *tnet_multimodal_ref (TnetMultimodal *mm);
TNET_API void tnet_multimodal_unref (TnetMultimodal *mm);

TNET_API TnetProfile tnet_multimodal_get_profile (const TnetMultimodal *mm);
/* Borrowed views, valid while @mm lives. */
TNET_API TnetGraph *tnet_multimodal_get_graph (const TnetMultimodal *mm);
TNET_API TnetMetric *tnet_multimodal_get_metric (const TnetMultimodal *mm);

/**
 * tnet_multimodal_ref_ch:
 * @progress: (nullable): progress of the build, when this call builds
 *
 * The contraction hierarchy of tnet_multimodal_get_metric() (default
 * options), built by the first call and kept with @mm for every later
 * one: a program that answers many queries on one graph — many-to-many
 * commute matrices, a server, a worker of a distributed run — contracts
 * it once. Thread-safe; concurrent first callers wait for one build. A
 * build stopped by @progress (G_IO_ERROR_CANCELLED) is not kept.
 *
 * Returns: (transfer full) (nullable): a reference, or NULL with @error.
 */
TNET_API TnetCH *tnet_multimodal_ref_ch (TnetMultimodal *mm, TnetProgressFunc progress,
                                         gpointer progress_data, GError **error);

/**
 * tnet_multimodal_origin_node:
 * The graph node where a journey from network node @net_node starts (start
 * layer). Use it as the source of a forward search.
 * Time complexity: O(1).
 */
TNET_API TnetId tnet_multimodal_origin_node (const TnetMultimodal *mm, TnetId net_node);
/**
 * tnet_multimodal_destination_node:
 * The graph node where a journey to network node @net_node ends (end
 * layer): the target of a forward search, the source of a backward search
 * (arrive-by, e.g. one search per destination for a commute matrix).
 * Time complexity: O(1).
 */
TNET_API TnetId tnet_multimodal_destination_node (const TnetMultimodal *mm,
                                                  TnetId net_node);
/* The same for a feed stop (departure / arrival node; TNET_ID_NONE for the
 * car profile or a stop index out of range). O(1). */
TNET_API TnetId tnet_multimodal_stop_origin_node (const TnetMultimodal *mm, TnetId stop);
TNET_API TnetId tnet_multimodal_stop_destination_node (const TnetMultimodal *mm,
                                                       TnetId stop);
/**
 * tnet_multimodal_find_place:
 * Resolves a network node id or, failing that, a feed stop id into its
 * origin and destination graph nodes. Fails with %TNET_ERROR_NOT_FOUND.
 */
TNET_API gboolean tnet_multimodal_find_place (const TnetMultimodal *mm, const char *id,
                                              TnetId *origin, TnetId *destination,
                                              GError **error);

/* What arc @arc (external id) of the graph stands for. */
TNET_API TnetArcKind tnet_multimodal_arc_kind (const TnetMultimodal *mm, TnetId arc);
/**
 * tnet_multimodal_arc_line:
 * The line arc @arc belongs to: the `line` of the network link a drive or
 * walk arc runs over, or the route's display name for the boarding,
 * riding, dwelling and alighting arcs of a service pattern; %NULL for other
 * arcs and links without a line. (tnet_graph_arc_link() gives the network
 * link of drive and walk arcs.) A view owned by @mm. Thread-safe.
 * Time complexity: O(1).
 */
TNET_API const char *tnet_multimodal_arc_line (const TnetMultimodal *mm, TnetId arc);

/**
 * TnetMultimodalStats:
 * Counts of the compiled graph. @n_stops_unlinked: stops used by a pattern
 * that hang on no network node (reachable only from other stops).
 */
typedef struct {
  guint n_nodes;
  guint n_arcs;
  guint n_patterns;
  guint n_stops_matched;   /* stop_id == network node id */
  guint n_stops_linked;    /* linked to the nearest road node */
  guint n_stops_unlinked;
  guint n_transfer_arcs;
} TnetMultimodalStats;

TNET_API void tnet_multimodal_get_stats (const TnetMultimodal *mm,
                                         TnetMultimodalStats *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetMultimodal, tnet_multimodal_unref)

/* --------------------------------------------------------------- journeys */

typedef enum {
  TNET_LEG_DRIVE,     /* by car */
  TNET_LEG_WALK,      /* on foot or over access links */
  TNET_LEG_PARK,      /* leaving the car at a station */
  TNET_LEG_WAIT,      /* expected wait before boarding */
  TNET_LEG_RIDE,      /* aboard one pattern */
  TNET_LEG_TRANSFER,  /* changing stops between two rides */
} TnetLegKind;

TNET_API const char *tnet_leg_kind_to_string (TnetLegKind kind);

/**
 * TnetLeg:
 * One leg of a journey. @mode: the link mode of a drive or walk leg
 * (TNET_MODE_WALK for synthetic walks), the route's mode for wait and ride
 * legs. @line: the link's line or the route's display name (NULL if none).
 * @from / @to: network node ids or stop ids. Strings are owned by the
 * multimodal graph (valid while it lives).
 */
typedef struct {
  TnetLegKind kind;
  TnetMode mode;
  const char *line;
  const char *from;
  const char *to;
  TnetWeight time_ms;
  double minutes;
} TnetLeg;

/**
 * TnetJourney:
 * A path split into legs, with the totals (ms) of its parts:
 * access = everything before the first boarding (walk, drive, park) when the
 * journey rides; wait = boarding arcs; in_vehicle = rides and dwells, plus
 * driving when the journey does not ride (car profile); transfer = transfer
 * arcs; egress = everything after the last alighting. A journey that never
 * rides has only access (walk) or in_vehicle (drive) time.
 */
typedef struct {
  TnetLeg *legs;
  guint n_legs;
  guint n_rides;
  TnetWeight total_ms;
  TnetWeight access_ms;
  TnetWeight wait_ms;
  TnetWeight in_vehicle_ms;
  TnetWeight transfer_ms;
  TnetWeight egress_ms;
} TnetJourney;

/**
 * tnet_multimodal_journey:
 * @search: a search over tnet_multimodal_get_graph() that ran with
 *   tnet_multimodal_get_metric()
 * @node: the graph node whose path to extract (forward: the target; backward:
 *   the start of the journey)
 *
 * The journey of the last search's shortest path to (forward) or from
 * (backward) @node. Returns: (transfer full) (nullable): a new journey, NULL
 * when @node was not reached. Free with tnet_journey_free().
 * Time complexity: O(path length).
 */
TNET_API TnetJourney *tnet_multimodal_journey (const TnetMultimodal *mm,
                                               const TnetSearch *search, TnetId node);
/* The same from an explicit arc sequence in travel order. */
TNET_API TnetJourney *tnet_multimodal_journey_from_arcs (const TnetMultimodal *mm,
                                                         const TnetId *arcs,
                                                         guint n_arcs);
TNET_API void tnet_journey_free (TnetJourney *journey);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetJourney, tnet_journey_free)

G_END_DECLS
