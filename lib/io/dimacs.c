/* dimacs.c: 9th DIMACS challenge .gr/.co files and PACE 2016 topologies.
 *
 * Implementation notes: a file is read whole and walked line by line with a
 * small tokenizer that remembers each token's byte column (the formats are
 * ASCII, so byte and character columns agree on any valid file). Counts
 * announced by a header are never trusted for allocation: arrays grow as
 * lines arrive (pre-sized by the smaller of the announced count and what
 * the file's size can hold), so a lying header cannot ask for gigabytes. */
#include "tnet-internal.h"

#include <errno.h>
#include <stdarg.h>

#define MAX_TOKENS 6

typedef struct {
  const char *name;  /* what messages show */
  char *data;        /* the file, NUL-terminated */
  gsize len;
  gsize pos;         /* start of the next line */
  guint line;        /* 1-based number of the current line */
  /* tokens of the current line */
  guint n_tok;       /* may exceed MAX_TOKENS; only the first ones are kept */
  const char *tok[MAX_TOKENS];
  gsize tok_len[MAX_TOKENS];
  guint tok_col[MAX_TOKENS];
  guint end_col;     /* column just past the line's last character */
} Reader;

static void
reader_error (const Reader *rd, GError **error, int code, guint col, const char *format, ...)
  G_GNUC_PRINTF (5, 6);

static void
reader_error (const Reader *rd, GError **error, int code, guint col, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_set_error (error, TNET_ERROR, code, "%s:%u:%u: %s", rd->name, rd->line, col, msg);
  g_free (msg);
}

static gboolean
reader_open (Reader *rd, const char *path, GError **error)
{
  memset (rd, 0, sizeof *rd);
  rd->name = path;
  if (!tnet_i_read_file (path, NULL, NULL, &rd->data, &rd->len, error))
    return FALSE;
  if (rd->len == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s:1:1: empty file, expected a problem line", path);
      g_free (rd->data);
      rd->data = NULL;
      return FALSE;
    }
  return TRUE;
}

/* Splits the next line into tokens. Returns FALSE at the end of the data. */
static gboolean
reader_next (Reader *rd)
{
  if (rd->pos >= rd->len)
    return FALSE;
  rd->line++;
  rd->n_tok = 0;
  gsize start = rd->pos, p = rd->pos;
  while (p < rd->len && rd->data[p] != '\n')
    {
      char c = rd->data[p];
      if (c == ' ' || c == '\t' || c == '\r')
        {
          p++;
          continue;
        }
      gsize t = p;
      while (p < rd->len && rd->data[p] != '\n' && rd->data[p] != ' ' &&
             rd->data[p] != '\t' && rd->data[p] != '\r')
        p++;
      if (rd->n_tok < MAX_TOKENS)
        {
          rd->tok[rd->n_tok] = rd->data + t;
          rd->tok_len[rd->n_tok] = p - t;
          rd->tok_col[rd->n_tok] = (guint) (t - start) + 1;
        }
      rd->n_tok++;
    }
  gsize end = p;
  while (end > start && rd->data[end - 1] == '\r')
    end--;
  rd->end_col = (guint) (end - start) + 1;
  rd->pos = p < rd->len ? p + 1 : p;
  return TRUE;
}

static gboolean
tok_is (const Reader *rd, guint k, const char *word)
{
  return k < rd->n_tok && rd->tok_len[k] == strlen (word) &&
         memcmp (rd->tok[k], word, rd->tok_len[k]) == 0;
}

/* Parses token @k as a signed decimal integer in [lo, hi]. */
static gboolean
tok_int (const Reader *rd, guint k, gint64 lo, gint64 hi, const char *what, gint64 *out,
         GError **error)
{
  if (k >= rd->n_tok)
    {
      reader_error (rd, error, TNET_ERROR_INVALID_INPUT, rd->end_col,
                    "expected %s, got the end of the line", what);
      return FALSE;
    }
  char buf[32];
  gsize n = rd->tok_len[k];
  gboolean ok = n > 0 && n < sizeof buf;
  gint64 v = 0;
  if (ok)
    {
      memcpy (buf, rd->tok[k], n);
      buf[n] = '\0';
      char *end = NULL;
      errno = 0;
      v = g_ascii_strtoll (buf, &end, 10);
      ok = end == buf + n && errno != ERANGE && (g_ascii_isdigit (buf[0]) || buf[0] == '-');
    }
  if (!ok || v < lo || v > hi)
    {
      reader_error (rd, error, TNET_ERROR_INVALID_INPUT, rd->tok_col[k],
                    "expected %s in [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "], got \"%.*s\"",
                    what, lo, hi, (int) MIN (n, 40), rd->tok[k]);
      return FALSE;
    }
  *out = v;
  return TRUE;
}

static gboolean
no_more_tokens (const Reader *rd, guint n, GError **error)
{
  if (rd->n_tok <= n)
    return TRUE;
  reader_error (rd, error, TNET_ERROR_INVALID_INPUT, rd->tok_col[n],
                "expected the end of the line, got \"%.*s\"", (int) MIN (rd->tok_len[n], 40),
                rd->tok[n]);
  return FALSE;
}

/* Skips comment and blank lines; FALSE at the end of the data. */
static gboolean
next_content_line (Reader *rd)
{
  while (reader_next (rd))
    if (rd->n_tok > 0 && !(rd->tok[0][0] == 'c' && rd->tok_len[0] == 1))
      return TRUE;
  return FALSE;
}

/* Reads "p WORD... N M" (the words given in @words); N and M are < 2^31. */
static gboolean
read_problem (Reader *rd, const char *const *words, const char *expect, guint n_counts,
              gint64 *counts, guint *count_cols, GError **error)
{
  if (!next_content_line (rd))
    {
      reader_error (rd, error, TNET_ERROR_INVALID_INPUT, 1,
                    "expected the problem line \"%s\", got the end of the file", expect);
      return FALSE;
    }
  guint k = 0;
  for (; words[k]; k++)
    if (!tok_is (rd, k, words[k]))
      {
        reader_error (rd, error, TNET_ERROR_INVALID_INPUT,
                      k < rd->n_tok ? rd->tok_col[k] : rd->end_col,
                      "expected the problem line \"%s\"", expect);
        return FALSE;
      }
  for (guint c = 0; c < n_counts; c++, k++)
    {
      if (!tok_int (rd, k, 0, G_MAXINT64, c == 0 ? "a node count" : "an arc count",
                    &counts[c], error))
        return FALSE;
      count_cols[c] = rd->tok_col[k];
      if (counts[c] >= G_MAXINT32)
        {
          reader_error (rd, error, TNET_ERROR_TOO_LARGE, rd->tok_col[k],
                        "%" G_GINT64_FORMAT " is too large (the limit is 2^31 - 1)",
                        counts[c]);
          return FALSE;
        }
    }
  return no_more_tokens (rd, k, error);
}

static TnetArcList *
arc_list_new (guint n_nodes, gsize capacity)
{
  TnetArcList *list = g_new0 (TnetArcList, 1);
  list->n_nodes = n_nodes;
  list->tails = g_new (TnetId, MAX (capacity, 1));
  list->heads = g_new (TnetId, MAX (capacity, 1));
  list->weights = g_new (TnetWeight, MAX (capacity, 1));
  return list;
}

void
tnet_arc_list_free (TnetArcList *list)
{
  if (!list)
    return;
  g_free (list->tails);
  g_free (list->heads);
  g_free (list->weights);
  g_free (list->lonlat);
  g_free (list);
}

static gboolean
load_coordinates (TnetArcList *list, const char *co_path, GError **error)
{
  Reader rd;
  if (!reader_open (&rd, co_path, error))
    return FALSE;
  gboolean ok = FALSE;
  guint8 *seen = NULL;
  static const char *const words[] = { "p", "aux", "sp", "co", NULL };
  gint64 n;
  guint n_col;
  if (!read_problem (&rd, words, "p aux sp co N", 1, &n, &n_col, error))
    goto out;
  if ((guint64) n != list->n_nodes)
    {
      reader_error (&rd, error, TNET_ERROR_INVALID_INPUT, n_col,
                    "expected %u vertices as in the .gr file, got %" G_GINT64_FORMAT,
                    list->n_nodes, n);
      goto out;
    }
  /* every vertex needs a line of at least 8 bytes ("v 1 0 0\n") */
  if (list->n_nodes > rd.len / 8 + 1)
    {
      reader_error (&rd, error, TNET_ERROR_INVALID_INPUT, n_col,
                    "the file is too short to hold %u vertices", list->n_nodes);
      goto out;
    }
  list->lonlat = g_new (double, 2 * (gsize) MAX (list->n_nodes, 1));
  seen = g_new0 (guint8, MAX (list->n_nodes, 1));
  guint n_seen = 0;
  while (next_content_line (&rd))
    {
      gint64 id, x, y;
      if (!tok_is (&rd, 0, "v"))
        {
          reader_error (&rd, error, TNET_ERROR_INVALID_INPUT, rd.tok_col[0],
                        "expected a vertex line \"v ID X Y\" or a comment");
          goto out;
        }
      if (!tok_int (&rd, 1, 1, list->n_nodes, "a vertex id", &id, error) ||
          !tok_int (&rd, 2, -180000000, 180000000, "a longitude in millionths of a degree",
                    &x, error) ||
          !tok_int (&rd, 3, -90000000, 90000000, "a latitude in millionths of a degree", &y,
                    error) ||
          !no_more_tokens (&rd, 4, error))
        goto out;
      if (seen[id - 1])
        {
          reader_error (&rd, error, TNET_ERROR_INVALID_INPUT, rd.tok_col[1],
                        "duplicate vertex %" G_GINT64_FORMAT, id);
          goto out;
        }
      seen[id - 1] = 1;
      n_seen++;
      list->lonlat[2 * (id - 1)] = (double) x / 1e6;
      list->lonlat[2 * (id - 1) + 1] = (double) y / 1e6;
    }
  if (n_seen != list->n_nodes)
    {
      guint missing = 0;
      while (seen[missing])
        missing++;
      rd.line++;
      reader_error (&rd, error, TNET_ERROR_INVALID_INPUT, 1,
                    "expected coordinates for all %u vertices, vertex %u has none",
                    list->n_nodes, missing + 1);
      goto out;
    }
  ok = TRUE;
out:
  if (!ok)
    g_clear_pointer (&list->lonlat, g_free);
  g_free (seen);
  g_free (rd.data);
  return ok;
}

TnetArcList *
tnet_dimacs_load (const char *gr_path, const char *co_path, GError **error)
{
  g_return_val_if_fail (gr_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  Reader rd;
  if (!reader_open (&rd, gr_path, error))
    return NULL;
  TnetArcList *list = NULL;
  static const char *const words[] = { "p", "sp", NULL };
  gint64 counts[2];
  guint cols[2];
  if (!read_problem (&rd, words, "p sp N M", 2, counts, cols, error))
    goto fail;
  guint problem_line = rd.line;
  gsize capacity = MIN ((gsize) counts[1], rd.len / 8 + 1);
  list = arc_list_new ((guint) counts[0], capacity);
  guint m = 0;
  while (next_content_line (&rd))
    {
      gint64 u, v, w;
      if (!tok_is (&rd, 0, "a"))
        {
          reader_error (&rd, error, TNET_ERROR_INVALID_INPUT, rd.tok_col[0],
                        tok_is (&rd, 0, "p") ? "a second problem line, expected arcs"
                                             : "expected an arc line \"a U V W\" or a comment");
          goto fail;
        }
      if (!tok_int (&rd, 1, 1, counts[0], "a node id", &u, error) ||
          !tok_int (&rd, 2, 1, counts[0], "a node id", &v, error) ||
          !tok_int (&rd, 3, 0, TNET_WEIGHT_MAX, "a weight", &w, error) ||
          !no_more_tokens (&rd, 4, error))
        goto fail;
      if (m == counts[1])
        {
          reader_error (&rd, error, TNET_ERROR_INVALID_INPUT, 1,
                        "more arcs than the %" G_GINT64_FORMAT " of the problem line (line %u)",
                        counts[1], problem_line);
          goto fail;
        }
      if (m == capacity)
        {
          capacity = MIN (2 * capacity, (gsize) counts[1]);
          list->tails = g_renew (TnetId, list->tails, capacity);
          list->heads = g_renew (TnetId, list->heads, capacity);
          list->weights = g_renew (TnetWeight, list->weights, capacity);
        }
      list->tails[m] = (TnetId) (u - 1);
      list->heads[m] = (TnetId) (v - 1);
      list->weights[m] = (TnetWeight) w;
      m++;
    }
  if (m != counts[1])
    {
      rd.line = problem_line;
      reader_error (&rd, error, TNET_ERROR_INVALID_INPUT, cols[1],
                    "the problem line announces %" G_GINT64_FORMAT " arcs, the file has %u",
                    counts[1], m);
      goto fail;
    }
  list->n_arcs = m;
  g_clear_pointer (&rd.data, g_free);
  if (co_path && !load_coordinates (list, co_path, error))
    goto fail;
  return list;

fail:
  tnet_arc_list_free (list);
  g_free (rd.data);
  return NULL;
}

TnetArcList *
tnet_dimacs_load_topology (const char *path, guint32 seed, TnetWeight max_weight,
                           GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_weight >= 1 && max_weight <= TNET_WEIGHT_MAX, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  Reader rd;
  if (!reader_open (&rd, path, error))
    return NULL;
  TnetArcList *list = NULL;
  GRand *rand = NULL;
  static const char *const words[] = { "p", "tw", NULL };
  gint64 counts[2];
  guint cols[2];
  if (!read_problem (&rd, words, "p tw N M", 2, counts, cols, error))
    goto fail;
  if (counts[1] >= G_MAXINT32 / 2)
    {
      reader_error (&rd, error, TNET_ERROR_TOO_LARGE, cols[1],
                    "%" G_GINT64_FORMAT " edges are too many (2 arcs each must stay below 2^31)",
                    counts[1]);
      goto fail;
    }
  guint problem_line = rd.line;
  /* an edge line holds at least 4 bytes ("1 2\n") */
  gsize capacity = 2 * MIN ((gsize) counts[1], rd.len / 4 + 1);
  list = arc_list_new ((guint) counts[0], capacity);
  rand = g_rand_new_with_seed (seed);
  guint m = 0;
  while (next_content_line (&rd))
    {
      gint64 u, v;
      if (!tok_int (&rd, 0, 1, counts[0], "a node id", &u, error) ||
          !tok_int (&rd, 1, 1, counts[0], "a node id", &v, error) ||
          !no_more_tokens (&rd, 2, error))
        goto fail;
      if (m == 2 * counts[1])
        {
          reader_error (&rd, error, TNET_ERROR_INVALID_INPUT, 1,
                        "more edges than the %" G_GINT64_FORMAT " of the problem line (line %u)",
                        counts[1], problem_line);
          goto fail;
        }
      if (m == capacity)
        {
          capacity = MIN (2 * capacity, 2 * (gsize) counts[1]);
          list->tails = g_renew (TnetId, list->tails, capacity);
          list->heads = g_renew (TnetId, list->heads, capacity);
          list->weights = g_renew (TnetWeight, list->weights, capacity);
        }
      TnetWeight w = (TnetWeight) g_rand_int_range (rand, 1, (gint32) max_weight + 1);
      list->tails[m] = (TnetId) (u - 1);
      list->heads[m] = (TnetId) (v - 1);
      list->weights[m] = w;
      list->tails[m + 1] = (TnetId) (v - 1);
      list->heads[m + 1] = (TnetId) (u - 1);
      list->weights[m + 1] = w;
      m += 2;
    }
  if (m != 2 * counts[1])
    {
      rd.line = problem_line;
      reader_error (&rd, error, TNET_ERROR_INVALID_INPUT, cols[1],
                    "the problem line announces %" G_GINT64_FORMAT " edges, the file has %u",
                    counts[1], m / 2);
      goto fail;
    }
  list->n_arcs = m;
  g_rand_free (rand);
  g_free (rd.data);
  return list;

fail:
  if (rand)
    g_rand_free (rand);
  tnet_arc_list_free (list);
  g_free (rd.data);
  return NULL;
}
