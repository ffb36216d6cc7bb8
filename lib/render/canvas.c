/* canvas.c: writing a cairo drawing to an SVG or PNG file (shared by the
 * map and the charts). */
#include "tnet-internal.h"

#ifdef TNET_HAVE_CAIRO

#include "render-private.h"
#include <cairo-svg.h>
#include <errno.h>
#include <glib/gstdio.h>

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
  cairo_surface_t *surf = svg
    ? cairo_svg_surface_create (tmp, width, height)
    : cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_status_t st = cairo_surface_status (surf);
  if (st == CAIRO_STATUS_SUCCESS)
    {
      cairo_t *cr = cairo_create (surf);
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
