/* cli.c: options, loading, output and errors shared by the subcommands. */
#include "cli.h"
#include "cli-extra.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

TnetCliScenarioFileLoader tnet_cli_scenario_file_loader = NULL;

GOptionContext *
tnet_cli_context_new (const char *parameter, const char *summary,
                      const GOptionEntry *entries)
{
  GOptionContext *ctx = g_option_context_new (parameter);
  if (summary)
    g_option_context_set_summary (ctx, summary);
  if (entries)
    g_option_context_add_main_entries (ctx, entries, NULL);
  return ctx;
}

GOptionContext *
tnet_cli_command_context (const char *parameter, const char *summary,
                          const GOptionEntry *entries, TnetCliCommon *common, guint formats,
                          TnetCliFormat default_format)
{
  GOptionContext *ctx = tnet_cli_context_new (parameter, summary, entries);
  tnet_cli_add_common_formats (ctx, common, formats, default_format);
  return ctx;
}

int
tnet_cli_finish (GOptionContext *ctx, TnetCliCommon *common, const char *text)
{
  GError *error = NULL;
  gboolean ok = tnet_cli_write (common, text, &error);
  tnet_cli_common_clear (common);
  return ok ? TNET_EXIT_OK : tnet_cli_fail (ctx, error);
}

int
tnet_cli_parse (GOptionContext *ctx, int *argc, char ***argv, int max_args)
{
  return tnet_cli_parse_with (ctx, argc, argv, max_args, NULL);
}

int
tnet_cli_parse_with (GOptionContext *ctx, int *argc, char ***argv, int max_args,
                     const char *too_many)
{
  GError *error = NULL;
  if (!g_option_context_parse (ctx, argc, argv, &error))
    return tnet_cli_fail (ctx, error);
  if (*argc > max_args + 1 && too_many)
    return tnet_cli_usage (ctx, "%s", too_many);
  if (*argc > max_args + 1)
    return tnet_cli_usage (ctx, "unexpected argument '%s'", (*argv)[max_args + 1]);
  return TNET_EXIT_OK;
}

void
tnet_cli_add_common (GOptionContext *ctx, TnetCliCommon *common)
{
  tnet_cli_add_common_formats (ctx, common, TNET_CLI_FORMAT_TEXT | TNET_CLI_FORMAT_JSON
                                            | TNET_CLI_FORMAT_CSV | TNET_CLI_FORMAT_GEOJSON,
                               TNET_CLI_FORMAT_TEXT);
}

void
tnet_cli_add_common_formats (GOptionContext *ctx, TnetCliCommon *common, guint formats,
                             TnetCliFormat default_format)
{
  tnet_cli_add_common_options (ctx, common, TNET_CLI_OPTIONS_ALL, formats, default_format, NULL,
                               NULL);
}

void
tnet_cli_add_common_options (GOptionContext *ctx, TnetCliCommon *common, guint which,
                             guint formats, TnetCliFormat default_format,
                             const char *output_arg, const char *output_help)
{
  /* one command runs per process: the help text may live in a static */
  static char format_help[128];
  static const char *const names[] = { "text", "json", "csv", "geojson" };
  const char *list[G_N_ELEMENTS (names)];
  const char *dflt = "text";
  guint n = 0;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (formats & (1u << i))
      {
        list[n++] = names[i];
        if (default_format == (TnetCliFormat) (1u << i))
          dflt = names[i];
      }
  GString *s = g_string_new ("Output format: ");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (s, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", list[i]);
  g_string_append_printf (s, " (default: %s)", dflt);
  g_strlcpy (format_help, s->str, sizeof format_help);
  g_string_free (s, TRUE);
  const struct {
    guint option;
    GOptionEntry entry;
  } all[] = {
    { TNET_CLI_OPTION_DATA, { "data", 0, 0, G_OPTION_ARG_FILENAME, &common->data_dir,
      "Network folder (default: the bundled data set, " TNET_DEFAULT_DATASET ")", "DIR" } },
    { TNET_CLI_OPTION_SCENARIO, { "scenario", 0, 0, G_OPTION_ARG_STRING, &common->scenario,
      "Scenario year or scenario file (default: the data set's scenario year, plan.ini [data] scenario)", "YEAR|FILE" } },
    /* a command that writes one fixed kind of output has no --format */
    { formats != 0 ? TNET_CLI_OPTIONS_ALL : 0,
      { "format", 0, 0, G_OPTION_ARG_STRING, &common->format, format_help, "FORMAT" } },
    { TNET_CLI_OPTION_OUTPUT, { "output", 'o', 0, G_OPTION_ARG_FILENAME, &common->output,
      output_help ? output_help : "Write to FILE instead of standard output",
      output_arg ? output_arg : "FILE" } },
    { TNET_CLI_OPTION_QUIET, { "quiet", 'q', 0, G_OPTION_ARG_NONE, &common->quiet,
      "No progress or notes on standard error", NULL } },
  };
  GOptionEntry entries[G_N_ELEMENTS (all) + 1];
  guint k = 0;
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (all[i].option & which)
      entries[k++] = all[i].entry;
  entries[k] = (GOptionEntry) G_OPTION_ENTRY_NULL;
  g_option_context_add_main_entries (ctx, entries, NULL);
}

void
tnet_cli_common_clear (TnetCliCommon *common)
{
  g_clear_pointer (&common->data_dir, g_free);
  g_clear_pointer (&common->scenario, g_free);
  g_clear_pointer (&common->format, g_free);
  g_clear_pointer (&common->output, g_free);
  if (common->dataset && tnet_cli_dataset_for (tnet_dataset_get_network (common->dataset)))
    tnet_cli_register_dataset (NULL);
  g_clear_pointer (&common->dataset, tnet_dataset_free);
}

/* The folder of the running executable, or NULL. */
static char *
exe_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  return exe ? g_path_get_dirname (exe) : NULL;
}

char *
tnet_cli_data_dir (const TnetCliCommon *common)
{
  if (common->data_dir)
    return g_strdup (common->data_dir);
  const char *env = g_getenv ("TNET_DATA");
  if (env && *env)
    return g_strdup (env);
  g_autofree char *dir = exe_dir ();
  if (dir)
    {
      char *installed = g_build_filename (dir, "..", "share", "tnet", TNET_DEFAULT_DATASET, NULL);
      if (g_file_test (installed, G_FILE_TEST_IS_DIR))
        return installed;
      g_free (installed);
    }
  char *configured = g_build_filename (TNET_DATADIR, TNET_DEFAULT_DATASET, NULL);
  if (g_file_test (configured, G_FILE_TEST_IS_DIR))
    return configured;
  g_free (configured);
  return g_build_filename (TNET_SOURCE_DATADIR, TNET_DEFAULT_DATASET, NULL);
}

gboolean
tnet_cli_format (const TnetCliCommon *common, guint allowed, TnetCliFormat *out,
                 GError **error)
{
  static const struct { const char *name; TnetCliFormat format; } formats[] = {
    { "text", TNET_CLI_FORMAT_TEXT },
    { "json", TNET_CLI_FORMAT_JSON },
    { "csv", TNET_CLI_FORMAT_CSV },
    { "geojson", TNET_CLI_FORMAT_GEOJSON },
  };
  const char *name = common->format ? common->format : "text";
  g_autoptr (GString) ok = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (!(allowed & formats[i].format))
        continue;
      if (strcmp (name, formats[i].name) == 0)
        {
          *out = formats[i].format;
          return TRUE;
        }
      g_string_append_printf (ok, "%s%s", ok->len ? ", " : "", formats[i].name);
    }
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "unsupported --format '%s' (expected one of: %s)", name, ok->str);
  return FALSE;
}

/* A scenario year: digits only, within a sane range. */
static gboolean
parse_year (const char *s, int *year)
{
  if (*s == '\0' || strspn (s, "0123456789") != strlen (s) || strlen (s) > 4)
    return FALSE;
  *year = atoi (s);
  return *year >= 1900 && *year <= 2100;
}

gboolean
tnet_cli_load (TnetCliCommon *common, const TnetNetwork **net, TnetScenario **scen,
               GError **error)
{
  const char *spec = common->scenario;
  g_autoptr (TnetScenario) s = NULL;
  g_autofree char *scenario_network = NULL;
  int year;

  if (spec == NULL)
    s = tnet_scenario_new (0);   /* the data set's scenario year, below */
  else if (parse_year (spec, &year))
    s = tnet_scenario_new (year);
  else if (g_file_test (spec, G_FILE_TEST_EXISTS) || g_str_has_suffix (spec, ".ini"))
    {
      if (tnet_cli_scenario_file_loader == NULL)
        {
          g_set_error (error, TNET_ERROR, TNET_ERROR_UNSUPPORTED,
                       "%s: scenario files are not supported yet (give a year)",
                       spec);
          return FALSE;
        }
      s = tnet_cli_scenario_file_loader (spec, &scenario_network, error);
      if (s == NULL)
        return FALSE;
    }
  else
    {
      g_set_error (error, TNET_ERROR, TNET_ERROR_INVALID_INPUT,
                   "--scenario '%s': expected a year (1900-2100) or a scenario file", spec);
      return FALSE;
    }

  g_autofree char *dir = common->data_dir == NULL && scenario_network
                         ? g_strdup (scenario_network) : tnet_cli_data_dir (common);
  g_autoptr (TnetDataset) ds = tnet_dataset_load (dir, common->feed_options, error);
  if (ds == NULL)
    return FALSE;
  if (tnet_scenario_get_year (s) == 0)   /* no year given, nor one in the scenario file */
    tnet_scenario_set_year (s, tnet_dataset_get_scenario_year (ds));
  if (!tnet_dataset_validate_scenario (ds, s, error))
    return FALSE;
  tnet_dataset_free (common->dataset);
  common->dataset = g_steal_pointer (&ds);
  tnet_cli_register_dataset (common->dataset);
  *net = tnet_dataset_get_network (common->dataset);
  *scen = g_steal_pointer (&s);
  return TRUE;
}

char *
tnet_cli_map_title (const TnetDataset *ds, int year)
{
  const TnetPlan *plan = ds ? tnet_dataset_get_plan (ds) : NULL;
  char *t = plan ? tnet_plan_format_map_title (plan, year) : NULL;
  return t ? t : g_strdup_printf ("%s %d", ds ? tnet_dataset_get_name (ds) : "tnet", year);
}

void
tnet_cli_plan_defaults (const TnetPlan *plan, int *k, int *top, double *budget_min,
                        double *factor)
{
  if (k && *k == 0)
    *k = tnet_plan_get_int (plan, "k");
  if (top && *top == 0)
    *top = tnet_plan_get_int (plan, "top");
  if (budget_min && *budget_min == 0)
    *budget_min = tnet_plan_get_double (plan, "budget_min");
  if (factor && *factor == 0)
    *factor = tnet_plan_get_double (plan, "detour");
}

static const TnetDataset *registered_dataset;

void
tnet_cli_register_dataset (const TnetDataset *ds)
{
  registered_dataset = ds;
}

const TnetDataset *
tnet_cli_dataset_for (const TnetNetwork *net)
{
  return registered_dataset && tnet_dataset_get_network (registered_dataset) == net
         ? registered_dataset : NULL;
}

gboolean
tnet_cli_build_graphs (const TnetNetwork *net, const TnetScenario *scen,
                       const TnetProfile *profiles, guint n_profiles,
                       TnetMultimodal **graphs_out, GError **error)
{
  const TnetDataset *ds = tnet_cli_dataset_for (net);
  const TnetFeed *feed = NULL;
  gboolean needs_feed = FALSE;
  for (guint p = 0; p < n_profiles; p++)
    needs_feed |= profiles[p] != TNET_PROFILE_CAR;
  if (ds && needs_feed && !tnet_dataset_get_feed (ds, tnet_scenario_get_year (scen), &feed,
                                                  error))
    return FALSE;
  return tnet_commute_build_graphs (net, scen, feed, ds ? tnet_dataset_get_hubs (ds) : NULL,
                                    profiles, n_profiles, graphs_out, error);
}

gboolean
tnet_cli_write (const TnetCliCommon *common, const char *text, GError **error)
{
  tnet_cli_progress_end ();
  FILE *f = tnet_cli_open_output (common, error);
  if (f == NULL)
    return FALSE;
  fputs (text, f);
  return tnet_cli_close_output (common, f, error);
}

FILE *
tnet_cli_open_output (const TnetCliCommon *common, GError **error)
{
  if (common->output == NULL || strcmp (common->output, "-") == 0)
    return stdout;
  FILE *f = fopen (common->output, "w");
  if (f == NULL)
    {
      int saved = errno;
      g_set_error (error, TNET_ERROR, TNET_ERROR_IO, "%s: cannot write: %s",
                   common->output, g_strerror (saved));
    }
  return f;
}

gboolean
tnet_cli_close_output (const TnetCliCommon *common, FILE *f, GError **error)
{
  const char *name = f == stdout ? "standard output" : common->output;
  gboolean ok = fflush (f) == 0 && !ferror (f);
  int saved = errno;
  if (f != stdout && fclose (f) != 0 && ok)
    {
      ok = FALSE;
      saved = errno;
    }
  if (!ok)
    g_set_error (error, TNET_ERROR, TNET_ERROR_IO, "%s: write failed: %s", name,
                 g_strerror (saved));
  return ok;
}

char *
tnet_cli_json_to_string (JsonBuilder *builder)
{
  g_autoptr (JsonNode) root = json_builder_get_root (builder);
  return tnet_json_to_text (root, 2);
}

gboolean
tnet_cli_write_json (const TnetCliCommon *common, JsonBuilder *builder, GError **error)
{
  g_autofree char *text = tnet_cli_json_to_string (builder);
  return tnet_cli_write (common, text, error);
}

static void
usage_hint (void)
{
  fprintf (stderr, "Try '%s --help' for more information.\n", g_get_prgname ());
}

int
tnet_cli_usage (GOptionContext *ctx, const char *format, ...)
{
  va_list ap;
  va_start (ap, format);
  g_autofree char *msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  tnet_cli_progress_end ();
  fprintf (stderr, "%s: %s\n", g_get_prgname (), msg);
  usage_hint ();
  return TNET_EXIT_USAGE;
}

int
tnet_cli_fail (GOptionContext *ctx, GError *error)
{
  int code;
  tnet_cli_progress_end ();
  if (error->domain == G_OPTION_ERROR)
    {
      fprintf (stderr, "%s: %s\n", g_get_prgname (), error->message);
      usage_hint ();
      code = TNET_EXIT_USAGE;
    }
  else
    {
      fprintf (stderr, "tnet: %s\n", error->message);
      code = TNET_EXIT_INPUT;
    }
  g_error_free (error);
  return code;
}
