/* timetable-route-private.h: the layout of a #TnetTimetableRoute, shared
 * by its computation (timetable-route.c) and its writers
 * (timetable-route-output.c). Internal. */
#pragma once

#include "tnet-internal.h"

/* One shown leg: a #TnetTransitLeg with its places named. */
typedef struct {
  TnetTransitLegKind kind;
  TnetMode mode;            /* a ride's route mode */
  const char *line;         /* the route's name, NULL when none (in strings) */
  const char *trip;         /* the trip id, NULL when none (in strings) */
  const char *from, *to;    /* stop ids, node ids or the route's ends (in strings) */
  gint32 start_s, end_s;    /* clock times, s after midnight (negative: the day before) */
  guint32 wait_s;           /* a ride's wait at its first stop, s */
} TnetIRouteLeg;

struct _TnetTimetableRoute {
  GStringChunk *strings;    /* every name below points into it */
  const char *from, *to;    /* the places as asked */
  const char *feed;         /* the feeds' name, NULL when not given */
  gboolean park_ride;       /* by park-and-ride: the next three are set */
  TnetParkRideOptions park_ride_options;
  guint n_parking, n_parking_stops;
  guint date;               /* the timetable's service date, YYYYMMDD */
  gint32 depart_s;          /* the first departure, s after midnight */
  guint window_min;         /* the window as given (0 = one departure) */
  guint n_minutes;          /* MAX (window_min, 1): entries of series_s */
  gint32 *series_s;         /* travel time per minute, s, or TNET_RAPTOR_UNREACHED */
  guint n_percentiles;
  double *percentiles;      /* the asked percentiles, as given */
  gint32 *percentile_s;     /* their values over series_s, s, or TNET_RAPTOR_UNREACHED */
  GArray *legs;             /* TnetIRouteLeg of the first departure, in travel order,
                             * without empty access legs */
  const char *last_stop;    /* the journey's egress stop, NULL when none or walking */
  gint32 last_walk_start_s; /* the walk from it to @to: its clock times */
  gint32 last_walk_end_s;
  gboolean walk_only;       /* walking all the way is as fast: no legs */
  guint32 direct_s;         /* that walk, s (when walk_only) */
};
