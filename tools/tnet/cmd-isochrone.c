/* cmd-isochrone.c: `tnet isochrone FROM --minutes N`, every node (and link)
 * within N minutes of FROM, as a GeoJSON FeatureCollection; with
 * --polygons, one MultiPolygon per budget of `--minutes 15,30,45,60`. */
#include "cli.h"
#include "commands.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

/* "15,30,45" into increasing budgets. */
static GArray *
parse_minutes (const char *text, GError **error)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto (GStrv) items = g_strsplit (text, ",", -1);
  for (guint k = 0; items[k]; k++)
    {
      char *end = NULL;
      const char *item = g_strstrip (items[k]);
      double m = g_ascii_strtod (item, &end);
      if (!*item || *end || !(m > 0) || !isfinite (m) || m > 24 * 60
          || (a->len > 0 && !(m > g_array_index (a, double, a->len - 1))))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--minutes: expected positive numbers up to 1440, increasing and "
                       "separated by commas, got '%s'", text);
          g_array_unref (a);
          return NULL;
        }
      g_array_append_val (a, m);
    }
  return a;
}

static gboolean
isochrone (TnetCliCommon *common, const char *from_arg, const char *minutes_text,
           const char *profile_name, gboolean polygons, const char *layer,
           const TnetIsochroneOptions *opts, GError **error)
{
  TnetGeojsonLayers layers = TNET_GEOJSON_ALL;
  if (layer && strcmp (layer, "points") == 0)
    layers = TNET_GEOJSON_POINTS;
  else if (layer && strcmp (layer, "lines") == 0)
    layers = TNET_GEOJSON_LINES;
  else if (layer && strcmp (layer, "all") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--layer: expected points, lines or all, got '%s'", layer);
      return FALSE;
    }
  TnetProfile profile = TNET_PROFILE_CAR;
  if (profile_name && !tnet_profile_from_string (profile_name, &profile))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--profile: expected car, transit or park_and_ride, got '%s'", profile_name);
      return FALSE;
    }
  g_autoptr (GArray) budgets = parse_minutes (minutes_text, error);
  if (!budgets)
    return FALSE;
  double minutes = g_array_index (budgets, double, budgets->len - 1);
  if (budgets->len > 1 && !polygons)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--minutes: several budgets need --polygons");
      return FALSE;
    }
  g_autofree char *from = g_strdup (from_arg);
  /* GeoJSON unless asked otherwise; text and csv list the nodes */
  TnetCliFormat format = TNET_CLI_FORMAT_GEOJSON;
  if (polygons && common->format
      && !tnet_cli_format (common, TNET_CLI_FORMAT_GEOJSON | TNET_CLI_FORMAT_JSON, &format,
                           error))
    return FALSE;
  if (!polygons && common->format && !tnet_cli_format (common, TNET_CLI_FORMAT_GEOJSON | TNET_CLI_FORMAT_JSON
                                          | TNET_CLI_FORMAT_CSV | TNET_CLI_FORMAT_TEXT,
                                          &format, error))
    return FALSE;
  const TnetNetwork *net = NULL;
  g_autoptr (TnetScenario) scen = NULL;
  if (!tnet_cli_load (common, &net, &scen, error))
    return FALSE;
  /* FROM,FROM2,... are several origins at once, unless a node's id itself
   * has a comma */
  if (tnet_network_find_node (net, from) == TNET_ID_NONE)
    g_strdelimit (from, ",", ';');
  g_autoptr (GArray) sources = g_array_new (FALSE, FALSE, sizeof (TnetId));
  if (!tnet_commute_select (net, from, sources, error))
    return FALSE;
  TnetMultimodal *mm = NULL;
  if (!tnet_cli_build_graphs (net, scen, &profile, 1, &mm, error))
    return FALSE;
  guint n = tnet_network_n_nodes (net);
  g_autofree TnetWeight *ms = g_new (TnetWeight, n);
  TnetWeight budget = (TnetWeight) llround (minutes * 60000.0);
  tnet_isochrone_compute (mm, net, (TnetId *) (void *) sources->data, sources->len, budget, ms);
  tnet_multimodal_unref (mm);

  g_autofree char *text = NULL;
  if (polygons)
    {
      /* the zones whose columns the polygons sum: zones.csv of the folder,
       * else NULL (the network's zone nodes) */
      const TnetZoneTable *zones = tnet_dataset_get_zones (common->dataset);
      TnetIsochroneOptions o = *opts;
      if (profile == TNET_PROFILE_TRANSIT)
        o.interior_modes = 0;  /* one leaves a transit journey at its stops only */
      g_autoptr (TnetIsochroneBands) bands
        = tnet_isochrone_bands_new (net, scen, ms, (const double *) (void *) budgets->data,
                                    budgets->len, &o, error);
      if (!bands)
        return FALSE;
      text = tnet_isochrone_bands_to_geojson (bands, net, zones);
      return tnet_cli_write (common, text, error);
    }
  if (format == TNET_CLI_FORMAT_GEOJSON || format == TNET_CLI_FORMAT_JSON)
    {
      text = tnet_geojson_isochrone (net, scen, ms, budget, from_arg,
                                     tnet_profile_to_string (profile), layers);
    }
  else
    {
      static const char *const header[] = { "node", "name", "minutes", NULL };
      TnetCsvWriter *w = format == TNET_CLI_FORMAT_CSV ? tnet_csv_writer_new (header) : NULL;
      GString *s = g_string_new ("");
      for (TnetId v = 0; v < n; v++)
        if (ms[v] != TNET_WEIGHT_INF)
          {
            const TnetNode *node = tnet_network_node (net, v);
            if (w)
              {
                tnet_csv_writer_add_text (w, node->id);
                tnet_csv_writer_add_text (w, node->name);
                tnet_csv_writer_add_number (w, ms[v] / 60000.0, 1);
                tnet_csv_writer_end_row (w);
              }
            else
              g_string_append_printf (s, "%6.1f min  %s %s\n", ms[v] / 60000.0, node->id, node->name);
          }
      text = w ? tnet_csv_writer_free_to_string (w) : NULL;
      if (text)
        g_string_free (s, TRUE);
      else
        text = g_string_free (s, FALSE);
    }
  return tnet_cli_write (common, text, error);
}

int
tnet_cmd_isochrone (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  char *minutes = NULL;
  char *profile = NULL;
  gboolean polygons = FALSE;
  char *layer = NULL;
  TnetIsochroneOptions opts;
  tnet_isochrone_options_init (&opts);
  GError *error = NULL;
  GOptionEntry entries[] = {
    { "minutes", 'm', 0, G_OPTION_ARG_STRING, &minutes,
      "Time budget (default 60); with --polygons a list, e.g. 15,30,45,60", "N[,N2...]" },
    { "polygons", 0, 0, G_OPTION_ARG_NONE, &polygons,
      "One MultiPolygon per budget (nested bands) with area and zone sums", NULL },
    { "walk-kmh", 0, 0, G_OPTION_ARG_DOUBLE, &opts.off_network_kmh,
      "Polygons: speed off the network (default 5)", "KMH" },
    { "max-walk-m", 0, 0, G_OPTION_ARG_DOUBLE, &opts.max_radius_m,
      "Polygons: longest walk off the network (default 1000)", "M" },
    { "simplify-m", 0, 0, G_OPTION_ARG_DOUBLE, &opts.simplify_m,
      "Polygons: simplification tolerance (default 10)", "M" },
    { "layer", 0, 0, G_OPTION_ARG_STRING, &layer,
      "GeoJSON: points (nodes), lines (links) or all (default)", "L" },
    { "profile", 'p', 0, G_OPTION_ARG_STRING, &profile,
      "car (default), transit or park_and_ride", "P" },
    { NULL }
  };
  GOptionContext *ctx = g_option_context_new ("FROM");
  g_option_context_set_summary (ctx,
      "Every node within N minutes of FROM (a node or zone id, region:R for the\n"
      "zones of a region, or kind:K; several separated by commas), as GeoJSON\n"
      "points, and the links between them as LineStrings, with travel times in\n"
      "minutes. With --polygons: one MultiPolygon per budget, the reached\n"
      "network buffered by the time left at walking speed (docs/cli.md), with\n"
      "minutes, area_km2, population and the zones' other numeric columns.");
  g_option_context_add_main_entries (ctx, entries, NULL);
  tnet_cli_add_common_formats (ctx, &common, TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON
                                             | TNET_CLI_FORMAT_CSV | TNET_CLI_FORMAT_GEOJSON,
                               TNET_CLI_FORMAT_GEOJSON);
  int rc = TNET_EXIT_OK;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (argc != 2)
    rc = tnet_cli_usage (ctx, "expected one place FROM");
  else if (!isochrone (&common, argv[1], minutes ? minutes : "60", profile, polygons, layer,
                       &opts, &error))
    rc = tnet_cli_fail (ctx, error);
  tnet_cli_common_clear (&common);
  g_free (profile);
  g_free (layer);
  g_free (minutes);
  g_option_context_free (ctx);
  return rc;
}
