/* osm-pbf.h: the check an .osm.pbf file passes before readosm reads it
 * (osm-pbf.c). Internal. */
#pragma once

#include "tnet-internal.h"

/* TRUE when @path is an .osm.pbf file readosm can read safely, or cannot be
 * opened (readosm reports that). Otherwise FALSE with TNET_ERROR_INVALID_INPUT
 * "PATH: not a readable OSM file: byte N: …".
 * Time complexity: O(size of the file, inflated). */
gboolean tnet_i_osm_pbf_check (const char *path, GError **error);
