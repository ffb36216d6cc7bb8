/* report-sensitivity.c: which input rows move an indicator, one at a time
 * (the data of a tornado chart).
 *
 * Implementation notes. For each active link with a non-zero range the
 * one-column report is recomputed twice on a shallow copy of the network
 * (shared strings and indices, its own link records) in which that link
 * alone is set to the low end, then the high end, of its range; the link is
 * restored from the original afterwards, so a worker's copy equals the data
 * between two rows. The ends are the corners "short and fast" and "long and
 * slow": a length indicator moves only with the length factor, a time with
 * length / speed, and both are monotone in them, so the corners bound what
 * the row can do to any indicator that is monotone in its links' lengths and
 * times. Rows are handed to threads through an atomic counter and each
 * result goes to its own slot, so the ranking does not depend on the
 * threads. */
#include "tnet-internal.h"
#include "report-private.h"
#include "text-columns.h"
#include "threads.h"

struct _TnetSensitivity {
  char *key, *name, *unit, *column;
  int decimals;
  double base;                 /* the indicator on the data as given */
  double target;               /* NAN without a target */
  GArray *rows;                /* TnetSensitivityRow, largest swing first */
  GStringChunk *strings;       /* the rows' strings */
};

typedef struct {
  const TnetDataset *ds;
  const TnetNetwork *net;
  const TnetScenario *scen;
  const char *key;
  TnetUncertaintyRanges h;
  GArray *todo;                /* TnetId: the links to vary */
  double *low, *high;          /* per entry of @todo */
  TnetReportQueue queue;       /* the entries of @todo */
} Job;

/* Sets @m (a copy of @l) to one end of @l's range: @sign -1 short and fast,
 * +1 long and slow. */
static void
set_end (const Job *job, const TnetLink *l, TnetLink *m, double sign)
{
  tnet_i_uncertainty_move_link (&job->h, l, m, sign, -sign);
}

static gboolean
value_of (const Job *job, const TnetNetwork *net, double *out, GError **error)
{
  const TnetScenario *cols[1] = { job->scen };
  TnetReport *r = tnet_i_report_run (job->ds, net, cols, 1, FALSE, error);
  if (!r)
    return FALSE;
  *out = tnet_i_report_summary (r, 0, job->key);
  tnet_report_free (r);
  return TRUE;
}

static gpointer
worker (gpointer data)
{
  Job *job = data;
  TnetNetwork *copy = tnet_i_network_shallow_copy (job->net);
  guint k;
  while (tnet_i_report_queue_take (&job->queue, &k))
    {
      TnetId i = g_array_index (job->todo, TnetId, k);
      const TnetLink *l = tnet_network_link (job->net, i);
      TnetLink *m = tnet_i_network_link_mutable (copy, i);
      GError *local = NULL;
      set_end (job, l, m, -1.0);
      gboolean ok = value_of (job, copy, &job->low[k], &local);
      if (ok)
        {
          set_end (job, l, m, +1.0);
          ok = value_of (job, copy, &job->high[k], &local);
        }
      *m = *l;
      if (!ok)
        {
          tnet_i_report_queue_fail (&job->queue, local, "link %s: ", l->id);
          break;
        }
    }
  tnet_i_network_shallow_free (copy);
  return NULL;
}

static int
compare_rows (gconstpointer a, gconstpointer b)
{
  const TnetSensitivityRow *x = a, *y = b;
  if (x->swing != y->swing)
    return x->swing > y->swing ? -1 : 1;
  return x->link < y->link ? -1 : x->link > y->link;
}

/* The table's keys, comma-separated, for the error message. */
static char *
list_keys (const TnetReport *report)
{
  g_autoptr (GPtrArray) keys = tnet_i_report_keys (report);
  g_ptr_array_add (keys, NULL);
  return g_strjoinv (", ", (char **) keys->pdata);
}

TnetSensitivity *
tnet_report_sensitivity (const TnetDataset *ds, const TnetScenario *scen, const char *key,
                         guint n_threads, GError **error)
{
  g_return_val_if_fail (ds != NULL, NULL);
  g_return_val_if_fail (scen != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  const TnetScenario *cols[1] = { scen };
  g_autoptr (TnetReport) base = tnet_report_compute (ds, cols, 1, error);
  if (!base)
    return NULL;
  const char *name = NULL, *unit = NULL;
  int decimals = 0;
  if (!tnet_i_report_row_info (base, key, &name, &unit, &decimals)
      || isnan (tnet_i_report_summary (base, 0, key)))
    {
      g_autofree char *keys = list_keys (base);
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "no numeric indicator '%s' in the report; it has: %s", key, keys);
      return NULL;
    }

  Job job = { .ds = ds, .net = tnet_dataset_get_network (ds), .scen = scen, .key = key };
  tnet_i_uncertainty_ranges (tnet_dataset_get_plan (ds), &job.h);
  job.todo = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (TnetId i = 0; i < tnet_network_n_links (job.net); i++)
    {
      const TnetLink *l = tnet_network_link (job.net, i);
      if (tnet_scenario_link_active (scen, job.net, i)
          && tnet_i_uncertainty_link_varies (&job.h, l))
        g_array_append_val (job.todo, i);
    }
  job.low = g_new (double, MAX (job.todo->len, 1));
  job.high = g_new (double, MAX (job.todo->len, 1));
  tnet_i_report_queue_init (&job.queue, job.todo->len);
  tnet_i_run_threads ("tnet-sensitivity", tnet_i_thread_count (n_threads, job.todo->len),
                      worker, &job);
  tnet_i_report_queue_clear (&job.queue);
  TnetSensitivity *s = NULL;
  if (job.queue.error)
    g_propagate_error (error, job.queue.error);
  else
    {
      s = g_new0 (TnetSensitivity, 1);
      s->key = g_strdup (key);
      s->name = g_strdup (name);
      s->unit = g_strdup (unit ? unit : "");
      s->column = tnet_scenario_get_name (scen)
                  ? g_strdup (tnet_scenario_get_name (scen))
                  : g_strdup_printf ("%d", tnet_scenario_get_year (scen));
      s->decimals = decimals;
      s->base = tnet_i_report_summary (base, 0, key);
      s->target = tnet_i_report_target (base, key);
      s->rows = g_array_new (FALSE, FALSE, sizeof (TnetSensitivityRow));
      s->strings = g_string_chunk_new (256);
      for (guint k = 0; k < job.todo->len; k++)
        {
          TnetId i = g_array_index (job.todo, TnetId, k);
          const TnetLink *l = tnet_network_link (job.net, i);
          double lo = job.low[k], hi = job.high[k];
          /* an end that becomes unreachable (infinite) is the largest move;
           * a row that leaves the value NAN at an end is not ranked */
          double swing = lo == hi ? 0.0 : fabs (hi - lo);
          if (!(swing > 0))
            continue;
          TnetSensitivityRow row = {
            .link = i,
            .link_id = g_string_chunk_insert_const (s->strings, l->id),
            .line = l->line ? g_string_chunk_insert_const (s->strings, l->line) : NULL,
            .confidence = l->confidence
                          ? g_string_chunk_insert_const (s->strings, l->confidence) : NULL,
            .low = lo, .high = hi, .swing = swing,
          };
          g_array_append_val (s->rows, row);
        }
      g_array_sort (s->rows, compare_rows);
    }
  g_array_unref (job.todo);
  g_free (job.low);
  g_free (job.high);
  return s;
}

void
tnet_sensitivity_free (TnetSensitivity *s)
{
  if (!s)
    return;
  g_free (s->key);
  g_free (s->name);
  g_free (s->unit);
  g_free (s->column);
  g_array_unref (s->rows);
  g_string_chunk_free (s->strings);
  g_free (s);
}

double
tnet_sensitivity_get_base (const TnetSensitivity *s)
{
  g_return_val_if_fail (s != NULL, NAN);
  return s->base;
}

const char *
tnet_sensitivity_get_key (const TnetSensitivity *s)
{
  g_return_val_if_fail (s != NULL, NULL);
  return s->key;
}

const char *
tnet_sensitivity_get_name (const TnetSensitivity *s)
{
  g_return_val_if_fail (s != NULL, NULL);
  return s->name;
}

const char *
tnet_sensitivity_get_unit (const TnetSensitivity *s)
{
  g_return_val_if_fail (s != NULL, NULL);
  return s->unit;
}

int
tnet_sensitivity_get_decimals (const TnetSensitivity *s)
{
  g_return_val_if_fail (s != NULL, 0);
  return s->decimals;
}

double
tnet_sensitivity_get_target (const TnetSensitivity *s)
{
  g_return_val_if_fail (s != NULL, NAN);
  return s->target;
}

const char *
tnet_sensitivity_get_column (const TnetSensitivity *s)
{
  g_return_val_if_fail (s != NULL, NULL);
  return s->column;
}

guint
tnet_sensitivity_n_rows (const TnetSensitivity *s)
{
  g_return_val_if_fail (s != NULL, 0);
  return s->rows->len;
}

const TnetSensitivityRow *
tnet_sensitivity_get_row (const TnetSensitivity *s, guint i)
{
  g_return_val_if_fail (s != NULL && i < s->rows->len, NULL);
  return &g_array_index (s->rows, TnetSensitivityRow, i);
}

static guint
n_shown (const TnetSensitivity *s, guint top)
{
  return top == 0 ? s->rows->len : MIN (top, s->rows->len);
}

char *
tnet_sensitivity_to_json (const TnetSensitivity *s, guint top, gboolean pretty)
{
  g_return_val_if_fail (s != NULL, NULL);
  int d = s->decimals + 2;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "indicator");
  json_builder_add_string_value (b, s->key);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, s->name);
  json_builder_set_member_name (b, "unit");
  json_builder_add_string_value (b, s->unit);
  json_builder_set_member_name (b, "column");
  json_builder_add_string_value (b, s->column);
  tnet_i_json_add_number (b, "base", s->base, d);
  tnet_i_json_add_number (b, "target", s->target, d);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < n_shown (s, top); i++)
    {
      const TnetSensitivityRow *r = tnet_sensitivity_get_row (s, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rank");
      json_builder_add_int_value (b, i + 1);
      json_builder_set_member_name (b, "link");
      json_builder_add_string_value (b, r->link_id);
      json_builder_set_member_name (b, "line");
      json_builder_add_string_value (b, r->line ? r->line : "");
      json_builder_set_member_name (b, "confidence");
      json_builder_add_string_value (b, r->confidence ? r->confidence : "");
      tnet_i_json_add_number (b, "low", r->low, d);
      tnet_i_json_add_number (b, "high", r->high, d);
      tnet_i_json_add_number (b, "swing", r->swing, d);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return json_to_string (root, pretty);
}

char *
tnet_sensitivity_to_csv (const TnetSensitivity *s, guint top)
{
  g_return_val_if_fail (s != NULL, NULL);
  static const char *const header[] = { "rank", "link", "line", "confidence", "low", "high",
                                        "swing", NULL };
  TnetCsvWriter *w = tnet_csv_writer_new (header);
  int d = s->decimals + 2;
  for (guint i = 0; i < n_shown (s, top); i++)
    {
      const TnetSensitivityRow *r = tnet_sensitivity_get_row (s, i);
      tnet_csv_writer_add_int (w, i + 1);
      tnet_csv_writer_add_text (w, r->link_id);
      tnet_csv_writer_add_text (w, r->line ? r->line : "");
      tnet_csv_writer_add_text (w, r->confidence ? r->confidence : "");
      tnet_csv_writer_add_number (w, r->low, d);
      tnet_csv_writer_add_number (w, r->high, d);
      tnet_csv_writer_add_number (w, r->swing, d);
      tnet_csv_writer_end_row (w);
    }
  return tnet_csv_writer_free_to_string (w);
}

/* Appends @text left-aligned in @width terminal columns and a space. */
static void
append_padded (GString *t, const char *text, guint width)
{
  tnet_i_text_pad (t, text, width, FALSE);
  g_string_append_c (t, ' ');
}

char *
tnet_sensitivity_to_text (const TnetSensitivity *s, guint top)
{
  g_return_val_if_fail (s != NULL, NULL);
  int d = s->decimals + 1;
  GString *t = g_string_new (NULL);
  g_string_append_printf (t, "Sensitivity of %s (%s) in %s: %.*f %s", s->name, s->key,
                          s->column, d, s->base, s->unit);
  if (!isnan (s->target))
    g_string_append_printf (t, ", target %.*f", d, s->target);
  g_string_append (t, "\nEach row alone at the low end (short, fast) and the high end "
                      "(long, slow) of its range.\n\n");
  guint w_link = 4, w_line = 4;
  for (guint i = 0; i < n_shown (s, top); i++)
    {
      const TnetSensitivityRow *r = tnet_sensitivity_get_row (s, i);
      w_link = MAX (w_link, (guint) g_utf8_strlen (r->link_id, -1));
      if (r->line)
        w_line = MAX (w_line, 2 * (guint) g_utf8_strlen (r->line, -1));
    }
  g_string_append (t, "rank  ");
  append_padded (t, "link", w_link);
  append_padded (t, "line", w_line);
  g_string_append_printf (t, "%-10s %12s %12s %10s\n", "confidence", "low", "high", "swing");
  for (guint i = 0; i < n_shown (s, top); i++)
    {
      const TnetSensitivityRow *r = tnet_sensitivity_get_row (s, i);
      g_string_append_printf (t, "%4u  ", i + 1);
      append_padded (t, r->link_id, w_link);
      append_padded (t, r->line ? r->line : "", w_line);
      g_string_append_printf (t, "%-10s %12.*f %12.*f %10.*f\n",
                              r->confidence ? r->confidence : "", d, r->low, d, r->high, d,
                              r->swing);
    }
  if (s->rows->len == 0)
    g_string_append (t, "(no input row moves the indicator)\n");
  else if (n_shown (s, top) < s->rows->len)
    g_string_append_printf (t, "… %u more rows move it\n", s->rows->len - n_shown (s, top));
  return g_string_free (t, FALSE);
}
