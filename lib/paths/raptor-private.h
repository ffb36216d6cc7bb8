/* raptor-private.h: the parts the RAPTOR files of lib/paths share (range
 * queries from given rows, door-to-door destinations, failure scans and
 * park-and-ride internals). For lib/paths only. */
#pragma once

#include "timetable-internal.h"

/* raptor.c: tnet_raptor_walks_from_node(), tnet_raptor_walks_from_place()
 * and tnet_raptor_walks_from_links() with the walking budget already on
 * the kernel's clock, whole seconds (G_MAXUINT: no limit). The public
 * calls round their ms once (tnet_i_whole_s()) and call these; the files
 * of lib/paths call these directly with the seconds they hold. */
gboolean tnet_i_raptor_walks_from_node_s (TnetRaptor *ws, TnetId node, guint max_walk_s,
                                          TnetId target_node, guint32 *target_walk_s,
                                          GArray *out);
gboolean tnet_i_raptor_walks_from_place_s (TnetRaptor *ws, TnetId node, double lon, double lat,
                                           guint max_walk_s, GArray *out);
void tnet_i_raptor_walks_from_links_s (TnetRaptor *ws, const TnetNetwork *net,
                                       const TnetTripEnd *end, guint max_walk_s, GArray *out,
                                       GArray *via);

/* Shared by the range queries of raptor-matrix.c and park-ride.c (paths
 * layer): a place's egress rows (the stops within @max_walk_s by straight
 * line, and a walk all the way of @direct seconds when within it; @near is
 * scratch), and one range query reduced to each target's percentiles
 * (@out place-major). */
void tnet_i_raptor_place_egress (const TnetTimetable *tt, guint d, double lon, double lat,
                                 guint max_walk_s, guint32 direct, GArray *near,
                                 GArray *egress);
/* The egress rows of @n_places @places (lon, lat in turn) as
 * tnet_i_raptor_place_egress() gives them, each place's direct walk the
 * shortest from any of the @n_sources @sources (lon, lat; NAN ones are
 * skipped). Looks at @stop (nullable) every TNET_I_RAPTOR_STOP_EVERY
 * places: FALSE and G_IO_ERROR_CANCELLED when it says stop. O(places x
 * (sources + stops near)). */
gboolean tnet_i_raptor_places_egress (const TnetTimetable *tt, const double *sources,
                                      guint n_sources, const double *places, guint n_places,
                                      guint max_walk_s, const TnetRaptorStop *stop,
                                      GArray *egress, GError **error);
/* How often the walks before a range query's rounds (sources, places)
 * look at its stop: a check costs a clock read, a place up to tens of
 * microseconds with a long walk. */
#define TNET_I_RAPTOR_STOP_EVERY 1024
/* FALSE with G_IO_ERROR_CANCELLED (the message says cancelled or
 * deadline, as tnet_raptor_run_range()) when @stop (nullable)
 * says give up now; its progress is not called. */
gboolean tnet_i_raptor_stop_check (const TnetRaptorStop *stop, GError **error);
/* Reports @done of @total origins to the progress of @stop (nullable),
 * then FALSE with G_IO_ERROR_CANCELLED ("the @what was cancelled") when
 * its cancellable is cancelled (perhaps by that report); the check of a
 * door-to-door matrix before each origin. O(1) plus the callback. */
gboolean tnet_i_raptor_stop_progress (const TnetRaptorStop *stop, guint done, guint total,
                                      const char *what, GError **error);
/* One range query from @access (TnetStopWalk) to the @n_places targets of
 * @egress (TnetEgress) over @n_minutes from @depart_s, then the @n_pcts
 * percentiles of each target's series into @out (place-major). FALSE
 * when @stop says stop (@out then partly written). */
gboolean tnet_i_raptor_range_percentiles (const TnetTimetable *tt, const GArray *access,
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
void tnet_i_raptor_dests_init (TnetIRaptorDests *d, const TnetTimetable *tt, TnetRaptor *ws,
                               const double *lonlat, guint n, guint max_walk_s);
void tnet_i_raptor_dests_clear (TnetIRaptorDests *d);
/* The access rows (@access, TnetStopWalk) of the origin at (@lon, @lat)
 * and the egress rows (@egress, TnetEgress) of every destination of @d,
 * the walks all the way within the budget included: exactly the rows of
 * one origin of tnet_timetable_matrix(). Both arrays are cleared first;
 * @near is scratch. FALSE (rows empty) when the origin has no position. */
gboolean tnet_i_raptor_origin_rows (const TnetTimetable *tt, TnetRaptor *ws,
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
TnetRaptorFailures *tnet_i_raptor_failures_new_rows (const TnetTimetable *tt, guint n_destinations,
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
