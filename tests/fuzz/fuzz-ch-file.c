/* fuzz-ch-file.c: tnet_ch_load() on a saved contraction hierarchy. So that
 * mutations reach the structural checks behind the checksum, the target
 * rewrites the header's checksum to match the payload, unless the first
 * reserved byte (offset 40) is 0xff. A hierarchy that loads answers
 * point-to-point, PHAST and many-to-many queries without touching memory
 * it does not own. (The three need not agree here: stall-on-demand relies
 * on the shortcuts a real contraction adds, which a mutated file lacks.) */
#include "fuzz-common.h"

#include <stdlib.h>

#define HEADER 48u

static guint64
fnv1a (const guint8 *p, gsize len)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  for (gsize i = 0; i < len; i++)
    {
      h ^= p[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return h;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fz_init ();
  guint8 *copy = g_memdup2 (data, size);
  if (size >= HEADER && copy[40] != 0xff)
    {
      guint64 h = fnv1a (copy + HEADER, size - HEADER);
      for (int i = 0; i < 8; i++)
        copy[32 + i] = (guint8) (h >> (8 * i));
    }
  char *path = fz_write ("g.ch", copy, size);
  g_free (copy);
  GError *error = NULL;
  TnetCH *ch = tnet_ch_load (path, &error);
  g_free (path);
  if (!ch)
    {
      fz_expect_error (error);
      return 0;
    }
  fz_note ("ch");
  guint n = tnet_ch_n_nodes (ch);
  TnetCHQuery *q = tnet_ch_query_new (ch);
  if (n > 0)
    {
      guint k = MIN (n, 4);
      TnetId ids[4];
      for (guint i = 0; i < k; i++)
        ids[i] = (TnetId) ((guint64) i * (n - 1) / MAX (k - 1, 1));
      TnetWeight *all = g_new (TnetWeight, n);
      TnetWeight m2m[16];
      tnet_ch_query_many_to_many (q, ids, k, ids, k, m2m);
      for (guint i = 0; i < k; i++)
        {
          tnet_ch_query_one_to_all (q, ids[i], TNET_FORWARD, all);
          for (guint j = 0; j < k; j++)
            {
              TnetWeight d = tnet_ch_query_distance (q, ids[i], ids[j]);
              if (d > TNET_WEIGHT_INF || all[ids[j]] > TNET_WEIGHT_INF ||
                  m2m[i * k + j] > TNET_WEIGHT_INF)
                abort ();
            }
        }
      g_free (all);
    }
  tnet_ch_query_free (q);
  tnet_ch_unref (ch);
  return 0;
}
