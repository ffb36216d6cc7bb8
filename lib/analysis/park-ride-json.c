/* park-ride-json.c: the park-and-ride options as JSON members. */
#include "park-ride-json.h"
#include <math.h>

/* A whole number as a JSON integer, anything else as the double. */
static void
add_number (JsonBuilder *b, const char *key, double v)
{
  json_builder_set_member_name (b, key);
  if (isfinite (v) && v == floor (v) && fabs (v) < 9e15)
    json_builder_add_int_value (b, (gint64) v);
  else
    json_builder_add_double_value (b, v);
}

void
tnet_i_park_ride_options_write_json (JsonBuilder *b, const TnetParkRideOptions *po)
{
  g_return_if_fail (b != NULL && po != NULL);
  add_number (b, "drive_budget_min", po->drive_budget_ms / 60000.0);
  add_number (b, "park_time_min", po->park_ms / 60000.0);
  add_number (b, "parking_radius_m", po->parking_radius_m);
}

void
tnet_i_park_ride_write_json (JsonBuilder *b, const TnetParkRide *pr)
{
  g_return_if_fail (b != NULL && pr != NULL);
  tnet_i_park_ride_counts_write_json (b, tnet_park_ride_get_options (pr),
                                      tnet_park_ride_n_parking (pr), tnet_park_ride_n_stops (pr));
}

void
tnet_i_park_ride_counts_write_json (JsonBuilder *b, const TnetParkRideOptions *po,
                                    guint n_parking, guint n_stops)
{
  g_return_if_fail (b != NULL && po != NULL);
  tnet_i_park_ride_options_write_json (b, po);
  json_builder_set_member_name (b, "parking_places");
  json_builder_add_int_value (b, n_parking);
  json_builder_set_member_name (b, "stops_with_parking");
  json_builder_add_int_value (b, n_stops);
}
