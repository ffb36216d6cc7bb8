/* feed-private.h: the layout of TnetFeed, for lib/model only (the GTFS
 * reader fills a feed through the builder of feed-internal.h, which also
 * defines the stop-time and frequency rows). Internal. */
#pragma once

#include "feed-internal.h"

typedef struct {
  const char *id;
  TnetId route;
  guint service;       /* index into services */
  guint first_st;
  guint n_st;
  guint first_freq;    /* frequency rows of this trip: first_freq .. +n_freq-1 */
  guint n_freq;
  const char *block;   /* block_id, NULL when empty */
} TnetTrip;

typedef struct {
  const char *id;
  gboolean has_calendar;
  guint8 weekdays;      /* bit 0 = Monday .. bit 6 = Sunday */
  guint start_date;     /* YYYYMMDD */
  guint end_date;
} TnetService;

struct _TnetFeed {
  gint ref_count;                 /* atomic */
  char *path;
  GStringChunk *strings;          /* every string of the records */
  GPtrArray *agency_names;        /* const char * (in strings) */
  GArray *stops;                  /* TnetFeedStop */
  GArray *routes;                 /* TnetFeedRoute */
  GArray *trips;                  /* TnetTrip */
  GArray *stop_times;             /* TnetStopTime, grouped by trip */
  GArray *frequencies;            /* TnetFrequency, grouped by trip */
  GArray *transfers;              /* TnetFeedTransfer */
  GArray *services;               /* TnetService */
  GHashTable *service_dates;      /* "service:YYYYMMDD" (service index) -> GINT(exception_type) */
  GHashTable *stop_index;         /* stop id -> index+1 */
  GHashTable *route_index;        /* route id -> index+1 */
  gboolean has_calendar_files;    /* calendar.txt or calendar_dates.txt present */
  guint window_start_s;
  guint window_end_s;
  guint service_date;             /* 0 = no calendar: every trip runs */
  GArray *patterns;               /* TnetPattern; arrays below own their data */
  GPtrArray *pattern_blocks;      /* g_free'd blocks holding the pattern arrays */
};

TnetFeed *tnet_i_feed_new (const char *path);
/* Selects the service day and builds the patterns (after all rows are in);
 * @options NULL for the defaults. */
gboolean tnet_i_feed_finish (TnetFeed *feed, const TnetFeedOptions *options,
                             GError **error);
/* TRUE when service @service runs on @date (YYYYMMDD). */
gboolean tnet_i_feed_service_runs (const TnetFeed *feed, guint service, guint date);
