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
#include "tnet-internal.h"
#include "tests-common.h"
#include "report-private.h"
#include "threads.h"
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

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


/* The draws of headways and access times. Zone z reaches station s1 by an
 * access link of 10 min (confidence low), a line runs s1 -> s2 in 30 min
 * every 20 min (gtfs-2025, frequencies.txt), and s2 reaches zone d by an
 * access link of 5 min (confidence high). plan.ini [uncertainty]:
 * access_low = 0.5, access_high = 0, headway = 0.5, so by transit
 *   T = 10 A + 0.5 × 20 H + 30 + 5,  A, H independent uniform on [0.5, 1.5]
 * (the expected wait is half the headway). 10 A and 10 H are uniform on
 * [5, 15], so X = T - 35 has the triangular density on [10, 30] with its
 * mode at 20: P(X <= x) = (x - 10)^2 / 200 for x <= 20 and
 * 1 - (30 - x)^2 / 200 above. Three commute groups ask for d within 49, 55
 * and 61 min; each share is 100 % exactly when T is within the budget, and
 * the target (share >= 100) passes with probability
 *   P(T <= 49) = P(X <= 14) = 16 / 200 = 0.08,
 *   P(T <= 55) = P(X <= 20) = 0.5,
 *   P(T <= 61) = P(X <= 26) = 1 - 16 / 200 = 0.92,
 * i.e. the 8th, 50th and 92nd percentiles of the commute time are 49, 55
 * and 61 min; equivalently its p05 is 35 + 10 + sqrt(10) = 48.16, its p50
 * 55 and its p95 61.84 min. N = 2000 draws: the passing count is binomial,
 * sd sqrt(p(1-p)/N) = 0.0061, 0.0112, 0.0061; allowed 4 sd. */
static const char *const t_nodes =
  "id,name,kind,lon,lat,name_en,county,region,population,source,confidence\n"
  "z,Z,zone,10.00,50.00,,c1,valley,1000,t,high\n"
  "s1,S1,station,10.01,50.00,,c1,valley,,t,high\n"
  "s2,S2,station,10.50,50.00,,c1,valley,,t,high\n"
  "d,D,zone,10.51,50.00,,c1,valley,,t,high\n";
static const char *const t_links =
  "id,from,to,mode,line,length_km,speed_kmh,time_min,oneway,class,open_year,status,tags,"
  "source,confidence\n"
  "a1,z,s1,access,,0.8,,10,,access,,existing,,t,low\n"
  "a2,s2,d,access,,0.8,,5,,access,,existing,,t,high\n";
static const char *const t_plan_fmt =
  "[plan]\nhome = valley\ntargets = targets.csv\n"
  "[commute q08]\nkey = q08\norigins = z\ndestinations = d\nprofiles = transit\n"
  "budget_min = 49\n"
  "[commute q50]\nkey = q50\norigins = z\ndestinations = d\nprofiles = transit\n"
  "budget_min = 55\n"
  "[commute q92]\nkey = q92\norigins = z\ndestinations = d\nprofiles = transit\n"
  "budget_min = 61\n"
  "[uncertainty]\naccess_low = %s\naccess_high = 0\nheadway = %s\n";
static const char *const t_targets =
  "indicator,name,unit,baseline_2020,target_2025,comparison,source\n"
  "q08_49min_pct,Q08,%,,100,ge,hand\n"
  "q50_55min_pct,Q50,%,,100,ge,hand\n"
  "q92_61min_pct,Q92,%,,100,ge,hand\n";

static char *
make_transit_folder (const char *h_access, const char *h_headway)
{
  char *dir = tt_mkdtemp ();
  tt_write_file (dir, "nodes.csv", t_nodes);
  tt_write_file (dir, "links.csv", t_links);
  g_autofree char *plan_text = g_strdup_printf (t_plan_fmt, h_access, h_headway);
  tt_write_file (dir, "plan.ini", plan_text);
  tt_write_file (dir, "targets.csv", t_targets);
  tt_write_file (dir, "regions.csv", regions);
  g_autofree char *feed = g_build_filename (dir, "gtfs-2025", NULL);
  ck_assert_int_eq (g_mkdir (feed, 0755), 0);
  tt_write_file (feed, "agency.txt",
                 "agency_id,agency_name,agency_url,agency_timezone\n"
                 "ag,Ag,https://example.org,Europe/Berlin\n");
  tt_write_file (feed, "stops.txt",
                 "stop_id,stop_name,stop_lat,stop_lon\n"
                 "s1,S1,50.00,10.01\ns2,S2,50.00,10.50\n");
  tt_write_file (feed, "routes.txt",
                 "route_id,agency_id,route_short_name,route_long_name,route_type\n"
                 "r,ag,R,R line,2\n");
  tt_write_file (feed, "calendar.txt",
                 "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
                 "start_date,end_date\nWK,1,1,1,1,1,1,1,20200101,20301231\n");
  tt_write_file (feed, "trips.txt", "route_id,service_id,trip_id\nr,WK,t1\n");
  tt_write_file (feed, "stop_times.txt",
                 "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                 "t1,07:00:00,07:00:00,s1,1\nt1,07:30:00,07:30:00,s2,2\n");
  tt_write_file (feed, "frequencies.txt",
                 "trip_id,start_time,end_time,headway_secs\nt1,06:00:00,22:00:00,1200\n");
  return dir;
}

static const char *const t_keys[] = { "q08_49min_pct", "q50_55min_pct", "q92_61min_pct" };

START_TEST (test_transit_analytic)
{
  g_autofree char *dir = make_transit_folder ("0.5", "0.5");
  g_autoptr (TnetDataset) ds = load (dir);
  /* as given: T = 10 + 10 + 30 + 5 = 55 min, within 55 and 61, not 49 */
  g_autoptr (GError) error = NULL;
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  const TnetScenario *cols[1] = { scen };
  g_autoptr (TnetReport) base = tnet_report_compute (ds, cols, 1, &error);
  ck_assert_msg (base != NULL, "%s", error ? error->message : "");
  ck_assert_double_eq (tnet_report_get_value (base, 0, "q08_49min_pct"), 0);
  ck_assert_double_eq (tnet_report_get_value (base, 0, "q50_55min_pct"), 100);
  ck_assert_double_eq (tnet_report_get_value (base, 0, "q92_61min_pct"), 100);

  g_autoptr (TnetReport) r = run (ds, 2000, 5, 2);
  static const double p[] = { 0.08, 0.5, 0.92 }, tol[] = { 0.025, 0.045, 0.025 };
  for (guint k = 0; k < 3; k++)
    {
      TnetReportSpread s;
      ck_assert (tnet_report_get_spread (r, 0, t_keys[k], &s));
      ck_assert_msg (fabs (s.pass_probability - p[k]) <= tol[k], "%s: %g, expected %g",
                     t_keys[k], s.pass_probability, p[k]);
    }
  /* the distributions are named in the JSON and the text */
  g_autofree char *json = tnet_report_to_json (r, FALSE);
  ck_assert_ptr_nonnull (strstr (json, "\"distributions\""));
  ck_assert_ptr_nonnull (strstr (json, "transit headway: x U[1-h, 1+h] per line"));
  ck_assert_ptr_nonnull (strstr (json, "zone access time (access links): x U[1-h, 1+h]"));
  g_autofree char *text = tnet_report_to_text (r);
  ck_assert_ptr_nonnull (strstr (text, "transit headway: x U[1-h, 1+h] per line"));
  tt_rm_rf (dir);
}
END_TEST

/* Only headways vary (h = 0.5): T = 45 + 10 H, uniform on [50, 60], so
 * P(T <= 55) = 0.5 and P(T <= 49) = 0, P(T <= 61) = 1 exactly. */
START_TEST (test_headway_only)
{
  g_autofree char *dir = make_transit_folder ("0", "0.5");
  g_autoptr (TnetDataset) ds = load (dir);
  g_autoptr (TnetReport) r = run (ds, 1000, 9, 2);
  TnetReportSpread s;
  ck_assert (tnet_report_get_spread (r, 0, "q08_49min_pct", &s));
  ck_assert_double_eq (s.pass_probability, 0);
  ck_assert (tnet_report_get_spread (r, 0, "q92_61min_pct", &s));
  ck_assert_double_eq (s.pass_probability, 1);
  ck_assert (tnet_report_get_spread (r, 0, "q50_55min_pct", &s));
  ck_assert_double_eq_tol (s.pass_probability, 0.5, 0.064);   /* 4 sd, N = 1000 */
  tt_rm_rf (dir);
}
END_TEST

/* Spread 0: every draw is the report as given, exactly. */
START_TEST (test_zero_spread)
{
  g_autofree char *dir = make_transit_folder ("0", "0");
  g_autoptr (TnetDataset) ds = load (dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  const TnetScenario *cols[1] = { scen };
  g_autoptr (TnetReport) base = tnet_report_compute (ds, cols, 1, &error);
  ck_assert_msg (base != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetReport) r = run (ds, 16, 3, 2);
  for (guint k = 0; k < 3; k++)
    {
      double v = tnet_report_get_value (base, 0, t_keys[k]);
      TnetReportSpread s;
      ck_assert (tnet_report_get_spread (r, 0, t_keys[k], &s));
      ck_assert (s.p05 == v && s.p50 == v && s.p95 == v);
      ck_assert (s.pass_probability == (v >= 100 ? 1.0 : 0.0));
    }
  tt_rm_rf (dir);
}
END_TEST

/* 1 thread and 2 threads: the same JSON, byte for byte. */
START_TEST (test_threads_identical)
{
  g_autofree char *dir = make_transit_folder ("0.5", "0.5");
  g_autoptr (TnetDataset) ds = load (dir);
  g_autoptr (TnetReport) a = run (ds, 40, 13, 1);
  g_autoptr (TnetReport) b = run (ds, 40, 13, 2);
  g_autofree char *ja = tnet_report_to_json (a, FALSE);
  g_autofree char *jb = tnet_report_to_json (b, FALSE);
  ck_assert_str_eq (ja, jb);
  tt_rm_rf (dir);
}
END_TEST

/* ---- the draws' fast path against fresh full reports (bundled folder) ----
 *
 * A thread of the draws keeps the profiles' graphs of each column from one
 * draw to the next and re-weights them, takes the link-disjoint path counts
 * of its first draw and leaves out what no table row reads. The oracle is
 * the plain report (tnet_i_report_run with the evidence, as `tnet report`
 * runs it, every graph, the timetable and every search built afresh) of the
 * same perturbed network and drawn scenarios: every row of both columns
 * must carry the same number, bit for bit. */

static const guint64 oracle_seeds[] = { 1, 7, 2024 };
enum { ORACLE_FIRST = 5, ORACLE_DRAWS = 4 };

/* Row values of a fresh full report of draw @d under @seed. */
static void
fresh_draw_values (const TnetDataset *ds, const TnetScenario *const *cols, guint n_cols,
                   GPtrArray *keys, guint64 seed, guint d, double *out)
{
  g_autoptr (GError) error = NULL;
  TnetNetwork *copy = tnet_i_network_shallow_copy (tnet_dataset_get_network (ds));
  TnetScenario *drawn[2] = { NULL, NULL };
  ck_assert (n_cols <= 2);
  ck_assert_msg (tnet_i_uncertainty_draw_inputs (ds, cols, n_cols, seed, d, copy, drawn,
                                                 &error), "%s", error ? error->message : "");
  const TnetScenario *use[2];
  for (guint c = 0; c < n_cols; c++)
    use[c] = drawn[c] ? drawn[c] : cols[c];
  TnetReport *r = tnet_i_report_run (ds, copy, use, n_cols, TRUE, &error);
  ck_assert_msg (r != NULL, "%s", error ? error->message : "");
  for (guint c = 0; c < n_cols; c++)
    for (guint k = 0; k < keys->len; k++)
      out[c * keys->len + k] = tnet_i_report_summary (r, c, g_ptr_array_index (keys, k));
  tnet_report_free (r);
  for (guint c = 0; c < n_cols; c++)
    g_clear_pointer (&drawn[c], tnet_scenario_free);
  tnet_i_network_shallow_free (copy);
}

static gboolean
same_value (double a, double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

START_TEST (test_fast_path_oracle)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  g_autoptr (TnetDataset) ds = load (dir);
  g_autoptr (TnetScenario) s20 = tnet_scenario_new (2020);
  g_autoptr (TnetScenario) s25 = tnet_scenario_new (2025);
  const TnetScenario *cols[2] = { s20, s25 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TnetReport) base = tnet_report_compute (ds, cols, 2, &error);
  ck_assert_msg (base != NULL, "%s", error ? error->message : "");
  g_autoptr (GPtrArray) keys = tnet_i_report_keys (base);
  guint n_vals = tnet_report_n_draw_values (base);
  ck_assert_uint_eq (n_vals, 2 * keys->len);
  /* the rows the draws must get right: the commute's by the timetable, the
   * corridors' and the critical link's among them */
  const char *must[] = { "commute_60min_pct", "zhengzhou_disjoint_paths",
                         "critical_link_max_increase_min", "expressway_km" };
  for (guint i = 0; i < G_N_ELEMENTS (must); i++)
    {
      gboolean found = FALSE;
      for (guint k = 0; k < keys->len; k++)
        found |= strcmp (g_ptr_array_index (keys, k), must[i]) == 0;
      ck_assert_msg (found, "no row %s", must[i]);
    }
  g_autofree double *fast = g_new (double, (gsize) ORACLE_DRAWS * n_vals);
  g_autofree double *fresh = g_new (double, n_vals);
  guint n_moved = 0;
  for (guint si = 0; si < G_N_ELEMENTS (oracle_seeds); si++)
    for (guint threads = 1; threads <= 2; threads++)
      {
        ck_assert_msg (tnet_report_draw_values (base, ds, cols, 2, ORACLE_FIRST, ORACLE_DRAWS,
                                                oracle_seeds[si], threads, fast, &error),
                       "%s", error ? error->message : "");
        for (guint d = 0; d < ORACLE_DRAWS; d++)
          {
            fresh_draw_values (ds, cols, 2, keys, oracle_seeds[si], ORACLE_FIRST + d, fresh);
            for (guint v = 0; v < n_vals; v++)
              {
                double x = fast[(gsize) d * n_vals + v];
                ck_assert_msg (same_value (x, fresh[v]),
                               "seed %" G_GUINT64_FORMAT ", draw %u, %u thread(s), column %u, "
                               "%s: fast %.17g, fresh %.17g", oracle_seeds[si],
                               ORACLE_FIRST + d, threads, v / keys->len,
                               (const char *) g_ptr_array_index (keys, v % keys->len), x,
                               fresh[v]);
                n_moved += d > 0 && !same_value (x, fast[(gsize) (d - 1) * n_vals + v]);
              }
          }
      }
  /* the draws do move the rows: a test of equal constants proves nothing */
  ck_assert_uint_gt (n_moved, 20);
}
END_TEST

/* A graph re-weighted to a draw's network and scenario against the graph
 * built afresh from them: the same arcs, every weight equal. */
START_TEST (test_reweight_oracle)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  g_autoptr (TnetDataset) ds = load (dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  const TnetScenario *cols[1] = { scen };
  const TnetNetwork *net = tnet_dataset_get_network (ds);
  const TnetFeed *feed = NULL;
  ck_assert (tnet_dataset_get_feed (ds, 2025, &feed, &error));
  ck_assert_ptr_nonnull (feed);
  static const TnetProfile profiles[] = { TNET_PROFILE_CAR, TNET_PROFILE_TRANSIT,
                                          TNET_PROFILE_PARK_AND_RIDE };
  for (guint p = 0; p < G_N_ELEMENTS (profiles); p++)
    {
      TnetMultimodal *kept = NULL;
      ck_assert (tnet_commute_build_graphs (net, scen, feed, tnet_dataset_get_hubs (ds),
                                            &profiles[p], 1, &kept, &error));
      for (guint d = 0; d < 3; d++)
        {
          TnetNetwork *copy = tnet_i_network_shallow_copy (net);
          TnetScenario *drawn[1] = { NULL };
          ck_assert (tnet_i_uncertainty_draw_inputs (ds, cols, 1, 11, d, copy, drawn, &error));
          ck_assert_ptr_nonnull (drawn[0]);   /* the bundled plan varies the headways */
          TnetMultimodal *fresh = NULL;
          ck_assert (tnet_commute_build_graphs (copy, drawn[0], feed,
                                                tnet_dataset_get_hubs (ds), &profiles[p], 1,
                                                &fresh, &error));
          guint n_changed = 0;
          const TnetGraph *gk = tnet_multimodal_get_graph (kept);
          const TnetGraph *gf = tnet_multimodal_get_graph (fresh);
          ck_assert_uint_eq (tnet_graph_n_arcs (gk), tnet_graph_n_arcs (gf));
          g_autofree TnetWeight *before = g_new (TnetWeight, tnet_graph_n_arcs (gk) + 1);
          for (guint a = 0; a < tnet_graph_n_arcs (gk); a++)
            before[a] = tnet_metric_weight (tnet_multimodal_get_metric (kept), a);
          tnet_i_multimodal_reweight (kept, copy, drawn[0], feed);
          for (guint a = 0; a < tnet_graph_n_arcs (gk); a++)
            {
              TnetWeight w = tnet_metric_weight (tnet_multimodal_get_metric (kept), a);
              ck_assert_uint_eq (tnet_graph_arc_link (gk, a), tnet_graph_arc_link (gf, a));
              ck_assert_msg (w == tnet_metric_weight (tnet_multimodal_get_metric (fresh), a),
                             "profile %u, draw %u, arc %u: %u != %u", p, d, a, w,
                             tnet_metric_weight (tnet_multimodal_get_metric (fresh), a));
              n_changed += w != before[a];
            }
          ck_assert_uint_gt (n_changed, 100);
          tnet_multimodal_unref (fresh);
          tnet_scenario_free (drawn[0]);
          tnet_i_network_shallow_free (copy);
        }
      tnet_multimodal_unref (kept);
    }
}
END_TEST


/* ---- park-and-ride's drive in the draws ----
 *
 * Zone z drives 10 km at 60 km/h (road link r1, 10 min) to station s1, a
 * parking place (a car link ends there) whose stop is on the node; the
 * station is 14 km from z, beyond a 20-min walk, so transit cannot start.
 * A train leaves s1 every 10 min from 06:00 (frequencies.txt, at start +
 * k x headway) and reaches s2 30 min later; d is 5 min from s2 by an
 * access link. Leaving z at 07:00 + t (t = 0..59) one is at s1 at t + 15
 * (drive 10, park 5, walk 0), waits (5 - t) mod 10, rides 30 and walks 5:
 * 50 + w with each w of 0..9 six times; the median (nearest rank, the 30th
 * of 60) is 54 min, within the 60-min budget. With r1's speed halved the
 * drive is 20 min, one is at s1 at t + 25, the wait is the same, and the
 * median is 64 min, beyond it. */
static const char *const p_nodes =
  "id,name,kind,lon,lat,name_en,county,region,population,source,confidence\n"
  "z,Z,zone,10.00,50.00,,c1,valley,1000,t,high\n"
  "s1,S1,station,10.20,50.00,,c1,valley,,t,high\n"
  "s2,S2,station,10.60,50.00,,c1,valley,,t,high\n"
  "d,D,zone,10.61,50.00,,c1,valley,,t,high\n";
static const char *const p_links =
  "id,from,to,mode,line,length_km,speed_kmh,time_min,oneway,class,open_year,status,tags,"
  "source,confidence\n"
  "r1,z,s1,road,R1,10,60,,,,,existing,,t,low\n"
  "a2,s2,d,access,,0.8,,5,,access,,existing,,t,high\n";
static const char *const p_plan =
  "[plan]\nhome = valley\n"
  "[commute pr]\nkey = pr\norigins = z\ndestinations = d\nprofiles = transit;park_and_ride\n"
  "budget_min = 60\ndepart = 07:00\nwindow = 60\npercentiles = 50\nmax_walk = 20\n";

static char *
make_park_ride_folder (void)
{
  char *dir = tt_mkdtemp ();
  tt_write_file (dir, "nodes.csv", p_nodes);
  tt_write_file (dir, "links.csv", p_links);
  tt_write_file (dir, "plan.ini", p_plan);
  tt_write_file (dir, "regions.csv", regions);
  g_autofree char *feed = g_build_filename (dir, "gtfs-2025", NULL);
  ck_assert_int_eq (g_mkdir (feed, 0755), 0);
  tt_write_file (feed, "agency.txt",
                 "agency_id,agency_name,agency_url,agency_timezone\n"
                 "ag,Ag,https://example.org,Europe/Berlin\n");
  tt_write_file (feed, "stops.txt",
                 "stop_id,stop_name,stop_lat,stop_lon\n"
                 "s1,S1,50.00,10.20\ns2,S2,50.00,10.60\n");
  tt_write_file (feed, "routes.txt",
                 "route_id,agency_id,route_short_name,route_long_name,route_type\n"
                 "r,ag,R,R line,2\n");
  tt_write_file (feed, "calendar.txt",
                 "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,"
                 "start_date,end_date\nWK,1,1,1,1,1,1,1,20200101,20301231\n");
  tt_write_file (feed, "trips.txt", "route_id,service_id,trip_id\nr,WK,t1\n");
  tt_write_file (feed, "stop_times.txt",
                 "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                 "t1,07:00:00,07:00:00,s1,1\nt1,07:30:00,07:30:00,s2,2\n");
  tt_write_file (feed, "frequencies.txt",
                 "trip_id,start_time,end_time,headway_secs\nt1,06:00:00,22:00:00,600\n");
  return dir;
}

/* The z -> d cell of @profile in the report's JSON (minutes; INFINITY when
 * null). */
static double
pr_cell (const TnetReport *r, const char *profile)
{
  g_autofree char *json = tnet_report_to_json (r, FALSE);
  g_autoptr (JsonParser) p = json_parser_new ();
  ck_assert (json_parser_load_from_data (p, json, -1, NULL));
  JsonObject *ind = json_object_get_object_member (
      json_object_get_object_member (json_object_get_object_member (
          json_node_get_object (json_parser_get_root (p)), "scenarios"), "2025"), "indicators");
  JsonObject *cell = json_object_get_object_member (
      json_object_get_object_member (json_object_get_object_member (ind, "pr_minutes"), "z"),
      "d");
  JsonNode *n = json_object_get_member (cell, profile);
  return JSON_NODE_HOLDS_NULL (n) ? INFINITY : json_node_get_double (n);
}

/* A thread's draws keep park-and-ride's car graph and parking places and
 * take each draw's car speeds: a draw with r1 at half speed gives the
 * fresh report of that network (64 min, out of the budget), and the next
 * draw at the given speed 54 min again. */
START_TEST (test_park_ride_draws)
{
  g_autofree char *dir = make_park_ride_folder ();
  g_autoptr (TnetDataset) ds = load (dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  const TnetScenario *cols[1] = { scen };
  const TnetNetwork *net = tnet_dataset_get_network (ds);
  g_autoptr (TnetReport) base = tnet_report_compute (ds, cols, 1, &error);
  ck_assert_msg (base != NULL, "%s", error ? error->message : "");
  ck_assert_double_eq (pr_cell (base, "park_and_ride"), 54);
  ck_assert (isinf (pr_cell (base, "transit")));
  ck_assert_double_eq (tnet_report_get_value (base, 0, "pr_60min_pct"), 100);
  g_autofree char *json = tnet_report_to_json (base, FALSE);
  ck_assert_msg (strstr (json, "\"pr_park_and_ride\":{\"model\":\"timetable\""), "%s", json);

  TnetId r1 = tnet_network_find_link (net, "r1");
  ck_assert_uint_ne (r1, TNET_ID_NONE);
  TnetNetwork *copy = tnet_i_network_shallow_copy (net);
  GData *keep[1];
  g_datalist_init (&keep[0]);
  static const double speeds[] = { 60, 30, 60 };
  static const double expect_pct[] = { 100, 0, 100 };
  for (guint d = 0; d < G_N_ELEMENTS (speeds); d++)
    {
      tnet_i_network_link_mutable (copy, r1)->speed_kmh = speeds[d];
      TnetReport *draw = tnet_i_report_run_draw (ds, copy, cols, 1, keep, &error);
      ck_assert_msg (draw != NULL, "%s", error ? error->message : "");
      TnetReport *fresh = tnet_i_report_run (ds, copy, cols, 1, TRUE, &error);
      ck_assert_msg (fresh != NULL, "%s", error ? error->message : "");
      double pct = tnet_i_report_summary (draw, 0, "pr_60min_pct");
      ck_assert_msg (pct == expect_pct[d], "draw %u: %g", d, pct);
      ck_assert (pct == tnet_i_report_summary (fresh, 0, "pr_60min_pct"));
      /* halved car speeds: the park-and-ride time is no shorter */
      double m = pr_cell (fresh, "park_and_ride");
      ck_assert_double_eq (m, speeds[d] == 60 ? 54 : 64);
      ck_assert_double_ge (m, pr_cell (base, "park_and_ride"));
      tnet_report_free (fresh);
      tnet_report_free (draw);
    }
  g_datalist_clear (&keep[0]);
  tnet_i_network_shallow_free (copy);
  tt_rm_rf (dir);
}
END_TEST

/* A folder whose stations no car link reaches (the road ends at junction
 * j, s2 is joined to d by a walk link) has no parking place: the report's
 * park-and-ride is transit's walks alone (here nothing within the 20-min
 * walk: unreached, as transit), and the text says so. */
/* The work queue of the draws and of the sensitivity's links: each index
 * is taken once by some thread; a failure stops the taking and the first
 * error is kept with its prefix (counted per index, independently of the
 * queue). */
typedef struct {
  TnetReportQueue q;
  guint fail_from;       /* a worker fails on any index from this one on */
  gint taken[200];
} QueueJob;

static gpointer
queue_worker (gpointer data)
{
  QueueJob *j = data;
  guint k;
  while (tnet_i_report_queue_take (&j->q, &k))
    {
      g_atomic_int_inc (&j->taken[k]);
      /* no break: the queue itself stops a failed job */
      if (k >= j->fail_from)
        tnet_i_report_queue_fail (&j->q, g_error_new (TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                                                      "bad %u", k), "item %u: ", k);
    }
  return NULL;
}

START_TEST (test_report_queue)
{
  for (guint run = 0; run < 3; run++)
    {
      QueueJob *j = g_new0 (QueueJob, 1);
      j->fail_from = run == 0 ? G_MAXUINT : run == 1 ? 57 : 0;
      guint n_threads = run == 1 ? 1 : 4;
      tnet_i_report_queue_init (&j->q, G_N_ELEMENTS (j->taken));
      tnet_i_run_threads ("tnet-test", n_threads, queue_worker, j);
      tnet_i_report_queue_clear (&j->q);
      guint n_taken = 0;
      for (guint k = 0; k < G_N_ELEMENTS (j->taken); k++)
        {
          ck_assert_int_le (j->taken[k], 1);
          n_taken += j->taken[k];
        }
      if (run == 0)
        {
          ck_assert (j->q.error == NULL);
          ck_assert_uint_eq (n_taken, G_N_ELEMENTS (j->taken));
        }
      else if (run == 1)
        {
          /* one thread: 0 .. 57 taken, then the failure stops it */
          ck_assert_uint_eq (n_taken, 58);
          ck_assert_int_eq (j->taken[57], 1);
          ck_assert_str_eq (j->q.error->message, "item 57: bad 57");
        }
      else
        {
          /* every worker fails: at most one index each, one error kept */
          ck_assert_uint_le (n_taken, n_threads);
          guint k;
          ck_assert (sscanf (j->q.error->message, "item %u: ", &k) == 1);
          g_autofree char *want = g_strdup_printf ("item %u: bad %u", k, k);
          ck_assert_str_eq (j->q.error->message, want);
        }
      g_clear_error (&j->q.error);
      g_free (j);
    }
}
END_TEST

START_TEST (test_park_ride_no_parking)
{
  g_autofree char *dir = make_park_ride_folder ();
  tt_write_file (dir, "nodes.csv",
                 "id,name,kind,lon,lat,name_en,county,region,population,source,confidence\n"
                 "z,Z,zone,10.00,50.00,,c1,valley,1000,t,high\n"
                 "j,J,junction,10.10,50.00,,c1,valley,,t,high\n"
                 "s1,S1,station,10.20,50.00,,c1,valley,,t,high\n"
                 "s2,S2,station,10.60,50.00,,c1,valley,,t,high\n"
                 "d,D,zone,10.61,50.00,,c1,valley,,t,high\n");
  tt_write_file (dir, "links.csv",
                 "id,from,to,mode,line,length_km,speed_kmh,time_min,oneway,class,open_year,"
                 "status,tags,source,confidence\n"
                 "r1,z,j,road,R1,7,60,,,,,existing,,t,low\n"
                 "w2,s2,d,walk,,0.4,,,,,,existing,,t,high\n");
  g_autoptr (TnetDataset) ds = load (dir);
  g_autoptr (GError) error = NULL;
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  const TnetScenario *cols[1] = { scen };
  g_autoptr (TnetReport) r = tnet_report_compute (ds, cols, 1, &error);
  ck_assert_msg (r != NULL, "%s", error ? error->message : "");
  ck_assert (isinf (pr_cell (r, "park_and_ride")));
  ck_assert (isinf (pr_cell (r, "transit")));
  g_autofree char *json = tnet_report_to_json (r, FALSE);
  ck_assert_msg (strstr (json, "\"parking_places\":0"), "%s", json);
  g_autofree char *text = tnet_report_to_text (r);
  ck_assert_msg (strstr (text, "no parking place serves a stop here"), "%s", text);
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
  tcase_add_test (tc, test_transit_analytic);
  tcase_add_test (tc, test_headway_only);
  tcase_add_test (tc, test_zero_spread);
  tcase_add_test (tc, test_threads_identical);
  tcase_add_test (tc, test_report_queue);
  suite_add_tcase (s, tc);
  TCase *fast = tcase_create ("fast path");
  tcase_set_timeout (fast, 240);
  tcase_add_test (fast, test_reweight_oracle);
  tcase_add_test (fast, test_fast_path_oracle);
  tcase_add_test (fast, test_park_ride_draws);
  tcase_add_test (fast, test_park_ride_no_parking);
  suite_add_tcase (s, fast);
  return tt_run_suite (s);
}
