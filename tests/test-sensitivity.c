/* test-sensitivity.c: one-at-a-time sensitivity of a report indicator
 * (tnet_report_sensitivity) on a hand-built folder whose ranking is known by
 * hand.
 *
 * The folder: zone z (seat of the one county unit) joined to interchange a
 * by a trunk link t1 of 10 km at 60 km/h (confidence low); then three
 * expressway links a–b (e1, 10 km, low), b–c (e2, 20 km, medium) and c–d
 * (e3, 30 km, high). Half-widths (plan.ini [uncertainty]): length 0.01 /
 * 0.03 / 0.08 and speed 0.05 / 0.10 / 0.20 for high / medium / low.
 *
 * expressway_km = 60 km moves with the expressway lengths only; each row at
 * its ends moves it by ± h × length:
 *   e1: 60 ∓ 0.8  → low 59.2, high 60.8, swing 1.6
 *   e2: 60 ∓ 0.6  → low 59.4, high 60.6, swing 1.2
 *   e3: 60 ∓ 0.3  → low 59.7, high 60.3, swing 0.6
 * so the ranking is e1, e2, e3 although e3 is the longest; t1 does not move
 * it and is left out.
 * interchange_minutes = 10 min (the seat's nearest interchange is a, over
 * t1 alone) moves with t1 only: low 10 × 0.92 / 1.2 = 7.6667, high
 * 10 × 1.08 / 0.8 = 13.5. */
#include "tests-common.h"
#include <glib/gstdio.h>

static const char *const nodes =
  "id,name,kind,lon,lat,name_en,county,region,population,source,confidence\n"
  "z,Z,zone,10.00,50.00,,c1,valley,1000,t,high\n"
  "a,A,interchange,10.10,50.00,,c1,valley,,t,high\n"
  "b,B,interchange,10.20,50.00,,c1,valley,,t,high\n"
  "c,C,interchange,10.40,50.00,,c1,valley,,t,high\n"
  "d,D,interchange,10.80,50.00,,c1,valley,,t,high\n";
static const char *const links =
  "id,from,to,mode,line,length_km,speed_kmh,time_min,oneway,class,open_year,status,tags,"
  "source,confidence\n"
  "t1,z,a,trunk,T1,10,60,,,I,,existing,,t,low\n"
  "e1,a,b,expressway,E1,10,120,,,expressway,,existing,,t,low\n"
  "e2,b,c,expressway,E1,20,120,,,expressway,,existing,,t,medium\n"
  "e3,c,d,expressway,E1,30,120,,,expressway,,existing,,t,high\n";
static const char *const plan =
  "[plan]\nhome = valley\nunits = units.csv\ntargets = targets.csv\n"
  "[uncertainty]\nlength_high = 0.01\nlength_medium = 0.03\nlength_low = 0.08\n"
  "speed_high = 0.05\nspeed_medium = 0.10\nspeed_low = 0.20\n";
static const char *const units =
  "unit,name,name_en,counties,seat_node,zone_node\nu1,U,U,c1,z,z\n";
static const char *const targets =
  "indicator,name,unit,baseline_2020,target_2025,comparison,source\n"
  "expressway_km,Expressway,km,,61,ge,hand\n"
  "interchange_minutes,Interchange,min,,12,le,hand\n";
static const char *const regions = "id,name,name_en\nvalley,Valley,Valley\n";

static char *
make_folder (void)
{
  char *dir = tt_mkdtemp ();
  tt_write_file (dir, "nodes.csv", nodes);
  tt_write_file (dir, "links.csv", links);
  tt_write_file (dir, "plan.ini", plan);
  tt_write_file (dir, "units.csv", units);
  tt_write_file (dir, "targets.csv", targets);
  tt_write_file (dir, "regions.csv", regions);
  return dir;
}

static TnetDataset *
load (const char *dir)
{
  g_autoptr (GError) error = NULL;
  TnetDataset *ds = tnet_dataset_load (dir, NULL, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "");
  return ds;
}

static TnetSensitivity *
run (const TnetDataset *ds, const char *key, guint n_threads)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  TnetSensitivity *s = tnet_report_sensitivity (ds, scen, key, n_threads, &error);
  ck_assert_msg (s != NULL, "%s", error ? error->message : "");
  return s;
}

/* The values are the report's, rounded to the indicator's decimals (one for
 * both keys): @tol is half a unit of the last place, or less. */
static void
assert_row (const TnetSensitivity *s, guint i, const char *id, double low, double high,
            double tol)
{
  const TnetSensitivityRow *r = tnet_sensitivity_get_row (s, i);
  ck_assert_str_eq (r->link_id, id);
  ck_assert_double_eq_tol (r->low, low, tol);
  ck_assert_double_eq_tol (r->high, high, tol);
  ck_assert_double_eq_tol (r->swing, fabs (r->high - r->low), 1e-9);
}

START_TEST (test_ranking_by_hand)
{
  g_autofree char *dir = make_folder ();
  g_autoptr (TnetDataset) ds = load (dir);
  g_autoptr (TnetSensitivity) s = run (ds, "expressway_km", 1);
  ck_assert_double_eq_tol (tnet_sensitivity_get_base (s), 60.0, 1e-6);
  ck_assert_double_eq_tol (tnet_sensitivity_get_target (s), 61.0, 1e-9);
  ck_assert_str_eq (tnet_sensitivity_get_column (s), "2025");
  ck_assert_uint_eq (tnet_sensitivity_n_rows (s), 3);
  assert_row (s, 0, "e1", 59.2, 60.8, 1e-6);
  assert_row (s, 1, "e2", 59.4, 60.6, 1e-6);
  assert_row (s, 2, "e3", 59.7, 60.3, 1e-6);

  g_autoptr (TnetSensitivity) t = run (ds, "interchange_minutes", 1);
  ck_assert_double_eq_tol (tnet_sensitivity_get_base (t), 10.0, 1e-6);
  ck_assert_uint_eq (tnet_sensitivity_n_rows (t), 1);
  assert_row (t, 0, "t1", 10.0 * 0.92 / 1.2, 10.0 * 1.08 / 0.8, 0.05);
  tt_rm_rf (dir);
}
END_TEST

/* The ranking does not depend on the number of threads. */
START_TEST (test_threads)
{
  g_autofree char *dir = make_folder ();
  g_autoptr (TnetDataset) ds = load (dir);
  g_autoptr (TnetSensitivity) a = run (ds, "expressway_km", 1);
  g_autoptr (TnetSensitivity) b = run (ds, "expressway_km", 3);
  ck_assert_uint_eq (tnet_sensitivity_n_rows (a), tnet_sensitivity_n_rows (b));
  for (guint i = 0; i < tnet_sensitivity_n_rows (a); i++)
    {
      const TnetSensitivityRow *x = tnet_sensitivity_get_row (a, i);
      const TnetSensitivityRow *y = tnet_sensitivity_get_row (b, i);
      ck_assert_uint_eq (x->link, y->link);
      ck_assert (x->low == y->low && x->high == y->high);
    }
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_renderings)
{
  g_autofree char *dir = make_folder ();
  g_autoptr (TnetDataset) ds = load (dir);
  g_autoptr (TnetSensitivity) s = run (ds, "expressway_km", 0);
  g_autofree char *csv = tnet_sensitivity_to_csv (s, 2);
  ck_assert_str_eq (csv, "rank,link,line,confidence,low,high,swing\n"
                         "1,e1,E1,low,59.200,60.800,1.600\n"
                         "2,e2,E1,medium,59.400,60.600,1.200\n");
  g_autofree char *json = tnet_sensitivity_to_json (s, 0, FALSE);
  ck_assert_ptr_nonnull (strstr (json, "\"indicator\":\"expressway_km\""));
  ck_assert_ptr_nonnull (strstr (json, "{\"rank\":3,\"link\":\"e3\""));
  g_autofree char *text = tnet_sensitivity_to_text (s, 1);
  ck_assert_ptr_nonnull (strstr (text, "   1  e1 "));
  ck_assert_ptr_nonnull (strstr (text, "2 more rows"));

  g_autofree char *png = g_build_filename (dir, "tornado.png", NULL);
  g_autoptr (GError) error = NULL;
  if (tnet_map_supported ())
    {
      ck_assert_msg (tnet_sensitivity_save_chart (s, 0, png, &error), "%s",
                     error ? error->message : "");
      g_autofree char *bytes = NULL;
      gsize n = 0;
      ck_assert (g_file_get_contents (png, &bytes, &n, NULL));
      ck_assert (n > 1000 && memcmp (bytes, "\x89PNG", 4) == 0);
      g_autofree char *bad = g_build_filename (dir, "tornado.txt", NULL);
      ck_assert (!tnet_sensitivity_save_chart (s, 0, bad, &error));
      tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "expected a file name ending in");
    }
  else
    {
      ck_assert (!tnet_sensitivity_save_chart (s, 0, png, &error));
      tt_assert_error (error, TNET_ERROR_UNSUPPORTED, "without maps");
    }
  tt_rm_rf (dir);
}
END_TEST

/* An unknown key is refused and the message lists the keys. */
START_TEST (test_unknown_key)
{
  g_autofree char *dir = make_folder ();
  g_autoptr (TnetDataset) ds = load (dir);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  g_autoptr (GError) error = NULL;
  ck_assert_ptr_null (tnet_report_sensitivity (ds, scen, "no_such_key", 1, &error));
  ck_assert_ptr_nonnull (error);
  ck_assert_ptr_nonnull (strstr (error->message, "expressway_km"));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "no numeric indicator 'no_such_key'");
  tt_rm_rf (dir);
}
END_TEST

/* `tnet sensitivity --format json` has the top-level keys
 * docs/json-schema.md lists for it. */
START_TEST (test_json_schema_keys)
{
  g_autofree char *dir = make_folder ();
  TtRun r = tt_run_tnet ("sensitivity", "expressway_km", "--data", dir, "--scenario", "2025",
                         "--format", "json", "-q", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  tt_assert_json_schema_keys ("## `tnet sensitivity INDICATOR --format json`", r.out);
  tt_run_clear (&r);
  tt_rm_rf (dir);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("sensitivity");
  TCase *tc = tcase_create ("report");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_ranking_by_hand);
  tcase_add_test (tc, test_threads);
  tcase_add_test (tc, test_renderings);
  tcase_add_test (tc, test_unknown_key);
  tcase_add_test (tc, test_json_schema_keys);
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
