/* timetable-oracle.h: a brute-force time-expanded Dijkstra over the trips
 * of a service date, built from feeds' raw records independently of
 * lib/model/timetable.c (test-timetable.c explains what it re-implements);
 * used by the tests and by the timetable benchmark. */
#pragma once

#include "tnet-internal.h"
#include "feed-private.h"

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
} Oracle;

Oracle *oracle_new (const TnetFeed *const *feeds, guint n_feeds, guint date,
                    const TnetTimetableOptions *opt);
void oracle_free (Oracle *o);
/* Earliest arrival at every stop (UNREACHED where none). */
void oracle_run (const Oracle *o, const TnetStopWalk *access, guint n_access, gint32 depart,
                 gint32 *arrival);
