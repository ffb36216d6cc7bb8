/* names.c: an enumeration's value from its name (names.h). */
#include "names.h"

#include <string.h>

gboolean
tnet_i_name_index (const char *const *names, guint n, const char *s, guint *out)
{
  if (!s)
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (strcmp (names[i], s) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}
