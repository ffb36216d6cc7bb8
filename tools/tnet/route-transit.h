/* route-transit.h: route over the multimodal graph (cmd-route.c uses it). */
#pragma once

#include "cli.h"

/* Prints the journey FROM -> TO (network node or stop ids) by @profile,
 * with the scenario year's feed from the network folder. Returns an exit
 * code. */
int tnet_cli_route_multimodal (const TnetCliCommon *common, const TnetNetwork *net,
                               const TnetScenario *scen, TnetProfile profile,
                               const char *from, const char *to, gboolean json);

/* Options of the timetable: departure (seconds after midnight), service
 * date (YYYYMMDD, 0 = the feed's busiest day), window (minutes, 0 = one
 * departure), percentiles (GArray of double), longest walk to or from a stop
 * (seconds), the frequency phase seed and the feeds to merge. */
typedef struct {
  gint32 depart_s;
  guint date;
  guint window_min;
  GArray *percentiles;
  guint max_walk_s;
  guint32 frequency_seed;
  char **gtfs;       /* feeds named on the command line (NULL: the data set's) */
} TnetCliTimeOptions;

gboolean tnet_cli_parse_clock (const char *s, gint32 *out_s);
gboolean tnet_cli_parse_date (const char *s, guint *out);
gboolean tnet_cli_parse_percentiles (const char *s, GArray *out);

/* `tnet route --profile transit` by the timetable (RAPTOR). */
int tnet_cli_route_timetable (const TnetCliCommon *common, const TnetNetwork *net,
                              const TnetScenario *scen, const TnetCliTimeOptions *topt,
                              const char *from, const char *to, gboolean json);
