/* fuzz-dimacs.c: tnet_dimacs_load() on a .gr and an optional .co (input
 * split at the first NUL), and tnet_dimacs_load_topology() on the first
 * part. Every arc of a list that loads must name nodes in range. */
#include "fuzz-common.h"

#include <stdlib.h>

static void
check (const TnetArcList *list)
{
  for (guint a = 0; a < list->n_arcs; a++)
    if (list->tails[a] >= list->n_nodes || list->heads[a] >= list->n_nodes ||
        list->weights[a] > TNET_WEIGHT_MAX)
      abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fz_init ();
  FzPart parts[2];
  size_t n = fz_split (data, size, parts, 2);
  char *gr = fz_write ("g.gr", parts[0].data, parts[0].size);
  char *co = n > 1 ? fz_write ("g.co", parts[1].data, parts[1].size) : NULL;
  GError *error = NULL;
  TnetArcList *list = tnet_dimacs_load (gr, co, &error);
  if (list)
    {
      fz_note (co ? "gr+co" : "gr");
      check (list);
      tnet_arc_list_free (list);
    }
  else
    {
      fz_expect_error (error);
      error = NULL;
    }
  list = tnet_dimacs_load_topology (gr, 7, 1000, &error);
  if (list)
    {
      fz_note ("topology");
      check (list);
      tnet_arc_list_free (list);
    }
  else
    {
      fz_expect_error (error);
      error = NULL;
    }
  g_free (gr);
  g_free (co);
  return 0;
}
