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
 * file is checked before answering; any error means no ballot set. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ballot_file.h"

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

as_status bfile_parse_blt(const char *name, const char *buf, size_t len,
                          rcv_ballots **out, diag_list *diag)
{
    blt_ctx x = {name ? name : "(ballots)", diag, 0};
    rcv_ballots *b = NULL;
    rcv_mark *marks = NULL;
    size_t cap = 0;
    as_status st = AS_EINVAL;
    const char *p = buf, *end = buf + len, *le;
    int line = 0;
    long long ncand = 0, seats = 0;
    as_err aerr;

    *out = NULL;
    if (len >= 3 && (unsigned char)buf[0] == 0xEF && (unsigned char)buf[1] == 0xBB &&
        (unsigned char)buf[2] == 0xBF)
        p += 3;
    if (rcv_ballots_new(&b) != AS_OK)
        return AS_ENOMEM;
    if (rcv_ballots_merge_identical(b, 1) != AS_OK) {
        st = AS_ENOMEM;
        goto fail;
    }

    /* header */
    const char *q = NULL;
    while (p < end) {
        q = p;
        p = next_line(p, end, &le);
        line++;
        if (!blank_line(q, le))
            break;
        q = NULL;
    }
    if (!q) {
        err_at(&x, line > 0 ? line : 1,
               "the file is empty; a BLT file starts with a line \"CANDIDATES SEATS\"",
               NULL, 0, 0);
        goto fail;
    }
    q = skip_space(q, le);
    ncand = read_num(&q, le);
    q = skip_space(q, le);
    seats = read_num(&q, le);
    q = skip_space(q, le);
    if (ncand < 1 || seats < 0 || q != le) {
        err_at(&x, line,
               "the first line must be two whole numbers, \"CANDIDATES SEATS\" (e.g. \"5 2\")",
               NULL, 0, 0);
        goto fail;
    }
    if (ncand > RCV_MAX_CAND) {
        err_at(&x, line, "%lld candidates is more than the %lld this program counts",
               NULL, ncand, RCV_MAX_CAND);
        goto fail;
    }
    if (seats < 1 || seats > ncand) {
        err_at(&x, line, "%lld seats for %lld candidates; the seats must be 1 to the "
               "number of candidates", NULL, seats, ncand);
        goto fail;
    }
    b->seats = (int)seats;
    for (long long c = 0; c < ncand; c++) {
        char tmp[32];
        snprintf(tmp, sizeof tmp, "%lld", c + 1);
        if (rcv_ballots_add_candidate(b, tmp, NULL, &aerr) != AS_OK) {
            st = AS_ENOMEM;
            goto fail;
        }
    }

    /* ballots */
    int ended = 0, first = 1;
    while (p < end) {
        q = p;
        p = next_line(p, end, &le);
        line++;
        if (blank_line(q, le))
            continue;
        q = skip_space(q, le);
        if (first && *q == '-') {
            /* withdrawn candidates */
            first = 0;
            while (q < le) {
                if (*q != '-') {
                    err_at(&x, line, "the withdrawn line must hold only negative candidate "
                           "numbers (e.g. \"-2 -5\")", NULL, 0, 0);
                    break;
                }
                q++;
                long long c = read_num(&q, le);
                if (c < 1 || c > ncand) {
                    err_at(&x, line, "withdrawn candidate -%lld is not one of the %lld "
                           "candidates", NULL, c < 0 ? 0 : c, ncand);
                    break;
                }
                b->withdrawn[c - 1] = 1;
                q = skip_space(q, le);
            }
            continue;
        }
        first = 0;
        if (*q == '(') {
            /* an optional ballot id "(...)" before the weight */
            const char *cl = memchr(q, ')', (size_t)(le - q));
            if (!cl) {
                err_at(&x, line, "a ballot id opened with \"(\" is not closed with \")\"",
                       NULL, 0, 0);
                continue;
            }
            q = skip_space(cl + 1, le);
        }
        long long w = read_num(&q, le);
        if (w == -2) {
            err_at(&x, line, "the ballot weight is too large", NULL, 0, 0);
            continue;
        }
        if (w < 0 || (q < le && !is_space(*q))) {
            err_at(&x, line, "a ballot line must start with its weight, a whole number "
                   "(e.g. \"1 3 2 0\")", NULL, 0, 0);
            continue;
        }
        q = skip_space(q, le);
        if (w == 0 && q == le) {
            ended = 1;
            break;
        }
        if (w == 0) {
            err_at(&x, line, "a ballot weight of 0; give every ballot line a weight of 1 "
                   "or more", NULL, 0, 0);
            continue;
        }
        size_t nm = 0;
        int closed = 0, bad = 0, same = 0;
        while (q < le) {
            if (nm + 2 > cap) {
                size_t ncap = cap ? cap * 2 : 64;
                rcv_mark *nmk = realloc(marks, ncap * sizeof *nmk);
                if (!nmk) {
                    st = AS_ENOMEM;
                    goto fail;
                }
                marks = nmk;
                cap = ncap;
            }
            if (closed) {
                err_at(&x, line, "something follows the 0 that ends the ballot; put one "
                       "ballot on each line", NULL, 0, 0);
                bad = 1;
                break;
            }
            if (*q == '-') {
                if (same) {
                    err_at(&x, line, "\"=\" must be followed by a candidate number", NULL,
                           0, 0);
                    bad = 1;
                    break;
                }
                marks[nm++] = RCV_SKIP;
                q++;
            } else {
                long long c = read_num(&q, le);
                if (c < 0) {
                    err_at(&x, line, "unexpected text in a ballot line; use candidate "
                           "numbers separated by spaces, ending with 0", NULL, 0, 0);
                    bad = 1;
                    break;
                }
                if (c == 0) {
                    if (same) {
                        err_at(&x, line, "\"=\" must be followed by a candidate number",
                               NULL, 0, 0);
                        bad = 1;
                        break;
                    }
                    closed = 1;
                } else if (c > ncand) {
                    err_at(&x, line, "unknown candidate number %lld; the file lists "
                           "%lld candidates", NULL, c, ncand);
                    bad = 1;
                    break;
                } else {
                    marks[nm++] = (rcv_mark)((c - 1) | (same ? RCV_SAME_RANK : 0));
                }
            }
            same = 0;
            if (q < le && *q == '=') {
                if (closed || nm == 0 || marks[nm - 1] == RCV_SKIP) {
                    err_at(&x, line, "\"=\" must join two candidate numbers (e.g. "
                           "\"2=3\")", NULL, 0, 0);
                    bad = 1;
                    break;
                }
                same = 1;
                q++;
                continue;
            }
            if (q < le && !is_space(*q)) {
                err_at(&x, line, "unexpected text in a ballot line; use candidate numbers "
                       "separated by spaces, ending with 0", NULL, 0, 0);
                bad = 1;
                break;
            }
            q = skip_space(q, le);
        }
        if (bad)
            continue;
        if (!closed) {
            err_at(&x, line, "the ballot line does not end in 0; end every ballot line "
                   "with 0", NULL, 0, 0);
            continue;
        }
        if (x.errors)
            continue; /* keep checking, but do not build */
        as_status ast = rcv_ballots_add(b, w, marks, nm, &aerr);
        if (ast == AS_ENOMEM) {
            st = AS_ENOMEM;
            goto fail;
        }
        if (ast != AS_OK)
            err_at(&x, line, "%s", aerr.msg, 0, 0);
    }
    if (!ended) {
        err_at(&x, line, "the ballots do not end with a line \"0\"; add it after the last "
               "ballot, before the names", NULL, 0, 0);
        goto fail;
    }

    /* names, then the title */
    long long nnames = 0;
    int names_line = line;
    while (p < end) {
        q = p;
        p = next_line(p, end, &le);
        line++;
        if (blank_line(q, le))
            continue;
        q = skip_space(q, le);
        while (q < le) {
            const char *s = q, *e;
            if (*q == '"') {
                s = q + 1;
                e = memchr(s, '"', (size_t)(le - s));
                if (!e) {
                    err_at(&x, line, "a name's opening quote is not closed; write names "
                           "as \"Name\"", NULL, 0, 0);
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
                st = AS_ENOMEM;
                goto fail;
            }
            memcpy(str, s, n);
            str[n] = '\0';
            if (nnames < ncand) {
                if (n == 0) {
                    err_at(&x, line, "candidate %lld has an empty name", NULL, nnames + 1, 0);
                } else {
                    for (long long k = 0; k < nnames; k++)
                        if (strcmp(b->cand[k], str) == 0) {
                            err_at(&x, line, "the name \"%s\" is given to candidates %lld "
                                   "and %lld; make every name different", str, k + 1,
                                   nnames + 1);
                            break;
                        }
                }
                free(b->cand[nnames]);
                b->cand[nnames] = str;
            } else if (nnames == ncand) {
                b->title = str;
            } else {
                free(str);
                err_at(&x, line, "more names than the %lld candidates (and a title); remove "
                       "the extra lines", NULL, ncand, 0);
            }
            nnames++;
            q = skip_space(q, le);
        }
        names_line = line;
    }
    if (nnames < ncand)
        err_at(&x, names_line, "the file lists %lld candidates but names only %lld; add "
               "one quoted name per candidate after the 0 line", NULL, ncand, nnames);
    if (x.errors)
        goto fail;
    rcv_ballots_merge_identical(b, 0);
    free(marks);
    *out = b;
    return AS_OK;

fail:
    if (x.errors > MAX_REPORTED)
        diag_add(diag, x.name, 0, 0, "%d more errors not shown", x.errors - MAX_REPORTED);
    if (st != AS_ENOMEM && x.errors == 0)
        diag_add(diag, x.name, 0, 0, "could not read the ballots");
    if (st == AS_ENOMEM)
        diag_add(diag, x.name, 0, 0, "out of memory reading the ballots");
    free(marks);
    rcv_ballots_free(b);
    return st == AS_ENOMEM ? AS_ENOMEM : AS_EINVAL;
}
