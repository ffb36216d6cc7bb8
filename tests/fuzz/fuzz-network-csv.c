/* fuzz-network-csv.c: tnet_network_load_csv() on a nodes.csv and a
 * links.csv (input split at the first NUL: nodes, then links). A network
 * that loads is saved and loaded again, and must come back with the same
 * counts. */
#include "fuzz-common.h"

#include <stdlib.h>

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fz_init ();
  FzPart parts[2];
  size_t n = fz_split (data, size, parts, 2);
  g_free (fz_write ("nodes.csv", parts[0].data, parts[0].size));
  g_free (fz_write ("links.csv", n > 1 ? parts[1].data : NULL, n > 1 ? parts[1].size : 0));
  GError *error = NULL;
  TnetNetwork *net = tnet_network_load_csv (fz_dir (), &error);
  if (!net)
    {
      fz_expect_error (error);
      return 0;
    }
  fz_note ("network");
  char *out = g_build_filename (fz_dir (), "out", NULL);
  if (!tnet_network_save_csv (net, out, &error))
    {
      g_printerr ("save failed: %s\n", error->message);
      abort ();
    }
  TnetNetwork *again = tnet_network_load_csv (out, &error);
  if (!again)
    {
      g_printerr ("reload of a saved network failed: %s\n", error->message);
      abort ();
    }
  if (tnet_network_n_nodes (again) != tnet_network_n_nodes (net) ||
      tnet_network_n_links (again) != tnet_network_n_links (net))
    abort ();
  tnet_network_free (again);
  tnet_network_free (net);
  g_free (out);
  return 0;
}
