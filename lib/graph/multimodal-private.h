/* multimodal-private.h: the layout of TnetMultimodal, for lib/graph only.
 * The layers above read it through multimodal-internal.h. */
#pragma once

#include "multimodal-internal.h"

struct _TnetMultimodal {
  gint ref_count;               /* atomic */
  TnetProfile profile;
  const TnetGraph *graph;       /* strong reference */
  const TnetMetric *metric;     /* strong reference, travel time in ms */
  guint n_net;                  /* network nodes N */
  guint origin_base;            /* origin node of network node v = origin_base + v */
  guint dest_base;              /* destination node of v = dest_base + v, except
                                 * zones in the car profile: zone_arrival[v] */
  TnetId *zone_arrival;         /* car profile: N entries, the arrival node of a
                                 * zone (after every other node) or TNET_ID_NONE;
                                 * NULL for the other profiles */
  guint n_stops;                /* feed stops S (0 without a feed or for car) */
  guint dep_base;               /* departure node of stop s = dep_base + s */
  guint arr_base;               /* arrival node of stop s = arr_base + s */
  guint8 *arc_kind;             /* per external arc: TnetArcKind */
  TnetId *arc_ref;              /* per external arc: link index (drive, walk), pattern
                                 * index (board, ride, dwell, alight) or TNET_ID_NONE */
  const char **node_label;      /* per graph node: network node id or stop id (in strings) */
  GStringChunk *strings;
  const char **link_line;       /* per network link: its line or NULL (in strings) */
  guint8 *link_mode;            /* per network link: TnetMode */
  guint n_patterns;
  const char **pattern_line;    /* per pattern: route display name (in strings) */
  guint8 *pattern_mode;         /* per pattern: TnetMode */
  GHashTable *places;           /* id -> GUINT(index + 1): network nodes first, then
                                 * stops as n_net + s */
  TnetMultimodalStats stats;
  /* the hierarchy cache of the paths layer (multimodal-internal.h) */
  TnetIMultimodalCache cache;
  TnetTransitOptions options;   /* as built (hubs borrowed; tnet_i_multimodal_reweight) */
};

