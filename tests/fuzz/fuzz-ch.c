/* fuzz-ch.c: tnet_ch_load() on the input. A hierarchy that loads passed
 * validation, so queries on it must stay in bounds (ASan checks) and give
 * symmetric answers between the point-to-point and PHAST kernels. */
#include "fuzz-common.h"

#include <stdlib.h>

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fz_init ();
  char *path = fz_write ("g.ch", data, size);
  GError *error = NULL;
  TnetCH *ch = tnet_ch_load (path, &error);
  if (ch)
    {
      fz_note ("ch");
      guint n = tnet_ch_n_nodes (ch);
      if (n > 0 && n <= 4096)
        {
          TnetCHQuery *q = tnet_ch_query_new (ch);
          TnetWeight *row = g_new (TnetWeight, n);
          for (TnetId s = 0; s < MIN (n, 8u); s++)
            {
              tnet_ch_query_one_to_all (q, s, TNET_FORWARD, row);
              for (TnetId t = 0; t < n; t++)
                if (tnet_ch_query_distance (q, s, t) != row[t])
                  abort ();
            }
          TnetId src[2] = { 0, n - 1 };
          TnetWeight mm[4];
          tnet_ch_query_many_to_many (q, src, 2, src, 2, mm);
          g_free (row);
          tnet_ch_query_free (q);
        }
      tnet_ch_unref (ch);
    }
  else
    fz_expect_error (error);
  g_free (path);
  return 0;
}
