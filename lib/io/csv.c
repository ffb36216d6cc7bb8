/* csv.c: the strict RFC 4180 reader behind every CSV-like loader.
 *
 * Implementation notes: the whole file is read into memory and validated as
 * UTF-8 once, so the row parser can walk bytes and never meets a broken
 * sequence. A row's fields are copied, unescaped and NUL-terminated, into
 * one GString (reused between rows); for each field the parser keeps the
 * byte offset where it starts and the offset of the start of its physical
 * line, so a 1-based *character* column can be computed when (and only
 * when) an error needs it. */
#include "tnet-internal.h"
#include "csv.h"

#include <errno.h>
#include <stdarg.h>

#define DEFAULT_MAX_LINE ((gsize) 1 << 20)

typedef struct {
  gsize value;      /* offset of the unescaped text in TnetCsv.buf */
  gsize pos;        /* byte offset of the field's first character in data */
  gsize line_start; /* byte offset of the start of that physical line */
  guint line;       /* 1-based physical line of the field's first character */
} Field;

struct _TnetCsv {
  char *name;        /* what messages show */
  char *data;        /* the file, BOM stripped, valid UTF-8, NUL-terminated */
  gsize len;         /* bytes in data (without the NUL) */
  gsize pos;         /* next byte to parse */
  gsize line_start;  /* offset of the start of the physical line holding pos */
  guint line;        /* 1-based physical line holding pos */
  gsize max_line;    /* a physical line longer than this fails (bytes) */
  TnetCsvFlags flags;
  guint row_line;    /* line where the current row starts; 0 before any row */
  GString *buf;      /* unescaped fields of the current row, NUL-separated */
  GArray *fields;    /* Field per field of the current row */
  GPtrArray *header; /* column names (owned), set by read_header */
  GHashTable *columns; /* name -> column index + 1 (keys point into header) */
};

static guint
column_of (const TnetCsv *csv, gsize line_start, gsize pos)
{
  return (guint) g_utf8_strlen (csv->data + line_start, (gssize) (pos - line_start)) + 1;
}

static void
set_error_at (const TnetCsv *csv, GError **error, int code, guint line, guint col,
              const char *format, va_list ap) G_GNUC_PRINTF (6, 0);

static void
set_error_at (const TnetCsv *csv, GError **error, int code, guint line, guint col,
              const char *format, va_list ap)
{
  char *msg = g_strdup_vprintf (format, ap);
  g_set_error (error, TNET_ERROR, code, "%s:%u:%u: %s", csv->name, line, col, msg);
  g_free (msg);
}

static void
error_here (const TnetCsv *csv, GError **error, int code, const char *format, ...)
  G_GNUC_PRINTF (4, 5);

/* An error at the parser's current position. */
static void
error_here (const TnetCsv *csv, GError **error, int code, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  set_error_at (csv, error, code, csv->line, column_of (csv, csv->line_start, csv->pos),
                format, ap);
  va_end (ap);
}

static TnetCsv *
csv_new_take (char *data, gsize len, const char *display_name, TnetCsvFlags flags,
              GError **error)
{
  TnetCsv *csv = g_new0 (TnetCsv, 1);
  csv->name = g_strdup (display_name);
  csv->flags = flags;
  csv->max_line = DEFAULT_MAX_LINE;
  csv->line = 1;
  csv->buf = g_string_sized_new (256);
  csv->fields = g_array_new (FALSE, FALSE, sizeof (Field));

  gsize skip = 0;
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    skip = 3;
  csv->len = len - skip;
  csv->data = g_malloc (csv->len + 1);
  if (csv->len > 0)
    memcpy (csv->data, data + skip, csv->len);
  csv->data[csv->len] = '\0';
  g_free (data);

  const char *end = NULL;
  if (!g_utf8_validate_len (csv->data, csv->len, &end))
    {
      /* place the error: count lines up to the bad byte */
      gsize bad = (gsize) (end - csv->data);
      for (gsize i = 0; i < bad; i++)
        if (csv->data[i] == '\n')
          {
            csv->line++;
            csv->line_start = i + 1;
          }
      csv->pos = bad;
      error_here (csv, error, TNET_ERROR_INVALID_INPUT,
                  "invalid UTF-8 (byte 0x%02x), expected UTF-8 text",
                  (guint) (guchar) csv->data[bad]);
      tnet_i_csv_free (csv);
      return NULL;
    }
  if (csv->len == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s:1:1: empty file, expected a header", csv->name);
      tnet_i_csv_free (csv);
      return NULL;
    }
  return csv;
}

TnetCsv *
tnet_i_csv_open_file (const char *path, const char *display_name, TnetCsvFlags flags,
                      GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  char *data = NULL;
  gsize len = 0;
  if (!tnet_i_read_file (path, display_name, NULL, &data, &len, error))
    return NULL;
  return csv_new_take (data, len, display_name ? display_name : path, flags, error);
}

TnetCsv *
tnet_i_csv_open_data (const char *display_name, const char *data, gsize len,
                      TnetCsvFlags flags, GError **error)
{
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  return csv_new_take (g_memdup2 (data ? data : "", len), len, display_name, flags,
                       error);
}

void
tnet_i_csv_free (TnetCsv *csv)
{
  if (!csv)
    return;
  g_free (csv->name);
  g_free (csv->data);
  g_string_free (csv->buf, TRUE);
  g_array_free (csv->fields, TRUE);
  if (csv->columns)
    g_hash_table_destroy (csv->columns);
  if (csv->header)
    g_ptr_array_free (csv->header, TRUE);
  g_free (csv);
}

void
tnet_i_csv_set_max_line (TnetCsv *csv, gsize max_bytes)
{
  g_return_if_fail (csv != NULL && max_bytes > 0);
  csv->max_line = max_bytes;
}

/* Moves past the byte at pos; keeps line bookkeeping and the length limit. */
static gboolean
advance (TnetCsv *csv, GError **error)
{
  if (csv->data[csv->pos] == '\n')
    {
      csv->pos++;
      csv->line++;
      csv->line_start = csv->pos;
      return TRUE;
    }
  csv->pos++;
  if (csv->pos - csv->line_start > csv->max_line)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_TOO_LARGE,
                   "%s:%u:1: line longer than %" G_GSIZE_FORMAT " bytes", csv->name,
                   csv->line, csv->max_line);
      return FALSE;
    }
  return TRUE;
}

/* TRUE when pos stands at the end of a line (LF, CRLF) or of the data. */
static gboolean
at_eol (const TnetCsv *csv)
{
  const char *p = csv->data + csv->pos;
  return *p == '\0' || *p == '\n' || (p[0] == '\r' && p[1] == '\n');
}

static gboolean
skip_eol (TnetCsv *csv, GError **error)
{
  if (csv->data[csv->pos] == '\r' && !advance (csv, error))
    return FALSE;
  if (csv->data[csv->pos] == '\n' && !advance (csv, error))
    return FALSE;
  return TRUE;
}

/* Skips blank (whitespace-only) and, when allowed, comment lines.
 * Returns 1 at the start of a row, 0 at the end of the data, -1 on error. */
static int
skip_ignorable (TnetCsv *csv, GError **error)
{
  for (;;)
    {
      if (csv->pos >= csv->len)
        return 0;
      gsize p = csv->pos;
      while (csv->data[p] == ' ' || csv->data[p] == '\t')
        p++;
      gboolean blank = csv->data[p] == '\0' || csv->data[p] == '\n' ||
                       (csv->data[p] == '\r' && csv->data[p + 1] == '\n');
      gboolean comment = (csv->flags & TNET_CSV_ALLOW_COMMENTS) &&
                         csv->data[csv->pos] == '#';
      if (!blank && !comment)
        return 1;
      while (csv->data[csv->pos] != '\0' && csv->data[csv->pos] != '\n')
        if (!advance (csv, error))
          return -1;
      if (csv->data[csv->pos] == '\n' && !advance (csv, error))
        return -1;
    }
}

/* Parses one row into buf/fields. Same return convention as skip_ignorable. */
static int
parse_row (TnetCsv *csv, GError **error)
{
  int r = skip_ignorable (csv, error);
  if (r <= 0)
    return r;
  g_string_truncate (csv->buf, 0);
  g_array_set_size (csv->fields, 0);
  csv->row_line = csv->line;
  for (;;)
    {
      Field f = { csv->buf->len, csv->pos, csv->line_start, csv->line };
      g_array_append_val (csv->fields, f);
      if (csv->data[csv->pos] == '"')
        {
          if (!advance (csv, error))
            return -1;
          for (;;)
            {
              char c = csv->data[csv->pos];
              if (c == '\0' && csv->pos >= csv->len)
                {
                  g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                               "%s:%u:%u: unterminated quote, expected a closing '\"'",
                               csv->name, f.line, column_of (csv, f.line_start, f.pos));
                  return -1;
                }
              if (c == '"')
                {
                  if (!advance (csv, error))
                    return -1;
                  if (csv->data[csv->pos] != '"')
                    break;
                }
              g_string_append_c (csv->buf, csv->data[csv->pos]);
              if (!advance (csv, error))
                return -1;
            }
          if (csv->data[csv->pos] != ',' && !at_eol (csv))
            {
              error_here (csv, error, TNET_ERROR_INVALID_INPUT,
                          "text after a closing quote, expected ',' or the end of the line");
              return -1;
            }
        }
      else
        {
          while (csv->data[csv->pos] != ',' && !at_eol (csv))
            {
              if (csv->data[csv->pos] == '"')
                {
                  error_here (csv, error, TNET_ERROR_INVALID_INPUT,
                              "quote inside an unquoted field, expected the whole "
                              "field in quotes with \"\" for a quote");
                  return -1;
                }
              g_string_append_c (csv->buf, csv->data[csv->pos]);
              if (!advance (csv, error))
                return -1;
            }
        }
      g_string_append_c (csv->buf, '\0');
      if (csv->data[csv->pos] == ',')
        {
          if (!advance (csv, error))
            return -1;
          continue;
        }
      if (!skip_eol (csv, error))
        return -1;
      return 1;
    }
}

static void
trim_in_place (char *s)
{
  g_strstrip (s);
}

gboolean
tnet_i_csv_read_header (TnetCsv *csv, GError **error)
{
  g_return_val_if_fail (csv != NULL && csv->header == NULL, FALSE);
  int r = parse_row (csv, error);
  if (r < 0)
    return FALSE;
  if (r == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s:%u:1: empty file, expected a header", csv->name, csv->line);
      return FALSE;
    }
  GPtrArray *header = g_ptr_array_new_with_free_func (g_free);
  GHashTable *columns = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < csv->fields->len; i++)
    {
      char *name = g_strdup (csv->buf->str + g_array_index (csv->fields, Field, i).value);
      trim_in_place (name);
      g_ptr_array_add (header, name);
      if (*name == '\0')
        continue;
      if (g_hash_table_contains (columns, name))
        {
          tnet_i_csv_error (csv, (int) i, error, "duplicate column \"%s\"", name);
          g_hash_table_destroy (columns);
          g_ptr_array_free (header, TRUE);
          return FALSE;
        }
      g_hash_table_insert (columns, name, GUINT_TO_POINTER (i + 1));
    }
  csv->header = header;
  csv->columns = columns;
  return TRUE;
}

guint
tnet_i_csv_n_columns (const TnetCsv *csv)
{
  g_return_val_if_fail (csv != NULL && csv->header != NULL, 0);
  return csv->header->len;
}

const char *
tnet_i_csv_column_name (const TnetCsv *csv, int col)
{
  g_return_val_if_fail (csv != NULL, "");
  if (!csv->header || col < 0 || (guint) col >= csv->header->len)
    return "";
  return g_ptr_array_index (csv->header, col);
}

int
tnet_i_csv_column (const TnetCsv *csv, const char *name)
{
  g_return_val_if_fail (csv != NULL && csv->columns != NULL && name != NULL, -1);
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (csv->columns, name)) - 1;
}

gboolean
tnet_i_csv_require (const TnetCsv *csv, const char *const *names, GError **error)
{
  g_return_val_if_fail (csv != NULL && csv->columns != NULL && names != NULL, FALSE);
  for (guint i = 0; names[i]; i++)
    if (tnet_i_csv_column (csv, names[i]) < 0)
      {
        g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                     "%s:%u:1: missing column \"%s\" in the header", csv->name,
                     csv->row_line ? csv->row_line : 1, names[i]);
        return FALSE;
      }
  return TRUE;
}

TnetCsv *
tnet_i_csv_open_table (const char *path, const char *display_name,
                       const char *const *required, GError **error)
{
  g_return_val_if_fail (required != NULL, NULL);
  TnetCsv *csv = tnet_i_csv_open_file (path, display_name, TNET_CSV_ALLOW_COMMENTS, error);
  if (csv && (!tnet_i_csv_read_header (csv, error)
              || !tnet_i_csv_require (csv, required, error)))
    g_clear_pointer (&csv, tnet_i_csv_free);
  return csv;
}

gboolean
tnet_i_csv_bind (const TnetCsv *csv, const TnetCsvColumn *columns, guint n_columns,
                 GError **error)
{
  g_return_val_if_fail (csv != NULL && csv->columns != NULL, FALSE);
  g_return_val_if_fail (columns != NULL || n_columns == 0, FALSE);
  for (guint i = 0; i < n_columns; i++)
    {
      int col = tnet_i_csv_column (csv, columns[i].name);
      if (col < 0 && columns[i].required)
        {
          const char *names[] = { columns[i].name, NULL };
          return tnet_i_csv_require (csv, names, error);
        }
      if (columns[i].col)
        *columns[i].col = col;
    }
  return TRUE;
}

TnetCsv *
tnet_i_csv_open_columns (const char *path, const char *display_name,
                         const TnetCsvColumn *columns, guint n_columns, GError **error)
{
  static const char *const none[] = { NULL };
  TnetCsv *csv = tnet_i_csv_open_table (path, display_name, none, error);
  if (csv && !tnet_i_csv_bind (csv, columns, n_columns, error))
    g_clear_pointer (&csv, tnet_i_csv_free);
  return csv;
}

gboolean
tnet_i_csv_read_rows (const char *path, const char *display_name,
                      const TnetCsvColumn *columns, guint n_columns, TnetCsvRowFunc row,
                      gpointer data, GError **error)
{
  g_return_val_if_fail (row != NULL, FALSE);
  g_autoptr (TnetCsv) csv = tnet_i_csv_open_columns (path, display_name, columns, n_columns,
                                                     error);
  if (!csv)
    return FALSE;
  int r;
  while ((r = tnet_i_csv_next (csv, error)) > 0)
    if (!row (csv, data, error))
      return FALSE;
  return r == 0;
}

int
tnet_i_csv_next (TnetCsv *csv, GError **error)
{
  g_return_val_if_fail (csv != NULL && csv->header != NULL, -1);
  int r = parse_row (csv, error);
  if (r <= 0)
    return r;
  guint want = csv->header->len, got = csv->fields->len;
  if (got > want)
    {
      tnet_i_csv_error (csv, (int) want, error, "expected %u fields as in the header, got %u",
                        want, got);
      return -1;
    }
  if (got < want)
    {
      /* point just past the row's last character */
      gsize end = csv->pos;
      guint line = csv->line;
      gsize ls = csv->line_start;
      if (end > 0 && csv->data[end - 1] == '\n')
        {
          end--;
          if (end > 0 && csv->data[end - 1] == '\r')
            end--;
          line--;
          ls = end;
          while (ls > 0 && csv->data[ls - 1] != '\n')
            ls--;
        }
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s:%u:%u: expected %u fields as in the header, got %u", csv->name,
                   line, column_of (csv, ls, end), want, got);
      return -1;
    }
  return 1;
}

const char *
tnet_i_csv_field (const TnetCsv *csv, int col)
{
  g_return_val_if_fail (csv != NULL, "");
  if (col < 0 || (guint) col >= csv->fields->len)
    return "";
  return csv->buf->str + g_array_index (csv->fields, Field, col).value;
}

guint
tnet_i_csv_line (const TnetCsv *csv)
{
  g_return_val_if_fail (csv != NULL, 0);
  return csv->row_line;
}

guint
tnet_i_csv_field_column (const TnetCsv *csv, int col)
{
  g_return_val_if_fail (csv != NULL, 0);
  if (col < 0 || (guint) col >= csv->fields->len)
    return 1;
  const Field *f = &g_array_index (csv->fields, Field, col);
  return column_of (csv, f->line_start, f->pos);
}

/* The physical line where field @col starts (differs from the row's line
 * after a quoted field with a line break). */
static guint
field_line (const TnetCsv *csv, int col)
{
  if (col < 0 || (guint) col >= csv->fields->len)
    return csv->row_line;
  return g_array_index (csv->fields, Field, col).line;
}

const char *
tnet_i_csv_name (const TnetCsv *csv)
{
  g_return_val_if_fail (csv != NULL, NULL);
  return csv->name;
}

void
tnet_i_csv_error (const TnetCsv *csv, int col, GError **error, const char *format, ...)
{
  g_return_if_fail (csv != NULL);
  va_list ap;
  va_start (ap, format);
  set_error_at (csv, error, TNET_ERROR_INVALID_INPUT, field_line (csv, col),
                tnet_i_csv_field_column (csv, col), format, ap);
  va_end (ap);
}

/* Copies the field without surrounding blanks into @tmp; NULL when empty. */
/* The field of a number, spaces trimmed: 1 and the text in *@text (free it
 * with g_free()); for a blank field nothing in *@text and 0 (the caller
 * takes its default), or, when @required, -1 after the error "expected
 * @what for "NAME", got an empty field". */
static int
number_text (const TnetCsv *csv, int col, gboolean required, const char *what, char **text,
             GError **error)
{
  *text = g_strstrip (g_strdup (tnet_i_csv_field (csv, col)));
  if (**text)
    return 1;
  g_clear_pointer (text, g_free);
  if (!required)
    return 0;
  tnet_i_csv_error (csv, col, error, "expected %s for \"%s\", got an empty field", what,
                    tnet_i_csv_column_name (csv, col));
  return -1;
}

gboolean
tnet_i_csv_double (const TnetCsv *csv, int col, gboolean required, double dflt,
                   double *out, GError **error)
{
  g_return_val_if_fail (csv != NULL && out != NULL, FALSE);
  char *tmp;
  int has = number_text (csv, col, required, "a number", &tmp, error);
  if (has <= 0)
    return has == 0 ? (*out = dflt, TRUE) : FALSE;
  const char *s = tmp, *name = tnet_i_csv_column_name (csv, col);
  char *end = NULL;
  errno = 0;
  double v = g_ascii_strtod (s, &end);
  gboolean ok = end != s && *end == '\0' && errno != ERANGE;
  if (ok && !isfinite (v))
    {
      tnet_i_csv_error (csv, col, error, "expected a finite number for \"%s\", got \"%s\"",
                        name, tnet_i_csv_field (csv, col));
      g_free (tmp);
      return FALSE;
    }
  if (!ok)
    {
      tnet_i_csv_error (csv, col, error, "expected a number for \"%s\", got \"%s\"", name,
                        tnet_i_csv_field (csv, col));
      g_free (tmp);
      return FALSE;
    }
  g_free (tmp);
  *out = v;
  return TRUE;
}

gboolean
tnet_i_csv_int (const TnetCsv *csv, int col, gboolean required, gint64 dflt, gint64 *out,
                GError **error)
{
  g_return_val_if_fail (csv != NULL && out != NULL, FALSE);
  char *tmp;
  int has = number_text (csv, col, required, "an integer", &tmp, error);
  if (has <= 0)
    return has == 0 ? (*out = dflt, TRUE) : FALSE;
  const char *s = tmp, *name = tnet_i_csv_column_name (csv, col);
  char *end = NULL;
  errno = 0;
  gint64 v = g_ascii_strtoll (s, &end, 10);
  if (end == s || *end != '\0' || errno == ERANGE)
    {
      tnet_i_csv_error (csv, col, error, "expected an integer for \"%s\", got \"%s\"", name,
                        tnet_i_csv_field (csv, col));
      g_free (tmp);
      return FALSE;
    }
  g_free (tmp);
  *out = v;
  return TRUE;
}

const char *
tnet_i_csv_text (const TnetCsv *csv, int col, const char *what, GError **error)
{
  g_return_val_if_fail (csv != NULL && what != NULL, NULL);
  const char *s = tnet_i_csv_field (csv, col);
  if (*s)
    return s;
  tnet_i_csv_error (csv, col, error, "expected %s for \"%s\", got an empty field", what,
                    tnet_i_csv_column_name (csv, col));
  return NULL;
}

const char *
tnet_i_csv_opt_text (const TnetCsv *csv, int col)
{
  const char *s = tnet_i_csv_field (csv, col);
  return *s ? s : NULL;
}

gboolean
tnet_i_csv_expect (const TnetCsv *csv, int col, gboolean ok, const char *what, GError **error)
{
  if (ok)
    return TRUE;
  tnet_i_csv_error (csv, col, error, "expected %s for \"%s\", got \"%s\"", what,
                    tnet_i_csv_column_name (csv, col), tnet_i_csv_field (csv, col));
  return FALSE;
}

gboolean
tnet_i_csv_double_in (const TnetCsv *csv, int col, gboolean required, double lo, double hi,
                      gboolean lo_open, const char *what, double dflt, double *out,
                      GError **error)
{
  g_return_val_if_fail (what != NULL, FALSE);
  if (!tnet_i_csv_double (csv, col, required, dflt, out, error))
    return FALSE;
  if (!required && *tnet_i_csv_field (csv, col) == '\0')
    return TRUE;
  if (*out < lo || (lo_open && *out == lo) || *out > hi)
    return tnet_i_csv_expect (csv, col, FALSE, what, error);
  return TRUE;
}

gboolean
tnet_i_csv_int_in (const TnetCsv *csv, int col, gboolean required, gint64 lo, gint64 hi,
                   const char *what, gint64 dflt, gint64 *out, GError **error)
{
  g_return_val_if_fail (what != NULL, FALSE);
  if (!tnet_i_csv_int (csv, col, required, dflt, out, error))
    return FALSE;
  if (!required && *tnet_i_csv_field (csv, col) == '\0')
    return TRUE;
  if (*out < lo || *out > hi)
    return tnet_i_csv_expect (csv, col, FALSE, what, error);
  return TRUE;
}
