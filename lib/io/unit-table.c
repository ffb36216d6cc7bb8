/* unit-table.c: the county-level units of the plan (units.csv). */
#include "tnet-internal.h"
#include "csv.h"

struct _TnetUnitTable {
  GPtrArray *units;       /* of TnetUnit *, each owning its strings */
  GHashTable *index;      /* unit id (borrowed from the unit) -> position + 1 */
};

static void
unit_free (gpointer p)
{
  TnetUnit *u = p;
  if (!u)
    return;
  g_free ((char *) u->id);
  g_free ((char *) u->name);
  g_free ((char *) u->name_en);
  g_strfreev ((char **) u->counties);
  g_free (u);
}

void
tnet_unit_table_free (TnetUnitTable *units)
{
  if (!units)
    return;
  g_ptr_array_unref (units->units);
  g_hash_table_unref (units->index);
  g_free (units);
}

static TnetId
node_field (const TnetNetwork *net, TnetCsv *csv, int col, GError **error)
{
  const char *id = tnet_i_csv_field (csv, col);
  if (!*id)
    {
      tnet_i_csv_error (csv, col, error, "expected a node id, found an empty field");
      return TNET_ID_NONE;
    }
  TnetId node = tnet_network_find_node (net, id);
  if (node == TNET_ID_NONE)
    tnet_i_csv_error (csv, col, error,
                      "expected a node id of nodes.csv, found \"%s\"", id);
  return node;
}

TnetUnitTable *
tnet_unit_table_load_csv (const TnetNetwork *net, const char *path, GError **error)
{
  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_autofree char *display = g_path_get_basename (path);
  int c_unit, c_name, c_name_en, c_counties, c_seat, c_zone;
  const TnetCsvColumn columns[] = {
    { "unit", TRUE, &c_unit }, { "name", TRUE, &c_name }, { "counties", TRUE, &c_counties },
    { "seat_node", TRUE, &c_seat }, { "name_en", FALSE, &c_name_en },
    { "zone_node", FALSE, &c_zone },
  };
  g_autoptr (TnetCsv) csv = tnet_i_csv_open_columns (path, display, columns,
                                                     G_N_ELEMENTS (columns), error);
  if (!csv)
    return NULL;

  /* every county value some node carries */
  g_autoptr (GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < tnet_network_n_nodes (net); i++)
    {
      const TnetNode *n = tnet_network_node (net, i);
      if (n->county && *n->county)
        g_hash_table_add (known, (gpointer) n->county);
    }

  TnetUnitTable *table = g_new0 (TnetUnitTable, 1);
  table->units = g_ptr_array_new_with_free_func (unit_free);
  table->index = g_hash_table_new (g_str_hash, g_str_equal);

  int r;
  while ((r = tnet_i_csv_next (csv, error)) == 1)
    {
      const char *id = tnet_i_csv_field (csv, c_unit);
      if (!*id)
        {
          tnet_i_csv_error (csv, c_unit, error, "expected a unit id, found an empty field");
          goto fail;
        }
      if (g_hash_table_contains (table->index, id))
        {
          tnet_i_csv_error (csv, c_unit, error, "duplicate unit id \"%s\"", id);
          goto fail;
        }
      g_auto (GStrv) parts = g_strsplit (tnet_i_csv_field (csv, c_counties), ";", -1);
      GPtrArray *counties = g_ptr_array_new_with_free_func (g_free);
      for (guint k = 0; parts[k]; k++)
        {
          char *c = g_strstrip (parts[k]);
          if (!*c)
            continue;
          if (!g_hash_table_contains (known, c))
            {
              tnet_i_csv_error (csv, c_counties, error,
                                "expected a county of nodes.csv, found \"%s\"", c);
              g_ptr_array_free (counties, TRUE);
              goto fail;
            }
          g_ptr_array_add (counties, g_strdup (c));
        }
      if (counties->len == 0)
        {
          tnet_i_csv_error (csv, c_counties, error,
                            "expected one or more ';'-separated counties, found none");
          g_ptr_array_free (counties, TRUE);
          goto fail;
        }
      g_ptr_array_add (counties, NULL);
      TnetId seat = node_field (net, csv, c_seat, error);
      if (seat == TNET_ID_NONE)
        {
          g_strfreev ((char **) g_ptr_array_free (counties, FALSE));
          goto fail;
        }
      TnetId zone = TNET_ID_NONE;
      if (c_zone >= 0 && *tnet_i_csv_field (csv, c_zone))
        {
          zone = node_field (net, csv, c_zone, error);
          if (zone == TNET_ID_NONE)
            {
              g_strfreev ((char **) g_ptr_array_free (counties, FALSE));
              goto fail;
            }
        }
      TnetUnit *u = g_new0 (TnetUnit, 1);
      u->id = g_strdup (id);
      u->name = g_strdup (tnet_i_csv_field (csv, c_name));
      u->name_en = c_name_en >= 0 ? g_strdup (tnet_i_csv_field (csv, c_name_en)) : NULL;
      u->counties = (const char *const *) g_ptr_array_free (counties, FALSE);
      u->seat_node = seat;
      u->zone_node = zone;
      g_ptr_array_add (table->units, u);
      g_hash_table_insert (table->index, (gpointer) u->id,
                           GUINT_TO_POINTER (table->units->len));
    }
  if (r < 0)
    goto fail;
  return table;

fail:
  tnet_unit_table_free (table);
  return NULL;
}

guint
tnet_unit_table_n_units (const TnetUnitTable *units)
{
  g_return_val_if_fail (units != NULL, 0);
  return units->units->len;
}

const TnetUnit *
tnet_unit_table_get (const TnetUnitTable *units, guint i)
{
  g_return_val_if_fail (units != NULL, NULL);
  g_return_val_if_fail (i < units->units->len, NULL);
  return g_ptr_array_index (units->units, i);
}

int
tnet_unit_table_find (const TnetUnitTable *units, const char *id)
{
  g_return_val_if_fail (units != NULL, -1);
  g_return_val_if_fail (id != NULL, -1);
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (units->index, id)) - 1;
}

gboolean
tnet_unit_has_county (const TnetUnit *unit, const char *county)
{
  g_return_val_if_fail (unit != NULL, FALSE);
  if (!county)
    return FALSE;
  for (guint k = 0; unit->counties[k]; k++)
    if (strcmp (unit->counties[k], county) == 0)
      return TRUE;
  return FALSE;
}
