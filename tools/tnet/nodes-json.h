/* nodes-json.h: the node list of `tnet nodes`, shared with `tnet serve`'s
 * /nodes (one selection, one serializer). */
#pragma once

#include "cli.h"

G_BEGIN_DECLS

/* The nodes @place names (the place grammar, tnet_place_list_parse(); NULL:
 * all) whose id, name or English name contains @search (NULL or "": every
 * one), in node order, at most @limit of them (0: no limit). Returns a
 * GArray of TnetId, or NULL with the parser's error. */
GArray *tnet_cli_nodes_select (const TnetNetwork *net, const char *place, const char *search,
                               guint limit, GError **error);

/* The JSON document of `tnet nodes --format json` for @ids: an array of
 * {id, kind, region, name, name_en, lon, lat}, "" for a missing text.
 * Newly allocated. Time complexity: O(n_ids). */
char *tnet_cli_nodes_json (const TnetNetwork *net, const TnetId *ids, guint n_ids);

G_END_DECLS
