/* cmd_attendance.c: `asamblea attendance --data DIR [--meeting F]
 * [--names]`: how many people are checked in, against the roster and the
 * quorum.  Opens the data folder read-only (never writes, so it works on
 * a read-only card).  Counts by default; the names of those checked in (for the
 * minutes) only on explicit request, and only with the meeting file,
 * because the data directory never holds the roster.  Never prints a
 * token or a token hash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "cli_util.h"
#include "commands.h"
#include "text_fold.h"
#include "diag.h"
#include "export.h"
#include "meeting.h"
#include "opts.h"
#include "store.h"

static void usage(FILE *f, int help)
{
    (void)help;
    fputs("usage: asamblea attendance --data DIR [--meeting MEETING.yaml] [--names]\n"
          "  Prints how many people are checked in, of how many on the roster,\n"
          "  and whether the quorum is met.\n"
          "  --data DIR       the kiosk's data directory\n"
          "  --meeting FILE   the meeting file (default: the copy the kiosk kept in DIR)\n"
          "  --names          also list who is checked in, for the minutes (needs\n"
          "                   --meeting: names come from the roster)\n",
          f);
}

/* fold_at: the character at *p folded (text_fold.h), or its first byte
 * when it is not a letter or digit: names sort as a reader expects,
 * "Álvarez" next to "Alvarez" and "Łukasiewicz" among the L's rather
 * than after "Zapata". */
static int fold_at(const unsigned char **p)
{
    const unsigned char *s = *p;
    int f = text_fold_next(p);
    return f > 0 ? f : s[0];
}

static int name_cmp(const void *a, const void *b)
{
    const char *x = *(const char *const *)a, *y = *(const char *const *)b;
    const unsigned char *p = (const unsigned char *)x, *q = (const unsigned char *)y;
    while (*p && *q) {
        int c = fold_at(&p), d = fold_at(&q);
        if (c != d)
            return c - d;
    }
    if (*p || *q)
        return *p ? 1 : -1;
    return strcmp(x, y);
}

/* list_names: the names of the roster's people whose badge is checked in,
 * sorted, one per line.  *matched gets how many there were. */
static int list_names(const meeting *m, store *s, int *matched)
{
    int n = roster_count(m->roster), k = 0, rc = 2;
    const char **names = calloc((size_t)(n ? n : 1), sizeof *names);
    uint8_t h[TOKEN_HASH_SIZE];
    as_err err = {{0}};

    *matched = 0;
    if (!names) {
        fputs("asamblea attendance: out of memory\n", stderr);
        return 2;
    }
    for (int i = 0; i < n; i++) {
        const roster_entry *e = roster_get(m->roster, i);
        int yes = 0;
        if (!e->token[0])
            continue; /* never issued a badge: cannot have checked in */
        token_hash(store_key(s), e->token, h);
        if (store_is_checked_in(s, h, &yes, &err) != AS_OK) {
            fprintf(stderr, "%s\n", err.msg);
            goto done;
        }
        if (yes)
            names[k++] = e->name;
    }
    qsort(names, (size_t)k, sizeof *names, name_cmp);
    for (int i = 0; i < k; i++)
        printf("%s\n", names[i]);
    *matched = k;
    rc = 0;
done:
    sodium_memzero(h, sizeof h);
    free(names);
    return rc;
}

int cmd_attendance(int argc, char **argv)
{
    const char *data = NULL, *mpath = NULL;
    int names = 0, rc = 2;
    int64_t in = 0;
    cli_data d;
    as_err err = {{0}};
    const opts_def defs[] = {{"data", OPTS_LONG, OPTS_VALUE, &data, NULL, 0},
                             {"meeting", OPTS_LONG + 1, OPTS_VALUE, &mpath, NULL, 0},
                             {"names", OPTS_LONG + 2, OPTS_FLAG, NULL, &names, 0},
                             {0}};
    const opts_spec spec = {"asamblea attendance", defs, usage, NULL, NULL};

    if ((rc = opts_parse(&spec, argc, argv)) != 0)
        return rc < 0 ? 0 : rc;
    rc = 2;
    if (!data) {
        fputs("asamblea attendance: --data DIR is required\n", stderr);
        usage(stderr, 0);
        return 2;
    }
    if (names && !mpath) {
        fputs("asamblea attendance: --names needs --meeting MEETING.yaml: the "
              "names come from its roster, which the data directory never "
              "holds\n", stderr);
        return 2;
    }
    /* Read-only always: attendance writes nothing, so it must work on a
     * card mounted read-only and beside a running kiosk alike. */
    if (cli_open_data_mode(data, mpath, CLI_DATA_READ, &d) != 0)
        goto done;
    if (store_checked_in_count(d.s, &in, &err) != AS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        goto done;
    }

    printf("%lld checked in of %d on the roster; ", (long long)in, d.roster_size);
    if (d.quorum <= 0)
        printf("no quorum set\n");
    else if (in >= d.quorum)
        printf("quorum %d: met\n", d.quorum);
    else
        printf("quorum %d: not met (%lld more needed)\n", d.quorum,
               (long long)(d.quorum - in));
    if (names) {
        int matched = 0;
        fflush(stdout);
        fputs("asamblea attendance: this list says who attended; keep it with "
              "the minutes only and do not post or share it elsewhere\n",
              stderr);
        if (list_names(d.m, d.s, &matched) != 0)
            goto done;
        if (matched < in)
            fprintf(stderr,
                    "asamblea attendance: %lld check-in%s match no one on %s's "
                    "roster; was the roster changed or were badges reissued "
                    "after check-in?\n",
                    (long long)(in - matched), in - matched == 1 ? "" : "s", mpath);
    }
    rc = 0;
done:
    cli_data_free(&d);
    return rc;
}
