/* analysis-private.h: helpers shared by the analysis files. Internal. */
#pragma once

#include "tnet-internal.h"

/* Sorts the strings (const char *) of @array from index @start on. */
void tnet_i_sort_strings_from (GPtrArray *array, guint start);
