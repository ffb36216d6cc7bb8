/* criticality.c: the link (or line) failure scan between two node sets.
 *
 * Implementation notes: the scan works on a plain CSR copy of the graph
 * (flat-graph.h) with its own Dijkstra loop, because a removal is tested in
 * the loop ("skip arcs of the blocked element") instead of building a metric
 * per element. It runs in three steps:
 *  1. one base search per distinct origin, settled up to the farthest of its
 *     destinations; for each pair (o,d) the arcs of the shortest-path DAG
 *     o→d are collected by walking back from d over tight arcs
 *     (dist(u) + w == dist(v)); each tight arc's element gets the pair.
 *     An element none of whose arcs is tight for a pair cannot change that
 *     pair's distance: the base shortest path survives its removal.
 *  2. the (element, pair) entries are sorted by element, then origin; every
 *     candidate element is one task; workers (GThreadPool, one workspace per
 *     thread) take candidates from an atomic counter and run one blocked
 *     search per affected origin, stopped once the affected destinations
 *     are settled. Results go to the entry's own slot: no locking.
 *  3. per candidate the losses are summed and the elements are ranked.
 * A workspace clears only what it touched (epoch stamps), so a search costs
 * what it settles, not O(n).
 */
#include "tnet-internal.h"
#include "flat-graph.h"

typedef struct {
  TnetWeight *dist;
  guint32 *stamp;      /* dist[v] and pred[v] are valid iff stamp[v] == epoch */
  guint32 *tstamp;     /* v is a pending target iff tstamp[v] == epoch */
  guint32 *pred;       /* arc into v on its shortest path */
  guint32 epoch;
  TnetHeap heap;
} Workspace;

typedef struct {
  guint32 elem;
  guint32 origin;      /* index into origins */
  guint32 pair;
  TnetWeight new_time; /* filled by the scan */
} Entry;

struct _TnetCriticality {
  TnetGraph *graph;
  TnetMetric *metric;
  TnetIFlatGraph fg;
  guint32 *arc_elem;   /* per arc: element or NONE */
  guint n_elements;
  guint n_pairs;
  TnetId *pair_origin;
  TnetId *pair_dest;
  guint32 *pair_oidx;  /* pair -> origin index */
  TnetWeight *base;    /* per pair */
  guint n_origins;
  TnetId *origins;     /* distinct origin nodes */
  double *origin_pop;
  TnetWeight budget_ms;
  Entry *entries;      /* sorted by (elem, origin, pair) */
  guint n_entries;
  guint n_cand;
  guint32 *cand_first; /* entries of candidate c: cand_first[c] .. cand_first[c+1]-1 */
  GArray *items;       /* TnetCriticalityItem, ranked */
  guint32 *item_cand;  /* rank -> candidate */
  guint32 *elem_cand;  /* element -> candidate or NONE */
  char **names;        /* per element, nullable */
  /* scan state */
  gint next_cand;      /* atomic */
  Workspace *ws;
};

static void
ws_init (Workspace *ws, guint n)
{
  ws->dist = g_new (TnetWeight, n);
  ws->stamp = g_new0 (guint32, n);
  ws->tstamp = g_new0 (guint32, n);
  ws->pred = g_new (guint32, n);
  ws->epoch = 0;
  tnet_i_heap_init (&ws->heap, n);
}

static void
ws_clear (Workspace *ws)
{
  g_free (ws->dist);
  g_free (ws->stamp);
  g_free (ws->tstamp);
  g_free (ws->pred);
  tnet_i_heap_destroy (&ws->heap);
}

static void
ws_next_epoch (Workspace *ws, guint n)
{
  if (++ws->epoch == 0)
    {
      memset (ws->stamp, 0, n * sizeof *ws->stamp);
      memset (ws->tstamp, 0, n * sizeof *ws->tstamp);
      ws->epoch = 1;
    }
}

static inline TnetWeight
ws_dist (const Workspace *ws, guint32 v)
{
  return ws->stamp[v] == ws->epoch ? ws->dist[v] : TNET_WEIGHT_INF;
}

/* Dijkstra from @src skipping arcs of element @blocked (NONE: none), until
 * every node of @targets is settled and every node as close as the farthest
 * target too. Allocates nothing. */
static void
ws_run (Workspace *ws, const TnetIFlatGraph *fg, const guint32 *arc_elem,
        guint32 blocked, guint32 src, const guint32 *targets, guint n_targets,
        guint32 target_stride)
{
  ws_next_epoch (ws, fg->n_nodes);
  guint left = 0;
  for (guint i = 0; i < n_targets; i++)
    {
      guint32 t = targets[(gsize) i * target_stride];
      if (ws->tstamp[t] != ws->epoch)
        {
          ws->tstamp[t] = ws->epoch;
          left++;
        }
    }
  TnetWeight bound = TNET_WEIGHT_INF;
  ws->stamp[src] = ws->epoch;
  ws->dist[src] = 0;
  ws->pred[src] = TNET_ID_NONE;
  tnet_i_heap_push_or_decrease (&ws->heap, src, 0);
  while (!tnet_i_heap_empty (&ws->heap))
    {
      TnetHeapEntry top = tnet_i_heap_pop (&ws->heap);
      guint32 u = top.item;
      TnetWeight du = top.key;
      if (du > bound)
        break;
      if (ws->tstamp[u] == ws->epoch)
        {
          ws->tstamp[u] = 0;
          if (--left == 0)
            bound = du;
        }
      for (guint32 k = fg->first_out[u]; k < fg->first_out[u + 1]; k++)
        {
          guint32 a = fg->out_arc[k];
          if (blocked != TNET_ID_NONE && arc_elem[a] == blocked)
            continue;
          guint32 v = fg->head[a];
          guint64 nd = (guint64) du + fg->weight[a];
          if (nd >= TNET_WEIGHT_INF)
            continue;
          if (ws->stamp[v] != ws->epoch)
            {
              ws->stamp[v] = ws->epoch;
              ws->dist[v] = (TnetWeight) nd;
              ws->pred[v] = a;
              tnet_i_heap_push_or_decrease (&ws->heap, v, (uint32_t) nd);
            }
          else if (nd < ws->dist[v])
            {
              /* a settled node never improves, so this one is in the heap */
              ws->dist[v] = (TnetWeight) nd;
              ws->pred[v] = a;
              tnet_i_heap_push_or_decrease (&ws->heap, v, (uint32_t) nd);
            }
        }
    }
  tnet_i_heap_reset (&ws->heap);
  /* unsettled nodes past the bound keep tentative distances that may be too
   * large; callers only read settled nodes (targets and DAG nodes, all at
   * most the bound) */
}

static int
entry_cmp (const void *pa, const void *pb)
{
  const Entry *a = pa, *b = pb;
  if (a->elem != b->elem)
    return a->elem < b->elem ? -1 : 1;
  if (a->origin != b->origin)
    return a->origin < b->origin ? -1 : 1;
  return a->pair < b->pair ? -1 : (a->pair > b->pair);
}

static void
scan_candidate (TnetCriticality *crit, Workspace *ws, guint c, guint32 *targets)
{
  guint32 lo = crit->cand_first[c], hi = crit->cand_first[c + 1];
  guint32 elem = crit->entries[lo].elem;
  for (guint32 i = lo; i < hi;)
    {
      guint32 o = crit->entries[i].origin, j = i;
      guint nt = 0;
      while (j < hi && crit->entries[j].origin == o)
        targets[nt++] = crit->pair_dest[crit->entries[j++].pair];
      ws_run (ws, &crit->fg, crit->arc_elem, elem, crit->origins[o], targets, nt, 1);
      for (guint32 q = i; q < j; q++)
        crit->entries[q].new_time = ws_dist (ws, crit->pair_dest[crit->entries[q].pair]);
      i = j;
    }
}

static void
scan_worker (gpointer data, gpointer user_data)
{
  TnetCriticality *crit = user_data;
  guint idx = GPOINTER_TO_UINT (data) - 1;
  Workspace *ws = &crit->ws[idx];
  guint32 *targets = g_new (guint32, crit->n_pairs > 0 ? crit->n_pairs : 1);
  for (;;)
    {
      guint c = (guint) g_atomic_int_add (&crit->next_cand, 1);
      if (c >= crit->n_cand)
        break;
      scan_candidate (crit, ws, c, targets);
    }
  g_free (targets);
}

static int
item_cmp (const void *pa, const void *pb)
{
  const TnetCriticalityItem *a = pa, *b = pb;
  if (a->n_pairs_cut != b->n_pairs_cut)
    return a->n_pairs_cut > b->n_pairs_cut ? -1 : 1;
  if (a->population_lost != b->population_lost)
    return a->population_lost > b->population_lost ? -1 : 1;
  if (a->n_pairs_out_of_budget != b->n_pairs_out_of_budget)
    return a->n_pairs_out_of_budget > b->n_pairs_out_of_budget ? -1 : 1;
  if (a->total_increase_ms != b->total_increase_ms)
    return a->total_increase_ms > b->total_increase_ms ? -1 : 1;
  return a->element < b->element ? -1 : (a->element > b->element);
}

/* Collects the (element, pair) entries of the shortest-path DAGs. */
static GArray *
collect_entries (TnetCriticality *crit, Workspace *ws, GArray *const *pairs_of_origin)
{
  const TnetIFlatGraph *fg = &crit->fg;
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  guint32 *seen = g_new0 (guint32, fg->n_nodes);   /* per pair visit stamps */
  guint32 *eseen = g_new0 (guint32, crit->n_elements > 0 ? crit->n_elements : 1);
  guint32 pair_stamp = 0;
  GArray *stack = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 *targets = g_new (guint32, crit->n_pairs > 0 ? crit->n_pairs : 1);
  for (guint o = 0; o < crit->n_origins; o++)
    {
      GArray *pl = pairs_of_origin[o];
      for (guint i = 0; i < pl->len; i++)
        targets[i] = crit->pair_dest[g_array_index (pl, guint32, i)];
      ws_run (ws, fg, crit->arc_elem, TNET_ID_NONE, crit->origins[o], targets, pl->len, 1);
      for (guint i = 0; i < pl->len; i++)
        {
          guint32 p = g_array_index (pl, guint32, i);
          guint32 d = crit->pair_dest[p];
          crit->base[p] = ws_dist (ws, d);
          if (crit->base[p] == TNET_WEIGHT_INF || d == crit->origins[o])
            continue;
          pair_stamp++;
          seen[d] = pair_stamp;
          g_array_set_size (stack, 0);
          g_array_append_val (stack, d);
          while (stack->len > 0)
            {
              guint32 v = g_array_index (stack, guint32, stack->len - 1);
              g_array_set_size (stack, stack->len - 1);
              TnetWeight dv = ws_dist (ws, v);
              for (guint32 k = fg->first_in[v]; k < fg->first_in[v + 1]; k++)
                {
                  guint32 a = fg->in_arc[k];
                  guint32 u = fg->tail[a];
                  TnetWeight du = ws_dist (ws, u);
                  if (du == TNET_WEIGHT_INF || (guint64) du + fg->weight[a] != dv)
                    continue;
                  guint32 e = crit->arc_elem[a];
                  if (e != TNET_ID_NONE && eseen[e] != pair_stamp)
                    {
                      eseen[e] = pair_stamp;
                      Entry en = { e, o, p, TNET_WEIGHT_INF };
                      g_array_append_val (entries, en);
                    }
                  if (seen[u] != pair_stamp)
                    {
                      seen[u] = pair_stamp;
                      g_array_append_val (stack, u);
                    }
                }
            }
        }
    }
  g_free (targets);
  g_array_free (stack, TRUE);
  g_free (seen);
  g_free (eseen);
  return entries;
}

TnetCriticality *
tnet_criticality_scan (TnetGraph *graph, const TnetMetric *metric,
                       const TnetId *arc_element, guint n_elements,
                       const TnetId *pair_origin, const TnetId *pair_dest,
                       guint n_pairs, const double *node_population,
                       TnetWeight budget_ms, guint n_threads)
{
  g_return_val_if_fail (graph != NULL && metric != NULL, NULL);
  g_return_val_if_fail (tnet_metric_get_graph (metric) == graph, NULL);
  g_return_val_if_fail (n_pairs == 0 || (pair_origin != NULL && pair_dest != NULL), NULL);

  guint n = tnet_graph_n_nodes (graph), m = tnet_graph_n_arcs (graph);
  for (guint p = 0; p < n_pairs; p++)
    g_return_val_if_fail (pair_origin[p] < n && pair_dest[p] < n, NULL);

  TnetCriticality *crit = g_new0 (TnetCriticality, 1);
  crit->graph = tnet_graph_ref (graph);
  crit->metric = tnet_metric_ref ((TnetMetric *) metric);
  tnet_i_flat_graph_init (&crit->fg, graph, metric);
  crit->arc_elem = g_new (guint32, m > 0 ? m : 1);
  if (arc_element != NULL)
    {
      for (guint a = 0; a < m; a++)
        {
          g_return_val_if_fail (arc_element[a] == TNET_ID_NONE || arc_element[a] < n_elements,
                                NULL);
          crit->arc_elem[a] = arc_element[a];
        }
      crit->n_elements = n_elements;
    }
  else
    {
      guint32 max_link = 0;
      gboolean any = FALSE;
      for (guint a = 0; a < m; a++)
        {
          TnetId l = tnet_graph_arc_link (graph, a);
          if (l != TNET_ID_NONE)
            {
              max_link = MAX (max_link, l);
              any = TRUE;
            }
        }
      guint32 base_id = any ? max_link + 1 : 0;
      for (guint a = 0; a < m; a++)
        {
          TnetId l = tnet_graph_arc_link (graph, a);
          crit->arc_elem[a] = l != TNET_ID_NONE ? l : base_id + a;
        }
      crit->n_elements = base_id + m;
    }
  crit->names = g_new0 (char *, crit->n_elements > 0 ? crit->n_elements : 1);
  crit->budget_ms = budget_ms;
  crit->n_pairs = n_pairs;
  crit->pair_origin = g_memdup2 (pair_origin, n_pairs * sizeof (TnetId));
  /* destinations are read at their arrival twins (zones are trip ends) */
  crit->pair_dest = g_new (TnetId, n_pairs > 0 ? n_pairs : 1);
  for (guint p = 0; p < n_pairs; p++)
    crit->pair_dest[p] = tnet_graph_arrival_node (graph, pair_dest[p]);
  crit->pair_oidx = g_new (guint32, n_pairs > 0 ? n_pairs : 1);
  crit->base = g_new (TnetWeight, n_pairs > 0 ? n_pairs : 1);

  /* distinct origins, in order of first appearance */
  GHashTable *oidx = g_hash_table_new (NULL, NULL);
  GPtrArray *pairs_of = g_ptr_array_new ();
  GArray *orig = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (guint p = 0; p < n_pairs; p++)
    {
      gpointer val;
      guint32 o;
      if (g_hash_table_lookup_extended (oidx, GUINT_TO_POINTER (pair_origin[p]), NULL, &val))
        o = GPOINTER_TO_UINT (val);
      else
        {
          o = orig->len;
          g_array_append_val (orig, pair_origin[p]);
          g_hash_table_insert (oidx, GUINT_TO_POINTER (pair_origin[p]), GUINT_TO_POINTER (o));
          g_ptr_array_add (pairs_of, g_array_new (FALSE, FALSE, sizeof (guint32)));
        }
      crit->pair_oidx[p] = o;
      g_array_append_val ((GArray *) pairs_of->pdata[o], p);
    }
  g_hash_table_unref (oidx);
  crit->n_origins = orig->len;
  crit->origins = (TnetId *) g_array_free (orig, FALSE);
  crit->origin_pop = g_new0 (double, crit->n_origins > 0 ? crit->n_origins : 1);
  if (node_population)
    for (guint o = 0; o < crit->n_origins; o++)
      crit->origin_pop[o] = node_population[crit->origins[o]];

  /* 1. base searches and DAG entries */
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = MAX (1u, n_threads);
  crit->ws = g_new0 (Workspace, n_threads);
  for (guint i = 0; i < n_threads; i++)
    ws_init (&crit->ws[i], n);
  GArray *entries = collect_entries (crit, &crit->ws[0], (GArray *const *) pairs_of->pdata);
  for (guint o = 0; o < pairs_of->len; o++)
    g_array_free (pairs_of->pdata[o], TRUE);
  g_ptr_array_free (pairs_of, TRUE);
  if (entries->len > 0)
    qsort (entries->data, entries->len, sizeof (Entry), entry_cmp);
  crit->n_entries = entries->len;
  crit->entries = (Entry *) g_array_free (entries, FALSE);

  GArray *cf = g_array_new (FALSE, FALSE, sizeof (guint32));
  crit->elem_cand = g_new (guint32, crit->n_elements > 0 ? crit->n_elements : 1);
  for (guint e = 0; e < crit->n_elements; e++)
    crit->elem_cand[e] = TNET_ID_NONE;
  for (guint32 i = 0; i < crit->n_entries; i++)
    if (i == 0 || crit->entries[i].elem != crit->entries[i - 1].elem)
      {
        crit->elem_cand[crit->entries[i].elem] = cf->len;
        g_array_append_val (cf, i);
      }
  crit->n_cand = cf->len;
  g_array_append_val (cf, crit->n_entries);
  crit->cand_first = (guint32 *) g_array_free (cf, FALSE);

  /* 2. the blocked searches, in parallel */
  crit->next_cand = 0;
  if (n_threads == 1 || crit->n_cand < 2)
    scan_worker (GUINT_TO_POINTER (1), crit);
  else
    {
      GThreadPool *pool = g_thread_pool_new (scan_worker, crit, (gint) n_threads, TRUE, NULL);
      for (guint i = 0; i < n_threads; i++)
        g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
      g_thread_pool_free (pool, FALSE, TRUE);
    }

  /* 3. losses per candidate */
  crit->items = g_array_new (FALSE, FALSE, sizeof (TnetCriticalityItem));
  TnetWeight *best_before = g_new (TnetWeight, crit->n_origins > 0 ? crit->n_origins : 1);
  for (guint o = 0; o < crit->n_origins; o++)
    best_before[o] = TNET_WEIGHT_INF;
  for (guint p = 0; p < n_pairs; p++)
    best_before[crit->pair_oidx[p]] = MIN (best_before[crit->pair_oidx[p]], crit->base[p]);
  for (guint c = 0; c < crit->n_cand; c++)
    {
      TnetCriticalityItem it = { 0 };
      it.element = crit->entries[crit->cand_first[c]].elem;
      it.worst_pair = G_MAXUINT;
      gboolean worst_cut = FALSE;
      for (guint32 i = crit->cand_first[c]; i < crit->cand_first[c + 1]; i++)
        {
          const Entry *en = &crit->entries[i];
          TnetWeight b = crit->base[en->pair], a = en->new_time;
          if (a == b)
            continue;
          it.n_pairs_slower++;
          if (b <= budget_ms && a > budget_ms)
            it.n_pairs_out_of_budget++;
          if (a == TNET_WEIGHT_INF)
            {
              if (!worst_cut)
                it.worst_pair = en->pair;
              worst_cut = TRUE;
              it.n_pairs_cut++;
              continue;
            }
          TnetWeight inc = a - b;
          it.total_increase_ms += inc;
          if (inc > it.max_increase_ms)
            {
              it.max_increase_ms = inc;
              if (!worst_cut)
                it.worst_pair = en->pair;
            }
        }
      if (it.n_pairs_slower == 0)
        continue;
      /* population: origins whose best time leaves the budget */
      for (guint32 i = crit->cand_first[c]; i < crit->cand_first[c + 1];)
        {
          guint32 o = crit->entries[i].origin;
          guint32 j = i;
          while (j < crit->cand_first[c + 1] && crit->entries[j].origin == o)
            j++;
          if (best_before[o] <= budget_ms)
            {
              /* the best over the origin's pairs with this element removed */
              TnetWeight best = TNET_WEIGHT_INF;
              guint32 q = i;
              for (guint p = 0; p < n_pairs; p++)
                {
                  if (crit->pair_oidx[p] != o)
                    continue;
                  while (q < j && crit->entries[q].pair < p)
                    q++;
                  TnetWeight t = (q < j && crit->entries[q].pair == p)
                                 ? crit->entries[q].new_time : crit->base[p];
                  best = MIN (best, t);
                }
              if (best > budget_ms)
                it.population_lost += crit->origin_pop[o];
            }
          i = j;
        }
      g_array_append_val (crit->items, it);
    }
  g_free (best_before);
  for (guint i = 0; i < n_threads; i++)
    ws_clear (&crit->ws[i]);
  g_free (crit->ws);
  crit->ws = NULL;
  if (crit->items->len > 0)
    qsort (crit->items->data, crit->items->len, sizeof (TnetCriticalityItem), item_cmp);
  crit->item_cand = g_new (guint32, crit->items->len > 0 ? crit->items->len : 1);
  for (guint r = 0; r < crit->items->len; r++)
    crit->item_cand[r] = crit->elem_cand[g_array_index (crit->items, TnetCriticalityItem,
                                                        r).element];
  return crit;
}

void
tnet_criticality_free (TnetCriticality *crit)
{
  if (crit == NULL)
    return;
  tnet_i_flat_graph_clear (&crit->fg);
  tnet_metric_unref (crit->metric);
  tnet_graph_unref (crit->graph);
  for (guint e = 0; e < crit->n_elements; e++)
    g_free (crit->names[e]);
  g_free (crit->names);
  g_free (crit->arc_elem);
  g_free (crit->pair_origin);
  g_free (crit->pair_dest);
  g_free (crit->pair_oidx);
  g_free (crit->base);
  g_free (crit->origins);
  g_free (crit->origin_pop);
  g_free (crit->entries);
  g_free (crit->cand_first);
  g_free (crit->elem_cand);
  g_free (crit->item_cand);
  if (crit->items)
    g_array_free (crit->items, TRUE);
  g_free (crit);
}

guint
tnet_criticality_n_items (const TnetCriticality *crit)
{
  g_return_val_if_fail (crit != NULL, 0);
  return crit->items->len;
}

const TnetCriticalityItem *
tnet_criticality_item (const TnetCriticality *crit, guint rank)
{
  g_return_val_if_fail (crit != NULL && rank < crit->items->len, NULL);
  return &g_array_index (crit->items, TnetCriticalityItem, rank);
}

guint
tnet_criticality_n_candidates (const TnetCriticality *crit)
{
  g_return_val_if_fail (crit != NULL, 0);
  return crit->n_cand;
}

guint
tnet_criticality_n_pairs (const TnetCriticality *crit)
{
  g_return_val_if_fail (crit != NULL, 0);
  return crit->n_pairs;
}

TnetWeight
tnet_criticality_base_time (const TnetCriticality *crit, guint pair)
{
  g_return_val_if_fail (crit != NULL && pair < crit->n_pairs, TNET_WEIGHT_INF);
  return crit->base[pair];
}

static TnetWeight
cand_time (const TnetCriticality *crit, guint32 c, guint pair)
{
  if (c == TNET_ID_NONE)
    return crit->base[pair];
  guint32 lo = crit->cand_first[c], hi = crit->cand_first[c + 1];
  for (guint32 i = lo; i < hi; i++)
    if (crit->entries[i].pair == pair)
      return crit->entries[i].new_time;
  return crit->base[pair];
}

TnetWeight
tnet_criticality_time (const TnetCriticality *crit, guint rank, guint pair)
{
  g_return_val_if_fail (crit != NULL && rank < crit->items->len, TNET_WEIGHT_INF);
  g_return_val_if_fail (pair < crit->n_pairs, TNET_WEIGHT_INF);
  return cand_time (crit, crit->item_cand[rank], pair);
}

TnetWeight
tnet_criticality_element_time (const TnetCriticality *crit, TnetId element, guint pair)
{
  g_return_val_if_fail (crit != NULL && element < crit->n_elements, TNET_WEIGHT_INF);
  g_return_val_if_fail (pair < crit->n_pairs, TNET_WEIGHT_INF);
  return cand_time (crit, crit->elem_cand[element], pair);
}

void
tnet_path_free (TnetPath *path)
{
  if (path == NULL)
    return;
  g_free (path->arcs);
  g_free (path->nodes);
  g_free (path);
}

TnetPath *
tnet_criticality_detour (const TnetCriticality *crit, guint rank, guint pair)
{
  g_return_val_if_fail (crit != NULL && rank < crit->items->len, NULL);
  g_return_val_if_fail (pair < crit->n_pairs, NULL);
  const TnetIFlatGraph *fg = &crit->fg;
  guint32 elem = g_array_index (crit->items, TnetCriticalityItem, rank).element;
  Workspace ws;
  ws_init (&ws, fg->n_nodes);
  guint32 d = crit->pair_dest[pair];
  ws_run (&ws, fg, crit->arc_elem, elem, crit->pair_origin[pair], &d, 1, 1);
  TnetPath *path = NULL;
  if (ws_dist (&ws, d) != TNET_WEIGHT_INF)
    {
      GArray *arcs = g_array_new (FALSE, FALSE, sizeof (guint32));
      for (guint32 v = d; ws.pred[v] != TNET_ID_NONE; v = fg->tail[ws.pred[v]])
        g_array_prepend_val (arcs, ws.pred[v]);
      path = g_new0 (TnetPath, 1);
      tnet_i_path_fill (path, fg, (const guint32 *) arcs->data, arcs->len);
      if (arcs->len == 0)
        path->nodes[0] = fg->report_node[d];
      g_array_free (arcs, TRUE);
    }
  ws_clear (&ws);
  return path;
}

void
tnet_criticality_set_name (TnetCriticality *crit, TnetId element, const char *name)
{
  g_return_if_fail (crit != NULL && element < crit->n_elements);
  g_free (crit->names[element]);
  crit->names[element] = g_strdup (name);
  guint32 c = crit->elem_cand[element];
  for (guint r = 0; c != TNET_ID_NONE && r < crit->items->len; r++)
    if (crit->item_cand[r] == c)
      g_array_index (crit->items, TnetCriticalityItem, r).name = crit->names[element];
}
