/* point-index.c: a static k-d tree over projected points.
 *
 * Implementation notes: the tree is implicit. The points are permuted so
 * that, for every range [lo, hi) of the recursion, the median m = (lo+hi)/2
 * splits the range on the axis of that depth (x at even depths, y at odd):
 * points of [lo, m) are <= point m on the axis, points of (m, hi) >= it.
 * Building is one quickselect per range (O(n log n) expected); no node
 * structs, no pointers, three arrays. A query walks down to the leaf range
 * holding the target, then backs up visiting the far side only when the
 * splitting plane is not farther than the current k-th best (<=, so points
 * at equal distance are all seen and the (distance, id) tie-break matches a
 * brute-force scan). The k best are kept in a small sorted array (k is a
 * handful: access links per zone). */
#include "point-index.h"

#define EARTH_R 6371008.8

struct _TnetPointIndex {
  guint n;
  double *xy;       /* 2n projected coordinates in metres, in tree order */
  guint *ids;       /* n payloads, in tree order */
  double cos_lat0;  /* cosine of the projection's central latitude */
};

static inline void
project (const TnetPointIndex *t, double lon, double lat, double *x, double *y)
{
  const double k = G_PI / 180.0 * EARTH_R;
  *x = lon * k * t->cos_lat0;
  *y = lat * k;
}

static inline void
swap_points (TnetPointIndex *t, guint a, guint b)
{
  double x = t->xy[2 * a], y = t->xy[2 * a + 1];
  guint id = t->ids[a];
  t->xy[2 * a] = t->xy[2 * b];
  t->xy[2 * a + 1] = t->xy[2 * b + 1];
  t->ids[a] = t->ids[b];
  t->xy[2 * b] = x;
  t->xy[2 * b + 1] = y;
  t->ids[b] = id;
}

/* Puts the element of rank @k of [lo, hi) on @axis at position k, smaller
 * ones before and larger ones after (Hoare quickselect, median of three). */
static void
select_kth (TnetPointIndex *t, guint lo, guint hi, guint k, int axis)
{
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;
      /* median of three as pivot, moved to lo */
      double a = t->xy[2 * lo + axis], b = t->xy[2 * mid + axis],
             c = t->xy[2 * (hi - 1) + axis];
      guint p = (a < b) ? (b < c ? mid : (a < c ? hi - 1 : lo))
                        : (a < c ? lo : (b < c ? hi - 1 : mid));
      swap_points (t, lo, p);
      double pivot = t->xy[2 * lo + axis];
      guint i = lo, j = hi;
      for (;;)
        {
          do i++; while (i < hi && t->xy[2 * i + axis] < pivot);
          do j--; while (t->xy[2 * j + axis] > pivot);
          if (i >= j)
            break;
          swap_points (t, i, j);
        }
      swap_points (t, lo, j);
      if (j == k)
        return;
      if (k < j)
        hi = j;
      else
        lo = j + 1;
    }
}

static void
build (TnetPointIndex *t, guint lo, guint hi, int depth)
{
  /* an explicit stack would do as well; the depth is log2(n) */
  while (hi - lo > 1)
    {
      guint m = lo + (hi - lo) / 2;
      select_kth (t, lo, hi, m, depth & 1);
      build (t, lo, m, depth + 1);
      lo = m + 1;
      depth++;
    }
}

TnetPointIndex *
tnet_i_point_index_new (const double *lonlat, const guint *ids, guint n)
{
  g_return_val_if_fail (lonlat != NULL || n == 0, NULL);
  TnetPointIndex *t = g_new0 (TnetPointIndex, 1);
  t->n = n;
  t->xy = g_new (double, 2 * (gsize) MAX (n, 1));
  t->ids = g_new (guint, MAX (n, 1));
  double mean_lat = 0;
  for (guint i = 0; i < n; i++)
    mean_lat += lonlat[2 * i + 1];
  t->cos_lat0 = cos ((n ? mean_lat / n : 0) * G_PI / 180.0);
  for (guint i = 0; i < n; i++)
    {
      project (t, lonlat[2 * i], lonlat[2 * i + 1], &t->xy[2 * i], &t->xy[2 * i + 1]);
      t->ids[i] = ids ? ids[i] : i;
    }
  build (t, 0, n, 0);
  return t;
}

void
tnet_i_point_index_free (TnetPointIndex *t)
{
  if (!t)
    return;
  g_free (t->xy);
  g_free (t->ids);
  g_free (t);
}

guint
tnet_i_point_index_size (const TnetPointIndex *t)
{
  return t->n;
}

double
tnet_i_haversine_m (double lon1, double lat1, double lon2, double lat2)
{
  const double d2r = G_PI / 180.0;
  double dlat = (lat2 - lat1) * d2r, dlon = (lon2 - lon1) * d2r;
  double a = sin (dlat / 2) * sin (dlat / 2)
             + cos (lat1 * d2r) * cos (lat2 * d2r) * sin (dlon / 2) * sin (dlon / 2);
  return 2 * EARTH_R * asin (MIN (1.0, sqrt (a)));
}

double
tnet_i_point_index_distance_m (const TnetPointIndex *t, double lon1, double lat1,
                               double lon2, double lat2)
{
  double x1, y1, x2, y2;
  project (t, lon1, lat1, &x1, &y1);
  project (t, lon2, lat2, &x2, &y2);
  return hypot (x1 - x2, y1 - y2);
}

typedef struct {
  double qx, qy;
  guint k;
  guint count;      /* best entries filled, <= k */
  double *best_d2;  /* ascending by (d2, id) */
  guint *best_id;
} Query;

static inline gboolean
better (double d2, guint id, double od2, guint oid)
{
  return d2 < od2 || (d2 == od2 && id < oid);
}

static void
offer (Query *q, double d2, guint id)
{
  if (q->count == q->k && !better (d2, id, q->best_d2[q->k - 1], q->best_id[q->k - 1]))
    return;
  guint i = q->count < q->k ? q->count++ : q->k - 1;
  while (i > 0 && better (d2, id, q->best_d2[i - 1], q->best_id[i - 1]))
    {
      q->best_d2[i] = q->best_d2[i - 1];
      q->best_id[i] = q->best_id[i - 1];
      i--;
    }
  q->best_d2[i] = d2;
  q->best_id[i] = id;
}

static void
search (const TnetPointIndex *t, Query *q, guint lo, guint hi, int depth)
{
  if (hi <= lo)
    return;
  guint m = lo + (hi - lo) / 2;
  double dx = t->xy[2 * m] - q->qx, dy = t->xy[2 * m + 1] - q->qy;
  offer (q, dx * dx + dy * dy, t->ids[m]);
  if (hi - lo == 1)
    return;
  double diff = (depth & 1) ? q->qy - t->xy[2 * m + 1] : q->qx - t->xy[2 * m];
  gboolean left_first = diff <= 0;
  if (left_first)
    search (t, q, lo, m, depth + 1);
  else
    search (t, q, m + 1, hi, depth + 1);
  /* the far side can hold a point within the k-th best distance only if
   * the plane is that close (ties included) */
  if (q->count < q->k || diff * diff <= q->best_d2[q->count - 1])
    {
      if (left_first)
        search (t, q, m + 1, hi, depth + 1);
      else
        search (t, q, lo, m, depth + 1);
    }
}

guint
tnet_i_point_index_nearest (const TnetPointIndex *t, double lon, double lat, guint k,
                            guint *ids_out, double *dist_m_out)
{
  g_return_val_if_fail (t != NULL && ids_out != NULL, 0);
  k = MIN (k, t->n);
  if (k == 0)
    return 0;
  double stack_d2[16];
  guint stack_id[16];
  Query q = { .k = k };
  q.best_d2 = k <= 16 ? stack_d2 : g_new (double, k);
  q.best_id = k <= 16 ? stack_id : g_new (guint, k);
  project (t, lon, lat, &q.qx, &q.qy);
  search (t, &q, 0, t->n, 0);
  for (guint i = 0; i < q.count; i++)
    {
      ids_out[i] = q.best_id[i];
      if (dist_m_out)
        dist_m_out[i] = sqrt (q.best_d2[i]);
    }
  if (k > 16)
    {
      g_free (q.best_d2);
      g_free (q.best_id);
    }
  return q.count;
}
