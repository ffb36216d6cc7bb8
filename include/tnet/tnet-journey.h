/* tnet-journey.h: a journey over a multimodal graph as legs (drive,
 * walk, park, wait, ride, transfer) with their times and lines. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-multimodal.h>
#include <tnet/tnet-search.h>

G_BEGIN_DECLS

typedef enum {
  TNET_LEG_DRIVE,     /* by car */
  TNET_LEG_WALK,      /* on foot or over access links */
  TNET_LEG_PARK,      /* leaving the car at a station */
  TNET_LEG_WAIT,      /* expected wait before boarding */
  TNET_LEG_RIDE,      /* aboard one pattern */
  TNET_LEG_TRANSFER,  /* changing stops between two rides */
} TnetLegKind;

/* "drive", "walk", "park", "wait", "ride", "transfer" (static). Errors: a
 * kind out of range is a programming error (g_critical, %NULL).
 * Thread-safe. Time complexity: O(1). */
TNET_API const char *tnet_leg_kind_to_string (TnetLegKind kind);

/**
 * TnetLeg:
 * One leg of a journey. @mode: the link mode of a drive or walk leg
 * (TNET_MODE_WALK for synthetic walks), the route's mode for wait and ride
 * legs. @line: the link's line or the route's display name (NULL if none).
 * @from / @to: network node ids or stop ids. @time_ms: the leg's time, ms
 * (tnet_weight_to_min() for the minutes the written forms show). Strings
 * are owned by the multimodal graph (valid while it lives).
 */
typedef struct {
  TnetLegKind kind;
  TnetMode mode;
  const char *line;
  const char *from;
  const char *to;
  TnetWeight time_ms;
} TnetLeg;

/**
 * TnetJourney:
 * A path split into legs, with the totals (ms) of its parts:
 * access = everything before the first boarding (walk, drive, park) when the
 * journey rides; wait = boarding arcs; in_vehicle = rides and dwells, plus
 * driving when the journey does not ride (car profile); transfer = transfer
 * arcs; egress = everything after the last alighting. A journey that never
 * rides has only access (walk) or in_vehicle (drive) time.
 */
typedef struct {
  TnetLeg *legs;
  guint n_legs;
  guint n_rides;
  TnetWeight total_ms;
  TnetWeight access_ms;
  TnetWeight wait_ms;
  TnetWeight in_vehicle_ms;
  TnetWeight transfer_ms;
  TnetWeight egress_ms;
} TnetJourney;

/**
 * tnet_multimodal_journey:
 * @search: a search over tnet_multimodal_get_graph() that ran with
 *   tnet_multimodal_get_metric()
 * @node: the graph node whose path to extract (forward: the target; backward:
 *   the start of the journey)
 *
 * The journey of the last search's shortest path to (forward) or from
 * (backward) @node. Returns: (transfer full) (nullable): a new journey, NULL
 * when @node was not reached. Free with tnet_journey_free().
 * Errors: none (a search over another graph is a programming error:
 * g_critical, %NULL). Thread-safety: reads @mm and @search only (not while
 * another thread runs @search).
 * Time complexity: O(path length).
 */
TNET_API TnetJourney *tnet_multimodal_journey (const TnetMultimodal *mm,
                                               const TnetSearch *search, TnetId node);
/* The same from an explicit arc sequence in travel order. Errors: none.
 * Thread-safety: reads its arguments only. Time complexity: O(@n_arcs). */
TNET_API TnetJourney *tnet_multimodal_journey_from_arcs (const TnetMultimodal *mm,
                                                         const TnetId *arcs,
                                                         guint n_arcs);
/* Frees a journey (%NULL is ignored). Errors: none. Thread-safety: single
 * owner. Time complexity: O(1). */
TNET_API void tnet_journey_free (TnetJourney *journey);

/**
 * TnetJourneyLabels:
 * @from / @to: the ends as the caller named them (node, node name or stop
 *   ids), written as given
 * @profile: the profile the journey was searched by
 * @year: the scenario year
 * @feed: (nullable): the file name of the scenario's feed, NULL without one
 *
 * What the written forms of a journey say about its search (the journey
 * itself holds legs and times only). Borrowed for the call.
 */
typedef struct {
  const char *from;
  const char *to;
  TnetProfile profile;
  int year;
  const char *feed;
} TnetJourneyLabels;

/**
 * tnet_journey_to_json:
 * @j: the journey
 * @labels: its search
 *
 * The one JSON form of a journey over a multimodal graph (`tnet route
 * --profile P --frequency-model --format json` and serve's /route with
 * model=frequency; docs/json-schema.md): from, to, profile, scenario_year,
 * feed (null without one), total_min, access_min, wait_min,
 * in_vehicle_min, transfer_min, egress_min and legs (kind, mode, line or
 * null, from, to, min), minutes rounded to 0.001. Indented by 2.
 * Returns: (transfer full): the text, ending in a newline.
 * Errors: none (NULL, with a critical warning, on a NULL argument).
 * Thread-safety: reads its arguments only.
 * Time complexity: O(legs).
 */
TNET_API char *tnet_journey_to_json (const TnetJourney *j, const TnetJourneyLabels *labels);

/**
 * tnet_journey_to_text:
 * @j: the journey
 * @labels: its search
 *
 * The text of `tnet route --profile P --frequency-model`: a title (profile,
 * ends, scenario, feed), a line per leg (kind, mode, line, ends, minutes to
 * 0.1) and the totals by part.
 * Returns: (transfer full): the text.
 * Errors: none (NULL, with a critical warning, on a NULL argument).
 * Thread-safety: reads its arguments only.
 * Time complexity: O(legs).
 */
TNET_API char *tnet_journey_to_text (const TnetJourney *j, const TnetJourneyLabels *labels);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetJourney, tnet_journey_free)

G_END_DECLS
