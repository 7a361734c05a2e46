/* method_condorcet.c: `method: condorcet`: ranked ballots decided by the
 * Schulze method (M. Schulze, "A new monotonic, clone-independent,
 * reversal symmetric, and Condorcet-consistent single-winner election
 * method", Social Choice and Welfare 36 (2011); the method Debian's
 * constitution §A.5 uses).  Everything condorcet is, is in this file and
 * its line in include/method_list.h.
 *
 * The count (docs/voting-methods.md "Condorcet"):
 *   1. d[x][y]: the ballots ranking x above y.  A ballot ranks every
 *      option it names above every option it leaves out; options it
 *      leaves out, or names at the same rank (a ballot file's "=" or
 *      "{a,b}"), are equal on it.  A blank ballot prefers no one.
 *   2. The strongest paths: a link x->y has strength d[x][y] when
 *      d[x][y] > d[y][x] (else there is none); a path's strength is its
 *      weakest link; s[x][y] is the strongest path's (Floyd-Warshall,
 *      "widest path").
 *   3. x is a potential winner when s[x][y] >= s[y][x] for every y.
 *      There is always at least one.  When there are several, the
 *      documented draw decides (docs/voting-methods.md "Ties"): they are
 *      ordered by SHA-256("asamblea-draw/v1" || root || id), smallest
 *      first (tally_draw_key, the approval draw), and the first wins; all
 *      of them are listed as `tied`.  On the kiosk, root is the Merkle
 *      root of the proposal's ballot list; `asamblea tally --method
 *      condorcet FILE --seed N` uses method_seed_root(N) and the
 *      candidates' names as ids.
 * Exact integers throughout; n options take n^2 memory and n^3 steps. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "diag.h"
#include "i18n.h"
#include "method_internal.h"

typedef struct {
    int n;
    int64_t *d;  /* n*n: d[x*n+y] ballots ranking x above y */
    int64_t *s;  /* n*n: strongest path from x to y */
    int ntied;   /* potential winners, in draw order (1: no tie) */
    int *tied;
} schulze;

static void schulze_free(void *extra)
{
    schulze *z = extra;
    if (!z)
        return;
    free(z->d);
    free(z->s);
    free(z->tied);
    free(z);
}

/* rank_of: each candidate's rank on ballot record i (0 best), or INT_MAX
 * when the ballot leaves it out; a candidate named twice keeps its first
 * rank; skipped and overvoted ranks name nobody. */
static void rank_of(const rcv_ballots *b, int64_t i, int *rank)
{
    int r = -1;
    for (int c = 0; c < b->ncand; c++)
        rank[c] = INT32_MAX;
    for (uint32_t k = b->off[i]; k < b->off[i + 1]; k++) {
        rcv_mark mk = b->mark[k];
        if (!(mk & RCV_SAME_RANK))
            r++;
        unsigned c = mk & ~RCV_SAME_RANK;
        if (c < (unsigned)b->ncand && rank[c] == INT32_MAX)
            rank[c] = r;
    }
}

/* pairwise: d from every ballot of b (withdrawn candidates take no part:
 * their rows and columns stay 0). */
static as_status pairwise(const rcv_ballots *b, int64_t *d)
{
    int n = b->ncand;
    int *rank = malloc((size_t)(n ? n : 1) * sizeof *rank);
    if (!rank)
        return AS_ENOMEM;
    for (int64_t i = 0; i < b->n; i++) {
        rank_of(b, i, rank);
        for (int x = 0; x < n; x++) {
            if (rank[x] == INT32_MAX || (b->withdrawn && b->withdrawn[x]))
                continue;
            for (int y = 0; y < n; y++)
                if (rank[x] < rank[y] && !(b->withdrawn && b->withdrawn[y]))
                    d[(size_t)x * n + y] += b->weight[i];
        }
    }
    free(rank);
    return AS_OK;
}

/* strongest: s from d (Schulze's widest paths). */
static void strongest(int n, const int64_t *d, int64_t *s)
{
    for (int x = 0; x < n; x++)
        for (int y = 0; y < n; y++) {
            size_t xy = (size_t)x * n + y, yx = (size_t)y * n + x;
            s[xy] = x != y && d[xy] > d[yx] ? d[xy] : 0;
        }
    for (int i = 0; i < n; i++)
        for (int x = 0; x < n; x++) {
            if (x == i)
                continue;
            int64_t xi = s[(size_t)x * n + i];
            for (int y = 0; y < n; y++) {
                if (y == i || y == x)
                    continue;
                int64_t iy = s[(size_t)i * n + y], via = xi < iy ? xi : iy;
                if (via > s[(size_t)x * n + y])
                    s[(size_t)x * n + y] = via;
            }
        }
}

/* potential_winners: z->tied in draw order (ids: the candidates' names
 * or option ids), withdrawn candidates never among them. */
static as_status potential_winners(const rcv_ballots *b, const uint8_t root[32],
                                   schulze *z)
{
    int n = z->n;
    uint8_t(*key)[32] = malloc((size_t)(n ? n : 1) * sizeof *key);
    if (!key)
        return AS_ENOMEM;
    z->ntied = 0;
    for (int x = 0; x < n; x++) {
        int ok = !(b->withdrawn && b->withdrawn[x]);
        for (int y = 0; y < n && ok; y++)
            if (y != x && !(b->withdrawn && b->withdrawn[y]) &&
                z->s[(size_t)x * n + y] < z->s[(size_t)y * n + x])
                ok = 0;
        if (!ok)
            continue;
        tally_draw_key(root, b->cand[x], key[x]);
        int j = z->ntied++;
        while (j > 0 && memcmp(key[x], key[z->tied[j - 1]], 32) < 0) {
            z->tied[j] = z->tied[j - 1];
            j--;
        }
        z->tied[j] = x;
    }
    free(key);
    return AS_OK;
}

/* schulze_count: the whole count of b (see the top of the file). */
static as_status schulze_count(const rcv_ballots *b, const uint8_t root[32],
                               schulze **out)
{
    size_t n = (size_t)b->ncand, cells = n > 0 ? n * n : 1;
    schulze *z = calloc(1, sizeof *z);
    *out = NULL;
    if (!z)
        return AS_ENOMEM;
    z->n = (int)n;
    z->d = calloc(cells, sizeof *z->d);
    z->s = calloc(cells, sizeof *z->s);
    z->tied = calloc(n ? n : 1, sizeof *z->tied);
    if (!z->d || !z->s || !z->tied || pairwise(b, z->d) != AS_OK)
        goto nomem;
    strongest(z->n, z->d, z->s);
    if (potential_winners(b, root, z) != AS_OK)
        goto nomem;
    *out = z;
    return AS_OK;
nomem:
    schulze_free(z);
    return AS_ENOMEM;
}

/* ---- the kiosk's count ------------------------------------------------ */

static as_status finish(void *state, const proposal *p, const uint8_t root[32],
                        tally_result *r, as_err *err)
{
    schulze *z = NULL;
    r->verdict = TALLY_NO_RESULT;
    if (r->ballots == r->blank)
        return AS_OK; /* nobody ranked anyone: no winner */
    if (schulze_count(state, root, &z) != AS_OK)
        return as_err_set(err, AS_ENOMEM, "out of memory counting proposal %s",
                          p->id);
    r->extra = z;
    r->extra_free = schulze_free;
    r->winners[0] = z->tied[0];
    r->nwinners = 1;
    if (z->ntied > 1) {
        r->ntied = z->ntied;
        memcpy(r->tied, z->tied, (size_t)z->ntied * sizeof *z->tied);
    }
    r->verdict = TALLY_ELECTED;
    return AS_OK;
}

/* ---- results.txt / results.json --------------------------------------- */

static const char *rule_key(const proposal *p)
{
    (void)p;
    return "schulze";
}

/* txt_counts: first preferences, then one `pairwise` line per option:
 * `pairwise a b=12 c=9`, the ballots ranking a above each other option,
 * then tied, winners and tie-break. */
static void txt_counts(xbuf *b, const proposal *p, const tally_result *r)
{
    const schulze *z = r->extra;
    mc_txt_option_counts(b, p, r, "first");
    for (int x = 0; z && x < z->n; x++) {
        xbuf_printf(b, "pairwise %s", p->opts[x].id);
        for (int y = 0; y < z->n; y++)
            if (y != x)
                xbuf_printf(b, " %s=%" PRId64, p->opts[y].id, z->d[x * z->n + y]);
        xbuf_puts(b, "\n");
    }
    if (r->ntied > 0)
        mc_put_ids(b, "tied", p, r->tied, r->ntied);
    mc_put_ids(b, "winners", p, r->winners, r->nwinners);
    xbuf_printf(b, "tie-break %s\n", r->ntied > 1 ? "used" : "none");
}

static void json_result(xbuf *b, const proposal *p, const tally_result *r)
{
    const schulze *z = r->extra;
    mc_json_winners(b, p, r);
    xbuf_puts(b, ",\n      \"tied\": ");
    mc_json_ids(b, p, r->tied, r->ntied);
    xbuf_printf(b, ",\n      \"tie_break_used\": %s,\n      \"pairwise\": {",
                r->ntied > 1 ? "true" : "false");
    for (int x = 0; z && x < z->n; x++) {
        xbuf_puts(b, x ? ",\n        " : "\n        ");
        xbuf_json(b, p->opts[x].id);
        xbuf_puts(b, ": {");
        for (int y = 0, k = 0; y < z->n; y++)
            if (y != x) {
                xbuf_puts(b, k++ ? ", " : "");
                xbuf_json(b, p->opts[y].id);
                xbuf_printf(b, ": %" PRId64, z->d[x * z->n + y]);
            }
        xbuf_puts(b, "}");
    }
    xbuf_puts(b, z && z->n ? "\n      }" : "}");
}

/* ---- asamblea tally ---------------------------------------------------- */

/* put_matrix: the n x n matrix m of b's candidates (rows: "1 name",
 * columns: the rows' numbers), "-" on the diagonal and for withdrawn
 * candidates. */
static void put_matrix(xbuf *out, const rcv_ballots *b, const int64_t *m,
                       const char *title)
{
    int n = b->ncand;
    xbuf_printf(out, "%s\n%-28s", title, "");
    for (int y = 0; y < n; y++)
        xbuf_printf(out, " %7d", y + 1);
    xbuf_puts(out, "\n");
    for (int x = 0; x < n; x++) {
        char nm[256];
        diag_escape(nm, sizeof nm, b->cand[x]);
        xbuf_printf(out, "%3d %-24.24s", x + 1, nm);
        for (int y = 0; y < n; y++) {
            int off = x == y || (b->withdrawn && (b->withdrawn[x] || b->withdrawn[y]));
            if (off)
                xbuf_printf(out, " %7s", "-");
            else
                xbuf_printf(out, " %7" PRId64, m[(size_t)x * n + y]);
        }
        xbuf_puts(out, "\n");
    }
    xbuf_puts(out, "\n");
}

/* report: the text report of z over b's candidates. */
static void report(xbuf *out, const rcv_ballots *b, const schulze *z)
{
    char nm[256];
    put_matrix(out, b, z->d, "Pairwise preferences (ballots ranking the row "
               "above the column):");
    put_matrix(out, b, z->s, "Strongest paths (Schulze):");
    if (z->ntied > 1) {
        xbuf_printf(out, "Tied by the Schulze method (%d), in draw order:", z->ntied);
        for (int i = 0; i < z->ntied; i++) {
            diag_escape(nm, sizeof nm, b->cand[z->tied[i]]);
            xbuf_printf(out, "%s %s", i ? "," : "", nm);
        }
        xbuf_puts(out, "\n");
    }
    diag_escape(nm, sizeof nm, b->cand[z->tied[0]]);
    xbuf_printf(out, "Winner: %s%s\n", nm, z->ntied > 1 ? " (by the draw)" : "");
}

static as_status tally_file(const rcv_ballots *b, uint64_t seed, xbuf *out,
                            as_err *err)
{
    uint8_t root[32];
    schulze *z = NULL;
    int64_t blank = 0, total = rcv_ballots_total(b);
    for (int64_t i = 0; i < b->n; i++)
        blank += b->off[i] == b->off[i + 1] ? b->weight[i] : 0;
    xbuf_printf(out, "Contest: %s\nMethod: condorcet (Schulze method), one "
                "winner\nBallots: %" PRId64 " (%" PRId64 " blank)\n"
                "Candidates: %d\n\n", b->title && *b->title ? b->title : "Election",
                total, blank, b->ncand);
    if (b->ncand < 2)
        return as_err_set(err, AS_EINVAL, "the Schulze method needs at least 2 "
                          "candidates (there are %d)", b->ncand);
    method_seed_root(seed, root);
    if (schulze_count(b, root, &z) != AS_OK)
        return as_err_set(err, AS_ENOMEM, "out of memory");
    if (z->ntied == 0) {
        schulze_free(z);
        return as_err_set(err, AS_EINVAL, "every candidate is withdrawn");
    }
    report(out, b, z);
    schulze_free(z);
    return AS_OK;
}

static int print(FILE *f, const meeting *m, const proposal *p,
                 const tally_result *r)
{
    rcv_ballots names = {0};
    char *cand[MEETING_MAX_OPTIONS];
    xbuf out;
    const schulze *z = r->extra;
    if (mc_print_options(f, m, p, r) != 0)
        return -1;
    if (!z)
        return mc_print_winners(f, p, r);
    names.ncand = p->nopts;
    names.cand = cand;
    for (int i = 0; i < p->nopts; i++)
        cand[i] = (char *)p->opts[i].id;
    xbuf_init(&out);
    report(&out, &names, z);
    int rc = out.oom || fwrite(out.p, 1, out.len, f) != out.len ? -1 : 0;
    xbuf_free(&out);
    return rc;
}

/* ---- the results screen ----------------------------------------------- */

static int ui_table(const proposal *p, const tally_result *r, method_table *t)
{
    const schulze *z = r->extra;
    if (!z || z->n != p->nopts || z->n > MEETING_MAX_OPTIONS)
        return 0;
    t->caption = N_("How many ballots ranked the row's option above the "
                    "column's:");
    t->note = r->ntied > 1 ? N_("Tied by the Schulze method; the documented "
                                "draw chose the winner.")
                           : NULL;
    t->n = z->n;
    for (int x = 0; x < z->n; x++)
        for (int y = 0; y < z->n; y++)
            t->cell[x][y] = x == y ? -1 : z->d[x * z->n + y];
    return 1;
}

const method_def method_condorcet = {
    .id = METHOD_CONDORCET,
    .word = "condorcet",
    .kind = BALLOT_RANKED,
    .keys = MKEY_OPTIONS,
    .needs = MKEY_OPTIONS,
    .passed = "passed",
    .not_passed = "not-passed",
    .count_new = mc_rcv_new,
    .count_add = mc_rcv_add,
    .count_finish = finish,
    .count_free = mc_rcv_free,
    .rule_key = rule_key,
    .txt_rule = mc_txt_options,
    .txt_counts = txt_counts,
    .csv_counts = mc_csv_option_counts,
    .json_rule = mc_json_options,
    .json_counts = mc_json_option_counts,
    .json_result = json_result,
    .print = print,
    .tally_file = tally_file,
    .layout = UI_BALLOT_LIST,
    .ui_table = ui_table,
    .ui_result = UI_RESULT_TABLE,
    .ui_rule = N_("%s (rule: the Schulze method: the option that most ballots "
                  "prefer to each other one, directly or through a chain of "
                  "wins)"),
};
