/* test-commute.c: commute matrices, population shares and isochrones on a
 * hand-made network, against plain Dijkstra over the expanded graphs of the
 * bundled data, and the plan's commute checks on the bundled data. */
#include "tests-common.h"
#include <gio/gio.h>
#include <json-glib/json-glib.h>

/* Car only. o1-d 30 min; o2-m 40 + m-d 30 = 70 min; o2->d2 20 min one way
 * (d2->o2 goes round by m: 25 + 40 = 65); o3 is cut off.
 * Populations 100, 300, 600. */
static const char nodes_csv[] =
  "id,name,kind,lon,lat,region,population\n"
  "o1,O1,zone,113.80,34.00,xuchang,100\n"
  "o2,O2,zone,113.90,34.00,xuchang,300\n"
  "o3,O3,zone,113.70,34.00,xuchang,600\n"
  "m,M,junction,113.85,34.10,xuchang,\n"
  "d,D,zone,113.85,34.30,zhengzhou,\n"
  "d2,D2,place,113.95,34.10,zhengzhou,\n";
static const char links_csv[] =
  "id,from,to,mode,line,length_km,time_min,oneway\n"
  "a,o1,d,trunk,T1,30,30,\n"
  "b,o2,m,road,R,40,40,\n"
  "c,m,d,expressway,E,30,30,\n"
  "e,o2,d2,road,R2,20,20,1\n"
  "f,d2,m,road,R3,25,25,1\n";

typedef struct {
  char *dir;
  TnetNetwork *net;
  TnetScenario *scen;
  TnetMultimodal *car;
} Tiny;

static Tiny
tiny_new (void)
{
  Tiny t = { tt_mkdtemp (), NULL, tnet_scenario_new (2025), NULL };
  tt_write_file (t.dir, "nodes.csv", nodes_csv);
  tt_write_file (t.dir, "links.csv", links_csv);
  GError *error = NULL;
  t.net = tnet_network_load_csv (t.dir, &error);
  ck_assert_msg (t.net != NULL, "%s", error ? error->message : "");
  TnetProfile car = TNET_PROFILE_CAR;
  ck_assert_msg (tnet_commute_build_graphs (t.net, t.scen, NULL, NULL, &car, 1, &t.car, &error), "%s",
                 error ? error->message : "");
  return t;
}

static void
tiny_free (Tiny *t)
{
  tnet_multimodal_unref (t->car);
  tnet_scenario_free (t->scen);
  tnet_network_free (t->net);
  tt_rm_rf (t->dir);
  g_free (t->dir);
}

static GArray *
select_nodes (const TnetNetwork *net, const char *spec)
{
  GArray *a = g_array_new (FALSE, FALSE, sizeof (TnetId));
  GError *error = NULL;
  ck_assert_msg (tnet_commute_select (net, spec, a, &error), "%s", error ? error->message : "");
  return a;
}

START_TEST (test_tiny_matrix)
{
  Tiny t = tiny_new ();
  g_autoptr (GArray) o = select_nodes (t.net, "region:xuchang");
  g_autoptr (GArray) d = select_nodes (t.net, "d;d2");
  ck_assert_uint_eq (o->len, 3);
  g_autoptr (TnetCommute) c = tnet_commute_compute_within (
      t.net, &t.car, 1, (TnetId *) (void *) o->data, o->len, (TnetId *) (void *) d->data, d->len,
      TNET_COMMUTE_TO, 60 * 60000, NULL, NULL);
  ck_assert_uint_eq (tnet_commute_cell (c, 0, 0, 0)->total_ms, 30 * 60000);
  ck_assert_uint_eq (tnet_commute_cell (c, 0, 1, 0)->total_ms, 70 * 60000);
  ck_assert_uint_eq (tnet_commute_cell (c, 0, 1, 1)->total_ms, 20 * 60000);
  ck_assert_uint_eq (tnet_commute_cell (c, 0, 2, 0)->total_ms, TNET_WEIGHT_INF);
  /* o1 → d2: o1-d 30, d-m 30, m-o2 40, o2->d2 20 (f runs d2->m only) */
  ck_assert_uint_eq (tnet_commute_cell (c, 0, 0, 1)->total_ms, 120 * 60000);
  const TnetCommuteCell *cell = tnet_commute_cell (c, 0, 1, 0);
  ck_assert_uint_eq (cell->in_vehicle_ms, 70 * 60000);
  ck_assert_str_eq (cell->lines[0], "R");
  ck_assert_str_eq (cell->lines[1], "E");
  ck_assert (cell->lines[2] == NULL);
  /* population: total 1000; to d within 60: o1 (100); to d2: o2 (300); any: 400 */
  ck_assert_double_eq_tol (tnet_commute_population_total (c), 1000, 1e-9);
  ck_assert_double_eq_tol (tnet_commute_population_within (c, 0, 0), 100, 1e-9);
  ck_assert_double_eq_tol (tnet_commute_population_within (c, 0, 1), 300, 1e-9);
  ck_assert_double_eq_tol (tnet_commute_share_pct (c, 0, TNET_COMMUTE_ANY), 40, 1e-9);
  /* the budget is inclusive, to the millisecond */
  g_autoptr (TnetCommute) c30 = tnet_commute_compute_within (t.net, &t.car, 1,
      (TnetId *) (void *) o->data, o->len, (TnetId *) (void *) d->data, 1, TNET_COMMUTE_TO,
      30 * 60000, NULL, NULL);
  ck_assert_double_eq_tol (tnet_commute_share_pct (c30, 0, 0), 10, 1e-9);
  g_autoptr (TnetCommute) c29 = tnet_commute_compute_within (t.net, &t.car, 1,
      (TnetId *) (void *) o->data, o->len, (TnetId *) (void *) d->data, 1, TNET_COMMUTE_TO,
      30 * 60000 - 1, NULL, NULL);
  ck_assert_double_eq_tol (tnet_commute_share_pct (c29, 0, 0), 0, 1e-9);
  /* FROM: d2 back to o2 goes round by m (25 + 40) */
  g_autoptr (TnetCommute) back = tnet_commute_compute_within (t.net, &t.car, 1,
      (TnetId *) (void *) o->data, o->len, (TnetId *) (void *) d->data, d->len,
      TNET_COMMUTE_FROM, 60 * 60000, NULL, NULL);
  ck_assert_uint_eq (tnet_commute_cell (back, 0, 1, 1)->total_ms, 65 * 60000);
  ck_assert_uint_eq (tnet_commute_cell (back, 0, 0, 0)->total_ms, 30 * 60000);
  tiny_free (&t);
}
END_TEST

/* A budget of N minutes given to the library in ms (tnet_weight_from_min)
 * judges the cells as `tnet commute --budget N` does: per cell, the
 * command's within_budget against the library's total <= budget, and the
 * population shares against the command's, with the shares also worked
 * out by hand (o1-d 30 min, o2-d 70, o2-d2 20; populations 100, 300 of
 * 1000). Budgets on and just off the cells' times, and a fraction of a
 * minute, whose ms are written out here. */
START_TEST (test_budget_ms_as_cli)
{
  static const struct {
    const char *arg;
    TnetWeight ms;
    double pct_d, pct_d2, pct_any;
  } cases[] = {
    { "20", 1200000, 0, 30, 30 },
    { "29.99", 1799400, 0, 30, 30 },
    { "30", 1800000, 10, 30, 40 },
    { "45.5", 2730000, 10, 30, 40 },
    { "69.999", 4199940, 10, 30, 40 },
    { "70", 4200000, 40, 30, 40 },
  };
  Tiny t = tiny_new ();
  g_autoptr (GArray) o = select_nodes (t.net, "o1;o2;o3");
  g_autoptr (GArray) d = select_nodes (t.net, "d;d2");
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      double minutes = g_ascii_strtod (cases[k].arg, NULL);
      TnetWeight budget_ms = tnet_weight_from_min (minutes);
      ck_assert_uint_eq (budget_ms, cases[k].ms);
      GError *error = NULL;
      g_autoptr (TnetCommute) c = tnet_commute_compute_within (
          t.net, &t.car, 1, (TnetId *) (void *) o->data, o->len, (TnetId *) (void *) d->data,
          d->len, TNET_COMMUTE_TO, budget_ms, NULL, &error);
      ck_assert_msg (c != NULL, "%s", error ? error->message : "");
      ck_assert_uint_eq (tnet_commute_budget_ms (c), cases[k].ms);
      TtRun r = tt_run_tnet ("commute", "--data", t.dir, "--scenario", "2025", "--origins",
                             "o1;o2;o3", "--destinations", "d;d2", "--profiles", "car",
                             "--method", "search", "--budget", cases[k].arg, "--format", "json",
                             NULL);
      ck_assert_msg (r.status == 0, "%s", r.err);
      g_autoptr (JsonParser) parser = json_parser_new ();
      ck_assert_msg (json_parser_load_from_data (parser, r.out, -1, &error), "%s",
                     error ? error->message : "");
      JsonObject *root = json_node_get_object (json_parser_get_root (parser));
      ck_assert_double_eq_tol (json_object_get_double_member (root, "budget_min"), minutes, 1e-9);
      JsonArray *cells = json_object_get_array_member (root, "cells");
      ck_assert_uint_eq (json_array_get_length (cells), 6);
      for (guint i = 0; i < 6; i++)
        {
          JsonObject *cell = json_array_get_object_element (cells, i);
          TnetWeight ms = tnet_commute_cell (c, 0, i / 2, i % 2)->total_ms;
          gboolean in = ms != TNET_WEIGHT_INF && ms <= cases[k].ms;
          ck_assert_msg (json_object_get_boolean_member (cell, "within_budget") == in,
                         "budget %s, cell %u", cases[k].arg, i);
        }
      JsonObject *pop = json_object_get_object_member (
          json_object_get_object_member (root, "population"), "car");
      const double want[3] = { cases[k].pct_d, cases[k].pct_d2, cases[k].pct_any };
      const char *const keys[3] = { "d", "d2", "any" };
      const guint dests[3] = { 0, 1, TNET_COMMUTE_ANY };
      for (guint j = 0; j < 3; j++)
        {
          double cli = json_object_get_double_member (json_object_get_object_member (pop,
                                                                                     keys[j]),
                                                      "pct");
          ck_assert_double_eq_tol (cli, want[j], 1e-9);
          ck_assert_double_eq_tol (tnet_commute_share_pct (c, 0, dests[j]), want[j], 1e-9);
        }
      tt_run_clear (&r);
    }
  tiny_free (&t);
}
END_TEST

/* The cell of @cells (a JSON array) from @origin to @dest. */
static JsonObject *
json_cell (JsonArray *cells, const char *origin, const char *dest)
{
  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      JsonObject *c = json_array_get_object_element (cells, i);
      if (strcmp (json_object_get_string_member (c, "origin"), origin) == 0
          && strcmp (json_object_get_string_member (c, "destination"), dest) == 0)
        return c;
    }
  ck_abort_msg ("no cell %s -> %s", origin, dest);
  return NULL;
}

static JsonObject *
parse_text (JsonParser *parser, const char *text)
{
  GError *error = NULL;
  ck_assert_msg (json_parser_load_from_data (parser, text, -1, &error), "%s: %s",
                 error ? error->message : "", text);
  return json_node_get_object (json_parser_get_root (parser));
}

/* The library's JSON and CSV of the tiny matrix (car, budget 60, to d and
 * d2) against the times worked out by hand above: o1-d 30, o1-d2 120,
 * o2-d 70 by R then E, o2-d2 20, o3 cut off; the population within 60 min
 * 100 of 1000 to d, 300 to d2, 400 to either. The command's form (with a
 * timetable label) and the run's form (a direction, the CSV rows after a
 * direction column) read the same. */
START_TEST (test_tiny_json_csv)
{
  Tiny t = tiny_new ();
  g_autoptr (GArray) o = select_nodes (t.net, "region:xuchang");
  g_autoptr (GArray) d = select_nodes (t.net, "d;d2");
  g_autoptr (TnetCommute) c = tnet_commute_compute_within (
      t.net, &t.car, 1, (TnetId *) (void *) o->data, o->len, (TnetId *) (void *) d->data, d->len,
      TNET_COMMUTE_TO, tnet_weight_from_min (60), NULL, NULL);
  TnetCommuteLabels labels;
  tnet_commute_labels_init (&labels);
  labels.scenario_year = 2025;
  labels.timetable_feed = "gtfs-x";
  labels.timetable_date = 20250102;
  labels.depart_s = 7 * 3600 + 5 * 60 + 30;
  labels.window_ms = 30 * 60000;
  g_autofree char *js = tnet_commute_to_json (c, t.net, &labels);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = parse_text (parser, js);
  ck_assert_int_eq (json_object_get_int_member (root, "scenario"), 2025);
  ck_assert_str_eq (json_object_get_string_member (root, "direction"), "to");
  ck_assert_double_eq (json_object_get_double_member (root, "budget_min"), 60);
  ck_assert_str_eq (json_object_get_string_member (json_object_get_object_member (root, "models"),
                                                   "car"), "network");
  ck_assert_str_eq (json_object_get_string_member (json_object_get_object_member (root,
                                                                                  "methods"),
                                                   "car"), "search");
  JsonObject *tt = json_object_get_object_member (root, "timetable");
  ck_assert_str_eq (json_object_get_string_member (tt, "feed"), "gtfs-x");
  ck_assert_int_eq (json_object_get_int_member (tt, "date"), 20250102);
  ck_assert_str_eq (json_object_get_string_member (tt, "depart"), "07:05");
  ck_assert_int_eq (json_object_get_int_member (tt, "window_min"), 30);
  JsonArray *origins = json_object_get_array_member (root, "origins");
  ck_assert_uint_eq (json_array_get_length (origins), 3);
  JsonObject *o2 = json_array_get_object_element (origins, 1);
  ck_assert_str_eq (json_object_get_string_member (o2, "id"), "o2");
  ck_assert_str_eq (json_object_get_string_member (o2, "name"), "O2");
  ck_assert_double_eq (json_object_get_double_member (o2, "population"), 300);
  ck_assert_uint_eq (json_array_get_length (json_object_get_array_member (root,
                                                                          "destinations")), 2);
  JsonArray *cells = json_object_get_array_member (root, "cells");
  ck_assert_uint_eq (json_array_get_length (cells), 6);
  static const struct { const char *o, *d; double min; } want[] = {
    { "o1", "d", 30 }, { "o1", "d2", 120 }, { "o2", "d", 70 }, { "o2", "d2", 20 },
    { "o3", "d", -1 }, { "o3", "d2", -1 } };
  for (guint k = 0; k < G_N_ELEMENTS (want); k++)
    {
      JsonObject *cell = json_cell (cells, want[k].o, want[k].d);
      JsonNode *m = json_object_get_member (cell, "minutes");
      if (want[k].min < 0)
        {
          ck_assert (JSON_NODE_HOLDS_NULL (m));
          ck_assert (JSON_NODE_HOLDS_NULL (json_object_get_member (cell, "in_vehicle_min")));
        }
      else
        ck_assert_double_eq (json_node_get_double (m), want[k].min);
      ck_assert_int_eq (json_object_get_boolean_member (cell, "within_budget"),
                        want[k].min >= 0 && want[k].min <= 60);
      ck_assert (!json_object_has_member (cell, "percentiles"));   /* no timetable profile */
    }
  JsonObject *o2d = json_cell (cells, "o2", "d");
  ck_assert_double_eq (json_object_get_double_member (o2d, "in_vehicle_min"), 70);
  ck_assert_int_eq (json_object_get_int_member (o2d, "rides"), 0);   /* a drive */
  JsonArray *lines = json_object_get_array_member (o2d, "lines");
  ck_assert_uint_eq (json_array_get_length (lines), 2);
  ck_assert_str_eq (json_array_get_string_element (lines, 0), "R");
  ck_assert_str_eq (json_array_get_string_element (lines, 1), "E");
  JsonObject *pop = json_object_get_object_member (root, "population");
  ck_assert_double_eq (json_object_get_double_member (pop, "total"), 1000);
  JsonObject *car = json_object_get_object_member (pop, "car");
  static const struct { const char *key; double within, pct; } shares[] = {
    { "d", 100, 10 }, { "d2", 300, 30 }, { "any", 400, 40 } };
  for (guint k = 0; k < G_N_ELEMENTS (shares); k++)
    {
      JsonObject *sh = json_object_get_object_member (car, shares[k].key);
      ck_assert_double_eq (json_object_get_double_member (sh, "within"), shares[k].within);
      ck_assert_double_eq (json_object_get_double_member (sh, "pct"), shares[k].pct);
    }
  /* no timetable label: no timetable member */
  TnetCommuteLabels plain;
  tnet_commute_labels_init (&plain);
  g_autofree char *js_plain = tnet_commute_to_json (c, t.net, &plain);
  g_autoptr (JsonParser) parser_plain = json_parser_new ();
  ck_assert (!json_object_has_member (parse_text (parser_plain, js_plain), "timetable"));

  /* the CSV: a row per cell in the same order, minutes to 0.1, empty when
   * unreached */
  g_autofree char *csv = tnet_commute_to_csv (c, t.net);
  g_autoptr (GPtrArray) rows = tt_csv_rows (csv);
  ck_assert_uint_eq (rows->len, 7);
  char **head = rows->pdata[0];
  ck_assert_str_eq (head[0], "profile");
  ck_assert_str_eq (head[3], "minutes");
  ck_assert_str_eq (head[10], "lines");
  for (guint k = 0; k < G_N_ELEMENTS (want); k++)
    {
      char **row = rows->pdata[k + 1];
      ck_assert_str_eq (row[0], "car");
      ck_assert_str_eq (row[1], want[k].o);
      ck_assert_str_eq (row[2], want[k].d);
      if (want[k].min < 0)
        ck_assert_str_eq (row[3], "");
      else
        ck_assert_double_eq (g_ascii_strtod (row[3], NULL), want[k].min);
    }
  ck_assert_str_eq (((char **) rows->pdata[3])[10], "R;E");

  /* the run's form of a direction: the same cells and shares */
  g_autofree char *run_js = tnet_commute_direction_to_json (c, t.net, TNET_COMMUTE_TO);
  g_autoptr (JsonParser) parser_run = json_parser_new ();
  JsonObject *run = parse_text (parser_run, run_js);
  ck_assert_str_eq (json_object_get_string_member (run, "direction"), "to");
  JsonArray *run_cells = json_object_get_array_member (run, "cells");
  ck_assert_uint_eq (json_array_get_length (run_cells), 6);
  for (guint k = 0; k < G_N_ELEMENTS (want); k++)
    {
      JsonObject *cell = json_cell (run_cells, want[k].o, want[k].d);
      JsonNode *m = json_object_get_member (cell, "minutes");
      if (want[k].min < 0)
        ck_assert (JSON_NODE_HOLDS_NULL (m));
      else
        ck_assert_double_eq (json_node_get_double (m), want[k].min);
      ck_assert (!json_object_has_member (cell, "rides"));
      ck_assert (JSON_NODE_HOLDS_ARRAY (json_object_get_member (cell, "lines")));
    }
  ck_assert_double_eq (json_object_get_double_member (run, "population_total"), 1000);
  JsonObject *any = json_object_get_object_member (
    json_object_get_object_member (json_object_get_object_member (run, "population_within"),
                                   "car"), "any");
  ck_assert_double_eq (json_object_get_double_member (any, "population"), 400);
  ck_assert_double_eq (json_object_get_double_member (any, "pct"), 40);
  TnetCsvWriter *w = tnet_csv_writer_new (tnet_commute_direction_csv_header ());
  tnet_commute_direction_add_csv_rows (c, t.net, TNET_COMMUTE_FROM, w);
  g_autofree char *run_csv = tnet_csv_writer_free_to_string (w);
  g_autoptr (GPtrArray) run_rows = tt_csv_rows (run_csv);
  ck_assert_uint_eq (run_rows->len, 7);
  ck_assert_str_eq (((char **) run_rows->pdata[0])[0], "direction");
  char **r3 = run_rows->pdata[3];
  ck_assert_str_eq (r3[0], "from");
  ck_assert_str_eq (r3[1], "car");
  ck_assert_str_eq (r3[2], "o2");
  ck_assert_str_eq (r3[3], "d");
  ck_assert_double_eq (g_ascii_strtod (r3[4], NULL), 70);
  ck_assert_str_eq (r3[10], "R;E");
  ck_assert_str_eq (((char **) run_rows->pdata[5])[4], "");
  tiny_free (&t);
}
END_TEST

START_TEST (test_select)
{
  Tiny t = tiny_new ();
  g_autoptr (GArray) a = select_nodes (t.net, "kind:zone; o1 ;all");
  ck_assert_uint_eq (a->len, 6);  /* no repeats */
  ck_assert_uint_eq (g_array_index (a, TnetId, 0), 0);
  GError *error = NULL;
  g_autoptr (GArray) b = g_array_new (FALSE, FALSE, sizeof (TnetId));
  ck_assert (!tnet_commute_select (t.net, "o1;nowhere", b, &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "'nowhere'");
  ck_assert_uint_eq (b->len, 0);
  ck_assert (!tnet_commute_select (t.net, "region:mars", b, &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "region:mars");
  ck_assert (!tnet_commute_select (t.net, "kind:castle", b, &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "kind:castle");
  ck_assert (!tnet_commute_select (t.net, " ; ", b, &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "empty");
  tiny_free (&t);
}
END_TEST

START_TEST (test_tiny_isochrone)
{
  Tiny t = tiny_new ();
  TnetWeight ms[6];
  TnetId src = tnet_network_find_node (t.net, "o2");
  /* 40 min: o2 (0), m (40), d2 (20); d is at 70 */
  ck_assert_uint_eq (tnet_isochrone_compute (t.car, t.net, &src, 1, 40 * 60000, ms), 3);
  ck_assert_uint_eq (ms[tnet_network_find_node (t.net, "m")], 40 * 60000);
  ck_assert_uint_eq (ms[tnet_network_find_node (t.net, "d")], TNET_WEIGHT_INF);
  ck_assert_uint_eq (tnet_isochrone_compute (t.car, t.net, &src, 1, 40 * 60000 - 1, ms), 2);
  /* start times per source: o2 at 15 min, d at 0, budget 31 min. d 0; o1 30
   * (o1-d 30); m 30 (d-m 30, before o2's 15 + 40); o2 15 (before d-m-o2,
   * 70); d2 35 (o2 + 20) is beyond; o3 is not connected */
  TnetId two[2] = { src, tnet_network_find_node (t.net, "d") };
  TnetWeight off[2] = { 15 * 60000, 0 };
  ck_assert_uint_eq (tnet_isochrone_compute_offsets (t.car, t.net, two, off, 2, 31 * 60000, ms),
                     4);
  ck_assert_uint_eq (ms[two[1]], 0);
  ck_assert_uint_eq (ms[src], 15 * 60000);
  ck_assert_uint_eq (ms[tnet_network_find_node (t.net, "m")], 30 * 60000);
  ck_assert_uint_eq (ms[tnet_network_find_node (t.net, "o1")], 30 * 60000);
  ck_assert_uint_eq (ms[tnet_network_find_node (t.net, "d2")], TNET_WEIGHT_INF);
  /* an offset beyond the budget starts nothing: o2 only by d-m-o2 (70) */
  off[0] = 32 * 60000;
  ck_assert_uint_eq (tnet_isochrone_compute_offsets (t.car, t.net, two, off, 2, 31 * 60000, ms),
                     3);
  ck_assert_uint_eq (ms[src], TNET_WEIGHT_INF);
  /* NULL offsets: tnet_isochrone_compute() */
  ck_assert_uint_eq (tnet_isochrone_compute_offsets (t.car, t.net, &src, NULL, 1, 40 * 60000,
                                                     ms), 3);
  tiny_free (&t);
}
END_TEST

/* ---------- bundled data ---------- */

/* The multimodal graphs of a network loaded from a folder, with the
 * folder's feed for the year and its hubs (as a dataset would give them). */
static gboolean
build_graphs (const TnetNetwork *net, const TnetScenario *scen, const TnetProfile *profiles,
              guint n, TnetMultimodal **g, GError **error)
{
  g_autoptr (TnetFeed) feed = NULL;
  g_autoptr (TnetHubSet) hubs = NULL;
  const char *dir = tnet_network_get_dir (net);
  g_autofree char *path = dir ? tnet_feed_path_for_year (dir, tnet_scenario_get_year (scen))
                          : NULL;
  if (path && !(feed = tnet_feed_load (path, NULL, error)))
    return FALSE;
  GError *local = NULL;
  if (feed && !(hubs = tnet_hub_set_load_for_network (net, &local)) && local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return tnet_commute_build_graphs (net, scen, feed, hubs, profiles, n, g, error);
}

static TnetNetwork *
bundled (void)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  GError *error = NULL;
  TnetNetwork *net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  return net;
}

static const TnetProfile all_profiles[] = {
  TNET_PROFILE_CAR, TNET_PROFILE_TRANSIT, TNET_PROFILE_PARK_AND_RIDE
};

/* Every cell equals a plain forward Dijkstra over the expanded graph, in
 * both directions; an isochrone holds exactly the nodes within budget. */
START_TEST (test_bundled_oracle)
{
  g_autoptr (TnetNetwork) net = bundled ();
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  TnetMultimodal *g[3];
  GError *error = NULL;
  ck_assert_msg (build_graphs (net, scen, all_profiles, 3, g, &error), "%s",
                 error ? error->message : "");
  g_autoptr (GArray) o = select_nodes (net, "region:xuchang");
  g_autoptr (GArray) d = select_nodes (net, "zz_center;zz_east_station;airport_center");
  for (int dir = 0; dir < 2; dir++)
    {
      g_autoptr (TnetCommute) c = tnet_commute_compute_within (
          net, g, 3, (TnetId *) (void *) o->data, o->len, (TnetId *) (void *) d->data, d->len,
          dir ? TNET_COMMUTE_FROM : TNET_COMMUTE_TO, 60 * 60000, NULL, NULL);
      for (guint p = 0; p < 3; p++)
        {
          /* the defaults (no options): searches, with parts, below
           * TNET_COMMUTE_M2M_MIN_DESTINATIONS destinations */
          ck_assert_int_eq (tnet_commute_method (c, p), TNET_COMMUTE_METHOD_SEARCH);
          g_autoptr (TnetSearch) s = tnet_search_new (tnet_multimodal_get_graph (g[p]));
          for (guint i = 0; i < o->len; i++)
            {
              TnetId on = g_array_index (o, TnetId, i);
              for (guint k = 0; k < d->len; k++)
                {
                  TnetId dn = g_array_index (d, TnetId, k);
                  TnetId from = dir ? dn : on, to = dir ? on : dn;
                  tnet_search_run (s, tnet_multimodal_get_metric (g[p]),
                                   tnet_multimodal_origin_node (g[p], from), TNET_FORWARD,
                                   TNET_WEIGHT_INF, TNET_ID_NONE);
                  TnetWeight want = tnet_search_distance (s, tnet_multimodal_destination_node (g[p], to));
                  const TnetCommuteCell *cell = tnet_commute_cell (c, p, i, k);
                  ck_assert_uint_eq (cell->total_ms, want);
                  if (want != TNET_WEIGHT_INF)
                    ck_assert_uint_eq (cell->access_ms + cell->wait_ms + cell->in_vehicle_ms
                                       + cell->transfer_ms + cell->egress_ms, want);
                }
            }
        }
    }
  /* isochrone from 魏都区 by transit, 45 min */
  TnetId src = tnet_network_find_node (net, "z_weidu");
  guint n = tnet_network_n_nodes (net);
  g_autofree TnetWeight *ms = g_new (TnetWeight, n);
  TnetWeight budget = 45 * 60000;
  guint count = tnet_isochrone_compute (g[1], net, &src, 1, budget, ms);
  g_autoptr (TnetSearch) s = tnet_search_new (tnet_multimodal_get_graph (g[1]));
  tnet_search_run (s, tnet_multimodal_get_metric (g[1]), tnet_multimodal_origin_node (g[1], src),
                   TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
  guint expected = 0;
  for (TnetId v = 0; v < n; v++)
    {
      TnetWeight t = tnet_search_distance (s, tnet_multimodal_destination_node (g[1], v));
      gboolean in = t <= budget;
      expected += in;
      ck_assert_uint_eq (ms[v], in ? t : TNET_WEIGHT_INF);
    }
  ck_assert_uint_eq (count, expected);
  ck_assert_uint_gt (count, 5);
  ck_assert_uint_lt (count, n);
  for (guint p = 0; p < 3; p++)
    tnet_multimodal_unref (g[p]);
}
END_TEST

/* The plan's checks: shares do not fall from 2020 to 2025 for any profile,
 * the Zhengzhou–Xuchang line carries some zone's fastest 2025 transit
 * journey, and transit from the city takes what the feed gives by hand. */
START_TEST (test_bundled_plan)
{
  g_autoptr (TnetNetwork) net = bundled ();
  g_autoptr (GArray) o = select_nodes (net, "region:xuchang");
  g_autoptr (GArray) d = select_nodes (net, "zz_center");
  double share[2][3];
  gboolean zx_used = FALSE;
  double weidu_transit[2] = { 0, 0 };
  for (int y = 0; y < 2; y++)
    {
      g_autoptr (TnetScenario) scen = tnet_scenario_new (y ? 2025 : 2020);
      TnetMultimodal *g[3];
      GError *error = NULL;
      ck_assert_msg (build_graphs (net, scen, all_profiles, 3, g, &error), "%s",
                     error ? error->message : "");
      g_autoptr (TnetCommute) c = tnet_commute_compute_within (
          net, g, 3, (TnetId *) (void *) o->data, o->len, (TnetId *) (void *) d->data, d->len,
          TNET_COMMUTE_TO, 60 * 60000, NULL, NULL);
      for (guint p = 0; p < 3; p++)
        share[y][p] = tnet_commute_share_pct (c, p, 0);
      for (guint i = 0; i < o->len; i++)
        {
          const TnetCommuteCell *cell = tnet_commute_cell (c, 1, i, 0);
          if (g_array_index (o, TnetId, i) == tnet_network_find_node (net, "z_weidu"))
            weidu_transit[y] = cell->total_ms / 60000.0;
          for (guint k = 0; y == 1 && cell->lines[k]; k++)
            zx_used |= strcmp (cell->lines[k], "郑许市域铁路") == 0;
        }
      for (guint p = 0; p < 3; p++)
        tnet_multimodal_unref (g[p]);
    }
  for (guint p = 0; p < 3; p++)
    ck_assert_msg (share[1][p] >= share[0][p], "profile %u: %.1f %% (2025) < %.1f %% (2020)",
                   p, share[1][p], share[0][p]);
  ck_assert (zx_used);
  /* 魏都区 → zz_center by transit, worked out by hand from the bundled
   * files: the 15-min access link to 许昌东 (a_z_weidu__xc_east_hsr), half
   * the 京广高铁 headway as wait (frequencies.txt: 1200 s in 2020, 900 s in
   * 2025), 23 min to 郑州东站 (stop_times.txt: 07:18 -> 07:41) and the 30-min
   * taxi link on (a_zz_east__center_taxi): 15 + 10 + 23 + 30 = 78.0 and
   * 15 + 7.5 + 23 + 30 = 75.5. Metro line 1 from 郑州东站 would take
   * 5 (transfers.txt) + >= 2.25 (half of 270 s) + 25.6 + 8 min > 30, and the
   * other lines into Zhengzhou wait longer (郑渝 >= 22.5, 郑合 >= 30,
   * 京广铁路 45 min) for at least as long a ride: the README's table and the
   * case test_cli_json of the data-regression suite spell out the rest. */
  ck_assert_msg (fabs (weidu_transit[0] - 78.0) < 1e-9, "%.2f", weidu_transit[0]);
  ck_assert_msg (fabs (weidu_transit[1] - 75.5) < 1e-9, "%.2f", weidu_transit[1]);
  ck_assert_msg (weidu_transit[1] <= weidu_transit[0], "%.1f > %.1f", weidu_transit[1],
                 weidu_transit[0]);
}
END_TEST

/* ---------- many-to-many ---------- */

/* Whether the shortest path in @mm's graph from the node @fwd ran from to
 * @b is unique: no arc is tight (d(a, u) + w(u, v) + d(v, b) equal to the
 * distance) but those of one path. @to_b: distances to @b by a backward
 * search. An independent count, on the search's trees alone. */
static gboolean
unique_path (TnetMultimodal *mm, const TnetSearch *fwd, const TnetWeight *to_b, TnetId b)
{
  TnetGraph *g = tnet_multimodal_get_graph (mm);
  const TnetMetric *metric = tnet_multimodal_get_metric (mm);
  guint n = tnet_graph_n_nodes (g), m = tnet_graph_n_arcs (g);
  TnetWeight d = tnet_search_distance (fwd, b);
  g_autofree TnetId *path = g_new (TnetId, n + 1);
  guint len = tnet_search_path (fwd, b, path, n + 1);
  guint tight = 0;
  for (TnetId a = 0; a < m && tight <= len; a++)
    {
      TnetWeight du = tnet_search_distance (fwd, tnet_graph_arc_tail (g, a));
      TnetWeight dv = to_b[tnet_graph_arc_head (g, a)];
      tight += du != TNET_WEIGHT_INF && dv != TNET_WEIGHT_INF
               && (guint64) du + tnet_metric_weight (metric, a) + dv == d;
    }
  return tight == len;
}

/* Asserts that @m (many-to-many) has exactly the totals of @s (searches)
 * and parts that add up to them; where the journey's shortest path is
 * unique (unique_path(), by searches of its own over each profile's graph
 * @g), the same parts, rides and lines as @s. @o, @d: the origins and
 * destinations both were computed for, in direction @dir. Returns the
 * number of cells compared part by part. */
static guint
assert_same_cells (const TnetCommute *s, const TnetCommute *m, TnetMultimodal *const *g,
                   const GArray *o, const GArray *d, TnetCommuteDirection dir)
{
  guint n_unique = 0;
  ck_assert_uint_eq (tnet_commute_n_profiles (s), tnet_commute_n_profiles (m));
  for (guint p = 0; p < tnet_commute_n_profiles (s); p++)
    {
      ck_assert_int_eq (tnet_commute_method (s, p), TNET_COMMUTE_METHOD_SEARCH);
      ck_assert_int_eq (tnet_commute_method (m, p), TNET_COMMUTE_METHOD_M2M);
      ck_assert (tnet_commute_has_parts (s, p));
      ck_assert (tnet_commute_has_parts (m, p));
      /* journeys start at the origins (TO) or at the destinations (FROM) */
      const GArray *starts = dir == TNET_COMMUTE_TO ? o : d;
      const GArray *ends = dir == TNET_COMMUTE_TO ? d : o;
      TnetGraph *graph = tnet_multimodal_get_graph (g[p]);
      const TnetMetric *metric = tnet_multimodal_get_metric (g[p]);
      guint n = tnet_graph_n_nodes (graph);
      g_autofree TnetWeight *to_end = g_new (TnetWeight, (gsize) MAX (ends->len, 1) * n);
      g_autoptr (TnetSearch) search = tnet_search_new (graph);
      for (guint k = 0; k < ends->len; k++)
        {
          TnetId b = tnet_multimodal_destination_node (g[p], g_array_index (ends, TnetId, k));
          tnet_search_run (search, metric, b, TNET_BACKWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
          for (TnetId v = 0; v < n; v++)
            to_end[(gsize) k * n + v] = tnet_search_distance (search, v);
        }
      for (guint i = 0; i < starts->len; i++)
        {
          TnetId a = tnet_multimodal_origin_node (g[p], g_array_index (starts, TnetId, i));
          tnet_search_run (search, metric, a, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
          for (guint k = 0; k < ends->len; k++)
            {
              guint oi = dir == TNET_COMMUTE_TO ? i : k, di = dir == TNET_COMMUTE_TO ? k : i;
              const TnetCommuteCell *x = tnet_commute_cell (s, p, oi, di);
              const TnetCommuteCell *y = tnet_commute_cell (m, p, oi, di);
              ck_assert_msg (x->total_ms == y->total_ms, "p %u o %u d %u: %u != %u", p, oi,
                             di, x->total_ms, y->total_ms);
              ck_assert (y->lines != NULL);
              if (y->total_ms == TNET_WEIGHT_INF)
                {
                  ck_assert_uint_eq (y->access_ms + y->wait_ms + y->in_vehicle_ms
                                     + y->transfer_ms + y->egress_ms + y->n_rides, 0);
                  ck_assert (y->lines[0] == NULL);
                  continue;
                }
              ck_assert_uint_eq (y->access_ms + y->wait_ms + y->in_vehicle_ms + y->transfer_ms
                                 + y->egress_ms, y->total_ms);
              TnetId b = tnet_multimodal_destination_node (g[p],
                                                           g_array_index (ends, TnetId, k));
              if (!unique_path (g[p], search, to_end + (gsize) k * n, b))
                continue;
              n_unique++;
              ck_assert_msg (x->access_ms == y->access_ms && x->wait_ms == y->wait_ms
                             && x->in_vehicle_ms == y->in_vehicle_ms
                             && x->transfer_ms == y->transfer_ms
                             && x->egress_ms == y->egress_ms && x->n_rides == y->n_rides,
                             "p %u o %u d %u: parts differ", p, oi, di);
              guint l = 0;
              for (; x->lines[l] && y->lines[l]; l++)
                ck_assert_str_eq (x->lines[l], y->lines[l]);
              ck_assert (x->lines[l] == NULL && y->lines[l] == NULL);
            }
        }
      for (guint k = 0; k <= tnet_commute_n_destinations (s); k++)
        {
          guint dd = k == tnet_commute_n_destinations (s) ? TNET_COMMUTE_ANY : k;
          ck_assert_double_eq (tnet_commute_population_within (s, p, dd),
                               tnet_commute_population_within (m, p, dd));
        }
    }
  return n_unique;
}

static TnetCommute *
compute_method (const TnetNetwork *net, TnetMultimodal *const *g, guint n_g, const GArray *o,
                const GArray *d, TnetCommuteDirection dir, TnetCommuteMethod method)
{
  TnetCommuteOptions opts;
  tnet_commute_options_init (&opts);
  opts.method = method;
  GError *error = NULL;
  TnetCommute *c = tnet_commute_compute_within (net, g, n_g, (const TnetId *) (void *) o->data,
                                                o->len, (const TnetId *) (void *) d->data,
                                                d->len, dir, 60 * 60000, &opts, &error);
  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
  return c;
}

START_TEST (test_m2m_tiny)
{
  Tiny t = tiny_new ();
  g_autoptr (GArray) o = select_nodes (t.net, "all");
  g_autoptr (GArray) d = select_nodes (t.net, "d;d2;o1");
  for (int dir = 0; dir < 2; dir++)
    {
      g_autoptr (TnetCommute) s = compute_method (t.net, &t.car, 1, o, d, dir,
                                                  TNET_COMMUTE_METHOD_SEARCH);
      g_autoptr (TnetCommute) m = compute_method (t.net, &t.car, 1, o, d, dir,
                                                  TNET_COMMUTE_METHOD_M2M);
      /* every path of the tiny network is unique */
      guint reached = 0;
      for (guint i = 0; i < o->len; i++)
        for (guint k = 0; k < d->len; k++)
          reached += tnet_commute_cell (s, 0, i, k)->total_ms != TNET_WEIGHT_INF;
      ck_assert_uint_eq (assert_same_cells (s, m, &t.car, o, d, dir), reached);
    }
  g_autoptr (TnetCommute) m = compute_method (t.net, &t.car, 1, o, d, TNET_COMMUTE_FROM,
                                              TNET_COMMUTE_METHOD_M2M);
  /* d2 back to o2 goes round by m (25 + 40); o3 is cut off */
  ck_assert_uint_eq (tnet_commute_cell (m, 0, 1, 1)->total_ms, 65 * 60000);
  ck_assert_uint_eq (tnet_commute_cell (m, 0, 2, 0)->total_ms, TNET_WEIGHT_INF);
  ck_assert_uint_eq (tnet_commute_cell (m, 0, 0, 2)->total_ms, 0);
  /* by hand: d2 -> o2 drives R3 to m, then R (in_vehicle 65 min); d -> o1
   * drives T1 */
  const TnetCommuteCell *c11 = tnet_commute_cell (m, 0, 1, 1);
  ck_assert_uint_eq (c11->in_vehicle_ms, 65 * 60000);
  ck_assert_str_eq (c11->lines[0], "R3");
  ck_assert_str_eq (c11->lines[1], "R");
  ck_assert (c11->lines[2] == NULL);
  ck_assert_str_eq (tnet_commute_cell (m, 0, 0, 0)->lines[0], "T1");
  /* totals only: no parts by either method, the same totals */
  for (TnetCommuteMethod k = TNET_COMMUTE_METHOD_SEARCH; k <= TNET_COMMUTE_METHOD_M2M; k++)
    {
      TnetCommuteOptions opts;
      tnet_commute_options_init (&opts);
      opts.method = k;
      opts.totals_only = TRUE;
      g_autoptr (TnetCommute) tot = tnet_commute_compute_within (
          t.net, &t.car, 1, (const TnetId *) (void *) o->data, o->len,
          (const TnetId *) (void *) d->data, d->len, TNET_COMMUTE_FROM, 60 * 60000, &opts,
          NULL);
      ck_assert (!tnet_commute_has_parts (tot, 0));
      for (guint i = 0; i < o->len; i++)
        for (guint j = 0; j < d->len; j++)
          {
            const TnetCommuteCell *x = tnet_commute_cell (tot, 0, i, j);
            ck_assert_uint_eq (x->total_ms, tnet_commute_cell (m, 0, i, j)->total_ms);
            ck_assert_uint_eq (x->in_vehicle_ms + x->n_rides, 0);
            ck_assert (x->lines[0] == NULL);
          }
    }
  /* few destinations: auto searches */
  g_autoptr (TnetCommute) a = compute_method (t.net, &t.car, 1, o, d, TNET_COMMUTE_TO,
                                              TNET_COMMUTE_METHOD_AUTO);
  ck_assert_int_eq (tnet_commute_method (a, 0), TNET_COMMUTE_METHOD_SEARCH);
  ck_assert_str_eq (tnet_commute_cell (a, 0, 0, 0)->lines[0], "T1");
  /* method names */
  TnetCommuteMethod x;
  for (TnetCommuteMethod k = TNET_COMMUTE_METHOD_AUTO; k <= TNET_COMMUTE_METHOD_M2M; k++)
    {
      ck_assert (tnet_commute_method_from_string (tnet_commute_method_to_string (k), &x));
      ck_assert_int_eq (x, k);
    }
  ck_assert (!tnet_commute_method_from_string ("bucket", &x));
  tiny_free (&t);
}
END_TEST

typedef struct {
  guint calls;
  GCancellable *cancel;   /* cancelled by the first report */
} StopAtOnce;

static void
stop_at_once (guint64 done, guint64 total, const char *what, const char *unit, gpointer data)
{
  StopAtOnce *st = data;
  ck_assert_str_eq (what, "CH build");
  ck_assert_str_eq (unit, "nodes");
  ck_assert_uint_gt (done, 0);
  ck_assert_uint_le (done, total);
  st->calls++;
  g_cancellable_cancel (st->cancel);
}

/* The hierarchy's build stops where its cancellable, cancelled by the
 * first report, is checked; one cancelled before stops it without any
 * progress function; either way no matrix. */
START_TEST (test_m2m_cancel)
{
  Tiny t = tiny_new ();
  g_autoptr (GArray) o = select_nodes (t.net, "all");
  TnetCommuteOptions opts;
  tnet_commute_options_init (&opts);
  opts.method = TNET_COMMUTE_METHOD_M2M;
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  StopAtOnce st = { 0, cancel };
  opts.progress = stop_at_once;
  opts.progress_data = &st;
  opts.cancellable = cancel;
  GError *error = NULL;
  TnetCommute *c = tnet_commute_compute_within (t.net, &t.car, 1, (TnetId *) (void *) o->data,
                                                o->len, (TnetId *) (void *) o->data, o->len,
                                                TNET_COMMUTE_TO, 60 * 60000, &opts, &error);
  ck_assert (c == NULL);
  ck_assert_uint_eq (st.calls, 1);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_clear_error (&error);
  opts.progress = NULL;
  c = tnet_commute_compute_within (t.net, &t.car, 1, (TnetId *) (void *) o->data, o->len,
                                   (TnetId *) (void *) o->data, o->len, TNET_COMMUTE_TO,
                                   60 * 60000, &opts, &error);
  ck_assert (c == NULL);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_clear_error (&error);
  /* uncancelled: the matrix */
  g_autoptr (GCancellable) idle = g_cancellable_new ();
  opts.cancellable = idle;
  c = tnet_commute_compute_within (t.net, &t.car, 1, (TnetId *) (void *) o->data, o->len,
                                   (TnetId *) (void *) o->data, o->len, TNET_COMMUTE_TO,
                                   60 * 60000, &opts, &error);
  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
  tnet_commute_free (c);
  tiny_free (&t);
}
END_TEST

/* Seeded random road networks: zones (with access links), junctions, one-
 * and two-way links of several modes, some nodes cut off; every node to
 * every node both ways. Above the threshold, auto picks many-to-many. */
START_TEST (test_m2m_random)
{
  static const char *modes[] = { "road", "trunk", "expressway", "access" };
  for (guint seed = 1; seed <= 6; seed++)
    {
      GRand *r = g_rand_new_with_seed (seed * 7919);
      guint n = seed == 6 ? TNET_COMMUTE_M2M_MIN_DESTINATIONS + 5 : 20 + seed * 15;
      g_autoptr (GString) nodes = g_string_new ("id,name,kind,lon,lat,region,population\n");
      g_autoptr (GString) links = g_string_new ("id,from,to,mode,line,length_km,time_min,oneway\n");
      for (guint v = 0; v < n; v++)
        {
          gboolean zone = g_rand_int_range (r, 0, 3) == 0;
          g_string_append_printf (nodes, "n%u,N%u,%s,%.4f,%.4f,r,%d\n", v, v,
                                  zone ? "zone" : "junction",
                                  113.5 + g_rand_double (r), 34 + g_rand_double (r),
                                  zone ? g_rand_int_range (r, 0, 1000) : 0);
        }
      guint n_links = n * 2 + n / 2;
      for (guint k = 0; k < n_links; k++)
        {
          guint a = g_rand_int_range (r, 0, n), b = g_rand_int_range (r, 0, n);
          if (a == b)
            continue;
          g_string_append_printf (links, "l%u,n%u,n%u,%s,L%u,%d,%d,%s\n", k, a, b,
                                  modes[g_rand_int_range (r, 0, 4)], k % 7,
                                  g_rand_int_range (r, 1, 30), g_rand_int_range (r, 1, 40),
                                  g_rand_int_range (r, 0, 3) == 0 ? "1" : "");
        }
      g_rand_free (r);
      g_autofree char *dir = tt_mkdtemp ();
      tt_write_file (dir, "nodes.csv", nodes->str);
      tt_write_file (dir, "links.csv", links->str);
      GError *error = NULL;
      g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
      ck_assert_msg (net != NULL, "%s", error ? error->message : "");
      g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
      TnetProfile car = TNET_PROFILE_CAR;
      TnetMultimodal *g;
      ck_assert (build_graphs (net, scen, &car, 1, &g, &error));
      g_autoptr (GArray) all = select_nodes (net, "all");
      for (int d = 0; d < 2; d++)
        {
          g_autoptr (TnetCommute) s = compute_method (net, &g, 1, all, all, d,
                                                      TNET_COMMUTE_METHOD_SEARCH);
          g_autoptr (TnetCommute) m = compute_method (net, &g, 1, all, all, d,
                                                      seed == 6 ? TNET_COMMUTE_METHOD_AUTO
                                                      : TNET_COMMUTE_METHOD_M2M);
          assert_same_cells (s, m, &g, all, all, d);
        }
      tnet_multimodal_unref (g);
      tt_rm_rf (dir);
    }
}
END_TEST

/* The bundled data, three profiles, both directions: every zone to the
 * Zhengzhou destinations and to every zone. */
START_TEST (test_m2m_bundled)
{
  g_autoptr (TnetNetwork) net = bundled ();
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  TnetMultimodal *g[3];
  GError *error = NULL;
  ck_assert_msg (build_graphs (net, scen, all_profiles, 3, g, &error), "%s",
                 error ? error->message : "");
  g_autoptr (GArray) o = select_nodes (net, "region:xuchang");
  g_autoptr (GArray) d = select_nodes (net, "zz_center;zz_east_station;airport_center");
  g_autoptr (GArray) zones = select_nodes (net, "kind:zone");
  for (int dir = 0; dir < 2; dir++)
    {
      g_autoptr (TnetCommute) s = compute_method (net, g, 3, o, d, dir,
                                                  TNET_COMMUTE_METHOD_SEARCH);
      g_autoptr (TnetCommute) m = compute_method (net, g, 3, o, d, dir,
                                                  TNET_COMMUTE_METHOD_M2M);
      /* 81 cells; 77 (TO) and 81 (FROM) with a unique path when written */
      ck_assert_uint_ge (assert_same_cells (s, m, g, o, d, dir), 60);
      g_autoptr (TnetCommute) s2 = compute_method (net, g, 3, zones, zones, dir,
                                                   TNET_COMMUTE_METHOD_SEARCH);
      g_autoptr (TnetCommute) m2 = compute_method (net, g, 3, zones, zones, dir,
                                                   TNET_COMMUTE_METHOD_M2M);
      /* 1103 with a unique path when written */
      ck_assert_uint_ge (assert_same_cells (s2, m2, g, zones, zones, dir), 800);
    }
  for (guint p = 0; p < 3; p++)
    tnet_multimodal_unref (g[p]);
}
END_TEST

/* Scenario closures by customisation: the closed scenario's graphs take
 * their hierarchy from the open year's CCH (tnet_multimodal_set_ch_base),
 * and every cell equals the searches (Dijkstra) on the closed graph, parts
 * included where the path is unique; the closures change some totals. A
 * scenario that opens links the base lacks, or another profile, is
 * refused and builds as before. */
START_TEST (test_closure_customized)
{
  g_autoptr (TnetNetwork) net = bundled ();
  g_autoptr (TnetScenario) open25 = tnet_scenario_new (2025);
  g_autoptr (TnetScenario) closed = tnet_scenario_new (2025);
  tnet_scenario_close_link (closed, "l_g4_03");
  tnet_scenario_close_link (closed, "l_g4_cg_n");
  tnet_scenario_close_line (closed, "京广高铁");
  TnetMultimodal *base[3], *g[3];
  GError *error = NULL;
  ck_assert_msg (build_graphs (net, open25, all_profiles, 3, base, &error), "%s",
                 error ? error->message : "");
  ck_assert_msg (build_graphs (net, closed, all_profiles, 3, g, &error), "%s",
                 error ? error->message : "");
  for (guint p = 0; p < 3; p++)
    {
      ck_assert (tnet_multimodal_set_ch_base (g[p], base[p]));
      ck_assert (!tnet_multimodal_ch_customized (g[p]));
      ck_assert (!tnet_multimodal_set_ch_base (g[p], base[(p + 1) % 3]));
      ck_assert (!tnet_multimodal_set_ch_base (g[p], g[p]));
    }
  g_autoptr (GArray) zones = select_nodes (net, "kind:zone");
  guint changed = 0;
  for (int dir = 0; dir < 2; dir++)
    {
      g_autoptr (TnetCommute) s = compute_method (net, g, 3, zones, zones, dir,
                                                  TNET_COMMUTE_METHOD_SEARCH);
      g_autoptr (TnetCommute) m = compute_method (net, g, 3, zones, zones, dir,
                                                  TNET_COMMUTE_METHOD_M2M);
      g_autoptr (TnetCommute) o = compute_method (net, base, 3, zones, zones, dir,
                                                  TNET_COMMUTE_METHOD_SEARCH);
      for (guint p = 0; p < 3; p++)
        ck_assert (tnet_multimodal_ch_customized (g[p]));
      ck_assert_uint_ge (assert_same_cells (s, m, g, zones, zones, dir), 800);
      for (guint p = 0; p < 3; p++)
        for (guint i = 0; i < zones->len; i++)
          for (guint k = 0; k < zones->len; k++)
            changed += tnet_commute_cell (s, p, i, k)->total_ms
                       != tnet_commute_cell (o, p, i, k)->total_ms;
    }
  ck_assert_uint_gt (changed, 0);
  /* 2025 opens links 2020 lacks: not a base for it */
  g_autoptr (TnetScenario) y2020 = tnet_scenario_new (2020);
  TnetMultimodal *old;
  TnetProfile car = TNET_PROFILE_CAR;
  ck_assert (build_graphs (net, y2020, &car, 1, &old, &error));
  TnetMultimodal *fresh;
  ck_assert (build_graphs (net, open25, &car, 1, &fresh, &error));
  ck_assert (!tnet_multimodal_set_ch_base (fresh, old));
  tnet_multimodal_unref (old);
  tnet_multimodal_unref (fresh);
  for (guint p = 0; p < 3; p++)
    {
      tnet_multimodal_unref (g[p]);
      tnet_multimodal_unref (base[p]);
    }
}
END_TEST

/* `tnet commute --format geojson` against `--format csv` of the same
 * command, cell by cell: profile, origin, destination and minutes (null
 * where the CSV is empty), within_budget recomputed from the minutes, and
 * each LineString from the origin's point to the destination's. */
START_TEST (test_cli_geojson)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (data, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  const char *args[] = { "commute", "--origins", "region:xuchang", "--destinations",
                         "zz_center;z_yuzhou", "--profiles", "car;transit", "--budget", "45",
                         "--data", data, "--format", "csv", NULL };
  TtRun r = tt_run_tnetv (args);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (GPtrArray) rows = tt_csv_rows (r.out);
  tt_run_clear (&r);
  args[12] = "geojson";
  r = tt_run_tnetv (args);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (JsonParser) parser = json_parser_new ();
  ck_assert_msg (json_parser_load_from_data (parser, r.out, -1, &error), "%s",
                 error ? error->message : "");
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  ck_assert_str_eq (json_object_get_string_member (root, "type"), "FeatureCollection");
  ck_assert_double_eq (json_object_get_double_member (json_object_get_object_member (root,
                                                                                    "properties"),
                                                      "budget_min"), 45);
  JsonArray *features = json_object_get_array_member (root, "features");
  ck_assert_uint_gt (rows->len, 4);
  ck_assert_uint_eq (json_array_get_length (features), rows->len - 1);
  guint within = 0, lines = 0;
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      char **row = rows->pdata[i + 1];  /* profile,origin,destination,minutes,... */
      JsonObject *f = json_array_get_object_element (features, i);
      JsonObject *p = json_object_get_object_member (f, "properties");
      ck_assert_str_eq (json_object_get_string_member (p, "profile"), row[0]);
      ck_assert_str_eq (json_object_get_string_member (p, "origin"), row[1]);
      ck_assert_str_eq (json_object_get_string_member (p, "destination"), row[2]);
      JsonNode *mn = json_object_get_member (p, "minutes");
      gboolean in = FALSE;
      if (*row[3] == '\0')
        ck_assert (JSON_NODE_HOLDS_NULL (mn));
      else
        {
          double m = g_ascii_strtod (row[3], NULL);
          ck_assert_double_eq_tol (json_node_get_double (mn), m, 1e-9);
          /* the CSV rounds to 0.1 min: only a time well inside or outside
           * the budget tells */
          if (m < 44.95 || m > 45.05)
            ck_assert_int_eq (json_object_get_boolean_member (p, "within_budget"), m < 45);
          in = json_object_get_boolean_member (p, "within_budget");
        }
      within += in;
      const TnetNode *o = tnet_network_node (net, tnet_network_find_node (net, row[1]));
      const TnetNode *d = tnet_network_node (net, tnet_network_find_node (net, row[2]));
      ck_assert_double_eq (json_object_get_double_member (p, "origin_population"),
                           o->population);
      JsonNode *gn = json_object_get_member (f, "geometry");
      if (o == d)
        {
          ck_assert (JSON_NODE_HOLDS_NULL (gn));
          continue;
        }
      JsonObject *g = json_node_get_object (gn);
      ck_assert_str_eq (json_object_get_string_member (g, "type"), "LineString");
      JsonArray *c = json_object_get_array_member (g, "coordinates");
      ck_assert_uint_eq (json_array_get_length (c), 2);
      const TnetNode *ends[2] = { o, d };
      for (guint k = 0; k < 2; k++)
        {
          JsonArray *pt = json_array_get_array_element (c, k);
          ck_assert_double_eq_tol (json_array_get_double_element (pt, 0), ends[k]->lon, 6e-7);
          ck_assert_double_eq_tol (json_array_get_double_element (pt, 1), ends[k]->lat, 6e-7);
        }
      lines++;
    }
  ck_assert_uint_gt (within, 0);
  ck_assert_uint_gt (lines, 0);
  tt_run_clear (&r);
}
END_TEST

Suite *commute_suite (void);

Suite *
commute_suite (void)
{
  Suite *s = suite_create ("commute");
  TCase *tc = tcase_create ("commute");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_tiny_matrix);
  tcase_add_test (tc, test_budget_ms_as_cli);
  tcase_add_test (tc, test_tiny_json_csv);
  tcase_add_test (tc, test_select);
  tcase_add_test (tc, test_tiny_isochrone);
  tcase_add_test (tc, test_bundled_oracle);
  tcase_add_test (tc, test_bundled_plan);
  tcase_add_test (tc, test_m2m_tiny);
  tcase_add_test (tc, test_m2m_cancel);
  tcase_add_test (tc, test_m2m_random);
  tcase_add_test (tc, test_m2m_bundled);
  tcase_add_test (tc, test_closure_customized);
  tcase_add_test (tc, test_cli_geojson);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return tt_run_suite (commute_suite ());
}
