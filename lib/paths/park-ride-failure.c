/* park-ride-failure.c: park-and-ride by the timetable with one failure at
 * a time, for the criticality scan (tnet_i_park_ride_failures_new()).
 *
 * Implementation notes. An element fails rides (its hops and routes, as
 * TnetRaptorFailures blocks them) and, by link, the car arcs of its link:
 * the drive to the parking places then avoids them (the arcs blocked in
 * the drive search's workspace, tnet_search_block_arcs(); the graph is
 * never copied). The rows of an origin are those of
 * tnet_park_ride_matrix() (tnet_i_park_ride_origin_rows()), so a base time
 * is exactly a park-and-ride commute cell; the scan itself is
 * tnet_i_raptor_failures_run_rows() with two hooks:
 *  - the candidates of a journey's access: when the journey starts on a
 *    row that parks, the links of the drive's shortest path (the search
 *    tree of the base rows) to that parking place. A closed link off that
 *    path leaves the path, so the drive, the row and the journey, intact;
 *  - a failed element with car arcs: the origin's access rows again, with
 *    the arcs blocked.
 * The drive paths are read from the base search before any failed search
 * runs (the candidates are gathered before the failures are run). */
#include "tnet-internal.h"
#include "raptor-private.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

struct _TnetIParkRideFailures {
  TnetParkRide *pr;             /* a copy sharing the graph */
  TnetRaptorFailures *f;        /* the rides' failures; rows given per origin */
  TnetTripEnd *dest_ends;       /* the destinations as node ends */
  TnetIParkRideDests dests;     /* dests.ends = dest_ends */
  TnetRaptorFailuresOptions opts;
  guint n_elements;
  /* by link: element e fails the car arcs arc[arc_first[e] .. arc_first[e+1]-1];
   * NULL by line (no element fails a road) */
  guint *arc_first;
  TnetId *arc;
};

TnetIParkRideFailures *
tnet_i_park_ride_failures_new (const TnetParkRide *pr, const TnetNetwork *net,
                               const TnetId *destinations, guint n_destinations,
                               const guint *elem_first, const TnetRaptorHop *elem_hops,
                               guint n_elements, gboolean elements_are_links,
                               const TnetRaptorFailuresOptions *opts)
{
  TnetIParkRideFailures *pf = g_new0 (TnetIParkRideFailures, 1);
  pf->pr = tnet_i_park_ride_copy (pr);
  if (opts)
    pf->opts = *opts;
  else
    tnet_raptor_failures_options_init (&pf->opts);
  pf->opts.n_minutes = MAX (pf->opts.n_minutes, 1u);
  pf->n_elements = n_elements;
  const TnetTimetable *tt = tnet_i_park_ride_get_timetable (pr);
  pf->f = tnet_i_raptor_failures_new_rows (tt, n_destinations, elem_first, elem_hops,
                                           n_elements, &pf->opts);
  pf->dest_ends = g_new0 (TnetTripEnd, MAX (n_destinations, 1u));
  for (guint d = 0; d < n_destinations; d++)
    {
      pf->dest_ends[d].node = destinations[d];
      pf->dest_ends[d].lon = pf->dest_ends[d].lat = NAN;
    }
  tnet_i_park_ride_dests_init (&pf->dests, pr, net, pf->dest_ends, n_destinations,
                               tnet_i_whole_s (pf->opts.max_walk_ms));
  if (elements_are_links)
    {
      /* CSR element (= link) -> the car graph's arcs of that link */
      TnetGraph *g = tnet_park_ride_get_graph (pr);
      guint m = tnet_graph_n_arcs (g);
      pf->arc_first = g_new0 (guint, n_elements + 1);
      for (TnetId a = 0; a < m; a++)
        {
          TnetId l = tnet_graph_arc_link (g, a);
          if (l < n_elements)
            pf->arc_first[l + 1]++;
        }
      for (guint e = 0; e < n_elements; e++)
        pf->arc_first[e + 1] += pf->arc_first[e];
      pf->arc = g_new (TnetId, MAX (pf->arc_first[n_elements], 1u));
      g_autofree guint *cur = g_memdup2 (pf->arc_first, sizeof (guint) * (n_elements + 1));
      for (TnetId a = 0; a < m; a++)
        {
          TnetId l = tnet_graph_arc_link (g, a);
          if (l < n_elements)
            pf->arc[cur[l]++] = a;
        }
    }
  return pf;
}

void
tnet_i_park_ride_failures_free (TnetIParkRideFailures *pf)
{
  if (pf == NULL)
    return;
  tnet_i_park_ride_dests_clear (&pf->dests);
  g_free (pf->dest_ends);
  tnet_raptor_failures_free (pf->f);
  tnet_park_ride_free (pf->pr);
  g_free (pf->arc_first);
  g_free (pf->arc);
  g_free (pf);
}

TnetGraph *
tnet_i_park_ride_failures_get_graph (const TnetIParkRideFailures *pf)
{
  return tnet_park_ride_get_graph (pf->pr);
}

const TnetTimetable *
tnet_i_park_ride_failures_get_timetable (const TnetIParkRideFailures *pf)
{
  return tnet_i_park_ride_get_timetable (pf->pr);
}

/* One origin's state for the hooks. */
typedef struct {
  const TnetIParkRideFailures *pf;
  TnetSearch *search;
  TnetTripEnd origin;
  GArray *walks;          /* the origin's walks to the stops */
  GArray *rows;           /* TnetParkRideAccess of the base */
  GArray *failed_rows;    /* TnetParkRideAccess, scratch */
  GArray *access;         /* TnetStopWalk: the base access rows (origin_rows()) */
  GArray *egress;         /* TnetEgress: the destinations' egresses (origin_rows()) */
  GHashTable *row_of;     /* stop + 1 -> base row + 1 */
  GHashTable *path_of;    /* parking node + 1 -> GArray of guint links, read on demand */
  gboolean base_search;   /* the search still holds the base rows' tree */
} Origin;

static void
access_elements (gpointer data, TnetId stop, GArray *elements)
{
  Origin *o = data;
  const TnetIParkRideFailures *pf = o->pf;
  if (pf->arc_first == NULL)
    return;
  guint at = GPOINTER_TO_UINT (g_hash_table_lookup (o->row_of, GUINT_TO_POINTER (stop + 1)));
  if (at == 0)
    return;
  const TnetParkRideAccess *r = &g_array_index (o->rows, TnetParkRideAccess, at - 1);
  if (r->parking == TNET_ID_NONE)
    return;   /* walks to its first stop: no road to fail */
  gpointer key = GUINT_TO_POINTER (r->parking + 1);
  GArray *links = g_hash_table_lookup (o->path_of, key);
  if (links == NULL)
    {
      g_return_if_fail (o->base_search);
      links = g_array_new (FALSE, FALSE, sizeof (guint));
      TnetGraph *g = tnet_park_ride_get_graph (pf->pr);
      guint n = tnet_search_path (o->search, r->parking, NULL, 0);
      if (n != G_MAXUINT && n > 0)
        {
          g_autofree TnetId *arcs = g_new (TnetId, n);
          tnet_search_path (o->search, r->parking, arcs, n);
          for (guint k = 0; k < n; k++)
            {
              guint l = tnet_graph_arc_link (g, arcs[k]);
              if (l < pf->n_elements)
                g_array_append_val (links, l);
            }
        }
      g_hash_table_insert (o->path_of, key, links);
    }
  g_array_append_vals (elements, links->data, links->len);
}

static gboolean
access_failed (gpointer data, guint element, GArray *access)
{
  Origin *o = data;
  const TnetIParkRideFailures *pf = o->pf;
  if (pf->arc_first == NULL || pf->arc_first[element] == pf->arc_first[element + 1])
    return FALSE;
  guint n = pf->arc_first[element + 1] - pf->arc_first[element];
  const TnetId *arcs = pf->arc + pf->arc_first[element];
  tnet_search_block_arcs (o->search, arcs, n, TRUE);
  tnet_park_ride_access_end (pf->pr, o->search, &o->origin,
                             (const TnetStopWalk *) (void *) o->walks->data, o->walks->len,
                             o->failed_rows, access);
  tnet_search_block_arcs (o->search, arcs, n, FALSE);
  o->base_search = FALSE;
  return TRUE;
}

static void
origin_init (Origin *o, const TnetIParkRideFailures *pf, TnetSearch *search, TnetId origin)
{
  memset (o, 0, sizeof *o);
  o->pf = pf;
  o->search = search;
  o->origin.node = origin;
  o->origin.lon = o->origin.lat = NAN;
  o->walks = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  o->rows = g_array_new (FALSE, FALSE, sizeof (TnetParkRideAccess));
  o->failed_rows = g_array_new (FALSE, FALSE, sizeof (TnetParkRideAccess));
  o->access = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  o->egress = g_array_new (FALSE, FALSE, sizeof (TnetEgress));
  o->row_of = g_hash_table_new (NULL, NULL);
  o->path_of = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
}

static void
origin_clear (Origin *o)
{
  g_array_unref (o->walks);
  g_array_unref (o->rows);
  g_array_unref (o->failed_rows);
  g_array_unref (o->access);
  g_array_unref (o->egress);
  g_hash_table_unref (o->row_of);
  g_hash_table_unref (o->path_of);
}

/* The base rows of @o (into o->rows, o->access and o->egress). FALSE when
 * no destination has a stop or a walk from the origin. */
static gboolean
origin_rows (const TnetIParkRideFailures *pf, TnetRaptor *ws, Origin *o)
{
  tnet_raptor_clear_blocks (ws);
  tnet_search_unblock_all (o->search);
  if (!tnet_i_park_ride_origin_rows (pf->pr, NULL, ws, o->search, &pf->dests, &o->origin,
                                     o->walks, o->egress, o->rows, o->access))
    return FALSE;
  o->base_search = TRUE;
  for (guint i = 0; i < o->rows->len; i++)
    g_hash_table_insert (o->row_of,
                         GUINT_TO_POINTER (g_array_index (o->rows, TnetParkRideAccess, i).stop
                                           + 1), GUINT_TO_POINTER (i + 1));
  return TRUE;
}

gboolean
tnet_i_park_ride_failures_run (const TnetIParkRideFailures *pf, TnetRaptor *ws,
                               TnetSearch *search, TnetId origin, const guint8 *want,
                               gint32 *base, GArray *entries, const TnetRaptorStop *stop,
                               GError **error)
{
  guint nd = pf->dests.n;
  for (guint d = 0; d < nd; d++)
    base[d] = TNET_RAPTOR_UNREACHED;
  if (nd == 0)
    return TRUE;
  Origin o;
  origin_init (&o, pf, search, origin);
  gboolean ok = TRUE;
  if (origin_rows (pf, ws, &o))
    {
      TnetIRaptorAccessHooks hooks = { access_elements, access_failed, &o };
      ok = tnet_i_raptor_failures_run_rows (pf->f, ws, o.access, o.egress, &hooks, want, base,
                                            entries, stop, error);
    }
  origin_clear (&o);
  return ok;
}

gboolean
tnet_i_park_ride_failures_journey (const TnetIParkRideFailures *pf, TnetRaptor *ws,
                                   TnetSearch *search, TnetId origin, guint destination,
                                   guint element, GArray *legs)
{
  g_array_set_size (legs, 0);
  Origin o;
  origin_init (&o, pf, search, origin);
  gboolean found = FALSE;
  if (origin_rows (pf, ws, &o))
    {
      const GArray *rows = o.rows;
      if (element != G_MAXUINT && access_failed (&o, element, o.access))
        rows = o.failed_rows;
      TnetId via = tnet_i_raptor_failures_journey_rows (pf->f, ws, o.access, o.egress,
                                                        destination, element, &found);
      if (via != TNET_ID_NONE)
        found = tnet_park_ride_journey (ws, via, (const TnetParkRideAccess *) (void *)
                                        rows->data, rows->len, legs);
    }
  origin_clear (&o);
  return found;
}
