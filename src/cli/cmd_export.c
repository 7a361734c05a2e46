/* cmd_export.c: placeholder until the subcommand lands; fails loudly. */
#include <stdio.h>
#include "commands.h"

int cmd_export(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("asamblea: 'export' is not implemented in this build\n", stderr);
    return 2;
}
