/* serve-api.c: the JSON endpoints of `tnet serve`. Each endpoint validates
 * its parameters on the main thread (a bad one is HTTP 400 naming it), then
 * computes in a worker with the commands' own functions and a per-thread
 * workspace, so that every answer is the document the command-line program
 * prints for the same query. */
#include "serve.h"
#include "accessibility-json.h"
#include "report-json.h"
#include "transfers-output.h"
#include "route-car.h"
#include "route-transit.h"
#include <math.h>
#include <stdarg.h>
#include <string.h>

void
tnet_serve_job_error (TnetServeJob *job, guint status, const char *parameter,
                      const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, message);
  json_builder_set_member_name (b, "parameter");
  if (parameter)
    json_builder_add_string_value (b, parameter);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  g_free (job->body);
  job->body = tnet_cli_json_to_string (b);
  job->content_type = "application/json";
  job->status = status;
}

/* ------------------------------------------------------------ parameters */

/* The parameters each endpoint accepts; anything else is a 400. */
typedef struct {
  const char *endpoint;
  const char *const params[16];
} Allowed;

static const Allowed allowed[] = {
  { "route", { "from", "to", "scenario", "metric", "profile", "depart", "model", "date",
                "window", "percentiles", "max_walk", NULL } },
  { "table", { "sources", "destinations", "scenario", NULL } },
  { "isochrone", { "from", "minutes", "profile", "scenario", "depart", "date", "window",
                    "percentile", "max_walk", "model", "polygons", NULL } },
  { "accessibility", { "opportunities", "cutoffs", "profile", "population", "scenario",
                        "depart", "date", "window", "percentile", "max_walk", "model",
                        NULL } },
  { "corridors", { "from", "to", "modes", "k", "budget", "factor", "format", "scenario",
                    NULL } },
  { "criticality", { "from", "to", "profile", "by", "top", "budget", "format", "scenario",
                     "model", "depart", "date", "window", "percentile", "max_walk", NULL } },
  { "transfers", { "hub", "scenario", NULL } },
  { "report", { "baseline", "uncertainty", "seed", "scenario", NULL } },
  { "nodes", { "search", "place", "limit", NULL } },
  { "network", { "scenario", NULL } },
  { "scenarios", { NULL } },
  { "health", { NULL } },
};

static const Allowed *
find_allowed (const char *endpoint)
{
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (strcmp (allowed[i].endpoint, endpoint) == 0)
      return &allowed[i];
  return NULL;
}

/* Text usable as a command-line argument and an id: valid UTF-8, 1..200
 * bytes, no control characters, not starting with '-'. */
static gboolean
plain_text (const char *s)
{
  gsize len = strlen (s);
  if (len == 0 || len > 200 || s[0] == '-' || !g_utf8_validate (s, (gssize) len, NULL))
    return FALSE;
  for (const char *p = s; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

static const char *
param (TnetServeJob *job, const char *name)
{
  return g_hash_table_lookup (job->query, name);
}

/* The answer @status naming the parameter @name for @error (consumed):
 * "parameter 'NAME': message". */
static void
param_error (TnetServeJob *job, guint status, const char *name, GError *error)
{
  tnet_serve_job_error (job, status, name, "parameter '%s': %s", name, error->message);
  g_error_free (error);
}

/* The profile=… of a job (checked when prepared), car when absent. */
static TnetProfile
job_profile (TnetServeJob *job)
{
  TnetProfile profile = TNET_PROFILE_CAR;
  if (param (job, "profile"))
    tnet_profile_from_string (param (job, "profile"), &profile);
  return profile;
}

/* A required or optional text parameter; FALSE (with the 400 set) when bad. */
static gboolean
text_param (TnetServeJob *job, const char *name, gboolean required, const char **out)
{
  const char *v = param (job, name);
  *out = v;
  if (v == NULL)
    {
      if (required)
        tnet_serve_job_error (job, 400, name, "missing parameter '%s'", name);
      return !required;
    }
  if (!plain_text (v))
    {
      tnet_serve_job_error (job, 400, name, "parameter '%s': expected 1 to 200 bytes of "
                            "text, not starting with '-'", name);
      return FALSE;
    }
  return TRUE;
}

/* A finite number in [lo, hi]; @out keeps its default when absent. */
static gboolean
number_param (TnetServeJob *job, const char *name, double lo, double hi, double *out)
{
  const char *v = param (job, name);
  if (v == NULL)
    return TRUE;
  char *end = NULL;
  double x = strlen (v) <= 32 ? g_ascii_strtod (v, &end) : NAN;
  if (end == v || end == NULL || *end != '\0' || !isfinite (x) || x < lo || x > hi)
    {
      tnet_serve_job_error (job, 400, name, "parameter '%s': expected a number in %g..%g",
                            name, lo, hi);
      return FALSE;
    }
  *out = x;
  return TRUE;
}

/* An integer in [lo, hi]. */
static gboolean
int_param (TnetServeJob *job, const char *name, gint64 lo, gint64 hi, gint64 *out)
{
  const char *v = param (job, name);
  if (v == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (v, 10, lo, hi, out, NULL))
    {
      tnet_serve_job_error (job, 400, name, "parameter '%s': expected an integer in %"
                            G_GINT64_FORMAT "..%" G_GINT64_FORMAT, name, lo, hi);
      return FALSE;
    }
  return TRUE;
}

/* One of the words of @choices (NULL-terminated). */
static gboolean
enum_param (TnetServeJob *job, const char *name, const char *const *choices, const char **out)
{
  const char *v = param (job, name);
  if (v == NULL)
    return TRUE;
  for (guint i = 0; choices[i]; i++)
    if (strcmp (v, choices[i]) == 0)
      {
        *out = choices[i];
        return TRUE;
      }
  g_autofree char *list = g_strjoinv (", ", (char **) choices);
  tnet_serve_job_error (job, 400, name, "parameter '%s': expected one of %s", name, list);
  return FALSE;
}

/* A node id of the network. */
static gboolean
node_param (TnetServeJob *job, const char *name, TnetId *out)
{
  const char *v;
  if (!text_param (job, name, TRUE, &v))
    return FALSE;
  GError *error = NULL;
  *out = tnet_cli_find_node (job->srv->net, v, &error);
  if (*out == TNET_ID_NONE)
    {
      param_error (job, 400, name, error);
      return FALSE;
    }
  return TRUE;
}

/* A place of the corridor commands: a region id or a node id. */
static gboolean
place_param (TnetServeJob *job, const char *name, const char **out)
{
  if (!text_param (job, name, TRUE, out))
    return FALSE;
  const char *v = *out;
  if (g_str_has_prefix (v, "region:"))
    v += strlen ("region:");
  if (tnet_dataset_find_region (job->srv->ds, v) == NULL
      && tnet_network_find_node (job->srv->net, *out) == TNET_ID_NONE)
    {
      tnet_serve_job_error (job, 400, name, "parameter '%s': '%s' is neither a region nor "
                            "a node of the data set", name, *out);
      return FALSE;
    }
  return TRUE;
}

/* A list of node ids separated by ';' or ','. */
static GArray *
node_list_param (TnetServeJob *job, const char *name)
{
  const char *v = param (job, name);
  if (v == NULL)
    {
      tnet_serve_job_error (job, 400, name, "missing parameter '%s'", name);
      return NULL;
    }
  g_auto (GStrv) items = g_strsplit_set (v, ";,", TNET_SERVE_MAX_LIST + 2);
  guint n = g_strv_length (items);
  if (n == 0 || n > TNET_SERVE_MAX_LIST)
    {
      tnet_serve_job_error (job, 400, name, "parameter '%s': expected 1 to %d node ids "
                            "separated by ';'", name, TNET_SERVE_MAX_LIST);
      return NULL;
    }
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (TnetId), n);
  for (guint i = 0; i < n; i++)
    {
      TnetId id = plain_text (items[i]) ? tnet_place_find_node (job->srv->net, items[i])
                                        : TNET_ID_NONE;
      if (id == TNET_ID_NONE)
        {
          tnet_serve_job_error (job, 400, name, "parameter '%s': unknown node '%.64s' "
                                "(item %u)", name, items[i], i + 1);
          g_array_unref (ids);
          return NULL;
        }
      g_array_append_val (ids, id);
    }
  return ids;
}

static gboolean
scenario_param (TnetServeJob *job)
{
  const char *v = param (job, "scenario");
  TnetServe *srv = job->srv;
  if (v == NULL)
    {
      job->sc = g_ptr_array_index (srv->scenarios, srv->default_scenario);
      return TRUE;
    }
  for (guint i = 0; i < srv->scenarios->len; i++)
    {
      TnetServeScenario *sc = g_ptr_array_index (srv->scenarios, i);
      if (strcmp (sc->name, v) == 0)
        {
          job->sc = sc;
          return TRUE;
        }
    }
  tnet_serve_job_error (job, 400, "scenario", "parameter 'scenario': unknown scenario "
                        "'%.64s' (see /scenarios)", v);
  return FALSE;
}

/* -------------------------------------------------------------- prepare */

static const char *const profiles_all[] = { "car", "transit", "park_and_ride", NULL };
static const char *const modes_all[] = { "rail", "road", "all", NULL };

/* The options of a /route by the timetable, from the query (validated by
 * prepare_route(); @out->percentiles is allocated). The command's defaults:
 * 08:00, the feed's busiest day, one departure, 5,25,50,75,95, 15 min. */
static gboolean
time_options (TnetServeJob *job, TnetCliTimeOptions *out)
{
  memset (out, 0, sizeof *out);
  out->depart_s = 8 * 3600;
  out->max_walk_s = 15 * 60;
  gint64 window = 0, max_walk = 15;
  const char *pcts = param (job, "percentiles");
  out->percentiles = g_array_new (FALSE, FALSE, sizeof (double));
  if (param (job, "depart") && !tnet_cli_parse_clock (param (job, "depart"), &out->depart_s))
    tnet_serve_job_error (job, 400, "depart", "parameter 'depart': expected HH:MM");
  else if (param (job, "date") && !tnet_cli_parse_date (param (job, "date"), &out->date))
    tnet_serve_job_error (job, 400, "date", "parameter 'date': expected YYYY-MM-DD");
  else if (!int_param (job, "window", 0, 24 * 60, &window)
           || !int_param (job, "max_walk", 0, 24 * 60, &max_walk))
    ;
  else if (!tnet_cli_parse_percentiles (pcts ? pcts : "5,25,50,75,95", out->percentiles)
           || out->percentiles->len > 20)
    tnet_serve_job_error (job, 400, "percentiles", "parameter 'percentiles': expected 1 to 20 "
                          "numbers in 0..100 separated by ','");
  else
    {
      out->window_min = (guint) window;
      out->max_walk_s = (guint) max_walk * 60;
      return TRUE;
    }
  g_clear_pointer (&out->percentiles, g_array_unref);
  return FALSE;
}

static void
prepare_route (TnetServeJob *job)
{
  TnetId from, to;
  const char *metric = "time", *profile = "car", *depart = NULL, *model = "timetable";
  static const char *const metrics[] = { "time", "length", NULL };
  static const char *const models[] = { "timetable", "frequency", NULL };
  if (!node_param (job, "from", &from) || !node_param (job, "to", &to)
      || !enum_param (job, "metric", metrics, &metric)
      || !enum_param (job, "profile", profiles_all, &profile)
      || !enum_param (job, "model", models, &model)
      || !text_param (job, "depart", FALSE, &depart))
    return;
  /* the options of the timetable are for transit and park-and-ride by the
   * timetable only */
  gboolean timetable = strcmp (profile, "car") != 0 && strcmp (model, "timetable") == 0;
  static const char *const timetable_only[] = { "date", "window", "percentiles", "max_walk",
                                                NULL };
  for (guint i = 0; timetable_only[i]; i++)
    if (param (job, timetable_only[i]) && !timetable)
      {
        tnet_serve_job_error (job, 400, timetable_only[i], "parameter '%s': for the transit "
                              "and park_and_ride profiles by the timetable only",
                              timetable_only[i]);
        return;
      }
  if (param (job, "model") && strcmp (profile, "car") == 0)
    {
      tnet_serve_job_error (job, 400, "model", "parameter 'model': for the transit and "
                            "park_and_ride profiles only");
      return;
    }
  if (strcmp (profile, "car") != 0 && strcmp (metric, "time") != 0)
    {
      tnet_serve_job_error (job, 400, "metric", "parameter 'metric': length is for the car "
                            "profile only");
      return;
    }
  if (depart && (strlen (depart) != 5 || depart[2] != ':'
                 || !g_ascii_isdigit (depart[0]) || !g_ascii_isdigit (depart[1])
                 || !g_ascii_isdigit (depart[3]) || !g_ascii_isdigit (depart[4])
                 || atoi (depart) > 47 || atoi (depart + 3) > 59))
    {
      tnet_serve_job_error (job, 400, "depart", "parameter 'depart': expected HH:MM");
      return;
    }
  TnetCliTimeOptions topt;
  if (timetable && time_options (job, &topt))
    g_array_unref (topt.percentiles);
}

static void
prepare_table (TnetServeJob *job)
{
  job->sources = node_list_param (job, "sources");
  if (job->sources == NULL)
    return;
  job->destinations = node_list_param (job, "destinations");
  if (job->destinations == NULL)
    return;
  if ((guint64) job->sources->len * job->destinations->len > TNET_SERVE_MAX_TABLE_CELLS)
    tnet_serve_job_error (job, 400, "destinations", "sources × destinations: %u × %u cells "
                          "exceed the limit of %d", job->sources->len, job->destinations->len,
                          TNET_SERVE_MAX_TABLE_CELLS);
}

/* The parameters of /isochrone and /accessibility that time transit by
 * the timetable, in the order they are reported. */
static const char *const timetable_params[] = { "depart", "date", "window", "percentile",
                                                "max_walk", NULL };

/* The timetable options of /isochrone and /accessibility as the command
 * line gives them to `tnet isochrone` and `tnet accessibility` (@args
 * borrows the query's strings: do not clear it), each checked (400 naming
 * it when bad). *@timetable: whether transit follows the timetable, by the
 * commands' rule: transit or park_and_ride unless model=frequency (a data folder
 * without a feed then falls back, see job_timetable()). The options with
 * another profile or model=frequency, and model with another profile, are
 * 400 naming them (as /route). */
static gboolean
timetable_args (TnetServeJob *job, TnetCliTimeArgs *args, gboolean *timetable)
{
  static const char *const models[] = { "timetable", "frequency", NULL };
  const char *profile = param (job, "profile") ? param (job, "profile") : "car";
  const char *model = NULL;
  gint64 window = 0, max_walk = 15;
  gint32 clock;
  guint date;
  memset (args, 0, sizeof *args);
  args->one_percentile = TRUE;
  if (!enum_param (job, "model", models, &model))
    return FALSE;
  if (param (job, "depart") && !tnet_cli_parse_clock (param (job, "depart"), &clock))
    {
      tnet_serve_job_error (job, 400, "depart", "parameter 'depart': expected HH:MM");
      return FALSE;
    }
  if (param (job, "date") && !tnet_cli_parse_date (param (job, "date"), &date))
    {
      tnet_serve_job_error (job, 400, "date", "parameter 'date': expected YYYY-MM-DD");
      return FALSE;
    }
  if (!int_param (job, "window", 0, 24 * 60, &window)
      || !int_param (job, "max_walk", 0, 24 * 60, &max_walk))
    return FALSE;
  g_autoptr (GArray) pct = g_array_new (FALSE, FALSE, sizeof (double));
  if (param (job, "percentile")
      && (!tnet_cli_parse_percentiles (param (job, "percentile"), pct) || pct->len != 1))
    {
      tnet_serve_job_error (job, 400, "percentile", "parameter 'percentile': expected one "
                            "number in 0..100");
      return FALSE;
    }
  /* park-and-ride (an isochrone's) follows the timetable as transit does */
  gboolean transit = strcmp (profile, "transit") == 0 || strcmp (profile, "park_and_ride") == 0;
  if (model && !transit)
    {
      tnet_serve_job_error (job, 400, "model", "parameter 'model': for the transit and "
                            "park_and_ride profiles only");
      return FALSE;
    }
  gboolean frequency = model && strcmp (model, "frequency") == 0;
  for (guint i = 0; timetable_params[i]; i++)
    if (param (job, timetable_params[i]) && (!transit || frequency))
      {
        tnet_serve_job_error (job, 400, timetable_params[i], "parameter '%s': for the "
                              "transit and park_and_ride profiles by the timetable only",
                              timetable_params[i]);
        return FALSE;
      }
  args->depart = (char *) param (job, "depart");
  args->date = (char *) param (job, "date");
  args->pcts = (char *) param (job, "percentile");
  /* not given: the commands' defaults (the plan's), job_timetable() */
  args->window = param (job, "window") ? (gint) window : TNET_CLI_UNSET;
  args->max_walk = param (job, "max_walk") ? (gint) max_walk : TNET_CLI_UNSET;
  args->freq_seed = TNET_CLI_UNSET;
  args->frequency_model = frequency;
  *timetable = transit && !frequency;
  return TRUE;
}

static const char *const booleans[] = { "true", "false", "1", "0", NULL };

/* polygons=true|1: the bands of `tnet isochrone --polygons`. */
static gboolean
polygons_asked (TnetServeJob *job)
{
  const char *v = param (job, "polygons");
  return v && (strcmp (v, "true") == 0 || strcmp (v, "1") == 0);
}

static void
prepare_isochrone (TnetServeJob *job)
{
  const char *from, *profile = "car";
  double minutes = 60;
  TnetCliTimeArgs targs;
  gboolean timetable;
  if (!text_param (job, "from", TRUE, &from)
      || !enum_param (job, "polygons", booleans, &(const char *) { NULL })
      || !(polygons_asked (job) || number_param (job, "minutes", 0.001, 1440, &minutes))
      || !enum_param (job, "profile", profiles_all, &profile)
      || !timetable_args (job, &targs, &timetable))
    return;
  if (polygons_asked (job) && param (job, "minutes"))
    {
      GError *error = NULL;
      g_autoptr (GArray) budgets = tnet_cli_isochrone_parse_minutes (param (job, "minutes"),
                                                                     &error);
      if (budgets == NULL || budgets->len > 16)
        {
          tnet_serve_job_error (job, 400, "minutes", "parameter 'minutes': expected up to 16 "
                                "budgets in (0, 1440] minutes, increasing and separated by ','");
          g_clear_error (&error);
          return;
        }
    }
  g_autoptr (GArray) sources = g_array_new (FALSE, FALSE, sizeof (TnetId));
  GError *error = NULL;
  if (!tnet_cli_isochrone_sources (job->srv->net, from, sources, &error))
    param_error (job, 400, "from", error);
}

static void
prepare_accessibility (TnetServeJob *job)
{
  const char *opp, *cutoffs, *pop, *profile = "car";
  static const char *const profiles[] = { "car", "transit", NULL };
  if (!text_param (job, "opportunities", TRUE, &opp)
      || !text_param (job, "cutoffs", FALSE, &cutoffs)
      || !text_param (job, "population", FALSE, &pop)
      || !enum_param (job, "profile", profiles, &profile))
    return;
  TnetCliTimeArgs targs;
  gboolean timetable;
  if (!timetable_args (job, &targs, &timetable))
    return;
  if (cutoffs)
    {
      g_auto (GStrv) parts = g_strsplit (cutoffs, ",", 17);
      guint n = g_strv_length (parts);
      for (guint i = 0; i < n; i++)
        {
          char *end = NULL;
          double x = g_ascii_strtod (parts[i], &end);
          if (n > 16 || end == parts[i] || *end || !isfinite (x) || x <= 0 || x > 1440)
            {
              tnet_serve_job_error (job, 400, "cutoffs", "parameter 'cutoffs': expected up "
                                    "to 16 minutes in 0..1440 separated by ','");
              return;
            }
        }
    }
}

static void
prepare_corridors (TnetServeJob *job, gboolean criticality)
{
  const char *from, *to, *modes = NULL, *profile = NULL, *by = NULL;
  gint64 k = 0, top = 0;
  double budget = 0, factor = 0;
  static const char *const bys[] = { "link", "line", NULL };
  static const char *const formats[] = { "json", "geojson", NULL };
  const char *format = "json";
  if (!place_param (job, "from", &from) || !place_param (job, "to", &to)
      || !number_param (job, "budget", 1, 1440, &budget)
      || !enum_param (job, "format", formats, &format))
    return;
  if (!criticality)
    (void) (enum_param (job, "modes", modes_all, &modes) && int_param (job, "k", 1, 100, &k)
            && number_param (job, "factor", 1, 100, &factor));
  else
    {
      TnetCliTimeArgs targs;
      gboolean timetable;
      (void) (enum_param (job, "profile", profiles_all, &profile)
              && enum_param (job, "by", bys, &by) && int_param (job, "top", 1, 1000, &top)
              && timetable_args (job, &targs, &timetable));
    }
}

void
tnet_serve_api_prepare (TnetServeJob *job)
{
  const Allowed *a = find_allowed (job->endpoint);
  if (a == NULL)
    {
      tnet_serve_job_error (job, 404, NULL, "no endpoint /%.64s (see docs/http.md)",
                            job->endpoint);
      return;
    }
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, job->query);
  while (g_hash_table_iter_next (&it, &key, NULL))
    {
      gboolean known = FALSE;
      for (guint i = 0; a->params[i] && !known; i++)
        known = strcmp (a->params[i], key) == 0;
      if (!known)
        {
          tnet_serve_job_error (job, 400, plain_text (key) ? key : NULL,
                                "unknown parameter '%.64s' for /%s", (const char *) key,
                                job->endpoint);
          return;
        }
    }
  const char *e = job->endpoint;
  if (!scenario_param (job))
    return;
  if (strcmp (e, "route") == 0)
    prepare_route (job);
  else if (strcmp (e, "table") == 0)
    prepare_table (job);
  else if (strcmp (e, "isochrone") == 0)
    prepare_isochrone (job);
  else if (strcmp (e, "accessibility") == 0)
    prepare_accessibility (job);
  else if (strcmp (e, "corridors") == 0)
    prepare_corridors (job, FALSE);
  else if (strcmp (e, "criticality") == 0)
    prepare_corridors (job, TRUE);
  else if (strcmp (e, "transfers") == 0)
    {
      const char *hub;
      (void) text_param (job, "hub", FALSE, &hub);
    }
  else if (strcmp (e, "report") == 0)
    {
      gint64 baseline = 0, draws = 0, seed = 1;
      (void) (int_param (job, "baseline", 1900, 2100, &baseline)
              && int_param (job, "uncertainty", 0, TNET_SERVE_MAX_REPORT_DRAWS, &draws)
              && int_param (job, "seed", 0, G_MAXINT64, &seed));
    }
  else if (strcmp (e, "health") == 0)
    {
      /* answered here, on the main thread: a health check never waits
       * behind the analyses it reports on */
      TnetServe *srv = job->srv;
      job->body = g_strdup_printf ("{\n  \"status\" : \"ok\",\n  \"scenarios\" : %u,\n"
                                   "  \"threads\" : %u,\n  \"requests\" : %u,\n"
                                   "  \"answered\" : %" G_GUINT64_FORMAT "\n}\n",
                                   srv->scenarios->len, srv->n_threads, srv->in_flight,
                                   srv->answered);
      job->status = 200;
    }
  else if (strcmp (e, "nodes") == 0)
    {
      const char *search, *place;
      gint64 limit = 20;
      (void) (text_param (job, "search", FALSE, &search)
              && text_param (job, "place", FALSE, &place)
              && int_param (job, "limit", 1, 100000, &limit));
    }
}

/* ------------------------------------------------------------- compute */

static gboolean
past_deadline (TnetServeJob *job)
{
  if (g_get_monotonic_time () <= job->deadline_us)
    return FALSE;
  tnet_serve_job_error (job, 503, NULL, "the analysis exceeded the time limit of %g s",
                        job->srv->time_limit_s);
  return TRUE;
}

/* The tail of a computation that gave @text (consumed): the 200 answer,
 * or the 503 when the deadline has passed meanwhile. */
static void
answer (TnetServeJob *job, char *text)
{
  if (past_deadline (job))
    {
      g_free (text);
      return;
    }
  g_free (job->body);
  job->body = text;
  job->status = 200;
}

/* The tail of a computation that failed with @error (consumed): 503 when
 * it was stopped (cancelled, or the deadline passed), else 400. */
static void
answer_error (TnetServeJob *job, GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || past_deadline (job))
    tnet_serve_job_error (job, 503, NULL, "the analysis exceeded the time limit of %g s",
                          job->srv->time_limit_s);
  else
    tnet_serve_job_error (job, 400, NULL, "%s", error->message);
  g_clear_error (&error);
}

/* A journey that could not be computed: no path (404) or another error. */
static void
route_error (TnetServeJob *job, GError *error)
{
  if (g_error_matches (error, TNET_ERROR, TNET_ERROR_NOT_FOUND))
    {
      tnet_serve_job_error (job, 404, NULL, "%s", error->message);
      g_error_free (error);
    }
  else
    param_error (job, 400, "profile", error);
}

/* The kept timetable of a job that times transit by it (@targs from
 * timetable_args()), with the options parsed as the commands parse them
 * into @topt, the defaults theirs (tnet_cli_plan_timing(): the plan's
 * first [commute] group's when it has depart), its percentiles allocated
 * unless NULL is returned. NULL with
 * the 400 set: a data folder without a feed names the parameter that asked
 * for the timetable (model, else the first option given), a date outside
 * the feed's calendar names date. NULL with *@fallback set and no answer:
 * the data folder has no feed and no parameter asked for the timetable
 * (transit by the frequency approximation, as the commands fall back). */
static TnetServeTimetable *
job_timetable (TnetServeJob *job, const TnetCliTimeArgs *targs, TnetCliTimeOptions *topt,
               gboolean *owned, gboolean *fallback)
{
  GError *error = NULL;
  *fallback = FALSE;
  TnetCommuteTiming timing;
  tnet_cli_plan_timing (job->srv->ds, &timing);
  if (!tnet_cli_time_args_parse_with (targs, &timing, topt, &error))
    {
      /* checked by timetable_args() already */
      tnet_serve_job_error (job, 400, NULL, "%s", error->message);
      g_error_free (error);
      return NULL;
    }
  TnetServeTimetable *t = tnet_serve_timetable (job->srv, job->sc, topt->date, owned, &error);
  if (t)
    return t;
  g_clear_pointer (&topt->percentiles, g_array_unref);
  if (!g_error_matches (error, TNET_ERROR, TNET_ERROR_NOT_FOUND))
    {
      const char *name = param (job, "date") ? "date" : NULL;
      tnet_serve_job_error (job, 400, name, "%s%s%s", name ? "parameter '" : "",
                            name ? "date': " : "", error->message);
      g_error_free (error);
      return NULL;
    }
  g_error_free (error);
  const char *name = param (job, "model") ? "model" : NULL;
  for (guint i = 0; !name && timetable_params[i]; i++)
    if (param (job, timetable_params[i]))
      name = timetable_params[i];
  if (name == NULL)
    {
      *fallback = TRUE;
      return NULL;
    }
  tnet_serve_job_error (job, 400, name, "parameter '%s': transit by the timetable needs a "
                        "GTFS feed, and the data folder has none for %d (gtfs/ or "
                        "gtfs-YEAR/); model=frequency gives the frequency approximation",
                        name, tnet_scenario_get_year (job->sc->scen));
  return NULL;
}

/* The timetable a job of /isochrone, /accessibility or /criticality times
 * transit by (timetable_args(), then job_timetable()): *@t NULL when
 * transit takes the frequency approximation or the profile is car; @topt
 * zeroed unless *@t is set (then its percentiles are allocated). FALSE
 * with the answer set when the timetable was asked for and cannot be had. */
static gboolean
job_timing (TnetServeJob *job, TnetServeTimetable **t, TnetCliTimeOptions *topt,
            gboolean *owned)
{
  TnetCliTimeArgs targs;
  gboolean timetable = FALSE, fallback = FALSE;
  memset (topt, 0, sizeof *topt);
  *t = NULL;
  *owned = FALSE;
  timetable_args (job, &targs, &timetable);
  if (!timetable)
    return TRUE;
  *t = job_timetable (job, &targs, topt, owned, &fallback);
  return *t != NULL || fallback;
}

/* The document of `tnet route FROM TO --profile transit [--depart …]
 * [--date …] [--window …] [--percentiles …] [--max-walk …] --format json`:
 * RAPTOR over the kept timetable with a workspace of this worker. */
static void
compute_route_timetable (TnetServeJob *job, gboolean park_ride)
{
  TnetCliTimeOptions topt;
  if (!time_options (job, &topt))
    return;
  GError *error = NULL;
  gboolean owned;
  TnetServeTimetable *t = tnet_serve_timetable (job->srv, job->sc, topt.date, &owned, &error);
  if (t == NULL)
    param_error (job, 400, param (job, "date") ? "date" : "profile", error);
  else if (!past_deadline (job))
    {
      TnetRaptor *raptor = g_async_queue_try_pop (t->raptors);
      if (raptor == NULL)
        raptor = tnet_raptor_new (t->tt);
      /* park-and-ride: the car graph of the scenario and the parking
       * places of the timetable, built for the request */
      g_autoptr (TnetParkRide) pr = park_ride ? tnet_park_ride_new (t->tt, job->srv->net,
                                                                     job->sc->scen, NULL,
                                                                     &error)
                                              : NULL;
      g_autoptr (TnetSearch) search = pr ? tnet_search_new (tnet_park_ride_get_graph (pr))
                                         : NULL;
      TnetTimetableRouteOptions ro;
      tnet_cli_timetable_route_options (&topt, t->feed_name, &ro);
      g_autoptr (TnetTimetableRoute) route
        = pr || !park_ride ? tnet_timetable_route_compute (t->tt, raptor, pr, search,
                                                           job->srv->net, &ro,
                                                           param (job, "from"),
                                                           param (job, "to"), &error)
                           : NULL;
      g_async_queue_push (t->raptors, raptor);
      if (route == NULL)
        route_error (job, error);
      else
        answer (job, tnet_timetable_route_to_json (route));
    }
  if (owned)
    tnet_serve_timetable_free (t);
  g_array_unref (topt.percentiles);
}

/* The document of `tnet route FROM TO --profile P [--frequency-model]
 * --format json` over the kept multimodal graph of P. */
static void
compute_route_multimodal (TnetServeJob *job, TnetServeWorkspace *ws, guint si,
                          TnetProfile profile)
{
  TnetServe *srv = job->srv;
  GError *error = NULL;
  const TnetMultimodal *mm = tnet_serve_multimodal (srv, job->sc, profile, &error);
  if (mm == NULL)
    {
      param_error (job, 400, "profile", error);
      return;
    }
  if (past_deadline (job))
    return;
  TnetSearch **search = &ws->mm_search[si * 3 + profile];
  if (*search == NULL)
    *search = tnet_search_new (tnet_multimodal_get_graph (mm));
  int year = tnet_scenario_get_year (job->sc->scen);
  g_autoptr (TnetJourney) j = tnet_cli_route_multimodal_journey (srv->net, mm, *search,
                                                                 param (job, "from"),
                                                                 param (job, "to"), year, &error);
  if (j == NULL)
    {
      route_error (job, error);
      return;
    }
  if (past_deadline (job))
    return;
  TnetJourneyLabels labels = { param (job, "from"), param (job, "to"), profile, year,
                               job->sc->feed_base };
  job->body = tnet_journey_to_json (j, &labels);
  job->status = 200;
}

static void
compute_route (TnetServeJob *job, TnetServeWorkspace *ws, guint si)
{
  TnetServe *srv = job->srv;
  TnetServeScenario *sc = job->sc;
  TnetProfile profile = job_profile (job);
  const char *model = param (job, "model");
  if (profile != TNET_PROFILE_CAR && (model == NULL || strcmp (model, "timetable") == 0))
    {
      compute_route_timetable (job, profile == TNET_PROFILE_PARK_AND_RIDE);
      return;
    }
  if (profile != TNET_PROFILE_CAR)
    {
      compute_route_multimodal (job, ws, si, profile);
      return;
    }
  TnetId from = tnet_place_find_node (srv->net, param (job, "from"));
  TnetId to = tnet_place_find_node (srv->net, param (job, "to"));
  const char *metric = param (job, "metric") ? param (job, "metric") : "time";
  g_autoptr (GArray) legs = NULL;
  if (!tnet_cli_route_car (srv->net, ws->search[si], sc->time, sc->length,
                           strcmp (metric, "length") == 0, from, to, &legs))
    {
      tnet_serve_job_error (job, 404, NULL, "no path by car from '%s' to '%s' in scenario %s",
                            param (job, "from"), param (job, "to"), sc->name);
      return;
    }
  job->body = tnet_route_to_json (srv->net, from, to, metric, legs);
  job->status = 200;
}


/* @s as a JSON string, escaped as json-glib's generator does. */
static void
append_json_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) s; *p; p++)
    switch (*p)
      {
      case '"': g_string_append (out, "\\\""); break;
      case '\\': g_string_append (out, "\\\\"); break;
      case '\b': g_string_append (out, "\\b"); break;
      case '\f': g_string_append (out, "\\f"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      case '\t': g_string_append (out, "\\t"); break;
      default:
        if (*p < 0x20)
          g_string_append_printf (out, "\\u%04x", *p);
        else
          g_string_append_c (out, (char) *p);
      }
  g_string_append_c (out, '"');
}

/* Appends @ms in minutes rounded to 0.001 as the CLI's JSON writes it
 * (tnet_cli_json_to_string(): the shortest decimal that reads back to
 * round (ms / 60) / 1000, with ".0" on whole numbers). */
static void
append_minutes (GString *out, TnetWeight ms)
{
  guint64 k = (guint64) llround (ms / 60.0);   /* thousandths of a minute */
  char buf[32], *p = buf + sizeof buf;
  guint frac = (guint) (k % 1000);
  /* the fraction without trailing zeros ("0" for whole numbers) */
  int digits = 3;
  while (digits > 1 && frac % 10 == 0)
    frac /= 10, digits--;
  for (int i = 0; i < digits; i++, frac /= 10)
    *--p = (char) ('0' + frac % 10);
  *--p = '.';
  guint64 whole = k / 1000;
  do
    *--p = (char) ('0' + whole % 10);
  while ((whole /= 10) > 0);
  g_string_append_len (out, p, buf + sizeof buf - p);
}

/* The /table document, written directly: json-glib's builder and the
 * shortest-double pass of tnet_cli_json_to_string() cost many times the
 * search for a large table. Same bytes as building it with them. */
static void
compute_table (TnetServeJob *job, TnetServeWorkspace *ws, guint si)
{
  TnetServe *srv = job->srv;
  TnetServeScenario *sc = job->sc;
  const GArray *s = job->sources, *d = job->destinations;
  /* a zone's arrival twin is where trips into it end: a destination with a
   * twin is asked twice (the node, its twin) and the smaller kept */
  g_autofree TnetId *targets = g_new (TnetId, 2 * d->len);
  g_autofree guint *twin_col = g_new (guint, d->len);   /* G_MAXUINT: none */
  guint n_targets = d->len;
  for (guint j = 0; j < d->len; j++)
    {
      TnetId v = g_array_index (d, TnetId, j), t = tnet_graph_arrival_node (sc->car, v);
      targets[j] = v;
      twin_col[j] = G_MAXUINT;
      if (t != v)
        {
          twin_col[j] = n_targets;
          targets[n_targets++] = t;
        }
    }
  /* rows in blocks, checking the deadline between them (each block repeats
   * the backward searches of the destinations: blocks are large) */
  const guint block = 256;
  g_autofree TnetWeight *cells = g_new (TnetWeight, (gsize) MIN (block, s->len) * n_targets);
  GString *out = g_string_sized_new (64 + (gsize) s->len * d->len * 10);
  g_string_append (out, "{\n  \"scenario\" : ");
  append_json_string (out, sc->name);
  g_string_append (out, ",\n  \"profile\" : \"car\"");
  const char *names[2] = { "sources", "destinations" };
  const GArray *lists[2] = { s, d };
  for (int k = 0; k < 2; k++)
    {
      g_string_append_printf (out, ",\n  \"%s\" : [", names[k]);
      for (guint i = 0; i < lists[k]->len; i++)
        {
          g_string_append (out, i ? ",\n    " : "\n    ");
          append_json_string (out, tnet_network_node (srv->net,
                                                      g_array_index (lists[k], TnetId, i))->id);
        }
      g_string_append (out, "\n  ]");
    }
  g_string_append (out, ",\n  \"durations_min\" : [");
  for (guint i0 = 0; i0 < s->len; i0 += block)
    {
      if (past_deadline (job))
        {
          g_string_free (out, TRUE);
          return;
        }
      guint n = MIN (block, s->len - i0);
      tnet_ch_query_many_to_many (ws->ch[si], &g_array_index (s, TnetId, i0), n, targets,
                                  n_targets, cells);
      for (guint i = 0; i < n; i++)
        {
          const TnetWeight *row = cells + (gsize) i * n_targets;
          g_string_append (out, i0 + i ? ",\n    [" : "\n    [");
          for (guint j = 0; j < d->len; j++)
            {
              TnetWeight w = row[j];
              if (twin_col[j] != G_MAXUINT)
                w = MIN (w, row[twin_col[j]]);
              g_string_append (out, j ? ",\n      " : "\n      ");
              if (w >= TNET_WEIGHT_INF)
                g_string_append (out, "null");
              else
                append_minutes (out, w);
            }
          g_string_append (out, "\n    ]");
        }
    }
  g_string_append (out, "\n  ]\n}\n");
  job->body = g_string_free (out, FALSE);
  job->status = 200;
}

/* TnetProgressFunc of the long kernels: stop past the job's deadline. */
static gboolean
before_deadline (guint64 done, guint64 total, const char *what, gpointer data)
{
  (void) done, (void) total, (void) what;
  return g_get_monotonic_time () <= ((TnetServeJob *) data)->deadline_us;
}

/* The document of `tnet accessibility … --format json`, computed here. */
static void
compute_accessibility (TnetServeJob *job)
{
  TnetServe *srv = job->srv;
  TnetProfile profile = job_profile (job);
  g_autoptr (GArray) cutoffs = g_array_new (FALSE, FALSE, sizeof (double));
  tnet_cli_accessibility_cutoffs (param (job, "cutoffs") ? param (job, "cutoffs") : "30,45,60",
                                  cutoffs);
  TnetCliTimeOptions topt;
  gboolean owned;
  TnetServeTimetable *t;
  TnetCliAccessTimetable tmodel = { 0 };
  if (!job_timing (job, &t, &topt, &owned))
    return;
  if (t)
    {
      tmodel = (TnetCliAccessTimetable) {
        .timetable = t->tt, .feed = t->feed_name,
        .date = tnet_timetable_get_service_date (t->tt), .depart_s = topt.depart_s,
        .window_min = topt.window_min, .max_walk_s = topt.max_walk_s,
        .percentile = g_array_index (topt.percentiles, double, 0),
      };
      g_array_unref (topt.percentiles);
    }
  GError *error = NULL;
  const TnetMultimodal *mm = tnet_serve_multimodal (srv, job->sc, profile, &error);
  /* by the timetable, the deadline is asked before each origin of its
   * matrix */
  char *text = mm ? tnet_cli_accessibility_run (srv->ds, srv->net, (TnetMultimodal *) mm,
                                                profile, t ? &tmodel : NULL,
                                                param (job, "opportunities"),
                                                param (job, "population"), cutoffs,
                                                TNET_CLI_FORMAT_JSON, before_deadline, job, &error)
                  : NULL;
  if (text == NULL)
    answer_error (job, error);
  else
    answer (job, text);
  if (owned)
    tnet_serve_timetable_free (t);
}

/* The document of `tnet report [--baseline Y] [--uncertainty N --seed S]
 * --scenario S --format json`; the draws on this worker's thread, in
 * blocks that stop at the deadline. */
static void
compute_report (TnetServeJob *job)
{
  TnetServeScenario *sc = job->sc;
  gint64 baseline = 0, draws = 0, seed = 1;
  int_param (job, "baseline", 1900, 2100, &baseline);
  int_param (job, "uncertainty", 0, TNET_SERVE_MAX_REPORT_DRAWS, &draws);
  int_param (job, "seed", 0, G_MAXINT64, &seed);
  gint64 year;
  gboolean plain_year = g_ascii_string_to_signed (sc->spec, 10, 1900, 2100, &year, NULL);
  GError *error = NULL;
  char *text = tnet_cli_report_run (job->srv->ds, sc->scen, plain_year, (int) baseline,
                                    (int) draws, seed, 1, MAX (job->deadline_us, 1),
                                    TNET_CLI_FORMAT_JSON, &error);
  if (text == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      answer_error (job, error);
      return;
    }
  if (text == NULL)
    {
      gboolean bad_baseline = g_str_has_prefix (error->message, "--baseline: ");
      tnet_serve_job_error (job, 400, bad_baseline ? "baseline" : NULL, "%s%s",
                            bad_baseline ? "parameter 'baseline': " : "",
                            error->message + (bad_baseline ? strlen ("--baseline: ") : 0));
      g_error_free (error);
      return;
    }
  answer (job, text);
}

/* The document of `tnet transfers [HUB] --scenario S --format json`. */
static void
compute_transfers (TnetServeJob *job)
{
  GError *error = NULL;
  g_autoptr (TnetHubTransfers) t = tnet_cli_transfers_compute (job->srv->ds, job->sc->scen,
                                                               &error);
  if (t == NULL)
    {
      tnet_serve_job_error (job, 400, NULL, "%s", error->message);
      g_error_free (error);
      return;
    }
  const char *hub = param (job, "hub");
  int only = hub ? tnet_hub_transfers_find (t, hub) : -1;
  if (hub && only < 0)
    {
      tnet_serve_job_error (job, 400, "hub", "unknown hub “%s” (%u hubs; try without HUB to "
                            "list them)", hub, tnet_hub_transfers_n_hubs (t));
      return;
    }
  job->body = tnet_hub_transfers_to_json (t, only);
  job->status = 200;
}

/* The ends of a corridor (region or node ids, validated by prepare). */
static gboolean
corridor_ends (TnetServeJob *job, TnetNodeSet **a, TnetNodeSet **b)
{
  GError *error = NULL;
  const char *names[2] = { "from", "to" };
  TnetNodeSet **sets[2] = { a, b };
  for (int i = 0; i < 2; i++)
    if (!(*sets[i] = tnet_node_set_resolve (job->srv->net, param (job, names[i]), &error)))
      {
        param_error (job, 400, names[i], error);
        return FALSE;
      }
  return TRUE;
}

/* format=geojson: the command's --format geojson document. */
static gboolean
want_geojson (TnetServeJob *job)
{
  const char *f = param (job, "format");
  return f && strcmp (f, "geojson") == 0;
}

/* The document of `tnet corridors A B [--modes M] [-k K] [--budget B]
 * [--factor F] --format json`; the defaults from plan.ini as the command. */
static void
compute_corridors (TnetServeJob *job)
{
  TnetServe *srv = job->srv;
  g_autoptr (TnetNodeSet) a = NULL;
  g_autoptr (TnetNodeSet) b = NULL;
  if (!corridor_ends (job, &a, &b))
    return;
  const TnetPlan *plan = tnet_dataset_get_plan (srv->ds);
  guint mask = TNET_MODES_RAIL | TNET_MODES_ROAD;
  if (param (job, "modes"))
    tnet_corridor_modes_from_string (param (job, "modes"), &mask);
  gint64 k = 0;
  double budget_min = 0, factor = 0;
  int_param (job, "k", 1, 100, &k);
  number_param (job, "budget", 1, 1440, &budget_min);
  number_param (job, "factor", 1, 100, &factor);
  if (k == 0)
    k = tnet_plan_get_int (plan, "k");
  if (budget_min == 0)
    budget_min = tnet_plan_get_double (plan, "budget_min");
  if (factor == 0)
    factor = tnet_plan_get_double (plan, "detour");
  GError *error = NULL;
  g_autoptr (TnetCorridor) corr = tnet_corridor_analyse (srv->net, job->sc->scen, mask, a, b,
                                                         (guint) k,
                                                         (TnetWeight) (budget_min * 60000.0),
                                                         factor, &error);
  if (corr == NULL)
    {
      tnet_serve_job_error (job, 400, NULL, "%s", error->message);
      g_error_free (error);
      return;
    }
  if (past_deadline (job))
    return;
  int year = tnet_scenario_get_year (job->sc->scen);
  if (want_geojson (job))
    {
      job->body = tnet_corridor_to_geojson (corr, srv->net, a, b, year);
      job->content_type = "application/geo+json";
    }
  else
    job->body = tnet_corridor_to_json (corr, srv->net, a, b, year, TRUE);
  job->status = 200;
}

/* The document of `tnet criticality A B [--profile P] [--by B] [--top N]
 * [--budget B] [--depart …] [--date …] [--window …] [--percentile …]
 * [--max-walk …] [--frequency-model] --threads 1 --format json`: transit
 * and park_and_ride by the kept timetable (park-and-ride with the
 * command's defaults, built for the request), the approximation by model=frequency
 * or without a feed; the defaults from plan.ini. */
static void
compute_criticality (TnetServeJob *job)
{
  TnetServe *srv = job->srv;
  g_autoptr (TnetNodeSet) a = NULL;
  g_autoptr (TnetNodeSet) b = NULL;
  if (!corridor_ends (job, &a, &b))
    return;
  const TnetPlan *plan = tnet_dataset_get_plan (srv->ds);
  TnetProfile profile = job_profile (job);
  gboolean by_line = param (job, "by") && strcmp (param (job, "by"), "line") == 0;
  gint64 top = 0;
  double budget_min = 0;
  int_param (job, "top", 1, 1000, &top);
  number_param (job, "budget", 1, 1440, &budget_min);
  if (top == 0)
    top = tnet_plan_get_int (plan, "top");
  if (budget_min == 0)
    budget_min = tnet_plan_get_double (plan, "budget_min");
  TnetCriticalityOptions copts;
  tnet_criticality_options_init (&copts);
  copts.n_threads = 1;
  copts.progress = before_deadline;
  copts.progress_data = job;
  TnetCliTimeOptions topt;
  gboolean owned;
  TnetServeTimetable *t;
  if (!job_timing (job, &t, &topt, &owned))
    return;
  GError *error = NULL;
  const TnetMultimodal *mm = t ? NULL : tnet_serve_multimodal (srv, job->sc, profile, &error);
  TnetCommuteTiming timing;   /* park-and-ride's defaults, as the command's */
  tnet_cli_plan_timing (srv->ds, &timing);
  g_autoptr (TnetParkRide) pr = t && profile == TNET_PROFILE_PARK_AND_RIDE
                                ? tnet_park_ride_new (t->tt, srv->net, job->sc->scen,
                                                      &timing.park_ride, &error)
                                : NULL;
  g_autoptr (TnetCriticality) crit
    = (t && (pr || profile == TNET_PROFILE_TRANSIT)) || mm
      ? tnet_cli_criticality_scan (srv->net, job->sc->scen, mm, t ? t->tt : NULL, pr,
                                   t ? t->feed_name : NULL, a, b, by_line,
                                   (TnetWeight) (budget_min * 60000.0), &topt,
                                   t ? g_array_index (topt.percentiles, double, 0) : 50,
                                   &copts, &error)
      : NULL;
  g_clear_pointer (&topt.percentiles, g_array_unref);
  if (crit == NULL)
    {
      if (owned)
        tnet_serve_timetable_free (t);
      answer_error (job, error);
      return;
    }
  if (past_deadline (job))
    {
      g_clear_pointer (&crit, tnet_criticality_free);
      if (owned)
        tnet_serve_timetable_free (t);
      return;
    }
  int year = tnet_scenario_get_year (job->sc->scen);
  if (want_geojson (job))
    {
      /* the feed is read for the graph's lines, as the command reads it */
      const TnetFeed *feed = NULL;
      if (profile != TNET_PROFILE_CAR)
        tnet_dataset_get_feed (srv->ds, year, &feed, NULL);
      job->body = tnet_corridor_criticality_to_geojson (crit, srv->net, job->sc->scen, feed, a,
                                                        b, by_line, (guint) top);
      job->content_type = "application/geo+json";
    }
  else
    job->body = tnet_corridor_criticality_to_json (crit, srv->net, mm, a, b, by_line, year,
                                                   (guint) top, TRUE);
  job->status = 200;
  /* the scan keeps what its detours need of the timetable */
  g_clear_pointer (&crit, tnet_criticality_free);
  if (owned)
    tnet_serve_timetable_free (t);
}

/* The document of `tnet isochrone FROM --minutes M --profile P [--depart …]
 * [--date …] [--window …] [--percentile …] [--max-walk …]
 * [--frequency-model] --format geojson`: by the timetable over the kept
 * timetable (stopped at the deadline), else over the kept multimodal graph
 * of P. */
/* The answer of /isochrone for the times @ms: the command's GeoJSON of the
 * reached nodes and links, or with polygons=true its bands (the default
 * walk off the network of `tnet isochrone --polygons`). */
static void
isochrone_document (TnetServeJob *job, const TnetWeight *ms, const GArray *budgets,
                    TnetWeight budget, const TnetCliIsochroneModel *model)
{
  TnetServe *srv = job->srv;
  if (polygons_asked (job))
    {
      TnetIsochroneOptions o;
      tnet_isochrone_options_init (&o);
      GError *error = NULL;
      char *text = tnet_cli_isochrone_polygons (srv->ds, srv->net, job->sc->scen, ms,
                                                (const double *) (void *) budgets->data,
                                                budgets->len, &o, model, &error);
      if (text == NULL)
        {
          answer_error (job, error);
          return;
        }
      answer (job, text);
    }
  else
    answer (job, tnet_cli_isochrone_geojson (srv->net, job->sc->scen, ms, budget,
                                             param (job, "from"), model, TNET_GEOJSON_ALL));
  if (job->status == 200)
    job->content_type = "application/geo+json";
}

static void
compute_isochrone (TnetServeJob *job)
{
  TnetServe *srv = job->srv;
  const char *from = param (job, "from");
  g_autoptr (GArray) budgets = tnet_cli_isochrone_parse_minutes (param (job, "minutes")
                                                                 ? param (job, "minutes")
                                                                 : "60", NULL);
  if (budgets == NULL)   /* checked before: not reached */
    {
      tnet_serve_job_error (job, 400, "minutes", "parameter 'minutes': expected minutes");
      return;
    }
  double minutes = g_array_index (budgets, double, budgets->len - 1);
  TnetWeight budget = (TnetWeight) llround (minutes * 60000.0);
  TnetProfile profile = job_profile (job);
  g_autoptr (GArray) sources = g_array_new (FALSE, FALSE, sizeof (TnetId));
  tnet_cli_isochrone_sources (srv->net, from, sources, NULL);
  g_autofree TnetWeight *ms = g_new (TnetWeight, tnet_network_n_nodes (srv->net));
  TnetCliIsochroneModel model = { profile, NULL, 0, 0, 0, 0, 0 };
  GError *error = NULL;
  TnetCliTimeOptions topt;
  gboolean owned;
  TnetServeTimetable *t;
  if (!job_timing (job, &t, &topt, &owned))
    return;
  if (t)
    {
      model = (TnetCliIsochroneModel) { profile, t->feed_name,
                                        tnet_timetable_get_service_date (t->tt), topt.depart_s,
                                        topt.window_min, topt.max_walk_s,
                                        g_array_index (topt.percentiles, double, 0) };
      TnetRaptorStop stop;
      tnet_raptor_stop_init (&stop);
      stop.deadline_us = job->deadline_us;
      TnetCommuteTiming timing;   /* park-and-ride's defaults, as the command's */
      tnet_cli_plan_timing (srv->ds, &timing);
      gboolean ok = !past_deadline (job)
                    && (profile == TNET_PROFILE_PARK_AND_RIDE
                        ? tnet_cli_isochrone_park_ride_times (t->tt, srv->net, job->sc->scen,
                                                              &timing.park_ride, sources,
                                                              &topt, budget, ms, &stop, &error)
                        : tnet_cli_isochrone_timetable_times (t->tt, srv->net, sources, &topt,
                                                              budget, ms, &stop, &error));
      g_array_unref (topt.percentiles);
      if (ok && !past_deadline (job))
        isochrone_document (job, ms, budgets, budget, &model);
      else if (error)
        answer_error (job, error);
      /* the model's feed name is the timetable's: drop it last */
      if (owned)
        tnet_serve_timetable_free (t);
      return;
    }
  const TnetMultimodal *mm = tnet_serve_multimodal (srv, job->sc, profile, &error);
  if (mm == NULL)
    {
      param_error (job, 400, "profile", error);
      return;
    }
  tnet_isochrone_compute (mm, srv->net, (TnetId *) (void *) sources->data, sources->len,
                          budget, ms);
  if (!past_deadline (job))
    isochrone_document (job, ms, budgets, budget, &model);
}

static void
add_member (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value && *value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/* The document of `tnet nodes [PLACE] --search TEXT --limit N --format json`. */
static void
compute_nodes (TnetServeJob *job)
{
  const TnetNetwork *net = job->srv->net;
  gint64 limit = 20;
  int_param (job, "limit", 1, 100000, &limit);
  GError *error = NULL;
  g_autoptr (GArray) ids = tnet_place_select_nodes (net, param (job, "place"),
                                                    param (job, "search"), (guint) limit,
                                                    &error);
  if (ids == NULL)
    {
      param_error (job, 400, "place", error);
      return;
    }
  job->body = tnet_place_nodes_to_json (net, (const TnetId *) (void *) ids->data, ids->len);
  job->status = 200;
}

static void
compute_scenarios (TnetServeJob *job)
{
  TnetServe *srv = job->srv;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  add_member (b, "name", tnet_dataset_get_name (srv->ds));
  const TnetPlan *plan = tnet_dataset_get_plan (srv->ds);
  add_member (b, "title", plan ? tnet_plan_get_title (plan, "zh") : NULL);
  add_member (b, "title_en", plan ? tnet_plan_get_title (plan, "en") : NULL);
  TnetServeScenario *def = g_ptr_array_index (srv->scenarios, srv->default_scenario);
  add_member (b, "default", def->name);
  json_builder_set_member_name (b, "scenarios");
  json_builder_begin_array (b);
  for (guint i = 0; i < srv->scenarios->len; i++)
    {
      TnetServeScenario *sc = g_ptr_array_index (srv->scenarios, i);
      json_builder_begin_object (b);
      add_member (b, "name", sc->name);
      json_builder_set_member_name (b, "year");
      json_builder_add_int_value (b, tnet_scenario_get_year (sc->scen));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "regions");
  json_builder_begin_array (b);
  for (guint i = 0; i < tnet_dataset_n_regions (srv->ds); i++)
    {
      const TnetRegion *r = tnet_dataset_get_region (srv->ds, i);
      json_builder_begin_object (b);
      add_member (b, "id", r->id);
      add_member (b, "name", r->name);
      add_member (b, "name_en", r->name_en);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  job->body = tnet_cli_json_to_string (b);
  job->status = 200;
}

void
tnet_serve_api_compute (TnetServeJob *job, TnetServeWorkspace *ws)
{
  TnetServe *srv = job->srv;
  guint si = 0;
  while (si < srv->scenarios->len && g_ptr_array_index (srv->scenarios, si) != job->sc)
    si++;
  job->content_type = "application/json";
  const char *e = job->endpoint;
  if (strcmp (e, "route") == 0)
    compute_route (job, ws, si);
  else if (strcmp (e, "table") == 0)
    compute_table (job, ws, si);
  else if (strcmp (e, "isochrone") == 0)
    compute_isochrone (job);
  else if (strcmp (e, "accessibility") == 0)
    compute_accessibility (job);
  else if (strcmp (e, "report") == 0)
    compute_report (job);
  else if (strcmp (e, "transfers") == 0)
    compute_transfers (job);
  else if (strcmp (e, "corridors") == 0)
    compute_corridors (job);
  else if (strcmp (e, "criticality") == 0)
    compute_criticality (job);
  else if (strcmp (e, "nodes") == 0)
    compute_nodes (job);
  else if (strcmp (e, "scenarios") == 0)
    compute_scenarios (job);
  else if (strcmp (e, "network") == 0)
    {
      job->body = g_strdup (job->sc->network_geojson);
      job->content_type = "application/geo+json";
      job->status = 200;
    }
  else
    tnet_serve_job_error (job, 500, NULL, "endpoint /%s has no computation", e);
}
