/* suggest.c: "did you mean" suggestions by edit distance. */
#include "tnet-internal.h"

/* Levenshtein distance over Unicode characters with two rows; gives up
 * (returns @cap + 1) as soon as every entry of a row exceeds @cap. */
static guint
edit_distance (const gunichar *a, glong la, const gunichar *b, glong lb, guint cap,
               guint *row0, guint *row1)
{
  for (glong j = 0; j <= lb; j++)
    row0[j] = (guint) j;
  for (glong i = 1; i <= la; i++)
    {
      guint best = row1[0] = (guint) i;
      for (glong j = 1; j <= lb; j++)
        {
          guint sub = row0[j - 1] + (a[i - 1] != b[j - 1]);
          guint del = row0[j] + 1;
          guint ins = row1[j - 1] + 1;
          guint v = MIN (sub, MIN (del, ins));
          row1[j] = v;
          best = MIN (best, v);
        }
      if (best > cap)
        return cap + 1;
      guint *t = row0;
      row0 = row1;
      row1 = t;
    }
  return row0[lb];
}

const char *
tnet_suggest_name (const char *word, const char *const *candidates, guint n_candidates)
{
  g_return_val_if_fail (word != NULL, NULL);
  g_return_val_if_fail (candidates != NULL || n_candidates == 0, NULL);

  glong lw = 0;
  g_autofree gunichar *w = g_utf8_to_ucs4_fast (word, -1, &lw);
  guint cap = MAX (1u, (guint) lw / 3u);
  const char *best = NULL;
  guint best_d = cap + 1;
  g_autofree guint *rows = NULL;
  glong rows_len = 0;

  for (guint k = 0; k < n_candidates; k++)
    {
      const char *cand = candidates[k];
      if (cand == NULL || strcmp (cand, word) == 0)
        continue;
      glong lc = 0;
      g_autofree gunichar *c = g_utf8_to_ucs4_fast (cand, -1, &lc);
      if ((guint) ABS (lc - lw) >= best_d)
        continue;
      if (lc + 1 > rows_len)
        {
          rows_len = lc + 1;
          g_free (rows);
          rows = g_new (guint, 2 * rows_len);
        }
      guint d = edit_distance (w, lw, c, lc, best_d - 1, rows, rows + rows_len);
      if (d < best_d)
        {
          best_d = d;
          best = cand;
        }
    }
  return best;
}
