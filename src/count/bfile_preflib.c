/* bfile_preflib.c: PrefLib .soi/.toi/.toc/.soc files.
 *
 * Comment lines `# KEY: value` carry the metadata; `# ALTERNATIVE NAME i:
 * name` names alternative i (1-based), `# NUMBER VOTERS: n` and `# NUMBER
 * UNIQUE ORDERS: n` state totals that must agree with the data, `# TITLE:`
 * titles the election.  Every other line is `count: ranking`: the
 * alternatives' numbers separated by commas, first preference first;
 * `{a,b}` marks a and b at the same rank.
 *
 * Read line by line (bfile_lines) in two passes, the metadata and then
 * the rankings, so the file is never held whole. */
#include <stdlib.h>
#include <string.h>
#include "ballot_file.h"
#include "bfile_lines.h"

#define MAX_COUNT 1000000000000LL

typedef struct {
    const char *p; /* the line, without its newline */
    size_t n;
    int line;
} pl_line;

/* starts: whether l begins with prefix; *rest gets what follows it. */
static int starts(const pl_line *l, const char *prefix, const char **rest)
{
    size_t k = strlen(prefix);
    if (l->n < k || memcmp(l->p, prefix, k) != 0)
        return 0;
    *rest = l->p + k;
    return 1;
}

static const char *skip_blank(const char *s, const char *end)
{
    while (s < end && (*s == ' ' || *s == '\t'))
        s++;
    return s;
}

/* number: reads digits at *s (after blanks); -1 when there are none or the
 * value exceeds MAX_COUNT. */
static long long number(const char **s, const char *end)
{
    const char *p = skip_blank(*s, end);
    long long v = 0;
    if (p >= end || *p < '0' || *p > '9')
        return -1;
    while (p < end && *p >= '0' && *p <= '9') {
        v = v * 10 + (*p++ - '0');
        if (v > MAX_COUNT)
            return -1;
    }
    *s = skip_blank(p, end);
    return v;
}

/* at_end: whether nothing but blanks follows p on the line. */
static int at_end(const char *p, const char *end)
{
    return skip_blank(p, end) >= end;
}

/* next_pl_line: the reader's next line as a pl_line (its '\r' dropped);
 * 0 at the end or when reading failed (r->st). */
static int next_pl_line(bfile_lines *r, pl_line *l)
{
    const char *p;
    size_t n;
    if (!bfile_lines_next(r, &p, &n))
        return 0;
    if (n && p[n - 1] == '\r')
        n--;
    *l = (pl_line){p, n, r->line};
    return 1;
}

/* pl_parser: what the two passes share.  Every parsing step takes it, so
 * each phase is a function of its own instead of one long loop body. */
typedef struct {
    const char *name;
    diag_list *diag;
    int errors0;         /* diag_count before this file */
    char **alt;          /* alt[i - 1]: the name of alternative i */
    int nalt, nalt_stated, nalt_line;
    long long voters, orders;
    int voters_line, orders_line, ndata;
    int64_t total;
    char *title;
    bfile_marks mk;      /* the marks of the ranking line being read */
    rcv_ballots *b;
} pl_parser;

/* pl_grow_alt: makes the table hold alternatives 1..n, the new ones
 * unnamed.  Separate because an ALTERNATIVE NAME line and a larger
 * NUMBER ALTERNATIVES both grow it.  AS_ENOMEM leaves it as it was. */
static as_status pl_grow_alt(pl_parser *P, int n)
{
    char **na = realloc(P->alt, (size_t)n * sizeof *na);
    if (!na)
        return AS_ENOMEM;
    P->alt = na;
    for (int z = P->nalt; z < n; z++)
        P->alt[z] = NULL;
    P->nalt = n;
    return AS_OK;
}

/* pl_alt_name: a `# ALTERNATIVE NAME i: name` line (rest after the
 * prefix).  A bad number or a second name for i is reported and the line
 * skipped; AS_ENOMEM only when memory ran out. */
static as_status pl_alt_name(pl_parser *P, const pl_line *l, const char *rest)
{
    const char *end = l->p + l->n;
    long long i = number(&rest, end);
    if (i < 1 || i > RCV_MAX_CAND || rest >= end || *rest != ':') {
        diag_add(P->diag, P->name, l->line, 0,
                 "write '# ALTERNATIVE NAME i: name' with i from 1 to %d", RCV_MAX_CAND);
        return AS_OK;
    }
    rest = skip_blank(rest + 1, end);
    if (i > P->nalt && pl_grow_alt(P, (int)i) != AS_OK)
        return AS_ENOMEM;
    if (P->alt[i - 1]) {
        diag_add(P->diag, P->name, l->line, 0,
                 "alternative %lld is named twice; keep one of its lines", i);
        return AS_OK;
    }
    P->alt[i - 1] = strndup(rest, (size_t)(end - rest));
    return P->alt[i - 1] ? AS_OK : AS_ENOMEM;
}

/* pl_stated: a `# NUMBER VOTERS:` or `# NUMBER UNIQUE ORDERS:` line: the
 * total in *v (-1 when it is not a whole number, which is reported) and
 * its line in *at, to check against the data once it is read.  One
 * function for both because they are read and checked the same way. */
static void pl_stated(pl_parser *P, const pl_line *l, const char *rest, const char *what,
                      long long *v, int *at)
{
    const char *end = l->p + l->n;
    *v = number(&rest, end);
    *at = l->line;
    if (*v < 0 || !at_end(rest, end)) {
        diag_add(P->diag, P->name, l->line, 0, "%s must be a whole number", what);
        *v = -1;
    }
}

/* pl_meta_line: one line of the first pass; anything but the metadata
 * comments is left for the second.  AS_ENOMEM or AS_OK (problems are in
 * diag). */
static as_status pl_meta_line(pl_parser *P, const pl_line *l)
{
    const char *rest, *end = l->p + l->n;
    if (l->n == 0 || l->p[0] != '#')
        return AS_OK;
    if (starts(l, "# ALTERNATIVE NAME ", &rest))
        return pl_alt_name(P, l, rest);
    if (starts(l, "# TITLE:", &rest)) {
        rest = skip_blank(rest, end);
        if (rest < end && !P->title && !(P->title = strndup(rest, (size_t)(end - rest))))
            return AS_ENOMEM;
    } else if (starts(l, "# NUMBER ALTERNATIVES:", &rest)) {
        long long v = number(&rest, end);
        if (v < 1 || v > RCV_MAX_CAND || !at_end(rest, end)) {
            diag_add(P->diag, P->name, l->line, 0,
                     "NUMBER ALTERNATIVES must be a whole number from 1 to %d",
                     RCV_MAX_CAND);
            return AS_OK;
        }
        P->nalt_stated = (int)v;
        P->nalt_line = l->line;
    } else if (starts(l, "# NUMBER VOTERS:", &rest)) {
        pl_stated(P, l, rest, "NUMBER VOTERS", &P->voters, &P->voters_line);
    } else if (starts(l, "# NUMBER UNIQUE ORDERS:", &rest)) {
        pl_stated(P, l, rest, "NUMBER UNIQUE ORDERS", &P->orders, &P->orders_line);
    }
    return AS_OK;
}

/* pl_candidates: between the passes, reconciles the stated number of
 * alternatives with the names and makes the ballot set with them.
 * AS_ENOMEM or AS_OK (problems are in diag). */
static as_status pl_candidates(pl_parser *P)
{
    as_err err;
    if (P->nalt_stated > 0 && P->nalt > P->nalt_stated) {
        diag_add(P->diag, P->name, P->nalt_line, 0,
                 "the file names %d alternatives but states %d here; make them agree",
                 P->nalt, P->nalt_stated);
    } else if (P->nalt_stated > P->nalt) {
        if (pl_grow_alt(P, P->nalt_stated) != AS_OK)
            return AS_ENOMEM;
    }
    if (rcv_ballots_new(&P->b) != AS_OK || rcv_ballots_merge_identical(P->b, 1) != AS_OK)
        return AS_ENOMEM;
    for (int i = 0; i < P->nalt; i++) {
        if (!P->alt[i]) {
            diag_add(P->diag, P->name, 0, 0,
                     "alternative %d has no name; add a line '# ALTERNATIVE NAME %d: "
                     "its name'", i + 1, i + 1);
            continue;
        }
        if (rcv_ballots_add_candidate(P->b, P->alt[i], NULL, &err) != AS_OK)
            diag_add(P->diag, P->name, 0, 0, "alternative %d: %s", i + 1, err.msg);
    }
    return AS_OK;
}

/* pl_rank: one rank at *pp: an alternative's number or a `{a,b}` group
 * (its members at the same rank); *pp moves past it.  Returns 0, 1 when
 * the line is wrong (reported), -1 out of memory.  Separate from the
 * ranking loop because a group is a small grammar of its own. */
static int pl_rank(pl_parser *P, const pl_line *l, const char **pp)
{
    const char *p = *pp, *end = l->p + l->n;
    int group = 0, first = 1;
    if (*p == '{') {
        group = 1;
        p = skip_blank(p + 1, end);
    }
    for (;;) {
        long long c = number(&p, end);
        if (c < 0) {
            diag_add(P->diag, P->name, l->line, 0,
                     "expected an alternative's number at column %d; write "
                     "numbers separated by commas, '{a,b}' for a tie",
                     (int)(p - l->p) + 1);
            return 1;
        }
        if (c < 1 || c > P->nalt) {
            diag_add(P->diag, P->name, l->line, 0,
                     "unknown candidate number %lld; the file names "
                     "alternatives 1 to %d", c, P->nalt);
            return 1;
        }
        rcv_mark m = (rcv_mark)((c - 1) | (first ? 0 : RCV_SAME_RANK));
        if (bfile_marks_push(&P->mk, m) != 0)
            return -1;
        first = 0;
        if (!group)
            break;
        if (p < end && *p == ',') {
            p = skip_blank(p + 1, end);
            continue;
        }
        if (p < end && *p == '}') {
            p = skip_blank(p + 1, end);
            break;
        }
        diag_add(P->diag, P->name, l->line, 0,
                 "a '{' group is not closed; close it with '}'");
        return 1;
    }
    *pp = p;
    return 0;
}

/* pl_marks: the ranking after `count:` (from p) into P->mk: ranks
 * separated by commas.  Returns as pl_rank. */
static int pl_marks(pl_parser *P, const pl_line *l, const char *p)
{
    const char *end = l->p + l->n;
    P->mk.n = 0;
    while (p < end) {
        int bad = pl_rank(P, l, &p);
        if (bad)
            return bad;
        if (p < end && *p == ',') {
            p = skip_blank(p + 1, end);
            if (p >= end) {
                diag_add(P->diag, P->name, l->line, 0,
                         "the ranking ends with a comma; remove it");
                return 1;
            }
        } else if (p < end) {
            diag_add(P->diag, P->name, l->line, 0,
                     "unexpected '%c' at column %d; separate numbers with commas",
                     *p, (int)(p - l->p) + 1);
            return 1;
        }
    }
    return 0;
}

/* pl_ranking_line: one line of the second pass, `count: ranking`, added
 * to the ballots while the file has no error (after one, lines are only
 * checked).  AS_ENOMEM or AS_OK (problems are in diag). */
static as_status pl_ranking_line(pl_parser *P, const pl_line *l)
{
    const char *end = l->p + l->n, *p = skip_blank(l->p, end);
    as_err err;
    if (p >= end || *p == '#')
        return AS_OK;
    P->ndata++;
    long long w = number(&p, end);
    if (w < 1 || p >= end || *p != ':') {
        diag_add(P->diag, P->name, l->line, 0,
                 "a ranking line is 'count: ranking' with a positive whole count, "
                 "e.g. '12: 3,1,{2,4}'");
        return AS_OK;
    }
    int bad = pl_marks(P, l, skip_blank(p + 1, end));
    if (bad)
        return bad < 0 ? AS_ENOMEM : AS_OK;
    P->total += w;
    if (diag_count(P->diag) > P->errors0)
        return AS_OK;
    as_status st = rcv_ballots_add(P->b, w, P->mk.v, P->mk.n, &err);
    if (st == AS_ENOMEM)
        return AS_ENOMEM;
    if (st != AS_OK)
        diag_add(P->diag, P->name, l->line, 0, "%s", err.msg);
    return AS_OK;
}

/* pl_check_totals: the stated NUMBER VOTERS and NUMBER UNIQUE ORDERS
 * against what the rankings held. */
static void pl_check_totals(const pl_parser *P)
{
    if (P->voters >= 0 && P->total != P->voters)
        diag_add(P->diag, P->name, P->voters_line, 0,
                 "the rankings' counts add up to %lld ballots but this line states "
                 "%lld; correct the counts or this number", (long long)P->total,
                 P->voters);
    if (P->orders >= 0 && P->ndata != P->orders)
        diag_add(P->diag, P->name, P->orders_line, 0,
                 "the file has %d ranking lines but this line states %lld; correct "
                 "one of them", P->ndata, P->orders);
}

as_status bfile_parse_preflib(const char *name, const char *buf, size_t len,
                              rcv_ballots **out, diag_list *diag)
{
    bfile_lines r;
    bfile_lines_mem(&r, name, buf, len, diag);
    return bfile_preflib_lines(name, &r, out, diag);
}

as_status bfile_preflib_lines(const char *name, bfile_lines *r, rcv_ballots **out,
                              diag_list *diag)
{
    pl_parser P = {.name = name, .diag = diag, .errors0 = diag_count(diag),
                   .nalt_stated = -1, .voters = -1, .orders = -1};
    pl_line l;
    as_status st = AS_OK;

    *out = NULL;
    /* Metadata first: the names are needed before any ranking. */
    while (st == AS_OK && next_pl_line(r, &l))
        st = pl_meta_line(&P, &l);
    if (st != AS_OK)
        goto nomem;
    if (r->st != AS_OK || bfile_lines_rewind(r) != AS_OK)
        goto read_failed;
    if (pl_candidates(&P) != AS_OK)
        goto nomem;
    if (diag_count(diag) > P.errors0)
        goto done;
    while (st == AS_OK && next_pl_line(r, &l))
        st = pl_ranking_line(&P, &l);
    if (st != AS_OK)
        goto nomem;
    if (r->st != AS_OK)
        goto read_failed;
    pl_check_totals(&P);
    goto done;

read_failed:
    st = r->st; /* the reader said why; the rest of the file is unknown */
    goto done;
nomem:
    diag_add(diag, name, 0, 0, "out of memory reading the ballots");
    st = AS_ENOMEM;
done:
    for (int i = 0; i < P.nalt && P.alt; i++)
        free(P.alt[i]);
    free(P.alt);
    free(P.mk.v);
    if (st == AS_OK && diag_count(diag) > P.errors0)
        st = AS_EINVAL;
    if (st != AS_OK) {
        free(P.title);
        rcv_ballots_free(P.b);
        return st;
    }
    P.b->title = P.title;
    *out = P.b;
    return AS_OK;
}
