/* clock.c: times of day as text. */
#include "tnet-internal.h"

char *
tnet_i_clock_hhmm (gint32 s)
{
  return g_strdup_printf ("%02d:%02d", s / 3600, s / 60 % 60);
}

char *
tnet_i_clock_hhmmss (gint32 s)
{
  return g_strdup_printf ("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
}
