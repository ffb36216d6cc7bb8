/* json-text.c: JSON text with the shortest round-trip form of each double. */
#include "json-text.h"

#include <stdio.h>
#include <stdlib.h>

/* Appends the number token @tok (NUL-terminated) to @out, shortened when it
 * is a double that a shorter form reads back exactly. */
static void
append_number (GString *out, const char *tok)
{
  if (strpbrk (tok, ".eE") == NULL)
    {
      g_string_append (out, tok);
      return;
    }
  double v = g_ascii_strtod (tok, NULL);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  /* plain decimals in the usual range, the shortest %g form elsewhere */
  gboolean plain = fabs (v) >= 1e-4 && fabs (v) < 1e15;
  for (int digits = plain ? 0 : 1; digits <= 17; digits++)
    {
      char fmt[8];
      g_snprintf (fmt, sizeof fmt, plain ? "%%.%df" : "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, fmt, v);
      if (g_ascii_strtod (buf, NULL) == v)
        break;
    }
  g_string_append (out, buf);
  /* keep a visible fraction on whole numbers, as json-glib does */
  if (strpbrk (buf, ".eEn") == NULL)
    g_string_append (out, ".0");
}

char *
tnet_json_to_text (JsonNode *root, guint indent)
{
  g_return_val_if_fail (root != NULL, NULL);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, indent > 0);
  if (indent > 0)
    json_generator_set_indent (gen, indent);
  g_autofree char *text = json_generator_to_data (gen, NULL);

  GString *out = g_string_sized_new (strlen (text) + 2);
  gboolean in_string = FALSE;
  for (const char *p = text; *p;)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1])
            {
              g_string_append_len (out, p, 2);
              p += 2;
              continue;
            }
          if (*p == '"')
            in_string = FALSE;
          g_string_append_c (out, *p++);
          continue;
        }
      if (*p == '"')
        {
          in_string = TRUE;
          g_string_append_c (out, *p++);
          continue;
        }
      if (*p == '-' || g_ascii_isdigit (*p))
        {
          const char *q = p;
          while (*q == '-' || *q == '+' || *q == '.' || *q == 'e' || *q == 'E'
                 || g_ascii_isdigit (*q))
            q++;
          g_autofree char *tok = g_strndup (p, (gsize) (q - p));
          append_number (out, tok);
          p = q;
          continue;
        }
      g_string_append_c (out, *p++);
    }
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

void
tnet_i_json_add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
tnet_i_json_add_number (JsonBuilder *b, const char *key, double v, int decimals)
{
  if (key)
    json_builder_set_member_name (b, key);
  if (!isfinite (v))
    {
      json_builder_add_null_value (b);
      return;
    }
  double scale = pow (10.0, decimals);
  double r = round (v * scale) / scale;
  if (decimals == 0 && fabs (r) < 9e15)
    json_builder_add_int_value (b, (gint64) r);
  else
    json_builder_add_double_value (b, r);
}

void
tnet_i_json_add_int (JsonBuilder *b, const char *key, gint64 v)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, v);
}

void
tnet_i_json_timetable_members (JsonBuilder *b, const char *feed, guint date, gint32 depart_s,
                               guint window_min)
{
  tnet_i_json_add_string (b, "feed", feed);
  json_builder_set_member_name (b, "date");
  json_builder_add_int_value (b, date);
  json_builder_set_member_name (b, "depart");
  g_autofree char *dep = tnet_i_clock_hhmm (depart_s);
  json_builder_add_string_value (b, dep);
  json_builder_set_member_name (b, "window_min");
  json_builder_add_int_value (b, window_min);
}

void
tnet_i_json_timetable_object (JsonBuilder *b, const char *feed, guint date, gint32 depart_s,
                              TnetWeight window_ms, TnetWeight max_walk_ms, double percentile)
{
  json_builder_set_member_name (b, "timetable");
  json_builder_begin_object (b);
  tnet_i_json_timetable_members (b, feed, date, depart_s, tnet_i_window_minutes (window_ms));
  json_builder_set_member_name (b, "max_walk_min");
  json_builder_add_double_value (b, tnet_i_whole_s (max_walk_ms) / 60.0);
  json_builder_set_member_name (b, "percentile");
  json_builder_add_double_value (b, percentile);
  json_builder_end_object (b);
}
