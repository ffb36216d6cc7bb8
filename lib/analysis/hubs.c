/* hubs.c: transfer times between every ordered pair of services meeting at
 * a passenger hub (docs/cli.md, `tnet transfers`).
 *
 * Implementation notes
 * - A service is a route. A timetabled one is counted by its calls at the
 *   member stops inside the window (stop times: arrivals where it sets down
 *   and not at its first stop, departures where it picks up and not at its
 *   last stop), so a trip that began before the window counts where it calls
 *   in it. A service with frequencies.txt trips is counted from the feed's
 *   patterns instead: a pattern calling at a member stop with can_alight
 *   brings its departures in the window as arrivals, one with can_board as
 *   departures. The departures are grouped by direction — the
 *   stop called at next — so that a route running both ways every 15 min
 *   has a 15 min headway per direction (an expected wait of 7.5 min), not
 *   7.5 min for both directions merged. The patterns of one route in one
 *   direction merge: their departures in the window add up, and the
 *   direction's headway is window / departures. The service's headway at
 *   the hub is the mean over its directions (a traveller is taken to be
 *   equally likely to want each direction), times the scenario factor.
 * - Walks between two stops are resolved in a fixed order (hub walk table,
 *   transfers.txt for the stops, then for their parents, same stop = 0,
 *   straight-line default); a pair of services takes its shortest allowed
 *   change.
 * - Timetabled connection waits come from the stop times themselves (not
 *   the patterns' medians): one scan of all stop times collects, for the
 *   member stops of every hub, the arrivals and departures inside the
 *   window; a pair then scans b's departures for each of a's arrivals.
 *   Trips expanded from frequencies.txt have no exact times, so a pair is
 *   timetabled only when neither service has such a trip.
 */
#include "tnet-internal.h"

#define DEFAULT_WALK_KMH 4.8
#define DEFAULT_WALK_DETOUR 1.2

struct _TnetHubTransfers {
  int year;
  guint window_start_s;         /* the feed's window and service day (0: no feed) */
  guint window_end_s;
  guint service_date;
  const TnetHubSet *hubs;       /* borrowed */
  GArray *tables;               /* TnetHubTable, one per hub */
  GPtrArray *blocks;            /* g_free'd pair and mode-pair arrays */
  GStringChunk *strings;        /* names and ids copied from the feed */
};

/* A direction of a service at the hub: the stop it calls at next. */
typedef struct {
  TnetId next;
  guint departures;             /* in the window, over its patterns */
} Direction;

typedef struct {
  TnetId route;
  double factor;                /* scenario headway factor, > 0 */
  guint arrivals;               /* calls in the window that set down here (for a
                                 * frequency-based service: its patterns' departures) */
  guint departures;             /* ... that pick up here */
  gboolean frequency_based;     /* some pattern comes from frequencies.txt */
  GArray *alight;               /* TnetId member stops where it sets down */
  GArray *board;                /* TnetId member stops where it picks up */
  GArray *dirs;                 /* Direction */
} Service;

/* A timetabled event at a member stop. */
typedef TnetIStopEvent Event;

typedef struct {
  const TnetHubSet *hubs;
  const TnetFeed *feed;
  int year;
  GHashTable *rules;            /* (from << 32 | to) + 1 -> TnetFeedTransfer * */
  double window_h;
  GArray **arrivals;            /* per stop (member stops only): Event */
  GArray **departures;
} Ctx;

static void
service_clear (Service *s)
{
  g_array_unref (s->alight);
  g_array_unref (s->board);
  g_array_unref (s->dirs);
}

static void
add_stop (GArray *a, TnetId s)
{
  for (guint k = 0; k < a->len; k++)
    if (g_array_index (a, TnetId, k) == s)
      return;
  g_array_append_val (a, s);
}

static guint64
rule_key (TnetId from, TnetId to)
{
  return (((guint64) from << 32) | to) + 1;
}

static const TnetFeedTransfer *
find_rule (const Ctx *c, TnetId from, TnetId to)
{
  guint64 key = rule_key (from, to);
  return g_hash_table_lookup (c->rules, &key);
}

static double
distance_m (const TnetFeedStop *a, const TnetFeedStop *b)
{
  if (isnan (a->lat) || isnan (b->lat))
    return INFINITY;
  double rad = G_PI / 180.0;
  double dlat = (b->lat - a->lat) * rad, dlon = (b->lon - a->lon) * rad;
  double h = sin (dlat / 2) * sin (dlat / 2)
             + cos (a->lat * rad) * cos (b->lat * rad) * sin (dlon / 2) * sin (dlon / 2);
  return 2 * 6371008.8 * asin (MIN (1.0, sqrt (h)));
}

/* Walking milliseconds (unrounded) from stop @sa to stop @sb of hub @hub;
 * NAN when a type-3 rule forbids the change. */
static double
stop_walk_ms (const Ctx *c, guint hub, TnetId sa, TnetId sb)
{
  const TnetFeedStop *a = tnet_feed_stop (c->feed, sa), *b = tnet_feed_stop (c->feed, sb);
  if (sa != sb)
    {
      TnetWeight w = tnet_hub_set_walk_ms (c->hubs, hub, a->id, b->id, c->year);
      if (w != TNET_WEIGHT_INF)
        return w;
    }
  const TnetFeedTransfer *r = find_rule (c, sa, sb);
  if (!r && a->parent != TNET_ID_NONE && b->parent != TNET_ID_NONE)
    r = find_rule (c, a->parent, b->parent);
  if (r)
    return r->transfer_type == 3 ? NAN : r->min_transfer_time_s * 1000.0;
  if (sa == sb)
    return 0.0;
  const TnetHub *h = tnet_hub_set_get (c->hubs, hub);
  /* metres / (metres per ms): 4.8 km/h is 4.8 / 3600 m per ms */
  return distance_m (a, b) * DEFAULT_WALK_DETOUR / (DEFAULT_WALK_KMH / 3600.0)
         + (h ? h->level_change_ms : 0.0);
}

static Service *
service_of (GArray *services, TnetId route, const TnetFeed *feed, const TnetScenario *scen)
{
  for (guint k = 0; k < services->len; k++)
    if (g_array_index (services, Service, k).route == route)
      return &g_array_index (services, Service, k);
  const TnetFeedRoute *r = tnet_feed_route (feed, route);
  double f = 1.0;
  if (r->short_name && *r->short_name)
    f = tnet_scenario_get_headway_factor (scen, r->short_name);
  if (f == 1.0 && r->long_name && *r->long_name)
    f = tnet_scenario_get_headway_factor (scen, r->long_name);
  Service s = {
    .route = route, .factor = f > 0 ? f : 1.0,
    .alight = g_array_new (FALSE, FALSE, sizeof (TnetId)),
    .board = g_array_new (FALSE, FALSE, sizeof (TnetId)),
    .dirs = g_array_new (FALSE, FALSE, sizeof (Direction)),
  };
  g_array_append_val (services, s);
  return &g_array_index (services, Service, services->len - 1);
}

static gboolean
in_stops (const GArray *stops, TnetId s)
{
  for (guint k = 0; k < stops->len; k++)
    if (g_array_index (stops, TnetId, k) == s)
      return TRUE;
  return FALSE;
}

/* A timetabled service is counted by its calls at the hub in the window
 * (the stop times), not by the trips of its patterns that leave their first
 * stop in the window: a trip that started before the window and calls here
 * inside it counts, one that leaves in the window but reaches the hub after
 * it does not, and a service whose trips all start earlier is still seen.
 * Services with frequencies.txt trips keep the pattern counts (their trips
 * have no exact times). */
static void
from_events (const Ctx *c, const TnetScenario *scen, const GArray *stops, GArray *services)
{
  if (!c->arrivals)
    return;
  /* the timetabled services' pattern counts are replaced, not added to */
  for (guint k = 0; k < services->len; k++)
    {
      Service *s = &g_array_index (services, Service, k);
      if (s->frequency_based)
        continue;
      s->arrivals = s->departures = 0;
      g_array_set_size (s->alight, 0);
      g_array_set_size (s->board, 0);
      g_array_set_size (s->dirs, 0);
    }
  for (guint k = 0; k < stops->len; k++)
    {
      TnetId stop = g_array_index (stops, TnetId, k);
      GArray *arrs = c->arrivals[stop], *deps = c->departures[stop];
      for (guint i = 0; arrs && i < arrs->len; i++)
        {
          const Event *e = &g_array_index (arrs, Event, i);
          Service *s = service_of (services, e->route, c->feed, scen);
          if (s->frequency_based)
            continue;
          add_stop (s->alight, stop);
          s->arrivals++;
        }
      for (guint i = 0; deps && i < deps->len; i++)
        {
          const Event *e = &g_array_index (deps, Event, i);
          Service *s = service_of (services, e->route, c->feed, scen);
          if (s->frequency_based)
            continue;
          add_stop (s->board, stop);
          s->departures++;
          Direction *d = NULL;
          for (guint j = 0; j < s->dirs->len && !d; j++)
            if (g_array_index (s->dirs, Direction, j).next == e->next)
              d = &g_array_index (s->dirs, Direction, j);
          if (!d)
            {
              Direction nd = { e->next, 0 };
              g_array_append_val (s->dirs, nd);
              d = &g_array_index (s->dirs, Direction, s->dirs->len - 1);
            }
          d->departures++;
        }
    }
  /* a timetabled service left with no call in the window is not there */
  for (guint k = services->len; k-- > 0;)
    {
      Service *s = &g_array_index (services, Service, k);
      if (!s->frequency_based && s->alight->len == 0 && s->board->len == 0)
        {
          service_clear (s);
          g_array_remove_index (services, k);
        }
    }
}

/* The services calling at the member stops @stops, from the patterns. */
static GArray *
collect_services (const Ctx *c, const TnetScenario *scen, const GArray *stops)
{
  GArray *services = g_array_new (FALSE, FALSE, sizeof (Service));
  for (guint p = 0; p < tnet_feed_n_patterns (c->feed); p++)
    {
      const TnetPattern *pat = tnet_feed_pattern (c->feed, p);
      gboolean arrives = FALSE, departs = FALSE;
      Service *s = NULL;
      for (guint k = 0; k < pat->n_stops; k++)
        {
          if (!in_stops (stops, pat->stops[k]))
            continue;
          gboolean alight = k > 0 && pat->can_alight[k];
          gboolean board = k + 1 < pat->n_stops && pat->can_board[k];
          if (!alight && !board)
            continue;
          if (!s)
            s = service_of (services, pat->route, c->feed, scen);
          s->frequency_based |= pat->frequency_based;
          if (alight)
            {
              add_stop (s->alight, pat->stops[k]);
              arrives = TRUE;
            }
          if (board)
            {
              add_stop (s->board, pat->stops[k]);
              departs = TRUE;
              TnetId next = pat->stops[k + 1];
              Direction *d = NULL;
              for (guint j = 0; j < s->dirs->len && !d; j++)
                if (g_array_index (s->dirs, Direction, j).next == next)
                  d = &g_array_index (s->dirs, Direction, j);
              if (!d)
                {
                  Direction nd = { next, 0 };
                  g_array_append_val (s->dirs, nd);
                  d = &g_array_index (s->dirs, Direction, s->dirs->len - 1);
                }
              d->departures += pat->n_departures;
            }
        }
      if (arrives)
        s->arrivals += pat->n_departures;
      if (departs)
        s->departures += pat->n_departures;
    }
  from_events (c, scen, stops, services);
  return services;
}

/* Real connection wait of the pair (a, b) from the timetable. */
static void
connection_wait (const Ctx *c, guint hub, const GArray *stops, const Service *a,
                 const Service *b, TnetTransferPair *out)
{
  /* b's directions from its timetabled departures at the hub */
  g_autoptr (GArray) dirs = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (guint k = 0; k < stops->len; k++)
    {
      GArray *deps = c->departures[g_array_index (stops, TnetId, k)];
      for (guint j = 0; deps && j < deps->len; j++)
        {
          const Event *e = &g_array_index (deps, Event, j);
          if (e->route == b->route)
            add_stop (dirs, e->next);
        }
    }
  double sum = 0;
  guint n = 0, n_none = 0;
  for (guint ka = 0; ka < stops->len; ka++)
    {
      TnetId sa = g_array_index (stops, TnetId, ka);
      GArray *arrs = c->arrivals[sa];
      for (guint i = 0; arrs && i < arrs->len; i++)
        {
          const Event *ea = &g_array_index (arrs, Event, i);
          if (ea->route != a->route)
            continue;
          for (guint d = 0; d < dirs->len; d++)
            {
              TnetId next = g_array_index (dirs, TnetId, d);
              double best = INFINITY;
              for (guint kb = 0; kb < stops->len; kb++)
                {
                  TnetId sb = g_array_index (stops, TnetId, kb);
                  GArray *deps = c->departures[sb];
                  if (!deps)
                    continue;
                  double walk_ms = stop_walk_ms (c, hub, sa, sb);
                  if (isnan (walk_ms))
                    continue;
                  double ready = ea->time_s + walk_ms / 1000.0;
                  for (guint j = 0; j < deps->len; j++)
                    {
                      const Event *eb = &g_array_index (deps, Event, j);
                      if (eb->route == b->route && eb->next == next && eb->time_s >= ready)
                        best = MIN (best, eb->time_s - ready);
                    }
                }
              if (isfinite (best))
                {
                  sum += best;
                  n++;
                }
              else
                n_none++;
            }
        }
    }
  out->timetabled = TRUE;
  out->n_arrivals = n + n_none;
  out->n_unconnected = n_none;
  out->connection_wait_ms = n > 0 ? sum / n * 1000.0 : NAN;
}

static const char *
copy_str (TnetHubTransfers *t, const char *s)
{
  return g_string_chunk_insert_const (t->strings, s ? s : "");
}

static int
pair_cmp (gconstpointer pa, gconstpointer pb)
{
  const TnetTransferPair *a = pa, *b = pb;
  int r = strcmp (a->from_service, b->from_service);
  if (!r)
    r = strcmp (a->to_service, b->to_service);
  if (!r)
    r = strcmp (a->from_route, b->from_route);
  if (!r)
    r = strcmp (a->to_route, b->to_route);
  return r;
}

/* The closest stops (by walk) from where @a alights to where @b boards:
 * the walk in milliseconds, INFINITY (and TNET_ID_NONE) when none can be
 * walked. */
static double
closest_stops (const Ctx *c, guint hub, const Service *a, const Service *b, TnetId *best_a,
               TnetId *best_b)
{
  double walk = INFINITY;
  *best_a = *best_b = TNET_ID_NONE;
  for (guint i = 0; i < a->alight->len; i++)
    for (guint j = 0; j < b->board->len; j++)
      {
        TnetId sa = g_array_index (a->alight, TnetId, i);
        TnetId sb = g_array_index (b->board, TnetId, j);
        double w = stop_walk_ms (c, hub, sa, sb);
        if (!isnan (w) && w < walk)
          {
            walk = w;
            *best_a = sa;
            *best_b = sb;
          }
      }
  return walk;
}

/* The change from service @a to service @b at hub @hub: the walk between
 * their closest stops, the wait of half @b's headway, the weight of their
 * trips per hour and (both timetabled) the connection wait. FALSE when
 * no stop of @a is a walk from one of @b. */
static gboolean
service_pair (const Ctx *c, TnetHubTransfers *t, guint hub, const GArray *stops,
              const Service *a, const Service *b, TnetTransferPair *out)
{
  TnetId best_a, best_b;
  double walk = closest_stops (c, hub, a, b, &best_a, &best_b);
  if (best_a == TNET_ID_NONE)
    return FALSE;
  double window_s = c->window_h * 3600.0, headway_s = 0;
  for (guint d = 0; d < b->dirs->len; d++)
    headway_s += window_s / g_array_index (b->dirs, Direction, d).departures;
  headway_s = headway_s / b->dirs->len * b->factor;
  const TnetFeedRoute *ra = tnet_feed_route (c->feed, a->route);
  const TnetFeedRoute *rb = tnet_feed_route (c->feed, b->route);
  TnetTransferPair p = {
    .from_service = copy_str (t, tnet_feed_route_name (c->feed, a->route)),
    .to_service = copy_str (t, tnet_feed_route_name (c->feed, b->route)),
    .from_route = copy_str (t, ra->id), .to_route = copy_str (t, rb->id),
    .from_stop = copy_str (t, tnet_feed_stop (c->feed, best_a)->id),
    .to_stop = copy_str (t, tnet_feed_stop (c->feed, best_b)->id),
    .from_mode = ra->mode, .to_mode = rb->mode,
    .walk_ms = walk, .headway_ms = headway_s * 1000.0,
    .wait_ms = headway_s * 500.0, .walk_wait_ms = walk + headway_s * 500.0,
    .from_trips_per_hour = a->arrivals / c->window_h / a->factor,
    .to_trips_per_hour = b->departures / c->window_h / b->factor,
    .connection_wait_ms = NAN,
  };
  p.weight = p.from_trips_per_hour * p.to_trips_per_hour;
  if (!a->frequency_based && !b->frequency_based)
    connection_wait (c, hub, stops, a, b, &p);
  *out = p;
  return TRUE;
}

/* The changes between every two services of the hub (none below two). */
static GArray *
service_pairs (const Ctx *c, TnetHubTransfers *t, guint hub, const GArray *stops,
               const GArray *services)
{
  GArray *pairs = g_array_new (FALSE, TRUE, sizeof (TnetTransferPair));
  for (guint ia = 0; ia < services->len && services->len >= 2; ia++)
    for (guint ib = 0; ib < services->len; ib++)
      {
        const Service *a = &g_array_index (services, Service, ia);
        const Service *b = &g_array_index (services, Service, ib);
        TnetTransferPair p;
        if (ia == ib || a->alight->len == 0 || b->board->len == 0
            || !service_pair (c, t, hub, stops, a, b, &p))
          continue;
        g_array_append_val (pairs, p);
      }
  return pairs;
}

/* The means over the pairs of @tab (plain and weighted by trips), the
 * timetabled ones, and the means per mode pair. */
static void
hub_means (TnetHubTransfers *t, TnetHubTable *tab)
{
  const TnetTransferPair *pv = tab->pairs;
  double sw = 0, sww = 0, wsum = 0, wsw = 0, wsww = 0, sc = 0;
  guint nc = 0;
  guint mode_n[TNET_N_MODES * TNET_N_MODES] = { 0 };
  double mode_w[TNET_N_MODES * TNET_N_MODES] = { 0 };
  double mode_ww[TNET_N_MODES * TNET_N_MODES] = { 0 };
  for (guint k = 0; k < tab->n_pairs; k++)
    {
      const TnetTransferPair *p = &pv[k];
      sw += p->walk_ms;
      sww += p->walk_wait_ms;
      wsum += p->weight;
      wsw += p->weight * p->walk_ms;
      wsww += p->weight * p->walk_wait_ms;
      if (p->timetabled && !isnan (p->connection_wait_ms))
        {
          sc += p->connection_wait_ms;
          nc++;
        }
      guint m = p->from_mode * TNET_N_MODES + p->to_mode;
      mode_n[m]++;
      mode_w[m] += p->walk_ms;
      mode_ww[m] += p->walk_wait_ms;
    }
  tab->mean_walk_ms = sw / tab->n_pairs;
  tab->mean_walk_wait_ms = sww / tab->n_pairs;
  if (wsum > 0)
    {
      tab->weighted_walk_ms = wsw / wsum;
      tab->weighted_walk_wait_ms = wsww / wsum;
    }
  for (guint k = 0; k < tab->n_pairs; k++)
    tab->n_timetabled_pairs += pv[k].timetabled;
  tab->mean_connection_wait_ms = nc ? sc / nc : NAN;
  GArray *modes = g_array_new (FALSE, FALSE, sizeof (TnetTransferModePair));
  for (guint m = 0; m < TNET_N_MODES * TNET_N_MODES; m++)
    if (mode_n[m])
      {
        TnetTransferModePair mp = { m / TNET_N_MODES, m % TNET_N_MODES, mode_n[m],
                                    mode_w[m] / mode_n[m], mode_ww[m] / mode_n[m] };
        g_array_append_val (modes, mp);
      }
  tab->n_mode_pairs = modes->len;
  tab->mode_pairs = (TnetTransferModePair *) (void *) g_array_free (modes, FALSE);
  g_ptr_array_add (t->blocks, (gpointer) tab->mode_pairs);
}

/* The worst pairs of @tab by walk + wait, then walk, then table order. */
static void
hub_worst (TnetHubTable *tab)
{
  const TnetTransferPair *pv = tab->pairs;
  for (guint r = 0; r < TNET_HUB_WORST_PAIRS && r < tab->n_pairs; r++)
    {
      guint best = G_MAXUINT;
      for (guint k = 0; k < tab->n_pairs; k++)
        {
          gboolean taken = FALSE;
          for (guint j = 0; j < r; j++)
            taken |= tab->worst[j] == k;
          if (taken)
            continue;
          if (best == G_MAXUINT || pv[k].walk_wait_ms > pv[best].walk_wait_ms
              || (pv[k].walk_wait_ms == pv[best].walk_wait_ms
                  && pv[k].walk_ms > pv[best].walk_ms))
            best = k;
        }
      tab->worst[r] = best;
      tab->n_worst = r + 1;
    }
}

static void
compute_hub (const Ctx *c, const TnetScenario *scen, TnetHubTransfers *t, guint hub,
             TnetHubTable *tab)
{
  const TnetHub *h = tnet_hub_set_get (c->hubs, hub);
  *tab = (TnetHubTable) {
    .hub = h, .mean_walk_ms = NAN, .mean_walk_wait_ms = NAN, .weighted_walk_ms = NAN,
    .weighted_walk_wait_ms = NAN, .mean_connection_wait_ms = NAN,
    .has_target = h->target_ms != TNET_WEIGHT_INF,
  };
  if (h->open_year > c->year)
    {
      g_autofree char *s = g_strdup_printf ("not open until %d", h->open_year);
      tab->status = copy_str (t, s);
      return;
    }
  if (!c->feed)
    {
      tab->status = copy_str (t, "no transit feed");
      return;
    }
  g_autoptr (GArray) stops = g_array_new (FALSE, FALSE, sizeof (TnetId));
  for (guint k = 0; k < h->n_members; k++)
    {
      TnetId s = tnet_feed_find_stop (c->feed, h->members[k]);
      if (s != TNET_ID_NONE)
        add_stop (stops, s);
    }
  GArray *services = collect_services (c, scen, stops);
  tab->n_services = services->len;
  GArray *pairs = service_pairs (c, t, hub, stops, services);
  for (guint k = 0; k < services->len; k++)
    service_clear (&g_array_index (services, Service, k));
  g_array_unref (services);
  if (tab->n_services < 2 || pairs->len == 0)
    {
      tab->status = copy_str (t, tab->n_services < 2 ? "fewer than two services"
                                                       : "no change allowed between its services");
      g_array_unref (pairs);
      return;
    }
  g_array_sort (pairs, pair_cmp);
  tab->in_service = TRUE;
  tab->status = copy_str (t, "in service");
  tab->n_pairs = pairs->len;
  TnetTransferPair *pv = (TnetTransferPair *) (void *) g_array_free (pairs, FALSE);
  g_ptr_array_add (t->blocks, pv);
  tab->pairs = pv;
  hub_means (t, tab);
  hub_worst (tab);
  if (tab->has_target)
    tab->pass = tab->mean_walk_ms <= h->target_ms + 6e-5;   /* 1e-9 min */
}

/* Arrivals and departures inside the window at the member stops of the
 * hubs (tnet_i_feed_stop_events()). */
static void
collect_events (Ctx *c)
{
  const TnetFeed *feed = c->feed;
  guint n_stops = tnet_feed_n_stops (feed);
  c->arrivals = g_new0 (GArray *, MAX (n_stops, 1));
  c->departures = g_new0 (GArray *, MAX (n_stops, 1));
  g_autofree gboolean *member = g_new0 (gboolean, MAX (n_stops, 1));
  for (guint h = 0; h < tnet_hub_set_n_hubs (c->hubs); h++)
    {
      const TnetHub *hub = tnet_hub_set_get (c->hubs, h);
      for (guint k = 0; k < hub->n_members; k++)
        {
          TnetId s = tnet_feed_find_stop (feed, hub->members[k]);
          if (s != TNET_ID_NONE)
            member[s] = TRUE;
        }
    }
  tnet_i_feed_stop_events (feed, member, c->arrivals, c->departures);
}

TnetHubTransfers *
tnet_hub_transfers_compute (const TnetHubSet *hubs, const TnetFeed *feed,
                            const TnetScenario *scen)
{
  g_return_val_if_fail (hubs != NULL, NULL);
  g_return_val_if_fail (scen != NULL, NULL);
  TnetHubTransfers *t = g_new0 (TnetHubTransfers, 1);
  t->year = tnet_scenario_get_year (scen);
  t->hubs = hubs;
  t->tables = g_array_new (FALSE, TRUE, sizeof (TnetHubTable));
  t->blocks = g_ptr_array_new_with_free_func (g_free);
  t->strings = g_string_chunk_new (1024);
  Ctx c = { .hubs = hubs, .feed = feed, .year = t->year };
  c.rules = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  if (feed)
    {
      guint w0, w1;
      tnet_feed_get_window (feed, &w0, &w1);
      c.window_h = (w1 - w0) / 3600.0;
      t->window_start_s = w0;
      t->window_end_s = w1;
      t->service_date = tnet_feed_get_service_date (feed);
      for (guint k = 0; k < tnet_feed_n_transfers (feed); k++)
        {
          const TnetFeedTransfer *r = tnet_feed_transfer (feed, k);
          gboolean timed = r->transfer_type == 2 && r->min_transfer_time_s >= 0;
          if (!timed && r->transfer_type != 3)
            continue;
          guint64 key = rule_key (r->from_stop, r->to_stop);
          if (g_hash_table_contains (c.rules, &key))
            continue;   /* the first row of a pair holds */
          g_hash_table_insert (c.rules, g_memdup2 (&key, sizeof key), (gpointer) r);
        }
      collect_events (&c);
    }
  g_array_set_size (t->tables, tnet_hub_set_n_hubs (hubs));
  for (guint h = 0; h < tnet_hub_set_n_hubs (hubs); h++)
    compute_hub (&c, scen, t, h, &g_array_index (t->tables, TnetHubTable, h));
  if (feed)
    {
      for (guint s = 0; s < tnet_feed_n_stops (feed); s++)
        {
          if (c.arrivals[s])
            g_array_unref (c.arrivals[s]);
          if (c.departures[s])
            g_array_unref (c.departures[s]);
        }
      g_free (c.arrivals);
      g_free (c.departures);
    }
  g_hash_table_unref (c.rules);
  return t;
}

void
tnet_hub_transfers_free (TnetHubTransfers *t)
{
  if (!t)
    return;
  g_array_unref (t->tables);
  g_ptr_array_unref (t->blocks);
  g_string_chunk_free (t->strings);
  g_free (t);
}

int
tnet_hub_transfers_get_year (const TnetHubTransfers *t)
{
  g_return_val_if_fail (t != NULL, 0);
  return t->year;
}

gboolean
tnet_hub_transfers_get_window (const TnetHubTransfers *t, guint *start_s, guint *end_s,
                               guint *service_date)
{
  g_return_val_if_fail (t != NULL, FALSE);
  if (start_s)
    *start_s = t->window_start_s;
  if (end_s)
    *end_s = t->window_end_s;
  if (service_date)
    *service_date = t->service_date;
  return t->window_end_s > t->window_start_s;
}

guint
tnet_hub_transfers_n_hubs (const TnetHubTransfers *t)
{
  g_return_val_if_fail (t != NULL, 0);
  return t->tables->len;
}

const TnetHubTable *
tnet_hub_transfers_get (const TnetHubTransfers *t, guint i)
{
  g_return_val_if_fail (t != NULL, NULL);
  return i < t->tables->len ? &g_array_index (t->tables, TnetHubTable, i) : NULL;
}

int
tnet_hub_transfers_find (const TnetHubTransfers *t, const char *hub_id, GError **error)
{
  g_return_val_if_fail (t != NULL, -1);
  g_return_val_if_fail (hub_id != NULL, -1);
  int found = tnet_hub_set_find (t->hubs, hub_id);
  if (found >= 0)
    return found;
  guint n = tnet_hub_set_n_hubs (t->hubs);
  g_autofree const char **ids = g_new (const char *, MAX (n, 1));
  for (guint k = 0; k < n; k++)
    ids[k] = tnet_hub_set_get (t->hubs, k)->id;
  const char *near = tnet_suggest_name (hub_id, ids, n);
  g_set_error (error, TNET_ERROR, TNET_ERROR_NOT_FOUND, "unknown hub “%s”%s%s%s (%u hubs)", hub_id,
               near ? ", did you mean “" : "", near ? near : "", near ? "”?" : "", n);
  return -1;
}

double
tnet_hub_transfers_indicator_ms (const TnetHubTransfers *t, TnetHubKind kind, guint *n_hubs)
{
  g_return_val_if_fail (t != NULL, NAN);
  double sum = 0;
  guint n = 0;
  for (guint i = 0; i < t->tables->len; i++)
    {
      const TnetHubTable *tab = &g_array_index (t->tables, TnetHubTable, i);
      if (tab->hub->kind == kind && tab->in_service)
        {
          sum += tab->mean_walk_ms;
          n++;
        }
    }
  if (n_hubs)
    *n_hubs = n;
  return n ? sum / n : NAN;
}
