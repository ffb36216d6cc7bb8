/* lexsearch.c: Dijkstra over lexicographically compared cost vectors.
 *
 * Implementation notes. The graph is small and given as edge arrays, so the
 * search first builds an undirected CSR (each edge listed at both ends, a
 * loop once, in edge order: the tie rule of the header depends on it). The
 * labels are n × n_parts doubles. The priority queue is GLib's balanced
 * tree ordered by (label vector, node index): each node is in it at most
 * once, and a node whose label falls is taken out before the label changes
 * and put back after, so the order the tree relies on never shifts under it.
 * Labels are lowered only on a strict improvement, so equal-cost paths keep
 * the first edge met. Summation runs from the source on, so a path's label
 * equals the sum a caller forms walking the returned path. */
#include "tnet-internal.h"
#include "lexsearch-internal.h"

typedef struct {
  guint k;            /* parts per label */
  const double *dist; /* n × k labels; meaningful where reached */
} Order;

static int
cmp_parts (const double *x, const double *y, guint k)
{
  for (guint i = 0; i < k; i++)
    if (x[i] != y[i])
      return x[i] < y[i] ? -1 : 1;
  return 0;
}

/* (label, index) order of two queued nodes; a key is the node index + 1 */
static int
queue_cmp (gconstpointer a, gconstpointer b, gpointer data)
{
  const Order *o = data;
  guint u = GPOINTER_TO_UINT (a) - 1, v = GPOINTER_TO_UINT (b) - 1;
  int c = cmp_parts (o->dist + (gsize) u * o->k, o->dist + (gsize) v * o->k, o->k);
  return c != 0 ? c : (u > v) - (u < v);
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
  g_autofree double *cand = g_new (double, k);
  Order order = { k, dist };
  g_autoptr (GTree) queue = g_tree_new_with_data (queue_cmp, &order);
  for (guint i = 0; i < g->n_targets; i++)
    target[g->targets[i]] = 1;
  for (guint i = 0; i < g->n_sources; i++)
    {
      guint s = g->sources[i];
      if (state[s])
        continue;
      state[s] = 1;
      via[s] = G_MAXUINT;
      g_tree_insert (queue, GUINT_TO_POINTER (s + 1), NULL);
    }
  while (g_tree_nnodes (queue) > 0)
    {
      gpointer first_key = g_tree_node_key (g_tree_node_first (queue));
      g_tree_remove (queue, first_key);
      guint u = GPOINTER_TO_UINT (first_key) - 1;
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
              if (state[w] == 1)
                g_tree_remove (queue, GUINT_TO_POINTER (w + 1));
              memcpy (dw, cand, k * sizeof (double));
              state[w] = 1;
              via[w] = e;
              g_tree_insert (queue, GUINT_TO_POINTER (w + 1), NULL);
            }
        }
    }
  return G_MAXUINT;
}
