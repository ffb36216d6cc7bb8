/* park-ride-json.h: the one JSON form of the park-and-ride options, shared
 * by the report's commute section and the `tnet route`, `tnet run` and
 * `tnet serve` documents. Internal. */
#pragma once

#include "tnet-internal.h"
#include <json-glib/json-glib.h>

/**
 * tnet_i_park_ride_options_write_json:
 * @b: a builder inside an object
 * @po: the options (borrowed for the call)
 *
 * Adds the members `drive_budget_min`, `park_time_min` (minutes) and
 * `parking_radius_m` (metres) of @po to the object @b is building, each a
 * JSON integer when the value is whole (30, not 30.0) and the exact double
 * otherwise (1.5 for 90 s). Cannot fail. Reentrant (@b is the caller's).
 * Time complexity: O(1).
 */
void tnet_i_park_ride_options_write_json (JsonBuilder *b, const TnetParkRideOptions *po);

/**
 * tnet_i_park_ride_write_json:
 * @b: a builder inside an object
 * @pr: the park-and-ride (borrowed for the call)
 *
 * tnet_i_park_ride_options_write_json() of @pr's options, then the
 * integers `parking_places` (tnet_park_ride_n_parking()) and
 * `stops_with_parking` (tnet_park_ride_n_stops()). Cannot fail. Reentrant.
 * Time complexity: O(1).
 */
void tnet_i_park_ride_write_json (JsonBuilder *b, const TnetParkRide *pr);

/**
 * tnet_i_park_ride_counts_write_json:
 * @b: a builder inside an object
 * @po: the options (borrowed for the call)
 * @n_parking: the parking places
 * @n_stops: the stops they serve
 *
 * The members of tnet_i_park_ride_write_json() from the values themselves
 * (a result that outlives its #TnetParkRide keeps them). Cannot fail.
 * Reentrant. Time complexity: O(1).
 */
void tnet_i_park_ride_counts_write_json (JsonBuilder *b, const TnetParkRideOptions *po,
                                         guint n_parking, guint n_stops);
