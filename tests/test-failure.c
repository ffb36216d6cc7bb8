/* test-failure.c: searches with removed arcs — the blocked-arc mask of
 * TnetSearch and TnetRepair against igraph on the graph with those arcs
 * deleted, the criticality scan against a brute force on rome99 (each
 * element removed from a rebuilt graph, Dijkstra again), and the scan on a
 * profile's graph and the corridors' least-time alternatives by profile
 * against the commute matrix of the same profile on the bundled data. */
#include "tests-common.h"
#include <tnet/tnet-igraph.h>

/* tnet_criticality_scan() with @threads workers and no progress; the scan
 * cannot fail without a cancellable. */
static TnetCriticality *
scan_threads (TnetGraph *graph, const TnetMetric *metric, const TnetId *arc_elem,
              guint n_elem, const TnetId *po, const TnetId *pd, guint n_pairs,
              const double *pop, TnetWeight budget, guint threads)
{
  TnetCriticalityOptions opts;
  tnet_criticality_options_init (&opts);
  opts.n_threads = threads;
  GError *error = NULL;
  TnetCriticality *crit = tnet_criticality_scan (graph, metric, arc_elem, n_elem, po, pd,
                                                 n_pairs, pop, budget, &opts, &error);
  ck_assert_msg (crit != NULL, "%s", error ? error->message : "");
  return crit;
}

typedef struct {
  guint n, m;
  TnetId *tails, *heads;
  TnetWeight *w;
} Arcs;

static void
arcs_clear (Arcs *g)
{
  g_free (g->tails);
  g_free (g->heads);
  g_free (g->w);
}

/* a seeded random digraph: m arcs, weights 1..maxw (some parallel arcs and
 * self-loops on purpose) */
static Arcs
random_arcs (guint n, guint m, TnetWeight maxw, guint32 seed)
{
  GRand *r = g_rand_new_with_seed (seed);
  Arcs g = { n, m, g_new (TnetId, m), g_new (TnetId, m), g_new (TnetWeight, m) };
  for (guint a = 0; a < m; a++)
    {
      g.tails[a] = (TnetId) g_rand_int_range (r, 0, (gint32) n);
      g.heads[a] = (TnetId) g_rand_int_range (r, 0, (gint32) n);
      g.w[a] = (TnetWeight) g_rand_int_range (r, 1, (gint32) maxw + 1);
    }
  g_rand_free (r);
  return g;
}

/* One-to-all distances from @src in the graph of @g without the arcs
 * marked in @gone, by igraph (mode OUT or IN); INF when unreachable. */
static void
igraph_dist (const Arcs *g, const guint8 *gone, TnetId src, igraph_neimode_t mode,
             TnetWeight *out)
{
  tnet_igraph_lock ();
  igraph_vector_int_t edges;
  igraph_vector_t w;
  igraph_matrix_t res;
  igraph_t ig;
  guint k = 0;
  for (guint a = 0; a < g->m; a++)
    k += !gone[a];
  ck_assert (igraph_vector_int_init (&edges, 2 * (igraph_integer_t) k) == IGRAPH_SUCCESS);
  ck_assert (igraph_vector_init (&w, (igraph_integer_t) k) == IGRAPH_SUCCESS);
  for (guint a = 0, i = 0; a < g->m; a++)
    if (!gone[a])
      {
        VECTOR (edges)[2 * i] = g->tails[a];
        VECTOR (edges)[2 * i + 1] = g->heads[a];
        VECTOR (w)[i++] = g->w[a];
      }
  ck_assert (igraph_create (&ig, &edges, g->n, IGRAPH_DIRECTED) == IGRAPH_SUCCESS);
  ck_assert (igraph_matrix_init (&res, 0, 0) == IGRAPH_SUCCESS);
  ck_assert (igraph_distances_dijkstra (&ig, &res, igraph_vss_1 (src), igraph_vss_all (), &w,
                                        mode) == IGRAPH_SUCCESS);
  for (guint v = 0; v < g->n; v++)
    {
      double d = MATRIX (res, 0, v);
      out[v] = isfinite (d) ? (TnetWeight) d : TNET_WEIGHT_INF;
    }
  igraph_matrix_destroy (&res);
  igraph_destroy (&ig);
  igraph_vector_destroy (&w);
  igraph_vector_int_destroy (&edges);
  tnet_igraph_unlock ();
}

static TnetGraph *
build (const Arcs *g, TnetMetric **metric)
{
  GError *error = NULL;
  TnetGraph *graph = tnet_graph_new_from_arcs (g->n, g->m, g->tails, g->heads, NULL, NULL,
                                               &error);
  ck_assert_msg (graph != NULL, "%s", error ? error->message : "");
  *metric = tnet_metric_new (graph, g->w, &error);
  ck_assert (*metric != NULL);
  return graph;
}

START_TEST (test_blocked_search_vs_igraph)
{
  for (guint32 seed = 1; seed <= 40; seed++)
    {
      guint n = 20 + seed % 30, m = n * (2 + seed % 3);
      Arcs g = random_arcs (n, m, seed % 2 ? 9 : 1000, seed);
      TnetMetric *metric;
      g_autoptr (TnetGraph) graph = build (&g, &metric);
      g_autoptr (TnetSearch) s = tnet_search_new (graph);
      GRand *r = g_rand_new_with_seed (seed * 7);
      g_autofree guint8 *gone = g_new0 (guint8, m);
      g_autoptr (GArray) list = g_array_new (FALSE, FALSE, sizeof (TnetId));
      for (TnetId a = 0; a < m; a++)
        if (g_rand_int_range (r, 0, 4) == 0)
          {
            gone[a] = 1;
            g_array_append_val (list, a);
          }
      tnet_search_block_arcs (s, (TnetId *) list->data, list->len, TRUE);
      ck_assert_uint_eq (tnet_search_n_blocked (s), list->len);
      g_autofree TnetWeight *want = g_new (TnetWeight, n);
      for (guint q = 0; q < 3; q++)
        {
          TnetId src = (TnetId) g_rand_int_range (r, 0, (gint32) n);
          for (int dir = 0; dir < 2; dir++)
            {
              igraph_dist (&g, gone, src, dir ? IGRAPH_IN : IGRAPH_OUT, want);
              tnet_search_run (s, metric, src, dir ? TNET_BACKWARD : TNET_FORWARD,
                               TNET_WEIGHT_INF, TNET_ID_NONE);
              for (TnetId v = 0; v < n; v++)
                ck_assert_uint_eq (tnet_search_distance (s, v), want[v]);
            }
        }
      /* unblocking restores the whole graph */
      tnet_search_unblock_all (s);
      ck_assert_uint_eq (tnet_search_n_blocked (s), 0);
      memset (gone, 0, m);
      igraph_dist (&g, gone, 0, IGRAPH_OUT, want);
      tnet_search_run (s, metric, 0, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      for (TnetId v = 0; v < n; v++)
        ck_assert_uint_eq (tnet_search_distance (s, v), want[v]);
      g_rand_free (r);
      tnet_metric_unref (metric);
      arcs_clear (&g);
    }
}
END_TEST

START_TEST (test_repair_vs_igraph)
{
  for (guint32 seed = 100; seed < 130; seed++)
    {
      guint n = 15 + seed % 25, m = n * (2 + seed % 3);
      Arcs g = random_arcs (n, m, seed % 2 ? 5 : 500, seed);
      TnetMetric *metric;
      g_autoptr (TnetGraph) graph = build (&g, &metric);
      g_autoptr (TnetRepair) rep = tnet_repair_new (graph);
      GRand *r = g_rand_new_with_seed (seed);
      g_autofree guint8 *gone = g_new0 (guint8, m);
      g_autofree TnetWeight *want = g_new (TnetWeight, n);
      g_autofree TnetWeight *got = g_new (TnetWeight, n);
      g_autofree TnetId *all = g_new (TnetId, n);
      g_autofree TnetId *path = g_new (TnetId, n);
      for (TnetId v = 0; v < n; v++)
        all[v] = v;
      for (guint q = 0; q < 2; q++)
        {
          TnetId src = (TnetId) g_rand_int_range (r, 0, (gint32) n);
          tnet_repair_set_source (rep, metric, src);
          memset (gone, 0, m);
          igraph_dist (&g, gone, src, IGRAPH_OUT, want);
          for (TnetId v = 0; v < n; v++)
            {
              ck_assert_uint_eq (tnet_repair_base_distance (rep, v), want[v]);
              /* the tree path is a path of that length */
              guint len = tnet_repair_base_path (rep, v, path, n);
              if (want[v] == TNET_WEIGHT_INF)
                {
                  ck_assert_uint_eq (len, G_MAXUINT);
                  continue;
                }
              guint64 sum = 0;
              TnetId at = src;
              for (guint i = 0; i < len; i++)
                {
                  ck_assert_uint_eq (g.tails[path[i]], at);
                  at = g.heads[path[i]];
                  sum += g.w[path[i]];
                }
              ck_assert_uint_eq (at, v);
              ck_assert_uint_eq (sum, want[v]);
            }
          for (guint k = 0; k < 12; k++)
            {
              /* one to three arcs, often on the tree (the interesting case) */
              TnetId blocked[3];
              guint nb = 1 + k % 3;
              memset (gone, 0, m);
              for (guint i = 0; i < nb; i++)
                {
                  TnetId v = (TnetId) g_rand_int_range (r, 0, (gint32) n);
                  guint len = tnet_repair_base_path (rep, v, path, n);
                  blocked[i] = (len != G_MAXUINT && len > 0 && k % 2 == 0)
                               ? path[g_rand_int_range (r, 0, (gint32) len)]
                               : (TnetId) g_rand_int_range (r, 0, (gint32) m);
                  gone[blocked[i]] = 1;
                }
              igraph_dist (&g, gone, src, IGRAPH_OUT, want);
              tnet_repair_run (rep, blocked, nb, all, n, got);
              for (TnetId v = 0; v < n; v++)
                ck_assert_uint_eq (got[v], want[v]);
              /* a single target: the search stops early, same answer */
              TnetId t = (TnetId) g_rand_int_range (r, 0, (gint32) n);
              tnet_repair_run (rep, blocked, nb, &t, 1, got);
              ck_assert_uint_eq (got[0], want[t]);
            }
        }
      g_rand_free (r);
      tnet_metric_unref (metric);
      arcs_clear (&g);
    }
}
END_TEST

/* The scan with arcs as elements on rome99 (tests/data) equals a brute
 * force: the element's arc left out of a rebuilt graph, one Dijkstra per
 * origin; for every element with a loss and for 300 seeded random arcs. */
START_TEST (test_criticality_rome99_brute_force)
{
  g_autofree char *path = tt_source_path ("tests/data/rome99/rome99.gr");
  GError *error = NULL;
  g_autoptr (TnetArcList) list = tnet_dimacs_load (path, NULL, &error);
  ck_assert_msg (list != NULL, "%s", error ? error->message : "");
  Arcs g = { list->n_nodes, list->n_arcs, list->tails, list->heads, list->weights };
  TnetMetric *metric;
  g_autoptr (TnetGraph) graph = build (&g, &metric);
  guint n = g.n, m = g.m;
  enum { NO = 3, ND = 4 };
  TnetId po[NO * ND], pd[NO * ND];
  GRand *r = g_rand_new_with_seed (99);
  for (guint i = 0; i < NO; i++)
    {
      TnetId o = (TnetId) g_rand_int_range (r, 0, (gint32) n);
      for (guint j = 0; j < ND; j++)
        {
          po[i * ND + j] = o;
          pd[i * ND + j] = (TnetId) g_rand_int_range (r, 0, (gint32) n);
        }
    }
  g_autoptr (TnetCriticality) crit = scan_threads (graph, metric, NULL, 0, po, pd,
                                                            NO * ND, NULL, 60000, 2);
  g_autoptr (GArray) check = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (guint k = 0; k < tnet_criticality_n_items (crit); k++)
    g_array_append_val (check, tnet_criticality_item (crit, k)->element);
  ck_assert_uint_gt (check->len, 5);
  for (guint k = 0; k < 300; k++)
    {
      TnetId a = (TnetId) g_rand_int_range (r, 0, (gint32) m);
      g_array_append_val (check, a);
    }
  g_rand_free (r);
  /* base times */
  g_autoptr (TnetSearch) s0 = tnet_search_new (graph);
  for (guint p = 0; p < NO * ND; p++)
    {
      tnet_search_run (s0, metric, po[p], TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      ck_assert_uint_eq (tnet_criticality_base_time (crit, p), tnet_search_distance (s0, pd[p]));
    }
  Arcs h = { n, m - 1, g_new (TnetId, m), g_new (TnetId, m), g_new (TnetWeight, m) };
  for (guint c = 0; c < check->len; c++)
    {
      TnetId gone = g_array_index (check, TnetId, c);
      for (guint a = 0, i = 0; a < m; a++)
        if (a != gone)
          {
            h.tails[i] = g.tails[a];
            h.heads[i] = g.heads[a];
            h.w[i++] = g.w[a];
          }
      TnetMetric *hm;
      g_autoptr (TnetGraph) hg = build (&h, &hm);
      g_autoptr (TnetSearch) s = tnet_search_new (hg);
      for (guint i = 0; i < NO; i++)
        {
          tnet_search_run (s, hm, po[i * ND], TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
          for (guint j = 0; j < ND; j++)
            ck_assert_uint_eq (tnet_criticality_element_time (crit, gone, i * ND + j),
                               tnet_search_distance (s, pd[i * ND + j]));
        }
      tnet_metric_unref (hm);
    }
  arcs_clear (&h);
  tnet_metric_unref (metric);
}
END_TEST

/* Element blocks (TnetCriticalityOptions.n_element_blocks) partition the
 * scan: on rome99, the items of the 3 blocks are together exactly the items
 * of the whole scan (every field, and the times of every pair), each block
 * holds only its own elements, and the candidates add up. */
START_TEST (test_criticality_element_blocks)
{
  g_autofree char *path = tt_source_path ("tests/data/rome99/rome99.gr");
  GError *error = NULL;
  g_autoptr (TnetArcList) list = tnet_dimacs_load (path, NULL, &error);
  ck_assert_msg (list != NULL, "%s", error ? error->message : "");
  Arcs g = { list->n_nodes, list->n_arcs, list->tails, list->heads, list->weights };
  TnetMetric *metric;
  g_autoptr (TnetGraph) graph = build (&g, &metric);
  enum { NO = 4, ND = 5, NB = 3 };
  TnetId po[NO * ND], pd[NO * ND];
  double *pop = g_new (double, g.n);
  GRand *r = g_rand_new_with_seed (7);
  for (guint v = 0; v < g.n; v++)
    pop[v] = g_rand_int_range (r, 0, 1000);
  for (guint i = 0; i < NO; i++)
    for (guint j = 0; j < ND; j++)
      {
        po[i * ND + j] = (TnetId) (i * 997 % g.n);
        pd[i * ND + j] = (TnetId) g_rand_int_range (r, 0, (gint32) g.n);
      }
  g_rand_free (r);
  g_autoptr (TnetCriticality) all = scan_threads (graph, metric, NULL, 0, po, pd, NO * ND,
                                                  pop, 600000, 2);
  ck_assert_uint_gt (tnet_criticality_n_items (all), 5);
  guint n_items = 0, n_cand = 0;
  for (guint b = 0; b < NB; b++)
    {
      TnetCriticalityOptions opts;
      tnet_criticality_options_init (&opts);
      opts.n_threads = 2;
      opts.n_element_blocks = NB;
      opts.element_block = b;
      g_autoptr (TnetCriticality) part = tnet_criticality_scan (graph, metric, NULL, 0, po,
                                                                pd, NO * ND, pop, 600000,
                                                                &opts, &error);
      ck_assert_msg (part != NULL, "%s", error ? error->message : "");
      n_items += tnet_criticality_n_items (part);
      n_cand += tnet_criticality_n_candidates (part);
      for (guint k = 0; k < tnet_criticality_n_items (part); k++)
        {
          const TnetCriticalityItem *it = tnet_criticality_item (part, k);
          ck_assert_uint_eq (it->element % NB, b);
          const TnetCriticalityItem *ref = NULL;
          guint rank = 0;
          for (; rank < tnet_criticality_n_items (all); rank++)
            if (tnet_criticality_item (all, rank)->element == it->element)
              {
                ref = tnet_criticality_item (all, rank);
                break;
              }
          ck_assert_ptr_nonnull (ref);
          ck_assert_uint_eq (it->n_pairs_slower, ref->n_pairs_slower);
          ck_assert_uint_eq (it->n_pairs_cut, ref->n_pairs_cut);
          ck_assert_uint_eq (it->n_pairs_out_of_budget, ref->n_pairs_out_of_budget);
          ck_assert (it->population_lost == ref->population_lost);
          ck_assert_uint_eq (it->max_increase_ms, ref->max_increase_ms);
          ck_assert_uint_eq (it->total_increase_ms, ref->total_increase_ms);
          ck_assert_uint_eq (it->worst_pair, ref->worst_pair);
          for (guint p = 0; p < NO * ND; p++)
            {
              ck_assert_uint_eq (tnet_criticality_time (part, k, p),
                                 tnet_criticality_time (all, rank, p));
              ck_assert_uint_eq (tnet_criticality_base_time (part, p),
                                 tnet_criticality_base_time (all, p));
            }
        }
    }
  ck_assert_uint_eq (n_items, tnet_criticality_n_items (all));
  ck_assert_uint_eq (n_cand, tnet_criticality_n_candidates (all));
  g_free (pop);
  tnet_metric_unref (metric);
}
END_TEST

static TnetCommute *
commute_of (const TnetNetwork *net, const TnetScenario *scen, const TnetFeed *feed,
            const TnetHubSet *hubs, TnetProfile profile,
            const TnetNodeSet *a, const TnetNodeSet *b)
{
  GError *error = NULL;
  TnetMultimodal *mm = NULL;
  ck_assert_msg (tnet_commute_build_graphs (net, scen, feed, hubs, &profile, 1, &mm, &error), "%s",
                 error ? error->message : "");
  TnetCommuteOptions opts;
  tnet_commute_options_init (&opts);
  opts.method = TNET_COMMUTE_METHOD_SEARCH;
  TnetCommute *c = tnet_commute_compute_within (net, &mm, 1, (const TnetId *) a->zones->data,
                                                a->zones->len, (const TnetId *) b->zones->data,
                                                b->zones->len, TNET_COMMUTE_TO, 60 * 60000,
                                                &opts, &error);
  ck_assert (c != NULL);
  tnet_multimodal_unref (mm);
  return c;
}

/* On the bundled data, for the car and transit profiles: the scan's base
 * time of every pair is that pair's commute time (computed by the commute
 * API on its own graph); and for the top three lines, each pair's time with
 * the line removed is the commute time in a scenario where the line is
 * closed and its services' headway multiplied by 10^4 (so that boarding it
 * costs days): equal when that time is below 10 hours, and the scan says
 * "cut" (or more than 10 hours) otherwise. No time is below the base. */
START_TEST (test_profile_matches_commute)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetDataset) ds = tnet_dataset_load (dir, NULL, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "");
  const TnetNetwork *net = tnet_dataset_get_network (ds);
  const TnetFeed *feed = NULL;
  ck_assert (tnet_dataset_get_feed (ds, 2025, &feed, &error) && feed != NULL);
  const TnetHubSet *hubs = tnet_dataset_get_hubs (ds);
  g_autoptr (TnetNodeSet) xc = tnet_node_set_resolve (net, "region:xuchang", &error);
  g_autoptr (TnetNodeSet) zz = tnet_node_set_resolve (net, "region:zhengzhou", &error);
  ck_assert (xc && zz);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  const TnetProfile profiles[] = { TNET_PROFILE_CAR, TNET_PROFILE_TRANSIT };
  const TnetWeight ten_hours = 10 * 3600 * 1000;
  for (guint k = 0; k < G_N_ELEMENTS (profiles); k++)
    {
      TnetProfile prof = profiles[k];
      g_autoptr (TnetMultimodal) mm = NULL;
      ck_assert (tnet_commute_build_graphs (net, scen, feed, hubs, &prof, 1, &mm, &error));
      g_autoptr (TnetCriticality) crit = tnet_corridor_criticality_profile (net, mm, xc, zz,
                                                                            TRUE, 3600000,
                                                                            NULL, &error);
      ck_assert (crit != NULL);
      g_autoptr (TnetCommute) base = commute_of (net, scen, feed, hubs, prof, xc, zz);
      /* pairs are zones of A × zones of B, o != d, in that order */
      guint p = 0;
      for (guint o = 0; o < xc->zones->len; o++)
        for (guint d = 0; d < zz->zones->len; d++, p++)
          ck_assert_uint_eq (tnet_criticality_base_time (crit, p),
                             tnet_commute_cell (base, 0, o, d)->total_ms);
      ck_assert_uint_eq (p, tnet_criticality_n_pairs (crit));
      ck_assert_uint_gt (tnet_criticality_n_items (crit), 0);
      for (guint r = 0; r < MIN (3u, tnet_criticality_n_items (crit)); r++)
        {
          const TnetCriticalityItem *it = tnet_criticality_item (crit, r);
          g_autoptr (TnetScenario) cut = tnet_scenario_copy (scen);
          gboolean in_net = FALSE;
          for (TnetId l = 0; l < tnet_network_n_links (net); l++)
            {
              const char *line = tnet_network_link (net, l)->line;
              in_net |= line != NULL && strcmp (line, it->name) == 0;
            }
          if (in_net)
            tnet_scenario_close_line (cut, it->name);
          tnet_scenario_set_headway_factor (cut, it->name, 1e4);
          g_autoptr (TnetCommute) after = commute_of (net, cut, feed, hubs, prof, xc, zz);
          p = 0;
          for (guint o = 0; o < xc->zones->len; o++)
            for (guint d = 0; d < zz->zones->len; d++, p++)
              {
                TnetWeight want = tnet_commute_cell (after, 0, o, d)->total_ms;
                TnetWeight got = tnet_criticality_time (crit, r, p);
                ck_assert_uint_ge (got, tnet_criticality_base_time (crit, p));
                if (want < ten_hours)
                  ck_assert_msg (got == want, "%s, %s pair %u: %u != %u", it->name,
                                 tnet_profile_to_string (prof), p, got, want);
                else
                  ck_assert_uint_ge (got, ten_hours);
              }
        }
    }
}
END_TEST

/* Corridors by profile on the bundled data, car and transit: the fastest
 * least-time alternative is the best commute time of any Xuchang →
 * Zhengzhou zone pair (the commute API's matrix of the same profile); every
 * alternative starts at a zone's origin node, ends at a zone's destination
 * node and takes no less than that pair's commute time; its time is the sum
 * of its arcs' weights; alternatives are sorted and share no drive, walk,
 * ride or dwell arc (nor the two arcs of a two-way link). */
START_TEST (test_corridor_profile_matches_commute)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetDataset) ds = tnet_dataset_load (dir, NULL, &error);
  ck_assert_msg (ds != NULL, "%s", error ? error->message : "");
  const TnetNetwork *net = tnet_dataset_get_network (ds);
  const TnetFeed *feed = NULL;
  ck_assert (tnet_dataset_get_feed (ds, 2025, &feed, &error) && feed != NULL);
  const TnetHubSet *hubs = tnet_dataset_get_hubs (ds);
  g_autoptr (TnetNodeSet) xc = tnet_node_set_resolve (net, "region:xuchang", &error);
  g_autoptr (TnetNodeSet) zz = tnet_node_set_resolve (net, "region:zhengzhou", &error);
  ck_assert (xc && zz);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  const TnetProfile profiles[] = { TNET_PROFILE_CAR, TNET_PROFILE_TRANSIT };
  for (guint k = 0; k < G_N_ELEMENTS (profiles); k++)
    {
      TnetProfile prof = profiles[k];
      g_autoptr (TnetMultimodal) mm = NULL;
      ck_assert (tnet_commute_build_graphs (net, scen, feed, hubs, &prof, 1, &mm, &error));
      g_autoptr (TnetCorridor) corr = tnet_corridor_analyse_profile (net, scen, mm,
                                                                     TNET_MODES_RAIL
                                                                     | TNET_MODES_ROAD, xc, zz,
                                                                     4, 3600000, 1.5, &error);
      ck_assert_msg (corr != NULL, "%s", error ? error->message : "");
      g_autoptr (TnetCommute) c = commute_of (net, scen, feed, hubs, prof, xc, zz);
      TnetWeight best = TNET_WEIGHT_INF;
      for (guint o = 0; o < xc->zones->len; o++)
        for (guint d = 0; d < zz->zones->len; d++)
          best = MIN (best, tnet_commute_cell (c, 0, o, d)->total_ms);
      ck_assert_uint_lt (best, TNET_WEIGHT_INF);
      const TnetPathSet *set = corr->fastest;
      ck_assert_uint_ge (set->n_paths, 1);
      ck_assert_msg (set->paths[0].time_ms == best, "%s: %" G_GUINT64_FORMAT " != %u",
                     tnet_profile_to_string (prof), set->paths[0].time_ms, best);
      TnetGraph *g = tnet_multimodal_get_graph (mm);
      const TnetMetric *w = tnet_multimodal_get_metric (mm);
      guint m = tnet_graph_n_arcs (g);
      g_autofree guint *used = g_new0 (guint, m);
      for (guint i = 0; i < set->n_paths; i++)
        {
          const TnetPath *p = &set->paths[i];
          ck_assert_uint_ge (p->n_arcs, 1);
          if (i > 0)
            ck_assert_uint_ge (p->time_ms, set->paths[i - 1].time_ms);
          TnetId first = tnet_graph_arc_tail (g, p->arcs[0]);
          TnetId last = tnet_graph_arc_head (g, p->arcs[p->n_arcs - 1]);
          guint oi = G_MAXUINT, di = G_MAXUINT;
          for (guint o = 0; o < xc->zones->len; o++)
            if (tnet_multimodal_origin_node (mm, g_array_index (xc->zones, TnetId, o)) == first)
              oi = o;
          for (guint d = 0; d < zz->zones->len; d++)
            if (tnet_multimodal_destination_node (mm, g_array_index (zz->zones, TnetId, d))
                == last)
              di = d;
          ck_assert (oi != G_MAXUINT && di != G_MAXUINT);
          ck_assert_uint_ge (p->time_ms, tnet_commute_cell (c, 0, oi, di)->total_ms);
          guint64 sum = 0;
          for (guint j = 0; j < p->n_arcs; j++)
            {
              TnetId arc = p->arcs[j];
              sum += tnet_metric_weight (w, arc);
              if (j > 0)
                ck_assert_uint_eq (tnet_graph_arc_tail (g, arc),
                                   tnet_graph_arc_head (g, p->arcs[j - 1]));
              TnetArcKind kind = tnet_multimodal_arc_kind (mm, arc);
              TnetId l = tnet_graph_arc_link (g, arc);
              gboolean shared_ok = kind != TNET_ARC_DRIVE && kind != TNET_ARC_WALK
                                   && kind != TNET_ARC_RIDE && kind != TNET_ARC_DWELL;
              shared_ok |= (kind == TNET_ARC_DRIVE || kind == TNET_ARC_WALK)
                           && (l == TNET_ID_NONE
                               || tnet_network_link (net, l)->mode == TNET_MODE_ACCESS);
              if (shared_ok)
                continue;
              ck_assert_msg (used[arc] == 0 || used[arc] == i + 1, "arc %u in paths %u and %u",
                             arc, used[arc], i + 1);
              used[arc] = i + 1;
            }
          ck_assert_uint_eq (sum, p->time_ms);
        }
      /* the two arcs of a two-way link: in one path at most */
      g_autofree TnetId *opp = tnet_graph_opposite_arcs (g);
      for (guint e = 0; e < m; e++)
        if (opp[e] != TNET_ID_NONE && used[e] && used[opp[e]])
          ck_assert_uint_eq (used[e], used[opp[e]]);
    }
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("failure");
  TCase *tc = tcase_create ("kernels");
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_blocked_search_vs_igraph);
  tcase_add_test (tc, test_repair_vs_igraph);
  tcase_add_test (tc, test_criticality_rome99_brute_force);
  tcase_add_test (tc, test_criticality_element_blocks);
  suite_add_tcase (s, tc);
  tc = tcase_create ("profiles");
  tcase_set_timeout (tc, 240);
  tcase_add_test (tc, test_profile_matches_commute);
  tcase_add_test (tc, test_corridor_profile_matches_commute);
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
