/* tests-common.h: helpers shared by the test suites. */
#pragma once

#include <tnet/tnet.h>
#include <check.h>
#include <math.h>
#include <string.h>

/* Path of a test fixture, TNET_SOURCE_ROOT/tests/data/@relative (see
 * tests/data/README.md), newly allocated. Tests read no data from anywhere
 * else, so that a fresh clone runs every case. */
char *tt_data_path (const char *relative);
/* Path of a file under the source tree (TNET_SOURCE_ROOT), newly allocated. */
char *tt_source_path (const char *relative);
/* A new temporary directory (removed by the caller with tt_rm_rf). */
char *tt_mkdtemp (void);
void tt_rm_rf (const char *path);
/* Writes @text to @dir/@name. */
void tt_write_file (const char *dir, const char *name, const char *text);
/* Runs one suite with TAP output; returns the process exit code. */
int tt_run_suite (Suite *s);
/* Asserts that @error is set, in @domain/@code, and that its message
 * contains @needle (may be NULL); then clears it. */
#define tt_assert_error(error, code, needle) \
  tt_assert_error_impl (&(error), (code), (needle), __FILE__, __LINE__)
void tt_assert_error_impl (GError **error, int code, const char *needle,
                           const char *file, int line);

/* The tnet command (TNET_EXE) run to its end: exit status, stdout, stderr. */
typedef struct {
  int status;
  char *out;
  char *err;
} TtRun;
/* Runs tnet with the NULL-terminated @args; fails the test when it cannot be
 * started or does not exit normally. Free with tt_run_clear(). */
TtRun tt_run_tnetv (const char *const *args);
TtRun tt_run_tnet (const char *first, ...) G_GNUC_NULL_TERMINATED;
void tt_run_clear (TtRun *r);

/* The rows of a CSV text (RFC 4180: quoted fields, "" for a quote; no
 * newline inside a field), each a NULL-terminated array of fields; the
 * header is row 0. Free with g_ptr_array_unref(). */
GPtrArray *tt_csv_rows (const char *text);

/* Asserts that the JSON document @json (an object, or an array of objects)
 * has the top-level keys (of its first element, for an array) that
 * docs/json-schema.md lists under the heading @heading (the whole line,
 * e.g. "## `tnet report`") in its "Top-level keys:" (or "Element keys:")
 * line: in that order, each key without '?' present, no key the line does
 * not name. */
void tt_assert_json_schema_keys (const char *heading, const char *json);
