/* raptor.c: RAPTOR and range RAPTOR over a TnetTimetable.
 *
 * Implementation notes (after Delling, Pajor and Werneck, "Round-Based
 * Public Transit Routing", 2012). Three labels per stop, all "best so far":
 * veh (earliest arrival by alighting), board (earliest time one is ready to
 * board: access, or a vehicle arrival plus one footpath, the change at the
 * stop itself being the footpath s -> s) and arr (earliest presence: access,
 * alighting, or the end of a footpath to another stop). A round scans every
 * route through a stop whose board label improved in the previous round,
 * from the earliest such stop, hopping onto an earlier trip whenever a
 * stop's board label allows (trips of a route never overtake, so the
 * earliest boardable trip is found by binary search); then relaxes the
 * footpaths of the stops whose veh label improved. Rounds run until nothing
 * improves, so the number of rides is unbounded and the result is the
 * earliest arrival, which the tests compare with a time-expanded Dijkstra.
 *
 * Range queries keep the labels from one minute to the previous one: a
 * journey from a later departure is available to an earlier traveller who
 * waits, so the labels of minute m+1 are valid upper bounds for minute m,
 * and minute m only scans what its earlier access improves (rRAPTOR). The
 * labels are plain minima over all rounds, which is exact for earliest
 * arrival with any number of rides. Two prunings make a minute cost what
 * it changes: a stop remembers, per route through it, the trip its last
 * scan boarded, and the route is scanned again from that stop only when
 * an earlier trip has become catchable; and the targets are updated only
 * from the stops whose arrival improved in the minute.
 *
 * Memory layout for the range query's checks: a minute's work is mostly
 * checks of marked stops (is an earlier trip catchable here?) spread over
 * the whole timetable, so each check should touch few cache lines. The
 * workspace keeps, per stop, one record per route it can board on with
 * all the check reads (the departures, the number of trips, the trip the
 * last check found); and the timetable stores departures by stop within a
 * route, so stepping from a trip to the one before reads the next word,
 * mostly in the line the previous minute already loaded. Arrivals stay by
 * trip: a ride reads its trip's arrivals at the following stops in a row.
 *
 * A query given a stop (TnetRaptorStop) checks it before every round: a
 * round is the unit of work between two checks, so a stop takes effect
 * within one round, and the check (an atomic read and a monotonic clock
 * read) costs nothing next to the round. A stopped round leaves the marks
 * cleared, so the workspace is ready for the next query.
 *
 * Failures (tnet_raptor_block_hop(), tnet_raptor_block_route()) are a
 * mask in the workspace, not a copy of the timetable: a blocked route is
 * never collected for a scan, and a scan drops its trip before a blocked
 * hop (the rider must alight there; the trip's later part can still be
 * boarded after the hop). The mask is fixed for a query, so the route
 * pruning's reasoning (the same trip boarded again improves nothing)
 * holds with it; it is cleared in O(blocked).
 *
 * The workspace holds every array a query touches; a query allocates
 * nothing. Marked stops and routes are kept as lists with flags so a round
 * costs what it touches.
 */
#include "tnet-internal.h"
#include "raptor-private.h"

#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#define INF TNET_RAPTOR_UNREACHED

enum { HOW_NONE, HOW_ACCESS, HOW_VEHICLE, HOW_FOOT };

static int
cmp_stop_walk (const void *pa, const void *pb)
{
  const TnetStopWalk *a = pa, *b = pb;
  if (a->walk_s != b->walk_s)
    return a->walk_s < b->walk_s ? -1 : 1;
  return (a->stop > b->stop) - (a->stop < b->stop);
}

/* One route a stop can board on, with what the check of a marked stop
 * reads (one record instead of six arrays): the route, the position of
 * the stop on it, the departures there (dep[t] for the trip t of the
 * route), and the trip the last check found. */
typedef struct {
  const gint32 *dep;       /* tt->dep + route_time_first[route] + pos * n_trips */
  guint route;
  guint pos;
  guint n_trips;
  guint trip;              /* the earliest trip (relative) leaving at or
                            * after board_scanned[s]; valid while that is
                            * not INF */
  guint pad;
} BoardEntry;

struct _TnetRaptor {
  const TnetTimetable *tt; /* a reference */
  const TnetITimetable *tv; /* tnet_i_timetable_view (tt) */
  guint n_stops;
  gint32 depart_s;         /* departure of the last single run / first minute */
  gint32 *veh;             /* best arrival by alighting */
  gint32 *board;           /* best ready-to-board time */
  gint32 *arr;             /* best arrival (any way) */
  /* how veh[s] was reached: trip (global index) and boarding position */
  guint *veh_trip;
  guint *veh_route;
  guint *veh_board_pos;
  TnetId *board_from;      /* stop whose veh + footpath gave board[s]; NONE: access */
  TnetId *arr_from;        /* for HOW_FOOT: the stop walked from */
  guint8 *arr_how;
  /* marks */
  TnetId *marked;          /* stops whose board improved this round */
  guint n_marked;
  guint8 *is_marked;
  TnetId *vmarked;         /* stops whose veh improved this round */
  guint n_vmarked;
  guint8 *is_vmarked;
  guint *route_from;       /* earliest marked position per route, G_MAXUINT = none */
  guint *routes;           /* marked routes */
  guint n_routes;
  gint32 *board_scanned;   /* board[s] when s's routes were last considered */
  guint *be_first;         /* n_stops + 1: the routes stop s boards on are
                            * be[be_first[s] .. be_first[s + 1] - 1] */
  BoardEntry *be;          /* in the order of tt->stop_route, the entries
                            * whose position allows a pickup */
  TnetId *achanged;        /* stops whose arr improved this minute */
  guint n_achanged;
  guint8 *is_achanged;
  /* range queries with egress: egress rows grouped by stop, and per target
   * the best arrival through a stop and the direct walk; grown on demand */
  guint *eg_first;         /* n_stops + 1 */
  guint *eg_target;        /* egress rows by stop: target and walk */
  guint32 *eg_walk;
  guint eg_cap;
  gint32 *t_best;
  gint32 *t_direct;
  guint t_cap;
  /* street walks: scratch of the foot search (initialised when the
   * timetable has a walk network) */
  TnetFootSearch foot;
  guint32 foot_budget_ms;  /* budget of the last foot search; 0 before any */
  /* the stop of the range query running (NULL outside one, or when it has
   * none), and
   * why it stopped: 0 not, 1 cancelled, 2 past the deadline */
  const TnetRaptorStop *stop;
  int stopped;
  /* failures: hop_blocked[route_stop_first[r] + i] says the ride from the
   * i-th to the (i+1)-th stop of route r is blocked, route_blocked[r] that
   * the whole route is; both NULL until the first block, and zero except
   * at the entries listed in blocked_hops / blocked_routes */
  guint8 *hop_blocked;
  guint8 *route_blocked;
  GArray *blocked_hops;    /* guint: route stop indices set */
  GArray *blocked_routes;  /* guint: routes set */
};

TnetRaptor *
tnet_raptor_new (const TnetTimetable *tt)
{
  g_return_val_if_fail (tt != NULL, NULL);
  TnetRaptor *ws = g_new0 (TnetRaptor, 1);
  const TnetITimetable *tv = tnet_i_timetable_view (tt);
  guint n = MAX (tv->n_stops, 1), nr = MAX (tv->n_routes, 1);
  ws->tt = tnet_timetable_ref (tt);
  ws->tv = tv;
  ws->n_stops = tv->n_stops;
  ws->veh = g_new (gint32, n);
  ws->board = g_new (gint32, n);
  ws->arr = g_new (gint32, n);
  ws->veh_trip = g_new (guint, n);
  ws->veh_route = g_new (guint, n);
  ws->veh_board_pos = g_new (guint, n);
  ws->board_from = g_new (TnetId, n);
  ws->arr_from = g_new (TnetId, n);
  ws->arr_how = g_new0 (guint8, n);
  ws->marked = g_new (TnetId, n);
  ws->is_marked = g_new0 (guint8, n);
  ws->vmarked = g_new (TnetId, n);
  ws->is_vmarked = g_new0 (guint8, n);
  ws->route_from = g_new (guint, nr);
  for (guint r = 0; r < nr; r++)
    ws->route_from[r] = G_MAXUINT;
  ws->routes = g_new (guint, nr);
  ws->board_scanned = g_new (gint32, n);
  ws->be_first = g_new (guint, n + 1);
  ws->be = g_new (BoardEntry, MAX (tv->stop_route_first[tv->n_stops], 1));
  guint n_be = 0;
  ws->be_first[0] = 0;
  for (guint s = 0; s < tv->n_stops; s++)
    {
      for (guint j = tv->stop_route_first[s]; j < tv->stop_route_first[s + 1]; j++)
        {
          guint r = tv->stop_route[j], pos = tv->stop_route_pos[j];
          if (!(tv->route_flags[tv->route_stop_first[r] + pos] & TNET_I_RS_BOARD))
            continue;
          BoardEntry *e = &ws->be[n_be++];
          e->n_trips = tv->route_trip_first[r + 1] - tv->route_trip_first[r];
          e->dep = tv->dep + tv->route_time_first[r] + (gsize) pos * e->n_trips;
          e->route = r;
          e->pos = pos;
          e->trip = 0;
          e->pad = 0;
        }
      ws->be_first[s + 1] = n_be;
    }
  ws->achanged = g_new (TnetId, n);
  ws->is_achanged = g_new0 (guint8, n);
  ws->eg_first = g_new0 (guint, n + 1);
  for (guint s = 0; s < n; s++)
    ws->veh[s] = ws->board[s] = ws->arr[s] = ws->board_scanned[s] = INF;
  if (tv->foot)
    tnet_i_foot_search_init (&ws->foot, tv->foot->n_nodes);
  return ws;
}

void
tnet_raptor_free (TnetRaptor *ws)
{
  if (ws == NULL)
    return;
  g_free (ws->veh);
  g_free (ws->board);
  g_free (ws->arr);
  g_free (ws->veh_trip);
  g_free (ws->veh_route);
  g_free (ws->veh_board_pos);
  g_free (ws->board_from);
  g_free (ws->arr_from);
  g_free (ws->arr_how);
  g_free (ws->marked);
  g_free (ws->is_marked);
  g_free (ws->vmarked);
  g_free (ws->is_vmarked);
  g_free (ws->route_from);
  g_free (ws->routes);
  g_free (ws->board_scanned);
  g_free (ws->be_first);
  g_free (ws->be);
  g_free (ws->achanged);
  g_free (ws->is_achanged);
  g_free (ws->eg_first);
  g_free (ws->eg_target);
  g_free (ws->eg_walk);
  g_free (ws->t_best);
  g_free (ws->t_direct);
  g_free (ws->hop_blocked);
  g_free (ws->route_blocked);
  if (ws->blocked_hops)
    g_array_unref (ws->blocked_hops);
  if (ws->blocked_routes)
    g_array_unref (ws->blocked_routes);
  if (ws->tv->foot)
    tnet_i_foot_search_destroy (&ws->foot);
  tnet_timetable_unref (ws->tt);
  g_free (ws);
}

static void
reset (TnetRaptor *ws)
{
  for (guint s = 0; s < ws->n_stops; s++)
    {
      ws->veh[s] = ws->board[s] = ws->arr[s] = ws->board_scanned[s] = INF;
      ws->arr_how[s] = HOW_NONE;
      ws->is_achanged[s] = 0;
    }
  ws->n_achanged = 0;
}

/* arr[s] improved: remember s for the egress of a range query */
static inline void
amark (TnetRaptor *ws, TnetId s)
{
  if (!ws->is_achanged[s])
    {
      ws->is_achanged[s] = 1;
      ws->achanged[ws->n_achanged++] = s;
    }
}

static inline void
mark (TnetRaptor *ws, TnetId s)
{
  if (!ws->is_marked[s])
    {
      ws->is_marked[s] = 1;
      ws->marked[ws->n_marked++] = s;
    }
}

static void
seed_access (TnetRaptor *ws, const TnetStopWalk *access, guint n_access, gint32 depart)
{
  for (guint i = 0; i < n_access; i++)
    {
      TnetId s = access[i].stop;
      if (s >= ws->n_stops)
        continue;
      gint32 t = depart + (gint32) access[i].walk_s;
      if (t < ws->board[s])
        {
          ws->board[s] = t;
          ws->board_from[s] = TNET_ID_NONE;
          mark (ws, s);
        }
      if (t < ws->arr[s])
        {
          ws->arr[s] = t;
          ws->arr_how[s] = HOW_ACCESS;
          amark (ws, s);
        }
    }
}

/* The first trip in [@lo, @hi) whose departure dep[trip] is >= @t, or
 * @hi (binary search; departures are sorted). */
static inline guint
first_trip_in (const gint32 *dep, guint lo, guint hi, gint32 t)
{
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (dep[mid] < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* The first trip in [0, @hi) whose departure is >= @t, or @hi. */
static inline guint
first_trip_at (const gint32 *dep, guint hi, gint32 t)
{
  return first_trip_in (dep, 0, hi, t);
}

/* Given that trip @hi (relative) leaves at or after @t at the position of
 * @dep, the first trip that does: an exponential search
 * backwards, since in a range query the labels move back a little at a
 * time. */
static inline guint
earlier_trip (const gint32 *dep, guint hi, gint32 t)
{
  guint d = 1;
  while (hi > 0 && dep[hi - 1] >= t)
    {
      guint lo = hi > d ? hi - d : 0;
      if (dep[lo] >= t)
        {
          hi = lo;
          d *= 2;
          continue;
        }
      /* the answer is in (lo, hi] */
      return first_trip_in (dep, lo + 1, hi, t);
    }
  return hi;
}

static void
scan_route (TnetRaptor *ws, guint r, guint from)
{
  const TnetITimetable *tt = ws->tv;
  guint first = tt->route_stop_first[r];
  guint ns = tt->route_stop_first[r + 1] - first;
  guint nt = tt->route_trip_first[r + 1] - tt->route_trip_first[r];
  const TnetId *stops = tt->route_stops + first;
  const guint8 *flags = tt->route_flags + first;
  const gint32 *arr = tt->arr + tt->route_time_first[r];
  const gint32 *dep = tt->dep + tt->route_time_first[r];
  const guint8 *hop_blocked = ws->hop_blocked ? ws->hop_blocked + first : NULL;
  guint cur = nt;            /* current trip (relative), nt = none */
  guint board_pos = 0;
  for (guint i = from; i < ns; i++)
    {
      TnetId s = stops[i];
      if (cur < nt && (flags[i] & TNET_I_RS_ALIGHT))
        {
          gint32 a = arr[(gsize) cur * ns + i];
          if (a < ws->veh[s])
            {
              ws->veh[s] = a;
              ws->veh_trip[s] = tt->route_trip_first[r] + cur;
              ws->veh_route[s] = r;
              ws->veh_board_pos[s] = board_pos;
              if (!ws->is_vmarked[s])
                {
                  ws->is_vmarked[s] = 1;
                  ws->vmarked[ws->n_vmarked++] = s;
                }
              if (a < ws->arr[s])
                {
                  ws->arr[s] = a;
                  ws->arr_how[s] = HOW_VEHICLE;
                  amark (ws, s);
                }
            }
        }
      /* an earlier trip than the current one can be caught only when the
       * trip just before it leaves at or after the board label */
      const gint32 *dep_i = dep + (gsize) i * nt;
      if ((flags[i] & TNET_I_RS_BOARD) && ws->board[s] != INF && cur > 0
          && dep_i[cur - 1] >= ws->board[s])
        {
          guint t = cur == nt ? first_trip_at (dep_i, cur, ws->board[s])
                              : earlier_trip (dep_i, cur - 1, ws->board[s]);
          if (t < cur)
            {
              cur = t;
              board_pos = i;
            }
        }
      /* a blocked hop: no trip rides on from here */
      if (hop_blocked && hop_blocked[i])
        cur = nt;
    }
}

/* Why @st says to give up now: 0 not, 1 cancelled, 2 past the deadline. */
static int
stop_reason (const TnetRaptorStop *st)
{
  if (st == NULL)
    return 0;
  if (st->cancellable && g_cancellable_is_cancelled (st->cancellable))
    return 1;
  if (st->deadline_us > 0 && g_get_monotonic_time () > st->deadline_us)
    return 2;
  return 0;
}

/* Whether the query's stop says to give up now (remembered in ws->stopped). */
static gboolean
should_stop (TnetRaptor *ws)
{
  if (ws->stopped == 0)
    ws->stopped = stop_reason (ws->stop);
  return ws->stopped != 0;
}

/* Returns FALSE when the query's stop ended it (marks cleared). */
static gboolean
run_rounds (TnetRaptor *ws)
{
  const TnetITimetable *tt = ws->tv;
  while (ws->n_marked > 0)
    {
      if (should_stop (ws))
        {
          for (guint k = 0; k < ws->n_marked; k++)
            ws->is_marked[ws->marked[k]] = 0;
          ws->n_marked = 0;
          return FALSE;
        }
      /* routes through the marked stops, from their earliest marked stop */
      ws->n_routes = 0;
      for (guint k = 0; k < ws->n_marked; k++)
        {
          TnetId s = ws->marked[k];
          ws->is_marked[s] = 0;
          gint32 b_new = ws->board[s], b_old = ws->board_scanned[s];
          ws->board_scanned[s] = b_new;
          for (BoardEntry *e = ws->be + ws->be_first[s], *end = ws->be + ws->be_first[s + 1];
               e < end; e++)
            {
              /* route pruning: when the route was already scanned from s
               * with the label b_old, boarding trip e->trip, and no
               * earlier trip leaves s at or after b_new, the same trip
               * would be boarded again and improve nothing. Labels only
               * decrease, so the cached trip moves back one trip at a
               * time. */
              guint t;
              const gint32 *dep = e->dep;
              if (b_old == INF)
                {
                  t = first_trip_at (dep, e->n_trips, b_new);
                  e->trip = t;
                  if (t == e->n_trips)
                    continue;   /* no trip left to board here */
                }
              else
                {
                  t = e->trip;
                  if (t == 0 || dep[t - 1] < b_new)
                    continue;
                  while (t > 0 && dep[t - 1] >= b_new)
                    t--;
                  e->trip = t;
                }
              guint r = e->route;
              if (ws->route_blocked && ws->route_blocked[r])
                continue;
              if (ws->route_from[r] == G_MAXUINT)
                ws->routes[ws->n_routes++] = r;
              if (e->pos < ws->route_from[r])
                ws->route_from[r] = e->pos;
            }
        }
      ws->n_marked = 0;
      for (guint k = 0; k < ws->n_routes; k++)
        {
          guint r = ws->routes[k];
          scan_route (ws, r, ws->route_from[r]);
          ws->route_from[r] = G_MAXUINT;
        }
      /* footpaths from the stops reached by vehicle */
      for (guint k = 0; k < ws->n_vmarked; k++)
        {
          TnetId p = ws->vmarked[k];
          ws->is_vmarked[p] = 0;
          gint32 vp = ws->veh[p];
          for (guint j = tt->fp_first[p]; j < tt->fp_first[p + 1]; j++)
            {
              TnetId q = tt->fp_to[j];
              gint32 t = vp + (gint32) tt->fp_s[j];
              if (t < ws->board[q])
                {
                  ws->board[q] = t;
                  ws->board_from[q] = p;
                  mark (ws, q);
                }
              if (q != p && t < ws->arr[q])
                {
                  ws->arr[q] = t;
                  ws->arr_how[q] = HOW_FOOT;
                  ws->arr_from[q] = p;
                  amark (ws, q);
                }
            }
        }
      ws->n_vmarked = 0;
    }
  return TRUE;
}

void
tnet_raptor_run (TnetRaptor *ws, const TnetStopWalk *access, guint n_access,
                 gint32 depart_s)
{
  g_return_if_fail (ws != NULL && (access != NULL || n_access == 0));
  reset (ws);
  ws->depart_s = depart_s;
  seed_access (ws, access, n_access, depart_s);
  (void) run_rounds (ws);   /* no stop outside a cancellable query */
}

const TnetTimetable *
tnet_raptor_get_timetable (const TnetRaptor *ws)
{
  g_return_val_if_fail (ws != NULL, NULL);
  return ws->tt;
}

/* ------------------------------------------------------------- failures */

void
tnet_raptor_block_hop (TnetRaptor *ws, guint route, guint pos)
{
  g_return_if_fail (ws != NULL && route < ws->tv->n_routes);
  const TnetITimetable *tt = ws->tv;
  guint first = tt->route_stop_first[route];
  g_return_if_fail (pos + 1 < tt->route_stop_first[route + 1] - first);
  if (ws->hop_blocked == NULL)
    {
      ws->hop_blocked = g_new0 (guint8, MAX (tt->route_stop_first[tt->n_routes], 1));
      ws->blocked_hops = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  guint h = first + pos;
  if (!ws->hop_blocked[h])
    {
      ws->hop_blocked[h] = 1;
      g_array_append_val (ws->blocked_hops, h);
    }
}

void
tnet_raptor_block_route (TnetRaptor *ws, guint route)
{
  g_return_if_fail (ws != NULL && route < ws->tv->n_routes);
  if (ws->route_blocked == NULL)
    {
      ws->route_blocked = g_new0 (guint8, MAX (ws->tv->n_routes, 1));
      ws->blocked_routes = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  if (!ws->route_blocked[route])
    {
      ws->route_blocked[route] = 1;
      g_array_append_val (ws->blocked_routes, route);
    }
}

void
tnet_raptor_clear_blocks (TnetRaptor *ws)
{
  g_return_if_fail (ws != NULL);
  for (guint i = 0; ws->blocked_hops && i < ws->blocked_hops->len; i++)
    ws->hop_blocked[g_array_index (ws->blocked_hops, guint, i)] = 0;
  for (guint i = 0; ws->blocked_routes && i < ws->blocked_routes->len; i++)
    ws->route_blocked[g_array_index (ws->blocked_routes, guint, i)] = 0;
  if (ws->blocked_hops)
    g_array_set_size (ws->blocked_hops, 0);
  if (ws->blocked_routes)
    g_array_set_size (ws->blocked_routes, 0);
}

gboolean
tnet_i_raptor_journey_rides (const TnetRaptor *ws, TnetId stop, GArray *rides)
{
  if (stop >= ws->n_stops || ws->arr[stop] == INF)
    return FALSE;
  const TnetITimetable *tt = ws->tv;
  TnetId s = stop;
  switch (ws->arr_how[s])
    {
    case HOW_ACCESS:
      return TRUE;
    case HOW_FOOT:
      s = ws->arr_from[s];
      break;
    case HOW_VEHICLE:
      break;
    default:
      return FALSE;
    }
  for (guint guard = 0; guard < 4 * ws->n_stops + 4; guard++)
    {
      guint r = ws->veh_route[s], trip = ws->veh_trip[s], bp = ws->veh_board_pos[s];
      guint first = tt->route_stop_first[r], ns = tt->route_stop_first[r + 1] - first;
      guint rel = trip - tt->route_trip_first[r];
      /* the alighting position: the first call at s after boarding where
       * the trip arrives at veh[s] (a route may call at a stop twice) */
      guint ap = bp + 1;
      const gint32 *arr = tt->arr + tt->route_time_first[r] + (gsize) rel * ns;
      while (ap < ns && !(tt->route_stops[first + ap] == s && arr[ap] == ws->veh[s]))
        ap++;
      if (ap == ns)
        return FALSE;
      TnetIRaptorRide ride = { r, bp, ap };
      g_array_append_val (rides, ride);
      TnetId b = tt->route_stops[first + bp];
      TnetId from = ws->board_from[b];
      if (from == TNET_ID_NONE)
        return TRUE;
      s = from;
    }
  return FALSE;   /* a zero-time cycle */
}

gint32
tnet_raptor_arrival (const TnetRaptor *ws, TnetId stop)
{
  g_return_val_if_fail (ws != NULL, INF);
  return stop < ws->n_stops ? ws->arr[stop] : INF;
}

/* The row of one minute computed directly from the labels. */
static void
egress_row (const TnetRaptor *ws, gint32 dep, const TnetEgress *egress, guint n_egress,
            guint n_targets, gint32 *row)
{
  for (guint t = 0; t < n_targets; t++)
    row[t] = INF;
  for (guint e = 0; e < n_egress; e++)
    {
      const TnetEgress *x = &egress[e];
      gint32 a;
      if (x->stop == TNET_ID_NONE)
        a = dep + (gint32) x->walk_s;
      else if (x->stop < ws->n_stops && ws->arr[x->stop] != INF)
        a = ws->arr[x->stop] + (gint32) x->walk_s;
      else
        continue;
      if (x->target < n_targets && a - dep < row[x->target])
        row[x->target] = a - dep;
    }
}

/* Groups the egress rows by stop (counting sort) and sets the targets'
 * direct walks. */
static void
egress_prepare (TnetRaptor *ws, const TnetEgress *egress, guint n_egress, guint n_targets)
{
  if (n_egress > ws->eg_cap)
    {
      ws->eg_cap = MAX (n_egress, 2 * ws->eg_cap);
      ws->eg_target = g_renew (guint, ws->eg_target, ws->eg_cap);
      ws->eg_walk = g_renew (guint32, ws->eg_walk, ws->eg_cap);
    }
  if (n_targets > ws->t_cap)
    {
      ws->t_cap = MAX (n_targets, 2 * ws->t_cap);
      ws->t_best = g_renew (gint32, ws->t_best, ws->t_cap);
      ws->t_direct = g_renew (gint32, ws->t_direct, ws->t_cap);
    }
  guint *first = ws->eg_first;
  memset (first, 0, (ws->n_stops + 1) * sizeof *first);
  for (guint t = 0; t < n_targets; t++)
    ws->t_best[t] = ws->t_direct[t] = INF;
  for (guint e = 0; e < n_egress; e++)
    {
      const TnetEgress *x = &egress[e];
      if (x->target >= n_targets)
        continue;
      if (x->stop == TNET_ID_NONE)
        {
          if ((gint32) MIN (x->walk_s, (guint32) INF) < ws->t_direct[x->target])
            ws->t_direct[x->target] = (gint32) MIN (x->walk_s, (guint32) INF);
        }
      else if (x->stop < ws->n_stops)
        first[x->stop + 1]++;
    }
  for (guint s = 0; s < ws->n_stops; s++)
    first[s + 1] += first[s];
  for (guint e = 0; e < n_egress; e++)
    {
      const TnetEgress *x = &egress[e];
      if (x->target < n_targets && x->stop != TNET_ID_NONE && x->stop < ws->n_stops)
        {
          ws->eg_target[first[x->stop]] = x->target;
          ws->eg_walk[first[x->stop]++] = x->walk_s;
        }
    }
  for (guint s = ws->n_stops; s > 0; s--)
    first[s] = first[s - 1];
  first[0] = 0;
}

void
tnet_raptor_stop_init (TnetRaptorStop *stop)
{
  g_return_if_fail (stop != NULL);
  memset (stop, 0, sizeof *stop);
}

/* The range query; FALSE when ws->stop ended it. */
static gboolean
run_range (TnetRaptor *ws, const TnetStopWalk *access, guint n_access, gint32 first_depart_s,
           guint n_minutes, const TnetEgress *egress, guint n_egress, guint n_targets,
           gint32 *out)
{
  reset (ws);
  /* with several minutes and egress rows, each minute updates only the
   * targets of the stops whose arrival it improved (arrivals only decrease
   * from one minute to the previous one) */
  gboolean incremental = egress != NULL && n_minutes > 1;
  if (incremental)
    egress_prepare (ws, egress, n_egress, n_targets);
  for (guint m = n_minutes; m-- > 0;)
    {
      gint32 dep = first_depart_s + 60 * (gint32) m;
      ws->depart_s = dep;
      seed_access (ws, access, n_access, dep);
      /* a minute with nothing to scan is checked too: a long window of
       * minutes that change nothing still takes time */
      if (should_stop (ws) || !run_rounds (ws))
        {
          for (guint k = 0; k < ws->n_marked; k++)
            ws->is_marked[ws->marked[k]] = 0;
          ws->n_marked = 0;
          return FALSE;
        }
      gint32 *row = out + (gsize) m * n_targets;
      if (egress == NULL)
        {
          for (guint s = 0; s < n_targets; s++)
            row[s] = ws->arr[s] == INF ? INF : ws->arr[s] - dep;
        }
      else if (!incremental)
        egress_row (ws, dep, egress, n_egress, n_targets, row);
      else
        {
          for (guint k = 0; k < ws->n_achanged; k++)
            {
              TnetId s = ws->achanged[k];
              gint32 as = ws->arr[s];
              for (guint j = ws->eg_first[s]; j < ws->eg_first[s + 1]; j++)
                {
                  gint32 a = as + (gint32) ws->eg_walk[j];
                  if (a < ws->t_best[ws->eg_target[j]])
                    ws->t_best[ws->eg_target[j]] = a;
                }
            }
          for (guint t = 0; t < n_targets; t++)
            {
              gint32 v = ws->t_best[t] == INF ? INF : ws->t_best[t] - dep;
              row[t] = MIN (v, ws->t_direct[t]);
            }
        }
      for (guint k = 0; k < ws->n_achanged; k++)
        ws->is_achanged[ws->achanged[k]] = 0;
      ws->n_achanged = 0;
    }
  return TRUE;
}

static void
stop_error (int why, GError **error)
{
  if (why == 2)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                         "the timetable query passed its deadline");
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                         "the timetable query was cancelled");
}

gboolean
tnet_i_raptor_stop_check (const TnetRaptorStop *stop, GError **error)
{
  int why = stop_reason (stop);
  if (why != 0)
    stop_error (why, error);
  return why == 0;
}

gboolean
tnet_raptor_run_range (TnetRaptor *ws, const TnetStopWalk *access, guint n_access,
                       gint32 first_depart_s, guint n_minutes, const TnetEgress *egress,
                       guint n_egress, guint n_targets, gint32 *out, const TnetRaptorStop *stop,
                       GError **error)
{
  g_return_val_if_fail (ws != NULL && (access != NULL || n_access == 0) && out != NULL, FALSE);
  g_return_val_if_fail (egress != NULL || n_targets == ws->n_stops, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  ws->stop = stop;
  ws->stopped = 0;
  gboolean ok = run_range (ws, access, n_access, first_depart_s, n_minutes, egress, n_egress,
                           n_targets, out);
  int why = ws->stopped;
  ws->stop = NULL;
  ws->stopped = 0;
  if (!ok)
    stop_error (why, error);
  return ok;
}

static int
cmp_i32 (const void *a, const void *b)
{
  gint32 x = *(const gint32 *) a, y = *(const gint32 *) b;
  return x < y ? -1 : x > y;
}

static void
insertion_sort_i32 (gint32 *v, guint n)
{
  for (guint i = 1; i < n; i++)
    {
      gint32 x = v[i];
      guint j = i;
      for (; j > 0 && v[j - 1] > x; j--)
        v[j] = v[j - 1];
      v[j] = x;
    }
}

/* Multiple selection: reorders v[lo, hi) so that each of the 0-based
 * ranks[r_lo, r_hi) (ascending, all in [lo, hi)) holds the value the
 * sorted array has there. Quickselect with a three-way partition around
 * the median of three (a window's series repeat values: the unreached, a
 * walk all the way; a constant series takes one pass), recursing only into the parts that hold a rank; the
 * depth is bounded by falling back to a sort after 2 log2 n levels. */
static void
select_ranks (gint32 *v, guint lo, guint hi, const guint *ranks, guint r_lo, guint r_hi,
              guint depth)
{
  while (r_lo < r_hi)
    {
      guint n = hi - lo;
      if (n <= 16 || depth == 0)
        {
          if (n <= 16)
            insertion_sort_i32 (v + lo, n);
          else
            qsort (v + lo, n, sizeof *v, cmp_i32);
          return;
        }
      depth--;
      gint32 a = v[lo], b = v[lo + n / 2], c = v[hi - 1];
      gint32 pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
      /* v[lo, lt) < pivot, v[lt, i) == pivot, v[gt, hi) > pivot */
      guint lt = lo, i = lo, gt = hi;
      while (i < gt)
        {
          gint32 x = v[i];
          if (x < pivot)
            {
              v[i++] = v[lt];
              v[lt++] = x;
            }
          else if (x > pivot)
            {
              v[i] = v[--gt];
              v[gt] = x;
            }
          else
            i++;
        }
      guint m1 = r_lo, m2;
      while (m1 < r_hi && ranks[m1] < lt)
        m1++;
      m2 = m1;
      while (m2 < r_hi && ranks[m2] < gt)
        m2++;
      /* ranks[r_lo, m1) lie left, [m1, m2) on the pivot, [m2, r_hi) right:
       * recurse into the smaller side, loop on the other */
      if (m1 - r_lo <= r_hi - m2)
        {
          select_ranks (v, lo, lt, ranks, r_lo, m1, depth);
          lo = gt;
          r_lo = m2;
        }
      else
        {
          select_ranks (v, gt, hi, ranks, m2, r_hi, depth);
          hi = lt;
          r_hi = m1;
        }
    }
}

void
tnet_percentiles (gint32 *values, guint n, const double *pcts, guint n_pcts, gint32 *out)
{
  g_return_if_fail ((values != NULL || n == 0) && (pcts != NULL || n_pcts == 0));
  if (n == 0)
    {
      for (guint i = 0; i < n_pcts; i++)
        out[i] = INF;
      return;
    }
  /* nearest rank: the max(1, ceil(p / 100 x n))-th smallest */
  guint stack_rank[16];
  guint *rank = n_pcts <= G_N_ELEMENTS (stack_rank) ? stack_rank : g_new (guint, n_pcts);
  for (guint i = 0; i < n_pcts; i++)
    {
      double p = CLAMP (pcts[i], 0.0, 100.0);
      guint r = (guint) ceil (p / 100.0 * n - 1e-9);
      rank[i] = CLAMP (r, 1u, n) - 1;
    }
  /* the ranks in ascending order for the selection (a few: insertion) */
  guint stack_sorted[16];
  guint *sorted = n_pcts <= G_N_ELEMENTS (stack_sorted) ? stack_sorted
                  : g_new (guint, n_pcts);
  for (guint i = 0; i < n_pcts; i++)
    {
      guint r = rank[i], j = i;
      for (; j > 0 && sorted[j - 1] > r; j--)
        sorted[j] = sorted[j - 1];
      sorted[j] = r;
    }
  guint depth = 2;
  for (guint m = n; m > 1; m >>= 1)
    depth += 2;
  select_ranks (values, 0, n, sorted, 0, n_pcts, depth);
  if (sorted != stack_sorted)
    g_free (sorted);
  for (guint i = 0; i < n_pcts; i++)
    out[i] = values[rank[i]];
  if (rank != stack_rank)
    g_free (rank);
}

gboolean
tnet_raptor_journey (const TnetRaptor *ws, TnetId stop, GArray *out)
{
  g_return_val_if_fail (ws != NULL && out != NULL, FALSE);
  g_array_set_size (out, 0);
  if (stop >= ws->n_stops || ws->arr[stop] == INF)
    return FALSE;
  const TnetITimetable *tt = ws->tv;
  /* walk back, collecting legs in reverse */
  TnetId s = stop;
  gboolean at_vehicle = FALSE;   /* TRUE: continue from veh[s]; else from arr[s] */
  switch (ws->arr_how[s])
    {
    case HOW_ACCESS:
      {
        TnetTransitLeg l = { TNET_TRANSIT_LEG_ACCESS, TNET_ID_NONE, s, ws->depart_s,
                             ws->arr[s], 0, NULL, NULL, TNET_MODE_WALK, TNET_ID_NONE };
        g_array_append_val (out, l);
        return TRUE;
      }
    case HOW_FOOT:
      {
        TnetId p = ws->arr_from[s];
        TnetTransitLeg l = { TNET_TRANSIT_LEG_TRANSFER, p, s, ws->veh[p], ws->arr[s], 0,
                             NULL, NULL, TNET_MODE_WALK, TNET_ID_NONE };
        g_array_append_val (out, l);
        s = p;
        at_vehicle = TRUE;
        break;
      }
    case HOW_VEHICLE:
      at_vehicle = TRUE;
      break;
    default:
      return FALSE;
    }
  for (guint guard = 0; at_vehicle && guard < 4 * ws->n_stops + 4; guard++)
    {
      guint r = ws->veh_route[s], trip = ws->veh_trip[s], bp = ws->veh_board_pos[s];
      guint nt = tt->route_trip_first[r + 1] - tt->route_trip_first[r];
      TnetId b = tt->route_stops[tt->route_stop_first[r] + bp];
      gint32 dep = tt->dep[tt->route_time_first[r] + (gsize) bp * nt
                           + (trip - tt->route_trip_first[r])];
      TnetTransitLeg ride = { TNET_TRANSIT_LEG_RIDE, b, s, dep, ws->veh[s],
                              dep - ws->board[b], tt->trip_id[trip], tt->route_name[r],
                              tt->route_mode[r], TNET_ID_NONE };
      g_array_append_val (out, ride);
      TnetId from = ws->board_from[b];
      if (from == TNET_ID_NONE)
        {
          TnetTransitLeg l = { TNET_TRANSIT_LEG_ACCESS, TNET_ID_NONE, b, ws->depart_s,
                               ws->board[b], 0, NULL, NULL, TNET_MODE_WALK, TNET_ID_NONE };
          g_array_append_val (out, l);
          at_vehicle = FALSE;
          break;
        }
      if (from != b)
        {
          TnetTransitLeg l = { TNET_TRANSIT_LEG_TRANSFER, from, b, ws->veh[from],
                               ws->board[b], 0, NULL, NULL, TNET_MODE_WALK, TNET_ID_NONE };
          g_array_append_val (out, l);
        }
      s = from;
    }
  if (at_vehicle)
    {
      g_array_set_size (out, 0);   /* a zero-time cycle: give up rather than loop */
      return FALSE;
    }
  /* reverse into travel order */
  TnetTransitLeg *l = (TnetTransitLeg *) (void *) out->data;
  for (guint i = 0, j = out->len - 1; i < j; i++, j--)
    {
      TnetTransitLeg x = l[i];
      l[i] = l[j];
      l[j] = x;
    }
  return TRUE;
}

/* ----------------------------------------------------------- street walks */

/* The walking budgets of the public calls are milliseconds; each is
 * rounded once, to the nearest second (tnet_i_whole_s(): TNET_WEIGHT_INF
 * becomes G_MAXUINT, no limit), and the tnet_i_*_s() forms below, which
 * the other files of lib/paths call, work in those whole seconds. */

gboolean
tnet_i_raptor_walks_from_node_s (TnetRaptor *ws, TnetId node, guint max_walk_s,
                                 TnetId target_node, guint32 *target_walk_s, GArray *out)
{
  const TnetITimetable *tt = ws->tv;
  if (target_walk_s)
    *target_walk_s = G_MAXUINT32;
  if (tt->foot == NULL || node >= tt->foot->n_nodes
      || tt->foot->first[node] == tt->foot->first[node + 1])
    return FALSE;
  guint32 budget_ms = (guint32) MIN ((guint64) max_walk_s * 1000, (guint64) 4000000000u);
  guint n = tnet_i_foot_search_run (tt->foot, &ws->foot, node, budget_ms);
  ws->foot_budget_ms = budget_ms;
  /* touched[] is in order of first discovery, not of distance: collect the
   * stops, then sort them by walk */
  guint first = out->len;
  for (guint i = 0; i < n; i++)
    {
      TnetId v = ws->foot.touched[i];
      guint32 d = ws->foot.dist[v];
      if (d > budget_ms)
        continue;
      guint32 s = (d + 999) / 1000;
      if (v == target_node && target_walk_s)
        *target_walk_s = s;
      if (tt->node_stop[v] != TNET_ID_NONE)
        {
          TnetStopWalk w = { tt->node_stop[v], s };
          g_array_append_val (out, w);
        }
    }
  if (out->len - first > 1)
    qsort (&g_array_index (out, TnetStopWalk, first), out->len - first,
           sizeof (TnetStopWalk), cmp_stop_walk);
  return TRUE;
}

gboolean
tnet_raptor_walks_from_node (TnetRaptor *ws, TnetId node, TnetWeight max_walk_ms,
                             TnetId target_node, guint32 *target_walk_s, GArray *out)
{
  g_return_val_if_fail (ws != NULL && out != NULL, FALSE);
  return tnet_i_raptor_walks_from_node_s (ws, node, tnet_i_whole_s (max_walk_ms), target_node,
                                          target_walk_s, out);
}

guint32
tnet_raptor_walk_to_node (const TnetRaptor *ws, TnetId node)
{
  g_return_val_if_fail (ws != NULL, G_MAXUINT32);
  const TnetITimetable *tt = ws->tv;
  if (tt->foot == NULL || node >= tt->foot->n_nodes || ws->foot.dist == NULL)
    return G_MAXUINT32;
  /* nodes beyond the budget hold only tentative distances */
  guint32 d = ws->foot.dist[node];
  return d <= ws->foot_budget_ms ? (d + 999) / 1000 : G_MAXUINT32;
}

gboolean
tnet_i_raptor_walks_from_place_s (TnetRaptor *ws, TnetId node, double lon, double lat,
                                  guint max_walk_s, GArray *out)
{
  const TnetITimetable *tt = ws->tv;
  gboolean street = node != TNET_ID_NONE
                    && tnet_i_raptor_walks_from_node_s (ws, node, max_walk_s, TNET_ID_NONE,
                                                        NULL, out);
  if (isnan (lon) || isnan (lat))
    return street;
  guint first = out->len;
  tnet_i_timetable_walks_near_s (ws->tt, lon, lat, max_walk_s, out);
  if (!street)
    return FALSE;
  /* the stops on the street were walked to over it: keep the straight
   * lines to the others, in place */
  TnetStopWalk *w = (TnetStopWalk *) (void *) out->data;
  guint k = first;
  for (guint i = first; i < out->len; i++)
    if (tt->stop_node[w[i].stop] == TNET_ID_NONE)
      w[k++] = w[i];
  g_array_set_size (out, k);
  return TRUE;
}

gboolean
tnet_raptor_walks_from_place (TnetRaptor *ws, TnetId node, double lon, double lat,
                              TnetWeight max_walk_ms, GArray *out)
{
  g_return_val_if_fail (ws != NULL && out != NULL, FALSE);
  return tnet_i_raptor_walks_from_place_s (ws, node, lon, lat, tnet_i_whole_s (max_walk_ms),
                                           out);
}

gboolean
tnet_raptor_walks_from_place_id (TnetRaptor *ws, const TnetNetwork *net, const char *id,
                                 TnetWeight max_walk_ms, GArray *out, double *lon, double *lat,
                                 TnetId *node, GError **error)
{
  g_return_val_if_fail (ws != NULL && id != NULL && out != NULL, FALSE);
  g_return_val_if_fail (lon != NULL && lat != NULL && node != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  *node = TNET_ID_NONE;
  TnetId s = tnet_timetable_find_stop (ws->tt, id);
  if (s != TNET_ID_NONE)
    {
      TnetStopWalk w = { s, 0 };
      g_array_append_val (out, w);
      tnet_timetable_stop_position (ws->tt, s, lon, lat);
      if (!isnan (*lon))
        tnet_i_timetable_walks_near_s (ws->tt, *lon, *lat, 0, out);
      return TRUE;
    }
  TnetId v = net ? tnet_place_find_node (net, id) : TNET_ID_NONE;
  if (v == TNET_ID_NONE)
    {
      const char *sugg = net ? tnet_place_suggest (net, id, FALSE) : NULL;
      g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                   "unknown place '%s', expected a stop id of the feed or a node id or "
                   "name%s%s%s", id, sugg ? " (did you mean '" : "", sugg ? sugg : "",
                   sugg ? "'?)" : "");
      return FALSE;
    }
  const TnetNode *n = tnet_network_node (net, v);
  *lon = n->lon;
  *lat = n->lat;
  *node = v;
  tnet_i_raptor_walks_from_place_s (ws, v, n->lon, n->lat, tnet_i_whole_s (max_walk_ms), out);
  return TRUE;
}

void
tnet_i_raptor_walks_from_links_s (TnetRaptor *ws, const TnetNetwork *net,
                                  const TnetTripEnd *end, guint max_walk_s, GArray *out,
                                  GArray *via)
{
  g_autoptr (GArray) scratch = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  /* stop + 1 -> its row of @out + 1: one row per stop, the best link's */
  g_autoptr (GHashTable) row = g_hash_table_new (NULL, NULL);
  guint base = out->len;   /* via's row i is out's row base + i */
  for (guint c = 0; c < end->n_links; c++)
    {
      TnetId v = end->link_node[c];
      if (v >= tnet_network_n_nodes (net))
        continue;
      const TnetNode *n = tnet_network_node (net, v);
      /* the link in whole seconds, as the timetable counts */
      guint32 a = (guint32) MIN (((guint64) end->link_ms[c] + 500) / 1000, G_MAXUINT32 / 2);
      g_array_set_size (scratch, 0);
      tnet_i_raptor_walks_from_place_s (ws, v, n->lon, n->lat, max_walk_s, scratch);
      for (guint i = 0; i < scratch->len; i++)
        {
          TnetStopWalk w = g_array_index (scratch, TnetStopWalk, i);
          w.walk_s += a;
          gpointer k = GUINT_TO_POINTER (w.stop + 1), r = g_hash_table_lookup (row, k);
          if (r == NULL)
            {
              g_hash_table_insert (row, k, GUINT_TO_POINTER (out->len + 1));
              g_array_append_val (out, w);
              if (via)
                g_array_append_val (via, c);
            }
          else if (w.walk_s < g_array_index (out, TnetStopWalk, GPOINTER_TO_UINT (r) - 1).walk_s)
            {
              g_array_index (out, TnetStopWalk, GPOINTER_TO_UINT (r) - 1).walk_s = w.walk_s;
              if (via)
                g_array_index (via, guint, GPOINTER_TO_UINT (r) - 1 - base) = c;
            }
        }
    }
}

void
tnet_raptor_walks_from_links (TnetRaptor *ws, const TnetNetwork *net, const TnetTripEnd *end,
                              TnetWeight max_walk_ms, GArray *out, GArray *via)
{
  g_return_if_fail (ws != NULL && net != NULL && end != NULL && out != NULL);
  g_return_if_fail (end->n_links == 0 || (end->link_node != NULL && end->link_ms != NULL));
  tnet_i_raptor_walks_from_links_s (ws, net, end, tnet_i_whole_s (max_walk_ms), out, via);
}
