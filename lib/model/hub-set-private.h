/* hub-set-private.h: the layout of TnetHubSet, private to the hub model
 * (the hubs.csv loader builds a set with the tnet_i_hub_set_* functions
 * of tnet-internal.h). Internal. */
#pragma once

#include "tnet-internal.h"

/* One hub_walks.csv row. */
typedef struct {
  guint hub;            /* index into hubs */
  const char *from;     /* a member of the hub (string in the set's chunk) */
  const char *to;       /* another member, != from */
  TnetWeight walk_ms;   /* < TNET_WEIGHT_INF (walk_min rounded to the ms) */
  int open_year;        /* 0 = blank (applies in every year) */
} TnetHubWalk;

struct _TnetHubSet {
  GStringChunk *strings;   /* every string of the hubs and walks */
  GArray *hubs;            /* TnetHub; members point into member_arrays */
  GPtrArray *member_arrays;/* g_free'd NULL-terminated arrays of const char * */
  GArray *walks;           /* TnetHubWalk, in file order */
  GHashTable *index;       /* hub id (in strings) -> position + 1 */
};
