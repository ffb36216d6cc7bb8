/* suggest.c: "did you mean" suggestions by edit distance. */
#include "tnet-internal.h"

/* Optimal-string-alignment distance (Levenshtein plus adjacent
 * transpositions, so "yaer" is one edit from "year") over Unicode
 * characters, with three rows; gives up (returns @cap + 1) as soon as every
 * entry of a row exceeds @cap. */
static guint
edit_distance (const gunichar *a, glong la, const gunichar *b, glong lb, guint cap,
               guint *rows)
{
  guint *r2 = rows, *r0 = rows + (lb + 1), *r1 = rows + 2 * (lb + 1);
  for (glong j = 0; j <= lb; j++)
    r0[j] = (guint) j;
  for (glong i = 1; i <= la; i++)
    {
      guint best = r1[0] = (guint) i;
      for (glong j = 1; j <= lb; j++)
        {
          guint sub = r0[j - 1] + (a[i - 1] != b[j - 1]);
          guint del = r0[j] + 1;
          guint ins = r1[j - 1] + 1;
          guint v = MIN (sub, MIN (del, ins));
          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            v = MIN (v, r2[j - 2] + 1);
          r1[j] = v;
          best = MIN (best, v);
        }
      if (best > cap)
        return cap + 1;
      guint *t = r2;
      r2 = r0;
      r0 = r1;
      r1 = t;
    }
  return r0[lb];
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
      /* a word of 3+ characters that begins the candidate ("speed" for
       * "speed_kmh") is a likely abbreviation: the best suggestion unless
       * another candidate is an outright near-miss */
      if (lw >= 3 && g_str_has_prefix (cand, word) && best_d > cap)
        {
          best = cand;
          best_d = cap;
          continue;
        }
      if ((guint) ABS (lc - lw) >= best_d)
        continue;
      if (lc + 1 > rows_len)
        {
          rows_len = lc + 1;
          g_free (rows);
          rows = g_new (guint, 3 * rows_len);
        }
      guint d = edit_distance (w, lw, c, lc, best_d - 1, rows);
      if (d < best_d)
        {
          best_d = d;
          best = cand;
        }
    }
  return best;
}
