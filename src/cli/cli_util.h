/* cli_util.h: small pieces shared by the subcommands. */
#ifndef AS_CLI_UTIL_H
#define AS_CLI_UTIL_H

#include "diag.h"

/* cli_print_diags: every diagnostic line to stderr, one per line. */
void cli_print_diags(const diag_list *d);

/* cli_mkdirs: mkdir -p path (mode 0700 for new directories).  0 on
 * success, -1 with errno set. */
int cli_mkdirs(const char *path);

#endif
