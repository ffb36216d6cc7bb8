/* tornado.c: the tornado chart of a sensitivity ranking
 * (tnet_report_sensitivity), drawn with cairo like the maps. */
#include "tnet-internal.h"
#include <tnet/tnet-render.h>

#ifndef TNET_HAVE_CAIRO

gboolean
tnet_sensitivity_save_chart (const TnetSensitivity *s, guint top, const char *path,
                             GError **error)
{
  g_return_val_if_fail (s != NULL && path != NULL, FALSE);
  (void) top;
  g_set_error (error, TNET_ERROR, TNET_ERROR_UNSUPPORTED,
               "%s: this tnet was built without maps (configure with -Dmaps=enabled "
               "and cairo installed)", path);
  return FALSE;
}

#else /* TNET_HAVE_CAIRO */

#include "render-private.h"

#define CHART_W 960.0
#define LABEL_W 300.0
#define TOP_H 110.0
#define ROW_H 26.0
#define BOTTOM_H 70.0
#define RIGHT_M 40.0

typedef struct {
  const TnetSensitivity *s;
  guint n;               /* rows drawn */
  double lo, hi;         /* the value axis, finite */
  double height;
} Chart;

static double
x_of (const Chart *c, double v)
{
  double x0 = LABEL_W, x1 = CHART_W - RIGHT_M;
  if (!(v > c->lo))
    return x0;
  if (!(v < c->hi))
    return x1;
  return x0 + (v - c->lo) / (c->hi - c->lo) * (x1 - x0);
}

/* A tick step of 1, 2 or 5 × 10^k giving about 6 ticks over @span. */
static double
tick_step (double span)
{
  double raw = span / 6.0;
  double p = pow (10.0, floor (log10 (raw)));
  double m = raw / p;
  return (m < 1.5 ? 1.0 : m < 3.5 ? 2.0 : m < 7.5 ? 5.0 : 10.0) * p;
}

static void
value_label (cairo_t *cr, const Chart *c, double v, double x, double y, gboolean left)
{
  char buf[64];
  if (isinf (v))
    g_snprintf (buf, sizeof buf, "%s", v > 0 ? "∞" : "−∞");
  else
    g_snprintf (buf, sizeof buf, "%.*f", tnet_sensitivity_get_decimals (c->s) + 1, v);
  tnet_i_render_font (cr, 10.5, FALSE);
  double w = tnet_i_render_text_width (cr, buf);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_move_to (cr, left ? x - w - 4 : x + 4, y);
  tnet_i_render_text (cr, buf, FALSE);
}

static void
draw (cairo_t *cr, gpointer data)
{
  const Chart *c = data;
  const TnetSensitivity *s = c->s;
  double base = tnet_sensitivity_get_base (s);
  double target = tnet_sensitivity_get_target (s);
  const char *unit = tnet_sensitivity_get_unit (s);
  int d = tnet_sensitivity_get_decimals (s) + 1;
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);

  /* title and subtitle */
  g_autofree char *title = g_strdup_printf ("Sensitivity of %s, %s",
                                            tnet_sensitivity_get_key (s),
                                            tnet_sensitivity_get_column (s));
  g_autofree char *sub = g_strdup_printf ("as given %.*f %s; each input row alone at the "
                                          "low end (short, fast) and the high end (long, "
                                          "slow) of its range; the %u rows that move it most",
                                          d, base, unit, c->n);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  tnet_i_render_font (cr, 18, TRUE);
  cairo_move_to (cr, 16, 30);
  tnet_i_render_text (cr, title, FALSE);
  tnet_i_render_font (cr, 12.5, FALSE);
  cairo_move_to (cr, 16, 52);
  tnet_i_render_text (cr, tnet_sensitivity_get_name (s), FALSE);
  tnet_i_render_font (cr, 11.5, FALSE);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  cairo_move_to (cr, 16, 70);
  tnet_i_render_text (cr, sub, FALSE);

  /* legend */
  const struct { double r, g, b; const char *label; } keys[] = {
    { 0.16, 0.44, 0.70, "low end (short, fast)" },
    { 0.91, 0.45, 0.16, "high end (long, slow)" },
  };
  double lx = 16;
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      cairo_set_source_rgb (cr, keys[k].r, keys[k].g, keys[k].b);
      cairo_rectangle (cr, lx, 80, 14, 12);
      cairo_fill (cr);
      tnet_i_render_font (cr, 11, FALSE);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_move_to (cr, lx + 20, 91);
      tnet_i_render_text (cr, keys[k].label, FALSE);
      lx += 40 + tnet_i_render_text_width (cr, keys[k].label);
    }

  double y0 = TOP_H, y1 = TOP_H + c->n * ROW_H;
  /* grid and axis */
  double step = tick_step (c->hi - c->lo);
  tnet_i_render_font (cr, 10.5, FALSE);
  for (double t = ceil (c->lo / step) * step; t <= c->hi + 1e-9 * step; t += step)
    {
      double x = x_of (c, t);
      cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, x, y0 - 4);
      cairo_line_to (cr, x, y1 + 4);
      cairo_stroke (cr);
      char buf[64];
      g_snprintf (buf, sizeof buf, "%g", fabs (t) < 1e-12 * step ? 0.0 : t);
      cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
      cairo_move_to (cr, x - tnet_i_render_text_width (cr, buf) / 2, y1 + 20);
      tnet_i_render_text (cr, buf, FALSE);
    }
  g_autofree char *axis = g_strdup_printf ("%s (%s)", tnet_sensitivity_get_key (s), unit);
  cairo_move_to (cr, (LABEL_W + CHART_W - RIGHT_M) / 2 - tnet_i_render_text_width (cr, axis) / 2,
                 y1 + 40);
  tnet_i_render_text (cr, axis, FALSE);

  /* bars, largest swing on top */
  for (guint i = 0; i < c->n; i++)
    {
      const TnetSensitivityRow *r = tnet_sensitivity_get_row (s, i);
      double y = y0 + i * ROW_H;
      g_autofree char *label = g_strdup_printf ("%u. %s%s%s%s%s", i + 1, r->link_id,
                                                r->line && *r->line ? " · " : "",
                                                r->line ? r->line : "",
                                                r->confidence && *r->confidence ? " · " : "",
                                                r->confidence ? r->confidence : "");
      tnet_i_render_font (cr, 11, FALSE);
      cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      double w = tnet_i_render_text_width (cr, label);
      cairo_move_to (cr, MAX (8.0, LABEL_W - 10 - w), y + ROW_H * 0.65);
      tnet_i_render_text (cr, label, FALSE);
      double xb = x_of (c, base);
      const double ends[2] = { r->low, r->high };
      for (guint k = 0; k < 2; k++)
        {
          double xe = x_of (c, ends[k]);
          cairo_set_source_rgb (cr, keys[k].r, keys[k].g, keys[k].b);
          cairo_rectangle (cr, MIN (xb, xe), y + 4, fabs (xe - xb), ROW_H - 8);
          cairo_fill (cr);
        }
      /* label each end on its outer side */
      double xl = x_of (c, r->low), xh = x_of (c, r->high);
      value_label (cr, c, r->low, xl, y + ROW_H * 0.65, xl <= xh);
      value_label (cr, c, r->high, xh, y + ROW_H * 0.65, xh < xl);
    }

  /* the value as given, and the target */
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, x_of (c, base), y0 - 8);
  cairo_line_to (cr, x_of (c, base), y1 + 4);
  cairo_stroke (cr);
  if (isfinite (target))
    {
      double dash[2] = { 6, 4 };
      cairo_set_dash (cr, dash, 2, 0);
      cairo_set_source_rgb (cr, 0.8, 0.1, 0.1);
      cairo_move_to (cr, x_of (c, target), y0 - 8);
      cairo_line_to (cr, x_of (c, target), y1 + 4);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      g_autofree char *t = g_strdup_printf ("target %.*f", d, target);
      tnet_i_render_font (cr, 10.5, TRUE);
      cairo_move_to (cr, x_of (c, target) + 4, y0 - 10);
      tnet_i_render_text (cr, t, FALSE);
    }
}

gboolean
tnet_sensitivity_save_chart (const TnetSensitivity *s, guint top, const char *path,
                             GError **error)
{
  g_return_val_if_fail (s != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  guint n = tnet_sensitivity_n_rows (s);
  Chart c = { .s = s, .n = top == 0 ? n : MIN (top, n) };
  /* the axis covers the value as given, the target and every finite end */
  c.lo = c.hi = tnet_sensitivity_get_base (s);
  double target = tnet_sensitivity_get_target (s);
  if (isfinite (target))
    {
      c.lo = MIN (c.lo, target);
      c.hi = MAX (c.hi, target);
    }
  for (guint i = 0; i < c.n; i++)
    {
      const TnetSensitivityRow *r = tnet_sensitivity_get_row (s, i);
      const double ends[2] = { r->low, r->high };
      for (guint k = 0; k < 2; k++)
        if (isfinite (ends[k]))
          {
            c.lo = MIN (c.lo, ends[k]);
            c.hi = MAX (c.hi, ends[k]);
          }
    }
  double pad = (c.hi - c.lo) * 0.08;
  if (!(pad > 0))
    pad = MAX (fabs (c.lo) * 0.05, 1.0);
  c.lo -= pad;
  c.hi += pad;
  c.height = TOP_H + MAX (c.n, 1) * ROW_H + BOTTOM_H;
  return tnet_i_render_save (path, (int) CHART_W, (int) c.height, "chart", draw, &c, error);
}

#endif /* TNET_HAVE_CAIRO */
