/* tnet-hubs.h: passenger hubs (hubs.csv + hub_walks.csv, or GTFS parent
 * stations) and the transfer times between every pair of services meeting
 * at a hub (docs/cli.md, `tnet transfers`). */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>
#include <tnet/tnet-scenario.h>
#include <tnet/tnet-feed.h>

G_BEGIN_DECLS

/* ------------------------------------------------------------------ hubs */

/**
 * TnetHubKind:
 * @TNET_HUB_INTEGRATED_NEW: one of the plan's new integrated passenger hubs
 *   (hubs.csv `integrated_new`); the plan's indicator averages over these
 * @TNET_HUB_EXISTING: another hub of hubs.csv (`existing`)
 * @TNET_HUB_STATION: a hub derived from a GTFS feed (a parent station, or a
 *   single stop served by several routes)
 */
typedef enum {
  TNET_HUB_INTEGRATED_NEW,
  TNET_HUB_EXISTING,
  TNET_HUB_STATION,
  TNET_N_HUB_KINDS
} TnetHubKind;

/* "integrated_new", "existing", "station" (static; "unknown" for a value
 * out of range). Errors: none. Thread-safe. Time complexity: O(1). */
TNET_API const char *tnet_hub_kind_to_string (TnetHubKind kind);

/**
 * TnetHub:
 * A hub: @n_members stop ids (network node ids = GTFS stop ids) in
 * @members (%NULL-terminated). @open_year is 0 when the hub predates every
 * scenario. @target_ms is the hub's target transfer (walk) time in
 * milliseconds (hubs.csv's target_transfer_min rounded to the nearest ms
 * by tnet_weight_from_min()), %TNET_WEIGHT_INF when none. Strings are
 * owned by the hub set.
 */
typedef struct {
  const char *id;
  const char *name;
  const char *name_en;
  const char *source;
  const char *confidence;
  const char *const *members;
  guint n_members;
  TnetHubKind kind;
  int open_year;
  TnetWeight target_ms;
  /* milliseconds added to a walk measured between two different member
   * stops (hubs.csv level_change_min, rounded to the nearest ms: stairs or
   * escalators between platform and street level; 0 when the column is
   * absent or empty) */
  TnetWeight level_change_ms;
} TnetHub;

typedef struct _TnetHubSet TnetHubSet;

/**
 * tnet_hub_set_load_csv:
 * @net: (nullable): the network whose node ids the members name; %NULL
 *   accepts any member id
 * @hubs_path: a hubs.csv file (`id,name,name_en,kind,open_year,
 *   target_transfer_min,members,source,confidence`, optional
 *   `level_change_min`; `#` comment lines; kind `integrated_new` or
 *   `existing`; members `;`-separated)
 * @walks_path: (nullable): a hub_walks.csv file (`hub,from,to,walk_min,
 *   open_year,source,confidence`)
 *
 * Loads the hubs and their walking times. The files speak minutes; each
 * target, level change and walk is converted once, as it is read, to
 * milliseconds rounded to the nearest ms (tnet_weight_from_min()).
 * A walk row holds for both
 * directions unless the file also gives the reverse direction; among the
 * rows of a pair, the one with the largest open_year <= the scenario year
 * applies (blank open_year = 2020, i.e. always).
 *
 * Errors: %TNET_ERROR_IO when a file cannot be read;
 * %TNET_ERROR_INVALID_INPUT "FILE:LINE:COLUMN: ..." on a missing column, an
 * empty or duplicate hub id, an unknown kind, a bad open_year or target, an
 * empty member list, a member that is not a node of @net, a duplicate
 * member, a walk row naming an unknown hub or a stop that is not a member of
 * its hub, from = to, or a walk that is not a finite number >= 0.
 * Returns: (transfer full): a new hub set, or %NULL. Copies what it needs.
 * Thread-safety: reentrant; @net is only read.
 * Time complexity: O(size of the files).
 */
TNET_API TnetHubSet *tnet_hub_set_load_csv (const TnetNetwork *net, const char *hubs_path,
                                            const char *walks_path, GError **error);

/**
 * tnet_hub_set_from_feed:
 *
 * The hubs of a GTFS feed: every parent station (location_type 1) whose
 * child stops are served, on the feed's service day and in its window, by at
 * least two routes becomes a hub (id = the station's stop_id) whose members
 * are those children; every stop without a parent station that is served by
 * at least two routes becomes a one-stop hub. Kind %TNET_HUB_STATION, no
 * target. Walks come from the feed at compute time (see
 * tnet_hub_transfers_compute()). Cannot fail; the result may be empty.
 * Returns: (transfer full): a new hub set.
 * Errors: none. Thread-safety: reentrant; @feed is only read.
 * Time complexity: O(stops + sum of pattern lengths).
 */
TNET_API TnetHubSet *tnet_hub_set_from_feed (const TnetFeed *feed);

/* Frees the set (%NULL is ignored); the number of hubs. A hub set is
 * immutable once built: its readers are thread-safe; free it only when no
 * thread reads it. Errors: none. Time complexity: O(1) (free: O(size of the
 * set)). */
TNET_API void tnet_hub_set_free (TnetHubSet *hubs);
TNET_API guint tnet_hub_set_n_hubs (const TnetHubSet *hubs);
/* A view valid until @hubs is freed (NULL when @i is out of range).
 * Errors: none. Thread-safe. Time complexity: O(1). */
TNET_API const TnetHub *tnet_hub_set_get (const TnetHubSet *hubs, guint i);
/* Index of the hub with id @id, or -1. Errors: none. Thread-safe. Time
 * complexity: O(1) expected (a hash table). */
TNET_API int tnet_hub_set_find (const TnetHubSet *hubs, const char *id);

/**
 * tnet_hub_set_load_for_network:
 * Loads `hubs.csv` (and `hub_walks.csv` when present) from the folder
 * @net was loaded from. Returns %NULL without an error when @net has no
 * folder or the folder has no hubs.csv; %NULL with an error when a file is
 * malformed (as tnet_hub_set_load_csv()).
 * Time complexity: O(size of the files).
 */
TNET_API TnetHubSet *tnet_hub_set_load_for_network (const TnetNetwork *net, GError **error);

/**
 * tnet_hub_set_walk_ms:
 * The walking time in milliseconds (hub_walks.csv's walk_min rounded to
 * the nearest ms) from member @from to member @to of hub @hub given by the
 * hub walk table for scenario year @year, or %TNET_WEIGHT_INF when the
 * table has no row for the pair that applies in @year. Errors: none (a hub
 * out of range is a programming error). Thread-safe. Time complexity:
 * O(rows of the hub).
 */
TNET_API TnetWeight tnet_hub_set_walk_ms (const TnetHubSet *hubs, guint hub, const char *from,
                                          const char *to, int year);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetHubSet, tnet_hub_set_free)

/* ------------------------------------------------------- transfer tables */

/**
 * TnetTransferPair:
 * One ordered pair of services (routes) at a hub: arriving with @from,
 * leaving with @to. Its durations are milliseconds held as doubles, not
 * rounded: a walk measured from the stops' positions, a headway (a mean
 * over directions of window / departures) and a mean connection wait are
 * seldom whole milliseconds, and the outputs show them in minutes to 0.01.
 * @from_service / @to_service: route display names; @from_route / @to_route
 *   their route_ids; @from_mode / @to_mode their modes
 * @from_stop / @to_stop: the member stops of the shortest change
 * @walk_ms: walking time of that change
 * @headway_ms: the headway of @to at the hub (mean over its directions of
 *   the combined headway of its patterns in that direction), times the
 *   scenario's headway factor
 * @wait_ms: expected wait, @headway_ms / 2
 * @walk_wait_ms: @walk_ms + @wait_ms
 * @from_trips_per_hour / @to_trips_per_hour: arrivals of @from and
 *   departures of @to at the hub per hour of the window (all directions,
 *   divided by the headway factor)
 * @weight: @from_trips_per_hour × @to_trips_per_hour
 * @timetabled: both services run on timetables (no frequencies.txt trips);
 *   the three fields below are then set, else NAN / 0
 * @connection_wait_ms: the real wait (ms) averaged over the arrivals of @from in
 *   the window and the directions of @to: from arrival + walk to the next
 *   departure of @to in that direction, within the window
 * @n_arrivals: (arrival, direction) combinations considered
 * @n_unconnected: of those, the ones with no departure before the window's
 *   end (excluded from the mean); @connection_wait_ms is NAN when every
 *   one is unconnected
 */
typedef struct {
  const char *from_service;
  const char *to_service;
  const char *from_route;
  const char *to_route;
  const char *from_stop;
  const char *to_stop;
  TnetMode from_mode;
  TnetMode to_mode;
  double walk_ms;
  double headway_ms;
  double wait_ms;
  double walk_wait_ms;
  double from_trips_per_hour;
  double to_trips_per_hour;
  double weight;
  gboolean timetabled;
  double connection_wait_ms;
  guint n_arrivals;
  guint n_unconnected;
} TnetTransferPair;

/* Means over the @n_pairs pairs of one mode combination (e.g. hsr -> bus),
 * in milliseconds (doubles, not rounded, as #TnetTransferPair's). */
typedef struct {
  TnetMode from_mode;
  TnetMode to_mode;
  guint n_pairs;
  double mean_walk_ms;
  double mean_walk_wait_ms;
} TnetTransferModePair;

#define TNET_HUB_WORST_PAIRS 3

/**
 * TnetHubTable:
 * The transfer table of one hub in one scenario year.
 * @in_service: FALSE when the hub is not open in the year (@open_year >
 *   year), or fewer than two services call at its members, or no change is
 *   allowed; @status then says which ("not open until 2025", "fewer than two
 *   services", ...) and every mean is NAN — never 0.
 * The means are milliseconds held as doubles (not rounded: averages over
 * many pairs).
 * @n_services: routes calling at the members in the window
 * @pairs: @n_pairs ordered pairs, sorted by from then to service name
 * @mean_walk_ms / @mean_walk_wait_ms: unweighted means over the pairs
 * @weighted_walk_ms / @weighted_walk_wait_ms: means weighted by each
 *   pair's @weight (trips/h of from × trips/h of to); NAN when every
 *   weight is 0
 * @mean_connection_wait_ms: mean of the pairs' connection waits (NAN when
 *   no pair is timetabled); @n_timetabled_pairs how many
 * @mode_pairs: @n_mode_pairs mode combinations, in mode order
 * @worst: indices into @pairs of the @n_worst (<= 3) pairs with the largest
 *   walk + wait (ties: larger walk, then table order)
 * @has_target / @pass: whether the hub has a target and its mean walk (the
 *   plan's indicator is the walk) is at most the target (@target_ms)
 * All arrays and strings are owned by the #TnetHubTransfers.
 */
typedef struct {
  const TnetHub *hub;
  gboolean in_service;
  const char *status;
  guint n_services;
  guint n_pairs;
  const TnetTransferPair *pairs;
  double mean_walk_ms;
  double mean_walk_wait_ms;
  double weighted_walk_ms;
  double weighted_walk_wait_ms;
  double mean_connection_wait_ms;
  guint n_timetabled_pairs;
  guint n_mode_pairs;
  const TnetTransferModePair *mode_pairs;
  guint n_worst;
  guint worst[TNET_HUB_WORST_PAIRS];
  gboolean has_target;
  gboolean pass;
} TnetHubTable;

typedef struct _TnetHubTransfers TnetHubTransfers;

/**
 * tnet_hub_transfers_compute:
 * @hubs: the hubs
 * @feed: (nullable): the feed of the scenario year (NULL: no service
 *   anywhere, every hub is "not in service")
 * @scen: the scenario: its year decides which hubs are open and which walk
 *   rows apply; its headway factors (by route_short_name, else
 *   route_long_name) scale the headways
 *
 * Builds a transfer table per hub (see #TnetHubTable and #TnetTransferPair).
 * The walk from stop s to stop t of a hub is, in order: the hub walk table
 * (tnet_hub_set_walk_ms()); the feed's transfers.txt type-2
 * min_transfer_time of (s,t), else of their parent stations (also when s =
 * t: the feed's minimum time to change applies at one stop too); 0 when s =
 * t; else the walk measured from the stops' positions: the straight-line
 * distance × 1.2 at 4.8 km/h (the defaults of #TnetTransitOptions) plus
 * the hub's @level_change_ms. A type-3 rule forbids that change. A pair's walk is
 * the shortest over the stops where @from sets down and @to picks up.
 * Headways are taken from the feed's patterns over its window (a pattern's
 * headway holds at each of its stops); a direction of a service at the hub
 * is the stop it calls at next. Timetabled connection waits do not scale
 * with the headway factor.
 *
 * Returns: (transfer full): the tables, one per hub in @hubs order. The
 * result borrows @hubs (keep it alive) and copies what it needs from @feed.
 * Errors: none (it cannot fail; a %NULL @hubs or @scen is a programming
 * error). Thread-safe (reads only).
 * Time complexity: O(hubs × (stop times + pattern stops) + pairs × events).
 */
TNET_API TnetHubTransfers *tnet_hub_transfers_compute (const TnetHubSet *hubs,
                                                       const TnetFeed *feed,
                                                       const TnetScenario *scen);
/* Frees the tables (%NULL is ignored; not while another thread reads them;
 * O(pairs)), and the scenario year they were computed for (O(1)). The
 * tables are immutable: their readers are thread-safe. Errors: none. */
TNET_API void tnet_hub_transfers_free (TnetHubTransfers *t);
TNET_API int tnet_hub_transfers_get_year (const TnetHubTransfers *t);
/**
 * tnet_hub_transfers_get_window:
 * @start_s: (out) (optional): start of the feed's window, seconds after
 *   midnight of the service day
 * @end_s: (out) (optional): its end, exclusive
 * @service_date: (out) (optional): the service day, YYYYMMDD
 *
 * The window and service day the headways and connection waits were taken
 * over (the feed's #TnetFeedOptions). Returns: FALSE (and zeros) when the
 * tables were computed without a feed.
 * Errors: none. Thread-safe. Time complexity: O(1).
 */
TNET_API gboolean tnet_hub_transfers_get_window (const TnetHubTransfers *t, guint *start_s,
                                                 guint *end_s, guint *service_date);
/* The number of tables (one per hub). Errors: none. Thread-safe. Time
 * complexity: O(1). */
TNET_API guint tnet_hub_transfers_n_hubs (const TnetHubTransfers *t);
/* The table of hub @i; a view valid until @t is freed; NULL out of range.
 * Errors: none. Thread-safe. Time complexity: O(1). */
TNET_API const TnetHubTable *tnet_hub_transfers_get (const TnetHubTransfers *t, guint i);
/**
 * tnet_hub_transfers_find:
 * @hub_id: a hub id of hubs.csv (or of the feed's hubs)
 * @error: (nullable): set when there is no such hub
 *
 * Returns: the index of @hub_id's table, or -1 with #TNET_ERROR_NOT_FOUND
 * naming the hub, the closest hub id when it looks like a typo
 * (tnet_suggest_name(): "did you mean …?") and the number of hubs.
 * Thread-safe. Time complexity: O(1) expected when found (a hash table);
 * O(hubs × |id|²) to suggest when not.
 */
TNET_API int tnet_hub_transfers_find (const TnetHubTransfers *t, const char *hub_id,
                                      GError **error);

/**
 * tnet_hub_transfers_indicator_ms:
 * @kind: which hubs count (%TNET_HUB_INTEGRATED_NEW for the plan's
 *   indicator)
 * @n_hubs: (out) (optional): how many hubs were averaged
 *
 * The plan's indicator: the mean over the hubs of @kind that are in service
 * of their (unweighted) mean walk, in milliseconds as a double (an average,
 * not rounded); NAN when none is in service.
 * Errors: none. Thread-safe (reads @t). Time complexity: O(hubs).
 */
TNET_API double tnet_hub_transfers_indicator_ms (const TnetHubTransfers *t,
                                                 TnetHubKind kind, guint *n_hubs);

/**
 * tnet_hub_transfers_to_json:
 * @t: the tables
 * @only: -1 for every hub, else the index of the one hub to write
 *   (tnet_hub_transfers_find())
 *
 * The one JSON form of hub transfer tables (docs/json-schema.md, `tnet
 * transfers --format json`, the `transfers` member of `tnet run`'s
 * results.json and serve's /transfers): year, window (start, end "HH:MM",
 * service_date "YYYY-MM-DD"; null without a feed), hubs (one object per
 * hub: its #TnetHubTable with pairs, mode_pairs and worst_pairs) and
 * integrated_new (mean_walk_min, hubs). Durations are written in minutes
 * (the milliseconds / 60 000), rounded to 0.01; a
 * value that is not finite is null. Indented by 2.
 * Returns: (transfer full): the text, ending in a newline.
 * Errors: none (NULL, with a critical warning, on a NULL argument or an @only out of range).
 * Thread-safety: reads @t only.
 * Time complexity: O(pairs of the hubs written).
 */
TNET_API char *tnet_hub_transfers_to_json (const TnetHubTransfers *t, int only);

/**
 * tnet_hub_transfers_to_text:
 * @t: the tables
 * @only: -1 for every hub, else the index of the one hub to write
 *
 * The report of `tnet transfers`: the window, then per hub its services,
 * each pair's walk + wait (headway) = walk+wait in minutes (and its
 * timetabled connection wait), the means, the means by modes, the worst
 * pairs and the target (milliseconds shown in minutes to 0.1); with
 * @only = -1, the plan's indicator last.
 * Returns: (transfer full): the text.
 * Errors: none (NULL, with a critical warning, on a NULL argument or an @only out of range).
 * Thread-safety: reads @t only.
 * Time complexity: O(pairs of the hubs written).
 */
TNET_API char *tnet_hub_transfers_to_text (const TnetHubTransfers *t, int only);

/**
 * tnet_hub_transfers_to_csv:
 * @t: the tables
 * @only: -1 for every hub, else the index of the one hub to write
 *
 * The CSV of `tnet transfers --format csv` and `tnet run`'s transfers.csv:
 * hub,status,from,to,from_mode,to_mode,from_stop,to_stop,walk_min,
 * headway_min,wait_min,walk_wait_min,weight,connection_wait_min,arrivals,
 * unconnected; a row per pair of a hub in service (numbers to 0.01, the
 * last three empty when the pair is not timetabled; durations in minutes,
 * the milliseconds / 60 000), one row with the
 * status and empty fields for a hub not in service.
 * Returns: (transfer full): the text.
 * Errors: none (NULL, with a critical warning, on a NULL argument or an @only out of range).
 * Thread-safety: reads @t only.
 * Time complexity: O(pairs of the hubs written).
 */
TNET_API char *tnet_hub_transfers_to_csv (const TnetHubTransfers *t, int only);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetHubTransfers, tnet_hub_transfers_free)

G_END_DECLS
