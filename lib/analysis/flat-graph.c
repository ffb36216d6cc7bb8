/* flat-graph.c: plain CSR copies of graphs for the corridor analyses. */
#include "tnet-internal.h"
#include "flat-graph.h"

static void
build_csr (guint n, guint m, const guint32 *key, guint32 *first, guint32 *list)
{
  memset (first, 0, (n + 1) * sizeof *first);
  for (guint a = 0; a < m; a++)
    first[key[a] + 1]++;
  for (guint v = 0; v < n; v++)
    first[v + 1] += first[v];
  guint32 *fill = g_new (guint32, n);
  memcpy (fill, first, n * sizeof *fill);
  for (guint a = 0; a < m; a++)
    list[fill[key[a]]++] = a;
  g_free (fill);
}

void
tnet_i_flat_graph_init (TnetIFlatGraph *fg, const TnetGraph *graph,
                        const TnetMetric *metric)
{
  guint n = tnet_graph_n_nodes (graph), m = tnet_graph_n_arcs (graph);
  fg->n_nodes = n;
  fg->n_arcs = m;
  fg->tail = g_new (guint32, m);
  fg->head = g_new (guint32, m);
  fg->weight = g_new (TnetWeight, m);
  fg->report_node = g_new (guint32, n > 0 ? n : 1);
  for (guint v = 0; v < n; v++)
    fg->report_node[v] = tnet_graph_terminal_of (graph, v);
  for (guint a = 0; a < m; a++)
    {
      fg->tail[a] = tnet_graph_arc_tail (graph, a);
      fg->head[a] = tnet_graph_arc_head (graph, a);
      fg->weight[a] = metric ? tnet_metric_weight (metric, a) : 1;
    }
  fg->first_out = g_new (guint32, n + 1);
  fg->out_arc = g_new (guint32, m);
  fg->first_in = g_new (guint32, n + 1);
  fg->in_arc = g_new (guint32, m);
  build_csr (n, m, fg->tail, fg->first_out, fg->out_arc);
  build_csr (n, m, fg->head, fg->first_in, fg->in_arc);
}

void
tnet_i_flat_graph_clear (TnetIFlatGraph *fg)
{
  g_free (fg->first_out);
  g_free (fg->out_arc);
  g_free (fg->first_in);
  g_free (fg->in_arc);
  g_free (fg->tail);
  g_free (fg->head);
  g_free (fg->weight);
  g_free (fg->report_node);
  memset (fg, 0, sizeof *fg);
}

guint32 *
tnet_i_flat_graph_twins (const TnetIFlatGraph *fg, const TnetGraph *graph)
{
  guint32 *twin = g_new (guint32, fg->n_arcs);
  for (guint a = 0; a < fg->n_arcs; a++)
    twin[a] = TNET_ID_NONE;
  for (guint a = 0; a < fg->n_arcs; a++)
    {
      TnetId link = tnet_graph_arc_link (graph, a);
      if (link == TNET_ID_NONE || twin[a] != TNET_ID_NONE)
        continue;
      guint32 u = fg->tail[a], v = fg->head[a];
      /* the opposite arc leaves v towards u with the same link */
      for (guint32 k = fg->first_out[v]; k < fg->first_out[v + 1]; k++)
        {
          guint32 b = fg->out_arc[k];
          if (b != a && fg->head[b] == u && twin[b] == TNET_ID_NONE
              && tnet_graph_arc_link (graph, b) == link)
            {
              twin[a] = b;
              twin[b] = a;
              break;
            }
        }
    }
  return twin;
}

void
tnet_i_path_fill (TnetPath *path, const TnetIFlatGraph *fg,
                  const guint32 *arcs, guint n_arcs)
{
  path->n_arcs = n_arcs;
  path->arcs = g_new (TnetId, n_arcs > 0 ? n_arcs : 1);
  path->nodes = g_new (TnetId, n_arcs + 1);
  path->time_ms = 0;
  for (guint i = 0; i < n_arcs; i++)
    {
      path->arcs[i] = arcs[i];
      path->nodes[i] = fg->report_node[fg->tail[arcs[i]]];
      path->time_ms += fg->weight[arcs[i]];
    }
  path->nodes[n_arcs] = n_arcs > 0 ? fg->report_node[fg->head[arcs[n_arcs - 1]]]
                                    : TNET_ID_NONE;
}

void
tnet_i_flow_decompose (const TnetIFlatGraph *fg, const guint8 *side,
                       int *flow, TnetPathSet *set)
{
  guint n = fg->n_nodes;
  gint64 *excess = g_new0 (gint64, n);
  for (guint a = 0; a < fg->n_arcs; a++)
    if (flow[a] > 0)
      {
        excess[fg->tail[a]] += flow[a];
        excess[fg->head[a]] -= flow[a];
      }
  guint64 value = 0;
  for (guint v = 0; v < n; v++)
    if (excess[v] > 0)
      value += (guint64) excess[v];
  set->n_paths = 0;
  set->paths = g_new0 (TnetPath, value > 0 ? value : 1);

  guint32 *next = g_memdup2 (fg->first_out, (n + 1) * sizeof (guint32));
  gint32 *pos = g_new (gint32, n);
  for (guint v = 0; v < n; v++)
    pos[v] = -1;
  GArray *wn = g_array_new (FALSE, FALSE, sizeof (guint32));
  GArray *we = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint src = 0; src < n; src++)
    while (excess[src] > 0)
      {
        excess[src]--;
        g_array_set_size (wn, 0);
        g_array_set_size (we, 0);
        guint32 u = src;
        pos[u] = 0;
        g_array_append_val (wn, u);
        while (excess[u] >= 0 || wn->len == 1)
          {
            guint32 e = G_MAXUINT32;
            while (next[u] < fg->first_out[u + 1])
              {
                guint32 cand = fg->out_arc[next[u]];
                if (flow[cand] > 0)
                  {
                    e = cand;
                    break;
                  }
                next[u]++;
              }
            if (e == G_MAXUINT32)
              break;  /* cannot happen with a conserved flow */
            flow[e]--;
            guint32 v = fg->head[e];
            if (pos[v] >= 0)
              {
                guint keep = (guint) pos[v];
                for (guint i = keep + 1; i < wn->len; i++)
                  pos[g_array_index (wn, guint32, i)] = -1;
                g_array_set_size (wn, keep + 1);
                g_array_set_size (we, keep);
                u = v;
                continue;
              }
            g_array_append_val (we, e);
            pos[v] = (gint32) wn->len;
            g_array_append_val (wn, v);
            u = v;
          }
        if (excess[u] < 0)
          excess[u]++;
        for (guint i = 0; i < wn->len; i++)
          pos[g_array_index (wn, guint32, i)] = -1;
        const guint32 *ap = (const guint32 *) we->data;
        guint start = 0, end = we->len;
        for (guint i = 0; i < we->len; i++)
          if (side[fg->tail[ap[i]]] == 1)
            start = i;
        for (guint i = start; i < we->len; i++)
          if (side[fg->head[ap[i]]] == 2)
            {
              end = i + 1;
              break;
            }
        if (end > start)
          tnet_i_path_fill (&set->paths[set->n_paths++], fg, ap + start, end - start);
      }
  g_array_free (wn, TRUE);
  g_array_free (we, TRUE);
  g_free (pos);
  g_free (next);
  g_free (excess);
}
