/* transfers-output.h: the hub transfer tables of a loaded folder, shared by
 * `tnet transfers`, the [transfers] section of `tnet run` and serve's
 * /transfers (the library writes them: tnet_hub_transfers_to_json() and
 * its siblings). */
#pragma once

#include "cli.h"

G_BEGIN_DECLS

/* The tables of the loaded folder's hubs (hubs.csv, hub_walks.csv) for
 * @scen with the folder's feed of that year; fails when the folder has no
 * hubs.csv. The result borrows the dataset's hubs. */
TnetHubTransfers *tnet_cli_transfers_compute (const TnetDataset *ds, const TnetScenario *scen,
                                              GError **error);

G_END_DECLS
