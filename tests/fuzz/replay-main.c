/* replay-main.c: runs a fuzz target's entry point over saved inputs, so the
 * regression inputs (and the hand-written seeds) are replayed by the normal
 * test suite with any compiler, under ASan/UBSan or valgrind.
 *
 * Usage: fuzz-replay-TARGET PATH...; each PATH is a file or a folder of
 * files (read in name order, hidden names skipped). Prints TAP: one test
 * point per input. A crash is the failure this catches; the entry point
 * itself returns 0 for every input. */
#include "fuzz-common.h"

#include <stdio.h>
#include <stdlib.h>

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
collect (const char *path, GPtrArray *files)
{
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }
  GDir *dir = g_dir_open (path, 0, NULL);
  if (!dir)
    return;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while ((name = g_dir_read_name (dir)))
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      char *child = g_build_filename (path, (const char *) g_ptr_array_index (names, i),
                                      NULL);
      collect (child, files);
      g_free (child);
    }
  g_ptr_array_free (names, TRUE);
}

int
main (int argc, char **argv)
{
  fz_init ();
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  for (int i = 1; i < argc; i++)
    {
      if (!g_file_test (argv[i], G_FILE_TEST_EXISTS))
        {
          g_printerr ("%s: no such file or folder\n", argv[i]);
          return 2;
        }
      collect (argv[i], files);
    }
  if (files->len == 0)
    {
      printf ("1..0 # SKIP no inputs\n");
      g_ptr_array_free (files, TRUE);
      return 0;
    }
  printf ("1..%u\n", files->len);
  fflush (stdout);
  int status = 0;
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      char *data = NULL;
      gsize len = 0;
      GError *error = NULL;
      if (!g_file_get_contents (path, &data, &len, &error))
        {
          printf ("not ok %u - %s: %s\n", i + 1, path, error->message);
          g_error_free (error);
          status = 1;
          continue;
        }
      /* an exact-size copy, as libFuzzer passes it: g_file_get_contents()
       * adds a NUL that would hide a read past the end */
      uint8_t *exact = g_malloc (len > 0 ? len : 1);
      memcpy (exact, data, len);
      g_free (data);
      int r = LLVMFuzzerTestOneInput (exact, len);
      g_free (exact);
      printf ("%s %u - %s\n", r == 0 ? "ok" : "not ok", i + 1, path);
      fflush (stdout);
      if (r != 0)
        status = 1;
    }
  g_ptr_array_free (files, TRUE);
  return status;
}
