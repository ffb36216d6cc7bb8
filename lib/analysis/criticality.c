/* criticality.c: the link (or line) failure scan between two node sets.
 *
 * Implementation notes: the searches are the paths layer's (TnetRepair: a
 * full base search that keeps its shortest-path tree, then repairs of the
 * nodes under the removed arcs; TnetSearch with blocked arcs for detours),
 * so this file only organises the scan. Workers (GThreadPool, one Worker
 * per thread) take origins from an atomic counter; per origin:
 *  1. the base search. For each pair (o,d) the elements of the tree path
 *     o→d get an entry (element, pair): an element off that path cannot
 *     change dist(d), because the path survives its removal.
 *  2. per element with entries, one repair with the element's arcs
 *     blocked, for the destinations of its entries.
 * Results go to the worker's own entries: no locking. Then the entries are
 * merged, sorted by (element, origin, pair), and 3. the losses are summed
 * per candidate and the elements ranked.
 * Progress: workers count the origins done under a mutex and signal a
 * condition; the thread that started the scan waits on it and calls the
 * progress function (so the caller's callback never runs on a worker), at
 * most every 1/256 of the origins. Each worker looks at the cancellable
 * before taking the next origin; once it is cancelled (from any thread,
 * the progress function included) an atomic flag stops the others too.
 */
#include "tnet-internal.h"
#include "analysis-private.h"
#include <gio/gio.h>

typedef TnetICriticalityEntry Entry;

struct _TnetCriticality {
  TnetGraph *graph;
  TnetMetric *metric;
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
  guint32 *elem_arc_first; /* arcs of element e: elem_arcs[elem_arc_first[e] ..] */
  guint32 *elem_arcs;
  guint32 *origin_pair_first; /* pairs of origin o: origin_pairs[origin_pair_first[o] ..] */
  guint32 *origin_pairs;
  /* scan state */
  gint next_origin;    /* atomic */
  struct _Worker *workers;
  gboolean inline_scan; /* one worker, on the calling thread */
  TnetProgressFunc progress; /* nullable */
  GCancellable *cancellable; /* nullable, borrowed for the scan */
  gpointer progress_data;
  GMutex lock;         /* guards n_done and n_finished */
  GCond changed;       /* signalled when either grows */
  guint n_done;        /* origins scanned */
  guint n_finished;    /* workers that stopped */
  guint64 next_report; /* report when n_done reaches it (G_MAXUINT64: no more) */
  gint cancel;         /* atomic: the cancellable was seen cancelled */
  guint n_blocks;      /* >= 1: only elements e % n_blocks == block are examined */
  guint block;         /* < n_blocks */
  /* a scan made by another model (tnet_i_criticality_new_from_times()):
   * graph and metric NULL; the model's description (nullable) and its
   * detours (detour_func nullable) */
  TnetICriticalityModel *model;
  TnetICriticalityDetourFunc detour_func;
  gpointer detour_data;
  GDestroyNotify detour_destroy;
};

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

/* Per-thread state of the scan: the repair workspace (base tree of the
 * current origin) and this thread's entries. */
typedef struct _Worker {
  TnetRepair *rep;
  TnetId *path;         /* n: a tree path, external arcs */
  TnetId *targets;      /* the destinations of one element's entries */
  TnetWeight *times;    /* their new times */
  guint32 *eseen;       /* per element: last pair stamp that listed it */
  guint32 estamp;
  GArray *entries;      /* this thread's (element, pair) entries */
} Worker;

static void
worker_init (Worker *w, TnetGraph *graph, guint n_pairs, guint n_elements)
{
  w->rep = tnet_repair_new (graph);
  w->path = g_new (TnetId, MAX (tnet_graph_n_nodes (graph), 1u));
  w->targets = g_new (TnetId, MAX (n_pairs, 1u));
  w->times = g_new (TnetWeight, MAX (n_pairs, 1u));
  w->eseen = g_new0 (guint32, MAX (n_elements, 1u));
  w->estamp = 0;
  w->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
}

static void
worker_clear (Worker *w)
{
  tnet_repair_free (w->rep);
  g_free (w->path);
  g_free (w->targets);
  g_free (w->times);
  g_free (w->eseen);
  if (w->entries)
    g_array_free (w->entries, TRUE);
}

static int
entry_elem_pair_cmp (const void *pa, const void *pb)
{
  const Entry *a = pa, *b = pb;
  if (a->elem != b->elem)
    return a->elem < b->elem ? -1 : 1;
  return a->pair < b->pair ? -1 : (a->pair > b->pair);
}

/* One origin: the base search, the entries of the elements on the tree
 * paths to its destinations, and one repair per such element. */
static void
scan_origin (TnetCriticality *crit, Worker *w, guint32 o)
{
  TnetId src = crit->origins[o];
  tnet_repair_set_source (w->rep, crit->metric, src);
  guint first = w->entries->len;
  for (guint32 i = crit->origin_pair_first[o]; i < crit->origin_pair_first[o + 1]; i++)
    {
      guint32 p = crit->origin_pairs[i], d = crit->pair_dest[p];
      crit->base[p] = tnet_repair_base_distance (w->rep, d);
      if (crit->base[p] == TNET_WEIGHT_INF || d == src)
        continue;
      if (++w->estamp == 0)
        {
          memset (w->eseen, 0, MAX (crit->n_elements, 1u) * sizeof *w->eseen);
          w->estamp = 1;
        }
      guint len = tnet_repair_base_path (w->rep, d, w->path, tnet_graph_n_nodes (crit->graph));
      for (guint k = len; k-- > 0;)
        {
          guint32 e = crit->arc_elem[w->path[k]];
          if (e != TNET_ID_NONE && w->eseen[e] != w->estamp
              && (crit->n_blocks == 1 || e % crit->n_blocks == crit->block))
            {
              w->eseen[e] = w->estamp;
              Entry en = { e, o, p, TNET_WEIGHT_INF };
              g_array_append_val (w->entries, en);
            }
        }
    }
  Entry *en = &g_array_index (w->entries, Entry, first);
  guint ne = w->entries->len - first;
  if (ne > 0)
    qsort (en, ne, sizeof (Entry), entry_elem_pair_cmp);
  for (guint i = 0; i < ne;)
    {
      guint32 e = en[i].elem;
      guint j = i, nt = 0;
      while (j < ne && en[j].elem == e)
        w->targets[nt++] = crit->pair_dest[en[j++].pair];
      tnet_repair_run (w->rep, crit->elem_arcs + crit->elem_arc_first[e],
                       crit->elem_arc_first[e + 1] - crit->elem_arc_first[e], w->targets, nt,
                       w->times);
      for (guint q = i; q < j; q++)
        en[q].new_time = w->times[q - i];
      i = j;
    }
}

/* On the thread that started the scan: calls the progress function when
 * @done has reached the next report point (always at the end). */
static void
maybe_report (TnetCriticality *crit, guint done)
{
  if (!crit->progress || done < crit->next_report || g_atomic_int_get (&crit->cancel))
    return;
  guint64 total = crit->n_origins, step = MAX ((total + 255) / 256, 1);
  crit->next_report = done >= total ? G_MAXUINT64 : MIN (done + step, total);
  crit->progress (done, total, "criticality scan", "origins", crit->progress_data);
  /* a cancellation by the report stops the workers before their next
   * origin, and the reports */
  if (g_cancellable_is_cancelled (crit->cancellable))
    g_atomic_int_set (&crit->cancel, 1);
}

static void
scan_worker (gpointer data, gpointer user_data)
{
  TnetCriticality *crit = user_data;
  Worker *w = &crit->workers[GPOINTER_TO_UINT (data) - 1];
  while (!g_atomic_int_get (&crit->cancel))
    {
      if (g_cancellable_is_cancelled (crit->cancellable))
        {
          g_atomic_int_set (&crit->cancel, 1);
          break;
        }
      guint o = (guint) g_atomic_int_add (&crit->next_origin, 1);
      if (o >= crit->n_origins)
        break;
      scan_origin (crit, w, o);
      if (crit->inline_scan)
        maybe_report (crit, ++crit->n_done);
      else if (crit->progress)
        {
          g_mutex_lock (&crit->lock);
          crit->n_done++;
          g_cond_signal (&crit->changed);
          g_mutex_unlock (&crit->lock);
        }
    }
  if (!crit->inline_scan)
    {
      g_mutex_lock (&crit->lock);
      crit->n_finished++;
      g_cond_signal (&crit->changed);
      g_mutex_unlock (&crit->lock);
    }
}

void
tnet_criticality_options_init (TnetCriticalityOptions *opts)
{
  g_return_if_fail (opts != NULL);
  memset (opts, 0, sizeof *opts);
}

/* Without an element table: each arc's link is its element, and an arc
 * without a link is an element of its own, numbered after the links. */
static void
link_elements (TnetCriticality *crit, TnetGraph *graph, guint m)
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

/* The distinct origins of the pairs, in order of first appearance, their
 * population, and the pairs of each origin as CSR. */
static void
index_origins (TnetCriticality *crit, const TnetId *pair_origin, const double *node_population)
{
  const guint n_pairs = crit->n_pairs;
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

  crit->origin_pair_first = g_new0 (guint32, crit->n_origins + 1);
  crit->origin_pairs = g_new (guint32, n_pairs > 0 ? n_pairs : 1);
  for (guint o = 0, k = 0; o < crit->n_origins; o++)
    {
      GArray *pl = pairs_of->pdata[o];
      crit->origin_pair_first[o] = k;
      for (guint i = 0; i < pl->len; i++)
        crit->origin_pairs[k++] = g_array_index (pl, guint32, i);
      crit->origin_pair_first[o + 1] = k;
      g_array_free (pl, TRUE);
    }
  g_ptr_array_free (pairs_of, TRUE);
}

/* The arcs of each element, as CSR. */
static void
index_element_arcs (TnetCriticality *crit, guint m)
{
  crit->elem_arc_first = g_new0 (guint32, crit->n_elements + 1);
  crit->elem_arcs = g_new (guint32, m > 0 ? m : 1);
  for (guint a = 0; a < m; a++)
    if (crit->arc_elem[a] != TNET_ID_NONE)
      crit->elem_arc_first[crit->arc_elem[a] + 1]++;
  for (guint e = 0; e < crit->n_elements; e++)
    crit->elem_arc_first[e + 1] += crit->elem_arc_first[e];
  guint32 *cursor = g_memdup2 (crit->elem_arc_first, crit->n_elements * sizeof (guint32)
                               + sizeof (guint32));
  for (guint a = 0; a < m; a++)
    if (crit->arc_elem[a] != TNET_ID_NONE)
      crit->elem_arcs[cursor[crit->arc_elem[a]]++] = a;
  g_free (cursor);
}

/* @n_threads workers in a pool, while this thread reports the progress. */
static void
scan_in_pool (TnetCriticality *crit, guint n_threads)
{
  GThreadPool *pool = g_thread_pool_new (scan_worker, crit, (gint) n_threads, TRUE, NULL);
  for (guint i = 0; i < n_threads; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
  /* report from this thread while the workers run */
  g_mutex_lock (&crit->lock);
  while (crit->n_finished < n_threads)
    {
      guint done = crit->n_done;
      if (crit->progress && done >= crit->next_report && !g_atomic_int_get (&crit->cancel))
        {
          g_mutex_unlock (&crit->lock);
          maybe_report (crit, done);
          g_mutex_lock (&crit->lock);
          continue;
        }
      g_cond_wait (&crit->changed, &crit->lock);
    }
  g_mutex_unlock (&crit->lock);
  g_thread_pool_free (pool, FALSE, TRUE);
  maybe_report (crit, crit->n_done);
}

/* 1.-2. Per origin (in parallel): base tree, entries, repairs. Returns the
 * workers' entries, merged (not sorted), to free, or NULL when the
 * cancellable stopped the scan. */
static GArray *
scan_origins (TnetCriticality *crit, TnetGraph *graph, const TnetCriticalityOptions *opts)
{
  guint n_threads = opts ? opts->n_threads : 0;
  crit->progress = opts ? opts->progress : NULL;
  crit->progress_data = opts ? opts->progress_data : NULL;
  crit->cancellable = opts ? opts->cancellable : NULL;
  crit->n_blocks = opts && opts->n_element_blocks > 1 ? opts->n_element_blocks : 1;
  crit->block = crit->n_blocks > 1 ? opts->element_block : 0;
  crit->next_report = 1;
  g_mutex_init (&crit->lock);
  g_cond_init (&crit->changed);
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = MAX (1u, MIN (n_threads, MAX (crit->n_origins, 1u)));
  crit->workers = g_new0 (Worker, n_threads);
  for (guint i = 0; i < n_threads; i++)
    worker_init (&crit->workers[i], graph, crit->n_pairs, crit->n_elements);
  crit->next_origin = 0;
  crit->inline_scan = n_threads == 1;
  if (n_threads == 1)
    scan_worker (GUINT_TO_POINTER (1), crit);
  else
    scan_in_pool (crit, n_threads);
  g_mutex_clear (&crit->lock);
  g_cond_clear (&crit->changed);
  GArray *entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  for (guint i = 0; i < n_threads; i++)
    {
      GArray *we = crit->workers[i].entries;
      g_array_append_vals (entries, we->data, we->len);
    }
  for (guint i = 0; i < n_threads; i++)
    worker_clear (&crit->workers[i]);
  g_free (crit->workers);
  crit->workers = NULL;
  crit->cancellable = NULL;
  if (g_atomic_int_get (&crit->cancel))
    {
      g_array_free (entries, TRUE);
      return NULL;
    }
  return entries;
}

/* The entries, sorted, and the candidates: the elements with entries, each
 * with its run of them. */
static void
index_candidates (TnetCriticality *crit, GArray *entries)
{
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
}

/* The time losses of candidate @c over its pairs: slower, cut, out of the
 * budget, the total and the worst. FALSE when no pair is slower. */
static gboolean
candidate_losses (const TnetCriticality *crit, guint c, TnetCriticalityItem *it)
{
  it->element = crit->entries[crit->cand_first[c]].elem;
  it->worst_pair = G_MAXUINT;
  gboolean worst_cut = FALSE;
  for (guint32 i = crit->cand_first[c]; i < crit->cand_first[c + 1]; i++)
    {
      const Entry *en = &crit->entries[i];
      TnetWeight b = crit->base[en->pair], a = en->new_time;
      if (a == b)
        continue;
      it->n_pairs_slower++;
      if (b <= crit->budget_ms && a > crit->budget_ms)
        it->n_pairs_out_of_budget++;
      if (a == TNET_WEIGHT_INF)
        {
          if (!worst_cut)
            it->worst_pair = en->pair;
          worst_cut = TRUE;
          it->n_pairs_cut++;
          continue;
        }
      TnetWeight inc = a - b;
      it->total_increase_ms += inc;
      if (inc > it->max_increase_ms)
        {
          it->max_increase_ms = inc;
          if (!worst_cut)
            it->worst_pair = en->pair;
        }
    }
  return it->n_pairs_slower > 0;
}

/* The population of the origins whose best time over their pairs leaves
 * the budget when candidate @c is removed (@best_before: per origin, the
 * best time before). */
static double
candidate_population_lost (const TnetCriticality *crit, guint c, const TnetWeight *best_before)
{
  double lost = 0;
  for (guint32 i = crit->cand_first[c]; i < crit->cand_first[c + 1];)
    {
      guint32 o = crit->entries[i].origin;
      guint32 j = i;
      while (j < crit->cand_first[c + 1] && crit->entries[j].origin == o)
        j++;
      if (best_before[o] <= crit->budget_ms)
        {
          /* the best over the origin's pairs with this element removed */
          TnetWeight best = TNET_WEIGHT_INF;
          guint32 q = i;
          for (guint p = 0; p < crit->n_pairs; p++)
            {
              if (crit->pair_oidx[p] != o)
                continue;
              while (q < j && crit->entries[q].pair < p)
                q++;
              TnetWeight t = (q < j && crit->entries[q].pair == p)
                             ? crit->entries[q].new_time : crit->base[p];
              best = MIN (best, t);
            }
          if (best > crit->budget_ms)
            lost += crit->origin_pop[o];
        }
      i = j;
    }
  return lost;
}

/* 3. The losses per candidate, the items ranked. */
static void
rank_items (TnetCriticality *crit)
{
  crit->items = g_array_new (FALSE, FALSE, sizeof (TnetCriticalityItem));
  TnetWeight *best_before = g_new (TnetWeight, crit->n_origins > 0 ? crit->n_origins : 1);
  for (guint o = 0; o < crit->n_origins; o++)
    best_before[o] = TNET_WEIGHT_INF;
  for (guint p = 0; p < crit->n_pairs; p++)
    best_before[crit->pair_oidx[p]] = MIN (best_before[crit->pair_oidx[p]], crit->base[p]);
  for (guint c = 0; c < crit->n_cand; c++)
    {
      TnetCriticalityItem it = { 0 };
      if (!candidate_losses (crit, c, &it))
        continue;
      it.population_lost = candidate_population_lost (crit, c, best_before);
      g_array_append_val (crit->items, it);
    }
  g_free (best_before);
  if (crit->items->len > 0)
    qsort (crit->items->data, crit->items->len, sizeof (TnetCriticalityItem), item_cmp);
  crit->item_cand = g_new (guint32, crit->items->len > 0 ? crit->items->len : 1);
  for (guint r = 0; r < crit->items->len; r++)
    crit->item_cand[r] = crit->elem_cand[g_array_index (crit->items, TnetCriticalityItem,
                                                        r).element];
}

TnetCriticality *
tnet_criticality_scan (TnetGraph *graph, const TnetMetric *metric,
                       const TnetId *arc_element, guint n_elements,
                       const TnetId *pair_origin, const TnetId *pair_dest,
                       guint n_pairs, const double *node_population,
                       TnetWeight budget_ms, const TnetCriticalityOptions *opts,
                       GError **error)
{
  g_return_val_if_fail (graph != NULL && metric != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (tnet_metric_get_graph (metric) == graph, NULL);
  g_return_val_if_fail (n_pairs == 0 || (pair_origin != NULL && pair_dest != NULL), NULL);
  g_return_val_if_fail (opts == NULL || opts->n_element_blocks <= 1
                        || opts->element_block < opts->n_element_blocks, NULL);

  guint n = tnet_graph_n_nodes (graph), m = tnet_graph_n_arcs (graph);
  for (guint p = 0; p < n_pairs; p++)
    g_return_val_if_fail (pair_origin[p] < n && pair_dest[p] < n, NULL);

  TnetCriticality *crit = g_new0 (TnetCriticality, 1);
  crit->graph = tnet_graph_ref (graph);
  crit->metric = tnet_metric_ref ((TnetMetric *) metric);
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
    link_elements (crit, graph, m);
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
  index_origins (crit, pair_origin, node_population);
  index_element_arcs (crit, m);

  GArray *entries = scan_origins (crit, graph, opts);
  if (entries == NULL)
    {
      tnet_criticality_free (crit);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "criticality scan cancelled");
      return NULL;
    }
  index_candidates (crit, entries);
  rank_items (crit);
  return crit;
}

void
tnet_criticality_free (TnetCriticality *crit)
{
  if (crit == NULL)
    return;
  if (crit->metric)
    tnet_metric_unref (crit->metric);
  if (crit->graph)
    tnet_graph_unref (crit->graph);
  if (crit->detour_destroy)
    crit->detour_destroy (crit->detour_data);
  if (crit->model)
    {
      g_free (crit->model->feed);
      g_free (crit->model);
    }
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
  g_free (crit->elem_arc_first);
  g_free (crit->elem_arcs);
  g_free (crit->origin_pair_first);
  g_free (crit->origin_pairs);
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

TnetPath *
tnet_criticality_detour (const TnetCriticality *crit, guint rank, guint pair)
{
  g_return_val_if_fail (crit != NULL && rank < crit->items->len, NULL);
  g_return_val_if_fail (pair < crit->n_pairs, NULL);
  if (crit->graph == NULL)
    return NULL;   /* another model: tnet_i_criticality_detour_places() */
  guint32 elem = g_array_index (crit->items, TnetCriticalityItem, rank).element;
  g_autoptr (TnetSearch) search = tnet_search_new (crit->graph);
  tnet_search_block_arcs (search, crit->elem_arcs + crit->elem_arc_first[elem],
                          crit->elem_arc_first[elem + 1] - crit->elem_arc_first[elem], TRUE);
  TnetId d = crit->pair_dest[pair];
  tnet_search_run (search, crit->metric, crit->pair_origin[pair], TNET_FORWARD,
                   TNET_WEIGHT_INF, d);
  guint len = tnet_search_path (search, d, NULL, 0);
  if (len == G_MAXUINT)
    return NULL;
  g_autofree TnetId *arcs = g_new (TnetId, MAX (len, 1u));
  tnet_search_path (search, d, arcs, len);
  return tnet_path_new_from_arcs (crit->graph, crit->metric, arcs, len, d);
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

void
tnet_i_criticality_name_items (TnetCriticality *crit, const TnetNetwork *net,
                               const GPtrArray *line_names)
{
  for (guint r = 0; r < crit->items->len; r++)
    {
      TnetId e = g_array_index (crit->items, TnetCriticalityItem, r).element;
      tnet_criticality_set_name (crit, e, line_names ? line_names->pdata[e]
                                                     : tnet_network_link (net, e)->id);
    }
}

TnetCriticality *
tnet_i_criticality_new_from_times (guint n_elements, const TnetId *pair_origin,
                                   guint n_pairs, const double *node_population,
                                   const TnetWeight *base, GArray *entries,
                                   TnetWeight budget_ms, guint n_blocks, guint block)
{
  TnetCriticality *crit = g_new0 (TnetCriticality, 1);
  crit->n_elements = n_elements;
  crit->names = g_new0 (char *, MAX (n_elements, 1u));
  crit->budget_ms = budget_ms;
  crit->n_pairs = n_pairs;
  crit->pair_origin = g_memdup2 (pair_origin, MAX (n_pairs, 1u) * sizeof (TnetId));
  crit->pair_dest = g_new0 (TnetId, MAX (n_pairs, 1u));
  crit->pair_oidx = g_new (guint32, MAX (n_pairs, 1u));
  crit->base = g_memdup2 (base, MAX (n_pairs, 1u) * sizeof (TnetWeight));
  crit->n_blocks = MAX (n_blocks, 1u);
  crit->block = block;
  index_origins (crit, pair_origin, node_population);
  crit->elem_arc_first = g_new0 (guint32, n_elements + 1);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *en = &g_array_index (entries, Entry, i);
      en->origin = crit->pair_oidx[en->pair];
    }
  index_candidates (crit, entries);
  rank_items (crit);
  return crit;
}

void
tnet_i_criticality_set_model (TnetCriticality *crit, const TnetICriticalityModel *model,
                              TnetICriticalityDetourFunc detour_func, gpointer detour_data,
                              GDestroyNotify detour_destroy)
{
  crit->model = g_memdup2 (model, sizeof *model);
  crit->model->feed = g_strdup (model->feed);
  crit->detour_func = detour_func;
  crit->detour_data = detour_data;
  crit->detour_destroy = detour_destroy;
}

const TnetICriticalityModel *
tnet_i_criticality_get_model (const TnetCriticality *crit)
{
  return crit->model;
}

char **
tnet_i_criticality_detour_places (const TnetCriticality *crit, guint rank, guint pair)
{
  if (crit->detour_func == NULL || rank >= crit->items->len || pair >= crit->n_pairs)
    return NULL;
  guint32 elem = g_array_index (crit->items, TnetCriticalityItem, rank).element;
  return crit->detour_func (crit->detour_data, elem, pair);
}
