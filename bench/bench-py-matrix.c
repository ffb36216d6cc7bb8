/* bench-py-matrix.c: the C side of bench/bench-py-matrix.py. Times the call
 * tnet.Dataset.travel_time_matrix() makes, done directly in C: a scenario,
 * the profile's layered graph (tnet_commute_build_graphs()) and the matrix
 * (tnet_commute_compute_within()) for the node ids of IDS_FILE (one per line,
 * used as origins and as destinations), on a loaded dataset, then the
 * matrix in minutes as a new row-major array of doubles (what the Python
 * side hands over; NaN when not reached). The layered graph (and the
 * hierarchy of a many-to-many matrix) is built by the first call and kept
 * for the others, as tnet.Dataset keeps its graphs.
 * Usage: bench-py-matrix FOLDER IDS_FILE PROFILE METHOD REPS
 * Prints one JSON line: {"c_ms": [...], "c_cpu_ms": [...], "reached": N}:
 * per call the wall time and the CPU time of the process (all its
 * threads), the first call being the cold one. */
#include "bench-common.h"
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <time.h>

/* CPU time of the process, every thread, in ms. */
static double
cpu_now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

int
main (int argc, char **argv)
{
  if (argc != 6)
    {
      fprintf (stderr, "usage: %s FOLDER IDS_FILE PROFILE METHOD REPS\n", argv[0]);
      return 2;
    }
  GError *error = NULL;
  g_autoptr (TnetDataset) ds = tnet_dataset_load (argv[1], NULL, &error);
  g_autofree char *text = NULL;
  TnetProfile profile;
  TnetCommuteMethod method;
  if (!ds || !g_file_get_contents (argv[2], &text, NULL, &error))
    g_error ("%s", error->message);
  if (!tnet_profile_from_string (argv[3], &profile)
      || !tnet_commute_method_from_string (argv[4], &method))
    g_error ("bad profile or method");
  const TnetNetwork *net = tnet_dataset_get_network (ds);
  g_auto (GStrv) lines = g_strsplit (g_strstrip (text), "\n", -1);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (guint i = 0; lines[i]; i++)
    {
      TnetId v = tnet_network_find_node (net, lines[i]);
      if (v == TNET_ID_NONE)
        g_error ("unknown node %s", lines[i]);
      g_array_append_val (ids, v);
    }
  int reps = atoi (argv[5]);
  const TnetFeed *feed = NULL;
  if (profile != TNET_PROFILE_CAR && !tnet_dataset_get_feed (ds, 2025, &feed, &error))
    g_error ("%s", error->message);
  guint64 reached = 0;
  g_autofree double *wall = g_new (double, MAX (reps, 1));
  g_autofree double *cpu = g_new (double, MAX (reps, 1));
  TnetMultimodal *mm = NULL;
  for (int r = 0; r < reps; r++)
    {
      double t0 = bench_now_ms (), c0 = cpu_now_ms ();
      g_autoptr (TnetScenario) scen = tnet_scenario_new (2025);
      if (!tnet_dataset_validate_scenario (ds, scen, &error))
        g_error ("%s", error->message);
      /* built by the first call and kept, with the hierarchy a
       * many-to-many matrix builds on it, as tnet.Dataset keeps its graphs
       * (python/tnet/_tnet.c, cached_graph()) */
      if (mm == NULL
          && !tnet_commute_build_graphs (net, scen, feed, tnet_dataset_get_hubs (ds), &profile,
                                         1, &mm, &error))
        g_error ("%s", error->message);
      TnetCommuteOptions opts;
      tnet_commute_options_init (&opts);
      opts.method = method;
      opts.totals_only = TRUE;   /* as travel_time_matrix() (parts=False) */
      TnetCommute *c = tnet_commute_compute_within (net, &mm, 1, (TnetId *) (void *) ids->data,
                                                    ids->len, (TnetId *) (void *) ids->data,
                                                    ids->len, TNET_COMMUTE_TO, 0, &opts,
                                                    &error);
      if (!c)
        g_error ("%s", error->message);
      /* the matrix in minutes, as the Python side copies it out */
      double *minutes = g_new (double, (gsize) ids->len * ids->len);
      gsize i = 0;
      for (guint o = 0; o < ids->len; o++)
        for (guint d = 0; d < ids->len; d++, i++)
          {
            TnetWeight ms = tnet_commute_cell (c, 0, o, d)->total_ms;
            minutes[i] = ms == TNET_WEIGHT_INF ? NAN : ms / 60000.0;
          }
      reached = 0;
      for (i = 0; i < (gsize) ids->len * ids->len; i++)
        reached += !isnan (minutes[i]);
      g_free (minutes);
      tnet_commute_free (c);
      wall[r] = bench_now_ms () - t0;
      cpu[r] = cpu_now_ms () - c0;
    }
  printf ("{\"c_ms\": [");
  for (int r = 0; r < reps; r++)
    printf ("%s%.3f", r ? ", " : "", wall[r]);
  printf ("], \"c_cpu_ms\": [");
  for (int r = 0; r < reps; r++)
    printf ("%s%.3f", r ? ", " : "", cpu[r]);
  printf ("], \"reached\": %" G_GUINT64_FORMAT "}\n", reached);
  tnet_multimodal_unref (mm);
  return 0;
}
