/* tnet-structures.h: named network structures (rings around a centre, axes
 * between two ends) declared in a network folder's structures.csv, and
 * their state in a scenario: built length, what is still to be built,
 * whether the ring is closed or the axis joined end to end, and the gaps. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>
#include <tnet/tnet-scenario.h>

G_BEGIN_DECLS

typedef enum {
  TNET_STRUCTURE_RING,   /* its members must form one cycle around a centre */
  TNET_STRUCTURE_AXIS,   /* its members must join two ends */
} TnetStructureKind;

/**
 * TnetStructureMember:
 * One row of structures.csv: a stretch of a named line between two nodes, a
 * whole line, an explicit list of links, or a connector (no line: the
 * link(s) joining two nodes directly).
 * @line: the links.csv line name, %NULL for a link list or a connector
 * @from, @to: the end nodes (indices), %TNET_ID_NONE when not given
 * @links, @n_links: the member's links over every year and status (a
 *   stretch is the shortest path along the line's own links; links of the
 *   line parallel to that path, such as an old road and its upgrade, are
 *   included)
 * @resolved: %FALSE when the data has no such stretch or connector (no
 *   path from @from to @to along the line, or no link between them): the
 *   member is then a break between @from and @to that no link fills
 * @source, @confidence, @note: as written (%NULL when empty)
 * Strings and arrays are owned by the structure set.
 */
typedef struct {
  const char *line;
  const char *source;
  const char *confidence;
  const char *note;
  const TnetId *links;
  guint n_links;
  TnetId from;
  TnetId to;
  gboolean resolved;
} TnetStructureMember;

/**
 * TnetStructure:
 * A named structure. @id is the file's key; @name (any language),
 * @name_en and @group (e.g. a family of structures the plan names
 * together) are as written, %NULL when empty; @plan_text is the plan's own
 * words about it, %NULL when not given.
 * A ring has a centre (@centre_lon, @centre_lat, WGS84; @centre_node is the
 * node it was read from, or %TNET_ID_NONE for coordinates). An axis has two
 * ends, each a set of node indices (@end_nodes[0], @end_nodes[1], arrays of
 * @n_end_nodes[k] entries) read from a node id or a region name.
 * Owned by the structure set.
 */
typedef struct {
  const char *id;
  const char *name;
  const char *name_en;
  const char *group;
  const char *plan_text;
  TnetStructureKind kind;
  double centre_lon;
  double centre_lat;
  TnetId centre_node;
  const TnetId *end_nodes[2];
  guint n_end_nodes[2];
  const char *ends_text[2];
  const TnetStructureMember *members;
  guint n_members;
} TnetStructure;

typedef struct _TnetStructureSet TnetStructureSet;

/**
 * tnet_structure_set_load_csv:
 * @net: the network the file refers to (borrowed for the call; the set
 *   keeps node and link indices, valid while @net is unchanged)
 * @path: a structures.csv file (format: docs/structures.md)
 *
 * Reads the structures of a network folder: one row per member; rows of one
 * structure share its `structure` id, and its structure-level columns
 * (kind, name, name_en, group, centre, ends, plan_text) are read from the
 * rows that fill them (two different values fail). Members are resolved
 * against @net over all years and statuses.
 *
 * Errors: %TNET_ERROR_IO when the file cannot be read;
 * %TNET_ERROR_INVALID_INPUT "FILE:LINE:COLUMN: …" for a missing column, an
 * unknown kind, line, node, link or region, a ring without a centre, an axis
 * without two ends, a stretch with one end only, a member with neither line,
 * links nor ends, conflicting structure-level values, a bad confidence
 * (expected high, medium or low).
 * Returns: (transfer full): the set, or %NULL.
 * Thread-safety: reentrant; @net is only read.
 * Time complexity: O(rows · (n + m log n)) for the stretch searches.
 */
TNET_API TnetStructureSet *tnet_structure_set_load_csv (const TnetNetwork *net,
                                                        const char *path, GError **error);
/* Frees the set (%NULL is ignored) and its views. Errors: none.
 * Thread-safety: not while another thread reads the set. Time complexity:
 * O(size of the set). */
TNET_API void tnet_structure_set_free (TnetStructureSet *set);
/* The number of structures, and structure @i: a view valid until the set is
 * freed. Errors: an index out of range is a programming error (g_critical,
 * %NULL). Thread-safe (the set is immutable once loaded). Time complexity:
 * O(1). */
TNET_API guint tnet_structure_set_n_structures (const TnetStructureSet *set);
TNET_API const TnetStructure *tnet_structure_set_get (const TnetStructureSet *set, guint i);

/* "ring" / "axis" (static), and back (FALSE on another name). Errors: none.
 * Thread-safe. Time complexity: O(1). */
TNET_API const char *tnet_structure_kind_to_string (TnetStructureKind kind);
TNET_API gboolean tnet_structure_kind_from_string (const char *s, TnetStructureKind *out);

typedef enum {
  TNET_STRUCTURE_COMPLETE,      /* closed around the centre / joined end to end */
  TNET_STRUCTURE_GAPS,          /* the data's links not open this year complete it */
  TNET_STRUCTURE_BREAK,         /* completing it needs a link the data does not have */
  TNET_STRUCTURE_OFF_CENTRE,    /* ring: a cycle through every member exists, none
                                 * encloses the centre */
  TNET_STRUCTURE_DISCONNECTED,  /* no cycle through every member / no path between
                                 * the ends, even with a link per break */
} TnetStructureVerdict;

/* "complete", "gaps", "break", "off_centre", "disconnected" (static).
 * Errors: none. Thread-safe. Time complexity: O(1). */
TNET_API const char *tnet_structure_verdict_to_string (TnetStructureVerdict v);

/**
 * TnetStructureGap:
 * One element of the smallest set that would complete a structure: a link
 * of the data not open in the scenario (@link its index, with its status
 * and opening year in the network), or a break (@link %TNET_ID_NONE) between
 * nodes @from and @to that no link of the data fills. @length_m is the
 * link's length, or the straight-line distance of a break.
 */
typedef struct {
  TnetId link;
  TnetId from;
  TnetId to;
  double length_m;
} TnetStructureGap;

/**
 * TnetStructureState:
 * A structure in one scenario. Lengths in metres over the structure's
 * distinct stretches (parallel links between the same two nodes count once):
 * @length_m all of it; @built_m open in the scenario; @pending_m[status] not
 * open, by the status of the stretch's link (a link with status `existing`
 * that opens after the scenario's year counts under existing); @share the
 * built fraction (0..1; 0 for an empty structure).
 * @verdict and the @gaps (@n_gaps, in route order): the pieces of the
 * cheapest route (fewest breaks, then fewest links not open, then the
 * shortest) that are not open; none when it is complete, off centre or
 * disconnected. @route, @n_route: the links of
 * the cycle or path judged (open or not), in order; empty when none.
 */
typedef struct {
  double length_m;
  double built_m;
  double pending_m[TNET_N_STATUSES];
  double share;
  TnetStructureVerdict verdict;
  TnetStructureGap *gaps;
  guint n_gaps;
  TnetId *route;
  guint n_route;
} TnetStructureState;

/**
 * tnet_structure_analyse:
 * @s: a structure of a set loaded for @net
 * @scen: the scenario whose open links count as built
 *
 * Judges the structure: a ring is closed when some cycle of its links uses
 * at least one link of every member and encloses the centre (even-odd rule
 * over the nodes' coordinates); an axis is complete when its links join a
 * node of one end to a node of the other. The gaps are the cheapest such
 * cycle's or path's links that are not open, searched over every link of
 * the structure whatever its year and status, with each unresolved member
 * standing for one break.
 *
 * Errors: %TNET_ERROR_TOO_LARGE when a ring's links hold more than 100 000
 * cycles (declare stretches instead of whole lines).
 * Returns: (transfer full): the state, free with tnet_structure_state_free().
 * Thread-safe for distinct states.
 * Time complexity: axis O(k²) for k structure nodes; ring O(cycles · k).
 */
TNET_API TnetStructureState *tnet_structure_analyse (const TnetNetwork *net,
                                                     const TnetStructure *s,
                                                     const TnetScenario *scen,
                                                     GError **error);
TNET_API void tnet_structure_state_free (TnetStructureState *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetStructureSet, tnet_structure_set_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetStructureState, tnet_structure_state_free)

G_END_DECLS
