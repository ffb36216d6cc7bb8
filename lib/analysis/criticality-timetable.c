/* criticality-timetable.c: the link (or line) failure scan of transit by
 * the timetable (tnet_corridor_criticality_timetable()) and of
 * park-and-ride by the timetable (tnet_corridor_criticality_park_ride()).
 *
 * Implementation notes. The searches are the paths layer's
 * (TnetRaptorFailures: the base range query, the journeys that give the
 * candidates, one masked range query per candidate; by park-and-ride
 * TnetIParkRideFailures, which also closes a failed link's car arcs in
 * the drive search and takes the links of the drive to a journey's
 * parking place as candidates); this file maps
 * network links and lines to timetable hops and routes, runs the origins
 * on worker threads and ranks the result with the graph scan's code
 * (tnet_i_criticality_new_from_times()).
 *
 * Link -> hops. A hop (the ride from the i-th to the (i+1)-th stop of a
 * route) runs between the network nodes its two stops sit on
 * (tnet_timetable_stop_node(), else the node whose id is the stop id). It
 * runs over the shortest chain, by length, of the scenario's active
 * transit links (modes hsr, rail, suburban, metro, bus) between those
 * nodes, taken first among the links of the route's own line (link `line`
 * = the route's name), else among every transit link; a hop whose stops
 * are not on the network, or that no such chain joins, runs over no link
 * and fails only with its line. A link failure blocks every hop whose
 * chain holds the link, in both directions. The chains are the paths
 * layer's shortest paths (TnetSearch) on a graph of the transit links,
 * two arcs a link, by length; a line's chains are searched with every
 * arc of other lines blocked in the workspace, one line after another,
 * so that each line's mask is set once. The chains are computed once per
 * (node, node, line).
 *
 * Threads, progress and cancellation follow criticality.c: workers take
 * origins from an atomic counter, each with its own RAPTOR workspace and
 * entries; the thread that started the scan reports progress.
 */
#include "tnet-internal.h"
#include "analysis-private.h"
#include "string-sort.h"
#include <gio/gio.h>
#include <math.h>
#include <string.h>

#define TRANSIT_MODES (TNET_MODE_BIT (TNET_MODE_HSR) | TNET_MODE_BIT (TNET_MODE_RAIL) \
                       | TNET_MODE_BIT (TNET_MODE_SUBURBAN) | TNET_MODE_BIT (TNET_MODE_METRO) \
                       | TNET_MODE_BIT (TNET_MODE_BUS))

/* The scenario's active transit links as a graph for the chain searches
 * of the paths layer: two arcs per link (a hop's chain runs either way),
 * weighted by length. A search over one line's links blocks every other
 * arc in the workspace. */
typedef struct {
  TnetGraph *graph;
  TnetMetric *length;    /* metres, rounded, at least 1 */
  TnetSearch *search;
  GArray *arc_link;      /* arc -> network link */
  GHashTable *line_arcs; /* line name (view owned by the network) -> GArray of arcs */
  TnetId *path;          /* n: a chain has fewer arcs than the graph has nodes */
} Rails;

static gboolean
rails_init (Rails *g, const TnetNetwork *net, const TnetScenario *scen, GError **error)
{
  guint n = tnet_network_n_nodes (net), m = tnet_network_n_links (net);
  g_autoptr (GArray) tails = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) heads = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) len_m = g_array_new (FALSE, FALSE, sizeof (TnetWeight));
  memset (g, 0, sizeof *g);
  g->arc_link = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g->line_arcs = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < m; i++)
    {
      const TnetLink *lk = tnet_network_link (net, i);
      if (!(TNET_MODE_BIT (lk->mode) & TRANSIT_MODES) || lk->from == lk->to
          || (scen && !tnet_scenario_link_active (scen, net, i)))
        continue;
      double l = isfinite (lk->length_m) ? round (lk->length_m) : 1;
      TnetWeight w = (TnetWeight) CLAMP (l, 1.0, 1e8);
      GArray *on_line = NULL;
      if (lk->line)
        {
          on_line = g_hash_table_lookup (g->line_arcs, lk->line);
          if (on_line == NULL)
            {
              on_line = g_array_new (FALSE, FALSE, sizeof (TnetId));
              g_hash_table_insert (g->line_arcs, (gpointer) lk->line, on_line);
            }
        }
      TnetId ends[2] = { lk->from, lk->to };
      for (int k = 0; k < 2; k++)
        {
          TnetId arc = tails->len;
          g_array_append_val (tails, ends[k]);
          g_array_append_val (heads, ends[1 - k]);
          g_array_append_val (len_m, w);
          g_array_append_val (g->arc_link, i);
          if (on_line)
            g_array_append_val (on_line, arc);
        }
    }
  g->graph = tnet_graph_new_from_arcs (n, tails->len, (const TnetId *) (void *) tails->data,
                                       (const TnetId *) (void *) heads->data,
                                       (const TnetId *) (void *) g->arc_link->data, NULL,
                                       error);
  if (g->graph == NULL)
    return FALSE;
  /* the weights are at most 1e8 < TNET_WEIGHT_MAX: the metric cannot fail */
  g->length = tnet_metric_new (g->graph, (const TnetWeight *) (void *) len_m->data, NULL);
  g->search = tnet_search_new (g->graph);
  g->path = g_new (TnetId, MAX (n, 1u));
  return TRUE;
}

static void
rails_clear (Rails *g)
{
  tnet_search_free (g->search);
  g_clear_pointer (&g->length, tnet_metric_unref);
  g_clear_pointer (&g->graph, tnet_graph_unref);
  g_array_unref (g->arc_link);
  g_hash_table_unref (g->line_arcs);
  g_free (g->path);
}

/* The following chains run over the links of @line only (every arc
 * blocked but the line's), or over every transit link when @line is NULL. */
static void
rails_restrict (Rails *g, const char *line)
{
  tnet_search_unblock_all (g->search);
  if (line == NULL)
    return;
  guint m = g->arc_link->len;
  g_autofree TnetId *all = g_new (TnetId, MAX (m, 1u));
  for (guint a = 0; a < m; a++)
    all[a] = a;
  tnet_search_block_arcs (g->search, all, m, TRUE);
  GArray *on_line = g_hash_table_lookup (g->line_arcs, line);
  if (on_line)
    tnet_search_block_arcs (g->search, (const TnetId *) (void *) on_line->data, on_line->len,
                            FALSE);
}

/* The links of the shortest chain u -> v over the arcs rails_restrict()
 * left open, appended to @out; FALSE when none. */
static gboolean
rails_chain (Rails *g, TnetId u, TnetId v, GArray *out)
{
  tnet_search_run (g->search, g->length, u, TNET_FORWARD, TNET_WEIGHT_INF, v);
  guint len = tnet_search_path (g->search, v, g->path, tnet_graph_n_nodes (g->graph));
  if (len == G_MAXUINT)
    return FALSE;
  for (guint i = 0; i < len; i++)
    g_array_append_val (out, g_array_index (g->arc_link, TnetId, g->path[i]));
  return TRUE;
}

/* The network node stop @s sits on, or TNET_ID_NONE. */
static TnetId
stop_network_node (const TnetNetwork *net, const TnetTimetable *tt, TnetId s)
{
  TnetId v = tnet_timetable_stop_node (tt, s);
  if (v != TNET_ID_NONE && v < tnet_network_n_nodes (net))
    return v;
  return tnet_network_find_node (net, tnet_timetable_stop_id (tt, s));
}

/* The network nodes of hop @pos of route @r in @u and @v; FALSE when the
 * hop has no chain to look for (a stop off the network, or one node). */
static gboolean
hop_nodes (const TnetNetwork *net, const TnetTimetable *tt, guint r, guint pos, TnetId *u,
           TnetId *v)
{
  *u = stop_network_node (net, tt, tnet_timetable_route_stop (tt, r, pos));
  *v = stop_network_node (net, tt, tnet_timetable_route_stop (tt, r, pos + 1));
  return *u != TNET_ID_NONE && *v != TNET_ID_NONE && *u != *v;
}

/* The key of the chain of a hop u -> v of a route of @line (nullable). */
static char *
chain_key (TnetId u, TnetId v, const char *line)
{
  return line ? g_strdup_printf ("%u:%u:%s", u, v, line) : g_strdup_printf ("%u:%u", u, v);
}

/* A hop whose chain is still to be found over every transit link. */
typedef struct {
  TnetId u, v;
  GArray *chain;   /* in the chains table */
} Pending;

/* Fills @chains (chain_key() -> GArray of links) for every hop of the
 * routes of @line (NULL: routes without a name): first over the line's
 * own links, then, for the hops none of them joins, over every transit
 * link. A chain no link joins is empty. */
static void
line_chains (Rails *g, const TnetNetwork *net, const TnetTimetable *tt, const char *line,
             GArray *routes, GHashTable *chains)
{
  g_autoptr (GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  rails_restrict (g, line);
  for (guint k = 0; k < routes->len; k++)
    {
      guint r = g_array_index (routes, guint, k);
      for (guint pos = 0; pos + 1 < tnet_timetable_route_n_stops (tt, r); pos++)
        {
          TnetId u, v;
          if (!hop_nodes (net, tt, r, pos, &u, &v))
            continue;
          char *key = chain_key (u, v, line);
          if (g_hash_table_contains (chains, key))
            {
              g_free (key);
              continue;
            }
          GArray *chain = g_array_new (FALSE, FALSE, sizeof (TnetId));
          g_hash_table_insert (chains, key, chain);
          if (!(line && rails_chain (g, u, v, chain)))
            {
              Pending p = { u, v, chain };
              g_array_append_val (pending, p);
            }
        }
    }
  if (pending->len == 0)
    return;
  rails_restrict (g, NULL);
  for (guint k = 0; k < pending->len; k++)
    {
      const Pending *p = &g_array_index (pending, Pending, k);
      rails_chain (g, p->u, p->v, p->chain);
    }
}

/* Elements = network links: the hops of each link as CSR. Fails only
 * when the transit links make too large a graph. */
static gboolean
link_elements (const TnetNetwork *net, const TnetScenario *scen, const TnetTimetable *tt,
               GArray *elem_first, GArray *elem_hops, GError **error)
{
  guint n_links = tnet_network_n_links (net), nr = tnet_timetable_n_routes (tt);
  Rails g;
  if (!rails_init (&g, net, scen, error))
    {
      rails_clear (&g);
      return FALSE;
    }
  /* the routes by line, so that each line's arcs are opened once */
  g_autoptr (GHashTable) by_line = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_array_unref);
  g_autoptr (GArray) unnamed = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint r = 0; r < nr; r++)
    {
      const char *name = tnet_timetable_route_name (tt, r);
      GArray *routes = name ? g_hash_table_lookup (by_line, name) : unnamed;
      if (routes == NULL)
        {
          routes = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (by_line, (gpointer) name, routes);
        }
      g_array_append_val (routes, r);
    }
  g_autoptr (GHashTable) chains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_array_unref);
  GHashTableIter it;
  gpointer line, routes;
  g_hash_table_iter_init (&it, by_line);
  while (g_hash_table_iter_next (&it, &line, &routes))
    line_chains (&g, net, tt, line, routes, chains);
  line_chains (&g, net, tt, NULL, unnamed, chains);
  rails_clear (&g);

  GArray **per_link = g_new0 (GArray *, MAX (n_links, 1u));
  for (guint r = 0; r < nr; r++)
    {
      const char *name = tnet_timetable_route_name (tt, r);
      for (guint pos = 0; pos + 1 < tnet_timetable_route_n_stops (tt, r); pos++)
        {
          TnetId u, v;
          if (!hop_nodes (net, tt, r, pos, &u, &v))
            continue;
          g_autofree char *key = chain_key (u, v, name);
          GArray *chain = g_hash_table_lookup (chains, key);
          for (guint i = 0; i < chain->len; i++)
            {
              TnetId l = g_array_index (chain, TnetId, i);
              if (per_link[l] == NULL)
                per_link[l] = g_array_new (FALSE, FALSE, sizeof (TnetRaptorHop));
              TnetRaptorHop h = { r, pos };
              g_array_append_val (per_link[l], h);
            }
        }
    }
  guint zero = 0;
  g_array_append_val (elem_first, zero);
  for (guint l = 0; l < n_links; l++)
    {
      if (per_link[l])
        {
          g_array_append_vals (elem_hops, per_link[l]->data, per_link[l]->len);
          g_array_unref (per_link[l]);
        }
      g_array_append_val (elem_first, elem_hops->len);
    }
  g_free (per_link);
  return TRUE;
}

/* Elements = lines: the sorted distinct route names; each fails every
 * route of its name. Appends the names (views owned by @tt) to @names. */
static void
line_elements (const TnetTimetable *tt, GPtrArray *names, GArray *elem_first, GArray *elem_hops)
{
  guint nr = tnet_timetable_n_routes (tt);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint r = 0; r < nr; r++)
    {
      const char *name = tnet_timetable_route_name (tt, r);
      if (name)
        g_hash_table_add (seen, (gpointer) name);
    }
  tnet_i_hash_table_sorted_keys (seen, names);
  g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < names->len; i++)
    g_hash_table_insert (index, names->pdata[i], GUINT_TO_POINTER (i));
  guint zero = 0;
  g_array_append_val (elem_first, zero);
  for (guint e = 0; e < names->len; e++)
    {
      for (guint r = 0; r < nr; r++)
        {
          const char *name = tnet_timetable_route_name (tt, r);
          if (name && GPOINTER_TO_UINT (g_hash_table_lookup (index, name)) == e)
            {
              TnetRaptorHop h = { r, G_MAXUINT };
              g_array_append_val (elem_hops, h);
            }
        }
      g_array_append_val (elem_first, elem_hops->len);
    }
}

/* The scan's shared state. */
typedef struct {
  const TnetTimetable *tt;
  const TnetRaptorFailures *fail;       /* transit; NULL by park-and-ride */
  const TnetIParkRideFailures *pf;      /* park-and-ride; NULL for transit */
  const TnetNetwork *net;
  const TnetNodeSet *a, *b;
  guint nd;                  /* destinations: the zones of b */
  guint *pair_first;         /* origin i's pairs start at pair_first[i] */
  TnetWeight *base;          /* per pair */
  GArray **entries;          /* per worker: TnetICriticalityEntry */
  gint next_origin;          /* atomic */
  gint cancel;               /* atomic */
  GCancellable *cancellable;
  GError *error;             /* the first worker error, under lock */
  TnetProgressFunc progress;
  gpointer progress_data;
  GMutex lock;
  GCond changed;
  guint n_done, n_finished;
  guint64 next_report;
  gboolean inline_scan;
} Scan;

/* One origin (index @i into a's zones). */
static gboolean
scan_origin (Scan *sc, TnetRaptor *ws, TnetSearch *search, guint i, GArray *out, gint32 *base,
             guint8 *want, GArray *tmp, GError **error)
{
  TnetId o = g_array_index (sc->a->zones, TnetId, i);
  const TnetNode *on = tnet_network_node (sc->net, o);
  for (guint d = 0; d < sc->nd; d++)
    want[d] = g_array_index (sc->b->zones, TnetId, d) != o;
  TnetRaptorStop stop;
  tnet_raptor_stop_init (&stop);
  stop.cancellable = sc->cancellable;
  g_array_set_size (tmp, 0);
  if (sc->pf ? !tnet_i_park_ride_failures_run (sc->pf, ws, search, o, want, base, tmp, &stop,
                                                error)
      : !tnet_raptor_failures_run (sc->fail, ws, on->lon, on->lat, want, base, tmp, &stop,
                                   error))
    return FALSE;
  /* destination index -> pair: the pairs of origin i skip o itself */
  g_autofree guint *pair_of = g_new (guint, MAX (sc->nd, 1u));
  for (guint d = 0, p = sc->pair_first[i]; d < sc->nd; d++)
    if (want[d])
      {
        pair_of[d] = p;
        sc->base[p] = base[d] == TNET_RAPTOR_UNREACHED ? TNET_WEIGHT_INF
                      : (TnetWeight) base[d] * 1000;
        p++;
      }
  for (guint k = 0; k < tmp->len; k++)
    {
      const TnetRaptorFailureEntry *fe = &g_array_index (tmp, TnetRaptorFailureEntry, k);
      TnetICriticalityEntry en = { fe->element, i, pair_of[fe->destination],
                                   fe->time_s == TNET_RAPTOR_UNREACHED
                                   ? TNET_WEIGHT_INF : (TnetWeight) fe->time_s * 1000 };
      g_array_append_val (out, en);
    }
  return TRUE;
}

static void
maybe_report (Scan *sc, guint done)
{
  if (!sc->progress || done < sc->next_report || g_atomic_int_get (&sc->cancel))
    return;
  guint64 total = sc->a->zones->len, step = MAX ((total + 255) / 256, 1);
  sc->next_report = done >= total ? G_MAXUINT64 : MIN (done + step, total);
  sc->progress (done, total, "criticality scan", "origins", sc->progress_data);
  /* a cancellation by the report stops the workers before their next
   * origin, and the reports */
  if (g_cancellable_is_cancelled (sc->cancellable))
    g_atomic_int_set (&sc->cancel, 1);
}

static void
scan_worker (gpointer data, gpointer user_data)
{
  Scan *sc = user_data;
  guint w = GPOINTER_TO_UINT (data) - 1;
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (sc->tt);
  g_autoptr (TnetSearch) search
    = sc->pf ? tnet_search_new (tnet_i_park_ride_failures_get_graph (sc->pf)) : NULL;
  g_autofree gint32 *base = g_new (gint32, MAX (sc->nd, 1u));
  g_autofree guint8 *want = g_new (guint8, MAX (sc->nd, 1u));
  g_autoptr (GArray) tmp = g_array_new (FALSE, FALSE, sizeof (TnetRaptorFailureEntry));
  guint n_origins = sc->a->zones->len;
  while (!g_atomic_int_get (&sc->cancel))
    {
      if (g_cancellable_is_cancelled (sc->cancellable))
        {
          g_atomic_int_set (&sc->cancel, 1);
          break;
        }
      guint i = (guint) g_atomic_int_add (&sc->next_origin, 1);
      if (i >= n_origins)
        break;
      GError *local = NULL;
      if (!scan_origin (sc, ws, search, i, sc->entries[w], base, want, tmp, &local))
        {
          g_mutex_lock (&sc->lock);
          if (sc->error == NULL)
            sc->error = local;
          else
            g_error_free (local);
          g_mutex_unlock (&sc->lock);
          g_atomic_int_set (&sc->cancel, 1);
          break;
        }
      if (sc->inline_scan)
        maybe_report (sc, ++sc->n_done);
      else
        {
          g_mutex_lock (&sc->lock);
          sc->n_done++;
          g_cond_signal (&sc->changed);
          g_mutex_unlock (&sc->lock);
        }
    }
  if (!sc->inline_scan)
    {
      g_mutex_lock (&sc->lock);
      sc->n_finished++;
      g_cond_signal (&sc->changed);
      g_mutex_unlock (&sc->lock);
    }
}

static void
run_workers (Scan *sc, guint n_threads)
{
  sc->inline_scan = n_threads == 1;
  if (n_threads == 1)
    {
      scan_worker (GUINT_TO_POINTER (1), sc);
      return;
    }
  GThreadPool *pool = g_thread_pool_new (scan_worker, sc, (gint) n_threads, TRUE, NULL);
  for (guint i = 0; i < n_threads; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
  g_mutex_lock (&sc->lock);
  while (sc->n_finished < n_threads)
    {
      guint done = sc->n_done;
      if (sc->progress && done >= sc->next_report && !g_atomic_int_get (&sc->cancel))
        {
          g_mutex_unlock (&sc->lock);
          maybe_report (sc, done);
          g_mutex_lock (&sc->lock);
          continue;
        }
      g_cond_wait (&sc->changed, &sc->lock);
    }
  g_mutex_unlock (&sc->lock);
  g_thread_pool_free (pool, FALSE, TRUE);
  maybe_report (sc, sc->n_done);
}

/* The detours of a scan: the stops of the journey with the element
 * failed, at the first departure minute. */
typedef struct {
  TnetRaptorFailures *fail;     /* transit, else NULL */
  TnetIParkRideFailures *pf;    /* park-and-ride, else NULL */
  GHashTable *parking_id;       /* park-and-ride: node -> its id (copied) */
  const TnetTimetable *tt;
  GArray *origin;          /* per pair: origin node */
  GArray *dest;            /* per pair: destination index */
  GHashTable *origin_place; /* origin node -> OriginPlace (copied from the network) */
} Detours;

typedef struct {
  double lon, lat;
  char *id;
} OriginPlace;

static void
origin_place_free (gpointer p)
{
  OriginPlace *op = p;
  g_free (op->id);
  g_free (op);
}

static void
detours_free (gpointer data)
{
  Detours *dt = data;
  tnet_raptor_failures_free (dt->fail);
  tnet_i_park_ride_failures_free (dt->pf);
  if (dt->parking_id)
    g_hash_table_unref (dt->parking_id);
  tnet_timetable_unref (dt->tt);
  g_array_unref (dt->origin);
  g_array_unref (dt->dest);
  g_hash_table_unref (dt->origin_place);
  g_free (dt);
}

static char **
detour_places (gpointer data, guint element, guint pair)
{
  Detours *dt = data;
  TnetId o = g_array_index (dt->origin, TnetId, pair);
  const OriginPlace *on = g_hash_table_lookup (dt->origin_place, GUINT_TO_POINTER (o));
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (dt->tt);
  g_autoptr (GArray) legs = g_array_new (FALSE, FALSE, sizeof (TnetTransitLeg));
  guint dest = g_array_index (dt->dest, guint, pair);
  g_autoptr (TnetSearch) search
    = dt->pf ? tnet_search_new (tnet_i_park_ride_failures_get_graph (dt->pf)) : NULL;
  if (on == NULL
      || (dt->pf ? !tnet_i_park_ride_failures_journey (dt->pf, ws, search, o, dest, element,
                                                       legs)
          : !tnet_raptor_failures_journey (dt->fail, ws, on->lon, on->lat, dest, element,
                                           legs)))
    return NULL;
  GPtrArray *out = g_ptr_array_new ();
  g_ptr_array_add (out, g_strdup (on->id));
  const char *last = NULL;
  for (guint i = 0; i < legs->len; i++)
    {
      const TnetTransitLeg *l = &g_array_index (legs, TnetTransitLeg, i);
      TnetId ends[2] = { l->from_stop, l->to_stop };
      gboolean parks = l->kind == TNET_TRANSIT_LEG_DRIVE || l->kind == TNET_TRANSIT_LEG_PARK;
      for (int e = 0; e < 2; e++)
        {
          /* a drive (and the park) ends at the parking place */
          const char *id = parks ? (e == 1 ? g_hash_table_lookup (dt->parking_id,
                                                                  GUINT_TO_POINTER (l->node))
                                           : NULL)
                           : ends[e] != TNET_ID_NONE ? tnet_timetable_stop_id (dt->tt, ends[e])
                           : NULL;
          if (id && (last == NULL || strcmp (last, id) != 0))
            {
              g_ptr_array_add (out, g_strdup (id));
              last = id;
            }
        }
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static gboolean
scan_all (Scan *sc, const TnetCriticalityOptions *opts, guint n_threads, GArray *entries,
          GError **error)
{
  sc->progress = opts ? opts->progress : NULL;
  sc->progress_data = opts ? opts->progress_data : NULL;
  sc->cancellable = opts ? opts->cancellable : NULL;
  sc->next_report = 1;
  g_mutex_init (&sc->lock);
  g_cond_init (&sc->changed);
  sc->entries = g_new (GArray *, n_threads);
  for (guint i = 0; i < n_threads; i++)
    sc->entries[i] = g_array_new (FALSE, FALSE, sizeof (TnetICriticalityEntry));
  run_workers (sc, n_threads);
  g_mutex_clear (&sc->lock);
  g_cond_clear (&sc->changed);
  for (guint i = 0; i < n_threads; i++)
    {
      g_array_append_vals (entries, sc->entries[i]->data, sc->entries[i]->len);
      g_array_unref (sc->entries[i]);
    }
  g_free (sc->entries);
  if (sc->error)
    {
      g_propagate_error (error, sc->error);
      return FALSE;
    }
  if (g_atomic_int_get (&sc->cancel))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "criticality scan cancelled");
      return FALSE;
    }
  return TRUE;
}

/* The pairs of the scan, as tnet_corridor_pair_zones() numbers them, into
 * @dt (origin node and destination index per pair, the origins' places);
 * @pair_first[i]: the first pair of a's zone i. */
static void
number_pairs (const TnetNetwork *net, const TnetNodeSet *a, const TnetNodeSet *b, Detours *dt,
              guint *pair_first)
{
  guint na = a->zones->len, nd = b->zones->len;
  for (guint i = 0; i < na; i++)
    {
      TnetId o = g_array_index (a->zones, TnetId, i);
      const TnetNode *on = tnet_network_node (net, o);
      OriginPlace *op = g_new (OriginPlace, 1);
      op->lon = on->lon;
      op->lat = on->lat;
      op->id = g_strdup (on->id);
      g_hash_table_replace (dt->origin_place, GUINT_TO_POINTER (o), op);
      pair_first[i] = dt->origin->len;
      for (guint d = 0; d < nd; d++)
        if (g_array_index (b->zones, TnetId, d) != o)
          {
            g_array_append_val (dt->origin, o);
            g_array_append_val (dt->dest, d);
          }
    }
  pair_first[na] = dt->origin->len;
}

/* The prepared failures of the scan into @dt: by the timetable from the
 * zones' positions (@pr NULL), else by park-and-ride from the zones. */
static void
prepare_failures (Detours *dt, const TnetNetwork *net, const TnetParkRide *pr,
                  const TnetNodeSet *b, gboolean by_line, const GArray *elem_first,
                  const GArray *elem_hops, const TnetRaptorFailuresOptions *fo)
{
  guint nd = b->zones->len, n_elements = elem_first->len - 1;
  const guint *first = (const guint *) (void *) elem_first->data;
  const TnetRaptorHop *hops = (const TnetRaptorHop *) (void *) elem_hops->data;
  if (pr)
    {
      dt->pf = tnet_i_park_ride_failures_new (pr, net, (const TnetId *) (void *) b->zones->data,
                                              nd, first, hops, n_elements, !by_line, fo);
      dt->parking_id = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      for (guint v = 0; v < tnet_network_n_nodes (net); v++)
        {
          const TnetNode *n = tnet_network_node (net, v);
          if (n->kind == TNET_NODE_STATION || n->kind == TNET_NODE_PARKING)
            g_hash_table_insert (dt->parking_id, GUINT_TO_POINTER (v), g_strdup (n->id));
        }
      return;
    }
  g_autofree double *dll = g_new (double, 2 * MAX (nd, 1u));
  for (guint d = 0; d < nd; d++)
    {
      const TnetNode *n = tnet_network_node (net, g_array_index (b->zones, TnetId, d));
      dll[2 * d] = n->lon;
      dll[2 * d + 1] = n->lat;
    }
  dt->fail = tnet_raptor_failures_new (dt->tt, dll, nd, first, hops, n_elements, fo);
}

/* tnet_corridor_criticality_timetable() (@pr NULL) and
 * tnet_corridor_criticality_park_ride() (@tt the timetable of @pr). */
static TnetCriticality *
scan_timetable (const TnetNetwork *net, const TnetScenario *scen, const TnetTimetable *tt,
                const TnetParkRide *pr, const char *feed_name, const TnetNodeSet *a,
                const TnetNodeSet *b, gboolean by_line, TnetWeight budget_ms,
                const TnetRaptorFailuresOptions *topts, const TnetCriticalityOptions *opts,
                GError **error)
{
  TnetRaptorFailuresOptions fo;
  if (topts)
    fo = *topts;
  else
    tnet_raptor_failures_options_init (&fo);
  fo.n_element_blocks = opts ? opts->n_element_blocks : 0;
  fo.element_block = opts && opts->n_element_blocks > 1 ? opts->element_block : 0;

  g_autoptr (GArray) elem_first = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) elem_hops = g_array_new (FALSE, FALSE, sizeof (TnetRaptorHop));
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  if (by_line)
    line_elements (tt, names, elem_first, elem_hops);
  else if (!link_elements (net, scen, tt, elem_first, elem_hops, error))
    return NULL;
  guint n_elements = elem_first->len - 1;

  guint nd = b->zones->len, na = a->zones->len;
  Detours *dt = g_new0 (Detours, 1);
  dt->tt = tnet_timetable_ref (tt);
  dt->origin = g_array_new (FALSE, FALSE, sizeof (TnetId));
  dt->dest = g_array_new (FALSE, FALSE, sizeof (guint));
  dt->origin_place = g_hash_table_new_full (NULL, NULL, NULL, origin_place_free);
  prepare_failures (dt, net, pr, b, by_line, elem_first, elem_hops, &fo);
  g_autofree guint *pair_first = g_new (guint, na + 1);
  number_pairs (net, a, b, dt, pair_first);
  guint n_pairs = dt->origin->len;
  g_autofree TnetWeight *base = g_new (TnetWeight, MAX (n_pairs, 1u));
  for (guint p = 0; p < n_pairs; p++)
    base[p] = TNET_WEIGHT_INF;

  Scan sc = { 0 };
  sc.tt = tt;
  sc.fail = dt->fail;
  sc.pf = dt->pf;
  sc.net = net;
  sc.a = a;
  sc.b = b;
  sc.nd = nd;
  sc.pair_first = pair_first;
  sc.base = base;
  guint n_threads = opts && opts->n_threads ? opts->n_threads : g_get_num_processors ();
  n_threads = MAX (1u, MIN (n_threads, MAX (na, 1u)));
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (TnetICriticalityEntry));
  if (!scan_all (&sc, opts, n_threads, entries, error))
    {
      g_array_unref (entries);
      detours_free (dt);
      return NULL;
    }
  guint n_nodes = tnet_network_n_nodes (net);
  g_autofree double *pop = g_new0 (double, MAX (n_nodes, 1u));
  for (guint i = 0; i < na; i++)
    {
      TnetId o = g_array_index (a->zones, TnetId, i);
      pop[o] = tnet_network_node (net, o)->population;
    }
  TnetCriticality *crit
    = tnet_i_criticality_new_from_times (n_elements, (const TnetId *) (void *) dt->origin->data,
                                         n_pairs, pop, base, entries, budget_ms,
                                         fo.n_element_blocks, fo.element_block);
  TnetICriticalityModel model = { pr ? TNET_PROFILE_PARK_AND_RIDE : TNET_PROFILE_TRANSIT,
                                  (char *) feed_name, tnet_timetable_get_service_date (tt),
                                  fo.depart_s, fo.n_minutes, fo.percentile, fo.max_walk_ms,
                                  pr != NULL, { 0 } };
  if (pr)
    model.park = *tnet_park_ride_get_options (pr);
  model.by_line = by_line;
  for (guint e = 0; e < n_elements; e++)
    model.n_ridden += g_array_index (elem_first, guint, e + 1)
                      > g_array_index (elem_first, guint, e);
  tnet_i_criticality_set_model (crit, &model, detour_places, dt, detours_free);
  tnet_i_criticality_name_items (crit, net, by_line ? names : NULL);
  return crit;
}

TnetCriticality *
tnet_corridor_criticality_timetable (const TnetNetwork *net, const TnetScenario *scen,
                                     const TnetTimetable *tt, const char *feed_name,
                                     const TnetNodeSet *a, const TnetNodeSet *b,
                                     gboolean by_line, TnetWeight budget_ms,
                                     const TnetRaptorFailuresOptions *topts,
                                     const TnetCriticalityOptions *opts, GError **error)
{
  g_return_val_if_fail (net != NULL && tt != NULL && a != NULL && b != NULL, NULL);
  g_return_val_if_fail (opts == NULL || opts->n_element_blocks <= 1
                        || opts->element_block < opts->n_element_blocks, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return scan_timetable (net, scen, tt, NULL, feed_name, a, b, by_line, budget_ms, topts, opts,
                         error);
}

TnetCriticality *
tnet_corridor_criticality_park_ride (const TnetNetwork *net, const TnetScenario *scen,
                                     const TnetParkRide *pr, const char *feed_name,
                                     const TnetNodeSet *a, const TnetNodeSet *b,
                                     gboolean by_line, TnetWeight budget_ms,
                                     const TnetRaptorFailuresOptions *topts,
                                     const TnetCriticalityOptions *opts, GError **error)
{
  g_return_val_if_fail (net != NULL && pr != NULL && a != NULL && b != NULL, NULL);
  g_return_val_if_fail (opts == NULL || opts->n_element_blocks <= 1
                        || opts->element_block < opts->n_element_blocks, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return scan_timetable (net, scen, tnet_i_park_ride_get_timetable (pr), pr, feed_name, a, b,
                         by_line, budget_ms, topts, opts, error);
}
