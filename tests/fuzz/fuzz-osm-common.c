/* fuzz-osm-common.c: the OSM import checks shared by the .osm and .pbf
 * targets. */
#include "fuzz-osm.h"

#include <stdlib.h>

static void
check (const TnetNetwork *net)
{
  guint n = tnet_network_n_nodes (net);
  for (guint i = 0; i < tnet_network_n_links (net); i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      if (l->from >= n || l->to >= n || !(l->length_m > 0.0) || !isfinite (l->length_m))
        abort ();
      if (!isnan (l->speed_kmh) && !(l->speed_kmh > 0.0 && l->speed_kmh <= 1000.0))
        abort ();
      if (tnet_network_find_link (net, l->id) != i)
        abort ();
    }
  for (guint i = 0; i < n; i++)
    if (tnet_network_find_node (net, tnet_network_node (net, i)->id) != i)
      abort ();
}

void
fz_osm_load (const char *path)
{
  for (int contract = 0; contract < 2; contract++)
    {
      TnetOsmOptions opts;
      tnet_osm_options_init (&opts);
      opts.contract_degree2 = contract;
      GError *error = NULL;
      TnetNetwork *net = tnet_network_load_osm (path, &opts, &error);
      if (!net)
        {
          fz_expect_error (error);
          continue;
        }
      fz_note (contract ? "osm (contracted)" : "osm");
      check (net);
      tnet_network_free (net);
    }
}
