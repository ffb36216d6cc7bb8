/* hubs-csv.c: the hubs.csv and hub_walks.csv readers. */
#include "tnet-internal.h"
#include "csv.h"

static gboolean
parse_kind (const char *s, TnetHubKind *out)
{
  if (strcmp (s, "integrated_new") == 0)
    *out = TNET_HUB_INTEGRATED_NEW;
  else if (strcmp (s, "existing") == 0)
    *out = TNET_HUB_EXISTING;
  else
    return FALSE;
  return TRUE;
}

/* open_year: empty (0) or a year 1800..2200 */
static gboolean
year_field (TnetCsv *csv, int col, int *out, GError **error)
{
  gint64 y = 0;
  if (!tnet_i_csv_int (csv, col, FALSE, 0, &y, error))
    return FALSE;
  if (y != 0 && (y < 1800 || y > 2200))
    {
      tnet_i_csv_error (csv, col, error, "expected a year between 1800 and 2200 or an empty "
                        "field, found \"%s\"", tnet_i_csv_field (csv, col));
      return FALSE;
    }
  *out = (int) y;
  return TRUE;
}

static gboolean
load_hubs (TnetHubSet *set, const TnetNetwork *net, const char *path, GError **error)
{
  g_autofree char *display = g_path_get_basename (path);
  int c_id, c_name, c_name_en, c_kind, c_open, c_target, c_members, c_source, c_conf;
  int c_level;
  const TnetCsvColumn columns[] = {
    { "id", TRUE, &c_id }, { "kind", TRUE, &c_kind }, { "members", TRUE, &c_members },
    { "name", FALSE, &c_name }, { "name_en", FALSE, &c_name_en },
    { "open_year", FALSE, &c_open }, { "target_transfer_min", FALSE, &c_target },
    { "source", FALSE, &c_source }, { "confidence", FALSE, &c_conf },
    { "level_change_min", FALSE, &c_level },
  };
  g_autoptr (TnetCsv) csv = tnet_i_csv_open_columns (path, display, columns,
                                                     G_N_ELEMENTS (columns), error);
  if (!csv)
    return FALSE;
  int r;
  while ((r = tnet_i_csv_next (csv, error)) == 1)
    {
      const char *id = tnet_i_csv_field (csv, c_id);
      if (!*id)
        {
          tnet_i_csv_error (csv, c_id, error, "expected a hub id, found an empty field");
          return FALSE;
        }
      if (tnet_hub_set_find (set, id) >= 0)
        {
          tnet_i_csv_error (csv, c_id, error, "duplicate hub id \"%s\"", id);
          return FALSE;
        }
      TnetHub h = { .id = id, .target_min = NAN };
      if (!parse_kind (tnet_i_csv_field (csv, c_kind), &h.kind))
        {
          tnet_i_csv_error (csv, c_kind, error, "expected kind integrated_new or existing, "
                            "found \"%s\"", tnet_i_csv_field (csv, c_kind));
          return FALSE;
        }
      if (!year_field (csv, c_open, &h.open_year, error))
        return FALSE;
      if (!tnet_i_csv_double_in (csv, c_level, FALSE, 0.0, G_MAXDOUBLE, FALSE,
                                 "a level change allowance in minutes >= 0 or nothing", 0.0,
                                 &h.level_change_min, error)
          || !tnet_i_csv_double_in (csv, c_target, FALSE, 0.0, G_MAXDOUBLE, FALSE,
                                    "a target in minutes >= 0 or nothing", NAN, &h.target_min,
                                    error))
        return FALSE;
      g_auto (GStrv) parts = g_strsplit (tnet_i_csv_field (csv, c_members), ";", -1);
      g_autoptr (GPtrArray) members = g_ptr_array_new ();
      for (guint k = 0; parts[k]; k++)
        {
          char *m = g_strstrip (parts[k]);
          if (!*m)
            continue;
          if (net && tnet_network_find_node (net, m) == TNET_ID_NONE)
            {
              tnet_i_csv_error (csv, c_members, error, "expected member node ids of "
                                "nodes.csv, found unknown \"%s\"", m);
              return FALSE;
            }
          for (guint j = 0; j < members->len; j++)
            if (strcmp (members->pdata[j], m) == 0)
              {
                tnet_i_csv_error (csv, c_members, error, "member \"%s\" is listed twice", m);
                return FALSE;
              }
          g_ptr_array_add (members, m);
        }
      if (members->len == 0)
        {
          tnet_i_csv_error (csv, c_members, error,
                            "expected one or more ';'-separated member ids, found none");
          return FALSE;
        }
      g_ptr_array_add (members, NULL);
      h.name = tnet_i_csv_field (csv, c_name);
      h.name_en = tnet_i_csv_field (csv, c_name_en);
      h.source = tnet_i_csv_field (csv, c_source);
      h.confidence = tnet_i_csv_field (csv, c_conf);
      tnet_i_hub_set_add (set, &h, (const char *const *) members->pdata);
    }
  return r == 0;
}

static gboolean
is_member (const TnetHub *h, const char *id)
{
  for (guint k = 0; k < h->n_members; k++)
    if (strcmp (h->members[k], id) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
load_walks (TnetHubSet *set, const char *path, GError **error)
{
  g_autofree char *display = g_path_get_basename (path);
  int c_hub, c_from, c_to, c_walk, c_open;
  const TnetCsvColumn columns[] = {
    { "hub", TRUE, &c_hub }, { "from", TRUE, &c_from }, { "to", TRUE, &c_to },
    { "walk_min", TRUE, &c_walk }, { "open_year", FALSE, &c_open },
  };
  g_autoptr (TnetCsv) csv = tnet_i_csv_open_columns (path, display, columns,
                                                     G_N_ELEMENTS (columns), error);
  if (!csv)
    return FALSE;
  int r;
  while ((r = tnet_i_csv_next (csv, error)) == 1)
    {
      const char *hub_id = tnet_i_csv_field (csv, c_hub);
      int hub = tnet_hub_set_find (set, hub_id);
      if (hub < 0)
        {
          tnet_i_csv_error (csv, c_hub, error, "expected a hub id of hubs.csv, found \"%s\"",
                            hub_id);
          return FALSE;
        }
      const TnetHub *h = tnet_hub_set_get (set, (guint) hub);
      const int cols[2] = { c_from, c_to };
      for (guint k = 0; k < 2; k++)
        if (!is_member (h, tnet_i_csv_field (csv, cols[k])))
          {
            tnet_i_csv_error (csv, cols[k], error, "expected a member of hub %s, found \"%s\"",
                              h->id, tnet_i_csv_field (csv, cols[k]));
            return FALSE;
          }
      if (strcmp (tnet_i_csv_field (csv, c_from), tnet_i_csv_field (csv, c_to)) == 0)
        {
          tnet_i_csv_error (csv, c_to, error, "expected two different members, found \"%s\" "
                            "twice", tnet_i_csv_field (csv, c_to));
          return FALSE;
        }
      double walk;
      if (!tnet_i_csv_double_in (csv, c_walk, TRUE, 0.0, G_MAXDOUBLE, FALSE,
                                 "a walk in minutes >= 0", 0.0, &walk, error))
        return FALSE;
      int year;
      if (!year_field (csv, c_open, &year, error))
        return FALSE;
      tnet_i_hub_set_add_walk (set, (guint) hub, tnet_i_csv_field (csv, c_from),
                               tnet_i_csv_field (csv, c_to), walk, year);
    }
  return r == 0;
}

TnetHubSet *
tnet_hub_set_load_csv (const TnetNetwork *net, const char *hubs_path, const char *walks_path,
                       GError **error)
{
  g_return_val_if_fail (hubs_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  TnetHubSet *set = tnet_i_hub_set_new ();
  if (!load_hubs (set, net, hubs_path, error)
      || (walks_path && !load_walks (set, walks_path, error)))
    {
      tnet_hub_set_free (set);
      return NULL;
    }
  return set;
}

TnetHubSet *
tnet_hub_set_load_for_network (const TnetNetwork *net, GError **error)
{
  g_return_val_if_fail (net != NULL, NULL);
  const char *dir = tnet_network_get_dir (net);
  if (!dir)
    return NULL;
  g_autofree char *hubs_path = g_build_filename (dir, "hubs.csv", NULL);
  if (!g_file_test (hubs_path, G_FILE_TEST_EXISTS))
    return NULL;
  g_autofree char *walks_path = g_build_filename (dir, "hub_walks.csv", NULL);
  return tnet_hub_set_load_csv (net, hubs_path,
                                g_file_test (walks_path, G_FILE_TEST_EXISTS) ? walks_path : NULL,
                                error);
}
