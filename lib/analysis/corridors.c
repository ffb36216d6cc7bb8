/* corridors.c: corridor redundancy at the network level — which nodes the
 * ends stand for, line counts, and the graph-level analyses run on the
 * scenario's compiled graph. */
#include "tnet-internal.h"

void
tnet_node_set_free (TnetNodeSet *set)
{
  if (set == NULL)
    return;
  g_free (set->spec);
  if (set->members)
    g_array_free (set->members, TRUE);
  if (set->zones)
    g_array_free (set->zones, TRUE);
  g_free (set);
}

TnetNodeSet *
tnet_node_set_resolve (const TnetNetwork *net, const char *spec, GError **error)
{
  g_return_val_if_fail (net != NULL && spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  const char *name = spec;
  gboolean want_region = TRUE, want_node = TRUE;
  if (g_str_has_prefix (spec, "region:"))
    {
      name = spec + 7;
      want_node = FALSE;
    }
  else if (g_str_has_prefix (spec, "node:"))
    {
      name = spec + 5;
      want_region = FALSE;
    }
  TnetNodeSet *set = g_new0 (TnetNodeSet, 1);
  set->spec = g_strdup (spec);
  set->members = g_array_new (FALSE, FALSE, sizeof (TnetId));
  set->zones = g_array_new (FALSE, FALSE, sizeof (TnetId));
  guint n = tnet_network_n_nodes (net);
  if (want_region)
    for (TnetId i = 0; i < n; i++)
      {
        const TnetNode *node = tnet_network_node (net, i);
        if (node->region != NULL && strcmp (node->region, name) == 0)
          {
            g_array_append_val (set->members, i);
            if (node->kind == TNET_NODE_ZONE)
              g_array_append_val (set->zones, i);
          }
      }
  if (set->members->len > 0)
    set->is_region = TRUE;
  else if (want_node)
    {
      TnetId i = tnet_network_find_node (net, name);
      if (i != TNET_ID_NONE)
        g_array_append_val (set->members, i);
    }
  if (set->members->len == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                   "“%s” names no region and no node (expected a region id "
                   "of regions.csv, or a node id)", spec);
      tnet_node_set_free (set);
      return NULL;
    }
  if (set->zones->len == 0)
    g_array_append_vals (set->zones, set->members->data, set->members->len);
  return set;
}

gboolean
tnet_corridor_modes_from_string (const char *s, guint *mode_mask)
{
  g_return_val_if_fail (s != NULL && mode_mask != NULL, FALSE);
  if (strcmp (s, "rail") == 0)
    *mode_mask = TNET_MODES_RAIL;
  else if (strcmp (s, "road") == 0)
    *mode_mask = TNET_MODES_ROAD;
  else if (strcmp (s, "all") == 0)
    *mode_mask = TNET_MODES_RAIL | TNET_MODES_ROAD;
  else
    return FALSE;
  return TRUE;
}

/* g_ptr_array_sort passes pointers to the elements */
static int
cmp_str_ptr (gconstpointer pa, gconstpointer pb)
{
  return strcmp (*(const char *const *) pa, *(const char *const *) pb);
}

static guint32
uf_find (guint32 *parent, guint32 x)
{
  while (parent[x] != x)
    {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
  return x;
}

guint
tnet_corridor_count_lines (const TnetNetwork *net, const TnetScenario *scen,
                           guint mode_mask, const TnetNodeSet *a,
                           const TnetNodeSet *b, GPtrArray **lines_out)
{
  g_return_val_if_fail (net != NULL && scen != NULL && a != NULL && b != NULL, 0);
  if (a->is_region && b->is_region)
    {
      /* the report's own count, so both always agree */
      const char *ra = g_str_has_prefix (a->spec, "region:") ? a->spec + 7 : a->spec;
      const char *rb = g_str_has_prefix (b->spec, "region:") ? b->spec + 7 : b->spec;
      GPtrArray *names = g_ptr_array_new ();
      guint count = tnet_corridor_line_count (net, scen, ra, rb, mode_mask, names);
      if (lines_out)
        {
          *lines_out = g_ptr_array_new_with_free_func (g_free);
          for (guint i = 0; i < names->len; i++)
            g_ptr_array_add (*lines_out, g_strdup (names->pdata[i]));
        }
      g_ptr_array_unref (names);
      return count;
    }
  guint n = tnet_network_n_nodes (net), nl = tnet_network_n_links (net);
  /* links of each line, in link order */
  GHashTable *by_line = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                               (GDestroyNotify) g_array_unref);
  for (TnetId l = 0; l < nl; l++)
    {
      const TnetLink *link = tnet_network_link (net, l);
      if (link->line == NULL || link->line[0] == '\0'
          || !(mode_mask & TNET_MODE_BIT (link->mode))
          || !tnet_scenario_link_active (scen, net, l))
        continue;
      GArray *arr = g_hash_table_lookup (by_line, link->line);
      if (arr == NULL)
        {
          arr = g_array_new (FALSE, FALSE, sizeof (TnetId));
          g_hash_table_insert (by_line, (gpointer) link->line, arr);
        }
      g_array_append_val (arr, l);
    }
  guint8 *side = g_new0 (guint8, n);
  for (guint i = 0; i < a->members->len; i++)
    side[g_array_index (a->members, TnetId, i)] |= 1;
  for (guint i = 0; i < b->members->len; i++)
    side[g_array_index (b->members, TnetId, i)] |= 2;
  guint32 *parent = g_new (guint32, n);
  guint8 *comp = g_new0 (guint8, n);
  for (guint v = 0; v < n; v++)
    parent[v] = v;
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter it;
  gpointer key, val;
  g_hash_table_iter_init (&it, by_line);
  while (g_hash_table_iter_next (&it, &key, &val))
    {
      GArray *arr = val;
      for (guint i = 0; i < arr->len; i++)
        {
          const TnetLink *link = tnet_network_link (net, g_array_index (arr, TnetId, i));
          guint32 x = uf_find (parent, link->from), y = uf_find (parent, link->to);
          if (x != y)
            parent[x] = y;
        }
      gboolean joins = FALSE;
      for (guint i = 0; i < arr->len; i++)
        {
          const TnetLink *link = tnet_network_link (net, g_array_index (arr, TnetId, i));
          guint32 ends[2] = { link->from, link->to };
          for (int e = 0; e < 2; e++)
            {
              guint32 r = uf_find (parent, ends[e]);
              comp[r] |= side[ends[e]];
              if (comp[r] == 3)
                joins = TRUE;
            }
        }
      if (joins)
        g_ptr_array_add (found, g_strdup (key));
      /* reset what this line touched */
      for (guint i = 0; i < arr->len; i++)
        {
          const TnetLink *link = tnet_network_link (net, g_array_index (arr, TnetId, i));
          parent[link->from] = link->from;
          parent[link->to] = link->to;
          comp[link->from] = 0;
          comp[link->to] = 0;
        }
    }
  g_ptr_array_sort (found, cmp_str_ptr);
  guint count = found->len;
  if (lines_out)
    *lines_out = found;
  else
    g_ptr_array_unref (found);
  g_free (comp);
  g_free (parent);
  g_free (side);
  g_hash_table_unref (by_line);
  return count;
}

void
tnet_corridor_free (TnetCorridor *corr)
{
  if (corr == NULL)
    return;
  if (corr->lines)
    g_ptr_array_unref (corr->lines);
  tnet_path_set_free (corr->link_disjoint);
  tnet_path_set_free (corr->node_disjoint);
  tnet_path_set_free (corr->fastest);
  if (corr->graph)
    tnet_graph_unref (corr->graph);
  if (corr->infra_graph)
    tnet_graph_unref (corr->infra_graph);
  g_free (corr);
}

TnetCorridor *
tnet_corridor_analyse (const TnetNetwork *net, const TnetScenario *scen,
                       guint mode_mask, const TnetNodeSet *a, const TnetNodeSet *b,
                       guint k, TnetWeight budget_ms, double factor, GError **error)
{
  g_return_val_if_fail (net != NULL && scen != NULL && a != NULL && b != NULL, NULL);
  g_return_val_if_fail (k >= 1 && factor >= 1.0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_autoptr (TnetCorridor) corr = g_new0 (TnetCorridor, 1);
  corr->mode_mask = mode_mask;
  corr->budget_ms = budget_ms;
  corr->factor = factor;
  corr->n_lines = tnet_corridor_count_lines (net, scen, mode_mask, a, b, &corr->lines);

  /* the end sets must not overlap; nodes in both are left to A */
  guint n = tnet_network_n_nodes (net);
  g_autofree guint8 *in_a = g_new0 (guint8, n);
  for (guint i = 0; i < a->members->len; i++)
    in_a[g_array_index (a->members, TnetId, i)] = 1;
  g_autoptr (GArray) bm = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) bz = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (guint i = 0; i < b->members->len; i++)
    if (!in_a[g_array_index (b->members, TnetId, i)])
      g_array_append_val (bm, g_array_index (b->members, TnetId, i));
  g_autofree guint8 *in_az = g_new0 (guint8, n);
  for (guint i = 0; i < a->zones->len; i++)
    in_az[g_array_index (a->zones, TnetId, i)] = 1;
  for (guint i = 0; i < b->zones->len; i++)
    if (!in_az[g_array_index (b->zones, TnetId, i)])
      g_array_append_val (bz, g_array_index (b->zones, TnetId, i));

  g_autoptr (TnetMetric) infra_time = NULL;
  corr->infra_graph = tnet_graph_compile_modes (net, scen, mode_mask, &infra_time, NULL, error);
  if (corr->infra_graph == NULL)
    return NULL;
  if (bm->len > 0)
    {
      corr->link_disjoint = tnet_graph_disjoint_paths (corr->infra_graph, infra_time,
                                                       (const TnetId *) a->members->data,
                                                       a->members->len,
                                                       (const TnetId *) bm->data, bm->len,
                                                       TNET_DISJOINT_LINKS, error);
      if (corr->link_disjoint == NULL)
        return NULL;
      corr->node_disjoint = tnet_graph_disjoint_paths (corr->infra_graph, infra_time,
                                                       (const TnetId *) a->members->data,
                                                       a->members->len,
                                                       (const TnetId *) bm->data, bm->len,
                                                       TNET_DISJOINT_NODES, error);
      if (corr->node_disjoint == NULL)
        return NULL;
    }
  else
    {
      corr->link_disjoint = g_new0 (TnetPathSet, 1);
      corr->node_disjoint = g_new0 (TnetPathSet, 1);
    }

  g_autoptr (TnetMetric) time = NULL;
  corr->graph = tnet_graph_compile_modes (net, scen, mode_mask | TNET_MODE_BIT (TNET_MODE_ACCESS),
                                          &time, NULL, error);
  if (corr->graph == NULL)
    return NULL;
  if (bz->len > 0)
    {
      guint m = tnet_graph_n_arcs (corr->graph);
      g_autofree guint8 *free_arc = g_new0 (guint8, m > 0 ? m : 1);
      for (guint arc = 0; arc < m; arc++)
        {
          TnetId l = tnet_graph_arc_link (corr->graph, arc);
          free_arc[arc] = l == TNET_ID_NONE
                          || tnet_network_link (net, l)->mode == TNET_MODE_ACCESS;
        }
      corr->fastest = tnet_graph_least_time_disjoint_paths (corr->graph, time,
                                                            (const TnetId *) a->zones->data,
                                                            a->zones->len,
                                                            (const TnetId *) bz->data, bz->len,
                                                            free_arc, k);
    }
  else
    corr->fastest = g_new0 (TnetPathSet, 1);
  for (guint i = 0; i < corr->fastest->n_paths; i++)
    {
      guint64 t = corr->fastest->paths[i].time_ms;
      if (t <= budget_ms)
        corr->n_within_budget++;
      if ((double) t <= factor * (double) corr->fastest->paths[0].time_ms)
        corr->n_within_factor++;
    }
  return g_steal_pointer (&corr);
}

TnetCriticality *
tnet_corridor_criticality (const TnetNetwork *net, const TnetScenario *scen,
                           guint mode_mask, const TnetNodeSet *a, const TnetNodeSet *b,
                           gboolean by_line, TnetWeight budget_ms, guint n_threads,
                           GError **error)
{
  TnetCriticalityOptions opts;
  tnet_criticality_options_init (&opts);
  opts.n_threads = n_threads;
  return tnet_corridor_criticality_with (net, scen, mode_mask, a, b, by_line, budget_ms, &opts,
                                         error);
}

/* The scan on @graph with elements links (element = the arc's network link,
 * named by link id) or lines (@arc_line per arc, nullable entries; element =
 * index in the sorted names), for the pairs @po × @pd given as graph nodes
 * and the population @pop per graph node. */
static TnetCriticality *
scan_elements (const TnetNetwork *net, TnetGraph *graph, const TnetMetric *time,
               const char *const *arc_line, GArray *po, GArray *pd, const double *pop,
               gboolean by_line, TnetWeight budget_ms, const TnetCriticalityOptions *opts,
               GError **error)
{
  guint m = tnet_graph_n_arcs (graph);
  g_autofree TnetId *arc_elem = g_new (TnetId, m > 0 ? m : 1);
  g_autoptr (GPtrArray) line_names = g_ptr_array_new ();
  guint n_elements;
  if (by_line)
    {
      g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint arc = 0; arc < m; arc++)
        if (arc_line[arc] && !g_hash_table_contains (seen, arc_line[arc]))
          {
            g_hash_table_add (seen, (gpointer) arc_line[arc]);
            g_ptr_array_add (line_names, (gpointer) arc_line[arc]);
          }
      g_ptr_array_sort (line_names, cmp_str_ptr);
      g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < line_names->len; i++)
        g_hash_table_insert (index, line_names->pdata[i], GUINT_TO_POINTER (i + 1));
      for (guint arc = 0; arc < m; arc++)
        {
          guint idx = arc_line[arc] ? GPOINTER_TO_UINT (g_hash_table_lookup (index,
                                                                             arc_line[arc]))
                                    : 0;
          arc_elem[arc] = idx > 0 ? idx - 1 : TNET_ID_NONE;
        }
      n_elements = line_names->len;
    }
  else
    {
      for (guint arc = 0; arc < m; arc++)
        arc_elem[arc] = tnet_graph_arc_link (graph, arc);
      n_elements = tnet_network_n_links (net);
    }
  TnetCriticality *crit = tnet_criticality_scan_with (graph, time, arc_elem, n_elements,
                                                      (const TnetId *) po->data,
                                                      (const TnetId *) pd->data, po->len, pop,
                                                      budget_ms, opts, error);
  if (crit == NULL)
    return NULL;
  for (guint r = 0; r < tnet_criticality_n_items (crit); r++)
    {
      TnetId e = tnet_criticality_item (crit, r)->element;
      tnet_criticality_set_name (crit, e, by_line ? line_names->pdata[e]
                                                  : tnet_network_link (net, e)->id);
    }
  return crit;
}

TnetCriticality *
tnet_corridor_criticality_with (const TnetNetwork *net, const TnetScenario *scen,
                                guint mode_mask, const TnetNodeSet *a, const TnetNodeSet *b,
                                gboolean by_line, TnetWeight budget_ms,
                                const TnetCriticalityOptions *opts, GError **error)
{
  g_return_val_if_fail (net != NULL && scen != NULL && a != NULL && b != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_autoptr (TnetMetric) time = NULL;
  g_autoptr (TnetGraph) graph = tnet_graph_compile_modes (net, scen,
                                                          mode_mask | TNET_MODE_BIT (TNET_MODE_ACCESS),
                                                          &time, NULL, error);
  if (graph == NULL)
    return NULL;
  guint n = tnet_graph_n_nodes (graph), m = tnet_graph_n_arcs (graph);
  g_autofree const char **arc_line = g_new0 (const char *, m > 0 ? m : 1);
  for (guint arc = 0; arc < m; arc++)
    {
      TnetId l = tnet_graph_arc_link (graph, arc);
      const char *line = l != TNET_ID_NONE ? tnet_network_link (net, l)->line : NULL;
      arc_line[arc] = line && line[0] ? line : NULL;
    }
  g_autoptr (GArray) po = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) pd = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (guint i = 0; i < a->zones->len; i++)
    for (guint j = 0; j < b->zones->len; j++)
      {
        TnetId o = g_array_index (a->zones, TnetId, i), d = g_array_index (b->zones, TnetId, j);
        if (o == d)
          continue;
        g_array_append_val (po, o);
        g_array_append_val (pd, d);
      }
  g_autofree double *pop = g_new0 (double, n > 0 ? n : 1);
  for (guint v = 0; v < n && v < tnet_network_n_nodes (net); v++)
    pop[v] = tnet_network_node (net, v)->population;
  return scan_elements (net, graph, time, arc_line, po, pd, pop, by_line, budget_ms, opts,
                        error);
}

TnetCriticality *
tnet_corridor_criticality_profile (const TnetNetwork *net, const TnetMultimodal *mm,
                                   const TnetNodeSet *a, const TnetNodeSet *b,
                                   gboolean by_line, TnetWeight budget_ms,
                                   const TnetCriticalityOptions *opts, GError **error)
{
  g_return_val_if_fail (net != NULL && mm != NULL && a != NULL && b != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  TnetGraph *graph = tnet_multimodal_get_graph (mm);
  const TnetMetric *time = tnet_multimodal_get_metric (mm);
  guint n = tnet_graph_n_nodes (graph), m = tnet_graph_n_arcs (graph);
  g_autofree const char **arc_line = g_new0 (const char *, m > 0 ? m : 1);
  for (guint arc = 0; arc < m; arc++)
    arc_line[arc] = tnet_multimodal_arc_line (mm, arc);
  g_autoptr (GArray) po = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) pd = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autofree double *pop = g_new0 (double, n > 0 ? n : 1);
  for (guint i = 0; i < a->zones->len; i++)
    {
      TnetId o = g_array_index (a->zones, TnetId, i);
      TnetId go = tnet_multimodal_origin_node (mm, o);
      pop[go] = tnet_network_node (net, o)->population;
      for (guint j = 0; j < b->zones->len; j++)
        {
          TnetId d = g_array_index (b->zones, TnetId, j);
          if (o == d)
            continue;
          TnetId gd = tnet_multimodal_destination_node (mm, d);
          g_array_append_val (po, go);
          g_array_append_val (pd, gd);
        }
    }
  return scan_elements (net, graph, time, arc_line, po, pd, pop, by_line, budget_ms, opts,
                        error);
}
