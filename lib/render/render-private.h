/* render-private.h: what the cairo renderers of lib/render share. Internal;
 * only with TNET_HAVE_CAIRO. */
#pragma once

#include "tnet-internal.h"
#include <cairo.h>

/* The font of every map and chart (Chinese and Latin glyphs). */
#define TNET_RENDER_FONT "WenQuanYi Micro Hei"
/* The font-family of SVG <text>: TNET_RENDER_FONT first, then CJK families
 * common elsewhere, so a viewer without it still draws the Chinese labels. */
#define TNET_RENDER_SVG_FONTS \
  "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', " \
  "'Microsoft YaHei', 'PingFang SC', sans-serif"

typedef void (*TnetRenderFunc) (cairo_t *cr, gpointer data);

/* Draws with @draw on a @width x @height surface and writes it to @path as
 * SVG or PNG, chosen by the suffix, through a temporary "PATH.part" renamed
 * at the end, so a failure leaves no half file. @what names the picture in
 * errors ("map", "chart"). Fails with %TNET_ERROR_INVALID_INPUT on another
 * suffix, %TNET_ERROR_IO when the file cannot be written. */
gboolean tnet_i_render_save (const char *path, int width, int height, const char *what,
                             TnetRenderFunc draw, gpointer data, GError **error);

/* Draws @s at the current point in the current font, size and source
 * colour, as cairo_show_text() does, and moves the current point past it;
 * with @halo over a white outline, so that it reads over lines. Drawing for
 * an SVG file of tnet_i_render_save(), the text is not drawn as glyph
 * outlines but written as a real <text> element (editable, searchable, its
 * font named: TNET_RENDER_SVG_FONTS), placed above the drawing. */
void tnet_i_render_text (cairo_t *cr, const char *s, gboolean halo);

/* Selects TNET_RENDER_FONT at @size (user units), bold or regular, as the
 * current font of @cr. */
void tnet_i_render_font (cairo_t *cr, double size, gboolean bold);

/* The advance of @s in the current font of @cr (user units): where the
 * next text would start. O(length). */
double tnet_i_render_text_width (cairo_t *cr, const char *s);
