/* canvas.c: writing a cairo drawing to an SVG or PNG file (shared by the
 * map and the charts). */
#include "tnet-internal.h"

#ifdef TNET_HAVE_CAIRO

#include "render-private.h"
#include <cairo-svg.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <math.h>

/* The <text> elements of an SVG being drawn, attached to its cairo_t. */
static const cairo_user_data_key_t text_layer_key;

static void
append_color (GString *svg, const char *attr, double r, double g, double b, double a)
{
  g_string_append_printf (svg, " %s=\"#%02x%02x%02x\"", attr, (guint) lround (r * 255),
                          (guint) lround (g * 255), (guint) lround (b * 255));
  if (a < 1)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      g_string_append_printf (svg, " %s-opacity=\"%s\"", attr,
                              g_ascii_formatd (buf, sizeof buf, "%.2f", a));
    }
}

void
tnet_i_render_text (cairo_t *cr, const char *s, gboolean halo)
{
  cairo_text_extents_t ext;
  cairo_text_extents (cr, s, &ext);
  GString *svg = cairo_get_user_data (cr, &text_layer_key);
  if (svg == NULL)
    {
      if (halo)
        {
          double x, y;
          cairo_get_current_point (cr, &x, &y);
          cairo_pattern_t *src = cairo_pattern_reference (cairo_get_source (cr));
          cairo_text_path (cr, s);
          cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
          cairo_set_line_width (cr, 3.0);
          cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
          cairo_stroke (cr);
          cairo_set_source (cr, src);
          cairo_pattern_destroy (src);
          cairo_move_to (cr, x, y);
        }
      cairo_show_text (cr, s);
      return;
    }
  double x = 0, y = 0;
  if (cairo_has_current_point (cr))
    cairo_get_current_point (cr, &x, &y);
  double dx = x, dy = y, sx = 0, sy;
  cairo_matrix_t fm;
  cairo_get_font_matrix (cr, &fm);
  sy = fm.yy;
  cairo_user_to_device (cr, &dx, &dy);
  cairo_user_to_device_distance (cr, &sx, &sy);
  gboolean bold = FALSE;
  cairo_font_face_t *face = cairo_get_font_face (cr);
  if (cairo_font_face_get_type (face) == CAIRO_FONT_TYPE_TOY)
    bold = cairo_toy_font_face_get_weight (face) == CAIRO_FONT_WEIGHT_BOLD;
  double r = 0, g = 0, b = 0, a = 1;
  if (cairo_pattern_get_rgba (cairo_get_source (cr), &r, &g, &b, &a) != CAIRO_STATUS_SUCCESS)
    r = g = b = 0, a = 1;
  char bx[G_ASCII_DTOSTR_BUF_SIZE], by[G_ASCII_DTOSTR_BUF_SIZE], bs[G_ASCII_DTOSTR_BUF_SIZE];
  g_string_append_printf (svg, "<text x=\"%s\" y=\"%s\" font-family=\"%s\" font-size=\"%s\"",
                          g_ascii_formatd (bx, sizeof bx, "%.2f", dx),
                          g_ascii_formatd (by, sizeof by, "%.2f", dy), TNET_RENDER_SVG_FONTS,
                          g_ascii_formatd (bs, sizeof bs, "%.2f", fabs (sy)));
  if (bold)
    g_string_append (svg, " font-weight=\"bold\"");
  append_color (svg, "fill", r, g, b, a);
  if (halo)
    g_string_append (svg, " stroke=\"#ffffff\" stroke-opacity=\"0.9\" stroke-width=\"3\""
                     " stroke-linejoin=\"round\" paint-order=\"stroke\"");
  g_autofree char *escaped = g_markup_escape_text (s, -1);
  g_string_append_printf (svg, " xml:space=\"preserve\">%s</text>\n", escaped);
  cairo_move_to (cr, x + ext.x_advance, y + ext.y_advance);
}

/* Inserts the <text> elements of @texts before the closing tag of the SVG
 * file @path. */
static gboolean
add_text_layer (const char *path, const GString *texts, GError **error)
{
  g_autofree char *svg = NULL;
  gsize len = 0;
  if (!g_file_get_contents (path, &svg, &len, error))
    return FALSE;
  const char *end = g_strrstr (svg, "</svg>");
  if (end == NULL)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_IO, "%s: the SVG has no closing tag", path);
      return FALSE;
    }
  g_autoptr (GString) out = g_string_new_len (svg, end - svg);
  g_string_append (out, "<g id=\"text\">\n");
  g_string_append_len (out, texts->str, (gssize) texts->len);
  g_string_append (out, "</g>\n");
  g_string_append (out, end);
  return g_file_set_contents (path, out->str, (gssize) out->len, error);
}

gboolean
tnet_i_render_save (const char *path, int width, int height, const char *what,
                    TnetRenderFunc draw, gpointer data, GError **error)
{
  gboolean svg = g_str_has_suffix (path, ".svg") || g_str_has_suffix (path, ".SVG");
  gboolean png = g_str_has_suffix (path, ".png") || g_str_has_suffix (path, ".PNG");
  if (!svg && !png)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "%s: expected a file name ending in .svg or .png", path);
      return FALSE;
    }
  /* write to a temporary name and rename, so a failure leaves no half file */
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  g_autoptr (GString) texts = g_string_new (NULL);
  cairo_surface_t *surf = svg
    ? cairo_svg_surface_create (tmp, width, height)
    : cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_status_t st = cairo_surface_status (surf);
  if (st == CAIRO_STATUS_SUCCESS)
    {
      cairo_t *cr = cairo_create (surf);
      if (svg)
        cairo_set_user_data (cr, &text_layer_key, texts, NULL);
      draw (cr, data);
      st = cairo_status (cr);
      cairo_destroy (cr);
    }
  if (st == CAIRO_STATUS_SUCCESS && png)
    st = cairo_surface_write_to_png (surf, tmp);
  cairo_surface_finish (surf);
  if (st == CAIRO_STATUS_SUCCESS)
    st = cairo_surface_status (surf);
  cairo_surface_destroy (surf);
  if (st != CAIRO_STATUS_SUCCESS)
    {
      g_remove (tmp);
      g_set_error (error, TNET_ERROR, TNET_ERROR_IO, "%s: cannot write the %s: %s", path, what,
                   cairo_status_to_string (st));
      return FALSE;
    }
  GError *local = NULL;
  if (svg && texts->len > 0 && !add_text_layer (tmp, texts, &local))
    {
      g_remove (tmp);
      g_set_error (error, TNET_ERROR, TNET_ERROR_IO, "%s: cannot write the %s: %s", path, what,
                   local->message);
      g_error_free (local);
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int errsv = errno;
      g_remove (tmp);
      g_set_error (error, TNET_ERROR, TNET_ERROR_IO, "%s: cannot write the %s: %s", path, what,
                   g_strerror (errsv));
      return FALSE;
    }
  return TRUE;
}

#endif /* TNET_HAVE_CAIRO */

void
tnet_i_render_font (cairo_t *cr, double size, gboolean bold)
{
  cairo_select_font_face (cr, TNET_RENDER_FONT, CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
}

double
tnet_i_render_text_width (cairo_t *cr, const char *s)
{
  cairo_text_extents_t ext;
  cairo_text_extents (cr, s, &ext);
  return ext.x_advance;
}
