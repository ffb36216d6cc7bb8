/* point-index.h: nearest points on the map, by a k-d tree. Internal. */
#pragma once

#include "tnet-internal.h"

/**
 * TnetPointIndex:
 * An immutable static k-d tree over lon/lat points (degrees), built once,
 * queried from any thread. Distances are measured in a local equirectangular
 * projection centred on the points' mean latitude (x = R·λ·cos φ0, y = R·φ,
 * R = 6371008.8 m): within a city or a region the error against the
 * great-circle distance stays under a fraction of a percent, and the
 * ordering it gives is exact for the projected metric, which is what the
 * tests compare with a brute-force scan (tnet_i_point_index_distance_m()).
 */
typedef struct _TnetPointIndex TnetPointIndex;

/* Builds the tree over @n points @lonlat (2n doubles) with payload @ids (n
 * values; NULL: 0..n-1). Copies both. O(n log n). */
TnetPointIndex *tnet_i_point_index_new (const double *lonlat, const guint *ids, guint n);
void tnet_i_point_index_free (TnetPointIndex *index);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetPointIndex, tnet_i_point_index_free)

guint tnet_i_point_index_size (const TnetPointIndex *index);

/* The projected distance in metres between two lon/lat points, in the
 * projection of @index. */
double tnet_i_point_index_distance_m (const TnetPointIndex *index, double lon1, double lat1,
                                      double lon2, double lat2);

/**
 * tnet_i_point_index_nearest:
 * The @k points nearest to (@lon, @lat), nearest first, ties broken by the
 * smaller id; at most min(@k, size) of them. Writes their ids to @ids_out
 * and (when not NULL) their distances to @dist_m_out. Allocates nothing
 * when @k <= 16. Returns how many were written.
 * Time complexity: O(log n + k) expected for points spread like a map.
 */
guint tnet_i_point_index_nearest (const TnetPointIndex *index, double lon, double lat,
                                  guint k, guint *ids_out, double *dist_m_out);
