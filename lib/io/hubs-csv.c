/* hubs-csv.c: the hubs.csv and hub_walks.csv readers. */
#include "tnet-internal.h"
#include "csv.h"

/* The files speak minutes; the hub set holds TnetWeight milliseconds. A
 * duration must stay below TNET_WEIGHT_INF ms (about 24.8 days), which
 * means "none" (no target, no walk row). */
#define MAX_MINUTES 35791.0

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

/* What hub_row() reads with: the set it fills, the network that checks the
 * members (may be NULL) and the column indices of hubs.csv. */
typedef struct {
  TnetHubSet *set;
  const TnetNetwork *net;
  int id, name, name_en, kind, open, target, members, source, conf, level;
} HubRead;

static gboolean
hub_row (TnetCsv *csv, gpointer data, GError **error)
{
  const HubRead *rd = data;
  const char *id = tnet_i_csv_field (csv, rd->id);
  if (!*id)
    {
      tnet_i_csv_error (csv, rd->id, error, "expected a hub id, found an empty field");
      return FALSE;
    }
  if (tnet_hub_set_find (rd->set, id) >= 0)
    {
      tnet_i_csv_error (csv, rd->id, error, "duplicate hub id \"%s\"", id);
      return FALSE;
    }
  TnetHub h = { .id = id };
  if (!parse_kind (tnet_i_csv_field (csv, rd->kind), &h.kind))
    {
      tnet_i_csv_error (csv, rd->kind, error, "expected kind integrated_new or existing, "
                        "found \"%s\"", tnet_i_csv_field (csv, rd->kind));
      return FALSE;
    }
  if (!year_field (csv, rd->open, &h.open_year, error))
    return FALSE;
  double level_min, target_min;
  if (!tnet_i_csv_double_in (csv, rd->level, FALSE, 0.0, MAX_MINUTES, FALSE,
                             "a level change allowance in minutes >= 0 (at most 35791) or "
                             "nothing", 0.0, &level_min, error)
      || !tnet_i_csv_double_in (csv, rd->target, FALSE, 0.0, MAX_MINUTES, FALSE,
                                "a target in minutes >= 0 (at most 35791) or nothing", NAN,
                                &target_min, error))
    return FALSE;
  h.level_change_ms = tnet_weight_from_min (level_min);
  h.target_ms = isnan (target_min) ? TNET_WEIGHT_INF : tnet_weight_from_min (target_min);
  g_auto (GStrv) parts = g_strsplit (tnet_i_csv_field (csv, rd->members), ";", -1);
  g_autoptr (GPtrArray) members = g_ptr_array_new ();
  for (guint k = 0; parts[k]; k++)
    {
      char *m = g_strstrip (parts[k]);
      if (!*m)
        continue;
      if (rd->net && tnet_network_find_node (rd->net, m) == TNET_ID_NONE)
        {
          tnet_i_csv_error (csv, rd->members, error, "expected member node ids of "
                            "nodes.csv, found unknown \"%s\"", m);
          return FALSE;
        }
      for (guint j = 0; j < members->len; j++)
        if (strcmp (members->pdata[j], m) == 0)
          {
            tnet_i_csv_error (csv, rd->members, error, "member \"%s\" is listed twice", m);
            return FALSE;
          }
      g_ptr_array_add (members, m);
    }
  if (members->len == 0)
    {
      tnet_i_csv_error (csv, rd->members, error,
                        "expected one or more ';'-separated member ids, found none");
      return FALSE;
    }
  g_ptr_array_add (members, NULL);
  h.name = tnet_i_csv_field (csv, rd->name);
  h.name_en = tnet_i_csv_field (csv, rd->name_en);
  h.source = tnet_i_csv_field (csv, rd->source);
  h.confidence = tnet_i_csv_field (csv, rd->conf);
  tnet_i_hub_set_add (rd->set, &h, (const char *const *) members->pdata);
  return TRUE;
}

static gboolean
load_hubs (TnetHubSet *set, const TnetNetwork *net, const char *path, GError **error)
{
  g_autofree char *display = g_path_get_basename (path);
  HubRead rd = { .set = set, .net = net };
  const TnetCsvColumn columns[] = {
    { "id", TRUE, &rd.id }, { "kind", TRUE, &rd.kind }, { "members", TRUE, &rd.members },
    { "name", FALSE, &rd.name }, { "name_en", FALSE, &rd.name_en },
    { "open_year", FALSE, &rd.open }, { "target_transfer_min", FALSE, &rd.target },
    { "source", FALSE, &rd.source }, { "confidence", FALSE, &rd.conf },
    { "level_change_min", FALSE, &rd.level },
  };
  return tnet_i_csv_read_rows (path, display, columns, G_N_ELEMENTS (columns), hub_row, &rd,
                               error);
}

static gboolean
is_member (const TnetHub *h, const char *id)
{
  for (guint k = 0; k < h->n_members; k++)
    if (strcmp (h->members[k], id) == 0)
      return TRUE;
  return FALSE;
}

/* What walk_row() reads with: the set and the columns of hub_walks.csv. */
typedef struct {
  TnetHubSet *set;
  int hub, from, to, walk, open;
} WalkRead;

static gboolean
walk_row (TnetCsv *csv, gpointer data, GError **error)
{
  const WalkRead *rd = data;
  const char *hub_id = tnet_i_csv_field (csv, rd->hub);
  int hub = tnet_hub_set_find (rd->set, hub_id);
  if (hub < 0)
    {
      tnet_i_csv_error (csv, rd->hub, error, "expected a hub id of hubs.csv, found \"%s\"",
                        hub_id);
      return FALSE;
    }
  const TnetHub *h = tnet_hub_set_get (rd->set, (guint) hub);
  const int cols[2] = { rd->from, rd->to };
  for (guint k = 0; k < 2; k++)
    if (!is_member (h, tnet_i_csv_field (csv, cols[k])))
      {
        tnet_i_csv_error (csv, cols[k], error, "expected a member of hub %s, found \"%s\"",
                          h->id, tnet_i_csv_field (csv, cols[k]));
        return FALSE;
      }
  if (strcmp (tnet_i_csv_field (csv, rd->from), tnet_i_csv_field (csv, rd->to)) == 0)
    {
      tnet_i_csv_error (csv, rd->to, error, "expected two different members, found \"%s\" "
                        "twice", tnet_i_csv_field (csv, rd->to));
      return FALSE;
    }
  double walk;
  if (!tnet_i_csv_double_in (csv, rd->walk, TRUE, 0.0, MAX_MINUTES, FALSE,
                             "a walk in minutes >= 0 (at most 35791)", 0.0, &walk, error))
    return FALSE;
  int year;
  if (!year_field (csv, rd->open, &year, error))
    return FALSE;
  tnet_i_hub_set_add_walk (rd->set, (guint) hub, tnet_i_csv_field (csv, rd->from),
                           tnet_i_csv_field (csv, rd->to), tnet_weight_from_min (walk), year);
  return TRUE;
}

static gboolean
load_walks (TnetHubSet *set, const char *path, GError **error)
{
  g_autofree char *display = g_path_get_basename (path);
  WalkRead rd = { .set = set };
  const TnetCsvColumn columns[] = {
    { "hub", TRUE, &rd.hub }, { "from", TRUE, &rd.from }, { "to", TRUE, &rd.to },
    { "walk_min", TRUE, &rd.walk }, { "open_year", FALSE, &rd.open },
  };
  return tnet_i_csv_read_rows (path, display, columns, G_N_ELEMENTS (columns), walk_row, &rd,
                               error);
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
