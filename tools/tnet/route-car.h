/* route-car.h: the car route of `tnet route` as legs and as its JSON
 * document, shared by `tnet route` and `tnet serve`. */
#pragma once

#include "cli.h"

G_BEGIN_DECLS

/* A run of consecutive links of the same line (or, for links without a
 * line, of the same mode). */
typedef struct {
  const char *line;   /* NULL when the links have no line */
  TnetMode mode;
  TnetId from, to;    /* network nodes */
  GArray *links;      /* TnetId link indices, in travel order */
  double length_m;
  guint64 time_ms;
} TnetCliLeg;

/* Node @id of @net (an id or a name, tnet_place_find_node()), or
 * TNET_ID_NONE with TNET_ERROR_NOT_FOUND naming it and the closest id or
 * name when one is close. */
TnetId tnet_cli_find_node (const TnetNetwork *net, const char *id, GError **error);

/* Splits the path @arcs of @g into legs (a GArray of TnetCliLeg that frees
 * their link arrays); times from @time. */
GArray *tnet_cli_route_legs (const TnetNetwork *net, const TnetGraph *g,
                             const TnetMetric *time, const TnetId *arcs, guint n_arcs);

/* The fastest (or, @by_length, shortest) path @from → @to with @search
 * (a workspace of the graph of @time and @length; not shared between
 * threads), as legs with its totals. FALSE when @to is unreachable. */
gboolean tnet_cli_route_car (const TnetNetwork *net, TnetSearch *search,
                             const TnetMetric *time, const TnetMetric *length,
                             gboolean by_length, TnetId from, TnetId to,
                             GArray **legs_out, guint64 *total_ms, double *total_m);

/* The document of `tnet route --format json` (pretty-printed, final
 * newline). Newly allocated. */
char *tnet_cli_route_json (const TnetNetwork *net, TnetId from, TnetId to, const char *metric,
                           GArray *legs, guint64 total_ms, double total_m);

G_END_DECLS
