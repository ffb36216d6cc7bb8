/* test-dataset.c: a network folder loaded once (TnetDataset) and its report
 * plan (plan.ini), on the minimal example folder of docs/data-format.md and
 * on hand-written folders. Every expected value is read off the files by
 * hand (the derivations are in the comments). */
#include "tests-common.h"
#include <glib/gstdio.h>

static TnetDataset *
load_minimal (void)
{
  g_autofree char *dir = tt_source_path ("examples/data/minimal");
  GError *error = NULL;
  TnetDataset *ds = tnet_dataset_load (dir, NULL, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "");
  return ds;
}

/* A copy of the minimal folder in a temporary directory, so a test can
 * change one file. */
static char *
copy_minimal (void)
{
  g_autofree char *src = tt_source_path ("examples/data/minimal");
  char *dst = tt_mkdtemp ();
  const char *files[] = { "nodes.csv", "links.csv", "regions.csv", "corridors.csv",
                          "units.csv", "targets.csv", "hubs.csv", "hub_walks.csv",
                          "plan.ini" };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *from = g_build_filename (src, files[i], NULL);
      g_autofree char *text = NULL;
      ck_assert (g_file_get_contents (from, &text, NULL, NULL));
      tt_write_file (dst, files[i], text);
    }
  const char *feed[] = { "agency.txt", "calendar.txt", "routes.txt", "stops.txt", "trips.txt",
                         "stop_times.txt", "frequencies.txt" };
  g_autofree char *feed_dst = g_build_filename (dst, "gtfs-2020", NULL);
  ck_assert_int_eq (g_mkdir (feed_dst, 0755), 0);
  for (guint i = 0; i < G_N_ELEMENTS (feed); i++)
    {
      g_autofree char *from = g_build_filename (src, "gtfs-2020", feed[i], NULL);
      g_autofree char *text = NULL;
      ck_assert (g_file_get_contents (from, &text, NULL, NULL));
      tt_write_file (feed_dst, feed[i], text);
    }
  return dst;
}

static char *
str_replace (const char *text, const char *from, const char *to)
{
  ck_assert_msg (strstr (text, from) != NULL, "'%s' not in the text", from);
  g_auto (GStrv) parts = g_strsplit (text, from, -1);
  return g_strjoinv (to, parts);
}

static void
remove_file (const char *dir, const char *name)
{
  g_autofree char *p = g_build_filename (dir, name, NULL);
  ck_assert_int_eq (g_remove (p), 0);
}

START_TEST (test_minimal_tables)
{
  g_autoptr (TnetDataset) ds = load_minimal ();
  const TnetNetwork *net = tnet_dataset_get_network (ds);
  /* nodes.csv has 7 rows, links.csv 8 */
  ck_assert_uint_eq (tnet_network_n_nodes (net), 7);
  ck_assert_uint_eq (tnet_network_n_links (net), 8);
  /* the folder's base name: the plan gives no [plan] name */
  ck_assert_str_eq (tnet_dataset_get_name (ds), "minimal");

  /* regions.csv: valley, port */
  ck_assert_uint_eq (tnet_dataset_n_regions (ds), 2);
  ck_assert_str_eq (tnet_dataset_get_region (ds, 0)->id, "valley");
  ck_assert_str_eq (tnet_dataset_find_region (ds, "port")->name_en, "Port city");
  ck_assert_ptr_null (tnet_dataset_find_region (ds, "nowhere"));

  /* corridors.csv: coast (E1 road, Coast Rail rail), inland (T2 road) */
  ck_assert_uint_eq (tnet_dataset_n_corridors (ds), 2);
  const TnetCorridorDef *coast = tnet_dataset_find_corridor (ds, "coast");
  ck_assert_ptr_nonnull (coast);
  ck_assert_uint_eq (coast->n_lines, 2);
  ck_assert_str_eq (coast->lines[0], "E1");
  ck_assert_str_eq (coast->mode_groups[0], "road");
  ck_assert_str_eq (coast->lines[1], "Coast Rail");
  ck_assert_str_eq (coast->mode_groups[1], "rail");
  ck_assert_ptr_null (coast->lines[2]);
  ck_assert_uint_eq (tnet_dataset_get_corridor (ds, 1)->n_lines, 1);

  /* units.csv: west, east; targets.csv: 2 rows; hubs.csv: 1 hub */
  ck_assert_uint_eq (tnet_unit_table_n_units (tnet_dataset_get_units (ds)), 2);
  ck_assert_uint_eq (tnet_target_table_n_targets (tnet_dataset_get_targets (ds)), 2);
  ck_assert_uint_eq (tnet_hub_set_n_hubs (tnet_dataset_get_hubs (ds)), 1);

  /* one feed, gtfs-2020 */
  guint n_years = 0;
  const int *years = tnet_dataset_get_feed_years (ds, &n_years);
  ck_assert_uint_eq (n_years, 1);
  ck_assert_int_eq (years[0], 2020);
}
END_TEST

START_TEST (test_minimal_feeds)
{
  g_autoptr (TnetDataset) ds = load_minimal ();
  GError *error = NULL;
  const TnetFeed *f2020 = NULL, *f2025 = NULL, *again = NULL;
  ck_assert (tnet_dataset_get_feed (ds, 2020, &f2020, &error));
  ck_assert_ptr_nonnull (f2020);
  /* stops.txt lists z_east and jn_port; one route */
  ck_assert_uint_eq (tnet_feed_n_stops (f2020), 2);
  ck_assert_uint_eq (tnet_feed_n_routes (f2020), 1);
  /* 2025 has no gtfs-2025: the latest earlier feed, the same object */
  ck_assert (tnet_dataset_get_feed (ds, 2025, &f2025, &error));
  ck_assert_ptr_eq (f2025, f2020);
  ck_assert (tnet_dataset_get_feed (ds, 2020, &again, &error));
  ck_assert_ptr_eq (again, f2020);
}
END_TEST

START_TEST (test_minimal_plan)
{
  g_autoptr (TnetDataset) ds = load_minimal ();
  const TnetPlan *plan = tnet_dataset_get_plan (ds);
  ck_assert_ptr_nonnull (plan);
  ck_assert_str_eq (tnet_plan_get_title (plan, NULL), "Valley transport indicators");
  ck_assert_str_eq (tnet_plan_get_title (plan, "fr"),
                    "Indicateurs de transport de la vallée");
  ck_assert_str_eq (tnet_plan_get_title (plan, "fr-CA"),
                    "Indicateurs de transport de la vallée");
  ck_assert_str_eq (tnet_plan_get_title (plan, "de"), "Valley transport indicators");
  g_autofree char *map = tnet_plan_format_map_title (plan, 2025);
  ck_assert_str_eq (map, "Valley network 2025");
  ck_assert_str_eq (tnet_plan_get_home (plan), "valley");
  ck_assert_str_eq (tnet_plan_get_home_label (plan), "Valley");
  /* [report]: given k, top, budget_min; defaults for detour, unit_min_lines */
  ck_assert_int_eq (tnet_plan_get_int (plan, "k"), 3);
  ck_assert_int_eq (tnet_plan_get_int (plan, "top"), 2);
  ck_assert_double_eq (tnet_plan_get_double (plan, "budget_min"), 45);
  ck_assert_double_eq (tnet_plan_get_double (plan, "detour"), 1.5);
  ck_assert_int_eq (tnet_plan_get_int (plan, "unit_min_lines"), 2);
  ck_assert_int_eq (tnet_plan_get_int (NULL, "k"), 5);
  const char *const *classes = tnet_plan_get_trunk_classes (plan);
  ck_assert_str_eq (classes[0], "expressway");
  ck_assert_str_eq (classes[2], "II");
  ck_assert_ptr_null (classes[3]);
  ck_assert_str_eq (tnet_plan_get_critical_pair (plan), "port");
  ck_assert_str_eq (tnet_plan_get_name (plan, "port_road_lines"), "Road lines Valley-Port");
  ck_assert_ptr_null (tnet_plan_get_name (plan, "expressway_km"));

  ck_assert_uint_eq (tnet_plan_n_pairs (plan), 1);
  const TnetPlanPair *pair = tnet_plan_get_pair (plan, 0);
  ck_assert_str_eq (pair->id, "port");
  ck_assert_str_eq (pair->region, "port");
  ck_assert_str_eq (pair->label, "Port");
  ck_assert (pair->count_lines && pair->disjoint_paths);

  ck_assert_uint_eq (tnet_plan_n_commutes (plan), 1);
  const TnetPlanCommute *c = tnet_plan_get_commute (plan, 0);
  ck_assert_str_eq (c->id, "port");
  ck_assert_str_eq (c->title, "Commute to Port City");
  ck_assert_str_eq (c->key, "commute_port");    /* default: commute_NAME */
  ck_assert_str_eq (c->origins, "region:valley");
  ck_assert_str_eq (c->destinations, "z_port");
  ck_assert_uint_eq (c->n_profiles, 2);
  ck_assert_int_eq (c->profiles[0], TNET_PROFILE_CAR);
  ck_assert_int_eq (c->profiles[1], TNET_PROFILE_TRANSIT);
  ck_assert_uint_eq (c->budget_ms, 30 * 60000);
  ck_assert_ptr_null (c->share_destination);
  ck_assert (c->unit_rows);
}
END_TEST

START_TEST (test_years)
{
  g_autoptr (TnetDataset) ds = load_minimal ();
  GError *error = NULL;
  /* [data] years = 2020-2025 */
  ck_assert_str_eq (tnet_dataset_get_years_text (ds), "2020-2025");
  ck_assert (tnet_dataset_check_year (ds, 2020, &error));
  ck_assert (tnet_dataset_check_year (ds, 2023, &error));
  ck_assert (tnet_dataset_check_year (ds, 2025, &error));
  ck_assert (!tnet_dataset_check_year (ds, 2019, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "2020-2025");
  ck_assert (!tnet_dataset_check_year (ds, 2026, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "2026 is outside");
  g_autoptr (TnetScenario) s1999 = tnet_scenario_new (1999);
  ck_assert (!tnet_dataset_validate_scenario (ds, s1999, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "1999");

  /* a list of years and ranges */
  g_autofree char *dir = copy_minimal ();
  g_autofree char *plan = NULL;
  g_autofree char *plan_path = g_build_filename (dir, "plan.ini", NULL);
  ck_assert (g_file_get_contents (plan_path, &plan, NULL, NULL));
  g_autofree char *listed = str_replace (plan, "years = 2020-2025",
                                            "years = 2030; 2020 ;2022-2023");
  tt_write_file (dir, "plan.ini", listed);
  g_autoptr (TnetDataset) l = tnet_dataset_load (dir, NULL, &error);
  ck_assert_msg (l != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (tnet_dataset_get_years_text (l), "2020, 2022-2023, 2030");
  ck_assert (tnet_dataset_check_year (l, 2022, &error));
  ck_assert (!tnet_dataset_check_year (l, 2021, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "2020, 2022-2023, 2030");

  /* without [data] years: from the earliest to the latest year the files
   * name: gtfs-2020, rail1's open_year 2025, h_west's open_year 2025 */
  g_autofree char *derived = str_replace (plan, "[data]\nyears = 2020-2025\n", "");
  tt_write_file (dir, "plan.ini", derived);
  g_autoptr (TnetDataset) d = tnet_dataset_load (dir, NULL, &error);
  ck_assert_msg (d != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (tnet_dataset_get_years_text (d), "2020-2025");

  /* without plan, feeds or years in the links: every year */
  remove_file (dir, "plan.ini");
  remove_file (dir, "hubs.csv");
  remove_file (dir, "hub_walks.csv");
  g_autofree char *feed_dir = g_build_filename (dir, "gtfs-2020", NULL);
  tt_rm_rf (feed_dir);
  g_autofree char *links = NULL;
  g_autofree char *links_path = g_build_filename (dir, "links.csv", NULL);
  ck_assert (g_file_get_contents (links_path, &links, NULL, NULL));
  g_autofree char *no_year = str_replace (links, ",2025,construction,", ",,existing,");
  tt_write_file (dir, "links.csv", no_year);
  g_autoptr (TnetDataset) any = tnet_dataset_load (dir, NULL, &error);
  ck_assert_msg (any != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (tnet_dataset_get_years_text (any), "any year");
  ck_assert (tnet_dataset_check_year (any, 1999, &error));
  ck_assert_ptr_null (tnet_dataset_get_plan (any));
  ck_assert_str_eq (tnet_dataset_get_name (any), strrchr (dir, '/') + 1);
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_optional_files)
{
  /* nodes.csv and links.csv alone make a folder */
  g_autofree char *dir = copy_minimal ();
  const char *optional[] = { "regions.csv", "corridors.csv", "units.csv", "targets.csv",
                             "hubs.csv", "hub_walks.csv", "plan.ini" };
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    remove_file (dir, optional[i]);
  g_autofree char *feed_dir = g_build_filename (dir, "gtfs-2020", NULL);
  tt_rm_rf (feed_dir);
  GError *error = NULL;
  g_autoptr (TnetDataset) ds = tnet_dataset_load (dir, NULL, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (tnet_dataset_n_regions (ds), 0);
  ck_assert_uint_eq (tnet_dataset_n_corridors (ds), 0);
  ck_assert_ptr_null (tnet_dataset_get_units (ds));
  ck_assert_ptr_null (tnet_dataset_get_targets (ds));
  ck_assert_ptr_null (tnet_dataset_get_hubs (ds));
  ck_assert_ptr_null (tnet_dataset_get_plan (ds));
  const TnetFeed *feed = (const TnetFeed *) ds;   /* must be reset */
  ck_assert (tnet_dataset_get_feed (ds, 2020, &feed, &error));
  ck_assert_ptr_null (feed);
  tt_rm_rf (dir);
}
END_TEST

/* Loads @dir after writing @text to @file; expects an error containing
 * @needle. */
static void
expect_load_error (const char *file, const char *text, int code, const char *needle)
{
  g_autofree char *dir = copy_minimal ();
  tt_write_file (dir, file, text);
  GError *error = NULL;
  TnetDataset *ds = tnet_dataset_load (dir, NULL, &error);
  ck_assert_msg (ds == NULL, "%s: loaded, expected an error with '%s'", file, needle);
  tt_assert_error (error, code, needle);
  tt_rm_rf (dir);
}

START_TEST (test_table_errors)
{
  /* a node region that regions.csv does not list */
  expect_load_error ("regions.csv", "id,name,name_en\nvalley,Valley,\n",
                     TNET_ERROR_INVALID_INPUT, "region 'port'");
  expect_load_error ("regions.csv", "id,name\nvalley,V\nvalley,W\n",
                     TNET_ERROR_INVALID_INPUT, "regions.csv:3:1: region 'valley' is given twice");
  expect_load_error ("regions.csv", "id,name\n,V\n", TNET_ERROR_INVALID_INPUT,
                     "regions.csv:2:1:");
  expect_load_error ("regions.csv", "id\nvalley\n", TNET_ERROR_INVALID_INPUT, "name");
  /* corridors: an unknown line, a bad mode group, two names for one id */
  expect_load_error ("corridors.csv", "corridor,name,name_en,line,mode_group\nc,C,,E9,road\n",
                     TNET_ERROR_INVALID_INPUT, "corridors.csv:2:6: expected a line name");
  expect_load_error ("corridors.csv", "corridor,name,name_en,line,mode_group\nc,C,,E1,air\n",
                     TNET_ERROR_INVALID_INPUT, "corridors.csv:2:9: expected rail or road");
  expect_load_error ("corridors.csv",
                     "corridor,name,name_en,line,mode_group\nc,C,,E1,road\nc,D,,T1,road\n",
                     TNET_ERROR_INVALID_INPUT, "corridors.csv:3:3:");
}
END_TEST

START_TEST (test_plan_errors)
{
  const char *base = "[plan]\ntitle = T\nhome = valley\n";
  struct {
    const char *extra;
    int code;
    const char *needle;
  } cases[] = {
    { "[report]\nk = 0\n", TNET_ERROR_INVALID_INPUT, "plan.ini:5:5: expected a whole number" },
    { "[report]\nk = 2.5\n", TNET_ERROR_INVALID_INPUT, "plan.ini:5:5:" },
    { "[report]\nbudget_min = -1\n", TNET_ERROR_INVALID_INPUT, "plan.ini:5:14:" },
    { "[report]\nfoo = 1\n", TNET_ERROR_INVALID_INPUT, "unknown key 'foo' in [report]" },
    { "[reports]\n", TNET_ERROR_INVALID_INPUT, "plan.ini:4:1: unknown group [reports]" },
    { "[pair a b]\nregion = port\n", TNET_ERROR_INVALID_INPUT, "unknown group [pair a b]" },
    { "[pair p]\nlabel = P\n", TNET_ERROR_INVALID_INPUT, "lacks the required key 'region'" },
    { "[pair p]\nregion = port\nlines = maybe\n", TNET_ERROR_INVALID_INPUT,
      "plan.ini:6:9: expected true or false" },
    { "[pair p]\nregion = mars\n", TNET_ERROR_NOT_FOUND, "no region 'mars'" },
    { "[report]\ncritical_pair = q\n", TNET_ERROR_INVALID_INPUT, "names no [pair q]" },
    { "[commute c]\norigins = all\ndestinations = z_port\n", TNET_ERROR_INVALID_INPUT,
      "lacks the required key 'budget_min'" },
    { "[commute c]\norigins = all\ndestinations = z_port\nbudget_min = 30\n"
      "profiles = car;bike\n", TNET_ERROR_INVALID_INPUT, "unknown profile 'bike'" },
    { "[commute c]\norigins = nowhere\ndestinations = z_port\nbudget_min = 30\n",
      TNET_ERROR_NOT_FOUND, "'nowhere' matches no node" },
    { "[commute c]\norigins = all\ndestinations = z_port\nbudget_min = 30\n"
      "share_destination = z_west\n", TNET_ERROR_NOT_FOUND, "not one of the destinations" },
    { "[data]\nyears = 2020-2010\n", TNET_ERROR_INVALID_INPUT, "[data] years" },
    { "[data]\nyears = soon\n", TNET_ERROR_INVALID_INPUT, "got \"soon\"" },
    { "[plan]\nmap_languages = zh;fr\n", TNET_ERROR_INVALID_INPUT,
      "plan.ini:5:17: unknown map language \"fr\" (known: zh, en)" },
    { "[names]\nk = a\nk = b\n", TNET_ERROR_INVALID_INPUT,
      "plan.ini:6:1: key 'k' in [names] was already given on line 5" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = g_strconcat (base, cases[i].extra, NULL);
      expect_load_error ("plan.ini", text, cases[i].code, cases[i].needle);
    }
  /* no [plan] group */
  expect_load_error ("plan.ini", "[report]\nk = 2\n", TNET_ERROR_INVALID_INPUT, "no [plan] group");
  /* a plan naming a missing units table */
  expect_load_error ("plan.ini", "[plan]\nunits = counties.csv\n", TNET_ERROR_IO, "counties.csv");
  /* tnet_plan_load alone: a missing file */
  GError *error = NULL;
  ck_assert_ptr_null (tnet_plan_load ("/nonexistent/plan.ini", &error));
  tt_assert_error (error, TNET_ERROR_IO, "/nonexistent/plan.ini");
}
END_TEST

/* The default scenario: [data] scenario when given, else this year brought
 * within the years described. */
START_TEST (test_scenario_year)
{
  GError *error = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  int this_year = g_date_time_get_year (now);
  /* the minimal folder describes 2020-2025 and declares no scenario */
  g_autoptr (TnetDataset) ds = load_minimal ();
  ck_assert_int_eq (tnet_dataset_get_scenario_year (ds), CLAMP (this_year, 2020, 2025));

  g_autofree char *dir = copy_minimal ();
  g_autofree char *plan = NULL;
  g_autofree char *plan_path = g_build_filename (dir, "plan.ini", NULL);
  ck_assert (g_file_get_contents (plan_path, &plan, NULL, NULL));
  /* declared */
  g_autofree char *declared = str_replace (plan, "years = 2020-2025\n",
                                           "years = 2020-2025\nscenario = 2022\n");
  tt_write_file (dir, "plan.ini", declared);
  g_autoptr (TnetDataset) d = tnet_dataset_load (dir, NULL, &error);
  ck_assert_msg (d != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (tnet_dataset_get_scenario_year (d), 2022);
  /* declared outside the years: the load fails naming the key */
  g_autofree char *outside = str_replace (plan, "years = 2020-2025\n",
                                          "years = 2020-2025\nscenario = 2031\n");
  tt_write_file (dir, "plan.ini", outside);
  g_autoptr (TnetDataset) o = tnet_dataset_load (dir, NULL, &error);
  ck_assert_ptr_null (o);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "[data] scenario 2031 is outside");
  /* not a year: located */
  g_autofree char *bad = str_replace (plan, "years = 2020-2025\n",
                                      "years = 2020-2025\nscenario = soon\n");
  tt_write_file (dir, "plan.ini", bad);
  g_autoptr (TnetDataset) b = tnet_dataset_load (dir, NULL, &error);
  ck_assert_ptr_null (b);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "plan.ini:11:12:");
  /* years wholly in the past and wholly in the future: the nearest end */
  g_autofree char *past = str_replace (plan, "years = 2020-2025", "years = 1990-1995");
  tt_write_file (dir, "plan.ini", past);
  g_autoptr (TnetDataset) p = tnet_dataset_load (dir, NULL, &error);
  ck_assert_msg (p != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (tnet_dataset_get_scenario_year (p), 1995);
  g_autofree char *future = str_replace (plan, "years = 2020-2025", "years = 2190-2199");
  tt_write_file (dir, "plan.ini", future);
  g_autoptr (TnetDataset) f = tnet_dataset_load (dir, NULL, &error);
  ck_assert_msg (f != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (tnet_dataset_get_scenario_year (f), 2190);
  tt_rm_rf (dir);

  /* the bundled folder declares the plan's horizon */
  g_autofree char *xc = tt_source_path ("data/xuchang");
  g_autoptr (TnetDataset) x = tnet_dataset_load (xc, NULL, &error);
  ck_assert_msg (x != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (tnet_dataset_get_scenario_year (x), 2025);
}
END_TEST

START_TEST (test_bundled_plan)
{
  /* the bundled folder's plan names its home, pairs and commute group */
  g_autofree char *dir = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetDataset) ds = tnet_dataset_load (dir, NULL, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "");
  const TnetPlan *plan = tnet_dataset_get_plan (ds);
  ck_assert_ptr_nonnull (plan);
  ck_assert_uint_eq (tnet_plan_n_pairs (plan), 2);
  ck_assert_uint_eq (tnet_plan_n_commutes (plan), 2);   /* [commute zhengzhou], [commute stations] */
  /* regions.csv: xuchang, zhengzhou, airport, other */
  ck_assert_uint_eq (tnet_dataset_n_regions (ds), 4);
  /* corridors.csv: 一轴三通道 (4) + the two P-C14 corridors */
  ck_assert_uint_eq (tnet_dataset_n_corridors (ds), 6);
  guint n = 0;
  const int *years = tnet_dataset_get_feed_years (ds, &n);
  ck_assert_uint_eq (n, 2);
  ck_assert_int_eq (years[0], 2020);
  ck_assert_int_eq (years[1], 2025);
}
END_TEST


START_TEST (test_service_date)
{
  /* gtfs-2020/calendar.txt runs from 20200101 to 20201231 */
  g_autofree char *dir = tt_source_path ("examples/data/minimal");
  TnetFeedOptions o;
  tnet_feed_options_init (&o);
  o.service_date = 20210104;
  GError *error = NULL;
  g_autoptr (TnetDataset) ds = tnet_dataset_load (dir, &o, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "");
  const TnetFeed *feed = NULL;
  ck_assert (!tnet_dataset_get_feed (ds, 2020, &feed, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "from 20200101 to 20201231");
  /* the failure is kept, not retried */
  ck_assert (!tnet_dataset_get_feed (ds, 2020, &feed, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "20210104");
  o.service_date = 20200106;   /* a Monday inside the calendar */
  g_autoptr (TnetDataset) ok = tnet_dataset_load (dir, &o, &error);
  ck_assert (tnet_dataset_get_feed (ok, 2020, &feed, &error));
  ck_assert_uint_eq (tnet_feed_get_service_date (feed), 20200106);
}
END_TEST

/* The minimal folder's report, from its plan. Times by car (links.csv):
 * e1 28 km at 120 km/h = 14 min, r1 11 km and r2 20 km at 60 km/h = 11 and
 * 20 min, access links as given (a_west_ic 5, a_port_jn 3). */
START_TEST (test_report_plan)
{
  g_autoptr (TnetDataset) ds = load_minimal ();
  g_autoptr (TnetScenario) s2020 = tnet_scenario_new (2020);
  g_autoptr (TnetScenario) s2025 = tnet_scenario_new (2025);
  const TnetScenario *scens[] = { s2020, s2025 };
  GError *error = NULL;
  g_autoptr (TnetReport) r = tnet_report_compute (ds, scens, 2, &error);
  ck_assert_msg (r != NULL, "%s", error ? error->message : "");
  /* inside valley: e1 and r2 end in port, so no expressway km; trunk r1
   * (class II, 11 km) is the only trunk link inside: 100 % good */
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "expressway_km"), 0, 1e-9);
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "trunk_class2_pct"), 100, 1e-9);
  /* road lines joining valley and port on their own: E1 and T2 (T1 stays
   * inside valley); rail: Coast Rail opens in 2025 */
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "port_road_lines"), 2, 1e-9);
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "port_rail_lines"), 0, 1e-9);
  ck_assert_double_eq_tol (tnet_report_get_value (r, 1, "port_rail_lines"), 1, 1e-9);
  /* link-disjoint valley -> port: e1 and r2 (2020), + rail1 (2025) */
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "port_disjoint_paths"), 2, 1e-9);
  ck_assert_double_eq_tol (tnet_report_get_value (r, 1, "port_disjoint_paths"), 3, 1e-9);
  /* car to z_port: west 5 + 14 + 3 = 22 min, east 20 + 3 = 23 min, both
   * within the 30-min budget: 100 % of 4000 people */
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "commute_port_30min_pct"), 100, 1e-9);
  /* by car, losing e1 sends west by r1 + r2: 11 + 20 + 3 = 34 min, +12
   * (the worst: losing r2 sends east by r1 + e1, 11 + 22 = 33, +10). By
   * transit (the plan's second commute profile) in 2020 only east reaches
   * port: the T2 bus from z_east, 10 min wait (half the 20-min headway) +
   * 25 min ride + 3 min walk over a_port_jn = 38 min; z_west has no walk to
   * a stop (r1 is a class II trunk road, not walkable). Losing a_port_jn
   * cuts that pair and slows none other, so the worst increase of both
   * profiles is the car's 12 min. */
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "critical_link_max_increase_min"), 12,
                           1e-9);
  g_autofree char *json = tnet_report_to_json (r, FALSE);
  ck_assert_msg (strstr (json, "\"commute_port_minutes\":{\"west\":{\"z_port\":{\"car\":22"),
                 "%s", json);
  ck_assert_msg (strstr (json, "\"east\":{\"z_port\":{\"car\":23"), "%s", json);
  /* [report] corridors = true: in 2025 both coast lines are in service */
  ck_assert_msg (strstr (json, "\"corridor_lines\":{\"coast\":[\"E1\",\"Coast Rail\"]"),
                 "%s", json);
  g_autofree char *text = tnet_report_to_text (r);
  ck_assert_msg (g_str_has_prefix (text, "Valley transport indicators\n"), "%s", text);
  ck_assert_msg (strstr (text, "\nRoad lines Valley-Port "), "%s", text);   /* [names] */
  ck_assert_msg (strstr (text, "== Commute to Port City =="), "%s", text);
  ck_assert_msg (strstr (text, "critical links Valley → Port, car (2 zone pairs, budget 45 min, "
                                 "network)"),
                 "%s", text);
  ck_assert_msg (strstr (text, "critical links Valley → Port, transit (2 zone pairs, budget 45 "
                         "min, frequency approximation):\n     1. a_port_jn (-): 1 pairs slower, 1 cut, 1 out of budget, "
                         "max +0.0 min\n"), "%s", text);
  /* a year outside [data] years */
  g_autoptr (TnetScenario) s2030 = tnet_scenario_new (2030);
  const TnetScenario *late[] = { s2030 };
  ck_assert_ptr_null (tnet_report_compute (ds, late, 1, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "2020-2025");
}
END_TEST

/* Without plan.ini: the generic summary. */
START_TEST (test_report_summary)
{
  g_autofree char *dir = copy_minimal ();
  remove_file (dir, "plan.ini");
  GError *error = NULL;
  g_autoptr (TnetDataset) ds = tnet_dataset_load (dir, NULL, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetScenario) s2020 = tnet_scenario_new (2020);
  const TnetScenario *scens[] = { s2020 };
  g_autoptr (TnetReport) r = tnet_report_compute (ds, scens, 1, &error);
  ck_assert_msg (r != NULL, "%s", error ? error->message : "");
  /* 2020: expressway e1 28 km; trunk r1 + r2 = 31 km; access 1.3 + 1.3 +
   * 0.9 + 0.9 = 4.4 km; rail1 not open yet */
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "expressway_km"), 28, 1e-9);
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "trunk_km"), 31, 1e-9);
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "access_km"), 4.4, 1e-9);
  ck_assert (isnan (tnet_report_get_value (r, 0, "rail_km")));
  /* zones z_west, z_east, z_port: 1000 + 3000 + 5000 people; stations
   * st_west, st_port */
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "zones"), 3, 1e-9);
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "population"), 9000, 1e-9);
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "stops"), 2, 1e-9);
  /* car, 6 ordered pairs all connected: west-east 11, west-port 22,
   * east-port 23 (each both ways): mean 112 / 6 = 18.67 -> 18.7 */
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "car_zone_pairs_connected_pct"), 100,
                           1e-9);
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "car_zone_mean_min"), 18.7, 1e-9);
  /* corridors.csv in 2020: coast has E1 (Coast Rail opens 2025), inland T2 */
  g_autofree char *json = tnet_report_to_json (r, FALSE);
  ck_assert_msg (strstr (json, "\"corridor_lines\":{\"coast\":[\"E1\"],\"inland\":[\"T2\"]}"),
                 "%s", json);
  g_autofree char *text = tnet_report_to_text (r);
  ck_assert_msg (strstr (text, "valley Valley: 2 zones, population 4000"), "%s", text);
  g_autofree char *title = g_strdup_printf ("%s network summary\n", strrchr (dir, '/') + 1);
  ck_assert_msg (g_str_has_prefix (text, title), "%s", text);
  ck_assert_msg (!strstr (text, "Expressway length"), "%s", text);
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_cli_years)
{
  g_autofree char *dir = tt_source_path ("examples/data/minimal");
  TtRun r = tt_run_tnet ("report", "--data", dir, "--scenario", "2019", NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "2019 is outside") && strstr (r.err, "2020-2025"), "%s", r.err);
  tt_run_clear (&r);
  r = tt_run_tnet ("report", "--data", dir, "--scenario", "2025", "--format", "csv", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  /* one column: the scenario is 2025, the baseline 2020 */
  ck_assert_msg (strstr (r.out, "\nport_road_lines,2,2,2,pass\n"), "%s", r.out);
  tt_run_clear (&r);
  /* the bundled folder declares 2020-2030 */
  r = tt_run_tnet ("report", "--scenario", "1999", NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "2020-2030"), "%s", r.err);
  tt_run_clear (&r);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("dataset");
  TCase *tc = tcase_create ("dataset");
  tcase_add_test (tc, test_minimal_tables);
  tcase_add_test (tc, test_minimal_feeds);
  tcase_add_test (tc, test_minimal_plan);
  tcase_add_test (tc, test_years);
  tcase_add_test (tc, test_optional_files);
  tcase_add_test (tc, test_table_errors);
  tcase_add_test (tc, test_plan_errors);
  tcase_add_test (tc, test_scenario_year);
  tcase_add_test (tc, test_bundled_plan);
  tcase_add_test (tc, test_service_date);
  tcase_add_test (tc, test_report_plan);
  tcase_add_test (tc, test_report_summary);
  tcase_add_test (tc, test_cli_years);
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
