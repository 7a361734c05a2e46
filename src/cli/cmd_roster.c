/* cmd_roster.c: placeholder until the subcommand lands; fails loudly. */
#include <stdio.h>
#include "commands.h"

int cmd_roster(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("asamblea: 'roster' is not implemented in this build\n", stderr);
    return 2;
}
