/* fuzz-osm-xml.c: tnet_network_load_osm() on an .osm (XML) file. */
#include "fuzz-osm.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fz_init ();
  char *path = fz_write ("f.osm", data, size);
  fz_osm_load (path);
  g_free (path);
  return 0;
}
