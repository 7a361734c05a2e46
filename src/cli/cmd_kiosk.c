/* cmd_kiosk.c: placeholder until the subcommand lands; fails loudly. */
#include <stdio.h>
#include "commands.h"

int cmd_kiosk(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("asamblea: 'kiosk' is not implemented in this build\n", stderr);
    return 2;
}
