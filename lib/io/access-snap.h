/* access-snap.h: the street networks zones and stops snap to (tnet init's
 * rule), shared by tnet_folder_init() and tnet_network_snap_points().
 * Internal. */
#pragma once

#include "tnet-internal.h"
#include "point-index.h"
#include <tnet/tnet-init.h>

typedef struct {
  TnetPointIndex *car;   /* nodes of the largest SCC of the car network; ids = node indices */
  TnetPointIndex *walk;  /* nodes of the largest connected walking component; same ids */
  guint n_car;           /* == size of @car */
  guint n_walk;          /* == size of @walk */
} TnetAccessSnap;

/* Finds the components over the links between junction nodes of @net
 * (active in @scen when not NULL) and indexes their nodes. O(n + m + n log n). */
void tnet_i_access_snap_init (TnetAccessSnap *snap, const TnetNetwork *net,
                              const TnetScenario *scen);
void tnet_i_access_snap_clear (TnetAccessSnap *snap);

/* The access candidates of a zone at (@lon, @lat) under @o (access_links
 * <= 16, so @out needs 32 entries): writes them to @out, returns how many. */
guint tnet_i_access_snap_query (const TnetAccessSnap *snap, const TnetNetwork *net,
                                const TnetInitOptions *o, double lon, double lat,
                                TnetAccessCandidate *out);

/* Great-circle distance: tnet_i_haversine_m() (tnet-internal.h). */

/* The access time of a connector of straight-line length @distance_m, in
 * exact minutes (tnet_init_access_time_ms() rounds it to the millisecond):
 * what tnet init writes in links.csv's time_min column. */
double tnet_i_init_access_minutes (const TnetInitOptions *o, double distance_m);

/* Checks the access fields of @o (speed, detour, maximum distance, links). */
gboolean tnet_i_init_access_options_check (const TnetInitOptions *o, GError **error);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TnetAccessSnap, tnet_i_access_snap_clear)
