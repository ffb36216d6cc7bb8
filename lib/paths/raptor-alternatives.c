/* raptor-alternatives.c: disjoint alternatives by the timetable between
 * sets of places (tnet_raptor_alternatives()), for the corridors.
 *
 * Implementation notes. The ends are prepared once by the rule of
 * tnet_timetable_matrix() (tnet_i_raptor_dests_init() and
 * tnet_i_raptor_origin_rows(), the code the matrix runs), so with no block
 * a pair's time is exactly its commute cell. Each alternative is:
 *  1. per origin, one range query over the window with every block so far
 *     set in the workspace (a mask: the timetable is never copied), each
 *     wanted destination's percentile; the least one wins (lowest origin,
 *     then destination, on a tie);
 *  2. for the winning pair, one plain query per minute (same blocks): the
 *     journey of each minute (the egress row giving that minute's time,
 *     then tnet_i_raptor_journey_rides()) names the rides to block next;
 *     the first minute whose time is the percentile is the journey shown.
 *     A pair whose journeys ride nothing (they walk all the way) blocks
 *     nothing, so it is closed instead: the next search would repeat it.
 * A ridden hop is blocked as a stop pair: every hop of every route from
 * the same stop to the same next stop (an index sorted by stop pair finds
 * them); by line, every route of the ridden route's name.
 * Park-and-ride (tnet_park_ride_alternatives()) is the same search from
 * the rows of tnet_park_ride_matrix() (tnet_i_park_ride_origin_rows():
 * the drive does not depend on the departure, so the rows are built once
 * per origin); only rides are blocked, and the journey shown splits its
 * access into drive, park and walk (tnet_park_ride_journey()).
 */
#include "tnet-internal.h"
#include "raptor-private.h"

#include <gio/gio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One hop of the timetable, keyed by its stop pair. */
typedef struct {
  TnetId from, to;
  guint route, pos;
} PairHop;

static int
cmp_pair_hop (const void *a, const void *b)
{
  const PairHop *x = a, *y = b;
  if (x->from != y->from)
    return x->from < y->from ? -1 : 1;
  if (x->to != y->to)
    return x->to < y->to ? -1 : 1;
  if (x->route != y->route)
    return x->route < y->route ? -1 : 1;
  return (x->pos > y->pos) - (x->pos < y->pos);
}

/* The state of one call. */
typedef struct {
  const TnetTimetable *tt;
  const TnetRaptorFailuresOptions *opts;
  TnetRaptorDisjoint disjoint;
  guint n_dests;       /* destinations */
  GArray **access;     /* per origin: TnetStopWalk */
  GArray **egress;     /* per origin: TnetEgress */
  GArray **pr_rows;    /* per origin: TnetParkRideAccess of @access, or NULL (transit) */
  PairHop *index;      /* every hop, sorted by stop pair (hops mode) */
  guint n_index;
  GArray *blocks;      /* TnetRaptorHop set so far */
  GHashTable *blocked; /* the keys of @blocks: route << 32 | pos (pos G_MAXUINT32: the route) */
  gint32 *series;      /* n_minutes x destinations */
  gint32 *column;      /* n_minutes */
} Alt;

static void
alt_set_blocks (Alt *st, TnetRaptor *ws)
{
  tnet_raptor_clear_blocks (ws);
  for (guint i = 0; i < st->blocks->len; i++)
    {
      const TnetRaptorHop *h = &g_array_index (st->blocks, TnetRaptorHop, i);
      if (h->pos == G_MAXUINT)
        tnet_raptor_block_route (ws, h->route);
      else
        tnet_raptor_block_hop (ws, h->route, h->pos);
    }
}

static gboolean
alt_range (Alt *st, TnetRaptor *ws, guint o, const TnetRaptorStop *stop, GError **error)
{
  return tnet_raptor_run_range (ws, (const TnetStopWalk *) (void *) st->access[o]->data,
                                st->access[o]->len, st->opts->depart_s, st->opts->n_minutes,
                                (const TnetEgress *) (void *) st->egress[o]->data,
                                st->egress[o]->len, st->n_dests, st->series, stop, error);
}

static gint32
alt_percentile (Alt *st, guint d)
{
  guint nm = st->opts->n_minutes;
  for (guint m = 0; m < nm; m++)
    st->column[m] = st->series[(gsize) m * st->n_dests + d];
  gint32 v;
  tnet_percentiles (st->column, nm, &st->opts->percentile, 1, &v);
  return v;
}

/* Adds one block unless already set; TRUE when new. */
static gboolean
alt_add_block (Alt *st, guint route, guint pos, GArray *added)
{
  guint64 key = pos == G_MAXUINT ? ((guint64) route << 32) | G_MAXUINT32
                                 : ((guint64) route << 32) | pos;
  guint64 *k = g_new (guint64, 1);
  *k = key;
  if (!g_hash_table_add (st->blocked, k))
    return FALSE;
  TnetRaptorHop h = { route, pos };
  g_array_append_val (st->blocks, h);
  g_array_append_val (added, h);
  return TRUE;
}

/* Blocks what a ride of route @r from stop position @from to @to uses. */
static void
alt_block_ride (Alt *st, guint r, guint from, guint to, GArray *added)
{
  const TnetTimetable *tt = st->tt;
  if (st->disjoint == TNET_RAPTOR_DISJOINT_LINES)
    {
      const char *name = tnet_timetable_route_name (tt, r);
      for (guint q = 0; q < tnet_timetable_n_routes (tt); q++)
        {
          const char *qn = tnet_timetable_route_name (tt, q);
          if (q == r || (name && qn && strcmp (name, qn) == 0))
            alt_add_block (st, q, G_MAXUINT, added);
        }
      return;
    }
  for (guint pos = from; pos < to; pos++)
    {
      PairHop key = { tnet_timetable_route_stop (tt, r, pos),
                      tnet_timetable_route_stop (tt, r, pos + 1), 0, 0 };
      /* the first index entry of this stop pair */
      guint lo = 0, hi = st->n_index;
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;
          const PairHop *x = &st->index[mid];
          if (x->from < key.from || (x->from == key.from && x->to < key.to))
            lo = mid + 1;
          else
            hi = mid;
        }
      for (guint i = lo; i < st->n_index && st->index[i].from == key.from
                         && st->index[i].to == key.to; i++)
        alt_add_block (st, st->index[i].route, st->index[i].pos, added);
    }
}

/* The egress row of origin @o giving destination @d the time @t at the
 * last plain query departing @dep: its stop, or TNET_ID_NONE with *@walk
 * set for a walk all the way (preferred on a tie), or TNET_ID_NONE. */
static TnetId
alt_via (const Alt *st, const TnetRaptor *ws, guint o, guint d, gint32 dep, gint32 t,
         gboolean *walk)
{
  const TnetEgress *e = (const TnetEgress *) (void *) st->egress[o]->data;
  TnetId via = TNET_ID_NONE;
  *walk = FALSE;
  for (guint i = 0; i < st->egress[o]->len; i++)
    {
      if (e[i].target != d)
        continue;
      if (e[i].stop == TNET_ID_NONE)
        {
          if ((gint32) e[i].walk_s == t)
            {
              *walk = TRUE;
              return TNET_ID_NONE;
            }
          continue;
        }
      gint32 a = tnet_raptor_arrival (ws, e[i].stop);
      if (via == TNET_ID_NONE && a != TNET_RAPTOR_UNREACHED && a + (gint32) e[i].walk_s - dep == t)
        via = e[i].stop;
    }
  return via;
}

/* Step 2 for the pair (@o, @d) whose series is @series: the journey shown
 * into @alt and the new blocks into @alt->blocked. */
static void
alt_journeys (Alt *st, TnetRaptor *ws, guint o, guint d, const gint32 *series,
              TnetRaptorAlternative *alt)
{
  guint nd = st->n_dests;
  g_autoptr (GArray) rides = g_array_new (FALSE, FALSE, sizeof (TnetIRaptorRide));
  gboolean shown = FALSE;
  for (guint m = 0; m < st->opts->n_minutes; m++)
    {
      gint32 t = series[(gsize) m * nd + d];
      if (t == TNET_RAPTOR_UNREACHED)
        continue;
      gint32 dep = st->opts->depart_s + 60 * (gint32) m;
      tnet_raptor_run (ws, (const TnetStopWalk *) (void *) st->access[o]->data,
                       st->access[o]->len, dep);
      gboolean walk;
      TnetId via = alt_via (st, ws, o, d, dep, t, &walk);
      if (!shown && t == alt->time_s)
        {
          shown = TRUE;
          alt->depart_s = dep;
          if (via != TNET_ID_NONE && st->pr_rows)
            tnet_park_ride_journey (ws, via,
                                    (const TnetParkRideAccess *) (void *) st->pr_rows[o]->data,
                                    st->pr_rows[o]->len, alt->legs);
          else if (via != TNET_ID_NONE)
            tnet_raptor_journey (ws, via, alt->legs);
        }
      g_array_set_size (rides, 0);
      if (via == TNET_ID_NONE || !tnet_i_raptor_journey_rides (ws, via, rides))
        continue;
      for (guint i = 0; i < rides->len; i++)
        {
          const TnetIRaptorRide *r = &g_array_index (rides, TnetIRaptorRide, i);
          alt_block_ride (st, r->route, r->from_pos, r->to_pos, alt->blocked);
        }
    }
}

static void
alternative_clear (gpointer p)
{
  TnetRaptorAlternative *alt = p;
  if (alt->legs)
    g_array_unref (alt->legs);
  if (alt->blocked)
    g_array_unref (alt->blocked);
}

static void
alt_build_index (Alt *st)
{
  const TnetTimetable *tt = st->tt;
  GArray *idx = g_array_new (FALSE, FALSE, sizeof (PairHop));
  for (guint r = 0; r < tnet_timetable_n_routes (tt); r++)
    for (guint pos = 0; pos + 1 < tnet_timetable_route_n_stops (tt, r); pos++)
      {
        PairHop h = { tnet_timetable_route_stop (tt, r, pos),
                      tnet_timetable_route_stop (tt, r, pos + 1), r, pos };
        g_array_append_val (idx, h);
      }
  if (idx->len > 1)
    qsort (idx->data, idx->len, sizeof (PairHop), cmp_pair_hop);
  st->n_index = idx->len;
  st->index = (PairHop *) (void *) g_array_free (idx, FALSE);
}

/* Step 1: the least percentile time of a wanted pair with the blocks set;
 * its pair and series. FALSE when stopped. */
static gboolean
alt_best (Alt *st, TnetRaptor *ws, guint n_origins, const guint8 *pair_mask, gint32 *best,
          guint *bo, guint *bd, gint32 *best_series, const TnetRaptorStop *stop,
          GError **error)
{
  guint nd = st->n_dests;
  *best = TNET_RAPTOR_UNREACHED;
  for (guint o = 0; o < n_origins; o++)
    {
      if (st->egress[o]->len == 0)
        continue;   /* no position, or nothing within the walk of a destination */
      if (!alt_range (st, ws, o, stop, error))
        return FALSE;
      for (guint d = 0; d < nd; d++)
        {
          if (pair_mask && !pair_mask[(gsize) o * nd + d])
            continue;
          gint32 t = alt_percentile (st, d);
          if (t < *best)
            {
              *best = t;
              *bo = o;
              *bd = d;
              memcpy (best_series, st->series, sizeof (gint32) * st->opts->n_minutes * nd);
            }
        }
    }
  return TRUE;
}

/* The options of a call, with at least one minute. */
static void
alt_options (const TnetRaptorFailuresOptions *opts, TnetRaptorFailuresOptions *o)
{
  if (opts)
    *o = *opts;
  else
    tnet_raptor_failures_options_init (o);
  o->n_minutes = MAX (o->n_minutes, 1u);
}

static GArray *
alternatives_new (void)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (TnetRaptorAlternative));
  g_array_set_clear_func (out, alternative_clear);
  return out;
}

/* The search of both entry points, once @st's rows are set for
 * @n_origins origins: the alternatives into @out. FALSE when stopped. */
static gboolean
alternatives_run (Alt *st, TnetRaptor *ws, guint n_origins, const guint8 *pair_mask, guint k,
                  const TnetRaptorStop *stop, GArray *out, GError **error)
{
  guint nd = st->n_dests;
  if (st->disjoint == TNET_RAPTOR_DISJOINT_HOPS)
    alt_build_index (st);
  st->blocks = g_array_new (FALSE, FALSE, sizeof (TnetRaptorHop));
  st->blocked = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gsize n_series = (gsize) st->opts->n_minutes * nd;
  st->series = g_new (gint32, n_series);
  st->column = g_new (gint32, st->opts->n_minutes);
  g_autofree gint32 *best_series = g_new (gint32, n_series);
  /* the pairs still open: a pair whose alternative rode nothing closes */
  g_autofree guint8 *open = g_new (guint8, (gsize) n_origins * nd);
  for (gsize i = 0; i < (gsize) n_origins * nd; i++)
    open[i] = pair_mask == NULL || pair_mask[i];
  gboolean ok = TRUE;
  while (out->len < k)
    {
      gint32 best;
      guint bo = 0, bd = 0;
      alt_set_blocks (st, ws);
      ok = alt_best (st, ws, n_origins, open, &best, &bo, &bd, best_series, stop, error);
      if (!ok || best == TNET_RAPTOR_UNREACHED)
        break;
      TnetRaptorAlternative alt = { bo, bd, best, st->opts->depart_s,
                                    g_array_new (FALSE, FALSE, sizeof (TnetTransitLeg)),
                                    g_array_new (FALSE, FALSE, sizeof (TnetRaptorHop)) };
      alt_journeys (st, ws, bo, bd, best_series, &alt);
      g_array_append_val (out, alt);
      if (alt.blocked->len == 0)
        open[(gsize) bo * nd + bd] = 0;   /* a walk: the next would repeat it */
    }
  tnet_raptor_clear_blocks (ws);
  g_free (st->index);
  g_array_unref (st->blocks);
  g_hash_table_unref (st->blocked);
  g_free (st->series);
  g_free (st->column);
  return ok;
}

/* The checks of the arguments both entry points take (programming
 * errors: FALSE after a g_critical). */
static gboolean
alt_args_valid (gconstpointer origins, guint n_origins, gconstpointer destinations,
                guint n_destinations, TnetRaptorDisjoint disjoint,
                const TnetRaptorFailuresOptions *opts, GError **error)
{
  g_return_val_if_fail (origins != NULL || n_origins == 0, FALSE);
  g_return_val_if_fail (destinations != NULL || n_destinations == 0, FALSE);
  g_return_val_if_fail (disjoint == TNET_RAPTOR_DISJOINT_HOPS
                        || disjoint == TNET_RAPTOR_DISJOINT_LINES, FALSE);
  g_return_val_if_fail (opts == NULL || (opts->percentile >= 0 && opts->percentile <= 100),
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return TRUE;
}

/* Sets up @st for a call (@opts: its options, alt_options()) with empty
 * rows for @n_origins origins, and drive rows too when @park_ride. */
static void
alt_begin (Alt *st, const TnetTimetable *tt, const TnetRaptorFailuresOptions *opts,
           TnetRaptorDisjoint disjoint, guint n_origins, guint n_destinations,
           gboolean park_ride)
{
  memset (st, 0, sizeof *st);
  st->tt = tt;
  st->opts = opts;
  st->disjoint = disjoint;
  st->n_dests = n_destinations;
  st->access = g_new0 (GArray *, n_origins);
  st->egress = g_new0 (GArray *, n_origins);
  st->pr_rows = park_ride ? g_new0 (GArray *, n_origins) : NULL;
  for (guint o = 0; o < n_origins; o++)
    {
      st->access[o] = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
      st->egress[o] = g_array_new (FALSE, FALSE, sizeof (TnetEgress));
      if (park_ride)
        st->pr_rows[o] = g_array_new (FALSE, FALSE, sizeof (TnetParkRideAccess));
    }
}

/* Runs the search over the rows of @st (alternatives_run()), then frees
 * the rows. Returns @out, or NULL (@out freed) on error. */
static GArray *
alt_finish (Alt *st, TnetRaptor *ws, guint n_origins, const guint8 *pair_mask, guint k,
            const TnetRaptorStop *stop, GArray *out, GError **error)
{
  gboolean ok = alternatives_run (st, ws, n_origins, pair_mask, k, stop, out, error);
  for (guint o = 0; o < n_origins; o++)
    {
      g_array_unref (st->access[o]);
      g_array_unref (st->egress[o]);
      if (st->pr_rows)
        g_array_unref (st->pr_rows[o]);
    }
  g_free (st->access);
  g_free (st->egress);
  g_free (st->pr_rows);
  if (!ok)
    {
      g_array_unref (out);
      return NULL;
    }
  return out;
}

GArray *
tnet_raptor_alternatives (const TnetTimetable *tt, const double *origins, guint n_origins,
                          const double *destinations, guint n_destinations,
                          const guint8 *pair_mask, guint k, TnetRaptorDisjoint disjoint,
                          const TnetRaptorFailuresOptions *opts, const TnetRaptorStop *stop,
                          GError **error)
{
  g_return_val_if_fail (tt != NULL, NULL);
  if (!alt_args_valid (origins, n_origins, destinations, n_destinations, disjoint, opts, error))
    return NULL;
  TnetRaptorFailuresOptions o_;
  alt_options (opts, &o_);
  GArray *out = alternatives_new ();
  if (n_origins == 0 || n_destinations == 0 || k == 0)
    return out;

  Alt st;
  alt_begin (&st, tt, &o_, disjoint, n_origins, n_destinations, FALSE);
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);
  TnetIRaptorDests dests;
  tnet_i_raptor_dests_init (&dests, tt, ws, destinations, n_destinations,
                            tnet_i_whole_s (o_.max_walk_ms));
  g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  for (guint o = 0; o < n_origins; o++)
    tnet_i_raptor_origin_rows (tt, ws, &dests, origins[2 * o], origins[2 * o + 1], near,
                               st.access[o], st.egress[o]);
  out = alt_finish (&st, ws, n_origins, pair_mask, k, stop, out, error);
  tnet_i_raptor_dests_clear (&dests);
  return out;
}

GArray *
tnet_park_ride_alternatives (const TnetParkRide *pr, const TnetNetwork *net,
                             const TnetId *origins, guint n_origins, const TnetId *destinations,
                             guint n_destinations, const guint8 *pair_mask, guint k,
                             TnetRaptorDisjoint disjoint, const TnetRaptorFailuresOptions *opts,
                             const TnetRaptorStop *stop, GError **error)
{
  g_return_val_if_fail (pr != NULL && net != NULL, NULL);
  if (!alt_args_valid (origins, n_origins, destinations, n_destinations, disjoint, opts, error))
    return NULL;
  guint n_nodes = tnet_network_n_nodes (net);
  for (guint i = 0; i < n_origins; i++)
    g_return_val_if_fail (origins[i] < n_nodes, NULL);
  for (guint i = 0; i < n_destinations; i++)
    g_return_val_if_fail (destinations[i] < n_nodes, NULL);
  TnetRaptorFailuresOptions o_;
  alt_options (opts, &o_);
  GArray *out = alternatives_new ();
  if (n_origins == 0 || n_destinations == 0 || k == 0)
    return out;

  const TnetTimetable *tt = tnet_i_park_ride_get_timetable (pr);
  Alt st;
  alt_begin (&st, tt, &o_, disjoint, n_origins, n_destinations, TRUE);
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);
  g_autoptr (TnetSearch) search = tnet_search_new (tnet_park_ride_get_graph (pr));
  g_autofree TnetTripEnd *ends = g_new0 (TnetTripEnd, n_destinations);
  for (guint d = 0; d < n_destinations; d++)
    {
      ends[d].node = destinations[d];
      ends[d].lon = ends[d].lat = NAN;
    }
  TnetIParkRideDests dests;
  tnet_i_park_ride_dests_init (&dests, pr, net, ends, n_destinations,
                               tnet_i_whole_s (o_.max_walk_ms));
  g_autoptr (GArray) walks = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  for (guint o = 0; o < n_origins; o++)
    {
      TnetTripEnd oe = { origins[o], NAN, NAN, NULL, NULL, 0 };
      /* no destination within reach: no rows at all, as the matrix */
      if (!tnet_i_park_ride_origin_rows (pr, net, ws, search, &dests, &oe, walks,
                                         st.egress[o], st.pr_rows[o], st.access[o]))
        g_array_set_size (st.egress[o], 0);
    }
  out = alt_finish (&st, ws, n_origins, pair_mask, k, stop, out, error);
  tnet_i_park_ride_dests_clear (&dests);
  return out;
}
