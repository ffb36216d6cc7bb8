/* multimodal-internal.h: what the graph layer exports to the layers above
 * it (lib/paths: the journey extraction of journey.c, the hierarchy cache
 * of multimodal-ch.c) about a TnetMultimodal: a read-only view of what
 * each arc and node stands for, and the slot where the paths layer keeps
 * its hierarchy. The object's layout stays in multimodal-private.h, which
 * only lib/graph includes. Internal: not installed, not part of the API. */
#pragma once

#include "tnet-internal.h"

/* What the nodes and arcs of a multimodal graph stand for. The arrays
 * belong to the graph: valid while the caller holds a reference to it. */
typedef struct {
  TnetProfile profile;
  const TnetGraph *graph;       /* tnet_multimodal_get_graph() */
  const TnetMetric *metric;     /* tnet_multimodal_get_metric(), travel time in ms */
  guint n_net;                  /* network nodes N */
  guint origin_base;            /* origin node of network node v = origin_base + v */
  guint dest_base;              /* destination node of v = dest_base + v, except
                                 * zones in the car profile: zone_arrival[v] */
  const TnetId *zone_arrival;   /* car profile: N entries, the arrival node of a
                                 * zone or TNET_ID_NONE; NULL for the others */
  guint n_stops;                /* feed stops S (0 without a feed or for car) */
  const guint8 *arc_kind;       /* per external arc: TnetArcKind */
  const TnetId *arc_ref;        /* per external arc: link index (drive, walk), pattern
                                 * index (board, ride, dwell, alight) or TNET_ID_NONE */
  const char *const *node_label; /* per graph node: network node id or stop id */
  const char *const *link_line; /* per network link: its line or NULL */
  const guint8 *link_mode;      /* per network link: TnetMode */
  guint n_patterns;
  const char *const *pattern_line; /* per pattern: route display name */
  const guint8 *pattern_mode;   /* per pattern: TnetMode */
} TnetIMultimodal;

/* Fills @view with @mm's arrays. O(1); thread-safe (read only). */
void tnet_i_multimodal_view (const TnetMultimodal *mm, TnetIMultimodal *view);

/* The hierarchy cache of a multimodal graph. The paths layer
 * (multimodal-ch.c) fills it, under @lock, and installs with each pointer
 * the function that releases it; the graph layer only initialises it,
 * drops @ch when the metric changes (tnet_i_multimodal_reweight()) and
 * releases everything with the graph, without calling into the paths
 * layer. */
typedef struct {
  GMutex lock;                  /* guards every field below */
  gpointer ch;                  /* TnetCH of tnet_multimodal_ref_ch(): built once, or NULL */
  GDestroyNotify ch_destroy;    /* releases @ch; set whenever @ch is */
  gpointer cch;                 /* TnetCCH of tnet_multimodal_ref_cch(): built once, or NULL */
  GDestroyNotify cch_destroy;   /* releases @cch; set whenever @cch is */
  /* tnet_multimodal_set_ch_base(): the graph whose CCH is customised for
   * this one's metric instead of a build (strong reference, or NULL), and
   * per arc of this graph the arc of base's graph with the same ends,
   * kind and reference (base's arcs are a superset: this scenario only
   * closes links). Both set together. */
  TnetMultimodal *base;
  TnetId *base_arc;
  gboolean customized;          /* @ch came from base's CCH */
} TnetIMultimodalCache;

/* The cache of @mm (its address never changes). O(1); take @lock before
 * reading or writing a field. */
TnetIMultimodalCache *tnet_i_multimodal_cache (TnetMultimodal *mm);
