/* places.c: the place grammar (tnet-places.h) — one parser for the node,
 * region, zones, kind and `all` items that commands, scenario files and
 * plans name. */
#include "tnet-internal.h"

static const char *const kind_names[] = {
  "zone", "station", "stop", "interchange", "junction", "place", "parking",
};

static void
item_clear (TnetPlaceItem *it)
{
  g_free (it->text);
  g_free (it->name);
  if (it->members)
    g_array_unref (it->members);
  if (it->zones)
    g_array_unref (it->zones);
}

void
tnet_place_list_free (TnetPlaceList *list)
{
  if (list == NULL)
    return;
  for (guint i = 0; i < list->n_items; i++)
    item_clear (&list->items[i]);
  g_free (list->items);
  g_free (list);
}

/* Candidates for a did-you-mean: region ids (each once), node ids, node
 * names, as @regions / @nodes ask. Views owned by @net. */
static GPtrArray *
candidates (const TnetNetwork *net, gboolean regions, gboolean nodes)
{
  GPtrArray *out = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = tnet_network_n_nodes (net);
  for (TnetId v = 0; v < n; v++)
    {
      const TnetNode *node = tnet_network_node (net, v);
      const char *names[3] = { regions ? node->region : NULL, nodes ? node->id : NULL,
                               nodes ? node->name : NULL };
      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        if (names[k] && g_hash_table_add (seen, (gpointer) names[k]))
          g_ptr_array_add (out, (gpointer) names[k]);
    }
  return out;
}

static const char *
suggest_among (const TnetNetwork *net, const char *word, gboolean regions, gboolean nodes)
{
  g_autoptr (GPtrArray) cands = candidates (net, regions, nodes);
  return tnet_suggest_name (word, (const char *const *) cands->pdata, cands->len);
}

const char *
tnet_place_suggest (const TnetNetwork *net, const char *word, gboolean regions)
{
  g_return_val_if_fail (net != NULL && word != NULL, NULL);
  if (g_str_has_prefix (word, "node:"))
    word += 5;
  return suggest_among (net, word, regions, TRUE);
}

/* The first node whose name or English name is @name. */
static TnetId
find_by_name (const TnetNetwork *net, const char *name)
{
  guint n = tnet_network_n_nodes (net);
  for (TnetId v = 0; v < n; v++)
    {
      const TnetNode *node = tnet_network_node (net, v);
      if (g_strcmp0 (node->name, name) == 0 || g_strcmp0 (node->name_en, name) == 0)
        return v;
    }
  return TNET_ID_NONE;
}

TnetId
tnet_place_find_node (const TnetNetwork *net, const char *word)
{
  g_return_val_if_fail (net != NULL && word != NULL, TNET_ID_NONE);
  if (g_str_has_prefix (word, "node:"))
    word += 5;
  TnetId v = tnet_network_find_node (net, word);
  return v != TNET_ID_NONE ? v : find_by_name (net, word);
}

/* Fills @it with the nodes of region @r (zones only when @zones_only). */
static void
add_region (const TnetNetwork *net, const char *r, gboolean zones_only, TnetPlaceItem *it)
{
  guint n = tnet_network_n_nodes (net);
  for (TnetId v = 0; v < n; v++)
    {
      const TnetNode *node = tnet_network_node (net, v);
      if (node->region == NULL || strcmp (node->region, r) != 0)
        continue;
      if (node->kind == TNET_NODE_ZONE)
        g_array_append_val (it->zones, v);
      if (node->kind == TNET_NODE_ZONE || !zones_only)
        g_array_append_val (it->members, v);
    }
}

static void
set_node (TnetPlaceItem *it, const TnetNetwork *net, TnetId v)
{
  it->kind = TNET_PLACE_NODE;
  it->name = g_strdup (tnet_network_node (net, v)->id);
  g_array_append_val (it->members, v);
  g_array_append_val (it->zones, v);
}

static gboolean
not_found (GError **error, const char *item, const char *expected, const char *sugg)
{
  g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND, "'%s' matches no node (expected %s)%s%s%s",
               item, expected, sugg ? "; did you mean '" : "", sugg ? sugg : "",
               sugg ? "'?" : "");
  return FALSE;
}

/* Resolves one item (already stripped). */
static gboolean
resolve_item (const TnetNetwork *net, const char *text, TnetPlaceItem *it, GError **error)
{
  it->text = g_strdup (text);
  it->members = g_array_new (FALSE, FALSE, sizeof (TnetId));
  it->zones = g_array_new (FALSE, FALSE, sizeof (TnetId));
  guint n = tnet_network_n_nodes (net);
  if (g_str_has_prefix (text, "region:") || g_str_has_prefix (text, "zones:"))
    {
      gboolean zones_only = text[0] == 'z';
      const char *r = strchr (text, ':') + 1;
      it->kind = zones_only ? TNET_PLACE_ZONES : TNET_PLACE_REGION;
      it->name = g_strdup (r);
      add_region (net, r, zones_only, it);
      if (it->members->len == 0)
        return not_found (error, text, zones_only ? "zones:R, R a region with zones"
                                                  : "region:R, R a region id of the nodes",
                          error ? suggest_among (net, r, TRUE, FALSE) : NULL);
      return TRUE;
    }
  if (g_str_has_prefix (text, "kind:"))
    {
      TnetNodeKind kind;
      it->kind = TNET_PLACE_KIND;
      it->name = g_strdup (text + 5);
      if (!tnet_node_kind_from_string (text + 5, &kind))
        return not_found (error, text, "kind:K, K one of zone, station, stop, interchange, "
                          "junction, place or parking",
                          tnet_suggest_name (text + 5, kind_names, G_N_ELEMENTS (kind_names)));
      for (TnetId v = 0; v < n; v++)
        if (tnet_network_node (net, v)->kind == kind)
          {
            g_array_append_val (it->members, v);
            if (kind == TNET_NODE_ZONE)
              g_array_append_val (it->zones, v);
          }
      if (it->members->len == 0)
        return not_found (error, text, "a kind some node has", NULL);
      return TRUE;
    }
  if (strcmp (text, "all") == 0)
    {
      it->kind = TNET_PLACE_ALL;
      for (TnetId v = 0; v < n; v++)
        {
          g_array_append_val (it->members, v);
          if (tnet_network_node (net, v)->kind == TNET_NODE_ZONE)
            g_array_append_val (it->zones, v);
        }
      if (n == 0)
        return not_found (error, text, "a network with nodes", NULL);
      return TRUE;
    }
  gboolean forced_node = g_str_has_prefix (text, "node:");
  const char *word = forced_node ? text + 5 : text;
  if (!forced_node)
    {
      it->kind = TNET_PLACE_REGION;
      it->name = g_strdup (word);
      add_region (net, word, FALSE, it);
      if (it->members->len > 0)
        return TRUE;
      g_clear_pointer (&it->name, g_free);
    }
  TnetId v = tnet_place_find_node (net, word);
  if (v != TNET_ID_NONE)
    {
      set_node (it, net, v);
      return TRUE;
    }
  return not_found (error, text, forced_node ? "node:ID, ID a node id or name"
                                             : "a node id or name, a region id, region:R, "
                                               "zones:R, kind:K or all",
                    error ? suggest_among (net, word, !forced_node, TRUE) : NULL);
}

/* Whether @spec as a whole names something (so that it is not split). */
static gboolean
whole_item (const TnetNetwork *net, const char *spec)
{
  if (strchr (spec, ',') == NULL && strchr (spec, ';') == NULL)
    return TRUE;
  TnetPlaceItem it = { 0 };
  gboolean ok = resolve_item (net, spec, &it, NULL);
  item_clear (&it);
  return ok;
}

TnetPlaceList *
tnet_place_list_parse (const TnetNetwork *net, const char *spec, GError **error)
{
  g_return_val_if_fail (net != NULL && spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_autofree char *whole = g_strstrip (g_strdup (spec));
  g_auto (GStrv) parts = NULL;
  if (whole_item (net, whole))
    parts = g_strdupv ((char *[]) { whole, NULL });
  else
    parts = g_strsplit_set (whole, ",;", -1);
  g_autoptr (TnetPlaceList) list = g_new0 (TnetPlaceList, 1);
  list->items = g_new0 (TnetPlaceItem, g_strv_length (parts) + 1);
  for (guint k = 0; parts[k]; k++)
    {
      const char *text = g_strstrip (parts[k]);
      if (*text == '\0')
        continue;
      if (!resolve_item (net, text, &list->items[list->n_items++], error))
        return NULL;
    }
  if (list->n_items == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                   "empty place list (expected a node id or name, a region id, region:R, "
                   "zones:R, kind:K or all)");
      return NULL;
    }
  return g_steal_pointer (&list);
}

static gboolean
add_unique (GArray *out, GHashTable *seen, TnetId v)
{
  if (g_hash_table_contains (seen, GUINT_TO_POINTER (v + 1)))
    return FALSE;
  g_hash_table_add (seen, GUINT_TO_POINTER (v + 1));
  g_array_append_val (out, v);
  return TRUE;
}

gboolean
tnet_commute_select (const TnetNetwork *net, const char *spec, GArray *nodes_out,
                     GError **error)
{
  g_return_val_if_fail (net != NULL, FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (nodes_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_autoptr (TnetPlaceList) list = tnet_place_list_parse (net, spec, error);
  if (list == NULL)
    return FALSE;
  g_autoptr (GArray) out = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  for (guint k = 0; k < list->n_items; k++)
    {
      /* trip ends: the zones of a region, the nodes of anything else */
      const TnetPlaceItem *it = &list->items[k];
      gboolean zones = it->kind == TNET_PLACE_REGION || it->kind == TNET_PLACE_ZONES;
      const GArray *nodes = zones ? it->zones : it->members;
      if (nodes->len == 0)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                       "'%s' matches no node (expected a node id, region:REGION with "
                       "zones, kind:KIND or all)", it->text);
          return FALSE;
        }
      for (guint i = 0; i < nodes->len; i++)
        add_unique (out, seen, g_array_index (nodes, TnetId, i));
    }
  g_array_append_vals (nodes_out, out->data, out->len);
  return TRUE;
}

static gboolean
contains_folded (const char *s, const char *folded)
{
  if (s == NULL)
    return FALSE;
  g_autofree char *f = g_utf8_casefold (s, -1);
  return strstr (f, folded) != NULL;
}

guint
tnet_place_search (const TnetNetwork *net, const char *text, GArray *nodes_out)
{
  g_return_val_if_fail (net != NULL && nodes_out != NULL, 0);
  g_autofree char *folded = text && *text ? g_utf8_casefold (text, -1) : NULL;
  guint n = tnet_network_n_nodes (net), before = nodes_out->len;
  for (TnetId v = 0; v < n; v++)
    {
      const TnetNode *node = tnet_network_node (net, v);
      if (folded == NULL || contains_folded (node->id, folded)
          || contains_folded (node->name, folded) || contains_folded (node->name_en, folded))
        g_array_append_val (nodes_out, v);
    }
  return nodes_out->len - before;
}
