/* commute-timing.c: the defaults of the timetable options, from the
 * plan's first [commute] group when it has depart, else the built-in
 * ones. Every command and the Python binding start from these, so a data
 * set's plan.ini says once how its transit is timed. */
#include "tnet-internal.h"

/* the percentiles shown beside a cell's time when the plan gives none
 * (`tnet commute --percentiles`) */
static const double default_percentiles[] = { 5, 25, 50, 75, 95 };

void
tnet_commute_timing_init (TnetCommuteTiming *timing, const TnetPlanCommute *group)
{
  g_return_if_fail (timing != NULL);
  memset (timing, 0, sizeof *timing);
  tnet_park_ride_options_init (&timing->park_ride);
  if (group == NULL || !group->timetable)
    {
      timing->depart_s = 8 * 3600;
      timing->date = 0;
      timing->window_ms = 0;
      timing->max_walk_ms = tnet_weight_from_min (15);
      timing->percentiles = default_percentiles;
      timing->n_percentiles = G_N_ELEMENTS (default_percentiles);
      return;
    }
  timing->depart_s = group->depart_s;
  timing->date = group->date;
  timing->window_ms = group->window_ms;
  timing->max_walk_ms = group->max_walk_ms;
  if (group->n_percentiles > 0)
    {
      timing->percentiles = group->percentiles;
      timing->n_percentiles = group->n_percentiles;
    }
  else
    {
      timing->percentiles = default_percentiles;
      timing->n_percentiles = G_N_ELEMENTS (default_percentiles);
    }
  timing->park_ride.drive_budget_ms = group->drive_budget_ms;
  timing->park_ride.park_ms = group->park_time_ms;
  timing->park_ride.parking_radius_m = group->parking_radius_m;
}
