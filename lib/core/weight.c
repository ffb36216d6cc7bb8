/* weight.c: conversions between TnetWeight milliseconds and the minutes and
 * seconds that files, options and outputs speak. */
#include "tnet-internal.h"

#include <math.h>

/* Rounds @ms to the nearest millisecond; anything at or above
 * TNET_WEIGHT_INF (an infinite budget included) is TNET_WEIGHT_INF. */
static TnetWeight
weight_from_ms (double ms)
{
  if (ms >= (double) TNET_WEIGHT_INF - 0.5)
    return TNET_WEIGHT_INF;
  return (TnetWeight) llround (ms);
}

TnetWeight
tnet_weight_from_min (double minutes)
{
  g_return_val_if_fail (minutes >= 0, 0);   /* also refuses NAN */
  return weight_from_ms (minutes * 60000.0);
}

TnetWeight
tnet_weight_from_s (double seconds)
{
  g_return_val_if_fail (seconds >= 0, 0);
  return weight_from_ms (seconds * 1000.0);
}

double
tnet_weight_to_min (TnetWeight ms)
{
  return ms >= TNET_WEIGHT_INF ? INFINITY : ms / 60000.0;
}

double
tnet_weight_to_s (TnetWeight ms)
{
  return ms >= TNET_WEIGHT_INF ? INFINITY : ms / 1000.0;
}

guint
tnet_i_whole_s (TnetWeight ms)
{
  return ms >= TNET_WEIGHT_INF ? G_MAXUINT : (ms + 500u) / 1000u;
}

guint
tnet_i_window_minutes (TnetWeight window_ms)
{
  guint n = window_ms / 60000u + (window_ms % 60000u != 0);
  return MAX (n, 1u);
}
