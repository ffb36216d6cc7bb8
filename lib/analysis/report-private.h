/* report-private.h: how an analysis adds a section to the plan-indicator
 * report (tnet_report_compute). Internal.
 *
 * To add a section: write a TnetReportSectionFunc in your own file, describe
 * the indicator keys it sets in a TnetReportIndicator array, define a
 * `const TnetReportSection tnet_i_report_section_<name>` and add its address
 * to the `sections` table in report.c. The core calls every section once per
 * scenario column, in column order, and renders JSON, CSV and text from what
 * the sections wrote; nothing else needs editing. */
#pragma once

#include "tnet-internal.h"
#include <json-glib/json-glib.h>
#include "json-text.h"

typedef struct _TnetReportContext TnetReportContext;

struct _TnetReportContext {
  const TnetDataset *ds;             /* the folder: plan, feeds, hubs, tables */
  const TnetPlan *plan;              /* NULL when the folder has no plan.ini */
  TnetReport *report;                /* where tnet_i_report_indicator() adds rows */
  guint section;                     /* index of the running section */
  const TnetNetwork *net;
  const TnetScenario *scen;          /* the scenario of this column */
  const char *column;                /* the column's name ("2020") */
  guint column_index;
  guint n_columns;                   /* columns in the report */
  const TnetUnitTable *units;        /* NULL when the folder has no units.csv */
  const TnetTargetTable *targets;    /* NULL when the folder has no targets.csv */
  const TnetReportContext *previous; /* the column before, or NULL for the first */
  /* Per-column scratch shared by the sections (compiled graphs, results a
   * later column compares with). Read and write with tnet_i_report_cache_*;
   * freed with the report run. */
  GData **cache;
  /* The uncertainty draws (report-uncertainty.c): per-column state a thread
   * keeps from one draw to the next (the profiles' graphs, re-weighted to
   * each draw's network; the counts no draw moves), or NULL outside the
   * draws. Read and write with g_datalist_*. When set, only the values of
   * the table rows are wanted: a section may leave out its text and the
   * JSON members no row reads. */
  GData **keep;
};

/**
 * TnetReportSectionFunc:
 * @indicators: a builder positioned inside the column's "indicators" object:
 *   add members (json_builder_set_member_name + a value)
 * @text: details for people (lines listed, per-unit tables), appended as
 *   plain UTF-8 lines; shown under the section's title for this column
 *
 * Returns FALSE with @error set to stop the report.
 */
typedef gboolean (*TnetReportSectionFunc) (const TnetReportContext *ctx,
                                           JsonBuilder *indicators, GString *text,
                                           GError **error);

typedef struct {
  const char *id;
  const char *title;                          /* English; plan.ini [names] renames */
  TnetReportSectionFunc run;
} TnetReportSection;

/* Declares a row of the summary table: a key the section sets. When the
 * value is an object or array of numbers, the table shows (and pass/fail
 * judges) the worst of them under the target's comparison (the largest with
 * no target). The row's name is the plan's [names] entry for @key, else
 * @name. Rows appear in the order sections declare them; a key declared
 * again (next column) keeps its first place. */
void tnet_i_report_indicator (const TnetReportContext *ctx, const char *key,
                              const char *name, const char *unit, int decimals);
/* Sets the title of the running section (default: the plan's [names]
 * entry for its id, else its English title). */
void tnet_i_report_set_title (const TnetReportContext *ctx, const char *title);

/* Column cache helpers. */
gpointer tnet_i_report_cache_get (const TnetReportContext *ctx, const char *key);
void tnet_i_report_cache_set (const TnetReportContext *ctx, const char *key,
                              gpointer data, GDestroyNotify destroy);

/* JSON helper: a string array (numbers: tnet_i_json_add_number()). */
void tnet_i_json_add_strings (JsonBuilder *b, const char *key, const GPtrArray *strings);

/* The nodes of place list @spec on the column's network (resolved once per
 * column, and once per thread in the draws: which nodes a place names does
 * not depend on the links' values), or NULL when it names none. Borrowed. */
const TnetNodeSet *tnet_i_report_node_set (const TnetReportContext *ctx, const char *spec);
/* The profiles of the plan's commute groups, in plan order without
 * repeats, into @out (room for TNET_N_PROFILES); the car profile when the
 * plan has no commute group. Returns their number. */
guint tnet_i_report_commute_profiles (const TnetReportContext *ctx, TnetProfile *out);
/* The column's graph of @profile, as the commute section builds it (the
 * dataset's feed of the scenario year and its hubs), built once per column
 * and cached. Borrowed; NULL with @error set when the build fails. */
TnetMultimodal *tnet_i_report_profile_graph (const TnetReportContext *ctx, TnetProfile profile,
                                             GError **error);

/* The sections (defined in their own files). */
/* The timetable of the column for a [commute] group with `depart`: the
 * folder's feed of the scenario year on the group's date, walking on the
 * column's network of the column's scenario; cached per column and date
 * (a view owned by the column). NULL without error when the folder has no
 * feed for the year. report-commute.c. */
const TnetTimetable *tnet_i_report_column_timetable (const TnetReportContext *ctx,
                                                     const TnetPlanCommute *grp, GError **error);
/* Park-and-ride by the column's timetable @tt (the group's date) with the
 * [commute] group's drive budget, park time and parking radius, as the
 * commute section computes it; cached per column, date and options
 * (borrowed). NULL with @error set when it cannot be built. report-commute.c. */
TnetParkRide *tnet_i_report_column_park_ride (const TnetReportContext *ctx,
                                              const TnetPlanCommute *grp, const TnetTimetable *tt,
                                              GError **error);

extern const TnetReportSection tnet_i_report_section_network;
extern const TnetReportSection tnet_i_report_section_lines;
extern const TnetReportSection tnet_i_report_section_commute;
extern const TnetReportSection tnet_i_report_section_corridors;
extern const TnetReportSection tnet_i_report_section_hubs;
extern const TnetReportSection tnet_i_report_section_summary;
extern const TnetReportSection tnet_i_report_section_rings;
extern const TnetReportSection tnet_i_report_section_axes;

/* Inputs of an indicator (report-inputs.c): adds an "inputs" member to
 * @b describing the files, link rows, confidence and sources the indicator
 * @key reads in the scenario; and whether an active input row carries the
 * tag calibrated:@key (a value fitted to the indicator's own target). */
void tnet_i_report_add_inputs (const TnetNetwork *net, const TnetScenario *scen,
                               const char *home, const char *key, JsonBuilder *b);
gboolean tnet_i_report_indicator_calibrated (const TnetNetwork *net, const TnetScenario *scen,
                                             const char *key);
const char *const *tnet_i_report_input_files (const char *key);

/* report.c, for the uncertainty draws (report-uncertainty.c): a report run
 * on @net (the dataset's or a perturbed copy), with or without the evidence;
 * the keys of its table rows (a view of the report's strings); the number a
 * row shows in @column; whether @value meets @key's target (FALSE: no
 * target); attaching the spread of draws to a row. */
TnetReport *tnet_i_report_run (const TnetDataset *ds, const TnetNetwork *net,
                               const TnetScenario *const *scenarios, guint n_scenarios,
                               gboolean evidence, GError **error);
/* A draw's report: as tnet_i_report_run() without the evidence, with
 * @keep (one GData list per column, initialised, kept by the caller from
 * one draw to the next: ctx->keep) and only the table rows' values (the
 * details may be missing). Same row values as tnet_i_report_run() on the
 * same @net and @scenarios. */
TnetReport *tnet_i_report_run_draw (const TnetDataset *ds, const TnetNetwork *net,
                                    const TnetScenario *const *scenarios, guint n_scenarios,
                                    GData **keep, GError **error);
GPtrArray *tnet_i_report_keys (const TnetReport *report);
guint tnet_i_report_n_columns (const TnetReport *report);
double tnet_i_report_summary (const TnetReport *report, guint column, const char *key);
gboolean tnet_i_report_check (const TnetReport *report, const char *key, double value,
                              gboolean *pass);
void tnet_i_report_set_spread (TnetReport *report, guint column, const char *key,
                               const TnetReportSpread *spread);

/* report.c: the name, unit and decimals of table row @key (FALSE when the
 * report has no such row), and its target (NAN without one). */
gboolean tnet_i_report_row_info (const TnetReport *report, const char *key, const char **name,
                                 const char **unit, int *decimals);
double tnet_i_report_target (const TnetReport *report, const char *key);

/* report-uncertainty.c, shared with report-sensitivity.c: the relative
 * half-widths of plan.ini [uncertainty] (by confidence, index 0 high,
 * 1 medium, 2 low, 3 none or other; one for the headways), the index of a
 * confidence, and link @l moved to relative position @u_len of its length
 * (or access time) range and @u_speed of its speed range, each in [-1, 1]
 * (-1 the low end, 0 the value as given), written into @m. */
typedef struct {
  double length[4], speed[4], access[4];
  double headway;
} TnetUncertaintyRanges;

void tnet_i_uncertainty_ranges (const TnetPlan *plan, TnetUncertaintyRanges *h);

/* report-uncertainty.c, shared with report-sensitivity.c: the work the
 * threads of repeated report runs share (the draws, the links varied).
 * Initialise with tnet_i_report_queue_init(); a worker takes index after
 * index with tnet_i_report_queue_take() (FALSE: all taken, or a worker
 * failed) and hands its error to tnet_i_report_queue_fail(), which keeps
 * the first one (prefixed by @format) and frees the others; after the
 * threads, tnet_i_report_queue_clear() frees the lock and leaves @error to
 * the caller. Thread-safe between init and clear. O(1) each. */
typedef struct {
  guint n_items;     /* indices 0 .. n_items - 1 */
  gint next;         /* the next index to take (atomic) */
  GMutex lock;
  GError *error;     /* the first error of a worker, under @lock */
} TnetReportQueue;

void tnet_i_report_queue_init (TnetReportQueue *q, guint n_items);
gboolean tnet_i_report_queue_take (TnetReportQueue *q, guint *index);
void tnet_i_report_queue_fail (TnetReportQueue *q, GError *error, const char *format, ...)
  G_GNUC_PRINTF (3, 4);
void tnet_i_report_queue_clear (TnetReportQueue *q);
guint tnet_i_uncertainty_confidence (const char *confidence);
gboolean tnet_i_uncertainty_link_varies (const TnetUncertaintyRanges *h, const TnetLink *l);
void tnet_i_uncertainty_move_link (const TnetUncertaintyRanges *h, const TnetLink *l,
                                   TnetLink *m, double u_len, double u_speed);
/* The inputs of draw @d under @seed, as the draws compute them: @copy (a
 * tnet_i_network_shallow_copy() of @ds's network) with its links rewritten,
 * and @drawn[c] the scenario of column c (a new copy with the drawn
 * headway factors, or NULL when the headways do not vary: @scenarios[c]).
 * FALSE with @error when a feed does not load. */
gboolean tnet_i_uncertainty_draw_inputs (const TnetDataset *ds,
                                         const TnetScenario *const *scenarios,
                                         guint n_scenarios, guint64 seed, guint d,
                                         TnetNetwork *copy, TnetScenario **drawn,
                                         GError **error);
/* The distributions the draws use, one line each, for the report. */
GPtrArray *tnet_i_uncertainty_describe (const TnetUncertaintyRanges *h);
