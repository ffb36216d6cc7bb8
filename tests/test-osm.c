/* test-osm.c: OpenStreetMap import (tag rules on a hand-written .osm file,
 * the Monaco extract, errors). */
#include "tests-common.h"
#include "osm-parking-count.h"
#include <gio/gio.h>
#include <stdio.h>
#include <sys/wait.h>
#include <json-glib/json-glib.h>

/* A small town. Nodes 1..9 on a line of latitude 0.001° apart (about
 * 111.2 m), node 99 is referenced but missing from the file. */
static const char *town_osm =
  "<?xml version='1.0' encoding='UTF-8'?>\n"
  "<osm version='0.6' generator='hand'>\n"
  " <node id='1' lat='0.000' lon='0.0' version='1'/>\n"
  " <node id='2' lat='0.001' lon='0.0' version='1'/>\n"
  " <node id='3' lat='0.002' lon='0.0' version='1'/>\n"
  " <node id='4' lat='0.003' lon='0.0' version='1'/>\n"
  " <node id='5' lat='0.004' lon='0.0' version='1'/>\n"
  " <node id='6' lat='0.005' lon='0.0' version='1'/>\n"
  " <node id='7' lat='0.006' lon='0.0' version='1'/>\n"
  " <node id='8' lat='0.007' lon='0.0' version='1'/>\n"
  " <node id='9' lat='0.008' lon='0.0' version='1'/>\n"
  /* two-way residential 1-2-3 */
  " <way id='10' version='1'><nd ref='1'/><nd ref='2'/><nd ref='3'/>"
  "<tag k='highway' v='residential'/><tag k='name' v='Rua A'/></way>\n"
  /* oneway primary 3-4 in mph */
  " <way id='11' version='1'><nd ref='3'/><nd ref='4'/>"
  "<tag k='highway' v='primary'/><tag k='oneway' v='yes'/><tag k='maxspeed' v='30 mph'/>"
  "<tag k='ref' v='N1'/></way>\n"
  /* oneway=-1: drawn 4 -> 5, traffic runs 5 -> 4 */
  " <way id='12' version='1'><nd ref='4'/><nd ref='5'/>"
  "<tag k='highway' v='secondary'/><tag k='oneway' v='-1'/><tag k='maxspeed' v='PT:urban'/></way>\n"
  /* roundabout 5-6: oneway by implication, motorway_link: expressway */
  " <way id='13' version='1'><nd ref='5'/><nd ref='6'/>"
  "<tag k='highway' v='motorway_link'/><tag k='junction' v='roundabout'/></way>\n"
  /* reversible: skipped */
  " <way id='14' version='1'><nd ref='6'/><nd ref='7'/>"
  "<tag k='highway' v='tertiary'/><tag k='oneway' v='reversible'/></way>\n"
  /* footway and private: skipped; access=no but motor_vehicle=yes: kept */
  " <way id='15' version='1'><nd ref='6'/><nd ref='7'/><tag k='highway' v='footway'/></way>\n"
  " <way id='16' version='1'><nd ref='6'/><nd ref='7'/>"
  "<tag k='highway' v='service'/><tag k='access' v='private'/></way>\n"
  " <way id='17' version='1'><nd ref='6'/><nd ref='7'/><nd ref='8'/>"
  "<tag k='highway' v='unclassified'/><tag k='access' v='no'/><tag k='motor_vehicle' v='yes'/>"
  "<tag k='maxspeed' v='45'/></way>\n"
  /* a way through a missing node: 8-99-9 leaves no link */
  " <way id='18' version='1'><nd ref='8'/><nd ref='99'/><nd ref='9'/>"
  "<tag k='highway' v='trunk'/></way>\n"
  /* not a road at all */
  " <way id='19' version='1'><nd ref='1'/><nd ref='9'/><tag k='building' v='yes'/></way>\n"
  "</osm>\n";

static const TnetLink *
link_by_id (const TnetNetwork *net, const char *id)
{
  TnetId k = tnet_network_find_link (net, id);
  ck_assert_msg (k != TNET_ID_NONE, "link %s missing", id);
  return tnet_network_link (net, k);
}

static const char *
node_id (const TnetNetwork *net, TnetId v)
{
  return tnet_network_node (net, v)->id;
}

START_TEST (test_tag_rules)
{
  g_autofree char *dir = tt_mkdtemp ();
  tt_write_file (dir, "town.osm", town_osm);
  g_autofree char *path = g_build_filename (dir, "town.osm", NULL);
  GError *error = NULL;
  TnetNetwork *net = tnet_network_load_osm (path, NULL, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  /* links: w10_0 w10_1 w11_0 w12_0 w13_0 w17_0 w17_1 */
  ck_assert_uint_eq (tnet_network_n_links (net), 7);
  ck_assert_uint_eq (tnet_network_n_nodes (net), 8);   /* 1..8 */
  ck_assert (tnet_network_find_node (net, "9") == TNET_ID_NONE);
  ck_assert (tnet_network_find_node (net, "99") == TNET_ID_NONE);

  const TnetLink *l = link_by_id (net, "w10_1");
  ck_assert_str_eq (node_id (net, l->from), "2");
  ck_assert_str_eq (node_id (net, l->to), "3");
  ck_assert (!l->oneway);
  ck_assert_int_eq (l->mode, TNET_MODE_ROAD);
  ck_assert_str_eq (l->line, "Rua A");
  ck_assert_str_eq (l->road_class, "residential");
  ck_assert_double_eq_tol (l->speed_kmh, 30, 1e-9);
  ck_assert_double_eq_tol (l->length_m, 111.195, 0.01);

  l = link_by_id (net, "w11_0");
  ck_assert (l->oneway);
  ck_assert_str_eq (node_id (net, l->from), "3");
  ck_assert_int_eq (l->mode, TNET_MODE_TRUNK);
  ck_assert_str_eq (l->line, "N1");
  ck_assert_double_eq_tol (l->speed_kmh, 30 * 1.609344, 1e-9);

  l = link_by_id (net, "w12_0");      /* oneway=-1: runs 5 -> 4 */
  ck_assert (l->oneway);
  ck_assert_str_eq (node_id (net, l->from), "5");
  ck_assert_str_eq (node_id (net, l->to), "4");
  ck_assert_double_eq_tol (l->speed_kmh, 60, 1e-9);   /* PT:urban -> class default */

  l = link_by_id (net, "w13_0");
  ck_assert (l->oneway);
  ck_assert_int_eq (l->mode, TNET_MODE_EXPRESSWAY);
  ck_assert_str_eq (node_id (net, l->from), "5");

  ck_assert (tnet_network_find_link (net, "w14_0") == TNET_ID_NONE);
  ck_assert (tnet_network_find_link (net, "w15_0") == TNET_ID_NONE);
  ck_assert (tnet_network_find_link (net, "w16_0") == TNET_ID_NONE);
  l = link_by_id (net, "w17_1");
  ck_assert_double_eq_tol (l->speed_kmh, 45, 1e-9);
  ck_assert_str_eq (l->source, "osm:w17");
  ck_assert (tnet_network_find_link (net, "w18_0") == TNET_ID_NONE);
  tnet_network_free (net);

  /* degree-2 contraction: node 2 (inside way 10 only) and node 7 go */
  TnetOsmOptions o;
  tnet_osm_options_init (&o);
  o.contract_degree2 = TRUE;
  o.speed_kmh[TNET_OSM_RESIDENTIAL] = 25;
  net = tnet_network_load_osm (path, &o, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  ck_assert (tnet_network_find_node (net, "2") == TNET_ID_NONE);
  ck_assert (tnet_network_find_node (net, "7") == TNET_ID_NONE);
  ck_assert_uint_eq (tnet_network_n_nodes (net), 6);
  ck_assert_uint_eq (tnet_network_n_links (net), 5);
  l = link_by_id (net, "w10_0");
  ck_assert_str_eq (node_id (net, l->from), "1");
  ck_assert_str_eq (node_id (net, l->to), "3");
  ck_assert_double_eq_tol (l->length_m, 2 * 111.195, 0.02);
  ck_assert_double_eq_tol (l->speed_kmh, 25, 1e-9);
  ck_assert (tnet_network_find_link (net, "w10_1") == TNET_ID_NONE);
  l = link_by_id (net, "w17_0");
  ck_assert_str_eq (node_id (net, l->to), "8");
  tnet_network_free (net);
  tt_rm_rf (dir);
}
END_TEST

/* The walk profile: which pedestrian ways are kept, as walk links both ways
 * with the highway value as class; without the option none is. */
static const char *walk_osm =
  "<?xml version='1.0' encoding='UTF-8'?>\n"
  "<osm version='0.6' generator='hand'>\n"
  " <node id='1' lat='0.000' lon='0.0' version='1'/>\n"
  " <node id='2' lat='0.001' lon='0.0' version='1'/>\n"
  " <node id='3' lat='0.002' lon='0.0' version='1'/>\n"
  " <way id='20' version='1'><nd ref='1'/><nd ref='2'/><tag k='highway' v='footway'/>"
  "<tag k='footway' v='crossing'/><tag k='name' v='Rua A'/></way>\n"
  " <way id='21' version='1'><nd ref='2'/><nd ref='3'/><tag k='highway' v='path'/>"
  "<tag k='foot' v='no'/></way>\n"
  " <way id='22' version='1'><nd ref='2'/><nd ref='3'/><tag k='highway' v='cycleway'/></way>\n"
  " <way id='23' version='1'><nd ref='2'/><nd ref='3'/><tag k='highway' v='cycleway'/>"
  "<tag k='foot' v='designated'/></way>\n"
  " <way id='24' version='1'><nd ref='1'/><nd ref='3'/><tag k='highway' v='steps'/>"
  "<tag k='access' v='private'/></way>\n"
  " <way id='25' version='1'><nd ref='1'/><nd ref='3'/><tag k='highway' v='pedestrian'/>"
  "<tag k='area' v='yes'/></way>\n"
  " <way id='26' version='1'><nd ref='1'/><nd ref='3'/><tag k='highway' v='motorway'/></way>\n"
  "</osm>\n";

START_TEST (test_walk_profile)
{
  g_autofree char *dir = tt_mkdtemp ();
  tt_write_file (dir, "walk.osm", walk_osm);
  g_autofree char *path = g_build_filename (dir, "walk.osm", NULL);
  GError *error = NULL;
  TnetNetwork *net = tnet_network_load_osm (path, NULL, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (tnet_network_n_links (net), 1);   /* the motorway */
  tnet_network_free (net);
  TnetOsmOptions o;
  tnet_osm_options_init (&o);
  o.walk_ways = TRUE;
  net = tnet_network_load_osm (path, &o, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (tnet_network_n_links (net), 3);
  const TnetLink *l = link_by_id (net, "w20_0");
  ck_assert_int_eq (l->mode, TNET_MODE_WALK);
  ck_assert_str_eq (l->road_class, "footway");
  ck_assert_str_eq (l->line, "Rua A");
  ck_assert (!l->oneway);
  ck_assert_double_eq_tol (l->length_m, 111.195, 0.02);
  l = link_by_id (net, "w23_0");
  ck_assert_int_eq (l->mode, TNET_MODE_WALK);
  ck_assert_str_eq (l->road_class, "cycleway");
  l = link_by_id (net, "w26_0");
  ck_assert_int_eq (l->mode, TNET_MODE_EXPRESSWAY);
  tnet_network_free (net);
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_maxspeed)
{
  ck_assert_double_eq_tol (tnet_osm_parse_maxspeed ("50"), 50, 1e-9);
  ck_assert_double_eq_tol (tnet_osm_parse_maxspeed (" 90 km/h"), 90, 1e-9);
  ck_assert_double_eq_tol (tnet_osm_parse_maxspeed ("30 mph"), 48.28032, 1e-6);
  ck_assert_double_eq_tol (tnet_osm_parse_maxspeed ("20mph"), 32.18688, 1e-6);
  ck_assert_double_eq_tol (tnet_osm_parse_maxspeed ("60;40"), 60, 1e-9);
  ck_assert_double_eq_tol (tnet_osm_parse_maxspeed ("999"), 300, 1e-9);
  ck_assert (isnan (tnet_osm_parse_maxspeed ("none")));
  ck_assert (isnan (tnet_osm_parse_maxspeed ("PT:urban")));
  ck_assert (isnan (tnet_osm_parse_maxspeed ("walk")));
  ck_assert (isnan (tnet_osm_parse_maxspeed ("50 furlongs")));
  ck_assert (isnan (tnet_osm_parse_maxspeed ("0")));
  ck_assert (isnan (tnet_osm_parse_maxspeed (NULL)));
  TnetOsmHighway hw;
  ck_assert (tnet_osm_highway_from_string ("living_street", &hw));
  ck_assert_str_eq (tnet_osm_highway_to_string (hw), "living_street");
  ck_assert (!tnet_osm_highway_from_string ("footway", &hw));
}
END_TEST

/* Parking places by hand: node 10 amenity=parking; node 11 park_ride=yes
 * (no amenity); node 12 amenity=parking with access=private (left out);
 * node 13 park_ride=no (left out); node 14 amenity=parking,
 * motorcar=yes, access=private (the more specific motorcar decides: kept);
 * closed way 100 over nodes 1, 2, 3, 4, 1 tagged amenity=parking, whose
 * centroid is the mean of (0, 0), (0.002, 0), (0.002, 0.001), (0, 0.001)
 * = (0.001, 0.0005); way 101 amenity=parking but open (left out); way 102
 * closed over a node missing from the file (left out). Without the option
 * none is imported. */
static const char parking_osm[] =
  "<osm version='0.6'>\n"
  "<node id='1' lat='0' lon='0'/><node id='2' lat='0' lon='0.002'/>\n"
  "<node id='3' lat='0.001' lon='0.002'/><node id='4' lat='0.001' lon='0'/>\n"
  "<node id='10' lat='0.01' lon='0.01'><tag k='amenity' v='parking'/><tag k='name' v='P1'/></node>\n"
  "<node id='11' lat='0.01' lon='0.02'><tag k='park_ride' v='yes'/></node>\n"
  "<node id='12' lat='0.01' lon='0.03'><tag k='amenity' v='parking'/><tag k='access' v='private'/></node>\n"
  "<node id='13' lat='0.01' lon='0.04'><tag k='park_ride' v='no'/></node>\n"
  "<node id='14' lat='0.01' lon='0.05'><tag k='amenity' v='parking'/><tag k='motorcar' v='yes'/>"
  "<tag k='access' v='private'/></node>\n"
  "<way id='100'><nd ref='1'/><nd ref='2'/><nd ref='3'/><nd ref='4'/><nd ref='1'/>"
  "<tag k='amenity' v='parking'/></way>\n"
  "<way id='101'><nd ref='1'/><nd ref='2'/><nd ref='3'/><nd ref='4'/><tag k='amenity' v='parking'/></way>\n"
  "<way id='102'><nd ref='1'/><nd ref='2'/><nd ref='99'/><nd ref='1'/><tag k='amenity' v='parking'/></way>\n"
  "<way id='200'><nd ref='1'/><nd ref='2'/><tag k='highway' v='residential'/></way>\n"
  "</osm>\n";

START_TEST (test_parking_by_hand)
{
  char *dir = tt_mkdtemp ();
  tt_write_file (dir, "parking.osm", parking_osm);
  g_autofree char *path = g_build_filename (dir, "parking.osm", NULL);
  GError *error = NULL;
  TnetOsmOptions o;
  tnet_osm_options_init (&o);
  TnetNetwork *plain = tnet_network_load_osm (path, &o, &error);
  ck_assert_msg (plain != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (tnet_network_n_nodes (plain), 2);
  tnet_network_free (plain);
  o.parking = TRUE;
  TnetNetwork *net = tnet_network_load_osm (path, &o, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  static const char *const want[] = { "parking:n10", "parking:n11", "parking:n14",
                                      "parking:w100" };
  guint n_parking = 0;
  for (guint v = 0; v < tnet_network_n_nodes (net); v++)
    n_parking += tnet_network_node (net, v)->kind == TNET_NODE_PARKING;
  ck_assert_uint_eq (n_parking, G_N_ELEMENTS (want));
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      TnetId v = tnet_network_find_node (net, want[i]);
      ck_assert_msg (v != TNET_ID_NONE, "%s missing", want[i]);
      ck_assert_int_eq (tnet_network_node (net, v)->kind, TNET_NODE_PARKING);
    }
  const TnetNode *w = tnet_network_node (net, tnet_network_find_node (net, "parking:w100"));
  ck_assert_double_eq_tol (w->lon, 0.001, 1e-9);
  ck_assert_double_eq_tol (w->lat, 0.0005, 1e-9);
  ck_assert_str_eq (w->source, "osm:w100");
  ck_assert_str_eq (tnet_network_node (net, tnet_network_find_node (net, "parking:n10"))->name,
                    "P1");
  tnet_network_free (net);
  tt_rm_rf (dir);
  g_free (dir);
}
END_TEST

/* The parking places of the real extracts equal those a PBF reader of the
 * tests' own finds (osm-parking-count.c): the same ids, at the same
 * places. */
static void
check_parking_fixture (const char *rel, guint at_least)
{
  g_autofree char *path = tt_data_path (rel);
  g_autoptr (GHashTable) want = osm_parking_count (path);
  ck_assert_ptr_nonnull (want);
  ck_assert_uint_ge (g_hash_table_size (want), at_least);
  GError *error = NULL;
  TnetOsmOptions o;
  tnet_osm_options_init (&o);
  o.parking = TRUE;
  TnetNetwork *net = tnet_network_load_osm (path, &o, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  guint n = 0;
  for (guint v = 0; v < tnet_network_n_nodes (net); v++)
    {
      const TnetNode *nd = tnet_network_node (net, v);
      if (nd->kind != TNET_NODE_PARKING)
        continue;
      n++;
      const double *ll = g_hash_table_lookup (want, nd->id);
      ck_assert_msg (ll != NULL, "%s: %s is not a parking place", rel, nd->id);
      ck_assert_double_eq_tol (nd->lon, ll[0], 1e-7);
      ck_assert_double_eq_tol (nd->lat, ll[1], 1e-7);
    }
  ck_assert_uint_eq (n, g_hash_table_size (want));
  tnet_network_free (net);
}

START_TEST (test_parking_fixtures)
{
  check_parking_fixture ("monaco/monaco.osm.pbf", 100);
  check_parking_fixture ("sao-paulo/spo_osm.pbf", 3);
}
END_TEST

/* Monaco: a known oneway street (OSM way 4229900, Avenue Albert II, tagged
 * oneway=yes in the extract), and symmetric arcs for every two-way link of
 * the compiled car graph. (No node or link count: the only figures at hand
 * would be ones this importer printed, which cannot check it.) */
START_TEST (test_monaco)
{
  g_autofree char *path = tt_data_path ("monaco/monaco.osm.pbf");
  GError *error = NULL;
  TnetNetwork *net = tnet_network_load_osm (path, NULL, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  /* Avenue Albert II is oneway here */
  const TnetLink *l = link_by_id (net, "w4229900_3");
  ck_assert (l->oneway);
  ck_assert_str_eq (node_id (net, l->from), "25238111");
  ck_assert_str_eq (node_id (net, l->to), "25204713");
  ck_assert_str_eq (l->line, "Avenue Albert II");

  TnetScenario *scen = tnet_scenario_new (2025);
  TnetMetric *time = NULL;
  TnetGraph *g = tnet_graph_compile_modes (net, scen,
                                           TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS),
                                           &time, NULL, &error);
  ck_assert_msg (g != NULL, "%s", error ? error->message : "");
  guint n_oneway = 0;
  for (guint k = 0; k < tnet_network_n_links (net); k++)
    n_oneway += tnet_network_link (net, k)->oneway;
  ck_assert_uint_eq (tnet_graph_n_arcs (g), 2 * tnet_network_n_links (net) - n_oneway);
  /* arcs of one link: a two-way link gives u->v and v->u with one weight */
  guint *first_arc = g_new (guint, tnet_network_n_links (net));
  for (guint k = 0; k < tnet_network_n_links (net); k++)
    first_arc[k] = G_MAXUINT;
  for (TnetId a = 0; a < tnet_graph_n_arcs (g); a++)
    {
      TnetId k = tnet_graph_arc_link (g, a);
      ck_assert_uint_lt (k, tnet_network_n_links (net));
      const TnetLink *lk = tnet_network_link (net, k);
      if (first_arc[k] == G_MAXUINT)
        {
          first_arc[k] = a;
          continue;
        }
      ck_assert (!lk->oneway);
      TnetId b = first_arc[k];
      ck_assert_uint_eq (tnet_graph_arc_tail (g, a), tnet_graph_arc_head (g, b));
      ck_assert_uint_eq (tnet_graph_arc_head (g, a), tnet_graph_arc_tail (g, b));
      ck_assert_uint_eq (tnet_metric_weight (time, a), tnet_metric_weight (time, b));
    }
  g_free (first_arc);
  tnet_metric_unref (time);
  tnet_graph_unref (g);
  tnet_scenario_free (scen);
  tnet_network_free (net);

  /* contraction keeps every junction and the total length */
  TnetOsmOptions o;
  tnet_osm_options_init (&o);
  o.contract_degree2 = TRUE;
  TnetNetwork *full = tnet_network_load_osm (path, NULL, &error);
  TnetNetwork *small = tnet_network_load_osm (path, &o, &error);
  ck_assert_msg (small != NULL, "%s", error ? error->message : "");
  ck_assert_uint_lt (tnet_network_n_nodes (small), tnet_network_n_nodes (full));
  double len_full = 0, len_small = 0;
  for (guint k = 0; k < tnet_network_n_links (full); k++)
    len_full += tnet_network_link (full, k)->length_m;
  for (guint k = 0; k < tnet_network_n_links (small); k++)
    len_small += tnet_network_link (small, k)->length_m;
  /* only dropped self-loops (closed ways with a single junction) differ */
  ck_assert (len_small <= len_full + 1e-6);
  ck_assert (len_small > 0.99 * len_full);
  tnet_network_free (full);
  tnet_network_free (small);
}
END_TEST

typedef struct {
  int calls;
  int cancel_at;          /* cancel on this call (0: never) */
  GCancellable *cancel;
} OsmProgress;

/* Every 65536 nodes and ways read, of unknown total; cancels on call
 * @cancel_at. */
static void
osm_progress (guint64 done, guint64 total, const char *what, const char *unit, gpointer data)
{
  OsmProgress *op = data;
  op->calls++;
  ck_assert_uint_eq (done, (guint64) op->calls * 65536);
  ck_assert_uint_eq (total, 0);
  ck_assert_str_eq (what, "OSM import");
  ck_assert_str_eq (unit, "nodes and ways");
  if (op->calls == op->cancel_at)
    g_cancellable_cancel (op->cancel);
}

/* Files readosm would read out of bounds (or misread): each is refused
 * before readosm sees it, with the block and offset of the fault. They are
 * in tests/fuzz/regressions/osm-pbf/, written by hand (the last two with
 * the protobuf helpers of tests/fuzz/make-seeds.py) except the first (found
 * by fuzzing). */
START_TEST (test_pbf_refused)
{
  static const struct { const char *file, *message; } cases[] = {
    { "way-key-past-string-table", "block 1, uncompressed byte 286: way: keys: string index 30 past the string table (20 strings)" },
    { "dense-key-past-string-table", "dense nodes: keys_vals: string index 40 past the string table" },
    { "dense-user-past-string-table", "dense info: user index 53 past the string table" },
    { "no-string-table", "primitive group before the string table" },
    { "group-before-string-table", "uncompressed byte 0: primitive group before the string table" },
    { "way-empty-string-table", "way: tags without a string table entry" },
    { "way-keys-twice", "way: field 2 given twice" },
    { "dense-lengths-differ", "dense nodes: 2 ids, 1 latitudes, 2 longitudes" },
    { "raw-size-past-raw-data", "byte 57: raw_size 4083 but 83 raw bytes" },
    { "zlib-corrupt", "byte 57: zlib data does not inflate to raw_size (83) bytes" },
    { "lzma-blob", "LZMA-compressed blocks are not supported" },
    { "granularity-1000", "granularity 1000 nanodegrees (only 100 is read)" },
    /* a field number outside the message's (offsets counted by hand) */
    { "string-table-field-2", "block 1, uncompressed byte 13: string table: unexpected field 2" },
    { "way-info-field-7", "block 1, uncompressed byte 27: way info: unexpected field 7" },
  };
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "case.osm.pbf", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *rel = g_build_filename ("tests/fuzz/regressions/osm-pbf", cases[i].file, NULL);
      g_autofree char *src = tt_source_path (rel);
      char *data = NULL;
      gsize len = 0;
      ck_assert_msg (g_file_get_contents (src, &data, &len, NULL), "%s", src);
      ck_assert (g_file_set_contents (path, data, (gssize) len, NULL));
      g_free (data);
      GError *error = NULL;
      ck_assert_msg (tnet_network_load_osm (path, NULL, &error) == NULL, "%s loaded", cases[i].file);
      tt_assert_error (error, TNET_ERROR_INVALID_INPUT, cases[i].message);
    }
}
END_TEST

/* .osm elements readosm would take a missing attribute of as a string:
 * refused with their line and column, whatever the case of the suffix
 * (readosm ignores it, and so must the checks). */
START_TEST (test_xml_refused)
{
  static const struct { const char *name, *xml, *message; } cases[] = {
    { "a.osm", "<osm>\n<node id='1' lat='1' lon='1'><tag k='a'/></node>\n</osm>\n",
      "a.osm:2:30: <tag> without a v attribute" },
    { "b.OSM", "<osm>\n<way id='2'><nd ref='1'/><tag v='x'/></way>\n</osm>\n",
      "b.OSM:2:26: <tag> without a k attribute" },
    { "c.Osm", "<osm>\n<relation id='3'><member type='way' ref='1'/></relation>\n</osm>\n",
      "c.Osm:2:18: <member> without a role attribute" },
  };
  g_autofree char *dir = tt_mkdtemp ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      tt_write_file (dir, cases[i].name, cases[i].xml);
      g_autofree char *path = g_build_filename (dir, cases[i].name, NULL);
      GError *error = NULL;
      ck_assert_msg (tnet_network_load_osm (path, NULL, &error) == NULL, "%s loaded", cases[i].name);
      tt_assert_error (error, TNET_ERROR_INVALID_INPUT, cases[i].message);
    }
  /* an upper-case .PBF suffix is checked as PBF too */
  tt_write_file (dir, "d.osm.PBF", "<osm/>\n");
  g_autofree char *pbf = g_build_filename (dir, "d.osm.PBF", NULL);
  GError *error = NULL;
  ck_assert (tnet_network_load_osm (pbf, NULL, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "d.osm.PBF: not a readable OSM file: byte 0: block header");
}
END_TEST

START_TEST (test_errors)
{
  GError *error = NULL;
  ck_assert (tnet_network_load_osm ("/nonexistent/x.osm.pbf", NULL, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_IO, "/nonexistent/x.osm.pbf");

  g_autofree char *dir = tt_mkdtemp ();
  /* garbage with a .pbf name */
  tt_write_file (dir, "junk.osm.pbf", "this is not protobuf at all, just text\n");
  g_autofree char *junk = g_build_filename (dir, "junk.osm.pbf", NULL);
  ck_assert (tnet_network_load_osm (junk, NULL, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "junk.osm.pbf: not a readable OSM file");

  /* the Monaco file cut short, and with bytes flipped in the middle */
  g_autofree char *monaco = tt_data_path ("monaco/monaco.osm.pbf");
  char *data = NULL;
  gsize len = 0;
  ck_assert (g_file_get_contents (monaco, &data, &len, NULL));
  g_autofree char *cut = g_build_filename (dir, "cut.osm.pbf", NULL);
  ck_assert (g_file_set_contents (cut, data, (gssize) (len / 2), NULL));
  ck_assert (tnet_network_load_osm (cut, NULL, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "cut.osm.pbf");
  for (gsize i = len / 3; i < len / 3 + 64; i++)
    data[i] ^= 0x5a;
  g_autofree char *flip = g_build_filename (dir, "flip.osm.pbf", NULL);
  ck_assert (g_file_set_contents (flip, data, (gssize) len, NULL));
  ck_assert (tnet_network_load_osm (flip, NULL, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "flip.osm.pbf");
  g_free (data);

  /* malformed XML, and a name readosm cannot classify */
  tt_write_file (dir, "bad.osm", "<osm><node id='1' lat='0' lon='0'><way></osm>");
  g_autofree char *bad = g_build_filename (dir, "bad.osm", NULL);
  ck_assert (tnet_network_load_osm (bad, NULL, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "malformed XML");
  tt_write_file (dir, "roads.txt", town_osm);
  g_autofree char *txt = g_build_filename (dir, "roads.txt", NULL);
  ck_assert (tnet_network_load_osm (txt, NULL, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, ".osm or .pbf");

  /* bad options */
  TnetOsmOptions o;
  tnet_osm_options_init (&o);
  o.speed_kmh[TNET_OSM_SERVICE] = 0;
  ck_assert (tnet_network_load_osm (monaco, &o, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "highway=service");

  /* a cancellable cancelled by the second report stops the import there;
   * one already cancelled at the first; none uncancelled lets it finish */
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  OsmProgress op = { 0, 2, cancel };
  tnet_osm_options_init (&o);
  o.progress = osm_progress;
  o.progress_data = &op;
  o.cancellable = cancel;
  ck_assert (tnet_network_load_osm (monaco, &o, &error) == NULL);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert_int_eq (op.calls, 2);
  g_clear_error (&error);
  op = (OsmProgress) { 0, 0, cancel };
  ck_assert (tnet_network_load_osm (monaco, &o, &error) == NULL);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert_int_eq (op.calls, 1);
  g_clear_error (&error);
  o.progress = NULL;
  ck_assert (tnet_network_load_osm (monaco, &o, &error) == NULL);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_clear_error (&error);
  g_autoptr (GCancellable) idle = g_cancellable_new ();
  op = (OsmProgress) { 0, 0, idle };
  o.progress = osm_progress;
  o.cancellable = idle;
  TnetNetwork *net = tnet_network_load_osm (monaco, &o, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  ck_assert_int_ge (op.calls, 2);
  tnet_network_free (net);
  tt_rm_rf (dir);
}
END_TEST

/* Runs the tnet command with a NULL-terminated argument list; returns its
 * exit status and stdout (g_free it). */
static int
run_tnet (char **out, const char *first, ...)
{
  GPtrArray *argv = g_ptr_array_new ();
  const char *exe = g_getenv ("TNET_EXE");
  ck_assert_msg (exe != NULL, "TNET_EXE is not set");
  g_ptr_array_add (argv, (char *) exe);
  va_list ap;
  va_start (ap, first);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  int wait = 0;
  char *err = NULL;
  GError *error = NULL;
  gboolean ok = g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                              out, &err, &wait, &error);
  ck_assert_msg (ok, "spawn: %s", ok ? "" : error->message);
  ck_assert (WIFEXITED (wait));
  g_free (err);
  g_ptr_array_free (argv, TRUE);
  return WEXITSTATUS (wait);
}

static double
json_number (const char *text, const char *member)
{
  g_autoptr (JsonParser) p = json_parser_new ();
  ck_assert_msg (json_parser_load_from_data (p, text, -1, NULL), "not JSON: %s", text);
  JsonObject *o = json_node_get_object (json_parser_get_root (p));
  ck_assert_msg (json_object_has_member (o, member), "no %s in %s", member, text);
  return json_object_get_double_member (o, member);
}

/* `tnet import osm` writes a network that `tnet route` reads with OSM node
 * ids; both metrics agree with a CH and a Dijkstra on the imported graph. */
START_TEST (test_cli_import_route)
{
  g_autofree char *pbf = tt_data_path ("monaco/monaco.osm.pbf");
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *out_dir = g_build_filename (dir, "monaco", NULL);
  char *out = NULL;
  ck_assert_int_eq (run_tnet (&out, "import", "osm", pbf, "-o", out_dir, "--quiet", NULL), 0);
  g_free (out);
  ck_assert_int_eq (run_tnet (&out, "import", "osm", NULL), 2);
  g_free (out);
  ck_assert_int_eq (run_tnet (&out, "import", "osm", "/nonexistent.pbf", "-o", out_dir, NULL), 1);
  g_free (out);
  ck_assert_int_eq (run_tnet (&out, "import", "osm", pbf, "--speed", "footway=5", "-o", out_dir,
                              NULL), 2);
  g_free (out);

  GError *error = NULL;
  TnetNetwork *net = tnet_network_load_csv (out_dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  TnetScenario *scen = tnet_scenario_new (2025);
  TnetMetric *time = NULL, *length = NULL;
  TnetGraph *g = tnet_graph_compile_modes (net, scen,
                                           TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS),
                                           &time, &length, &error);
  ck_assert_msg (g != NULL, "%s", error ? error->message : "");
  TnetCH *ch = tnet_ch_build (time, NULL, &error);
  TnetCHQuery *q = tnet_ch_query_new (ch);
  TnetSearch *s = tnet_search_new (g);
  const char *pairs[][2] = { { "21912089", "25204713" }, { "25238111", "1079750744" } };
  for (guint k = 0; k < G_N_ELEMENTS (pairs); k++)
    {
      TnetId a = tnet_network_find_node (net, pairs[k][0]);
      TnetId b = tnet_network_find_node (net, pairs[k][1]);
      ck_assert (a != TNET_ID_NONE && b != TNET_ID_NONE);
      TnetWeight t_ms = tnet_ch_query_distance (q, a, b);
      ck_assert_uint_lt (t_ms, TNET_WEIGHT_INF);
      ck_assert_int_eq (run_tnet (&out, "route", "--data", out_dir, "--metric", "time",
                                  "--format", "json", pairs[k][0], pairs[k][1], NULL), 0);
      ck_assert_double_eq_tol (json_number (out, "total_min"), t_ms / 60000.0, 0.01);
      g_free (out);
      tnet_search_run (s, length, a, TNET_FORWARD, TNET_WEIGHT_INF, b);
      TnetWeight len_m = tnet_search_distance (s, b);
      ck_assert_int_eq (run_tnet (&out, "route", "--data", out_dir, "--metric", "length",
                                  "--format", "json", pairs[k][0], pairs[k][1], NULL), 0);
      ck_assert_double_eq_tol (json_number (out, "total_km"), len_m / 1000.0, 0.02);
      g_free (out);
    }
  ck_assert_int_eq (run_tnet (&out, "route", "--data", out_dir, "21912089", "999999999999", NULL), 1);
  g_free (out);
  tnet_search_free (s);
  tnet_ch_query_free (q);
  tnet_ch_unref (ch);
  tnet_metric_unref (time);
  tnet_metric_unref (length);
  tnet_graph_unref (g);
  tnet_scenario_free (scen);
  tnet_network_free (net);
  tt_rm_rf (dir);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("osm");
  TCase *tc = tcase_create ("import");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_tag_rules);
  tcase_add_test (tc, test_maxspeed);
  tcase_add_test (tc, test_walk_profile);
  tcase_add_test (tc, test_monaco);
  tcase_add_test (tc, test_parking_by_hand);
  tcase_add_test (tc, test_parking_fixtures);
  tcase_add_test (tc, test_errors);
  tcase_add_test (tc, test_pbf_refused);
  tcase_add_test (tc, test_xml_refused);
  tcase_add_test (tc, test_cli_import_route);
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
