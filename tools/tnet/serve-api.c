/* serve-api.c: the JSON endpoints of `tnet serve`. Each endpoint validates
 * its parameters on the main thread (a bad one is HTTP 400 naming it), then
 * either computes in a worker with a per-thread workspace (route, table,
 * isochrone, nodes) or runs the matching `tnet COMMAND --format json` as a
 * child process (the long analyses), so that every answer is the document
 * the command-line program prints for the same query. */
#include "serve.h"
#include "route-car.h"
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
  const char *const params[10];
} Allowed;

static const Allowed allowed[] = {
  { "route", { "from", "to", "scenario", "metric", "profile", "depart", NULL } },
  { "table", { "sources", "destinations", "scenario", NULL } },
  { "isochrone", { "from", "minutes", "profile", "scenario", NULL } },
  { "accessibility", { "opportunities", "cutoffs", "profile", "population", "scenario", NULL } },
  { "corridors", { "from", "to", "modes", "k", "budget", "factor", "scenario", NULL } },
  { "criticality", { "from", "to", "modes", "profile", "by", "top", "budget", "scenario", NULL } },
  { "transfers", { "hub", "scenario", NULL } },
  { "report", { "baseline", "scenario", NULL } },
  { "nodes", { "search", "limit", NULL } },
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
      tnet_serve_job_error (job, 400, name, "parameter '%s': %s", name, error->message);
      g_error_free (error);
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
      job->sc = g_ptr_array_index (srv->scenarios, srv->scenarios->len - 1);
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

/* ------------------------------------------------------ child processes */

static void
child_args (TnetServeJob *job, const char *command, ...)
{
  job->child_argv = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (job->child_argv, g_strdup (job->srv->exe));
  g_ptr_array_add (job->child_argv, g_strdup (command));
  g_ptr_array_add (job->child_argv, g_strdup ("--data"));
  g_ptr_array_add (job->child_argv, g_strdup (job->srv->data_dir));
  g_ptr_array_add (job->child_argv, g_strdup ("--scenario"));
  g_ptr_array_add (job->child_argv, g_strdup (job->sc->spec));
  g_ptr_array_add (job->child_argv, g_strdup ("--format"));
  g_ptr_array_add (job->child_argv, g_strdup ("json"));
  g_ptr_array_add (job->child_argv, g_strdup ("--quiet"));
  va_list ap;
  va_start (ap, command);
  for (const char *a; (a = va_arg (ap, const char *)) != NULL;)
    g_ptr_array_add (job->child_argv, g_strdup (a));
  va_end (ap);
}

/* Adds "--OPTION VALUE" for each query parameter given, in the order of
 * @names (NULL-terminated; query names equal the option names). */
static void
child_options (TnetServeJob *job, const char *const *names)
{
  for (guint i = 0; names[i]; i++)
    {
      const char *v = param (job, names[i]);
      if (v)
        {
          g_ptr_array_add (job->child_argv, g_strdup_printf ("--%s", names[i]));
          g_ptr_array_add (job->child_argv, g_strdup (v));
        }
    }
}

static void
child_positional (TnetServeJob *job, const char *a, const char *b)
{
  g_ptr_array_add (job->child_argv, g_strdup (a));
  if (b)
    g_ptr_array_add (job->child_argv, g_strdup (b));
}

/* -------------------------------------------------------------- prepare */

static const char *const profiles_all[] = { "car", "transit", "park_and_ride", NULL };
static const char *const modes_all[] = { "rail", "road", "all", NULL };

static void
prepare_route (TnetServeJob *job)
{
  TnetId from, to;
  const char *metric = "time", *profile = "car", *depart = NULL;
  static const char *const metrics[] = { "time", "length", NULL };
  if (!node_param (job, "from", &from) || !node_param (job, "to", &to)
      || !enum_param (job, "metric", metrics, &metric)
      || !enum_param (job, "profile", profiles_all, &profile)
      || !text_param (job, "depart", FALSE, &depart))
    return;
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
  if (strcmp (profile, "car") != 0)
    {
      child_args (job, "route", "--profile", profile, NULL);
      if (depart)
        {
          g_ptr_array_add (job->child_argv, g_strdup ("--depart"));
          g_ptr_array_add (job->child_argv, g_strdup (depart));
        }
      child_positional (job, param (job, "from"), param (job, "to"));
    }
}

static void
prepare_table (TnetServeJob *job)
{
  g_autoptr (GArray) s = node_list_param (job, "sources");
  if (s == NULL)
    return;
  g_autoptr (GArray) d = node_list_param (job, "destinations");
  if (d == NULL)
    return;
  if ((guint64) s->len * d->len > TNET_SERVE_MAX_TABLE_CELLS)
    tnet_serve_job_error (job, 400, "destinations", "sources × destinations: %u × %u cells "
                          "exceed the limit of %d", s->len, d->len, TNET_SERVE_MAX_TABLE_CELLS);
}

static void
prepare_isochrone (TnetServeJob *job)
{
  const char *from, *profile = "car";
  double minutes = 60;
  if (!text_param (job, "from", TRUE, &from)
      || !number_param (job, "minutes", 0.001, 1440, &minutes)
      || !enum_param (job, "profile", profiles_all, &profile))
    return;
  g_autoptr (GArray) sources = g_array_new (FALSE, FALSE, sizeof (TnetId));
  GError *error = NULL;
  if (!tnet_commute_select (job->srv->net, from, sources, &error))
    {
      tnet_serve_job_error (job, 400, "from", "parameter 'from': %s", error->message);
      g_error_free (error);
    }
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
  static const char *const opts[] = { "opportunities", "cutoffs", "profile", "population", NULL };
  child_args (job, "accessibility", NULL);
  child_options (job, opts);
}

static void
prepare_corridors (TnetServeJob *job, gboolean criticality)
{
  const char *from, *to, *modes = NULL, *profile = NULL, *by = NULL;
  gint64 k = 0, top = 0;
  double budget = 0, factor = 0;
  static const char *const bys[] = { "link", "line", NULL };
  if (!place_param (job, "from", &from) || !place_param (job, "to", &to)
      || !enum_param (job, "modes", modes_all, &modes)
      || !number_param (job, "budget", 1, 1440, &budget))
    return;
  if (!criticality)
    {
      if (!int_param (job, "k", 1, 100, &k) || !number_param (job, "factor", 1, 100, &factor))
        return;
      static const char *const opts[] = { "modes", "k", "budget", "factor", NULL };
      child_args (job, "corridors", NULL);
      child_options (job, opts);
    }
  else
    {
      if (!enum_param (job, "profile", profiles_all, &profile) || !enum_param (job, "by", bys, &by)
          || !int_param (job, "top", 1, 1000, &top))
        return;
      if (profile && modes)
        {
          tnet_serve_job_error (job, 400, "profile", "parameters 'profile' and 'modes' "
                                "exclude each other");
          return;
        }
      static const char *const opts[] = { "modes", "profile", "by", "top", "budget", NULL };
      child_args (job, "criticality", "--threads", "1", NULL);
      child_options (job, opts);
    }
  child_positional (job, from, to);
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
      if (text_param (job, "hub", FALSE, &hub))
        {
          child_args (job, "transfers", NULL);
          if (hub)
            child_positional (job, hub, NULL);
        }
    }
  else if (strcmp (e, "report") == 0)
    {
      gint64 baseline = 0;
      if (int_param (job, "baseline", 1900, 2100, &baseline))
        {
          child_args (job, "report", NULL);
          child_options (job, (const char *const[]) { "baseline", NULL });
        }
    }
  else if (strcmp (e, "nodes") == 0)
    {
      const char *search;
      gint64 limit = 20;
      (void) (text_param (job, "search", FALSE, &search)
              && int_param (job, "limit", 1, 100000, &limit));
    }
}

/* ------------------------------------------------------------- compute */

static void
compute_route (TnetServeJob *job, TnetServeWorkspace *ws, guint si)
{
  TnetServe *srv = job->srv;
  TnetServeScenario *sc = job->sc;
  TnetId from = tnet_place_find_node (srv->net, param (job, "from"));
  TnetId to = tnet_place_find_node (srv->net, param (job, "to"));
  const char *metric = param (job, "metric") ? param (job, "metric") : "time";
  g_autoptr (GArray) legs = NULL;
  guint64 total_ms;
  double total_m;
  if (!tnet_cli_route_car (srv->net, ws->search[si], sc->time, sc->length,
                           strcmp (metric, "length") == 0, from, to, &legs, &total_ms,
                           &total_m))
    {
      tnet_serve_job_error (job, 404, NULL, "no path by car from '%s' to '%s' in scenario %s",
                            param (job, "from"), param (job, "to"), sc->name);
      return;
    }
  job->body = tnet_cli_route_json (srv->net, from, to, metric, legs, total_ms, total_m);
  job->status = 200;
}

static gboolean
past_deadline (TnetServeJob *job)
{
  if (g_get_monotonic_time () <= job->deadline_us)
    return FALSE;
  tnet_serve_job_error (job, 503, NULL, "the analysis exceeded the time limit of %u s",
                        job->srv->time_limit_s);
  return TRUE;
}

static void
compute_table (TnetServeJob *job, TnetServeWorkspace *ws, guint si)
{
  TnetServe *srv = job->srv;
  TnetServeScenario *sc = job->sc;
  g_autoptr (GArray) s = node_list_param (job, "sources");
  g_autoptr (GArray) d = node_list_param (job, "destinations");
  /* a zone's arrival twin is where trips into it end: each destination is
   * asked twice (the node, its twin) and the smaller distance kept */
  g_autofree TnetId *targets = g_new (TnetId, 2 * d->len);
  for (guint j = 0; j < d->len; j++)
    {
      targets[2 * j] = g_array_index (d, TnetId, j);
      targets[2 * j + 1] = tnet_graph_arrival_node (sc->car, targets[2 * j]);
    }
  /* rows in blocks, checking the deadline between them (each block repeats
   * the backward searches of the destinations: blocks are large) */
  const guint block = 128;
  g_autofree TnetWeight *cells = g_new (TnetWeight, (gsize) block * 2 * d->len);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "scenario");
  json_builder_add_string_value (b, sc->name);
  json_builder_set_member_name (b, "profile");
  json_builder_add_string_value (b, "car");
  const char *names[2] = { "sources", "destinations" };
  GArray *lists[2] = { s, d };
  for (int k = 0; k < 2; k++)
    {
      json_builder_set_member_name (b, names[k]);
      json_builder_begin_array (b);
      for (guint i = 0; i < lists[k]->len; i++)
        json_builder_add_string_value (
          b, tnet_network_node (srv->net, g_array_index (lists[k], TnetId, i))->id);
      json_builder_end_array (b);
    }
  json_builder_set_member_name (b, "durations_min");
  json_builder_begin_array (b);
  for (guint i0 = 0; i0 < s->len; i0 += block)
    {
      if (past_deadline (job))
        return;
      guint n = MIN (block, s->len - i0);
      tnet_ch_query_many_to_many (ws->ch[si], &g_array_index (s, TnetId, i0), n, targets,
                                  2 * d->len, cells);
      for (guint i = 0; i < n; i++)
        {
          json_builder_begin_array (b);
          for (guint j = 0; j < d->len; j++)
            {
              TnetWeight w = MIN (cells[(gsize) i * 2 * d->len + 2 * j],
                                  cells[(gsize) i * 2 * d->len + 2 * j + 1]);
              if (w >= TNET_WEIGHT_INF)
                json_builder_add_null_value (b);
              else
                json_builder_add_double_value (b, round (w / 60.0) / 1000.0);
            }
          json_builder_end_array (b);
        }
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  job->body = tnet_cli_json_to_string (b);
  job->status = 200;
}

static void
compute_isochrone (TnetServeJob *job)
{
  TnetServe *srv = job->srv;
  const char *from = param (job, "from");
  double minutes = 60;
  if (param (job, "minutes"))
    minutes = g_ascii_strtod (param (job, "minutes"), NULL);
  TnetProfile profile = TNET_PROFILE_CAR;
  if (param (job, "profile"))
    tnet_profile_from_string (param (job, "profile"), &profile);
  GError *error = NULL;
  const TnetMultimodal *mm = tnet_serve_multimodal (srv, job->sc, profile, &error);
  if (mm == NULL)
    {
      tnet_serve_job_error (job, 400, "profile", "parameter 'profile': %s", error->message);
      g_error_free (error);
      return;
    }
  g_autoptr (GArray) sources = g_array_new (FALSE, FALSE, sizeof (TnetId));
  tnet_commute_select (srv->net, from, sources, NULL);
  g_autofree TnetWeight *ms = g_new (TnetWeight, tnet_network_n_nodes (srv->net));
  tnet_isochrone_compute (mm, srv->net, (TnetId *) (void *) sources->data, sources->len,
                          (TnetWeight) llround (minutes * 60000.0), ms);
  if (past_deadline (job))
    return;
  job->body = tnet_geojson_isochrone (srv->net, job->sc->scen, ms,
                                      (TnetWeight) llround (minutes * 60000.0), from,
                                      tnet_profile_to_string (profile), TNET_GEOJSON_ALL);
  job->content_type = "application/geo+json";
  job->status = 200;
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

static void
compute_nodes (TnetServeJob *job)
{
  const TnetNetwork *net = job->srv->net;
  const char *search = param (job, "search");
  guint64 limit = param (job, "limit") ? g_ascii_strtoull (param (job, "limit"), NULL, 10) : 20;
  g_autofree char *needle = search ? g_utf8_casefold (search, -1) : NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "nodes");
  json_builder_begin_array (b);
  guint found = 0;
  for (TnetId v = 0; v < tnet_network_n_nodes (net) && found < limit; v++)
    {
      const TnetNode *n = tnet_network_node (net, v);
      if (needle)
        {
          gboolean hit = FALSE;
          const char *fields[3] = { n->id, n->name, n->name_en };
          for (int k = 0; k < 3 && !hit; k++)
            if (fields[k])
              {
                g_autofree char *f = g_utf8_casefold (fields[k], -1);
                hit = strstr (f, needle) != NULL;
              }
          if (!hit)
            continue;
        }
      found++;
      json_builder_begin_object (b);
      add_member (b, "id", n->id);
      add_member (b, "name", n->name);
      add_member (b, "name_en", n->name_en);
      add_member (b, "kind", tnet_node_kind_to_string (n->kind));
      add_member (b, "region", n->region);
      json_builder_set_member_name (b, "lon");
      json_builder_add_double_value (b, n->lon);
      json_builder_set_member_name (b, "lat");
      json_builder_add_double_value (b, n->lat);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  job->body = tnet_cli_json_to_string (b);
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
  TnetServeScenario *def = g_ptr_array_index (srv->scenarios, srv->scenarios->len - 1);
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
  else if (strcmp (e, "health") == 0)
    {
      job->body = g_strdup_printf ("{\n  \"status\" : \"ok\",\n  \"scenarios\" : %u,\n"
                                   "  \"threads\" : %u\n}\n", srv->scenarios->len,
                                   srv->n_threads);
      job->status = 200;
    }
  else
    tnet_serve_job_error (job, 500, NULL, "endpoint /%s has no computation", e);
}
