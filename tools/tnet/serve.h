/* serve.h: the state of `tnet serve` shared by its files (cmd-serve.c: the
 * server, its requests and static files; serve-api.c: the JSON endpoints).
 *
 * Threads: the SoupServer and everything in TnetServe that is not marked
 * otherwise belong to the thread running the default main context. Workers
 * of the pool only read the dataset and the per-scenario graphs (immutable
 * once built), take a workspace from @workspaces and give it back, and
 * hand their answer to the main context (g_main_context_invoke()). */
#pragma once

#include "cli.h"
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Request limits (docs/http.md). */
#define TNET_SERVE_MAX_QUERY 16384        /* bytes of the query string */
#define TNET_SERVE_MAX_REQUEST_LINE 20480 /* bytes of the request line (414 beyond) */
#define TNET_SERVE_MAX_HEADERS 32768      /* bytes of the header lines (431 beyond) */
#define TNET_SERVE_MAX_TABLE_CELLS 250000 /* sources × destinations */
#define TNET_SERVE_MAX_LIST 1000          /* ids in sources or destinations */
#define TNET_SERVE_MAX_TIMETABLES 16     /* (scenario, date) timetables kept */
#define TNET_SERVE_MAX_REPORT_DRAWS 1000  /* /report?uncertainty= */

/* serve-guard.c: the listening socket, with request heads bounded before
 * libsoup reads them. A head over a limit reaches the handler as a GET of
 * a guard path, for which tnet_serve_guard_status() gives 414 or 431
 * (else 0). Main thread. */
typedef struct _TnetServeGuard TnetServeGuard;
TnetServeGuard *tnet_serve_guard_listen (SoupServer *server, GInetAddress *host, guint16 port,
                                         guint16 *bound_port, GError **error);
guint tnet_serve_guard_status (const TnetServeGuard *guard, const char *path);
/* Stops accepting connections (those accepted stay with libsoup). */
void tnet_serve_guard_stop (TnetServeGuard *guard);
void tnet_serve_guard_free (TnetServeGuard *guard);

/* One scenario the server answers for. */
typedef struct {
  char *name;             /* the name in ?scenario= (a year, or a file's base name) */
  char *spec;             /* what --scenario of the CLI takes (year or path) */
  TnetScenario *scen;
  TnetGraph *car;         /* car graph (roads and access links) */
  TnetMetric *time, *length;
  TnetCH *ch;             /* CH of @time, for /table: built, or customised from
                             the year's open CCH when the scenario closes links */
  gboolean ch_customized; /* @ch came from the year's TnetServeOpenYear */
  double ch_ms;           /* time to make @ch (the CCH's build included when
                             this scenario was the first to need it) */
  TnetMultimodal *mm[3];  /* per TnetProfile, built on first use under @lock */
  char *feed_base;        /* file name of the feed of mm[transit|park_and_ride]
                             (NULL: none), set with them under @lock */
  char *network_geojson;  /* /network answer, built at start */
} TnetServeScenario;

/* A year's car graph with nothing closed: the base whose customizable
 * hierarchy every served scenario that closes links of that year
 * customises (tnet_cch_customize_subgraph()) instead of contracting its
 * own. Made on the first such scenario, under TnetServe's base_lock. */
typedef struct {
  TnetGraph *car;         /* the year's open car graph (roads and access links) */
  TnetCCH *cch;           /* its CCH: NULL until a scenario with closures needs it */
} TnetServeOpenYear;

/* The scratch of one worker: one search and one CH query per scenario,
 * and a search over each multimodal graph, made on first use. */
typedef struct {
  TnetSearch **search;
  TnetCHQuery **ch;
  TnetSearch **mm_search;   /* [scenario * 3 + TnetProfile], over mm[] or NULL */
} TnetServeWorkspace;

/* The timetable of a scenario year's feed for one service date, loaded on
 * first use and kept (at most TNET_SERVE_MAX_TIMETABLES) for the server's
 * life; the workers only read it. */
typedef struct {
  TnetTimetable *tt;
  GPtrArray *feeds;         /* TnetFeed: @tt borrows their names and ids */
  char *feed_name;          /* the feeds' file names joined by '+' */
  GAsyncQueue *raptors;     /* idle TnetRaptor workspaces of @tt: a worker pops
                               one (or makes one) and pushes it back */
} TnetServeTimetable;

typedef struct {
  TnetDataset *ds;
  const TnetNetwork *net;
  char *data_dir;
  GPtrArray *scenarios;       /* TnetServeScenario */
  guint default_scenario;       /* index of the default: the last one asked for (or of
                                 * the feed years), not a file found in the folder */
  guint n_threads;
  double time_limit_s;        /* per analysis (> 0); beyond it HTTP 503 */
  GThreadPool *pool;
  GAsyncQueue *workspaces;    /* TnetServeWorkspace, n_threads of them */
  SoupServer *server;
  TnetServeGuard *guard;
  GMainLoop *loop;
  guint in_flight;            /* requests paused while computed */
  guint64 answered;           /* paused requests finished since the start */
  GHashTable *unwritten;      /* SoupServerMessage (ref) paused, until libsoup has
                                 written or dropped its answer */
  gboolean draining;          /* SIGTERM received: finish, then quit */
  guint drain_timeout_id;     /* the bound on draining, once it began */
  GMutex lock;                /* guards mm[] and feed_base of the scenarios */
  GMutex tt_lock;             /* guards @timetables (held while one loads) */
  GHashTable *timetables;     /* "YEAR:YYYYMMDD" (0: the busiest day) →
                                 TnetServeTimetable */
  GMutex base_lock;           /* guards @open_years */
  GHashTable *open_years;     /* GINT_TO_POINTER (year) → TnetServeOpenYear */
  guint64 n_requests;
} TnetServe;

/* A request being answered. Created by the main thread, computed by a
 * worker, answered and freed by the main thread. */
typedef struct {
  TnetServe *srv;
  SoupServerMessage *msg;
  char *endpoint;
  GHashTable *query;           /* owned copy: name → value */
  TnetServeScenario *sc;
  gint64 deadline_us;          /* g_get_monotonic_time() limit */
  guint status;                /* the answer, set by the computation */
  char *body;
  const char *content_type;
  GArray *sources;             /* /table: the TnetIds validated by prepare */
  GArray *destinations;
  gint gone;                   /* the client disconnected while paused (atomic:
                                  set by the main thread, read by the worker) */
  gulong disconnected_id;
} TnetServeJob;

/* Validates the query of @job's endpoint and either answers at once
 * (setting @job->status) or leaves 0 to have the job computed by
 * tnet_serve_api_compute() in a worker. Main thread. */
void tnet_serve_api_prepare (TnetServeJob *job);
/* Computes the answer of a prepared job with the workspace @ws. Worker. */
void tnet_serve_api_compute (TnetServeJob *job, TnetServeWorkspace *ws);

/* The JSON error document {"error": MESSAGE, "parameter": NAME|null}
 * into @job with @status. */
void tnet_serve_job_error (TnetServeJob *job, guint status, const char *parameter,
                           const char *format, ...) G_GNUC_PRINTF (4, 5);

/* Builds the per-profile multimodal graph of @sc on first use (thread-safe). */
const TnetMultimodal *tnet_serve_multimodal (TnetServe *srv, TnetServeScenario *sc,
                                             TnetProfile profile, GError **error);
/* The timetable of @sc's year for the service @date (YYYYMMDD, 0: the
 * feed's busiest day), loaded on first use (thread-safe). *@owned is set
 * when it could not be kept (TNET_SERVE_MAX_TIMETABLES reached): the
 * caller then frees it with tnet_serve_timetable_free(). */
TnetServeTimetable *tnet_serve_timetable (TnetServe *srv, TnetServeScenario *sc, guint date,
                                          gboolean *owned, GError **error);
void tnet_serve_timetable_free (TnetServeTimetable *t);


G_END_DECLS
