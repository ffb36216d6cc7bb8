/* route-car.h: the car route of `tnet route` as legs, shared by `tnet
 * route` and `tnet serve`. */
#pragma once

#include "cli.h"

G_BEGIN_DECLS

/* Node @id of @net (an id or a name, tnet_place_find_node()), or
 * TNET_ID_NONE with TNET_ERROR_NOT_FOUND naming it and the closest id or
 * name when one is close. */
TnetId tnet_cli_find_node (const TnetNetwork *net, const char *id, GError **error);

/* The fastest (or, @by_length, shortest) path @from → @to with @search
 * (a workspace of the graph of @time and @length; not shared between
 * threads), as legs (tnet_route_legs(), times by @time). FALSE when @to
 * is unreachable. */
gboolean tnet_cli_route_car (const TnetNetwork *net, TnetSearch *search,
                             const TnetMetric *time, const TnetMetric *length,
                             gboolean by_length, TnetId from, TnetId to, GArray **legs_out);

G_END_DECLS
