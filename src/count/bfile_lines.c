/* bfile_lines.c: the line reader every ballot-file format reads through:
 * a buffer in memory or a file streamed in BFILE_CHUNK pieces, so a file is
 * never held whole (bfile_lines.h states the contract); and the marks
 * array the parsers collect a ballot in. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "bfile_lines.h"
#include "file_read.h"

static const char default_long_msg[] =
    "a line longer than 16 MiB; this is not a ballot file, check the path";

void bfile_lines_mem(bfile_lines *r, const char *name, const char *buf, size_t len,
                     diag_list *diag)
{
    memset(r, 0, sizeof *r);
    r->path = name;
    r->diag = diag;
    r->fd = -1;
    r->buf = (char *)buf; /* never written through: fd < 0 never fills */
    r->cap = r->end = len;
    r->eof = 1;
    r->long_msg = default_long_msg;
}

as_status bfile_lines_open(bfile_lines *r, const char *path, size_t max,
                           diag_list *diag)
{
    memset(r, 0, sizeof *r);
    r->fd = -1;
    r->path = path;
    r->diag = diag;
    r->long_msg = default_long_msg;
    int fd;
    uint64_t size;
    as_err err;
    as_err_clear(&err);
    /* a symlink to a ballot file is fine here (the user named it); a FIFO,
     * a device or /dev/zero behind a symlink is not */
    as_status st = file_open_regular(path, FILE_FOLLOW, max, "ballot file", &fd, &size,
                                     &err);
    if (st != AS_OK) {
        diag_add(diag, path, 0, 0, "%s", err.msg);
        return st;
    }
    r->buf = malloc(BFILE_CHUNK);
    if (!r->buf) {
        diag_add(diag, path, 0, 0, "out of memory reading the ballot file");
        close(fd);
        return AS_ENOMEM;
    }
    r->cap = BFILE_CHUNK;
    r->fd = fd;
    return AS_OK;
}

void bfile_lines_close(bfile_lines *r)
{
    if (r->fd >= 0) {
        close(r->fd);
        free(r->buf);
    }
    r->fd = -1;
    r->buf = NULL;
    r->cap = r->end = r->pos = r->rec = r->scan = 0;
    r->eof = 1;
}

/* fail: stops the reader; later calls return 0. */
static int lines_fail(bfile_lines *r, as_status st)
{
    r->st = st;
    return 0;
}

/* fill: reads more of the file into buf, first dropping the bytes before
 * keep (lines already handed out) and growing buf only when the line
 * being read fills it.  0, or -1 with r->st set and diag told. */
static int fill(bfile_lines *r, size_t keep)
{
    if (keep > 0) {
        memmove(r->buf, r->buf + keep, r->end - keep);
        r->end -= keep;
        r->pos -= keep;
        r->rec -= keep;
        r->scan -= keep;
    }
    if (r->end == r->cap) {
        if (r->end >= BFILE_MAX_LINE) {
            diag_add(r->diag, r->path, r->line + 1, 0, "%s", r->long_msg);
            return lines_fail(r, AS_EINVAL) - 1;
        }
        char *nb = realloc(r->buf, r->cap * 2);
        if (!nb) {
            diag_add(r->diag, r->path, r->line + 1, 0, "out of memory reading the ballot file");
            return lines_fail(r, AS_ENOMEM) - 1;
        }
        r->buf = nb;
        r->cap *= 2;
    }
    for (;;) {
        ssize_t got = read(r->fd, r->buf + r->end, r->cap - r->end);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            diag_add(r->diag, r->path, 0, 0, "cannot read the ballot file: %s",
                     strerror(errno));
            return lines_fail(r, AS_EIO) - 1;
        }
        if (got == 0)
            r->eof = 1; /* or it shrank while we read: use what is there */
        r->end += (size_t)got;
        return 0;
    }
}

/* take: hands out the next line, or with join the last one extended by
 * the next (a CSV record spanning lines). */
static int take(bfile_lines *r, int join, const char **p, size_t *n)
{
    if (r->st != AS_OK)
        return 0;
    r->scan = r->pos;
    for (;;) {
        const char *nl = r->scan < r->end
                             ? memchr(r->buf + r->scan, '\n', r->end - r->scan)
                             : NULL;
        size_t stop;
        if (nl) {
            stop = (size_t)(nl - r->buf);
        } else {
            r->scan = r->end;
            if (!r->eof) {
                if (fill(r, join ? r->rec : r->pos) != 0)
                    return 0;
                continue;
            }
            if (r->pos == r->end) {
                /* The end.  fill may have moved or reallocated the buffer
                 * while looking for more, so a record being joined is
                 * handed back where it is now (same length): the caller
                 * still parses it, to say which quote is open. */
                if (join)
                    *p = r->buf + r->rec;
                return 0;
            }
            stop = r->end;
        }
        if (!join)
            r->rec = r->pos;
        *p = r->buf + r->rec;
        *n = stop - r->rec;
        r->pos = r->scan = nl ? stop + 1 : stop;
        r->line++;
        return 1;
    }
}

int bfile_lines_next(bfile_lines *r, const char **line, size_t *n)
{
    return take(r, 0, line, n);
}

int bfile_lines_join(bfile_lines *r, const char **rec, size_t *n)
{
    return take(r, 1, rec, n);
}

as_status bfile_lines_rewind(bfile_lines *r)
{
    if (r->st != AS_OK)
        return r->st;
    r->pos = r->rec = r->scan = 0;
    r->line = 0;
    if (r->fd < 0)
        return AS_OK;
    if (lseek(r->fd, 0, SEEK_SET) != 0) {
        diag_add(r->diag, r->path, 0, 0, "cannot read the ballot file again: %s",
                 strerror(errno));
        r->st = AS_EIO;
        return AS_EIO;
    }
    r->end = 0;
    r->eof = 0;
    return AS_OK;
}

void bfile_lines_skip_bom(bfile_lines *r)
{
    while (r->st == AS_OK && !r->eof && r->end - r->pos < 3)
        if (fill(r, r->pos) != 0)
            return;
    if (r->end - r->pos >= 3 && !memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3))
        r->pos += 3;
}

int bfile_marks_push(bfile_marks *mk, rcv_mark x)
{
    if (mk->n == mk->cap) {
        size_t cap = mk->cap ? mk->cap * 2 : 32;
        rcv_mark *v = realloc(mk->v, cap * sizeof *v);
        if (!v)
            return -1;
        mk->v = v;
        mk->cap = cap;
    }
    mk->v[mk->n++] = x;
    return 0;
}
