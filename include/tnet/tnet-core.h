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
TNET_API GQuark tnet_error_quark (void);

/**
 * TnetProgressFunc:
 * @done: units of work done so far
 * @total: units in all (0 when unknown)
 * @what: a short label ("CH build", "criticality scan", "OSM import")
 * @user_data: the caller's pointer
 *
 * Called from the thread that started the work, never per edge or per
 * query; at most a few hundred times per operation. Returning %FALSE asks
 * the operation to stop; it then fails with %G_IO_ERROR_CANCELLED in
 * the G_IO_ERROR domain.
 */
typedef gboolean (*TnetProgressFunc) (guint64 done, guint64 total,
                                      const char *what, gpointer user_data);

/* Version of the library the program runs with (not the headers). */
TNET_API const char *tnet_version_string (void);

G_END_DECLS
