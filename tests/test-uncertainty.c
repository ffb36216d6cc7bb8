/* test-uncertainty.c: the report under uncertain inputs
 * (tnet_report_compute_uncertain) on a hand-built folder whose indicator
 * distributions are known in closed form.
 *
 * The folder: zone z (seat of the one county unit) joined to interchange a
 * by a trunk link of 10 km at 60 km/h, confidence low; a 10 km expressway
 * a–b, confidence medium. plan.ini [uncertainty]: length_medium = 0.2,
 * speed_medium = 0, length_low = 0, speed_low = 0.5, so
 *   expressway_km       = 10 × U[0.8, 1.2]           ~ uniform on [8, 12] km
 *   interchange_minutes = 600 / v,  v = 60 × U[0.5, 1.5] ~ uniform on [30, 90]
 * (the expressway's own speed does not enter: the seat's nearest interchange
 * is a, reached over the trunk link only).
 * Targets: expressway_km >= 10.5 and interchange_minutes <= 12. By hand:
 *   P(L >= 10.5) = (12 - 10.5) / 4 = 0.375;
 *   quantile q of L = 8 + 4q: p05 8.2, p50 10, p95 11.8;
 *   P(600 / v <= 12) = P(v >= 50) = (90 - 50) / 60 = 2/3;
 *   quantile q of 600 / v = 600 / (90 - 60q): p05 600/87 = 6.897,
 *   p50 10, p95 600/33 = 18.182.
 * Tolerances, N = 2000 draws. The count of passing draws is binomial, so the
 * estimated probability has standard deviation sqrt(p(1-p)/N): 0.0108 for
 * p = 0.375 and 0.0105 for p = 2/3; we allow 4 of them (0.044), which a
 * correct implementation exceeds with probability about 6e-5. A sample
 * quantile q of a density f has standard deviation about sqrt(q(1-q)/N)/f
 * (asymptotic normality of order statistics): for L, f = 1/4, giving 0.019
 * at q = 0.05 and 0.045 at q = 0.5 (allowed: 0.1 and 0.2); for T = 600/v,
 * f(T) = 600 / (60 T^2), at T = 6.9: 0.21 → sd 0.023; at 10: 0.1 → 0.11; at
 * 18.2: 0.03 → 0.16 (allowed: 0.1, 0.45, 0.65). */
#include "tests-common.h"

static const char *const nodes =
  "id,name,kind,lon,lat,name_en,county,region,population,source,confidence\n"
  "z,Z,zone,10.00,50.00,,c1,valley,1000,t,high\n"
  "a,A,interchange,10.10,50.00,,c1,valley,,t,high\n"
  "b,B,interchange,10.20,50.00,,c1,valley,,t,high\n";
static const char *const links =
  "id,from,to,mode,line,length_km,speed_kmh,time_min,oneway,class,open_year,status,tags,"
  "source,confidence\n"
  "t1,z,a,trunk,T1,10,60,,,I,,existing,,t,low\n"
  "e1,a,b,expressway,E1,10,120,,,expressway,,existing,,t,medium\n";
static const char *const plan =
  "[plan]\nhome = valley\nunits = units.csv\ntargets = targets.csv\n"
  "[uncertainty]\nlength_medium = 0.2\nspeed_medium = 0\nlength_low = 0\nspeed_low = 0.5\n";
static const char *const units =
  "unit,name,name_en,counties,seat_node,zone_node\nu1,U,U,c1,z,z\n";
static const char *const targets =
  "indicator,name,unit,baseline_2020,target_2025,comparison,source\n"
  "expressway_km,Expressway,km,,10.5,ge,hand\n"
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

/* The report borrows @ds's tables: free it before @ds. */
static TnetReport *
run (const TnetDataset *ds, guint n_draws, guint64 seed, guint n_threads)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  const TnetScenario *cols[1] = { scen };
  TnetReport *r = tnet_report_compute_uncertain (ds, cols, 1, n_draws, seed, n_threads, &error);
  ck_assert_msg (r != NULL, "%s", error ? error->message : "");
  return r;
}

START_TEST (test_analytic)
{
  g_autofree char *dir = make_folder ();
  g_autoptr (TnetDataset) ds = load (dir);
  g_autoptr (TnetReport) r = run (ds, 2000, 42, 2);
  TnetReportSpread s;
  ck_assert (tnet_report_get_spread (r, 0, "expressway_km", &s));
  ck_assert_uint_eq (s.n_draws, 2000);
  ck_assert_double_eq_tol (s.pass_probability, 0.375, 0.044);
  ck_assert_double_eq_tol (s.p05, 8.2, 0.1);
  ck_assert_double_eq_tol (s.p50, 10.0, 0.2);
  ck_assert_double_eq_tol (s.p95, 11.8, 0.1);
  ck_assert (tnet_report_get_spread (r, 0, "interchange_minutes", &s));
  ck_assert_double_eq_tol (s.pass_probability, 2.0 / 3.0, 0.044);
  ck_assert_double_eq_tol (s.p05, 600.0 / 87.0, 0.1);
  ck_assert_double_eq_tol (s.p50, 10.0, 0.45);
  ck_assert_double_eq_tol (s.p95, 600.0 / 33.0, 0.65);
  /* the spread is in the JSON evidence, and the pass probabilities between
   * 5 % and 95 % mark the indicators indeterminate */
  g_autofree char *json = tnet_report_to_json (r, FALSE);
  ck_assert_ptr_nonnull (strstr (json, "\"pass_probability\""));
  ck_assert_ptr_nonnull (strstr (json, "\"indeterminate\":true"));
  g_autofree char *csv = tnet_report_to_csv (r);
  ck_assert_ptr_nonnull (strstr (csv, "2025_p05,2025_p50,2025_p95,2025_pass_probability"));
  tt_rm_rf (dir);
}
END_TEST

/* Same seed: the same numbers, whatever the number of threads; another
 * seed: different ones. */
START_TEST (test_deterministic)
{
  g_autofree char *dir = make_folder ();
  g_autoptr (TnetDataset) ds = load (dir);
  g_autoptr (TnetReport) a = run (ds, 64, 7, 1);
  g_autoptr (TnetReport) b = run (ds, 64, 7, 3);
  g_autoptr (TnetReport) c = run (ds, 64, 8, 1);
  TnetReportSpread sa, sb, sc;
  ck_assert (tnet_report_get_spread (a, 0, "interchange_minutes", &sa));
  ck_assert (tnet_report_get_spread (b, 0, "interchange_minutes", &sb));
  ck_assert (tnet_report_get_spread (c, 0, "interchange_minutes", &sc));
  ck_assert (sa.p05 == sb.p05 && sa.p50 == sb.p50 && sa.p95 == sb.p95
             && sa.pass_probability == sb.pass_probability);
  ck_assert (sa.p50 != sc.p50);
  tt_rm_rf (dir);
}
END_TEST

/* Draws computed in blocks (tnet_report_draw_values(): 0-6, 7-29, 30-63, in
 * another order) and put together (tnet_report_set_draws()) give the JSON
 * of one call with the same seed, byte for byte. */
START_TEST (test_blocks)
{
  g_autofree char *dir = make_folder ();
  g_autoptr (TnetDataset) ds = load (dir);
  g_autoptr (TnetReport) whole = run (ds, 64, 11, 2);
  g_autoptr (GError) error = NULL;
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  const TnetScenario *cols[1] = { scen };
  g_autoptr (TnetReport) r = tnet_report_compute (ds, cols, 1, &error);
  ck_assert_msg (r != NULL, "%s", error ? error->message : "");
  guint per = tnet_report_n_draw_values (r);
  ck_assert_uint_gt (per, 2);
  double *values = g_new (double, 64 * per);
  static const guint first[] = { 30, 0, 7, 64 };
  for (guint b = 0; b < 3; b++)
    {
      guint next = b == 0 ? first[3] : b == 1 ? first[2] : first[0];
      ck_assert (tnet_report_draw_values (r, ds, cols, 1, first[b], next - first[b], 11, 1,
                                          values + (gsize) first[b] * per, &error));
    }
  tnet_report_set_draws (r, values, 64);
  g_free (values);
  g_autofree char *a = tnet_report_to_json (whole, FALSE);
  g_autofree char *b = tnet_report_to_json (r, FALSE);
  ck_assert_str_eq (a, b);
  TnetReportSpread s;
  ck_assert (tnet_report_get_spread (r, 0, "interchange_minutes", &s));
  ck_assert_uint_eq (s.n_draws, 64);
  tt_rm_rf (dir);
}
END_TEST

/* A half-width outside [0, 0.9] is refused with the file's position. */
START_TEST (test_bad_halfwidth)
{
  g_autofree char *dir = make_folder ();
  tt_write_file (dir, "plan.ini", "[plan]\nhome = valley\n[uncertainty]\nspeed_low = 1.5\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (TnetDataset) ds = tnet_dataset_load (dir, NULL, &error);
  ck_assert_ptr_null (ds);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "plan.ini:4:");
  tt_rm_rf (dir);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("uncertainty");
  TCase *tc = tcase_create ("report");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_analytic);
  tcase_add_test (tc, test_deterministic);
  tcase_add_test (tc, test_blocks);
  tcase_add_test (tc, test_bad_halfwidth);
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
