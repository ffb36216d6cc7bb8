/* gtfs-merge.h: several GTFS feeds written as one, ids prefixed by feed.
 * Internal (tnet_folder_init). */
#pragma once

#include "tnet-internal.h"
#include "csv.h"

/* gtfs.c: member @name of the feed at @path (folder or zip) as CSV, header
 * read; NULL with no error set when the feed has no such member. */
TnetCsv *tnet_i_gtfs_open_member (const char *path, const char *name, GError **error);

/**
 * tnet_i_gtfs_merge:
 * Writes the feeds @paths (@n of them) as one GTFS folder @out_dir: every
 * file tnet reads (agency, stops, routes, trips, stop_times, frequencies,
 * transfers, calendar, calendar_dates) with the union of the feeds' columns,
 * every id column prefixed by "PREFIX:" with the feed's @prefixes entry
 * (an empty agency_id becomes PREFIX itself, so one agency per feed stays
 * named). Other files (shapes, fare rules, ...) are not copied.
 */
gboolean tnet_i_gtfs_merge (const char *const *paths, const char *const *prefixes, guint n,
                            const char *out_dir, GError **error);
