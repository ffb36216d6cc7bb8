/* main.c: the tnet command: dispatches to one subcommand per file. */
#include "cli-extra.h"
#include "commands.h"
#include <locale.h>
#include <stdio.h>
#include <string.h>

typedef struct {
  const char *name;
  const char *summary;
  int (*run) (int argc, char **argv);
} Command;

/* One line per subcommand (keep the list in docs/cli.md order). */
static const Command commands[] = {
  { "report", "the plan-indicator report, the baseline and the scenario beside the targets", tnet_cmd_report },
  { "sensitivity", "input rows ranked by how much each moves one indicator (tornado)", tnet_cmd_sensitivity },
  { "route", "fastest path between two nodes, with legs and times", tnet_cmd_route },
  { "commute", "commute matrix by profile and population within the budget", tnet_cmd_commute },
  { "isochrone", "what can be reached within N minutes (GeoJSON)", tnet_cmd_isochrone },
  { "corridors", "redundancy between two regions: line counts, disjoint paths", tnet_cmd_corridors },
  { "criticality", "links (or lines) ranked by the loss their failure causes", tnet_cmd_criticality },
  { "import", "import gtfs FEED (read and check) / import osm FILE.pbf -o DIR (to network CSV)", tnet_cmd_import },
  { "run", "everything a scenario file (.ini) asks for, into its output folder", tnet_cmd_run },
  { "transfers", "walk and wait between every pair of lines at each passenger hub", tnet_cmd_transfers },
  { "init", "build a network folder from OSM, GTFS feeds and zones", tnet_cmd_init },
  { "accessibility", "opportunities reachable within cutoffs, per zone", tnet_cmd_accessibility },
  { "map", "SVG/PNG map of the network, an isochrone or corridor paths", tnet_cmd_map },
  { "nodes", "the nodes a place names, or whose id or name contains a text", tnet_cmd_nodes },
#ifdef TNET_HAVE_SERVE
  { "serve", "HTTP API (JSON) and a web map of the network folder", tnet_cmd_serve },
#endif
};

static void
print_usage (FILE *f)
{
  fprintf (f, "Usage: tnet COMMAND [OPTION…] [ARGUMENT…]\n\n"
              "Analyses a regional transport network (default: the bundled data set).\n\n"
              "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (f, "  %-12s %s\n", commands[i].name, commands[i].summary);
  fprintf (f, "  %-12s %s\n", "help", "help on a command (tnet help COMMAND)");
  fprintf (f, "\nOptions every command takes: --data DIR, --scenario YEAR|FILE,\n"
              "--format text|json|csv|geojson, -o FILE. Run 'tnet COMMAND --help'.\n"
              "Exit codes: 0 success, 1 bad input, 2 usage.\n");
}

static const Command *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (commands[i].name, name) == 0)
      return &commands[i];
  return NULL;
}

/* Runs @cmd with argv[0] = "tnet NAME", so GOption's usage lines read well. */
static int
run_command (const Command *cmd, int argc, char **argv)
{
  char **sub = g_new0 (char *, argc + 1);
  char *prg = g_strdup_printf ("tnet %s", cmd->name);
  sub[0] = prg;
  for (int i = 1; i < argc; i++)
    sub[i] = argv[i];
  /* the command's option parser may reorder or drop entries of sub[] */
  int rc = cmd->run (argc, sub);
  g_free (prg);
  g_free (sub);
  return rc;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  tnet_cli_scenario_file_loader = tnet_cli_load_scenario_file;
  if (argc < 2)
    {
      print_usage (stderr);
      return TNET_EXIT_USAGE;
    }
  const char *name = argv[1];
  if (strcmp (name, "--help") == 0 || strcmp (name, "-h") == 0
      || (strcmp (name, "help") == 0 && argc == 2))
    {
      print_usage (stdout);
      return TNET_EXIT_OK;
    }
  if (strcmp (name, "--version") == 0 || strcmp (name, "version") == 0)
    {
      printf ("tnet %s\n", tnet_version_string ());
      return TNET_EXIT_OK;
    }
  if (strcmp (name, "help") == 0)
    {
      const Command *cmd = find_command (argv[2]);
      if (cmd == NULL)
        {
          fprintf (stderr, "tnet: unknown command '%s'\nTry 'tnet --help'.\n", argv[2]);
          return TNET_EXIT_USAGE;
        }
      char *help_argv[] = { argv[0], (char *) "--help", NULL };
      return run_command (cmd, 2, help_argv);
    }
  const Command *cmd = find_command (name);
  if (cmd == NULL)
    {
      fprintf (stderr, "tnet: unknown command '%s'\nTry 'tnet --help'.\n", name);
      return TNET_EXIT_USAGE;
    }
  return run_command (cmd, argc - 1, argv + 1);
}
