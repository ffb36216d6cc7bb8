/* cmd-commute.c: `tnet commute`, the commute matrix by profile with the
 * parts of each journey, and the population within the budget. */
#include "cli.h"
#include "cli-extra.h"
#include "commands.h"
#include "route-transit.h"
#include <math.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  char *origins;
  char *destinations;
  char *profiles;
  double budget_min;
  char *direction;
  char *method;
  TnetCliTimeArgs time;
  TnetCliParkRideArgs park;
} Options;

static char *
render_text (const TnetCommute *c, const TnetNetwork *net, const TnetScenario *scen,
             const TnetCommuteLabels *model)
{
  GString *s = g_string_new (NULL);
  g_string_append_printf (s, "Commute %d, budget %.0f min (minutes door to door; "
                          "access+wait+in-vehicle+transfer+egress)\n",
                          tnet_scenario_get_year (scen),
                          tnet_weight_to_min (tnet_commute_budget_ms (c)));
  for (guint p = 0; p < tnet_commute_n_profiles (c); p++)
    {
      gboolean by_tt = tnet_commute_method (c, p) == TNET_COMMUTE_METHOD_TIMETABLE;
      g_string_append_printf (s, "\n[%s]", tnet_profile_to_string (tnet_commute_profile (c, p)));
      if (by_tt)
        g_string_append_printf (s, " (timetable %s, %u, departing %02d:%02d, window %u min: "
                                "median, then percentiles)", model->timetable_feed,
                                model->timetable_date,
                                model->depart_s / 3600, model->depart_s / 60 % 60,
                                MAX ((guint) llround (tnet_weight_to_min (model->window_ms)), 1u));
      else if (tnet_commute_profile (c, p) != TNET_PROFILE_CAR)
        g_string_append (s, " (frequency approximation: waits of half the headway)");
      if (!by_tt && !tnet_commute_has_parts (c, p))
        g_string_append (s, " (totals only)");
      g_string_append_c (s, '\n');
      for (guint o = 0; o < tnet_commute_n_origins (c); o++)
        for (guint d = 0; d < tnet_commute_n_destinations (c); d++)
          {
            const TnetCommuteCell *cell = tnet_commute_cell (c, p, o, d);
            const TnetNode *on = tnet_network_node (net, tnet_commute_origin (c, o));
            const TnetNode *dn = tnet_network_node (net, tnet_commute_destination (c, d));
            g_string_append_printf (s, "  %s → %s: ", on->name, dn->name);
            if (cell->total_ms == TNET_WEIGHT_INF)
              {
                g_string_append (s, "not reachable\n");
                continue;
              }
            if (by_tt)
              {
                g_string_append_printf (s, "%.1f min%s (", cell->total_ms / 60000.0,
                                        cell->total_ms <= tnet_commute_budget_ms (c)
                                        ? " ✓" : "");
                for (guint k = 0; k < tnet_commute_n_percentiles (c); k++)
                  {
                    TnetWeight ms = tnet_commute_percentile_ms (c, p, o, d, k);
                    g_string_append_printf (s, "%sp%g ", k ? ", " : "",
                                            tnet_commute_percentile (c, k));
                    if (ms == TNET_WEIGHT_INF)
                      g_string_append (s, "-");
                    else
                      g_string_append_printf (s, "%.1f", ms / 60000.0);
                  }
                g_string_append (s, ")\n");
                continue;
              }
            if (!tnet_commute_has_parts (c, p))
              {
                g_string_append_printf (s, "%.1f min%s\n", cell->total_ms / 60000.0,
                                        cell->total_ms <= tnet_commute_budget_ms (c)
                                        ? " ✓" : "");
                continue;
              }
            g_string_append_printf (s, "%.1f min (%.1f+%.1f+%.1f+%.1f+%.1f)%s",
                                    cell->total_ms / 60000.0, cell->access_ms / 60000.0,
                                    cell->wait_ms / 60000.0, cell->in_vehicle_ms / 60000.0,
                                    cell->transfer_ms / 60000.0, cell->egress_ms / 60000.0,
                                    cell->total_ms <= tnet_commute_budget_ms (c)
                                    ? " ✓" : "");
            for (guint k = 0; cell->lines[k]; k++)
              g_string_append_printf (s, "%s%s", k ? ", " : " via ", cell->lines[k]);
            g_string_append_c (s, '\n');
          }
      double pct = tnet_commute_share_pct (c, p, TNET_COMMUTE_ANY);
      g_string_append_printf (s, "  population within budget of any destination: %.0f of %.0f (%.1f %%)\n",
                              tnet_commute_population_within (c, p, TNET_COMMUTE_ANY),
                              tnet_commute_population_total (c), isnan (pct) ? 0.0 : pct);
    }
  return g_string_free (s, FALSE);
}

static gboolean
parse_profiles (const char *spec, GArray *out, GError **error)
{
  g_auto (GStrv) parts = g_strsplit_set (spec, ";,", -1);
  for (guint k = 0; parts[k]; k++)
    {
      const char *name = g_strstrip (parts[k]);
      if (!*name)
        continue;
      TnetProfile p;
      if (!tnet_profile_from_string (name, &p))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "unknown profile '%s' (expected car, transit or park_and_ride)", name);
          return FALSE;
        }
      g_array_append_val (out, p);
    }
  if (out->len == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "no profile given");
      return FALSE;
    }
  return TRUE;
}

/* --direction, --method and --budget into *@dir and *@method (a usage
 * error, G_OPTION_ERROR, on a bad value). */
static gboolean
parse_direction_method (const Options *opt, TnetCommuteDirection *dir,
                        TnetCommuteMethod *method, GError **error)
{
  if (!opt->direction || strcmp (opt->direction, "to") == 0)
    *dir = TNET_COMMUTE_TO;
  else if (strcmp (opt->direction, "from") == 0)
    *dir = TNET_COMMUTE_FROM;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--direction: expected to or from, got '%s'", opt->direction);
      return FALSE;
    }
  *method = TNET_COMMUTE_METHOD_AUTO;
  if (opt->method && !tnet_commute_method_from_string (opt->method, method))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--method: expected auto, search or m2m, got '%s'", opt->method);
      return FALSE;
    }
  if (opt->budget_min < 0 || !isfinite (opt->budget_min))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--budget: expected a positive number of minutes");
      return FALSE;
    }
  return TRUE;
}

/* Transit follows the timetable (with the options not given taken from
 * tnet_commute_timing_init() of the plan's group @grp); the frequency
 * approximation only by --frequency-model or when the data folder has no
 * feed and --gtfs names none. With transit or park_and_ride among
 * @profiles, sets @copts' timetable and park-and-ride, and @model's timing
 * (its feed and date only when the timetable is used); what they
 * use goes to @t. Fails on a bad option or a feed that cannot be read. */
static gboolean
commute_transit (const TnetCliCommon *common, const TnetNetwork *net, const TnetScenario *scen,
                 const Options *opt, const TnetPlanCommute *grp, const GArray *profiles,
                 TnetCommuteOptions *copts, TnetCommuteLabels *model, TnetCliTimed *t, GError **error)
{
  gboolean has_transit = FALSE;
  gboolean has_park_ride = FALSE;
  for (guint p = 0; p < profiles->len; p++)
    {
      has_transit |= g_array_index (profiles, TnetProfile, p) == TNET_PROFILE_TRANSIT;
      has_park_ride |= g_array_index (profiles, TnetProfile, p) == TNET_PROFILE_PARK_AND_RIDE;
    }
  has_transit |= has_park_ride;
  /* what the command line does not give comes from the plan's group */
  TnetCommuteTiming timing;
  tnet_commute_timing_init (&timing, grp);
  TnetParkRideOptions po;
  if (!tnet_cli_park_ride_args_parse_with (&opt->park, &timing.park_ride, &po, error))
    return FALSE;
  TnetCliTimeOptions topt = { 0 };
  if (!tnet_cli_time_args_parse_with (&opt->time, &timing, &topt, error))
    return FALSE;
  t->pcts = topt.percentiles;
  model->depart_s = topt.depart_s;
  model->window_ms = tnet_weight_from_min (topt.window_min);
  if (!has_transit)
    return TRUE;
  GError *tt_error = NULL;
  t->tt = tnet_cli_transit_timetable (net, scen, &opt->time, &topt, common->quiet,
                                      &t->feed_name, &t->feeds, &tt_error);
  if (t->tt == NULL && tt_error != NULL)
    {
      g_propagate_error (error, tt_error);
      return FALSE;
    }
  if (t->tt == NULL)
    return TRUE;
  if (!tnet_cli_check_headway_timetable (common, error))
    return FALSE;
  model->timetable_feed = t->feed_name;
  model->timetable_date = tnet_timetable_get_service_date (t->tt);
  copts->timetable = t->tt;
  copts->depart_s = topt.depart_s;
  copts->window_ms = tnet_weight_from_min (topt.window_min);
  copts->percentiles = (const double *) (void *) t->pcts->data;
  copts->n_percentiles = t->pcts->len;
  copts->max_walk_ms = topt.max_walk_ms;
  if (has_park_ride)
    {
      /* park-and-ride by the timetable: drive to a parking place */
      t->pr = tnet_park_ride_new (t->tt, net, scen, &po, error);
      if (t->pr == NULL)
        return FALSE;
      copts->park_ride = t->pr;
    }
  return TRUE;
}

static gboolean
commute (TnetCliCommon *common, const Options *opt, TnetCliFormat format, GError **error)
{
  TnetCommuteDirection dir;
  TnetCommuteMethod method;
  if (!parse_direction_method (opt, &dir, &method, error))
    return FALSE;
  const TnetNetwork *net = NULL;
  g_autoptr (TnetScenario) scen = NULL;
  if (!tnet_cli_load (common, &net, &scen, error))
    return FALSE;
  /* what is not given comes from the plan's first [commute] group, else
   * every zone to every zone by every profile within the default budget */
  const TnetPlan *plan = tnet_dataset_get_plan (common->dataset);
  const TnetPlanCommute *grp = plan && tnet_plan_n_commutes (plan) > 0
                               ? tnet_plan_get_commute (plan, 0) : NULL;
  TnetWeight budget_ms = opt->budget_min > 0 ? tnet_weight_from_min (opt->budget_min)
                         : grp ? grp->budget_ms
                         : tnet_weight_from_min (tnet_plan_get_double (NULL, "budget_min"));
  g_autoptr (GArray) profiles = g_array_new (FALSE, FALSE, sizeof (TnetProfile));
  if (opt->profiles)
    {
      if (!parse_profiles (opt->profiles, profiles, error))
        return FALSE;
    }
  else if (grp)
    g_array_append_vals (profiles, grp->profiles, grp->n_profiles);
  else
    for (TnetProfile p = 0; p < TNET_N_PROFILES; p++)
      g_array_append_val (profiles, p);
  g_autoptr (GArray) origins = g_array_new (FALSE, FALSE, sizeof (TnetId));
  g_autoptr (GArray) dests = g_array_new (FALSE, FALSE, sizeof (TnetId));
  if (!tnet_commute_select (net, opt->origins ? opt->origins : grp ? grp->origins : "kind:zone",
                            origins, error)
      || !tnet_commute_select (net, opt->destinations ? opt->destinations
                               : grp ? grp->destinations : "kind:zone", dests, error))
    return FALSE;
  g_autofree TnetMultimodal **graphs = g_new0 (TnetMultimodal *, profiles->len);
  if (!tnet_cli_build_graphs (net, scen, (TnetProfile *) (void *) profiles->data,
                                  profiles->len, graphs, error))
    return FALSE;
  TnetCommuteOptions copts;
  tnet_commute_options_init (&copts);
  copts.method = method;
  g_auto (TnetCliTimed) timed = { 0 };
  TnetCommuteLabels labels;
  tnet_commute_labels_init (&labels);
  labels.scenario_year = tnet_scenario_get_year (scen);
  labels.direction = dir;
  g_autoptr (TnetCommute) c = NULL;
  if (commute_transit (common, net, scen, opt, grp, profiles, &copts, &labels, &timed, error))
    {
      copts.progress = tnet_cli_progress_func (common);
      copts.progress_data = common;
      c = tnet_commute_compute_within (net, graphs, profiles->len,
                                       (TnetId *) (void *) origins->data, origins->len,
                                       (TnetId *) (void *) dests->data, dests->len, dir,
                                       budget_ms, &copts, error);
    }
  for (guint p = 0; p < profiles->len; p++)
    tnet_multimodal_unref (graphs[p]);
  if (!c)
    return FALSE;
  g_autofree char *text = format == TNET_CLI_FORMAT_JSON
                          ? tnet_commute_to_json (c, net, &labels)
                          : format == TNET_CLI_FORMAT_CSV ? tnet_commute_to_csv (c, net)
                          : format == TNET_CLI_FORMAT_GEOJSON ? tnet_commute_to_geojson (c, net)
                          : render_text (c, net, scen, &labels);
  return tnet_cli_write (common, text, error);
}

int
tnet_cmd_commute (int argc, char **argv)
{
  TnetCliCommon common = { 0 };
  Options opt = { .budget_min = 0, .park = TNET_CLI_PARK_RIDE_ARGS_INIT,   /* 0: from the plan */
                  .time = { .plan_defaults = TRUE } };
  GError *error = NULL;
  GOptionEntry entries[] = {
    { "origins", 0, 0, G_OPTION_ARG_STRING, &opt.origins,
      "Origins: places (docs/cli.md, Places): node ids or names, a region id or region:R "
      "(its zones), zones:R, kind:K or all, separated by ';' or ',' "
      "(default: the plan's first [commute] group, else kind:zone)", "SPEC" },
    { "destinations", 0, 0, G_OPTION_ARG_STRING, &opt.destinations,
      "Destinations, same syntax (default: the plan's, else kind:zone)", "SPEC" },
    { "profiles", 0, 0, G_OPTION_ARG_STRING, &opt.profiles,
      "car, transit, park_and_ride, ';'-separated (default: the plan's, else all three)", "LIST" },
    { "budget", 0, 0, G_OPTION_ARG_DOUBLE, &opt.budget_min,
      "Time budget in minutes (default: the plan's, else 60)", "MIN" },
    { "direction", 0, 0, G_OPTION_ARG_STRING, &opt.direction,
      "to (origins to destinations, default) or from", "DIR" },
    { "method", 0, 0, G_OPTION_ARG_STRING, &opt.method,
      "search (one search per destination, with the parts of each journey), m2m "
      "(many-to-many on a contraction hierarchy, each cell's path unpacked for its parts) "
      "or auto "
      "(default: m2m from " G_STRINGIFY (TNET_COMMUTE_M2M_MIN_DESTINATIONS)
      " destinations on)", "METHOD" },
    PARK_RIDE_PLAN_ENTRIES (opt.park),
    { NULL }
  };
  GOptionContext *ctx = tnet_cli_context_new (NULL,
    "Door-to-door travel times from each origin to each destination by profile,\n"
    "with access, wait, in-vehicle, transfer and egress minutes and the lines\n"
    "used, and the population within the budget.\n"
    "Transit and park_and_ride follow the scenario year's GTFS timetable. The defaults\n"
    "come from the data set's plan.ini first [commute] group when it has depart (its\n"
    "depart, date, window, percentiles, max_walk and park-and-ride keys, as in tnet\n"
    "report), otherwise departing 08:00 on the feed's busiest service day, window 0\n"
    "(one departure); --depart, --date, --window etc. override them.\n"
    "--frequency-model asks for the frequency approximation, also taken (with a\n"
    "note) when there is no feed.", entries);
  tnet_cli_time_args_add (ctx, &opt.time, TNET_CLI_FREQUENCY_MODEL_HELP);
  tnet_cli_add_common (ctx, &common);
  TnetCliFormat format = TNET_CLI_FORMAT_TEXT;
  int rc = TNET_EXIT_OK;
  if ((rc = tnet_cli_parse (ctx, &argc, &argv, 0)) != TNET_EXIT_OK)
    {
      /* reported */
    }
  else if (!tnet_cli_frequency_model_check (&opt.time, &opt.park, &error))
    rc = tnet_cli_fail (ctx, error);
  else if (!tnet_cli_format (&common, TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON
                             | TNET_CLI_FORMAT_CSV | TNET_CLI_FORMAT_GEOJSON, &format,
                             &error))
    rc = tnet_cli_fail (ctx, error);
  else if (!commute (&common, &opt, format, &error))
    rc = tnet_cli_fail (ctx, error);
  tnet_cli_common_clear (&common);
  g_free (opt.origins);
  g_free (opt.destinations);
  g_free (opt.profiles);
  g_free (opt.direction);
  g_free (opt.method);
  tnet_cli_time_args_clear (&opt.time);
  g_option_context_free (ctx);
  return rc;
}
