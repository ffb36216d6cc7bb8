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

TNET_API const char *tnet_leg_kind_to_string (TnetLegKind kind);

/**
 * TnetLeg:
 * One leg of a journey. @mode: the link mode of a drive or walk leg
 * (TNET_MODE_WALK for synthetic walks), the route's mode for wait and ride
 * legs. @line: the link's line or the route's display name (NULL if none).
 * @from / @to: network node ids or stop ids. Strings are owned by the
 * multimodal graph (valid while it lives).
 */
typedef struct {
  TnetLegKind kind;
  TnetMode mode;
  const char *line;
  const char *from;
  const char *to;
  TnetWeight time_ms;
  double minutes;
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
 * Time complexity: O(path length).
 */
TNET_API TnetJourney *tnet_multimodal_journey (const TnetMultimodal *mm,
                                               const TnetSearch *search, TnetId node);
/* The same from an explicit arc sequence in travel order. */
TNET_API TnetJourney *tnet_multimodal_journey_from_arcs (const TnetMultimodal *mm,
                                                         const TnetId *arcs,
                                                         guint n_arcs);
TNET_API void tnet_journey_free (TnetJourney *journey);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetJourney, tnet_journey_free)

G_END_DECLS
