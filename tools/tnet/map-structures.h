/* map-structures.h: the structures of a network folder (structures.csv) on
 * a map, shared by `tnet map --layer structures` and `tnet run`. */
#pragma once

#include "cli.h"

G_BEGIN_DECLS

/* Judges every structure of the folder of @net under @scen and adds each to
 * @map (open links solid, gaps dashed). Returns the number added: 0 when
 * the folder has no structures.csv, G_MAXUINT with @error set on failure. */
guint tnet_cli_map_add_structures (TnetMap *map, const TnetNetwork *net,
                                   const TnetScenario *scen, GError **error);

G_END_DECLS
