/* scenario-summary.c: what a scenario file asks for and the network it
 * leaves, as the opening of `tnet run`'s results.json and report.txt. */
#include "tnet-internal.h"
#include "json-text.h"
#include <tnet/tnet-scenario-file.h>

#include <math.h>

/* The links @scen leaves active and their kilometres per mode. */
static guint
active_totals (const TnetScenario *scen, const TnetNetwork *net, double km[TNET_N_MODES])
{
  guint active = 0;
  for (guint md = 0; md < TNET_N_MODES; md++)
    km[md] = 0;
  for (guint i = 0; i < tnet_network_n_links (net); i++)
    if (tnet_scenario_link_active (scen, net, i))
      {
        const TnetLink *l = tnet_network_link (net, i);
        active++;
        km[l->mode] += l->length_m / 1000.0;
      }
  return active;
}

static void
add_strv (JsonBuilder *b, const char *name, const char *const *v)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; v && v[i]; i++)
    json_builder_add_string_value (b, v[i]);
  json_builder_end_array (b);
}

/* The object "scenario": file, name, year, statuses, network folder, the
 * closures the file lists. */
static void
scenario_json (JsonBuilder *b, const TnetScenarioFile *sf, const TnetScenario *scen,
               const TnetNetwork *net)
{
  json_builder_set_member_name (b, "scenario");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, tnet_scenario_file_get_path (sf));
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, tnet_scenario_get_name (scen));
  tnet_i_json_add_int (b, "year", tnet_scenario_get_year (scen));
  json_builder_set_member_name (b, "statuses");
  json_builder_begin_array (b);
  guint mask = tnet_scenario_get_statuses (scen);
  for (guint s = 0; s < TNET_N_STATUSES; s++)
    if (mask & TNET_STATUS_BIT (s))
      json_builder_add_string_value (b, tnet_status_to_string (s));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "network");
  json_builder_add_string_value (b, tnet_network_get_dir (net) ? tnet_network_get_dir (net)
                                                               : "");
  add_strv (b, "closed_lines", tnet_scenario_file_get_strv (sf, "closures", "lines"));
  add_strv (b, "closed_links", tnet_scenario_file_get_strv (sf, "closures", "links"));
  json_builder_end_object (b);
}

char *
tnet_scenario_file_summary_to_json (const TnetScenarioFile *sf, const TnetScenario *scen,
                                    const TnetNetwork *net, gboolean pretty)
{
  g_return_val_if_fail (sf != NULL && scen != NULL && net != NULL, NULL);
  double km[TNET_N_MODES];
  guint active = active_totals (scen, net, km);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  scenario_json (b, sf, scen, net);
  json_builder_set_member_name (b, "network");
  json_builder_begin_object (b);
  tnet_i_json_add_int (b, "nodes", tnet_network_n_nodes (net));
  tnet_i_json_add_int (b, "links", tnet_network_n_links (net));
  tnet_i_json_add_int (b, "active_links", active);
  json_builder_set_member_name (b, "km_by_mode");
  json_builder_begin_object (b);
  for (guint md = 0; md < TNET_N_MODES; md++)
    if (km[md] > 0)
      {
        json_builder_set_member_name (b, tnet_mode_to_string (md));
        json_builder_add_double_value (b, round (km[md] * 10) / 10);
      }
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return tnet_json_to_text (root, pretty ? 2 : 0);
}

char *
tnet_scenario_file_summary_to_text (const TnetScenarioFile *sf, const TnetScenario *scen,
                                    const TnetNetwork *net)
{
  g_return_val_if_fail (sf != NULL && scen != NULL && net != NULL, NULL);
  double km[TNET_N_MODES];
  guint active = active_totals (scen, net, km);
  const char *dir = tnet_network_get_dir (net);
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "Scenario: %s (%d)\nFile: %s\nNetwork: %s\n",
                          tnet_scenario_get_name (scen), tnet_scenario_get_year (scen),
                          tnet_scenario_file_get_path (sf), dir ? dir : "-");
  g_string_append_printf (s, "Active links: %u of %u\n", active, tnet_network_n_links (net));
  const char *const *cl = tnet_scenario_file_get_strv (sf, "closures", "lines");
  const char *const *ck = tnet_scenario_file_get_strv (sf, "closures", "links");
  if (cl || ck)
    {
      g_autofree char *a = cl ? g_strjoinv (", ", (char **) cl) : g_strdup ("-");
      g_autofree char *c = ck ? g_strjoinv (", ", (char **) ck) : g_strdup ("-");
      g_string_append_printf (s, "Closed lines: %s\nClosed links: %s\n", a, c);
    }
  g_string_append (s, "\n");
  return g_string_free (s, FALSE);
}
