/* test-indicators.c: plan indicators, units and targets loaders, corridor
 * line counts and the report, on a hand-made network whose every figure is
 * computed by hand below; and on the bundled Xuchang data. */
#include "tests-common.h"
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

/*
 * The fixture (regions xuchang, zhengzhou, airport, other; counties A, B, C):
 *
 *   expressways: E1 i1-j1 10 km (xuchang) + j1-z1 20 km (to zhengzhou);
 *                E2 i2-j1 8 km; E3 i3<->i2 as two one-way links of 5 km,
 *                opening 2025; E4 i1-i3 7 km, status study (never active).
 *   trunk/road:  G107 s1-i1 12 km class I 60 km/h and m1-z2 30 km class I
 *                (two pieces; the second alone joins xuchang to zhengzhou);
 *                T2 s1-m1 4 km class III 40 km/h; R3 m1-i1 road 3 km 60 km/h;
 *                T4 s2-i2 10 km class II 50 km/h; T5 s2-i3 6 km class IV
 *                60 km/h; AIR1 i1-p1 trunk 2025 (to the airport zone);
 *                SPLIT m1-q1 and q2-z2 (disconnected pieces: not counted);
 *                BORROW s2-j1 and z1-z2 (joined only through E1: not counted).
 *   rail:        HSR1 x1-x2 20 km and x1-zs 30 km; RAIL1 x1-x2 25 km;
 *                SUB1 x2-ap 15 km suburban opening 2025 (to the airport).
 *
 * Hand-computed: expressway km 18 (2020) / 23 (2025); rail km 45, hsr 20;
 * trunk class II+ share inside xuchang: (12 + 10) / (12 + 4 + 10 + 6) =
 * 68.75 %; unit U1 (county A): E1, E2; unit U2 (B;C): E2 (2020), E2, E3
 * (2025) -> 50 % / 100 %; seat to interchange: s1 9 min (T2 6 + R3 3) both
 * years; s2 12 min (2020, T4) and 6 min (2025, T5 to i3 which E3 now
 * touches). Lines to zhengzhou: rail HSR1; road E1, G107. To the airport:
 * rail none / SUB1; road none / AIR1.
 */
static const char nodes_csv[] =
  "id,name,kind,lon,lat,county,region,population\n"
  "s1,Seat1,place,113.80,34.00,A,xuchang,1000\n"
  "s2,Seat2,place,113.90,34.00,B,xuchang,3000\n"
  "m1,Mid,place,113.82,34.02,A,xuchang,\n"
  "i1,IC1,interchange,113.84,34.04,A,xuchang,\n"
  "i2,IC2,interchange,113.92,34.04,B,xuchang,\n"
  "i3,IC3,interchange,113.95,34.01,C,xuchang,\n"
  "j1,J1,junction,113.86,34.08,A,xuchang,\n"
  "z1,ZIC,interchange,113.86,34.30,Z,zhengzhou,\n"
  "z2,ZZ,place,113.70,34.40,Z,zhengzhou,\n"
  "q1,Q1,place,113.60,34.10,,other,\n"
  "q2,Q2,place,113.60,34.20,,other,\n"
  "p1,Airport,place,114.00,34.30,,airport,\n"
  "x1,XSt1,station,113.85,34.03,A,xuchang,\n"
  "x2,XSt2,station,113.88,33.90,B,xuchang,\n"
  "zs,ZSt,station,113.75,34.60,Z,zhengzhou,\n"
  "ap,ASt,station,114.00,34.35,,airport,\n";

static const char links_csv[] =
  "id,from,to,mode,line,length_km,speed_kmh,time_min,oneway,class,open_year,status\n"
  "e1,i1,j1,expressway,E1,10,100,,,expressway,,existing\n"
  "e2,j1,z1,expressway,E1,20,100,,,expressway,,existing\n"
  "e3,i2,j1,expressway,E2,8,100,,,expressway,,existing\n"
  "e4a,i3,i2,expressway,E3,5,100,,1,expressway,2025,construction\n"
  "e4b,i2,i3,expressway,E3,5,100,,1,expressway,2025,construction\n"
  "e5,i1,i3,expressway,E4,7,100,,,expressway,,study\n"
  "r1,s1,i1,trunk,G107,12,60,,,I,,existing\n"
  "r1b,m1,z2,trunk,G107,30,80,,,I,,existing\n"
  "r2,s1,m1,trunk,T2,4,40,,,III,,existing\n"
  "r3,m1,i1,road,R3,3,60,,,,,existing\n"
  "r4,s2,i2,trunk,T4,10,50,,,II,,existing\n"
  "r5,s2,i3,trunk,T5,6,60,,,IV,,existing\n"
  "r6,i1,p1,trunk,AIR1,25,80,,,I,2025,planned\n"
  "r7,m1,q1,road,SPLIT,10,40,,,,,existing\n"
  "r8,q2,z2,road,SPLIT,10,40,,,,,existing\n"
  "r9,s2,j1,road,BORROW,9,40,,,,,existing\n"
  "r10,z1,z2,road,BORROW,9,40,,,,,existing\n"
  "h1,x1,x2,hsr,HSR1,20,300,,,,,existing\n"
  "h2,x1,zs,hsr,HSR1,30,300,,,,,existing\n"
  "h3,x1,x2,rail,RAIL1,25,120,,,,,existing\n"
  "h4,x2,ap,suburban,SUB1,15,100,,,,2025,construction\n";

static const char units_csv[] =
  "unit,name,name_en,counties,seat_node,zone_node\n"
  "U1,单元一,Unit one,A,s1,s1\n"
  "U2,单元二,Unit two,B;C,s2,s2\n";

static const char targets_csv[] =
  "indicator,name,unit,baseline_2020,target_2025,comparison,source\n"
  "# a comment line\n"
  "expressway_km,高速公路里程,km,18,23,ge,test\n"
  "county_units_2_expressways_pct,双高速,%,50,100,ge,test\n"
  "interchange_minutes,上高速,min,,10,le,test\n"
  "rail_km,铁路,km,45,50,ge,test\n"
  "hsr_km,高铁,km,20,,ge,no 2025 figure\n"
  "hub_transfer_minutes,换乘,min,,5,le,test\n";

typedef struct {
  char *dir;
  TnetNetwork *net;
  TnetDataset *ds;     /* loaded by the report tests */
  TnetScenario *s2020, *s2025;
  TnetUnitTable *units;
} Fixture;

static Fixture
fixture_new (void)
{
  Fixture f = { tt_mkdtemp (), NULL, NULL, NULL, NULL };
  tt_write_file (f.dir, "nodes.csv", nodes_csv);
  tt_write_file (f.dir, "links.csv", links_csv);
  tt_write_file (f.dir, "units.csv", units_csv);
  tt_write_file (f.dir, "targets.csv", targets_csv);
  GError *error = NULL;
  f.net = tnet_network_load_csv (f.dir, &error);
  ck_assert_msg (f.net != NULL, "%s", error ? error->message : "");
  g_autofree char *units = g_build_filename (f.dir, "units.csv", NULL);
  f.units = tnet_unit_table_load_csv (f.net, units, &error);
  ck_assert_msg (f.units != NULL, "%s", error ? error->message : "");
  f.s2020 = tnet_scenario_new (2020);
  f.s2025 = tnet_scenario_new (2025);
  return f;
}

static void
fixture_free (Fixture *f)
{
  tnet_dataset_free (f->ds);
  tnet_unit_table_free (f->units);
  tnet_scenario_free (f->s2020);
  tnet_scenario_free (f->s2025);
  tnet_network_free (f->net);
  tt_rm_rf (f->dir);
  g_free (f->dir);
}

#define EXPRESSWAY TNET_MODE_BIT (TNET_MODE_EXPRESSWAY)

START_TEST (test_lengths)
{
  Fixture f = fixture_new ();
  ck_assert_double_eq_tol (tnet_indicator_length_km (f.net, f.s2020, EXPRESSWAY, "xuchang"),
                           18.0, 1e-9);
  ck_assert_double_eq_tol (tnet_indicator_length_km (f.net, f.s2025, EXPRESSWAY, "xuchang"),
                           23.0, 1e-9);
  /* everywhere: + the 20 km of E1 into zhengzhou */
  ck_assert_double_eq_tol (tnet_indicator_length_km (f.net, f.s2025, EXPRESSWAY, NULL),
                           43.0, 1e-9);
  ck_assert_double_eq_tol (tnet_indicator_length_km (f.net, f.s2025, TNET_MODES_RAIL,
                                                     "xuchang"), 45.0, 1e-9);
  ck_assert_double_eq_tol (tnet_indicator_length_km (f.net, f.s2020,
                                                     TNET_MODE_BIT (TNET_MODE_HSR),
                                                     "xuchang"), 20.0, 1e-9);
  /* the study link counts once its status is allowed */
  tnet_scenario_set_statuses (f.s2025, 0xFu);
  ck_assert_double_eq_tol (tnet_indicator_length_km (f.net, f.s2025, EXPRESSWAY, "xuchang"),
                           30.0, 1e-9);
  /* a closed line drops out */
  tnet_scenario_close_line (f.s2020, "E2");
  ck_assert_double_eq_tol (tnet_indicator_length_km (f.net, f.s2020, EXPRESSWAY, "xuchang"),
                           10.0, 1e-9);
  fixture_free (&f);
}
END_TEST

START_TEST (test_class_share)
{
  Fixture f = fixture_new ();
  static const char *const good[] = { "expressway", "I", "II", NULL };
  ck_assert_double_eq_tol (tnet_indicator_class_share_pct (f.net, f.s2020,
                                                           TNET_MODE_BIT (TNET_MODE_TRUNK),
                                                           "xuchang", good),
                           100.0 * 22.0 / 32.0, 1e-9);
  ck_assert (isnan (tnet_indicator_class_share_pct (f.net, f.s2020,
                                                    TNET_MODE_BIT (TNET_MODE_METRO),
                                                    "xuchang", good)));
  fixture_free (&f);
}
END_TEST

START_TEST (test_unit_lines)
{
  Fixture f = fixture_new ();
  const TnetUnit *u1 = tnet_unit_table_get (f.units, 0);
  const TnetUnit *u2 = tnet_unit_table_get (f.units, 1);
  g_autoptr (GPtrArray) lines = g_ptr_array_new ();
  ck_assert_uint_eq (tnet_indicator_unit_lines (f.net, f.s2020, u1, EXPRESSWAY, lines), 2);
  ck_assert_str_eq (g_ptr_array_index (lines, 0), "E1");
  ck_assert_str_eq (g_ptr_array_index (lines, 1), "E2");
  g_ptr_array_set_size (lines, 0);
  ck_assert_uint_eq (tnet_indicator_unit_lines (f.net, f.s2020, u2, EXPRESSWAY, lines), 1);
  ck_assert_str_eq (g_ptr_array_index (lines, 0), "E2");
  g_ptr_array_set_size (lines, 0);
  ck_assert_uint_eq (tnet_indicator_unit_lines (f.net, f.s2025, u2, EXPRESSWAY, lines), 2);
  ck_assert_str_eq (g_ptr_array_index (lines, 1), "E3");
  ck_assert_double_eq_tol (tnet_indicator_units_min_lines_pct (f.net, f.s2020, f.units,
                                                               EXPRESSWAY, 2), 50.0, 1e-9);
  ck_assert_double_eq_tol (tnet_indicator_units_min_lines_pct (f.net, f.s2025, f.units,
                                                               EXPRESSWAY, 2), 100.0, 1e-9);
  ck_assert_double_eq_tol (tnet_indicator_units_min_lines_pct (f.net, f.s2025, f.units,
                                                               EXPRESSWAY, 3), 0.0, 1e-9);
  fixture_free (&f);
}
END_TEST

START_TEST (test_interchange_ms)
{
  Fixture f = fixture_new ();
  TnetWeight ms[2];
  TnetId ic[2];
  GError *error = NULL;
  /* 9 and 12 min by hand over the fixture's links: 540 000 and 720 000 ms */
  ck_assert (tnet_indicator_interchange_ms (f.net, f.s2020, f.units, ms, ic, &error));
  ck_assert_uint_eq (ms[0], 540000);
  ck_assert_uint_eq (ms[1], 720000);
  ck_assert_uint_eq (ic[0], tnet_network_find_node (f.net, "i1"));
  ck_assert_uint_eq (ic[1], tnet_network_find_node (f.net, "i2"));
  ck_assert (tnet_indicator_interchange_ms (f.net, f.s2025, f.units, ms, NULL, &error));
  ck_assert_uint_eq (ms[0], 540000);
  ck_assert_uint_eq (ms[1], 360000);
  /* no expressway at all: a located error, not a crash */
  TnetScenario *none = tnet_scenario_new (2020);
  tnet_scenario_close_line (none, "E1");
  tnet_scenario_close_line (none, "E2");
  ck_assert (!tnet_indicator_interchange_ms (f.net, none, f.units, ms, NULL, &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "interchange");
  /* an unknown closure is reported */
  tnet_scenario_close_line (none, "no such line");
  ck_assert (!tnet_indicator_interchange_ms (f.net, none, f.units, ms, NULL, &error));
  ck_assert (error != NULL);
  g_clear_error (&error);
  tnet_scenario_free (none);
  fixture_free (&f);
}
END_TEST

static void
assert_lines (GPtrArray *lines, const char *expected)
{
  g_autoptr (GString) s = g_string_new (NULL);
  for (guint k = 0; k < lines->len; k++)
    g_string_append_printf (s, "%s%s", k ? "," : "", (const char *) g_ptr_array_index (lines, k));
  ck_assert_str_eq (s->str, expected);
  g_ptr_array_set_size (lines, 0);
}

START_TEST (test_line_count)
{
  Fixture f = fixture_new ();
  g_autoptr (GPtrArray) l = g_ptr_array_new ();
  ck_assert_uint_eq (tnet_corridor_line_count (f.net, f.s2020, "xuchang", "zhengzhou",
                                               TNET_MODES_RAIL, l), 1);
  assert_lines (l, "HSR1");
  /* SPLIT (two pieces) and BORROW (only through E1's link) do not count */
  ck_assert_uint_eq (tnet_corridor_line_count (f.net, f.s2020, "xuchang", "zhengzhou",
                                               TNET_MODES_ROAD, l), 2);
  assert_lines (l, "E1,G107");
  ck_assert_uint_eq (tnet_corridor_line_count (f.net, f.s2025, "xuchang", "zhengzhou",
                                               TNET_MODES_ROAD, l), 2);
  assert_lines (l, "E1,G107");
  /* symmetric in the two regions */
  ck_assert_uint_eq (tnet_corridor_line_count (f.net, f.s2025, "zhengzhou", "xuchang",
                                               TNET_MODES_ROAD, NULL), 2);
  ck_assert_uint_eq (tnet_corridor_line_count (f.net, f.s2020, "xuchang", "airport",
                                               TNET_MODES_RAIL, l), 0);
  ck_assert_uint_eq (tnet_corridor_line_count (f.net, f.s2025, "xuchang", "airport",
                                               TNET_MODES_RAIL, l), 1);
  assert_lines (l, "SUB1");
  ck_assert_uint_eq (tnet_corridor_line_count (f.net, f.s2020, "xuchang", "airport",
                                               TNET_MODES_ROAD, l), 0);
  ck_assert_uint_eq (tnet_corridor_line_count (f.net, f.s2025, "xuchang", "airport",
                                               TNET_MODES_ROAD, l), 1);
  assert_lines (l, "AIR1");
  /* all modes: the two groups together */
  ck_assert_uint_eq (tnet_corridor_line_count (f.net, f.s2020, "xuchang", "zhengzhou",
                                               TNET_MODES_ALL, l), 3);
  assert_lines (l, "E1,G107,HSR1");
  /* closing the piece of G107 that crosses drops it; the SPLIT line joins
   * once a link bridges its two pieces */
  tnet_scenario_close_link (f.s2020, "r1b");
  ck_assert_uint_eq (tnet_corridor_line_count (f.net, f.s2020, "xuchang", "zhengzhou",
                                               TNET_MODES_ROAD, l), 1);
  assert_lines (l, "E1");
  fixture_free (&f);
}
END_TEST

/* A line is judged on its own links: add the missing piece of SPLIT and of
 * BORROW as links of those lines and both count. */
START_TEST (test_line_count_bridged)
{
  g_autofree char *dir = tt_mkdtemp ();
  tt_write_file (dir, "nodes.csv", nodes_csv);
  g_autofree char *links = g_strconcat (links_csv,
                                        "b1,q1,q2,road,SPLIT,10,40,,,,,existing\n"
                                        "b2,j1,z1,road,BORROW,20,40,,,,,existing\n", NULL);
  tt_write_file (dir, "links.csv", links);
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetScenario) s = tnet_scenario_new (2020);
  g_autoptr (GPtrArray) l = g_ptr_array_new ();
  ck_assert_uint_eq (tnet_corridor_line_count (net, s, "xuchang", "zhengzhou",
                                               TNET_MODES_ROAD, l), 4);
  assert_lines (l, "BORROW,E1,G107,SPLIT");
  tt_rm_rf (dir);
}
END_TEST

/* Two lines on one track (tag shared_track) count once; without the tag
 * they are two tracks. */
START_TEST (test_shared_track)
{
  g_autofree char *dir = tt_mkdtemp ();
  tt_write_file (dir, "nodes.csv", nodes_csv);
  tt_write_file (dir, "links.csv",
                 "id,from,to,mode,line,length_km,tags\n"
                 "a,x1,x2,hsr,L1,20,shared_track\n"
                 "b,x2,x1,hsr,L2,21,shared_track\n"
                 "c,x1,x2,rail,L3,25,\n"
                 "d,x1,x2,rail,L4,25,\n");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetScenario) s = tnet_scenario_new (2020);
  ck_assert_double_eq_tol (tnet_indicator_length_km (net, s, TNET_MODE_BIT (TNET_MODE_HSR),
                                                     "xuchang"), 21.0, 1e-9);
  ck_assert_double_eq_tol (tnet_indicator_length_km (net, s, TNET_MODES_RAIL, "xuchang"),
                           71.0, 1e-9);
  tt_rm_rf (dir);
}
END_TEST

/* An upgraded road: the old row lives until:2024, the new one opens in
 * 2025; each year counts exactly one of them. */
START_TEST (test_upgrade_until)
{
  g_autofree char *dir = tt_mkdtemp ();
  tt_write_file (dir, "nodes.csv", nodes_csv);
  tt_write_file (dir, "links.csv",
                 "id,from,to,mode,line,length_km,class,open_year,status,tags\n"
                 "a,s1,m1,trunk,T,10,III,,existing,until:2024\n"
                 "a_up,s1,m1,trunk,T,10,II,2025,construction,replaces:a\n"
                 "b,m1,i1,trunk,T,30,II,,existing,\n");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  static const char *const good[] = { "I", "II", NULL };
  guint trunk = TNET_MODE_BIT (TNET_MODE_TRUNK);
  g_autoptr (TnetScenario) s20 = tnet_scenario_new (2020);
  g_autoptr (TnetScenario) s24 = tnet_scenario_new (2024);
  g_autoptr (TnetScenario) s25 = tnet_scenario_new (2025);
  ck_assert (tnet_scenario_link_active (s24, net, 0));
  ck_assert (!tnet_scenario_link_active (s25, net, 0));
  ck_assert_double_eq_tol (tnet_indicator_class_share_pct (net, s20, trunk, "xuchang", good),
                           75.0, 1e-9);
  ck_assert_double_eq_tol (tnet_indicator_length_km (net, s25, trunk, "xuchang"), 40.0, 1e-9);
  ck_assert_double_eq_tol (tnet_indicator_class_share_pct (net, s25, trunk, "xuchang", good),
                           100.0, 1e-9);
  tt_rm_rf (dir);
}
END_TEST

/* ---------- loaders ---------- */

static void
expect_units_error (Fixture *f, const char *text, const char *needle)
{
  tt_write_file (f->dir, "bad-units.csv", text);
  g_autofree char *path = g_build_filename (f->dir, "bad-units.csv", NULL);
  GError *error = NULL;
  TnetUnitTable *t = tnet_unit_table_load_csv (f->net, path, &error);
  ck_assert_msg (t == NULL, "loaded: %s", text);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, needle);
}

START_TEST (test_units_loader)
{
  Fixture f = fixture_new ();
  ck_assert_uint_eq (tnet_unit_table_n_units (f.units), 2);
  const TnetUnit *u2 = tnet_unit_table_get (f.units, 1);
  ck_assert_str_eq (u2->id, "U2");
  ck_assert_str_eq (u2->name_en, "Unit two");
  ck_assert (tnet_unit_has_county (u2, "C"));
  ck_assert (!tnet_unit_has_county (u2, "A"));
  ck_assert_int_eq (tnet_unit_table_find (f.units, "U2"), 1);
  ck_assert_int_eq (tnet_unit_table_find (f.units, "nope"), -1);
  ck_assert_uint_eq (u2->seat_node, tnet_network_find_node (f.net, "s2"));

  expect_units_error (&f, "unit,name,counties\nU1,x,A\n", "bad-units.csv:1:");
  expect_units_error (&f, "unit,name,counties,seat_node\nU1,x,A,nowhere\n",
                      "bad-units.csv:2:8: expected a node id");
  expect_units_error (&f, "unit,name,counties,seat_node\nU1,x,A;Q,s1\n",
                      "bad-units.csv:2:6: expected a county");
  expect_units_error (&f, "unit,name,counties,seat_node\nU1,x, ; ,s1\n",
                      "bad-units.csv:2:6: expected one or more");
  expect_units_error (&f, "unit,name,counties,seat_node\nU1,x,A,s1\nU1,y,B,s2\n",
                      "bad-units.csv:3:1: duplicate unit");
  expect_units_error (&f, "unit,name,counties,seat_node\n,x,A,s1\n",
                      "bad-units.csv:2:1: expected a unit id");
  expect_units_error (&f, "unit,name,counties,seat_node,zone_node\nU1,x,A,s1,zz\n",
                      "bad-units.csv:2:11: expected a node id");
  GError *error = NULL;
  g_autofree char *missing = g_build_filename (f.dir, "missing.csv", NULL);
  ck_assert (tnet_unit_table_load_csv (f.net, missing, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_IO, NULL);
  fixture_free (&f);
}
END_TEST

static void
expect_targets_error (const char *dir, const char *text, const char *needle)
{
  tt_write_file (dir, "targets.csv", text);
  g_autofree char *path = g_build_filename (dir, "targets.csv", NULL);
  GError *error = NULL;
  TnetTargetTable *t = tnet_target_table_load_csv (path, &error);
  ck_assert_msg (t == NULL, "loaded: %s", text);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, needle);
}

START_TEST (test_targets_loader)
{
  g_autofree char *dir = tt_mkdtemp ();
  tt_write_file (dir, "targets.csv", targets_csv);
  g_autofree char *path = g_build_filename (dir, "targets.csv", NULL);
  GError *error = NULL;
  g_autoptr (TnetTargetTable) t = tnet_target_table_load_csv (path, &error);
  ck_assert_msg (t != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (tnet_target_table_n_targets (t), 6);
  const TnetTarget *hsr = tnet_target_table_find (t, "hsr_km");
  ck_assert (isnan (hsr->target_2025));
  ck_assert (!tnet_target_check (hsr, 100));
  const TnetTarget *km = tnet_target_table_find (t, "expressway_km");
  ck_assert_str_eq (km->name, "高速公路里程");
  ck_assert_double_eq (km->baseline_2020, 18);
  ck_assert_double_eq (km->target_2025, 23);
  ck_assert_int_eq (km->comparison, TNET_COMPARE_GE);
  ck_assert (tnet_target_check (km, 23));
  ck_assert (tnet_target_check (km, 24));
  ck_assert (!tnet_target_check (km, 22.9));
  ck_assert (!tnet_target_check (km, NAN));
  const TnetTarget *ic = tnet_target_table_find (t, "interchange_minutes");
  ck_assert (isnan (ic->baseline_2020));
  ck_assert (tnet_target_check (ic, 10));
  ck_assert (!tnet_target_check (ic, 10.5));
  ck_assert (tnet_target_table_find (t, "nope") == NULL);

  static const char head[] = "indicator,name,unit,baseline_2020,target_2025,comparison,source\n";
  g_autofree char *a = g_strconcat (head, "x,n,u,1,2,gt,s\n", NULL);
  expect_targets_error (dir, a, "targets.csv:2:11: expected ge, le or eq");
  g_autofree char *b = g_strconcat (head, "x,n,u,1,2x,ge,s\n", NULL);
  expect_targets_error (dir, b, "targets.csv:2:9:");
  g_autofree char *c = g_strconcat (head, "x,n,u,abc,2,ge,s\n", NULL);
  expect_targets_error (dir, c, "targets.csv:2:7:");
  g_autofree char *d = g_strconcat (head, "x,n,u,1,2,ge,s\nx,n,u,1,2,le,s\n", NULL);
  expect_targets_error (dir, d, "targets.csv:3:1: duplicate indicator");
  g_autofree char *e = g_strconcat (head, ",n,u,1,2,ge,s\n", NULL);
  expect_targets_error (dir, e, "targets.csv:2:1: expected an indicator");
  g_autofree char *g = g_strconcat (head, "x,n,u,1,inf,ge,s\n", NULL);
  expect_targets_error (dir, g, "targets.csv:2:");
  expect_targets_error (dir, "indicator,name,unit,baseline_2020,comparison\n",
                        "targets.csv:1:");
  expect_targets_error (dir, "", "empty");
  tt_rm_rf (dir);
}
END_TEST


/* The plan the report used to hard-code, for folders shaped like the
 * bundled one (home xuchang; pairs zhengzhou and airport). */
static const char *const bundled_like_plan =
  "[plan]\ntitle = T\nhome = xuchang\nhome_label = Xuchang\n"
  "[report]\ntrunk_classes = expressway;I;II\ncritical_pair = zhengzhou\n"
  "[pair zhengzhou]\nregion = zhengzhou\nlabel = Zhengzhou\n"
  "[pair airport]\nregion = airport\nlabel = airport zone\n"
  "[names]\nexpressway_km = 高速公路里程 Expressway length\n";

/* Loads @dir (with that plan) and computes the report; the dataset the
 * report borrows from is kept in *@ds_out. */
static TnetReport *
report_in (const char *dir, const TnetScenario *const *scens, guint n, TnetDataset **ds_out,
           GError **error)
{
  tt_write_file (dir, "plan.ini", bundled_like_plan);
  *ds_out = tnet_dataset_load (dir, NULL, error);
  return *ds_out ? tnet_report_compute (*ds_out, scens, n, error) : NULL;
}

/* ---------- the report ---------- */

static TnetReport *
fixture_report (Fixture *f)
{
  const TnetScenario *scens[] = { f->s2020, f->s2025 };
  GError *error = NULL;
  TnetReport *r = report_in (f->dir, scens, 2, &f->ds, &error);
  ck_assert_msg (r != NULL, "%s", error ? error->message : "");
  return r;
}

START_TEST (test_report)
{
  Fixture f = fixture_new ();
  g_autoptr (TnetReport) r = fixture_report (&f);
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "expressway_km"), 18, 1e-9);
  ck_assert_double_eq_tol (tnet_report_get_value (r, 1, "expressway_km"), 23, 1e-9);
  ck_assert_double_eq_tol (tnet_report_get_value (r, 1, "rail_km"), 45, 1e-9);
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "trunk_class2_pct"), 68.8, 1e-9);
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "county_units_2_expressways_pct"),
                           50, 1e-9);
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "zhengzhou_road_lines"), 2, 1e-9);
  ck_assert_double_eq_tol (tnet_report_get_value (r, 1, "airport_rail_lines"), 1, 1e-9);
  ck_assert (isnan (tnet_report_get_value (r, 0, "no_such_key")));

  /* JSON: the documented shape, the values, pass/fail */
  g_autofree char *json = tnet_report_to_json (r, FALSE);
  g_autoptr (JsonParser) p = json_parser_new ();
  GError *error = NULL;
  ck_assert_msg (json_parser_load_from_data (p, json, -1, &error), "%s", json);
  JsonObject *root = json_node_get_object (json_parser_get_root (p));
  JsonObject *scen = json_object_get_object_member (root, "scenarios");
  JsonObject *c2025 = json_object_get_object_member (scen, "2025");
  JsonObject *ind = json_object_get_object_member (c2025, "indicators");
  ck_assert_double_eq_tol (json_object_get_double_member (ind, "expressway_km"), 23, 1e-9);
  ck_assert_int_eq (json_object_get_int_member (ind, "zhengzhou_rail_lines"), 1);
  JsonArray *names = json_object_get_array_member (ind, "zhengzhou_road_lines_names");
  ck_assert_uint_eq (json_array_get_length (names), 2);
  ck_assert_str_eq (json_array_get_string_element (names, 1), "G107");
  JsonObject *icm = json_object_get_object_member (ind, "interchange_minutes");
  ck_assert_double_eq_tol (json_object_get_double_member (icm, "U2"), 6.0, 1e-9);
  JsonObject *pass = json_object_get_object_member (c2025, "pass");
  ck_assert (json_object_get_boolean_member (pass, "expressway_km"));
  ck_assert (json_object_get_boolean_member (pass, "interchange_minutes"));
  ck_assert (!json_object_get_boolean_member (pass, "rail_km"));
  JsonObject *pass20 = json_object_get_object_member (
      json_object_get_object_member (scen, "2020"), "pass");
  ck_assert (!json_object_get_boolean_member (pass20, "interchange_minutes")); /* 12 > 10 */
  ck_assert (!json_object_has_member (pass20, "hub_transfer_minutes"));
  ck_assert (!json_object_has_member (pass20, "hsr_km"));
  ck_assert (json_node_is_null (json_object_get_member (
      json_object_get_object_member (json_object_get_object_member (root, "targets"), "hsr_km"),
      "target_2025")));
  JsonObject *targets = json_object_get_object_member (root, "targets");
  JsonObject *t = json_object_get_object_member (targets, "expressway_km");
  ck_assert_str_eq (json_object_get_string_member (t, "comparison"), "ge");
  ck_assert_double_eq (json_object_get_double_member (t, "target_2025"), 23);

  /* CSV */
  g_autofree char *csv = tnet_report_to_csv (r);
  ck_assert_msg (g_str_has_prefix (csv, "indicator,2020,2025,target,pass\n"), "%s", csv);
  ck_assert_msg (strstr (csv, "\nexpressway_km,18.0,23.0,23,pass\n"), "%s", csv);
  ck_assert_msg (strstr (csv, "\ninterchange_minutes,12.0,9.0,10,pass\n"), "%s", csv);
  ck_assert_msg (strstr (csv, "\nrail_km,45.0,45.0,50,fail\n"), "%s", csv);
  ck_assert_msg (strstr (csv, "\nzhengzhou_road_lines,2,2,,\n"), "%s", csv);
  ck_assert_msg (strstr (csv, "\nhsr_km,20.0,20.0,,\n"), "%s", csv);

  /* text: aligned rows with both names, the targets not computed, details */
  g_autofree char *text = tnet_report_to_text (r);
  /* the plan's [names] renames a row; others keep their English names */
  ck_assert_msg (strstr (text, "高速公路里程 Expressway length"), "%s", text);
  ck_assert_msg (strstr (text, "\nRail lines Xuchang-Zhengzhou "), "%s", text);
  ck_assert_msg (g_str_has_prefix (text, "T\n"), "%s", text);
  ck_assert_msg (strstr (text, "≥ 23"), "%s", text);
  ck_assert_msg (strstr (text, "hub_transfer_minutes") && strstr (text, "not computed"),
                 "%s", text);
  ck_assert_msg (strstr (text, "road lines to Zhengzhou (2): E1, G107"), "%s", text);
  fixture_free (&f);
}
END_TEST

/* The plan's commute by the timetable, against a hand computation. Zone Z
 * hangs on station A by an access link timed at 10 min (5.56 km: a walk of
 * 70 min), station D on zone W by one of 5 min; trips leave A every 20 min
 * from 07:00 and reach D 30 min later. Departing from Z at minute t of the
 * window 07:00-07:59, one reaches A at t + 10 and waits w = (20 - (t + 10)
 * mod 20) mod 20: every w in 0..19 three times, so the travel time
 * 10 + w + 30 + 5 takes each value 45..64 three times. Nearest rank over
 * the 60 minutes: p5 the 3rd value, 45; p50 the 30th, 54; p95 the 57th, 63.
 * The median 54 is within a budget of 54 min and not of 53. */
START_TEST (test_report_commute_timetable)
{
  char *dir = tt_mkdtemp ();
  tt_write_file (dir, "nodes.csv", "id,name,kind,lon,lat,county,region,population\n"
                 "Z,Z,zone,0,0,C,home,100\nA,A,station,0.05,0,C,home,\n"
                 "D,D,station,0.5,0,E,away,\nW,W,zone,0.55,0,E,away,50\n");
  tt_write_file (dir, "links.csv", "id,from,to,mode,line,length_km,speed_kmh,time_min\n"
                 "za,Z,A,access,,5.56,,10\ndw,D,W,access,,5.56,,5\n"
                 "ad,A,D,rail,L1,50,,30\n");
  tt_write_file (dir, "units.csv", "unit,name,counties,seat_node\nu,U,C,Z\n");
  g_autofree char *gtfs = g_build_filename (dir, "gtfs", NULL);
  g_mkdir (gtfs, 0755);
  tt_write_file (gtfs, "stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nA,A,0,0.05\n"
                 "D,D,0,0.5\n");
  tt_write_file (gtfs, "routes.txt", "route_id,route_short_name,route_type\nL1,L1,2\n");
  tt_write_file (gtfs, "calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,"
                 "saturday,sunday,start_date,end_date\nWD,1,1,1,1,1,0,0,20250101,20251231\n");
  GString *trips = g_string_new ("route_id,service_id,trip_id\n");
  GString *st = g_string_new ("trip_id,arrival_time,departure_time,stop_id,stop_sequence\n");
  for (guint k = 0; k < 6; k++)
    {
      guint dep = 7 * 60 + 20 * k, arr = dep + 30;
      g_string_append_printf (trips, "L1,WD,t%u\n", k);
      g_string_append_printf (st, "t%u,%02u:%02u:00,%02u:%02u:00,A,1\n", k, dep / 60, dep % 60,
                              dep / 60, dep % 60);
      g_string_append_printf (st, "t%u,%02u:%02u:00,%02u:%02u:00,D,2\n", k, arr / 60, arr % 60,
                              arr / 60, arr % 60);
    }
  tt_write_file (gtfs, "trips.txt", trips->str);
  tt_write_file (gtfs, "stop_times.txt", st->str);
  g_string_free (trips, TRUE);
  g_string_free (st, TRUE);
  static const char group[] = "origins = Z\ndestinations = W\nprofiles = transit\n"
                              "unit_rows = true\ndepart = 07:00\nwindow = 60\n"
                              "percentiles = 5;50;95\n";
  g_autofree char *plan = g_strdup_printf ("[plan]\ntitle = T\n[commute a]\nbudget_min = 54\n%s"
                                           "[commute b]\nbudget_min = 53\n%s", group, group);
  tt_write_file (dir, "plan.ini", plan);
  GError *error = NULL;
  g_autoptr (TnetDataset) ds = tnet_dataset_load (dir, NULL, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetScenario) s2025 = tnet_scenario_new (2025);
  const TnetScenario *scens[] = { s2025 };
  g_autoptr (TnetReport) r = tnet_report_compute (ds, scens, 1, &error);
  ck_assert_msg (r != NULL, "%s", error ? error->message : "");
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "commute_a_54min_pct"), 100, 1e-9);
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "commute_b_53min_pct"), 0, 1e-9);

  g_autofree char *json = tnet_report_to_json (r, FALSE);
  g_autoptr (JsonParser) p = json_parser_new ();
  ck_assert_msg (json_parser_load_from_data (p, json, -1, &error), "%s", json);
  JsonObject *root = json_node_get_object (json_parser_get_root (p));
  JsonObject *ind = json_object_get_object_member (
      json_object_get_object_member (json_object_get_object_member (root, "scenarios"), "2025"),
      "indicators");
  JsonObject *cell = json_object_get_object_member (
      json_object_get_object_member (json_object_get_object_member (ind, "commute_a_minutes"),
                                     "u"), "W");
  ck_assert_double_eq_tol (json_object_get_double_member (cell, "transit"), 54, 1e-9);
  JsonObject *pc = json_object_get_object_member (cell, "transit_percentiles");
  ck_assert_double_eq_tol (json_object_get_double_member (pc, "p5"), 45, 1e-9);
  ck_assert_double_eq_tol (json_object_get_double_member (pc, "p50"), 54, 1e-9);
  ck_assert_double_eq_tol (json_object_get_double_member (pc, "p95"), 63, 1e-9);
  JsonObject *model = json_object_get_object_member (ind, "commute_a_transit");
  ck_assert_str_eq (json_object_get_string_member (model, "model"), "timetable");
  ck_assert_int_eq (json_object_get_int_member (model, "date"), 20250101);
  ck_assert_double_eq (json_object_get_double_member (model, "percentile"), 50);
  ck_assert_int_eq (json_object_get_int_member (model, "window_min"), 60);
  g_autofree char *text = tnet_report_to_text (r);
  ck_assert_msg (strstr (text, "transit: timetable gtfs of 2025-01-01, a departure every "
                               "minute 07:00-07:59"), "%s", text);
  ck_assert_msg (strstr (text, "→ W: 54.0✓ (45.0-63.0)"), "%s", text);

  /* a key of the timetable without depart is an error naming its line */
  tt_write_file (dir, "plan.ini", "[plan]\ntitle = T\n[commute a]\nbudget_min = 60\n"
                 "origins = Z\ndestinations = W\nwindow = 60\n");
  g_autoptr (TnetPlan) bad = NULL;
  g_autofree char *pp = g_build_filename (dir, "plan.ini", NULL);
  g_clear_error (&error);
  bad = tnet_plan_load (pp, &error);
  ck_assert (bad == NULL);
  ck_assert_msg (strstr (error->message, "plan.ini:7:10: 'window' is a key of the timetable"),
                 "%s", error->message);
  g_clear_error (&error);
  tt_write_file (dir, "plan.ini", "[plan]\ntitle = T\n[commute a]\nbudget_min = 60\n"
                 "origins = Z\ndestinations = W\ndepart = 7:00\n");
  ck_assert (tnet_plan_load (pp, &error) == NULL);
  ck_assert_msg (strstr (error->message, "expected HH:MM"), "%s", error->message);
  g_clear_error (&error);
  /* park-and-ride's keys: the command's defaults (30 min, 5 min, 400 m),
   * the values given, a value out of range named by its line */
  tt_write_file (dir, "plan.ini", "[plan]\ntitle = T\n[commute a]\nbudget_min = 60\n"
                 "origins = Z\ndestinations = W\ndepart = 07:00\n");
  g_autoptr (TnetPlan) dflt = tnet_plan_load (pp, &error);
  ck_assert_msg (dflt != NULL, "%s", error ? error->message : "");
  const TnetPlanCommute *dg = tnet_plan_get_commute (dflt, 0);
  ck_assert_uint_eq (dg->drive_budget_ms, 30 * 60000);
  ck_assert_uint_eq (dg->park_time_ms, 5 * 60000);
  ck_assert_double_eq (dg->parking_radius_m, 400);
  tt_write_file (dir, "plan.ini", "[plan]\ntitle = T\n[commute a]\nbudget_min = 60\n"
                 "origins = Z\ndestinations = W\ndepart = 07:00\ndrive_budget_min = 12\n"
                 "park_time_min = 0\nparking_radius_m = 250.5\n");
  g_autoptr (TnetPlan) given = tnet_plan_load (pp, &error);
  ck_assert_msg (given != NULL, "%s", error ? error->message : "");
  const TnetPlanCommute *gg = tnet_plan_get_commute (given, 0);
  ck_assert_uint_eq (gg->drive_budget_ms, 12 * 60000);
  ck_assert_uint_eq (gg->park_time_ms, 0);
  ck_assert_double_eq (gg->parking_radius_m, 250.5);
  tt_write_file (dir, "plan.ini", "[plan]\ntitle = T\n[commute a]\nbudget_min = 60\n"
                 "origins = Z\ndestinations = W\ndepart = 07:00\ndrive_budget_min = 1441\n");
  ck_assert (tnet_plan_load (pp, &error) == NULL);
  ck_assert_msg (strstr (error->message, "plan.ini:8:") && strstr (error->message,
                                                                   "drive_budget_min"),
                 "%s", error->message);
  g_clear_error (&error);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* A malformed units.csv in the network folder fails the report with its
 * location; a folder without the optional files still reports lengths. */
START_TEST (test_report_errors)
{
  Fixture f = fixture_new ();
  tt_write_file (f.dir, "units.csv", "unit,name,counties,seat_node\nU1,x,A,nowhere\n");
  const TnetScenario *scens[] = { f.s2020 };
  GError *error = NULL;
  g_clear_pointer (&f.ds, tnet_dataset_free);
  ck_assert (report_in (f.dir, scens, 1, &f.ds, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "units.csv:2:");
  tt_write_file (f.dir, "units.csv", units_csv);
  tt_write_file (f.dir, "targets.csv", "indicator\n");
  g_clear_pointer (&f.ds, tnet_dataset_free);
  ck_assert (report_in (f.dir, scens, 1, &f.ds, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "targets.csv:1:");

  g_autofree char *units = g_build_filename (f.dir, "units.csv", NULL);
  g_autofree char *targets = g_build_filename (f.dir, "targets.csv", NULL);
  g_unlink (units);
  g_unlink (targets);
  g_clear_pointer (&f.ds, tnet_dataset_free);
  g_autoptr (TnetReport) r = report_in (f.dir, scens, 1, &f.ds, &error);
  ck_assert_msg (r != NULL, "%s", error ? error->message : "");
  ck_assert_double_eq_tol (tnet_report_get_value (r, 0, "expressway_km"), 18, 1e-9);
  ck_assert (isnan (tnet_report_get_value (r, 0, "county_units_2_expressways_pct")));
  g_autofree char *csv = tnet_report_to_csv (r);
  ck_assert_msg (strstr (csv, "\nexpressway_km,18.0,,\n"), "%s", csv);
  fixture_free (&f);
}
END_TEST

Suite *indicators_suite (void);

Suite *
indicators_suite (void)
{
  Suite *s = suite_create ("indicators");
  TCase *tc = tcase_create ("synthetic");
  tcase_add_test (tc, test_lengths);
  tcase_add_test (tc, test_class_share);
  tcase_add_test (tc, test_unit_lines);
  tcase_add_test (tc, test_interchange_ms);
  tcase_add_test (tc, test_line_count);
  tcase_add_test (tc, test_line_count_bridged);
  tcase_add_test (tc, test_shared_track);
  tcase_add_test (tc, test_upgrade_until);
  tcase_add_test (tc, test_units_loader);
  tcase_add_test (tc, test_targets_loader);
  tcase_add_test (tc, test_report);
  tcase_add_test (tc, test_report_errors);
  tcase_add_test (tc, test_report_commute_timetable);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return tt_run_suite (indicators_suite ());
}
