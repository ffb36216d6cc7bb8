/* report-commute.c: the commute section of the report, one part per
 * [commute NAME] group of the plan: per county unit the fastest time to
 * each destination by each profile; the share of the origins' population
 * within the budget of the share destination; and, from the second column
 * on, the changes against the column before with the lines responsible. */
#include "tnet-internal.h"
#include "report-private.h"
#include "park-ride-json.h"
#include "analysis-private.h"

/* What a column keeps for the next one to compare with. */
typedef struct {
  TnetCommute *commute;
  GArray *unit_rows;      /* per unit: its origin row in the commute, or G_MAXUINT */
} CommuteCache;

static void
commute_cache_free (gpointer p)
{
  CommuteCache *c = p;
  tnet_commute_free (c->commute);
  g_array_unref (c->unit_rows);
  g_free (c);
}

static gboolean
contains (const char *const *lines, const char *line)
{
  for (guint k = 0; lines[k]; k++)
    if (strcmp (lines[k], line) == 0)
      return TRUE;
  return FALSE;
}

static void
append_lines (GString *s, const char *const *lines)
{
  for (guint k = 0; lines[k]; k++)
    g_string_append_printf (s, "%s%s", k ? ", " : "", lines[k]);
  if (!lines[0])
    g_string_append (s, "-");
}

static double
cell_min (const TnetCommuteCell *cell)
{
  return cell->total_ms == TNET_WEIGHT_INF ? INFINITY : cell->total_ms / 60000.0;
}

/* The percentiles of a timetable cell: JSON member "PROFILE_percentiles"
 * {"p5": min, ...} (null when unreached at that percentile) and, in the
 * text, the first and last in brackets. */
static void
append_percentiles (const TnetCommute *c, guint p, guint o, guint d, JsonBuilder *b,
                    GString *text)
{
  guint n = tnet_commute_n_percentiles (c);
  g_autofree char *k = g_strdup_printf ("%s_percentiles",
                                        tnet_profile_to_string (tnet_commute_profile (c, p)));
  json_builder_set_member_name (b, k);
  json_builder_begin_object (b);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("p%g", tnet_commute_percentile (c, i));
      TnetWeight ms = tnet_commute_percentile_ms (c, p, o, d, i);
      tnet_i_json_add_number (b, name, ms == TNET_WEIGHT_INF ? NAN : ms / 60000.0, 1);
    }
  json_builder_end_object (b);
  if (n < 2)
    return;
  TnetWeight lo = tnet_commute_percentile_ms (c, p, o, d, 0);
  TnetWeight hi = tnet_commute_percentile_ms (c, p, o, d, n - 1);
  if (lo == TNET_WEIGHT_INF)
    return;
  if (hi == TNET_WEIGHT_INF)
    g_string_append_printf (text, " (%.1f-)", lo / 60000.0);
  else
    g_string_append_printf (text, " (%.1f-%.1f)", lo / 60000.0, hi / 60000.0);
}

/* The timetable of the column for a [commute] group with `depart`: the
 * folder's feed of the scenario year on the group's date, walking on the
 * column's network (its access links at their times, tnet_timetable_build
 * walk_network) of the column's scenario. Cached per column and date.
 * NULL without error when the folder has no feed for the year. */
const TnetTimetable *
tnet_i_report_column_timetable (const TnetReportContext *ctx, const TnetPlanCommute *grp,
                                GError **error)
{
  g_autofree char *key = g_strdup_printf ("timetable %u", grp->date);
  const TnetTimetable *tt = tnet_i_report_cache_get (ctx, key);
  if (tt)
    return tt;
  const TnetFeed *feed = NULL;
  if (!tnet_dataset_get_feed (ctx->ds, tnet_scenario_get_year (ctx->scen), &feed, error))
    return NULL;
  if (feed == NULL)
    return NULL;
  TnetTimetableOptions tto;
  tnet_timetable_options_init (&tto);
  tto.service_date = grp->date;
  if (tnet_timetable_network_has_walks (ctx->net))
    {
      tto.walk_network = ctx->net;
      tto.walk_scenario = ctx->scen;
    }
  const TnetFeed *feeds[] = { feed };
  /* a draw keeps its thread's trips and routes and walks its own network:
   * the draws move the access and walk links, never the feed's trips.
   * The rewalk happens here, before any reader has the timetable. */
  TnetTimetable *own = ctx->keep ? g_datalist_get_data (ctx->keep, key) : NULL;
  if (own)
    {
      tnet_timetable_ref (own);
      tnet_i_timetable_rewalk (own, feeds, 1, &tto);
    }
  else if ((own = tnet_timetable_build (feeds, 1, &tto, error)) == NULL)
    return NULL;
  else if (ctx->keep)
    {
      tnet_timetable_ref (own);
      g_datalist_set_data_full (ctx->keep, key, own, (GDestroyNotify) tnet_timetable_unref);
    }
  tnet_i_report_cache_set (ctx, key, own, (GDestroyNotify) tnet_timetable_unref);
  return own;
}

/* Park-and-ride by the column's timetable @tt for a [commute] group with
 * `depart`: the column's car graph (its scenario's links at their times),
 * the parking places and the stops they serve, with the group's options.
 * Cached per column, date and options. A draw keeps its thread's object
 * (the parking places and their stops depend on which links exist and on
 * the stops' positions, which no draw moves) and rewrites its drive times
 * from the draw's links. */
TnetParkRide *
tnet_i_report_column_park_ride (const TnetReportContext *ctx, const TnetPlanCommute *grp,
                                const TnetTimetable *tt, GError **error)
{
  g_autofree char *key = g_strdup_printf ("park-ride %u %u %u %.17g", grp->date,
                                          grp->drive_budget_ms, grp->park_time_ms,
                                          grp->parking_radius_m);
  TnetParkRide *pr = tnet_i_report_cache_get (ctx, key);
  if (pr)
    return pr;
  /* the draw's timetable is the kept one, rewalked in place: the kept
   * object still references it */
  pr = ctx->keep ? g_datalist_get_data (ctx->keep, key) : NULL;
  if (pr)
    {
      tnet_i_park_ride_retime (pr, ctx->net, ctx->scen);
      tnet_i_report_cache_set (ctx, key, pr, NULL);   /* once per draw */
      return pr;
    }
  TnetParkRideOptions po;
  tnet_park_ride_options_init (&po);
  po.drive_budget_ms = grp->drive_budget_ms;
  po.park_ms = grp->park_time_ms;
  po.parking_radius_m = grp->parking_radius_m;
  if ((pr = tnet_park_ride_new (tt, ctx->net, ctx->scen, &po, error)) == NULL)
    return NULL;
  if (ctx->keep)
    {
      g_datalist_set_data_full (ctx->keep, key, pr, (GDestroyNotify) tnet_park_ride_free);
      tnet_i_report_cache_set (ctx, key, pr, NULL);
    }
  else
    tnet_i_report_cache_set (ctx, key, pr, (GDestroyNotify) tnet_park_ride_free);
  return pr;
}

/* Opens member "KEY_@what" (KEY: @grp's key) of @b, an object, with its
 * "model": "timetable" when @by_timetable, else "frequency", and then
 * closes it. Returns @by_timetable: whether the caller adds the
 * timetable's members and closes the object. */
static gboolean
open_model_member (JsonBuilder *b, const TnetPlanCommute *grp, const char *what,
                   gboolean by_timetable)
{
  g_autofree char *k = g_strdup_printf ("%s_%s", grp->key, what);
  json_builder_set_member_name (b, k);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, by_timetable ? "timetable" : "frequency");
  if (!by_timetable)
    json_builder_end_object (b);
  return by_timetable;
}

/* How park-and-ride was computed, for the JSON (member
 * "KEY_park_and_ride") and the text: by the timetable of the transit line
 * (@pr), or the frequency approximation. */
static void
describe_park_ride (const TnetPlanCommute *grp, const TnetParkRide *pr, JsonBuilder *b,
                    GString *text)
{
  if (!open_model_member (b, grp, "park_and_ride", pr != NULL))
    {
      g_string_append_printf (text, "park-and-ride: frequency approximation (drive to a "
                                    "station, park, then transit's waits of half the "
                                    "headway)%s\n",
                              grp->timetable ? "; the folder has no feed for this year" : "");
      return;
    }
  const TnetParkRideOptions *po = tnet_park_ride_get_options (pr);
  guint n_parking = tnet_park_ride_n_parking (pr);
  tnet_i_park_ride_write_json (b, pr);
  json_builder_end_object (b);
  g_string_append_printf (text, "park-and-ride: the same timetable, a drive of up to %u min "
                                "to a parking place, %u min to park, a walk to a stop within "
                                "%.0f m (%u parking places serve %u stops), or a walk to the "
                                "first stop as by transit%s\n",
                          po->drive_budget_ms / 60000, po->park_ms / 60000, po->parking_radius_m,
                          n_parking, tnet_park_ride_n_stops (pr),
                          n_parking == 0 ? "; no parking place serves a stop here, so "
                                           "park-and-ride is transit" : "");
}

/* How transit was computed, for the JSON (member "KEY_transit") and the
 * text: by the timetable its model, the members of the commute's one
 * timetable object (those of `tnet commute`'s "timetable") and the
 * percentiles, or the frequency approximation. */
static void
describe_transit (const TnetReportContext *ctx, const TnetPlanCommute *grp,
                  const TnetTimetable *tt, const TnetCommute *c, JsonBuilder *b,
                  GString *text)
{
  if (!open_model_member (b, grp, "transit", tt != NULL))
    {
      g_string_append_printf (text, "transit: frequency approximation (waits of half the "
                                    "headway over 07:00-09:00)%s\n",
                              grp->timetable ? "; the folder has no feed for this year" : "");
      return;
    }
  const TnetFeed *feed = NULL;
  tnet_dataset_get_feed (ctx->ds, tnet_scenario_get_year (ctx->scen), &feed, NULL);
  g_autofree char *feed_name = feed ? g_path_get_basename (tnet_feed_get_path (feed)) : NULL;
  guint date = tnet_timetable_get_service_date (tt);
  g_autofree char *date_s = g_strdup_printf ("%04u-%02u-%02u", date / 10000, date / 100 % 100,
                                             date % 100);
  g_autofree char *dep = tnet_i_clock_hhmm (grp->depart_s);
  gint32 last = grp->depart_s + 60 * (gint32) (tnet_i_window_minutes (grp->window_ms) - 1);
  g_autofree char *last_s = tnet_i_clock_hhmm (last);
  tnet_i_commute_timetable_members (b, feed_name, date, grp->depart_s, grp->window_ms,
                                    tnet_i_commute_max_walk_ms (c),
                                    tnet_i_commute_timetable_percentile (c));
  json_builder_set_member_name (b, "time");
  json_builder_add_string_value (b, "p50");
  json_builder_set_member_name (b, "percentiles");
  json_builder_begin_array (b);
  for (guint k2 = 0; k2 < grp->n_percentiles; k2++)
    json_builder_add_double_value (b, grp->percentiles[k2]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_string_append_printf (text, "transit: timetable %s of %s, a departure every minute "
                                "%s-%s, walks of up to %.0f min (access links at their "
                                "times); the time is the median, p%g-p%g in brackets\n",
                          feed_name ? feed_name : "", date_s, dep, last_s,
                          tnet_weight_to_min (grp->max_walk_ms),
                          grp->n_percentiles ? grp->percentiles[0] : 50.0,
                          grp->n_percentiles ? grp->percentiles[grp->n_percentiles - 1] : 50.0);
}

/* tnet_commute_select(), once per thread in the draws (ctx->keep): which
 * nodes a selection names does not depend on the links' values. */
static gboolean
select_nodes (const TnetReportContext *ctx, const char *spec, GArray *out, GError **error)
{
  g_autofree char *key = g_strdup_printf ("select %s", spec);
  GArray *kept = ctx->keep ? g_datalist_get_data (ctx->keep, key) : NULL;
  if (kept)
    {
      g_array_append_vals (out, kept->data, kept->len);
      return TRUE;
    }
  if (!tnet_commute_select (ctx->net, spec, out, error))
    return FALSE;
  if (ctx->keep)
    {
      kept = g_array_sized_new (FALSE, FALSE, sizeof (TnetId), out->len);
      g_array_append_vals (kept, out->data, out->len);
      g_datalist_set_data_full (ctx->keep, key, kept, (GDestroyNotify) g_array_unref);
    }
  return TRUE;
}

/* "car / transit / park-and-ride": the group's profiles as the rows list
 * them. */
static char *
profile_names (const TnetPlanCommute *grp)
{
  GString *s = g_string_new ("");
  for (guint p = 0; p < grp->n_profiles; p++)
    g_string_append_printf (s, "%s%s", p ? " / " : "",
                            grp->profiles[p] == TNET_PROFILE_CAR ? "car"
                            : grp->profiles[p] == TNET_PROFILE_TRANSIT ? "transit"
                            : "park-and-ride");
  return g_string_free (s, FALSE);
}

/* One origin's times to each destination by each profile: a text row per
 * destination under @label, and the JSON object @id of `KEY_minutes`. */
static void
origin_row (const TnetReportContext *ctx, const TnetPlanCommute *grp, const TnetCommute *c,
            guint o, const char *id, const char *label, JsonBuilder *b, GString *text)
{
  json_builder_set_member_name (b, id);
  json_builder_begin_object (b);
  g_string_append_printf (text, "  %s\n", label);
  for (guint d = 0; d < tnet_commute_n_destinations (c); d++)
    {
      const TnetNode *dn = tnet_network_node (ctx->net, tnet_commute_destination (c, d));
      json_builder_set_member_name (b, dn->id);
      json_builder_begin_object (b);
      g_string_append_printf (text, "    → %s:", dn->name);
      for (guint p = 0; p < grp->n_profiles; p++)
        {
          double m = cell_min (tnet_commute_cell (c, p, o, d));
          tnet_i_json_add_number (b, tnet_profile_to_string (grp->profiles[p]), m, 1);
          if (isfinite (m))
            g_string_append_printf (text, " %.1f%s", m,
                                    m <= tnet_weight_to_min (grp->budget_ms) ? "✓" : "");
          else
            g_string_append (text, " -");
          if (tnet_commute_method (c, p) == TNET_COMMUTE_METHOD_TIMETABLE)
            append_percentiles (c, p, o, d, b, text);
          g_string_append (text, p + 1 < grp->n_profiles ? " /" : "");
        }
      g_string_append_c (text, '\n');
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

/* The population of the origins that reach destination @d within
 * @budget minutes by any of the @n_profiles profiles: a zone counts when
 * one way of travelling fits. */
static double
population_within_any (const TnetNetwork *net, const TnetCommute *c, guint n_profiles,
                       double budget, guint d)
{
  double within = 0;
  for (guint o = 0; o < tnet_commute_n_origins (c); o++)
    {
      gboolean ok = FALSE;
      for (guint p = 0; p < n_profiles; p++)
        ok |= cell_min (tnet_commute_cell (c, p, o, d)) <= budget;
      if (ok)
        within += tnet_network_node (net, tnet_commute_origin (c, o))->population;
    }
  return within;
}

/* The group's population shares within the budget: of the share
 * destination by profile (`KEY_<B>min_population_pct`) and by any profile
 * (`KEY_<B>min_pct`, the row @row of the table), and, with several
 * destinations, by any profile for each (`KEY_<B>min_pct_DEST`). */
static gboolean
population_shares (const TnetReportContext *ctx, const TnetPlanCommute *grp,
                   const TnetCommute *c, const GArray *dests, guint d_center, const char *k_pct,
                   const char *k_pop, const char *row, JsonBuilder *b, GString *text)
{
  const TnetNetwork *net = ctx->net;
  const TnetProfile *profiles = grp->profiles;
  const guint N_PROFILES = grp->n_profiles;
  const double budget = tnet_weight_to_min (grp->budget_ms);
  tnet_i_report_indicator (ctx, k_pct, row, "%", 1);
  json_builder_set_member_name (b, k_pop);
  json_builder_begin_object (b);
  for (guint p = 0; p < N_PROFILES; p++)
    tnet_i_json_add_number (b, tnet_profile_to_string (profiles[p]),
                            tnet_commute_share_pct (c, p, d_center), 1);
  json_builder_end_object (b);
  double total = tnet_commute_population_total (c);
  double within = population_within_any (net, c, N_PROFILES, budget, d_center);
  tnet_i_json_add_number (b, k_pct, total > 0 ? 100.0 * within / total : NAN, 1);
  /* the same share for each destination of the group: the plan's commute
   * read against every place it may mean, each reported on its own */
  for (guint d = 0; dests->len > 1 && d < tnet_commute_n_destinations (c); d++)
    {
      const TnetNode *dn = tnet_network_node (net, tnet_commute_destination (c, d));
      double in_d = population_within_any (net, c, N_PROFILES, budget, d);
      g_autofree char *k_d = g_strdup_printf ("%s_%s", k_pct, dn->id);
      g_autofree char *n_d = g_strdup_printf ("Population within %.0f min of %s (any profile)",
                                              budget, dn->name);
      tnet_i_report_indicator (ctx, k_d, n_d, "%", 1);
      tnet_i_json_add_number (b, k_d, total > 0 ? 100.0 * in_d / total : NAN, 1);
      g_string_append_printf (text, "population within %.0f min of %s (any profile): %.1f %%\n",
                              budget, dn->name, total > 0 ? 100.0 * in_d / total : NAN);
    }

  return TRUE;
}

/* Whether the group asks for @profile. */
static gboolean
has_profile (const TnetPlanCommute *grp, TnetProfile profile)
{
  for (guint p = 0; p < grp->n_profiles; p++)
    if (grp->profiles[p] == profile)
      return TRUE;
  return FALSE;
}

/* The origins of the group's commute: the group's own (population
 * weighted), then each unit's zone (or seat) that is not among them; each
 * unit's row goes to @unit_rows. Without units the group's origins must
 * resolve; with units, origins that resolve to nothing leave the units'
 * own nodes. */
static gboolean
group_origins (const TnetReportContext *ctx, const TnetPlanCommute *grp,
               const TnetUnitTable *units, GArray *origins, GArray *unit_rows, GError **error)
{
  GError *local = NULL;
  if (!select_nodes (ctx, grp->origins, origins, &local))
    {
      if (!units)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      g_clear_error (&local);  /* no zones: only the units' own nodes */
    }
  guint n_units = units ? tnet_unit_table_n_units (units) : 0;
  for (guint u = 0; u < n_units; u++)
    {
      const TnetUnit *unit = tnet_unit_table_get (units, u);
      TnetId z = unit->zone_node != TNET_ID_NONE ? unit->zone_node : unit->seat_node;
      guint row = G_MAXUINT;
      for (guint o = 0; o < origins->len && row == G_MAXUINT; o++)
        if (g_array_index (origins, TnetId, o) == z)
          row = o;
      if (row == G_MAXUINT)
        {
          row = origins->len;
          g_array_append_val (origins, z);
        }
      g_array_append_val (unit_rows, row);
    }
  return TRUE;
}

/* The group's commute matrix from @origins to @dests over the column's
 * graphs (shared with the corridor section's criticality). With the
 * group's `depart`, transit and park-and-ride follow the column's timetable
 * (*@tt_out, *@pr_out, borrowed from the column's cache; NULL when the
 * folder has no feed for the year or the group has no park-and-ride). */
static TnetCommute *
group_commute (const TnetReportContext *ctx, const TnetPlanCommute *grp,
               const GArray *origins, const GArray *dests, const TnetTimetable **tt_out,
               TnetParkRide **pr_out, GError **error)
{
  const TnetProfile *profiles = grp->profiles;
  const guint N_PROFILES = grp->n_profiles;
  g_autofree TnetMultimodal **graphs = g_new0 (TnetMultimodal *, N_PROFILES);
  for (guint p = 0; p < N_PROFILES; p++)
    if ((graphs[p] = tnet_i_report_profile_graph (ctx, profiles[p], error)) == NULL)
      return NULL;
  gboolean has_transit = has_profile (grp, TNET_PROFILE_TRANSIT);
  gboolean has_park_ride = has_profile (grp, TNET_PROFILE_PARK_AND_RIDE);
  const TnetTimetable *tt = NULL;
  TnetParkRide *pr = NULL;
  if (grp->timetable && (has_transit || has_park_ride))
    {
      GError *tt_error = NULL;
      tt = tnet_i_report_column_timetable (ctx, grp, &tt_error);
      /* park-and-ride follows the timetable whenever transit does */
      if (tt && has_park_ride)
        pr = tnet_i_report_column_park_ride (ctx, grp, tt, &tt_error);
      if (tt_error)
        {
          g_propagate_error (error, tt_error);
          return NULL;
        }
    }
  TnetCommuteOptions copts;
  tnet_commute_options_init (&copts);
  copts.method = TNET_COMMUTE_METHOD_SEARCH;
  if (tt)
    {
      copts.timetable = tt;
      copts.depart_s = grp->depart_s;
      copts.window_ms = grp->window_ms;
      copts.percentiles = grp->percentiles;
      copts.n_percentiles = grp->n_percentiles;
      copts.max_walk_ms = grp->max_walk_ms;
      copts.park_ride = pr;
    }
  *tt_out = tt;
  *pr_out = pr;
  return tnet_commute_compute_within (ctx->net, graphs, N_PROFILES,
                                      (const TnetId *) (void *) origins->data, origins->len,
                                      (const TnetId *) (void *) dests->data, dests->len,
                                      TNET_COMMUTE_TO, grp->budget_ms, &copts, error);
}

/* The minutes door to door (JSON `KEY_minutes`): a row per unit, or
 * without units per origin node, then in the text the population share
 * within the budget by profile (when the origins have population). */
static void
minutes_table (const TnetReportContext *ctx, const TnetPlanCommute *grp, const TnetCommute *c,
               const TnetUnitTable *units, const GArray *unit_rows, const char *share_label,
               guint d_center, JsonBuilder *b, GString *text)
{
  const TnetNetwork *net = ctx->net;
  guint n_units = units ? tnet_unit_table_n_units (units) : 0;
  g_autofree char *k_min = g_strdup_printf ("%s_minutes", grp->key);
  json_builder_set_member_name (b, k_min);
  json_builder_begin_object (b);
  g_autofree char *shown = profile_names (grp);
  g_string_append_printf (text, "minutes door to door (%s), ✓ = within %.0f min\n", shown,
                          tnet_weight_to_min (grp->budget_ms));
  for (guint u = 0; u < n_units; u++)
    {
      const TnetUnit *unit = tnet_unit_table_get (units, u);
      g_autofree char *label = g_strdup_printf ("%s %s", unit->name,
                                                unit->name_en ? unit->name_en : "");
      origin_row (ctx, grp, c, g_array_index (unit_rows, guint, u), unit->id, label, b, text);
    }
  /* no units: a row per origin node (stations, say) */
  for (guint o = 0; n_units == 0 && o < tnet_commute_n_origins (c); o++)
    {
      const TnetNode *on = tnet_network_node (net, tnet_commute_origin (c, o));
      g_autofree char *label = g_strdup_printf ("%s %s", on->name,
                                                on->name_en ? on->name_en : "");
      origin_row (ctx, grp, c, o, on->id, label, b, text);
    }
  json_builder_end_object (b);
  if (tnet_commute_population_total (c) > 0)
    {
      g_string_append_printf (text, "  population within %.0f min of %s:",
                              tnet_weight_to_min (grp->budget_ms),
                              share_label);
      for (guint p = 0; p < grp->n_profiles; p++)
        g_string_append_printf (text, " %s %.1f %%", tnet_profile_to_string (grp->profiles[p]),
                                tnet_commute_share_pct (c, p, d_center));
      g_string_append_c (text, '\n');
    }
}

/* One change of unit @unit's time to destination @d by profile @p, from
 * cell @was to cell @now: a JSON object of `KEY_changes` and a text line
 * with the lines used before and now. */
static void
add_change (const TnetReportContext *ctx, const TnetPlanCommute *grp, const TnetCommute *c,
            const TnetUnit *unit, guint p, guint d, const TnetCommuteCell *was,
            const TnetCommuteCell *now, JsonBuilder *b, GString *text)
{
  const TnetNode *dn = tnet_network_node (ctx->net, tnet_commute_destination (c, d));
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "unit");
  json_builder_add_string_value (b, unit->id);
  json_builder_set_member_name (b, "destination");
  json_builder_add_string_value (b, dn->id);
  json_builder_set_member_name (b, "profile");
  json_builder_add_string_value (b, tnet_profile_to_string (grp->profiles[p]));
  tnet_i_json_add_number (b, "minutes_before", cell_min (was), 1);
  tnet_i_json_add_number (b, "minutes_after", cell_min (now), 1);
  g_autoptr (GPtrArray) added = g_ptr_array_new ();
  g_autoptr (GPtrArray) dropped = g_ptr_array_new ();
  for (guint k = 0; now->lines[k]; k++)
    if (!contains (was->lines, now->lines[k]))
      g_ptr_array_add (added, (gpointer) now->lines[k]);
  for (guint k = 0; was->lines[k]; k++)
    if (!contains (now->lines, was->lines[k]))
      g_ptr_array_add (dropped, (gpointer) was->lines[k]);
  tnet_i_json_add_strings (b, "lines_added", added);
  tnet_i_json_add_strings (b, "lines_dropped", dropped);
  json_builder_end_object (b);

  g_string_append_printf (text, "    %s → %s, %s: %.1f → %.1f min", unit->name, dn->name,
                          tnet_profile_to_string (grp->profiles[p]), cell_min (was),
                          cell_min (now));
  /* a timetable cell names no lines: nothing to compare */
  if (was->lines[0] || now->lines[0])
    {
      g_string_append (text, "; was ");
      append_lines (text, was->lines);
      g_string_append (text, "; now ");
      append_lines (text, now->lines);
    }
  g_string_append_c (text, '\n');
}

/* The changes of each unit's times against the column before (@prev, the
 * same group there), with the lines responsible (JSON `KEY_changes`). */
static void
changes_table (const TnetReportContext *ctx, const TnetPlanCommute *grp, const TnetCommute *c,
               const TnetUnitTable *units, const GArray *unit_rows, const CommuteCache *prev,
               JsonBuilder *b, GString *text)
{
  g_autofree char *k_chg = g_strdup_printf ("%s_changes", grp->key);
  json_builder_set_member_name (b, k_chg);
  json_builder_begin_array (b);
  g_string_append_printf (text, "  changes since %s (lines now used that were not before):\n",
                          ctx->previous->column);
  for (guint u = 0; u < tnet_unit_table_n_units (units); u++)
    {
      const TnetUnit *unit = tnet_unit_table_get (units, u);
      guint o = g_array_index (unit_rows, guint, u);
      guint po = g_array_index (prev->unit_rows, guint, u);
      for (guint d = 0; d < tnet_commute_n_destinations (c); d++)
        for (guint p = 0; p < grp->n_profiles; p++)
          {
            const TnetCommuteCell *now = tnet_commute_cell (c, p, o, d);
            const TnetCommuteCell *was = tnet_commute_cell (prev->commute, p, po, d);
            /* a change people can see at the 0.1 min shown */
            if (now->total_ms == was->total_ms
                || (now->total_ms != TNET_WEIGHT_INF && was->total_ms != TNET_WEIGHT_INF
                    && llround (now->total_ms / 6000.0) == llround (was->total_ms / 6000.0)))
              continue;
            add_change (ctx, grp, c, unit, p, d, was, now, b, text);
          }
    }
  json_builder_end_array (b);
}

static gboolean
run_group (const TnetReportContext *ctx, const TnetPlanCommute *grp, JsonBuilder *b,
           GString *text, GError **error)
{
  const TnetNetwork *net = ctx->net;
  const double budget = tnet_weight_to_min (grp->budget_ms);
  const TnetUnitTable *units = grp->unit_rows ? ctx->units : NULL;
  g_autoptr (GArray) dests = g_array_new (FALSE, FALSE, sizeof (TnetId));
  if (!select_nodes (ctx, grp->destinations, dests, error))
    return FALSE;
  /* the destination of the population share */
  guint d_center = 0;
  if (grp->share_destination)
    {
      TnetId v = tnet_network_find_node (net, grp->share_destination);
      for (guint d = 0; d < dests->len; d++)
        if (g_array_index (dests, TnetId, d) == v)
          d_center = d;
    }
  g_autoptr (GArray) origins = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) unit_rows = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!group_origins (ctx, grp, units, origins, unit_rows, error))
    return FALSE;
  const TnetTimetable *tt = NULL;
  TnetParkRide *pr = NULL;
  TnetCommute *c = group_commute (ctx, grp, origins, dests, &tt, &pr, error);
  if (c == NULL)
    return FALSE;
  if (has_profile (grp, TNET_PROFILE_TRANSIT) && !ctx->keep)
    describe_transit (ctx, grp, tt, c, b, text);
  if (has_profile (grp, TNET_PROFILE_PARK_AND_RIDE) && !ctx->keep)
    describe_park_ride (grp, pr, b, text);
  CommuteCache *cache = g_new0 (CommuteCache, 1);
  cache->commute = c;
  cache->unit_rows = g_array_ref (unit_rows);
  g_autofree char *cache_key = g_strdup_printf ("commute %s", grp->id);
  tnet_i_report_cache_set (ctx, cache_key, cache, commute_cache_free);
  const char *share_label = grp->share_label ? grp->share_label
    : tnet_network_node (net, g_array_index (dests, TnetId, d_center))->name;
  g_autofree char *k_pop = g_strdup_printf ("%s_%.0fmin_population_pct", grp->key, budget);
  g_autofree char *k_pct = g_strdup_printf ("%s_%.0fmin_pct", grp->key, budget);
  g_autofree char *row = g_strdup_printf ("Population within %.0f min of %s (any profile)",
                                          budget, share_label);
  if (grp->reading && !ctx->keep)
    {
      g_autofree char *k_read = g_strdup_printf ("%s_reading", grp->key);
      json_builder_set_member_name (b, k_read);
      json_builder_add_string_value (b, grp->reading);
      g_string_append_printf (text, "reading: %s\n", grp->reading);
    }
  /* origins without population (stations, say): times only */
  if (tnet_commute_population_total (c) > 0
      && !population_shares (ctx, grp, c, dests, d_center, k_pct, k_pop, row, b, text))
    return FALSE;
  if (ctx->keep)
    return TRUE;   /* a draw: the rows' values are set */
  minutes_table (ctx, grp, c, units, unit_rows, share_label, d_center, b, text);

  /* changes against the column before, with the lines responsible */
  const CommuteCache *prev = ctx->previous
                             ? tnet_i_report_cache_get (ctx->previous, cache_key) : NULL;
  if (prev && units && tnet_unit_table_n_units (units) > 0
      && tnet_commute_n_destinations (prev->commute) == tnet_commute_n_destinations (c))
    changes_table (ctx, grp, c, units, unit_rows, prev, b, text);
  return TRUE;
}

static gboolean
run_commute (const TnetReportContext *ctx, JsonBuilder *b, GString *text, GError **error)
{
  guint n = ctx->plan ? tnet_plan_n_commutes (ctx->plan) : 0;
  if (n == 1)
    tnet_i_report_set_title (ctx, tnet_plan_get_commute (ctx->plan, 0)->title);
  for (guint i = 0; i < n; i++)
    {
      const TnetPlanCommute *grp = tnet_plan_get_commute (ctx->plan, i);
      if (n > 1)
        g_string_append_printf (text, "-- %s --\n", grp->title);
      if (!run_group (ctx, grp, b, text, error))
        {
          g_prefix_error (error, "[commute %s]: ", grp->id);
          return FALSE;
        }
    }
  return TRUE;
}

const TnetReportSection tnet_i_report_section_commute = {
  "commute", "Commute", run_commute
};
