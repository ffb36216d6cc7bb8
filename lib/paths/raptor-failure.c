/* raptor-failure.c: door-to-door travel times by the timetable with one
 * failure (a set of blocked hops or routes) at a time, for the
 * criticality scan (tnet_raptor_failures_new()).
 *
 * Implementation notes. The destinations are prepared once, by the rule of
 * tnet_timetable_matrix() (the same code: tnet_i_raptor_dests_init() and
 * tnet_i_raptor_origin_rows()), so a base time is exactly a commute cell.
 * Per origin:
 *  1. the base: one range query over the window, the percentile of each
 *     destination's series;
 *  2. the candidates: for each minute one plain query, and for each wanted
 *     destination the journey of that minute (the egress row that gives
 *     its time, then tnet_i_raptor_journey_rides()). A failure none of
 *     whose hops or routes any of these journeys rides cannot change any
 *     minute's time (each journey survives it, and a failure only removes
 *     options), so only the failures on them are examined, and only for the
 *     destinations whose journeys they touch;
 *  3. per candidate failure, its hops and routes blocked in the workspace
 *     (a mask: the timetable is never copied), one range query, the
 *     percentiles of its destinations, the blocks cleared.
 * A hop is identified by its route stop index (route_stop_first[r] + pos);
 * the reverse index (hop or route -> failures) is CSR.
 * The same steps run from rows the caller gives
 * (tnet_i_raptor_failures_run_rows(), park-and-ride): with access hooks,
 * a journey's access row adds the failures that may slow it (step 2) and
 * a failure that changes the access rows runs its range query from the
 * changed rows (step 3).
 */
#include "tnet-internal.h"
#include "raptor-private.h"

#include <gio/gio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct _TnetRaptorFailures {
  const TnetTimetable *tt;     /* a reference */
  double *dest_lonlat;         /* copy: 2 per destination */
  TnetIRaptorDests dests;      /* dests.lonlat points into dest_lonlat */
  TnetRaptorFailuresOptions opts;
  guint n_elements;
  guint *elem_first;           /* n_elements + 1 */
  TnetRaptorHop *elem_hops;    /* hops of element e: [elem_first[e], elem_first[e+1]) */
  /* reverse index: the elements blocking hop h (route stop index) are
   * hop_elem[hop_first[h] .. hop_first[h+1]-1], those blocking the whole
   * route r route_elem[route_first[r] .. route_first[r+1]-1]; only elements
   * in the options' block are listed */
  guint *hop_first;
  guint *hop_elem;
  guint *route_first;
  guint *route_elem;
};

void
tnet_raptor_failures_options_init (TnetRaptorFailuresOptions *opts)
{
  g_return_if_fail (opts != NULL);
  opts->depart_s = 8 * 3600;
  opts->n_minutes = 1;
  opts->percentile = 50;
  opts->max_walk_ms = tnet_weight_from_min (15);
  opts->n_element_blocks = 1;
  opts->element_block = 0;
}

static gboolean
in_block (const TnetRaptorFailures *f, guint e)
{
  return f->opts.n_element_blocks <= 1 || e % f->opts.n_element_blocks == f->opts.element_block;
}

/* CSR of (key -> element) for the hops (@whole FALSE) or whole routes. */
static void
reverse_index (TnetRaptorFailures *f, gboolean whole, guint n_keys, guint **first_out,
               guint **elem_out)
{
  const TnetITimetable *tt = tnet_i_timetable_view (f->tt);
  guint *first = g_new0 (guint, n_keys + 1);
  for (int pass = 0; pass < 2; pass++)
    {
      guint *cursor = pass ? g_memdup2 (first, sizeof (guint) * (n_keys + 1)) : NULL;
      for (guint e = 0; e < f->n_elements; e++)
        {
          if (!in_block (f, e))
            continue;
          for (guint i = f->elem_first[e]; i < f->elem_first[e + 1]; i++)
            {
              const TnetRaptorHop *h = &f->elem_hops[i];
              if ((h->pos == G_MAXUINT) != whole)
                continue;
              guint key = whole ? h->route : tt->route_stop_first[h->route] + h->pos;
              if (pass == 0)
                first[key + 1]++;
              else
                (*elem_out)[cursor[key]++] = e;
            }
        }
      if (pass == 0)
        {
          for (guint k = 0; k < n_keys; k++)
            first[k + 1] += first[k];
          *elem_out = g_new (guint, MAX (first[n_keys], 1u));
        }
      g_free (cursor);
    }
  *first_out = first;
}

/* tnet_raptor_failures_new(); @destinations NULL: only their number, the
 * caller gives each origin's rows (tnet_i_raptor_failures_run_rows()). */
static TnetRaptorFailures *
failures_new (const TnetTimetable *tt, const double *destinations, guint n_destinations,
              const guint *elem_first, const TnetRaptorHop *elem_hops, guint n_elements,
              const TnetRaptorFailuresOptions *opts)
{
  g_return_val_if_fail (tt != NULL && elem_first != NULL, NULL);
  g_return_val_if_fail (elem_hops != NULL || elem_first[n_elements] == 0, NULL);
  g_return_val_if_fail (opts == NULL || (opts->percentile >= 0 && opts->percentile <= 100),
                        NULL);
  g_return_val_if_fail (opts == NULL || opts->n_element_blocks <= 1
                        || opts->element_block < opts->n_element_blocks, NULL);
  const TnetITimetable *tv = tnet_i_timetable_view (tt);
  for (guint i = 0; i < elem_first[n_elements]; i++)
    {
      guint r = elem_hops[i].route, pos = elem_hops[i].pos;
      g_return_val_if_fail (r < tv->n_routes, NULL);
      g_return_val_if_fail (pos == G_MAXUINT
                            || pos + 1 < tv->route_stop_first[r + 1] - tv->route_stop_first[r],
                            NULL);
    }
  TnetRaptorFailures *f = g_new0 (TnetRaptorFailures, 1);
  f->tt = tnet_timetable_ref (tt);
  if (opts)
    f->opts = *opts;
  else
    tnet_raptor_failures_options_init (&f->opts);
  f->opts.n_minutes = MAX (f->opts.n_minutes, 1u);
  if (destinations)
    {
      f->dest_lonlat = g_memdup2 (destinations, sizeof (double) * 2 * MAX (n_destinations, 1u));
      g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);
      tnet_i_raptor_dests_init (&f->dests, tt, ws, f->dest_lonlat, n_destinations,
                                tnet_i_whole_s (f->opts.max_walk_ms));
    }
  else
    f->dests.n = n_destinations;
  f->n_elements = n_elements;
  f->elem_first = g_memdup2 (elem_first, sizeof (guint) * (n_elements + 1));
  f->elem_hops = g_memdup2 (elem_hops, sizeof (TnetRaptorHop)
                                       * MAX (elem_first[n_elements], 1u));
  reverse_index (f, FALSE, tv->route_stop_first[tv->n_routes], &f->hop_first, &f->hop_elem);
  reverse_index (f, TRUE, tv->n_routes, &f->route_first, &f->route_elem);
  return f;
}

TnetRaptorFailures *
tnet_raptor_failures_new (const TnetTimetable *tt, const double *destinations,
                          guint n_destinations, const guint *elem_first,
                          const TnetRaptorHop *elem_hops, guint n_elements,
                          const TnetRaptorFailuresOptions *opts)
{
  g_return_val_if_fail (destinations != NULL || n_destinations == 0, NULL);
  static const double none[2] = { 0, 0 };
  return failures_new (tt, destinations ? destinations : none, n_destinations, elem_first,
                       elem_hops, n_elements, opts);
}

void
tnet_raptor_failures_free (TnetRaptorFailures *f)
{
  if (f == NULL)
    return;
  tnet_i_raptor_dests_clear (&f->dests);
  g_free (f->dest_lonlat);
  g_free (f->elem_first);
  g_free (f->elem_hops);
  g_free (f->hop_first);
  g_free (f->hop_elem);
  g_free (f->route_first);
  g_free (f->route_elem);
  tnet_timetable_unref (f->tt);
  g_free (f);
}

guint
tnet_raptor_failures_n_destinations (const TnetRaptorFailures *f)
{
  g_return_val_if_fail (f != NULL, 0);
  return f->dests.n;
}

static void
block_element (const TnetRaptorFailures *f, TnetRaptor *ws, guint e)
{
  for (guint i = f->elem_first[e]; i < f->elem_first[e + 1]; i++)
    {
      const TnetRaptorHop *h = &f->elem_hops[i];
      if (h->pos == G_MAXUINT)
        tnet_raptor_block_route (ws, h->route);
      else
        tnet_raptor_block_hop (ws, h->route, h->pos);
    }
}

/* Scratch of one origin. */
typedef struct {
  GArray *near, *access, *egress;   /* the origin's rows */
  GArray *failed_access;            /* TnetStopWalk: the access with a failure */
  const TnetIRaptorAccessHooks *hooks;  /* nullable */
  GArray *legs;                     /* TnetTransitLeg, with hooks */
  GArray *elems;                    /* guint, with hooks */
  guint *eg_first;                  /* n_dest + 1: egress rows by destination */
  TnetEgress *eg;
  GArray *rides;                    /* TnetIRaptorRide */
  gint32 *series;                   /* n_minutes x n_dest */
  gint32 *column;                   /* n_minutes */
} Scratch;

/* Groups the origin's egress rows by destination. */
static void
group_egress (const TnetRaptorFailures *f, Scratch *sc)
{
  guint nd = f->dests.n;
  memset (sc->eg_first, 0, sizeof (guint) * (nd + 1));
  const TnetEgress *e = (const TnetEgress *) (void *) sc->egress->data;
  for (guint i = 0; i < sc->egress->len; i++)
    sc->eg_first[e[i].target + 1]++;
  for (guint d = 0; d < nd; d++)
    sc->eg_first[d + 1] += sc->eg_first[d];
  g_autofree guint *cursor = g_memdup2 (sc->eg_first, sizeof (guint) * (nd + 1));
  sc->eg = g_renew (TnetEgress, sc->eg, MAX (sc->egress->len, 1u));
  for (guint i = 0; i < sc->egress->len; i++)
    sc->eg[cursor[e[i].target]++] = e[i];
}

/* Appends (element, destination) candidates of the journey to @d at the
 * last plain query of @ws (departure @dep, travel time @t). A journey that
 * cannot be read (a zero-time cycle) makes every element a candidate. */
static void
journey_candidates (const TnetRaptorFailures *f, TnetRaptor *ws, Scratch *sc, guint d,
                    gint32 dep, gint32 t, GArray *cand)
{
  const TnetIRaptorAccessHooks *hooks = sc->hooks;
  const TnetITimetable *tt = tnet_i_timetable_view (f->tt);
  TnetId via = TNET_ID_NONE;
  for (guint i = sc->eg_first[d]; i < sc->eg_first[d + 1]; i++)
    {
      const TnetEgress *e = &sc->eg[i];
      if (e->stop == TNET_ID_NONE && (gint32) e->walk_s == t)
        return;   /* walking all the way: no ride to fail */
      gint32 a = tnet_raptor_arrival (ws, e->stop);   /* UNREACHED out of range */
      if (via == TNET_ID_NONE && a != TNET_RAPTOR_UNREACHED && a + (gint32) e->walk_s - dep == t)
        via = e->stop;
    }
  g_array_set_size (sc->rides, 0);
  if (via == TNET_ID_NONE || !tnet_i_raptor_journey_rides (ws, via, sc->rides))
    {
      for (guint e = 0; e < f->n_elements; e++)
        if (in_block (f, e))
          {
            guint pair[2] = { e, d };
            g_array_append_vals (cand, pair, 1);
          }
      return;
    }
  if (hooks && hooks->access_elements)
    {
      /* the failures that may slow the access row the journey starts on */
      g_array_set_size (sc->legs, 0);
      g_array_set_size (sc->elems, 0);
      if (tnet_raptor_journey (ws, via, sc->legs) && sc->legs->len > 0
          && g_array_index (sc->legs, TnetTransitLeg, 0).kind == TNET_TRANSIT_LEG_ACCESS)
        hooks->access_elements (hooks->data,
                                g_array_index (sc->legs, TnetTransitLeg, 0).to_stop,
                                sc->elems);
      else
        for (guint e = 0; e < f->n_elements; e++)   /* unreadable: every one */
          g_array_append_val (sc->elems, e);
      for (guint k = 0; k < sc->elems->len; k++)
        {
          guint e = g_array_index (sc->elems, guint, k);
          if (e < f->n_elements && in_block (f, e))
            {
              guint pair[2] = { e, d };
              g_array_append_vals (cand, pair, 1);
            }
        }
    }
  for (guint k = 0; k < sc->rides->len; k++)
    {
      const TnetIRaptorRide *r = &g_array_index (sc->rides, TnetIRaptorRide, k);
      for (guint j = f->route_first[r->route]; j < f->route_first[r->route + 1]; j++)
        {
          guint pair[2] = { f->route_elem[j], d };
          g_array_append_vals (cand, pair, 1);
        }
      guint first = tt->route_stop_first[r->route];
      for (guint pos = r->from_pos; pos < r->to_pos; pos++)
        for (guint j = f->hop_first[first + pos]; j < f->hop_first[first + pos + 1]; j++)
          {
            guint pair[2] = { f->hop_elem[j], d };
            g_array_append_vals (cand, pair, 1);
          }
    }
}

static int
cmp_pair (const void *a, const void *b)
{
  const guint *x = a, *y = b;
  if (x[0] != y[0])
    return x[0] < y[0] ? -1 : 1;
  return (x[1] > y[1]) - (x[1] < y[1]);
}

/* One range query from the origin's rows into sc->series; the percentile
 * of destination @d into *@out. */
static gboolean
range (const TnetRaptorFailures *f, TnetRaptor *ws, Scratch *sc, const GArray *access,
       const TnetRaptorStop *stop, GError **error)
{
  return tnet_raptor_run_range (ws, (const TnetStopWalk *) (void *) access->data, access->len,
                                f->opts.depart_s, f->opts.n_minutes,
                                (const TnetEgress *) (void *) sc->egress->data, sc->egress->len,
                                f->dests.n, sc->series, stop, error);
}

static gint32
percentile_of (const TnetRaptorFailures *f, Scratch *sc, guint d)
{
  guint nm = f->opts.n_minutes;
  for (guint m = 0; m < nm; m++)
    sc->column[m] = sc->series[(gsize) m * f->dests.n + d];
  gint32 v;
  tnet_percentiles (sc->column, nm, &f->opts.percentile, 1, &v);
  return v;
}

/* Step 2: the (element, destination) candidates of the wanted
 * destinations, sorted, without repeats. */
static GArray *
candidates (const TnetRaptorFailures *f, TnetRaptor *ws, Scratch *sc, const guint8 *want,
            const gint32 *base_series)
{
  guint nd = f->dests.n;
  GArray *cand = g_array_new (FALSE, FALSE, 2 * sizeof (guint));
  for (guint m = 0; m < f->opts.n_minutes; m++)
    {
      gint32 dep = f->opts.depart_s + 60 * (gint32) m;
      tnet_raptor_run (ws, (const TnetStopWalk *) (void *) sc->access->data, sc->access->len,
                       dep);
      for (guint d = 0; d < nd; d++)
        {
          gint32 t = base_series[(gsize) m * nd + d];
          if ((want == NULL || want[d]) && t != TNET_RAPTOR_UNREACHED)
            journey_candidates (f, ws, sc, d, dep, t, cand);
        }
    }
  if (cand->len > 1)
    qsort (cand->data, cand->len, 2 * sizeof (guint), cmp_pair);
  guint k = 0;
  guint *c = (guint *) (void *) cand->data;
  for (guint i = 0; i < cand->len; i++)
    if (k == 0 || c[2 * i] != c[2 * (k - 1)] || c[2 * i + 1] != c[2 * (k - 1) + 1])
      {
        c[2 * k] = c[2 * i];
        c[2 * k + 1] = c[2 * i + 1];
        k++;
      }
  g_array_set_size (cand, k);
  return cand;
}

/* Steps 1 to 3 from the origin's rows in @sc (egress grouped). */
static gboolean
run_rows (const TnetRaptorFailures *f, TnetRaptor *ws, Scratch *sc, const guint8 *want,
          gint32 *base, GArray *entries, const TnetRaptorStop *stop, GError **error)
{
  guint nd = f->dests.n, nm = f->opts.n_minutes;
  /* 1. the base */
  if (!range (f, ws, sc, sc->access, stop, error))
    return FALSE;
  for (guint d = 0; d < nd; d++)
    base[d] = percentile_of (f, sc, d);
  g_autofree gint32 *base_series = g_memdup2 (sc->series, sizeof (gint32) * nm * nd);
  /* 2. the failures on the journeys */
  g_autoptr (GArray) cand = candidates (f, ws, sc, want, base_series);
  /* 3. one range query per candidate failure */
  const guint *c = (const guint *) (void *) cand->data;
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < cand->len;)
    {
      guint e = c[2 * i], j = i;
      const TnetIRaptorAccessHooks *h = sc->hooks;
      gboolean moved = h && h->access_failed
                       && h->access_failed (h->data, e, sc->failed_access);
      block_element (f, ws, e);
      ok = range (f, ws, sc, moved ? sc->failed_access : sc->access, stop, error);
      tnet_raptor_clear_blocks (ws);
      for (; j < cand->len && c[2 * j] == e; j++)
        if (ok)
          {
            TnetRaptorFailureEntry en = { e, c[2 * j + 1], percentile_of (f, sc, c[2 * j + 1]) };
            g_array_append_val (entries, en);
          }
      i = j;
    }
  return ok;
}

static void
scratch_init (Scratch *sc, guint nd, guint nm)
{
  memset (sc, 0, sizeof *sc);
  sc->near = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  sc->access = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  sc->egress = g_array_new (FALSE, FALSE, sizeof (TnetEgress));
  sc->failed_access = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  sc->rides = g_array_new (FALSE, FALSE, sizeof (TnetIRaptorRide));
  sc->legs = g_array_new (FALSE, FALSE, sizeof (TnetTransitLeg));
  sc->elems = g_array_new (FALSE, FALSE, sizeof (guint));
  sc->eg_first = g_new (guint, nd + 1);
  sc->series = g_new (gint32, (gsize) nm * nd);
  sc->column = g_new (gint32, nm);
}

static void
scratch_clear (Scratch *sc)
{
  g_array_unref (sc->near);
  g_array_unref (sc->access);
  g_array_unref (sc->egress);
  g_array_unref (sc->failed_access);
  g_array_unref (sc->rides);
  g_array_unref (sc->legs);
  g_array_unref (sc->elems);
  g_free (sc->eg_first);
  g_free (sc->eg);
  g_free (sc->series);
  g_free (sc->column);
}

/* The start of a run from one origin: every base time unreached, then
 * FALSE when there is no destination (nothing to run), else @sc set up
 * and the blocks of @ws cleared. */
static gboolean
run_begin (const TnetRaptorFailures *f, TnetRaptor *ws, gint32 *base, Scratch *sc)
{
  guint nd = f->dests.n;
  for (guint d = 0; d < nd; d++)
    base[d] = TNET_RAPTOR_UNREACHED;
  if (nd == 0)
    return FALSE;
  scratch_init (sc, nd, f->opts.n_minutes);
  tnet_raptor_clear_blocks (ws);
  return TRUE;
}

gboolean
tnet_raptor_failures_run (const TnetRaptorFailures *f, TnetRaptor *ws, double lon, double lat,
                          const guint8 *want, gint32 *base, GArray *entries,
                          const TnetRaptorStop *stop, GError **error)
{
  g_return_val_if_fail (f != NULL && ws != NULL && base != NULL && entries != NULL, FALSE);
  g_return_val_if_fail (tnet_raptor_get_timetable (ws) == f->tt, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  Scratch sc;
  if (!run_begin (f, ws, base, &sc))
    return TRUE;
  gboolean ok = TRUE;
  if (tnet_i_raptor_origin_rows (f->tt, ws, &f->dests, lon, lat, sc.near, sc.access,
                                 sc.egress))
    {
      group_egress (f, &sc);
      ok = run_rows (f, ws, &sc, want, base, entries, stop, error);
    }
  scratch_clear (&sc);
  return ok;
}

gboolean
tnet_i_raptor_failures_run_rows (const TnetRaptorFailures *f, TnetRaptor *ws,
                                 const GArray *access, const GArray *egress,
                                 const TnetIRaptorAccessHooks *hooks, const guint8 *want,
                                 gint32 *base, GArray *entries, const TnetRaptorStop *stop,
                                 GError **error)
{
  Scratch sc;
  if (!run_begin (f, ws, base, &sc))
    return TRUE;
  sc.hooks = hooks;
  g_array_append_vals (sc.access, access->data, access->len);
  g_array_append_vals (sc.egress, egress->data, egress->len);
  group_egress (f, &sc);
  gboolean ok = run_rows (f, ws, &sc, want, base, entries, stop, error);
  scratch_clear (&sc);
  return ok;
}

/* Runs one query at the first minute from @access with @element failed
 * (G_MAXUINT: none), then the blocks are cleared and the labels stay in
 * @ws. Returns the stop of the destination's best egress row,
 * TNET_ID_NONE when it walks all the way (*@found TRUE) or is not reached
 * (*@found FALSE). */
static TnetId
journey_via (const TnetRaptorFailures *f, TnetRaptor *ws, const GArray *access,
             const GArray *egress, guint destination, guint element, gboolean *found)
{
  tnet_raptor_clear_blocks (ws);
  if (element != G_MAXUINT)
    block_element (f, ws, element);
  gint32 dep = f->opts.depart_s;
  tnet_raptor_run (ws, (const TnetStopWalk *) (void *) access->data, access->len, dep);
  tnet_raptor_clear_blocks (ws);
  /* the best egress row of the destination */
  gint64 best = G_MAXINT64;
  TnetId via = TNET_ID_NONE;
  gboolean walk = FALSE;
  for (guint i = 0; i < egress->len; i++)
    {
      const TnetEgress *e = &g_array_index (egress, TnetEgress, i);
      if (e->target != destination)
        continue;
      gint64 a;
      if (e->stop == TNET_ID_NONE)
        a = (gint64) dep + e->walk_s;
      else if (tnet_raptor_arrival (ws, e->stop) != TNET_RAPTOR_UNREACHED)
        a = (gint64) tnet_raptor_arrival (ws, e->stop) + e->walk_s;
      else
        continue;
      if (a < best)
        {
          best = a;
          via = e->stop;
          walk = e->stop == TNET_ID_NONE;
        }
    }
  *found = walk || via != TNET_ID_NONE;
  return walk ? TNET_ID_NONE : via;
}

gboolean
tnet_raptor_failures_journey (const TnetRaptorFailures *f, TnetRaptor *ws, double lon,
                              double lat, guint destination, guint element, GArray *legs)
{
  g_return_val_if_fail (f != NULL && ws != NULL && legs != NULL, FALSE);
  g_return_val_if_fail (destination < f->dests.n, FALSE);
  g_return_val_if_fail (element == G_MAXUINT || element < f->n_elements, FALSE);
  g_array_set_size (legs, 0);
  g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  g_autoptr (GArray) access = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  g_autoptr (GArray) egress = g_array_new (FALSE, FALSE, sizeof (TnetEgress));
  tnet_raptor_clear_blocks (ws);
  if (!tnet_i_raptor_origin_rows (f->tt, ws, &f->dests, lon, lat, near, access, egress))
    return FALSE;
  gboolean found;
  TnetId via = journey_via (f, ws, access, egress, destination, element, &found);
  if (via == TNET_ID_NONE)
    return found;   /* on foot all the way: no legs */
  return tnet_raptor_journey (ws, via, legs);
}

TnetId
tnet_i_raptor_failures_journey_rows (const TnetRaptorFailures *f, TnetRaptor *ws,
                                     const GArray *access, const GArray *egress,
                                     guint destination, guint element, gboolean *found)
{
  return journey_via (f, ws, access, egress, destination, element, found);
}

TnetRaptorFailures *
tnet_i_raptor_failures_new_rows (const TnetTimetable *tt, guint n_destinations,
                                 const guint *elem_first, const TnetRaptorHop *elem_hops,
                                 guint n_elements, const TnetRaptorFailuresOptions *opts)
{
  return failures_new (tt, NULL, n_destinations, elem_first, elem_hops, n_elements, opts);
}
