/* test-init.c: the k-d tree against a brute-force scan, polygons against
 * hand computations, and São Paulo built with tnet init from the fixtures
 * (tests/data/sao-paulo) and analysed, each figure checked against an
 * independent computation written here (a plain Dijkstra over the written
 * links.csv, accessibility summed from its distances, geometry lengths by
 * haversine). */
#include "tests-common.h"
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
 * folder (road modes and access links, one-way respected); a zone other
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
      if (!(TNET_MODE_BIT (l->mode) & (TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS))))
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

START_TEST (spo_folder_contents)
{
  g_autofree char *dir = spo_folder ();
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_ptr_nonnull (net);
  guint n_zones = 0, n_stops = 0, n_geom = 0;
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
      if (l->mode == TNET_MODE_ACCESS || l->mode == TNET_MODE_WALK)
        {
          /* straight line; time at 4.8 km/h over 1.2 x the distance */
          double d = hav (a->lon, a->lat, b->lon, b->lat);
          ck_assert_double_eq_tol (l->length_m, MAX (d, 0.1), 0.01);
          ck_assert_double_eq_tol (l->time_min, l->length_m * 1.2 / (4.8 / 3.6) / 60, 1e-6);
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
  g_autoptr (TnetAccessibility) acc = tnet_accessibility_compute (net, mm, ids, nz, jobs, pop,
                                                                  cut, 3, &co, &error);
  tnet_multimodal_unref (mm);
  ck_assert_ptr_nonnull (acc);
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
  const double opp[] = { 1, 10, 100 }, pop[] = { 1, 3 }, cut[] = { 10, 30 };
  GError *error = NULL;
  g_autoptr (TnetAccessibility) a = tnet_accessibility_from_matrix (t, 2, 3, opp, pop, cut, 2,
                                                                    &error);
  ck_assert_ptr_nonnull (a);
  ck_assert_double_eq (tnet_accessibility_value (a, 0, 0), 11);    /* 10 min counts */
  ck_assert_double_eq (tnet_accessibility_value (a, 0, 1), 11);
  ck_assert_double_eq (tnet_accessibility_value (a, 1, 0), 100);
  ck_assert_double_eq (tnet_accessibility_value (a, 1, 1), 101);   /* 30 min + 1 ms out */
  ck_assert_double_eq_tol (tnet_accessibility_mean (a, 1), (11 + 3 * 101) / 4.0, 1e-12);
  const double bad_cut[] = { 0 };
  ck_assert_ptr_null (tnet_accessibility_from_matrix (t, 2, 3, opp, pop, bad_cut, 1, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "cutoff");
  const double neg[] = { 1, -1, 0 };
  ck_assert_ptr_null (tnet_accessibility_from_matrix (t, 2, 3, neg, pop, cut, 2, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "opportunity");
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

/* The CLI on the São Paulo folder: each command runs and says what the
 * library's figures (or counts made here) say. */
START_TEST (spo_cli_commands)
{
  g_autofree char *dir = spo_folder ();
  /* commute: the full 323 x 323 matrix, car and transit */
  TtRun r = tt_run_tnet ("commute", "--data", dir, "--origins", "kind:zone", "--destinations",
                         "kind:zone", "--profiles", "car;transit", "--format", "json", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (JsonParser) p = json_parser_new ();
  ck_assert (json_parser_load_from_data (p, r.out, -1, NULL));
  JsonObject *root = json_node_get_object (json_parser_get_root (p));
  ck_assert_uint_eq (json_array_get_length (json_object_get_array_member (root, "origins")), 323);
  tt_run_clear (&r);
  /* the car row of the first origin against the oracle, all 323 cells */
  {
    GError *error = NULL;
    g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
    g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
    JsonArray *origins = json_object_get_array_member (root, "origins");
    const char *o0 = json_object_get_string_member (json_array_get_object_element (origins, 0),
                                                    "id");
    guint64 *dist = g_new (guint64, tnet_network_n_nodes (net));
    oracle_car (net, scen, tnet_network_find_node (net, o0), dist);
    JsonArray *cells = json_object_get_array_member (root, "cells");
    guint checked = 0, n_transit = 0;
    for (guint i = 0; i < json_array_get_length (cells); i++)
      {
        JsonObject *c = json_array_get_object_element (cells, i);
        const char *prof = json_object_get_string_member (c, "profile");
        n_transit += strcmp (prof, "transit") == 0;
        if (strcmp (prof, "car") || strcmp (json_object_get_string_member (c, "origin"), o0))
          continue;
        TnetId d = tnet_network_find_node (net, json_object_get_string_member (c, "destination"));
        ck_assert_uint_ne (dist[d], G_MAXUINT64);
        ck_assert_double_eq_tol (json_object_get_double_member (c, "minutes"),
                                 round (dist[d] / 6000.0) / 10.0, 1e-9);
        checked++;
      }
    ck_assert_uint_eq (checked, 323);
    ck_assert_uint_eq (n_transit, 323 * 323);
    g_free (dist);
  }

  /* accessibility by car and transit: the CSV total of the own zone */
  r = tt_run_tnet ("accessibility", "--data", dir, "--opportunities", "jobs", "--cutoffs",
                   "30,45,60", "--profile", "transit", "--format", "csv", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_auto (GStrv) rows = g_strsplit (r.out, "\n", -1);
  ck_assert_str_eq (rows[0], "id,within_30_min,within_45_min,within_60_min");
  ck_assert_uint_eq (g_strv_length (rows), 325);   /* header, 323 rows, final "" */
  tt_run_clear (&r);
  r = tt_run_tnet ("accessibility", "--data", dir, "--opportunities", "nope", NULL);
  ck_assert_int_eq (r.status, 1);
  ck_assert (strstr (r.err, "numeric columns: population, schools, jobs, healthcare"));
  tt_run_clear (&r);

  /* isochrone, corridors, criticality, transfers, report */
  g_autofree char *zone = NULL;
  {
    g_autofree char *zp = g_build_filename (dir, "zones.csv", NULL);
    g_autoptr (TnetZoneTable) z = tnet_zone_table_load (zp, NULL);
    zone = g_strdup (tnet_zone_table_id (z, 0));
  }
  r = tt_run_tnet ("isochrone", zone, "--data", dir, "--minutes", "5", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  ck_assert (strstr (r.out, "FeatureCollection"));
  tt_run_clear (&r);
  r = tt_run_tnet ("corridors", "region:west", "region:east", "--data", dir, "--modes", "road",
                   NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  tt_run_clear (&r);
  /* one origin zone keeps the scan short */
  r = tt_run_tnet ("criticality", zone, "region:east", "--data", dir, "--profile",
                   "car", "--top", "3", "--threads", "1", NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  tt_run_clear (&r);
  r = tt_run_tnet ("transfers", "--data", dir, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  tt_run_clear (&r);
  r = tt_run_tnet ("report", "--data", dir, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  tt_run_clear (&r);
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
  suite_add_tcase (s, tc);
  TCase *spo = tcase_create ("sao-paulo");
  tcase_add_unchecked_fixture (spo, spo_setup, spo_teardown);
  tcase_set_timeout (spo, 240);
  tcase_add_test (spo, spo_folder_contents);
  tcase_add_test (spo, spo_two_feeds_merge);
  tcase_add_test (spo, spo_init_errors);
  tcase_add_test (spo, spo_accessibility_car_against_dijkstra);
  tcase_add_test (spo, spo_cli_commands);
  tcase_add_test (spo, spo_regions_from_polygons);
  tcase_add_test (spo, spo_cli_init_usage_and_errors);
  suite_add_tcase (s, spo);
  return s;
}

int
main (void)
{
  return tt_run_suite (init_suite ());
}
