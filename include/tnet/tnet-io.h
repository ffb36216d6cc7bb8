/* tnet-io.h: readers and writers of networks and graphs. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>
#include <tnet/tnet-graph.h>

G_BEGIN_DECLS

/**
 * tnet_network_load_csv:
 * Loads `nodes.csv` and `links.csv` from folder @dir (docs/data-format.md) and
 * remembers @dir for the optional files. Validation is strict; the first
 * problem fails the whole load with %TNET_ERROR_INVALID_INPUT (or
 * %TNET_ERROR_IO) and a message "FILE:LINE:COLUMN: what was expected".
 * Nothing half-loaded is returned.
 * `link_geometry.csv` (`id,geometry`, a WKT LINESTRING per link), when the
 * folder has one, gives links their polylines (tnet_network_link_geometry()).
 * Thread-safety: reentrant (reads only the files).
 * Time complexity: O(size of the files).
 */
TNET_API TnetNetwork *tnet_network_load_csv (const char *dir, GError **error);

/* Writes nodes.csv and links.csv of @net into @dir (created if needed), and
 * link_geometry.csv when some link has a polyline (coordinates to 1e-7
 * degree; a stale one is removed otherwise). Numbers are written in the C
 * locale (15 significant digits, 17 when 15 do not read back to the same
 * double); a link's `time_min` is tnet_weight_to_min() of its time_ms. Errors: %TNET_ERROR_IO naming the folder or file that cannot be
 * created, written or removed; files written before the failure stay.
 * Thread-safety: reads @net only (two calls must not write one folder).
 * Time complexity: O(n + m + polyline points). */
TNET_API gboolean tnet_network_save_csv (const TnetNetwork *net, const char *dir,
                                         GError **error);

/**
 * TnetArcList:
 * A plain arc list as read from DIMACS files; ids are 0-based (DIMACS's are
 * 1-based). @lonlat is NULL unless a .co file was read (then 2*n_nodes
 * values, degrees). Free with tnet_arc_list_free().
 */
typedef struct {
  guint n_nodes;
  guint n_arcs;
  TnetId *tails;
  TnetId *heads;
  TnetWeight *weights;
  double *lonlat;
} TnetArcList;

/**
 * tnet_dimacs_load:
 * Reads a 9th-DIMACS-challenge `.gr` file (`p sp N M`, `a U V W` lines) and,
 * when @co_path is not NULL, its `.co` file (`p aux sp co N`, `v ID X Y`,
 * coordinates in millionths of a degree). Every malformed line, id out of
 * range, negative or too large weight, or arc count mismatch fails with a
 * located error (%TNET_ERROR_INVALID_INPUT "FILE:LINE:COLUMN: …"; %TNET_ERROR_IO
 * for a file that cannot be read).
 * Thread-safety: reentrant (reads only the files).
 * Time complexity: O(size of the files).
 */
TNET_API TnetArcList *tnet_dimacs_load (const char *gr_path, const char *co_path,
                                        GError **error);

/**
 * tnet_dimacs_load_topology:
 * @path: an uncompressed PACE 2016 road topology (`p tw N M`, then one
 *   undirected edge `U V` per line, 1-based ids; `c` lines are comments)
 * @seed: seed of the weights
 * @max_weight: largest weight, 1 .. TNET_WEIGHT_MAX
 *
 * Reads an unweighted topology and gives it seeded random weights: for the
 * k-th edge line (file order), one draw of g_rand_int_range() in
 * [1, @max_weight] from a GRand seeded with @seed; the edge becomes arc 2k
 * (U -> V) and arc 2k+1 (V -> U), both with that weight. The same file,
 * seed and @max_weight always give the same arc list. Errors as
 * tnet_dimacs_load(); M must stay below 2^30.
 * Thread-safety: reentrant (its own GRand).
 * Time complexity: O(size of the file).
 */
TNET_API TnetArcList *tnet_dimacs_load_topology (const char *path, guint32 seed,
                                                 TnetWeight max_weight, GError **error);
/* Frees the list and its arrays; %NULL is ignored. Errors: none.
 * Thread-safety: single owner. Time complexity: O(1). */
TNET_API void tnet_arc_list_free (TnetArcList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetArcList, tnet_arc_list_free)

/**
 * TnetCsvWriter:
 * Builds a CSV table in memory, one field at a time, with RFC 4180 quoting:
 * a field holding a comma, a double quote, CR or LF is written in double
 * quotes with every quote doubled; so is a field starting with '#' (tnet's
 * table reader skips such lines as comments) or starting or ending with a
 * blank (readers that trim would lose it). Any other field, including any
 * UTF-8 text, is written as it is. Fields are separated by ',', rows end
 * with a single LF (RFC 4180 names CRLF; every reader tnet knows, its own
 * included, accepts LF). Every `--format csv` output of the `tnet` command
 * and every CSV file `tnet run` writes goes through this writer.
 * Single-owner, not thread-safe: one writer per thread.
 */
typedef struct _TnetCsvWriter TnetCsvWriter;

/**
 * tnet_csv_append_field:
 * @out: the text to append to
 * @text: (nullable): one field value, UTF-8; NULL is written as an empty field
 *
 * Appends @text to @out as one CSV field, quoted as #TnetCsvWriter says
 * (no separator). For callers that assemble rows themselves.
 * Errors: none. Thread-safety: touches only @out.
 * Time complexity: O(length of @text).
 */
TNET_API void tnet_csv_append_field (GString *out, const char *text);

/**
 * tnet_csv_writer_new:
 * @header: (nullable): NULL-terminated column names, written as the first
 *   row; NULL: no header row
 *
 * A new, empty table (plus its header row). Free with
 * tnet_csv_writer_free() or take the text with
 * tnet_csv_writer_free_to_string(). Cannot fail.
 * Errors: none. Thread-safety: reentrant; the writer is single-owner, as
 * are all the tnet_csv_writer_*() calls below (one writer per thread; none
 * of them sets an error, and a %NULL writer is a programming error).
 * Time complexity: O(size of @header).
 */
TNET_API TnetCsvWriter *tnet_csv_writer_new (const char *const *header);

/**
 * tnet_csv_writer_add_text:
 * Adds a text field (NULL: an empty field) to the current row.
 * Errors: none. Thread-safety: as the writer (single owner).
 * Time complexity: O(length of @text) amortised.
 */
TNET_API void tnet_csv_writer_add_text (TnetCsvWriter *w, const char *text);

/**
 * tnet_csv_writer_add_number:
 * @decimals: digits after the point (fixed notation, at most 17), or -1
 *   for the shortest decimal form that reads back to the same double
 *
 * Adds a number field, '.' as the decimal point whatever the locale; NaN
 * and infinities are written as an empty field (no value).
 * Errors: none. Thread-safety: as the writer (single owner; the process
 * locale is neither read nor changed).
 * Time complexity: O(1) amortised.
 */
TNET_API void tnet_csv_writer_add_number (TnetCsvWriter *w, double value, int decimals);

/**
 * tnet_csv_writer_add_int:
 * Adds an integer field.
 * Errors: none. Thread-safety: as the writer (single owner).
 * Time complexity: O(1) amortised.
 */
TNET_API void tnet_csv_writer_add_int (TnetCsvWriter *w, gint64 value);

/**
 * tnet_csv_writer_end_row:
 * Ends the current row (a row with no field is an empty line).
 * Errors: none. Thread-safety: as the writer (single owner).
 * Time complexity: O(1) amortised.
 */
TNET_API void tnet_csv_writer_end_row (TnetCsvWriter *w);

/**
 * tnet_csv_writer_peek:
 * The text written so far; a view valid until the next call on @w.
 * Errors: none. Thread-safety: as the writer (single owner).
 * Time complexity: O(1).
 */
TNET_API const char *tnet_csv_writer_peek (const TnetCsvWriter *w);

/**
 * tnet_csv_writer_free_to_string:
 * Frees @w and returns its text (newly allocated, g_free() it).
 * Errors: none. Thread-safety: as the writer (single owner).
 * Time complexity: O(1).
 */
TNET_API char *tnet_csv_writer_free_to_string (TnetCsvWriter *w);

/* Frees @w and its text; NULL is allowed. Errors: none. Thread-safety: as
 * the writer (single owner). Time complexity: O(1). */
TNET_API void tnet_csv_writer_free (TnetCsvWriter *w);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetCsvWriter, tnet_csv_writer_free)

/* ------------------------------------------------------------ JSON text */

/* json-glib's tree node (<json-glib/json-glib.h>); declared here so that
 * this header needs only GLib (C11 allows the typedef to be repeated). */
typedef struct _JsonNode JsonNode;

/**
 * tnet_json_to_text:
 * The JSON text of @root as tnet writes every document: json-glib's
 * generator (pretty, @indent spaces a level, when @indent > 0; on one line
 * when 0), a newline at the end, and each number that is not an integer
 * written as the shortest decimal that reads back as the same double
 * (json-glib writes 17 significant digits: 284.80000000000001 becomes
 * 284.8, 0.1 + 0.2 stays 0.30000000000000004), in plain notation for
 * magnitudes from 1e-4 to below 1e15 and in exponent form (1e-07, 1e+300)
 * elsewhere; a whole double keeps a visible fraction (2.0), integers and
 * strings are left as json-glib writes them. Newly allocated; g_free() it.
 * Errors: none (a NULL @root is a programming error: NULL).
 * Thread-safety: reentrant; reads @root, which no other thread may change
 * meanwhile.
 * Time complexity: O(length of the text).
 */
TNET_API char *tnet_json_to_text (JsonNode *root, guint indent);

G_END_DECLS
