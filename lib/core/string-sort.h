/* string-sort.h: strings in byte order, as the reports list names.
 * Internal. */
#pragma once

#include "tnet-internal.h"

/* Sorts the strings (const char *, borrowed) of @array from index @start
 * on in byte order (strcmp); the rows before @start stay as they are.
 * Equal strings keep their order (a stable sort). O(k log k) for the k
 * rows sorted. */
void tnet_i_sort_strings_from (GPtrArray *array, guint start);

/* Appends the keys of @table, which are strings (borrowed: valid while
 * @table's keys are), to @out in byte order (strcmp), after the rows @out
 * already holds; those rows stay as they are. O(k log k) for k keys. */
void tnet_i_hash_table_sorted_keys (GHashTable *table, GPtrArray *out);
