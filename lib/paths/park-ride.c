/* park-ride.c: park-and-ride by the timetable (tnet_park_ride_new()):
 * drive over the car graph to a parking place, park, walk to a stop it
 * serves, then ride as transit.
 *
 * Implementation notes: the parking places and the stops each serves are
 * found once, in a CSR table by network node (park_first[n + 1],
 * park_stop/park_walk), so an origin's access is one bounded Dijkstra over
 * the car graph followed by a scan of the table rows of the parking nodes
 * it settled. The access rows are then the plain {stop, seconds} rows of
 * RAPTOR: the drive does not depend on the departure time, so range RAPTOR
 * over a window needs nothing else. Each row keeps its provenance (parking
 * node, drive, park, walk) so a journey can be told back as drive, park,
 * walk and rides. */
#include "tnet-internal.h"
#include "raptor-private.h"

#include <gio/gio.h>
#include <math.h>

#define CAR_MODES (TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS))

struct _TnetParkRide {
  const TnetTimetable *tt;    /* a reference */
  TnetGraph *graph;           /* the car graph; node i = network node i */
  TnetMetric *time;           /* its travel time (ms) */
  TnetParkRideOptions opt;
  guint32 park_s;             /* opt.park_ms on the kernel's clock (nearest s) */
  guint n_nodes;              /* network nodes */
  guint *park_first;          /* n_nodes + 1: the rows of node v are
                                 park_first[v] .. park_first[v + 1] - 1;
                                 empty unless v is a parking place */
  TnetId *park_stop;          /* stops served, by node */
  guint32 *park_walk;         /* their walk from the parking place, s */
  guint n_parking;            /* nodes with at least one row */
  guint n_stops;              /* distinct stops in park_stop */
};

void
tnet_park_ride_options_init (TnetParkRideOptions *options)
{
  g_return_if_fail (options != NULL);
  options->drive_budget_ms = tnet_weight_from_min (30);
  options->park_ms = tnet_weight_from_min (5);
  options->parking_radius_m = 400;
}

static gboolean
is_parking (const TnetNode *n)
{
  return (n->kind == TNET_NODE_STATION || n->kind == TNET_NODE_PARKING) && isfinite (n->lon)
         && isfinite (n->lat);
}

TnetParkRide *
tnet_park_ride_new (const TnetTimetable *tt, const TnetNetwork *net, const TnetScenario *scen,
                    const TnetParkRideOptions *options, GError **error)
{
  g_return_val_if_fail (tt != NULL && net != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  TnetParkRideOptions defaults;
  if (options == NULL)
    {
      tnet_park_ride_options_init (&defaults);
      options = &defaults;
    }
  if (!(options->parking_radius_m >= 0 && isfinite (options->parking_radius_m)))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "park-and-ride: the parking radius must be a finite number of metres "
                   ">= 0, got %g", options->parking_radius_m);
      return NULL;
    }
  if (options->park_ms >= TNET_WEIGHT_INF)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "park-and-ride: the park time must be a finite number of milliseconds, "
                   "got TNET_WEIGHT_INF");
      return NULL;
    }
  TnetMetric *time = NULL;
  g_autoptr (TnetScenario) existing = scen ? NULL : tnet_scenario_new (G_MAXINT);
  if (existing)
    tnet_scenario_set_statuses (existing, TNET_STATUS_BIT (TNET_STATUS_EXISTING));
  TnetGraph *g = tnet_graph_compile_modes (net, scen ? scen : existing, CAR_MODES, &time, NULL,
                                           error);
  if (g == NULL)
    return NULL;
  TnetParkRide *pr = g_new0 (TnetParkRide, 1);
  pr->tt = tnet_timetable_ref (tt);
  pr->graph = g;
  pr->time = time;
  pr->opt = *options;
  pr->park_s = tnet_i_whole_s (options->park_ms);
  pr->n_nodes = tnet_network_n_nodes (net);
  pr->park_first = g_new0 (guint, pr->n_nodes + 1);
  GArray *stops = g_array_new (FALSE, FALSE, sizeof (TnetId));
  GArray *walks = g_array_new (FALSE, FALSE, sizeof (guint32));
  GArray *near = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  guint8 *served = g_new0 (guint8, MAX (tnet_timetable_n_stops (tt), 1));
  /* a parking place must be on the car graph: an arc in or out */
  guint8 *driven = g_new0 (guint8, MAX (pr->n_nodes, 1));
  for (TnetId a = 0; a < tnet_graph_n_arcs (g); a++)
    {
      TnetId t = tnet_graph_arc_tail (g, a), h = tnet_graph_arc_head (g, a);
      if (t < pr->n_nodes)
        driven[t] = 1;
      if (h < pr->n_nodes)
        driven[h] = 1;
    }
  /* a stop within the radius walks at most this long by straight line */
  guint max_s = tnet_timetable_walk_seconds (tt, options->parking_radius_m) + 1;
  for (guint v = 0; v < pr->n_nodes; v++)
    {
      const TnetNode *n = tnet_network_node (net, v);
      pr->park_first[v] = stops->len;
      if (!is_parking (n) || !driven[v])
        continue;
      g_array_set_size (near, 0);
      tnet_i_timetable_walks_near_s (tt, n->lon, n->lat, max_s, near);
      for (guint i = 0; i < near->len; i++)
        {
          const TnetStopWalk *w = &g_array_index (near, TnetStopWalk, i);
          double slon, slat;
          tnet_timetable_stop_position (tt, w->stop, &slon, &slat);
          double d = tnet_i_haversine_m (n->lon, n->lat, slon, slat);
          if (!(d <= options->parking_radius_m))
            continue;
          guint32 ws = tnet_timetable_walk_seconds (tt, d);
          g_array_append_val (stops, w->stop);
          g_array_append_val (walks, ws);
          if (!served[w->stop])
            pr->n_stops++;
          served[w->stop] = 1;
        }
      if (stops->len > pr->park_first[v])
        pr->n_parking++;
    }
  pr->park_first[pr->n_nodes] = stops->len;
  g_free (served);
  g_free (driven);
  g_array_unref (near);
  pr->park_stop = (TnetId *) (void *) g_array_free (stops, FALSE);
  pr->park_walk = (guint32 *) (void *) g_array_free (walks, FALSE);
  return pr;
}

void
tnet_i_park_ride_retime (TnetParkRide *pr, const TnetNetwork *net, const TnetScenario *scen)
{
  g_return_if_fail (pr != NULL && net != NULL);
  g_return_if_fail (tnet_network_n_nodes (net) == pr->n_nodes);
  g_autoptr (TnetScenario) existing = scen ? NULL : tnet_scenario_new (G_MAXINT);
  if (existing)
    tnet_scenario_set_statuses (existing, TNET_STATUS_BIT (TNET_STATUS_EXISTING));
  TnetMetric *time = tnet_i_graph_compile_times (pr->graph, net, scen ? scen : existing);
  tnet_metric_unref (pr->time);
  pr->time = time;
}

void
tnet_park_ride_free (TnetParkRide *pr)
{
  if (pr == NULL)
    return;
  tnet_timetable_unref (pr->tt);
  tnet_metric_unref (pr->time);
  tnet_graph_unref (pr->graph);
  g_free (pr->park_first);
  g_free (pr->park_stop);
  g_free (pr->park_walk);
  g_free (pr);
}

TnetGraph *
tnet_park_ride_get_graph (const TnetParkRide *pr)
{
  g_return_val_if_fail (pr != NULL, NULL);
  return pr->graph;
}

const TnetParkRideOptions *
tnet_park_ride_get_options (const TnetParkRide *pr)
{
  g_return_val_if_fail (pr != NULL, NULL);
  return &pr->opt;
}

guint
tnet_park_ride_n_parking (const TnetParkRide *pr)
{
  g_return_val_if_fail (pr != NULL, 0);
  return pr->n_parking;
}

guint
tnet_park_ride_n_stops (const TnetParkRide *pr)
{
  g_return_val_if_fail (pr != NULL, 0);
  return pr->n_stops;
}

/* Whether row @a beats row @b for the same stop: faster; on a tie the walk
 * (no parking), then the shorter drive. */
static gboolean
better (const TnetParkRideAccess *a, const TnetParkRideAccess *b)
{
  if (a->access_s != b->access_s)
    return a->access_s < b->access_s;
  if ((a->parking == TNET_ID_NONE) != (b->parking == TNET_ID_NONE))
    return a->parking == TNET_ID_NONE;
  return a->drive_s < b->drive_s;
}

/* Adds @row to @out, keeping one row per stop; @slot maps a stop to its
 * row + 1 (0: none yet). */
static void
offer (GArray *out, GHashTable *slot, const TnetParkRideAccess *row)
{
  guint at = GPOINTER_TO_UINT (g_hash_table_lookup (slot, GUINT_TO_POINTER (row->stop + 1)));
  if (at == 0)
    {
      g_array_append_val (out, *row);
      g_hash_table_insert (slot, GUINT_TO_POINTER (row->stop + 1), GUINT_TO_POINTER (out->len));
    }
  else if (better (row, &g_array_index (out, TnetParkRideAccess, at - 1)))
    g_array_index (out, TnetParkRideAccess, at - 1) = *row;
}

/* tnet_park_ride_access() from the @n_sources car-graph nodes @sources,
 * each entered @offsets_ms after leaving the origin. */
static void
access_from (const TnetParkRide *pr, TnetSearch *search, const TnetId *sources,
             const TnetWeight *offsets_ms, guint n_sources, const TnetStopWalk *walks,
             guint n_walks, GArray *out, GArray *access_out)
{
  g_array_set_size (out, 0);
  g_autoptr (GHashTable) slot = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < n_walks; i++)
    {
      TnetParkRideAccess r = { walks[i].stop, walks[i].walk_s, TNET_ID_NONE, 0, 0,
                               walks[i].walk_s };
      offer (out, slot, &r);
    }
  if (n_sources > 0)
    {
      tnet_search_run_multi (search, pr->time, sources, offsets_ms, n_sources, TNET_FORWARD,
                             pr->opt.drive_budget_ms, TNET_ID_NONE);
      guint n = tnet_search_n_settled (search);
      for (guint k = 0; k < n; k++)
        {
          TnetId v = tnet_search_settled_node (search, k);
          if (v >= pr->n_nodes || pr->park_first[v] == pr->park_first[v + 1])
            continue;
          TnetWeight ms = tnet_search_distance (search, v);
          guint32 drive = (guint32) (((guint64) ms + 999) / 1000);
          for (guint i = pr->park_first[v]; i < pr->park_first[v + 1]; i++)
            {
              TnetParkRideAccess r = { pr->park_stop[i],
                                       drive + pr->park_s + pr->park_walk[i], v, drive,
                                       pr->park_s, pr->park_walk[i] };
              offer (out, slot, &r);
            }
        }
    }
  if (access_out)
    {
      g_array_set_size (access_out, 0);
      for (guint i = 0; i < out->len; i++)
        {
          const TnetParkRideAccess *r = &g_array_index (out, TnetParkRideAccess, i);
          TnetStopWalk w = { r->stop, r->access_s };
          g_array_append_val (access_out, w);
        }
    }
}

void
tnet_park_ride_access (const TnetParkRide *pr, TnetSearch *search, TnetId origin,
                       const TnetStopWalk *walks, guint n_walks, GArray *out,
                       GArray *access_out)
{
  g_return_if_fail (pr != NULL && search != NULL && out != NULL);
  g_return_if_fail (tnet_search_get_graph (search) == pr->graph);
  g_return_if_fail (origin < pr->n_nodes);
  g_return_if_fail (walks != NULL || n_walks == 0);
  TnetWeight zero = 0;
  access_from (pr, search, &origin, &zero, 1, walks, n_walks, out, access_out);
}

void
tnet_park_ride_access_end (const TnetParkRide *pr, TnetSearch *search,
                           const TnetTripEnd *origin, const TnetStopWalk *walks, guint n_walks,
                           GArray *out, GArray *access_out)
{
  g_return_if_fail (pr != NULL && search != NULL && out != NULL && origin != NULL);
  g_return_if_fail (tnet_search_get_graph (search) == pr->graph);
  g_return_if_fail (origin->node == TNET_ID_NONE || origin->node < pr->n_nodes);
  g_return_if_fail (origin->n_links == 0
                    || (origin->link_node != NULL && origin->link_ms != NULL));
  g_return_if_fail (walks != NULL || n_walks == 0);
  if (origin->node != TNET_ID_NONE)
    {
      TnetWeight zero = 0;
      access_from (pr, search, &origin->node, &zero, 1, walks, n_walks, out, access_out);
      return;
    }
  /* links to nodes off the car graph's range drive nowhere */
  g_autofree TnetId *src = g_new (TnetId, MAX (origin->n_links, 1u));
  g_autofree TnetWeight *off = g_new (TnetWeight, MAX (origin->n_links, 1u));
  guint n = 0;
  for (guint c = 0; c < origin->n_links; c++)
    if (origin->link_node[c] < pr->n_nodes && origin->link_ms[c] < TNET_WEIGHT_INF)
      {
        src[n] = origin->link_node[c];
        off[n++] = origin->link_ms[c];
      }
  access_from (pr, search, src, off, n, walks, n_walks, out, access_out);
}

gboolean
tnet_park_ride_journey (const TnetRaptor *ws, TnetId stop, const TnetParkRideAccess *rows,
                        guint n_rows, GArray *out)
{
  g_return_val_if_fail (ws != NULL && out != NULL, FALSE);
  g_return_val_if_fail (rows != NULL || n_rows == 0, FALSE);
  if (!tnet_raptor_journey (ws, stop, out))
    return FALSE;
  TnetTransitLeg *first = &g_array_index (out, TnetTransitLeg, 0);
  if (first->kind != TNET_TRANSIT_LEG_ACCESS)
    return TRUE;
  const TnetParkRideAccess *r = NULL;
  for (guint i = 0; i < n_rows && r == NULL; i++)
    if (rows[i].stop == first->to_stop)
      r = &rows[i];
  if (r == NULL || r->parking == TNET_ID_NONE
      || first->end_s - first->start_s != (gint32) r->access_s)
    return TRUE;
  gint32 t0 = first->start_s;
  TnetTransitLeg drive = { TNET_TRANSIT_LEG_DRIVE, TNET_ID_NONE, TNET_ID_NONE, t0,
                           t0 + (gint32) r->drive_s, 0, NULL, NULL, TNET_MODE_ROAD,
                           r->parking };
  TnetTransitLeg park = { TNET_TRANSIT_LEG_PARK, TNET_ID_NONE, TNET_ID_NONE, drive.end_s,
                          drive.end_s + (gint32) r->park_s, 0, NULL, NULL, TNET_MODE_ROAD,
                          r->parking };
  first->start_s = park.end_s;
  g_array_insert_val (out, 0, park);
  g_array_insert_val (out, 0, drive);
  return TRUE;
}

/* The position of end @e (a node's, or the point's); NaN for none, and
 * for a point without access links (it reaches nothing). */
static void
end_position (const TnetNetwork *net, const TnetTripEnd *e, double *lon, double *lat)
{
  if (e->node != TNET_ID_NONE)
    {
      const TnetNode *n = tnet_network_node (net, e->node);
      *lon = n->lon;
      *lat = n->lat;
    }
  else if (e->n_links > 0)
    {
      *lon = e->lon;
      *lat = e->lat;
    }
  else
    *lon = *lat = NAN;
}

/* The stops end @e walks to within @max_walk_s (appended to @walks): a
 * node's by tnet_raptor_walks_from_place(), a point's by
 * tnet_raptor_walks_from_links(). Returns TRUE when the street search of a
 * node ran (it stays in @ws for tnet_raptor_walk_to_node()). */
static gboolean
end_walks (TnetRaptor *ws, const TnetNetwork *net, const TnetTripEnd *e, guint max_walk_s,
           GArray *walks)
{
  if (e->node == TNET_ID_NONE)
    {
      tnet_i_raptor_walks_from_links_s (ws, net, e, max_walk_s, walks, NULL);
      return FALSE;
    }
  const TnetNode *n = tnet_network_node (net, e->node);
  return tnet_i_raptor_walks_from_place_s (ws, e->node, n->lon, n->lat, max_walk_s, walks);
}

/* The egress rows of every destination: its stops within @max_walk_s. */
static void
destination_egress (const TnetNetwork *net, TnetRaptor *ws, const TnetTripEnd *destinations,
                    guint n_destinations, guint max_walk_s, GArray *egress)
{
  g_autoptr (GArray) walks = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  for (guint d = 0; d < n_destinations; d++)
    {
      g_array_set_size (walks, 0);
      end_walks (ws, net, &destinations[d], max_walk_s, walks);
      for (guint i = 0; i < walks->len; i++)
        {
          const TnetStopWalk *w = &g_array_index (walks, TnetStopWalk, i);
          TnetEgress e = { d, w->stop, w->walk_s };
          g_array_append_val (egress, e);
        }
    }
}

void
tnet_i_park_ride_dests_init (TnetIParkRideDests *d, const TnetParkRide *pr,
                             const TnetNetwork *net, const TnetTripEnd *destinations,
                             guint n_destinations, guint max_walk_s)
{
  d->n = n_destinations;
  d->max_walk_s = max_walk_s;
  d->ends = destinations;
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (pr->tt);
  d->stop_egress = g_array_new (FALSE, FALSE, sizeof (TnetEgress));
  destination_egress (net, ws, destinations, n_destinations, max_walk_s, d->stop_egress);
  d->pos = g_new (double, 2 * (gsize) MAX (n_destinations, 1u));
  for (guint i = 0; i < n_destinations; i++)
    end_position (net, &destinations[i], &d->pos[2 * i], &d->pos[2 * i + 1]);
  d->n_nodes = tnet_network_n_nodes (net);
  d->node_pos = g_new (double, 2 * (gsize) MAX (d->n_nodes, 1u));
  for (guint v = 0; v < d->n_nodes; v++)
    {
      const TnetNode *n = tnet_network_node (net, v);
      d->node_pos[2 * v] = n->lon;
      d->node_pos[2 * v + 1] = n->lat;
    }
}

void
tnet_i_park_ride_dests_clear (TnetIParkRideDests *d)
{
  g_clear_pointer (&d->stop_egress, g_array_unref);
  g_clear_pointer (&d->pos, g_free);
  g_clear_pointer (&d->node_pos, g_free);
}

gboolean
tnet_i_park_ride_origin_rows (const TnetParkRide *pr, const TnetNetwork *net, TnetRaptor *ws,
                              TnetSearch *search, const TnetIParkRideDests *d,
                              const TnetTripEnd *oe, GArray *walks, GArray *egress,
                              GArray *rows, GArray *access)
{
  double olon, olat;
  gboolean street;
  g_array_set_size (walks, 0);
  if (oe->node != TNET_ID_NONE)
    {
      /* a node: as end_position() and end_walks(), from the copied positions */
      olon = d->node_pos[2 * oe->node];
      olat = d->node_pos[2 * oe->node + 1];
      street = tnet_i_raptor_walks_from_place_s (ws, oe->node, olon, olat, d->max_walk_s,
                                                 walks);
    }
  else
    {
      end_position (net, oe, &olon, &olat);
      street = end_walks (ws, net, oe, d->max_walk_s, walks);
    }
  g_array_set_size (egress, 0);
  g_array_append_vals (egress, d->stop_egress->data, d->stop_egress->len);
  for (guint i = 0; i < d->n; i++)
    {
      /* over the street between two nodes when the origin's search ran,
       * else the straight line */
      TnetId dn = d->ends[i].node;
      guint32 walk = street && dn != TNET_ID_NONE ? tnet_raptor_walk_to_node (ws, dn)
                     : G_MAXUINT32;
      if (!(street && dn != TNET_ID_NONE) && !isnan (olon) && !isnan (d->pos[2 * i]))
        walk = tnet_timetable_walk_seconds (pr->tt,
                                            tnet_i_haversine_m (olon, olat, d->pos[2 * i],
                                                                d->pos[2 * i + 1]));
      if (walk <= d->max_walk_s)
        {
          TnetEgress e = { i, TNET_ID_NONE, walk };
          g_array_append_val (egress, e);
        }
    }
  g_array_set_size (rows, 0);
  g_array_set_size (access, 0);
  if (egress->len == 0)
    return FALSE;   /* no destination has a stop or a walk from here */
  tnet_park_ride_access_end (pr, search, oe, (const TnetStopWalk *) (void *) walks->data,
                            walks->len, rows, access);
  return TRUE;
}

TnetParkRide *
tnet_i_park_ride_copy (const TnetParkRide *pr)
{
  TnetParkRide *c = g_memdup2 (pr, sizeof *pr);
  c->tt = tnet_timetable_ref (pr->tt);
  c->graph = tnet_graph_ref (pr->graph);
  c->time = tnet_metric_ref (pr->time);
  c->park_first = g_memdup2 (pr->park_first, sizeof (guint) * (pr->n_nodes + 1));
  guint n_rows = MAX (pr->park_first[pr->n_nodes], 1u);
  c->park_stop = g_memdup2 (pr->park_stop, sizeof (TnetId) * n_rows);
  c->park_walk = g_memdup2 (pr->park_walk, sizeof (guint32) * n_rows);
  return c;
}

const TnetTimetable *
tnet_i_park_ride_get_timetable (const TnetParkRide *pr)
{
  return pr->tt;
}

/* The rows of a park-and-ride matrix's origin (TnetIRaptorRowsFunc). */
typedef struct {
  const TnetParkRide *pr;
  const TnetNetwork *net;
  TnetRaptor *ws;
  TnetSearch *search;
  const TnetIParkRideDests *dests;
  const TnetTripEnd *origins;
  GArray *walks;    /* scratch */
  GArray *rows;     /* TnetParkRideAccess of the access rows */
} MatrixRows;

static gboolean
matrix_origin_rows (gpointer data, guint o, GArray *access, GArray *egress)
{
  MatrixRows *m = data;
  return tnet_i_park_ride_origin_rows (m->pr, m->net, m->ws, m->search, m->dests,
                                       &m->origins[o], m->walks, egress, m->rows, access);
}

static gboolean
matrix_ends (const TnetParkRide *pr, const TnetNetwork *net, const TnetTripEnd *origins,
             guint n_origins, const TnetTripEnd *destinations, guint n_destinations,
             guint max_walk_s, gint32 depart_s, guint n_minutes, const double *pcts,
             guint n_pcts, gint32 *out, const TnetRaptorStop *stop, GError **error)
{
  n_minutes = MAX (n_minutes, 1u);
  if (n_destinations == 0 || n_pcts == 0)
    return TRUE;
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (pr->tt);
  g_autoptr (TnetSearch) search = tnet_search_new (pr->graph);
  TnetIParkRideDests dests;
  tnet_i_park_ride_dests_init (&dests, pr, net, destinations, n_destinations, max_walk_s);
  g_autoptr (GArray) walks = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (TnetParkRideAccess));
  MatrixRows m = { pr, net, ws, search, &dests, origins, walks, rows };
  gboolean ok = tnet_i_raptor_matrix_rows (ws, n_origins, n_destinations, matrix_origin_rows, &m,
                                           "park-and-ride matrix", depart_s, n_minutes, pcts,
                                           n_pcts, out, stop, error);
  tnet_i_park_ride_dests_clear (&dests);
  return ok;
}

/* @n node ends of @nodes. */
static TnetTripEnd *
node_ends (const TnetId *nodes, guint n)
{
  TnetTripEnd *e = g_new0 (TnetTripEnd, MAX (n, 1u));
  for (guint i = 0; i < n; i++)
    {
      e[i].node = nodes[i];
      e[i].lon = e[i].lat = NAN;
    }
  return e;
}

gboolean
tnet_park_ride_matrix (const TnetParkRide *pr, const TnetNetwork *net, const TnetId *origins,
                       guint n_origins, const TnetId *destinations, guint n_destinations,
                       TnetWeight max_walk_ms, gint32 depart_s, guint n_minutes,
                       const double *pcts, guint n_pcts, gint32 *out, const TnetRaptorStop *stop,
                       GError **error)
{
  g_return_val_if_fail (pr != NULL && net != NULL, FALSE);
  g_return_val_if_fail (tnet_network_n_nodes (net) == pr->n_nodes, FALSE);
  g_return_val_if_fail (origins != NULL || n_origins == 0, FALSE);
  g_return_val_if_fail (destinations != NULL || n_destinations == 0, FALSE);
  g_return_val_if_fail (pcts != NULL || n_pcts == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  g_autofree TnetTripEnd *o = node_ends (origins, n_origins);
  g_autofree TnetTripEnd *d = node_ends (destinations, n_destinations);
  return matrix_ends (pr, net, o, n_origins, d, n_destinations, tnet_i_whole_s (max_walk_ms),
                      depart_s, n_minutes, pcts, n_pcts, out, stop, error);
}

/* Whether the @n ends @e are well formed for @pr's network. */
static gboolean
ends_valid (const TnetParkRide *pr, const TnetTripEnd *e, guint n)
{
  for (guint i = 0; i < n; i++)
    if ((e[i].node != TNET_ID_NONE && e[i].node >= pr->n_nodes)
        || (e[i].n_links > 0 && (e[i].link_node == NULL || e[i].link_ms == NULL)))
      return FALSE;
  return TRUE;
}

gboolean
tnet_park_ride_matrix_ends (const TnetParkRide *pr, const TnetNetwork *net,
                            const TnetTripEnd *origins, guint n_origins,
                            const TnetTripEnd *destinations, guint n_destinations,
                            TnetWeight max_walk_ms, gint32 depart_s, guint n_minutes,
                            const double *pcts, guint n_pcts, gint32 *out,
                            const TnetRaptorStop *stop, GError **error)
{
  g_return_val_if_fail (pr != NULL && net != NULL, FALSE);
  g_return_val_if_fail (tnet_network_n_nodes (net) == pr->n_nodes, FALSE);
  g_return_val_if_fail (origins != NULL || n_origins == 0, FALSE);
  g_return_val_if_fail (destinations != NULL || n_destinations == 0, FALSE);
  g_return_val_if_fail (pcts != NULL || n_pcts == 0, FALSE);
  g_return_val_if_fail (ends_valid (pr, origins, n_origins)
                        && ends_valid (pr, destinations, n_destinations), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return matrix_ends (pr, net, origins, n_origins, destinations, n_destinations,
                      tnet_i_whole_s (max_walk_ms), depart_s, n_minutes, pcts, n_pcts, out, stop,
                      error);
}

gboolean
tnet_park_ride_isochrone (const TnetParkRide *pr, const TnetNetwork *net, const TnetId *sources,
                          guint n_sources, const double *places, guint n_places,
                          TnetWeight max_walk_ms, gint32 depart_s, guint n_minutes,
                          const double *pcts, guint n_pcts, gint32 *out,
                          const TnetRaptorStop *stop, GError **error)
{
  g_return_val_if_fail (pr != NULL && net != NULL, FALSE);
  g_return_val_if_fail (tnet_network_n_nodes (net) == pr->n_nodes, FALSE);
  g_return_val_if_fail (sources != NULL || n_sources == 0, FALSE);
  g_return_val_if_fail (places != NULL || n_places == 0, FALSE);
  g_return_val_if_fail (pcts != NULL || n_pcts == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  n_minutes = MAX (n_minutes, 1u);
  if (n_places == 0 || n_pcts == 0)
    return TRUE;
  guint max_walk_s = tnet_i_whole_s (max_walk_ms);
  g_autoptr (TnetSearch) search = tnet_search_new (pr->graph);
  g_autoptr (GArray) walks = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (TnetParkRideAccess));
  g_autoptr (GArray) access = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  /* the fastest access to each stop over the sources */
  g_autoptr (GHashTable) slot = g_hash_table_new (NULL, NULL);
  g_autofree double *src = g_new (double, 2 * MAX (n_sources, 1u));
  for (guint k = 0; k < n_sources; k++)
    {
      /* each source drives and walks a search of its own: look at the stop
       * before each (the range query looks at it before its rounds only) */
      if (!tnet_i_raptor_stop_check (stop, error))
        return FALSE;
      const TnetNode *n = tnet_network_node (net, sources[k]);
      src[2 * k] = n->lon;
      src[2 * k + 1] = n->lat;
      g_array_set_size (walks, 0);
      if (!isnan (n->lon) && !isnan (n->lat))
        tnet_i_timetable_walks_near_s (pr->tt, n->lon, n->lat, max_walk_s, walks);
      tnet_park_ride_access (pr, search, sources[k], (const TnetStopWalk *) (void *) walks->data,
                             walks->len, rows, NULL);
      for (guint i = 0; i < rows->len; i++)
        {
          const TnetParkRideAccess *r = &g_array_index (rows, TnetParkRideAccess, i);
          gpointer key = GUINT_TO_POINTER (r->stop + 1);
          guint at = GPOINTER_TO_UINT (g_hash_table_lookup (slot, key));
          TnetStopWalk w = { r->stop, r->access_s };
          if (at == 0)
            {
              g_array_append_val (access, w);
              g_hash_table_insert (slot, key, GUINT_TO_POINTER (access->len));
            }
          else if (r->access_s < g_array_index (access, TnetStopWalk, at - 1).walk_s)
            g_array_index (access, TnetStopWalk, at - 1) = w;
        }
    }
  g_autoptr (GArray) egress = g_array_new (FALSE, FALSE, sizeof (TnetEgress));
  if (!tnet_i_raptor_places_egress (pr->tt, src, n_sources, places, n_places, max_walk_s, stop,
                                    egress, error))
    return FALSE;
  return tnet_i_raptor_range_percentiles (pr->tt, access, egress, depart_s, n_minutes, n_places,
                                          pcts, n_pcts, stop, out, error);
}
