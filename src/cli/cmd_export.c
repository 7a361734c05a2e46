/* cmd_export.c: `asamblea export --data DIR --out DIR2 [--meeting F]`.
 * Without --meeting the meeting file is the copy the kiosk keeps in the
 * data directory (export_save_meeting_copy).  Prints only the summary
 * line: never a choice or a ballot id. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli_util.h"
#include "commands.h"
#include "diag.h"
#include "export.h"
#include "meeting.h"
#include "store.h"

/* The roster is not needed to export (attendance comes from the store and
 * a percentage quorum from the saved roster size); an empty one keeps
 * meeting_from_memory away from the roster file and its tokens. */
static const char EMPTY_ROSTER[] = "name,role,token\n";

static void usage(FILE *f)
{
    fputs("usage: asamblea export --data DIR --out DIR2 [--meeting MEETING.yaml]\n"
          "  Writes DIR2/asamblea-DATE-XXXXXXXX/ with the meeting file, the results\n"
          "  (results.csv, results.json) and the anonymous ballots of closed votes.\n"
          "  --data DIR       the kiosk's data directory\n"
          "  --out DIR2       where to write (created if missing; must be empty or\n"
          "                   hold only earlier exports)\n"
          "  --meeting FILE   the meeting file (default: the copy the kiosk kept in DIR)\n",
          f);
}

int cmd_export(int argc, char **argv)
{
    const char *data = NULL, *out = NULL, *mpath = NULL;
    char *bytes = NULL, dbpath[EXPORT_PATH_MAX + 32], name[EXPORT_PATH_MAX + 32];
    size_t len = 0;
    int roster_size = 0, quorum, rc = 2;
    meeting *m = NULL;
    store *s = NULL;
    diag_list d;
    as_err err = {{0}};
    export_summary sum;
    struct stat sb;
    as_status st;

    diag_init(&d);
    for (int i = 1; i < argc; i++) {
        const char **slot = NULL;
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else if (!strcmp(argv[i], "--data")) {
            slot = &data;
        } else if (!strcmp(argv[i], "--out")) {
            slot = &out;
        } else if (!strcmp(argv[i], "--meeting")) {
            slot = &mpath;
        } else {
            fprintf(stderr, "asamblea export: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return 2;
        }
        if (i + 1 >= argc || !argv[i + 1][0]) {
            fprintf(stderr, "asamblea export: %s needs a value\n", argv[i]);
            return 2;
        }
        *slot = argv[++i];
    }
    if (!data || !out) {
        fputs("asamblea export: --data DIR and --out DIR2 are required\n", stderr);
        usage(stderr);
        return 2;
    }
    /* store_open would create an empty data directory: check first, so a
     * mistyped --data is an error rather than an empty export. */
    snprintf(dbpath, sizeof dbpath, "%s/meeting.db", data);
    if (stat(dbpath, &sb) != 0) {
        fprintf(stderr,
                "%s: no kiosk data here (%s); pass the --data folder the kiosk used\n",
                data, errno == ENOENT ? "no meeting.db" : strerror(errno));
        return 2;
    }

    if (mpath) {
        if ((st = meeting_load(mpath, &m, &d)) != AS_OK) {
            cli_print_diags(&d);
            goto done;
        }
        if ((st = export_meeting_bytes(m, &bytes, &len, &err)) != AS_OK) {
            fprintf(stderr, "%s\n", err.msg);
            goto done;
        }
        quorum = meeting_quorum(m);
        roster_size = roster_count(m->roster);
    } else {
        if ((st = export_load_meeting_copy(data, &bytes, &len, &roster_size, &err)) !=
            AS_OK) {
            fprintf(stderr, "%s\n", err.msg);
            goto done;
        }
        snprintf(name, sizeof name, "%s/meeting.yaml", data);
        if ((st = meeting_from_memory(name, bytes, len, EMPTY_ROSTER, &m, &d)) != AS_OK) {
            cli_print_diags(&d);
            goto done;
        }
        quorum = export_quorum(m, roster_size);
    }

    if ((st = store_open(data, m->sha256, &s, &err)) != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        goto done;
    }
    if ((st = export_write(m, bytes, len, quorum, roster_size, s, data, out, &sum, &err)) != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        goto done;
    }
    printf("exported %d proposal%s (%d closed) to %s\n", sum.nprops,
           sum.nprops == 1 ? "" : "s", sum.nclosed, sum.path);
    rc = 0;
done:
    store_free(s);
    meeting_free(m);
    free(bytes);
    diag_free(&d);
    return rc;
}
