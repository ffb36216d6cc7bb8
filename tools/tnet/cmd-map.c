/* cmd-map.c: `tnet map`, SVG/PNG maps of the network and of results. */
#include "cli-extra.h"
#include "commands.h"
#include <math.h>
#include <string.h>

#define CAR_MODES (TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS))
#define RAIL_MODES (TNET_MODES_RAIL | TNET_MODE_BIT (TNET_MODE_METRO) | \
                    TNET_MODE_BIT (TNET_MODE_ACCESS) | TNET_MODE_BIT (TNET_MODE_WALK))

/* Adds the fastest road and rail paths from @a to @b to @map (the
 * corridor layer). Returns the number of paths added. */
static guint
add_corridor_paths (TnetMap *map, const TnetNetwork *net, const TnetScenario *scen,
                    const char *a, const char *b, GError **error)
{
  g_autoptr (GArray) na = tnet_cli_resolve_place (net, a, TRUE, error);
  if (na == NULL)
    return G_MAXUINT;
  g_autoptr (GArray) nb = tnet_cli_resolve_place (net, b, TRUE, error);
  if (nb == NULL)
    return G_MAXUINT;
  static const struct { const char *name; guint mask; } groups[] = {
    { "公路 road", CAR_MODES }, { "铁路 rail", RAIL_MODES },
  };
  guint added = 0;
  for (guint k = 0; k < G_N_ELEMENTS (groups); k++)
    {
      guint64 ms = 0;
      g_autoptr (GArray) path = tnet_cli_fastest_path (net, scen, na, nb, groups[k].mask,
                                                       &ms, error);
      if (path == NULL && error && *error)
        return G_MAXUINT;
      if (path == NULL || path->len == 0)
        continue;
      g_autofree char *label = g_strdup_printf ("fastest by %s: %.1f min", groups[k].name,
                                                ms / 60000.0);
      tnet_map_add_path (map, (const TnetId *) path->data, path->len, label);
      added++;
    }
  return added;
}

int
tnet_cmd_map (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  g_autofree char *layer = NULL, *from = NULL, *profile = NULL, *title = NULL;
  double minutes = 60;
  int base_year = 2020, width = 0, height = 0;
  GError *error = NULL;
  const GOptionEntry entries[] = {
    { "layer", 0, 0, G_OPTION_ARG_STRING, &layer,
      "What to draw: network (default), isochrone or corridors", "LAYER" },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      "Isochrone origin: node id, region:NAME or a region name", "PLACE" },
    { "minutes", 0, 0, G_OPTION_ARG_DOUBLE, &minutes, "Isochrone budget (default 60)", "N" },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile, "Isochrone profile (default car)",
      "PROFILE" },
    { "base-year", 0, 0, G_OPTION_ARG_INT, &base_year,
      "Highlight links opened after this year (default 2020; 0: none)", "YEAR" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, "Map title", "TEXT" },
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Width in pixels (default 1100)", "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Height in pixels (default 840)", "PX" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new ("[A B] -o FILE.svg|FILE.png");
  g_option_context_set_summary (ctx,
    "Draws a map: the network coloured by mode and status (links opened after\n"
    "the base year highlighted), an isochrone shaded by travel time\n"
    "(--layer isochrone --from PLACE --minutes N), or the fastest road and rail\n"
    "paths between places A and B (--layer corridors A B).");
  g_option_context_add_main_entries (ctx, entries, NULL);
  tnet_cli_add_common (ctx, &common);
  int rc = TNET_EXIT_OK;
  g_autoptr (TnetNetwork) net = NULL;
  g_autoptr (TnetScenario) scen = NULL;
  g_autoptr (TnetMap) map = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *auto_title = NULL;

  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      rc = tnet_cli_fail (ctx, error);
      goto out;
    }
  const char *lay = layer ? layer : "network";
  gboolean corridors = strcmp (lay, "corridors") == 0;
  if (strcmp (lay, "network") != 0 && strcmp (lay, "isochrone") != 0 && !corridors)
    {
      rc = tnet_cli_usage (ctx, "unknown --layer '%s' (expected network, isochrone or "
                           "corridors)", lay);
      goto out;
    }
  if (common.output == NULL || strcmp (common.output, "-") == 0)
    {
      rc = tnet_cli_usage (ctx, "give the map file with -o FILE.svg or -o FILE.png");
      goto out;
    }
  if (argc != (corridors ? 3 : 1))
    {
      rc = tnet_cli_usage (ctx, corridors ? "--layer corridors expects two places A B"
                                          : "unexpected argument '%s'", argv[1]);
      goto out;
    }
  if (strcmp (lay, "isochrone") == 0 && from == NULL)
    {
      rc = tnet_cli_usage (ctx, "--layer isochrone needs --from PLACE");
      goto out;
    }
  if ((width || height) && (width < 300 || height < 200 || width > 10000 || height > 10000))
    {
      rc = tnet_cli_usage (ctx, "--width/--height: expected 300..10000 x 200..10000 pixels");
      goto out;
    }
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
  map = tnet_map_new (net, scen);
  tnet_map_set_base_year (map, base_year);
  if (width)
    tnet_map_set_size (map, width, height);
  const char *sname = tnet_scenario_get_name (scen);
  int year = tnet_scenario_get_year (scen);
  if (strcmp (lay, "isochrone") == 0)
    {
      TnetId origin = TNET_ID_NONE;
      g_autofree double *mins = tnet_cli_isochrone (net, scen, from, profile, minutes,
                                                    &origin, &error);
      if (mins == NULL)
        {
          rc = tnet_cli_fail (NULL, error);
          goto out;
        }
      tnet_map_set_isochrone (map, mins, tnet_network_n_nodes (net), minutes, origin);
      const TnetNode *o = tnet_network_node (net, origin);
      auto_title = g_strdup_printf ("%s %.0f 分钟等时圈  %.0f-min isochrone by %s",
                                    o->name ? o->name : o->id, minutes, minutes,
                                    profile ? profile : "car");
      subtitle = g_strdup_printf ("Scenario %s (%d): every place reachable from %s within "
                                  "%.0f min", sname ? sname : "", year, from, minutes);
    }
  else if (corridors)
    {
      guint added = add_corridor_paths (map, net, scen, argv[1], argv[2], &error);
      if (added == G_MAXUINT)
        {
          rc = tnet_cli_fail (NULL, error);
          goto out;
        }
      auto_title = g_strdup_printf ("走廊 Corridor %s → %s", argv[1], argv[2]);
      subtitle = g_strdup_printf ("Scenario %s (%d): fastest paths by road and by rail%s",
                                  sname ? sname : "", year,
                                  added ? "" : " (none found)");
    }
  else
    {
      auto_title = g_strdup_printf ("许昌综合交通网络 %d  Xuchang transport network %d",
                                    year, year);
      subtitle = base_year > 0
        ? g_strdup_printf ("Scenario %s: roads and railways by mode and status; links "
                           "opened after %d highlighted", sname ? sname : "", base_year)
        : g_strdup_printf ("Scenario %s: roads and railways by mode and status",
                           sname ? sname : "");
    }
  tnet_map_set_title (map, title ? title : auto_title, subtitle);
  if (!tnet_map_save (map, common.output, &error))
    {
      rc = tnet_cli_fail (NULL, error);
      goto out;
    }
  if (!common.quiet)
    fprintf (stderr, "wrote %s\n", common.output);
out:
  tnet_cli_common_clear (&common);
  return rc;
}
