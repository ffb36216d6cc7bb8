/* ini-places.h: where each group and key of a key file stands, for errors
 * that name FILE:LINE:COLUMN (GKeyFile itself keeps no positions). Internal. */
#pragma once

#include "tnet-internal.h"

typedef struct {
  guint line;      /* 1-based line of the key (or group header) */
  guint column;    /* 1-based byte column of the value (of '[' for a header) */
  guint key_col;   /* 1-based byte column of the key (of '[' for a header) */
} TnetIniPlace;

/* Scans the key-file text @data (@length bytes) and returns a table from
 * tnet_i_ini_place_key (group, key) (key NULL: the group's header, its first
 * occurrence) to TnetIniPlace. A key given twice in one group is an error
 * naming @path, both lines and the column (GKeyFile would keep the last one
 * silently). Comment lines (#) and blank lines are passed over. O(length). */
GHashTable *tnet_i_ini_places_scan (const char *path, const char *data, gsize length,
                                    GError **error);

/* The table key of @key in @group (NULL: the group itself); g_free it. */
char *tnet_i_ini_place_key (const char *group, const char *key);

/* The place of @key in @group (NULL: the header), or NULL. */
const TnetIniPlace *tnet_i_ini_place (GHashTable *places, const char *group, const char *key);
