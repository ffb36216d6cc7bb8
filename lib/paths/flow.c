/* flow.c: path records, opposite arcs and the decomposition of integer
 * flows into paths, over the renumbered graph.
 *
 * Implementation notes: the decomposition walks the forward CSR (internal
 * ids) with one cursor per node that only moves forward, so every arc is
 * skipped at most once over all walks once it carries no more flow; a walk
 * that meets its own trail cuts the cycle off (the cycle's flow is dropped,
 * which a conserved flow allows). Flow is given and consumed per external
 * arc, the caller's numbering.
 */
#include "graph-internal.h"

TnetPath *
tnet_path_new_from_arcs (const TnetGraph *graph, const TnetMetric *metric,
                         const TnetId *arcs, guint n_arcs, TnetId first_node)
{
  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (n_arcs == 0 || arcs != NULL, NULL);
  g_return_val_if_fail (metric == NULL || tnet_metric_get_graph (metric) == graph, NULL);
  const TnetICsr *g = tnet_i_graph_csr (graph);
  const uint32_t *weight = metric ? tnet_i_metric_weights (metric)->weight : NULL;
  g_return_val_if_fail (n_arcs > 0 || first_node < g->n_nodes, NULL);
  TnetPath *path = g_new0 (TnetPath, 1);
  path->n_arcs = n_arcs;
  path->arcs = g_new (TnetId, MAX (n_arcs, 1u));
  path->nodes = g_new (TnetId, n_arcs + 1);
  for (guint i = 0; i < n_arcs; i++)
    {
      g_return_val_if_fail (arcs[i] < g->n_arcs, path);
      uint32_t a = g->arc_int[arcs[i]];
      path->arcs[i] = arcs[i];
      path->nodes[i] = tnet_i_csr_untwin (g, g->to_external[g->arc_tail[a]]);
      if (weight)
        path->time_ms += weight[a];
    }
  if (n_arcs > 0)
    {
      uint32_t last = g->arc_int[arcs[n_arcs - 1]];
      path->nodes[n_arcs] = tnet_i_csr_untwin (g, g->to_external[g->head[last]]);
    }
  else
    path->nodes[0] = tnet_i_csr_untwin (g, first_node);
  return path;
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

void
tnet_path_set_free (TnetPathSet *set)
{
  if (set == NULL)
    return;
  for (guint i = 0; i < set->n_paths; i++)
    {
      g_free (set->paths[i].arcs);
      g_free (set->paths[i].nodes);
    }
  g_free (set->paths);
  g_free (set);
}

TnetId *
tnet_graph_opposite_arcs (const TnetGraph *graph)
{
  g_return_val_if_fail (graph != NULL, NULL);
  const TnetICsr *g = tnet_i_graph_csr (graph);
  TnetId *opp = g_new (TnetId, MAX (g->n_arcs, 1u));
  for (guint e = 0; e < g->n_arcs; e++)
    opp[e] = TNET_ID_NONE;
  for (guint e = 0; e < g->n_arcs; e++)
    {
      TnetId link = g->arc_link[e];
      if (link == TNET_ID_NONE || opp[e] != TNET_ID_NONE)
        continue;
      uint32_t a = g->arc_int[e], u = g->arc_tail[a], v = g->head[a];
      /* the opposite arc leaves v towards u with the same link */
      for (uint32_t b = g->first_out[v]; b < g->first_out[v + 1]; b++)
        {
          TnetId f = g->arc_ext[b];
          if (f != e && g->head[b] == u && opp[f] == TNET_ID_NONE && g->arc_link[f] == link)
            {
              opp[e] = f;
              opp[f] = e;
              break;
            }
        }
    }
  return opp;
}

TnetPathSet *
tnet_flow_decompose (const TnetGraph *graph, const TnetMetric *metric, int *arc_flow,
                     const TnetId *from, guint n_from, const TnetId *to, guint n_to)
{
  g_return_val_if_fail (graph != NULL && arc_flow != NULL, NULL);
  g_return_val_if_fail (metric == NULL || tnet_metric_get_graph (metric) == graph, NULL);
  g_return_val_if_fail (n_from == 0 || from != NULL, NULL);
  g_return_val_if_fail (n_to == 0 || to != NULL, NULL);
  const TnetICsr *g = tnet_i_graph_csr (graph);
  guint n = g->n_nodes;
  g_autofree guint8 *side = g_new0 (guint8, MAX (n, 1u));  /* by internal node */
  for (guint i = 0; i < n_from; i++)
    {
      g_return_val_if_fail (from[i] < n, NULL);
      side[g->to_internal[from[i]]] |= 1;
    }
  for (guint i = 0; i < n_to; i++)
    {
      g_return_val_if_fail (to[i] < n, NULL);
      side[g->to_internal[to[i]]] |= 2;
    }
  g_autofree gint64 *excess = g_new0 (gint64, MAX (n, 1u));
  for (uint32_t a = 0; a < g->n_arcs; a++)
    {
      int f = arc_flow[g->arc_ext[a]];
      if (f > 0)
        {
          excess[g->arc_tail[a]] += f;
          excess[g->head[a]] -= f;
        }
    }
  guint64 value = 0;
  for (guint v = 0; v < n; v++)
    if (excess[v] > 0)
      value += (guint64) excess[v];
  TnetPathSet *set = g_new0 (TnetPathSet, 1);
  set->paths = g_new0 (TnetPath, value > 0 ? value : 1);

  g_autofree uint32_t *next = g_memdup2 (g->first_out, (n + 1) * sizeof (uint32_t));
  g_autofree gint32 *pos = g_new (gint32, MAX (n, 1u));
  for (guint v = 0; v < n; v++)
    pos[v] = -1;
  g_autoptr (GArray) wn = g_array_new (FALSE, FALSE, sizeof (uint32_t));
  g_autoptr (GArray) we = g_array_new (FALSE, FALSE, sizeof (uint32_t));
  g_autoptr (GArray) ext = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (uint32_t src = 0; src < n; src++)
    while (excess[src] > 0)
      {
        excess[src]--;
        g_array_set_size (wn, 0);
        g_array_set_size (we, 0);
        uint32_t u = src;
        pos[u] = 0;
        g_array_append_val (wn, u);
        while (excess[u] >= 0 || wn->len == 1)
          {
            uint32_t e = G_MAXUINT32;
            while (next[u] < g->first_out[u + 1])
              {
                if (arc_flow[g->arc_ext[next[u]]] > 0)
                  {
                    e = next[u];
                    break;
                  }
                next[u]++;
              }
            if (e == G_MAXUINT32)
              break;  /* cannot happen with a conserved flow */
            arc_flow[g->arc_ext[e]]--;
            uint32_t v = g->head[e];
            if (pos[v] >= 0)
              {
                /* a cycle: cut it off and go on from v */
                guint keep = (guint) pos[v];
                for (guint i = keep + 1; i < wn->len; i++)
                  pos[g_array_index (wn, uint32_t, i)] = -1;
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
          pos[g_array_index (wn, uint32_t, i)] = -1;
        const uint32_t *ap = (const uint32_t *) we->data;
        guint start = 0, end = we->len;
        for (guint i = 0; i < we->len; i++)
          if (side[g->arc_tail[ap[i]]] & 1)
            start = i;
        for (guint i = start; i < we->len; i++)
          if (side[g->head[ap[i]]] & 2)
            {
              end = i + 1;
              break;
            }
        if (end <= start)
          continue;
        g_array_set_size (ext, 0);
        for (guint i = start; i < end; i++)
          g_array_append_val (ext, g->arc_ext[ap[i]]);
        TnetPath *p = tnet_path_new_from_arcs (graph, metric, (const TnetId *) ext->data, ext->len,
                                               TNET_ID_NONE);
        set->paths[set->n_paths++] = *p;
        g_free (p);
      }
  for (uint32_t a = 0; a < g->n_arcs; a++)
    arc_flow[g->arc_ext[a]] = 0;
  return set;
}
