/* test-search.c: graph construction, Dijkstra (vs igraph and vs itself) and
 * the igraph bridge. */
#include "tnet-internal.h"
#include "tests-common.h"
#include "search-private.h"
#include "lexsearch-internal.h"
#include <tnet/tnet-igraph.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

/* ---------- graphs for the tests ---------- */

typedef struct {
  guint n, m;
  TnetId *tails, *heads;
  TnetWeight *w;
  double *lonlat; /* NULL or 2n */
} ArcSet;

static void
arcset_free (ArcSet *s)
{
  g_free (s->tails);
  g_free (s->heads);
  g_free (s->w);
  g_free (s->lonlat);
}

/* Weights: mostly 1..1000, some 0, a few large. */
static TnetWeight
random_weight (GRand *r)
{
  double p = g_rand_double (r);
  if (p < 0.08)
    return 0;
  if (p < 0.10)
    return (TnetWeight) g_rand_int_range (r, 1000000, 20000000);
  return (TnetWeight) g_rand_int_range (r, 1, 1001);
}

/* Random arcs (with self-loops and parallel arcs), no coordinates. */
static ArcSet
random_arcs (guint n, guint m, guint32 seed)
{
  GRand *r = g_rand_new_with_seed (seed);
  ArcSet s = { n, m, g_new (TnetId, m), g_new (TnetId, m), g_new (TnetWeight, m), NULL };
  for (guint k = 0; k < m; k++)
    {
      if (k > 0 && g_rand_double (r) < 0.03)
        {
          /* a parallel copy of the previous arc with another weight */
          s.tails[k] = s.tails[k - 1];
          s.heads[k] = s.heads[k - 1];
        }
      else
        {
          s.tails[k] = (TnetId) g_rand_int_range (r, 0, (gint32) n);
          s.heads[k] = (TnetId) g_rand_int_range (r, 0, (gint32) n);
        }
      s.w[k] = random_weight (r);
    }
  g_rand_free (r);
  return s;
}

/* A side x side grid with coordinates, most neighbour arcs present in both
 * directions, arcs listed in a shuffled order. */
static ArcSet
grid_arcs (guint side, guint32 seed)
{
  GRand *r = g_rand_new_with_seed (seed);
  guint n = side * side;
  GArray *t = g_array_new (FALSE, FALSE, sizeof (TnetId));
  GArray *h = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (guint y = 0; y < side; y++)
    for (guint x = 0; x < side; x++)
      {
        TnetId v = y * side + x;
        TnetId nb[2] = { x + 1 < side ? v + 1 : TNET_ID_NONE,
                         y + 1 < side ? v + side : TNET_ID_NONE };
        for (int i = 0; i < 2; i++)
          {
            if (nb[i] == TNET_ID_NONE)
              continue;
            if (g_rand_double (r) < 0.9)
              {
                g_array_append_val (t, v);
                g_array_append_val (h, nb[i]);
              }
            if (g_rand_double (r) < 0.9)
              {
                g_array_append_val (t, nb[i]);
                g_array_append_val (h, v);
              }
          }
      }
  ArcSet s = { n, t->len, NULL, NULL, g_new (TnetWeight, t->len), g_new (double, 2 * n) };
  /* shuffle the arc order so the external ids carry no locality */
  for (guint k = t->len; k > 1; k--)
    {
      guint j = (guint) g_rand_int_range (r, 0, (gint32) k);
      TnetId a = g_array_index (t, TnetId, k - 1), b = g_array_index (h, TnetId, k - 1);
      g_array_index (t, TnetId, k - 1) = g_array_index (t, TnetId, j);
      g_array_index (h, TnetId, k - 1) = g_array_index (h, TnetId, j);
      g_array_index (t, TnetId, j) = a;
      g_array_index (h, TnetId, j) = b;
    }
  for (guint k = 0; k < t->len; k++)
    s.w[k] = random_weight (r);
  for (guint v = 0; v < n; v++)
    {
      s.lonlat[2 * v] = 113.8 + 0.001 * (v % side);
      s.lonlat[2 * v + 1] = 34.0 + 0.001 * (v / side);
    }
  s.tails = (TnetId *) g_array_free (t, FALSE);
  s.heads = (TnetId *) g_array_free (h, FALSE);
  g_rand_free (r);
  return s;
}

/* rome99 through the library's DIMACS loader. */
static ArcSet
read_gr (const char *path)
{
  GError *error = NULL;
  TnetArcList *list = tnet_dimacs_load (path, NULL, &error);
  ck_assert_msg (list != NULL, "%s", error ? error->message : "");
  ArcSet s = { list->n_nodes, list->n_arcs,
               g_memdup2 (list->tails, sizeof (TnetId) * list->n_arcs),
               g_memdup2 (list->heads, sizeof (TnetId) * list->n_arcs),
               g_memdup2 (list->weights, sizeof (TnetWeight) * list->n_arcs), NULL };
  tnet_arc_list_free (list);
  return s;
}

static void
build (const ArcSet *s, TnetGraph **g, TnetMetric **metric)
{
  GError *error = NULL;
  *g = tnet_graph_new_from_arcs (s->n, s->m, s->tails, s->heads, NULL, s->lonlat, &error);
  ck_assert_msg (*g != NULL, "%s", error ? error->message : "");
  *metric = tnet_metric_new (*g, s->w, &error);
  ck_assert_msg (*metric != NULL, "%s", error ? error->message : "");
}

/* ---------- the igraph oracle ---------- */

typedef struct {
  igraph_t g;
  igraph_vector_t w;
  igraph_matrix_t res;
} Oracle;

static void
oracle_init (Oracle *o, const TnetGraph *g, const TnetMetric *metric)
{
  GError *error = NULL;
  tnet_igraph_lock ();
  ck_assert_msg (tnet_graph_to_igraph (g, metric, &o->g, &o->w, &error), "%s",
                 error ? error->message : "");
  ck_assert (tnet_igraph_check (igraph_matrix_init (&o->res, 0, 0), "matrix", NULL));
  tnet_igraph_unlock ();
}

static void
oracle_destroy (Oracle *o)
{
  tnet_igraph_lock ();
  igraph_matrix_destroy (&o->res);
  igraph_vector_destroy (&o->w);
  igraph_destroy (&o->g);
  tnet_igraph_unlock ();
}

/* One-to-all distances from @src (out: forward, in: backward) into o->res. */
static void
oracle_run (Oracle *o, TnetId src, igraph_neimode_t mode)
{
  GError *error = NULL;
  tnet_igraph_lock ();
  gboolean ok = tnet_igraph_check (igraph_distances_dijkstra (&o->g, &o->res,
                                                              igraph_vss_1 (src),
                                                              igraph_vss_all (), &o->w,
                                                              mode),
                                   "igraph_distances_dijkstra", &error);
  tnet_igraph_unlock ();
  ck_assert_msg (ok, "%s", error ? error->message : "");
}

/* Compares the last search with the oracle's row; returns the reached count. */
static guint
assert_same_as_oracle (const TnetSearch *s, const Oracle *o, guint n)
{
  guint reached = 0;
  for (TnetId v = 0; v < n; v++)
    {
      double want = MATRIX (o->res, 0, v);
      TnetWeight got = tnet_search_distance (s, v);
      if (want == IGRAPH_INFINITY)
        ck_assert_msg (got == TNET_WEIGHT_INF, "node %u: got %u, igraph: unreachable", v, got);
      else
        {
          ck_assert_msg ((double) got == want, "node %u: got %u, igraph %.0f", v, got, want);
          reached++;
        }
    }
  ck_assert_uint_eq (tnet_search_n_settled (s), reached);
  return reached;
}

/* Distances over the graph's own arcs: the triangle inequality holds on every
 * arc and every reached non-root node has a tight parent arc. */
static void
assert_tree_consistent (const TnetSearch *s, const TnetGraph *g, const TnetMetric *m)
{
  for (TnetId a = 0; a < tnet_graph_n_arcs (g); a++)
    {
      TnetWeight du = tnet_search_distance (s, tnet_graph_arc_tail (g, a));
      TnetWeight dv = tnet_search_distance (s, tnet_graph_arc_head (g, a));
      if (du != TNET_WEIGHT_INF)
        ck_assert_uint_le (dv, du + tnet_metric_weight (m, a));
    }
}

/* ---------- graph construction ---------- */

START_TEST (test_graph_layout)
{
  /* 0->1, 1->2, 2->0, 0->2, 0->1 again (parallel), 3->3 (loop), 4 isolated */
  const TnetId tails[] = { 0, 1, 2, 0, 0, 3 };
  const TnetId heads[] = { 1, 2, 0, 2, 1, 3 };
  const TnetId links[] = { 10, 11, 12, 13, 14, TNET_ID_NONE };
  const TnetWeight w[] = { 5, 6, 7, 8, 9, 1 };
  const double lonlat[] = { 113.8, 34.0, 113.9, 34.1, 113.7, 34.2, 113.8, 34.3, 114.0, 34.0 };
  GError *error = NULL;
  for (int with_coords = 0; with_coords < 2; with_coords++)
    {
      g_autoptr (TnetGraph) g = tnet_graph_new_from_arcs (5, 6, tails, heads, links,
                                                           with_coords ? lonlat : NULL,
                                                           &error);
      ck_assert_ptr_nonnull (g);
      ck_assert_uint_eq (tnet_graph_n_nodes (g), 5);
      ck_assert_uint_eq (tnet_graph_n_arcs (g), 6);
      ck_assert_uint_gt (tnet_graph_memory_bytes (g), 6 * 7 * sizeof (uint32_t));
      for (TnetId k = 0; k < 6; k++)
        {
          ck_assert_uint_eq (tnet_graph_arc_tail (g, k), tails[k]);
          ck_assert_uint_eq (tnet_graph_arc_head (g, k), heads[k]);
          ck_assert_uint_eq (tnet_graph_arc_link (g, k), links[k]);
        }
      /* the view the kernels read (graph-internal.h) holds the builder's
       * arcs, and the CSR invariants: permutations, head order, reverse CSR */
      const TnetICsr *c = tnet_i_graph_csr (g);
      ck_assert_uint_eq (c->n_nodes, 5);
      ck_assert_uint_eq (c->n_arcs, 6);
      ck_assert_ptr_null (c->twin);
      for (TnetId k = 0; k < 6; k++)
        {
          ck_assert_uint_eq (c->to_external[c->arc_tail[c->arc_int[k]]], tails[k]);
          ck_assert_uint_eq (c->to_external[c->head[c->arc_int[k]]], heads[k]);
          ck_assert_uint_eq (c->arc_link[k], links[k]);
        }
      for (guint v = 0; v < 5; v++)
        {
          ck_assert_uint_eq (c->to_internal[c->to_external[v]], v);
          for (uint32_t a = c->first_out[v]; a < c->first_out[v + 1]; a++)
            {
              ck_assert_uint_eq (c->arc_tail[a], v);
              ck_assert_uint_eq (c->arc_int[c->arc_ext[a]], a);
              if (a > c->first_out[v])
                ck_assert_uint_le (c->head[a - 1], c->head[a]);
            }
          for (uint32_t i = c->rfirst_out[v]; i < c->rfirst_out[v + 1]; i++)
            {
              ck_assert_uint_eq (c->head[c->rarc[i]], v);
              ck_assert_uint_eq (c->arc_tail[c->rarc[i]], c->rtail[i]);
            }
        }
      ck_assert_uint_eq (c->first_out[5], 6);
      ck_assert_uint_eq (c->rfirst_out[5], 6);
      if (!with_coords)
        ck_assert_uint_eq (c->to_external[0], 0); /* BFS starts at node 0 */

      g_autoptr (TnetMetric) m = tnet_metric_new (g, w, &error);
      ck_assert_ptr_nonnull (m);
      ck_assert_ptr_eq (tnet_metric_get_graph (m), g);
      for (TnetId k = 0; k < 6; k++)
        ck_assert_uint_eq (tnet_metric_weight (m, k), w[k]);
      const TnetIWeights *mw = tnet_i_metric_weights (m);
      ck_assert_ptr_eq (mw->graph, g);
      ck_assert_ptr_eq (mw->csr, c);
      for (TnetId k = 0; k < 6; k++)
        ck_assert_uint_eq (mw->weight[c->arc_int[k]], w[k]);
      for (uint32_t i = 0; i < 6; i++)
        ck_assert_uint_eq (mw->rweight[i], mw->weight[c->rarc[i]]);
    }
}
END_TEST

/* A const pointer keeps a graph and a metric alive: the references taken
 * through them outlive the builders', and a search works from them. Arcs
 * 0->1 (5 ms), 1->2 (7 ms), 0->2 (20 ms): from 0, node 2 is 5 + 7 = 12 ms
 * away by hand, node 1 is 5 ms. */
START_TEST (test_const_reference)
{
  const TnetId tails[] = { 0, 1, 0 };
  const TnetId heads[] = { 1, 2, 2 };
  const TnetWeight w[] = { 5, 7, 20 };
  GError *error = NULL;
  g_autoptr (TnetGraph) built = tnet_graph_new_from_arcs (3, 3, tails, heads, NULL, NULL, &error);
  ck_assert_msg (built != NULL, "%s", error ? error->message : "");
  const TnetGraph *g = tnet_graph_ref (built);
  ck_assert_ptr_eq (g, built);
  g_clear_pointer (&built, tnet_graph_unref);
  /* only the const reference is left */
  ck_assert_uint_eq (tnet_graph_n_nodes (g), 3);
  ck_assert_uint_eq (tnet_graph_arc_head (g, 1), 2);
  g_autoptr (TnetMetric) made = tnet_metric_new (g, w, &error);
  ck_assert_msg (made != NULL, "%s", error ? error->message : "");
  const TnetMetric *metric = tnet_metric_ref (made);
  g_clear_pointer (&made, tnet_metric_unref);
  TnetSearch *s = tnet_search_new (g);
  /* the metric's and the search's references outlive this one */
  tnet_graph_unref (g);
  ck_assert_ptr_eq (tnet_metric_get_graph (metric), tnet_search_get_graph (s));
  ck_assert_uint_eq (tnet_metric_weight (metric, 2), 20);
  tnet_search_run (s, metric, 0, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
  ck_assert_uint_eq (tnet_search_distance (s, 1), 5);
  ck_assert_uint_eq (tnet_search_distance (s, 2), 12);
  tnet_search_free (s);
  tnet_metric_unref (metric);
}
END_TEST

START_TEST (test_graph_errors)
{
  GError *error = NULL;
  const TnetId tails[] = { 0, 1 };
  const TnetId heads[] = { 1, 2 };
  ck_assert_ptr_null (tnet_graph_new_from_arcs (2, 2, tails, heads, NULL, NULL, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "arc 1: head node 2 out of range");
  ck_assert_ptr_null (tnet_graph_new_from_arcs (2, 2, heads, tails, NULL, NULL, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "arc 1: tail node 2 out of range");
  ck_assert_ptr_null (tnet_graph_new_from_arcs (1u << 31, 0, NULL, NULL, NULL, NULL, &error));
  tt_assert_error (error, TNET_ERROR_TOO_LARGE, "below 2^31");
  const double bad[] = { 113.0, 34.0, NAN, 34.0, 113.0, 34.1 };
  ck_assert_ptr_null (tnet_graph_new_from_arcs (3, 2, tails, heads, NULL, bad, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "node 1: coordinates");

  g_autoptr (TnetGraph) g = tnet_graph_new_from_arcs (3, 2, tails, heads, NULL, NULL, &error);
  ck_assert_ptr_nonnull (g);
  const TnetWeight w[] = { 3, TNET_WEIGHT_MAX + 1 };
  ck_assert_ptr_null (tnet_metric_new (g, w, &error));
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "arc 1: weight");
  const TnetWeight ok[] = { 3, TNET_WEIGHT_MAX };
  g_autoptr (TnetMetric) m = tnet_metric_new (g, ok, &error);
  ck_assert_ptr_nonnull (m);

  /* the empty graph is valid */
  g_autoptr (TnetGraph) empty = tnet_graph_new_from_arcs (0, 0, NULL, NULL, NULL, NULL, &error);
  ck_assert_ptr_nonnull (empty);
  ck_assert_uint_eq (tnet_graph_n_nodes (empty), 0);
}
END_TEST

/* ---------- compiling a network ---------- */

static TnetId
add_node (TnetNetwork *net, const char *id, double lon, double lat)
{
  TnetNode node = { .id = id, .name = id, .kind = TNET_NODE_JUNCTION, .lon = lon, .lat = lat };
  GError *error = NULL;
  TnetId v = tnet_network_add_node (net, &node, &error);
  ck_assert_msg (v != TNET_ID_NONE, "%s", error ? error->message : "");
  return v;
}

static TnetId
add_link (TnetNetwork *net, const char *id, TnetId from, TnetId to, TnetMode mode,
          const char *line, double length_m, gboolean oneway, int open_year)
{
  TnetLink link = { .id = id, .line = line, .from = from, .to = to, .mode = mode,
                    .status = TNET_STATUS_EXISTING, .length_m = length_m,
                    .speed_kmh = 60.0, .time_ms = TNET_WEIGHT_INF, .open_year = open_year,
                    .oneway = oneway };
  GError *error = NULL;
  TnetId l = tnet_network_add_link (net, &link, &error);
  ck_assert_msg (l != TNET_ID_NONE, "%s", error ? error->message : "");
  return l;
}

START_TEST (test_compile_modes)
{
  g_autoptr (TnetNetwork) net = tnet_network_new ();
  TnetId a = add_node (net, "a", 113.80, 34.00);
  TnetId b = add_node (net, "b", 113.81, 34.01);
  TnetId c = add_node (net, "c", 113.82, 34.02);
  TnetId d = add_node (net, "d", 113.83, 34.03);
  TnetId l_ab = add_link (net, "ab", a, b, TNET_MODE_EXPRESSWAY, "G4", 1000.4, FALSE, 0);
  TnetId l_bc = add_link (net, "bc", b, c, TNET_MODE_ROAD, "S1", 0.3, TRUE, 0);
  TnetId l_cd = add_link (net, "cd", c, d, TNET_MODE_HSR, "HSR", 5000, FALSE, 0);
  TnetId l_ad = add_link (net, "ad", a, d, TNET_MODE_TRUNK, "G107", 2500.6, FALSE, 2024);
  GError *error = NULL;

  g_autoptr (TnetScenario) s2025 = tnet_scenario_new (2025);
  TnetMetric *time = NULL, *length = NULL;
  g_autoptr (TnetGraph) g = tnet_graph_compile_modes (net, s2025, TNET_MODES_ROAD, &time,
                                                      &length, &error);
  ck_assert_msg (g != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (tnet_graph_n_nodes (g), 4);
  /* ab both ways, bc one way, ad both ways (open in 2024), cd is rail */
  ck_assert_uint_eq (tnet_graph_n_arcs (g), 5);
  guint seen_bc = 0, seen_ab = 0;
  for (TnetId k = 0; k < tnet_graph_n_arcs (g); k++)
    {
      TnetId link = tnet_graph_arc_link (g, k);
      const TnetLink *l = tnet_network_link (net, link);
      TnetId t = tnet_graph_arc_tail (g, k), h = tnet_graph_arc_head (g, k);
      ck_assert ((t == l->from && h == l->to) || (!l->oneway && t == l->to && h == l->from));
      ck_assert_uint_ne (link, l_cd);
      ck_assert_uint_eq (tnet_metric_weight (time, k), tnet_scenario_link_time_ms (s2025, net, link));
      TnetWeight want_len = link == l_ab ? 1000 : link == l_bc ? 1 : 2501;
      ck_assert_uint_eq (tnet_metric_weight (length, k), want_len);
      seen_bc += link == l_bc;
      seen_ab += link == l_ab;
    }
  ck_assert_uint_eq (seen_bc, 1);
  ck_assert_uint_eq (seen_ab, 2);
  ck_assert_ptr_eq (tnet_metric_get_graph (time), g);
  tnet_metric_unref (time);
  tnet_metric_unref (length);

  /* 2020: ad not open yet; closing G4 leaves only bc; rail mask */
  g_autoptr (TnetScenario) s2020 = tnet_scenario_new (2020);
  g_autoptr (TnetGraph) g20 = tnet_graph_compile_modes (net, s2020, TNET_MODES_ROAD, NULL,
                                                        NULL, &error);
  ck_assert_uint_eq (tnet_graph_n_arcs (g20), 3);
  tnet_scenario_close_line (s2020, "G4");
  g_autoptr (TnetGraph) closed = tnet_graph_compile_modes (net, s2020, TNET_MODES_ROAD, NULL,
                                                           NULL, &error);
  ck_assert_uint_eq (tnet_graph_n_arcs (closed), 1);
  ck_assert_uint_eq (tnet_graph_arc_link (closed, 0), l_bc);
  g_autoptr (TnetGraph) rail = tnet_graph_compile_modes (net, s2025, TNET_MODES_RAIL, NULL,
                                                         NULL, &error);
  ck_assert_uint_eq (tnet_graph_n_arcs (rail), 2);
  ck_assert_uint_eq (tnet_graph_n_nodes (rail), 4);
  (void) l_ad;

  /* a scenario naming an unknown link fails */
  tnet_scenario_close_link (s2025, "no_such_link");
  ck_assert_ptr_null (tnet_graph_compile_modes (net, s2025, TNET_MODES_ROAD, NULL, NULL, &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "no_such_link");
}
END_TEST

/* Zones are trip ends: a route may start or end at a zone but never pass
 * through one, in either direction, and distances read at a zone are the
 * arrival (forward) or departure (backward) ones. */
START_TEST (test_zones_are_trip_ends)
{
  g_autoptr (TnetNetwork) net = tnet_network_new ();
  TnetId a = add_node (net, "a", 113.80, 34.00);
  TnetId x = add_node (net, "x", 113.81, 34.00);
  TnetId y = add_node (net, "y", 113.83, 34.00);
  TnetNode zn = { .id = "z", .name = "z", .kind = TNET_NODE_ZONE, .lon = 113.82, .lat = 34.0 };
  GError *error = NULL;
  TnetId z = tnet_network_add_node (net, &zn, &error);
  /* a - x by road (1 km); x - z - y by access links (1 km each, 60 km/h);
   * x - y by road, 10 km: the only legal way from x to y */
  add_link (net, "ax", a, x, TNET_MODE_ROAD, "R", 1000, FALSE, 0);
  add_link (net, "xz", x, z, TNET_MODE_ACCESS, NULL, 1000, FALSE, 0);
  add_link (net, "zy", z, y, TNET_MODE_ACCESS, NULL, 1000, FALSE, 0);
  add_link (net, "xy", x, y, TNET_MODE_ROAD, "R", 10000, FALSE, 0);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  TnetMetric *time = NULL;
  g_autoptr (TnetGraph) g = tnet_graph_compile_modes (
      net, scen, TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS), &time, NULL, &error);
  ck_assert_msg (g != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (tnet_graph_n_base_nodes (g), 4);
  ck_assert_uint_eq (tnet_graph_n_nodes (g), 5);
  TnetId zt = tnet_graph_arrival_node (g, z);
  ck_assert_uint_eq (zt, 4);
  ck_assert_uint_eq (tnet_graph_terminal_of (g, zt), z);
  ck_assert_uint_eq (tnet_graph_arrival_node (g, x), x);

  const TnetWeight km = 60000; /* 1 km at 60 km/h */
  g_autoptr (TnetSearch) s = tnet_search_new (g);
  tnet_search_run (s, time, a, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
  ck_assert_uint_eq (tnet_search_distance (s, y), 11 * km); /* not 3 km through z */
  ck_assert_uint_eq (tnet_search_distance (s, z), 2 * km);
  /* the twin is listed under the zone's id */
  gboolean listed = FALSE;
  for (guint k = 0; k < tnet_search_n_settled (s); k++)
    {
      ck_assert_uint_lt (tnet_search_settled_node (s, k), 4);
      listed |= tnet_search_settled_node (s, k) == z;
    }
  ck_assert (listed);
  TnetId arcs[8];
  ck_assert_uint_eq (tnet_search_path (s, z, arcs, 8), 2);
  ck_assert_uint_eq (tnet_graph_arc_link (g, arcs[1]), tnet_network_find_link (net, "xz"));
  /* early exit at a zone target */
  tnet_search_run (s, time, a, TNET_FORWARD, TNET_WEIGHT_INF, z);
  ck_assert_uint_eq (tnet_search_distance (s, z), 2 * km);

  /* from and to the zone itself */
  tnet_search_run (s, time, z, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
  ck_assert_uint_eq (tnet_search_distance (s, z), 0);
  ck_assert_uint_eq (tnet_search_distance (s, y), km);
  ck_assert_uint_eq (tnet_search_distance (s, a), 2 * km);
  tnet_search_run (s, time, z, TNET_BACKWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
  ck_assert_uint_eq (tnet_search_distance (s, z), 0);
  ck_assert_uint_eq (tnet_search_distance (s, a), 2 * km);
  ck_assert_uint_eq (tnet_search_origin (s, a), z);
  /* backward to y: from a it is 11 km, never through z */
  tnet_search_run (s, time, y, TNET_BACKWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
  ck_assert_uint_eq (tnet_search_distance (s, a), 11 * km);
  ck_assert_uint_eq (tnet_search_distance (s, z), km);
  tnet_metric_unref (time);
}
END_TEST

/* ---------- Dijkstra against igraph ---------- */

static ArcSet
test_graph (int i)
{
  /* 3 sizes x 2 shapes */
  switch (i)
    {
    case 0: return random_arcs (50, 200, 1);
    case 1: return grid_arcs (7, 2);
    case 2: return random_arcs (2000, 6000, 3);
    case 3: return grid_arcs (45, 4);
    case 4: return random_arcs (20000, 50000, 5);
    default: return grid_arcs (142, 6);
    }
}

START_TEST (test_dijkstra_vs_igraph)
{
  ArcSet s = test_graph (_i);
  TnetGraph *g;
  TnetMetric *m;
  build (&s, &g, &m);
  Oracle o;
  oracle_init (&o, g, m);
  TnetSearch *search = tnet_search_new (g);
  GRand *r = g_rand_new_with_seed (100 + _i);
  guint total = 0;
  for (int q = 0; q < 8; q++)
    {
      TnetId src = (TnetId) g_rand_int_range (r, 0, (gint32) s.n);
      tnet_search_run (search, m, src, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      oracle_run (&o, src, IGRAPH_OUT);
      total += assert_same_as_oracle (search, &o, s.n);
      ck_assert_uint_eq (tnet_search_distance (search, src), 0);
      ck_assert_uint_eq (tnet_search_origin (search, src), src);
      assert_tree_consistent (search, g, m);
      tnet_search_run (search, m, src, TNET_BACKWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      oracle_run (&o, src, IGRAPH_IN);
      total += assert_same_as_oracle (search, &o, s.n);
    }
  ck_assert_uint_gt (total, 16); /* the searches went somewhere */
  g_rand_free (r);
  tnet_search_free (search);
  oracle_destroy (&o);
  tnet_metric_unref (m);
  tnet_graph_unref (g);
  arcset_free (&s);
}
END_TEST

START_TEST (test_rome99)
{
  g_autofree char *path = tt_data_path ("rome99/rome99.gr");
  ArcSet s = read_gr (path);
  ck_assert_uint_eq (s.n, 3353);
  TnetGraph *g;
  TnetMetric *m;
  build (&s, &g, &m);
  Oracle o;
  oracle_init (&o, g, m);
  TnetSearch *search = tnet_search_new (g);
  GRand *r = g_rand_new_with_seed (99);
  gint64 ours = 0, theirs = 0;
  for (int q = 0; q < 100; q++)
    {
      TnetId src = (TnetId) g_rand_int_range (r, 0, (gint32) s.n);
      gint64 t0 = g_get_monotonic_time ();
      tnet_search_run (search, m, src, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      gint64 t1 = g_get_monotonic_time ();
      oracle_run (&o, src, IGRAPH_OUT);
      gint64 t2 = g_get_monotonic_time ();
      ours += t1 - t0;
      theirs += t2 - t1;
      /* rome99 is strongly connected */
      ck_assert_uint_eq (assert_same_as_oracle (search, &o, s.n), s.n);
    }
  /* for information only; the benchmarks own the real figures */
  fprintf (stderr, "# rome99 one-to-all: ours %.3f ms, igraph %.3f ms per source\n",
           ours / 100.0 / 1000.0, theirs / 100.0 / 1000.0);
  g_rand_free (r);
  tnet_search_free (search);
  oracle_destroy (&o);
  tnet_metric_unref (m);
  tnet_graph_unref (g);
  arcset_free (&s);
}
END_TEST

/* ---------- properties ---------- */

static TnetWeight *
snapshot (const TnetSearch *s, guint n)
{
  TnetWeight *d = g_new (TnetWeight, n);
  for (TnetId v = 0; v < n; v++)
    d[v] = tnet_search_distance (s, v);
  return d;
}

START_TEST (test_workspace_reuse)
{
  ArcSet s = random_arcs (3000, 9000, 7);
  TnetGraph *g;
  TnetMetric *m;
  build (&s, &g, &m);
  TnetSearch *search = tnet_search_new (g);
  tnet_search_run (search, m, 11, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
  g_autofree TnetWeight *a1 = snapshot (search, s.n);
  guint n1 = tnet_search_n_settled (search);
  tnet_search_run (search, m, 2222, TNET_BACKWARD, 5000, TNET_ID_NONE);
  g_autofree TnetWeight *b = snapshot (search, s.n);
  tnet_search_run (search, m, 11, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
  g_autofree TnetWeight *a2 = snapshot (search, s.n);
  ck_assert_uint_eq (tnet_search_n_settled (search), n1);
  ck_assert (memcmp (a1, a2, sizeof (TnetWeight) * s.n) == 0);
  ck_assert (memcmp (a1, b, sizeof (TnetWeight) * s.n) != 0);
  /* a fresh workspace agrees too */
  TnetSearch *fresh = tnet_search_new (g);
  tnet_search_run (fresh, m, 11, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
  g_autofree TnetWeight *a3 = snapshot (fresh, s.n);
  ck_assert (memcmp (a1, a3, sizeof (TnetWeight) * s.n) == 0);
  /* before any run nothing is reached */
  TnetSearch *unused = tnet_search_new (g);
  ck_assert_uint_eq (tnet_search_distance (unused, 11), TNET_WEIGHT_INF);
  ck_assert_uint_eq (tnet_search_n_settled (unused), 0);
  ck_assert_uint_eq (tnet_search_path (unused, 11, NULL, 0), G_MAXUINT);
  tnet_search_free (unused);
  tnet_search_free (fresh);
  tnet_search_free (search);
  tnet_metric_unref (m);
  tnet_graph_unref (g);
  arcset_free (&s);
}
END_TEST

/* When the epoch counter wraps, stale stamps must not leak into a run. */
START_TEST (test_epoch_wrap)
{
  ArcSet s = grid_arcs (20, 8);
  TnetGraph *g;
  TnetMetric *m;
  build (&s, &g, &m);
  TnetSearch *search = tnet_search_new (g);
  tnet_search_run (search, m, 5, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
  g_autofree TnetWeight *want = snapshot (search, s.n);
  tnet_i_search_set_epoch (search, UINT32_MAX - 2);
  for (int k = 0; k < 5; k++) /* epochs MAX-1, MAX, wrap to 1, 2, 3 */
    {
      tnet_search_run (search, m, (k % 2) ? 77 : 5, TNET_FORWARD,
                       (k % 2) ? 300 : TNET_WEIGHT_INF, TNET_ID_NONE);
      if (k % 2 == 0)
        {
          g_autofree TnetWeight *got = snapshot (search, s.n);
          ck_assert (memcmp (want, got, sizeof (TnetWeight) * s.n) == 0);
        }
    }
  ck_assert_uint_le (search->epoch, 3);
  tnet_search_free (search);
  tnet_metric_unref (m);
  tnet_graph_unref (g);
  arcset_free (&s);
}
END_TEST

START_TEST (test_bounded)
{
  ArcSet s = _i == 0 ? random_arcs (4000, 12000, 9) : grid_arcs (60, 10);
  TnetGraph *g;
  TnetMetric *m;
  build (&s, &g, &m);
  TnetSearch *search = tnet_search_new (g);
  for (TnetDirection dir = TNET_FORWARD; dir <= TNET_BACKWARD; dir++)
    {
      tnet_search_run (search, m, 17, dir, TNET_WEIGHT_INF, TNET_ID_NONE);
      g_autofree TnetWeight *full = snapshot (search, s.n);
      /* budgets: 0, a few values in range, one equal to an actual distance */
      TnetWeight budgets[] = { 0, 500, 2000, full[tnet_search_settled_node (search, tnet_search_n_settled (search) / 2)] };
      for (guint b = 0; b < G_N_ELEMENTS (budgets); b++)
        {
          tnet_search_run (search, m, 17, dir, budgets[b], TNET_ID_NONE);
          guint want = 0;
          for (TnetId v = 0; v < s.n; v++)
            {
              gboolean in = full[v] <= budgets[b];
              want += in;
              ck_assert_uint_eq (tnet_search_distance (search, v),
                                 in ? full[v] : TNET_WEIGHT_INF);
            }
          ck_assert_uint_eq (tnet_search_n_settled (search), want);
          for (guint k = 0; k < want; k++)
            ck_assert_uint_le (full[tnet_search_settled_node (search, k)], budgets[b]);
        }
    }
  tnet_search_free (search);
  tnet_metric_unref (m);
  tnet_graph_unref (g);
  arcset_free (&s);
}
END_TEST

START_TEST (test_backward_is_forward_on_transpose)
{
  ArcSet s = _i == 0 ? random_arcs (2000, 7000, 11) : grid_arcs (40, 12);
  TnetGraph *g, *gt;
  TnetMetric *m, *mt;
  build (&s, &g, &m);
  ArcSet t = s;
  t.tails = s.heads;
  t.heads = s.tails;
  build (&t, &gt, &mt);
  TnetSearch *sb = tnet_search_new (g), *sf = tnet_search_new (gt);
  for (TnetId src = 0; src < s.n; src += s.n / 7)
    {
      tnet_search_run (sb, m, src, TNET_BACKWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      tnet_search_run (sf, mt, src, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      ck_assert_uint_eq (tnet_search_n_settled (sb), tnet_search_n_settled (sf));
      for (TnetId v = 0; v < s.n; v++)
        ck_assert_uint_eq (tnet_search_distance (sb, v), tnet_search_distance (sf, v));
    }
  tnet_search_free (sb);
  tnet_search_free (sf);
  tnet_metric_unref (m);
  tnet_metric_unref (mt);
  tnet_graph_unref (g);
  tnet_graph_unref (gt);
  arcset_free (&s);
}
END_TEST

START_TEST (test_multi_source)
{
  ArcSet s = _i == 0 ? random_arcs (3000, 9000, 13) : grid_arcs (50, 14);
  TnetGraph *g;
  TnetMetric *m;
  build (&s, &g, &m);
  const TnetId src[] = { 3, 900, 1500, 3, 2100 };
  const TnetWeight off[] = { 400, 0, 2500, 50, TNET_WEIGHT_MAX };
  const guint k = G_N_ELEMENTS (src);
  TnetSearch *search = tnet_search_new (g);
  for (TnetDirection dir = TNET_FORWARD; dir <= TNET_BACKWARD; dir++)
    {
      TnetWeight *single[G_N_ELEMENTS (src)];
      for (guint i = 0; i < k; i++)
        {
          tnet_search_run (search, m, src[i], dir, TNET_WEIGHT_INF, TNET_ID_NONE);
          single[i] = snapshot (search, s.n);
        }
      tnet_search_run_multi (search, m, src, off, k, dir, TNET_WEIGHT_INF, TNET_ID_NONE);
      for (TnetId v = 0; v < s.n; v++)
        {
          guint64 best = TNET_WEIGHT_INF;
          for (guint i = 0; i < k; i++)
            if (single[i][v] != TNET_WEIGHT_INF)
              best = MIN (best, (guint64) single[i][v] + off[i]);
          TnetWeight got = tnet_search_distance (search, v);
          if (best >= TNET_WEIGHT_INF)
            ck_assert_uint_eq (got, TNET_WEIGHT_INF);
          else
            {
              ck_assert_uint_eq (got, best);
              /* the origin is one of the sources achieving the minimum */
              TnetId o = tnet_search_origin (search, v);
              gboolean found = FALSE;
              for (guint i = 0; i < k; i++)
                found |= src[i] == o && single[i][v] != TNET_WEIGHT_INF
                         && (guint64) single[i][v] + off[i] == best;
              ck_assert_msg (found, "node %u: origin %u does not achieve %u", v, o, got);
            }
        }
      /* without offsets: all sources at 0 */
      tnet_search_run_multi (search, m, src, NULL, k, dir, TNET_WEIGHT_INF, TNET_ID_NONE);
      for (guint i = 0; i < k; i++)
        ck_assert_uint_eq (tnet_search_distance (search, src[i]), 0);
      for (guint i = 0; i < k; i++)
        g_free (single[i]);
    }
  tnet_search_free (search);
  tnet_metric_unref (m);
  tnet_graph_unref (g);
  arcset_free (&s);
}
END_TEST

START_TEST (test_early_exit)
{
  ArcSet s = _i == 0 ? random_arcs (5000, 15000, 15) : grid_arcs (70, 16);
  TnetGraph *g;
  TnetMetric *m;
  build (&s, &g, &m);
  TnetSearch *search = tnet_search_new (g);
  GRand *r = g_rand_new_with_seed (17);
  for (int q = 0; q < 20; q++)
    {
      TnetDirection dir = q % 2 ? TNET_BACKWARD : TNET_FORWARD;
      TnetId a = (TnetId) g_rand_int_range (r, 0, (gint32) s.n);
      TnetId b = (TnetId) g_rand_int_range (r, 0, (gint32) s.n);
      tnet_search_run (search, m, a, dir, TNET_WEIGHT_INF, TNET_ID_NONE);
      TnetWeight want = tnet_search_distance (search, b);
      guint all = tnet_search_n_settled (search);
      tnet_search_run (search, m, a, dir, TNET_WEIGHT_INF, b);
      ck_assert_uint_eq (tnet_search_distance (search, b), want);
      ck_assert_uint_le (tnet_search_n_settled (search), all);
      if (want != TNET_WEIGHT_INF)
        {
          /* the target is the last node settled, everything before it is final */
          guint n = tnet_search_n_settled (search);
          ck_assert_uint_eq (tnet_search_settled_node (search, n - 1), b);
          for (guint k = 0; k < n; k++)
            ck_assert_uint_le (tnet_search_distance (search, tnet_search_settled_node (search, k)), want);
        }
    }
  g_rand_free (r);
  tnet_search_free (search);
  tnet_metric_unref (m);
  tnet_graph_unref (g);
  arcset_free (&s);
}
END_TEST

START_TEST (test_paths)
{
  ArcSet s = _i == 0 ? random_arcs (3000, 10000, 19) : grid_arcs (50, 20);
  TnetGraph *g;
  TnetMetric *m;
  build (&s, &g, &m);
  TnetSearch *search = tnet_search_new (g);
  TnetId *arcs = g_new (TnetId, s.n);
  guint checked = 0;
  for (TnetDirection dir = TNET_FORWARD; dir <= TNET_BACKWARD; dir++)
    {
      TnetId src = 42;
      tnet_search_run (search, m, src, dir, TNET_WEIGHT_INF, TNET_ID_NONE);
      ck_assert_uint_eq (tnet_search_path (search, src, arcs, s.n), 0);
      for (TnetId v = 0; v < s.n; v++)
        {
          guint len = tnet_search_path (search, v, arcs, s.n);
          if (tnet_search_distance (search, v) == TNET_WEIGHT_INF)
            {
              ck_assert_uint_eq (len, G_MAXUINT);
              continue;
            }
          ck_assert_uint_lt (len, s.n);
          /* travel order: forward src -> v, backward v -> src */
          TnetId at = dir == TNET_FORWARD ? src : v;
          guint64 sum = 0;
          for (guint k = 0; k < len; k++)
            {
              ck_assert_uint_eq (tnet_graph_arc_tail (g, arcs[k]), at);
              at = tnet_graph_arc_head (g, arcs[k]);
              sum += tnet_metric_weight (m, arcs[k]);
            }
          ck_assert_uint_eq (at, dir == TNET_FORWARD ? v : src);
          ck_assert_uint_eq (sum, tnet_search_distance (search, v));
          /* a short buffer gets the first arcs of the same path */
          if (len >= 3)
            {
              TnetId head3[2];
              ck_assert_uint_eq (tnet_search_path (search, v, head3, 2), len);
              ck_assert_uint_eq (head3[0], arcs[0]);
              ck_assert_uint_eq (head3[1], arcs[1]);
              checked++;
            }
        }
    }
  ck_assert_uint_gt (checked, 10);
  g_free (arcs);
  tnet_search_free (search);
  tnet_metric_unref (m);
  tnet_graph_unref (g);
  arcset_free (&s);
}
END_TEST

/* ---------- the igraph bridge ---------- */

START_TEST (test_igraph_errors)
{
  const TnetId tails[] = { 0, 1 };
  const TnetId heads[] = { 1, 2 };
  const TnetWeight w[] = { 1, 2 };
  GError *error = NULL;
  g_autoptr (TnetGraph) g = tnet_graph_new_from_arcs (3, 2, tails, heads, NULL, NULL, &error);
  g_autoptr (TnetMetric) m = tnet_metric_new (g, w, &error);
  igraph_t ig;
  igraph_vector_t iw;
  igraph_matrix_t res;

  tnet_igraph_lock ();
  ck_assert (tnet_graph_to_igraph (g, m, &ig, &iw, &error));
  ck_assert_int_eq (igraph_vcount (&ig), 3);
  ck_assert_int_eq (igraph_ecount (&ig), 2);
  ck_assert (tnet_igraph_check (igraph_matrix_init (&res, 0, 0), "matrix", &error));

  /* a negative weight: igraph refuses it */
  VECTOR (iw)[1] = -5;
  igraph_error_t rc = igraph_distances_dijkstra (&ig, &res, igraph_vss_1 (0), igraph_vss_all (),
                                                 &iw, IGRAPH_OUT);
  ck_assert_int_ne (rc, IGRAPH_SUCCESS);
  ck_assert (!tnet_igraph_check (rc, "distances", &error));
  ck_assert_int_eq (IGRAPH_FINALLY_STACK_SIZE (), 0);
  tt_assert_error (error, TNET_ERROR_IGRAPH, "distances failed in igraph");

  /* an invalid vertex id */
  VECTOR (iw)[1] = 2;
  rc = igraph_distances_dijkstra (&ig, &res, igraph_vss_1 (7), igraph_vss_all (), &iw, IGRAPH_OUT);
  ck_assert (!tnet_igraph_check (rc, "from vertex 7", &error));
  ck_assert (IGRAPH_FINALLY_STACK_EMPTY);
  ck_assert_msg (error && strstr (error->message, "Invalid vertex") != NULL, "%s",
                 error ? error->message : "no error");
  tt_assert_error (error, TNET_ERROR_IGRAPH, "from vertex 7");

  /* the handle still works after the failures */
  ck_assert (tnet_igraph_check (igraph_distances_dijkstra (&ig, &res, igraph_vss_1 (0),
                                                           igraph_vss_all (), &iw, IGRAPH_OUT),
                                "distances", &error));
  ck_assert (MATRIX (res, 0, 2) == 3.0);
  igraph_matrix_destroy (&res);
  igraph_vector_destroy (&iw);
  igraph_destroy (&ig);
  tnet_igraph_unlock ();

  /* without a metric no weights are made */
  tnet_igraph_lock ();
  ck_assert (tnet_graph_to_igraph (g, NULL, &ig, NULL, &error));
  igraph_integer_t from, to;
  igraph_edge (&ig, 1, &from, &to);
  ck_assert_int_eq (from, 1);
  ck_assert_int_eq (to, 2);
  igraph_destroy (&ig);
  tnet_igraph_unlock ();
}
END_TEST

/* A route a -> d over G4 (ab 1 km, bc 2 km) then a road without a line
 * (cd 0.5 km), all at 60 km/h: two legs, 3 km in 3 min and 0.5 km in
 * 0.5 min, worked out by hand; the library's JSON, text and GeoJSON. */
START_TEST (test_route_output)
{
  g_autoptr (TnetNetwork) net = tnet_network_new ();
  TnetId a = add_node (net, "a", 113.80, 34.00);
  TnetId b = add_node (net, "b", 113.81, 34.01);
  TnetId c = add_node (net, "c", 113.82, 34.02);
  TnetId d = add_node (net, "d", 113.83, 34.03);
  add_link (net, "ab", a, b, TNET_MODE_EXPRESSWAY, "G4", 1000, FALSE, 0);
  add_link (net, "bc", b, c, TNET_MODE_EXPRESSWAY, "G4", 2000, FALSE, 0);
  add_link (net, "cd", c, d, TNET_MODE_ROAD, NULL, 500, FALSE, 0);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  g_autoptr (TnetMetric) time = NULL;
  g_autoptr (TnetMetric) length = NULL;
  GError *error = NULL;
  g_autoptr (TnetGraph) g = tnet_graph_compile_modes (net, scen, TNET_MODES_ROAD, &time,
                                                      &length, &error);
  ck_assert_msg (g != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetSearch) search = tnet_search_new (g);
  tnet_search_run (search, time, a, TNET_FORWARD, TNET_WEIGHT_INF, d);
  guint n_arcs = tnet_search_path (search, d, NULL, 0);
  ck_assert_uint_eq (n_arcs, 3);
  TnetId arcs[3];
  tnet_search_path (search, d, arcs, n_arcs);
  g_autoptr (GArray) legs = tnet_route_legs (net, g, time, arcs, n_arcs);
  ck_assert_uint_eq (legs->len, 2);

  g_autofree char *json = tnet_route_to_json (net, a, d, "time", legs);
  tt_assert_json_schema_keys ("## `tnet route --format json` (car, or any profile by its graph)",
                              json);
  g_autoptr (JsonNode) root = json_from_string (json, &error);
  ck_assert_msg (root != NULL, "%s", error ? error->message : "");
  JsonObject *o = json_node_get_object (root);
  ck_assert_str_eq (json_object_get_string_member (o, "from"), "a");
  ck_assert_str_eq (json_object_get_string_member (o, "to"), "d");
  ck_assert_str_eq (json_object_get_string_member (o, "profile"), "car");
  ck_assert_str_eq (json_object_get_string_member (o, "metric"), "time");
  ck_assert_double_eq_tol (json_object_get_double_member (o, "total_min"), 3.5, 1e-9);
  ck_assert_double_eq_tol (json_object_get_double_member (o, "total_km"), 3.5, 1e-9);
  JsonArray *jl = json_object_get_array_member (o, "legs");
  ck_assert_uint_eq (json_array_get_length (jl), 2);
  static const struct {
    const char *line, *mode, *from, *to, *links[2];
    double km, min;
  } want[] = {
    { "G4", "expressway", "a", "c", { "ab", "bc" }, 3.0, 3.0 },
    { NULL, "road", "c", "d", { "cd", NULL }, 0.5, 0.5 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      JsonObject *l = json_array_get_object_element (jl, i);
      if (want[i].line)
        ck_assert_str_eq (json_object_get_string_member (l, "line"), want[i].line);
      else
        ck_assert (json_object_get_null_member (l, "line"));
      ck_assert_str_eq (json_object_get_string_member (l, "mode"), want[i].mode);
      ck_assert_str_eq (json_object_get_string_member (l, "from"), want[i].from);
      ck_assert_str_eq (json_object_get_string_member (l, "to"), want[i].to);
      JsonArray *links = json_object_get_array_member (l, "links");
      guint n = want[i].links[1] ? 2 : 1;
      ck_assert_uint_eq (json_array_get_length (links), n);
      for (guint k = 0; k < n; k++)
        ck_assert_str_eq (json_array_get_string_element (links, k), want[i].links[k]);
      ck_assert_double_eq_tol (json_object_get_double_member (l, "km"), want[i].km, 1e-9);
      ck_assert_double_eq_tol (json_object_get_double_member (l, "min"), want[i].min, 1e-9);
    }

  g_autofree char *text = tnet_route_to_text (net, a, d, "length", 2031, legs);
  ck_assert_str_eq (text, "Route by car from a (a) to d (d) (shortest, scenario 2031)\n"
                          "  G4 [expressway]: a (a) -> c (c), 3.0 km, 3.0 min\n"
                          "  (no line) [road]: c (c) -> d (d), 0.5 km, 0.5 min\n"
                          "Total: 3.5 min, 3.5 km\n");

  g_autofree char *geo = tnet_route_to_geojson (net, legs);
  g_autoptr (JsonNode) groot = json_from_string (geo, &error);
  ck_assert_msg (groot != NULL, "%s", error ? error->message : "");
  JsonArray *features = json_object_get_array_member (json_node_get_object (groot), "features");
  ck_assert_uint_eq (json_array_get_length (features), 2);
}
END_TEST

/* ---------- lexicographic search (lexsearch-internal.h) ---------- */

#define LEX_MAX_PARTS 4

typedef struct {
  const TnetILexGraph *g;
  gboolean *on_path;
  gboolean *is_target;
  gboolean found;
  double best[LEX_MAX_PARTS];
} LexBrute;

static int
lex_cmp (const double *x, const double *y, guint k)
{
  for (guint i = 0; i < k; i++)
    if (x[i] != y[i])
      return x[i] < y[i] ? -1 : 1;
  return 0;
}

/* Every simple path from the current node @v, whose cost so far is @acc. */
static void
lex_brute_walk (LexBrute *b, guint v, const double *acc)
{
  const TnetILexGraph *g = b->g;
  if (b->is_target[v] && (!b->found || lex_cmp (acc, b->best, g->n_parts) < 0))
    {
      b->found = TRUE;
      memcpy (b->best, acc, g->n_parts * sizeof (double));
    }
  for (guint e = 0; e < g->n_edges; e++)
    for (int side = 0; side < 2; side++)
      {
        guint from = side ? g->edge_b[e] : g->edge_a[e];
        guint to = side ? g->edge_a[e] : g->edge_b[e];
        if (from != v || b->on_path[to])
          continue;
        double next[LEX_MAX_PARTS];
        for (guint p = 0; p < g->n_parts; p++)
          next[p] = acc[p] + g->edge_cost[e * g->n_parts + p];
        b->on_path[to] = TRUE;
        lex_brute_walk (b, to, next);
        b->on_path[to] = FALSE;
      }
}

/* The search against the minimum over all simple source-target paths, on
 * seeded random multigraphs (loops and parallel edges included) whose costs
 * are small multiples of 1/8 (exact sums) with many ties; the returned path
 * must be a walk from a source to the returned target whose summed cost is
 * the reported one. */
START_TEST (test_lexsearch_vs_brute)
{
  GRand *r = g_rand_new_with_seed (4242 + _i);
  for (int round = 0; round < 400; round++)
    {
      guint n = g_rand_int_range (r, 1, 8), m = g_rand_int_range (r, 0, 12);
      guint k = g_rand_int_range (r, 1, LEX_MAX_PARTS + 1);
      int spread = g_rand_boolean (r) ? 3 : 24;
      guint ea[12], eb[12], src[8], tgt[8], n_src = 0, n_tgt = 0;
      double cost[12 * LEX_MAX_PARTS];
      for (guint e = 0; e < m; e++)
        {
          ea[e] = g_rand_int_range (r, 0, n);
          eb[e] = g_rand_int_range (r, 0, n);
          for (guint p = 0; p < k; p++)
            cost[e * k + p] = g_rand_int_range (r, 0, spread) / 8.0;
        }
      gboolean on_path[8] = { FALSE }, is_target[8] = { FALSE };
      for (guint v = 0; v < n; v++)
        {
          if (g_rand_int_range (r, 0, 3) == 0)
            src[n_src++] = v;
          if (g_rand_int_range (r, 0, 3) == 0)
            {
              tgt[n_tgt++] = v;
              is_target[v] = TRUE;
            }
        }
      TnetILexGraph g = { n, m, ea, eb, k, cost, src, n_src, tgt, n_tgt };
      LexBrute b = { &g, on_path, is_target, FALSE, { 0 } };
      for (guint i = 0; i < n_src; i++)
        {
          double zero[LEX_MAX_PARTS] = { 0 };
          on_path[src[i]] = TRUE;
          lex_brute_walk (&b, src[i], zero);
          on_path[src[i]] = FALSE;
        }
      double got[LEX_MAX_PARTS];
      g_autoptr (GArray) path = g_array_new (FALSE, FALSE, sizeof (guint));
      guint t = tnet_i_lex_search (&g, got, path);
      ck_assert_msg ((t != G_MAXUINT) == b.found, "round %d: reachability", round);
      if (!b.found)
        continue;
      ck_assert_msg (lex_cmp (got, b.best, k) == 0, "round %d: cost", round);
      ck_assert (is_target[t]);
      /* walk the path back from the target to its source */
      double sum[LEX_MAX_PARTS] = { 0 };
      guint v = t;
      for (guint j = path->len; j-- > 0;)
        {
          guint e = g_array_index (path, guint, j);
          ck_assert (e < m && (ea[e] == v || eb[e] == v));
          v = ea[e] == v ? eb[e] : ea[e];
        }
      gboolean at_source = FALSE;
      for (guint i = 0; i < n_src; i++)
        at_source |= src[i] == v;
      ck_assert_msg (at_source, "round %d: the path does not start at a source", round);
      for (guint j = 0; j < path->len; j++)
        {
          guint e = g_array_index (path, guint, j);
          for (guint p = 0; p < k; p++)
            sum[p] += cost[e * k + p];
        }
      ck_assert_msg (lex_cmp (sum, got, k) == 0, "round %d: path cost", round);
    }
  g_rand_free (r);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("search");
  TCase *tc = tcase_create ("graph");
  tcase_add_test (tc, test_graph_layout);
  tcase_add_test (tc, test_graph_errors);
  tcase_add_test (tc, test_const_reference);
  tcase_add_test (tc, test_compile_modes);
  tcase_add_test (tc, test_route_output);
  tcase_add_test (tc, test_zones_are_trip_ends);
  suite_add_tcase (s, tc);
  tc = tcase_create ("dijkstra");
  tcase_set_timeout (tc, 120);
  tcase_add_loop_test (tc, test_dijkstra_vs_igraph, 0, 6);
  tcase_add_test (tc, test_rome99);
  tcase_add_test (tc, test_workspace_reuse);
  tcase_add_test (tc, test_epoch_wrap);
  tcase_add_loop_test (tc, test_bounded, 0, 2);
  tcase_add_loop_test (tc, test_backward_is_forward_on_transpose, 0, 2);
  tcase_add_loop_test (tc, test_multi_source, 0, 2);
  tcase_add_loop_test (tc, test_early_exit, 0, 2);
  tcase_add_loop_test (tc, test_paths, 0, 2);
  suite_add_tcase (s, tc);
  tc = tcase_create ("lexsearch");
  tcase_add_loop_test (tc, test_lexsearch_vs_brute, 0, 3);
  suite_add_tcase (s, tc);
  tc = tcase_create ("igraph");
  tcase_add_test (tc, test_igraph_errors);
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
