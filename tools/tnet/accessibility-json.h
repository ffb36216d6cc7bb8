/* accessibility-json.h: `tnet accessibility` as a function, shared with
 * `tnet serve`'s /accessibility (same zones, kernel and document; the
 * document written by the library's tnet_accessibility_to_json() and its
 * siblings). */
#pragma once

#include "cli.h"
#include "route-transit.h"

G_BEGIN_DECLS

/* Parses "30,45,60" (minutes in (0, 10000]) into @out (doubles). */
gboolean tnet_cli_accessibility_cutoffs (const char *s, GArray *out);

/* Transit by the timetable in `tnet accessibility`: @timetable (borrowed)
 * with @timing; with the park_and_ride profile @park_ride (borrowed, built
 * on @timetable). */
typedef struct {
  TnetTimetable *timetable;
  const TnetParkRide *park_ride;
  TnetCliTimetableTiming timing;
} TnetCliAccessTimetable;

/* The output of `tnet accessibility --opportunities @opp [--population
 * @pop_col] --cutoffs … --profile … --format @format` for the folder @ds
 * and @graph, the multimodal graph of @profile in the scenario. The zones
 * are those of zones.csv, or without it the zone nodes of nodes.csv (whose
 * one column is population). @progress (nullable) is passed to the
 * kernel (CH build, timetable matrix); @cancellable (nullable) stops it
 * (G_IO_ERROR_CANCELLED).
 * @tt (nullable): transit by this timetable instead of @graph's frequency
 * approximation (only with the transit profile). The output names the
 * model either way; it is written by tnet_accessibility_to_text(), _json(),
 * _csv() or _geojson() as @format says.
 * Errors: as the command (a missing column, a zone that is no node).
 * Reentrant: @ds, @net and @graph are only read. */
char *tnet_cli_accessibility_run (TnetDataset *ds, const TnetNetwork *net, TnetMultimodal *graph,
                                  TnetProfile profile, const TnetCliAccessTimetable *tt,
                                  const char *opp, const char *pop_col,
                                  const GArray *cutoffs, TnetCliFormat format,
                                  TnetProgressFunc progress, gpointer progress_data,
                                  GCancellable *cancellable, GError **error);

G_END_DECLS
