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

/* What unit_row() reads with: the table, the network, every county value
 * some node carries, and the columns of units.csv. */
typedef struct {
  TnetUnitTable *table;
  const TnetNetwork *net;
  GHashTable *known;
  int unit, name, name_en, counties, seat, zone;
} UnitRead;

/* The counties of the current row as a NULL-terminated array (the caller
 * frees it with g_strfreev()); NULL with @error set on an unknown county
 * or none. */
static char **
row_counties (TnetCsv *csv, const UnitRead *rd, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (tnet_i_csv_field (csv, rd->counties), ";", -1);
  g_autoptr (GPtrArray) counties = g_ptr_array_new_with_free_func (g_free);
  for (guint k = 0; parts[k]; k++)
    {
      char *c = g_strstrip (parts[k]);
      if (!*c)
        continue;
      if (!g_hash_table_contains (rd->known, c))
        {
          tnet_i_csv_error (csv, rd->counties, error,
                            "expected a county of nodes.csv, found \"%s\"", c);
          return NULL;
        }
      g_ptr_array_add (counties, g_strdup (c));
    }
  if (counties->len == 0)
    {
      tnet_i_csv_error (csv, rd->counties, error,
                        "expected one or more ';'-separated counties, found none");
      return NULL;
    }
  g_ptr_array_add (counties, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&counties), FALSE);
}

static gboolean
unit_row (TnetCsv *csv, gpointer data, GError **error)
{
  const UnitRead *rd = data;
  TnetUnitTable *table = rd->table;
  const char *id = tnet_i_csv_field (csv, rd->unit);
  if (!*id)
    {
      tnet_i_csv_error (csv, rd->unit, error, "expected a unit id, found an empty field");
      return FALSE;
    }
  if (g_hash_table_contains (table->index, id))
    {
      tnet_i_csv_error (csv, rd->unit, error, "duplicate unit id \"%s\"", id);
      return FALSE;
    }
  g_auto (GStrv) counties = row_counties (csv, rd, error);
  if (!counties)
    return FALSE;
  TnetId seat = node_field (rd->net, csv, rd->seat, error);
  if (seat == TNET_ID_NONE)
    return FALSE;
  TnetId zone = TNET_ID_NONE;
  if (rd->zone >= 0 && *tnet_i_csv_field (csv, rd->zone))
    {
      zone = node_field (rd->net, csv, rd->zone, error);
      if (zone == TNET_ID_NONE)
        return FALSE;
    }
  TnetUnit *u = g_new0 (TnetUnit, 1);
  u->id = g_strdup (id);
  u->name = g_strdup (tnet_i_csv_field (csv, rd->name));
  u->name_en = rd->name_en >= 0 ? g_strdup (tnet_i_csv_field (csv, rd->name_en)) : NULL;
  u->counties = (const char *const *) g_steal_pointer (&counties);
  u->seat_node = seat;
  u->zone_node = zone;
  g_ptr_array_add (table->units, u);
  g_hash_table_insert (table->index, (gpointer) u->id, GUINT_TO_POINTER (table->units->len));
  return TRUE;
}

TnetUnitTable *
tnet_unit_table_load_csv (const TnetNetwork *net, const char *path, GError **error)
{
  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_autofree char *display = g_path_get_basename (path);
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
  UnitRead rd = { .table = table, .net = net, .known = known };
  const TnetCsvColumn columns[] = {
    { "unit", TRUE, &rd.unit }, { "name", TRUE, &rd.name }, { "counties", TRUE, &rd.counties },
    { "seat_node", TRUE, &rd.seat }, { "name_en", FALSE, &rd.name_en },
    { "zone_node", FALSE, &rd.zone },
  };
  if (!tnet_i_csv_read_rows (path, display, columns, G_N_ELEMENTS (columns), unit_row, &rd,
                             error))
    g_clear_pointer (&table, tnet_unit_table_free);
  return table;
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
