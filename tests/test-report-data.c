/* test-report-data.c: the data-regression suite. It checks the bundled
 * Xuchang DATA, not the code: the expressway and rail lengths were calibrated
 * to the plan's figures, the line counts and hub walks were entered from the
 * plan and its defaults, so these cases only say that the data set still
 * carries those inputs and that they load (a change of data/xuchang that
 * moves them must be deliberate). The code itself is checked against
 * independent oracles in the other suites. Also `tnet report`, `commute`
 * and `isochrone` as child processes on the bundled data. */
#include "tests-common.h"
#include <json-glib/json-glib.h>
#include <sys/wait.h>
#include <math.h>

typedef struct {
  TnetNetwork *net;
  TnetScenario *s2020, *s2025;
} Data;

static Data
data_load (void)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  GError *error = NULL;
  Data d = { tnet_network_load_csv (dir, &error), tnet_scenario_new (2020),
             tnet_scenario_new (2025) };
  ck_assert_msg (d.net != NULL, "%s", error ? error->message : "");
  return d;
}

static void
data_free (Data *d)
{
  tnet_network_free (d->net);
  tnet_scenario_free (d->s2020);
  tnet_scenario_free (d->s2025);
}

static void
assert_within (double value, double expected, double tolerance_pct, const char *what)
{
  double tol = expected * tolerance_pct / 100.0;
  ck_assert_msg (fabs (value - expected) <= tol, "%s = %.2f, expected %.1f ± %.1f %%",
                 what, value, expected, tolerance_pct);
}

START_TEST (test_lengths)
{
  Data d = data_load ();
  guint ew = TNET_MODE_BIT (TNET_MODE_EXPRESSWAY);
  assert_within (tnet_indicator_length_km (d.net, d.s2020, ew, "xuchang"), 281, 3,
                 "expressway km 2020");
  assert_within (tnet_indicator_length_km (d.net, d.s2025, ew, "xuchang"), 445, 3,
                 "expressway km 2025");
  assert_within (tnet_indicator_length_km (d.net, d.s2020, TNET_MODES_RAIL, "xuchang"), 307, 5,
                 "rail km 2020");
  assert_within (tnet_indicator_length_km (d.net, d.s2020, TNET_MODE_BIT (TNET_MODE_HSR),
                                           "xuchang"), 154, 5, "hsr km 2020");
  data_free (&d);
}
END_TEST

START_TEST (test_county_units)
{
  Data d = data_load ();
  g_autofree char *path = tt_source_path ("data/xuchang/units.csv");
  GError *error = NULL;
  g_autoptr (TnetUnitTable) units = tnet_unit_table_load_csv (d.net, path, &error);
  ck_assert_msg (units != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (tnet_unit_table_n_units (units), 5);
  guint ew = TNET_MODE_BIT (TNET_MODE_EXPRESSWAY);
  ck_assert_double_eq_tol (tnet_indicator_units_min_lines_pct (d.net, d.s2020, units, ew, 2),
                           80.0, 1e-9);
  ck_assert_double_eq_tol (tnet_indicator_units_min_lines_pct (d.net, d.s2025, units, ew, 2),
                           100.0, 1e-9);
  /* the 2020 exception is 襄城 (only the 许广 expressway) */
  int xc = tnet_unit_table_find (units, "xiangcheng");
  ck_assert_int_ge (xc, 0);
  ck_assert_uint_eq (tnet_indicator_unit_lines (d.net, d.s2020, tnet_unit_table_get (units, xc),
                                                ew, NULL), 1);
  /* every county seat reaches an interchange; the plan's "10 minutes" is
   * about that order */
  double minutes[5];
  ck_assert (tnet_indicator_interchange_minutes (d.net, d.s2025, units, minutes, NULL, &error));
  for (guint u = 0; u < 5; u++)
    ck_assert_msg (minutes[u] > 0 && minutes[u] < 20, "unit %u: %.1f min", u, minutes[u]);
  data_free (&d);
}
END_TEST

static void
check_lines (const Data *d, const TnetScenario *s, const char *region, guint mask,
             guint expected, const char *must_have)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new ();
  guint n = tnet_corridor_line_count (d->net, s, "xuchang", region, mask, lines);
  g_autoptr (GString) names = g_string_new (NULL);
  gboolean found = must_have == NULL;
  for (guint k = 0; k < lines->len; k++)
    {
      const char *line = g_ptr_array_index (lines, k);
      g_string_append_printf (names, "%s%s", k ? ", " : "", line);
      found |= must_have && strcmp (line, must_have) == 0;
    }
  ck_assert_msg (n == expected, "%d to %s: %u lines (%s), expected %u",
                 tnet_scenario_get_year (s), region, n, names->str, expected);
  ck_assert_msg (found, "%s missing from %s", must_have, names->str);
}

START_TEST (test_line_counts)
{
  Data d = data_load ();
  check_lines (&d, d.s2020, "zhengzhou", TNET_MODES_RAIL, 4, "京广高铁");
  check_lines (&d, d.s2020, "zhengzhou", TNET_MODES_ROAD, 7, "G4 京港澳高速");
  check_lines (&d, d.s2025, "zhengzhou", TNET_MODES_RAIL, 5, "郑许市域铁路");
  check_lines (&d, d.s2025, "zhengzhou", TNET_MODES_ROAD, 15, "郑南高速");
  check_lines (&d, d.s2020, "airport", TNET_MODES_RAIL, 2, "郑合高铁");
  check_lines (&d, d.s2020, "airport", TNET_MODES_ROAD, 3, "安罗高速");
  check_lines (&d, d.s2025, "airport", TNET_MODES_RAIL, 3, "郑许市域铁路");
  check_lines (&d, d.s2025, "airport", TNET_MODES_ROAD, 8, "尉临高速");
  data_free (&d);
}
END_TEST

static TnetHubTransfers *
bundled (const TnetNetwork *net, const TnetHubSet *hubs, int year)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  g_autofree char *fp = tnet_feed_path_for_year (dir, year);
  GError *error = NULL;
  g_autoptr (TnetFeed) feed = tnet_feed_load (fp, NULL, &error);
  ck_assert_msg (feed != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetScenario) scen = tnet_scenario_new (year);
  (void) net;
  return tnet_hub_transfers_compute (hubs, feed, scen);
}

/* The hubs of the bundled data: their walks are hub_walks.csv's own
 * defaults (8 min in 2020, 5 min for the new hubs, facts §6.1), so this
 * checks that the data still say so and that the tables read them, not
 * the transfer computation (test-hubs.c does that on hand-made hubs). */
START_TEST (test_bundled_hubs)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  g_autofree char *h = g_build_filename (dir, "hubs.csv", NULL);
  g_autofree char *w = g_build_filename (dir, "hub_walks.csv", NULL);
  g_autoptr (TnetHubSet) hubs = tnet_hub_set_load_csv (net, h, w, &error);
  ck_assert_msg (hubs != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetHubTransfers) t25 = bundled (net, hubs, 2025);
  g_autoptr (TnetHubTransfers) t20 = bundled (net, hubs, 2020);
  static const char *const plan[] = { "h_yuzhou", "h_changge_north", "h_xuchang_north",
                                      "h_nongdalu", "h_chanye_xincheng", "h_xuchang_east" };
  for (guint k = 0; k < G_N_ELEMENTS (plan); k++)
    {
      int i = tnet_hub_transfers_find (t25, plan[k]);
      ck_assert_int_ge (i, 0);
      const TnetHubTable *tab = tnet_hub_transfers_get (t25, (guint) i);
      ck_assert_msg (tab->in_service, "%s: %s", plan[k], tab->status);
      ck_assert_uint_ge (tab->n_pairs, 2);
      if (tab->hub->kind == TNET_HUB_INTEGRATED_NEW)
        {
          ck_assert_double_eq_tol (tab->mean_walk_min, 5, 1e-9);
          ck_assert (tab->pass);
        }
    }
  guint n = 0;
  ck_assert_double_eq_tol (tnet_hub_transfers_indicator_min (t25, TNET_HUB_INTEGRATED_NEW, &n),
                           5, 1e-9);
  ck_assert_uint_eq (n, 5);
  /* 2020: only 许昌北 of the new hubs is open (8 min walk); the others are
   * not in service, with no figure */
  static const char *const absent[] = { "h_yuzhou", "h_changge_north", "h_nongdalu",
                                        "h_chanye_xincheng" };
  for (guint k = 0; k < G_N_ELEMENTS (absent); k++)
    {
      const TnetHubTable *tab = tnet_hub_transfers_get (t20, (guint) tnet_hub_transfers_find (t20, absent[k]));
      ck_assert (!tab->in_service);
      ck_assert (g_str_has_prefix (tab->status, "not open until"));
      ck_assert (isnan (tab->mean_walk_min));
    }
  const TnetHubTable *xn = tnet_hub_transfers_get (t20, (guint) tnet_hub_transfers_find (t20, "h_xuchang_north"));
  ck_assert (xn->in_service);
  ck_assert_double_eq_tol (xn->mean_walk_min, 8, 1e-9);
  ck_assert (!xn->pass);
  ck_assert_double_eq_tol (tnet_hub_transfers_indicator_min (t20, TNET_HUB_INTEGRATED_NEW, &n),
                           8, 1e-9);
  ck_assert_uint_eq (n, 1);
}
END_TEST

/* ---------- tnet report ---------- */


START_TEST (test_cli_json)
{
  static const char *const args[] = { "report", "--format", "json", NULL };
  TtRun r = tt_run_tnetv (args);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  g_autoptr (JsonParser) p = json_parser_new ();
  GError *error = NULL;
  ck_assert_msg (json_parser_load_from_data (p, r.out, -1, &error), "%s",
                 error ? error->message : "");
  JsonObject *root = json_node_get_object (json_parser_get_root (p));
  ck_assert (json_object_has_member (root, "targets"));
  JsonObject *scen = json_object_get_object_member (root, "scenarios");
  static const char *const keys[] = {
    "expressway_km", "rail_km", "hsr_km", "county_units_2_expressways_pct",
    "zhengzhou_rail_lines", "zhengzhou_road_lines", "airport_rail_lines",
    "airport_road_lines", "trunk_class2_pct", "interchange_minutes",
    "commute_60min_population_pct", "commute_minutes", "commute_60min_pct", NULL
  };
  static const char *const years[] = { "2020", "2025" };
  for (guint y = 0; y < 2; y++)
    {
      ck_assert_msg (json_object_has_member (scen, years[y]), "no scenario %s", years[y]);
      JsonObject *ind = json_object_get_object_member (
          json_object_get_object_member (scen, years[y]), "indicators");
      for (guint k = 0; keys[k]; k++)
        ck_assert_msg (json_object_has_member (ind, keys[k]), "%s: no %s", years[y], keys[k]);
    }
  JsonObject *ind25 = json_object_get_object_member (
      json_object_get_object_member (scen, "2025"), "indicators");
  ck_assert_int_eq (json_object_get_int_member (ind25, "zhengzhou_road_lines"), 15);
  ck_assert_int_eq (json_object_get_int_member (ind25, "airport_rail_lines"), 3);
  JsonObject *cm = json_object_get_object_member (
      json_object_get_object_member (json_object_get_object_member (ind25, "commute_minutes"),
                                     "shiqu"), "zz_center");
  double transit = json_object_get_double_member (cm, "transit");
  ck_assert_msg (transit > 35 && transit < 80, "%.1f", transit);
  JsonObject *share = json_object_get_object_member (ind25, "commute_60min_population_pct");
  ck_assert (json_object_has_member (share, "park_and_ride"));
  ck_assert (json_object_has_member (ind25, "commute_changes"));
  tt_run_clear (&r);
}
END_TEST

START_TEST (test_cli_text_csv_errors)
{
  static const char *const text_args[] = { "report", NULL };
  TtRun r = tt_run_tnetv (text_args);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  ck_assert_msg (strstr (r.out, "高速公路里程 Expressway length"), "%s", r.out);
  ck_assert_msg (strstr (r.out, "郑许市域铁路"), "%s", r.out);
  tt_run_clear (&r);

  static const char *const csv_args[] = { "report", "--format", "csv", NULL };
  r = tt_run_tnetv (csv_args);
  ck_assert_int_eq (r.status, 0);
  ck_assert_msg (g_str_has_prefix (r.out, "indicator,2020,2025,target,pass\n"), "%s", r.out);
  ck_assert_msg (strstr (r.out, "\nzhengzhou_rail_lines,4,5,"), "%s", r.out);
  tt_run_clear (&r);

  static const char *const bad_format[] = { "report", "--format", "geojson", NULL };
  r = tt_run_tnetv (bad_format);
  ck_assert_int_eq (r.status, 2);
  tt_run_clear (&r);
  static const char *const extra[] = { "report", "extra", NULL };
  r = tt_run_tnetv (extra);
  ck_assert_int_eq (r.status, 2);
  tt_run_clear (&r);

  /* a broken units.csv: exit 1 naming the place */
  g_autofree char *dir = tt_mkdtemp ();
  tt_write_file (dir, "nodes.csv", "id,name,kind,lon,lat,county,region\n"
                                   "a,A,zone,113.8,34.0,魏都区,xuchang\n");
  tt_write_file (dir, "links.csv", "id,from,to,mode,line,length_km\n");
  tt_write_file (dir, "units.csv", "unit,name,counties,seat_node\nu,U,魏都区,b\n");
  static const char *bad_units[] = { "report", "--data", NULL, NULL };
  bad_units[2] = dir;
  r = tt_run_tnetv (bad_units);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "units.csv:2:"), "%s", r.err);
  tt_run_clear (&r);
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_cli_commute_isochrone)
{
  static const char *const args[] = { "commute", "--format", "json", "--profiles", "transit",
                                      "--origins", "z_weidu", "--destinations", "zz_east_station",
                                      NULL };
  TtRun r = tt_run_tnetv (args);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  g_autoptr (JsonParser) p = json_parser_new ();
  ck_assert (json_parser_load_from_data (p, r.out, -1, NULL));
  JsonObject *root = json_node_get_object (json_parser_get_root (p));
  JsonArray *cells = json_object_get_array_member (root, "cells");
  ck_assert_uint_eq (json_array_get_length (cells), 1);
  JsonObject *cell = json_array_get_object_element (cells, 0);
  double total = json_object_get_double_member (cell, "minutes");
  double parts = json_object_get_double_member (cell, "access_min")
                 + json_object_get_double_member (cell, "wait_min")
                 + json_object_get_double_member (cell, "in_vehicle_min")
                 + json_object_get_double_member (cell, "transfer_min")
                 + json_object_get_double_member (cell, "egress_min");
  ck_assert_double_eq_tol (total, parts, 0.3);
  ck_assert_str_eq (json_array_get_string_element (
      json_object_get_array_member (cell, "lines"), 0), "京广高铁");
  tt_run_clear (&r);

  static const char *const csv[] = { "commute", "--format", "csv", NULL };
  r = tt_run_tnetv (csv);
  ck_assert_int_eq (r.status, 0);
  ck_assert (g_str_has_prefix (r.out, "profile,origin,destination,minutes,access_min"));
  tt_run_clear (&r);
  static const char *const bad[] = { "commute", "--profiles", "bike", NULL };
  r = tt_run_tnetv (bad);
  ck_assert_int_eq (r.status, 2);
  tt_run_clear (&r);
  static const char *const bad_place[] = { "commute", "--origins", "nowhere", NULL };
  r = tt_run_tnetv (bad_place);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "nowhere"), "%s", r.err);
  tt_run_clear (&r);

  static const char *const iso[] = { "isochrone", "z_weidu", "--minutes", "20", NULL };
  r = tt_run_tnetv (iso);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  g_autoptr (JsonParser) q = json_parser_new ();
  ck_assert (json_parser_load_from_data (q, r.out, -1, NULL));
  JsonObject *fc = json_node_get_object (json_parser_get_root (q));
  ck_assert_str_eq (json_object_get_string_member (fc, "type"), "FeatureCollection");
  JsonArray *features = json_object_get_array_member (fc, "features");
  ck_assert_uint_gt (json_array_get_length (features), 1);
  for (guint k = 0; k < json_array_get_length (features); k++)
    {
      JsonObject *props = json_object_get_object_member (
          json_array_get_object_element (features, k), "properties");
      double m = json_object_has_member (props, "minutes")
                 ? json_object_get_double_member (props, "minutes")
                 : json_object_get_double_member (props, "to_minutes");
      ck_assert_double_le (m, 20.0);
    }
  tt_run_clear (&r);
  static const char *const iso_bad[] = { "isochrone", NULL };
  r = tt_run_tnetv (iso_bad);
  ck_assert_int_eq (r.status, 2);
  tt_run_clear (&r);
}
END_TEST

Suite *report_data_suite (void);

Suite *
report_data_suite (void)
{
  Suite *s = suite_create ("data-regression");
  TCase *tc = tcase_create ("bundled");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_lengths);
  tcase_add_test (tc, test_county_units);
  tcase_add_test (tc, test_line_counts);
  tcase_add_test (tc, test_bundled_hubs);
  tcase_add_test (tc, test_cli_json);
  tcase_add_test (tc, test_cli_text_csv_errors);
  tcase_add_test (tc, test_cli_commute_isochrone);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return tt_run_suite (report_data_suite ());
}
