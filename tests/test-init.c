/* test-init.c: the k-d tree against a brute-force scan, polygons against
 * hand computations, and São Paulo built with tnet init from the fixtures
 * (tests/data/sao-paulo) and analysed, each figure checked against an
 * independent computation written here (a plain Dijkstra over the written
 * links.csv, accessibility summed from its distances, geometry lengths by
 * haversine, transit times bracketed by walking, disjoint paths from the
 * minimum cut, criticality by removing the link, transfer walks and
 * headways from the feed's patterns). */
#include "tnet-internal.h"
#include "tests-common.h"
#include "osm-parking-count.h"
#include "point-index.h"
#include "polygons.h"

/* ---- k-d tree -------------------------------------------------------- */

START_TEST (kdtree_matches_brute_force)
{
  GRand *rand = g_rand_new_with_seed (14);
  for (guint round = 0; round < 20; round++)
    {
      guint n = 1 + g_rand_int_range (rand, 0, 2000);
      double *ll = g_new (double, 2 * n);
      for (guint i = 0; i < n; i++)
        {
          /* a few exact duplicates make ties that the id must break */
          if (i > 0 && g_rand_int_range (rand, 0, 10) == 0)
            {
              guint j = g_rand_int_range (rand, 0, i);
              ll[2 * i] = ll[2 * j];
              ll[2 * i + 1] = ll[2 * j + 1];
              continue;
            }
          ll[2 * i] = -46.7 + g_rand_double (rand) * 0.12;
          ll[2 * i + 1] = -23.6 + g_rand_double (rand) * 0.13;
        }
      g_autoptr (TnetPointIndex) idx = tnet_i_point_index_new (ll, NULL, n);
      for (guint q = 0; q < 50; q++)
        {
          double lon = -46.72 + g_rand_double (rand) * 0.16;
          double lat = -23.62 + g_rand_double (rand) * 0.17;
          if (q % 5 == 0)
            {
              guint j = g_rand_int_range (rand, 0, n);
              lon = ll[2 * j];
              lat = ll[2 * j + 1];
            }
          guint k = 1 + g_rand_int_range (rand, 0, 6);
          guint got[8];
          double gd[8];
          guint m = tnet_i_point_index_nearest (idx, lon, lat, k, got, gd);
          ck_assert_uint_eq (m, MIN (k, n));
          /* brute force: sort all by (distance, id) */
          double *d = g_new (double, n);
          gboolean *used = g_new0 (gboolean, n);
          for (guint i = 0; i < n; i++)
            d[i] = tnet_i_point_index_distance_m (idx, lon, lat, ll[2 * i], ll[2 * i + 1]);
          for (guint r = 0; r < m; r++)
            {
              guint best = G_MAXUINT;
              for (guint i = 0; i < n; i++)
                if (!used[i] && (best == G_MAXUINT || d[i] < d[best]
                                 || (d[i] == d[best] && i < best)))
                  best = i;
              used[best] = TRUE;
              ck_assert_uint_eq (got[r], best);
              ck_assert_double_eq_tol (gd[r], d[best], 1e-6);
            }
          g_free (used);
          g_free (d);
        }
      g_free (ll);
    }
  g_rand_free (rand);
}
END_TEST

/* ---- polygons -------------------------------------------------------- */

START_TEST (polygon_centroid_and_contains)
{
  /* a 2 x 2 square at the equator with a 1 x 1 hole in its corner
   * [0,1]x[0,1]: area 4 - 1 = 3; centroid x = (4*1 - 1*0.5) / 3 = 7/6, the
   * same for y (cos(lat) scaling is 1 at lat 0) */
  const char *json =
    "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[2,0],[2,2],[0,2],[0,0]],"
    "[[0,0],[0,1],[1,1],[1,0],[0,0]]]}";
  g_autoptr (JsonParser) p = json_parser_new ();
  ck_assert (json_parser_load_from_data (p, json, -1, NULL));
  TnetIPolygon poly;
  tnet_i_polygon_init (&poly);
  const char *why = NULL;
  ck_assert (tnet_i_polygon_from_json (&poly, json_node_get_object (json_parser_get_root (p)),
                                       &why));
  double lon, lat;
  ck_assert (tnet_i_polygon_centroid (&poly, &lon, &lat));
  ck_assert_double_eq_tol (lon, 7.0 / 6.0, 1e-9);
  ck_assert_double_eq_tol (lat, 7.0 / 6.0, 1e-9);
  ck_assert (tnet_i_polygon_contains (&poly, 1.5, 1.5));
  ck_assert (!tnet_i_polygon_contains (&poly, 0.5, 0.5));   /* in the hole */
  ck_assert (!tnet_i_polygon_contains (&poly, 2.5, 0.5));   /* outside */
  tnet_i_polygon_clear (&poly);
}
END_TEST

START_TEST (zones_geojson_and_errors)
{
  g_autofree char *dir = tt_mkdtemp ();
  tt_write_file (dir, "z.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"id\":\"a\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},"
    "\"properties\":{\"jobs\":10,\"kind\":\"x\"}},"
    "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
    "[[[0,0],[2,0],[2,2],[0,2],[0,0]]]},\"properties\":{\"id\":7,\"jobs\":2.5}}]}");
  g_autofree char *path = g_build_filename (dir, "z.geojson", NULL);
  GError *error = NULL;
  g_autoptr (TnetZoneTable) z = tnet_zone_table_load (path, &error);
  ck_assert_ptr_nonnull (z);
  ck_assert_uint_eq (tnet_zone_table_n_zones (z), 2);
  ck_assert_str_eq (tnet_zone_table_id (z, 1), "7");
  /* the square's centroid (1, 1), by hand */
  ck_assert_double_eq_tol (tnet_zone_table_lon (z, 1), 1.0, 1e-9);
  ck_assert_double_eq_tol (tnet_zone_table_lat (z, 1), 1.0, 1e-9);
  int jobs = tnet_zone_table_column (z, "jobs");
  ck_assert_int_ge (jobs, 0);
  ck_assert (tnet_zone_table_column_is_numeric (z, (guint) jobs));
  ck_assert (!tnet_zone_table_column_is_numeric (z, (guint) tnet_zone_table_column (z, "kind")));
  g_autofree double *v = tnet_zone_table_values (z, "jobs", &error);
  ck_assert_double_eq (v[0] + v[1], 12.5);
  ck_assert_ptr_null (tnet_zone_table_values (z, "nope", &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "jobs");

  tt_write_file (dir, "bad.csv", "id,lon,lat\na,1,2\na,3,4\n");
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  ck_assert_ptr_null (tnet_zone_table_load (bad, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "bad.csv:3:1: duplicate zone id");
  tt_write_file (dir, "bad2.csv", "id,lon,lat\na,1,200\n");
  g_autofree char *bad2 = g_build_filename (dir, "bad2.csv", NULL);
  ck_assert_ptr_null (tnet_zone_table_load (bad2, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "bad2.csv:2:5: expected a latitude");
  tt_rm_rf (dir);
}
END_TEST

/* ---- São Paulo -------------------------------------------------------- */

/* The hexagon grid has no region column: the test derives one by a rule of
 * its own, "west" for a zone west of longitude -46.645 (the middle of the
 * extract's bounding box, -46.708 .. -46.582), else "east". */
static char *
spo_zones_with_regions (const char *dir)
{
  g_autofree char *src = tt_source_path ("tests/data/sao-paulo/spo_hexgrid.csv");
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (src, &text, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);
  for (guint i = 0; lines[i]; i++)
    {
      g_strchomp (lines[i]);
      if (!*lines[i])
        continue;
      if (i == 0)
        {
          g_string_append_printf (out, "%s,district\n", lines[i]);
          continue;
        }
      g_auto (GStrv) f = g_strsplit (lines[i], ",", -1);
      double lon = g_ascii_strtod (f[1], NULL);
      g_string_append_printf (out, "%s,%s\n", lines[i], lon < -46.645 ? "west" : "east");
    }
  tt_write_file (dir, "zones-in.csv", out->str);
  g_string_free (out, TRUE);
  return g_build_filename (dir, "zones-in.csv", NULL);
}

static double
hav (double lon1, double lat1, double lon2, double lat2)
{
  const double r = 6371008.8, k = G_PI / 180.0;
  double a = sin ((lat2 - lat1) * k / 2), b = sin ((lon2 - lon1) * k / 2);
  return 2 * r * asin (sqrt (a * a + cos (lat1 * k) * cos (lat2 * k) * b * b));
}

/* The oracle: a plain O(n^2) Dijkstra over the car links of the written
 * folder open in @scen (road modes and access links, one-way respected); a zone other
 * than the source is a trip end: it is reached but never left. */
static void
oracle_car (const TnetNetwork *net, const TnetScenario *scen, TnetId src, guint64 *dist)
{
  guint n = tnet_network_n_nodes (net);
  gboolean *done = g_new0 (gboolean, n);
  for (guint v = 0; v < n; v++)
    dist[v] = G_MAXUINT64;
  dist[src] = 0;
  /* adjacency lists, rebuilt here on purpose (independent of the CSR) */
  GArray **adj = g_new0 (GArray *, n);
  for (guint i = 0; i < tnet_network_n_links (net); i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      if (!(TNET_MODE_BIT (l->mode) & (TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS)))
          || !tnet_scenario_link_active (scen, net, i))
        continue;
      guint64 w = tnet_scenario_link_time_ms (scen, net, i);
      for (int dir = 0; dir < (l->oneway ? 1 : 2); dir++)
        {
          TnetId a = dir ? l->to : l->from, b = dir ? l->from : l->to;
          if (!adj[a])
            adj[a] = g_array_new (FALSE, FALSE, sizeof (guint64));
          guint64 e[2] = { b, w };
          g_array_append_vals (adj[a], e, 2);
        }
    }
  for (;;)
    {
      guint u = G_MAXUINT;
      for (guint v = 0; v < n; v++)
        if (!done[v] && dist[v] != G_MAXUINT64 && (u == G_MAXUINT || dist[v] < dist[u]))
          u = v;
      if (u == G_MAXUINT)
        break;
      done[u] = TRUE;
      if (u != src && tnet_network_node (net, u)->kind == TNET_NODE_ZONE)
        continue;
      for (guint j = 0; adj[u] && j < adj[u]->len / 2; j++)
        {
          guint64 b = g_array_index (adj[u], guint64, 2 * j);
          guint64 w = g_array_index (adj[u], guint64, 2 * j + 1);
          if (dist[u] + w < dist[b])
            dist[b] = dist[u] + w;
        }
    }
  for (guint v = 0; v < n; v++)
    if (adj[v])
      g_array_unref (adj[v]);
  g_free (adj);
  g_free (done);
}

static char *spo_dir;

static void
spo_setup (void)
{
  spo_dir = tt_mkdtemp ();
  g_autofree char *zones = spo_zones_with_regions (spo_dir);
  g_autofree char *osm = tt_source_path ("tests/data/sao-paulo/spo_osm.pbf");
  g_autofree char *gtfs = tt_source_path ("tests/data/sao-paulo/spo.zip");
  g_autofree char *out = g_build_filename (spo_dir, "spo", NULL);
  const char *feeds[] = { gtfs, NULL };
  TnetInitOptions o;
  tnet_init_options_init (&o);
  o.osm_path = osm;
  o.gtfs_paths = feeds;
  o.zones_path = zones;
  o.region_column = "district";
  TnetInitStats st;
  GError *error = NULL;
  gboolean ok = tnet_folder_init (out, &o, &st, &error);
  if (!ok)
    g_printerr ("init: %s\n", error->message);
  g_assert (ok);
  g_assert (st.n_zones == 323 && st.n_zones_unlinked == 0 && st.n_regions == 2);
}

static void
spo_teardown (void)
{
  tt_rm_rf (spo_dir);
  g_free (spo_dir);
}

static char *
spo_folder (void)
{
  return g_build_filename (spo_dir, "spo", NULL);
}

/* The folder has a node of kind parking for each parking place of the
 * extract, as counted by the tests' own PBF reader (osm-parking-count.c),
 * each joined by one two-way service road link "ID:road" to a node of the
 * car network no farther than the access maximum, of the straight-line
 * length; and park-and-ride over the folder finds them. */
START_TEST (spo_parking_places)
{
  g_autofree char *dir = spo_folder ();
  g_autofree char *osm = tt_source_path ("tests/data/sao-paulo/spo_osm.pbf");
  g_autoptr (GHashTable) want = osm_parking_count (osm);
  ck_assert_ptr_nonnull (want);
  ck_assert_uint_gt (g_hash_table_size (want), 0);
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  guint n = 0;
  for (guint v = 0; v < tnet_network_n_nodes (net); v++)
    {
      const TnetNode *p = tnet_network_node (net, v);
      if (p->kind != TNET_NODE_PARKING)
        continue;
      n++;
      const double *ll = g_hash_table_lookup (want, p->id);
      ck_assert_msg (ll != NULL, "%s is no parking place of the extract", p->id);
      ck_assert_double_eq_tol (p->lon, ll[0], 1e-6);
      ck_assert_double_eq_tol (p->lat, ll[1], 1e-6);
      g_autofree char *lid = g_strdup_printf ("%s:road", p->id);
      TnetId k = tnet_network_find_link (net, lid);
      ck_assert_msg (k != TNET_ID_NONE, "%s not linked", p->id);
      const TnetLink *l = tnet_network_link (net, k);
      ck_assert_uint_eq (l->from, v);
      ck_assert (!l->oneway);
      ck_assert_int_eq (l->mode, TNET_MODE_ROAD);
      const TnetNode *q = tnet_network_node (net, l->to);
      ck_assert_int_eq (q->kind, TNET_NODE_JUNCTION);
      double d = tnet_i_haversine_m (p->lon, p->lat, q->lon, q->lat);
      ck_assert_double_le (d, 2000);
      ck_assert_double_eq_tol (l->length_m, MAX (d, 0.1), 0.01);
    }
  ck_assert_uint_eq (n, g_hash_table_size (want));
}
END_TEST

/* links.csv keeps each connector's exact minutes (length x 1.2 at 4.8
 * km/h, recomputed here from its length_km), not their millisecond: most
 * of them are no whole number of milliseconds. */
START_TEST (spo_links_csv_exact_minutes)
{
  g_autofree char *dir = spo_folder ();
  g_autofree char *path = g_build_filename (dir, "links.csv", NULL);
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  g_auto (GStrv) rows = g_strsplit (text, "\n", -1);
  ck_assert (g_str_has_prefix (rows[0], "id,from,to,mode,line,length_km,speed_kmh,time_min,"));
  guint n = 0, n_sub_ms = 0;
  for (guint r = 1; rows[r] && *rows[r]; r++)
    {
      if (strchr (rows[r], '"'))
        continue;   /* a quoted field (a road's name): no connector */
      g_auto (GStrv) f = g_strsplit (rows[r], ",", -1);
      if (!*f[7])
        continue;
      ck_assert_msg (strcmp (f[3], "access") == 0 || strcmp (f[3], "walk") == 0, "%s", f[0]);
      double km = g_ascii_strtod (f[5], NULL), min = g_ascii_strtod (f[7], NULL);
      double want = MAX (km * 1000.0, 0.1) * 1.2 / (4.8 / 3.6) / 60.0;
      ck_assert_msg (fabs (min - want) <= 1e-12 * MAX (want, 1.0), "%s: %.17g min, want %.17g",
                     f[0], min, want);
      n++;
      n_sub_ms += fabs (min * 60000.0 - round (min * 60000.0)) > 1e-3;
    }
  ck_assert_uint_gt (n, 300);
  ck_assert_uint_gt (n_sub_ms, n / 2);
}
END_TEST

START_TEST (spo_folder_contents)
{
  g_autofree char *dir = spo_folder ();
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_ptr_nonnull (net);
  guint n_zones = 0, n_stops = 0, n_geom = 0, n_footways = 0;
  for (guint v = 0; v < tnet_network_n_nodes (net); v++)
    {
      const TnetNode *nd = tnet_network_node (net, v);
      /* every node has a region of the derived rule (roads: the nearest
       * zone's, which is on the same side of the line but near it) */
      ck_assert_ptr_nonnull (nd->region);
      if (nd->kind == TNET_NODE_ZONE)
        {
          n_zones++;
          ck_assert_str_eq (nd->region, nd->lon < -46.645 ? "west" : "east");
        }
      if (nd->kind == TNET_NODE_STOP || nd->kind == TNET_NODE_STATION)
        {
          n_stops++;
          ck_assert (g_str_has_prefix (nd->id, "spo:"));
        }
    }
  ck_assert_uint_eq (n_zones, 323);
  /* every stop of the feed with coordinates (all 654 of the fixture) */
  ck_assert_uint_eq (n_stops, 654);
  gboolean *linked = g_new0 (gboolean, tnet_network_n_nodes (net));
  for (guint i = 0; i < tnet_network_n_links (net); i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      const TnetNode *a = tnet_network_node (net, l->from), *b = tnet_network_node (net, l->to);
      guint np;
      const double *g = tnet_network_link_geometry (net, i, &np);
      if (l->mode == TNET_MODE_WALK && !g_str_has_prefix (l->id, "walk:"))
        {
          /* the walk profile's own ways, walked both ways */
          static const char *const walk_classes[] = { "footway", "path", "pedestrian",
                                                      "steps", "cycleway", NULL };
          ck_assert_msg (l->road_class && g_strv_contains (walk_classes, l->road_class),
                         "walk link %s of class %s", l->id, l->road_class);
          ck_assert (!l->oneway);
          n_footways++;
        }
      else if (l->mode == TNET_MODE_ACCESS || l->mode == TNET_MODE_WALK)
        {
          /* straight line; time at 4.8 km/h over 1.2 x the distance */
          double d = hav (a->lon, a->lat, b->lon, b->lat);
          ck_assert_double_eq_tol (l->length_m, MAX (d, 0.1), 0.01);
          ck_assert_double_eq_tol (tnet_weight_to_min (l->time_ms),
                                   l->length_m * 1.2 / (4.8 / 3.6) / 60, 1e-5);
          ck_assert (d <= 2000);
          linked[l->from] = TRUE;
          ck_assert_ptr_null (g);
          continue;
        }
      if (g == NULL)
        continue;
      n_geom++;
      /* the polyline joins the link's nodes and its length is the link's */
      ck_assert_double_eq_tol (g[0], a->lon, 1e-6);
      ck_assert_double_eq_tol (g[1], a->lat, 1e-6);
      ck_assert_double_eq_tol (g[2 * np - 2], b->lon, 1e-6);
      ck_assert_double_eq_tol (g[2 * np - 1], b->lat, 1e-6);
      double len = 0;
      for (guint j = 1; j < np; j++)
        len += hav (g[2 * j - 2], g[2 * j - 1], g[2 * j], g[2 * j + 1]);
      ck_assert_double_eq_tol (len, l->length_m, 0.05 + 1e-4 * l->length_m);
    }
  ck_assert_uint_gt (n_geom, 100);
  ck_assert_uint_gt (n_footways, 0);
  /* the plan skeleton: the folder's name, home = the first region met in
   * zone order, a pair for the other one */
  g_autofree char *plan_path = g_build_filename (dir, "plan.ini", NULL);
  g_autoptr (GKeyFile) plan = g_key_file_new ();
  ck_assert (g_key_file_load_from_file (plan, plan_path, G_KEY_FILE_NONE, NULL));
  g_autofree char *pname = g_key_file_get_string (plan, "plan", "name", NULL);
  ck_assert_str_eq (pname, "spo");
  g_autofree char *home = g_key_file_get_string (plan, "plan", "home", NULL);
  g_autofree char *other = g_strdup (strcmp (home, "west") == 0 ? "east" : "west");
  g_autofree char *group = g_strdup_printf ("pair %s", other);
  g_autofree char *pair = g_key_file_get_string (plan, group, "region", NULL);
  ck_assert_str_eq (pair, other);
  for (guint v = 0; v < tnet_network_n_nodes (net); v++)
    if (tnet_network_node (net, v)->kind == TNET_NODE_ZONE)
      ck_assert (linked[v]);
  g_free (linked);

  /* the merged feed: the same counts as the original, ids prefixed */
  g_autofree char *orig_path = tt_source_path ("tests/data/sao-paulo/spo.zip");
  g_autofree char *merged_path = g_build_filename (dir, "gtfs", NULL);
  g_autoptr (TnetFeed) orig = tnet_feed_load (orig_path, NULL, &error);
  g_autoptr (TnetFeed) merged = tnet_feed_load (merged_path, NULL, &error);
  ck_assert_ptr_nonnull (orig);
  ck_assert_ptr_nonnull (merged);
  ck_assert_uint_eq (tnet_feed_n_stops (merged), tnet_feed_n_stops (orig));
  ck_assert_uint_eq (tnet_feed_n_routes (merged), tnet_feed_n_routes (orig));
  ck_assert_uint_eq (tnet_feed_n_trips (merged), tnet_feed_n_trips (orig));
  ck_assert_uint_eq (tnet_feed_n_stop_times (merged), tnet_feed_n_stop_times (orig));
  ck_assert_uint_eq (tnet_feed_n_patterns (merged), tnet_feed_n_patterns (orig));
  const TnetFeedStop *s0 = tnet_feed_stop (orig, 0);
  g_autofree char *pid = g_strdup_printf ("spo:%s", s0->id);
  ck_assert_uint_ne (tnet_feed_find_stop (merged, pid), TNET_ID_NONE);
  ck_assert_uint_ne (tnet_network_find_node (net, pid), TNET_ID_NONE);
}
END_TEST

START_TEST (spo_two_feeds_merge)
{
  /* the same feed twice: two agencies whose ids would collide */
  g_autofree char *gtfs = tt_source_path ("tests/data/sao-paulo/spo.zip");
  g_autofree char *osm = tt_source_path ("tests/data/sao-paulo/spo_osm.pbf");
  g_autofree char *zones = tt_source_path ("tests/data/sao-paulo/spo_hexgrid.csv");
  g_autofree char *out = g_build_filename (spo_dir, "two", NULL);
  const char *feeds[] = { gtfs, gtfs, NULL };
  TnetInitOptions o;
  tnet_init_options_init (&o);
  o.osm_path = osm;
  o.gtfs_paths = feeds;
  o.zones_path = zones;
  TnetInitStats st;
  GError *error = NULL;
  ck_assert (tnet_folder_init (out, &o, &st, &error));
  ck_assert_uint_eq (st.n_stops, 2 * 654);
  g_autofree char *merged_path = g_build_filename (out, "gtfs", NULL);
  g_autoptr (TnetFeed) merged = tnet_feed_load (merged_path, NULL, &error);
  g_autoptr (TnetFeed) orig = tnet_feed_load (gtfs, NULL, &error);
  ck_assert_ptr_nonnull (merged);
  ck_assert_uint_eq (tnet_feed_n_trips (merged), 2 * tnet_feed_n_trips (orig));
  ck_assert_uint_eq (tnet_feed_n_patterns (merged), 2 * tnet_feed_n_patterns (orig));
  ck_assert_uint_eq (tnet_feed_n_agencies (merged), 2 * tnet_feed_n_agencies (orig));
  const TnetFeedStop *s0 = tnet_feed_stop (orig, 0);
  g_autofree char *a = g_strdup_printf ("spo:%s", s0->id);
  g_autofree char *b = g_strdup_printf ("spo_2:%s", s0->id);
  ck_assert_uint_ne (tnet_feed_find_stop (merged, a), TNET_ID_NONE);
  ck_assert_uint_ne (tnet_feed_find_stop (merged, b), TNET_ID_NONE);
}
END_TEST

/* ---- snapping points as tnet init snaps zones ------------------------- */

static guint
uf_find (guint *parent, guint v)
{
  while (parent[v] != v)
    v = parent[v] = parent[parent[v]];
  return v;
}

typedef struct {
  guint id;
  double d2;
} Near;

static int
near_cmp (const void *a, const void *b)
{
  const Near *x = a, *y = b;
  if (x->d2 != y->d2)
    return x->d2 < y->d2 ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* The @k nodes of @mask nearest to (@lon, @lat) in the projection of
 * point-index.h, by a full scan (ties: smaller id); returns how many. */
static guint
brute_nearest (const TnetNetwork *net, const gboolean *mask, double lon, double lat, guint k,
               guint *out)
{
  guint n = tnet_network_n_nodes (net), m = 0;
  double mean = 0;
  for (guint v = 0; v < n; v++)
    if (mask[v])
      {
        mean += tnet_network_node (net, v)->lat;
        m++;
      }
  double c = cos ((m ? mean / m : 0) * G_PI / 180.0), r = G_PI / 180.0;
  g_autofree Near *all = g_new (Near, MAX (m, 1));
  guint j = 0;
  for (guint v = 0; v < n; v++)
    if (mask[v])
      {
        const TnetNode *nd = tnet_network_node (net, v);
        double dx = (nd->lon - lon) * r * c, dy = (nd->lat - lat) * r;
        all[j++] = (Near) { v, dx * dx + dy * dy };
      }
  qsort (all, m, sizeof (Near), near_cmp);
  for (j = 0; j < MIN (k, m); j++)
    out[j] = all[j].id;
  return MIN (k, m);
}

static double
test_haversine_m (double lon1, double lat1, double lon2, double lat2)
{
  const double r = 6371008.8, k = G_PI / 180.0;
  double dlat = (lat2 - lat1) * k, dlon = (lon2 - lon1) * k;
  double s = sin (dlat / 2) * sin (dlat / 2)
             + cos (lat1 * k) * cos (lat2 * k) * sin (dlon / 2) * sin (dlon / 2);
  return 2 * r * asin (MIN (1.0, sqrt (s)));
}

START_TEST (spo_snap_points_against_brute_force)
{
  g_autofree char *dir = spo_folder ();
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_ptr_nonnull (net);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  guint n = tnet_network_n_nodes (net);

  /* the zones: a point at each gets the access links tnet init wrote */
  g_autoptr (GArray) zll = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) zv = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (TnetId v = 0; v < n; v++)
    {
      const TnetNode *nd = tnet_network_node (net, v);
      if (nd->kind != TNET_NODE_ZONE)
        continue;
      g_array_append_val (zll, nd->lon);
      g_array_append_val (zll, nd->lat);
      g_array_append_val (zv, v);
    }
  ck_assert_uint_gt (zv->len, 100);
  g_autofree guint *first = NULL;
  g_autofree TnetAccessCandidate *cand = NULL;
  ck_assert (tnet_network_snap_points (net, scen, NULL, (const double *) zll->data, zv->len,
                                       &first, &cand, &error));
  ck_assert_ptr_null (error);
  guint n_links_seen = 0;
  for (guint z = 0; z < zv->len; z++)
    {
      TnetId v = g_array_index (zv, TnetId, z);
      const char *zid = tnet_network_node (net, v)->id;
      guint j = 0;
      for (;; j++)
        {
          g_autofree char *lid = g_strdup_printf ("access:%s:%u", zid, j);
          TnetId li = tnet_network_find_link (net, lid);
          if (li == TNET_ID_NONE)
            break;
          const TnetLink *l = tnet_network_link (net, li);
          ck_assert_uint_lt (first[z] + j, first[z + 1]);
          const TnetAccessCandidate *c = &cand[first[z] + j];
          ck_assert_uint_eq (l->from, v);
          ck_assert_uint_eq (l->to, c->node);
          ck_assert_uint_eq (l->time_ms, c->time_ms);
          n_links_seen++;
        }
      ck_assert_uint_eq (first[z] + j, first[z + 1]);
    }
  ck_assert_uint_eq (n_links_seen, first[zv->len]);

  /* the components by other means: car by a forward and a backward search
   * from a node a zone's first access link reaches, walk by union-find */
  TnetId root = cand[first[0]].node;
  ck_assert_int_eq (cand[first[0]].network, TNET_MODE_ROAD);
  g_autoptr (TnetMetric) time = NULL;
  g_autoptr (TnetGraph) g = tnet_graph_compile_modes (net, scen, TNET_MODES_ROAD, &time, NULL,
                                                      &error);
  ck_assert_ptr_nonnull (g);
  g_autoptr (TnetSearch) fwd = tnet_search_new (g), bwd = tnet_search_new (g);
  tnet_search_run (fwd, time, root, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
  tnet_search_run (bwd, time, root, TNET_BACKWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
  g_autofree gboolean *car = g_new0 (gboolean, n);
  g_autofree gboolean *walk = g_new0 (gboolean, n);
  g_autofree guint *parent = g_new (guint, n);
  g_autofree guint *size = g_new0 (guint, n);
  for (TnetId v = 0; v < n; v++)
    {
      parent[v] = v;
      car[v] = tnet_network_node (net, v)->kind == TNET_NODE_JUNCTION
               && tnet_search_distance (fwd, v) != TNET_WEIGHT_INF
               && tnet_search_distance (bwd, v) != TNET_WEIGHT_INF;
    }
  g_autofree gboolean *linked = g_new0 (gboolean, n);
  for (TnetId i = 0; i < tnet_network_n_links (net); i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      gboolean foot = l->mode == TNET_MODE_ROAD || l->mode == TNET_MODE_WALK
                      || (l->mode == TNET_MODE_TRUNK && l->road_class
                          && g_str_has_prefix (l->road_class, "primary"));
      if (!foot || tnet_network_node (net, l->from)->kind != TNET_NODE_JUNCTION
          || tnet_network_node (net, l->to)->kind != TNET_NODE_JUNCTION)
        continue;
      linked[l->from] = linked[l->to] = TRUE;
      parent[uf_find (parent, l->from)] = uf_find (parent, l->to);
    }
  guint best = G_MAXUINT;
  for (TnetId v = 0; v < n; v++)
    if (linked[v])
      {
        guint r = uf_find (parent, v);
        size[r]++;
        if (best == G_MAXUINT || size[r] > size[best])
          best = r;
      }
  for (TnetId v = 0; v < n; v++)
    walk[v] = linked[v] && uf_find (parent, v) == best;

  /* seeded points over the zones' box and a margin around it, k = 2 */
  double box[4] = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  for (guint z = 0; z < zv->len; z++)
    {
      double lon = g_array_index (zll, double, 2 * z), lat = g_array_index (zll, double, 2 * z + 1);
      box[0] = MIN (box[0], lon);
      box[1] = MIN (box[1], lat);
      box[2] = MAX (box[2], lon);
      box[3] = MAX (box[3], lat);
    }
  double wlon = box[2] - box[0], wlat = box[3] - box[1];
  TnetInitOptions o;
  tnet_init_options_init (&o);
  o.access_links = 2;
  o.access_max_m = 600;
  enum { NP = 300 };
  g_autofree double *pts = g_new (double, 2 * NP);
  GRand *rand = g_rand_new_with_seed (34);
  for (guint i = 0; i < NP; i++)
    {
      pts[2 * i] = box[0] - 0.2 * wlon + g_rand_double (rand) * 1.4 * wlon;
      pts[2 * i + 1] = box[1] - 0.2 * wlat + g_rand_double (rand) * 1.4 * wlat;
    }
  g_rand_free (rand);
  g_autofree guint *pf = NULL;
  g_autofree TnetAccessCandidate *pc = NULL;
  ck_assert (tnet_network_snap_points (net, scen, &o, pts, NP, &pf, &pc, &error));
  guint n_empty = 0;
  for (guint i = 0; i < NP; i++)
    {
      guint near[4];
      guint nc = brute_nearest (net, car, pts[2 * i], pts[2 * i + 1], 2, near);
      guint nn = nc + brute_nearest (net, walk, pts[2 * i], pts[2 * i + 1], 2, near + nc);
      guint got = pf[i];
      for (guint j = 0; j < nn; j++)
        {
          gboolean dup = FALSE;
          for (guint q = 0; q < j; q++)
            dup |= near[q] == near[j];
          const TnetNode *nd = tnet_network_node (net, near[j]);
          double d = test_haversine_m (pts[2 * i], pts[2 * i + 1], nd->lon, nd->lat);
          if (dup || d > o.access_max_m)
            continue;
          ck_assert_uint_lt (got, pf[i + 1]);
          ck_assert_uint_eq (pc[got].node, near[j]);
          ck_assert_int_eq (pc[got].network, j < nc ? TNET_MODE_ROAD : TNET_MODE_WALK);
          ck_assert_double_eq_tol (pc[got].distance_m, d, 1e-6);
          /* within half a millisecond of the exact time */
          ck_assert_double_eq_tol (pc[got].time_ms, MAX (d, 0.1) * 1.2 / (4.8 / 3.6) * 1000.0,
                                   0.5 + 1e-6);
          got++;
        }
      ck_assert_uint_eq (got, pf[i + 1]);
      n_empty += pf[i] == pf[i + 1];
    }
  /* the margin leaves some points unlinked, the box links most */
  ck_assert_uint_gt (n_empty, 0);
  ck_assert_uint_lt (n_empty, NP / 2);
  ck_assert_uint_gt (pf[NP], NP);

  /* errors */
  double bad[] = { 0, 0, NAN, 0 };
  guint *f2 = NULL;
  TnetAccessCandidate *c2 = NULL;
  ck_assert (!tnet_network_snap_points (net, scen, NULL, bad, 2, &f2, &c2, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "point 1:");
  ck_assert_ptr_null (f2);
  o.access_links = 0;
  ck_assert (!tnet_network_snap_points (net, scen, &o, bad, 1, &f2, &c2, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "access links 1..16");
  g_autoptr (TnetNetwork) bare = tnet_network_new ();
  ck_assert (!tnet_network_snap_points (bare, NULL, NULL, bad, 1, &f2, &c2, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "no street link");
}
END_TEST

typedef struct {
  GString *log;           /* "WHAT DONE/TOTAL UNIT;" per report */
  const char *cancel_on;  /* cancel on the first report of this label */
  GCancellable *cancel;
} InitProgress;

static void
init_progress (guint64 done, guint64 total, const char *what, const char *unit, gpointer data)
{
  InitProgress *ip = data;
  g_string_append_printf (ip->log, "%s %" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT " %s;", what,
                          done, total, unit);
  if (ip->cancel_on && strcmp (what, ip->cancel_on) == 0)
    g_cancellable_cancel (ip->cancel);
}

/* A cancellable cancelled by a step's first report, by the OSM reader's
 * first report (the run's cancellable given to the reader), or before the
 * call, stops the run at that report with
 * G_IO_ERROR_CANCELLED; nothing is written. The reports before are the
 * steps' starts and ends, in the order the steps run. */
START_TEST (spo_init_cancel)
{
  g_autofree char *osm = tt_source_path ("tests/data/sao-paulo/spo_osm.pbf");
  g_autofree char *zones = tt_source_path ("tests/data/sao-paulo/spo_hexgrid.csv");
  g_autofree char *out = g_build_filename (spo_dir, "cancelled", NULL);
  /* the São Paulo extract has fewer than 65536 nodes and ways, so its
   * reader reports nothing: Monaco's (which the zones do not need: the
   * run stops before linking them) shows the reader stopped by the run's
   * cancellable at its first report */
  g_autofree char *monaco = tt_data_path ("monaco/monaco.osm.pbf");
  static const struct { const char *on, *log; gboolean monaco; } cases[] = {
    { "reading OSM", "reading zones 0/1 step;reading zones 1/1 step;reading OSM 0/1 step;",
      FALSE },
    { "OSM import", "reading zones 0/1 step;reading zones 1/1 step;reading OSM 0/1 step;"
                    "OSM import 65536/0 nodes and ways;", TRUE },
    { NULL, "reading zones 0/1 step;", FALSE },
  };
  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr (GCancellable) cancel = g_cancellable_new ();
      if (cases[k].on == NULL)
        g_cancellable_cancel (cancel);
      InitProgress ip = { g_string_new (NULL), cases[k].on, cancel };
      TnetInitOptions o;
      tnet_init_options_init (&o);
      o.osm_path = cases[k].monaco ? monaco : osm;
      o.zones_path = zones;
      o.progress = init_progress;
      o.progress_data = &ip;
      o.cancellable = cancel;
      GError *error = NULL;
      ck_assert (!tnet_folder_init (out, &o, NULL, &error));
      ck_assert_msg (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED), "%s",
                     error ? error->message : "");
      g_clear_error (&error);
      ck_assert_str_eq (ip.log->str, cases[k].log);
      ck_assert (!g_file_test (out, G_FILE_TEST_EXISTS));
      g_string_free (ip.log, TRUE);
    }
}
END_TEST

START_TEST (spo_init_errors)
{
  g_autofree char *osm = tt_source_path ("tests/data/sao-paulo/spo_osm.pbf");
  g_autofree char *zones = tt_source_path ("tests/data/sao-paulo/spo_hexgrid.csv");
  g_autofree char *out = g_build_filename (spo_dir, "err", NULL);
  TnetInitOptions o;
  tnet_init_options_init (&o);
  o.osm_path = osm;
  o.zones_path = zones;
  o.region_column = "district";
  GError *error = NULL;
  ck_assert (!tnet_folder_init (out, &o, NULL, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "no column \"district\"");
  ck_assert (!g_file_test (out, G_FILE_TEST_EXISTS));   /* nothing written */
  /* zones far from the extract (shifted by 1 degree) */
  tt_write_file (spo_dir, "far.csv", "id,lon,lat\nfar,-45.6,-23.5\n");
  g_autofree char *far = g_build_filename (spo_dir, "far.csv", NULL);
  o.zones_path = far;
  o.region_column = NULL;
  ck_assert (!tnet_folder_init (out, &o, NULL, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "no zone lies within 2000 m");
}
END_TEST

START_TEST (spo_accessibility_car_against_dijkstra)
{
  g_autofree char *dir = spo_folder ();
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  g_autofree char *zpath = g_build_filename (dir, "zones.csv", NULL);
  g_autoptr (TnetZoneTable) zones = tnet_zone_table_load (zpath, &error);
  ck_assert_ptr_nonnull (zones);
  guint nz = tnet_zone_table_n_zones (zones);
  ck_assert_uint_eq (nz, 323);
  g_autofree double *jobs = tnet_zone_table_values (zones, "jobs", &error);
  g_autofree double *pop = tnet_zone_table_values (zones, "population", &error);
  g_autofree TnetId *ids = g_new (TnetId, nz);
  for (guint z = 0; z < nz; z++)
    ids[z] = tnet_network_find_node (net, tnet_zone_table_id (zones, z));
  TnetProfile car = TNET_PROFILE_CAR;
  TnetMultimodal *mm = NULL;
  ck_assert (tnet_commute_build_graphs (net, scen, NULL, NULL, &car, 1, &mm, &error));
  TnetCommuteOptions co;
  tnet_commute_options_init (&co);
  co.method = TNET_COMMUTE_METHOD_M2M;
  /* short cutoffs: the extract is small and fast by car */
  const double cut[] = { 5, 10, 15 };
  const TnetWeight cut_ms[] = { 5 * 60000, 10 * 60000, 15 * 60000 };
  g_autoptr (TnetAccessibility) acc = tnet_accessibility_compute (net, mm, ids, nz, jobs, pop,
                                                                  cut_ms, 3, &co, &error);
  ck_assert_ptr_nonnull (acc);
  /* a block of origins (every 7th zone, by search rather than m2m: the
   * method must not matter) has the rows of the whole, value for value */
  {
    g_autofree TnetId *rows = g_new (TnetId, nz);
    g_autofree double *rpop = g_new (double, nz);
    guint nr = 0;
    for (guint z = 3; z < nz; z += 7, nr++)
      {
        rows[nr] = ids[z];
        rpop[nr] = pop[z];
      }
    TnetCommuteOptions so;
    tnet_commute_options_init (&so);
    so.method = TNET_COMMUTE_METHOD_SEARCH;
    g_autoptr (TnetAccessibility) part
      = tnet_accessibility_compute_origins (net, mm, rows, nr, ids, nz, jobs, rpop, cut_ms, 3,
                                            &so, &error);
    ck_assert_ptr_nonnull (part);
    ck_assert_uint_eq (tnet_accessibility_n_origins (part), nr);
    for (guint r = 0; r < nr; r++)
      for (guint c = 0; c < 3; c++)
        ck_assert (tnet_accessibility_value (part, r, c)
                   == tnet_accessibility_value (acc, 3 + 7 * r, c));
  }
  tnet_multimodal_unref (mm);
  double total = 0;
  for (guint z = 0; z < nz; z++)
    total += jobs[z];
  ck_assert_double_eq_tol (tnet_accessibility_total (acc), total, 1e-6);
  /* every 32nd origin against the oracle; the mean from all the values */
  guint64 *dist = g_new (guint64, tnet_network_n_nodes (net));
  gboolean some_partial = FALSE;
  for (guint o = 0; o < nz; o += 32)
    {
      oracle_car (net, scen, ids[o], dist);
      for (guint c = 0; c < 3; c++)
        {
          double want = 0;
          for (guint d = 0; d < nz; d++)
            if (dist[ids[d]] <= (guint64) (cut[c] * 60000))
              want += jobs[d];
          ck_assert_double_eq_tol (tnet_accessibility_value (acc, o, c), want, 1e-6);
          some_partial |= want > 0 && want < total;
        }
    }
  g_free (dist);
  ck_assert (some_partial);   /* the cutoffs do cut */
  for (guint c = 0; c < 3; c++)
    {
      double s = 0, w = 0;
      for (guint o = 0; o < nz; o++)
        {
          s += pop[o] * tnet_accessibility_value (acc, o, c);
          w += pop[o];
        }
      ck_assert_double_eq_tol (tnet_accessibility_mean (acc, c), s / w, 1e-6 * (1 + s / w));
    }
}
END_TEST

START_TEST (accessibility_from_matrix_by_hand)
{
  /* 2 origins x 3 destinations; opportunities 1, 10, 100 */
  const TnetWeight t[] = { 0, 600000, TNET_WEIGHT_INF,      /* 0, 10 min, none */
                           1800000, 1800001, 60000 };       /* 30 min, 30 min + 1 ms, 1 min */
  const double opp[] = { 1, 10, 100 }, pop[] = { 1, 3 };
  const TnetWeight cut[] = { 600000, 1800000 };   /* 10 and 30 min */
  GError *error = NULL;
  g_autoptr (TnetAccessibility) a = tnet_accessibility_from_matrix (t, 2, 3, opp, pop, cut, 2,
                                                                    &error);
  ck_assert_ptr_nonnull (a);
  ck_assert_uint_eq (tnet_accessibility_cutoff_ms (a, 1), 1800000);
  ck_assert_double_eq (tnet_accessibility_value (a, 0, 0), 11);    /* 10 min counts */
  ck_assert_double_eq (tnet_accessibility_value (a, 0, 1), 11);
  ck_assert_double_eq (tnet_accessibility_value (a, 1, 0), 100);
  ck_assert_double_eq (tnet_accessibility_value (a, 1, 1), 101);   /* 30 min + 1 ms out */
  ck_assert_double_eq_tol (tnet_accessibility_mean (a, 1), (11 + 3 * 101) / 4.0, 1e-12);
  const TnetWeight bad_cut[] = { 0 };
  ck_assert_ptr_null (tnet_accessibility_from_matrix (t, 2, 3, opp, pop, bad_cut, 1, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "cutoff");
  const double neg[] = { 1, -1, 0 };
  ck_assert_ptr_null (tnet_accessibility_from_matrix (t, 2, 3, neg, pop, cut, 2, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "opportunity");
}
END_TEST


/* The library's four writers of a result computed by hand (the matrix of
 * accessibility_from_matrix_by_hand): the CSV and text compared whole with
 * text written out here, the JSON and GeoJSON read back member by member.
 * A zone id with a comma is quoted in the CSV. */
START_TEST (accessibility_writers_by_hand)
{
  const TnetWeight t[] = { 0, 600000, TNET_WEIGHT_INF, 1800000, 1800001, 60000 };
  const double opp[] = { 1, 10, 100 }, pop[] = { 1, 3 };
  const TnetWeight cut[] = { 600000, 1800000 };   /* 10 and 30 min */
  const double lon[] = { 113.5, 113.25 }, lat[] = { 34.0, 34.125 };
  const char *const ids[] = { "a", "b,c" };
  GError *error = NULL;
  g_autoptr (TnetAccessibility) a = tnet_accessibility_from_matrix (t, 2, 3, opp, pop, cut, 2,
                                                                    &error);
  ck_assert_ptr_nonnull (a);
  TnetAccessibilityLabels l = {
    .opportunities = "jobs", .profile = TNET_PROFILE_TRANSIT, .zone_ids = ids, .lon = lon,
    .lat = lat, .zone_source = "zones.csv", .timetable_feed = "f1+f2",
    .timetable_date = 20250101, .depart_s = 7 * 3600 + 30 * 60, .window_ms = 0,
    .max_walk_ms = 600000, .percentile = 75,
  };
  g_autofree char *csv = tnet_accessibility_to_csv (a, &l);
  ck_assert_str_eq (csv, "id,within_10_min,within_30_min\n"
                         "a,11,11\n"
                         "\"b,c\",100,101\n");
  g_autofree char *text = tnet_accessibility_to_text (a, &l);
  ck_assert_str_eq (text,
    "Accessibility to jobs by transit (2 zones of zones.csv, jobs in all: 111)\n"
    "Timetable f1+f2, 20250101, departing 07:30, window 1 min, walks up to 10 min: "
    "counted at p75 of the travel time over the window\n"
    "zone                   <=10 min   <=30 min\n"
    "a                            11         11\n"
    "b,c                         100        101\n"
    "mean (by population)       77.8       78.5\n");
  g_autofree char *json = tnet_accessibility_to_json (a, &l);
  g_autoptr (JsonParser) jp = json_parser_new ();
  ck_assert (json_parser_load_from_data (jp, json, -1, NULL));
  JsonObject *d = json_node_get_object (json_parser_get_root (jp));
  ck_assert_str_eq (json_object_get_string_member (d, "model"), "timetable");
  ck_assert_str_eq (json_object_get_string_member (d, "profile"), "transit");
  JsonObject *tt = json_object_get_object_member (d, "timetable");
  ck_assert_str_eq (json_object_get_string_member (tt, "depart"), "07:30");
  ck_assert_int_eq (json_object_get_int_member (tt, "window_min"), 1);
  ck_assert_double_eq (json_object_get_double_member (tt, "max_walk_min"), 10);
  ck_assert_double_eq (json_object_get_double_member (d, "total"), 111);
  JsonArray *mean = json_object_get_array_member (d, "mean_population_weighted");
  ck_assert_double_eq (json_array_get_double_element (mean, 0), (11 + 3 * 100) / 4.0);
  JsonArray *zones = json_object_get_array_member (d, "zones");
  JsonObject *z1 = json_array_get_object_element (zones, 1);
  ck_assert_str_eq (json_object_get_string_member (z1, "id"), "b,c");
  ck_assert_double_eq (
    json_array_get_double_element (json_object_get_array_member (z1, "accessibility"), 1), 101);
  g_autofree char *geo = tnet_accessibility_to_geojson (a, &l);
  g_autoptr (JsonParser) gp = json_parser_new ();
  ck_assert (json_parser_load_from_data (gp, geo, -1, NULL));
  JsonArray *fs = json_object_get_array_member (json_node_get_object (json_parser_get_root (gp)),
                                                "features");
  ck_assert_uint_eq (json_array_get_length (fs), 2);
  JsonObject *f1 = json_array_get_object_element (fs, 1);
  JsonArray *xy = json_object_get_array_member (json_object_get_object_member (f1, "geometry"),
                                                "coordinates");
  ck_assert_double_eq (json_array_get_double_element (xy, 0), 113.25);
  ck_assert_double_eq (json_array_get_double_element (xy, 1), 34.125);
  JsonObject *pr = json_object_get_object_member (f1, "properties");
  ck_assert_double_eq (json_object_get_double_member (pr, "within_10_min"), 100);
  ck_assert_double_eq (json_object_get_double_member (pr, "percentile"), 75);
  ck_assert_str_eq (json_object_get_string_member (pr, "opportunities"), "jobs");
  /* by car: no timetable member, model "network"; no weight: a null mean */
  const double nopop[] = { 0, 0 };
  g_autoptr (TnetAccessibility) a0 = tnet_accessibility_from_matrix (t, 2, 3, opp, nopop, cut,
                                                                     2, &error);
  ck_assert_ptr_nonnull (a0);
  l.profile = TNET_PROFILE_CAR;
  l.timetable_feed = NULL;
  g_autofree char *json0 = tnet_accessibility_to_json (a0, &l);
  g_autoptr (JsonParser) jp0 = json_parser_new ();
  ck_assert (json_parser_load_from_data (jp0, json0, -1, NULL));
  JsonObject *d0 = json_node_get_object (json_parser_get_root (jp0));
  ck_assert (!json_object_has_member (d0, "timetable"));
  ck_assert_str_eq (json_object_get_string_member (d0, "model"), "network");
  ck_assert (json_array_get_null_element (
    json_object_get_array_member (d0, "mean_population_weighted"), 1));
  g_autofree char *text0 = tnet_accessibility_to_text (a0, &l);
  ck_assert (g_str_has_prefix (text0, "Accessibility to jobs by car (2 zones of zones.csv, "
                                      "jobs in all: 111)\nzone "));
  l.profile = TNET_PROFILE_TRANSIT;
  ck_assert_str_eq (tnet_accessibility_model_name (&l), "frequency approximation");
}
END_TEST

/* Every zone inside a polygon, some streets outside all of them: the
 * streets get "other", which regions.csv must list too, or the folder
 * would not load. The rectangles are the hexagon grid's extent (read in
 * the test) split at -46.645; the OSM extract reaches beyond it. */
START_TEST (spo_regions_streets_outside)
{
  g_autofree char *zones = tt_source_path ("tests/data/sao-paulo/spo_hexgrid.csv");
  g_autofree char *ztext = NULL;
  ck_assert (g_file_get_contents (zones, &ztext, NULL, NULL));
  g_auto (GStrv) lines = g_strsplit (ztext, "\n", -1);
  double w = 180, e = -180, s = 90, n = -90;
  for (guint i = 1; lines[i] && *lines[i]; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], ",", 4);
      double lon = g_ascii_strtod (f[1], NULL), lat = g_ascii_strtod (f[2], NULL);
      w = MIN (w, lon), e = MAX (e, lon), s = MIN (s, lat), n = MAX (n, lat);
    }
  w -= 0.001, e += 0.001, s -= 0.001, n += 0.001;
  g_autofree char *gj = g_strdup_printf (
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"id\":\"west\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
    "[[[%.6f,%.6f],[-46.645,%.6f],[-46.645,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]}},"
    "{\"type\":\"Feature\",\"id\":\"east\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
    "[[[-46.645,%.6f],[%.6f,%.6f],[%.6f,%.6f],[-46.645,%.6f],[-46.645,%.6f]]]}}]}",
    w, s, s, n, w, n, w, s, s, e, s, e, n, n, s);
  tt_write_file (spo_dir, "regions-tight.geojson", gj);
  g_autofree char *regions = g_build_filename (spo_dir, "regions-tight.geojson", NULL);
  g_autofree char *osm = tt_source_path ("tests/data/sao-paulo/spo_osm.pbf");
  g_autofree char *out = g_build_filename (spo_dir, "tight", NULL);
  TnetInitOptions o;
  tnet_init_options_init (&o);
  o.osm_path = osm;
  o.zones_path = zones;
  o.regions_path = regions;
  TnetInitStats st;
  GError *error = NULL;
  ck_assert_msg (tnet_folder_init (out, &o, &st, &error), "%s", error ? error->message : "");
  g_autoptr (TnetDataset) ds = tnet_dataset_load (out, NULL, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "");
  const TnetNetwork *net = tnet_dataset_get_network (ds);
  guint n_other = 0, n_zone_other = 0;
  for (guint v = 0; v < tnet_network_n_nodes (net); v++)
    {
      const TnetNode *nd = tnet_network_node (net, v);
      gboolean out_of_box = nd->lon < w || nd->lon > e || nd->lat < s || nd->lat > n;
      if (out_of_box)
        ck_assert_str_eq (nd->region, "other");
      n_other += out_of_box;
      n_zone_other += nd->kind == TNET_NODE_ZONE && strcmp (nd->region, "other") == 0;
    }
  ck_assert_uint_gt (n_other, 0);
  ck_assert_uint_eq (n_zone_other, 0);
  g_autofree char *rpath = g_build_filename (out, "regions.csv", NULL);
  g_autofree char *rtext = NULL;
  ck_assert (g_file_get_contents (rpath, &rtext, NULL, NULL));
  ck_assert_msg (strstr (rtext, "\nother,other,other\n"), "%s", rtext);
}
END_TEST

START_TEST (spo_regions_from_polygons)
{
  /* two rectangles meeting at longitude -46.645; the north-east corner of
   * the east one is cut away, so nodes there fall in no polygon ("other") */
  tt_write_file (spo_dir, "regions.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"properties\":{\"id\":\"w\",\"name\":\"Oeste\"},"
    "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[-46.75,-23.7],[-46.645,-23.7],"
    "[-46.645,-23.4],[-46.75,-23.4],[-46.75,-23.7]]]}},"
    "{\"type\":\"Feature\",\"properties\":{\"id\":\"e\"},"
    "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[[[[-46.645,-23.7],[-46.55,-23.7],"
    "[-46.55,-23.53],[-46.645,-23.53],[-46.645,-23.7]]]]}}]}");
  g_autofree char *regions = g_build_filename (spo_dir, "regions.geojson", NULL);
  g_autofree char *osm = tt_source_path ("tests/data/sao-paulo/spo_osm.pbf");
  g_autofree char *zones = tt_source_path ("tests/data/sao-paulo/spo_hexgrid.csv");
  g_autofree char *out = g_build_filename (spo_dir, "poly", NULL);
  TnetInitOptions o;
  tnet_init_options_init (&o);
  o.osm_path = osm;
  o.zones_path = zones;
  o.regions_path = regions;
  TnetInitStats st;
  GError *error = NULL;
  ck_assert (tnet_folder_init (out, &o, &st, &error));
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (out, &error);
  ck_assert_ptr_nonnull (net);
  guint n_other = 0;
  for (guint v = 0; v < tnet_network_n_nodes (net); v++)
    {
      const TnetNode *nd = tnet_network_node (net, v);
      /* by hand: which rectangle holds the point (boundaries avoided) */
      if (fabs (nd->lon + 46.645) < 1e-9 || fabs (nd->lat + 23.53) < 1e-9)
        continue;
      const char *want = nd->lon < -46.645 ? "w" : nd->lat < -23.53 ? "e" : "other";
      ck_assert_str_eq (nd->region, want);
      n_other += strcmp (want, "other") == 0;
    }
  ck_assert_uint_gt (n_other, 0);
  g_autofree char *rpath = g_build_filename (out, "regions.csv", NULL);
  g_autofree char *rtext = NULL;
  ck_assert (g_file_get_contents (rpath, &rtext, NULL, NULL));
  ck_assert (strstr (rtext, "w,Oeste,Oeste\n"));
  ck_assert (strstr (rtext, "e,e,e\n"));
  ck_assert (strstr (rtext, "other,other,other\n"));

  /* the plan skeleton credits the OpenStreetMap extract, for the maps */
  g_autofree char *ppath = g_build_filename (out, "plan.ini", NULL);
  g_autofree char *ptext = NULL;
  ck_assert (g_file_get_contents (ppath, &ptext, NULL, NULL));
  ck_assert_msg (strstr (ptext, "\ncredit = © OpenStreetMap contributors (ODbL), spo_osm.pbf\n"),
                 "%s", ptext);

  /* the folder keeps the outlines: the dataset reads back the two input
   * rectangles, each a closed ring of the same five points */
  g_autoptr (TnetDataset) ds = tnet_dataset_load (out, NULL, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (tnet_dataset_n_region_outlines (ds), 2);
  static const double west[] = { -46.75, -23.7, -46.645, -23.7, -46.645, -23.4, -46.75, -23.4,
                                 -46.75, -23.7 };
  static const double east[] = { -46.645, -23.7, -46.55, -23.7, -46.55, -23.53, -46.645,
                                 -23.53, -46.645, -23.7 };
  for (guint i = 0; i < 2; i++)
    {
      const char *region = NULL;
      guint np = 0;
      const double *ll = tnet_dataset_get_region_outline (ds, i, &region, &np);
      const double *want = strcmp (region, "w") == 0 ? west : east;
      ck_assert (strcmp (region, "w") == 0 || strcmp (region, "e") == 0);
      ck_assert_uint_eq (np, 5);
      for (guint k = 0; k < 10; k++)
        ck_assert_double_eq_tol (ll[k], want[k], 1e-9);
    }
  /* the map draws them (a dashed line with a pale band) with a legend row */
  g_autofree char *svg = g_build_filename (spo_dir, "regions.svg", NULL);
  TtRun r = tt_run_tnet ("map", "--data", out, "-o", svg, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  tt_run_clear (&r);
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (svg, &text, NULL, NULL));
  /* a folder from tnet init declares no map_languages: English legends */
  ck_assert_ptr_nonnull (strstr (text, ">region boundary</text>"));
  ck_assert_ptr_null (strstr (text, "区域边界"));
  guint dashed = 0;
  for (const char *p = strstr (text, "stroke-dasharray:7,3,1.5,3;"); p;
       p = strstr (p + 1, "stroke-dasharray:7,3,1.5,3;"))
    dashed++;
  ck_assert_uint_eq (dashed, 2 + 1);  /* two rings and the legend sample */

  /* a folder whose outline names a region regions.csv lacks fails, naming
   * the file and the feature */
  tt_write_file (out, "regions.geojson",
    "{\"type\":\"FeatureCollection\",\"features\":["
    "{\"type\":\"Feature\",\"id\":\"w\",\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[[[-46.7,-23.6],[-46.6,-23.6],[-46.6,-23.5],[-46.7,-23.6]]]}},"
    "{\"type\":\"Feature\",\"id\":\"north\",\"geometry\":{\"type\":\"Polygon\","
    "\"coordinates\":[[[-46.7,-23.6],[-46.6,-23.6],[-46.6,-23.5],[-46.7,-23.6]]]}}]}");
  g_autoptr (TnetDataset) bad = tnet_dataset_load (out, NULL, &error);
  ck_assert_ptr_null (bad);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "regions.geojson: feature 2 (\"north\")");
  tt_write_file (out, "regions.geojson", "{\"type\": \"FeatureCollection\",\n \"features\": [\n  {,}]}");
  r = tt_run_tnet ("map", "--data", out, "-o", svg, NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "regions.geojson") && strstr (r.err, ":3:"), "%s", r.err);
  tt_run_clear (&r);
}
END_TEST

START_TEST (spo_cli_init_usage_and_errors)
{
  g_autofree char *osm = tt_source_path ("tests/data/sao-paulo/spo_osm.pbf");
  g_autofree char *out = g_build_filename (spo_dir, "cli", NULL);
  TtRun r = tt_run_tnet ("init", out, "--osm", osm, NULL);
  ck_assert_int_eq (r.status, 2);
  ck_assert (strstr (r.err, "--zones"));
  tt_run_clear (&r);
  tt_write_file (spo_dir, "badz.csv", "id,lon,lat,jobs\nz1,-46.63,-23.55,3\nz2,-46.63,x,4\n");
  g_autofree char *bad = g_build_filename (spo_dir, "badz.csv", NULL);
  r = tt_run_tnet ("init", out, "--osm", osm, "--zones", bad, NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert_msg (strstr (r.err, "badz.csv:3:"), "%s", r.err);
  tt_run_clear (&r);
  ck_assert (!g_file_test (out, G_FILE_TEST_EXISTS));
}
END_TEST

/* The accessibility command's CSV shape and its error for an unknown
 * column (its values: spo_commute_against_oracles). */
START_TEST (spo_cli_commands)
{
  g_autofree char *dir = spo_folder ();
  TtRun r;
  r = tt_run_tnet ("accessibility", "--data", dir, "--opportunities", "jobs", "--cutoffs",
                   "30,45,60", "--profile", "car", "--format", "csv", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_auto (GStrv) rows = g_strsplit (r.out, "\n", -1);
  ck_assert_str_eq (rows[0], "id,within_30_min,within_45_min,within_60_min");
  ck_assert_uint_eq (g_strv_length (rows), 325);   /* header, 323 rows, final "" */
  tt_run_clear (&r);
  /* the same as GeoJSON: one Point per zone, its id and the CSV's values */
  r = tt_run_tnet ("accessibility", "--data", dir, "--opportunities", "jobs", "--cutoffs",
                   "30,45,60", "--profile", "car", "--format", "geojson", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  {
    g_autoptr (JsonParser) gp = json_parser_new ();
    ck_assert (json_parser_load_from_data (gp, r.out, -1, NULL));
    JsonObject *fc = json_node_get_object (json_parser_get_root (gp));
    ck_assert_str_eq (json_object_get_string_member (fc, "type"), "FeatureCollection");
    JsonArray *fs = json_object_get_array_member (fc, "features");
    ck_assert_uint_eq (json_array_get_length (fs), 323);
    for (guint i = 0; i < 323; i++)
      {
        JsonObject *f = json_array_get_object_element (fs, i);
        JsonObject *g = json_object_get_object_member (f, "geometry");
        ck_assert_str_eq (json_object_get_string_member (g, "type"), "Point");
        g_auto (GStrv) cells = g_strsplit (rows[i + 1], ",", -1);
        ck_assert_str_eq (json_object_get_string_member (f, "id"), cells[0]);
        JsonObject *pr = json_object_get_object_member (f, "properties");
        ck_assert_double_eq_tol (json_object_get_double_member (pr, "within_60_min"),
                                 g_ascii_strtod (cells[3], NULL), 0.5);
      }
  }
  tt_run_clear (&r);
  r = tt_run_tnet ("accessibility", "--data", dir, "--opportunities", "nope", NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert (strstr (r.err, "numeric columns: population, schools, jobs, healthcare"));
  tt_run_clear (&r);
}
END_TEST

/* ---- São Paulo: every command against an oracle ------------------------ */

/* The oracles' graph: arcs rebuilt here from the network's links (not the
 * library's CSR), with the link each arc comes from. */
typedef struct {
  guint n;
  guint *off;       /* n + 1 */
  guint *head;
  guint64 *w;
  guint *link;
} OGraph;

static void
ograph_free (OGraph *g)
{
  g_free (g->off);
  g_free (g->head);
  g_free (g->w);
  g_free (g->link);
}

typedef struct {
  guint tail, head, link;
  guint64 w;
} OArc;

static void
ograph_from_arcs (OGraph *g, guint n, GArray *arcs)
{
  g->n = n;
  g->off = g_new0 (guint, n + 1);
  g->head = g_new (guint, MAX (arcs->len, 1));
  g->w = g_new (guint64, MAX (arcs->len, 1));
  g->link = g_new (guint, MAX (arcs->len, 1));
  for (guint i = 0; i < arcs->len; i++)
    g->off[g_array_index (arcs, OArc, i).tail + 1]++;
  for (guint v = 0; v < n; v++)
    g->off[v + 1] += g->off[v];
  guint *fill = g_memdup2 (g->off, sizeof (guint) * n);
  for (guint i = 0; i < arcs->len; i++)
    {
      const OArc *a = &g_array_index (arcs, OArc, i);
      guint k = fill[a->tail]++;
      g->head[k] = a->head;
      g->w[k] = a->w;
      g->link[k] = a->link;
    }
  g_free (fill);
}

static void
oarc_add (GArray *arcs, guint t, guint h, guint64 w, guint link)
{
  OArc a = { t, h, link, w };
  g_array_append_val (arcs, a);
}

/* Car: road-mode and access links at their scenario times, one-way kept. */
static void
ograph_car (OGraph *g, const TnetNetwork *net, const TnetScenario *scen)
{
  GArray *arcs = g_array_new (FALSE, FALSE, sizeof (OArc));
  for (guint i = 0; i < tnet_network_n_links (net); i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      if (!(TNET_MODE_BIT (l->mode) & (TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS))))
        continue;
      guint64 w = tnet_scenario_link_time_ms (scen, net, i);
      oarc_add (arcs, l->from, l->to, w, i);
      if (!l->oneway)
        oarc_add (arcs, l->to, l->from, w, i);
    }
  ograph_from_arcs (g, tnet_network_n_nodes (net), arcs);
  g_array_unref (arcs);
}

/* Walking, as docs/cli.md describes the transit profile's walks: walk and
 * access links at their own times (one-way kept), and both ways along every
 * `road` link and every `trunk` link of OSM class primary/primary_link at
 * 4.8 km/h over the link's length. */
static void
ograph_walk (OGraph *g, const TnetNetwork *net, const TnetScenario *scen)
{
  GArray *arcs = g_array_new (FALSE, FALSE, sizeof (OArc));
  for (guint i = 0; i < tnet_network_n_links (net); i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      gboolean foot = l->mode == TNET_MODE_ROAD
                      || (l->mode == TNET_MODE_TRUNK && l->road_class
                          && g_str_has_prefix (l->road_class, "primary"));
      if (foot)
        {
          guint64 w = (guint64) llround (l->length_m / (4.8 / 3.6) * 1000.0);
          oarc_add (arcs, l->from, l->to, w, i);
          oarc_add (arcs, l->to, l->from, w, i);
        }
      else if (l->mode == TNET_MODE_WALK || l->mode == TNET_MODE_ACCESS)
        {
          guint64 w = tnet_scenario_link_time_ms (scen, net, i);
          oarc_add (arcs, l->from, l->to, w, i);
          if (!l->oneway)
            oarc_add (arcs, l->to, l->from, w, i);
        }
    }
  ograph_from_arcs (g, tnet_network_n_nodes (net), arcs);
  g_array_unref (arcs);
}

/* Dijkstra with a binary heap of (distance, node) pairs and lazy deletion.
 * A zone other than @src is a trip end: reached, never left. Arcs of link
 * @skip (G_MAXUINT: none) are left out. */
static void
odijkstra (const OGraph *g, const TnetNetwork *net, guint src, guint skip, guint64 *dist)
{
  for (guint v = 0; v < g->n; v++)
    dist[v] = G_MAXUINT64;
  GArray *heap = g_array_new (FALSE, FALSE, sizeof (guint64) * 2);
  guint64 e[2] = { 0, src };
  dist[src] = 0;
  g_array_append_val (heap, e);
  while (heap->len > 0)
    {
      guint64 *h = (guint64 *) heap->data;
      guint64 d = h[0], u = h[1];
      /* pop: last to the root, sift down */
      guint last = heap->len - 1;
      h[0] = h[2 * last];
      h[1] = h[2 * last + 1];
      g_array_set_size (heap, last);
      h = (guint64 *) heap->data;
      for (guint i = 0;;)
        {
          guint c = 2 * i + 1, m = i;
          if (c < heap->len && h[2 * c] < h[2 * m])
            m = c;
          if (c + 1 < heap->len && h[2 * (c + 1)] < h[2 * m])
            m = c + 1;
          if (m == i)
            break;
          guint64 t0 = h[2 * i], t1 = h[2 * i + 1];
          h[2 * i] = h[2 * m];
          h[2 * i + 1] = h[2 * m + 1];
          h[2 * m] = t0;
          h[2 * m + 1] = t1;
          i = m;
        }
      if (d > dist[u])
        continue;
      if (u != src && tnet_network_node (net, (TnetId) u)->kind == TNET_NODE_ZONE)
        continue;
      for (guint k = g->off[u]; k < g->off[u + 1]; k++)
        {
          if (g->link[k] == skip || d + g->w[k] >= dist[g->head[k]])
            continue;
          dist[g->head[k]] = d + g->w[k];
          guint64 x[2] = { d + g->w[k], g->head[k] };
          g_array_append_val (heap, x);
          h = (guint64 *) heap->data;
          for (guint i = heap->len - 1; i > 0;)
            {
              guint p = (i - 1) / 2;
              if (h[2 * p] <= h[2 * i])
                break;
              guint64 t0 = h[2 * i], t1 = h[2 * i + 1];
              h[2 * i] = h[2 * p];
              h[2 * i + 1] = h[2 * p + 1];
              h[2 * p] = t0;
              h[2 * p + 1] = t1;
              i = p;
            }
        }
    }
  g_array_unref (heap);
}

/* Minutes as the CLI prints them: one decimal. */
static double
min1 (guint64 ms)
{
  return round (ms / 6000.0) / 10.0;
}

static JsonNode *
run_json (const char *const *args)
{
  TtRun r = tt_run_tnetv (args);
  ck_assert_msg (r.status == 0, "%s: %s", args[0], r.err);
  JsonNode *root = json_from_string (r.out, NULL);
  ck_assert_ptr_nonnull (root);
  tt_run_clear (&r);
  return root;
}

typedef struct {
  TnetNetwork *net;
  TnetScenario *scen;
  TnetZoneTable *zones;
  guint nz;
  TnetId *zid;     /* zone i -> network node */
} Spo;

static void
spo_open (Spo *s, const char *dir)
{
  GError *error = NULL;
  s->net = tnet_network_load_csv (dir, &error);
  ck_assert_ptr_nonnull (s->net);
  s->scen = tnet_scenario_new (2025);
  g_autofree char *zp = g_build_filename (dir, "zones.csv", NULL);
  s->zones = tnet_zone_table_load (zp, &error);
  ck_assert_ptr_nonnull (s->zones);
  s->nz = tnet_zone_table_n_zones (s->zones);
  s->zid = g_new (TnetId, s->nz);
  for (guint z = 0; z < s->nz; z++)
    {
      s->zid[z] = tnet_network_find_node (s->net, tnet_zone_table_id (s->zones, z));
      ck_assert_uint_ne (s->zid[z], TNET_ID_NONE);
    }
}

static void
spo_close (Spo *s)
{
  tnet_network_free (s->net);
  tnet_scenario_free (s->scen);
  tnet_zone_table_free (s->zones);
  g_free (s->zid);
}

/* `tnet commute --depart` (tnet_timetable_matrix()) against `tnet route
 * --profile transit --depart` with the same options, on every pair of a
 * spread of zones and two departure windows: both walk over the folder's
 * streets, so every percentile of every cell equals the route's, and a
 * pair the route cannot serve is not reached by the commute either. */
START_TEST (spo_commute_depart_equals_route)
{
  g_autofree char *dir = spo_folder ();
  Spo s;
  spo_open (&s, dir);
  GString *zl = g_string_new (NULL);
  guint n_z = 0;
  for (guint z = 3; z < s.nz; z += 40, n_z++)
    g_string_append_printf (zl, "%s%s", n_z ? ";" : "", tnet_zone_table_id (s.zones, z));
  static const char *const departs[] = { "07:30", "08:10" };
  guint n_equal = 0, n_none = 0;
  for (guint k = 0; k < G_N_ELEMENTS (departs); k++)
    {
      const char *args[] = { "commute", "--data", dir, "--origins", zl->str,
                             "--destinations", zl->str, "--profiles", "transit", "--depart",
                             departs[k], "--window", "20", "--percentiles", "25,50",
                             "--format", "json", NULL };
      g_autoptr (JsonNode) root = run_json (args);
      JsonArray *cells = json_object_get_array_member (json_node_get_object (root), "cells");
      ck_assert_uint_eq (json_array_get_length (cells), n_z * n_z);
      for (guint i = 0; i < n_z * n_z; i++)
        {
          JsonObject *c = json_array_get_object_element (cells, i);
          const char *a = json_object_get_string_member (c, "origin");
          const char *b = json_object_get_string_member (c, "destination");
          TtRun r = tt_run_tnet ("route", a, b, "--data", dir, "--profile", "transit",
                                 "--depart", departs[k], "--window", "20", "--percentiles",
                                 "25,50", "--format", "json", NULL);
          JsonObject *cp = json_object_get_null_member (c, "percentiles") ? NULL
                           : json_object_get_object_member (c, "percentiles");
          if (r.status != 0)
            {
              ck_assert_msg (strstr (r.err, "no path") != NULL, "%s", r.err);
              ck_assert_msg (cp == NULL || json_object_get_null_member (cp, "p25"),
                             "%s -> %s at %s: the commute reaches what the route does not", a,
                             b, departs[k]);
              n_none++;
              tt_run_clear (&r);
              continue;
            }
          g_autoptr (JsonNode) rn = json_from_string (r.out, NULL);
          ck_assert_ptr_nonnull (rn);
          JsonObject *rp = json_object_get_object_member (json_node_get_object (rn),
                                                          "percentiles");
          ck_assert_ptr_nonnull (cp);
          for (guint p = 0; p < 2; p++)
            {
              const char *key = p ? "p50" : "p25";
              gboolean rnull = json_object_get_null_member (rp, key);
              gboolean cnull = json_object_get_null_member (cp, key);
              ck_assert_msg (rnull == cnull, "%s -> %s at %s %s: reached by one only", a, b,
                             departs[k], key);
              if (!rnull)
                ck_assert_msg (json_object_get_double_member (rp, key)
                               == json_object_get_double_member (cp, key),
                               "%s -> %s at %s %s: route %.1f, commute %.1f", a, b, departs[k],
                               key, json_object_get_double_member (rp, key),
                               json_object_get_double_member (cp, key));
            }
          n_equal += a != b;
          tt_run_clear (&r);
        }
    }
  /* not vacuous: most pairs ride or walk, a few have no stop near */
  ck_assert_uint_ge (n_equal, 60);
  g_string_free (zl, TRUE);
  spo_close (&s);
  (void) n_none;
}
END_TEST

/* Park-and-ride by the timetable on the folder: every cell of `tnet
 * commute --profiles park_and_ride` (median and p25 over a window) equals
 * `tnet route --profile park_and_ride` for the pair, and is never slower
 * than transit (walking to the first stop stays allowed); some pairs are
 * faster by parking (the extract's car parks near bus and metro stops),
 * and their route shows drive and park legs with clock times. */
START_TEST (spo_park_ride_commute_equals_route)
{
  g_autofree char *dir = spo_folder ();
  Spo s;
  spo_open (&s, dir);
  GString *zl = g_string_new (NULL);
  guint n_z = 0;
  for (guint z = 1; z < s.nz; z += 23, n_z++)
    g_string_append_printf (zl, "%s%s", n_z ? ";" : "", tnet_zone_table_id (s.zones, z));
  const char *args[] = { "commute", "--data", dir, "--origins", zl->str, "--destinations",
                         zl->str, "--profiles", "transit;park_and_ride", "--depart", "08:00",
                         "--window", "15", "--percentiles", "25,50", "--format", "json", NULL };
  g_autoptr (JsonNode) root = run_json (args);
  JsonArray *cells = json_object_get_array_member (json_node_get_object (root), "cells");
  ck_assert_uint_eq (json_array_get_length (cells), 2 * n_z * n_z);
  guint n_equal = 0, n_faster = 0, n_drive_legs = 0;
  for (guint i = 0; i < n_z * n_z; i++)
    {
      JsonObject *t = json_array_get_object_element (cells, i);
      JsonObject *c = json_array_get_object_element (cells, n_z * n_z + i);
      ck_assert_str_eq (json_object_get_string_member (t, "profile"), "transit");
      ck_assert_str_eq (json_object_get_string_member (c, "profile"), "park_and_ride");
      const char *a = json_object_get_string_member (c, "origin");
      const char *b = json_object_get_string_member (c, "destination");
      ck_assert_str_eq (json_object_get_string_member (t, "origin"), a);
      ck_assert_str_eq (json_object_get_string_member (t, "destination"), b);
      gboolean tnull = json_object_get_null_member (t, "minutes");
      gboolean cnull = json_object_get_null_member (c, "minutes");
      ck_assert_msg (tnull || !cnull, "%s -> %s: transit reaches, park-and-ride not", a, b);
      if (!cnull && !tnull)
        {
          double tm = json_object_get_double_member (t, "minutes");
          double cm = json_object_get_double_member (c, "minutes");
          ck_assert_msg (cm <= tm, "%s -> %s: park-and-ride %.1f > transit %.1f", a, b, cm, tm);
          n_faster += cm < tm;
        }
      TtRun r = tt_run_tnet ("route", a, b, "--data", dir, "--profile", "park_and_ride",
                             "--depart", "08:00", "--window", "15", "--percentiles", "25,50",
                             "--format", "json", NULL);
      JsonObject *cp = json_object_get_null_member (c, "percentiles") ? NULL
                       : json_object_get_object_member (c, "percentiles");
      if (r.status != 0)
        {
          ck_assert_msg (strstr (r.err, "no path") != NULL, "%s", r.err);
          ck_assert_msg (cp == NULL || json_object_get_null_member (cp, "p25"),
                         "%s -> %s: the commute reaches what the route does not", a, b);
          tt_run_clear (&r);
          continue;
        }
      g_autoptr (JsonNode) rn = json_from_string (r.out, NULL);
      ck_assert_ptr_nonnull (rn);
      JsonObject *ro = json_node_get_object (rn);
      ck_assert_str_eq (json_object_get_string_member (ro, "profile"), "park_and_ride");
      JsonObject *rp = json_object_get_object_member (ro, "percentiles");
      ck_assert_ptr_nonnull (cp);
      for (guint p = 0; p < 2; p++)
        {
          const char *key = p ? "p50" : "p25";
          gboolean rnull = json_object_get_null_member (rp, key);
          ck_assert_msg (rnull == json_object_get_null_member (cp, key),
                         "%s -> %s %s: reached by one only", a, b, key);
          if (!rnull)
            ck_assert_msg (json_object_get_double_member (rp, key)
                           == json_object_get_double_member (cp, key),
                           "%s -> %s %s: route %.1f, commute %.1f", a, b, key,
                           json_object_get_double_member (rp, key),
                           json_object_get_double_member (cp, key));
        }
      JsonArray *legs = json_object_get_array_member (ro, "legs");
      if (json_array_get_length (legs) >= 2
          && !strcmp (json_object_get_string_member (json_array_get_object_element (legs, 0),
                                                     "kind"), "drive"))
        {
          JsonObject *d = json_array_get_object_element (legs, 0);
          JsonObject *k = json_array_get_object_element (legs, 1);
          ck_assert_str_eq (json_object_get_string_member (k, "kind"), "park");
          ck_assert_str_eq (json_object_get_string_member (d, "from"), a);
          ck_assert (g_str_has_prefix (json_object_get_string_member (d, "to"), "parking:"));
          ck_assert_str_eq (json_object_get_string_member (d, "end"),
                            json_object_get_string_member (k, "start"));
          n_drive_legs++;
        }
      n_equal += a != b;
      tt_run_clear (&r);
    }
  /* not vacuous */
  ck_assert_uint_ge (n_equal, 60);
  ck_assert_uint_ge (n_faster, 10);
  ck_assert_uint_ge (n_drive_legs, 10);
  g_string_free (zl, TRUE);
  spo_close (&s);
}
END_TEST

/* commute (all 323 x 323 cells, car and transit) and accessibility to jobs
 * by transit. Car: every cell equals the oracle's Dijkstra. Transit: no
 * timetable oracle is written here, so each cell is bracketed: it is at
 * most the walk-only time W (walking is always allowed), and a trip that
 * rides must walk from the origin to some stop and from some stop to the
 * destination, each at least the straight-line distance at 4.8 km/h (every
 * walk arc is at least that long: road lengths follow their polylines,
 * access links are 1.2 x the straight line), so it takes at least
 * L = min_s |o s| / v + min_s |s d| / v. Hence min (W, L) <= T <= W, and
 * T = W exactly when W < L. */
START_TEST (spo_commute_against_oracles)
{
  g_autofree char *dir = spo_folder ();
  Spo s;
  spo_open (&s, dir);
  /* the oracles are the frequency model's: waits of half the headway */
  const char *args[] = { "commute", "--data", dir, "--origins", "kind:zone", "--destinations",
                         "kind:zone", "--profiles", "car;transit", "--frequency-model",
                         "--format", "json", NULL };
  g_autoptr (JsonNode) root = run_json (args);
  JsonArray *cells = json_object_get_array_member (json_node_get_object (root), "cells");
  ck_assert_uint_eq (json_array_get_length (cells), 2 * 323 * 323);
  guint nz = s.nz, N = tnet_network_n_nodes (s.net);
  double *car = g_new (double, nz * nz), *pt = g_new (double, nz * nz);
  for (guint i = 0; i < nz * nz; i++)
    car[i] = pt[i] = NAN;
  /* cells are in origin order; a look-up table by id keeps this linear */
  g_autoptr (GHashTable) zi = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint z = 0; z < nz; z++)
    g_hash_table_insert (zi, (gpointer) tnet_zone_table_id (s.zones, z), GUINT_TO_POINTER (z));
  for (guint i = 0; i < json_array_get_length (cells); i++)
    {
      JsonObject *c = json_array_get_object_element (cells, i);
      guint o = GPOINTER_TO_UINT (g_hash_table_lookup (zi, json_object_get_string_member (c, "origin")));
      guint d = GPOINTER_TO_UINT (g_hash_table_lookup (zi, json_object_get_string_member (c, "destination")));
      double v = json_object_get_null_member (c, "minutes") ? INFINITY
                 : json_object_get_double_member (c, "minutes");
      double *m = strcmp (json_object_get_string_member (c, "profile"), "car") == 0 ? car : pt;
      ck_assert (isnan (m[o * nz + d]));
      m[o * nz + d] = v;
    }

  /* the stops' positions, from the folder's merged feed */
  g_autofree char *gtfs = g_build_filename (dir, "gtfs", NULL);
  GError *error = NULL;
  g_autoptr (TnetFeed) feed = tnet_feed_load (gtfs, NULL, &error);
  ck_assert_ptr_nonnull (feed);
  const double v_walk = 4.8 / 3.6 * 1e-3;   /* metres per ms */
  double *near_stop = g_new (double, nz);   /* ms to the nearest stop */
  for (guint z = 0; z < nz; z++)
    {
      const TnetNode *nd = tnet_network_node (s.net, s.zid[z]);
      near_stop[z] = INFINITY;
      for (guint k = 0; k < tnet_feed_n_stops (feed); k++)
        {
          const TnetFeedStop *st = tnet_feed_stop (feed, k);
          if (!isnan (st->lon))
            near_stop[z] = MIN (near_stop[z], hav (nd->lon, nd->lat, st->lon, st->lat) / v_walk);
        }
    }

  OGraph gc, gw;
  ograph_car (&gc, s.net, s.scen);
  ograph_walk (&gw, s.net, s.scen);
  guint64 *dc = g_new (guint64, N), *dw = g_new (guint64, N);
  guint n_exact = 0, n_faster = 0;
  for (guint o = 0; o < nz; o++)
    {
      odijkstra (&gc, s.net, s.zid[o], G_MAXUINT, dc);
      odijkstra (&gw, s.net, s.zid[o], G_MAXUINT, dw);
      for (guint d = 0; d < nz; d++)
        {
          guint64 c = dc[s.zid[d]], w = dw[s.zid[d]];
          ck_assert_msg (c != G_MAXUINT64, "car %u -> %u unreachable", o, d);
          ck_assert_msg (car[o * nz + d] == min1 (c), "car %s -> %s: %.1f, oracle %.1f",
                         tnet_zone_table_id (s.zones, o), tnet_zone_table_id (s.zones, d),
                         car[o * nz + d], min1 (c));
          double t = pt[o * nz + d];
          double W = w == G_MAXUINT64 ? INFINITY : (double) w;
          double L = o == d ? 0 : near_stop[o] + near_stop[d] - 1000;   /* 1 s for rounding */
          /* 0.05: the cell's rounding to 0.1 min */
          ck_assert_msg (t <= W / 60000.0 + 0.05, "transit %u -> %u: %.1f > walk %.2f",
                         o, d, t, W / 60000.0);
          ck_assert_msg (t >= MIN (W, L) / 60000.0 - 0.05, "transit %u -> %u: %.1f below %.2f",
                         o, d, t, MIN (W, L) / 60000.0);
          if (W < L)
            {
              ck_assert_double_eq (t, min1 (w));
              n_exact++;
            }
          n_faster += t < W / 60000.0 - 1.0;
        }
    }
  /* both cases occur: pairs decided exactly, pairs where riding wins */
  ck_assert_uint_gt (n_exact, 1000);
  ck_assert_uint_gt (n_faster, 1000);

  /* accessibility to jobs by transit (the frequency model, as above),
   * bracketed the same way: a zone with W <= cutoff counts, one with
   * min (W, L) > cutoff does not */
  const char *acc_args[] = { "accessibility", "--data", dir, "--opportunities", "jobs",
                             "--cutoffs", "30,45,60", "--profile", "transit",
                             "--frequency-model", "--format", "json", NULL };
  g_autoptr (JsonNode) acc = run_json (acc_args);
  g_autofree double *jobs = tnet_zone_table_values (s.zones, "jobs", &error);
  JsonObject *aroot = json_node_get_object (acc);
  JsonArray *arows = json_object_get_array_member (aroot, "zones");
  ck_assert_uint_eq (json_array_get_length (arows), nz);
  const double cut[] = { 30, 45, 60 };
  guint n_tight = 0;
  double total = 0;
  for (guint d = 0; d < nz; d++)
    total += jobs[d];
  for (guint o = 0; o < nz; o += 7)
    {
      odijkstra (&gw, s.net, s.zid[o], G_MAXUINT, dw);
      JsonObject *row = json_array_get_object_element (arows, o);
      ck_assert_str_eq (json_object_get_string_member (row, "id"), tnet_zone_table_id (s.zones, o));
      JsonArray *vals = json_object_get_array_member (row, "accessibility");
      for (guint c = 0; c < 3; c++)
        {
          double lo = 0, hi = 0, cms = cut[c] * 60000;
          for (guint d = 0; d < nz; d++)
            {
              double W = dw[s.zid[d]] == G_MAXUINT64 ? INFINITY : (double) dw[s.zid[d]];
              double L = o == d ? 0 : near_stop[o] + near_stop[d] - 1000;
              lo += W <= cms - 1 ? jobs[d] : 0;
              hi += MIN (W, L) <= cms + 1 ? jobs[d] : 0;
            }
          double got = json_array_get_double_element (vals, c);
          ck_assert_msg (got >= lo - 1e-6 && got <= hi + 1e-6, "zone %u, %g min: %g not in "
                         "[%g, %g]", o, cut[c], got, lo, hi);
          /* the bracket says something: some jobs surely in, some surely out */
          n_tight += lo > 0 && hi < total;
        }
    }
  ck_assert_uint_gt (n_tight, 0);
  g_free (dc);
  g_free (dw);
  g_free (near_stop);
  g_free (car);
  g_free (pt);
  ograph_free (&gc);
  ograph_free (&gw);
  spo_close (&s);
}
END_TEST

/* accessibility by the timetable. Library: the count at each percentile
 * equals the commute matrix's cells at that percentile (read with
 * tnet_commute_percentile_ms(), in ms) summed here, and grows with the
 * percentile. Command: --percentile P gives the library's values for the
 * folder's feed, names the model and rejects a list or a missing feed;
 * without a timetable option the timetable's defaults are taken (the same
 * document as with --depart 08:00), --frequency-model names the frequency
 * approximation. */
START_TEST (spo_accessibility_timetable)
{
  g_autofree char *dir = spo_folder ();
  Spo s;
  spo_open (&s, dir);
  guint nz = s.nz;
  GError *error = NULL;
  g_autofree double *jobs = tnet_zone_table_values (s.zones, "jobs", &error);
  g_autofree double *pop = tnet_zone_table_values (s.zones, "population", &error);
  ck_assert_ptr_nonnull (jobs);
  g_autofree char *gtfs = g_build_filename (dir, "gtfs", NULL);
  g_autoptr (TnetFeed) feed = tnet_feed_load (gtfs, NULL, &error);
  ck_assert_ptr_nonnull (feed);
  TnetTimetableOptions to;
  tnet_timetable_options_init (&to);
  to.walk_network = s.net;
  const TnetFeed *feeds[] = { feed };
  g_autoptr (TnetTimetable) tt = tnet_timetable_build (feeds, 1, &to, &error);
  ck_assert_ptr_nonnull (tt);
  TnetProfile transit = TNET_PROFILE_TRANSIT;
  TnetMultimodal *mm = NULL;
  ck_assert (tnet_commute_build_graphs (s.net, s.scen, feed, NULL, &transit, 1, &mm, &error));
  const double pcts[] = { 10, 50, 90 }, cut[] = { 20, 30, 45 };
  const TnetWeight cut_ms[] = { 20 * 60000, 30 * 60000, 45 * 60000 };
  TnetCommuteOptions co;
  tnet_commute_options_init (&co);
  ck_assert_double_eq (co.timetable_percentile, 50);
  co.timetable = tt;
  co.depart_s = 8 * 3600;
  co.window_ms = 30 * 60000;
  co.percentiles = pcts;
  co.n_percentiles = 3;
  co.max_walk_ms = 900000;
  g_autoptr (TnetCommute) cm = tnet_commute_compute_within (s.net, &mm, 1, s.zid, nz, s.zid, nz,
                                                            TNET_COMMUTE_TO, 60 * 60000, &co,
                                                            &error);
  ck_assert_ptr_nonnull (cm);
  ck_assert_int_eq (tnet_commute_method (cm, 0), TNET_COMMUTE_METHOD_TIMETABLE);
  g_autofree double *value = g_new (double, 3 * nz * 3);   /* [k][o][c] */
  for (guint k = 0; k < 3; k++)
    {
      co.timetable_percentile = pcts[k];
      g_autoptr (TnetAccessibility) acc = tnet_accessibility_compute (s.net, mm, s.zid, nz, jobs,
                                                                      pop, cut_ms, 3, &co,
                                                                      &error);
      ck_assert_ptr_nonnull (acc);
      for (guint o = 0; o < nz; o++)
        for (guint c = 0; c < 3; c++)
          {
            double want = 0;
            for (guint d = 0; d < nz; d++)
              if (tnet_commute_percentile_ms (cm, 0, o, d, k) <= cut[c] * 60000)
                want += jobs[d];
            double got = tnet_accessibility_value (acc, o, c);
            ck_assert_msg (got == want, "p%g, zone %u, %g min: %g, by hand %g", pcts[k], o,
                           cut[c], got, want);
            value[(k * nz + o) * 3 + c] = got;
          }
    }
  /* the total of a commute cell is at timetable_percentile (50 here) */
  for (guint o = 0; o < nz; o += 11)
    for (guint d = 0; d < nz; d++)
      ck_assert (tnet_commute_cell (cm, 0, o, d)->total_ms
                 == tnet_commute_percentile_ms (cm, 0, o, d, 1));
  /* a later percentile is a longer time: never more opportunities; and
   * the window matters somewhere */
  guint n_less = 0;
  for (guint i = 0; i < nz * 3; i++)
    {
      ck_assert (value[i] >= value[nz * 3 + i] && value[nz * 3 + i] >= value[2 * nz * 3 + i]);
      n_less += value[2 * nz * 3 + i] < value[i];
    }
  ck_assert_uint_gt (n_less, 10);

  /* the command, p90 of a 30-minute window from 08:00 with the folder's feed */
  const char *args[] = { "accessibility", "--data", dir, "--opportunities", "jobs",
                         "--cutoffs", "20,30,45", "--profile", "transit", "--depart", "08:00",
                         "--window", "30", "--percentile", "90", "--format", "json", NULL };
  g_autoptr (JsonNode) root = run_json (args);
  JsonObject *ro = json_node_get_object (root);
  ck_assert_str_eq (json_object_get_string_member (ro, "model"), "timetable");
  JsonObject *tto = json_object_get_object_member (ro, "timetable");
  ck_assert_str_eq (json_object_get_string_member (tto, "feed"), "gtfs");
  ck_assert_int_eq (json_object_get_int_member (tto, "date"), tnet_timetable_get_service_date (tt));
  ck_assert_str_eq (json_object_get_string_member (tto, "depart"), "08:00");
  ck_assert_int_eq (json_object_get_int_member (tto, "window_min"), 30);
  ck_assert_double_eq (json_object_get_double_member (tto, "max_walk_min"), 15);
  ck_assert_double_eq (json_object_get_double_member (tto, "percentile"), 90);
  JsonArray *rows = json_object_get_array_member (ro, "zones");
  ck_assert_uint_eq (json_array_get_length (rows), nz);
  for (guint o = 0; o < nz; o++)
    {
      JsonObject *row = json_array_get_object_element (rows, o);
      ck_assert_str_eq (json_object_get_string_member (row, "id"),
                        tnet_zone_table_id (s.zones, o));
      JsonArray *vals = json_object_get_array_member (row, "accessibility");
      for (guint c = 0; c < 3; c++)
        ck_assert_double_eq (json_array_get_double_element (vals, c),
                             value[(2 * nz + o) * 3 + c]);
    }
  /* the text names the model; no timetable option: the frequency model */
  TtRun r = tt_run_tnet ("accessibility", "--data", dir, "--opportunities", "jobs",
                         "--profile", "transit", "--window", "30", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  ck_assert (strstr (r.out, "window 30 min, walks up to 15 min: counted at p50 of the travel "
                     "time over the window"));
  tt_run_clear (&r);
  r = tt_run_tnet ("accessibility", "--data", dir, "--opportunities", "jobs",
                   "--profile", "transit", "--format", "json", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  ck_assert (strstr (r.out, "\"model\" : \"timetable\""));
  ck_assert (strstr (r.out, "\"depart\" : \"08:00\""));
  g_autofree char *by_default = g_strdup (r.out);
  tt_run_clear (&r);
  r = tt_run_tnet ("accessibility", "--data", dir, "--opportunities", "jobs",
                   "--profile", "transit", "--depart", "08:00", "--format", "json", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  ck_assert_str_eq (r.out, by_default);
  tt_run_clear (&r);
  r = tt_run_tnet ("accessibility", "--data", dir, "--opportunities", "jobs",
                   "--profile", "transit", "--frequency-model", "--format", "json", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  ck_assert (strstr (r.out, "\"model\" : \"frequency approximation\""));
  ck_assert (!strstr (r.out, "\"timetable\""));
  ck_assert_str_ne (r.out, by_default);
  tt_run_clear (&r);
  /* errors name the option or the file */
  r = tt_run_tnet ("accessibility", "--data", dir, "--opportunities", "jobs",
                   "--profile", "transit", "--percentile", "50,90", NULL);
  ck_assert_int_ne (r.status, 0);
  ck_assert_msg (strstr (r.err, "--percentile '50,90'"), "%s", r.err);
  tt_run_clear (&r);
  g_autofree char *missing = g_build_filename (dir, "no-such-feed.zip", NULL);
  r = tt_run_tnet ("accessibility", "--data", dir, "--opportunities", "jobs",
                   "--profile", "transit", "--gtfs", missing, NULL);
  ck_assert_int_ne (r.status, 0);
  ck_assert_msg (strstr (r.err, "no-such-feed.zip"), "%s", r.err);
  tt_run_clear (&r);
  tnet_multimodal_unref (mm);
  spo_close (&s);
}
END_TEST

/* isochrone by the timetable: the command's nodes and minutes are those of
 * tnet_timetable_isochrone() from the zone node's coordinates to every
 * node's, at p90 of a 30-minute window; GeoJSON names the timetable;
 * without an option of the timetable its defaults are taken (the document
 * of --depart 08:00); with --frequency-model the GeoJSON and the text name
 * the frequency approximation. */
START_TEST (spo_isochrone_timetable)
{
  g_autofree char *dir = spo_folder ();
  Spo s;
  spo_open (&s, dir);
  GError *error = NULL;
  g_autofree char *gtfs = g_build_filename (dir, "gtfs", NULL);
  g_autoptr (TnetFeed) feed = tnet_feed_load (gtfs, NULL, &error);
  ck_assert_ptr_nonnull (feed);
  TnetTimetableOptions to;
  tnet_timetable_options_init (&to);
  to.walk_network = s.net;
  const TnetFeed *feeds[] = { feed };
  g_autoptr (TnetTimetable) tt = tnet_timetable_build (feeds, 1, &to, &error);
  ck_assert_ptr_nonnull (tt);
  guint n = tnet_network_n_nodes (s.net);
  const TnetNode *from = tnet_network_node (s.net, s.zid[0]);
  double src[2] = { from->lon, from->lat };
  g_autofree double *places = g_new (double, 2 * n);
  for (TnetId v = 0; v < n; v++)
    {
      places[2 * v] = tnet_network_node (s.net, v)->lon;
      places[2 * v + 1] = tnet_network_node (s.net, v)->lat;
    }
  const double p90 = 90;
  g_autofree gint32 *sec = g_new (gint32, n);
  tnet_timetable_isochrone (tt, src, 1, places, n, 900000, 8 * 3600, 30, &p90, 1, sec, NULL, NULL);
  TtRun r = tt_run_tnet ("isochrone", from->id, "--data", dir, "--profile", "transit",
                         "--minutes", "30", "--window", "30", "--percentile", "90",
                         "--format", "csv", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_auto (GStrv) rows = g_strsplit (r.out, "\n", -1);
  tt_run_clear (&r);
  ck_assert_str_eq (rows[0], "node,name,minutes");
  guint k = 1, n_reached = 0;
  for (TnetId v = 0; v < n; v++)
    if (sec[v] != TNET_RAPTOR_UNREACHED && sec[v] <= 30 * 60)
      {
        ck_assert_ptr_nonnull (rows[k]);
        /* id first, minutes last (a name may hold a quoted comma) */
        g_auto (GStrv) f = g_strsplit (rows[k], ",", 2);
        ck_assert_str_eq (f[0], tnet_network_node (s.net, v)->id);
        ck_assert_double_eq_tol (g_ascii_strtod (strrchr (rows[k++], ',') + 1, NULL),
                                 sec[v] / 60.0, 0.051);
        n_reached++;
      }
  ck_assert_str_eq (rows[k], "");
  ck_assert_ptr_null (rows[k + 1]);
  ck_assert_uint_gt (n_reached, 100);
  ck_assert_uint_lt (n_reached, n);
  r = tt_run_tnet ("isochrone", from->id, "--data", dir, "--profile", "transit",
                   "--minutes", "30", "--window", "30", "--layer", "points", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (JsonNode) root = json_from_string (r.out, NULL);
  tt_run_clear (&r);
  JsonObject *props = json_object_get_object_member (json_node_get_object (root), "properties");
  ck_assert_str_eq (json_object_get_string_member (props, "model"), "timetable");
  ck_assert_double_eq (json_object_get_double_member (
                         json_object_get_object_member (props, "timetable"), "percentile"), 50);
  r = tt_run_tnet ("isochrone", from->id, "--data", dir, "--profile", "transit",
                   "--minutes", "30", "--layer", "points", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  json_node_unref (root);
  root = json_from_string (r.out, NULL);
  props = json_object_get_object_member (json_node_get_object (root), "properties");
  ck_assert_str_eq (json_object_get_string_member (props, "model"), "timetable");
  ck_assert_str_eq (json_object_get_string_member (
                      json_object_get_object_member (props, "timetable"), "depart"), "08:00");
  g_autofree char *by_default = g_strdup (r.out);
  tt_run_clear (&r);
  r = tt_run_tnet ("isochrone", from->id, "--data", dir, "--profile", "transit",
                   "--minutes", "30", "--depart", "08:00", "--layer", "points", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  ck_assert_str_eq (r.out, by_default);
  tt_run_clear (&r);
  r = tt_run_tnet ("isochrone", from->id, "--data", dir, "--profile", "transit",
                   "--minutes", "30", "--frequency-model", "--layer", "points", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  /* the frequency approximation (--frequency-model) is named, without the
   * timetable's options */
  json_node_unref (root);
  root = json_from_string (r.out, NULL);
  tt_run_clear (&r);
  props = json_object_get_object_member (json_node_get_object (root), "properties");
  ck_assert_str_eq (json_object_get_string_member (props, "model"), "frequency approximation");
  ck_assert (!json_object_has_member (props, "timetable"));
  r = tt_run_tnet ("isochrone", from->id, "--data", dir, "--profile", "transit",
                   "--minutes", "30", "--frequency-model", "--format", "text", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  ck_assert (g_str_has_prefix (r.out, "# transit by the frequency approximation"));
  tt_run_clear (&r);
  spo_close (&s);
}
END_TEST

/* Transit criticality by link on the São Paulo folder ranks nothing,
 * whatever the budget, and says why: the folder has no transit link (the
 * test counts the links of a transit mode itself), so no link failure can
 * block a ride. Not for want of pairs within the budget: `tnet commute`
 * has pairs within 20 minutes, and by line the same scan ranks lines. */
START_TEST (spo_transit_criticality_by_link_empty)
{
  g_autofree char *dir = spo_folder ();
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  guint n_transit = 0;
  for (guint i = 0; i < tnet_network_n_links (net); i++)
    {
      TnetMode m = tnet_network_link (net, i)->mode;
      n_transit += m == TNET_MODE_HSR || m == TNET_MODE_RAIL || m == TNET_MODE_SUBURBAN
                   || m == TNET_MODE_METRO || m == TNET_MODE_BUS;
    }
  ck_assert_uint_eq (n_transit, 0);
  const char *link_args[] = { "criticality", "region:west", "region:east", "--data", dir,
                              "--profile", "transit", "--budget", "20", "--threads", "2",
                              "--format", "json", NULL };
  g_autoptr (JsonNode) lk = run_json (link_args);
  JsonObject *lo = json_node_get_object (lk);
  ck_assert_int_gt (json_object_get_int_member (lo, "pairs"), 0);
  ck_assert_uint_eq (json_array_get_length (json_object_get_array_member (lo, "ranked")), 0);
  ck_assert_msg (g_str_has_prefix (json_object_get_string_member (lo, "empty_reason"),
                                   "no link of the network carries a ride"), "%s",
                 json_object_get_string_member (lo, "empty_reason"));
  TtRun t = tt_run_tnet ("criticality", "region:west", "region:east", "--data", dir,
                         "--profile", "transit", "--budget", "20", "--threads", "2", NULL);
  ck_assert_msg (t.status == 0 && strstr (t.out, "\n  nothing ranked: no link of the network "
                                                 "carries a ride") != NULL, "%s", t.out);
  tt_run_clear (&t);
  const char *line_args[] = { "criticality", "region:west", "region:east", "--data", dir,
                              "--profile", "transit", "--by", "line", "--budget", "20",
                              "--threads", "2", "--format", "json", NULL };
  g_autoptr (JsonNode) ln = run_json (line_args);
  JsonObject *no = json_node_get_object (ln);
  ck_assert_uint_gt (json_array_get_length (json_object_get_array_member (no, "ranked")), 0);
  ck_assert (!json_object_has_member (no, "empty_reason"));
  TtRun c = tt_run_tnet ("commute", "--origins", "region:west", "--destinations", "region:east",
                         "--profiles", "transit", "--format", "csv", "--data", dir, NULL);
  ck_assert_msg (c.status == 0, "%s", c.err);
  g_autoptr (GPtrArray) rows = tt_csv_rows (c.out);
  guint within = 0;
  for (guint k = 1; k < rows->len; k++)
    {
      char **row = rows->pdata[k];   /* profile,origin,destination,minutes,... */
      within += row[3][0] != '\0' && g_ascii_strtod (row[3], NULL) <= 20.0;
    }
  ck_assert_uint_gt (within, 10);
  tt_run_clear (&c);
}
END_TEST

/* isochrone, corridors and criticality by car from one zone. */
START_TEST (spo_isochrone_corridors_criticality)
{
  g_autofree char *dir = spo_folder ();
  Spo s;
  spo_open (&s, dir);
  guint N = tnet_network_n_nodes (s.net);
  OGraph gc;
  ograph_car (&gc, s.net, s.scen);
  guint64 *dist = g_new (guint64, N), *after = g_new (guint64, N);
  const char *zone = tnet_zone_table_id (s.zones, 0);
  TnetId z0 = s.zid[0];
  odijkstra (&gc, s.net, z0, G_MAXUINT, dist);

  /* isochrone: exactly the nodes the oracle reaches within 5 minutes */
  const char *iso_args[] = { "isochrone", zone, "--data", dir, "--minutes", "5", NULL };
  g_autoptr (JsonNode) iso = run_json (iso_args);
  JsonArray *feats = json_object_get_array_member (json_node_get_object (iso), "features");
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_lines_out = 0;
  for (guint i = 0; i < json_array_get_length (feats); i++)
    {
      JsonObject *f = json_array_get_object_element (feats, i);
      JsonObject *p = json_object_get_object_member (f, "properties");
      const char *gtype = json_object_get_string_member (json_object_get_object_member (f,
                                                         "geometry"), "type");
      if (strcmp (gtype, "LineString") == 0)
        {
          /* a link is drawn when both its ends are inside */
          TnetId l = tnet_network_find_link (s.net, json_object_get_string_member (p, "id"));
          ck_assert_uint_ne (l, TNET_ID_NONE);
          const TnetLink *lk = tnet_network_link (s.net, l);
          ck_assert (dist[lk->from] <= 300000 && dist[lk->to] <= 300000);
          ck_assert_double_eq (json_object_get_double_member (p, "from_minutes"),
                               min1 (dist[lk->from]));
          n_lines_out++;
          continue;
        }
      const char *id = json_object_get_string_member (p, "id");
      TnetId v = tnet_network_find_node (s.net, id);
      ck_assert_uint_ne (v, TNET_ID_NONE);
      ck_assert_msg (dist[v] <= 300000, "%s at %" G_GUINT64_FORMAT " ms", id, dist[v]);
      ck_assert_double_eq (json_object_get_double_member (p, "minutes"), min1 (dist[v]));
      g_hash_table_add (seen, (gpointer) tnet_network_node (s.net, v)->id);
    }
  guint n_iso = 0;
  for (guint v = 0; v < N; v++)
    if (dist[v] <= 300000)
      {
        n_iso++;
        ck_assert_msg (g_hash_table_contains (seen, tnet_network_node (s.net, v)->id),
                       "%s (%" G_GUINT64_FORMAT " ms) missing from the isochrone",
                       tnet_network_node (s.net, v)->id, dist[v]);
      }
  guint n_links_in = 0;
  for (guint i = 0; i < tnet_network_n_links (s.net); i++)
    {
      const TnetLink *lk = tnet_network_link (s.net, i);
      n_links_in += dist[lk->from] <= 300000 && dist[lk->to] <= 300000;
    }
  ck_assert_uint_eq (n_lines_out, n_links_in);
  ck_assert_uint_eq (n_iso + n_links_in, json_array_get_length (feats));
  ck_assert_uint_gt (n_iso, 50);
  ck_assert_uint_lt (n_iso, N / 2);   /* 5 minutes do cut */

  /* corridors west -> east by road: every node is in one of the two
   * regions, so the super-source side of a minimum cut is the west and the
   * cut is the set of road links that can be driven from a west node to an
   * east node; each such link is a path of its own. Max flow = that count
   * (both for link- and node-disjoint paths: the paths share no link and
   * only region nodes, which are not split). Lines: a line counts when a
   * breadth-first search over its own links from its west nodes reaches an
   * east node. */
  guint crossing = 0;
  g_autoptr (GHashTable) by_line = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < tnet_network_n_links (s.net); i++)
    {
      const TnetLink *l = tnet_network_link (s.net, i);
      if (!(TNET_MODE_BIT (l->mode) & TNET_MODES_ROAD))
        continue;
      const char *ra = tnet_network_node (s.net, l->from)->region;
      const char *rb = tnet_network_node (s.net, l->to)->region;
      ck_assert (ra && rb);
      crossing += (strcmp (ra, "west") == 0 && strcmp (rb, "east") == 0)
                  || (!l->oneway && strcmp (rb, "west") == 0 && strcmp (ra, "east") == 0);
      if (l->line && *l->line)
        {
          GArray *a = g_hash_table_lookup (by_line, l->line);
          if (!a)
            g_hash_table_insert (by_line, (gpointer) l->line,
                                 a = g_array_new (FALSE, FALSE, sizeof (guint)));
          g_array_append_val (a, i);
        }
    }
  guint n_lines = 0;
  GHashTableIter it;
  gpointer key, val;
  g_hash_table_iter_init (&it, by_line);
  guint8 *mark = g_new0 (guint8, N);
  while (g_hash_table_iter_next (&it, &key, &val))
    {
      GArray *a = val;
      GArray *queue = g_array_new (FALSE, FALSE, sizeof (TnetId));
      for (guint j = 0; j < a->len; j++)
        {
          const TnetLink *l = tnet_network_link (s.net, g_array_index (a, guint, j));
          TnetId e[2] = { l->from, l->to };
          for (int k = 0; k < 2; k++)
            if (!mark[e[k]] && strcmp (tnet_network_node (s.net, e[k])->region, "west") == 0)
              {
                mark[e[k]] = 1;
                g_array_append_val (queue, e[k]);
              }
        }
      gboolean joins = FALSE;
      for (guint q = 0; q < queue->len && !joins; q++)
        {
          TnetId u = g_array_index (queue, TnetId, q);
          joins = strcmp (tnet_network_node (s.net, u)->region, "east") == 0;
          for (guint j = 0; j < a->len; j++)
            {
              const TnetLink *l = tnet_network_link (s.net, g_array_index (a, guint, j));
              TnetId w = l->from == u ? l->to : l->to == u ? l->from : TNET_ID_NONE;
              if (w != TNET_ID_NONE && !mark[w])
                {
                  mark[w] = 1;
                  g_array_append_val (queue, w);
                }
            }
        }
      n_lines += joins;
      for (guint q = 0; q < queue->len; q++)
        mark[g_array_index (queue, TnetId, q)] = 0;
      g_array_unref (queue);
    }
  g_free (mark);
  const char *cor_args[] = { "corridors", "region:west", "region:east", "--data", dir,
                             "--modes", "road", "--format", "json", NULL };
  g_autoptr (JsonNode) cor = run_json (cor_args);
  JsonObject *co = json_node_get_object (cor);
  ck_assert_int_eq (json_object_get_int_member (co, "line_count"), n_lines);
  ck_assert_int_eq (json_object_get_int_member (json_object_get_object_member (co,
                                                "link_disjoint"), "count"), crossing);
  ck_assert_int_eq (json_object_get_int_member (json_object_get_object_member (co,
                                                "node_disjoint"), "count"), crossing);
  ck_assert_uint_gt (crossing, 10);
  ck_assert_uint_gt (n_lines, 10);

  /* criticality from zone 0 to the east zones: each ranked link, removed
   * from the oracle's graph, slows and cuts the pairs it says */
  const char *cri_args[] = { "criticality", zone, "region:east", "--data", dir, "--profile",
                             "car", "--top", "8", "--threads", "1", "--format", "json", NULL };
  g_autoptr (JsonNode) cri = run_json (cri_args);
  JsonObject *cr = json_node_get_object (cri);
  guint n_pairs = 0;
  for (guint z = 0; z < s.nz; z++)
    n_pairs += z > 0 && strcmp (tnet_network_node (s.net, s.zid[z])->region, "east") == 0;
  ck_assert_int_eq (json_object_get_int_member (cr, "pairs"), n_pairs);
  JsonArray *ranked = json_object_get_array_member (cr, "ranked");
  ck_assert_uint_eq (json_array_get_length (ranked), 8);
  guint prev_cut = G_MAXUINT;
  for (guint i = 0; i < json_array_get_length (ranked); i++)
    {
      JsonObject *e = json_array_get_object_element (ranked, i);
      TnetId link = tnet_network_find_link (s.net, json_object_get_string_member (e, "link"));
      ck_assert_uint_ne (link, TNET_ID_NONE);
      odijkstra (&gc, s.net, z0, link, after);
      guint slower = 0, cut = 0;
      double max_inc = 0;
      for (guint z = 1; z < s.nz; z++)
        {
          TnetId d = s.zid[z];
          if (strcmp (tnet_network_node (s.net, d)->region, "east") != 0)
            continue;
          slower += after[d] > dist[d];
          cut += after[d] == G_MAXUINT64;
          if (after[d] != G_MAXUINT64 && after[d] > dist[d])
            max_inc = MAX (max_inc, (after[d] - dist[d]) / 60000.0);
        }
      ck_assert_int_eq (json_object_get_int_member (e, "pairs_slower"), slower);
      ck_assert_int_eq (json_object_get_int_member (e, "pairs_cut"), cut);
      ck_assert_double_eq_tol (json_object_get_double_member (e, "max_increase_min"), max_inc,
                               0.05 + 1e-9);
      ck_assert_uint_le (cut, prev_cut);   /* ranked by pairs cut first */
      prev_cut = cut;
    }
  g_free (dist);
  g_free (after);
  ograph_free (&gc);
  spo_close (&s);
}
END_TEST

/* Road links that can be driven from a node of region @a to one of @b:
 * with every node in one of the two regions, the minimum cut between them,
 * hence the number of link- (and node-) disjoint paths. */
static guint
crossing_links (const TnetNetwork *net, const char *a, const char *b)
{
  guint n = 0;
  for (guint i = 0; i < tnet_network_n_links (net); i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      if (!(TNET_MODE_BIT (l->mode) & TNET_MODES_ROAD))
        continue;
      const char *ra = tnet_network_node (net, l->from)->region;
      const char *rb = tnet_network_node (net, l->to)->region;
      n += (strcmp (ra, a) == 0 && strcmp (rb, b) == 0)
           || (!l->oneway && strcmp (rb, a) == 0 && strcmp (ra, b) == 0);
    }
  return n;
}

/* report (the plan tnet init wrote) and transfers at the hubs it wrote. */
START_TEST (spo_report_and_transfers)
{
  g_autofree char *dir = spo_folder ();
  Spo s;
  spo_open (&s, dir);
  g_autofree char *plan_path = g_build_filename (dir, "plan.ini", NULL);
  g_autoptr (GKeyFile) plan = g_key_file_new ();
  ck_assert (g_key_file_load_from_file (plan, plan_path, G_KEY_FILE_NONE, NULL));
  g_autofree char *home = g_key_file_get_string (plan, "plan", "home", NULL);
  const char *other = strcmp (home, "west") == 0 ? "east" : "west";

  const char *rep_args[] = { "report", "--data", dir, "--format", "json", NULL };
  g_autoptr (JsonNode) rep = run_json (rep_args);
  JsonObject *scens = json_object_get_object_member (json_node_get_object (rep), "scenarios");
  g_autoptr (GList) years = json_object_get_members (scens);
  ck_assert_uint_ge (g_list_length (years), 1);
  /* by hand from links.csv: kilometres of expressway and of rail with both
   * ends in the home region */
  double xw_km = 0, rail_km = 0;
  for (guint i = 0; i < tnet_network_n_links (s.net); i++)
    {
      const TnetLink *l = tnet_network_link (s.net, i);
      if (strcmp (tnet_network_node (s.net, l->from)->region, home) != 0
          || strcmp (tnet_network_node (s.net, l->to)->region, home) != 0)
        continue;
      xw_km += l->mode == TNET_MODE_EXPRESSWAY ? l->length_m / 1000 : 0;
      rail_km += TNET_MODE_BIT (l->mode) & TNET_MODES_RAIL ? l->length_m / 1000 : 0;
    }
  ck_assert_double_gt (xw_km, 1);
  guint cross = crossing_links (s.net, home, other);
  g_autofree char *k_rail = g_strdup_printf ("%s_rail_lines", other);
  g_autofree char *k_road = g_strdup_printf ("%s_road_lines", other);
  g_autofree char *k_disj = g_strdup_printf ("%s_disjoint_paths", other);
  const char *cor_args[] = { "corridors", "region:west", "region:east", "--data", dir,
                             "--modes", "road", "--format", "json", NULL };
  g_autoptr (JsonNode) cor = run_json (cor_args);
  for (GList *y = years; y; y = y->next)
    {
      JsonObject *ind = json_object_get_object_member (json_object_get_object_member (scens,
                                                       y->data), "indicators");
      ck_assert_double_eq_tol (json_object_get_double_member (ind, "expressway_km"), xw_km,
                               0.05 + 1e-9);
      ck_assert_double_eq_tol (json_object_get_double_member (ind, "rail_km"), rail_km,
                               0.05 + 1e-9);
      ck_assert_int_eq (json_object_get_int_member (ind, k_rail), 0);   /* no rail links */
      /* lines join two regions whichever way round: the corridors
       * command's count, checked against a search of its own above */
      ck_assert_int_eq (json_object_get_int_member (ind, k_road),
                        json_object_get_int_member (json_node_get_object (cor), "line_count"));
      ck_assert_int_eq (json_object_get_int_member (ind, k_disj), cross);
    }

  /* transfers: hubs.csv's members (read here), the services at each from
   * the feed's patterns, the walk between two member stops the straight
   * line x 1.2 at 4.8 km/h (no hub_walks.csv, no transfers.txt), a pair's
   * walk the shortest over the stops where the first service sets down and
   * the second picks up; the headway of the second service the mean over
   * its directions (the next stop) of window / departures */
  g_autofree char *gtfs = g_build_filename (dir, "gtfs", NULL);
  GError *error = NULL;
  g_autoptr (TnetFeed) feed = tnet_feed_load (gtfs, NULL, &error);
  ck_assert_ptr_nonnull (feed);
  guint w0, w1;
  tnet_feed_get_window (feed, &w0, &w1);
  g_autofree char *hubs_path = g_build_filename (dir, "hubs.csv", NULL);
  g_autofree char *hubs_text = NULL;
  ck_assert (g_file_get_contents (hubs_path, &hubs_text, NULL, NULL));
  g_auto (GStrv) hub_lines = g_strsplit (hubs_text, "\n", -1);
  g_autoptr (GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_strfreev);
  for (guint i = 0; hub_lines[i]; i++)
    {
      if (hub_lines[i][0] == '#' || g_str_has_prefix (hub_lines[i], "id,") || !*hub_lines[i])
        continue;
      /* id,name,name_en,kind,open_year,target_transfer_min,members,...
       * (names with commas are quoted; the members field is the 7th
       * counted from the end's 3 fields source,confidence) */
      g_auto (GStrv) f = g_strsplit (hub_lines[i], ",", -1);
      guint nf = g_strv_length (f);
      ck_assert_uint_ge (nf, 9);
      g_hash_table_insert (members, g_strdup (f[0]), g_strsplit (f[nf - 3], ";", -1));
    }
  const char *tr_args[] = { "transfers", "--data", dir, "--format", "json", NULL };
  g_autoptr (JsonNode) tr = run_json (tr_args);
  JsonArray *hubs = json_object_get_array_member (json_node_get_object (tr), "hubs");
  ck_assert_uint_eq (json_array_get_length (hubs), g_hash_table_size (members));
  guint n_pairs_checked = 0;
  for (guint h = 0; h < json_array_get_length (hubs); h++)
    {
      JsonObject *ho = json_array_get_object_element (hubs, h);
      const char *const *mem = g_hash_table_lookup (members,
                                                    json_object_get_string_member (ho, "id"));
      ck_assert_ptr_nonnull (mem);
      GArray *mstops = g_array_new (FALSE, FALSE, sizeof (TnetId));
      for (guint k = 0; mem[k]; k++)
        {
          TnetId st = tnet_feed_find_stop (feed, mem[k]);
          if (st != TNET_ID_NONE)
            g_array_append_val (mstops, st);
        }
      JsonArray *pairs = json_object_get_array_member (ho, "pairs");
      for (guint k = 0; k < json_array_get_length (pairs); k++)
        {
          JsonObject *p = json_array_get_object_element (pairs, k);
          TnetId ra = tnet_feed_find_route (feed, json_object_get_string_member (p, "from_route"));
          TnetId rb = tnet_feed_find_route (feed, json_object_get_string_member (p, "to_route"));
          ck_assert (ra != TNET_ID_NONE && rb != TNET_ID_NONE && ra != rb);
          double best = INFINITY;
          GArray *dirs = g_array_new (FALSE, FALSE, sizeof (guint64));   /* next, departures */
          for (guint q = 0; q < tnet_feed_n_patterns (feed); q++)
            {
              const TnetPattern *pat = tnet_feed_pattern (feed, q);
              if (pat->route != rb)
                continue;
              for (guint j = 0; j + 1 < pat->n_stops; j++)
                {
                  gboolean member = FALSE;
                  for (guint m = 0; m < mstops->len; m++)
                    member |= g_array_index (mstops, TnetId, m) == pat->stops[j];
                  if (!member || !pat->can_board[j])
                    continue;
                  guint d = 0;
                  while (d < dirs->len && g_array_index (dirs, guint64, d) != pat->stops[j + 1])
                    d += 2;
                  if (d == dirs->len)
                    {
                      guint64 e[2] = { pat->stops[j + 1], 0 };
                      g_array_append_vals (dirs, e, 2);
                    }
                  g_array_index (dirs, guint64, d + 1) += pat->n_departures;
                  /* the walk from every member stop where ra sets down */
                  for (guint q2 = 0; q2 < tnet_feed_n_patterns (feed); q2++)
                    {
                      const TnetPattern *pa = tnet_feed_pattern (feed, q2);
                      if (pa->route != ra)
                        continue;
                      for (guint i2 = 1; i2 < pa->n_stops; i2++)
                        {
                          gboolean m2 = FALSE;
                          for (guint m = 0; m < mstops->len; m++)
                            m2 |= g_array_index (mstops, TnetId, m) == pa->stops[i2];
                          if (!m2 || !pa->can_alight[i2])
                            continue;
                          const TnetFeedStop *sa = tnet_feed_stop (feed, pa->stops[i2]);
                          const TnetFeedStop *sb = tnet_feed_stop (feed, pat->stops[j]);
                          double w = sa == sb ? 0 : hav (sa->lon, sa->lat, sb->lon, sb->lat)
                                                    * 1.2 / (4.8 * 1000 / 60);
                          best = MIN (best, w);
                        }
                    }
                }
            }
          ck_assert_uint_gt (dirs->len, 0);
          double headway = 0;
          for (guint d = 0; d < dirs->len; d += 2)
            headway += (w1 - w0) / (double) g_array_index (dirs, guint64, d + 1);
          headway /= dirs->len / 2 * 60.0;
          g_array_unref (dirs);
          ck_assert_double_eq_tol (json_object_get_double_member (p, "walk_min"), best, 0.006);
          ck_assert_double_eq_tol (json_object_get_double_member (p, "headway_min"), headway,
                                   0.006);
          ck_assert_double_eq_tol (json_object_get_double_member (p, "wait_min"), headway / 2,
                                   0.006);
          n_pairs_checked++;
        }
      g_array_unref (mstops);
    }
  ck_assert_uint_gt (n_pairs_checked, 20);
  spo_close (&s);
}
END_TEST

static Suite *
init_suite (void)
{
  Suite *s = suite_create ("init");
  TCase *tc = tcase_create ("parts");
  tcase_add_test (tc, kdtree_matches_brute_force);
  tcase_add_test (tc, polygon_centroid_and_contains);
  tcase_add_test (tc, zones_geojson_and_errors);
  tcase_add_test (tc, accessibility_from_matrix_by_hand);
  tcase_add_test (tc, accessibility_writers_by_hand);
  suite_add_tcase (s, tc);
  TCase *spo = tcase_create ("sao-paulo");
  tcase_add_unchecked_fixture (spo, spo_setup, spo_teardown);
  tcase_set_timeout (spo, 900);
  tcase_add_test (spo, spo_folder_contents);
  tcase_add_test (spo, spo_links_csv_exact_minutes);
  tcase_add_test (spo, spo_parking_places);
  tcase_add_test (spo, spo_two_feeds_merge);
  tcase_add_test (spo, spo_init_errors);
  tcase_add_test (spo, spo_init_cancel);
  tcase_add_test (spo, spo_snap_points_against_brute_force);
  tcase_add_test (spo, spo_accessibility_car_against_dijkstra);
  tcase_add_test (spo, spo_cli_commands);
  tcase_add_test (spo, spo_commute_against_oracles);
  tcase_add_test (spo, spo_accessibility_timetable);
  tcase_add_test (spo, spo_isochrone_timetable);
  tcase_add_test (spo, spo_commute_depart_equals_route);
  tcase_add_test (spo, spo_park_ride_commute_equals_route);
  tcase_add_test (spo, spo_isochrone_corridors_criticality);
  tcase_add_test (spo, spo_transit_criticality_by_link_empty);
  tcase_add_test (spo, spo_report_and_transfers);
  tcase_add_test (spo, spo_regions_from_polygons);
  tcase_add_test (spo, spo_regions_streets_outside);
  tcase_add_test (spo, spo_cli_init_usage_and_errors);
  suite_add_tcase (s, spo);
  return s;
}

int
main (void)
{
  return tt_run_suite (init_suite ());
}
