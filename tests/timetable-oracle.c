/* timetable-oracle.c: see timetable-oracle.h. */
#include "tnet-internal.h"
#include "feed-private.h"
#include "timetable-oracle.h"

#include <stdlib.h>


static gboolean
o_runs (const TnetFeed *feed, guint service, guint date)
{
  if (!feed->has_calendar_files)
    return TRUE;
  char key[64];
  g_snprintf (key, sizeof key, "%u:%u", service, date);
  gpointer v;
  if (g_hash_table_lookup_extended (feed->service_dates, key, NULL, &v))
    return GPOINTER_TO_INT (v) == 1;
  const TnetService *s = &g_array_index (feed->services, TnetService, service);
  if (!s->has_calendar || date < s->start_date || date > s->end_date)
    return FALSE;
  GDate d;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, date % 100, (date / 100) % 100, date / 10000);
  return (s->weekdays >> (g_date_get_weekday (&d) - 1)) & 1;
}

static guint
o_prev_day (guint date)
{
  GDate d;
  g_date_clear (&d, 1);
  g_date_set_dmy (&d, date % 100, (date / 100) % 100, date / 10000);
  g_date_subtract_days (&d, 1);
  return g_date_get_year (&d) * 10000u + g_date_get_month (&d) * 100u + g_date_get_day (&d);
}

static double
o_dist (double lon1, double lat1, double lon2, double lat2)
{
  const double r = 6371008.8, d2r = G_PI / 180.0;
  double dlat = (lat2 - lat1) * d2r, dlon = (lon2 - lon1) * d2r;
  double a = sin (dlat / 2) * sin (dlat / 2)
             + cos (lat1 * d2r) * cos (lat2 * d2r) * sin (dlon / 2) * sin (dlon / 2);
  return 2 * r * asin (MIN (1.0, sqrt (a)));
}

static const TnetStopTime *
o_st (const TnetFeed *f, guint trip)
{
  const TnetTrip *t = &g_array_index (f->trips, TnetTrip, trip);
  return &g_array_index (f->stop_times, TnetStopTime, t->first_st);
}

static const TnetFeed *const *o_sort_feeds;

static int
o_cmp_block (const void *a, const void *b)
{
  const OInst *x = a, *y = b;
  const TnetTrip *tx = &g_array_index (o_sort_feeds[x->feed]->trips, TnetTrip, x->trip);
  const TnetTrip *ty = &g_array_index (o_sort_feeds[y->feed]->trips, TnetTrip, y->trip);
  if (x->feed != y->feed)
    return x->feed < y->feed ? -1 : 1;
  int c = strcmp (tx->block, ty->block);
  if (c)
    return c;
  if (x->shift != y->shift)   /* same day: same shift for timetabled trips */
    return x->shift < y->shift ? -1 : 1;
  if (x->first_dep != y->first_dep)
    return x->first_dep < y->first_dep ? -1 : 1;
  return x->trip < y->trip ? -1 : x->trip > y->trip;
}

static int
o_cmp_wait (const void *a, const void *b, gpointer user)
{
  const Oracle *o = user;
  guint x = *(const guint *) a, y = *(const guint *) b;
  if (o->node_time[x] != o->node_time[y])
    return o->node_time[x] < o->node_time[y] ? -1 : 1;
  return x < y ? -1 : x > y;
}

static void
o_add_foot (Oracle *o, TnetId a, TnetId b, guint s)
{
  guint v[2] = { b, s };
  g_array_append_vals (o->foot[a], v, 2);
}

/* Builds the oracle for @date, with the timetable options' walking rules. */
Oracle *
oracle_new (const TnetFeed *const *feeds, guint n_feeds, guint date,
            const TnetTimetableOptions *opt)
{
  Oracle *o = g_new0 (Oracle, 1);
  o->stop_base = g_new (guint, n_feeds + 1);
  o->stop_base[0] = 0;
  for (guint f = 0; f < n_feeds; f++)
    o->stop_base[f + 1] = o->stop_base[f] + feeds[f]->stops->len;
  o->n_stops = o->stop_base[n_feeds];
  o->lon = g_new (double, o->n_stops);
  o->lat = g_new (double, o->n_stops);
  for (guint f = 0; f < n_feeds; f++)
    for (guint s = 0; s < feeds[f]->stops->len; s++)
      {
        const TnetFeedStop *fs = &g_array_index (feeds[f]->stops, TnetFeedStop, s);
        gboolean ok = (fs->location_type == 0 || fs->location_type == 4) && !isnan (fs->lon);
        o->lon[o->stop_base[f] + s] = ok ? fs->lon : NAN;
        o->lat[o->stop_base[f] + s] = ok ? fs->lat : NAN;
      }

  /* instances */
  o->inst = g_array_new (FALSE, FALSE, sizeof (OInst));
  for (guint f = 0; f < n_feeds; f++)
    {
      const TnetFeed *feed = feeds[f];
      for (int day = 0; day < 2; day++)
        {
          guint d = day ? o_prev_day (date) : date;
          for (guint ti = 0; ti < feed->trips->len; ti++)
            {
              const TnetTrip *t = &g_array_index (feed->trips, TnetTrip, ti);
              if (t->n_st < 2 || !o_runs (feed, t->service, d))
                continue;
              gint32 base_shift = day ? -86400 : 0;
              const TnetStopTime *st = o_st (feed, ti);
              if (t->n_freq == 0)
                {
                  OInst in = { f, ti, base_shift, (gint32) st[0].dep_s + base_shift, 0,
                               t->n_st, G_MAXUINT };
                  g_array_append_val (o->inst, in);
                  continue;
                }
              for (guint r = 0; r < t->n_freq; r++)
                {
                  const TnetFrequency *fr = &g_array_index (feed->frequencies, TnetFrequency,
                                                            t->first_freq + r);
                  for (guint s = fr->start_s; s < fr->end_s; s += fr->headway_s)
                    {
                      gint32 sh = base_shift + (gint32) s - (gint32) st[0].dep_s;
                      OInst in = { f, ti, sh, (gint32) s + base_shift, 0, t->n_st, G_MAXUINT };
                      g_array_append_val (o->inst, in);
                    }
                }
            }
        }
    }
  /* blocks: sort a copy of the block instances, link consecutive ones */
  g_autoptr (GArray) blk = g_array_new (FALSE, FALSE, sizeof (OInst));
  g_autoptr (GArray) blk_idx = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < o->inst->len; i++)
    {
      OInst *in = &g_array_index (o->inst, OInst, i);
      const TnetTrip *t = &g_array_index (feeds[in->feed]->trips, TnetTrip, in->trip);
      if (t->block && t->n_freq == 0)
        {
          OInst c = *in;
          c.next = i;   /* remember the index */
          g_array_append_val (blk, c);
        }
    }
  o_sort_feeds = feeds;
  if (blk->len > 1)
    qsort (blk->data, blk->len, sizeof (OInst), o_cmp_block);
  for (guint i = 0; i + 1 < blk->len; i++)
    {
      OInst *a = &g_array_index (blk, OInst, i), *b = &g_array_index (blk, OInst, i + 1);
      const TnetFeed *f = feeds[a->feed];
      const TnetTrip *ta = &g_array_index (f->trips, TnetTrip, a->trip);
      const TnetTrip *tb = &g_array_index (f->trips, TnetTrip, b->trip);
      if (a->feed != b->feed || a->shift != b->shift || strcmp (ta->block, tb->block))
        continue;
      const TnetStopTime *la = &o_st (f, a->trip)[ta->n_st - 1];
      const TnetStopTime *fb = o_st (f, b->trip);
      if (la->stop == fb->stop && fb->dep_s >= la->arr_s)
        g_array_index (o->inst, OInst, a->next).next = b->next;
    }

  /* nodes */
  guint n_nodes = 0;
  for (guint i = 0; i < o->inst->len; i++)
    {
      OInst *in = &g_array_index (o->inst, OInst, i);
      in->node0 = n_nodes;
      n_nodes += 2 * in->n;
    }
  o->n_nodes = n_nodes;
  o->node_time = g_new (gint32, MAX (n_nodes, 1));
  o->node_stop = g_new (TnetId, MAX (n_nodes, 1));
  o->node_ok = g_new (guint8, MAX (n_nodes, 1));
  o->node_inst = g_new (guint, MAX (n_nodes, 1));
  o->wait_first = g_new0 (guint, o->n_stops + 1);
  for (guint i = 0; i < o->inst->len; i++)
    {
      const OInst *in = &g_array_index (o->inst, OInst, i);
      const TnetStopTime *st = o_st (feeds[in->feed], in->trip);
      for (guint k = 0; k < in->n; k++)
        {
          guint d = in->node0 + 2 * k;
          TnetId s = o->stop_base[in->feed] + st[k].stop;
          o->node_time[d] = (gint32) st[k].dep_s + in->shift;
          o->node_time[d + 1] = (gint32) st[k].arr_s + in->shift;
          o->node_stop[d] = o->node_stop[d + 1] = s;
          o->node_ok[d] = st[k].pickup_type != 1 && k + 1 < in->n;
          o->node_ok[d + 1] = st[k].drop_off_type != 1 && k > 0;
          o->node_inst[d] = o->node_inst[d + 1] = i;
          if (o->node_ok[d])
            o->wait_first[s + 1]++;
        }
    }
  for (guint s = 0; s < o->n_stops; s++)
    o->wait_first[s + 1] += o->wait_first[s];
  o->wait_node = g_new (guint, MAX (o->wait_first[o->n_stops], 1));
  g_autofree guint *fill = g_memdup2 (o->wait_first, sizeof (guint) * o->n_stops);
  for (guint v = 0; v < n_nodes; v += 2)
    if (o->node_ok[v])
      o->wait_node[fill[o->node_stop[v]]++] = v;
  for (guint s = 0; s < o->n_stops; s++)
    g_qsort_with_data (o->wait_node + o->wait_first[s],
                       (gint) (o->wait_first[s + 1] - o->wait_first[s]), sizeof (guint),
                       o_cmp_wait, o);

  /* footpaths: rules (stop level beats station level; first row wins) */
  g_autoptr (GHashTable) rules = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                        g_free, g_free);
  for (int level = 1; level >= 0; level--)
    for (guint f = 0; f < n_feeds; f++)
      {
        const TnetFeed *feed = feeds[f];
        for (guint i = 0; i < feed->transfers->len; i++)
          {
            const TnetFeedTransfer *x = &g_array_index (feed->transfers, TnetFeedTransfer, i);
            const TnetFeedStop *sa = &g_array_index (feed->stops, TnetFeedStop, x->from_stop);
            const TnetFeedStop *sb = &g_array_index (feed->stops, TnetFeedStop, x->to_stop);
            gboolean station = sa->location_type == 1 || sb->location_type == 1;
            if (station != (level == 0))
              continue;
            for (guint a = 0; a < feed->stops->len; a++)
              {
                const TnetFeedStop *ca = &g_array_index (feed->stops, TnetFeedStop, a);
                gboolean in_a = sa->location_type == 1 ? ca->parent == x->from_stop
                                                       : a == x->from_stop;
                if (!in_a)
                  continue;
                for (guint b = 0; b < feed->stops->len; b++)
                  {
                    const TnetFeedStop *cb = &g_array_index (feed->stops, TnetFeedStop, b);
                    gboolean in_b = sb->location_type == 1 ? cb->parent == x->to_stop
                                                           : b == x->to_stop;
                    if (!in_b)
                      continue;
                    gint64 key = ((gint64) (o->stop_base[f] + a) << 32) | (o->stop_base[f] + b);
                    if (g_hash_table_contains (rules, &key))
                      continue;
                    gint64 *k = g_new (gint64, 1);
                    *k = key;
                    int *v = g_new (int, 2);
                    v[0] = x->transfer_type;
                    v[1] = x->min_transfer_time_s;
                    g_hash_table_insert (rules, k, v);
                  }
              }
          }
      }
  o->foot = g_new (GArray *, o->n_stops);
  for (guint a = 0; a < o->n_stops; a++)
    o->foot[a] = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint a = 0; a < o->n_stops; a++)
    for (guint b = 0; b < o->n_stops; b++)
      {
        gint64 key = ((gint64) a << 32) | b;
        const int *rule = g_hash_table_lookup (rules, &key);
        gboolean pos = !isnan (o->lon[a]) && !isnan (o->lon[b]);
        double d = pos ? o_dist (o->lon[a], o->lat[a], o->lon[b], o->lat[b]) : INFINITY;
        guint walk = pos ? (guint) ceil (d * opt->walk_detour / (opt->walk_speed_kmh / 3.6)
                                         - 1e-9) : 0;
        if (rule)
          {
            if (rule[0] == 3)
              continue;
            if (rule[0] == 2)
              o_add_foot (o, a, b, (guint) rule[1]);
            else if (rule[0] == 1)
              o_add_foot (o, a, b, 0);
            else if (a == b)
              o_add_foot (o, a, b, (guint) lround (opt->min_change_ms / 1000.0));
            else if (pos)
              o_add_foot (o, a, b, walk);
            continue;
          }
        if (a == b && !isnan (o->lon[a]))
          o_add_foot (o, a, b, (guint) lround (opt->min_change_ms / 1000.0));
        else if (a != b && pos && d <= opt->transfer_radius_m)
          o_add_foot (o, a, b, walk);
      }
  return o;
}

void
oracle_free (Oracle *o)
{
  for (guint a = 0; a < o->n_stops; a++)
    g_array_unref (o->foot[a]);
  g_free (o->foot);
  g_array_unref (o->inst);
  g_free (o->stop_base);
  g_free (o->lon);
  g_free (o->lat);
  g_free (o->node_time);
  g_free (o->node_stop);
  g_free (o->node_ok);
  g_free (o->node_inst);
  g_free (o->wait_first);
  g_free (o->wait_node);
  g_free (o->ride_blocked);
  g_free (o);
}

void
oracle_block (Oracle *o, const TnetFeed *const *feeds, OracleBlockFunc fn, gpointer data)
{
  g_clear_pointer (&o->ride_blocked, g_free);
  if (fn == NULL)
    return;
  o->ride_blocked = g_new0 (guint8, MAX (o->n_nodes, 1));
  for (guint i = 0; i < o->inst->len; i++)
    {
      const OInst *in = &g_array_index (o->inst, OInst, i);
      for (guint k = 0; k + 1 < in->n; k++)
        o->ride_blocked[in->node0 + 2 * k] = fn (feeds[in->feed], in->feed, in->trip, k, data);
    }
}

/* A binary heap of (time, node). */
typedef struct {
  gint64 *v;
  guint n;
} OHeap;

static void
oh_push (OHeap *h, gint32 t, guint node)
{
  gint64 x = ((gint64) t << 32) | node;
  guint i = h->n++;
  while (i > 0 && h->v[(i - 1) / 2] > x)
    {
      h->v[i] = h->v[(i - 1) / 2];
      i = (i - 1) / 2;
    }
  h->v[i] = x;
}

static gint64
oh_pop (OHeap *h)
{
  gint64 top = h->v[0], x = h->v[--h->n];
  guint i = 0;
  for (;;)
    {
      guint c = 2 * i + 1;
      if (c >= h->n)
        break;
      if (c + 1 < h->n && h->v[c + 1] < h->v[c])
        c++;
      if (h->v[c] >= x)
        break;
      h->v[i] = h->v[c];
      i = c;
    }
  if (h->n > 0)
    h->v[i] = x;
  return top;
}

/* Waiting-chain position of the first boardable departure at @s at or
 * after @t, pushed into the heap. */
static void
o_enter_stop (const Oracle *o, OHeap *h, guint8 *seen, TnetId s, gint32 t)
{
  guint lo = o->wait_first[s], hi = o->wait_first[s + 1];
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (o->node_time[o->wait_node[mid]] < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < o->wait_first[s + 1])
    {
      guint w = o->n_nodes + lo;   /* waiting node ids follow the event nodes */
      if (!seen[w])
        oh_push (h, o->node_time[o->wait_node[lo]], w);
    }
}

/* Earliest arrival at every stop (UNREACHED where none). */
void
oracle_run (const Oracle *o, const TnetStopWalk *access, guint n_access, gint32 depart,
            gint32 *arrival)
{
  guint n_wait = o->wait_first[o->n_stops];
  guint8 *seen = g_new0 (guint8, o->n_nodes + n_wait + 1);
  OHeap h = { g_new (gint64, 4 * (o->n_nodes + n_wait) + 4 * n_access + 16), 0 };
  for (guint s = 0; s < o->n_stops; s++)
    arrival[s] = UNREACHED;
  for (guint i = 0; i < n_access; i++)
    {
      gint32 t = depart + (gint32) access[i].walk_s;
      arrival[access[i].stop] = MIN (arrival[access[i].stop], t);
      o_enter_stop (o, &h, seen, access[i].stop, t);
    }
  while (h.n > 0)
    {
      gint64 x = oh_pop (&h);
      guint v = (guint) (x & 0xffffffff);
      if (seen[v])
        continue;
      seen[v] = 1;
      if (v >= o->n_nodes)
        {
          /* waiting node: board, or wait for the next departure */
          guint w = v - o->n_nodes;
          guint dep = o->wait_node[w];
          if (!seen[dep])
            oh_push (&h, o->node_time[dep], dep);
          TnetId s = o->node_stop[dep];
          if (w + 1 < o->wait_first[s + 1] && !seen[v + 1])
            oh_push (&h, o->node_time[o->wait_node[w + 1]], v + 1);
          continue;
        }
      const OInst *in = &g_array_index (o->inst, OInst, o->node_inst[v]);
      guint k = (v - in->node0) / 2;
      if ((v - in->node0) % 2 == 0)
        {
          /* departure node: ride to the next stop */
          if (k + 1 < in->n && !seen[v + 3] && !(o->ride_blocked && o->ride_blocked[v]))
            oh_push (&h, o->node_time[v + 3], v + 3);
          continue;
        }
      /* arrival node: stay aboard, continue the block, or alight */
      if (k + 1 < in->n && !seen[v - 1])
        oh_push (&h, o->node_time[v - 1], v - 1);
      if (k + 1 == in->n && in->next != G_MAXUINT)
        {
          guint d0 = g_array_index (o->inst, OInst, in->next).node0;
          if (!seen[d0])
            oh_push (&h, o->node_time[d0], d0);
        }
      if (!o->node_ok[v])
        continue;
      TnetId p = o->node_stop[v];
      gint32 a = o->node_time[v];
      arrival[p] = MIN (arrival[p], a);
      GArray *fp = o->foot[p];
      for (guint j = 0; j < fp->len; j += 2)
        {
          TnetId q = g_array_index (fp, guint, j);
          gint32 t = a + (gint32) g_array_index (fp, guint, j + 1);
          if (q != p)
            arrival[q] = MIN (arrival[q], t);
          o_enter_stop (o, &h, seen, q, t);
        }
    }
  g_free (h.v);
  g_free (seen);
}

