/* string-sort.c: strings in byte order (string-sort.h). */
#include "string-sort.h"

#include <string.h>

static int
compare_strings (gconstpointer a, gconstpointer b, gpointer user_data)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

void
tnet_i_sort_strings_from (GPtrArray *array, guint start)
{
  g_return_if_fail (array != NULL);
  /* g_qsort_with_data() is a stable merge sort */
  if (array->len > start + 1)
    g_qsort_with_data (array->pdata + start, (gint) (array->len - start), sizeof (gpointer),
                       compare_strings, NULL);
}

void
tnet_i_hash_table_sorted_keys (GHashTable *table, GPtrArray *out)
{
  g_return_if_fail (table != NULL && out != NULL);
  guint start = out->len;
  GHashTableIter it;
  gpointer key;
  g_hash_table_iter_init (&it, table);
  while (g_hash_table_iter_next (&it, &key, NULL))
    g_ptr_array_add (out, key);
  tnet_i_sort_strings_from (out, start);
}
