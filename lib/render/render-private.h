/* render-private.h: what the cairo renderers of lib/render share. Internal;
 * only with TNET_HAVE_CAIRO. */
#pragma once

#include "tnet-internal.h"
#include <cairo.h>

/* The font of every map and chart (Chinese and Latin glyphs). */
#define TNET_RENDER_FONT "WenQuanYi Micro Hei"

typedef void (*TnetRenderFunc) (cairo_t *cr, gpointer data);

/* Draws with @draw on a @width x @height surface and writes it to @path as
 * SVG or PNG, chosen by the suffix, through a temporary "PATH.part" renamed
 * at the end, so a failure leaves no half file. @what names the picture in
 * errors ("map", "chart"). Fails with %TNET_ERROR_INVALID_INPUT on another
 * suffix, %TNET_ERROR_IO when the file cannot be written. */
gboolean tnet_i_render_save (const char *path, int width, int height, const char *what,
                             TnetRenderFunc draw, gpointer data, GError **error);
