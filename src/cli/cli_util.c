/* cli_util.c: helpers shared by the subcommands. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include "cli_util.h"
#include "export.h"

void cli_print_diags(const diag_list *d)
{
    for (int i = 0; i < d->n; i++)
        fprintf(stderr, "%s\n", d->lines[i]);
    if (d->oom)
        fprintf(stderr, "asamblea: %d more problems (out of memory to show "
                "them)\n", d->oom);
}

/* The roster is not needed by the tools that open the kept copy
 * (attendance comes from the store, a percentage quorum from the saved
 * roster size); an empty one keeps meeting_from_memory away from the
 * roster file and its tokens. */
static const char EMPTY_ROSTER[] = "name,role,token\n";

static int path_writable(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return errno == ENOENT; /* a missing file is refused later, by name */
    return (sb.st_mode & 0222) != 0 &&
           faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0;
}

int cli_data_writable(const char *data)
{
    static const char *const files[] = {"meeting.db", "ballots.db"};
    char path[EXPORT_PATH_MAX + 32];

    if (!path_writable(data))
        return 0;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", data, files[i]);
        if (!path_writable(path))
            return 0;
    }
    return 1;
}

int cli_open_data(const char *data, const char *mpath, cli_data *d)
{
    return cli_open_data_mode(data, mpath, CLI_DATA_WRITE, d);
}

int cli_open_data_mode(const char *data, const char *mpath, cli_data_mode mode,
                       cli_data *d)
{
    char path[EXPORT_PATH_MAX + 32];
    struct stat sb;
    diag_list diag;
    as_err err;
    int rc = 2;

    memset(d, 0, sizeof *d);
    diag_init(&diag);
    /* store_open would create an empty data directory: check first. */
    snprintf(path, sizeof path, "%s/meeting.db", data);
    if (stat(path, &sb) != 0) {
        fprintf(stderr,
                "%s: no kiosk data here (%s); pass the --data folder the kiosk used\n",
                data, errno == ENOENT ? "no meeting.db" : strerror(errno));
        goto done;
    }
    if (mpath) {
        if (meeting_load(mpath, &d->m, &diag) != AS_OK) {
            cli_print_diags(&diag);
            goto done;
        }
        if (export_meeting_bytes(d->m, &d->bytes, &d->len, &err) != AS_OK) {
            fprintf(stderr, "%s\n", err.msg);
            goto done;
        }
        d->quorum = meeting_quorum(d->m);
        d->roster_size = roster_count(d->m->roster);
    } else {
        if (export_load_meeting_copy(data, &d->bytes, &d->len, &d->roster_size,
                                     &err) != AS_OK) {
            fprintf(stderr, "%s\n", err.msg);
            goto done;
        }
        snprintf(path, sizeof path, "%s/meeting.yaml", data);
        if (meeting_from_memory(path, d->bytes, d->len, EMPTY_ROSTER, &d->m,
                                &diag) != AS_OK) {
            cli_print_diags(&diag);
            goto done;
        }
        d->quorum = export_quorum(d->m, d->roster_size);
    }
    if (mode == CLI_DATA_READ_IF_RO && cli_data_writable(data))
        mode = CLI_DATA_WRITE;
    d->readonly = mode != CLI_DATA_WRITE;
    if ((d->readonly ? store_open_readonly(data, d->m->sha256, &d->s, &err)
                     : store_open(data, d->m->sha256, &d->s, &err)) != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        goto done;
    }
    /* One kiosk of several holds only its share of the ballots: reading
     * it alone would publish part of a result. */
    if (store_sqlite_is_hub_member(d->s)) {
        fprintf(stderr, "%s: this data folder is one kiosk of several on a hub "
                "(docs/several-kiosks.md); it holds only this kiosk's share of "
                "the votes. Export from the facilitator's console (Export) on "
                "any kiosk of the meeting, which reads the hub\n", data);
        goto done;
    }
    rc = 0;
done:
    diag_free(&diag);
    if (rc)
        cli_data_free(d);
    return rc;
}

int cli_paper(const char *cmd, const char *s, print_paper *paper)
{
    if (print_paper_parse(s, paper) == AS_OK)
        return 0;
    fprintf(stderr, "%s: unknown paper '%s'; use --paper letter or --paper a4\n",
            cmd, s);
    return 2;
}

void cli_data_free(cli_data *d)
{
    store_free(d->s);
    meeting_free(d->m);
    free(d->bytes);
    memset(d, 0, sizeof *d);
}
