/* timetable.c: the timetable of one service date from one or more feeds.
 *
 * Implementation notes: the build runs in four passes over temporary
 * arrays, then packs the result into flat arrays (struct of arrays, see
 * timetable-private.h).
 * 1. Trip instances: every trip whose service runs on the date (shift 0)
 *    or on the day before with a time past 24:00 (shift -86400); a
 *    frequency-based trip gives one instance per departure of each of its
 *    frequencies.txt rows (start + phase + k * headway < end).
 * 2. Blocks: timetabled instances sharing (feed, block_id, shift) are
 *    sorted by first departure; an instance that starts at the stop where
 *    the previous one ends, no earlier than it arrives, continues it.
 * 3. Vehicle journeys (a chain of instances, times materialised) are
 *    grouped by (feed, GTFS route, stops, board/alight flags) and, inside a
 *    group, sorted by first departure and dealt greedily to the first route
 *    they do not overtake, so each RAPTOR route is FIFO at every stop.
 * 4. Footpaths from transfers.txt rules and a uniform grid of the stops.
 */
#include "tnet-internal.h"
#include "feed-private.h"
#include "timetable-private.h"

#include <stdlib.h>

#define DAY_S 86400

void
tnet_timetable_options_init (TnetTimetableOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->walk_speed_kmh = 4.8;
  options->walk_detour = 1.3;
  options->transfer_radius_m = 400;
  options->min_change_ms = 0;
}

double
tnet_timetable_distance_m (double lon1, double lat1, double lon2, double lat2)
{
  return tnet_i_haversine_m (lon1, lat1, lon2, lat2);
}

static guint32
walk_seconds (double distance_m, double detour, double speed_kmh)
{
  return (guint32) ceil (distance_m * detour / (speed_kmh / 3.6) - 1e-9);
}

gboolean
tnet_timetable_has_street_walks (const TnetTimetable *tt)
{
  g_return_val_if_fail (tt != NULL, FALSE);
  return tt->foot != NULL;
}

TnetId
tnet_timetable_stop_node (const TnetTimetable *tt, TnetId i)
{
  g_return_val_if_fail (tt != NULL, TNET_ID_NONE);
  return tt->foot && i < tt->n_stops ? tt->stop_node[i] : TNET_ID_NONE;
}

guint32
tnet_timetable_walk_seconds (const TnetTimetable *tt, double distance_m)
{
  g_return_val_if_fail (tt != NULL, 0);
  return walk_seconds (distance_m, tt->walk_detour, tt->walk_speed_kmh);
}

/* ------------------------------------------------------------ build data */

typedef struct {
  guint feed;
  guint trip;           /* feed trip index */
  gint32 shift;         /* added to the template's times */
  guint next;           /* next instance of the block, G_MAXUINT if none */
  gboolean continued;   /* some instance continues into this one */
} Instance;

typedef struct {
  TnetId stop;          /* global stop */
  gint32 arr;
  gint32 dep;
  guint8 flags;
} VjStop;

typedef struct {
  guint first;          /* into the VjStop array */
  guint n;
  guint feed;
  TnetId route;         /* feed route */
  guint trip_name;      /* index into the build's trip names */
  guint sub;            /* RAPTOR route after dealing */
} Vj;

typedef struct {
  GArray *vjs;
  GArray *stops;
} VjSet;

static gboolean
service_runs (const TnetFeed *feed, const TnetTrip *t, guint date)
{
  if (!feed->has_calendar_files)
    return TRUE;
  return tnet_i_feed_service_runs (feed, t->service, date);
}

static guint
date_add_days (guint ymd, int days)
{
  GDate d;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, ymd % 100, (ymd / 100) % 100, ymd / 10000);
  if (days < 0)
    g_date_subtract_days (&d, (guint) -days);
  else
    g_date_add_days (&d, (guint) days);
  return g_date_get_year (&d) * 10000u + g_date_get_month (&d) * 100u + g_date_get_day (&d);
}

static const TnetStopTime *
trip_st (const TnetFeed *feed, const TnetTrip *t)
{
  return &g_array_index (feed->stop_times, TnetStopTime, t->first_st);
}

/* splitmix64's finaliser: a well-spread hash of @x. */
static guint64
mix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

/* Pass 1: trip instances of one feed. */
static void
collect_instances (const TnetFeed *feed, guint fi, guint date, guint32 seed, GArray *out)
{
  guint prev_date = date_add_days (date, -1);
  for (int day = 0; day < 2; day++)
    {
      guint d = day == 0 ? date : prev_date;
      gint32 shift = day == 0 ? 0 : -DAY_S;
      for (guint ti = 0; ti < feed->trips->len; ti++)
        {
          const TnetTrip *t = &g_array_index (feed->trips, TnetTrip, ti);
          if (t->n_st < 2 || !service_runs (feed, t, d))
            continue;
          const TnetStopTime *st = trip_st (feed, t);
          if (t->n_freq == 0)
            {
              if (day == 1 && st[t->n_st - 1].arr_s < DAY_S)
                continue;
              Instance in = { fi, ti, shift, G_MAXUINT, FALSE };
              g_array_append_val (out, in);
              continue;
            }
          guint base = st[0].dep_s;
          for (guint f = 0; f < t->n_freq; f++)
            {
              const TnetFrequency *fr = &g_array_index (feed->frequencies, TnetFrequency,
                                                        t->first_freq + f);
              /* a row's phase depends on the seed and the row only */
              guint phase = seed && !fr->exact_times
                            ? (guint) (mix64 (((guint64) seed << 32) ^ (fi * 1000003u)
                                              ^ (t->first_freq + f)) % fr->headway_s)
                            : 0;
              for (guint64 s = (guint64) fr->start_s + phase; s < fr->end_s; s += fr->headway_s)
                {
                  gint64 last = (gint64) s - base + st[t->n_st - 1].arr_s;
                  if (day == 1 && last < DAY_S)
                    continue;
                  Instance in = { fi, ti, shift + (gint32) ((gint64) s - base), G_MAXUINT,
                                  FALSE };
                  g_array_append_val (out, in);
                }
            }
        }
    }
}

static gint32
inst_first_dep (const TnetFeed *const *feeds, const Instance *in)
{
  const TnetFeed *f = feeds[in->feed];
  const TnetTrip *t = &g_array_index (f->trips, TnetTrip, in->trip);
  return (gint32) trip_st (f, t)[0].dep_s + in->shift;
}

static int
cmp_block (const void *a, const void *b, gpointer user)
{
  const TnetFeed *const *feeds = user;
  const Instance *x = *(const Instance *const *) a, *y = *(const Instance *const *) b;
  const TnetTrip *tx = &g_array_index (feeds[x->feed]->trips, TnetTrip, x->trip);
  const TnetTrip *ty = &g_array_index (feeds[y->feed]->trips, TnetTrip, y->trip);
  if (x->feed != y->feed)
    return x->feed < y->feed ? -1 : 1;
  int c = strcmp (tx->block, ty->block);
  if (c)
    return c;
  if (x->shift != y->shift)
    return x->shift < y->shift ? -1 : 1;
  gint32 dx = inst_first_dep (feeds, x), dy = inst_first_dep (feeds, y);
  if (dx != dy)
    return dx < dy ? -1 : 1;
  return x->trip < y->trip ? -1 : x->trip > y->trip;
}

/* Pass 2: chains of block_id. */
static void
join_blocks (const TnetFeed *const *feeds, GArray *inst)
{
  g_autoptr (GPtrArray) blk = g_ptr_array_new ();
  for (guint i = 0; i < inst->len; i++)
    {
      Instance *in = &g_array_index (inst, Instance, i);
      const TnetTrip *t = &g_array_index (feeds[in->feed]->trips, TnetTrip, in->trip);
      if (t->block && t->n_freq == 0)
        g_ptr_array_add (blk, in);
    }
  if (blk->len < 2)
    return;
  g_qsort_with_data (blk->pdata, (gint) blk->len, sizeof (gpointer), cmp_block,
                     (gpointer) feeds);
  for (guint i = 0; i + 1 < blk->len; i++)
    {
      Instance *a = blk->pdata[i], *b = blk->pdata[i + 1];
      const TnetFeed *f = feeds[a->feed];
      const TnetTrip *ta = &g_array_index (f->trips, TnetTrip, a->trip);
      const TnetTrip *tb = &g_array_index (f->trips, TnetTrip, b->trip);
      if (a->feed != b->feed || a->shift != b->shift || strcmp (ta->block, tb->block) != 0)
        continue;
      const TnetStopTime *la = &trip_st (f, ta)[ta->n_st - 1];
      const TnetStopTime *fb = trip_st (f, tb);
      if (la->stop == fb->stop && fb->dep_s >= la->arr_s)
        {
          a->next = (guint) (b - (Instance *) (void *) inst->data);
          b->continued = TRUE;
        }
    }
}

/* Same group: same feed, GTFS route, stops and flags. */
static int
cmp_vj_key (const VjSet *set, const Vj *x, const Vj *y)
{
  if (x->feed != y->feed)
    return x->feed < y->feed ? -1 : 1;
  if (x->route != y->route)
    return x->route < y->route ? -1 : 1;
  if (x->n != y->n)
    return x->n < y->n ? -1 : 1;
  const VjStop *s = &g_array_index (set->stops, VjStop, x->first);
  const VjStop *t = &g_array_index (set->stops, VjStop, y->first);
  for (guint i = 0; i < x->n; i++)
    {
      if (s[i].stop != t[i].stop)
        return s[i].stop < t[i].stop ? -1 : 1;
      if (s[i].flags != t[i].flags)
        return s[i].flags < t[i].flags ? -1 : 1;
    }
  return 0;
}

/* By group, then by times along the stops, then by index (a total order). */
static int
cmp_vj (const void *a, const void *b, gpointer user)
{
  const VjSet *set = user;
  const Vj *x = &g_array_index (set->vjs, Vj, *(const guint *) a);
  const Vj *y = &g_array_index (set->vjs, Vj, *(const guint *) b);
  int c = cmp_vj_key (set, x, y);
  if (c)
    return c;
  const VjStop *s = &g_array_index (set->stops, VjStop, x->first);
  const VjStop *t = &g_array_index (set->stops, VjStop, y->first);
  for (guint i = 0; i < x->n; i++)
    {
      if (s[i].dep != t[i].dep)
        return s[i].dep < t[i].dep ? -1 : 1;
      if (s[i].arr != t[i].arr)
        return s[i].arr < t[i].arr ? -1 : 1;
    }
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/* TRUE when @b never runs ahead of @a (a, b of one group). */
static gboolean
not_before (const VjSet *set, const Vj *a, const Vj *b)
{
  const VjStop *s = &g_array_index (set->stops, VjStop, a->first);
  const VjStop *t = &g_array_index (set->stops, VjStop, b->first);
  for (guint i = 0; i < a->n; i++)
    if (t[i].arr < s[i].arr || t[i].dep < s[i].dep)
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------ footpaths */

typedef struct {
  int type;
  int min_s;
  int level;     /* 1: the rule names the stops, 0: a parent station */
} Rule;

static gint64
cell_of (const TnetTimetable *tt, double lon, double lat, gint64 dx, gint64 dy)
{
  gint64 cx = (gint64) floor (lon / tt->cell_dlon) + dx;
  gint64 cy = (gint64) floor (lat / tt->cell_dlat) + dy;
  /* shift as unsigned: cells west of 0° have negative indices */
  return (gint64) (((guint64) cx << 32) ^ ((guint64) cy & 0xffffffffu));
}

typedef struct {
  gint64 key;
  TnetId stop;
} CellEntry;

static int
cmp_cell (const void *a, const void *b)
{
  const CellEntry *x = a, *y = b;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->stop < y->stop ? -1 : x->stop > y->stop;
}

static void
build_grid (TnetTimetable *tt, double cell_m)
{
  double lat_sum = 0;
  guint n = 0;
  for (guint s = 0; s < tt->n_stops; s++)
    if (!isnan (tt->stop_lon[s]))
      {
        lat_sum += tt->stop_lat[s];
        n++;
      }
  double mean_lat = n ? lat_sum / n : 0;
  tt->cell_dlat = cell_m / 111195.0;
  tt->cell_dlon = tt->cell_dlat / MAX (0.01, cos (mean_lat * G_PI / 180.0));
  CellEntry *e = g_new (CellEntry, MAX (n, 1));
  guint k = 0;
  tt->cell_x_lo = tt->cell_y_lo = G_MAXINT64;
  tt->cell_x_hi = tt->cell_y_hi = G_MININT64;
  for (guint s = 0; s < tt->n_stops; s++)
    if (!isnan (tt->stop_lon[s]))
      {
        gint64 cx = (gint64) floor (tt->stop_lon[s] / tt->cell_dlon);
        gint64 cy = (gint64) floor (tt->stop_lat[s] / tt->cell_dlat);
        tt->cell_x_lo = MIN (tt->cell_x_lo, cx);
        tt->cell_x_hi = MAX (tt->cell_x_hi, cx);
        tt->cell_y_lo = MIN (tt->cell_y_lo, cy);
        tt->cell_y_hi = MAX (tt->cell_y_hi, cy);
        e[k++] = (CellEntry) { cell_of (tt, tt->stop_lon[s], tt->stop_lat[s], 0, 0), s };
      }
  if (n > 1)
    qsort (e, n, sizeof *e, cmp_cell);
  tt->n_cells = n;
  tt->cell_key = g_new (gint64, MAX (n, 1));
  tt->cell_stop = g_new (TnetId, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      tt->cell_key[i] = e[i].key;
      tt->cell_stop[i] = e[i].stop;
    }
  g_free (e);
}

/* Calls @fn for every stop of the cells within @radius_m of (lon, lat).
 * The cells are visited column by column, then row by row; only those in
 * the grid's ranges, which hold every stop, so that a radius as long as
 * an unlimited walk costs at most the grid's extent. */
static void
grid_visit (const TnetTimetable *tt, double lon, double lat, double radius_m,
            void (*fn) (TnetId stop, gpointer user), gpointer user)
{
  if (tt->n_cells == 0)
    return;
  double cell_m = tt->cell_dlat * 111195.0;
  /* +1: cells are not square away from the mean latitude */
  double reach_d = ceil (MIN (radius_m / cell_m, 1e15)) + 1;
  gint64 reach = (gint64) reach_d;
  gint64 cx = (gint64) floor (lon / tt->cell_dlon), cy = (gint64) floor (lat / tt->cell_dlat);
  gint64 dx_lo = MAX (-reach, tt->cell_x_lo - cx), dx_hi = MIN (reach, tt->cell_x_hi - cx);
  gint64 dy_lo = MAX (-reach, tt->cell_y_lo - cy), dy_hi = MIN (reach, tt->cell_y_hi - cy);
  for (gint64 dx = dx_lo; dx <= dx_hi; dx++)
    for (gint64 dy = dy_lo; dy <= dy_hi; dy++)
      {
        gint64 key = cell_of (tt, lon, lat, dx, dy);
        guint lo = 0, hi = tt->n_cells;
        while (lo < hi)
          {
            guint mid = lo + (hi - lo) / 2;
            if (tt->cell_key[mid] < key)
              lo = mid + 1;
            else
              hi = mid;
          }
        for (guint i = lo; i < tt->n_cells && tt->cell_key[i] == key; i++)
          fn (tt->cell_stop[i], user);
      }
}

typedef struct {
  const TnetTimetable *tt;
  double lon, lat, radius_m;
  GArray *hits;   /* TnetId */
} Near;

static void
near_cb (TnetId s, gpointer user)
{
  Near *n = user;
  if (tnet_timetable_distance_m (n->lon, n->lat, n->tt->stop_lon[s], n->tt->stop_lat[s])
      <= n->radius_m)
    g_array_append_val (n->hits, s);
}

static guint64
pair_key (TnetId a, TnetId b)
{
  return ((guint64) a << 32) | b;
}

typedef struct {
  TnetId from;
  TnetId to;
  guint32 s;
} Foot;

static int
cmp_foot (const void *a, const void *b)
{
  const Foot *x = a, *y = b;
  if (x->from != y->from)
    return x->from < y->from ? -1 : 1;
  return x->to < y->to ? -1 : x->to > y->to;
}

static void
add_rule (GHashTable *rules, TnetId a, TnetId b, const Rule *r)
{
  guint64 k = pair_key (a, b);
  Rule *old = g_hash_table_lookup (rules, &k);
  if (old && old->level > r->level)
    return;
  if (old && old->level == r->level)
    return;   /* the first row for a pair wins */
  guint64 *kk = g_new (guint64, 1);
  *kk = k;
  g_hash_table_replace (rules, kk, g_memdup2 (r, sizeof *r));
}

/* Whether stop @s changes over the street: it sits on a node of the foot
 * graph that a street or walk link reaches. A stop reached only by timed
 * access links (a zone's connector of a hand-made network, whose time is
 * a drive or a feeder ride as much as a walk) keeps the straight-line
 * transfers. */
static gboolean
on_street (const TnetTimetable *tt, TnetId s)
{
  return tt->foot && tt->stop_node[s] != TNET_ID_NONE && tt->foot->on_street[tt->stop_node[s]];
}

static void
build_footpaths (TnetTimetable *tt, const TnetFeed *const *feeds, guint n_feeds,
                 const guint *stop_base, const TnetTimetableOptions *o)
{
  g_autoptr (GHashTable) rules = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                        g_free, g_free);
  for (guint f = 0; f < n_feeds; f++)
    {
      const TnetFeed *feed = feeds[f];
      g_autoptr (GPtrArray) children = tnet_i_feed_station_children (feed);
      for (guint i = 0; i < feed->transfers->len; i++)
        {
          const TnetFeedTransfer *x = &g_array_index (feed->transfers, TnetFeedTransfer, i);
          Rule r = { x->transfer_type, x->min_transfer_time_s, 1 };
          GArray *ca = children->pdata[x->from_stop], *cb = children->pdata[x->to_stop];
          const TnetFeedStop *sa = &g_array_index (feed->stops, TnetFeedStop, x->from_stop);
          const TnetFeedStop *sb = &g_array_index (feed->stops, TnetFeedStop, x->to_stop);
          gboolean sta = sa->location_type == 1, stb = sb->location_type == 1;
          if (!sta && !stb)
            {
              add_rule (rules, stop_base[f] + x->from_stop, stop_base[f] + x->to_stop, &r);
              continue;
            }
          r.level = 0;
          guint na = sta ? (ca ? ca->len : 0) : 1, nb = stb ? (cb ? cb->len : 0) : 1;
          for (guint a = 0; a < na; a++)
            for (guint b = 0; b < nb; b++)
              {
                TnetId ga = sta ? g_array_index (ca, TnetId, a) : x->from_stop;
                TnetId gb = stb ? g_array_index (cb, TnetId, b) : x->to_stop;
                add_rule (rules, stop_base[f] + ga, stop_base[f] + gb, &r);
              }
        }
    }

  /* the change time on the feed's clock, to the nearest second (finite:
   * tnet_timetable_build() refuses TNET_WEIGHT_INF) */
  guint32 change_s = tnet_i_whole_s (o->min_change_ms);
  g_autoptr (GArray) foot = g_array_new (FALSE, FALSE, sizeof (Foot));
  g_autoptr (GArray) hits = g_array_new (FALSE, FALSE, sizeof (TnetId));
  TnetFootSearch fs = { 0 };
  /* the street walk allowed for a transfer: as long as the straight-line
   * rule allows at the radius */
  guint32 street_ms = (guint32) MIN (4e9, o->transfer_radius_m * o->walk_detour
                                           / (o->walk_speed_kmh / 3.6) * 1000.0);
  if (tt->foot)
    tnet_i_foot_search_init (&fs, tt->foot->n_nodes);
  for (TnetId a = 0; a < tt->n_stops; a++)
    {
      if (isnan (tt->stop_lon[a]))
        continue;
      gboolean self = FALSE;
      gboolean street = on_street (tt, a);
      if (street)
        {
          guint n = tnet_i_foot_search_run (tt->foot, &fs, tt->stop_node[a], street_ms);
          for (guint i = 0; i < n; i++)
            {
              TnetId v = fs.touched[i], b = tt->node_stop[v];
              guint64 k = pair_key (a, b);
              if (b == TNET_ID_NONE || fs.dist[v] > street_ms || !on_street (tt, b)
                  || g_hash_table_contains (rules, &k))
                continue;
              self |= b == a;
              Foot ft = { a, b, a == b ? change_s : (fs.dist[v] + 999) / 1000 };
              g_array_append_val (foot, ft);
            }
        }
      Near n = { tt, tt->stop_lon[a], tt->stop_lat[a], o->transfer_radius_m, hits };
      g_array_set_size (hits, 0);
      grid_visit (tt, n.lon, n.lat, o->transfer_radius_m, near_cb, &n);
      for (guint i = 0; i < hits->len; i++)
        {
          TnetId b = g_array_index (hits, TnetId, i);
          /* between two stops on the street only the street walk counts */
          if (street && (b == a || on_street (tt, b)))
            continue;
          self |= b == a;
          guint64 k = pair_key (a, b);
          if (g_hash_table_contains (rules, &k))
            continue;   /* the rule decides, below */
          double d = tnet_timetable_distance_m (tt->stop_lon[a], tt->stop_lat[a],
                                                tt->stop_lon[b], tt->stop_lat[b]);
          Foot ft = { a, b, a == b ? change_s
                                   : walk_seconds (d, o->walk_detour, o->walk_speed_kmh) };
          g_array_append_val (foot, ft);
        }
      guint64 k = pair_key (a, a);
      if (!self && !g_hash_table_contains (rules, &k))
        {
          Foot ft = { a, a, change_s };
          g_array_append_val (foot, ft);
        }
    }
  GHashTableIter it;
  gpointer kp, vp;
  g_hash_table_iter_init (&it, rules);
  while (g_hash_table_iter_next (&it, &kp, &vp))
    {
      guint64 k = *(guint64 *) kp;
      const Rule *r = vp;
      TnetId a = (TnetId) (k >> 32), b = (TnetId) (k & 0xffffffffu);
      Foot ft = { a, b, 0 };
      if (r->type == 3)
        continue;
      if (r->type == 2)
        ft.s = (guint32) r->min_s;
      else if (r->type == 1)
        ft.s = 0;
      else if (a == b)
        ft.s = change_s;
      else if (isnan (tt->stop_lon[a]) || isnan (tt->stop_lon[b]))
        continue;
      else
        ft.s = walk_seconds (tnet_timetable_distance_m (tt->stop_lon[a], tt->stop_lat[a],
                                                        tt->stop_lon[b], tt->stop_lat[b]),
                             o->walk_detour, o->walk_speed_kmh);
      g_array_append_val (foot, ft);
    }
  if (tt->foot)
    tnet_i_foot_search_destroy (&fs);
  if (foot->len > 1)
    qsort (foot->data, foot->len, sizeof (Foot), cmp_foot);
  tt->fp_first = g_new0 (guint, tt->n_stops + 1);
  tt->fp_to = g_new (TnetId, MAX (foot->len, 1));
  tt->fp_s = g_new (guint32, MAX (foot->len, 1));
  for (guint i = 0; i < foot->len; i++)
    {
      const Foot *ft = &g_array_index (foot, Foot, i);
      tt->fp_first[ft->from + 1]++;
      tt->fp_to[i] = ft->to;
      tt->fp_s[i] = ft->s;
    }
  for (guint s = 0; s < tt->n_stops; s++)
    tt->fp_first[s + 1] += tt->fp_first[s];
}

/* The stops on the foot graph of @net: a stop sits on the node of the same
 * id, or else on the stop or station node whose id is "PREFIX:" + the
 * stop's id (the nodes `tnet init` makes), when only one such node exists. */
static void
place_stops (TnetTimetable *tt, const TnetNetwork *net, const TnetScenario *scen,
             double speed_kmh)
{
  guint n = tnet_network_n_nodes (net);
  g_autoptr (GHashTable) by_tail = g_hash_table_new (g_str_hash, g_str_equal);
  for (TnetId v = 0; v < n; v++)
    {
      const TnetNode *nd = tnet_network_node (net, v);
      const char *c = strchr (nd->id, ':');
      if (c == NULL || (nd->kind != TNET_NODE_STOP && nd->kind != TNET_NODE_STATION))
        continue;
      /* G_MAXUINT marks a tail that two nodes share */
      gpointer old = g_hash_table_lookup (by_tail, c + 1);
      g_hash_table_insert (by_tail, (char *) c + 1,
                           old ? GUINT_TO_POINTER (G_MAXUINT) : GUINT_TO_POINTER (v + 1));
    }
  tt->foot = tnet_i_foot_graph_new (net, scen, speed_kmh);
  tt->stop_node = g_new (TnetId, MAX (tt->n_stops, 1));
  tt->node_stop = g_new (TnetId, MAX (n, 1));
  for (TnetId v = 0; v < n; v++)
    tt->node_stop[v] = TNET_ID_NONE;
  for (TnetId s = 0; s < tt->n_stops; s++)
    {
      TnetId v = tnet_network_find_node (net, tt->stop_id[s]);
      if (v == TNET_ID_NONE)
        {
          guint t = GPOINTER_TO_UINT (g_hash_table_lookup (by_tail, tt->stop_id[s]));
          v = t == 0 || t == G_MAXUINT ? TNET_ID_NONE : t - 1;
        }
      /* a node off the foot graph (no walkable link) is no place to walk from */
      if (v != TNET_ID_NONE && (tt->foot->first[v] == tt->foot->first[v + 1]
                                || tt->node_stop[v] != TNET_ID_NONE))
        v = TNET_ID_NONE;
      tt->stop_node[s] = v;
      if (v != TNET_ID_NONE)
        tt->node_stop[v] = s;
    }
}

/* The bytes @tt holds (tnet_timetable_memory_bytes()). */
static gsize
memory_bytes (const TnetTimetable *tt)
{
  guint nr = tt->n_routes, nfp = tt->fp_first[tt->n_stops];
  gsize n_rs = tt->route_stop_first[nr], n_st = tt->n_stop_times;
  gsize bytes = sizeof *tt
    + tt->n_stops * (2 * sizeof (char *) + 2 * sizeof (double) + 2 * sizeof (guint))
    + (nr + 1) * (2 * sizeof (guint) + sizeof (gsize) + sizeof (char *) + sizeof (TnetMode))
    + n_rs * (sizeof (TnetId) + 1 + 2 * sizeof (guint))
    + n_st * 2 * sizeof (gint32) + tt->n_trips * sizeof (char *)
    + nfp * (sizeof (TnetId) + sizeof (guint32))
    + tt->n_cells * (sizeof (gint64) + sizeof (TnetId));
  if (tt->foot)
    bytes += sizeof *tt->foot + tt->n_stops * sizeof (TnetId)
      + (tt->foot->n_nodes + 1) * (sizeof (guint) + sizeof (TnetId) + 1 + 2 * sizeof (double))
      + tt->foot->first[tt->foot->n_nodes] * (sizeof (TnetId) + sizeof (guint32));
  return bytes;
}

/* Points @tt's read-only view (tnet_i_timetable_view()) at its arrays. */
static void
sync_view (TnetTimetable *tt)
{
  tt->view = (TnetITimetable) {
    .n_stops = tt->n_stops, .stop_lon = tt->stop_lon, .stop_lat = tt->stop_lat,
    .n_routes = tt->n_routes, .route_stop_first = tt->route_stop_first,
    .route_stops = tt->route_stops, .route_flags = tt->route_flags,
    .route_trip_first = tt->route_trip_first, .route_time_first = tt->route_time_first,
    .arr = tt->arr, .dep = tt->dep, .route_name = tt->route_name,
    .route_mode = tt->route_mode, .n_trips = tt->n_trips, .trip_id = tt->trip_id,
    .n_stop_times = tt->n_stop_times,
    .stop_route_first = tt->stop_route_first, .stop_route = tt->stop_route,
    .stop_route_pos = tt->stop_route_pos,
    .fp_first = tt->fp_first, .fp_to = tt->fp_to, .fp_s = tt->fp_s,
    .foot = tt->foot, .stop_node = tt->stop_node, .node_stop = tt->node_stop,
  };
}

const TnetITimetable *
tnet_i_timetable_view (const TnetTimetable *tt)
{
  return &tt->view;
}

/* ----------------------------------------------------------------- build */

static char *
feed_label (const TnetFeed *feed)
{
  char *base = g_path_get_basename (feed->path);
  char *dot = strrchr (base, '.');
  if (dot && dot != base)
    *dot = '\0';
  return base;
}

/* The label of each feed: options->feed_labels, else the file's base name
 * with "-N" (N its position from 1) added while it repeats an earlier one.
 * NULL when two given labels are the same. */
static GPtrArray *
label_feeds (const TnetFeed *const *feeds, guint n_feeds, const TnetTimetableOptions *options,
             GError **error)
{
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  for (guint f = 0; f < n_feeds; f++)
    {
      char *l = options->feed_labels ? g_strdup (options->feed_labels[f]) : feed_label (feeds[f]);
      for (guint g = 0; g < f; g++)
        if (strcmp (labels->pdata[g], l) == 0)
          {
            if (options->feed_labels)
              {
                g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                             "feeds %u and %u are both labelled '%s', expected unique "
                             "labels", g + 1, f + 1, l);
                g_free (l);
                return NULL;
              }
            char *u = g_strdup_printf ("%s-%u", l, f + 1);
            g_free (l);
            l = u;
            g = (guint) -1;   /* check the new label against all again */
          }
      g_ptr_array_add (labels, l);
    }
  return g_steal_pointer (&labels);
}

/* @id as the timetable names it: itself with one feed, "LABEL:id" with
 * several. The result lives in @tt's strings. */
static const char *
qualified_id (TnetTimetable *tt, guint n_feeds, const char *label, const char *id)
{
  if (n_feeds == 1)
    return g_string_chunk_insert_const (tt->strings, id);
  g_autofree char *q = g_strdup_printf ("%s:%s", label, id);
  return g_string_chunk_insert_const (tt->strings, q);
}

/* The stops of every feed in turn, as the timetable's stops. Returns the
 * first global stop of each feed (n_feeds + 1 entries, the last the
 * number of stops). */
static guint *
add_stops (TnetTimetable *tt, const TnetFeed *const *feeds, guint n_feeds,
           const GPtrArray *labels)
{
  guint *stop_base = g_new (guint, n_feeds + 1);
  stop_base[0] = 0;
  for (guint f = 0; f < n_feeds; f++)
    stop_base[f + 1] = stop_base[f] + feeds[f]->stops->len;
  tt->n_stops = stop_base[n_feeds];
  tt->stop_id = g_new (const char *, MAX (tt->n_stops, 1));
  tt->stop_name = g_new (const char *, MAX (tt->n_stops, 1));
  tt->stop_lon = g_new (double, MAX (tt->n_stops, 1));
  tt->stop_lat = g_new (double, MAX (tt->n_stops, 1));
  for (guint f = 0; f < n_feeds; f++)
    for (guint s = 0; s < feeds[f]->stops->len; s++)
      {
        const TnetFeedStop *fs = &g_array_index (feeds[f]->stops, TnetFeedStop, s);
        guint g = stop_base[f] + s;
        tt->stop_id[g] = qualified_id (tt, n_feeds, labels->pdata[f], fs->id);
        tt->stop_name[g] = fs->name ? fs->name : tt->stop_id[g];
        gboolean stop_like = fs->location_type == 0 || fs->location_type == 4;
        tt->stop_lon[g] = stop_like ? fs->lon : NAN;
        tt->stop_lat[g] = stop_like ? fs->lat : NAN;
        g_hash_table_insert (tt->stop_index, (char *) tt->stop_id[g], GUINT_TO_POINTER (g + 1));
      }
  return stop_base;
}

/* Appends to @set the stop times of the block that starts at instance @i:
 * its instances' calls one after the other, the junction of two of them
 * one call. Returns the number of calls. */
static guint
append_block_calls (const TnetFeed *feed, const GArray *inst, guint i, guint stop_base,
                    VjSet *set)
{
  guint n = 0;
  for (guint j = i; j != G_MAXUINT; j = g_array_index (inst, Instance, j).next)
    {
      const Instance *p = &g_array_index (inst, Instance, j);
      const TnetTrip *t = &g_array_index (feed->trips, TnetTrip, p->trip);
      const TnetStopTime *st = trip_st (feed, t);
      for (guint k = 0; k < t->n_st; k++)
        {
          VjStop vs = { stop_base + st[k].stop, (gint32) st[k].arr_s + p->shift,
                        (gint32) st[k].dep_s + p->shift,
                        (guint8) ((st[k].pickup_type != 1 ? TNET_I_RS_BOARD : 0)
                                  | (st[k].drop_off_type != 1 ? TNET_I_RS_ALIGHT : 0)) };
          if (k == 0 && j != i)
            {
              /* the junction of two trips of a block: one call */
              VjStop *last = &g_array_index (set->stops, VjStop, set->stops->len - 1);
              last->dep = vs.dep;
              last->flags = (guint8) ((last->flags & TNET_I_RS_ALIGHT)
                                      | (vs.flags & TNET_I_RS_BOARD));
              continue;
            }
          g_array_append_val (set->stops, vs);
          n++;
        }
    }
  return n;
}

/* Pass 3: one vehicle journey per block (an instance no other continues),
 * its trip named by the block's first trip in @names. FALSE when the stop
 * times would exceed 2^31. */
static gboolean
collect_vjs (TnetTimetable *tt, const TnetFeed *const *feeds, guint n_feeds,
             const GPtrArray *labels, const guint *stop_base, const GArray *inst,
             VjSet *set, GPtrArray *names)
{
  for (guint i = 0; i < inst->len; i++)
    {
      const Instance *in = &g_array_index (inst, Instance, i);
      if (in->continued)
        continue;
      const TnetFeed *feed = feeds[in->feed];
      const TnetTrip *t0 = &g_array_index (feed->trips, TnetTrip, in->trip);
      Vj v = { set->stops->len, 0, in->feed, t0->route, names->len, 0 };
      if (n_feeds == 1)
        g_ptr_array_add (names, (char *) t0->id);
      else
        g_ptr_array_add (names, (char *) qualified_id (tt, n_feeds, labels->pdata[in->feed],
                                                       t0->id));
      v.n = append_block_calls (feed, inst, i, stop_base[in->feed], set);
      /* the first stop has no alighting, the last no boarding */
      g_array_index (set->stops, VjStop, v.first).flags &= ~TNET_I_RS_ALIGHT;
      g_array_index (set->stops, VjStop, v.first + v.n - 1).flags &= ~TNET_I_RS_BOARD;
      g_array_append_val (set->vjs, v);
      if (set->stops->len >= G_MAXINT32)
        return FALSE;
    }
  return TRUE;
}

/* Groups the vehicle journeys of @set (sorted by key and time) and deals
 * each group to FIFO routes: a journey goes to the first route of its group
 * whose last journey it does not overtake. Appends each route's journeys
 * to @route_vjs and the index of its first one to @route_trip_first. */
static void
deal_routes (const VjSet *set, GArray *route_vjs, GArray *route_trip_first)
{
  g_autofree guint *order = g_new (guint, MAX (set->vjs->len, 1));
  for (guint v = 0; v < set->vjs->len; v++)
    order[v] = v;
  g_qsort_with_data (order, (gint) set->vjs->len, sizeof (guint), cmp_vj, (gpointer) set);
  g_autoptr (GPtrArray) subs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint g0 = 0; g0 < set->vjs->len;)
    {
      guint g1 = g0 + 1;
      while (g1 < set->vjs->len
             && cmp_vj_key (set, &g_array_index (set->vjs, Vj, order[g0]),
                            &g_array_index (set->vjs, Vj, order[g1])) == 0)
        g1++;
      g_ptr_array_set_size (subs, 0);
      for (guint k = g0; k < g1; k++)
        {
          const Vj *vj = &g_array_index (set->vjs, Vj, order[k]);
          guint s = 0;
          for (; s < subs->len; s++)
            {
              GArray *sa = subs->pdata[s];
              guint last = g_array_index (sa, guint, sa->len - 1);
              if (not_before (set, &g_array_index (set->vjs, Vj, last), vj))
                break;
            }
          if (s == subs->len)
            g_ptr_array_add (subs, g_array_new (FALSE, FALSE, sizeof (guint)));
          g_array_append_val ((GArray *) subs->pdata[s], order[k]);
        }
      for (guint s = 0; s < subs->len; s++)
        {
          GArray *sa = subs->pdata[s];
          guint first = route_vjs->len;
          g_array_append_val (route_trip_first, first);
          g_array_append_vals (route_vjs, sa->data, sa->len);
        }
      g0 = g1;
    }
}

/* The @t-th journey in dealt order (a route's trips are consecutive). */
static const Vj *
route_vj (const VjSet *set, const GArray *route_vjs, guint t)
{
  return &g_array_index (set->vjs, Vj, g_array_index (route_vjs, guint, t));
}

/* Sizes and allocates the route arrays of @tt: each route's first trip,
 * stop and stop time, from the dealt journeys. */
static void
layout_routes (TnetTimetable *tt, const VjSet *set, const GArray *route_vjs,
               const GArray *route_trip_first)
{
  tt->n_routes = route_trip_first->len;
  tt->n_trips = route_vjs->len;
  guint nr = tt->n_routes;
  tt->route_stop_first = g_new0 (guint, nr + 1);
  tt->route_trip_first = g_new0 (guint, nr + 1);
  tt->route_time_first = g_new0 (gsize, MAX (nr, 1));
  tt->route_name = g_new (const char *, MAX (nr, 1));
  tt->route_mode = g_new (TnetMode, MAX (nr, 1));
  tt->trip_id = g_new (const char *, MAX (tt->n_trips, 1));
  gsize n_rs = 0, n_st = 0;
  for (guint r = 0; r < nr; r++)
    {
      guint a = g_array_index (route_trip_first, guint, r);
      guint b = r + 1 < nr ? g_array_index (route_trip_first, guint, r + 1) : tt->n_trips;
      const Vj *v0 = route_vj (set, route_vjs, a);
      tt->route_trip_first[r] = a;
      tt->route_stop_first[r] = (guint) n_rs;
      tt->route_time_first[r] = n_st;
      n_rs += v0->n;
      n_st += (gsize) v0->n * (b - a);
    }
  tt->route_trip_first[nr] = tt->n_trips;
  tt->route_stop_first[nr] = (guint) n_rs;
  tt->n_stop_times = n_st;
  tt->route_stops = g_new (TnetId, MAX (n_rs, 1));
  tt->route_flags = g_new0 (guint8, MAX (n_rs, 1));
  tt->arr = g_new (gint32, MAX (n_st, 1));
  tt->dep = g_new (gint32, MAX (n_st, 1));
}

/* Fills the routes laid out by layout_routes(): names, modes, stops, trip
 * ids, arrivals (trip-major), departures (stop-major), the union of the
 * trips' flags, and the span of boardings. */
static void
fill_routes (TnetTimetable *tt, const TnetFeed *const *feeds, const VjSet *set,
             const GArray *route_vjs, const GPtrArray *names)
{
  tt->first_dep_s = G_MAXINT32;
  tt->last_dep_s = G_MININT32;
  for (guint r = 0; r < tt->n_routes; r++)
    {
      guint a = tt->route_trip_first[r], b = tt->route_trip_first[r + 1];
      const Vj *v0 = route_vj (set, route_vjs, a);
      const TnetFeed *feed = feeds[v0->feed];
      tt->route_name[r] = tnet_feed_route_name (feed, v0->route);
      tt->route_mode[r] = tnet_feed_route (feed, v0->route)->mode;
      guint n = v0->n;
      const VjStop *s0 = &g_array_index (set->stops, VjStop, v0->first);
      for (guint i = 0; i < n; i++)
        tt->route_stops[tt->route_stop_first[r] + i] = s0[i].stop;
      for (guint t = a; t < b; t++)
        {
          const Vj *v = route_vj (set, route_vjs, t);
          tt->trip_id[t] = names->pdata[v->trip_name];
          const VjStop *sv = &g_array_index (set->stops, VjStop, v->first);
          gsize base = tt->route_time_first[r] + (gsize) (t - a) * n;
          for (guint i = 0; i < n; i++)
            {
              tt->arr[base + i] = sv[i].arr;
              tt->dep[tt->route_time_first[r] + (gsize) i * (b - a) + (t - a)] = sv[i].dep;
              tt->route_flags[tt->route_stop_first[r] + i] |= sv[i].flags;
              if (sv[i].flags & TNET_I_RS_BOARD)
                {
                  tt->first_dep_s = MIN (tt->first_dep_s, sv[i].dep);
                  tt->last_dep_s = MAX (tt->last_dep_s, sv[i].dep);
                }
            }
        }
    }
  if (tt->first_dep_s > tt->last_dep_s)
    tt->first_dep_s = tt->last_dep_s = 0;
}

/* The routes through each stop (stop -> routes), with the stop's position
 * on each. */
static void
index_stop_routes (TnetTimetable *tt)
{
  guint nr = tt->n_routes;
  gsize n_rs = tt->route_stop_first[nr];
  tt->stop_route_first = g_new0 (guint, tt->n_stops + 1);
  for (gsize i = 0; i < n_rs; i++)
    tt->stop_route_first[tt->route_stops[i] + 1]++;
  for (guint s = 0; s < tt->n_stops; s++)
    tt->stop_route_first[s + 1] += tt->stop_route_first[s];
  tt->stop_route = g_new (guint, MAX (n_rs, 1));
  tt->stop_route_pos = g_new (guint, MAX (n_rs, 1));
  g_autofree guint *fill = g_memdup2 (tt->stop_route_first, sizeof (guint) * tt->n_stops);
  for (guint r = 0; r < nr; r++)
    for (guint i = tt->route_stop_first[r]; i < tt->route_stop_first[r + 1]; i++)
      {
        TnetId s = tt->route_stops[i];
        tt->stop_route[fill[s]] = r;
        tt->stop_route_pos[fill[s]++] = i - tt->route_stop_first[r];
      }
}

/* The trips of @feeds in RAPTOR routes (passes 1 to 3 and the packing). */
static gboolean
build_routes (TnetTimetable *tt, const TnetFeed *const *feeds, guint n_feeds,
              const GPtrArray *labels, const guint *stop_base, guint32 frequency_seed,
              GError **error)
{
  g_autoptr (GArray) inst = g_array_new (FALSE, FALSE, sizeof (Instance));
  for (guint f = 0; f < n_feeds; f++)
    collect_instances (feeds[f], f, tt->service_date, frequency_seed, inst);
  join_blocks (feeds, inst);

  VjSet set = { g_array_new (FALSE, FALSE, sizeof (Vj)),
                g_array_new (FALSE, FALSE, sizeof (VjStop)) };
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  gboolean ok = collect_vjs (tt, feeds, n_feeds, labels, stop_base, inst, &set, names);
  if (!ok)
    g_set_error (error, TNET_ERROR, TNET_ERROR_TOO_LARGE,
                 "the timetable of %u would exceed 2^31 stop times", tt->service_date);
  else
    {
      g_autoptr (GArray) route_vjs = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr (GArray) route_trip_first = g_array_new (FALSE, FALSE, sizeof (guint));
      deal_routes (&set, route_vjs, route_trip_first);
      layout_routes (tt, &set, route_vjs, route_trip_first);
      fill_routes (tt, feeds, &set, route_vjs, names);
    }
  g_array_unref (set.vjs);
  g_array_unref (set.stops);
  return ok;
}

TnetTimetable *
tnet_timetable_build (const TnetFeed *const *feeds, guint n_feeds,
                      const TnetTimetableOptions *options, GError **error)
{
  g_return_val_if_fail (feeds != NULL && n_feeds > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  TnetTimetableOptions dflt;
  if (options == NULL)
    {
      tnet_timetable_options_init (&dflt);
      options = &dflt;
    }
  if (options->min_change_ms >= TNET_WEIGHT_INF)
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "the change time at a stop must be a finite number of milliseconds, "
                   "got TNET_WEIGHT_INF");
      return NULL;
    }
  guint date = options->service_date ? options->service_date
                                     : tnet_feed_get_service_date (feeds[0]);
  if (date != 0 && !g_date_valid_dmy (date % 100, (date / 100) % 100, date / 10000))
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "service date %u is not a valid date, expected YYYYMMDD", date);
      return NULL;
    }
  if (date == 0)
    date = 20000103;   /* no calendar anywhere: every trip runs; any date will do */
  g_autoptr (GPtrArray) labels = label_feeds (feeds, n_feeds, options, error);
  if (labels == NULL)
    return NULL;

  TnetTimetable *tt = g_new0 (TnetTimetable, 1);
  tt->ref_count = 1;
  tt->service_date = date;
  tt->walk_speed_kmh = options->walk_speed_kmh;
  tt->walk_detour = options->walk_detour;
  tt->strings = g_string_chunk_new (4096);
  tt->stop_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *stop_base = add_stops (tt, feeds, n_feeds, labels);
  if (!build_routes (tt, feeds, n_feeds, labels, stop_base, options->frequency_seed, error))
    {
      tnet_timetable_unref (tt);
      return NULL;
    }
  index_stop_routes (tt);

  if (options->walk_network)
    place_stops (tt, options->walk_network, options->walk_scenario, options->walk_speed_kmh);
  build_grid (tt, MAX (100.0, options->transfer_radius_m));
  build_footpaths (tt, feeds, n_feeds, stop_base, options);

  tt->memory_bytes = memory_bytes (tt);
  sync_view (tt);
  return tt;
}

void
tnet_i_timetable_rewalk (TnetTimetable *tt, const TnetFeed *const *feeds, guint n_feeds,
                         const TnetTimetableOptions *options)
{
  g_return_if_fail (tt != NULL && (feeds != NULL || n_feeds == 0) && options != NULL);
  g_autofree guint *stop_base = g_new (guint, n_feeds + 1);
  stop_base[0] = 0;
  for (guint f = 0; f < n_feeds; f++)
    stop_base[f + 1] = stop_base[f] + feeds[f]->stops->len;
  g_return_if_fail (stop_base[n_feeds] == tt->n_stops);
  g_clear_pointer (&tt->foot, tnet_i_foot_graph_free);
  g_clear_pointer (&tt->stop_node, g_free);
  g_clear_pointer (&tt->node_stop, g_free);
  g_clear_pointer (&tt->fp_first, g_free);
  g_clear_pointer (&tt->fp_to, g_free);
  g_clear_pointer (&tt->fp_s, g_free);
  if (options->walk_network)
    place_stops (tt, options->walk_network, options->walk_scenario, options->walk_speed_kmh);
  build_footpaths (tt, feeds, n_feeds, stop_base, options);
  tt->memory_bytes = memory_bytes (tt);
  sync_view (tt);
}

/* A timetable is immutable once built, so holding a const pointer is
 * enough to keep it alive: the reference count is the one field that
 * changes after tnet_timetable_build() returns, only through these two
 * functions and atomically, and every timetable is allocated writable
 * (g_new0() in tnet_timetable_build()), so dropping the const here is
 * defined. This is the only place that does. */
static TnetTimetable *
counted (const TnetTimetable *tt)
{
  return (TnetTimetable *) tt;
}

const TnetTimetable *
tnet_timetable_ref (const TnetTimetable *tt)
{
  g_return_val_if_fail (tt != NULL, NULL);
  g_atomic_int_inc (&counted (tt)->ref_count);
  return tt;
}

void
tnet_timetable_unref (const TnetTimetable *ctt)
{
  if (ctt == NULL || !g_atomic_int_dec_and_test (&counted (ctt)->ref_count))
    return;
  /* the last reference: nobody else can see the timetable any more */
  TnetTimetable *tt = counted (ctt);
  g_string_chunk_free (tt->strings);
  g_hash_table_unref (tt->stop_index);
  g_free (tt->stop_id);
  g_free (tt->stop_name);
  g_free (tt->stop_lon);
  g_free (tt->stop_lat);
  g_free (tt->route_stop_first);
  g_free (tt->route_stops);
  g_free (tt->route_flags);
  g_free (tt->route_trip_first);
  g_free (tt->route_time_first);
  g_free (tt->arr);
  g_free (tt->dep);
  g_free (tt->route_name);
  g_free (tt->route_mode);
  g_free (tt->trip_id);
  g_free (tt->stop_route_first);
  g_free (tt->stop_route);
  g_free (tt->stop_route_pos);
  g_free (tt->fp_first);
  g_free (tt->fp_to);
  g_free (tt->fp_s);
  g_free (tt->cell_key);
  g_free (tt->cell_stop);
  tnet_i_foot_graph_free (tt->foot);
  g_free (tt->stop_node);
  g_free (tt->node_stop);
  g_free (tt);
}

/* ----------------------------------------------------------------- views */

guint tnet_timetable_get_service_date (const TnetTimetable *tt) { g_return_val_if_fail (tt, 0); return tt->service_date; }
guint tnet_timetable_n_stops (const TnetTimetable *tt) { g_return_val_if_fail (tt, 0); return tt->n_stops; }
guint tnet_timetable_n_routes (const TnetTimetable *tt) { g_return_val_if_fail (tt, 0); return tt->n_routes; }
guint
tnet_timetable_route_n_stops (const TnetTimetable *tt, guint route)
{
  g_return_val_if_fail (tt != NULL, 0);
  return route < tt->n_routes ? tt->route_stop_first[route + 1] - tt->route_stop_first[route]
                              : 0;
}

TnetId
tnet_timetable_route_stop (const TnetTimetable *tt, guint route, guint pos)
{
  g_return_val_if_fail (tt != NULL, TNET_ID_NONE);
  if (route >= tt->n_routes || pos >= tnet_timetable_route_n_stops (tt, route))
    return TNET_ID_NONE;
  return tt->route_stops[tt->route_stop_first[route] + pos];
}

const char *
tnet_timetable_route_name (const TnetTimetable *tt, guint route)
{
  g_return_val_if_fail (tt != NULL, NULL);
  return route < tt->n_routes ? tt->route_name[route] : NULL;
}

guint tnet_timetable_n_trips (const TnetTimetable *tt) { g_return_val_if_fail (tt, 0); return tt->n_trips; }
guint tnet_timetable_n_stop_times (const TnetTimetable *tt) { g_return_val_if_fail (tt, 0); return (guint) tt->n_stop_times; }
guint tnet_timetable_n_footpaths (const TnetTimetable *tt) { g_return_val_if_fail (tt, 0); return tt->fp_first[tt->n_stops]; }
gsize tnet_timetable_memory_bytes (const TnetTimetable *tt) { g_return_val_if_fail (tt, 0); return tt->memory_bytes; }

void
tnet_timetable_get_span (const TnetTimetable *tt, gint32 *first_s, gint32 *last_s)
{
  g_return_if_fail (tt != NULL);
  if (first_s)
    *first_s = tt->first_dep_s;
  if (last_s)
    *last_s = tt->last_dep_s;
}

guint
tnet_timetable_count_departures (const TnetTimetable *tt, gint32 from_s, gint32 to_s)
{
  g_return_val_if_fail (tt != NULL, 0);
  guint n = 0;
  for (guint r = 0; r < tt->n_routes; r++)
    {
      guint ns = tt->route_stop_first[r + 1] - tt->route_stop_first[r];
      guint nt = tt->route_trip_first[r + 1] - tt->route_trip_first[r];
      for (guint t = 0; t < nt; t++)
        for (guint i = 0; i < ns; i++)
          {
            gint32 d = tt->dep[tt->route_time_first[r] + (gsize) i * nt + t];
            if ((tt->route_flags[tt->route_stop_first[r] + i] & TNET_I_RS_BOARD)
                && d >= from_s && d < to_s)
              n++;
          }
    }
  return n;
}

const char *
tnet_timetable_stop_id (const TnetTimetable *tt, TnetId i)
{
  g_return_val_if_fail (tt != NULL, NULL);
  return i < tt->n_stops ? tt->stop_id[i] : NULL;
}

const char *
tnet_timetable_stop_name (const TnetTimetable *tt, TnetId i)
{
  g_return_val_if_fail (tt != NULL, NULL);
  return i < tt->n_stops ? tt->stop_name[i] : NULL;
}

gboolean
tnet_timetable_stop_position (const TnetTimetable *tt, TnetId i, double *lon, double *lat)
{
  g_return_val_if_fail (tt != NULL, FALSE);
  gboolean ok = i < tt->n_stops && !isnan (tt->stop_lon[i]);
  if (lon)
    *lon = ok ? tt->stop_lon[i] : NAN;
  if (lat)
    *lat = ok ? tt->stop_lat[i] : NAN;
  return ok;
}

TnetId
tnet_timetable_find_stop (const TnetTimetable *tt, const char *id)
{
  g_return_val_if_fail (tt != NULL && id != NULL, TNET_ID_NONE);
  return (TnetId) GPOINTER_TO_UINT (g_hash_table_lookup (tt->stop_index, id)) - 1;
}

typedef struct {
  const TnetTimetable *tt;
  double lon, lat;
  guint max_s;
  GArray *out;
} WalkNear;

static void
walk_near_cb (TnetId s, gpointer user)
{
  WalkNear *w = user;
  double d = tnet_timetable_distance_m (w->lon, w->lat, w->tt->stop_lon[s],
                                        w->tt->stop_lat[s]);
  guint32 t = walk_seconds (d, w->tt->walk_detour, w->tt->walk_speed_kmh);
  if (t <= w->max_s)
    {
      TnetStopWalk sw = { s, t };
      g_array_append_val (w->out, sw);
    }
}

void
tnet_i_timetable_walks_near_s (const TnetTimetable *tt, double lon, double lat,
                               guint max_walk_s, GArray *out)
{
  if (tt->n_cells == 0 || isnan (lon) || isnan (lat))
    return;
  double radius = max_walk_s * (tt->walk_speed_kmh / 3.6) / tt->walk_detour + 1;
  WalkNear w = { tt, lon, lat, max_walk_s, out };
  grid_visit (tt, lon, lat, radius, walk_near_cb, &w);
}

void
tnet_timetable_walks_near (const TnetTimetable *tt, double lon, double lat,
                           TnetWeight max_walk_ms, GArray *out)
{
  g_return_if_fail (tt != NULL && out != NULL);
  tnet_i_timetable_walks_near_s (tt, lon, lat, tnet_i_whole_s (max_walk_ms), out);
}
