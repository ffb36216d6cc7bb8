/* commands.h: the subcommands of tnet, one per cmd-NAME.c file. Each takes
 * argv[0] = "tnet NAME" and returns an exit code (see cli.h). */
#pragma once

int tnet_cmd_report (int argc, char **argv);
int tnet_cmd_sensitivity (int argc, char **argv);
int tnet_cmd_commute (int argc, char **argv);
int tnet_cmd_isochrone (int argc, char **argv);
int tnet_cmd_route (int argc, char **argv);
int tnet_cmd_corridors (int argc, char **argv);
int tnet_cmd_criticality (int argc, char **argv);
int tnet_cmd_import (int argc, char **argv);
int tnet_cmd_run (int argc, char **argv);
int tnet_cmd_map (int argc, char **argv);
int tnet_cmd_transfers (int argc, char **argv);
int tnet_cmd_init (int argc, char **argv);
int tnet_cmd_accessibility (int argc, char **argv);
int tnet_cmd_nodes (int argc, char **argv);
int tnet_cmd_serve (int argc, char **argv);
