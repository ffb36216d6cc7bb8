/* feed-internal.h: what the model layer exports to the layers above it
 * about building a TnetFeed: the GTFS reader (lib/io/gtfs.c) parses the
 * files and reports errors by file, line and column; it hands the rows to
 * a TnetIFeedBuilder, which appends them to the feed's arrays and keeps the
 * model's invariants (ids unique, references in range, each trip's stop
 * times and frequency rows in one block, times running forwards). The
 * feed's layout stays in feed-private.h, which only lib/model includes.
 * Internal: not installed, not part of the API.
 *
 * Thread-safety: a builder is used by one thread at a time; builders of
 * different feeds are independent.
 *
 * Programming errors (an index out of range, an id added twice, rows of a
 * trip out of their block) are caught by g_return_val_if_fail: the reader
 * checks every reference on the row that makes it, so that the user sees
 * where the data is wrong, before it calls the builder. */
#pragma once

#include "tnet-internal.h"
#include <tnet/tnet-feed.h>

/* One stop_times row of a trip, in stop_sequence order: the rows of trip t
 * are stop_times[trip.first_st .. trip.first_st + trip.n_st - 1]. */
typedef struct {
  TnetId stop;
  guint arr_s;         /* arrival, seconds after midnight of the service day */
  guint dep_s;         /* departure, >= arr_s */
  guint8 pickup_type;  /* GTFS value, 0..3 */
  guint8 drop_off_type;
} TnetStopTime;

/* One frequencies.txt row of a trip. */
typedef struct {
  guint start_s;
  guint end_s;          /* exclusive, > start_s */
  guint headway_s;      /* > 0 */
  gboolean exact_times; /* exact_times = 1: departures exactly start + k * headway */
} TnetFrequency;

/* What is wrong with a trip's stop times (tnet_i_feed_builder_end_stop_times()). */
typedef enum {
  TNET_I_STOP_TIMES_OK,
  TNET_I_STOP_TIMES_DEPARTS_BEFORE_ARRIVAL,  /* dep_s < arr_s at the row */
  TNET_I_STOP_TIMES_BACKWARDS,               /* arr_s < the previous row's dep_s */
} TnetIStopTimesFault;

typedef struct _TnetIFeedBuilder TnetIFeedBuilder;

/* A builder of an empty feed named @path (the name its messages give).
 * Copies @path. Free with tnet_i_feed_builder_free() or hand over with
 * tnet_i_feed_builder_finish(). Errors: none. Time complexity: O(1). */
TnetIFeedBuilder *tnet_i_feed_builder_new (const char *path);

/* Frees @builder and the feed it was building; NULL is allowed. Time
 * complexity: O(size of the feed). */
void tnet_i_feed_builder_free (TnetIFeedBuilder *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetIFeedBuilder, tnet_i_feed_builder_free)

/* Adds agency @id (may be "") named @name. A repeat of an id with the same
 * name is ignored (TRUE); with another name it is refused: FALSE, and the
 * feed is unchanged. Copies both strings. Time complexity: O(|id| +
 * |name|) expected. */
gboolean tnet_i_feed_builder_add_agency (TnetIFeedBuilder *builder, const char *id,
                                         const char *name);

/* The index of stop @id, or TNET_ID_NONE when no stop has it. Time
 * complexity: O(|id|) expected. */
TnetId tnet_i_feed_builder_find_stop (const TnetIFeedBuilder *builder, const char *id);

/* The stop of index @stop (a view valid until the next stop is added). */
const TnetFeedStop *tnet_i_feed_builder_stop (const TnetIFeedBuilder *builder, TnetId stop);

/* Appends @stop and returns its index. Its id must be non-empty and new
 * (tnet_i_feed_builder_find_stop()), its parent TNET_ID_NONE (set parents
 * once every stop is in, with tnet_i_feed_builder_set_parent()). Copies
 * the strings. Time complexity: O(|id| + |name|) amortised. */
TnetId tnet_i_feed_builder_add_stop (TnetIFeedBuilder *builder, const TnetFeedStop *stop);

/* Makes @parent the parent station of @stop; both are stop indices, and
 * they differ. Time complexity: O(1). */
void tnet_i_feed_builder_set_parent (TnetIFeedBuilder *builder, TnetId stop, TnetId parent);

/* The index of route @id, or TNET_ID_NONE. Time complexity: O(|id|) expected. */
TnetId tnet_i_feed_builder_find_route (const TnetIFeedBuilder *builder, const char *id);

/* Appends @route and returns its index; its id must be non-empty and new.
 * Copies the strings (NULL ones stay NULL). Time complexity: O(length of
 * the strings) amortised. */
TnetId tnet_i_feed_builder_add_route (TnetIFeedBuilder *builder, const TnetFeedRoute *route);

/* Records that the feed has calendar.txt or calendar_dates.txt: from then
 * on a trip runs only on the days its service says. Time complexity: O(1). */
void tnet_i_feed_builder_set_has_calendar_files (TnetIFeedBuilder *builder);

/* TRUE after tnet_i_feed_builder_set_has_calendar_files(). */
gboolean tnet_i_feed_builder_has_calendar_files (const TnetIFeedBuilder *builder);

/* The index of service @id; when there is none, G_MAXUINT, or with
 * @create a new service without a calendar (it runs on no day but its
 * calendar_dates.txt additions). Copies @id. Time complexity: O(|id|)
 * expected. */
guint tnet_i_feed_builder_service (TnetIFeedBuilder *builder, const char *id,
                                   gboolean create);

/* Gives @service its calendar.txt row: @weekdays (bit 0 = Monday .. bit 6 =
 * Sunday), from @start_date to @end_date (YYYYMMDD, both included). A
 * service that has a calendar keeps it: TRUE when the new one is the same,
 * FALSE (feed unchanged) when it differs. Time complexity: O(1). */
gboolean tnet_i_feed_builder_set_calendar (TnetIFeedBuilder *builder, guint service,
                                           guint8 weekdays, guint start_date,
                                           guint end_date);

/* A calendar_dates.txt row: @service runs on @date (YYYYMMDD) when
 * @exception_type is 1, does not when it is 2; a later row for the same
 * service and date replaces an earlier one. Time complexity: O(1) expected. */
void tnet_i_feed_builder_add_service_date (TnetIFeedBuilder *builder, guint service,
                                           guint date, int exception_type);

/* The index of trip @id, or G_MAXUINT. Time complexity: O(|id|) expected. */
guint tnet_i_feed_builder_find_trip (const TnetIFeedBuilder *builder, const char *id);

/* The id of trip @trip (owned by the feed). Time complexity: O(1). */
const char *tnet_i_feed_builder_trip_id (const TnetIFeedBuilder *builder, guint trip);

/* Appends trip @id (non-empty, new) of @route and @service, in block
 * @block ("" or NULL for none), without stop times or frequencies yet, and
 * returns its index. Copies the strings. Time complexity: O(|id| +
 * |block|) amortised. */
guint tnet_i_feed_builder_add_trip (TnetIFeedBuilder *builder, const char *id, TnetId route,
                                    guint service, const char *block);

/* Makes room for @n stop times in total, before the first trip's are added
 * (one allocation instead of a growing array). Time complexity: O(@n). */
void tnet_i_feed_builder_reserve_stop_times (TnetIFeedBuilder *builder, gsize n);

/* Appends @n stop times for @trip, which has none yet, and returns them to
 * be filled in stop_sequence order: a view valid until the next call of
 * the builder. Close them with tnet_i_feed_builder_end_stop_times(). Trips
 * may come in any order; each one's rows stay in one block. Time
 * complexity: O(@n) amortised. */
TnetStopTime *tnet_i_feed_builder_add_stop_times (TnetIFeedBuilder *builder, guint trip,
                                                  guint n);

/* Checks the stop times of @trip as filled in: stops in range, every
 * departure at or after its arrival and every arrival at or after the
 * previous departure. Returns TNET_I_STOP_TIMES_OK, or the first fault in
 * row order with *@row set to its position in the trip (rows checked in
 * order; at one row the departure before the arrival is reported first).
 * Time complexity: O(rows of the trip). */
TnetIStopTimesFault tnet_i_feed_builder_end_stop_times (TnetIFeedBuilder *builder,
                                                        guint trip, guint *row);

/* Appends frequency row @freq (end after start, headway > 0) to @trip:
 * the rows of one trip come one after another. Time complexity: O(1)
 * amortised. */
void tnet_i_feed_builder_add_frequency (TnetIFeedBuilder *builder, guint trip,
                                        const TnetFrequency *freq);

/* Appends @transfer (stops in range). Time complexity: O(1) amortised. */
void tnet_i_feed_builder_add_transfer (TnetIFeedBuilder *builder,
                                       const TnetFeedTransfer *transfer);

/* Consumes @builder: picks the service day and the window of @options
 * (NULL for the defaults) and builds the service patterns, then returns
 * the feed (a full reference). On failure (an empty window, a service date
 * that is not a date or lies outside the feed's calendar:
 * TNET_ERROR_INVALID_INPUT) returns NULL; the builder is freed either way.
 * Time complexity: O(stop times + days of the calendar x services). */
TnetFeed *tnet_i_feed_builder_finish (TnetIFeedBuilder *builder,
                                      const TnetFeedOptions *options, GError **error);

/* Mode of a GTFS route_type (see TnetFeedRoute). Thread-safe. O(1). */
TnetMode tnet_i_route_type_mode (int route_type);
