/* cli_util.h: small pieces shared by the subcommands. */
#ifndef AS_CLI_UTIL_H
#define AS_CLI_UTIL_H

#include <stddef.h>
#include "diag.h"
#include "meeting.h"
#include "print.h"
#include "store_sqlite.h"

/* cli_print_diags: every diagnostic line to stderr, one per line. */
void cli_print_diags(const diag_list *d);

/* An existing kiosk data directory opened with its meeting, for the
 * tools that read it after (or during) a meeting. */
typedef struct {
    meeting *m;
    char *bytes;     /* the meeting file's exact bytes */
    size_t len;
    int roster_size;
    int quorum;      /* resolved against roster_size */
    store *s;
    int readonly;    /* s was opened with store_open_readonly */
} cli_data;

/* How cli_open_data_mode opens the store. */
typedef enum {
    CLI_DATA_WRITE,       /* store_open: may write (recovery, events) */
    CLI_DATA_READ,        /* store_open_readonly: never writes */
    CLI_DATA_READ_IF_RO   /* store_open, or store_open_readonly when the
                             folder or meeting.db/ballots.db is not
                             writable (cli_data_writable) */
} cli_data_mode;

/* cli_open_data: opens the data directory data (which must already hold
 * meeting.db: a mistyped --data is an error, never a new empty
 * directory) with the meeting file mpath, or, when mpath is NULL, the
 * copy the kiosk kept there (its roster is not needed and not read).
 * Returns 0, or 2 after printing what is wrong; d is then empty.  The
 * caller frees d with cli_data_free in both cases. */
int cli_open_data(const char *data, const char *mpath, cli_data *d);

/* cli_open_data_mode: cli_open_data, opening the store as mode says;
 * d->readonly tells which open was used. */
int cli_open_data_mode(const char *data, const char *mpath, cli_data_mode mode,
                       cli_data *d);

/* cli_data_writable: 1 if the folder data and its meeting.db and
 * ballots.db may be written: access() allows it (so not on a read-only
 * mount) and each has a write bit set.  The mode bits count even for
 * root, whom access() never refuses: a folder made read-only with chmod
 * is read-only to these tools too. */
int cli_data_writable(const char *data);

/* cli_paper: --paper's value (letter or a4) into *paper; 0, or 2 after
 * "CMD: unknown paper 'X'; use --paper letter or --paper a4". */
int cli_paper(const char *cmd, const char *s, print_paper *paper);

/* cli_data_free: releases everything in d.  Safe on a zeroed d. */
void cli_data_free(cli_data *d);

#endif
