/* test-isochrone.c: isochrone polygons in bands (tnet-isochrone.h) and
 * `tnet isochrone --polygons`.
 *
 * Oracles: the area of a single reached link worked out by hand (the hull
 * of a disc and a point, below); validity and nesting checked by GEOS on
 * geometries rebuilt from the written coordinates; the population of each
 * band recounted by a ray-casting point-in-polygon test written here. */
#include "tests-common.h"
#include <cairo.h>
#include <geos_c.h>
#include <json-glib/json-glib.h>
#include <math.h>

#define R_EARTH 6371008.8

/* Even-odd ray casting over every ring of a MultiPolygon's coordinates
 * (parts are disjoint and holes lie inside their shells, so the parity of
 * the crossings over all rings is "inside"). */
static gboolean
ray_inside (JsonArray *multi, double x, double y)
{
  gboolean in = FALSE;
  for (guint p = 0; p < json_array_get_length (multi); p++)
    {
      JsonArray *rings = json_array_get_array_element (multi, p);
      for (guint r = 0; r < json_array_get_length (rings); r++)
        {
          JsonArray *ring = json_array_get_array_element (rings, r);
          guint n = json_array_get_length (ring);
          for (guint i = 0, j = n - 1; i < n; j = i++)
            {
              JsonArray *a = json_array_get_array_element (ring, i);
              JsonArray *b = json_array_get_array_element (ring, j);
              double xi = json_array_get_double_element (a, 0);
              double yi = json_array_get_double_element (a, 1);
              double xj = json_array_get_double_element (b, 0);
              double yj = json_array_get_double_element (b, 1);
              if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
                in = !in;
            }
        }
    }
  return in;
}

static GEOSGeometry *
ring_geom (GEOSContextHandle_t ctx, JsonArray *ring)
{
  guint n = json_array_get_length (ring);
  GEOSCoordSequence *seq = GEOSCoordSeq_create_r (ctx, n, 2);
  for (guint i = 0; i < n; i++)
    {
      JsonArray *pt = json_array_get_array_element (ring, i);
      GEOSCoordSeq_setXY_r (ctx, seq, i, json_array_get_double_element (pt, 0),
                            json_array_get_double_element (pt, 1));
    }
  return GEOSGeom_createLinearRing_r (ctx, seq);
}

/* A MultiPolygon rebuilt from GeoJSON coordinates (lon/lat plane). */
static GEOSGeometry *
multi_geom (GEOSContextHandle_t ctx, JsonArray *multi, guint *n_holes)
{
  guint np = json_array_get_length (multi);
  GEOSGeometry **polys = g_new (GEOSGeometry *, MAX (np, 1));
  for (guint p = 0; p < np; p++)
    {
      JsonArray *rings = json_array_get_array_element (multi, p);
      guint nr = json_array_get_length (rings);
      ck_assert_uint_ge (nr, 1);
      GEOSGeometry **holes = g_new (GEOSGeometry *, MAX (nr, 1));
      for (guint r = 1; r < nr; r++)
        holes[r - 1] = ring_geom (ctx, json_array_get_array_element (rings, r));
      *n_holes += nr - 1;
      polys[p] = GEOSGeom_createPolygon_r (ctx, ring_geom (ctx,
                                                           json_array_get_array_element (rings, 0)),
                                           holes, nr - 1);
      g_free (holes);
    }
  GEOSGeometry *m = GEOSGeom_createCollection_r (ctx, GEOS_MULTIPOLYGON, polys, np);
  g_free (polys);
  return m;
}

/* Planar area of the MultiPolygon in a local equirectangular projection
 * around latitude lat0, km² (an independent estimate of area_km2). */
static double
planar_km2 (JsonArray *multi, double lat0)
{
  double kx = R_EARTH * G_PI / 180 * cos (lat0 * G_PI / 180), ky = R_EARTH * G_PI / 180;
  double total = 0;
  for (guint p = 0; p < json_array_get_length (multi); p++)
    {
      JsonArray *rings = json_array_get_array_element (multi, p);
      for (guint r = 0; r < json_array_get_length (rings); r++)
        {
          JsonArray *ring = json_array_get_array_element (rings, r);
          double s = 0;
          for (guint i = 0; i + 1 < json_array_get_length (ring); i++)
            {
              JsonArray *a = json_array_get_array_element (ring, i);
              JsonArray *b = json_array_get_array_element (ring, i + 1);
              s += json_array_get_double_element (a, 0) * kx * json_array_get_double_element (b, 1)
                   * ky
                   - json_array_get_double_element (b, 0) * kx
                       * json_array_get_double_element (a, 1) * ky;
            }
          /* RFC 7946: shells counter-clockwise, holes clockwise */
          if (r == 0)
            ck_assert_double_gt (s, 0);
          else
            ck_assert_double_lt (s, 0);
          total += s / 2;
        }
    }
  return total / 1e6;
}

static JsonParser *
parse (const char *text)
{
  JsonParser *parser = json_parser_new ();
  GError *error = NULL;
  ck_assert_msg (json_parser_load_from_data (parser, text, -1, &error), "%s",
                 error ? error->message : "");
  return parser;
}

/* Checks a band FeatureCollection: one MultiPolygon per band, valid,
 * nested, counter-clockwise shells; returns the number of holes. */
static guint
check_bands (JsonArray *features, guint n_bands, double lat0)
{
  GEOSContextHandle_t ctx = GEOS_init_r ();
  ck_assert_uint_eq (json_array_get_length (features), n_bands);
  GEOSGeometry *prev = NULL;
  guint holes = 0;
  double prev_area = 0;
  for (guint i = 0; i < n_bands; i++)
    {
      JsonObject *f = json_array_get_object_element (features, i);
      ck_assert_str_eq (json_object_get_string_member (f, "type"), "Feature");
      ck_assert (json_object_has_member (f, "id"));
      JsonObject *g = json_object_get_object_member (f, "geometry");
      ck_assert_str_eq (json_object_get_string_member (g, "type"), "MultiPolygon");
      JsonArray *multi = json_object_get_array_member (g, "coordinates");
      GEOSGeometry *m = multi_geom (ctx, multi, &holes);
      ck_assert_msg (GEOSisValid_r (ctx, m) == 1, "band %u is not valid", i + 1);
      if (prev)
        {
          /* nested up to rounding: the union adds vertices where edges
           * cross, rounded in the projection back to degrees, so the part
           * of band i−1 outside band i may be a sliver of ~1e-12 deg² */
          GEOSGeometry *out = GEOSDifference_r (ctx, prev, m);
          double out_area = 0, prev_area_deg = 0;
          GEOSArea_r (ctx, out, &out_area);
          GEOSArea_r (ctx, prev, &prev_area_deg);
          ck_assert_msg (out_area <= 1e-9 * prev_area_deg,
                         "band %u leaves %g of band %u's %g deg² out", i + 1, out_area, i,
                         prev_area_deg);
          GEOSGeom_destroy_r (ctx, out);
        }
      JsonObject *props = json_object_get_object_member (f, "properties");
      double area = json_object_get_double_member (props, "area_km2");
      double planar = planar_km2 (multi, lat0);
      ck_assert_double_gt (area, prev_area);
      ck_assert_msg (fabs (area - planar) <= 0.01 * planar + 0.002,
                     "band %u: area_km2 %g, planar estimate %g", i + 1, area, planar);
      prev_area = area;
      if (prev)
        GEOSGeom_destroy_r (ctx, prev);
      prev = m;
    }
  if (prev)
    GEOSGeom_destroy_r (ctx, prev);
  GEOS_finish_r (ctx);
  return holes;
}

/* One straight road link of 10 km driven in 10 minutes, reached at its
 * west end at time 0. Within a budget of B minutes, a point s metres along
 * is reached at s/1000 min and walks r(s) = v (B − s/1000) at v = 5 km/h
 * (83.33 m/min), uncapped: a radius falling linearly from R = v B at the
 * origin to 0 at d = 1000 B metres. The union of those discs is the convex
 * hull of the disc (0, R) and the point (d, 0): two right triangles with
 * legs R and L = sqrt(d² − R²), plus the part of the disc outside the kite,
 * a sector of angle 2π − 2α where cos α = R/d:
 *   A = R L + R² (π − α).
 * The discs are 32-gons, whose area is (32 / 2π) sin(2π/32) = 0.9936 of the
 * circle's, hence the 1.5 % tolerance. */
static double
hull_km2 (double budget_min)
{
  double v = 5000.0 / 60, R = v * budget_min, d = 1000 * budget_min;
  double L = sqrt (d * d - R * R), alpha = acos (R / d);
  return (R * L + R * R * (G_PI - alpha)) / 1e6;
}

START_TEST (test_single_link_area)
{
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_new ();
  double lat = 30, lon0 = 110;
  double lon1 = lon0 + 10000 / (R_EARTH * cos (lat * G_PI / 180) * G_PI / 180);
  TnetNode a = { .id = "a", .kind = TNET_NODE_JUNCTION, .lon = lon0, .lat = lat };
  TnetNode b = { .id = "b", .kind = TNET_NODE_ZONE, .lon = lon1, .lat = lat,
                 .population = 1000 };
  TnetNode c = { .id = "c", .kind = TNET_NODE_ZONE, .lon = lon0 + 0.001, .lat = lat + 0.001,
                 .population = 7 };
  ck_assert_uint_eq (tnet_network_add_node (net, &a, &error), 0);
  ck_assert_uint_eq (tnet_network_add_node (net, &b, &error), 1);
  ck_assert_uint_eq (tnet_network_add_node (net, &c, &error), 2);
  TnetLink l = { .id = "ab", .from = 0, .to = 1, .mode = TNET_MODE_ROAD, .length_m = 10000,
                 .speed_kmh = NAN, .time_ms = 600000 };
  ck_assert_uint_eq (tnet_network_add_link (net, &l, &error), 0);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  TnetWeight ms[3] = { 0, 600000, TNET_WEIGHT_INF };
  double minutes[] = { 2, 5, 8 };
  TnetWeight budgets_ms[] = { 120000, 300000, 480000 };
  TnetIsochroneOptions o;
  tnet_isochrone_options_init (&o);
  o.max_radius_m = 100000;
  o.simplify_m = 0;
  g_autoptr (TnetIsochroneBands) bands
    = tnet_isochrone_bands_new (net, scen, ms, budgets_ms, 3, &o, &error);
  ck_assert_msg (bands != NULL, "%s", error ? error->message : "");
  for (guint i = 0; i < 3; i++)
    {
      double want = hull_km2 (minutes[i]);
      double got = tnet_isochrone_bands_area_km2 (bands, i);
      ck_assert_msg (fabs (got - want) <= 0.015 * want, "%g min: %g km², expected %g",
                     minutes[i], got, want);
      ck_assert_uint_eq (tnet_isochrone_bands_budget_ms (bands, i), budgets_ms[i]);
      ck_assert_uint_eq (tnet_isochrone_bands_n_polygons (bands, i), 1);
      /* the far end (10 km) is beyond every budget; the origin is inside */
      ck_assert (!tnet_isochrone_bands_covers (bands, i, lon1, lat));
      ck_assert (tnet_isochrone_bands_covers (bands, i, lon0, lat));
    }
  /* zone c (about 140 m from the origin) is inside every band: 7 people */
  g_autofree char *text = tnet_isochrone_bands_to_geojson (bands, net, NULL);
  g_autoptr (JsonParser) parser = parse (text);
  JsonArray *features
    = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                    "features");
  check_bands (features, 3, lat);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *props = json_object_get_object_member (
        json_array_get_object_element (features, i), "properties");
      ck_assert_double_eq (json_object_get_double_member (props, "population"), 7);
      ck_assert_double_eq (json_object_get_double_member (props, "minutes"), minutes[i]);
    }
  /* a cap of 100 m: a band of about 200 m along 5 km plus the end disc */
  o.max_radius_m = 100;
  TnetWeight five[] = { 300000 };
  g_autoptr (TnetIsochroneBands) capped
    = tnet_isochrone_bands_new (net, scen, ms, five, 1, &o, &error);
  ck_assert_ptr_nonnull (capped);
  double got = tnet_isochrone_bands_area_km2 (capped, 0);
  /* the capped radius is 100 m until 100 m from where the budget ends
   * (r = v (5 − s/1000) > 100 for s < 3800 m), then falls to 0 at 5000 m:
   * disc half at the origin (π 100² / 2), a strip 2 × 100 m × 3800 m, and
   * the taper from 3800 to 5000 m, close to a triangle of base 200 m and
   * height 1200 m (the hull of a 100 m disc and a point 1200 m away). */
  double want = (G_PI * 100 * 100 / 2 + 200 * 3800) / 1e6
                + (100 * sqrt (1200.0 * 1200 - 100 * 100)
                   + 100 * 100 * (G_PI - acos (100.0 / 1200))) / 1e6 - G_PI * 100 * 100 / 2e6;
  ck_assert_msg (fabs (got - want) <= 0.02 * want, "capped: %g km², expected %g", got, want);
}
END_TEST

START_TEST (test_bad_input)
{
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_new ();
  TnetNode a = { .id = "a", .kind = TNET_NODE_ZONE, .lon = 1, .lat = 1 };
  tnet_network_add_node (net, &a, &error);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  TnetWeight ms[1] = { 0 };
  TnetWeight dec[] = { 1800000, 900000 };
  ck_assert_ptr_null (tnet_isochrone_bands_new (net, scen, ms, dec, 2, NULL, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "increasing");
  TnetWeight big[] = { 86400001 };   /* 1440 min and 1 ms */
  ck_assert_ptr_null (tnet_isochrone_bands_new (net, scen, ms, big, 1, NULL, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "1440");
  ck_assert_ptr_null (tnet_isochrone_bands_new (net, scen, ms, big, 0, NULL, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "at least one");
  TnetIsochroneOptions o;
  tnet_isochrone_options_init (&o);
  o.off_network_kmh = 0;
  TnetWeight ok[] = { 600000 };
  ck_assert_ptr_null (tnet_isochrone_bands_new (net, scen, ms, ok, 1, &o, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "off_network_kmh");
  /* one isolated node: a single disc of min(1000 m, 10 min × 5 km/h) */
  tnet_isochrone_options_init (&o);
  o.simplify_m = 0;
  g_autoptr (TnetIsochroneBands) b = tnet_isochrone_bands_new (net, scen, ms, ok, 1, &o,
                                                               &error);
  ck_assert_ptr_nonnull (b);
  double want = G_PI * 833.333 * 833.333 / 1e6 * 0.9936;
  ck_assert_double_eq_tol (tnet_isochrone_bands_area_km2 (b, 0), want, 0.01 * want);
}
END_TEST

/* tnet_isochrone_zones_to_json() on four nodes whose times are set by
 * hand: zones z1 (12.34 min, population 100), z2 (45 min, 200, the budget
 * itself), z3 (unreached, 400) and the junction j (5 min): within 45 min
 * three nodes and 300 people; each zone's minutes to 0.1, null when
 * unreached; a car isochrone has no model, one by the timetable its
 * options, one of transit without a timetable the approximation. */
START_TEST (test_zones_json)
{
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_new ();
  TnetNode nodes[] = {
    { .id = "z1", .kind = TNET_NODE_ZONE, .lon = 1, .lat = 1, .population = 100 },
    { .id = "j", .kind = TNET_NODE_JUNCTION, .lon = 1.1, .lat = 1, .population = 50 },
    { .id = "z2", .kind = TNET_NODE_ZONE, .lon = 1.2, .lat = 1, .population = 200 },
    { .id = "z3", .kind = TNET_NODE_ZONE, .lon = 1.3, .lat = 1, .population = 400 } };
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    ck_assert_msg (tnet_network_add_node (net, &nodes[i], &error) != TNET_ID_NONE, "%s",
                   error ? error->message : "");
  /* 12.34, 5 and 45 min */
  TnetWeight mins[] = { 740400, 300000, 2700000, TNET_WEIGHT_INF };
  guint reached;
  double pop;
  tnet_isochrone_reach (net, mins, 2700000, &reached, &pop);
  ck_assert_uint_eq (reached, 3);
  ck_assert_double_eq (pop, 300);
  TnetIsochroneLabels labels = { .from = "z1", .budget_ms = 2700000 };
  g_autofree char *car = tnet_isochrone_zones_to_json (net, mins, &labels);
  g_autoptr (JsonParser) parser = json_parser_new ();
  ck_assert (json_parser_load_from_data (parser, car, -1, NULL));
  JsonObject *o = json_node_get_object (json_parser_get_root (parser));
  ck_assert_str_eq (json_object_get_string_member (o, "from"), "z1");
  ck_assert_str_eq (json_object_get_string_member (o, "profile"), "car");
  ck_assert_double_eq (json_object_get_double_member (o, "minutes"), 45);
  ck_assert_int_eq (json_object_get_int_member (o, "nodes_reached"), 3);
  ck_assert_double_eq (json_object_get_double_member (o, "zone_population_reached"), 300);
  ck_assert (!json_object_has_member (o, "model"));
  ck_assert (!json_object_has_member (o, "timetable"));
  JsonArray *zones = json_object_get_array_member (o, "zones");
  ck_assert_uint_eq (json_array_get_length (zones), 3);
  static const char *const ids[] = { "z1", "z2", "z3" };
  static const double want[] = { 12.3, 45, -1 };
  for (guint k = 0; k < 3; k++)
    {
      JsonObject *z = json_array_get_object_element (zones, k);
      ck_assert_str_eq (json_object_get_string_member (z, "id"), ids[k]);
      JsonNode *m = json_object_get_member (z, "minutes");
      if (want[k] < 0)
        ck_assert (JSON_NODE_HOLDS_NULL (m));
      else
        ck_assert_double_eq_tol (json_node_get_double (m), want[k], 1e-9);
    }
  /* transit by the timetable: its options; without: the approximation */
  labels = (TnetIsochroneLabels) { .from = "z1", .profile = "transit", .budget_ms = 2700000,
                                   .by_timetable = TRUE, .timetable_feed = "gtfs-2025",
                                   .timetable_date = 20250101, .depart_s = 6 * 3600 + 40 * 60,
                                   .window_ms = 0, .max_walk_ms = 1500000, .percentile = 80 };
  g_autofree char *tt = tnet_isochrone_zones_to_json (net, mins, &labels);
  g_autoptr (JsonParser) parser_tt = json_parser_new ();
  ck_assert (json_parser_load_from_data (parser_tt, tt, -1, NULL));
  o = json_node_get_object (json_parser_get_root (parser_tt));
  ck_assert_str_eq (json_object_get_string_member (o, "model"), "timetable");
  JsonObject *t = json_object_get_object_member (o, "timetable");
  ck_assert_str_eq (json_object_get_string_member (t, "feed"), "gtfs-2025");
  ck_assert_int_eq (json_object_get_int_member (t, "date"), 20250101);
  ck_assert_str_eq (json_object_get_string_member (t, "depart"), "06:40");
  ck_assert_int_eq (json_object_get_int_member (t, "window_min"), 1);   /* one departure */
  ck_assert_double_eq (json_object_get_double_member (t, "max_walk_min"), 25);
  ck_assert_double_eq (json_object_get_double_member (t, "percentile"), 80);
  labels.by_timetable = FALSE;
  g_autofree char *freq = tnet_isochrone_zones_to_json (net, mins, &labels);
  ck_assert (strstr (freq, "\"model\" : \"frequency approximation\""));
  ck_assert (!strstr (freq, "\"timetable\""));
}
END_TEST

/* Budgets in ms where minutes would differ: 29.999 min is 1 799 940 ms; a
 * node at exactly that time is reached, one a millisecond later is not;
 * the JSON and the band's id speak minutes again (29.999). */
START_TEST (test_budget_ms)
{
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_new ();
  TnetNode nodes[] = {
    { .id = "z1", .kind = TNET_NODE_ZONE, .lon = 1, .lat = 1, .population = 10 },
    { .id = "z2", .kind = TNET_NODE_ZONE, .lon = 1.1, .lat = 1, .population = 20 },
    { .id = "z3", .kind = TNET_NODE_ZONE, .lon = 1.2, .lat = 1, .population = 40 } };
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    ck_assert_msg (tnet_network_add_node (net, &nodes[i], &error) != TNET_ID_NONE, "%s",
                   error ? error->message : "");
  TnetWeight budget = tnet_weight_from_min (29.999);
  ck_assert_uint_eq (budget, 1799940);
  TnetWeight ms[] = { 1799940, 1799941, 59999 };
  guint reached;
  double pop;
  tnet_isochrone_reach (net, ms, budget, &reached, &pop);
  ck_assert_uint_eq (reached, 2);     /* z1 (on the budget) and z3 */
  ck_assert_double_eq (pop, 50);
  TnetIsochroneLabels labels = { .from = "z1", .budget_ms = budget };
  g_autofree char *json = tnet_isochrone_zones_to_json (net, ms, &labels);
  g_autoptr (JsonParser) parser = json_parser_new ();
  ck_assert (json_parser_load_from_data (parser, json, -1, NULL));
  JsonObject *o = json_node_get_object (json_parser_get_root (parser));
  ck_assert_double_eq (json_object_get_double_member (o, "minutes"), 29.999);
  ck_assert_int_eq (json_object_get_int_member (o, "nodes_reached"), 2);
  JsonArray *zones = json_object_get_array_member (o, "zones");
  /* 1 799 941 ms is 29.99901… min, 59 999 ms 0.99998… min: to 0.1 */
  ck_assert_double_eq_tol (json_node_get_double (json_object_get_member (
                             json_array_get_object_element (zones, 1), "minutes")), 30.0, 1e-9);
  ck_assert_double_eq_tol (json_node_get_double (json_object_get_member (
                             json_array_get_object_element (zones, 2), "minutes")), 1.0, 1e-9);

  /* one band of 29.999 min around z3 alone (z1, z2 beyond it): its budget
   * back in ms, its id and minutes in minutes */
  TnetWeight at[] = { TNET_WEIGHT_INF, TNET_WEIGHT_INF, 0 };
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  g_autoptr (TnetIsochroneBands) bands = tnet_isochrone_bands_new (net, scen, at, &budget, 1,
                                                                   NULL, &error);
  ck_assert_msg (bands != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (tnet_isochrone_bands_budget_ms (bands, 0), 1799940);
  g_autofree char *text = tnet_isochrone_bands_to_geojson (bands, net, NULL);
  ck_assert_msg (strstr (text, "\"id\" : \"band-29.999\""), "%s", text);
  g_autoptr (JsonParser) band_parser = parse (text);
  JsonObject *props = json_object_get_object_member (
    json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (json_parser_get_root (band_parser)),
                                    "features"), 0), "properties");
  ck_assert_double_eq (json_object_get_double_member (props, "minutes"), 29.999);
  /* the whole day is the largest budget; a millisecond more is refused */
  TnetWeight day[] = { 86400000 };
  g_autoptr (TnetIsochroneBands) whole = tnet_isochrone_bands_new (net, scen, at, day, 1, NULL,
                                                                   &error);
  ck_assert_msg (whole != NULL, "%s", error ? error->message : "");
  TnetWeight zero[] = { 0 };
  ck_assert_ptr_null (tnet_isochrone_bands_new (net, scen, at, zero, 1, NULL, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "budget 1 (0 min)");
}
END_TEST

/* A link bent at a right angle (5 km east, then 5 km north): the polygons
 * and the GeoJSON follow its polyline, not the straight line between its
 * ends. */
START_TEST (test_link_geometry)
{
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_new ();
  double lat = 30, lon0 = 110;
  double dx = 5000 / (R_EARTH * cos (lat * G_PI / 180) * G_PI / 180);
  double dy = 5000 / (R_EARTH * G_PI / 180);
  TnetNode a = { .id = "a", .kind = TNET_NODE_JUNCTION, .lon = lon0, .lat = lat };
  TnetNode b = { .id = "b", .kind = TNET_NODE_JUNCTION, .lon = lon0 + dx, .lat = lat + dy };
  tnet_network_add_node (net, &a, &error);
  tnet_network_add_node (net, &b, &error);
  TnetLink l = { .id = "ab", .from = 0, .to = 1, .mode = TNET_MODE_ROAD, .length_m = 10000,
                 .speed_kmh = NAN, .time_ms = 600000 };
  ck_assert_uint_eq (tnet_network_add_link (net, &l, &error), 0);
  double shape[] = { lon0, lat, lon0 + dx, lat, lon0 + dx, lat + dy };
  ck_assert (tnet_network_set_link_geometry (net, 0, shape, 3, &error));
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  TnetWeight ms[2] = { 0, 600000 };
  TnetWeight minutes[] = { 1200000 };
  TnetIsochroneOptions o;
  tnet_isochrone_options_init (&o);
  o.max_radius_m = 100;
  g_autoptr (TnetIsochroneBands) bands
    = tnet_isochrone_bands_new (net, scen, ms, minutes, 1, &o, &error);
  ck_assert_ptr_nonnull (bands);
  ck_assert (tnet_isochrone_bands_covers (bands, 0, lon0 + dx, lat));      /* the corner */
  ck_assert (!tnet_isochrone_bands_covers (bands, 0, lon0 + dx / 2, lat + dy / 2)); /* chord */
  /* a strip of 200 m along 10 km, rounded at the ends: about 2 km² */
  ck_assert_double_eq_tol (tnet_isochrone_bands_area_km2 (bands, 0), 2.0, 0.1);

  g_autofree char *text = tnet_geojson_network (net, scen);
  g_autoptr (JsonParser) parser = parse (text);
  JsonArray *features
    = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                    "features");
  gboolean seen = FALSE;
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *g = json_object_get_object_member (json_array_get_object_element (features, i),
                                                     "geometry");
      if (strcmp (json_object_get_string_member (g, "type"), "LineString") != 0)
        continue;
      JsonArray *c = json_object_get_array_member (g, "coordinates");
      ck_assert_uint_eq (json_array_get_length (c), 3);
      JsonArray *corner = json_array_get_array_element (c, 1);
      ck_assert_double_eq_tol (json_array_get_double_element (corner, 0), lon0 + dx, 1e-6);
      ck_assert_double_eq_tol (json_array_get_double_element (corner, 1), lat, 1e-6);
      seen = TRUE;
    }
  ck_assert (seen);
}
END_TEST

/* tnet_geojson_isochrone() on Monaco's OSM network (links with their
 * polylines) with seeded random times: the reached nodes and links are
 * recounted here from the times, each Point sits on its node, each
 * LineString starts and ends on its link's nodes, and every minutes value
 * is the time given, in tenths; each layer alone holds one geometry type. */
START_TEST (test_geojson_isochrone)
{
  g_autofree char *path = tt_data_path ("monaco/monaco.osm.pbf");
  GError *error = NULL;
  TnetOsmOptions o;
  tnet_osm_options_init (&o);
  o.contract_degree2 = TRUE;  /* merged links keep the shape of their chain */
  g_autoptr (TnetNetwork) net = tnet_network_load_osm (path, &o, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  guint n = tnet_network_n_nodes (net), m = tnet_network_n_links (net);
  g_autofree TnetWeight *ms = g_new (TnetWeight, n);
  GRand *rand = g_rand_new_with_seed (1807);
  for (guint v = 0; v < n; v++)
    ms[v] = g_rand_int_range (rand, 0, 4) == 0 ? TNET_WEIGHT_INF
                                               : (TnetWeight) g_rand_int_range (rand, 0, 1200000);
  g_rand_free (rand);
  TnetWeight budget = 900000;
  guint want_points = 0, want_lines = 0, polylines = 0;
  for (guint v = 0; v < n; v++)
    want_points += ms[v] <= budget;
  for (guint i = 0; i < m; i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      want_lines += ms[l->from] <= budget && ms[l->to] <= budget;
    }
  ck_assert_uint_gt (want_points, 0);
  ck_assert_uint_gt (want_lines, 0);

  const TnetGeojsonLayers layers[] = { TNET_GEOJSON_ALL, TNET_GEOJSON_POINTS,
                                       TNET_GEOJSON_LINES };
  for (guint k = 0; k < G_N_ELEMENTS (layers); k++)
    {
      g_autofree char *text
        = tnet_geojson_isochrone (net, scen, ms, budget, "somewhere", "car", layers[k]);
      g_autoptr (JsonParser) parser = parse (text);
      JsonObject *root = json_node_get_object (json_parser_get_root (parser));
      ck_assert_str_eq (json_object_get_string_member (root, "type"), "FeatureCollection");
      JsonObject *meta = json_object_get_object_member (root, "properties");
      ck_assert_str_eq (json_object_get_string_member (meta, "from"), "somewhere");
      ck_assert_str_eq (json_object_get_string_member (meta, "profile"), "car");
      ck_assert_double_eq (json_object_get_double_member (meta, "minutes"), 15.0);
      ck_assert_int_eq (json_object_get_int_member (meta, "scenario"), 2025);
      JsonArray *features = json_object_get_array_member (root, "features");
      guint points = 0, lines = 0;
      for (guint i = 0; i < json_array_get_length (features); i++)
        {
          JsonObject *f = json_array_get_object_element (features, i);
          JsonObject *g = json_object_get_object_member (f, "geometry");
          JsonObject *p = json_object_get_object_member (f, "properties");
          const char *type = json_object_get_string_member (g, "type");
          const char *id = json_object_get_string_member (p, "id");
          ck_assert_str_eq (json_object_get_string_member (f, "id"), id);
          JsonArray *c = json_object_get_array_member (g, "coordinates");
          if (strcmp (type, "Point") == 0)
            {
              points++;
              TnetId v = tnet_network_find_node (net, id);
              ck_assert_uint_ne (v, TNET_ID_NONE);
              const TnetNode *nd = tnet_network_node (net, v);
              ck_assert_uint_le (ms[v], budget);
              ck_assert_double_eq_tol (json_array_get_double_element (c, 0), nd->lon, 6e-7);
              ck_assert_double_eq_tol (json_array_get_double_element (c, 1), nd->lat, 6e-7);
              ck_assert_double_eq (json_object_get_double_member (p, "minutes"),
                                   floor (ms[v] / 6000.0 + 0.5) / 10.0);
              continue;
            }
          ck_assert_str_eq (type, "LineString");
          lines++;
          TnetId li = tnet_network_find_link (net, id);
          ck_assert_uint_ne (li, TNET_ID_NONE);
          const TnetLink *l = tnet_network_link (net, li);
          guint np = json_array_get_length (c);
          polylines += np > 2;
          const TnetNode *a = tnet_network_node (net, l->from), *z = tnet_network_node (net, l->to);
          JsonArray *c0 = json_array_get_array_element (c, 0);
          JsonArray *cn = json_array_get_array_element (c, np - 1);
          ck_assert_double_eq_tol (json_array_get_double_element (c0, 0), a->lon, 6e-7);
          ck_assert_double_eq_tol (json_array_get_double_element (c0, 1), a->lat, 6e-7);
          ck_assert_double_eq_tol (json_array_get_double_element (cn, 0), z->lon, 6e-7);
          ck_assert_double_eq_tol (json_array_get_double_element (cn, 1), z->lat, 6e-7);
          double t0 = floor (ms[l->from] / 6000.0 + 0.5) / 10.0;
          double t1 = floor (ms[l->to] / 6000.0 + 0.5) / 10.0;
          ck_assert_double_eq (json_object_get_double_member (p, "from_minutes"), t0);
          ck_assert_double_eq (json_object_get_double_member (p, "to_minutes"), t1);
          ck_assert_double_eq (json_object_get_double_member (p, "minutes"), MAX (t0, t1));
          ck_assert_double_eq_tol (json_object_get_double_member (p, "length_km"),
                                   l->length_m / 1000.0, 0.0005);
        }
      ck_assert_uint_eq (points, layers[k] & TNET_GEOJSON_POINTS ? want_points : 0);
      ck_assert_uint_eq (lines, layers[k] & TNET_GEOJSON_LINES ? want_lines : 0);
    }
  /* the OSM import keeps the ways' shapes, and the writer draws them */
  ck_assert_uint_gt (polylines, 0);
}
END_TEST

/* `tnet isochrone --layer points` against the CSV of the same command:
 * the same nodes, the same minutes, only Points; `--layer lines` only
 * LineStrings; a bad layer is a usage error. */
START_TEST (test_cli_isochrone_layers)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  TtRun r = tt_run_tnet ("isochrone", "z_weidu", "--minutes", "40", "--format", "csv",
                         "--data", data, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (GHashTable) csv = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto (GStrv) rows = g_strsplit (r.out, "\n", -1);
  ck_assert_str_eq (rows[0], "node,name,minutes");
  for (guint i = 1; rows[i] && *rows[i]; i++)
    {
      const char *comma = strchr (rows[i], ','), *last = strrchr (rows[i], ',');
      g_hash_table_insert (csv, g_strndup (rows[i], (gsize) (comma - rows[i])),
                           g_strdup (last + 1));
    }
  tt_run_clear (&r);
  ck_assert_uint_gt (g_hash_table_size (csv), 3);

  r = tt_run_tnet ("isochrone", "z_weidu", "--minutes", "40", "--layer", "points", "--data",
                   data, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (JsonParser) parser = parse (r.out);
  JsonArray *features = json_object_get_array_member (
      json_node_get_object (json_parser_get_root (parser)), "features");
  ck_assert_uint_eq (json_array_get_length (features), g_hash_table_size (csv));
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *f = json_array_get_object_element (features, i);
      ck_assert_str_eq (json_object_get_string_member (json_object_get_object_member (f,
                                                                                      "geometry"),
                                                       "type"), "Point");
      JsonObject *p = json_object_get_object_member (f, "properties");
      const char *want = g_hash_table_lookup (csv, json_object_get_string_member (p, "id"));
      ck_assert_ptr_nonnull (want);
      ck_assert_double_eq_tol (json_object_get_double_member (p, "minutes"),
                               g_ascii_strtod (want, NULL), 1e-9);
    }
  tt_run_clear (&r);

  r = tt_run_tnet ("isochrone", "z_weidu", "--minutes", "40", "--layer", "lines", "--data",
                   data, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (JsonParser) p2 = parse (r.out);
  features = json_object_get_array_member (json_node_get_object (json_parser_get_root (p2)),
                                           "features");
  ck_assert_uint_gt (json_array_get_length (features), 0);
  for (guint i = 0; i < json_array_get_length (features); i++)
    ck_assert_str_eq (json_object_get_string_member (
        json_object_get_object_member (json_array_get_object_element (features, i),
                                       "geometry"), "type"), "LineString");
  tt_run_clear (&r);

  r = tt_run_tnet ("isochrone", "z_weidu", "--layer", "polygons", "--data", data, NULL);
  ck_assert_int_eq (r.status, 2);
  ck_assert_ptr_nonnull (strstr (r.err, "--layer"));
  tt_run_clear (&r);
}
END_TEST

/* The command on the bundled data: two origins, four bands. */
START_TEST (test_cli_bands_population)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  TtRun r = tt_run_tnet ("isochrone", "z_weidu,z_yuzhou", "--minutes", "15,30,45,60",
                         "--polygons", "--data", data, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (JsonParser) parser = parse (r.out);
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  ck_assert_str_eq (json_object_get_string_member (root, "type"), "FeatureCollection");
  JsonArray *features = json_object_get_array_member (root, "features");
  guint holes = check_bands (features, 4, 34.0);
  ck_assert_uint_gt (holes, 0);  /* the network leaves unreached pockets */

  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (data, &error);
  ck_assert_ptr_nonnull (net);
  double prev = -1;
  for (guint i = 0; i < 4; i++)
    {
      JsonObject *f = json_array_get_object_element (features, i);
      JsonArray *multi = json_object_get_array_member (json_object_get_object_member (f,
                                                                                      "geometry"),
                                                       "coordinates");
      double pop = 0;
      guint zones = 0;
      for (TnetId v = 0; v < tnet_network_n_nodes (net); v++)
        {
          const TnetNode *node = tnet_network_node (net, v);
          if (node->kind == TNET_NODE_ZONE && ray_inside (multi, node->lon, node->lat))
            pop += node->population, zones++;
        }
      JsonObject *props = json_object_get_object_member (f, "properties");
      ck_assert_double_eq (json_object_get_double_member (props, "population"), pop);
      ck_assert_int_eq (json_object_get_int_member (props, "zones"), zones);
      ck_assert_double_ge (pop, prev);
      prev = pop;
      /* both origins are zones inside the first band */
      if (i == 0)
        ck_assert_uint_ge (zones, 2);
    }
  tt_run_clear (&r);

  /* several budgets without --polygons: a usage error */
  r = tt_run_tnet ("isochrone", "z_weidu", "--minutes", "15,30", "--data", data, NULL);
  ck_assert_int_eq (r.status, 2);
  ck_assert_ptr_nonnull (strstr (r.err, "--polygons"));
  tt_run_clear (&r);
  r = tt_run_tnet ("isochrone", "z_weidu", "--minutes", "30,15", "--polygons", "--data", data,
                   NULL);
  ck_assert_int_eq (r.status, 2);
  ck_assert_ptr_nonnull (strstr (r.err, "increasing"));
  tt_run_clear (&r);
}
END_TEST

/* `tnet route --format geojson`: RFC 7946, MultiLineStrings only, one per
 * leg with ids 1, 2, ...; consecutive legs meet, and their lengths add up
 * to the route's total of `--format json`. */
START_TEST (test_route_geojson)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  TtRun r = tt_run_tnet ("route", "z_weidu", "z_yuzhou", "--format", "geojson", "--data", data,
                         NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (JsonParser) parser = parse (r.out);
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  ck_assert_str_eq (json_object_get_string_member (root, "type"), "FeatureCollection");
  JsonArray *features = json_object_get_array_member (root, "features");
  guint n = json_array_get_length (features);
  ck_assert_uint_ge (n, 1);
  double km = 0, last[2] = { NAN, NAN };
  for (guint i = 0; i < n; i++)
    {
      JsonObject *f = json_array_get_object_element (features, i);
      ck_assert_str_eq (json_object_get_string_member (f, "type"), "Feature");
      ck_assert_int_eq (json_object_get_int_member (f, "id"), i + 1);
      JsonObject *g = json_object_get_object_member (f, "geometry");
      ck_assert_str_eq (json_object_get_string_member (g, "type"), "MultiLineString");
      JsonArray *lines = json_object_get_array_member (g, "coordinates");
      JsonArray *first_line = json_array_get_array_element (lines, 0);
      JsonArray *p0 = json_array_get_array_element (first_line, 0);
      if (i > 0)
        {
          ck_assert_double_eq_tol (json_array_get_double_element (p0, 0), last[0], 1e-6);
          ck_assert_double_eq_tol (json_array_get_double_element (p0, 1), last[1], 1e-6);
        }
      JsonArray *last_line
        = json_array_get_array_element (lines, json_array_get_length (lines) - 1);
      JsonArray *pn
        = json_array_get_array_element (last_line, json_array_get_length (last_line) - 1);
      last[0] = json_array_get_double_element (pn, 0);
      last[1] = json_array_get_double_element (pn, 1);
      km += json_object_get_double_member (json_object_get_object_member (f, "properties"),
                                           "length_km");
    }
  tt_run_clear (&r);
  r = tt_run_tnet ("route", "z_weidu", "z_yuzhou", "--format", "json", "--data", data, NULL);
  ck_assert_int_eq (r.status, 0);
  g_autoptr (JsonParser) p2 = parse (r.out);
  JsonObject *o = json_node_get_object (json_parser_get_root (p2));
  /* legs are rounded to 0.1 km each */
  ck_assert_double_eq_tol (km, json_object_get_double_member (o, "total_km"), 0.05 * n + 0.001);
  tt_run_clear (&r);
}
END_TEST

/* Occurrences of @needle in @hay. */
static guint
count (const char *hay, const char *needle)
{
  guint n = 0;
  for (const char *p = strstr (hay, needle); p; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* A closed link stays on the map, dashed in red (the only 7-on-5 dash the
 * map uses), with a legend sample; without closures there is none. */
START_TEST (test_map_closed)
{
  ck_assert (tnet_map_supported ());
  GError *error = NULL;
  g_autofree char *data = tt_source_path ("data/xuchang");
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (data, &error);
  ck_assert_ptr_nonnull (net);
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *open_svg = g_build_filename (dir, "open.svg", NULL);
  g_autofree char *closed_svg = g_build_filename (dir, "closed.svg", NULL);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  TnetMap *map = tnet_map_new (net, scen);
  ck_assert (tnet_map_save (map, open_svg, &error));
  tnet_map_free (map);
  tnet_scenario_close_link (scen, "l_s320_03");
  tnet_scenario_close_link (scen, "l_zn_06");
  ck_assert (!tnet_scenario_link_active (scen, net, tnet_network_find_link (net, "l_zn_06")));
  ck_assert (tnet_scenario_link_closed (scen, net, tnet_network_find_link (net, "l_zn_06")));
  map = tnet_map_new (net, scen);
  ck_assert (tnet_map_save (map, closed_svg, &error));
  tnet_map_free (map);
  g_autofree char *a = NULL, *b = NULL;
  ck_assert (g_file_get_contents (open_svg, &a, NULL, NULL));
  ck_assert (g_file_get_contents (closed_svg, &b, NULL, NULL));
  /* cairo writes the red as percentages of 214, 40, 40 */
  const char *red = "stroke:rgb(83.921569%,15.686275%,15.686275%)";
  const char *dash = "stroke-dasharray:7,5;";
  ck_assert_uint_eq (count (a, dash), 0);
  /* two links, each one stroke (their polylines, or chords) */
  ck_assert_uint_eq (count (b, dash), 2);
  ck_assert_uint_gt (count (b, red), count (a, red));
  tt_rm_rf (dir);
}
END_TEST

/* Critical links are named on the map by their line, once per line, with
 * the ranks of its links: "LINE #1, 2" beside the first one's badge. */
START_TEST (test_map_critical_names)
{
  GError *error = NULL;
  g_autofree char *data = tt_source_path ("data/xuchang");
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (data, &error);
  ck_assert_ptr_nonnull (net);
  /* two links of one line and one of another, picked from the data */
  TnetId l1 = TNET_ID_NONE, l2 = TNET_ID_NONE, l3 = TNET_ID_NONE;
  for (TnetId i = 0; i < tnet_network_n_links (net) && l3 == TNET_ID_NONE; i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      if (l->line == NULL || !*l->line || l->mode != TNET_MODE_EXPRESSWAY)
        continue;
      if (l1 == TNET_ID_NONE)
        l1 = i;
      else if (l2 == TNET_ID_NONE && strcmp (l->line, tnet_network_link (net, l1)->line) == 0)
        l2 = i;
      else if (l2 != TNET_ID_NONE && strcmp (l->line, tnet_network_link (net, l1)->line) != 0)
        l3 = i;
    }
  ck_assert_uint_ne (l3, TNET_ID_NONE);
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "crit.svg", NULL);
  TnetMap *map = tnet_map_new (net, NULL);
  tnet_map_add_critical_link (map, l1, NULL);
  tnet_map_add_critical_link (map, l3, NULL);
  tnet_map_add_critical_link (map, l2, NULL);
  ck_assert (tnet_map_save (map, path, &error));
  tnet_map_free (map);
  g_autofree char *svg = NULL;
  ck_assert (g_file_get_contents (path, &svg, NULL, NULL));
  g_autofree char *a = g_markup_escape_text (tnet_network_link (net, l1)->line, -1);
  g_autofree char *b = g_markup_escape_text (tnet_network_link (net, l3)->line, -1);
  g_autofree char *want_a = g_strdup_printf (">%s #1, 3</text>", a);
  g_autofree char *want_b = g_strdup_printf (">%s #2</text>", b);
  ck_assert_msg (strstr (svg, want_a), "no %s", want_a);
  ck_assert_msg (strstr (svg, want_b), "no %s", want_b);
  tt_rm_rf (dir);
}
END_TEST

/* `tnet map` writes the folder's credit (plan.ini [plan] credit) and the
 * day it was drawn, SOURCE_DATE_EPOCH's when set, in the footer. */
START_TEST (test_map_credit)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetDataset) ds = tnet_dataset_load (data, NULL, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "");
  const char *credit = tnet_plan_get_credit (tnet_dataset_get_plan (ds));
  ck_assert_ptr_nonnull (credit);
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *svg = g_build_filename (dir, "m.svg", NULL);
  g_setenv ("SOURCE_DATE_EPOCH", "1700000000", TRUE);  /* 2023-11-14 22:13 UTC */
  TtRun r = tt_run_tnet ("map", "-o", svg, "--data", data, NULL);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  ck_assert_msg (r.status == 0, "%s", r.err);
  tt_run_clear (&r);
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (svg, &text, NULL, NULL));
  /* the footer's lines joined again give the credit line */
  g_autoptr (GString) footer = g_string_new (NULL);
  for (const char *p = strstr (text, ">数据 data: "); p && *p == '>'; )
    {
      const char *end = strstr (p, "</text>");
      g_string_append_len (footer, p + 1, end - p - 1);
      const char *next = strstr (end, "<text ");
      p = next ? strchr (next, '>') : NULL;
      if (p && (g_str_has_prefix (p, ">scenario") || strstr (footer->str, "drawn")))
        break;
      g_string_append_c (footer, ' ');
    }
  g_autofree char *escaped = g_markup_escape_text (credit, -1);
  g_autofree char *want = g_strdup_printf ("数据 data: %s · drawn 2023-11-14", escaped);
  ck_assert_str_eq (footer->str, want);
  tt_rm_rf (dir);
}
END_TEST

/* The SVG of @map as a string (a temporary file). */
static char *
map_svg (TnetMap *map)
{
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "m.svg", NULL);
  GError *error = NULL;
  ck_assert_msg (tnet_map_save (map, path, &error), "%s", error ? error->message : "");
  char *svg = NULL;
  ck_assert (g_file_get_contents (path, &svg, NULL, NULL));
  tt_rm_rf (dir);
  return svg;
}

/* The legend speaks the map's languages: English unless told (an OSM
 * import of any city), "方式 Mode" for zh;en (the bundled plan's
 * map_languages), the order as given; an unknown code is refused and leaves
 * the map as it was. The "Places" rows list only what the map draws. */
START_TEST (test_map_languages)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetDataset) ds = tnet_dataset_load (data, NULL, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "");
  const char *const *langs = tnet_plan_get_map_languages (tnet_dataset_get_plan (ds));
  ck_assert (langs && g_strv_length ((char **) langs) == 2);
  ck_assert_str_eq (langs[0], "zh");
  ck_assert_str_eq (langs[1], "en");
  /* the plan checks codes on its own, below the render layer: the same set */
  ck_assert (tnet_map_language_known ("zh") && tnet_map_language_known ("en"));
  ck_assert (!tnet_map_language_known ("fr") && !tnet_map_language_known (NULL));
  const TnetNetwork *net = tnet_dataset_get_network (ds);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);

  TnetMap *map = tnet_map_new (net, scen);
  g_autofree char *en = map_svg (map);
  ck_assert (strstr (en, ">Mode</text>") && !strstr (en, "方式"));
  ck_assert (strstr (en, ">expressway</text>") && !strstr (en, "高速公路"));
  ck_assert (strstr (en, ">zone (size: population)</text>"));
  ck_assert (strstr (en, ">high-speed rail station</text>"));
  g_autofree char *l0 = tnet_map_label (map, "路网", "network");
  ck_assert_str_eq (l0, "network");

  static const char *const zh_en[] = { "zh", "en", NULL };
  ck_assert (tnet_map_set_languages (map, zh_en, &error));
  g_autofree char *both = map_svg (map);
  ck_assert (strstr (both, ">方式 Mode</text>"));
  ck_assert (strstr (both, ">高速公路 expressway</text>"));
  static const char *const en_zh[] = { "en", "zh", NULL };
  ck_assert (tnet_map_set_languages (map, en_zh, &error));
  g_autofree char *l1 = tnet_map_label (map, "路网", "network");
  ck_assert_str_eq (l1, "network 路网");
  static const char *const bad[] = { "zh", "fr", NULL };
  ck_assert (!tnet_map_set_languages (map, bad, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "unknown map language \"fr\"");
  g_autofree char *l2 = tnet_map_label (map, "路网", "network");
  ck_assert_str_eq (l2, "network 路网");
  static const char *const zh[] = { "zh", NULL };
  ck_assert (tnet_map_set_languages (map, zh, &error));
  g_autofree char *l3 = tnet_map_label (map, "路网", "network");
  ck_assert_str_eq (l3, "路网");
  tnet_map_free (map);

  /* an isochrone map draws no zone circles: no zone row in its legend */
  guint n = tnet_network_n_nodes (net);
  g_autofree TnetWeight *node_ms = g_new (TnetWeight, n);
  for (guint i = 0; i < n; i++)
    node_ms[i] = 10 * 60000;
  map = tnet_map_new (net, scen);
  tnet_map_set_isochrone (map, node_ms, n, 60 * 60000, 0);
  g_autofree char *iso = map_svg (map);
  ck_assert (!strstr (iso, "zone (size: population)"));
  ck_assert (strstr (iso, ">Travel time</text>"));
  tnet_map_free (map);
}
END_TEST

/* The isochrone map fills its four bands: one translucent fill in each band
 * colour (cairo writes them as percentages of the RGB bytes). */
START_TEST (test_map_bands)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *svg = g_build_filename (dir, "iso.svg", NULL);
  TtRun r = tt_run_tnet ("map", "--layer", "isochrone", "--from", "z_weidu", "--minutes", "60",
                         "-o", svg, "--data", data, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  tt_run_clear (&r);
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (svg, &text, NULL, NULL));
  static const guint32 colors[4] = { 0x1a9850, 0x91cf60, 0xfee08b, 0xfc8d59 };
  for (guint b = 0; b < 4; b++)
    {
      guint rr = colors[b] >> 16, gg = (colors[b] >> 8) & 0xff, bb = colors[b] & 0xff;
      g_autofree char *fill = g_strdup_printf ("fill:rgb(%.6f%%,%.6f%%,%.6f%%);fill-opacity:0.35;",
                              rr / 2.55, gg / 2.55, bb / 2.55);
      ck_assert_msg (count (text, fill) == 1, "band %u: %s", b, fill);
    }
  tt_rm_rf (dir);
}
END_TEST

typedef struct {
  double x0, y0, x1, y1;
  double size;
  gboolean bold;
  char *text;
} SvgText;

static void
svg_text_free (gpointer p)
{
  SvgText *t = p;
  g_free (t->text);
  g_free (t);
}

/* The <text> elements of @svg, each with its box: from its x (start) and
 * y (baseline), font size and weight, the width of its text measured here
 * with cairo in the font the SVG names, 0.8 em above the baseline and 0.2
 * em below. */
static GPtrArray *
svg_texts (const char *svg)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (svg_text_free);
  cairo_surface_t *surf = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 4, 4);
  cairo_t *cr = cairo_create (surf);
  for (const char *p = strstr (svg, "<text "); p; p = strstr (p + 1, "<text "))
    {
      const char *gt = strchr (p, '>'), *end = strstr (p, "</text>");
      ck_assert (gt && end && gt < end);
      g_autofree char *tag = g_strndup (p, gt - p);
      SvgText *t = g_new0 (SvgText, 1);
      const char *a;
      ck_assert ((a = strstr (tag, " x=\"")) != NULL);
      t->x0 = g_ascii_strtod (a + 4, NULL);
      ck_assert ((a = strstr (tag, " y=\"")) != NULL);
      double y = g_ascii_strtod (a + 4, NULL);
      ck_assert ((a = strstr (tag, " font-size=\"")) != NULL);
      t->size = g_ascii_strtod (a + 12, NULL);
      t->bold = strstr (tag, " font-weight=\"bold\"") != NULL;
      g_autofree char *raw = g_strndup (gt + 1, end - gt - 1);
      /* the writer escapes &, < and > only */
      g_autoptr (GString) txt = g_string_new (raw);
      g_string_replace (txt, "&lt;", "<", 0);
      g_string_replace (txt, "&gt;", ">", 0);
      g_string_replace (txt, "&amp;", "&", 0);
      t->text = g_string_free (g_steal_pointer (&txt), FALSE);
      cairo_select_font_face (cr, "WenQuanYi Micro Hei", CAIRO_FONT_SLANT_NORMAL,
                              t->bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, t->size);
      cairo_text_extents_t ext;
      cairo_text_extents (cr, t->text, &ext);
      t->x1 = t->x0 + ext.x_advance;
      t->y0 = y - 0.8 * t->size;
      t->y1 = y + 0.2 * t->size;
      g_ptr_array_add (out, t);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surf);
  return out;
}

/* Every layer `tnet map` draws of the bundled data (network, isochrone,
 * corridors, structures) has route-number shields: on each, the shields'
 * numbers (9.5 px bold text) are route numbers of expressways and trunk
 * roads the scenario has open, worked out here from the links (the first
 * word of the line: capitals, an optional hyphen, digits), and no two text
 * boxes of the map overlap (labels, shields, badges, legend, title). */
START_TEST (test_map_layers_shields_labels)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (data, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  g_autoptr (GHashTable) refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (TnetId i = 0; i < tnet_network_n_links (net); i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      if ((l->mode != TNET_MODE_EXPRESSWAY && l->mode != TNET_MODE_TRUNK) || l->line == NULL
          || !tnet_scenario_link_active (scen, net, i))
        continue;
      gsize n = strcspn (l->line, " "), k = 0;
      while (k < n && g_ascii_isupper (l->line[k]))
        k++;
      gsize letters = k;
      if (k < n && l->line[k] == '-')
        k++;
      gsize d0 = k;
      while (k < n && g_ascii_isdigit (l->line[k]))
        k++;
      gsize digits = k - d0;
      if (k < n && g_ascii_isupper (l->line[k]))
        k++;
      if (k == n && letters >= 1 && letters <= 3 && digits >= 1 && digits <= 4)
        g_hash_table_add (refs, g_strndup (l->line, n));
    }
  ck_assert_uint_gt (g_hash_table_size (refs), 2);
  g_autofree char *dir = tt_mkdtemp ();
  const char *const layers[][6] = {
    { "network", NULL },
    { "isochrone", "--from", "z_weidu", "--minutes", "60", NULL },
    { "corridors", "z_weidu", "zz_center", "--critical", "5", NULL },
    { "structures", NULL },
  };
  for (guint k = 0; k < G_N_ELEMENTS (layers); k++)
    {
      g_autofree char *svg_path = g_strdup_printf ("%s/%s.svg", dir, layers[k][0]);
      const char *args[16] = { "map", "--layer", layers[k][0] };
      guint na = 3;
      for (guint j = 1; layers[k][j]; j++)
        args[na++] = layers[k][j];
      args[na++] = "--scenario";
      args[na++] = "2025";
      args[na++] = "--data";
      args[na++] = data;
      args[na++] = "-o";
      args[na++] = svg_path;
      args[na] = NULL;
      TtRun r = tt_run_tnetv (args);
      ck_assert_msg (r.status == 0, "%s: %s", layers[k][0], r.err);
      tt_run_clear (&r);
      g_autofree char *svg = NULL;
      ck_assert (g_file_get_contents (svg_path, &svg, NULL, NULL));
      g_autoptr (GPtrArray) texts = svg_texts (svg);
      g_autoptr (GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
      guint n_shields = 0;
      for (guint i = 0; i < texts->len; i++)
        {
          SvgText *t = texts->pdata[i];
          if (!t->bold || fabs (t->size - 9.5) > 1e-9)
            continue;
          ck_assert_msg (g_hash_table_contains (refs, t->text), "%s: shield %s",
                         layers[k][0], t->text);
          g_hash_table_add (shown, t->text);
          n_shields++;
        }
      ck_assert_msg (n_shields > 0, "%s: no shield", layers[k][0]);
      /* most route numbers are shown on every layer */
      ck_assert_msg (g_hash_table_size (shown) * 5 >= g_hash_table_size (refs) * 4,
                     "%s: %u of %u route numbers", layers[k][0], g_hash_table_size (shown),
                     g_hash_table_size (refs));
      for (guint i = 0; i < texts->len; i++)
        for (guint j = i + 1; j < texts->len; j++)
          {
            SvgText *a = texts->pdata[i], *b = texts->pdata[j];
            gboolean overlap = a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1
                               && b->y0 < a->y1;
            ck_assert_msg (!overlap, "%s: \"%s\" (%.1f, %.1f) overlaps \"%s\" (%.1f, %.1f)",
                           layers[k][0], a->text, a->x0, a->y0, b->text, b->x0, b->y0);
          }
    }
  tt_rm_rf (dir);
}
END_TEST

/* The SVG's text is real <text> elements, not glyph outlines: every zone
 * label the map shows is searchable as its name (Chinese included), each
 * element names the CJK font, and the closure's legend entry is there. */
START_TEST (test_map_svg_text)
{
  GError *error = NULL;
  g_autofree char *data = tt_source_path ("data/xuchang");
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (data, &error);
  ck_assert_ptr_nonnull (net);
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "map.svg", NULL);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  tnet_scenario_close_link (scen, tnet_network_link (net, 0)->id);
  TnetMap *map = tnet_map_new (net, scen);
  tnet_map_set_title (map, "标题 <title> & more", NULL);
  static const char *const zh_en[] = { "zh", "en", NULL };   /* the legend in both */
  ck_assert (tnet_map_set_languages (map, zh_en, &error));
  ck_assert (tnet_map_save (map, path, &error));
  tnet_map_free (map);
  g_autofree char *svg = NULL;
  ck_assert (g_file_get_contents (path, &svg, NULL, NULL));
  ck_assert_uint_eq (count (svg, "<symbol"), 0);
  guint n_text = count (svg, "<text ");
  ck_assert_uint_gt (n_text, 10);
  ck_assert_uint_eq (count (svg, "font-family=\"'WenQuanYi Micro Hei'"), n_text);
  ck_assert_uint_eq (count (svg, "</text>"), n_text);
  ck_assert_ptr_nonnull (strstr (svg, ">标题 &lt;title&gt; &amp; more</text>"));
  ck_assert_ptr_nonnull (strstr (svg, ">封闭 closed</text>"));
  /* the largest zone is labelled first, so it is always on the map */
  const TnetNode *big = NULL;
  for (TnetId v = 0; v < tnet_network_n_nodes (net); v++)
    {
      const TnetNode *n = tnet_network_node (net, v);
      if (n->kind == TNET_NODE_ZONE && (big == NULL || n->population > big->population))
        big = n;
    }
  ck_assert_ptr_nonnull (big);
  g_autofree char *label = g_strdup_printf (">%s</text>", big->name);
  ck_assert_msg (strstr (svg, label) != NULL, "no label %s", label);
  /* route numbers in shields: at least three of the numbers of the
   * expressways and trunk roads (the first word of their line, "G4 ..."),
   * bold on a shield's colour, and a legend row */
  g_autoptr (GHashTable) refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (TnetId i = 0; i < tnet_network_n_links (net); i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      if ((l->mode == TNET_MODE_EXPRESSWAY || l->mode == TNET_MODE_TRUNK) && l->line
          && g_ascii_isupper (l->line[0]) && g_ascii_isdigit (l->line[1]))
        g_hash_table_add (refs, g_strndup (l->line, strcspn (l->line, " ")));
    }
  ck_assert_uint_gt (g_hash_table_size (refs), 2);
  guint shown = 0;
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, refs);
  while (g_hash_table_iter_next (&it, &key, NULL))
    {
      g_autofree char *t = g_strdup_printf (" font-weight=\"bold\" fill=\"#ffffff\" "
                                            "xml:space=\"preserve\">%s</text>",
                                            (const char *) key);
      g_autofree char *t2 = g_strdup_printf (" font-weight=\"bold\" fill=\"#111111\" "
                                             "xml:space=\"preserve\">%s</text>",
                                             (const char *) key);
      shown += strstr (svg, t) != NULL || strstr (svg, t2) != NULL;
    }
  ck_assert_uint_ge (shown, 3);
  ck_assert_ptr_nonnull (strstr (svg, ">路线编号 route number</text>"));
  /* a long credit wraps to at most three footer lines, the last cut with
   * an ellipsis; every word shown is the credit's */
  g_autofree char *credit_svg = g_build_filename (dir, "credit.svg", NULL);
  map = tnet_map_new (net, scen);
  g_autoptr (GString) credit = g_string_new ("data:");
  for (guint k = 0; k < 60; k++)
    g_string_append_printf (credit, " source%u", k);
  tnet_map_set_credit (map, credit->str);
  ck_assert (tnet_map_save (map, credit_svg, &error));
  tnet_map_free (map);
  g_autofree char *ctext = NULL;
  ck_assert (g_file_get_contents (credit_svg, &ctext, NULL, NULL));
  ck_assert_ptr_nonnull (strstr (ctext, ">data: source0 source1"));
  ck_assert_uint_eq (count (ctext, "…</text>"), 1);
  ck_assert_ptr_null (strstr (ctext, "source59"));
  guint credit_lines = count (ctext, ">data: ") + count (ctext, ">source");
  ck_assert_uint_eq (credit_lines, 3);
  /* a PNG of the same map still draws its text */
  g_autofree char *png = g_build_filename (dir, "map.png", NULL);
  map = tnet_map_new (net, scen);
  ck_assert (tnet_map_save (map, png, &error));
  tnet_map_free (map);
  ck_assert (g_file_test (png, G_FILE_TEST_EXISTS));
  tt_rm_rf (dir);
}
END_TEST

static Suite *
isochrone_suite (void)
{
  Suite *s = suite_create ("isochrone");
  TCase *tc = tcase_create ("bands");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_single_link_area);
  tcase_add_test (tc, test_bad_input);
  tcase_add_test (tc, test_zones_json);
  tcase_add_test (tc, test_budget_ms);
  tcase_add_test (tc, test_link_geometry);
  tcase_add_test (tc, test_cli_bands_population);
  tcase_add_test (tc, test_geojson_isochrone);
  tcase_add_test (tc, test_cli_isochrone_layers);
  tcase_add_test (tc, test_route_geojson);
  tcase_add_test (tc, test_map_closed);
  tcase_add_test (tc, test_map_bands);
  tcase_add_test (tc, test_map_svg_text);
  tcase_add_test (tc, test_map_layers_shields_labels);
  tcase_add_test (tc, test_map_credit);
  tcase_add_test (tc, test_map_languages);
  tcase_add_test (tc, test_map_critical_names);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return tt_run_suite (isochrone_suite ());
}
