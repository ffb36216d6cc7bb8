/* fuzz-osm.h: what the OSM targets do with a file. */
#pragma once

#include "fuzz-common.h"

/* Loads @path with and without degree-2 contraction and checks each
 * network that loads (ids unique, links between existing nodes, lengths
 * and speeds in the model's ranges). */
void fz_osm_load (const char *path);
