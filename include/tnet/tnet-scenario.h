/* tnet-scenario.h: which links exist in a year, closures and overrides. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>

G_BEGIN_DECLS

/**
 * TnetScenario:
 * A year (links with open_year <= year), a status filter (default: every
 * status but study), closures (link ids or whole line names) and overrides
 * of a link's speed or fixed time. Also carries the scenario's name and the
 * transit headway factor per line (a service cut doubles a line's headway).
 * Single owner, mutable; free with tnet_scenario_free().
 */
typedef struct _TnetScenario TnetScenario;

/* Every function of a scenario follows one rule: a scenario is single-owner
 * and mutable, so its readers (get_*, validate, link_*) may run in several
 * threads at once only while no thread changes it (set_*, close_*,
 * override_*), as any GLib container; a %NULL argument or a value out of
 * range is a programming error (g_critical, no effect); none sets a GError
 * but tnet_scenario_validate(). Lookups by id or line are hash lookups. */

/* A new scenario of @year with the default statuses and nothing closed or
 * overridden; free frees one (%NULL is ignored); copy is a deep copy.
 * Errors: none. Thread-safety: the scenario rule above. Time complexity:
 * O(1) to create, O(closures + overrides) to free or copy. */
TNET_API TnetScenario *tnet_scenario_new (int year);
TNET_API void tnet_scenario_free (TnetScenario *scen);
TNET_API TnetScenario *tnet_scenario_copy (const TnetScenario *scen);

/* The scenario's name (copied; a view valid until it changes) and year.
 * Errors: none. Thread-safety: the scenario rule above. Time complexity:
 * O(1) (set_name: O(length of @name)). */
TNET_API void tnet_scenario_set_name (TnetScenario *scen, const char *name);
TNET_API const char *tnet_scenario_get_name (const TnetScenario *scen);
TNET_API int tnet_scenario_get_year (const TnetScenario *scen);
TNET_API void tnet_scenario_set_year (TnetScenario *scen, int year);
/* A mask of TNET_STATUS_BIT(); the default leaves out TNET_STATUS_STUDY.
 * Bits beyond the statuses are dropped. Errors: none. Thread-safety: the
 * scenario rule above. Time complexity: O(1). */
TNET_API void tnet_scenario_set_statuses (TnetScenario *scen, guint status_mask);
TNET_API guint tnet_scenario_get_statuses (const TnetScenario *scen);

/* Closures name a link id or a line (copied); checked against a network
 * when the scenario is applied (tnet_scenario_validate). Errors: none.
 * Thread-safety: the scenario rule above. Time complexity: O(1) expected
 * (plus the length of the name). */
TNET_API void tnet_scenario_close_link (TnetScenario *scen, const char *link_id);
TNET_API void tnet_scenario_close_line (TnetScenario *scen, const char *line);

/* Overrides: speed (km/h) or fixed time (ms) of one link; a later call
 * replaces an earlier one for the same link and field. A time override is
 * the link's time (tnet_scenario_link_time_ms(): at least 1 ms, at most
 * %TNET_WEIGHT_MAX); a scenario file's `LINK.time_min` (minutes) is
 * converted with tnet_weight_from_min() where it is read.
 * Errors: none (a non-positive speed or a negative time is a programming
 * error). Thread-safety: the scenario rule above. Time complexity: O(1)
 * expected. */
TNET_API void tnet_scenario_override_speed (TnetScenario *scen, const char *link_id,
                                            double speed_kmh);
TNET_API void tnet_scenario_override_time_ms (TnetScenario *scen, const char *link_id,
                                              TnetWeight time_ms);
/* Multiplies the headway of every transit service of @line (>= 0.01); get
 * returns 1 for a line without a factor. Errors: none (a factor below 0.01
 * or not finite is a programming error). Thread-safety: the scenario rule
 * above. Time complexity: O(1) expected. */
TNET_API void tnet_scenario_set_headway_factor (TnetScenario *scen, const char *line,
                                                double factor);
TNET_API double tnet_scenario_get_headway_factor (const TnetScenario *scen,
                                                  const char *line);

/**
 * tnet_scenario_validate:
 * Checks that every closed link and line and every overridden link exists
 * in @net. Fails with %TNET_ERROR_NOT_FOUND naming the first unknown one.
 * Thread-safety: reads @scen and @net only.
 * Time complexity: O(closures + overrides) expected.
 */
TNET_API gboolean tnet_scenario_validate (const TnetScenario *scen,
                                          const TnetNetwork *net, GError **error);

/* TRUE when link @i of @net is open in the scenario: its open_year is 0 or
 * <= the year, its status is allowed, no tag `until:YYYY` has YYYY < year
 * (a link replaced later, e.g. by an upgraded road), and it is not closed.
 * Errors: a link out of range is a programming error (g_critical, FALSE).
 * Thread-safety: reads @scen and @net only. Time complexity: O(tags of the
 * link) plus O(1) expected for the closures. */
TNET_API gboolean tnet_scenario_link_active (const TnetScenario *scen,
                                             const TnetNetwork *net, TnetId i);

/* TRUE when link @i is closed by the scenario (tnet_scenario_close_link() or
 * tnet_scenario_close_line() of its line), whatever its year and status:
 * maps draw such links as closed. Errors: a link out of range is a
 * programming error (g_critical, FALSE). Thread-safety: reads @scen and
 * @net only. O(1) expected. */
TNET_API gboolean tnet_scenario_link_closed (const TnetScenario *scen,
                                             const TnetNetwork *net, TnetId i);

/**
 * tnet_scenario_link_time_ms:
 * Travel time of link @i in milliseconds: the scenario's override if any,
 * else the link's time_ms (unless %TNET_WEIGHT_INF, "none"), else length /
 * (speed or the default speed of its mode and class). Rounded to the
 * nearest ms, at least 1, at most TNET_WEIGHT_MAX.
 * Errors: a link out of range is a programming error (g_critical,
 * TNET_WEIGHT_MAX). Thread-safety: reads @scen and @net only. Time
 * complexity: O(1) expected.
 */
TNET_API TnetWeight tnet_scenario_link_time_ms (const TnetScenario *scen,
                                                const TnetNetwork *net, TnetId i);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetScenario, tnet_scenario_free)

G_END_DECLS
