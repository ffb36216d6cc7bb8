/* tnet-core.h: error domain, ids, weights and the progress callback. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <glib.h>
#include <stdint.h>

G_BEGIN_DECLS

#if defined(_WIN32)
#define TNET_API __declspec(dllexport)
#else
#define TNET_API __attribute__((visibility("default")))
#endif

/**
 * TnetWeight:
 * A travel time in milliseconds (or, for a length metric, metres).
 * %TNET_WEIGHT_INF marks "unreached"; it is INT32_MAX so that INF + w never
 * wraps in uint32_t for any valid arc weight w <= TNET_WEIGHT_MAX.
 */
typedef uint32_t TnetWeight;
#define TNET_WEIGHT_INF ((TnetWeight) INT32_MAX)
/* The largest weight one arc may carry (about 24.8 days in ms). */
#define TNET_WEIGHT_MAX ((TnetWeight) (INT32_MAX - 1))

/**
 * SECTION:units
 * One unit for time across the C API (docs/api.md):
 *
 * * Every **duration** a function takes or returns, or a struct of the C
 *   API holds (budgets, cutoffs, walk limits, departure windows, waits,
 *   park times, headways, transfer times, travel times) is a #TnetWeight
 *   in milliseconds and its name ends in `_ms` (`budget_ms`,
 *   `max_walk_ms`, `window_ms`, tnet_commute_budget_ms()). A value read
 *   in minutes or seconds (a command-line option, an INI key, a CSV
 *   column, a keyword argument) is converted once, where it is read, with
 *   tnet_weight_from_min() or tnet_weight_from_s(); an output that
 *   speaks minutes converts back with tnet_weight_to_min().
 * * A **clock time** (a time of day on a service date, as GTFS counts it,
 *   which may pass 24:00:00) is a signed count of whole seconds after
 *   midnight of that date, and its name ends in `_s` (`depart_s`,
 *   `first_depart_s`, `start_s`); its comment says "seconds after
 *   midnight". Outside the GTFS model below, no name ending in `_s` is a
 *   duration.
 * * The **GTFS model and the timetable kernel** (tnet-feed.h,
 *   tnet-timetable.h) keep the feed's own clock: whole seconds, for its
 *   clock times and for the durations measured on that clock (a pattern's
 *   headway, run and dwell times, transfers.txt's min_transfer_time, a
 *   journey's legs and walks); those names end in `_s` and their comments
 *   say "seconds" (a duration measured) or "seconds after midnight" (a
 *   clock time). What that layer is given as a budget (walk limits,
 *   change, drive and park times) is milliseconds like every other
 *   (`max_walk_ms`), rounded to its seconds inside; results leave it in
 *   milliseconds (tnet_commute_cell(), the matrices of #TnetCommute).
 * * Lengths are metres (`_m`), speeds km/h (`_kmh`). What users read and
 *   write (JSON, CSV, text, plan.ini and scenario keys, command-line
 *   options, Python keyword arguments) keeps its documented unit, mostly
 *   minutes: only the C API is in milliseconds (docs/api.md).
 */

/**
 * tnet_weight_from_min:
 * @minutes: a duration in minutes, >= 0 (%INFINITY allowed)
 *
 * @minutes in milliseconds, rounded to the nearest millisecond; a value
 * of %TNET_WEIGHT_INF ms or more (%INFINITY included) gives
 * %TNET_WEIGHT_INF, "no limit". tnet_weight_from_s() does the same from
 * seconds.
 * Errors: none; a negative value or NAN is a programming error (0).
 * Thread-safety: pure. Time complexity: O(1).
 */
TNET_API TnetWeight tnet_weight_from_min (double minutes);
TNET_API TnetWeight tnet_weight_from_s (double seconds);

/**
 * tnet_weight_to_min:
 * @ms: a duration in milliseconds
 *
 * @ms in minutes (tnet_weight_to_s(): in seconds), exact up to the
 * rounding of a double; %TNET_WEIGHT_INF gives %INFINITY.
 * Errors: none.
 * Thread-safety: pure. Time complexity: O(1).
 */
TNET_API double tnet_weight_to_min (TnetWeight ms);
TNET_API double tnet_weight_to_s (TnetWeight ms);

/* Dense internal index of a node, link or arc. */
typedef uint32_t TnetId;
#define TNET_ID_NONE ((TnetId) UINT32_MAX)

/**
 * TnetError:
 * @TNET_ERROR_INVALID_INPUT: a file or value is malformed or inconsistent
 *   (the message names file, line and column)
 * @TNET_ERROR_IO: a file could not be opened or read
 * @TNET_ERROR_NOT_FOUND: a named node, link, line, region or hub does not exist
 * @TNET_ERROR_TOO_LARGE: an input exceeds a documented limit
 * @TNET_ERROR_IGRAPH: igraph reported a failure (its reason is in the message)
 * @TNET_ERROR_UNSUPPORTED: a valid request tnet cannot serve
 * @TNET_ERROR_FAILED: anything else
 */
typedef enum {
  TNET_ERROR_INVALID_INPUT = 1,
  TNET_ERROR_IO,
  TNET_ERROR_NOT_FOUND,
  TNET_ERROR_TOO_LARGE,
  TNET_ERROR_IGRAPH,
  TNET_ERROR_UNSUPPORTED,
  TNET_ERROR_FAILED,
} TnetError;

#define TNET_ERROR (tnet_error_quark ())
/* The TNET_ERROR domain (g_quark_from_static_string(), interned once).
 * Errors: none. Thread-safe. Time complexity: O(1) expected. */
TNET_API GQuark tnet_error_quark (void);

/* GIO's cancellable (<gio/gio.h>), which the long operations take to be
 * stopped; declared here so that the headers need only GLib (C11 allows
 * the typedef to be repeated). */
typedef struct _GCancellable GCancellable;

/**
 * TnetProgressFunc:
 * @done: units of work done so far
 * @total: units in all (0 when unknown)
 * @what: a short label for the work ("CH build", "criticality scan",
 *   "OSM import")
 * @unit: what @done and @total count ("nodes", "origins", "nodes and ways",
 *   "step")
 * @user_data: the caller's pointer
 *
 * Called from the thread that started the work, never per edge or per
 * query; at most a few hundred times per operation. It only reports: to
 * stop an operation, cancel the #GCancellable given to it (from this
 * callback or from any thread); the operation then fails with
 * %G_IO_ERROR_CANCELLED in the G_IO_ERROR domain.
 */
typedef void (*TnetProgressFunc) (guint64 done, guint64 total, const char *what,
                                  const char *unit, gpointer user_data);

/* Version of the library the program runs with (not the headers), a static
 * string. Errors: none. Thread-safe. Time complexity: O(1). */
TNET_API const char *tnet_version_string (void);

G_END_DECLS
