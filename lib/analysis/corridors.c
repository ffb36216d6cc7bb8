/* corridors.c: corridor redundancy at the network level — which nodes the
 * ends stand for, line counts, and the graph-level analyses run on the
 * scenario's compiled graph. */
#include "tnet-internal.h"
#include "analysis-private.h"
#include "string-sort.h"
#include "json-text.h"
#include "park-ride-json.h"

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

/* Appends the ids of @from not yet in @seen to @to. */
static void
append_new (GArray *to, GHashTable *seen, const GArray *from)
{
  for (guint i = 0; i < from->len; i++)
    {
      TnetId v = g_array_index (from, TnetId, i);
      if (g_hash_table_add (seen, GUINT_TO_POINTER (v + 1)))
        g_array_append_val (to, v);
    }
}

TnetNodeSet *
tnet_node_set_resolve (const TnetNetwork *net, const char *spec, GError **error)
{
  g_return_val_if_fail (net != NULL && spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_autoptr (TnetPlaceList) list = tnet_place_list_parse (net, spec, error);
  if (list == NULL)
    return NULL;
  TnetNodeSet *set = g_new0 (TnetNodeSet, 1);
  set->spec = g_strdup (spec);
  set->members = g_array_new (FALSE, FALSE, sizeof (TnetId));
  set->zones = g_array_new (FALSE, FALSE, sizeof (TnetId));
  set->is_region = list->n_items == 1 && list->items[0].kind == TNET_PLACE_REGION;
  g_autoptr (GHashTable) seen_m = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) seen_z = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < list->n_items; i++)
    {
      append_new (set->members, seen_m, list->items[i].members);
      append_new (set->zones, seen_z, list->items[i].zones);
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

guint
tnet_corridor_count_lines (const TnetNetwork *net, const TnetScenario *scen,
                           guint mode_mask, const TnetNodeSet *a,
                           const TnetNodeSet *b, GPtrArray **lines_out)
{
  g_return_val_if_fail (net != NULL && scen != NULL && a != NULL && b != NULL, 0);
  guint n = tnet_network_n_nodes (net);
  g_autofree guint8 *side = g_new0 (guint8, n + 1);
  for (guint i = 0; i < a->members->len; i++)
    side[g_array_index (a->members, TnetId, i)] |= 1;
  for (guint i = 0; i < b->members->len; i++)
    side[g_array_index (b->members, TnetId, i)] |= 2;
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  guint count = tnet_i_corridor_lines_joining (net, scen, mode_mask, side, names);
  if (lines_out)
    {
      *lines_out = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < names->len; i++)
        g_ptr_array_add (*lines_out, g_strdup (names->pdata[i]));
    }
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
  if (corr->mm)
    tnet_multimodal_unref (corr->mm);
  if (corr->journeys)
    g_array_unref (corr->journeys);
  if (corr->tt)
    tnet_timetable_unref (corr->tt);
  g_free (corr->feed_name);
  g_free (corr);
}

/* The figures of the infrastructure: line count and the link- and
 * node-disjoint sets over the links of @mode_mask. */
TnetCorridor *
tnet_i_corridor_infra (const TnetNetwork *net, const TnetScenario *scen, guint mode_mask,
                const TnetNodeSet *a, const TnetNodeSet *b, TnetWeight budget_ms,
                double factor, GError **error)
{
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
  for (guint i = 0; i < b->members->len; i++)
    if (!in_a[g_array_index (b->members, TnetId, i)])
      g_array_append_val (bm, g_array_index (b->members, TnetId, i));

  g_autoptr (TnetMetric) infra_time = NULL;
  corr->infra_graph = tnet_graph_compile_modes (net, scen, mode_mask, &infra_time, NULL, error);
  if (corr->infra_graph == NULL)
    return NULL;
  /* the link-disjoint set, then the node-disjoint one */
  TnetPathSet **sets[] = { &corr->link_disjoint, &corr->node_disjoint };
  const TnetDisjointKind kinds[] = { TNET_DISJOINT_LINKS, TNET_DISJOINT_NODES };
  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      *sets[s] = bm->len == 0 ? g_new0 (TnetPathSet, 1)
                 : tnet_graph_disjoint_paths (corr->infra_graph, infra_time,
                                              (const TnetId *) a->members->data,
                                              a->members->len, (const TnetId *) bm->data,
                                              bm->len, kinds[s], error);
      if (*sets[s] == NULL)
        return NULL;
    }
  return g_steal_pointer (&corr);
}

/* The zones of B that are not zones of A (the least-time paths' ends). */
static GArray *
b_zones_outside_a (const TnetNetwork *net, const TnetNodeSet *a, const TnetNodeSet *b)
{
  g_autofree guint8 *in_az = g_new0 (guint8, tnet_network_n_nodes (net));
  for (guint i = 0; i < a->zones->len; i++)
    in_az[g_array_index (a->zones, TnetId, i)] = 1;
  GArray *bz = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (guint i = 0; i < b->zones->len; i++)
    if (!in_az[g_array_index (b->zones, TnetId, i)])
      g_array_append_val (bz, g_array_index (b->zones, TnetId, i));
  return bz;
}

/* The least-time alternatives @from → @to on @corr->graph under @time, and
 * the counts within the budget and the factor. */
static void
corridor_fastest (TnetCorridor *corr, const TnetMetric *time, GArray *from, GArray *to,
                  const guint8 *free_arc, guint k)
{
  if (from->len > 0 && to->len > 0)
    corr->fastest = tnet_graph_least_time_disjoint_paths (corr->graph, time,
                                                          (const TnetId *) from->data,
                                                          from->len,
                                                          (const TnetId *) to->data, to->len,
                                                          free_arc, k);
  else
    corr->fastest = g_new0 (TnetPathSet, 1);
  for (guint i = 0; i < corr->fastest->n_paths; i++)
    {
      guint64 t = corr->fastest->paths[i].time_ms;
      if (t <= corr->budget_ms)
        corr->n_within_budget++;
      if ((double) t <= corr->factor * (double) corr->fastest->paths[0].time_ms)
        corr->n_within_factor++;
    }
}

TnetCorridor *
tnet_corridor_analyse (const TnetNetwork *net, const TnetScenario *scen,
                       guint mode_mask, const TnetNodeSet *a, const TnetNodeSet *b,
                       guint k, TnetWeight budget_ms, double factor, GError **error)
{
  g_return_val_if_fail (net != NULL && scen != NULL && a != NULL && b != NULL, NULL);
  g_return_val_if_fail (k >= 1 && factor >= 1.0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_autoptr (TnetCorridor) corr = tnet_i_corridor_infra (net, scen, mode_mask, a, b, budget_ms,
                                                  factor, error);
  if (corr == NULL)
    return NULL;
  g_autoptr (TnetMetric) time = NULL;
  corr->graph = tnet_graph_compile_modes (net, scen, mode_mask | TNET_MODE_BIT (TNET_MODE_ACCESS),
                                          &time, NULL, error);
  if (corr->graph == NULL)
    return NULL;
  guint m = tnet_graph_n_arcs (corr->graph);
  g_autofree guint8 *free_arc = g_new0 (guint8, m > 0 ? m : 1);
  for (guint arc = 0; arc < m; arc++)
    {
      TnetId l = tnet_graph_arc_link (corr->graph, arc);
      free_arc[arc] = l == TNET_ID_NONE
                      || tnet_network_link (net, l)->mode == TNET_MODE_ACCESS;
    }
  g_autoptr (GArray) az = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_array_append_vals (az, a->zones->data, a->zones->len);
  g_autoptr (GArray) bz = b_zones_outside_a (net, a, b);
  corridor_fastest (corr, time, az, bz, free_arc, k);
  return g_steal_pointer (&corr);
}

TnetCorridor *
tnet_corridor_analyse_profile (const TnetNetwork *net, const TnetScenario *scen,
                               const TnetMultimodal *mm, guint mode_mask,
                               const TnetNodeSet *a, const TnetNodeSet *b, guint k,
                               TnetWeight budget_ms, double factor, GError **error)
{
  g_return_val_if_fail (net != NULL && scen != NULL && mm != NULL, NULL);
  g_return_val_if_fail (a != NULL && b != NULL && k >= 1 && factor >= 1.0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_autoptr (TnetCorridor) corr = tnet_i_corridor_infra (net, scen, mode_mask, a, b, budget_ms,
                                                  factor, error);
  if (corr == NULL)
    return NULL;
  corr->mm = tnet_multimodal_ref ((TnetMultimodal *) mm);
  corr->graph = tnet_graph_ref (tnet_multimodal_get_graph (mm));
  guint m = tnet_graph_n_arcs (corr->graph);
  g_autofree guint8 *free_arc = g_new0 (guint8, m > 0 ? m : 1);
  for (guint arc = 0; arc < m; arc++)
    {
      TnetId l = tnet_graph_arc_link (corr->graph, arc);
      switch (tnet_multimodal_arc_kind (mm, arc))
        {
        case TNET_ARC_DRIVE:
        case TNET_ARC_WALK:
          free_arc[arc] = l == TNET_ID_NONE
                          || tnet_network_link (net, l)->mode == TNET_MODE_ACCESS;
          break;
        case TNET_ARC_RIDE:
        case TNET_ARC_DWELL:
          free_arc[arc] = 0;
          break;
        default:
          free_arc[arc] = 1;
          break;
        }
    }
  g_autoptr (GArray) from = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) to = b_zones_outside_a (net, a, b);
  for (guint i = 0; i < a->zones->len; i++)
    {
      TnetId o = tnet_multimodal_origin_node (mm, g_array_index (a->zones, TnetId, i));
      g_array_append_val (from, o);
    }
  for (guint i = 0; i < to->len; i++)
    g_array_index (to, TnetId, i) = tnet_multimodal_destination_node (mm, g_array_index (to,
                                                                                         TnetId,
                                                                                         i));
  corridor_fastest (corr, tnet_multimodal_get_metric (mm), from, to, free_arc, k);
  return g_steal_pointer (&corr);
}

/* The scan on @graph with elements links (element = the arc's network link,
 * named by link id) or lines (@arc_line per arc, nullable entries; element =
 * index in the sorted names), for the pairs @po × @pd given as graph nodes
 * and the population @pop per graph node. */
static TnetCriticality *
scan_elements (const TnetNetwork *net, const TnetGraph *graph, const TnetMetric *time,
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
        if (arc_line[arc])
          g_hash_table_add (seen, (gpointer) arc_line[arc]);
      tnet_i_hash_table_sorted_keys (seen, line_names);
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
  TnetCriticality *crit = tnet_criticality_scan (graph, time, arc_elem, n_elements,
                                                      (const TnetId *) po->data,
                                                      (const TnetId *) pd->data, po->len, pop,
                                                      budget_ms, opts, error);
  if (crit == NULL)
    return NULL;
  tnet_i_criticality_name_items (crit, net, by_line ? line_names : NULL);
  return crit;
}

TnetCriticality *
tnet_corridor_criticality_profile (const TnetNetwork *net, const TnetMultimodal *mm,
                                   const TnetNodeSet *a, const TnetNodeSet *b,
                                   gboolean by_line, TnetWeight budget_ms,
                                   const TnetCriticalityOptions *opts, GError **error)
{
  g_return_val_if_fail (net != NULL && mm != NULL && a != NULL && b != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  const TnetGraph *graph = tnet_multimodal_get_graph (mm);
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

char **
tnet_corridor_path_places (const TnetNetwork *net, const TnetMultimodal *mm, const TnetPath *p)
{
  g_return_val_if_fail (net != NULL && p != NULL, NULL);
  GPtrArray *out = g_ptr_array_new ();
  if (mm == NULL)
    for (guint i = 0; i <= p->n_arcs; i++)
      g_ptr_array_add (out, g_strdup (tnet_network_node (net, p->nodes[i])->id));
  else
    {
      g_autoptr (TnetJourney) j = tnet_multimodal_journey_from_arcs (mm, p->arcs, p->n_arcs);
      const char *last = NULL;
      for (guint i = 0; j && i < j->n_legs; i++)
        {
          const char *ends[2] = { j->legs[i].from, j->legs[i].to };
          for (int e = 0; e < 2; e++)
            if (ends[e] && (last == NULL || strcmp (last, ends[e]) != 0))
              {
                g_ptr_array_add (out, g_strdup (ends[e]));
                last = ends[e];
              }
        }
    }
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/* minutes with one decimal, as shown to people */
static double
minutes1 (guint64 ms)
{
  return round ((double) ms / 6000.0) / 10.0;
}

gboolean
tnet_corridor_pair_zones (const TnetNodeSet *a, const TnetNodeSet *b, guint pair,
                          TnetId *origin, TnetId *destination)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  guint k = 0;
  for (guint i = 0; i < a->zones->len; i++)
    for (guint j = 0; j < b->zones->len; j++)
      {
        TnetId o = g_array_index (a->zones, TnetId, i), d = g_array_index (b->zones, TnetId, j);
        if (o == d)
          continue;
        if (k++ == pair)
          {
            if (origin)
              *origin = o;
            if (destination)
              *destination = d;
            return TRUE;
          }
      }
  return FALSE;
}

/* The network ids of the ends of pair @p (tnet_corridor_pair_zones()). */
static void
pair_ends (const TnetNetwork *net, const TnetNodeSet *a, const TnetNodeSet *b, guint p,
           const char **from, const char **to)
{
  TnetId o, d;
  if (tnet_corridor_pair_zones (a, b, p, &o, &d))
    {
      *from = tnet_network_node (net, o)->id;
      *to = tnet_network_node (net, d)->id;
    }
  else
    *from = *to = "";
}

/* The profile of a scan: its model's, else its graph's. */
static TnetProfile
scan_profile (const TnetCriticality *crit, const TnetMultimodal *mm)
{
  const TnetICriticalityModel *m = tnet_i_criticality_get_model (crit);
  return m ? m->profile : tnet_multimodal_get_profile (mm);
}

const char *
tnet_i_criticality_model_name (const TnetCriticality *crit, const TnetMultimodal *mm)
{
  if (tnet_i_criticality_get_model (crit))
    return "timetable";
  return tnet_multimodal_get_profile (mm) == TNET_PROFILE_CAR ? "network"
                                                               : "frequency approximation";
}

void
tnet_i_timetable_options_to_json (JsonBuilder *jb, const char *feed, guint date,
                                  gint32 depart_s, guint window_min, double percentile,
                                  TnetWeight max_walk_ms, const char *disjoint,
                                  const TnetParkRideOptions *park)
{
  json_builder_set_member_name (jb, "timetable");
  json_builder_begin_object (jb);
  tnet_i_json_timetable_members (jb, feed, date, depart_s, window_min);
  json_builder_set_member_name (jb, "percentile");
  json_builder_add_double_value (jb, percentile);
  json_builder_set_member_name (jb, "max_walk_min");
  json_builder_add_double_value (jb, max_walk_ms / 60000.0);
  if (disjoint)
    {
      json_builder_set_member_name (jb, "disjoint");
      json_builder_add_string_value (jb, disjoint);
    }
  if (park)
    {
      json_builder_set_member_name (jb, "park_and_ride");
      json_builder_begin_object (jb);
      tnet_i_park_ride_options_write_json (jb, park);
      json_builder_end_object (jb);
    }
  json_builder_end_object (jb);
}

void
tnet_i_criticality_model_json (JsonBuilder *jb, const TnetCriticality *crit,
                               const TnetMultimodal *mm)
{
  json_builder_set_member_name (jb, "model");
  json_builder_add_string_value (jb, tnet_i_criticality_model_name (crit, mm));
  const TnetICriticalityModel *m = tnet_i_criticality_get_model (crit);
  if (m == NULL)
    return;
  tnet_i_timetable_options_to_json (jb, m->feed, m->date, m->depart_s, m->window_min,
                                    m->percentile, m->max_walk_ms, NULL,
                                    m->park_ride ? &m->park : NULL);
}

void
tnet_i_criticality_items_json (JsonBuilder *jb, const TnetCriticality *crit,
                               const TnetNetwork *net, const TnetMultimodal *mm,
                               const TnetNodeSet *a, const TnetNodeSet *b, gboolean by_line,
                               guint top)
{
  guint n_show = MIN (top, tnet_criticality_n_items (crit));
  for (guint r = 0; r < n_show; r++)
    {
      const TnetCriticalityItem *it = tnet_criticality_item (crit, r);
      const char *name = it->name ? it->name : "";
      json_builder_begin_object (jb);
      json_builder_set_member_name (jb, by_line ? "line" : "link");
      json_builder_add_string_value (jb, name);
      if (!by_line)
        {
          const char *line = it->element < tnet_network_n_links (net)
                             ? tnet_network_link (net, it->element)->line : NULL;
          json_builder_set_member_name (jb, "line");
          json_builder_add_string_value (jb, line ? line : "");
        }
      json_builder_set_member_name (jb, "rank");
      json_builder_add_int_value (jb, r + 1);
      json_builder_set_member_name (jb, "name");
      json_builder_add_string_value (jb, name);
      json_builder_set_member_name (jb, "profile");
      json_builder_add_string_value (jb, tnet_profile_to_string (scan_profile (crit, mm)));
      json_builder_set_member_name (jb, "pairs_slower");
      json_builder_add_int_value (jb, it->n_pairs_slower);
      json_builder_set_member_name (jb, "pairs_cut");
      json_builder_add_int_value (jb, it->n_pairs_cut);
      json_builder_set_member_name (jb, "pairs_out_of_budget");
      json_builder_add_int_value (jb, it->n_pairs_out_of_budget);
      json_builder_set_member_name (jb, "population_lost");
      json_builder_add_double_value (jb, it->population_lost);
      json_builder_set_member_name (jb, "max_increase_min");
      json_builder_add_double_value (jb, minutes1 (it->max_increase_ms));
      json_builder_set_member_name (jb, "total_increase_min");
      json_builder_add_double_value (jb, minutes1 (it->total_increase_ms));
      guint p = it->worst_pair;
      const char *from, *to;
      pair_ends (net, a, b, p, &from, &to);
      json_builder_set_member_name (jb, "worst_pair");
      json_builder_begin_object (jb);
      json_builder_set_member_name (jb, "from");
      json_builder_add_string_value (jb, from);
      json_builder_set_member_name (jb, "to");
      json_builder_add_string_value (jb, to);
      json_builder_set_member_name (jb, "before_min");
      json_builder_add_double_value (jb, minutes1 (tnet_criticality_base_time (crit, p)));
      json_builder_set_member_name (jb, "after_min");
      TnetWeight after = tnet_criticality_time (crit, r, p);
      if (after == TNET_WEIGHT_INF)
        json_builder_add_null_value (jb);
      else
        json_builder_add_double_value (jb, minutes1 (after));
      json_builder_end_object (jb);
      g_autoptr (TnetPath) detour = mm ? tnet_criticality_detour (crit, r, p) : NULL;
      g_auto (GStrv) places = detour ? tnet_corridor_path_places (net, mm, detour)
                              : tnet_i_criticality_detour_places (crit, r, p);
      json_builder_set_member_name (jb, "detour");
      json_builder_begin_array (jb);
      for (guint i = 0; places && places[i]; i++)
        json_builder_add_string_value (jb, places[i]);
      json_builder_end_array (jb);
      json_builder_end_object (jb);
    }
}

char **
tnet_corridor_criticality_detour_places (const TnetCriticality *crit, const TnetNetwork *net,
                                         const TnetMultimodal *mm, guint rank, guint pair)
{
  g_return_val_if_fail (crit != NULL && net != NULL, NULL);
  g_return_val_if_fail (rank < tnet_criticality_n_items (crit), NULL);
  g_return_val_if_fail (pair < tnet_criticality_n_pairs (crit), NULL);
  if (tnet_i_criticality_get_model (crit))
    return tnet_i_criticality_detour_places (crit, rank, pair);
  g_return_val_if_fail (mm != NULL, NULL);
  g_autoptr (TnetPath) detour = tnet_criticality_detour (crit, rank, pair);
  return detour ? tnet_corridor_path_places (net, mm, detour) : NULL;
}

char *
tnet_corridor_criticality_model (const TnetCriticality *crit, const TnetMultimodal *mm)
{
  g_return_val_if_fail (crit != NULL, NULL);
  g_return_val_if_fail (mm != NULL || tnet_i_criticality_get_model (crit) != NULL, NULL);
  const TnetICriticalityModel *m = tnet_i_criticality_get_model (crit);
  if (m == NULL)
    return g_strdup (tnet_i_criticality_model_name (crit, mm));
  guint n = MAX (m->window_min, 1u);
  g_autofree char *park = m->park_ride
                          ? g_strdup_printf (", drives up to %g min to park %g min within "
                                             "%g m of a stop", m->park.drive_budget_ms / 60000.0,
                                             m->park.park_ms / 60000.0, m->park.parking_radius_m)
                          : NULL;
  return g_strdup_printf ("timetable %s, %u, departing %02d:%02d, window %u min, "
                          "percentile %g, walks up to %u min%s", m->feed ? m->feed : "",
                          m->date, m->depart_s / 3600, m->depart_s / 60 % 60, n,
                          m->percentile, m->max_walk_ms / 60000, park ? park : "");
}

char *
tnet_corridor_criticality_empty_reason (const TnetCriticality *crit)
{
  g_return_val_if_fail (crit != NULL, NULL);
  if (tnet_criticality_n_items (crit) > 0)
    return NULL;
  guint n_pairs = tnet_criticality_n_pairs (crit), reached = 0;
  for (guint p = 0; p < n_pairs; p++)
    reached += tnet_criticality_base_time (crit, p) != TNET_WEIGHT_INF;
  const TnetICriticalityModel *m = tnet_i_criticality_get_model (crit);
  if (n_pairs == 0)
    return g_strdup ("no zone pair");
  if (reached == 0)
    return g_strdup_printf ("no pair is reached (of %u)", n_pairs);
  if (m && !m->by_line && !m->park_ride && m->n_ridden == 0)
    return g_strdup ("no link of the network carries a ride of the timetable: no rail link "
                     "of a line joins its stops (as in a folder built from roads), so no "
                     "link failure can block a ride; --by line fails the lines");
  if (tnet_criticality_n_candidates (crit) == 0)
    return g_strdup_printf ("no link lies on a journey of the %u pairs reached", reached);
  return g_strdup_printf ("no single failure slows any of the %u pairs reached (each has "
                          "another journey as fast)", reached);
}

/* A builder of a document of the places @a and @b (corridors,
 * criticality): its object opened with the members from and to, their
 * specs. */
static JsonBuilder *
document_new (const TnetNodeSet *a, const TnetNodeSet *b)
{
  JsonBuilder *jb = json_builder_new ();
  json_builder_begin_object (jb);
  json_builder_set_member_name (jb, "from");
  json_builder_add_string_value (jb, a->spec);
  json_builder_set_member_name (jb, "to");
  json_builder_add_string_value (jb, b->spec);
  return jb;
}

char *
tnet_corridor_criticality_to_json (const TnetCriticality *crit, const TnetNetwork *net,
                                   const TnetMultimodal *mm, const TnetNodeSet *a,
                                   const TnetNodeSet *b, gboolean by_line, int year, guint top,
                                   gboolean pretty)
{
  g_return_val_if_fail (crit != NULL && net != NULL, NULL);
  g_return_val_if_fail (mm != NULL || tnet_i_criticality_get_model (crit) != NULL, NULL);
  g_return_val_if_fail (a != NULL && b != NULL, NULL);
  g_autoptr (JsonBuilder) jb = document_new (a, b);
  json_builder_set_member_name (jb, "by");
  json_builder_add_string_value (jb, by_line ? "line" : "link");
  json_builder_set_member_name (jb, "profile");
  json_builder_add_string_value (jb, tnet_profile_to_string (scan_profile (crit, mm)));
  tnet_i_criticality_model_json (jb, crit, mm);
  json_builder_set_member_name (jb, "year");
  json_builder_add_int_value (jb, year);
  json_builder_set_member_name (jb, "pairs");
  json_builder_add_int_value (jb, tnet_criticality_n_pairs (crit));
  json_builder_set_member_name (jb, "candidates");
  json_builder_add_int_value (jb, tnet_criticality_n_candidates (crit));
  g_autofree char *empty = tnet_corridor_criticality_empty_reason (crit);
  if (empty)
    {
      json_builder_set_member_name (jb, "empty_reason");
      json_builder_add_string_value (jb, empty);
    }
  json_builder_set_member_name (jb, "ranked");
  json_builder_begin_array (jb);
  tnet_i_criticality_items_json (jb, crit, net, mm, a, b, by_line, top);
  json_builder_end_array (jb);
  json_builder_end_object (jb);
  g_autoptr (JsonNode) root = json_builder_get_root (jb);
  return tnet_json_to_text (root, pretty ? 2 : 0);
}

char *
tnet_corridor_criticality_to_csv (const TnetCriticality *crit, const TnetNetwork *net,
                                  const TnetNodeSet *a, const TnetNodeSet *b, guint top)
{
  g_return_val_if_fail (crit != NULL && net != NULL && a != NULL && b != NULL, NULL);
  static const char *const header[] = { "rank", "element", "pairs_slower", "pairs_cut",
                                        "pairs_out_of_budget", "population_lost",
                                        "max_increase_min", "total_increase_min",
                                        "worst_from", "worst_to", "before_min",
                                        "after_min", NULL };
  g_autoptr (TnetCsvWriter) w = tnet_csv_writer_new (header);
  guint n_show = MIN (top, tnet_criticality_n_items (crit));
  for (guint r = 0; r < n_show; r++)
    {
      const TnetCriticalityItem *it = tnet_criticality_item (crit, r);
      guint p = it->worst_pair;
      const char *from, *to;
      pair_ends (net, a, b, p, &from, &to);
      tnet_csv_writer_add_int (w, r + 1);
      tnet_csv_writer_add_text (w, it->name);
      tnet_csv_writer_add_int (w, it->n_pairs_slower);
      tnet_csv_writer_add_int (w, it->n_pairs_cut);
      tnet_csv_writer_add_int (w, it->n_pairs_out_of_budget);
      tnet_csv_writer_add_number (w, it->population_lost, 0);
      tnet_csv_writer_add_number (w, minutes1 (it->max_increase_ms), 1);
      tnet_csv_writer_add_number (w, minutes1 (it->total_increase_ms), 1);
      tnet_csv_writer_add_text (w, from);
      tnet_csv_writer_add_text (w, to);
      TnetWeight times[2] = { tnet_criticality_base_time (crit, p),
                              tnet_criticality_time (crit, r, p) };
      for (guint k = 0; k < 2; k++)
        {
          char buf[32];
          if (times[k] == TNET_WEIGHT_INF)
            g_strlcpy (buf, "cut", sizeof buf);
          else
            g_ascii_formatd (buf, sizeof buf, "%.1f", minutes1 (times[k]));
          tnet_csv_writer_add_text (w, buf);
        }
      tnet_csv_writer_end_row (w);
    }
  return g_strdup (tnet_csv_writer_peek (w));
}

/* A path as JSON: minutes, the places it passes and the links of its arcs
 * (on a profile's graph, @mm, only the arcs that run over a link: rides,
 * waits and transfers have none). */
static void
json_path (JsonBuilder *b, const TnetNetwork *net, const TnetGraph *graph,
           const TnetMultimodal *mm, const TnetPath *p)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "minutes");
  json_builder_add_double_value (b, minutes1 (p->time_ms));
  json_builder_set_member_name (b, "nodes");
  json_builder_begin_array (b);
  g_auto (GStrv) places = tnet_corridor_path_places (net, mm, p);
  for (guint i = 0; places[i]; i++)
    json_builder_add_string_value (b, places[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "links");
  json_builder_begin_array (b);
  for (guint i = 0; i < p->n_arcs; i++)
    {
      TnetId l = tnet_graph_arc_link (graph, p->arcs[i]);
      if (l != TNET_ID_NONE || mm == NULL)
        json_builder_add_string_value (b, l != TNET_ID_NONE ? tnet_network_link (net, l)->id
                                                            : "");
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
json_path_set (JsonBuilder *b, const char *name, const TnetNetwork *net,
               const TnetGraph *graph, const TnetMultimodal *mm, const TnetPathSet *set)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "count");
  json_builder_add_int_value (b, set->n_paths);
  json_builder_set_member_name (b, "paths");
  json_builder_begin_array (b);
  for (guint i = 0; i < set->n_paths; i++)
    json_path (b, net, graph, mm, &set->paths[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

char *
tnet_corridor_to_json (const TnetCorridor *corr, const TnetNetwork *net, const TnetNodeSet *a,
                       const TnetNodeSet *b, int year, gboolean pretty)
{
  g_return_val_if_fail (corr != NULL && net != NULL && a != NULL && b != NULL, NULL);
  guint mask = corr->mode_mask;
  const char *group = mask == TNET_MODES_RAIL ? "rail" : mask == TNET_MODES_ROAD ? "road" : "all";
  g_autoptr (JsonBuilder) jb = document_new (a, b);
  json_builder_set_member_name (jb, "modes");
  json_builder_add_string_value (jb, group);
  tnet_i_corridor_model_json (jb, corr);
  json_builder_set_member_name (jb, "year");
  json_builder_add_int_value (jb, year);
  json_builder_set_member_name (jb, "line_count");
  json_builder_add_int_value (jb, corr->n_lines);
  json_builder_set_member_name (jb, "lines");
  json_builder_begin_array (jb);
  for (guint i = 0; i < corr->lines->len; i++)
    json_builder_add_string_value (jb, corr->lines->pdata[i]);
  json_builder_end_array (jb);
  json_path_set (jb, "link_disjoint", net, corr->infra_graph, NULL, corr->link_disjoint);
  json_path_set (jb, "node_disjoint", net, corr->infra_graph, NULL, corr->node_disjoint);
  if (corr->journeys)
    tnet_i_corridor_journeys_json (jb, corr, net);
  else
    json_path_set (jb, "least_time", net, corr->graph, corr->mm, corr->fastest);
  json_builder_set_member_name (jb, "budget_min");
  json_builder_add_double_value (jb, corr->budget_ms / 60000.0);
  json_builder_set_member_name (jb, "within_budget");
  json_builder_add_int_value (jb, corr->n_within_budget);
  json_builder_set_member_name (jb, "factor");
  json_builder_add_double_value (jb, corr->factor);
  json_builder_set_member_name (jb, "within_factor");
  json_builder_add_int_value (jb, corr->n_within_factor);
  json_builder_end_object (jb);
  g_autoptr (JsonNode) root = json_builder_get_root (jb);
  return tnet_json_to_text (root, pretty ? 2 : 0);
}

char *
tnet_corridor_to_csv (const TnetCorridor *corr, const TnetNetwork *net)
{
  g_return_val_if_fail (corr != NULL && net != NULL, NULL);
  static const char *const header[] = { "set", "rank", "minutes", "nodes", NULL };
  g_autoptr (TnetCsvWriter) w = tnet_csv_writer_new (header);
  const struct { const char *name; const TnetPathSet *set; } sets[] = {
    { "link_disjoint", corr->link_disjoint }, { "node_disjoint", corr->node_disjoint },
    { "least_time", corr->fastest } };
  for (guint j = 0; j < G_N_ELEMENTS (sets); j++)
    for (guint i = 0; i < sets[j].set->n_paths; i++)
      {
        g_auto (GStrv) places = tnet_corridor_path_places (net, j == 2 ? corr->mm : NULL,
                                                           &sets[j].set->paths[i]);
        g_autofree char *nodes = g_strjoinv (" > ", places);
        tnet_csv_writer_add_text (w, sets[j].name);
        tnet_csv_writer_add_int (w, i + 1);
        tnet_csv_writer_add_number (w, minutes1 (sets[j].set->paths[i].time_ms), 1);
        tnet_csv_writer_add_text (w, nodes);
        tnet_csv_writer_end_row (w);
      }
  for (guint i = 0; corr->journeys && i < corr->journeys->len; i++)
    {
      const TnetRaptorAlternative *alt = &g_array_index (corr->journeys,
                                                         TnetRaptorAlternative, i);
      g_auto (GStrv) places = tnet_corridor_journey_places (corr, net, i);
      g_autofree char *nodes = g_strjoinv (" > ", places);
      tnet_csv_writer_add_text (w, "least_time");
      tnet_csv_writer_add_int (w, i + 1);
      tnet_csv_writer_add_number (w, minutes1 ((guint64) alt->time_s * 1000), 1);
      tnet_csv_writer_add_text (w, nodes);
      tnet_csv_writer_end_row (w);
    }
  return g_strdup (tnet_csv_writer_peek (w));
}
