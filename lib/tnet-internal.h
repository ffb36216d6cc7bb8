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

/* clock.c: @s seconds after midnight as "HH:MM" (seconds dropped) or
 * "HH:MM:SS", newly allocated; hours past 23 are kept (25:10 is 01:10 the
 * next day). */
char *tnet_i_clock_hhmm (gint32 s);
char *tnet_i_clock_hhmmss (gint32 s);

/* point-index.c: the great-circle (haversine) distance in metres on the
 * sphere of radius 6371008.8 m. */
double tnet_i_haversine_m (double lon1, double lat1, double lon2, double lat2);

/* feed.c: the children of each station of @feed: element s is a GArray of
 * the TnetId of the stops whose parent is s, in stops.txt order, or NULL
 * when s has none. Free with g_ptr_array_unref(). */
GPtrArray *tnet_i_feed_station_children (const TnetFeed *feed);

/* feed.c: a timetabled call at a stop (tnet_i_feed_stop_events()). */
typedef struct {
  TnetId route;
  TnetId stop;
  TnetId next;          /* departures: the trip's next stop; arrivals: TNET_ID_NONE */
  guint time_s;         /* arrival or departure, seconds after midnight */
} TnetIStopEvent;
/* feed.c: the arrivals and departures inside @feed's window at the stops
 * s with @member[s] TRUE (tnet_feed_n_stops() entries), of the trips that
 * run on the service day (every trip when it has none), have two calls or more
 * and are not expanded from frequencies.txt (they have no exact times).
 * An arrival is a call that sets down (not the trip's first), a departure
 * one that picks up (not its last). Each is appended, in trip then call
 * order, to @arrivals[s] or @departures[s] (a GArray of TnetIStopEvent,
 * created when NULL; both tnet_feed_n_stops() entries). Linear in the stop
 * times. */
void tnet_i_feed_stop_events (const TnetFeed *feed, const gboolean *member, GArray **arrivals,
                              GArray **departures);

/* hub-set.c: building a hub set (the hubs.csv loader). */
TnetHubSet *tnet_i_hub_set_new (void);
/* Adds a hub, copying its strings and members (NULL-terminated, n > 0).
 * Returns its index. The id must be new. */
guint tnet_i_hub_set_add (TnetHubSet *set, const TnetHub *hub, const char *const *members);
void tnet_i_hub_set_add_walk (TnetHubSet *set, guint hub, const char *from, const char *to,
                              TnetWeight walk_ms, int open_year);

/* read-file.c: the whole file @path into @contents (NUL-terminated, free
 * with g_free()) and @length. On failure nothing is returned and @error is
 * TNET_ERROR_IO "NAME: cannot read[ WHAT]: REASON", NAME being @name or,
 * when NULL, @path; @what (may be NULL) names the kind of file. O(size). */
gboolean tnet_i_read_file (const char *path, const char *name, const char *what,
                           char **contents, gsize *length, GError **error);
/* csv-writer.c: a comma unless @first, then @text (NULL: empty) quoted as
 * tnet_csv_append_field() quotes it. */
void tnet_i_csv_put_field (GString *out, const char *text, gboolean first);
/* csv-writer.c: @text written to the file @path (replaced if there);
 * fails with TNET_ERROR_IO "PATH: cannot write: REASON". */
gboolean tnet_i_write_text_file (const char *path, const GString *text, GError **error);

/* network-csv.c: tnet_network_save_csv(), with link i's `time_min` written
 * as @time_min[i] where @time_min is not NULL and that is not NAN (the exact
 * minutes of tnet init's access links, finer than their millisecond
 * time_ms); elsewhere tnet_weight_to_min() of its time_ms. */
gboolean tnet_i_network_save_csv (const TnetNetwork *net, const char *dir,
                                  const double *time_min, GError **error);

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

/* indicators.c: tnet_indicator_interchange_ms() on @graph and @time,
 * the road and access graph of @net under @scen as that function compiles
 * it. */
gboolean tnet_i_indicator_interchange_ms_on (const TnetNetwork *net,
                                             const TnetScenario *scen,
                                             const TnetUnitTable *units,
                                             TnetGraph *graph, const TnetMetric *time,
                                             TnetWeight *ms_out,
                                             TnetId *interchange_out, GError **error);

/* structures.c: whether loading @set chose a member's links by their
 * lengths among several ways along its line (a line whose links close a
 * cycle). When not, the set is the same for any link lengths of the same
 * network: the uncertainty draws load it once per thread. */
gboolean tnet_i_structure_set_by_length (const TnetStructureSet *set);

/* park-ride.c: the timetable of @pr (borrowed). */
const TnetTimetable *tnet_i_park_ride_get_timetable (const TnetParkRide *pr);

/* Park-and-ride by the timetable with one failure at a time
 * (park-ride-failure.c): the rows of tnet_park_ride_matrix() from network
 * nodes to the @n_destinations nodes @destinations, elements as
 * tnet_raptor_failures_new() plus, with @elements_are_links, element e
 * closing the car arcs of network link e (the drive to the parking places
 * avoids them). Keeps a copy of @pr (sharing its graph) and what it needs
 * of @net. Immutable; one #TnetRaptor (on the timetable) and one
 * #TnetSearch (on tnet_i_park_ride_failures_get_graph()) per thread. */
typedef struct _TnetIParkRideFailures TnetIParkRideFailures;

TnetIParkRideFailures *tnet_i_park_ride_failures_new (const TnetParkRide *pr,
                                                      const TnetNetwork *net,
                                                      const TnetId *destinations,
                                                      guint n_destinations,
                                                      const guint *elem_first,
                                                      const TnetRaptorHop *elem_hops,
                                                      guint n_elements,
                                                      gboolean elements_are_links,
                                                      const TnetRaptorFailuresOptions *opts);
void tnet_i_park_ride_failures_free (TnetIParkRideFailures *pf);
TnetGraph *tnet_i_park_ride_failures_get_graph (const TnetIParkRideFailures *pf);
const TnetTimetable *tnet_i_park_ride_failures_get_timetable (const TnetIParkRideFailures *pf);
/* tnet_raptor_failures_run() from network node @origin by park-and-ride:
 * @base is exactly the row of tnet_park_ride_matrix() with the options'
 * percentile; the candidates are the failures on the journeys' rides and
 * on the drive to their parking place. */
gboolean tnet_i_park_ride_failures_run (const TnetIParkRideFailures *pf, TnetRaptor *ws,
                                        TnetSearch *search, TnetId origin, const guint8 *want,
                                        gint32 *base, GArray *entries,
                                        const TnetRaptorStop *stop, GError **error);
/* The legs (tnet_park_ride_journey()) from @origin to @destination at the
 * first minute with @element (G_MAXUINT: none) failed; none for a walk all
 * the way. FALSE when not reached. */
gboolean tnet_i_park_ride_failures_journey (const TnetIParkRideFailures *pf, TnetRaptor *ws,
                                            TnetSearch *search, TnetId origin,
                                            guint destination, guint element, GArray *legs);
