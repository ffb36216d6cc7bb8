/* tnet-plan-tables.h: the tables a plan is written in: county-level units
 * (units.csv) and targets (targets.csv), loaded by the io layer and used by
 * the indicators and the report. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>

G_BEGIN_DECLS

/* ------------------------------------------------------------------ units */

/**
 * TnetUnit:
 * A county-level unit of the plan (units.csv). @counties lists the values of
 * nodes.csv's county column that belong to the unit (%NULL-terminated, at
 * least one). @seat_node and @zone_node are node indices of the network the
 * table was loaded against. Strings are owned by the table.
 */
typedef struct {
  const char *id;
  const char *name;
  const char *name_en;
  const char *const *counties;
  TnetId seat_node;
  TnetId zone_node;
} TnetUnit;

typedef struct _TnetUnitTable TnetUnitTable;

/**
 * tnet_unit_table_load_csv:
 * @net: the network whose node ids the file names
 * @path: a units.csv file (`unit,name,name_en,counties,seat_node,zone_node`,
 *   `counties` `;`-separated)
 *
 * Loads the county-level units. Fails with %TNET_ERROR_IO when the file
 * cannot be read and %TNET_ERROR_INVALID_INPUT ("FILE:LINE:COLUMN: ...") on
 * a missing column, an empty or duplicate unit id, an empty county list, a
 * county that no node of @net carries, or a seat/zone id that is not a node
 * of @net. The table copies what it needs; @net may be freed before it.
 * Thread-safety: reentrant; @net is only read.
 * Time complexity: O(size of the file + nodes of @net).
 */
TNET_API TnetUnitTable *tnet_unit_table_load_csv (const TnetNetwork *net,
                                                  const char *path,
                                                  GError **error);
/* Frees the table (%NULL is ignored). Errors: none. Thread-safety: not while
 * another thread reads it. Time complexity: O(size of the table). */
TNET_API void tnet_unit_table_free (TnetUnitTable *units);
/* The number of units, and unit @i: a view valid until @units is freed.
 * Errors: an index out of range is a programming error (g_critical, %NULL).
 * Thread-safe (the table is immutable). Time complexity: O(1). */
TNET_API guint tnet_unit_table_n_units (const TnetUnitTable *units);
TNET_API const TnetUnit *tnet_unit_table_get (const TnetUnitTable *units, guint i);
/* Index of the unit with id @id, or -1. Errors: none. Thread-safe. Time
 * complexity: O(1) expected (a hash table). */
TNET_API int tnet_unit_table_find (const TnetUnitTable *units, const char *id);
/* TRUE when a node whose county column is @county belongs to @unit (FALSE
 * for a %NULL @county). Errors: none. Thread-safe. Time complexity:
 * O(counties of the unit). */
TNET_API gboolean tnet_unit_has_county (const TnetUnit *unit, const char *county);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetUnitTable, tnet_unit_table_free)

/* ---------------------------------------------------------------- targets */

typedef enum {
  TNET_COMPARE_GE,  /* the value must be >= the target */
  TNET_COMPARE_LE,  /* the value must be <= the target */
  TNET_COMPARE_EQ,  /* the value must equal the target (to 1e-9) */
} TnetComparison;

/**
 * TnetTarget:
 * One row of targets.csv (`indicator,name,unit,baseline_2020,target_2025,
 * comparison,source`). @baseline_2020 and @target_2025 are NAN when the
 * file leaves them empty (the plan gives no number, e.g. rail km in 2025:
 * such an indicator is shown beside its baseline but has no pass/fail).
 * Strings are owned by the table.
 */
typedef struct {
  const char *indicator;
  const char *name;
  const char *unit;
  const char *source;
  double baseline_2020;
  double target_2025;
  TnetComparison comparison;
} TnetTarget;

typedef struct _TnetTargetTable TnetTargetTable;

/**
 * tnet_target_table_load_csv:
 * Loads a targets.csv file. Fails with %TNET_ERROR_IO when it cannot be read
 * and %TNET_ERROR_INVALID_INPUT naming FILE:LINE:COLUMN on a missing column,
 * an empty or duplicate indicator, a baseline or target that is neither
 * empty nor a finite number, or a comparison other than `ge`, `le` or `eq`.
 * Thread-safety: reentrant (reads only the file).
 * Time complexity: O(size of the file).
 */
TNET_API TnetTargetTable *tnet_target_table_load_csv (const char *path, GError **error);
/* Frees the table (%NULL is ignored). Errors: none. Thread-safety: not while
 * another thread reads it. Time complexity: O(size of the table). */
TNET_API void tnet_target_table_free (TnetTargetTable *targets);
/* The number of targets. Errors: none. Thread-safe. Time complexity: O(1). */
TNET_API guint tnet_target_table_n_targets (const TnetTargetTable *targets);
/* Views valid until @targets is freed. find returns NULL for an unknown key.
 * Errors: an index out of range is a programming error (g_critical, NULL).
 * Thread-safe (the table is immutable). Time complexity: O(1) (find: O(1)
 * expected, a hash table). */
TNET_API const TnetTarget *tnet_target_table_get (const TnetTargetTable *targets, guint i);
TNET_API const TnetTarget *tnet_target_table_find (const TnetTargetTable *targets,
                                                   const char *indicator);
/* TRUE when @value meets @target's 2025 figure under its comparison
 * (FALSE for a NAN value or a target without a 2025 figure). Errors: none.
 * Thread-safe. Time complexity: O(1). */
TNET_API gboolean tnet_target_check (const TnetTarget *target, double value);
/* "ge", "le", "eq" (static; "?" for a value out of range). Errors: none.
 * Thread-safe. Time complexity: O(1). */
TNET_API const char *tnet_comparison_to_string (TnetComparison cmp);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetTargetTable, tnet_target_table_free)

G_END_DECLS
