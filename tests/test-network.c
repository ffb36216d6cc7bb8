/* test-network.c: the CSV reader, the network model, scenarios and the
 * network CSV folder (loading, every loader error, saving). */
#include "tnet-internal.h"
#include "tests-common.h"
#include "csv.h"

#include <glib/gstdio.h>

/* ---- the CSV reader ---- */

static TnetCsv *
csv_of (const char *text, TnetCsvFlags flags, GError **error)
{
  return tnet_i_csv_open_data ("t.csv", text, strlen (text), flags, error);
}

START_TEST (test_csv_quoting)
{
  GError *error = NULL;
  const char *text = "\xEF\xBB\xBF" " a , b,c\r\n"
                     "1,\"x, \"\"y\"\"\nz\",3\r\n"
                     "\r\n"
                     "  \n"
                     "4,,\"\"\n";
  g_autoptr (TnetCsv) csv = csv_of (text, 0, &error);
  ck_assert_ptr_nonnull (csv);
  ck_assert (tnet_i_csv_read_header (csv, &error));
  ck_assert_uint_eq (tnet_i_csv_n_columns (csv), 3);
  ck_assert_int_eq (tnet_i_csv_column (csv, "a"), 0);
  ck_assert_int_eq (tnet_i_csv_column (csv, "b"), 1);
  ck_assert_int_eq (tnet_i_csv_column (csv, "c"), 2);
  ck_assert_int_eq (tnet_i_csv_column (csv, "d"), -1);
  ck_assert_int_eq (tnet_i_csv_next (csv, &error), 1);
  ck_assert_uint_eq (tnet_i_csv_line (csv), 2);
  ck_assert_str_eq (tnet_i_csv_field (csv, 0), "1");
  ck_assert_str_eq (tnet_i_csv_field (csv, 1), "x, \"y\"\nz");
  ck_assert_str_eq (tnet_i_csv_field (csv, 2), "3");
  ck_assert_str_eq (tnet_i_csv_field (csv, -1), "");
  ck_assert_uint_eq (tnet_i_csv_field_column (csv, 2), 4);
  ck_assert_int_eq (tnet_i_csv_next (csv, &error), 1);
  ck_assert_uint_eq (tnet_i_csv_line (csv), 6);
  ck_assert_str_eq (tnet_i_csv_field (csv, 0), "4");
  ck_assert_str_eq (tnet_i_csv_field (csv, 1), "");
  ck_assert_str_eq (tnet_i_csv_field (csv, 2), "");
  ck_assert_int_eq (tnet_i_csv_next (csv, &error), 0);
  ck_assert_ptr_null (error);
}
END_TEST

START_TEST (test_csv_comments_only_with_flag)
{
  GError *error = NULL;
  const char *text = "a,b\n#x,y\n1,2\n";
  g_autoptr (TnetCsv) with = csv_of (text, TNET_CSV_ALLOW_COMMENTS, &error);
  ck_assert (tnet_i_csv_read_header (with, &error));
  ck_assert_int_eq (tnet_i_csv_next (with, &error), 1);
  ck_assert_str_eq (tnet_i_csv_field (with, 0), "1");
  g_autoptr (TnetCsv) without = csv_of (text, 0, &error);
  ck_assert (tnet_i_csv_read_header (without, &error));
  ck_assert_int_eq (tnet_i_csv_next (without, &error), 1);
  ck_assert_str_eq (tnet_i_csv_field (without, 0), "#x");
  /* a '#' later in a line is data */
  g_autoptr (TnetCsv) mid = csv_of ("a,b\n1,#2\n", TNET_CSV_ALLOW_COMMENTS, &error);
  ck_assert (tnet_i_csv_read_header (mid, &error));
  ck_assert_int_eq (tnet_i_csv_next (mid, &error), 1);
  ck_assert_str_eq (tnet_i_csv_field (mid, 1), "#2");
}
END_TEST

/* Each bad text fails at the given place with the given code. */
static const struct {
  const char *text;
  int code;
  const char *needle;
} csv_bad[] = {
  { "", TNET_ERROR_INVALID_INPUT, "t.csv:1:1: empty file" },
  { "\xEF\xBB\xBF", TNET_ERROR_INVALID_INPUT, "t.csv:1:1: empty file" },
  { "\n\n", TNET_ERROR_INVALID_INPUT, "empty file, expected a header" },
  { "a,b\n1,\xff\n", TNET_ERROR_INVALID_INPUT, "t.csv:2:3: invalid UTF-8 (byte 0xff)" },
  { "a,b\n\xe8\xae\xb8,\xe6\x98\n", TNET_ERROR_INVALID_INPUT, "t.csv:2:3: invalid UTF-8" },
  { "a,b\n1,x\"y\n", TNET_ERROR_INVALID_INPUT, "t.csv:2:4: quote inside an unquoted field" },
  { "a,b\n1,\"x\"y\n", TNET_ERROR_INVALID_INPUT, "t.csv:2:6: text after a closing quote" },
  { "a,b\n1,\"x\ny,2\n", TNET_ERROR_INVALID_INPUT, "t.csv:2:3: unterminated quote" },
  { "a,b\n1\n", TNET_ERROR_INVALID_INPUT, "t.csv:2:2: expected 2 fields as in the header, got 1" },
  { "a,b\n1,2,3\r\n", TNET_ERROR_INVALID_INPUT, "t.csv:2:5: expected 2 fields as in the header, got 3" },
  { "a,b\n\"1\n\",2\n\xe8\xae\xb8\n", TNET_ERROR_INVALID_INPUT, "t.csv:4:2: expected 2 fields" },
  { "a,a\n", TNET_ERROR_INVALID_INPUT, "t.csv:1:3: duplicate column \"a\"" },
};

START_TEST (test_csv_errors)
{
  GError *error = NULL;
  g_autoptr (TnetCsv) csv = csv_of (csv_bad[_i].text, 0, &error);
  int r = -1;
  if (csv && tnet_i_csv_read_header (csv, &error))
    while ((r = tnet_i_csv_next (csv, &error)) > 0)
      ;
  ck_assert_int_eq (r, -1);
  tt_assert_error (error, csv_bad[_i].code, csv_bad[_i].needle);
}
END_TEST

START_TEST (test_csv_max_line)
{
  GError *error = NULL;
  g_autoptr (TnetCsv) csv = csv_of ("a,b\n1,2\n12345,6\n", 0, &error);
  tnet_i_csv_set_max_line (csv, 6);
  ck_assert (tnet_i_csv_read_header (csv, &error));
  ck_assert_int_eq (tnet_i_csv_next (csv, &error), 1);
  ck_assert_int_eq (tnet_i_csv_next (csv, &error), -1);
  tt_assert_error (error, TNET_ERROR_TOO_LARGE, "t.csv:3:1: line longer than 6 bytes");
  /* the default is 1 MiB */
  GString *big = g_string_new ("a\n");
  for (int i = 0; i < (1 << 20) + 1; i++)
    g_string_append_c (big, 'x');
  g_autoptr (TnetCsv) csv2 = csv_of (big->str, 0, &error);
  ck_assert (tnet_i_csv_read_header (csv2, &error));
  ck_assert_int_eq (tnet_i_csv_next (csv2, &error), -1);
  tt_assert_error (error, TNET_ERROR_TOO_LARGE, "t.csv:2:1: line longer than 1048576 bytes");
  g_string_free (big, TRUE);
}
END_TEST

START_TEST (test_csv_typed)
{
  GError *error = NULL;
  g_autoptr (TnetCsv) csv = csv_of ("x,y,z\n 1.5 ,,abc\n", 0, &error);
  ck_assert (tnet_i_csv_read_header (csv, &error));
  const char *const need[] = { "x", "q", NULL };
  ck_assert (!tnet_i_csv_require (csv, need, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "t.csv:1:1: missing column \"q\"");
  ck_assert_int_eq (tnet_i_csv_next (csv, &error), 1);
  double d;
  gint64 n;
  ck_assert (tnet_i_csv_double (csv, 0, TRUE, 0, &d, &error));
  ck_assert_double_eq (d, 1.5);
  ck_assert (tnet_i_csv_double (csv, 1, FALSE, 7.0, &d, &error));
  ck_assert_double_eq (d, 7.0);
  ck_assert (!tnet_i_csv_double (csv, 1, TRUE, 7.0, &d, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "t.csv:2:7: expected a number for \"y\", got an empty field");
  ck_assert (!tnet_i_csv_double (csv, 2, TRUE, 0, &d, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "t.csv:2:8: expected a number for \"z\", got \"abc\"");
  ck_assert (!tnet_i_csv_int (csv, 0, TRUE, 0, &n, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "t.csv:2:1: expected an integer for \"x\"");
  ck_assert (tnet_i_csv_int (csv, 1, FALSE, 42, &n, &error));
  ck_assert_int_eq (n, 42);
}
END_TEST

/* ---- the model ---- */

START_TEST (test_names)
{
  for (int m = 0; m < TNET_N_MODES; m++)
    {
      TnetMode back;
      ck_assert (tnet_mode_from_string (tnet_mode_to_string ((TnetMode) m), &back));
      ck_assert_int_eq (back, m);
    }
  for (int s = 0; s < TNET_N_STATUSES; s++)
    {
      TnetStatus back;
      ck_assert (tnet_status_from_string (tnet_status_to_string ((TnetStatus) s), &back));
      ck_assert_int_eq (back, s);
    }
  for (int k = 0; k < TNET_N_NODE_KINDS; k++)
    {
      TnetNodeKind back;
      ck_assert (tnet_node_kind_from_string (tnet_node_kind_to_string ((TnetNodeKind) k),
                                             &back));
      ck_assert_int_eq (back, k);
    }
  TnetMode m;
  ck_assert (!tnet_mode_from_string ("ship", &m));
  ck_assert (!tnet_mode_from_string ("", &m));
  ck_assert_str_eq (tnet_mode_to_string (TNET_MODE_HSR), "hsr");
  ck_assert_str_eq (tnet_status_to_string (TNET_STATUS_STUDY), "study");
  ck_assert_str_eq (tnet_node_kind_to_string (TNET_NODE_INTERCHANGE), "interchange");
}
END_TEST

START_TEST (test_default_speeds)
{
  ck_assert_double_eq (tnet_default_speed_kmh (TNET_MODE_EXPRESSWAY, NULL), 120);
  ck_assert_double_eq (tnet_default_speed_kmh (TNET_MODE_EXPRESSWAY, "expressway"), 120);
  ck_assert_double_eq (tnet_default_speed_kmh (TNET_MODE_TRUNK, "I"), 80);
  ck_assert_double_eq (tnet_default_speed_kmh (TNET_MODE_TRUNK, "class II"), 60);
  ck_assert_double_eq (tnet_default_speed_kmh (TNET_MODE_TRUNK, "III"), 40);
  ck_assert_double_eq (tnet_default_speed_kmh (TNET_MODE_TRUNK, NULL), 40);
  ck_assert_double_eq (tnet_default_speed_kmh (TNET_MODE_ROAD, "I"), 40);
  ck_assert_double_eq (tnet_default_speed_kmh (TNET_MODE_HSR, NULL), 300);
  ck_assert_double_eq (tnet_default_speed_kmh (TNET_MODE_RAIL, NULL), 120);
  ck_assert_double_eq (tnet_default_speed_kmh (TNET_MODE_SUBURBAN, NULL), 100);
  ck_assert_double_eq (tnet_default_speed_kmh (TNET_MODE_METRO, NULL), 35);
  ck_assert_double_eq (tnet_default_speed_kmh (TNET_MODE_BUS, NULL), 30);
  ck_assert_double_eq (tnet_default_speed_kmh (TNET_MODE_WALK, NULL), 4.8);
  ck_assert_double_eq (tnet_default_speed_kmh (TNET_MODE_ACCESS, NULL), 30);
}
END_TEST

static TnetLink
plain_link (const char *id, TnetId from, TnetId to)
{
  TnetLink l = { 0 };
  l.id = id;
  l.from = from;
  l.to = to;
  l.mode = TNET_MODE_ROAD;
  l.length_m = 1000;
  l.speed_kmh = NAN;
  l.time_ms = TNET_WEIGHT_INF;
  return l;
}

START_TEST (test_add_validation)
{
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_new ();
  TnetNode n = { .id = "a", .name = "A", .lon = 113.8, .lat = 34.0 };
  ck_assert_uint_eq (tnet_network_add_node (net, &n, &error), 0);
  ck_assert_uint_eq (tnet_network_add_node (net, &n, &error), TNET_ID_NONE);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "duplicate node id \"a\"");
  TnetNode bad = n;
  bad.id = "";
  ck_assert_uint_eq (tnet_network_add_node (net, &bad, &error), TNET_ID_NONE);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "empty node id");
  bad.id = "b";
  bad.lon = NAN;
  ck_assert_uint_eq (tnet_network_add_node (net, &bad, &error), TNET_ID_NONE);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "longitude");
  bad.lon = 1;
  bad.lat = -91;
  ck_assert_uint_eq (tnet_network_add_node (net, &bad, &error), TNET_ID_NONE);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "latitude");
  bad.lat = 1;
  bad.population = -1;
  ck_assert_uint_eq (tnet_network_add_node (net, &bad, &error), TNET_ID_NONE);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "population");
  ck_assert_uint_eq (tnet_network_n_nodes (net), 1);

  TnetLink l = plain_link ("l", 0, 0);
  ck_assert_uint_eq (tnet_network_add_link (net, &l, &error), 0);
  ck_assert_uint_eq (tnet_network_add_link (net, &l, &error), TNET_ID_NONE);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "duplicate link id \"l\"");
  const TnetWeight none = TNET_WEIGHT_INF;
  struct { double len, speed; TnetWeight time_ms; const char *needle; } cases[] = {
    { 0, NAN, none, "length" },  { -1, NAN, none, "length" },
    { NAN, NAN, none, "length" }, { INFINITY, NAN, none, "length" },
    { 1.0e7 + 1, NAN, none, "length" }, { 1, -1, none, "speed" },
    { 1, 0, none, "speed" },      { 1, 1001, none, "speed" },
    { 1, INFINITY, none, "speed" }, { 1, NAN, 600000001, "time" },
    { 1, NAN, TNET_WEIGHT_MAX, "time" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      TnetLink b = plain_link ("m", 0, 0);
      b.length_m = cases[k].len;
      b.speed_kmh = cases[k].speed;
      b.time_ms = cases[k].time_ms;
      ck_assert_uint_eq (tnet_network_add_link (net, &b, &error), TNET_ID_NONE);
      tt_assert_error (error, TNET_ERROR_INVALID_INPUT, cases[k].needle);
    }
  TnetLink ok = plain_link ("m", 0, 0);
  ok.length_m = 1.0e7;
  ok.speed_kmh = 1000;
  ok.time_ms = 600000000;   /* 10000 minutes, the largest */
  ck_assert_uint_eq (tnet_network_add_link (net, &ok, &error), 1);
  ck_assert_uint_eq (tnet_network_n_links (net), 2);
  ck_assert_ptr_nonnull (tnet_network_link (net, 0)->tags);
  ck_assert_ptr_null (tnet_network_link (net, 0)->tags[0]);
}
END_TEST

/* ---- the network CSV folder ---- */

static const char *good_nodes =
  "id,name,kind,lon,lat,name_en,county,region,population,source,confidence,note\n"
  "# the stations\n"
  "a,许昌东站,station,113.9,34.05,Xuchang East,魏都区,xuchang,,osm,high,x\n"
  "b,\"Zone, \"\"B\"\"\",zone,113.8,34.1,,,xuchang,12345.5,,,\n"
  "\n"
  "c,C,junction,-0.5,-1.25,,,,,,,\n";

static const char *good_links =
  "id,from,to,mode,line,length_km,speed_kmh,time_min,oneway,class,open_year,status,"
  "tags,source,confidence\r\n"
  "l1,a,b,expressway,G4 京港澳高速,10,,,0,expressway,,existing,corridor_zz; g4,,\r\n"
  "l2,b,c,trunk,G107,6,,,yes,I,2023,construction,,,\r\n"
  "l3,a,c,hsr,郑渝高铁,30,,12,1,,2019,,hsr,,\r\n"
  "l4,c,a,road,,2.5,50,,,,,planned,,,\r\n"
  "l5,b,a,road,x,1,,,,,,study,,plan,low\r\n";

static char *
write_net (const char *nodes, const char *links)
{
  char *dir = tt_mkdtemp ();
  if (nodes)
    tt_write_file (dir, "nodes.csv", nodes);
  if (links)
    tt_write_file (dir, "links.csv", links);
  return dir;
}

static TnetNetwork *
load_good (void)
{
  g_autofree char *dir = write_net (good_nodes, good_links);
  GError *error = NULL;
  TnetNetwork *net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (tnet_network_get_dir (net), dir);
  tt_rm_rf (dir);
  return net;
}

START_TEST (test_load_values)
{
  g_autoptr (TnetNetwork) net = load_good ();
  ck_assert_uint_eq (tnet_network_n_nodes (net), 3);
  ck_assert_uint_eq (tnet_network_n_links (net), 5);
  const TnetNode *a = tnet_network_node (net, tnet_network_find_node (net, "a"));
  ck_assert_str_eq (a->id, "a");
  ck_assert_str_eq (a->name, "许昌东站");
  ck_assert_str_eq (a->name_en, "Xuchang East");
  ck_assert_str_eq (a->county, "魏都区");
  ck_assert_str_eq (a->region, "xuchang");
  ck_assert_str_eq (a->source, "osm");
  ck_assert_str_eq (a->confidence, "high");
  ck_assert_int_eq (a->kind, TNET_NODE_STATION);
  ck_assert_double_eq (a->lon, 113.9);
  ck_assert_double_eq (a->lat, 34.05);
  ck_assert_double_eq (a->population, 0);
  const TnetNode *b = tnet_network_node (net, 1);
  ck_assert_str_eq (b->name, "Zone, \"B\"");
  ck_assert_ptr_null (b->name_en);
  ck_assert_ptr_null (b->source);
  ck_assert_double_eq (b->population, 12345.5);
  ck_assert_int_eq (b->kind, TNET_NODE_ZONE);
  const TnetNode *c = tnet_network_node (net, 2);
  ck_assert_double_eq (c->lon, -0.5);
  ck_assert_double_eq (c->lat, -1.25);
  ck_assert_uint_eq (tnet_network_find_node (net, "zz"), TNET_ID_NONE);

  const TnetLink *l1 = tnet_network_link (net, tnet_network_find_link (net, "l1"));
  ck_assert_str_eq (l1->line, "G4 京港澳高速");
  ck_assert_uint_eq (l1->from, 0);
  ck_assert_uint_eq (l1->to, 1);
  ck_assert_int_eq (l1->mode, TNET_MODE_EXPRESSWAY);
  ck_assert_double_eq (l1->length_m, 10000);
  ck_assert (isnan (l1->speed_kmh));
  ck_assert_uint_eq (l1->time_ms, TNET_WEIGHT_INF);
  ck_assert (!l1->oneway);
  ck_assert_str_eq (l1->road_class, "expressway");
  ck_assert_int_eq (l1->open_year, 0);
  ck_assert_int_eq (l1->status, TNET_STATUS_EXISTING);
  ck_assert_str_eq (l1->tags[0], "corridor_zz");
  ck_assert_str_eq (l1->tags[1], "g4");
  ck_assert_ptr_null (l1->tags[2]);
  ck_assert (tnet_link_has_tag (l1, "g4"));
  ck_assert (!tnet_link_has_tag (l1, "g"));
  const TnetLink *l2 = tnet_network_link (net, 1);
  ck_assert (l2->oneway);
  ck_assert_int_eq (l2->open_year, 2023);
  ck_assert_int_eq (l2->status, TNET_STATUS_CONSTRUCTION);
  ck_assert_str_eq (l2->road_class, "I");
  const TnetLink *l3 = tnet_network_link (net, 2);
  ck_assert_uint_eq (l3->time_ms, 720000);   /* 12 minutes */
  ck_assert (l3->oneway);
  ck_assert_int_eq (l3->status, TNET_STATUS_EXISTING);
  ck_assert_ptr_null (l3->road_class);
  const TnetLink *l4 = tnet_network_link (net, 3);
  ck_assert_ptr_null (l4->line);
  ck_assert_double_eq (l4->speed_kmh, 50);
  ck_assert_double_eq (l4->length_m, 2500);
  ck_assert_int_eq (l4->status, TNET_STATUS_PLANNED);
  ck_assert_ptr_null (l4->tags[0]);
  const TnetLink *l5 = tnet_network_link (net, 4);
  ck_assert_int_eq (l5->status, TNET_STATUS_STUDY);
  ck_assert_str_eq (l5->source, "plan");
  ck_assert_str_eq (l5->confidence, "low");
  ck_assert (tnet_network_has_line (net, "G107"));
  ck_assert (tnet_network_has_line (net, "郑渝高铁"));
  ck_assert (!tnet_network_has_line (net, "G10"));
}
END_TEST

static void
assert_same_network (const TnetNetwork *x, const TnetNetwork *y)
{
  ck_assert_uint_eq (tnet_network_n_nodes (x), tnet_network_n_nodes (y));
  ck_assert_uint_eq (tnet_network_n_links (x), tnet_network_n_links (y));
  for (guint i = 0; i < tnet_network_n_nodes (x); i++)
    {
      const TnetNode *a = tnet_network_node (x, i), *b = tnet_network_node (y, i);
      ck_assert_str_eq (a->id, b->id);
      ck_assert_str_eq (a->name, b->name);
      ck_assert_pstr_eq (a->name_en, b->name_en);
      ck_assert_pstr_eq (a->county, b->county);
      ck_assert_pstr_eq (a->region, b->region);
      ck_assert_pstr_eq (a->source, b->source);
      ck_assert_pstr_eq (a->confidence, b->confidence);
      ck_assert_int_eq (a->kind, b->kind);
      ck_assert_double_eq (a->lon, b->lon);
      ck_assert_double_eq (a->lat, b->lat);
      ck_assert_double_eq (a->population, b->population);
    }
  for (guint i = 0; i < tnet_network_n_links (x); i++)
    {
      const TnetLink *a = tnet_network_link (x, i), *b = tnet_network_link (y, i);
      ck_assert_str_eq (a->id, b->id);
      ck_assert_pstr_eq (a->line, b->line);
      ck_assert_pstr_eq (a->road_class, b->road_class);
      ck_assert_pstr_eq (a->source, b->source);
      ck_assert_pstr_eq (a->confidence, b->confidence);
      ck_assert_uint_eq (a->from, b->from);
      ck_assert_uint_eq (a->to, b->to);
      ck_assert_int_eq (a->mode, b->mode);
      ck_assert_int_eq (a->status, b->status);
      ck_assert_double_eq_tol (a->length_m, b->length_m, 1e-9 * a->length_m);
      ck_assert (isnan (a->speed_kmh) ? isnan (b->speed_kmh) : a->speed_kmh == b->speed_kmh);
      ck_assert_uint_eq (a->time_ms, b->time_ms);
      ck_assert_int_eq (a->open_year, b->open_year);
      ck_assert_int_eq (a->oneway, b->oneway);
      guint k = 0;
      for (; a->tags[k]; k++)
        ck_assert_pstr_eq (a->tags[k], b->tags[k]);
      ck_assert_ptr_null (b->tags[k]);
    }
}

START_TEST (test_save_round_trip)
{
  g_autoptr (TnetNetwork) net = load_good ();
  /* awkward values: a leading '#', quotes, a line break, a long fraction */
  TnetNode n = { .id = "#d", .name = "line\nbreak \"q\"", .kind = TNET_NODE_PLACE,
                 .lon = 0.1 + 0.2, .lat = 1.0 / 3.0, .population = 7 };
  GError *error = NULL;
  ck_assert_uint_ne (tnet_network_add_node (net, &n, &error), TNET_ID_NONE);
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *sub = g_build_filename (dir, "out", "net", NULL);
  ck_assert_msg (tnet_network_save_csv (net, sub, &error), "%s", error ? error->message : "");
  g_autoptr (TnetNetwork) back = tnet_network_load_csv (sub, &error);
  ck_assert_msg (back != NULL, "%s", error ? error->message : "");
  assert_same_network (net, back);
  /* saving into a path under a file fails with an I/O error */
  g_autofree char *file_dir = g_build_filename (sub, "nodes.csv", "x", NULL);
  ck_assert (!tnet_network_save_csv (net, file_dir, &error));
  tt_assert_error (error, TNET_ERROR_IO, "nodes.csv");
  tt_rm_rf (sub);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  tt_rm_rf (out);
  tt_rm_rf (dir);
}
END_TEST

#define NODES_MIN "id,name,kind,lon,lat\na,A,zone,113,34\nb,B,zone,113.1,34.1\n"

/* A link's time_min is read once, to the nearest millisecond (worked out by
 * hand below), and the graph weighs the link that time (at least 1 ms);
 * saving writes those milliseconds back in minutes. */
START_TEST (test_link_time_ms)
{
  static const struct { const char *id, *min; TnetWeight ms, arc; const char *saved; } t[] = {
    { "t1", "1.5", 90000, 90000, "1.5" },
    { "t2", "0.0004", 24, 24, "0.0004" },                 /* 24.000000000000004 ms */
    { "t3", "0.00041", 25, 25, "0.00041666666666666669" }, /* 24.6 ms: 25 ms */
    { "t4", "0.0000083", 0, 1, "0" },                     /* 0.498 ms: 0, weighed 1 */
    { "t5", "0", 0, 1, "0" },
    { "t6", "10000", 600000000, 600000000, "10000" },
    { "t7", "", TNET_WEIGHT_INF, 60000, "" },             /* 1 km at 60 km/h */
  };
  g_autoptr (GString) links = g_string_new ("id,from,to,mode,line,length_km,speed_kmh,"
                                            "time_min,oneway\n");
  for (guint k = 0; k < G_N_ELEMENTS (t); k++)
    g_string_append_printf (links, "%s,a,b,road,,1,60,%s,1\n", t[k].id, t[k].min);
  g_autofree char *dir = write_net (NODES_MIN, links->str);
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  for (guint k = 0; k < G_N_ELEMENTS (t); k++)
    ck_assert_uint_eq (tnet_network_link (net, k)->time_ms, t[k].ms);

  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  TnetMetric *time = NULL;
  g_autoptr (TnetGraph) g = tnet_graph_compile_modes (net, scen, TNET_MODES_ROAD, &time, NULL,
                                                      &error);
  ck_assert_msg (g != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (tnet_graph_n_arcs (g), G_N_ELEMENTS (t));
  for (TnetId k = 0; k < tnet_graph_n_arcs (g); k++)
    ck_assert_uint_eq (tnet_metric_weight (time, k), t[tnet_graph_arc_link (g, k)].arc);
  tnet_metric_unref (time);

  g_autofree char *out = g_build_filename (dir, "out", NULL);
  ck_assert_msg (tnet_network_save_csv (net, out, &error), "%s", error ? error->message : "");
  g_autofree char *path = g_build_filename (out, "links.csv", NULL);
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  g_auto (GStrv) rows = g_strsplit (text, "\n", -1);
  for (guint k = 0; k < G_N_ELEMENTS (t); k++)
    {
      g_auto (GStrv) f = g_strsplit (rows[k + 1], ",", -1);
      ck_assert_str_eq (f[7], t[k].saved);
    }
  tt_rm_rf (out);
  tt_rm_rf (dir);
}
END_TEST
#define LINKS_HEAD "id,from,to,mode,line,length_km,speed_kmh,time_min,oneway,open_year,status\n"

/* Bad folders: (nodes, links, code, the place and message expected). */
static const struct {
  const char *nodes;
  const char *links;
  int code;
  const char *needle;
} bad_nets[] = {
  /* nodes.csv */
  { "", LINKS_HEAD, TNET_ERROR_INVALID_INPUT, "nodes.csv:1:1: empty file, expected a header" },
  { "id,name,kind,lon\na,A,zone,1\n", LINKS_HEAD, TNET_ERROR_INVALID_INPUT,
    "nodes.csv:1:1: missing column \"lat\"" },
  { "id,name,kind,lon,lat\na,A,depot,113,34\n", LINKS_HEAD, TNET_ERROR_INVALID_INPUT,
    "nodes.csv:2:5: expected a node kind (zone, station, stop, interchange, junction, place) "
    "for \"kind\", got \"depot\"" },
  { "id,name,kind,lon,lat\na,A,zone,abc,34\n", LINKS_HEAD, TNET_ERROR_INVALID_INPUT,
    "nodes.csv:2:10: expected a number for \"lon\", got \"abc\"" },
  { "id,name,kind,lon,lat\na,A,zone,200,34\n", LINKS_HEAD, TNET_ERROR_INVALID_INPUT,
    "nodes.csv:2:10: expected a longitude in [-180, 180] for \"lon\", got \"200\"" },
  { "id,name,kind,lon,lat\na,许昌,zone,113,95\n", LINKS_HEAD, TNET_ERROR_INVALID_INPUT,
    "nodes.csv:2:15: expected a latitude in [-90, 90] for \"lat\", got \"95\"" },
  { "id,name,kind,lon,lat\na,A,zone,113,\n", LINKS_HEAD, TNET_ERROR_INVALID_INPUT,
    "nodes.csv:2:14: expected a number for \"lat\", got an empty field" },
  { "id,name,kind,lon,lat\na,A,zone,113,nan\n", LINKS_HEAD, TNET_ERROR_INVALID_INPUT,
    "nodes.csv:2:14: expected a finite number for \"lat\", got \"nan\"" },
  { "id,name,kind,lon,lat,population\na,A,zone,113,34,-5\n", LINKS_HEAD,
    TNET_ERROR_INVALID_INPUT,
    "nodes.csv:2:17: expected a non-negative population for \"population\", got \"-5\"" },
  { "id,name,kind,lon,lat\na,A,zone,1,2\n# c\nb,B,zone,1,2\na,C,zone,1,2\n", LINKS_HEAD,
    TNET_ERROR_INVALID_INPUT, "nodes.csv:5:1: duplicate node id \"a\" (first on line 2)" },
  { "id,name,kind,lon,lat\n,A,zone,1,2\n", LINKS_HEAD, TNET_ERROR_INVALID_INPUT,
    "nodes.csv:2:1: expected a node id for \"id\", got an empty field" },
  { "id,name,kind,lon,lat\na,许\xff,zone,1,2\n", LINKS_HEAD, TNET_ERROR_INVALID_INPUT,
    "nodes.csv:2:4: invalid UTF-8 (byte 0xff)" },
  { "id,name,kind,lon,lat\na,A,zone,113\n", LINKS_HEAD, TNET_ERROR_INVALID_INPUT,
    "nodes.csv:2:13: expected 5 fields as in the header, got 4" },
  { "id,name,kind,lon,lat\na,A,zone,113,34,x\n", LINKS_HEAD, TNET_ERROR_INVALID_INPUT,
    "nodes.csv:2:17: expected 5 fields as in the header, got 6" },
  { "id,name,kind,lon,lat\na,A\"x,zone,113,34\n", LINKS_HEAD, TNET_ERROR_INVALID_INPUT,
    "nodes.csv:2:4: quote inside an unquoted field" },
  { "id,name,kind,lon,lat\na,\"A\"x,zone,113,34\n", LINKS_HEAD, TNET_ERROR_INVALID_INPUT,
    "nodes.csv:2:6: text after a closing quote" },
  { "id,name,kind,lon,lat\na,\"A,zone,113,34\n", LINKS_HEAD, TNET_ERROR_INVALID_INPUT,
    "nodes.csv:2:3: unterminated quote" },
  { NULL, LINKS_HEAD, TNET_ERROR_IO, "nodes.csv: cannot read" },
  /* links.csv */
  { NODES_MIN, NULL, TNET_ERROR_IO, "links.csv: cannot read" },
  { NODES_MIN, "", TNET_ERROR_INVALID_INPUT, "links.csv:1:1: empty file, expected a header" },
  { NODES_MIN, "# only a comment\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:1: empty file, expected a header" },
  { NODES_MIN, "id,from,to,mode,length_km\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:1:1: missing column \"line\"" },
  { NODES_MIN, LINKS_HEAD "l1,a,zz,road,,1,,,,,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:6: expected a node id of nodes.csv for \"to\", got unknown node \"zz\"" },
  { NODES_MIN, LINKS_HEAD "l1,,b,road,,1,,,,,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:4: expected a node id for \"from\", got an empty field" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,,1,,,,,\nl1,b,a,road,,1,,,,,\n",
    TNET_ERROR_INVALID_INPUT, "links.csv:3:1: duplicate link id \"l1\" (first on line 2)" },
  { NODES_MIN, LINKS_HEAD ",a,b,road,,1,,,,,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:1: expected a link id for \"id\", got an empty field" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,ship,,1,,,,,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:8: expected a mode (expressway, trunk, road, hsr, rail, suburban, metro, "
    "bus, walk, access) for \"mode\", got \"ship\"" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,,-1,,,,,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:14: expected a length in km in (0, 10000] for \"length_km\", got \"-1\"" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,,0,,,,,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:14: expected a length in km in (0, 10000]" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,,10001,,,,,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:14: expected a length in km in (0, 10000]" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,,NaN,,,,,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:14: expected a finite number for \"length_km\", got \"NaN\"" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,,inf,,,,,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:14: expected a finite number for \"length_km\", got \"inf\"" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,,,,,,,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:14: expected a number for \"length_km\", got an empty field" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,,1km,,,,,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:14: expected a number for \"length_km\", got \"1km\"" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,,1,-5,,,,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:16: expected a speed in km/h in (0, 1000] for \"speed_kmh\", got \"-5\"" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,,1,nan,,,,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:16: expected a finite number for \"speed_kmh\", got \"nan\"" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,,1,1200,,,,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:16: expected a speed in km/h in (0, 1000]" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,,1,,-2,,,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:17: expected a time in minutes in [0, 10000] for \"time_min\", got \"-2\"" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,,1,,,maybe,,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:18: expected 1, 0, true, false, yes, no or nothing for \"oneway\", got \"maybe\"" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,,1,,,,20x5,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:19: expected an integer for \"open_year\", got \"20x5\"" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,,1,,,,-3,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:19: expected a year in [0, 9999] for \"open_year\", got \"-3\"" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,,1,,,,,open\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:20: expected a status (existing, construction, planned, study) for "
    "\"status\", got \"open\"" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,\"G4\nx\",1,,,,,\nl2,a,b,road,,1,,,,,,\n",
    TNET_ERROR_INVALID_INPUT, "links.csv:4:21: expected 11 fields as in the header, got 12" },
  { NODES_MIN, LINKS_HEAD "l1,a,b,road,,1\xc3,,,,,\n", TNET_ERROR_INVALID_INPUT,
    "links.csv:2:15: invalid UTF-8 (byte 0xc3)" },
};

START_TEST (test_load_errors)
{
  g_autofree char *dir = write_net (bad_nets[_i].nodes, bad_nets[_i].links);
  GError *error = NULL;
  TnetNetwork *net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net == NULL, "case %d loaded", _i);
  tt_assert_error (error, bad_nets[_i].code, bad_nets[_i].needle);
  tt_rm_rf (dir);
}
END_TEST

/* The reported file is the path given: a folder name shows in messages. */
START_TEST (test_load_error_names_path)
{
  g_autofree char *dir = write_net (NODES_MIN, LINKS_HEAD "l1,a,q,road,,1,,,,,\n");
  GError *error = NULL;
  ck_assert_ptr_null (tnet_network_load_csv (dir, &error));
  g_autofree char *where = g_strdup_printf ("%s/links.csv:2:6:", dir);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, where);
  tt_rm_rf (dir);
}
END_TEST

/* ---- scenarios ---- */

START_TEST (test_scenario_active)
{
  g_autoptr (TnetNetwork) net = load_good ();
  g_autoptr (TnetScenario) s = tnet_scenario_new (2022);
  ck_assert_int_eq (tnet_scenario_get_year (s), 2022);
  ck_assert_uint_eq (tnet_scenario_get_statuses (s),
                     TNET_STATUS_BIT (TNET_STATUS_EXISTING) |
                     TNET_STATUS_BIT (TNET_STATUS_CONSTRUCTION) |
                     TNET_STATUS_BIT (TNET_STATUS_PLANNED));
  /* l1 always, l2 opens 2023, l3 opened 2019, l4 planned, l5 study */
  gboolean want_2022[] = { TRUE, FALSE, TRUE, TRUE, FALSE };
  for (TnetId i = 0; i < 5; i++)
    ck_assert_int_eq (tnet_scenario_link_active (s, net, i), want_2022[i]);
  tnet_scenario_set_year (s, 2023);
  ck_assert (tnet_scenario_link_active (s, net, 1));
  tnet_scenario_set_year (s, 2018);
  ck_assert (!tnet_scenario_link_active (s, net, 2));
  ck_assert (tnet_scenario_link_active (s, net, 0));
  tnet_scenario_set_year (s, 2025);
  tnet_scenario_set_statuses (s, TNET_STATUS_BIT (TNET_STATUS_EXISTING));
  gboolean want_existing[] = { TRUE, FALSE, TRUE, FALSE, FALSE };
  for (TnetId i = 0; i < 5; i++)
    ck_assert_int_eq (tnet_scenario_link_active (s, net, i), want_existing[i]);
  tnet_scenario_set_statuses (s, 0xF);
  ck_assert (tnet_scenario_link_active (s, net, 4));

  /* closures by id and by line */
  tnet_scenario_close_link (s, "l1");
  tnet_scenario_close_line (s, "G107");
  gboolean want_closed[] = { FALSE, FALSE, TRUE, TRUE, TRUE };
  for (TnetId i = 0; i < 5; i++)
    ck_assert_int_eq (tnet_scenario_link_active (s, net, i), want_closed[i]);
  GError *error = NULL;
  ck_assert (tnet_scenario_validate (s, net, &error));
  g_autoptr (TnetScenario) copy = tnet_scenario_copy (s);
  for (TnetId i = 0; i < 5; i++)
    ck_assert_int_eq (tnet_scenario_link_active (copy, net, i), want_closed[i]);
  tnet_scenario_close_line (copy, "G999");
  tnet_scenario_close_link (copy, "l9");
  ck_assert (!tnet_scenario_validate (copy, net, &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "closed link \"l9\"");
  ck_assert (tnet_scenario_validate (s, net, &error));
  g_autoptr (TnetScenario) s2 = tnet_scenario_new (2025);
  tnet_scenario_close_line (s2, "G999");
  ck_assert (!tnet_scenario_validate (s2, net, &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "closed line \"G999\"");
  tnet_scenario_close_line (s2, "G107");
  g_autoptr (TnetScenario) s3 = tnet_scenario_new (2025);
  tnet_scenario_override_speed (s3, "nope", 50);
  ck_assert (!tnet_scenario_validate (s3, net, &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "speed override of link \"nope\"");
  g_autoptr (TnetScenario) s4 = tnet_scenario_new (2025);
  tnet_scenario_override_time_ms (s4, "nope2", 300000);
  ck_assert (!tnet_scenario_validate (s4, net, &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "time override of link \"nope2\"");

  tnet_scenario_set_name (s, "plan");
  ck_assert_str_eq (tnet_scenario_get_name (s), "plan");
  ck_assert_double_eq (tnet_scenario_get_headway_factor (s, "G107"), 1.0);
  tnet_scenario_set_headway_factor (s, "G107", 2.0);
  ck_assert_double_eq (tnet_scenario_get_headway_factor (s, "G107"), 2.0);
}
END_TEST

/* A link tagged until:YYYY is replaced after YYYY (road upgrades). */
START_TEST (test_scenario_until_tag)
{
  g_autoptr (TnetNetwork) net = tnet_network_new ();
  GError *error = NULL;
  TnetNode a = { .id = "a", .name = "a", .lon = 113.8, .lat = 34.0 };
  TnetNode b = { .id = "b", .name = "b", .lon = 113.9, .lat = 34.0 };
  TnetId ia = tnet_network_add_node (net, &a, &error);
  TnetId ib = tnet_network_add_node (net, &b, &error);
  const char *old_tags[] = { "until:2024", NULL };
  const char *bad_tags[] = { "until:soon", NULL };
  const char *none[] = { NULL };
  TnetLink old = { .id = "old", .from = ia, .to = ib, .mode = TNET_MODE_TRUNK,
                   .length_m = 1000, .speed_kmh = NAN, .time_ms = TNET_WEIGHT_INF,
                   .tags = old_tags };
  TnetLink up = old;
  up.id = "old_up";
  up.open_year = 2025;
  up.tags = none;
  TnetLink odd = old;
  odd.id = "odd";
  odd.tags = bad_tags;
  ck_assert_uint_ne (tnet_network_add_link (net, &old, &error), TNET_ID_NONE);
  ck_assert_uint_ne (tnet_network_add_link (net, &up, &error), TNET_ID_NONE);
  ck_assert_uint_ne (tnet_network_add_link (net, &odd, &error), TNET_ID_NONE);
  const struct { int year; gboolean old, up; } want[] = {
    { 2020, TRUE, FALSE }, { 2024, TRUE, FALSE }, { 2025, FALSE, TRUE }, { 2030, FALSE, TRUE },
  };
  for (guint k = 0; k < G_N_ELEMENTS (want); k++)
    {
      g_autoptr (TnetScenario) s = tnet_scenario_new (want[k].year);
      ck_assert_int_eq (tnet_scenario_link_active (s, net, 0), want[k].old);
      ck_assert_int_eq (tnet_scenario_link_active (s, net, 1), want[k].up);
      /* a malformed until: tag is ignored, not misread */
      ck_assert (tnet_scenario_link_active (s, net, 2));
    }
}
END_TEST

START_TEST (test_scenario_times)
{
  g_autoptr (TnetNetwork) net = load_good ();
  g_autoptr (TnetScenario) s = tnet_scenario_new (2025);
  /* l1: 10 km expressway at the default 120 km/h */
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, net, 0), 300000);
  /* l2: 6 km trunk class I at 80 km/h */
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, net, 1), 270000);
  /* l3: fixed 12 min wins over 30 km at 300 km/h */
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, net, 2), 720000);
  /* l4: 2.5 km at its own 50 km/h */
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, net, 3), 180000);
  /* l5: 1 km road at 40 */
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, net, 4), 90000);

  /* override speed beats the link's speed and its fixed time */
  tnet_scenario_override_speed (s, "l4", 100);
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, net, 3), 90000);
  tnet_scenario_override_speed (s, "l3", 200);
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, net, 2), 540000);
  /* a later override replaces the earlier one */
  tnet_scenario_override_speed (s, "l3", 150);
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, net, 2), 720000);
  /* override time beats override speed */
  tnet_scenario_override_time_ms (s, "l3", 420000);
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, net, 2), 420000);
  /* the time as given, in ms (29.999 min), at least 1, at most
   * TNET_WEIGHT_MAX; minutes round to the nearest ms where they are read */
  tnet_scenario_override_time_ms (s, "l1", 1799940);
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, net, 0), 1799940);
  tnet_scenario_override_time_ms (s, "l1", tnet_weight_from_min (1.00001));    /* 60000.6 ms */
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, net, 0), 60001);
  tnet_scenario_override_time_ms (s, "l1", tnet_weight_from_min (1.000004));   /* 60000.24 */
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, net, 0), 60000);
  tnet_scenario_override_time_ms (s, "l1", 0);
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, net, 0), 1);
  tnet_scenario_override_time_ms (s, "l1", tnet_weight_from_min (1e9));
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, net, 0), TNET_WEIGHT_MAX);
  tnet_scenario_override_speed (s, "l2", 0.001);     /* 6 km take 6000 h */
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, net, 1), TNET_WEIGHT_MAX);
  tnet_scenario_override_speed (s, "l2", 7.2);       /* 6 km in 3000000 ms */
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, net, 1), 3000000);

  /* a 1 m walk at 4.8 km/h takes 750 ms; a 0.1 m one rounds to 75 */
  g_autoptr (TnetNetwork) w = tnet_network_new ();
  TnetNode n = { .id = "n", .name = "n" };
  GError *error = NULL;
  tnet_network_add_node (w, &n, &error);
  TnetLink l = plain_link ("w", 0, 0);
  l.mode = TNET_MODE_WALK;
  l.length_m = 1;
  tnet_network_add_link (w, &l, &error);
  l.id = "w2";
  l.length_m = 0.1;
  tnet_network_add_link (w, &l, &error);
  l.id = "w3";
  l.length_m = 0.0001;
  tnet_network_add_link (w, &l, &error);
  ck_assert_ptr_null (error);
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, w, 0), 750);
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, w, 1), 75);
  ck_assert_uint_eq (tnet_scenario_link_time_ms (s, w, 2), 1);
}
END_TEST

/* The column table: indices of present columns, -1 for an absent optional
 * one, and the first missing required column named at line 1. */
START_TEST (test_csv_bind)
{
  GError *error = NULL;
  const char *text = "b,a,c\n1,2,3\n";
  g_autoptr (TnetCsv) csv = csv_of (text, 0, &error);
  ck_assert (tnet_i_csv_read_header (csv, &error));
  int ca = -7, cb = -7, cd = -7;
  const TnetCsvColumn ok[] = { { "a", TRUE, &ca }, { "b", TRUE, &cb }, { "d", FALSE, &cd } };
  ck_assert (tnet_i_csv_bind (csv, ok, G_N_ELEMENTS (ok), &error));
  ck_assert_int_eq (ca, 1);
  ck_assert_int_eq (cb, 0);
  ck_assert_int_eq (cd, -1);
  const TnetCsvColumn bad[] = { { "a", TRUE, &ca }, { "e", FALSE, &cd }, { "y", TRUE, &cb },
                                { "x", TRUE, &cb } };
  ck_assert (!tnet_i_csv_bind (csv, bad, G_N_ELEMENTS (bad), &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "t.csv:1:1: missing column \"y\"");
  ck_assert_int_eq (tnet_i_csv_next (csv, &error), 1);
  double d;
  gint64 n;
  ck_assert (tnet_i_csv_double_in (csv, 1, TRUE, 0.0, 2.0, FALSE, "a share", 0.0, &d, &error));
  ck_assert_double_eq (d, 2.0);
  ck_assert (!tnet_i_csv_double_in (csv, 1, TRUE, 0.0, 1.5, FALSE, "a share", 0.0, &d, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT,
                   "t.csv:2:3: expected a share for \"a\", got \"2\"");
  ck_assert (!tnet_i_csv_double_in (csv, 0, TRUE, 1.0, 5.0, TRUE, "x", 0.0, &d, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "t.csv:2:1: expected x for \"b\"");
  ck_assert (tnet_i_csv_double_in (csv, -1, FALSE, 1.0, 5.0, TRUE, "x", -3.0, &d, &error));
  ck_assert_double_eq (d, -3.0);
  ck_assert (!tnet_i_csv_int_in (csv, 2, TRUE, 4, 9, "a small count", 0, &n, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT,
                   "t.csv:2:5: expected a small count for \"c\", got \"3\"");
  ck_assert (tnet_i_csv_int_in (csv, 2, TRUE, 3, 3, "three", 0, &n, &error));
  ck_assert_int_eq (n, 3);
  ck_assert_ptr_null (tnet_i_csv_opt_text (csv, -1));
  ck_assert_str_eq (tnet_i_csv_text (csv, 2, "c", &error), "3");
}
END_TEST

/* Writes @text to @dir/@name and returns the path (free it). */
static char *
put (const char *dir, const char *name, const char *text)
{
  tt_write_file (dir, name, text);
  return g_build_filename (dir, name, NULL);
}

static void
expect_located (GError **error, const char *needle)
{
  tt_assert_error (*error, TNET_ERROR_INVALID_INPUT, needle);
}

/* Every table loader, through the one column table: a missing required
 * column is named at line 1 column 1 of its file, and a bad number at the
 * line and character column of its field (counted by hand below). */
START_TEST (test_loaders_locate_errors)
{
  g_autofree char *dir = tt_mkdtemp ();
  GError *error = NULL;
  const char *nodes_ok = "id,name,kind,lon,lat,county\na,A,zone,113,34,C\nb,B,zone,113.1,34,C\n";

  /* nodes.csv: "a,A,zone," is 9 characters, so lon starts at column 10 */
  g_free (put (dir, "nodes.csv", "id,name,kind,lat\na,A,zone,34\n"));
  ck_assert_ptr_null (tnet_network_load_csv (dir, &error));
  expect_located (&error, "nodes.csv:1:1: missing column \"lon\"");
  g_free (put (dir, "nodes.csv", "id,name,kind,lon,lat\na,A,zone,x1,34\n"));
  ck_assert_ptr_null (tnet_network_load_csv (dir, &error));
  expect_located (&error, "nodes.csv:2:10: expected a number for \"lon\", got \"x1\"");
  /* links.csv: "l,a,b,road,R," is 13 characters */
  g_free (put (dir, "nodes.csv", nodes_ok));
  g_free (put (dir, "links.csv", "id,from,to,line,length_km\nl,a,b,R,1\n"));
  ck_assert_ptr_null (tnet_network_load_csv (dir, &error));
  expect_located (&error, "links.csv:1:1: missing column \"mode\"");
  g_free (put (dir, "links.csv", "id,from,to,mode,line,length_km\nl,a,b,road,R,1km\n"));
  ck_assert_ptr_null (tnet_network_load_csv (dir, &error));
  expect_located (&error, "links.csv:2:14: expected a number for \"length_km\", got \"1km\"");
  g_free (put (dir, "links.csv", "id,from,to,mode,line,length_km\nl,a,b,road,R,1\n"));
  g_free (put (dir, "link_geometry.csv", "id\nl\n"));
  ck_assert_ptr_null (tnet_network_load_csv (dir, &error));
  expect_located (&error, "link_geometry.csv:1:1: missing column \"geometry\"");
  /* a row of link_geometry.csv: its link, its WKT ("l," is 2 characters) and
   * the network's own check, placed at the geometry field */
  g_free (put (dir, "link_geometry.csv", "id,geometry\nzz,\"LINESTRING (113 34, 113.1 34)\"\n"));
  ck_assert_ptr_null (tnet_network_load_csv (dir, &error));
  expect_located (&error, "link_geometry.csv:2:1: expected a link id of links.csv for \"id\", "
                  "got unknown link \"zz\"");
  g_free (put (dir, "link_geometry.csv", "id,geometry\nl,POINT (113 34)\n"));
  ck_assert_ptr_null (tnet_network_load_csv (dir, &error));
  expect_located (&error, "link_geometry.csv:2:3: expected a WKT \"LINESTRING (lon lat, lon lat, "
                  "...)\" for \"geometry\"");
  g_free (put (dir, "link_geometry.csv", "id,geometry\nl,LINESTRING (113 34)\n"));
  ck_assert_ptr_null (tnet_network_load_csv (dir, &error));
  expect_located (&error, "link_geometry.csv:2:3: link \"l\": a geometry needs at least 2 "
                  "points, got 1");
  g_autofree char *geom = g_build_filename (dir, "link_geometry.csv", NULL);
  g_remove (geom);
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");

  /* hubs.csv: "H,existing," is 11 characters; hub_walks.csv: "H,a,b," is 6 */
  g_autofree char *walks_ok = put (dir, "hub_walks.csv", "hub,from,to,walk_min\n");
  g_autofree char *hubs = put (dir, "hubs.csv", "id,kind\nH,existing\n");
  ck_assert_ptr_null (tnet_hub_set_load_csv (NULL, hubs, walks_ok, &error));
  expect_located (&error, "hubs.csv:1:1: missing column \"members\"");
  g_free (put (dir, "hubs.csv", "id,kind,target_transfer_min,members\nH,existing,5min,a;b\n"));
  ck_assert_ptr_null (tnet_hub_set_load_csv (NULL, hubs, walks_ok, &error));
  expect_located (&error, "hubs.csv:2:12: expected a number for \"target_transfer_min\", "
                  "got \"5min\"");
  g_free (put (dir, "hubs.csv", "id,kind,members\nH,existing,a;b\n"));
  g_autofree char *walks = put (dir, "walks.csv", "hub,from,to\nH,a,b\n");
  ck_assert_ptr_null (tnet_hub_set_load_csv (NULL, hubs, walks, &error));
  expect_located (&error, "walks.csv:1:1: missing column \"walk_min\"");
  g_free (put (dir, "walks.csv", "hub,from,to,walk_min\nH,a,b,x\n"));
  ck_assert_ptr_null (tnet_hub_set_load_csv (NULL, hubs, walks, &error));
  expect_located (&error, "walks.csv:2:7: expected a number for \"walk_min\", got \"x\"");

  /* targets.csv: "i,N,u," is 6 characters */
  g_autofree char *targets = put (dir, "targets.csv", "indicator,name,unit,baseline_2020,"
                                  "target_2025\ni,N,u,1,2\n");
  ck_assert_ptr_null (tnet_target_table_load_csv (targets, &error));
  expect_located (&error, "targets.csv:1:1: missing column \"comparison\"");
  g_free (put (dir, "targets.csv", "indicator,name,unit,baseline_2020,target_2025,comparison\n"
               "i,N,u,1.5.2,2,ge\n"));
  ck_assert_ptr_null (tnet_target_table_load_csv (targets, &error));
  expect_located (&error, "targets.csv:2:7: expected a number for \"baseline_2020\", "
                  "got \"1.5.2\"");

  /* units.csv has no number column */
  g_autofree char *units = put (dir, "units.csv", "unit,name,counties\nU,N,C\n");
  ck_assert_ptr_null (tnet_unit_table_load_csv (net, units, &error));
  expect_located (&error, "units.csv:1:1: missing column \"seat_node\"");

  /* zones.csv: "z,113," is 6 characters */
  g_autofree char *zones = put (dir, "zones.csv", "id,lon\nz,113\n");
  ck_assert_ptr_null (tnet_zone_table_load (zones, &error));
  expect_located (&error, "zones.csv:1:1: missing column \"lat\"");
  g_free (put (dir, "zones.csv", "id,lon,lat\nz,113,abc\n"));
  ck_assert_ptr_null (tnet_zone_table_load (zones, &error));
  expect_located (&error, "zones.csv:2:7: expected a number for \"lat\", got \"abc\"");
  g_free (put (dir, "zones.csv", "id,lon,lat\nz,113,91\n"));
  ck_assert_ptr_null (tnet_zone_table_load (zones, &error));
  expect_located (&error, "zones.csv:2:7: expected a latitude in [-90, 90]");
  tt_rm_rf (dir);
}
END_TEST

/* The bundled data set loads (it is part of the tree: missing is a failure,
 * not a silent pass). */
START_TEST (test_bundled_data)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  g_autofree char *nodes = g_build_filename (dir, "nodes.csv", NULL);
  ck_assert_msg (g_file_test (nodes, G_FILE_TEST_EXISTS), "%s is missing", nodes);
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  ck_assert_uint_gt (tnet_network_n_nodes (net), 10);
  ck_assert_uint_gt (tnet_network_n_links (net), 10);
  guint n_expressway = 0, n_rail = 0;
  for (guint i = 0; i < tnet_network_n_links (net); i++)
    {
      TnetMode m = tnet_network_link (net, i)->mode;
      n_expressway += m == TNET_MODE_EXPRESSWAY;
      n_rail += (TNET_MODE_BIT (m) & TNET_MODES_RAIL) != 0;
    }
  ck_assert_uint_gt (n_expressway, 0);
  ck_assert_uint_gt (n_rail, 0);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("network");
  TCase *tc = tcase_create ("csv");
  tcase_add_test (tc, test_csv_quoting);
  tcase_add_test (tc, test_csv_comments_only_with_flag);
  tcase_add_loop_test (tc, test_csv_errors, 0, G_N_ELEMENTS (csv_bad));
  tcase_add_test (tc, test_csv_max_line);
  tcase_add_test (tc, test_csv_typed);
  tcase_add_test (tc, test_csv_bind);
  suite_add_tcase (s, tc);
  tc = tcase_create ("model");
  tcase_add_test (tc, test_names);
  tcase_add_test (tc, test_default_speeds);
  tcase_add_test (tc, test_add_validation);
  suite_add_tcase (s, tc);
  tc = tcase_create ("network-csv");
  tcase_add_test (tc, test_load_values);
  tcase_add_test (tc, test_save_round_trip);
  tcase_add_test (tc, test_link_time_ms);
  tcase_add_loop_test (tc, test_load_errors, 0, G_N_ELEMENTS (bad_nets));
  tcase_add_test (tc, test_load_error_names_path);
  tcase_add_test (tc, test_bundled_data);
  tcase_add_test (tc, test_loaders_locate_errors);
  suite_add_tcase (s, tc);
  tc = tcase_create ("scenario");
  tcase_add_test (tc, test_scenario_active);
  tcase_add_test (tc, test_scenario_until_tag);
  tcase_add_test (tc, test_scenario_times);
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
