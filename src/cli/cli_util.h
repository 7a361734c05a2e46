/* cli_util.h: small pieces shared by the subcommands. */
#ifndef AS_CLI_UTIL_H
#define AS_CLI_UTIL_H

#include <stddef.h>
#include "diag.h"
#include "meeting.h"
#include "store.h"

/* cli_print_diags: every diagnostic line to stderr, one per line. */
void cli_print_diags(const diag_list *d);

/* cli_mkdirs: mkdir -p path (mode 0700 for new directories).  0 on
 * success, -1 with errno set. */
int cli_mkdirs(const char *path);

/* An existing kiosk data directory opened with its meeting, for the
 * tools that read it after (or during) a meeting. */
typedef struct {
    meeting *m;
    char *bytes;     /* the meeting file's exact bytes */
    size_t len;
    int roster_size;
    int quorum;      /* resolved against roster_size */
    store *s;
} cli_data;

/* cli_open_data: opens the data directory data (which must already hold
 * meeting.db: a mistyped --data is an error, never a new empty
 * directory) with the meeting file mpath, or, when mpath is NULL, the
 * copy the kiosk kept there (its roster is not needed and not read).
 * Returns 0, or 2 after printing what is wrong; d is then empty.  The
 * caller frees d with cli_data_free in both cases. */
int cli_open_data(const char *data, const char *mpath, cli_data *d);

/* cli_data_free: releases everything in d.  Safe on a zeroed d. */
void cli_data_free(cli_data *d);

#endif
