/* report.c: the plan-indicator report. Runs every section for every
 * scenario column and renders the results as JSON, CSV and an aligned text
 * table. The sections themselves live beside the analyses they report. */
#include "tnet-internal.h"
#include "report-private.h"
#include "text-columns.h"
#include "json-text.h"

/* The sections, in report order. Add yours here (see report-private.h). */
static const TnetReportSection *const sections[] = {
  &tnet_i_report_section_network,
  &tnet_i_report_section_lines,
  &tnet_i_report_section_commute,
  &tnet_i_report_section_corridors,
  &tnet_i_report_section_hubs,
  &tnet_i_report_section_summary,
  &tnet_i_report_section_rings,
  &tnet_i_report_section_axes,
};
#define N_SECTIONS G_N_ELEMENTS (sections)

/* A row of the summary table (tnet_i_report_indicator). */
typedef struct {
  char *key;
  char *name;
  char *unit;
  int decimals;
} Row;

struct _TnetReport {
  GArray *rows[N_SECTIONS];     /* Row, per section, in declaration order */
  char *section_titles[N_SECTIONS];
  char *table_header;
  guint n_columns;
  char **columns;               /* column names (n_columns) */
  JsonNode **indicators;        /* per column: the "indicators" object */
  char **details;               /* [column * N_SECTIONS + section]: text, maybe "" */
  const TnetTargetTable *targets; /* the dataset's; NULL when the folder has none */
  JsonNode **evidence;          /* per column: indicator -> inputs, calibrated, verdict */
  GHashTable *calibrated;       /* indicator keys calibrated in the last column */
  char *title;                  /* first line of the text rendering */
  GHashTable **spread;          /* per column: key -> TnetReportSpread* (uncertainty), or NULL */
  guint n_draws;                /* draws behind @spread, 0 when none */
  const TnetPlan *plan;         /* the dataset's (the draws' ranges); may be NULL */
};

void
tnet_report_free (TnetReport *report)
{
  if (!report)
    return;
  for (guint c = 0; c < report->n_columns; c++)
    if (report->indicators[c])
      json_node_unref (report->indicators[c]);
  g_free (report->indicators);
  for (guint c = 0; report->evidence && c < report->n_columns; c++)
    if (report->evidence[c])
      json_node_unref (report->evidence[c]);
  g_free (report->evidence);
  for (guint c = 0; report->spread && c < report->n_columns; c++)
    if (report->spread[c])
      g_hash_table_unref (report->spread[c]);
  g_free (report->spread);
  if (report->calibrated)
    g_hash_table_unref (report->calibrated);
  g_strfreev (report->columns);
  if (report->details)
    for (guint k = 0; k < report->n_columns * N_SECTIONS; k++)
      g_free (report->details[k]);
  g_free (report->details);
  for (guint sec = 0; sec < N_SECTIONS; sec++)
    {
      for (guint r = 0; report->rows[sec] && r < report->rows[sec]->len; r++)
        {
          Row *row = &g_array_index (report->rows[sec], Row, r);
          g_free (row->key);
          g_free (row->name);
          g_free (row->unit);
        }
      if (report->rows[sec])
        g_array_unref (report->rows[sec]);
      g_free (report->section_titles[sec]);
    }
  g_free (report->table_header);
  g_free (report->title);
  g_free (report);
}

gpointer
tnet_i_report_cache_get (const TnetReportContext *ctx, const char *key)
{
  return g_datalist_get_data (ctx->cache, key);
}

void
tnet_i_report_cache_set (const TnetReportContext *ctx, const char *key,
                         gpointer data, GDestroyNotify destroy)
{
  g_datalist_set_data_full (ctx->cache, key, data, destroy);
}

const TnetNodeSet *
tnet_i_report_node_set (const TnetReportContext *ctx, const char *spec)
{
  g_autofree char *key = g_strdup_printf ("node set %s", spec);
  GData **where = ctx->keep ? ctx->keep : ctx->cache;
  TnetNodeSet *set = g_datalist_get_data (where, key);
  if (set == NULL && (set = tnet_node_set_resolve (ctx->net, spec, NULL)) != NULL)
    g_datalist_set_data_full (where, key, set, (GDestroyNotify) tnet_node_set_free);
  return set;
}

guint
tnet_i_report_commute_profiles (const TnetReportContext *ctx, TnetProfile *out)
{
  guint n = 0;
  for (guint g = 0; ctx->plan && g < tnet_plan_n_commutes (ctx->plan); g++)
    {
      const TnetPlanCommute *grp = tnet_plan_get_commute (ctx->plan, g);
      for (guint p = 0; p < grp->n_profiles; p++)
        {
          gboolean seen = FALSE;
          for (guint i = 0; i < n; i++)
            seen |= out[i] == grp->profiles[p];
          if (!seen && n < TNET_N_PROFILES)
            out[n++] = grp->profiles[p];
        }
    }
  if (n == 0)
    out[n++] = TNET_PROFILE_CAR;
  return n;
}

TnetMultimodal *
tnet_i_report_profile_graph (const TnetReportContext *ctx, TnetProfile profile, GError **error)
{
  g_autofree char *key = g_strdup_printf ("graph %s", tnet_profile_to_string (profile));
  TnetMultimodal *mm = tnet_i_report_cache_get (ctx, key);
  if (mm != NULL)
    return mm;
  const TnetFeed *feed = NULL;
  if (!tnet_dataset_get_feed (ctx->ds, tnet_scenario_get_year (ctx->scen), &feed, error))
    return NULL;
  /* a draw re-weights the graph its thread built in an earlier draw: the
   * draws move link values and headways, never which arcs exist */
  mm = ctx->keep ? g_datalist_get_data (ctx->keep, key) : NULL;
  if (mm != NULL)
    tnet_i_multimodal_reweight (tnet_multimodal_ref (mm), ctx->net, ctx->scen, feed);
  else if (!tnet_commute_build_graphs (ctx->net, ctx->scen, feed,
                                       tnet_dataset_get_hubs (ctx->ds), &profile, 1, &mm,
                                       error))
    return NULL;
  else if (ctx->keep)
    g_datalist_set_data_full (ctx->keep, key, tnet_multimodal_ref (mm),
                              (GDestroyNotify) tnet_multimodal_unref);
  tnet_i_report_cache_set (ctx, key, mm, (GDestroyNotify) tnet_multimodal_unref);
  return mm;
}

void
tnet_i_json_add_strings (JsonBuilder *b, const char *key, const GPtrArray *strings)
{
  if (key)
    json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (guint k = 0; strings && k < strings->len; k++)
    json_builder_add_string_value (b, g_ptr_array_index (strings, k));
  json_builder_end_array (b);
}

void
tnet_i_report_indicator (const TnetReportContext *ctx, const char *key, const char *name,
                         const char *unit, int decimals)
{
  GArray *rows = ctx->report->rows[ctx->section];
  for (guint r = 0; r < rows->len; r++)
    if (strcmp (g_array_index (rows, Row, r).key, key) == 0)
      return;
  const char *renamed = ctx->plan ? tnet_plan_get_name (ctx->plan, key) : NULL;
  Row row = { g_strdup (key), g_strdup (renamed ? renamed : name), g_strdup (unit), decimals };
  g_array_append_val (rows, row);
}

void
tnet_i_report_set_title (const TnetReportContext *ctx, const char *title)
{
  g_free (ctx->report->section_titles[ctx->section]);
  ctx->report->section_titles[ctx->section] = g_strdup (title);
}

static JsonNode *member (const TnetReport *report, guint column, const char *key);
static const TnetTarget *find_target (const TnetReport *report, const char *key);
static double summary_value (JsonNode *node, const TnetTarget *target);
static gboolean is_indeterminate (const TnetReportSpread *s);
static const TnetReportSpread *spread_of (const TnetReport *report, guint column,
                                          const char *key);

/* Per column and indicator: what it rests on, whether an input was
 * calibrated to its own target, and the verdict the report gives. */
static void
compute_evidence (TnetReport *report, const TnetNetwork *net, const char *home,
                  const TnetScenario *const *scenarios)
{
  report->evidence = g_new0 (JsonNode *, MAX (report->n_columns, 1));
  report->calibrated = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint c = 0; c < report->n_columns; c++)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      for (guint s = 0; s < N_SECTIONS; s++)
        for (guint r = 0; r < report->rows[s]->len; r++)
          {
            const Row *i = &g_array_index (report->rows[s], Row, r);
            JsonNode *node = member (report, c, i->key);
            if (!node)
              continue;
            gboolean calibrated = tnet_i_report_indicator_calibrated (net, scenarios[c], i->key);
            if (calibrated && c + 1 == report->n_columns)
              g_hash_table_add (report->calibrated, (gpointer) i->key);
            json_builder_set_member_name (b, i->key);
            json_builder_begin_object (b);
            tnet_i_report_add_inputs (net, scenarios[c], home, i->key, b);
            json_builder_set_member_name (b, "calibrated");
            json_builder_add_boolean_value (b, calibrated);
            const TnetTarget *t = find_target (report, i->key);
            json_builder_set_member_name (b, "verdict");
            json_builder_add_string_value (b, !t ? "no target"
                                           : calibrated ? "calibrated — not evidence"
                                           : tnet_target_check (t, summary_value (node, t))
                                           ? "pass" : "fail");
            json_builder_end_object (b);
          }
      json_builder_end_object (b);
      report->evidence[c] = json_builder_get_root (b);
    }
}

TnetReport *
tnet_report_compute (const TnetDataset *ds, const TnetScenario *const *scenarios,
                     guint n_scenarios, GError **error)
{
  g_return_val_if_fail (ds != NULL, NULL);
  g_return_val_if_fail (scenarios != NULL || n_scenarios == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return tnet_i_report_run (ds, tnet_dataset_get_network (ds), scenarios, n_scenarios, TRUE,
                            error);
}

static TnetReport *report_run (const TnetDataset *ds, const TnetNetwork *net,
                               const TnetScenario *const *scenarios, guint n_scenarios,
                               gboolean evidence, GData **keep, GError **error);

TnetReport *
tnet_i_report_run (const TnetDataset *ds, const TnetNetwork *net,
                   const TnetScenario *const *scenarios, guint n_scenarios,
                   gboolean evidence, GError **error)
{
  return report_run (ds, net, scenarios, n_scenarios, evidence, NULL, error);
}

TnetReport *
tnet_i_report_run_draw (const TnetDataset *ds, const TnetNetwork *net,
                        const TnetScenario *const *scenarios, guint n_scenarios,
                        GData **keep, GError **error)
{
  g_return_val_if_fail (keep != NULL || n_scenarios == 0, NULL);
  return report_run (ds, net, scenarios, n_scenarios, FALSE, keep, error);
}

static TnetReport *
report_run (const TnetDataset *ds, const TnetNetwork *net,
            const TnetScenario *const *scenarios, guint n_scenarios, gboolean evidence,
            GData **keep, GError **error)
{
  const TnetPlan *plan = tnet_dataset_get_plan (ds);
  const TnetUnitTable *units = tnet_dataset_get_units (ds);
  const TnetTargetTable *targets = tnet_dataset_get_targets (ds);
  for (guint c = 0; c < n_scenarios; c++)
    if (!tnet_dataset_check_year (ds, tnet_scenario_get_year (scenarios[c]), error))
      return NULL;

  TnetReport *report = g_new0 (TnetReport, 1);
  report->targets = targets;
  report->plan = plan;
  report->n_columns = n_scenarios;
  report->columns = g_new0 (char *, n_scenarios + 1);
  report->indicators = g_new0 (JsonNode *, n_scenarios);
  report->details = g_new0 (char *, n_scenarios * N_SECTIONS + 1);
  for (guint sec = 0; sec < N_SECTIONS; sec++)
    {
      report->rows[sec] = g_array_new (FALSE, FALSE, sizeof (Row));
      const char *t = plan ? tnet_plan_get_name (plan, sections[sec]->id) : NULL;
      report->section_titles[sec] = g_strdup (t ? t : sections[sec]->title);
    }
  const char *header = plan ? tnet_plan_get_table_header (plan) : NULL;
  report->table_header = g_strdup (header ? header : "Indicator");
  const char *title = plan ? tnet_plan_get_title (plan, NULL) : NULL;
  report->title = title ? g_strdup (title)
                  : g_strdup_printf ("%s network summary", tnet_dataset_get_name (ds));
  for (guint c = 0; c < n_scenarios; c++)
    {
      int year = tnet_scenario_get_year (scenarios[c]);
      gboolean unique = TRUE;
      for (guint o = 0; o < n_scenarios; o++)
        if (o != c && tnet_scenario_get_year (scenarios[o]) == year)
          unique = FALSE;
      const char *name = tnet_scenario_get_name (scenarios[c]);
      report->columns[c] = unique || !name ? g_strdup_printf ("%d", year)
                                           : g_strdup (name);
    }

  GData **caches = g_new0 (GData *, MAX (n_scenarios, 1));
  TnetReportContext *ctxs = g_new0 (TnetReportContext, MAX (n_scenarios, 1));
  gboolean ok = TRUE;
  for (guint c = 0; c < n_scenarios && ok; c++)
    {
      g_datalist_init (&caches[c]);
      ctxs[c] = (TnetReportContext) {
        .ds = ds, .plan = plan, .report = report,
        .net = net, .scen = scenarios[c], .column = report->columns[c],
        .column_index = c, .n_columns = n_scenarios, .units = units, .targets = targets,
        .previous = c > 0 ? &ctxs[c - 1] : NULL, .cache = &caches[c],
        .keep = keep ? &keep[c] : NULL,
      };
      g_autoptr (JsonBuilder) b = json_builder_new ();
      json_builder_begin_object (b);
      for (guint s = 0; s < N_SECTIONS && ok; s++)
        {
          GString *text = g_string_new (NULL);
          ctxs[c].section = s;
          ok = sections[s]->run (&ctxs[c], b, text, error);
          report->details[c * N_SECTIONS + s] = g_string_free (text, FALSE);
          if (!ok)
            g_prefix_error (error, "%s, %s: ", report->columns[c], sections[s]->id);
        }
      json_builder_end_object (b);
      report->indicators[c] = json_builder_get_root (b);
    }
  if (ok && evidence)
    compute_evidence (report, net, plan ? tnet_plan_get_home (plan) : NULL, scenarios);
  for (guint c = 0; c < n_scenarios; c++)
    g_datalist_clear (&caches[c]);
  g_free (caches);
  g_free (ctxs);
  if (!ok)
    {
      tnet_report_free (report);
      return NULL;
    }
  return report;
}

/* The number a table row shows for @node: itself, or the worst member of an
 * object/array of numbers under @target's comparison. */
static double
summary_value (JsonNode *node, const TnetTarget *target)
{
  if (!node)
    return NAN;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType t = json_node_get_value_type (node);
      if (t == G_TYPE_DOUBLE || t == G_TYPE_INT64 || t == G_TYPE_INT)
        return json_node_get_double (node);
      if (t == G_TYPE_BOOLEAN)
        return json_node_get_boolean (node) ? 1 : 0;
      return NAN;
    }
  GList *members = NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    members = json_object_get_values (json_node_get_object (node));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    members = json_array_get_elements (json_node_get_array (node));
  else
    return NAN; /* null */
  gboolean want_min = target && target->comparison == TNET_COMPARE_GE;
  double worst = NAN;
  for (GList *l = members; l; l = l->next)
    {
      JsonNode *m = l->data;
      double v;
      if (JSON_NODE_HOLDS_NULL (m))
        v = want_min ? -INFINITY : INFINITY;   /* unreachable: the worst */
      else if (JSON_NODE_HOLDS_VALUE (m))
        v = json_node_get_double (m);
      else
        continue;
      if (isnan (worst) || (want_min ? v < worst : v > worst))
        worst = v;
    }
  g_list_free (members);
  return worst;
}

static JsonNode *
member (const TnetReport *report, guint column, const char *key)
{
  JsonObject *o = json_node_get_object (report->indicators[column]);
  return json_object_has_member (o, key) ? json_object_get_member (o, key) : NULL;
}

double
tnet_report_get_value (const TnetReport *report, guint column, const char *key)
{
  g_return_val_if_fail (report != NULL, NAN);
  g_return_val_if_fail (column < report->n_columns, NAN);
  g_return_val_if_fail (key != NULL, NAN);
  JsonNode *node = member (report, column, key);
  if (!node || !JSON_NODE_HOLDS_VALUE (node))
    return NAN;
  return json_node_get_double (node);
}

/* The target of @key when it has a 2025 figure, else NULL. */
static const TnetTarget *
find_target (const TnetReport *report, const char *key)
{
  const TnetTarget *t = report->targets ? tnet_target_table_find (report->targets, key) : NULL;
  return t && !isnan (t->target_2025) ? t : NULL;
}

/* Every declared row with a value in some column, in section order. */
static GArray *
table_rows (const TnetReport *report)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (const Row *));
  for (guint sec = 0; sec < N_SECTIONS; sec++)
    for (guint r = 0; r < report->rows[sec]->len; r++)
      {
        const Row *row = &g_array_index (report->rows[sec], Row, r);
        gboolean seen = FALSE;
        for (guint c = 0; c < report->n_columns; c++)
          seen |= member (report, c, row->key) != NULL;
        if (seen)
          g_array_append_val (rows, row);
      }
  return rows;
}

/* Targets no section computed (listed so that nothing is silently left out). */
static gboolean
target_is_computed (const TnetReport *report, const char *key)
{
  for (guint c = 0; c < report->n_columns; c++)
    if (member (report, c, key))
      return TRUE;
  return FALSE;
}

/* TRUE when the evidence of column @c says @key was calibrated. */
static gboolean
column_calibrated (const TnetReport *report, guint c, const char *key)
{
  if (!report->evidence || !report->evidence[c])
    return FALSE;
  JsonObject *o = json_node_get_object (report->evidence[c]);
  if (!json_object_has_member (o, key))
    return FALSE;
  return json_object_get_boolean_member (json_object_get_object_member (o, key), "calibrated");
}

char *
tnet_report_to_json (const TnetReport *report, gboolean pretty)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "scenarios");
  json_builder_begin_object (b);
  for (guint c = 0; c < report->n_columns; c++)
    {
      json_builder_set_member_name (b, report->columns[c]);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "indicators");
      json_builder_add_value (b, json_node_copy (report->indicators[c]));
      if (report->evidence && report->evidence[c])
        {
          json_builder_set_member_name (b, "evidence");
          json_builder_add_value (b, json_node_copy (report->evidence[c]));
        }
      json_builder_set_member_name (b, "pass");
      json_builder_begin_object (b);
      for (guint t = 0; report->targets && t < tnet_target_table_n_targets (report->targets); t++)
        {
          const TnetTarget *target = tnet_target_table_get (report->targets, t);
          JsonNode *node = member (report, c, target->indicator);
          if (!node || isnan (target->target_2025))
            continue;
          json_builder_set_member_name (b, target->indicator);
          if (column_calibrated (report, c, target->indicator))
            json_builder_add_null_value (b);   /* calibrated: not evidence either way */
          else
            json_builder_add_boolean_value (b, tnet_target_check (target,
                                            summary_value (node, target)));
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  if (report->spread)
    {
      /* what the draws varied and how (report-uncertainty.c) */
      TnetUncertaintyRanges h;
      tnet_i_uncertainty_ranges (report->plan, &h);
      g_autoptr (GPtrArray) lines = tnet_i_uncertainty_describe (&h);
      json_builder_set_member_name (b, "uncertainty");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "draws");
      json_builder_add_int_value (b, report->n_draws);
      tnet_i_json_add_strings (b, "distributions", lines);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "targets");
  json_builder_begin_object (b);
  for (guint t = 0; report->targets && t < tnet_target_table_n_targets (report->targets); t++)
    {
      const TnetTarget *target = tnet_target_table_get (report->targets, t);
      json_builder_set_member_name (b, target->indicator);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, target->name);
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, target->unit);
      tnet_i_json_add_number (b, "baseline_2020", target->baseline_2020, 3);
      tnet_i_json_add_number (b, "target_2025", target->target_2025, 3);
      json_builder_set_member_name (b, "comparison");
      json_builder_add_string_value (b, tnet_comparison_to_string (target->comparison));
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, target->source ? target->source : "");
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return tnet_json_to_text (root, pretty ? 2 : 0);
}

static void
format_number (GString *s, double v, int decimals)
{
  if (isnan (v))
    g_string_append (s, "-");
  else if (isinf (v))
    g_string_append (s, v > 0 ? "unreached" : "-unreached");
  else
    g_string_append_printf (s, "%.*f", decimals, v);
}

/* TRUE when an input of @key was calibrated to its own target in the last
 * column (the one pass/fail judges). */
static gboolean
is_calibrated (const TnetReport *report, const char *key)
{
  return report->calibrated && g_hash_table_contains (report->calibrated, key);
}

char *
tnet_report_to_csv (const TnetReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  TnetCsvWriter *w = tnet_csv_writer_new (NULL);
  tnet_csv_writer_add_text (w, "indicator");
  for (guint c = 0; c < report->n_columns; c++)
    tnet_csv_writer_add_text (w, report->columns[c]);
  tnet_csv_writer_add_text (w, "target");
  tnet_csv_writer_add_text (w, "pass");
  static const char *const spread_names[4] = { "p05", "p50", "p95", "pass_probability" };
  for (guint c = 0; report->spread && c < report->n_columns; c++)
    for (guint k = 0; k < 4; k++)
      {
        g_autofree char *h = g_strdup_printf ("%s_%s", report->columns[c], spread_names[k]);
        tnet_csv_writer_add_text (w, h);
      }
  tnet_csv_writer_end_row (w);
  g_autoptr (GArray) rows = table_rows (report);
  for (guint r = 0; r < rows->len; r++)
    {
      const Row *info = g_array_index (rows, const Row *, r);
      const TnetTarget *target = find_target (report, info->key);
      tnet_csv_writer_add_text (w, info->key);
      double last = NAN;
      for (guint c = 0; c < report->n_columns; c++)
        {
          last = summary_value (member (report, c, info->key), target);
          if (isinf (last))
            tnet_csv_writer_add_text (w, last > 0 ? "unreached" : "-unreached");
          else
            tnet_csv_writer_add_number (w, last, info->decimals);  /* NaN: empty */
        }
      tnet_csv_writer_add_number (w, target ? target->target_2025 : NAN, -1);
      tnet_csv_writer_add_text (w, !target ? NULL
                                : is_calibrated (report, info->key) ? "calibrated — not evidence"
                                : tnet_target_check (target, last) ? "pass" : "fail");
      for (guint c = 0; report->spread && c < report->n_columns; c++)
        {
          const TnetReportSpread *sp = spread_of (report, c, info->key);
          tnet_csv_writer_add_number (w, sp ? sp->p05 : NAN, info->decimals + 1);
          tnet_csv_writer_add_number (w, sp ? sp->p50 : NAN, info->decimals + 1);
          tnet_csv_writer_add_number (w, sp ? sp->p95 : NAN, info->decimals + 1);
          tnet_csv_writer_add_number (w, sp ? sp->pass_probability : NAN, 4);
        }
      tnet_csv_writer_end_row (w);
    }
  return tnet_csv_writer_free_to_string (w);
}

static const char *
comparison_symbol (TnetComparison cmp)
{
  switch (cmp)
    {
    case TNET_COMPARE_GE: return "≥";
    case TNET_COMPARE_LE: return "≤";
    default: return "=";
    }
}

char *
tnet_report_to_text (const TnetReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_autoptr (GArray) rows = table_rows (report);
  /* cells[r][k]: name, unit, columns..., target, pass[, p05-p95, P(pass)] */
  gboolean spread = report->spread != NULL && report->n_columns > 0;
  guint last_c = report->n_columns ? report->n_columns - 1 : 0;
  guint n_cells = report->n_columns + 4 + (spread ? 2 : 0);
  GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (cells, g_strdup (report->table_header));
  g_ptr_array_add (cells, g_strdup ("unit"));
  for (guint c = 0; c < report->n_columns; c++)
    g_ptr_array_add (cells, g_strdup (report->columns[c]));
  g_ptr_array_add (cells, g_strdup ("target"));
  g_ptr_array_add (cells, g_strdup ("pass"));
  if (spread)
    {
      g_ptr_array_add (cells, g_strdup_printf ("%s p05..p95", report->columns[last_c]));
      g_ptr_array_add (cells, g_strdup ("P(pass)"));
    }

  guint n_rows = 1;
  for (guint r = 0; r < rows->len; r++, n_rows++)
    {
      const Row *info = g_array_index (rows, const Row *, r);
      const TnetTarget *target = find_target (report, info->key);
      g_ptr_array_add (cells, g_strdup (info->name));
      g_ptr_array_add (cells, g_strdup (info->unit));
      double last = NAN;
      for (guint c = 0; c < report->n_columns; c++)
        {
          GString *v = g_string_new (NULL);
          last = summary_value (member (report, c, info->key), target);
          format_number (v, last, info->decimals);
          g_ptr_array_add (cells, g_string_free (v, FALSE));
        }
      if (target)
        {
          g_ptr_array_add (cells, g_strdup_printf ("%s %g", comparison_symbol (target->comparison),
                                                   target->target_2025));
          g_ptr_array_add (cells, g_strdup (is_calibrated (report, info->key)
                                            ? "calibrated — not evidence"
                                            : tnet_target_check (target, last) ? "pass" : "FAIL"));
        }
      else
        {
          g_ptr_array_add (cells, g_strdup ("-"));
          g_ptr_array_add (cells, g_strdup (""));
        }
      if (spread)
        {
          const TnetReportSpread *sp = spread_of (report, last_c, info->key);
          if (sp)
            {
              GString *v = g_string_new (NULL);
              format_number (v, sp->p05, info->decimals);
              g_string_append (v, "..");
              format_number (v, sp->p95, info->decimals);
              g_ptr_array_add (cells, g_string_free (v, FALSE));
            }
          else
            g_ptr_array_add (cells, g_strdup ("-"));
          g_ptr_array_add (cells, !sp || isnan (sp->pass_probability) ? g_strdup ("")
                           : g_strdup_printf ("%.2f%s", sp->pass_probability,
                                              is_indeterminate (sp) ? " indeterminate" : ""));
        }
    }
  /* targets that no section computes */
  for (guint t = 0; report->targets && t < tnet_target_table_n_targets (report->targets); t++)
    {
      const TnetTarget *target = tnet_target_table_get (report->targets, t);
      if (target_is_computed (report, target->indicator))
        continue;
      g_ptr_array_add (cells, g_strdup_printf ("%s (%s)", target->name, target->indicator));
      g_ptr_array_add (cells, g_strdup (target->unit));
      for (guint c = 0; c < report->n_columns; c++)
        g_ptr_array_add (cells, g_strdup ("-"));
      g_ptr_array_add (cells, isnan (target->target_2025) ? g_strdup ("-")
                       : g_strdup_printf ("%s %g", comparison_symbol (target->comparison),
                                          target->target_2025));
      g_ptr_array_add (cells, g_strdup ("not computed"));
      if (spread)
        {
          g_ptr_array_add (cells, g_strdup ("-"));
          g_ptr_array_add (cells, g_strdup (""));
        }
      n_rows++;
    }

  g_autofree guint *width = g_new0 (guint, n_cells);
  for (guint r = 0; r < n_rows; r++)
    for (guint k = 0; k < n_cells; k++)
      width[k] = MAX (width[k], tnet_i_text_width (g_ptr_array_index (cells, r * n_cells + k)));

  GString *s = g_string_new (report->title);
  g_string_append (s, "\n\n");
  for (guint r = 0; r < n_rows; r++)
    {
      for (guint k = 0; k < n_cells; k++)
        {
          if (k)
            g_string_append (s, "  ");
          tnet_i_text_pad (s, g_ptr_array_index (cells, r * n_cells + k), width[k],
               k >= 2 && k != report->n_columns + 3);
        }
      while (s->len && s->str[s->len - 1] == ' ')
        g_string_truncate (s, s->len - 1);
      g_string_append_c (s, '\n');
      if (r == 0)
        {
          guint total = 0;
          for (guint k = 0; k < n_cells; k++)
            total += width[k] + (k ? 2 : 0);
          for (guint k = 0; k < total; k++)
            g_string_append_c (s, '-');
          g_string_append_c (s, '\n');
        }
    }
  g_ptr_array_unref (cells);
  if (spread)
    g_string_append_printf (s, "\n%u draws of the uncertain inputs (plan.ini [uncertainty]); "
                            "P(pass) between 0.05 and 0.95 is indeterminate.\n",
                            report->n_draws);
  if (spread)
    {
      TnetUncertaintyRanges h;
      tnet_i_uncertainty_ranges (report->plan, &h);
      g_autoptr (GPtrArray) lines = tnet_i_uncertainty_describe (&h);
      for (guint k = 0; k < lines->len; k++)
        g_string_append_printf (s, "  %s\n", (const char *) g_ptr_array_index (lines, k));
    }

  for (guint sec = 0; sec < N_SECTIONS; sec++)
    {
      gboolean any = FALSE;
      for (guint c = 0; c < report->n_columns; c++)
        any |= *report->details[c * N_SECTIONS + sec] != '\0';
      if (!any)
        continue;
      g_string_append_printf (s, "\n== %s ==\n", report->section_titles[sec]);
      for (guint c = 0; c < report->n_columns; c++)
        {
          const char *d = report->details[c * N_SECTIONS + sec];
          if (*d)
            g_string_append_printf (s, "[%s]\n%s", report->columns[c], d);
        }
    }
  return g_string_free (s, FALSE);
}

/* ---- uncertainty (report-uncertainty.c fills these) ---- */

double
tnet_i_report_summary (const TnetReport *report, guint column, const char *key)
{
  return summary_value (member (report, column, key), find_target (report, key));
}

GPtrArray *
tnet_i_report_keys (const TnetReport *report)
{
  GPtrArray *keys = g_ptr_array_new ();
  g_autoptr (GArray) rows = table_rows (report);
  for (guint r = 0; r < rows->len; r++)
    g_ptr_array_add (keys, g_array_index (rows, const Row *, r)->key);
  return keys;
}

guint
tnet_i_report_n_columns (const TnetReport *report)
{
  return report->n_columns;
}

gboolean
tnet_i_report_row_info (const TnetReport *report, const char *key, const char **name,
                        const char **unit, int *decimals)
{
  for (guint sec = 0; sec < N_SECTIONS; sec++)
    for (guint r = 0; r < report->rows[sec]->len; r++)
      {
        const Row *row = &g_array_index (report->rows[sec], Row, r);
        if (strcmp (row->key, key) != 0)
          continue;
        *name = row->name;
        *unit = row->unit;
        *decimals = row->decimals;
        return TRUE;
      }
  return FALSE;
}

double
tnet_i_report_target (const TnetReport *report, const char *key)
{
  const TnetTarget *t = find_target (report, key);
  return t ? t->target_2025 : NAN;
}

gboolean
tnet_i_report_check (const TnetReport *report, const char *key, double value, gboolean *pass)
{
  const TnetTarget *t = find_target (report, key);
  if (!t)
    return FALSE;
  *pass = !isnan (value) && tnet_target_check (t, value);
  return TRUE;
}

static gboolean
is_indeterminate (const TnetReportSpread *s)
{
  return s->pass_probability > 0.05 && s->pass_probability < 0.95;
}

void
tnet_i_report_set_spread (TnetReport *report, guint column, const char *key,
                          const TnetReportSpread *spread)
{
  if (!report->spread)
    report->spread = g_new0 (GHashTable *, MAX (report->n_columns, 1));
  if (!report->spread[column])
    report->spread[column] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_replace (report->spread[column], g_strdup (key), g_memdup2 (spread, sizeof *spread));
  report->n_draws = spread->n_draws;
  if (!report->evidence || !report->evidence[column])
    return;
  JsonObject *o = json_node_get_object (report->evidence[column]);
  if (!json_object_has_member (o, key))
    return;
  JsonObject *e = json_object_get_object_member (o, key);
  const struct { const char *name; double v; } f[] = {
    { "p05", spread->p05 }, { "p50", spread->p50 }, { "p95", spread->p95 },
    { "pass_probability", spread->pass_probability },
  };
  for (guint k = 0; k < G_N_ELEMENTS (f); k++)
    if (isfinite (f[k].v))
      json_object_set_double_member (e, f[k].name, round (f[k].v * 1e4) / 1e4);
    else
      json_object_set_null_member (e, f[k].name);
  json_object_set_int_member (e, "draws", spread->n_draws);
  if (isfinite (spread->pass_probability))
    json_object_set_boolean_member (e, "indeterminate", is_indeterminate (spread));
}

gboolean
tnet_report_get_spread (const TnetReport *report, guint column, const char *key,
                        TnetReportSpread *out)
{
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (column < report->n_columns, FALSE);
  g_return_val_if_fail (key != NULL && out != NULL, FALSE);
  const TnetReportSpread *s = report->spread && report->spread[column]
                              ? g_hash_table_lookup (report->spread[column], key) : NULL;
  if (!s)
    return FALSE;
  *out = *s;
  return TRUE;
}

static const TnetReportSpread *
spread_of (const TnetReport *report, guint column, const char *key)
{
  return report->spread && report->spread[column]
         ? g_hash_table_lookup (report->spread[column], key) : NULL;
}
