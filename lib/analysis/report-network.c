/* report-network.c: the report sections of the network indicators
 * (lengths, road classes, county units, interchange access) and of the
 * corridor line counts. */
#include "tnet-internal.h"
#include "report-private.h"
#include "analysis-private.h"

static void
unit_label (GString *text, const TnetUnit *u)
{
  g_string_append_printf (text, "  %s %s", u->name, u->name_en ? u->name_en : u->id);
}

/* tnet_indicator_interchange_ms(); a draw (ctx->keep) keeps its
 * thread's compiled graph, whose arcs the draws do not move, and takes
 * only the times of its own network. */
static gboolean
interchange_ms (const TnetReportContext *ctx, TnetWeight *ms, TnetId *ic, GError **error)
{
  if (!ctx->keep)
    return tnet_indicator_interchange_ms (ctx->net, ctx->scen, ctx->units, ms, ic, error);
  TnetGraph *graph = g_datalist_get_data (ctx->keep, "interchange graph");
  if (!graph)
    {
      graph = tnet_graph_compile_modes (ctx->net, ctx->scen,
                                        TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS),
                                        NULL, NULL, error);
      if (!graph)
        return FALSE;
      g_datalist_set_data_full (ctx->keep, "interchange graph", graph,
                                (GDestroyNotify) tnet_graph_unref);
    }
  g_autoptr (TnetMetric) time = tnet_i_graph_compile_times (graph, ctx->net, ctx->scen);
  return tnet_i_indicator_interchange_ms_on (ctx->net, ctx->scen, ctx->units, graph, time, ms,
                                             ic, error);
}

static gboolean
run_network (const TnetReportContext *ctx, JsonBuilder *b, GString *text, GError **error)
{
  const TnetNetwork *net = ctx->net;
  const TnetScenario *scen = ctx->scen;
  const char *home = ctx->plan ? tnet_plan_get_home (ctx->plan) : NULL;
  if (!home)
    return TRUE;   /* no plan, or no home region: the summary section reports */

  tnet_i_report_indicator (ctx, "expressway_km", "Expressway length", "km", 1);
  tnet_i_json_add_number (b, "expressway_km",
      tnet_indicator_length_km (net, scen, TNET_MODE_BIT (TNET_MODE_EXPRESSWAY), home), 1);
  tnet_i_report_indicator (ctx, "rail_km", "Railway length", "km", 1);
  tnet_i_json_add_number (b, "rail_km",
      tnet_indicator_length_km (net, scen, TNET_MODES_RAIL, home), 1);
  tnet_i_report_indicator (ctx, "hsr_km", "of which high-speed rail", "km", 1);
  tnet_i_json_add_number (b, "hsr_km",
      tnet_indicator_length_km (net, scen, TNET_MODE_BIT (TNET_MODE_HSR), home), 1);
  const char *const *good = tnet_plan_get_trunk_classes (ctx->plan);
  if (good)
    {
      tnet_i_report_indicator (ctx, "trunk_class2_pct", "Trunk roads of a good class", "%", 1);
      tnet_i_json_add_number (b, "trunk_class2_pct",
          tnet_indicator_class_share_pct (net, scen, TNET_MODE_BIT (TNET_MODE_TRUNK), home,
                                          good), 1);
    }
  if (!ctx->units)
    return TRUE;

  const TnetUnitTable *units = ctx->units;
  guint n = tnet_unit_table_n_units (units);
  guint mask = TNET_MODE_BIT (TNET_MODE_EXPRESSWAY);
  guint min_lines = (guint) tnet_plan_get_int (ctx->plan, "unit_min_lines");
  g_autofree char *unit_name = g_strdup_printf ("County units with %u+ expressways", min_lines);
  tnet_i_report_indicator (ctx, "county_units_2_expressways_pct", unit_name, "%", 1);
  tnet_i_json_add_number (b, "county_units_2_expressways_pct",
      tnet_indicator_units_min_lines_pct (net, scen, units, mask, min_lines), 1);
  tnet_i_report_indicator (ctx, "interchange_minutes",
                           "County seat to nearest interchange (worst)", "min", 1);

  g_autofree TnetWeight *ms = g_new (TnetWeight, n);
  g_autofree TnetId *ic = g_new (TnetId, n);
  if (!interchange_ms (ctx, ms, ic, error))
    return FALSE;
  /* the report speaks minutes (INFINITY: none reachable) */
  g_autofree double *minutes = g_new (double, n);
  for (guint u = 0; u < n; u++)
    minutes[u] = tnet_weight_to_min (ms[u]);

  g_string_append (text, "county unit: expressway lines | minutes to nearest interchange\n");
  json_builder_set_member_name (b, "county_unit_expressways");
  json_builder_begin_object (b);
  /* a draw (ctx->keep) wants the rows only: no lines per unit */
  for (guint u = 0; u < n && !ctx->keep; u++)
    {
      const TnetUnit *unit = tnet_unit_table_get (units, u);
      g_autoptr (GPtrArray) lines = g_ptr_array_new ();
      tnet_indicator_unit_lines (net, scen, unit, mask, lines);
      tnet_i_json_add_strings (b, unit->id, lines);
      unit_label (text, unit);
      g_string_append_printf (text, ": %u (", lines->len);
      for (guint k = 0; k < lines->len; k++)
        g_string_append_printf (text, "%s%s", k ? ", " : "",
                                (const char *) g_ptr_array_index (lines, k));
      if (isfinite (minutes[u]))
        g_string_append_printf (text, ") | %.1f min to %s\n", minutes[u],
                                tnet_network_node (net, ic[u])->name);
      else
        g_string_append (text, ") | no interchange reachable\n");
    }
  json_builder_end_object (b);

  json_builder_set_member_name (b, "interchange_minutes");
  json_builder_begin_object (b);
  for (guint u = 0; u < n; u++)
    tnet_i_json_add_number (b, tnet_unit_table_get (units, u)->id, minutes[u], 1);
  json_builder_end_object (b);
  return TRUE;
}

const TnetReportSection tnet_i_report_section_network = {
  "network", "Network size and coverage", run_network
};

static gboolean
run_lines (const TnetReportContext *ctx, JsonBuilder *b, GString *text, GError **error)
{
  /* mode groups of tnet corridors --modes */
  static const char *const groups[] = { "rail", "road" };
  const char *home = ctx->plan ? tnet_plan_get_home (ctx->plan) : NULL;
  if (!home)
    return TRUE;
  for (guint p = 0; p < tnet_plan_n_pairs (ctx->plan); p++)
    for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
      {
        const TnetPlanPair *pair = tnet_plan_get_pair (ctx->plan, p);
        if (!pair->count_lines)
          break;
        g_autofree char *key = g_strdup_printf ("%s_%s_lines", pair->id, groups[g]);
        g_autofree char *row = g_strdup_printf ("%s lines %s-%s",
                                                g == 0 ? "Rail" : "Road",
                                                tnet_plan_get_home_label (ctx->plan),
                                                pair->label);
        tnet_i_report_indicator (ctx, key, row, "lines", 0);
        /* which lines join the two regions does not depend on the links'
         * values: a draw takes its thread's first count */
        gpointer kept = ctx->keep ? g_datalist_get_data (ctx->keep, key) : NULL;
        if (kept)
          {
            json_builder_set_member_name (b, key);
            json_builder_add_int_value (b, GPOINTER_TO_UINT (kept) - 1);
            continue;
          }
        g_autoptr (GPtrArray) lines = g_ptr_array_new ();
        guint mask = 0;
        tnet_corridor_modes_from_string (groups[g], &mask);
        guint count = tnet_corridor_line_count (ctx->net, ctx->scen, home, pair->region, mask,
                                                lines);
        if (ctx->keep)
          g_datalist_set_data (ctx->keep, key, GUINT_TO_POINTER (count + 1));
        g_autofree char *names = g_strdup_printf ("%s_names", key);
        json_builder_set_member_name (b, key);
        json_builder_add_int_value (b, count);
        tnet_i_json_add_strings (b, names, lines);
        g_string_append_printf (text, "  %s lines to %s (%u):", groups[g],
                                pair->label, count);
        for (guint k = 0; k < lines->len; k++)
          g_string_append_printf (text, "%s%s", k ? ", " : " ",
                                  (const char *) g_ptr_array_index (lines, k));
        g_string_append_c (text, '\n');
      }
  return TRUE;
}

const TnetReportSection tnet_i_report_section_lines = {
  "lines", "Corridor lines", run_lines
};
