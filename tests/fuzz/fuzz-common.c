/* fuzz-common.c: temporary files and input splitting for the fuzz targets. */
#include "fuzz-common.h"

#include <glib/gstdio.h>
#include <stdlib.h>

static char *tmp_dir;

static void
rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  if (dir)
    {
      const char *name;
      while ((name = g_dir_read_name (dir)))
        {
          char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            rm_rf (child);
          else
            g_unlink (child);
          g_free (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
remove_tmp_dir (void)
{
  if (tmp_dir)
    rm_rf (tmp_dir);
  g_free (tmp_dir);
  tmp_dir = NULL;
}

/* Warnings and criticals are findings: print them and abort (SIGABRT, which
 * libFuzzer catches and saves the input for; GLib's own fatal path raises
 * SIGTRAP, which it does not). */
static GLogWriterOutput
fatal_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields,
              gpointer user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      char *text = g_log_writer_format_fields (level, fields, n_fields, FALSE);
      g_printerr ("fuzz: %s\n", text);
      g_free (text);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

void
fz_init (void)
{
  if (tmp_dir)
    return;
  g_log_set_writer_func (fatal_writer, NULL, NULL);
  const char *base = g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) ? "/dev/shm"
                                                                   : g_get_tmp_dir ();
  char *tmpl = g_build_filename (base, "tnet-fuzz-XXXXXX", NULL);
  tmp_dir = g_mkdtemp (tmpl);
  if (!tmp_dir)
    {
      g_printerr ("fuzz: cannot create a temporary folder under %s\n", base);
      abort ();
    }
  atexit (remove_tmp_dir);
}

const char *
fz_dir (void)
{
  fz_init ();
  return tmp_dir;
}

size_t
fz_split (const uint8_t *data, size_t size, FzPart *parts, size_t max_parts)
{
  size_t n = 0, start = 0;
  for (size_t i = 0; i < size && n + 1 < max_parts; i++)
    if (data[i] == 0)
      {
        parts[n].data = data + start;
        parts[n].size = i - start;
        n++;
        start = i + 1;
      }
  parts[n].data = data + start;
  parts[n].size = size - start;
  return n + 1;
}

char *
fz_write (const char *name, const uint8_t *data, size_t size)
{
  char *path = g_build_filename (fz_dir (), name, NULL);
  if (!data)
    {
      g_unlink (path);
      return path;
    }
  GError *error = NULL;
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, &error))
    {
      g_printerr ("fuzz: cannot write %s: %s\n", path, error->message);
      abort ();
    }
  return path;
}

void
fz_clear (void)
{
  const char *dir_path = fz_dir ();
  GDir *dir = g_dir_open (dir_path, 0, NULL);
  if (!dir)
    return;
  const char *name;
  while ((name = g_dir_read_name (dir)))
    {
      char *child = g_build_filename (dir_path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
          !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        rm_rf (child);
      else
        g_unlink (child);
      g_free (child);
    }
  g_dir_close (dir);
}

void
fz_expect_error (GError *error)
{
  if (!error || error->domain != TNET_ERROR)
    {
      g_printerr ("fuzz: a load failed without a TNET_ERROR (%s)\n",
                  error ? error->message : "no error set");
      abort ();
    }
  if (g_getenv ("TNET_FUZZ_VERBOSE"))
    g_printerr ("error: %s\n", error->message);
  g_error_free (error);
}

void
fz_note (const char *what)
{
  if (g_getenv ("TNET_FUZZ_VERBOSE"))
    g_printerr ("ok: %s\n", what);
}

static TnetNetwork *xuchang;

static void
free_xuchang (void)
{
  tnet_network_free (xuchang);
  xuchang = NULL;
}

const TnetNetwork *
fz_xuchang (void)
{
  if (xuchang)
    return xuchang;
  const char *root = g_getenv ("TNET_SOURCE_ROOT");
  char *dir = g_build_filename (root ? root : TNET_FUZZ_SOURCE_ROOT, "data", "xuchang", NULL);
  GError *error = NULL;
  xuchang = tnet_network_load_csv (dir, &error);
  if (!xuchang)
    {
      g_printerr ("fuzz: the bundled network does not load: %s\n", error->message);
      abort ();
    }
  g_free (dir);
  atexit (free_xuchang);
  return xuchang;
}
