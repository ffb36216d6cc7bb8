/* commute.c: commute reachability (docs/cli.md): the travel-time matrix of
 * each profile with its parts and lines, the population within a budget and
 * isochrones.
 *
 * Implementation notes: every profile is a layered multimodal graph whose
 * start and end layers keep journeys legal (transit: access, rides,
 * egress; park-and-ride: drive, park, rides, egress). A journey TO a
 * destination d is found by one backward search from d's end-layer node
 * over the whole graph, which gives every origin's start-layer node its
 * time to d at once; FROM d is one forward search from d's start-layer
 * node. Paths are read back from the same search tree and split into legs
 * by the transit layer (tnet_multimodal_journey), which supplies the parts
 * (access, wait, in-vehicle, transfer, egress). One workspace per profile
 * is reused for all destinations.
 * Many-to-many (many destinations): a contraction hierarchy of the
 * profile's graph and metric, over the same node ids, answers the whole
 * matrix from the start-layer nodes to the end-layer nodes with buckets
 * (tnet_ch_query_many_to_many). The hierarchy keeps zones' arrival twins
 * as TnetSearch does, so the totals are exactly those of the searches;
 * its many-to-many with paths keeps each cell's meeting node and the two
 * search trees, so every reached cell's arcs are unpacked without a new
 * search and split into legs as the searches' paths are. Cells without
 * lines share one static empty list. */
#include "tnet-internal.h"
#include "analysis-private.h"

struct _TnetCommute {
  guint n_profiles, n_origins, n_destinations;
  TnetProfile *profiles;        /* n_profiles */
  TnetCommuteMethod *methods;   /* n_profiles, SEARCH or M2M */
  TnetId *origins;              /* n_origins network nodes */
  TnetId *destinations;         /* n_destinations network nodes */
  double *population;           /* n_origins, >= 0 */
  TnetWeight budget_ms;
  gboolean totals_only;         /* the options' totals_only: no parts in any profile */
  /* the options' max_walk_ms and timetable_percentile (a timetable cell's
   * minutes); 0 and 0 without a timetable */
  TnetWeight max_walk_ms;
  double timetable_percentile;
  /* cells[(p * n_origins + o) * n_destinations + d]; lines owned here,
   * except no_lines */
  TnetCommuteCell *cells;
  /* timetable profiles: pct_ms[((p * n_origins + o) * n_destinations + d)
   * * n_pcts + k], TNET_WEIGHT_INF elsewhere; NULL without a timetable */
  guint n_pcts;
  double *pcts;
  TnetWeight *pct_ms;
};

/* The lines of a cell that has none (never freed). */
static const char *const no_lines[] = { NULL };

void
tnet_commute_free (TnetCommute *c)
{
  if (!c)
    return;
  gsize n = (gsize) c->n_profiles * c->n_origins * c->n_destinations;
  for (gsize k = 0; k < n; k++)
    if (c->cells[k].lines != no_lines)
      g_strfreev ((char **) c->cells[k].lines);
  g_free (c->cells);
  g_free (c->profiles);
  g_free (c->methods);
  g_free (c->origins);
  g_free (c->destinations);
  g_free (c->population);
  g_free (c->pcts);
  g_free (c->pct_ms);
  g_free (c);
}

gboolean
tnet_commute_build_graphs (const TnetNetwork *net, const TnetScenario *scen,
                           const TnetFeed *feed, const TnetHubSet *hubs,
                           const TnetProfile *profiles, guint n_profiles,
                           TnetMultimodal **graphs_out, GError **error)
{
  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (scen != NULL, FALSE);
  g_return_val_if_fail (profiles != NULL || n_profiles == 0, FALSE);
  g_return_val_if_fail (graphs_out != NULL || n_profiles == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  TnetTransitOptions opts;
  tnet_transit_options_init (&opts);
  opts.hubs = feed ? hubs : NULL;
  for (guint p = 0; p < n_profiles; p++)
    {
      graphs_out[p] = tnet_multimodal_build (net, scen, feed, profiles[p], &opts, error);
      if (!graphs_out[p])
        {
          for (guint q = 0; q < p; q++)
            g_clear_pointer (&graphs_out[q], tnet_multimodal_unref);
          return FALSE;
        }
    }
  return TRUE;
}

/* The named lines of a journey's rides and drives, consecutive repeats
 * merged. */
static const char *const *
journey_lines (const TnetJourney *j)
{
  if (!j || j->n_rides == 0)
    {
      gboolean any = FALSE;
      for (guint k = 0; j && k < j->n_legs && !any; k++)
        any = j->legs[k].kind == TNET_LEG_DRIVE && j->legs[k].line && *j->legs[k].line;
      if (!any)
        return no_lines;
    }
  GPtrArray *lines = g_ptr_array_new ();
  const char *last = NULL;
  for (guint k = 0; j && k < j->n_legs; k++)
    {
      const TnetLeg *leg = &j->legs[k];
      if ((leg->kind != TNET_LEG_RIDE && leg->kind != TNET_LEG_DRIVE)
          || !leg->line || !*leg->line)
        continue;
      if (last && strcmp (last, leg->line) == 0)
        continue;
      g_ptr_array_add (lines, g_strdup (leg->line));
      last = leg->line;
    }
  g_ptr_array_add (lines, NULL);
  return (const char *const *) g_ptr_array_free (lines, FALSE);
}

void
tnet_commute_options_init (TnetCommuteOptions *opts)
{
  g_return_if_fail (opts != NULL);
  memset (opts, 0, sizeof *opts);
  opts->method = TNET_COMMUTE_METHOD_AUTO;
  opts->timetable_percentile = 50;
}

const char *
tnet_commute_method_to_string (TnetCommuteMethod method)
{
  switch (method)
    {
    case TNET_COMMUTE_METHOD_AUTO:
      return "auto";
    case TNET_COMMUTE_METHOD_SEARCH:
      return "search";
    case TNET_COMMUTE_METHOD_M2M:
      return "m2m";
    case TNET_COMMUTE_METHOD_TIMETABLE:
      return "timetable";
    }
  return "unknown";
}

gboolean
tnet_commute_method_from_string (const char *s, TnetCommuteMethod *out)
{
  g_return_val_if_fail (s != NULL && out != NULL, FALSE);
  for (TnetCommuteMethod m = TNET_COMMUTE_METHOD_AUTO; m <= TNET_COMMUTE_METHOD_M2M; m++)
    if (strcmp (s, tnet_commute_method_to_string (m)) == 0)
      {
        *out = m;
        return TRUE;
      }
  return FALSE;
}

static TnetCommuteCell *
cell_at (TnetCommute *c, guint p, guint o, guint d)
{
  return &c->cells[((gsize) p * c->n_origins + o) * c->n_destinations + d];
}

/* The parts and lines of @cell from its journey (NULL: none). */
static void
cell_set_parts (TnetCommuteCell *cell, const TnetJourney *j)
{
  if (j)
    {
      cell->access_ms = j->access_ms;
      cell->wait_ms = j->wait_ms;
      cell->in_vehicle_ms = j->in_vehicle_ms;
      cell->transfer_ms = j->transfer_ms;
      cell->egress_ms = j->egress_ms;
      cell->n_rides = j->n_rides;
    }
  cell->lines = journey_lines (j);
}

/* Profile @p by one search per destination, with parts and lines unless
 * @totals_only. */
static void
compute_search (TnetCommute *c, guint p, TnetMultimodal *mm, TnetCommuteDirection direction,
                gboolean totals_only)
{
  const TnetMetric *metric = tnet_multimodal_get_metric (mm);
  g_autoptr (TnetSearch) search = tnet_search_new (tnet_multimodal_get_graph (mm));
  for (guint d = 0; d < c->n_destinations; d++)
    {
      TnetId src = direction == TNET_COMMUTE_TO
                   ? tnet_multimodal_destination_node (mm, c->destinations[d])
                   : tnet_multimodal_origin_node (mm, c->destinations[d]);
      tnet_search_run (search, metric, src,
                       direction == TNET_COMMUTE_TO ? TNET_BACKWARD : TNET_FORWARD,
                       TNET_WEIGHT_INF, TNET_ID_NONE);
      for (guint o = 0; o < c->n_origins; o++)
        {
          TnetCommuteCell *cell = cell_at (c, p, o, d);
          TnetId node = direction == TNET_COMMUTE_TO
                        ? tnet_multimodal_origin_node (mm, c->origins[o])
                        : tnet_multimodal_destination_node (mm, c->origins[o]);
          TnetWeight dist = tnet_search_distance (search, node);
          cell->total_ms = dist;
          if (dist == TNET_WEIGHT_INF)
            {
              cell->lines = no_lines;
              continue;
            }
          if (totals_only)
            continue;
          g_autoptr (TnetJourney) j = tnet_multimodal_journey (mm, search, node);
          cell_set_parts (cell, j);
        }
    }
}

/* The parts of every reached cell of profile @p from the paths the last
 * many-to-many with paths on @q keeps (row i, column k of its matrix). */
static void
m2m_parts (TnetCommute *c, guint p, TnetMultimodal *mm, TnetCHQuery *q,
           TnetCommuteDirection direction)
{
  const TnetMetric *metric = tnet_multimodal_get_metric (mm);
  guint cap = 256;
  g_autofree TnetId *arcs = g_new (TnetId, cap);
  for (guint o = 0; o < c->n_origins; o++)
    for (guint d = 0; d < c->n_destinations; d++)
      {
        TnetCommuteCell *cell = cell_at (c, p, o, d);
        if (cell->total_ms == TNET_WEIGHT_INF)
          continue;
        guint i = direction == TNET_COMMUTE_TO ? o : d;
        guint k = direction == TNET_COMMUTE_TO ? d : o;
        guint len = tnet_ch_query_cell_path (q, metric, i, k, arcs, cap);
        if (len > cap)
          {
            cap = len;
            arcs = g_renew (TnetId, arcs, cap);
            len = tnet_ch_query_cell_path (q, metric, i, k, arcs, cap);
          }
        g_autoptr (TnetJourney) j = tnet_multimodal_journey_from_arcs (mm, arcs, len);
        cell_set_parts (cell, j);
      }
}

/* Profile @p by buckets on a hierarchy of its graph; unless
 * @opts->totals_only, every reached cell's path is unpacked for its parts
 * and lines. */
static gboolean
compute_m2m (TnetCommute *c, guint p, TnetMultimodal *mm, TnetCommuteDirection direction,
             const TnetCommuteOptions *opts, GError **error)
{
  g_autoptr (TnetCH) ch = tnet_multimodal_ref_ch (mm, opts->progress, opts->progress_data,
                                                 opts->cancellable, error);
  if (!ch)
    return FALSE;
  g_autoptr (TnetCHQuery) q = tnet_ch_query_new (ch);
  guint no = c->n_origins, nd = c->n_destinations;
  g_autofree TnetId *from = g_new (TnetId, MAX (no, 1));
  g_autofree TnetId *to = g_new (TnetId, MAX (nd, 1));
  g_autofree TnetWeight *out = g_new (TnetWeight, MAX ((gsize) no * nd, 1));
  void (*m2m) (TnetCHQuery *, const TnetId *, guint, const TnetId *, guint, TnetWeight *)
    = opts->totals_only ? tnet_ch_query_many_to_many : tnet_ch_query_many_to_many_paths;
  if (direction == TNET_COMMUTE_TO)
    {
      for (guint o = 0; o < no; o++)
        from[o] = tnet_multimodal_origin_node (mm, c->origins[o]);
      for (guint d = 0; d < nd; d++)
        to[d] = tnet_multimodal_destination_node (mm, c->destinations[d]);
      m2m (q, from, no, to, nd, out);
    }
  else
    {
      /* journeys leave the destinations: rows are destinations */
      for (guint d = 0; d < nd; d++)
        to[d] = tnet_multimodal_origin_node (mm, c->destinations[d]);
      for (guint o = 0; o < no; o++)
        from[o] = tnet_multimodal_destination_node (mm, c->origins[o]);
      m2m (q, to, nd, from, no, out);
    }
  for (guint o = 0; o < no; o++)
    for (guint d = 0; d < nd; d++)
      {
        TnetCommuteCell *cell = cell_at (c, p, o, d);
        cell->total_ms = direction == TNET_COMMUTE_TO ? out[(gsize) o * nd + d]
                                                      : out[(gsize) d * no + o];
        cell->lines = no_lines;
      }
  if (!opts->totals_only)
    m2m_parts (c, p, mm, q, direction);
  return TRUE;
}

/* Profile @p by the timetable: percentiles over the window between the
 * nodes' coordinates, the options' timetable_percentile (nearest rank; the
 * median by default) as the cell's total. */
static gboolean
compute_timetable (TnetCommute *c, guint p, const TnetNetwork *net,
                   TnetCommuteDirection direction, const TnetCommuteOptions *opts,
                   GError **error)
{
  guint no = c->n_origins, nd = c->n_destinations, np = c->n_pcts + 1;
  g_autofree double *pcts = g_new (double, np);
  if (c->n_pcts > 0)   /* none asked for: only the one counted (accessibility) */
    memcpy (pcts, c->pcts, sizeof (double) * c->n_pcts);
  pcts[c->n_pcts] = opts->timetable_percentile;
  g_autofree double *op = g_new (double, 2 * MAX (no, 1));
  g_autofree double *dp = g_new (double, 2 * MAX (nd, 1));
  for (guint o = 0; o < no; o++)
    {
      const TnetNode *n = tnet_network_node (net, c->origins[o]);
      op[2 * o] = n->lon;
      op[2 * o + 1] = n->lat;
    }
  for (guint d = 0; d < nd; d++)
    {
      const TnetNode *n = tnet_network_node (net, c->destinations[d]);
      dp[2 * d] = n->lon;
      dp[2 * d + 1] = n->lat;
    }
  g_autofree gint32 *out = g_new (gint32, MAX ((gsize) no * nd * np, 1));
  /* FROM: journeys leave the destinations, rows are destinations */
  /* the cancellable checked before each origin can stop a long matrix */
  TnetRaptorStop stop;
  tnet_raptor_stop_init (&stop);
  stop.progress = opts->progress;
  stop.progress_data = opts->progress_data;
  stop.cancellable = opts->cancellable;
  /* the walk stays in ms (the kernel rounds it to its seconds); the
   * window becomes a departure a minute */
  TnetWeight walk_ms = opts->max_walk_ms;
  guint n_minutes = tnet_i_window_minutes (opts->window_ms);
  gboolean ok;
  if (c->profiles[p] == TNET_PROFILE_PARK_AND_RIDE)
    ok = direction == TNET_COMMUTE_TO
         ? tnet_park_ride_matrix (opts->park_ride, net, c->origins, no, c->destinations, nd,
                                  walk_ms, opts->depart_s, n_minutes, pcts, np, out, &stop,
                                  error)
         : tnet_park_ride_matrix (opts->park_ride, net, c->destinations, nd, c->origins, no,
                                  walk_ms, opts->depart_s, n_minutes, pcts, np, out, &stop,
                                  error);
  else if (direction == TNET_COMMUTE_TO)
    ok = tnet_timetable_matrix (opts->timetable, op, no, dp, nd, walk_ms, opts->depart_s,
                                n_minutes, pcts, np, out, &stop, error);
  else
    ok = tnet_timetable_matrix (opts->timetable, dp, nd, op, no, walk_ms, opts->depart_s,
                                n_minutes, pcts, np, out, &stop, error);
  if (!ok)
    return FALSE;
  for (guint o = 0; o < no; o++)
    for (guint d = 0; d < nd; d++)
      {
        const gint32 *v = direction == TNET_COMMUTE_TO ? out + ((gsize) o * nd + d) * np
                                                       : out + ((gsize) d * no + o) * np;
        gsize cell = ((gsize) p * no + o) * nd + d;
        for (guint k = 0; k < np; k++)
          {
            TnetWeight ms = v[k] == TNET_RAPTOR_UNREACHED ? TNET_WEIGHT_INF
                            : (TnetWeight) v[k] * 1000;
            if (k < c->n_pcts)
              c->pct_ms[cell * c->n_pcts + k] = ms;
            else
              c->cells[cell].total_ms = ms;
          }
      }
  return TRUE;
}

TnetCommute *
tnet_commute_compute_within (const TnetNetwork *net, TnetMultimodal *const *graphs,
                             guint n_graphs, const TnetId *origins, guint n_origins,
                             const TnetId *destinations, guint n_destinations,
                             TnetCommuteDirection direction, TnetWeight budget_ms,
                             const TnetCommuteOptions *opts, GError **error)
{
  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (graphs != NULL || n_graphs == 0, NULL);
  g_return_val_if_fail (origins != NULL || n_origins == 0, NULL);
  g_return_val_if_fail (destinations != NULL || n_destinations == 0, NULL);
  g_return_val_if_fail (opts == NULL || opts->method <= TNET_COMMUTE_METHOD_M2M, NULL);
  g_return_val_if_fail (opts == NULL || opts->timetable == NULL || opts->percentiles != NULL
                        || opts->n_percentiles == 0, NULL);
  g_return_val_if_fail (opts == NULL || (opts->timetable_percentile >= 0
                                         && opts->timetable_percentile <= 100), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  TnetCommuteOptions defaults;
  tnet_commute_options_init (&defaults);
  if (!opts)
    opts = &defaults;
  TnetCommuteMethod method = opts->method;
  if (method == TNET_COMMUTE_METHOD_AUTO)
    method = n_destinations >= TNET_COMMUTE_M2M_MIN_DESTINATIONS
             ? TNET_COMMUTE_METHOD_M2M : TNET_COMMUTE_METHOD_SEARCH;

  g_autoptr (TnetCommute) c = g_new0 (TnetCommute, 1);
  c->n_profiles = n_graphs;
  c->n_origins = n_origins;
  c->n_destinations = n_destinations;
  c->budget_ms = budget_ms;
  c->totals_only = opts->totals_only;
  c->profiles = g_new (TnetProfile, MAX (n_graphs, 1));
  c->methods = g_new (TnetCommuteMethod, MAX (n_graphs, 1));
  c->origins = g_memdup2 (origins, sizeof (TnetId) * MAX (n_origins, 1));
  c->destinations = g_memdup2 (destinations, sizeof (TnetId) * MAX (n_destinations, 1));
  c->population = g_new0 (double, MAX (n_origins, 1));
  for (guint o = 0; o < n_origins; o++)
    {
      double pop = tnet_network_node (net, origins[o])->population;
      c->population[o] = isfinite (pop) && pop > 0 ? pop : 0;
    }
  gsize n_cells = (gsize) n_graphs * n_origins * n_destinations;
  c->cells = g_new0 (TnetCommuteCell, MAX (n_cells, 1));
  for (gsize k = 0; k < n_cells; k++)
    c->cells[k].lines = no_lines;
  if (opts->timetable)
    {
      c->n_pcts = opts->n_percentiles;
      c->max_walk_ms = opts->max_walk_ms;
      c->timetable_percentile = opts->timetable_percentile;
      c->pcts = g_memdup2 (opts->percentiles, sizeof (double) * MAX (c->n_pcts, 1));
      c->pct_ms = g_new (TnetWeight, MAX (n_cells * c->n_pcts, 1));
      for (gsize k = 0; k < n_cells * c->n_pcts; k++)
        c->pct_ms[k] = TNET_WEIGHT_INF;
    }

  for (guint p = 0; p < n_graphs; p++)
    {
      c->profiles[p] = tnet_multimodal_get_profile (graphs[p]);
      c->methods[p] = method;
      if (opts->timetable && (c->profiles[p] == TNET_PROFILE_TRANSIT
                              || (c->profiles[p] == TNET_PROFILE_PARK_AND_RIDE
                                  && opts->park_ride)))
        {
          c->methods[p] = TNET_COMMUTE_METHOD_TIMETABLE;
          if (!compute_timetable (c, p, net, direction, opts, error))
            return NULL;
        }
      else if (method == TNET_COMMUTE_METHOD_SEARCH)
        compute_search (c, p, graphs[p], direction, opts->totals_only);
      else if (!compute_m2m (c, p, graphs[p], direction, opts, error))
        return NULL;
    }
  return g_steal_pointer (&c);
}

TnetCommuteMethod
tnet_commute_method (const TnetCommute *c, guint p)
{
  g_return_val_if_fail (c != NULL && p < c->n_profiles, TNET_COMMUTE_METHOD_SEARCH);
  return c->methods[p];
}

guint
tnet_commute_n_percentiles (const TnetCommute *c)
{
  g_return_val_if_fail (c != NULL, 0);
  return c->n_pcts;
}

double
tnet_commute_percentile (const TnetCommute *c, guint k)
{
  g_return_val_if_fail (c != NULL && k < c->n_pcts, NAN);
  return c->pcts[k];
}

TnetWeight
tnet_commute_percentile_ms (const TnetCommute *c, guint p, guint o, guint d, guint k)
{
  g_return_val_if_fail (c != NULL && p < c->n_profiles && o < c->n_origins
                        && d < c->n_destinations, TNET_WEIGHT_INF);
  if (k >= c->n_pcts)
    return TNET_WEIGHT_INF;
  return c->pct_ms[(((gsize) p * c->n_origins + o) * c->n_destinations + d) * c->n_pcts + k];
}

gboolean
tnet_commute_has_parts (const TnetCommute *c, guint p)
{
  g_return_val_if_fail (c != NULL && p < c->n_profiles, FALSE);
  return c->methods[p] != TNET_COMMUTE_METHOD_TIMETABLE && !c->totals_only;
}

guint
tnet_commute_n_profiles (const TnetCommute *c)
{
  g_return_val_if_fail (c != NULL, 0);
  return c->n_profiles;
}

guint
tnet_commute_n_origins (const TnetCommute *c)
{
  g_return_val_if_fail (c != NULL, 0);
  return c->n_origins;
}

guint
tnet_commute_n_destinations (const TnetCommute *c)
{
  g_return_val_if_fail (c != NULL, 0);
  return c->n_destinations;
}

TnetProfile
tnet_commute_profile (const TnetCommute *c, guint p)
{
  g_return_val_if_fail (c != NULL && p < c->n_profiles, TNET_PROFILE_CAR);
  return c->profiles[p];
}

TnetId
tnet_commute_origin (const TnetCommute *c, guint o)
{
  g_return_val_if_fail (c != NULL && o < c->n_origins, TNET_ID_NONE);
  return c->origins[o];
}

TnetId
tnet_commute_destination (const TnetCommute *c, guint d)
{
  g_return_val_if_fail (c != NULL && d < c->n_destinations, TNET_ID_NONE);
  return c->destinations[d];
}

TnetWeight
tnet_commute_budget_ms (const TnetCommute *c)
{
  g_return_val_if_fail (c != NULL, 0);
  return c->budget_ms;
}

TnetWeight
tnet_i_commute_max_walk_ms (const TnetCommute *c)
{
  return c->max_walk_ms;
}

double
tnet_i_commute_timetable_percentile (const TnetCommute *c)
{
  return c->timetable_percentile;
}

const TnetCommuteCell *
tnet_commute_cell (const TnetCommute *c, guint p, guint o, guint d)
{
  g_return_val_if_fail (c != NULL, NULL);
  g_return_val_if_fail (p < c->n_profiles && o < c->n_origins && d < c->n_destinations, NULL);
  return &c->cells[((gsize) p * c->n_origins + o) * c->n_destinations + d];
}

double
tnet_commute_population_total (const TnetCommute *c)
{
  g_return_val_if_fail (c != NULL, NAN);
  double total = 0;
  for (guint o = 0; o < c->n_origins; o++)
    total += c->population[o];
  return total;
}

static gboolean
within (const TnetCommute *c, const TnetCommuteCell *cell)
{
  return cell->total_ms != TNET_WEIGHT_INF && cell->total_ms <= c->budget_ms;
}

double
tnet_commute_population_within (const TnetCommute *c, guint p, guint d)
{
  g_return_val_if_fail (c != NULL, NAN);
  g_return_val_if_fail (p < c->n_profiles, NAN);
  g_return_val_if_fail (d < c->n_destinations || d == TNET_COMMUTE_ANY, NAN);
  double sum = 0;
  for (guint o = 0; o < c->n_origins; o++)
    {
      gboolean ok = FALSE;
      for (guint k = 0; k < c->n_destinations && !ok; k++)
        if (d == TNET_COMMUTE_ANY || k == d)
          ok = within (c, &c->cells[((gsize) p * c->n_origins + o) * c->n_destinations + k]);
      if (ok)
        sum += c->population[o];
    }
  return sum;
}

double
tnet_commute_share_pct (const TnetCommute *c, guint p, guint d)
{
  g_return_val_if_fail (c != NULL, NAN);
  double total = tnet_commute_population_total (c);
  return total > 0 ? 100.0 * tnet_commute_population_within (c, p, d) / total : NAN;
}

guint
tnet_isochrone_compute_offsets (const TnetMultimodal *mm, const TnetNetwork *net,
                                const TnetId *sources, const TnetWeight *offsets_ms,
                                guint n_sources, TnetWeight budget_ms,
                                TnetWeight *node_ms_out)
{
  g_return_val_if_fail (mm != NULL, 0);
  g_return_val_if_fail (net != NULL, 0);
  g_return_val_if_fail (sources != NULL || n_sources == 0, 0);
  g_return_val_if_fail (node_ms_out != NULL, 0);

  guint n = tnet_network_n_nodes (net);
  g_autofree TnetId *starts = g_new (TnetId, MAX (n_sources, 1));
  for (guint k = 0; k < n_sources; k++)
    starts[k] = tnet_multimodal_origin_node (mm, sources[k]);
  g_autoptr (TnetSearch) search = tnet_search_new (tnet_multimodal_get_graph (mm));
  /* a source whose offset exceeds the budget starts nothing (the search
   * drops roots beyond its budget) */
  tnet_search_run_multi (search, tnet_multimodal_get_metric (mm), starts, offsets_ms,
                         n_sources, TNET_FORWARD, budget_ms, TNET_ID_NONE);
  guint count = 0;
  for (TnetId v = 0; v < n; v++)
    {
      TnetWeight t = tnet_search_distance (search, tnet_multimodal_destination_node (mm, v));
      node_ms_out[v] = t <= budget_ms ? t : TNET_WEIGHT_INF;
      count += node_ms_out[v] != TNET_WEIGHT_INF;
    }
  return count;
}

guint
tnet_isochrone_compute (const TnetMultimodal *mm, const TnetNetwork *net,
                        const TnetId *sources, guint n_sources, TnetWeight budget_ms,
                        TnetWeight *node_ms_out)
{
  return tnet_isochrone_compute_offsets (mm, net, sources, NULL, n_sources, budget_ms,
                                         node_ms_out);
}
