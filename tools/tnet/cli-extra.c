/* cli-extra.c: scenario files, progress, places and isochrones. */
#include "cli-extra.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CAR_MODES (TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS))

TnetScenario *
tnet_cli_load_scenario_file (const char *path, char **network_dir, GError **error)
{
  g_autoptr (TnetScenarioFile) sf = tnet_scenario_file_load (path, error);
  if (sf == NULL)
    return NULL;
  const char *dir = tnet_scenario_file_get_network_dir (sf);
  if (dir != NULL)
    {
      g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, error);
      if (net == NULL)
        return NULL;
      if (!tnet_scenario_file_check (sf, net, error))
        return NULL;
      *network_dir = g_strdup (dir);
    }
  /* year 0 when the file gives none: the caller takes the data set's */
  return tnet_scenario_file_get_scenario (sf, 0);
}

typedef struct {
  gint64 last_us;
  gboolean open_line;   /* a line is drawn and not yet ended */
  gboolean at_exit;     /* tnet_cli_progress_end() runs at exit */
} ProgressState;

static ProgressState progress_state;

/* Ends an open progress line with @ending: erased, or kept on screen. */
static void
progress_finish (const char *ending)
{
  if (!progress_state.open_line)
    return;
  fputs (ending, stderr);
  fflush (stderr);
  progress_state.open_line = FALSE;
}

void
tnet_cli_progress_end (void)
{
  progress_finish ("\r\033[K");
}

void
tnet_cli_progress_close (void)
{
  progress_finish ("\n");
}

static void
print_progress (guint64 done, guint64 total, const char *what, const char *unit,
                gpointer user_data)
{
  gint64 now = g_get_monotonic_time ();
  gboolean finished = total > 0 && done >= total;
  if (!finished && now - progress_state.last_us < 100000)
    return;
  progress_state.last_us = now;
  if (total > 0)
    fprintf (stderr, "\r%s: %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " %s (%.0f%%)\033[K",
             what, done, total, unit, 100.0 * (double) done / (double) total);
  else
    fprintf (stderr, "\r%s: %" G_GUINT64_FORMAT " %s\033[K", what, done, unit);
  progress_state.open_line = !finished;
  /* work that stops short of its total (a matrix counts the origins begun)
   * leaves the line open: whatever is written next clears it first */
  if (!finished && !progress_state.at_exit)
    progress_state.at_exit = atexit (tnet_cli_progress_end) == 0;
  if (finished)
    fputc ('\n', stderr);
  fflush (stderr);
}

TnetProgressFunc
tnet_cli_progress_func (const TnetCliCommon *common)
{
  if (common->quiet || !isatty (STDERR_FILENO))
    return NULL;
  return print_progress;
}

GArray *
tnet_cli_resolve_place (const TnetNetwork *net, const char *spec, GError **error)
{
  g_autoptr (TnetPlaceList) list = tnet_place_list_parse (net, spec, error);
  if (list == NULL)
    return NULL;
  /* every node the items name, in order, without repeats */
  GArray *nodes = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  for (guint k = 0; k < list->n_items; k++)
    for (guint i = 0; i < list->items[k].members->len; i++)
      {
        TnetId v = g_array_index (list->items[k].members, TnetId, i);
        if (g_hash_table_add (seen, GUINT_TO_POINTER (v + 1)))
          g_array_append_val (nodes, v);
      }
  return nodes;
}

double *
tnet_cli_isochrone (const TnetNetwork *net, const TnetScenario *scen, const char *from,
                    const char *profile, double minutes, TnetId *origin, GError **error)
{
  TnetProfile prof = TNET_PROFILE_CAR;
  if (profile != NULL && !tnet_profile_from_string (profile, &prof))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "unknown profile '%s' (expected car, transit or park_and_ride)", profile);
      return NULL;
    }
  if (!(minutes > 0 && minutes <= 1440))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "--minutes %g: expected a number above 0 and at most 1440", minutes);
      return NULL;
    }
  g_autoptr (GArray) src = tnet_cli_resolve_place (net, from, error);
  if (src == NULL)
    return NULL;
  guint n = tnet_network_n_nodes (net);
  TnetWeight budget = (TnetWeight) llround (minutes * 60000.0);
  double *out = g_new (double, n);
  if (prof == TNET_PROFILE_CAR)
    {
      /* roads and access links: a plain bounded multi-source search */
      g_autoptr (TnetMetric) time = NULL;
      g_autoptr (TnetGraph) g = tnet_graph_compile_modes (net, scen, CAR_MODES, &time, NULL,
                                                          error);
      if (g == NULL)
        {
          g_free (out);
          return NULL;
        }
      g_autoptr (TnetSearch) search = tnet_search_new (g);
      tnet_search_run_multi (search, time, (const TnetId *) src->data, NULL, src->len,
                             TNET_FORWARD, budget, TNET_ID_NONE);
      for (guint i = 0; i < n; i++)
        {
          TnetWeight d = tnet_search_distance (search, i);
          out[i] = d == TNET_WEIGHT_INF ? NAN : d / 60000.0;
        }
    }
  else
    {
      /* transit and park-and-ride: the layered multimodal graph with the
       * scenario year's feed */
      TnetMultimodal *mm = NULL;
      if (!tnet_cli_build_graphs (net, scen, &prof, 1, &mm, error))
        {
          g_free (out);
          return NULL;
        }
      g_autofree TnetWeight *ms = g_new (TnetWeight, n);
      tnet_isochrone_compute (mm, net, (const TnetId *) src->data, src->len, budget, ms);
      tnet_multimodal_unref (mm);
      for (guint i = 0; i < n; i++)
        out[i] = ms[i] == TNET_WEIGHT_INF ? NAN : ms[i] / 60000.0;
    }
  *origin = g_array_index (src, TnetId, 0);
  return out;
}

GArray *
tnet_cli_fastest_path (const TnetNetwork *net, const TnetScenario *scen, const GArray *a,
                       const GArray *b, guint mode_mask, guint64 *time_ms, GError **error)
{
  *time_ms = TNET_WEIGHT_INF;
  g_autoptr (TnetMetric) time = NULL;
  g_autoptr (TnetGraph) g = tnet_graph_compile_modes (net, scen, mode_mask, &time, NULL,
                                                      error);
  if (g == NULL)
    return NULL;
  g_autoptr (TnetSearch) search = tnet_search_new (g);
  tnet_search_run_multi (search, time, (const TnetId *) a->data, NULL, a->len, TNET_FORWARD,
                         TNET_WEIGHT_INF, TNET_ID_NONE);
  TnetId best = TNET_ID_NONE;
  for (guint k = 0; k < b->len; k++)
    {
      TnetId v = g_array_index (b, TnetId, k);
      TnetWeight d = tnet_search_distance (search, v);
      if (d != TNET_WEIGHT_INF && d < *time_ms)
        {
          *time_ms = d;
          best = v;
        }
    }
  if (best == TNET_ID_NONE)
    return NULL;
  guint len = tnet_search_path (search, best, NULL, 0);
  g_autofree TnetId *arcs = g_new (TnetId, MAX (len, 1u));
  tnet_search_path (search, best, arcs, len);
  GArray *links = g_array_sized_new (FALSE, FALSE, sizeof (TnetId), len);
  for (guint k = 0; k < len; k++)
    {
      TnetId l = tnet_graph_arc_link (g, arcs[k]);
      if (l != TNET_ID_NONE)
        g_array_append_val (links, l);
    }
  return links;
}

void
tnet_cli_map_add_dataset (TnetMap *map, const TnetDataset *ds)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  char *end = NULL;
  gint64 t = epoch ? g_ascii_strtoll (epoch, &end, 10) : 0;
  g_autoptr (GDateTime) when = epoch && end && *end == '\0' && end != epoch
                               ? g_date_time_new_from_unix_utc (t)
                               : g_date_time_new_now_utc ();
  g_autofree char *date = when ? g_date_time_format (when, "%Y-%m-%d") : g_strdup ("");
  const TnetPlan *plan = ds ? tnet_dataset_get_plan (ds) : NULL;
  /* checked when the plan was loaded */
  tnet_map_set_languages (map, plan ? tnet_plan_get_map_languages (plan) : NULL, NULL);
  const char *credit = plan ? tnet_plan_get_credit (plan) : NULL;
  g_autofree char *data = tnet_map_label (map, "数据", "data");
  g_autofree char *line = credit ? g_strdup_printf ("%s: %s · drawn %s", data, credit, date)
                                 : g_strdup_printf ("drawn %s", date);
  tnet_map_set_credit (map, line);
  for (guint i = 0; ds && i < tnet_dataset_n_region_outlines (ds); i++)
    {
      const char *region = NULL;
      guint np = 0;
      const double *ll = tnet_dataset_get_region_outline (ds, i, &region, &np);
      tnet_map_add_outline (map, ll, np, region);
    }
}
