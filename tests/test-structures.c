/* test-structures.c: rings and axes (structures.csv) on hand-built
 * networks whose answers are worked out in the comments, the loader's
 * located errors, and the bundled data set, whose verdicts are derived here
 * from links.csv and structures.csv with an independent union-find check. */
#include "tnet-internal.h"
#include "tests-common.h"
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

static TnetId
node (TnetNetwork *net, const char *id, double lon, double lat)
{
  TnetNode n = { .id = id, .kind = TNET_NODE_JUNCTION, .lon = lon, .lat = lat };
  GError *error = NULL;
  TnetId v = tnet_network_add_node (net, &n, &error);
  ck_assert_msg (v != TNET_ID_NONE, "%s", error ? error->message : "");
  return v;
}

static const char *const no_tags[] = { NULL };

static TnetId
link_full (TnetNetwork *net, const char *id, TnetId a, TnetId b, const char *line,
           TnetStatus status, int open_year, const char *const *tags)
{
  TnetLink l = { .id = id, .line = line, .tags = tags, .from = a, .to = b,
                 .mode = TNET_MODE_EXPRESSWAY, .status = status, .length_m = 10000,
                 .speed_kmh = NAN, .time_ms = TNET_WEIGHT_INF, .open_year = open_year };
  GError *error = NULL;
  TnetId i = tnet_network_add_link (net, &l, &error);
  ck_assert_msg (i != TNET_ID_NONE, "%s", error ? error->message : "");
  return i;
}

static TnetId
edge (TnetNetwork *net, const char *id, TnetId a, TnetId b, const char *line,
      TnetStatus status, int open_year)
{
  return link_full (net, id, a, b, line, status, open_year, no_tags);
}

/* Loads @csv (written to a temporary structures.csv) against @net. */
static TnetStructureSet *
load (const TnetNetwork *net, const char *csv, GError **error)
{
  g_autofree char *dir = tt_mkdtemp ();
  tt_write_file (dir, "structures.csv", csv);
  g_autofree char *path = g_build_filename (dir, "structures.csv", NULL);
  TnetStructureSet *set = tnet_structure_set_load_csv (net, path, error);
  tt_rm_rf (dir);
  return set;
}

static TnetStructureState *
judge (const TnetNetwork *net, const TnetStructureSet *set, guint i, int year)
{
  g_autoptr (TnetScenario) scen = tnet_scenario_new (year);
  GError *error = NULL;
  TnetStructureState *st = tnet_structure_analyse (net, tnet_structure_set_get (set, i), scen,
                                                   &error);
  ck_assert_msg (st != NULL, "%s", error ? error->message : "");
  return st;
}

/* A square a(113.0,34.0) b(113.2,34.0) c(113.2,34.2) d(113.0,34.2) of four
 * 10 km links on line R, with centre z(113.1,34.1) inside it and a spur
 * c–e on the same line. */
static TnetNetwork *
square (TnetStatus r3_status, int r3_year)
{
  TnetNetwork *net = tnet_network_new ();
  TnetId a = node (net, "a", 113.0, 34.0), b = node (net, "b", 113.2, 34.0);
  TnetId c = node (net, "c", 113.2, 34.2), d = node (net, "d", 113.0, 34.2);
  TnetId e = node (net, "e", 113.4, 34.4);
  node (net, "z", 113.1, 34.1);
  edge (net, "r1", a, b, "R", TNET_STATUS_EXISTING, 0);
  edge (net, "r2", b, c, "R", TNET_STATUS_EXISTING, 0);
  edge (net, "r3", c, d, "R", r3_status, r3_year);
  edge (net, "r4", d, a, "R", TNET_STATUS_EXISTING, 0);
  edge (net, "r5", c, e, "R", TNET_STATUS_EXISTING, 0);
  return net;
}

START_TEST (test_closed_ring)
{
  g_autoptr (TnetNetwork) net = square (TNET_STATUS_EXISTING, 0);
  GError *error = NULL;
  g_autoptr (TnetStructureSet) set = load (net, "structure,kind,name,line,from,to,centre\n"
                                                "ring,ring,环,R,,,z\n", &error);
  ck_assert_msg (set != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetStructureState) st = judge (net, set, 0, 2020);
  /* the whole line: 5 links of 10 km, all open; the cycle a-b-c-d holds
   * z, the spur c-e does not matter */
  ck_assert_int_eq (st->verdict, TNET_STRUCTURE_COMPLETE);
  ck_assert_double_eq_tol (st->length_m, 50000, 1e-6);
  ck_assert_double_eq_tol (st->built_m, 50000, 1e-6);
  ck_assert_double_eq_tol (st->share, 1.0, 1e-12);
  ck_assert_uint_eq (st->n_gaps, 0);
  ck_assert_uint_eq (st->n_route, 4);
}
END_TEST

START_TEST (test_ring_missing_link)
{
  g_autoptr (TnetNetwork) net = square (TNET_STATUS_CONSTRUCTION, 2025);
  GError *error = NULL;
  g_autoptr (TnetStructureSet) set = load (net, "structure,kind,name,line,from,to,centre\n"
                                                "ring,ring,环,R,a,d,z\n", &error);
  ck_assert_msg (set != NULL, "%s", error ? error->message : "");
  /* the stretch a→d along R is r4 alone (10 km) against a-b-c-d (30 km):
   * a one-member ring of one link cannot be a cycle */
  ck_assert_uint_eq (tnet_structure_set_get (set, 0)->members[0].n_links, 1);
  tnet_structure_set_free (g_steal_pointer (&set));

  set = load (net, "structure,kind,name,line,from,to,centre\n"
                   "ring,ring,环,R,a,b,z\n"
                   "ring,,,R,b,c,\n"
                   "ring,,,R,c,d,\n"
                   "ring,,,R,d,a,\n", &error);
  ck_assert_msg (set != NULL, "%s", error ? error->message : "");
  /* one side per member; 2020: r3 opens in 2025, so 30 of 40 km are
   * built and r3 is the one gap */
  g_autoptr (TnetStructureState) st = judge (net, set, 0, 2020);
  ck_assert_int_eq (st->verdict, TNET_STRUCTURE_GAPS);
  ck_assert_double_eq_tol (st->length_m, 40000, 1e-6);
  ck_assert_double_eq_tol (st->built_m, 30000, 1e-6);
  ck_assert_double_eq_tol (st->pending_m[TNET_STATUS_CONSTRUCTION], 10000, 1e-6);
  ck_assert_double_eq_tol (st->share, 0.75, 1e-12);
  ck_assert_uint_eq (st->n_gaps, 1);
  ck_assert_str_eq (tnet_network_link (net, st->gaps[0].link)->id, "r3");
  g_autoptr (TnetStructureState) st25 = judge (net, set, 0, 2025);
  ck_assert_int_eq (st25->verdict, TNET_STRUCTURE_COMPLETE);
  ck_assert_uint_eq (st25->n_gaps, 0);
}
END_TEST

START_TEST (test_ring_off_centre)
{
  g_autoptr (TnetNetwork) net = square (TNET_STATUS_EXISTING, 0);
  GError *error = NULL;
  /* the same closed square, but the centre (114.0, 34.1) lies east of it */
  g_autoptr (TnetStructureSet) set = load (net, "structure,kind,name,line,from,to,centre\n"
                                                "ring,ring,环,R,,,114.0 34.1\n", &error);
  ck_assert_msg (set != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetStructureState) st = judge (net, set, 0, 2020);
  ck_assert_int_eq (st->verdict, TNET_STRUCTURE_OFF_CENTRE);
  ck_assert_uint_eq (st->n_gaps, 0);
  ck_assert_double_eq_tol (st->share, 1.0, 1e-12);
  /* a path (a→b→c only) is no cycle at all */
  g_autoptr (TnetStructureSet) path = load (net, "structure,kind,name,line,from,to,centre\n"
                                                 "ring,ring,环,R,a,c,z\n", &error);
  ck_assert_msg (path != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetStructureState) sp = judge (net, path, 0, 2020);
  ck_assert_int_eq (sp->verdict, TNET_STRUCTURE_DISCONNECTED);
}
END_TEST

START_TEST (test_ring_break)
{
  g_autoptr (TnetNetwork) net = tnet_network_new ();
  TnetId a = node (net, "a", 113.0, 34.0), b = node (net, "b", 113.2, 34.0);
  TnetId c = node (net, "c", 113.2, 34.2), d = node (net, "d", 113.0, 34.2);
  node (net, "z", 113.1, 34.1);
  edge (net, "r1", a, b, "R", TNET_STATUS_EXISTING, 0);
  edge (net, "r2", b, c, "R", TNET_STATUS_EXISTING, 0);
  edge (net, "s1", d, a, "S", TNET_STATUS_EXISTING, 0);
  GError *error = NULL;
  /* c and d are joined by no link: the connector member is a break */
  g_autoptr (TnetStructureSet) set = load (net, "structure,kind,name,line,from,to,centre\n"
                                                "ring,ring,环,R,a,c,z\n"
                                                "ring,,,,c,d,\n"
                                                "ring,,,S,d,a,\n", &error);
  ck_assert_msg (set != NULL, "%s", error ? error->message : "");
  ck_assert (!tnet_structure_set_get (set, 0)->members[1].resolved);
  g_autoptr (TnetStructureState) st = judge (net, set, 0, 2025);
  ck_assert_int_eq (st->verdict, TNET_STRUCTURE_BREAK);
  ck_assert_uint_eq (st->n_gaps, 1);
  ck_assert_uint_eq (st->gaps[0].link, TNET_ID_NONE);
  ck_assert_uint_eq (MIN (st->gaps[0].from, st->gaps[0].to), c < d ? c : d);
  /* c–d: 0.2° of longitude at 34.2° N = 0.2 · cos 34.2° · 111.195 km
   * = 18.39 km (equirectangular, good to 0.1 % at this size) */
  ck_assert_double_eq_tol (st->gaps[0].length_m, 0.2 * cos (34.2 * G_PI / 180) * 111195, 20);
  /* the break is not counted in the length: 30 km of links, all built */
  ck_assert_double_eq_tol (st->length_m, 30000, 1e-6);
  ck_assert_double_eq_tol (st->share, 1.0, 1e-12);
}
END_TEST

START_TEST (test_axis_study_link)
{
  g_autoptr (TnetNetwork) net = tnet_network_new ();
  TnetId p1 = node (net, "p1", 113.0, 34.0), p2 = node (net, "p2", 113.1, 34.0);
  TnetId p3 = node (net, "p3", 113.2, 34.0), p4 = node (net, "p4", 113.3, 34.0);
  TnetId p5 = node (net, "p5", 113.15, 34.1);
  edge (net, "a1", p1, p2, "A", TNET_STATUS_EXISTING, 0);
  edge (net, "a2", p2, p3, "A", TNET_STATUS_STUDY, 2030);
  edge (net, "a3", p3, p4, "A", TNET_STATUS_EXISTING, 0);
  edge (net, "d1", p2, p5, "D", TNET_STATUS_CONSTRUCTION, 2027);
  edge (net, "d2", p5, p3, "D", TNET_STATUS_CONSTRUCTION, 2027);
  GError *error = NULL;
  g_autoptr (TnetStructureSet) set = load (net, "structure,kind,name,line,from,to,ends\n"
                                                "ax,axis,轴,A,,,p1;p4\n"
                                                "ax,,,D,,,\n", &error);
  ck_assert_msg (set != NULL, "%s", error ? error->message : "");
  /* 2025: a2 (study) and d1 d2 (2027) are closed; the smallest set is
   * a2 alone (one link against two) */
  g_autoptr (TnetStructureState) st = judge (net, set, 0, 2025);
  ck_assert_int_eq (st->verdict, TNET_STRUCTURE_GAPS);
  ck_assert_uint_eq (st->n_gaps, 1);
  const TnetLink *gap = tnet_network_link (net, st->gaps[0].link);
  ck_assert_str_eq (gap->id, "a2");
  ck_assert_int_eq (gap->status, TNET_STATUS_STUDY);
  ck_assert_int_eq (gap->open_year, 2030);
  ck_assert_double_eq_tol (st->pending_m[TNET_STATUS_STUDY], 10000, 1e-6);
  ck_assert_double_eq_tol (st->pending_m[TNET_STATUS_CONSTRUCTION], 20000, 1e-6);
  ck_assert_double_eq_tol (st->built_m, 20000, 1e-6);
  /* 2027: the detour is open, the axis is joined */
  g_autoptr (TnetStructureState) st27 = judge (net, set, 0, 2027);
  ck_assert_int_eq (st27->verdict, TNET_STRUCTURE_COMPLETE);
  /* a scenario that counts study items: joined along A */
  g_autoptr (TnetScenario) study = tnet_scenario_new (2030);
  tnet_scenario_set_statuses (study, (1u << TNET_N_STATUSES) - 1);
  g_autoptr (TnetStructureState) s30 = tnet_structure_analyse (
    net, tnet_structure_set_get (set, 0), study, &error);
  ck_assert_int_eq (s30->verdict, TNET_STRUCTURE_COMPLETE);
  ck_assert_uint_eq (s30->n_route, 3);
}
END_TEST

START_TEST (test_stretch_parallel)
{
  g_autoptr (TnetNetwork) net = tnet_network_new ();
  TnetId q1 = node (net, "q1", 113.0, 34.0), q2 = node (net, "q2", 113.1, 34.0);
  TnetId q3 = node (net, "q3", 113.2, 34.0), q4 = node (net, "q4", 113.3, 34.0);
  TnetId q9 = node (net, "q9", 113.1, 34.3);
  static const char *const until[] = { "until:2024", NULL };
  edge (net, "l1", q1, q2, "L", TNET_STATUS_EXISTING, 0);
  link_full (net, "l_old", q2, q3, "L", TNET_STATUS_EXISTING, 0, until);
  edge (net, "l_up", q2, q3, "L", TNET_STATUS_CONSTRUCTION, 2025);
  edge (net, "l3", q3, q4, "L", TNET_STATUS_EXISTING, 0);
  edge (net, "spur", q2, q9, "L", TNET_STATUS_EXISTING, 0);
  GError *error = NULL;
  g_autoptr (TnetStructureSet) set = load (net, "structure,kind,name,line,from,to,ends\n"
                                                "ax,axis,轴,L,q1,q4,q1;q4\n", &error);
  ck_assert_msg (set != NULL, "%s", error ? error->message : "");
  /* the stretch: l1, both q2–q3 links, l3; not the spur */
  ck_assert_uint_eq (tnet_structure_set_get (set, 0)->members[0].n_links, 4);
  for (int year = 2020; year <= 2025; year += 5)
    {
      g_autoptr (TnetStructureState) st = judge (net, set, 0, year);
      /* three stretches of 10 km, the parallel pair counted once */
      ck_assert_double_eq_tol (st->length_m, 30000, 1e-6);
      ck_assert_int_eq (st->verdict, TNET_STRUCTURE_COMPLETE);
    }
}
END_TEST

/* Whether a set's members were chosen by length (the uncertainty draws
 * load a set once per thread only when not): a stretch of line L in
 * test_stretch_parallel's network has two parallel q2-q3 links (a cycle
 * q2-q3-q2: the way depends on the lengths) -> by length; the same axis
 * without l_old (a simple path q1-q2-q3-q4 with a spur) -> not; the square
 * ring taken as a whole line (no from/to: every link of R, no choice) ->
 * not; a stretch a -> c of the square (two ways round, a-b-c and a-d-c,
 * 20 km each) -> by length. */
/* A stretch is the shortest way along the line by length, not by count
 * of links: line K joins p1 and p4 by one 50 km link and by p1-p2-p3-p4,
 * three links of 10, 12 and 10 km (32 km) with a second 12 km p2-p3 track.
 * p1 -> p4 is the three-step way plus its parallel track: k1, k2, k2b, k3
 * (hand-counted; fewest links would be k_long). With k_long at 31 km it
 * is k_long alone. */
START_TEST (test_stretch_by_length)
{
  for (int short_long = 0; short_long <= 1; short_long++)
    {
      g_autoptr (TnetNetwork) net = tnet_network_new ();
      TnetId p[4];
      for (int i = 0; i < 4; i++)
        {
          g_autofree char *id = g_strdup_printf ("p%d", i + 1);
          p[i] = node (net, id, 113.0 + 0.1 * i, 34.0);
        }
      struct { const char *id; int a, b; double km; } ls[] = {
        { "k_long", 0, 3, short_long ? 31 : 50 }, { "k1", 0, 1, 10 }, { "k2", 1, 2, 12 },
        { "k3", 2, 3, 10 }, { "k2b", 2, 1, 12 },
      };
      for (guint i = 0; i < G_N_ELEMENTS (ls); i++)
        {
          TnetLink l = { .id = ls[i].id, .line = "K", .tags = no_tags, .from = p[ls[i].a],
                         .to = p[ls[i].b], .mode = TNET_MODE_EXPRESSWAY,
                         .status = TNET_STATUS_EXISTING, .length_m = ls[i].km * 1000,
                         .speed_kmh = NAN, .time_ms = TNET_WEIGHT_INF };
          GError *err = NULL;
          ck_assert_msg (tnet_network_add_link (net, &l, &err) != TNET_ID_NONE, "%s",
                         err ? err->message : "");
        }
      GError *error = NULL;
      g_autoptr (TnetStructureSet) set = load (net, "structure,kind,name,line,from,to,ends\n"
                                                    "ax,axis,轴,K,p1,p4,p1;p4\n", &error);
      ck_assert_msg (set != NULL, "%s", error ? error->message : "");
      const TnetStructure *s = tnet_structure_set_get (set, 0);
      GString *got = g_string_new (NULL);
      for (guint k = 0; k < s->members[0].n_links; k++)
        g_string_append_printf (got, "%s%s", k ? "," : "",
                                tnet_network_link (net, s->members[0].links[k])->id);
      const char *want = short_long ? "k_long" : "k1,k2b,k2,k3";
      ck_assert_str_eq (got->str, want);
      g_string_free (got, TRUE);
      ck_assert (tnet_i_structure_set_by_length (set));
    }
}
END_TEST

START_TEST (test_set_by_length)
{
  for (int with_old = 0; with_old <= 1; with_old++)
    {
      g_autoptr (TnetNetwork) net = tnet_network_new ();
      TnetId q1 = node (net, "q1", 113.0, 34.0), q2 = node (net, "q2", 113.1, 34.0);
      TnetId q3 = node (net, "q3", 113.2, 34.0), q4 = node (net, "q4", 113.3, 34.0);
      TnetId q9 = node (net, "q9", 113.1, 34.3);
      edge (net, "l1", q1, q2, "L", TNET_STATUS_EXISTING, 0);
      if (with_old)
        edge (net, "l_old", q2, q3, "L", TNET_STATUS_EXISTING, 0);
      edge (net, "l_up", q2, q3, "L", TNET_STATUS_CONSTRUCTION, 2025);
      edge (net, "l3", q3, q4, "L", TNET_STATUS_EXISTING, 0);
      edge (net, "spur", q2, q9, "L", TNET_STATUS_EXISTING, 0);
      GError *error = NULL;
      g_autoptr (TnetStructureSet) set = load (net, "structure,kind,name,line,from,to,ends\n"
                                                    "ax,axis,轴,L,q1,q4,q1;q4\n", &error);
      ck_assert_msg (set != NULL, "%s", error ? error->message : "");
      ck_assert_int_eq (tnet_i_structure_set_by_length (set), with_old);
    }
  g_autoptr (TnetNetwork) sq = square (TNET_STATUS_EXISTING, 0);
  GError *error = NULL;
  g_autoptr (TnetStructureSet) whole = load (sq, "structure,kind,name,line,from,to,centre\n"
                                                 "ring,ring,环,R,,,z\n", &error);
  ck_assert_msg (whole != NULL, "%s", error ? error->message : "");
  ck_assert (!tnet_i_structure_set_by_length (whole));
  g_autoptr (TnetStructureSet) half = load (sq, "structure,kind,name,line,from,to,ends\n"
                                                "ax,axis,轴,R,a,c,a;c\n", &error);
  ck_assert_msg (half != NULL, "%s", error ? error->message : "");
  ck_assert (tnet_i_structure_set_by_length (half));
}
END_TEST

START_TEST (test_loader_errors)
{
  g_autoptr (TnetNetwork) net = square (TNET_STATUS_EXISTING, 0);
  static const struct { const char *csv; const char *needle; } bad[] = {
    { "structure,kind,name,line,from,to,centre\nr,loop,x,R,,,z\n",
      "structures.csv:2:3: expected ring or axis" },
    { "structure,kind,name,line,from,to,centre\nr,ring,x,Q,,,z\n",
      "structures.csv:2:10: expected a line of links.csv" },
    { "structure,kind,name,line,from,to,centre\nr,ring,x,R,,,nowhere\n",
      "expected a node id of nodes.csv or \"LON LAT\"" },
    { "structure,kind,name,line,from,to,centre\nr,ring,x,R,a,,z\n",
      "structures.csv:2:14: expected both from and to" },
    { "structure,kind,name,line,from,to,centre\nr,ring,x,R,,,z\nr,,y,R,,,\n",
      "structures.csv:3:4: expected the structure's name \"x\"" },
    { "structure,kind,name,line,from,to,centre,confidence\nr,ring,x,R,,,z,sure\n",
      "expected high, medium or low" },
    { "structure,kind,name,line,from,to,ends\nx,axis,x,R,,,a\n",
      "expected two ends" },
    { "structure,kind,name,line,from,to\nx,axis,x,R,,\n", "an axis needs an ends column" },
    { "structure,kind,name,line,from\n", "\"to\"" },
    { "structure,kind,name,line,from,to,centre,links\nr,ring,x,,,,z,r1;zz\n",
      "expected link ids of links.csv" },
    { "structure,kind,name,line,from,to,centre\nr,ring,x,,,,z\n",
      "expected a line, links, or the two nodes" },
  };
  for (guint k = 0; k < G_N_ELEMENTS (bad); k++)
    {
      GError *error = NULL;
      TnetStructureSet *set = load (net, bad[k].csv, &error);
      ck_assert_msg (set == NULL, "case %u loaded", k);
      tt_assert_error (error, TNET_ERROR_INVALID_INPUT, bad[k].needle);
    }
}
END_TEST

/* ---- the bundled data, with an oracle written from the files ---- */

/* Splits one CSV line (RFC 4180 quotes). */
static GPtrArray *
split_csv (const char *line)
{
  GPtrArray *f = g_ptr_array_new_with_free_func (g_free);
  GString *cur = g_string_new (NULL);
  gboolean quoted = FALSE;
  for (const char *p = line; *p && *p != '\n' && *p != '\r'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            g_string_append_c (cur, *p++);
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (cur, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        {
          g_ptr_array_add (f, g_string_free (cur, FALSE));
          cur = g_string_new (NULL);
        }
      else
        g_string_append_c (cur, *p);
    }
  g_ptr_array_add (f, g_string_free (cur, FALSE));
  return f;
}

/* A table: header names -> column, and the rows (comments skipped). */
typedef struct {
  GPtrArray *header;
  GPtrArray *rows;   /* of GPtrArray * */
} Table;

static Table
read_table (const char *name)
{
  g_autofree char *rel = g_strdup_printf ("data/xuchang/%s", name);
  g_autofree char *path = tt_source_path (rel);
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  Table t = { NULL, g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref) };
  for (guint i = 0; lines[i]; i++)
    {
      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      if (t.header == NULL)
        t.header = split_csv (lines[i]);
      else
        g_ptr_array_add (t.rows, split_csv (lines[i]));
    }
  return t;
}

static const char *
get (const Table *t, const GPtrArray *row, const char *col)
{
  for (guint k = 0; k < t->header->len; k++)
    if (strcmp (t->header->pdata[k], col) == 0)
      return k < row->len ? row->pdata[k] : "";
  return "";
}

typedef struct {
  char *from, *to;        /* ends as in links.csv */
  char *line, *id;
  int open_year;          /* 0 = blank */
  gboolean study;
  int until;              /* 0 = none */
} OLink;

static gboolean
olink_active (const OLink *l, int year)
{
  return (l->open_year == 0 || l->open_year <= year) && !l->study
         && (l->until == 0 || l->until >= year);
}

/* union-find over node ids */
static const char *
uf_find (GHashTable *parent, const char *v)
{
  const char *p;
  while ((p = g_hash_table_lookup (parent, v)) && strcmp (p, v) != 0)
    v = p;
  return v;
}

static void
uf_union (GHashTable *parent, const char *a, const char *b)
{
  if (!g_hash_table_contains (parent, a))
    g_hash_table_insert (parent, (gpointer) a, (gpointer) a);
  if (!g_hash_table_contains (parent, b))
    g_hash_table_insert (parent, (gpointer) b, (gpointer) b);
  g_hash_table_insert (parent, (gpointer) uf_find (parent, a), (gpointer) uf_find (parent, b));
}

static char *
pair_key (const char *a, const char *b)
{
  return strcmp (a, b) < 0 ? g_strdup_printf ("%s|%s", a, b) : g_strdup_printf ("%s|%s", b, a);
}

/* The links of @line from @a to @b by breadth-first search along the line
 * (every link of the line between two consecutive nodes); FALSE when @b is
 * not reached. */
static gboolean
stretch (GPtrArray *links, const char *line, const char *a, const char *b, GPtrArray *out)
{
  g_autoptr (GHashTable) prev = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GQueue) q = g_queue_new ();
  g_hash_table_insert (prev, (gpointer) a, (gpointer) a);
  g_queue_push_tail (q, (gpointer) a);
  while (!g_queue_is_empty (q))
    {
      const char *v = g_queue_pop_head (q);
      for (guint i = 0; i < links->len; i++)
        {
          const OLink *l = links->pdata[i];
          if (strcmp (l->line, line) != 0)
            continue;
          const char *w = strcmp (l->from, v) == 0 ? l->to : strcmp (l->to, v) == 0 ? l->from
                                                                                    : NULL;
          if (w && !g_hash_table_contains (prev, w))
            {
              g_hash_table_insert (prev, (gpointer) w, (gpointer) v);
              g_queue_push_tail (q, (gpointer) w);
            }
        }
    }
  if (!g_hash_table_contains (prev, b))
    return FALSE;
  for (const char *v = b; strcmp (v, a) != 0;)
    {
      const char *u = g_hash_table_lookup (prev, v);
      for (guint i = 0; i < links->len; i++)
        {
          const OLink *l = links->pdata[i];
          if (strcmp (l->line, line) == 0
              && ((strcmp (l->from, u) == 0 && strcmp (l->to, v) == 0)
                  || (strcmp (l->from, v) == 0 && strcmp (l->to, u) == 0)))
            g_ptr_array_add (out, (gpointer) l);
        }
      v = u;
    }
  return TRUE;
}

static void
olink_free (gpointer p)
{
  OLink *l = p;
  g_free (l->from);
  g_free (l->to);
  g_free (l->line);
  g_free (l->id);
  g_free (l);
}

START_TEST (test_bundled)
{
  Table lt = read_table ("links.csv"), nt = read_table ("nodes.csv"),
        stt = read_table ("structures.csv");
  g_autoptr (GPtrArray) links = g_ptr_array_new_with_free_func (olink_free);
  for (guint r = 0; r < lt.rows->len; r++)
    {
      GPtrArray *row = lt.rows->pdata[r];
      OLink *l = g_new0 (OLink, 1);
      l->id = g_strdup (get (&lt, row, "id"));
      l->from = g_strdup (get (&lt, row, "from"));
      l->to = g_strdup (get (&lt, row, "to"));
      l->line = g_strdup (get (&lt, row, "line"));
      l->open_year = atoi (get (&lt, row, "open_year"));
      l->study = strcmp (get (&lt, row, "status"), "study") == 0;
      const char *u = strstr (get (&lt, row, "tags"), "until:");
      l->until = u ? atoi (u + 6) : 0;
      g_ptr_array_add (links, l);
    }
  g_autoptr (GHashTable) lon = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) coords = g_ptr_array_new_with_free_func (g_free);
  for (guint r = 0; r < nt.rows->len; r++)
    {
      GPtrArray *row = nt.rows->pdata[r];
      double *c = g_new (double, 2);
      c[0] = g_ascii_strtod (get (&nt, row, "lon"), NULL);
      c[1] = g_ascii_strtod (get (&nt, row, "lat"), NULL);
      g_ptr_array_add (coords, c);
      g_hash_table_insert (lon, (gpointer) get (&nt, row, "id"), c);
    }

  /* the library's verdicts */
  g_autofree char *dir = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  g_autofree char *path = g_build_filename (dir, "structures.csv", NULL);
  g_autoptr (TnetStructureSet) set = tnet_structure_set_load_csv (net, path, &error);
  ck_assert_msg (set != NULL, "%s", error ? error->message : "");
  /* the plan's 两环六纵三横: 2 rings and 9 axes */
  guint n_rings = 0, n_axes = 0;
  for (guint i = 0; i < tnet_structure_set_n_structures (set); i++)
    *(tnet_structure_set_get (set, i)->kind == TNET_STRUCTURE_RING ? &n_rings : &n_axes) += 1;
  ck_assert_uint_eq (n_rings, 2);
  ck_assert_uint_eq (n_axes, 9);

  int rings_closed[2] = { 0, 0 };
  static const int years[2] = { 2020, 2025 };
  for (guint i = 0; i < tnet_structure_set_n_structures (set); i++)
    {
      const TnetStructure *s = tnet_structure_set_get (set, i);
      /* the oracle's members: its own reading of structures.csv */
      g_autoptr (GPtrArray) mlinks = g_ptr_array_new ();
      g_autoptr (GPtrArray) breaks = g_ptr_array_new_with_free_func (g_free);
      const char *centre = NULL, *ends = NULL;
      for (guint r = 0; r < stt.rows->len; r++)
        {
          GPtrArray *row = stt.rows->pdata[r];
          if (strcmp (get (&stt, row, "structure"), s->id) != 0)
            continue;
          if (*get (&stt, row, "centre"))
            centre = get (&stt, row, "centre");
          if (*get (&stt, row, "ends"))
            ends = get (&stt, row, "ends");
          const char *line = get (&stt, row, "line"), *a = get (&stt, row, "from"),
                     *b = get (&stt, row, "to");
          ck_assert_msg (*a && *b, "%s: the oracle reads stretches only", s->id);
          gboolean ok = FALSE;
          if (*line)
            ok = stretch (links, line, a, b, mlinks);
          else
            for (guint k = 0; k < links->len; k++)
              {
                const OLink *l = links->pdata[k];
                if ((!strcmp (l->from, a) && !strcmp (l->to, b))
                    || (!strcmp (l->from, b) && !strcmp (l->to, a)))
                  {
                    g_ptr_array_add (mlinks, (gpointer) l);
                    ok = TRUE;
                  }
              }
          if (!ok)
            g_ptr_array_add (breaks, pair_key (a, b));
        }
      for (int y = 0; y < 2; y++)
        {
          /* stretches (node pairs) in all, and open in the year */
          g_autoptr (GHashTable) all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              NULL);
          g_autoptr (GHashTable) open = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                               NULL);
          g_autoptr (GHashTable) parent = g_hash_table_new (g_str_hash, g_str_equal);
          g_autoptr (GHashTable) degree = g_hash_table_new (g_str_hash, g_str_equal);
          for (guint k = 0; k < mlinks->len; k++)
            {
              const OLink *l = mlinks->pdata[k];
              char *key = pair_key (l->from, l->to);
              if (!g_hash_table_contains (all, key))
                {
                  for (int e = 0; e < 2; e++)
                    {
                      const char *v = e ? l->to : l->from;
                      g_hash_table_insert (degree, (gpointer) v, GINT_TO_POINTER (
                        GPOINTER_TO_INT (g_hash_table_lookup (degree, v)) + 1));
                    }
                  g_hash_table_add (all, g_strdup (key));
                }
              if (olink_active (l, years[y]))
                {
                  g_hash_table_add (open, g_strdup (key));
                  uf_union (parent, l->from, l->to);
                }
              g_free (key);
            }
          /* expected gaps: every stretch not open, and every break */
          g_autoptr (GHashTable) expect = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                 g_free, NULL);
          GHashTableIter it;
          gpointer key;
          g_hash_table_iter_init (&it, all);
          while (g_hash_table_iter_next (&it, &key, NULL))
            if (!g_hash_table_contains (open, key))
              g_hash_table_add (expect, g_strdup (key));
          for (guint k = 0; k < breaks->len; k++)
            g_hash_table_add (expect, g_strdup (breaks->pdata[k]));
          gboolean complete;
          if (s->kind == TNET_STRUCTURE_RING)
            {
              /* the declared stretches, breaks included, must make one
               * simple cycle (every node of degree 2) for this oracle */
              for (guint k = 0; k < breaks->len; k++)
                {
                  g_auto (GStrv) ab = g_strsplit (breaks->pdata[k], "|", 2);
                  for (int e = 0; e < 2; e++)
                    {
                      const char *v = g_hash_table_lookup (lon, ab[e]) ? ab[e] : NULL;
                      ck_assert (v);
                      GHashTableIter di;
                      gpointer dk, dv;
                      gboolean found = FALSE;
                      g_hash_table_iter_init (&di, degree);
                      while (g_hash_table_iter_next (&di, &dk, &dv))
                        if (strcmp (dk, v) == 0)
                          {
                            g_hash_table_iter_replace (&di, GINT_TO_POINTER (
                              GPOINTER_TO_INT (dv) + 1));
                            found = TRUE;
                          }
                      ck_assert_msg (found, "%s: break end %s on no stretch", s->id, v);
                    }
                }
              GHashTableIter di;
              gpointer dk, dv;
              g_hash_table_iter_init (&di, degree);
              while (g_hash_table_iter_next (&di, &dk, &dv))
                ck_assert_msg (GPOINTER_TO_INT (dv) == 2, "%s: node %s has degree %d",
                               s->id, (char *) dk, GPOINTER_TO_INT (dv));
              /* closed: no break, every stretch open, the open stretches
               * connected (one union-find class), and the centre inside
               * (ray casting over the cycle's stretches, which needs no
               * order: each stretch is one polygon edge) */
              gboolean connected = TRUE;
              const char *root = NULL;
              g_hash_table_iter_init (&di, degree);
              while (g_hash_table_iter_next (&di, &dk, NULL))
                {
                  if (!g_hash_table_contains (parent, dk))
                    connected = FALSE;
                  else if (root == NULL)
                    root = uf_find (parent, dk);
                  else if (strcmp (root, uf_find (parent, dk)) != 0)
                    connected = FALSE;
                }
              const double *cz = g_hash_table_lookup (lon, centre);
              ck_assert_msg (cz, "%s: centre %s", s->id, centre);
              gboolean inside = FALSE;
              g_hash_table_iter_init (&it, all);
              while (g_hash_table_iter_next (&it, &key, NULL))
                {
                  g_auto (GStrv) ab = g_strsplit (key, "|", 2);
                  const double *p = g_hash_table_lookup (lon, ab[0]);
                  const double *q = g_hash_table_lookup (lon, ab[1]);
                  if ((p[1] > cz[1]) != (q[1] > cz[1])
                      && cz[0] < (q[0] - p[0]) * (cz[1] - p[1]) / (q[1] - p[1]) + p[0])
                    inside = !inside;
                }
              for (guint k = 0; k < breaks->len; k++)
                {
                  g_auto (GStrv) ab = g_strsplit (breaks->pdata[k], "|", 2);
                  const double *p = g_hash_table_lookup (lon, ab[0]);
                  const double *q = g_hash_table_lookup (lon, ab[1]);
                  if ((p[1] > cz[1]) != (q[1] > cz[1])
                      && cz[0] < (q[0] - p[0]) * (cz[1] - p[1]) / (q[1] - p[1]) + p[0])
                    inside = !inside;
                }
              ck_assert_msg (inside, "%s: the declared cycle does not enclose %s", s->id, centre);
              complete = breaks->len == 0 && g_hash_table_size (expect) == 0 && connected;
              rings_closed[y] += complete;
            }
          else
            {
              /* joined: some node of one end and one of the other in one
               * union-find class of the open stretches */
              g_auto (GStrv) e = g_strsplit (ends, ";", 2);
              complete = g_hash_table_contains (parent, e[0]) && g_hash_table_contains (parent, e[1])
                         && strcmp (uf_find (parent, e[0]), uf_find (parent, e[1])) == 0;
            }
          g_autoptr (TnetStructureState) st = judge (net, set, i, years[y]);
          ck_assert_msg ((st->verdict == TNET_STRUCTURE_COMPLETE) == complete,
                         "%s %d: library says %s, the link table says %s", s->id, years[y],
                         tnet_structure_verdict_to_string (st->verdict),
                         complete ? "complete" : "incomplete");
          if (!complete)
            {
              /* the gaps are the stretches not open and the breaks */
              ck_assert_msg (st->n_gaps == g_hash_table_size (expect), "%s %d: %u gaps, expected %u",
                             s->id, years[y], st->n_gaps, g_hash_table_size (expect));
              for (guint g = 0; g < st->n_gaps; g++)
                {
                  g_autofree char *k = pair_key (tnet_network_node (net, st->gaps[g].from)->id,
                                                 tnet_network_node (net, st->gaps[g].to)->id);
                  ck_assert_msg (g_hash_table_contains (expect, k), "%s %d: unexpected gap %s",
                                 s->id, years[y], k);
                }
            }
        }
    }

  /* the report's count of closed rings, 2020 beside 2025 */
  g_autoptr (TnetScenario) s20 = tnet_scenario_new (2020);
  g_autoptr (TnetScenario) s25 = tnet_scenario_new (2025);
  const TnetScenario *cols[2] = { s20, s25 };
  g_autofree char *ds_dir = tt_source_path ("data/xuchang");
  g_autoptr (TnetDataset) ds = tnet_dataset_load (ds_dir, NULL, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetReport) rep = tnet_report_compute (ds, cols, 2, &error);
  ck_assert_msg (rep != NULL, "%s", error ? error->message : "");
  ck_assert_double_eq (tnet_report_get_value (rep, 0, "rings_closed"), rings_closed[0]);
  ck_assert_double_eq (tnet_report_get_value (rep, 1, "rings_closed"), rings_closed[1]);
  g_autofree char *text = tnet_report_to_text (rep);
  for (guint i = 0; i < tnet_structure_set_n_structures (set); i++)
    ck_assert_msg (strstr (text, tnet_structure_set_get (set, i)->name),
                   "report lacks %s", tnet_structure_set_get (set, i)->name);
  g_ptr_array_unref (lt.header);
  g_ptr_array_unref (lt.rows);
  g_ptr_array_unref (nt.header);
  g_ptr_array_unref (nt.rows);
  g_ptr_array_unref (stt.header);
  g_ptr_array_unref (stt.rows);
}
END_TEST

START_TEST (test_map_layer)
{
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *out = g_build_filename (dir, "s.svg", NULL);
  g_autofree char *data = tt_source_path ("data/xuchang");
  TtRun r = tt_run_tnet ("map", "--data", data, "--layer", "structures", "--scenario", "2025",
                         "-q", "-o", out, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  gsize len = 0;
  g_autofree char *svg = NULL;
  ck_assert (g_file_get_contents (out, &svg, &len, NULL));
  ck_assert (len > 1000 && strstr (svg, "<svg") != NULL);
  /* gaps are dashed: cairo writes stroke-dasharray for them */
  ck_assert (strstr (svg, "stroke-dasharray") != NULL);
  tt_run_clear (&r);
  /* a folder without structures.csv: an error, exit 1 */
  g_autofree char *empty = g_build_filename (dir, "net", NULL);
  g_mkdir (empty, 0755);
  g_autofree char *nodes = g_build_filename (data, "nodes.csv", NULL);
  g_autofree char *links = g_build_filename (data, "links.csv", NULL);
  g_autofree char *nt = NULL, *lt = NULL;
  ck_assert (g_file_get_contents (nodes, &nt, NULL, NULL));
  ck_assert (g_file_get_contents (links, &lt, NULL, NULL));
  tt_write_file (empty, "nodes.csv", nt);
  tt_write_file (empty, "links.csv", lt);
  r = tt_run_tnet ("map", "--data", empty, "--layer", "structures", "-q", "-o", out, NULL);
  ck_assert_int_ne (r.status, 0);
  ck_assert_msg (strstr (r.err, "structures.csv") != NULL, "%s", r.err);
  tt_run_clear (&r);
  tt_rm_rf (dir);
}
END_TEST

static Suite *
structures_suite (void)
{
  Suite *s = suite_create ("structures");
  TCase *tc = tcase_create ("hand-built");
  tcase_add_test (tc, test_closed_ring);
  tcase_add_test (tc, test_ring_missing_link);
  tcase_add_test (tc, test_ring_off_centre);
  tcase_add_test (tc, test_ring_break);
  tcase_add_test (tc, test_axis_study_link);
  tcase_add_test (tc, test_stretch_parallel);
  tcase_add_test (tc, test_stretch_by_length);
  tcase_add_test (tc, test_set_by_length);
  tcase_add_test (tc, test_loader_errors);
  suite_add_tcase (s, tc);
  TCase *data = tcase_create ("bundled");
  tcase_set_timeout (data, 120);
  tcase_add_test (data, test_bundled);
  tcase_add_test (data, test_map_layer);
  suite_add_tcase (s, data);
  return s;
}

int
main (void)
{
  return tt_run_suite (structures_suite ());
}
