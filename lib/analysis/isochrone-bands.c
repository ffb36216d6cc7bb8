/* isochrone-bands.c: isochrone polygons in bands, by buffering the reached
 * network with GEOS (tnet-isochrone.h).
 *
 * Implementation notes: the plane is a local equirectangular projection in
 * metres (x = R cos φ0 Δλ, y = R Δφ) around the mean of the reached nodes;
 * over a region of a few hundred kilometres its scale error stays below a
 * few per cent, far under the walking fringe's own approximation, and the
 * reported areas do not depend on it (they are computed on the sphere from
 * the lon/lat output). Shapes are built directly as coordinate rings (a disc
 * is a regular polygon of 4 × quadrant_segments sides; a piece of link is the
 * convex hull of its two end discs), so GEOS only computes hulls, the
 * cascaded union per band, the simplification and the final union with the
 * previous band. */
#include "tnet-internal.h"
#include "geojson-shapes.h"
#include <tnet/tnet.h>
#include <geos_c.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define EARTH_RADIUS_M 6371008.8
#define DEG (G_PI / 180.0)
#define MAX_BUDGET_MS 86400000u   /* 1440 minutes */

typedef struct {
  GArray *rings;  /* GArray of double (lon/lat pairs), one per ring */
} Poly;

typedef struct {
  TnetWeight budget_ms;                /* in (0, 86 400 000] */
  double area_km2;
  GEOSGeometry *geom;                 /* projected MultiPolygon, owned */
  const GEOSPreparedGeometry *prep;   /* prepared @geom, owned */
  GPtrArray *polys;                   /* Poly *, lon/lat output rings */
} Band;

struct _TnetIsochroneBands {
  GEOSContextHandle_t ctx;  /* one context per object: GEOS contexts are not shared */
  double lon0, lat0, kx, ky; /* projection: x = (lon - lon0) kx, y = (lat - lat0) ky */
  guint n_bands;
  Band *bands;
};

static void
geos_message (const char *message, void *userdata)
{
  GString *s = userdata;
  g_string_assign (s, message);
}

void
tnet_isochrone_options_init (TnetIsochroneOptions *opts)
{
  g_return_if_fail (opts != NULL);
  opts->off_network_kmh = 5.0;
  opts->max_radius_m = 1000.0;
  opts->segment_m = 250.0;
  opts->simplify_m = 10.0;
  opts->quadrant_segments = 8;
  opts->interior_modes = TNET_MODES_ROAD;
}

static void
ring_clear (gpointer p)
{
  g_array_unref (*(GArray **) p);
}

static void
poly_free (gpointer p)
{
  Poly *poly = p;
  g_array_unref (poly->rings);
  g_free (poly);
}

void
tnet_isochrone_bands_free (TnetIsochroneBands *b)
{
  if (!b)
    return;
  for (guint i = 0; i < b->n_bands; i++)
    {
      if (b->bands[i].prep)
        GEOSPreparedGeom_destroy_r (b->ctx, b->bands[i].prep);
      if (b->bands[i].geom)
        GEOSGeom_destroy_r (b->ctx, b->bands[i].geom);
      if (b->bands[i].polys)
        g_ptr_array_unref (b->bands[i].polys);
    }
  g_free (b->bands);
  if (b->ctx)
    GEOS_finish_r (b->ctx);
  g_free (b);
}

/* The work of one band: the pieces and the scratch coordinates. */
typedef struct {
  GEOSContextHandle_t ctx;
  int n_circle;            /* points of a disc */
  GPtrArray *pieces;       /* GEOSGeometry *, polygons */
  GArray *xy;              /* scratch */
} Pieces;

static GEOSCoordSequence *
sequence (GEOSContextHandle_t ctx, const double *xy, guint n)
{
  GEOSCoordSequence *seq = GEOSCoordSeq_create_r (ctx, n, 2);
  if (!seq)
    return NULL;
  for (guint k = 0; k < n; k++)
    GEOSCoordSeq_setXY_r (ctx, seq, k, xy[2 * k], xy[2 * k + 1]);
  return seq;
}

static void
push_circle (Pieces *p, double x, double y, double r)
{
  for (int k = 0; k < p->n_circle; k++)
    {
      double a = 2 * G_PI * k / p->n_circle;
      double pt[2] = { x + r * cos (a), y + r * sin (a) };
      g_array_append_vals (p->xy, pt, 2);
    }
}

/* A disc (r > 0) or the hull of two discs (r2 >= 0, one of them > 0). */
static gboolean
add_shape (Pieces *p, double x1, double y1, double r1, gboolean two, double x2, double y2,
           double r2)
{
  g_array_set_size (p->xy, 0);
  if (r1 > 0)
    push_circle (p, x1, y1, r1);
  else
    g_array_append_vals (p->xy, (double[]) { x1, y1 }, 2);
  if (two)
    {
      if (r2 > 0)
        push_circle (p, x2, y2, r2);
      else
        g_array_append_vals (p->xy, (double[]) { x2, y2 }, 2);
    }
  else
    /* close the disc's ring for a polygon of its own */
    {
      double first[2] = { g_array_index (p->xy, double, 0), g_array_index (p->xy, double, 1) };
      g_array_append_vals (p->xy, first, 2);
    }
  guint n = p->xy->len / 2;
  if (n < 4)
    return TRUE;
  GEOSCoordSequence *seq = sequence (p->ctx, (double *) (void *) p->xy->data, n);
  if (!seq)
    return FALSE;
  GEOSGeometry *g;
  if (!two)
    {
      GEOSGeometry *ring = GEOSGeom_createLinearRing_r (p->ctx, seq);
      g = ring ? GEOSGeom_createPolygon_r (p->ctx, ring, NULL, 0) : NULL;
    }
  else
    {
      GEOSGeometry *line = GEOSGeom_createLineString_r (p->ctx, seq);
      g = line ? GEOSConvexHull_r (p->ctx, line) : NULL;
      if (line)
        GEOSGeom_destroy_r (p->ctx, line);
    }
  if (!g)
    return FALSE;
  if (GEOSGeomTypeId_r (p->ctx, g) != GEOS_POLYGON)
    {
      GEOSGeom_destroy_r (p->ctx, g);  /* a degenerate hull: no area */
      return TRUE;
    }
  g_ptr_array_add (p->pieces, g);
  return TRUE;
}

/* The projected polyline of link @i (2 * n doubles). */
static double *
link_xy (const TnetIsochroneBands *b, const TnetNetwork *net, TnetId i, guint *n_out)
{
  guint np = 0;
  const double *g = tnet_network_link_geometry (net, i, &np);
  double ends[4];
  if (!g)
    {
      const TnetLink *l = tnet_network_link (net, i);
      const TnetNode *a = tnet_network_node (net, l->from), *z = tnet_network_node (net, l->to);
      ends[0] = a->lon, ends[1] = a->lat, ends[2] = z->lon, ends[3] = z->lat;
      g = ends;
      np = 2;
    }
  double *xy = g_new (double, 2 * np);
  for (guint k = 0; k < np; k++)
    {
      xy[2 * k] = (g[2 * k] - b->lon0) * b->kx;
      xy[2 * k + 1] = (g[2 * k + 1] - b->lat0) * b->ky;
    }
  *n_out = np;
  return xy;
}

/* Time (ms) at distance s along a link of length len and time T whose ends
 * are reached at tf and tt (INFINITY when not reached). */
static double
time_at (double s, double len, double T, double tf, double tt, gboolean oneway)
{
  double f = tf + (len > 0 ? s / len : 0) * T;
  double r = oneway ? INFINITY : tt + (len > 0 ? (len - s) / len : 0) * T;
  return MIN (f, r);
}

static double
radius (double t_ms, double budget_ms, double speed_m_per_ms, double cap_m)
{
  if (!(t_ms <= budget_ms))
    return -1;
  return MIN (cap_m, (budget_ms - t_ms) * speed_m_per_ms);
}

static gboolean
link_pieces (Pieces *p, const TnetIsochroneBands *b, const TnetNetwork *net,
             const TnetScenario *scen, TnetId i, const TnetWeight *node_ms, double budget_ms,
             const TnetIsochroneOptions *o)
{
  const TnetLink *l = tnet_network_link (net, i);
  double tf = node_ms[l->from] == TNET_WEIGHT_INF ? INFINITY : node_ms[l->from];
  double tt = node_ms[l->to] == TNET_WEIGHT_INF ? INFINITY : node_ms[l->to];
  if (!(tf < budget_ms) && !(tt < budget_ms))
    return TRUE;
  double T = tnet_scenario_link_time_ms (scen, net, i);
  double v = o->off_network_kmh / 3600.0;  /* m per ms */
  guint np;
  g_autofree double *xy = link_xy (b, net, i, &np);
  double len = 0;
  for (guint k = 0; k + 1 < np; k++)
    len += hypot (xy[2 * k + 2] - xy[2 * k], xy[2 * k + 3] - xy[2 * k + 1]);
  double s0 = 0;
  for (guint k = 0; k + 1 < np; k++)
    {
      double ax = xy[2 * k], ay = xy[2 * k + 1], dx = xy[2 * k + 2] - ax,
             dy = xy[2 * k + 3] - ay;
      double seg = hypot (dx, dy);
      guint cuts = MAX (1u, (guint) ceil (seg / o->segment_m));
      for (guint c = 0; c < cuts; c++)
        {
          double u1 = (double) c / cuts, u2 = (double) (c + 1) / cuts;
          double x1 = ax + u1 * dx, y1 = ay + u1 * dy, x2 = ax + u2 * dx, y2 = ay + u2 * dy;
          double t1 = time_at (s0 + u1 * seg, len, T, tf, tt, l->oneway);
          double t2 = time_at (s0 + u2 * seg, len, T, tf, tt, l->oneway);
          double r1 = radius (t1, budget_ms, v, o->max_radius_m);
          double r2 = radius (t2, budget_ms, v, o->max_radius_m);
          if (r1 < 0 && r2 < 0)
            continue;
          if (r1 < 0 || r2 < 0)
            {
              /* reached in part: up to where the budget runs out; the
               * time is linear on the piece unless the two directions
               * meet inside it, which the short pieces make negligible */
              double ti = r1 < 0 ? t2 : t1, to = r1 < 0 ? t1 : t2;
              double f = isfinite (to) ? (budget_ms - ti) / (to - ti) : 0;
              f = CLAMP (f, 0, 1);
              double xi = r1 < 0 ? x2 : x1, yi = r1 < 0 ? y2 : y1;
              double xo = r1 < 0 ? x1 : x2, yo = r1 < 0 ? y1 : y2;
              double ri = MAX (r1, r2);
              if (!isfinite (to))
                {
                  /* the far end is never reached along this piece (a
                   * one-way link driven the other way): only its disc */
                  if (ri > 0 && !add_shape (p, xi, yi, ri, FALSE, 0, 0, 0))
                    return FALSE;
                  continue;
                }
              if (!add_shape (p, xi, yi, ri, TRUE, xi + f * (xo - xi), yi + f * (yo - yi), 0))
                return FALSE;
              continue;
            }
          if ((r1 > 0 || r2 > 0) && !add_shape (p, x1, y1, r1, TRUE, x2, y2, r2))
            return FALSE;
        }
      s0 += seg;
    }
  return TRUE;
}

static void
set_geos_error (GError **error, const GString *msg, const char *what)
{
  g_set_error (error, TNET_ERROR, TNET_ERROR_FAILED, "isochrone polygons: %s failed%s%s",
               what, msg->len ? ": " : "", msg->str);
}

/* Signed area (shoelace) of a lon/lat ring, positive when counter-clockwise. */
static double
ring_signed (const double *ll, guint n)
{
  double s = 0;
  for (guint k = 0; k + 1 < n; k++)
    s += ll[2 * k] * ll[2 * k + 3] - ll[2 * k + 2] * ll[2 * k + 1];
  return s / 2;
}

/* Area of a closed lon/lat ring on the sphere (m²), unsigned. */
static double
ring_sphere_m2 (const double *ll, guint n)
{
  if (n < 4)
    return 0;
  guint m = n - 1;  /* distinct points */
  double s = 0;
  for (guint k = 0; k < m; k++)
    {
      guint prev = (k + m - 1) % m, next = (k + 1) % m;
      s += (ll[2 * next] - ll[2 * prev]) * DEG * sin (ll[2 * k + 1] * DEG);
    }
  return fabs (s) * EARTH_RADIUS_M * EARTH_RADIUS_M / 2;
}

static GArray *
ring_lonlat (const TnetIsochroneBands *b, const GEOSGeometry *ring, gboolean ccw)
{
  const GEOSCoordSequence *seq = GEOSGeom_getCoordSeq_r (b->ctx, ring);
  unsigned int n = 0;
  GEOSCoordSeq_getSize_r (b->ctx, seq, &n);
  GArray *a = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * n);
  for (unsigned int k = 0; k < n; k++)
    {
      double x = 0, y = 0;
      GEOSCoordSeq_getXY_r (b->ctx, seq, k, &x, &y);
      double ll[2] = { b->lon0 + x / b->kx, b->lat0 + y / b->ky };
      g_array_append_vals (a, ll, 2);
    }
  double *d = (double *) (void *) a->data;
  if ((ring_signed (d, n) > 0) != ccw)
    for (unsigned int k = 0; k < n / 2; k++)
      {
        double t0 = d[2 * k], t1 = d[2 * k + 1];
        d[2 * k] = d[2 * (n - 1 - k)], d[2 * k + 1] = d[2 * (n - 1 - k) + 1];
        d[2 * (n - 1 - k)] = t0, d[2 * (n - 1 - k) + 1] = t1;
      }
  return a;
}

/* The lon/lat rings and the spherical area of band @band. */
static void
band_output (TnetIsochroneBands *b, Band *band)
{
  band->polys = g_ptr_array_new_with_free_func (poly_free);
  band->area_km2 = 0;
  int n = GEOSGetNumGeometries_r (b->ctx, band->geom);
  for (int k = 0; k < n; k++)
    {
      const GEOSGeometry *pg = GEOSGetGeometryN_r (b->ctx, band->geom, k);
      if (GEOSGeomTypeId_r (b->ctx, pg) != GEOS_POLYGON || GEOSisEmpty_r (b->ctx, pg))
        continue;
      Poly *poly = g_new0 (Poly, 1);
      poly->rings = g_array_new (FALSE, FALSE, sizeof (GArray *));
      g_array_set_clear_func (poly->rings, ring_clear);
      GArray *shell = ring_lonlat (b, GEOSGetExteriorRing_r (b->ctx, pg), TRUE);
      g_array_append_val (poly->rings, shell);
      double m2 = ring_sphere_m2 ((double *) (void *) shell->data, shell->len / 2);
      int nh = GEOSGetNumInteriorRings_r (b->ctx, pg);
      for (int h = 0; h < nh; h++)
        {
          GArray *hole = ring_lonlat (b, GEOSGetInteriorRingN_r (b->ctx, pg, h), FALSE);
          m2 -= ring_sphere_m2 ((double *) (void *) hole->data, hole->len / 2);
          g_array_append_val (poly->rings, hole);
        }
      band->area_km2 += m2 / 1e6;
      g_ptr_array_add (band->polys, poly);
    }
}

/* @g as a valid MultiPolygon (consumes @g); NULL on failure. */
static GEOSGeometry *
valid_multipolygon (GEOSContextHandle_t ctx, GEOSGeometry *g)
{
  if (GEOSisValid_r (ctx, g) != 1)
    {
      GEOSGeometry *v = GEOSMakeValid_r (ctx, g);
      GEOSGeom_destroy_r (ctx, g);
      if (!v)
        return NULL;
      g = v;
    }
  int type = GEOSGeomTypeId_r (ctx, g);
  if (type == GEOS_MULTIPOLYGON)
    return g;
  /* a Polygon, or a collection (what MakeValid may return): keep its
   * polygons */
  GPtrArray *parts = g_ptr_array_new ();
  if (type == GEOS_POLYGON)
    g_ptr_array_add (parts, GEOSGeom_clone_r (ctx, g));
  else
    for (int k = 0; k < GEOSGetNumGeometries_r (ctx, g); k++)
      {
        const GEOSGeometry *part = GEOSGetGeometryN_r (ctx, g, k);
        int t = GEOSGeomTypeId_r (ctx, part);
        if (t == GEOS_POLYGON)
          g_ptr_array_add (parts, GEOSGeom_clone_r (ctx, part));
        else if (t == GEOS_MULTIPOLYGON)
          for (int j = 0; j < GEOSGetNumGeometries_r (ctx, part); j++)
            g_ptr_array_add (parts, GEOSGeom_clone_r (ctx, GEOSGetGeometryN_r (ctx, part, j)));
      }
  GEOSGeom_destroy_r (ctx, g);
  GEOSGeometry *m = GEOSGeom_createCollection_r (ctx, GEOS_MULTIPOLYGON,
                                                 (GEOSGeometry **) parts->pdata, parts->len);
  g_ptr_array_free (parts, TRUE);
  return m;
}

static gboolean
check_options (const TnetIsochroneOptions *o, GError **error)
{
  const char *bad = NULL;
  if (!(o->off_network_kmh > 0 && o->off_network_kmh <= 200))
    bad = "off_network_kmh must be in (0, 200]";
  else if (!(o->max_radius_m >= 0 && o->max_radius_m <= 100000))
    bad = "max_radius_m must be in [0, 100000]";
  else if (!(o->segment_m >= 1 && o->segment_m <= 100000))
    bad = "segment_m must be in [1, 100000]";
  else if (!(o->simplify_m >= 0 && o->simplify_m <= 10000))
    bad = "simplify_m must be in [0, 10000]";
  else if (o->quadrant_segments < 1 || o->quadrant_segments > 64)
    bad = "quadrant_segments must be in [1, 64]";
  if (bad)
    g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT, "isochrone options: %s", bad);
  return bad == NULL;
}

TnetIsochroneBands *
tnet_isochrone_bands_new (const TnetNetwork *net, const TnetScenario *scen,
                          const TnetWeight *node_ms, const TnetWeight *budgets_ms, guint n_bands,
                          const TnetIsochroneOptions *opts, GError **error)
{
  g_return_val_if_fail (net != NULL && scen != NULL && node_ms != NULL, NULL);
  g_return_val_if_fail (budgets_ms != NULL || n_bands == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  TnetIsochroneOptions o;
  if (opts)
    o = *opts;
  else
    tnet_isochrone_options_init (&o);
  if (!check_options (&o, error))
    return NULL;
  if (n_bands == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "isochrone bands: expected at least one budget");
      return NULL;
    }
  for (guint i = 0; i < n_bands; i++)
    if (budgets_ms[i] == 0 || budgets_ms[i] > MAX_BUDGET_MS
        || (i > 0 && budgets_ms[i] <= budgets_ms[i - 1]))
      {
        g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                     "isochrone bands: budget %u (%g min): expected minutes in (0, 1440], "
                     "strictly increasing", i + 1, tnet_weight_to_min (budgets_ms[i]));
        return NULL;
      }

  guint n = tnet_network_n_nodes (net);
  double slon = 0, slat = 0;
  guint reached = 0;
  for (TnetId v = 0; v < n; v++)
    if (node_ms[v] != TNET_WEIGHT_INF)
      {
        const TnetNode *node = tnet_network_node (net, v);
        slon += node->lon, slat += node->lat, reached++;
      }

  g_autoptr (GString) msg = g_string_new ("");
  TnetIsochroneBands *b = g_new0 (TnetIsochroneBands, 1);
  b->ctx = GEOS_init_r ();
  GEOSContext_setErrorMessageHandler_r (b->ctx, geos_message, msg);
  b->lon0 = reached ? slon / reached : 0;
  b->lat0 = reached ? slat / reached : 0;
  b->ky = EARTH_RADIUS_M * DEG;
  b->kx = b->ky * MAX (cos (b->lat0 * DEG), 0.01);
  b->n_bands = n_bands;
  b->bands = g_new0 (Band, n_bands);

  Pieces p = { b->ctx, 4 * o.quadrant_segments, NULL, g_array_new (FALSE, FALSE,
                                                                       sizeof (double)) };
  const GEOSGeometry *previous = NULL;
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < n_bands; i++)
    {
      Band *band = &b->bands[i];
      band->budget_ms = budgets_ms[i];
      double budget_ms = budgets_ms[i];
      p.pieces = g_ptr_array_new ();
      double v = o.off_network_kmh / 3600.0;
      for (TnetId u = 0; ok && u < n; u++)
        if (node_ms[u] != TNET_WEIGHT_INF)
          {
            double r = radius (node_ms[u], budget_ms, v, o.max_radius_m);
            const TnetNode *node = tnet_network_node (net, u);
            if (r > 0)
              ok = add_shape (&p, (node->lon - b->lon0) * b->kx, (node->lat - b->lat0) * b->ky,
                              r, FALSE, 0, 0, 0);
          }
      for (TnetId li = 0; ok && li < tnet_network_n_links (net); li++)
        {
          const TnetLink *l = tnet_network_link (net, li);
          if ((o.interior_modes & TNET_MODE_BIT (l->mode))
              && tnet_scenario_link_active (scen, net, li))
            ok = link_pieces (&p, b, net, scen, li, node_ms, budget_ms, &o);
        }
      if (!ok)
        {
          for (guint k = 0; k < p.pieces->len; k++)
            GEOSGeom_destroy_r (b->ctx, p.pieces->pdata[k]);
          g_ptr_array_free (p.pieces, TRUE);
          set_geos_error (error, msg, "building a shape");
          break;
        }
      /* the collection takes the pieces */
      GEOSGeometry *coll = GEOSGeom_createCollection_r (b->ctx, GEOS_GEOMETRYCOLLECTION,
                                                        (GEOSGeometry **) p.pieces->pdata,
                                                        p.pieces->len);
      g_ptr_array_free (p.pieces, TRUE);
      GEOSGeometry *u = coll ? GEOSUnaryUnion_r (b->ctx, coll) : NULL;
      if (coll)
        GEOSGeom_destroy_r (b->ctx, coll);
      if (u && o.simplify_m > 0)
        {
          GEOSGeometry *s = GEOSTopologyPreserveSimplify_r (b->ctx, u, o.simplify_m);
          GEOSGeom_destroy_r (b->ctx, u);
          u = s;
        }
      if (u && previous)
        {
          /* nested by construction: this band also covers the one before */
          GEOSGeometry *w = GEOSUnion_r (b->ctx, u, previous);
          GEOSGeom_destroy_r (b->ctx, u);
          u = w;
        }
      if (u)
        u = valid_multipolygon (b->ctx, u);
      if (!u)
        {
          set_geos_error (error, msg, "the union of the shapes");
          ok = FALSE;
          break;
        }
      band->geom = u;
      band->prep = GEOSPrepare_r (b->ctx, u);
      band_output (b, band);
      previous = u;
    }
  g_array_unref (p.xy);
  if (!ok)
    {
      tnet_isochrone_bands_free (b);
      return NULL;
    }
  GEOSContext_setErrorMessageHandler_r (b->ctx, NULL, NULL);
  return b;
}

guint
tnet_isochrone_bands_n_bands (const TnetIsochroneBands *b)
{
  g_return_val_if_fail (b != NULL, 0);
  return b->n_bands;
}

TnetWeight
tnet_isochrone_bands_budget_ms (const TnetIsochroneBands *b, guint i)
{
  g_return_val_if_fail (b != NULL && i < b->n_bands, 0);
  return b->bands[i].budget_ms;
}

double
tnet_isochrone_bands_area_km2 (const TnetIsochroneBands *b, guint i)
{
  g_return_val_if_fail (b != NULL && i < b->n_bands, NAN);
  return b->bands[i].area_km2;
}

gboolean
tnet_isochrone_bands_covers (const TnetIsochroneBands *b, guint i, double lon, double lat)
{
  g_return_val_if_fail (b != NULL && i < b->n_bands, FALSE);
  if (!b->bands[i].prep)
    return FALSE;
  GEOSGeometry *pt = GEOSGeom_createPointFromXY_r (b->ctx, (lon - b->lon0) * b->kx,
                                                   (lat - b->lat0) * b->ky);
  if (!pt)
    return FALSE;
  gboolean in = GEOSPreparedCovers_r (b->ctx, b->bands[i].prep, pt) == 1;
  GEOSGeom_destroy_r (b->ctx, pt);
  return in;
}

guint
tnet_isochrone_bands_n_polygons (const TnetIsochroneBands *b, guint i)
{
  g_return_val_if_fail (b != NULL && i < b->n_bands, 0);
  return b->bands[i].polys->len;
}

guint
tnet_isochrone_bands_n_rings (const TnetIsochroneBands *b, guint i, guint polygon)
{
  g_return_val_if_fail (b != NULL && i < b->n_bands, 0);
  g_return_val_if_fail (polygon < b->bands[i].polys->len, 0);
  const Poly *poly = b->bands[i].polys->pdata[polygon];
  return poly->rings->len;
}

const double *
tnet_isochrone_bands_ring (const TnetIsochroneBands *b, guint i, guint polygon, guint ring,
                           guint *n_points)
{
  g_return_val_if_fail (b != NULL && i < b->n_bands && n_points != NULL, NULL);
  g_return_val_if_fail (polygon < b->bands[i].polys->len, NULL);
  const Poly *poly = b->bands[i].polys->pdata[polygon];
  g_return_val_if_fail (ring < poly->rings->len, NULL);
  GArray *a = g_array_index (poly->rings, GArray *, ring);
  *n_points = a->len / 2;
  return (const double *) (void *) a->data;
}

/* The summed columns: zone points and a value per column. */
typedef struct {
  guint n_points;
  double *lon, *lat;
  guint n_cols;
  char **names;     /* column names, "population" first when there is one */
  double **values;  /* [col][point], NAN counted as 0 */
} Opportunities;

static void
opportunities_clear (Opportunities *op)
{
  g_free (op->lon);
  g_free (op->lat);
  for (guint c = 0; c < op->n_cols; c++)
    g_free (op->values[c]);
  g_free (op->values);
  g_strfreev (op->names);
}

static void
opportunities_init (Opportunities *op, const TnetNetwork *net, const TnetZoneTable *zones)
{
  memset (op, 0, sizeof *op);
  if (!zones)
    {
      GArray *lon = g_array_new (FALSE, FALSE, sizeof (double));
      GArray *lat = g_array_new (FALSE, FALSE, sizeof (double));
      GArray *pop = g_array_new (FALSE, FALSE, sizeof (double));
      for (TnetId v = 0; v < tnet_network_n_nodes (net); v++)
        {
          const TnetNode *node = tnet_network_node (net, v);
          if (node->kind != TNET_NODE_ZONE)
            continue;
          g_array_append_val (lon, node->lon);
          g_array_append_val (lat, node->lat);
          g_array_append_val (pop, node->population);
        }
      op->n_points = lon->len;
      op->lon = (double *) (void *) g_array_free (lon, FALSE);
      op->lat = (double *) (void *) g_array_free (lat, FALSE);
      op->n_cols = 1;
      op->names = g_new0 (char *, 2);
      op->names[0] = g_strdup ("population");
      op->values = g_new (double *, 1);
      op->values[0] = (double *) (void *) g_array_free (pop, FALSE);
      return;
    }
  guint nz = tnet_zone_table_n_zones (zones);
  op->n_points = nz;
  op->lon = g_new (double, MAX (nz, 1));
  op->lat = g_new (double, MAX (nz, 1));
  for (guint z = 0; z < nz; z++)
    op->lon[z] = tnet_zone_table_lon (zones, z), op->lat[z] = tnet_zone_table_lat (zones, z);
  GPtrArray *names = g_ptr_array_new ();
  int popcol = tnet_zone_table_column (zones, "population");
  g_ptr_array_add (names, g_strdup ("population"));
  guint nc = tnet_zone_table_n_columns (zones);
  for (guint c = 0; c < nc; c++)
    if ((int) c != popcol && tnet_zone_table_column_is_numeric (zones, c)
        && strcmp (tnet_zone_table_column_name (zones, c), "zones") != 0
        && strcmp (tnet_zone_table_column_name (zones, c), "minutes") != 0
        && strcmp (tnet_zone_table_column_name (zones, c), "area_km2") != 0
        && strcmp (tnet_zone_table_column_name (zones, c), "band") != 0)
      g_ptr_array_add (names, g_strdup (tnet_zone_table_column_name (zones, c)));
  op->n_cols = names->len;
  g_ptr_array_add (names, NULL);
  op->names = (char **) g_ptr_array_free (names, FALSE);
  op->values = g_new (double *, op->n_cols);
  for (guint c = 0; c < op->n_cols; c++)
    {
      op->values[c] = g_new0 (double, MAX (nz, 1));
      int col = tnet_zone_table_column (zones, op->names[c]);
      if (col < 0)
        continue;  /* no population column: zeros */
      for (guint z = 0; z < nz; z++)
        {
          double x = tnet_zone_table_value (zones, z, (guint) col);
          op->values[c][z] = isfinite (x) ? x : 0;
        }
    }
}

char *
tnet_isochrone_bands_to_geojson (const TnetIsochroneBands *b, const TnetNetwork *net,
                                 const TnetZoneTable *zones)
{
  g_return_val_if_fail (b != NULL && net != NULL, NULL);
  Opportunities op;
  opportunities_init (&op, net, zones);
  g_autoptr (JsonBuilder) jb = tnet_i_geojson_collection_new ();
  json_builder_set_member_name (jb, "features");
  json_builder_begin_array (jb);
  g_autofree double *sums = g_new (double, MAX (op.n_cols, 1));
  for (guint i = 0; i < b->n_bands; i++)
    {
      const Band *band = &b->bands[i];
      guint covered = 0;
      memset (sums, 0, sizeof (double) * MAX (op.n_cols, 1));
      for (guint z = 0; z < op.n_points; z++)
        if (tnet_isochrone_bands_covers (b, i, op.lon[z], op.lat[z]))
          {
            covered++;
            for (guint c = 0; c < op.n_cols; c++)
              sums[c] += op.values[c][z];
          }
      json_builder_begin_object (jb);
      json_builder_set_member_name (jb, "type");
      json_builder_add_string_value (jb, "Feature");
      json_builder_set_member_name (jb, "id");
      char id[64];
      snprintf (id, sizeof id, "band-%g", tnet_weight_to_min (band->budget_ms));
      json_builder_add_string_value (jb, id);
      json_builder_set_member_name (jb, "geometry");
      json_builder_begin_object (jb);
      json_builder_set_member_name (jb, "type");
      json_builder_add_string_value (jb, "MultiPolygon");
      json_builder_set_member_name (jb, "coordinates");
      json_builder_begin_array (jb);
      for (guint k = 0; k < band->polys->len; k++)
        {
          const Poly *poly = band->polys->pdata[k];
          json_builder_begin_array (jb);
          for (guint r = 0; r < poly->rings->len; r++)
            {
              GArray *a = g_array_index (poly->rings, GArray *, r);
              tnet_i_geojson_positions (jb, (const double *) (void *) a->data, a->len / 2);
            }
          json_builder_end_array (jb);
        }
      json_builder_end_array (jb);
      json_builder_end_object (jb);
      json_builder_set_member_name (jb, "properties");
      json_builder_begin_object (jb);
      json_builder_set_member_name (jb, "band");
      json_builder_add_int_value (jb, i + 1);
      json_builder_set_member_name (jb, "minutes");
      json_builder_add_double_value (jb, tnet_weight_to_min (band->budget_ms));
      json_builder_set_member_name (jb, "area_km2");
      json_builder_add_double_value (jb, round (band->area_km2 * 1000) / 1000);
      json_builder_set_member_name (jb, "zones");
      json_builder_add_int_value (jb, covered);
      for (guint c = 0; c < op.n_cols; c++)
        {
          json_builder_set_member_name (jb, op.names[c]);
          json_builder_add_double_value (jb, sums[c]);
        }
      json_builder_end_object (jb);
      json_builder_end_object (jb);
    }
  json_builder_end_array (jb);
  json_builder_end_object (jb);
  opportunities_clear (&op);
  g_autoptr (JsonNode) root = json_builder_get_root (jb);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}
