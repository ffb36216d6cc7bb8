/* test-csv-output.c: every `--format csv` output of the tnet command and
 * every CSV file `tnet run` writes, on a network whose ids and names hold a
 * comma, a double quote, a line break and CJK text. Each output is parsed
 * back with the small RFC 4180 reader below (written here, independent of
 * the library's reader and writer) and the fields are compared with the
 * input data and with travel times worked out by hand. */
#include "tests-common.h"
#include <glib/gstdio.h>

/* ---- an independent RFC 4180 reader ---- */

/* Parses @text into rows (GPtrArray of GPtrArray of char *). Fields are
 * separated by ',', rows by LF or CRLF; a field in double quotes may hold
 * ',', CR, LF and "" for one quote. Anything else (a quote inside an
 * unquoted field, text after a closing quote, an unterminated quote) fails
 * the test. */
static GPtrArray *
rfc4180_parse (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  const char *p = text;
  while (*p)
    {
      GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
      for (;;)
        {
          GString *f = g_string_new (NULL);
          if (*p == '"')
            {
              p++;
              for (;;)
                {
                  ck_assert_msg (*p != '\0', "unterminated quote in:\n%s", text);
                  if (*p == '"' && p[1] == '"')
                    {
                      g_string_append_c (f, '"');
                      p += 2;
                    }
                  else if (*p == '"')
                    {
                      p++;
                      break;
                    }
                  else
                    g_string_append_c (f, *p++);
                }
              ck_assert_msg (*p == ',' || *p == '\n' || *p == '\0'
                             || (*p == '\r' && p[1] == '\n'),
                             "text after a closing quote: %s", p);
            }
          else
            while (*p && *p != ',' && *p != '\n' && !(*p == '\r' && p[1] == '\n'))
              {
                ck_assert_msg (*p != '"', "quote in an unquoted field: %s", p);
                g_string_append_c (f, *p++);
              }
          g_ptr_array_add (row, g_string_free (f, FALSE));
          if (*p == ',')
            {
              p++;
              continue;
            }
          if (*p == '\r')
            p++;
          if (*p == '\n')
            p++;
          break;
        }
      g_ptr_array_add (rows, row);
    }
  return rows;
}

static const char *
cell (GPtrArray *rows, guint r, guint c)
{
  ck_assert_uint_lt (r, rows->len);
  GPtrArray *row = rows->pdata[r];
  ck_assert_uint_lt (c, row->len);
  return row->pdata[c];
}

/* Column of @name in the header row; fails when absent. Also checks that
 * every row has as many fields as the header. */
static guint
col (GPtrArray *rows, const char *name)
{
  GPtrArray *header = rows->pdata[0];
  for (guint r = 1; r < rows->len; r++)
    ck_assert_uint_eq (((GPtrArray *) rows->pdata[r])->len, header->len);
  for (guint c = 0; c < header->len; c++)
    if (strcmp (header->pdata[c], name) == 0)
      return c;
  ck_abort_msg ("no column %s", name);
  return 0;
}

/* The first row whose column @c equals @value, or -1. */
static int
find_row (GPtrArray *rows, guint c, const char *value)
{
  for (guint r = 1; r < rows->len; r++)
    if (strcmp (cell (rows, r, c), value) == 0)
      return (int) r;
  return -1;
}

/* ---- the network ---- */

#define Z1 "z,1"
#define J2 "j\"2"
#define S3 "s 3\n新"
#define Z4 "z4,郑"
#define Z1_NAME "Zone \"one\", 许昌"
#define J2_NAME "Junction\ntwo 中"
#define S3_NAME "Station, 东站"
#define Z4_NAME "郑州 \"center\""
#define LINE_X1 "X1, \"old\" 路"
#define LINE_G4 "G4\n京港澳"
#define ROUTE_1 "R,1 \"快\""
#define ROUTE_2 "线\n2"
#define HUB "H,\"1\"\n枢纽"

/* z,1 -> j"2 -> s 3 -> z4 by three 10 km road links at 60 km/h (10 min
 * each, 30 min in all); z,1 -> z4 directly by 40 km at 60 km/h (40 min). */
static char *
make_data (void)
{
  char *dir = tt_mkdtemp ();
  tt_write_file (dir, "nodes.csv",
                 "id,name,kind,lon,lat,region,population\n"
                 "\"z,1\",\"Zone \"\"one\"\", 许昌\",zone,113.80,34.00,\"r,1\",1000\n"
                 "\"j\"\"2\",\"Junction\ntwo 中\",junction,113.85,34.05,,\n"
                 "\"s 3\n新\",\"Station, 东站\",station,113.90,34.10,,\n"
                 "\"z4,郑\",\"郑州 \"\"center\"\"\",zone,113.95,34.15,\"r\"\"2\",2000\n");
  tt_write_file (dir, "links.csv",
                 "id,from,to,mode,line,length_km,speed_kmh,oneway\n"
                 "\"l,1\",\"z,1\",\"j\"\"2\",road,\"X1, \"\"old\"\" 路\",10,60,\n"
                 "l2,\"j\"\"2\",\"s 3\n新\",road,\"G4\n京港澳\",10,60,\n"
                 "l3,\"s 3\n新\",\"z4,郑\",road,\"G4\n京港澳\",10,60,\n"
                 "l4,\"z,1\",\"z4,郑\",road,\"Y,9\",40,60,\n");
  tt_write_file (dir, "regions.csv", "id,name,name_en\n\"r,1\",许昌,\"X,\"\n\"r\"\"2\",郑州,Z\n");
  /* the hub {s 3, j"2}: route R,1 leaves s 3 every 10 min, route 线2
   * reaches s 3 every 20 min */
  tt_write_file (dir, "hubs.csv", "id,name,kind,open_year,target_transfer_min,members\n"
                 "\"H,\"\"1\"\"\n枢纽\",\"Hub, \"\"中\"\"\",existing,,5,\"s 3\n新;j\"\"2\"\n");
  tt_write_file (dir, "hub_walks.csv", "hub,from,to,walk_min,open_year\n"
                 "\"H,\"\"1\"\"\n枢纽\",\"s 3\n新\",\"j\"\"2\",3,\n");
  g_autofree char *gtfs = g_build_filename (dir, "gtfs", NULL);
  g_mkdir (gtfs, 0755);
  tt_write_file (gtfs, "agency.txt",
                 "agency_id,agency_name,agency_url,agency_timezone\nag,Ag,http://x,UTC\n");
  tt_write_file (gtfs, "stops.txt", "stop_id,stop_name,stop_lat,stop_lon\n"
                 "\"s 3\n新\",\"Station, 东站\",34.10,113.90\n"
                 "\"j\"\"2\",\"Junction\ntwo 中\",34.05,113.85\n"
                 "\"z4,郑\",\"郑州 \"\"center\"\"\",34.15,113.95\n");
  tt_write_file (gtfs, "routes.txt",
                 "route_id,agency_id,route_short_name,route_long_name,route_type\n"
                 "\"R,1\",ag,\"R,1 \"\"快\"\"\",Rail one,2\n"
                 "\"R\"\"2\",ag,\"线\n2\",Bus two,3\n");
  tt_write_file (gtfs, "trips.txt", "route_id,service_id,trip_id\n\"R,1\",s,t1\n\"R\"\"2\",s,t2\n");
  tt_write_file (gtfs, "calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,"
                 "saturday,sunday,start_date,end_date\ns,1,1,1,1,1,1,1,20200101,20301231\n");
  tt_write_file (gtfs, "stop_times.txt",
                 "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                 "t1,07:00:00,07:00:00,\"s 3\n新\",1\nt1,07:10:00,07:10:00,\"z4,郑\",2\n"
                 "t2,07:00:00,07:00:00,\"j\"\"2\",1\nt2,07:10:00,07:10:00,\"s 3\n新\",2\n");
  tt_write_file (gtfs, "frequencies.txt", "trip_id,start_time,end_time,headway_secs\n"
                 "t1,07:00:00,09:00:00,600\nt2,07:00:00,09:00:00,1200\n");
  return dir;
}

static GPtrArray *
run_csv (const char *const *args)
{
  TtRun r = tt_run_tnetv (args);
  ck_assert_msg (r.status == 0, "%s: exit %d: %s", args[0], r.status, r.err);
  GPtrArray *rows = rfc4180_parse (r.out);
  ck_assert_msg (rows->len >= 2, "%s: no data row:\n%s", args[0], r.out);
  tt_run_clear (&r);
  return rows;
}

/* ---- the writer itself ---- */

START_TEST (test_writer)
{
  static const char *const values[] = { "plain", "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf",
                                        "许昌东站", "#not a comment", " padded ", "", NULL };
  static const char *const header[] = { "k", "v", NULL };
  g_autoptr (TnetCsvWriter) w = tnet_csv_writer_new (header);
  for (guint k = 0; values[k]; k++)
    {
      tnet_csv_writer_add_int (w, k);
      tnet_csv_writer_add_text (w, values[k]);
      tnet_csv_writer_end_row (w);
    }
  tnet_csv_writer_add_number (w, 2.25, 1);
  tnet_csv_writer_add_number (w, NAN, 1);
  tnet_csv_writer_end_row (w);
  tnet_csv_writer_add_number (w, 0.1, -1);
  tnet_csv_writer_add_text (w, NULL);
  tnet_csv_writer_end_row (w);
  g_autoptr (GPtrArray) rows = rfc4180_parse (tnet_csv_writer_peek (w));
  ck_assert_uint_eq (rows->len, 1 + 9 + 2);
  for (guint k = 0; values[k]; k++)
    {
      g_autofree char *num = g_strdup_printf ("%u", k);
      ck_assert_str_eq (cell (rows, k + 1, 0), num);
      ck_assert_str_eq (cell (rows, k + 1, 1), values[k]);
    }
  /* 2.25 to one decimal: "2.2" (round half to even of the binary 2.25) or
   * "2.3"; '.' whatever the locale; NaN: empty */
  ck_assert_msg (strcmp (cell (rows, 10, 0), "2.2") == 0 || strcmp (cell (rows, 10, 0), "2.3") == 0,
                 "%s", cell (rows, 10, 0));
  ck_assert_str_eq (cell (rows, 10, 1), "");
  ck_assert_str_eq (cell (rows, 11, 0), "0.1");
  ck_assert_str_eq (cell (rows, 11, 1), "");
  /* the minimal quoting: plain text and CJK unquoted, '#' quoted */
  ck_assert (strstr (tnet_csv_writer_peek (w), "\n0,plain\n") != NULL);
  ck_assert (strstr (tnet_csv_writer_peek (w), "\n5,许昌东站\n") != NULL);
  ck_assert (strstr (tnet_csv_writer_peek (w), "\n6,\"#not a comment\"\n") != NULL);

  g_autoptr (GString) s = g_string_new (NULL);
  tnet_csv_append_field (s, "a\"b");
  ck_assert_str_eq (s->str, "\"a\"\"b\"");
}
END_TEST

/* ---- every command ---- */

START_TEST (test_isochrone)
{
  g_autofree char *dir = make_data ();
  const char *args[] = { "isochrone", Z1, "--data", dir, "--format", "csv", NULL };
  g_autoptr (GPtrArray) rows = run_csv (args);
  guint n = col (rows, "node"), nm = col (rows, "name"), mi = col (rows, "minutes");
  ck_assert_uint_eq (rows->len, 5);
  const char *ids[] = { Z1, J2, S3, Z4 }, *names[] = { Z1_NAME, J2_NAME, S3_NAME, Z4_NAME };
  const char *mins[] = { "0.0", "10.0", "20.0", "30.0" };  /* 10 km at 60 km/h per link */
  for (guint k = 0; k < 4; k++)
    {
      int r = find_row (rows, n, ids[k]);
      ck_assert_msg (r > 0, "node %s missing", ids[k]);
      ck_assert_str_eq (cell (rows, r, nm), names[k]);
      ck_assert_str_eq (cell (rows, r, mi), mins[k]);
    }
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_commute)
{
  g_autofree char *dir = make_data ();
  const char *args[] = { "commute", "--origins", "region:r,1", "--destinations", Z4,
                         "--profiles", "car", "--data", dir, "--format", "csv", NULL };
  g_autoptr (GPtrArray) rows = run_csv (args);
  ck_assert_uint_eq (rows->len, 2);
  ck_assert_str_eq (cell (rows, 1, col (rows, "origin")), Z1);
  ck_assert_str_eq (cell (rows, 1, col (rows, "destination")), Z4);
  /* three 10-min links beat the 40-min direct one */
  ck_assert_str_eq (cell (rows, 1, col (rows, "minutes")), "30.0");
  ck_assert_str_eq (cell (rows, 1, col (rows, "lines")), LINE_X1 ";" LINE_G4);
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_corridors)
{
  g_autofree char *dir = make_data ();
  const char *args[] = { "corridors", Z1, Z4, "--data", dir, "--format", "csv", NULL };
  g_autoptr (GPtrArray) rows = run_csv (args);
  guint set = col (rows, "set"), nodes = col (rows, "nodes"), mi = col (rows, "minutes");
  int r = find_row (rows, set, "link_disjoint");
  ck_assert_int_gt (r, 0);
  /* two link-disjoint paths: via j"2 and s 3 (30 min) and direct (40 min) */
  ck_assert_str_eq (cell (rows, r, nodes), Z1 " > " J2 " > " S3 " > " Z4);
  ck_assert_str_eq (cell (rows, r, mi), "30.0");
  ck_assert_str_eq (cell (rows, r + 1, nodes), Z1 " > " Z4);
  ck_assert_str_eq (cell (rows, r + 1, mi), "40.0");
  /* by car on the car profile's graph: the same two alternatives, 30 and 40
   * min (no waits on roads); their places are the ends of the legs, one
   * leg per line: X1 to j"2, G4 to z4; Y,9 direct */
  const char *pargs[] = { "corridors", Z1, Z4, "--profile", "car", "--data", dir, "--format",
                          "csv", NULL };
  g_autoptr (GPtrArray) prow = run_csv (pargs);
  r = find_row (prow, set, "least_time");
  ck_assert_int_gt (r, 0);
  ck_assert_str_eq (cell (prow, r, mi), "30.0");
  ck_assert_str_eq (cell (prow, r, nodes), Z1 " > " J2 " > " Z4);
  ck_assert_str_eq (cell (prow, r + 1, mi), "40.0");
  ck_assert_str_eq (cell (prow, r + 1, nodes), Z1 " > " Z4);
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_criticality)
{
  g_autofree char *dir = make_data ();
  const char *args[] = { "criticality", "r,1", "r\"2", "--by", "line", "--data", dir,
                         "--format", "csv", NULL };
  g_autoptr (GPtrArray) rows = run_csv (args);
  guint el = col (rows, "element");
  /* closing either line of the 30-min path leaves the 40-min direct link */
  ck_assert_uint_eq (rows->len, 3);
  for (guint k = 0; k < 2; k++)
    {
      const char *line = k ? LINE_X1 : LINE_G4;
      int r = find_row (rows, el, line);
      ck_assert_msg (r > 0, "line %s missing", line);
      ck_assert_str_eq (cell (rows, r, col (rows, "worst_from")), Z1);
      ck_assert_str_eq (cell (rows, r, col (rows, "worst_to")), Z4);
      ck_assert_str_eq (cell (rows, r, col (rows, "before_min")), "30.0");
      ck_assert_str_eq (cell (rows, r, col (rows, "after_min")), "40.0");
    }
  tt_rm_rf (dir);
}
END_TEST

static void
check_transfers (GPtrArray *rows)
{
  ck_assert_uint_eq (rows->len, 2);
  ck_assert_str_eq (cell (rows, 1, col (rows, "hub")), HUB);
  ck_assert_str_eq (cell (rows, 1, col (rows, "from")), ROUTE_2);
  ck_assert_str_eq (cell (rows, 1, col (rows, "to")), ROUTE_1);
  ck_assert_str_eq (cell (rows, 1, col (rows, "from_stop")), S3);
  ck_assert_str_eq (cell (rows, 1, col (rows, "to_stop")), S3);
  /* both at s 3: no walk; R,1 every 600 s: 10 min headway, 5 min wait */
  ck_assert_str_eq (cell (rows, 1, col (rows, "walk_min")), "0.00");
  ck_assert_str_eq (cell (rows, 1, col (rows, "headway_min")), "10.00");
  ck_assert_str_eq (cell (rows, 1, col (rows, "wait_min")), "5.00");
}

START_TEST (test_transfers)
{
  g_autofree char *dir = make_data ();
  const char *args[] = { "transfers", "--data", dir, "--format", "csv", NULL };
  g_autoptr (GPtrArray) rows = run_csv (args);
  check_transfers (rows);
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_report)
{
  g_autofree char *dir = make_data ();
  const char *args[] = { "report", "--data", dir, "--format", "csv", NULL };
  g_autoptr (GPtrArray) rows = run_csv (args);
  /* every row as wide as the header; the columns the command documents */
  col (rows, "indicator");
  col (rows, "target");
  col (rows, "pass");
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_run)
{
  g_autofree char *dir = make_data ();
  g_autofree char *ini = g_strdup_printf ("[scenario]\nname = odd, \"name\" 中\nnetwork = %s\n"
                                          "year = 2025\n[commute]\norigins = region:r,1\n"
                                          "destinations = z4,郑\nprofiles = car\n"
                                          "direction = both\n[transfers]\n[output]\n"
                                          "formats = text; csv\n", dir);
  tt_write_file (dir, "s.ini", ini);
  g_autofree char *path = g_build_filename (dir, "s.ini", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  TtRun r = tt_run_tnet ("run", path, "-o", out, "--quiet", NULL);
  ck_assert_msg (r.status == 0, "exit %d: %s", r.status, r.err);
  tt_run_clear (&r);

  g_autofree char *commute_path = g_build_filename (out, "commute.csv", NULL);
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (commute_path, &text, NULL, NULL));
  g_autoptr (GPtrArray) rows = rfc4180_parse (text);
  ck_assert_uint_eq (rows->len, 3);
  guint dcol = col (rows, "direction");
  int to = find_row (rows, dcol, "to"), from = find_row (rows, dcol, "from");
  ck_assert (to > 0 && from > 0);
  for (int k = 0; k < 2; k++)
    {
      int row = k ? from : to;
      ck_assert_str_eq (cell (rows, row, col (rows, "origin")), Z1);
      ck_assert_str_eq (cell (rows, row, col (rows, "destination")), Z4);
      ck_assert_str_eq (cell (rows, row, col (rows, "minutes")), "30.0");
    }
  ck_assert_str_eq (cell (rows, to, col (rows, "lines")), LINE_X1 ";" LINE_G4);
  ck_assert_str_eq (cell (rows, from, col (rows, "lines")), LINE_G4 ";" LINE_X1);

  g_autofree char *tpath = g_build_filename (out, "transfers.csv", NULL);
  g_autofree char *ttext = NULL;
  ck_assert (g_file_get_contents (tpath, &ttext, NULL, NULL));
  g_autoptr (GPtrArray) trows = rfc4180_parse (ttext);
  check_transfers (trows);
  tt_rm_rf (dir);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("csv-output");
  TCase *tc = tcase_create ("csv");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_writer);
  tcase_add_test (tc, test_isochrone);
  tcase_add_test (tc, test_commute);
  tcase_add_test (tc, test_corridors);
  tcase_add_test (tc, test_criticality);
  tcase_add_test (tc, test_transfers);
  tcase_add_test (tc, test_report);
  tcase_add_test (tc, test_run);
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
