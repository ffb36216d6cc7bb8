/* transfers-output.h: hub transfer tables as text, JSON and CSV, shared by
 * `tnet transfers` and the [transfers] section of `tnet run`. */
#pragma once

#include "cli.h"

G_BEGIN_DECLS

/* The tables of the loaded folder's hubs (hubs.csv, hub_walks.csv) for
 * @scen with the folder's feed of that year; fails when the folder has no
 * hubs.csv. The result borrows the dataset's hubs. */
TnetHubTransfers *tnet_cli_transfers_compute (const TnetDataset *ds, const TnetScenario *scen,
                                              GError **error);

/* Renderings of the hubs of @t (all when @only < 0, else hub @only). */
void tnet_cli_transfers_json (JsonBuilder *b, const TnetHubTransfers *t, int only);
char *tnet_cli_transfers_text (const TnetHubTransfers *t, int only);
char *tnet_cli_transfers_csv (const TnetHubTransfers *t, int only);

G_END_DECLS
