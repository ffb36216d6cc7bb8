/* feed-builder.c: a TnetFeed filled row by row (feed-internal.h).
 *
 * Implementation notes: the builder appends straight into the arrays of the
 * feed it owns, so a loaded feed costs no copy beyond its rows. Strings go
 * to the feed's string chunk (interned: ids repeat across files). The id
 * indices that only loading needs (agencies, services, trips) live in the
 * builder and die with it; the stop and route indices belong to the feed.
 * A trip's stop times are one block of the stop-time array, handed out
 * whole by tnet_i_feed_builder_add_stop_times(); its frequency rows are one
 * block too, which the builder checks by remembering the trip of the last
 * row.
 */
#include "tnet-internal.h"
#include "feed-private.h"

struct _TnetIFeedBuilder {
  TnetFeed *feed;            /* owned until finished */
  GHashTable *agencies;      /* agency id -> name, both in feed->strings */
  GHashTable *services;      /* service id (in feed->strings) -> index + 1 */
  GHashTable *trips;         /* trip id (in feed->strings) -> index + 1 */
  guint last_freq_trip;      /* trip of the last frequency row; G_MAXUINT before */
};

static const char *
intern (TnetFeed *feed, const char *s)
{
  return g_string_chunk_insert_const (feed->strings, s);
}

/* NULL and "" stay NULL. */
static const char *
intern_opt (TnetFeed *feed, const char *s)
{
  return s && *s ? intern (feed, s) : NULL;
}

/* Appends @record to @records under @id (interned) in @index (id ->
 * position + 1) and returns its position. */
static guint
append_indexed (GHashTable *index, GArray *records, const char *id, gconstpointer record)
{
  guint position = records->len;
  g_hash_table_insert (index, (char *) id, GUINT_TO_POINTER (position + 1));
  g_array_append_vals (records, record, 1);
  return position;
}

TnetIFeedBuilder *
tnet_i_feed_builder_new (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);
  TnetIFeedBuilder *b = g_new0 (TnetIFeedBuilder, 1);
  b->feed = tnet_i_feed_new (path);
  b->agencies = g_hash_table_new (g_str_hash, g_str_equal);
  b->services = g_hash_table_new (g_str_hash, g_str_equal);
  b->trips = g_hash_table_new (g_str_hash, g_str_equal);
  b->last_freq_trip = G_MAXUINT;
  return b;
}

/* Frees the builder's own indices and returns its feed. */
static TnetFeed *
builder_release (TnetIFeedBuilder *b)
{
  TnetFeed *feed = b->feed;
  g_hash_table_unref (b->agencies);
  g_hash_table_unref (b->services);
  g_hash_table_unref (b->trips);
  g_free (b);
  return feed;
}

void
tnet_i_feed_builder_free (TnetIFeedBuilder *builder)
{
  if (builder)
    tnet_feed_unref (builder_release (builder));
}

gboolean
tnet_i_feed_builder_add_agency (TnetIFeedBuilder *builder, const char *id, const char *name)
{
  g_return_val_if_fail (builder != NULL && id != NULL && name != NULL, FALSE);
  const char *prev = g_hash_table_lookup (builder->agencies, id);
  if (prev)
    return strcmp (prev, name) == 0;   /* an exact repeat of a row is harmless */
  const char *n = intern (builder->feed, name);
  g_hash_table_insert (builder->agencies, (char *) intern (builder->feed, id), (char *) n);
  g_ptr_array_add (builder->feed->agency_names, (char *) n);
  return TRUE;
}

TnetId
tnet_i_feed_builder_find_stop (const TnetIFeedBuilder *builder, const char *id)
{
  g_return_val_if_fail (builder != NULL && id != NULL, TNET_ID_NONE);
  return tnet_feed_find_stop (builder->feed, id);
}

const TnetFeedStop *
tnet_i_feed_builder_stop (const TnetIFeedBuilder *builder, TnetId stop)
{
  g_return_val_if_fail (builder != NULL, NULL);
  return tnet_feed_stop (builder->feed, stop);
}

TnetId
tnet_i_feed_builder_add_stop (TnetIFeedBuilder *builder, const TnetFeedStop *stop)
{
  g_return_val_if_fail (builder != NULL && stop != NULL, TNET_ID_NONE);
  g_return_val_if_fail (stop->id != NULL && *stop->id != '\0', TNET_ID_NONE);
  g_return_val_if_fail (stop->parent == TNET_ID_NONE, TNET_ID_NONE);
  TnetFeed *feed = builder->feed;
  g_return_val_if_fail (!g_hash_table_contains (feed->stop_index, stop->id), TNET_ID_NONE);
  TnetFeedStop s = *stop;
  s.id = intern (feed, stop->id);
  s.name = intern_opt (feed, stop->name);
  return append_indexed (feed->stop_index, feed->stops, s.id, &s);
}

void
tnet_i_feed_builder_set_parent (TnetIFeedBuilder *builder, TnetId stop, TnetId parent)
{
  g_return_if_fail (builder != NULL);
  GArray *stops = builder->feed->stops;
  g_return_if_fail (stop < stops->len && parent < stops->len && stop != parent);
  g_array_index (stops, TnetFeedStop, stop).parent = parent;
}

TnetId
tnet_i_feed_builder_find_route (const TnetIFeedBuilder *builder, const char *id)
{
  g_return_val_if_fail (builder != NULL && id != NULL, TNET_ID_NONE);
  return tnet_feed_find_route (builder->feed, id);
}

TnetId
tnet_i_feed_builder_add_route (TnetIFeedBuilder *builder, const TnetFeedRoute *route)
{
  g_return_val_if_fail (builder != NULL && route != NULL, TNET_ID_NONE);
  g_return_val_if_fail (route->id != NULL && *route->id != '\0', TNET_ID_NONE);
  TnetFeed *feed = builder->feed;
  g_return_val_if_fail (!g_hash_table_contains (feed->route_index, route->id), TNET_ID_NONE);
  TnetFeedRoute r = *route;
  r.id = intern (feed, route->id);
  r.agency_id = intern_opt (feed, route->agency_id);
  r.short_name = intern_opt (feed, route->short_name);
  r.long_name = intern_opt (feed, route->long_name);
  return append_indexed (feed->route_index, feed->routes, r.id, &r);
}

void
tnet_i_feed_builder_set_has_calendar_files (TnetIFeedBuilder *builder)
{
  g_return_if_fail (builder != NULL);
  builder->feed->has_calendar_files = TRUE;
}

gboolean
tnet_i_feed_builder_has_calendar_files (const TnetIFeedBuilder *builder)
{
  g_return_val_if_fail (builder != NULL, FALSE);
  return builder->feed->has_calendar_files;
}

guint
tnet_i_feed_builder_service (TnetIFeedBuilder *builder, const char *id, gboolean create)
{
  g_return_val_if_fail (builder != NULL && id != NULL, G_MAXUINT);
  gpointer v = g_hash_table_lookup (builder->services, id);
  if (v)
    return GPOINTER_TO_UINT (v) - 1;
  if (!create)
    return G_MAXUINT;
  TnetService s = { .id = intern (builder->feed, id) };
  return append_indexed (builder->services, builder->feed->services, s.id, &s);
}

gboolean
tnet_i_feed_builder_set_calendar (TnetIFeedBuilder *builder, guint service, guint8 weekdays,
                                  guint start_date, guint end_date)
{
  g_return_val_if_fail (builder != NULL, FALSE);
  g_return_val_if_fail (service < builder->feed->services->len, FALSE);
  TnetService *s = &g_array_index (builder->feed->services, TnetService, service);
  if (s->has_calendar)
    return s->weekdays == weekdays && s->start_date == start_date && s->end_date == end_date;
  s->has_calendar = TRUE;
  s->weekdays = weekdays;
  s->start_date = start_date;
  s->end_date = end_date;
  return TRUE;
}

void
tnet_i_feed_builder_add_service_date (TnetIFeedBuilder *builder, guint service, guint date,
                                      int exception_type)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (service < builder->feed->services->len);
  g_return_if_fail (exception_type == 1 || exception_type == 2);
  /* the key's form is what tnet_i_feed_service_runs() looks up */
  g_hash_table_insert (builder->feed->service_dates, g_strdup_printf ("%u:%u", service, date),
                       GINT_TO_POINTER (exception_type));
}

guint
tnet_i_feed_builder_find_trip (const TnetIFeedBuilder *builder, const char *id)
{
  g_return_val_if_fail (builder != NULL && id != NULL, G_MAXUINT);
  return GPOINTER_TO_UINT (g_hash_table_lookup (builder->trips, id)) - 1;
}

const char *
tnet_i_feed_builder_trip_id (const TnetIFeedBuilder *builder, guint trip)
{
  g_return_val_if_fail (builder != NULL && trip < builder->feed->trips->len, NULL);
  return g_array_index (builder->feed->trips, TnetTrip, trip).id;
}

guint
tnet_i_feed_builder_add_trip (TnetIFeedBuilder *builder, const char *id, TnetId route,
                              guint service, const char *block)
{
  g_return_val_if_fail (builder != NULL && id != NULL && *id != '\0', G_MAXUINT);
  TnetFeed *feed = builder->feed;
  g_return_val_if_fail (route < feed->routes->len && service < feed->services->len, G_MAXUINT);
  g_return_val_if_fail (!g_hash_table_contains (builder->trips, id), G_MAXUINT);
  TnetTrip t = { .id = intern (feed, id), .route = route, .service = service,
                 .block = intern_opt (feed, block) };
  return append_indexed (builder->trips, feed->trips, t.id, &t);
}

void
tnet_i_feed_builder_reserve_stop_times (TnetIFeedBuilder *builder, gsize n)
{
  g_return_if_fail (builder != NULL && n <= G_MAXUINT);
  TnetFeed *feed = builder->feed;
  if (feed->stop_times->len > 0 || n == 0)
    return;
  g_array_unref (feed->stop_times);
  feed->stop_times = g_array_sized_new (FALSE, FALSE, sizeof (TnetStopTime), (guint) n);
}

TnetStopTime *
tnet_i_feed_builder_add_stop_times (TnetIFeedBuilder *builder, guint trip, guint n)
{
  g_return_val_if_fail (builder != NULL && n > 0, NULL);
  TnetFeed *feed = builder->feed;
  g_return_val_if_fail (trip < feed->trips->len, NULL);
  TnetTrip *t = &g_array_index (feed->trips, TnetTrip, trip);
  g_return_val_if_fail (t->n_st == 0, NULL);
  guint first = feed->stop_times->len;
  g_return_val_if_fail (n <= G_MAXUINT - first, NULL);
  g_array_set_size (feed->stop_times, first + n);
  t->first_st = first;
  t->n_st = n;
  return &g_array_index (feed->stop_times, TnetStopTime, first);
}

TnetIStopTimesFault
tnet_i_feed_builder_end_stop_times (TnetIFeedBuilder *builder, guint trip, guint *row)
{
  g_return_val_if_fail (builder != NULL && row != NULL, TNET_I_STOP_TIMES_OK);
  const TnetFeed *feed = builder->feed;
  g_return_val_if_fail (trip < feed->trips->len, TNET_I_STOP_TIMES_OK);
  const TnetTrip *t = &g_array_index (feed->trips, TnetTrip, trip);
  const TnetStopTime *st = &g_array_index (feed->stop_times, TnetStopTime, t->first_st);
  TnetId max_stop = 0;
  for (guint k = 0; k < t->n_st; k++)
    max_stop = MAX (max_stop, st[k].stop);
  g_return_val_if_fail (t->n_st == 0 || max_stop < feed->stops->len, TNET_I_STOP_TIMES_OK);
  for (guint k = 0; k < t->n_st; k++)
    {
      *row = k;
      if (st[k].dep_s < st[k].arr_s)
        return TNET_I_STOP_TIMES_DEPARTS_BEFORE_ARRIVAL;
      if (k > 0 && st[k].arr_s < st[k - 1].dep_s)
        return TNET_I_STOP_TIMES_BACKWARDS;
    }
  return TNET_I_STOP_TIMES_OK;
}

void
tnet_i_feed_builder_add_frequency (TnetIFeedBuilder *builder, guint trip,
                                   const TnetFrequency *freq)
{
  g_return_if_fail (builder != NULL && freq != NULL);
  TnetFeed *feed = builder->feed;
  g_return_if_fail (trip < feed->trips->len);
  g_return_if_fail (freq->end_s > freq->start_s && freq->headway_s > 0);
  TnetTrip *t = &g_array_index (feed->trips, TnetTrip, trip);
  g_return_if_fail (t->n_freq == 0 || builder->last_freq_trip == trip);
  if (t->n_freq == 0)
    t->first_freq = feed->frequencies->len;
  t->n_freq++;
  g_array_append_val (feed->frequencies, *freq);
  builder->last_freq_trip = trip;
}

void
tnet_i_feed_builder_add_transfer (TnetIFeedBuilder *builder, const TnetFeedTransfer *transfer)
{
  g_return_if_fail (builder != NULL && transfer != NULL);
  GArray *stops = builder->feed->stops;
  g_return_if_fail (transfer->from_stop < stops->len && transfer->to_stop < stops->len);
  g_array_append_val (builder->feed->transfers, *transfer);
}

TnetFeed *
tnet_i_feed_builder_finish (TnetIFeedBuilder *builder, const TnetFeedOptions *options,
                            GError **error)
{
  g_return_val_if_fail (builder != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  TnetFeed *feed = builder_release (builder);
  if (!tnet_i_feed_finish (feed, options, error))
    {
      tnet_feed_unref (feed);
      return NULL;
    }
  return feed;
}
