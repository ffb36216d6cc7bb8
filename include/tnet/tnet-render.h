/* tnet-render.h: SVG and PNG maps of a network and of results on it. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>
#include <tnet/tnet-isochrone.h>
#include <tnet/tnet-scenario.h>
#include <tnet/tnet-analysis.h>

G_BEGIN_DECLS

/**
 * TnetMap:
 * A map of one network under one scenario, drawn with cairo in an
 * equirectangular projection scaled by cos(latitude) at the map's centre.
 * What it shows depends on what was added:
 * - nothing: the network coloured by mode, dashed by status, the links
 *   opened after the base year (default 2020) highlighted;
 * - tnet_map_set_isochrone(): nodes and links shaded by travel time;
 * - tnet_map_add_path() / tnet_map_add_critical_link(): corridor paths and
 *   critical links over a grey network.
 * Every map has a title, a legend, a scale bar in km, a north arrow and
 * Chinese + English labels of the zones and main stations (font
 * "WenQuanYi Micro Hei" when installed).
 * The map borrows @net (it must outlive the map) and copies the scenario.
 * Single owner, not thread-safe; free with tnet_map_free().
 */
typedef struct _TnetMap TnetMap;

/* TRUE when the library was built with cairo (-Dmaps); otherwise
 * tnet_map_save() fails with %TNET_ERROR_UNSUPPORTED. Errors: none.
 * Thread-safe. Time complexity: O(1). */
TNET_API gboolean tnet_map_supported (void);

/* A new map of @net (borrowed) under a copy of @scen; @scen may be NULL
 * (every link drawn). tnet_map_free() frees one (%NULL is ignored). Every
 * tnet_map_*() call on one map must come from one thread at a time (the
 * map is single-owner); different maps are independent. Errors: none (a
 * %NULL @net or an id out of range in the calls below is a programming
 * error: g_critical, no effect). Time complexity: O(size of @scen) to
 * create, O(size of what was added) to free. */
TNET_API TnetMap *tnet_map_new (const TnetNetwork *net, const TnetScenario *scen);
TNET_API void tnet_map_free (TnetMap *map);

/* The title and subtitle (copied; either may be NULL). Errors: none.
 * Thread-safety: as tnet_map_new(). Time complexity: O(length of the
 * texts). */
TNET_API void tnet_map_set_title (TnetMap *map, const char *title, const char *subtitle);
/* Size of the image in pixels (PNG) or points (SVG); default 1100 x 840.
 * Errors: none (a size outside 300..10000 x 200..10000 is a programming
 * error: g_critical, no effect). Thread-safety: as
 * tnet_map_new(). Time complexity: O(1). */
TNET_API void tnet_map_set_size (TnetMap *map, int width, int height);
/* Links with open_year > @year are drawn as additions; 0 (the default)
 * turns it off. Errors: none. Thread-safety: as tnet_map_new(). Time
 * complexity: O(1). */
TNET_API void tnet_map_set_base_year (TnetMap *map, int year);

/**
 * tnet_map_set_isochrone:
 * @node_ms: travel time of each network node in ms (copied),
 *   %TNET_WEIGHT_INF when not reached; @n_nodes values (the network's count,
 *   or more when the graph has synthetic nodes: the extra ones are ignored)
 * @budget_ms: the isochrone's budget, > 0 (colour scale and legend, drawn
 *   in minutes)
 * @origin: the origin node, marked on the map (or TNET_ID_NONE)
 *
 * Errors: none (a %NULL argument or a budget of 0 is a programming error).
 * Thread-safety: not thread-safe on @map. Time complexity: O(@n_nodes).
 */
TNET_API void tnet_map_set_isochrone (TnetMap *map, const TnetWeight *node_ms,
                                      guint n_nodes, TnetWeight budget_ms, TnetId origin);

/**
 * tnet_map_set_isochrone_bands:
 * @bands: isochrone polygons (tnet_isochrone_bands_new()); their rings are
 *   copied
 * @population: (nullable): per band, the population it covers, shown as a
 *   table in the legend
 *
 * With tnet_map_set_isochrone(): the bands are filled (translucent, in the
 * band colours, the largest first) under the shaded network; replaces
 * earlier bands.
 * Errors: none. Thread-safety: as tnet_map_new(). Time complexity:
 * O(points of the bands' rings).
 */
TNET_API void tnet_map_set_isochrone_bands (TnetMap *map, const TnetIsochroneBands *bands,
                                            const double *population);

/* A path (network link indices, copied) drawn in its own colour, with
 * @label in the legend (e.g. "path 1: 24.5 min"). Errors: none.
 * Thread-safety: as tnet_map_new(). Time complexity: O(@n_links). */
TNET_API void tnet_map_add_path (TnetMap *map, const TnetId *links, guint n_links,
                                 const char *label);
/* A critical link drawn thick red with a rank badge; @label (may be NULL)
 * goes in the legend, e.g. "1. l_g4_07 +12.3 min". Errors: a link out of
 * range is a programming error. Thread-safety: as tnet_map_new(). Time
 * complexity: O(1) amortised. */
TNET_API void tnet_map_add_critical_link (TnetMap *map, TnetId link, const char *label);
/**
 * tnet_map_add_structure:
 * @label: the legend entry (e.g. the structure's name and verdict)
 * @built, @n_built: links drawn solid in the structure's own colour
 * @gaps, @n_gaps: links drawn dashed in that colour (the missing pieces)
 * @break_nodes, @n_breaks: @n_breaks node pairs (2 · @n_breaks indices)
 *   joined by a dashed straight line: missing pieces no link of the data
 *   fills
 *
 * Adds a named structure (a ring or an axis, tnet_structure_analyse()) to
 * the map; the map then shows the structures over a grey network, each in
 * its own colour. Arrays are copied.
 * Errors: none. Thread-safety: as tnet_map_new().
 * Time complexity: O(n_built + n_gaps + n_breaks).
 */
TNET_API void tnet_map_add_structure (TnetMap *map, const char *label, const TnetId *built,
                                      guint n_built, const TnetId *gaps, guint n_gaps,
                                      const TnetId *break_nodes, guint n_breaks);
/**
 * tnet_map_set_credit:
 * @credit: (nullable): the data credit, e.g. "data: © OpenStreetMap
 *   contributors, 2026-11-30" (copied; %NULL removes it)
 *
 * A credit line in the map's footer, above the scenario and projection
 * lines, wrapped to the legend's width (at most three lines, the last one
 * ending in "…" when it does not fit).
 * Errors: none. Thread-safety: as tnet_map_new().
 * Time complexity: O(length of @credit).
 */
TNET_API void tnet_map_set_credit (TnetMap *map, const char *credit);
/**
 * tnet_map_language_known:
 * @code: a language code
 *
 * Whether the maps have their legend texts in @code: "zh" (Chinese) or
 * "en" (English). Errors: none (%FALSE for any other code).
 * Thread-safe. O(1).
 */
TNET_API gboolean tnet_map_language_known (const char *code);
/**
 * tnet_map_set_languages:
 * @languages: (nullable) (array zero-terminated=1): language codes, in the
 *   order their words stand in a label (e.g. {"zh", "en"} → "方式 Mode");
 *   %NULL or empty: English
 * @error: return location for a #GError (%TNET_ERROR_INVALID_INPUT for a code
 *   tnet_map_language_known() refuses; the map is then unchanged)
 *
 * The languages of the map's own texts: legend headings and rows (modes,
 * statuses, places, travel time, ...). Titles, credits and the data's names
 * are drawn as given. Thread-safety: as tnet_map_new().
 * Time complexity: O(number of codes).
 */
TNET_API gboolean tnet_map_set_languages (TnetMap *map, const char *const *languages,
                                          GError **error);
/**
 * tnet_map_label:
 * @zh: the text in Chinese
 * @en: the text in English
 *
 * @zh and @en joined in the map's languages (tnet_map_set_languages()):
 * "zh en", "en zh", or one of them. For the callers' own titles and labels,
 * so they follow the same rule as the legend.
 * Returns: (transfer full): a new string. Errors: none. Thread-safety:
 * reads @map only. O(length).
 */
TNET_API char *tnet_map_label (const TnetMap *map, const char *zh, const char *en);

/**
 * tnet_map_add_outline:
 * @lonlat: @n_points lon/lat pairs of a closed ring (copied), e.g. a
 *   region's boundary (tnet_dataset_get_region_outline())
 * @region: (nullable): whose outline it is (kept for the record)
 *
 * Draws the ring on every layer, under the network, as a dashed boundary
 * line, with a "region boundary" legend entry. Rings need not lie inside
 * the map: the frame clips them (the map's extent follows the network).
 * Errors: none. Thread-safety: as tnet_map_new().
 * Time complexity: O(@n_points).
 */
TNET_API void tnet_map_add_outline (TnetMap *map, const double *lonlat, guint n_points,
                                    const char *region);
/* Labels a node whatever its kind (zones and HSR stations are labelled
 * anyway). Errors: a node out of range is a programming error.
 * Thread-safety: as tnet_map_new(). Time complexity: O(1) amortised. */
TNET_API void tnet_map_add_label (TnetMap *map, TnetId node);

/**
 * tnet_map_save:
 * Writes the map to @path as SVG or PNG, chosen by the suffix (".svg",
 * ".png"). Fails with %TNET_ERROR_INVALID_INPUT on another suffix,
 * %TNET_ERROR_UNSUPPORTED when built without cairo, %TNET_ERROR_IO when the
 * file cannot be written.
 * Thread-safety: reads @map only; different maps may be saved in different
 * threads at once (each save draws on its own cairo surface).
 * Time complexity: O(nodes + links) plus label placement O(labels^2).
 */
TNET_API gboolean tnet_map_save (TnetMap *map, const char *path, GError **error);

/**
 * tnet_sensitivity_save_chart:
 * @top: rows drawn, largest swing first (0: all)
 *
 * Writes the tornado chart of @s (tnet_report_sensitivity()) to @path as
 * SVG or PNG, chosen by the suffix: one bar per input row from the value as
 * given to its low end (blue) and to its high end (orange), the value as
 * given as a black line and the target, when there is one, as a dashed red
 * line. Errors as tnet_map_save().
 * Time complexity: O(@top).
 */
TNET_API gboolean tnet_sensitivity_save_chart (const TnetSensitivity *s, guint top,
                                               const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetMap, tnet_map_free)

G_END_DECLS
