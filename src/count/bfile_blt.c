/* bfile_blt.c: the BLT ballot format (ERS, OpenSTV, Droop).
 *
 *   5 2                 candidates and seats
 *   -2                  optional: withdrawn candidates, as negative numbers
 *   3 1 4 2 0           weight, then candidate numbers (1-based) in order,
 *   1 2=3 0             then 0; "=" joins candidates given the same rank,
 *   1 - 4 0             "-" is a rank left empty
 *   0                   end of ballots
 *   "Name 1"            one quoted name per candidate, in number order
 *   ...
 *   "Title"             optional
 *
 * Every problem is reported "file:line: what; how to fix" and the whole
 * file is checked before answering; any error means no ballot set.
 *
 * The parser takes one line at a time (blt_line), so a file can be read
 * in chunks without ever holding all of it: for a million ballots the
 * file is otherwise the largest thing in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ballot_file.h"
#include "bfile_lines.h"

#define MAX_REPORTED 50

typedef struct {
    const char *name;
    diag_list *diag;
    int errors;
} blt_ctx;

static void err_at(blt_ctx *x, int line, const char *fmt, const char *a, long long v,
                   long long w)
{
    x->errors++;
    if (x->errors > MAX_REPORTED)
        return;
    char msg[1024];
    /* fmt uses at most one %s and two %lld, in that order */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
    if (a)
        snprintf(msg, sizeof msg, fmt, a, v, w);
    else
        snprintf(msg, sizeof msg, fmt, v, w);
#pragma GCC diagnostic pop
    diag_add(x->diag, x->name, line, 0, "%s", msg);
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Reads an unsigned decimal number at *p; returns -1 if none, -2 if too
 * large. */
static long long read_num(const char **p, const char *end)
{
    const char *s = *p;
    long long v = 0;
    if (s >= end || *s < '0' || *s > '9')
        return -1;
    while (s < end && *s >= '0' && *s <= '9') {
        if (v > 1000000000000LL)
            return -2;
        v = v * 10 + (*s - '0');
        s++;
    }
    *p = s;
    return v;
}

static const char *next_line(const char *p, const char *end, const char **line_end)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    *line_end = nl ? nl : end;
    return nl ? nl + 1 : end;
}

static const char *skip_space(const char *p, const char *e)
{
    while (p < e && is_space(*p))
        p++;
    return p;
}

static int blank_line(const char *p, const char *e)
{
    p = skip_space(p, e);
    return p == e || *p == '#';
}


enum { PH_HEADER = 0, PH_BALLOTS, PH_NAMES };

typedef struct {
    blt_ctx x;
    rcv_ballots *b;
    bfile_marks mk;   /* the ballot line being read */
    int phase, line, first, ended, fatal, oom;
    long long ncand, seats, nnames;
    int names_line;
} blt_parser;

static void blt_header(blt_parser *P, const char *q, const char *le)
{
    as_err aerr;
    q = skip_space(q, le);
    P->ncand = read_num(&q, le);
    q = skip_space(q, le);
    P->seats = read_num(&q, le);
    q = skip_space(q, le);
    P->phase = PH_BALLOTS;
    if (P->ncand < 1 || P->seats < 0 || q != le) {
        err_at(&P->x, P->line,
               "the first line must be two whole numbers, \"CANDIDATES SEATS\" (e.g. \"5 2\")",
               NULL, 0, 0);
        P->fatal = 1;
        return;
    }
    if (P->ncand > RCV_MAX_CAND) {
        err_at(&P->x, P->line, "%lld candidates is more than the %lld this program counts "
               "(docs/tally.md, Limits); is this the right file?",
               NULL, P->ncand, RCV_MAX_CAND);
        P->fatal = 1;
        return;
    }
    if (P->seats < 1 || P->seats > P->ncand) {
        err_at(&P->x, P->line, "%lld seats for %lld candidates; the seats must be 1 to the "
               "number of candidates", NULL, P->seats, P->ncand);
        P->fatal = 1;
        return;
    }
    P->b->seats = (int)P->seats;
    for (long long c = 0; c < P->ncand; c++) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%lld", c + 1);
        if (rcv_ballots_add_candidate(P->b, tmp, NULL, &aerr) != AS_OK) {
            P->oom = P->fatal = 1;
            return;
        }
    }
}

static void blt_withdrawn(blt_parser *P, const char *q, const char *le)
{
    while (q < le) {
        if (*q != '-') {
            err_at(&P->x, P->line, "the withdrawn line must hold only negative candidate "
                   "numbers (e.g. \"-2 -5\")", NULL, 0, 0);
            return;
        }
        q++;
        long long c = read_num(&q, le);
        if (c < 1 || c > P->ncand) {
            err_at(&P->x, P->line, "withdrawn candidate -%lld is not one of the %lld "
                   "candidates", NULL, c < 0 ? 0 : c, P->ncand);
            return;
        }
        P->b->withdrawn[c - 1] = 1;
        q = skip_space(q, le);
    }
}

/* blt_weight: the start of a ballot line, an optional "(id)" and the
 * weight; *qp moves past them.  Returns the weight; 0 for the "0" line
 * that ends the ballots (the names come next); -1 when the line is wrong
 * (reported).  Separate so that blt_ballot reads as its three steps. */
static long long blt_weight(blt_parser *P, const char **qp, const char *le)
{
    blt_ctx *x = &P->x;
    const char *q = *qp;
    int line = P->line;
    if (*q == '(') {
        /* an optional ballot id "(...)" before the weight */
        const char *cl = memchr(q, ')', (size_t)(le - q));
        if (!cl) {
            err_at(x, line, "a ballot id opened with \"(\" is not closed with \")\"", NULL, 0, 0);
            return -1;
        }
        q = skip_space(cl + 1, le);
    }
    long long w = read_num(&q, le);
    if (w == -2) {
        err_at(x, line, "the ballot weight is too large", NULL, 0, 0);
        return -1;
    }
    if (w < 0 || (q < le && !is_space(*q))) {
        err_at(x, line, "a ballot line must start with its weight, a whole number "
               "(e.g. \"1 3 2 0\")", NULL, 0, 0);
        return -1;
    }
    q = skip_space(q, le);
    if (w == 0 && q == le) {
        P->ended = 1;
        P->phase = PH_NAMES;
        P->names_line = line;
        return 0;
    }
    if (w == 0) {
        err_at(x, line, "a ballot weight of 0; give every ballot line a weight of 1 or more",
               NULL, 0, 0);
        return -1;
    }
    *qp = q;
    return w;
}

/* blt_push: one mark onto the line's marks; 1 when memory ran out (the
 * parse stops). */
static int blt_push(blt_parser *P, rcv_mark m)
{
    if (bfile_marks_push(&P->mk, m) == 0)
        return 0;
    P->oom = P->fatal = 1;
    return 1;
}

/* blt_marks: the marks after the weight, up to the closing 0, into P->mk.
 * 0 when the line is right; 1 when it is not (reported) or memory ran
 * out.  Separate from blt_ballot: "=" joins and "-" skips make it a small
 * grammar of its own. */
static int blt_marks(blt_parser *P, const char *q, const char *le)
{
    blt_ctx *x = &P->x;
    int line = P->line, closed = 0, same = 0;
    P->mk.n = 0;
    while (q < le) {
        if (closed) {
            err_at(x, line, "something follows the 0 that ends the ballot; put one ballot "
                   "on each line", NULL, 0, 0);
            return 1;
        }
        if (*q == '-') {
            if (same) {
                err_at(x, line, "\"=\" must be followed by a candidate number", NULL, 0, 0);
                return 1;
            }
            if (blt_push(P, RCV_SKIP))
                return 1;
            q++;
        } else {
            long long c = read_num(&q, le);
            if (c < 0) {
                err_at(x, line, "unexpected text in a ballot line; use candidate numbers "
                       "separated by spaces, ending with 0", NULL, 0, 0);
                return 1;
            }
            if (c == 0) {
                if (same) {
                    err_at(x, line, "\"=\" must be followed by a candidate number", NULL, 0, 0);
                    return 1;
                }
                closed = 1;
            } else if (c > P->ncand) {
                err_at(x, line, "unknown candidate number %lld; the file lists %lld "
                       "candidates", NULL, c, P->ncand);
                return 1;
            } else if (blt_push(P, (rcv_mark)((c - 1) | (same ? RCV_SAME_RANK : 0)))) {
                return 1;
            }
        }
        same = 0;
        if (q < le && *q == '=') {
            if (closed || P->mk.n == 0 || P->mk.v[P->mk.n - 1] == RCV_SKIP) {
                err_at(x, line, "\"=\" must join two candidate numbers (e.g. \"2=3\")", NULL,
                       0, 0);
                return 1;
            }
            same = 1;
            q++;
            continue;
        }
        if (q < le && !is_space(*q)) {
            err_at(x, line, "unexpected text in a ballot line; use candidate numbers "
                   "separated by spaces, ending with 0", NULL, 0, 0);
            return 1;
        }
        q = skip_space(q, le);
    }
    if (!closed) {
        err_at(x, line, "the ballot line does not end in 0; end every ballot line with 0",
               NULL, 0, 0);
        return 1;
    }
    return 0;
}

/* blt_ballot: a line of the ballots section (or the "0" that ends it),
 * added to the ballots while the file has no error. */
static void blt_ballot(blt_parser *P, const char *q, const char *le)
{
    blt_ctx *x = &P->x;
    as_err aerr;
    long long w = blt_weight(P, &q, le);
    if (w <= 0 || blt_marks(P, q, le) != 0)
        return;
    if (x->errors)
        return; /* keep checking, but do not build */
    as_status ast = rcv_ballots_add(P->b, w, P->mk.v, P->mk.n, &aerr);
    if (ast == AS_ENOMEM)
        P->oom = P->fatal = 1;
    else if (ast != AS_OK)
        err_at(x, P->line, "%s", aerr.msg, 0, 0);
}

static void blt_names(blt_parser *P, const char *q, const char *le)
{
    rcv_ballots *b = P->b;
    int line = P->line;
    while (q < le) {
        const char *s = q, *e;
        if (*q == '"') {
            s = q + 1;
            e = memchr(s, '"', (size_t)(le - s));
            if (!e) {
                err_at(&P->x, line, "a name's opening quote is not closed; write names as "
                       "\"Name\"", NULL, 0, 0);
                break;
            }
            q = e + 1;
        } else {
            /* an unquoted name runs to the end of the line */
            e = le;
            while (e > s && is_space(e[-1]))
                e--;
            q = le;
        }
        size_t n = (size_t)(e - s);
        char *str = malloc(n + 1);
        if (!str) {
            P->oom = P->fatal = 1;
            return;
        }
        memcpy(str, s, n);
        str[n] = '\0';
        long long k = P->nnames;
        if (k < P->ncand) {
            if (n == 0) {
                err_at(&P->x, line, "candidate %lld has an empty name", NULL, k + 1, 0);
            } else {
                for (long long j = 0; j < k; j++)
                    if (strcmp(b->cand[j], str) == 0) {
                        err_at(&P->x, line, "the name \"%s\" is given to candidates %lld "
                               "and %lld; make every name different", str, j + 1, k + 1);
                        break;
                    }
            }
            free(b->cand[k]);
            b->cand[k] = str;
        } else if (k == P->ncand) {
            b->title = str;
        } else {
            free(str);
            err_at(&P->x, line, "more names than the %lld candidates (and a title); remove "
                   "the extra lines", NULL, P->ncand, 0);
        }
        P->nnames++;
        q = skip_space(q, le);
    }
    P->names_line = line;
}

/* blt_line: one line, without its '\n'. */
static void blt_line(blt_parser *P, const char *q, const char *le)
{
    P->line++;
    if (P->fatal)
        return;
    if (P->line == 1 && le - q >= 3 && (unsigned char)q[0] == 0xEF &&
        (unsigned char)q[1] == 0xBB && (unsigned char)q[2] == 0xBF)
        q += 3;
    if (blank_line(q, le))
        return;
    q = skip_space(q, le);
    switch (P->phase) {
    case PH_HEADER:
        blt_header(P, q, le);
        break;
    case PH_BALLOTS:
        if (P->first && *q == '-') {
            P->first = 0;
            blt_withdrawn(P, q, le);
            break;
        }
        P->first = 0;
        blt_ballot(P, q, le);
        break;
    default:
        blt_names(P, q, le);
        break;
    }
}

static as_status blt_begin(blt_parser *P, const char *name, diag_list *diag)
{
    memset(P, 0, sizeof *P);
    P->x.name = name ? name : "(ballots)";
    P->x.diag = diag;
    P->first = 1;
    if (rcv_ballots_new(&P->b) != AS_OK)
        return AS_ENOMEM;
    if (rcv_ballots_merge_identical(P->b, 1) != AS_OK) {
        rcv_ballots_free(P->b);
        P->b = NULL;
        return AS_ENOMEM;
    }
    return AS_OK;
}

static as_status blt_end(blt_parser *P, rcv_ballots **out)
{
    blt_ctx *x = &P->x;
    if (!P->fatal && !P->oom) {
        if (P->phase == PH_HEADER)
            err_at(x, P->line > 0 ? P->line : 1,
                   "the file is empty; a BLT file starts with a line \"CANDIDATES SEATS\"",
                   NULL, 0, 0);
        else if (!P->ended)
            err_at(x, P->line, "the ballots do not end with a line \"0\"; add it after the "
                   "last ballot, before the names", NULL, 0, 0);
        else if (P->nnames < P->ncand)
            err_at(x, P->names_line, "the file lists %lld candidates but names only %lld; "
                   "add one quoted name per candidate after the 0 line", NULL, P->ncand,
                   P->nnames);
    }
    free(P->mk.v);
    if (!P->oom && x->errors == 0) {
        rcv_ballots_merge_identical(P->b, 0);
        *out = P->b;
        return AS_OK;
    }
    if (x->errors > MAX_REPORTED)
        diag_add(x->diag, x->name, 0, 0, "%d more errors not shown", x->errors - MAX_REPORTED);
    if (P->oom)
        diag_add(x->diag, x->name, 0, 0, "out of memory reading the ballots");
    rcv_ballots_free(P->b);
    return P->oom ? AS_ENOMEM : AS_EINVAL;
}

as_status bfile_parse_blt(const char *name, const char *buf, size_t len,
                          rcv_ballots **out, diag_list *diag)
{
    blt_parser P;
    *out = NULL;
    if (blt_begin(&P, name, diag) != AS_OK)
        return AS_ENOMEM;
    const char *p = buf, *end = buf + len, *le;
    while (p < end && !P.fatal) {
        const char *q = p;
        p = next_line(p, end, &le);
        blt_line(&P, q, le);
    }
    return blt_end(&P, out);
}

as_status bfile_blt_lines(const char *name, bfile_lines *r, rcv_ballots **out,
                          diag_list *diag)
{
    blt_parser P;
    const char *line;
    size_t n;
    *out = NULL;
    if (blt_begin(&P, name, diag) != AS_OK)
        return AS_ENOMEM;
    /* blt_line drops a byte order mark itself, as for a buffer */
    while (!P.fatal && bfile_lines_next(r, &line, &n))
        blt_line(&P, line, line + n);
    if (r->st != AS_OK) {
        /* the reader said why; the missing rest explains nothing more */
        free(P.mk.v);
        rcv_ballots_free(P.b);
        return r->st;
    }
    return blt_end(&P, out);
}
