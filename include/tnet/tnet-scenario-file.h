/* tnet-scenario-file.h: scenario files (.ini) that script what-if runs. */
#pragma once

#if !defined(TNET_INSIDE) && !defined(TNET_COMPILATION)
#error "Only <tnet/tnet.h> can be included directly."
#endif

#include <tnet/tnet-network.h>
#include <tnet/tnet-scenario.h>

G_BEGIN_DECLS

/**
 * TnetScenarioFile:
 * A parsed and validated scenario file (docs/scenario-files.md; reference in
 * docs/scenario-files.md): the network, year, statuses, closures and
 * overrides of a scenario, the analyses to run with their parameters
 * ([commute], [isochrone], [transfers], [corridors], [criticality]) and the
 * outputs ([output]). Immutable after loading; single owner, free with
 * tnet_scenario_file_free(). Reading it from several threads is safe.
 */
typedef struct _TnetScenarioFile TnetScenarioFile;

/**
 * TnetOutputFormat:
 * Bits of the [output] formats list.
 */
typedef enum {
  TNET_OUTPUT_TEXT = 1u << 0,
  TNET_OUTPUT_JSON = 1u << 1,
  TNET_OUTPUT_CSV = 1u << 2,
  TNET_OUTPUT_GEOJSON = 1u << 3,
  TNET_OUTPUT_SVG = 1u << 4,
  TNET_OUTPUT_PNG = 1u << 5,
} TnetOutputFormat;

/**
 * tnet_scenario_file_load:
 * @path: the .ini file
 *
 * Reads and validates a scenario file. Only whole-line comments starting
 * with `#` are allowed (`;` separates list items). Every problem fails the
 * load with %TNET_ERROR_INVALID_INPUT and a message
 * "FILE:LINE:COLUMN: what is wrong": an unknown section or key (with a
 * "did you mean" suggestion when a known name is close), a duplicate key,
 * a value that is not a number, out of range, or not one of the allowed
 * words. An unreadable file fails with %TNET_ERROR_IO. Names of links,
 * lines and nodes are checked against a network later, by
 * tnet_scenario_file_check().
 * Returns: (transfer full): the file, or %NULL on error.
 * Thread-safety: reentrant (reads only the file).
 * Time complexity: O(size of the file).
 */
TNET_API TnetScenarioFile *tnet_scenario_file_load (const char *path, GError **error);

/**
 * tnet_scenario_file_load_from_data:
 * @data: the file's text (UTF-8)
 * @length: its length in bytes, or -1 when NUL-terminated
 * @display_name: the name errors use for the file
 * @base_dir: the folder relative paths (network, output dir) start from
 *
 * As tnet_scenario_file_load() (errors, thread-safety), for text already in
 * memory. Time complexity: O(@length).
 */
TNET_API TnetScenarioFile *tnet_scenario_file_load_from_data (const char *data,
                                                              gssize length,
                                                              const char *display_name,
                                                              const char *base_dir,
                                                              GError **error);
/* Frees the file (%NULL is ignored) and every view it handed out. Errors:
 * none. Thread-safety: not while another thread reads it. Time complexity:
 * O(size of the file). */
TNET_API void tnet_scenario_file_free (TnetScenarioFile *sf);

/* The getters below only read the immutable file: thread-safe, no GError
 * (a %NULL argument is a programming error: g_critical, then %NULL, 0 or
 * the fallback); a key lookup is a hash lookup, O(1) expected. */

/* The path (or display name) the file was loaded from; [scenario] name
 * (the file's base name without ".ini" when not given); [scenario] network
 * resolved against the file's folder, or NULL when the file does not name
 * one (the caller's default network applies); [scenario] year, or 0 when
 * not given. Errors: none. Thread-safe. Time complexity: O(1). */
TNET_API const char *tnet_scenario_file_get_path (const TnetScenarioFile *sf);
TNET_API const char *tnet_scenario_file_get_name (const TnetScenarioFile *sf);
TNET_API const char *tnet_scenario_file_get_network_dir (const TnetScenarioFile *sf);
TNET_API int tnet_scenario_file_get_year (const TnetScenarioFile *sf);

/**
 * tnet_scenario_file_get_scenario:
 * @default_year: the year used when the file gives none
 *
 * Builds the scenario the file describes: name, year, statuses, closures,
 * speed and time overrides and headway factors.
 * Returns: (transfer full): a new scenario.
 * Errors: none (the file was validated at load; names are checked against a
 * network by tnet_scenario_file_check()). Thread-safety: reads @sf only.
 * Time complexity: O(closures + overrides) expected.
 */
TNET_API TnetScenario *tnet_scenario_file_get_scenario (const TnetScenarioFile *sf,
                                                        int default_year);

/**
 * tnet_scenario_file_check:
 * Checks every name the file uses against @net: closed links and lines,
 * overridden links, headway lines, commute origins and destinations,
 * the isochrone's origin and the corridor and criticality pairs (node ids,
 * `region:NAME`, `kind:KIND`, or a bare region name where a pair is
 * expected). Fails with %TNET_ERROR_NOT_FOUND and "FILE:LINE:COLUMN:
 * unknown link 'x' (did you mean 'y'?)" for the first unknown name.
 * Thread-safety: reads @sf and @net only.
 * Time complexity: O(names) expected lookups plus, for a place list, that
 * of tnet_place_list_parse(); O(names × size of @net) when a suggestion is
 * searched.
 */
TNET_API gboolean tnet_scenario_file_check (const TnetScenarioFile *sf,
                                            const TnetNetwork *net, GError **error);

/**
 * tnet_scenario_file_check_timetable:
 * @section: (nullable): the analysis section (`commute`, `isochrone`,
 *   `criticality`)
 *   whose transit follows the timetable, or %NULL for a command given
 *   the file with `--scenario`
 *
 * A `line:NAME.headway_factor` override scales the headways of the
 * frequency approximation (tnet_multimodal_build()); a timetable runs the
 * feed's trips as they are, so the factor would be ignored there. Callers
 * whose transit follows the timetable call this first: it fails with
 * %TNET_ERROR_INVALID_INPUT "FILE:LINE:COLUMN: line:NAME.headway_factor
 * scales the headways of the frequency approximation, but [SECTION] ...
 * follows the timetable ...: it needs model = frequency in [SECTION]"
 * (with @section %NULL: "it needs --frequency-model") naming the first
 * such override, and succeeds when the file has none.
 * Thread-safety: reads @sf only. Time complexity: O(overrides).
 */
TNET_API gboolean tnet_scenario_file_check_timetable (const TnetScenarioFile *sf,
                                                      const char *section, GError **error);

/* TRUE when the file has the section (an analysis to run). Errors: none.
 * Thread-safe. Time complexity: O(1) expected. */
TNET_API gboolean tnet_scenario_file_has_section (const TnetScenarioFile *sf,
                                                  const char *section);

/**
 * tnet_scenario_file_get_strv:
 * The items of a list key (trimmed, empty items dropped), or %NULL when the
 * key is absent. A view valid until @sf is freed.
 * Errors: none. Thread-safe. Time complexity: O(1) expected.
 */
TNET_API const char *const *tnet_scenario_file_get_strv (const TnetScenarioFile *sf,
                                                         const char *section,
                                                         const char *key);
/* A scalar string key, or NULL when absent. View valid until @sf is freed.
 * Errors: none. Thread-safe. Time complexity: O(1) expected. */
TNET_API const char *tnet_scenario_file_get_string (const TnetScenarioFile *sf,
                                                    const char *section,
                                                    const char *key);
/* A numeric key (validated at load; a time HH:MM in seconds after
 * midnight), or @fallback when absent or not numeric. Errors: none.
 * Thread-safe. Time complexity: O(1) expected. */
TNET_API double tnet_scenario_file_get_double (const TnetScenarioFile *sf,
                                               const char *section,
                                               const char *key, double fallback);

/**
 * tnet_scenario_file_get_pairs:
 * @n_pairs: (out): number of pairs
 *
 * The `A>B` pairs of a section's `pairs` key as a flat array
 * (A0, B0, A1, B1, ...), or %NULL with *@n_pairs = 0 when absent.
 * A view valid until @sf is freed.
 * Errors: none. Thread-safe. Time complexity: O(1) expected.
 */
TNET_API const char *const *tnet_scenario_file_get_pairs (const TnetScenarioFile *sf,
                                                          const char *section,
                                                          guint *n_pairs);

/* [output] dir resolved against the file's folder (default "out/NAME"
 * beside the file, NAME its base name), and [output] formats as
 * TnetOutputFormat bits (default text|json|geojson). Errors: none.
 * Thread-safe. Time complexity: O(1). */
TNET_API const char *tnet_scenario_file_get_output_dir (const TnetScenarioFile *sf);
TNET_API guint tnet_scenario_file_get_formats (const TnetScenarioFile *sf);

/* Line (1-based) of @key in @section, of the section header when @key is
 * NULL, or 0 when absent. For callers' own located messages. Errors: none.
 * Thread-safe. Time complexity: O(1) expected. */
TNET_API guint tnet_scenario_file_get_line (const TnetScenarioFile *sf,
                                            const char *section, const char *key);

/**
 * tnet_scenario_file_summary_to_json:
 * @scen: the scenario @sf describes (tnet_scenario_file_get_scenario())
 * @net: the network it applies to
 *
 * The opening of `tnet run`'s results.json (docs/scenario-files.md): an
 * object of two members, "scenario" {file, name, year, statuses, network
 * (the folder, "" when unknown), closed_lines, closed_links: the file's
 * closures} and "network" {nodes, links, active_links: those @scen leaves
 * open, km_by_mode: their kilometres per mode with any, one decimal}.
 * Errors: none (a %NULL where a value is required is a programming error).
 * Returns: (transfer full): the text, ending in a newline.
 * Thread-safety: reads its arguments only.
 * Time complexity: O(links).
 */
TNET_API char *tnet_scenario_file_summary_to_json (const TnetScenarioFile *sf,
                                                   const TnetScenario *scen,
                                                   const TnetNetwork *net, gboolean pretty);
/**
 * tnet_scenario_file_summary_to_text:
 * The same as the opening lines of `tnet run`'s report.txt: the scenario
 * and its year, the file, the network folder ("-" when unknown), the
 * active links of all, the closures when the file has any, a blank line.
 * Errors: none (a %NULL where a value is required is a programming error).
 * Returns: (transfer full): the text.
 * Thread-safety: reads its arguments only.
 * Time complexity: O(links).
 */
TNET_API char *tnet_scenario_file_summary_to_text (const TnetScenarioFile *sf,
                                                   const TnetScenario *scen,
                                                   const TnetNetwork *net);

/**
 * tnet_suggest_name:
 * The candidate closest to @word by edit distance (Levenshtein over
 * Unicode characters), when it is close enough to be a likely typo
 * (at most max(1, length/3) edits, a transposition counting as one, or
 * @word of 3+ characters beginning the candidate); else %NULL. Returns
 * one of @candidates.
 * Errors: none. Thread-safety: reentrant (reads its arguments only).
 * Time complexity: O(n_candidates × |word| × |candidate|).
 */
TNET_API const char *tnet_suggest_name (const char *word,
                                        const char *const *candidates,
                                        guint n_candidates);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TnetScenarioFile, tnet_scenario_file_free)

G_END_DECLS
