/* fuzz-tables-csv.c: the analysis tables. The input is split at NULs into
 * targets.csv, nodes.csv and units.csv: targets.csv goes to
 * tnet_target_table_load_csv(); when nodes.csv makes a network (with an
 * empty links.csv), units.csv goes to tnet_unit_table_load_csv(). */
#include "fuzz-common.h"

#include <stdlib.h>

static const uint8_t links_header[] = "id,from,to,mode,line,length_km\n";

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fz_init ();
  FzPart parts[3];
  size_t n = fz_split (data, size, parts, 3);
  GError *error = NULL;

  char *targets_path = fz_write ("targets.csv", parts[0].data, parts[0].size);
  TnetTargetTable *targets = tnet_target_table_load_csv (targets_path, &error);
  if (targets)
    {
      fz_note ("targets");
      for (guint i = 0; i < tnet_target_table_n_targets (targets); i++)
        {
          /* the loader's contract: a figure is finite, or NAN when the
           * file leaves it blank; never an infinity */
          const TnetTarget *t = tnet_target_table_get (targets, i);
          if (!t || !t->indicator || isinf (t->target_2025) || isinf (t->baseline_2020) ||
              tnet_target_table_find (targets, t->indicator) != t)
            abort ();
          /* a target without a 2025 figure never passes */
          if (isnan (t->target_2025) && tnet_target_check (t, 0.0))
            abort ();
        }
      tnet_target_table_free (targets);
    }
  else
    fz_expect_error (error);
  g_free (targets_path);
  error = NULL;

  if (n < 3)
    return 0;
  g_free (fz_write ("nodes.csv", parts[1].data, parts[1].size));
  g_free (fz_write ("links.csv", links_header, sizeof links_header - 1));
  TnetNetwork *net = tnet_network_load_csv (fz_dir (), &error);
  if (!net)
    {
      fz_expect_error (error);
      return 0;
    }
  char *units_path = fz_write ("units.csv", parts[2].data, parts[2].size);
  TnetUnitTable *units = tnet_unit_table_load_csv (net, units_path, &error);
  tnet_network_free (net);
  if (units)
    {
      fz_note ("units");
      for (guint i = 0; i < tnet_unit_table_n_units (units); i++)
        {
          const TnetUnit *u = tnet_unit_table_get (units, i);
          if (!u || tnet_unit_table_find (units, u->id) != (int) i)
            abort ();
        }
      tnet_unit_table_free (units);
    }
  else
    fz_expect_error (error);
  g_free (units_path);
  return 0;
}
