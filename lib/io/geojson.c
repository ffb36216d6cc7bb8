/* geojson.c: GeoJSON writers (json-glib), RFC 7946 [lon, lat] order. */
#include "tnet-internal.h"
#include "json-text.h"
#include "geojson-shapes.h"
#include <tnet/tnet-geojson.h>
#include <json-glib/json-glib.h>

static void
add_coord (JsonBuilder *b, const TnetNode *nd)
{
  json_builder_begin_array (b);
  /* 1e-6 degree is about 0.1 m: plenty, and keeps files small */
  json_builder_add_double_value (b, round (nd->lon * 1e6) / 1e6);
  json_builder_add_double_value (b, round (nd->lat * 1e6) / 1e6);
  json_builder_end_array (b);
}

/* Minutes with one decimal, as every output shows times. */
static double
ms_to_min1 (TnetWeight ms)
{
  return round (ms / 6000.0) / 10.0;
}

/* The coordinates of link @i: its polyline (tnet_network_link_geometry())
 * when it has one, else the straight line between its nodes. */
static void
add_link_coords (JsonBuilder *b, const TnetNetwork *net, TnetId i, gboolean reversed)
{
  const TnetLink *l = tnet_network_link (net, i);
  guint np = 0;
  const double *g = tnet_network_link_geometry (net, i, &np);
  json_builder_begin_array (b);
  if (g)
    for (guint k = 0; k < np; k++)
      {
        guint j = reversed ? np - 1 - k : k;
        json_builder_begin_array (b);
        json_builder_add_double_value (b, round (g[2 * j] * 1e6) / 1e6);
        json_builder_add_double_value (b, round (g[2 * j + 1] * 1e6) / 1e6);
        json_builder_end_array (b);
      }
  else
    {
      add_coord (b, tnet_network_node (net, reversed ? l->to : l->from));
      add_coord (b, tnet_network_node (net, reversed ? l->from : l->to));
    }
  json_builder_end_array (b);
}

/* Opens a Feature and its geometry of @type, up to the "coordinates" member. */
static void
begin_feature (JsonBuilder *b, const char *type)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "Feature");
  json_builder_set_member_name (b, "geometry");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, type);
  json_builder_set_member_name (b, "coordinates");
}

/* Closes the geometry and opens the Feature's properties. */
static void
begin_properties (JsonBuilder *b)
{
  json_builder_end_object (b);
  json_builder_set_member_name (b, "properties");
  json_builder_begin_object (b);
}

/* A link's LineString; @from_ms and @to_ms, the times at its ends, are
 * written (with the later as `minutes`) unless TNET_WEIGHT_INF. */
static void
add_link_feature (JsonBuilder *b, const TnetNetwork *net, const TnetScenario *scen,
                  TnetId i, TnetWeight from_ms, TnetWeight to_ms)
{
  const TnetLink *l = tnet_network_link (net, i);
  begin_feature (b, "LineString");
  add_link_coords (b, net, i, FALSE);
  begin_properties (b);
  tnet_i_json_add_string (b, "id", l->id);
  tnet_i_json_add_string (b, "line", l->line);
  tnet_i_json_add_string (b, "mode", tnet_mode_to_string (l->mode));
  tnet_i_json_add_string (b, "status", tnet_status_to_string (l->status));
  json_builder_set_member_name (b, "open_year");
  if (l->open_year > 0)
    json_builder_add_int_value (b, l->open_year);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "length_km");
  json_builder_add_double_value (b, round (l->length_m) / 1000.0);
  if (scen != NULL)
    {
      json_builder_set_member_name (b, "time_min");
      json_builder_add_double_value (b, round (tnet_scenario_link_time_ms (scen, net, i)
                                               / 6000.0) / 10.0);
    }
  if (from_ms != TNET_WEIGHT_INF && to_ms != TNET_WEIGHT_INF)
    {
      json_builder_set_member_name (b, "from_minutes");
      json_builder_add_double_value (b, ms_to_min1 (from_ms));
      json_builder_set_member_name (b, "to_minutes");
      json_builder_add_double_value (b, ms_to_min1 (to_ms));
      json_builder_set_member_name (b, "minutes");
      json_builder_add_double_value (b, ms_to_min1 (MAX (from_ms, to_ms)));
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, l->id);
  json_builder_end_object (b);
}

/* A node's Point; @ms, its time, is written unless TNET_WEIGHT_INF. */
static void
add_node_feature (JsonBuilder *b, const TnetNetwork *net, TnetId i, TnetWeight ms)
{
  const TnetNode *nd = tnet_network_node (net, i);
  begin_feature (b, "Point");
  add_coord (b, nd);
  begin_properties (b);
  tnet_i_json_add_string (b, "id", nd->id);
  tnet_i_json_add_string (b, "name", nd->name);
  tnet_i_json_add_string (b, "name_en", nd->name_en);
  tnet_i_json_add_string (b, "kind", tnet_node_kind_to_string (nd->kind));
  tnet_i_json_add_string (b, "region", nd->region);
  json_builder_set_member_name (b, "population");
  json_builder_add_double_value (b, nd->population);
  if (ms != TNET_WEIGHT_INF)
    {
      json_builder_set_member_name (b, "minutes");
      json_builder_add_double_value (b, ms_to_min1 (ms));
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, nd->id);
  json_builder_end_object (b);
}

char *
tnet_i_geojson_collection_finish (JsonBuilder *b)
{
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return tnet_json_to_text (root, 1);
}

JsonBuilder *
tnet_i_geojson_collection_new (void)
{
  JsonBuilder *b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "FeatureCollection");
  return b;
}

static void
begin_features (JsonBuilder *b)
{
  json_builder_set_member_name (b, "features");
  json_builder_begin_array (b);
}

char *
tnet_geojson_network (const TnetNetwork *net, const TnetScenario *scen)
{
  g_return_val_if_fail (net != NULL, NULL);
  g_autoptr (JsonBuilder) b = tnet_i_geojson_collection_new ();
  begin_features (b);
  guint n = tnet_network_n_nodes (net), m = tnet_network_n_links (net);
  for (guint i = 0; i < m; i++)
    if (scen == NULL || tnet_scenario_link_active (scen, net, i))
      add_link_feature (b, net, scen, i, TNET_WEIGHT_INF, TNET_WEIGHT_INF);
  for (guint i = 0; i < n; i++)
    {
      const TnetNode *nd = tnet_network_node (net, i);
      if (nd->kind == TNET_NODE_ZONE || nd->kind == TNET_NODE_STATION)
        add_node_feature (b, net, i, TNET_WEIGHT_INF);
    }
  return tnet_i_geojson_collection_finish (b);
}

char *
tnet_geojson_isochrone (const TnetNetwork *net, const TnetScenario *scen,
                        const TnetWeight *node_ms, TnetWeight budget_ms, const char *from,
                        const char *profile, TnetGeojsonLayers layers)
{
  g_return_val_if_fail (net != NULL && node_ms != NULL, NULL);
  g_return_val_if_fail (budget_ms < TNET_WEIGHT_INF, NULL);
  g_autoptr (JsonBuilder) b = tnet_i_geojson_collection_new ();
  json_builder_set_member_name (b, "properties");
  json_builder_begin_object (b);
  if (from != NULL)
    tnet_i_json_add_string (b, "from", from);
  if (profile != NULL)
    tnet_i_json_add_string (b, "profile", profile);
  json_builder_set_member_name (b, "minutes");
  json_builder_add_double_value (b, round (budget_ms / 6000.0) / 10.0);
  if (scen != NULL)
    {
      json_builder_set_member_name (b, "scenario");
      json_builder_add_int_value (b, tnet_scenario_get_year (scen));
    }
  json_builder_end_object (b);
  begin_features (b);
  guint n = tnet_network_n_nodes (net), m = tnet_network_n_links (net);
  if (layers & TNET_GEOJSON_POINTS)
    for (TnetId v = 0; v < n; v++)
      if (node_ms[v] <= budget_ms)
        add_node_feature (b, net, v, node_ms[v]);
  if (layers & TNET_GEOJSON_LINES)
    for (TnetId i = 0; i < m; i++)
      {
        const TnetLink *l = tnet_network_link (net, i);
        if ((scen == NULL || tnet_scenario_link_active (scen, net, i))
            && node_ms[l->from] <= budget_ms && node_ms[l->to] <= budget_ms)
          add_link_feature (b, net, scen, i, node_ms[l->from], node_ms[l->to]);
      }
  return tnet_i_geojson_collection_finish (b);
}

char *
tnet_geojson_paths (const TnetNetwork *net, const TnetId *const *paths,
                    const guint *path_len, guint n_paths, const char *const *labels)
{
  g_return_val_if_fail (net != NULL, NULL);
  g_return_val_if_fail (n_paths == 0 || (paths != NULL && path_len != NULL), NULL);
  g_autoptr (JsonBuilder) b = tnet_i_geojson_collection_new ();
  begin_features (b);
  guint m = tnet_network_n_links (net);
  TnetId prev_end = TNET_ID_NONE;
  for (guint p = 0; p < n_paths; p++)
    {
      double km = 0;
      begin_feature (b, "MultiLineString");
      json_builder_begin_array (b);
      /* each link in the direction of travel: the path starts where the
       * previous path ended (the legs of a route) when its first link
       * touches that node, else at the end of its first link that the
       * second one does not share */
      TnetId at = TNET_ID_NONE;
      if (path_len[p] > 0)
        {
          g_return_val_if_fail (paths[p][0] < m, NULL);
          const TnetLink *l0 = tnet_network_link (net, paths[p][0]);
          at = l0->from;
          if (prev_end != TNET_ID_NONE && (l0->from == prev_end || l0->to == prev_end))
            at = prev_end;
          else if (path_len[p] > 1 && paths[p][1] < m)
            {
              const TnetLink *l1 = tnet_network_link (net, paths[p][1]);
              if (l0->from == l1->from || l0->from == l1->to)
                at = l0->to;
            }
        }
      for (guint k = 0; k < path_len[p]; k++)
        {
          g_return_val_if_fail (paths[p][k] < m, NULL);
          const TnetLink *l = tnet_network_link (net, paths[p][k]);
          gboolean reversed = l->from != at && l->to == at;
          add_link_coords (b, net, paths[p][k], reversed);
          at = reversed ? l->from : l->to;
          prev_end = at;
          km += l->length_m / 1000.0;
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, p + 1);
      json_builder_set_member_name (b, "properties");
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rank");
      json_builder_add_int_value (b, p + 1);
      tnet_i_json_add_string (b, "label", labels ? labels[p] : NULL);
      json_builder_set_member_name (b, "links");
      json_builder_begin_array (b);
      for (guint k = 0; k < path_len[p]; k++)
        json_builder_add_string_value (b, tnet_network_link (net, paths[p][k])->id);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "length_km");
      json_builder_add_double_value (b, round (km * 10) / 10);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  return tnet_i_geojson_collection_finish (b);
}

/* ------------------------------------------- shapes for the result writers */

static double
deg6 (double v)
{
  return round (v * 1e6) / 1e6;
}

void
tnet_i_geojson_positions (JsonBuilder *b, const double *lonlat, guint n_points)
{
  json_builder_begin_array (b);
  for (guint k = 0; k < n_points; k++)
    {
      json_builder_begin_array (b);
      json_builder_add_double_value (b, lonlat[2 * k]);
      json_builder_add_double_value (b, lonlat[2 * k + 1]);
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
}

void
tnet_i_geojson_point (JsonBuilder *b, double lon, double lat)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "Point");
  json_builder_set_member_name (b, "coordinates");
  json_builder_begin_array (b);
  json_builder_add_double_value (b, deg6 (lon));
  json_builder_add_double_value (b, deg6 (lat));
  json_builder_end_array (b);
  json_builder_end_object (b);
}

void
tnet_i_geojson_line (JsonBuilder *b, const double *lonlat, guint n_points)
{
  /* rounded first, so that points equal after rounding count as repeats */
  g_autoptr (GArray) pts = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n_points);
  for (guint k = 0; k < n_points; k++)
    {
      double x = deg6 (lonlat[2 * k]), y = deg6 (lonlat[2 * k + 1]);
      guint n = pts->len;
      if (n >= 2 && g_array_index (pts, double, n - 2) == x
          && g_array_index (pts, double, n - 1) == y)
        continue;
      g_array_append_val (pts, x);
      g_array_append_val (pts, y);
    }
  if (pts->len < 4)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "LineString");
  json_builder_set_member_name (b, "coordinates");
  tnet_i_geojson_positions (b, (const double *) (void *) pts->data, pts->len / 2);
  json_builder_end_object (b);
}

/* Appends link @i's points to @pts, from its to node when @reversed. */
static void
append_link_points (GArray *pts, const TnetNetwork *net, TnetId i, gboolean reversed)
{
  const TnetLink *l = tnet_network_link (net, i);
  guint np = 0;
  const double *g = tnet_network_link_geometry (net, i, &np);
  const TnetNode *ends[2] = { tnet_network_node (net, l->from), tnet_network_node (net, l->to) };
  guint n = g ? np : 2;
  for (guint k = 0; k < n; k++)
    {
      guint j = reversed ? n - 1 - k : k;
      double xy[2] = { g ? g[2 * j] : ends[j]->lon, g ? g[2 * j + 1] : ends[j]->lat };
      g_array_append_vals (pts, xy, 2);
    }
}

void
tnet_i_geojson_links_line (JsonBuilder *b, const TnetNetwork *net, const TnetId *links,
                           guint n_links, TnetId start)
{
  g_autoptr (GArray) pts = g_array_new (FALSE, FALSE, sizeof (double));
  TnetId at = start;  /* the node the line has reached */
  for (guint k = 0; k < n_links; k++)
    {
      const TnetLink *l = tnet_network_link (net, links[k]);
      gboolean reversed;
      if (at != TNET_ID_NONE && (l->from == at || l->to == at))
        reversed = l->from != at;
      else if (k + 1 < n_links)
        {
          /* the first link, or one after a gap: end where the next begins */
          const TnetLink *nx = tnet_network_link (net, links[k + 1]);
          reversed = l->from == nx->from || l->from == nx->to;
        }
      else
        reversed = FALSE;
      append_link_points (pts, net, links[k], reversed);
      at = reversed ? l->from : l->to;
    }
  tnet_i_geojson_line (b, (const double *) (void *) pts->data, pts->len / 2);
}

void
tnet_i_geojson_links_multiline (JsonBuilder *b, const TnetNetwork *net, const TnetId *links,
                                guint n_links)
{
  if (n_links == 0)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "MultiLineString");
  json_builder_set_member_name (b, "coordinates");
  json_builder_begin_array (b);
  for (guint k = 0; k < n_links; k++)
    add_link_coords (b, net, links[k], FALSE);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* Appends the rounded points of pattern @pat with coordinates to @pts,
 * consecutive repeats dropped. */
static void
pattern_points (const TnetFeed *feed, const TnetPattern *pat, GArray *pts)
{
  for (guint k = 0; k < pat->n_stops; k++)
    {
      const TnetFeedStop *st = tnet_feed_stop (feed, pat->stops[k]);
      if (!isfinite (st->lon) || !isfinite (st->lat))
        continue;
      double xy[2] = { deg6 (st->lon), deg6 (st->lat) };
      guint n = pts->len;
      if (n >= 2 && g_array_index (pts, double, n - 2) == xy[0]
          && g_array_index (pts, double, n - 1) == xy[1])
        continue;
      g_array_append_vals (pts, xy, 2);
    }
}

guint
tnet_i_geojson_service_stops (JsonBuilder *b, const TnetFeed *feed, const char *line)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint p = 0; feed && line && p < tnet_feed_n_patterns (feed); p++)
    {
      const TnetPattern *pat = tnet_feed_pattern (feed, p);
      if (strcmp (tnet_feed_route_name (feed, pat->route), line) != 0)
        continue;
      GArray *pts = g_array_new (FALSE, FALSE, sizeof (double));
      pattern_points (feed, pat, pts);
      if (pts->len >= 4)
        g_ptr_array_add (parts, pts);
      else
        g_array_unref (pts);
    }
  if (parts->len == 0)
    {
      json_builder_add_null_value (b);
      return 0;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, "MultiLineString");
  json_builder_set_member_name (b, "coordinates");
  json_builder_begin_array (b);
  for (guint i = 0; i < parts->len; i++)
    {
      GArray *pts = parts->pdata[i];
      tnet_i_geojson_positions (b, (const double *) (void *) pts->data, pts->len / 2);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return parts->len;
}
