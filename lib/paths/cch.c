/* cch.c: customizable contraction hierarchies — a metric-independent
 * nested-dissection order and its chordal supergraph, built once per
 * graph, then customised for any metric into a #TnetCH.
 *
 * Implementation notes:
 * - Order: METIS_NodeND on the undirected simple graph underneath (arcs
 *   in either direction, self-loops and parallel arcs merged). Nested
 *   dissection ranks each separator above the two halves it splits, so the
 *   hierarchy's upward searches stay within the separators above a node.
 *   The order depends on the topology only, never on the weights.
 * - Chordal supergraph: contracting the nodes in rank order and joining
 *   every pair of upward neighbours of the contracted node (all fill arcs,
 *   no witness search). Done as in sparse Cholesky symbolic factorisation:
 *   once node x's upward set S(x) is final (sorted, duplicates dropped),
 *   S(x) minus its lowest member p is appended to S(p). That suffices
 *   because every other pair of S(x) meets again when p is contracted, so
 *   the work is linear in the fill plus the sorting.
 * - Lower triangles: for node z and two upward neighbours x < y of z, the
 *   arc x–y exists (the upward set of z is a clique). The entry index of
 *   that arc, at x, is stored for every such pair, in the order the
 *   customisation visits them (z ascending, then x, then y), so the
 *   customisation reads one sequential array and never searches.
 * - Customisation (basic, DSW 2016): every entry starts at the lightest
 *   input arc it stands for (INF when none); then for z in rank order each
 *   lower triangle relaxes x→y by x→z→y and y→x by y→z→x. When z is
 *   reached all of z's upward arcs are final (their triangles have lower
 *   bottoms), so the result holds, for each arc, the shortest path through
 *   lower nodes only: exactly what the upward/downward queries need. A
 *   triangle that improves an arc records z as its middle node, so paths
 *   unpack as in a CH. Weights are at most INF = 2^31 - 1, so a sum of two
 *   never wraps in uint32_t; a sum of INF or more improves nothing (as in
 *   Dijkstra, a path of INF or more is no path).
 * - Closures: a closed arc enters with INF, the one weight no metric can
 *   hold (metrics stop at TNET_WEIGHT_MAX), so it stands for no path at
 *   all while an open arc at TNET_WEIGHT_MAX stays an arc: closure is the
 *   caller's mask (tnet_cch_customize_closed(), or the arcs a subgraph
 *   lacks in tnet_cch_customize_subgraph()), never a magic weight.
 * - The output is a plain #TnetCH (ch-private.h): entries whose two
 *   directions stayed INF are dropped, so every query, file and batch
 *   routine works on it unchanged.
 */
#include "tnet-internal.h"
#include "graph-internal.h"
#include "ch-private.h"
#include <metis.h>

struct _TnetCCH {
  gint ref_count;          /* atomic */
  const TnetGraph *graph;  /* strong reference: the topology of the slots */
  guint n_nodes;
  guint n_entries;         /* arcs of the chordal supergraph, one per node pair */
  uint32_t *rank;          /* external node -> rank, a permutation */
  uint32_t *first;         /* n_nodes + 1 by rank, monotone */
  uint32_t *head;          /* n_entries, > the owner's rank, increasing per owner */
  guint64 n_triangles;
  uint32_t *tri;           /* n_triangles entry indices, customisation order */
  /* internal arc a -> (entry << 1) | (1 when the arc runs head → owner),
   * SLOT_NONE for a self-loop */
  uint32_t *slot;
  uint32_t *arrive;        /* as TnetCH's (NULL without zones) */
};

#define SLOT_NONE UINT32_MAX

typedef struct {
  uint32_t *a;
  uint32_t len, cap;
} Vec;

static inline void
vec_push (Vec *v, uint32_t x)
{
  if (v->len == v->cap)
    {
      v->cap = MAX (2 * v->cap, 4u);
      v->a = g_renew (uint32_t, v->a, v->cap);
    }
  v->a[v->len++] = x;
}

static int
cmp_u32 (const void *a, const void *b)
{
  uint32_t x = *(const uint32_t *) a, y = *(const uint32_t *) b;
  return (x > y) - (x < y);
}

/* Sorts and drops duplicates. */
static void
vec_sort_unique (Vec *v)
{
  if (v->len < 2)
    return;
  qsort (v->a, v->len, sizeof (uint32_t), cmp_u32);
  uint32_t k = 1;
  for (uint32_t i = 1; i < v->len; i++)
    if (v->a[i] != v->a[k - 1])
      v->a[k++] = v->a[i];
  v->len = k;
}

/* The undirected simple graph of @g over internal ids, as CSR. */
static void
undirected (const TnetICsr *g, uint32_t **xadj_out, uint32_t **adj_out)
{
  const guint n = g->n_nodes;
  uint32_t *xadj = g_new0 (uint32_t, n + 1);
  for (guint u = 0; u < n; u++)
    for (uint32_t a = g->first_out[u]; a < g->first_out[u + 1]; a++)
      if (g->head[a] != u)
        xadj[u + 1]++, xadj[g->head[a] + 1]++;
  for (guint u = 0; u < n; u++)
    xadj[u + 1] += xadj[u];
  uint32_t *fill = g_memdup2 (xadj, (gsize) n * sizeof (uint32_t) + (n == 0));
  uint32_t *adj = g_new (uint32_t, MAX (xadj[n], 1u));
  for (guint u = 0; u < n; u++)
    for (uint32_t a = g->first_out[u]; a < g->first_out[u + 1]; a++)
      {
        uint32_t v = g->head[a];
        if (v == u)
          continue;
        adj[fill[u]++] = v;
        adj[fill[v]++] = u;
      }
  /* sort each list and squeeze out duplicates, in place */
  uint32_t out = 0;
  for (guint u = 0; u < n; u++)
    {
      uint32_t b = xadj[u], e = xadj[u + 1];
      qsort (adj + b, e - b, sizeof (uint32_t), cmp_u32);
      xadj[u] = out;
      for (uint32_t i = b; i < e; i++)
        if (i == b || adj[i] != adj[i - 1])
          adj[out++] = adj[i];
    }
  xadj[n] = out;
  g_free (fill);
  *xadj_out = xadj;
  *adj_out = adj;
}

/* Nested-dissection ranks of the internal nodes into @rank_int. */
static gboolean
nd_order (guint n, const uint32_t *xadj, const uint32_t *adj, uint32_t *rank_int,
          GError **error)
{
  if (xadj[n] == 0)
    {
      for (guint v = 0; v < n; v++)
        rank_int[v] = v;
      return TRUE;
    }
  idx_t nv = (idx_t) n;
  idx_t *perm = g_new (idx_t, n), *iperm = g_new (idx_t, n);
  idx_t options[METIS_NOPTIONS];
  METIS_SetDefaultOptions (options);
  options[METIS_OPTION_NUMBERING] = 0;
  options[METIS_OPTION_SEED] = 1;   /* the same order on every run */
  G_STATIC_ASSERT (sizeof (idx_t) == sizeof (uint32_t));
  int rc = METIS_NodeND (&nv, (idx_t *) xadj, (idx_t *) adj, NULL, options, perm, iperm);
  if (rc != METIS_OK)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_FAILED,
                   "CCH order: METIS_NodeND failed (code %d%s)", rc,
                   rc == METIS_ERROR_MEMORY ? ", out of memory" : "");
      g_free (perm);
      g_free (iperm);
      return FALSE;
    }
  /* iperm[v] is v's position in the elimination order: its rank */
  for (guint v = 0; v < n; v++)
    rank_int[v] = (uint32_t) iperm[v];
  g_free (perm);
  g_free (iperm);
  return TRUE;
}

/* The entry of the pair @x < @h at @x, searched from @lo on. */
static inline uint32_t
find_entry (const TnetCCH *c, uint32_t x, uint32_t h, uint32_t lo)
{
  uint32_t hi = c->first[x + 1];
  while (lo < hi)
    {
      uint32_t mid = lo + (hi - lo) / 2;
      if (c->head[mid] < h)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

TnetCCH *
tnet_cch_new (const TnetGraph *graph, GError **error)
{
  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  const TnetICsr *g = tnet_i_graph_csr (graph);
  const guint n = g->n_nodes;
  if (n >= (1u << 31))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_TOO_LARGE,
                   "CCH: %u nodes; at most 2^31-1 are supported", n);
      return NULL;
    }
  uint32_t *xadj, *adj;
  undirected (g, &xadj, &adj);
  uint32_t *rank_int = g_new (uint32_t, MAX (n, 1u));
  if (!nd_order (n, xadj, adj, rank_int, error))
    {
      g_free (xadj);
      g_free (adj);
      g_free (rank_int);
      return NULL;
    }

  /* upward sets by rank, then the symbolic elimination */
  Vec *up = g_new0 (Vec, MAX (n, 1u));
  for (guint u = 0; u < n; u++)
    for (uint32_t i = xadj[u]; i < xadj[u + 1]; i++)
      {
        uint32_t ru = rank_int[u], rv = rank_int[adj[i]];
        if (ru < rv)
          vec_push (&up[ru], rv);
      }
  g_free (xadj);
  g_free (adj);
  guint64 total = 0, n_tri = 0;
  for (guint x = 0; x < n; x++)
    {
      Vec *s = &up[x];
      vec_sort_unique (s);
      total += s->len;
      n_tri += (guint64) s->len * (s->len - (s->len > 0)) / 2;
      if (s->len > 1)
        {
          Vec *p = &up[s->a[0]];
          for (uint32_t i = 1; i < s->len; i++)
            vec_push (p, s->a[i]);
        }
    }
  if (total >= (1u << 31) || n_tri >= G_MAXSIZE / sizeof (uint32_t) / 2)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_TOO_LARGE,
                   "CCH: the order gives %" G_GUINT64_FORMAT " arcs and %" G_GUINT64_FORMAT
                   " triangles; at most 2^31-1 arcs are supported", total, n_tri);
      for (guint x = 0; x < n; x++)
        g_free (up[x].a);
      g_free (up);
      g_free (rank_int);
      return NULL;
    }

  TnetCCH *c = g_new0 (TnetCCH, 1);
  c->ref_count = 1;
  c->graph = tnet_graph_ref (graph);
  c->n_nodes = n;
  c->n_entries = (guint) total;
  c->rank = g_new (uint32_t, MAX (n, 1u));
  for (guint v = 0; v < n; v++)
    c->rank[g->to_external[v]] = rank_int[v];
  c->first = g_new (uint32_t, n + 1);
  c->head = g_new (uint32_t, MAX (total, 1u));
  uint32_t k = 0;
  for (guint x = 0; x < n; x++)
    {
      c->first[x] = k;
      if (up[x].len > 0)
        memcpy (c->head + k, up[x].a, up[x].len * sizeof (uint32_t));
      k += up[x].len;
      g_free (up[x].a);
    }
  c->first[n] = k;
  g_free (up);

  /* lower triangles: for z, its upward pairs (x_i, x_j), i < j */
  c->n_triangles = n_tri;
  c->tri = g_new (uint32_t, MAX (n_tri, 1u));
  gsize t = 0;
  for (guint z = 0; z < n; z++)
    for (uint32_t i = c->first[z]; i < c->first[z + 1]; i++)
      {
        uint32_t x = c->head[i], lo = c->first[x];
        for (uint32_t j = i + 1; j < c->first[z + 1]; j++)
          {
            lo = find_entry (c, x, c->head[j], lo);
            g_assert (lo < c->first[x + 1] && c->head[lo] == c->head[j]);
            c->tri[t++] = lo++;
          }
      }
  g_assert (t == n_tri);

  /* input arcs onto entries */
  c->slot = g_new (uint32_t, MAX (g->n_arcs, 1u));
  for (guint u = 0; u < n; u++)
    for (uint32_t a = g->first_out[u]; a < g->first_out[u + 1]; a++)
      {
        uint32_t ru = rank_int[u], rv = rank_int[g->head[a]];
        if (ru == rv)
          {
            c->slot[a] = SLOT_NONE;
            continue;
          }
        uint32_t x = MIN (ru, rv), h = MAX (ru, rv);
        uint32_t e = find_entry (c, x, h, c->first[x]);
        g_assert (e < c->first[x + 1] && c->head[e] == h);
        c->slot[a] = (e << 1) | (ru > rv);
      }
  g_free (rank_int);
  if (g->twin != NULL)
    {
      c->arrive = g_new (uint32_t, n);
      for (guint v = 0; v < n; v++)
        c->arrive[v] = v < g->n_base ? g->twin[v] : v;
    }
  return c;
}

TnetCCH *
tnet_cch_ref (TnetCCH *cch)
{
  g_return_val_if_fail (cch != NULL, NULL);
  g_atomic_int_inc (&cch->ref_count);
  return cch;
}

void
tnet_cch_unref (TnetCCH *cch)
{
  if (cch == NULL || !g_atomic_int_dec_and_test (&cch->ref_count))
    return;
  tnet_graph_unref (cch->graph);
  g_free (cch->rank);
  g_free (cch->first);
  g_free (cch->head);
  g_free (cch->tri);
  g_free (cch->slot);
  g_free (cch->arrive);
  g_free (cch);
}

guint64
tnet_cch_n_arcs (const TnetCCH *cch)
{
  g_return_val_if_fail (cch != NULL, 0);
  return 2 * (guint64) cch->n_entries;
}

guint64
tnet_cch_n_triangles (const TnetCCH *cch)
{
  g_return_val_if_fail (cch != NULL, 0);
  return cch->n_triangles;
}

gsize
tnet_cch_memory_bytes (const TnetCCH *cch)
{
  g_return_val_if_fail (cch != NULL, 0);
  const TnetICsr *g = tnet_i_graph_csr (cch->graph);
  return sizeof *cch + (gsize) cch->n_nodes * sizeof (uint32_t) * (cch->arrive ? 3 : 2)
         + sizeof (uint32_t)
         + ((gsize) cch->n_entries + cch->n_triangles + g->n_arcs) * sizeof (uint32_t);
}

/* Whether @g has @cch's topology (the same object, or equal arrays). */
static gboolean
same_topology (const TnetCCH *cch, const TnetGraph *graph)
{
  if (graph == cch->graph)
    return TRUE;
  const TnetICsr *g = tnet_i_graph_csr (graph), *h = tnet_i_graph_csr (cch->graph);
  return g->n_nodes == h->n_nodes && g->n_arcs == h->n_arcs
         && memcmp (g->first_out, h->first_out, (g->n_nodes + 1) * sizeof (uint32_t)) == 0
         && memcmp (g->head, h->head, g->n_arcs * sizeof (uint32_t)) == 0
         && memcmp (g->to_external, h->to_external, g->n_nodes * sizeof (uint32_t)) == 0
         && (g->twin == NULL) == (h->twin == NULL)
         && (g->twin == NULL
             || memcmp (g->twin, h->twin, g->n_base * sizeof (uint32_t)) == 0);
}

/* The customisation for the weights @w, by internal arc of @cch's graph,
 * each at most INF; an arc at INF is absent (closed), so that every
 * weight up to TNET_WEIGHT_MAX stays an open arc's. */
static TnetCH *
customize (const TnetCCH *cch, const uint32_t *w)
{
  const guint n = cch->n_nodes, m = cch->n_entries;
  TnetCHEntry *up = g_new (TnetCHEntry, MAX (m, 1u));
  TnetCHMid *mid = g_new (TnetCHMid, MAX (m, 1u));
  for (guint e = 0; e < m; e++)
    {
      up[e] = (TnetCHEntry) { cch->head[e], TNET_WEIGHT_INF, TNET_WEIGHT_INF };
      mid[e] = (TnetCHMid) { TNET_CH_NO_MID, TNET_CH_NO_MID };
    }
  /* the input arcs; parallel ones keep the lightest */
  for (guint a = 0, na = tnet_graph_n_arcs (cch->graph); a < na; a++)
    {
      uint32_t s = cch->slot[a];
      if (s == SLOT_NONE)
        continue;
      TnetCHEntry *e = &up[s >> 1];
      if (s & 1)
        e->wb = MIN (e->wb, w[a]);
      else
        e->wf = MIN (e->wf, w[a]);
    }
  /* lower triangles, bottoms in rank order */
  const uint32_t *tri = cch->tri;
  for (guint z = 0; z < n; z++)
    {
      const uint32_t b = cch->first[z], end = cch->first[z + 1];
      for (uint32_t i = b; i < end; i++)
        {
          /* x = head of i: x→z is up[i].wb, z→x is up[i].wf */
          const uint32_t xz = up[i].wb, zx = up[i].wf;
          if (xz == TNET_WEIGHT_INF && zx == TNET_WEIGHT_INF)
            {
              tri += end - i - 1;
              continue;
            }
          for (uint32_t j = i + 1; j < end; j++)
            {
              TnetCHEntry *t = &up[*tri++];
              uint32_t f = xz + up[j].wf;   /* x → z → y; at most 2 INF: no wrap */
              uint32_t r = up[j].wb + zx;   /* y → z → x */
              if (f < t->wf)
                {
                  t->wf = f;
                  mid[t - up].mf = z;
                }
              if (r < t->wb)
                {
                  t->wb = r;
                  mid[t - up].mb = z;
                }
            }
        }
    }
  /* drop the pairs with no arc either way (the CH layout has none) */
  uint32_t *first = g_new (uint32_t, n + 1);
  uint32_t k = 0;
  for (guint x = 0; x < n; x++)
    {
      uint32_t b = cch->first[x], end = cch->first[x + 1];
      first[x] = k;
      for (uint32_t e = b; e < end; e++)
        if (up[e].wf != TNET_WEIGHT_INF || up[e].wb != TNET_WEIGHT_INF)
          {
            up[k] = up[e];
            mid[k++] = mid[e];
          }
    }
  first[n] = k;
  if (k < m / 2)
    {
      up = g_renew (TnetCHEntry, up, MAX (k, 1u));
      mid = g_renew (TnetCHMid, mid, MAX (k, 1u));
    }
  uint32_t *rank = g_memdup2 (cch->rank, (gsize) MAX (n, 1u) * sizeof (uint32_t));
  uint32_t *arrive = cch->arrive ? g_memdup2 (cch->arrive, (gsize) n * sizeof (uint32_t))
                                 : NULL;
  return tnet_i_ch_new_take (n, k, rank, first, up, mid, arrive);
}

static gboolean
check_graph (const TnetCCH *cch, const TnetMetric *metric, GError **error)
{
  const TnetGraph *g = tnet_metric_get_graph (metric);
  if (same_topology (cch, g))
    return TRUE;
  g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
               "CCH customisation: the metric's graph (%u nodes, %u arcs) is not the "
               "graph the CCH was built for (%u nodes, %u arcs)",
               tnet_graph_n_nodes (g), tnet_graph_n_arcs (g), cch->n_nodes,
               tnet_graph_n_arcs (cch->graph));
  return FALSE;
}

TnetCH *
tnet_cch_customize (const TnetCCH *cch, const TnetMetric *metric, GError **error)
{
  g_return_val_if_fail (cch != NULL && metric != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (!check_graph (cch, metric, error))
    return NULL;
  return customize (cch, tnet_i_metric_weights (metric)->weight);
}

TnetCH *
tnet_cch_customize_closed (const TnetCCH *cch, const TnetMetric *metric,
                           const guint8 *closed, GError **error)
{
  g_return_val_if_fail (cch != NULL && metric != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  if (!check_graph (cch, metric, error))
    return NULL;
  const TnetIWeights *mw = tnet_i_metric_weights (metric);
  if (closed == NULL)
    return customize (cch, mw->weight);
  const TnetICsr *g = mw->csr;
  g_autofree uint32_t *w = g_new (uint32_t, MAX (g->n_arcs, 1u));
  for (guint a = 0; a < g->n_arcs; a++)
    w[a] = closed[g->arc_ext[a]] ? TNET_WEIGHT_INF : mw->weight[a];
  return customize (cch, w);
}

/* Per external arc of @sub, the external arc of @base with the same ends
 * and link, found by one greedy scan of @base's arcs in order; NULL when
 * some arc of @sub has none in that order. */
static uint32_t *
match_subgraph_arcs (const TnetICsr *sub, const TnetICsr *base)
{
  const guint m = sub->n_arcs, bm = base->n_arcs;
  uint32_t *map = g_new (uint32_t, MAX (m, 1u));
  guint b = 0;
  for (guint a = 0; a < m; a++, b++)
    {
      const uint32_t ai = sub->arc_int[a];
      const uint32_t tail = sub->to_external[sub->arc_tail[ai]];
      const uint32_t head = sub->to_external[sub->head[ai]];
      for (; b < bm; b++)
        {
          const uint32_t bi = base->arc_int[b];
          if (base->arc_link[b] == sub->arc_link[a]
              && base->to_external[base->arc_tail[bi]] == tail
              && base->to_external[base->head[bi]] == head)
            break;
        }
      if (b == bm)
        {
          g_free (map);
          return NULL;
        }
      map[a] = b;
    }
  return map;
}

TnetCH *
tnet_cch_customize_subgraph (const TnetCCH *cch, const TnetMetric *metric, GError **error)
{
  g_return_val_if_fail (cch != NULL && metric != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  const TnetIWeights *mw = tnet_i_metric_weights (metric);
  if (mw->graph == cch->graph)
    return customize (cch, mw->weight);
  const TnetICsr *sub = mw->csr, *base = tnet_i_graph_csr (cch->graph);
  g_autofree uint32_t *map = NULL;
  gboolean same_nodes = sub->n_nodes == base->n_nodes && sub->n_arcs <= base->n_arcs
                        && (sub->twin == NULL) == (base->twin == NULL)
                        && (sub->twin == NULL
                            || (sub->n_base == base->n_base
                                && memcmp (sub->twin, base->twin,
                                           sub->n_base * sizeof (uint32_t)) == 0));
  if (!same_nodes || (map = match_subgraph_arcs (sub, base)) == NULL)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "CCH customisation: the metric's graph (%u nodes, %u arcs) is not the "
                   "CCH's graph (%u nodes, %u arcs) with arcs left out",
                   sub->n_nodes, sub->n_arcs, base->n_nodes, base->n_arcs);
      return NULL;
    }
  g_autofree uint32_t *w = g_new (uint32_t, MAX (base->n_arcs, 1u));
  for (guint b = 0; b < base->n_arcs; b++)
    w[b] = TNET_WEIGHT_INF;
  for (guint a = 0; a < sub->n_arcs; a++)
    w[base->arc_int[map[a]]] = mw->weight[sub->arc_int[a]];
  return customize (cch, w);
}
