/* osm-xml.h: the check an .osm (XML) file passes before readosm reads it
 * (osm-xml.c). Internal. */
#pragma once

#include "tnet-internal.h"

/* TRUE when readosm can read @path safely, or when it cannot be opened or is
 * not well-formed XML (readosm reports those). Otherwise FALSE with
 * TNET_ERROR_INVALID_INPUT "PATH:LINE:COLUMN: …".
 * Time complexity: O(size of the file). */
gboolean tnet_i_osm_xml_check (const char *path, GError **error);
