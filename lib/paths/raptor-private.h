/* raptor-private.h: what the RAPTOR workspace shares with the other kernels
 * of lib/paths (raptor.c). Internal. */
#pragma once

#include "timetable-private.h"

/* After tnet_raptor_walks_from_node (@ws, source, @max_walk_s, ...) returned
 * TRUE: the street walk from source to @node in whole seconds (rounded up,
 * as the stops' walks), or G_MAXUINT32 when it is longer than @max_walk_s.
 * @max_walk_s must be the budget of that call: nodes beyond it hold only
 * tentative distances. O(1). */
guint32 tnet_i_raptor_foot_walk_s (const TnetRaptor *ws, TnetId node, guint max_walk_s);
