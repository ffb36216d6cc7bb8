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

/* The 400 naming the parameter @name: "parameter 'NAME': " and the message
 * of @format. Returns FALSE, for the readers below. */
static gboolean G_GNUC_PRINTF (3, 4)
bad_param (TnetServeJob *job, const char *name, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *message = g_strdup_vprintf (format, ap);
  va_end (ap);
  tnet_serve_job_error (job, 400, name, "parameter '%s': %s", name, message);
  return FALSE;
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

/* What a parameter holds. */
typedef enum {
  PARAM_TEXT,     /* plain_text() */
  PARAM_NUMBER,   /* a finite number in [lo, hi] */
  PARAM_INT,      /* an integer in [ilo, ihi] */
  PARAM_CHOICE,   /* one of the words of choices */
  PARAM_CLOCK,    /* HH:MM (tnet_cli_parse_clock()), seconds after midnight */
  PARAM_DATE,     /* YYYY-MM-DD (tnet_cli_parse_date()), YYYYMMDD */
  PARAM_LIST,     /* any text, whose items the caller checks */
} ParamKind;

/* One parameter of the endpoints: its name, kind and range, and the value
 * it takes when absent (@text for TEXT, CHOICE and LIST, @number for
 * NUMBER, @integer for INT, CLOCK and DATE). @required: absent is a 400
 * "missing parameter". */
typedef struct {
  const char *name;
  ParamKind kind;
  gboolean required;
  double lo, hi;                /* PARAM_NUMBER */
  gint64 ilo, ihi;              /* PARAM_INT */
  const char *const *choices;   /* PARAM_CHOICE, NULL-terminated */
  const char *text;             /* default of TEXT, CHOICE and LIST */
  double number;                /* default of NUMBER */
  gint64 integer;               /* default of INT, CLOCK and DATE */
} ParamSpec;

/* A parameter's value, by its kind: text (TEXT, CHOICE: a word of the
 * choices), number (NUMBER) or integer (INT, CLOCK, DATE). */
typedef union {
  const char *text;
  double number;
  gint64 integer;
} ParamValue;

static const char *const profiles_all[] = { "car", "transit", "park_and_ride", NULL };
static const char *const profiles_access[] = { "car", "transit", NULL };
static const char *const modes_all[] = { "rail", "road", "all", NULL };
static const char *const models_all[] = { "timetable", "frequency", NULL };
static const char *const metrics_all[] = { "time", "length", NULL };
static const char *const bys_all[] = { "link", "line", NULL };
static const char *const formats_all[] = { "json", "geojson", NULL };
static const char *const booleans[] = { "true", "false", "1", "0", NULL };

/* Every parameter with a kind, range or default of its own, by the
 * endpoints that read it (names only: in the table endpoints[] below). */
static const ParamSpec p_from = { "from", PARAM_TEXT, .required = TRUE };
static const ParamSpec p_to = { "to", PARAM_TEXT, .required = TRUE };
static const ParamSpec p_sources = { "sources", PARAM_LIST, .required = TRUE };
static const ParamSpec p_destinations = { "destinations", PARAM_LIST, .required = TRUE };
static const ParamSpec p_opportunities = { "opportunities", PARAM_TEXT, .required = TRUE };
static const ParamSpec p_cutoffs = { "cutoffs", PARAM_TEXT };
static const ParamSpec p_population = { "population", PARAM_TEXT };
static const ParamSpec p_hub = { "hub", PARAM_TEXT };
static const ParamSpec p_search = { "search", PARAM_TEXT };
static const ParamSpec p_place = { "place", PARAM_TEXT };
static const ParamSpec p_depart_text = { "depart", PARAM_TEXT };
static const ParamSpec p_metric = { "metric", PARAM_CHOICE, .choices = metrics_all,
                                    .text = "time" };
static const ParamSpec p_profile = { "profile", PARAM_CHOICE, .choices = profiles_all,
                                     .text = "car" };
static const ParamSpec p_profile_access = { "profile", PARAM_CHOICE,
                                            .choices = profiles_access, .text = "car" };
static const ParamSpec p_model = { "model", PARAM_CHOICE, .choices = models_all,
                                   .text = "timetable" };
static const ParamSpec p_modes = { "modes", PARAM_CHOICE, .choices = modes_all };
static const ParamSpec p_by = { "by", PARAM_CHOICE, .choices = bys_all };
static const ParamSpec p_format = { "format", PARAM_CHOICE, .choices = formats_all,
                                    .text = "json" };
static const ParamSpec p_polygons = { "polygons", PARAM_CHOICE, .choices = booleans };
static const ParamSpec p_minutes = { "minutes", PARAM_NUMBER, .lo = 0.001, .hi = 1440,
                                     .number = 60 };
/* 0: the plan's value (budget_min, detour) */
static const ParamSpec p_budget = { "budget", PARAM_NUMBER, .lo = 1, .hi = 1440 };
static const ParamSpec p_factor = { "factor", PARAM_NUMBER, .lo = 1, .hi = 100 };
/* 0: the plan's value (k, top) */
static const ParamSpec p_k = { "k", PARAM_INT, .ilo = 1, .ihi = 100 };
static const ParamSpec p_top = { "top", PARAM_INT, .ilo = 1, .ihi = 1000 };
static const ParamSpec p_window = { "window", PARAM_INT, .ilo = 0, .ihi = 24 * 60 };
static const ParamSpec p_max_walk = { "max_walk", PARAM_INT, .ilo = 0, .ihi = 24 * 60,
                                      .integer = 15 };
static const ParamSpec p_baseline = { "baseline", PARAM_INT, .ilo = 1900, .ihi = 2100 };
static const ParamSpec p_uncertainty = { "uncertainty", PARAM_INT, .ilo = 0,
                                         .ihi = TNET_SERVE_MAX_REPORT_DRAWS };
static const ParamSpec p_seed = { "seed", PARAM_INT, .ilo = 0, .ihi = G_MAXINT64,
                                  .integer = 1 };
static const ParamSpec p_limit = { "limit", PARAM_INT, .ilo = 1, .ihi = 100000,
                                   .integer = 20 };
static const ParamSpec p_depart = { "depart", PARAM_CLOCK, .integer = 8 * 3600 };
static const ParamSpec p_date = { "date", PARAM_DATE };

/* Reads the parameter @spec describes into @out: its default when absent
 * (unless required), else the value when it is of its kind and range.
 * FALSE with the 400 naming it when missing or bad. Every endpoint reads
 * its parameters with it. */
static gboolean
read_param (TnetServeJob *job, const ParamSpec *spec, ParamValue *out)
{
  const char *name = spec->name, *v = param (job, name);
  switch (spec->kind)
    {
    case PARAM_TEXT: case PARAM_CHOICE: case PARAM_LIST: out->text = spec->text; break;
    case PARAM_NUMBER: out->number = spec->number; break;
    default: out->integer = spec->integer; break;
    }
  if (v == NULL && spec->required)
    tnet_serve_job_error (job, 400, name, "missing parameter '%s'", name);
  if (v == NULL)
    return !spec->required;
  switch (spec->kind)
    {
    case PARAM_TEXT:
      out->text = v;
      return plain_text (v) || bad_param (job, name, "expected 1 to 200 bytes of text, not "
                                          "starting with '-'");
    case PARAM_NUMBER:
      {
        char *end = NULL;
        double x = strlen (v) <= 32 ? g_ascii_strtod (v, &end) : NAN;
        if (end == v || end == NULL || *end != '\0' || !isfinite (x) || x < spec->lo
            || x > spec->hi)
          return bad_param (job, name, "expected a number in %g..%g", spec->lo, spec->hi);
        out->number = x;
        return TRUE;
      }
    case PARAM_INT:
      return g_ascii_string_to_signed (v, 10, spec->ilo, spec->ihi, &out->integer, NULL)
             || bad_param (job, name, "expected an integer in %" G_GINT64_FORMAT "..%"
                           G_GINT64_FORMAT, spec->ilo, spec->ihi);
    case PARAM_CHOICE:
      {
        for (guint i = 0; spec->choices[i]; i++)
          if (strcmp (v, spec->choices[i]) == 0)
            {
              out->text = spec->choices[i];
              return TRUE;
            }
        g_autofree char *list = g_strjoinv (", ", (char **) spec->choices);
        return bad_param (job, name, "expected one of %s", list);
      }
    case PARAM_CLOCK:
      {
        gint32 clock;
        if (!tnet_cli_parse_clock (v, &clock))
          return bad_param (job, name, "expected HH:MM");
        out->integer = clock;
        return TRUE;
      }
    case PARAM_LIST:
      out->text = v;
      return TRUE;
    case PARAM_DATE:
      {
        guint date;
        if (!tnet_cli_parse_date (v, &date))
          return bad_param (job, name, "expected YYYY-MM-DD");
        out->integer = date;
        return TRUE;
      }
    }
  return FALSE;
}

/* Reads each of the specs of @specs (NULL-terminated) in order into the
 * values of @out; FALSE at the first that is missing or bad. */
static gboolean
read_params (TnetServeJob *job, const ParamSpec *const *specs, ParamValue *out)
{
  for (guint i = 0; specs[i]; i++)
    if (!read_param (job, specs[i], &out[i]))
      return FALSE;
  return TRUE;
}

/* FALSE with the 400 naming the first of @names (NULL-terminated) that is
 * given when @refused: "parameter 'NAME': for @what". */
static gboolean
refuse_params (TnetServeJob *job, const char *const *names, gboolean refused,
               const char *what)
{
  for (guint i = 0; refused && names[i]; i++)
    if (param (job, names[i]))
      return bad_param (job, names[i], "for %s", what);
  return TRUE;
}

/* A node id of the network. */
static gboolean
node_param (TnetServeJob *job, const ParamSpec *spec, TnetId *out)
{
  ParamValue v;
  if (!read_param (job, spec, &v))
    return FALSE;
  GError *error = NULL;
  *out = tnet_cli_find_node (job->srv->net, v.text, &error);
  if (*out == TNET_ID_NONE)
    {
      param_error (job, 400, spec->name, error);
      return FALSE;
    }
  return TRUE;
}

/* A place of the corridor commands, in the place grammar
 * (tnet_place_list_parse()): its error, with its did-you-mean, otherwise. */
static gboolean
place_param (TnetServeJob *job, const ParamSpec *spec)
{
  ParamValue place;
  if (!read_param (job, spec, &place))
    return FALSE;
  GError *error = NULL;
  g_autoptr (TnetPlaceList) list = tnet_place_list_parse (job->srv->net, place.text, &error);
  if (list == NULL)
    param_error (job, 400, spec->name, error);
  return list != NULL;
}

/* A list of node ids or names separated by ';' or ','. */
static GArray *
node_list_param (TnetServeJob *job, const ParamSpec *spec)
{
  const char *name = spec->name;
  ParamValue list;
  if (!read_param (job, spec, &list))
    return NULL;
  g_auto (GStrv) items = g_strsplit_set (list.text, ";,", TNET_SERVE_MAX_LIST + 2);
  guint n = g_strv_length (items);
  if (n == 0 || n > TNET_SERVE_MAX_LIST)
    {
      bad_param (job, name, "expected 1 to %d node ids separated by ';'", TNET_SERVE_MAX_LIST);
      return NULL;
    }
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (TnetId), n);
  for (guint i = 0; i < n; i++)
    {
      GError *error = NULL;
      TnetId id = plain_text (items[i]) ? tnet_cli_find_node (job->srv->net, items[i], &error)
                                        : TNET_ID_NONE;
      if (id == TNET_ID_NONE)
        {
          /* the node's error with its did-you-mean; a hostile item unquoted */
          if (error == NULL)
            bad_param (job, name, "unknown node '%.64s' (item %u)", items[i], i + 1);
          else
            param_error (job, 400, name, error);
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
  return bad_param (job, "scenario", "unknown scenario '%.64s' (see /scenarios)", v);
}

/* -------------------------------------------------------------- prepare */

/* What the timetable's options and model= are for, in their 400s. */
#define FOR_TRANSIT "the transit and park_and_ride profiles only"
#define FOR_TIMETABLE "the transit and park_and_ride profiles by the timetable only"

static const char *const model_only[] = { "model", NULL };

/* The times of a journey by the timetable, in the order they are checked:
 * depart, date, window, max_walk. */
static const ParamSpec *const timing_specs[] = { &p_depart, &p_date, &p_window, &p_max_walk,
                                                 NULL };

/* The options of a /route by the timetable, from the query (validated by
 * prepare_route(); @out->percentiles is allocated). Those not given: the
 * command's defaults (tnet_cli_plan_timing(): the plan's first [commute]
 * group's when it has depart, else 08:00, the feed's busiest day, one
 * departure, 5,25,50,75,95, 15 min). */
static gboolean
time_options (TnetServeJob *job, TnetCliTimeOptions *out)
{
  ParamValue v[4];
  const char *pcts = param (job, "percentiles");
  memset (out, 0, sizeof *out);
  if (!read_params (job, timing_specs, v))
    return FALSE;
  TnetCommuteTiming timing;
  tnet_cli_plan_timing (job->srv->ds, &timing);
  out->percentiles = g_array_new (FALSE, FALSE, sizeof (double));
  if (pcts == NULL)
    g_array_append_vals (out->percentiles, timing.percentiles, timing.n_percentiles);
  else if (!tnet_cli_parse_percentiles (pcts, out->percentiles)
           || out->percentiles->len > 20)
    {
      bad_param (job, "percentiles", "expected 1 to 20 numbers in 0..100 separated by ','");
      g_clear_pointer (&out->percentiles, g_array_unref);
      return FALSE;
    }
  /* the window in whole minutes begun, as tnet_cli_time_args_parse_with() */
  out->depart_s = param (job, "depart") ? (gint32) v[0].integer : timing.depart_s;
  out->date = param (job, "date") ? (guint) v[1].integer : timing.date;
  out->window_min = param (job, "window") ? (guint) v[2].integer
                    : (timing.window_ms + 59999u) / 60000u;
  out->max_walk_ms = param (job, "max_walk") ? tnet_weight_from_min ((double) v[3].integer)
                     : timing.max_walk_ms;
  return TRUE;
}

static void
prepare_route (TnetServeJob *job)
{
  TnetId from, to;
  ParamValue v[4];
  static const ParamSpec *const specs[] = { &p_metric, &p_profile, &p_model, &p_depart_text,
                                            NULL };
  if (!node_param (job, &p_from, &from) || !node_param (job, &p_to, &to)
      || !read_params (job, specs, v))
    return;
  const char *metric = v[0].text, *profile = v[1].text, *model = v[2].text;
  const char *depart = v[3].text;
  /* the options of the timetable are for transit and park-and-ride by the
   * timetable only */
  gboolean car = strcmp (profile, "car") == 0;
  gboolean timetable = !car && strcmp (model, "timetable") == 0;
  static const char *const timetable_only[] = { "date", "window", "percentiles", "max_walk",
                                                NULL };
  if (!refuse_params (job, timetable_only, !timetable, FOR_TIMETABLE)
      || !refuse_params (job, model_only, car, FOR_TRANSIT))
    return;
  if (!car && strcmp (metric, "time") != 0)
    {
      bad_param (job, "metric", "length is for the car profile only");
      return;
    }
  if (depart && (strlen (depart) != 5 || depart[2] != ':'
                 || !g_ascii_isdigit (depart[0]) || !g_ascii_isdigit (depart[1])
                 || !g_ascii_isdigit (depart[3]) || !g_ascii_isdigit (depart[4])
                 || atoi (depart) > 47 || atoi (depart + 3) > 59))
    {
      bad_param (job, "depart", "expected HH:MM");
      return;
    }
  TnetCliTimeOptions topt;
  if (timetable && time_options (job, &topt))
    g_array_unref (topt.percentiles);
}

static void
prepare_table (TnetServeJob *job)
{
  job->sources = node_list_param (job, &p_sources);
  if (job->sources == NULL)
    return;
  job->destinations = node_list_param (job, &p_destinations);
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
  const char *profile = param (job, "profile") ? param (job, "profile") : "car";
  ParamValue model, v[4];
  memset (args, 0, sizeof *args);
  args->one_percentile = TRUE;
  if (!read_param (job, &p_model, &model) || !read_params (job, timing_specs, v))
    return FALSE;
  g_autoptr (GArray) pct = g_array_new (FALSE, FALSE, sizeof (double));
  if (param (job, "percentile")
      && (!tnet_cli_parse_percentiles (param (job, "percentile"), pct) || pct->len != 1))
    return bad_param (job, "percentile", "expected one number in 0..100");
  /* park-and-ride (an isochrone's) follows the timetable as transit does */
  gboolean transit = strcmp (profile, "transit") == 0 || strcmp (profile, "park_and_ride") == 0;
  gboolean frequency = strcmp (model.text, "frequency") == 0;
  if (!refuse_params (job, model_only, !transit, FOR_TRANSIT)
      || !refuse_params (job, timetable_params, !transit || frequency, FOR_TIMETABLE))
    return FALSE;
  args->depart = (char *) param (job, "depart");
  args->date = (char *) param (job, "date");
  args->pcts = (char *) param (job, "percentile");
  /* not given: the commands' defaults (the plan's), job_timetable() */
  args->window = param (job, "window") ? (gint) v[2].integer : TNET_CLI_UNSET;
  args->max_walk = param (job, "max_walk") ? (gint) v[3].integer : TNET_CLI_UNSET;
  args->freq_seed = TNET_CLI_UNSET;
  args->frequency_model = frequency;
  *timetable = transit && !frequency;
  return TRUE;
}

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
  ParamValue from, polygons, minutes, profile;
  TnetCliTimeArgs targs;
  gboolean timetable;
  if (!read_param (job, &p_from, &from) || !read_param (job, &p_polygons, &polygons)
      || !(polygons_asked (job) || read_param (job, &p_minutes, &minutes))
      || !read_param (job, &p_profile, &profile)
      || !timetable_args (job, &targs, &timetable))
    return;
  if (polygons_asked (job) && param (job, "minutes"))
    {
      GError *error = NULL;
      g_autoptr (GArray) budgets = tnet_cli_isochrone_parse_minutes (param (job, "minutes"),
                                                                     &error);
      if (budgets == NULL || budgets->len > 16)
        {
          bad_param (job, "minutes", "expected up to 16 budgets in (0, 1440] minutes, "
                     "increasing and separated by ','");
          g_clear_error (&error);
          return;
        }
    }
  g_autoptr (GArray) sources = g_array_new (FALSE, FALSE, sizeof (TnetId));
  GError *error = NULL;
  if (!tnet_cli_isochrone_sources (job->srv->net, from.text, sources, &error))
    param_error (job, 400, "from", error);
}

static void
prepare_accessibility (TnetServeJob *job)
{
  static const ParamSpec *const specs[] = { &p_opportunities, &p_cutoffs, &p_population,
                                            &p_profile_access, NULL };
  ParamValue v[4];
  TnetCliTimeArgs targs;
  gboolean timetable;
  if (!read_params (job, specs, v) || !timetable_args (job, &targs, &timetable))
    return;
  const char *cutoffs = v[1].text;
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
              bad_param (job, "cutoffs", "expected up to 16 minutes in 0..1440 separated "
                         "by ','");
              return;
            }
        }
    }
}

static void
prepare_ends (TnetServeJob *job, gboolean criticality)
{
  static const ParamSpec *const common[] = { &p_budget, &p_format, NULL };
  static const ParamSpec *const corridors[] = { &p_modes, &p_k, &p_factor, NULL };
  static const ParamSpec *const crit[] = { &p_profile, &p_by, &p_top, NULL };
  ParamValue v[3];
  TnetCliTimeArgs targs;
  gboolean timetable;
  if (!place_param (job, &p_from) || !place_param (job, &p_to) || !read_params (job, common, v))
    return;
  if (!criticality)
    (void) read_params (job, corridors, v);
  else
    (void) (read_params (job, crit, v) && timetable_args (job, &targs, &timetable));
}

static const ParamSpec *const report_specs[] = { &p_baseline, &p_uncertainty, &p_seed,
                                                 NULL };

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
      TnetCommuteTiming timing;   /* park-and-ride's defaults, as the command's */
      tnet_cli_plan_timing (job->srv->ds, &timing);
      g_autoptr (TnetParkRide) pr = park_ride ? tnet_park_ride_new (t->tt, job->srv->net,
                                                                     job->sc->scen,
                                                                     &timing.park_ride,
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

/* The stop of the long kernels (accessibility, criticality): a
 * cancellable that a timeout on the main loop cancels at the job's
 * deadline, and that their progress callback cancels too when it finds
 * the deadline passed (so the kernel stops at its next check even while
 * the main loop is busy). */
typedef struct {
  TnetServeJob *job;
  GCancellable *cancellable;   /* owned; also referenced by @timer */
  GSource *timer;              /* owned; attached to the main context */
} DeadlineStop;

static gboolean
deadline_reached (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
deadline_stop_init (DeadlineStop *ds, TnetServeJob *job)
{
  ds->job = job;
  ds->cancellable = g_cancellable_new ();
  gint64 left_us = MAX (job->deadline_us - g_get_monotonic_time (), 0);
  ds->timer = g_timeout_source_new ((guint) MIN (left_us / 1000 + 1, (gint64) G_MAXUINT));
  g_source_set_callback (ds->timer, deadline_reached, g_object_ref (ds->cancellable),
                         g_object_unref);
  g_source_attach (ds->timer, NULL);
}

static void
deadline_stop_clear (DeadlineStop *ds)
{
  g_source_destroy (ds->timer);
  g_source_unref (ds->timer);
  g_object_unref (ds->cancellable);
}

/* TnetProgressFunc of the long kernels: cancels past the job's deadline. */
static void
before_deadline (guint64 done, guint64 total, const char *what, const char *unit,
                 gpointer data)
{
  (void) done, (void) total, (void) what, (void) unit;
  DeadlineStop *ds = data;
  if (g_get_monotonic_time () > ds->job->deadline_us)
    g_cancellable_cancel (ds->cancellable);
}

/* The document of `tnet accessibility … --format json`, computed here. */
static void
compute_accessibility (TnetServeJob *job, TnetServeWorkspace *ws, guint si)
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
        t->tt, NULL, tnet_cli_timetable_timing (t->tt, t->feed_name, &topt) };
      g_array_unref (topt.percentiles);
    }
  GError *error = NULL;
  const TnetMultimodal *mm = tnet_serve_multimodal (srv, job->sc, profile, &error);
  /* by the timetable, the deadline stops the matrix within one round */
  DeadlineStop stop;
  deadline_stop_init (&stop, job);
  char *text = mm ? tnet_cli_accessibility_run (srv->ds, srv->net, (TnetMultimodal *) mm,
                                                profile, t ? &tmodel : NULL,
                                                param (job, "opportunities"),
                                                param (job, "population"), cutoffs,
                                                TNET_CLI_FORMAT_JSON, before_deadline, &stop,
                                                stop.cancellable, &error)
                  : NULL;
  deadline_stop_clear (&stop);
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
compute_report (TnetServeJob *job, TnetServeWorkspace *ws, guint si)
{
  TnetServeScenario *sc = job->sc;
  ParamValue v[3];   /* checked when prepared */
  (void) read_params (job, report_specs, v);
  gint64 year;
  gboolean plain_year = g_ascii_string_to_signed (sc->spec, 10, 1900, 2100, &year, NULL);
  GError *error = NULL;
  char *text = tnet_cli_report_run (job->srv->ds, sc->scen, plain_year, (int) v[0].integer,
                                    (int) v[1].integer, v[2].integer, 1, MAX (job->deadline_us, 1),
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
compute_transfers (TnetServeJob *job, TnetServeWorkspace *ws, guint si)
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
  int only = hub ? tnet_hub_transfers_find (t, hub, &error) : -1;
  if (hub && only < 0)
    {
      tnet_serve_job_error (job, 400, "hub", "%s; leave out hub to list them", error->message);
      g_error_free (error);
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

/* The settings of /corridors and /criticality (checked when prepared): k,
 * top, budget and factor as given, else the plan's, as the commands take
 * them (tnet_cli_plan_defaults()). */
static void
corridor_settings (TnetServeJob *job, int *k, int *top, double *budget_min, double *factor)
{
  static const ParamSpec *const specs[] = { &p_k, &p_top, &p_budget, &p_factor, NULL };
  ParamValue v[4];   /* 0: not given */
  (void) read_params (job, specs, v);
  *k = (int) v[0].integer;
  *top = (int) v[1].integer;
  *budget_min = v[2].number;
  *factor = v[3].number;
  tnet_cli_plan_defaults (tnet_dataset_get_plan (job->srv->ds), k, top, budget_min, factor);
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
compute_corridors (TnetServeJob *job, TnetServeWorkspace *ws, guint si)
{
  TnetServe *srv = job->srv;
  g_autoptr (TnetNodeSet) a = NULL;
  g_autoptr (TnetNodeSet) b = NULL;
  if (!corridor_ends (job, &a, &b))
    return;
  guint mask = TNET_MODES_RAIL | TNET_MODES_ROAD;
  if (param (job, "modes"))
    tnet_corridor_modes_from_string (param (job, "modes"), &mask);
  int k, top;
  double budget_min, factor;
  corridor_settings (job, &k, &top, &budget_min, &factor);
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
compute_criticality (TnetServeJob *job, TnetServeWorkspace *ws, guint si)
{
  TnetServe *srv = job->srv;
  g_autoptr (TnetNodeSet) a = NULL;
  g_autoptr (TnetNodeSet) b = NULL;
  if (!corridor_ends (job, &a, &b))
    return;
  TnetProfile profile = job_profile (job);
  gboolean by_line = param (job, "by") && strcmp (param (job, "by"), "line") == 0;
  int k, top;
  double budget_min, factor;
  corridor_settings (job, &k, &top, &budget_min, &factor);
  TnetCriticalityOptions copts;
  tnet_criticality_options_init (&copts);
  copts.n_threads = 1;
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
  DeadlineStop stop;
  deadline_stop_init (&stop, job);
  copts.progress = before_deadline;
  copts.progress_data = &stop;
  copts.cancellable = stop.cancellable;
  g_autoptr (TnetCriticality) crit
    = (t && (pr || profile == TNET_PROFILE_TRANSIT)) || mm
      ? tnet_cli_criticality_scan (srv->net, job->sc->scen, mm, t ? t->tt : NULL, pr,
                                   t ? t->feed_name : NULL, a, b, by_line,
                                   (TnetWeight) (budget_min * 60000.0), &topt,
                                   t ? g_array_index (topt.percentiles, double, 0) : 50,
                                   &copts, &error)
      : NULL;
  deadline_stop_clear (&stop);
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
compute_isochrone (TnetServeJob *job, TnetServeWorkspace *ws, guint si)
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
  TnetCliIsochroneModel model = { profile, { 0 } };
  GError *error = NULL;
  TnetCliTimeOptions topt;
  gboolean owned;
  TnetServeTimetable *t;
  if (!job_timing (job, &t, &topt, &owned))
    return;
  if (t)
    {
      model.timing = tnet_cli_timetable_timing (t->tt, t->feed_name, &topt);
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
compute_nodes (TnetServeJob *job, TnetServeWorkspace *ws, guint si)
{
  const TnetNetwork *net = job->srv->net;
  ParamValue limit;   /* checked when prepared */
  (void) read_param (job, &p_limit, &limit);
  GError *error = NULL;
  g_autoptr (GArray) ids = tnet_place_select_nodes (net, param (job, "place"),
                                                    param (job, "search"), (guint) limit.integer,
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
compute_scenarios (TnetServeJob *job, TnetServeWorkspace *ws, guint si)
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

/* -------------------------------------------------------------- endpoints */

static void
prepare_corridors (TnetServeJob *job)
{
  prepare_ends (job, FALSE);
}

static void
prepare_criticality (TnetServeJob *job)
{
  prepare_ends (job, TRUE);
}

/* /health, answered here, on the main thread: a health check never waits
 * behind the analyses it reports on. */
static void
prepare_health (TnetServeJob *job)
{
  TnetServe *srv = job->srv;
  job->body = g_strdup_printf ("{\n  \"status\" : \"ok\",\n  \"scenarios\" : %u,\n"
                               "  \"threads\" : %u,\n  \"requests\" : %u,\n"
                               "  \"answered\" : %" G_GUINT64_FORMAT "\n}\n",
                               srv->scenarios->len, srv->n_threads, srv->in_flight,
                               srv->answered);
  job->status = 200;
}

/* The GeoJSON of the scenario's network, made when the server started. */
static void
compute_network (TnetServeJob *job, TnetServeWorkspace *ws, guint si)
{
  job->body = g_strdup (job->sc->network_geojson);
  job->content_type = "application/geo+json";
  job->status = 200;
}

/* An endpoint: the parameters it accepts (anything else is a 400; scenario
 * is read for all of them), how they are checked on the main thread
 * (@prepare, else @specs read in order, else nothing) and its computation
 * in a worker (@compute, NULL for an endpoint @prepare answers; @ws and
 * @si: the worker's workspace and the index of the job's scenario). */
typedef struct {
  const char *name;
  void (*prepare) (TnetServeJob *job);
  const ParamSpec *const *specs;
  void (*compute) (TnetServeJob *job, TnetServeWorkspace *ws, guint si);
  const char *const params[16];
} Endpoint;

static const ParamSpec *const transfers_specs[] = { &p_hub, NULL };
static const ParamSpec *const nodes_specs[] = { &p_search, &p_place, &p_limit, NULL };

static const Endpoint endpoints[] = {
  { "route", prepare_route, NULL, compute_route,
    { "from", "to", "scenario", "metric", "profile", "depart", "model", "date", "window",
      "percentiles", "max_walk", NULL } },
  { "table", prepare_table, NULL, compute_table, { "sources", "destinations", "scenario",
                                                    NULL } },
  { "isochrone", prepare_isochrone, NULL, compute_isochrone,
    { "from", "minutes", "profile", "scenario", "depart", "date", "window", "percentile",
      "max_walk", "model", "polygons", NULL } },
  { "accessibility", prepare_accessibility, NULL, compute_accessibility,
    { "opportunities", "cutoffs", "profile", "population", "scenario", "depart", "date",
      "window", "percentile", "max_walk", "model", NULL } },
  { "corridors", prepare_corridors, NULL, compute_corridors,
    { "from", "to", "modes", "k", "budget", "factor", "format", "scenario", NULL } },
  { "criticality", prepare_criticality, NULL, compute_criticality,
    { "from", "to", "profile", "by", "top", "budget", "format", "scenario", "model", "depart",
      "date", "window", "percentile", "max_walk", NULL } },
  { "transfers", NULL, transfers_specs, compute_transfers, { "hub", "scenario", NULL } },
  { "report", NULL, report_specs, compute_report, { "baseline", "uncertainty", "seed",
                                                     "scenario", NULL } },
  { "nodes", NULL, nodes_specs, compute_nodes, { "search", "place", "limit", NULL } },
  { "network", NULL, NULL, compute_network, { "scenario", NULL } },
  { "scenarios", NULL, NULL, compute_scenarios, { NULL } },
  { "health", prepare_health, NULL, NULL, { NULL } },
};

static const Endpoint *
find_endpoint (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    if (strcmp (endpoints[i].name, name) == 0)
      return &endpoints[i];
  return NULL;
}

void
tnet_serve_api_prepare (TnetServeJob *job)
{
  const Endpoint *ep = find_endpoint (job->endpoint);
  if (ep == NULL)
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
      for (guint i = 0; ep->params[i] && !known; i++)
        known = strcmp (ep->params[i], key) == 0;
      if (!known)
        {
          tnet_serve_job_error (job, 400, plain_text (key) ? key : NULL,
                                "unknown parameter '%.64s' for /%s", (const char *) key,
                                job->endpoint);
          return;
        }
    }
  ParamValue v[16];
  if (!scenario_param (job))
    return;
  if (ep->prepare)
    ep->prepare (job);
  else if (ep->specs)
    (void) read_params (job, ep->specs, v);
}

void
tnet_serve_api_compute (TnetServeJob *job, TnetServeWorkspace *ws)
{
  TnetServe *srv = job->srv;
  guint si = 0;
  while (si < srv->scenarios->len && g_ptr_array_index (srv->scenarios, si) != job->sc)
    si++;
  job->content_type = "application/json";
  const Endpoint *ep = find_endpoint (job->endpoint);
  if (ep && ep->compute)
    ep->compute (job, ws, si);
  else
    tnet_serve_job_error (job, 500, NULL, "endpoint /%s has no computation", job->endpoint);
}
