/* fuzz-osm-pbf.c: tnet_network_load_osm() on an .osm.pbf file. */
#include "fuzz-osm.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fz_init ();
  char *path = fz_write ("f.osm.pbf", data, size);
  fz_osm_load (path);
  g_free (path);
  return 0;
}
