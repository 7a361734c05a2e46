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
#include "parse_file.h"
#include "roster_internal.h"

#define ROSTER_MAX_BYTES (64u * 1024 * 1024)

typedef struct {
    size_t start, end; /* bytes of the original replaced ... */
    int commas;        /* ... by this many commas and then the token */
    char token[TOKEN_TEXT_SIZE];
} edit;

static const char *errno_advice(int e)
{
    if (e == ENOSPC || e == EDQUOT)
        return "free some space on that disk and run it again";
    if (e == EROFS || e == EACCES || e == EPERM)
        return "make the file and its folder writable, or copy the roster "
               "to a writable folder";
    return "check the disk and run it again";
}

/* write_atomic: replaces path by data, readable by its owner only. */
static as_status write_atomic(const char *path, const char *data, size_t len,
                              diag_list *diag)
{
    char dir[PATH_MAX], tmp[PATH_MAX + 32];
    const char *slash = strrchr(path, '/');
    int fd = -1, e;

    if (slash) {
        size_t n = (size_t)(slash - path);
        if (n >= sizeof dir) {
            diag_add(diag, path, 0, 0, "path too long; move the roster to a shorter path");
            return AS_EINVAL;
        }
        memcpy(dir, path, n ? n : 1);
        dir[n ? n : 1] = '\0';
        snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, slash + 1);
    } else {
        strcpy(dir, ".");
        snprintf(tmp, sizeof tmp, ".%s.XXXXXX", path);
    }
    fd = mkstemp(tmp);
    if (fd < 0) {
        e = errno;
        diag_add(diag, path, 0, 0, "cannot create a temporary file beside it: %s; %s",
                 strerror(e), errno_advice(e));
        return as_status_from_errno(e);
    }
    /* The file now holds badge tokens: it stays 0600 as mkstemp made it,
     * whatever mode the spreadsheet's copy had (0644 would let every
     * user on the machine read every badge), like `roster import`. */
    if (as_write_all(fd, data, len) != 0 || fsync(fd) != 0) {
        e = errno;
        goto fail;
    }
    if (close(fd) != 0) {
        fd = -1;
        e = errno;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0) {
        e = errno;
        goto fail;
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        /* The rename is done; a failing directory fsync only weakens the
         * guarantee across a power cut, so it is not reported. */
        (void)fsync(dfd);
        close(dfd);
    }
    return AS_OK;
fail:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    diag_add(diag, path, 0, 0, "cannot write the new roster: %s; the file is "
             "unchanged; %s", strerror(e), errno_advice(e));
    return as_status_from_errno(e);
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
