/* report-hubs.c: the report's hub section — per hub the mean walk and walk
 * + wait, and the plan's indicator hub_transfer_minutes: the mean walk over
 * the new integrated hubs (hubs.csv kind integrated_new) open in the year. */
#include "tnet-internal.h"
#include "report-private.h"

static gboolean
run_hubs (const TnetReportContext *ctx, JsonBuilder *b, GString *text, GError **error)
{
  const TnetHubSet *hubs = tnet_dataset_get_hubs (ctx->ds);
  if (!hubs)
    return TRUE;   /* no hubs.csv: nothing to report */
  const TnetFeed *feed = NULL;
  if (!tnet_dataset_get_feed (ctx->ds, tnet_scenario_get_year (ctx->scen), &feed, error))
    return FALSE;
  g_autoptr (TnetHubTransfers) t = tnet_hub_transfers_compute (hubs, feed, ctx->scen);
  guint n = 0;
  tnet_i_report_indicator (ctx, "hub_transfer_minutes",
                           "Mean transfer walk in new integrated hubs", "min", 1);
  /* the milliseconds of the C API, shown in minutes */
  double v = tnet_hub_transfers_indicator_ms (t, TNET_HUB_INTEGRATED_NEW, &n) / 60000.0;
  tnet_i_json_add_number (b, "hub_transfer_minutes", v, 2);
  json_builder_set_member_name (b, "hub_transfer_hubs");
  json_builder_begin_object (b);
  for (guint i = 0; i < tnet_hub_transfers_n_hubs (t); i++)
    {
      const TnetHubTable *tab = tnet_hub_transfers_get (t, i);
      json_builder_set_member_name (b, tab->hub->id);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, tnet_hub_kind_to_string (tab->hub->kind));
      json_builder_set_member_name (b, "in_service");
      json_builder_add_boolean_value (b, tab->in_service);
      json_builder_set_member_name (b, "status");
      json_builder_add_string_value (b, tab->status);
      double walk = tab->mean_walk_ms / 60000.0, walk_wait = tab->mean_walk_wait_ms / 60000.0;
      tnet_i_json_add_number (b, "walk_min", walk, 2);
      tnet_i_json_add_number (b, "wait_min", walk_wait - walk, 2);
      tnet_i_json_add_number (b, "walk_wait_min", walk_wait, 2);
      tnet_i_json_add_number (b, "weighted_walk_wait_min", tab->weighted_walk_wait_ms / 60000.0,
                              2);
      json_builder_end_object (b);
      g_string_append_printf (text, "  %s (%s): ", tab->hub->name && *tab->hub->name
                              ? tab->hub->name : tab->hub->id, tab->hub->id);
      if (tab->in_service)
        g_string_append_printf (text, "walk %.1f min, wait %.1f min, walk+wait %.1f min "
                                "(%u pairs)\n", walk, walk_wait - walk, walk_wait,
                                tab->n_pairs);
      else
        g_string_append_printf (text, "not in service (%s)\n", tab->status);
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "hub_transfer_n_hubs");
  json_builder_add_int_value (b, n);
  if (n)
    g_string_append_printf (text, "  mean walk over the %u new integrated hubs in service: "
                            "%.1f min\n", n, v);
  g_string_append (text, "  The target is compared with the walk: the hub's layout decides the "
                   "walk between its stops,\n  while the wait depends on the services' "
                   "timetables, which the hub does not control;\n  walk+wait is shown "
                   "for the traveller's whole change.\n");
  return TRUE;
}

const TnetReportSection tnet_i_report_section_hubs = {
  "hubs", "Hub transfer times", run_hubs
};
