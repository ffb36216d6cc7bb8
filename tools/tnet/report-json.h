/* report-json.h: `tnet report` as a function, shared with `tnet serve`'s
 * /report (same columns, computation and document). */
#pragma once

#include "cli.h"

G_BEGIN_DECLS

/* The output of `tnet report [--baseline @baseline] [--uncertainty
 * @n_draws …] --format @format` for the scenario @scen of @ds. @baseline 0:
 * the first year the data describe. One column when @scen is the plain
 * scenario of the baseline year (@plain_year: it was given as a year, not a
 * scenario file), else the baseline beside @scen. With @deadline_us (a
 * g_get_monotonic_time() limit; 0: none) the draws are computed in blocks
 * and the call gives up between two blocks once the limit has passed
 * (G_IO_ERROR_CANCELLED); the document is the same as without it. Errors: a
 * baseline year the data do not describe (prefixed "--baseline: "), those
 * of the report. Reentrant: @ds is only read. */
char *tnet_cli_report_run (TnetDataset *ds, const TnetScenario *scen, gboolean plain_year,
                           int baseline, int n_draws, gint64 seed, int n_threads,
                           gint64 deadline_us, TnetCliFormat format, GError **error);

G_END_DECLS
