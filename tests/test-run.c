/* test-run.c: `tnet run` on the example scenarios, `tnet map`, and the
 * GeoJSON and results.json they write. */
#include "tests-common.h"
#include <json-glib/json-glib.h>
#include <math.h>


static JsonNode *
parse_file (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  GError *error = NULL;
  ck_assert_msg (json_parser_load_from_file (parser, path, &error), "%s: %s", path,
                 error ? error->message : "");
  return json_node_copy (json_parser_get_root (parser));
}

static gboolean
valid_position (JsonArray *pos)
{
  if (json_array_get_length (pos) != 2)
    return FALSE;
  double lon = json_array_get_double_element (pos, 0);
  double lat = json_array_get_double_element (pos, 1);
  return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90;
}

/* Checks RFC 7946 structure: a FeatureCollection of Features whose
 * geometries have the right nesting and positions in range. Returns the
 * number of features. */
static guint
check_geojson (const char *dir, const char *name)
{
  g_autoptr (JsonNode) root = parse_file (dir, name);
  JsonObject *fc = json_node_get_object (root);
  ck_assert_str_eq (json_object_get_string_member (fc, "type"), "FeatureCollection");
  JsonArray *features = json_object_get_array_member (fc, "features");
  guint n = json_array_get_length (features);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *f = json_array_get_object_element (features, i);
      ck_assert_str_eq (json_object_get_string_member (f, "type"), "Feature");
      ck_assert (json_object_has_member (f, "properties"));
      ck_assert (json_object_has_member (f, "geometry"));
      if (JSON_NODE_HOLDS_NULL (json_object_get_member (f, "geometry")))
        continue;  /* RFC 7946 3.2: a feature without a place */
      JsonObject *g = json_object_get_object_member (f, "geometry");
      const char *type = json_object_get_string_member (g, "type");
      JsonArray *coords = json_object_get_array_member (g, "coordinates");
      if (strcmp (type, "Point") == 0)
        ck_assert (valid_position (coords));
      else if (strcmp (type, "LineString") == 0)
        {
          ck_assert_uint_ge (json_array_get_length (coords), 2);
          for (guint k = 0; k < json_array_get_length (coords); k++)
            ck_assert (valid_position (json_array_get_array_element (coords, k)));
        }
      else if (strcmp (type, "MultiLineString") == 0)
        for (guint k = 0; k < json_array_get_length (coords); k++)
          {
            JsonArray *line = json_array_get_array_element (coords, k);
            ck_assert_uint_ge (json_array_get_length (line), 2);
            for (guint j = 0; j < json_array_get_length (line); j++)
              ck_assert (valid_position (json_array_get_array_element (line, j)));
          }
      else
        ck_abort_msg ("%s: unexpected geometry type %s", name, type);
    }
  return n;
}

static gboolean
file_exists (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* Runs one example scenario into a temporary folder and checks the
 * documented fields of results.json. */
static JsonNode *
run_example (const char *ini, char **dir_out)
{
  g_autofree char *path = tt_source_path (ini);
  char *dir = tt_mkdtemp ();
  TtRun r = tt_run_tnet ("run", path, "-o", dir, "--quiet", NULL);
  ck_assert_msg (r.status == 0, "%s: exit %d: %s", ini, r.status, r.err);
  ck_assert_msg (strstr (r.out, "results.json") != NULL, "%s", r.out);
  tt_run_clear (&r);
  ck_assert (file_exists (dir, "report.txt"));
  /* its top-level keys are docs/json-schema.md's, in their order */
  g_autofree char *results = g_build_filename (dir, "results.json", NULL);
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (results, &text, NULL, NULL));
  tt_assert_json_schema_keys ("## `tnet run FILE.ini`: `results.json`", text);
  JsonNode *root = parse_file (dir, "results.json");
  JsonObject *o = json_node_get_object (root);
  ck_assert (json_object_has_member (o, "tnet_version"));
  JsonObject *scen = json_object_get_object_member (o, "scenario");
  ck_assert (json_object_has_member (scen, "name"));
  ck_assert_int_ge (json_object_get_int_member (scen, "year"), 2020);
  ck_assert (json_object_has_member (scen, "statuses"));
  JsonObject *net = json_object_get_object_member (o, "network");
  /* the count the file's scenario gives, worked out here from the network
   * and tnet_scenario_link_active() (checked in test-network) rather than
   * a bound: the command must apply the file's year, statuses and closures */
  GError *error = NULL;
  g_autoptr (TnetScenarioFile) sf = tnet_scenario_file_load (path, &error);
  ck_assert_msg (sf != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetNetwork) network = tnet_network_load_csv (tnet_scenario_file_get_network_dir (sf),
                                                           &error);
  ck_assert_msg (network != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetScenario) sc = tnet_scenario_file_get_scenario (sf, 2025);
  gint64 active = 0;
  for (guint i = 0; i < tnet_network_n_links (network); i++)
    active += tnet_scenario_link_active (sc, network, i);
  ck_assert_int_gt (active, 0);
  ck_assert_int_eq (json_object_get_int_member (net, "active_links"), active);
  ck_assert_int_eq (json_object_get_int_member (net, "links"), tnet_network_n_links (network));
  ck_assert_int_eq (json_object_get_int_member (net, "nodes"), tnet_network_n_nodes (network));
  ck_assert (json_object_has_member (o, "skipped"));
  JsonArray *outputs = json_object_get_array_member (o, "outputs");
  ck_assert_uint_ge (json_array_get_length (outputs), 2);
  for (guint i = 0; i < json_array_get_length (outputs); i++)
    ck_assert_msg (file_exists (dir, json_array_get_string_element (outputs, i)), "%s",
                   json_array_get_string_element (outputs, i));
  *dir_out = dir;
  return root;
}

START_TEST (test_baseline_and_plan)
{
  char *dir = NULL;
  g_autoptr (JsonNode) base = run_example ("examples/scenarios/2020-baseline.ini", &dir);
  JsonObject *o = json_node_get_object (base);
  ck_assert_int_eq (json_object_get_int_member (json_object_get_object_member (o, "scenario"),
                                                "year"), 2020);
  ck_assert_uint_gt (check_geojson (dir, "network.geojson"), 100);
  guint n_iso = check_geojson (dir, "isochrone.geojson");
  ck_assert_uint_gt (n_iso, 10);
  JsonObject *iso = json_object_get_object_member (o, "isochrone");
  ck_assert_str_eq (json_object_get_string_member (iso, "from"), "z_weidu");
  ck_assert_int_gt (json_object_get_int_member (iso, "nodes_reached"), 10);
  /* corridors: rail and road line counts and paths, per pair */
  JsonArray *corr = json_object_get_array_member (o, "corridors");
  ck_assert_uint_eq (json_array_get_length (corr), 2);
  JsonObject *c0 = json_array_get_object_element (corr, 0);
  ck_assert_str_eq (json_object_get_string_member (c0, "to"), "zhengzhou");
  JsonObject *modes = json_object_get_object_member (c0, "modes");
  JsonObject *rail2020 = json_object_get_object_member (modes, "rail");
  gint64 rail_lines_2020 = json_object_get_int_member (rail2020, "lines");
  ck_assert_int_ge (rail_lines_2020, 1);
  ck_assert (json_object_has_member (rail2020, "link_disjoint_paths"));
  ck_assert_uint_ge (check_geojson (dir, "corridors-1.geojson"), 1);
  if (tnet_map_supported ())
    {
      ck_assert (file_exists (dir, "map-network.png"));
      ck_assert (file_exists (dir, "map-isochrone.svg"));
    }
  tt_rm_rf (dir);
  g_free (dir);

  g_autoptr (JsonNode) plan = run_example ("examples/scenarios/2025-plan.ini", &dir);
  o = json_node_get_object (plan);
  corr = json_object_get_array_member (o, "corridors");
  modes = json_object_get_object_member (json_array_get_object_element (corr, 0), "modes");
  JsonObject *road = json_object_get_object_member (modes, "road");
  /* the plan's own count: 5 rail + 15 road lines to Zhengzhou in 2025, less
   * the 新G107 northern link, still under construction in 2025 (facts §3;
   * links.csv open_year 2026): 15 - 1 = 14 road lines */
  ck_assert_int_eq (json_object_get_int_member (road, "lines"), 14);
  ck_assert_int_eq (json_object_get_int_member (json_object_get_object_member (modes, "rail"),
                                                "lines"), 5);
  ck_assert_int_ge (5, rail_lines_2020);
  JsonArray *crit = json_object_get_array_member (o, "criticality");
  JsonObject *c = json_array_get_object_element (crit, 0);
  ck_assert_str_eq (json_object_get_string_member (c, "by"), "line");
  JsonArray *ranked = json_object_get_array_member (c, "ranked");
  ck_assert_uint_le (json_array_get_length (ranked), 10);
  /* the same scan as GeoJSON: one feature per ranked line, in rank order */
  ck_assert_uint_eq (check_geojson (dir, "criticality-1.geojson"), json_array_get_length (ranked));
  g_autoptr (JsonNode) cgj = parse_file (dir, "criticality-1.geojson");
  JsonArray *cf = json_object_get_array_member (json_node_get_object (cgj), "features");
  for (guint i = 0; i < json_array_get_length (ranked); i++)
    {
      JsonObject *want = json_array_get_object_element (ranked, i);
      JsonObject *got = json_object_get_object_member (json_array_get_object_element (cf, i),
                                                       "properties");
      ck_assert_str_eq (json_object_get_string_member (got, "element"),
                        json_object_get_string_member (want, "line"));
      ck_assert_int_eq (json_object_get_int_member (got, "rank"),
                        json_object_get_int_member (want, "rank"));
      ck_assert_double_eq (json_object_get_double_member (got, "population_lost"),
                           json_object_get_double_member (want, "population_lost"));
    }
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

START_TEST (test_g4_closure)
{
  char *dir = NULL;
  g_autoptr (JsonNode) root = run_example ("examples/scenarios/g4-closure-changge.ini", &dir);
  JsonObject *o = json_node_get_object (root);
  JsonArray *closed = json_object_get_array_member (json_object_get_object_member (o, "scenario"),
                                                    "closed_links");
  ck_assert_uint_eq (json_array_get_length (closed), 2);
  /* the closed links are in no corridor path and in no GeoJSON feature */
  g_autofree char *path = g_build_filename (dir, "network.geojson", NULL);
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  ck_assert_ptr_null (strstr (text, "\"l_g4_cg_n\""));
  ck_assert_ptr_null (strstr (text, "\"l_g4_03\""));
  ck_assert_ptr_nonnull (strstr (text, "\"l_g4_05\""));
  /* the closure makes the road trip to Zhengzhou no faster than in the plan */
  JsonArray *corr = json_object_get_array_member (o, "corridors");
  JsonObject *road = json_object_get_object_member (
    json_object_get_object_member (json_array_get_object_element (corr, 0), "modes"), "road");
  JsonArray *fastest = json_object_get_array_member (road, "fastest");
  ck_assert_uint_ge (json_array_get_length (fastest), 1);
  for (guint i = 0; i < json_array_get_length (fastest); i++)
    {
      JsonArray *links = json_object_get_array_member (json_array_get_object_element (fastest, i),
                                                       "links");
      for (guint k = 0; k < json_array_get_length (links); k++)
        ck_assert_str_ne (json_array_get_string_element (links, k), "l_g4_cg_n");
    }
  /* the criticality scan runs on the car profile's graph: the worst pair's
   * time before the failure is `tnet route` by car in the same scenario
   * (route gives two decimals, the scan one), and its detour joins the
   * pair's ends */
  JsonObject *crit = json_array_get_object_element (json_object_get_array_member (o,
                                                                                 "criticality"),
                                                    0);
  ck_assert_str_eq (json_object_get_string_member (crit, "profile"), "car");
  JsonObject *item = json_array_get_object_element (json_object_get_array_member (crit, "ranked"),
                                                    0);
  JsonObject *worst = json_object_get_object_member (item, "worst_pair");
  const char *from = json_object_get_string_member (worst, "from");
  const char *to = json_object_get_string_member (worst, "to");
  g_autofree char *ini = tt_source_path ("examples/scenarios/g4-closure-changge.ini");
  TtRun r = tt_run_tnet ("route", from, to, "--scenario", ini, "--format", "json", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (JsonParser) rp = json_parser_new ();
  ck_assert (json_parser_load_from_data (rp, r.out, -1, NULL));
  double route_min = json_object_get_double_member (json_node_get_object (
                                                      json_parser_get_root (rp)), "total_min");
  ck_assert_msg (fabs (route_min - json_object_get_double_member (worst, "before_min")) <= 0.051,
                 "route %.2f, scan %.1f", route_min,
                 json_object_get_double_member (worst, "before_min"));
  tt_run_clear (&r);
  JsonArray *detour = json_object_get_array_member (item, "detour");
  guint nd = json_array_get_length (detour);
  ck_assert_uint_ge (nd, 2);
  ck_assert_str_eq (json_array_get_string_element (detour, 0), from);
  ck_assert_str_eq (json_array_get_string_element (detour, nd - 1), to);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* [corridors] profile = transit: the rail group's fastest alternative is
 * the best transit commute of any Xuchang → Zhengzhou zone pair, as `tnet
 * commute --profiles transit` gives it (its CSV rounds to 0.1 by printf,
 * results.json to the nearest 0.1: they may differ by one in the last
 * place) and no alternative is faster. */
START_TEST (test_corridors_profile)
{
  g_autofree char *net = tt_source_path ("data/xuchang");
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *ini_text = g_strdup_printf ("[scenario]\nname = p\nnetwork = %s\n"
                                               "year = 2025\n[corridors]\n"
                                               "pairs = xuchang>zhengzhou\nmodes = rail\n"
                                               "profile = transit\nmodel = frequency\n"
                                               "k = 3\n[output]\nformats = json\n", net);
  tt_write_file (dir, "p.ini", ini_text);
  g_autofree char *ini = g_build_filename (dir, "p.ini", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  TtRun r = tt_run_tnet ("run", ini, "-o", out, "--quiet", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  tt_run_clear (&r);
  g_autoptr (JsonNode) root = parse_file (out, "results.json");
  JsonObject *c0 = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "corridors"), 0);
  ck_assert_str_eq (json_object_get_string_member (c0, "profile"), "transit");
  /* and they say so: the model is named, not left to be taken for the
   * timetable that tnet corridors follows */
  ck_assert_str_eq (json_object_get_string_member (c0, "model"), "frequency approximation");
  JsonArray *fastest = json_object_get_array_member (
    json_object_get_object_member (json_object_get_object_member (c0, "modes"), "rail"),
    "fastest");
  ck_assert_uint_ge (json_array_get_length (fastest), 1);
  double first = json_object_get_double_member (json_array_get_object_element (fastest, 0),
                                                "minutes");
  /* the corridors' transit paths are on the frequency model's graph */
  r = tt_run_tnet ("commute", "--origins", "region:xuchang", "--destinations",
                   "region:zhengzhou", "--profiles", "transit", "--frequency-model",
                   "--format", "csv", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_auto (GStrv) lines = g_strsplit (r.out, "\n", -1);
  double best = G_MAXDOUBLE;
  for (guint i = 1; lines[i] && *lines[i]; i++)
    {
      g_auto (GStrv) cells = g_strsplit (lines[i], ",", -1);
      if (cells[3] && *cells[3])
        best = MIN (best, g_ascii_strtod (cells[3], NULL));
    }
  tt_run_clear (&r);
  ck_assert_msg (fabs (first - best) <= 0.11, "corridor %.1f, commute %.1f", first, best);
  for (guint i = 0; i < json_array_get_length (fastest); i++)
    ck_assert (json_object_get_double_member (json_array_get_object_element (fastest, i),
                                              "minutes") >= best - 0.11);
  tt_rm_rf (dir);
}
END_TEST

/* The least commute cell of `tnet commute` from the zones of xuchang to
 * those of zhengzhou by @profile with the options @opts, in minutes: its
 * time, or with @pct (nullable) its percentile @pct over the window. */
static double
best_commute_cell (const char *profile, const char *const *opts, const char *pct)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *base[] = { "commute", "--origins", "region:xuchang", "--destinations",
                         "region:zhengzhou", "--profiles", profile, "--format", "json" };
  for (guint k = 0; k < G_N_ELEMENTS (base); k++)
    g_ptr_array_add (args, (gpointer) base[k]);
  for (guint k = 0; opts[k]; k++)
    g_ptr_array_add (args, (gpointer) opts[k]);
  g_ptr_array_add (args, NULL);
  TtRun r = tt_run_tnetv ((const char *const *) args->pdata);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (JsonParser) p = json_parser_new ();
  ck_assert (json_parser_load_from_data (p, r.out, -1, NULL));
  tt_run_clear (&r);
  JsonArray *cells = json_object_get_array_member (
    json_node_get_object (json_parser_get_root (p)), "cells");
  g_autofree char *key = pct ? g_strdup_printf ("p%s", pct) : NULL;
  double best = G_MAXDOUBLE;
  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      JsonObject *c = json_array_get_object_element (cells, i);
      if (key)
        c = json_object_get_object_member (c, "percentiles");
      const char *member = key ? key : "minutes";
      if (!json_object_get_null_member (c, member))
        best = MIN (best, json_object_get_double_member (c, member));
    }
  return best;
}

static char *
node_text (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

/* [corridors] with @profile by the timetable, the section's @keys against
 * `tnet corridors --profile @profile` with the same options @opts: the
 * same model and timetable, the same alternatives (times, places, legs);
 * and the first one is the best `tnet commute` cell of the pair. */
static void
check_run_corridors_timetable (const char *data, const char *dir, const char *profile,
                               const char *keys, const char *const *opts)
{
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *text = g_strdup_printf (
      "[scenario]\nname = c\nnetwork = %s\nyear = 2025\n[corridors]\n"
      "pairs = xuchang>zhengzhou\nmodes = rail;road\nk = 3\nbudget_min = 60\n"
      "factor = 1.5\nprofile = %s\n%s[output]\nformats = json\n", data, profile, keys);
  tt_write_file (dir, "c.ini", text);
  g_autofree char *ini = g_build_filename (dir, "c.ini", NULL);
  TtRun r = tt_run_tnet ("run", ini, "-o", out, "--quiet", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  tt_run_clear (&r);
  g_autoptr (JsonNode) root = parse_file (out, "results.json");
  JsonObject *c0 = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "corridors"), 0);
  ck_assert_str_eq (json_object_get_string_member (c0, "profile"), profile);
  ck_assert_str_eq (json_object_get_string_member (c0, "model"), "timetable");
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *base[] = { "corridors", "xuchang", "zhengzhou", "--data", data, "--scenario",
                         "2025", "--profile", profile, "-k", "3", "--budget", "60",
                         "--factor", "1.5", "--format", "json", "--modes", NULL };
  for (guint k = 0; base[k]; k++)
    g_ptr_array_add (args, (gpointer) base[k]);
  guint n_base = args->len;
  for (guint k = 0; opts[k]; k++)
    g_ptr_array_add (args, (gpointer) opts[k]);
  g_ptr_array_add (args, NULL);
  JsonObject *modes = json_object_get_object_member (c0, "modes");
  const char *groups[] = { "rail", "road" };
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      g_ptr_array_insert (args, (gint) n_base, (gpointer) groups[g]);
      r = tt_run_tnetv ((const char *const *) args->pdata);
      g_ptr_array_remove_index (args, n_base);
      ck_assert_msg (r.status == 0, "%s", r.err);
      g_autoptr (JsonParser) p = json_parser_new ();
      ck_assert (json_parser_load_from_data (p, r.out, -1, NULL));
      tt_run_clear (&r);
      JsonObject *ref = json_node_get_object (json_parser_get_root (p));
      ck_assert_str_eq (json_object_get_string_member (ref, "model"), "timetable");
      g_autofree char *t_run = node_text (json_object_get_member (c0, "timetable"));
      g_autofree char *t_ref = node_text (json_object_get_member (ref, "timetable"));
      ck_assert_str_eq (t_run, t_ref);
      JsonObject *m = json_object_get_object_member (modes, groups[g]);
      JsonArray *fastest = json_object_get_array_member (m, "fastest");
      JsonArray *paths = json_object_get_array_member (
        json_object_get_object_member (ref, "least_time"), "paths");
      ck_assert_uint_ge (json_array_get_length (paths), 1);
      ck_assert_uint_eq (json_array_get_length (fastest), json_array_get_length (paths));
      for (guint i = 0; i < json_array_get_length (paths); i++)
        {
          g_autofree char *a = node_text (json_array_get_element (fastest, i));
          g_autofree char *b = node_text (json_array_get_element (paths, i));
          ck_assert_str_eq (a, b);
        }
      ck_assert_int_eq (json_object_get_int_member (m, "within_budget"),
                        json_object_get_int_member (ref, "within_budget"));
      ck_assert_int_eq (json_object_get_int_member (m, "within_factor"),
                        json_object_get_int_member (ref, "within_factor"));
      ck_assert_int_eq (json_object_get_int_member (m, "lines"),
                        json_object_get_int_member (ref, "line_count"));
      ck_assert_int_eq (json_object_get_int_member (m, "link_disjoint_paths"),
                        json_object_get_int_member (json_object_get_object_member (
                          ref, "link_disjoint"), "count"));
    }
  /* the first alternative is the pair's best commute cell, by the same
   * options (the corridors' disjointness takes nothing from it) */
  JsonArray *rail = json_object_get_array_member (json_object_get_object_member (modes,
                                                                                  "rail"),
                                                  "fastest");
  double first = json_object_get_double_member (json_array_get_object_element (rail, 0),
                                                "minutes");
  g_autoptr (GPtrArray) copts = g_ptr_array_new ();
  const char *pct = NULL;
  for (guint k = 0; opts[k]; k++)
    if (strcmp (opts[k], "--disjoint") == 0)
      k++;
    else
      {
        if (strcmp (opts[k], "--percentile") == 0)
          pct = opts[k + 1];
        g_ptr_array_add (copts, (gpointer) (strcmp (opts[k], "--percentile") == 0
                                            ? "--percentiles" : opts[k]));
      }
  g_ptr_array_add (copts, NULL);
  double best = best_commute_cell (profile, (const char *const *) copts->pdata, pct);
  ck_assert_msg (fabs (first - best) <= 0.11, "corridor %.1f, commute %.1f", first, best);
  tt_rm_rf (out);
}

/* tnet run's [corridors] by the timetable is tnet corridors' by the
 * timetable, and a key of the timetable beside model = frequency is an
 * error naming both lines. */
START_TEST (test_corridors_timetable)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  g_autofree char *dir = tt_mkdtemp ();
  const char *none[] = { NULL };
  check_run_corridors_timetable (data, dir, "transit", "", none);
  const char *opts[] = { "--depart", "07:40", "--window", "5", "--percentile", "80",
                         "--max-walk", "12", "--disjoint", "lines", NULL };
  check_run_corridors_timetable (data, dir, "transit",
                                 "depart = 07:40\nwindow = 5\npercentile = 80\n"
                                 "max_walk = 12\ndisjoint = lines\n", opts);
  const char *pr_opts[] = { "--depart", "07:40", "--window", "3", "--drive-budget", "20",
                            "--park-time", "3", "--parking-radius", "500", NULL };
  check_run_corridors_timetable (data, dir, "park_and_ride",
                                 "depart = 07:40\nwindow = 3\ndrive_budget_min = 20\n"
                                 "park_time_min = 3\nparking_radius_m = 500\n", pr_opts);
  g_autofree char *bad = g_strdup_printf (
      "[scenario]\nnetwork = %s\n[corridors]\npairs = xuchang>zhengzhou\n"
      "profile = transit\nmodel = frequency\nwindow = 5\n", data);
  tt_write_file (dir, "k.ini", bad);
  g_autofree char *ini = g_build_filename (dir, "k.ini", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  TtRun r = tt_run_tnet ("run", ini, "-o", out, "--quiet", NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "k.ini:7: [corridors] window") != NULL
                 && strstr (r.err, "model = frequency (line 6)") != NULL, "%s", r.err);
  tt_run_clear (&r);
  tt_rm_rf (dir);
}
END_TEST

/* The transit time of one commute cell in results.json, or -1. */
static double
commute_minutes (JsonNode *root, const char *profile, const char *origin, const char *dest)
{
  JsonObject *c = json_object_get_object_member (json_node_get_object (root), "commute");
  JsonArray *results = json_object_get_array_member (c, "results");
  JsonObject *r0 = json_array_get_object_element (results, 0);
  ck_assert_str_eq (json_object_get_string_member (r0, "direction"), "to");
  ck_assert (json_object_has_member (json_object_get_object_member (
    json_object_get_object_member (r0, "population_within"), profile), "any"));
  JsonArray *cells = json_object_get_array_member (r0, "cells");
  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      JsonObject *cell = json_array_get_object_element (cells, i);
      if (strcmp (json_object_get_string_member (cell, "profile"), profile) == 0
          && strcmp (json_object_get_string_member (cell, "origin"), origin) == 0
          && strcmp (json_object_get_string_member (cell, "destination"), dest) == 0)
        {
          ck_assert (json_object_has_member (cell, "wait_min"));
          ck_assert (json_object_has_member (cell, "lines"));
          return json_object_get_null_member (cell, "minutes")
                 ? -1 : json_object_get_double_member (cell, "minutes");
        }
    }
  return -1;
}


/* A [corridors] or [criticality] section without k, budget_min, factor or
 * top takes the defaults `tnet corridors` and `tnet criticality` take (the
 * plan's k, budget_min, detour and top), so that a run and the command
 * agree: the same number of alternatives, each as fast, and the same
 * criticality document. */
START_TEST (test_defaults_are_the_commands)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *text = g_strdup_printf (
      "[scenario]\nnetwork = %s\nyear = 2025\n[corridors]\npairs = xuchang>zhengzhou\n"
      "modes = rail;road\n[criticality]\npairs = xuchang>zhengzhou\nprofile = car\n"
      "[output]\ndir = %s\nformats = json\n", data, out);
  tt_write_file (dir, "d.ini", text);
  g_autofree char *ini = g_build_filename (dir, "d.ini", NULL);
  TtRun r = tt_run_tnet ("run", ini, "--quiet", NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  tt_run_clear (&r);
  g_autoptr (JsonNode) res = parse_file (out, "results.json");
  JsonObject *root = json_node_get_object (res);
  JsonObject *modes = json_object_get_object_member (
    json_array_get_object_element (json_object_get_array_member (root, "corridors"), 0),
    "modes");
  const char *groups[] = { "rail", "road" };
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      r = tt_run_tnet ("corridors", "xuchang", "zhengzhou", "--data", data, "--scenario",
                       "2025", "--modes", groups[g], "--format", "json", NULL);
      ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
      g_autoptr (JsonParser) p = json_parser_new ();
      ck_assert (json_parser_load_from_data (p, r.out, -1, NULL));
      tt_run_clear (&r);
      JsonObject *ref = json_node_get_object (json_parser_get_root (p));
      JsonArray *paths = json_object_get_array_member (
        json_object_get_object_member (ref, "least_time"), "paths");
      JsonObject *m = json_object_get_object_member (modes, groups[g]);
      JsonArray *fastest = json_object_get_array_member (m, "fastest");
      ck_assert_uint_eq (json_array_get_length (fastest), json_array_get_length (paths));
      for (guint i = 0; i < json_array_get_length (paths); i++)
        {
          double a = json_object_get_double_member (json_array_get_object_element (fastest, i),
                                                    "minutes");
          double b = json_object_get_double_member (json_array_get_object_element (paths, i),
                                                    "minutes");
          ck_assert_msg (fabs (a - b) < 0.051, "%s #%u: run %g, corridors %g", groups[g], i,
                         a, b);
        }
      ck_assert_int_eq (json_object_get_int_member (m, "within_budget"),
                        json_object_get_int_member (ref, "within_budget"));
      ck_assert_int_eq (json_object_get_int_member (m, "within_factor"),
                        json_object_get_int_member (ref, "within_factor"));
    }
  r = tt_run_tnet ("criticality", "xuchang", "zhengzhou", "--data", data, "--scenario", "2025",
                   "--profile", "car", "--format", "json", NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  g_autoptr (JsonParser) p = json_parser_new ();
  ck_assert (json_parser_load_from_data (p, r.out, -1, NULL));
  tt_run_clear (&r);
  JsonNode *got = json_array_get_element (json_object_get_array_member (root, "criticality"),
                                          0);
  g_autofree char *gs = json_to_string (got, TRUE);
  g_autofree char *ws = json_to_string (json_parser_get_root (p), TRUE);
  ck_assert_msg (json_node_equal (got, json_parser_get_root (p)), "run\n%s\ncriticality\n%s",
                 gs, ws);
  tt_rm_rf (dir);
}
END_TEST

/* The example @ini with @drop (a line of it) left out, its network given
 * as an absolute path, run like run_example(). */
static JsonNode *
run_example_without (const char *ini, const char *drop)
{
  g_autofree char *path = tt_source_path (ini);
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  char *at = strstr (text, drop);
  ck_assert_ptr_nonnull (at);
  memmove (at, at + strlen (drop), strlen (at + strlen (drop)) + 1);
  g_autofree char *net = tt_source_path ("data/xuchang");
  g_autofree char *net_line = g_strdup_printf ("network = %s", net);
  g_auto (GStrv) parts = g_strsplit (text, "network = ../../data/xuchang", 2);
  ck_assert_uint_eq (g_strv_length (parts), 2);
  g_autofree char *edited = g_strjoinv (net_line, parts);
  g_autofree char *dir = tt_mkdtemp ();
  tt_write_file (dir, "edited.ini", edited);
  g_autofree char *epath = g_build_filename (dir, "edited.ini", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  TtRun r = tt_run_tnet ("run", epath, "-o", out, "--quiet", NULL);
  ck_assert_msg (r.status == 0, "%s: exit %d: %s", ini, r.status, r.err);
  tt_run_clear (&r);
  JsonNode *root = parse_file (out, "results.json");
  tt_rm_rf (dir);
  return root;
}

START_TEST (test_service_cut_and_study)
{
  char *dir = NULL;
  g_autoptr (JsonNode) plan = run_example ("examples/scenarios/2025-plan.ini", &dir);
  tt_rm_rf (dir);
  g_free (dir);
  g_autoptr (JsonNode) cut = run_example ("examples/scenarios/zhengxu-service-cut.ini", &dir);
  ck_assert (file_exists (dir, "commute.csv"));
  tt_rm_rf (dir);
  g_free (dir);
  /* the Zhengxu line with half the trains: Changge to the airport zone by
   * transit rides it, and waits longer than by the same file without the
   * headway factor (both by the frequency approximation, which the factor
   * acts on: model = frequency) */
  g_autoptr (JsonNode) uncut = run_example_without ("examples/scenarios/zhengxu-service-cut.ini",
                                                    "line:郑许市域铁路.headway_factor = 2\n");
  JsonObject *cm = json_object_get_object_member (
      json_object_get_object_member (json_node_get_object (cut), "commute"), "models");
  ck_assert_str_eq (json_object_get_string_member (cm, "transit"), "frequency approximation");
  double before = commute_minutes (uncut, "transit", "z_changge", "airport_center");
  double after = commute_minutes (cut, "transit", "z_changge", "airport_center");
  ck_assert_double_gt (before, 0);
  ck_assert_double_gt (after, before);
  /* the plan's car time from Changge to Zhengzhou centre is the fastest
   * car route of `tnet route` (a separate search on the car graph) */
  {
    TtRun r = tt_run_tnet ("route", "z_changge", "zz_center", "--format", "json", NULL);
    ck_assert_msg (r.status == 0, "%s", r.err);
    g_autoptr (JsonParser) rp = json_parser_new ();
    ck_assert (json_parser_load_from_data (rp, r.out, -1, NULL));
    double route_min = json_object_get_double_member (
      json_node_get_object (json_parser_get_root (rp)), "total_min");
    ck_assert_double_eq_tol (commute_minutes (plan, "car", "z_changge", "zz_center"),
                             round (route_min * 10) / 10, 1e-9);
    tt_run_clear (&r);
  }
  g_autoptr (JsonNode) study = run_example ("examples/scenarios/study-extensions.ini", &dir);
  JsonObject *o = json_node_get_object (study);
  JsonArray *st = json_object_get_array_member (json_object_get_object_member (o, "scenario"),
                                                "statuses");
  ck_assert_uint_eq (json_array_get_length (st), 4);
  /* the study links are on the 2030 network */
  g_autofree char *path = g_build_filename (dir, "network.geojson", NULL);
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  ck_assert_ptr_nonnull (strstr (text, "\"l_ylg_01\""));
  ck_assert_ptr_nonnull (strstr (text, "\"l_zp_05\""));
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* [isochrone] with depart/window/percentile: `tnet run` writes the
 * document of `tnet isochrone --profile transit --depart` byte for byte
 * (two code paths through the command line); without them the document of
 * the command's defaults (the plan's), with model = frequency that of
 * --frequency-model. Oracle by hand (the window of
 * test-cli's test_route_timetable): the 2025 feed's 京广高铁 leaves 漯河西站
 * every 15 min from 06:00 and reaches 许昌东站 16 min later; departing
 * 07:05 + k (k < 30) takes 16 + (10 - k) mod 15 min, whose median by
 * nearest rank (the 15th of 30) is 23 min. A timetable key with another
 * profile is an error. */
START_TEST (test_isochrone_timetable)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *ini_text = g_strdup_printf (
      "[scenario]\nnetwork = %s\nyear = 2025\n"
      "[isochrone]\nfrom = luohe_west_hsr\nminutes = 45\nprofile = transit\n"
      "depart = 07:05\nwindow = 30\npercentile = 50\nmax_walk = 15\n"
      "[output]\ndir = %s\nformats = json;geojson\n", data, out);
  tt_write_file (dir, "iso.ini", ini_text);
  g_autofree char *ini = g_build_filename (dir, "iso.ini", NULL);
  TtRun r = tt_run_tnet ("run", ini, "--quiet", NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  tt_run_clear (&r);
  g_autofree char *path = g_build_filename (out, "isochrone.geojson", NULL);
  g_autofree char *by_run = NULL;
  ck_assert (g_file_get_contents (path, &by_run, NULL, NULL));
  r = tt_run_tnet ("isochrone", "luohe_west_hsr", "--minutes", "45", "--profile", "transit",
                   "--depart", "07:05", "--window", "30", "--percentile", "50", "--max-walk",
                   "15", "--data", data, "--scenario", "2025", "--format", "geojson", NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  ck_assert_str_eq (by_run, r.out);
  tt_run_clear (&r);
  /* the hand-computed node, and the model named in both documents */
  g_autoptr (JsonParser) p = json_parser_new ();
  ck_assert (json_parser_load_from_data (p, by_run, -1, NULL));
  JsonObject *fc = json_node_get_object (json_parser_get_root (p));
  JsonObject *props = json_object_get_object_member (fc, "properties");
  ck_assert_str_eq (json_object_get_string_member (props, "model"), "timetable");
  JsonArray *features = json_object_get_array_member (fc, "features");
  gboolean seen = FALSE;
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *fp = json_object_get_object_member (json_array_get_object_element (features, i),
                                                      "properties");
      if (json_object_has_member (fp, "id")
          && strcmp (json_object_get_string_member (fp, "id"), "xc_east_hsr") == 0)
        {
          ck_assert_double_eq_tol (json_object_get_double_member (fp, "minutes"), 23.0, 1e-9);
          seen = TRUE;
        }
    }
  ck_assert (seen);
  g_autoptr (JsonNode) res = parse_file (out, "results.json");
  JsonObject *iso = json_object_get_object_member (json_node_get_object (res), "isochrone");
  ck_assert_str_eq (json_object_get_string_member (iso, "model"), "timetable");
  JsonObject *tt = json_object_get_object_member (iso, "timetable");
  ck_assert_str_eq (json_object_get_string_member (tt, "depart"), "07:05");
  ck_assert_int_eq (json_object_get_int_member (tt, "window_min"), 30);

  /* without a timetable key, the timetable still, with the defaults of
   * `tnet isochrone` (the plan's first [commute] group: 07:00, window
   * 120): the command's document with no option of the timetable, and
   * with those of the plan named on its command line */
  g_autofree char *plain_text = g_strdup_printf (
      "[scenario]\nnetwork = %s\nyear = 2025\n"
      "[isochrone]\nfrom = luohe_west_hsr\nminutes = 45\nprofile = transit\n"
      "[output]\ndir = %s\nformats = geojson\n", data, out);
  tt_write_file (dir, "iso.ini", plain_text);
  r = tt_run_tnet ("run", ini, "--quiet", NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  tt_run_clear (&r);
  g_autofree char *plain_run = NULL;
  ck_assert (g_file_get_contents (path, &plain_run, NULL, NULL));
  r = tt_run_tnet ("isochrone", "luohe_west_hsr", "--minutes", "45", "--profile", "transit",
                   "--data", data, "--scenario", "2025", "--format", "geojson", NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  ck_assert_str_eq (plain_run, r.out);
  tt_run_clear (&r);
  r = tt_run_tnet ("isochrone", "luohe_west_hsr", "--minutes", "45", "--profile", "transit",
                   "--depart", "07:00", "--window", "120", "--max-walk", "60", "--data", data,
                   "--scenario", "2025", "--format", "geojson", NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  ck_assert_str_eq (plain_run, r.out);
  tt_run_clear (&r);
  g_autoptr (JsonParser) pp = json_parser_new ();
  ck_assert (json_parser_load_from_data (pp, plain_run, -1, NULL));
  JsonObject *pprops = json_object_get_object_member (
      json_node_get_object (json_parser_get_root (pp)), "properties");
  ck_assert_str_eq (json_object_get_string_member (pprops, "model"), "timetable");
  JsonObject *ptt = json_object_get_object_member (pprops, "timetable");
  ck_assert_str_eq (json_object_get_string_member (ptt, "depart"), "07:00");
  ck_assert_int_eq (json_object_get_int_member (ptt, "window_min"), 120);

  /* park_and_ride likewise, with a key of park-and-ride */
  g_autofree char *pr_text = g_strdup_printf (
      "[scenario]\nnetwork = %s\nyear = 2025\n"
      "[isochrone]\nfrom = z_yuzhou\nminutes = 50\nprofile = park_and_ride\n"
      "window = 5\ndrive_budget_min = 20\n"
      "[output]\ndir = %s\nformats = geojson\n", data, out);
  tt_write_file (dir, "iso.ini", pr_text);
  r = tt_run_tnet ("run", ini, "--quiet", NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  tt_run_clear (&r);
  g_autofree char *pr_run = NULL;
  ck_assert (g_file_get_contents (path, &pr_run, NULL, NULL));
  r = tt_run_tnet ("isochrone", "z_yuzhou", "--minutes", "50", "--profile", "park_and_ride",
                   "--window", "5", "--drive-budget", "20", "--data", data, "--scenario",
                   "2025", "--format", "geojson", NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  ck_assert_str_eq (pr_run, r.out);
  ck_assert_ptr_nonnull (strstr (pr_run, "\"timetable\""));
  tt_run_clear (&r);

  /* model = frequency: the frequency approximation, the same document as
   * the command's with --frequency-model, naming that model and no
   * timetable */
  g_autofree char *freq_text = g_strdup_printf (
      "[scenario]\nnetwork = %s\nyear = 2025\n"
      "[isochrone]\nfrom = luohe_west_hsr\nminutes = 45\nprofile = transit\n"
      "model = frequency\n[output]\ndir = %s\nformats = geojson\n", data, out);
  tt_write_file (dir, "iso.ini", freq_text);
  r = tt_run_tnet ("run", ini, "--quiet", NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  tt_run_clear (&r);
  g_autofree char *freq_run = NULL;
  ck_assert (g_file_get_contents (path, &freq_run, NULL, NULL));
  r = tt_run_tnet ("isochrone", "luohe_west_hsr", "--minutes", "45", "--profile", "transit",
                   "--frequency-model", "--data", data, "--scenario", "2025", "--format",
                   "geojson", NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  ck_assert_str_eq (freq_run, r.out);
  tt_run_clear (&r);
  ck_assert_str_ne (freq_run, plain_run);
  g_autoptr (JsonParser) fp = json_parser_new ();
  ck_assert (json_parser_load_from_data (fp, freq_run, -1, NULL));
  JsonObject *fprops = json_object_get_object_member (
      json_node_get_object (json_parser_get_root (fp)), "properties");
  ck_assert_str_eq (json_object_get_string_member (fprops, "model"), "frequency approximation");
  ck_assert (!json_object_has_member (fprops, "timetable"));

  /* a key of the timetable beside model = frequency names both lines */
  g_autofree char *both = g_strdup_printf (
      "[scenario]\nnetwork = %s\n[isochrone]\nfrom = luohe_west_hsr\nprofile = transit\n"
      "model = frequency\nwindow = 10\n[output]\ndir = %s\n", data, out);
  tt_write_file (dir, "iso.ini", both);
  r = tt_run_tnet ("run", ini, "--quiet", NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "iso.ini:7:") && strstr (r.err, "window")
                 && strstr (r.err, "model = frequency (line 6)"), "%s", r.err);
  tt_run_clear (&r);

  /* a timetable key needs profile = transit (or park_and_ride); a bad
   * time names its line */
  g_autofree char *bad = g_strdup_printf (
      "[scenario]\nnetwork = %s\n[isochrone]\nfrom = luohe_west_hsr\ndepart = 07:05\n"
      "[output]\ndir = %s\n", data, out);
  tt_write_file (dir, "iso.ini", bad);
  r = tt_run_tnet ("run", ini, "--quiet", NULL);
  ck_assert_int_ne (r.status, 0);
  ck_assert_msg (strstr (r.err, "profile = transit") != NULL, "%s", r.err);
  tt_run_clear (&r);
  g_free (bad);
  bad = g_strdup_printf ("[scenario]\nnetwork = %s\n[isochrone]\nfrom = luohe_west_hsr\n"
                         "profile = transit\ndepart = 7:65\n", data);
  tt_write_file (dir, "iso.ini", bad);
  r = tt_run_tnet ("run", ini, "--quiet", NULL);
  ck_assert_int_ne (r.status, 0);
  ck_assert_msg (strstr (r.err, "iso.ini:6:") != NULL && strstr (r.err, "depart") != NULL,
                 "%s", r.err);
  tt_run_clear (&r);
  tt_rm_rf (dir);
}
END_TEST

/* A headway factor scales the frequency approximation's headways, and the
 * timetable runs the feed's trips as they are: where transit follows the
 * timetable the override is an error naming its place and the section (or
 * --frequency-model), never ignored; with model = frequency (or
 * --frequency-model) the same file runs. */
START_TEST (test_headway_factor_timetable)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *ini = g_build_filename (dir, "cut.ini", NULL);
  static const char *const sections[] = {
    "[commute]\norigins = luohe_west_hsr\ndestinations = xc_east_hsr\nprofiles = transit\n",
    "[isochrone]\nfrom = luohe_west_hsr\nminutes = 30\nprofile = transit\n",
  };
  static const char *const names[] = { "[commute]", "[isochrone]" };
  for (guint k = 0; k < G_N_ELEMENTS (sections); k++)
    {
      g_autofree char *text = g_strdup_printf (
          "[scenario]\nnetwork = %s\nyear = 2025\n[overrides]\n"
          "line:郑许市域铁路.headway_factor = 2\n%s[output]\ndir = %s\nformats = json\n",
          data, sections[k], out);
      tt_write_file (dir, "cut.ini", text);
      TtRun r = tt_run_tnet ("run", ini, "--quiet", NULL);
      ck_assert_int_eq (r.status, 1);
      g_autofree char *want = g_strdup_printf ("it needs model = frequency in %s", names[k]);
      ck_assert_msg (strstr (r.err, "cut.ini:5:1: line:郑许市域铁路.headway_factor scales the "
                             "headways of the frequency approximation")
                     && strstr (r.err, "(line 6) follows the timetable")
                     && strstr (r.err, want), "%s", r.err);
      tt_run_clear (&r);
      /* asked for the approximation, the factor applies and the file runs */
      g_autofree char *freq = g_strdup_printf (
          "[scenario]\nnetwork = %s\nyear = 2025\n[overrides]\n"
          "line:郑许市域铁路.headway_factor = 2\n%smodel = frequency\n"
          "[output]\ndir = %s\nformats = json\n", data, sections[k], out);
      tt_write_file (dir, "cut.ini", freq);
      r = tt_run_tnet ("run", ini, "--quiet", NULL);
      ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
      tt_run_clear (&r);
    }
  /* a command given the file: the timetable by default is the error,
   * --frequency-model runs; a year has no override */
  TtRun c = tt_run_tnet ("commute", "--scenario", ini, "--origins", "luohe_west_hsr",
                         "--destinations", "xc_east_hsr", "--profiles", "transit", NULL);
  ck_assert_int_eq (c.status, 1);
  ck_assert_msg (strstr (c.err, "cut.ini:5:1: line:郑许市域铁路.headway_factor")
                 && strstr (c.err, "it needs --frequency-model"), "%s", c.err);
  tt_run_clear (&c);
  c = tt_run_tnet ("isochrone", "luohe_west_hsr", "--scenario", ini, "--minutes", "30",
                   "--profile", "transit", NULL);
  ck_assert_int_eq (c.status, 1);
  ck_assert_msg (strstr (c.err, "it needs --frequency-model"), "%s", c.err);
  tt_run_clear (&c);
  c = tt_run_tnet ("commute", "--scenario", ini, "--origins", "luohe_west_hsr",
                   "--destinations", "xc_east_hsr", "--profiles", "transit",
                   "--frequency-model", NULL);
  ck_assert_msg (c.status == 0, "%s", c.err);
  tt_run_clear (&c);
  /* car follows no timetable: the factor is not in the way */
  c = tt_run_tnet ("commute", "--scenario", ini, "--origins", "luohe_west_hsr",
                   "--destinations", "xc_east_hsr", "--profiles", "car", NULL);
  ck_assert_msg (c.status == 0, "%s", c.err);
  tt_run_clear (&c);
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_typo_errors)
{
  char *dir = tt_mkdtemp ();
  g_autofree char *data = tt_source_path ("data/xuchang");
  g_autofree char *ini = g_strdup_printf ("[scenario]\nnetwork = %s\nyear = 2025\n"
                                          "[commute]\norigins = kind:zone\n"
                                          "destinations = zz_center\nbuget_min = 60\n", data);
  tt_write_file (dir, "typo.ini", ini);
  g_autofree char *path = g_build_filename (dir, "typo.ini", NULL);
  TtRun r = tt_run_tnet ("run", path, "-o", dir, NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "typo.ini:7:1: unknown key 'buget_min' in [commute]")
                 && strstr (r.err, "did you mean 'budget_min'?"), "%s", r.err);
  ck_assert (!file_exists (dir, "results.json"));
  tt_run_clear (&r);

  /* an unknown link id, checked against the network, with a suggestion */
  g_autofree char *ini2 = g_strdup_printf ("[scenario]\nnetwork = %s\n[closures]\n"
                                           "links = l_g4_cg\n", data);
  tt_write_file (dir, "link.ini", ini2);
  g_autofree char *path2 = g_build_filename (dir, "link.ini", NULL);
  r = tt_run_tnet ("run", path2, "-o", dir, NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "link.ini:4:9: unknown link 'l_g4_cg'")
                 && strstr (r.err, "did you mean"), "%s", r.err);
  tt_run_clear (&r);

  /* the same file through --scenario of another command */
  r = tt_run_tnet ("route", "z_weidu", "zz_center", "--scenario", path, NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "did you mean 'budget_min'?"), "%s", r.err);
  tt_run_clear (&r);

  /* usage errors */
  r = tt_run_tnet ("run", NULL);
  ck_assert_int_eq (r.status, 2);
  tt_run_clear (&r);
  r = tt_run_tnet ("run", path, path, NULL);
  ck_assert_int_eq (r.status, 2);
  tt_run_clear (&r);
  r = tt_run_tnet ("run", "/nonexistent/x.ini", NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "/nonexistent/x.ini"), "%s", r.err);
  tt_run_clear (&r);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

START_TEST (test_scenario_option)
{
  g_autofree char *ini = tt_source_path ("examples/scenarios/g4-closure-changge.ini");
  /* without the closure the fastest way uses the G4 north of Changge */
  TtRun r = tt_run_tnet ("route", "z_changge", "zz_center", "--format", "json", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  ck_assert_ptr_nonnull (strstr (r.out, "\"l_g4_cg_n\""));
  tt_run_clear (&r);
  r = tt_run_tnet ("route", "z_changge", "zz_center", "--scenario", ini, "--format", "json",
                   NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  ck_assert_ptr_null (strstr (r.out, "\"l_g4_cg_n\""));
  tt_run_clear (&r);
}
END_TEST

START_TEST (test_map_command)
{
  char *dir = tt_mkdtemp ();
  g_autofree char *png = g_build_filename (dir, "n.png", NULL);
  g_autofree char *svg = g_build_filename (dir, "i.svg", NULL);
  g_autofree char *cor = g_build_filename (dir, "c.png", NULL);
  TtRun r = tt_run_tnet ("map", "-o", png, "--quiet", NULL);
  if (!tnet_map_supported ())
    {
      ck_assert_int_eq (r.status, 1);
      tt_run_clear (&r);
      tt_rm_rf (dir);
      g_free (dir);
      return;
    }
  ck_assert_msg (r.status == 0, "%s", r.err);
  tt_run_clear (&r);
  g_autofree char *head = NULL;
  gsize len = 0;
  ck_assert (g_file_get_contents (png, &head, &len, NULL));
  ck_assert_uint_gt (len, 10000);
  ck_assert (memcmp (head, "\x89PNG", 4) == 0);
  r = tt_run_tnet ("map", "--layer", "isochrone", "--from", "z_weidu", "--minutes", "45",
                   "-o", svg, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  tt_run_clear (&r);
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (svg, &text, NULL, NULL));
  ck_assert_ptr_nonnull (strstr (text, "<svg"));
  r = tt_run_tnet ("map", "--layer", "corridors", "xuchang", "zhengzhou", "-o", cor, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  tt_run_clear (&r);
  /* usage and input errors */
  r = tt_run_tnet ("map", NULL);
  ck_assert_int_eq (r.status, 2);
  tt_run_clear (&r);
  r = tt_run_tnet ("map", "--layer", "heat", "-o", png, NULL);
  ck_assert_int_eq (r.status, 2);
  tt_run_clear (&r);
  r = tt_run_tnet ("map", "--layer", "isochrone", "-o", png, NULL);
  ck_assert_int_eq (r.status, 2);
  tt_run_clear (&r);
  r = tt_run_tnet ("map", "--layer", "corridors", "xuchang", "-o", png, NULL);
  ck_assert_int_eq (r.status, 2);
  tt_run_clear (&r);
  g_autofree char *pdf = g_build_filename (dir, "x.pdf", NULL);
  r = tt_run_tnet ("map", "-o", pdf, NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "expected a file name ending in .svg or .png"), "%s", r.err);
  tt_run_clear (&r);
  r = tt_run_tnet ("map", "--layer", "isochrone", "--from", "z_wedu", "-o", png, NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "did you mean 'z_weidu'?"), "%s", r.err);
  tt_run_clear (&r);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* [commute] with depart: transit and park_and_ride by the timetable, each
 * cell the one of `tnet commute --profiles transit;park_and_ride --depart
 * ...` with the same options (two code paths through the command line).
 * With walks of at most 10 min the zones cannot walk their 15-min access
 * links, so a drive wins some cells: park-and-ride differs from transit
 * there, and is never slower (walking to the first stop stays possible).
 * A park-and-ride key without depart is an error. */
START_TEST (test_commute_timetable)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *ini_text = g_strdup_printf (
      "[scenario]\nnetwork = %s\nyear = 2025\n"
      "[commute]\norigins = z_weidu;z_changge;z_yuzhou;z_yanling\n"
      "destinations = zz_east_station;zz_center\nprofiles = car;transit;park_and_ride\n"
      "depart = 07:00\nwindow = 60\npercentile = 50\nmax_walk = 10\n"
      "drive_budget_min = 20\npark_time_min = 3\nparking_radius_m = 300\n"
      "[output]\ndir = %s\nformats = json\n", data, out);
  tt_write_file (dir, "c.ini", ini_text);
  g_autofree char *ini = g_build_filename (dir, "c.ini", NULL);
  TtRun r = tt_run_tnet ("run", ini, "--quiet", NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  tt_run_clear (&r);
  g_autoptr (JsonNode) res = parse_file (out, "results.json");
  JsonObject *com = json_object_get_object_member (json_node_get_object (res), "commute");
  JsonObject *models = json_object_get_object_member (com, "models");
  ck_assert_str_eq (json_object_get_string_member (models, "car"), "network");
  ck_assert_str_eq (json_object_get_string_member (models, "transit"), "timetable");
  ck_assert_str_eq (json_object_get_string_member (models, "park_and_ride"), "timetable");
  JsonObject *po = json_object_get_object_member (com, "park_and_ride");
  ck_assert_int_eq (json_object_get_int_member (po, "drive_budget_min"), 20);
  ck_assert_int_eq (json_object_get_int_member (po, "park_time_min"), 3);
  JsonArray *cells = json_object_get_array_member (
      json_array_get_object_element (json_object_get_array_member (com, "results"), 0), "cells");
  r = tt_run_tnet ("commute", "--data", data, "--scenario", "2025", "--format", "json",
                   "--origins", "z_weidu;z_changge;z_yuzhou;z_yanling", "--destinations",
                   "zz_east_station;zz_center", "--profiles", "car;transit;park_and_ride",
                   "--depart", "07:00", "--window", "60", "--percentiles", "50", "--max-walk",
                   "10", "--drive-budget", "20", "--park-time", "3", "--parking-radius", "300",
                   NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  g_autoptr (JsonParser) p = json_parser_new ();
  ck_assert (json_parser_load_from_data (p, r.out, -1, NULL));
  JsonArray *ref = json_object_get_array_member (json_node_get_object (json_parser_get_root (p)),
                                                 "cells");
  /* the one timetable object: the command's, member for member */
  JsonNode *tt_run = json_object_get_member (com, "timetable");
  JsonNode *tt_cmd = json_object_get_member (json_node_get_object (json_parser_get_root (p)),
                                             "timetable");
  g_autofree char *tt_run_s = node_text (tt_run);
  g_autofree char *tt_cmd_s = node_text (tt_cmd);
  ck_assert_msg (tt_run && tt_cmd && json_node_equal (tt_run, tt_cmd), "run %s\ncommute %s",
                 tt_run_s, tt_cmd_s);
  ck_assert_int_eq (json_object_get_int_member (json_node_get_object (tt_cmd), "window_min"),
                    60);
  ck_assert_uint_eq (json_array_get_length (cells), 3 * 4 * 2);
  ck_assert_uint_eq (json_array_get_length (ref), 3 * 4 * 2);
  guint n_faster = 0;
  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      JsonObject *a = json_array_get_object_element (cells, i);
      JsonObject *b = json_array_get_object_element (ref, i);
      ck_assert_str_eq (json_object_get_string_member (a, "profile"),
                        json_object_get_string_member (b, "profile"));
      ck_assert_str_eq (json_object_get_string_member (a, "origin"),
                        json_object_get_string_member (b, "origin"));
      ck_assert_str_eq (json_object_get_string_member (a, "destination"),
                        json_object_get_string_member (b, "destination"));
      gboolean na = json_object_get_null_member (a, "minutes");
      ck_assert (na == json_object_get_null_member (b, "minutes"));
      double m = na ? INFINITY : json_object_get_double_member (a, "minutes");
      ck_assert_msg (na || m == json_object_get_double_member (b, "minutes"), "cell %u: %.1f "
                     "against %.1f", i, m, json_object_get_double_member (b, "minutes"));
      if (strcmp (json_object_get_string_member (a, "profile"), "park_and_ride") == 0)
        {
          /* the transit cell of the same pair, 8 cells before */
          JsonObject *t = json_array_get_object_element (cells, i - 8);
          ck_assert_str_eq (json_object_get_string_member (t, "profile"), "transit");
          double tm = json_object_get_null_member (t, "minutes")
                      ? INFINITY : json_object_get_double_member (t, "minutes");
          ck_assert_msg (m <= tm, "cell %u: park-and-ride %.1f, transit %.1f", i, m, tm);
          n_faster += m < tm;
          ck_assert (json_object_get_null_member (a, "wait_min"));   /* no parts */
        }
    }
  ck_assert_uint_gt (n_faster, 0);
  tt_run_clear (&r);

  /* a key of the timetable beside model = frequency: an error naming
   * both and the lines of the two keys */
  g_autofree char *bad = g_strdup_printf (
      "[scenario]\nnetwork = %s\n[commute]\norigins = z_weidu\ndestinations = zz_center\n"
      "drive_budget_min = 20\nmodel = frequency\n[output]\ndir = %s\n", data, out);
  tt_write_file (dir, "c.ini", bad);
  r = tt_run_tnet ("run", ini, "--quiet", NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "c.ini:6: [commute] drive_budget_min") != NULL
                 && strstr (r.err, "model = frequency (line 7)") != NULL, "%s", r.err);
  tt_run_clear (&r);
  tt_rm_rf (dir);
}
END_TEST

/* The report's KEY_transit (docs/json-schema.md) has the members of `tnet
 * commute`'s timetable object, written by the same code: with the plan's
 * defaults (its first [commute] group, key commute) each member of the
 * command's object stands in the report's with the same value and type. */
START_TEST (test_report_commute_timetable)
{
  TtRun r = tt_run_tnet ("report", "--scenario", "2025", "--format", "json", "--quiet", NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  g_autoptr (JsonParser) rp = json_parser_new ();
  ck_assert (json_parser_load_from_data (rp, r.out, -1, NULL));
  tt_run_clear (&r);
  JsonObject *ind = json_object_get_object_member (json_object_get_object_member (
      json_object_get_object_member (json_node_get_object (json_parser_get_root (rp)),
                                     "scenarios"), "2025"), "indicators");
  JsonObject *rep = json_object_get_object_member (ind, "commute_transit");
  ck_assert_str_eq (json_object_get_string_member (rep, "model"), "timetable");
  r = tt_run_tnet ("commute", "--scenario", "2025", "--profiles", "transit", "--origins",
                   "z_weidu", "--destinations", "zz_center", "--format", "json", "--quiet",
                   NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  g_autoptr (JsonParser) cp = json_parser_new ();
  ck_assert (json_parser_load_from_data (cp, r.out, -1, NULL));
  tt_run_clear (&r);
  JsonObject *cmd = json_object_get_object_member (
      json_node_get_object (json_parser_get_root (cp)), "timetable");
  ck_assert_uint_eq (json_object_get_size (cmd), 6);
  g_autoptr (GList) names = json_object_get_members (cmd);
  for (GList *l = names; l; l = l->next)
    {
      JsonNode *want = json_object_get_member (cmd, l->data);
      JsonNode *got = json_object_get_member (rep, l->data);
      g_autofree char *ws = node_text (want);
      g_autofree char *gs = got ? node_text (got) : g_strdup ("(none)");
      ck_assert_msg (got && json_node_equal (got, want) && json_node_get_value_type (got)
                     == json_node_get_value_type (want), "%s: report %s, commute %s",
                     (const char *) l->data, gs, ws);
    }
  ck_assert_int_eq (json_object_get_int_member (cmd, "date"), 20250101);
  ck_assert_int_eq (json_object_get_int_member (cmd, "window_min"), 120);
}
END_TEST

/* One [criticality] of `tnet run` against `tnet criticality --format json`
 * with the same options: results.json's criticality item equals the
 * command's document, member by member (the library's one writer on both
 * sides, and two code paths to the options and the timetable). @keys: the
 * section's extra lines; @extra: the command's options (NULL-terminated). */
static void
check_run_criticality (const char *data, const char *dir, const char *profile,
                       const char *keys, const char *const *extra, const char *model)
{
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *ini_text = g_strdup_printf (
      "[scenario]\nnetwork = %s\nyear = 2025\n"
      "[criticality]\npairs = xuchang>zhengzhou\nprofile = %s\ntop = 40\n%s"
      "[output]\ndir = %s\nformats = json\n", data, profile, keys, out);
  tt_write_file (dir, "k.ini", ini_text);
  g_autofree char *ini = g_build_filename (dir, "k.ini", NULL);
  TtRun r = tt_run_tnet ("run", ini, "--quiet", NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  tt_run_clear (&r);
  g_autoptr (JsonNode) res = parse_file (out, "results.json");
  JsonArray *crits = json_object_get_array_member (json_node_get_object (res), "criticality");
  ck_assert_uint_eq (json_array_get_length (crits), 1);
  JsonNode *got = json_array_get_element (crits, 0);
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *base[] = { "criticality", "xuchang", "zhengzhou", "--data", data, "--scenario",
                         "2025", "--format", "json", "--top", "40", "--profile", profile };
  for (guint k = 0; k < G_N_ELEMENTS (base); k++)
    g_ptr_array_add (args, (gpointer) base[k]);
  for (guint k = 0; extra[k]; k++)
    g_ptr_array_add (args, (gpointer) extra[k]);
  g_ptr_array_add (args, NULL);
  r = tt_run_tnetv ((const char *const *) args->pdata);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  g_autoptr (JsonParser) p = json_parser_new ();
  ck_assert (json_parser_load_from_data (p, r.out, -1, NULL));
  tt_run_clear (&r);
  JsonNode *want = json_parser_get_root (p);
  g_autofree char *gs = json_to_string (got, TRUE);
  g_autofree char *ws = json_to_string (want, TRUE);
  ck_assert_msg (json_node_equal (got, want), "%s %s: run\n%s\ncriticality\n%s", profile, keys,
                 gs, ws);
  JsonObject *o = json_node_get_object (got);
  ck_assert_str_eq (json_object_get_string_member (o, "profile"), profile);
  ck_assert_str_eq (json_object_get_string_member (o, "model"), model);
  ck_assert_uint_gt (json_array_get_length (json_object_get_array_member (o, "ranked")), 3);
}

/* [criticality] follows the timetable for transit and park_and_ride by
 * default, with the keys and defaults of `tnet criticality`; model =
 * frequency is its --frequency-model; a key of the timetable beside it is
 * an error naming both lines. */
START_TEST (test_criticality_timetable)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  g_autofree char *dir = tt_mkdtemp ();
  const char *none[] = { NULL };
  check_run_criticality (data, dir, "transit", "", none, "timetable");
  check_run_criticality (data, dir, "park_and_ride", "", none, "timetable");
  const char *opts[] = { "--depart", "07:30", "--window", "10", "--percentile", "80",
                         "--max-walk", "10", "--drive-budget", "20", "--park-time", "3",
                         "--parking-radius", "500", "--by", "line", NULL };
  check_run_criticality (data, dir, "park_and_ride",
                         "depart = 07:30\nwindow = 10\npercentile = 80\nmax_walk = 10\n"
                         "drive_budget_min = 20\npark_time_min = 3\nparking_radius_m = 500\n"
                         "by = line\n", opts, "timetable");
  const char *freq[] = { "--frequency-model", NULL };
  check_run_criticality (data, dir, "transit", "model = frequency\n", freq,
                         "frequency approximation");
  check_run_criticality (data, dir, "park_and_ride", "model = frequency\n", freq,
                         "frequency approximation");
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *bad = g_strdup_printf (
      "[scenario]\nnetwork = %s\n[criticality]\npairs = xuchang>zhengzhou\n"
      "profile = park_and_ride\nmodel = frequency\ndepart = 07:00\n[output]\ndir = %s\n",
      data, out);
  tt_write_file (dir, "k.ini", bad);
  g_autofree char *ini = g_build_filename (dir, "k.ini", NULL);
  TtRun r = tt_run_tnet ("run", ini, "--quiet", NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "k.ini:7: [criticality] depart") != NULL
                 && strstr (r.err, "model = frequency (line 6)") != NULL, "%s", r.err);
  tt_run_clear (&r);
  tt_rm_rf (dir);
}
END_TEST

/* The cells of results.json's first commute result and those of `tnet
 * commute` with @extra (a NULL-terminated option list) for the same
 * places and profiles: equal minutes, cell by cell. Returns the number of
 * cells. */
static guint
check_commute_cells (const char *data, JsonNode *res, const char *const *extra)
{
  JsonObject *com = json_object_get_object_member (json_node_get_object (res), "commute");
  JsonArray *cells = json_object_get_array_member (
      json_array_get_object_element (json_object_get_array_member (com, "results"), 0), "cells");
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *base[] = { "commute", "--data", data, "--scenario", "2025", "--format", "json",
                         "--origins", "z_weidu;z_changge;z_yuzhou;z_yanling",
                         "--destinations", "zz_east_station;zz_center",
                         "--profiles", "car;transit;park_and_ride" };
  for (guint k = 0; k < G_N_ELEMENTS (base); k++)
    g_ptr_array_add (args, (gpointer) base[k]);
  for (guint k = 0; extra[k]; k++)
    g_ptr_array_add (args, (gpointer) extra[k]);
  g_ptr_array_add (args, NULL);
  TtRun r = tt_run_tnetv ((const char *const *) args->pdata);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  g_autoptr (JsonParser) p = json_parser_new ();
  ck_assert (json_parser_load_from_data (p, r.out, -1, NULL));
  tt_run_clear (&r);
  JsonArray *ref = json_object_get_array_member (json_node_get_object (json_parser_get_root (p)),
                                                 "cells");
  ck_assert_uint_eq (json_array_get_length (cells), 3 * 4 * 2);
  ck_assert_uint_eq (json_array_get_length (ref), 3 * 4 * 2);
  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      JsonObject *a = json_array_get_object_element (cells, i);
      JsonObject *b = json_array_get_object_element (ref, i);
      ck_assert_str_eq (json_object_get_string_member (a, "profile"),
                        json_object_get_string_member (b, "profile"));
      ck_assert_str_eq (json_object_get_string_member (a, "origin"),
                        json_object_get_string_member (b, "origin"));
      ck_assert_str_eq (json_object_get_string_member (a, "destination"),
                        json_object_get_string_member (b, "destination"));
      gboolean na = json_object_get_null_member (a, "minutes");
      ck_assert (na == json_object_get_null_member (b, "minutes"));
      ck_assert_msg (na || json_object_get_double_member (a, "minutes")
                           == json_object_get_double_member (b, "minutes"),
                     "cell %u: %.1f against %.1f", i,
                     json_object_get_double_member (a, "minutes"),
                     json_object_get_double_member (b, "minutes"));
    }
  return json_array_get_length (cells);
}

/* [commute] without a key of the timetable follows the timetable with the
 * defaults of `tnet commute`: in the bundled folder the keys of plan.ini's
 * first [commute] group (depart 07:00, window 120, max_walk unset: its
 * 60-min budget; the median; park-and-ride 30 min, 5 min, 400 m): each
 * cell equals the command's with no timetable option (the command line as
 * the second code path); model = frequency equals `tnet commute
 * --frequency-model`, and the two differ somewhere. */
START_TEST (test_commute_default_timetable)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *ini = g_build_filename (dir, "c.ini", NULL);
  JsonNode *by_model[2] = { NULL, NULL };
  for (guint m = 0; m < 2; m++)
    {
      g_autofree char *ini_text = g_strdup_printf (
          "[scenario]\nnetwork = %s\nyear = 2025\n"
          "[commute]\norigins = z_weidu;z_changge;z_yuzhou;z_yanling\n"
          "destinations = zz_east_station;zz_center\nprofiles = car;transit;park_and_ride\n"
          "%s[output]\ndir = %s\nformats = json\n", data, m ? "model = frequency\n" : "",
          out);
      tt_write_file (dir, "c.ini", ini_text);
      TtRun r = tt_run_tnet ("run", ini, "--quiet", NULL);
      ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
      tt_run_clear (&r);
      by_model[m] = parse_file (out, "results.json");
      JsonObject *com = json_object_get_object_member (json_node_get_object (by_model[m]),
                                                       "commute");
      JsonObject *models = json_object_get_object_member (com, "models");
      const char *want = m ? "frequency approximation" : "timetable";
      ck_assert_str_eq (json_object_get_string_member (models, "transit"), want);
      ck_assert_str_eq (json_object_get_string_member (models, "park_and_ride"), want);
      ck_assert (json_object_has_member (com, "timetable") == !m);
    }
  static const char *const none[] = { NULL };
  static const char *const freq[] = { "--frequency-model", NULL };
  ck_assert_uint_eq (check_commute_cells (data, by_model[0], none), 24);
  ck_assert_uint_eq (check_commute_cells (data, by_model[1], freq), 24);
  JsonObject *tt = json_object_get_object_member (json_object_get_object_member (
      json_node_get_object (by_model[0]), "commute"), "timetable");
  ck_assert_str_eq (json_object_get_string_member (tt, "depart"), "07:00");
  ck_assert_int_eq (json_object_get_int_member (tt, "window_min"), 120);
  ck_assert_int_eq (json_object_get_int_member (tt, "max_walk_min"), 60);
  /* the two models give different times for some cell */
  guint n_differ = 0;
  for (guint i = 0; i < 24; i++)
    {
      JsonArray *c[2];
      for (guint m = 0; m < 2; m++)
        c[m] = json_object_get_array_member (json_array_get_object_element (
            json_object_get_array_member (json_object_get_object_member (
                json_node_get_object (by_model[m]), "commute"), "results"), 0), "cells");
      JsonObject *x = json_array_get_object_element (c[0], i);
      JsonObject *y = json_array_get_object_element (c[1], i);
      double mx = json_object_get_null_member (x, "minutes") ? -1
                  : json_object_get_double_member (x, "minutes");
      double my = json_object_get_null_member (y, "minutes") ? -1
                  : json_object_get_double_member (y, "minutes");
      n_differ += mx != my;
    }
  ck_assert_uint_gt (n_differ, 0);
  json_node_unref (by_model[0]);
  json_node_unref (by_model[1]);
  tt_rm_rf (dir);
}
END_TEST


static Suite *
run_suite (void)
{
  Suite *s = suite_create ("run");
  TCase *tc = tcase_create ("examples");
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_baseline_and_plan);
  tcase_add_test (tc, test_g4_closure);
  tcase_add_test (tc, test_corridors_profile);
  tcase_add_test (tc, test_service_cut_and_study);
  suite_add_tcase (s, tc);
  tc = tcase_create ("errors");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_typo_errors);
  tcase_add_test (tc, test_isochrone_timetable);
  tcase_add_test (tc, test_headway_factor_timetable);
  tcase_add_test (tc, test_commute_timetable);
  tcase_add_test (tc, test_commute_default_timetable);
  tcase_add_test (tc, test_report_commute_timetable);
  tcase_add_test (tc, test_criticality_timetable);
  tcase_add_test (tc, test_corridors_timetable);
  tcase_add_test (tc, test_defaults_are_the_commands);
  tcase_add_test (tc, test_scenario_option);
  tcase_add_test (tc, test_map_command);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return tt_run_suite (run_suite ());
}
