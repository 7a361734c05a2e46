/* cmd_check.c: placeholder until the subcommand lands; fails loudly. */
#include <stdio.h>
#include "commands.h"

int cmd_check(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("asamblea: 'check' is not implemented in this build\n", stderr);
    return 2;
}
