/* test-ch.c: contraction hierarchies (point-to-point, PHAST, buckets),
 * bidirectional Dijkstra and parallel batches against plain Dijkstra; CH
 * files; sharing one CH between threads; customizable hierarchies under
 * random metrics and closures (run as "test-ch cch"). */
#include "tnet-internal.h"
#include "tests-common.h"
#include "ch-private.h"
#include <gio/gio.h>
#include <glib/gstdio.h>

typedef struct {
  guint n, m;
  TnetId *tails, *heads;
  TnetWeight *w;
} Arcs;

static void
arcs_free (Arcs *a)
{
  g_free (a->tails);
  g_free (a->heads);
  g_free (a->w);
}

/* Random graphs with zero weights, self-loops, parallel arcs and, when
 * @m is small against @n, many components. Two-thirds of the arcs get a
 * reverse twin, as roads do. */
static Arcs
random_arcs (guint n, guint m, guint32 seed)
{
  GRand *r = g_rand_new_with_seed (seed);
  Arcs a = { n, 0, g_new (TnetId, m), g_new (TnetId, m), g_new (TnetWeight, m) };
  while (a.m < m)
    {
      TnetId u = (TnetId) g_rand_int_range (r, 0, (gint32) n);
      TnetId v = g_rand_double (r) < 0.7 ? (u + 1 + (TnetId) g_rand_int_range (r, 0, 5)) % n
                                          : (TnetId) g_rand_int_range (r, 0, (gint32) n);
      double p = g_rand_double (r);
      TnetWeight w = p < 0.1 ? 0 : p < 0.12 ? (TnetWeight) g_rand_int_range (r, 100000, 5000000)
                                            : (TnetWeight) g_rand_int_range (r, 1, 1000);
      a.tails[a.m] = u, a.heads[a.m] = v, a.w[a.m++] = w;
      if (a.m < m && g_rand_double (r) < 0.66)
        a.tails[a.m] = v, a.heads[a.m] = u, a.w[a.m++] = g_rand_double (r) < 0.5 ? w : w + 7;
    }
  g_rand_free (r);
  return a;
}

static void
make_graph (const Arcs *a, TnetGraph **g, TnetMetric **metric)
{
  GError *error = NULL;
  *g = tnet_graph_new_from_arcs (a->n, a->m, a->tails, a->heads, NULL, NULL, &error);
  ck_assert_msg (*g != NULL, "%s", error ? error->message : "");
  *metric = tnet_metric_new (*g, a->w, &error);
  ck_assert_msg (*metric != NULL, "%s", error ? error->message : "");
}

/* The many-to-many with paths against Dijkstra: @n_src sources × @n_tgt
 * seeded random targets (repeats and source = target included). Every
 * cell's distance is the distance-only call's and Dijkstra's; its arcs
 * form a walk from the source to the target (or its arrival twin) of
 * exactly that length, and its nodes are that walk's. Where the shortest
 * path is unique — no arc off Dijkstra's path is tight, i.e. has
 * d(s, u) + w(u, v) + d(v, t) equal to the distance — the arcs are
 * exactly Dijkstra's. Returns the number of such unique cells compared. */
static guint
check_m2m_paths (TnetGraph *g, TnetMetric *metric, TnetCH *ch, const TnetId *src, guint n_src,
                 guint n_tgt, guint32 seed)
{
  const guint n = tnet_graph_n_nodes (g), m = tnet_graph_n_arcs (g);
  GRand *r = g_rand_new_with_seed (seed);
  TnetId *tgt = g_new (TnetId, MAX (n_tgt, 1));
  for (guint j = 0; j < n_tgt; j++)
    tgt[j] = j % 5 == 4 && n_src > 0 ? src[j % n_src] : (TnetId) g_rand_int_range (r, 0, (gint32) n);
  g_rand_free (r);
  TnetSearch *s = tnet_search_new (g);
  TnetWeight *to_t = g_new (TnetWeight, (gsize) MAX (n_tgt, 1) * n);
  for (guint j = 0; j < n_tgt; j++)
    {
      tnet_search_run (s, metric, tgt[j], TNET_BACKWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      for (TnetId v = 0; v < n; v++)
        to_t[(gsize) j * n + v] = tnet_search_distance (s, v);
    }
  TnetCHQuery *q = tnet_ch_query_new (ch);
  TnetWeight *dist = g_new (TnetWeight, (gsize) MAX (n_src * n_tgt, 1));
  TnetWeight *plain = g_new (TnetWeight, (gsize) MAX (n_src * n_tgt, 1));
  tnet_ch_query_many_to_many (q, src, n_src, tgt, n_tgt, plain);
  tnet_ch_query_many_to_many_paths (q, src, n_src, tgt, n_tgt, dist);
  ck_assert (memcmp (dist, plain, (gsize) n_src * n_tgt * sizeof (TnetWeight)) == 0);
  TnetId *arcs = g_new (TnetId, n + 1), *nodes = g_new (TnetId, n + 2);
  /* point-to-point queries between keep the cells, a path query too,
   * though it rewrites the parent array the cells' searches wrote */
  if (n_src > 0 && n_tgt > 0)
    {
      (void) tnet_ch_query_distance (q, src[0], tgt[0]);
      (void) tnet_ch_query_path_nodes (q, tgt[0], src[0], nodes, n + 2);
    }
  TnetId *want = g_new (TnetId, n + 1);
  TnetWeight *from_s = g_new (TnetWeight, n);
  guint n_unique = 0;
  for (guint i = 0; i < n_src; i++)
    {
      tnet_search_run (s, metric, src[i], TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      for (TnetId v = 0; v < n; v++)
        from_s[v] = tnet_search_distance (s, v);
      for (guint j = 0; j < n_tgt; j++)
        {
          TnetWeight d = dist[(gsize) i * n_tgt + j];
          ck_assert_msg (d == from_s[tgt[j]], "cell %u -> %u: %u, Dijkstra %u", src[i],
                         tgt[j], d, from_s[tgt[j]]);
          guint len = tnet_ch_query_cell_path (q, metric, i, j, arcs, n + 1);
          guint nlen = tnet_ch_query_cell_path_nodes (q, i, j, nodes, n + 2);
          if (d == TNET_WEIGHT_INF)
            {
              ck_assert_uint_eq (len, G_MAXUINT);
              ck_assert_uint_eq (nlen, G_MAXUINT);
              continue;
            }
          ck_assert_uint_le (len, n);
          ck_assert_uint_eq (nlen, len + 1);
          ck_assert_uint_eq (nodes[0], src[i]);
          TnetId at = src[i];
          guint64 sum = 0;
          for (guint k = 0; k < len; k++)
            {
              ck_assert_uint_eq (tnet_graph_arc_tail (g, arcs[k]), at);
              at = tnet_graph_arc_head (g, arcs[k]);
              ck_assert_uint_eq (nodes[k + 1], at);
              sum += tnet_metric_weight (metric, arcs[k]);
            }
          ck_assert (at == tgt[j] || at == tnet_graph_arrival_node (g, tgt[j]));
          ck_assert_uint_eq (sum, d);
          /* uniqueness: only the arcs of one path are tight */
          const TnetWeight *back = to_t + (gsize) j * n;
          guint wl = tnet_search_path (s, tgt[j], want, n + 1);
          guint tight = 0;
          for (TnetId a = 0; a < m && tight <= wl; a++)
            {
              TnetId u = tnet_graph_arc_tail (g, a), v = tnet_graph_arc_head (g, a);
              guint64 c = (guint64) from_s[u] + tnet_metric_weight (metric, a) + back[v];
              tight += from_s[u] != TNET_WEIGHT_INF && back[v] != TNET_WEIGHT_INF && c == d;
            }
          if (tight != wl)
            continue;
          n_unique++;
          ck_assert_uint_eq (len, wl);
          for (guint k = 0; k < len; k++)
            ck_assert_msg (arcs[k] == want[k], "cell %u -> %u, arc %u: %u, Dijkstra %u",
                           src[i], tgt[j], k, arcs[k], want[k]);
        }
    }
  g_free (from_s);
  g_free (want);
  g_free (nodes);
  g_free (arcs);
  g_free (plain);
  g_free (dist);
  tnet_ch_query_free (q);
  g_free (to_t);
  tnet_search_free (s);
  g_free (tgt);
  return n_unique;
}

/* Every kernel against plain Dijkstra on one graph. @n_src sources are
 * checked to every node (p2p on @n_pairs targets per source). Returns the
 * number of many-to-many cells whose unique shortest path was compared
 * arc by arc (check_m2m_paths()). */
static guint
check_all_kernels (TnetGraph *g, TnetMetric *metric, TnetCH *ch, guint n_src, guint n_pairs,
                   guint32 seed)
{
  const guint n = tnet_graph_n_nodes (g);
  GRand *r = g_rand_new_with_seed (seed);
  TnetSearch *s = tnet_search_new (g);
  TnetCHQuery *q = tnet_ch_query_new (ch);
  TnetBidir *bd = tnet_bidir_new (g);
  TnetWeight *d = g_new (TnetWeight, n);
  TnetId *src = g_new (TnetId, n_src);
  TnetWeight *want = g_new (TnetWeight, (gsize) n_src * n);
  TnetWeight *want_back = g_new (TnetWeight, (gsize) n_src * n);
  TnetId *path = g_new (TnetId, n + 1);
  for (guint i = 0; i < n_src; i++)
    {
      src[i] = (TnetId) g_rand_int_range (r, 0, (gint32) n);
      tnet_search_run (s, metric, src[i], TNET_BACKWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      for (TnetId v = 0; v < n; v++)
        want_back[(gsize) i * n + v] = tnet_search_distance (s, v);
      tnet_search_run (s, metric, src[i], TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      for (TnetId v = 0; v < n; v++)
        want[(gsize) i * n + v] = tnet_search_distance (s, v);
      const TnetWeight *row = want + (gsize) i * n;
      /* PHAST, both directions */
      tnet_ch_query_one_to_all (q, src[i], TNET_FORWARD, d);
      for (TnetId v = 0; v < n; v++)
        ck_assert_msg (d[v] == row[v], "PHAST %u -> %u: %u, Dijkstra %u", src[i], v, d[v], row[v]);
      tnet_ch_query_one_to_all (q, src[i], TNET_BACKWARD, d);
      for (TnetId v = 0; v < n; v++)
        ck_assert_msg (d[v] == want_back[(gsize) i * n + v], "PHAST back %u <- %u: %u vs %u",
                       src[i], v, d[v], want_back[(gsize) i * n + v]);
      /* point-to-point: CH and bidirectional */
      for (guint k = 0; k < n_pairs; k++)
        {
          TnetId t = n_pairs >= n ? k : (TnetId) g_rand_int_range (r, 0, (gint32) n);
          TnetWeight got = tnet_ch_query_distance (q, src[i], t);
          ck_assert_msg (got == row[t], "CH %u -> %u: %u, Dijkstra %u", src[i], t, got, row[t]);
          /* the CH path unpacked: a walk src -> t of exactly Dijkstra's length */
          guint plen = tnet_ch_query_path (q, metric, src[i], t, path, n + 1);
          if (row[t] == TNET_WEIGHT_INF)
            ck_assert_uint_eq (plen, G_MAXUINT);
          else
            {
              ck_assert_uint_le (plen, n);
              TnetId at = src[i];
              guint64 sum = 0;
              for (guint j = 0; j < plen; j++)
                {
                  ck_assert_uint_eq (tnet_graph_arc_tail (g, path[j]), at);
                  at = tnet_graph_arc_head (g, path[j]);
                  sum += tnet_metric_weight (metric, path[j]);
                }
              ck_assert (at == t || at == tnet_graph_arrival_node (g, t));
              ck_assert_uint_eq (sum, row[t]);
            }
          got = tnet_bidir_run (bd, metric, src[i], t);
          ck_assert_msg (got == row[t], "bidir %u -> %u: %u, Dijkstra %u", src[i], t, got, row[t]);
          guint len = tnet_bidir_path (bd, path, n + 1);
          if (got == TNET_WEIGHT_INF)
            ck_assert_uint_eq (len, G_MAXUINT);
          else
            {
              /* the path is a real walk src -> t of the reported length */
              ck_assert_uint_le (len, n);
              TnetId at = src[i];
              guint64 sum = 0;
              for (guint j = 0; j < len; j++)
                {
                  ck_assert_uint_eq (tnet_graph_arc_tail (g, path[j]), at);
                  at = tnet_graph_arc_head (g, path[j]);
                  sum += tnet_metric_weight (metric, path[j]);
                }
              ck_assert (at == t || at == tnet_graph_arrival_node (g, t));
              ck_assert_uint_eq (sum, got);
            }
        }
    }
  /* buckets: sources x the same nodes as targets, and the full rows */
  TnetWeight *mm = g_new (TnetWeight, (gsize) n_src * n_src);
  tnet_ch_query_many_to_many (q, src, n_src, src, n_src, mm);
  for (guint i = 0; i < n_src; i++)
    for (guint j = 0; j < n_src; j++)
      ck_assert_uint_eq (mm[(gsize) i * n_src + j], want[(gsize) i * n + src[j]]);
  TnetId *all = g_new (TnetId, n);
  for (TnetId v = 0; v < n; v++)
    all[v] = v;
  TnetWeight *rows = g_new (TnetWeight, (gsize) n_src * n);
  tnet_ch_query_many_to_many (q, src, n_src, all, n, rows);
  ck_assert (memcmp (rows, want, (gsize) n_src * n * sizeof (TnetWeight)) == 0);
  /* buckets with paths */
  guint n_unique = check_m2m_paths (g, metric, ch, src, n_src, MIN (n, 40u), seed + 7);
  /* parallel batches: Dijkstra and PHAST, 1 and 3 threads, both directions */
  for (int kind = 0; kind < 2; kind++)
    for (guint threads = 1; threads <= 3; threads += 2)
      {
        GError *error = NULL;
        memset (rows, 0xab, (gsize) n_src * n * sizeof (TnetWeight));
        ck_assert (tnet_batch_one_to_all (metric, kind ? ch : NULL, src, n_src, TNET_FORWARD,
                                          threads, rows, NULL, NULL, &error));
        ck_assert (memcmp (rows, want, (gsize) n_src * n * sizeof (TnetWeight)) == 0);
        ck_assert (tnet_batch_one_to_all (metric, kind ? ch : NULL, src, n_src, TNET_BACKWARD,
                                          threads, rows, NULL, NULL, &error));
        ck_assert (memcmp (rows, want_back, (gsize) n_src * n * sizeof (TnetWeight)) == 0);
      }
  g_free (all);
  g_free (rows);
  g_free (mm);
  g_free (path);
  g_free (want);
  g_free (want_back);
  g_free (src);
  g_free (d);
  tnet_bidir_free (bd);
  tnet_ch_query_free (q);
  tnet_search_free (s);
  g_rand_free (r);
  return n_unique;
}

static const guint sizes[][2] = {
  { 1, 0 }, { 2, 1 }, { 5, 12 }, { 40, 30 }, { 60, 200 }, { 300, 900 }, { 1000, 2600 },
  { 2000, 1500 }, { 3000, 9000 },
};

static void check_ch_layout (const TnetCH *ch);

START_TEST (test_random_graphs)
{
  guint n = sizes[_i][0], m = sizes[_i][1];
  for (guint32 seed = 1; seed <= 3; seed++)
    {
      Arcs a = random_arcs (n, m, seed * 7919 + _i);
      TnetGraph *g;
      TnetMetric *metric;
      make_graph (&a, &g, &metric);
      GError *error = NULL;
      TnetCH *ch = tnet_ch_build (metric, NULL, &error);
      ck_assert_msg (ch != NULL, "%s", error ? error->message : "");
      ck_assert_uint_eq (tnet_ch_n_nodes (ch), n);
      check_ch_layout (ch);
      check_all_kernels (g, metric, ch, MIN (n, 12u), MIN (n, 200u), seed);
      /* a tiny witness limit gives more shortcuts but the same answers
       * (on small graphs only: the hierarchy gets dense) */
      if (n > 300)
        goto next;
      TnetCHOptions o;
      tnet_ch_options_init (&o);
      o.witness_settle_limit = 1;
      o.priority_settle_limit = 1;
      TnetCH *ch1 = tnet_ch_build (metric, &o, &error);
      check_all_kernels (g, metric, ch1, MIN (n, 5u), MIN (n, 50u), seed + 100);
      tnet_ch_unref (ch1);
    next:
      tnet_ch_unref (ch);
      tnet_metric_unref (metric);
      tnet_graph_unref (g);
      arcs_free (&a);
    }
}
END_TEST

/* A long two-way path (200,000 nodes under shuffled ids): large enough
 * that the query's labels and the hierarchy's entries are placed on huge
 * pages (ch.c, arrays of 2 MiB or more), with distances known in closed
 * form: prefix sums of the forward weights one way, of the backward
 * weights the other. */
START_TEST (test_large_path)
{
  const guint n = 200000;
  GRand *r = g_rand_new_with_seed (4242);
  TnetId *id = g_new (TnetId, n);   /* position on the path -> node id */
  for (guint i = 0; i < n; i++)
    id[i] = i;
  for (guint i = n - 1; i > 0; i--)
    {
      guint j = (guint) g_rand_int_range (r, 0, (gint32) i + 1);
      TnetId t = id[i];
      id[i] = id[j], id[j] = t;
    }
  Arcs a = { n, 2 * (n - 1), g_new (TnetId, 2 * (n - 1)), g_new (TnetId, 2 * (n - 1)),
             g_new (TnetWeight, 2 * (n - 1)) };
  guint64 *pf = g_new (guint64, n), *pb = g_new (guint64, n);   /* prefix sums by position */
  pf[0] = pb[0] = 0;
  for (guint i = 0; i + 1 < n; i++)
    {
      TnetWeight wf = (TnetWeight) g_rand_int_range (r, 1, 1000);
      TnetWeight wb = (TnetWeight) g_rand_int_range (r, 1, 1000);
      a.tails[2 * i] = id[i], a.heads[2 * i] = id[i + 1], a.w[2 * i] = wf;
      a.tails[2 * i + 1] = id[i + 1], a.heads[2 * i + 1] = id[i], a.w[2 * i + 1] = wb;
      pf[i + 1] = pf[i] + wf;
      pb[i + 1] = pb[i] + wb;
    }
  TnetGraph *g;
  TnetMetric *metric;
  make_graph (&a, &g, &metric);
  GError *error = NULL;
  TnetCH *ch = tnet_ch_build (metric, NULL, &error);
  ck_assert_msg (ch != NULL, "%s", error ? error->message : "");
  TnetCHQuery *q = tnet_ch_query_new (ch);
  guint *pos = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    pos[id[i]] = i;
#define PATH_DIST(i, j) ((i) <= (j) ? pf[j] - pf[i] : pb[i] - pb[j])
  for (guint k = 0; k < 2000; k++)
    {
      guint i = (guint) g_rand_int_range (r, 0, (gint32) n);
      guint j = (guint) g_rand_int_range (r, 0, (gint32) n);
      ck_assert_uint_eq (tnet_ch_query_distance (q, id[i], id[j]), PATH_DIST (i, j));
      if (k % 100 == 0)
        {
          /* the unpacked path walks every position between i and j */
          guint len = (i > j ? i - j : j - i) + 1;
          TnetId *nodes = g_new (TnetId, len);
          ck_assert_uint_eq (tnet_ch_query_path_nodes (q, id[i], id[j], nodes, len), len);
          for (guint h = 0; h < len; h++)
            ck_assert_uint_eq (nodes[h], id[i <= j ? i + h : i - h]);
          g_free (nodes);
        }
    }
  TnetWeight *row = g_new (TnetWeight, n);
  guint s = (guint) g_rand_int_range (r, 0, (gint32) n);
  tnet_ch_query_one_to_all (q, id[s], TNET_FORWARD, row);
  for (guint v = 0; v < n; v++)
    ck_assert_uint_eq (row[v], PATH_DIST (s, pos[v]));
  tnet_ch_query_one_to_all (q, id[s], TNET_BACKWARD, row);
  for (guint v = 0; v < n; v++)
    ck_assert_uint_eq (row[v], PATH_DIST (pos[v], s));
  TnetId src[16], dst[16];
  for (guint k = 0; k < 16; k++)
    src[k] = (TnetId) g_rand_int_range (r, 0, (gint32) n),
    dst[k] = (TnetId) g_rand_int_range (r, 0, (gint32) n);
  TnetWeight mat[16 * 16];
  tnet_ch_query_many_to_many (q, src, 16, dst, 16, mat);
  for (guint x = 0; x < 16; x++)
    for (guint y = 0; y < 16; y++)
      ck_assert_uint_eq (mat[x * 16 + y], PATH_DIST (pos[src[x]], pos[dst[y]]));
  /* with paths (parents on the path query's array, made here by the first
   * path query above): every cell walks the positions between its ends */
  TnetWeight pmat[4 * 4];
  tnet_ch_query_many_to_many_paths (q, src, 4, dst, 4, pmat);
  TnetId *walk = g_new (TnetId, n);
  for (guint x = 0; x < 4; x++)
    for (guint y = 0; y < 4; y++)
      {
        guint i = pos[src[x]], j = pos[dst[y]];
        guint len = (i > j ? i - j : j - i) + 1;
        ck_assert_uint_eq (pmat[x * 4 + y], PATH_DIST (i, j));
        ck_assert_uint_eq (tnet_ch_query_cell_path_nodes (q, x, y, walk, n), len);
        for (guint h = 0; h < len; h++)
          ck_assert_uint_eq (walk[h], id[i <= j ? i + h : i - h]);
      }
  g_free (walk);
#undef PATH_DIST
  g_free (row);
  g_free (pos);
  g_free (pf);
  g_free (pb);
  g_free (id);
  tnet_ch_query_free (q);
  tnet_ch_unref (ch);
  tnet_metric_unref (metric);
  tnet_graph_unref (g);
  arcs_free (&a);
  g_rand_free (r);
}
END_TEST

START_TEST (test_rome99)
{
  g_autofree char *path = tt_data_path ("rome99/rome99.gr");
  GError *error = NULL;
  TnetArcList *l = tnet_dimacs_load (path, NULL, &error);
  ck_assert_msg (l != NULL, "%s", error ? error->message : "");
  TnetGraph *g = tnet_graph_new_from_arcs (l->n_nodes, l->n_arcs, l->tails, l->heads, NULL,
                                           NULL, &error);
  TnetMetric *metric = tnet_metric_new (g, l->weights, &error);
  ck_assert (metric != NULL);
  TnetCH *ch = tnet_ch_build (metric, NULL, &error);
  ck_assert (ch != NULL);
  /* 20 × 40 cells: most shortest paths are unique (797 when written) and
   * compared arc by arc with Dijkstra's */
  ck_assert_uint_ge (check_all_kernels (g, metric, ch, 20, 300, 99), 600);
  tnet_ch_unref (ch);
  tnet_metric_unref (metric);
  tnet_graph_unref (g);
  tnet_arc_list_free (l);
}
END_TEST

static TnetGraph *
monaco_graph (TnetMetric **time)
{
  g_autofree char *path = tt_data_path ("monaco/monaco.osm.pbf");
  GError *error = NULL;
  TnetNetwork *net = tnet_network_load_osm (path, NULL, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  TnetScenario *scen = tnet_scenario_new (2025);
  TnetGraph *g = tnet_graph_compile_modes (net, scen,
                                           TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS),
                                           time, NULL, &error);
  ck_assert_msg (g != NULL, "%s", error ? error->message : "");
  tnet_scenario_free (scen);
  tnet_network_free (net);
  return g;
}

START_TEST (test_monaco)
{
  TnetMetric *metric;
  TnetGraph *g = monaco_graph (&metric);
  GError *error = NULL;
  TnetCH *ch = tnet_ch_build (metric, NULL, &error);
  ck_assert (ch != NULL);
  /* 12 × 40 cells, 432 with a unique shortest path when written */
  ck_assert_uint_ge (check_all_kernels (g, metric, ch, 12, 400, 377), 300);
  tnet_ch_unref (ch);
  tnet_metric_unref (metric);
  tnet_graph_unref (g);
}
END_TEST

/* A network with zones joined by access links: compiled graphs give zones
 * arrival twins, and every kernel must read them as TnetSearch does. */
START_TEST (test_zones)
{
  GRand *r = g_rand_new_with_seed (31337);
  TnetNetwork *net = tnet_network_new ();
  GError *error = NULL;
  const guint n_junctions = 300, n_zones = 25;
  for (guint i = 0; i < n_junctions + n_zones; i++)
    {
      char id[16];
      g_snprintf (id, sizeof id, "%s%u", i < n_junctions ? "j" : "z", i);
      TnetNode node = { .id = id, .name = id,
                        .kind = i < n_junctions ? TNET_NODE_JUNCTION : TNET_NODE_ZONE,
                        .lon = 113.8 + g_rand_double (r) * 0.2, .lat = 34.0 + g_rand_double (r) * 0.2 };
      ck_assert (tnet_network_add_node (net, &node, &error) != TNET_ID_NONE);
    }
  guint k = 0;
  for (guint i = 0; i < 700; i++)
    {
      char id[16];
      g_snprintf (id, sizeof id, "r%u", k++);
      TnetId a = (TnetId) g_rand_int_range (r, 0, n_junctions);
      TnetId b = (a + 1 + (TnetId) g_rand_int_range (r, 0, 9)) % n_junctions;
      TnetLink l = { .id = id, .from = a, .to = b, .mode = TNET_MODE_ROAD,
                     .length_m = 100 + g_rand_int_range (r, 0, 3000), .speed_kmh = 50,
                     .time_ms = TNET_WEIGHT_INF, .oneway = g_rand_double (r) < 0.3 };
      ck_assert_msg (tnet_network_add_link (net, &l, &error) != TNET_ID_NONE, "%s",
                     error ? error->message : "");
    }
  for (guint z = n_junctions; z < n_junctions + n_zones; z++)
    for (int c = 0; c < 2; c++)
      {
        char id[16];
        g_snprintf (id, sizeof id, "a%u", k++);
        TnetLink l = { .id = id, .from = z, .to = (TnetId) g_rand_int_range (r, 0, n_junctions),
                       .mode = TNET_MODE_ACCESS, .length_m = 500, .speed_kmh = 20,
                       .time_ms = TNET_WEIGHT_INF };
        ck_assert (tnet_network_add_link (net, &l, &error) != TNET_ID_NONE);
      }
  TnetScenario *scen = tnet_scenario_new (2025);
  TnetMetric *metric = NULL;
  TnetGraph *g = tnet_graph_compile_modes (net, scen,
                                           TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS),
                                           &metric, NULL, &error);
  ck_assert_msg (g != NULL, "%s", error ? error->message : "");
  ck_assert_uint_gt (tnet_graph_n_nodes (g), n_junctions + n_zones);   /* twins exist */
  TnetCH *ch = tnet_ch_build (metric, NULL, &error);
  ck_assert (ch != NULL && ch->arrive != NULL);
  check_all_kernels (g, metric, ch, 30, tnet_graph_n_nodes (g), 8);
  /* a customised hierarchy reads the zones the same way */
  TnetCCH *cch = tnet_cch_new (g, &error);
  ck_assert_msg (cch != NULL, "%s", error ? error->message : "");
  TnetCH *cch_ch = tnet_cch_customize (cch, metric, &error);
  ck_assert (cch_ch != NULL && cch_ch->arrive != NULL);
  check_all_kernels (g, metric, cch_ch, 30, tnet_graph_n_nodes (g), 9);
  tnet_ch_unref (cch_ch);
  tnet_cch_unref (cch);
  /* zone to zone, explicitly, and through a saved and reloaded CH */
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "zones.ch", NULL);
  ck_assert (tnet_ch_save (ch, path, &error));
  TnetCH *back = tnet_ch_load (path, &error);
  ck_assert_msg (back != NULL, "%s", error ? error->message : "");
  ck_assert (back->arrive != NULL);
  ck_assert (memcmp (back->arrive, ch->arrive, ch->n_nodes * 4) == 0);
  TnetSearch *s = tnet_search_new (g);
  TnetCHQuery *q = tnet_ch_query_new (back);
  for (TnetId a = n_junctions; a < n_junctions + n_zones; a++)
    {
      tnet_search_run (s, metric, a, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      for (TnetId b = n_junctions; b < n_junctions + n_zones; b++)
        ck_assert_uint_eq (tnet_ch_query_distance (q, a, b), tnet_search_distance (s, b));
    }
  tnet_ch_query_free (q);
  tnet_search_free (s);
  tnet_ch_unref (back);
  tt_rm_rf (dir);
  tnet_ch_unref (ch);
  tnet_metric_unref (metric);
  tnet_graph_unref (g);
  tnet_scenario_free (scen);
  tnet_network_free (net);
  g_rand_free (r);
}
END_TEST

static char *
ch_bytes (const TnetCH *ch, const char *path, gsize *len)
{
  GError *error = NULL;
  ck_assert_msg (tnet_ch_save (ch, path, &error), "%s", error ? error->message : "");
  char *data = NULL;
  ck_assert (g_file_get_contents (path, &data, len, NULL));
  return data;
}

static guint64
fnv1a (const guint8 *p, gsize len)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  for (gsize i = 0; i < len; i++)
    h = (h ^ p[i]) * G_GUINT64_CONSTANT (0x100000001b3);
  return h;
}

/* Writes @data with a recomputed checksum, so only the validation of the
 * content can catch what was changed. */
static void
write_resealed (const char *path, char *data, gsize len)
{
  guint64 h = fnv1a ((const guint8 *) data + 48, len - 48);
  for (int i = 0; i < 8; i++)
    data[32 + i] = (char) (h >> (8 * i));
  ck_assert (g_file_set_contents (path, data, (gssize) len, NULL));
}

/* Distinct random weights make shortest paths unique, so the CH's unpacked
 * path must be exactly the arcs of Dijkstra's tree. Then a closure and a
 * speed change applied by re-customising the order: every kernel against
 * Dijkstra on the new weights. */
START_TEST (test_paths_and_customize)
{
  const guint n = 2000, m = 6000;
  Arcs a = random_arcs (n, m, 777 + _i);
  GRand *r = g_rand_new_with_seed (99 + _i);
  for (guint k = 0; k < a.m; k++)
    a.w[k] = (TnetWeight) g_rand_int_range (r, 1, 1 << 24) * 64 + k % 64;
  TnetGraph *g;
  TnetMetric *metric;
  make_graph (&a, &g, &metric);
  GError *error = NULL;
  TnetCH *ch = tnet_ch_build (metric, NULL, &error);
  ck_assert_msg (ch != NULL, "%s", error ? error->message : "");
  TnetCHQuery *q = tnet_ch_query_new (ch);
  TnetSearch *s = tnet_search_new (g);
  TnetId *path = g_new (TnetId, n + 1), *nodes = g_new (TnetId, n + 1);
  TnetId *want = g_new (TnetId, n + 1);
  for (guint i = 0; i < 20; i++)
    {
      TnetId src = (TnetId) g_rand_int_range (r, 0, (gint32) n);
      tnet_search_run (s, metric, src, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      for (guint k = 0; k < 50; k++)
        {
          TnetId t = (TnetId) g_rand_int_range (r, 0, (gint32) n);
          guint len = tnet_ch_query_path (q, metric, src, t, path, n + 1);
          guint nlen = tnet_ch_query_path_nodes (q, src, t, nodes, n + 1);
          if (tnet_search_distance (s, t) == TNET_WEIGHT_INF)
            {
              ck_assert_uint_eq (len, G_MAXUINT);
              ck_assert_uint_eq (nlen, G_MAXUINT);
              continue;
            }
          /* Dijkstra's path */
          guint wl = tnet_search_path (s, t, want, n + 1);
          ck_assert_uint_eq (len, wl);
          ck_assert_uint_eq (nlen, wl + 1);
          for (guint j = 0; j < wl; j++)
            {
              ck_assert_uint_eq (path[j], want[j]);
              ck_assert_uint_eq (nodes[j], tnet_graph_arc_tail (g, path[j]));
            }
          ck_assert_uint_eq (nodes[wl], t);
        }
    }
  /* closures (every 10th arc at TNET_WEIGHT_MAX) and a speed change */
  TnetWeight *w2 = g_memdup2 (a.w, a.m * sizeof (TnetWeight));
  for (guint k = 0; k < a.m; k++)
    w2[k] = k % 10 == 3 ? TNET_WEIGHT_MAX : k % 7 == 0 ? w2[k] / 3 : w2[k];
  TnetMetric *metric2 = tnet_metric_new (g, w2, &error);
  ck_assert (metric2 != NULL);
  TnetCH *ch2 = tnet_ch_customize (ch, metric2, NULL, &error);
  ck_assert_msg (ch2 != NULL, "%s", error ? error->message : "");
  ck_assert (memcmp (ch2->rank, ch->rank, n * sizeof (uint32_t)) == 0);
  check_all_kernels (g, metric2, ch2, 12, 200, 31);
  /* a metric on another graph is refused */
  Arcs b = random_arcs (10, 20, 5);
  TnetGraph *gb;
  TnetMetric *mb;
  make_graph (&b, &gb, &mb);
  ck_assert (tnet_ch_customize (ch, mb, NULL, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "nodes");
  tnet_metric_unref (mb);
  tnet_graph_unref (gb);
  arcs_free (&b);
  tnet_ch_unref (ch2);
  tnet_metric_unref (metric2);
  g_free (w2);
  g_free (path);
  g_free (nodes);
  g_free (want);
  tnet_search_free (s);
  tnet_ch_query_free (q);
  tnet_ch_unref (ch);
  tnet_metric_unref (metric);
  tnet_graph_unref (g);
  arcs_free (&a);
  g_rand_free (r);
}
END_TEST

/* Random weights on @a's arcs and random closures (TNET_WEIGHT_MAX):
 * @kind 0 a few closed arcs, 1 a third closed, 2 every arc out of and
 * into a tenth of the nodes closed (disconnecting them), 3 near-MAX
 * weights whose sums reach INF. */
static TnetWeight *
random_metric_weights (const Arcs *a, GRand *r, int kind)
{
  TnetWeight *w = g_new (TnetWeight, MAX (a->m, 1u));
  guint8 *cut = g_new0 (guint8, MAX (a->n, 1u));
  for (guint v = 0; v < a->n; v++)
    cut[v] = kind == 2 && g_rand_double (r) < 0.1;
  for (guint k = 0; k < a->m; k++)
    {
      double p = g_rand_double (r);
      w[k] = p < 0.05 ? 0 : (TnetWeight) g_rand_int_range (r, 1, 5000);
      if ((kind == 0 && p > 0.97) || (kind == 1 && p > 0.66)
          || (kind == 2 && (cut[a->tails[k]] || cut[a->heads[k]])))
        w[k] = TNET_WEIGHT_MAX;
      if (kind == 3 && p > 0.8)
        w[k] = TNET_WEIGHT_MAX - (TnetWeight) g_rand_int_range (r, 0, 1 << 30);
    }
  g_free (cut);
  return w;
}

/* The customised hierarchy's layout holds ch-private.h's invariants:
 * every entry upward, heads increasing, never INF both ways, and middle
 * nodes below their arc with halves that add up. */
static void
check_ch_layout (const TnetCH *ch)
{
  for (guint x = 0; x < ch->n_nodes; x++)
    for (guint e = ch->first[x]; e < ch->first[x + 1]; e++)
      {
        const TnetCHEntry *u = &ch->up[e];
        ck_assert_uint_gt (u->head, x);
        ck_assert_uint_lt (u->head, ch->n_nodes);
        if (e > ch->first[x])
          ck_assert_uint_gt (u->head, ch->up[e - 1].head);
        ck_assert (u->wf != TNET_WEIGHT_INF || u->wb != TNET_WEIGHT_INF);
        ck_assert_uint_le (u->wf, TNET_WEIGHT_INF);
        ck_assert_uint_le (u->wb, TNET_WEIGHT_INF);
        if (ch->mid[e].mf != TNET_CH_NO_MID)
          ck_assert_uint_lt (ch->mid[e].mf, x);
        if (ch->mid[e].mb != TNET_CH_NO_MID)
          ck_assert_uint_lt (ch->mid[e].mb, x);
      }
}

/* The entry of @ch's node @x (a number in its layout) towards @h, or NULL. */
static const TnetCHEntry *
find_entry (const TnetCH *ch, uint32_t x, uint32_t h, const TnetCHMid **mid)
{
  for (guint e = ch->first[x]; e < ch->first[x + 1]; e++)
    if (ch->up[e].head == h)
      {
        *mid = &ch->mid[e];
        return &ch->up[e];
      }
  return NULL;
}

/* tnet_i_ch_relayout renumbers a hierarchy without changing it. Against the
 * hierarchy it started from, by external node ids: every node keeps as
 * many entries, each arc is there with its weights and middle nodes, the
 * @core highest nodes keep their numbers; the invariants hold; and every
 * kernel still matches Dijkstra. Core sizes from none (the depth-first
 * search numbers every node) to all (nothing moves). */
START_TEST (test_relayout)
{
  static const guint cores[] = { 0, 1, 57, 3000 };
  Arcs a = random_arcs (3000, 9000, 4243);
  TnetGraph *g;
  TnetMetric *metric;
  make_graph (&a, &g, &metric);
  GError *error = NULL;
  TnetCH *ch = tnet_ch_build (metric, NULL, &error);
  ck_assert_msg (ch != NULL, "%s", error ? error->message : "");
  const guint n = ch->n_nodes, ne = ch->n_entries;
  for (guint c = 0; c < G_N_ELEMENTS (cores); c++)
    {
      uint32_t *rank = g_memdup2 (ch->rank, n * sizeof *rank);
      uint32_t *first = g_memdup2 (ch->first, (n + 1) * sizeof *first);
      TnetCHEntry *up = g_memdup2 (ch->up, ne * sizeof *up);
      TnetCHMid *mid = g_memdup2 (ch->mid, ne * sizeof *mid);
      tnet_i_ch_relayout (n, ne, cores[c], rank, &first, &up, &mid);
      TnetCH *re = tnet_i_ch_new_take (n, ne, rank, first, up, mid, NULL);
      check_ch_layout (re);
      guint moved = 0;
      for (uint32_t x = 0; x < n; x++)
        {
          uint32_t v = ch->node_of[x], rx = re->rank[v];
          moved += rx != x;
          if (x >= n - cores[c])
            ck_assert_uint_eq (rx, x);
          ck_assert_uint_eq (re->first[rx + 1] - re->first[rx], ch->first[x + 1] - ch->first[x]);
          for (guint e = ch->first[x]; e < ch->first[x + 1]; e++)
            {
              const TnetCHMid *m;
              const TnetCHEntry *got
                = find_entry (re, rx, re->rank[ch->node_of[ch->up[e].head]], &m);
              ck_assert (got != NULL);
              ck_assert_uint_eq (got->wf, ch->up[e].wf);
              ck_assert_uint_eq (got->wb, ch->up[e].wb);
              uint32_t mf = ch->mid[e].mf, mb = ch->mid[e].mb;
              ck_assert_uint_eq (m->mf, mf == TNET_CH_NO_MID ? mf : re->rank[ch->node_of[mf]]);
              ck_assert_uint_eq (m->mb, mb == TNET_CH_NO_MID ? mb : re->rank[ch->node_of[mb]]);
            }
        }
      /* a core below n leaves the search something to reorder */
      if (cores[c] < n)
        ck_assert_uint_gt (moved, 0);
      check_all_kernels (g, metric, re, 12, 200, 77 + c);
      tnet_ch_unref (re);
    }
  tnet_ch_unref (ch);
  tnet_metric_unref (metric);
  tnet_graph_unref (g);
  arcs_free (&a);
}
END_TEST

/* Customizable hierarchies under random metrics and closures against
 * Dijkstra, through every query kernel. */
START_TEST (test_cch_random)
{
  guint n = sizes[_i][0], m = sizes[_i][1];
  for (guint32 seed = 1; seed <= (n <= 300 ? 3u : 1u); seed++)
    {
      Arcs a = random_arcs (n, m, seed * 104729 + _i);
      TnetGraph *g;
      TnetMetric *metric;
      make_graph (&a, &g, &metric);
      GError *error = NULL;
      TnetCCH *cch = tnet_cch_new (g, &error);
      ck_assert_msg (cch != NULL, "%s", error ? error->message : "");
      GRand *r = g_rand_new_with_seed (seed + 17 * _i);
      for (int kind = 0; kind < 4; kind++)
        {
          TnetWeight *w = random_metric_weights (&a, r, kind);
          TnetMetric *mk = tnet_metric_new (g, w, &error);
          ck_assert_msg (mk != NULL, "%s", error ? error->message : "");
          TnetCH *ch = tnet_cch_customize (cch, mk, &error);
          ck_assert_msg (ch != NULL, "%s", error ? error->message : "");
          ck_assert_uint_eq (tnet_ch_n_nodes (ch), n);
          check_ch_layout (ch);
          check_all_kernels (g, mk, ch, MIN (n, 8u), MIN (n, 120u), seed * 10 + (guint) kind);
          tnet_ch_unref (ch);
          tnet_metric_unref (mk);
          g_free (w);
        }
      /* the input metric too */
      TnetCH *ch = tnet_cch_customize (cch, metric, &error);
      ck_assert (ch != NULL);
      check_all_kernels (g, metric, ch, MIN (n, 6u), MIN (n, 100u), seed + 5);
      tnet_ch_unref (ch);
      g_rand_free (r);
      tnet_cch_unref (cch);
      tnet_metric_unref (metric);
      tnet_graph_unref (g);
      arcs_free (&a);
    }
}
END_TEST

/* The graph of @a's arcs whose @closed flag is 0 (all of them for NULL),
 * each arc's link its index in @a, and its metric. */
static void
make_open_graph (const Arcs *a, const guint8 *closed, TnetGraph **g, TnetMetric **metric)
{
  Arcs o = { a->n, 0, g_new (TnetId, MAX (a->m, 1u)), g_new (TnetId, MAX (a->m, 1u)),
             g_new (TnetWeight, MAX (a->m, 1u)) };
  TnetId *links = g_new (TnetId, MAX (a->m, 1u));
  for (guint k = 0; k < a->m; k++)
    if (closed == NULL || !closed[k])
      {
        links[o.m] = k;
        o.tails[o.m] = a->tails[k], o.heads[o.m] = a->heads[k], o.w[o.m++] = a->w[k];
      }
  GError *error = NULL;
  *g = tnet_graph_new_from_arcs (o.n, o.m, o.tails, o.heads, links, NULL, &error);
  ck_assert_msg (*g != NULL, "%s", error ? error->message : "");
  *metric = tnet_metric_new (*g, o.w, &error);
  ck_assert_msg (*metric != NULL, "%s", error ? error->message : "");
  g_free (links);
  arcs_free (&o);
}

/* Closure as a mask: on a hand graph, an open arc at TNET_WEIGHT_MAX
 * stays a path (0 → 1 → 2 at MAX, as Dijkstra has it) and a closed arc is
 * none even followed by a zero-weight arc (3 and 4 unreachable), where a
 * closed arc weighted TNET_WEIGHT_MAX would make them reachable at MAX.
 * Then seeded random graphs with random closures, zero and MAX weights:
 * tnet_cch_customize_closed() on the whole graph and
 * tnet_cch_customize_subgraph() on the graph without the closed arcs
 * against Dijkstra on the latter, through every kernel. */
START_TEST (test_cch_closed_mask)
{
  TnetId tails[] = { 0, 1, 0, 3, 2 }, heads[] = { 1, 2, 3, 4, 0 };
  TnetWeight w[] = { TNET_WEIGHT_MAX, 0, 5, 0, 7 };
  guint8 shut[] = { 0, 0, 1, 0, 0 };
  Arcs hand = { 5, 5, tails, heads, w };
  TnetGraph *g, *sub;
  TnetMetric *metric, *sub_metric;
  make_open_graph (&hand, NULL, &g, &metric);
  make_open_graph (&hand, shut, &sub, &sub_metric);
  GError *error = NULL;
  TnetCCH *cch = tnet_cch_new (g, &error);
  ck_assert_msg (cch != NULL, "%s", error ? error->message : "");
  TnetCH *by_mask = tnet_cch_customize_closed (cch, metric, shut, &error);
  TnetCH *by_sub = tnet_cch_customize_subgraph (cch, sub_metric, &error);
  ck_assert_msg (by_mask != NULL && by_sub != NULL, "%s", error ? error->message : "");
  static const TnetWeight want[] = { 0, TNET_WEIGHT_MAX, TNET_WEIGHT_MAX, TNET_WEIGHT_INF,
                                     TNET_WEIGHT_INF };
  TnetCHQuery *qm = tnet_ch_query_new (by_mask), *qs = tnet_ch_query_new (by_sub);
  for (TnetId v = 0; v < 5; v++)
    {
      ck_assert_uint_eq (tnet_ch_query_distance (qm, 0, v), want[v]);
      ck_assert_uint_eq (tnet_ch_query_distance (qs, 0, v), want[v]);
    }
  check_all_kernels (sub, sub_metric, by_mask, 5, 5, 31);
  check_all_kernels (sub, sub_metric, by_sub, 5, 5, 32);
  tnet_ch_query_free (qm);
  tnet_ch_query_free (qs);
  /* what a closure by weight gives instead: 3 reachable at MAX */
  TnetWeight w_magic[] = { TNET_WEIGHT_MAX, 0, TNET_WEIGHT_MAX, 0, 7 };
  TnetMetric *magic = tnet_metric_new (g, w_magic, &error);
  TnetCH *by_weight = tnet_cch_customize (cch, magic, &error);
  TnetCHQuery *qw = tnet_ch_query_new (by_weight);
  ck_assert_uint_eq (tnet_ch_query_distance (qw, 0, 3), TNET_WEIGHT_MAX);
  tnet_ch_query_free (qw);
  tnet_ch_unref (by_weight);
  tnet_metric_unref (magic);
  /* NULL mask: tnet_cch_customize() */
  TnetCH *none = tnet_cch_customize_closed (cch, metric, NULL, &error);
  check_all_kernels (g, metric, none, 5, 5, 33);
  tnet_ch_unref (none);
  /* not a subgraph: an arc the CCH's graph lacks, or other nodes */
  TnetId t2[] = { 0, 4 }, h2[] = { 1, 0 };
  TnetWeight w2[] = { 1, 1 };
  Arcs extra = { 5, 2, t2, h2, w2 };
  TnetGraph *gx;
  TnetMetric *mx;
  make_open_graph (&extra, NULL, &gx, &mx);
  ck_assert (tnet_cch_customize_subgraph (cch, mx, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "with arcs left out");
  tnet_metric_unref (mx);
  tnet_graph_unref (gx);
  Arcs fewer = { 4, 2, tails, heads, w };
  make_open_graph (&fewer, NULL, &gx, &mx);
  ck_assert (tnet_cch_customize_subgraph (cch, mx, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "with arcs left out");
  tnet_metric_unref (mx);
  tnet_graph_unref (gx);
  tnet_ch_unref (by_mask);
  tnet_ch_unref (by_sub);
  tnet_cch_unref (cch);
  tnet_metric_unref (sub_metric);
  tnet_graph_unref (sub);
  tnet_metric_unref (metric);
  tnet_graph_unref (g);

  for (guint32 seed = 1; seed <= 4; seed++)
    {
      Arcs a = random_arcs (seed < 3 ? 60 : 600, seed < 3 ? 200 : 2000, seed * 7919);
      GRand *r = g_rand_new_with_seed (seed);
      guint8 *closed = g_new0 (guint8, a.m);
      for (guint k = 0; k < a.m; k++)
        {
          double p = g_rand_double (r);
          closed[k] = p < 0.05 * seed;
          if (p > 0.9)
            a.w[k] = TNET_WEIGHT_MAX;
        }
      make_open_graph (&a, NULL, &g, &metric);
      make_open_graph (&a, closed, &sub, &sub_metric);
      cch = tnet_cch_new (g, &error);
      ck_assert_msg (cch != NULL, "%s", error ? error->message : "");
      by_mask = tnet_cch_customize_closed (cch, metric, closed, &error);
      by_sub = tnet_cch_customize_subgraph (cch, sub_metric, &error);
      ck_assert_msg (by_mask != NULL && by_sub != NULL, "%s", error ? error->message : "");
      check_ch_layout (by_mask);
      check_all_kernels (sub, sub_metric, by_mask, 6, MIN (a.n, 100u), seed + 40);
      check_all_kernels (sub, sub_metric, by_sub, 6, MIN (a.n, 100u), seed + 50);
      tnet_ch_unref (by_mask);
      tnet_ch_unref (by_sub);
      tnet_cch_unref (cch);
      tnet_metric_unref (sub_metric);
      tnet_graph_unref (sub);
      tnet_metric_unref (metric);
      tnet_graph_unref (g);
      g_free (closed);
      g_rand_free (r);
      arcs_free (&a);
    }
}
END_TEST

START_TEST (test_cch_rome99)
{
  g_autofree char *path = tt_data_path ("rome99/rome99.gr");
  GError *error = NULL;
  TnetArcList *l = tnet_dimacs_load (path, NULL, &error);
  ck_assert_msg (l != NULL, "%s", error ? error->message : "");
  TnetGraph *g = tnet_graph_new_from_arcs (l->n_nodes, l->n_arcs, l->tails, l->heads, NULL,
                                           NULL, &error);
  ck_assert (g != NULL);
  TnetCCH *cch = tnet_cch_new (g, &error);
  ck_assert_msg (cch != NULL, "%s", error ? error->message : "");
  /* nested dissection keeps the fill small on a road network: a guard
   * against a worse order (37,900 supergraph arcs for 8,870 input arcs
   * with METIS 5.1) */
  ck_assert_uint_lt (tnet_cch_n_arcs (cch), 5 * (guint64) l->n_arcs);
  Arcs a = { l->n_nodes, l->n_arcs, l->tails, l->heads, l->weights };
  GRand *r = g_rand_new_with_seed (1999);
  for (int kind = -1; kind < 4; kind++)
    {
      TnetWeight *w = kind < 0 ? g_memdup2 (l->weights, l->n_arcs * sizeof (TnetWeight))
                               : random_metric_weights (&a, r, kind);
      TnetMetric *mk = tnet_metric_new (g, w, &error);
      ck_assert (mk != NULL);
      TnetCH *ch = tnet_cch_customize (cch, mk, &error);
      ck_assert_msg (ch != NULL, "%s", error ? error->message : "");
      check_ch_layout (ch);
      check_all_kernels (g, mk, ch, 8, 200, 700 + (guint) (kind + 1));
      tnet_ch_unref (ch);
      tnet_metric_unref (mk);
      g_free (w);
    }
  g_rand_free (r);
  tnet_cch_unref (cch);
  tnet_graph_unref (g);
  tnet_arc_list_free (l);
}
END_TEST

/* A compiled OSM graph, a saved and reloaded customised hierarchy, and a
 * metric of another graph refused. */
START_TEST (test_cch_zones_and_errors)
{
  TnetMetric *metric;
  TnetGraph *g = monaco_graph (&metric);
  GError *error = NULL;
  TnetCCH *cch = tnet_cch_new (g, &error);
  ck_assert_msg (cch != NULL, "%s", error ? error->message : "");
  TnetCH *ch = tnet_cch_customize (cch, metric, &error);
  ck_assert (ch != NULL);
  check_ch_layout (ch);
  check_all_kernels (g, metric, ch, 10, 300, 4242);
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "cch.ch", NULL);
  ck_assert (tnet_ch_save (ch, path, &error));
  TnetCH *back = tnet_ch_load (path, &error);
  ck_assert_msg (back != NULL, "%s", error ? error->message : "");
  check_all_kernels (g, metric, back, 4, 100, 4243);
  tnet_ch_unref (back);
  tt_rm_rf (dir);
  tnet_ch_unref (ch);
  /* another graph */
  Arcs b = random_arcs (10, 20, 5);
  TnetGraph *gb;
  TnetMetric *mb;
  make_graph (&b, &gb, &mb);
  ck_assert (tnet_cch_customize (cch, mb, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "not the graph");
  tnet_metric_unref (mb);
  tnet_graph_unref (gb);
  arcs_free (&b);
  tnet_cch_unref (cch);
  tnet_metric_unref (metric);
  tnet_graph_unref (g);
}
END_TEST

START_TEST (test_file)
{
  Arcs a = random_arcs (500, 1500, 4242);
  TnetGraph *g;
  TnetMetric *metric;
  make_graph (&a, &g, &metric);
  GError *error = NULL;
  TnetCH *ch = tnet_ch_build (metric, NULL, &error);
  g_autofree char *dir = tt_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "g.ch", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.ch", NULL);
  gsize len, len2;
  char *data = ch_bytes (ch, path, &len);
  TnetCH *back = tnet_ch_load (path, &error);
  ck_assert_msg (back != NULL, "%s", error ? error->message : "");
  /* the same arrays, the same bytes, the same answers */
  ck_assert_uint_eq (back->n_nodes, ch->n_nodes);
  ck_assert_uint_eq (back->n_entries, ch->n_entries);
  ck_assert (memcmp (back->rank, ch->rank, ch->n_nodes * 4) == 0);
  ck_assert (memcmp (back->first, ch->first, (ch->n_nodes + 1) * 4) == 0);
  ck_assert (memcmp (back->up, ch->up, ch->n_entries * sizeof (TnetCHEntry)) == 0);
  g_autofree char *path2 = g_build_filename (dir, "g2.ch", NULL);
  char *data2 = ch_bytes (back, path2, &len2);
  ck_assert_uint_eq (len, len2);
  ck_assert (memcmp (data, data2, len) == 0);
  g_free (data2);
  check_all_kernels (g, metric, back, 8, 100, 5);
  tnet_ch_unref (back);

  /* truncated */
  ck_assert (g_file_set_contents (bad, data, (gssize) (len - 5), NULL));
  ck_assert (tnet_ch_load (bad, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "truncated or corrupt");
  ck_assert (g_file_set_contents (bad, data, 20, NULL));
  ck_assert (tnet_ch_load (bad, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "bad.ch");
  /* one flipped byte anywhere in the payload */
  for (gsize off = 48; off < len; off += len / 7)
    {
      data[off] ^= 0x10;
      ck_assert (g_file_set_contents (bad, data, (gssize) len, NULL));
      ck_assert (tnet_ch_load (bad, &error) == NULL);
      tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "checksum");
      data[off] ^= 0x10;
    }
  /* wrong magic, wrong version, absurd sizes */
  data[0] = 'X';
  ck_assert (g_file_set_contents (bad, data, (gssize) len, NULL));
  ck_assert (tnet_ch_load (bad, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "magic");
  data[0] = 'T';
  data[8] = 9;
  ck_assert (g_file_set_contents (bad, data, (gssize) len, NULL));
  ck_assert (tnet_ch_load (bad, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "version 9");
  data[8] = 2;
  data[23] = 1;
  ck_assert (g_file_set_contents (bad, data, (gssize) len, NULL));
  ck_assert (tnet_ch_load (bad, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "out of range");
  data[23] = 0;
  /* content errors behind a valid checksum: a repeated rank, a broken
   * offset, a downward arc, an arc with no weight */
  guint n = ch->n_nodes;
  char *copy = g_memdup2 (data, len);
  memcpy (copy + 48, copy + 52, 4);
  write_resealed (bad, copy, len);
  ck_assert (tnet_ch_load (bad, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "permutation");
  memcpy (copy, data, len);
  gsize first_off = 48 + 4 * (gsize) n;
  copy[first_off + 4 * (n / 2)] = (char) 0xff;
  copy[first_off + 4 * (n / 2) + 3] = (char) 0x7f;
  write_resealed (bad, copy, len);
  ck_assert (tnet_ch_load (bad, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "breaks the arc index");
  memcpy (copy, data, len);
  gsize up_off = first_off + 4 * ((gsize) n + 1);
  ck_assert_uint_gt (ch->n_entries, 0);
  memset (copy + up_off, 0, 4);     /* entry 0 (of rank 0 or later) points to rank 0 */
  write_resealed (bad, copy, len);
  ck_assert (tnet_ch_load (bad, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "upwards");
  memcpy (copy, data, len);
  memset (copy + up_off + 4, 0xff, 8);
  write_resealed (bad, copy, len);
  ck_assert (tnet_ch_load (bad, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "weights");
  /* a middle node that is not below the arc (would unpack forever) */
  memcpy (copy, data, len);
  gsize mid_off = up_off + 12 * (gsize) ch->n_entries;
  guint32 big = n - 1;
  for (guint k = 0; k < ch->n_entries; k++)
    if (ch->up[k].wf != TNET_WEIGHT_INF)
      {
        memcpy (copy + mid_off + 8 * (gsize) k, &big, 4);
        break;
      }
  write_resealed (bad, copy, len);
  ck_assert (tnet_ch_load (bad, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "middle node");
  g_free (copy);
  /* missing file, unwritable path */
  ck_assert (tnet_ch_load ("/nonexistent/x.ch", &error) == NULL);
  tt_assert_error (error, TNET_ERROR_IO, "/nonexistent/x.ch");
  ck_assert (!tnet_ch_save (ch, "/nonexistent/dir/x.ch", &error));
  tt_assert_error (error, TNET_ERROR_IO, "/nonexistent/dir/x.ch");
  g_free (data);
  tnet_ch_unref (ch);
  tnet_metric_unref (metric);
  tnet_graph_unref (g);
  arcs_free (&a);
  tt_rm_rf (dir);
}
END_TEST

typedef struct {
  int calls;
  int cancel_at;          /* cancel on this call (0: never) */
  guint64 every;          /* the build's report step: max (n / 256, 1) */
  const char *what;
  GCancellable *cancel;
} CountProgress;

/* Checks each report against the build's step (every n / 256 nodes
 * contracted, counted from 1), and cancels on call @cancel_at. */
static void
count_progress (guint64 done, guint64 total, const char *what, const char *unit, gpointer data)
{
  CountProgress *cp = data;
  cp->calls++;
  ck_assert_uint_eq (done, (guint64) cp->calls * cp->every);
  ck_assert_uint_le (done, total);
  ck_assert_str_eq (what, cp->what);
  ck_assert_str_eq (unit, "nodes");
  if (cp->calls == cp->cancel_at)
    g_cancellable_cancel (cp->cancel);
}

START_TEST (test_build_errors)
{
  GError *error = NULL;
  TnetId t[2] = { 0, 1 }, h[2] = { 1, 3 };
  TnetWeight w[2] = { 1, 2 };
  ck_assert (tnet_ch_build_from_arcs (3, 2, t, h, w, NULL, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "arc 1 joins 1 and 3");
  h[1] = 2;
  w[1] = TNET_WEIGHT_INF;
  ck_assert (tnet_ch_build_from_arcs (3, 2, t, h, w, NULL, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_INVALID_INPUT, "arc 1 has weight");
  ck_assert (tnet_ch_build_from_arcs (1u << 31, 0, NULL, NULL, NULL, NULL, &error) == NULL);
  tt_assert_error (error, TNET_ERROR_TOO_LARGE, "2^31");
  w[1] = 5;
  TnetCH *ch = tnet_ch_build_from_arcs (3, 2, t, h, w, NULL, &error);
  ck_assert (ch != NULL);
  TnetCHQuery *q = tnet_ch_query_new (ch);
  ck_assert_uint_eq (tnet_ch_query_distance (q, 0, 2), 6);
  ck_assert_uint_eq (tnet_ch_query_distance (q, 2, 0), TNET_WEIGHT_INF);
  ck_assert_uint_eq (tnet_ch_query_distance (q, 1, 1), 0);
  tnet_ch_query_free (q);
  tnet_ch_unref (ch);

  /* the build reports every 3000 / 256 = 11 nodes contracted, 272 times
   * in all (11 x 272 = 2992 <= 3000 < 11 x 273), and stops where a
   * cancellable cancelled by the fifth report is checked */
  Arcs a = random_arcs (3000, 8000, 11);
  TnetCHOptions o;
  tnet_ch_options_init (&o);
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  CountProgress cp = { 0, 0, 11, "CH build", cancel };
  o.progress = count_progress;
  o.progress_data = &cp;
  o.cancellable = cancel;
  TnetCH *full = tnet_ch_build_from_arcs (a.n, a.m, a.tails, a.heads, a.w, &o, &error);
  ck_assert_msg (full != NULL, "%s", error ? error->message : "");
  ck_assert_int_eq (cp.calls, 272);
  cp = (CountProgress) { 0, 5, 11, "CH build", cancel };
  ck_assert (tnet_ch_build_from_arcs (a.n, a.m, a.tails, a.heads, a.w, &o, &error) == NULL);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert_int_eq (cp.calls, 5);
  g_clear_error (&error);
  /* already cancelled: stops at the first check, after one report; the
   * same without a progress function */
  cp = (CountProgress) { 0, 0, 11, "CH build", cancel };
  ck_assert (tnet_ch_build_from_arcs (a.n, a.m, a.tails, a.heads, a.w, &o, &error) == NULL);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert_int_eq (cp.calls, 1);
  g_clear_error (&error);
  o.progress = NULL;
  ck_assert (tnet_ch_build_from_arcs (a.n, a.m, a.tails, a.heads, a.w, &o, &error) == NULL);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_clear_error (&error);
  /* the customisation: the same reports under its own label, the same
   * stop */
  TnetGraph *g;
  TnetMetric *metric;
  make_graph (&a, &g, &metric);
  g_autoptr (GCancellable) cancel2 = g_cancellable_new ();
  o.progress = count_progress;
  o.cancellable = cancel2;
  cp = (CountProgress) { 0, 3, 11, "CH customisation", cancel2 };
  ck_assert (tnet_ch_customize (full, metric, &o, &error) == NULL);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert_int_eq (cp.calls, 3);
  g_clear_error (&error);
  tnet_metric_unref (metric);
  tnet_graph_unref (g);
  tnet_ch_unref (full);
  arcs_free (&a);
}
END_TEST

/* ---- several threads share one graph, metric and CH ---- */

typedef struct {
  TnetGraph *g;
  TnetMetric *metric;
  TnetCH *ch;
  const TnetId *pairs;   /* 2 * n_pairs */
  guint n_pairs;
  TnetWeight *out_ch, *out_bidir, *out_phast;  /* n_pairs each */
} Shared;

typedef struct {
  Shared *sh;
  guint begin, end;
} Slice;

static gpointer
query_thread (gpointer data)
{
  Slice *sl = data;
  Shared *sh = sl->sh;
  TnetCHQuery *q = tnet_ch_query_new (sh->ch);
  TnetBidir *b = tnet_bidir_new (sh->g);
  TnetWeight *row = g_new (TnetWeight, tnet_graph_n_nodes (sh->g));
  for (guint k = sl->begin; k < sl->end; k++)
    {
      TnetId s = sh->pairs[2 * k], t = sh->pairs[2 * k + 1];
      sh->out_ch[k] = tnet_ch_query_distance (q, s, t);
      sh->out_bidir[k] = tnet_bidir_run (b, sh->metric, s, t);
      if (k % 8 == 0)
        {
          tnet_ch_query_one_to_all (q, s, TNET_FORWARD, row);
          sh->out_phast[k] = row[t];
        }
    }
  g_free (row);
  tnet_bidir_free (b);
  tnet_ch_query_free (q);
  return NULL;
}

START_TEST (test_threads)
{
  TnetMetric *metric;
  TnetGraph *g = monaco_graph (&metric);
  GError *error = NULL;
  TnetCH *ch = tnet_ch_build (metric, NULL, &error);
  const guint n = tnet_graph_n_nodes (g), n_pairs = 800, n_threads = 4;
  TnetId *pairs = g_new (TnetId, 2 * n_pairs);
  GRand *r = g_rand_new_with_seed (2024);
  for (guint k = 0; k < 2 * n_pairs; k++)
    pairs[k] = (TnetId) g_rand_int_range (r, 0, (gint32) n);
  g_rand_free (r);
  Shared sh = { g, metric, ch, pairs, n_pairs, g_new0 (TnetWeight, n_pairs),
                g_new0 (TnetWeight, n_pairs), g_new0 (TnetWeight, n_pairs) };
  GThread *th[4];
  Slice sl[4];
  for (guint i = 0; i < n_threads; i++)
    {
      sl[i] = (Slice) { &sh, i * n_pairs / n_threads, (i + 1) * n_pairs / n_threads };
      th[i] = g_thread_new ("ch-query", query_thread, &sl[i]);
    }
  for (guint i = 0; i < n_threads; i++)
    g_thread_join (th[i]);
  /* the sequential run, with plain Dijkstra as the reference */
  TnetSearch *s = tnet_search_new (g);
  for (guint k = 0; k < n_pairs; k++)
    {
      tnet_search_run (s, metric, pairs[2 * k], TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      TnetWeight want = tnet_search_distance (s, pairs[2 * k + 1]);
      ck_assert_uint_eq (sh.out_ch[k], want);
      ck_assert_uint_eq (sh.out_bidir[k], want);
      if (k % 8 == 0)
        ck_assert_uint_eq (sh.out_phast[k], want);
    }
  /* a batch with a callback on the workers, against the matrix it fills */
  TnetId srcs[16];
  for (guint i = 0; i < 16; i++)
    srcs[i] = pairs[i];
  TnetWeight *rows = g_new (TnetWeight, 16 * (gsize) n);
  ck_assert (tnet_batch_one_to_all (metric, ch, srcs, 16, TNET_FORWARD, 4, rows, NULL, NULL,
                                    &error));
  for (guint i = 0; i < 16; i++)
    {
      tnet_search_run (s, metric, srcs[i], TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      for (TnetId v = 0; v < n; v += 7)
        ck_assert_uint_eq (rows[(gsize) i * n + v], tnet_search_distance (s, v));
    }
  g_free (rows);
  tnet_search_free (s);
  g_free (sh.out_ch);
  g_free (sh.out_bidir);
  g_free (sh.out_phast);
  g_free (pairs);
  tnet_ch_unref (ch);
  tnet_metric_unref (metric);
  tnet_graph_unref (g);
}
END_TEST

/* Updated with atomic operations, which race detectors see (GMutex is a
 * futex they cannot). */
typedef struct {
  guint calls;
  guint64 sum;
} CallbackTally;

static void
tally (guint index, TnetId source, const TnetWeight *dist, guint n_nodes, gpointer data)
{
  CallbackTally *t = data;
  guint64 s = 0;
  for (guint v = 0; v < n_nodes; v++)
    s += dist[v] == TNET_WEIGHT_INF ? 0 : dist[v];
  __atomic_fetch_add (&t->calls, 1, __ATOMIC_SEQ_CST);
  __atomic_fetch_add (&t->sum, s + index, __ATOMIC_SEQ_CST);
}

START_TEST (test_batch_callback)
{
  Arcs a = random_arcs (2000, 6000, 77);
  TnetGraph *g;
  TnetMetric *metric;
  make_graph (&a, &g, &metric);
  TnetId src[40];
  for (guint i = 0; i < 40; i++)
    src[i] = (i * 37) % a.n;
  CallbackTally t1 = { .calls = 0 }, t2 = { .calls = 0 };
  GError *error = NULL;
  ck_assert (tnet_batch_one_to_all (metric, NULL, src, 40, TNET_FORWARD, 1, NULL, tally, &t1,
                                    &error));
  ck_assert (tnet_batch_one_to_all (metric, NULL, src, 40, TNET_FORWARD, 3, NULL, tally, &t2,
                                    &error));
  ck_assert_uint_eq (t1.calls, 40);
  ck_assert_uint_eq (t2.calls, 40);
  ck_assert_uint_eq (t1.sum, t2.sum);
  ck_assert_uint_gt (t1.sum, 0);
  ck_assert (tnet_batch_one_to_all (metric, NULL, src, 0, TNET_FORWARD, 3, NULL, tally, &t2,
                                    &error));
  ck_assert_uint_eq (t2.calls, 40);
  tnet_metric_unref (metric);
  tnet_graph_unref (g);
  arcs_free (&a);
}
END_TEST

int
main (int argc, char **argv)
{
  /* "test-ch cch" runs the customizable hierarchies' cases alone (meson's
   * test 'cch'), so that each half keeps within its time limit */
  if (argc > 1 && strcmp (argv[1], "cch") == 0)
    {
      Suite *sc = suite_create ("cch");
      TCase *tk = tcase_create ("cch");
      tcase_set_timeout (tk, 300);
      tcase_add_loop_test (tk, test_cch_random, 0, G_N_ELEMENTS (sizes));
      tcase_add_test (tk, test_cch_rome99);
      tcase_add_test (tk, test_cch_closed_mask);
      tcase_add_test (tk, test_cch_zones_and_errors);
      suite_add_tcase (sc, tk);
      return tt_run_suite (sc);
    }
  Suite *s = suite_create ("ch");
  TCase *tc = tcase_create ("kernels");
  tcase_set_timeout (tc, 300);
  tcase_add_loop_test (tc, test_random_graphs, 0, G_N_ELEMENTS (sizes));
  tcase_add_test (tc, test_rome99);
  tcase_add_test (tc, test_large_path);
  tcase_add_test (tc, test_monaco);
  tcase_add_test (tc, test_zones);
  tcase_add_test (tc, test_file);
  tcase_add_loop_test (tc, test_paths_and_customize, 0, 3);
  tcase_add_test (tc, test_build_errors);
  tcase_add_test (tc, test_batch_callback);
  tcase_add_test (tc, test_relayout);
  suite_add_tcase (s, tc);
  TCase *tt = tcase_create ("threads");
  tcase_set_timeout (tt, 300);
  tcase_add_test (tt, test_threads);
  suite_add_tcase (s, tt);
  return tt_run_suite (s);
}
