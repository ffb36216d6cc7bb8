/* read-file.c: a whole file into memory, with the library's I/O error. */
#include "tnet-internal.h"

gboolean
tnet_i_read_file (const char *path, const char *name, const char *what, char **contents,
                  gsize *length, GError **error)
{
  g_return_val_if_fail (path != NULL && contents != NULL && length != NULL, FALSE);
  GError *local = NULL;
  if (g_file_get_contents (path, contents, length, &local))
    return TRUE;
  g_set_error (error, TNET_ERROR, TNET_ERROR_IO, "%s: cannot read%s%s: %s", name ? name : path,
               what ? " " : "", what ? what : "", local->message);
  g_error_free (local);
  return FALSE;
}
