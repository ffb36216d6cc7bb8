/* map.c: SVG and PNG maps with cairo.
 *
 * Implementation notes. The projection is equirectangular: x = lon·cos(φ0),
 * y = lat, with φ0 the latitude of the map's centre, then one uniform scale
 * so the drawn extent fits the frame; at a regional scale (a few hundred
 * km) distances on the map are then within a percent or so of the truth,
 * which is what the scale bar needs. Everything is drawn from the model's
 * records and the caller's results: the renderer computes no analysis.
 * Everything written on the map is placed greedily in one pass sharing
 * one list of occupied boxes (Ctx.boxes): corridor badges and names, the
 * node marks, zone labels (by population), route-number shields, then
 * main-station labels; a label tries eight positions around its node,
 * skipping any that overlaps a box already placed or leaves the frame.
 */
#include "tnet-internal.h"
#include <tnet/tnet-render.h>
#include <errno.h>
#include <glib/gstdio.h>

typedef struct {
  TnetId *links;
  guint n_links;
  char *label;
} MapPath;

typedef struct {
  TnetId link;
  char *label;
} MapCritical;

typedef struct {
  double *lonlat;   /* n_points pairs */
  guint n_points;
  char *region;
} MapOutline;

typedef struct {
  char *label;
  TnetId *built, *gaps, *breaks;  /* breaks: node pairs */
  guint n_built, n_gaps, n_breaks;
} MapStructure;

struct _TnetMap {
  const TnetNetwork *net;  /* borrowed, outlives the map */
  TnetScenario *scen;      /* copy, or NULL: every link drawn */
  char *title;
  char *subtitle;
  char *credit;            /* footer credit line, or NULL */
  char langs[2][3];        /* legend languages in order ("zh", "en"); "" unused */
  int width, height;
  int base_year;           /* links opened after it are additions; 0 none */
  double *iso_minutes;     /* n_nodes of the network, or NULL; NAN: not reached */
  double iso_budget;       /* minutes, > 0 */
  TnetId iso_origin;
  GPtrArray *iso_bands;    /* of GPtrArray of GArray (double lon/lat) rings, per band */
  double *iso_band_min;    /* per band: its budget in minutes (the legend's) */
  double *iso_band_pop;    /* per band: population covered, or NULL */
  GArray *paths;           /* of MapPath */
  GArray *critical;        /* of MapCritical */
  GArray *labels;          /* of TnetId, forced labels */
  GArray *structures;      /* of MapStructure */
  GArray *outlines;        /* of MapOutline: region boundaries */
};

TnetMap *
tnet_map_new (const TnetNetwork *net, const TnetScenario *scen)
{
  g_return_val_if_fail (net != NULL, NULL);
  TnetMap *map = g_new0 (TnetMap, 1);
  map->net = net;
  map->scen = scen ? tnet_scenario_copy (scen) : NULL;
  map->width = 1100;
  g_strlcpy (map->langs[0], "en", sizeof map->langs[0]);   /* English legends */
  map->height = 840;
  map->base_year = 0;
  map->iso_origin = TNET_ID_NONE;
  map->paths = g_array_new (FALSE, FALSE, sizeof (MapPath));
  map->critical = g_array_new (FALSE, FALSE, sizeof (MapCritical));
  map->labels = g_array_new (FALSE, FALSE, sizeof (TnetId));
  map->structures = g_array_new (FALSE, FALSE, sizeof (MapStructure));
  map->outlines = g_array_new (FALSE, FALSE, sizeof (MapOutline));
  return map;
}

void
tnet_map_free (TnetMap *map)
{
  if (map == NULL)
    return;
  tnet_scenario_free (map->scen);
  if (map->iso_bands)
    g_ptr_array_unref (map->iso_bands);
  g_free (map->iso_band_min);
  g_free (map->iso_band_pop);
  g_free (map->title);
  g_free (map->subtitle);
  g_free (map->credit);
  g_free (map->iso_minutes);
  for (guint i = 0; i < map->paths->len; i++)
    {
      MapPath *p = &g_array_index (map->paths, MapPath, i);
      g_free (p->links);
      g_free (p->label);
    }
  g_array_unref (map->paths);
  for (guint i = 0; i < map->critical->len; i++)
    g_free (g_array_index (map->critical, MapCritical, i).label);
  g_array_unref (map->critical);
  g_array_unref (map->labels);
  for (guint i = 0; i < map->structures->len; i++)
    {
      MapStructure *ms = &g_array_index (map->structures, MapStructure, i);
      g_free (ms->label);
      g_free (ms->built);
      g_free (ms->gaps);
      g_free (ms->breaks);
    }
  g_array_unref (map->structures);
  for (guint i = 0; i < map->outlines->len; i++)
    {
      MapOutline *mo = &g_array_index (map->outlines, MapOutline, i);
      g_free (mo->lonlat);
      g_free (mo->region);
    }
  g_array_unref (map->outlines);
  g_free (map);
}

void
tnet_map_set_title (TnetMap *map, const char *title, const char *subtitle)
{
  g_return_if_fail (map != NULL);
  g_free (map->title);
  g_free (map->subtitle);
  map->title = g_strdup (title);
  map->subtitle = g_strdup (subtitle);
}

void
tnet_map_set_credit (TnetMap *map, const char *credit)
{
  g_return_if_fail (map != NULL);
  g_free (map->credit);
  map->credit = g_strdup (credit);
}

gboolean
tnet_map_language_known (const char *code)
{
  return code && (strcmp (code, "zh") == 0 || strcmp (code, "en") == 0);
}

gboolean
tnet_map_set_languages (TnetMap *map, const char *const *languages, GError **error)
{
  g_return_val_if_fail (map != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  char langs[2][3] = { "en", "" };
  guint n = 0;
  for (guint i = 0; languages && languages[i]; i++)
    {
      if (!tnet_map_language_known (languages[i]))
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                       "unknown map language \"%s\" (known: zh, en)", languages[i]);
          return FALSE;
        }
      gboolean dup = FALSE;
      for (guint k = 0; k < n; k++)
        dup |= strcmp (langs[k], languages[i]) == 0;
      if (!dup && n < 2)
        g_strlcpy (langs[n++], languages[i], sizeof langs[0]);
    }
  if (n == 1)
    langs[1][0] = '\0';
  memcpy (map->langs, langs, sizeof langs);
  return TRUE;
}

char *
tnet_map_label (const TnetMap *map, const char *zh, const char *en)
{
  g_return_val_if_fail (map != NULL && zh != NULL && en != NULL, NULL);
  const char *first = strcmp (map->langs[0], "zh") == 0 ? zh : en;
  if (map->langs[1][0] == '\0')
    return g_strdup (first);
  return g_strconcat (first, " ", strcmp (map->langs[1], "zh") == 0 ? zh : en, NULL);
}

void
tnet_map_set_size (TnetMap *map, int width, int height)
{
  g_return_if_fail (map != NULL);
  g_return_if_fail (width >= 300 && height >= 200 && width <= 10000 && height <= 10000);
  map->width = width;
  map->height = height;
}

void
tnet_map_set_base_year (TnetMap *map, int year)
{
  g_return_if_fail (map != NULL);
  map->base_year = year;
}

void
tnet_map_set_isochrone (TnetMap *map, const TnetWeight *node_ms, guint n_nodes,
                        TnetWeight budget_ms, TnetId origin)
{
  g_return_if_fail (map != NULL);
  guint n = tnet_network_n_nodes (map->net);
  g_return_if_fail (node_ms != NULL && n_nodes >= n);
  g_return_if_fail (budget_ms > 0);
  /* drawn and labelled in minutes */
  g_free (map->iso_minutes);
  map->iso_minutes = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    map->iso_minutes[i] = node_ms[i] == TNET_WEIGHT_INF ? NAN : tnet_weight_to_min (node_ms[i]);
  map->iso_budget = tnet_weight_to_min (budget_ms);
  map->iso_origin = origin < n ? origin : TNET_ID_NONE;
}

void
tnet_map_set_isochrone_bands (TnetMap *map, const TnetIsochroneBands *bands,
                              const double *population)
{
  g_return_if_fail (map != NULL && bands != NULL);
  if (map->iso_bands)
    g_ptr_array_unref (map->iso_bands);
  g_free (map->iso_band_min);
  g_free (map->iso_band_pop);
  guint nb = tnet_isochrone_bands_n_bands (bands);
  map->iso_bands = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  map->iso_band_min = g_new (double, nb);
  map->iso_band_pop = population ? g_memdup2 (population, sizeof (double) * nb) : NULL;
  for (guint b = 0; b < nb; b++)
    {
      GPtrArray *rings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
      for (guint p = 0; p < tnet_isochrone_bands_n_polygons (bands, b); p++)
        for (guint r = 0; r < tnet_isochrone_bands_n_rings (bands, b, p); r++)
          {
            guint np = 0;
            const double *ll = tnet_isochrone_bands_ring (bands, b, p, r, &np);
            GArray *a = g_array_sized_new (FALSE, FALSE, sizeof (double), 2 * np);
            g_array_append_vals (a, ll, 2 * np);
            g_ptr_array_add (rings, a);
          }
      g_ptr_array_add (map->iso_bands, rings);
      map->iso_band_min[b] = tnet_weight_to_min (tnet_isochrone_bands_budget_ms (bands, b));
    }
}

void
tnet_map_add_path (TnetMap *map, const TnetId *links, guint n_links, const char *label)
{
  g_return_if_fail (map != NULL);
  g_return_if_fail (links != NULL || n_links == 0);
  guint m = tnet_network_n_links (map->net);
  for (guint i = 0; i < n_links; i++)
    g_return_if_fail (links[i] < m);
  MapPath p = { g_memdup2 (links, sizeof (TnetId) * n_links), n_links, g_strdup (label) };
  g_array_append_val (map->paths, p);
}

void
tnet_map_add_critical_link (TnetMap *map, TnetId link, const char *label)
{
  g_return_if_fail (map != NULL);
  g_return_if_fail (link < tnet_network_n_links (map->net));
  MapCritical c = { link, g_strdup (label) };
  g_array_append_val (map->critical, c);
}

void
tnet_map_add_structure (TnetMap *map, const char *label, const TnetId *built, guint n_built,
                        const TnetId *gaps, guint n_gaps, const TnetId *break_nodes,
                        guint n_breaks)
{
  g_return_if_fail (map != NULL);
  g_return_if_fail (built != NULL || n_built == 0);
  g_return_if_fail (gaps != NULL || n_gaps == 0);
  g_return_if_fail (break_nodes != NULL || n_breaks == 0);
  guint m = tnet_network_n_links (map->net), n = tnet_network_n_nodes (map->net);
  for (guint i = 0; i < n_built; i++)
    g_return_if_fail (built[i] < m);
  for (guint i = 0; i < n_gaps; i++)
    g_return_if_fail (gaps[i] < m);
  for (guint i = 0; i < 2 * n_breaks; i++)
    g_return_if_fail (break_nodes[i] < n);
  MapStructure ms = {
    g_strdup (label), g_memdup2 (built, sizeof (TnetId) * n_built),
    g_memdup2 (gaps, sizeof (TnetId) * n_gaps),
    g_memdup2 (break_nodes, sizeof (TnetId) * 2 * n_breaks), n_built, n_gaps, n_breaks,
  };
  g_array_append_val (map->structures, ms);
}

void
tnet_map_add_outline (TnetMap *map, const double *lonlat, guint n_points, const char *region)
{
  g_return_if_fail (map != NULL);
  g_return_if_fail (lonlat != NULL || n_points == 0);
  MapOutline mo = { g_memdup2 (lonlat, sizeof (double) * 2 * n_points), n_points,
                    g_strdup (region) };
  g_array_append_val (map->outlines, mo);
}

void
tnet_map_add_label (TnetMap *map, TnetId node)
{
  g_return_if_fail (map != NULL);
  g_return_if_fail (node < tnet_network_n_nodes (map->net));
  g_array_append_val (map->labels, node);
}

#ifndef TNET_HAVE_CAIRO

gboolean
tnet_map_supported (void)
{
  return FALSE;
}

gboolean
tnet_map_save (TnetMap *map, const char *path, GError **error)
{
  g_return_val_if_fail (map != NULL && path != NULL, FALSE);
  g_set_error (error, TNET_ERROR, TNET_ERROR_UNSUPPORTED,
               "%s: this tnet was built without maps (configure with -Dmaps=enabled "
               "and cairo installed)", path);
  return FALSE;
}

#else /* TNET_HAVE_CAIRO */

#include <cairo.h>
#include <cairo-svg.h>
#include "render-private.h"

#define LEGEND_W 270.0
#define TITLE_H 64.0
#define MARGIN 16.0

gboolean
tnet_map_supported (void)
{
  return TRUE;
}

typedef struct {
  double r, g, b;
} Rgb;

static Rgb
hex (guint32 c)
{
  return (Rgb) { ((c >> 16) & 0xff) / 255.0, ((c >> 8) & 0xff) / 255.0, (c & 0xff) / 255.0 };
}

static void
set_rgb (cairo_t *cr, Rgb c, double alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, alpha);
}

typedef struct {
  guint32 color;
  double width;
  const char *label;
  const char *label_zh;
  int order;     /* drawing order: low first */
} ModeStyle;

static const ModeStyle mode_styles[TNET_N_MODES] = {
  [TNET_MODE_EXPRESSWAY] = { 0xe8590c, 3.2, "expressway", "高速公路", 4 },
  [TNET_MODE_TRUNK] = { 0xf2a541, 2.0, "trunk road", "国省干线", 3 },
  [TNET_MODE_ROAD] = { 0xb0a89a, 1.2, "road", "道路", 2 },
  [TNET_MODE_HSR] = { 0x7b2cbf, 3.4, "high-speed rail", "高速铁路", 7 },
  [TNET_MODE_RAIL] = { 0x2b2d42, 2.6, "rail", "普速铁路", 6 },
  [TNET_MODE_SUBURBAN] = { 0x0077b6, 3.0, "suburban rail", "市域铁路", 8 },
  [TNET_MODE_METRO] = { 0x2a9d8f, 2.4, "metro", "地铁", 5 },
  [TNET_MODE_BUS] = { 0x8d6e63, 1.4, "bus", "公交", 1 },
  [TNET_MODE_WALK] = { 0xb8b8b8, 0.8, "walk", "步行", 0 },
  [TNET_MODE_ACCESS] = { 0xc8c8c8, 0.8, "access", "接驳", 0 },
};

typedef struct {
  TnetMap *map;
  cairo_t *cr;
  double w, h;
  /* projection: px = ox + (lon - lon0) * kx * s; py = oy - (lat - lat0) * s */
  double lon0, lat0, kx, s, ox, oy;
  double fx0, fy0, fx1, fy1;  /* the map frame */
  gboolean *drawn;            /* per link: active in the scenario */
  gboolean *closed;           /* per link: closed by the scenario (drawn dashed red) */
  gboolean any_closed;        /* some link is closed */
  GArray *boxes;              /* of double[4]: occupied label rectangles */
  guint n_shields;            /* route-number shields drawn (legend entry when > 0) */
  char *shield_sample;        /* the first shield's number (the legend's sample), or NULL */
  TnetMode shield_sample_mode;
  GStringChunk *texts;        /* legend texts in the map's languages (tr()) */
  gboolean any_zone;          /* zones drawn as circles (legend row) */
  gboolean any_station;       /* main stations drawn as squares (legend row) */
} Ctx;

/* @zh and @en in the map's languages, owned by the render (tnet_map_label()). */
static const char *
tr (Ctx *c, const char *zh, const char *en)
{
  g_autofree char *s = tnet_map_label (c->map, zh, en);
  return g_string_chunk_insert_const (c->texts, s);
}

static void
project (const Ctx *c, double lon, double lat, double *x, double *y)
{
  *x = c->ox + (lon - c->lon0) * c->kx * c->s;
  *y = c->oy - (lat - c->lat0) * c->s;
}

/* Text with a white halo so it reads over lines. */
static void
halo_text (cairo_t *cr, double x, double y, const char *s, Rgb color)
{
  set_rgb (cr, color, 1);
  cairo_move_to (cr, x, y);
  tnet_i_render_text (cr, s, TRUE);
}

static gboolean
link_drawn (const Ctx *c, TnetId i)
{
  return c->drawn[i];
}

static void
grow (double box[4], double lon, double lat)
{
  box[0] = MIN (box[0], lon);
  box[1] = MAX (box[1], lon);
  box[2] = MIN (box[2], lat);
  box[3] = MAX (box[3], lat);
}

/* The extent: the nodes of drawn links in a named region (not "other"),
 * so that a far neighbouring city at the end of one link does not shrink
 * the study area; failing that every node of a drawn link, then every
 * node. Links leaving the extent are clipped at the frame. */
static void
setup_projection (Ctx *c)
{
  const TnetNetwork *net = c->map->net;
  guint n = tnet_network_n_nodes (net), m = tnet_network_n_links (net);
  double core[4] = { G_MAXDOUBLE, -G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE };
  double all[4] = { G_MAXDOUBLE, -G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE };
  for (guint i = 0; i < m; i++)
    {
      if (!link_drawn (c, i))
        continue;
      const TnetLink *l = tnet_network_link (net, i);
      TnetId ends[2] = { l->from, l->to };
      for (guint k = 0; k < 2; k++)
        {
          const TnetNode *nd = tnet_network_node (net, ends[k]);
          grow (all, nd->lon, nd->lat);
          if (nd->region != NULL && strcmp (nd->region, "other") != 0)
            grow (core, nd->lon, nd->lat);
        }
    }
  if (c->map->iso_minutes != NULL)
    for (guint i = 0; i < n; i++)
      if (c->map->iso_minutes[i] >= 0 && c->map->iso_minutes[i] <= c->map->iso_budget)
        {
          const TnetNode *nd = tnet_network_node (net, i);
          grow (core, nd->lon, nd->lat);
        }
  double *box = core[0] <= core[1] ? core : all;
  if (box[0] > box[1])
    for (guint i = 0; i < n; i++)
      {
        const TnetNode *nd = tnet_network_node (net, i);
        grow (box, nd->lon, nd->lat);
      }
  if (box[0] > box[1])
    box[0] = box[1] = box[2] = box[3] = 0;
  double dlon = MAX (box[1] - box[0], 1e-3), dlat = MAX (box[3] - box[2], 1e-3);
  c->lon0 = (box[0] + box[1]) / 2;
  c->lat0 = (box[2] + box[3]) / 2;
  c->kx = cos (c->lat0 * G_PI / 180.0);
  c->fx0 = MARGIN;
  c->fy0 = TITLE_H;
  c->fx1 = c->w - LEGEND_W - 2 * MARGIN;
  c->fy1 = c->h - MARGIN;
  double fw = c->fx1 - c->fx0, fh = c->fy1 - c->fy0;
  c->s = MIN (fw * 0.86 / (dlon * c->kx), fh * 0.86 / dlat);
  c->ox = (c->fx0 + c->fx1) / 2;
  c->oy = (c->fy0 + c->fy1) / 2;
}

/* Link @i's points as lon/lat pairs, *@np of them: its polyline
 * (link_geometry.csv) when it has one, else its two nodes, written into
 * @ends. A view of the network or of @ends. */
static const double *
link_lonlat (const Ctx *c, TnetId i, double ends[4], guint *np)
{
  const double *g = tnet_network_link_geometry (c->map->net, i, np);
  if (g)
    return g;
  const TnetLink *l = tnet_network_link (c->map->net, i);
  const TnetNode *a = tnet_network_node (c->map->net, l->from);
  const TnetNode *b = tnet_network_node (c->map->net, l->to);
  ends[0] = a->lon, ends[1] = a->lat, ends[2] = b->lon, ends[3] = b->lat;
  *np = 2;
  return ends;
}

/* The projected middle of the straight line between link @l's nodes. */
static void
link_chord_middle (const Ctx *c, const TnetLink *l, double *x, double *y)
{
  const TnetNode *a = tnet_network_node (c->map->net, l->from);
  const TnetNode *b = tnet_network_node (c->map->net, l->to);
  double x0, y0, x1, y1;
  project (c, a->lon, a->lat, &x0, &y0);
  project (c, b->lon, b->lat, &x1, &y1);
  *x = (x0 + x1) / 2, *y = (y0 + y1) / 2;
}

static void
stroke_link (Ctx *c, const TnetLink *l)
{
  guint np = 0;
  double ends[4];
  const double *g = link_lonlat (c, tnet_network_find_link (c->map->net, l->id), ends, &np);
  for (guint k = 0; k < np; k++)
    {
      double x, y;
      project (c, g[2 * k], g[2 * k + 1], &x, &y);
      if (k == 0)
        cairo_move_to (c->cr, x, y);
      else
        cairo_line_to (c->cr, x, y);
    }
  cairo_stroke (c->cr);
}

static void
status_dash (cairo_t *cr, TnetStatus st, double width)
{
  double d[2];
  switch (st)
    {
    case TNET_STATUS_CONSTRUCTION:
      d[0] = 4 * width + 4;
      d[1] = 2 * width + 2;
      cairo_set_dash (cr, d, 2, 0);
      break;
    case TNET_STATUS_PLANNED:
      d[0] = 2 * width + 2;
      d[1] = 2 * width + 2;
      cairo_set_dash (cr, d, 2, 0);
      break;
    case TNET_STATUS_STUDY:
      d[0] = 0.1;
      d[1] = 2 * width + 1;
      cairo_set_dash (cr, d, 2, 0);
      break;
    default:
      cairo_set_dash (cr, NULL, 0, 0);
    }
}

/* Links ordered by their mode's drawing order. */
static GArray *
link_order (Ctx *c)
{
  const TnetNetwork *net = c->map->net;
  guint m = tnet_network_n_links (net);
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (TnetId), m);
  /* access and walk links are connectors, not infrastructure: left out */
  for (int pass = 1; pass <= 8; pass++)
    for (guint i = 0; i < m; i++)
      if (link_drawn (c, i) && mode_styles[tnet_network_link (net, i)->mode].order == pass)
        g_array_append_val (order, i);
  return order;
}

static gboolean
is_addition (const Ctx *c, const TnetLink *l)
{
  return c->map->base_year > 0 && l->open_year > c->map->base_year;
}

static void
draw_network (Ctx *c, gboolean grey)
{
  cairo_t *cr = c->cr;
  const TnetNetwork *net = c->map->net;
  g_autoptr (GArray) order = link_order (c);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (!grey)
    {
      /* additions: a yellow band under the line */
      for (guint k = 0; k < order->len; k++)
        {
          const TnetLink *l = tnet_network_link (net, g_array_index (order, TnetId, k));
          if (!is_addition (c, l) || l->mode == TNET_MODE_ACCESS || l->mode == TNET_MODE_WALK)
            continue;
          cairo_set_dash (cr, NULL, 0, 0);
          set_rgb (cr, hex (0xffe066), 1);
          cairo_set_line_width (cr, mode_styles[l->mode].width + 7);
          stroke_link (c, l);
        }
    }
  for (guint k = 0; k < order->len; k++)
    {
      const TnetLink *l = tnet_network_link (net, g_array_index (order, TnetId, k));
      const ModeStyle *ms = &mode_styles[l->mode];
      double w = ms->width;
      if (grey)
        {
          cairo_set_dash (cr, NULL, 0, 0);
          set_rgb (cr, hex (0xb9b9b9), 1);
          cairo_set_line_width (cr, MAX (0.8, w * 0.6));
          stroke_link (c, l);
          continue;
        }
      status_dash (cr, l->status, w);
      set_rgb (cr, hex (ms->color), 1);
      cairo_set_line_width (cr, w);
      stroke_link (c, l);
      if (l->mode == TNET_MODE_RAIL && l->status == TNET_STATUS_EXISTING)
        {
          /* the railway "ladder": white dashes inside the dark line */
          double d[2] = { 6, 6 };
          cairo_set_dash (cr, d, 2, 0);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_set_line_width (cr, w * 0.45);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
          stroke_link (c, l);
          cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
        }
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

/* Links the scenario closes: not gone from the map but drawn dashed in red
 * over everything else, with a "closed" legend entry. */
#define CLOSED_COLOR 0xd62828
static void
draw_closed (Ctx *c)
{
  if (!c->any_closed)
    return;
  cairo_t *cr = c->cr;
  double d[2] = { 7, 5 };
  cairo_set_dash (cr, d, 2, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  set_rgb (cr, hex (CLOSED_COLOR), 1);
  cairo_set_line_width (cr, 3);
  for (guint i = 0; i < tnet_network_n_links (c->map->net); i++)
    if (c->closed[i])
      stroke_link (c, tnet_network_link (c->map->net, i));
  cairo_set_dash (cr, NULL, 0, 0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
}

/* Isochrone colour bands: 4 equal bands up to the budget. */
static const guint32 iso_colors[4] = { 0x1a9850, 0x91cf60, 0xfee08b, 0xfc8d59 };

static int
iso_band (const Ctx *c, double minutes)
{
  if (!(minutes >= 0) || minutes > c->map->iso_budget)
    return -1;
  int b = (int) floor (minutes / (c->map->iso_budget / 4.0));
  return CLAMP (b, 0, 3);
}

static guint32
band_color (guint b)
{
  return iso_colors[MIN (b, 3u)];
}

/* The band polygons, largest first so the smaller ones lie on top. */
static void
fill_bands (Ctx *c)
{
  cairo_t *cr = c->cr;
  GPtrArray *bands = c->map->iso_bands;
  if (!bands)
    return;
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  for (guint b = bands->len; b-- > 0;)
    {
      GPtrArray *rings = bands->pdata[b];
      cairo_new_path (cr);
      for (guint r = 0; r < rings->len; r++)
        {
          GArray *ring = rings->pdata[r];
          for (guint k = 0; k < ring->len / 2; k++)
            {
              double x, y;
              project (c, g_array_index (ring, double, 2 * k),
                       g_array_index (ring, double, 2 * k + 1), &x, &y);
              if (k == 0)
                cairo_move_to (cr, x, y);
              else
                cairo_line_to (cr, x, y);
            }
          cairo_close_path (cr);
        }
      set_rgb (cr, hex (band_color (b)), 0.35);
      cairo_fill_preserve (cr);
      set_rgb (cr, hex (band_color (b)), 0.9);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
}

static void
draw_isochrone (Ctx *c)
{
  cairo_t *cr = c->cr;
  const TnetNetwork *net = c->map->net;
  const double *t = c->map->iso_minutes;
  g_autoptr (GArray) order = link_order (c);
  fill_bands (c);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (int pass = 0; pass < 2; pass++)
    for (guint k = 0; k < order->len; k++)
      {
        const TnetLink *l = tnet_network_link (net, g_array_index (order, TnetId, k));
        double tm = MAX (t[l->from], t[l->to]);
        int band = (t[l->from] >= 0 && t[l->to] >= 0) ? iso_band (c, tm) : -1;
        if ((band >= 0) != (pass == 1))
          continue;
        double w = mode_styles[l->mode].width;
        if (band < 0)
          {
            set_rgb (cr, hex (0xcfcfcf), 1);
            cairo_set_line_width (cr, MAX (0.8, w * 0.6));
          }
        else
          {
            set_rgb (cr, hex (iso_colors[band]), 1);
            cairo_set_line_width (cr, w + 1.2);
          }
        stroke_link (c, l);
      }
  guint n = tnet_network_n_nodes (net);
  for (guint i = 0; i < n; i++)
    {
      int band = iso_band (c, t[i]);
      if (band < 0)
        continue;
      const TnetNode *nd = tnet_network_node (net, i);
      double x, y;
      project (c, nd->lon, nd->lat, &x, &y);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, nd->kind == TNET_NODE_ZONE ? 5.0 : 2.6, 0, 2 * G_PI);
      set_rgb (cr, hex (iso_colors[band]), 1);
      cairo_fill_preserve (cr);
      set_rgb (cr, hex (0x333333), 0.8);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
    }
  if (c->map->iso_origin != TNET_ID_NONE)
    {
      const TnetNode *nd = tnet_network_node (net, c->map->iso_origin);
      double x, y;
      project (c, nd->lon, nd->lat, &x, &y);
      /* a five-pointed star */
      cairo_new_path (cr);
      for (int k = 0; k < 10; k++)
        {
          double r = (k % 2) ? 5.0 : 12.0, a = -G_PI / 2 + k * G_PI / 5;
          cairo_line_to (cr, x + r * cos (a), y + r * sin (a));
        }
      cairo_close_path (cr);
      set_rgb (cr, hex (0xd62828), 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

/* TRUE when rectangle @b (x0, y0, x1, y1) is inside the frame and overlaps
 * no label, badge or shield placed so far. */
static gboolean
box_free (const Ctx *c, const double b[4])
{
  if (b[0] < c->fx0 + 2 || b[1] < c->fy0 + 2 || b[2] > c->fx1 - 2 || b[3] > c->fy1 - 2)
    return FALSE;
  for (guint k = 0; k < c->boxes->len; k++)
    {
      const double *o = &g_array_index (c->boxes, double, 4 * k);
      if (b[0] < o[2] && b[2] > o[0] && b[1] < o[3] && b[3] > o[1])
        return FALSE;
    }
  return TRUE;
}

static const guint32 path_colors[] = { 0x1f78b4, 0x33a02c, 0xff7f00, 0x6a3d9a, 0xb15928,
                                       0x17becf, 0xe7298a, 0x666666 };
#define CRIT_COLOR 0xd7191c

static void
draw_corridors (Ctx *c)
{
  cairo_t *cr = c->cr;
  const TnetNetwork *net = c->map->net;
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* critical links under the paths: their red halo shows around a path
   * that runs over them */
  for (guint k = 0; k < c->map->critical->len; k++)
    {
      const MapCritical *mc = &g_array_index (c->map->critical, MapCritical, k);
      const TnetLink *l = tnet_network_link (net, mc->link);
      set_rgb (cr, hex (CRIT_COLOR), 0.35);
      cairo_set_line_width (cr, 14);
      stroke_link (c, l);
      set_rgb (cr, hex (CRIT_COLOR), 1);
      cairo_set_line_width (cr, 5);
      stroke_link (c, l);
    }
  for (guint p = 0; p < c->map->paths->len; p++)
    {
      const MapPath *mp = &g_array_index (c->map->paths, MapPath, p);
      Rgb col = hex (path_colors[p % G_N_ELEMENTS (path_colors)]);
      for (int pass = 0; pass < 2; pass++)
        for (guint k = 0; k < mp->n_links; k++)
          {
            const TnetLink *l = tnet_network_link (net, mp->links[k]);
            if (pass == 0)
              cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
            else
              set_rgb (cr, col, 1);
            cairo_set_line_width (cr, pass == 0 ? 8.5 : 5.0);
            stroke_link (c, l);
          }
    }
  /* rank badges after the lines so none hides them */
  for (guint k = 0; k < c->map->critical->len; k++)
    {
      const MapCritical *mc = &g_array_index (c->map->critical, MapCritical, k);
      double x, y;
      link_chord_middle (c, tnet_network_link (net, mc->link), &x, &y);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, 9, 0, 2 * G_PI);
      set_rgb (cr, hex (CRIT_COLOR), 1);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
      char num[16];
      g_snprintf (num, sizeof num, "%u", k + 1);
      tnet_i_render_font (cr, 11, TRUE);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_move_to (cr, x - tnet_i_render_text_width (cr, num) / 2, y + 4);
      tnet_i_render_text (cr, num, FALSE);
      double box[4] = { x - 10, y - 10, x + 10, y + 10 };
      g_array_append_val (c->boxes, box);
    }
  /* each critical line named once, beside its best-ranked badge: "G4 1, 3"
   * (the line, then the ranks of its links), where it collides with no
   * badge or label; a link without a line by its id */
  g_autoptr (GHashTable) named = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < c->map->critical->len; k++)
    {
      const MapCritical *mc = &g_array_index (c->map->critical, MapCritical, k);
      const TnetLink *l = tnet_network_link (net, mc->link);
      const char *name = l->line && *l->line ? l->line : l->id;
      if (g_hash_table_contains (named, name))
        continue;
      g_hash_table_add (named, (gpointer) name);
      g_autoptr (GString) label = g_string_new (name);
      for (guint j = k; j < c->map->critical->len; j++)
        {
          const TnetLink *lj
            = tnet_network_link (net, g_array_index (c->map->critical, MapCritical, j).link);
          const char *nj = lj->line && *lj->line ? lj->line : lj->id;
          if (strcmp (nj, name) == 0)
            g_string_append_printf (label, j == k ? " #%u" : ", %u", j + 1);
        }
      double x, y;
      link_chord_middle (c, l, &x, &y);
      tnet_i_render_font (cr, 11, TRUE);
      double w = tnet_i_render_text_width (cr, label->str), h = 13;
      const double pos[4][2] = { { x + 13, y - h / 2 }, { x - 13 - w, y - h / 2 },
                                 { x - w / 2, y - 12 - h }, { x - w / 2, y + 12 } };
      for (guint p = 0; p < 4; p++)
        {
          double box[4] = { pos[p][0] - 1, pos[p][1] - 1, pos[p][0] + w + 1, pos[p][1] + h + 1 };
          if (!box_free (c, box))
            continue;
          g_array_append_val (c->boxes, box);
          halo_text (cr, pos[p][0], pos[p][1] + h * 0.8, label->str, hex (CRIT_COLOR));
          break;
        }
    }
}

static const guint32 structure_colors[] = { 0xd7191c, 0x2c7bb6, 0x1a9641, 0xfdae61, 0x7b3294,
                                            0x00a6a6, 0xe7298a, 0x8c510a, 0x4d4d4d, 0x66a61e,
                                            0xe6ab02, 0x1f78b4 };

static Rgb
structure_color (guint k)
{
  return hex (structure_colors[k % G_N_ELEMENTS (structure_colors)]);
}

static void
stroke_nodes (Ctx *c, TnetId a, TnetId b)
{
  const TnetNode *p = tnet_network_node (c->map->net, a);
  const TnetNode *q = tnet_network_node (c->map->net, b);
  double x0, y0, x1, y1;
  project (c, p->lon, p->lat, &x0, &y0);
  project (c, q->lon, q->lat, &x1, &y1);
  cairo_move_to (c->cr, x0, y0);
  cairo_line_to (c->cr, x1, y1);
  cairo_stroke (c->cr);
}

/* Each structure in its colour: built links solid, gaps dashed. Links a
 * structure shares with an earlier one are drawn narrower, so both show. */
static void
draw_structures (Ctx *c)
{
  cairo_t *cr = c->cr;
  const TnetNetwork *net = c->map->net;
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint k = 0; k < c->map->structures->len; k++)
    {
      const MapStructure *ms = &g_array_index (c->map->structures, MapStructure, k);
      double w = MAX (2.0, 6.0 - 0.35 * k);
      for (guint i = 0; i < ms->n_built; i++)
        {
          cairo_set_dash (cr, NULL, 0, 0);
          set_rgb (cr, structure_color (k), 0.9);
          cairo_set_line_width (cr, w);
          stroke_link (c, tnet_network_link (net, ms->built[i]));
        }
      double d[2] = { 7, 5 };
      for (guint i = 0; i < ms->n_gaps + ms->n_breaks; i++)
        {
          cairo_set_dash (cr, NULL, 0, 0);
          cairo_set_source_rgba (cr, 1, 1, 1, 0.9);
          cairo_set_line_width (cr, w + 2);
          if (i < ms->n_gaps)
            stroke_link (c, tnet_network_link (net, ms->gaps[i]));
          else
            stroke_nodes (c, ms->breaks[2 * (i - ms->n_gaps)],
                          ms->breaks[2 * (i - ms->n_gaps) + 1]);
          cairo_set_dash (cr, d, 2, 0);
          set_rgb (cr, structure_color (k), 1);
          cairo_set_line_width (cr, w);
          if (i < ms->n_gaps)
            stroke_link (c, tnet_network_link (net, ms->gaps[i]));
          else
            stroke_nodes (c, ms->breaks[2 * (i - ms->n_gaps)],
                          ms->breaks[2 * (i - ms->n_gaps) + 1]);
        }
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

static gboolean
node_is_main_station (const Ctx *c, TnetId node)
{
  const TnetNetwork *net = c->map->net;
  guint m = tnet_network_n_links (net);
  for (guint i = 0; i < m; i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      if ((l->from == node || l->to == node) && link_drawn (c, i)
          && (l->mode == TNET_MODE_HSR))
        return TRUE;
    }
  return FALSE;
}

static void
draw_nodes (Ctx *c, gboolean *is_main)
{
  cairo_t *cr = c->cr;
  const TnetNetwork *net = c->map->net;
  guint n = tnet_network_n_nodes (net);
  for (guint i = 0; i < n; i++)
    {
      const TnetNode *nd = tnet_network_node (net, i);
      double x, y;
      project (c, nd->lon, nd->lat, &x, &y);
      if (nd->kind == TNET_NODE_ZONE && c->map->iso_minutes == NULL)
        {
          double r = nd->population > 0 ? CLAMP (2.5 + sqrt (nd->population) / 220.0, 3.5, 8.0)
                                        : 3.5;
          cairo_new_path (cr);
          cairo_arc (cr, x, y, r, 0, 2 * G_PI);
          set_rgb (cr, hex (0xfff3e0), 1);
          cairo_fill_preserve (cr);
          set_rgb (cr, hex (0x5d4037), 1);
          cairo_set_line_width (cr, 1.6);
          cairo_stroke (cr);
          c->any_zone = TRUE;
        }
      else if (is_main[i])
        {
          c->any_station = TRUE;
          cairo_rectangle (cr, x - 4, y - 4, 8, 8);
          cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_fill_preserve (cr);
          set_rgb (cr, hex (0x3c096c), 1);
          cairo_set_line_width (cr, 1.8);
          cairo_stroke (cr);
        }
    }
}


/* Short English name: "Port City" stays, but a trailing qualifier in
 * parentheses is dropped to keep labels small. */
static char *
short_en (const char *en)
{
  if (en == NULL)
    return NULL;
  const char *paren = strstr (en, " (");
  return paren ? g_strndup (en, paren - en) : g_strdup (en);
}

typedef struct {
  TnetId node;
  double priority;
} LabelCand;

static int
cmp_label (gconstpointer a, gconstpointer b)
{
  const LabelCand *x = a, *y = b;
  return (x->priority < y->priority) - (x->priority > y->priority);
}

/* ------------------------------------------------------- region boundaries */

#define OUTLINE_COLOR 0x8e6bb8
static const double outline_dash[4] = { 7, 3, 1.5, 3 };

/* The regions' outlines under everything else: a pale band with a dashed
 * line on it, as boundaries are drawn on topographic maps. */
static void
draw_outlines (Ctx *c)
{
  cairo_t *cr = c->cr;
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < c->map->outlines->len; i++)
      {
        const MapOutline *mo = &g_array_index (c->map->outlines, MapOutline, i);
        if (mo->n_points < 2)
          continue;
        cairo_new_path (cr);
        for (guint k = 0; k < mo->n_points; k++)
          {
            double x, y;
            project (c, mo->lonlat[2 * k], mo->lonlat[2 * k + 1], &x, &y);
            if (k == 0)
              cairo_move_to (cr, x, y);
            else
              cairo_line_to (cr, x, y);
          }
        cairo_close_path (cr);
        if (pass == 0)
          {
            cairo_set_dash (cr, NULL, 0, 0);
            set_rgb (cr, hex (OUTLINE_COLOR), 0.18);
            cairo_set_line_width (cr, 6);
          }
        else
          {
            cairo_set_dash (cr, outline_dash, 4, 0);
            set_rgb (cr, hex (OUTLINE_COLOR), 0.9);
            cairo_set_line_width (cr, 1.4);
          }
        cairo_stroke (cr);
      }
  cairo_set_dash (cr, NULL, 0, 0);
}

/* ------------------------------------------------------ route-number shields */

/* The route number at the head of a line name ("G4 京港澳高速" → "G4",
 * "S225" → "S225", "A8 Autobahn" → "A8"): the first word, when it is one to
 * three capital letters, an optional hyphen, and one to four digits with an
 * optional capital after them; NULL for any other name. */
static char *
route_number (const char *line)
{
  if (line == NULL)
    return NULL;
  gsize n = strcspn (line, " \t");
  const char *p = line, *end = line + n;
  guint letters = 0, digits = 0;
  while (p < end && g_ascii_isupper (*p))
    p++, letters++;
  if (p < end && *p == '-')
    p++;
  while (p < end && g_ascii_isdigit (*p))
    p++, digits++;
  if (p < end && g_ascii_isupper (*p))
    p++;
  if (letters < 1 || letters > 3 || digits < 1 || digits > 4 || p != end)
    return NULL;
  return g_strndup (line, n);
}

typedef struct {
  guint32 fill, text, border;
} ShieldStyle;

/* Expressways: white on green; other roads by the number's letter as the
 * Chinese signs have it (G national: white on red, S provincial: black on
 * yellow), else black on white. */
static ShieldStyle
shield_style (TnetMode mode, const char *ref)
{
  if (mode == TNET_MODE_EXPRESSWAY)
    return (ShieldStyle) { 0x1b7f3b, 0xffffff, 0xffffff };
  if (ref[0] == 'G')
    return (ShieldStyle) { 0xc62828, 0xffffff, 0xffffff };
  if (ref[0] == 'S')
    return (ShieldStyle) { 0xf9d71c, 0x111111, 0x444444 };
  return (ShieldStyle) { 0xffffff, 0x111111, 0x444444 };
}

/* A shield of @ref centred on (@x, @y); its rectangle in @box. */
static void
shield_box (cairo_t *cr, double x, double y, const char *ref, double box[4])
{
  tnet_i_render_font (cr, 9.5, TRUE);
  double w = tnet_i_render_text_width (cr, ref) + 8, h = 14;
  box[0] = x - w / 2;
  box[1] = y - h / 2;
  box[2] = x + w / 2;
  box[3] = y + h / 2;
}

static void
draw_shield (cairo_t *cr, const double box[4], const char *ref, ShieldStyle st)
{
  double r = 3, x0 = box[0], y0 = box[1], x1 = box[2], y1 = box[3];
  cairo_new_path (cr);
  cairo_arc (cr, x1 - r, y0 + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x1 - r, y1 - r, r, 0, G_PI / 2);
  cairo_arc (cr, x0 + r, y1 - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x0 + r, y0 + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  set_rgb (cr, hex (st.fill), 1);
  cairo_fill_preserve (cr);
  set_rgb (cr, hex (st.border), 1);
  cairo_set_line_width (cr, 1.2);
  cairo_stroke (cr);
  tnet_i_render_font (cr, 9.5, TRUE);
  set_rgb (cr, hex (st.text), 1);
  cairo_move_to (cr, (x0 + x1) / 2 - tnet_i_render_text_width (cr, ref) / 2, y1 - 3.6);
  tnet_i_render_text (cr, ref, FALSE);
}

typedef struct {
  char *ref;
  TnetMode mode;
  double length_px;   /* drawn length of its links */
  GArray *mids;       /* of double[2]: the projected middles of its links */
  GArray *links;      /* of TnetId: its drawn links, in the order of @mids */
} ShieldRoute;

static void
shield_route_free (gpointer p)
{
  ShieldRoute *r = p;
  g_free (r->ref);
  g_array_unref (r->mids);
  g_array_unref (r->links);
  g_free (r);
}

static int
cmp_route_length (gconstpointer a, gconstpointer b)
{
  const ShieldRoute *x = *(ShieldRoute *const *) a, *y = *(ShieldRoute *const *) b;
  return (x->length_px < y->length_px) - (x->length_px > y->length_px);
}

/* The projected middle of link @i along its polyline (or chord), and its
 * projected length. */
static double
link_middle (const Ctx *c, TnetId i, double mid[2])
{
  guint np = 0;
  double ends[4];
  const double *g = link_lonlat (c, i, ends, &np);
  double total = 0, px = 0, py = 0;
  g_autofree double *xy = g_new (double, 2 * np);
  for (guint k = 0; k < np; k++)
    {
      project (c, g[2 * k], g[2 * k + 1], &xy[2 * k], &xy[2 * k + 1]);
      if (k > 0)
        total += hypot (xy[2 * k] - px, xy[2 * k + 1] - py);
      px = xy[2 * k], py = xy[2 * k + 1];
    }
  double run = 0;
  mid[0] = xy[0], mid[1] = xy[1];
  for (guint k = 1; k < np; k++)
    {
      double seg = hypot (xy[2 * k] - xy[2 * k - 2], xy[2 * k + 1] - xy[2 * k - 1]);
      if (run + seg >= total / 2 && seg > 0)
        {
          double t = (total / 2 - run) / seg;
          mid[0] = xy[2 * k - 2] + t * (xy[2 * k] - xy[2 * k - 2]);
          mid[1] = xy[2 * k - 1] + t * (xy[2 * k + 1] - xy[2 * k - 1]);
          break;
        }
      run += seg;
    }
  return total;
}

/* Appends to @pts the points every @step px along link @i's projected
 * polyline (or chord), its ends excluded. */
static void
link_points (const Ctx *c, TnetId i, double step, GArray *pts)
{
  guint np = 0;
  double ends[4];
  const double *g = link_lonlat (c, i, ends, &np);
  double px = 0, py = 0, next = step;
  double run = 0;
  for (guint k = 0; k < np; k++)
    {
      double x, y;
      project (c, g[2 * k], g[2 * k + 1], &x, &y);
      if (k > 0)
        {
          double seg = hypot (x - px, y - py);
          while (seg > 0 && next <= run + seg)
            {
              double t = (next - run) / seg;
              double pt[2] = { px + t * (x - px), py + t * (y - py) };
              g_array_append_val (pts, pt);
              next += step;
            }
          run += seg;
        }
      px = x, py = y;
    }
}

/* Route numbers of expressways and trunk roads in shields on their lines,
 * after the place labels and never over one: longest routes first, one
 * shield per 300 px of drawn route (at least one), each at the middle of
 * one of its links at least 200 px from its other shields, the links
 * nearest the route's centre tried first. */
static void
draw_shields (Ctx *c)
{
  const TnetNetwork *net = c->map->net;
  g_autoptr (GHashTable) by_ref = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) routes = g_ptr_array_new_with_free_func (shield_route_free);
  for (TnetId i = 0; i < tnet_network_n_links (net); i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      if (!c->drawn[i] || (l->mode != TNET_MODE_EXPRESSWAY && l->mode != TNET_MODE_TRUNK))
        continue;
      g_autofree char *ref = route_number (l->line);
      if (ref == NULL)
        continue;
      ShieldRoute *r = g_hash_table_lookup (by_ref, ref);
      if (r == NULL)
        {
          r = g_new0 (ShieldRoute, 1);
          r->ref = g_steal_pointer (&ref);
          r->mode = l->mode;
          r->mids = g_array_new (FALSE, FALSE, 2 * sizeof (double));
          r->links = g_array_new (FALSE, FALSE, sizeof (TnetId));
          g_hash_table_insert (by_ref, r->ref, r);
          g_ptr_array_add (routes, r);
        }
      double mid[2];
      r->length_px += link_middle (c, i, mid);
      g_array_append_val (r->mids, mid);
      g_array_append_val (r->links, i);
    }
  g_ptr_array_sort (routes, cmp_route_length);
  for (guint k = 0; k < routes->len; k++)
    {
      ShieldRoute *r = routes->pdata[k];
      double cx = 0, cy = 0;
      guint n = r->mids->len;
      for (guint j = 0; j < n; j++)
        {
          cx += g_array_index (r->mids, double, 2 * j) / n;
          cy += g_array_index (r->mids, double, 2 * j + 1) / n;
        }
      /* candidates by distance from the centre (selection sort: few links) */
      g_autofree guint *order = g_new (guint, n);
      g_autofree double *dist = g_new (double, n);
      for (guint j = 0; j < n; j++)
        {
          order[j] = j;
          dist[j] = hypot (g_array_index (r->mids, double, 2 * j) - cx,
                           g_array_index (r->mids, double, 2 * j + 1) - cy);
        }
      for (guint a = 0; a < n; a++)
        for (guint b = a + 1; b < n; b++)
          if (dist[order[b]] < dist[order[a]])
            {
              guint t = order[a];
              order[a] = order[b];
              order[b] = t;
            }
      guint want = MAX (1u, (guint) (r->length_px / 300)), placed = 0;
      g_autoptr (GArray) done = g_array_new (FALSE, FALSE, 2 * sizeof (double));
      ShieldStyle st = shield_style (r->mode, r->ref);
      /* the link middles first; when none is free, every route still gets
       * one shield at the first free point every 8 px along its links */
      g_autoptr (GArray) cand = g_array_new (FALSE, FALSE, 2 * sizeof (double));
      for (guint a = 0; a < n; a++)
        g_array_append_vals (cand, &g_array_index (r->mids, double, 2 * order[a]), 1);
      guint n_mids = cand->len;
      for (guint a = 0; placed < want; a++)
        {
          if (a == n_mids && placed == 0)
            {
              for (guint j = 0; j < n; j++)
                link_points (c, g_array_index (r->links, TnetId, order[j]), 8, cand);
              /* then just above or below the line, touching it */
              guint n_on = cand->len;
              for (int side = -1; side <= 1; side += 2)
                for (guint j = n_mids; j < n_on; j++)
                  {
                    double pt[2] = { g_array_index (cand, double, 2 * j),
                                     g_array_index (cand, double, 2 * j + 1) + side * 9 };
                    g_array_append_val (cand, pt);
                  }
            }
          if (a >= cand->len || (a >= n_mids && placed > 0))
            break;
          const double *m = &g_array_index (cand, double, 2 * a);
          gboolean near = FALSE;
          for (guint d = 0; d < done->len && !near; d++)
            {
              const double *o = &g_array_index (done, double, 2 * d);
              near = hypot (m[0] - o[0], m[1] - o[1]) < 200;
            }
          double box[4];
          shield_box (c->cr, m[0], m[1], r->ref, box);
          if (near || !box_free (c, box))
            continue;
          draw_shield (c->cr, box, r->ref, st);
          if (c->shield_sample == NULL)
            {
              c->shield_sample = g_strdup (r->ref);
              c->shield_sample_mode = r->mode;
            }
          g_array_append_val (c->boxes, box);
          g_array_append_vals (done, m, 1);
          placed++;
          c->n_shields++;
        }
    }
}

/* Place labels: forced ones and zones when @stations is FALSE (the node
 * marks are occupied then), else the main stations. */
static void
draw_labels (Ctx *c, const gboolean *is_main, gboolean stations)
{
  cairo_t *cr = c->cr;
  const TnetNetwork *net = c->map->net;
  guint n = tnet_network_n_nodes (net);
  g_autoptr (GArray) cands = g_array_new (FALSE, FALSE, sizeof (LabelCand));
  g_autofree gboolean *forced = g_new0 (gboolean, n);
  for (guint k = 0; k < c->map->labels->len; k++)
    forced[g_array_index (c->map->labels, TnetId, k)] = TRUE;
  if (c->map->iso_origin != TNET_ID_NONE)
    forced[c->map->iso_origin] = TRUE;

  /* occupy the node marks so labels do not cover them */
  for (guint i = 0; i < n && !stations; i++)
    if (is_main[i] || tnet_network_node (net, i)->kind == TNET_NODE_ZONE)
      {
        const TnetNode *nd = tnet_network_node (net, i);
        double x, y;
        project (c, nd->lon, nd->lat, &x, &y);
        double b[4] = { x - 4, y - 4, x + 4, y + 4 };
        g_array_append_val (c->boxes, b);
      }

  for (guint i = 0; i < n; i++)
    {
      const TnetNode *nd = tnet_network_node (net, i);
      LabelCand lc = { i, -1 };
      if (forced[i])
        lc.priority = 1e12;
      else if (nd->kind == TNET_NODE_ZONE)
        lc.priority = 1e9 + nd->population;
      else if (is_main[i])
        lc.priority = 1e6;
      if (lc.priority >= 0 && (lc.priority < 1e9) == stations)
        g_array_append_val (cands, lc);
    }
  g_array_sort (cands, cmp_label);

  for (guint k = 0; k < cands->len; k++)
    {
      const TnetNode *nd = tnet_network_node (net, g_array_index (cands, LabelCand, k).node);
      const char *zh = nd->name ? nd->name : nd->id;
      g_autofree char *en = short_en (nd->name_en);
      double x, y;
      project (c, nd->lon, nd->lat, &x, &y);
      gboolean station = nd->kind != TNET_NODE_ZONE;
      double zs = station ? 11.5 : 13.5, es = station ? 9.0 : 10.0;
      tnet_i_render_font (cr, zs, !station);
      double wz = tnet_i_render_text_width (cr, zh);
      tnet_i_render_font (cr, es, FALSE);
      double we = en ? tnet_i_render_text_width (cr, en) : 0;
      double bw = MAX (wz, we), bh = zs + (en ? es + 2 : 0);
      /* candidate offsets: right, left, above, below, and the diagonals */
      const double off = 7;
      double pos[8][2] = {
        { x + off, y - bh / 2 }, { x - off - bw, y - bh / 2 },
        { x - bw / 2, y - off - bh }, { x - bw / 2, y + off },
        { x + off, y - off - bh }, { x - off - bw, y - off - bh },
        { x + off, y + off }, { x - off - bw, y + off },
      };
      for (guint p = 0; p < 8; p++)
        {
          double b[4] = { pos[p][0] - 1, pos[p][1] - 1, pos[p][0] + bw + 1, pos[p][1] + bh + 1 };
          if (!box_free (c, b))
            continue;
          g_array_append_val (c->boxes, b);
          double lx = pos[p][0], ly = pos[p][1];
          /* centre each line under the other when stacked */
          gboolean center = p == 2 || p == 3;
          gboolean right_align = p == 1 || p == 5 || p == 7;
          tnet_i_render_font (cr, zs, !station);
          double xz = center ? lx + (bw - wz) / 2 : right_align ? lx + bw - wz : lx;
          halo_text (cr, xz, ly + zs * 0.85, zh, hex (station ? 0x3c096c : 0x212121));
          if (en)
            {
              tnet_i_render_font (cr, es, FALSE);
              double xe = center ? lx + (bw - we) / 2 : right_align ? lx + bw - we : lx;
              halo_text (cr, xe, ly + zs + 2 + es * 0.85, en, hex (0x555555));
            }
          break;
        }
    }
}

static double
nice_km (double max_km)
{
  static const double steps[] = { 1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000 };
  double best = steps[0];
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] <= max_km)
      best = steps[i];
  return best;
}

static void
draw_scale_and_north (Ctx *c, gboolean reserve_only)
{
  cairo_t *cr = c->cr;
  /* px per km: 1 degree of latitude is 111.32 km, and x was scaled by
   * cos(lat0) so a km is the same length both ways */
  double px_per_km = c->s / 111.32;
  double km = nice_km ((c->fx1 - c->fx0) * 0.22 / px_per_km);
  double len = km * px_per_km;
  double x = c->fx0 + 16, y = c->fy1 - 22;
  double nx = c->fx1 - 30, ny = c->fy0 + 26;
  if (reserve_only)
    {
      double b1[4] = { x - 8, y - 22, x + len + 52, y + 14 };
      double b2[4] = { nx - 12, ny - 18, nx + 12, ny + 28 };
      g_array_append_val (c->boxes, b1);
      g_array_append_val (c->boxes, b2);
      return;
    }
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_rectangle (cr, x - 8, y - 22, len + 60, 36);
  cairo_fill (cr);
  for (int k = 0; k < 4; k++)
    {
      cairo_rectangle (cr, x + k * len / 4, y - 4, len / 4, 6);
      if (k % 2)
        cairo_set_source_rgb (cr, 1, 1, 1);
      else
        cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
    }
  tnet_i_render_font (cr, 10.5, FALSE);
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_move_to (cr, x - 3, y - 8);
  tnet_i_render_text (cr, "0", FALSE);
  char buf[32];
  g_snprintf (buf, sizeof buf, "%g km", km);
  cairo_move_to (cr, x + len - 6, y - 8);
  tnet_i_render_text (cr, buf, FALSE);
  g_snprintf (buf, sizeof buf, "%g", km / 2);
  cairo_move_to (cr, x + len / 2 - tnet_i_render_text_width (cr, buf) / 2, y - 8);
  tnet_i_render_text (cr, buf, FALSE);

  /* north arrow */
  cairo_move_to (cr, nx, ny - 16);
  cairo_line_to (cr, nx + 8, ny + 10);
  cairo_line_to (cr, nx, ny + 5);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_fill (cr);
  cairo_move_to (cr, nx, ny - 16);
  cairo_line_to (cr, nx - 8, ny + 10);
  cairo_line_to (cr, nx, ny + 5);
  cairo_close_path (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.15, 0.15, 0.15);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  tnet_i_render_font (cr, 12, TRUE);
  cairo_move_to (cr, nx - tnet_i_render_text_width (cr, "N") / 2, ny + 25);
  tnet_i_render_text (cr, "N", FALSE);
}

/* @text cut into lines no wider than @width at @size, at spaces when it
 * can (else anywhere: Chinese has no spaces), at most @max_lines, the last
 * one ending in "…" when the text does not fit. */
static GPtrArray *
wrap_text (cairo_t *cr, const char *text, double size, double width, guint max_lines)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  tnet_i_render_font (cr, size, FALSE);
  const char *p = text;
  while (*p && lines->len < max_lines)
    {
      while (*p == ' ')
        p++;
      const char *end = p, *space = NULL;
      while (*end)
        {
          const char *next = g_utf8_next_char (end);
          g_autofree char *head = g_strndup (p, next - p);
          if (tnet_i_render_text_width (cr, head) > width && end > p)
            break;
          if (*end == ' ')
            space = end;
          end = next;
        }
      if (*end && space && space > p)
        end = space;
      gboolean last = lines->len + 1 == max_lines;
      if (*end && last)
        {
          /* shorten the last line until it fits with an ellipsis */
          g_autofree char *cut = g_strndup (p, end - p);
          char *ell = g_strconcat (cut, "…", NULL);
          while (tnet_i_render_text_width (cr, ell) > width && g_utf8_strlen (cut, -1) > 1)
            {
              *g_utf8_prev_char (cut + strlen (cut)) = '\0';
              g_free (ell);
              ell = g_strconcat (cut, "…", NULL);
            }
          g_ptr_array_add (lines, ell);
          break;
        }
      g_ptr_array_add (lines, g_strndup (p, end - p));
      p = end;
    }
  return lines;
}

/* Legend helpers: a running y inside the panel. */
typedef struct {
  Ctx *c;
  double x, y, w;
} Legend;

static void
legend_heading (Legend *lg, const char *text)
{
  cairo_t *cr = lg->c->cr;
  lg->y += 8;
  tnet_i_render_font (cr, 12.5, TRUE);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_move_to (cr, lg->x, lg->y + 12);
  tnet_i_render_text (cr, text, FALSE);
  lg->y += 20;
}

static void
legend_text (Legend *lg, const char *text, double size, guint32 color)
{
  cairo_t *cr = lg->c->cr;
  tnet_i_render_font (cr, size, FALSE);
  set_rgb (cr, hex (color), 1);
  cairo_move_to (cr, lg->x, lg->y + size);
  tnet_i_render_text (cr, text, FALSE);
  lg->y += size + 5;
}

/* The label of a legend row whose symbol (zone disc, station square,
 * boundary band, shield) is centred at height @y, then the next row. */
static void
legend_symbol_label (Legend *lg, double y, const char *text)
{
  cairo_t *cr = lg->c->cr;
  tnet_i_render_font (cr, 11, FALSE);
  cairo_set_source_rgb (cr, 0.12, 0.12, 0.12);
  cairo_move_to (cr, lg->x + 50, y + 4);
  tnet_i_render_text (cr, text, FALSE);
  lg->y += 19;
}

/* A legend row: a line sample drawn by @draw, then the label. */
static void
legend_line (Legend *lg, Rgb col, double width, TnetStatus st, gboolean halo,
             gboolean ladder, const char *label)
{
  cairo_t *cr = lg->c->cr;
  double y = lg->y + 8, x0 = lg->x, x1 = lg->x + 40;
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  if (halo)
    {
      cairo_set_dash (cr, NULL, 0, 0);
      set_rgb (cr, hex (0xffe066), 1);
      cairo_set_line_width (cr, width + 7);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
      cairo_stroke (cr);
    }
  status_dash (cr, st, width);
  set_rgb (cr, col, 1);
  cairo_set_line_width (cr, width);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
  if (ladder)
    {
      double d[2] = { 6, 6 };
      cairo_set_dash (cr, d, 2, 0);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, width * 0.45);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
      cairo_stroke (cr);
    }
  cairo_set_dash (cr, NULL, 0, 0);
  tnet_i_render_font (cr, 11, FALSE);
  cairo_set_source_rgb (cr, 0.12, 0.12, 0.12);
  cairo_move_to (cr, x1 + 10, y + 4);
  tnet_i_render_text (cr, label, FALSE);
  lg->y += 19;
}

/* Legend of an isochrone map: the travel-time bands, the population table
 * of the filled bands and the origin. */
static void
legend_isochrone (Legend *lg)
{
  Ctx *c = lg->c;
  legend_heading (lg, tr (c, "出行时间", "Travel time"));
  double step = c->map->iso_budget / 4.0;
  for (int b = 0; b < 4; b++)
    {
      char label[64];
      g_snprintf (label, sizeof label, "%.0f – %.0f min", b * step, (b + 1) * step);
      legend_line (lg, hex (iso_colors[b]), 5, TNET_STATUS_EXISTING, FALSE, FALSE, label);
    }
  char label[64];
  g_snprintf (label, sizeof label, "> %.0f min / %s", c->map->iso_budget,
              tr (c, "不可达", "unreached"));
  legend_line (lg, hex (0xcfcfcf), 2, TNET_STATUS_EXISTING, FALSE, FALSE, label);
  if (c->map->iso_bands && c->map->iso_band_pop)
    {
      /* the population table of the filled bands */
      legend_heading (lg, tr (c, "人口", "Population within"));
      for (guint b = 0; b < c->map->iso_bands->len; b++)
        {
          /* 万 (10,000) where the legend speaks Chinese */
          g_autofree char *row
            = strcmp (c->map->langs[0], "zh") == 0 || strcmp (c->map->langs[1], "zh") == 0
              ? g_strdup_printf ("≤ %.0f min   %.1f 万 (%.0f)", c->map->iso_band_min[b],
                                 c->map->iso_band_pop[b] / 1e4, c->map->iso_band_pop[b])
              : g_strdup_printf ("≤ %.0f min   %.0f", c->map->iso_band_min[b],
                                 c->map->iso_band_pop[b]);
          legend_line (lg, hex (band_color (b)), 8, TNET_STATUS_EXISTING, FALSE, FALSE, row);
        }
    }
  if (c->map->iso_origin != TNET_ID_NONE)
    {
      const TnetNode *o = tnet_network_node (c->map->net, c->map->iso_origin);
      g_autofree char *s = g_strdup_printf ("★ %s: %s", tr (c, "起点", "origin"),
                                            o->name ? o->name : o->id);
      lg->y += 4;
      legend_text (lg, s, 11, 0xd62828);
    }
}

/* The grey network under the highlighted features. */
static void
legend_other_network (Legend *lg)
{
  legend_heading (lg, tr (lg->c, "其他", "Other"));
  legend_line (lg, hex (0xb9b9b9), 2, TNET_STATUS_EXISTING, FALSE, FALSE,
               tr (lg->c, "路网", "network"));
}

/* Legend of a structure map: each structure's colour, the gaps. */
static void
legend_structures (Legend *lg)
{
  Ctx *c = lg->c;
  legend_heading (lg, tr (c, "结构", "Structures"));
  for (guint k = 0; k < c->map->structures->len; k++)
    {
      const MapStructure *ms = &g_array_index (c->map->structures, MapStructure, k);
      legend_line (lg, structure_color (k), 4, TNET_STATUS_EXISTING, FALSE, FALSE,
                   ms->label ? ms->label : "");
    }
  legend_line (lg, hex (0x444444), 3, TNET_STATUS_CONSTRUCTION, FALSE, FALSE,
               tr (c, "缺口(虚线)", "gap (dashed)"));
  legend_other_network (lg);
}

/* Legend of a corridor map: the paths, and the ten most critical links. */
static void
legend_corridors (Legend *lg)
{
  Ctx *c = lg->c;
  if (c->map->paths->len > 0)
    {
      legend_heading (lg, tr (c, "走廊路径", "Corridor paths"));
      for (guint p = 0; p < c->map->paths->len; p++)
        {
          const MapPath *mp = &g_array_index (c->map->paths, MapPath, p);
          g_autofree char *fallback = g_strdup_printf ("path %u", p + 1);
          legend_line (lg, hex (path_colors[p % G_N_ELEMENTS (path_colors)]), 5,
                       TNET_STATUS_EXISTING, FALSE, FALSE, mp->label ? mp->label : fallback);
        }
    }
  if (c->map->critical->len > 0)
    {
      legend_heading (lg, tr (c, "关键路段", "Critical links"));
      legend_line (lg, hex (CRIT_COLOR), 5, TNET_STATUS_EXISTING, FALSE, FALSE,
                   tr (c, "按中断损失排序", "ranked by loss if closed"));
      for (guint k = 0; k < c->map->critical->len && k < 10; k++)
        {
          const MapCritical *mc = &g_array_index (c->map->critical, MapCritical, k);
          g_autofree char *s = g_strdup_printf ("%u. %s", k + 1, mc->label ? mc->label
                                                : tnet_network_link (c->map->net,
                                                                     mc->link)->id);
          legend_text (lg, s, 10.5, 0x333333);
        }
    }
  legend_other_network (lg);
}

/* Legend of a network map: the modes and statuses of the drawn links, and
 * the links added after the base year. */
static void
legend_modes (Legend *lg)
{
  Ctx *c = lg->c;
  const TnetNetwork *net = c->map->net;
  gboolean mode_seen[TNET_N_MODES] = { FALSE };
  gboolean status_seen[TNET_N_STATUSES] = { FALSE };
  gboolean any_addition = FALSE;
  for (guint i = 0; i < tnet_network_n_links (net); i++)
    if (link_drawn (c, i))
      {
        const TnetLink *l = tnet_network_link (net, i);
        mode_seen[l->mode] = TRUE;
        status_seen[l->status] = TRUE;
        any_addition |= is_addition (c, l);
      }
  legend_heading (lg, tr (c, "方式", "Mode"));
  for (guint md = 0; md < TNET_N_MODES; md++)
    if (mode_seen[md] && md != TNET_MODE_WALK && md != TNET_MODE_ACCESS)
      legend_line (lg, hex (mode_styles[md].color), mode_styles[md].width,
                   TNET_STATUS_EXISTING, FALSE, md == TNET_MODE_RAIL,
                   tr (c, mode_styles[md].label_zh, mode_styles[md].label));
  legend_heading (lg, tr (c, "状态", "Status"));
  static const char *const st_zh[TNET_N_STATUSES] = { "已建", "在建", "规划", "研究" };
  static const char *const st_en[TNET_N_STATUSES] = {
    "existing", "construction", "planned", "study",
  };
  for (guint st = 0; st < TNET_N_STATUSES; st++)
    if (status_seen[st])
      legend_line (lg, hex (0x444444), 2.6, st, FALSE, FALSE, tr (c, st_zh[st], st_en[st]));
  if (any_addition)
    {
      g_autofree char *zh = g_strdup_printf ("%d 年后新增", c->map->base_year);
      g_autofree char *en = g_strdup_printf ("new after %d", c->map->base_year);
      g_autofree char *s = tnet_map_label (c->map, zh, en);
      legend_line (lg, hex (0x444444), 2.6, TNET_STATUS_EXISTING, TRUE, FALSE, s);
    }
}

/* The region boundary: a pale band under a dashed line. */
static void
legend_outline (Legend *lg)
{
  cairo_t *cr = lg->c->cr;
  double y = lg->y + 8;
  cairo_set_dash (cr, NULL, 0, 0);
  set_rgb (cr, hex (OUTLINE_COLOR), 0.18);
  cairo_set_line_width (cr, 6);
  cairo_move_to (cr, lg->x, y);
  cairo_line_to (cr, lg->x + 40, y);
  cairo_stroke (cr);
  cairo_set_dash (cr, outline_dash, 4, 0);
  set_rgb (cr, hex (OUTLINE_COLOR), 0.9);
  cairo_set_line_width (cr, 1.4);
  cairo_move_to (cr, lg->x, y);
  cairo_line_to (cr, lg->x + 40, y);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  legend_symbol_label (lg, y, tr (lg->c, "区域边界", "region boundary"));
}

/* The symbols the map shows whatever its kind: boundaries, shields,
 * closures, zones and stations. */
static void
legend_symbols (Legend *lg)
{
  Ctx *c = lg->c;
  cairo_t *cr = c->cr;
  if (c->map->outlines->len > 0)
    legend_outline (lg);
  if (c->n_shields > 0)
    {
      /* a sample shield beside its label */
      double box[4];
      const char *ref = c->shield_sample;
      shield_box (cr, lg->x + 20, lg->y + 8, ref, box);
      draw_shield (cr, box, ref, shield_style (c->shield_sample_mode, ref));
      legend_symbol_label (lg, lg->y + 8, tr (c, "路线编号", "route number"));
    }
  if (c->any_closed)
    {
      legend_heading (lg, tr (c, "情景", "Scenario"));
      legend_line (lg, hex (CLOSED_COLOR), 3, TNET_STATUS_PLANNED, FALSE, FALSE,
                   tr (c, "封闭", "closed"));
    }
  if (c->any_zone || c->any_station)
    legend_heading (lg, tr (c, "节点", "Places"));
  if (c->any_zone)
    {
      double y = lg->y + 7;
      cairo_new_path (cr);
      cairo_arc (cr, lg->x + 20, y, 5, 0, 2 * G_PI);
      set_rgb (cr, hex (0xfff3e0), 1);
      cairo_fill_preserve (cr);
      set_rgb (cr, hex (0x5d4037), 1);
      cairo_set_line_width (cr, 1.6);
      cairo_stroke (cr);
      legend_symbol_label (lg, y, tr (c, "区县/片区(大小:人口)", "zone (size: population)"));
    }
  if (c->any_station)
    {
      double y = lg->y + 7;
      cairo_rectangle (cr, lg->x + 16, y - 4, 8, 8);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      set_rgb (cr, hex (0x3c096c), 1);
      cairo_set_line_width (cr, 1.8);
      cairo_stroke (cr);
      legend_symbol_label (lg, y, tr (c, "高铁站", "high-speed rail station"));
    }
}

/* The footer, from @y up: the data credit (wrapped), scenario and
 * projection. */
static void
legend_footer (Legend *lg, double y)
{
  Ctx *c = lg->c;
  lg->y = y;
  if (c->map->credit && *c->map->credit)
    {
      g_autoptr (GPtrArray) lines = wrap_text (c->cr, c->map->credit, 9.5, lg->w, 3);
      lg->y -= lines->len * 14.5;
      for (guint i = 0; i < lines->len; i++)
        legend_text (lg, lines->pdata[i], 9.5, 0x666666);
    }
  if (c->map->scen != NULL)
    {
      const char *name = tnet_scenario_get_name (c->map->scen);
      int year = tnet_scenario_get_year (c->map->scen);
      g_autofree char *s = name && *name
                           ? g_strdup_printf ("scenario: %s (%d)", name, year)
                           : g_strdup_printf ("scenario: %d", year);
      legend_text (lg, s, 9.5, 0x666666);
    }
  legend_text (lg, "equirectangular, cos φ scaled; WGS84", 9.5, 0x666666);
  legend_text (lg, "made with tnet", 9.5, 0x666666);
}

static void
draw_legend (Ctx *c)
{
  cairo_t *cr = c->cr;
  double px = c->w - LEGEND_W - MARGIN, py = TITLE_H;
  double ph = c->h - TITLE_H - MARGIN;
  cairo_rectangle (cr, px, py, LEGEND_W, ph);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  Legend lg = { c, px + 14, py + 6, LEGEND_W - 28 };
  if (c->map->iso_minutes != NULL)
    legend_isochrone (&lg);
  else if (c->map->structures->len > 0)
    legend_structures (&lg);
  else if (c->map->paths->len > 0 || c->map->critical->len > 0)
    legend_corridors (&lg);
  else
    legend_modes (&lg);
  legend_symbols (&lg);
  legend_footer (&lg, py + ph - 48);
}

static void
draw_title (Ctx *c)
{
  cairo_t *cr = c->cr;
  tnet_i_render_font (cr, 21, TRUE);
  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  cairo_move_to (cr, MARGIN, 30);
  tnet_i_render_text (cr, c->map->title ? c->map->title : "tnet", FALSE);
  if (c->map->subtitle)
    {
      tnet_i_render_font (cr, 12.5, FALSE);
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      cairo_move_to (cr, MARGIN, 52);
      tnet_i_render_text (cr, c->map->subtitle, FALSE);
    }
}

static void
render (TnetMap *map, cairo_t *cr)
{
  const TnetNetwork *net = map->net;
  guint m = tnet_network_n_links (net), n = tnet_network_n_nodes (net);
  Ctx c = { .map = map, .cr = cr, .w = map->width, .h = map->height };
  c.drawn = g_new0 (gboolean, m);
  c.closed = g_new0 (gboolean, m);
  for (guint i = 0; i < m; i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      c.drawn[i] = map->scen == NULL || tnet_scenario_link_active (map->scen, net, i);
      c.closed[i] = map->scen != NULL && l->mode != TNET_MODE_ACCESS
                    && l->mode != TNET_MODE_WALK
                    && tnet_scenario_link_closed (map->scen, net, i);
      c.any_closed |= c.closed[i];
    }
  c.boxes = g_array_new (FALSE, FALSE, 4 * sizeof (double));
  c.texts = g_string_chunk_new (256);
  setup_projection (&c);

  cairo_set_source_rgb (cr, 0.976, 0.969, 0.949);
  cairo_paint (cr);
  cairo_rectangle (cr, c.fx0, c.fy0, c.fx1 - c.fx0, c.fy1 - c.fy0);
  cairo_set_source_rgb (cr, 0.992, 0.988, 0.976);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  cairo_save (cr);
  cairo_rectangle (cr, c.fx0, c.fy0, c.fx1 - c.fx0, c.fy1 - c.fy0);
  cairo_clip (cr);
  g_autofree gboolean *is_main = g_new0 (gboolean, n);
  for (guint i = 0; i < n; i++)
    {
      const TnetNode *nd = tnet_network_node (net, i);
      is_main[i] = nd->kind == TNET_NODE_STATION && node_is_main_station (&c, i);
    }
  draw_scale_and_north (&c, TRUE);
  draw_outlines (&c);
  if (map->iso_minutes != NULL)
    draw_isochrone (&c);
  else if (map->structures->len > 0)
    {
      draw_network (&c, TRUE);
      draw_structures (&c);
    }
  else if (map->paths->len > 0 || map->critical->len > 0)
    {
      draw_network (&c, TRUE);
      draw_corridors (&c);
    }
  else
    draw_network (&c, FALSE);
  draw_closed (&c);
  draw_nodes (&c, is_main);
  /* one placement pass over the layers, each item skipping the boxes of
   * those placed before it (corridor badges and names were placed with
   * their layer): forced and zone labels, then the route-number shields
   * (every layer draws the road network), then the station labels */
  draw_labels (&c, is_main, FALSE);
  draw_shields (&c);
  draw_labels (&c, is_main, TRUE);
  cairo_restore (cr);
  draw_scale_and_north (&c, FALSE);
  draw_legend (&c);
  draw_title (&c);
  g_free (c.drawn);
  g_free (c.closed);
  g_free (c.shield_sample);
  g_array_unref (c.boxes);
  g_string_chunk_free (c.texts);
}

static void
render_cb (cairo_t *cr, gpointer data)
{
  render (data, cr);
}

gboolean
tnet_map_save (TnetMap *map, const char *path, GError **error)
{
  g_return_val_if_fail (map != NULL && path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  return tnet_i_render_save (path, map->width, map->height, "map", render_cb, map, error);
}

#endif /* TNET_HAVE_CAIRO */
