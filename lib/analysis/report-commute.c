/* report-commute.c: the commute section of the plan-indicator report: per
 * county unit the fastest time to Zhengzhou centre, 郑州东 and the airport
 * zone by car, transit and park-and-ride; the share of Xuchang's population
 * within 60 minutes of Zhengzhou centre; and, from the second column on,
 * the changes against the column before with the lines responsible. */
#include "tnet-internal.h"
#include "report-private.h"

#define COMMUTE_BUDGET_MIN 60.0

static const char *const destination_ids[] = {
  "zz_center", "zz_east_station", "airport_center"
};
static const TnetProfile profiles[] = {
  TNET_PROFILE_CAR, TNET_PROFILE_TRANSIT, TNET_PROFILE_PARK_AND_RIDE
};
#define N_PROFILES G_N_ELEMENTS (profiles)
/* the corridor section scans criticality on the same profiles */
const TnetProfile *const tnet_i_report_commute_profiles = profiles;
const guint tnet_i_report_n_commute_profiles = N_PROFILES;

static const TnetReportIndicator commute_indicators[] = {
  { "commute_60min_pct", "郑许一小时通勤圈(人口比例)",
    "Population within 60 min of Zhengzhou centre (any profile)", "%", 1 },
  { NULL, NULL, NULL, NULL, 0 }
};

/* What a column keeps for the next one to compare with. */
typedef struct {
  TnetCommute *commute;
  GArray *unit_rows;      /* per unit: its origin row in the commute, or G_MAXUINT */
} CommuteCache;

static void
commute_cache_free (gpointer p)
{
  CommuteCache *c = p;
  tnet_commute_free (c->commute);
  g_array_unref (c->unit_rows);
  g_free (c);
}

static gboolean
contains (const char *const *lines, const char *line)
{
  for (guint k = 0; lines[k]; k++)
    if (strcmp (lines[k], line) == 0)
      return TRUE;
  return FALSE;
}

static void
append_lines (GString *s, const char *const *lines)
{
  for (guint k = 0; lines[k]; k++)
    g_string_append_printf (s, "%s%s", k ? ", " : "", lines[k]);
  if (!lines[0])
    g_string_append (s, "-");
}

static double
cell_min (const TnetCommuteCell *cell)
{
  return cell->total_ms == TNET_WEIGHT_INF ? INFINITY : cell->total_ms / 60000.0;
}

static gboolean
run_commute (const TnetReportContext *ctx, JsonBuilder *b, GString *text, GError **error)
{
  const TnetNetwork *net = ctx->net;
  if (!ctx->units)
    return TRUE;
  /* destinations present in this network (another network may have none) */
  g_autoptr (GArray) dests = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (guint k = 0; k < G_N_ELEMENTS (destination_ids); k++)
    {
      TnetId v = tnet_network_find_node (net, destination_ids[k]);
      if (v != TNET_ID_NONE)
        g_array_append_val (dests, v);
    }
  if (dests->len == 0 || tnet_network_find_node (net, "zz_center") == TNET_ID_NONE)
    return TRUE;
  /* origins: every zone of Xuchang (population) and each unit's zone */
  g_autoptr (GArray) origins = g_array_new (FALSE, FALSE, sizeof (TnetId));
  GError *local = NULL;
  if (!tnet_commute_select (net, "region:" TNET_REPORT_HOME_REGION, origins, &local))
    g_clear_error (&local);  /* no zones: only the units' own nodes */
  guint n_units = tnet_unit_table_n_units (ctx->units);
  GArray *unit_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint u = 0; u < n_units; u++)
    {
      const TnetUnit *unit = tnet_unit_table_get (ctx->units, u);
      TnetId z = unit->zone_node != TNET_ID_NONE ? unit->zone_node : unit->seat_node;
      guint row = G_MAXUINT;
      for (guint o = 0; o < origins->len && row == G_MAXUINT; o++)
        if (g_array_index (origins, TnetId, o) == z)
          row = o;
      if (row == G_MAXUINT)
        {
          row = origins->len;
          g_array_append_val (origins, z);
        }
      g_array_append_val (unit_rows, row);
    }

  TnetMultimodal *graphs[N_PROFILES] = { NULL };
  if (!tnet_commute_build_graphs (net, ctx->scen, profiles, N_PROFILES, graphs, error))
    {
      g_array_unref (unit_rows);
      return FALSE;
    }
  TnetCommute *c = tnet_commute_compute (net, graphs, N_PROFILES,
                                         (const TnetId *) (void *) origins->data, origins->len,
                                         (const TnetId *) (void *) dests->data, dests->len,
                                         TNET_COMMUTE_TO, COMMUTE_BUDGET_MIN);
  for (guint p = 0; p < N_PROFILES; p++)
    tnet_multimodal_unref (graphs[p]);
  CommuteCache *cache = g_new0 (CommuteCache, 1);
  cache->commute = c;
  cache->unit_rows = unit_rows;
  tnet_i_report_cache_set (ctx, "commute", cache, commute_cache_free);

  /* share of the population within 60 min of zz_center (destination 0) */
  guint d_center = 0;
  json_builder_set_member_name (b, "commute_60min_population_pct");
  json_builder_begin_object (b);
  for (guint p = 0; p < N_PROFILES; p++)
    tnet_i_json_add_number (b, tnet_profile_to_string (profiles[p]),
                            tnet_commute_share_pct (c, p, d_center), 1);
  json_builder_end_object (b);
  /* any profile: a zone counts when one way of travelling fits */
  double total = tnet_commute_population_total (c), within = 0;
  for (guint o = 0; o < tnet_commute_n_origins (c); o++)
    {
      gboolean ok = FALSE;
      for (guint p = 0; p < N_PROFILES; p++)
        ok |= cell_min (tnet_commute_cell (c, p, o, d_center)) <= COMMUTE_BUDGET_MIN;
      if (ok)
        within += tnet_network_node (net, tnet_commute_origin (c, o))->population;
    }
  tnet_i_json_add_number (b, "commute_60min_pct", total > 0 ? 100.0 * within / total : NAN, 1);

  json_builder_set_member_name (b, "commute_minutes");
  json_builder_begin_object (b);
  g_string_append_printf (text, "minutes door to door (car / transit / park-and-ride), "
                                "✓ = within %.0f min\n", COMMUTE_BUDGET_MIN);
  for (guint u = 0; u < n_units; u++)
    {
      const TnetUnit *unit = tnet_unit_table_get (ctx->units, u);
      guint o = g_array_index (unit_rows, guint, u);
      json_builder_set_member_name (b, unit->id);
      json_builder_begin_object (b);
      g_string_append_printf (text, "  %s %s\n", unit->name, unit->name_en ? unit->name_en : "");
      for (guint d = 0; d < tnet_commute_n_destinations (c); d++)
        {
          const TnetNode *dn = tnet_network_node (net, tnet_commute_destination (c, d));
          json_builder_set_member_name (b, dn->id);
          json_builder_begin_object (b);
          g_string_append_printf (text, "    → %s:", dn->name);
          for (guint p = 0; p < N_PROFILES; p++)
            {
              const TnetCommuteCell *cell = tnet_commute_cell (c, p, o, d);
              double m = cell_min (cell);
              tnet_i_json_add_number (b, tnet_profile_to_string (profiles[p]), m, 1);
              if (isfinite (m))
                g_string_append_printf (text, " %.1f%s", m, m <= COMMUTE_BUDGET_MIN ? "✓" : "");
              else
                g_string_append (text, " -");
              g_string_append (text, p + 1 < N_PROFILES ? " /" : "");
            }
          g_string_append_c (text, '\n');
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  g_string_append (text, "  population within 60 min of Zhengzhou centre:");
  for (guint p = 0; p < N_PROFILES; p++)
    g_string_append_printf (text, " %s %.1f %%", tnet_profile_to_string (profiles[p]),
                            tnet_commute_share_pct (c, p, d_center));
  g_string_append_c (text, '\n');

  /* changes against the column before, with the lines responsible */
  const CommuteCache *prev = ctx->previous
                             ? tnet_i_report_cache_get (ctx->previous, "commute") : NULL;
  if (!prev || tnet_commute_n_destinations (prev->commute) != tnet_commute_n_destinations (c))
    return TRUE;
  json_builder_set_member_name (b, "commute_changes");
  json_builder_begin_array (b);
  g_string_append_printf (text, "  changes since %s (lines now used that were not before):\n",
                          ctx->previous->column);
  for (guint u = 0; u < n_units; u++)
    {
      const TnetUnit *unit = tnet_unit_table_get (ctx->units, u);
      guint o = g_array_index (unit_rows, guint, u);
      guint po = g_array_index (prev->unit_rows, guint, u);
      for (guint d = 0; d < tnet_commute_n_destinations (c); d++)
        for (guint p = 0; p < N_PROFILES; p++)
          {
            const TnetCommuteCell *now = tnet_commute_cell (c, p, o, d);
            const TnetCommuteCell *was = tnet_commute_cell (prev->commute, p, po, d);
            /* a change people can see at the 0.1 min shown */
            if (now->total_ms == was->total_ms
                || (now->total_ms != TNET_WEIGHT_INF && was->total_ms != TNET_WEIGHT_INF
                    && llround (now->total_ms / 6000.0) == llround (was->total_ms / 6000.0)))
              continue;
            const char *dest = tnet_network_node (net, tnet_commute_destination (c, d))->id;
            json_builder_begin_object (b);
            json_builder_set_member_name (b, "unit");
            json_builder_add_string_value (b, unit->id);
            json_builder_set_member_name (b, "destination");
            json_builder_add_string_value (b, dest);
            json_builder_set_member_name (b, "profile");
            json_builder_add_string_value (b, tnet_profile_to_string (profiles[p]));
            tnet_i_json_add_number (b, "minutes_before", cell_min (was), 1);
            tnet_i_json_add_number (b, "minutes_after", cell_min (now), 1);
            g_autoptr (GPtrArray) added = g_ptr_array_new ();
            g_autoptr (GPtrArray) dropped = g_ptr_array_new ();
            for (guint k = 0; now->lines[k]; k++)
              if (!contains (was->lines, now->lines[k]))
                g_ptr_array_add (added, (gpointer) now->lines[k]);
            for (guint k = 0; was->lines[k]; k++)
              if (!contains (now->lines, was->lines[k]))
                g_ptr_array_add (dropped, (gpointer) was->lines[k]);
            tnet_i_json_add_strings (b, "lines_added", added);
            tnet_i_json_add_strings (b, "lines_dropped", dropped);
            json_builder_end_object (b);

            g_string_append_printf (text, "    %s → %s, %s: %.1f → %.1f min; was ", unit->name,
                                    tnet_network_node (net, tnet_commute_destination (c, d))->name,
                                    tnet_profile_to_string (profiles[p]),
                                    cell_min (was), cell_min (now));
            append_lines (text, was->lines);
            g_string_append (text, "; now ");
            append_lines (text, now->lines);
            g_string_append_c (text, '\n');
          }
    }
  json_builder_end_array (b);
  return TRUE;
}

const TnetReportSection tnet_i_report_section_commute = {
  "commute", "郑许一小时通勤 Zhengzhou-Xuchang commute", commute_indicators, run_commute
};
