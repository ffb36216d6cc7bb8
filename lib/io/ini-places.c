/* ini-places.c: one scanner of the positions of groups and keys, shared by
 * the plan (plan.ini) and scenario files. */
#include "ini-places.h"

char *
tnet_i_ini_place_key (const char *group, const char *key)
{
  return g_strconcat (group, "\x1f", key ? key : "", NULL);
}

const TnetIniPlace *
tnet_i_ini_place (GHashTable *places, const char *group, const char *key)
{
  g_autofree char *pk = tnet_i_ini_place_key (group, key);
  return g_hash_table_lookup (places, pk);
}

/* One "key = value" line between @s and @e (trimmed) of the line starting
 * at @line_start: records its place, or fails when the key was given
 * before in @group. Lines without '=' are GKeyFile's to judge. */
static gboolean
scan_key (GHashTable *places, const char *path, const char *group, guint line_no,
          const char *line_start, const char *s, const char *e, GError **error)
{
  const char *eq = memchr (s, '=', e - s);
  if (eq == NULL)
    return TRUE;
  const char *ke = eq;
  while (ke > s && (ke[-1] == ' ' || ke[-1] == '\t'))
    ke--;
  const char *v = eq + 1;
  while (v < e && (*v == ' ' || *v == '\t'))
    v++;
  g_autofree char *key = g_strndup (s, ke - s);
  char *pk = tnet_i_ini_place_key (group, key);
  const TnetIniPlace *old = g_hash_table_lookup (places, pk);
  if (old != NULL)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s:%u:%u: key '%s' in [%s] was already given on line %u; give each key once",
                   path, line_no, (guint) (s - line_start) + 1, key, group, old->line);
      g_free (pk);
      return FALSE;
    }
  TnetIniPlace *pl = g_new0 (TnetIniPlace, 1);
  pl->line = line_no;
  pl->key_col = (guint) (s - line_start) + 1;
  pl->column = (guint) (v - line_start) + 1;
  g_hash_table_insert (places, pk, pl);
  return TRUE;
}

GHashTable *
tnet_i_ini_places_scan (const char *path, const char *data, gsize length, GError **error)
{
  g_autoptr (GHashTable) places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         g_free);
  g_autofree char *group = NULL;
  guint line_no = 0;
  const char *p = data, *end = data + length;
  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      if (eol == NULL)
        eol = end;
      line_no++;
      const char *s = p;
      while (s < eol && (*s == ' ' || *s == '\t'))
        s++;
      const char *e = eol;
      while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        e--;
      if (s == e || *s == '#')
        ;
      else if (*s == '[')
        {
          const char *close = memchr (s, ']', e - s);
          if (close != NULL)
            {
              g_free (group);
              group = g_strndup (s + 1, close - s - 1);
              char *pk = tnet_i_ini_place_key (group, NULL);
              if (!g_hash_table_contains (places, pk))
                {
                  TnetIniPlace *pl = g_new0 (TnetIniPlace, 1);
                  pl->line = line_no;
                  pl->column = pl->key_col = (guint) (s - p) + 1;
                  g_hash_table_insert (places, pk, pl);
                }
              else
                g_free (pk);
            }
        }
      else if (group != NULL && !scan_key (places, path, group, line_no, p, s, e, error))
        return NULL;
      p = eol + 1;
    }
  return g_steal_pointer (&places);
}
