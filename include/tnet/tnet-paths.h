/* tnet-paths.h: graph algorithms over paths — path sets, flow
 * decomposition, link-disjoint paths of least total time (a minimum-cost
 * flow) and maximum disjoint path sets (a max-flow). The region-level
 * corridor analysis built on them is in tnet-corridors.h. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-graph.h>

G_BEGIN_DECLS

/**
 * TnetPath:
 * @n_arcs: number of arcs
 * @arcs: the graph's external arc ids, in travel order
 * @nodes: the @n_arcs + 1 nodes visited (external ids; a zone's arrival
 *   twin is reported as the zone, see tnet_graph_terminal_of())
 * @time_ms: the sum of the arc weights under the metric the path was
 *   computed with (0 when no metric was given)
 */
typedef struct {
  guint n_arcs;
  TnetId *arcs;
  TnetId *nodes;
  guint64 time_ms;
} TnetPath;

/**
 * TnetPathSet:
 * A list of paths, owned: free with tnet_path_set_free().
 */
typedef struct {
  guint n_paths;
  TnetPath *paths;
} TnetPathSet;

/**
 * tnet_path_new_from_arcs:
 * @metric: (nullable): the weights that give the path's time (0 without)
 * @arcs: @n_arcs external arc ids in travel order (copied; each arc's tail
 *   is the previous arc's head)
 * @first_node: the node a path of no arcs stands at (ignored otherwise)
 *
 * A path record with its nodes and time. Ids out of range are programming
 * errors; there are no others. Thread-safe (reads the graph and metric
 * only).
 * Returns: (transfer full): the path; free with tnet_path_free().
 * Time complexity: O(@n_arcs).
 */
TNET_API TnetPath *tnet_path_new_from_arcs (const TnetGraph *graph, const TnetMetric *metric,
                                            const TnetId *arcs, guint n_arcs,
                                            TnetId first_node);
/* Free a path, or a path set and its paths (NULL allowed). Errors: none.
 * Thread-safety: not while another thread reads them. O(length). */
TNET_API void tnet_path_free (TnetPath *path);
TNET_API void tnet_path_set_free (TnetPathSet *set);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetPath, tnet_path_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetPathSet, tnet_path_set_free)

/**
 * tnet_graph_opposite_arcs:
 * Pairs each arc with the opposite arc of the same network link (head and
 * tail swapped, same tnet_graph_arc_link()), or %TNET_ID_NONE when it has
 * none (a one-way link, or an arc without a link). Each arc is paired at
 * most once. Thread-safe. Errors: none.
 * Returns: (transfer full): m entries by external arc id; g_free() it.
 * Time complexity: O(n + m * out-degree).
 */
TNET_API TnetId *tnet_graph_opposite_arcs (const TnetGraph *graph);

/**
 * tnet_flow_decompose:
 * @metric: (nullable): fills each path's time
 * @arc_flow: per external arc, a non-negative integer flow that is
 *   conserved at every node outside @from and @to; consumed (all zero on
 *   return)
 * @from, @to: the end sets (external ids, raw nodes: a zone's arrival twin
 *   is its own node here)
 *
 * Decomposes a flow from @from to @to into paths: walks from each node
 * with more flow out than in along arcs that carry flow, cutting out the
 * cycles met on the way, and trims each path to run from its last node in
 * @from to its first node in @to after it. The number of paths is the
 * flow's value.
 * Thread-safe. Errors: none.
 * Returns: (transfer full): the paths.
 * Time complexity: O(n + m + value × path length).
 */
TNET_API TnetPathSet *tnet_flow_decompose (const TnetGraph *graph, const TnetMetric *metric,
                                           int *arc_flow, const TnetId *from, guint n_from,
                                           const TnetId *to, guint n_to);

/**
 * TnetDisjointKind:
 * @TNET_DISJOINT_LINKS: paths share no link
 * @TNET_DISJOINT_NODES: paths share no link and no node outside the two
 *   end sets
 */
typedef enum {
  TNET_DISJOINT_LINKS,
  TNET_DISJOINT_NODES,
} TnetDisjointKind;

/**
 * tnet_graph_disjoint_paths:
 * @graph: the graph
 * @metric: (nullable): weights used only to fill each path's time
 * @from: the start set A (external node ids, at least one)
 * @to: the end set B (at least one, disjoint from A)
 * @kind: link- or node-disjoint
 *
 * The maximum number of disjoint A→B paths, which by Menger's theorem is
 * the size of a minimum cut, with one such set of paths. Computed by igraph's
 * max-flow on a copy of @graph with a super-source joined to A and a
 * super-sink joined from B (unit capacities; node-disjointness by splitting
 * every node outside A ∪ B into an in- and an out-node joined by a unit arc).
 *
 * Links: arcs that come from the same network link (tnet_graph_arc_link)
 * form one link; arcs without a link are links of their own. A two-way link
 * (two opposite arcs) may be used by at most one path, in one direction: the
 * flow is computed with unit capacity per arc and flow running both ways on
 * a two-way link is cancelled before the paths are read off, which leaves
 * the flow's value unchanged. Each returned path starts at its last node in
 * A and ends at its first node in B.
 *
 * Thread-safety: callable from any thread; the igraph part runs under
 * tnet_igraph_lock() (igraph is not thread-safe), so such calls are
 * serialised.
 * Errors: %TNET_ERROR_IGRAPH when igraph fails.
 * Returns: (transfer full): the paths (n_paths = the min cut), or %NULL.
 * Time complexity: that of igraph's push-relabel max-flow, O(n^2 sqrt(m))
 *   worst case on the split graph, plus O(n + m) for the decomposition.
 */
TNET_API TnetPathSet *tnet_graph_disjoint_paths (const TnetGraph *graph,
                                                 const TnetMetric *metric,
                                                 const TnetId *from, guint n_from,
                                                 const TnetId *to, guint n_to,
                                                 TnetDisjointKind kind,
                                                 GError **error);

/**
 * tnet_graph_least_time_disjoint_paths:
 * @k: the number of paths wanted (>= 1)
 * @arc_free: (nullable): per external arc, nonzero for an arc any number of
 *   paths may share (access and walk links that join zones to the
 *   infrastructure, which are not what disjointness is about)
 *
 * Up to @k link-disjoint A→B paths whose total time under @metric is the
 * least possible (a minimum-cost flow of value min(@k, min cut)), by
 * successive shortest paths on the residual graph with Dijkstra on reduced
 * costs (Johnson potentials), run on the renumbered graph with the search
 * core's heap. Links are as in tnet_graph_disjoint_paths();
 * all weights are positive so the optimal flow never uses both directions
 * of a two-way link. Paths start at a node of A and end at a node of B (a
 * zone of B is entered through its arrival twin); they are sorted by time,
 * fastest first. Fewer than @k paths are returned when the min cut is
 * smaller; none when B is unreachable. Arcs at weight TNET_WEIGHT_INF are
 * treated as absent; an augmenting path whose reduced cost reaches
 * TNET_WEIGHT_INF (about 24.8 days) is treated as absent too.
 * Thread-safe (allocates its own workspace). Errors: none.
 * Returns: (transfer full): the paths.
 * Time complexity: O(k (n + m) log n).
 */
TNET_API TnetPathSet *tnet_graph_least_time_disjoint_paths (const TnetGraph *graph,
                                                            const TnetMetric *metric,
                                                            const TnetId *from, guint n_from,
                                                            const TnetId *to, guint n_to,
                                                            const guint8 *arc_free,
                                                            guint k);

/**
 * TnetRouteLeg:
 * @line: the links' line (NULL for links without one); borrowed from the
 *   network
 * @mode: their mode
 * @from / @to: the network nodes the leg starts and ends at
 * @links: (element-type TnetId): the network's link indices, in travel
 *   order
 * @length_m: the links' length
 * @time_ms: their time under the metric given to tnet_route_legs()
 *
 * A run of consecutive links of one line (or, for links without a line,
 * of one mode) of a route, as `tnet route` lists them.
 */
typedef struct {
  const char *line;
  TnetMode mode;
  TnetId from, to;
  GArray *links;
  double length_m;
  guint64 time_ms;
} TnetRouteLeg;

/**
 * tnet_route_legs:
 * @net: the network @g was compiled from
 * @g: the graph of the path
 * @time: the metric of @g the legs' times are taken from
 * @arcs: (array length=n_arcs): the path, @g's arcs in travel order
 *   (tnet_search_path())
 *
 * Splits a path into legs: a new leg starts where the line, or for links
 * without a line the mode, changes.
 * Returns: (transfer full) (element-type TnetRouteLeg): the legs; freeing
 * the array frees their link arrays.
 * Errors: none (NULL, with a critical warning, on a NULL argument).
 * Thread-safety: reads its arguments only.
 * Time complexity: O(@n_arcs).
 */
TNET_API GArray *tnet_route_legs (const TnetNetwork *net, const TnetGraph *g,
                                  const TnetMetric *time, const TnetId *arcs, guint n_arcs);

/**
 * tnet_route_to_json:
 * @net: the network
 * @from / @to: the route's end nodes
 * @metric: what the route minimised ("time" or "length"), written as given
 * @legs: (element-type TnetRouteLeg): the route (tnet_route_legs())
 *
 * The one JSON form of a route by car (`tnet route --format json` and
 * serve's /route; docs/json-schema.md): from, to, profile "car", metric,
 * total_min, total_km (the legs' sums) and legs (line or null, mode, from,
 * to, links: link ids, km, min), numbers rounded to 0.001. Indented by 2.
 * Returns: (transfer full): the text, ending in a newline.
 * Errors: none (NULL, with a critical warning, on a NULL argument).
 * Thread-safety: reads its arguments only.
 * Time complexity: O(links of the route).
 */
TNET_API char *tnet_route_to_json (const TnetNetwork *net, TnetId from, TnetId to,
                                   const char *metric, const GArray *legs);

/**
 * tnet_route_to_text:
 * @net: the network
 * @from / @to: the route's end nodes
 * @metric: "time" (titled fastest) or "length" (shortest)
 * @year: the scenario year named in the title
 * @legs: (element-type TnetRouteLeg): the route
 *
 * The text of `tnet route`: a title, a line per leg (line, mode, ends by
 * name and id, km and minutes to 0.1) and the totals.
 * Returns: (transfer full): the text.
 * Errors: none (NULL, with a critical warning, on a NULL argument).
 * Thread-safety: reads its arguments only.
 * Time complexity: O(legs).
 */
TNET_API char *tnet_route_to_text (const TnetNetwork *net, TnetId from, TnetId to,
                                   const char *metric, int year, const GArray *legs);

/**
 * tnet_route_to_geojson:
 * @net: the network (its link geometries)
 * @legs: (element-type TnetRouteLeg): the route
 *
 * `tnet route --format geojson`: tnet_geojson_paths() of the legs, one
 * MultiLineString Feature per leg (rank = its number, label = its line or
 * mode, links, length_km).
 * Returns: (transfer full): the text.
 * Errors: none (NULL, with a critical warning, on a NULL argument).
 * Thread-safety: reads its arguments only.
 * Time complexity: O(points of the route's links).
 */
TNET_API char *tnet_route_to_geojson (const TnetNetwork *net, const GArray *legs);

G_END_DECLS
