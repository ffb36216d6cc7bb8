/* raptor-matrix.c: door-to-door travel-time percentiles by the timetable
 * between places given by their coordinates (tnet_timetable_matrix()).
 *
 * Implementation notes: each place is snapped once to the walk network
 * (when the timetable has one) by a linear scan over its nodes; the scan is
 * O(places x nodes), small next to the range queries. The egress rows of
 * every destination (its stops within the walking budget) are gathered
 * once, each by one bounded street search; per origin, the access search
 * is left in the workspace's foot scratch, so the street walks straight to
 * the destinations are read off it without another search. Then one range
 * query per origin fills the minute-by-minute series of all destinations,
 * which are reduced to percentiles in place. A stop (TnetRaptorStop) is
 * asked before each origin, and within each range query. */
#include "tnet-internal.h"
#include "raptor-private.h"

#include <gio/gio.h>
#include <math.h>

static TnetIPlaceSnap
snap_place (const TnetTimetable *tt, double lon, double lat, guint max_walk_s)
{
  TnetIPlaceSnap sn = { TNET_ID_NONE, 0 };
  const TnetFootGraph *foot = tnet_i_timetable_view (tt)->foot;
  if (foot == NULL || isnan (lon) || isnan (lat))
    return sn;
  double dist_m;
  TnetId v = tnet_i_foot_graph_snap (foot, lon, lat, &dist_m);
  if (v == TNET_ID_NONE)
    return sn;
  guint32 off = dist_m == 0 ? 0 : tnet_timetable_walk_seconds (tt, dist_m);
  if (off > max_walk_s)
    return sn;
  sn.node = v;
  sn.off_s = off;
  return sn;
}

/* The stops a place walks to within @max_walk_s, appended to @out: over
 * the street from its snapped node (plus the snap offset), and by straight
 * line to the stops off the street; every stop by straight line when the
 * place is not snapped. Leaves the street search in @ws. */
static void
place_walks (const TnetTimetable *tt, TnetRaptor *ws, double lon, double lat,
             TnetIPlaceSnap sn, guint max_walk_s, GArray *near, GArray *out)
{
  if (sn.node == TNET_ID_NONE)
    {
      tnet_i_timetable_walks_near_s (tt, lon, lat, max_walk_s, out);
      return;
    }
  guint first = out->len;
  tnet_i_raptor_walks_from_node_s (ws, sn.node, max_walk_s - sn.off_s, TNET_ID_NONE, NULL,
                                   out);
  for (guint i = first; i < out->len; i++)
    g_array_index (out, TnetStopWalk, i).walk_s += sn.off_s;
  g_array_set_size (near, 0);
  tnet_i_timetable_walks_near_s (tt, lon, lat, max_walk_s, near);
  const TnetId *stop_node = tnet_i_timetable_view (tt)->stop_node;
  for (guint i = 0; i < near->len; i++)
    if (stop_node[g_array_index (near, TnetStopWalk, i).stop] == TNET_ID_NONE)
      g_array_append_val (out, g_array_index (near, TnetStopWalk, i));
}

void
tnet_i_raptor_dests_init (TnetIRaptorDests *d, const TnetTimetable *tt, TnetRaptor *ws,
                          const double *lonlat, guint n, guint max_walk_s)
{
  d->n = n;
  d->lonlat = lonlat;
  d->max_walk_s = max_walk_s;
  d->snap = g_new (TnetIPlaceSnap, MAX (n, 1u));
  d->stop_egress = g_array_new (FALSE, FALSE, sizeof (TnetEgress));
  g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  g_autoptr (GArray) walks = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  for (guint i = 0; i < n; i++)
    {
      double lon = lonlat[2 * i], lat = lonlat[2 * i + 1];
      d->snap[i] = snap_place (tt, lon, lat, max_walk_s);
      if (isnan (lon) || isnan (lat))
        continue;
      g_array_set_size (walks, 0);
      place_walks (tt, ws, lon, lat, d->snap[i], max_walk_s, near, walks);
      for (guint k = 0; k < walks->len; k++)
        {
          const TnetStopWalk *w = &g_array_index (walks, TnetStopWalk, k);
          TnetEgress e = { i, w->stop, w->walk_s };
          g_array_append_val (d->stop_egress, e);
        }
    }
}

void
tnet_i_raptor_dests_clear (TnetIRaptorDests *d)
{
  g_clear_pointer (&d->snap, g_free);
  g_clear_pointer (&d->stop_egress, g_array_unref);
}

gboolean
tnet_i_raptor_origin_rows (const TnetTimetable *tt, TnetRaptor *ws, const TnetIRaptorDests *d,
                           double lon, double lat, GArray *near, GArray *access,
                           GArray *egress)
{
  g_array_set_size (access, 0);
  g_array_set_size (egress, 0);
  if (isnan (lon) || isnan (lat))
    return FALSE;
  guint max_walk_s = d->max_walk_s;
  TnetIPlaceSnap osn = snap_place (tt, lon, lat, max_walk_s);
  place_walks (tt, ws, lon, lat, osn, max_walk_s, near, access);
  g_array_append_vals (egress, d->stop_egress->data, d->stop_egress->len);
  for (guint i = 0; i < d->n; i++)
    {
      double dlon = d->lonlat[2 * i], dlat = d->lonlat[2 * i + 1];
      if (isnan (dlon) || isnan (dlat))
        continue;
      guint64 walk;
      if (osn.node != TNET_ID_NONE && d->snap[i].node != TNET_ID_NONE)
        {
          /* both ends on the street: the direct walk is the street walk */
          guint32 s = tnet_raptor_walk_to_node (ws, d->snap[i].node);
          walk = s == G_MAXUINT32 ? G_MAXUINT64 : (guint64) s + osn.off_s + d->snap[i].off_s;
        }
      else
        walk = tnet_timetable_walk_seconds (tt, tnet_timetable_distance_m (lon, lat, dlon,
                                                                          dlat));
      if (walk <= max_walk_s)
        {
          TnetEgress e = { i, TNET_ID_NONE, (guint32) walk };
          g_array_append_val (egress, e);
        }
    }
  return TRUE;
}

gboolean
tnet_i_raptor_stop_progress (const TnetRaptorStop *stop, guint done, guint total,
                             const char *what, GError **error)
{
  if (stop == NULL)
    return TRUE;
  if (stop->progress)
    stop->progress (done, total, what, "origins", stop->progress_data);
  if (stop->cancellable && g_cancellable_is_cancelled (stop->cancellable))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "the %s was cancelled", what);
      return FALSE;
    }
  return TRUE;
}

/* One range query from @access (TnetStopWalk) to the @n_places targets
 * of @egress (TnetEgress) in @ws, then the @n_pcts percentiles of each
 * target's series into @out (place-major); @series (@n_minutes x
 * @n_places) and @column (@n_minutes) are scratch. */
static gboolean
range_percentiles_in (TnetRaptor *ws, const GArray *access, const GArray *egress,
                      gint32 depart_s, guint n_minutes, guint n_places, const double *pcts,
                      guint n_pcts, const TnetRaptorStop *stop, gint32 *series, gint32 *column,
                      gint32 *out, GError **error)
{
  if (!tnet_raptor_run_range (ws, (const TnetStopWalk *) (void *) access->data, access->len,
                              depart_s, n_minutes, (const TnetEgress *) (void *) egress->data,
                              egress->len, n_places, series, stop, error))
    return FALSE;
  for (guint d = 0; d < n_places; d++)
    {
      for (guint m = 0; m < n_minutes; m++)
        column[m] = series[(gsize) m * n_places + d];
      tnet_percentiles (column, n_minutes, pcts, n_pcts, out + (gsize) d * n_pcts);
    }
  return TRUE;
}

gboolean
tnet_i_raptor_matrix_rows (TnetRaptor *ws, guint n_origins, guint n_destinations,
                           TnetIRaptorRowsFunc rows, gpointer data, const char *what,
                           gint32 depart_s, guint n_minutes, const double *pcts, guint n_pcts,
                           gint32 *out, const TnetRaptorStop *stop, GError **error)
{
  g_autoptr (GArray) access = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  g_autoptr (GArray) egress = g_array_new (FALSE, FALSE, sizeof (TnetEgress));
  g_autofree gint32 *series = g_new (gint32, (gsize) n_minutes * MAX (n_destinations, 1u));
  g_autofree gint32 *column = g_new (gint32, MAX (n_minutes, 1u));
  for (guint o = 0; o < n_origins; o++)
    {
      if (!tnet_i_raptor_stop_progress (stop, o, n_origins, what, error))
        return FALSE;
      gint32 *row = out + (gsize) o * n_destinations * n_pcts;
      if (!rows (data, o, access, egress))
        {
          for (gsize k = 0; k < (gsize) n_destinations * n_pcts; k++)
            row[k] = TNET_RAPTOR_UNREACHED;
          continue;
        }
      if (!range_percentiles_in (ws, access, egress, depart_s, n_minutes, n_destinations, pcts,
                                 n_pcts, stop, series, column, row, error))
        return FALSE;
    }
  return TRUE;
}

/* The rows of a timetable matrix's origin (TnetIRaptorRowsFunc). */
typedef struct {
  const TnetTimetable *tt;
  TnetRaptor *ws;
  const TnetIRaptorDests *dests;
  const double *origins;   /* (lon, lat) per origin */
  GArray *near;            /* scratch */
} MatrixRows;

static gboolean
matrix_origin_rows (gpointer data, guint o, GArray *access, GArray *egress)
{
  MatrixRows *m = data;
  return tnet_i_raptor_origin_rows (m->tt, m->ws, m->dests, m->origins[2 * o],
                                    m->origins[2 * o + 1], m->near, access, egress);
}

static gboolean
matrix (const TnetTimetable *tt, const double *origins, guint n_origins, const double *destinations,
        guint n_destinations, guint max_walk_s, gint32 depart_s, guint n_minutes,
        const double *pcts, guint n_pcts, gint32 *out, const TnetRaptorStop *stop,
        GError **error)
{
  n_minutes = MAX (n_minutes, 1u);
  if (n_destinations == 0 || n_pcts == 0)
    return TRUE;

  g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);
  TnetIRaptorDests dests;
  tnet_i_raptor_dests_init (&dests, tt, ws, destinations, n_destinations, max_walk_s);
  g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  MatrixRows m = { tt, ws, &dests, origins, near };
  gboolean ok = tnet_i_raptor_matrix_rows (ws, n_origins, n_destinations, matrix_origin_rows, &m,
                                           "timetable matrix", depart_s, n_minutes, pcts, n_pcts,
                                           out, stop, error);
  tnet_i_raptor_dests_clear (&dests);
  return ok;
}

gboolean
tnet_timetable_matrix (const TnetTimetable *tt, const double *origins, guint n_origins,
                       const double *destinations, guint n_destinations,
                       TnetWeight max_walk_ms, gint32 depart_s, guint n_minutes,
                       const double *pcts, guint n_pcts, gint32 *out,
                       const TnetRaptorStop *stop, GError **error)
{
  g_return_val_if_fail (tt != NULL, FALSE);
  g_return_val_if_fail (origins != NULL || n_origins == 0, FALSE);
  g_return_val_if_fail (destinations != NULL || n_destinations == 0, FALSE);
  g_return_val_if_fail (pcts != NULL || n_pcts == 0, FALSE);
  g_return_val_if_fail (out != NULL || (gsize) n_origins * n_destinations * n_pcts == 0,
                        FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return matrix (tt, origins, n_origins, destinations, n_destinations,
                 tnet_i_whole_s (max_walk_ms), depart_s, n_minutes, pcts, n_pcts, out, stop,
                 error);
}

/* Egress rows of place @d at (@lon, @lat): the stops within @max_walk_s
 * by straight line (@near is scratch), and a walk all the way of @direct
 * seconds when that is within @max_walk_s. A place without a position has
 * none. */
void
tnet_i_raptor_place_egress (const TnetTimetable *tt, guint d, double lon, double lat,
                            guint max_walk_s, guint32 direct, GArray *near, GArray *egress)
{
  if (isnan (lon) || isnan (lat))
    return;
  g_array_set_size (near, 0);
  tnet_i_timetable_walks_near_s (tt, lon, lat, max_walk_s, near);
  for (guint i = 0; i < near->len; i++)
    {
      const TnetStopWalk *w = &g_array_index (near, TnetStopWalk, i);
      TnetEgress e = { d, w->stop, w->walk_s };
      g_array_append_val (egress, e);
    }
  if (direct <= max_walk_s)
    {
      TnetEgress e = { d, TNET_ID_NONE, direct };
      g_array_append_val (egress, e);
    }
}

gboolean
tnet_i_raptor_places_egress (const TnetTimetable *tt, const double *sources, guint n_sources,
                             const double *places, guint n_places, guint max_walk_s,
                             const TnetRaptorStop *stop, GArray *egress, GError **error)
{
  g_autoptr (GArray) near = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  for (guint d = 0; d < n_places; d++)
    {
      /* a place's stops within a long walk, and its direct walk from each
       * source, add up to much of a query's time: look at the stop as the
       * range query does before its rounds */
      if (d % TNET_I_RAPTOR_STOP_EVERY == 0 && !tnet_i_raptor_stop_check (stop, error))
        return FALSE;
      double lon = places[2 * d], lat = places[2 * d + 1];
      guint32 direct = G_MAXUINT32;
      for (guint s = 0; s < n_sources && !isnan (lon) && !isnan (lat); s++)
        if (!isnan (sources[2 * s]) && !isnan (sources[2 * s + 1]))
          direct = MIN (direct, tnet_timetable_walk_seconds (
                                  tt, tnet_timetable_distance_m (sources[2 * s],
                                                                 sources[2 * s + 1], lon,
                                                                 lat)));
      tnet_i_raptor_place_egress (tt, d, lon, lat, max_walk_s, direct, near, egress);
    }
  return TRUE;
}

gboolean
tnet_i_raptor_range_percentiles (const TnetTimetable *tt, const GArray *access,
                                 const GArray *egress, gint32 depart_s, guint n_minutes,
                                 guint n_places,
                                 const double *pcts, guint n_pcts, const TnetRaptorStop *stop,
                                 gint32 *out, GError **error)
{
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);
  g_autofree gint32 *series = g_new (gint32, (gsize) n_minutes * MAX (n_places, 1u));
  g_autofree gint32 *column = g_new (gint32, MAX (n_minutes, 1u));
  return range_percentiles_in (ws, access, egress, depart_s, n_minutes, n_places, pcts, n_pcts,
                               stop, series, column, out, error);
}


static int
cmp_stop_walk (const void *a, const void *b)
{
  const TnetStopWalk *x = a, *y = b;
  if (x->stop != y->stop)
    return x->stop < y->stop ? -1 : 1;
  return x->walk_s < y->walk_s ? -1 : x->walk_s > y->walk_s;
}

/* Isochrone by the timetable: every source walks to its stops, the union
 * keeps the shortest walk to each stop (all sources leave at the same
 * minute, so the journey of a minute is the fastest from any of them); a
 * place's direct walk is the shortest from any source. One range query. */
static gboolean
isochrone (const TnetTimetable *tt, const double *sources, guint n_sources, const double *places,
           guint n_places, guint max_walk_s, gint32 depart_s, guint n_minutes,
           const double *pcts, guint n_pcts, gint32 *out, const TnetRaptorStop *stop,
           GError **error)
{
  n_minutes = MAX (n_minutes, 1u);
  if (n_places == 0 || n_pcts == 0)
    return TRUE;
  g_autoptr (GArray) all = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  for (guint s = 0; s < n_sources; s++)
    {
      if (s % TNET_I_RAPTOR_STOP_EVERY == 0 && !tnet_i_raptor_stop_check (stop, error))
        return FALSE;
      if (!isnan (sources[2 * s]) && !isnan (sources[2 * s + 1]))
        tnet_i_timetable_walks_near_s (tt, sources[2 * s], sources[2 * s + 1], max_walk_s, all);
    }
  /* one access row per stop, its shortest walk */
  g_array_sort (all, cmp_stop_walk);
  g_autoptr (GArray) access = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  for (guint i = 0; i < all->len; i++)
    if (i == 0 || g_array_index (all, TnetStopWalk, i).stop
                  != g_array_index (all, TnetStopWalk, i - 1).stop)
      g_array_append_val (access, g_array_index (all, TnetStopWalk, i));
  g_autoptr (GArray) egress = g_array_new (FALSE, FALSE, sizeof (TnetEgress));
  if (!tnet_i_raptor_places_egress (tt, sources, n_sources, places, n_places, max_walk_s, stop,
                                    egress, error))
    return FALSE;
  return tnet_i_raptor_range_percentiles (tt, access, egress, depart_s, n_minutes, n_places,
                                          pcts, n_pcts, stop, out, error);
}

gboolean
tnet_timetable_isochrone (const TnetTimetable *tt, const double *sources, guint n_sources,
                          const double *places, guint n_places, TnetWeight max_walk_ms,
                          gint32 depart_s, guint n_minutes, const double *pcts, guint n_pcts,
                          gint32 *out, const TnetRaptorStop *stop, GError **error)
{
  g_return_val_if_fail (tt != NULL, FALSE);
  g_return_val_if_fail (sources != NULL || n_sources == 0, FALSE);
  g_return_val_if_fail (places != NULL || n_places == 0, FALSE);
  g_return_val_if_fail (pcts != NULL || n_pcts == 0, FALSE);
  g_return_val_if_fail (out != NULL || (gsize) n_places * n_pcts == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return isochrone (tt, sources, n_sources, places, n_places, tnet_i_whole_s (max_walk_ms),
                    depart_s, n_minutes, pcts, n_pcts, out, stop, error);
}
