/* tnet-network.h: the editable network model (nodes and links). */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-core.h>

G_BEGIN_DECLS

typedef enum {
  TNET_MODE_EXPRESSWAY,
  TNET_MODE_TRUNK,
  TNET_MODE_ROAD,
  TNET_MODE_HSR,
  TNET_MODE_RAIL,
  TNET_MODE_SUBURBAN,
  TNET_MODE_METRO,
  TNET_MODE_BUS,
  TNET_MODE_WALK,
  TNET_MODE_ACCESS,
  TNET_N_MODES
} TnetMode;

/* Bit masks over TnetMode, for graph compilation and analyses. */
#define TNET_MODE_BIT(m) (1u << (m))
#define TNET_MODES_ROAD (TNET_MODE_BIT (TNET_MODE_EXPRESSWAY) | \
                         TNET_MODE_BIT (TNET_MODE_TRUNK) | \
                         TNET_MODE_BIT (TNET_MODE_ROAD))
#define TNET_MODES_RAIL (TNET_MODE_BIT (TNET_MODE_HSR) | \
                         TNET_MODE_BIT (TNET_MODE_RAIL) | \
                         TNET_MODE_BIT (TNET_MODE_SUBURBAN))
#define TNET_MODES_ALL ((1u << TNET_N_MODES) - 1u)

typedef enum {
  TNET_STATUS_EXISTING,
  TNET_STATUS_CONSTRUCTION,
  TNET_STATUS_PLANNED,
  TNET_STATUS_STUDY,
  TNET_N_STATUSES
} TnetStatus;
#define TNET_STATUS_BIT(s) (1u << (s))

typedef enum {
  TNET_NODE_ZONE,
  TNET_NODE_STATION,
  TNET_NODE_STOP,
  TNET_NODE_INTERCHANGE,
  TNET_NODE_JUNCTION,
  TNET_NODE_PLACE,
  TNET_NODE_PARKING,
  TNET_N_NODE_KINDS
} TnetNodeKind;

/**
 * TnetNode:
 * A node record. Strings are owned by the network (interned); %NULL where
 * the file left the optional column empty. @population is 0 when unknown.
 */
typedef struct {
  const char *id;
  const char *name;
  const char *name_en;
  const char *county;
  const char *region;
  const char *source;
  const char *confidence;
  TnetNodeKind kind;
  double lon;
  double lat;
  double population;
} TnetNode;

/**
 * TnetLink:
 * A link record. @from and @to are node indices. @length_m is in metres;
 * @speed_kmh is NAN when not given. @time_ms is the link's fixed travel
 * time in milliseconds, %TNET_WEIGHT_INF when it has none (0 is a time:
 * the graph weighs it 1 ms); when given it overrides length/speed. The
 * readers convert `links.csv`'s `time_min` column once, with
 * tnet_weight_from_min() (to the nearest millisecond), and
 * tnet_network_save_csv() writes tnet_weight_to_min() of it. @open_year is
 * 0 when the link predates every scenario. @tags is a %NULL-terminated
 * array (never %NULL itself).
 */
typedef struct {
  const char *id;
  const char *line;
  const char *road_class;
  const char *source;
  const char *confidence;
  const char *const *tags;
  TnetId from;
  TnetId to;
  TnetMode mode;
  TnetStatus status;
  double length_m;
  double speed_kmh;
  TnetWeight time_ms;
  int open_year;
  gboolean oneway;
} TnetLink;

typedef struct _TnetNetwork TnetNetwork;

/* Creates an empty network; tnet_network_free() frees one and everything it
 * handed out (%NULL is ignored). A network is single-owner and mutable:
 * its functions may run in several threads at once only while none of them
 * changes it (add_*, set_*), as any GLib container. Errors: none. Time
 * complexity: O(1) to create, O(n + m + size of the strings) to free. */
TNET_API TnetNetwork *tnet_network_new (void);
TNET_API void tnet_network_free (TnetNetwork *net);

/**
 * tnet_network_add_node:
 * Copies @node (its strings too) into @net. Fails with
 * %TNET_ERROR_INVALID_INPUT on a duplicate or empty id, a non-finite or
 * out-of-range coordinate, or a negative population.
 * Returns: the new node's index, or %TNET_ID_NONE on error.
 * Thread-safety: changes @net (no other call on @net meanwhile).
 * Time complexity: O(1) amortised (plus the length of the strings).
 */
TNET_API TnetId tnet_network_add_node (TnetNetwork *net, const TnetNode *node,
                                       GError **error);

/**
 * tnet_network_add_link:
 * Copies @link into @net. @link->from and @link->to must be valid node
 * indices. Fails with %TNET_ERROR_INVALID_INPUT on a duplicate id, a
 * non-positive or non-finite length, a negative/NaN/absurd speed, a time
 * above 10000 minutes (600 000 000 ms) other than %TNET_WEIGHT_INF, or an
 * empty id; %TNET_ERROR_TOO_LARGE when the network already has 2^31
 * - 1 links. Nodes out of range, a mode or status out of range are
 * programming errors (g_critical, %TNET_ID_NONE).
 * Returns: the new link's index, or %TNET_ID_NONE on error.
 * Thread-safety: changes @net (no other call on @net meanwhile).
 * Time complexity: O(1 + tags) amortised (plus the length of the strings).
 */
TNET_API TnetId tnet_network_add_link (TnetNetwork *net, const TnetLink *link,
                                       GError **error);

/* The readers below only read @net: thread-safe while nothing changes it.
 * A %NULL argument or an index out of range is a programming error
 * (g_critical, then 0, %NULL, %FALSE or TNET_ID_NONE); none sets a GError. */

/* Sizes. Errors: none. Thread-safe. Time complexity: O(1). */
TNET_API guint tnet_network_n_nodes (const TnetNetwork *net);
TNET_API guint tnet_network_n_links (const TnetNetwork *net);
/* Records by index: views valid until @net changes or is freed. Errors: an
 * index out of range is a programming error (g_critical, %NULL).
 * Thread-safe. Time complexity: O(1). */
TNET_API const TnetNode *tnet_network_node (const TnetNetwork *net, TnetId i);
TNET_API const TnetLink *tnet_network_link (const TnetNetwork *net, TnetId i);
/* Index by file id, or TNET_ID_NONE. Errors: none. Thread-safe. Time
 * complexity: O(1) expected (a hash table). */
TNET_API TnetId tnet_network_find_node (const TnetNetwork *net, const char *id);
TNET_API TnetId tnet_network_find_link (const TnetNetwork *net, const char *id);
/* TRUE when some link has this exact line name. Errors: none. Thread-safe.
 * Time complexity: O(1) expected (a hash table). */
TNET_API gboolean tnet_network_has_line (const TnetNetwork *net, const char *line);
/* TRUE when the link carries the tag. Errors: none. Thread-safe. Time
 * complexity: O(tags of the link). */
TNET_API gboolean tnet_link_has_tag (const TnetLink *link, const char *tag);

/* The folder the network was loaded from (for its optional files), or NULL;
 * set copies @dir (or clears it with %NULL) and changes @net. Errors: none.
 * Thread-safety: get as the readers above; set as tnet_network_add_node().
 * Time complexity: O(1); set O(length of @dir). */
TNET_API const char *tnet_network_get_dir (const TnetNetwork *net);
TNET_API void tnet_network_set_dir (TnetNetwork *net, const char *dir);

/* Names <-> enums (static strings). Parsers return FALSE on an unknown or
 * %NULL name and leave *@out alone. Errors: an enum value out of range is a
 * programming error (g_critical, %NULL). Thread-safe (constant tables).
 * Time complexity: O(number of names). */
TNET_API const char *tnet_mode_to_string (TnetMode mode);
TNET_API gboolean tnet_mode_from_string (const char *s, TnetMode *out);
TNET_API const char *tnet_status_to_string (TnetStatus status);
TNET_API gboolean tnet_status_from_string (const char *s, TnetStatus *out);
TNET_API const char *tnet_node_kind_to_string (TnetNodeKind kind);
TNET_API gboolean tnet_node_kind_from_string (const char *s, TnetNodeKind *out);

/* Default speed of a road link by mode and class (km/h), docs/data-format.md.
 * Errors: none (an unknown class gets the mode's lowest speed). Thread-safe.
 * Time complexity: O(1). */
TNET_API double tnet_default_speed_kmh (TnetMode mode, const char *road_class);

/**
 * tnet_network_set_link_geometry:
 * @lonlat: @n_points lon/lat pairs (degrees), from the link's @from node to
 *   its @to node
 *
 * Gives link @link a polyline (for maps and GeoJSON; the OSM import keeps
 * each way's shape this way). Copies @lonlat; replaces an earlier geometry.
 * The network does not check that the ends meet the link's nodes or that
 * the length agrees: the writers of network folders do (tnet_folder_init()).
 * Fails with %TNET_ERROR_INVALID_INPUT when @n_points < 2 or a coordinate is
 * not finite or out of range; a link out of range is a programming error.
 * Thread-safety: changes @net, as tnet_network_add_node().
 * Time complexity: O(@n_points) amortised.
 */
TNET_API gboolean tnet_network_set_link_geometry (TnetNetwork *net, TnetId link,
                                                  const double *lonlat, guint n_points,
                                                  GError **error);
/**
 * tnet_network_link_geometry:
 * The polyline of @link (2 * *@n_points doubles, lon/lat from @from to @to),
 * or %NULL (and 0) when the link has none: it is then the straight line
 * between its nodes. A view valid until @net changes or is freed.
 * Errors: a link out of range is a programming error (g_critical, %NULL).
 * Thread-safe while nothing changes @net. Time complexity: O(1).
 */
TNET_API const double *tnet_network_link_geometry (const TnetNetwork *net, TnetId link,
                                                   guint *n_points);
/* Number of links that have a polyline. Errors: none. Thread-safe while
 * nothing changes @net. O(1). */
TNET_API guint tnet_network_n_link_geometries (const TnetNetwork *net);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetNetwork, tnet_network_free)

G_END_DECLS
