/* profile.c: the names of the travel profiles (tnet-profile.h). */
#include "tnet-internal.h"
#include "names.h"


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
  guint i;
  if (!tnet_i_name_index (profile_names, TNET_N_PROFILES, s, &i))
    return FALSE;
  *out = (TnetProfile) i;
  return TRUE;
}
