/* journey-output.c: the JSON and text forms of a #TnetJourney, written
 * once for `tnet route --profile P --frequency-model` and serve's /route
 * by the approximation's graph. */
#include "tnet-internal.h"
#include "json-text.h"
#include <math.h>

/* Member @name: @ms in minutes to 0.001. */
static void
add_min (JsonBuilder *b, const char *name, TnetWeight ms)
{
  tnet_i_json_add_number (b, name, ms / 60000.0, 3);
}

static void
leg_json (JsonBuilder *b, const TnetLeg *l)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, tnet_leg_kind_to_string (l->kind));
  json_builder_set_member_name (b, "mode");
  json_builder_add_string_value (b, tnet_mode_to_string (l->mode));
  tnet_i_json_add_string (b, "line", l->line);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, l->from);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, l->to);
  add_min (b, "min", l->time_ms);
  json_builder_end_object (b);
}

char *
tnet_journey_to_json (const TnetJourney *j, const TnetJourneyLabels *labels)
{
  g_return_val_if_fail (j != NULL && labels != NULL, NULL);
  g_return_val_if_fail (labels->from != NULL && labels->to != NULL, NULL);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, labels->from);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, labels->to);
  json_builder_set_member_name (b, "profile");
  json_builder_add_string_value (b, tnet_profile_to_string (labels->profile));
  json_builder_set_member_name (b, "scenario_year");
  json_builder_add_int_value (b, labels->year);
  tnet_i_json_add_string (b, "feed", labels->feed);
  add_min (b, "total_min", j->total_ms);
  add_min (b, "access_min", j->access_ms);
  add_min (b, "wait_min", j->wait_ms);
  add_min (b, "in_vehicle_min", j->in_vehicle_ms);
  add_min (b, "transfer_min", j->transfer_ms);
  add_min (b, "egress_min", j->egress_ms);
  json_builder_set_member_name (b, "legs");
  json_builder_begin_array (b);
  for (guint i = 0; i < j->n_legs; i++)
    leg_json (b, &j->legs[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return tnet_json_to_text (root, 2);
}

char *
tnet_journey_to_text (const TnetJourney *j, const TnetJourneyLabels *labels)
{
  g_return_val_if_fail (j != NULL && labels != NULL, NULL);
  g_return_val_if_fail (labels->from != NULL && labels->to != NULL, NULL);
  const char *feed = labels->feed;
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "Route by %s from %s to %s (scenario %d%s%s)\n",
                          tnet_profile_to_string (labels->profile), labels->from, labels->to,
                          labels->year, feed ? ", feed " : "", feed ? feed : "");
  for (guint i = 0; i < j->n_legs; i++)
    {
      const TnetLeg *l = &j->legs[i];
      g_string_append_printf (out, "  %-8s %-9s %s%s%s -> %s, %.1f min\n",
                              tnet_leg_kind_to_string (l->kind), tnet_mode_to_string (l->mode),
                              l->line ? l->line : "", l->line ? ": " : "", l->from, l->to,
                              l->time_ms / 60000.0);
    }
  g_string_append_printf (out, "Total: %.1f min (access %.1f, wait %.1f, in-vehicle %.1f, "
                          "transfer %.1f, egress %.1f)\n", j->total_ms / 60000.0,
                          j->access_ms / 60000.0, j->wait_ms / 60000.0,
                          j->in_vehicle_ms / 60000.0, j->transfer_ms / 60000.0,
                          j->egress_ms / 60000.0);
  return g_string_free (out, FALSE);
}
