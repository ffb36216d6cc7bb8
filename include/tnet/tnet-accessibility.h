/* tnet-accessibility.h: cumulative-opportunity accessibility (as r5r's
 * accessibility(): opportunities reachable within travel-time cutoffs). */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-commute.h>

G_BEGIN_DECLS

/**
 * TnetAccessibility:
 * For every origin zone and every cutoff T, the cumulative opportunities
 * A(o, T) = sum of opportunities[d] over the destinations d with
 * t(o, d) <= T (the origin's own zone included, at time 0), and the
 * population-weighted mean over the origins. Immutable; single owner.
 */
typedef struct _TnetAccessibility TnetAccessibility;

/**
 * tnet_accessibility_from_matrix:
 * @times_ms: @n_origins rows of @n_destinations travel times in ms
 *   (%TNET_WEIGHT_INF: not connected), row o = origin o
 * @opportunities: @n_destinations non-negative values
 * @population: (nullable): @n_origins non-negative weights of the mean;
 *   %NULL weighs every origin 1
 * @cutoffs_min: @n_cutoffs cutoffs in minutes, each in (0, 10000]
 *
 * Accessibility from any travel-time matrix. This is the entry point of any
 * travel-time source: the many-to-many kernel (tnet_accessibility_compute()),
 * or a timetable engine handing in one percentile of the travel time over
 * a departure window. Copies what it needs.
 * Errors: %TNET_ERROR_INVALID_INPUT for a cutoff out of range, no cutoff,
 * or a negative or non-finite opportunity or population.
 * Time complexity: O(n_origins * n_destinations * n_cutoffs).
 */
TNET_API TnetAccessibility *tnet_accessibility_from_matrix (const TnetWeight *times_ms,
                                                            guint n_origins,
                                                            guint n_destinations,
                                                            const double *opportunities,
                                                            const double *population,
                                                            const double *cutoffs_min,
                                                            guint n_cutoffs,
                                                            GError **error);

/**
 * tnet_accessibility_compute:
 * @graph: the multimodal graph of one profile (car: the many-to-many
 *   kernel; transit: the frequency-based approximation of the graph,
 *   unless @opts names a timetable)
 * @zones: @n_zones network node indices, both origins and destinations
 * @opportunities: @n_zones values (the zones' column, e.g. jobs)
 * @population: (nullable): @n_zones weights of the mean
 * @opts: (nullable): how the matrix is computed (tnet_commute_compute());
 *   %NULL: %TNET_COMMUTE_METHOD_AUTO, many-to-many from 128 zones on. With
 *   @opts->timetable set and a transit @graph, the travel times follow the
 *   timetable (tnet_timetable_matrix() between the zone nodes'
 *   coordinates, departures every minute of @opts->window_min from
 *   @opts->depart_s, walks of at most @opts->max_walk_s) and a pair counts
 *   when the @opts->timetable_percentile of its travel time over the
 *   window (default 50, the median; nearest rank) is within the cutoff
 *   (@opts->percentiles is not needed and may be empty)
 *
 * The zone-to-zone travel times of @graph or of the timetable (journeys
 * from each origin zone to each destination zone), then
 * tnet_accessibility_from_matrix().
 * Errors: as tnet_commute_compute() and
 * tnet_accessibility_from_matrix().
 * Thread-safety: reentrant; @graph is only read.
 * Time complexity: one many-to-many query (or n_zones searches; by the
 * timetable, n_zones range queries) plus O(n_zones^2 * n_cutoffs).
 */
TNET_API TnetAccessibility *tnet_accessibility_compute (const TnetNetwork *net,
                                                        TnetMultimodal *graph,
                                                        const TnetId *zones, guint n_zones,
                                                        const double *opportunities,
                                                        const double *population,
                                                        const double *cutoffs_min,
                                                        guint n_cutoffs,
                                                        const TnetCommuteOptions *opts,
                                                        GError **error);

/**
 * tnet_accessibility_compute_origins:
 * @origins: @n_origins network node indices, the rows (a subset of @zones,
 *   or any nodes)
 * @zones: @n_zones network node indices, the destinations
 * @opportunities: @n_zones values
 * @population: (nullable): @n_origins weights of the mean
 *
 * As tnet_accessibility_compute() for the rows of @origins only: row o is
 * the row of origin @origins[o] in tnet_accessibility_compute() over
 * @zones, value for value, whatever the other origins. Lets a scan over
 * many origins be split into blocks (one process or machine each) whose
 * rows are put together afterwards; the mean is then the caller's to
 * recompute over all the rows (the mean of a block covers the block).
 * Errors, thread-safety: as tnet_accessibility_compute().
 * Time complexity: one many-to-many query (or n_origins searches; the
 * method follows @n_zones alone) plus O(n_origins * n_zones * n_cutoffs).
 */
TNET_API TnetAccessibility *tnet_accessibility_compute_origins (const TnetNetwork *net,
                                                                TnetMultimodal *graph,
                                                                const TnetId *origins,
                                                                guint n_origins,
                                                                const TnetId *zones,
                                                                guint n_zones,
                                                                const double *opportunities,
                                                                const double *population,
                                                                const double *cutoffs_min,
                                                                guint n_cutoffs,
                                                                const TnetCommuteOptions *opts,
                                                                GError **error);
TNET_API void tnet_accessibility_free (TnetAccessibility *acc);

TNET_API guint tnet_accessibility_n_origins (const TnetAccessibility *acc);
TNET_API guint tnet_accessibility_n_cutoffs (const TnetAccessibility *acc);
TNET_API double tnet_accessibility_cutoff_min (const TnetAccessibility *acc, guint c);
/* A(o, cutoff c). O(1). */
TNET_API double tnet_accessibility_value (const TnetAccessibility *acc, guint o, guint c);
/* The population-weighted mean of A(., c) over the origins; NAN when the
 * weights sum to 0. O(1). */
TNET_API double tnet_accessibility_mean (const TnetAccessibility *acc, guint c);
/* The sum of all opportunities (the most any origin can reach). O(1). */
TNET_API double tnet_accessibility_total (const TnetAccessibility *acc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetAccessibility, tnet_accessibility_free)

G_END_DECLS
