/* cmd-report.c: `tnet report`, the plan-indicator report: the baseline and
 * the plan scenario side by side with the targets and pass/fail. */
#include "cli.h"
#include "commands.h"
#include "report-json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int n_draws = 0;
static gint64 seed = 1;
static int n_threads = 0;

/* The draws of @report (computed without them) in blocks of a few, until
 * @deadline_us: tnet_report_compute_uncertain() cut where a time limit can
 * stop it (draw d is the same whichever block computes it). */
static gboolean
draws_until (TnetReport *report, const TnetDataset *ds, const TnetScenario *const *columns,
             guint n_columns, guint draws, guint64 draw_seed, guint threads,
             gint64 deadline_us, GError **error)
{
  guint per_draw = tnet_report_n_draw_values (report);
  guint block = MAX (threads, 1u) * 4;
  g_autofree double *values = g_new (double, (gsize) draws * per_draw);
  for (guint first = 0; first < draws; first += block)
    {
      if (g_get_monotonic_time () > deadline_us)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "the time limit passed after "
                       "%u of %u draws", first, draws);
          return FALSE;
        }
      guint n = MIN (block, draws - first);
      if (!tnet_report_draw_values (report, ds, columns, n_columns, first, n, draw_seed, threads,
                                    values + (gsize) first * per_draw, error))
        return FALSE;
    }
  tnet_report_set_draws (report, values, draws);
  return TRUE;
}

char *
tnet_cli_report_run (TnetDataset *ds, const TnetScenario *scen, gboolean plain_year,
                     int baseline, int draws, gint64 draw_seed, int threads,
                     gint64 deadline_us, TnetCliFormat format, GError **error)
{
  /* the baseline: --baseline, else the first year the data describe */
  if (baseline == 0)
    baseline = tnet_dataset_get_baseline_year (ds);
  else if (!tnet_dataset_check_year (ds, baseline, error))
    {
      g_prefix_error (error, "--baseline: ");
      return NULL;
    }
  g_autoptr (TnetScenario) base = baseline ? tnet_scenario_new (baseline) : NULL;
  const TnetScenario *columns[2] = { base, scen };
  guint n_columns = 2;
  /* no baseline, or a plain scenario of the baseline year: one column */
  if (!base || (tnet_scenario_get_year (scen) == baseline && plain_year))
    {
      columns[0] = scen;
      n_columns = 1;
    }
  g_autoptr (TnetReport) report = draws > 0 && deadline_us == 0
    ? tnet_report_compute_uncertain (ds, columns, n_columns, (guint) draws, (guint64) draw_seed,
                                     (guint) threads, error)
    : tnet_report_compute (ds, columns, n_columns, error);
  if (!report)
    return NULL;
  if (draws > 0 && deadline_us != 0
      && !draws_until (report, ds, columns, n_columns, (guint) draws, (guint64) draw_seed,
                       (guint) threads, deadline_us, error))
    return NULL;
  return format == TNET_CLI_FORMAT_JSON ? tnet_report_to_json (report, TRUE)
         : format == TNET_CLI_FORMAT_CSV ? tnet_report_to_csv (report)
         : tnet_report_to_text (report);
}

static gboolean
report (TnetCliCommon *common, int baseline, TnetCliFormat format, GError **error)
{
  const TnetNetwork *net = NULL;
  g_autoptr (TnetScenario) scen = NULL;
  if (!tnet_cli_load (common, &net, &scen, error))
    return FALSE;
  gboolean plain_year = !common->scenario
                        || atoi (common->scenario) == tnet_scenario_get_year (scen);
  g_autofree char *text = tnet_cli_report_run (common->dataset, scen, plain_year, baseline,
                                               n_draws, seed, n_threads, 0, format, error);
  return text && tnet_cli_write (common, text, error);
}

int
tnet_cmd_report (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  int baseline = 0;
  GError *error = NULL;
  GOptionEntry entries[] = {
    { "baseline", 0, 0, G_OPTION_ARG_INT, &baseline,
      "Year of the first column (default: the first year the data describe, plan.ini [data] years)", "YEAR" },
    { "uncertainty", 0, 0, G_OPTION_ARG_INT, &n_draws,
      "Draw N perturbed networks and report p05/p50/p95 and the pass probability", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the draws (default 1)", "S" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &n_threads,
      "Threads for the draws (default: one per processor)", "T" },
    { NULL }
  };
  GOptionContext *ctx = tnet_cli_command_context (NULL,
    "The plan indicators computed from the network: the baseline year (the first\n"
    "year the data describe) and the scenario side by side, beside the targets of\n"
    "targets.csv.", entries, &common, TNET_CLI_FORMATS_TABLE, TNET_CLI_FORMAT_TEXT);
  TnetCliFormat format = TNET_CLI_FORMAT_TEXT;
  int rc = TNET_EXIT_OK;
  if ((rc = tnet_cli_parse (ctx, &argc, &argv, 0)) != TNET_EXIT_OK)
    {
      /* reported */
    }
  else if (n_draws < 0 || n_draws > 1000000 || n_threads < 0)
    rc = tnet_cli_usage (ctx, "--uncertainty expects 0 to 1000000 draws, --threads 0 or more");
  else if (!tnet_cli_format (&common, TNET_CLI_FORMATS_TABLE, &format, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (!report (&common, baseline, format, &error))
    rc = tnet_cli_fail (NULL, error);
  tnet_cli_common_clear (&common);
  g_option_context_free (ctx);
  return rc;
}
