/* tnet-osm.h: OpenStreetMap road import (.osm.pbf and .osm through readosm). */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>

G_BEGIN_DECLS

/**
 * TnetOsmHighway:
 * The `highway=*` values a car may use. Every other value (footway,
 * cycleway, path, steps, pedestrian, track, bridleway, construction,
 * proposed, bus_guideway, raceway, platform, corridor, …) is skipped.
 */
typedef enum {
  TNET_OSM_MOTORWAY,
  TNET_OSM_MOTORWAY_LINK,
  TNET_OSM_TRUNK,
  TNET_OSM_TRUNK_LINK,
  TNET_OSM_PRIMARY,
  TNET_OSM_PRIMARY_LINK,
  TNET_OSM_SECONDARY,
  TNET_OSM_SECONDARY_LINK,
  TNET_OSM_TERTIARY,
  TNET_OSM_TERTIARY_LINK,
  TNET_OSM_UNCLASSIFIED,
  TNET_OSM_RESIDENTIAL,
  TNET_OSM_LIVING_STREET,
  TNET_OSM_SERVICE,
  TNET_OSM_ROAD,
  TNET_OSM_N_HIGHWAYS
} TnetOsmHighway;

/**
 * TnetOsmOptions:
 * @speed_kmh: default speed per highway class, used when a way has no
 *   usable `maxspeed` (see tnet_osm_options_init() for the values)
 * @use_maxspeed: take `maxspeed` into account (default %TRUE)
 * @contract_degree2: merge chains of nodes that only join two segments of
 *   the same road into one link (default %FALSE, see
 *   tnet_network_load_osm())
 * @walk_ways: also import the walk profile's own ways (default %FALSE): see
 *   tnet_network_load_osm()
 * @parking: also import the parking places (default %FALSE): see
 *   tnet_network_load_osm()
 * @progress: called every 65536 OSM nodes and ways read, with their count
 *   so far (unit "nodes and ways", total 0: unknown), or %NULL
 * @progress_data: passed to @progress
 * @cancellable: (nullable): checked where @progress would be called; once
 *   cancelled, the import stops there
 *
 * Initialise with tnet_osm_options_init() before changing fields.
 */
typedef struct {
  double speed_kmh[TNET_OSM_N_HIGHWAYS];
  gboolean use_maxspeed;
  gboolean contract_degree2;
  gboolean walk_ways;
  gboolean parking;
  TnetProgressFunc progress;
  gpointer progress_data;
  GCancellable *cancellable;
} TnetOsmOptions;

/**
 * tnet_osm_options_init:
 * Fills @opts with the defaults: speeds (km/h) motorway 120, motorway_link
 * 60, trunk 100, trunk_link 50, primary 80, primary_link 40, secondary 60,
 * secondary_link 40, tertiary 50, tertiary_link 30, unclassified 40,
 * residential 30, living_street 10, service 15, road 30; maxspeed used; no
 * degree-2 contraction; no progress callback, no cancellable.
 * Errors: none (%NULL is a programming error). Thread-safe. Time
 * complexity: O(1).
 */
TNET_API void tnet_osm_options_init (TnetOsmOptions *opts);

/* The OSM tag value of @hw ("motorway", …; static) and back (FALSE when
 * unknown; @out may be %NULL). Errors: a value out of range is a
 * programming error (g_critical, %NULL). Thread-safe (constant table).
 * Time complexity: O(1) (O(number of classes) back). */
TNET_API const char *tnet_osm_highway_to_string (TnetOsmHighway hw);
TNET_API gboolean tnet_osm_highway_from_string (const char *s, TnetOsmHighway *out);

/**
 * tnet_osm_parse_maxspeed:
 * Parses an OSM `maxspeed` value: a number in km/h ("50"), a number with
 * "mph" ("30 mph"), "none" or a country/zone code ("PT:urban", "walk",
 * "signals", …). The first of several `;`-separated values counts.
 * Returns: the speed in km/h, or NAN when the value does not give one (the
 * caller then uses the class default).
 * Errors: none (NAN is the answer for any unusable text, %NULL included).
 * Thread-safe (locale-independent parsing). Time complexity: O(length of
 * @value).
 */
TNET_API double tnet_osm_parse_maxspeed (const char *value);

/**
 * tnet_network_load_osm:
 * @path: a `.osm.pbf` or `.osm` file (readosm decides by the suffix)
 * @opts: (nullable): import options; %NULL for the defaults
 *
 * Builds a road network from the ways of @path that carry a car
 * `highway=*` (#TnetOsmHighway) and are not closed to cars:
 *
 * - skipped: `area=yes`; `access`/`vehicle`/`motor_vehicle`/`motorcar` =
 *   no/private/agricultural/forestry/delivery/customers/emergency (the most
 *   specific of these tags present decides); `oneway` =
 *   reversible/alternating;
 * - direction: `oneway` = yes/1/true runs along the way, -1/reverse against
 *   it, no/0/false both ways; `junction=roundabout`/`circular` and
 *   motorways (`motorway`, `motorway_link`) are oneway unless tagged
 *   otherwise;
 * - speed: `maxspeed` when it is a number (km/h or mph, clamped to
 *   1..300), else the class default of @opts;
 * - mode: motorway(_link) → expressway; trunk(_link), primary(_link) →
 *   trunk; others → road; the link's class is the highway value, its line
 *   the way's `ref` (else its `name`), its source "osm:w<way id>";
 * - length: haversine over the way's nodes (sphere of radius 6371008.8 m),
 *   at least 0.1 m per link.
 *
 * With @opts->walk_ways, the ways only pedestrians use are imported too,
 * as `walk` links both ways (no speed: the walking speed applies): highway
 * = footway (sidewalks and crossings are tagged footway=sidewalk /
 * crossing), path, pedestrian, steps, and cycleway when `foot` = yes /
 * designated / permissive; skipped when `foot` says otherwise, when
 * `access` closes them and `foot` does not reopen them, and for area=yes.
 * Their class is the highway value, their line the `name`. Streets a car
 * may use stay as above (pedestrians walk residential streets and the
 * like; the walking rule is that of #TnetTransitOptions.walk_on_roads).
 *
 * With @opts->parking, every parking place a car may use becomes a node of
 * kind `parking`, not linked to anything (tnet_folder_init() links it): an
 * OSM node, or the centroid (mean of the distinct nodes) of a closed way,
 * tagged `amenity=parking`, `amenity=park_ride` or `park_ride=*` other
 * than `no`, unless `motorcar`, `motor_vehicle` or `access` (the first of
 * them present) says `private` or `no`. Its id is `parking:n<node id>` or
 * `parking:w<way id>`, its name the `name` tag, its source `osm:n<id>` /
 * `osm:w<id>`. Relations (multipolygon car parks) are not read, nor a way
 * that refers to a node missing from the file.
 *
 * Node ids are the OSM node ids as decimal strings (kind junction, no
 * name); link ids are `w<way id>_<k>`, k counting the way's links from 0.
 * Without @opts->contract_degree2 every node of a kept way is a network
 * node and every pair of consecutive nodes a link. With it, only way ends
 * and nodes shared by several way segments remain; the links between them
 * keep the full length along the way and its shape: a link that stands for
 * more than one segment gets the way's polyline from its @from node to its
 * @to node (tnet_network_link_geometry()), whose haversine length is the
 * link's length. Self-loops left by
 * contraction are dropped. A way that refers to a node missing from the
 * file (clipped extracts) is split there.
 *
 * Errors: %TNET_ERROR_IO when @path cannot be opened;
 * %TNET_ERROR_INVALID_INPUT when it is not a readable OSM file (the message
 * names the file and readosm's reason); %G_IO_ERROR_CANCELLED when
 * @opts->cancellable is cancelled. Nothing half-built is returned.
 * Thread-safety: reentrant (each call reads the file through its own
 * parser; @opts->progress is called from the calling thread).
 * Time complexity: O(size of the file) expected (hashing of node ids).
 * Memory: about 32 bytes per OSM node of the file plus the kept ways.
 */
TNET_API TnetNetwork *tnet_network_load_osm (const char *path, const TnetOsmOptions *opts,
                                             GError **error);

G_END_DECLS
