/* tnet-zones.h: zone tables — the points (or polygons) that trips start and
 * end at, with their opportunity columns (population, jobs, schools, ...). */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-core.h>

G_BEGIN_DECLS

/**
 * TnetZoneTable:
 * A table of zones: an id, a point (lon/lat, WGS84 degrees) and any number
 * of further columns kept as text (numeric ones read as numbers on demand).
 * Single owner, mutable (tnet_zone_table_set_text()); not thread-safe while
 * being changed, safe to read from several threads otherwise.
 */
typedef struct _TnetZoneTable TnetZoneTable;

/**
 * tnet_zone_table_load:
 * @path: a CSV file (r5r's convention: columns `id`, `lon`, `lat`, then any
 *   columns) or, when the name ends in `.geojson` or `.json`, a GeoJSON
 *   FeatureCollection of Point, Polygon or MultiPolygon features
 *
 * Reads zones. CSV: UTF-8, header row, RFC 4180 quoting, `#` comment lines;
 * `id` non-empty and unique, `lon` in [-180, 180], `lat` in [-90, 90].
 * GeoJSON: a zone's id is the feature's `id` (string or number), else its
 * property `id`; its point is the Point, or the area-weighted centroid of the
 * polygon's outer rings minus its holes (of all parts of a MultiPolygon); its
 * scalar properties become columns (numbers written in their shortest exact
 * form, booleans as true/false, null as empty), in order of first
 * appearance; the property `id` is not repeated as a column.
 *
 * Errors: %TNET_ERROR_IO (cannot read), %TNET_ERROR_INVALID_INPUT naming
 * "FILE:LINE:COLUMN" (CSV) or "FILE: feature N" (GeoJSON) and what was
 * expected (a missing column, a bad number, a duplicate id, an unsupported
 * geometry, a degenerate polygon, no zone at all).
 * Returns: (transfer full): a new table, or %NULL.
 * Thread-safety: reentrant (reads only the file).
 * Time complexity: O(size of the file).
 */
TNET_API TnetZoneTable *tnet_zone_table_load (const char *path, GError **error);
/* Frees the table (%NULL is ignored). A table is single-owner and mutable
 * (add_column, set_text): its readers may run in several threads at once
 * only while nothing changes it. Errors: none. Time complexity: O(zones ×
 * columns). */
TNET_API void tnet_zone_table_free (TnetZoneTable *zones);

/* The readers below set no error; a zone or column out of range is a
 * programming error (g_critical, then %NULL, NAN, "" or FALSE). */

/* The number of zones. Errors: none. Thread-safe while nothing changes
 * the table. Time complexity: O(1). */
TNET_API guint tnet_zone_table_n_zones (const TnetZoneTable *zones);
/* A zone's id and point: views valid until the table is changed or freed.
 * Errors: a zone out of range is a programming error (g_critical, %NULL or
 * NAN). Thread-safe while nothing changes the table. Time complexity: O(1). */
TNET_API const char *tnet_zone_table_id (const TnetZoneTable *zones, guint z);
TNET_API double tnet_zone_table_lon (const TnetZoneTable *zones, guint z);
TNET_API double tnet_zone_table_lat (const TnetZoneTable *zones, guint z);
/* Zone index by id, or G_MAXUINT. Errors: none. Thread-safe while nothing
 * changes the table. O(1) expected (a hash table). */
TNET_API guint tnet_zone_table_find (const TnetZoneTable *zones, const char *id);

/* The further columns (not id, lon, lat): their number and names. Errors:
 * a column out of range is a programming error (g_critical, %NULL).
 * Thread-safe while nothing changes the table. Time complexity: O(1). */
TNET_API guint tnet_zone_table_n_columns (const TnetZoneTable *zones);
TNET_API const char *tnet_zone_table_column_name (const TnetZoneTable *zones, guint col);
/* Column index by name, or -1. Errors: none. Thread-safe while nothing
 * changes the table. Time complexity: O(columns) (a linear scan). */
TNET_API int tnet_zone_table_column (const TnetZoneTable *zones, const char *name);
/* Adds an empty column (or returns the existing one of that name), copying
 * @name. Errors: none. Thread-safety: changes the table (no other call on it
 * meanwhile). Time complexity: O(columns + zones). */
TNET_API guint tnet_zone_table_add_column (TnetZoneTable *zones, const char *name);
/* The text of a cell ("" when empty; a view valid until the cell is set or
 * the table freed), and setting it (copies @text; %NULL: empty). Errors: a
 * zone or column out of range is a programming error (g_critical, "").
 * Thread-safety: text as the readers; set_text changes the table. Time
 * complexity: O(1) (set: O(length of @text)). */
TNET_API const char *tnet_zone_table_text (const TnetZoneTable *zones, guint z, guint col);
TNET_API void tnet_zone_table_set_text (TnetZoneTable *zones, guint z, guint col,
                                        const char *text);
/* The cell as a number: NAN when empty or not a number (read in the C
 * locale). Errors: as tnet_zone_table_text(). Thread-safe while nothing
 * changes the table. Time complexity: O(length of the cell). */
TNET_API double tnet_zone_table_value (const TnetZoneTable *zones, guint z, guint col);
/* TRUE when every non-empty cell of @col is a finite number and one is not
 * empty: such columns are the opportunities. Errors: a column out of range
 * is a programming error (g_critical, FALSE). Thread-safe while nothing
 * changes the table. O(zones). */
TNET_API gboolean tnet_zone_table_column_is_numeric (const TnetZoneTable *zones, guint col);

/**
 * tnet_zone_table_values:
 * Column @name of every zone as numbers (empty cells count 0) into a new
 * array of tnet_zone_table_n_zones() doubles.
 * Errors: %TNET_ERROR_NOT_FOUND when there is no such column (the message
 * lists the numeric ones); %TNET_ERROR_INVALID_INPUT when a cell is not a
 * non-negative number (names the zone).
 * Returns: (transfer full): the array (g_free() it), or %NULL.
 * Thread-safe while nothing changes the table.
 * Time complexity: O(zones + columns); O(zones × columns) for the message
 * of a missing column.
 */
TNET_API double *tnet_zone_table_values (const TnetZoneTable *zones, const char *name,
                                         GError **error);

/* Writes `id,lon,lat,<columns>` to @path (numbers in the C locale).
 * Errors: %TNET_ERROR_IO when @path cannot be written. Thread-safe while
 * nothing changes the table. Time complexity: O(zones × columns + size of
 * the text). */
TNET_API gboolean tnet_zone_table_save_csv (const TnetZoneTable *zones, const char *path,
                                            GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetZoneTable, tnet_zone_table_free)

G_END_DECLS
