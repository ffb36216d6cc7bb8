/* tnet-corridors.h: corridor redundancy between two node sets — line
 * counts, link- and node-disjoint paths (min cut), least-time disjoint
 * alternatives, and the failure scan by profile (docs/cli.md). The graph
 * kernel of the scan is in tnet-criticality.h. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>
#include <tnet/tnet-scenario.h>
#include <tnet/tnet-graph.h>
#include <tnet/tnet-paths.h>
#include <tnet/tnet-multimodal.h>
#include <tnet/tnet-criticality.h>
#include <tnet/tnet-timetable.h>

G_BEGIN_DECLS

/* ---- network level ---- */

/**
 * TnetNodeSet:
 * The nodes an argument "A" or "B" stands for, a place list of the place
 * grammar (tnet_place_list_parse()): e.g. a region id (every node whose
 * region is that name; "region:NAME" forces this reading), a node id or
 * name ("node:ID" forces it), "zones:R", "kind:K", "all", or a list of
 * them. @members are all its nodes; @zones are its zone nodes, or all its
 * members when it has none (the OD ends of travel times); both in order
 * without repeats. @is_region: the spec is one region.
 */
typedef struct {
  char *spec;
  gboolean is_region;
  GArray *members;   /* TnetId */
  GArray *zones;     /* TnetId */
} TnetNodeSet;

/**
 * tnet_node_set_resolve:
 * Resolves @spec against @net. Fails as tnet_place_list_parse() (with
 * %TNET_ERROR_NOT_FOUND and a did-you-mean when an item names nothing).
 * Time complexity: O(items × n).
 */
TNET_API TnetNodeSet *tnet_node_set_resolve (const TnetNetwork *net, const char *spec,
                                             GError **error);
TNET_API void tnet_node_set_free (TnetNodeSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetNodeSet, tnet_node_set_free)

/**
 * tnet_corridor_count_lines:
 * The named lines (link attribute `line`) of a mode in @mode_mask whose own
 * links, active in @scen, alone join a node of @a to a node of @b (how a
 * plan counts "5 rail + 15 road links"). A line's links are
 * taken as two-way for this purpose. @lines_out (nullable) receives the
 * line names, sorted (a new GPtrArray of owned strings).
 * Errors: none (no GError; a %NULL argument is a programming error: 0).
 * Thread-safety: reads its arguments only.
 * Time complexity: O(n + m α(n)) (plus sorting the lines).
 */
TNET_API guint tnet_corridor_count_lines (const TnetNetwork *net, const TnetScenario *scen,
                                          guint mode_mask, const TnetNodeSet *a,
                                          const TnetNodeSet *b, GPtrArray **lines_out);

G_END_DECLS

G_BEGIN_DECLS

/**
 * tnet_corridor_modes_from_string:
 * "rail" → TNET_MODES_RAIL, "road" → TNET_MODES_ROAD, "all" → both.
 * Returns FALSE on any other name (*@mode_mask unchanged).
 * Errors: none. Thread-safe. Time complexity: O(1).
 */
TNET_API gboolean tnet_corridor_modes_from_string (const char *s, guint *mode_mask);

/**
 * TnetCorridor:
 * The redundancy figures of one corridor A→B in one mode group.
 * @n_lines, @lines: the line count and the names (owned strings)
 * @link_disjoint, @node_disjoint: maximum disjoint path sets between the
 *   members of A and of B over the infrastructure links of the mode group
 *   (access links left out); their n_paths is the min cut
 * @fastest: up to k link-disjoint paths of least total time from a zone of
 *   A to a zone of B (access links included and shareable), fastest first
 * @n_within_budget: paths of @fastest within the budget
 * @n_within_factor: paths of @fastest within factor × the fastest
 * Free with tnet_corridor_free().
 */
typedef struct {
  guint mode_mask;
  guint n_lines;
  GPtrArray *lines;
  TnetPathSet *link_disjoint;
  TnetPathSet *node_disjoint;
  TnetPathSet *fastest;
  guint n_within_budget;
  guint n_within_factor;
  TnetWeight budget_ms;
  double factor;
  TnetGraph *graph;        /* the graph the paths' arcs refer to (access included) */
  TnetGraph *infra_graph;  /* the graph of the disjoint sets */
  TnetMultimodal *mm;      /* the profile's graph of @fastest (tnet_corridor_analyse_profile()), or NULL */
  /* by the timetable (tnet_corridor_analyse_timetable()), else NULL: the
   * alternatives (#TnetRaptorAlternative, fastest first; their @origin and
   * @destination are network node ids, the zones), @fastest then empty */
  GArray *journeys;
  const TnetTimetable *tt; /* the timetable of @journeys (a reference), or NULL */
  char *feed_name;         /* its feeds' names, or NULL */
  TnetRaptorFailuresOptions topts;  /* the departure, window, percentile, walk */
  TnetRaptorDisjoint disjoint;
  /* by park-and-ride (tnet_corridor_analyse_park_ride()): TRUE, and the
   * drive budget, park time and radius of its #TnetParkRide */
  gboolean park_ride;
  TnetParkRideOptions park;
} TnetCorridor;

/**
 * tnet_corridor_analyse:
 * Compiles @net under @scen for @mode_mask and computes the four figures
 * of docs/cli.md's `tnet corridors` except criticality. Fails when the
 * scenario does not apply to @net or igraph fails.
 * Errors: %TNET_ERROR_NOT_FOUND (the scenario names unknown links or lines,
 * as tnet_graph_compile_modes()), %TNET_ERROR_IGRAPH (the max-flow of
 * tnet_graph_disjoint_paths()).
 * Thread-safety: callable from any thread; @net and @scen are only read; the
 * igraph part runs under tnet_igraph_lock(), so those parts of concurrent
 * calls are serialised.
 * Time complexity: max-flow plus O(k (n + m) log n).
 */
TNET_API TnetCorridor *tnet_corridor_analyse (const TnetNetwork *net, const TnetScenario *scen,
                                              guint mode_mask, const TnetNodeSet *a,
                                              const TnetNodeSet *b, guint k,
                                              TnetWeight budget_ms, double factor,
                                              GError **error);

/**
 * tnet_corridor_analyse_profile:
 * @scen: the scenario @mm was built for (line counts and disjoint sets)
 * @mm: the profile's graph, as `route` and `commute` use it (e.g. from
 *   tnet_commute_build_graphs()); referenced by the result
 *
 * tnet_corridor_analyse() whose least-time alternatives are journeys on a
 * profile's own graph, with its waits, transfers, parking and layer rules:
 * they start at tnet_multimodal_origin_node() of a zone of @a and end at
 * tnet_multimodal_destination_node() of a zone of @b (not of @a), so the
 * fastest one is the best commute time of any such zone pair and none is
 * faster than the profile's route between its own ends. They are disjoint
 * in this sense: no two of them use the same drive or walk arc (of a link
 * other than an access link; the two arcs of a two-way link count as one)
 * or ride or dwell on the same service between the same two stops;
 * boarding, alighting, transfers, parking and stop access may be shared.
 * (A link walked in the start layer and in the end layer of a transit
 * graph gives two arcs.) @corr->graph is the profile's graph and @corr->mm
 * the profile (use tnet_multimodal_journey_from_arcs() to read a path).
 * The line count and the disjoint sets are those of
 * tnet_corridor_analyse() over @mode_mask's infrastructure.
 * Thread-safety: reads @net, @scen and @mm only.
 * Errors: as tnet_corridor_analyse().
 * Time complexity: max-flow plus O(k (n + m) log n) on the profile's graph.
 */
TNET_API TnetCorridor *tnet_corridor_analyse_profile (const TnetNetwork *net,
                                                      const TnetScenario *scen,
                                                      const TnetMultimodal *mm,
                                                      guint mode_mask,
                                                      const TnetNodeSet *a,
                                                      const TnetNodeSet *b, guint k,
                                                      TnetWeight budget_ms, double factor,
                                                      GError **error);

/**
 * tnet_corridor_analyse_timetable:
 * @scen: the scenario of the line counts and the disjoint sets
 * @tt: the timetable transit follows (a reference is kept; the feeds it
 *   was built from must live as long as the result: trip ids and route
 *   names)
 * @feed_name: (nullable): the feeds' names, written with the model
 * @disjoint: what the alternatives must not share
 * @topts: (nullable): the departure, window, percentile and walking
 *   budget, as `tnet commute` by the timetable; NULL for the defaults of
 *   tnet_raptor_failures_options_init() (08:00, one departure, the median,
 *   15 min)
 *
 * tnet_corridor_analyse() whose least-time alternatives are transit
 * journeys by the timetable (tnet_raptor_alternatives()): from a zone of
 * @a to a zone of @b other than itself (the pairs of
 * tnet_corridor_pair_zones()), between the zones' positions. The first
 * one's time is the least `tnet commute` cell by the timetable of those
 * pairs with the same options (with window 0, exactly `tnet route
 * --profile transit` between its two zones); each next one is the best
 * journey with the hops (@disjoint HOPS: the rides from a stop to the
 * next) or the lines (LINES) of the earlier ones' journeys at every minute
 * of the window blocked, so none is faster than the best. Each is a real
 * journey: its legs, with clock times, at the first minute of the window
 * whose time is the alternative's. Counted within the budget and the
 * factor as the other alternatives. The line count and the disjoint sets
 * are those of tnet_corridor_analyse() over @mode_mask's infrastructure.
 * Thread-safety: reads @net, @scen and @tt only.
 * Errors: as tnet_corridor_analyse().
 * Time complexity: max-flow plus, per alternative, one RAPTOR range query
 *   per zone of @a and one query per minute.
 */
TNET_API TnetCorridor *tnet_corridor_analyse_timetable (const TnetNetwork *net,
                                                        const TnetScenario *scen,
                                                        const TnetTimetable *tt,
                                                        const char *feed_name,
                                                        guint mode_mask,
                                                        const TnetNodeSet *a,
                                                        const TnetNodeSet *b, guint k,
                                                        TnetWeight budget_ms, double factor,
                                                        TnetRaptorDisjoint disjoint,
                                                        const TnetRaptorFailuresOptions *topts,
                                                        GError **error);

/**
 * tnet_corridor_analyse_park_ride:
 * @scen: the scenario of the line counts and the disjoint sets (give the
 *   one @pr was built with)
 * @pr: park-and-ride by the timetable (tnet_park_ride_new() on @net): its
 *   timetable is referenced by the result, its options copied; the feeds
 *   the timetable was built from must live as long as the result
 * @feed_name: (nullable): the feeds' names, written with the model
 * @disjoint: what the alternatives' rides must not share
 * @topts: (nullable): the departure, window, percentile and walking
 *   budget, as tnet_corridor_analyse_timetable()
 *
 * tnet_corridor_analyse_timetable() by park-and-ride
 * (tnet_park_ride_alternatives()): from a zone of @a to a zone of @b other
 * than itself, the first alternative's time is the least `tnet commute
 * --profiles park_and_ride` cell by the timetable of those pairs with the
 * same options (tnet_park_ride_matrix()); each next one is the best
 * journey with the rides (hops or lines, by @disjoint) of the earlier
 * ones' journeys at every minute of the window blocked. Drives and
 * parking places may be shared. Each is a real journey: drive, park,
 * walk and rides with clock times (or walks only), at the first minute
 * of the window whose time is the alternative's.
 * Thread-safety: reads @net, @scen and @pr only.
 * Errors: as tnet_corridor_analyse().
 * Time complexity: max-flow plus one drive search per zone of @a and, per
 *   alternative, one RAPTOR range query per zone of @a and one query per
 *   minute.
 */
TNET_API TnetCorridor *tnet_corridor_analyse_park_ride (const TnetNetwork *net,
                                                        const TnetScenario *scen,
                                                        const TnetParkRide *pr,
                                                        const char *feed_name,
                                                        guint mode_mask,
                                                        const TnetNodeSet *a,
                                                        const TnetNodeSet *b, guint k,
                                                        TnetWeight budget_ms, double factor,
                                                        TnetRaptorDisjoint disjoint,
                                                        const TnetRaptorFailuresOptions *topts,
                                                        GError **error);

/**
 * tnet_corridor_journey_places:
 * @i: an alternative of @corr->journeys
 *
 * The places of a timetable alternative: its origin zone's id, the
 * parking place's node id (by park-and-ride, when it parks), the stops of
 * its legs (each once in a row), its destination zone's id.
 * Returns: (transfer full): a %NULL-terminated array of new strings.
 * Errors: an alternative out of range is a programming error (g_critical,
 * %NULL). Thread-safety: reads its arguments only.
 * Time complexity: O(legs).
 */
TNET_API char **tnet_corridor_journey_places (const TnetCorridor *corr,
                                              const TnetNetwork *net, guint i);

/**
 * tnet_corridor_model:
 * How the least-time alternatives were computed, for people: "network"
 * (no profile, or car), "frequency approximation" (transit or
 * park_and_ride on the profile's graph) or "timetable FEED, DATE,
 * departing HH:MM, window N min, percentile P, walks up to M min" (by
 * park-and-ride followed by ", drives up to D min to park P min within R
 * m of a stop").
 * Returns: (transfer full): a new string.
 * Errors: none. Thread-safety: reads @corr only.
 * Time complexity: O(1).
 */
TNET_API char *tnet_corridor_model (const TnetCorridor *corr);
/* Frees a corridor, its path sets and its references (%NULL is ignored).
 * Errors: none. Thread-safety: not while another thread reads it. Time
 * complexity: O(lines + total path length). */
TNET_API void tnet_corridor_free (TnetCorridor *corr);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetCorridor, tnet_corridor_free)

/**
 * tnet_corridor_to_json:
 * @a, @b: the ends @corr was computed for (their specs are written)
 * @year: the scenario year written beside it
 *
 * The one JSON form of a corridor analysis (docs/json-schema.md, `tnet
 * corridors`): from, to, modes, profile (for
 * tnet_corridor_analyse_profile()), year, line_count, lines, the three path
 * sets with their paths (minutes, nodes, links), budget_min,
 * within_budget, factor, within_factor.
 * Returns: (transfer full): the text, ending in a newline.
 * Errors: none. Thread-safety: reads its arguments only.
 * Time complexity: O(total path length).
 */
TNET_API char *tnet_corridor_to_json (const TnetCorridor *corr, const TnetNetwork *net,
                                      const TnetNodeSet *a, const TnetNodeSet *b, int year,
                                      gboolean pretty);
/**
 * tnet_corridor_pair_to_json:
 * @corrs: (array length=n_groups): the analyses of one pair @a → @b, one
 *   per mode group, all computed the same way (network, a profile's graph,
 *   or the timetable); borrowed
 * @groups: (array length=n_groups): the mode groups' names, the keys of
 *   "modes" (e.g. "rail", "road")
 * @a, @b: the ends the analyses were computed for (their specs are written)
 *
 * The summary form of a corridor pair, the element of `tnet run`'s
 * "corridors" (docs/scenario-files.md): from, to, then (with a profile or
 * the timetable) profile and model as tnet_corridor_to_json() writes them
 * (by the timetable also its "timetable" object), then "modes": per group
 * lines, line_names, link_disjoint_paths, node_disjoint_paths (the min
 * cuts), fastest, within_budget, within_factor. An element of fastest is,
 * on a graph, {minutes, links} (the network links its arcs run over); by
 * the timetable, the element of tnet_corridor_to_json()'s
 * least_time.paths (minutes, from, to, depart, nodes, links, legs), written
 * by the same function.
 * Errors: none (a %NULL where a value is required is a programming error).
 * Returns: (transfer full): the text, ending in a newline.
 * Thread-safety: reads its arguments only.
 * Time complexity: O(total path length over the groups).
 */
TNET_API char *tnet_corridor_pair_to_json (const TnetCorridor *const *corrs,
                                           const char *const *groups, guint n_groups,
                                           const TnetNetwork *net, const TnetNodeSet *a,
                                           const TnetNodeSet *b, gboolean pretty);
/**
 * tnet_corridor_to_csv:
 * The one CSV form: header `set,rank,minutes,nodes`, one row per path of
 * the three sets (nodes as tnet_corridor_path_places(), joined by " > ").
 * Returns: (transfer full): the text.
 * Errors: none. Thread-safety: reads its arguments only.
 * Time complexity: O(total path length).
 */
TNET_API char *tnet_corridor_to_csv (const TnetCorridor *corr, const TnetNetwork *net);

/**
 * tnet_corridor_criticality_profile:
 * @mm: the profile's graph, as `route` and `commute` use it (e.g. from
 *   tnet_commute_build_graphs()); borrowed
 * @opts: (nullable): threads and progress, as tnet_criticality_scan()
 *
 * The criticality scan of tnet_criticality_scan() on a profile's own
 * graph, so that times include waits, transfers, parking and the layers'
 * rules (no change of vehicle without a transfer, no driving after riding)
 * and the base time of a pair is exactly its commute time: OD pairs are
 * every zone of @a (journeys start at tnet_multimodal_origin_node()) to
 * every zone of @b (they end at tnet_multimodal_destination_node()), the
 * population is the origin zones'. Elements are network links (their drive
 * and walk arcs fail; element = link index, named by link id), or, with
 * @by_line, lines (tnet_multimodal_arc_line(): a line's road or rail links
 * and every boarding, ride, dwell and alighting arc of the services of that
 * name fail together, i.e. the whole service is cut; element = index in
 * the sorted line names, named by line). A pair's time with an element
 * removed is never below its base time.
 * Thread-safety: reads @net and @mm only; workers as
 * tnet_criticality_scan().
 * Errors: %G_IO_ERROR_CANCELLED as tnet_criticality_scan().
 * Time complexity: as tnet_criticality_scan() on the profile's graph.
 */
TNET_API TnetCriticality *tnet_corridor_criticality_profile (const TnetNetwork *net,
                                                             const TnetMultimodal *mm,
                                                             const TnetNodeSet *a,
                                                             const TnetNodeSet *b,
                                                             gboolean by_line,
                                                             TnetWeight budget_ms,
                                                             const TnetCriticalityOptions *opts,
                                                             GError **error);

/**
 * tnet_corridor_criticality_timetable:
 * @net: the network of @a and @b (zones' positions and populations; its
 *   transit links name the link failures)
 * @scen: (nullable): the scenario whose active transit links a hop may
 *   run over (NULL: every link)
 * @tt: the timetable transit follows (a reference is kept by the result;
 *   the feeds it was built from must live for the call: route names)
 * @feed_name: (nullable): the feeds' names, written with the model
 * @by_line: fail whole lines instead of links
 * @topts: (nullable): the departure, window (@n_minutes, 0 or 1: one
 *   departure), percentile and walking budget, as `tnet commute` by the
 *   timetable; NULL for its defaults (08:00, one departure, the median,
 *   15 min)
 * @opts: (nullable): threads, progress, cancellation and element blocks,
 *   as tnet_criticality_scan()
 *
 * The criticality scan of transit by the timetable: OD pairs are every
 * zone of @a to every zone of @b but itself (tnet_corridor_pair_zones()),
 * each pair's base time is exactly its `tnet commute` cell by the
 * timetable with the same options (tnet_timetable_matrix() between the
 * zones' positions, the @topts percentile over the window), and a pair's
 * time with a failure is the same computation with the failure masked in
 * the RAPTOR workspace (tnet_raptor_failures_new()). Elements are:
 * - by link, the network links (element = link index, named by link id).
 *   A hop of a timetable route (the ride between two consecutive stops)
 *   runs between the network nodes its stops sit on
 *   (tnet_timetable_stop_node(), else the node with the stop's id), over
 *   the shortest chain (by length) of the scenario's active transit links
 *   (modes hsr, rail, suburban, metro, bus), taken among the links of the
 *   route's own line when they join the two nodes, else among all transit
 *   links; a link's failure blocks every hop whose chain holds it, in
 *   both directions, on every trip (riders alight before it, and trips
 *   still run on either side). Road, walk and access links do not fail
 *   by the timetable (a hop whose stops are not on the network runs over
 *   no link and fails only with its line);
 * - by line, the timetable's route names sorted (element = index, named
 *   by line): every trip of the routes of that name fails.
 * Only failures on a journey of some minute of the window to some
 * destination are examined (another cannot raise a time), and each only
 * for the pairs whose journeys it lies on. Items are ranked as
 * tnet_criticality_scan(); tnet_criticality_detour() returns NULL (the
 * JSON's detours are the journeys' stops at the first departure).
 * Errors: %G_IO_ERROR_CANCELLED as tnet_criticality_scan().
 * Thread-safety: reads @net and @tt; workers as tnet_criticality_scan().
 * Returns: (transfer full): the scan, or %NULL.
 * Time complexity: per origin, (1 + examined failures) RAPTOR range
 *   queries over the window plus one query per minute; plus one chain
 *   search per distinct hop (by link).
 */
TNET_API TnetCriticality *tnet_corridor_criticality_timetable (const TnetNetwork *net,
                                                               const TnetScenario *scen,
                                                               const TnetTimetable *tt,
                                                               const char *feed_name,
                                                               const TnetNodeSet *a,
                                                               const TnetNodeSet *b,
                                                               gboolean by_line,
                                                               TnetWeight budget_ms,
                                                               const TnetRaptorFailuresOptions *topts,
                                                               const TnetCriticalityOptions *opts,
                                                               GError **error);

/**
 * tnet_corridor_criticality_park_ride:
 * @net: the network of @a and @b (zones, parking places; its links name
 *   the link failures)
 * @scen: (nullable): the scenario whose active transit links a hop may
 *   run over, as tnet_corridor_criticality_timetable() (NULL: every link);
 *   give the one @pr was built with
 * @pr: the park-and-ride by the timetable (tnet_park_ride_new() on @net):
 *   its car graph, parking places and timetable (what the result needs of
 *   it is kept: @pr may be freed after the call)
 * @feed_name: (nullable): the feeds' names, written with the model
 * @topts: (nullable): departure, window, percentile and walking budget, as
 *   tnet_corridor_criticality_timetable()
 * @opts: (nullable): threads, progress, cancellation and element blocks,
 *   as tnet_criticality_scan()
 *
 * The criticality scan of park-and-ride by the timetable: OD pairs are
 * every zone of @a to every zone of @b but itself, and each pair's base
 * time is exactly its `tnet commute --profile park_and_ride` cell by the
 * timetable with the same options (tnet_park_ride_matrix() between the
 * zones, the @topts percentile over the window): drive over the car graph
 * to a parking place, park, walk to a stop it serves, ride; or walk to
 * the first stop. A pair's time with a failure is that same computation
 * with the failure applied to both the drive and the rides:
 * - by link (element = network link index, named by link id): the link's
 *   car arcs are closed, so every drive from the origin to the parking
 *   places goes around it (or a place is no longer reached within the
 *   drive budget), and the hops that run over the link (the chains of
 *   tnet_corridor_criticality_timetable()) are blocked on every trip. A
 *   road or access link thus fails the drive only, a transit link the
 *   rides only; walks never fail;
 * - by line (the timetable's sorted route names): every trip of the
 *   routes of that name fails; drives are untouched.
 * Only failures that lie on a journey of some minute to some destination
 * (a ride of it, or a link of the drive, on the shortest path found, to
 * the parking place the journey starts from) are examined; another
 * leaves every journey, so every time, as it is. Items are ranked as
 * tnet_criticality_scan(); the JSON's detours are the origin, the parking
 * place and the stops of the journey at the first departure.
 * Errors: %G_IO_ERROR_CANCELLED as tnet_criticality_scan().
 * Thread-safety: reads @net and @pr; workers as tnet_criticality_scan().
 * Returns: (transfer full): the scan, or %NULL.
 * Time complexity: per origin, one bounded drive search and (1 + examined
 *   failures) RAPTOR range queries over the window, plus one drive search
 *   per examined failure of a car link and one query per minute; plus the
 *   chain searches of tnet_corridor_criticality_timetable().
 */
TNET_API TnetCriticality *tnet_corridor_criticality_park_ride (const TnetNetwork *net,
                                                              const TnetScenario *scen,
                                                              const TnetParkRide *pr,
                                                              const char *feed_name,
                                                              const TnetNodeSet *a,
                                                              const TnetNodeSet *b,
                                                              gboolean by_line,
                                                              TnetWeight budget_ms,
                                                              const TnetRaptorFailuresOptions *topts,
                                                              const TnetCriticalityOptions *opts,
                                                              GError **error);

/**
 * tnet_corridor_pair_zones:
 * The zones of OD pair @pair of a corridor scan from @a to @b: the pairs
 * are every zone of @a × every zone of @b, in that order, without a zone
 * paired with itself (tnet_corridor_criticality_profile()).
 * Returns: FALSE when @pair is out of range (no GError: the answer).
 * Errors: none. Thread-safety: reads @a and @b only.
 * Time complexity: O(|zones of a| × |zones of b|).
 */
TNET_API gboolean tnet_corridor_pair_zones (const TnetNodeSet *a, const TnetNodeSet *b,
                                            guint pair, TnetId *origin, TnetId *destination);

/**
 * tnet_corridor_path_places:
 * @mm: (nullable): the profile's graph @p runs on, or %NULL for a path of
 *   a graph compiled from @net (tnet_graph_compile_modes())
 *
 * The places a path passes: every network node id of @p, or, on a
 * profile's graph, the ends of its journey's legs (node or stop ids), each
 * once in a row.
 * Returns: (transfer full): a %NULL-terminated array of new strings.
 * Errors: none. Thread-safety: reads @net and @mm only.
 * Time complexity: O(path length).
 */
TNET_API char **tnet_corridor_path_places (const TnetNetwork *net, const TnetMultimodal *mm,
                                           const TnetPath *p);

/**
 * tnet_corridor_criticality_to_json:
 * @crit: a scan of tnet_corridor_criticality_profile() on @mm from @a to
 *   @b (with @by_line as given there), or of
 *   tnet_corridor_criticality_timetable() or
 *   tnet_corridor_criticality_park_ride() (@mm then NULL)
 * @year: the scenario year written beside it
 * @top: how many ranked items to write
 * @pretty: indent the text
 *
 * The one JSON form of a corridor criticality scan (docs/json-schema.md,
 * `tnet criticality`): from, to, by, profile, model (and by the
 * timetable its options, `timetable`, with by park-and-ride the object
 * `park_and_ride` of its drive budget, park time and radius), year, pairs, candidates and
 * the @top ranked items, each with its worst pair and detour. `tnet
 * criticality`, `tnet run` and the report write this shape. Runs one
 * search per written item (the detour).
 * Returns: (transfer full): the text, ending in a newline.
 * Errors: none. Thread-safety: reads its arguments only (its own search
 * workspaces).
 * Time complexity: O(top (n + m) log n).
 */
TNET_API char *tnet_corridor_criticality_to_json (const TnetCriticality *crit,
                                                  const TnetNetwork *net,
                                                  const TnetMultimodal *mm,
                                                  const TnetNodeSet *a, const TnetNodeSet *b,
                                                  gboolean by_line, int year, guint top,
                                                  gboolean pretty);

/**
 * tnet_corridor_criticality_detour_places:
 * @mm: (nullable): the profile's graph of a scan of
 *   tnet_corridor_criticality_profile(); NULL for a scan by the timetable
 *   (tnet_corridor_criticality_timetable(),
 *   tnet_corridor_criticality_park_ride())
 *
 * The detour of item @rank for @pair: on a profile's graph the places of
 * tnet_criticality_detour() (tnet_corridor_path_places()); by the
 * timetable the origin's id then the stops of the journey departing at
 * the first minute with the element failed (by park-and-ride, the parking
 * place it drives to before its first stop).
 * Returns: (transfer full) (nullable): a %NULL-terminated array of new
 *   strings, or %NULL when the pair is cut.
 * Errors: none (%NULL is the answer for a cut pair; an index out of range
 * is a programming error). Thread-safety: reads its arguments only (its
 * own workspace).
 * Time complexity: one search (or one RAPTOR query).
 */
TNET_API char **tnet_corridor_criticality_detour_places (const TnetCriticality *crit,
                                                         const TnetNetwork *net,
                                                         const TnetMultimodal *mm, guint rank,
                                                         guint pair);

/**
 * tnet_corridor_criticality_empty_reason:
 * @crit: a corridor criticality scan
 *
 * Why a scan ranks nothing, for people: "no zone pair" (A and B share
 * their only zone), "no pair is reached", "no link of the network carries
 * a ride of the timetable ..." (a scan by link by the timetable whose
 * stops no rail link of their line joins, as in a folder `tnet init` built
 * from roads: only --by line can fail a ride), "no link lies on a pair's
 * journey" or "no single failure slows a pair (each has another journey
 * as fast)". The commute budget plays no part: a pair out of budget still
 * counts. Returns %NULL when the scan ranks something.
 * Returns: (transfer full) (nullable): a new string.
 * Errors: none.
 * Thread-safety: reads @crit only.
 * Time complexity: O(pairs).
 */
TNET_API char *tnet_corridor_criticality_empty_reason (const TnetCriticality *crit);

/**
 * tnet_corridor_criticality_model:
 * @mm: (nullable): as tnet_corridor_criticality_detour_places()
 *
 * How the scan's times were computed, for people: "network" (car),
 * "frequency approximation" (transit or park_and_ride on the profile's
 * graph) or "timetable FEED, DATE, departing HH:MM, window N min,
 * percentile P, walks up to M min" (by park-and-ride followed by ",
 * drives up to D min to park K min within R m of a stop").
 * Returns: (transfer full): a new string.
 * Errors: none (a %NULL @mm for a scan on a profile's graph is a
 * programming error). Thread-safety: reads its arguments only.
 * Time complexity: O(1).
 */
TNET_API char *tnet_corridor_criticality_model (const TnetCriticality *crit,
                                                const TnetMultimodal *mm);

/**
 * tnet_corridor_to_geojson:
 * @a, @b: the ends @corr was computed for
 * @year: the scenario year written beside it
 *
 * The corridor's paths as an RFC 7946 FeatureCollection (docs/json-schema.md,
 * `tnet corridors --format geojson`): its foreign member `properties` holds
 * from, to, modes, profile (for tnet_corridor_analyse_profile()), year,
 * line_count, budget_min and factor; one Feature per path of the three sets
 * (link_disjoint, node_disjoint, least_time, in that order), `id`
 * "SET-RANK", a LineString along its links in travel order (each link's
 * polyline, else the line between its nodes; a ride between stops that
 * runs over no link is a straight segment; null for a path of no link),
 * properties `set`, `rank`, `minutes`, `nodes` (the places joined by " > ",
 * as the CSV) and `links` (link ids joined by ";").
 * Returns: (transfer full): the text, pretty-printed.
 * Errors: none. Thread-safety: reads its arguments only.
 * Time complexity: O(total path length + polyline points).
 */
TNET_API char *tnet_corridor_to_geojson (const TnetCorridor *corr, const TnetNetwork *net,
                                         const TnetNodeSet *a, const TnetNodeSet *b, int year);

/**
 * tnet_corridor_criticality_to_csv:
 * The one CSV form of the scan: a header `rank,element,pairs_slower,
 * pairs_cut,pairs_out_of_budget,population_lost,max_increase_min,
 * total_increase_min,worst_from,worst_to,before_min,after_min` and one row
 * per ranked item of the @top first (times in minutes with one decimal,
 * `cut` for a cut pair).
 * Returns: (transfer full): the text.
 * Errors: none. Thread-safety: reads its arguments only.
 * Time complexity: O(top × pairs).
 */
TNET_API char *tnet_corridor_criticality_to_csv (const TnetCriticality *crit,
                                                 const TnetNetwork *net,
                                                 const TnetNodeSet *a, const TnetNodeSet *b,
                                                 guint top);

/**
 * tnet_corridor_criticality_to_geojson:
 * @scen: (nullable): by line, only the line's links active in it are drawn
 * @feed: (nullable): the feed the scan's transit services come from (by
 *   line: the geometry of a service that runs over no network link)
 *
 * The @top ranked items of the scan as an RFC 7946 FeatureCollection
 * (docs/json-schema.md, `tnet criticality --format geojson`): its foreign
 * member `properties` holds from, to, by, pairs and candidates; one Feature
 * per item, `id` its rank, with the columns of
 * tnet_corridor_criticality_to_csv() as properties (`rank`, `element`,
 * `line`, `pairs_slower`, `pairs_cut`, `pairs_out_of_budget`,
 * `population_lost`, `max_increase_min`, `total_increase_min`,
 * `worst_from`, `worst_to`, `before_min`, `after_min`; a cut time is
 * null). Geometry: by link, a LineString along the link; by line, a
 * MultiLineString of the line's links, or for a transit service of @feed
 * that runs over no network link the straight segments between its stops
 * in calling order, one part per service pattern (not the track); by line
 * the property `geometry_source` says which: "links", "stops", or null
 * with a null geometry (no link and no stops with coordinates).
 * Returns: (transfer full): the text, pretty-printed.
 * Errors: none. Thread-safety: reads its arguments only.
 * Time complexity: O(top × links) by line, O(top + polyline points) by link.
 */
TNET_API char *tnet_corridor_criticality_to_geojson (const TnetCriticality *crit,
                                                     const TnetNetwork *net,
                                                     const TnetScenario *scen,
                                                     const TnetFeed *feed,
                                                     const TnetNodeSet *a,
                                                     const TnetNodeSet *b, gboolean by_line,
                                                     guint top);

G_END_DECLS
