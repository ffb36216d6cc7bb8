/* names.h: an enumeration's value from its name. Internal. */
#pragma once

#include "tnet-internal.h"

/* Sets *@out to the index of @s in @names[0..@n), compared byte for byte
 * (strcmp), and returns TRUE; FALSE, *@out untouched, when @s is NULL or
 * not one of them. The first match wins. O(n · length). */
gboolean tnet_i_name_index (const char *const *names, guint n, const char *s, guint *out);
