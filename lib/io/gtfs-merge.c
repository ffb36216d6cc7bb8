/* gtfs-merge.c: several GTFS feeds as one folder with unique ids.
 *
 * Implementation notes: a text-level copy, file by file. Every feed was
 * loaded and checked by tnet_feed_load() before (tnet_folder_init()), so
 * this only renames: the columns that hold an id (their own or a
 * reference) get the feed's prefix, every other cell is copied as it is.
 * Files are written with the union of the columns the feeds have, in order
 * of first appearance, empty where a feed lacks one. */
#include "gtfs-merge.h"
#include <errno.h>
#include <glib/gstdio.h>

typedef struct {
  const char *file;
  const char *id_columns[7];   /* NULL-terminated */
} MergedFile;

static const MergedFile merged_files[] = {
  { "agency.txt", { "agency_id", NULL } },
  { "stops.txt", { "stop_id", "parent_station", "zone_id", "level_id", NULL } },
  { "routes.txt", { "route_id", "agency_id", NULL } },
  { "trips.txt", { "route_id", "service_id", "trip_id", "shape_id", "block_id", NULL } },
  { "stop_times.txt", { "trip_id", "stop_id", NULL } },
  { "frequencies.txt", { "trip_id", NULL } },
  { "transfers.txt", { "from_stop_id", "to_stop_id", "from_route_id", "to_route_id",
                       "from_trip_id", "to_trip_id", NULL } },
  { "calendar.txt", { "service_id", NULL } },
  { "calendar_dates.txt", { "service_id", NULL } },
};

static gboolean
is_id_column (const MergedFile *mf, const char *name)
{
  for (guint i = 0; mf->id_columns[i]; i++)
    if (strcmp (mf->id_columns[i], name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
merge_file (const MergedFile *mf, const char *const *paths, const char *const *prefixes,
            guint n, const char *out_dir, GError **error)
{
  TnetCsv **csv = g_new0 (TnetCsv *, MAX (n, 1));
  gboolean ok = TRUE;
  g_autoptr (GPtrArray) columns = g_ptr_array_new ();   /* borrowed names */
  gboolean any = FALSE;
  for (guint f = 0; ok && f < n; f++)
    {
      csv[f] = tnet_i_gtfs_open_member (paths[f], mf->file, error);
      if (csv[f] == NULL)
        {
          ok = error == NULL || *error == NULL;
          continue;
        }
      any = TRUE;
      for (guint c = 0; c < tnet_i_csv_n_columns (csv[f]); c++)
        {
          const char *name = tnet_i_csv_column_name (csv[f], (int) c);
          gboolean seen = FALSE;
          for (guint k = 0; k < columns->len && !seen; k++)
            seen = strcmp (g_ptr_array_index (columns, k), name) == 0;
          if (!seen && *name)
            g_ptr_array_add (columns, (gpointer) name);
        }
    }
  /* every feed names its agency, so routes can point at it */
  gboolean agency_file = strcmp (mf->file, "agency.txt") == 0
                         || strcmp (mf->file, "routes.txt") == 0;
  if (ok && any && agency_file)
    {
      gboolean seen = FALSE;
      for (guint k = 0; k < columns->len && !seen; k++)
        seen = strcmp (g_ptr_array_index (columns, k), "agency_id") == 0;
      if (!seen)
        g_ptr_array_add (columns, (gpointer) "agency_id");
    }
  if (ok && any)
    {
      g_autoptr (GString) out = g_string_new (NULL);
      for (guint k = 0; k < columns->len; k++)
        tnet_i_csv_put_field (out, g_ptr_array_index (columns, k), k == 0);
      g_string_append_c (out, '\n');
      int *src = g_new (int, MAX (columns->len, 1));
      for (guint f = 0; ok && f < n; f++)
        {
          if (csv[f] == NULL)
            continue;
          for (guint k = 0; k < columns->len; k++)
            src[k] = tnet_i_csv_column (csv[f], g_ptr_array_index (columns, k));
          int r;
          while ((r = tnet_i_csv_next (csv[f], error)) > 0)
            for (guint k = 0; k < columns->len; k++)
              {
                const char *name = g_ptr_array_index (columns, k);
                const char *v = tnet_i_csv_field (csv[f], src[k]);
                if (strcmp (name, "agency_id") == 0 && agency_file && !*v)
                  tnet_i_csv_put_field (out, prefixes[f], k == 0);
                else if (*v && is_id_column (mf, name))
                  {
                    g_autofree char *p = g_strdup_printf ("%s:%s", prefixes[f], v);
                    tnet_i_csv_put_field (out, p, k == 0);
                  }
                else
                  tnet_i_csv_put_field (out, v, k == 0);
                if (k + 1 == columns->len)
                  g_string_append_c (out, '\n');
              }
          ok = r == 0;
        }
      g_free (src);
      if (ok)
        {
          g_autofree char *path = g_build_filename (out_dir, mf->file, NULL);
          ok = tnet_i_write_text_file (path, out, error);
        }
    }
  for (guint f = 0; f < n; f++)
    if (csv[f])
      tnet_i_csv_free (csv[f]);
  g_free (csv);
  return ok;
}

gboolean
tnet_i_gtfs_merge (const char *const *paths, const char *const *prefixes, guint n,
                   const char *out_dir, GError **error)
{
  if (g_mkdir_with_parents (out_dir, 0777) != 0)
    {
      int e = errno;
      g_set_error (error, TNET_ERROR, TNET_ERROR_IO, "%s: cannot create the folder: %s",
                   out_dir, g_strerror (e));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (merged_files); i++)
    {
      /* a stale file of an earlier run would be read as part of this feed */
      g_autofree char *path = g_build_filename (out_dir, merged_files[i].file, NULL);
      g_remove (path);
      if (!merge_file (&merged_files[i], paths, prefixes, n, out_dir, error))
        return FALSE;
    }
  return TRUE;
}
