/* test-corridors.c: disjoint paths (vs brute-force min cuts and igraph),
 * least-time disjoint paths (vs enumeration of path sets), the criticality
 * scan (vs full recomputation) and the network-level corridor figures. */
#include "tests-common.h"
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdlib.h>
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

/* ---------- small graphs ---------- */

typedef struct {
  guint n, m;
  TnetId tails[256], heads[256], links[256];
  TnetWeight w[256];
  guint n_links;
} G;

/* adds a link: one arc, or two opposite arcs when @two_way */
static void
g_link (G *g, TnetId u, TnetId v, TnetWeight w, gboolean two_way)
{
  g->tails[g->m] = u;
  g->heads[g->m] = v;
  g->w[g->m] = w;
  g->links[g->m++] = g->n_links;
  if (two_way)
    {
      g->tails[g->m] = v;
      g->heads[g->m] = u;
      g->w[g->m] = w;
      g->links[g->m++] = g->n_links;
    }
  g->n_links++;
}

static TnetGraph *
g_build (const G *g, TnetMetric **metric)
{
  GError *error = NULL;
  TnetGraph *graph = tnet_graph_new_from_arcs (g->n, g->m, g->tails, g->heads, g->links,
                                               NULL, &error);
  ck_assert_ptr_nonnull (graph);
  *metric = tnet_metric_new (graph, g->w, &error);
  ck_assert_ptr_nonnull (*metric);
  return graph;
}

static G
random_g (guint n, guint n_links, double p_two_way, TnetWeight wmax, guint32 seed)
{
  G g = { .n = n };
  GRand *r = g_rand_new_with_seed (seed);
  for (guint k = 0; k < n_links; k++)
    {
      TnetId u = (TnetId) g_rand_int_range (r, 0, (gint32) n);
      TnetId v = (TnetId) g_rand_int_range (r, 0, (gint32) n);
      if (u == v)
        v = (v + 1) % n;
      g_link (&g, u, v, (TnetWeight) g_rand_int_range (r, 1, (gint32) wmax + 1),
              g_rand_double (r) < p_two_way);
    }
  g_rand_free (r);
  return g;
}

/* Checks that @set is a valid family of A→B paths of @g, disjoint as asked. */
static void
check_paths (const G *g, const TnetPathSet *set, const guint8 *side, TnetDisjointKind kind)
{
  guint8 used_link[256] = { 0 };
  guint8 used_node[256] = { 0 };
  for (guint p = 0; p < set->n_paths; p++)
    {
      const TnetPath *path = &set->paths[p];
      ck_assert_uint_ge (path->n_arcs, 1);
      ck_assert_uint_eq (side[path->nodes[0]], 1);
      ck_assert_uint_eq (side[path->nodes[path->n_arcs]], 2);
      guint64 t = 0;
      for (guint i = 0; i < path->n_arcs; i++)
        {
          TnetId a = path->arcs[i];
          ck_assert_uint_eq (g->tails[a], path->nodes[i]);
          ck_assert_uint_eq (g->heads[a], path->nodes[i + 1]);
          ck_assert_msg (!used_link[g->links[a]], "link %u used twice", g->links[a]);
          used_link[g->links[a]] = 1;
          t += g->w[a];
          if (i > 0)
            {
              TnetId v = path->nodes[i];
              ck_assert_msg (side[v] == 0 || kind == TNET_DISJOINT_LINKS,
                             "path passes through an end node");
              if (kind == TNET_DISJOINT_NODES)
                {
                  ck_assert_msg (!used_node[v], "node %u used twice", v);
                  used_node[v] = 1;
                }
            }
        }
      ck_assert_uint_eq (path->time_ms, t);
    }
}

/* reachability A→B in @g without the removed links / nodes */
static gboolean
connected (const G *g, const guint8 *side, const guint8 *gone_link, const guint8 *gone_node)
{
  guint8 seen[256] = { 0 };
  guint stack[256], sp = 0;
  for (guint v = 0; v < g->n; v++)
    if (side[v] == 1)
      {
        seen[v] = 1;
        stack[sp++] = v;
      }
  while (sp > 0)
    {
      guint u = stack[--sp];
      if (side[u] == 2)
        return TRUE;
      for (guint a = 0; a < g->m; a++)
        if (g->tails[a] == u && !gone_link[g->links[a]] && !seen[g->heads[a]]
            && !(gone_node && gone_node[g->heads[a]]))
          {
            seen[g->heads[a]] = 1;
            stack[sp++] = g->heads[a];
          }
    }
  return FALSE;
}

/* Smallest number of links (or of interior nodes and direct A–B links)
 * whose removal disconnects A from B, by enumeration. */
static guint
brute_min_cut (const G *g, const guint8 *side, TnetDisjointKind kind)
{
  /* the removable items */
  guint n_items = 0;
  guint item_kind[64], item_id[64];
  if (kind == TNET_DISJOINT_LINKS)
    for (guint l = 0; l < g->n_links; l++)
      {
        item_kind[n_items] = 0;
        item_id[n_items++] = l;
      }
  else
    {
      for (guint v = 0; v < g->n; v++)
        if (side[v] == 0)
          {
            item_kind[n_items] = 1;
            item_id[n_items++] = v;
          }
      for (guint a = 0; a < g->m; a++)
        if (side[g->tails[a]] != 0 && side[g->heads[a]] != 0)
          {
            gboolean dup = FALSE;
            for (guint i = 0; i < n_items; i++)
              dup |= item_kind[i] == 0 && item_id[i] == g->links[a];
            if (!dup)
              {
                item_kind[n_items] = 0;
                item_id[n_items++] = g->links[a];
              }
          }
    }
  ck_assert_uint_le (n_items, 22);
  guint best = n_items;
  for (guint32 mask = 0; mask < (1u << n_items); mask++)
    {
      guint c = (guint) __builtin_popcount (mask);
      if (c >= best)
        continue;
      guint8 gone_link[256] = { 0 }, gone_node[256] = { 0 };
      for (guint i = 0; i < n_items; i++)
        if (mask & (1u << i))
          {
            if (item_kind[i] == 0)
              gone_link[item_id[i]] = 1;
            else
              gone_node[item_id[i]] = 1;
          }
      if (!connected (g, side, gone_link, gone_node))
        best = c;
    }
  return best;
}

START_TEST (test_disjoint_known)
{
  /* bowtie: two link-disjoint paths that share node 3 */
  G g = { .n = 8 };
  g_link (&g, 0, 1, 5, TRUE);
  g_link (&g, 0, 2, 5, TRUE);
  g_link (&g, 1, 3, 5, TRUE);
  g_link (&g, 2, 3, 5, TRUE);
  g_link (&g, 3, 4, 5, TRUE);
  g_link (&g, 3, 5, 5, TRUE);
  g_link (&g, 4, 6, 5, TRUE);
  g_link (&g, 5, 6, 5, TRUE);
  g_link (&g, 6, 7, 1, FALSE);  /* 7 is a dead end, not part of B */
  TnetMetric *metric;
  g_autoptr (TnetGraph) graph = g_build (&g, &metric);
  GError *error = NULL;
  TnetId a = 0, b = 6;
  guint8 side[8] = { 1, 0, 0, 0, 0, 0, 2, 0 };
  g_autoptr (TnetPathSet) ld = tnet_graph_disjoint_paths (graph, metric, &a, 1, &b, 1,
                                                          TNET_DISJOINT_LINKS, &error);
  ck_assert_ptr_nonnull (ld);
  ck_assert_uint_eq (ld->n_paths, 2);
  check_paths (&g, ld, side, TNET_DISJOINT_LINKS);
  ck_assert_uint_eq (ld->paths[0].time_ms, 20);
  g_autoptr (TnetPathSet) nd = tnet_graph_disjoint_paths (graph, metric, &a, 1, &b, 1,
                                                          TNET_DISJOINT_NODES, &error);
  ck_assert_uint_eq (nd->n_paths, 1);
  check_paths (&g, nd, side, TNET_DISJOINT_NODES);
  /* B → A uses the two-way links backwards */
  g_autoptr (TnetPathSet) back = tnet_graph_disjoint_paths (graph, NULL, &b, 1, &a, 1,
                                                            TNET_DISJOINT_LINKS, &error);
  ck_assert_uint_eq (back->n_paths, 2);
  ck_assert_uint_eq (back->paths[0].time_ms, 0);
  /* from the dead end: nothing */
  TnetId dead = 7;
  g_autoptr (TnetPathSet) none = tnet_graph_disjoint_paths (graph, metric, &dead, 1, &a, 1,
                                                            TNET_DISJOINT_LINKS, &error);
  ck_assert_uint_eq (none->n_paths, 0);
  /* least time: 2 paths of 20, and only 2 even if 5 are asked */
  g_autoptr (TnetPathSet) lt = tnet_graph_least_time_disjoint_paths (graph, metric, &a, 1,
                                                                     &b, 1, NULL, 5);
  ck_assert_uint_eq (lt->n_paths, 2);
  check_paths (&g, lt, side, TNET_DISJOINT_LINKS);
  ck_assert_uint_eq (lt->paths[0].time_ms + lt->paths[1].time_ms, 40);
  tnet_metric_unref (metric);
}
END_TEST

START_TEST (test_two_way_link_used_once)
{
  /* a ladder where a max flow with per-arc capacities could run both ways
   * over the rung 2–3; per link it may carry one path only */
  G g = { .n = 6 };
  g_link (&g, 0, 2, 1, TRUE);
  g_link (&g, 0, 3, 1, TRUE);
  g_link (&g, 2, 3, 1, TRUE);
  g_link (&g, 2, 4, 1, TRUE);
  g_link (&g, 3, 4, 1, TRUE);
  g_link (&g, 4, 5, 1, TRUE);
  g_link (&g, 2, 5, 1, TRUE);
  TnetMetric *metric;
  g_autoptr (TnetGraph) graph = g_build (&g, &metric);
  TnetId a = 0, b = 5;
  guint8 side[6] = { 1, 0, 0, 0, 0, 2 };
  GError *error = NULL;
  g_autoptr (TnetPathSet) ld = tnet_graph_disjoint_paths (graph, metric, &a, 1, &b, 1,
                                                          TNET_DISJOINT_LINKS, &error);
  ck_assert_uint_eq (ld->n_paths, 2);
  ck_assert_uint_eq (brute_min_cut (&g, side, TNET_DISJOINT_LINKS), 2);
  check_paths (&g, ld, side, TNET_DISJOINT_LINKS);
  tnet_metric_unref (metric);
}
END_TEST

/* Menger on random graphs: the count is the brute-force min cut, the paths
 * are valid and disjoint; single pairs also agree with igraph. */
START_TEST (test_disjoint_random_menger)
{
  for (guint32 seed = 1; seed <= 60; seed++)
    {
      guint n = 7 + seed % 4;
      G g = random_g (n, 9 + seed % 8, seed % 3 == 0 ? 0.0 : 0.6, 20, seed);
      TnetMetric *metric;
      g_autoptr (TnetGraph) graph = g_build (&g, &metric);
      guint8 side[256] = { 0 };
      TnetId a[2] = { 0, 1 }, b[2] = { n - 1, n - 2 };
      guint na = 1 + seed % 2, nb = 1 + (seed / 2) % 2;
      for (guint i = 0; i < na; i++)
        side[a[i]] = 1;
      for (guint i = 0; i < nb; i++)
        side[b[i]] = 2;
      for (int kind = 0; kind < 2; kind++)
        {
          GError *error = NULL;
          g_autoptr (TnetPathSet) set = tnet_graph_disjoint_paths (graph, metric, a, na, b, nb,
                                                                   (TnetDisjointKind) kind,
                                                                   &error);
          ck_assert_ptr_nonnull (set);
          check_paths (&g, set, side, (TnetDisjointKind) kind);
          ck_assert_uint_eq (set->n_paths, brute_min_cut (&g, side, (TnetDisjointKind) kind));
        }
      if (na == 1 && nb == 1 && seed % 3 == 0)
        {
          /* directed, one arc per link: igraph's own count must agree */
          igraph_t ig;
          igraph_integer_t res = 0;
          GError *error = NULL;
          tnet_igraph_lock ();
          ck_assert (tnet_graph_to_igraph (graph, NULL, &ig, NULL, &error));
          ck_assert (tnet_igraph_check (igraph_edge_disjoint_paths (&ig, &res, a[0], b[0]),
                                        "oracle", &error));
          igraph_destroy (&ig);
          tnet_igraph_unlock ();
          g_autoptr (TnetPathSet) set = tnet_graph_disjoint_paths (graph, metric, a, 1, b, 1,
                                                                   TNET_DISJOINT_LINKS, &error);
          ck_assert_uint_eq (set->n_paths, (guint) res);
        }
      tnet_metric_unref (metric);
    }
}
END_TEST

/* ---------- least-time disjoint paths vs enumeration ---------- */

typedef struct {
  GArray *paths;  /* of guint64 link masks */
  GArray *times;  /* guint64 */
} Simple;

static void
enum_paths (const G *g, const guint8 *side, guint u, guint64 links, guint64 t,
            guint32 visited, Simple *out)
{
  if (side[u] == 2)
    {
      g_array_append_val (out->paths, links);
      g_array_append_val (out->times, t);
      return;
    }
  for (guint a = 0; a < g->m; a++)
    if (g->tails[a] == u && !(visited & (1u << g->heads[a]))
        && !(links & (G_GUINT64_CONSTANT (1) << g->links[a]))
        && side[g->heads[a]] != 1)
      enum_paths (g, side, g->heads[a], links | (G_GUINT64_CONSTANT (1) << g->links[a]),
                  t + g->w[a], visited | (1u << g->heads[a]), out);
}

/* best total time of @k pairwise link-disjoint paths, G_MAXUINT64 if none */
static guint64
best_set (const Simple *s, guint k, guint start, guint64 used)
{
  if (k == 0)
    return 0;
  guint64 best = G_MAXUINT64;
  for (guint i = start; i < s->paths->len; i++)
    {
      guint64 mask = g_array_index (s->paths, guint64, i);
      if (mask & used)
        continue;
      guint64 rest = best_set (s, k - 1, i + 1, used | mask);
      if (rest != G_MAXUINT64)
        best = MIN (best, rest + g_array_index (s->times, guint64, i));
    }
  return best;
}

START_TEST (test_least_time_vs_brute_force)
{
  for (guint32 seed = 100; seed < 160; seed++)
    {
      guint n = 6 + seed % 3;
      G g = random_g (n, 10 + seed % 5, 0.5, 30, seed);
      TnetMetric *metric;
      g_autoptr (TnetGraph) graph = g_build (&g, &metric);
      guint8 side[256] = { 0 };
      TnetId a = 0, b = n - 1;
      side[a] = 1;
      side[b] = 2;
      Simple s = { g_array_new (FALSE, FALSE, sizeof (guint64)),
                   g_array_new (FALSE, FALSE, sizeof (guint64)) };
      enum_paths (&g, side, a, 0, 0, 1u << a, &s);
      for (guint k = 1; k <= 3; k++)
        {
          g_autoptr (TnetPathSet) set = tnet_graph_least_time_disjoint_paths (graph, metric,
                                                                              &a, 1, &b, 1,
                                                                              NULL, k);
          check_paths (&g, set, side, TNET_DISJOINT_LINKS);
          /* the largest feasible count up to k */
          guint kk = k;
          while (kk > 0 && best_set (&s, kk, 0, 0) == G_MAXUINT64)
            kk--;
          ck_assert_uint_eq (set->n_paths, kk);
          guint64 total = 0;
          for (guint i = 0; i < set->n_paths; i++)
            {
              total += set->paths[i].time_ms;
              if (i > 0)
                ck_assert_uint_le (set->paths[i - 1].time_ms, set->paths[i].time_ms);
            }
          if (kk > 0)
            ck_assert_uint_eq (total, best_set (&s, kk, 0, 0));
        }
      g_array_free (s.paths, TRUE);
      g_array_free (s.times, TRUE);
      tnet_metric_unref (metric);
    }
}
END_TEST

/* ---------- criticality vs full recomputation ---------- */

/* time from o to d in @g without link @gone (NONE: none), by TnetSearch */
static TnetWeight
recompute (const G *g, TnetId gone, TnetId o, TnetId d)
{
  G h = { .n = g->n };
  for (guint a = 0; a < g->m; a++)
    if (g->links[a] != gone)
      {
        h.tails[h.m] = g->tails[a];
        h.heads[h.m] = g->heads[a];
        h.w[h.m] = g->w[a];
        h.links[h.m++] = g->links[a];
      }
  TnetMetric *metric;
  g_autoptr (TnetGraph) graph = g_build (&h, &metric);
  g_autoptr (TnetSearch) search = tnet_search_new (graph);
  tnet_search_run (search, metric, o, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
  TnetWeight t = tnet_search_distance (search, d);
  tnet_metric_unref (metric);
  return t;
}

START_TEST (test_criticality_vs_recomputation)
{
  for (guint32 seed = 200; seed < 230; seed++)
    {
      guint n = 12 + seed % 10;
      G g = random_g (n, 30 + seed % 20, 0.7, seed % 2 ? 5 : 100, seed);
      TnetMetric *metric;
      g_autoptr (TnetGraph) graph = g_build (&g, &metric);
      TnetId po[6], pd[6];
      double pop[256];
      for (guint v = 0; v < n; v++)
        pop[v] = 10.0 * (v + 1);
      for (guint p = 0; p < 6; p++)
        {
          po[p] = p % 3;
          pd[p] = n - 1 - p / 2;
        }
      TnetWeight budget = seed % 2 ? 8 : 150;
      g_autoptr (TnetCriticality) crit = scan_threads (graph, metric, NULL, 0, po, pd,
                                                                6, pop, budget, 1 + seed % 3);
      ck_assert_uint_eq (tnet_criticality_n_pairs (crit), 6);
      for (guint p = 0; p < 6; p++)
        ck_assert_uint_eq (tnet_criticality_base_time (crit, p),
                           recompute (&g, TNET_ID_NONE, po[p], pd[p]));
      for (TnetId l = 0; l < g.n_links; l++)
        for (guint p = 0; p < 6; p++)
          ck_assert_uint_eq (tnet_criticality_element_time (crit, l, p),
                             recompute (&g, l, po[p], pd[p]));
      /* items: ranked, and their figures match the times */
      for (guint r = 0; r < tnet_criticality_n_items (crit); r++)
        {
          const TnetCriticalityItem *it = tnet_criticality_item (crit, r);
          guint slower = 0, cut = 0;
          for (guint p = 0; p < 6; p++)
            {
              TnetWeight b = tnet_criticality_base_time (crit, p);
              TnetWeight t = tnet_criticality_time (crit, r, p);
              ck_assert_uint_ge (t, b);
              slower += t > b;
              cut += t == TNET_WEIGHT_INF && b != TNET_WEIGHT_INF;
            }
          ck_assert_uint_eq (it->n_pairs_slower, slower);
          ck_assert_uint_eq (it->n_pairs_cut, cut);
          ck_assert_uint_gt (slower, 0);
          if (r > 0)
            ck_assert_uint_ge (tnet_criticality_item (crit, r - 1)->n_pairs_cut, it->n_pairs_cut);
          /* the detour of the worst pair has the reported time */
          g_autoptr (TnetPath) detour = tnet_criticality_detour (crit, r, it->worst_pair);
          TnetWeight t = tnet_criticality_time (crit, r, it->worst_pair);
          if (t == TNET_WEIGHT_INF)
            ck_assert_ptr_null (detour);
          else
            {
              ck_assert_ptr_nonnull (detour);
              ck_assert_uint_eq (detour->time_ms, t);
              for (guint i = 0; i < detour->n_arcs; i++)
                ck_assert_uint_ne (g.links[detour->arcs[i]], it->element);
            }
        }
      tnet_metric_unref (metric);
    }
}
END_TEST

/* A link off every shortest path: zero loss, confirmed by recomputation. */
/* Full recomputation without the arcs whose element is @gone. */
static TnetWeight
recompute_element (const G *g, const TnetId *arc_elem, TnetId gone, TnetId o, TnetId d)
{
  G h = { .n = g->n };
  for (guint a = 0; a < g->m; a++)
    if (arc_elem[a] != gone)
      {
        h.tails[h.m] = g->tails[a];
        h.heads[h.m] = g->heads[a];
        h.w[h.m] = g->w[a];
        h.links[h.m++] = g->links[a];
      }
  TnetMetric *metric;
  g_autoptr (TnetGraph) graph = g_build (&h, &metric);
  g_autoptr (TnetSearch) search = tnet_search_new (graph);
  tnet_search_run (search, metric, o, TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
  TnetWeight t = tnet_search_distance (search, d);
  tnet_metric_unref (metric);
  return t;
}

/* Elements made of many arcs (like lines): element k = the links l with
 * l % 3 == k, several of them on one path, so the subtrees a removal
 * affects are nested; one arc in five belongs to no element. */
/* ---------- progress ---------- */

typedef struct {
  GThread *thread;     /* the thread that started the scan */
  guint calls;
  guint64 last_done, total;
  guint stop_at;       /* cancel @cancel on this call (0: never) */
  GCancellable *cancel;
} Progress;

static void
record_progress (guint64 done, guint64 total, const char *what, const char *unit,
                 gpointer data)
{
  Progress *pr = data;
  ck_assert_ptr_eq (g_thread_self (), pr->thread);
  ck_assert_str_eq (what, "criticality scan");
  ck_assert_str_eq (unit, "origins");
  ck_assert_uint_eq (total, pr->total);
  ck_assert_uint_gt (done, pr->last_done);
  ck_assert_uint_le (done, total);
  pr->last_done = done;
  pr->calls++;
  if (pr->calls == pr->stop_at)
    g_cancellable_cancel (pr->cancel);
}

/* A ring of 1000 nodes with chords; pair v → v + 7 for every v: 1000
 * distinct origins. */
static TnetGraph *
progress_graph (TnetMetric **metric, TnetId *po, TnetId *pd)
{
  enum { N = 1000, M = 3 * N };
  static TnetId tails[M], heads[M];
  static TnetWeight w[M];
  GRand *r = g_rand_new_with_seed (4242);
  for (guint v = 0; v < N; v++)
    {
      tails[3 * v] = v, heads[3 * v] = (v + 1) % N;
      tails[3 * v + 1] = (v + 1) % N, heads[3 * v + 1] = v;
      tails[3 * v + 2] = v, heads[3 * v + 2] = (TnetId) g_rand_int_range (r, 0, N);
      for (int k = 0; k < 3; k++)
        w[3 * v + k] = (TnetWeight) g_rand_int_range (r, 1, 100);
      po[v] = v;
      pd[v] = (v + 7) % N;
    }
  g_rand_free (r);
  GError *error = NULL;
  TnetGraph *graph = tnet_graph_new_from_arcs (N, M, tails, heads, NULL, NULL, &error);
  ck_assert_ptr_nonnull (graph);
  *metric = tnet_metric_new (graph, w, &error);
  ck_assert_ptr_nonnull (*metric);
  return graph;
}

/* The callback runs on the calling thread with increasing counts of the
 * right total, ends at the total, at most 257 times; the result equals a
 * scan without progress. */
START_TEST (test_criticality_progress)
{
  TnetId po[1000], pd[1000];
  g_autoptr (TnetMetric) metric = NULL;
  g_autoptr (TnetGraph) graph = progress_graph (&metric, po, pd);
  g_autoptr (TnetCriticality) plain = scan_threads (graph, metric, NULL, 0, po, pd,
                                                             1000, NULL, 500, 1);
  for (guint threads = 1; threads <= 3; threads++)
    {
      Progress pr = { g_thread_self (), 0, 0, 1000, 0, NULL };
      TnetCriticalityOptions opts;
      tnet_criticality_options_init (&opts);
      opts.n_threads = threads;
      opts.progress = record_progress;
      opts.progress_data = &pr;
      GError *error = NULL;
      g_autoptr (TnetCriticality) crit = tnet_criticality_scan (graph, metric, NULL, 0, po,
                                                                     pd, 1000, NULL, 500, &opts,
                                                                     &error);
      ck_assert_msg (crit != NULL, "%s", error ? error->message : "");
      ck_assert_uint_eq (pr.last_done, 1000);
      ck_assert_uint_ge (pr.calls, threads == 1 ? 250 : 2);
      ck_assert_uint_le (pr.calls, 257);
      ck_assert_uint_eq (tnet_criticality_n_items (crit), tnet_criticality_n_items (plain));
      ck_assert_uint_gt (tnet_criticality_n_items (crit), 10);
      for (guint k = 0; k < tnet_criticality_n_items (crit); k++)
        ck_assert_mem_eq (tnet_criticality_item (crit, k), tnet_criticality_item (plain, k),
                          offsetof (TnetCriticalityItem, name));
    }
}
END_TEST

/* A cancellable cancelled by the progress function stops the scan: NULL,
 * G_IO_ERROR_CANCELLED, no further calls; so does one cancelled before. */
START_TEST (test_criticality_cancel)
{
  TnetId po[1000], pd[1000];
  g_autoptr (TnetMetric) metric = NULL;
  g_autoptr (TnetGraph) graph = progress_graph (&metric, po, pd);
  for (guint threads = 1; threads <= 2; threads++)
    {
      g_autoptr (GCancellable) cancel = g_cancellable_new ();
      Progress pr = { g_thread_self (), 0, 0, 1000, 3, cancel };
      TnetCriticalityOptions opts;
      tnet_criticality_options_init (&opts);
      opts.n_threads = threads;
      opts.progress = record_progress;
      opts.progress_data = &pr;
      opts.cancellable = cancel;
      GError *error = NULL;
      TnetCriticality *crit = tnet_criticality_scan (graph, metric, NULL, 0, po, pd, 1000,
                                                          NULL, 500, &opts, &error);
      ck_assert_ptr_null (crit);
      ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
      g_clear_error (&error);
      ck_assert_uint_eq (pr.calls, 3);
      ck_assert_uint_lt (pr.last_done, 1000);
    }
  /* a GCancellable: cancelled before the scan, nothing is scanned; a
   * cancellable that stays uncancelled changes nothing */
  for (guint threads = 1; threads <= 2; threads++)
    {
      g_autoptr (GCancellable) cancel = g_cancellable_new ();
      Progress pr = { g_thread_self (), 0, 0, 1000, 0, NULL };
      TnetCriticalityOptions opts;
      tnet_criticality_options_init (&opts);
      opts.n_threads = threads;
      opts.progress = record_progress;
      opts.progress_data = &pr;
      opts.cancellable = cancel;
      GError *error = NULL;
      g_autoptr (TnetCriticality) whole = tnet_criticality_scan (graph, metric, NULL, 0, po, pd,
                                                                 1000, NULL, 500, &opts, &error);
      ck_assert_ptr_nonnull (whole);
      ck_assert_uint_eq (pr.last_done, 1000);
      g_cancellable_cancel (cancel);
      pr = (Progress) { g_thread_self (), 0, 0, 1000, 0, NULL };
      TnetCriticality *crit = tnet_criticality_scan (graph, metric, NULL, 0, po, pd, 1000, NULL,
                                                     500, &opts, &error);
      ck_assert_ptr_null (crit);
      ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
      g_clear_error (&error);
      ck_assert_uint_eq (pr.last_done, 0);
    }
}
END_TEST

START_TEST (test_criticality_grouped_elements)
{
  for (guint32 seed = 300; seed < 330; seed++)
    {
      guint n = 10 + seed % 12;
      G g = random_g (n, 25 + seed % 25, 0.6, seed % 2 ? 4 : 50, seed);
      TnetMetric *metric;
      g_autoptr (TnetGraph) graph = g_build (&g, &metric);
      TnetId arc_elem[256];
      for (guint a = 0; a < g.m; a++)
        arc_elem[a] = a % 5 == 4 ? TNET_ID_NONE : g.links[a] % 3;
      TnetId po[8], pd[8];
      for (guint p = 0; p < 8; p++)
        {
          po[p] = p % 4;
          pd[p] = n - 1 - p / 4;
        }
      g_autoptr (TnetCriticality) crit = scan_threads (graph, metric, arc_elem, 3,
                                                                po, pd, 8, NULL,
                                                                TNET_WEIGHT_INF, 1 + seed % 2);
      for (guint p = 0; p < 8; p++)
        ck_assert_uint_eq (tnet_criticality_base_time (crit, p),
                           recompute_element (&g, arc_elem, 3, po[p], pd[p]));
      for (TnetId k = 0; k < 3; k++)
        for (guint p = 0; p < 8; p++)
          ck_assert_uint_eq (tnet_criticality_element_time (crit, k, p),
                             recompute_element (&g, arc_elem, k, po[p], pd[p]));
      tnet_metric_unref (metric);
    }
}
END_TEST

START_TEST (test_criticality_off_path_zero)
{
  G g = { .n = 5 };
  g_link (&g, 0, 1, 10, TRUE);   /* 0: on the only path */
  g_link (&g, 1, 2, 10, TRUE);   /* 1: one of two equal paths */
  g_link (&g, 1, 3, 10, TRUE);   /* 2: the other */
  g_link (&g, 3, 2, 0, TRUE);    /* 3 */
  g_link (&g, 0, 4, 1, TRUE);    /* 4: a spur, off every path */
  g_link (&g, 4, 2, 100, TRUE);  /* 5: a slow alternative */
  TnetMetric *metric;
  g_autoptr (TnetGraph) graph = g_build (&g, &metric);
  TnetId o = 0, d = 2;
  double pop[5] = { 1000, 0, 0, 0, 0 };
  g_autoptr (TnetCriticality) crit = scan_threads (graph, metric, NULL, 0, &o, &d, 1,
                                                            pop, 30, 2);
  ck_assert_uint_eq (tnet_criticality_base_time (crit, 0), 20);
  for (TnetId l = 0; l < g.n_links; l++)
    ck_assert_uint_eq (tnet_criticality_element_time (crit, l, 0), recompute (&g, l, o, d));
  ck_assert_uint_eq (tnet_criticality_element_time (crit, 4, 0), 20);
  ck_assert_uint_eq (tnet_criticality_element_time (crit, 5, 0), 20);
  ck_assert_uint_eq (tnet_criticality_n_items (crit), 1);
  const TnetCriticalityItem *it = tnet_criticality_item (crit, 0);
  ck_assert_uint_eq (it->element, 0);
  ck_assert_uint_eq (it->max_increase_ms, 81);   /* 0-4-2 = 101 */
  ck_assert_uint_eq (it->n_pairs_out_of_budget, 1);
  ck_assert (it->population_lost == 1000);
  /* only the elements of one shortest path (the search tree's) are
   * examined: link 0 and one of the two equal branches (1, or 2 and 3);
   * 4 and 5 never */
  guint nc = tnet_criticality_n_candidates (crit);
  ck_assert (nc == 2 || nc == 3);
  tnet_metric_unref (metric);
}
END_TEST

/* ---------- network level ---------- */

static const char *net_nodes =
  "id,name,kind,lon,lat,region,population\n"
  "xa,XA,zone,113.8,34.0,xc,100\n"
  "xb,XB,zone,113.9,34.1,xc,50\n"
  "x1,X1,junction,113.8,34.2,xc,\n"
  "x2,X2,station,113.9,34.2,xc,\n"
  "m1,M1,junction,113.8,34.4,,\n"
  "z1,Z1,junction,113.7,34.7,zz,\n"
  "z2,Z2,station,113.8,34.7,zz,\n"
  "za,ZA,zone,113.7,34.8,zz,0\n";
static const char *net_links =
  "id,from,to,mode,line,length_km,time_min,oneway,open_year\n"
  "a1,xa,x1,access,,1,5,,\n"
  "a2,xb,x2,access,,1,5,,\n"
  "a3,xb,x1,access,,1,8,,\n"
  "a4,za,z1,access,,1,5,,\n"
  "a5,za,z2,access,,1,5,,\n"
  "g1,x1,m1,expressway,G1,20,12,,\n"
  "g2,m1,z1,expressway,G1,20,12,,\n"
  "s1,x1,z1,road,S1,50,40,,\n"
  "s2,x1,m1,road,S2,20,20,,2025\n"
  "r1,x2,z2,hsr,HSR,60,20,,\n"
  "r2,x2,z2,rail,OLD,60,45,,\n";

static TnetNetwork *
small_network (char **dir_out)
{
  char *dir = tt_mkdtemp ();
  tt_write_file (dir, "nodes.csv", net_nodes);
  tt_write_file (dir, "links.csv", net_links);
  GError *error = NULL;
  TnetNetwork *net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  *dir_out = dir;
  return net;
}

/* The ids of @arr joined by spaces, for comparisons. */
static char *
ids_of (const TnetNetwork *net, const GArray *arr)
{
  GString *s = g_string_new (NULL);
  for (guint i = 0; i < arr->len; i++)
    g_string_append_printf (s, "%s%s", i ? " " : "",
                            tnet_network_node (net, g_array_index (arr, TnetId, i))->id);
  return g_string_free (s, FALSE);
}

/* The place grammar on the small network (nodes in file order: xa xb x1 x2
 * of region xc, m1 of none, z1 z2 za of region zz; zones xa xb za; stations
 * x2 z2; names are the upper-case ids). Expected sets read off net_nodes. */
START_TEST (test_place_grammar)
{
  g_autofree char *dir = NULL;
  g_autoptr (TnetNetwork) net = small_network (&dir);
  static const struct {
    const char *spec, *members, *zones;
  } cases[] = {
    { "xc", "xa xb x1 x2", "xa xb" },
    { "region:xc", "xa xb x1 x2", "xa xb" },
    { "zones:xc", "xa xb", "xa xb" },
    { "region:zz", "z1 z2 za", "za" },
    { "kind:station", "x2 z2", "x2 z2" },        /* no zone: the members */
    { "m1", "m1", "m1" },
    { "node:m1", "m1", "m1" },
    { "XA", "xa", "xa" },                         /* a node name */
    { "xa, zz", "xa z1 z2 za", "xa za" },
    { "kind:junction;xb", "x1 m1 z1 xb", "xb" },
    { "all", "xa xb x1 x2 m1 z1 z2 za", "xa xb za" },
  };
  GError *error = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (TnetNodeSet) set = tnet_node_set_resolve (net, cases[i].spec, &error);
      ck_assert_msg (set != NULL, "%s: %s", cases[i].spec, error ? error->message : "");
      g_autofree char *m = ids_of (net, set->members), *z = ids_of (net, set->zones);
      ck_assert_msg (strcmp (m, cases[i].members) == 0, "%s: members %s", cases[i].spec, m);
      ck_assert_msg (strcmp (z, cases[i].zones) == 0, "%s: zones %s", cases[i].spec, z);
    }
  /* the commute's trip ends: a region's zones, anything else's nodes */
  g_autoptr (GArray) ends = g_array_new (FALSE, FALSE, sizeof (TnetId));
  ck_assert (tnet_commute_select (net, "xc;kind:station, XA", ends, &error));
  g_autofree char *e = ids_of (net, ends);
  ck_assert_str_eq (e, "xa xb x2 z2");
  /* unknown names: did-you-mean among the names of the item's kind */
  ck_assert_ptr_null (tnet_node_set_resolve (net, "region:zzz", &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "did you mean 'zz'?");
  ck_assert_ptr_null (tnet_node_set_resolve (net, "kind:statoin", &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "did you mean 'station'?");
  ck_assert_ptr_null (tnet_node_set_resolve (net, "xa;M1x", &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "'M1x' matches no node");
  /* the suggestion for one node reads past a node: prefix */
  ck_assert_str_eq (tnet_place_suggest (net, "node:xbb", FALSE), "xb");
  ck_assert_str_eq (tnet_place_suggest (net, "xbb", FALSE), "xb");
  ck_assert (!tnet_commute_select (net, " ; ", ends, &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "empty place list");
  /* m1 has no region: "region:" of nothing fails */
  ck_assert_ptr_null (tnet_node_set_resolve (net, "zones:nowhere", &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "zones:nowhere");
  tt_rm_rf (dir);
}
END_TEST

START_TEST (test_network_corridor)
{
  g_autofree char *dir = NULL;
  g_autoptr (TnetNetwork) net = small_network (&dir);
  GError *error = NULL;
  g_autoptr (TnetNodeSet) a = tnet_node_set_resolve (net, "xc", &error);
  g_autoptr (TnetNodeSet) b = tnet_node_set_resolve (net, "region:zz", &error);
  ck_assert (a && b);
  ck_assert (a->is_region);
  ck_assert_uint_eq (a->members->len, 4);
  ck_assert_uint_eq (a->zones->len, 2);
  g_autoptr (TnetNodeSet) one = tnet_node_set_resolve (net, "node:x1", &error);
  ck_assert_uint_eq (one->members->len, 1);
  ck_assert (!one->is_region);
  ck_assert_ptr_null (tnet_node_set_resolve (net, "nowhere", &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "nowhere");
  ck_assert_ptr_null (tnet_node_set_resolve (net, "region:x1", &error));
  tt_assert_error (error, TNET_ERROR_NOT_FOUND, "region:x1");

  g_autoptr (TnetScenario) s2020 = tnet_scenario_new (2020);
  g_autoptr (TnetScenario) s2025 = tnet_scenario_new (2025);
  g_autoptr (GPtrArray) lines = NULL;
  ck_assert_uint_eq (tnet_corridor_count_lines (net, s2020, TNET_MODES_ROAD, a, b, &lines), 2);
  ck_assert_str_eq (lines->pdata[0], "G1");
  ck_assert_str_eq (lines->pdata[1], "S1");
  /* S2 stops at m1: not a line between the regions */
  ck_assert_uint_eq (tnet_corridor_count_lines (net, s2025, TNET_MODES_ROAD, a, b, NULL), 2);
  ck_assert_uint_eq (tnet_corridor_count_lines (net, s2025, TNET_MODES_RAIL, a, b, NULL), 2);

  g_autoptr (TnetCorridor) road20 = tnet_corridor_analyse (net, s2020, TNET_MODES_ROAD, a, b,
                                                           4, 60 * 60000, 1.5, &error);
  ck_assert_msg (road20 != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (road20->link_disjoint->n_paths, 2);
  ck_assert_uint_eq (road20->node_disjoint->n_paths, 2);
  /* zones to zones: G1 (5+24+5) and S1 (5+40+5); access links shared */
  ck_assert_uint_eq (road20->fastest->n_paths, 2);
  ck_assert_uint_eq (road20->fastest->paths[0].time_ms, 34 * 60000);
  ck_assert_uint_eq (road20->fastest->paths[1].time_ms, 50 * 60000);
  ck_assert_uint_eq (road20->n_within_budget, 2);
  ck_assert_uint_eq (road20->n_within_factor, 2);
  g_autoptr (TnetCorridor) road25 = tnet_corridor_analyse (net, s2025, TNET_MODES_ROAD, a, b,
                                                           4, 40 * 60000, 1.2, &error);
  /* S2 parallels G1 to m1, but m1–z1 is still one link */
  ck_assert_uint_eq (road25->link_disjoint->n_paths, 2);
  ck_assert_uint_eq (road25->node_disjoint->n_paths, 2);
  ck_assert_uint_eq (road25->n_within_budget, 1);
  ck_assert_uint_eq (road25->n_within_factor, 1);
  g_autoptr (TnetCorridor) all = tnet_corridor_analyse (net, s2025, TNET_MODES_ROAD | TNET_MODES_RAIL,
                                                        a, b, 4, 60 * 60000, 1.5, &error);
  ck_assert_uint_eq (all->link_disjoint->n_paths, 4);
  ck_assert_uint_eq (all->n_lines, 4);
  ck_assert_uint_eq (all->fastest->paths[0].time_ms, 30 * 60000);
}
END_TEST

/* The car profile's graph of @net under @scen. */
static TnetMultimodal *
car_graph (const TnetNetwork *net, const TnetScenario *scen)
{
  GError *error = NULL;
  TnetMultimodal *mm = tnet_multimodal_build (net, scen, NULL, TNET_PROFILE_CAR, NULL, &error);
  ck_assert_msg (mm != NULL, "%s", error ? error->message : "");
  return mm;
}

/* The car time from zone @o to zone @d on @mm, by a plain search. */
static TnetWeight
car_time (TnetSearch *search, const TnetMultimodal *mm, TnetId o, TnetId d)
{
  TnetId t = tnet_multimodal_destination_node (mm, d);
  tnet_search_run (search, tnet_multimodal_get_metric (mm), tnet_multimodal_origin_node (mm, o),
                   TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
  return tnet_search_distance (search, t);
}

/* Closing the top-ranked link in a scenario raises the time by what the
 * scan (on the car profile's graph) reported. */
START_TEST (test_network_criticality_closure)
{
  g_autofree char *dir = NULL;
  g_autoptr (TnetNetwork) net = small_network (&dir);
  GError *error = NULL;
  g_autoptr (TnetNodeSet) a = tnet_node_set_resolve (net, "xc", &error);
  g_autoptr (TnetNodeSet) b = tnet_node_set_resolve (net, "zz", &error);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2020);
  g_autoptr (TnetMultimodal) mm = car_graph (net, scen);
  TnetCriticalityOptions opts;
  tnet_criticality_options_init (&opts);
  opts.n_threads = 2;
  g_autoptr (TnetCriticality) crit = tnet_corridor_criticality_profile (net, mm, a, b, FALSE,
                                                                        45 * 60000, &opts,
                                                                        &error);
  ck_assert_msg (crit != NULL, "%s", error ? error->message : "");
  ck_assert_uint_eq (tnet_criticality_n_pairs (crit), 2);
  ck_assert_uint_gt (tnet_criticality_n_items (crit), 0);
  const TnetCriticalityItem *top = tnet_criticality_item (crit, 0);
  /* a4 is za's only access to the roads (z2 has rail only): it cuts both
   * pairs */
  ck_assert_str_eq (top->name, "a4");
  ck_assert_uint_eq (top->n_pairs_cut, 2);
  /* every ranked link, closed in a scenario, gives the scanned times */
  for (guint r = 0; r < tnet_criticality_n_items (crit); r++)
    {
      const TnetCriticalityItem *it = tnet_criticality_item (crit, r);
      g_autoptr (TnetScenario) closed = tnet_scenario_copy (scen);
      tnet_scenario_close_link (closed, it->name);
      g_autoptr (TnetMultimodal) cm = car_graph (net, closed);
      g_autoptr (TnetSearch) search = tnet_search_new (tnet_multimodal_get_graph (cm));
      for (guint p = 0; p < 2; p++)
        ck_assert_uint_eq (car_time (search, cm, g_array_index (a->zones, TnetId, p),
                                     g_array_index (b->zones, TnetId, 0)),
                           tnet_criticality_time (crit, r, p));
    }
  /* without g1 both zones (100 + 50) fall out of 45 min, by 16 min each:
   * xa 5 + 12 + 12 + 5 = 34 before, 5 + 40 + 5 = 50 after */
  gboolean seen_g1 = FALSE;
  for (guint r = 0; r < tnet_criticality_n_items (crit); r++)
    {
      const TnetCriticalityItem *it = tnet_criticality_item (crit, r);
      if (strcmp (it->name, "g1") == 0)
        {
          seen_g1 = TRUE;
          ck_assert (it->population_lost == 150.0);
          ck_assert_uint_eq (it->max_increase_ms, 16 * 60000);
        }
    }
  ck_assert (seen_g1);
  opts.n_threads = 1;
  g_autoptr (TnetCriticality) by_line = tnet_corridor_criticality_profile (net, mm, a, b, TRUE,
                                                                           45 * 60000, &opts,
                                                                           &error);
  ck_assert_uint_eq (tnet_criticality_n_items (by_line), 1);
  ck_assert_str_eq (tnet_criticality_item (by_line, 0)->name, "G1");
  tt_rm_rf (dir);
}
END_TEST

/* ---------- bundled data ---------- */

START_TEST (test_bundled_line_counts)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  g_autoptr (TnetNodeSet) xc = tnet_node_set_resolve (net, "xuchang", &error);
  g_autoptr (TnetNodeSet) zz = tnet_node_set_resolve (net, "zhengzhou", &error);
  g_autoptr (TnetNodeSet) ap = tnet_node_set_resolve (net, "airport", &error);
  ck_assert (xc && zz && ap);
  g_autoptr (TnetScenario) s2020 = tnet_scenario_new (2020);
  g_autoptr (TnetScenario) s2025 = tnet_scenario_new (2025);
  /* the plan: 4 + 7 to Zhengzhou in 2020; 5 + 15 and 3 + 8 in 2025 */
  /* The plan lists 15 road lines to Zhengzhou and 8 to the airport zone for
   * 2025 (P-C14). One of them, the 新G107 northern link, was still under
   * construction in 2025 (facts §3; links.csv open_year 2026), so the
   * network of 2025 has 15 - 1 = 14 and 8 - 1 = 7. */

  ck_assert_uint_eq (tnet_corridor_count_lines (net, s2020, TNET_MODES_RAIL, xc, zz, NULL), 4);
  ck_assert_uint_eq (tnet_corridor_count_lines (net, s2020, TNET_MODES_ROAD, xc, zz, NULL), 7);
  ck_assert_uint_eq (tnet_corridor_count_lines (net, s2025, TNET_MODES_RAIL, xc, zz, NULL), 5);
  ck_assert_uint_eq (tnet_corridor_count_lines (net, s2025, TNET_MODES_ROAD, xc, zz, NULL), 14);
  ck_assert_uint_eq (tnet_corridor_count_lines (net, s2025, TNET_MODES_RAIL, xc, ap, NULL), 3);
  ck_assert_uint_eq (tnet_corridor_count_lines (net, s2025, TNET_MODES_ROAD, xc, ap, NULL), 7);
  /* node-disjoint paths never outnumber link-disjoint ones */
  g_autoptr (TnetCorridor) corr = tnet_corridor_analyse (net, s2025, TNET_MODES_RAIL | TNET_MODES_ROAD,
                                                         xc, zz, 5, 60 * 60000, 1.5, &error);
  ck_assert_msg (corr != NULL, "%s", error ? error->message : "");
  ck_assert_uint_ge (corr->link_disjoint->n_paths, corr->node_disjoint->n_paths);
  ck_assert_uint_gt (corr->node_disjoint->n_paths, 0);
  ck_assert_uint_eq (corr->fastest->n_paths, 5);
}
END_TEST

/* Closing the top-ranked link of the 2025 car scan in a scenario raises
 * every Xuchang → Zhengzhou car time by exactly what the scan reported. */
START_TEST (test_bundled_closure)
{
  g_autofree char *dir = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert (net != NULL);
  g_autoptr (TnetNodeSet) xc = tnet_node_set_resolve (net, "xuchang", &error);
  g_autoptr (TnetNodeSet) zz = tnet_node_set_resolve (net, "zhengzhou", &error);
  g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
  g_autoptr (TnetMultimodal) m0 = car_graph (net, scen);
  g_autoptr (TnetCriticality) crit = tnet_corridor_criticality_profile (net, m0, xc, zz, FALSE,
                                                                        60 * 60000, NULL,
                                                                        &error);
  ck_assert (crit != NULL);
  ck_assert_uint_gt (tnet_criticality_n_items (crit), 0);
  const TnetCriticalityItem *top = tnet_criticality_item (crit, 0);
  ck_assert_uint_gt (top->max_increase_ms, 0);
  g_autoptr (TnetScenario) closed = tnet_scenario_copy (scen);
  tnet_scenario_close_link (closed, top->name);
  g_autoptr (TnetMultimodal) m1 = car_graph (net, closed);
  g_autoptr (TnetSearch) s0 = tnet_search_new (tnet_multimodal_get_graph (m0));
  g_autoptr (TnetSearch) s1 = tnet_search_new (tnet_multimodal_get_graph (m1));
  guint p = 0;
  TnetWeight max_inc = 0;
  for (guint i = 0; i < xc->zones->len; i++)
    for (guint j = 0; j < zz->zones->len; j++, p++)
      {
        TnetId o = g_array_index (xc->zones, TnetId, i), d = g_array_index (zz->zones, TnetId, j);
        TnetWeight before = car_time (s0, m0, o, d), after = car_time (s1, m1, o, d);
        ck_assert_uint_eq (before, tnet_criticality_base_time (crit, p));
        ck_assert_uint_eq (after, tnet_criticality_time (crit, 0, p));
        max_inc = MAX (max_inc, after - before);
      }
  ck_assert_uint_eq (p, tnet_criticality_n_pairs (crit));
  ck_assert_uint_eq (max_inc, top->max_increase_ms);
}
END_TEST

/* The report carries the corridor figures for both years. (The network
 * files only, copied, so that the other sections' tables do not matter.) */

/* The plan the report used to hard-code, for folders shaped like the
 * bundled one (home xuchang; pairs zhengzhou and airport). */
static const char *const bundled_like_plan =
  "[plan]\ntitle = T\nhome = xuchang\nhome_label = Xuchang\n"
  "[report]\ntrunk_classes = expressway;I;II\ncritical_pair = zhengzhou\n"
  "[pair zhengzhou]\nregion = zhengzhou\nlabel = Zhengzhou\n"
  "[pair airport]\nregion = airport\nlabel = airport zone\n";

/* One link's loss by brute force: the car commute matrix with the link
 * closed in the scenario (a rebuilt graph), against the matrix without. */
typedef struct {
  TnetId link;
  guint slower, cut, out_of_budget;
  double population_lost;
  guint64 total_increase_ms;
  TnetWeight max_increase_ms;
} BruteItem;

static int
brute_item_cmp (const void *pa, const void *pb)
{
  /* documented order of tnet_criticality_scan(): pairs cut, population
   * lost, pairs out of budget, total increase (all descending), index */
  const BruteItem *a = pa, *b = pb;
  if (a->cut != b->cut)
    return a->cut > b->cut ? -1 : 1;
  if (a->population_lost != b->population_lost)
    return a->population_lost > b->population_lost ? -1 : 1;
  if (a->out_of_budget != b->out_of_budget)
    return a->out_of_budget > b->out_of_budget ? -1 : 1;
  if (a->total_increase_ms != b->total_increase_ms)
    return a->total_increase_ms > b->total_increase_ms ? -1 : 1;
  return a->link < b->link ? -1 : 1;
}

static TnetCommute *
car_commute (const TnetNetwork *net, const TnetScenario *scen, const TnetNodeSet *a,
             const TnetNodeSet *b)
{
  GError *error = NULL;
  TnetProfile car = TNET_PROFILE_CAR;
  TnetMultimodal *mm = NULL;
  ck_assert_msg (tnet_commute_build_graphs (net, scen, NULL, NULL, &car, 1, &mm, &error), "%s",
                 error ? error->message : "");
  TnetCommuteOptions opts;
  tnet_commute_options_init (&opts);
  opts.method = TNET_COMMUTE_METHOD_SEARCH;
  TnetCommute *c = tnet_commute_compute_within (net, &mm, 1, (const TnetId *) a->zones->data,
                                                a->zones->len, (const TnetId *) b->zones->data,
                                                b->zones->len, TNET_COMMUTE_TO, 60 * 60000,
                                                &opts, &error);
  ck_assert_msg (c != NULL, "%s", error ? error->message : "");
  tnet_multimodal_unref (mm);
  return c;
}

/* The report's car critical links (@items, its JSON critical_links) are
 * the first @top links of a brute force that closes every active link in
 * turn, in the documented order, with the same counts; returns the
 * largest increase among them in minutes (rounded to 0.1 as the report). */
static double
check_car_critical_links (const TnetNetwork *net, const TnetScenario *scen,
                          const TnetNodeSet *xc, const TnetNodeSet *zz, JsonArray *items,
                          guint top, TnetWeight budget_ms)
{
  g_autoptr (TnetCommute) base = car_commute (net, scen, xc, zz);
  guint no = xc->zones->len, nd = zz->zones->len;
  g_autoptr (GArray) found = g_array_new (FALSE, TRUE, sizeof (BruteItem));
  for (TnetId l = 0; l < tnet_network_n_links (net); l++)
    {
      if (!tnet_scenario_link_active (scen, net, l))
        continue;
      g_autoptr (TnetScenario) cut = tnet_scenario_copy (scen);
      tnet_scenario_close_link (cut, tnet_network_link (net, l)->id);
      g_autoptr (TnetCommute) after = car_commute (net, cut, xc, zz);
      BruteItem it = { .link = l };
      for (guint o = 0; o < no; o++)
        {
          TnetWeight best_before = TNET_WEIGHT_INF, best_after = TNET_WEIGHT_INF;
          for (guint d = 0; d < nd; d++)
            {
              TnetWeight b = tnet_commute_cell (base, 0, o, d)->total_ms;
              TnetWeight a = tnet_commute_cell (after, 0, o, d)->total_ms;
              ck_assert_uint_ge (a, b);
              best_before = MIN (best_before, b);
              best_after = MIN (best_after, a);
              if (a == b)
                continue;
              it.slower++;
              it.out_of_budget += b <= budget_ms && a > budget_ms;
              if (a == TNET_WEIGHT_INF)
                {
                  it.cut++;
                  continue;
                }
              it.total_increase_ms += a - b;
              it.max_increase_ms = MAX (it.max_increase_ms, a - b);
            }
          if (best_before <= budget_ms && best_after > budget_ms)
            it.population_lost
              += tnet_network_node (net, g_array_index (xc->zones, TnetId, o))->population;
        }
      if (it.slower > 0)
        g_array_append_val (found, it);
    }
  g_array_sort (found, brute_item_cmp);
  guint n_car = 0;
  double worst = 0;
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *o = json_array_get_object_element (items, i);
      if (strcmp (json_object_get_string_member (o, "profile"), "car") != 0)
        continue;
      ck_assert_uint_lt (n_car, found->len);
      const BruteItem *it = &g_array_index (found, BruteItem, n_car);
      n_car++;
      ck_assert_str_eq (json_object_get_string_member (o, "link"),
                        tnet_network_link (net, it->link)->id);
      ck_assert_int_eq (json_object_get_int_member (o, "pairs_cut"), it->cut);
      ck_assert_int_eq (json_object_get_int_member (o, "pairs_slower"), it->slower);
      ck_assert_int_eq (json_object_get_int_member (o, "pairs_out_of_budget"),
                        it->out_of_budget);
      double max_min = round ((double) it->max_increase_ms / 6000.0) / 10.0;
      ck_assert_double_eq_tol (json_object_get_double_member (o, "max_increase_min"), max_min,
                               1e-9);
      worst = MAX (worst, max_min);
    }
  ck_assert_uint_eq (n_car, MIN (top, found->len));
  return worst;
}

/* Loads @dir (with that plan) and computes the report; the dataset the
 * report borrows from is kept in *@ds_out. */
static TnetReport *
report_in (const char *dir, const TnetScenario *const *scens, guint n, TnetDataset **ds_out,
           GError **error)
{
  tt_write_file (dir, "plan.ini", bundled_like_plan);
  *ds_out = tnet_dataset_load (dir, NULL, error);
  return *ds_out ? tnet_report_compute (*ds_out, scens, n, error) : NULL;
}

START_TEST (test_bundled_report_section)
{
  g_autofree char *src = tt_source_path ("data/xuchang");
  g_autofree char *dir = tt_mkdtemp ();
  const char *files[] = { "nodes.csv", "links.csv", "regions.csv" };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (src, files[i], NULL);
      g_autofree char *text = NULL;
      ck_assert (g_file_get_contents (path, &text, NULL, NULL));
      tt_write_file (dir, files[i], text);
    }
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (dir, &error);
  ck_assert (net != NULL);
  g_autoptr (TnetScenario) s2020 = tnet_scenario_new (2020);
  g_autoptr (TnetScenario) s2025 = tnet_scenario_new (2025);
  const TnetScenario *scens[2] = { s2020, s2025 };
  g_autoptr (TnetDataset) ds = NULL;
  g_autoptr (TnetReport) report = report_in (dir, scens, 2, &ds, &error);
  ck_assert_msg (report != NULL, "%s", error ? error->message : "");
  for (guint c = 0; c < 2; c++)
    {
      g_autoptr (TnetNodeSet) xc = tnet_node_set_resolve (net, "xuchang", &error);
      g_autoptr (TnetNodeSet) zz = tnet_node_set_resolve (net, "zhengzhou", &error);
      g_autoptr (TnetCorridor) corr = tnet_corridor_analyse (net, scens[c],
                                                             TNET_MODES_RAIL | TNET_MODES_ROAD,
                                                             xc, zz, 1, 60 * 60000, 1.5, &error);
      ck_assert (tnet_report_get_value (report, c, "zhengzhou_disjoint_paths")
                 == (double) corr->link_disjoint->n_paths);
      /* the airport pair of plan.ini, with its k, budget and detour */
      g_autoptr (TnetNodeSet) ap = tnet_node_set_resolve (net, "airport", &error);
      ck_assert_msg (ap != NULL, "%s", error ? error->message : "");
      g_autoptr (TnetCorridor) corr_ap = tnet_corridor_analyse (net, scens[c],
                                                                TNET_MODES_RAIL | TNET_MODES_ROAD,
                                                                xc, ap, 5, 60 * 60000, 1.5,
                                                                &error);
      ck_assert_msg (corr_ap != NULL, "%s", error ? error->message : "");
      ck_assert (tnet_report_get_value (report, c, "airport_disjoint_paths")
                 == (double) corr_ap->link_disjoint->n_paths);
    }
  /* the critical links and their largest increase against a brute force
   * (plan defaults: top 10, budget 60 min; without a feed the report scans
   * the car profile only) */
  g_autofree char *json = tnet_report_to_json (report, FALSE);
  g_autoptr (JsonParser) jp = json_parser_new ();
  ck_assert (json_parser_load_from_data (jp, json, -1, NULL));
  JsonObject *cols = json_object_get_object_member (
    json_node_get_object (json_parser_get_root (jp)), "scenarios");
  g_autoptr (TnetNodeSet) xc = tnet_node_set_resolve (net, "region:xuchang", &error);
  g_autoptr (TnetNodeSet) zz = tnet_node_set_resolve (net, "region:zhengzhou", &error);
  ck_assert (xc && zz);
  for (guint c = 0; c < 2; c++)
    {
      g_autofree char *year = g_strdup_printf ("%d", tnet_scenario_get_year (scens[c]));
      JsonObject *ind = json_object_get_object_member (
        json_object_get_object_member (cols, year), "indicators");
      JsonArray *items = json_object_get_array_member (ind, "critical_links");
      for (guint i = 0; i < json_array_get_length (items); i++)
        ck_assert_str_eq (json_object_get_string_member (
                            json_array_get_object_element (items, i), "profile"), "car");
      double worst = check_car_critical_links (net, scens[c], xc, zz, items, 10, 60 * 60000);
      ck_assert_double_eq_tol (tnet_report_get_value (report, c,
                                                      "critical_link_max_increase_min"),
                               worst, 1e-9);
      ck_assert_double_eq_tol (json_object_get_double_member (ind,
                                                              "critical_link_max_increase_min"),
                               worst, 1e-9);
      printf ("# %s: largest increase from one link failure %.1f min (%u critical links)\n",
              year, worst, json_array_get_length (items));
    }
  ck_assert_ptr_nonnull (strstr (json, "\"critical_links\":[{\"link\":"));
  tt_rm_rf (dir);
}
END_TEST

/* ----------------------------------------------------- GeoJSON of the CLI */

static JsonObject *
parse_collection (JsonParser *parser, const char *text)
{
  GError *error = NULL;
  ck_assert_msg (json_parser_load_from_data (parser, text, -1, &error), "%s",
                 error ? error->message : "");
  JsonObject *root = json_node_get_object (json_parser_get_root (parser));
  ck_assert_str_eq (json_object_get_string_member (root, "type"), "FeatureCollection");
  return root;
}

/* TRUE when the coordinate array @c (of [lon, lat] arrays) has a vertex at
 * node @v (the writers round to 1e-6 degree). */
static gboolean
has_vertex (JsonArray *c, const TnetNode *v)
{
  for (guint i = 0; i < json_array_get_length (c); i++)
    {
      JsonArray *pt = json_array_get_array_element (c, i);
      if (fabs (json_array_get_double_element (pt, 0) - v->lon) < 6e-7
          && fabs (json_array_get_double_element (pt, 1) - v->lat) < 6e-7)
        return TRUE;
    }
  return FALSE;
}

static void
assert_vertex_at (JsonArray *c, guint i, const TnetNode *v)
{
  JsonArray *pt = json_array_get_array_element (c, i);
  ck_assert_double_eq_tol (json_array_get_double_element (pt, 0), v->lon, 6e-7);
  ck_assert_double_eq_tol (json_array_get_double_element (pt, 1), v->lat, 6e-7);
}

/* A CSV number, or NAN for an empty field or "cut". */
static double
csv_number (const char *field)
{
  return *field && strcmp (field, "cut") != 0 ? g_ascii_strtod (field, NULL) : NAN;
}

static void
assert_number_member (JsonObject *o, const char *name, const char *csv_field)
{
  double want = csv_number (csv_field);
  JsonNode *n = json_object_get_member (o, name);
  ck_assert_msg (n != NULL, "no member %s", name);
  if (isnan (want))
    ck_assert_msg (JSON_NODE_HOLDS_NULL (n), "%s: expected null for '%s'", name, csv_field);
  else
    ck_assert_double_eq_tol (json_node_get_double (n), want, 1e-9);
}

/* `tnet corridors --format geojson` against `--format csv` of the same
 * command: the same paths in the same order with the same minutes and
 * places; each LineString runs from its first place to its last and has a
 * vertex on every place and only there (the bundled links are straight). */
START_TEST (test_corridors_geojson)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (data, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  TtRun r = tt_run_tnet ("corridors", "xuchang", "zhengzhou", "--format", "csv", "--data", data,
                         NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (GPtrArray) rows = tt_csv_rows (r.out);
  tt_run_clear (&r);
  r = tt_run_tnet ("corridors", "xuchang", "zhengzhou", "--format", "geojson", "--data", data,
                   NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = parse_collection (parser, r.out);
  JsonObject *meta = json_object_get_object_member (root, "properties");
  ck_assert_str_eq (json_object_get_string_member (meta, "from"), "xuchang");
  JsonArray *features = json_object_get_array_member (root, "features");
  ck_assert_uint_gt (rows->len, 3);
  ck_assert_uint_eq (json_array_get_length (features), rows->len - 1);
  guint n_least = 0;
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      char **row = rows->pdata[i + 1];  /* set,rank,minutes,nodes */
      JsonObject *f = json_array_get_object_element (features, i);
      JsonObject *p = json_object_get_object_member (f, "properties");
      ck_assert_str_eq (json_object_get_string_member (p, "set"), row[0]);
      ck_assert_int_eq (json_object_get_int_member (p, "rank"), atoi (row[1]));
      assert_number_member (p, "minutes", row[2]);
      ck_assert_str_eq (json_object_get_string_member (p, "nodes"), row[3]);
      g_autofree char *id = g_strdup_printf ("%s-%s", row[0], row[1]);
      ck_assert_str_eq (json_object_get_string_member (f, "id"), id);
      n_least += strcmp (row[0], "least_time") == 0;

      JsonObject *g = json_object_get_object_member (f, "geometry");
      ck_assert_str_eq (json_object_get_string_member (g, "type"), "LineString");
      JsonArray *c = json_object_get_array_member (g, "coordinates");
      g_auto (GStrv) places = g_strsplit (row[3], " > ", -1);
      guint n_places = g_strv_length (places);
      const TnetNode *first = tnet_network_node (net, tnet_network_find_node (net, places[0]));
      const TnetNode *last
        = tnet_network_node (net, tnet_network_find_node (net, places[n_places - 1]));
      assert_vertex_at (c, 0, first);
      assert_vertex_at (c, json_array_get_length (c) - 1, last);
      for (guint k = 0; k < n_places; k++)
        {
          TnetId v = tnet_network_find_node (net, places[k]);
          ck_assert_uint_ne (v, TNET_ID_NONE);
          ck_assert_msg (has_vertex (c, tnet_network_node (net, v)), "%s: no vertex at %s", id,
                         places[k]);
        }
      for (guint k = 0; k < json_array_get_length (c); k++)
        {
          JsonArray *pt = json_array_get_array_element (c, k);
          gboolean on_place = FALSE;
          for (guint j = 0; j < n_places && !on_place; j++)
            {
              const TnetNode *v = tnet_network_node (net, tnet_network_find_node (net, places[j]));
              on_place = fabs (json_array_get_double_element (pt, 0) - v->lon) < 6e-7
                         && fabs (json_array_get_double_element (pt, 1) - v->lat) < 6e-7;
            }
          ck_assert_msg (on_place, "%s: vertex %u is on none of its places", id, k);
        }
    }
  ck_assert_uint_gt (n_least, 0);
  tt_run_clear (&r);
}
END_TEST

/* The rows of GTFS file @name of @feed_dir, and the index of each column
 * named in @cols (in order) in @idx. */
static GPtrArray *
gtfs_rows (const char *feed_dir, const char *name, const char *const *cols, guint *idx)
{
  g_autofree char *path = g_build_filename (feed_dir, name, NULL);
  g_autofree char *text = NULL;
  ck_assert (g_file_get_contents (path, &text, NULL, NULL));
  GPtrArray *rows = tt_csv_rows (text);
  char **header = rows->pdata[0];
  for (guint k = 0; cols[k]; k++)
    {
      idx[k] = G_MAXUINT;
      for (guint j = 0; header[j]; j++)
        if (strcmp (header[j], cols[k]) == 0)
          idx[k] = j;
      ck_assert_msg (idx[k] != G_MAXUINT, "%s: no %s", name, cols[k]);
    }
  return rows;
}

/* By line on the transit profile, a bus service that runs over no network
 * link has for geometry the straight segments between its stops, flagged
 * "stops": every part of its MultiLineString is the stop sequence of one of
 * its trips, read here from the feed's routes, trips, stop_times and stops
 * files; the other lines keep their links ("links"). */
START_TEST (test_criticality_geojson_stops)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  g_autofree char *feed_dir = tt_source_path ("data/xuchang/gtfs-2025");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (data, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  /* stop id -> "lon lat"; trip id -> route id; trip -> its stops in order */
  guint si[3], ri[2], ti[2], sti[3];
  static const char *const stop_cols[] = { "stop_id", "stop_lon", "stop_lat", NULL };
  static const char *const route_cols[] = { "route_id", "route_short_name", NULL };
  static const char *const trip_cols[] = { "route_id", "trip_id", NULL };
  static const char *const st_cols[] = { "trip_id", "stop_id", "stop_sequence", NULL };
  g_autoptr (GPtrArray) stops = gtfs_rows (feed_dir, "stops.txt", stop_cols, si);
  g_autoptr (GPtrArray) routes = gtfs_rows (feed_dir, "routes.txt", route_cols, ri);
  g_autoptr (GPtrArray) trips = gtfs_rows (feed_dir, "trips.txt", trip_cols, ti);
  g_autoptr (GPtrArray) stop_times = gtfs_rows (feed_dir, "stop_times.txt", st_cols, sti);
  g_autoptr (JsonParser) parser = json_parser_new ();
  TtRun r = tt_run_tnet ("criticality", "xuchang", "zhengzhou", "--by", "line", "--profile",
                         "transit", "--scenario", "2025", "--top", "50", "--format",
                         "geojson", "--data", data, NULL);
  ck_assert_msg (r.status == 0, "%s", r.err);
  JsonObject *root = parse_collection (parser, r.out);
  tt_run_clear (&r);
  JsonArray *features = json_object_get_array_member (root, "features");
  guint n_stops_features = 0;
  for (guint i = 0; i < json_array_get_length (features); i++)
    {
      JsonObject *f = json_array_get_object_element (features, i);
      JsonObject *p = json_object_get_object_member (f, "properties");
      const char *line = json_object_get_string_member (p, "element");
      gboolean on_links = FALSE;
      for (TnetId l = 0; l < tnet_network_n_links (net); l++)
        on_links |= g_strcmp0 (tnet_network_link (net, l)->line, line) == 0;
      const char *source = json_object_get_string_member (p, "geometry_source");
      ck_assert_str_eq (source, on_links ? "links" : "stops");
      if (on_links)
        continue;
      n_stops_features++;
      JsonArray *parts
        = json_object_get_array_member (json_object_get_object_member (f, "geometry"),
                                        "coordinates");
      ck_assert_uint_gt (json_array_get_length (parts), 0);
      for (guint k = 0; k < json_array_get_length (parts); k++)
        {
          JsonArray *c = json_array_get_array_element (parts, k);
          /* some trip of a route named @line calls at exactly these stops */
          gboolean matched = FALSE;
          for (guint t = 1; t < trips->len && !matched; t++)
            {
              char **trip = trips->pdata[t];
              gboolean of_line = FALSE;
              for (guint q = 1; q < routes->len; q++)
                {
                  char **route = routes->pdata[q];
                  of_line |= strcmp (route[ri[0]], trip[ti[0]]) == 0
                             && strcmp (route[ri[1]], line) == 0;
                }
              if (!of_line)
                continue;
              /* the trip's stops by stop_sequence (selection of the next) */
              g_autoptr (GPtrArray) seq = g_ptr_array_new ();
              long last = -1;
              for (;;)
                {
                  char **next = NULL;
                  long best = G_MAXLONG;
                  for (guint q = 1; q < stop_times->len; q++)
                    {
                      char **row = stop_times->pdata[q];
                      long sq = strtol (row[sti[2]], NULL, 10);
                      if (strcmp (row[sti[0]], trip[ti[1]]) == 0 && sq > last && sq < best)
                        best = sq, next = row;
                    }
                  if (next == NULL)
                    break;
                  last = best;
                  g_ptr_array_add (seq, next[sti[1]]);
                }
              if (seq->len != json_array_get_length (c))
                continue;
              matched = TRUE;
              for (guint v = 0; v < seq->len && matched; v++)
                {
                  char **stop = NULL;
                  for (guint q = 1; q < stops->len; q++)
                    if (strcmp (((char **) stops->pdata[q])[si[0]], seq->pdata[v]) == 0)
                      stop = stops->pdata[q];
                  ck_assert_ptr_nonnull (stop);
                  JsonArray *pt = json_array_get_array_element (c, v);
                  matched = fabs (json_array_get_double_element (pt, 0)
                                  - g_ascii_strtod (stop[si[1]], NULL)) < 6e-7
                            && fabs (json_array_get_double_element (pt, 1)
                                     - g_ascii_strtod (stop[si[2]], NULL)) < 6e-7;
                }
            }
          ck_assert_msg (matched, "%s: part %u is no trip's stops", line, k);
        }
    }
  ck_assert_uint_gt (n_stops_features, 0);
}
END_TEST

/* `tnet criticality --format geojson` against `--format csv`: every column
 * of every ranked item; by link each feature is its link from its `from`
 * node to its `to` node, by line each part of the MultiLineString a
 * distinct link of that line. */
START_TEST (test_criticality_geojson)
{
  g_autofree char *data = tt_source_path ("data/xuchang");
  GError *error = NULL;
  g_autoptr (TnetNetwork) net = tnet_network_load_csv (data, &error);
  ck_assert_msg (net != NULL, "%s", error ? error->message : "");
  static const char *const keys[] = { "rank", "element", "pairs_slower", "pairs_cut",
                                      "pairs_out_of_budget", "population_lost",
                                      "max_increase_min", "total_increase_min", "worst_from",
                                      "worst_to", "before_min", "after_min" };
  static const gboolean numeric[] = { 1, 0, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1 };
  for (int by_line = 0; by_line < 2; by_line++)
    {
      const char *by = by_line ? "line" : "link";
      TtRun r = tt_run_tnet ("criticality", "xuchang", "zhengzhou", "--by", by, "--top", "6",
                             "--format", "csv", "--data", data, NULL);
      ck_assert_msg (r.status == 0, "%s", r.err);
      g_autoptr (GPtrArray) rows = tt_csv_rows (r.out);
      tt_run_clear (&r);
      r = tt_run_tnet ("criticality", "xuchang", "zhengzhou", "--by", by, "--top", "6",
                       "--format", "geojson", "--data", data, NULL);
      ck_assert_msg (r.status == 0, "%s", r.err);
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonObject *root = parse_collection (parser, r.out);
      JsonArray *features = json_object_get_array_member (root, "features");
      ck_assert_uint_gt (rows->len, 1);
      ck_assert_uint_eq (json_array_get_length (features), rows->len - 1);
      char **header = rows->pdata[0];
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        ck_assert_str_eq (header[k], keys[k]);
      for (guint i = 0; i < json_array_get_length (features); i++)
        {
          char **row = rows->pdata[i + 1];
          JsonObject *f = json_array_get_object_element (features, i);
          ck_assert_int_eq (json_object_get_int_member (f, "id"), i + 1);
          JsonObject *p = json_object_get_object_member (f, "properties");
          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            if (numeric[k])
              assert_number_member (p, keys[k], row[k]);
            else
              ck_assert_str_eq (json_object_get_string_member (p, keys[k]), row[k]);
          JsonObject *g = json_object_get_object_member (f, "geometry");
          JsonArray *c = json_object_get_array_member (g, "coordinates");
          if (!by_line)
            {
              ck_assert_str_eq (json_object_get_string_member (g, "type"), "LineString");
              const TnetLink *l = tnet_network_link (net, tnet_network_find_link (net, row[1]));
              ck_assert_str_eq (json_object_get_string_member (p, "line"),
                                l->line ? l->line : "");
              ck_assert_uint_eq (json_array_get_length (c), 2);
              assert_vertex_at (c, 0, tnet_network_node (net, l->from));
              assert_vertex_at (c, 1, tnet_network_node (net, l->to));
              continue;
            }
          ck_assert_str_eq (json_object_get_string_member (g, "type"), "MultiLineString");
          ck_assert_uint_gt (json_array_get_length (c), 0);
          g_autoptr (GHashTable) used = g_hash_table_new (NULL, NULL);
          for (guint k = 0; k < json_array_get_length (c); k++)
            {
              JsonArray *part = json_array_get_array_element (c, k);
              ck_assert_uint_eq (json_array_get_length (part), 2);
              TnetId found = TNET_ID_NONE;
              for (TnetId li = 0; li < tnet_network_n_links (net) && found == TNET_ID_NONE; li++)
                {
                  const TnetLink *l = tnet_network_link (net, li);
                  if (l->line && strcmp (l->line, row[1]) == 0
                      && !g_hash_table_contains (used, GUINT_TO_POINTER (li + 1))
                      && has_vertex (part, tnet_network_node (net, l->from))
                      && has_vertex (part, tnet_network_node (net, l->to)))
                    found = li;
                }
              ck_assert_msg (found != TNET_ID_NONE, "part %u of %s is no link of it", k, row[1]);
              g_hash_table_add (used, GUINT_TO_POINTER (found + 1));
            }
        }
      tt_run_clear (&r);
    }
}
END_TEST

static Suite *
corridors_suite (void)
{
  Suite *s = suite_create ("corridors");
  TCase *tc = tcase_create ("disjoint");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_disjoint_known);
  tcase_add_test (tc, test_two_way_link_used_once);
  tcase_add_test (tc, test_disjoint_random_menger);
  suite_add_tcase (s, tc);
  tc = tcase_create ("least-time");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_least_time_vs_brute_force);
  suite_add_tcase (s, tc);
  tc = tcase_create ("criticality");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_criticality_vs_recomputation);
  tcase_add_test (tc, test_criticality_off_path_zero);
  tcase_add_test (tc, test_criticality_grouped_elements);
  suite_add_tcase (s, tc);
  tc = tcase_create ("network");
  tcase_add_test (tc, test_network_corridor);
  tcase_add_test (tc, test_place_grammar);
  tcase_add_test (tc, test_criticality_progress);
  tcase_add_test (tc, test_criticality_cancel);
  tcase_add_test (tc, test_network_criticality_closure);
  suite_add_tcase (s, tc);
  tc = tcase_create ("bundled");
  tcase_add_test (tc, test_bundled_line_counts);
  tcase_add_test (tc, test_bundled_closure);
  tcase_add_test (tc, test_bundled_report_section);
  tcase_add_test (tc, test_corridors_geojson);
  tcase_add_test (tc, test_criticality_geojson);
  tcase_add_test (tc, test_criticality_geojson_stops);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return tt_run_suite (corridors_suite ());
}
