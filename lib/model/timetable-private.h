/* timetable-private.h: the layout of TnetTimetable, for lib/model only.
 * The layers above read it through timetable-internal.h. */
#pragma once

#include "timetable-internal.h"

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
  /* the cells' column and row ranges: every entry's cell lies within
   * [cell_x_lo, cell_x_hi] x [cell_y_lo, cell_y_hi] (empty when n_cells = 0),
   * so a search of any radius visits at most these cells */
  gint64 cell_x_lo, cell_x_hi, cell_y_lo, cell_y_hi;

  gint32 first_dep_s;
  gint32 last_dep_s;
  gsize memory_bytes;

  /* street walks (NULL without a walk network): the foot graph, the node of
   * each stop (TNET_ID_NONE: not on it, walks by straight line) and the
   * stop of each node (TNET_ID_NONE: none) */
  TnetFootGraph *foot;
  TnetId *stop_node;
  TnetId *node_stop;

  /* tnet_i_timetable_view(): the arrays above, set by timetable.c at the
   * end of a build and of a rewalk */
  TnetITimetable view;
};
