/* hub-set.c: the hub model — hubs, their member stops and walk table —
 * and the hubs of a GTFS feed (parent stations served by several routes). */
#include "tnet-internal.h"
#include "hub-set-private.h"
#include "feed-private.h"

const char *
tnet_hub_kind_to_string (TnetHubKind kind)
{
  switch (kind)
    {
    case TNET_HUB_INTEGRATED_NEW: return "integrated_new";
    case TNET_HUB_EXISTING: return "existing";
    case TNET_HUB_STATION: return "station";
    default: return "unknown";
    }
}

TnetHubSet *
tnet_i_hub_set_new (void)
{
  TnetHubSet *set = g_new0 (TnetHubSet, 1);
  set->strings = g_string_chunk_new (4096);
  set->hubs = g_array_new (FALSE, TRUE, sizeof (TnetHub));
  set->member_arrays = g_ptr_array_new_with_free_func (g_free);
  set->walks = g_array_new (FALSE, TRUE, sizeof (TnetHubWalk));
  set->index = g_hash_table_new (g_str_hash, g_str_equal);
  return set;
}

void
tnet_hub_set_free (TnetHubSet *set)
{
  if (!set)
    return;
  g_string_chunk_free (set->strings);
  g_array_unref (set->hubs);
  g_ptr_array_unref (set->member_arrays);
  g_array_unref (set->walks);
  g_hash_table_unref (set->index);
  g_free (set);
}

static const char *
intern (TnetHubSet *set, const char *s)
{
  return s ? g_string_chunk_insert_const (set->strings, s) : NULL;
}

guint
tnet_i_hub_set_add (TnetHubSet *set, const TnetHub *hub, const char *const *members)
{
  guint n = 0;
  while (members[n])
    n++;
  const char **copy = g_new0 (const char *, n + 1);
  for (guint k = 0; k < n; k++)
    copy[k] = intern (set, members[k]);
  g_ptr_array_add (set->member_arrays, copy);
  TnetHub h = *hub;
  h.id = intern (set, hub->id);
  h.name = intern (set, hub->name);
  h.name_en = intern (set, hub->name_en);
  h.source = intern (set, hub->source);
  h.confidence = intern (set, hub->confidence);
  h.members = copy;
  h.n_members = n;
  g_array_append_val (set->hubs, h);
  g_hash_table_insert (set->index, (gpointer) h.id, GUINT_TO_POINTER (set->hubs->len));
  return set->hubs->len - 1;
}

void
tnet_i_hub_set_add_walk (TnetHubSet *set, guint hub, const char *from, const char *to,
                         TnetWeight walk_ms, int open_year)
{
  TnetHubWalk w = { hub, intern (set, from), intern (set, to), walk_ms, open_year };
  g_array_append_val (set->walks, w);
}

guint
tnet_hub_set_n_hubs (const TnetHubSet *set)
{
  g_return_val_if_fail (set != NULL, 0);
  return set->hubs->len;
}

const TnetHub *
tnet_hub_set_get (const TnetHubSet *set, guint i)
{
  g_return_val_if_fail (set != NULL, NULL);
  return i < set->hubs->len ? &g_array_index (set->hubs, TnetHub, i) : NULL;
}

int
tnet_hub_set_find (const TnetHubSet *set, const char *id)
{
  g_return_val_if_fail (set != NULL, -1);
  g_return_val_if_fail (id != NULL, -1);
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (set->index, id)) - 1;
}

/* A blank open_year counts as 2020: before every scenario tnet models. */
static int
row_year (const TnetHubWalk *w)
{
  return w->open_year ? w->open_year : G_MININT;
}

TnetWeight
tnet_hub_set_walk_ms (const TnetHubSet *set, guint hub, const char *from, const char *to,
                      int year)
{
  g_return_val_if_fail (set != NULL, TNET_WEIGHT_INF);
  g_return_val_if_fail (from != NULL && to != NULL, TNET_WEIGHT_INF);
  /* a row holds for both directions unless the reverse direction has rows
   * of its own: then each direction uses only its own rows */
  gboolean forward = FALSE, backward = FALSE;
  for (guint k = 0; k < set->walks->len; k++)
    {
      const TnetHubWalk *w = &g_array_index (set->walks, TnetHubWalk, k);
      if (w->hub != hub)
        continue;
      forward |= strcmp (w->from, from) == 0 && strcmp (w->to, to) == 0;
      backward |= strcmp (w->from, to) == 0 && strcmp (w->to, from) == 0;
    }
  gboolean directed = forward && backward;
  const TnetHubWalk *best = NULL;
  for (guint k = 0; k < set->walks->len; k++)
    {
      const TnetHubWalk *w = &g_array_index (set->walks, TnetHubWalk, k);
      if (w->hub != hub || row_year (w) > year)
        continue;
      gboolean fwd = strcmp (w->from, from) == 0 && strcmp (w->to, to) == 0;
      gboolean bwd = strcmp (w->from, to) == 0 && strcmp (w->to, from) == 0;
      if (!(fwd || (bwd && !directed)))
        continue;
      if (!best || row_year (w) > row_year (best))
        best = w;
    }
  return best ? best->walk_ms : TNET_WEIGHT_INF;
}

/* ------------------------------------------------------------- from a feed */

/* Routes of the feed's patterns calling at each stop. */
static GHashTable **
routes_per_stop (const TnetFeed *feed)
{
  guint n_stops = feed->stops->len;
  GHashTable **per = g_new0 (GHashTable *, MAX (n_stops, 1));
  for (guint p = 0; p < feed->patterns->len; p++)
    {
      const TnetPattern *pat = &g_array_index (feed->patterns, TnetPattern, p);
      for (guint k = 0; k < pat->n_stops; k++)
        {
          TnetId s = pat->stops[k];
          if (!per[s])
            per[s] = g_hash_table_new (NULL, NULL);
          g_hash_table_add (per[s], GUINT_TO_POINTER (pat->route + 1));
        }
    }
  return per;
}

TnetHubSet *
tnet_hub_set_from_feed (const TnetFeed *feed)
{
  g_return_val_if_fail (feed != NULL, NULL);
  TnetHubSet *set = tnet_i_hub_set_new ();
  guint n_stops = feed->stops->len;
  GHashTable **per = routes_per_stop (feed);
  /* children of each station, in stops.txt order */
  GPtrArray **children = g_new0 (GPtrArray *, MAX (n_stops, 1));
  for (guint s = 0; s < n_stops; s++)
    {
      const TnetFeedStop *st = &g_array_index (feed->stops, TnetFeedStop, s);
      if (st->parent == TNET_ID_NONE || st->parent >= n_stops || !per[s])
        continue;
      if (!children[st->parent])
        children[st->parent] = g_ptr_array_new ();
      g_ptr_array_add (children[st->parent], GUINT_TO_POINTER (s));
    }
  for (guint s = 0; s < n_stops; s++)
    {
      const TnetFeedStop *st = &g_array_index (feed->stops, TnetFeedStop, s);
      g_autoptr (GHashTable) routes = g_hash_table_new (NULL, NULL);
      g_autoptr (GPtrArray) members = g_ptr_array_new ();
      if (children[s])
        for (guint k = 0; k < children[s]->len; k++)
          {
            guint c = GPOINTER_TO_UINT (children[s]->pdata[k]);
            GHashTableIter it;
            gpointer key;
            g_hash_table_iter_init (&it, per[c]);
            while (g_hash_table_iter_next (&it, &key, NULL))
              g_hash_table_add (routes, key);
            g_ptr_array_add (members,
                             (gpointer) g_array_index (feed->stops, TnetFeedStop, c).id);
          }
      else if (st->parent == TNET_ID_NONE && per[s] && st->location_type == 0)
        {
          GHashTableIter it;
          gpointer key;
          g_hash_table_iter_init (&it, per[s]);
          while (g_hash_table_iter_next (&it, &key, NULL))
            g_hash_table_add (routes, key);
          g_ptr_array_add (members, (gpointer) st->id);
        }
      if (g_hash_table_size (routes) < 2)
        continue;
      g_ptr_array_add (members, NULL);
      TnetHub h = {
        .id = st->id, .name = st->name, .kind = TNET_HUB_STATION,
        .open_year = 0, .target_ms = TNET_WEIGHT_INF,
      };
      if (g_hash_table_contains (set->index, st->id))
        continue;
      tnet_i_hub_set_add (set, &h, (const char *const *) members->pdata);
    }
  for (guint s = 0; s < n_stops; s++)
    {
      if (per[s])
        g_hash_table_unref (per[s]);
      if (children[s])
        g_ptr_array_unref (children[s]);
    }
  g_free (per);
  g_free (children);
  return set;
}
