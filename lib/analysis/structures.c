/* structures.c: named structures of a network folder (structures.csv):
 * rings around a centre and axes between two ends, each made of member
 * stretches of lines, link lists or connectors. The judgement of a
 * structure in a scenario is in structure-check.c. */
#include "tnet-internal.h"
#include "csv.h"
#include "lexsearch-internal.h"
#include "union-find.h"

typedef struct {
  TnetStructure pub;      /* pub.members/end_nodes point into the arrays below */
  GArray *members;        /* of TnetStructureMember; each owns its links array */
  GArray *ends[2];        /* of TnetId */
} Structure;

struct _TnetStructureSet {
  GStringChunk *strings;  /* every string of the set */
  GPtrArray *structures;  /* of Structure *, in order of first row */
  GHashTable *index;      /* id (in strings) -> Structure * */
  gboolean by_length;     /* a member's links were chosen by length among
                           * several ways (tnet_i_structure_set_by_length) */
};

static void
structure_free (gpointer p)
{
  Structure *s = p;
  for (guint i = 0; i < s->members->len; i++)
    g_free ((TnetId *) g_array_index (s->members, TnetStructureMember, i).links);
  g_array_unref (s->members);
  g_array_unref (s->ends[0]);
  g_array_unref (s->ends[1]);
  g_free (s);
}

void
tnet_structure_set_free (TnetStructureSet *set)
{
  if (set == NULL)
    return;
  g_ptr_array_unref (set->structures);
  g_hash_table_unref (set->index);
  g_string_chunk_free (set->strings);
  g_free (set);
}

guint
tnet_structure_set_n_structures (const TnetStructureSet *set)
{
  g_return_val_if_fail (set != NULL, 0);
  return set->structures->len;
}

const TnetStructure *
tnet_structure_set_get (const TnetStructureSet *set, guint i)
{
  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (i < set->structures->len, NULL);
  return &((Structure *) set->structures->pdata[i])->pub;
}

const char *
tnet_structure_kind_to_string (TnetStructureKind kind)
{
  return kind == TNET_STRUCTURE_RING ? "ring" : "axis";
}

gboolean
tnet_structure_kind_from_string (const char *s, TnetStructureKind *out)
{
  g_return_val_if_fail (s != NULL && out != NULL, FALSE);
  if (strcmp (s, "ring") == 0)
    *out = TNET_STRUCTURE_RING;
  else if (strcmp (s, "axis") == 0)
    *out = TNET_STRUCTURE_AXIS;
  else
    return FALSE;
  return TRUE;
}

/* The set's copy of @s, or NULL when @s is empty. */
static const char *
intern (TnetStructureSet *set, const char *s)
{
  return s && *s ? g_string_chunk_insert_const (set->strings, s) : NULL;
}

/* A structure-level field: the first non-empty value wins, a different
 * later one fails. */
static gboolean
set_level_field (TnetStructureSet *set, TnetCsv *csv, int col, const char *what,
                 const char **slot, GError **error)
{
  const char *v = tnet_i_csv_field (csv, col);
  if (!*v)
    return TRUE;
  if (*slot == NULL)
    {
      *slot = intern (set, v);
      return TRUE;
    }
  if (strcmp (*slot, v) != 0)
    {
      tnet_i_csv_error (csv, col, error, "expected the structure's %s \"%s\" (or an empty "
                        "field), found \"%s\"", what, *slot, v);
      return FALSE;
    }
  return TRUE;
}

static TnetId
node_of (const TnetNetwork *net, TnetCsv *csv, int col, GError **error)
{
  const char *id = tnet_i_csv_field (csv, col);
  TnetId v = tnet_network_find_node (net, id);
  if (v == TNET_ID_NONE)
    tnet_i_csv_error (csv, col, error, "expected a node id of nodes.csv, found \"%s\"", id);
  return v;
}

/* Whether the links @own (undirected) close a cycle: then two nodes may be
 * joined by several ways and the shortest depends on the lengths. */
static gboolean
has_cycle (const TnetNetwork *net, const GArray *own)
{
  guint n = tnet_network_n_nodes (net);
  g_autofree guint32 *up = g_new (guint32, MAX (n, 1));
  for (guint v = 0; v < n; v++)
    up[v] = v;
  for (guint k = 0; k < own->len; k++)
    {
      const TnetLink *l = tnet_network_link (net, g_array_index (own, TnetId, k));
      guint32 x = tnet_i_union_find_root (up, l->from);
      guint32 y = tnet_i_union_find_root (up, l->to);
      if (x == y)
        return TRUE;
      up[x] = y;
    }
  return FALSE;
}

/* The local number of network node @v among a line's nodes for
 * tnet_i_lex_search(), given in order of appearance (@local: network node
 * + 1 -> local + 1; @node_of: the network node of each local one). */
static guint32
line_node (GHashTable *local, GArray *node_of, TnetId v)
{
  gpointer key = GUINT_TO_POINTER (v + 1);
  guint32 x = GPOINTER_TO_UINT (g_hash_table_lookup (local, key));
  if (x == 0)
    {
      g_array_append_val (node_of, v);
      x = node_of->len;
      g_hash_table_insert (local, key, GUINT_TO_POINTER (x));
    }
  return x - 1;
}

/* Links of @line on the shortest path (by length, links taken two-way)
 * from @a to @b, plus the line's links parallel to a path step. NULL when
 * @b cannot be reached along the line. */
static GArray *
line_stretch (TnetStructureSet *set, const TnetNetwork *net, const char *line, TnetId a,
              TnetId b)
{
  guint m = tnet_network_n_links (net);
  g_autoptr (GArray) own = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (guint i = 0; i < m; i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      if (l->line && strcmp (l->line, line) == 0)
        g_array_append_val (own, i);
    }
  set->by_length |= has_cycle (net, own);
  if (a == b)
    return g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GHashTable) local = g_hash_table_new (NULL, NULL);
  g_autoptr (GArray) node_of = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree guint32 *edge_a = g_new (guint32, MAX (own->len, 1));
  g_autofree guint32 *edge_b = g_new (guint32, MAX (own->len, 1));
  g_autofree double *cost = g_new (double, MAX (own->len, 1));
  for (guint k = 0; k < own->len; k++)
    {
      const TnetLink *l = tnet_network_link (net, g_array_index (own, TnetId, k));
      edge_a[k] = line_node (local, node_of, l->from);
      edge_b[k] = line_node (local, node_of, l->to);
      cost[k] = l->length_m;
    }
  if (!g_hash_table_contains (local, GUINT_TO_POINTER (a + 1))
      || !g_hash_table_contains (local, GUINT_TO_POINTER (b + 1)))
    return NULL;
  guint32 src = line_node (local, node_of, a), dst = line_node (local, node_of, b);
  TnetILexGraph g = { node_of->len, own->len, edge_a, edge_b, 1, cost, &src, 1, &dst, 1 };
  double total;
  g_autoptr (GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));
  if (tnet_i_lex_search (&g, &total, path) == G_MAXUINT)
    return NULL;
  /* Walk the path back from @b; at each step take every line link joining
   * its two nodes (parallel tracks), each put in front. */
  GArray *out = g_array_new (FALSE, FALSE, sizeof (TnetId));
  TnetId v = b;
  for (guint i = path->len; i-- > 0;)
    {
      guint k = g_array_index (path, guint, i);
      const TnetLink *step = tnet_network_link (net, g_array_index (own, TnetId, k));
      TnetId u = step->from == v ? step->to : step->from;
      for (guint j = 0; j < own->len; j++)
        {
          TnetId li = g_array_index (own, TnetId, j);
          const TnetLink *l = tnet_network_link (net, li);
          if ((l->from == u && l->to == v) || (l->from == v && l->to == u))
            g_array_prepend_val (out, li);
        }
      v = u;
    }
  return out;
}

/* Every link joining @a and @b directly, or NULL when there is none. */
static GArray *
connector (const TnetNetwork *net, TnetId a, TnetId b)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (guint i = 0; i < tnet_network_n_links (net); i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      if ((l->from == a && l->to == b) || (l->from == b && l->to == a))
        g_array_append_val (out, i);
    }
  if (out->len == 0)
    {
      g_array_unref (out);
      return NULL;
    }
  return out;
}

static gboolean
read_centre (const TnetNetwork *net, TnetCsv *csv, int col, Structure *s, GError **error)
{
  const char *v = tnet_i_csv_field (csv, col);
  TnetId node = tnet_network_find_node (net, v);
  if (node != TNET_ID_NONE)
    {
      const TnetNode *nd = tnet_network_node (net, node);
      s->pub.centre_node = node;
      s->pub.centre_lon = nd->lon;
      s->pub.centre_lat = nd->lat;
      return TRUE;
    }
  g_auto (GStrv) parts = g_strsplit (v, " ", -1);
  double c[2];
  guint n = 0;
  for (guint k = 0; parts[k]; k++)
    {
      if (!*parts[k])
        continue;
      char *end = NULL;
      double x = g_ascii_strtod (parts[k], &end);
      if (n == 2 || end == parts[k] || *end || !isfinite (x))
        {
          n = 3;
          break;
        }
      c[n++] = x;
    }
  if (n != 2 || fabs (c[0]) > 180 || fabs (c[1]) > 90)
    {
      tnet_i_csv_error (csv, col, error, "expected a node id of nodes.csv or \"LON LAT\" "
                        "(WGS84 degrees), found \"%s\"", v);
      return FALSE;
    }
  s->pub.centre_node = TNET_ID_NONE;
  s->pub.centre_lon = c[0];
  s->pub.centre_lat = c[1];
  return TRUE;
}

static gboolean
read_ends (TnetStructureSet *set, const TnetNetwork *net, TnetCsv *csv, int col,
           Structure *s, GError **error)
{
  const char *v = tnet_i_csv_field (csv, col);
  g_auto (GStrv) parts = g_strsplit (v, ";", -1);
  guint n = 0;
  for (guint k = 0; parts[k]; k++)
    if (*g_strstrip (parts[k]))
      {
        if (n == 2)
          {
            n = 3;
            break;
          }
        g_autoptr (GError) local = NULL;
        g_autoptr (TnetNodeSet) ns = tnet_node_set_resolve (net, parts[k], &local);
        if (ns == NULL)
          {
            tnet_i_csv_error (csv, col, error, "%s", local->message);
            return FALSE;
          }
        g_array_append_vals (s->ends[n], ns->members->data, ns->members->len);
        s->pub.ends_text[n] = intern (set, parts[k]);
        n++;
      }
  if (n != 2)
    {
      tnet_i_csv_error (csv, col, error, "expected two ends \"A;B\" (node ids or region "
                        "names), found \"%s\"", v);
      return FALSE;
    }
  return TRUE;
}

/* Reads the member of the current row into @s. */
static gboolean
read_member (TnetStructureSet *set, const TnetNetwork *net, TnetCsv *csv, const int *col,
             Structure *s, GError **error)
{
  enum { C_LINE, C_FROM, C_TO, C_LINKS, C_SOURCE, C_CONF, C_NOTE };
  TnetStructureMember mb = { .from = TNET_ID_NONE, .to = TNET_ID_NONE, .resolved = TRUE };
  const char *line = tnet_i_csv_field (csv, col[C_LINE]);
  const char *from = tnet_i_csv_field (csv, col[C_FROM]);
  const char *to = tnet_i_csv_field (csv, col[C_TO]);
  const char *links = tnet_i_csv_field (csv, col[C_LINKS]);
  const char *conf = tnet_i_csv_field (csv, col[C_CONF]);
  if (*conf && strcmp (conf, "high") != 0 && strcmp (conf, "medium") != 0
      && strcmp (conf, "low") != 0)
    {
      tnet_i_csv_error (csv, col[C_CONF], error, "expected high, medium or low, found \"%s\"",
                        conf);
      return FALSE;
    }
  if ((*from != '\0') != (*to != '\0'))
    {
      tnet_i_csv_error (csv, *from ? col[C_TO] : col[C_FROM], error,
                        "expected both from and to, or neither");
      return FALSE;
    }
  if (*from && ((mb.from = node_of (net, csv, col[C_FROM], error)) == TNET_ID_NONE
                || (mb.to = node_of (net, csv, col[C_TO], error)) == TNET_ID_NONE))
    return FALSE;
  g_autoptr (GArray) found = NULL;
  if (*links)
    {
      if (*line)
        {
          tnet_i_csv_error (csv, col[C_LINKS], error, "expected either a line or links, "
                            "found both");
          return FALSE;
        }
      found = g_array_new (FALSE, FALSE, sizeof (TnetId));
      g_auto (GStrv) ids = g_strsplit (links, ";", -1);
      for (guint k = 0; ids[k]; k++)
        {
          const char *id = g_strstrip (ids[k]);
          if (!*id)
            continue;
          TnetId li = tnet_network_find_link (net, id);
          if (li == TNET_ID_NONE)
            {
              tnet_i_csv_error (csv, col[C_LINKS], error, "expected link ids of links.csv "
                                "separated by ';', found \"%s\"", id);
              return FALSE;
            }
          g_array_append_val (found, li);
        }
    }
  else if (*line)
    {
      if (!tnet_network_has_line (net, line))
        {
          tnet_i_csv_error (csv, col[C_LINE], error, "expected a line of links.csv, found "
                            "\"%s\"", line);
          return FALSE;
        }
      mb.line = intern (set, line);
      if (*from)
        found = line_stretch (set, net, line, mb.from, mb.to);
      else
        {
          found = g_array_new (FALSE, FALSE, sizeof (TnetId));
          for (guint i = 0; i < tnet_network_n_links (net); i++)
            if (g_strcmp0 (tnet_network_link (net, i)->line, line) == 0)
              g_array_append_val (found, i);
        }
    }
  else if (*from)
    found = connector (net, mb.from, mb.to);
  else
    {
      tnet_i_csv_error (csv, col[C_LINE], error, "expected a line, links, or the two nodes "
                        "from and to of a connector");
      return FALSE;
    }
  if (found == NULL)
    mb.resolved = FALSE;
  else
    {
      mb.n_links = found->len;
      mb.links = (const TnetId *) g_array_free (g_steal_pointer (&found), FALSE);
    }
  mb.source = intern (set, tnet_i_csv_field (csv, col[C_SOURCE]));
  mb.confidence = intern (set, conf);
  mb.note = intern (set, tnet_i_csv_field (csv, col[C_NOTE]));
  g_array_append_val (s->members, mb);
  return TRUE;
}

TnetStructureSet *
tnet_structure_set_load_csv (const TnetNetwork *net, const char *path, GError **error)
{
  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_autofree char *display = g_path_get_basename (path);
  static const char *const required[] = { "structure", "kind", "name", "line", "from", "to",
                                          NULL };
  g_autoptr (TnetCsv) csv = tnet_i_csv_open_table (path, display, required, error);
  if (!csv)
    return NULL;
  int c_id = tnet_i_csv_column (csv, "structure");
  int c_kind = tnet_i_csv_column (csv, "kind");
  int c_name = tnet_i_csv_column (csv, "name");
  int c_name_en = tnet_i_csv_column (csv, "name_en");
  int c_group = tnet_i_csv_column (csv, "group");
  int c_centre = tnet_i_csv_column (csv, "centre");
  int c_ends = tnet_i_csv_column (csv, "ends");
  int c_plan = tnet_i_csv_column (csv, "plan_text");
  const int member_cols[] = {
    tnet_i_csv_column (csv, "line"), tnet_i_csv_column (csv, "from"),
    tnet_i_csv_column (csv, "to"), tnet_i_csv_column (csv, "links"),
    tnet_i_csv_column (csv, "source"), tnet_i_csv_column (csv, "confidence"),
    tnet_i_csv_column (csv, "note"),
  };

  TnetStructureSet *set = g_new0 (TnetStructureSet, 1);
  set->strings = g_string_chunk_new (1024);
  set->structures = g_ptr_array_new_with_free_func (structure_free);
  set->index = g_hash_table_new (g_str_hash, g_str_equal);
  int r;
  while ((r = tnet_i_csv_next (csv, error)) == 1)
    {
      const char *id = tnet_i_csv_field (csv, c_id);
      if (!*id)
        {
          tnet_i_csv_error (csv, c_id, error, "expected a structure id, found an empty field");
          goto fail;
        }
      Structure *s = g_hash_table_lookup (set->index, id);
      if (s == NULL)
        {
          /* the first row of a structure declares it */
          s = g_new0 (Structure, 1);
          s->members = g_array_new (FALSE, FALSE, sizeof (TnetStructureMember));
          s->ends[0] = g_array_new (FALSE, FALSE, sizeof (TnetId));
          s->ends[1] = g_array_new (FALSE, FALSE, sizeof (TnetId));
          s->pub.id = intern (set, id);
          s->pub.centre_node = TNET_ID_NONE;
          g_ptr_array_add (set->structures, s);
          g_hash_table_insert (set->index, (gpointer) s->pub.id, s);
          const char *kind = tnet_i_csv_field (csv, c_kind);
          if (!tnet_structure_kind_from_string (kind, &s->pub.kind))
            {
              tnet_i_csv_error (csv, c_kind, error, "expected ring or axis, found \"%s\"",
                                kind);
              goto fail;
            }
          if (!*tnet_i_csv_field (csv, c_name))
            {
              tnet_i_csv_error (csv, c_name, error, "expected the structure's name on its "
                                "first row, found an empty field");
              goto fail;
            }
          if (s->pub.kind == TNET_STRUCTURE_RING)
            {
              if (c_centre < 0 || !read_centre (net, csv, c_centre, s, error))
                {
                  if (c_centre < 0)
                    tnet_i_csv_error (csv, -1, error, "a ring needs a centre column");
                  goto fail;
                }
            }
          else if (c_ends < 0 || !read_ends (set, net, csv, c_ends, s, error))
            {
              if (c_ends < 0)
                tnet_i_csv_error (csv, -1, error, "an axis needs an ends column");
              goto fail;
            }
        }
      else
        {
          const char *kind = tnet_i_csv_field (csv, c_kind);
          if (*kind && strcmp (kind, tnet_structure_kind_to_string (s->pub.kind)) != 0)
            {
              tnet_i_csv_error (csv, c_kind, error, "expected the structure's kind \"%s\" (or "
                                "an empty field), found \"%s\"",
                                tnet_structure_kind_to_string (s->pub.kind), kind);
              goto fail;
            }
        }
      if (!set_level_field (set, csv, c_name, "name", &s->pub.name, error)
          || !set_level_field (set, csv, c_name_en, "name_en", &s->pub.name_en, error)
          || !set_level_field (set, csv, c_group, "group", &s->pub.group, error)
          || !set_level_field (set, csv, c_plan, "plan_text", &s->pub.plan_text, error)
          || !read_member (set, net, csv, member_cols, s, error))
        goto fail;
    }
  if (r < 0)
    goto fail;
  for (guint i = 0; i < set->structures->len; i++)
    {
      Structure *s = set->structures->pdata[i];
      s->pub.members = (const TnetStructureMember *) s->members->data;
      s->pub.n_members = s->members->len;
      for (int e = 0; e < 2; e++)
        {
          s->pub.end_nodes[e] = (const TnetId *) s->ends[e]->data;
          s->pub.n_end_nodes[e] = s->ends[e]->len;
        }
    }
  return set;

fail:
  tnet_structure_set_free (set);
  return NULL;
}

gboolean
tnet_i_structure_set_by_length (const TnetStructureSet *set)
{
  g_return_val_if_fail (set != NULL, TRUE);
  return set->by_length;
}
