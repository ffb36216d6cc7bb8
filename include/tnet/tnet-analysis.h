/* tnet-analysis.h: plan indicators, corridor line counts and the
 * plan-indicator report (the units and targets tables: tnet-plan-tables.h). */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>
#include <tnet/tnet-scenario.h>
#include <tnet/tnet-plan-tables.h>

G_BEGIN_DECLS

/* ------------------------------------------------------------- indicators */

/**
 * tnet_indicator_length_km:
 * @mode_mask: TNET_MODE_BIT()s of the modes to count
 * @region: a region id (nodes.csv's region column), or %NULL for everywhere
 *
 * Total length in km of the links of @net active in @scen whose mode is in
 * @mode_mask and whose two end nodes both lie in @region. Each physical link
 * counts once: a two-way link once, a pair of one-way links of the same line
 * between the same two nodes once (the longer), and links tagged
 * `shared_track` between the same two nodes (several lines on one track)
 * once (the longest).
 * Errors: none (no GError; a %NULL @net or @scen is a programming error).
 * Thread-safe (reads only).
 * Time complexity: O(links).
 */
TNET_API double tnet_indicator_length_km (const TnetNetwork *net,
                                          const TnetScenario *scen,
                                          guint mode_mask, const char *region);

/**
 * tnet_indicator_class_share_pct:
 * @classes: a %NULL-terminated list of road_class values that count as
 *   "good" (compared exactly)
 *
 * Length-weighted share, in percent, of the active links of modes
 * @mode_mask inside @region whose class is one of @classes. NAN when no
 * link qualifies. Errors: none. Thread-safe (reads only). Time complexity:
 * O(links × classes).
 */
TNET_API double tnet_indicator_class_share_pct (const TnetNetwork *net,
                                                const TnetScenario *scen,
                                                guint mode_mask, const char *region,
                                                const char *const *classes);

/**
 * tnet_indicator_unit_lines:
 * @mode_mask: modes whose lines count (TNET_MODE_BIT (TNET_MODE_EXPRESSWAY)
 *   for the plan's "county units with two expressways")
 * @lines_out: (nullable): receives the line names (const char *, owned by
 *   @net), sorted, appended to the array
 *
 * Number of distinct named lines that serve @unit: a line serves it when
 * one of its links active in @scen has an end node whose county belongs to
 * the unit. Errors: none. Thread-safety: reads its arguments only; appends
 * to @lines_out. Time complexity: O(links × counties of the unit) plus
 * sorting the lines.
 */
TNET_API guint tnet_indicator_unit_lines (const TnetNetwork *net,
                                          const TnetScenario *scen,
                                          const TnetUnit *unit, guint mode_mask,
                                          GPtrArray *lines_out);

/**
 * tnet_indicator_units_min_lines_pct:
 * Share in percent of the units of @units served by at least @min_lines lines
 * of @mode_mask (tnet_indicator_unit_lines()). NAN for an empty table.
 * Errors: none. Thread-safe (reads only). Time complexity: that of
 * tnet_indicator_unit_lines() per unit.
 */
TNET_API double tnet_indicator_units_min_lines_pct (const TnetNetwork *net,
                                                    const TnetScenario *scen,
                                                    const TnetUnitTable *units,
                                                    guint mode_mask, guint min_lines);

/**
 * tnet_indicator_interchange_ms:
 * @ms_out: one value per unit of @units: the shortest car time in ms from
 *   the unit's seat node to the nearest expressway interchange (a node of
 *   kind interchange touched by an expressway link active in @scen);
 *   %TNET_WEIGHT_INF when none can be reached (the report's
 *   `interchange_minutes` converts with tnet_weight_to_min())
 * @interchange_out: (nullable): per unit, the node index of that
 *   interchange, or TNET_ID_NONE
 *
 * One backward multi-source Dijkstra from every interchange over the car
 * graph (roads and access links) of @scen. Fails like
 * tnet_graph_compile_modes() (unknown closures); %TNET_ERROR_NOT_FOUND when
 * the scenario has no interchange at all.
 * Thread-safety: reentrant; its inputs are only read.
 * Time complexity: O((n + m) log n) for the car graph.
 */
TNET_API gboolean tnet_indicator_interchange_ms (const TnetNetwork *net,
                                                 const TnetScenario *scen,
                                                 const TnetUnitTable *units,
                                                 TnetWeight *ms_out,
                                                 TnetId *interchange_out,
                                                 GError **error);

/**
 * tnet_corridor_line_count:
 * @region_a, @region_b: region ids (nodes.csv's region column)
 * @mode_mask: the modes of the group (TNET_MODES_RAIL for rail lines,
 *   TNET_MODES_ROAD for road lines)
 * @lines_out: (nullable): receives the names (const char *, owned by @net)
 *   of the lines that count, sorted, appended to the array
 *
 * Counts the named lines that join @region_a to @region_b on their own
 * (docs/cli.md, `tnet corridors`): for each line name, the links of that
 * line whose mode is in @mode_mask and that are active in @scen, taken as
 * an undirected graph, must connect some node of @region_a to some node of
 * @region_b. A line that reaches both regions only through another line's
 * links, or whose pieces are not connected to each other, does not count.
 * Links with an empty line name are ignored. Thread-safe (reads only).
 * Errors: none (no GError).
 * Time complexity: O(links * α(links)) with union-find per line.
 */
TNET_API guint tnet_corridor_line_count (const TnetNetwork *net,
                                         const TnetScenario *scen,
                                         const char *region_a, const char *region_b,
                                         guint mode_mask, GPtrArray *lines_out);

/* ----------------------------------------------------------------- report */

/**
 * TnetReport:
 * The plan-indicator report: every indicator computed for each scenario
 * (typically 2020 and 2025), beside the 2025 targets of targets.csv, with
 * pass/fail. Single owner; free with tnet_report_free().
 */
typedef struct _TnetReport TnetReport;

typedef struct _TnetDataset TnetDataset;

/**
 * tnet_report_compute:
 * @ds: the loaded network folder: its network, plan (plan.ini), units,
 *   targets, hubs and feeds are what the sections read; no file is opened
 *   here except a feed the dataset reads on first use
 * @scenarios: @n_scenarios scenarios, one report column each (their years
 *   name the columns; two scenarios of the same year are named by
 *   tnet_scenario_get_name())
 *
 * With a plan, runs the sections the plan asks for (network lengths inside
 * the home region, county units, interchange access, trunk road classes,
 * line counts and disjoint paths for each [pair], criticality for the
 * critical pair, each [commute] group, hub transfers); without one, a
 * generic summary (km by mode and status, zones, stops, the car (and
 * transit) zone-to-zone matrix). Fails with %TNET_ERROR_INVALID_INPUT when
 * a scenario's year is outside the years the folder describes
 * (tnet_dataset_check_year()), else with the first section's error;
 * nothing is returned then.
 * Thread-safety: callable from any thread; @ds and @scenarios are only read
 * (a feed the dataset reads on first use loads under the dataset's lock;
 * the disjoint paths' max-flow runs under tnet_igraph_lock(), so that part
 * of concurrent calls is serialised).
 * Time complexity: the sum of the sections'; dominated by the commute
 * searches.
 */
TNET_API TnetReport *tnet_report_compute (const TnetDataset *ds,
                                          const TnetScenario *const *scenarios,
                                          guint n_scenarios, GError **error);
/* Frees a report (%NULL is ignored). Errors: none. Thread-safety: not while
 * another thread reads it. Time complexity: O(rows × columns). */
TNET_API void tnet_report_free (TnetReport *report);

/**
 * tnet_report_get_value:
 * The number computed for indicator @key in scenario column @column, or NAN
 * when the indicator is not a number or is absent.
 * Errors: none (a column out of range is a programming error: g_critical,
 * NAN). Thread-safety: reads @report (not during tnet_report_set_draws()).
 * Time complexity: O(1) expected.
 */
TNET_API double tnet_report_get_value (const TnetReport *report, guint column,
                                       const char *key);

/* Renderings, newly allocated (g_free). The JSON schema is documented in
 * docs/json-schema.md; the CSV has the header `indicator,<col>...,target,pass`
 * and one row per numeric indicator; the text is the title, an aligned table
 * with the indicators' names (the plan's [names], else English) and the
 * per-section details. Errors: none. Thread-safety: read @report only.
 * Time complexity: O(rows × columns) (plus the details for the text). */
TNET_API char *tnet_report_to_json (const TnetReport *report, gboolean pretty);
TNET_API char *tnet_report_to_csv (const TnetReport *report);
TNET_API char *tnet_report_to_text (const TnetReport *report);

/**
 * TnetReportSpread:
 * The distribution of one indicator over the draws of
 * tnet_report_compute_uncertain(): its 5th, 50th and 95th percentiles (in
 * the indicator's unit; linear interpolation between order statistics) and
 * the share of draws that meet the target (NAN when the indicator has no
 * target). An indicator whose @pass_probability lies strictly between 0.05
 * and 0.95 is "indeterminate".
 */
typedef struct {
  double p05;
  double p50;
  double p95;
  double pass_probability;
  guint n_draws;
} TnetReportSpread;

/**
 * tnet_report_compute_uncertain:
 * @n_draws: draws (>= 1)
 * @seed: the draws are a function of @seed and the draw's index only, so the
 *   result is the same for every @n_threads
 * @n_threads: worker threads (0: one per processor)
 *
 * As tnet_report_compute(), then draws @n_draws perturbed networks and
 * recomputes every indicator on each. Each link's length, and its speed (or
 * its fixed time), is multiplied by an independent factor uniform in
 * [1 - h, 1 + h], where h is the relative half-width the folder's plan.ini
 * `[uncertainty]` section gives for the row's confidence (`length_high`,
 * `length_medium`, `length_low`, `length_none`, `speed_…` likewise); an
 * access link's time instead by one factor (`access_…`), and every transit
 * line's headway by one factor per line and draw (`headway`). The defaults
 * are documented in docs/uncertainty.md. The spread of each
 * indicator is read with tnet_report_get_spread() and appears in the
 * renderings (JSON: p05, p50, p95, pass_probability, indeterminate in each
 * indicator's "evidence", the distributions in "uncertainty"; CSV:
 * COLUMN_p05 … columns; text: two columns and the distributions).
 *
 * Errors: as tnet_report_compute(); %TNET_ERROR_INVALID_INPUT
 * "plan.ini: [uncertainty] KEY: …" when a half-width is not in [0, 1).
 * Thread-safety: reads @ds only; safe to call concurrently.
 * Time complexity: (@n_draws + 1) reports, divided among the threads.
 */
TNET_API TnetReport *tnet_report_compute_uncertain (const TnetDataset *ds,
                                                    const TnetScenario *const *scenarios,
                                                    guint n_scenarios, guint n_draws,
                                                    guint64 seed, guint n_threads,
                                                    GError **error);
/**
 * tnet_report_n_draw_values:
 * The numbers one draw gives for @report: its scenario columns × its table
 * rows. Errors: none. Thread-safe (reads @report). Time complexity:
 * O(rows).
 */
TNET_API guint tnet_report_n_draw_values (const TnetReport *report);

/**
 * tnet_report_draw_values:
 * @report: tnet_report_compute() of @ds and @scenarios (only its rows are
 *   read)
 * @first_draw: the index of the first draw
 * @n_draws: the draws computed: @first_draw … @first_draw + @n_draws - 1
 * @seed, @n_threads: as tnet_report_compute_uncertain()
 * @values: (out caller-allocates): @n_draws × tnet_report_n_draw_values()
 *   numbers, [draw][column][row], NAN where a row has no number
 *
 * The indicator values of a block of the draws of
 * tnet_report_compute_uncertain(): draw d is the same perturbed network
 * whatever block computes it, so blocks computed apart (other processes or
 * machines) and put together in draw order give tnet_report_set_draws() the
 * numbers of one call.
 * Errors: as tnet_report_compute_uncertain(), "draw D: " before the first
 * failing draw's message; @values is untouched then.
 * Thread-safety: reads @report and @ds only; safe to call concurrently.
 * Time complexity: @n_draws reports, divided among the threads.
 */
TNET_API gboolean tnet_report_draw_values (const TnetReport *report, const TnetDataset *ds,
                                           const TnetScenario *const *scenarios,
                                           guint n_scenarios, guint first_draw,
                                           guint n_draws, guint64 seed, guint n_threads,
                                           double *values, GError **error);

/**
 * tnet_report_set_draws:
 * @values: @n_draws (>= 1) draws of tnet_report_draw_values() in draw order
 *
 * Attaches to every row of @report the spread of its values over the draws
 * (tnet_report_get_spread()), as tnet_report_compute_uncertain() does.
 * Errors: none. Thread-safety: changes @report (no other call on it
 * meanwhile).
 * Time complexity: O(rows × columns × @n_draws log @n_draws).
 */
TNET_API void tnet_report_set_draws (TnetReport *report, const double *values,
                                     guint n_draws);

/* Copies the spread of @key in @column into @out; FALSE when the report has
 * no draws or the row none. Errors: none. Thread-safety: reads @report
 * (not during tnet_report_set_draws()). Time complexity: O(1) expected. */
TNET_API gboolean tnet_report_get_spread (const TnetReport *report, guint column,
                                          const char *key, TnetReportSpread *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetReport, tnet_report_free)

/**
 * TnetSensitivityRow:
 * One input row of tnet_report_sensitivity(): the link @link_id (its @line
 * and @confidence, as in links.csv) and the indicator recomputed with that
 * row alone at the low end of its range (@low: shortest and fastest) and at
 * the high end (@high: longest and slowest); @swing = |@high - @low|.
 * Strings are owned by the #TnetSensitivity.
 */
typedef struct {
  TnetId link;
  const char *link_id;
  const char *line;
  const char *confidence;
  double low;
  double high;
  double swing;
} TnetSensitivityRow;

typedef struct _TnetSensitivity TnetSensitivity;

/**
 * tnet_report_sensitivity:
 * @scen: the scenario column the indicator is read in
 * @key: an indicator key of the report (a row of `tnet report`, e.g.
 *   "expressway_km")
 * @n_threads: worker threads (0: one per processor); the result does not
 *   depend on it
 *
 * Ranks the link rows by how much each, alone, moves the indicator
 * (one-at-a-time sensitivity, the data of a tornado chart). Every link
 * active in @scen whose confidence gives it a non-zero range (plan.ini
 * `[uncertainty]`, the half-widths of tnet_report_compute_uncertain()) is
 * set to the low end of its range (length × (1 - h_length), speed ×
 * (1 + h_speed); a fixed time × (1 - h_length) / (1 + h_speed)) and then to
 * the high end (the opposite signs), all other rows as given, and the
 * indicator recomputed each time. Rows whose swing is zero are left out;
 * the others are sorted by swing, largest first (ties: file order).
 *
 * Errors: as tnet_report_compute(); %TNET_ERROR_INVALID_INPUT when @key is
 * not a numeric indicator of the report (the message lists the keys).
 * Thread-safety: reads @ds only; safe to call concurrently.
 * Time complexity: 2 × (active links) + 1 one-column reports, divided among
 * the threads.
 */
TNET_API TnetSensitivity *tnet_report_sensitivity (const TnetDataset *ds,
                                                   const TnetScenario *scen,
                                                   const char *key, guint n_threads,
                                                   GError **error);
TNET_API void tnet_sensitivity_free (TnetSensitivity *s);
/* The indicator's value on the data as given, its key, name (the plan's
 * [names] entry, else English), unit and decimals, its target (NAN
 * without one), the scenario column, and the number of rows. Views valid
 * while @s lives. Errors: none. Thread-safe (the result is immutable).
 * Time complexity: O(1). */
TNET_API double tnet_sensitivity_get_base (const TnetSensitivity *s);
TNET_API const char *tnet_sensitivity_get_key (const TnetSensitivity *s);
TNET_API const char *tnet_sensitivity_get_name (const TnetSensitivity *s);
TNET_API const char *tnet_sensitivity_get_unit (const TnetSensitivity *s);
TNET_API int tnet_sensitivity_get_decimals (const TnetSensitivity *s);
TNET_API double tnet_sensitivity_get_target (const TnetSensitivity *s);
TNET_API const char *tnet_sensitivity_get_column (const TnetSensitivity *s);
TNET_API guint tnet_sensitivity_n_rows (const TnetSensitivity *s);
/* Row @i (< n_rows), largest swing first. Errors: an index out of range is
 * a programming error (g_critical, %NULL). Thread-safe. O(1). */
TNET_API const TnetSensitivityRow *tnet_sensitivity_get_row (const TnetSensitivity *s, guint i);
/* Renderings of the first @top rows (0: all), newly allocated (g_free):
 * the JSON object {indicator, name, unit, column, base, target, rows:
 * [{rank, link, line, confidence, low, high, swing}]}, the CSV
 * `rank,link,line,confidence,low,high,swing` and an aligned text table.
 * Errors: none. Thread-safety: read @s only. Time complexity: O(rows
 * written). */
TNET_API char *tnet_sensitivity_to_json (const TnetSensitivity *s, guint top, gboolean pretty);
TNET_API char *tnet_sensitivity_to_csv (const TnetSensitivity *s, guint top);
TNET_API char *tnet_sensitivity_to_text (const TnetSensitivity *s, guint top);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetSensitivity, tnet_sensitivity_free)

G_END_DECLS
