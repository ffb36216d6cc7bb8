/* tnet-places.h: the one grammar of "a place" — what a command argument,
 * a scenario file or a plan means by a node, a region, its zones, a kind
 * of node or everything (docs/cli.md, "Places"). */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>

G_BEGIN_DECLS

/**
 * TnetPlaceKind:
 * What one item of a place list names.
 * @TNET_PLACE_NODE: one node (`node:ID`, or a bare node id or name)
 * @TNET_PLACE_REGION: the nodes of a region (`region:R`, or a bare region id)
 * @TNET_PLACE_ZONES: the zone nodes of a region (`zones:R`)
 * @TNET_PLACE_KIND: every node of a kind (`kind:K`)
 * @TNET_PLACE_ALL: every node (`all`)
 */
typedef enum {
  TNET_PLACE_NODE,
  TNET_PLACE_REGION,
  TNET_PLACE_ZONES,
  TNET_PLACE_KIND,
  TNET_PLACE_ALL,
} TnetPlaceKind;

/**
 * TnetPlaceItem:
 * One item of a place list.
 * @kind: what it names
 * @text: the item as written (owned by the list)
 * @name: the node id, region id or kind name it resolved to (owned), or
 *   %NULL for `all`
 * @members: (element-type TnetId): every node it names, in node order
 * @zones: (element-type TnetId): its zone nodes (for a node: the node
 *   itself, whatever its kind), in node order; may be empty
 */
typedef struct {
  TnetPlaceKind kind;
  char *text;
  char *name;
  GArray *members;
  GArray *zones;
} TnetPlaceItem;

/**
 * TnetPlaceList:
 * The items of a place specification, in order. Free with
 * tnet_place_list_free().
 */
typedef struct {
  guint n_items;
  TnetPlaceItem *items;
} TnetPlaceList;

/**
 * tnet_place_list_parse:
 * @net: the network the names refer to
 * @spec: the specification: one item, or items separated by `;` or `,`
 *   (spaces around them ignored). An item is `node:ID`, `region:R`,
 *   `zones:R`, `kind:K` (zone, station, stop, interchange, junction,
 *   place, parking), `all`, or a bare word: a region id, else a node id, else a node
 *   name (nodes.csv `name` or `name_en`; the first node in file order that
 *   bears it). The whole of @spec is first tried as one item, so that ids
 *   containing `,` or `;` need no quoting.
 *
 * Resolves @spec against @net.
 * Errors: %TNET_ERROR_NOT_FOUND naming the first item that matches no
 * node, with a did-you-mean among the ids and names of its kind when one is
 * close (tnet_suggest_name()), and for an empty specification (nothing
 * but separators and spaces).
 * Thread-safety: reads @net only.
 * Returns: (transfer full): the list, or %NULL.
 * Time complexity: O(items × n) plus, on error, the suggestion's
 *   O(n × |name|²).
 */
TNET_API TnetPlaceList *tnet_place_list_parse (const TnetNetwork *net, const char *spec,
                                               GError **error);
TNET_API void tnet_place_list_free (TnetPlaceList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetPlaceList, tnet_place_list_free)

/**
 * tnet_place_suggest:
 * @regions: whether region ids are candidates too
 *
 * The node id or node name (or, with @regions, region id) closest to @word
 * when it is close enough to be a typo (tnet_suggest_name()), else %NULL.
 * `node:` may prefix @word, as in tnet_place_find_node(). A view owned by
 * @net.
 * Errors: none (%NULL is the answer when nothing is close).
 * Thread-safety: reads @net only.
 * Time complexity: O(n × |word| × |name|).
 */
TNET_API const char *tnet_place_suggest (const TnetNetwork *net, const char *word,
                                         gboolean regions);

/**
 * tnet_place_find_node:
 * The node @word names: a node id, else a node name or English name (the
 * first in file order), else %TNET_ID_NONE. `node:` may prefix it.
 * Errors: none (%TNET_ID_NONE when nothing matches).
 * Thread-safety: reads @net only.
 * Time complexity: O(1) expected for an id, O(n) for a name.
 */
TNET_API TnetId tnet_place_find_node (const TnetNetwork *net, const char *word);

/**
 * tnet_place_search:
 * @text: (nullable): what to look for; %NULL or "" keeps every node
 * @nodes_out: receives the node ids (TnetId), in node order
 *
 * The nodes whose id, name or English name contains @text, compared
 * case-insensitively (g_utf8_casefold()); for `tnet nodes --search`.
 * Returns the number of nodes appended.
 * Errors: none. Thread-safety: reads @net only; appends to @nodes_out.
 * Time complexity: O(n × |name|).
 */
TNET_API guint tnet_place_search (const TnetNetwork *net, const char *text, GArray *nodes_out);

/**
 * tnet_commute_select:
 * @spec: a place list of the place grammar (tnet_place_list_parse()):
 *   items separated by `;` or `,`, each a node id or name, `region:R` or a
 *   bare region id (the nodes of kind zone in region R), `zones:R` (the
 *   same), `kind:K` (every node of kind K) or `all` (every node)
 * @nodes_out: receives the node indices (TnetId), in order, without repeats
 *
 * Resolves an origin or destination specification. Fails with
 * %TNET_ERROR_NOT_FOUND naming the first item that matches no node (an
 * unknown id, region or kind, with a did-you-mean when a name is close,
 * or a region without zones, or an empty @spec) and adds nothing then.
 * Thread-safety: reads @net only; appends to @nodes_out.
 * Time complexity: O(items * nodes).
 */
TNET_API gboolean tnet_commute_select (const TnetNetwork *net, const char *spec,
                                       GArray *nodes_out, GError **error);

/**
 * tnet_place_select_nodes:
 * @place: (nullable): a place (the grammar of tnet_place_list_parse());
 *   %NULL: all
 * @search: (nullable): only the nodes whose id, name or English name
 *   contains it (tnet_place_search()); %NULL or "": every one
 * @limit: at most this many, the first in node order; 0: no limit
 *
 * The nodes of `tnet nodes [PLACE] --search TEXT --limit N` and serve's
 * /nodes, in node order.
 * Returns: (transfer full): a GArray of TnetId, or %NULL with the place
 *   parser's error.
 * Thread-safety: reads @net only.
 * Time complexity: O(n × |name|) plus the place list's size.
 */
TNET_API GArray *tnet_place_select_nodes (const TnetNetwork *net, const char *place,
                                          const char *search, guint limit, GError **error);

/**
 * tnet_place_nodes_to_json:
 * @ids: @n_ids node indices
 *
 * The one JSON form of a node list (docs/json-schema.md, `tnet nodes`,
 * serve's /nodes): an array of {id, kind, region, name, name_en, lon, lat},
 * "" for a missing text. Indented by 2.
 * Returns: (transfer full): the text, ending in a newline.
 * Errors: none (a node out of range is a programming error).
 * Thread-safety: reads its arguments only.
 * Time complexity: O(n_ids).
 */
TNET_API char *tnet_place_nodes_to_json (const TnetNetwork *net, const TnetId *ids,
                                         guint n_ids);

/**
 * tnet_place_nodes_to_csv:
 * The CSV form: header `id,kind,region,name,name_en`, a row per node.
 * Returns: (transfer full): the text.
 * Errors: none (a node out of range is a programming error).
 * Thread-safety: reads its arguments only. Time complexity: O(n_ids).
 */
TNET_API char *tnet_place_nodes_to_csv (const TnetNetwork *net, const TnetId *ids,
                                        guint n_ids);

/**
 * tnet_place_nodes_to_text:
 * The text form: the CSV's columns separated by tabs, no header.
 * Returns: (transfer full): the text.
 * Errors: none (a node out of range is a programming error).
 * Thread-safety: reads its arguments only. Time complexity: O(n_ids).
 */
TNET_API char *tnet_place_nodes_to_text (const TnetNetwork *net, const TnetId *ids,
                                         guint n_ids);

G_END_DECLS
