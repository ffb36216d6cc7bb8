/* disjoint.c: maximum sets of link- or node-disjoint paths between two node
 * sets, through igraph's max-flow behind the bridge.
 *
 * Implementation notes: the flow network has the graph's arcs first (flow
 * network edge k = arc k, so the flow vector reads directly per arc), then,
 * for node-disjointness, one unit "split" edge per node outside A ∪ B (its
 * in-copy keeps the node's id, its out-copy is n + rank), then the edges
 * from the super-source S to A and from B to the super-sink T with capacity
 * m + 1 (never binding). Flow on both arcs of a two-way link is cancelled
 * (Menger for undirected links: the cancelled flow has the same value and
 * uses each link at most once). The paths are read off by walking from the
 * sources
 * along arcs that still carry flow (tnet_flow_decompose), cutting out any
 * cycle met on the way, trimmed to run from their last node in A to their
 * first in B.
 */
#include "tnet-internal.h"
#include <tnet/tnet-igraph.h>

typedef struct {
  guint n;            /* flow-network nodes */
  guint m;            /* flow-network edges */
  GArray *from;       /* guint32 per edge */
  GArray *to;
  GArray *cap;        /* double per edge */
} FlowNet;

static void
flow_add (FlowNet *fn, guint32 u, guint32 v, double c)
{
  g_array_append_val (fn->from, u);
  g_array_append_val (fn->to, v);
  g_array_append_val (fn->cap, c);
  fn->m++;
}

TnetPathSet *
tnet_graph_disjoint_paths (const TnetGraph *graph, const TnetMetric *metric,
                           const TnetId *from, guint n_from,
                           const TnetId *to, guint n_to,
                           TnetDisjointKind kind, GError **error)
{
  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (from != NULL && n_from > 0, NULL);
  g_return_val_if_fail (to != NULL && n_to > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail (metric == NULL || tnet_metric_get_graph (metric) == graph, NULL);

  guint n = tnet_graph_n_nodes (graph), m = tnet_graph_n_arcs (graph);
  guint8 *side = g_new0 (guint8, n);   /* 1: in A, 2: in B */
  g_autofree TnetId *to_raw = g_new (TnetId, n_to);
  g_autofree guint32 *tail = g_new (guint32, MAX (m, 1u));
  g_autofree guint32 *head = g_new (guint32, MAX (m, 1u));
  for (guint a = 0; a < m; a++)
    {
      tail[a] = tnet_graph_arc_tail (graph, a);
      head[a] = tnet_graph_arc_head (graph, a);
    }
  for (guint i = 0; i < n_from; i++)
    {
      g_return_val_if_fail (from[i] < n, NULL);
      side[from[i]] = 1;
    }
  for (guint i = 0; i < n_to; i++)
    {
      /* a zone is entered through its arrival twin */
      TnetId t = tnet_graph_arrival_node (graph, to[i]);
      g_return_val_if_fail (t < n && side[t] != 1, NULL);
      side[t] = 2;
      to_raw[i] = t;
    }

  /* out-copy of each node */
  guint32 *out_of = g_new (guint32, n);
  guint n_fn = n;
  for (guint v = 0; v < n; v++)
    out_of[v] = (kind == TNET_DISJOINT_NODES && side[v] == 0) ? n_fn++ : v;
  guint32 s = n_fn++, t = n_fn++;

  FlowNet fn = { n_fn, 0, g_array_new (FALSE, FALSE, sizeof (guint32)),
                 g_array_new (FALSE, FALSE, sizeof (guint32)),
                 g_array_new (FALSE, FALSE, sizeof (double)) };
  for (guint a = 0; a < m; a++)
    flow_add (&fn, out_of[tail[a]], head[a], tail[a] == head[a] ? 0.0 : 1.0);
  for (guint v = 0; v < n; v++)
    if (out_of[v] != v)
      flow_add (&fn, v, out_of[v], 1.0);
  double big = (double) m + 1.0;
  for (guint v = 0; v < n; v++)
    if (side[v] == 1)
      flow_add (&fn, s, v, big);
    else if (side[v] == 2)
      flow_add (&fn, v, t, big);

  /* max-flow behind the bridge */
  igraph_t ig;
  igraph_vector_int_t edges;
  igraph_vector_t cap, flowv;
  igraph_real_t value = 0;
  gboolean ok = TRUE;
  tnet_igraph_lock ();
  ok = tnet_igraph_check (igraph_vector_int_init (&edges, 2 * (igraph_integer_t) fn.m),
                          "disjoint paths: edge list", error);
  if (ok)
    {
      for (guint e = 0; e < fn.m; e++)
        {
          VECTOR (edges)[2 * e] = g_array_index (fn.from, guint32, e);
          VECTOR (edges)[2 * e + 1] = g_array_index (fn.to, guint32, e);
        }
      ok = tnet_igraph_check (igraph_create (&ig, &edges, fn.n, IGRAPH_DIRECTED),
                              "disjoint paths: flow network", error);
      igraph_vector_int_destroy (&edges);
    }
  if (ok)
    {
      ok = tnet_igraph_check (igraph_vector_init (&cap, (igraph_integer_t) fn.m),
                              "disjoint paths: capacities", error);
      if (ok)
        {
          for (guint e = 0; e < fn.m; e++)
            VECTOR (cap)[e] = g_array_index (fn.cap, double, e);
          ok = tnet_igraph_check (igraph_vector_init (&flowv, 0), "disjoint paths: flow", error);
          if (ok)
            {
              ok = tnet_igraph_check (igraph_maxflow (&ig, &value, &flowv, NULL, NULL, NULL,
                                                      s, t, &cap, NULL),
                                      "disjoint paths: max-flow", error);
              if (!ok)
                igraph_vector_destroy (&flowv);
            }
          igraph_vector_destroy (&cap);
        }
      igraph_destroy (&ig);
    }
  int *flow = NULL;
  if (ok)
    {
      flow = g_new (int, fn.m);
      for (guint e = 0; e < fn.m; e++)
        flow[e] = (int) llround (VECTOR (flowv)[e]);
      igraph_vector_destroy (&flowv);
    }
  tnet_igraph_unlock ();

  TnetPathSet *set = NULL;
  if (ok)
    {
      /* cancel flow running both ways on a two-way link (between split
       * nodes such flow can only be a circulation, which the walk cuts) */
      TnetId *twin = tnet_graph_opposite_arcs (graph);
      for (guint a = 0; a < m; a++)
        if (twin[a] != TNET_ID_NONE && twin[a] > a
            && out_of[tail[a]] == tail[a] && out_of[head[a]] == head[a])
          {
            int c = MIN (flow[a], flow[twin[a]]);
            flow[a] -= c;
            flow[twin[a]] -= c;
          }
      g_free (twin);

      set = tnet_flow_decompose (graph, metric, flow, from, n_from, to_raw, n_to);
      g_warn_if_fail (set->n_paths == (guint) llround (value));
    }
  g_free (flow);
  g_array_free (fn.from, TRUE);
  g_array_free (fn.to, TRUE);
  g_array_free (fn.cap, TRUE);
  g_free (out_of);
  g_free (side);
  return set;
}
