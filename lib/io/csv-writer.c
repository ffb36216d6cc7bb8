/* csv-writer.c: the one CSV writer of the library (RFC 4180 quoting), used
 * by every table tnet prints or saves as CSV (see tnet-io.h). */
#include "tnet-internal.h"
#include <math.h>
#include <string.h>

/* A CSV table being written.
 * Invariants: @out holds only complete fields; @row_empty is TRUE exactly
 * when no field has been added since the last end of row (or the start),
 * so the next field gets no separator before it. */
struct _TnetCsvWriter {
  GString *out;
  gboolean row_empty;
};

/* Whether @text must be quoted: RFC 4180 requires it for a comma, a double
 * quote, CR or LF; a leading '#' is quoted so that readers which skip
 * comment lines (tnet's own table reader does) do not skip the row, and a
 * leading or trailing blank so that readers which trim fields keep it. */
static gboolean
needs_quotes (const char *text)
{
  if (text[0] == '\0')
    return FALSE;
  gsize len = strlen (text);
  return strpbrk (text, ",\"\r\n") != NULL || text[0] == '#' || g_ascii_isspace (text[0])
         || g_ascii_isspace (text[len - 1]);
}

void
tnet_csv_append_field (GString *out, const char *text)
{
  g_return_if_fail (out != NULL);
  if (text == NULL || !needs_quotes (text))
    {
      if (text)
        g_string_append (out, text);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
tnet_i_csv_put_field (GString *out, const char *text, gboolean first)
{
  if (!first)
    g_string_append_c (out, ',');
  tnet_csv_append_field (out, text);
}

gboolean
tnet_i_write_text_file (const char *path, const GString *text, GError **error)
{
  GError *local = NULL;
  if (!g_file_set_contents (path, text->str, (gssize) text->len, &local))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_IO, "%s: cannot write: %s", path,
                   local->message);
      g_error_free (local);
      return FALSE;
    }
  return TRUE;
}

TnetCsvWriter *
tnet_csv_writer_new (const char *const *header)
{
  TnetCsvWriter *w = g_new0 (TnetCsvWriter, 1);
  w->out = g_string_new (NULL);
  w->row_empty = TRUE;
  if (header)
    {
      for (guint k = 0; header[k]; k++)
        tnet_csv_writer_add_text (w, header[k]);
      tnet_csv_writer_end_row (w);
    }
  return w;
}

static void
separate (TnetCsvWriter *w)
{
  if (!w->row_empty)
    g_string_append_c (w->out, ',');
  w->row_empty = FALSE;
}

void
tnet_csv_writer_add_text (TnetCsvWriter *w, const char *text)
{
  g_return_if_fail (w != NULL);
  separate (w);
  tnet_csv_append_field (w->out, text);
}

void
tnet_csv_writer_add_number (TnetCsvWriter *w, double value, int decimals)
{
  g_return_if_fail (w != NULL);
  separate (w);
  if (!isfinite (value))
    return;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  if (decimals >= 0)
    {
      char fmt[16];
      g_snprintf (fmt, sizeof fmt, "%%.%df", MIN (decimals, 17));
      g_ascii_formatd (buf, sizeof buf, fmt, value);
    }
  else
    {
      /* the shortest of %.15g / %.17g that reads back to the same double */
      g_ascii_formatd (buf, sizeof buf, "%.15g", value);
      if (g_ascii_strtod (buf, NULL) != value)
        g_ascii_formatd (buf, sizeof buf, "%.17g", value);
    }
  g_string_append (w->out, buf);
}

void
tnet_csv_writer_add_int (TnetCsvWriter *w, gint64 value)
{
  g_return_if_fail (w != NULL);
  separate (w);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

void
tnet_csv_writer_end_row (TnetCsvWriter *w)
{
  g_return_if_fail (w != NULL);
  g_string_append_c (w->out, '\n');
  w->row_empty = TRUE;
}

const char *
tnet_csv_writer_peek (const TnetCsvWriter *w)
{
  g_return_val_if_fail (w != NULL, NULL);
  return w->out->str;
}

char *
tnet_csv_writer_free_to_string (TnetCsvWriter *w)
{
  g_return_val_if_fail (w != NULL, NULL);
  char *text = g_string_free (w->out, FALSE);
  g_free (w);
  return text;
}

void
tnet_csv_writer_free (TnetCsvWriter *w)
{
  if (!w)
    return;
  g_string_free (w->out, TRUE);
  g_free (w);
}
