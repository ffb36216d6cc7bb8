/* route-timetable.c: `tnet route --profile transit` by the timetable: the
 * journey for one departure with clock times, and over a departure window
 * the travel-time percentiles and the minute-by-minute series. */
#include "cli.h"
#include "commands.h"
#include "route-transit.h"
#include "park-ride-json.h"
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
  /* the defaults' durations in ms: the window in whole minutes begun,
   * the walk in whole seconds */
  out->window_min = args->window == TNET_CLI_UNSET ? (defaults->window_ms + 59999u) / 60000u
                    : (guint) window;
  out->max_walk_s = args->max_walk == TNET_CLI_UNSET
                    ? (guint) lround (tnet_weight_to_s (defaults->max_walk_ms))
                    : (guint) max_walk * 60;
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
    out->drive_budget_s = (guint) drive * 60;
  if (args->park_min != TNET_CLI_UNSET)
    out->park_s = (guint) park * 60;
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

static double
distance_m (double lon1, double lat1, double lon2, double lat2)
{
  const double r = 6371008.8, d2r = G_PI / 180.0;
  double dlat = (lat2 - lat1) * d2r, dlon = (lon2 - lon1) * d2r;
  double a = sin (dlat / 2) * sin (dlat / 2)
             + cos (lat1 * d2r) * cos (lat2 * d2r) * sin (dlon / 2) * sin (dlon / 2);
  return 2 * r * asin (MIN (1.0, sqrt (a)));
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

/* Where a place is: a stop of the timetable, or a network node (walks to
 * the stops within @max_walk_s by tnet_raptor_walks_from_place()). *@node
 * is the place's network node or TNET_ID_NONE. */
static gboolean
place_walks (const TnetTimetable *tt, TnetRaptor *ws, const TnetNetwork *net, const char *id,
             guint max_walk_s, GArray *walks, double *lon, double *lat, TnetId *node,
             GError **error)
{
  *node = TNET_ID_NONE;
  TnetId s = tnet_timetable_find_stop (tt, id);
  if (s != TNET_ID_NONE)
    {
      TnetStopWalk w = { s, 0 };
      g_array_append_val (walks, w);
      tnet_timetable_stop_position (tt, s, lon, lat);
      if (!isnan (*lon))
        tnet_timetable_walks_near (tt, *lon, *lat, 0, walks);
      return TRUE;
    }
  TnetId v = net ? tnet_place_find_node (net, id) : TNET_ID_NONE;
  if (v == TNET_ID_NONE)
    {
      const char *sugg = net ? tnet_place_suggest (net, id, FALSE) : NULL;
      g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND,
                   "unknown place '%s', expected a stop id of the feed or a node id or "
                   "name%s%s%s", id, sugg ? " (did you mean '" : "", sugg ? sugg : "",
                   sugg ? "'?)" : "");
      return FALSE;
    }
  const TnetNode *n = tnet_network_node (net, v);
  *lon = n->lon;
  *lat = n->lat;
  *node = v;
  tnet_raptor_walks_from_place (ws, v, n->lon, n->lat, max_walk_s, walks);
  return TRUE;
}

/* The park-and-ride part of a route's document: the options and how many
 * parking places and stops with parking the data has. */
static void
park_ride_summary (const TnetParkRide *pr, JsonBuilder *b, GString *out)
{
  const TnetParkRideOptions *po = tnet_park_ride_get_options (pr);
  if (b == NULL)
    {
      g_string_append_printf (out, "Park-and-ride: drive up to %u min, park %u min, %u "
                              "parking places serve %u stops within %g m\n",
                              po->drive_budget_s / 60, po->park_s / 60,
                              tnet_park_ride_n_parking (pr), tnet_park_ride_n_stops (pr),
                              po->parking_radius_m);
      return;
    }
  json_builder_set_member_name (b, "park_and_ride");
  json_builder_begin_object (b);
  tnet_i_park_ride_write_json (b, pr);
  json_builder_end_object (b);
}

static const char *
leg_kind (TnetTransitLegKind k)
{
  switch (k)
    {
    case TNET_TRANSIT_LEG_RIDE:
      return "ride";
    case TNET_TRANSIT_LEG_ACCESS:
      return "walk";
    case TNET_TRANSIT_LEG_DRIVE:
      return "drive";
    case TNET_TRANSIT_LEG_PARK:
      return "park";
    case TNET_TRANSIT_LEG_TRANSFER:
    default:
      return "transfer";
    }
}

gboolean
tnet_cli_route_timetable_run (TnetTimetable *tt, TnetRaptor *ws, const char *feed_name,
                              const TnetNetwork *net, const TnetCliTimeOptions *topt,
                              const char *from, const char *to, JsonBuilder *b, GString *out,
                              GError **error)
{
  return tnet_cli_route_timetable_run_pr (tt, ws, NULL, NULL, feed_name, net, topt, from, to,
                                          b, out, error);
}

/* What tnet_cli_route_timetable_run_pr() found, for its document. */
typedef struct {
  const char *from, *to;
  const char *how;          /* "transit" or "park-and-ride" */
  const TnetParkRide *pr;   /* NULL: transit */
  const char *feed_name;
  guint date;               /* the timetable's service date, YYYYMMDD */
  gint32 dep;               /* the first departure, s after midnight */
  guint n_min;              /* departures: MAX (window, 1) */
  const gint32 *series;     /* @n_min travel times, s, or TNET_RAPTOR_UNREACHED */
  const gint32 *pv;         /* the options' percentiles of @series */
  const GArray *legs;       /* TnetTransitLeg of the first departure's journey */
  TnetId best;              /* its last stop, or TNET_ID_NONE */
  guint32 best_walk;        /* the walk from @best to the destination, s */
  gboolean walk_only;       /* walking all the way is as fast */
  guint32 direct;           /* that walk, s */
} RouteDoc;

/* The ends of a route: the origin's access rows into @acc (its walks to
 * stops, with park-and-ride @pr its drives to parking places too, whose
 * rows go to @rows), the destination's stops into @egr and the egresses
 * into @egress (with the walk all the way when within the longest walk,
 * *@direct). Fails (TNET_ERROR_NOT_FOUND) on an unknown place, or when no
 * stop is within the walk of one end. */
static gboolean
route_ends (TnetTimetable *tt, TnetRaptor *ws, const TnetParkRide *pr, TnetSearch *search,
            const TnetNetwork *net, const TnetCliTimeOptions *topt, const char *from,
            const char *to, const char *how, GArray *acc, GArray *egr, GArray *rows,
            GArray *egress, guint32 *direct, GError **error)
{
  double olon = NAN, olat = NAN, dlon = NAN, dlat = NAN;
  TnetId onode, dnode;
  if (!place_walks (tt, ws, net, from, topt->max_walk_s, acc, &olon, &olat, &onode, error)
      || !place_walks (tt, ws, net, to, topt->max_walk_s, egr, &dlon, &dlat, &dnode, error))
    return FALSE;
  if (pr != NULL && onode != TNET_ID_NONE)
    {
      /* driving to a parking place competes with walking to a stop */
      g_autoptr (GArray) merged = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
      tnet_park_ride_access (pr, search, onode, (const TnetStopWalk *) (void *) acc->data,
                             acc->len, rows, merged);
      g_array_set_size (acc, 0);
      g_array_append_vals (acc, merged->data, merged->len);
    }
  for (guint i = 0; i < egr->len; i++)
    {
      const TnetStopWalk *w = &g_array_index (egr, TnetStopWalk, i);
      TnetEgress e = { 0, w->stop, w->walk_s };
      g_array_append_val (egress, e);
    }
  *direct = G_MAXUINT32;
  g_autoptr (GArray) scratch = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  if (onode != TNET_ID_NONE && dnode != TNET_ID_NONE
      && tnet_raptor_walks_from_node (ws, onode, topt->max_walk_s, dnode, direct, scratch))
    {
      /* both ends on the street: the direct walk is the street walk */
      if (*direct <= topt->max_walk_s)
        {
          TnetEgress e = { 0, TNET_ID_NONE, *direct };
          g_array_append_val (egress, e);
        }
    }
  else if (!isnan (olon) && !isnan (dlon))
    {
      *direct = tnet_timetable_walk_seconds (tt, distance_m (olon, olat, dlon, dlat));
      if (*direct <= topt->max_walk_s)
        {
          TnetEgress e = { 0, TNET_ID_NONE, *direct };
          g_array_append_val (egress, e);
        }
    }

  if (egress->len == 0 || (acc->len == 0 && *direct > topt->max_walk_s))
    {
      /* no stop within walking distance of one end: nothing to route */
      g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND, "no path by %s from '%s' to "
                   "'%s': no stop of the feed within %u min walk of '%s' (--max-walk)%s",
                   how, from, to, topt->max_walk_s / 60, acc->len == 0 ? from : to,
                   pr && acc->len == 0 ? " nor a parking place within the drive budget"
                   : "");
      return FALSE;
    }
  return TRUE;
}

/* The start of the document: the JSON members before "legs" (whose array
 * it opens), or the text's heading lines. */
static void
route_doc_head (const RouteDoc *d, const TnetCliTimeOptions *topt, JsonBuilder *b,
                GString *out)
{
  if (b == NULL)
    {
      g_string_append_printf (out, "Route by %s (timetable %s, %u) from %s to %s, "
                              "departing %02d:%02d\n", d->how, d->feed_name, d->date, d->from,
                              d->to, d->dep / 3600, d->dep / 60 % 60);
      if (d->pr)
        park_ride_summary (d->pr, NULL, out);
      return;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, d->from);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, d->to);
  json_builder_set_member_name (b, "profile");
  json_builder_add_string_value (b, d->pr ? "park_and_ride" : "transit");
  json_builder_set_member_name (b, "model");
  json_builder_add_string_value (b, "timetable");
  json_builder_set_member_name (b, "feed");
  json_builder_add_string_value (b, d->feed_name);
  json_builder_set_member_name (b, "date");
  json_builder_add_int_value (b, d->date);
  json_builder_set_member_name (b, "depart");
  g_autofree char *cd = clock_str (d->dep);
  json_builder_add_string_value (b, cd);
  json_builder_set_member_name (b, "window_min");
  json_builder_add_int_value (b, topt->window_min);
  json_builder_set_member_name (b, "total_min");
  if (d->series[0] == TNET_RAPTOR_UNREACHED)
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, round (d->series[0] / 6.0) / 10.0);
  if (d->pr)
    park_ride_summary (d->pr, b, NULL);
  json_builder_set_member_name (b, "legs");
  json_builder_begin_array (b);
}

/* One leg as a JSON object of the "legs" array. */
static void
route_leg_json (JsonBuilder *b, const TnetTransitLeg *l, const char *kind, const char *fs,
                const char *ts, const char *c0, const char *c1)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, kind);
  json_builder_set_member_name (b, "line");
  if (l->route_name)
    json_builder_add_string_value (b, l->route_name);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "trip");
  if (l->trip_id)
    json_builder_add_string_value (b, l->trip_id);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "from");
  json_builder_add_string_value (b, fs);
  json_builder_set_member_name (b, "to");
  json_builder_add_string_value (b, ts);
  json_builder_set_member_name (b, "start");
  json_builder_add_string_value (b, c0);
  json_builder_set_member_name (b, "end");
  json_builder_add_string_value (b, c1);
  json_builder_set_member_name (b, "wait_min");
  json_builder_add_double_value (b, l->wait_s / 60.0);
  json_builder_end_object (b);
}

/* The legs of the journey: JSON objects into the open "legs" array of @b,
 * or (@b NULL) text lines, with the final walk (text only). */
static void
route_doc_legs (const RouteDoc *d, const TnetTimetable *tt, const TnetNetwork *net,
                JsonBuilder *b, GString *out)
{
  const char *parked = NULL;   /* the parking place, once parked */
  gint32 clock = d->dep;
  for (guint i = 0; i < d->legs->len; i++)
    {
      const TnetTransitLeg *l = &g_array_index (d->legs, TnetTransitLeg, i);
      const char *place = l->node != TNET_ID_NONE ? tnet_network_node (net, l->node)->id : NULL;
      if (l->kind == TNET_TRANSIT_LEG_PARK)
        parked = place;
      const char *fs = l->kind == TNET_TRANSIT_LEG_PARK ? place
                       : l->from_stop != TNET_ID_NONE ? tnet_timetable_stop_id (tt, l->from_stop)
                       : parked ? parked : d->from;
      const char *ts = place ? place : tnet_timetable_stop_id (tt, l->to_stop);
      const char *kind = leg_kind (l->kind);
      if (l->kind == TNET_TRANSIT_LEG_ACCESS && l->end_s == l->start_s)
        continue;
      g_autofree char *c0 = clock_str (l->start_s), *c1 = clock_str (l->end_s);
      if (b)
        route_leg_json (b, l, kind, fs, ts, c0, c1);
      else if (l->kind == TNET_TRANSIT_LEG_RIDE)
        g_string_append_printf (out, "  wait %.1f min, board %s %s at %s, alight %s at %s "
                                "(%s %s)\n", l->wait_s / 60.0, l->route_name, fs, c0, ts, c1,
                                tnet_mode_to_string (l->mode), l->trip_id);
      else if (l->kind == TNET_TRANSIT_LEG_PARK)
        g_string_append_printf (out, "  park at %s, %s-%s\n", ts, c0, c1);
      else
        g_string_append_printf (out, "  %s %s -> %s, %s-%s\n", kind, fs, ts, c0, c1);
      clock = l->end_s;
    }
  if (!d->walk_only && d->best != TNET_ID_NONE && d->best_walk > 0)
    {
      g_autofree char *c0 = clock_str (clock), *c1 = clock_str (clock + (gint32) d->best_walk);
      if (!b)
        g_string_append_printf (out, "  walk %s -> %s, %s-%s\n",
                                tnet_timetable_stop_id (tt, d->best), d->to, c0, c1);
    }
  if (d->walk_only && !b)
    g_string_append_printf (out, "  walk %s -> %s, %.1f min\n", d->from, d->to,
                            d->direct / 60.0);
}

/* The end of the document: the JSON "percentiles" and "minutes" (closing
 * the legs and the object), or the text's total and window lines. */
static void
route_doc_tail (const RouteDoc *d, const TnetCliTimeOptions *topt, JsonBuilder *b,
                GString *out)
{
  if (b)
    {
      json_builder_end_array (b);
      json_builder_set_member_name (b, "percentiles");
      json_builder_begin_object (b);
      for (guint i = 0; i < topt->percentiles->len; i++)
        {
          g_autofree char *k = g_strdup_printf ("p%g", g_array_index (topt->percentiles,
                                                                       double, i));
          json_builder_set_member_name (b, k);
          if (d->pv[i] == TNET_RAPTOR_UNREACHED)
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, round (d->pv[i] / 6.0) / 10.0);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "minutes");
      json_builder_begin_array (b);
      for (guint m = 0; m < d->n_min; m++)
        if (d->series[m] == TNET_RAPTOR_UNREACHED)
          json_builder_add_null_value (b);
        else
          json_builder_add_double_value (b, round (d->series[m] / 6.0) / 10.0);
      json_builder_end_array (b);
      json_builder_end_object (b);
      return;
    }
  if (d->series[0] != TNET_RAPTOR_UNREACHED)
    g_string_append_printf (out, "Total: %.1f min\n", d->series[0] / 60.0);
  if (topt->window_min > 1)
    {
      g_string_append_printf (out, "Window %02d:%02d + %u min, travel time percentiles:",
                              d->dep / 3600, d->dep / 60 % 60, topt->window_min);
      for (guint i = 0; i < topt->percentiles->len; i++)
        {
          if (d->pv[i] == TNET_RAPTOR_UNREACHED)
            g_string_append_printf (out, " p%g -", g_array_index (topt->percentiles, double, i));
          else
            g_string_append_printf (out, " p%g %.1f", g_array_index (topt->percentiles, double, i),
                                    d->pv[i] / 60.0);
        }
      g_string_append (out, " min\nPer minute:");
      for (guint m = 0; m < d->n_min; m++)
        {
          if (d->series[m] == TNET_RAPTOR_UNREACHED)
            g_string_append (out, " -");
          else
            g_string_append_printf (out, " %.1f", d->series[m] / 60.0);
        }
      g_string_append_c (out, '\n');
    }
}

gboolean
tnet_cli_route_timetable_run_pr (TnetTimetable *tt, TnetRaptor *ws, const TnetParkRide *pr,
                                 TnetSearch *search, const char *feed_name,
                                 const TnetNetwork *net, const TnetCliTimeOptions *topt,
                                 const char *from, const char *to, JsonBuilder *b,
                                 GString *out, GError **error)
{
  RouteDoc d = { .from = from, .to = to, .how = pr ? "park-and-ride" : "transit", .pr = pr,
                 .feed_name = feed_name, .date = tnet_timetable_get_service_date (tt),
                 .dep = topt->depart_s, .n_min = MAX (topt->window_min, 1u) };
  g_autoptr (GArray) acc = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  g_autoptr (GArray) egr = g_array_new (FALSE, FALSE, sizeof (TnetStopWalk));
  g_autoptr (GArray) rows = g_array_new (FALSE, FALSE, sizeof (TnetParkRideAccess));
  g_autoptr (GArray) egress = g_array_new (FALSE, FALSE, sizeof (TnetEgress));
  if (!route_ends (tt, ws, pr, search, net, topt, from, to, d.how, acc, egr, rows, egress,
                   &d.direct, error))
    return FALSE;
  g_autofree gint32 *series = g_new (gint32, d.n_min);
  tnet_raptor_run_range (ws, (const TnetStopWalk *) (void *) acc->data, acc->len, d.dep,
                         d.n_min, (const TnetEgress *) (void *) egress->data, egress->len, 1,
                         series);
  /* the journey of the first minute: the best egress stop, then its legs */
  tnet_raptor_run (ws, (const TnetStopWalk *) (void *) acc->data, acc->len, d.dep);
  d.best = TNET_ID_NONE;
  gint32 best_t = TNET_RAPTOR_UNREACHED;
  for (guint i = 0; i < egr->len; i++)
    {
      const TnetStopWalk *w = &g_array_index (egr, TnetStopWalk, i);
      gint32 a = tnet_raptor_arrival (ws, w->stop);
      if (a != TNET_RAPTOR_UNREACHED && a + (gint32) w->walk_s < best_t)
        {
          best_t = a + (gint32) w->walk_s;
          d.best = w->stop;
          d.best_walk = w->walk_s;
        }
    }
  d.walk_only = d.direct <= topt->max_walk_s && d.dep + (gint32) d.direct <= best_t;
  if (series[0] == TNET_RAPTOR_UNREACHED && topt->window_min <= 1)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND, "no path by %s from '%s' to "
                   "'%s' departing %02d:%02d on %u", d.how, from, to, d.dep / 3600,
                   d.dep / 60 % 60, d.date);
      return FALSE;
    }
  g_autoptr (GArray) legs = g_array_new (FALSE, FALSE, sizeof (TnetTransitLeg));
  if (!d.walk_only && d.best != TNET_ID_NONE)
    tnet_park_ride_journey (ws, d.best, (const TnetParkRideAccess *) (void *) rows->data,
                            rows->len, legs);
  g_autofree gint32 *pv = g_new (gint32, MAX (topt->percentiles->len, 1));
  g_autofree gint32 *sorted = g_memdup2 (series, sizeof (gint32) * d.n_min);
  tnet_percentiles (sorted, d.n_min, (const double *) (void *) topt->percentiles->data,
                    topt->percentiles->len, pv);
  d.series = series;
  d.pv = pv;
  d.legs = legs;
  route_doc_head (&d, topt, b, out);
  route_doc_legs (&d, tt, net, b, out);
  route_doc_tail (&d, topt, b, out);
  return TRUE;
}

int
tnet_cli_route_timetable (const TnetCliCommon *common, const TnetNetwork *net,
                          const TnetScenario *scen, TnetTimetable *tt, const char *feed_name,
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
  g_autoptr (JsonBuilder) b = json ? json_builder_new () : NULL;
  g_autoptr (GString) out = json ? NULL : g_string_new (NULL);
  if (!tnet_cli_route_timetable_run_pr (tt, ws, pr, search, feed_name, net, topt, from, to, b,
                                        out, &error))
    return tnet_cli_fail (NULL, error);
  if (json ? !tnet_cli_write_json (common, b, &error) : !tnet_cli_write (common, out->str, &error))
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
  fo.max_walk_s = topt->max_walk_s;
  return fo;
}

TnetCorridor *
tnet_cli_corridor_analyse (const TnetNetwork *net, const TnetScenario *scen,
                           const TnetMultimodal *mm, TnetTimetable *tt, const TnetParkRide *pr,
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
                           const TnetMultimodal *mm, TnetTimetable *tt, const TnetParkRide *pr,
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
