/* analysis-private.h: helpers shared by the analysis files. Internal. */
#pragma once

#include "tnet-internal.h"

/* The named lines of @mode_mask active in @scen whose own links join a
 * node with side bit 1 to a node with side bit 2 (@side: per network
 * node); their names (views owned by @net), sorted, are appended to
 * @lines_out (nullable). Returns their number. corridor-lines.c. */
guint tnet_i_corridor_lines_joining (const TnetNetwork *net, const TnetScenario *scen,
                                     guint mode_mask, const guint8 *side,
                                     GPtrArray *lines_out);

/* A corridor with its line count and disjoint sets over the
 * infrastructure of @mode_mask, no alternative yet. corridors.c. */
TnetCorridor *tnet_i_corridor_infra (const TnetNetwork *net, const TnetScenario *scen,
                                     guint mode_mask, const TnetNodeSet *a,
                                     const TnetNodeSet *b, TnetWeight budget_ms,
                                     double factor, GError **error);

#include <json-glib/json-glib.h>

/* The walking budget and the percentile (a timetable cell's minutes) of
 * the options @commute was computed with; 0 when no profile followed a
 * timetable. O(1). commute.c. */
TnetWeight tnet_i_commute_max_walk_ms (const TnetCommute *commute);
double tnet_i_commute_timetable_percentile (const TnetCommute *commute);

/* The members of the one timetable object of a commute, written alike by
 * `tnet commute` ("timetable"), `tnet run`'s [commute] (its "timetable")
 * and the report (KEY_transit): feed (null when @feed is NULL), date
 * (@date, YYYYMMDD), depart ("HH:MM" of @depart_s), window_min
 * (@window_ms to the nearest minute, 0 for one departure), max_walk_min
 * (@max_walk_ms in minutes, 0.1) and percentile (the one the cells'
 * minutes are), added to the open object of @b. O(1).
 * commute-output.c. */
void tnet_i_commute_timetable_members (JsonBuilder *b, const char *feed, guint date,
                                       gint32 depart_s, TnetWeight window_ms,
                                       TnetWeight max_walk_ms, double percentile);

/* The members "profile" and "model" of a corridor's documents (with a
 * profile or the timetable), and by the timetable "timetable" (feed,
 * date, depart, window_min, percentile, max_walk_min, disjoint), added to
 * the open object of @jb. corridor-timetable.c. */
void tnet_i_corridor_model_json (JsonBuilder *jb, const TnetCorridor *corr);
/* The member "least_time" of a corridor by the timetable: count and paths,
 * each with minutes, from, to, depart, nodes, links (empty) and legs.
 * corridor-timetable.c. */
void tnet_i_corridor_journeys_json (JsonBuilder *jb, const TnetCorridor *corr,
                                    const TnetNetwork *net);
/* Alternative @i of a corridor by the timetable as one JSON object (the
 * element of "least_time".paths above and of the summary's "fastest",
 * corridor-output.c): minutes, from, to, depart, nodes, links (empty),
 * legs. corridor-timetable.c. */
void tnet_i_corridor_journey_json (JsonBuilder *jb, const TnetCorridor *corr,
                                   const TnetNetwork *net, guint i);

/* The ranked items of a criticality scan on a profile's graph (@mm), or
 * by the timetable (@mm NULL: a scan of
 * tnet_corridor_criticality_timetable()), from the zones of @a to the
 * zones of @b, the @top first, as one JSON array: the one shape `tnet
 * criticality`, `tnet run` and the report write (docs/json-schema.md).
 * Runs one search per item for its detour. */
void tnet_i_criticality_items_json (JsonBuilder *jb, const TnetCriticality *crit,
                                    const TnetNetwork *net, const TnetMultimodal *mm,
                                    const TnetNodeSet *a, const TnetNodeSet *b,
                                    gboolean by_line, guint top);

/* One (element, pair) examined by a criticality scan: the pair's time
 * with the element removed (TNET_WEIGHT_INF: cut). @origin is the index of
 * the pair's origin among the scan's distinct origins. */
typedef struct {
  guint32 elem;
  guint32 origin;
  guint32 pair;
  TnetWeight new_time;
} TnetICriticalityEntry;

/* What a scan made by another model than the profile's graph says of
 * itself (criticality-timetable.c): the feed(s) and service date of the
 * timetable, the departure, window, percentile and walking budget, and
 * how many of its elements a ride runs over. */
typedef struct {
  TnetProfile profile;
  char *feed;            /* owned by the scan (nullable) */
  guint date;
  gint32 depart_s;
  guint window_min;
  double percentile;
  guint max_walk_s;
  gboolean park_ride;    /* by park-and-ride: @park holds its options */
  TnetParkRideOptions park;
  gboolean by_line;      /* the elements are lines, else network links */
  guint n_ridden;        /* elements that carry a ride of the timetable */
} TnetICriticalityModel;

/* The places (new strings, NULL-terminated) of @pair's journey with
 * @element removed, or NULL when cut. */
typedef char **(*TnetICriticalityDetourFunc) (gpointer data, guint element, guint pair);

/* A ranked scan from times computed elsewhere: @base per pair, @entries
 * (TnetICriticalityEntry, their origin field is filled here; consumed)
 * for the (element, pair) examined; origins, population and ranking as
 * tnet_criticality_scan(). The scan has no graph: its detours come from
 * tnet_i_criticality_set_model(). criticality.c. */
TnetCriticality *tnet_i_criticality_new_from_times (guint n_elements, const TnetId *pair_origin,
                                                    guint n_pairs,
                                                    const double *node_population,
                                                    const TnetWeight *base, GArray *entries,
                                                    TnetWeight budget_ms, guint n_blocks,
                                                    guint block);
/* Names the ranked items of @crit: element e is line @line_names[e] of a
 * scan by line, else link e of @net (its id). O(items x ranked). */
void tnet_i_criticality_name_items (TnetCriticality *crit, const TnetNetwork *net,
                                    const GPtrArray *line_names);
/* Sets the model of a scan of tnet_i_criticality_new_from_times() (copied)
 * and its detours (@detour_destroy frees @detour_data with the scan). */
void tnet_i_criticality_set_model (TnetCriticality *crit, const TnetICriticalityModel *model,
                                   TnetICriticalityDetourFunc detour_func, gpointer detour_data,
                                   GDestroyNotify detour_destroy);
/* The model of the scan, NULL for a scan on a profile's graph. */
const TnetICriticalityModel *tnet_i_criticality_get_model (const TnetCriticality *crit);
/* The detour of item @rank for @pair by the scan's own model (NULL when
 * cut or when the scan has none). */
char **tnet_i_criticality_detour_places (const TnetCriticality *crit, guint rank, guint pair);

/* Adds to the open object of @jb the member `timetable` of corridors and
 * criticality by the timetable: feed (null when NULL), date (YYYYMMDD),
 * depart ("HH:MM"), window_min, percentile and max_walk_min of the
 * timetable the scan ran on, then disjoint when @disjoint is not NULL (a
 * corridor's), then park_and_ride (the options object of
 * park-ride-json.h) when @park is not NULL. O(1). corridors.c. */
void tnet_i_timetable_options_to_json (JsonBuilder *jb, const char *feed, guint date,
                                       gint32 depart_s, guint window_min, double percentile,
                                       guint max_walk_s, const char *disjoint,
                                       const TnetParkRideOptions *park);
/* How the times of a scan were computed: "timetable" (a scan with a
 * model), else by its graph's profile "network" (car) or "frequency
 * approximation"; and the member `model` with, by the timetable, the
 * object `timetable` (feed, date, depart, window_min, percentile,
 * max_walk_min) added to the open object of @jb. corridors.c. */
const char *tnet_i_criticality_model_name (const TnetCriticality *crit,
                                           const TnetMultimodal *mm);
void tnet_i_criticality_model_json (JsonBuilder *jb, const TnetCriticality *crit,
                                    const TnetMultimodal *mm);
