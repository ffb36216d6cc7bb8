/* analysis-private.h: helpers shared by the analysis files. Internal. */
#pragma once

#include "tnet-internal.h"

/* The named lines of @mode_mask active in @scen whose own links join a
 * node with side bit 1 to a node with side bit 2 (@side: per network
 * node); their names (views owned by @net), sorted, are appended to
 * @lines_out (nullable). Returns their number. corridor-lines.c. */
guint tnet_i_corridor_lines_joining (const TnetNetwork *net, const TnetScenario *scen,
                                     guint mode_mask, const guint8 *side,
                                     GPtrArray *lines_out);

/* Sorts the strings (const char *) of @array from index @start on. */
void tnet_i_sort_strings_from (GPtrArray *array, guint start);

#include <json-glib/json-glib.h>

/* The ranked items of a criticality scan on a profile's graph (@mm) from
 * the zones of @a to the zones of @b, the @top first, as one JSON array:
 * the one shape `tnet criticality`, `tnet run` and the report write
 * (docs/json-schema.md). Runs one search per item for its detour. */
void tnet_i_criticality_items_json (JsonBuilder *jb, const TnetCriticality *crit,
                                    const TnetNetwork *net, const TnetMultimodal *mm,
                                    const TnetNodeSet *a, const TnetNodeSet *b,
                                    gboolean by_line, guint top);
