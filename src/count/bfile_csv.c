/* bfile_csv.c: ballots as CSV (RFC 4180), one ballot per row.
 *
 * Header row first.  An optional leading column is either `count` (how
 * many ballots the row stands for) or a ballot id (`ballot_id`, `id`,
 * `Cast Vote Record`, `CVR ID`, `Ballot #`...; ignored).  Every other
 * column is a rank, first preference first.  A cell holds one candidate,
 * several joined by `|` (marked at the same rank: an overvote), nothing
 * (a skipped rank), or an ES&S label: `overvote`, `undervote` (a skipped
 * rank), `UWI` (the candidate "Undeclared Write-ins").
 *
 * Read record by record (bfile_lines): a record is a line, joined with
 * the next ones while a quoted cell is open, so the file is never held
 * whole. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "ballot_file.h"
#include "bfile_lines.h"

#define UWI_NAME "Undeclared Write-ins"
#define MAX_COUNT 1000000000000LL

typedef struct {
    char *text;     /* unescaped cells, each NUL-terminated */
    size_t len, cap;
    size_t *cell;   /* offsets into text */
    int n, ncap;
} csv_row;

static int row_put(csv_row *r, char c)
{
    if (r->len == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        char *t = realloc(r->text, cap);
        if (!t)
            return -1;
        r->text = t;
        r->cap = cap;
    }
    r->text[r->len++] = c;
    return 0;
}

static int row_start_cell(csv_row *r)
{
    if (r->n == r->ncap) {
        int cap = r->ncap ? r->ncap * 2 : 16;
        size_t *c = realloc(r->cell, (size_t)cap * sizeof *c);
        if (!c)
            return -1;
        r->cell = c;
        r->ncap = cap;
    }
    r->cell[r->n++] = r->len;
    return 0;
}

/* The record being cut into rows: normally one row per record, but a
 * lone '\r' (old Mac line ends) also ends a row, as RFC 4180 readers do. */
typedef struct {
    bfile_lines *lr;
    const char *rec;
    size_t len, pos;
    int line; /* the record's first line */
    int more; /* rows left in rec */
} csv_src;

static size_t quotes(const char *p, size_t n)
{
    size_t q = 0;
    for (const char *e = p + n; (p = memchr(p, '"', (size_t)(e - p))) != NULL; p++)
        q++;
    return q;
}

/* next_row: reads one row into r; *row_line is the line it starts on.
 * Returns 1 for a row, 0 at the end (or when reading failed: s->lr->st),
 * -1 for a quoting error (msg set), -2 out of memory. */
static int next_row(csv_src *s, int *row_line, csv_row *r, const char **msg)
{
    if (!s->more) {
        const char *p;
        size_t n;
        if (!bfile_lines_next(s->lr, &p, &n))
            return 0;
        s->line = s->lr->line;
        /* An odd number of quotes so far: a quoted cell runs on past the
         * line's end (a doubled quote counts twice). */
        size_t q = quotes(p, n);
        while (q & 1) {
            size_t before = n;
            if (!bfile_lines_join(s->lr, &p, &n)) {
                if (s->lr->st != AS_OK)
                    return 0;
                break; /* the end: the parse below says the quote is open */
            }
            q += quotes(p + before, n - before);
        }
        s->rec = p;
        s->len = n;
        s->pos = 0;
        s->more = 1;
    }
    const char *buf = s->rec;
    size_t len = s->len, p = s->pos;
    *row_line = s->line;
    r->len = 0;
    r->n = 0;
    if (row_start_cell(r))
        return -2;
    for (;;) {
        if (p < len && buf[p] == '"') {
            p++;
            for (;;) {
                if (p >= len) {
                    *msg = "a quoted cell is never closed; add the closing \"";
                    return -1;
                }
                if (buf[p] == '"') {
                    if (p + 1 < len && buf[p + 1] == '"') {
                        if (row_put(r, '"'))
                            return -2;
                        p += 2;
                        continue;
                    }
                    p++;
                    break;
                }
                if (row_put(r, buf[p++]))
                    return -2;
            }
            if (p < len && buf[p] != ',' && buf[p] != '\n' && buf[p] != '\r') {
                *msg = "text after a closing quote; quote the whole cell "
                       "and double any \" inside it";
                return -1;
            }
        } else {
            while (p < len && buf[p] != ',' && buf[p] != '\n' && buf[p] != '\r') {
                if (buf[p] == '"') {
                    *msg = "a \" inside an unquoted cell; quote the cell and "
                           "write the \" twice";
                    return -1;
                }
                if (row_put(r, buf[p++]))
                    return -2;
            }
        }
        if (row_put(r, '\0'))
            return -2;
        if (p < len && buf[p] == ',') {
            p++;
            if (row_start_cell(r))
                return -2;
            continue;
        }
        if (p < len && buf[p] == '\r')
            p++;
        if (p < len && buf[p] == '\n')
            p++;
        s->pos = p;
        s->more = p < len;
        return 1;
    }
}

/* trim: strips ASCII blanks from both ends of s in place. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

static int ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

static int is_id_header(const char *h)
{
    static const char *const ids[] = {"ballot_id", "ballot id", "id", "ballot",
                                      "ballot #", "ballot number", "cvr id",
                                      "cvr", "cast vote record", "record id",
                                      "record"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (ieq(h, ids[i]))
            return 1;
    return 0;
}

static int parse_count(const char *s, int64_t *out)
{
    int64_t v = 0;
    if (!*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
        if (v > MAX_COUNT)
            return -1;
    }
    if (v < 1)
        return -1;
    *out = v;
    return 0;
}

typedef struct {
    rcv_mark *v;
    size_t n, cap;
} mark_vec;

static int marks_push(mark_vec *m, rcv_mark x)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 32;
        rcv_mark *v = realloc(m->v, cap * sizeof *v);
        if (!v)
            return -1;
        m->v = v;
        m->cap = cap;
    }
    m->v[m->n++] = x;
    return 0;
}

/* candidate: the index of name, adding it when the list is open (or it is
 * the write-in label's candidate).  -1 unknown, -2 no memory/too many. */
static int candidate(rcv_ballots *b, const char *name, int fixed, as_err *err)
{
    int i = rcv_ballots_find(b, name, strlen(name));
    if (i >= 0)
        return i;
    if (fixed && strcmp(name, UWI_NAME) != 0)
        return -1;
    if (rcv_ballots_add_candidate(b, name, &i, err) != AS_OK)
        return -2;
    return i;
}

as_status bfile_parse_csv_list(const char *name, const char *buf, size_t len,
                               const char *const *names, int nnames,
                               rcv_ballots **out, diag_list *diag)
{
    bfile_lines lr;
    bfile_lines_mem(&lr, name, buf, len, diag);
    return bfile_csv_lines(name, &lr, names, nnames, out, diag);
}

as_status bfile_csv_lines(const char *name, bfile_lines *lr, const char *const *names,
                          int nnames, rcv_ballots **out, diag_list *diag)
{
    rcv_ballots *b = NULL;
    csv_row r = {0};
    mark_vec mk = {0};
    as_status st = AS_OK;
    csv_src src = {.lr = lr};
    int row_line = 0, ncols = 0, lead = 0; /* lead: 0 none, 1 count, 2 id */
    int errors0 = diag_count(diag), rc;
    const char *msg = NULL;
    as_err err;

    *out = NULL;
    if ((st = rcv_ballots_new(&b)) != AS_OK) {
        diag_add(diag, name, 0, 0, "out of memory");
        return st;
    }
    if (rcv_ballots_merge_identical(b, 1) != AS_OK) {
        rcv_ballots_free(b);
        diag_add(diag, name, 0, 0, "out of memory");
        return AS_ENOMEM;
    }
    for (int i = 0; names && i < nnames; i++) {
        if (rcv_ballots_add_candidate(b, names[i], NULL, &err) != AS_OK) {
            diag_add(diag, name, 0, 0, "candidate list: %s", err.msg);
            st = AS_EINVAL;
            goto done;
        }
    }
    lr->long_msg = "a row runs on for more than 16 MiB; close every quoted cell "
                   "with \" (or check the path)";
    bfile_lines_skip_bom(lr); /* a UTF-8 byte order mark from a spreadsheet */

    /* The header. */
    rc = next_row(&src, &row_line, &r, &msg);
    if (rc == 0 && lr->st != AS_OK) {
        st = lr->st;
        goto done;
    }
    if (rc == 0) {
        diag_add(diag, name, 0, 0,
                 "the file is empty; it needs a header row and one row per ballot");
        st = AS_EINVAL;
        goto done;
    }
    if (rc < 0)
        goto row_error;
    ncols = r.n;
    {
        char *h0 = trim(r.text + r.cell[0]);
        if (ieq(h0, "count"))
            lead = 1;
        else if (is_id_header(h0))
            lead = 2;
    }
    if (ncols - (lead != 0) < 1) {
        diag_add(diag, name, row_line, 0,
                 "the header has no rank columns; add one column per rank "
                 "(rank1,rank2,...)");
        st = AS_EINVAL;
        goto done;
    }

    for (;;) {
        int64_t w = 1;
        int bad = 0;
        rc = next_row(&src, &row_line, &r, &msg);
        if (rc == 0) {
            if (lr->st != AS_OK)
                st = lr->st; /* the reader said why; the rest is unknown */
            break;
        }
        if (rc < 0)
            goto row_error;
        if (r.n == 1 && r.text[r.cell[0]] == '\0')
            continue; /* an empty line */
        if (r.n > ncols) {
            diag_add(diag, name, row_line, 0,
                     "this row has %d cells but the header has %d columns; a ballot "
                     "cannot rank more than the header's columns: remove the extra "
                     "cells or add a rank column to the header",
                     r.n, ncols);
            continue;
        }
        if (lead == 1) {
            char *c = trim(r.text + r.cell[0]);
            if (parse_count(c, &w)) {
                diag_add(diag, name, row_line, 0,
                         "the count '%s' is not a positive whole number; write how "
                         "many ballots this row stands for (1, 2, ...)",
                         c);
                continue;
            }
        }
        mk.n = 0;
        for (int j = (lead != 0); j < r.n && !bad; j++) {
            char *cell = trim(r.text + r.cell[j]);
            if (!*cell || !strcmp(cell, "undervote")) {
                if (marks_push(&mk, RCV_SKIP))
                    goto nomem;
                continue;
            }
            if (!strcmp(cell, "overvote")) {
                if (marks_push(&mk, RCV_OVERVOTE))
                    goto nomem;
                continue;
            }
            int first = 1;
            for (char *s = cell; s && !bad; first = 0) {
                char *bar = strchr(s, '|');
                if (bar)
                    *bar = '\0';
                char *nm = trim(s);
                s = bar ? bar + 1 : NULL;
                if (!strcmp(nm, "UWI"))
                    nm = UWI_NAME;
                if (!*nm || !strcmp(nm, "overvote") || !strcmp(nm, "undervote")) {
                    diag_add(diag, name, row_line, 0,
                             "rank %d joins an empty name or a label with '|'; "
                             "'|' may only join candidate names",
                             j + 1 - (lead != 0));
                    bad = 1;
                    break;
                }
                int ci = candidate(b, nm, names != NULL, &err);
                if (ci == -1) {
                    diag_add(diag, name, row_line, 0,
                             "unknown candidate '%s' at rank %d; fix the spelling "
                             "or add the name to the candidate list",
                             nm, j + 1 - (lead != 0));
                    bad = 1;
                    break;
                }
                if (ci == -2) {
                    diag_add(diag, name, row_line, 0, "%s", err.msg);
                    bad = 1;
                    break;
                }
                if (marks_push(&mk, (rcv_mark)(ci | (first ? 0 : RCV_SAME_RANK))))
                    goto nomem;
            }
        }
        if (bad)
            continue;
        /* Trailing skipped ranks say nothing: no rule reads past the
         * last mark.  Dropping them lets equal ballots merge. */
        while (mk.n && mk.v[mk.n - 1] == RCV_SKIP)
            mk.n--;
        if (diag_count(diag) > errors0)
            continue; /* only check the rest; nothing will be returned */
        if ((st = rcv_ballots_add(b, w, mk.v, mk.n, &err)) != AS_OK) {
            if (st == AS_ENOMEM)
                goto nomem;
            diag_add(diag, name, row_line, 0, "%s", err.msg);
            st = AS_OK;
        }
    }
    goto done;

row_error:
    if (rc == -2)
        goto nomem;
    diag_add(diag, name, row_line, 0, "%s", msg);
    goto done;
nomem:
    diag_add(diag, name, row_line, 0, "out of memory reading the ballots");
    st = AS_ENOMEM;
done:
    free(r.text);
    free(r.cell);
    free(mk.v);
    if (st == AS_OK && diag_count(diag) > errors0)
        st = AS_EINVAL;
    if (st != AS_OK) {
        rcv_ballots_free(b);
        return st;
    }
    *out = b;
    return AS_OK;
}

as_status bfile_parse_csv(const char *name, const char *buf, size_t len,
                          rcv_ballots **out, diag_list *diag)
{
    return bfile_parse_csv_list(name, buf, len, NULL, 0, out, diag);
}
