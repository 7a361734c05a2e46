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
    rcv_ballots *b = NULL;
    pl_line line, *l = &line;
    char **alt = NULL; /* alt[i - 1]: the name of alternative i */
    rcv_mark *mk = NULL;
    size_t nmk = 0, capmk = 0;
    int nalt = 0, nalt_stated = -1, nalt_line = 0;
    long long voters = -1, orders = -1;
    int voters_line = 0, orders_line = 0, ndata = 0;
    int64_t total = 0;
    char *title = NULL;
    int errors0 = diag_count(diag);
    as_status st = AS_OK;
    as_err err;

    *out = NULL;
    /* Metadata first: the names are needed before any ranking. */
    while (next_pl_line(r, l)) {
        const char *rest, *end = l->p + l->n;
        if (l->n == 0 || l->p[0] != '#')
            continue;
        if (starts(l, "# ALTERNATIVE NAME ", &rest)) {
            long long i = number(&rest, end);
            if (i < 1 || i > RCV_MAX_CAND || rest >= end || *rest != ':') {
                diag_add(diag, name, l->line, 0,
                         "write '# ALTERNATIVE NAME i: name' with i from 1 to %d",
                         RCV_MAX_CAND);
                continue;
            }
            rest = skip_blank(rest + 1, end);
            if (i > nalt) {
                char **na = realloc(alt, (size_t)i * sizeof *na);
                if (!na)
                    goto nomem;
                alt = na;
                for (int z = nalt; z < i; z++)
                    alt[z] = NULL;
                nalt = (int)i;
            }
            if (alt[i - 1]) {
                diag_add(diag, name, l->line, 0,
                         "alternative %lld is named twice; keep one of its lines", i);
                continue;
            }
            alt[i - 1] = strndup(rest, (size_t)(end - rest));
            if (!alt[i - 1])
                goto nomem;
        } else if (starts(l, "# TITLE:", &rest)) {
            rest = skip_blank(rest, end);
            if (rest < end && !title && !(title = strndup(rest, (size_t)(end - rest))))
                goto nomem;
        } else if (starts(l, "# NUMBER ALTERNATIVES:", &rest)) {
            long long v = number(&rest, end);
            if (v < 1 || v > RCV_MAX_CAND || !at_end(rest, end)) {
                diag_add(diag, name, l->line, 0,
                         "NUMBER ALTERNATIVES must be a whole number from 1 to %d",
                         RCV_MAX_CAND);
                continue;
            }
            nalt_stated = (int)v;
            nalt_line = l->line;
        } else if (starts(l, "# NUMBER VOTERS:", &rest)) {
            voters = number(&rest, end);
            voters_line = l->line;
            if (voters < 0 || !at_end(rest, end)) {
                diag_add(diag, name, l->line, 0, "NUMBER VOTERS must be a whole number");
                voters = -1;
            }
        } else if (starts(l, "# NUMBER UNIQUE ORDERS:", &rest)) {
            orders = number(&rest, end);
            orders_line = l->line;
            if (orders < 0 || !at_end(rest, end)) {
                diag_add(diag, name, l->line, 0,
                         "NUMBER UNIQUE ORDERS must be a whole number");
                orders = -1;
            }
        }
    }
    if (r->st != AS_OK || bfile_lines_rewind(r) != AS_OK)
        goto read_failed;
    if (nalt_stated > 0 && nalt > nalt_stated) {
        diag_add(diag, name, nalt_line, 0,
                 "the file names %d alternatives but states %d here; make them agree",
                 nalt, nalt_stated);
    } else if (nalt_stated > nalt) {
        int nalt_named = nalt;
        nalt = nalt_stated;
        char **na = realloc(alt, (size_t)nalt * sizeof *na);
        if (!na)
            goto nomem;
        alt = na;
        for (int z = nalt_named; z < nalt; z++)
            alt[z] = NULL;
    }
    if ((st = rcv_ballots_new(&b)) != AS_OK)
        goto nomem;
    if (rcv_ballots_merge_identical(b, 1) != AS_OK)
        goto nomem;
    for (int i = 0; i < nalt; i++) {
        if (!alt[i]) {
            diag_add(diag, name, 0, 0,
                     "alternative %d has no name; add a line '# ALTERNATIVE NAME %d: "
                     "its name'", i + 1, i + 1);
            continue;
        }
        if (rcv_ballots_add_candidate(b, alt[i], NULL, &err) != AS_OK) {
            diag_add(diag, name, 0, 0, "alternative %d: %s", i + 1, err.msg);
        }
    }
    if (diag_count(diag) > errors0)
        goto done;

    while (next_pl_line(r, l)) {
        const char *p = l->p, *end = l->p + l->n;
        p = skip_blank(p, end);
        if (p >= end || *p == '#')
            continue;
        ndata++;
        long long w = number(&p, end);
        if (w < 1 || p >= end || *p != ':') {
            diag_add(diag, name, l->line, 0,
                     "a ranking line is 'count: ranking' with a positive whole count, "
                     "e.g. '12: 3,1,{2,4}'");
            continue;
        }
        p = skip_blank(p + 1, end);
        nmk = 0;
        int bad = 0;
        while (p < end && !bad) {
            int group = 0, first = 1;
            if (*p == '{') {
                group = 1;
                p = skip_blank(p + 1, end);
            }
            for (;;) {
                long long c = number(&p, end);
                if (c < 0) {
                    diag_add(diag, name, l->line, 0,
                             "expected an alternative's number at column %d; write "
                             "numbers separated by commas, '{a,b}' for a tie",
                             (int)(p - l->p) + 1);
                    bad = 1;
                    break;
                }
                if (c < 1 || c > nalt) {
                    diag_add(diag, name, l->line, 0,
                             "unknown candidate number %lld; the file names "
                             "alternatives 1 to %d", c, nalt);
                    bad = 1;
                    break;
                }
                if (nmk == capmk) {
                    capmk = capmk ? capmk * 2 : 32;
                    rcv_mark *nm = realloc(mk, capmk * sizeof *nm);
                    if (!nm)
                        goto nomem;
                    mk = nm;
                }
                mk[nmk++] = (rcv_mark)((c - 1) | (first ? 0 : RCV_SAME_RANK));
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
                diag_add(diag, name, l->line, 0,
                         "a '{' group is not closed; close it with '}'");
                bad = 1;
                break;
            }
            if (bad)
                break;
            if (p < end && *p == ',') {
                p = skip_blank(p + 1, end);
                if (p >= end) {
                    diag_add(diag, name, l->line, 0,
                             "the ranking ends with a comma; remove it");
                    bad = 1;
                }
            } else if (p < end) {
                diag_add(diag, name, l->line, 0,
                         "unexpected '%c' at column %d; separate numbers with commas",
                         *p, (int)(p - l->p) + 1);
                bad = 1;
            }
        }
        if (bad)
            continue;
        total += w;
        if (diag_count(diag) > errors0)
            continue;
        if ((st = rcv_ballots_add(b, w, mk, nmk, &err)) != AS_OK) {
            if (st == AS_ENOMEM)
                goto nomem;
            diag_add(diag, name, l->line, 0, "%s", err.msg);
            st = AS_OK;
        }
    }
    if (r->st != AS_OK)
        goto read_failed;
    if (voters >= 0 && total != voters)
        diag_add(diag, name, voters_line, 0,
                 "the rankings' counts add up to %lld ballots but this line states "
                 "%lld; correct the counts or this number", (long long)total, voters);
    if (orders >= 0 && ndata != orders)
        diag_add(diag, name, orders_line, 0,
                 "the file has %d ranking lines but this line states %lld; correct "
                 "one of them", ndata, orders);
    goto done;

read_failed:
    st = r->st; /* the reader said why; the rest of the file is unknown */
    goto done;
nomem:
    diag_add(diag, name, 0, 0, "out of memory reading the ballots");
    st = AS_ENOMEM;
done:
    for (int i = 0; i < nalt && alt; i++)
        free(alt[i]);
    free(alt);
    free(mk);
    if (st == AS_OK && diag_count(diag) > errors0)
        st = AS_EINVAL;
    if (st != AS_OK) {
        free(title);
        rcv_ballots_free(b);
        return st;
    }
    b->title = title;
    *out = b;
    return AS_OK;
}
