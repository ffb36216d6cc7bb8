/* main.c: the tnet command (placeholder until the subcommands land). */
#include <tnet/tnet.h>
#include <stdio.h>

int
main (int argc, char **argv)
{
  printf ("tnet %s\n", tnet_version_string ());
  return 0;
}
