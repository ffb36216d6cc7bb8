/* results-geojson.c: GeoJSON of the corridor, criticality and commute
 * results (RFC 7946, one geometry type per file), the `--format geojson` of
 * `tnet corridors`, `tnet criticality` and `tnet commute`. Properties follow
 * the CSV of the same result, so a GIS layer and a spreadsheet agree. */
#include "tnet-internal.h"
#include "analysis-private.h"
#include "geojson-shapes.h"
#include "json-text.h"

static double
min1 (guint64 ms)
{
  return round ((double) ms / 6000.0) / 10.0;
}

static void
member_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
member_double (JsonBuilder *b, const char *name, double value)
{
  json_builder_set_member_name (b, name);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* ---------------------------------------------------------------- corridors */

static void
path_feature (JsonBuilder *b, const TnetNetwork *net, const TnetGraph *graph,
              const TnetMultimodal *mm, const char *set, guint rank, const TnetPath *p)
{
  g_autoptr (GArray) links = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GString) ids = g_string_new (NULL);
  for (guint i = 0; i < p->n_arcs; i++)
    {
      TnetId l = tnet_graph_arc_link (graph, p->arcs[i]);
      if (l == TNET_ID_NONE)
        continue;
      g_array_append_val (links, l);
      if (ids->len > 0)
        g_string_append_c (ids, ';');
      g_string_append (ids, tnet_network_link (net, l)->id);
    }
  g_auto (GStrv) places = tnet_corridor_path_places (net, mm, p);
  g_autofree char *nodes = g_strjoinv (" > ", places);
  g_autofree char *id = g_strdup_printf ("%s-%u", set, rank);
  json_builder_begin_object (b);
  tnet_i_json_add_string (b, "type", "Feature");
  tnet_i_json_add_string (b, "id", id);
  json_builder_set_member_name (b, "geometry");
  /* a path of a graph compiled from @net starts at a network node */
  TnetId start = mm == NULL && p->n_arcs > 0 ? p->nodes[0] : TNET_ID_NONE;
  tnet_i_geojson_links_line (b, net, (const TnetId *) (void *) links->data, links->len,
                             start < tnet_network_n_nodes (net) ? start : TNET_ID_NONE);
  json_builder_set_member_name (b, "properties");
  json_builder_begin_object (b);
  tnet_i_json_add_string (b, "set", set);
  member_int (b, "rank", rank);
  member_double (b, "minutes", min1 (p->time_ms));
  tnet_i_json_add_string (b, "nodes", nodes);
  tnet_i_json_add_string (b, "links", ids->str);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

/* A timetable alternative: straight segments from the origin zone through
 * the parking place (park-and-ride) and the stops of its legs to the
 * destination zone (not the track). */
static void
journey_feature (JsonBuilder *b, const TnetCorridor *corr, const TnetNetwork *net, guint i)
{
  const TnetRaptorAlternative *alt = &g_array_index (corr->journeys, TnetRaptorAlternative, i);
  g_autoptr (GArray) pts = g_array_new (FALSE, FALSE, sizeof (double));
  const TnetNode *on = tnet_network_node (net, alt->origin);
  const TnetNode *dn = tnet_network_node (net, alt->destination);
  double p[2] = { on->lon, on->lat };
  g_array_append_vals (pts, p, 2);
  for (guint j = 0; j < alt->legs->len; j++)
    {
      const TnetTransitLeg *l = &g_array_index (alt->legs, TnetTransitLeg, j);
      TnetId ends[2] = { l->from_stop, l->to_stop };
      if (l->kind == TNET_TRANSIT_LEG_DRIVE && l->node != TNET_ID_NONE)
        {
          /* park-and-ride: straight to the parking place */
          const TnetNode *pn = tnet_network_node (net, l->node);
          p[0] = pn->lon;
          p[1] = pn->lat;
          g_array_append_vals (pts, p, 2);
        }
      for (int e = 0; e < 2; e++)
        if (ends[e] != TNET_ID_NONE && tnet_timetable_stop_position (corr->tt, ends[e], &p[0],
                                                                     &p[1])
            && !(p[0] == g_array_index (pts, double, pts->len - 2)
                 && p[1] == g_array_index (pts, double, pts->len - 1)))
          g_array_append_vals (pts, p, 2);
    }
  p[0] = dn->lon;
  p[1] = dn->lat;
  g_array_append_vals (pts, p, 2);
  g_auto (GStrv) places = tnet_corridor_journey_places (corr, net, i);
  g_autofree char *nodes = g_strjoinv (" > ", places);
  g_autofree char *id = g_strdup_printf ("least_time-%u", i + 1);
  json_builder_begin_object (b);
  tnet_i_json_add_string (b, "type", "Feature");
  tnet_i_json_add_string (b, "id", id);
  json_builder_set_member_name (b, "geometry");
  tnet_i_geojson_line (b, (const double *) (void *) pts->data, pts->len / 2);
  json_builder_set_member_name (b, "properties");
  json_builder_begin_object (b);
  tnet_i_json_add_string (b, "set", "least_time");
  member_int (b, "rank", i + 1);
  member_double (b, "minutes", min1 ((guint64) alt->time_s * 1000));
  tnet_i_json_add_string (b, "nodes", nodes);
  tnet_i_json_add_string (b, "links", "");
  json_builder_end_object (b);
  json_builder_end_object (b);
}

char *
tnet_corridor_to_geojson (const TnetCorridor *corr, const TnetNetwork *net,
                          const TnetNodeSet *a, const TnetNodeSet *b, int year)
{
  g_return_val_if_fail (corr != NULL && net != NULL && a != NULL && b != NULL, NULL);
  guint mask = corr->mode_mask;
  g_autoptr (JsonBuilder) jb = tnet_i_geojson_collection_new ();
  json_builder_set_member_name (jb, "properties");
  json_builder_begin_object (jb);
  tnet_i_json_add_string (jb, "from", a->spec);
  tnet_i_json_add_string (jb, "to", b->spec);
  tnet_i_json_add_string (jb, "modes", mask == TNET_MODES_RAIL ? "rail"
                                       : mask == TNET_MODES_ROAD ? "road" : "all");
  tnet_i_corridor_model_json (jb, corr);
  member_int (jb, "year", year);
  member_int (jb, "line_count", corr->n_lines);
  member_double (jb, "budget_min", corr->budget_ms / 60000.0);
  member_double (jb, "factor", corr->factor);
  json_builder_end_object (jb);
  json_builder_set_member_name (jb, "features");
  json_builder_begin_array (jb);
  const struct {
    const char *name;
    const TnetPathSet *set;
    const TnetGraph *graph;
    const TnetMultimodal *mm;
  } sets[] = {
    { "link_disjoint", corr->link_disjoint, corr->infra_graph, NULL },
    { "node_disjoint", corr->node_disjoint, corr->infra_graph, NULL },
    { "least_time", corr->fastest, corr->graph, corr->mm },
  };
  for (guint j = 0; j < G_N_ELEMENTS (sets); j++)
    for (guint i = 0; i < sets[j].set->n_paths; i++)
      path_feature (jb, net, sets[j].graph, sets[j].mm, sets[j].name, i + 1,
                    &sets[j].set->paths[i]);
  for (guint i = 0; corr->journeys && i < corr->journeys->len; i++)
    journey_feature (jb, corr, net, i);
  return tnet_i_geojson_collection_finish (jb);
}

/* -------------------------------------------------------------- criticality */

char *
tnet_corridor_criticality_to_geojson (const TnetCriticality *crit, const TnetNetwork *net,
                                      const TnetScenario *scen, const TnetFeed *feed,
                                      const TnetNodeSet *a, const TnetNodeSet *b,
                                      gboolean by_line, guint top)
{
  g_return_val_if_fail (crit != NULL && net != NULL && a != NULL && b != NULL, NULL);
  guint m = tnet_network_n_links (net);
  g_autoptr (JsonBuilder) jb = tnet_i_geojson_collection_new ();
  json_builder_set_member_name (jb, "properties");
  json_builder_begin_object (jb);
  tnet_i_json_add_string (jb, "from", a->spec);
  tnet_i_json_add_string (jb, "to", b->spec);
  tnet_i_json_add_string (jb, "by", by_line ? "line" : "link");
  member_int (jb, "pairs", tnet_criticality_n_pairs (crit));
  member_int (jb, "candidates", tnet_criticality_n_candidates (crit));
  json_builder_end_object (jb);
  json_builder_set_member_name (jb, "features");
  json_builder_begin_array (jb);
  guint n = MIN (top, tnet_criticality_n_items (crit));
  g_autoptr (GArray) links = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (guint r = 0; r < n; r++)
    {
      const TnetCriticalityItem *it = tnet_criticality_item (crit, r);
      const char *line = NULL;
      g_array_set_size (links, 0);
      if (!by_line && it->element < m)
        {
          g_array_append_val (links, it->element);
          line = tnet_network_link (net, it->element)->line;
        }
      else if (by_line && it->name)
        for (TnetId i = 0; i < m; i++)
          {
            const TnetLink *l = tnet_network_link (net, i);
            if (l->line && strcmp (l->line, it->name) == 0
                && (scen == NULL || tnet_scenario_link_active (scen, net, i)))
              g_array_append_val (links, i);
          }
      guint p = it->worst_pair;
      TnetId o = TNET_ID_NONE, d = TNET_ID_NONE;
      tnet_corridor_pair_zones (a, b, p, &o, &d);
      TnetWeight before = tnet_criticality_base_time (crit, p);
      TnetWeight after = tnet_criticality_time (crit, r, p);
      json_builder_begin_object (jb);
      tnet_i_json_add_string (jb, "type", "Feature");
      member_int (jb, "id", r + 1);
      json_builder_set_member_name (jb, "geometry");
      /* by line: the line's links, else (a transit service on no network
       * link) the straight segments between its stops */
      const char *source = "links";
      if (by_line && links->len > 0)
        tnet_i_geojson_links_multiline (jb, net, (const TnetId *) (void *) links->data,
                                        links->len);
      else if (by_line)
        source = tnet_i_geojson_service_stops (jb, feed, it->name) > 0 ? "stops" : NULL;
      else
        tnet_i_geojson_links_line (jb, net, (const TnetId *) (void *) links->data, links->len,
                                   TNET_ID_NONE);
      json_builder_set_member_name (jb, "properties");
      json_builder_begin_object (jb);
      member_int (jb, "rank", r + 1);
      tnet_i_json_add_string (jb, "element", it->name);
      tnet_i_json_add_string (jb, "line", by_line ? it->name : line ? line : "");
      if (by_line)
        tnet_i_json_add_string (jb, "geometry_source", source);
      member_int (jb, "pairs_slower", it->n_pairs_slower);
      member_int (jb, "pairs_cut", it->n_pairs_cut);
      member_int (jb, "pairs_out_of_budget", it->n_pairs_out_of_budget);
      member_double (jb, "population_lost", round (it->population_lost));
      member_double (jb, "max_increase_min", min1 (it->max_increase_ms));
      member_double (jb, "total_increase_min", min1 (it->total_increase_ms));
      tnet_i_json_add_string (jb, "worst_from",
                              o != TNET_ID_NONE ? tnet_network_node (net, o)->id : NULL);
      tnet_i_json_add_string (jb, "worst_to",
                              d != TNET_ID_NONE ? tnet_network_node (net, d)->id : NULL);
      member_double (jb, "before_min", before == TNET_WEIGHT_INF ? NAN : min1 (before));
      member_double (jb, "after_min", after == TNET_WEIGHT_INF ? NAN : min1 (after));
      json_builder_end_object (jb);
      json_builder_end_object (jb);
    }
  return tnet_i_geojson_collection_finish (jb);
}

/* ------------------------------------------------------------------ commute */

char *
tnet_commute_to_geojson (const TnetCommute *c, const TnetNetwork *net)
{
  g_return_val_if_fail (c != NULL && net != NULL, NULL);
  double budget = tnet_weight_to_min (tnet_commute_budget_ms (c));
  g_autoptr (JsonBuilder) jb = tnet_i_geojson_collection_new ();
  json_builder_set_member_name (jb, "properties");
  json_builder_begin_object (jb);
  member_double (jb, "budget_min", budget);
  json_builder_end_object (jb);
  json_builder_set_member_name (jb, "features");
  json_builder_begin_array (jb);
  guint id = 0;
  for (guint p = 0; p < tnet_commute_n_profiles (c); p++)
    for (guint o = 0; o < tnet_commute_n_origins (c); o++)
      for (guint d = 0; d < tnet_commute_n_destinations (c); d++)
        {
          const TnetCommuteCell *cell = tnet_commute_cell (c, p, o, d);
          const TnetNode *on = tnet_network_node (net, tnet_commute_origin (c, o));
          const TnetNode *dn = tnet_network_node (net, tnet_commute_destination (c, d));
          gboolean reached = cell->total_ms != TNET_WEIGHT_INF;
          double minutes = reached ? min1 (cell->total_ms) : NAN;
          double ends[4] = { on->lon, on->lat, dn->lon, dn->lat };
          json_builder_begin_object (jb);
          tnet_i_json_add_string (jb, "type", "Feature");
          member_int (jb, "id", ++id);
          json_builder_set_member_name (jb, "geometry");
          tnet_i_geojson_line (jb, ends, 2);
          json_builder_set_member_name (jb, "properties");
          json_builder_begin_object (jb);
          tnet_i_json_add_string (jb, "profile",
                                  tnet_profile_to_string (tnet_commute_profile (c, p)));
          tnet_i_json_add_string (jb, "origin", on->id);
          tnet_i_json_add_string (jb, "destination", dn->id);
          member_double (jb, "minutes", minutes);
          json_builder_set_member_name (jb, "within_budget");
          json_builder_add_boolean_value (jb, reached && cell->total_ms <= budget * 60000.0);
          member_double (jb, "origin_population", on->population);
          json_builder_end_object (jb);
          json_builder_end_object (jb);
        }
  return tnet_i_geojson_collection_finish (jb);
}
