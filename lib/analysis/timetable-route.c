/* timetable-route.c: the journey between two places by the timetable
 * (#TnetTimetableRoute): the ends' walks (and park-and-ride's drives), one
 * RAPTOR range query over the window and the legs of the first departure.
 * Its written forms: timetable-route-output.c. */
#include "tnet-internal.h"
#include "timetable-route-private.h"

static const double default_percentiles[] = { 5, 25, 50, 75, 95 };

void
tnet_timetable_route_options_init (TnetTimetableRouteOptions *opts)
{
  g_return_if_fail (opts != NULL);
  *opts = (TnetTimetableRouteOptions) {
    .depart_s = 8 * 3600, .n_minutes = 0, .max_walk_ms = tnet_weight_from_min (15),
    .percentiles = default_percentiles, .n_percentiles = G_N_ELEMENTS (default_percentiles),
    .feed = NULL,
  };
}

void
tnet_timetable_route_free (TnetTimetableRoute *route)
{
  if (route == NULL)
    return;
  g_string_chunk_free (route->strings);
  g_free (route->series_s);
  g_free (route->percentiles);
  g_free (route->percentile_s);
  g_array_unref (route->legs);
  g_free (route);
}

/* The ends of a route: the origin's access rows into @acc (its walks to
 * stops, with park-and-ride @pr its drives to parking places too, whose
 * rows go to @rows), the destination's stops into @egr and the egresses
 * into @egress (with the walk all the way when within the longest walk,
 * *@direct). @max_walk_s is @max_walk_ms on the kernel's clock, rounded
 * once by the caller (tnet_i_whole_s()). Fails (TNET_ERROR_NOT_FOUND) on
 * an unknown place, or when no stop is within the walk of one end. */
static gboolean
route_ends (const TnetTimetable *tt, TnetRaptor *ws, const TnetParkRide *pr, TnetSearch *search,
            const TnetNetwork *net, TnetWeight max_walk_ms, guint max_walk_s, const char *from,
            const char *to, const char *how, GArray *acc, GArray *egr, GArray *rows,
            GArray *egress, guint32 *direct, GError **error)
{
  double olon = NAN, olat = NAN, dlon = NAN, dlat = NAN;
  TnetId onode, dnode;
  if (!tnet_raptor_walks_from_place_id (ws, net, from, max_walk_ms, acc, &olon, &olat, &onode,
                                        error)
      || !tnet_raptor_walks_from_place_id (ws, net, to, max_walk_ms, egr, &dlon, &dlat, &dnode,
                                           error))
    return FALSE;
  if (pr != NULL && onode != TNET_ID_NONE)
    {
      /* driving to a parking place competes with walking to a stop */
      g_autoptr (GArray) merged = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
      tnet_park_ride_access (pr, search, onode, (const TnetStopWalk *) (void *) acc->data,
                             acc->len, rows, merged);
      g_array_set_size (acc, 0);
      g_array_append_vals (acc, merged->data, merged->len);
    }
  for (guint i = 0; i < egr->len; i++)
    {
      const TnetStopWalk *w = &g_array_index (egr, TnetStopWalk, i);
      TnetEgress e = { 0, w->stop, w->walk_s };
      g_array_append_val (egress, e);
    }
  *direct = G_MAXUINT32;
  g_autoptr (GArray) scratch = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  gboolean street = onode != TNET_ID_NONE && dnode != TNET_ID_NONE
                    && tnet_raptor_walks_from_node (ws, onode, max_walk_ms, dnode, direct,
                                                    scratch);
  /* both ends on the street: the direct walk is the street walk; else
   * the walk of the straight line when both ends have a position */
  if (!street && !isnan (olon) && !isnan (dlon))
    *direct = tnet_timetable_walk_seconds (tt, tnet_i_haversine_m (olon, olat, dlon, dlat));
  if ((street || (!isnan (olon) && !isnan (dlon))) && *direct <= max_walk_s)
    {
      TnetEgress e = { 0, TNET_ID_NONE, *direct };
      g_array_append_val (egress, e);
    }
  if (egress->len == 0 || (acc->len == 0 && *direct > max_walk_s))
    {
      /* no stop within walking distance of one end: nothing to route */
      g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND, "no path by %s from '%s' to "
                   "'%s': no stop of the feed within %u min walk of '%s' (--max-walk)%s",
                   how, from, to, max_walk_s / 60, acc->len == 0 ? from : to,
                   pr && acc->len == 0 ? " nor a parking place within the drive budget"
                   : "");
      return FALSE;
    }
  return TRUE;
}

/* The legs of @raw as shown: their places named (a parking place and the
 * legs after it by the node; the first walk from the origin), empty access
 * legs dropped; then the final walk from @best (@best_walk s) to the
 * destination, unless walking all the way. */
static void
name_legs (TnetTimetableRoute *r, const TnetTimetable *tt, const TnetNetwork *net,
           const GArray *raw, TnetId best, guint32 best_walk)
{
  const char *parked = NULL;   /* the parking place, once parked */
  gint32 clock = r->depart_s;
  for (guint i = 0; i < raw->len; i++)
    {
      const TnetTransitLeg *l = &g_array_index (raw, TnetTransitLeg, i);
      const char *place = l->node != TNET_ID_NONE ? tnet_network_node (net, l->node)->id : NULL;
      if (l->kind == TNET_TRANSIT_LEG_PARK)
        parked = place;
      const char *fs = l->kind == TNET_TRANSIT_LEG_PARK ? place
                       : l->from_stop != TNET_ID_NONE ? tnet_timetable_stop_id (tt, l->from_stop)
                       : parked ? parked : r->from;
      const char *ts = place ? place : tnet_timetable_stop_id (tt, l->to_stop);
      if (l->kind == TNET_TRANSIT_LEG_ACCESS && l->end_s == l->start_s)
        continue;
      TnetIRouteLeg leg = {
        l->kind, l->mode,
        l->route_name ? g_string_chunk_insert_const (r->strings, l->route_name) : NULL,
        l->trip_id ? g_string_chunk_insert_const (r->strings, l->trip_id) : NULL,
        g_string_chunk_insert_const (r->strings, fs),
        g_string_chunk_insert_const (r->strings, ts), l->start_s, l->end_s, l->wait_s,
      };
      g_array_append_val (r->legs, leg);
      clock = l->end_s;
    }
  if (!r->walk_only && best != TNET_ID_NONE && best_walk > 0)
    {
      r->last_stop = g_string_chunk_insert_const (r->strings, tnet_timetable_stop_id (tt, best));
      r->last_walk_start_s = clock;
      r->last_walk_end_s = clock + (gint32) best_walk;
    }
}

/* A route with the options and places of the query and no result yet. */
static TnetTimetableRoute *
route_new (const TnetTimetable *tt, const TnetParkRide *pr,
           const TnetTimetableRouteOptions *opts, const char *from, const char *to)
{
  TnetTimetableRoute *r = g_new0 (TnetTimetableRoute, 1);
  r->strings = g_string_chunk_new (256);
  r->from = g_string_chunk_insert_const (r->strings, from);
  r->to = g_string_chunk_insert_const (r->strings, to);
  r->feed = opts->feed ? g_string_chunk_insert_const (r->strings, opts->feed) : NULL;
  r->park_ride = pr != NULL;
  if (pr)
    {
      r->park_ride_options = *tnet_park_ride_get_options (pr);
      r->n_parking = tnet_park_ride_n_parking (pr);
      r->n_parking_stops = tnet_park_ride_n_stops (pr);
    }
  r->date = tnet_timetable_get_service_date (tt);
  r->depart_s = opts->depart_s;
  r->window_min = opts->n_minutes;
  r->n_minutes = MAX (opts->n_minutes, 1u);
  r->series_s = g_new (gint32, r->n_minutes);
  r->n_percentiles = opts->n_percentiles;
  r->percentiles = g_memdup2 (opts->percentiles, sizeof (double) * opts->n_percentiles);
  r->percentile_s = g_new (gint32, MAX (opts->n_percentiles, 1));
  r->legs = g_array_new (FALSE, FALSE, sizeof (TnetIRouteLeg));
  return r;
}

TnetTimetableRoute *
tnet_timetable_route_compute (const TnetTimetable *tt, TnetRaptor *ws, const TnetParkRide *pr,
                              TnetSearch *search, const TnetNetwork *net,
                              const TnetTimetableRouteOptions *opts, const char *from,
                              const char *to, GError **error)
{
  g_return_val_if_fail (tt != NULL && ws != NULL && opts != NULL, NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);
  g_return_val_if_fail (pr == NULL || (search != NULL && net != NULL), NULL);
  g_return_val_if_fail (opts->percentiles != NULL || opts->n_percentiles == 0, NULL);
  const char *how = pr ? "park-and-ride" : "transit";
  g_autoptr (GArray) acc = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  g_autoptr (GArray) egr = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (TnetParkRideAccess));
  g_autoptr (GArray) egress = g_array_new (FALSE, FALSE, sizeof (TnetEgress));
  guint32 direct;
  /* the budget on the kernel's clock, as the walk calls round it: once */
  guint max_walk_s = tnet_i_whole_s (opts->max_walk_ms);
  if (!route_ends (tt, ws, pr, search, net, opts->max_walk_ms, max_walk_s, from, to, how, acc,
                   egr, rows, egress, &direct, error))
    return NULL;
  g_autoptr (TnetTimetableRoute) r = route_new (tt, pr, opts, from, to);
  if (!tnet_raptor_run_range (ws, (const TnetStopWalk *) (void *) acc->data, acc->len,
                              r->depart_s, r->n_minutes,
                              (const TnetEgress *) (void *) egress->data, egress->len, 1,
                              r->series_s, NULL, error))
    return NULL;
  /* the journey of the first minute: the best egress stop, then its legs */
  tnet_raptor_run (ws, (const TnetStopWalk *) (void *) acc->data, acc->len, r->depart_s);
  TnetId best = TNET_ID_NONE;
  guint32 best_walk = 0;
  gint32 best_t = TNET_RAPTOR_UNREACHED;
  for (guint i = 0; i < egr->len; i++)
    {
      const TnetStopWalk *w = &g_array_index (egr, TnetStopWalk, i);
      gint32 a = tnet_raptor_arrival (ws, w->stop);
      if (a != TNET_RAPTOR_UNREACHED && a + (gint32) w->walk_s < best_t)
        {
          best_t = a + (gint32) w->walk_s;
          best = w->stop;
          best_walk = w->walk_s;
        }
    }
  r->walk_only = direct <= max_walk_s && r->depart_s + (gint32) direct <= best_t;
  r->direct_s = direct;
  if (r->series_s[0] == TNET_RAPTOR_UNREACHED && opts->n_minutes <= 1)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND, "no path by %s from '%s' to "
                   "'%s' departing %02d:%02d on %u", how, from, to, r->depart_s / 3600,
                   r->depart_s / 60 % 60, r->date);
      return NULL;
    }
  g_autoptr (GArray) raw = g_array_new (FALSE, FALSE, sizeof (TnetTransitLeg));
  if (!r->walk_only && best != TNET_ID_NONE)
    tnet_park_ride_journey (ws, best, (const TnetParkRideAccess *) (void *) rows->data,
                            rows->len, raw);
  g_autofree gint32 *sorted = g_memdup2 (r->series_s, sizeof (gint32) * r->n_minutes);
  tnet_percentiles (sorted, r->n_minutes, r->percentiles, r->n_percentiles, r->percentile_s);
  name_legs (r, tt, net, raw, best, best_walk);
  return g_steal_pointer (&r);
}
