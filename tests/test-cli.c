/* test-cli.c: the tnet command, run as a child process on tiny networks. */
#include "tests-common.h"
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

static const char nodes_csv[] =
  "id,name,kind,lon,lat\n"
  "xc_a,许昌东,junction,113.80,34.00\n"
  "xc_b,Middle,junction,113.85,34.05\n"
  "xc_c,长葛,place,113.90,34.10\n"
  "xc_d,Detour,junction,113.80,34.10\n"
  "xc_e,Rail only,station,113.95,34.15\n";

/* G4 a-b-c: 20 km at 120 km/h = 10 min; X1 a-d + X2 d-c (oneway): 10 km,
 * 15 min; c-e only by rail. */
static const char links_csv[] =
  "id,from,to,mode,line,length_km,speed_kmh,oneway\n"
  "l_ab,xc_a,xc_b,expressway,G4 京港澳高速,10,120,\n"
  "l_bc,xc_b,xc_c,expressway,G4 京港澳高速,10,120,\n"
  "l_ad,xc_a,xc_d,road,X1,5,40,\n"
  "l_dc,xc_d,xc_c,road,X2,5,40,1\n"
  "l_ce,xc_c,xc_e,hsr,郑渝高铁,30,300,\n";


static char *
make_net (void)
{
  char *dir = tt_mkdtemp ();
  tt_write_file (dir, "nodes.csv", nodes_csv);
  tt_write_file (dir, "links.csv", links_csv);
  return dir;
}

START_TEST (test_route_text)
{
  g_autofree char *dir = make_net ();
  TtRun r = tt_run_tnet ("route", "xc_a", "xc_c", "--data", dir, NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  ck_assert_msg (strstr (r.out, "G4 京港澳高速 [expressway]: 许昌东 (xc_a) -> 长葛 (xc_c), 20.0 km, 10.0 min"),
                 "%s", r.out);
  ck_assert_msg (strstr (r.out, "Total: 10.0 min, 20.0 km\n"), "%s", r.out);
  tt_run_clear (&r);

  /* by length: the two road legs; the way back cannot use the oneway X2 */
  r = tt_run_tnet ("route", "--metric", "length", "xc_a", "xc_c", "--data", dir, NULL);
  ck_assert_int_eq (r.status, 0);
  ck_assert_msg (strstr (r.out, "X1 [road]") && strstr (r.out, "X2 [road]")
                 && strstr (r.out, "Total: 15.0 min, 10.0 km\n"), "%s", r.out);
  tt_run_clear (&r);
  r = tt_run_tnet ("route", "-m", "length", "xc_c", "xc_a", "--data", dir, NULL);
  ck_assert_int_eq (r.status, 0);
  ck_assert_msg (strstr (r.out, "Total: 10.0 min, 20.0 km\n"), "%s", r.out);
  tt_run_clear (&r);

  /* -o writes the file, stdout stays empty */
  g_autofree char *out = g_build_filename (dir, "route.txt", NULL);
  r = tt_run_tnet ("route", "xc_a", "xc_b", "--data", dir, "-o", out, NULL);
  ck_assert_int_eq (r.status, 0);
  ck_assert_str_eq (r.out, "");
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (out, &text, NULL, NULL));
  ck_assert_msg (strstr (text, "Total: 5.0 min, 10.0 km\n"), "%s", text);
  tt_run_clear (&r);
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_route_json)
{
  g_autofree char *dir = make_net ();
  TtRun r = tt_run_tnet ("route", "xc_a", "xc_c", "--data", dir, "--format", "json",
                         "--metric", "length", NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  g_autoptr (JsonParser) p = json_parser_new ();
  ck_assert (json_parser_load_from_data (p, r.out, -1, NULL));
  JsonObject *o = json_node_get_object (json_parser_get_root (p));
  ck_assert_str_eq (json_object_get_string_member (o, "from"), "xc_a");
  ck_assert_str_eq (json_object_get_string_member (o, "to"), "xc_c");
  ck_assert_str_eq (json_object_get_string_member (o, "profile"), "car");
  ck_assert_str_eq (json_object_get_string_member (o, "metric"), "length");
  ck_assert_double_eq_tol (json_object_get_double_member (o, "total_min"), 15.0, 1e-9);
  ck_assert_double_eq_tol (json_object_get_double_member (o, "total_km"), 10.0, 1e-9);
  JsonArray *legs = json_object_get_array_member (o, "legs");
  ck_assert_uint_eq (json_array_get_length (legs), 2);
  JsonObject *l0 = json_array_get_object_element (legs, 0);
  ck_assert_str_eq (json_object_get_string_member (l0, "line"), "X1");
  ck_assert_str_eq (json_object_get_string_member (l0, "mode"), "road");
  ck_assert_str_eq (json_object_get_string_member (l0, "from"), "xc_a");
  ck_assert_str_eq (json_object_get_string_member (l0, "to"), "xc_d");
  JsonArray *links = json_object_get_array_member (l0, "links");
  ck_assert_uint_eq (json_array_get_length (links), 1);
  ck_assert_str_eq (json_array_get_string_element (links, 0), "l_ad");
  ck_assert_double_eq_tol (json_object_get_double_member (l0, "km"), 5.0, 1e-9);
  ck_assert_double_eq_tol (json_object_get_double_member (l0, "min"), 7.5, 1e-9);
  tt_run_clear (&r);

  /* by time: one merged G4 leg of two links */
  r = tt_run_tnet ("route", "xc_a", "xc_c", "--data", dir, "--format", "json", NULL);
  ck_assert_int_eq (r.status, 0);
  g_autoptr (JsonParser) p2 = json_parser_new ();
  ck_assert (json_parser_load_from_data (p2, r.out, -1, NULL));
  o = json_node_get_object (json_parser_get_root (p2));
  legs = json_object_get_array_member (o, "legs");
  ck_assert_uint_eq (json_array_get_length (legs), 1);
  l0 = json_array_get_object_element (legs, 0);
  ck_assert_str_eq (json_object_get_string_member (l0, "line"), "G4 京港澳高速");
  links = json_object_get_array_member (l0, "links");
  ck_assert_uint_eq (json_array_get_length (links), 2);
  ck_assert_str_eq (json_array_get_string_element (links, 1), "l_bc");
  ck_assert_double_eq_tol (json_object_get_double_member (o, "total_min"), 10.0, 1e-9);
  tt_run_clear (&r);
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_route_errors)
{
  g_autofree char *dir = make_net ();
  /* unknown node: exit 1, named, with suggestions */
  TtRun r = tt_run_tnet ("route", "xc_a", "xc_q", "--data", dir, NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "tnet: unknown node 'xc_q'") && strstr (r.err, "'xc_a'"),
                 "%s", r.err);
  tt_run_clear (&r);
  /* node:ID (the place grammar's prefix) gets the same suggestion, by car
   * and by transit */
  r = tt_run_tnet ("route", "node:xc_q", "xc_c", "--data", dir, NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "unknown node 'node:xc_q' (did you mean 'xc_a'?)"), "%s", r.err);
  tt_run_clear (&r);
  r = tt_run_tnet ("route", "xc_a", "node:xc_q", "--profile", "transit", "--data", dir, NULL);
  ck_assert_msg (r.status == 1 && strstr (r.err, "(did you mean 'xc_a'?)"), "%s", r.err);
  tt_run_clear (&r);
  /* no path by car (rail only) */
  r = tt_run_tnet ("route", "xc_a", "xc_e", "--data", dir, NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "no path by car from 'xc_a' to 'xc_e'"), "%s", r.err);
  tt_run_clear (&r);
  /* a missing scenario file is bad input naming it; so is a bad year */
  r = tt_run_tnet ("route", "xc_a", "xc_c", "--data", dir, "--scenario", "plan.ini", NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "plan.ini: cannot read the scenario file"), "%s", r.err);
  tt_run_clear (&r);
  r = tt_run_tnet ("route", "xc_a", "xc_c", "--data", dir, "--scenario", "20x5", NULL);
  ck_assert_int_eq (r.status, 1);
  tt_run_clear (&r);
  /* a missing folder */
  g_autofree char *missing = g_build_filename (dir, "nope", NULL);
  r = tt_run_tnet ("route", "xc_a", "xc_c", "--data", missing, NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "nodes.csv"), "%s", r.err);
  tt_run_clear (&r);

  /* a malformed links.csv: exit 1, FILE:LINE:COLUMN */
  g_autofree char *bad = tt_mkdtemp ();
  tt_write_file (bad, "nodes.csv", nodes_csv);
  tt_write_file (bad, "links.csv",
                 "id,from,to,mode,line,length_km,speed_kmh,oneway\n"
                 "l_ab,xc_a,xc_b,expressway,G4,10,120,\n"
                 "l_bc,xc_b,xc_c,expressway,G4,ten,120,\n");
  r = tt_run_tnet ("route", "xc_a", "xc_c", "--data", bad, NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (g_str_has_prefix (r.err, "tnet: ") && strstr (r.err, "links.csv:3:30:"),
                 "%s", r.err);
  ck_assert_str_eq (r.out, "");
  tt_run_clear (&r);
  tt_rm_rf (bad);
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_usage)
{
  g_autofree char *dir = make_net ();
  const char *const cases[][6] = {
    { "nosuchcommand", NULL },
    { "route", "xc_a", NULL },
    { "route", "xc_a", "xc_b", "xc_c", NULL },
    { "route", "--bogus", "xc_a", "xc_b", NULL },
    { "route", "xc_a", "xc_b", "--metric", "speed", NULL },
    { "route", "xc_a", "xc_b", "--format", "csv", NULL },
    { "help", "nosuchcommand", NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TtRun r = tt_run_tnetv (cases[i]);
      ck_assert_msg (r.status == 2, "case %u: exit %d", i, r.status);
      ck_assert_msg (strstr (r.err, "--help"), "case %u: no usage hint: %s", i, r.err);
      tt_run_clear (&r);
    }
  static const char *const no_args[] = { NULL };
  TtRun r = tt_run_tnetv (no_args);
  ck_assert_int_eq (r.status, 2);
  tt_run_clear (&r);
  r = tt_run_tnet ("--help", NULL);
  ck_assert_int_eq (r.status, 0);
  ck_assert (strstr (r.out, "route"));
  tt_run_clear (&r);
  r = tt_run_tnet ("help", "route", NULL);
  ck_assert_int_eq (r.status, 0);
  ck_assert (strstr (r.out, "FROM TO") && strstr (r.out, "--metric"));
  tt_run_clear (&r);
  r = tt_run_tnet ("route", "--help", NULL);
  ck_assert_int_eq (r.status, 0);
  ck_assert (strstr (r.out, "--scenario"));
  tt_run_clear (&r);
  r = tt_run_tnet ("--version", NULL);
  ck_assert_int_eq (r.status, 0);
  ck_assert_str_eq (r.out, "tnet " TNET_VERSION_STRING "\n");
  tt_run_clear (&r);
  /* --help lists the formats a command writes and no other: route writes
   * no CSV (refused above); map, run and init have no --format at all */
  r = tt_run_tnet ("route", "--help", NULL);
  ck_assert_msg (strstr (r.out, "Output format: text, json or geojson (default: text)"), "%s",
                 r.out);
  tt_run_clear (&r);
  r = tt_run_tnet ("isochrone", "--help", NULL);
  ck_assert (strstr (r.out, "(default: geojson)"));
  tt_run_clear (&r);
  static const char *const no_format[] = { "map", "run", "init" };
  for (guint i = 0; i < G_N_ELEMENTS (no_format); i++)
    {
      r = tt_run_tnet (no_format[i], "--help", NULL);
      ck_assert_int_eq (r.status, 0);
      ck_assert_msg (!strstr (r.out, "--format"), "%s --help lists --format", no_format[i]);
      tt_run_clear (&r);
      r = tt_run_tnet (no_format[i], "--format", "json", NULL);
      ck_assert_int_eq (r.status, 2);
      ck_assert (strstr (r.err, "--format"));
      tt_run_clear (&r);
    }
  /* --help lists only the common options a command uses, and the others
   * are refused: init reads no folder nor scenario and writes DIR; import
   * reads its file alone; run's scenario is the file */
  static const struct {
    const char *argv[3];
    const char *absent[3];
    const char *present;
  } uses[] = {
    { { "init", "--help" }, { "--data", "--scenario", "--output" }, "--quiet" },
    { { "import", "--help" }, { "--data", "--scenario" }, "--output=FILE" },
    { { "import", "osm", "--help" }, { "--data", "--scenario" }, "--output=DIR" },
    { { "run", "--help" }, { "--scenario" }, "--output=DIR" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (uses); i++)
    {
      r = tt_run_tnet (uses[i].argv[0], uses[i].argv[1], uses[i].argv[2], NULL);
      ck_assert_int_eq (r.status, 0);
      for (guint k = 0; k < G_N_ELEMENTS (uses[i].absent) && uses[i].absent[k]; k++)
        ck_assert_msg (!strstr (r.out, uses[i].absent[k]), "%s --help lists %s:\n%s",
                       uses[i].argv[0], uses[i].absent[k], r.out);
      ck_assert_msg (strstr (r.out, uses[i].present), "%s --help: no %s:\n%s", uses[i].argv[0],
                     uses[i].present, r.out);
      tt_run_clear (&r);
    }
  r = tt_run_tnet ("run", "--scenario", "2025", "x.ini", NULL);
  ck_assert_msg (r.status == 2 && strstr (r.err, "--scenario"), "%d %s", r.status, r.err);
  tt_run_clear (&r);
  r = tt_run_tnet ("init", "--data", "d", "out", NULL);
  ck_assert_msg (r.status == 2 && strstr (r.err, "--data"), "%d %s", r.status, r.err);
  tt_run_clear (&r);
  tt_rm_rf (dir);
}
END_TEST

/* Bundled data: 魏都区 to Zhengzhou centre by transit (2025), frequency
 * model. Worked out by hand from the bundled files (the argument that no
 * other way is faster is in test_cli_json of the data-regression suite):
 * walk the 15-min access link to 许昌东 (a_z_weidu__xc_east_hsr), wait half
 * the 900-s headway of 京广高铁 (gtfs-2025/frequencies.txt): 7.5 min, ride
 * 07:18 -> 07:41 to 郑州东站 (stop_times.txt): 23 min, and take the 30-min
 * taxi link to the centre (a_zz_east__center_taxi, egress): 75.5 min. */
START_TEST (test_route_transit)
{
  char *data = tt_source_path ("data/xuchang");
  TtRun r = tt_run_tnet ("route", "z_weidu", "zz_center", "--profile", "transit", "--scenario",
                         "2025", "--data", data, "--format", "json", "--frequency-model", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (JsonParser) parser = json_parser_new ();
  ck_assert (json_parser_load_from_data (parser, r.out, -1, NULL));
  JsonObject *o = json_node_get_object (json_parser_get_root (parser));
  ck_assert_str_eq (json_object_get_string_member (o, "profile"), "transit");
  double total = json_object_get_double_member (o, "total_min");
  double parts = json_object_get_double_member (o, "access_min")
                 + json_object_get_double_member (o, "wait_min")
                 + json_object_get_double_member (o, "in_vehicle_min")
                 + json_object_get_double_member (o, "transfer_min")
                 + json_object_get_double_member (o, "egress_min");
  ck_assert_double_eq_tol (total, parts, 0.01);
  ck_assert_double_eq_tol (json_object_get_double_member (o, "access_min"), 15.0, 1e-9);
  ck_assert_double_eq_tol (json_object_get_double_member (o, "wait_min"), 7.5, 1e-9);
  ck_assert_double_eq_tol (json_object_get_double_member (o, "in_vehicle_min"), 23.0, 1e-9);
  ck_assert_double_eq_tol (json_object_get_double_member (o, "transfer_min"), 0.0, 1e-9);
  ck_assert_double_eq_tol (json_object_get_double_member (o, "egress_min"), 30.0, 1e-9);
  ck_assert_double_eq_tol (total, 75.5, 1e-9);
  JsonArray *legs = json_object_get_array_member (o, "legs");
  static const struct { const char *kind, *line, *from, *to; double min; } want[] = {
    { "walk", NULL, "z_weidu", "xc_east_hsr", 15.0 },
    { "wait", "京广高铁", "xc_east_hsr", "xc_east_hsr", 7.5 },
    { "ride", "京广高铁", "xc_east_hsr", "zz_east_station", 23.0 },
    { "walk", NULL, "zz_east_station", "zz_center", 30.0 },
  };
  ck_assert_msg (json_array_get_length (legs) == G_N_ELEMENTS (want), "%s", r.out);
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      JsonObject *l = json_array_get_object_element (legs, i);
      ck_assert_str_eq (json_object_get_string_member (l, "kind"), want[i].kind);
      if (want[i].line)
        ck_assert_str_eq (json_object_get_string_member (l, "line"), want[i].line);
      else
        ck_assert (json_object_get_null_member (l, "line"));
      ck_assert_str_eq (json_object_get_string_member (l, "from"), want[i].from);
      ck_assert_str_eq (json_object_get_string_member (l, "to"), want[i].to);
      ck_assert_double_eq_tol (json_object_get_double_member (l, "min"), want[i].min, 1e-9);
    }
  tt_run_clear (&r);

  r = tt_run_tnet ("route", "z_weidu", "zz_center", "--profile", "park_and_ride", "--data", data,
                   NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  ck_assert_msg (strstr (r.out, "park") && strstr (r.out, "drive"), "%s", r.out);
  tt_run_clear (&r);
  /* the options object echoes the options given, whole numbers as JSON
   * integers and the key park_time_min (docs/json-schema.md) */
  r = tt_run_tnet ("route", "z_weidu", "zz_center", "--profile", "park_and_ride", "--data", data,
                   "--format", "json", "--drive-budget", "20", "--park-time", "7",
                   "--parking-radius", "250.5", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  {
    g_autoptr (JsonParser) pp = json_parser_new ();
    ck_assert (json_parser_load_from_data (pp, r.out, -1, NULL));
    JsonObject *po = json_object_get_object_member (
        json_node_get_object (json_parser_get_root (pp)), "park_and_ride");
    ck_assert_ptr_nonnull (po);
    ck_assert (!json_object_has_member (po, "park_min"));
    JsonNode *n = json_object_get_member (po, "drive_budget_min");
    ck_assert (json_node_get_value_type (n) == G_TYPE_INT64 && json_node_get_int (n) == 20);
    n = json_object_get_member (po, "park_time_min");
    ck_assert (json_node_get_value_type (n) == G_TYPE_INT64 && json_node_get_int (n) == 7);
    n = json_object_get_member (po, "parking_radius_m");
    ck_assert (json_node_get_value_type (n) == G_TYPE_DOUBLE && json_node_get_double (n) == 250.5);
  }
  tt_run_clear (&r);
  r = tt_run_tnet ("route", "z_weidu", "zz_center", "--profile", "bike", "--data", data, NULL);
  ck_assert_int_eq (r.status, 2);
  tt_run_clear (&r);
  g_free (data);
}
END_TEST

/* By the timetable: the bundled 2025 feed's 京广高铁 pattern leaves
 * luohe_west_hsr at 06:00 + 15 min k (frequencies.txt, headway 900 s from
 * 06:00, exact_times 0 starting at start_time) and reaches xc_east_hsr 16 min
 * later (stop_times: 07:00 -> 07:16, departure 07:00 + offset). Departing
 * 07:05 one waits for 07:15 and arrives 07:31: 26 min. Over a 30-minute
 * window the minute k (07:05 + k) waits (10 - k) mod 15 min: travel times
 * 26, 25, ..., 16, 30, 29, ... ; p50 of the 30 values (nearest rank 15) is
 * 23 min. */
START_TEST (test_route_timetable)
{
  char *data = tt_source_path ("data/xuchang");
  TtRun r = tt_run_tnet ("route", "luohe_west_hsr", "xc_east_hsr", "--profile", "transit",
                         "--scenario", "2025", "--data", data, "--format", "json",
                         "--depart", "07:05", "--window", "30", "--percentiles", "50", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (JsonParser) parser = json_parser_new ();
  ck_assert (json_parser_load_from_data (parser, r.out, -1, NULL));
  JsonObject *o = json_node_get_object (json_parser_get_root (parser));
  ck_assert_double_eq_tol (json_object_get_double_member (o, "total_min"), 26.0, 1e-9);
  JsonObject *p = json_object_get_object_member (o, "percentiles");
  ck_assert_double_eq_tol (json_object_get_double_member (p, "p50"), 23.0, 1e-9);
  JsonArray *m = json_object_get_array_member (o, "minutes");
  ck_assert_uint_eq (json_array_get_length (m), 30);
  for (guint k = 0; k < 30; k++)
    ck_assert_double_eq_tol (json_array_get_double_element (m, k),
                             16.0 + (double) ((10 + 15 - (int) k % 15) % 15), 1e-9);
  JsonArray *legs = json_object_get_array_member (o, "legs");
  ck_assert_uint_eq (json_array_get_length (legs), 1);
  JsonObject *l = json_array_get_object_element (legs, 0);
  ck_assert_str_eq (json_object_get_string_member (l, "start"), "07:15:00");
  ck_assert_str_eq (json_object_get_string_member (l, "end"), "07:31:00");
  tt_run_clear (&r);
  /* no stop within a zero-minute walk of a zone centroid (zones are not
   * stops): a clear error, not an assertion and a garbage total */
  r = tt_run_tnet ("route", "luohe_west_hsr", "z_xinzheng", "--profile", "transit",
                   "--data", data, "--max-walk", "0", NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "no stop of the feed within 0 min walk of 'z_xinzheng'") != NULL,
                 "%s", r.err);
  ck_assert_msg (strstr (r.err, "CRITICAL") == NULL, "%s", r.err);
  ck_assert_str_eq (r.out, "");
  tt_run_clear (&r);
  /* a bad date is a usage error */
  r = tt_run_tnet ("route", "luohe_west_hsr", "xc_east_hsr", "--profile", "transit",
                   "--data", data, "--date", "2025-02-30", NULL);
  ck_assert_int_eq (r.status, 2);
  tt_run_clear (&r);
  g_free (data);
}
END_TEST

/* `--gtfs A --gtfs B`: two feeds merged into one timetable, ids prefixed by
 * the feed's file name. Feed a rides A1 08:10 -> A2 08:30; feed b's B1 is
 * 0.0001 deg of longitude (11 m at the equator, well within the 400 m
 * transfer radius) from A2 and rides B1 08:40 -> B2 09:00. Leaving a:A1 at
 * 08:00 one arrives at b:B2 at 09:00 (60 min) with two rides, which needs
 * both feeds. A stop_times error in feed b names its file and line. */
START_TEST (test_route_several_feeds)
{
  char *data = tt_source_path ("data/xuchang");
  char *dir = tt_mkdtemp ();
  char *a = g_build_filename (dir, "a", NULL), *b = g_build_filename (dir, "b", NULL);
  g_mkdir (a, 0755);
  g_mkdir (b, 0755);
  tt_write_file (a, "routes.txt", "route_id,route_short_name,route_type\nRA,A,3\n");
  tt_write_file (a, "stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nA1,A1,0,0\nA2,A2,0,0.1\n");
  tt_write_file (a, "trips.txt", "route_id,service_id,trip_id\nRA,S,ta\n");
  tt_write_file (a, "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                 "ta,08:10:00,08:10:00,A1,1\nta,08:30:00,08:30:00,A2,2\n");
  tt_write_file (b, "routes.txt", "route_id,route_short_name,route_type\nRB,B,3\n");
  tt_write_file (b, "stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nB1,B1,0,0.1001\nB2,B2,0,0.2\n");
  tt_write_file (b, "trips.txt", "route_id,service_id,trip_id\nRB,S,tb\n");
  tt_write_file (b, "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                 "tb,08:40:00,08:40:00,B1,1\ntb,09:00:00,09:00:00,B2,2\n");
  TtRun r = tt_run_tnet ("route", "a:A1", "b:B2", "--profile", "transit", "--data", data,
                         "--gtfs", a, "--gtfs", b, "--date", "2025-01-06", "--depart", "08:00",
                         "--format", "json", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (JsonParser) parser = json_parser_new ();
  ck_assert (json_parser_load_from_data (parser, r.out, -1, NULL));
  JsonObject *o = json_node_get_object (json_parser_get_root (parser));
  ck_assert_double_eq_tol (json_object_get_double_member (o, "total_min"), 60.0, 1e-9);
  JsonArray *legs = json_object_get_array_member (o, "legs");
  guint rides = 0;
  for (guint i = 0; i < json_array_get_length (legs); i++)
    {
      JsonObject *l = json_array_get_object_element (legs, i);
      if (strcmp (json_object_get_string_member (l, "kind"), "ride") == 0)
        rides++;
    }
  ck_assert_uint_eq (rides, 2);
  tt_run_clear (&r);
  /* one feed alone cannot reach the other's stop */
  r = tt_run_tnet ("route", "a:A1", "b:B2", "--profile", "transit", "--data", data,
                   "--gtfs", a, "--date", "2025-01-06", NULL);
  ck_assert_int_eq (r.status, 1);
  tt_run_clear (&r);
  tt_write_file (b, "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                 "tb,08:40:00,08:40:00,B1,1\ntb,9h,09:00:00,B2,2\n");
  r = tt_run_tnet ("route", "a:A1", "b:B2", "--profile", "transit", "--data", data,
                   "--gtfs", a, "--gtfs", b, "--date", "2025-01-06", NULL);
  ck_assert_int_eq (r.status, 1);
  /* line 3, character 4 ("tb," before the bad time), in feed b's file */
  ck_assert_msg (strstr (r.err, "tnet: b" G_DIR_SEPARATOR_S "stop_times.txt:3:4"),
                 "%s", r.err);
  tt_run_clear (&r);
  g_free (a);
  g_free (b);
  tt_rm_rf (dir);
  g_free (dir);
  g_free (data);
}
END_TEST

START_TEST (test_import_gtfs)
{
  char *zip = tt_data_path ("sao-paulo/spo.zip");
  TtRun r = tt_run_tnet ("import", "gtfs", zip, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  ck_assert_msg (strstr (r.out, "Stops: 654") && strstr (r.out, "SPTRANS")
                 && strstr (r.out, "metro"), "%s", r.out);
  tt_run_clear (&r);
  /* a truncated zip and a feed without stops.txt: exit 1 with a located message */
  char *dir = tt_mkdtemp ();
  gchar *data;
  gsize len;
  ck_assert (g_file_get_contents (zip, &data, &len, NULL));
  char *cut = g_build_filename (dir, "cut.zip", NULL);
  ck_assert (g_file_set_contents (cut, data, len / 3, NULL));
  r = tt_run_tnet ("import", "gtfs", cut, NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "cut.zip"), "%s", r.err);
  tt_run_clear (&r);
  char *feed = g_build_filename (dir, "feed", NULL);
  g_mkdir (feed, 0755);
  tt_write_file (feed, "routes.txt", "route_id,route_type\nR,3\n");
  r = tt_run_tnet ("import", "gtfs", feed, NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "stops.txt:1:1: missing required file"), "%s", r.err);
  tt_run_clear (&r);
  tt_write_file (feed, "stops.txt", "stop_id,stop_lat,stop_lon\ns,0,0\nt,0,0\n");
  tt_write_file (feed, "trips.txt", "route_id,service_id,trip_id\nR,S,x\n");
  tt_write_file (feed, "stop_times.txt", "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                 "x,08:00:00,08:00:00,s,1\nx,07:5x:00,08:00:00,t,2\n");
  r = tt_run_tnet ("import", "gtfs", feed, "--format", "json", NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "stop_times.txt:3:3: malformed time"), "%s", r.err);
  tt_run_clear (&r);
  r = tt_run_tnet ("import", "shapes", feed, NULL);
  ck_assert_int_eq (r.status, 2);
  tt_run_clear (&r);
  g_free (feed);
  g_free (cut);
  g_free (data);
  tt_rm_rf (dir);
  g_free (dir);
  g_free (zip);
}
END_TEST

/* `tnet commute` by the timetable: the hand-computed window of
 * test_route_timetable (the 2025 feed's 京广高铁 every 15 min, 16 min from
 * 漯河西站 to 许昌东站; minute k of 07:05 + 30 min travels
 * 16 + (10 - k) mod 15 min) read as a commute cell: the values are
 * 26..16 then 30..16 then 30..27; nearest rank: p5 = 2nd smallest = 16,
 * median = 15th = 23, p95 = 29th = 30. --frequency-model is the named
 * approximation (half the headway, 7.5 min, + 16 = 23.5 min). */
/* Transit follows the timetable by default: `tnet commute` without an
 * option of the timetable gives the document of --depart 08:00 --window 0
 * (the hand-computed cell of test_commute_timetable at minute 55 of 07:05:
 * 16 + (10 - 55) mod 15 = 16 min) and names the timetable with its
 * defaults; isochrone and accessibility likewise. --frequency-model keeps
 * the approximation's value (7.5 + 16 = 23.5 min). A copy of the data
 * folder without its feeds falls back to the approximation (no services:
 * walks only) with a note on stderr, naming it in the model field, and
 * gives the document of --frequency-model there. */
static char *
copy_without_feeds (const char *src)
{
  char *dst = tt_mkdtemp ();
  g_autoptr (GDir) dir = g_dir_open (src, 0, NULL);
  ck_assert_ptr_nonnull (dir);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    {
      g_autofree char *from = g_build_filename (src, name, NULL);
      if (!g_file_test (from, G_FILE_TEST_IS_REGULAR))
        continue;   /* gtfs-YEAR/ and src/ */
      g_autofree char *text = NULL;
      gsize len;
      ck_assert (g_file_get_contents (from, &text, &len, NULL));
      g_autofree char *to = g_build_filename (dst, name, NULL);
      ck_assert (g_file_set_contents (to, text, (gssize) len, NULL));
    }
  return dst;
}

/* Copies the regular files of the folder @from into the new folder @to. */
static void
copy_files (const char *from, const char *to)
{
  ck_assert_int_eq (g_mkdir_with_parents (to, 0755), 0);
  g_autoptr (GDir) dir = g_dir_open (from, 0, NULL);
  ck_assert_ptr_nonnull (dir);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    {
      g_autofree char *f = g_build_filename (from, name, NULL);
      if (!g_file_test (f, G_FILE_TEST_IS_REGULAR))
        continue;
      g_autofree char *text = NULL;
      gsize len;
      ck_assert (g_file_get_contents (f, &text, &len, NULL));
      g_autofree char *t = g_build_filename (to, name, NULL);
      ck_assert (g_file_set_contents (t, text, (gssize) len, NULL));
    }
}

/* A copy of the data folder @src (its files and gtfs-YEAR/ feeds) whose
 * plan.ini has each of the @n texts @from (each found once at least; its
 * first place, in the first [commute] group) replaced by @to. */
static char *
copy_editing_plan (const char *src, const char *const *from, const char *const *to, guint n)
{
  char *dst = copy_without_feeds (src);
  static const char *const feeds[] = { "gtfs-2020", "gtfs-2025" };
  for (guint k = 0; k < G_N_ELEMENTS (feeds); k++)
    {
      g_autofree char *fdir = g_build_filename (src, feeds[k], NULL);
      g_autofree char *tdir = g_build_filename (dst, feeds[k], NULL);
      copy_files (fdir, tdir);
    }
  g_autofree char *plan = g_build_filename (dst, "plan.ini", NULL);
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (plan, &text, NULL, NULL));
  for (guint k = 0; k < n; k++)
    {
      char *at = strstr (text, from[k]);
      ck_assert_ptr_nonnull (at);
      *at = '\0';
      char *edited = g_strconcat (text, to[k], at + strlen (from[k]), NULL);
      g_free (text);
      text = edited;
    }
  ck_assert (g_file_set_contents (plan, text, -1, NULL));
  return dst;
}

/* A copy of the data folder @src whose plan.ini has no key of the
 * timetable in its first [commute] group (depart, window, percentiles):
 * the report then uses the frequency approximation there, and `tnet
 * commute` its own defaults. */
static char *
copy_without_plan_timetable (const char *src)
{
  static const char *const keys[] = { "depart = 07:00\n", "window = 120\n",
                                      "percentiles = 5;50;95\n" };
  static const char *const none[] = { "", "", "" };
  return copy_editing_plan (src, keys, none, G_N_ELEMENTS (keys));
}

/* A copy of the bundled folder whose plan.ini first [commute] group is
 * edited to depart 06:40, window 20, percentiles 10;50;90, max_walk 25,
 * drive_budget_min 20, park_time_min 3, parking_radius_m 600: the values
 * the tests of the plan's timetable defaults name as their oracle. */
static char *
copy_with_early_plan (void)
{
  g_autofree char *src = tt_source_path ("data/xuchang");
  static const char *const from[] = { "depart = 07:00\n", "window = 120\n",
                                      "percentiles = 5;50;95\n" };
  static const char *const to[] = {
    "depart = 06:40\n", "window = 20\nmax_walk = 25\ndrive_budget_min = 20\n"
    "park_time_min = 3\nparking_radius_m = 600\n", "percentiles = 10;50;90\n" };
  return copy_editing_plan (src, from, to, G_N_ELEMENTS (from));
}

static JsonObject *
parse_object (JsonParser *parser, const char *text)
{
  ck_assert_msg (json_parser_load_from_data (parser, text, -1, NULL), "%s", text);
  return json_node_get_object (json_parser_get_root (parser));
}

/* tnet with the NULL-terminated @base then @extra (nullable), which must
 * succeed: its standard output. */
static char *
run_ok (const char *const *base, const char *const *extra)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  for (guint i = 0; base[i]; i++)
    g_ptr_array_add (args, (gpointer) base[i]);
  for (guint i = 0; extra && extra[i]; i++)
    g_ptr_array_add (args, (gpointer) extra[i]);
  g_ptr_array_add (args, NULL);
  TtRun r = tt_run_tnetv ((const char *const *) args->pdata);
  ck_assert_msg (r.status == 0, "%s: exit %d: %s", base[0], r.status, r.err);
  char *out = g_strdup (r.out);
  tt_run_clear (&r);
  return out;
}

/* Every command that follows the timetable takes its defaults from the
 * data set's plan.ini first [commute] group (tnet_commute_timing_init()):
 * in a copy of the bundled folder whose group is edited to depart 06:40,
 * window 20, percentiles 10;50;90, max_walk 25, drive_budget_min 20,
 * park_time_min 3, parking_radius_m 600, the output of commute,
 * criticality, isochrone (transit and park_and_ride) and accessibility
 * with no option of the timetable equals their output with those values
 * named on the command line (the oracle: the values the test wrote into
 * plan.ini), and says 06:40; --depart 07:10 overrides that key alone (the
 * output of 07:10 with the plan's other values named). The bundled plan
 * (07:00, window 120) is test_transit_default_timetable's. */
START_TEST (test_plan_timing_defaults)
{
  g_autofree char *copy = copy_with_early_plan ();
  const char *commute[] = { "commute", "--data", copy, "--scenario", "2025", "--origins",
                            "luohe_west_hsr;z_yuzhou", "--destinations", "xc_east_hsr",
                            "--profiles", "transit;park_and_ride", "--format", "json", NULL };
  const char *crit[] = { "criticality", "xuchang", "zhengzhou", "--data", copy, "--scenario",
                         "2025", "--profile", "transit", "--top", "5", "--threads", "2",
                         "--format", "json", NULL };
  const char *iso[] = { "isochrone", "luohe_west_hsr", "--data", copy, "--scenario", "2025",
                        "--minutes", "45", "--profile", "transit", "--layer", "points", NULL };
  const char *iso_pr[] = { "isochrone", "z_yuzhou", "--data", copy, "--scenario", "2025",
                           "--minutes", "50", "--profile", "park_and_ride", "--layer",
                           "points", NULL };
  const char *acc[] = { "accessibility", "--data", copy, "--scenario", "2025",
                        "--opportunities", "population", "--profile", "transit", "--format",
                        "json", NULL };
  /* the plan's values by hand: all of them for commute, the ones a
   * command of one percentile reads for the others */
  const char *all[] = { "--depart", "06:40", "--window", "20", "--percentiles", "10,50,90",
                        "--max-walk", "25", "--drive-budget", "20", "--park-time", "3",
                        "--parking-radius", "600", NULL };
  const char *one[] = { "--depart", "06:40", "--window", "20", "--max-walk", "25", NULL };
  const char *one_pr[] = { "--depart", "06:40", "--window", "20", "--max-walk", "25",
                           "--drive-budget", "20", "--park-time", "3", "--parking-radius",
                           "600", NULL };
  const char *const *cmds[] = { commute, crit, iso, iso_pr, acc };
  const char **given[] = { all, one, one, one_pr, one };
  static const char *const dep[] = { "--depart", "07:10", NULL };
  for (guint k = 0; k < G_N_ELEMENTS (cmds); k++)
    {
      g_autofree char *dflt = run_ok (cmds[k], NULL);
      g_autofree char *named = run_ok (cmds[k], given[k]);
      ck_assert_msg (strcmp (dflt, named) == 0, "%s %s: the plan's defaults differ from "
                     "its values named", cmds[k][0], cmds[k][1]);
      ck_assert_msg (strstr (dflt, "\"06:40\""), "%s", dflt);
      /* one option overrides its key; the others stay the plan's */
      g_autofree char *over = run_ok (cmds[k], dep);
      given[k][1] = "07:10";
      g_autofree char *over_named = run_ok (cmds[k], given[k]);
      given[k][1] = "06:40";
      ck_assert_msg (strcmp (over, over_named) == 0, "%s: --depart alone", cmds[k][0]);
      ck_assert_msg (strstr (over, "\"07:10\"") && !strstr (over, "\"06:40\""), "%s", over);
      ck_assert_str_ne (over, dflt);
    }
  tt_rm_rf (copy);
}
END_TEST

/* `tnet route` by transit takes the timetable options it is not given from
 * the data set's plan.ini first [commute] group, as commute does: in a copy
 * of the bundled folder whose group departs 06:40 with a window of 20 and
 * percentiles 10;50;90, luohe_west_hsr -> xc_east_hsr (the 京广高铁 leaves
 * luohe_west_hsr every 15 min from 06:00 and takes 16 min,
 * test_route_timetable) departs 06:40; the minute 06:40 + k waits
 * (5 - k) mod 15 min, so its travel time is 16 + that: 21, 20, ..., 16, 30,
 * 29, ..., 22, 21, ..., 17 over the 20 minutes, with p10 (nearest rank 2)
 * 17, p50 (rank 10) 21 and p90 (rank 18) 28. --depart 07:10 overrides the key alone: the
 * window stays 20, the minute 07:10 + k waits (5 - k) mod 15 as before. By
 * park_and_ride the output with no option equals that with the plan's
 * values named (the oracle: what the test wrote into plan.ini). */
START_TEST (test_route_plan_defaults)
{
  g_autofree char *copy = copy_with_early_plan ();
  const char *route[] = { "route", "luohe_west_hsr", "xc_east_hsr", "--data", copy,
                          "--scenario", "2025", "--profile", "transit", "--format", "json",
                          NULL };
  static const char *const dep[] = { "--depart", "07:10", NULL };
  static const char *const clock[] = { "06:40:00", "07:10:00" };
  for (guint run = 0; run < 2; run++)
    {
      g_autofree char *out = run_ok (route, run == 0 ? NULL : dep);
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonObject *o = parse_object (parser, out);
      ck_assert_str_eq (json_object_get_string_member (o, "depart"), clock[run]);
      ck_assert_int_eq (json_object_get_int_member (o, "window_min"), 20);
      JsonArray *m = json_object_get_array_member (o, "minutes");
      ck_assert_uint_eq (json_array_get_length (m), 20);
      for (guint k = 0; k < 20; k++)
        ck_assert_double_eq_tol (json_array_get_double_element (m, k),
                                 16.0 + (double) ((5 + 15 - (int) k % 15) % 15), 1e-9);
      JsonObject *p = json_object_get_object_member (o, "percentiles");
      ck_assert_uint_eq (json_object_get_size (p), 3);
      ck_assert_double_eq_tol (json_object_get_double_member (p, "p10"), 17.0, 1e-9);
      ck_assert_double_eq_tol (json_object_get_double_member (p, "p50"), 21.0, 1e-9);
      ck_assert_double_eq_tol (json_object_get_double_member (p, "p90"), 28.0, 1e-9);
    }
  const char *pr[] = { "route", "z_yuzhou", "zz_center", "--data", copy, "--scenario", "2025",
                       "--profile", "park_and_ride", "--format", "json", NULL };
  const char *named[] = { "--depart", "06:40", "--window", "20", "--percentiles", "10,50,90",
                          "--max-walk", "25", "--drive-budget", "20", "--park-time", "3",
                          "--parking-radius", "600", NULL };
  g_autofree char *dflt = run_ok (pr, NULL);
  g_autofree char *given = run_ok (pr, named);
  ck_assert_str_eq (dflt, given);
  ck_assert_msg (strstr (dflt, "\"06:40:00\""), "%s", dflt);
  tt_rm_rf (copy);
}
END_TEST

/* `tnet commute` follows the timetable by default: with the bundled
 * folder the keys of plan.ini's first [commute] group (depart 07:00,
 * window 120, percentiles 5;50;95, max_walk unset: the 60-min budget), the
 * output of the same options given by hand. The 京广高铁 pattern leaves
 * luohe_west_hsr every 15 min from 06:00 and takes 16 min to xc_east_hsr
 * (test_route_timetable), so the minute 07:00 + k waits (15 - k mod 15)
 * mod 15 min: over 120 minutes each of 16 … 30 min eight times, and the
 * median (nearest rank 60 of 120) is 16 + 7 = 23 min. Without a plan
 * the defaults are 08:00, window 0 (a departure on the quarter hour: 16
 * min). */
START_TEST (test_transit_default_timetable)
{
  const char *base[] = { "commute", "--scenario", "2025", "--origins", "luohe_west_hsr",
                         "--destinations", "xc_east_hsr", "--profiles", "transit",
                         "--format", "json", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                         NULL, NULL, NULL };
  TtRun def = tt_run_tnetv (base);
  ck_assert_msg (def.status == 0, "%s", def.err);
  ck_assert (!strstr (def.err, "frequency approximation"));
  static const char *const plan_opts[] = { "--depart", "07:00", "--window", "120",
                                           "--percentiles", "5,50,95", "--max-walk", "60" };
  for (guint k = 0; k < G_N_ELEMENTS (plan_opts); k++)
    base[11 + k] = plan_opts[k];
  TtRun expl = tt_run_tnetv (base);
  ck_assert_msg (expl.status == 0, "%s", expl.err);
  ck_assert_str_eq (def.out, expl.out);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *o = parse_object (parser, def.out);
  ck_assert_str_eq (json_object_get_string_member (json_object_get_object_member (o, "models"),
                                                   "transit"), "timetable");
  JsonObject *t = json_object_get_object_member (o, "timetable");
  ck_assert_str_eq (json_object_get_string_member (t, "depart"), "07:00");
  ck_assert_int_eq (json_object_get_int_member (t, "window_min"), 120);
  ck_assert_int_eq (json_object_get_int_member (t, "date"), 20250101);
  JsonObject *cell = json_array_get_object_element (json_object_get_array_member (o, "cells"), 0);
  ck_assert_double_eq_tol (json_object_get_double_member (cell, "minutes"), 23.0, 1e-9);
  tt_run_clear (&def);
  tt_run_clear (&expl);
  /* the text states the model and its options */
  TtRun txt = tt_run_tnet ("commute", "--scenario", "2025", "--origins", "luohe_west_hsr",
                           "--destinations", "xc_east_hsr", "--profiles", "transit", NULL);
  ck_assert_msg (txt.status == 0, "%s", txt.err);
  ck_assert_msg (strstr (txt.out, "(timetable gtfs-2025, 20250101, departing 07:00"), "%s",
                 txt.out);
  tt_run_clear (&txt);
  /* a folder whose plan has no [commute] group: the command's defaults,
   * 08:00 and window 0 */
  {
    g_autofree char *src = tt_source_path ("data/xuchang");
    g_autofree char *noplan = copy_without_plan_timetable (src);
    const char *np[] = { "commute", "--data", noplan, "--scenario", "2025", "--origins",
                         "luohe_west_hsr", "--destinations", "xc_east_hsr", "--profiles",
                         "transit", "--format", "json", NULL, NULL, NULL, NULL, NULL };
    TtRun nd = tt_run_tnetv (np);
    ck_assert_msg (nd.status == 0, "%s", nd.err);
    np[13] = "--depart";
    np[14] = "08:00";
    np[15] = "--window";
    np[16] = "0";
    TtRun ne = tt_run_tnetv (np);
    ck_assert_msg (ne.status == 0, "%s", ne.err);
    ck_assert_str_eq (nd.out, ne.out);
    g_autoptr (JsonParser) np_parser = json_parser_new ();
    JsonObject *no = parse_object (np_parser, nd.out);
    JsonObject *nt = json_object_get_object_member (no, "timetable");
    ck_assert_str_eq (json_object_get_string_member (nt, "depart"), "08:00");
    ck_assert_int_eq (json_object_get_int_member (nt, "window_min"), 0);
    JsonObject *nc = json_array_get_object_element (json_object_get_array_member (no, "cells"),
                                                    0);
    ck_assert_double_eq_tol (json_object_get_double_member (nc, "minutes"), 16.0, 1e-9);
    tt_run_clear (&nd);
    tt_run_clear (&ne);
    tt_rm_rf (noplan);
  }
  /* the approximation by name: the old value */
  base[11] = "--frequency-model";
  base[12] = NULL;
  TtRun fm = tt_run_tnetv (base);
  ck_assert_msg (fm.status == 0, "%s", fm.err);
  g_autoptr (JsonParser) fparser = json_parser_new ();
  o = parse_object (fparser, fm.out);
  ck_assert_str_eq (json_object_get_string_member (json_object_get_object_member (o, "models"),
                                                   "transit"), "frequency approximation");
  ck_assert (!json_object_has_member (o, "timetable"));
  cell = json_array_get_object_element (json_object_get_array_member (o, "cells"), 0);
  ck_assert_double_eq_tol (json_object_get_double_member (cell, "minutes"), 23.5, 1e-9);
  tt_run_clear (&fm);

  /* isochrone and accessibility: the default is the document of the
   * plan's values named (--depart 07:00 --window 120 --max-walk 60: they
   * count at the median, whatever the plan's percentiles) and names the
   * timetable */
  const char *iso[] = { "isochrone", "luohe_west_hsr", "--scenario", "2025", "--minutes", "40",
                        "--profile", "transit", "--layer", "points", NULL, NULL, NULL, NULL,
                        NULL, NULL, NULL };
  const char *acc[] = { "accessibility", "--scenario", "2025", "--opportunities",
                        "population", "--profile", "transit", "--format", "json", NULL, NULL,
                        NULL, NULL, NULL, NULL, NULL };
  const char *const *cmds[] = { iso, acc };
  const guint tail[] = { 10, 9 };
  for (guint k = 0; k < G_N_ELEMENTS (cmds); k++)
    {
      const char **a = (const char **) cmds[k];
      a[tail[k]] = NULL;
      TtRun d = tt_run_tnetv (a);
      ck_assert_msg (d.status == 0, "%s", d.err);
      static const char *const named[] = { "--depart", "07:00", "--window", "120",
                                           "--max-walk", "60" };
      for (guint j = 0; j < G_N_ELEMENTS (named); j++)
        a[tail[k] + j] = named[j];
      TtRun e = tt_run_tnetv (a);
      ck_assert_msg (e.status == 0, "%s", e.err);
      ck_assert_str_eq (d.out, e.out);
      g_autoptr (JsonParser) p = json_parser_new ();
      JsonObject *doc = parse_object (p, d.out);
      if (json_object_has_member (doc, "properties"))
        doc = json_object_get_object_member (doc, "properties");
      ck_assert_str_eq (json_object_get_string_member (doc, "model"), "timetable");
      ck_assert_str_eq (json_object_get_string_member (
                          json_object_get_object_member (doc, "timetable"), "depart"),
                        "07:00");
      a[tail[k]] = "--frequency-model";
      a[tail[k] + 1] = NULL;
      TtRun f = tt_run_tnetv (a);
      ck_assert_msg (f.status == 0, "%s", f.err);
      ck_assert_str_ne (f.out, d.out);
      g_autoptr (JsonParser) fp = json_parser_new ();
      doc = parse_object (fp, f.out);
      if (json_object_has_member (doc, "properties"))
        doc = json_object_get_object_member (doc, "properties");
      ck_assert_str_eq (json_object_get_string_member (doc, "model"),
                        "frequency approximation");
      tt_run_clear (&d);
      tt_run_clear (&e);
      tt_run_clear (&f);
    }

  /* no feed: the approximation, said on stderr and in the model field,
   * with the values of --frequency-model */
  g_autofree char *data = tt_source_path ("data/xuchang");
  g_autofree char *nofeed = copy_without_feeds (data);
  const char *nf[] = { "commute", "--data", nofeed, "--scenario", "2025", "--origins",
                       "luohe_west_hsr", "--destinations", "xc_east_hsr", "--profiles",
                       "transit", "--format", "json", NULL, NULL };
  TtRun n = tt_run_tnetv (nf);
  ck_assert_msg (n.status == 0, "%s", n.err);
  ck_assert_msg (strstr (n.err, "no GTFS feed") && strstr (n.err, "frequency approximation"),
                 "%s", n.err);
  g_autoptr (JsonParser) nparser = json_parser_new ();
  o = parse_object (nparser, n.out);
  ck_assert_str_eq (json_object_get_string_member (json_object_get_object_member (o, "models"),
                                                   "transit"), "frequency approximation");
  ck_assert (!json_object_has_member (o, "timetable"));
  nf[13] = "--frequency-model";
  TtRun nfm = tt_run_tnetv (nf);
  ck_assert_msg (nfm.status == 0, "%s", nfm.err);
  ck_assert_str_eq (nfm.out, n.out);
  ck_assert (!strstr (nfm.err, "no GTFS feed"));
  tt_run_clear (&n);
  tt_run_clear (&nfm);
  TtRun ni = tt_run_tnet ("isochrone", "luohe_west_hsr", "--data", nofeed, "--scenario", "2025",
                          "--minutes", "40", "--profile", "transit", "--format", "text", NULL);
  ck_assert_msg (ni.status == 0, "%s", ni.err);
  ck_assert_msg (strstr (ni.err, "no GTFS feed"), "%s", ni.err);
  ck_assert (g_str_has_prefix (ni.out, "# transit by the frequency approximation"));
  tt_run_clear (&ni);
  TtRun na = tt_run_tnet ("accessibility", "--data", nofeed, "--scenario", "2025",
                          "--opportunities", "population", "--profile", "transit", "--format",
                          "json", NULL);
  ck_assert_msg (na.status == 0, "%s", na.err);
  ck_assert_msg (strstr (na.err, "no GTFS feed"), "%s", na.err);
  ck_assert (strstr (na.out, "\"model\" : \"frequency approximation\""));
  tt_run_clear (&na);
  /* route as well (it used to fail, "name one with --gtfs"): transit and
   * park_and_ride give the document of --frequency-model, with the note */
  static const char *const route_profiles[] = { "transit", "park_and_ride" };
  for (guint k = 0; k < G_N_ELEMENTS (route_profiles); k++)
    {
      const char *nr[] = { "route", "z_weidu", "zz_center", "--data", nofeed, "--scenario",
                           "2025", "--profile", route_profiles[k], "--format", "json", NULL,
                           NULL };
      TtRun rn = tt_run_tnetv (nr);
      ck_assert_msg (rn.status == 0, "%s", rn.err);
      ck_assert_msg (strstr (rn.err, "no GTFS feed") && strstr (rn.err, "frequency approximation"),
                     "%s", rn.err);
      ck_assert (!strstr (rn.err, "--gtfs"));
      nr[11] = "--frequency-model";
      TtRun rf = tt_run_tnetv (nr);
      ck_assert_msg (rf.status == 0, "%s", rf.err);
      ck_assert_str_eq (rf.err, "");
      ck_assert_str_eq (rn.out, rf.out);
      g_autoptr (JsonParser) rp = json_parser_new ();
      JsonObject *ro = parse_object (rp, rn.out);
      ck_assert_str_eq (json_object_get_string_member (ro, "profile"), route_profiles[k]);
      ck_assert (json_object_get_double_member (ro, "total_min") > 0);
      tt_run_clear (&rn);
      tt_run_clear (&rf);
    }
  /* a feed named by --gtfs that is not there stays an error */
  g_autofree char *missing = g_build_filename (nofeed, "no-such-feed", NULL);
  TtRun rg = tt_run_tnet ("route", "z_weidu", "zz_center", "--data", nofeed, "--profile",
                          "transit", "--gtfs", missing, NULL);
  ck_assert_int_eq (rg.status, 1);
  ck_assert_msg (strstr (rg.err, "no-such-feed"), "%s", rg.err);
  tt_run_clear (&rg);
  /* -q silences the note only */
  TtRun nq = tt_run_tnet ("commute", "--data", nofeed, "--profiles", "transit", "-q", NULL);
  ck_assert_msg (nq.status == 0, "%s", nq.err);
  ck_assert_str_eq (nq.err, "");
  tt_run_clear (&nq);
  tt_rm_rf (nofeed);
}
END_TEST

START_TEST (test_commute_timetable)
{
  for (int fm = 0; fm < 2; fm++)
    {
      /* the options of the timetable beside --frequency-model are an
       * error (test_frequency_model_conflicts) */
      TtRun r = fm ? tt_run_tnet ("commute", "--scenario", "2025", "--origins", "luohe_west_hsr",
                                  "--destinations", "xc_east_hsr", "--profiles", "transit",
                                  "--format", "json", "--frequency-model", NULL)
                   : tt_run_tnet ("commute", "--scenario", "2025", "--origins", "luohe_west_hsr",
                                  "--destinations", "xc_east_hsr", "--profiles", "transit",
                                  "--depart", "07:05", "--window", "30", "--percentiles",
                                  "5,50,95", "--format", "json", NULL);
      ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
      g_autoptr (JsonParser) parser = json_parser_new ();
      ck_assert (json_parser_load_from_data (parser, r.out, -1, NULL));
      JsonObject *o = json_node_get_object (json_parser_get_root (parser));
      const char *model = json_object_get_string_member (json_object_get_object_member (o, "models"),
                                                         "transit");
      JsonObject *cell = json_array_get_object_element (json_object_get_array_member (o, "cells"),
                                                        0);
      if (fm)
        {
          ck_assert_str_eq (model, "frequency approximation");
          ck_assert_double_eq_tol (json_object_get_double_member (cell, "minutes"), 23.5, 1e-9);
          ck_assert (!json_object_has_member (o, "timetable"));
          ck_assert (!json_object_has_member (cell, "percentiles"));
        }
      else
        {
          ck_assert_str_eq (model, "timetable");
          JsonObject *t = json_object_get_object_member (o, "timetable");
          ck_assert_str_eq (json_object_get_string_member (t, "depart"), "07:05");
          ck_assert_int_eq (json_object_get_int_member (t, "window_min"), 30);
          ck_assert_double_eq_tol (json_object_get_double_member (cell, "minutes"), 23.0, 1e-9);
          JsonObject *p = json_object_get_object_member (cell, "percentiles");
          ck_assert_double_eq_tol (json_object_get_double_member (p, "p5"), 16.0, 1e-9);
          ck_assert_double_eq_tol (json_object_get_double_member (p, "p50"), 23.0, 1e-9);
          ck_assert_double_eq_tol (json_object_get_double_member (p, "p95"), 30.0, 1e-9);
        }
      tt_run_clear (&r);
    }
  /* a bad option of the timetable is a usage error */
  TtRun r = tt_run_tnet ("commute", "--profiles", "transit", "--depart", "25:61", NULL);
  ck_assert_int_eq (r.status, 2);
  ck_assert (strstr (r.err, "--depart") != NULL);
  tt_run_clear (&r);
}
END_TEST

/* The zones of region @region in data/xuchang/nodes.csv, counted from the
 * file (region is 4th from the end of a row; a quoted name with a comma
 * only shifts columns after kind). */
static guint
xuchang_region_zones (const char *region)
{
  g_autofree char *np = tt_source_path ("data/xuchang/nodes.csv");
  g_autofree char *nodes = NULL;
  ck_assert (g_file_get_contents (np, &nodes, NULL, NULL));
  g_auto (GStrv) rows = g_strsplit (nodes, "\n", -1);
  guint n = 0;
  for (guint i = 0; rows[i]; i++)
    {
      g_auto (GStrv) f = g_strsplit (rows[i], ",", -1);
      guint nf = g_strv_length (f);
      n += rows[i][0] != '#' && nf >= 11 && strcmp (f[2], "zone") == 0
           && strcmp (f[nf - 4], region) == 0;
    }
  return n;
}

/* `tnet commute --method`: many-to-many gives the searches' minutes with
 * null parts and lines; the CH build prints no progress when standard
 * error is not a terminal; a bad method is a usage error. The methods are
 * those of the graphs, so transit is by --frequency-model here. */
START_TEST (test_commute_method)
{
  JsonParser *parsed[2];
  const char *methods[2] = { "search", "m2m" };
  for (int k = 0; k < 2; k++)
    {
      TtRun r = tt_run_tnet ("commute", "--profiles", "car;transit", "--method", methods[k],
                             "--destinations", "zz_center;zz_east_station", "--format", "json",
                             "--frequency-model", NULL);
      ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
      ck_assert_str_eq (r.err, "");
      parsed[k] = json_parser_new ();
      ck_assert (json_parser_load_from_data (parsed[k], r.out, -1, NULL));
      tt_run_clear (&r);
    }
  JsonObject *s = json_node_get_object (json_parser_get_root (parsed[0]));
  JsonObject *m = json_node_get_object (json_parser_get_root (parsed[1]));
  ck_assert_str_eq (json_object_get_string_member (json_object_get_object_member (m, "methods"),
                                                   "transit"), "m2m");
  ck_assert_str_eq (json_object_get_string_member (json_object_get_object_member (s, "methods"),
                                                   "car"), "search");
  JsonArray *sc = json_object_get_array_member (s, "cells");
  JsonArray *mc = json_object_get_array_member (m, "cells");
  ck_assert_uint_eq (json_array_get_length (sc), json_array_get_length (mc));
  /* one cell per profile, origin and destination: the origins are the
   * plan's region:xuchang, the zones of nodes.csv in region xuchang,
   * counted from the file */
  guint n_zones = xuchang_region_zones ("xuchang");
  ck_assert_uint_eq (json_array_get_length (sc), 2 * 2 * n_zones);
  guint n_same = 0;
  for (guint i = 0; i < json_array_get_length (sc); i++)
    {
      JsonObject *a = json_array_get_object_element (sc, i);
      JsonObject *b = json_array_get_object_element (mc, i);
      ck_assert_str_eq (json_object_get_string_member (a, "origin"),
                        json_object_get_string_member (b, "origin"));
      ck_assert (json_node_equal (json_object_get_member (a, "minutes"),
                                  json_object_get_member (b, "minutes")));
      ck_assert (json_object_get_boolean_member (a, "within_budget")
                 == json_object_get_boolean_member (b, "within_budget"));
      /* m2m cells have their parts too, unpacked from the hierarchy: the
       * search's wherever the shortest path is unique (test-commute checks
       * which those are; here most must agree) */
      ck_assert (!json_object_get_null_member (a, "lines"));
      ck_assert (!json_object_get_null_member (b, "lines"));
      ck_assert (!json_object_get_null_member (b, "in_vehicle_min"));
      ck_assert (!json_object_get_null_member (b, "rides"));
      gboolean same = TRUE;
      static const char *const parts[] = { "access_min", "wait_min", "in_vehicle_min",
                                           "transfer_min", "egress_min", "rides", "lines" };
      for (guint k = 0; k < G_N_ELEMENTS (parts); k++)
        same &= json_node_equal (json_object_get_member (a, parts[k]),
                                 json_object_get_member (b, parts[k]));
      n_same += same;
    }
  ck_assert_uint_ge (4 * n_same, 3 * json_array_get_length (sc));
  ck_assert (json_node_equal (json_object_get_member (s, "population"),
                              json_object_get_member (m, "population")));
  g_object_unref (parsed[0]);
  g_object_unref (parsed[1]);
  TtRun r = tt_run_tnet ("commute", "--method", "buckets", NULL);
  ck_assert_int_eq (r.status, 2);
  ck_assert_msg (strstr (r.err, "auto, search or m2m"), "%s", r.err);
  tt_run_clear (&r);
}
END_TEST

/* Progress of long work goes to standard error only when it is a terminal
 * (run under script(1) when it is installed) and not --quiet. A line says
 * what it counts: the criticality scan ends at its origins, the zones of
 * A, "criticality scan: 9/9 origins (100%)". */
START_TEST (test_progress_terminal)
{
  TtRun r = tt_run_tnet ("criticality", "region:xuchang", "region:zhengzhou", "-o", "/dev/null",
                         NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  ck_assert_str_eq (r.err, "");
  tt_run_clear (&r);
  g_autofree char *script = g_find_program_in_path ("script");
  if (script == NULL)
    return;
  for (int quiet = 0; quiet < 2; quiet++)
    {
      g_autofree char *cmd = g_strdup_printf ("'%s' criticality region:xuchang "
                                              "region:zhengzhou -o /dev/null%s",
                                              g_getenv ("TNET_EXE"), quiet ? " --quiet" : "");
      const char *argv[] = { script, "-qec", cmd, "/dev/null", NULL };
      g_autofree char *out = NULL;
      int wait = 0;
      ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &out, NULL, &wait, NULL));
      ck_assert (WIFEXITED (wait) && WEXITSTATUS (wait) == 0);
      guint n = xuchang_region_zones ("xuchang");
      ck_assert_uint_gt (n, 1);
      g_autofree char *end = g_strdup_printf ("criticality scan: %u/%u origins (100%%)", n, n);
      ck_assert_msg ((strstr (out, end) != NULL) == !quiet, "%s", out);
    }
  /* a line that stops short of its total (the timetable matrix counts the
   * origins begun: 0/9 ... 8/9) is cleared ("\r" and erase) before the
   * output: every drawn line "\rWHAT: ...\033[K" is followed by "\r" or a
   * newline, never by text on the same line */
  g_autofree char *cmd = g_strdup_printf ("'%s' commute --origins region:xuchang "
                                          "--destinations region:zhengzhou --profiles transit "
                                          "--format csv", g_getenv ("TNET_EXE"));
  const char *argv[] = { script, "-qec", cmd, "/dev/null", NULL };
  g_autofree char *out = NULL;
  int wait = 0;
  ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                           &out, NULL, &wait, NULL));
  ck_assert (WIFEXITED (wait) && WEXITSTATUS (wait) == 0);
  ck_assert_msg (strstr (out, "timetable matrix: ") && strstr (out, " origins (")
                 && strstr (out, "profile,origin"), "%s", out);
  guint drawn = 0;
  for (const char *p = strstr (out, "\033[K"); p; p = strstr (p + 3, "\033[K"))
    if (p > out && p[-1] != '\r')
      {
        drawn++;
        ck_assert_msg (p[3] == '\r' || p[3] == '\n', "text after a progress line: %.60s", p - 30);
      }
  ck_assert_uint_gt (drawn, 0);
}
END_TEST

/* tnet nodes: the place grammar and --search on the tiny network (rows
 * read off nodes_csv above). */
START_TEST (test_nodes)
{
  g_autofree char *dir = make_net ();
  TtRun r = tt_run_tnet ("nodes", "kind:junction", "--data", dir, "--format", "csv", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  ck_assert_str_eq (r.out, "id,kind,region,name,name_en\n"
                    "xc_a,junction,,许昌东,\nxc_b,junction,,Middle,\nxc_d,junction,,Detour,\n");
  tt_run_clear (&r);
  /* names match too, in any case; a name works as a place */
  r = tt_run_tnet ("nodes", "--search", "MIDDLE", "--data", dir, "--format", "csv", NULL);
  ck_assert_str_eq (r.out, "id,kind,region,name,name_en\nxc_b,junction,,Middle,\n");
  tt_run_clear (&r);
  r = tt_run_tnet ("nodes", "长葛, xc_e", "--data", dir, "--format", "csv", NULL);
  ck_assert_str_eq (r.out, "id,kind,region,name,name_en\nxc_c,place,,长葛,\n"
                    "xc_e,station,,Rail only,\n");
  tt_run_clear (&r);
  r = tt_run_tnet ("nodes", "xc_q", "--data", dir, NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "'xc_q' matches no node") && strstr (r.err, "did you mean 'xc_a'"),
                 "%s", r.err);
  tt_run_clear (&r);
  /* route accepts a node name */
  r = tt_run_tnet ("route", "许昌东", "长葛", "--data", dir, NULL);
  ck_assert_msg (r.status == 0 && strstr (r.out, "Total: 10.0 min, 20.0 km\n"), "%s", r.err);
  tt_run_clear (&r);
  tt_rm_rf (dir);
}
END_TEST

/* An option of the timetable beside --frequency-model would be ignored:
 * it is a usage error (exit 2) naming both, in every command that has
 * both (tnet_cli_frequency_model_check()), whatever its value, even the
 * default; without --frequency-model the same option is accepted. */
START_TEST (test_frequency_model_conflicts)
{
  static const char *const commute[] = { "commute", "--origins", "luohe_west_hsr",
                                         "--destinations", "xc_east_hsr", "--profiles",
                                         "transit", NULL };
  static const char *const isochrone[] = { "isochrone", "luohe_west_hsr", "--profile",
                                           "transit", NULL };
  static const char *const accessibility[] = { "accessibility", "--opportunities",
                                               "population", "--profile", "transit", NULL };
  static const char *const route[] = { "route", "luohe_west_hsr", "xc_east_hsr", "--profile",
                                       "transit", NULL };
  static const char *const *const cmds[] = { commute, isochrone, accessibility, route };
  /* option, value; NULL: --percentiles or --percentile, by command */
  static const char *const opts[][2] = {
    { "--depart", "08:00" }, { "--date", "2025-01-01" }, { "--window", "0" },
    { "--max-walk", "15" }, { "--frequency-seed", "3" }, { "--gtfs", "feed.zip" },
    { "--drive-budget", "30" }, { "--park-time", "5" }, { "--parking-radius", "400" },
    { NULL, "50" },
  };
  for (guint c = 0; c < G_N_ELEMENTS (cmds); c++)
    for (guint o = 0; o < G_N_ELEMENTS (opts); o++)
      {
        const char *name = opts[o][0] ? opts[o][0]
                           : c == 0 || c == 3 ? "--percentiles" : "--percentile";
        const char *args[16];
        guint n = 0;
        for (guint k = 0; cmds[c][k]; k++)
          args[n++] = cmds[c][k];
        args[n++] = name;
        args[n++] = opts[o][1];
        args[n++] = "--frequency-model";
        args[n] = NULL;
        TtRun r = tt_run_tnetv (args);
        ck_assert_msg (r.status == 2, "%s %s: exit %d: %s", cmds[c][0], name, r.status, r.err);
        g_autofree char *want = g_strdup_printf ("%s cannot be given with --frequency-model",
                                                 name);
        ck_assert_msg (strstr (r.err, want) != NULL, "%s %s: %s", cmds[c][0], name, r.err);
        tt_run_clear (&r);
      }
  /* the option alone is the timetable's, as before */
  TtRun ok = tt_run_tnet ("commute", "--origins", "luohe_west_hsr", "--destinations",
                          "xc_east_hsr", "--profiles", "transit", "--window", "0", NULL);
  ck_assert_msg (ok.status == 0, "%s", ok.err);
  tt_run_clear (&ok);
}
END_TEST

/* Every command's --format json document on the bundled data has the
 * top-level keys docs/json-schema.md lists for it, in its order (the doc's
 * lines are the oracle, written by hand; `tnet sensitivity`: in
 * test-sensitivity.c, on its small folder). */
START_TEST (json_schema_keys)
{
  g_autofree char *feed = tt_source_path ("data/xuchang/gtfs-2025");
  const struct {
    const char *heading;
    const char *args[10];
  } runs[] = {
    { "## `tnet report`", { "report" } },
    { "## `tnet route --format json` (car, or any profile by its graph)",
      { "route", "z_yuzhou", "zz_center" } },
    { "## `tnet route --profile transit|park_and_ride --format json` (by the timetable)",
      { "route", "z_yuzhou", "zz_center", "--profile", "park_and_ride" } },
    { "## `tnet route --profile transit|park_and_ride --format json` (by the timetable)",
      { "route", "z_yuzhou", "zz_center", "--profile", "transit" } },
    { "### `tnet route --profile transit|park_and_ride --frequency-model --format json`",
      { "route", "z_yuzhou", "zz_center", "--profile", "transit", "--frequency-model" } },
    { "### `tnet route --profile transit|park_and_ride --frequency-model --format json`",
      { "route", "z_yuzhou", "zz_center", "--profile", "park_and_ride", "--frequency-model" } },
    { "## `tnet commute --format json`", { "commute" } },
    { "## `tnet commute --format json`", { "commute", "--frequency-model" } },
    { "## `tnet accessibility --format json`",
      { "accessibility", "--opportunities", "population", "--profile", "transit" } },
    { "## `tnet accessibility --format json`", { "accessibility", "--opportunities",
                                                 "population" } },
    { "## `tnet corridors --format json`", { "corridors", "region:xuchang",
                                             "region:zhengzhou" } },
    { "## `tnet corridors --format json`", { "corridors", "region:xuchang",
                                             "region:zhengzhou", "--profile", "transit" } },
    { "## `tnet criticality --format json`", { "criticality", "region:xuchang",
                                               "region:zhengzhou" } },
    { "## `tnet criticality --format json`", { "criticality", "region:xuchang",
                                               "region:zhengzhou", "--profile", "transit" } },
    { "## `tnet nodes --format json`", { "nodes" } },
    { "## `tnet isochrone`", { "isochrone", "z_weidu", "--minutes", "30" } },
    { "### `tnet transfers --format json`", { "transfers" } },
    { "## `tnet import gtfs FEED --format json`", { "import", "gtfs", feed } },
  };
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      const char *argv[16];
      guint n = 0;
      for (guint a = 0; runs[i].args[a]; a++)
        argv[n++] = runs[i].args[a];
      argv[n++] = "--format";
      argv[n++] = "json";
      argv[n++] = "-q";
      argv[n] = NULL;
      TtRun r = tt_run_tnetv (argv);
      ck_assert_msg (r.status == 0, "%s: exit %d: %s", runs[i].args[0], r.status, r.err);
      tt_assert_json_schema_keys (runs[i].heading, r.out);
      tt_run_clear (&r);
    }
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("cli");
  TCase *tc = tcase_create ("route");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_route_text);
  tcase_add_test (tc, test_route_json);
  tcase_add_test (tc, test_route_errors);
  tcase_add_test (tc, test_usage);
  tcase_add_test (tc, test_route_transit);
  tcase_add_test (tc, test_route_timetable);
  tcase_add_test (tc, test_route_several_feeds);
  tcase_add_test (tc, test_import_gtfs);
  tcase_add_test (tc, test_commute_method);
  tcase_add_test (tc, test_commute_timetable);
  tcase_add_test (tc, test_transit_default_timetable);
  tcase_add_test (tc, test_plan_timing_defaults);
  tcase_add_test (tc, test_route_plan_defaults);
  tcase_add_test (tc, test_frequency_model_conflicts);
  tcase_add_test (tc, test_progress_terminal);
  tcase_add_test (tc, test_nodes);
  tcase_add_test (tc, json_schema_keys);
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
