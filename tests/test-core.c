/* test-core.c: error domain, version, weight units and the 4-ary heap. */
#include "tnet-internal.h"
#include "tests-common.h"
#include "heap.h"
#include "json-text.h"
#include "names.h"
#include "string-sort.h"
#include <glib/gstdio.h>

START_TEST (test_version)
{
  ck_assert_str_eq (tnet_version_string (), TNET_VERSION_STRING);
  ck_assert (TNET_CHECK_VERSION (0, 0, 1));
  /* INF + the largest arc weight must not wrap around */
  ck_assert_uint_gt (TNET_WEIGHT_INF + TNET_WEIGHT_MAX, TNET_WEIGHT_INF);
}
END_TEST

START_TEST (test_error_quark)
{
  GError *error = g_error_new (TNET_ERROR, TNET_ERROR_IO, "x");
  ck_assert (g_error_matches (error, TNET_ERROR, TNET_ERROR_IO));
  g_error_free (error);
}
END_TEST

/* The heap pops keys in sorted order, with decrease-key, against a sort. */
START_TEST (test_heap_sorts)
{
  GRand *rand = g_rand_new_with_seed (42 + _i);
  const uint32_t n = 1 + (uint32_t) g_rand_int_range (rand, 1, 2000);
  TnetHeap heap;
  tnet_i_heap_init (&heap, n);
  uint32_t *best = g_new (uint32_t, n);
  for (uint32_t i = 0; i < n; i++)
    best[i] = UINT32_MAX;
  for (uint32_t k = 0; k < 3 * n; k++)
    {
      uint32_t item = (uint32_t) g_rand_int_range (rand, 0, (gint32) n);
      uint32_t key = (uint32_t) g_rand_int_range (rand, 0, 100000);
      if (key < best[item])
        {
          best[item] = key;
          tnet_i_heap_push_or_decrease (&heap, item, key);
        }
    }
  uint32_t last = 0, popped = 0;
  while (!tnet_i_heap_empty (&heap))
    {
      TnetHeapEntry e = tnet_i_heap_pop (&heap);
      ck_assert_uint_ge (e.key, last);
      ck_assert_uint_eq (e.key, best[e.item]);
      ck_assert (!tnet_i_heap_contains (&heap, e.item));
      last = e.key;
      popped++;
    }
  uint32_t expected = 0;
  for (uint32_t i = 0; i < n; i++)
    expected += best[i] != UINT32_MAX;
  ck_assert_uint_eq (popped, expected);
  tnet_i_heap_destroy (&heap);
  g_free (best);
  g_rand_free (rand);
}
END_TEST

/* JSON numbers are written in their shortest exact form; strings are
 * left alone. */
START_TEST (test_json_numbers)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "a");
  json_builder_add_double_value (b, 284.8);
  json_builder_set_member_name (b, "b");
  json_builder_add_double_value (b, 80.0);
  json_builder_set_member_name (b, "c");
  json_builder_add_double_value (b, -0.125);
  json_builder_set_member_name (b, "d");
  json_builder_add_double_value (b, 1e300);
  json_builder_set_member_name (b, "e");
  json_builder_add_int_value (b, 42);
  json_builder_set_member_name (b, "s");
  json_builder_add_string_value (b, "284.80000000000001 \"q\" 1e5");
  json_builder_set_member_name (b, "f");
  json_builder_add_double_value (b, 0.1 + 0.2);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = tnet_json_to_text (root, 0);
  ck_assert_str_eq (text, "{\"a\":284.8,\"b\":80.0,\"c\":-0.125,\"d\":1e+300,\"e\":42,"
                          "\"s\":\"284.80000000000001 \\\"q\\\" 1e5\",\"f\":0.30000000000000004}\n");
  /* and it reads back to the same values */
  g_autoptr (JsonParser) parser = json_parser_new ();
  ck_assert (json_parser_load_from_data (parser, text, -1, NULL));
  JsonObject *o = json_node_get_object (json_parser_get_root (parser));
  ck_assert (json_object_get_double_member (o, "a") == 284.8);
  ck_assert (json_object_get_double_member (o, "f") == 0.1 + 0.2);
}
END_TEST

/* The public writer's numbers, each expected text written by hand: the
 * shortest decimal that reads back as the same double (0.1, 1/3 to 16
 * digits), exponent form below 1e-4 and from 1e15 on, a whole double with
 * ".0", integers (beyond a double's 2^53) as they are; pretty with the
 * indent asked for. */
START_TEST (test_json_to_text_numbers)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_array (b);
  json_builder_add_double_value (b, 0.1);
  json_builder_add_double_value (b, 1e-7);
  json_builder_add_double_value (b, 2.0);
  json_builder_add_double_value (b, 1.0 / 3.0);
  json_builder_add_double_value (b, -2.5e-5);
  json_builder_add_double_value (b, 100.0);
  json_builder_add_double_value (b, 123456789012345.0);
  json_builder_add_double_value (b, 1e15);
  json_builder_add_int_value (b, G_GINT64_CONSTANT (9007199254740993));
  json_builder_add_int_value (b, -12);
  json_builder_end_array (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = tnet_json_to_text (root, 0);
  ck_assert_str_eq (text, "[0.1,1e-07,2.0,0.3333333333333333,-2.5e-05,100.0,"
                          "123456789012345.0,1e+15,9007199254740993,-12]\n");

  g_autoptr (JsonBuilder) o = json_builder_new ();
  json_builder_begin_object (o);
  json_builder_set_member_name (o, "x");
  json_builder_add_double_value (o, 0.25);
  json_builder_set_member_name (o, "n");
  json_builder_add_int_value (o, 7);
  json_builder_end_object (o);
  g_autoptr (JsonNode) obj = json_builder_get_root (o);
  g_autofree char *pretty = tnet_json_to_text (obj, 2);
  ck_assert_str_eq (pretty, "{\n  \"x\" : 0.25,\n  \"n\" : 7\n}\n");
  g_autofree char *wide = tnet_json_to_text (obj, 4);
  ck_assert_str_eq (wide, "{\n    \"x\" : 0.25,\n    \"n\" : 7\n}\n");
}
END_TEST

/* Minutes and seconds to ms and back, against hand-computed values. */
START_TEST (test_weight_units)
{
  ck_assert_uint_eq (tnet_weight_from_min (60), 3600000u);
  ck_assert_uint_eq (tnet_weight_from_min (0.5), 30000u);
  ck_assert_uint_eq (tnet_weight_from_min (7.5), 450000u);
  ck_assert_uint_eq (tnet_weight_from_min (1e-5), 1u);    /* 0.6 ms rounds to 1 */
  ck_assert_uint_eq (tnet_weight_from_min (0.4 / 60000.0), 0u);
  ck_assert_uint_eq (tnet_weight_from_min (0), 0u);
  ck_assert_uint_eq (tnet_weight_from_s (900), 900000u);
  ck_assert_uint_eq (tnet_weight_from_s (0.0014), 1u);
  /* 35791.39 min is INT32_MAX ms: no limit, never a wrapped number */
  ck_assert_uint_eq (tnet_weight_from_min (40000), TNET_WEIGHT_INF);
  ck_assert_uint_eq (tnet_weight_from_min (INFINITY), TNET_WEIGHT_INF);
  ck_assert_uint_eq (tnet_weight_from_s (1e12), TNET_WEIGHT_INF);
  ck_assert_uint_eq (tnet_weight_from_s (2147483.646), TNET_WEIGHT_MAX);
  ck_assert (tnet_weight_to_min (3600000u) == 60.0);
  ck_assert (tnet_weight_to_min (90000u) == 1.5);
  ck_assert (tnet_weight_to_s (1500u) == 1.5);
  ck_assert (isinf (tnet_weight_to_min (TNET_WEIGHT_INF)));
  ck_assert (isinf (tnet_weight_to_s (TNET_WEIGHT_INF)));
  for (guint m = 0; m <= 10000; m++)
    ck_assert (tnet_weight_to_min (tnet_weight_from_min (m)) == (double) m);
}
END_TEST

/* tnet_i_read_file: the bytes written, and on a missing file the I/O error
 * with the name and kind given, then the system's own reason as
 * g_file_get_contents() words it. */
START_TEST (test_read_file)
{
  g_autofree char *dir = g_dir_make_tmp ("tnet-core-XXXXXX", NULL);
  ck_assert (dir != NULL);
  g_autofree char *path = g_build_filename (dir, "a.txt", NULL);
  const char text[] = "x,y\n1,2\n";
  ck_assert (g_file_set_contents (path, text, -1, NULL));
  char *data = NULL;
  gsize len = 0;
  GError *error = NULL;
  ck_assert (tnet_i_read_file (path, NULL, NULL, &data, &len, &error));
  ck_assert_uint_eq (len, strlen (text));
  ck_assert_str_eq (data, text);
  g_free (data);

  g_autofree char *missing = g_build_filename (dir, "none.csv", NULL);
  GError *sys = NULL;
  char *unused = NULL;
  ck_assert (!g_file_get_contents (missing, &unused, NULL, &sys));
  struct { const char *name, *what, *shown, *kind; } cases[] = {
    { NULL, NULL, missing, "" },
    { "none.csv", NULL, "none.csv", "" },
    { NULL, "the CH", missing, " the CH" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      data = NULL;
      len = 7;
      ck_assert (!tnet_i_read_file (missing, cases[i].name, cases[i].what, &data, &len, &error));
      ck_assert (g_error_matches (error, TNET_ERROR, TNET_ERROR_IO));
      g_autofree char *want = g_strconcat (cases[i].shown, ": cannot read", cases[i].kind, ": ",
                                           sys->message, NULL);
      ck_assert_str_eq (error->message, want);
      ck_assert (data == NULL);
      g_clear_error (&error);
    }
  g_error_free (sys);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

/* tnet_i_name_index against hand-worked answers: exact bytes, the first of
 * two equal names, and no match (NULL, a prefix, another case) leaving the
 * output alone. */
START_TEST (test_name_index)
{
  static const char *const names[] = { "car", "transit", "car_x", "transit" };
  guint i = 99;
  ck_assert (tnet_i_name_index (names, 4, "car", &i));
  ck_assert_uint_eq (i, 0);
  ck_assert (tnet_i_name_index (names, 4, "transit", &i));
  ck_assert_uint_eq (i, 1);
  ck_assert (tnet_i_name_index (names, 4, "car_x", &i));
  ck_assert_uint_eq (i, 2);
  i = 99;
  ck_assert (!tnet_i_name_index (names, 4, NULL, &i));
  ck_assert (!tnet_i_name_index (names, 4, "ca", &i));
  ck_assert (!tnet_i_name_index (names, 4, "Car", &i));
  ck_assert (!tnet_i_name_index (names, 2, "car_x", &i));
  ck_assert (!tnet_i_name_index (names, 0, "car", &i));
  ck_assert_uint_eq (i, 99);
}
END_TEST

/* tnet_i_hash_table_sorted_keys and tnet_i_sort_strings_from against an
 * order worked out by hand from the bytes (strcmp: "" first, upper case
 * before lower, a prefix before its extensions, UTF-8 after ASCII with
 * é (C3 A9) before 北 (E5 8C 97)); the rows already in the array stay
 * where they are; equal strings keep their order. */
START_TEST (test_sorted_keys)
{
  static const char *const keys[] = { "b", "a", "ab", "B", "\xc3\xa9", "z", "",
                                      "\xe5\x8c\x97\xe4\xba\xac", "aa" };
  static const char *const want[] = { "", "B", "a", "aa", "ab", "b", "z", "\xc3\xa9",
                                      "\xe5\x8c\x97\xe4\xba\xac" };
  g_autoptr (GHashTable) set = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_hash_table_add (set, (gpointer) keys[i]);
  g_autoptr (GPtrArray) out = g_ptr_array_new ();
  g_ptr_array_add (out, (gpointer) "zz kept");
  g_ptr_array_add (out, (gpointer) "0 kept");
  tnet_i_hash_table_sorted_keys (set, out);
  ck_assert_uint_eq (out->len, 2 + G_N_ELEMENTS (want));
  ck_assert_str_eq (out->pdata[0], "zz kept");
  ck_assert_str_eq (out->pdata[1], "0 kept");
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    ck_assert_str_eq (out->pdata[2 + i], want[i]);
  /* an empty table appends nothing */
  g_autoptr (GHashTable) none = g_hash_table_new (g_str_hash, g_str_equal);
  tnet_i_hash_table_sorted_keys (none, out);
  ck_assert_uint_eq (out->len, 2 + G_N_ELEMENTS (want));

  /* two equal strings at distinct addresses stay in their order */
  char x1[] = "x", x2[] = "x";
  g_autoptr (GPtrArray) arr = g_ptr_array_new ();
  const char *rows[] = { "m", x1, "c", x2, "a" };
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    g_ptr_array_add (arr, (gpointer) rows[i]);
  tnet_i_sort_strings_from (arr, 1);
  ck_assert_str_eq (arr->pdata[0], "m");
  ck_assert_str_eq (arr->pdata[1], "a");
  ck_assert_str_eq (arr->pdata[2], "c");
  ck_assert_ptr_eq (arr->pdata[3], x1);
  ck_assert_ptr_eq (arr->pdata[4], x2);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("core");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, test_version);
  tcase_add_test (tc, test_error_quark);
  tcase_add_loop_test (tc, test_heap_sorts, 0, 20);
  tcase_add_test (tc, test_json_numbers);
  tcase_add_test (tc, test_json_to_text_numbers);
  tcase_add_test (tc, test_weight_units);
  tcase_add_test (tc, test_read_file);
  tcase_add_test (tc, test_name_index);
  tcase_add_test (tc, test_sorted_keys);
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
