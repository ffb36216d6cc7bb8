/* fuzz-osm.c: tnet_network_load_osm() on the input saved as .osm (XML) and
 * as .osm.pbf. A network that loads must have links between its own nodes
 * with positive lengths and speeds. */
#include "fuzz-common.h"

#include <stdlib.h>

static void
load (const char *name, const uint8_t *data, size_t size, gboolean contract)
{
  char *path = fz_write (name, data, size);
  TnetOsmOptions o;
  tnet_osm_options_init (&o);
  o.contract_degree2 = contract;
  GError *error = NULL;
  TnetNetwork *net = tnet_network_load_osm (path, &o, &error);
  if (net)
    {
      fz_note (name);
      guint n = tnet_network_n_nodes (net);
      for (guint k = 0; k < tnet_network_n_links (net); k++)
        {
          const TnetLink *l = tnet_network_link (net, k);
          if (l->from >= n || l->to >= n || !(l->length_m > 0) || !(l->speed_kmh > 0))
            abort ();
        }
      tnet_network_free (net);
    }
  else
    fz_expect_error (error);
  g_free (path);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fz_init ();
  load ("map.osm", data, size, size % 2 == 0);
  load ("map.osm.pbf", data, size, FALSE);
  return 0;
}
