/* test-concurrency.c: one graph, metric and CH shared by several threads,
 * each with its own workspace (README, thread-safety). Every result must equal the
 * sequential run. Run under ThreadSanitizer by the CI (suite
 * 'concurrency', docs/hardening.md). */
#include "tests-common.h"

#define N_THREADS 4
#define N_SOURCES 24

typedef struct {
  TnetGraph *g;
  TnetMetric *metric;
  TnetCH *ch;
  guint n;
  TnetId sources[N_SOURCES];
  /* sequential reference: forward and backward one-to-all per source */
  TnetWeight *fwd, *bwd;       /* N_SOURCES rows of n */
  /* what the threads computed, same layout */
  TnetWeight *t_fwd, *t_bwd, *t_phast, *t_bounded;
  TnetWeight t_m2m[N_SOURCES * N_SOURCES];
} Shared;

typedef struct {
  Shared *sh;
  guint index;
} Worker;

static void
load_rome (Shared *sh)
{
  g_autofree char *path = tt_data_path ("rome99/rome99.gr");
  GError *error = NULL;
  g_autoptr (TnetArcList) list = tnet_dimacs_load (path, NULL, &error);
  ck_assert_msg (list != NULL, "%s", error ? error->message : "");
  sh->g = tnet_graph_new_from_arcs (list->n_nodes, list->n_arcs, list->tails, list->heads,
                                    NULL, NULL, &error);
  ck_assert_msg (sh->g != NULL, "%s", error ? error->message : "");
  sh->metric = tnet_metric_new (sh->g, list->weights, &error);
  ck_assert_msg (sh->metric != NULL, "%s", error ? error->message : "");
  sh->ch = tnet_ch_build (sh->metric, NULL, &error);
  ck_assert_msg (sh->ch != NULL, "%s", error ? error->message : "");
  sh->n = tnet_graph_n_nodes (sh->g);
  GRand *r = g_rand_new_with_seed (77);
  for (guint i = 0; i < N_SOURCES; i++)
    sh->sources[i] = (TnetId) g_rand_int_range (r, 0, (gint32) sh->n);
  g_rand_free (r);
  gsize cells = (gsize) N_SOURCES * sh->n;
  sh->fwd = g_new (TnetWeight, cells);
  sh->bwd = g_new (TnetWeight, cells);
  sh->t_fwd = g_new (TnetWeight, cells);
  sh->t_bwd = g_new (TnetWeight, cells);
  sh->t_phast = g_new (TnetWeight, cells);
  sh->t_bounded = g_new (TnetWeight, cells);
  TnetSearch *s = tnet_search_new (sh->g);
  for (guint i = 0; i < N_SOURCES; i++)
    {
      tnet_search_run (s, sh->metric, sh->sources[i], TNET_FORWARD, TNET_WEIGHT_INF,
                       TNET_ID_NONE);
      for (guint v = 0; v < sh->n; v++)
        sh->fwd[(gsize) i * sh->n + v] = tnet_search_distance (s, v);
      tnet_search_run (s, sh->metric, sh->sources[i], TNET_BACKWARD, TNET_WEIGHT_INF,
                       TNET_ID_NONE);
      for (guint v = 0; v < sh->n; v++)
        sh->bwd[(gsize) i * sh->n + v] = tnet_search_distance (s, v);
    }
  tnet_search_free (s);
}

static void
free_shared (Shared *sh)
{
  g_free (sh->fwd);
  g_free (sh->bwd);
  g_free (sh->t_fwd);
  g_free (sh->t_bwd);
  g_free (sh->t_phast);
  g_free (sh->t_bounded);
  tnet_ch_unref (sh->ch);
  tnet_metric_unref (sh->metric);
  tnet_graph_unref (sh->g);
}

/* Each worker takes the sources i with i % N_THREADS == index, and keeps
 * taking and dropping references to the shared objects while it works. */
static gpointer
worker (gpointer data)
{
  Worker *w = data;
  Shared *sh = w->sh;
  const TnetGraph *g = tnet_graph_ref (sh->g);
  const TnetMetric *metric = tnet_metric_ref (sh->metric);
  TnetCH *ch = tnet_ch_ref (sh->ch);
  TnetSearch *s = tnet_search_new (g);
  TnetCHQuery *q = tnet_ch_query_new (ch);
  for (guint i = w->index; i < N_SOURCES; i += N_THREADS)
    {
      gsize row = (gsize) i * sh->n;
      tnet_search_run (s, metric, sh->sources[i], TNET_FORWARD, TNET_WEIGHT_INF, TNET_ID_NONE);
      for (guint v = 0; v < sh->n; v++)
        sh->t_fwd[row + v] = tnet_search_distance (s, v);
      tnet_search_run (s, metric, sh->sources[i], TNET_BACKWARD, TNET_WEIGHT_INF,
                       TNET_ID_NONE);
      for (guint v = 0; v < sh->n; v++)
        sh->t_bwd[row + v] = tnet_search_distance (s, v);
      /* a budget of 5 km: exactly the nodes within it */
      tnet_search_run (s, metric, sh->sources[i], TNET_FORWARD, 5000, TNET_ID_NONE);
      for (guint v = 0; v < sh->n; v++)
        sh->t_bounded[row + v] = tnet_search_distance (s, v);
      tnet_ch_query_one_to_all (q, sh->sources[i], TNET_FORWARD, sh->t_phast + row);
      /* one many-to-many row block per source: this source to all sources */
      tnet_ch_query_many_to_many (q, &sh->sources[i], 1, sh->sources, N_SOURCES,
                                  sh->t_m2m + (gsize) i * N_SOURCES);
      TnetCH *extra = tnet_ch_ref (ch);
      tnet_ch_unref (extra);
    }
  tnet_ch_query_free (q);
  tnet_search_free (s);
  tnet_ch_unref (ch);
  tnet_metric_unref (metric);
  tnet_graph_unref (g);
  return NULL;
}

START_TEST (test_shared_graph_and_ch)
{
  Shared sh = { 0 };
  load_rome (&sh);
  GThread *th[N_THREADS];
  Worker wk[N_THREADS];
  for (guint i = 0; i < N_THREADS; i++)
    {
      wk[i] = (Worker) { &sh, i };
      th[i] = g_thread_new ("tnet-worker", worker, &wk[i]);
    }
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (th[i]);
  guint64 reached = 0;
  for (guint i = 0; i < N_SOURCES; i++)
    for (guint v = 0; v < sh.n; v++)
      {
        gsize c = (gsize) i * sh.n + v;
        ck_assert_uint_eq (sh.t_fwd[c], sh.fwd[c]);
        ck_assert_uint_eq (sh.t_bwd[c], sh.bwd[c]);
        ck_assert_uint_eq (sh.t_phast[c], sh.fwd[c]);
        ck_assert_uint_eq (sh.t_bounded[c], sh.fwd[c] <= 5000 ? sh.fwd[c] : TNET_WEIGHT_INF);
        reached += sh.fwd[c] != TNET_WEIGHT_INF;
      }
  /* rome99 is strongly connected: the test compares real distances */
  ck_assert_uint_eq (reached, (guint64) N_SOURCES * sh.n);
  for (guint i = 0; i < N_SOURCES; i++)
    for (guint j = 0; j < N_SOURCES; j++)
      ck_assert_uint_eq (sh.t_m2m[i * N_SOURCES + j],
                         sh.fwd[(gsize) i * sh.n + sh.sources[j]]);
  free_shared (&sh);
}
END_TEST

/* The thread-pool batch (Dijkstra and PHAST, both directions) against the
 * sequential rows. */
START_TEST (test_batch)
{
  Shared sh = { 0 };
  load_rome (&sh);
  gsize cells = (gsize) N_SOURCES * sh.n;
  TnetWeight *rows = g_new (TnetWeight, cells);
  GError *error = NULL;
  for (int use_ch = 0; use_ch < 2; use_ch++)
    for (int dir = 0; dir < 2; dir++)
      {
        memset (rows, 0, cells * sizeof *rows);
        ck_assert (tnet_batch_one_to_all (sh.metric, use_ch ? sh.ch : NULL, sh.sources,
                                          N_SOURCES, dir ? TNET_BACKWARD : TNET_FORWARD,
                                          N_THREADS, rows, NULL, NULL, &error));
        ck_assert_int_eq (memcmp (rows, dir ? sh.bwd : sh.fwd, cells * sizeof *rows), 0);
      }
  g_free (rows);
  free_shared (&sh);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("concurrency");
  TCase *tc = tcase_create ("concurrency");
  tcase_set_timeout (tc, 600);
  tcase_add_test (tc, test_shared_graph_and_ch);
  tcase_add_test (tc, test_batch);
  suite_add_tcase (s, tc);
  return tt_run_suite (s);
}
