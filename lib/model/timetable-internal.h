/* timetable-internal.h: what the model layer exports to the layers above
 * it (the RAPTOR kernels of lib/paths) about a TnetTimetable: a read-only
 * view of its route, trip, stop-time and footpath arrays, and the street
 * walks (the foot graph and its search). The object's layout stays in
 * timetable-private.h, which only lib/model includes. Internal: not
 * installed, not part of the API. */
#pragma once

#include "tnet-internal.h"
#include <tnet/tnet-timetable.h>
#include "heap.h"

/* The street network a timetable walks on (timetable-walk.c). CSR over the
 * nodes of the network it was built from; both directions of each walkable
 * link; arc costs in whole milliseconds. */
typedef struct {
  guint n_nodes;
  guint *first;        /* n_nodes + 1 */
  TnetId *head;
  guint32 *ms;
  guint8 *is_zone;     /* zones start walks but are not walked through */
  guint8 *on_street;   /* on a walked link other than a timed access link */
  double *lon, *lat;   /* each node's position (NaN when the network has none) */
} TnetFootGraph;

/* Scratch of one foot search: dist[v] = G_MAXUINT32 except for the nodes
 * listed in touched[0 .. n_touched - 1] by the last run. */
typedef struct {
  TnetHeap heap;
  guint32 *dist;
  TnetId *touched;
  guint n_touched;
} TnetFootSearch;

/* flags of a route stop */
#define TNET_I_RS_BOARD  1u   /* some pickup allowed (pickup_type != 1) */
#define TNET_I_RS_ALIGHT 2u   /* some drop-off allowed (drop_off_type != 1) */

/*
 * TnetITimetable: the arrays of a timetable, as the kernels scan them.
 *
 * Routes: route r calls at route_stops[route_stop_first[r] ..
 * route_stop_first[r+1]-1]; its trips route_trip_first[r] ..
 * route_trip_first[r+1]-1 are sorted so that arrival and departure at
 * every stop never decrease from one trip to the next (no overtaking);
 * times of trip t (global index) at its i-th stop, with n the route's
 * stops and first its first trip: arr[route_time_first[r] + (t - first) *
 * n + i] by trip (a ride reads its trip's arrivals in a row),
 * dep[route_time_first[r] + i * n_trips_of_r + (t - first)] by stop (a
 * boarding check steps from a trip to the one before at the same stop, the
 * next departure in memory). Times are seconds after midnight of the
 * service day.
 */
typedef struct {
  guint n_stops;
  const double *stop_lon;        /* NAN when the feed gave no position */
  const double *stop_lat;

  guint n_routes;
  const guint *route_stop_first; /* n_routes + 1 */
  const TnetId *route_stops;
  const guint8 *route_flags;     /* TNET_I_RS_*, per route stop */
  const guint *route_trip_first; /* n_routes + 1 */
  const gsize *route_time_first; /* n_routes */
  const gint32 *arr;             /* n_stop_times, by trip */
  const gint32 *dep;             /* n_stop_times, by stop */
  const char *const *route_name; /* display name per route */
  const TnetMode *route_mode;
  guint n_trips;
  const char *const *trip_id;    /* per trip (first trip of a joined block) */
  gsize n_stop_times;

  /* stop -> (route, position) where the route calls; CSR */
  const guint *stop_route_first; /* n_stops + 1 */
  const guint *stop_route;
  const guint *stop_route_pos;

  /* footpaths, CSR by origin stop; the change at a stop itself is the
   * footpath s -> s (absent when transfers.txt forbids it) */
  const guint *fp_first;         /* n_stops + 1 */
  const TnetId *fp_to;
  const guint32 *fp_s;

  /* street walks (NULL without a walk network): the foot graph, the node of
   * each stop (TNET_ID_NONE: not on it, walks by straight line) and the
   * stop of each node (TNET_ID_NONE: none) */
  const TnetFootGraph *foot;
  const TnetId *stop_node;
  const TnetId *node_stop;
} TnetITimetable;

/* The arrays of @tt. The view belongs to @tt and is valid while the caller
 * holds a reference to it; its address never changes, and
 * tnet_i_timetable_rewalk() updates it in place (the walks), so a
 * workspace may keep the pointer. O(1); thread-safe (read only). */
const TnetITimetable *tnet_i_timetable_view (const TnetTimetable *tt);

/* tnet_timetable_walks_near() with the budget already in the kernel's
 * whole seconds (G_MAXUINT: every stop with a position); the public call
 * rounds its ms once (tnet_i_whole_s()) and calls this. */
void tnet_i_timetable_walks_near_s (const TnetTimetable *tt, double lon, double lat,
                                    guint max_walk_s, GArray *out);

guint32 tnet_i_foot_arc_ms (double length_m, double speed_kmh);
TnetFootGraph *tnet_i_foot_graph_new (const TnetNetwork *net, const TnetScenario *scen,
                                      double speed_kmh);
void tnet_i_foot_graph_free (TnetFootGraph *g);
/* The node a place at (@lon, @lat) walks from: the nearest node with a
 * walkable link (great-circle distance; on a tie a zone, then the lowest
 * id), its distance in *@distance_m. TNET_ID_NONE when no node has both a
 * walkable link and a position. O(nodes). */
TnetId tnet_i_foot_graph_snap (const TnetFootGraph *g, double lon, double lat,
                               double *distance_m);
void tnet_i_foot_search_init (TnetFootSearch *fs, guint n_nodes);
void tnet_i_foot_search_destroy (TnetFootSearch *fs);
/* Bounded Dijkstra from @source: afterwards dist[v] <= @budget_ms is the
 * walk to v for the nodes in touched[]. Returns n_touched. Allocates
 * nothing. O(touched x log touched). */
guint tnet_i_foot_search_run (const TnetFootGraph *g, TnetFootSearch *fs, TnetId source,
                              guint32 budget_ms);
