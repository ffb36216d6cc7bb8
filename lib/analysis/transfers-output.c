/* transfers-output.c: the JSON, text and CSV forms of hub transfer tables
 * (tnet_hub_transfers_compute()), written once for `tnet transfers`, the
 * [transfers] section of `tnet run` and serve's /transfers. */
#include "tnet-internal.h"
#include "json-text.h"
#include <math.h>

/* Member @key: @v to 0.01, null when not finite. */
static void
num (JsonBuilder *b, const char *key, double v)
{
  tnet_i_json_add_number (b, key, v, 2);
}

/* Member @key: @ms (a duration in milliseconds, a double or a TnetWeight
 * converted by the caller) in minutes to 0.01, null when not finite. */
static void
minutes (JsonBuilder *b, const char *key, double ms)
{
  tnet_i_json_add_number (b, key, ms / 60000.0, 2);
}

static void
str (JsonBuilder *b, const char *key, const char *v)
{
  json_builder_set_member_name (b, key);
  json_builder_add_string_value (b, v ? v : "");
}

/* "YYYY-MM-DD" of a YYYYMMDD service date */
static char *
date_str (guint ymd)
{
  return g_strdup_printf ("%04u-%02u-%02u", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

static void
json_pair (JsonBuilder *b, const TnetTransferPair *p)
{
  json_builder_begin_object (b);
  str (b, "from", p->from_service);
  str (b, "to", p->to_service);
  str (b, "from_route", p->from_route);
  str (b, "to_route", p->to_route);
  str (b, "from_mode", tnet_mode_to_string (p->from_mode));
  str (b, "to_mode", tnet_mode_to_string (p->to_mode));
  str (b, "from_stop", p->from_stop);
  str (b, "to_stop", p->to_stop);
  minutes (b, "walk_min", p->walk_ms);
  minutes (b, "headway_min", p->headway_ms);
  minutes (b, "wait_min", p->wait_ms);
  minutes (b, "walk_wait_min", p->walk_wait_ms);
  num (b, "from_trips_per_hour", p->from_trips_per_hour);
  num (b, "to_trips_per_hour", p->to_trips_per_hour);
  num (b, "weight", p->weight);
  json_builder_set_member_name (b, "timetabled");
  json_builder_add_boolean_value (b, p->timetabled);
  if (p->timetabled)
    {
      minutes (b, "connection_wait_min", p->connection_wait_ms);
      json_builder_set_member_name (b, "arrivals");
      json_builder_add_int_value (b, p->n_arrivals);
      json_builder_set_member_name (b, "unconnected");
      json_builder_add_int_value (b, p->n_unconnected);
    }
  json_builder_end_object (b);
}

static void
json_hub (JsonBuilder *b, const TnetHubTable *tab)
{
  const TnetHub *h = tab->hub;
  json_builder_begin_object (b);
  str (b, "id", h->id);
  str (b, "name", h->name);
  str (b, "name_en", h->name_en);
  str (b, "kind", tnet_hub_kind_to_string (h->kind));
  json_builder_set_member_name (b, "open_year");
  if (h->open_year)
    json_builder_add_int_value (b, h->open_year);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "in_service");
  json_builder_add_boolean_value (b, tab->in_service);
  str (b, "status", tab->status);
  json_builder_set_member_name (b, "services");
  json_builder_add_int_value (b, tab->n_services);
  num (b, "target_min", tnet_weight_to_min (h->target_ms));
  json_builder_set_member_name (b, "pass");
  if (tab->has_target && tab->in_service)
    json_builder_add_boolean_value (b, tab->pass);
  else
    json_builder_add_null_value (b);
  minutes (b, "mean_walk_min", tab->mean_walk_ms);
  minutes (b, "mean_walk_wait_min", tab->mean_walk_wait_ms);
  minutes (b, "weighted_walk_min", tab->weighted_walk_ms);
  minutes (b, "weighted_walk_wait_min", tab->weighted_walk_wait_ms);
  if (tab->n_timetabled_pairs)
    minutes (b, "mean_connection_wait_min", tab->mean_connection_wait_ms);
  json_builder_set_member_name (b, "pairs");
  json_builder_begin_array (b);
  for (guint k = 0; k < tab->n_pairs; k++)
    json_pair (b, &tab->pairs[k]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "mode_pairs");
  json_builder_begin_array (b);
  for (guint k = 0; k < tab->n_mode_pairs; k++)
    {
      const TnetTransferModePair *m = &tab->mode_pairs[k];
      json_builder_begin_object (b);
      str (b, "from_mode", tnet_mode_to_string (m->from_mode));
      str (b, "to_mode", tnet_mode_to_string (m->to_mode));
      json_builder_set_member_name (b, "pairs");
      json_builder_add_int_value (b, m->n_pairs);
      minutes (b, "mean_walk_min", m->mean_walk_ms);
      minutes (b, "mean_walk_wait_min", m->mean_walk_wait_ms);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "worst_pairs");
  json_builder_begin_array (b);
  for (guint k = 0; k < tab->n_worst; k++)
    json_pair (b, &tab->pairs[tab->worst[k]]);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

/* The document of tnet_hub_transfers_to_json() added to @b. */
static void
transfers_json (JsonBuilder *b, const TnetHubTransfers *t, int only)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, tnet_hub_transfers_get_year (t));
  guint w0, w1, day;
  json_builder_set_member_name (b, "window");
  if (tnet_hub_transfers_get_window (t, &w0, &w1, &day))
    {
      g_autofree char *a = tnet_i_clock_hhmm ((gint32) w0);
      g_autofree char *z = tnet_i_clock_hhmm ((gint32) w1), *d = date_str (day);
      json_builder_begin_object (b);
      str (b, "start", a);
      str (b, "end", z);
      str (b, "service_date", d);
      json_builder_end_object (b);
    }
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "hubs");
  json_builder_begin_array (b);
  for (guint i = 0; i < tnet_hub_transfers_n_hubs (t); i++)
    if (only < 0 || (guint) only == i)
      json_hub (b, tnet_hub_transfers_get (t, i));
  json_builder_end_array (b);
  guint n = 0;
  double v = tnet_hub_transfers_indicator_ms (t, TNET_HUB_INTEGRATED_NEW, &n);
  json_builder_set_member_name (b, "integrated_new");
  json_builder_begin_object (b);
  minutes (b, "mean_walk_min", v);
  json_builder_set_member_name (b, "hubs");
  json_builder_add_int_value (b, n);
  json_builder_end_object (b);
  json_builder_end_object (b);
}

char *
tnet_hub_transfers_to_json (const TnetHubTransfers *t, int only)
{
  g_return_val_if_fail (t != NULL && only < (int) tnet_hub_transfers_n_hubs (t), NULL);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  transfers_json (b, t, only);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  return tnet_json_to_text (root, 2);
}

/* @ms in minutes to 0.1, "-" when not finite. */
static void
fmt (GString *s, double ms)
{
  if (isfinite (ms))
    g_string_append_printf (s, "%.1f", ms / 60000.0);
  else
    g_string_append (s, "-");
}

char *
tnet_hub_transfers_to_text (const TnetHubTransfers *t, int only)
{
  g_return_val_if_fail (t != NULL && only < (int) tnet_hub_transfers_n_hubs (t), NULL);
  GString *s = g_string_new (NULL);
  int year = tnet_hub_transfers_get_year (t);
  guint w0, w1, day;
  if (tnet_hub_transfers_get_window (t, &w0, &w1, &day))
    {
      g_autofree char *a = tnet_i_clock_hhmm ((gint32) w0);
      g_autofree char *z = tnet_i_clock_hhmm ((gint32) w1), *d = date_str (day);
      g_string_append_printf (s, "Window %s–%s on %s (headways and connection waits)\n", a, z, d);
    }
  for (guint i = 0; i < tnet_hub_transfers_n_hubs (t); i++)
    {
      if (only >= 0 && (guint) only != i)
        continue;
      const TnetHubTable *tab = tnet_hub_transfers_get (t, i);
      const TnetHub *h = tab->hub;
      g_string_append_printf (s, "%s (%s, %s), %d: ", h->name && *h->name ? h->name : h->id,
                              h->id, tnet_hub_kind_to_string (h->kind), year);
      if (!tab->in_service)
        {
          g_string_append_printf (s, "not in service (%s)\n", tab->status);
          continue;
        }
      g_string_append_printf (s, "%u services, %u pairs\n", tab->n_services, tab->n_pairs);
      g_string_append (s, "  from → to: walk + wait (headway) = walk+wait min");
      g_string_append (s, tab->n_timetabled_pairs ? "; timetabled wait\n" : "\n");
      for (guint k = 0; k < tab->n_pairs; k++)
        {
          const TnetTransferPair *p = &tab->pairs[k];
          g_string_append_printf (s, "    %s → %s (%s→%s): %.1f + %.1f (%.1f) = %.1f",
                                  p->from_service, p->to_service,
                                  tnet_mode_to_string (p->from_mode),
                                  tnet_mode_to_string (p->to_mode), p->walk_ms / 60000.0,
                                  p->wait_ms / 60000.0, p->headway_ms / 60000.0,
                                  p->walk_wait_ms / 60000.0);
          if (p->timetabled)
            {
              g_string_append (s, "; ");
              fmt (s, p->connection_wait_ms);
              g_string_append_printf (s, " (%u arrivals, %u unconnected)", p->n_arrivals,
                                      p->n_unconnected);
            }
          g_string_append_c (s, '\n');
        }
      g_string_append_printf (s, "  mean walk %.1f min, walk+wait %.1f min; weighted by "
                              "frequency ", tab->mean_walk_ms / 60000.0,
                              tab->mean_walk_wait_ms / 60000.0);
      fmt (s, tab->weighted_walk_ms);
      g_string_append (s, " / ");
      fmt (s, tab->weighted_walk_wait_ms);
      g_string_append (s, " min\n");
      if (tab->n_timetabled_pairs)
        {
          g_string_append (s, "  mean timetabled connection wait ");
          fmt (s, tab->mean_connection_wait_ms);
          g_string_append (s, " min\n");
        }
      g_string_append (s, "  by modes:");
      for (guint k = 0; k < tab->n_mode_pairs; k++)
        g_string_append_printf (s, "%s %s→%s %.1f / %.1f (%u)", k ? ";" : "",
                                tnet_mode_to_string (tab->mode_pairs[k].from_mode),
                                tnet_mode_to_string (tab->mode_pairs[k].to_mode),
                                tab->mode_pairs[k].mean_walk_ms / 60000.0,
                                tab->mode_pairs[k].mean_walk_wait_ms / 60000.0,
                                tab->mode_pairs[k].n_pairs);
      g_string_append (s, "\n  worst:");
      for (guint k = 0; k < tab->n_worst; k++)
        {
          const TnetTransferPair *p = &tab->pairs[tab->worst[k]];
          g_string_append_printf (s, "%s %s → %s %.1f", k ? "," : "", p->from_service,
                                  p->to_service, p->walk_wait_ms / 60000.0);
        }
      g_string_append_c (s, '\n');
      if (tab->has_target)
        g_string_append_printf (s, "  target %.1f min (walk): %s\n",
                                tnet_weight_to_min (h->target_ms),
                                tab->pass ? "pass" : "fail");
    }
  if (only < 0)
    {
      guint n = 0;
      double v = tnet_hub_transfers_indicator_ms (t, TNET_HUB_INTEGRATED_NEW, &n);
      if (n > 0)
        g_string_append_printf (s, "Mean walk over the %u new integrated hubs in service: "
                                "%.1f min\n", n, v / 60000.0);
    }
  return g_string_free (s, FALSE);
}

char *
tnet_hub_transfers_to_csv (const TnetHubTransfers *t, int only)
{
  g_return_val_if_fail (t != NULL && only < (int) tnet_hub_transfers_n_hubs (t), NULL);
  static const char *const header[] = { "hub", "status", "from", "to", "from_mode", "to_mode",
                                        "from_stop", "to_stop", "walk_min", "headway_min",
                                        "wait_min", "walk_wait_min", "weight",
                                        "connection_wait_min", "arrivals", "unconnected",
                                        NULL };
  TnetCsvWriter *w = tnet_csv_writer_new (header);
  for (guint i = 0; i < tnet_hub_transfers_n_hubs (t); i++)
    {
      if (only >= 0 && (guint) only != i)
        continue;
      const TnetHubTable *tab = tnet_hub_transfers_get (t, i);
      if (!tab->in_service)
        {
          tnet_csv_writer_add_text (w, tab->hub->id);
          tnet_csv_writer_add_text (w, tab->status);
          for (guint k = 2; k < G_N_ELEMENTS (header) - 1; k++)
            tnet_csv_writer_add_text (w, NULL);
          tnet_csv_writer_end_row (w);
          continue;
        }
      for (guint k = 0; k < tab->n_pairs; k++)
        {
          const TnetTransferPair *p = &tab->pairs[k];
          const char *fields[] = { tab->hub->id, "in service", p->from_service, p->to_service,
                                   tnet_mode_to_string (p->from_mode),
                                   tnet_mode_to_string (p->to_mode), p->from_stop, p->to_stop };
          for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
            tnet_csv_writer_add_text (w, fields[f]);
          tnet_csv_writer_add_number (w, p->walk_ms / 60000.0, 2);
          tnet_csv_writer_add_number (w, p->headway_ms / 60000.0, 2);
          tnet_csv_writer_add_number (w, p->wait_ms / 60000.0, 2);
          tnet_csv_writer_add_number (w, p->walk_wait_ms / 60000.0, 2);
          tnet_csv_writer_add_number (w, p->weight, 2);
          tnet_csv_writer_add_number (w, p->timetabled ? p->connection_wait_ms / 60000.0 : NAN,
                                      2);
          if (p->timetabled)
            {
              tnet_csv_writer_add_int (w, p->n_arrivals);
              tnet_csv_writer_add_int (w, p->n_unconnected);
            }
          else
            {
              tnet_csv_writer_add_text (w, NULL);
              tnet_csv_writer_add_text (w, NULL);
            }
          tnet_csv_writer_end_row (w);
        }
    }
  return tnet_csv_writer_free_to_string (w);
}
