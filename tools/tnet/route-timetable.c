/* route-timetable.c: the timetable options of the transit commands, the
 * loading of their timetable, and `tnet route --profile
 * transit|park_and_ride` by the timetable (the journey and its documents
 * are the library's #TnetTimetableRoute). */
#include "cli.h"
#include "commands.h"
#include "route-transit.h"
#include <stdio.h>
#include <string.h>
#include <math.h>

gboolean
tnet_cli_parse_clock (const char *s, gint32 *out_s)
{
  unsigned h, m;
  char tail;
  if (s == NULL || sscanf (s, "%u:%u%c", &h, &m, &tail) != 2 || m > 59 || h > 47)
    return FALSE;
  *out_s = (gint32) (h * 3600 + m * 60);
  return TRUE;
}

gboolean
tnet_cli_parse_date (const char *s, guint *out)
{
  unsigned y, mo, d;
  char tail;
  if (s == NULL || sscanf (s, "%u-%u-%u%c", &y, &mo, &d, &tail) != 3
      || !g_date_valid_dmy ((GDateDay) d, (GDateMonth) mo, (GDateYear) y))
    return FALSE;
  *out = y * 10000 + mo * 100 + d;
  return TRUE;
}

gboolean
tnet_cli_parse_percentiles (const char *s, GArray *out)
{
  g_auto (GStrv) parts = g_strsplit (s, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      char *end;
      double p = g_ascii_strtod (parts[i], &end);
      if (end == parts[i] || *end || !(p >= 0 && p <= 100))
        return FALSE;
      g_array_append_val (out, p);
    }
  return out->len > 0;
}

void
tnet_cli_timed_clear (TnetCliTimed *t)
{
  g_clear_pointer (&t->feed_name, g_free);
  g_clear_pointer (&t->pr, tnet_park_ride_free);
  g_clear_pointer (&t->tt, tnet_timetable_unref);
  g_clear_pointer (&t->feeds, g_ptr_array_unref);
  g_clear_pointer (&t->pcts, g_array_unref);
}

TnetCliTimetableTiming
tnet_cli_timetable_timing (const TnetTimetable *tt, const char *feed,
                           const TnetCliTimeOptions *topt)
{
  const GArray *p = topt->percentiles;
  return (TnetCliTimetableTiming) {
    .feed = feed, .date = tt ? tnet_timetable_get_service_date (tt) : 0,
    .depart_s = topt->depart_s, .window_min = topt->window_min,
    .max_walk_ms = topt->max_walk_ms,
    .percentile = p && p->len > 0 ? g_array_index (p, double, 0) : 0,
  };
}

void
tnet_cli_timetable_timing_append (GString *out, const char *prefix, TnetProfile profile,
                                  const TnetCliTimetableTiming *timing)
{
  g_string_append_printf (out, "%s%s by the timetable %s, %u, departing %02d:%02d, window "
                          "%u min, walks up to %u min: p%g of the travel time over the "
                          "window\n", prefix, tnet_profile_to_string (profile), timing->feed,
                          timing->date, timing->depart_s / 3600, timing->depart_s / 60 % 60,
                          MAX (timing->window_min, 1u), timing->max_walk_ms / 60000,
                          timing->percentile);
}

void
tnet_cli_time_args_add (GOptionContext *ctx, TnetCliTimeArgs *args,
                        const char *frequency_model_note)
{
  const GOptionEntry e[] = {
    { "depart", 0, 0, G_OPTION_ARG_STRING, &args->depart,
      "transit: departure time (default 08:00)", "HH:MM" },
    { "date", 0, 0, G_OPTION_ARG_STRING, &args->date,
      "transit: service date (default: the feed's busiest day)", "YYYY-MM-DD" },
    { "window", 0, 0, G_OPTION_ARG_INT, &args->window,
      "transit: departure window in minutes, one departure per minute (default 0: "
      "the departure only)", "MIN" },
    { "percentiles", 0, 0, G_OPTION_ARG_STRING, &args->pcts,
      "transit: travel-time percentiles over the window, nearest rank (default "
      "5,25,50,75,95)", "P,P,..." },
    { "max-walk", 0, 0, G_OPTION_ARG_INT, &args->max_walk,
      "transit: longest walk to the first or from the last stop, minutes (default 15)",
      "MIN" },
    { "frequency-seed", 0, 0, G_OPTION_ARG_INT, &args->freq_seed,
      "transit: phase of frequencies.txt rows with exact_times=0: 0 (default) starts "
      "at start_time; another value draws a random phase per row", "N" },
    { "gtfs", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args->gtfs,
      "transit: a GTFS feed (zip or folder) to use instead of the data folder's; "
      "repeat to merge several feeds into one timetable (stop and trip ids then "
      "become FILE-NAME:id)", "FEED" },
    { "frequency-model", 0, 0, G_OPTION_ARG_NONE, &args->frequency_model,
      frequency_model_note, NULL },
    G_OPTION_ENTRY_NULL
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (e) == G_N_ELEMENTS (args->entries));
  /* "not given" until the parser stores a value (the defaults are
   * tnet_cli_time_args_parse()'s), so that tnet_cli_frequency_model_check()
   * sees what was given */
  args->window = TNET_CLI_UNSET;
  args->max_walk = TNET_CLI_UNSET;
  args->freq_seed = TNET_CLI_UNSET;
  memcpy (args->entries, e, sizeof e);
  if (args->plan_defaults)
    for (guint i = 0; i < G_N_ELEMENTS (e); i++)
      {
        const char *name = args->entries[i].long_name;
        const char *d = NULL;
        if (name == NULL)
          continue;
        if (strcmp (name, "depart") == 0)
          d = "transit: departure time (default: the plan's, else 08:00)";
        else if (strcmp (name, "date") == 0)
          d = "transit: service date (default: the plan's, else the feed's busiest day)";
        else if (strcmp (name, "window") == 0)
          d = "transit: departure window in minutes, one departure per minute (default: "
              "the plan's, else 0: the departure only)";
        else if (strcmp (name, "percentiles") == 0)
          d = "transit: travel-time percentiles over the window, nearest rank (default: "
              "the plan's, else 5,25,50,75,95)";
        else if (strcmp (name, "max-walk") == 0)
          d = "transit: longest walk to the first or from the last stop, minutes (default: "
              "the plan's, else 15)";
        if (d)
          args->entries[i].description = d;
      }
  if (args->one_percentile)
    for (guint i = 0; i < G_N_ELEMENTS (e); i++)
      if (args->entries[i].long_name && strcmp (args->entries[i].long_name, "percentiles") == 0)
        {
          args->entries[i].long_name = "percentile";
          args->entries[i].description
            = "transit: the percentile of the travel time over the window that is "
              "counted, nearest rank (default 50, the median)";
          args->entries[i].arg_description = "P";
        }
  g_option_context_add_main_entries (ctx, args->entries, NULL);
}

gboolean
tnet_cli_time_args_parse (const TnetCliTimeArgs *args, TnetCliTimeOptions *out, GError **error)
{
  return tnet_cli_time_args_parse_with (args, NULL, out, error);
}

void
tnet_cli_plan_timing (const TnetDataset *ds, TnetCommuteTiming *timing)
{
  const TnetPlan *plan = ds ? tnet_dataset_get_plan (ds) : NULL;
  tnet_commute_timing_init (timing, plan && tnet_plan_n_commutes (plan) > 0
                                    ? tnet_plan_get_commute (plan, 0) : NULL);
}

gboolean
tnet_cli_time_args_parse_with (const TnetCliTimeArgs *args, const TnetCommuteTiming *defaults,
                               TnetCliTimeOptions *out, GError **error)
{
  TnetCommuteTiming builtin;
  if (defaults == NULL)
    {
      tnet_commute_timing_init (&builtin, NULL);
      defaults = &builtin;
    }
  memset (out, 0, sizeof *out);
  out->depart_s = defaults->depart_s;
  out->date = defaults->date;
  out->gtfs = args->gtfs;
  /* the defaults were checked when the plan was read; only what the
   * command line gives is checked here */
  gint window = args->window == TNET_CLI_UNSET ? 0 : args->window;
  gint max_walk = args->max_walk == TNET_CLI_UNSET ? 0 : args->max_walk;
  out->frequency_seed = args->freq_seed == TNET_CLI_UNSET ? 0 : (guint32) args->freq_seed;
  if (args->depart && !tnet_cli_parse_clock (args->depart, &out->depart_s))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "bad --depart '%s' (expected HH:MM)", args->depart);
      return FALSE;
    }
  if (args->date && !tnet_cli_parse_date (args->date, &out->date))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "bad --date '%s' (expected YYYY-MM-DD)", args->date);
      return FALSE;
    }
  if (window < 0 || window > 24 * 60)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "bad --window %d (expected 0..1440 minutes)", window);
      return FALSE;
    }
  if (max_walk < 0 || max_walk > 24 * 60)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "bad --max-walk %d (expected 0..1440 minutes)", max_walk);
      return FALSE;
    }
  /* the defaults' window in whole minutes begun; the walk stays in ms (the
   * timetable calls round it to their seconds) */
  out->window_min = args->window == TNET_CLI_UNSET ? (defaults->window_ms + 59999u) / 60000u
                    : (guint) window;
  out->max_walk_ms = args->max_walk == TNET_CLI_UNSET ? defaults->max_walk_ms
                     : tnet_weight_from_min (max_walk);
  out->percentiles = g_array_new (FALSE, FALSE, sizeof (double));
  if (args->pcts == NULL && !args->one_percentile)
    {
      g_array_append_vals (out->percentiles, defaults->percentiles, defaults->n_percentiles);
      return TRUE;
    }
  const char *pcts = args->pcts ? args->pcts : "50";
  if (!tnet_cli_parse_percentiles (pcts, out->percentiles)
      || (args->one_percentile && out->percentiles->len != 1))
    {
      if (args->one_percentile)
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     "bad --percentile '%s' (expected one number in 0..100)", args->pcts);
      else
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     "bad --percentiles '%s' (expected numbers in 0..100 separated by "
                     "commas)", args->pcts);
      g_clear_pointer (&out->percentiles, g_array_unref);
      return FALSE;
    }
  return TRUE;
}

gboolean
tnet_cli_park_ride_args_parse (const TnetCliParkRideArgs *args, TnetParkRideOptions *out,
                               GError **error)
{
  return tnet_cli_park_ride_args_parse_with (args, NULL, out, error);
}

gboolean
tnet_cli_park_ride_args_parse_with (const TnetCliParkRideArgs *args,
                                    const TnetParkRideOptions *defaults,
                                    TnetParkRideOptions *out, GError **error)
{
  TnetParkRideOptions d;
  if (defaults)
    d = *defaults;
  else
    tnet_park_ride_options_init (&d);
  gint drive = args->drive_budget_min == TNET_CLI_UNSET ? 0 : args->drive_budget_min;
  gint park = args->park_min == TNET_CLI_UNSET ? 0 : args->park_min;
  double radius = args->parking_radius_m == TNET_CLI_UNSET_M ? 0 : args->parking_radius_m;
  if (drive < 0 || drive > 24 * 60)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "bad --drive-budget %d (expected 0..1440 minutes)", drive);
      return FALSE;
    }
  if (park < 0 || park > 24 * 60)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "bad --park-time %d (expected 0..1440 minutes)", park);
      return FALSE;
    }
  if (!(radius >= 0 && radius <= 10000))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "bad --parking-radius %g (expected 0..10000 metres)", radius);
      return FALSE;
    }
  *out = d;
  if (args->drive_budget_min != TNET_CLI_UNSET)
    out->drive_budget_ms = tnet_weight_from_min (drive);
  if (args->park_min != TNET_CLI_UNSET)
    out->park_ms = tnet_weight_from_min (park);
  if (args->parking_radius_m != TNET_CLI_UNSET_M)
    out->parking_radius_m = radius;
  return TRUE;
}

gboolean
tnet_cli_frequency_model_check (const TnetCliTimeArgs *args, const TnetCliParkRideArgs *park,
                                GError **error)
{
  if (!args->frequency_model)
    return TRUE;
  /* in the order of --help */
  const struct { gboolean given; const char *name; } opts[] = {
    { args->depart != NULL, "--depart" },
    { args->date != NULL, "--date" },
    { args->window != TNET_CLI_UNSET, "--window" },
    { args->pcts != NULL, args->one_percentile ? "--percentile" : "--percentiles" },
    { args->max_walk != TNET_CLI_UNSET, "--max-walk" },
    { args->freq_seed != TNET_CLI_UNSET, "--frequency-seed" },
    { args->gtfs != NULL, "--gtfs" },
    { park && park->drive_budget_min != TNET_CLI_UNSET, "--drive-budget" },
    { park && park->park_min != TNET_CLI_UNSET, "--park-time" },
    { park && park->parking_radius_m != TNET_CLI_UNSET_M, "--parking-radius" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (opts); i++)
    if (opts[i].given)
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                     "%s cannot be given with --frequency-model: it is an option of the "
                     "timetable, which the frequency approximation does not follow (leave "
                     "out one of %s and --frequency-model)", opts[i].name, opts[i].name);
        return FALSE;
      }
  return TRUE;
}

TnetTimetable *
tnet_cli_transit_timetable (const TnetNetwork *net, const TnetScenario *scen,
                            const TnetCliTimeArgs *args, const TnetCliTimeOptions *topt,
                            gboolean quiet, char **feed_name, GPtrArray **feeds,
                            GError **error)
{
  if (args->frequency_model)
    return NULL;
  GError *local = NULL;
  TnetTimetable *tt = tnet_cli_load_timetable (net, scen, topt, feed_name, feeds, &local);
  if (tt != NULL)
    return tt;
  /* a feed named by --gtfs that cannot be read is an error; a data folder
   * without one falls back to the approximation, and says so */
  if (topt->gtfs != NULL || !g_error_matches (local, TNET_ERROR, TNET_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, local);
      return NULL;
    }
  g_error_free (local);
  if (!quiet)
    fprintf (stderr, "tnet: note: no GTFS feed in the data folder: transit by the "
             "frequency approximation\n");
  return NULL;
}

gboolean
tnet_cli_check_headway_timetable (const TnetCliCommon *common, GError **error)
{
  const char *spec = common->scenario;
  if (spec == NULL || strspn (spec, "0123456789") == strlen (spec))
    return TRUE;   /* no file: a year has no overrides */
  /* the file was read and checked by tnet_cli_load(); read again for the
   * places of its keys */
  g_autoptr (TnetScenarioFile) sf = tnet_scenario_file_load (spec, error);
  return sf != NULL && tnet_scenario_file_check_timetable (sf, NULL, error);
}

void
tnet_cli_time_args_clear (TnetCliTimeArgs *args)
{
  g_clear_pointer (&args->depart, g_free);
  g_clear_pointer (&args->date, g_free);
  g_clear_pointer (&args->pcts, g_free);
  g_clear_pointer (&args->gtfs, g_strfreev);
}

TnetTimetable *
tnet_cli_load_timetable (const TnetNetwork *net, const TnetScenario *scen,
                         const TnetCliTimeOptions *topt, char **feed_name, GPtrArray **feeds,
                         GError **error)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  if (topt->gtfs != NULL && topt->gtfs[0] != NULL)
    for (guint i = 0; topt->gtfs[i]; i++)
      g_ptr_array_add (paths, g_strdup (topt->gtfs[i]));
  else
    {
      char *feed_path = tnet_network_get_dir (net)
        ? tnet_feed_path_for_year (tnet_network_get_dir (net), tnet_scenario_get_year (scen))
        : NULL;
      if (feed_path == NULL)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                       "the data folder has no GTFS feed (gtfs/ or gtfs-YEAR/); name one "
                       "with --gtfs");
          return NULL;
        }
      g_ptr_array_add (paths, feed_path);
    }
  TnetFeedOptions fo;
  tnet_feed_options_init (&fo);
  fo.service_date = topt->date;
  g_autoptr (GPtrArray) loaded = g_ptr_array_new_with_free_func ((GDestroyNotify) tnet_feed_unref);
  for (guint i = 0; i < paths->len; i++)
    {
      TnetFeed *feed = tnet_feed_load (g_ptr_array_index (paths, i), &fo, error);
      if (feed == NULL)
        return NULL;
      g_ptr_array_add (loaded, feed);
    }
  TnetTimetableOptions tto;
  tnet_timetable_options_init (&tto);
  tto.frequency_seed = topt->frequency_seed;
  if (tnet_timetable_network_has_walks (net))
    {
      tto.walk_network = net;   /* walks follow the streets and access links of the folder */
      tto.walk_scenario = scen;
    }
  /* without --date the first feed's busiest day is the service date of all
   * feeds (a timetable has one) */
  TnetTimetable *tt = tnet_timetable_build ((const TnetFeed *const *) loaded->pdata,
                                            loaded->len, &tto, error);
  if (tt == NULL)
    return NULL;
  if (feed_name)
    {
      GString *names = g_string_new (NULL);
      for (guint i = 0; i < paths->len; i++)
        {
          g_autofree char *base = g_path_get_basename (g_ptr_array_index (paths, i));
          g_string_append_printf (names, "%s%s", i ? "+" : "", base);
        }
      *feed_name = g_string_free (names, FALSE);
    }
  *feeds = g_steal_pointer (&loaded);
  return tt;
}

static char *
clock_str (gint32 s)
{
  gboolean neg = s < 0;
  if (neg)
    s += 86400;   /* a trip of the day before */
  return g_strdup_printf ("%02d:%02d:%02d%s", s / 3600, s / 60 % 60, s % 60,
                          neg ? " (day before)" : "");
}

void
tnet_cli_timetable_route_options (const TnetCliTimeOptions *topt, const char *feed_name,
                                  TnetTimetableRouteOptions *out)
{
  tnet_timetable_route_options_init (out);
  out->depart_s = topt->depart_s;
  out->n_minutes = topt->window_min;
  out->max_walk_ms = topt->max_walk_ms;
  out->percentiles = (const double *) (void *) topt->percentiles->data;
  out->n_percentiles = topt->percentiles->len;
  out->feed = feed_name;
}

int
tnet_cli_route_timetable (const TnetCliCommon *common, const TnetNetwork *net,
                          const TnetScenario *scen, const TnetTimetable *tt, const char *feed_name,
                          const TnetCliTimeOptions *topt,
                          const TnetParkRideOptions *park_ride, const char *from,
                          const char *to, gboolean json)
{
  GError *error = NULL;
  gint32 dep = topt->depart_s;
  guint n_min = MAX (topt->window_min, 1u);
  guint n_dep = tnet_timetable_count_departures (tt, dep, dep + 60 * (gint32) n_min + 3600);
  if (n_dep == 0 && !common->quiet)
    {
      gint32 a, b;
      tnet_timetable_get_span (tt, &a, &b);
      g_autofree char *sa = clock_str (a), *sb = clock_str (b);
      fprintf (stderr, "tnet: warning: no trip departs between the departure and one hour "
               "after the window on %u; the feed runs %s-%s that day\n",
               tnet_timetable_get_service_date (tt), sa, sb);
    }
  g_autoptr (TnetRaptor) ws = tnet_raptor_new (tt);
  g_autoptr (TnetParkRide) pr = NULL;
  g_autoptr (TnetSearch) search = NULL;
  if (park_ride)
    {
      pr = tnet_park_ride_new (tt, net, scen, park_ride, &error);
      if (pr == NULL)
        return tnet_cli_fail (NULL, error);
      search = tnet_search_new (tnet_park_ride_get_graph (pr));
    }
  TnetTimetableRouteOptions ro;
  tnet_cli_timetable_route_options (topt, feed_name, &ro);
  g_autoptr (TnetTimetableRoute) route = tnet_timetable_route_compute (tt, ws, pr, search, net,
                                                                       &ro, from, to, &error);
  if (route == NULL)
    return tnet_cli_fail (NULL, error);
  g_autofree char *text = json ? tnet_timetable_route_to_json (route)
                               : tnet_timetable_route_to_text (route);
  if (!tnet_cli_write (common, text, &error))
    return tnet_cli_fail (NULL, error);
  return TNET_EXIT_OK;
}

TnetRaptorFailuresOptions
tnet_cli_failures_options (const TnetCliTimeOptions *topt, double percentile)
{
  TnetRaptorFailuresOptions fo;
  tnet_raptor_failures_options_init (&fo);
  fo.depart_s = topt->depart_s;
  fo.n_minutes = topt->window_min;
  fo.percentile = percentile;
  fo.max_walk_ms = topt->max_walk_ms;
  return fo;
}

TnetCorridor *
tnet_cli_corridor_analyse (const TnetNetwork *net, const TnetScenario *scen,
                           const TnetMultimodal *mm, const TnetTimetable *tt,
                           const TnetParkRide *pr,
                           const char *feed_name, guint mode_mask, const TnetNodeSet *a,
                           const TnetNodeSet *b, guint k, TnetWeight budget_ms, double factor,
                           TnetRaptorDisjoint disjoint, const TnetCliTimeOptions *topt,
                           double percentile, GError **error)
{
  if (tt == NULL && mm == NULL)
    return tnet_corridor_analyse (net, scen, mode_mask, a, b, k, budget_ms, factor, error);
  if (tt == NULL)
    return tnet_corridor_analyse_profile (net, scen, mm, mode_mask, a, b, k, budget_ms, factor,
                                          error);
  TnetRaptorFailuresOptions fo = tnet_cli_failures_options (topt, percentile);
  return pr ? tnet_corridor_analyse_park_ride (net, scen, pr, feed_name, mode_mask, a, b, k,
                                               budget_ms, factor, disjoint, &fo, error)
            : tnet_corridor_analyse_timetable (net, scen, tt, feed_name, mode_mask, a, b, k,
                                               budget_ms, factor, disjoint, &fo, error);
}

TnetCriticality *
tnet_cli_criticality_scan (const TnetNetwork *net, const TnetScenario *scen,
                           const TnetMultimodal *mm, const TnetTimetable *tt,
                           const TnetParkRide *pr,
                           const char *feed_name, const TnetNodeSet *a, const TnetNodeSet *b,
                           gboolean by_line, TnetWeight budget_ms,
                           const TnetCliTimeOptions *topt, double percentile,
                           const TnetCriticalityOptions *copts, GError **error)
{
  if (tt == NULL)
    return tnet_corridor_criticality_profile (net, mm, a, b, by_line, budget_ms, copts, error);
  TnetRaptorFailuresOptions fo = tnet_cli_failures_options (topt, percentile);
  return pr ? tnet_corridor_criticality_park_ride (net, scen, pr, feed_name, a, b, by_line,
                                                   budget_ms, &fo, copts, error)
            : tnet_corridor_criticality_timetable (net, scen, tt, feed_name, a, b, by_line,
                                                   budget_ms, &fo, copts, error);
}
