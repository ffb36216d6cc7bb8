/* fuzz-scenario-ini.c: tnet_scenario_file_load_from_data() on the input; a
 * file that loads is turned into a scenario, checked against the bundled
 * network, and every list it holds is read. */
#include "fuzz-common.h"

#include <stdlib.h>

static const char *const sections[] = { "scenario", "closures", "overrides", "commute",
                                        "isochrone", "corridors", "criticality", "output",
                                        "headways", "report", NULL };

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fz_init ();
  const TnetNetwork *net = fz_xuchang ();
  GError *error = NULL;
  TnetScenarioFile *sf = tnet_scenario_file_load_from_data ((const char *) data,
                                                            (gssize) size, "fuzz.ini",
                                                            fz_dir (), &error);
  if (!sf)
    {
      fz_expect_error (error);
      return 0;
    }
  fz_note ("scenario file");
  if (!tnet_scenario_file_get_name (sf) || !tnet_scenario_file_get_output_dir (sf))
    abort ();
  (void) tnet_scenario_file_get_formats (sf);
  for (guint i = 0; sections[i]; i++)
    {
      guint n_pairs = 0;
      const char *const *pairs = tnet_scenario_file_get_pairs (sf, sections[i], &n_pairs);
      for (guint k = 0; k < 2 * n_pairs; k++)
        if (!pairs[k])
          abort ();
    }
  TnetScenario *scen = tnet_scenario_file_get_scenario (sf, 2025);
  if (!scen)
    abort ();
  if (tnet_scenario_file_check (sf, net, &error))
    {
      fz_note ("checked");
      if (!tnet_scenario_validate (scen, net, &error))
        fz_expect_error (error);
      else
        {
          /* every override the file allows must compile to valid weights */
          TnetMetric *time = NULL;
          TnetGraph *g = tnet_graph_compile_modes (net, scen, ~0u, &time, NULL, &error);
          if (!g)
            fz_expect_error (error);
          else
            {
              for (guint a = 0; a < tnet_graph_n_arcs (g); a++)
                if (tnet_metric_weight (time, a) > TNET_WEIGHT_MAX)
                  abort ();
              tnet_metric_unref (time);
              tnet_graph_unref (g);
            }
        }
    }
  else
    fz_expect_error (error);
  tnet_scenario_free (scen);
  tnet_scenario_file_free (sf);
  return 0;
}
