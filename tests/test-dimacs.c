/* test-dimacs.c: DIMACS .gr/.co files and PACE 2016 topologies. */
#include "tests-common.h"
#include <stdio.h>

/* rome99: 3353 nodes and 8870 arcs (its problem line and
 * tests/data/rome99/PROVENANCE); weights 1..12711 summing to 4721692, as
 * the test's own reading of the "a" lines (below) confirms. */
START_TEST (test_rome99)
{
  g_autofree char *path = tt_data_path ("rome99/rome99.gr");
  GError *error = NULL;
  g_autoptr (TnetArcList) list = tnet_dimacs_load (path, NULL, &error);
  ck_assert_msg (list != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (list->n_nodes, 3353);
  ck_assert_uint_eq (list->n_arcs, 8870);
  ck_assert_ptr_null (list->lonlat);
  guint64 sum = 0;
  TnetWeight lo = TNET_WEIGHT_INF, hi = 0;
  for (guint k = 0; k < list->n_arcs; k++)
    {
      ck_assert_uint_lt (list->tails[k], 3353);
      ck_assert_uint_lt (list->heads[k], 3353);
      sum += list->weights[k];
      lo = MIN (lo, list->weights[k]);
      hi = MAX (hi, list->weights[k]);
    }
  ck_assert_uint_eq (sum, 4721692);
  ck_assert_uint_eq (lo, 1);
  ck_assert_uint_eq (hi, 12711);
  {
    /* an independent reading of the file: every "a U V W" line in order */
    g_autofree char *raw = NULL;
    ck_assert (g_file_get_contents (path, &raw, NULL, NULL));
    g_auto (GStrv) rl = g_strsplit (raw, "\n", -1);
    guint k = 0;
    guint64 own_sum = 0;
    for (guint i = 0; rl[i]; i++)
      {
        unsigned u, v, w;
        if (sscanf (rl[i], "a %u %u %u", &u, &v, &w) != 3)
          continue;
        ck_assert_uint_lt (k, list->n_arcs);
        ck_assert_uint_eq (list->tails[k], u - 1);
        ck_assert_uint_eq (list->heads[k], v - 1);
        ck_assert_uint_eq (list->weights[k], w);
        own_sum += w;
        k++;
      }
    ck_assert_uint_eq (k, 8870);
    ck_assert_uint_eq (own_sum, 4721692);
  }
  /* first arc: "a 2958 2959 535" (1-based in the file) */
  ck_assert_uint_eq (list->tails[0], 2957);
  ck_assert_uint_eq (list->heads[0], 2958);
  ck_assert_uint_eq (list->weights[0], 535);

  /* the same arcs without the comment and problem lines (as some public
   * copies of rome99 are): the loader names the missing problem line */
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  g_autoptr (GString) arcs = g_string_new (NULL);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint k = 0; lines[k]; k++)
    if (lines[k][0] == 'a')
      g_string_append_printf (arcs, "%s\n", lines[k]);
  g_autofree char *dir = tt_mkdtemp ();
  tt_write_file (dir, "rome99.arcs-only.gr", arcs->str);
  g_autofree char *bare = g_build_filename (dir, "rome99.arcs-only.gr", NULL);
  ck_assert_ptr_null (tnet_dimacs_load (bare, NULL, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT,
                   "rome99.arcs-only.gr:1:1: expected the problem line \"p sp N M\"");
  tt_rm_rf (dir);
}
END_TEST

static char *
write_tmp (const char *dir, const char *name, const char *text)
{
  tt_write_file (dir, name, text);
  return g_build_filename (dir, name, NULL);
}

START_TEST (test_small_with_coordinates)
{
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *gr = write_tmp (dir, "g.gr",
                                   "c small\np sp 3 3\n\na 1 2 5\r\na 2 3 0\na 3 1 2147483646\n");
  g_autofree char *co = write_tmp (dir, "g.co",
                                   "c coords\np aux sp co 3\nv 2 113900000 34050000\n"
                                   "v 1 -73000000 -40500000\nv 3 0 0\n");
  GError *error = NULL;
  g_autoptr (TnetArcList) list = tnet_dimacs_load (gr, co, &error);
  ck_assert_msg (list != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (list->n_nodes, 3);
  ck_assert_uint_eq (list->n_arcs, 3);
  ck_assert_uint_eq (list->tails[1], 1);
  ck_assert_uint_eq (list->heads[1], 2);
  ck_assert_uint_eq (list->weights[1], 0);
  ck_assert_uint_eq (list->weights[2], TNET_WEIGHT_MAX);
  ck_assert_ptr_nonnull (list->lonlat);
  ck_assert_double_eq_tol (list->lonlat[0], -73.0, 1e-12);
  ck_assert_double_eq_tol (list->lonlat[1], -40.5, 1e-12);
  ck_assert_double_eq_tol (list->lonlat[2], 113.9, 1e-12);
  ck_assert_double_eq_tol (list->lonlat[3], 34.05, 1e-12);
  ck_assert_double_eq (list->lonlat[4], 0.0);
  tt_rm_rf (dir);
}
END_TEST

static const struct {
  const char *gr;
  int code;
  const char *needle;
} bad_gr[] = {
  { "", TNET_ERROR_INVALID_INPUT, "x.gr:1:1: empty file, expected a problem line" },
  { "c only\n", TNET_ERROR_INVALID_INPUT, "x.gr:1:1: expected the problem line \"p sp N M\", got the end" },
  { "p tw 3 1\n1 2\n", TNET_ERROR_INVALID_INPUT, "x.gr:1:3: expected the problem line \"p sp N M\"" },
  { "p sp 3\n", TNET_ERROR_INVALID_INPUT, "x.gr:1:7: expected an arc count, got the end of the line" },
  { "p sp x 1\n", TNET_ERROR_INVALID_INPUT, "x.gr:1:6: expected a node count" },
  { "p sp 3 1 9\na 1 2 1\n", TNET_ERROR_INVALID_INPUT, "x.gr:1:10: expected the end of the line, got \"9\"" },
  { "p sp 3000000000 1\n", TNET_ERROR_TOO_LARGE, "x.gr:1:6: 3000000000 is too large" },
  { "p sp 3 1\na 0 2 1\n", TNET_ERROR_INVALID_INPUT, "x.gr:2:3: expected a node id in [1, 3], got \"0\"" },
  { "p sp 3 1\na 1 4 1\n", TNET_ERROR_INVALID_INPUT, "x.gr:2:5: expected a node id in [1, 3], got \"4\"" },
  { "p sp 3 1\na 1 2 -1\n", TNET_ERROR_INVALID_INPUT, "x.gr:2:7: expected a weight in [0, 2147483646], got \"-1\"" },
  { "p sp 3 1\na 1 2 2147483647\n", TNET_ERROR_INVALID_INPUT, "x.gr:2:7: expected a weight in [0, 2147483646]" },
  { "p sp 3 1\na 1 2 1.5\n", TNET_ERROR_INVALID_INPUT, "x.gr:2:7: expected a weight" },
  { "p sp 3 1\na 1 2\n", TNET_ERROR_INVALID_INPUT, "x.gr:2:6: expected a weight, got the end of the line" },
  { "p sp 3 1\na 1 2 3 4\n", TNET_ERROR_INVALID_INPUT, "x.gr:2:9: expected the end of the line, got \"4\"" },
  { "p sp 3 1\nx 1 2 3\n", TNET_ERROR_INVALID_INPUT, "x.gr:2:1: expected an arc line \"a U V W\" or a comment" },
  { "p sp 3 1\np sp 3 1\n", TNET_ERROR_INVALID_INPUT, "x.gr:2:1: a second problem line" },
  { "a 1 2 3\np sp 3 1\n", TNET_ERROR_INVALID_INPUT, "x.gr:1:1: expected the problem line" },
  { "p sp 3 2\na 1 2 1\n", TNET_ERROR_INVALID_INPUT, "x.gr:1:8: the problem line announces 2 arcs, the file has 1" },
  { "c\np sp 3 1\na 1 2 1\nc\na 2 3 1\n", TNET_ERROR_INVALID_INPUT, "x.gr:5:1: more arcs than the 1 of the problem line (line 2)" },
  { "p sp 2000000000 2000000000\na 1 2 1\n", TNET_ERROR_INVALID_INPUT, "x.gr:1:17: the problem line announces 2000000000 arcs, the file has 1" },
};

START_TEST (test_gr_errors)
{
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *path = write_tmp (dir, "x.gr", bad_gr[_i].gr);
  GError *error = NULL;
  ck_assert_ptr_null (tnet_dimacs_load (path, NULL, &error));
  tt_assert_error (error, bad_gr[_i].code, bad_gr[_i].needle);
  tt_rm_rf (dir);
}
END_TEST

static const struct {
  const char *co;
  const char *needle;
} bad_co[] = {
  { "p aux sp co 3\n", "x.co:1:13: the file is too short to hold 3 vertices" },
  { "p aux sp co 2\nv 1 0 0\nv 2 0 0\n", "x.co:1:13: expected 3 vertices as in the .gr file, got 2" },
  { "p sp co 3\n", "x.co:1:3: expected the problem line \"p aux sp co N\"" },
  { "p aux sp co 3\nv 1 0 0\nv 1 1 1\nv 3 0 0\n", "x.co:3:3: duplicate vertex 1" },
  { "p aux sp co 3\nv 1 0 0\nv 3 0 0\nc pad\nc pad\n", "x.co:6:1: expected coordinates for all 3 vertices, vertex 2 has none" },
  { "p aux sp co 3\nv 1 181000000 0\nv 2 0 0\nv 3 0 0\n", "x.co:2:5: expected a longitude in millionths of a degree" },
  { "p aux sp co 3\nv 1 0 -91000000\nv 2 0 0\nv 3 0 0\n", "x.co:2:7: expected a latitude in millionths of a degree" },
  { "p aux sp co 3\nv 4 0 0\nv 2 0 0\nv 3 0 0\n", "x.co:2:3: expected a vertex id in [1, 3], got \"4\"" },
  { "p aux sp co 3\na 1 2 3\nv 2 0 0\nv 3 0 0\n", "x.co:2:1: expected a vertex line \"v ID X Y\" or a comment" },
};

START_TEST (test_co_errors)
{
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *gr = write_tmp (dir, "x.gr", "p sp 3 1\na 1 2 1\n");
  g_autofree char *co = write_tmp (dir, "x.co", bad_co[_i].co);
  GError *error = NULL;
  ck_assert_ptr_null (tnet_dimacs_load (gr, co, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, bad_co[_i].needle);
  g_autofree char *missing = g_build_filename (dir, "none.co", NULL);
  ck_assert_ptr_null (tnet_dimacs_load (gr, missing, &error));
  tt_assert_error (error, TNET_ERROR_IO, "none.co: cannot read");
  ck_assert_ptr_null (tnet_dimacs_load (missing, NULL, &error));
  tt_assert_error (error, TNET_ERROR_IO, "none.co: cannot read");
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_topology)
{
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *path = write_tmp (dir, "t.gr", "p tw 4 3\n1 2\nc x\n2 3\n4 1\n");
  GError *error = NULL;
  g_autoptr (TnetArcList) a = tnet_dimacs_load_topology (path, 7, 1000, &error);
  ck_assert_msg (a != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetArcList) b = tnet_dimacs_load_topology (path, 7, 1000, &error);
  g_autoptr (TnetArcList) c = tnet_dimacs_load_topology (path, 8, 1000, &error);
  g_autoptr (TnetArcList) one = tnet_dimacs_load_topology (path, 7, 1, &error);
  ck_assert_uint_eq (a->n_nodes, 4);
  ck_assert_uint_eq (a->n_arcs, 6);
  TnetId want[6][2] = { { 0, 1 }, { 1, 0 }, { 1, 2 }, { 2, 1 }, { 3, 0 }, { 0, 3 } };
  gboolean differs = FALSE;
  for (guint k = 0; k < 6; k++)
    {
      ck_assert_uint_eq (a->tails[k], want[k][0]);
      ck_assert_uint_eq (a->heads[k], want[k][1]);
      ck_assert_uint_ge (a->weights[k], 1);
      ck_assert_uint_le (a->weights[k], 1000);
      ck_assert_uint_eq (a->weights[k], b->weights[k]);
      ck_assert_uint_eq (a->weights[k], a->weights[k ^ 1u]);
      ck_assert_uint_eq (one->weights[k], 1);
      differs |= a->weights[k] != c->weights[k];
    }
  ck_assert (differs);

  static const struct { const char *text; const char *needle; } bad[] = {
    { "p sp 4 3\n", "t2.gr:1:3: expected the problem line \"p tw N M\"" },
    { "p tw 4 2\n1 2\n", "t2.gr:1:8: the problem line announces 2 edges, the file has 1" },
    { "p tw 4 1\n1 2\n2 3\n", "t2.gr:3:1: more edges than the 1 of the problem line" },
    { "p tw 4 1\n1 5\n", "t2.gr:2:3: expected a node id in [1, 4], got \"5\"" },
    { "p tw 4 1\n1 2 3\n", "t2.gr:2:5: expected the end of the line, got \"3\"" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      g_autofree char *p = write_tmp (dir, "t2.gr", bad[k].text);
      ck_assert_ptr_null (tnet_dimacs_load_topology (p, 1, 10, &error));
      tt_assert_error (error, TNET_ERROR_INVALID_INPUT, bad[k].needle);
    }
  g_autofree char *p = write_tmp (dir, "t3.gr", "p tw 4 1073741824\n");
  ck_assert_ptr_null (tnet_dimacs_load_topology (p, 1, 10, &error));
  tt_assert_error (error, TNET_ERROR_TOO_LARGE, "t3.gr:1:8:");
  tt_rm_rf (dir);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("dimacs");
  TCase *tc = tcase_create ("dimacs");
  tcase_add_test (tc, test_rome99);
  tcase_add_test (tc, test_small_with_coordinates);
  tcase_add_loop_test (tc, test_gr_errors, 0, G_N_ELEMENTS (bad_gr));
  tcase_add_loop_test (tc, test_co_errors, 0, G_N_ELEMENTS (bad_co));
  tcase_add_test (tc, test_topology);
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
