/* json-text.h: the member writers the JSON documents share; their text is
 * tnet_json_to_text() (tnet-io.h). Internal. */
#pragma once

#include "tnet-internal.h"
#include <json-glib/json-glib.h>

/* Sets member @name of the object @b is building to the string @value, or
 * to null when @value is NULL (the one writer of an optional text member).
 * Time complexity: O(length of @value). */
void tnet_i_json_add_string (JsonBuilder *b, const char *name, const char *value);

/* Sets member @key (none when @key is NULL: an array element) to @v
 * rounded to @decimals places (round half away from zero on v x
 * 10^decimals), an integer when @decimals is 0, null when @v is NAN or
 * infinite: the one writer of rounded numbers, each document choosing its
 * precision. O(1). */
void tnet_i_json_add_number (JsonBuilder *b, const char *key, double v, int decimals);

/* Sets member @key of the object @b is building to the integer @v. O(1). */
void tnet_i_json_add_int (JsonBuilder *b, const char *key, gint64 v);

/* The members a "timetable" object of every result opens with: feed (null
 * when @feed is NULL), date (@date, YYYYMMDD), depart ("HH:MM" of
 * @depart_s) and window_min (@window_min as given). O(1). */
void tnet_i_json_timetable_members (JsonBuilder *b, const char *feed, guint date,
                                    gint32 depart_s, guint window_min);

/* Member "timetable" of a result of one percentile (an isochrone, an
 * accessibility): the members above with window_min the departure minutes
 * @window_ms gives (tnet_i_window_minutes(): at least 1), then
 * max_walk_min (@max_walk_ms on the kernel's clock, tnet_i_whole_s(), in
 * minutes) and percentile. O(1). */
void tnet_i_json_timetable_object (JsonBuilder *b, const char *feed, guint date,
                                   gint32 depart_s, TnetWeight window_ms,
                                   TnetWeight max_walk_ms, double percentile);
