/* cmd-serve.c: `tnet serve`, an HTTP server (libsoup) answering the
 * analyses of one data folder as JSON, and a web map at /.
 *
 * Implementation notes: the folder is loaded once; per scenario the car
 * graph, its contraction hierarchy and the network GeoJSON are built at
 * start, except that a scenario closing links of its year customises the
 * year's open CCH (built once, on the first such scenario) rather than
 * contracting its own hierarchy. A request is validated on the main
 * thread, paused, computed by a GThreadPool worker with one of n_threads
 * workspaces taken from an async queue, and answered back on the main
 * thread. The multimodal graphs and
 * the timetables (per scenario and service date) are built on first
 * use under a lock and kept; each worker has its own searches and RAPTOR
 * workspaces over them. Static files are compiled
 * into the program (GResource) or read at start from the fixed Leaflet
 * folder into memory: no request path reaches the file system. Connections are
 * accepted by serve-guard.c, which bounds request heads (414, 431) before
 * libsoup reads them. */
#include "serve.h"
#include "cli-extra.h"
#include "commands.h"
#include "route-transit.h"
#include <glib-unix.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#ifndef TNET_LEAFLET_DIR
#define TNET_LEAFLET_DIR "/usr/share/javascript/leaflet"
#endif

/* defined by the compiled resources (serve-resources.c) */
GResource *tnet_serve_get_resource (void);

/* Files of the Leaflet folder the page uses; nothing else is ever read. */
static const char *const leaflet_files[] = {
  "leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
  "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png", NULL
};

static GHashTable *static_files;   /* URL path → GBytes, filled at start */

static const char *
content_type_of (const char *path)
{
  if (g_str_has_suffix (path, ".js"))
    return "text/javascript; charset=utf-8";
  if (g_str_has_suffix (path, ".css"))
    return "text/css; charset=utf-8";
  if (g_str_has_suffix (path, ".png"))
    return "image/png";
  return "text/html; charset=utf-8";
}

static void
load_static_files (void)
{
  static_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_bytes_unref);
  static const char *const web[] = { "index.html", "app.js", "app.css", NULL };
  GResource *res = tnet_serve_get_resource ();
  for (guint i = 0; web[i]; i++)
    {
      g_autofree char *rpath = g_strdup_printf ("/org/tnet/serve/%s", web[i]);
      GBytes *bytes = g_resource_lookup_data (res, rpath, 0, NULL);
      if (bytes)
        g_hash_table_insert (static_files,
                             g_strdup_printf ("/%s", i == 0 ? "" : web[i]), bytes);
    }
  for (guint i = 0; leaflet_files[i]; i++)
    {
      g_autofree char *file = g_build_filename (TNET_LEAFLET_DIR, leaflet_files[i], NULL);
      char *text = NULL;
      gsize len = 0;
      if (g_file_get_contents (file, &text, &len, NULL))
        g_hash_table_insert (static_files, g_strdup_printf ("/leaflet/%s", leaflet_files[i]),
                             g_bytes_new_take (text, len));
    }
}

/* ---------------------------------------------------------------- jobs */

static void
job_free (TnetServeJob *job)
{
  if (job->disconnected_id)
    g_signal_handler_disconnect (job->msg, job->disconnected_id);
  g_clear_object (&job->msg);
  g_free (job->endpoint);
  g_hash_table_unref (job->query);
  g_free (job->body);
  if (job->sources)
    g_array_unref (job->sources);
  if (job->destinations)
    g_array_unref (job->destinations);
  g_free (job);
}

static TnetServe *the_server;

static void
respond (SoupServerMessage *msg, guint status, const char *content_type, char *body)
{
  SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);
  soup_message_headers_replace (h, "Cache-Control", "no-store");
  if (the_server && the_server->draining)
    soup_message_headers_replace (h, "Connection", "close");
  soup_message_headers_replace (h, "X-Content-Type-Options", "nosniff");
  /* libsoup has no reason phrase for 431 (RFC 6585) */
  soup_server_message_set_status (msg, status,
                                  status == 431 ? "Request Header Fields Too Large" : NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body,
                                    body ? strlen (body) : 0);
}

/* Draining ends once every paused request is computed and its answer
 * written (or its client gone): only then may the loop stop. */
static void
maybe_quit (TnetServe *srv)
{
  if (srv->draining && srv->in_flight == 0 && g_hash_table_size (srv->unwritten) == 0)
    g_main_loop_quit (srv->loop);
}

/* SoupServer::request-finished and ::request-aborted: the answer of @msg
 * is written, or will never be. */
static void
on_request_done (SoupServer *server, SoupServerMessage *msg, gpointer data)
{
  (void) server;
  TnetServe *srv = data;
  if (g_hash_table_remove (srv->unwritten, msg))
    maybe_quit (srv);
}

static void
on_disconnected (SoupServerMessage *msg, gpointer data)
{
  (void) msg;
  g_atomic_int_set (&((TnetServeJob *) data)->gone, 1);
}

/* Pauses @job's message until finish_job(); notes a client that leaves. */
static void
pause_job (TnetServeJob *job)
{
  soup_server_message_pause (job->msg);
  g_hash_table_add (job->srv->unwritten, g_object_ref (job->msg));
  job->disconnected_id = g_signal_connect (job->msg, "disconnected",
                                           G_CALLBACK (on_disconnected), job);
  job->srv->in_flight++;
}

/* Answers a paused job (unless its client left) and frees it. Main thread. */
static gboolean
finish_job (gpointer data)
{
  TnetServeJob *job = data;
  TnetServe *srv = job->srv;
  if (!g_atomic_int_get (&job->gone))
    {
      respond (job->msg, job->status, job->content_type, g_steal_pointer (&job->body));
      soup_server_message_unpause (job->msg);
    }
  else
    g_hash_table_remove (srv->unwritten, job->msg);
  job_free (job);
  srv->in_flight--;
  srv->answered++;
  maybe_quit (srv);
  return G_SOURCE_REMOVE;
}

static void
worker (gpointer data, gpointer user_data)
{
  TnetServeJob *job = data;
  TnetServe *srv = user_data;
  /* a client that left is not computed for (its answer would be dropped) */
  if (g_atomic_int_get (&job->gone))
    {
      g_main_context_invoke (NULL, finish_job, job);
      return;
    }
  TnetServeWorkspace *ws = g_async_queue_pop (srv->workspaces);
  if (g_get_monotonic_time () > job->deadline_us)
    tnet_serve_job_error (job, 503, NULL, "the server was busy beyond the time limit of %g s",
                          srv->time_limit_s);
  else
    tnet_serve_api_compute (job, ws);
  g_async_queue_push (srv->workspaces, ws);
  g_main_context_invoke (NULL, finish_job, job);
}

const TnetMultimodal *
tnet_serve_multimodal (TnetServe *srv, TnetServeScenario *sc, TnetProfile profile,
                       GError **error)
{
  g_mutex_lock (&srv->lock);
  if (sc->mm[profile] == NULL
      && tnet_cli_build_graphs (srv->net, sc->scen, &profile, 1, &sc->mm[profile], error)
      && profile != TNET_PROFILE_CAR && sc->feed_base == NULL)
    {
      const TnetFeed *feed = NULL;
      if (tnet_dataset_get_feed (srv->ds, tnet_scenario_get_year (sc->scen), &feed, NULL)
          && feed)
        sc->feed_base = g_path_get_basename (tnet_feed_get_path (feed));
    }
  const TnetMultimodal *mm = sc->mm[profile];
  g_mutex_unlock (&srv->lock);
  return mm;
}

void
tnet_serve_timetable_free (TnetServeTimetable *t)
{
  if (t == NULL)
    return;
  TnetRaptor *r;
  while ((r = g_async_queue_try_pop (t->raptors)))
    tnet_raptor_free (r);
  g_async_queue_unref (t->raptors);
  tnet_timetable_unref (t->tt);
  g_ptr_array_unref (t->feeds);
  g_free (t->feed_name);
  g_free (t);
}

TnetServeTimetable *
tnet_serve_timetable (TnetServe *srv, TnetServeScenario *sc, guint date, gboolean *owned,
                      GError **error)
{
  /* per scenario: its walks follow its links (a closed access link, say) */
  g_autofree char *key = g_strdup_printf ("%s:%u", sc->name, date);
  *owned = FALSE;
  g_mutex_lock (&srv->tt_lock);
  TnetServeTimetable *t = g_hash_table_lookup (srv->timetables, key);
  if (t == NULL)
    {
      /* the command's defaults: the data folder's feed, frequency phase 0 */
      TnetCliTimeOptions topt = { 0 };
      topt.date = date;
      t = g_new0 (TnetServeTimetable, 1);
      t->tt = tnet_cli_load_timetable (srv->net, sc->scen, &topt, &t->feed_name, &t->feeds,
                                       error);
      if (t->tt == NULL)
        g_clear_pointer (&t, g_free);
      else
        {
          t->raptors = g_async_queue_new ();
          if (g_hash_table_size (srv->timetables) < TNET_SERVE_MAX_TIMETABLES)
            g_hash_table_insert (srv->timetables, g_steal_pointer (&key), t);
          else
            *owned = TRUE;
        }
    }
  g_mutex_unlock (&srv->tt_lock);
  return t;
}

/* ------------------------------------------------------------- requests */

static void
respond_error (SoupServerMessage *msg, guint status, const char *message)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "error");
  json_builder_add_string_value (b, message);
  json_builder_set_member_name (b, "parameter");
  json_builder_add_null_value (b);
  json_builder_end_object (b);
  respond (msg, status, "application/json", tnet_cli_json_to_string (b));
}

/* Called once the headers are read: no request may carry a body. */
static void
early_handler (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
               gpointer data)
{
  (void) server, (void) path, (void) query, (void) data;
  SoupMessageHeaders *h = soup_server_message_get_request_headers (msg);
  if (soup_message_headers_get_content_length (h) > 0
      || soup_message_headers_get_encoding (h) == SOUP_ENCODING_CHUNKED)
    respond_error (msg, 413, "request bodies are not accepted (use GET with a query string)");
}

static gboolean
is_endpoint_name (const char *s)
{
  if (*s == '\0' || strlen (s) > 32)
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_islower (*s))
      return FALSE;
  return TRUE;
}

static void
on_request (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
            gpointer data)
{
  (void) server;
  TnetServe *srv = data;
  srv->n_requests++;
  if (soup_server_message_get_status (msg) != 0)
    return;   /* answered by the early handler */
  const char *method = soup_server_message_get_method (msg);
  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    "GET, HEAD");
      respond_error (msg, 405, "only GET and HEAD are served");
      return;
    }
  guint refused = tnet_serve_guard_status (srv->guard, path);
  if (refused == 414)
    {
      respond_error (msg, 414, "the request line exceeds the limit of "
                     G_STRINGIFY (TNET_SERVE_MAX_REQUEST_LINE) " bytes");
      return;
    }
  if (refused == 431)
    {
      respond_error (msg, 431, "the request header fields exceed the limit of "
                     G_STRINGIFY (TNET_SERVE_MAX_HEADERS) " bytes");
      return;
    }
  const char *q = g_uri_get_query (soup_server_message_get_uri (msg));
  if ((q && strlen (q) > TNET_SERVE_MAX_QUERY) || strlen (path) > 256)
    {
      respond_error (msg, 414, "the query string exceeds the limit of "
                     G_STRINGIFY (TNET_SERVE_MAX_QUERY) " bytes");
      return;
    }
  if (srv->draining)
    {
      respond_error (msg, 503, "the server is shutting down");
      return;
    }
  GBytes *file = g_hash_table_lookup (static_files, path);
  if (file)
    {
      gsize len;
      const char *bytes = g_bytes_get_data (file, &len);
      SoupMessageHeaders *h = soup_server_message_get_response_headers (msg);
      soup_message_headers_replace (h, "X-Content-Type-Options", "nosniff");
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, content_type_of (path), SOUP_MEMORY_COPY, bytes,
                                        len);
      return;
    }
  if (path[0] != '/' || !is_endpoint_name (path + 1))
    {
      respond_error (msg, 404, "not found (see docs/http.md)");
      return;
    }
  TnetServeJob *job = g_new0 (TnetServeJob, 1);
  job->srv = srv;
  job->msg = g_object_ref (msg);
  job->endpoint = g_strdup (path + 1);
  job->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (query)
    {
      GHashTableIter it;
      gpointer k, v;
      g_hash_table_iter_init (&it, query);
      while (g_hash_table_iter_next (&it, &k, &v))
        g_hash_table_insert (job->query, g_strdup (k), g_strdup (v));
    }
  job->deadline_us = g_get_monotonic_time () + (gint64) (srv->time_limit_s * G_USEC_PER_SEC);
  job->content_type = "application/json";
  tnet_serve_api_prepare (job);
  if (job->status != 0)
    {
      respond (msg, job->status, job->content_type, g_steal_pointer (&job->body));
      job_free (job);
    }
  else
    {
      pause_job (job);
      g_thread_pool_push (srv->pool, job, NULL);
    }
}

/* Draining takes at most the time limit and the time to write the answers;
 * a client that does not read its answer is not waited for longer. */
static gboolean
drain_timeout (gpointer data)
{
  TnetServe *srv = data;
  srv->drain_timeout_id = 0;
  g_printerr ("tnet serve: %u answers still unwritten %g s after the signal; stopping\n",
              g_hash_table_size (srv->unwritten), srv->time_limit_s + 30);
  g_main_loop_quit (srv->loop);
  return G_SOURCE_REMOVE;
}

/* SIGTERM, SIGINT: stop accepting connections (those open get 503 with
 * Connection: close), answer the requests in flight, then quit. */
static gboolean
on_signal (gpointer data)
{
  TnetServe *srv = data;
  if (!srv->draining)
    {
      srv->draining = TRUE;
      tnet_serve_guard_stop (srv->guard);
      srv->drain_timeout_id = g_timeout_add ((guint) ceil ((srv->time_limit_s + 30) * 1000.0),
                                             drain_timeout, srv);
      maybe_quit (srv);
    }
  return G_SOURCE_CONTINUE;
}

/* --------------------------------------------------------------- start */

static void
scenario_free (gpointer p)
{
  TnetServeScenario *sc = p;
  g_free (sc->name);
  g_free (sc->spec);
  tnet_scenario_free (sc->scen);
  if (sc->ch)
    tnet_ch_unref (sc->ch);
  if (sc->time)
    tnet_metric_unref (sc->time);
  if (sc->length)
    tnet_metric_unref (sc->length);
  if (sc->car)
    tnet_graph_unref (sc->car);
  for (int p2 = 0; p2 < 3; p2++)
    if (sc->mm[p2])
      tnet_multimodal_unref (sc->mm[p2]);
  g_free (sc->network_geojson);
  g_free (sc->feed_base);
  g_free (sc);
}

static void
open_year_free (gpointer p)
{
  TnetServeOpenYear *oy = p;
  if (oy->cch)
    tnet_cch_unref (oy->cch);
  tnet_graph_unref (oy->car);
  g_free (oy);
}

/* The CCH of @year's open car graph when @car is that graph with arcs left
 * out (a scenario's closures), built on the first call that needs it and
 * kept; NULL (and no error) when @car is the open graph itself or not a
 * part of it. Thread-safe: one build, later callers wait for it. */
static TnetCCH *
open_year_cch (TnetServe *srv, int year, const TnetGraph *car, GError **error)
{
  g_mutex_lock (&srv->base_lock);
  TnetServeOpenYear *oy = g_hash_table_lookup (srv->open_years, GINT_TO_POINTER (year));
  if (oy == NULL)
    {
      g_autoptr (TnetScenario) open = tnet_scenario_new (year);
      TnetGraph *g = tnet_graph_compile_modes (srv->net, open, TNET_MODES_ROAD
                                               | TNET_MODE_BIT (TNET_MODE_ACCESS),
                                               NULL, NULL, error);
      if (g == NULL)
        {
          g_mutex_unlock (&srv->base_lock);
          return NULL;
        }
      oy = g_new0 (TnetServeOpenYear, 1);
      oy->car = g;
      g_hash_table_insert (srv->open_years, GINT_TO_POINTER (year), oy);
    }
  TnetCCH *cch = NULL;
  if (tnet_graph_n_nodes (car) == tnet_graph_n_nodes (oy->car)
      && tnet_graph_n_arcs (car) < tnet_graph_n_arcs (oy->car))
    {
      if (oy->cch == NULL)
        oy->cch = tnet_cch_new (oy->car, error);
      cch = oy->cch ? tnet_cch_ref (oy->cch) : NULL;
    }
  g_mutex_unlock (&srv->base_lock);
  return cch;
}

/* The hierarchy of @sc's car graph: a scenario that closes links of its
 * year customises the year's open CCH (open_year_cch()), the CCH costing
 * about one build for all the scenarios of that year, each customisation a
 * few percent of a build (bench/README.md); any other scenario, or one
 * whose graph is not the open one with arcs left out, builds its own. */
static gboolean
scenario_ch (TnetServe *srv, TnetServeScenario *sc, GError **error)
{
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr (TnetCCH) cch = open_year_cch (srv, tnet_scenario_get_year (sc->scen), sc->car,
                                           error);
  if (cch == NULL && error && *error)
    return FALSE;
  if (cch)
    {
      GError *local = NULL;
      sc->ch = tnet_cch_customize_subgraph (cch, sc->time, &local);
      sc->ch_customized = sc->ch != NULL;
      if (sc->ch == NULL && !g_error_matches (local, TNET_ERROR, TNET_ERROR_INVALID_INPUT))
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      g_clear_error (&local);   /* not a part of the open graph: built below */
    }
  if (sc->ch == NULL)
    sc->ch = tnet_ch_build (sc->time, NULL, error);
  sc->ch_ms = (g_get_monotonic_time () - t0) / 1000.0;
  return sc->ch != NULL;
}

static TnetServeScenario *
scenario_new (TnetServe *srv, const char *spec, GError **error)
{
  g_autoptr (TnetScenario) scen = NULL;
  g_autofree char *name = NULL;
  gint64 year;
  if (g_ascii_string_to_signed (spec, 10, 1900, 2100, &year, NULL))
    {
      scen = tnet_scenario_new ((int) year);
      name = g_strdup (spec);
    }
  else
    {
      g_autofree char *netdir = NULL;
      scen = tnet_cli_load_scenario_file (spec, &netdir, error);
      if (scen == NULL)
        return NULL;
      if (tnet_scenario_get_year (scen) == 0)
        tnet_scenario_set_year (scen, tnet_dataset_get_scenario_year (srv->ds));
      g_autofree char *base = g_path_get_basename (spec);
      name = g_str_has_suffix (base, ".ini") ? g_strndup (base, strlen (base) - 4)
                                             : g_strdup (base);
    }
  if (!tnet_dataset_validate_scenario (srv->ds, scen, error))
    return NULL;
  TnetServeScenario *sc = g_new0 (TnetServeScenario, 1);
  sc->name = g_steal_pointer (&name);
  sc->spec = g_strdup (spec);
  sc->scen = g_steal_pointer (&scen);
  sc->car = tnet_graph_compile_modes (srv->net, sc->scen,
                                      TNET_MODES_ROAD | TNET_MODE_BIT (TNET_MODE_ACCESS),
                                      &sc->time, &sc->length, error);
  if (sc->car == NULL || !scenario_ch (srv, sc, error))
    {
      scenario_free (sc);
      return NULL;
    }
  sc->network_geojson = tnet_geojson_network (srv->net, sc->scen);
  return sc;
}

static void
workspace_free (gpointer p)
{
  TnetServeWorkspace *ws = p;
  TnetServe *srv = the_server;
  for (guint i = 0; i < srv->scenarios->len; i++)
    {
      tnet_search_free (ws->search[i]);
      tnet_ch_query_free (ws->ch[i]);
    }
  for (guint i = 0; i < 3 * srv->scenarios->len; i++)
    if (ws->mm_search[i])
      tnet_search_free (ws->mm_search[i]);
  g_free (ws->search);
  g_free (ws->ch);
  g_free (ws->mm_search);
  g_free (ws);
}

static void
serve_free (TnetServe *srv)
{
  if (srv->pool)
    g_thread_pool_free (srv->pool, FALSE, TRUE);
  if (srv->workspaces)
    {
      TnetServeWorkspace *ws;
      while ((ws = g_async_queue_try_pop (srv->workspaces)))
        workspace_free (ws);
      g_async_queue_unref (srv->workspaces);
    }
  tnet_serve_guard_free (srv->guard);
  g_clear_object (&srv->server);
  if (srv->loop)
    g_main_loop_unref (srv->loop);
  g_ptr_array_unref (srv->scenarios);
  g_hash_table_unref (srv->timetables);
  g_hash_table_unref (srv->unwritten);
  g_mutex_clear (&srv->lock);
  g_mutex_clear (&srv->tt_lock);
  g_hash_table_unref (srv->open_years);
  g_mutex_clear (&srv->base_lock);
  tnet_dataset_free (srv->ds);
  g_free (srv->data_dir);
  g_free (srv);
  if (static_files)
    g_hash_table_unref (static_files);
  static_files = NULL;
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Whether the scenario file @path serves the folder @dir: it names no
 * network (it then takes the served one) or names @dir itself. */
static gboolean
file_serves_folder (const char *path, const char *dir)
{
  g_autoptr (TnetScenarioFile) sf = tnet_scenario_file_load (path, NULL);
  if (sf == NULL)
    return TRUE;   /* scenario_new() reports why it cannot be read */
  const char *net = tnet_scenario_file_get_network_dir (sf);
  if (net == NULL)
    return TRUE;
  g_autofree char *a = realpath (net, NULL);
  g_autofree char *b = realpath (dir, NULL);
  return a && b && strcmp (a, b) == 0;
}

/* The scenario files of the data folder, for the picker when no
 * --scenario is given: DIR/ *.ini and DIR/scenarios/ *.ini with a
 * [scenario] group (plan.ini has none), in name order; a file made for
 * another network is left out with a note. */
static void
folder_scenario_files (const char *dir, gboolean quiet, GPtrArray *specs)
{
  static const char *const subs[] = { "", "scenarios" };
  for (guint s = 0; s < G_N_ELEMENTS (subs); s++)
    {
      g_autofree char *path = g_build_filename (dir, subs[s], NULL);
      GDir *d = g_dir_open (path, 0, NULL);
      if (d == NULL)
        continue;
      g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
      const char *name;
      while ((name = g_dir_read_name (d)) != NULL)
        {
          if (!g_str_has_suffix (name, ".ini"))
            continue;
          char *file = g_build_filename (path, name, NULL);
          g_autoptr (GKeyFile) kf = g_key_file_new ();
          if (g_file_test (file, G_FILE_TEST_IS_REGULAR)
              && g_key_file_load_from_file (kf, file, G_KEY_FILE_NONE, NULL)
              && g_key_file_has_group (kf, "scenario"))
            g_ptr_array_add (found, file);
          else
            g_free (file);
        }
      g_dir_close (d);
      g_ptr_array_sort (found, compare_paths);
      for (guint i = 0; i < found->len; i++)
        {
          const char *file = found->pdata[i];
          if (file_serves_folder (file, dir))
            g_ptr_array_add (specs, g_strdup (file));
          else if (!quiet)
            g_printerr ("tnet serve: note: %s is a scenario of another network; not served\n",
                        file);
        }
    }
}

static int
serve (TnetServe *srv, GOptionContext *ctx, char **scenarios, const char *host, int port,
       gboolean quiet)
{
  GError *error = NULL;
  srv->ds = tnet_dataset_load (srv->data_dir, NULL, &error);
  if (srv->ds == NULL)
    return tnet_cli_fail (NULL, error);
  tnet_cli_register_dataset (srv->ds);
  srv->net = tnet_dataset_get_network (srv->ds);

  g_autoptr (GPtrArray) specs = g_ptr_array_new_with_free_func (g_free);
  guint n_discovered = 0;   /* the last specs: files found in the folder */
  for (guint i = 0; scenarios && scenarios[i]; i++)
    g_ptr_array_add (specs, g_strdup (scenarios[i]));
  if (specs->len == 0)
    {
      guint n_years = 0;
      const int *years = tnet_dataset_get_feed_years (srv->ds, &n_years);
      for (guint i = 0; i < n_years; i++)
        g_ptr_array_add (specs, g_strdup_printf ("%d", years[i]));
      if (n_years == 0)
        g_ptr_array_add (specs, g_strdup_printf ("%d", tnet_dataset_get_scenario_year (srv->ds)));
      n_discovered = specs->len;
      folder_scenario_files (srv->data_dir, quiet, specs);
      n_discovered = specs->len - n_discovered;
    }
  for (guint i = 0; i < specs->len; i++)
    {
      if (!quiet)
        g_printerr ("tnet serve: scenario %s: graphs and contraction hierarchy…\n",
                    (char *) specs->pdata[i]);
      gint64 t0 = g_get_monotonic_time ();
      TnetServeScenario *sc = scenario_new (srv, specs->pdata[i], &error);
      if (sc && !quiet)
        g_printerr ("tnet serve: scenario %s: ready in %.0f ms (car hierarchy %s in %.0f ms)\n",
                    (char *) specs->pdata[i], (g_get_monotonic_time () - t0) / 1000.0,
                    sc->ch_customized ? "customised from the year's open network" : "built",
                    sc->ch_ms);
      if (sc == NULL && i >= specs->len - n_discovered)
        {
          /* a file found in the folder, not asked for: left out, not fatal */
          g_printerr ("tnet serve: warning: %s not served: %s\n", (char *) specs->pdata[i],
                      error->message);
          g_clear_error (&error);
          continue;
        }
      if (sc == NULL)
        return tnet_cli_fail (NULL, error);
      if (i < specs->len - n_discovered)
        srv->default_scenario = srv->scenarios->len;
      g_ptr_array_add (srv->scenarios, sc);
    }

  srv->workspaces = g_async_queue_new ();
  for (guint t = 0; t < srv->n_threads; t++)
    {
      TnetServeWorkspace *ws = g_new0 (TnetServeWorkspace, 1);
      ws->search = g_new0 (TnetSearch *, srv->scenarios->len);
      ws->ch = g_new0 (TnetCHQuery *, srv->scenarios->len);
      ws->mm_search = g_new0 (TnetSearch *, 3 * srv->scenarios->len);
      for (guint i = 0; i < srv->scenarios->len; i++)
        {
          TnetServeScenario *sc = g_ptr_array_index (srv->scenarios, i);
          ws->search[i] = tnet_search_new (sc->car);
          ws->ch[i] = tnet_ch_query_new (sc->ch);
        }
      g_async_queue_push (srv->workspaces, ws);
    }
  srv->pool = g_thread_pool_new (worker, srv, (gint) srv->n_threads, FALSE, &error);
  if (srv->pool == NULL)
    return tnet_cli_fail (NULL, error);
  load_static_files ();

  g_autoptr (GInetAddress) inet = g_inet_address_new_from_string (host);
  if (inet == NULL)
    return tnet_cli_usage (ctx, "--host '%s': expected an IP address", host);
  g_autofree char *header = g_strdup_printf ("tnet/%s ", tnet_version_string ());
  srv->server = soup_server_new ("server-header", header, NULL);
  soup_server_add_early_handler (srv->server, NULL, early_handler, srv, NULL);
  soup_server_add_handler (srv->server, NULL, on_request, srv, NULL);
  g_signal_connect (srv->server, "request-finished", G_CALLBACK (on_request_done), srv);
  g_signal_connect (srv->server, "request-aborted", G_CALLBACK (on_request_done), srv);
  guint16 bound = 0;
  srv->guard = tnet_serve_guard_listen (srv->server, inet, (guint16) port, &bound, &error);
  if (srv->guard == NULL)
    return tnet_cli_fail (NULL, error);
  g_autofree char *shown = strchr (host, ':') ? g_strdup_printf ("[%s]", host) : g_strdup (host);
  printf ("tnet serve: listening on http://%s:%u/ (%u threads, %u scenarios)\n", shown, (guint) bound,
          srv->n_threads, srv->scenarios->len);
  fflush (stdout);

  srv->loop = g_main_loop_new (NULL, FALSE);
  guint sig_term = g_unix_signal_add (SIGTERM, on_signal, srv);
  guint sig_int = g_unix_signal_add (SIGINT, on_signal, srv);
  g_main_loop_run (srv->loop);
  g_source_remove (sig_term);
  g_source_remove (sig_int);
  if (srv->drain_timeout_id)
    g_source_remove (srv->drain_timeout_id);
  if (!quiet)
    g_printerr ("tnet serve: stopped after %" G_GUINT64_FORMAT " requests\n", srv->n_requests);
  return TNET_EXIT_OK;
}

int
tnet_cmd_serve (int argc, char **argv)
{
  g_autofree char *data_dir = NULL, *host = NULL;
  g_auto (GStrv) scenarios = NULL;
  int port = 8080, threads = 0;
  double time_limit = 30;
  gboolean quiet = FALSE;
  const GOptionEntry entries[] = {
    { "data", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir,
      "The network folder (default: as every command)", "DIR" },
    { "scenario", 's', 0, G_OPTION_ARG_STRING_ARRAY, &scenarios,
      "A scenario to serve, a year or a scenario file; repeat for more; the last is the "
      "default (default: the years of the folder's GTFS feeds, the last of them the default, "
      "and the scenario files DIR/*.ini and DIR/scenarios/*.ini for this network)",
      "YEAR|FILE" },
    { "host", 0, 0, G_OPTION_ARG_STRING, &host,
      "The address to listen on (default 127.0.0.1, this machine only)", "ADDR" },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, "The port (default 8080; 0: any free port)",
      "PORT" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &threads,
      "Worker threads (default: one per processor)", "N" },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &time_limit,
      "Seconds an analysis may take before it is cancelled with HTTP 503 (default 30; "
      "decimals allowed, e.g. 0.5)",
      "S" },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "No progress on standard error", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) ctx = tnet_cli_context_new (NULL,
    "Answers route, table, isochrone and the other analyses of a network folder\n"
    "over HTTP as JSON, and serves a web map at /. See docs/http.md.", entries);
  int usage = tnet_cli_parse (ctx, &argc, &argv, 0);
  if (usage != TNET_EXIT_OK)
    return usage;
  if (port < 0 || port > 65535)
    return tnet_cli_usage (ctx, "--port: expected 0..65535");
  if (threads < 0 || threads > 256)
    return tnet_cli_usage (ctx, "--threads: expected 1..256");
  if (!(time_limit >= 0.01 && time_limit <= 3600))
    return tnet_cli_usage (ctx, "--time-limit: expected 0.01..3600 seconds");

  TnetCliCommon common = { 0 };
  common.data_dir = g_steal_pointer (&data_dir);
  TnetServe *srv = g_new0 (TnetServe, 1);
  the_server = srv;
  srv->data_dir = tnet_cli_data_dir (&common);
  tnet_cli_common_clear (&common);
  srv->n_threads = threads > 0 ? (guint) threads : MAX (1u, g_get_num_processors ());
  srv->time_limit_s = time_limit;
  srv->scenarios = g_ptr_array_new_with_free_func (scenario_free);
  srv->timetables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) tnet_serve_timetable_free);
  srv->unwritten = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  g_mutex_init (&srv->lock);
  g_mutex_init (&srv->tt_lock);
  srv->open_years = g_hash_table_new_full (NULL, NULL, NULL, open_year_free);
  g_mutex_init (&srv->base_lock);
  int rc = serve (srv, ctx, scenarios, host ? host : "127.0.0.1", port, quiet);
  serve_free (srv);
  the_server = NULL;
  return rc;
}
