/* roster_issue.c: filling empty token cells and writing the roster back.
 *
 * The new file is the old bytes with only the empty token cells replaced
 * (or, for rows too short to have a token cell, commas and the token
 * appended), so quoting, line ends, extra columns and blank rows all stay
 * as the organizer's spreadsheet wrote them.  A token needs no quoting.
 * The write is atomic: temporary file beside the roster, fsync, rename,
 * fsync of the folder, so a power cut leaves the old roster or the new. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "file_write.h"
#include "parse_file.h"
#include "roster_internal.h"

#define ROSTER_MAX_BYTES (64u * 1024 * 1024)

typedef struct {
    size_t start, end; /* bytes of the original replaced ... */
    int commas;        /* ... by this many commas and then the token */
    char token[TOKEN_TEXT_SIZE];
} edit;

/* write_atomic: replaces path by data through the crash-safe writer
 * (file_write.h).  The file now holds badge tokens: it is 0600 whatever
 * mode the spreadsheet's copy had (0644 would let every user on the
 * machine read every badge), like `roster import`. */
static as_status write_atomic(const char *path, const char *data, size_t len,
                              diag_list *diag)
{
    static const file_write_opts o = {0600, 0};
    as_err err;
    as_status st = file_write_atomic(path, data, len, &o, &err);

    if (st != AS_OK)
        diag_add_err(diag, path, &err, NULL);
    return st;
}

static int cmp_token_ptr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* unique_tokens: makes every new token differ from every other token,
 * old or new, by sorting them all once (not comparing each with each,
 * which is quadratic in the roster).  With 85 random bits a clash is
 * astronomically rare; a clashing new token is simply drawn again. */
static as_status unique_tokens(const roster *r, edit *ed, int ned)
{
    size_t n = (size_t)r->n + (size_t)ned;
    char **all = malloc((n ? n : 1) * sizeof *all);
    int again;

    if (!all)
        return AS_ENOMEM;
    do {
        size_t k = 0;
        again = 0;
        for (int i = 0; i < r->n; i++)
            if (r->e[i].token[0])
                all[k++] = r->e[i].token;
        for (int i = 0; i < ned; i++)
            all[k++] = ed[i].token;
        qsort(all, k, sizeof *all, cmp_token_ptr);
        for (size_t i = 1; i < k; i++) {
            if (strcmp(all[i - 1], all[i]) != 0)
                continue;
            /* Existing tokens are unique (roster_parse checks), so one of
             * the pair is new: redraw whichever is. */
            for (int j = 0; j < ned; j++)
                if (ed[j].token == all[i] || ed[j].token == all[i - 1]) {
                    token_new(ed[j].token);
                    again = 1;
                    break;
                }
        }
    } while (again);
    free(all);
    return AS_OK;
}

/* apply: the original bytes with the edits (in file order) made. */
static char *apply(const char *buf, size_t len, const edit *ed, int ned,
                   size_t *outlen)
{
    size_t n = len;
    for (int i = 0; i < ned; i++)
        n += (size_t)ed[i].commas + strlen(ed[i].token);
    char *out = malloc(n + 1), *o = out;
    size_t at = 0;
    if (!out)
        return NULL;
    for (int i = 0; i < ned; i++) {
        memcpy(o, buf + at, ed[i].start - at);
        o += ed[i].start - at;
        memset(o, ',', (size_t)ed[i].commas);
        o += ed[i].commas;
        size_t tl = strlen(ed[i].token);
        memcpy(o, ed[i].token, tl);
        o += tl;
        at = ed[i].end;
    }
    memcpy(o, buf + at, len - at);
    o += len - at;
    *o = '\0';
    *outlen = (size_t)(o - out);
    return out;
}

as_status roster_issue(const char *path, int *issued, diag_list *diag)
{
    char *buf = NULL, *outbuf = NULL, *real = NULL;
    size_t len = 0, outlen = 0;
    roster *r = NULL;
    edit *ed = NULL;
    int ned = 0;
    as_status st;

    *issued = 0;
    if (sodium_init() < 0) {
        diag_add(diag, path, 0, 0, "libsodium failed to start; reinstall libsodium23");
        return AS_EIO;
    }
    st = parse_read_file(path, "roster", ROSTER_MAX_BYTES, &buf, &len, diag);
    if (st != AS_OK)
        return st;
    st = roster_parse(path, buf, len, &r, diag);
    if (st != AS_OK)
        goto done;
    ed = calloc((size_t)(r->n ? r->n : 1), sizeof *ed);
    if (!ed) {
        diag_add(diag, path, 0, 0, "out of memory");
        st = AS_ENOMEM;
        goto done;
    }
    for (int i = 0; i < r->n; i++) {
        if (r->e[i].token[0])
            continue;
        const csv_record *rec = &r->doc.r[r->rec[i]];
        edit *x = &ed[ned];
        if (r->col_token < rec->nf) {
            x->start = rec->f[r->col_token].raw_start;
            x->end = rec->f[r->col_token].raw_end;
        } else {
            x->start = x->end = rec->end;
            x->commas = r->col_token - rec->nf + 1;
        }
        token_new(x->token);
        ned++;
    }
    if (unique_tokens(r, ed, ned) != AS_OK) {
        diag_add(diag, path, 0, 0, "out of memory");
        st = AS_ENOMEM;
        goto done;
    }
    if (ned == 0)
        goto done; /* nothing to do: leave the file alone */
    outbuf = apply(buf, len, ed, ned, &outlen);
    if (!outbuf) {
        diag_add(diag, path, 0, 0, "out of memory");
        st = AS_ENOMEM;
        goto done;
    }
    /* Write through a symlink to the file it names, not over the link. */
    real = realpath(path, NULL);
    st = write_atomic(real ? real : path, outbuf, outlen, diag);
    if (st == AS_OK)
        *issued = ned;
done:
    if (outbuf) {
        sodium_memzero(outbuf, outlen);
        free(outbuf);
    }
    if (ed) {
        sodium_memzero(ed, (size_t)(r && r->n ? r->n : 1) * sizeof *ed);
        free(ed);
    }
    free(real);
    free(buf);
    roster_free(r);
    return st;
}
