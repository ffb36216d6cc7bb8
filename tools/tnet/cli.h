/* cli.h: the small framework every `tnet` subcommand uses.
 *
 * A subcommand lives in tools/tnet/cmd-NAME.c and exports one function
 * `int tnet_cmd_NAME (int argc, char **argv)` (argv[0] is "tnet NAME"),
 * listed in the dispatch table of main.c and in meson.build. Its shape:
 *
 *   TnetCliCommon common = { 0 };
 *   g_autoptr (GOptionContext) ctx
 *     = tnet_cli_command_context ("FROM TO", summary, my_entries, &common,
 *                                 TNET_CLI_FORMATS_TABLE, TNET_CLI_FORMAT_TEXT);
 *   int rc = tnet_cli_parse (ctx, &argc, &argv, 2);   // 2: exit 2, reported
 *   ... other checks of the options: tnet_cli_usage (ctx, "expected ...") -> 2
 *   if (!tnet_cli_load (&common, &net, &scen, &error))
 *     rc = tnet_cli_fail (ctx, error);         // exit 1: "tnet: FILE:LINE:COL: ..."
 *   ... on failure: tnet_cli_common_clear (&common) and return rc ...
 *   ... the text of the library's writer (tnet_*_to_json() and siblings) ...
 *   return tnet_cli_finish (ctx, &common, text);   // writes, clears, exit code
 */
#pragma once

#include <tnet/tnet.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

G_BEGIN_DECLS

/* Exit codes of the command (docs/cli.md). */
enum {
  TNET_EXIT_OK = 0,
  TNET_EXIT_INPUT = 1,   /* bad input: data, ids, files */
  TNET_EXIT_USAGE = 2,   /* unknown option or command, missing argument */
};

/* Options shared by every subcommand; strings are owned (g_free'd by
 * tnet_cli_common_clear). NULL means "not given". */
typedef struct {
  char *data_dir;   /* --data DIR */
  char *scenario;   /* --scenario YEAR|FILE */
  char *format;     /* --format text|json|csv|geojson */
  char *output;     /* -o FILE */
  gboolean quiet;   /* --quiet: no progress or notes on stderr */
  TnetDataset *dataset;  /* the folder tnet_cli_load() loaded, or NULL */
  /* set by a command before tnet_cli_load(): the options the folder's GTFS
   * feeds are read with (window, service day); NULL: the defaults */
  const TnetFeedOptions *feed_options;
} TnetCliCommon;

typedef enum {
  TNET_CLI_FORMAT_TEXT = 1 << 0,
  TNET_CLI_FORMAT_JSON = 1 << 1,
  TNET_CLI_FORMAT_CSV = 1 << 2,
  TNET_CLI_FORMAT_GEOJSON = 1 << 3,
} TnetCliFormat;

/* What the commands that write a table offer: text (their default), JSON
 * and CSV. */
#define TNET_CLI_FORMATS_TABLE \
  (TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON | TNET_CLI_FORMAT_CSV)

/* A command's option context: @parameter (nullable) follows "[OPTION…]" in
 * the usage line, @summary (nullable) opens --help, and @entries (nullable,
 * G_OPTION_ENTRY_NULL-terminated) are the command's own options, listed
 * first; the common options follow (tnet_cli_add_common*()). Free with
 * g_option_context_free(). */
GOptionContext *tnet_cli_context_new (const char *parameter, const char *summary,
                                      const GOptionEntry *entries);
/* A command's option context with the common options: the context of
 * tnet_cli_context_new (@parameter, @summary, @entries) and then
 * tnet_cli_add_common_formats (ctx, @common, @formats, @default_format),
 * the options the command's --help lists. Free with
 * g_option_context_free(). */
GOptionContext *tnet_cli_command_context (const char *parameter, const char *summary,
                                          const GOptionEntry *entries, TnetCliCommon *common,
                                          guint formats, TnetCliFormat default_format);
/* The end of a command that wrote nothing yet: writes @text
 * (tnet_cli_write()), clears @common and returns TNET_EXIT_OK, or the code
 * of tnet_cli_fail() when the writing failed. */
int tnet_cli_finish (GOptionContext *ctx, TnetCliCommon *common, const char *text);

/* Parses @argc/@argv with @ctx and checks that at most @max_args arguments
 * follow the command's name. Returns TNET_EXIT_OK, or, after reporting the
 * problem, the exit code of tnet_cli_fail() (an option error) or of
 * tnet_cli_usage() ("unexpected argument 'X'", X the first extra one). */
int tnet_cli_parse (GOptionContext *ctx, int *argc, char ***argv, int max_args);
/* The same, with @too_many (nullable: "unexpected argument 'X'") the usage
 * error when more than @max_args arguments follow the command's name. */
int tnet_cli_parse_with (GOptionContext *ctx, int *argc, char ***argv, int max_args,
                         const char *too_many);

/* Adds --data, --scenario, --format, -o/--output and --quiet to @ctx's
 * main group, storing into @common. */
void tnet_cli_add_common (GOptionContext *ctx, TnetCliCommon *common);
/* The same, with --format's help listing only @formats (TnetCliFormat
 * bits) and @default_format as the default; @formats 0: no --format (a
 * command whose output has one fixed kind, or a kind chosen elsewhere). */
void tnet_cli_add_common_formats (GOptionContext *ctx, TnetCliCommon *common, guint formats,
                                  TnetCliFormat default_format);

/* The common options a command takes (tnet_cli_add_common_options()). */
typedef enum {
  TNET_CLI_OPTION_DATA = 1 << 0,       /* --data DIR */
  TNET_CLI_OPTION_SCENARIO = 1 << 1,   /* --scenario YEAR|FILE */
  TNET_CLI_OPTION_OUTPUT = 1 << 2,     /* -o, --output */
  TNET_CLI_OPTION_QUIET = 1 << 3,      /* -q, --quiet */
} TnetCliOption;
#define TNET_CLI_OPTIONS_ALL                                                      \
  (TNET_CLI_OPTION_DATA | TNET_CLI_OPTION_SCENARIO | TNET_CLI_OPTION_OUTPUT      \
   | TNET_CLI_OPTION_QUIET)

/* The same, for a command that uses only some of them: @which (TnetCliOption
 * bits) says which of --data, --scenario, -o and --quiet its --help lists and
 * it accepts (--format as @formats says); @output_arg and @output_help
 * (nullable: "FILE", "Write to FILE instead of standard output") describe
 * -o, for a command that writes a folder. The strings must outlive @ctx. */
void tnet_cli_add_common_options (GOptionContext *ctx, TnetCliCommon *common, guint which,
                                  guint formats, TnetCliFormat default_format,
                                  const char *output_arg, const char *output_help);
void tnet_cli_common_clear (TnetCliCommon *common);

/* The data folder: --data, else $TNET_DATA, else the installed
 * <exe dir>/../share/tnet/DEFAULT, else the configured install datadir,
 * else the source tree's data/DEFAULT, where DEFAULT is the build option
 * default_dataset. Newly allocated. */
char *tnet_cli_data_dir (const TnetCliCommon *common);

/* The requested format (default text). Fails in the G_OPTION_ERROR domain
 * (a usage error) when the format is unknown or not in @allowed (a mask of
 * TnetCliFormat). */
gboolean tnet_cli_format (const TnetCliCommon *common, guint allowed,
                          TnetCliFormat *out, GError **error);

/**
 * tnet_cli_load:
 * Loads the data folder (tnet_dataset_load(), kept in @common->dataset and
 * freed by tnet_cli_common_clear(); *@net is its network) and makes the scenario: a year
 * ("2025", the default) or a scenario file (through
 * tnet_cli_scenario_file_loader, once one is installed; until then a file
 * fails with TNET_ERROR_UNSUPPORTED). Also validates the scenario against
 * the dataset: its year must be one the folder describes. On failure nothing is returned.
 */
gboolean tnet_cli_load (TnetCliCommon *common, const TnetNetwork **net,
                        TnetScenario **scen, GError **error);

/* The dataset whose network is @net (loaded by tnet_cli_load() or
 * registered with tnet_cli_register_dataset()), or NULL. */
const TnetDataset *tnet_cli_dataset_for (const TnetNetwork *net);
void tnet_cli_register_dataset (const TnetDataset *ds);

/* The map title for @year: the plan's map_title, else "NAME YEAR" with the
 * dataset's name (@ds may be NULL: "tnet YEAR"). Newly allocated. */
char *tnet_cli_map_title (const TnetDataset *ds, int year);

/* The settings of corridors and criticality (the commands, their
 * /corridors and /criticality, and tnet run's sections) left 0, not given,
 * set to the plan's: @k its k, @top its top, @budget_min its budget_min and
 * @factor its detour (@plan NULL: the built-in defaults). Each pointer may
 * be NULL. */
void tnet_cli_plan_defaults (const TnetPlan *plan, int *k, int *top, double *budget_min,
                             double *factor);

/* tnet_commute_build_graphs() with the feed of @scen's year and the hubs of
 * @net's dataset (none when @net has no dataset). */
gboolean tnet_cli_build_graphs (const TnetNetwork *net, const TnetScenario *scen,
                                const TnetProfile *profiles, guint n_profiles,
                                TnetMultimodal **graphs_out, GError **error);

/**
 * TnetCliScenarioFileLoader:
 * Reads a scenario file. When the file names its network folder, the loader
 * sets *@network_dir (newly allocated, resolved against the file's folder);
 * it is used unless --data was given.
 */
typedef TnetScenario *(*TnetCliScenarioFileLoader) (const char *path, char **network_dir,
                                                    GError **error);
/* NULL until the scenario-file reader is written; set it in main.c. */
extern TnetCliScenarioFileLoader tnet_cli_scenario_file_loader;

/* Writes @text to -o FILE (replacing it) or to stdout. */
gboolean tnet_cli_write (const TnetCliCommon *common, const char *text, GError **error);
/* Opens -o FILE for writing or returns stdout, for large streamed output;
 * close with tnet_cli_close_output(). */
FILE *tnet_cli_open_output (const TnetCliCommon *common, GError **error);
gboolean tnet_cli_close_output (const TnetCliCommon *common, FILE *f, GError **error);

/* The document built so far in @builder (which must hold one complete
 * value) as pretty-printed JSON (2-space indent) with a final newline. */
char *tnet_cli_json_to_string (JsonBuilder *builder);
/* Same, written like tnet_cli_write(). */
gboolean tnet_cli_write_json (const TnetCliCommon *common, JsonBuilder *builder,
                              GError **error);

/* Prints "PRGNAME: MESSAGE" and a usage hint on stderr; returns TNET_EXIT_USAGE. */
int tnet_cli_usage (GOptionContext *ctx, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* Reports @error (and frees it): a G_OPTION_ERROR is a usage error (exit 2,
 * with the hint), anything else prints "tnet: MESSAGE" and returns
 * TNET_EXIT_INPUT. @ctx may be NULL. */
int tnet_cli_fail (GOptionContext *ctx, GError *error);

G_END_DECLS
