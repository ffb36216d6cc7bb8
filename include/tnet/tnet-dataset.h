/* tnet-dataset.h: a network folder loaded once — the network, its GTFS
 * feeds by year, hubs and hub walks, regions, corridors, county-level units,
 * targets and the report plan (plan.ini). The folder's files are described
 * in docs/data-format.md. Analyses take the loaded objects; none of them
 * opens a file. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>
#include <tnet/tnet-scenario.h>
#include <tnet/tnet-profile.h>
#include <tnet/tnet-feed.h>
#include <tnet/tnet-hubs.h>
#include <tnet/tnet-plan-tables.h>
#include <tnet/tnet-zones.h>

G_BEGIN_DECLS

/* ---------------------------------------------------------------- regions */

/**
 * TnetRegion:
 * A row of regions.csv (`id,name,name_en`): the values nodes.csv's region
 * column may take. @name_en is %NULL when the file leaves it empty. Strings
 * are owned by the dataset.
 */
typedef struct {
  const char *id;
  const char *name;
  const char *name_en;
} TnetRegion;

/**
 * TnetCorridorDef:
 * A corridor of corridors.csv (`corridor,name,name_en,line,mode_group`, one
 * row per member line, rows of one corridor need not be adjacent).
 * @lines and @mode_groups hold @n_lines entries each, in file order
 * (@mode_groups[i] is `rail` or `road`), and are %NULL-terminated. Strings
 * are owned by the dataset.
 */
typedef struct {
  const char *id;
  const char *name;
  const char *name_en;
  guint n_lines;
  const char *const *lines;
  const char *const *mode_groups;
} TnetCorridorDef;

/* ------------------------------------------------------------------- plan */

/**
 * TnetPlanPair:
 * A `[pair NAME]` group of plan.ini: the home region and another region,
 * compared by line counts (@count_lines) and disjoint paths
 * (@disjoint_paths). @id (NAME) prefixes the pair's indicator keys
 * (`NAME_rail_lines`, `NAME_road_lines`, `NAME_disjoint_paths`); @label names
 * the other region in the report's details. Strings owned by the plan.
 */
typedef struct {
  const char *id;
  const char *region;
  const char *label;
  gboolean count_lines;
  gboolean disjoint_paths;
} TnetPlanPair;

/**
 * TnetPlanCommute:
 * A `[commute NAME]` group of plan.ini: the door-to-door times from
 * @origins to @destinations (place specs, as tnet_commute_select()) by
 * @n_profiles @profiles within @budget_ms (plan.ini: budget_min, minutes). @key prefixes its
 * indicator keys (`KEY_minutes`, `KEY_<B>min_pct`, `KEY_<B>min_population_pct`,
 * `KEY_changes`, B = the budget in whole minutes); @share_destination is
 * the node id whose population share within the budget is the group's
 * indicator (default: the first destination) and @share_label names it in
 * the text (default: the node's name). When @unit_rows is TRUE the zones of
 * the units table are added to the origins and reported one row per unit.
 * @title is the section's title (default "Commute NAME"). When the group
 * has `depart` (@timetable TRUE) the transit profile follows the timetable
 * of the column's feed (the folder's `gtfs-YEAR`): departures every minute
 * from @depart_s (a clock time: seconds after midnight) over @window_ms
 * (plan.ini: window_min) on @date (YYYYMMDD; 0: the feed's busiest day),
 * walking at most @max_walk_ms (max_walk_min) to the first and from the
 * last stop (default: the budget); a cell's time is the median over the window and the report
 * shows the @n_percentiles @percentiles beside it (default 5, 50, 95).
 * With `depart` park_and_ride follows the same timetable (#TnetParkRide):
 * a drive of at most @drive_budget_ms (drive_budget_min) to a parking
 * place, @park_time_ms (park_time_min) to park, a walk to a stop within @parking_radius_m of it,
 * then the rides (defaults 30 min, 5 min and 400 m, as `tnet commute`).
 * Every duration is in ms (tnet-core.h); the keys keep their minutes. Without
 * `depart` transit and park_and_ride are the frequency approximation. Without
 * @unit_rows the report gives one row per origin node (station to station,
 * say); a group whose origins have no population reports no population
 * share. @reading, when given, says how the group reads the plan's words
 * (shown in the text, `KEY_reading` in the JSON). Strings and arrays owned
 * by the plan.
 */
typedef struct {
  const char *id;
  const char *title;
  const char *key;
  const char *origins;
  const char *destinations;
  const TnetProfile *profiles;
  guint n_profiles;
  TnetWeight budget_ms;
  const char *share_destination;
  const char *share_label;
  gboolean unit_rows;
  const char *reading;
  gboolean timetable;
  gint32 depart_s;
  TnetWeight window_ms;
  guint date;
  TnetWeight max_walk_ms;
  const double *percentiles;
  guint n_percentiles;
  TnetWeight drive_budget_ms;
  TnetWeight park_time_ms;
  double parking_radius_m;
} TnetPlanCommute;

/**
 * TnetPlan:
 * The report plan of a network folder, read from plan.ini (GKeyFile syntax;
 * every group and key is documented in docs/data-format.md). Immutable
 * after loading; owned by its dataset or freed with tnet_plan_free().
 */
typedef struct _TnetPlan TnetPlan;

/**
 * tnet_plan_load:
 * @path: a plan.ini file
 *
 * Reads and checks a plan file on its own (no network needed): unknown
 * groups and keys, a missing `[plan]` group, a key of the wrong type, an
 * unknown profile, a budget, k or top-N out of range all fail with
 * %TNET_ERROR_INVALID_INPUT naming "FILE:LINE:COLUMN" where GKeyFile can
 * tell it (the line of the key), else "FILE: [GROUP] KEY"; an unreadable
 * file with %TNET_ERROR_IO. Names (regions, nodes) are checked against a
 * network by tnet_dataset_load(), not here.
 * Returns: (transfer full): the plan, or %NULL.
 * Thread-safety: reentrant (reads only the file).
 * Time complexity: O(size of the file).
 */
TNET_API TnetPlan *tnet_plan_load (const char *path, GError **error);
/* Frees the plan and every view it handed out; %NULL is ignored. Errors:
 * none. Thread-safety: not while another thread still reads the plan.
 * Time complexity: O(size of the plan). */
TNET_API void tnet_plan_free (TnetPlan *plan);

/* Every tnet_plan_get_*() and tnet_plan_n_*() below only reads the immutable
 * plan: thread-safe, and a %NULL @plan (where not allowed) or an index out
 * of range is a programming error (g_critical, %NULL or 0); they set no
 * GError. */

/**
 * tnet_plan_get_title:
 * @lang: (nullable): a language tag (`zh`, `en`, `pt-BR`), or %NULL
 *
 * The report title: `title[LANG]` when the plan has it, else `title[BASE]`
 * for a tag with a region (`pt` for `pt-BR`), else `title`.
 * Returns: a view owned by the plan.
 * Errors: none. Thread-safe. Time complexity: O(1) expected (hash lookups
 * of the key).
 */
TNET_API const char *tnet_plan_get_title (const TnetPlan *plan, const char *lang);

/**
 * tnet_plan_format_map_title:
 * The map title for @year: the plan's `map_title` with every `{year}`
 * replaced by @year, or %NULL when the plan has no `map_title`.
 * Returns: (transfer full) (nullable): a new string.
 * Errors: none. Thread-safe. Time complexity: O(length of the title).
 */
TNET_API char *tnet_plan_format_map_title (const TnetPlan *plan, int year);
/* The plan's `credit` (where the data come from, for the maps' footer), or
 * %NULL. A view owned by the plan. Errors: none. Thread-safe. O(1). */
TNET_API const char *tnet_plan_get_credit (const TnetPlan *plan);
/* The languages of the maps' legends and labels ([plan] map_languages, e.g.
 * zh;en for "方式 Mode"), %NULL-terminated, or %NULL when not given (the
 * maps are then in English). Each is one tnet_map_language_known() accepts
 * (checked when the plan loads). A view owned by the plan. Errors: none.
 * Thread-safe. O(1). */
TNET_API const char *const *tnet_plan_get_map_languages (const TnetPlan *plan);

/* The home region's id ([plan] home), its label in details text ([plan]
 * home_label, default the id); %NULL when the plan names no home.
 * Errors: none. Thread-safe. Time complexity: O(1) expected. */
TNET_API const char *tnet_plan_get_home (const TnetPlan *plan);
TNET_API const char *tnet_plan_get_home_label (const TnetPlan *plan);

/* File names, relative to the folder, of the units and targets tables
 * ([plan] units, targets; default units.csv and targets.csv).
 * Errors: none. Thread-safe. Time complexity: O(1) expected. */
TNET_API const char *tnet_plan_get_units_file (const TnetPlan *plan);
TNET_API const char *tnet_plan_get_targets_file (const TnetPlan *plan);

/**
 * tnet_plan_get_int / tnet_plan_get_double:
 * @key: one of the numeric keys of the `[report]` group: `top` (top-N
 *   critical links, default 10), `k` (disjoint paths sought, default 5),
 *   `budget_min` (corridor budget, default 60), `detour` (the fastest
 *   disjoint alternatives' detour factor, default 1.5),
 *   `unit_min_lines` (lines a unit needs, default 2), `corridors` (1 when
 *   the report lists the corridors of corridors.csv, default 0)
 *
 * The value the plan gives, else the documented default (@plan may be
 * %NULL: the default). tnet_plan_get_int() truncates the value.
 * Errors: an unknown @key is a programming error (g_critical; NAN from
 * tnet_plan_get_double()). Thread-safe. Time complexity: O(1) expected.
 */
TNET_API int tnet_plan_get_int (const TnetPlan *plan, const char *key);
TNET_API double tnet_plan_get_double (const TnetPlan *plan, const char *key);

/* [report] trunk_classes: the road classes that count as good for the
 * trunk class share (NULL-terminated; NULL when the plan gives none, and
 * the indicator is then not computed). A view owned by the plan.
 * Errors: none. Thread-safe. Time complexity: O(1). */
TNET_API const char *const *tnet_plan_get_trunk_classes (const TnetPlan *plan);

/* [report] critical_pair: the id of the pair whose links are scanned for
 * criticality, or NULL for none. Errors: none. Thread-safe. Time
 * complexity: O(1) expected. */
TNET_API const char *tnet_plan_get_critical_pair (const TnetPlan *plan);

/**
 * tnet_plan_get_name:
 * The display name of indicator key or section id @key from `[names]`, or
 * %NULL when the plan does not rename it (or @plan is %NULL). A view
 * owned by the plan. Errors: none. Thread-safe. Time complexity: O(1)
 * expected.
 */
TNET_API const char *tnet_plan_get_name (const TnetPlan *plan, const char *key);

/* The plan's `[pair ID]` and `[commute ID]` groups in file order; the
 * records are views owned by the plan. Errors: an index out of range is a
 * programming error (g_critical, %NULL). Thread-safe. Time complexity: O(1). */
TNET_API guint tnet_plan_n_pairs (const TnetPlan *plan);
TNET_API const TnetPlanPair *tnet_plan_get_pair (const TnetPlan *plan, guint i);
TNET_API guint tnet_plan_n_commutes (const TnetPlan *plan);
TNET_API const TnetPlanCommute *tnet_plan_get_commute (const TnetPlan *plan, guint i);

/* Single values, views owned by the plan: [data] years as written
 * ("2020-2030") or NULL; [data] scenario, the year of the default scenario,
 * or 0 when not given; [plan] name (the data set's display name) or NULL;
 * [plan] table_header, the heading of the report table's first column, or
 * NULL. Errors: none. Thread-safe. Time complexity: O(1) expected. */
TNET_API const char *tnet_plan_get_years (const TnetPlan *plan);
TNET_API int tnet_plan_get_scenario_year (const TnetPlan *plan);
TNET_API const char *tnet_plan_get_name_value (const TnetPlan *plan);
TNET_API const char *tnet_plan_get_table_header (const TnetPlan *plan);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetPlan, tnet_plan_free)

/* ---------------------------------------------------------------- dataset */

/**
 * TnetDataset:
 * A network folder loaded once. Immutable after tnet_dataset_load() except
 * for the feeds, which are read on first use (under a lock: every accessor
 * is thread-safe). Single owner; free with tnet_dataset_free(). Every
 * returned view is valid until the dataset is freed.
 */
typedef struct _TnetDataset TnetDataset;

/**
 * tnet_dataset_load:
 * @dir: a network folder (docs/data-format.md)
 * @feed_options: (nullable): the options the GTFS feeds are read with
 *   (service day, window), copied; %NULL for the defaults
 *
 * Reads nodes.csv and links.csv (required), then each optional file that is
 * present: plan.ini, regions.csv, corridors.csv, zones.csv, the units and targets
 * tables the plan names (default units.csv, targets.csv), hubs.csv with
 * hub_walks.csv; and lists the GTFS feeds (`gtfs`, `gtfs-YEAR`, folders or
 * .zip) without reading them. Cross-checks: every node region is a
 * regions.csv id (when that file exists), every corridor line is a line
 * of links.csv, every region and node the plan names exists.
 *
 * Errors: %TNET_ERROR_IO (a folder or file that cannot be read),
 * %TNET_ERROR_INVALID_INPUT "FILE:LINE:COLUMN: what was expected" for the
 * first problem of any file. Nothing half-loaded is returned.
 * Thread-safety: reentrant (reads only the folder).
 * Time complexity: O(size of the files read).
 */
TNET_API TnetDataset *tnet_dataset_load (const char *dir, const TnetFeedOptions *feed_options,
                                         GError **error);
/* Frees the dataset, its feeds and every view it handed out; %NULL is
 * ignored. Errors: none. Thread-safety: not while another thread still uses
 * the dataset. Time complexity: O(size of what was loaded). */
TNET_API void tnet_dataset_free (TnetDataset *ds);

/* The accessors below read only what tnet_dataset_load() built: thread-safe,
 * no GError; a %NULL @ds or an index out of range is a programming error
 * (g_critical, %NULL or 0). */

/* The folder as given, and its display name: the plan's [plan] name, else
 * the folder's base name. Errors: none. Thread-safe. Time complexity: O(1). */
TNET_API const char *tnet_dataset_get_dir (const TnetDataset *ds);
TNET_API const char *tnet_dataset_get_name (const TnetDataset *ds);

/* The network (nodes.csv, links.csv; never NULL). Errors: none.
 * Thread-safe. Time complexity: O(1). */
TNET_API const TnetNetwork *tnet_dataset_get_network (const TnetDataset *ds);
/* The plan, units, targets and hubs: each is NULL when the folder lacks the
 * file. Errors: none. Thread-safe. Time complexity: O(1). */
TNET_API const TnetPlan *tnet_dataset_get_plan (const TnetDataset *ds);
TNET_API const TnetUnitTable *tnet_dataset_get_units (const TnetDataset *ds);
TNET_API const TnetTargetTable *tnet_dataset_get_targets (const TnetDataset *ds);
TNET_API const TnetHubSet *tnet_dataset_get_hubs (const TnetDataset *ds);
/* zones.csv (the zones and their opportunity columns, docs/data-format.md),
 * read by tnet_dataset_load() with tnet_zone_table_load() and its errors;
 * NULL without the file. This getter sets no error. Thread-safe. Time
 * complexity: O(1). */
TNET_API const TnetZoneTable *tnet_dataset_get_zones (const TnetDataset *ds);

/* regions.csv (0 regions when absent); find returns NULL for an unknown id.
 * Errors: an index out of range is a programming error (g_critical, NULL).
 * Thread-safe. Time complexity: O(1); find O(regions) (a linear scan). */
TNET_API guint tnet_dataset_n_regions (const TnetDataset *ds);
TNET_API const TnetRegion *tnet_dataset_get_region (const TnetDataset *ds, guint i);
TNET_API const TnetRegion *tnet_dataset_find_region (const TnetDataset *ds, const char *id);
/**
 * tnet_dataset_n_region_outlines:
 * The rings of the folder's optional `regions.geojson` (docs/data-format.md):
 * every ring (outer or hole) of every feature, in file order; 0 without the
 * file. tnet_dataset_get_region_outline() gives ring @i's region id (a
 * regions.csv id when the folder has one) and its @n_points lon/lat pairs,
 * closed (the last point repeats the first); views valid while @ds lives.
 * Errors: a ring out of range is a programming error (g_critical, %NULL).
 * Thread-safe. Time complexity: O(1).
 */
TNET_API guint tnet_dataset_n_region_outlines (const TnetDataset *ds);
TNET_API const double *tnet_dataset_get_region_outline (const TnetDataset *ds, guint i,
                                                        const char **region,
                                                        guint *n_points);

/* corridors.csv (0 corridors when absent), corridors in order of first row;
 * find returns NULL for an unknown id. Errors: an index out of range is a
 * programming error (g_critical, NULL). Thread-safe. Time complexity: O(1);
 * find O(corridors) (a linear scan). */
TNET_API guint tnet_dataset_n_corridors (const TnetDataset *ds);
TNET_API const TnetCorridorDef *tnet_dataset_get_corridor (const TnetDataset *ds, guint i);
TNET_API const TnetCorridorDef *tnet_dataset_find_corridor (const TnetDataset *ds,
                                                            const char *id);

/**
 * tnet_dataset_get_feed_years:
 * @n_years: (out): the number of years
 * The years of the folder's `gtfs-YEAR` feeds, ascending (a plain `gtfs`
 * feed has no year and is not listed). A view owned by the dataset.
 * Errors: none. Thread-safe. Time complexity: O(1).
 */
TNET_API const int *tnet_dataset_get_feed_years (const TnetDataset *ds, guint *n_years);

/**
 * tnet_dataset_get_feed:
 * @year: a scenario year
 *
 * The feed for @year (the rule of tnet_feed_path_for_year(): `gtfs-YEAR`,
 * else the latest earlier `gtfs-Y`, else `gtfs`), read on first use and
 * kept. Sets *@feed_out to %NULL and returns %TRUE when the folder has no
 * feed for @year.
 * Errors: those of tnet_feed_load(); a failed read is not retried.
 * Returns: %TRUE on success. *@feed_out is a view owned by the dataset.
 * Thread-safe. Time complexity: O(size of the feed) the first time, O(1)
 * after.
 */
TNET_API gboolean tnet_dataset_get_feed (const TnetDataset *ds, int year,
                                         const TnetFeed **feed_out, GError **error);

/**
 * tnet_dataset_check_year:
 * Whether @year lies within the years the folder describes: plan.ini's
 * `[data] years` (a list of years and FIRST-LAST ranges, e.g.
 * `2020-2030` or `2020;2025`), else up to the latest of the years the data
 * name (`gtfs-YEAR` feeds, links.csv `open_year`, hub `open_year`),
 * starting at the earliest feed year when there are feeds; a folder that
 * names no year at all accepts every year.
 * Fails with %TNET_ERROR_INVALID_INPUT "YEAR is outside the years the data
 * describe (…)" naming the years available.
 * Thread-safe (reads only the dataset). Time complexity: O(ranges).
 */
TNET_API gboolean tnet_dataset_check_year (const TnetDataset *ds, int year, GError **error);

/**
 * tnet_dataset_get_years_text:
 * The years the folder describes as text ("2020-2030", "2020, 2025", or
 * "any year"). A view owned by the dataset.
 * Errors: none. Thread-safe. Time complexity: O(1).
 */
TNET_API const char *tnet_dataset_get_years_text (const TnetDataset *ds);

/**
 * tnet_dataset_get_baseline_year:
 * The earliest year the folder describes (the first year of plan.ini's
 * `[data] years`, else the earliest `gtfs-YEAR` feed, link or hub year when
 * there are feeds), the report's baseline; 0 when the data give no first
 * year (no year at all, or open-ended years without a feed).
 * Errors: none. Thread-safe. Time complexity: O(1).
 */
TNET_API int tnet_dataset_get_baseline_year (const TnetDataset *ds);

/**
 * tnet_dataset_get_scenario_year:
 * The year of the scenario every command uses when none is given: plan.ini's
 * `[data] scenario` (checked at load to lie within the years described), else
 * the current calendar year brought within the years the folder describes
 * (the last described year when the data end earlier, the first when they
 * start later).
 * Errors: none. Thread-safe (reads the clock, in UTC). Time complexity:
 * O(ranges).
 */
TNET_API int tnet_dataset_get_scenario_year (const TnetDataset *ds);

/**
 * tnet_dataset_validate_scenario:
 * tnet_dataset_check_year() for @scen's year, then tnet_scenario_validate()
 * against the network.
 * Errors: those two functions' (%TNET_ERROR_INVALID_INPUT, or
 * %TNET_ERROR_NOT_FOUND for a scenario naming unknown links or lines);
 * %FALSE then. Thread-safe: @ds and @scen are only read.
 * Time complexity: O(ranges) plus tnet_scenario_validate()'s.
 */
TNET_API gboolean tnet_dataset_validate_scenario (const TnetDataset *ds,
                                                  const TnetScenario *scen, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetDataset, tnet_dataset_free)

G_END_DECLS
