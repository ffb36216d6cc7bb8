/* tnet-init.h: building a network folder from public inputs (OSM, GTFS
 * feeds, zones, regions). */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>
#include <tnet/tnet-osm.h>
#include <tnet/tnet-scenario.h>

G_BEGIN_DECLS

/**
 * TnetInitOptions:
 * @osm_path: the OpenStreetMap extract (.osm.pbf or .osm), required
 * @gtfs_paths: (nullable): %NULL-terminated GTFS feeds (folders or zips)
 * @gtfs_prefixes: (nullable): one id prefix per feed; %NULL: the feed's
 *   file name without extension (made unique with "_2", "_3", ...)
 * @zones_path: the zones: CSV `id,lon,lat,...` or GeoJSON
 *   (tnet_zone_table_load()), required
 * @regions_path: (nullable): GeoJSON polygons of the regions; a region's id
 *   is the feature's `id` or property `id`, else property @region_name_key;
 *   its name the property @region_name_key when present
 * @region_column: (nullable): the zone column that names each zone's region
 *   (instead of @regions_path)
 * @region_name_key: property naming a region polygon (default "name")
 * @population_column: the zone column copied into nodes.csv `population`
 *   (default "population"; a table without it gives population 0)
 * @name: (nullable): the data set's name (default: the folder's base name)
 * @osm: road import options; @osm.contract_degree2 is forced on, so each
 *   link between junctions keeps its way's polyline
 * @access_speed_kmh: speed of access links (zone to street, default 4.8)
 *   and of the walk links from stops to the street
 * @access_detour: straight-line distance factor of those links (1.2)
 * @access_max_m: a zone or stop farther than this from every street node it
 *   could use is not linked (default 2000; zones left unlinked are counted)
 * @access_links: access links per zone and mode (default 1): to the @k
 *   nearest nodes of the car network, and to the @k nearest nodes of the
 *   walking network when those differ
 * @progress: (nullable): called at the start (0 of 1 "step") and end (1 of
 *   1) of every step with the step's name as label (and while the OSM
 *   file is read, unless @osm has its own)
 * @progress_data: passed to @progress
 * @cancellable: (nullable): checked at the start and end of every step
 *   (and while the OSM file is read, unless @osm has its own); once
 *   cancelled, the run stops there
 *
 * Initialise with tnet_init_options_init().
 */
typedef struct {
  const char *osm_path;
  const char *const *gtfs_paths;
  const char *const *gtfs_prefixes;
  const char *zones_path;
  const char *regions_path;
  const char *region_column;
  const char *region_name_key;
  const char *population_column;
  const char *name;
  TnetOsmOptions osm;
  double access_speed_kmh;
  double access_detour;
  double access_max_m;
  guint access_links;
  TnetProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
} TnetInitOptions;

/* Sets @opts to the defaults: no inputs, tnet_osm_options_init() for the
 * roads, regions named by `name`, population from `population`, access
 * at 4.8 km/h × 1.2 within 2000 m to the nearest node, no progress, no
 * cancellable.
 * Errors: none (%NULL is a programming error). Thread-safe. Time
 * complexity: O(1). */
TNET_API void tnet_init_options_init (TnetInitOptions *opts);

/**
 * TnetInitStats:
 * What tnet_folder_init() built: counts of the written folder.
 * @n_road_nodes / @n_road_links: from OSM after contraction
 * @n_car_nodes: road nodes in the largest strongly connected car component
 *   (the only ones zones snap to for driving)
 * @n_walk_nodes: road nodes in the largest connected walking component
 * @n_zones_unlinked: zones farther than @access_max_m from both networks
 * @n_stops / @n_stops_linked: feed stops (nodes of kind stop or station)
 *   and those given a walk link to the street
 * @n_parking / @n_parking_linked: parking places read from OSM (nodes of
 *   kind parking) and those joined to the car network
 * @max_access_m: the longest access link (metres, straight line)
 */
typedef struct {
  guint n_road_nodes;
  guint n_road_links;
  guint n_car_nodes;
  guint n_walk_nodes;
  guint n_zones;
  guint n_zones_unlinked;
  guint n_access_links;
  guint n_feeds;
  guint n_stops;
  guint n_stops_linked;
  guint n_parking;
  guint n_parking_linked;
  guint n_regions;
  double max_access_m;
} TnetInitStats;

/**
 * tnet_folder_init:
 * @dir: the folder to write (created if needed; the files below are
 *   replaced, others left alone)
 * @stats_out: (nullable): receives the counts
 *
 * Assembles a network folder a planner can analyse at once:
 *
 * 1. roads from @osm_path (tnet_network_load_osm() with degree-2
 *    contraction and the walk profile, #TnetOsmOptions.walk_ways), each
 *    link's polyline in `link_geometry.csv`; footways are walked, never
 *    driven (the car network below leaves them out);
 * 2. the feeds, each checked with tnet_feed_load(), merged into `gtfs/`
 *    with every id prefixed "PREFIX:" (so two agencies of one city ride
 *    together); each stop becomes a node (kind station when the feed says
 *    location_type 1 or a rail or metro route calls there, else stop) whose
 *    id is the prefixed stop_id, joined by a `walk` link to the nearest
 *    node of the walking network;
 *    every parking place of the OSM file (#TnetOsmOptions.parking) a node
 *    of kind parking, joined to the nearest node of the car network (its
 *    largest strongly connected component) within @access_max_m by a
 *    two-way `road` link of class `service` at 15 km/h, id
 *    "PARKING-ID:road", of the straight-line length (park-and-ride drives to it: #TnetParkRide);
 * 3. zones as nodes of kind zone (id = the zone id, population from
 *    @population_column, region), each joined by `access` links to the
 *    nearest @access_links nodes of the car network (its largest strongly
 *    connected component, so every zone can be left and reached by car)
 *    and of the walking network (footways and the road links a pedestrian
 *    may use, see #TnetTransitOptions.walk_on_roads; its largest connected
 *    component);
 *    nearest by a k-d tree; time = straight-line distance × @access_detour
 *    at @access_speed_kmh, length = straight-line distance;
 * 4. regions: from the polygons (point in polygon; a zone in none gets
 *    region "other") or from @region_column; `regions.csv` (id,name,name_en);
 * 5. `zones.csv`: the zone table with a `region` column (every column of
 *    the input kept: the numeric ones are the opportunities of
 *    `tnet accessibility`);
 * 6. `nodes.csv`, `links.csv` (tnet_network_save_csv());
 * 7. `plan.ini`: a skeleton naming the data set, its zones, regions and
 *    feed, for the planner to complete.
 *
 * Errors: those of the readers (located "FILE:LINE:COLUMN" messages),
 * %TNET_ERROR_INVALID_INPUT when a zone id equals a road node id, when
 * @region_column is not a column of the zones, when no zone can be linked;
 * %TNET_ERROR_IO when a file cannot be written; %G_IO_ERROR_CANCELLED when
 * @opts->cancellable is cancelled. Inputs are all read and checked before anything
 * is written into @dir.
 * Thread-safety: reentrant.
 * Time complexity: O(OSM file + feeds + (zones + stops) log(road nodes)).
 */
TNET_API gboolean tnet_folder_init (const char *dir, const TnetInitOptions *opts,
                                    TnetInitStats *stats_out, GError **error);

/**
 * TnetAccessCandidate:
 * One access link tnet_folder_init() would create for a zone at a point.
 * @node: the street node (a node of kind junction of the network)
 * @network: %TNET_MODE_ROAD when @node is among the nearest nodes of the
 *   car network, %TNET_MODE_WALK when only among those of the walking
 *   network (a node nearest in both is listed once, as road)
 * @distance_m: straight-line (great-circle) distance from the point, metres
 * @time_ms: the access time in milliseconds, tnet_init_access_time_ms() of
 *   @distance_m
 */
typedef struct {
  TnetId node;
  TnetMode network;
  double distance_m;
  TnetWeight time_ms;
} TnetAccessCandidate;

/**
 * tnet_init_access_time_ms:
 * The time of an access or stop walk link of straight-line length
 * @distance_m (at least 0.1 m) under @opts: length × @access_detour at
 * @access_speed_kmh, in milliseconds, rounded to the nearest millisecond
 * (tnet_weight_from_min() of the minutes). tnet_folder_init() writes the
 * unrounded minutes in `links.csv`'s `time_min`; read back, they give this
 * time again.
 * Errors: none. Thread-safety: pure. Time complexity: O(1).
 */
TNET_API TnetWeight tnet_init_access_time_ms (const TnetInitOptions *opts, double distance_m);

/**
 * tnet_network_snap_points:
 * @net: a network whose street nodes are its nodes of kind junction (as
 *   tnet_folder_init() writes them; borrowed)
 * @scen: (nullable): when given, only the links it makes active
 *   (tnet_scenario_link_active()) make up the street networks
 * @opts: (nullable): the access options (@access_speed_kmh,
 *   @access_detour, @access_max_m, @access_links); %NULL: the defaults of
 *   tnet_init_options_init(); the other fields are ignored
 * @lonlat: @n_points points, lon then lat, in degrees
 * @first_out: (out) (transfer full): @n_points + 1 offsets: the candidates
 *   of point i are @candidates_out[first[i] .. first[i+1]); free with g_free()
 * @candidates_out: (out) (transfer full): the candidates, nearest first
 *   within each network, car network before walking network; g_free()
 *   (%NULL when there is none)
 *
 * For each point, the access links tnet_folder_init() would give a zone
 * there: the @access_links nearest nodes of the largest strongly connected
 * component of the car network (street links between junctions, walk links
 * excepted, both ways unless one-way) and the @access_links nearest of the
 * largest connected component of the walking network, each kept when
 * within @access_max_m. tnet_folder_init() snaps its zones with this code.
 *
 * A point farther than @access_max_m from every node it could use is not an
 * error: it gets no candidate (first[i] == first[i+1]), as a zone left
 * unlinked by `tnet init`.
 *
 * Errors: %TNET_ERROR_INVALID_INPUT when a coordinate is not finite or
 * out of range ("point I: ..."), when @opts holds out-of-range access
 * options, when @net has no street link. On error nothing is returned.
 * Thread-safety: reentrant; @net and @scen are only read.
 * Time complexity: O(n + m) to find the components and O(n log n) to index
 * them, then O(log n + @access_links) expected per point.
 */
TNET_API gboolean tnet_network_snap_points (const TnetNetwork *net, const TnetScenario *scen,
                                            const TnetInitOptions *opts, const double *lonlat,
                                            guint n_points, guint **first_out,
                                            TnetAccessCandidate **candidates_out,
                                            GError **error);

G_END_DECLS
