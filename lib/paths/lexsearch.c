/* lexsearch.c: Dijkstra over lexicographically compared cost vectors.
 *
 * Implementation notes. The graph is small and given as edge arrays, so the
 * search first builds an undirected CSR (each edge listed at both ends, a
 * loop once, in edge order: the tie rule of the header depends on it). The
 * labels are n × n_parts doubles. The priority queue is an indexed binary
 * min-heap of nodes keyed by (label vector, node index) with decrease-key:
 * each node is in it at most once, and keys only fall while it is there.
 * Labels are lowered only on a strict improvement, so equal-cost paths keep
 * the first edge met. Summation runs from the source on, so a path's label
 * equals the sum a caller forms walking the returned path. */
#include "tnet-internal.h"
#include "lexsearch-internal.h"

typedef struct {
  guint k;            /* parts per label */
  const double *dist; /* n × k labels; meaningful where reached */
  guint *slot;        /* n_heap nodes; slot[0 .. size-1] is a binary min-heap */
  guint *pos;         /* per node: its index in slot, or G_MAXUINT when absent */
  guint size;
} Heap;

static int
cmp_parts (const double *x, const double *y, guint k)
{
  for (guint i = 0; i < k; i++)
    if (x[i] != y[i])
      return x[i] < y[i] ? -1 : 1;
  return 0;
}

/* (label, index) order of nodes @u and @v */
static gboolean
heap_less (const Heap *h, guint u, guint v)
{
  int c = cmp_parts (h->dist + (gsize) u * h->k, h->dist + (gsize) v * h->k, h->k);
  return c != 0 ? c < 0 : u < v;
}

static void
heap_place (Heap *h, guint i, guint v)
{
  h->slot[i] = v;
  h->pos[v] = i;
}

static void
sift_up (Heap *h, guint i)
{
  guint v = h->slot[i];
  while (i > 0 && heap_less (h, v, h->slot[(i - 1) / 2]))
    {
      heap_place (h, i, h->slot[(i - 1) / 2]);
      i = (i - 1) / 2;
    }
  heap_place (h, i, v);
}

static void
sift_down (Heap *h, guint i)
{
  guint v = h->slot[i];
  for (;;)
    {
      guint c = 2 * i + 1;
      if (c >= h->size)
        break;
      if (c + 1 < h->size && heap_less (h, h->slot[c + 1], h->slot[c]))
        c++;
      if (!heap_less (h, h->slot[c], v))
        break;
      heap_place (h, i, h->slot[c]);
      i = c;
    }
  heap_place (h, i, v);
}

/* Inserts @v, or restores the order after its label fell. */
static void
heap_push_or_lower (Heap *h, guint v)
{
  if (h->pos[v] == G_MAXUINT)
    {
      h->slot[h->size] = v;
      h->pos[v] = h->size++;
    }
  sift_up (h, h->pos[v]);
}

static guint
heap_pop (Heap *h)
{
  guint v = h->slot[0];
  h->pos[v] = G_MAXUINT;
  if (--h->size > 0)
    {
      heap_place (h, 0, h->slot[h->size]);
      sift_down (h, 0);
    }
  return v;
}

/* Undirected CSR of @g into @first (n + 1) and @adj (2m), edge order kept. */
static void
build_adjacency (const TnetILexGraph *g, guint *first, guint *adj)
{
  memset (first, 0, (g->n_nodes + 1) * sizeof (guint));
  for (guint e = 0; e < g->n_edges; e++)
    {
      first[g->edge_a[e] + 1]++;
      if (g->edge_b[e] != g->edge_a[e])
        first[g->edge_b[e] + 1]++;
    }
  for (guint v = 0; v < g->n_nodes; v++)
    first[v + 1] += first[v];
  g_autofree guint *fill = g_memdup2 (first, g->n_nodes * sizeof (guint));
  for (guint e = 0; e < g->n_edges; e++)
    {
      adj[fill[g->edge_a[e]]++] = e;
      if (g->edge_b[e] != g->edge_a[e])
        adj[fill[g->edge_b[e]]++] = e;
    }
}

guint
tnet_i_lex_search (const TnetILexGraph *g, double *cost, GArray *edges)
{
  g_return_val_if_fail (g != NULL && cost != NULL && edges != NULL, G_MAXUINT);
  g_return_val_if_fail (g->n_parts >= 1, G_MAXUINT);

  guint n = g->n_nodes, k = g->n_parts;
  g_array_set_size (edges, 0);
  if (n == 0)
    return G_MAXUINT;
  g_autofree guint *first = g_new (guint, n + 1);
  g_autofree guint *adj = g_new (guint, MAX (2 * g->n_edges, 1));
  build_adjacency (g, first, adj);
  g_autofree double *dist = g_new0 (double, (gsize) n * k);
  g_autofree guint *via = g_new (guint, n);      /* edge into v, G_MAXUINT at a source */
  g_autofree guint8 *state = g_new0 (guint8, n); /* 0 unreached, 1 labelled, 2 settled */
  g_autofree guint8 *target = g_new0 (guint8, n);
  g_autofree guint *slot = g_new (guint, n);
  g_autofree guint *pos = g_new (guint, n);
  g_autofree double *cand = g_new (double, k);
  Heap h = { k, dist, slot, pos, 0 };
  for (guint v = 0; v < n; v++)
    pos[v] = G_MAXUINT;
  for (guint i = 0; i < g->n_targets; i++)
    target[g->targets[i]] = 1;
  for (guint i = 0; i < g->n_sources; i++)
    {
      guint s = g->sources[i];
      if (state[s])
        continue;
      state[s] = 1;
      via[s] = G_MAXUINT;
      heap_push_or_lower (&h, s);
    }
  while (h.size > 0)
    {
      guint u = heap_pop (&h);
      const double *du = dist + (gsize) u * k;
      state[u] = 2;
      if (target[u])
        {
          memcpy (cost, du, k * sizeof (double));
          for (guint v = u; via[v] != G_MAXUINT;)
            {
              guint e = via[v];
              g_array_prepend_val (edges, e);
              v = g->edge_a[e] == v ? g->edge_b[e] : g->edge_a[e];
            }
          return u;
        }
      for (guint j = first[u]; j < first[u + 1]; j++)
        {
          guint e = adj[j];
          guint w = g->edge_a[e] == u ? g->edge_b[e] : g->edge_a[e];
          if (state[w] == 2)
            continue;
          for (guint p = 0; p < k; p++)
            cand[p] = du[p] + g->edge_cost[(gsize) e * k + p];
          double *dw = dist + (gsize) w * k;
          if (state[w] == 0 || cmp_parts (cand, dw, k) < 0)
            {
              memcpy (dw, cand, k * sizeof (double));
              state[w] = 1;
              via[w] = e;
              heap_push_or_lower (&h, w);
            }
        }
    }
  return G_MAXUINT;
}
