/* tnet-commute.h: commute reachability (docs/cli.md): travel-time matrices by
 * profile with their parts, population within a budget, isochrones. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>
#include <tnet/tnet-scenario.h>
#include <tnet/tnet-multimodal.h>
#include <tnet/tnet-journey.h>
#include <tnet/tnet-hubs.h>
#include <tnet/tnet-timetable.h>
#include <tnet/tnet-dataset.h>
#include <tnet/tnet-io.h>

G_BEGIN_DECLS

typedef enum {
  TNET_COMMUTE_TO,    /* journeys from each origin to the destinations */
  TNET_COMMUTE_FROM,  /* journeys from the destinations back to each origin */
} TnetCommuteDirection;

/* "Any destination" in tnet_commute_population_within() and friends. */
#define TNET_COMMUTE_ANY G_MAXUINT

/**
 * TnetCommuteCell:
 * One origin-destination pair of one profile. Times in ms; @total_ms is
 * %TNET_WEIGHT_INF (and the parts 0) when the pair is not connected. The
 * parts follow #TnetJourney: access, wait, in-vehicle (driving counts as
 * in-vehicle in the car profile), transfer and egress. @lines: the named
 * lines ridden or driven, in travel order, consecutive repeats merged
 * (%NULL-terminated, never %NULL; owned by the commute result).
 */
typedef struct {
  TnetWeight total_ms;
  TnetWeight access_ms;
  TnetWeight wait_ms;
  TnetWeight in_vehicle_ms;
  TnetWeight transfer_ms;
  TnetWeight egress_ms;
  guint n_rides;
  const char *const *lines;
} TnetCommuteCell;

typedef struct _TnetCommute TnetCommute;

/* tnet_commute_select(), which resolves trip ends, is of the place grammar:
 * tnet-places.h. */

/**
 * tnet_commute_build_graphs:
 * @feed: (nullable): the transit feed of the scenario year
 *   (tnet_dataset_get_feed()); %NULL: no scheduled service
 * @hubs: (nullable): passenger hubs whose walk table prices transfers
 *   (tnet_dataset_get_hubs()); only used with a feed
 * @profiles: @n_profiles profiles
 * @graphs_out: receives @n_profiles full references
 *
 * Builds the multimodal graph of each profile for @scen with default
 * transit options. Reads no file: the caller passes the loaded feed and
 * hubs. Fails like tnet_multimodal_build(); nothing is returned then.
 * Errors: those of tnet_multimodal_build() (%TNET_ERROR_NOT_FOUND,
 * %TNET_ERROR_TOO_LARGE). Thread-safety: reentrant; its inputs are only
 * read.
 * Time complexity: O(profiles * (n + m + feed size)).
 */
TNET_API gboolean tnet_commute_build_graphs (const TnetNetwork *net,
                                             const TnetScenario *scen,
                                             const TnetFeed *feed,
                                             const TnetHubSet *hubs,
                                             const TnetProfile *profiles,
                                             guint n_profiles,
                                             TnetMultimodal **graphs_out,
                                             GError **error);

/* Frees a matrix (%NULL is ignored). Errors: none. Thread-safety: not while
 * another thread reads it. Time complexity: O(profiles × origins ×
 * destinations). */
TNET_API void tnet_commute_free (TnetCommute *commute);

/**
 * TnetCommuteMethod:
 * @TNET_COMMUTE_METHOD_AUTO: many-to-many when there are at least
 *   %TNET_COMMUTE_M2M_MIN_DESTINATIONS destinations, else searches
 * @TNET_COMMUTE_METHOD_SEARCH: one search per destination; every reached
 *   cell has its parts and lines
 * @TNET_COMMUTE_METHOD_M2M: a contraction hierarchy of the profile's graph
 *   and its bucket many-to-many query; each reached cell's path is unpacked
 *   from the two search trees kept by the query
 *   (tnet_ch_query_many_to_many_paths()), no search per cell
 *
 * How the travel-time matrix is computed. Both give exactly the same
 * totals, and the same parts and lines wherever the shortest path is
 * unique (on ties the two may pick different paths of the same length).
 * With #TnetCommuteOptions.totals_only neither computes parts.
 */
typedef enum {
  TNET_COMMUTE_METHOD_AUTO,
  TNET_COMMUTE_METHOD_SEARCH,
  TNET_COMMUTE_METHOD_M2M,
  TNET_COMMUTE_METHOD_TIMETABLE,
} TnetCommuteMethod;

/* The number of destinations from which TNET_COMMUTE_METHOD_AUTO uses
 * many-to-many: below it the hierarchy's build costs more than the searches
 * it saves (bench/README.md, commute section). */
#define TNET_COMMUTE_M2M_MIN_DESTINATIONS 128

/* "auto", "search", "m2m", "timetable" (static; "unknown" for a value out
 * of range), and back for the first three, the ones a caller may ask for
 * (FALSE otherwise, *@out unchanged). Errors: none. Thread-safe. Time
 * complexity: O(1). */
TNET_API const char *tnet_commute_method_to_string (TnetCommuteMethod method);
TNET_API gboolean tnet_commute_method_from_string (const char *s, TnetCommuteMethod *out);

/**
 * TnetCommuteOptions:
 * @method: how the matrix is computed (default %TNET_COMMUTE_METHOD_AUTO)
 * @progress: (nullable): progress of the hierarchy builds (many-to-many),
 *   labelled "CH build" and counting "nodes", and by the timetable before
 *   each origin of its matrix ("timetable matrix", counting "origins")
 * @progress_data: passed to @progress
 * @cancellable: (nullable): checked where @progress is called (hierarchy
 *   builds, each origin of a timetable matrix); once cancelled, the
 *   computation stops at the next such point (the search method has none)
 * @timetable: (nullable): when set, the transit profile follows this
 *   timetable (%TNET_COMMUTE_METHOD_TIMETABLE, tnet_timetable_matrix()
 *   between the nodes' coordinates) instead of its graph's frequency
 *   model; its cells' total is the @timetable_percentile over the
 *   window, its percentiles are read with tnet_commute_percentile_ms(),
 *   and it has no parts. The other profiles are unchanged.
 * @depart_s: first departure minute (a clock time: seconds after midnight;
 *   timetable)
 * @window_ms: a departure every minute from @depart_s while less than
 *   @window_ms has passed (at least one: 0 is the departure only; 30 min
 *   gives 30 departures)
 * @percentiles: (array length=n_percentiles): percentiles in [0, 100]
 * @max_walk_ms: longest walk to the first or from the last stop, or of a
 *   journey all on foot (used to the whole second)
 * @park_ride: (nullable): with @timetable (the one it was built on), the
 *   park_and_ride profile follows the timetable too: drive to a parking
 *   place, park, walk, ride (tnet_park_ride_matrix() between the nodes, over
 *   the same window and percentiles, @max_walk_ms for the walks), also
 *   %TNET_COMMUTE_METHOD_TIMETABLE without parts; NULL: park_and_ride keeps
 *   its graph's frequency model
 * @timetable_percentile: the percentile in [0, 100] of the travel time
 *   over the window (nearest rank) that stands for a timetable cell's
 *   total: the time compared with the budget, and the time
 *   tnet_accessibility_compute() counts opportunities by (default 50, the
 *   median)
 * @totals_only: cells carry their totals only, no parts and no lines
 *   (tnet_commute_has_parts() is %FALSE): for callers that read the times
 *   alone (accessibility, matrices), which skips the journeys of the
 *   search method and the path unpacking of many-to-many; default %FALSE
 *
 * Initialise with tnet_commute_options_init().
 */
typedef struct {
  TnetCommuteMethod method;
  TnetProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
  const TnetTimetable *timetable;
  gint32 depart_s;
  TnetWeight window_ms;
  const double *percentiles;
  guint n_percentiles;
  TnetWeight max_walk_ms;
  double timetable_percentile;
  const TnetParkRide *park_ride;
  gboolean totals_only;
} TnetCommuteOptions;

/* Sets @opts to the defaults: %TNET_COMMUTE_METHOD_AUTO, no timetable, no
 * progress, the timetable's median (percentile 50), parts computed; every
 * other field 0 or %NULL. Errors: none (%NULL is a programming error).
 * Thread-safe. Time complexity: O(1). */
TNET_API void tnet_commute_options_init (TnetCommuteOptions *opts);

/**
 * TnetCommuteTiming:
 * @depart_s: first departure (a clock time: seconds after midnight)
 * @date: the service date (YYYYMMDD), 0 for the feed's busiest day
 * @window_ms: the departure window, as #TnetCommuteOptions.window_ms
 * @max_walk_ms: longest walk to the first or from the last stop
 * @percentiles: (array length=n_percentiles): the percentiles of the
 *   travel time over the window shown beside a cell's time (a view owned
 *   by the plan, or static)
 * @n_percentiles: their count
 * @park_ride: park-and-ride by the same timetable: drive budget, time to
 *   park, parking radius
 *
 * The options transit and park_and_ride follow the timetable with, as
 * every command and binding takes them by default: filled by
 * tnet_commute_timing_init(), then each value the caller was given
 * (command line, scenario file, keyword argument) replaces its field.
 * A command that counts at one percentile counts at the median (50)
 * unless told otherwise; @percentiles are the ones shown beside it.
 */
typedef struct {
  gint32 depart_s;
  guint date;
  TnetWeight window_ms;
  TnetWeight max_walk_ms;
  const double *percentiles;
  guint n_percentiles;
  TnetParkRideOptions park_ride;
} TnetCommuteTiming;

/**
 * tnet_commute_timing_init:
 * @timing: (out caller-allocates): receives the defaults
 * @group: (nullable): the plan's first `[commute]` group
 *   (tnet_plan_get_commute (plan, 0)), or %NULL when the data set has
 *   no plan or the plan no such group
 *
 * The defaults of the timetable options, resolved once for `tnet
 * commute`, `tnet criticality`, `tnet isochrone`, `tnet accessibility`,
 * the `[commute]` and `[isochrone]` sections of `tnet run` and the Python
 * binding: when @group has `depart` (#TnetPlanCommute.timetable), its
 * depart, date, window, max_walk (there the group's budget by default),
 * percentiles, drive_budget_min, park_time_min and parking_radius_m;
 * otherwise 08:00 on the feed's busiest day (date 0), window 0, walks of
 * up to 15 min, percentiles 5, 25, 50, 75, 95, and park-and-ride's
 * defaults (tnet_park_ride_options_init(): 30 min, 5 min, 400 m).
 * @timing's @percentiles then point into @group (valid while its plan
 * lives) or to static storage.
 *
 * Errors: none (the plan was checked when it was loaded).
 * Thread-safety: reads @group only; safe from any thread.
 * Time complexity: O(1).
 */
TNET_API void tnet_commute_timing_init (TnetCommuteTiming *timing,
                                        const TnetPlanCommute *group);

/**
 * tnet_commute_compute_within:
 * @net: the network the graphs were built from (populations, names)
 * @graphs: one multimodal graph per profile (borrowed; referenced by the
 *   result)
 * @origins, @destinations: network node indices
 * @budget_ms: the commute budget in ms (60 min in the plan:
 *   tnet_weight_from_min (60)); %TNET_WEIGHT_INF: no budget
 * @opts: (nullable): how the matrix is computed; %NULL for the defaults
 *   (tnet_commute_options_init(): %TNET_COMMUTE_METHOD_AUTO, no timetable)
 * @error: (nullable): receives the error of a failed call
 *
 * The travel-time matrix, with each cell's parts and lines, for every
 * profile. Origins' populations (nodes.csv population) weight the
 * reachability figures. The search method runs one backward search per
 * destination (TO) or one forward search per destination (FROM) over each
 * profile's graph, whole graph (not bounded by the budget, so every cell
 * has its time); it cannot fail. With many-to-many the
 * hierarchy of each profile's graph is built from its metric (over the
 * same node ids) and queried from the origins' start-layer nodes to the
 * destinations' end-layer nodes (TO; FROM swaps the roles), which gives
 * exactly the totals of the per-destination searches; unless
 * @opts->totals_only, every reached cell's path is then unpacked from the
 * query's search trees and split into legs for its parts and lines (see
 * #TnetCommuteMethod).
 * Errors: %G_IO_ERROR_CANCELLED when @opts->cancellable is cancelled;
 * nothing is returned then.
 * Thread-safety: concurrent calls are safe. Each call has its own
 * workspaces and changes no argument but one: with many-to-many, a
 * graph's hierarchy is built on first use (tnet_multimodal_ref_ch()),
 * once, under the graph's lock, and kept in the graph for later calls;
 * hence @graphs are not const.
 * Time complexity: search O(profiles * destinations * (n + m) log n +
 * cells * path length); many-to-many
 * O(profiles * (CH build + (origins + destinations) s log s + bucket
 * scans + cells * path length)); the last term only with parts.
 */
TNET_API TnetCommute *tnet_commute_compute_within (const TnetNetwork *net,
                                                   TnetMultimodal *const *graphs,
                                                   guint n_graphs,
                                                   const TnetId *origins, guint n_origins,
                                                   const TnetId *destinations,
                                                   guint n_destinations,
                                                   TnetCommuteDirection direction,
                                                   TnetWeight budget_ms,
                                                   const TnetCommuteOptions *opts,
                                                   GError **error);
/* The accessors below only read the finished matrix: thread-safe, no
 * GError; a %NULL matrix or an index out of range is a programming error
 * (g_critical, then 0, NAN, %NULL or TNET_ID_NONE). */

/* The method used for profile @p (never AUTO). Errors: none. Thread-safe.
 * Time complexity: O(1). */
TNET_API TnetCommuteMethod tnet_commute_method (const TnetCommute *commute, guint p);
/* The percentiles of a timetable profile (the options' list; 0 when no
 * profile followed a timetable), the k-th of them, and the travel time of
 * cell (p, o, d) at it in ms (%TNET_WEIGHT_INF when unreached or when
 * profile @p did not follow the timetable). Errors: none. Thread-safe.
 * O(1). */
TNET_API guint tnet_commute_n_percentiles (const TnetCommute *commute);
TNET_API double tnet_commute_percentile (const TnetCommute *commute, guint k);
TNET_API TnetWeight tnet_commute_percentile_ms (const TnetCommute *commute, guint p, guint o,
                                                guint d, guint k);
/* Whether the cells of profile @p have their parts and lines (FALSE for a
 * timetable profile and with totals_only: their parts read 0, n_rides 0
 * and lines empty). Errors: none. Thread-safe. Time complexity: O(1). */
TNET_API gboolean tnet_commute_has_parts (const TnetCommute *commute, guint p);

/* The matrix's dimensions, and its profiles, origins and destinations (node
 * indices) in the order they were given. Errors: none. Thread-safe. Time
 * complexity: O(1). */
TNET_API guint tnet_commute_n_profiles (const TnetCommute *commute);
TNET_API guint tnet_commute_n_origins (const TnetCommute *commute);
TNET_API guint tnet_commute_n_destinations (const TnetCommute *commute);
TNET_API TnetProfile tnet_commute_profile (const TnetCommute *commute, guint p);
TNET_API TnetId tnet_commute_origin (const TnetCommute *commute, guint o);
TNET_API TnetId tnet_commute_destination (const TnetCommute *commute, guint d);
/* The budget the matrix was computed with, ms. Errors: none. Thread-safe
 * (reads @commute). O(1). */
TNET_API TnetWeight tnet_commute_budget_ms (const TnetCommute *commute);
/* Cell (p, o, d): a view valid while @commute lives. Errors: none.
 * Thread-safe. Time complexity: O(1). */
TNET_API const TnetCommuteCell *tnet_commute_cell (const TnetCommute *commute, guint p,
                                                   guint o, guint d);
/* Population of the origins (sum of their populations). Errors: none.
 * Thread-safe. Time complexity: O(origins). */
TNET_API double tnet_commute_population_total (const TnetCommute *commute);
/* Population of the origins within the budget of destination @d (or of
 * some destination: TNET_COMMUTE_ANY) by profile @p, and its share in
 * percent of the total (NAN when the total is 0). Errors: none.
 * Thread-safe. Time complexity: O(origins) for one destination,
 * O(origins × destinations) for TNET_COMMUTE_ANY. */
TNET_API double tnet_commute_population_within (const TnetCommute *commute, guint p,
                                                guint d);
TNET_API double tnet_commute_share_pct (const TnetCommute *commute, guint p, guint d);

/**
 * TnetCommuteLabels:
 * @scenario_year: the year of the scenario the commute was computed in
 * @direction: the direction it was computed in
 * @timetable_feed: (nullable): the feed transit followed; NULL when no
 *   profile was timed by a timetable (no "timetable" member)
 * @timetable_date: the timetable's service date, YYYYMMDD
 * @depart_s: its first departure, seconds after midnight
 * @window_ms: its departure window, ms (0 = one minute)
 *
 * How a #TnetCommute was computed, for tnet_commute_to_json(). Borrowed by
 * the call. Initialise with tnet_commute_labels_init().
 */
typedef struct {
  int scenario_year;
  TnetCommuteDirection direction;
  const char *timetable_feed;
  guint timetable_date;
  gint32 depart_s;
  TnetWeight window_ms;
} TnetCommuteLabels;

/* Sets @labels to year 0, direction to, no timetable. Errors: none.
 * Thread-safety: writes @labels only. O(1). */
TNET_API void tnet_commute_labels_init (TnetCommuteLabels *labels);

/**
 * tnet_commute_to_json:
 * @net: the network @commute was computed on
 * @labels: how it was computed
 *
 * The one JSON form of a commute (docs/json-schema.md, `tnet commute
 * --format json`): scenario, direction, budget_min, methods and models
 * (profile -> name), timetable (only with @labels->timetable_feed: feed,
 * date, depart "HH:MM", window_min from @labels, max_walk_min and
 * percentile from the options @commute was computed with; the one
 * timetable object of a commute, docs/json-schema.md), origins and destinations (id, name,
 * population), cells (profile, origin, destination, minutes, percentiles
 * of a timetable profile, the five parts, rides, within_budget, lines; the
 * parts, rides and lines null where not computed) and population (total,
 * then profile -> destination id or "any" -> within, pct). Minutes to 0.1.
 * Returns: (transfer full): the text, indented by 2, ending in a newline.
 * Errors: none.
 * Thread-safety: reads its arguments only.
 * Time complexity: O(profiles × origins × destinations × lines).
 */
TNET_API char *tnet_commute_to_json (const TnetCommute *commute, const TnetNetwork *net,
                                     const TnetCommuteLabels *labels);

/**
 * tnet_commute_to_csv:
 * @net: the network @commute was computed on
 *
 * The one CSV form (`tnet commute --format csv`): header profile, origin,
 * destination, minutes, access_min, wait_min, in_vehicle_min,
 * transfer_min, egress_min, rides, lines (';'-separated); a row per cell
 * in the order of the JSON's cells; minutes with one decimal, empty where
 * unreached or not computed.
 * Returns: (transfer full): the text.
 * Errors: none.
 * Thread-safety: reads its arguments only.
 * Time complexity: O(profiles × origins × destinations × lines).
 */
TNET_API char *tnet_commute_to_csv (const TnetCommute *commute, const TnetNetwork *net);

/**
 * tnet_commute_models_to_json:
 * @profiles: (array length=n_profiles): the profiles of a commute
 * @opts: the options it is computed with (tnet_commute_compute_within())
 * @feed_name: (nullable): the names of the feeds of @opts->timetable
 *
 * How each profile of `tnet run`'s [commute] is computed (results.json,
 * docs/scenario-files.md): an object with "models" (profile → "network"
 * for car, "timetable" for transit and, with @opts->park_ride,
 * park_and_ride when @opts->timetable is set, else "frequency
 * approximation"), with a timetable also "timetable" (the one
 * timetable object of a commute, as tnet_commute_to_json() writes it:
 * feed, null when @feed_name is NULL; date YYYYMMDD; depart "HH:MM";
 * window_min; max_walk_min; percentile, @opts->timetable_percentile) and with
 * park-and-ride "park_and_ride" (the park-and-ride options object of
 * docs/json-schema.md).
 * Errors: none (a %NULL where a value is required is a programming error).
 * Returns: (transfer full): the text, ending in a newline.
 * Thread-safety: reads its arguments only.
 * Time complexity: O(@n_profiles).
 */
TNET_API char *tnet_commute_models_to_json (const TnetProfile *profiles, guint n_profiles,
                                            const TnetCommuteOptions *opts,
                                            const char *feed_name, gboolean pretty);
/**
 * tnet_commute_direction_to_json:
 * @net: the network @commute was computed on
 * @direction: the direction it was computed in
 *
 * One direction of a scenario file's [commute] (an element of `tnet run`'s
 * `commute.results` in results.json): direction, cells (as in
 * tnet_commute_to_json() without percentiles and rides, lines always a
 * list), population_total and population_within (profile -> destination
 * id or "any" -> population, pct). The same cell writer as
 * tnet_commute_to_json(), so the two cannot disagree.
 * Returns: (transfer full): the text, indented by 2, ending in a newline.
 * Errors: none.
 * Thread-safety: reads its arguments only.
 * Time complexity: O(profiles × origins × destinations × lines).
 */
TNET_API char *tnet_commute_direction_to_json (const TnetCommute *commute,
                                               const TnetNetwork *net,
                                               TnetCommuteDirection direction);

/**
 * tnet_commute_direction_csv_header:
 *
 * The header of `tnet run`'s commute.csv: direction, then the columns of
 * tnet_commute_to_csv() without rides.
 * Returns: (transfer none): a static NULL-terminated list.
 * Errors: none. Thread-safety: thread-safe (constant data).
 * Time complexity: O(1).
 */
TNET_API const char *const *tnet_commute_direction_csv_header (void);

/**
 * tnet_commute_direction_add_csv_rows:
 * @net: the network @commute was computed on
 * @direction: the direction it was computed in
 * @w: a writer made with tnet_commute_direction_csv_header()
 *
 * Appends a row per cell of @commute to @w (the rows of
 * tnet_commute_to_csv() after a direction column, without rides; a cell
 * without parts has its lines, empty), so that both directions of a run
 * share one file.
 * Errors: none.
 * Thread-safety: reads @commute and @net; @w is the caller's.
 * Time complexity: O(profiles × origins × destinations × lines).
 */
TNET_API void tnet_commute_direction_add_csv_rows (const TnetCommute *commute,
                                                   const TnetNetwork *net,
                                                   TnetCommuteDirection direction,
                                                   TnetCsvWriter *w);

/**
 * tnet_commute_to_geojson:
 * @net: the network @commute was computed on
 *
 * The commute matrix as an RFC 7946 FeatureCollection of LineStrings
 * (docs/json-schema.md, `tnet commute --format geojson`): its foreign member
 * `properties` holds budget_min; one Feature per cell in the order of the
 * CSV (profile, origin, destination), `id` 1, 2, ..., a straight line from
 * the origin's point to the destination's (null when they coincide), with
 * properties `profile`, `origin`, `destination`, `minutes` (null when not
 * connected), `within_budget` and `origin_population`.
 * Returns: (transfer full): the text, pretty-printed.
 * Errors: none. Thread-safety: reads its arguments only.
 * Time complexity: O(profiles × origins × destinations).
 */
TNET_API char *tnet_commute_to_geojson (const TnetCommute *commute, const TnetNetwork *net);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetCommute, tnet_commute_free)

/**
 * tnet_isochrone_compute:
 * @sources: network node indices the journey may start from
 * @budget_ms: the time budget
 * @node_ms_out: per network node (tnet_network_n_nodes(@net) entries), the
 *   earliest arrival time in ms, or %TNET_WEIGHT_INF when beyond the budget
 *
 * One bounded forward search from the start layer of every source; a
 * network node is within the budget when its end-layer node (where a
 * journey to it ends) is. Returns the number of nodes within the budget.
 * Errors, thread-safety: as tnet_isochrone_compute_offsets().
 * Time complexity: O((n' + m') log n') for what lies within the budget,
 * plus O(N) for the workspace and the output (N graph nodes).
 */
TNET_API guint tnet_isochrone_compute (const TnetMultimodal *mm, const TnetNetwork *net,
                                       const TnetId *sources, guint n_sources,
                                       TnetWeight budget_ms, TnetWeight *node_ms_out);

/**
 * tnet_isochrone_compute_offsets:
 * @sources: network node indices the journey may start from
 * @offsets_ms: (nullable): @n_sources times already spent when the journey
 *   leaves each source (e.g. a point's access links: source k is the
 *   link's street node, @offsets_ms[k] the link's time); %NULL: all 0
 * @budget_ms: the time budget, offsets included
 * @node_ms_out: as tnet_isochrone_compute()
 *
 * tnet_isochrone_compute() with a start time per source: one bounded
 * multi-source search (tnet_search_run_multi()) from the start layer of
 * every source at its offset, so a node's time is the minimum over the
 * sources of the offset plus the time from that source. A source whose
 * offset exceeds the budget starts nothing. Returns the number of nodes
 * within the budget.
 * Errors: none (it cannot fail; a %NULL argument or a source out of range
 * is a programming error: g_critical, 0).
 * Thread-safety: reads its arguments only (its own search workspace).
 * Time complexity: O(@n_sources + (n' + m') log n') for what lies within
 * the budget, plus O(N) for the workspace and the output (N graph nodes).
 */
TNET_API guint tnet_isochrone_compute_offsets (const TnetMultimodal *mm,
                                               const TnetNetwork *net,
                                               const TnetId *sources,
                                               const TnetWeight *offsets_ms,
                                               guint n_sources, TnetWeight budget_ms,
                                               TnetWeight *node_ms_out);

G_END_DECLS
