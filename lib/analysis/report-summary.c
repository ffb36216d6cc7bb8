/* report-summary.c: the report of a folder without plan.ini: km by mode and
 * status, zones and population (by region of regions.csv), stations and
 * stops, the corridors of corridors.csv with their lines in service, and
 * the car zone-to-zone matrix (share of zone pairs connected, mean
 * minutes). A plan with [report] corridors = true gets the corridor list. */
#include "tnet-internal.h"
#include "report-private.h"

/* The corridors of corridors.csv: per corridor, its member lines with a
 * link active in the scenario. */
static void
corridor_lines (const TnetReportContext *ctx, JsonBuilder *b, GString *text)
{
  guint n = tnet_dataset_n_corridors (ctx->ds);
  if (n == 0)
    return;
  g_autoptr (GHashTable) active = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < tnet_network_n_links (ctx->net); i++)
    {
      const TnetLink *l = tnet_network_link (ctx->net, i);
      if (l->line && *l->line && tnet_scenario_link_active (ctx->scen, ctx->net, i))
        g_hash_table_add (active, (gpointer) l->line);
    }
  json_builder_set_member_name (b, "corridor_lines");
  json_builder_begin_object (b);
  g_string_append (text, "  corridors (corridors.csv): member lines in service\n");
  for (guint c = 0; c < n; c++)
    {
      const TnetCorridorDef *def = tnet_dataset_get_corridor (ctx->ds, c);
      g_autoptr (GPtrArray) lines = g_ptr_array_new ();
      for (guint k = 0; k < def->n_lines; k++)
        if (g_hash_table_contains (active, def->lines[k]))
          g_ptr_array_add (lines, (gpointer) def->lines[k]);
      tnet_i_json_add_strings (b, def->id, lines);
      g_string_append_printf (text, "    %s %s: %u of %u", def->id, def->name, lines->len,
                              def->n_lines);
      for (guint k = 0; k < lines->len; k++)
        g_string_append_printf (text, "%s%s", k ? ", " : " (",
                                (const char *) g_ptr_array_index (lines, k));
      g_string_append (text, lines->len ? ")\n" : "\n");
    }
  json_builder_end_object (b);
}

/* Zones and population by region, named from regions.csv. */
static void
region_zones (const TnetReportContext *ctx, GString *text)
{
  guint n = tnet_dataset_n_regions (ctx->ds);
  if (n == 0)
    return;
  g_string_append (text, "  zones by region (regions.csv):\n");
  for (guint r = 0; r < n; r++)
    {
      const TnetRegion *reg = tnet_dataset_get_region (ctx->ds, r);
      guint zones = 0;
      double pop = 0;
      for (guint i = 0; i < tnet_network_n_nodes (ctx->net); i++)
        {
          const TnetNode *node = tnet_network_node (ctx->net, i);
          if (node->kind == TNET_NODE_ZONE && node->region && strcmp (node->region, reg->id) == 0)
            {
              zones++;
              pop += node->population;
            }
        }
      g_string_append_printf (text, "    %s %s: %u zones, population %.0f\n", reg->id,
                              reg->name, zones, pop);
    }
}

static gboolean
run_summary (const TnetReportContext *ctx, JsonBuilder *b, GString *text, GError **error)
{
  if (ctx->plan)
    {
      if (tnet_plan_get_int (ctx->plan, "corridors"))
        corridor_lines (ctx, b, text);
      return TRUE;
    }
  const TnetNetwork *net = ctx->net;
  /* km by mode (each physical link once) and by status (summed lengths) */
  double by_status[TNET_N_STATUSES] = { 0 };
  gboolean mode_used[TNET_N_MODES] = { FALSE };
  for (guint i = 0; i < tnet_network_n_links (net); i++)
    if (tnet_scenario_link_active (ctx->scen, net, i))
      {
        const TnetLink *l = tnet_network_link (net, i);
        mode_used[l->mode] = TRUE;
        by_status[l->status] += l->length_m / 1000.0;
      }
  for (guint m = 0; m < TNET_N_MODES; m++)
    {
      if (!mode_used[m])
        continue;
      g_autofree char *key = g_strdup_printf ("%s_km", tnet_mode_to_string (m));
      g_autofree char *name = g_strdup_printf ("Length, %s", tnet_mode_to_string (m));
      tnet_i_report_indicator (ctx, key, name, "km", 1);
      tnet_i_json_add_number (b, key, tnet_indicator_length_km (net, ctx->scen,
                                                                TNET_MODE_BIT (m), NULL), 1);
    }
  json_builder_set_member_name (b, "km_by_status");
  json_builder_begin_object (b);
  g_string_append (text, "  km of active links by status (lengths summed):");
  for (guint s = 0; s < TNET_N_STATUSES; s++)
    {
      tnet_i_json_add_number (b, tnet_status_to_string (s), by_status[s], 1);
      g_string_append_printf (text, " %s %.1f", tnet_status_to_string (s), by_status[s]);
    }
  g_string_append_c (text, '\n');
  json_builder_end_object (b);

  g_autoptr (GArray) zones = g_array_new (FALSE, FALSE, sizeof (TnetId));
  guint n_stops = 0;
  double population = 0;
  for (guint i = 0; i < tnet_network_n_nodes (net); i++)
    {
      const TnetNode *n = tnet_network_node (net, i);
      if (n->kind == TNET_NODE_ZONE)
        {
          TnetId v = i;
          g_array_append_val (zones, v);
          population += n->population;
        }
      n_stops += n->kind == TNET_NODE_STATION || n->kind == TNET_NODE_STOP;
    }
  tnet_i_report_indicator (ctx, "zones", "Zones", "zones", 0);
  tnet_i_json_add_number (b, "zones", zones->len, 0);
  tnet_i_report_indicator (ctx, "population", "Population of the zones", "persons", 0);
  tnet_i_json_add_number (b, "population", population, 0);
  tnet_i_report_indicator (ctx, "stops", "Stations and stops", "nodes", 0);
  tnet_i_json_add_number (b, "stops", n_stops, 0);
  region_zones (ctx, text);
  corridor_lines (ctx, b, text);
  if (zones->len < 2)
    return TRUE;

  /* the car matrix between zones */
  TnetProfile car = TNET_PROFILE_CAR;
  TnetMultimodal *g = NULL;
  if (!tnet_commute_build_graphs (net, ctx->scen, NULL, NULL, &car, 1, &g, error))
    return FALSE;
  TnetCommuteOptions opts;
  tnet_commute_options_init (&opts);
  opts.totals_only = TRUE;   /* read for the totals alone */
  const TnetId *z = (const TnetId *) (void *) zones->data;
  g_autoptr (TnetCommute) c
    = tnet_commute_compute_within (net, &g, 1, z, zones->len, z, zones->len, TNET_COMMUTE_TO,
                                   tnet_weight_from_min (tnet_plan_get_double (NULL,
                                                                               "budget_min")),
                                   &opts, error);
  tnet_multimodal_unref (g);
  if (!c)
    return FALSE;
  guint reached = 0, pairs = 0;
  double sum = 0;
  for (guint o = 0; o < zones->len; o++)
    for (guint d = 0; d < zones->len; d++)
      {
        if (o == d)
          continue;
        pairs++;
        TnetWeight t = tnet_commute_cell (c, 0, o, d)->total_ms;
        if (t != TNET_WEIGHT_INF)
          {
            reached++;
            sum += t / 60000.0;
          }
      }
  tnet_i_report_indicator (ctx, "car_zone_pairs_connected_pct",
                           "Zone pairs connected by car", "%", 1);
  tnet_i_json_add_number (b, "car_zone_pairs_connected_pct", 100.0 * reached / pairs, 1);
  tnet_i_report_indicator (ctx, "car_zone_mean_min", "Mean car time between zones", "min", 1);
  tnet_i_json_add_number (b, "car_zone_mean_min", reached ? sum / reached : NAN, 1);
  g_string_append_printf (text, "  car, %u zones: %u of %u ordered zone pairs connected, "
                          "mean %.1f min\n", zones->len, reached, pairs,
                          reached ? sum / reached : NAN);
  return TRUE;
}

const TnetReportSection tnet_i_report_section_summary = {
  "summary", "Network summary", run_summary
};
