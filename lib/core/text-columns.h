/* text-columns.h: aligned columns of UTF-8 text on a terminal. Internal. */
#pragma once

#include "tnet-internal.h"

/* Columns @text takes on a terminal: a wide (CJK) character two, a
 * zero-width one none, any other one. O(length). */
guint tnet_i_text_width (const char *text);

/* Appends @text to @s padded with spaces to @width columns, on the right
 * of the text (@right FALSE: left-aligned) or on its left (@right TRUE).
 * Text wider than @width is appended whole. */
void tnet_i_text_pad (GString *s, const char *text, guint width, gboolean right);
