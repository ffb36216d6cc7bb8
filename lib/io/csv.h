/* csv.h: the strict RFC 4180 reader shared by every CSV-like loader
 * (network CSV, GTFS, hub and target tables). Internal. */
#pragma once

#include "tnet-internal.h"

typedef struct _TnetCsv TnetCsv;

typedef enum {
  TNET_CSV_ALLOW_COMMENTS = 1 << 0,  /* whole lines starting with '#' are skipped */
} TnetCsvFlags;

/* Reads the whole file; strips a UTF-8 BOM; a non-UTF-8 byte fails with the
 * line and column where it stands. @display_name is what messages show
 * (NULL: the path). An empty file fails ("empty file, expected a header"). */
TnetCsv *tnet_i_csv_open_file (const char *path, const char *display_name,
                               TnetCsvFlags flags, GError **error);
/* Same over a buffer (copied), e.g. a zip member. */
TnetCsv *tnet_i_csv_open_data (const char *display_name, const char *data, gsize len,
                               TnetCsvFlags flags, GError **error);
void tnet_i_csv_free (TnetCsv *csv);
/* A physical line longer than @max_bytes (default 1 MiB) fails the next
 * read with TNET_ERROR_TOO_LARGE. */
void tnet_i_csv_set_max_line (TnetCsv *csv, gsize max_bytes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetCsv, tnet_i_csv_free)

/* Reads the header row (header names are trimmed). A duplicate column
 * name fails. */
gboolean tnet_i_csv_read_header (TnetCsv *csv, GError **error);
/* Number of header columns, and the (trimmed) name of column @col ("" when
 * out of range). */
guint tnet_i_csv_n_columns (const TnetCsv *csv);
const char *tnet_i_csv_column_name (const TnetCsv *csv, int col);
/* Column index of @name, or -1. */
int tnet_i_csv_column (const TnetCsv *csv, const char *name);
/* Fails naming the first missing column (line 1). NULL-terminated list. */
gboolean tnet_i_csv_require (const TnetCsv *csv, const char *const *names, GError **error);
/* A table file as the loaders read it: tnet_i_csv_open_file() with comments
 * allowed, then its header, which must hold the NULL-terminated @required
 * columns. NULL with @error set when any step fails. */
TnetCsv *tnet_i_csv_open_table (const char *path, const char *display_name,
                                const char *const *required, GError **error);

/* One column a loader reads: its header name, whether the header must hold
 * it, and where its index is stored (-1 when the header lacks it). */
typedef struct {
  const char *name;
  gboolean required;
  int *col;
} TnetCsvColumn;
/* Looks up every column of @columns in the header already read, storing the
 * indices; fails at line 1 naming the first required column that is
 * missing, in the order of @columns. */
gboolean tnet_i_csv_bind (const TnetCsv *csv, const TnetCsvColumn *columns, guint n_columns,
                          GError **error);
/* tnet_i_csv_open_table() with the columns of @columns bound. */
TnetCsv *tnet_i_csv_open_columns (const char *path, const char *display_name,
                                  const TnetCsvColumn *columns, guint n_columns,
                                  GError **error);

/* Reads the current row of @csv (its fields, tnet_i_csv_line() ...) for a
 * loader; FALSE with @error set stops the read. */
typedef gboolean (*TnetCsvRowFunc) (TnetCsv *csv, gpointer data, GError **error);
/* tnet_i_csv_open_columns(), then @row on every data row in file order:
 * the loop of a table loader. FALSE with @error set when the file cannot be
 * read, lacks a required column, has a malformed row or @row fails; the
 * rows before the failing one have been handed to @row. */
gboolean tnet_i_csv_read_rows (const char *path, const char *display_name,
                               const TnetCsvColumn *columns, guint n_columns,
                               TnetCsvRowFunc row, gpointer data, GError **error);
/* Reads the next data row: 1 = a row, 0 = end of file, -1 = error (a
 * malformed quote, a row with a different number of fields than the
 * header). Blank lines are skipped. */
int tnet_i_csv_next (TnetCsv *csv, GError **error);
/* Field @col of the current row, "" when @col < 0. Valid until the next row. */
const char *tnet_i_csv_field (const TnetCsv *csv, int col);
guint tnet_i_csv_line (const TnetCsv *csv);               /* 1-based line of the row */
guint tnet_i_csv_field_column (const TnetCsv *csv, int col); /* 1-based character column */
const char *tnet_i_csv_name (const TnetCsv *csv);

/* Sets "NAME:LINE:COL: message" (TNET_ERROR_INVALID_INPUT) for field @col of
 * the current row (col < 0: column 1). */
void tnet_i_csv_error (const TnetCsv *csv, int col, GError **error,
                       const char *format, ...) G_GNUC_PRINTF (4, 5);

/* Typed field readers: on a bad value they set a located error and return
 * FALSE. When the field is empty: @required -> error, else *out = @dflt. */
gboolean tnet_i_csv_double (const TnetCsv *csv, int col, gboolean required,
                            double dflt, double *out, GError **error);
gboolean tnet_i_csv_int (const TnetCsv *csv, int col, gboolean required,
                         gint64 dflt, gint64 *out, GError **error);
/* Field @col, which must not be empty ("expected @what for \"NAME\", got an
 * empty field"); NULL with @error set when it is. */
const char *tnet_i_csv_text (const TnetCsv *csv, int col, const char *what, GError **error);
/* Field @col, or NULL when it is empty or the column is absent. */
const char *tnet_i_csv_opt_text (const TnetCsv *csv, int col);
/* Returns @ok; when it is FALSE, first sets "expected @what for \"NAME\",
 * got \"TEXT\"" at field @col of the current row: the error of a field
 * that is not one of the values the caller knows (a name, a flag, a range). */
gboolean tnet_i_csv_expect (const TnetCsv *csv, int col, gboolean ok, const char *what,
                            GError **error);
/* tnet_i_csv_double(), then a range check: a value outside [@lo, @hi] (or
 * equal to @lo when @lo_open) fails with "expected @what for \"NAME\", got
 * \"TEXT\"" at the field. An empty optional field gives @dflt unchecked. */
gboolean tnet_i_csv_double_in (const TnetCsv *csv, int col, gboolean required, double lo,
                               double hi, gboolean lo_open, const char *what, double dflt,
                               double *out, GError **error);
/* The same for integers in [@lo, @hi]. */
gboolean tnet_i_csv_int_in (const TnetCsv *csv, int col, gboolean required, gint64 lo,
                            gint64 hi, const char *what, gint64 dflt, gint64 *out,
                            GError **error);
