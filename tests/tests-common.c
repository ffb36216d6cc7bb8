/* tests-common.c: helpers shared by the test suites. */
#include "tests-common.h"
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

static char *
env_path (const char *var, const char *fallback, const char *relative)
{
  const char *root = g_getenv (var);
  return g_build_filename (root ? root : fallback, relative, NULL);
}

char *
tt_data_path (const char *relative)
{
  g_autofree char *rel = g_build_filename ("tests", "data", relative, NULL);
  return env_path ("TNET_SOURCE_ROOT", ".", rel);
}

char *
tt_source_path (const char *relative)
{
  return env_path ("TNET_SOURCE_ROOT", ".", relative);
}

char *
tt_mkdtemp (void)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp ("tnet-test-XXXXXX", &error);
  ck_assert_msg (dir != NULL, "mkdtemp: %s", error ? error->message : "?");
  return dir;
}

void
tt_rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  if (dir)
    {
      const char *name;
      while ((name = g_dir_read_name (dir)))
        {
          char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            tt_rm_rf (child);
          else
            g_unlink (child);
          g_free (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

void
tt_write_file (const char *dir, const char *name, const char *text)
{
  char *path = g_build_filename (dir, name, NULL);
  GError *error = NULL;
  gboolean ok = g_file_set_contents (path, text, -1, &error);
  ck_assert_msg (ok, "write %s: %s", path, ok ? "" : error->message);
  g_free (path);
}

int
tt_run_suite (Suite *s)
{
  SRunner *sr = srunner_create (s);
  srunner_set_tap (sr, "-");
  srunner_run_all (sr, CK_SILENT);
  int failed = srunner_ntests_failed (sr);
  srunner_free (sr);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

void
tt_assert_error_impl (GError **error, int code, const char *needle,
                      const char *file, int line)
{
  ck_assert_msg (*error != NULL, "%s:%d: expected an error, got none", file, line);
  ck_assert_msg ((*error)->domain == TNET_ERROR && (*error)->code == code,
                 "%s:%d: expected TNET_ERROR code %d, got %s code %d: %s", file, line,
                 code, g_quark_to_string ((*error)->domain), (*error)->code,
                 (*error)->message);
  if (needle)
    ck_assert_msg (strstr ((*error)->message, needle) != NULL,
                   "%s:%d: error message \"%s\" lacks \"%s\"", file, line,
                   (*error)->message, needle);
  g_clear_error (error);
}

TtRun
tt_run_tnetv (const char *const *args)
{
  const char *exe = g_getenv ("TNET_EXE");
  ck_assert_msg (exe != NULL, "TNET_EXE is not set");
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) exe);
  for (guint k = 0; args[k]; k++)
    g_ptr_array_add (argv, (char *) args[k]);
  g_ptr_array_add (argv, NULL);
  TtRun r = { 0 };
  GError *error = NULL;
  int wait = 0;
  gboolean ok = g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                              &r.out, &r.err, &wait, &error);
  ck_assert_msg (ok, "spawn: %s", ok ? "" : error->message);
  ck_assert_msg (WIFEXITED (wait), "tnet did not exit normally");
  r.status = WEXITSTATUS (wait);
  return r;
}

TtRun
tt_run_tnet (const char *first, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  va_list ap;
  va_start (ap, first);
  for (const char *a = first; a; a = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) a);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  return tt_run_tnetv ((const char *const *) args->pdata);
}

void
tt_run_clear (TtRun *r)
{
  g_free (r->out);
  g_free (r->err);
}

GPtrArray *
tt_csv_rows (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *p = lines[i];
      gsize len = strlen (p);
      if (len > 0 && p[len - 1] == '\r')
        len--;
      if (len == 0)
        continue;
      GPtrArray *fields = g_ptr_array_new ();
      GString *f = g_string_new (NULL);
      gboolean quoted = FALSE;
      for (gsize k = 0; k <= len; k++)
        {
          char c = k < len ? p[k] : ',';
          if (quoted)
            {
              if (c == '"' && k + 1 < len && p[k + 1] == '"')
                g_string_append_c (f, '"'), k++;
              else if (c == '"')
                quoted = FALSE;
              else
                g_string_append_c (f, c);
            }
          else if (c == '"')
            quoted = TRUE;
          else if (c == ',')
            {
              g_ptr_array_add (fields, g_string_free (f, FALSE));
              f = g_string_new (NULL);
            }
          else
            g_string_append_c (f, c);
        }
      g_string_free (f, TRUE);
      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (rows, g_ptr_array_free (fields, FALSE));
    }
  return rows;
}

/* The keys of the "Top-level keys:" or "Element keys:" line of the section
 * of docs/json-schema.md headed @heading, each as written ("name" or
 * "name?"); NULL when there is no such section or line. */
static GPtrArray *
schema_doc_keys (const char *heading)
{
  g_autofree char *path = tt_source_path ("docs/json-schema.md");
  g_autofree char *doc = NULL;
  if (!g_file_get_contents (path, &doc, NULL, NULL))
    return NULL;
  g_auto (GStrv) lines = g_strsplit (doc, "\n", -1);
  guint i = 0;
  while (lines[i] && strcmp (lines[i], heading) != 0)
    i++;
  if (lines[i] == NULL)
    return NULL;
  for (i++; lines[i] && lines[i][0] != '#'; i++)
    {
      const char *list = NULL;
      if (g_str_has_prefix (lines[i], "Top-level keys: "))
        list = lines[i] + strlen ("Top-level keys: ");
      else if (g_str_has_prefix (lines[i], "Element keys: "))
        list = lines[i] + strlen ("Element keys: ");
      if (list == NULL)
        continue;
      GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
      g_auto (GStrv) items = g_strsplit (list, ", ", -1);
      for (guint k = 0; items[k]; k++)
        {
          GString *key = g_string_new (NULL);
          for (const char *c = items[k]; *c; c++)
            if (*c != '`')
              g_string_append_c (key, *c);
          g_ptr_array_add (keys, g_string_free (key, FALSE));
        }
      return keys;
    }
  return NULL;
}

void
tt_assert_json_schema_keys (const char *heading, const char *json)
{
  g_autoptr (GPtrArray) want = schema_doc_keys (heading);
  ck_assert_msg (want != NULL, "docs/json-schema.md: no section %s with a keys line", heading);
  g_autoptr (JsonParser) p = json_parser_new ();
  ck_assert_msg (json_parser_load_from_data (p, json, -1, NULL), "%s: not JSON", heading);
  JsonNode *root = json_parser_get_root (p);
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *a = json_node_get_array (root);
      ck_assert_msg (json_array_get_length (a) > 0, "%s: an empty array", heading);
      root = json_array_get_element (a, 0);
    }
  ck_assert_msg (JSON_NODE_HOLDS_OBJECT (root), "%s: not an object", heading);
  g_autoptr (GList) members = json_object_get_members (json_node_get_object (root));
  guint d = 0;   /* the next documented key the document may have */
  for (GList *m = members; m; m = m->next)
    {
      const char *name = m->data;
      while (d < want->len)
        {
          const char *w = g_ptr_array_index (want, d);
          gsize n = strlen (w);
          gboolean optional = n > 0 && w[n - 1] == '?';
          if (strncmp (w, name, optional ? n - 1 : n) == 0
              && strlen (name) == (optional ? n - 1 : n))
            break;
          ck_assert_msg (optional, "%s: the document has no \"%s\" before \"%s\" "
                         "(docs/json-schema.md lists it)", heading, w, name);
          d++;
        }
      ck_assert_msg (d < want->len, "%s: key \"%s\" is not in docs/json-schema.md's list "
                     "(or not in its order)", heading, name);
      d++;
    }
  for (; d < want->len; d++)
    {
      const char *w = g_ptr_array_index (want, d);
      ck_assert_msg (g_str_has_suffix (w, "?"), "%s: the document has no \"%s\" "
                     "(docs/json-schema.md lists it)", heading, w);
    }
}
