/* tnet-profile.h: the travel profiles (car, transit, park-and-ride) and
 * their names, as plans, commands and reports spell them. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-core.h>

G_BEGIN_DECLS

typedef enum {
  TNET_PROFILE_CAR,
  TNET_PROFILE_TRANSIT,
  TNET_PROFILE_PARK_AND_RIDE,
  TNET_N_PROFILES
} TnetProfile;

/* The profile's name: "car", "transit" or "park_and_ride" (static).
 * Errors: a profile out of range is a programming error (g_critical,
 * %NULL). Thread-safe. Time complexity: O(1). */
TNET_API const char *tnet_profile_to_string (TnetProfile profile);
/* Sets @out to the profile named @s (exactly as tnet_profile_to_string()
 * spells it) and returns %TRUE, or returns %FALSE leaving @out unchanged.
 * Errors: none (no GError; %FALSE is the answer for an unknown name).
 * Thread-safe. Time complexity: O(1). */
TNET_API gboolean tnet_profile_from_string (const char *s, TnetProfile *out);

G_END_DECLS
