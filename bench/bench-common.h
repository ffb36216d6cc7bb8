/* bench-common.h: graphs, timers, igraph oracle and JSON lines shared by the
 * kernel benchmarks (sssp, phast, p2p, matrix, build, growth). */
#pragma once

#include <tnet/tnet.h>
#include <tnet/tnet-igraph.h>

/* A benchmark graph: the graph, its metric and a name for the JSON lines. */
typedef struct {
  char *name;
  TnetGraph *graph;
  TnetMetric *metric;
  /* igraph copy (same node and arc ids) and weights */
  igraph_t ig;
  igraph_vector_t igw;
  gboolean has_ig;
  double load_s;
} BenchGraph;

/* Options every kernel benchmark takes:
 *   --graph porto|rome99|all (default all), --queries N, --seed S,
 *   --threads T, --quick (fewer queries: the `meson test --benchmark` run).
 * Parsed from argv; exits with status 2 on a usage error. */
typedef struct {
  char *graph;
  int queries;
  int seed;
  int threads;
  gboolean quick;
  char **rest;   /* remaining positional arguments */
} BenchArgs;

void bench_args_parse (BenchArgs *a, int *argc, char ***argv, const char *summary,
                       int default_queries, int quick_queries);

/* The exit status meson reads as "skipped". */
#define BENCH_EXIT_SKIP 77

/* Path of the benchmark data file @rel (e.g. "dimacs9-rome99/rome99.gr"):
 * under $TNET_SHARED_DATA when the user sets it, else under ../shared/data
 * next to the source root ($TNET_SOURCE_ROOT, or the current folder). When
 * the file is absent, prints the path it needs and exits with status 77
 * (skipped). Newly allocated. */
char *bench_data_path (const char *rel);

/* Loads "porto-car" (own OSM import of shared/data/osm-porto-r5, car
 * modes, travel-time metric) or "rome99" (DIMACS weights). Exits on error. */
BenchGraph *bench_graph_load (const char *which);
/* A DIMACS USA topology (NY, BAY, …) with seeded weights 1..max_weight. */
BenchGraph *bench_graph_load_topology (const char *name, guint32 seed, TnetWeight max_weight);
/* Builds the igraph copy (under the igraph lock). */
void bench_graph_igraph (BenchGraph *g);
void bench_graph_free (BenchGraph *g);
/* The graphs selected by --graph, as names. */
const char *const *bench_graph_names (const BenchArgs *a);

double bench_now_ms (void);
double bench_median (double *v, guint n);

/* igraph one-to-all from @src into @row (n entries; TNET_WEIGHT_INF for
 * unreachable). Returns the elapsed milliseconds of the igraph call. */
double bench_igraph_one_to_all (BenchGraph *g, TnetId src, TnetWeight *row);
/* igraph single-pair shortest path (igraph_get_shortest_path_dijkstra);
 * returns ms, the distance in *dist (summed over the path's arcs). */
double bench_igraph_pair (BenchGraph *g, TnetId s, TnetId t, TnetWeight *dist);

/* Seeded random node ids. */
TnetId *bench_random_nodes (guint n_nodes, guint count, guint32 seed);

/* Records a disagreement (the process then exits with status 1). */
void bench_note_agree (gboolean agree);
/* 0 when every measurement agreed with igraph, else 1. */
int bench_status (void);

/* Prints the machine-readable line to stdout; @extra is
 * appended inside the object (",\"k\":v" pieces) or NULL. */
void bench_json (const char *bench, const BenchGraph *g, int queries, double ours_ms,
                 double igraph_ms, gboolean agree, const char *extra);
