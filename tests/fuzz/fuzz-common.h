/* fuzz-common.h: helpers shared by the libFuzzer targets and their replay
 * driver.
 *
 * The loaders read files, so a target writes its input into a private
 * temporary folder (under /dev/shm when it exists) and loads from there.
 * An input that stands for several files is split at NUL bytes: part 0 is
 * the first file, part 1 the second, and so on (a missing part means the
 * file is absent). NUL cannot occur in valid text input, so the loaders
 * still see NULs inside a part when the fuzzer puts more of them there. */
#pragma once

#include <tnet/tnet.h>
#include <math.h>
#include <string.h>

#include <stddef.h>
#include <stdint.h>

/* The entry point every target defines. */
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef struct {
  const uint8_t *data;
  size_t size;
} FzPart;

/* Sets up GLib logging (criticals and warnings abort, so a programming
 * error reached from data is a finding; other messages are dropped) and
 * the temporary folder. Idempotent. */
void fz_init (void);
/* The temporary folder (created by fz_init, removed at exit). */
const char *fz_dir (void);
/* Splits @data at its first @max_parts - 1 NUL bytes; returns the number of
 * parts (at least 1, at most @max_parts); the last part keeps any later NULs. */
size_t fz_split (const uint8_t *data, size_t size, FzPart *parts, size_t max_parts);
/* Writes @size bytes to fz_dir()/@name and returns the path (owned by the
 * caller). @data NULL removes the file instead, and still returns the path. */
char *fz_write (const char *name, const uint8_t *data, size_t size);
/* Checks that a failed load set a TNET_ERROR (aborts otherwise), prints
 * its message when TNET_FUZZ_VERBOSE is set, and frees it. */
void fz_expect_error (GError *error);
/* Prints @what when TNET_FUZZ_VERBOSE is set (a load that worked). */
void fz_note (const char *what);
/* The bundled network (data/xuchang of the source tree), loaded once and
 * kept for the process; aborts when it does not load. */
const TnetNetwork *fz_xuchang (void);
/* Clears the temporary folder (non-recursive into hidden names is enough). */
void fz_clear (void);
