/* timetable-oracle.h: a brute-force time-expanded Dijkstra over the trips
 * of a service date, built from feeds' raw records independently of
 * lib/model/timetable.c (test-timetable.c explains what it re-implements);
 * used by the tests and by the timetable benchmark. */
#pragma once

#include <tnet/tnet.h>

#define UNREACHED TNET_RAPTOR_UNREACHED

typedef struct {
  guint feed;
  guint trip;
  gint32 shift;
  gint32 first_dep;
  guint node0;         /* dep node of position k: node0 + 2k, arr node: +1 */
  guint n;
  guint next;          /* block continuation instance or G_MAXUINT */
} OInst;

typedef struct {
  guint n_stops;
  guint *stop_base;
  double *lon, *lat;   /* NAN: no position or not a stop */
  GArray *inst;        /* OInst */
  guint n_nodes;
  gint32 *node_time;
  TnetId *node_stop;
  guint8 *node_ok;     /* dep node: pickup allowed; arr node: drop-off allowed */
  guint *node_inst;
  /* waiting chains: per stop the boardable dep nodes sorted by time */
  guint *wait_first;   /* n_stops + 1 */
  guint *wait_node;
  /* footpaths */
  GArray **foot;       /* per stop: pairs (to, s) as guint */
  /* failures: per dep node, whether its ride to the next stop is blocked
   * (NULL: none) */
  guint8 *ride_blocked;
} Oracle;

/* Which rides a failure removes: the ride of trip @trip of @feed (feed
 * number @f) from its @k-th to its (@k + 1)-th stop time. */
typedef gboolean (*OracleBlockFunc) (const TnetFeed *feed, guint f, guint trip, guint k,
                                     gpointer data);

Oracle *oracle_new (const TnetFeed *const *feeds, guint n_feeds, guint date,
                    const TnetTimetableOptions *opt);
void oracle_free (Oracle *o);
/* Earliest arrival at every stop (UNREACHED where none). */
void oracle_run (const Oracle *o, const TnetStopWalk *access, guint n_access, gint32 depart,
                 gint32 *arrival);
/* Removes from the following oracle_run() calls every ride @fn says
 * (the vehicle still runs; riders cannot stay aboard across it); NULL lifts
 * every block. @feeds: those the oracle was built from. */
void oracle_block (Oracle *o, const TnetFeed *const *feeds, OracleBlockFunc fn, gpointer data);
