/* bench-uncertainty.c: N draws of the whole bundled report (every indicator,
 * both columns 2020 and 2025) under uncertain inputs, against one plain
 * report.
 *
 * Usage: bench-uncertainty [DATA_DIR] [N] [THREADS]
 * Defaults: the source tree's data/xuchang (TNET_SOURCE_ROOT or "."),
 * N = 1000, THREADS = 1. Loading the folder is not timed; the plain report
 * is the median of 5 runs. Prints one JSON line last. */
#include <tnet/tnet.h>
#include <stdio.h>
#include <stdlib.h>

static double
now_s (void)
{
  return (double) g_get_monotonic_time () / 1e6;
}

int
main (int argc, char **argv)
{
  const char *root = g_getenv ("TNET_SOURCE_ROOT");
  g_autofree char *dflt = g_build_filename (root ? root : ".", "data", "xuchang", NULL);
  const char *dir = argc > 1 ? argv[1] : dflt;
  guint n = argc > 2 ? (guint) atoi (argv[2]) : 1000;
  guint threads = argc > 3 ? (guint) atoi (argv[3]) : 1;
  g_autoptr (GError) error = NULL;
  g_autoptr (TnetDataset) ds = tnet_dataset_load (dir, NULL, &error);
  if (!ds)
    {
      fprintf (stderr, "bench-uncertainty: %s\n", error->message);
      return 1;
    }
  g_autoptr (TnetScenario) a = tnet_scenario_new (2020);
  g_autoptr (TnetScenario) b = tnet_scenario_new (2025);
  const TnetScenario *cols[2] = { a, b };
  double plain[5];
  for (int k = 0; k < 5; k++)
    {
      double t0 = now_s ();
      TnetReport *r = tnet_report_compute (ds, cols, 2, &error);
      plain[k] = now_s () - t0;
      if (!r)
        {
          fprintf (stderr, "bench-uncertainty: %s\n", error->message);
          return 1;
        }
      tnet_report_free (r);
    }
  for (int i = 1; i < 5; i++)   /* insertion sort of five */
    for (int j = i; j > 0 && plain[j] < plain[j - 1]; j--)
      {
        double t = plain[j];
        plain[j] = plain[j - 1];
        plain[j - 1] = t;
      }
  double t0 = now_s ();
  TnetReport *r = tnet_report_compute_uncertain (ds, cols, 2, n, 1, threads, &error);
  double total = now_s () - t0;
  if (!r)
    {
      fprintf (stderr, "bench-uncertainty: %s\n", error->message);
      return 1;
    }
  tnet_report_free (r);
  printf ("plain report (2 columns): %.1f ms (median of 5)\n", plain[2] * 1e3);
  printf ("%u draws, %u thread(s): %.2f s, %.1f ms per draw (%.2f plain reports)\n", n,
          threads, total, total / n * 1e3, total / n / plain[2]);
  printf ("{\"bench\":\"uncertainty\",\"draws\":%u,\"threads\":%u,\"total_s\":%.3f,"
          "\"per_draw_ms\":%.2f,\"plain_ms\":%.2f}\n",
          n, threads, total, total / n * 1e3, plain[2] * 1e3);
  return 0;
}
