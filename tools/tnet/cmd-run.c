/* cmd-run.c: `tnet run FILE.ini`, everything a scenario file asks for.
 *
 * Writes into the file's output folder: report.txt (always), results.json
 * (always; schema in docs/scenario-files.md), network.geojson,
 * isochrone.geojson, corridors-N.geojson and criticality-N.geojson with the
 * geojson format, and the maps (map-network, map-isochrone,
 * map-corridors-N) as .svg/.png with those formats. An analysis this build cannot run is listed under
 * "skipped" in results.json and noted on stderr, never silently dropped.
 */
#include "cli-extra.h"
#include "transfers-output.h"
#include "commands.h"
#include "map-structures.h"
#include "route-transit.h"
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>


typedef struct {
  const TnetCliCommon *common;
  const TnetScenarioFile *sf;
  const TnetNetwork *net;
  const TnetScenario *scen;
  const char *out_dir;
  guint formats;
  JsonBuilder *json;    /* inside the top-level object */
  GString *text;        /* report.txt */
  GPtrArray *written;   /* file names written */
  GPtrArray *skipped;   /* "section: reason" */
} Run;

/* A map of the run's scenario, links opened after the folder's first year
 * highlighted. */
static TnetMap *
run_map_new (const Run *run)
{
  TnetMap *map = tnet_map_new (run->net, run->scen);
  const TnetDataset *ds = tnet_cli_dataset_for (run->net);
  tnet_map_set_base_year (map, ds ? tnet_dataset_get_baseline_year (ds) : 0);
  tnet_cli_map_add_dataset (map, ds);
  return map;
}

static gboolean
write_file (Run *run, const char *name, const char *contents, GError **error)
{
  g_autofree char *path = g_build_filename (run->out_dir, name, NULL);
  if (!g_file_set_contents (path, contents, -1, error))
    return FALSE;
  g_ptr_array_add (run->written, g_strdup (name));
  return TRUE;
}

/* Writes the map in every image format the file asks for. */
static gboolean
save_map (Run *run, TnetMap *map, const char *base, GError **error)
{
  static const struct { guint bit; const char *ext; } exts[] = {
    { TNET_OUTPUT_SVG, "svg" }, { TNET_OUTPUT_PNG, "png" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (exts); k++)
    if (run->formats & exts[k].bit)
      {
        g_autofree char *name = g_strdup_printf ("%s.%s", base, exts[k].ext);
        g_autofree char *path = g_build_filename (run->out_dir, name, NULL);
        if (!tnet_map_save (map, path, error))
          return FALSE;
        g_ptr_array_add (run->written, g_steal_pointer (&name));
      }
  return TRUE;
}

static gboolean
wants_maps (const Run *run)
{
  return (run->formats & (TNET_OUTPUT_SVG | TNET_OUTPUT_PNG)) != 0;
}

/* The maps titled "<kind> <subject>": what each is called and its files'
 * base name ("-N" appended for the Nth pair of a list). */
typedef enum { MAP_CORRIDORS, MAP_CRITICALITY, MAP_STRUCTURES } MapKind;
static const struct {
  const char *zh, *en, *base;
} map_kinds[] = {
  [MAP_CORRIDORS] = { "走廊", "Corridor", "map-corridors" },
  [MAP_CRITICALITY] = { "关键路段", "Critical links", "map-criticality" },
  [MAP_STRUCTURES] = { "网络结构", "Network structures", "map-structures" },
};

/* Titles @map "<kind> <subject>" over @sub ("Scenario NAME (YEAR): @detail"
 * when @year_in_sub, else "Scenario NAME: @detail") and saves it as the
 * kind's base name, "-@index" added when @index > 0. */
static gboolean
save_kind_map (Run *run, TnetMap *map, MapKind kind, guint index, const char *subject,
               gboolean year_in_sub, const char *detail, GError **error)
{
  g_autofree char *what = tnet_map_label (map, map_kinds[kind].zh, map_kinds[kind].en);
  g_autofree char *title = g_strdup_printf ("%s %s", what, subject);
  g_autofree char *year = year_in_sub
                          ? g_strdup_printf (" (%d)", tnet_scenario_get_year (run->scen))
                          : g_strdup ("");
  g_autofree char *sub = g_strdup_printf ("Scenario %s%s: %s",
                                          tnet_scenario_get_name (run->scen), year, detail);
  tnet_map_set_title (map, title, sub);
  g_autofree char *base = index > 0 ? g_strdup_printf ("%s-%u", map_kinds[kind].base, index)
                                    : g_strdup (map_kinds[kind].base);
  return save_map (run, map, base, error);
}

/* The map of the @index-th pair @a → @z of a [corridors] or [criticality]
 * list, as save_kind_map() titles and saves it (the year in its subtitle);
 * a NULL @map is no map to save. */
static gboolean
save_pair_map (Run *run, TnetMap *map, MapKind kind, guint index, const char *a,
               const char *z, const char *detail, GError **error)
{
  if (map == NULL)
    return TRUE;
  g_autofree char *pair = g_strdup_printf ("%s → %s", a, z);
  return save_kind_map (run, map, kind, index, pair, TRUE, detail, error);
}

static void
skip (Run *run, const char *section, const char *reason)
{
  g_ptr_array_add (run->skipped, g_strdup_printf ("%s\x1f%s", section, reason));
  if (!run->common->quiet)
    fprintf (stderr, "tnet run: [%s] skipped: %s\n", section, reason);
}

static void
json_strv (JsonBuilder *b, const char *name, const char *const *v)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; v && v[i]; i++)
    json_builder_add_string_value (b, v[i]);
  json_builder_end_array (b);
}

/* The member @name: the ids of the nodes @ids (GArray of TnetId) of @net. */
static void
json_node_ids (JsonBuilder *b, const char *name, const TnetNetwork *net, const GArray *ids)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_string_value (b, tnet_network_node (net, g_array_index (ids, TnetId,
                                                                             i))->id);
  json_builder_end_array (b);
}

/* Adds every member of the JSON object @json (a library writer's) to the
 * object @b is building, in order. */
static gboolean
add_members (JsonBuilder *b, const char *json, GError **error)
{
  g_autoptr (JsonNode) node = json_from_string (json, error);
  if (node == NULL)
    return FALSE;
  JsonObject *obj = json_node_get_object (node);
  g_autoptr (GList) names = json_object_get_members (obj);
  for (GList *l = names; l; l = l->next)
    {
      json_builder_set_member_name (b, l->data);
      json_builder_add_value (b, json_node_copy (json_object_get_member (obj, l->data)));
    }
  return TRUE;
}

/* "scenario" and "network" of results.json and the report's opening
 * lines: the library's summary of the scenario file. */
static gboolean
run_scenario_info (Run *run, GError **error)
{
  g_autofree char *json = tnet_scenario_file_summary_to_json (run->sf, run->scen, run->net,
                                                              FALSE);
  g_autofree char *text = tnet_scenario_file_summary_to_text (run->sf, run->scen, run->net);
  g_string_append (run->text, text);
  return add_members (run->json, json, error);
}

/* The plan-indicator report: the baseline (the first year the data
 * describe) beside the scenario. */
static gboolean
run_report (Run *run, GError **error)
{
  const TnetDataset *ds = tnet_cli_dataset_for (run->net);
  int baseline = ds ? tnet_dataset_get_baseline_year (ds) : 0;
  g_autoptr (TnetScenario) base = tnet_scenario_new (baseline ? baseline
                                                     : tnet_scenario_get_year (run->scen));
  g_autofree char *base_name = g_strdup_printf ("%d", tnet_scenario_get_year (base));
  tnet_scenario_set_name (base, base_name);
  const TnetScenario *cols[2] = { base, run->scen };
  gboolean same = (baseline == 0 || tnet_scenario_get_year (run->scen) == baseline)
                  && tnet_scenario_file_get_strv (run->sf, "closures", "lines") == NULL
                  && tnet_scenario_file_get_strv (run->sf, "closures", "links") == NULL
                  && !tnet_scenario_file_has_section (run->sf, "overrides");
  g_autoptr (GError) local = NULL;
  g_autoptr (TnetReport) rep = tnet_report_compute (tnet_cli_dataset_for (run->net),
                                                    same ? cols + 1 : cols,
                                                    same ? 1 : 2, &local);
  if (rep == NULL)
    {
      /* a user network without units.csv/targets.csv: say so, go on */
      skip (run, "report", local->message);
      return TRUE;
    }
  g_autofree char *text = tnet_report_to_text (rep);
  g_string_append (run->text, text);
  g_string_append (run->text, "\n");
  g_autofree char *js = tnet_report_to_json (rep, FALSE);
  g_autoptr (JsonParser) parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, js, -1, error))
    return FALSE;
  json_builder_set_member_name (run->json, "report");
  json_builder_add_value (run->json, json_node_copy (json_parser_get_root (parser)));
  return TRUE;
}

/* The defaults of the timetable options of [commute] and [isochrone]:
 * those of `tnet commute` (tnet_cli_plan_timing(): the plan's first
 * [commute] group's when it has depart, else the built-in ones). */
static void
run_plan_timing (const Run *run, TnetCommuteTiming *timing)
{
  tnet_cli_plan_timing (tnet_cli_dataset_for (run->net), timing);
}

/* Key @key of @section, whole minutes, into @ms when it is set. */
static void
section_minutes (const TnetScenarioFile *sf, const char *section, const char *key,
                 TnetWeight *ms)
{
  double minutes = tnet_scenario_file_get_double (sf, section, key, NAN);
  if (!isnan (minutes))
    *ms = tnet_weight_from_min ((guint) minutes);
}

/* The options of the timetable in @section of the scenario file:
 * depart, window, max_walk and (park_and_ride) drive_budget_min,
 * park_time_min, parking_radius_m replace those of @timing; the result,
 * without percentiles, into @topt (@timing keeps park-and-ride's). */
static void
timing_from_section (const TnetScenarioFile *sf, const char *section,
                     TnetCommuteTiming *timing, TnetCliTimeOptions *topt)
{
  TnetParkRideOptions *po = &timing->park_ride;
  timing->depart_s = (gint32) tnet_scenario_file_get_double (sf, section, "depart",
                                                             timing->depart_s);
  section_minutes (sf, section, "window", &timing->window_ms);
  section_minutes (sf, section, "max_walk", &timing->max_walk_ms);
  section_minutes (sf, section, "drive_budget_min", &po->drive_budget_ms);
  section_minutes (sf, section, "park_time_min", &po->park_ms);
  po->parking_radius_m = tnet_scenario_file_get_double (sf, section, "parking_radius_m",
                                                        po->parking_radius_m);
  topt->depart_s = timing->depart_s;
  topt->date = timing->date;
  topt->window_min = (timing->window_ms + 59999u) / 60000u;
  topt->max_walk_ms = timing->max_walk_ms;
}

/* The first key of @keys that @section sets, or NULL. */
static const char *
section_first_key (const TnetScenarioFile *sf, const char *section, const char *const *keys,
                   guint n_keys)
{
  for (guint k = 0; k < n_keys; k++)
    if (!isnan (tnet_scenario_file_get_double (sf, section, keys[k], NAN)))
      return keys[k];
  return NULL;
}

/* The isochrone by the timetable of the scenario year's feed, as
 * `tnet isochrone FROM --profile P --depart D --window W --percentile P
 * --max-walk M` (and for park_and_ride `--drive-budget --park-time
 * --parking-radius`) computes it, with that command's defaults
 * (run_plan_timing(); the median) overridden by the section's keys:
 * minutes per node (NAN beyond the budget) into *@mins_out, the same in ms
 * into *@ms_out. FALSE with no error when the folder has no feed (the
 * caller falls back to the frequency approximation). */
static gboolean
isochrone_timetable (Run *run, const char *from, TnetProfile profile, double minutes,
                     TnetCliIsochroneModel *model, char **feed_name, TnetId *origin,
                     double **mins_out, TnetWeight **ms_out, GError **error)
{
  const TnetScenarioFile *sf = run->sf;
  TnetCommuteTiming timing;
  run_plan_timing (run, &timing);
  TnetCliTimeOptions topt = { 0 };
  timing_from_section (sf, "isochrone", &timing, &topt);
  double pct = tnet_scenario_file_get_double (sf, "isochrone", "percentile", 50);
  g_autoptr (GArray) pcts = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (pcts, pct);
  topt.percentiles = pcts;
  g_autoptr (GArray) sources = g_array_new (FALSE, FALSE, sizeof (TnetId));
  if (!tnet_cli_isochrone_sources (run->net, from, sources, error))
    return FALSE;
  g_autoptr (GPtrArray) feeds = NULL;
  GError *tt_error = NULL;
  g_autoptr (TnetTimetable) tt = tnet_cli_load_timetable (run->net, run->scen, &topt, feed_name,
                                                          &feeds, &tt_error);
  if (tt == NULL)
    {
      if (g_error_matches (tt_error, TNET_ERROR, TNET_ERROR_NOT_FOUND))
        g_clear_error (&tt_error);
      else
        g_propagate_error (error, tt_error);
      return FALSE;
    }
  /* a headway factor acts on the approximation only: never ignored */
  if (!tnet_scenario_file_check_timetable (sf, "isochrone", error))
    return FALSE;
  *model = (TnetCliIsochroneModel) { profile, tnet_cli_timetable_timing (tt, *feed_name,
                                                                       &topt) };
  guint n = tnet_network_n_nodes (run->net);
  g_autofree TnetWeight *ms = g_new (TnetWeight, MAX (n, 1u));
  TnetWeight budget = (TnetWeight) llround (minutes * 60000.0);
  if (profile == TNET_PROFILE_PARK_AND_RIDE)
    {
      if (!tnet_cli_isochrone_park_ride_times (tt, run->net, run->scen, &timing.park_ride,
                                               sources, &topt, budget, ms, NULL, error))
        return FALSE;
    }
  else
    (void) tnet_cli_isochrone_timetable_times (tt, run->net, sources, &topt, budget, ms, NULL,
                                               NULL);
  double *mins = g_new (double, MAX (n, 1u));
  for (guint i = 0; i < n; i++)
    mins[i] = ms[i] == TNET_WEIGHT_INF ? NAN : ms[i] / 60000.0;
  *origin = g_array_index (sources, TnetId, 0);
  *mins_out = mins;
  *ms_out = g_steal_pointer (&ms);
  return TRUE;
}

/* The isochrone's member "isochrone" of results.json (the library's) and
 * its lines of the text: the place, the profile, what it reaches within
 * @minutes (@ms per node, in ms) and, by the timetable (@tt_ms set), the
 * timetable's options of @m. */
static gboolean
isochrone_results (Run *run, const char *from, const char *profile, double minutes,
                   const TnetWeight *ms, const TnetWeight *tt_ms,
                   const TnetCliIsochroneModel *m, GError **error)
{
  TnetWeight budget_ms = tnet_weight_from_min (minutes);
  TnetIsochroneLabels labels = { .from = from, .profile = profile, .budget_ms = budget_ms,
                                 .by_timetable = tt_ms != NULL,
                                 .timetable_feed = m->timing.feed,
                                 .timetable_date = m->timing.date,
                                 .depart_s = m->timing.depart_s,
                                 .window_ms = tnet_weight_from_min (m->timing.window_min),
                                 .max_walk_ms = m->timing.max_walk_ms,
                                 .percentile = m->timing.percentile };
  g_autofree char *json = tnet_isochrone_zones_to_json (run->net, ms, &labels);
  JsonNode *node = json_from_string (json, error);
  if (node == NULL)
    return FALSE;
  json_builder_set_member_name (run->json, "isochrone");
  json_builder_add_value (run->json, node);
  guint reached;
  double pop;
  tnet_isochrone_reach (run->net, ms, budget_ms, &reached, &pop);
  g_string_append_printf (run->text,
                          "Isochrone from %s by %s within %.0f min: %u nodes, zone "
                          "population %.0f\n", from, profile ? profile : "car", minutes,
                          reached, pop);
  if (tt_ms)
    tnet_cli_timetable_timing_append (run->text, "  ", m->profile, &m->timing);
  else if (profile && strcmp (profile, "car") != 0)
    g_string_append_printf (run->text, "  %s by the frequency approximation (waits of half "
                            "the headway)\n", profile);
  return TRUE;
}

/* The keys of [isochrone] that time transit and park_and_ride by the
 * timetable. */
static const char *const isochrone_timetable_keys[] = {
  "depart", "window", "percentile", "max_walk", "drive_budget_min", "park_time_min",
  "parking_radius_m"
};

/* Whether [isochrone] follows the timetable (*@by_timetable): transit and
 * park_and_ride do unless `model = frequency`, as `tnet isochrone` does
 * unless --frequency-model. A key of the timetable beside `model =
 * frequency`, or with another profile, is an error naming its line. */
static gboolean
isochrone_model (Run *run, const char *profile, gboolean *by_timetable, GError **error)
{
  const TnetScenarioFile *sf = run->sf;
  const char *model = tnet_scenario_file_get_string (sf, "isochrone", "model");
  gboolean frequency = model != NULL && strcmp (model, "frequency") == 0;
  const char *key = section_first_key (sf, "isochrone", isochrone_timetable_keys,
                                       G_N_ELEMENTS (isochrone_timetable_keys));
  gboolean timed = profile && (strcmp (profile, "transit") == 0
                               || strcmp (profile, "park_and_ride") == 0);
  if (key && frequency)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s:%u: [isochrone] %s times transit and park_and_ride by the timetable, "
                   "but model = frequency (line %u) asks for the frequency approximation: "
                   "remove one of them", tnet_scenario_file_get_path (sf),
                   tnet_scenario_file_get_line (sf, "isochrone", key), key,
                   tnet_scenario_file_get_line (sf, "isochrone", "model"));
      return FALSE;
    }
  if (key && !timed)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s:%u: [isochrone] %s times transit and park_and_ride by the timetable: "
                   "it needs profile = transit or park_and_ride",
                   tnet_scenario_file_get_path (sf),
                   tnet_scenario_file_get_line (sf, "isochrone", key), key);
      return FALSE;
    }
  *by_timetable = timed && !frequency;
  return TRUE;
}

static gboolean
run_isochrone (Run *run, GError **error)
{
  const char *from = tnet_scenario_file_get_string (run->sf, "isochrone", "from");
  const char *profile = tnet_scenario_file_get_string (run->sf, "isochrone", "profile");
  double minutes = tnet_scenario_file_get_double (run->sf, "isochrone", "minutes", 60);
  TnetId origin = TNET_ID_NONE;
  g_autoptr (GError) local = NULL;
  g_autofree double *mins = NULL;
  g_autofree TnetWeight *tt_ms = NULL;   /* by the timetable: the times in ms */
  g_autofree char *feed_name = NULL;
  TnetCliIsochroneModel model = { 0 };
  /* without a feed, the profile names the model of the GeoJSON */
  if (profile && !tnet_profile_from_string (profile, &model.profile))
    model.profile = TNET_PROFILE_CAR;
  gboolean by_timetable = FALSE;
  if (!isochrone_model (run, profile, &by_timetable, error))
    return FALSE;
  if (by_timetable
      && !isochrone_timetable (run, from, model.profile, minutes, &model, &feed_name, &origin,
                               &mins, &tt_ms, &local))
    {
      if (local)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (!run->common->quiet)
        fprintf (stderr, "tnet: note: no GTFS feed in the data folder: [isochrone] transit "
                 "by the frequency approximation\n");
    }
  if (mins == NULL)
    mins = tnet_cli_isochrone (run->net, run->scen, from, profile, minutes, &origin, &local);
  if (mins == NULL)
    {
      if (g_error_matches (local, TNET_ERROR, TNET_ERROR_UNSUPPORTED))
        {
          skip (run, "isochrone", local->message);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  guint n = tnet_network_n_nodes (run->net);
  g_autofree TnetWeight *ms = g_new (TnetWeight, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    ms[i] = tt_ms ? tt_ms[i]
            : mins[i] >= 0 ? (TnetWeight) llround (mins[i] * 60000.0) : TNET_WEIGHT_INF;
  if (!isochrone_results (run, from, profile, minutes, ms, tt_ms, &model, error))
    return FALSE;
  const TnetNode *o = tnet_network_node (run->net, origin);
  if (run->formats & TNET_OUTPUT_GEOJSON)
    {
      /* by the timetable, the document of `tnet isochrone --depart` */
      g_autofree char *gj = tnet_cli_isochrone_geojson_with_model (
          tnet_geojson_isochrone (run->net, run->scen, ms,
                                  (TnetWeight) llround (minutes * 60000.0), from,
                                  profile ? profile : "car", TNET_GEOJSON_ALL), &model);
      if (!write_file (run, "isochrone.geojson", gj, error))
        return FALSE;
    }
  if (wants_maps (run))
    {
      g_autoptr (TnetMap) map = run_map_new (run);
      tnet_map_set_isochrone (map, ms, n, tnet_weight_from_min (minutes), origin);
      g_autofree char *zh = g_strdup_printf ("%.0f 分钟等时圈", minutes);
      g_autofree char *en = g_strdup_printf ("%.0f-min isochrone", minutes);
      g_autofree char *what = tnet_map_label (map, zh, en);
      g_autofree char *title = g_strdup_printf ("%s %s", o->name ? o->name : o->id, what);
      g_autofree char *sub = g_strdup_printf ("Scenario %s (%d), by %s",
                                              tnet_scenario_get_name (run->scen),
                                              tnet_scenario_get_year (run->scen),
                                              profile ? profile : "car");
      tnet_map_set_title (map, title, sub);
      if (!save_map (run, map, "map-isochrone", error))
        return FALSE;
    }
  return TRUE;
}

/* One direction of [commute]: the matrix, its parts, the population
 * shares (the library's JSON and CSV of the direction; the text here). */
static gboolean
run_commute_direction (Run *run, TnetMultimodal *const *graphs, guint n_profiles,
                       GArray *origins, GArray *dests, TnetCommuteDirection dir,
                       double budget, const TnetCommuteOptions *copts, TnetCsvWriter *csv,
                       GError **error)
{
  g_autoptr (TnetCommute) c
    = tnet_commute_compute_within (run->net, graphs, n_profiles,
                                   (const TnetId *) origins->data, origins->len,
                                   (const TnetId *) dests->data, dests->len, dir,
                                   tnet_weight_from_min (budget), copts, error);
  if (c == NULL)
    return FALSE;
  g_autofree char *json = tnet_commute_direction_to_json (c, run->net, dir);
  JsonNode *node = json_from_string (json, error);
  if (node == NULL)
    return FALSE;
  json_builder_add_value (run->json, node);
  if (csv)
    tnet_commute_direction_add_csv_rows (c, run->net, dir, csv);
  g_string_append_printf (run->text, "  direction %s (minutes; budget %.0f)\n",
                          dir == TNET_COMMUTE_TO ? "to" : "from", budget);
  for (guint p = 0; p < n_profiles; p++)
    {
      const char *pname = tnet_profile_to_string (tnet_commute_profile (c, p));
      g_string_append_printf (run->text, "  [%s]\n  %-16s", pname, "origin");
      for (guint d = 0; d < dests->len; d++)
        g_string_append_printf (run->text, " %15s",
                                tnet_network_node (run->net, tnet_commute_destination (c, d))->id);
      g_string_append (run->text, "\n");
      for (guint o = 0; o < origins->len; o++)
        {
          g_string_append_printf (run->text, "  %-16s",
                                  tnet_network_node (run->net, tnet_commute_origin (c, o))->id);
          for (guint d = 0; d < dests->len; d++)
            {
              const TnetCommuteCell *cell = tnet_commute_cell (c, p, o, d);
              if (cell->total_ms != TNET_WEIGHT_INF)
                g_string_append_printf (run->text, " %15.1f", cell->total_ms / 60000.0);
              else
                g_string_append_printf (run->text, " %15s", "-");
            }
          g_string_append (run->text, "\n");
        }
    }
  for (guint p = 0; p < n_profiles; p++)
    {
      g_string_append_printf (run->text, "  %s: population within %.0f min:",
                              tnet_profile_to_string (tnet_commute_profile (c, p)), budget);
      for (guint d = 0; d <= dests->len; d++)
        {
          guint dd = d == dests->len ? TNET_COMMUTE_ANY : d;
          double pct = tnet_commute_share_pct (c, p, dd);
          if (!isnan (pct))
            g_string_append_printf (run->text, " %s %.1f%%", dd == TNET_COMMUTE_ANY ? "any"
                                    : tnet_network_node (run->net,
                                                         tnet_commute_destination (c, d))->id,
                                    pct);
        }
      g_string_append (run->text, "\n");
    }
  return TRUE;
}

/* The keys of [commute] (and [criticality]) that time transit and
 * park_and_ride by the timetable, and those of park-and-ride alone. */
static const char *const commute_timetable_keys[] = { "depart", "window", "percentile",
                                                      "max_walk" };
static const char *const commute_park_keys[] = { "drive_budget_min", "park_time_min",
                                                 "parking_radius_m" };

/* The timetable a section times transit and park_and_ride by (@timed all
 * NULL, and @percentile 50, by the frequency approximation): its options
 * (@topt, whose percentiles are @timed.pcts), the percentile counted, and
 * what it keeps alive (@timed: the feeds hold the timetable's trip ids and
 * names). */
typedef struct {
  TnetCliTimeOptions topt;
  double percentile;
  TnetCliTimed timed;
} SectionTimetable;

static void
section_timetable_clear (SectionTimetable *st)
{
  tnet_cli_timed_clear (&st->timed);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SectionTimetable, section_timetable_clear)

/* The timetable @st of @section ([commute] or [criticality]), as `tnet commute
 * (or criticality) --depart D --window W --percentile(s) P --max-walk M`
 * loads it (the defaults are those commands', run_plan_timing(); the
 * median), and with park_and_ride among @profiles its park-and-ride
 * (`--drive-budget --park-time --parking-radius`, the same defaults).
 * @st->timed.tt stays NULL with `model = frequency`, without transit or
 * park_and_ride among @profiles, or when the folder has no feed (the frequency
 * approximation, with a note). A key of the timetable beside `model =
 * frequency`, or without either profile, is an error naming its line. */
static gboolean
section_timetable (Run *run, const char *section, const TnetProfile *profiles,
                   guint n_profiles, SectionTimetable *st, GError **error)
{
  const TnetScenarioFile *sf = run->sf;
  TnetCliTimeOptions *topt = &st->topt;
  st->timed.pcts = g_array_new (FALSE, FALSE, sizeof (double));
  st->percentile = 50;
  const char *model = tnet_scenario_file_get_string (sf, section, "model");
  gboolean frequency = model != NULL && strcmp (model, "frequency") == 0;
  const char *tt_key = section_first_key (sf, section, commute_timetable_keys,
                                          G_N_ELEMENTS (commute_timetable_keys));
  const char *park_key = section_first_key (sf, section, commute_park_keys,
                                            G_N_ELEMENTS (commute_park_keys));
  gboolean has_transit = FALSE, has_park_ride = FALSE;
  for (guint p = 0; p < n_profiles; p++)
    {
      has_transit |= profiles[p] == TNET_PROFILE_TRANSIT;
      has_park_ride |= profiles[p] == TNET_PROFILE_PARK_AND_RIDE;
    }
  if (frequency && (tt_key || park_key))
    {
      const char *key = tt_key ? tt_key : park_key;
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s:%u: [%s] %s times transit and park_and_ride by the timetable, "
                   "but model = frequency (line %u) asks for the frequency approximation: "
                   "remove one of them", tnet_scenario_file_get_path (sf),
                   tnet_scenario_file_get_line (sf, section, key), section, key,
                   tnet_scenario_file_get_line (sf, section, "model"));
      return FALSE;
    }
  if (tt_key && !has_transit && !has_park_ride)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s:%u: [%s] depart, window, percentile and max_walk time transit and "
                   "park_and_ride by the timetable: they need one of those profiles",
                   tnet_scenario_file_get_path (sf),
                   tnet_scenario_file_get_line (sf, section, tt_key), section);
      return FALSE;
    }
  if (frequency || (!has_transit && !has_park_ride))
    return TRUE;
  /* the defaults of the command, which the section's keys override */
  TnetCommuteTiming timing;
  run_plan_timing (run, &timing);
  timing_from_section (sf, section, &timing, topt);
  double pct = tnet_scenario_file_get_double (sf, section, "percentile", 50);
  g_array_append_val (st->timed.pcts, pct);
  topt->percentiles = st->timed.pcts;
  GError *tt_error = NULL;
  TnetTimetable *tt = tnet_cli_load_timetable (run->net, run->scen, topt,
                                               &st->timed.feed_name, &st->timed.feeds,
                                               &tt_error);
  topt->percentiles = NULL;   /* @st->timed.pcts holds them */
  if (tt == NULL)
    {
      if (!g_error_matches (tt_error, TNET_ERROR, TNET_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, tt_error);
          return FALSE;
        }
      g_clear_error (&tt_error);
      if (!run->common->quiet)
        fprintf (stderr, "tnet: note: no GTFS feed in the data folder: [%s] transit by "
                 "the frequency approximation\n", section);
      return TRUE;
    }
  /* a headway factor acts on the approximation only: never ignored */
  if (!tnet_scenario_file_check_timetable (sf, section, error))
    {
      tnet_timetable_unref (tt);
      return FALSE;
    }
  if (has_park_ride)
    {
      if ((st->timed.pr = tnet_park_ride_new (tt, run->net, run->scen, &timing.park_ride,
                                        error)) == NULL)
        {
          tnet_timetable_unref (tt);
          return FALSE;
        }
    }
  st->timed.tt = tt;
  st->percentile = pct;
  return TRUE;
}

/* How each profile of [commute] was computed: the library's "models",
 * "timetable" and "park_and_ride" members (tnet_commute_models_to_json())
 * into the JSON, and their lines of the text. */
static gboolean
commute_models (Run *run, const TnetProfile *profiles, guint n_profiles, const char *feed,
                const TnetCommuteOptions *copts, GError **error)
{
  g_autofree char *json = tnet_commute_models_to_json (profiles, n_profiles, copts, feed, FALSE);
  if (!add_members (run->json, json, error))
    return FALSE;
  g_string_append (run->text, "Commute\n");
  const TnetTimetable *tt = copts->timetable;
  const TnetParkRide *pr = copts->park_ride;
  if (!tt)
    return TRUE;
  guint date = tnet_timetable_get_service_date (tt);
  guint window_min = copts->window_ms / 60000;
  g_string_append_printf (run->text, "  transit%s by the timetable %s of %04u-%02u-%02u, "
                          "departing %02d:%02d, a departure every minute over %u min, p%g of "
                          "the window, walks of up to %u min\n", pr ? " and park_and_ride" : "",
                          feed ? feed : "", date / 10000, date / 100 % 100, date % 100,
                          copts->depart_s / 3600, copts->depart_s / 60 % 60,
                          MAX (window_min, 1u), copts->timetable_percentile,
                          copts->max_walk_ms / 60000);
  if (!pr)
    return TRUE;
  const TnetParkRideOptions *po = tnet_park_ride_get_options (pr);
  g_string_append_printf (run->text, "  park_and_ride: a drive of up to %u min to a parking "
                          "place (%u serve %u stops), %u min to park, stops within %.0f m\n",
                          po->drive_budget_ms / 60000, tnet_park_ride_n_parking (pr),
                          tnet_park_ride_n_stops (pr), po->park_ms / 60000, po->parking_radius_m);
  return TRUE;
}

static gboolean
run_commute (Run *run, GError **error)
{
  const TnetScenarioFile *sf = run->sf;
  g_autofree char *ospec = g_strjoinv (";", (char **) tnet_scenario_file_get_strv (sf, "commute",
                                                                                   "origins"));
  g_autofree char *dspec = g_strjoinv (";", (char **) tnet_scenario_file_get_strv (sf, "commute",
                                                                                   "destinations"));
  g_autoptr (GArray) origins = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) dests = g_array_new (FALSE, FALSE, sizeof (TnetId));
  if (!tnet_commute_select (run->net, ospec, origins, error)
      || !tnet_commute_select (run->net, dspec, dests, error))
    return FALSE;
  const char *const *pnames = tnet_scenario_file_get_strv (sf, "commute", "profiles");
  static const char *const default_profiles[] = { "car", "transit", "park_and_ride", NULL };
  if (pnames == NULL)
    pnames = default_profiles;
  TnetProfile profiles[TNET_N_PROFILES];
  guint n_profiles = 0;
  for (guint i = 0; pnames[i] && n_profiles < TNET_N_PROFILES; i++)
    if (tnet_profile_from_string (pnames[i], &profiles[n_profiles]))
      n_profiles++;
  double budget = tnet_scenario_file_get_double (sf, "commute", "budget_min", 60);
  const char *direction = tnet_scenario_file_get_string (sf, "commute", "direction");
  /* transit, and park_and_ride with it, by the timetable unless model =
   * frequency or the folder has no feed: the defaults of `tnet commute` */
  g_auto (SectionTimetable) st = { 0 };
  TnetCommuteOptions copts;
  tnet_commute_options_init (&copts);
  copts.method = TNET_COMMUTE_METHOD_SEARCH;
  if (!section_timetable (run, "commute", profiles, n_profiles, &st, error))
    return FALSE;
  const TnetTimetable *tt = st.timed.tt;
  if (tt)
    {
      copts.timetable = st.timed.tt;
      copts.depart_s = st.topt.depart_s;
      copts.window_ms = tnet_weight_from_min (st.topt.window_min);
      copts.percentiles = (const double *) (void *) st.timed.pcts->data;
      copts.n_percentiles = st.timed.pcts->len;
      copts.timetable_percentile = st.percentile;
      copts.max_walk_ms = st.topt.max_walk_ms;
      copts.park_ride = st.timed.pr;
    }
  TnetMultimodal *graphs[TNET_N_PROFILES] = { NULL };
  if (!tnet_cli_build_graphs (run->net, run->scen, profiles, n_profiles, graphs, error))
    return FALSE;
  g_autoptr (TnetCsvWriter) csv = (run->formats & TNET_OUTPUT_CSV)
    ? tnet_csv_writer_new (tnet_commute_direction_csv_header ()) : NULL;
  JsonBuilder *b = run->json;
  json_builder_set_member_name (b, "commute");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "budget_min");
  json_builder_add_double_value (b, budget);
  json_strv (b, "profiles", pnames);
  json_node_ids (b, "origins", run->net, origins);
  json_node_ids (b, "destinations", run->net, dests);
  gboolean ok = commute_models (run, profiles, n_profiles, tt ? st.timed.feed_name : NULL,
                                &copts, error);
  json_builder_set_member_name (b, "results");
  json_builder_begin_array (b);
  gboolean both = direction && strcmp (direction, "both") == 0;
  if (ok && (both || direction == NULL || strcmp (direction, "to") == 0))
    ok = run_commute_direction (run, graphs, n_profiles, origins, dests, TNET_COMMUTE_TO,
                                budget, &copts, csv, error);
  if (ok && (both || (direction && strcmp (direction, "from") == 0)))
    ok = run_commute_direction (run, graphs, n_profiles, origins, dests, TNET_COMMUTE_FROM,
                                budget, &copts, csv, error);
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_string_append (run->text, "\n");
  for (guint p = 0; p < n_profiles; p++)
    tnet_multimodal_unref (graphs[p]);
  if (ok && csv)
    ok = write_file (run, "commute.csv", tnet_csv_writer_peek (csv), error);
  return ok;
}

/* The links (network indices) of a path of @graph. */
static GArray *
path_links (const TnetGraph *graph, const TnetPath *path)
{
  GArray *links = g_array_sized_new (FALSE, FALSE, sizeof (TnetId), path->n_arcs);
  for (guint k = 0; k < path->n_arcs; k++)
    {
      TnetId l = tnet_graph_arc_link (graph, path->arcs[k]);
      if (l != TNET_ID_NONE)
        g_array_append_val (links, l);
    }
  return links;
}

/* [transfers]: the hub transfer tables of the scenario year (transfers.csv
 * and the "transfers" member of results.json). */
static gboolean
run_transfers (Run *run, GError **error)
{
  g_autoptr (TnetHubTransfers) t = tnet_cli_transfers_compute (tnet_cli_dataset_for (run->net),
                                                               run->scen, error);
  if (t == NULL)
    return FALSE;
  /* the library's one JSON form of the tables */
  g_autofree char *js = tnet_hub_transfers_to_json (t, -1);
  JsonNode *node = json_from_string (js, error);
  if (node == NULL)
    return FALSE;
  json_builder_set_member_name (run->json, "transfers");
  json_builder_add_value (run->json, node);
  g_autofree char *text = tnet_hub_transfers_to_text (t, -1);
  g_string_append_printf (run->text, "Hub transfers\n%s", text);
  g_autofree char *csv = tnet_hub_transfers_to_csv (t, -1);
  return write_file (run, "transfers.csv", csv, error);
}

/* Resolves the @p-th pair of a [corridors] or [criticality] list. */
static gboolean
resolve_pair (const Run *run, const char *const *pairs, guint p, TnetNodeSet **na,
              TnetNodeSet **nz, GError **error)
{
  *na = tnet_node_set_resolve (run->net, pairs[2 * p], error);
  if (*na == NULL)
    return FALSE;
  *nz = tnet_node_set_resolve (run->net, pairs[2 * p + 1], error);
  return *nz != NULL;
}

/* What [corridors] computes, the same for every pair: the mode groups,
 * k, budget, factor, and the alternatives' model (the timetable @tt, with
 * @pr by park-and-ride; else the profile's graph @mm; else the network). */
typedef struct {
  const char *const *modes;
  guint k;
  double budget, factor;
  TnetRaptorDisjoint disjoint;
  const char *prof_name;
  TnetMultimodal *mm;
  TnetTimetable *tt;
  TnetParkRide *pr;
  const char *feed_name;
  const TnetCliTimeOptions *topt;
  double percentile;
} CorridorSetup;

/* The alternatives of @corr: how many, and the time of the @i-th. */
static guint
corridor_n_alternatives (const TnetCorridor *corr)
{
  return corr->journeys ? corr->journeys->len : corr->fastest ? corr->fastest->n_paths : 0;
}

static guint64
corridor_alternative_ms (const TnetCorridor *corr, guint i)
{
  return corr->journeys
         ? (guint64) g_array_index (corr->journeys, TnetRaptorAlternative, i).time_s * 1000
         : corr->fastest->paths[i].time_ms;
}

/* The text of a [corridors] pair: its line (the profile and its model
 * named), then per mode group its figures and alternatives. */
static void
corridor_pair_text (Run *run, const char *a, const char *z, const CorridorSetup *cs,
                    TnetCorridor *const *corrs)
{
  gboolean approx = cs->mm && tnet_multimodal_get_profile (cs->mm) != TNET_PROFILE_CAR;
  g_autofree char *model = cs->tt ? tnet_corridor_model (corrs[0]) : NULL;
  g_autofree char *note = model ? g_strdup_printf (" (%s)", model)
                          : approx ? g_strdup (" (frequency approximation: waits of half "
                                               "the headway, not the timetable)")
                          : g_strdup ("");
  g_string_append_printf (run->text, "  %s > %s%s%s%s\n", a, z,
                          cs->prof_name ? ", alternatives by " : "",
                          cs->prof_name ? cs->prof_name : "", note);
  for (guint mi = 0; cs->modes[mi]; mi++)
    {
      const TnetCorridor *corr = corrs[mi];
      guint nf = corridor_n_alternatives (corr);
      g_string_append_printf (run->text,
                              "    %-4s lines %u, link-disjoint paths %u, node-disjoint "
                              "%u, %u fastest paths within %.0f min%s\n", cs->modes[mi],
                              corr->n_lines,
                              corr->link_disjoint ? corr->link_disjoint->n_paths : 0,
                              corr->node_disjoint ? corr->node_disjoint->n_paths : 0,
                              corr->n_within_budget, cs->budget, nf ? "" : " (no path)");
      for (guint i = 0; i < nf; i++)
        {
          g_string_append_printf (run->text, "      path %u: %.1f min", i + 1,
                                  corridor_alternative_ms (corr, i) / 60000.0);
          if (corr->journeys)
            {
              g_auto (GStrv) places = tnet_corridor_journey_places (corr, run->net, i);
              g_autofree char *nodes = g_strjoinv (" > ", places);
              gint32 dep = g_array_index (corr->journeys, TnetRaptorAlternative, i).depart_s;
              g_string_append_printf (run->text, ", departing %02d:%02d, %s", dep / 3600,
                                      dep / 60 % 60, nodes);
            }
          g_string_append (run->text, "\n");
        }
    }
}

/* The @p-th pair's corridors-N.geojson and map: the links of each
 * alternative on a graph (a journey by the timetable runs over none). */
static gboolean
corridor_pair_files (Run *run, guint p, const char *a, const char *z, const CorridorSetup *cs,
                     TnetCorridor *const *corrs, GError **error)
{
  g_autoptr (TnetMap) map = wants_maps (run) ? run_map_new (run) : NULL;
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  for (guint mi = 0; cs->modes[mi]; mi++)
    for (guint i = 0; corrs[mi]->journeys == NULL && i < corridor_n_alternatives (corrs[mi]);
         i++)
      {
        const TnetPath *path = &corrs[mi]->fastest->paths[i];
        GArray *links = path_links (corrs[mi]->graph, path);
        char *label = g_strdup_printf ("%s %u: %.1f min", cs->modes[mi], i + 1,
                                       path->time_ms / 60000.0);
        if (map)
          tnet_map_add_path (map, (const TnetId *) links->data, links->len, label);
        g_ptr_array_add (paths, links);
        g_ptr_array_add (labels, label);
      }
  if (run->formats & TNET_OUTPUT_GEOJSON)
    {
      g_autofree const TnetId **pp = g_new0 (const TnetId *, paths->len + 1);
      g_autofree guint *pl = g_new0 (guint, paths->len + 1);
      for (guint i = 0; i < paths->len; i++)
        {
          GArray *arr = paths->pdata[i];
          pp[i] = (const TnetId *) arr->data;
          pl[i] = arr->len;
        }
      g_autofree char *gj = tnet_geojson_paths (run->net, (const TnetId *const *) pp, pl,
                                                paths->len,
                                                (const char *const *) labels->pdata);
      g_autofree char *name = g_strdup_printf ("corridors-%u.geojson", p + 1);
      if (!write_file (run, name, gj, error))
        return FALSE;
    }
  g_autofree char *detail = g_strdup_printf ("up to %u link-disjoint fastest paths per "
                                             "mode group", cs->k);
  return save_pair_map (run, map, MAP_CORRIDORS, p + 1, a, z, detail, error);
}

/* One pair of [corridors]: its analysis per mode group, written by the
 * library's writer of a corridor pair, its text and files. */
static gboolean
run_corridor_pair (Run *run, const char *const *pairs, guint p, const CorridorSetup *cs,
                   GError **error)
{
  g_autoptr (TnetNodeSet) na = NULL;
  g_autoptr (TnetNodeSet) nz = NULL;
  if (!resolve_pair (run, pairs, p, &na, &nz, error))
    return FALSE;
  g_autoptr (GPtrArray) corrs = g_ptr_array_new_with_free_func ((GDestroyNotify)
                                                                tnet_corridor_free);
  TnetWeight budget_ms = (TnetWeight) llround (cs->budget * 60000);
  for (guint mi = 0; cs->modes[mi]; mi++)
    {
      guint mask = 0;
      tnet_corridor_modes_from_string (cs->modes[mi], &mask);
      TnetCorridor *corr = tnet_cli_corridor_analyse (run->net, run->scen, cs->mm, cs->tt,
                                                      cs->pr, cs->feed_name, mask, na, nz,
                                                      cs->k, budget_ms, cs->factor,
                                                      cs->disjoint, cs->topt, cs->percentile,
                                                      error);
      if (corr == NULL)
        return FALSE;
      g_ptr_array_add (corrs, corr);
    }
  TnetCorridor *const *cv = (TnetCorridor *const *) corrs->pdata;
  g_autofree char *json = tnet_corridor_pair_to_json ((const TnetCorridor *const *) cv,
                                                      cs->modes, corrs->len, run->net, na, nz,
                                                      FALSE);
  JsonNode *node = json_from_string (json, error);
  if (node == NULL)
    return FALSE;
  json_builder_add_value (run->json, node);
  corridor_pair_text (run, pairs[2 * p], pairs[2 * p + 1], cs, cv);
  return corridor_pair_files (run, p, pairs[2 * p], pairs[2 * p + 1], cs, cv, error);
}

/* [corridors]: with profile = transit or park_and_ride the alternatives
 * follow the timetable as `tnet corridors --profile P` does (the section's
 * keys of the timetable over the plan's defaults, section_timetable());
 * model = frequency (or a folder without a feed) takes the frequency
 * approximation's graph, car the road network's. */
/* The plan of the run's data set (NULL: the documented defaults). */
static const TnetPlan *
run_plan (const Run *run)
{
  const TnetDataset *ds = tnet_cli_dataset_for (run->net);
  return ds ? tnet_dataset_get_plan (ds) : NULL;
}

static gboolean
run_corridors (Run *run, GError **error)
{
  const TnetScenarioFile *sf = run->sf;
  guint n_pairs = 0;
  const char *const *pairs = tnet_scenario_file_get_pairs (sf, "corridors", &n_pairs);
  static const char *const default_modes[] = { "rail", "road", NULL };
  const char *const *modes = tnet_scenario_file_get_strv (sf, "corridors", "modes");
  const char *disjoint = tnet_scenario_file_get_string (sf, "corridors", "disjoint");
  /* the defaults of tnet corridors: the plan's k, budget_min and detour */
  const TnetPlan *plan = run_plan (run);
  CorridorSetup cs = {
    .modes = modes ? modes : default_modes,
    .k = (guint) tnet_scenario_file_get_double (sf, "corridors", "k",
                                                tnet_plan_get_int (plan, "k")),
    .budget = tnet_scenario_file_get_double (sf, "corridors", "budget_min",
                                             tnet_plan_get_double (plan, "budget_min")),
    .factor = tnet_scenario_file_get_double (sf, "corridors", "factor",
                                             tnet_plan_get_double (plan, "detour")),
    .disjoint = disjoint && strcmp (disjoint, "lines") == 0 ? TNET_RAPTOR_DISJOINT_LINES
                                                            : TNET_RAPTOR_DISJOINT_HOPS,
    .prof_name = tnet_scenario_file_get_string (sf, "corridors", "profile"),
  };
  TnetProfile profile = TNET_PROFILE_CAR;
  if (cs.prof_name)
    tnet_profile_from_string (cs.prof_name, &profile);   /* checked with the file */
  g_auto (SectionTimetable) st = { 0 };
  g_autoptr (TnetMultimodal) mm = NULL;
  if (!section_timetable (run, "corridors", &profile, cs.prof_name ? 1 : 0, &st, error))
    return FALSE;
  if (cs.prof_name && st.timed.tt == NULL && n_pairs > 0
      && !tnet_cli_build_graphs (run->net, run->scen, &profile, 1, &mm, error))
    return FALSE;
  cs.mm = mm;
  cs.tt = st.timed.tt;
  cs.pr = st.timed.pr;
  cs.feed_name = st.timed.feed_name;
  cs.topt = &st.topt;
  cs.percentile = st.percentile;
  json_builder_set_member_name (run->json, "corridors");
  json_builder_begin_array (run->json);
  g_string_append (run->text, "Corridors\n");
  for (guint p = 0; p < n_pairs; p++)
    if (!run_corridor_pair (run, pairs, p, &cs, error))
      return FALSE;
  json_builder_end_array (run->json);
  g_string_append (run->text, "\n");
  return TRUE;
}

static gboolean
run_criticality (Run *run, GError **error)
{
  guint n_pairs = 0;
  const char *const *pairs = tnet_scenario_file_get_pairs (run->sf, "criticality", &n_pairs);
  const char *by = tnet_scenario_file_get_string (run->sf, "criticality", "by");
  gboolean by_line = by && strcmp (by, "line") == 0;
  /* the defaults of tnet criticality: the plan's top and budget_min */
  const TnetPlan *plan = run_plan (run);
  guint top = (guint) tnet_scenario_file_get_double (run->sf, "criticality", "top",
                                                     tnet_plan_get_int (plan, "top"));
  const char *prof_name = tnet_scenario_file_get_string (run->sf, "criticality", "profile");
  double budget = tnet_scenario_file_get_double (run->sf, "criticality", "budget_min",
                                                 tnet_plan_get_double (plan, "budget_min"));
  TnetProfile profile = TNET_PROFILE_CAR;
  if (prof_name)
    tnet_profile_from_string (prof_name, &profile);   /* checked with the file */
  /* transit and park_and_ride by the timetable, as `tnet criticality`
   * (its defaults; model = frequency, or no feed, for the approximation),
   * else the profile's own graph, as route and commute use it */
  g_auto (SectionTimetable) st = { 0 };
  if (!section_timetable (run, "criticality", &profile, 1, &st, error))
    return FALSE;
  g_autoptr (TnetMultimodal) mm = NULL;
  if (n_pairs > 0 && st.timed.tt == NULL
      && !tnet_cli_build_graphs (run->net, run->scen, &profile, 1, &mm, error))
    return FALSE;
  const char *pname = tnet_profile_to_string (profile);
  JsonBuilder *b = run->json;
  json_builder_set_member_name (b, "criticality");
  json_builder_begin_array (b);
  g_string_append (run->text, "Criticality\n");
  for (guint p = 0; p < n_pairs; p++)
    {
      const char *a = pairs[2 * p], *z = pairs[2 * p + 1];
      g_autoptr (TnetNodeSet) na = NULL;
      g_autoptr (TnetNodeSet) nz = NULL;
      if (!resolve_pair (run, pairs, p, &na, &nz, error))
        return FALSE;
      TnetCriticalityOptions copts;
      tnet_criticality_options_init (&copts);
      copts.progress = tnet_cli_progress_func (run->common);
      copts.progress_data = (gpointer) run->common;
      g_autoptr (TnetCriticality) crit
        = tnet_cli_criticality_scan (run->net, run->scen, mm, st.timed.tt, st.timed.pr,
                                     st.timed.feed_name, na, nz, by_line,
                                     (TnetWeight) llround (budget * 60000), &st.topt,
                                     st.percentile, &copts, error);
      if (crit == NULL)
        return FALSE;
      g_autofree char *model = tnet_corridor_criticality_model (crit, mm);
      guint n = MIN (top, tnet_criticality_n_items (crit));
      /* the library's one JSON form of the scan */
      g_autofree char *json = tnet_corridor_criticality_to_json (crit, run->net, mm, na, nz,
                                                                 by_line,
                                                                 tnet_scenario_get_year (run->scen),
                                                                 top, FALSE);
      JsonNode *node = json_from_string (json, error);
      if (node == NULL)
        return FALSE;
      json_builder_add_value (b, node);
      if (run->formats & TNET_OUTPUT_GEOJSON)
        {
          const TnetDataset *ds = tnet_cli_dataset_for (run->net);
          const TnetFeed *feed = NULL;
          if (ds && profile != TNET_PROFILE_CAR)   /* read for the graph */
            tnet_dataset_get_feed (ds, tnet_scenario_get_year (run->scen), &feed, NULL);
          g_autofree char *gj = tnet_corridor_criticality_to_geojson (crit, run->net, run->scen,
                                                                      feed, na, nz, by_line,
                                                                      top);
          g_autofree char *name = g_strdup_printf ("criticality-%u.geojson", p + 1);
          if (!write_file (run, name, gj, error))
            return FALSE;
        }
      g_string_append_printf (run->text, "  %s > %s by %s (%s, %s): %u candidates, top %u\n",
                              a, z, by_line ? "line" : "link", pname, model,
                              tnet_criticality_n_candidates (crit), n);
      g_autoptr (TnetMap) map = wants_maps (run) && !by_line
                                ? run_map_new (run) : NULL;
      for (guint r = 0; r < n; r++)
        {
          const TnetCriticalityItem *it = tnet_criticality_item (crit, r);
          g_string_append_printf (run->text, "    %2u. %-28s cut %u, slower %u, out of budget "
                                  "%u, population lost %.0f, max +%.1f min\n", r + 1,
                                  it->name ? it->name : "", it->n_pairs_cut,
                                  it->n_pairs_slower, it->n_pairs_out_of_budget,
                                  it->population_lost, it->max_increase_ms / 60000.0);
          if (map && it->element < tnet_network_n_links (run->net))
            {
              g_autofree char *label = g_strdup_printf ("%s  +%.1f min%s",
                                                        it->name ? it->name : "",
                                                        it->max_increase_ms / 60000.0,
                                                        it->n_pairs_cut ? ", cuts" : "");
              tnet_map_add_critical_link (map, it->element, label);
            }
        }
      g_autofree char *detail = g_strdup_printf ("the links whose closure hurts the %s "
                                                 "commute most", a);
      if (!save_pair_map (run, map, MAP_CRITICALITY, p + 1, a, z, detail, error))
        return FALSE;
    }
  json_builder_end_array (b);
  g_string_append (run->text, "\n");
  return TRUE;
}

static gboolean
run_network_outputs (Run *run, GError **error)
{
  if (run->formats & TNET_OUTPUT_GEOJSON)
    {
      g_autofree char *gj = tnet_geojson_network (run->net, run->scen);
      if (!write_file (run, "network.geojson", gj, error))
        return FALSE;
    }
  if (wants_maps (run))
    {
      g_autoptr (TnetMap) map = run_map_new (run);
      int year = tnet_scenario_get_year (run->scen);
      g_autofree char *title = tnet_cli_map_title (tnet_cli_dataset_for (run->net), year);
      const TnetDataset *ds = tnet_cli_dataset_for (run->net);
      int base_year = ds ? tnet_dataset_get_baseline_year (ds) : 0;
      g_autofree char *after = base_year > 0
                               ? g_strdup_printf ("; links opened after %d highlighted", base_year)
                               : g_strdup ("");
      g_autofree char *sub = g_strdup_printf ("Scenario %s: roads and railways by mode and "
                                              "status%s", tnet_scenario_get_name (run->scen),
                                              after);
      tnet_map_set_title (map, title, sub);
      if (!save_map (run, map, "map-network", error))
        return FALSE;
      /* the folder's rings and axes, when it declares any */
      g_autoptr (TnetMap) smap = run_map_new (run);
      guint added = tnet_cli_map_add_structures (smap, run->net, run->scen, error);
      if (added == G_MAXUINT)
        return FALSE;
      g_autofree char *syear = g_strdup_printf ("%d", year);
      if (added > 0
          && !save_kind_map (run, smap, MAP_STRUCTURES, 0, syear, FALSE,
                             "rings and axes of structures.csv; gaps dashed", error))
        return FALSE;
    }
  return TRUE;
}

int
tnet_cmd_run (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  GError *error = NULL;
  g_autoptr (GOptionContext) ctx = g_option_context_new ("FILE.ini");
  g_option_context_set_summary (ctx,
    "Runs everything a scenario file asks for (docs/scenario-files.md) and writes\n"
    "report.txt, results.json, GeoJSON and maps into its [output] dir (or -o DIR).\n"
    "--data overrides the file's network; the file is the scenario, and its [output]\n"
    "formats are the formats.");
  /* the scenario and the formats are the file's: no --scenario or --format */
  tnet_cli_add_common_options (ctx, &common, TNET_CLI_OPTION_DATA | TNET_CLI_OPTION_OUTPUT
                                             | TNET_CLI_OPTION_QUIET, 0, 0, "DIR",
                               "Output folder (default: the file's [output] dir)");
  int rc = TNET_EXIT_OK;
  g_autoptr (TnetScenarioFile) sf = NULL;
  g_autoptr (TnetDataset) ds = NULL;
  const TnetNetwork *net = NULL;
  g_autoptr (TnetScenario) scen = NULL;
  g_autoptr (JsonBuilder) json = json_builder_new ();
  g_autoptr (GString) text = g_string_new (NULL);
  g_autoptr (GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data_dir = NULL;
  g_autofree char *js = NULL;

  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      rc = tnet_cli_fail (ctx, error);
      goto out;
    }
  if (argc != 2)
    {
      rc = tnet_cli_usage (ctx, argc < 2 ? "expected a scenario file"
                                         : "expected one scenario file, got %d arguments",
                           argc - 1);
      goto out;
    }
  sf = tnet_scenario_file_load (argv[1], &error);
  if (sf == NULL)
    {
      rc = tnet_cli_fail (NULL, error);
      goto out;
    }
  data_dir = common.data_dir == NULL && tnet_scenario_file_get_network_dir (sf)
             ? g_strdup (tnet_scenario_file_get_network_dir (sf))
             : tnet_cli_data_dir (&common);
  ds = tnet_dataset_load (data_dir, NULL, &error);
  net = ds ? tnet_dataset_get_network (ds) : NULL;
  if (net)
    tnet_cli_register_dataset (ds);
  if (net == NULL || !tnet_scenario_file_check (sf, net, &error))
    {
      rc = tnet_cli_fail (NULL, error);
      goto out;
    }
  scen = tnet_scenario_file_get_scenario (sf, tnet_dataset_get_scenario_year (ds));
  if (!tnet_dataset_validate_scenario (ds, scen, &error))
    {
      rc = tnet_cli_fail (NULL, error);
      goto out;
    }
  const char *out_dir = common.output ? common.output : tnet_scenario_file_get_output_dir (sf);
  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (&error, TNET_ERROR, TNET_ERROR_IO, "%s: cannot create the output folder: %s",
                   out_dir, g_strerror (saved));
      rc = tnet_cli_fail (NULL, error);
      goto out;
    }
  Run run = {
    .common = &common, .sf = sf, .net = net, .scen = scen, .out_dir = out_dir,
    .formats = tnet_scenario_file_get_formats (sf), .json = json, .text = text,
    .written = written, .skipped = skipped,
  };
  if (wants_maps (&run) && !tnet_map_supported ())
    {
      skip (&run, "output", "svg/png maps: tnet was built without cairo");
      run.formats &= ~(guint) (TNET_OUTPUT_SVG | TNET_OUTPUT_PNG);
    }
  json_builder_begin_object (json);
  json_builder_set_member_name (json, "tnet_version");
  json_builder_add_string_value (json, tnet_version_string ());
  gboolean ok = run_scenario_info (&run, &error) && run_report (&run, &error)
                && run_network_outputs (&run, &error);
  if (ok && tnet_scenario_file_has_section (sf, "commute"))
    ok = run_commute (&run, &error);
  if (ok && tnet_scenario_file_has_section (sf, "isochrone"))
    ok = run_isochrone (&run, &error);
  if (ok && tnet_scenario_file_has_section (sf, "corridors"))
    ok = run_corridors (&run, &error);
  if (ok && tnet_scenario_file_has_section (sf, "criticality"))
    ok = run_criticality (&run, &error);
  if (ok && tnet_scenario_file_has_section (sf, "transfers"))
    ok = run_transfers (&run, &error);
  if (!ok)
    {
      rc = tnet_cli_fail (NULL, error);
      goto out;
    }
  json_builder_set_member_name (json, "skipped");
  json_builder_begin_array (json);
  for (guint i = 0; i < skipped->len; i++)
    {
      g_auto (GStrv) parts = g_strsplit (skipped->pdata[i], "\x1f", 2);
      json_builder_begin_object (json);
      json_builder_set_member_name (json, "section");
      json_builder_add_string_value (json, parts[0]);
      json_builder_set_member_name (json, "reason");
      json_builder_add_string_value (json, parts[1]);
      json_builder_end_object (json);
      g_string_append_printf (text, "Skipped [%s]: %s\n", parts[0], parts[1]);
    }
  json_builder_end_array (json);
  /* report.txt and results.json are always written, and listed last */
  g_ptr_array_add (written, g_strdup ("report.txt"));
  g_ptr_array_add (written, g_strdup ("results.json"));
  json_builder_set_member_name (json, "outputs");
  json_builder_begin_array (json);
  for (guint i = 0; i < written->len; i++)
    json_builder_add_string_value (json, written->pdata[i]);
  json_builder_end_array (json);
  json_builder_end_object (json);
  g_ptr_array_set_size (written, written->len - 2);
  js = tnet_cli_json_to_string (json);
  if (!write_file (&run, "report.txt", text->str, &error)
      || !write_file (&run, "results.json", js, &error))
    {
      rc = tnet_cli_fail (NULL, error);
      goto out;
    }
  for (guint i = 0; i < written->len; i++)
    {
      g_autofree char *path = g_build_filename (out_dir, written->pdata[i], NULL);
      printf ("wrote %s\n", path);
    }
out:
  tnet_cli_common_clear (&common);
  return rc;
}
