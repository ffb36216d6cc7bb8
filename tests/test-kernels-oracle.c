/* test-kernels-oracle.c: every fast kernel (CH point-to-point, PHAST, CH
 * bucket many-to-many, bidirectional Dijkstra, the parallel batches) against
 * igraph's Dijkstra (igraph_distances_dijkstra through the bridge,
 * tnet_graph_to_igraph) on two real road graphs: rome99 (DIMACS, its own
 * weights) and the Monaco OSM import (car travel times in ms) with zones
 * joined by access links, so that the zone arrival-twin rules are checked
 * too. Distances are integers; equality is exact.
 *
 * The oracle for zones, derived here from the graph's arcs alone: an access
 * link into zone v ends at v's arrival twin t(v), a node numbered from
 * tnet_graph_n_base_nodes() on, with no outgoing arc, entered also by v's
 * one synthetic arc (weight 0, no link). So with D the igraph distances:
 *   forward from s, at base node v:   D(s, t(v)) when v has a twin, else D(s, v)
 *     (the twin is reached from v at no cost, so this is min of the two);
 *   backward to v, at base node u:    D(u, t(v)) (the search starts at the twin).
 * Nodes from tnet_graph_n_base_nodes() on are twins and are not compared. */
#include "tests-common.h"
#include <tnet/tnet-igraph.h>

typedef struct {
  const char *name;
  TnetGraph *g;
  TnetMetric *metric;
  TnetCH *ch;
  guint n, n_base;
  TnetId *twin;          /* n_base entries: the arrival twin, or the node itself */
  guint n_twins;
  igraph_t ig;
  igraph_vector_t w;
} Oracle;

static void
oracle_init (Oracle *o, const char *name, TnetGraph *g, TnetMetric *metric)
{
  GError *error = NULL;
  o->name = name;
  o->g = g;
  o->metric = metric;
  o->n = tnet_graph_n_nodes (g);
  o->n_base = tnet_graph_n_base_nodes (g);
  o->twin = g_new (TnetId, o->n_base);
  for (TnetId v = 0; v < o->n_base; v++)
    o->twin[v] = v;
  o->n_twins = 0;
  for (TnetId a = 0; a < tnet_graph_n_arcs (g); a++)
    if (tnet_graph_arc_head (g, a) >= o->n_base
        && tnet_graph_arc_link (g, a) == TNET_ID_NONE)
      {
        /* the synthetic arc v -> t(v); the other arcs into t(v) are access links */
        TnetId tail = tnet_graph_arc_tail (g, a), head = tnet_graph_arc_head (g, a);
        ck_assert_uint_lt (tail, o->n_base);
        ck_assert_uint_eq (o->twin[tail], tail);
        ck_assert_uint_eq (tnet_metric_weight (metric, a), 0);
        o->twin[tail] = head;
        o->n_twins++;
      }
  ck_assert_uint_eq (o->n_twins, o->n - o->n_base);
  tnet_igraph_lock ();
  gboolean ok = tnet_graph_to_igraph (g, metric, &o->ig, &o->w, &error);
  tnet_igraph_unlock ();
  ck_assert_msg (ok, "%s", error ? error->message : "");
  ck_assert_int_eq (igraph_vcount (&o->ig), o->n);
  o->ch = tnet_ch_build (metric, NULL, &error);
  ck_assert_msg (o->ch != NULL, "%s", error ? error->message : "");
}

static void
oracle_clear (Oracle *o)
{
  tnet_igraph_lock ();
  igraph_destroy (&o->ig);
  igraph_vector_destroy (&o->w);
  tnet_igraph_unlock ();
  g_free (o->twin);
  tnet_ch_unref (o->ch);
  tnet_metric_unref (o->metric);
  tnet_graph_unref (o->g);
}

/* igraph distances from (IGRAPH_OUT) or to (IGRAPH_IN) each of @from into
 * @out (n_from rows of n). */
static void
igraph_rows (Oracle *o, const TnetId *from, guint n_from, igraph_neimode_t mode,
             TnetWeight *out)
{
  GError *error = NULL;
  igraph_matrix_t res;
  igraph_vector_int_t vids;
  tnet_igraph_lock ();
  igraph_vector_int_init (&vids, n_from);
  for (guint i = 0; i < n_from; i++)
    VECTOR (vids)[i] = from[i];
  igraph_matrix_init (&res, n_from, o->n);
  igraph_error_t rc = igraph_distances_dijkstra (&o->ig, &res, igraph_vss_vector (&vids),
                                                 igraph_vss_all (), &o->w, mode);
  gboolean ok = tnet_igraph_check (rc, "igraph_distances_dijkstra", &error);
  for (guint i = 0; ok && i < n_from; i++)
    for (guint v = 0; v < o->n; v++)
      {
        double d = MATRIX (res, i, v);
        out[(gsize) i * o->n + v] = d == IGRAPH_INFINITY ? TNET_WEIGHT_INF : (TnetWeight) d;
      }
  igraph_matrix_destroy (&res);
  igraph_vector_int_destroy (&vids);
  tnet_igraph_unlock ();
  ck_assert_msg (ok, "%s", error ? error->message : "");
}

static void
check_graph (Oracle *o, guint n_src, guint n_pairs, guint32 seed)
{
  const guint n = o->n, nb = o->n_base;
  GRand *r = g_rand_new_with_seed (seed);
  TnetId *src = g_new (TnetId, n_src), *src_arr = g_new (TnetId, n_src);
  for (guint i = 0; i < n_src; i++)
    {
      /* every third source a zone when there are zones */
      TnetId v = (TnetId) g_rand_int_range (r, 0, (gint32) nb);
      if (o->n_twins && i % 3 == 0)
        for (TnetId k = 0; k < nb && o->twin[v] == v; k++)
          v = (v + 1) % nb;
      src[i] = v;
      src_arr[i] = o->twin[v];
    }
  /* the oracle: forward rows from each source, backward rows to each
   * source's arrival node */
  TnetWeight *ig_out = g_new (TnetWeight, (gsize) n_src * n);
  TnetWeight *ig_in = g_new (TnetWeight, (gsize) n_src * n);
  igraph_rows (o, src, n_src, IGRAPH_OUT, ig_out);
  igraph_rows (o, src_arr, n_src, IGRAPH_IN, ig_in);
  TnetWeight *fwd = g_new (TnetWeight, (gsize) n_src * nb);
  TnetWeight *bwd = g_new (TnetWeight, (gsize) n_src * nb);
  guint n_reached = 0;
  for (guint i = 0; i < n_src; i++)
    for (TnetId v = 0; v < nb; v++)
      {
        fwd[(gsize) i * nb + v] = ig_out[(gsize) i * n + o->twin[v]];
        bwd[(gsize) i * nb + v] = ig_in[(gsize) i * n + v];
        n_reached += fwd[(gsize) i * nb + v] != TNET_WEIGHT_INF;
      }
  /* the graphs are mostly one component: most pairs are reachable, so the
   * comparison is not of two rows of "unreachable" */
  ck_assert_uint_gt (n_reached, (guint) ((guint64) n_src * nb / 2));

  TnetCHQuery *q = tnet_ch_query_new (o->ch);
  TnetBidir *bd = tnet_bidir_new (o->g);
  TnetWeight *d = g_new (TnetWeight, n);
  for (guint i = 0; i < n_src; i++)
    {
      const TnetWeight *want = fwd + (gsize) i * nb, *want_b = bwd + (gsize) i * nb;
      tnet_ch_query_one_to_all (q, src[i], TNET_FORWARD, d);
      for (TnetId v = 0; v < nb; v++)
        ck_assert_msg (d[v] == want[v], "%s: PHAST %u -> %u: %u, igraph %u", o->name, src[i], v,
                       d[v], want[v]);
      tnet_ch_query_one_to_all (q, src[i], TNET_BACKWARD, d);
      for (TnetId v = 0; v < nb; v++)
        ck_assert_msg (d[v] == want_b[v], "%s: PHAST %u <- %u: %u, igraph %u", o->name, src[i],
                       v, d[v], want_b[v]);
      for (guint k = 0; k < n_pairs; k++)
        {
          TnetId t = (TnetId) g_rand_int_range (r, 0, (gint32) nb);
          TnetWeight got = tnet_ch_query_distance (q, src[i], t);
          ck_assert_msg (got == want[t], "%s: CH %u -> %u: %u, igraph %u", o->name, src[i], t,
                         got, want[t]);
          got = tnet_bidir_run (bd, o->metric, src[i], t);
          ck_assert_msg (got == want[t], "%s: bidir %u -> %u: %u, igraph %u", o->name, src[i],
                         t, got, want[t]);
        }
    }
  /* buckets: the sources to every base node */
  TnetId *all = g_new (TnetId, nb);
  for (TnetId v = 0; v < nb; v++)
    all[v] = v;
  TnetWeight *mm = g_new (TnetWeight, (gsize) n_src * nb);
  tnet_ch_query_many_to_many (q, src, n_src, all, nb, mm);
  for (gsize k = 0; k < (gsize) n_src * nb; k++)
    ck_assert_msg (mm[k] == fwd[k], "%s: buckets %u -> %u: %u, igraph %u", o->name,
                   src[k / nb], (guint) (k % nb), mm[k], fwd[k]);
  /* batches: Dijkstra and PHAST, 1 and 2 threads, both directions */
  TnetWeight *rows = g_new (TnetWeight, (gsize) n_src * n);
  for (int kind = 0; kind < 2; kind++)
    for (guint threads = 1; threads <= 2; threads++)
      for (int back = 0; back < 2; back++)
        {
          GError *error = NULL;
          ck_assert (tnet_batch_one_to_all (o->metric, kind ? o->ch : NULL, src, n_src,
                                            back ? TNET_BACKWARD : TNET_FORWARD, threads, rows,
                                            NULL, NULL, &error));
          const TnetWeight *want = back ? bwd : fwd;
          for (guint i = 0; i < n_src; i++)
            for (TnetId v = 0; v < nb; v++)
              ck_assert_msg (rows[(gsize) i * n + v] == want[(gsize) i * nb + v],
                             "%s: batch (%s, %u threads, %s) %u/%u: %u, igraph %u", o->name,
                             kind ? "PHAST" : "Dijkstra", threads, back ? "backward" : "forward",
                             src[i], v, rows[(gsize) i * n + v], want[(gsize) i * nb + v]);
        }
  g_free (rows);
  g_free (mm);
  g_free (all);
  g_free (d);
  tnet_bidir_free (bd);
  tnet_ch_query_free (q);
  g_free (fwd);
  g_free (bwd);
  g_free (ig_out);
  g_free (ig_in);
  g_free (src);
  g_free (src_arr);
  g_rand_free (r);
}

START_TEST (test_rome99)
{
  g_autofree char *path = tt_data_path ("rome99/rome99.gr");
  GError *error = NULL;
  g_autoptr (TnetArcList) l = tnet_dimacs_load (path, NULL, &error);
  ck_assert_msg (l != NULL, "%s", error ? error->message : "");
  TnetGraph *g = tnet_graph_new_from_arcs (l->n_nodes, l->n_arcs, l->tails, l->heads, NULL,
                                           NULL, &error);
  ck_assert_msg (g != NULL, "%s", error ? error->message : "");
  TnetMetric *metric = tnet_metric_new (g, l->weights, &error);
  ck_assert_msg (metric != NULL, "%s", error ? error->message : "");
  Oracle o;
  oracle_init (&o, "rome99", g, metric);
  ck_assert_uint_eq (o.n_twins, 0);
  check_graph (&o, 24, 200, 1999);
  oracle_clear (&o);
}
END_TEST

/* Monaco's car graph plus 24 zones, each joined to two random road nodes
 * by two-way access links (600 m at 20 km/h). */
START_TEST (test_monaco_zones)
{
  g_autofree char *path = tt_data_path ("monaco/monaco.osm.pbf");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_osm (path, NULL, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  guint n_road = tnet_network_n_nodes (net);
  GRand *r = g_rand_new_with_seed (98000);
  for (guint z = 0; z < 24; z++)
    {
      char id[16];
      g_snprintf (id, sizeof id, "zone%u", z);
      TnetNode node = { .id = id, .name = id, .kind = TNET_NODE_ZONE, .lon = 7.42, .lat = 43.73 };
      TnetId zid = tnet_network_add_node (net, &node, &error);
      ck_assert_msg (zid != TNET_ID_NONE, "%s", error ? error->message : "");
      for (int c = 0; c < 2; c++)
        {
          char lid[24];
          g_snprintf (lid, sizeof lid, "access%u_%d", z, c);
          TnetLink l = { .id = lid, .from = zid,
                         .to = (TnetId) g_rand_int_range (r, 0, (gint32) n_road),
                         .mode = TNET_MODE_ACCESS, .length_m = 600, .speed_kmh = 20,
                         .time_ms = TNET_WEIGHT_INF };
          ck_assert_msg (tnet_network_add_link (net, &l, &error) != TNET_ID_NONE, "%s",
                         error ? error->message : "");
        }
    }
  g_rand_free (r);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  TnetMetric *metric = NULL;
  TnetGraph *g = tnet_graph_compile_modes (net, scen,
                                           TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS),
                                           &metric, NULL, &error);
  ck_assert_msg (g != NULL, "%s", error ? error->message : "");
  Oracle o;
  oracle_init (&o, "monaco", g, metric);
  ck_assert_uint_eq (o.n_twins, 24);
  check_graph (&o, 24, 200, 377);
  oracle_clear (&o);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("kernels-oracle");
  TCase *tc = tcase_create ("igraph");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_rome99);
  tcase_add_test (tc, test_monaco_zones);
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
