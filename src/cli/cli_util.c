/* cli_util.c: helpers shared by the subcommands. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "cli_util.h"

void cli_print_diags(const diag_list *d)
{
    for (int i = 0; i < d->n; i++)
        fprintf(stderr, "%s\n", d->lines[i]);
    if (d->oom)
        fprintf(stderr, "asamblea: %d more problems (out of memory to show "
                "them)\n", d->oom);
}

int cli_mkdirs(const char *path)
{
    char buf[4096];
    size_t n = strlen(path);

    if (n == 0 || n >= sizeof buf) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(buf, path, n + 1);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0700) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(buf, 0700) != 0 && errno != EEXIST)
        return -1;
    return 0;
}
