/* report-inputs.c: what each indicator of the report rests on — the files
 * and columns it reads, how many rows of the network count for it in a
 * scenario, their confidence and source keys — and whether an input was
 * calibrated to the indicator's own target (a link tag
 * `calibrated:<indicator>`), in which case the indicator is evidence of
 * nothing and the report says so instead of pass/fail. */
#include "tnet-internal.h"
#include "report-private.h"
#include "string-sort.h"

/* Link modes whose rows an indicator reads, and in which part of the
 * network: both ends in the home region, or anywhere. */
typedef enum { SCOPE_HOME, SCOPE_ANY } Scope;

typedef struct {
  const char *key;
  guint modes;                 /* link modes read (0: none) */
  Scope scope;
  const char *const files[6];  /* "file: columns", NULL-terminated */
} InputSpec;

#define ROAD_ACCESS (TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS))
#define EVERY_MODE TNET_MODES_ALL

static const InputSpec specs[] = {
  { "expressway_km", TNET_MODE_BIT (TNET_MODE_EXPRESSWAY), SCOPE_HOME,
    { "links.csv: length_km, mode, open_year, status, tags", "nodes.csv: lon, lat, region",
      NULL } },
  { "rail_km", TNET_MODES_RAIL, SCOPE_HOME,
    { "links.csv: length_km, mode, open_year, status, tags", "nodes.csv: lon, lat, region",
      NULL } },
  { "hsr_km", TNET_MODE_BIT (TNET_MODE_HSR), SCOPE_HOME,
    { "links.csv: length_km, mode, open_year, status", "nodes.csv: lon, lat, region", NULL } },
  { "trunk_class2_pct", TNET_MODE_BIT (TNET_MODE_TRUNK), SCOPE_HOME,
    { "links.csv: class, length_km, open_year, status, tags", "nodes.csv: region", NULL } },
  { "county_units_2_expressways_pct", TNET_MODE_BIT (TNET_MODE_EXPRESSWAY), SCOPE_ANY,
    { "links.csv: line, mode, open_year, status", "nodes.csv: county", "units.csv: counties",
      NULL } },
  { "interchange_minutes", ROAD_ACCESS, SCOPE_ANY,
    { "links.csv: length_km, speed_kmh, time_min", "units.csv: seat_node", NULL } },
  { "*_rail_lines", TNET_MODES_RAIL, SCOPE_ANY,
    { "links.csv: line, mode, open_year, status", "nodes.csv: region", NULL } },
  { "*_road_lines", TNET_MODES_ROAD, SCOPE_ANY,
    { "links.csv: line, mode, open_year, status", "nodes.csv: region", NULL } },
  { "commute_60min_pct", EVERY_MODE, SCOPE_ANY,
    { "links.csv: length_km, speed_kmh, time_min", "gtfs-YEAR: stop_times, frequencies",
      "units.csv: zone_node", "nodes.csv: population", NULL } },
  { "commute_60min_pct_*", EVERY_MODE, SCOPE_ANY,
    { "links.csv: length_km, speed_kmh, time_min", "gtfs-YEAR: stop_times, frequencies",
      "plan.ini: [commute] destinations", "nodes.csv: population", NULL } },
  { "*_disjoint_paths", EVERY_MODE, SCOPE_ANY,
    { "links.csv: from, to, mode, open_year, status", "nodes.csv: region", NULL } },
  { "critical_link_max_increase_min", ROAD_ACCESS, SCOPE_ANY,
    { "links.csv: length_km, speed_kmh, time_min", "nodes.csv: region", NULL } },
  { "rings_closed", EVERY_MODE, SCOPE_ANY,
    { "structures.csv: kind, members, centre", "links.csv: from, to, line, open_year, status",
      "nodes.csv: lon, lat", NULL } },
  { "axes_joined", EVERY_MODE, SCOPE_ANY,
    { "structures.csv: kind, members, ends", "links.csv: from, to, line, open_year, status",
      NULL } },
  { "hub_transfer_minutes", 0, SCOPE_ANY,
    { "hubs.csv: members, open_year, level_change_min",
      "gtfs-YEAR/stops.txt: stop_lat, stop_lon (walk = straight line x 1.2 at 4.8 km/h)",
      "gtfs-YEAR: stop_times, frequencies (wait)", "hub_walks.csv: measured walks (override)",
      NULL } },
};

static const InputSpec *
find_spec (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      /* "*_suffix": an indicator of every region pair of the plan */
      const char *k = specs[i].key;
      if (k[0] == '*' ? g_str_has_suffix (key, k + 1) : strcmp (k, key) == 0)
        return &specs[i];
      /* "prefix_*": one indicator per destination of a commute group */
      size_t n = strlen (k);
      if (n && k[n - 1] == '*' && strncmp (key, k, n - 1) == 0)
        return &specs[i];
    }
  return NULL;
}

static gboolean
in_home (const TnetNetwork *net, TnetId node, const char *home)
{
  const char *r = tnet_network_node (net, node)->region;
  return home && r && strcmp (r, home) == 0;
}

/* Adds each ';'-separated key of @sources to @set. */
static void
add_sources (GHashTable *set, const char *sources)
{
  if (!sources || !*sources)
    return;
  g_auto (GStrv) parts = g_strsplit (sources, ";", -1);
  for (guint k = 0; parts[k]; k++)
    {
      char *s = g_strstrip (parts[k]);
      if (*s)
        g_hash_table_add (set, g_strdup (s));
    }
}

gboolean
tnet_i_report_indicator_calibrated (const TnetNetwork *net, const TnetScenario *scen,
                                    const char *key)
{
  g_autofree char *tag = g_strdup_printf ("calibrated:%s", key);
  for (TnetId i = 0; i < tnet_network_n_links (net); i++)
    if (tnet_link_has_tag (tnet_network_link (net, i), tag)
        && tnet_scenario_link_active (scen, net, i))
      return TRUE;
  return FALSE;
}

void
tnet_i_report_add_inputs (const TnetNetwork *net, const TnetScenario *scen,
                          const char *home, const char *key, JsonBuilder *b)
{
  const InputSpec *spec = find_spec (key);
  g_autofree char *tag = g_strdup_printf ("calibrated:%s", key);
  guint rows = 0, calibrated = 0, conf[4] = { 0 };
  g_autoptr (GHashTable) sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (TnetId i = 0; spec && spec->modes && i < tnet_network_n_links (net); i++)
    {
      const TnetLink *l = tnet_network_link (net, i);
      if (!(TNET_MODE_BIT (l->mode) & spec->modes) || !tnet_scenario_link_active (scen, net, i))
        continue;
      if (spec->scope == SCOPE_HOME && !(in_home (net, l->from, home) && in_home (net, l->to, home)))
        continue;
      rows++;
      const char *c = l->confidence ? l->confidence : "";
      conf[strcmp (c, "high") == 0 ? 0 : strcmp (c, "medium") == 0 ? 1
           : strcmp (c, "low") == 0 ? 2 : 3]++;
      calibrated += tnet_link_has_tag (l, tag);
      add_sources (sources, l->source);
    }
  json_builder_set_member_name (b, "inputs");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "files");
  json_builder_begin_array (b);
  for (guint k = 0; spec && k < G_N_ELEMENTS (spec->files) && spec->files[k]; k++)
    json_builder_add_string_value (b, spec->files[k]);
  json_builder_end_array (b);
  if (spec && spec->modes)
    {
      json_builder_set_member_name (b, "link_rows");
      json_builder_add_int_value (b, rows);
      json_builder_set_member_name (b, "confidence");
      json_builder_begin_object (b);
      static const char *const names[4] = { "high", "medium", "low", "none" };
      for (int k = 0; k < 4; k++)
        {
          json_builder_set_member_name (b, names[k]);
          json_builder_add_int_value (b, conf[k]);
        }
      json_builder_end_object (b);
      g_autoptr (GPtrArray) keys = g_ptr_array_new ();
      tnet_i_hash_table_sorted_keys (sources, keys);
      tnet_i_json_add_strings (b, "sources", keys);
    }
  json_builder_set_member_name (b, "calibrated_rows");
  json_builder_add_int_value (b, calibrated);
  json_builder_end_object (b);
}

const char *const *
tnet_i_report_input_files (const char *key)
{
  const InputSpec *spec = find_spec (key);
  return spec ? spec->files : NULL;
}
