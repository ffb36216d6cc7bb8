/* tnet-timetable.h: the timetable of one service date built from one or more
 * GTFS feeds (model layer), and the RAPTOR kernel that answers earliest
 * arrival and departure-window (range) queries over it (paths layer). */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-feed.h>
#include <tnet/tnet-multimodal.h>

G_BEGIN_DECLS

/* -------------------------------------------------------------- timetable */

/**
 * TnetTimetable:
 * Every vehicle trip running on one service date, grouped into RAPTOR routes
 * (trips calling at the same stops with the same pickup/drop-off rules that
 * never overtake each other), with the footpaths between stops. Times are
 * seconds after midnight of the service date (signed: a trip of the day
 * before that runs past 24:00 appears with its times minus 86400).
 * Immutable after building, shareable across threads (_ref/_unref atomic).
 */
typedef struct _TnetTimetable TnetTimetable;

/**
 * TnetTimetableOptions:
 * @service_date: YYYYMMDD; 0 = the service date each feed chose when loaded
 *   (tnet_feed_get_service_date(); the first feed's for the whole timetable)
 * @walk_speed_kmh: walking speed (default 4.8)
 * @walk_detour: straight-line distance factor of a walk (default 1.3: the
 *   ratio of network to straight-line distance commonly measured for urban
 *   walking is 1.2-1.4)
 * @transfer_radius_m: stops this close (straight line) are joined by a
 *   footpath of distance x @walk_detour at @walk_speed_kmh (default 400)
 * @min_change_ms: time to change vehicles at the same stop when no
 *   transfers.txt rule says otherwise, milliseconds, rounded to the nearest
 *   second of the feed's clock (default 0); %TNET_WEIGHT_INF is refused
 * @frequency_seed: frequencies.txt rows with exact_times = 0 say only
 *   "every headway_secs between start_time and end_time": with 0 (the
 *   default) their departures are start_time + k * headway_secs, as for
 *   exact_times = 1; with any other value each such row gets its own random
 *   phase, uniform in [0, headway_secs), drawn from a generator seeded with
 *   this value (the Monte Carlo schedules of Conveyal R5: several seeds give
 *   several plausible timetables; pool their results for percentiles).
 * @feed_labels: (nullable): with several feeds, the prefix of each feed's
 *   stop and trip ids ("LABEL:id"); NULL = the feeds' file names without
 *   extension, made unique by appending "-2", "-3"... With one feed ids are
 *   kept as they are.
 * @walk_network: (nullable): a network whose links give the street walks
 *   (borrowed for the build; the timetable copies what it needs). Walked,
 *   both ways, at @walk_speed_kmh: existing links of mode `road`, `walk`
 *   and `access` and `trunk` links of class `primary`/`primary_link`;
 *   never expressways; a walk may start at a zone but not pass through
 *   one. A link of length L costs round (L / speed x 1000) ms, except an
 *   `access` link that has a time (`time_min`): it costs that time, the
 *   data's own time to reach the stop from the zone, as in the frequency
 *   model's transit graph; a walk of d ms takes ceil (d / 1000) s. The
 *   walking budget of a query counts these times too. A stop sits on the node of the same id, or
 *   else on the only stop/station node whose id is "PREFIX:" + its id (as
 *   `tnet init` names them). Between two stops on the street a transfer is
 *   the shortest street walk, kept when it takes at most the straight-line
 *   walk of @transfer_radius_m x @walk_detour; stops off the street keep
 *   the straight-line rule. NULL (the default): straight lines only.
 * @walk_scenario: (nullable): with @walk_network, the scenario whose links
 *   are walked (tnet_scenario_link_active()) and whose times the timed
 *   `access` links take (tnet_scenario_link_time_ms()); NULL: the links
 *   of status existing, at their own times.
 *
 * Initialise with tnet_timetable_options_init().
 */
typedef struct {
  guint service_date;
  double walk_speed_kmh;
  double walk_detour;
  double transfer_radius_m;
  TnetWeight min_change_ms;
  guint32 frequency_seed;
  const char *const *feed_labels;
  const TnetNetwork *walk_network;
  const TnetScenario *walk_scenario;
} TnetTimetableOptions;

/* Fills @options with the defaults. Errors: none. Thread-safe. O(1). */
TNET_API void tnet_timetable_options_init (TnetTimetableOptions *options);

/**
 * tnet_timetable_build:
 * @feeds: (array length=n_feeds): loaded feeds (borrowed for the call)
 * @n_feeds: at least 1
 * @options: (nullable): NULL for the defaults
 *
 * Selects the trips running on the service date (calendar.txt and
 * calendar_dates.txt as the feed gives them; a feed without calendar files
 * runs every trip every day) plus the trips of the day before that still run
 * after midnight (times past 24:00, shifted by -24 h); expands
 * frequencies.txt trips into one trip per departure (see
 * @frequency_seed); joins consecutive trips of one block_id into one vehicle
 * journey when the next starts at the stop where the previous ends, no
 * earlier than it arrives (the rider stays seated); groups trips into
 * routes; and builds footpaths:
 * - transfers.txt rules (from/to stops or their parent stations; a rule
 *   naming the stops themselves wins over one naming their stations):
 *   type 0 a walk of the straight-line time, type 1 (timed) 0 s, type 2 its
 *   min_transfer_time, type 3 no transfer at all; a rule from a stop to
 *   itself sets that stop's change time;
 * - otherwise stops within @transfer_radius_m, at the straight-line time,
 *   and a change at the same stop of @min_change_ms.
 * Trip- and route-specific transfer rules are not modelled (ignored).
 *
 * Errors: %TNET_ERROR_INVALID_INPUT when @service_date is not a valid date,
 * @min_change_ms is %TNET_WEIGHT_INF or two feeds get the same label;
 * %TNET_ERROR_TOO_LARGE when the expanded timetable exceeds 2^31 stop times.
 * Returns: (transfer full): a new timetable, or %NULL.
 * Time complexity: O(T log T + S + P) for T expanded stop times, S stops and
 * P stop pairs within @transfer_radius_m.
 * Thread-safety: reentrant; the feeds are only read.
 */
TNET_API TnetTimetable *tnet_timetable_build (const TnetFeed *const *feeds, guint n_feeds,
                                              const TnetTimetableOptions *options,
                                              GError **error);

/* Atomic reference counting: any thread may hold and drop references; the
 * last unref frees the timetable. A timetable is immutable once built;
 * holding a const pointer is enough to keep it alive: ref and unref take
 * one, and the reference count is the only field they touch (atomically).
 * So every function that only reads a timetable, and every object that
 * keeps one (a workspace, a park-and-ride, a corridor), takes or holds a
 * `const TnetTimetable *`; g_autoptr(TnetTimetable) still works for the
 * pointer tnet_timetable_build() returns. Errors: none. O(1). */
TNET_API const TnetTimetable *tnet_timetable_ref (const TnetTimetable *tt);
TNET_API void tnet_timetable_unref (const TnetTimetable *tt);

/* The service date (YYYYMMDD) and the sizes: stops, routes, trips (vehicle
 * journeys after expansion and block joining), stop times, footpaths, and
 * the bytes held (arrays and strings). Errors: none. Thread-safe (the
 * timetable is immutable). O(1). */
TNET_API guint tnet_timetable_get_service_date (const TnetTimetable *tt);
TNET_API guint tnet_timetable_n_stops (const TnetTimetable *tt);
TNET_API guint tnet_timetable_n_routes (const TnetTimetable *tt);
TNET_API guint tnet_timetable_n_trips (const TnetTimetable *tt);
TNET_API guint tnet_timetable_n_stop_times (const TnetTimetable *tt);
TNET_API guint tnet_timetable_n_footpaths (const TnetTimetable *tt);
TNET_API gsize tnet_timetable_memory_bytes (const TnetTimetable *tt);
/* Earliest and latest departure of any trip (seconds; both 0 when empty).
 * Errors: none. Thread-safe. O(1). */
TNET_API void tnet_timetable_get_span (const TnetTimetable *tt, gint32 *first_s,
                                       gint32 *last_s);
/* Number of trip departures (from any stop where boarding is allowed) in
 * [from_s, to_s). Errors: none. Thread-safe. O(stop times). */
TNET_API guint tnet_timetable_count_departures (const TnetTimetable *tt, gint32 from_s,
                                                gint32 to_s);

/* Route @route (a RAPTOR route: trips calling at the same stops in the
 * same order): its number of stops, its @pos-th stop (TNET_ID_NONE out of
 * range) and its display name (the GTFS route's short name, else long
 * name, else id; the name the frequency model gives its line; a view
 * valid while @tt and the feeds it was built from live, as the trip ids of
 * #TnetTransitLeg; NULL out of range). Errors: none (out of range reads
 * as said). Thread-safe. O(1). */
TNET_API guint tnet_timetable_route_n_stops (const TnetTimetable *tt, guint route);
TNET_API TnetId tnet_timetable_route_stop (const TnetTimetable *tt, guint route, guint pos);
TNET_API const char *tnet_timetable_route_name (const TnetTimetable *tt, guint route);

/* Stop @i: its unique id (feed-qualified with several feeds), name and
 * position; views valid while @tt lives; NULL / NAN out of range.
 * Errors: none. Thread-safe. O(1). */
TNET_API const char *tnet_timetable_stop_id (const TnetTimetable *tt, TnetId i);
TNET_API const char *tnet_timetable_stop_name (const TnetTimetable *tt, TnetId i);
TNET_API gboolean tnet_timetable_stop_position (const TnetTimetable *tt, TnetId i,
                                                double *lon, double *lat);
/* Stop by unique id, or TNET_ID_NONE. Errors: none. Thread-safe. O(1)
 * expected (a hash table). */
TNET_API TnetId tnet_timetable_find_stop (const TnetTimetable *tt, const char *id);

/**
 * TnetStopWalk:
 * A walk between a place and a stop: @stop, and @walk_s seconds.
 */
typedef struct {
  TnetId stop;
  guint32 walk_s;
} TnetStopWalk;

/**
 * tnet_timetable_walks_near:
 * Appends to @out (a GArray of #TnetStopWalk) every stop whose walk from
 * (@lon, @lat) — straight line x walk_detour at walk_speed_kmh, rounded up
 * to whole seconds — takes at most @max_walk_ms (milliseconds, to the
 * nearest second; %TNET_WEIGHT_INF: every stop with a position).
 * Thread-safe. Errors: none.
 * Time complexity: O(stops in the cells the walk covers).
 */
TNET_API void tnet_timetable_walks_near (const TnetTimetable *tt, double lon, double lat,
                                         TnetWeight max_walk_ms, GArray *out);
/* Whether @net has something to walk on to the stops: links of mode `walk`
 * (a walk profile, as `tnet init` imports) or `access` links that end at a
 * stop or station node. The commands pass such a network as
 * #TnetTimetableOptions.walk_network. Errors: none. Thread-safe (reads
 * @net). O(links). */
TNET_API gboolean tnet_timetable_network_has_walks (const TnetNetwork *net);
/* Whether the timetable walks on a street network (@walk_network), and
 * the node stop @i sits on (TNET_ID_NONE when none or out of range).
 * Errors: none. Thread-safe. O(1). */
TNET_API gboolean tnet_timetable_has_street_walks (const TnetTimetable *tt);
TNET_API TnetId tnet_timetable_stop_node (const TnetTimetable *tt, TnetId i);
/* The walk time (s) the timetable gives to a straight-line distance.
 * Errors: none. Thread-safe. O(1). */
TNET_API guint32 tnet_timetable_walk_seconds (const TnetTimetable *tt, double distance_m);
/**
 * tnet_timetable_distance_m:
 * The straight-line distance in metres between (@lon1, @lat1) and (@lon2,
 * @lat2), degrees WGS84, that the timetable's walks are measured by (before
 * tnet_timetable_walk_seconds() turns it into a walk): the great-circle
 * (haversine) distance on the sphere of radius 6371008.8 m.
 * Errors: none.
 * Thread-safety: thread-safe (a pure function).
 * Time complexity: O(1).
 */
TNET_API double tnet_timetable_distance_m (double lon1, double lat1, double lon2, double lat2);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetTimetable, tnet_timetable_unref)

/* ----------------------------------------------------------------- RAPTOR */

/* A travel time or arrival that was not reached. */
#define TNET_RAPTOR_UNREACHED G_MAXINT32

/* Budgets and measures. Every budget of this header (a walking budget
 * `max_walk_ms`, a drive budget, a change or park time: an input that
 * limits a search or adds a fixed duration) is a #TnetWeight in
 * milliseconds, as in the rest of the API. The kernel runs on the feed's
 * clock, in whole seconds: each budget is rounded once, where it enters,
 * to the nearest second (499 ms is 0 s, 500 ms is 1 s), and
 * %TNET_WEIGHT_INF as a walking or drive budget means "no limit". What the
 * kernel measures (arrivals, travel times, the walks of #TnetStopWalk and
 * #TnetEgress, the waits of #TnetTransitLeg, the rows of
 * #TnetParkRideAccess) is whole seconds on the feed's clock. */

/**
 * TnetRaptor:
 * A per-thread workspace for RAPTOR queries over one timetable (it keeps a
 * reference). Queries allocate nothing, except that a range query with
 * egress rows grows two buffers of the workspace to the largest @n_egress
 * and @n_targets seen. Not thread-safe: one per thread.
 */
typedef struct _TnetRaptor TnetRaptor;

/**
 * tnet_raptor_new:
 * Returns: (transfer full): a workspace for @tt. Memory O(stops + routes).
 * Errors: none. Thread-safety: any number of workspaces may be made for
 * one timetable, from any thread; each is used by one thread at a time.
 * Time complexity: O(stops + routes).
 */
TNET_API TnetRaptor *tnet_raptor_new (const TnetTimetable *tt);
/* Frees @ws (NULL allowed) and drops its timetable reference. Errors:
 * none. Thread-safety: not while another thread uses @ws. O(1). */
TNET_API void tnet_raptor_free (TnetRaptor *ws);

/**
 * tnet_raptor_run:
 * @access: (array length=n_access): stops reachable from the origin and the
 *   walk to each (a stop origin: {stop, 0})
 * @depart_s: departure time from the origin, seconds after midnight
 *
 * Earliest arrival at every stop for a departure at @depart_s, with any
 * number of rides (rounds run until nothing improves). The semantics, which
 * the tests' time-expanded oracle shares: one rides trips, boarding where
 * pickup is allowed and alighting where drop-off is allowed; after
 * alighting at a stop one may take one footpath (or the change at that
 * stop) before boarding again; the arrival at a stop is the earliest time
 * one is there: by access walk, by alighting, or at the end of a footpath.
 * Read the results with tnet_raptor_arrival() and tnet_raptor_journey().
 * Errors: none. Thread-safety: one thread per @ws (the timetable is only
 * read).
 * Time complexity: O(rounds x (stop times of the routes scanned + footpaths)).
 */
TNET_API void tnet_raptor_run (TnetRaptor *ws, const TnetStopWalk *access, guint n_access,
                               gint32 depart_s);

/* Earliest arrival at @stop of the last query (seconds after midnight), or
 * TNET_RAPTOR_UNREACHED. For a range query: the arrival for its first
 * minute. Errors: none. Thread-safety: reads @ws (not during a query on
 * it). O(1). */
TNET_API gint32 tnet_raptor_arrival (const TnetRaptor *ws, TnetId stop);

/**
 * tnet_raptor_block_hop:
 * @route: a route of the timetable
 * @pos: the hop from the @pos-th to the (@pos + 1)-th stop of @route
 *   (@pos + 1 < tnet_timetable_route_n_stops())
 *
 * A failure, as a mask in the workspace (the timetable is not copied):
 * until tnet_raptor_clear_blocks(), the queries of @ws ride no trip of
 * @route across this hop. A rider aboard must alight at the @pos-th stop
 * (where drop-off is allowed); the trips still run before and after the
 * hop, and can be boarded again after it. Blocks add up.
 * Errors: a route or hop out of range is a programming error (g_critical,
 * nothing blocked). Thread-safety: as the workspace (one thread).
 * Time complexity: O(1) (the first block of @ws allocates one byte per
 * route stop).
 */
TNET_API void tnet_raptor_block_hop (TnetRaptor *ws, guint route, guint pos);

/**
 * tnet_raptor_block_route:
 * @route: a route of the timetable
 *
 * A failure of every trip of @route: until tnet_raptor_clear_blocks(), the
 * queries of @ws never board it (the scan skips the route).
 * Errors and thread-safety: as tnet_raptor_block_hop().
 * Time complexity: O(1).
 */
TNET_API void tnet_raptor_block_route (TnetRaptor *ws, guint route);

/* The timetable @ws searches (a view valid while @ws lives). Errors:
 * none. Thread-safe. O(1). */
TNET_API const TnetTimetable *tnet_raptor_get_timetable (const TnetRaptor *ws);

/* Lifts every block of @ws. Errors: none. Thread-safety: as the
 * workspace. O(blocks set). */
TNET_API void tnet_raptor_clear_blocks (TnetRaptor *ws);

/**
 * tnet_raptor_walks_from_node:
 * @node: a node of the timetable's walk network
 * @max_walk_ms: the walking budget, milliseconds (to the nearest second;
 *   %TNET_WEIGHT_INF: no limit)
 * @target_node: (nullable-id): a node whose walk is wanted too, or
 *   TNET_ID_NONE
 * @target_walk_s: (out) (optional): the walk to @target_node, or G_MAXUINT32
 *   when it is farther than @max_walk_ms
 * @out: a GArray of #TnetStopWalk the stops are appended to
 *
 * Street access and egress: appends every stop on the street whose
 * shortest walk from @node (a one-to-many Dijkstra bounded by
 * @max_walk_ms, costs as for #TnetTimetableOptions.walk_network; walks are
 * symmetric, so this is also the egress to @node) takes at most
 * @max_walk_ms, with that walk, in order of distance. Stops not on the
 * street are not reached this way (tnet_timetable_walks_near() gives them
 * by straight line). Uses the workspace's search scratch; allocates
 * nothing but @out's growth.
 * Returns: FALSE (and appends nothing) when the timetable has no walk
 * network, or @node is not one of its nodes or has no walkable link.
 * Errors: none (FALSE is an answer). Thread-safety: as the workspace.
 * Time complexity: O(k log k) for the k nodes within @max_walk_ms.
 */
TNET_API gboolean tnet_raptor_walks_from_node (TnetRaptor *ws, TnetId node, TnetWeight max_walk_ms,
                                               TnetId target_node, guint32 *target_walk_s,
                                               GArray *out);

/**
 * tnet_raptor_walk_to_node:
 * @node: a node of the timetable's walk network
 *
 * The street walk to @node found by the last tnet_raptor_walks_from_node()
 * on @ws that returned TRUE (walks are symmetric: also the walk from
 * @node), in whole seconds rounded up as the stops' walks; one search
 * answers for every node, where @target_node names one.
 * Returns: the walk, or G_MAXUINT32 when it exceeds that search's budget,
 *   or no search ran.
 * Errors: none. Thread-safety: as tnet_raptor_arrival().
 * Time complexity: O(1).
 */
TNET_API guint32 tnet_raptor_walk_to_node (const TnetRaptor *ws, TnetId node);

/**
 * tnet_raptor_walks_from_place:
 * @node: (nullable-id): the place's node of the timetable's walk network
 *   (a zone, a station, any node), or TNET_ID_NONE
 * @lon: the place's longitude (NaN: no position)
 * @lat: the place's latitude (NaN: no position)
 * @max_walk_ms: the walking budget, milliseconds (to the nearest second;
 *   %TNET_WEIGHT_INF: no limit)
 * @out: a GArray of #TnetStopWalk the stops are appended to
 *
 * Access and egress of a place, the one rule `tnet route --profile
 * transit`, the timetable commute and the Python package share: when the
 * street search from @node can run (tnet_raptor_walks_from_node(): the
 * timetable walks on a street network and @node has a walkable link), the
 * stops on the street within @max_walk_ms over it, in order of walk, then
 * the stops off the street within @max_walk_ms by straight line from
 * (@lon, @lat) (tnet_timetable_walks_near()); otherwise every stop within
 * @max_walk_ms by straight line. A stop appears once. A place that is a
 * stop of the feed is the caller's to handle ({stop, 0}). Uses the
 * workspace's search scratch; allocates nothing but @out's growth.
 * Returns: TRUE when the street search ran (it stays in @ws for
 *   tnet_raptor_walk_to_node()), FALSE when every walk is a straight line.
 * Errors: none. Thread-safety: as the workspace.
 * Time complexity: O(k log k) for the k nodes within @max_walk_ms, plus
 *   O(stops in the cells the walk covers).
 */
TNET_API gboolean tnet_raptor_walks_from_place (TnetRaptor *ws, TnetId node, double lon,
                                                double lat, TnetWeight max_walk_ms, GArray *out);

/**
 * tnet_raptor_walks_from_place_id:
 * @ws: a workspace of the timetable
 * @net: (nullable): the network whose node ids and names @id may give
 * @id: a stop id of the timetable, else a node id or name of @net
 *   (tnet_place_find_node())
 * @max_walk_ms: the walking budget, milliseconds, as
 *   tnet_raptor_walks_from_place()
 * @out: a GArray of #TnetStopWalk the stops are appended to
 * @lon: (out): the place's longitude (NaN when a stop has no position)
 * @lat: (out): its latitude
 * @node: (out): the place's node of @net, or TNET_ID_NONE for a stop
 * @error: return location for a #GError
 *
 * Where a named place of a timetable journey is, the one rule of `tnet
 * route --profile transit` and the Python package: a stop of the
 * timetable is that stop ({stop, 0}) and the stops at its position; a node
 * walks to the stops within @max_walk_ms (tnet_raptor_walks_from_place()
 * at the node's position).
 * Returns: TRUE, or FALSE with @error set and @out unchanged.
 * Errors: %TNET_ERROR_NOT_FOUND for an id that is neither a stop nor a
 *   node (the message suggests a near name).
 * Thread-safety: as the workspace; @net is only read.
 * Time complexity: that of tnet_raptor_walks_from_place(), plus the
 *   lookups of @id.
 */
TNET_API gboolean tnet_raptor_walks_from_place_id (TnetRaptor *ws, const TnetNetwork *net,
                                                   const char *id, TnetWeight max_walk_ms,
                                                   GArray *out, double *lon, double *lat,
                                                   TnetId *node, GError **error);

/**
 * TnetEgress:
 * @target: index of a destination (0 .. n_targets - 1)
 * @stop: the stop walked from, or TNET_ID_NONE for a walk all the way from
 *   the origin (no transit)
 * @walk_s: seconds of that walk
 */
typedef struct {
  guint target;
  TnetId stop;
  guint32 walk_s;
} TnetEgress;

/**
 * tnet_percentiles:
 * @values: (array length=n): travel times, TNET_RAPTOR_UNREACHED for none
 *   (sorted as the largest); reordered in place
 * @pcts: (array length=n_pcts): percentiles in [0, 100]
 * @out: (array length=n_pcts): the nearest-rank percentile: the
 *   max(1, ceil(p / 100 x n))-th smallest value (so it is always one of the
 *   values, possibly TNET_RAPTOR_UNREACHED)
 * Errors: none. Thread-safe (touches only its arguments).
 * Time complexity: O(n log n).
 */
TNET_API void tnet_percentiles (gint32 *values, guint n, const double *pcts, guint n_pcts,
                                gint32 *out);

/**
 * TnetTransitLegKind:
 * @TNET_TRANSIT_LEG_ACCESS: walking from the origin to the first stop
 * @TNET_TRANSIT_LEG_RIDE: aboard one trip (its wait before it in @wait_s)
 * @TNET_TRANSIT_LEG_TRANSFER: a footpath between two stops
 * @TNET_TRANSIT_LEG_DRIVE: park-and-ride: driving from the origin to the
 *   parking place (#TnetTransitLeg.node)
 * @TNET_TRANSIT_LEG_PARK: park-and-ride: parking at #TnetTransitLeg.node
 *   (the park time); the access leg after it is the walk to the stop
 */
typedef enum {
  TNET_TRANSIT_LEG_ACCESS,
  TNET_TRANSIT_LEG_RIDE,
  TNET_TRANSIT_LEG_TRANSFER,
  TNET_TRANSIT_LEG_DRIVE,
  TNET_TRANSIT_LEG_PARK,
} TnetTransitLegKind;

/**
 * TnetTransitLeg:
 * One leg of a timetable journey. @from_stop / @to_stop are stops
 * (TNET_ID_NONE for the origin of an access leg). @start_s / @end_s: clock
 * times (seconds after midnight of the service date): for a ride, boarding
 * and alighting; @wait_s: for a ride, the wait at the stop before boarding.
 * @trip_id: the ride's trip (first trip of its block); @route_name: its
 * route's display name; both NULL for walks, owned by the timetable.
 * @node: for a drive or park leg, the parking place (a network node);
 *   TNET_ID_NONE for the other legs. A drive leg has no stops
 *   (@from_stop = @to_stop = TNET_ID_NONE), a park leg none either.
 */
typedef struct {
  TnetTransitLegKind kind;
  TnetId from_stop;
  TnetId to_stop;
  gint32 start_s;
  gint32 end_s;
  gint32 wait_s;
  const char *trip_id;
  const char *route_name;
  TnetMode mode;
  TnetId node;
} TnetTransitLeg;

/**
 * tnet_raptor_journey:
 * @stop: the destination stop of the last tnet_raptor_run()
 * @out: (out caller-allocates): a GArray of #TnetTransitLeg, cleared first
 *
 * The legs of the earliest-arrival journey to @stop, in travel order.
 * Returns: FALSE when @stop was not reached.
 * Errors: none. Thread-safety: as tnet_raptor_arrival().
 * Time complexity: O(legs x stops per ride).
 */
TNET_API gboolean tnet_raptor_journey (const TnetRaptor *ws, TnetId stop, GArray *out);

/* ------------------------------------------------------- stopping a query */

/* GIO's cancellable (<gio/gio.h>); declared here so that this header needs
 * only GLib (C11 allows the typedef to be repeated). */
typedef struct _GCancellable GCancellable;

/**
 * TnetRaptorStop:
 * @cancellable: (nullable): the query stops once this is cancelled, from
 *   any thread (borrowed for the call)
 * @deadline_us: the query stops once g_get_monotonic_time() is past this;
 *   0 = no deadline
 * @progress: (nullable): for a matrix, called before each origin with
 *   (origins done, origins, "timetable matrix" or "park-and-ride matrix",
 *   "origins"); it only reports (cancel @cancellable to stop), and the
 *   cancellable is also checked right after it
 * @progress_data: passed to @progress
 *
 * When a long timetable query gives up: a range query over a long window,
 * or a matrix of many origins, can take far longer than a caller (a server
 * with a time limit) can wait. The cancellable and the deadline are checked
 * before every RAPTOR round of every departure minute, so a query stops
 * within one round of its condition; the progress function, then the
 * cancellable, between the range queries of a matrix. An isochrone's walks
 * before its first round (from its sources, to its places) look at the
 * cancellable and the deadline every 1024 sources or places, and before
 * each source's drive search by park-and-ride. Initialise with tnet_raptor_stop_init().
 */
typedef struct {
  GCancellable *cancellable;
  gint64 deadline_us;
  TnetProgressFunc progress;
  gpointer progress_data;
} TnetRaptorStop;

/* Sets @stop to "never stop": no cancellable, no deadline, no progress.
 * Errors: none. Thread-safe. O(1). */
TNET_API void tnet_raptor_stop_init (TnetRaptorStop *stop);

/**
 * tnet_raptor_run_range:
 * @access: as for tnet_raptor_run()
 * @first_depart_s: the first departure minute (seconds after midnight)
 * @n_minutes: departures at @first_depart_s + 60 k, k < @n_minutes
 * @egress: (array length=n_egress) (nullable): how each destination is
 *   reached; NULL = the destinations are the stops themselves
 * @n_targets: number of destinations (the number of stops when @egress is
 *   NULL)
 * @out: @n_minutes x @n_targets travel times in seconds, row per minute
 *   (out[k * n_targets + target]); TNET_RAPTOR_UNREACHED where none
 * @stop: (nullable): when to give up (TnetRaptorStop); NULL = never
 * @error: (nullable): where a stop is reported
 *
 * Range RAPTOR (rRAPTOR): the minutes are processed from the last to the
 * first keeping the labels, since a journey that leaves later is still
 * available to one who leaves earlier and waits; each minute only scans what
 * its earlier start improves. The travel time of a minute is exactly the
 * earliest arrival of tnet_raptor_run() for that minute minus the minute
 * (the tests check it). A target's travel time is the minimum over its
 * egress rows of (arrival at the stop + walk), or departure + walk for a
 * direct walk, minus the departure.
 * Each minute scans a route from a stop only when the stop's earlier start
 * reaches a trip that an earlier scan could not board (route pruning), and
 * updates only the targets of the stops whose arrival improved.
 * The query gives up when @stop says so, checked before every round of
 * every minute; with @stop NULL it never does. A query that is not
 * stopped fills @out the same whatever @stop is.
 * Errors: %G_IO_ERROR_CANCELLED (domain G_IO_ERROR) when @stop's
 * cancellable was cancelled or its deadline passed (the message says
 * which); @out is then undefined and the workspace stays usable.
 * Returns: %FALSE when stopped (never with @stop NULL).
 * Thread-safety: one thread per @ws (the timetable is only read); @stop's
 * cancellable may be cancelled from any thread.
 * Time complexity: at most @n_minutes times that of tnet_raptor_run(),
 * typically far less, plus O(@n_egress + @n_minutes x @n_targets + stops),
 * plus O(1) per round for the stop check.
 */
TNET_API gboolean tnet_raptor_run_range (TnetRaptor *ws, const TnetStopWalk *access,
                                         guint n_access, gint32 first_depart_s,
                                         guint n_minutes, const TnetEgress *egress,
                                         guint n_egress, guint n_targets, gint32 *out,
                                         const TnetRaptorStop *stop, GError **error);

/**
 * tnet_timetable_matrix:
 * @origins: (array length=n_origins): (lon, lat) pairs, 2 x @n_origins doubles
 * @destinations: (array length=n_destinations): (lon, lat) pairs
 * @max_walk_ms: the longest walk from an origin to its first stop, from the
 *   last stop to a destination, or straight from origin to destination;
 *   milliseconds, to the nearest second (%TNET_WEIGHT_INF: no limit)
 * @depart_s: the first departure minute (seconds after midnight)
 * @n_minutes: departures at @depart_s + 60 k, k < @n_minutes (at least 1)
 * @pcts: (array length=n_pcts): percentiles in [0, 100] over the minutes
 * @out: @n_origins x @n_destinations x @n_pcts travel times in seconds
 *   (out[(o * n_destinations + d) * n_pcts + k]), TNET_RAPTOR_UNREACHED
 *   where the percentile falls on a minute with no journey
 * @stop: (nullable): when to give up (TnetRaptorStop; its progress is
 *   called before each origin); NULL = never
 * @error: (nullable): where a stop is reported
 *
 * Door-to-door travel times by the timetable between places given by their
 * coordinates, over a departure window, reduced to percentiles (nearest
 * rank, as tnet_percentiles()). A place walks to and from the stops within
 * @max_walk_ms, and a pair within @max_walk_ms on foot may also walk all the
 * way, by the rule of `tnet route --profile transit`:
 * - when the timetable walks on a street network
 *   (#TnetTimetableOptions.walk_network), a place snaps to the nearest node
 *   of it with a walkable link (a node at the place's exact position, so a
 *   network node snaps to itself; on a tie a zone, then the lowest id). It
 *   walks over the streets from that node (tnet_raptor_walks_from_node())
 *   to the stops on the street, and by straight line
 *   (tnet_timetable_walks_near()) to the stops off it; two snapped places
 *   walk between them over the streets. A place off the network first walks
 *   to its node by straight line x walk_detour (added to each of its walks,
 *   and taken from the budget); a place whose node is farther than
 *   @max_walk_ms that way is not snapped;
 * - otherwise (no walk network, or a place not snapped) every walk of the
 *   place is the straight line x walk_detour at walk_speed_kmh
 *   (tnet_timetable_walks_near(), tnet_timetable_walk_seconds()).
 * Errors: %G_IO_ERROR_CANCELLED when @stop says stop (@out is then
 * undefined); nothing else (a place that reaches nothing reads
 * TNET_RAPTOR_UNREACHED).
 * Returns: %FALSE when stopped (never with @stop NULL).
 * Thread-safe (its own workspace; the timetable is only read); @stop's
 * cancellable may be cancelled from any thread.
 * Each origin is one range query (tnet_raptor_run_range()) with every
 * destination as a target. A place without a position (NaN) reaches
 * nothing.
 * Time complexity: O(origins x range query + origins x destinations x
 * @n_minutes log @n_minutes), plus with a walk network O((origins +
 * destinations) x (nodes + k log k)) for snapping and the street searches
 * of k nodes within @max_walk_ms; plus O(1) per round for the stop check.
 */
TNET_API gboolean tnet_timetable_matrix (const TnetTimetable *tt, const double *origins,
                                         guint n_origins, const double *destinations,
                                         guint n_destinations, TnetWeight max_walk_ms,
                                         gint32 depart_s, guint n_minutes, const double *pcts,
                                         guint n_pcts, gint32 *out, const TnetRaptorStop *stop,
                                         GError **error);

/**
 * tnet_timetable_isochrone:
 * @sources: (array length=n_sources): (lon, lat) pairs, 2 x @n_sources
 *   doubles: the journey may start at any of them
 * @places: (array length=n_places): (lon, lat) pairs of the places timed
 * @max_walk_ms, @depart_s, @n_minutes, @pcts: as tnet_timetable_matrix()
 * @out: @n_places x @n_pcts travel times in seconds (out[d * n_pcts + k]),
 *   TNET_RAPTOR_UNREACHED where the percentile falls on a minute with no
 *   journey
 * @stop: (nullable): when to give up (TnetRaptorStop; its progress is not
 *   called: one range query); NULL = never
 * @error: (nullable): where a stop is reported
 *
 * The travel time by the timetable from a set of sources to every place,
 * over a departure window, reduced to percentiles (nearest rank): for each
 * minute the time to a place is the fastest journey from any source leaving
 * at that minute (walking to the stops within @max_walk_ms of it, or all the
 * way when the place is that close), and the percentiles are taken over the
 * minutes of that minimum. With one source, a row of tnet_timetable_matrix().
 * Its walks from the sources and to the places, which with many of either
 * and a long @max_walk_ms take much of its time, are stopped too
 * (TnetRaptorStop).
 * Errors: %G_IO_ERROR_CANCELLED when @stop says stop (@out is then
 * undefined); nothing else (unreached places read TNET_RAPTOR_UNREACHED).
 * Returns: %FALSE when stopped (never with @stop NULL).
 * Thread-safe (its own workspace); @stop may be cancelled from another
 * thread.
 * Time complexity: one range query (tnet_raptor_run_range()) plus
 * O(@n_places x (@n_sources + @n_minutes log @n_minutes)); a stop check
 * per 1024 sources or places, and per round, costs a clock read.
 */
TNET_API gboolean tnet_timetable_isochrone (const TnetTimetable *tt, const double *sources,
                                            guint n_sources, const double *places,
                                            guint n_places, TnetWeight max_walk_ms,
                                            gint32 depart_s, guint n_minutes,
                                            const double *pcts, guint n_pcts, gint32 *out,
                                            const TnetRaptorStop *stop, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetRaptor, tnet_raptor_free)

/* --------------------------------------------------------------- failures */

/**
 * TnetRaptorHop:
 * @route: a route of the timetable
 * @pos: the hop from the @pos-th to the (@pos + 1)-th stop of @route, or
 *   G_MAXUINT for every trip of @route (tnet_raptor_block_route())
 *
 * One part of a failure (tnet_raptor_failures_new()).
 */
typedef struct {
  guint route;
  guint pos;
} TnetRaptorHop;

/**
 * TnetRaptorFailuresOptions:
 * @depart_s: first departure minute (seconds after midnight; default 08:00)
 * @n_minutes: departures at @depart_s + 60 k, k < @n_minutes (default 1;
 *   0 counts as 1)
 * @percentile: the percentile of the travel time over the minutes that is
 *   a pair's time, nearest rank (tnet_percentiles(); default 50)
 * @max_walk_ms: the walking budget, milliseconds, as tnet_timetable_matrix()
 *   (default 900 000: 15 min)
 * @n_element_blocks, @element_block: examine only the elements e with
 *   e % @n_element_blocks == @element_block (0 or 1: every element), as
 *   #TnetCriticalityOptions
 *
 * Initialise with tnet_raptor_failures_options_init().
 */
typedef struct {
  gint32 depart_s;
  guint n_minutes;
  double percentile;
  TnetWeight max_walk_ms;
  guint n_element_blocks;
  guint element_block;
} TnetRaptorFailuresOptions;

/* Fills @opts with the defaults. Errors: none. Thread-safe. O(1). */
TNET_API void tnet_raptor_failures_options_init (TnetRaptorFailuresOptions *opts);

/**
 * TnetRaptorFailures:
 * The failure scan by the timetable, prepared: the destinations (their
 * walks to the stops, by the rule of tnet_timetable_matrix()), the
 * failures (elements: sets of hops and routes) and which failures block
 * each hop and route. Immutable; shareable across threads, each thread
 * running with its own #TnetRaptor.
 */
typedef struct _TnetRaptorFailures TnetRaptorFailures;

/**
 * TnetRaptorFailureEntry:
 * The travel time (@time_s, seconds, TNET_RAPTOR_UNREACHED when cut) from
 * the origin of a tnet_raptor_failures_run() to @destination with element
 * @element failed.
 */
typedef struct {
  guint element;
  guint destination;
  gint32 time_s;
} TnetRaptorFailureEntry;

/**
 * tnet_raptor_failures_new:
 * @tt: the timetable (a reference is kept)
 * @destinations: (array length=n_destinations): (lon, lat) pairs (copied)
 * @elem_first: (array length=n_elements+1): element e fails the hops
 *   @elem_hops[@elem_first[e] .. @elem_first[e + 1] - 1] (copied)
 * @elem_hops: the hops (and whole routes) of the elements (copied)
 * @opts: (nullable): NULL for the defaults
 *
 * Prepares a failure scan to @destinations: their egress rows (one street
 * search each when the timetable walks on a street network) and the
 * reverse index of the elements. A failed hop is blocked on every trip of
 * its route, a failed route is never boarded (tnet_raptor_block_hop(),
 * tnet_raptor_block_route()).
 * Returns: (transfer full): the prepared scan; free with
 *   tnet_raptor_failures_free().
 * Errors: none (element hops out of range are programming errors).
 * Thread-safety: reentrant; the timetable is only read.
 * Time complexity: O(destinations x walk search + hops + route stops).
 */
TNET_API TnetRaptorFailures *tnet_raptor_failures_new (const TnetTimetable *tt,
                                                       const double *destinations,
                                                       guint n_destinations,
                                                       const guint *elem_first,
                                                       const TnetRaptorHop *elem_hops,
                                                       guint n_elements,
                                                       const TnetRaptorFailuresOptions *opts);
/* Frees @f (NULL allowed; not while a thread runs on it), and its number
 * of destinations (thread-safe). Errors: none. O(1) (the free O(size)). */
TNET_API void tnet_raptor_failures_free (TnetRaptorFailures *f);
TNET_API guint tnet_raptor_failures_n_destinations (const TnetRaptorFailures *f);

/**
 * tnet_raptor_failures_run:
 * @ws: a workspace on the timetable (its blocks are cleared)
 * @lon, @lat: the origin (NaN: it reaches nothing)
 * @want: (array) (nullable): per destination, whether its failures are
 *   wanted (NULL: every destination)
 * @base: (out caller-allocates): per destination, the base travel time in
 *   seconds: the options' percentile over the window, exactly the cell of
 *   tnet_timetable_matrix() with the same options
 * @entries: a GArray of #TnetRaptorFailureEntry the failures' times are
 *   appended to, sorted by element then destination
 *
 * The travel times from one origin with each failure that can change
 * them. Only the elements on a journey of some minute to a wanted
 * destination are examined (one plain RAPTOR query per minute reads the
 * journeys; an element no journey rides cannot raise any minute's time,
 * since every journey survives it and a failure only removes options), and
 * each for the wanted destinations whose journeys it touches: for such an
 * (element, destination) an entry, whose time may equal the base. Each
 * examined element is one range query with its hops and routes blocked.
 * Errors: %G_IO_ERROR_CANCELLED when @stop says so (@entries may then hold
 *   some of the origin's entries).
 * Returns: FALSE when stopped.
 * Thread-safety: @f is only read; one @ws per thread.
 * Time complexity: (1 + examined elements) range queries plus one query
 *   per minute.
 */
TNET_API gboolean tnet_raptor_failures_run (const TnetRaptorFailures *f, TnetRaptor *ws,
                                            double lon, double lat, const guint8 *want,
                                            gint32 *base, GArray *entries,
                                            const TnetRaptorStop *stop, GError **error);

/**
 * tnet_raptor_failures_journey:
 * @element: the failed element, or G_MAXUINT for none
 * @legs: a GArray of #TnetTransitLeg, cleared first
 *
 * The journey from (@lon, @lat) to @destination departing at the options'
 * first minute with @element failed (the detour): its legs, none for a
 * walk all the way.
 * Returns: FALSE when the destination is not reached.
 * Errors: none. Thread-safety: as tnet_raptor_failures_run().
 * Time complexity: one RAPTOR query.
 */
TNET_API gboolean tnet_raptor_failures_journey (const TnetRaptorFailures *f, TnetRaptor *ws,
                                                double lon, double lat, guint destination,
                                                guint element, GArray *legs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetRaptorFailures, tnet_raptor_failures_free)

/* ----------------------------------------------------------- alternatives */

/**
 * TnetRaptorDisjoint:
 * @TNET_RAPTOR_DISJOINT_HOPS: a later alternative rides no trip from a
 *   stop to the next stop where an earlier one rode from that stop to that
 *   next stop (on any route; the other direction stays open)
 * @TNET_RAPTOR_DISJOINT_LINES: a later alternative boards no route of the
 *   name (the line) of a route an earlier one rode
 *
 * What the alternatives of tnet_raptor_alternatives() do not share.
 * Walks (access, transfers, egress) may always be shared.
 */
typedef enum {
  TNET_RAPTOR_DISJOINT_HOPS,
  TNET_RAPTOR_DISJOINT_LINES,
} TnetRaptorDisjoint;

/**
 * TnetRaptorAlternative:
 * @origin, @destination: the pair's indices into the call's places
 * @time_s: its travel time, seconds: the options' percentile over the
 *   window with the earlier alternatives' blocks (nearest rank)
 * @depart_s: the departure of the journey shown: the first minute of the
 *   window whose travel time is @time_s (seconds after midnight)
 * @legs: that journey's #TnetTransitLeg, with clock times; empty for a
 *   walk all the way
 * @blocked: the #TnetRaptorHop this alternative adds to the blocks of the
 *   later ones (hops, or whole routes with pos G_MAXUINT): those the
 *   journeys of every minute of its window ride, by the disjointness rule
 */
typedef struct {
  guint origin;
  guint destination;
  gint32 time_s;
  gint32 depart_s;
  GArray *legs;
  GArray *blocked;
} TnetRaptorAlternative;

/**
 * tnet_raptor_alternatives:
 * @tt: the timetable
 * @origins: (array length=n_origins): (lon, lat) pairs
 * @destinations: (array length=n_destinations): (lon, lat) pairs
 * @pair_mask: (nullable): per pair (origin x @n_destinations +
 *   destination), whether it may carry an alternative; NULL: every pair
 * @k: the most alternatives wanted
 * @disjoint: what later alternatives must not share with earlier ones
 * @opts: (nullable): the departure, window, percentile and walking budget
 *   (#TnetRaptorFailuresOptions; the element blocks are ignored)
 * @stop: (nullable): when to give up
 *
 * Up to @k disjoint alternatives by the timetable from any origin to any
 * destination, fastest first. The first is the pair with the least
 * travel time (the options' percentile over the window, by the rule of
 * tnet_timetable_matrix(): exactly its cell with the same options; on a
 * tie the lowest origin, then destination). Each next one is the same
 * search with the rides of the earlier ones blocked
 * (tnet_raptor_block_hop(), tnet_raptor_block_route()): the hops (or
 * lines, by @disjoint) that the earlier pair's journey of every minute of
 * the window rides. So no alternative is faster than an earlier one, and
 * none at any minute rides what an earlier one rode. An alternative that
 * rides nothing at any minute (a walk all the way) blocks nothing; its
 * pair is left out of the later searches instead. The search ends at @k
 * or when no pair is reached.
 * Errors: %G_IO_ERROR_CANCELLED when @stop says so.
 * Returns: (transfer full): a GArray of #TnetRaptorAlternative (freeing it
 *   frees the legs), or %NULL when stopped.
 * Thread-safety: reads @tt only (its own workspace).
 * Time complexity: per alternative, one range query per origin plus one
 *   plain query per minute; plus the destinations' walk searches.
 */
TNET_API GArray *tnet_raptor_alternatives (const TnetTimetable *tt, const double *origins,
                                           guint n_origins, const double *destinations,
                                           guint n_destinations, const guint8 *pair_mask,
                                           guint k, TnetRaptorDisjoint disjoint,
                                           const TnetRaptorFailuresOptions *opts,
                                           const TnetRaptorStop *stop, GError **error);



/* ---------------------------------------------------------- park-and-ride */

/**
 * TnetParkRide:
 * Park-and-ride by the timetable: the scenario's car graph, the parking
 * places of a network and the stops each one serves. A parking place is a
 * node of kind `station` or `parking` (tnet_folder_init() makes one of
 * every OSM `amenity=parking` / `amenity=park_ride` / `park_ride=*`) that a
 * car can reach or leave: a link of the car graph ends there (so the
 * stations of `tnet init`, joined to the streets by walk links only, are
 * not; those of the bundled data, joined by access links, are); it
 * serves every stop of the timetable within @parking_radius_m of it
 * (straight line), walked at the timetable's straight-line walk
 * (tnet_timetable_walk_seconds()). A stop "has parking" when some parking
 * place serves it. Immutable after building; shareable across threads
 * (each thread searches with its own #TnetSearch on
 * tnet_park_ride_get_graph()).
 */
typedef struct _TnetParkRide TnetParkRide;

/**
 * TnetParkRideOptions:
 * @drive_budget_ms: the longest drive from the origin to a parking place,
 *   milliseconds (default 1 800 000: 30 min); the car graph is in ms, so
 *   the drive search is bounded by it exactly; %TNET_WEIGHT_INF: no limit
 * @park_ms: time to park and leave the car park, milliseconds, rounded to
 *   the nearest second (default 300 000: 5 min, as
 *   #TnetTransitOptions.park_ms); %TNET_WEIGHT_INF is refused
 * @parking_radius_m: a parking place serves the stops this close, straight
 *   line (default 400)
 *
 * Initialise with tnet_park_ride_options_init().
 */
typedef struct {
  TnetWeight drive_budget_ms;
  TnetWeight park_ms;
  double parking_radius_m;
} TnetParkRideOptions;

/* Fills @options with the defaults. Errors: none. Thread-safe. O(1). */
TNET_API void tnet_park_ride_options_init (TnetParkRideOptions *options);

/**
 * tnet_park_ride_new:
 * @tt: the timetable (a reference is kept)
 * @net: the network whose car links are driven and whose parking places
 *   are used (borrowed for the call: what is needed is copied)
 * @scen: (nullable): the scenario whose links are driven at its times;
 *   NULL: the links of status existing
 * @options: (nullable): NULL for the defaults
 *
 * Compiles the car graph (modes expressway, trunk, road and access, as
 * `tnet route`, tnet_graph_compile_modes()) and finds the stops each
 * parking place serves.
 * Errors: %TNET_ERROR_INVALID_INPUT for a negative or non-finite radius or
 * a @park_ms of %TNET_WEIGHT_INF,
 * and those of tnet_graph_compile_modes().
 * Returns: (transfer full): a new object, or %NULL.
 * Thread-safety: reentrant; @tt, @net and @scen are only read. The object
 * is immutable: any number of threads may use it, each with its own
 * #TnetSearch and #TnetRaptor.
 * Time complexity: O(nodes + links + parking places x stops in the cells of
 * the radius).
 */
TNET_API TnetParkRide *tnet_park_ride_new (const TnetTimetable *tt, const TnetNetwork *net,
                                           const TnetScenario *scen,
                                           const TnetParkRideOptions *options,
                                           GError **error);
/* Frees @pr (NULL allowed; not while another thread uses it). Errors:
 * none. O(size). */
TNET_API void tnet_park_ride_free (TnetParkRide *pr);
/* The car graph searched from the origins (borrowed view, valid while @pr
 * lives); make one #TnetSearch on it per thread. Its options. Errors:
 * none. Thread-safe. O(1). */
TNET_API TnetGraph *tnet_park_ride_get_graph (const TnetParkRide *pr);
TNET_API const TnetParkRideOptions *tnet_park_ride_get_options (const TnetParkRide *pr);
/* Parking places that serve at least one stop, and the stops served by at
 * least one parking place (the stops with parking). Errors: none.
 * Thread-safe. O(1). */
TNET_API guint tnet_park_ride_n_parking (const TnetParkRide *pr);
TNET_API guint tnet_park_ride_n_stops (const TnetParkRide *pr);

/**
 * TnetParkRideAccess:
 * One way to reach @stop from the origin before the first ride: @parking
 * the parking place (TNET_ID_NONE: walking all the way from the origin),
 * @drive_s the drive to it, @park_s the park time, @walk_s the walk to
 * the stop; @access_s = @drive_s + @park_s + @walk_s.
 */
typedef struct {
  TnetId stop;
  guint32 access_s;
  TnetId parking;
  guint32 drive_s;
  guint32 park_s;
  guint32 walk_s;
} TnetParkRideAccess;

/**
 * tnet_park_ride_access:
 * @search: a workspace on tnet_park_ride_get_graph()
 * @origin: the origin, a node of the network @pr was built from
 * @walks: (array length=n_walks) (nullable): the origin's walks to the
 *   stops (as for transit, tnet_raptor_walks_from_place()); they stay
 *   possible, so a journey that only walks to its first stop competes
 * @out: a GArray of #TnetParkRideAccess, cleared first: one row per stop,
 *   the fastest of the walks and of every (parking place reached within
 *   the drive budget, stop it serves) at drive + park + walk; on a tie the
 *   walk, then the shorter drive
 * @access_out: (nullable): a GArray of #TnetStopWalk, cleared first: the
 *   same rows as {stop, access_s}, the access of tnet_raptor_run() and
 *   tnet_raptor_run_range()
 *
 * The drive is the shortest path by time over the car graph from @origin
 * (a Dijkstra bounded by the drive budget); its time in ms is rounded up to
 * whole seconds. Thread-safe for distinct @search. Errors: none.
 * Time complexity: O(k log k) for the k nodes within the drive budget, plus
 * the rows of the parking places reached.
 */
TNET_API void tnet_park_ride_access (const TnetParkRide *pr, TnetSearch *search,
                                     TnetId origin, const TnetStopWalk *walks, guint n_walks,
                                     GArray *out, GArray *access_out);

/**
 * TnetTripEnd:
 * @node: a network node, or TNET_ID_NONE for a point
 * @lon: the point's longitude (a node's position is the network's)
 * @lat: the point's latitude
 * @link_node: (array length=n_links): a point's access links: the street
 *   node each joins it to (tnet_network_snap_points()'s candidates)
 * @link_ms: (array length=n_links): each link's time, ms
 * @n_links: the point's links; a point with none reaches nothing and is
 *   reached by nothing
 *
 * One end of a door-to-door journey: a node, or a point that starts (ends)
 * on the access links `tnet init` would give a zone there. The arrays are
 * borrowed by the calls that take the end.
 */
typedef struct {
  TnetId node;
  double lon;
  double lat;
  const TnetId *link_node;
  const TnetWeight *link_ms;
  guint n_links;
} TnetTripEnd;

/**
 * tnet_raptor_walks_from_links:
 * @ws: a workspace on the timetable
 * @net: the network of the links' nodes (borrowed)
 * @end: a point end (@end->node is ignored)
 * @max_walk_ms: the walking budget from each link's node, milliseconds,
 *   as tnet_raptor_walks_from_place()
 * @out: a GArray of #TnetStopWalk the stops are appended to
 * @via: (nullable): a GArray of guint: per row appended to @out, the index
 *   of the access link it takes
 *
 * The stops a point walks to by the timetable: per access link, the
 * link's time rounded to the second, then the stops its street node walks
 * to within @max_walk_ms as a place (tnet_raptor_walks_from_place() with
 * the node and its position); per stop the best over the links (the
 * first link on a tie). Allocates a small table per call. Errors: none.
 * Thread-safety: distinct @ws per thread.
 * Time complexity: @n_links x that of tnet_raptor_walks_from_place().
 */
TNET_API void tnet_raptor_walks_from_links (TnetRaptor *ws, const TnetNetwork *net,
                                            const TnetTripEnd *end, TnetWeight max_walk_ms,
                                            GArray *out, GArray *via);

/**
 * tnet_park_ride_access_end:
 * @search: a workspace on tnet_park_ride_get_graph()
 * @origin: a node, or a point with its access links (#TnetTripEnd)
 * @walks, @n_walks, @out, @access_out: as tnet_park_ride_access()
 *
 * tnet_park_ride_access() from a node or a point: a point's drive starts
 * on its access links, at each link's node after the link's time (one
 * Dijkstra from every link at once over the car graph, as a point's car
 * journey starts), and the link's time counts in the drive and its
 * budget, as a zone's access link does. A node is tnet_park_ride_access().
 * Thread-safe for distinct @search. Errors: none.
 * Time complexity: that of tnet_park_ride_access() plus O(@n_links).
 */
TNET_API void tnet_park_ride_access_end (const TnetParkRide *pr, TnetSearch *search,
                                         const TnetTripEnd *origin, const TnetStopWalk *walks,
                                         guint n_walks, GArray *out, GArray *access_out);

/**
 * tnet_park_ride_journey:
 * @ws: a workspace whose last tnet_raptor_run() had @rows (as
 *   {stop, access_s}) for access
 * @stop: the destination stop
 * @rows: (array length=n_rows): the rows of tnet_park_ride_access()
 * @out: a GArray of #TnetTransitLeg, cleared first
 *
 * tnet_raptor_journey(), with the access leg of a journey that parks split
 * into a drive leg (origin to the parking place), a park leg and the walk
 * to the first stop (an access leg), each with its clock times.
 * Returns: FALSE when @stop was not reached.
 * Errors: none. Thread-safety: as tnet_raptor_journey().
 * Time complexity: that of tnet_raptor_journey() plus O(@n_rows).
 */
TNET_API gboolean tnet_park_ride_journey (const TnetRaptor *ws, TnetId stop,
                                          const TnetParkRideAccess *rows, guint n_rows,
                                          GArray *out);

/**
 * tnet_park_ride_matrix:
 * @origins: (array length=n_origins): network nodes where journeys start
 * @destinations: (array length=n_destinations): network nodes where they end
 * @max_walk_ms, @depart_s, @n_minutes, @pcts: as tnet_timetable_matrix()
 * @out: @n_origins x @n_destinations x @n_pcts travel times in seconds
 *   (out[(o * n_destinations + d) * n_pcts + k]), TNET_RAPTOR_UNREACHED
 *   where none
 * @stop: (nullable): when to give up (progress before each origin)
 *
 * Door-to-door park-and-ride by the timetable: each origin's access rows
 * (tnet_park_ride_access() with the origin's walks by
 * tnet_raptor_walks_from_place() within @max_walk_ms), one range query
 * (tnet_raptor_run_range()) per origin, each destination reached from the
 * stops within @max_walk_ms of it (tnet_raptor_walks_from_place()) or by a
 * walk all the way from the origin (the street walk when both are on the
 * timetable's walk network, else the straight line) within @max_walk_ms.
 * Errors: %G_IO_ERROR_CANCELLED when stopped; @out is then undefined.
 * Returns: %FALSE when stopped.
 * Time complexity: O(origins x (drive search + range query) + destinations
 * x walk search + origins x destinations x @n_minutes log @n_minutes).
 */
TNET_API gboolean tnet_park_ride_matrix (const TnetParkRide *pr, const TnetNetwork *net,
                                         const TnetId *origins, guint n_origins,
                                         const TnetId *destinations, guint n_destinations,
                                         TnetWeight max_walk_ms, gint32 depart_s, guint n_minutes,
                                         const double *pcts, guint n_pcts, gint32 *out,
                                         const TnetRaptorStop *stop, GError **error);

/**
 * tnet_park_ride_matrix_ends:
 * @origins: (array length=n_origins): where journeys start: nodes or points
 * @destinations: (array length=n_destinations): where they end
 * @max_walk_ms, @depart_s, @n_minutes, @pcts, @out, @stop: as
 *   tnet_park_ride_matrix()
 *
 * tnet_park_ride_matrix() between nodes and points. A node is as there. A
 * point origin drives from its access links (tnet_park_ride_access_end())
 * and walks to the stops of tnet_raptor_walks_from_links(); a point
 * destination is reached from the stops of tnet_raptor_walks_from_links()
 * (each link's node walks to the stop, then the link to the point). A walk
 * all the way to or from a point is the straight line between the two
 * positions, within @max_walk_ms. So a point's cell is never slower than
 * transit from that point by the same rows (the walks stay), and the
 * matrix of node ends equals tnet_park_ride_matrix()'s.
 * Errors: %G_IO_ERROR_CANCELLED when stopped; @out is then undefined.
 * Returns: %FALSE when stopped.
 * Thread-safety: @pr is read only; concurrent calls are safe.
 * Time complexity: that of tnet_park_ride_matrix(), with a point costing
 * one walk search per access link.
 */
TNET_API gboolean tnet_park_ride_matrix_ends (const TnetParkRide *pr, const TnetNetwork *net,
                                              const TnetTripEnd *origins, guint n_origins,
                                              const TnetTripEnd *destinations,
                                              guint n_destinations, TnetWeight max_walk_ms,
                                              gint32 depart_s, guint n_minutes,
                                              const double *pcts, guint n_pcts, gint32 *out,
                                              const TnetRaptorStop *stop, GError **error);

/**
 * tnet_park_ride_isochrone:
 * @sources: (array length=n_sources): network nodes where the journey may
 *   start
 * @places: (array length=n_places): (lon, lat) pairs of the places timed
 * @max_walk_ms, @depart_s, @n_minutes, @pcts, @out: as
 *   tnet_timetable_isochrone()
 * @stop: (nullable): when to give up
 *
 * tnet_timetable_isochrone() by park-and-ride: the access rows are those
 * of tnet_park_ride_access() from each source (with its straight-line
 * walks, tnet_timetable_walks_near()), the fastest over the sources for
 * each stop; places are reached from the stops within @max_walk_ms, or on
 * foot from a source, by straight line, as for transit. One range query.
 * @stop is looked at before each source's search and during the walks to
 * the places as well as before each round.
 * Errors: %G_IO_ERROR_CANCELLED when stopped; @out is then undefined.
 * Returns: %FALSE when stopped.
 * Thread-safety: as tnet_timetable_isochrone(); @pr is only read.
 * Time complexity: @n_sources drive searches, one range query, plus
 * O(@n_places x (@n_sources + @n_minutes log @n_minutes)).
 */
TNET_API gboolean tnet_park_ride_isochrone (const TnetParkRide *pr, const TnetNetwork *net,
                                            const TnetId *sources, guint n_sources,
                                            const double *places, guint n_places,
                                            TnetWeight max_walk_ms, gint32 depart_s,
                                            guint n_minutes, const double *pcts, guint n_pcts,
                                            gint32 *out, const TnetRaptorStop *stop,
                                            GError **error);

/**
 * tnet_park_ride_alternatives:
 * @pr: the park-and-ride by the timetable (read only)
 * @net: the network @pr was built from (borrowed for the call)
 * @origins: (array length=n_origins): network nodes where journeys start
 * @destinations: (array length=n_destinations): network nodes where they end
 * @pair_mask: (nullable): per pair (origin x @n_destinations +
 *   destination), whether it may carry an alternative; NULL: every pair
 * @k, @disjoint, @opts, @stop: as tnet_raptor_alternatives()
 *
 * tnet_raptor_alternatives() by park-and-ride: each origin's rows are
 * those of tnet_park_ride_matrix() (drive to a parking place, park, walk
 * to a stop it serves; or walk to the first stop; or walk all the way),
 * so the first alternative's time is exactly the least park-and-ride
 * matrix cell of the wanted pairs with the same options (on a tie the
 * lowest origin, then destination). Each next one is the same search
 * with the rides (hops or lines, by @disjoint) that the earlier ones'
 * journeys of every minute of the window ride blocked. Drives, parking
 * places and walks may be shared: only rides are blocked. The journey
 * shown splits its access into drive, park and walk legs
 * (tnet_park_ride_journey()). An alternative that rides nothing blocks
 * nothing and closes its pair, as there.
 * Errors: %G_IO_ERROR_CANCELLED when @stop says so.
 * Returns: (transfer full): a GArray of #TnetRaptorAlternative (indices
 *   into @origins and @destinations), or %NULL when stopped.
 * Thread-safety: reads @pr and @net only (its own workspaces).
 * Time complexity: one bounded drive search per origin, then per
 *   alternative one range query per origin plus one plain query per
 *   minute; plus the destinations' walk searches.
 */
TNET_API GArray *tnet_park_ride_alternatives (const TnetParkRide *pr, const TnetNetwork *net,
                                              const TnetId *origins, guint n_origins,
                                              const TnetId *destinations,
                                              guint n_destinations, const guint8 *pair_mask,
                                              guint k, TnetRaptorDisjoint disjoint,
                                              const TnetRaptorFailuresOptions *opts,
                                              const TnetRaptorStop *stop, GError **error);

/* ------------------------------------------------------- route documents */

/**
 * TnetTimetableRouteOptions:
 * @depart_s: the first departure, seconds after midnight (default 08:00)
 * @n_minutes: departures at @depart_s + 60 k, k < @n_minutes (a count of
 *   departure minutes, as #TnetRaptorFailuresOptions); 0 (the default) and
 *   1 both mean the departure only, but the documents give the value as
 *   `window_min`
 * @max_walk_ms: the longest walk to the first or from the last stop, and of
 *   a journey that walks all the way, milliseconds, to the nearest second
 *   (default 900 000: 15 min; %TNET_WEIGHT_INF: no limit)
 * @percentiles: (array length=n_percentiles): percentiles of the travel
 *   time over the window (nearest rank, tnet_percentiles()); borrowed
 * @n_percentiles: their count (the default: 5, 25, 50, 75 and 95)
 * @feed: (nullable): what the documents call the timetable's feeds
 *   (e.g. "gtfs-2025"); borrowed
 *
 * The options of tnet_timetable_route_compute(): those of `tnet route
 * --profile transit|park_and_ride` by the timetable. Set with
 * tnet_timetable_route_options_init() first.
 */
typedef struct {
  gint32 depart_s;
  guint n_minutes;
  TnetWeight max_walk_ms;
  const double *percentiles;
  guint n_percentiles;
  const char *feed;
} TnetTimetableRouteOptions;

/**
 * tnet_timetable_route_options_init:
 * @opts: (out caller-allocates): the options to set
 *
 * The defaults: departing 08:00, no window, 15 min walk, percentiles 5,
 * 25, 50, 75, 95 (static storage), no feed name. Errors: none.
 * Thread-safe (writes @opts only). Time complexity: O(1).
 */
TNET_API void tnet_timetable_route_options_init (TnetTimetableRouteOptions *opts);

/**
 * TnetTimetableRoute:
 *
 * The journey between two places by the timetable (opaque): the legs of
 * the journey of the first departure with their clock times, and the
 * travel time of each minute of the window with its percentiles; by
 * transit or, with a #TnetParkRide, by park-and-ride. It copies every
 * name it shows, so it outlives the timetable and the network it was
 * computed on. Written by tnet_timetable_route_to_json() and
 * tnet_timetable_route_to_text() (the one form of `tnet route` and of
 * `tnet serve`'s /route by the timetable).
 */
typedef struct _TnetTimetableRoute TnetTimetableRoute;

/**
 * tnet_timetable_route_compute:
 * @tt: the timetable
 * @ws: a workspace of @tt (tnet_raptor_new()); with @pr, of its timetable
 * @pr: (nullable): park-and-ride on @tt, or %NULL for transit
 * @search: (nullable): with @pr, a workspace on tnet_park_ride_get_graph()
 * @net: (nullable): the network whose node ids and names @from and @to may
 *   give (walks by its streets when the timetable has them)
 * @opts: the options (tnet_timetable_route_options_init())
 * @from: where the journey starts: a stop id of @tt, else a node id or
 *   name of @net (tnet_place_find_node())
 * @to: where it ends, the same way
 * @error: return location for a #GError
 *
 * The journey @from -> @to by the timetable: the origin's walks to the
 * stops within the walk (with @pr also its drives to parking places,
 * tnet_park_ride_access(), when @from is a node), the destination's walks
 * from its stops, and the walk all the way when within the walk. One
 * RAPTOR range query gives the travel time of each minute of the window,
 * one plain query the journey of the first minute (tnet_park_ride_journey()
 * from the egress stop of the earliest arrival); walking all the way is
 * shown when it arrives no later.
 * Errors: %TNET_ERROR_NOT_FOUND for an unknown place (with a suggestion),
 * when no stop is within the walk of one end, or when the single departure
 * (a window of 0 or 1) reaches nothing; a window whose minutes all miss is
 * a result, its times unreached.
 * Returns: (transfer full) (nullable): the route; free with
 *   tnet_timetable_route_free().
 * Thread-safety: reentrant: @tt, @pr and @net are only read; one @ws and
 *   @search per thread.
 * Time complexity: one RAPTOR range query over the window plus one query,
 *   plus with @pr one bounded drive search.
 */
TNET_API TnetTimetableRoute *tnet_timetable_route_compute (const TnetTimetable *tt, TnetRaptor *ws,
                                                           const TnetParkRide *pr,
                                                           TnetSearch *search,
                                                           const TnetNetwork *net,
                                                           const TnetTimetableRouteOptions *opts,
                                                           const char *from, const char *to,
                                                           GError **error);

/**
 * tnet_timetable_route_to_json:
 * @route: the route
 *
 * The document of `tnet route --profile transit|park_and_ride --format
 * json` by the timetable and of `tnet serve`'s /route for those profiles
 * (docs/json-schema.md): from, to, profile, model ("timetable"), feed,
 * date, depart ("HH:MM:SS"), window_min, total_min (the first minute's,
 * null when unreached), park_and_ride (the options and counts; with
 * park-and-ride only), legs (kind, line, trip, from, to, start, end,
 * wait_min; the final walk to the destination is not a leg), percentiles
 * ({"pP": minutes or null}) and minutes (per minute of the window).
 * Minutes are rounded to 0.1. Returns: (transfer full): the text, ending
 * in a newline. Errors: none. Thread-safe (reads @route only).
 * Time complexity: O(legs + window + percentiles).
 */
TNET_API char *tnet_timetable_route_to_json (const TnetTimetableRoute *route);

/**
 * tnet_timetable_route_to_text:
 * @route: the route
 *
 * The text of `tnet route --profile transit|park_and_ride`: a heading
 * (feed, date, departure; with park-and-ride its options and counts),
 * one line per leg with its clock times (rides with the wait, line, trip
 * and mode), the final walk, the total, and over a window of two minutes
 * or more the percentiles and the time of each minute ("-" unreached).
 * Returns: (transfer full): the text. Errors: none. Thread-safe (reads
 * @route only). Time complexity: as tnet_timetable_route_to_json().
 */
TNET_API char *tnet_timetable_route_to_text (const TnetTimetableRoute *route);

/**
 * tnet_timetable_route_free:
 * @route: (nullable): the route
 *
 * Frees @route. Errors: none. Not thread-safe for @route (no other
 * thread may use it). Time complexity: O(legs).
 */
TNET_API void tnet_timetable_route_free (TnetTimetableRoute *route);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetParkRide, tnet_park_ride_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetTimetableRoute, tnet_timetable_route_free)

G_END_DECLS
