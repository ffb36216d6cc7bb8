/* profile.c: the names of the travel profiles (tnet-profile.h). */
#include "tnet-internal.h"

#include <string.h>

static const char *const profile_names[] = { "car", "transit", "park_and_ride" };

const char *
tnet_profile_to_string (TnetProfile profile)
{
  g_return_val_if_fail (profile < TNET_N_PROFILES, NULL);
  return profile_names[profile];
}

gboolean
tnet_profile_from_string (const char *s, TnetProfile *out)
{
  g_return_val_if_fail (s != NULL && out != NULL, FALSE);
  for (guint i = 0; i < TNET_N_PROFILES; i++)
    if (strcmp (s, profile_names[i]) == 0)
      {
        *out = (TnetProfile) i;
        return TRUE;
      }
  return FALSE;
}
