/* tnet-multimodal.h: the route-expanded multimodal graphs of the car,
 * transit and park-and-ride profiles (the frequency approximation: waits of
 * half the headway), built from a network, a scenario and a feed. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>
#include <tnet/tnet-profile.h>
#include <tnet/tnet-scenario.h>
#include <tnet/tnet-graph.h>
#include <tnet/tnet-feed.h>

G_BEGIN_DECLS

/**
 * TnetTransitOptions:
 * @wait_factor: expected wait = @wait_factor * headway (default 0.5)
 * @max_wait_ms: cap on the expected wait, 0 = none (default 0)
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
 * @park_ms: time to park and reach the platform in park-and-ride (default
 *   5 min: 300000)
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
  TnetWeight max_wait_ms;
  double walk_speed_kmh;
  double walk_detour;
  double stop_radius_m;
  double transfer_radius_m;
  gboolean walk_on_roads;
  TnetWeight park_ms;
  const struct _TnetHubSet *hubs;
} TnetTransitOptions;

/* Sets @options to the defaults: wait factor 0.5, no wait cap, walking at
 * 4.8 km/h with detour 1.2, stops within 500 m, transfers within 400 m,
 * walking on roads, 5 min to park, no hubs. Errors: none (%NULL is a
 * programming error). Thread-safe. Time complexity: O(1). */
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
 * Thread-safety: reentrant; @net, @scen, @feed and @options->hubs are only
 * read.
 * Time complexity: O(N + M + S * (nearby nodes) + sum of pattern lengths).
 */
TNET_API TnetMultimodal *tnet_multimodal_build (const TnetNetwork *net,
                                                const TnetScenario *scen,
                                                const TnetFeed *feed,
                                                TnetProfile profile,
                                                const TnetTransitOptions *options,
                                                GError **error);

/* Atomic reference counting, as tnet_graph_ref(): any thread may hold and
 * drop references; the last unref frees the graph, metric and metadata
 * (O(size of the graph)). Errors: none. Time complexity of a ref: O(1). */
TNET_API TnetMultimodal *tnet_multimodal_ref (TnetMultimodal *mm);
TNET_API void tnet_multimodal_unref (TnetMultimodal *mm);

/* The readers below only read the immutable @mm: thread-safe, no GError
 * unless said; an argument out of range is a programming error
 * (g_critical, then TNET_ID_NONE, %NULL or TNET_N_ARC_KINDS). */

/* The profile built. Errors: none. Thread-safe. Time complexity: O(1). */
TNET_API TnetProfile tnet_multimodal_get_profile (const TnetMultimodal *mm);
/* Borrowed views, valid while @mm lives. Errors: none. Thread-safe. Time
 * complexity: O(1). */
TNET_API const TnetGraph *tnet_multimodal_get_graph (const TnetMultimodal *mm);
TNET_API const TnetMetric *tnet_multimodal_get_metric (const TnetMultimodal *mm);
/* The contraction hierarchy kept with a multimodal graph
 * (tnet_multimodal_ref_ch() and its kin) is of the paths layer:
 * tnet-multimodal-ch.h. */

/**
 * tnet_multimodal_origin_node:
 * The graph node where a journey from network node @net_node starts (start
 * layer). Use it as the source of a forward search.
 * Errors: a node out of range is a programming error (g_critical,
 * %TNET_ID_NONE). Thread-safe. Time complexity: O(1).
 */
TNET_API TnetId tnet_multimodal_origin_node (const TnetMultimodal *mm, TnetId net_node);
/**
 * tnet_multimodal_destination_node:
 * The graph node where a journey to network node @net_node ends (end
 * layer): the target of a forward search, the source of a backward search
 * (arrive-by, e.g. one search per destination for a commute matrix).
 * Errors, thread-safety: as tnet_multimodal_origin_node().
 * Time complexity: O(1).
 */
TNET_API TnetId tnet_multimodal_destination_node (const TnetMultimodal *mm,
                                                  TnetId net_node);
/* The same for a feed stop (departure / arrival node; TNET_ID_NONE for the
 * car profile or a stop index out of range). Errors: none. Thread-safe.
 * O(1). */
TNET_API TnetId tnet_multimodal_stop_origin_node (const TnetMultimodal *mm, TnetId stop);
TNET_API TnetId tnet_multimodal_stop_destination_node (const TnetMultimodal *mm,
                                                       TnetId stop);
/**
 * tnet_multimodal_find_place:
 * Resolves a network node id or, failing that, a feed stop id into its
 * origin and destination graph nodes. Fails with %TNET_ERROR_NOT_FOUND.
 * Thread-safe. Time complexity: O(1) expected (a hash table).
 */
TNET_API gboolean tnet_multimodal_find_place (const TnetMultimodal *mm, const char *id,
                                              TnetId *origin, TnetId *destination,
                                              GError **error);

/* What arc @arc (external id) of the graph stands for. Errors: an arc out
 * of range is a programming error (g_critical, TNET_N_ARC_KINDS).
 * Thread-safe. Time complexity: O(1). */
TNET_API TnetArcKind tnet_multimodal_arc_kind (const TnetMultimodal *mm, TnetId arc);
/**
 * tnet_multimodal_arc_line:
 * The line arc @arc belongs to: the `line` of the network link a drive or
 * walk arc runs over, or the route's display name for the boarding,
 * riding, dwelling and alighting arcs of a service pattern; %NULL for other
 * arcs and links without a line. (tnet_graph_arc_link() gives the network
 * link of drive and walk arcs.) A view owned by @mm. Thread-safe.
 * Errors: an arc out of range is a programming error (g_critical, %NULL).
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

/* Copies the counts of @mm into @out. Errors: none. Thread-safe. Time
 * complexity: O(1). */
TNET_API void tnet_multimodal_get_stats (const TnetMultimodal *mm,
                                         TnetMultimodalStats *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetMultimodal, tnet_multimodal_unref)

G_END_DECLS
