/* error.c: the TNET_ERROR domain and the library version. */
#include "tnet-internal.h"

GQuark
tnet_error_quark (void)
{
  return g_quark_from_static_string ("tnet-error-quark");
}

const char *
tnet_version_string (void)
{
  return TNET_VERSION_STRING;
}
