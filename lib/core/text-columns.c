/* text-columns.c: display width and padding of UTF-8 text, shared by the
 * text tables of the report, its structure checks and sensitivity. */
#include "text-columns.h"

guint
tnet_i_text_width (const char *text)
{
  guint w = 0;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      w += g_unichar_iszerowidth (ch) ? 0 : g_unichar_iswide (ch) ? 2 : 1;
    }
  return w;
}

void
tnet_i_text_pad (GString *s, const char *text, guint width, gboolean right)
{
  guint w = tnet_i_text_width (text);
  if (right)
    for (guint k = w; k < width; k++)
      g_string_append_c (s, ' ');
  g_string_append (s, text);
  if (!right)
    for (guint k = w; k < width; k++)
      g_string_append_c (s, ' ');
}
