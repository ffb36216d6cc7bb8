/* bench-common.c: see bench-common.h. */
#include "bench-common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>
#include <unistd.h>

/* The path of @rel under the shared data folder, whether or not it exists. */
static char *
bench_data_join (const char *rel)
{
  const char *base = g_getenv ("TNET_SHARED_DATA");
  if (base && *base)
    return g_build_filename (base, rel, NULL);
  const char *root = g_getenv ("TNET_SOURCE_ROOT");
  return g_build_filename (root && *root ? root : ".", "..", "shared", "data", rel, NULL);
}

char *
bench_data_path (const char *rel)
{
  char *path = bench_data_join (rel);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      printf ("bench: skipped: this benchmark needs %s (set TNET_SHARED_DATA to the "
              "folder holding %s)\n", path, rel);
      fflush (stdout);
      g_free (path);
      exit (BENCH_EXIT_SKIP);
    }
  return path;
}

static void
die (const char *what, GError *error)
{
  fprintf (stderr, "bench: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

void
bench_args_parse (BenchArgs *a, int *argc, char ***argv, const char *summary,
                  int default_queries, int quick_queries)
{
  memset (a, 0, sizeof *a);
  a->queries = -1;
  a->seed = 42;
  a->threads = 1;
  char **rest = NULL;
  GOptionEntry entries[] = {
    { "graph", 0, 0, G_OPTION_ARG_STRING, &a->graph, "porto, rome99 or all (default all)", "G" },
    { "queries", 0, 0, G_OPTION_ARG_INT, &a->queries, "queries per measurement", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &a->seed, "seed of the random sources (default 42)", "S" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &a->threads, "threads where a kernel runs batches", "T" },
    { "quick", 0, 0, G_OPTION_ARG_NONE, &a->quick, "few queries (the meson benchmark run)", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    G_OPTION_ENTRY_NULL
  };
  GOptionContext *ctx = g_option_context_new ("");
  g_option_context_set_summary (ctx, summary);
  g_option_context_add_main_entries (ctx, entries, NULL);
  GError *error = NULL;
  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      exit (2);
    }
  g_option_context_free (ctx);
  if (a->queries < 0)
    a->queries = a->quick ? quick_queries : default_queries;
  if (a->queries < 1)
    a->queries = 1;
  if (a->graph == NULL)
    a->graph = g_strdup ("all");
  a->rest = rest;
}

const char *const *
bench_graph_names (const BenchArgs *a)
{
  static const char *const all[] = { "porto", "rome99", NULL };
  static const char *const porto[] = { "porto", NULL };
  static const char *const rome[] = { "rome99", NULL };
  if (strcmp (a->graph, "porto") == 0)
    return porto;
  if (strcmp (a->graph, "rome99") == 0)
    return rome;
  if (strcmp (a->graph, "all") == 0)
    return all;
  fprintf (stderr, "bench: unknown --graph '%s' (porto, rome99 or all)\n", a->graph);
  exit (2);
}

double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

double
bench_median (double *v, guint n)
{
  if (n == 0)
    return NAN;
  qsort (v, n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static BenchGraph *
from_arcs (const char *name, const TnetArcList *l)
{
  GError *error = NULL;
  BenchGraph *g = g_new0 (BenchGraph, 1);
  g->name = g_strdup (name);
  g->graph = tnet_graph_new_from_arcs (l->n_nodes, l->n_arcs, l->tails, l->heads, NULL,
                                       l->lonlat, &error);
  if (!g->graph)
    die (name, error);
  g->metric = tnet_metric_new (g->graph, l->weights, &error);
  if (!g->metric)
    die (name, error);
  return g;
}

BenchGraph *
bench_graph_load (const char *which)
{
  GError *error = NULL;
  double t0 = bench_now_ms ();
  BenchGraph *g = NULL;
  if (strcmp (which, "porto") == 0)
    {
      char *path = bench_data_path ("osm-porto-r5/porto_portugal.osm.pbf");
      TnetNetwork *net = tnet_network_load_osm (path, NULL, &error);
      if (!net)
        die (path, error);
      TnetScenario *scen = tnet_scenario_new (2025);
      g = g_new0 (BenchGraph, 1);
      g->name = g_strdup ("porto-car");
      g->graph = tnet_graph_compile_modes (net, scen,
                                           TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS),
                                           &g->metric, NULL, &error);
      if (!g->graph)
        die (path, error);
      tnet_scenario_free (scen);
      tnet_network_free (net);
      g_free (path);
    }
  else if (strcmp (which, "rome99") == 0)
    {
      char *path = bench_data_path ("dimacs9-rome99/rome99.gr");
      TnetArcList *l = tnet_dimacs_load (path, NULL, &error);
      if (!l)
        die (path, error);
      g = from_arcs ("rome99", l);
      tnet_arc_list_free (l);
      g_free (path);
    }
  else
    {
      fprintf (stderr, "bench: unknown graph '%s'\n", which);
      exit (2);
    }
  g->load_s = (bench_now_ms () - t0) / 1000.0;
  return g;
}

BenchGraph *
bench_graph_load_topology (const char *name, guint32 seed, TnetWeight max_weight)
{
  GError *error = NULL;
  double t0 = bench_now_ms ();
  /* The graph's name is matched without regard to case ("fla" finds FLA.gr.xz):
   * the name as given first, then upper case, then lower case. */
  char *variants[3] = { g_strdup (name), g_ascii_strup (name, -1), g_ascii_strdown (name, -1) };
  char *rel = NULL;
  for (int i = 0; i < 3 && !rel; i++)
    {
      char *cand = g_strdup_printf ("pace16-dimacs-usa-topology/%s.gr.xz", variants[i]);
      char *full = bench_data_join (cand);
      if (g_file_test (full, G_FILE_TEST_IS_REGULAR))
        rel = cand;
      else
        g_free (cand);
      g_free (full);
    }
  if (!rel)
    rel = g_strdup_printf ("pace16-dimacs-usa-topology/%s.gr.xz", variants[1]);
  for (int i = 0; i < 3; i++)
    g_free (variants[i]);
  char *xz = bench_data_path (rel);
  char *tmp = g_strdup_printf ("%s/tnet-bench-%s-%d.gr", g_get_tmp_dir (), name, (int) getpid ());
  char *cmd = g_strdup_printf ("xz -dc '%s' > '%s'", xz, tmp);
  if (system (cmd) != 0)
    {
      fprintf (stderr, "bench: cannot decompress %s (is xz installed?)\n", xz);
      exit (1);
    }
  TnetArcList *l = tnet_dimacs_load_topology (tmp, seed, max_weight, &error);
  g_unlink (tmp);
  if (!l)
    die (xz, error);
  BenchGraph *g = from_arcs (name, l);
  tnet_arc_list_free (l);
  g_free (rel);
  g_free (xz);
  g_free (tmp);
  g_free (cmd);
  g->load_s = (bench_now_ms () - t0) / 1000.0;
  return g;
}

void
bench_graph_igraph (BenchGraph *g)
{
  if (g->has_ig)
    return;
  GError *error = NULL;
  tnet_igraph_lock ();
  gboolean ok = tnet_graph_to_igraph (g->graph, g->metric, &g->ig, &g->igw, &error);
  tnet_igraph_unlock ();
  if (!ok)
    die ("igraph copy", error);
  g->has_ig = TRUE;
}

void
bench_graph_free (BenchGraph *g)
{
  if (!g)
    return;
  if (g->has_ig)
    {
      tnet_igraph_lock ();
      igraph_destroy (&g->ig);
      igraph_vector_destroy (&g->igw);
      tnet_igraph_unlock ();
    }
  tnet_metric_unref (g->metric);
  tnet_graph_unref (g->graph);
  g_free (g->name);
  g_free (g);
}

double
bench_igraph_one_to_all (BenchGraph *g, TnetId src, TnetWeight *row)
{
  bench_graph_igraph (g);
  GError *error = NULL;
  igraph_matrix_t res;
  guint n = tnet_graph_n_nodes (g->graph);
  tnet_igraph_lock ();
  igraph_matrix_init (&res, 1, n);
  double t0 = bench_now_ms ();
  igraph_error_t rc = igraph_distances_dijkstra (&g->ig, &res, igraph_vss_1 (src),
                                                 igraph_vss_all (), &g->igw, IGRAPH_OUT);
  double ms = bench_now_ms () - t0;
  gboolean ok = tnet_igraph_check (rc, "igraph_distances_dijkstra", &error);
  if (ok)
    for (guint v = 0; v < n; v++)
      {
        double d = MATRIX (res, 0, v);
        row[v] = d == IGRAPH_INFINITY ? TNET_WEIGHT_INF : (TnetWeight) d;
      }
  igraph_matrix_destroy (&res);
  tnet_igraph_unlock ();
  if (!ok)
    die ("igraph", error);
  return ms;
}

double
bench_igraph_pair (BenchGraph *g, TnetId s, TnetId t, TnetWeight *dist)
{
  bench_graph_igraph (g);
  GError *error = NULL;
  igraph_vector_int_t edges;
  tnet_igraph_lock ();
  igraph_vector_int_init (&edges, 0);
  double t0 = bench_now_ms ();
  igraph_error_t rc = igraph_get_shortest_path_dijkstra (&g->ig, NULL, &edges, s, t,
                                                         &g->igw, IGRAPH_OUT);
  double ms = bench_now_ms () - t0;
  gboolean ok = tnet_igraph_check (rc, "igraph_get_shortest_path_dijkstra", &error);
  guint64 sum = 0;
  igraph_integer_t len = igraph_vector_int_size (&edges);
  for (igraph_integer_t k = 0; ok && k < len; k++)
    sum += (guint64) VECTOR (g->igw)[VECTOR (edges)[k]];
  /* igraph returns an empty path both for s == t and for "unreachable" */
  *dist = (len == 0 && s != t) ? TNET_WEIGHT_INF : (TnetWeight) MIN (sum, TNET_WEIGHT_INF);
  igraph_vector_int_destroy (&edges);
  tnet_igraph_unlock ();
  if (!ok)
    die ("igraph", error);
  return ms;
}

TnetId *
bench_random_nodes (guint n_nodes, guint count, guint32 seed)
{
  GRand *r = g_rand_new_with_seed (seed);
  TnetId *v = g_new (TnetId, MAX (count, 1u));
  for (guint i = 0; i < count; i++)
    v[i] = (TnetId) g_rand_int_range (r, 0, (gint32) n_nodes);
  g_rand_free (r);
  return v;
}

static gboolean any_disagreement;

void
bench_note_agree (gboolean agree)
{
  if (!agree)
    any_disagreement = TRUE;
}

int
bench_status (void)
{
  if (any_disagreement)
    fprintf (stderr, "bench: some distances differ from igraph's (\"agree\":false)\n");
  return any_disagreement ? 1 : 0;
}

void
bench_json (const char *bench, const BenchGraph *g, int queries, double ours_ms,
            double igraph_ms, gboolean agree, const char *extra)
{
  printf ("{\"bench\":\"%s\",\"graph\":\"%s\",\"n\":%u,\"m\":%u,\"queries\":%d,"
          "\"ours_ms\":%.4f,\"igraph_ms\":%.4f,\"ratio\":%.1f,\"agree\":%s%s}\n",
          bench, g->name, tnet_graph_n_nodes (g->graph), tnet_graph_n_arcs (g->graph), queries,
          ours_ms, igraph_ms, igraph_ms / ours_ms, agree ? "true" : "false", extra ? extra : "");
  fflush (stdout);
  bench_note_agree (agree);
}
