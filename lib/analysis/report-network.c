/* report-network.c: the report sections of the network indicators
 * (lengths, road classes, county units, interchange access) and of the
 * corridor line counts. */
#include "tnet-internal.h"
#include "report-private.h"
#include "analysis-private.h"

/* Road classes that count as "class II or better" (data/xuchang/README.md). */
static const char *const good_trunk_classes[] = {
  "expressway", "I", "II", NULL
};

static const TnetReportIndicator network_indicators[] = {
  { "expressway_km", "高速公路里程", "Expressway length", "km", 1 },
  { "rail_km", "铁路营业里程", "Railway length", "km", 1 },
  { "hsr_km", "其中高速铁路", "of which high-speed rail", "km", 1 },
  { "trunk_class2_pct", "普通干线公路二级及以上比例", "Trunk roads class II or better", "%", 1 },
  { "county_units_2_expressways_pct", "县(市、区)双高速比例",
    "County units with 2+ expressways", "%", 1 },
  { "interchange_minutes", "县城至最近高速出入口(最长)",
    "County seat to nearest interchange (worst)", "min", 1 },
  { NULL, NULL, NULL, NULL, 0 }
};

static void
unit_label (GString *text, const TnetUnit *u)
{
  g_string_append_printf (text, "  %s %s", u->name, u->name_en ? u->name_en : u->id);
}

static gboolean
run_network (const TnetReportContext *ctx, JsonBuilder *b, GString *text, GError **error)
{
  const TnetNetwork *net = ctx->net;
  const TnetScenario *scen = ctx->scen;
  const char *home = TNET_REPORT_HOME_REGION;

  tnet_i_json_add_number (b, "expressway_km",
      tnet_indicator_length_km (net, scen, TNET_MODE_BIT (TNET_MODE_EXPRESSWAY), home), 1);
  tnet_i_json_add_number (b, "rail_km",
      tnet_indicator_length_km (net, scen, TNET_MODES_RAIL, home), 1);
  tnet_i_json_add_number (b, "hsr_km",
      tnet_indicator_length_km (net, scen, TNET_MODE_BIT (TNET_MODE_HSR), home), 1);
  tnet_i_json_add_number (b, "trunk_class2_pct",
      tnet_indicator_class_share_pct (net, scen, TNET_MODE_BIT (TNET_MODE_TRUNK), home,
                                      good_trunk_classes), 1);
  if (!ctx->units)
    return TRUE;

  const TnetUnitTable *units = ctx->units;
  guint n = tnet_unit_table_n_units (units);
  guint mask = TNET_MODE_BIT (TNET_MODE_EXPRESSWAY);
  tnet_i_json_add_number (b, "county_units_2_expressways_pct",
      tnet_indicator_units_min_lines_pct (net, scen, units, mask, 2), 1);

  g_autofree double *minutes = g_new (double, n);
  g_autofree TnetId *ic = g_new (TnetId, n);
  if (!tnet_indicator_interchange_minutes (net, scen, units, minutes, ic, error))
    return FALSE;

  g_string_append (text, "county unit: expressway lines | minutes to nearest interchange\n");
  json_builder_set_member_name (b, "county_unit_expressways");
  json_builder_begin_object (b);
  for (guint u = 0; u < n; u++)
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
  "network", "路网规模与覆盖 Network size and coverage", network_indicators, run_network
};

static const TnetReportIndicator line_indicators[] = {
  { "zhengzhou_rail_lines", "郑许间铁路通道", "Rail lines Xuchang-Zhengzhou", "lines", 0 },
  { "zhengzhou_road_lines", "郑许间公路通道", "Road lines Xuchang-Zhengzhou", "lines", 0 },
  { "airport_rail_lines", "许昌至航空港区铁路通道", "Rail lines Xuchang-airport zone", "lines", 0 },
  { "airport_road_lines", "许昌至航空港区公路通道", "Road lines Xuchang-airport zone", "lines", 0 },
  { NULL, NULL, NULL, NULL, 0 }
};

static gboolean
run_lines (const TnetReportContext *ctx, JsonBuilder *b, GString *text, GError **error)
{
  static const struct {
    const char *prefix;
    const char *region;
    const char *label;
  } pairs[] = {
    { "zhengzhou", TNET_REPORT_ZHENGZHOU_REGION, "Zhengzhou" },
    { "airport", TNET_REPORT_AIRPORT_REGION, "airport zone" },
  };
  static const struct {
    const char *group;
    guint mask;
  } groups[] = {
    { "rail", TNET_MODES_RAIL },
    { "road", TNET_MODES_ROAD },
  };
  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
      {
        g_autoptr (GPtrArray) lines = g_ptr_array_new ();
        guint count = tnet_corridor_line_count (ctx->net, ctx->scen,
                                                TNET_REPORT_HOME_REGION,
                                                pairs[p].region, groups[g].mask, lines);
        g_autofree char *key = g_strdup_printf ("%s_%s_lines", pairs[p].prefix,
                                                groups[g].group);
        g_autofree char *names = g_strdup_printf ("%s_names", key);
        json_builder_set_member_name (b, key);
        json_builder_add_int_value (b, count);
        tnet_i_json_add_strings (b, names, lines);
        g_string_append_printf (text, "  %s lines to %s (%u):", groups[g].group,
                                pairs[p].label, count);
        for (guint k = 0; k < lines->len; k++)
          g_string_append_printf (text, "%s%s", k ? ", " : " ",
                                  (const char *) g_ptr_array_index (lines, k));
        g_string_append_c (text, '\n');
      }
  return TRUE;
}

const TnetReportSection tnet_i_report_section_lines = {
  "lines", "郑许、许港通道 Corridor lines", line_indicators, run_lines
};
