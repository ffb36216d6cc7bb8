/* cmd-map.c: `tnet map`, SVG/PNG maps of the network and of results. */
#include "cli-extra.h"
#include "commands.h"
#include "map-structures.h"
#include <math.h>
#include <string.h>


/* A node's Chinese name, or the spec itself (a region). */
static const char *
place_name (const TnetNetwork *net, const char *spec)
{
  TnetId v = tnet_place_find_node (net, spec);
  const TnetNode *nd = v != TNET_ID_NONE ? tnet_network_node (net, v) : NULL;
  return nd && nd->name ? nd->name : spec;
}

/* Adds to @map, for rail and for road, up to @k link-disjoint fastest
 * paths from @a to @b (tnet_corridor_analyse), and the @n_critical links
 * whose loss hurts the A→B trips of @profile most (scanned on the
 * profile's own graph, as `tnet criticality --profile`).
 * Returns the number of paths added, G_MAXUINT on error. */
static guint
add_corridor_paths (TnetMap *map, const TnetNetwork *net, const TnetScenario *scen,
                    const char *a, const char *b, guint k, guint n_critical,
                    TnetProfile profile, GError **error)
{
  g_autoptr (TnetNodeSet) na = tnet_node_set_resolve (net, a, error);
  if (na == NULL)
    return G_MAXUINT;
  g_autoptr (TnetNodeSet) nb = tnet_node_set_resolve (net, b, error);
  if (nb == NULL)
    return G_MAXUINT;
  static const struct { const char *zh, *en; guint mask; } groups[] = {
    { "铁路", "rail", TNET_MODES_RAIL }, { "公路", "road", TNET_MODES_ROAD },
  };
  guint added = 0;
  /* a rail path's own time has no access, wait or transfer: its label adds
   * the door-to-door time by transit between its ends, as `route
   * --profile transit --frequency-model` gives it */
  TnetProfile transit = TNET_PROFILE_TRANSIT;
  g_autoptr (TnetMultimodal) tm = NULL;
  if (!tnet_cli_build_graphs (net, scen, &transit, 1, &tm, error))
    return G_MAXUINT;
  g_autoptr (TnetSearch) ts = tnet_search_new (tnet_multimodal_get_graph (tm));
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      g_autofree char *gname = tnet_map_label (map, groups[g].zh, groups[g].en);
      g_autoptr (TnetCorridor) corr = tnet_corridor_analyse (net, scen, groups[g].mask, na, nb,
                                                             k, 60 * 60000, 1.5, error);
      if (corr == NULL)
        return G_MAXUINT;
      for (guint i = 0; corr->fastest && i < corr->fastest->n_paths; i++)
        {
          const TnetPath *path = &corr->fastest->paths[i];
          g_autoptr (GArray) links = g_array_new (FALSE, FALSE, sizeof (TnetId));
          for (guint j = 0; j < path->n_arcs; j++)
            {
              TnetId l = tnet_graph_arc_link (corr->graph, path->arcs[j]);
              if (l != TNET_ID_NONE)
                g_array_append_val (links, l);
            }
          g_autofree char *label = NULL;
          if (groups[g].mask == TNET_MODES_RAIL)
            {
              TnetId d = tnet_multimodal_destination_node (tm, path->nodes[path->n_arcs]);
              tnet_search_run (ts, tnet_multimodal_get_metric (tm),
                               tnet_multimodal_origin_node (tm, path->nodes[0]), TNET_FORWARD,
                               TNET_WEIGHT_INF, d);
              TnetWeight t = tnet_search_distance (ts, d);
              label = t == TNET_WEIGHT_INF
                ? g_strdup_printf ("%s %u: %.1f min, no transit trip",
                                   gname, i + 1, path->time_ms / 60000.0)
                : g_strdup_printf ("%s %u: %.1f min, by transit %.1f",
                                   gname, i + 1, path->time_ms / 60000.0,
                                   t / 60000.0);
            }
          else
            label = g_strdup_printf ("%s %u: %.1f min", gname, i + 1,
                                     path->time_ms / 60000.0);
          tnet_map_add_path (map, (const TnetId *) links->data, links->len, label);
          added++;
        }
    }
  if (n_critical > 0)
    {
      g_autoptr (TnetMultimodal) mm = NULL;
      if (!tnet_cli_build_graphs (net, scen, &profile, 1, &mm, error))
        return G_MAXUINT;
      g_autoptr (TnetCriticality) crit =
        tnet_corridor_criticality_profile (net, mm, na, nb, FALSE, 60 * 60000, NULL, error);
      if (crit == NULL)
        return G_MAXUINT;
      for (guint r = 0; r < MIN (n_critical, tnet_criticality_n_items (crit)); r++)
        {
          const TnetCriticalityItem *it = tnet_criticality_item (crit, r);
          if (it->element >= tnet_network_n_links (net))
            continue;
          /* by line name (the legend numbers them by rank, as the badges
           * on the map); the link id only when the link has no line */
          const TnetLink *cl = tnet_network_link (net, it->element);
          const char *lname = cl->line && *cl->line ? cl->line : NULL;
          g_autofree char *label
            = g_strdup_printf ("%s  +%.1f min", lname ? lname : (it->name ? it->name : cl->id),
                               it->max_increase_ms / 60000.0);
          tnet_map_add_critical_link (map, it->element, label);
        }
    }
  return added;
}

/* The titles of a map: the one drawn when --title gives none, and the
 * subtitle. */
typedef struct {
  char *title;
  char *subtitle;
} MapTitles;

static void
map_titles_clear (MapTitles *t)
{
  g_free (t->title);
  g_free (t->subtitle);
}

/* The usage errors of the options and arguments that need no data:
 * TNET_EXIT_OK when there is none, else the exit code (the message
 * printed). */
static int
check_map_args (GOptionContext *ctx, const char *lay, const char *output, int argc,
                char **argv, const char *from, int width, int height)
{
  gboolean corridors = strcmp (lay, "corridors") == 0;
  if (strcmp (lay, "network") != 0 && strcmp (lay, "isochrone") != 0 && !corridors
      && strcmp (lay, "structures") != 0)
    return tnet_cli_usage (ctx, "unknown --layer '%s' (expected network, isochrone, "
                           "corridors or structures)", lay);
  if (output == NULL || strcmp (output, "-") == 0)
    return tnet_cli_usage (ctx, "give the map file with -o FILE.svg or -o FILE.png");
  if (argc != (corridors ? 3 : 1))
    return tnet_cli_usage (ctx, corridors ? "--layer corridors expects two places A B"
                                          : "unexpected argument '%s'", argv[1]);
  if (strcmp (lay, "isochrone") == 0 && from == NULL)
    return tnet_cli_usage (ctx, "--layer isochrone needs --from PLACE");
  if ((width || height) && (width < 300 || height < 200 || width > 10000 || height > 10000))
    return tnet_cli_usage (ctx, "--width/--height: expected 300..10000 x 200..10000 pixels");
  return TNET_EXIT_OK;
}

/* The filled bands of the isochrone @mins (minutes per node, negative when
 * unreached) at the legend's four steps of @minutes, with the population
 * of the zone nodes each covers. */
static gboolean
add_isochrone_bands (TnetMap *map, const TnetNetwork *net, const TnetScenario *scen,
                     const double *mins, double minutes, const char *profile, GError **error)
{
  guint nn = tnet_network_n_nodes (net);
  g_autofree TnetWeight *ms = g_new (TnetWeight, nn);
  for (guint v = 0; v < nn; v++)
    ms[v] = mins[v] >= 0 && mins[v] <= minutes ? (TnetWeight) llround (mins[v] * 60000.0)
                                               : TNET_WEIGHT_INF;
  TnetWeight steps[4] = { tnet_weight_from_min (minutes / 4), tnet_weight_from_min (minutes / 2),
                          tnet_weight_from_min (minutes * 3 / 4), tnet_weight_from_min (minutes) };
  TnetIsochroneOptions o;
  tnet_isochrone_options_init (&o);
  if (profile && strcmp (profile, "transit") == 0)
    o.interior_modes = 0;
  g_autoptr (TnetIsochroneBands) bands
    = tnet_isochrone_bands_new (net, scen, ms, steps, 4, &o, error);
  if (!bands)
    return FALSE;
  double pop[4] = { 0 };
  for (guint b = 0; b < 4; b++)
    for (guint v = 0; v < nn; v++)
      {
        const TnetNode *z = tnet_network_node (net, v);
        if (z->kind == TNET_NODE_ZONE && tnet_isochrone_bands_covers (bands, b, z->lon, z->lat))
          pop[b] += z->population;
      }
  tnet_map_set_isochrone_bands (map, bands, pop);
  return TRUE;
}

/* --layer isochrone: the nodes shaded by their time from @from within
 * @minutes by @profile, and the bands. */
static gboolean
draw_isochrone (TnetMap *map, const TnetNetwork *net, const TnetScenario *scen,
                const char *from, const char *profile, double minutes, const char *sname,
                MapTitles *titles, GError **error)
{
  TnetId origin = TNET_ID_NONE;
  g_autofree double *mins = tnet_cli_isochrone (net, scen, from, profile, minutes, &origin,
                                                error);
  if (mins == NULL)
    return FALSE;
  guint nn = tnet_network_n_nodes (net);
  g_autofree TnetWeight *ms = g_new (TnetWeight, MAX (nn, 1));
  for (guint v = 0; v < nn; v++)
    ms[v] = mins[v] >= 0 ? tnet_weight_from_min (mins[v]) : TNET_WEIGHT_INF;
  tnet_map_set_isochrone (map, ms, nn, tnet_weight_from_min (minutes), origin);
  if (!add_isochrone_bands (map, net, scen, mins, minutes, profile, error))
    return FALSE;
  const TnetNode *o = tnet_network_node (net, origin);
  g_autofree char *zh = g_strdup_printf ("%.0f 分钟等时圈", minutes);
  g_autofree char *en = g_strdup_printf ("%.0f-min isochrone by %s", minutes,
                                         profile ? profile : "car");
  g_autofree char *what = tnet_map_label (map, zh, en);
  titles->title = g_strdup_printf ("%s %s", o->name ? o->name : o->id, what);
  titles->subtitle = g_strdup_printf ("Scenario %s: every place reachable from %s within "
                                      "%.0f min", sname, from, minutes);
  return TRUE;
}

/* --layer corridors: the paths between places @a and @b, and with
 * @critical the most critical links of @profile's trips. Bad --k,
 * --critical or --profile are G_OPTION_ERROR. */
static gboolean
draw_corridors (TnetMap *map, const TnetNetwork *net, const TnetScenario *scen,
                const char *a, const char *b, int k, int critical, const char *profile,
                const char *sname, MapTitles *titles, GError **error)
{
  if (k < 1 || k > 16 || critical < 0 || critical > 50)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--k: expected 1..16; --critical: expected 0..50");
      return FALSE;
    }
  TnetProfile prof = TNET_PROFILE_CAR;
  if (profile && !tnet_profile_from_string (profile, &prof))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "unknown --profile “%s” (expected car, transit or park_and_ride)", profile);
      return FALSE;
    }
  guint added = add_corridor_paths (map, net, scen, a, b, (guint) k, (guint) critical, prof,
                                    error);
  if (added == G_MAXUINT)
    return FALSE;
  g_autofree char *what = tnet_map_label (map, "走廊", "Corridor");
  titles->title = g_strdup_printf ("%s %s → %s", what, place_name (net, a),
                                   place_name (net, b));
  titles->subtitle = g_strdup_printf ("Scenario %s: up to %d link-disjoint fastest paths by "
                                      "rail and by road%s%s", sname, k,
                                      critical ? "; the most critical links numbered" : "",
                                      added ? "" : " (none found)");
  return TRUE;
}

/* --layer structures: the rings and axes of the folder's structures.csv. */
static gboolean
draw_structures (TnetMap *map, const TnetNetwork *net, const TnetScenario *scen, int year,
                 const char *sname, MapTitles *titles, GError **error)
{
  guint added = tnet_cli_map_add_structures (map, net, scen, error);
  if (added == G_MAXUINT)
    return FALSE;
  if (added == 0)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                   "--layer structures: the network folder has no structures.csv");
      return FALSE;
    }
  g_autofree char *what = tnet_map_label (map, "网络结构", "Network structures");
  titles->title = g_strdup_printf ("%s %d", what, year);
  titles->subtitle = g_strdup_printf ("Scenario %s: %u rings and axes of structures.csv; "
                                      "open links solid, gaps dashed", sname, added);
  return TRUE;
}

/* --layer network: the titles of the network coloured by mode and status. */
static void
network_titles (const TnetDataset *ds, int year, int base_year, const char *sname,
                MapTitles *titles)
{
  titles->title = tnet_cli_map_title (ds, year);
  titles->subtitle = base_year > 0
    ? g_strdup_printf ("Scenario %s: roads and railways by mode and status; links "
                       "opened after %d highlighted", sname ? sname : "", base_year)
    : g_strdup_printf ("Scenario %s: roads and railways by mode and status",
                       sname ? sname : "");
}

int
tnet_cmd_map (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  g_autofree char *layer = NULL, *from = NULL, *profile = NULL, *title = NULL;
  double minutes = 60;
  int base_year = -1, width = 0, height = 0, k = 2, critical = 0;
  GError *error = NULL;
  const GOptionEntry entries[] = {
    { "layer", 0, 0, G_OPTION_ARG_STRING, &layer,
      "What to draw: network (default), isochrone, corridors or structures", "LAYER" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      "Isochrone origin: a place (a node id or name, a region id, region:R, zones:R, "
      "kind:K or all; docs/cli.md, Places)", "PLACE" },
    { "minutes", 0, 0, G_OPTION_ARG_DOUBLE, &minutes, "Isochrone budget (default 60)", "N" },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile,
      "Isochrone profile, and corridors: the profile whose trips --critical scans "
      "(default car)", "car|transit|park_and_ride" },
    { "base-year", 0, 0, G_OPTION_ARG_INT, &base_year,
      "Highlight links opened after this year (default: the first year the data describe; 0: none)", "YEAR" },
    { "k", 0, 0, G_OPTION_ARG_INT, &k,
      "Corridors: link-disjoint fastest paths per mode group (default 2)", "K" },
    { "critical", 0, 0, G_OPTION_ARG_INT, &critical,
      "Corridors: also mark the N most critical links", "N" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, "Map title", "TEXT" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Width in pixels (default 1100)", "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height in pixels (default 840)", "PX" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = tnet_cli_context_new ("[A B] -o FILE.svg|FILE.png",
    "Draws a map: the network coloured by mode and status (links opened after\n"
    "the base year highlighted), an isochrone shaded by travel time\n"
    "(--layer isochrone --from PLACE --minutes N), or the link-disjoint fastest\n"
    "rail and road paths between places A and B (--layer corridors A B [--k K]\n"
    "[--critical N]), or the rings and axes of the folder's structures.csv, each\n"
    "in its colour with its gaps dashed (--layer structures); a place is a node\n"
    "id or name, a region id, region:R, zones:R, kind:K or all (docs/cli.md).", entries);
  tnet_cli_add_common_formats (ctx, &common, 0, 0);   /* the image's kind: -o's extension */
  int rc = TNET_EXIT_OK;
  const TnetNetwork *net = NULL;
  g_autoptr (TnetScenario) scen = NULL;
  g_autoptr (TnetMap) map = NULL;
  MapTitles titles = { NULL, NULL };
  g_autofree char *year_name = NULL;

  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      rc = tnet_cli_fail (ctx, error);
      goto out;
    }
  const char *lay = layer ? layer : "network";
  if ((rc = check_map_args (ctx, lay, common.output, argc, argv, from, width, height))
      != TNET_EXIT_OK)
    goto out;
  if (!tnet_map_supported ())
    {
      g_set_error (&error, TNET_ERROR, TNET_ERROR_UNSUPPORTED,
                   "maps are not available: tnet was built without cairo (-Dmaps)");
      rc = tnet_cli_fail (NULL, error);
      goto out;
    }
  if (!tnet_cli_load (&common, &net, &scen, &error))
    {
      rc = tnet_cli_fail (ctx, error);
      goto out;
    }
  if (base_year < 0)
    base_year = tnet_dataset_get_baseline_year (common.dataset);
  map = tnet_map_new (net, scen);
  tnet_map_set_base_year (map, base_year);
  tnet_cli_map_add_dataset (map, common.dataset);
  if (width)
    tnet_map_set_size (map, width, height);
  int year = tnet_scenario_get_year (scen);
  year_name = g_strdup_printf ("%d", year);
  const char *sname = tnet_scenario_get_name (scen);
  if (sname == NULL || *sname == '\0')
    sname = year_name;
  gboolean ok = TRUE;
  if (strcmp (lay, "isochrone") == 0)
    ok = draw_isochrone (map, net, scen, from, profile, minutes, sname, &titles, &error);
  else if (strcmp (lay, "corridors") == 0)
    ok = draw_corridors (map, net, scen, argv[1], argv[2], k, critical, profile, sname,
                         &titles, &error);
  else if (strcmp (lay, "structures") == 0)
    ok = draw_structures (map, net, scen, year, sname, &titles, &error);
  else
    network_titles (common.dataset, year, base_year, sname, &titles);
  if (!ok)
    {
      rc = tnet_cli_fail (NULL, error);
      goto out;
    }
  tnet_map_set_title (map, title ? title : titles.title, titles.subtitle);
  if (!tnet_map_save (map, common.output, &error))
    {
      rc = tnet_cli_fail (NULL, error);
      goto out;
    }
  if (!common.quiet)
    fprintf (stderr, "wrote %s\n", common.output);
out:
  map_titles_clear (&titles);
  tnet_cli_common_clear (&common);
  return rc;
}
