/* cli-extra.h: scenario files, progress, places and isochrones for the
 * subcommands (beside the framework of cli.h). */
#pragma once

#include "cli.h"

G_BEGIN_DECLS

/* The scenario-file loader installed into tnet_cli_scenario_file_loader:
 * reads FILE.ini, and when the file names its network checks every name
 * the file uses against it (located errors with suggestions). */
TnetScenario *tnet_cli_load_scenario_file (const char *path, char **network_dir,
                                           GError **error);

/**
 * tnet_cli_progress_func:
 * The progress printer for long work (CH builds, criticality scans, OSM
 * imports): NULL (no progress) unless standard error is a terminal and
 * --quiet was not given. Pass it with @common as user data to the
 * library's TnetProgressFunc parameters. It redraws one line
 * "WHAT: DONE/TOTAL UNIT (PCT%)" ("CH build: 4200/10000 nodes (42%)"), or
 * "WHAT: DONE UNIT" when the total is unknown (0), at most ten times a
 * second, and ends it with a newline when done reaches total; a line left
 * open (work that stops short of its total, or of unknown total) is
 * cleared by tnet_cli_progress_end() or ended by tnet_cli_progress_close().
 */
TnetProgressFunc tnet_cli_progress_func (const TnetCliCommon *common);

/* Clears a progress line left open ("\r" and erase to the end of the
 * line), so that what follows starts on a clean line: called before the
 * output is written (tnet_cli_write()), before an error is reported and at
 * exit. Does nothing when no line is open. */
void tnet_cli_progress_end (void);

/* Ends a progress line left open with a newline, keeping it on the screen
 * (the last count of work of unknown total). Does nothing when no line is
 * open. */
void tnet_cli_progress_close (void);

/* Every node a place list names (tnet_place_list_parse()), in order
 * without repeats. Fails as the parser (TNET_ERROR_NOT_FOUND with a
 * suggestion). Returns a GArray of TnetId. */
GArray *tnet_cli_resolve_place (const TnetNetwork *net, const char *spec, GError **error);

/**
 * tnet_cli_isochrone:
 * Travel minutes from the nodes of @from (a place spec) to every network
 * node within @minutes by @profile, NAN when not reached: an array of
 * tnet_network_n_nodes() doubles. "car" (default) searches the roads and
 * access links; "transit" and "park_and_ride" the multimodal graph of the
 * scenario year's feed (tnet_isochrone_compute).
 * *@origin receives the first origin node.
 */
double *tnet_cli_isochrone (const TnetNetwork *net, const TnetScenario *scen,
                            const char *from, const char *profile, double minutes,
                            TnetId *origin, GError **error);

/**
 * tnet_cli_fastest_path:
 * The fastest path (network link indices) from any node of @a to any node
 * of @b over the links of @mode_mask; NULL with *@time_ms = INF when none.
 */
GArray *tnet_cli_fastest_path (const TnetNetwork *net, const TnetScenario *scen,
                               const GArray *a, const GArray *b, guint mode_mask,
                               guint64 *time_ms, GError **error);

/* What a map of @ds shows of the folder itself: the region outlines
 * (regions.geojson, when there) and the credit line, "数据 data: CREDIT
 * (plan.ini [plan] credit) · drawn DATE" (DATE today in UTC, or of
 * SOURCE_DATE_EPOCH when set, so regenerated pictures can be reproduced).
 * @ds may be NULL (then only the date). */
void tnet_cli_map_add_dataset (TnetMap *map, const TnetDataset *ds);

G_END_DECLS
