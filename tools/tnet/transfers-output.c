/* transfers-output.c: the hub transfer tables of a loaded folder (see
 * transfers-output.h). */
#include "transfers-output.h"

TnetHubTransfers *
tnet_cli_transfers_compute (const TnetDataset *ds, const TnetScenario *scen, GError **error)
{
  const TnetHubSet *hubs = tnet_dataset_get_hubs (ds);
  if (!hubs)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                   "%s/hubs.csv: no hubs.csv in the network folder", tnet_dataset_get_dir (ds));
      return NULL;
    }
  const TnetFeed *feed = NULL;
  if (!tnet_dataset_get_feed (ds, tnet_scenario_get_year (scen), &feed, error))
    return NULL;
  return tnet_hub_transfers_compute (hubs, feed, scen);
}
