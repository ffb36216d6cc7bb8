/* tnet-internal.h: included first by every library source file. */
#pragma once

#ifndef TNET_COMPILATION
#define TNET_COMPILATION 1
#endif
#include <tnet/tnet.h>
#include <string.h>
#include <math.h>

/* Internal symbols shared between files are named tnet_i_* and are not
 * exported (the library is built with hidden visibility). */

/* weight.c: a duration of the C API (ms) as the whole seconds of the
 * timetable kernel's clock, to the nearest second (G_MAXUINT for
 * TNET_WEIGHT_INF: no limit); and a departure window as its count of
 * departures, one a minute while less than @window_ms has passed, at
 * least one. */
guint tnet_i_whole_s (TnetWeight ms);
guint tnet_i_window_minutes (TnetWeight window_ms);

/* point-index.c: the great-circle (haversine) distance in metres on the
 * sphere of radius 6371008.8 m. */
double tnet_i_haversine_m (double lon1, double lat1, double lon2, double lat2);

/* feed.c: the children of each station of @feed: element s is a GArray of
 * the TnetId of the stops whose parent is s, in stops.txt order, or NULL
 * when s has none. Free with g_ptr_array_unref(). */
GPtrArray *tnet_i_feed_station_children (const TnetFeed *feed);

/* network.c: a copy sharing all but the link records (uncertainty draws). */
TnetNetwork *tnet_i_network_shallow_copy (const TnetNetwork *net);
void tnet_i_network_shallow_free (TnetNetwork *copy);
TnetLink *tnet_i_network_link_mutable (TnetNetwork *net, TnetId i);

/* multimodal.c: rewrites the weights of @mm's drive, walk and boarding
 * arcs from @net, @scen and @feed as tnet_multimodal_build() would set
 * them. @net, @scen
 * and @feed must be those @mm was built from up to link lengths, speeds
 * and times and the headway factors (same links, same active links, same
 * feed): the arcs stay, their weights move (the uncertainty draws). @mm
 * gets a new metric (a metric taken from it before keeps its weights) and
 * drops a built hierarchy, so it must not be in use by another thread. */
void tnet_i_multimodal_reweight (TnetMultimodal *mm, const TnetNetwork *net,
                                 const TnetScenario *scen, const TnetFeed *feed);

/* timetable.c: rebuilds @tt's walks (the foot graph of
 * @options->walk_network and @options->walk_scenario, the stops on it and
 * the footpaths between stops) as tnet_timetable_build() would with
 * @feeds and @options, keeping its stops, routes and trips. @feeds and the
 * rest of @options must be those @tt was built with: only the walk
 * network's link values may differ (the uncertainty draws). In place, so
 * @tt must not be in use by another thread. */
void tnet_i_timetable_rewalk (TnetTimetable *tt, const TnetFeed *const *feeds, guint n_feeds,
                              const TnetTimetableOptions *options);

/* compile.c: the time metric of @graph, compiled by
 * tnet_graph_compile_modes() from a network with the same links and
 * active links as @net under @scen, from @net's link values: the metric
 * tnet_graph_compile_modes() would give on @net (the uncertainty draws
 * keep the graph and rebuild only its times). */
TnetMetric *tnet_i_graph_compile_times (TnetGraph *graph, const TnetNetwork *net,
                                        const TnetScenario *scen);

/* park-ride.c: rewrites @pr's drive times from @net's link values under
 * @scen (NULL: the links of status existing), as tnet_park_ride_new()
 * would compile them. @net and @scen must have the links and active links
 * @pr was built with (the uncertainty draws move only their values); the
 * parking places and the stops they serve stay. In place, so @pr must not
 * be in use by another thread. */
void tnet_i_park_ride_retime (TnetParkRide *pr, const TnetNetwork *net,
                              const TnetScenario *scen);

/* indicators.c: tnet_indicator_interchange_minutes() on @graph and @time,
 * the road and access graph of @net under @scen as that function compiles
 * it. */
gboolean tnet_i_indicator_interchange_minutes_on (const TnetNetwork *net,
                                                  const TnetScenario *scen,
                                                  const TnetUnitTable *units,
                                                  TnetGraph *graph, const TnetMetric *time,
                                                  double *minutes_out,
                                                  TnetId *interchange_out, GError **error);

/* structures.c: whether loading @set chose a member's links by their
 * lengths among several ways along its line (a line whose links close a
 * cycle). When not, the set is the same for any link lengths of the same
 * network: the uncertainty draws load it once per thread. */
gboolean tnet_i_structure_set_by_length (const TnetStructureSet *set);
