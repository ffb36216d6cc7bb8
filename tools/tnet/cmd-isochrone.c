/* cmd-isochrone.c: `tnet isochrone FROM --minutes N`, every node (and link)
 * within N minutes of FROM, as a GeoJSON FeatureCollection; with
 * --polygons, one MultiPolygon per budget of `--minutes 15,30,45,60`. */
#include "cli.h"
#include "commands.h"
#include "route-transit.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

GArray *
tnet_cli_isochrone_parse_minutes (const char *text, GError **error)
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

static const char *
model_name (const TnetCliIsochroneModel *m)
{
  if (m->profile == TNET_PROFILE_CAR)
    return "network";
  return m->timing.feed ? "timetable" : "frequency approximation";
}

char *
tnet_cli_isochrone_geojson_with_model (char *text, const TnetCliIsochroneModel *m)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  if (m->profile == TNET_PROFILE_CAR || !json_parser_load_from_data (parser, text, -1, NULL))
    return text;
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  if (!json_object_has_member (root, "properties"))
    json_object_set_object_member (root, "properties", json_object_new ());
  JsonObject *props = json_object_get_object_member (root, "properties");
  json_object_set_string_member (props, "model", model_name (m));
  if (m->timing.feed)
    {
      JsonObject *tt = json_object_new ();
      json_object_set_string_member (tt, "feed", m->timing.feed);
      json_object_set_int_member (tt, "date", m->timing.date);
      g_autofree char *dep = g_strdup_printf ("%02d:%02d", m->timing.depart_s / 3600,
                                              m->timing.depart_s / 60 % 60);
      json_object_set_string_member (tt, "depart", dep);
      json_object_set_int_member (tt, "window_min", MAX (m->timing.window_min, 1u));
      json_object_set_double_member (tt, "max_walk_min", m->timing.max_walk_ms / 60000.0);
      json_object_set_double_member (tt, "percentile", m->timing.percentile);
      json_object_set_object_member (props, "timetable", tt);
    }
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, json_parser_get_root (parser));
  g_free (text);
  return json_generator_to_data (gen, NULL);
}

/* The coordinates of every node of @net, lon and lat in turn. */
static double *
node_places (const TnetNetwork *net)
{
  guint n = tnet_network_n_nodes (net);
  double *places = g_new (double, 2 * MAX (n, 1u));
  for (TnetId v = 0; v < n; v++)
    {
      const TnetNode *node = tnet_network_node (net, v);
      places[2 * v] = node->lon;
      places[2 * v + 1] = node->lat;
    }
  return places;
}

/* @ms[v]: the @n travel times @sec in ms, TNET_WEIGHT_INF when unreached
 * or over @budget. */
static void
within_budget_ms (const gint32 *sec, guint n, TnetWeight budget, TnetWeight *ms)
{
  for (TnetId v = 0; v < n; v++)
    ms[v] = sec[v] == TNET_RAPTOR_UNREACHED || (TnetWeight) sec[v] * 1000 > budget
            ? TNET_WEIGHT_INF : (TnetWeight) sec[v] * 1000;
}

gboolean
tnet_cli_isochrone_timetable_times (const TnetTimetable *tt, const TnetNetwork *net,
                                    const GArray *sources, const TnetCliTimeOptions *topt,
                                    TnetWeight budget, TnetWeight *ms,
                                    const TnetRaptorStop *stop, GError **error)
{
  guint n = tnet_network_n_nodes (net);
  g_autofree double *src = g_new (double, 2 * MAX (sources->len, 1u));
  for (guint i = 0; i < sources->len; i++)
    {
      const TnetNode *node = tnet_network_node (net, g_array_index (sources, TnetId, i));
      src[2 * i] = node->lon;
      src[2 * i + 1] = node->lat;
    }
  g_autofree double *places = node_places (net);
  g_autofree gint32 *sec = g_new (gint32, MAX (n, 1u));
  if (!tnet_timetable_isochrone (tt, src, sources->len, places, n,
                                 topt->max_walk_ms, topt->depart_s,
                                 MAX (topt->window_min, 1u),
                                 (const double *) (void *) topt->percentiles->data,
                                 1, sec, stop, error))
    return FALSE;
  within_budget_ms (sec, n, budget, ms);
  return TRUE;
}

gboolean
tnet_cli_isochrone_sources (const TnetNetwork *net, const char *from, GArray *sources,
                            GError **error)
{
  /* FROM,FROM2,... are several origins at once, unless a node's id itself
   * has a comma */
  g_autofree char *list = g_strdup (from);
  if (tnet_network_find_node (net, list) == TNET_ID_NONE)
    g_strdelimit (list, ",", ';');
  return tnet_commute_select (net, list, sources, error);
}

char *
tnet_cli_isochrone_geojson (const TnetNetwork *net, const TnetScenario *scen,
                            const TnetWeight *ms, TnetWeight budget, const char *from,
                            const TnetCliIsochroneModel *m, TnetGeojsonLayers layers)
{
  return tnet_cli_isochrone_geojson_with_model (
      tnet_geojson_isochrone (net, scen, ms, budget, from, tnet_profile_to_string (m->profile),
                              layers), m);
}

char *
tnet_cli_isochrone_polygons (const TnetDataset *ds, const TnetNetwork *net,
                             const TnetScenario *scen, const TnetWeight *ms,
                             const double *budgets, guint n_budgets,
                             const TnetIsochroneOptions *opts, const TnetCliIsochroneModel *m,
                             GError **error)
{
  /* the zones whose columns the polygons sum: zones.csv of the folder,
   * else NULL (the network's zone nodes) */
  const TnetZoneTable *zones = ds ? tnet_dataset_get_zones (ds) : NULL;
  TnetIsochroneOptions o = *opts;
  if (m->profile == TNET_PROFILE_TRANSIT
      || (m->timing.feed && m->profile == TNET_PROFILE_PARK_AND_RIDE))
    o.interior_modes = 0;  /* one leaves a transit journey at its stops only */
  /* the budgets were read in minutes (checked in (0, 1440]): ms from here */
  g_autofree TnetWeight *budgets_ms = g_new (TnetWeight, MAX (n_budgets, 1));
  for (guint i = 0; i < n_budgets; i++)
    budgets_ms[i] = tnet_weight_from_min (budgets[i]);
  g_autoptr (TnetIsochroneBands) bands
    = tnet_isochrone_bands_new (net, scen, ms, budgets_ms, n_budgets, &o, error);
  if (!bands)
    return NULL;
  return tnet_cli_isochrone_geojson_with_model (
      tnet_isochrone_bands_to_geojson (bands, net, zones), m);
}

gboolean
tnet_cli_isochrone_park_ride_times (const TnetTimetable *tt, const TnetNetwork *net,
                                    const TnetScenario *scen, const TnetParkRideOptions *po,
                                    const GArray *sources, const TnetCliTimeOptions *topt,
                                    TnetWeight budget, TnetWeight *ms,
                                    const TnetRaptorStop *stop, GError **error)
{
  g_autoptr (TnetParkRide) pr = tnet_park_ride_new (tt, net, scen, po, error);
  if (pr == NULL)
    return FALSE;
  guint n = tnet_network_n_nodes (net);
  g_autofree double *places = node_places (net);
  g_autofree gint32 *sec = g_new (gint32, MAX (n, 1u));
  if (!tnet_park_ride_isochrone (pr, net, (const TnetId *) (void *) sources->data,
                                 sources->len, places, n, topt->max_walk_ms, topt->depart_s,
                                 MAX (topt->window_min, 1u),
                                 (const double *) (void *) topt->percentiles->data, 1, sec, stop,
                                 error))
    return FALSE;
  within_budget_ms (sec, n, budget, ms);
  return TRUE;
}

/* --layer: points, lines or all (the default). */
static gboolean
parse_layer (const char *layer, TnetGeojsonLayers *out, GError **error)
{
  *out = TNET_GEOJSON_ALL;
  if (layer && strcmp (layer, "points") == 0)
    *out = TNET_GEOJSON_POINTS;
  else if (layer && strcmp (layer, "lines") == 0)
    *out = TNET_GEOJSON_LINES;
  else if (layer && strcmp (layer, "all") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--layer: expected points, lines or all, got '%s'", layer);
      return FALSE;
    }
  return TRUE;
}

/* The output format: GeoJSON unless asked otherwise; polygons also as JSON,
 * the nodes also as text and csv (a list). */
static gboolean
output_format (TnetCliCommon *common, gboolean polygons, TnetCliFormat *format,
               GError **error)
{
  *format = TNET_CLI_FORMAT_GEOJSON;
  if (common->format == NULL)
    return TRUE;
  if (polygons)
    return tnet_cli_format (common, TNET_CLI_FORMAT_GEOJSON | TNET_CLI_FORMAT_JSON, format,
                            error);
  return tnet_cli_format (common, TNET_CLI_FORMAT_GEOJSON | TNET_CLI_FORMAT_JSON
                          | TNET_CLI_FORMAT_CSV | TNET_CLI_FORMAT_TEXT, format, error);
}

/* Each node's time from @sources within @budget (ms, TNET_WEIGHT_INF
 * beyond): by the timetable @tt (transit, or park_and_ride with @po), else
 * over @profile's graph. */
static gboolean
isochrone_times (const TnetNetwork *net, const TnetScenario *scen, const TnetTimetable *tt,
                 TnetProfile profile, const TnetParkRideOptions *po, const GArray *sources,
                 const TnetCliTimeOptions *topt, TnetWeight budget, TnetWeight *ms,
                 GError **error)
{
  if (tt && profile == TNET_PROFILE_PARK_AND_RIDE)
    return tnet_cli_isochrone_park_ride_times (tt, net, scen, po, sources, topt, budget, ms,
                                               NULL, error);
  if (tt)
    {
      (void) tnet_cli_isochrone_timetable_times (tt, net, sources, topt, budget, ms, NULL,
                                                 NULL);
      return TRUE;
    }
  TnetMultimodal *mm = NULL;
  if (!tnet_cli_build_graphs (net, scen, &profile, 1, &mm, error))
    return FALSE;
  tnet_isochrone_compute (mm, net, (TnetId *) (void *) sources->data, sources->len, budget,
                          ms);
  tnet_multimodal_unref (mm);
  return TRUE;
}

/* The reached nodes as text (minutes, id, name, after a line saying how
 * transit was computed) or as CSV (node,name,minutes). */
static char *
nodes_list (const TnetNetwork *net, const TnetWeight *ms, const TnetCliIsochroneModel *model,
            TnetCliFormat format)
{
  static const char *const header[] = { "node", "name", "minutes", NULL };
  TnetCsvWriter *w = format == TNET_CLI_FORMAT_CSV ? tnet_csv_writer_new (header) : NULL;
  GString *s = g_string_new ("");
  if (model->timing.feed)
    tnet_cli_timetable_timing_append (s, "# ", model->profile, &model->timing);
  else if (model->profile != TNET_PROFILE_CAR)
    g_string_append_printf (s, "# %s by the frequency approximation (waits of half the "
                            "headway)\n", tnet_profile_to_string (model->profile));
  for (TnetId v = 0; v < tnet_network_n_nodes (net); v++)
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
          g_string_append_printf (s, "%6.1f min  %s %s\n", ms[v] / 60000.0, node->id,
                                  node->name);
      }
  char *text = w ? tnet_csv_writer_free_to_string (w) : NULL;
  if (text)
    g_string_free (s, TRUE);
  else
    text = g_string_free (s, FALSE);
  return text;
}

static gboolean
isochrone (TnetCliCommon *common, const char *from_arg, const char *minutes_text,
           const char *profile_name, gboolean polygons, const char *layer,
           const TnetIsochroneOptions *opts, const TnetCliTimeArgs *targs,
           const TnetCliParkRideArgs *pra, GError **error)
{
  TnetGeojsonLayers layers;
  if (!parse_layer (layer, &layers, error))
    return FALSE;
  TnetProfile profile = TNET_PROFILE_CAR;
  if (profile_name && !tnet_profile_from_string (profile_name, &profile))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--profile: expected car, transit or park_and_ride, got '%s'", profile_name);
      return FALSE;
    }
  g_autoptr (GArray) budgets = tnet_cli_isochrone_parse_minutes (minutes_text, error);
  if (!budgets)
    return FALSE;
  double minutes = g_array_index (budgets, double, budgets->len - 1);
  if (budgets->len > 1 && !polygons)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--minutes: several budgets need --polygons");
      return FALSE;
    }
  TnetCliFormat format;
  if (!output_format (common, polygons, &format, error))
    return FALSE;
  const TnetNetwork *net = NULL;
  g_autoptr (TnetScenario) scen = NULL;
  if (!tnet_cli_load (common, &net, &scen, error))
    return FALSE;
  g_autoptr (GArray) sources = g_array_new (FALSE, FALSE, sizeof (TnetId));
  if (!tnet_cli_isochrone_sources (net, from_arg, sources, error))
    return FALSE;
  /* the options not given: the plan's, as in `tnet commute` */
  TnetCommuteTiming timing;
  tnet_cli_plan_timing (common->dataset, &timing);
  TnetCliTimeOptions topt = { 0 };
  if (!tnet_cli_time_args_parse_with (targs, &timing, &topt, error))
    return FALSE;
  g_autoptr (GArray) pcts = topt.percentiles;
  /* transit by the timetable, as in `tnet commute`; by the frequency
   * approximation with --frequency-model, or without a feed in the folder
   * when --gtfs names none */
  g_autoptr (GPtrArray) feeds = NULL;
  g_autoptr (TnetTimetable) tt = NULL;
  g_autofree char *feed_name = NULL;
  TnetCliIsochroneModel model = { profile, tnet_cli_timetable_timing (NULL, NULL, &topt) };
  TnetParkRideOptions po;
  if (!tnet_cli_park_ride_args_parse_with (pra, &timing.park_ride, &po, error))
    return FALSE;
  if (profile != TNET_PROFILE_CAR)
    {
      GError *tt_error = NULL;
      tt = tnet_cli_transit_timetable (net, scen, targs, &topt, common->quiet, &feed_name,
                                       &feeds, &tt_error);
      if (tt == NULL && tt_error != NULL)
        {
          g_propagate_error (error, tt_error);
          return FALSE;
        }
      if (tt != NULL && !tnet_cli_check_headway_timetable (common, error))
        return FALSE;
      if (tt != NULL)
        {
          model.timing.feed = feed_name;
          model.timing.date = tnet_timetable_get_service_date (tt);
        }
    }
  g_autofree TnetWeight *ms = g_new (TnetWeight, tnet_network_n_nodes (net));
  TnetWeight budget = (TnetWeight) llround (minutes * 60000.0);
  if (!isochrone_times (net, scen, tt, profile, &po, sources, &topt, budget, ms, error))
    return FALSE;

  g_autofree char *text = NULL;
  if (polygons)
    {
      text = tnet_cli_isochrone_polygons (common->dataset, net, scen, ms,
                                          (const double *) (void *) budgets->data, budgets->len,
                                          opts, &model, error);
      return text && tnet_cli_write (common, text, error);
    }
  if (format == TNET_CLI_FORMAT_GEOJSON || format == TNET_CLI_FORMAT_JSON)
    text = tnet_cli_isochrone_geojson (net, scen, ms, budget, from_arg, &model, layers);
  else
    text = nodes_list (net, ms, &model, format);
  return tnet_cli_write (common, text, error);
}

int
tnet_cmd_isochrone (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  char *minutes = NULL;
  char *profile = NULL;
  TnetCliParkRideArgs pra = TNET_CLI_PARK_RIDE_ARGS_INIT;
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
    PARK_RIDE_PLAN_ENTRIES (pra),
    { NULL }
  };
  TnetCliTimeArgs targs = { .one_percentile = TRUE, .plan_defaults = TRUE };
  GOptionContext *ctx = tnet_cli_context_new ("FROM",
    "Every node within N minutes of FROM (a place, docs/cli.md: a node id or\n"
    "name, a region id or region:R for the zones of a region, zones:R, kind:K\n"
    "or all; several separated by commas), as GeoJSON\n"
    "points, and the links between them as LineStrings, with travel times in\n"
    "minutes. With --polygons: one MultiPolygon per budget, the reached\n"
    "network buffered by the time left at walking speed (docs/cli.md), with\n"
    "minutes, area_km2, population and the zones' other numeric columns.\n"
    "Transit and park_and_ride follow the scenario year's GTFS timetable: a node is\n"
    "reached when the given percentile of its travel time over the departure window\n"
    "(from the nodes' coordinates) is within the budget. The defaults come from the\n"
    "data set's plan.ini first [commute] group when it has depart (its depart, date,\n"
    "window, max_walk and park-and-ride keys), otherwise departing 08:00 on the\n"
    "feed's busiest service day, window 0; --depart, --date, --window etc. override\n"
    "them. --frequency-model asks for the frequency approximation, also taken (with\n"
    "a note) when there is no feed.", entries);
  tnet_cli_time_args_add (ctx, &targs, TNET_CLI_FREQUENCY_MODEL_HELP);
  tnet_cli_add_common_formats (ctx, &common, TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON
                                             | TNET_CLI_FORMAT_CSV | TNET_CLI_FORMAT_GEOJSON,
                               TNET_CLI_FORMAT_GEOJSON);
  int rc = TNET_EXIT_OK;
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (argc != 2)
    rc = tnet_cli_usage (ctx, "expected one place FROM");
  else if (!tnet_cli_frequency_model_check (&targs, &pra, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (!isochrone (&common, argv[1], minutes ? minutes : "60", profile, polygons, layer,
                       &opts, &targs, &pra, &error))
    rc = tnet_cli_fail (ctx, error);
  tnet_cli_common_clear (&common);
  g_free (profile);
  g_free (layer);
  g_free (minutes);
  tnet_cli_time_args_clear (&targs);
  g_option_context_free (ctx);
  return rc;
}
