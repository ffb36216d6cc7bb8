/* timetable-private.h: the layout of TnetTimetable, shared by its builder
 * (model) and the RAPTOR kernel (paths). Internal. */
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

struct _TnetTimetable {
  gint ref_count;               /* atomic */
  guint service_date;
  double walk_speed_kmh;
  double walk_detour;
  GStringChunk *strings;        /* ids, names */

  /* stops */
  guint n_stops;
  const char **stop_id;         /* unique (feed-qualified with several feeds) */
  const char **stop_name;
  double *stop_lon;             /* NAN when the feed gave no position */
  double *stop_lat;
  GHashTable *stop_index;       /* stop id -> index + 1 */

  /* routes: route r calls at route_stops[route_stop_first[r] ..
   * route_stop_first[r+1]-1]; its trips r_trip_first[r] .. r_trip_first[r+1]-1
   * are sorted so that arrival and departure at every stop never decrease
   * from one trip to the next (no overtaking); times of trip t (global
   * index) at its i-th stop: arr[route_time_first[r] + (t - first) * n + i]
   * by trip (a ride reads its trip's arrivals in a row), dep[route_time_first[r]
   * + i * n_trips + (t - first)] by stop (a boarding check steps from a trip
   * to the one before at the same stop, the next departure in memory) */
  guint n_routes;
  guint *route_stop_first;      /* n_routes + 1 */
  TnetId *route_stops;
  guint8 *route_flags;          /* TNET_I_RS_*, per route stop */
  guint *route_trip_first;      /* n_routes + 1 */
  gsize *route_time_first;      /* n_routes */
  gint32 *arr;                  /* n_stop_times, by trip */
  gint32 *dep;                  /* n_stop_times, by stop */
  const char **route_name;      /* display name per route */
  TnetMode *route_mode;
  guint n_trips;
  const char **trip_id;         /* per trip (first trip of a joined block) */
  gsize n_stop_times;

  /* stop -> (route, position) where the route calls; CSR */
  guint *stop_route_first;      /* n_stops + 1 */
  guint *stop_route;
  guint *stop_route_pos;

  /* footpaths, CSR by origin stop; the change at a stop itself is the
   * footpath s -> s (absent when transfers.txt forbids it) */
  guint *fp_first;              /* n_stops + 1 */
  TnetId *fp_to;
  guint32 *fp_s;

  /* uniform grid over the stops with positions: cell_key sorted, cell_stop
   * the stop of each entry */
  double cell_dlat, cell_dlon;
  guint n_cells;
  gint64 *cell_key;
  TnetId *cell_stop;

  gint32 first_dep_s;
  gint32 last_dep_s;
  gsize memory_bytes;

  /* street walks (NULL without a walk network): the foot graph, the node of
   * each stop (TNET_ID_NONE: not on it, walks by straight line) and the
   * stop of each node (TNET_ID_NONE: none) */
  TnetFootGraph *foot;
  TnetId *stop_node;
  TnetId *node_stop;
};

/* Haversine distance in metres (sphere of radius 6371008.8 m). */
double tnet_i_timetable_distance_m (double lon1, double lat1, double lon2, double lat2);

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

/* Shared by the range queries of raptor-matrix.c and park-ride.c (paths
 * layer): a place's egress rows (the stops within @max_walk_s by straight
 * line, and a walk all the way of @direct seconds when within it; @near is
 * scratch), and one range query reduced to each target's percentiles
 * (@out place-major). */
void tnet_i_raptor_place_egress (TnetTimetable *tt, guint d, double lon, double lat,
                                 guint max_walk_s, guint32 direct, GArray *near,
                                 GArray *egress);
/* The egress rows of @n_places @places (lon, lat in turn) as
 * tnet_i_raptor_place_egress() gives them, each place's direct walk the
 * shortest from any of the @n_sources @sources (lon, lat; NAN ones are
 * skipped). Looks at @stop (nullable) every TNET_I_RAPTOR_STOP_EVERY
 * places: FALSE and G_IO_ERROR_CANCELLED when it says stop. O(places x
 * (sources + stops near)). */
gboolean tnet_i_raptor_places_egress (TnetTimetable *tt, const double *sources,
                                      guint n_sources, const double *places, guint n_places,
                                      guint max_walk_s, const TnetRaptorStop *stop,
                                      GArray *egress, GError **error);
/* How often the walks before a range query's rounds (sources, places)
 * look at its stop: a check costs a clock read, a place up to tens of
 * microseconds with a long walk. */
#define TNET_I_RAPTOR_STOP_EVERY 1024
/* FALSE with G_IO_ERROR_CANCELLED (the message says cancelled or
 * deadline, as tnet_raptor_run_range_cancellable()) when @stop (nullable)
 * says give up now; its progress is not called. */
gboolean tnet_i_raptor_stop_check (const TnetRaptorStop *stop, GError **error);
/* FALSE with G_IO_ERROR_CANCELLED ("the @what was cancelled") when the
 * progress of @stop (nullable) says stop at @done of @total; the check of
 * a door-to-door matrix before each origin. O(1) plus the callback. */
gboolean tnet_i_raptor_stop_progress (const TnetRaptorStop *stop, guint done, guint total,
                                      const char *what, GError **error);
/* One range query from @access (TnetStopWalk) to the @n_places targets of
 * @egress (TnetEgress) over @n_minutes from @depart_s, then the @n_pcts
 * percentiles of each target's series into @out (place-major). FALSE
 * when @stop says stop (@out then partly written). */
gboolean tnet_i_raptor_range_percentiles (TnetTimetable *tt, const GArray *access,
                                          const GArray *egress, gint32 depart_s,
                                          guint n_minutes, guint n_places, const double *pcts,
                                          guint n_pcts, const TnetRaptorStop *stop, gint32 *out,
                                          GError **error);
/* Fills the rows of origin @o of a matrix: @access (TnetStopWalk) and
 * @egress (TnetEgress), cleared first; FALSE when the origin has none
 * (its cells are then TNET_RAPTOR_UNREACHED). */
typedef gboolean (*TnetIRaptorRowsFunc) (gpointer data, guint o, GArray *access,
                                         GArray *egress);
/* The door-to-door matrix of both entry points (timetable, park-and-ride):
 * per origin a progress check of @stop (@what names the matrix in the
 * error), its rows from @rows, one range query in @ws over @n_minutes
 * (>= 1) from @depart_s and the @n_pcts percentiles of each destination
 * into @out (origin-major, then destination). FALSE when @stop says
 * stop. Allocates O(@n_minutes x @n_destinations) once. */
gboolean tnet_i_raptor_matrix_rows (TnetRaptor *ws, guint n_origins, guint n_destinations,
                                    TnetIRaptorRowsFunc rows, gpointer data, const char *what,
                                    gint32 depart_s, guint n_minutes, const double *pcts,
                                    guint n_pcts, gint32 *out, const TnetRaptorStop *stop,
                                    GError **error);

/* One ride of a journey: route @route from its @from_pos-th to its
 * @to_pos-th stop (hops from_pos .. to_pos - 1). */
typedef struct {
  guint route;
  guint from_pos;
  guint to_pos;
} TnetIRaptorRide;

/* The rides of the journey tnet_raptor_journey() would give to @stop
 * (last query of @ws), appended to @rides in reverse travel order. FALSE
 * when @stop was not reached or the labels hold a zero-time cycle.
 * O(legs x stops per ride). */
gboolean tnet_i_raptor_journey_rides (const TnetRaptor *ws, TnetId stop, GArray *rides);

/* Where a place walks from: its street node and the straight-line walk to
 * it (node TNET_ID_NONE: every walk of the place is a straight line). */
typedef struct {
  TnetId node;
  guint32 off_s;
} TnetIPlaceSnap;

/* The destinations of a door-to-door query by the timetable, prepared
 * once (raptor-matrix.c; tnet_timetable_matrix()'s rule): each one's snap
 * to the walk network and its egress rows to the stops it walks to. */
typedef struct {
  guint n;
  const double *lonlat;    /* borrowed: (lon, lat) per destination */
  guint max_walk_s;
  TnetIPlaceSnap *snap;    /* per destination */
  GArray *stop_egress;     /* TnetEgress, stops only */
} TnetIRaptorDests;

/* Prepares @d (@ws: scratch for the street searches). O(n x walk search). */
void tnet_i_raptor_dests_init (TnetIRaptorDests *d, TnetTimetable *tt, TnetRaptor *ws,
                               const double *lonlat, guint n, guint max_walk_s);
void tnet_i_raptor_dests_clear (TnetIRaptorDests *d);
/* The access rows (@access, TnetStopWalk) of the origin at (@lon, @lat)
 * and the egress rows (@egress, TnetEgress) of every destination of @d,
 * the walks all the way within the budget included: exactly the rows of
 * one origin of tnet_timetable_matrix(). Both arrays are cleared first;
 * @near is scratch. FALSE (rows empty) when the origin has no position. */
gboolean tnet_i_raptor_origin_rows (TnetTimetable *tt, TnetRaptor *ws,
                                    const TnetIRaptorDests *d, double lon, double lat,
                                    GArray *near, GArray *access, GArray *egress);

/* ------------------------------------------------ failures from given rows */

/* What a failure does to an origin's access rows, for failures that reach
 * beyond the rides (park-and-ride: a closed road slows the drive).
 * @access_elements appends to @elements (guint) the elements whose
 * failure may change the access row of @stop (the stop a journey reaches
 * from the origin before its first ride); @access_failed fills @access
 * (TnetStopWalk, cleared first) with the origin's rows with @element
 * failed and returns TRUE, or returns FALSE when the element leaves them
 * as they are. */
typedef struct {
  void (*access_elements) (gpointer data, TnetId stop, GArray *elements);
  gboolean (*access_failed) (gpointer data, guint element, GArray *access);
  gpointer data;
} TnetIRaptorAccessHooks;

/* A failure scan whose origins bring their own rows
 * (tnet_i_raptor_failures_run_rows()): only the number of destinations is
 * kept. raptor-failure.c. */
TnetRaptorFailures *tnet_i_raptor_failures_new_rows (TnetTimetable *tt, guint n_destinations,
                                                     const guint *elem_first,
                                                     const TnetRaptorHop *elem_hops,
                                                     guint n_elements,
                                                     const TnetRaptorFailuresOptions *opts);
/* tnet_raptor_failures_run() from the origin's @access (TnetStopWalk) and
 * @egress (TnetEgress, every destination's) rows; with @hooks (nullable)
 * the failures of the access rows are candidates and change the rows of
 * their range queries too. */
gboolean tnet_i_raptor_failures_run_rows (const TnetRaptorFailures *f, TnetRaptor *ws,
                                          const GArray *access, const GArray *egress,
                                          const TnetIRaptorAccessHooks *hooks,
                                          const guint8 *want, gint32 *base, GArray *entries,
                                          const TnetRaptorStop *stop, GError **error);
/* One query at the options' first minute from @access with @element
 * (G_MAXUINT: none) blocked; the labels stay in @ws. Returns the stop of
 * @destination's best egress row, or TNET_ID_NONE when it walks all the
 * way (*@found TRUE) or is not reached (*@found FALSE). */
TnetId tnet_i_raptor_failures_journey_rows (const TnetRaptorFailures *f, TnetRaptor *ws,
                                            const GArray *access, const GArray *egress,
                                            guint destination, guint element, gboolean *found);

/* ------------------------------------------- park-and-ride, internal parts */

/* The destinations of a park-and-ride matrix, prepared once
 * (park-ride.c): each one's egress rows to the stops and its position. */
typedef struct {
  guint n;
  guint max_walk_s;
  const TnetTripEnd *ends;   /* borrowed */
  GArray *stop_egress;       /* TnetEgress, stops only */
  double *pos;               /* (lon, lat) per destination; NaN: none */
  guint n_nodes;
  double *node_pos;          /* (lon, lat) per network node, copied */
} TnetIParkRideDests;

void tnet_i_park_ride_dests_init (TnetIParkRideDests *d, const TnetParkRide *pr,
                                  const TnetNetwork *net, const TnetTripEnd *destinations,
                                  guint n_destinations, guint max_walk_s);
void tnet_i_park_ride_dests_clear (TnetIParkRideDests *d);
/* The rows of origin @oe of tnet_park_ride_matrix_ends() (@net is only
 * read for a point origin: a node's position was copied into @d): its walks to the
 * stops (@walks), the egress rows of every destination with the walks all
 * the way (@egress), the access rows (@rows, TnetParkRideAccess, and
 * @access, TnetStopWalk; the drive search stays in @search). FALSE, with
 * @rows and @access empty, when no destination has a stop or a walk. */
gboolean tnet_i_park_ride_origin_rows (const TnetParkRide *pr, const TnetNetwork *net,
                                       TnetRaptor *ws, TnetSearch *search,
                                       const TnetIParkRideDests *d, const TnetTripEnd *oe,
                                       GArray *walks, GArray *egress, GArray *rows,
                                       GArray *access);
/* A copy sharing the graph, metric and timetable (references). */
TnetParkRide *tnet_i_park_ride_copy (const TnetParkRide *pr);
