/* route-transit.h: route over the multimodal graph (cmd-route.c uses it). */
#pragma once

#include "cli.h"

/* Prints the journey FROM -> TO (network node or stop ids) by @profile,
 * with the scenario year's feed from the network folder. Returns an exit
 * code. */
int tnet_cli_route_multimodal (const TnetCliCommon *common, const TnetNetwork *net,
                               const TnetScenario *scen, TnetProfile profile,
                               const char *from, const char *to, gboolean json);
