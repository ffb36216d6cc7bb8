/* test-scenario-file.c: the scenario file reader. */
#include "tests-common.h"

static TnetScenarioFile *
load_text (const char *text, GError **error)
{
  return tnet_scenario_file_load_from_data (text, -1, "t.ini", "/base", error);
}

/* Loads @text, expecting failure with @code and every needle in @needles. */
static void
expect_error (const char *text, int code, const char *const *needles)
{
  GError *error = NULL;
  TnetScenarioFile *sf = load_text (text, &error);
  ck_assert_msg (sf == NULL, "expected an error for:\n%s", text);
  ck_assert_ptr_nonnull (error);
  ck_assert_int_eq (error->code, code);
  for (guint i = 0; needles[i]; i++)
    ck_assert_msg (strstr (error->message, needles[i]) != NULL,
                   "message '%s' lacks '%s'", error->message, needles[i]);
  g_error_free (error);
}

#define EXPECT(text, ...) \
  expect_error ((text), TNET_ERROR_INVALID_INPUT, (const char *const[]) { __VA_ARGS__, NULL })

static const char full_text[] =
  "# a full file\n"
  "[scenario]\n"
  "name = 2025 plan, G4 closed\n"
  "network = ../data/xuchang\n"
  "year = 2025\n"
  "statuses = existing;construction\n"
  "\n"
  "[closures]\n"
  "lines = G4 京港澳高速\n"
  "links = l_a; l_b ;\n"
  "[overrides]\n"
  "l_a.speed_kmh = 60\n"
  "l_b.time_min = 12.5\n"
  "line:郑许市域铁路.headway_factor = 2\n"
  "[commute]\n"
  "origins = region:xuchang\n"
  "destinations = zz_center;kind:zone\n"
  "budget_min = 60\n"
  "profiles = car;transit;park_and_ride\n"
  "direction = both\n"
  "[isochrone]\n"
  "from = xc_city\n"
  "minutes = 45\n"
  "profile = car\n"
  "[transfers]\n"
  "hubs = all\n"
  "[corridors]\n"
  "pairs = xuchang>zhengzhou; xuchang > airport\n"
  "modes = rail;road\n"
  "k = 4\n"
  "[criticality]\n"
  "pairs = xuchang>zhengzhou\n"
  "by = line\n"
  "top = 10\n"
  "[output]\n"
  "dir = out/x\n"
  "formats = text;json;svg;png\n";

START_TEST (test_full_file)
{
  GError *error = NULL;
  g_autoptr (TnetScenarioFile) sf = load_text (full_text, &error);
  ck_assert_msg (sf != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (tnet_scenario_file_get_name (sf), "2025 plan, G4 closed");
  ck_assert_str_eq (tnet_scenario_file_get_network_dir (sf), "/data/xuchang");
  ck_assert_int_eq (tnet_scenario_file_get_year (sf), 2025);
  ck_assert_str_eq (tnet_scenario_file_get_output_dir (sf), "/base/out/x");
  ck_assert_uint_eq (tnet_scenario_file_get_formats (sf),
                     TNET_OUTPUT_TEXT | TNET_OUTPUT_JSON | TNET_OUTPUT_SVG | TNET_OUTPUT_PNG);
  const char *const *links = tnet_scenario_file_get_strv (sf, "closures", "links");
  ck_assert_uint_eq (g_strv_length ((char **) links), 2);
  ck_assert_str_eq (links[0], "l_a");
  ck_assert_str_eq (links[1], "l_b");
  const char *const *lines = tnet_scenario_file_get_strv (sf, "closures", "lines");
  ck_assert_str_eq (lines[0], "G4 京港澳高速");
  ck_assert (tnet_scenario_file_has_section (sf, "commute"));
  ck_assert (!tnet_scenario_file_has_section (sf, "nonesuch"));
  ck_assert_double_eq (tnet_scenario_file_get_double (sf, "commute", "budget_min", 0), 60);
  ck_assert_double_eq (tnet_scenario_file_get_double (sf, "corridors", "budget_min", -1), -1);
  ck_assert_str_eq (tnet_scenario_file_get_string (sf, "commute", "direction"), "both");
  ck_assert_str_eq (tnet_scenario_file_get_string (sf, "isochrone", "from"), "xc_city");
  guint n = 0;
  const char *const *pairs = tnet_scenario_file_get_pairs (sf, "corridors", &n);
  ck_assert_uint_eq (n, 2);
  ck_assert_str_eq (pairs[0], "xuchang");
  ck_assert_str_eq (pairs[1], "zhengzhou");
  ck_assert_str_eq (pairs[2], "xuchang");
  ck_assert_str_eq (pairs[3], "airport");
  ck_assert_ptr_null (tnet_scenario_file_get_pairs (sf, "transfers", &n));
  ck_assert_uint_eq (n, 0);
  ck_assert_uint_eq (tnet_scenario_file_get_line (sf, "commute", "budget_min"), 18);
  ck_assert_uint_eq (tnet_scenario_file_get_line (sf, "commute", NULL), 15);
  ck_assert_uint_eq (tnet_scenario_file_get_line (sf, "commute", "absent"), 0);

  g_autoptr (TnetScenario) scen = tnet_scenario_file_get_scenario (sf, 2020);
  ck_assert_int_eq (tnet_scenario_get_year (scen), 2025);
  ck_assert_str_eq (tnet_scenario_get_name (scen), "2025 plan, G4 closed");
  ck_assert_uint_eq (tnet_scenario_get_statuses (scen),
                     TNET_STATUS_BIT (TNET_STATUS_EXISTING)
                     | TNET_STATUS_BIT (TNET_STATUS_CONSTRUCTION));
  ck_assert_double_eq (tnet_scenario_get_headway_factor (scen, "郑许市域铁路"), 2);
  ck_assert_double_eq (tnet_scenario_get_headway_factor (scen, "other"), 1);
}
END_TEST

START_TEST (test_defaults)
{
  GError *error = NULL;
  g_autoptr (TnetScenarioFile) sf =
    tnet_scenario_file_load_from_data ("[scenario]\nyear = 2020\n", -1, "dir/base-line.ini",
                                       "/somewhere", &error);
  ck_assert_msg (sf != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (tnet_scenario_file_get_name (sf), "base-line");
  ck_assert_ptr_null (tnet_scenario_file_get_network_dir (sf));
  ck_assert_str_eq (tnet_scenario_file_get_output_dir (sf), "/somewhere/out/base-line");
  ck_assert_uint_eq (tnet_scenario_file_get_formats (sf),
                     TNET_OUTPUT_TEXT | TNET_OUTPUT_JSON | TNET_OUTPUT_GEOJSON);
  g_autoptr (TnetScenarioFile) empty = load_text ("# nothing\n", &error);
  ck_assert_ptr_nonnull (empty);
  ck_assert_int_eq (tnet_scenario_file_get_year (empty), 0);
  g_autoptr (TnetScenario) scen = tnet_scenario_file_get_scenario (empty, 2020);
  ck_assert_int_eq (tnet_scenario_get_year (scen), 2020);
}
END_TEST

START_TEST (test_unknown_key)
{
  /* the typo is located at its line and column and a suggestion given */
  EXPECT ("[scenario]\nyear = 2025\n[commute]\norigins = a\ndestinations = b\n"
          "  budget_mins = 60\n",
          "t.ini:6:3:", "unknown key 'budget_mins' in [commute]",
          "did you mean 'budget_min'?");
  /* far from every key: the list of keys instead */
  EXPECT ("[output]\nwhatever = 1\n", "t.ini:2:1:", "expected one of dir, formats");
  EXPECT ("[scenario]\nyaer = 2020\n", "did you mean 'year'?");
}
END_TEST

START_TEST (test_unknown_section)
{
  EXPECT ("[scenario]\nyear = 2025\n\n[comute]\norigins = a\n", "t.ini:4:1:",
          "unknown section [comute]", "did you mean [commute]?");
  EXPECT ("[zzzz]\na = 1\n", "t.ini:1:1:", "unknown section [zzzz]", "expected scenario");
}
END_TEST

START_TEST (test_bad_values)
{
  EXPECT ("[scenario]\nyear = twenty\n", "t.ini:2:8:", "year: expected a whole number",
          "got 'twenty'");
  EXPECT ("[scenario]\nyear = 1850\n", "t.ini:2:8:", "from 1900 to 2100");
  EXPECT ("[scenario]\nyear = 2025.5\n", "whole number");
  EXPECT ("[scenario]\nstatuses = existing;planed\n", "t.ini:2:12:",
          "'planed' is not one of existing, construction, planned, study",
          "did you mean 'planned'?");
  EXPECT ("[commute]\norigins = a\ndestinations = b\nbudget_min = -5\n", "t.ini:4:14:",
          "budget_min: expected a number above 0");
  EXPECT ("[commute]\norigins = a\ndestinations = b\nbudget_min = 60 ; one hour\n",
          "comments go on their own line");
  EXPECT ("[commute]\norigins = a\ndestinations = b\nbudget_min = nan\n", "got 'nan'");
  EXPECT ("[commute]\norigins = a\ndestinations = b\nprofiles = car;bike\n",
          "'bike' is not one of car, transit, park_and_ride");
  EXPECT ("[commute]\norigins = a\ndestinations = b\ndirection = sideways\n",
          "not one of to, from, both");
  EXPECT ("[isochrone]\nfrom = a\nprofile = trnasit\n", "did you mean 'transit'?");
  EXPECT ("[output]\nformats = text;pdf\n", "'pdf' is not one of text, json");
  EXPECT ("[corridors]\npairs = xuchang-zhengzhou\n", "t.ini:2:9:",
          "expected FROM>TO", "xuchang-zhengzhou");
  EXPECT ("[corridors]\npairs = a>b>c\n", "expected FROM>TO");
  EXPECT ("[corridors]\npairs = a>b\nk = 0\n", "from 1 to 16");
  EXPECT ("[criticality]\npairs = a>b\nby = node\n", "not one of link, line");
  EXPECT ("[closures]\nlinks = ;;\n", "expected a ';'-separated list, got nothing");
  EXPECT ("[scenario]\nname =\n", "name: expected a value");
  EXPECT ("[scenario]\nnetwork = data/xuchang   ; relative to the file\n",
          "t.ini:2:11:", "comments go on their own line");
}
END_TEST

START_TEST (test_overrides)
{
  EXPECT ("[overrides]\nl_1.speed = 60\n", "t.ini:2:1:", "unknown override 'l_1.speed'",
          "did you mean 'speed_kmh'?");
  EXPECT ("[overrides]\nl_1 = 60\n", "unknown override 'l_1'");
  EXPECT ("[overrides]\nl_1.speed_kmh = fast\n", "t.ini:2:17:", "got 'fast'");
  EXPECT ("[overrides]\nl_1.speed_kmh = 0\n", "above 0");
  EXPECT ("[overrides]\nl_1.time_min = -1\n", "above 0");
  EXPECT ("[overrides]\nl_1.headway_factor = 2\n", "write line:NAME.headway_factor");
  EXPECT ("[overrides]\nline:X.speed_kmh = 2\n", "speed_kmh applies to a link");
  EXPECT ("[overrides]\nline:X.headway_factor = 0.001\n", "from 0.01");
  EXPECT ("[overrides]\nline:.headway_factor = 2\n", "names no line");
}
END_TEST

START_TEST (test_structure)
{
  EXPECT ("[scenario]\nyear = 2020\nyear = 2025\n", "t.ini:3:1:",
          "already given on line 2");
  EXPECT ("[scenario]\nyear = 2020\njust words\n", "t.ini:3:1:", "expected '[section]'");
  EXPECT ("year = 2020\n", "t.ini:1:1:");
  EXPECT ("[commute]\norigins = a\n", "t.ini:1:1:", "[commute] needs a 'destinations' key");
  EXPECT ("[corridors]\nk = 2\n", "needs a 'pairs' key");
  EXPECT ("[isochrone]\nminutes = 30\n", "needs a 'from' key");
  EXPECT ("[scenario]\nname = \xff\xfe\n", "t.ini:2:", "UTF-8");
}
END_TEST

START_TEST (test_io_error)
{
  GError *error = NULL;
  ck_assert_ptr_null (tnet_scenario_file_load ("/nonexistent/x.ini", &error));
  tt_assert_error (error, TNET_ERROR_IO, "/nonexistent/x.ini");
}
END_TEST

START_TEST (test_load_file_relative)
{
  char *dir = tt_mkdtemp ();
  tt_write_file (dir, "s.ini", "[scenario]\nnetwork = net\n[output]\ndir = o\n");
  g_autofree char *path = g_build_filename (dir, "s.ini", NULL);
  GError *error = NULL;
  g_autoptr (TnetScenarioFile) sf = tnet_scenario_file_load (path, &error);
  ck_assert_msg (sf != NULL, "%s", error ? error->message : "");
  g_autofree char *net = g_build_filename (dir, "net", NULL);
  g_autofree char *out = g_build_filename (dir, "o", NULL);
  ck_assert_str_eq (tnet_scenario_file_get_network_dir (sf), net);
  ck_assert_str_eq (tnet_scenario_file_get_output_dir (sf), out);
  ck_assert_str_eq (tnet_scenario_file_get_name (sf), "s");
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* A tiny network: a-b-c in region r1/r2, links l_ab, l_bc on lines L1, L2. */
static TnetNetwork *
tiny_network (void)
{
  TnetNetwork *net = tnet_network_new ();
  const char *ids[] = { "n_a", "n_b", "n_c" };
  const char *regions[] = { "xuchang", "xuchang", "zhengzhou" };
  for (guint i = 0; i < 3; i++)
    {
      TnetNode node = { .id = ids[i], .name = ids[i], .region = regions[i],
                        .kind = TNET_NODE_ZONE, .lon = 113.8 + 0.01 * i, .lat = 34.0 };
      ck_assert_uint_eq (tnet_network_add_node (net, &node, NULL), i);
    }
  const char *lids[] = { "l_ab", "l_bc" };
  const char *lines[] = { "L1 line", "郑许市域铁路" };
  for (guint i = 0; i < 2; i++)
    {
      TnetLink link = { .id = lids[i], .line = lines[i], .from = i, .to = i + 1,
                        .mode = TNET_MODE_ROAD, .status = TNET_STATUS_EXISTING,
                        .length_m = 1000, .speed_kmh = NAN, .time_ms = TNET_WEIGHT_INF };
      ck_assert_uint_ne (tnet_network_add_link (net, &link, NULL), TNET_ID_NONE);
    }
  return net;
}

static void
expect_check (TnetNetwork *net, const char *text, int code, const char *needle,
              const char *needle2)
{
  GError *error = NULL;
  g_autoptr (TnetScenarioFile) sf = load_text (text, &error);
  ck_assert_msg (sf != NULL, "%s", error ? error->message : "");
  gboolean ok = tnet_scenario_file_check (sf, net, &error);
  if (needle == NULL)
    {
      ck_assert_msg (ok, "%s", error ? error->message : "");
      return;
    }
  ck_assert (!ok);
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (strstr (error->message, needle2 ? needle2 : needle) != NULL, "%s",
                 error->message);
  tt_assert_error (error, code, needle);
}

START_TEST (test_check_names)
{
  g_autoptr (TnetNetwork) net = tiny_network ();
  expect_check (net,
                "[closures]\nlinks = l_ab\nlines = L1 line\n[overrides]\n"
                "l_bc.speed_kmh = 50\nline:郑许市域铁路.headway_factor = 2\n"
                "[commute]\norigins = region:xuchang\ndestinations = n_c;kind:zone\n"
                "[isochrone]\nfrom = xuchang\n[corridors]\npairs = xuchang>n_c\n",
                0, NULL, NULL);
  expect_check (net, "[closures]\nlinks = l_ab;l_bd\n", TNET_ERROR_NOT_FOUND,
                "t.ini:2:9: unknown link 'l_bd'", "did you mean 'l_bc'?");
  expect_check (net, "[closures]\nlines = L1 lne\n", TNET_ERROR_NOT_FOUND,
                "unknown line 'L1 lne'", "did you mean 'L1 line'?");
  expect_check (net, "[overrides]\nl_xx.time_min = 3\n", TNET_ERROR_NOT_FOUND,
                "t.ini:2:", "unknown link 'l_xx'");
  expect_check (net, "[overrides]\nline:郑许市域铁.headway_factor = 3\n",
                TNET_ERROR_NOT_FOUND, "unknown line", "did you mean '郑许市域铁路'?");
  expect_check (net, "[commute]\norigins = region:xuchnag\ndestinations = n_c\n",
                TNET_ERROR_NOT_FOUND, "'region:xuchnag' matches no node",
                "did you mean 'xuchang'?");
  expect_check (net, "[commute]\norigins = kind:zones\ndestinations = n_c\n",
                TNET_ERROR_NOT_FOUND, "'kind:zones' matches no node", "did you mean 'zone'?");
  expect_check (net, "[commute]\norigins = n_a\ndestinations = n_cc\n",
                TNET_ERROR_NOT_FOUND, "t.ini:3:", "did you mean 'n_c'?");
  expect_check (net, "[criticality]\npairs = xuchang>zhengzou\n", TNET_ERROR_NOT_FOUND,
                "'zhengzou' matches no node", "did you mean 'zhengzhou'?");
  /* a bare region id is a place in [commute] too; a comma list names the
   * item that matches nothing */
  expect_check (net, "[commute]\norigins = xuchnag\ndestinations = n_c\n",
                TNET_ERROR_NOT_FOUND, "t.ini:2:11: origins: 'xuchnag'", "did you mean 'xuchang'?");
  expect_check (net, "[isochrone]\nfrom = n_a, n_cc\n", TNET_ERROR_NOT_FOUND,
                "t.ini:2:8: from: 'n_cc' matches no node", "did you mean 'n_c'?");
}
END_TEST

/* Places of a scenario file on the bundled network, in each key that takes
 * one: a misspelt region, kind, node name or node id is named with the
 * intended name (written out here by hand) as its did-you-mean. */
START_TEST (test_check_place_suggestions)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  static const char *const bad[][2] = {
    { "xuchnag", "xuchang" }, { "region:zhengzou", "zhengzhou" },
    { "zones:airprot", "airport" }, { "kind:staton", "station" },
    { "长葛是", "长葛市" }, { "z_wiedu", "z_weidu" }, { "node:z_wiedu", "z_weidu" },
    { "z_weidu, z_wiedu", "z_weidu" },
  };
  /* the text before and after the place */
  static const char *const keys[][2] = {
    { "[commute]\norigins = ", "\ndestinations = zz_center\n" },
    { "[commute]\norigins = z_weidu\ndestinations = ", "\n" },
    { "[isochrone]\nfrom = ", "\n" },
    { "[corridors]\npairs = ", ">zhengzhou\n" },
    { "[criticality]\npairs = xuchang>", "\n" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      {
        g_autofree char *text = g_strconcat (keys[k][0], bad[i][0], keys[k][1], NULL);
        g_autofree char *want = g_strdup_printf ("did you mean '%s'?", bad[i][1]);
        expect_check (net, text, TNET_ERROR_NOT_FOUND, "matches no node", want);
      }
}
END_TEST

/* An override's time_min is read in minutes and held in ms, rounded to
 * the nearest one: 29.999 min is 1 799 940 ms, 0.00001 min (0.6 ms) 1 ms. */
START_TEST (test_override_time_ms)
{
  g_autoptr (TnetNetwork) net = tiny_network ();
  GError *error = NULL;
  g_autoptr (TnetScenarioFile) sf
    = load_text ("[overrides]\nl_ab.time_min = 29.999\nl_bc.time_min = 0.00001\n", &error);
  ck_assert_msg (sf != NULL, "%s", error ? error->message : "");
  ck_assert_msg (tnet_scenario_file_check (sf, net, &error), "%s",
                 error ? error->message : "");
  g_autoptr (TnetScenario) scen = tnet_scenario_file_get_scenario (sf, 2025);
  ck_assert_uint_eq (tnet_scenario_link_time_ms (scen, net, 0), 1799940);
  ck_assert_uint_eq (tnet_scenario_link_time_ms (scen, net, 1), 1);
}
END_TEST

START_TEST (test_suggest)
{
  const char *c[] = { "budget_min", "origins", "destinations", "郑许市域铁路" };
  ck_assert_str_eq (tnet_suggest_name ("budgetmin", c, 4), "budget_min");
  ck_assert_str_eq (tnet_suggest_name ("origin", c, 4), "origins");
  ck_assert_str_eq (tnet_suggest_name ("郑许市域铁", c, 4), "郑许市域铁路");
  ck_assert_ptr_null (tnet_suggest_name ("zzz", c, 4));
  ck_assert_ptr_null (tnet_suggest_name ("origins", c, 4)); /* itself: no suggestion */
  ck_assert_ptr_null (tnet_suggest_name ("x", NULL, 0));
}
END_TEST

/* A NUL byte or a byte that is not UTF-8 is placed at its line and
 * column, worked out by hand: "[scenario]\n" is line 1, "name = a" line 2,
 * the bad byte the fourth of line 3 (NUL) or the one after "x = é" (five
 * characters: x, space, =, space, é; so column 6). */
START_TEST (test_bad_bytes_placed)
{
  static const char nul[] = "[scenario]\nname = a\nyea\0r = 2025\n";
  GError *error = NULL;
  ck_assert (tnet_scenario_file_load_from_data (nul, sizeof nul - 1, "t.ini", "/base",
                                                &error) == NULL);
  ck_assert_str_eq (error->message, "t.ini:3:4: expected text, found a NUL byte");
  g_clear_error (&error);
  static const char latin[] = "[scenario]\nname = a\nx = \xc3\xa9\xe9\n";
  ck_assert (tnet_scenario_file_load_from_data (latin, sizeof latin - 1, "t.ini", "/base",
                                                &error) == NULL);
  ck_assert_str_eq (error->message, "t.ini:3:6: expected UTF-8 text (byte 0xe9)");
  g_clear_error (&error);
}
END_TEST

static Suite *
scenario_file_suite (void)
{
  Suite *s = suite_create ("scenario-file");
  TCase *tc = tcase_create ("load");
  tcase_add_test (tc, test_full_file);
  tcase_add_test (tc, test_defaults);
  tcase_add_test (tc, test_unknown_key);
  tcase_add_test (tc, test_unknown_section);
  tcase_add_test (tc, test_bad_values);
  tcase_add_test (tc, test_overrides);
  tcase_add_test (tc, test_structure);
  tcase_add_test (tc, test_io_error);
  tcase_add_test (tc, test_load_file_relative);
  suite_add_tcase (s, tc);
  tc = tcase_create ("check");
  tcase_add_test (tc, test_check_names);
  tcase_add_test (tc, test_check_place_suggestions);
  tcase_add_test (tc, test_override_time_ms);
  tcase_add_test (tc, test_suggest);
  tcase_add_test (tc, test_bad_bytes_placed);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return tt_run_suite (scenario_file_suite ());
}
