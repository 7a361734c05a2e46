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

/* csv_parser: the state every step of bfile_csv_lines shares. */
typedef struct {
    const char *name;
    diag_list *diag;
    bfile_lines *lr;
    csv_src src;
    csv_row r;        /* the row being read */
    bfile_marks mk;   /* its marks */
    rcv_ballots *b;
    int fixed;        /* the candidates were given: no new names */
    int row_line, ncols, lead; /* lead: 0 none, 1 count, 2 id */
    int errors0;
    const char *msg;  /* next_row's quoting error */
    as_status st;
} csv_parser;

/* csv_nomem: out of memory while reading the row at P->row_line. */
static void csv_nomem(csv_parser *P)
{
    diag_add(P->diag, P->name, P->row_line, 0, "out of memory reading the ballots");
    P->st = AS_ENOMEM;
}

/* csv_row_error: next_row's rc < 0 reported; it ends the reading, since
 * where the rows after a quoting error start is unknown. */
static void csv_row_error(csv_parser *P, int rc)
{
    if (rc == -2)
        csv_nomem(P);
    else
        diag_add(P->diag, P->name, P->row_line, 0, "%s", P->msg);
}

/* csv_begin: the ballot set, with the given candidates when there is a
 * list.  AS_OK, or what failed (diag says so; P->b is then freed). */
static as_status csv_begin(csv_parser *P, const char *const *names, int nnames)
{
    as_status st;
    as_err err;
    if ((st = rcv_ballots_new(&P->b)) != AS_OK) {
        diag_add(P->diag, P->name, 0, 0, "out of memory");
        return st;
    }
    if (rcv_ballots_merge_identical(P->b, 1) != AS_OK) {
        rcv_ballots_free(P->b);
        diag_add(P->diag, P->name, 0, 0, "out of memory");
        return AS_ENOMEM;
    }
    for (int i = 0; names && i < nnames; i++) {
        if (rcv_ballots_add_candidate(P->b, names[i], NULL, &err) != AS_OK) {
            diag_add(P->diag, P->name, 0, 0, "candidate list: %s", err.msg);
            rcv_ballots_free(P->b);
            return AS_EINVAL;
        }
    }
    return AS_OK;
}

/* csv_header: the header row: how many columns, and whether the first is
 * a count or a ballot id.  0 to go on to the ballots; 1 to stop (P->st
 * and diag say why). */
static int csv_header(csv_parser *P)
{
    int rc = next_row(&P->src, &P->row_line, &P->r, &P->msg);
    if (rc == 0 && P->lr->st != AS_OK) {
        P->st = P->lr->st;
        return 1;
    }
    if (rc == 0) {
        diag_add(P->diag, P->name, 0, 0,
                 "the file is empty; it needs a header row and one row per ballot");
        P->st = AS_EINVAL;
        return 1;
    }
    if (rc < 0) {
        csv_row_error(P, rc);
        return 1;
    }
    P->ncols = P->r.n;
    char *h0 = trim(P->r.text + P->r.cell[0]);
    if (ieq(h0, "count"))
        P->lead = 1;
    else if (is_id_header(h0))
        P->lead = 2;
    if (P->ncols - (P->lead != 0) < 1) {
        diag_add(P->diag, P->name, P->row_line, 0,
                 "the header has no rank columns; add one column per rank "
                 "(rank1,rank2,...)");
        P->st = AS_EINVAL;
        return 1;
    }
    return 0;
}

/* csv_cell_marks: the marks of rank column j (a label, a name, or names
 * joined by '|').  0; 1 when the cell is wrong (reported); -1 out of
 * memory.  Separate from the row because a cell is a small grammar of
 * its own. */
static int csv_cell_marks(csv_parser *P, int j)
{
    char *cell = trim(P->r.text + P->r.cell[j]);
    int rank = j + 1 - (P->lead != 0);
    as_err err;
    if (!*cell || !strcmp(cell, "undervote"))
        return bfile_marks_push(&P->mk, RCV_SKIP);
    if (!strcmp(cell, "overvote"))
        return bfile_marks_push(&P->mk, RCV_OVERVOTE);
    int first = 1;
    for (char *s = cell; s; first = 0) {
        char *bar = strchr(s, '|');
        if (bar)
            *bar = '\0';
        char *nm = trim(s);
        s = bar ? bar + 1 : NULL;
        if (!strcmp(nm, "UWI"))
            nm = UWI_NAME;
        if (!*nm || !strcmp(nm, "overvote") || !strcmp(nm, "undervote")) {
            diag_add(P->diag, P->name, P->row_line, 0,
                     "rank %d joins an empty name or a label with '|'; "
                     "'|' may only join candidate names", rank);
            return 1;
        }
        int ci = candidate(P->b, nm, P->fixed, &err);
        if (ci == -1) {
            diag_add(P->diag, P->name, P->row_line, 0,
                     "unknown candidate '%s' at rank %d; fix the spelling "
                     "or add the name to the candidate list", nm, rank);
            return 1;
        }
        if (ci == -2) {
            diag_add(P->diag, P->name, P->row_line, 0, "%s", err.msg);
            return 1;
        }
        if (bfile_marks_push(&P->mk, (rcv_mark)(ci | (first ? 0 : RCV_SAME_RANK))))
            return -1;
    }
    return 0;
}

/* csv_ballot_row: one row after the header, added to the ballots while
 * the file has no error (after one, rows are only checked).  -1 when
 * memory ran out, else 0 (problems are in diag). */
static int csv_ballot_row(csv_parser *P)
{
    const csv_row *r = &P->r;
    int64_t w = 1;
    as_err err;
    if (r->n == 1 && r->text[r->cell[0]] == '\0')
        return 0; /* an empty line */
    if (r->n > P->ncols) {
        diag_add(P->diag, P->name, P->row_line, 0,
                 "this row has %d cells but the header has %d columns; a ballot "
                 "cannot rank more than the header's columns: remove the extra "
                 "cells or add a rank column to the header",
                 r->n, P->ncols);
        return 0;
    }
    if (P->lead == 1) {
        char *c = trim(r->text + r->cell[0]);
        if (parse_count(c, &w)) {
            diag_add(P->diag, P->name, P->row_line, 0,
                     "the count '%s' is not a positive whole number; write how "
                     "many ballots this row stands for (1, 2, ...)",
                     c);
            return 0;
        }
    }
    P->mk.n = 0;
    for (int j = (P->lead != 0); j < r->n; j++) {
        int bad = csv_cell_marks(P, j);
        if (bad)
            return bad < 0 ? -1 : 0;
    }
    /* Trailing skipped ranks say nothing: no rule reads past the
     * last mark.  Dropping them lets equal ballots merge. */
    while (P->mk.n && P->mk.v[P->mk.n - 1] == RCV_SKIP)
        P->mk.n--;
    if (diag_count(P->diag) > P->errors0)
        return 0; /* only check the rest; nothing will be returned */
    as_status st = rcv_ballots_add(P->b, w, P->mk.v, P->mk.n, &err);
    if (st == AS_ENOMEM)
        return -1;
    if (st != AS_OK)
        diag_add(P->diag, P->name, P->row_line, 0, "%s", err.msg);
    return 0;
}

as_status bfile_csv_lines(const char *name, bfile_lines *lr, const char *const *names,
                          int nnames, rcv_ballots **out, diag_list *diag)
{
    csv_parser P = {.name = name, .diag = diag, .lr = lr, .src = {.lr = lr},
                    .fixed = names != NULL, .errors0 = diag_count(diag)};
    as_status st;

    *out = NULL;
    if ((st = csv_begin(&P, names, nnames)) != AS_OK)
        return st;
    lr->long_msg = "a row runs on for more than 16 MiB; close every quoted cell "
                   "with \" (or check the path)";
    bfile_lines_skip_bom(lr); /* a UTF-8 byte order mark from a spreadsheet */
    if (csv_header(&P) == 0) {
        for (;;) {
            int rc = next_row(&P.src, &P.row_line, &P.r, &P.msg);
            if (rc == 0) {
                if (lr->st != AS_OK)
                    P.st = lr->st; /* the reader said why; the rest is unknown */
                break;
            }
            if (rc < 0) {
                csv_row_error(&P, rc);
                break;
            }
            if (csv_ballot_row(&P) != 0) {
                csv_nomem(&P);
                break;
            }
        }
    }
    free(P.r.text);
    free(P.r.cell);
    free(P.mk.v);
    st = P.st;
    if (st == AS_OK && diag_count(diag) > P.errors0)
        st = AS_EINVAL;
    if (st != AS_OK) {
        rcv_ballots_free(P.b);
        return st;
    }
    *out = P.b;
    return AS_OK;
}

as_status bfile_parse_csv(const char *name, const char *buf, size_t len,
                          rcv_ballots **out, diag_list *diag)
{
    return bfile_parse_csv_list(name, buf, len, NULL, 0, out, diag);
}
