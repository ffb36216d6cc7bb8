/* target-table.c: the plan's indicator targets (targets.csv). */
#include "tnet-internal.h"
#include "csv.h"

struct _TnetTargetTable {
  GPtrArray *targets;     /* of TnetTarget *, each owning its strings */
  GHashTable *index;      /* indicator (borrowed) -> TnetTarget * */
};

static void
target_free (gpointer p)
{
  TnetTarget *t = p;
  if (!t)
    return;
  g_free ((char *) t->indicator);
  g_free ((char *) t->name);
  g_free ((char *) t->unit);
  g_free ((char *) t->source);
  g_free (t);
}

void
tnet_target_table_free (TnetTargetTable *targets)
{
  if (!targets)
    return;
  g_ptr_array_unref (targets->targets);
  g_hash_table_unref (targets->index);
  g_free (targets);
}

const char *
tnet_comparison_to_string (TnetComparison cmp)
{
  switch (cmp)
    {
    case TNET_COMPARE_GE: return "ge";
    case TNET_COMPARE_LE: return "le";
    case TNET_COMPARE_EQ: return "eq";
    default: return "?";
    }
}

/* What target_row() reads with: the table and the columns of targets.csv. */
typedef struct {
  TnetTargetTable *table;
  int ind, name, unit, base, target, cmp, source;
} TargetRead;

static gboolean
target_row (TnetCsv *csv, gpointer data, GError **error)
{
  const TargetRead *rd = data;
  TnetTargetTable *table = rd->table;
  const char *key = tnet_i_csv_field (csv, rd->ind);
  if (!*key)
    {
      tnet_i_csv_error (csv, rd->ind, error, "expected an indicator key, found an empty field");
      return FALSE;
    }
  if (g_hash_table_contains (table->index, key))
    {
      tnet_i_csv_error (csv, rd->ind, error, "duplicate indicator \"%s\"", key);
      return FALSE;
    }
  double base, target;
  if (!tnet_i_csv_double (csv, rd->base, FALSE, NAN, &base, error)
      || !tnet_i_csv_double (csv, rd->target, FALSE, NAN, &target, error))
    return FALSE;
  const char *cmp = tnet_i_csv_field (csv, rd->cmp);
  TnetComparison comparison;
  if (strcmp (cmp, "ge") == 0)
    comparison = TNET_COMPARE_GE;
  else if (strcmp (cmp, "le") == 0)
    comparison = TNET_COMPARE_LE;
  else if (strcmp (cmp, "eq") == 0)
    comparison = TNET_COMPARE_EQ;
  else
    {
      tnet_i_csv_error (csv, rd->cmp, error, "expected ge, le or eq, found \"%s\"", cmp);
      return FALSE;
    }
  TnetTarget *t = g_new0 (TnetTarget, 1);
  t->indicator = g_strdup (key);
  t->name = g_strdup (tnet_i_csv_field (csv, rd->name));
  t->unit = g_strdup (tnet_i_csv_field (csv, rd->unit));
  t->source = rd->source >= 0 ? g_strdup (tnet_i_csv_field (csv, rd->source)) : NULL;
  t->baseline_2020 = base;
  t->target_2025 = target;
  t->comparison = comparison;
  g_ptr_array_add (table->targets, t);
  g_hash_table_insert (table->index, (gpointer) t->indicator, t);
  return TRUE;
}

TnetTargetTable *
tnet_target_table_load_csv (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_autofree char *display = g_path_get_basename (path);
  TnetTargetTable *table = g_new0 (TnetTargetTable, 1);
  table->targets = g_ptr_array_new_with_free_func (target_free);
  table->index = g_hash_table_new (g_str_hash, g_str_equal);
  TargetRead rd = { .table = table };
  const TnetCsvColumn columns[] = {
    { "indicator", TRUE, &rd.ind }, { "name", TRUE, &rd.name }, { "unit", TRUE, &rd.unit },
    { "baseline_2020", TRUE, &rd.base }, { "target_2025", TRUE, &rd.target },
    { "comparison", TRUE, &rd.cmp }, { "source", FALSE, &rd.source },
  };
  if (!tnet_i_csv_read_rows (path, display, columns, G_N_ELEMENTS (columns), target_row, &rd,
                             error))
    g_clear_pointer (&table, tnet_target_table_free);
  return table;
}

guint
tnet_target_table_n_targets (const TnetTargetTable *targets)
{
  g_return_val_if_fail (targets != NULL, 0);
  return targets->targets->len;
}

const TnetTarget *
tnet_target_table_get (const TnetTargetTable *targets, guint i)
{
  g_return_val_if_fail (targets != NULL, NULL);
  g_return_val_if_fail (i < targets->targets->len, NULL);
  return g_ptr_array_index (targets->targets, i);
}

const TnetTarget *
tnet_target_table_find (const TnetTargetTable *targets, const char *indicator)
{
  g_return_val_if_fail (targets != NULL, NULL);
  g_return_val_if_fail (indicator != NULL, NULL);
  return g_hash_table_lookup (targets->index, indicator);
}

gboolean
tnet_target_check (const TnetTarget *target, double value)
{
  g_return_val_if_fail (target != NULL, FALSE);
  if (isnan (value) || isnan (target->target_2025))
    return FALSE;
  switch (target->comparison)
    {
    case TNET_COMPARE_GE: return value >= target->target_2025 - 1e-9;
    case TNET_COMPARE_LE: return value <= target->target_2025 + 1e-9;
    case TNET_COMPARE_EQ: return fabs (value - target->target_2025) <= 1e-9;
    default: return FALSE;
    }
}
