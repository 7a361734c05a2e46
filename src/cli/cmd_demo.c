/* cmd_demo.c: placeholder until the subcommand lands; fails loudly. */
#include <stdio.h>
#include "commands.h"

int cmd_demo(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("asamblea: 'demo' is not implemented in this build\n", stderr);
    return 2;
}
