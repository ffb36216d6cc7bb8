/* route-transit.h: route over the multimodal graph (cmd-route.c uses it). */
#pragma once

#include "cli.h"

/* Prints the journey FROM -> TO (network node or stop ids) by @profile,
 * with the scenario year's feed from the network folder. Returns an exit
 * code. */
int tnet_cli_route_multimodal (const TnetCliCommon *common, const TnetNetwork *net,
                               const TnetScenario *scen, TnetProfile profile,
                               const char *from, const char *to, gboolean json);

/* The journey FROM -> TO (network node, node name or stop ids) over @mm,
 * searched with @search (a workspace of tnet_multimodal_get_graph (@mm));
 * @year names the scenario in the message of TNET_ERROR_NOT_FOUND (no
 * path, or an unknown place). Reentrant: @mm is only read (one @search per
 * thread). Returns a full reference. */
TnetJourney *tnet_cli_route_multimodal_journey (const TnetNetwork *net, const TnetMultimodal *mm,
                                                TnetSearch *search, const char *from,
                                                const char *to, int year, GError **error);

/* Options of the timetable: departure (seconds after midnight), service
 * date (YYYYMMDD, 0 = the feed's busiest day), window (minutes, 0 = one
 * departure), percentiles (GArray of double), longest walk to or from a stop
 * (ms, as the timetable calls take it), the frequency phase seed and the
 * feeds to merge. */
typedef struct {
  gint32 depart_s;
  guint date;
  guint window_min;
  GArray *percentiles;
  TnetWeight max_walk_ms;
  guint32 frequency_seed;
  char **gtfs;       /* feeds named on the command line (NULL: the data set's) */
} TnetCliTimeOptions;

/* How transit was timed by a timetable, as the outputs report it: the
 * names of its feeds joined by "+" (@feed; NULL: not by a timetable), its
 * service date (YYYYMMDD), the first departure (seconds after midnight),
 * the window (minutes, 0 = the departure only), the longest walk (ms) and
 * the percentile of the travel time over the window that is counted. */
typedef struct {
  const char *feed;
  guint date;
  gint32 depart_s;
  guint window_min;
  TnetWeight max_walk_ms;
  double percentile;
} TnetCliTimetableTiming;

/* What transit by a timetable keeps alive while it is used (each NULL when
 * not used): the percentiles (double) of the options, the loaded feeds,
 * which @tt borrows from, the timetable, the park-and-ride built on it and
 * the names of its feeds joined by "+". tnet_cli_timed_clear() frees them
 * in the reverse order of use; g_auto (TnetCliTimed) does it on leaving
 * the scope. */
typedef struct {
  GArray *pcts;
  GPtrArray *feeds;
  TnetTimetable *tt;
  TnetParkRide *pr;
  char *feed_name;
} TnetCliTimed;

void tnet_cli_timed_clear (TnetCliTimed *t);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TnetCliTimed, tnet_cli_timed_clear)

/* The timing of transit by @tt (nullable: date 0) named @feed (borrowed)
 * with the options @topt: their departure, window, longest walk and first
 * percentile (0 without one). */
TnetCliTimetableTiming tnet_cli_timetable_timing (const TnetTimetable *tt, const char *feed,
                                                  const TnetCliTimeOptions *topt);

/* Appends to @out the line "@prefix PROFILE by the timetable FEED, DATE,
 * departing HH:MM, window W min, walks up to M min: pP of the travel time
 * over the window" of @timing (the window at least 1 min), as `tnet
 * isochrone` (text, CSV) and `tnet run` report it. */
void tnet_cli_timetable_timing_append (GString *out, const char *prefix, TnetProfile profile,
                                       const TnetCliTimetableTiming *timing);

/* An integer option not given on the command line (the value it holds
 * until the parser stores one), and a distance option not given. */
#define TNET_CLI_UNSET G_MININT
#define TNET_CLI_UNSET_M (-1e300)

/* The timetable options as given on the command line, shared by route,
 * commute and the other transit commands: tnet_cli_time_args_add() adds
 * --depart --date --window --percentiles --max-walk --frequency-seed --gtfs
 * --frequency-model to a context (@entries lives here, as long as the
 * context); tnet_cli_time_args_parse() checks them into @out (its
 * percentiles array is allocated: free it with g_array_unref). With
 * @one_percentile set before adding, --percentiles is --percentile P
 * instead: one percentile, default 50 (a command that counts at one).
 * With @plan_defaults set before adding, the options' help says their
 * defaults are the plan's (tnet_cli_plan_timing(), for the commands that
 * parse with tnet_cli_time_args_parse_with()). */
typedef struct {
  char *depart, *date, *pcts;
  gint window, max_walk, freq_seed;
  gboolean frequency_model;
  gboolean one_percentile;
  gboolean plan_defaults;
  char **gtfs;
  GOptionEntry entries[9];
} TnetCliTimeArgs;

void tnet_cli_time_args_add (GOptionContext *ctx, TnetCliTimeArgs *args,
                             const char *frequency_model_note);
gboolean tnet_cli_time_args_parse (const TnetCliTimeArgs *args, TnetCliTimeOptions *out,
                                   GError **error);
/* tnet_cli_time_args_parse() with the options not given taken from
 * @defaults (nullable: the built-in ones of tnet_commute_timing_init()):
 * depart, date, window, max walk and, without --percentiles, the
 * defaults' percentiles (with @args->one_percentile: 50, the median). */
gboolean tnet_cli_time_args_parse_with (const TnetCliTimeArgs *args,
                                        const TnetCommuteTiming *defaults,
                                        TnetCliTimeOptions *out, GError **error);
/* The defaults of the timetable options in the commands of the data set
 * @ds (nullable): tnet_commute_timing_init() with its plan's first
 * [commute] group (with `depart`), else the built-in ones. */
void tnet_cli_plan_timing (const TnetDataset *ds, TnetCommuteTiming *timing);
void tnet_cli_time_args_clear (TnetCliTimeArgs *args);
/* The help of --frequency-model in the commands where transit follows
 * the timetable by default (commute, isochrone, accessibility). */
#define TNET_CLI_FREQUENCY_MODEL_HELP \
  "transit: the frequency approximation (expected waits of half the headway over " \
  "07:00-09:00) instead of the timetable. Without it transit follows the timetable " \
  "with the defaults above (the plan's [commute] group's when it has depart, else " \
  "departing 08:00 on the feed's busiest day, window 0); " \
  "the approximation then only when the data folder has no GTFS feed and --gtfs " \
  "names none (a note on stderr says so). Not with the options of the timetable " \
  "above (--depart ... --gtfs, --drive-budget, --park-time, --parking-radius): a " \
  "usage error"

/* The timetable transit follows in `tnet commute`, `tnet isochrone` and
 * `tnet accessibility`: by default (the options @topt parsed from @args:
 * 08:00, the feed's busiest day, window 0 unless given) the feeds of
 * tnet_cli_load_timetable(). NULL without @error set when transit is to
 * take the frequency approximation: asked by --frequency-model, or the data
 * folder has no feed and --gtfs names none (then a note on stderr unless
 * @quiet). NULL with @error set when the feeds cannot be read. The caller
 * asks only when a profile of transit is computed. */
TnetTimetable *tnet_cli_transit_timetable (const TnetNetwork *net, const TnetScenario *scen,
                                           const TnetCliTimeArgs *args,
                                           const TnetCliTimeOptions *topt, gboolean quiet,
                                           char **feed_name, GPtrArray **feeds,
                                           GError **error);

/* When transit follows the timetable: fails (TNET_ERROR_INVALID_INPUT,
 * tnet_scenario_file_check_timetable()) when --scenario names a scenario
 * file with a line:NAME.headway_factor override, which acts on the
 * frequency approximation only and would be ignored; succeeds otherwise
 * (a year, or a file without one). */
gboolean tnet_cli_check_headway_timetable (const TnetCliCommon *common, GError **error);

/* The timetable of the options' feeds (--gtfs, else the data folder's feed
 * of the scenario year) for the options' date; @feed_name receives the
 * feeds' file names joined by "+", @feeds the loaded feeds (the timetable
 * borrows their names and ids: keep them as long as it). Fails with
 * TNET_ERROR_NOT_FOUND when there is no feed. */
TnetTimetable *tnet_cli_load_timetable (const TnetNetwork *net, const TnetScenario *scen,
                                        const TnetCliTimeOptions *topt, char **feed_name,
                                        GPtrArray **feeds, GError **error);

gboolean tnet_cli_parse_clock (const char *s, gint32 *out_s);
gboolean tnet_cli_parse_date (const char *s, guint *out);
gboolean tnet_cli_parse_percentiles (const char *s, GArray *out);

/* The options of tnet_timetable_route_compute() from the parsed options
 * @topt (@out borrows its percentiles and @feed_name: keep them while it
 * is used). O(1). */
void tnet_cli_timetable_route_options (const TnetCliTimeOptions *topt, const char *feed_name,
                                       TnetTimetableRouteOptions *out);
/* The park-and-ride options of route, commute and isochrone:
 * --drive-budget MIN, --park-time MIN, --parking-radius M; parse into
 * #TnetParkRideOptions (FALSE with a G_OPTION_ERROR on a bad value). */
typedef struct {
  gint drive_budget_min;
  gint park_min;
  double parking_radius_m;
} TnetCliParkRideArgs;
/* not given: the defaults 30 min, 5 min and 400 m when parsed */
#define TNET_CLI_PARK_RIDE_ARGS_INIT { TNET_CLI_UNSET, TNET_CLI_UNSET, TNET_CLI_UNSET_M }
#define PARK_RIDE_ENTRIES(a) \
  { "drive-budget", 0, 0, G_OPTION_ARG_INT, &(a).drive_budget_min, \
    "park_and_ride: longest drive to a parking place, minutes (default 30)", "MIN" }, \
  { "park-time", 0, 0, G_OPTION_ARG_INT, &(a).park_min, \
    "park_and_ride: time to park and leave the car park, minutes (default 5)", "MIN" }, \
  { "parking-radius", 0, 0, G_OPTION_ARG_DOUBLE, &(a).parking_radius_m, \
    "park_and_ride: a parking place serves the stops this close, metres (default 400)", \
    "M" }
/* The same entries for the commands whose defaults are the plan's
 * (tnet_cli_plan_timing()). */
#define PARK_RIDE_PLAN_ENTRIES(a) \
  { "drive-budget", 0, 0, G_OPTION_ARG_INT, &(a).drive_budget_min, \
    "park_and_ride: longest drive to a parking place, minutes (default: the plan's, " \
    "else 30)", "MIN" }, \
  { "park-time", 0, 0, G_OPTION_ARG_INT, &(a).park_min, \
    "park_and_ride: time to park and leave the car park, minutes (default: the plan's, " \
    "else 5)", "MIN" }, \
  { "parking-radius", 0, 0, G_OPTION_ARG_DOUBLE, &(a).parking_radius_m, \
    "park_and_ride: a parking place serves the stops this close, metres (default: the " \
    "plan's, else 400)", "M" }
gboolean tnet_cli_park_ride_args_parse (const TnetCliParkRideArgs *args,
                                        TnetParkRideOptions *out, GError **error);
/* The same with the options not given taken from @defaults (nullable:
 * tnet_park_ride_options_init()'s), e.g. a #TnetCommuteTiming's. */
gboolean tnet_cli_park_ride_args_parse_with (const TnetCliParkRideArgs *args,
                                             const TnetParkRideOptions *defaults,
                                             TnetParkRideOptions *out, GError **error);

/* The departure, window, walk of @topt and @percentile as the options of
 * the library's scans and alternatives by the timetable. O(1). */
TnetRaptorFailuresOptions tnet_cli_failures_options (const TnetCliTimeOptions *topt,
                                                     double percentile);

/* The corridor of `tnet corridors` and `tnet run`'s [corridors] in one mode
 * group: by park-and-ride by the timetable when @pr (built on @tt) is
 * given, else transit by the timetable @tt when given (the departure,
 * window and walk of @topt, at @percentile; alternatives disjoint by
 * @disjoint), else on the profile's graph @mm when given, else over the
 * network. The feeds of @tt must outlive the result. Errors and
 * complexity: those of tnet_corridor_analyse() and its variants. */
TnetCorridor *tnet_cli_corridor_analyse (const TnetNetwork *net, const TnetScenario *scen,
                                         const TnetMultimodal *mm, const TnetTimetable *tt,
                                         const TnetParkRide *pr, const char *feed_name,
                                         guint mode_mask, const TnetNodeSet *a,
                                         const TnetNodeSet *b, guint k, TnetWeight budget_ms,
                                         double factor, TnetRaptorDisjoint disjoint,
                                         const TnetCliTimeOptions *topt, double percentile,
                                         GError **error);

/* The criticality scan of `tnet criticality`, `tnet run`'s [criticality]
 * and serve's /criticality: by park-and-ride by the timetable when @pr
 * (built on @tt) is given, else transit by the timetable @tt when given
 * (the departure, window and walk of @topt, at @percentile), else on the
 * profile's graph @mm. Errors and complexity: those of the scan. */
TnetCriticality *tnet_cli_criticality_scan (const TnetNetwork *net, const TnetScenario *scen,
                                            const TnetMultimodal *mm, const TnetTimetable *tt,
                                            const TnetParkRide *pr, const char *feed_name,
                                            const TnetNodeSet *a, const TnetNodeSet *b,
                                            gboolean by_line, TnetWeight budget_ms,
                                            const TnetCliTimeOptions *topt, double percentile,
                                            const TnetCriticalityOptions *copts,
                                            GError **error);

/* The options of the timetable are ignored by the frequency approximation:
 * with --frequency-model in @args, any of --depart, --date, --window,
 * --percentile(s), --max-walk, --frequency-seed, --gtfs and (@park, nullable)
 * --drive-budget, --park-time, --parking-radius given on the command line
 * is a usage error (G_OPTION_ERROR) naming it and --frequency-model. Every
 * command with both calls it after parsing its options. O(1). */
gboolean tnet_cli_frequency_model_check (const TnetCliTimeArgs *args,
                                         const TnetCliParkRideArgs *park, GError **error);

/* `tnet route --profile transit` by the timetable @tt (RAPTOR; the
 * timetable of tnet_cli_transit_timetable(), whose feeds @feed_name
 * names); with @park_ride (nullable) `--profile park_and_ride`. */
int tnet_cli_route_timetable (const TnetCliCommon *common, const TnetNetwork *net,
                              const TnetScenario *scen, const TnetTimetable *tt,
                              const char *feed_name, const TnetCliTimeOptions *topt,
                              const TnetParkRideOptions *park_ride, const char *from,
                              const char *to, gboolean json);

/* How `tnet isochrone` timed transit (cmd-isochrone.c; shared with the
 * isochrone of `tnet run`): by the timetable @timing.feed of @timing.date
 * over the window at @timing.percentile (@timing.feed NULL: the frequency
 * approximation, or the network for car). */
typedef struct {
  TnetProfile profile;
  TnetCliTimetableTiming timing;
} TnetCliIsochroneModel;

/* Travel times by the timetable @tt from @sources (GArray of TnetId) to
 * every node of @net (its coordinates) into @ms (tnet_network_n_nodes()):
 * the options' first percentile over the window, in ms, TNET_WEIGHT_INF
 * beyond @budget or unreached (tnet_timetable_isochrone()).
 * @stop (nullable): when to give up (G_IO_ERROR_CANCELLED; @ms is then
 * undefined); never fails without one. Reentrant: @tt and @net are only
 * read. */
gboolean tnet_cli_isochrone_timetable_times (const TnetTimetable *tt, const TnetNetwork *net,
                                             const GArray *sources,
                                             const TnetCliTimeOptions *topt, TnetWeight budget,
                                             TnetWeight *ms, const TnetRaptorStop *stop,
                                             GError **error);
/* The park-and-ride travel times by the timetable @tt (ms, TNET_WEIGHT_INF
 * beyond @budget or unreached) from @sources to every node of @net into @ms,
 * with the park-and-ride options @po (NULL: the defaults) over the car graph
 * of @scen (tnet_park_ride_isochrone()). @stop (nullable): when to give up
 * (G_IO_ERROR_CANCELLED). Reentrant: @tt and @net are only read. */
gboolean tnet_cli_isochrone_park_ride_times (const TnetTimetable *tt, const TnetNetwork *net,
                                             const TnetScenario *scen,
                                             const TnetParkRideOptions *po,
                                             const GArray *sources,
                                             const TnetCliTimeOptions *topt, TnetWeight budget,
                                             TnetWeight *ms, const TnetRaptorStop *stop,
                                             GError **error);
/* The origins FROM of `tnet isochrone FROM` into @sources (TnetId): a
 * place of tnet_commute_select(), or several separated by commas unless a
 * node's id itself has one. */
gboolean tnet_cli_isochrone_sources (const TnetNetwork *net, const char *from, GArray *sources,
                                     GError **error);
/* By the timetable (@m->feed set), adds the model and the timetable's
 * options to the collection's foreign member `properties` of the GeoJSON
 * @text (consumed; the result is newly allocated); by the frequency
 * approximation (transit or park_and_ride without @m->feed) the model
 * only. By car, returns @text as it is. */
char *tnet_cli_isochrone_geojson_with_model (char *text, const TnetCliIsochroneModel *m);
/* The document of `tnet isochrone FROM --format geojson` (not --polygons)
 * for the times @ms (tnet_network_n_nodes(), ms) within @budget, by @m
 * (shared with `tnet serve`'s /isochrone). Newly allocated. */
char *tnet_cli_isochrone_geojson (const TnetNetwork *net, const TnetScenario *scen,
                                  const TnetWeight *ms, TnetWeight budget, const char *from,
                                  const TnetCliIsochroneModel *m, TnetGeojsonLayers layers);
/* "15,30,45" (`--minutes` with --polygons) into increasing budgets in
 * minutes (a GArray of double), each in (0, 1440]; NULL and @error
 * otherwise. */
GArray *tnet_cli_isochrone_parse_minutes (const char *text, GError **error);
/* The document of `tnet isochrone FROM --minutes B1,B2,… --polygons`: the
 * bands of the times @ms (tnet_network_n_nodes(), ms) at the @n_budgets
 * @budgets (minutes, increasing, each in (0, 1440] as
 * tnet_cli_isochrone_parse_minutes() gives them; converted to ms here) with @opts (transit leaves the network at
 * its stops only), the columns of @ds's zones summed, by @m. Newly
 * allocated; NULL and @error when the geometry fails. */
char *tnet_cli_isochrone_polygons (const TnetDataset *ds, const TnetNetwork *net,
                                   const TnetScenario *scen, const TnetWeight *ms,
                                   const double *budgets, guint n_budgets,
                                   const TnetIsochroneOptions *opts,
                                   const TnetCliIsochroneModel *m, GError **error);
