/* test_rcv_scotland.c: Scottish STV against Droop's reference counts of
 * the Glasgow 2007 wards and two synthetic tie cases
 * (tabulation-data/droop-scotland/test/ref/dump/scotland/ *-p5-d5.txt).
 *
 * Droop numbers its rounds its own way (an election is not a round; a
 * surplus of nothing still gets a round of its own), so the comparison is
 * of the sequence of states: the state after Droop's "begin" and after
 * every "transfer" line (quota, non-transferable, every candidate's votes
 * to 5 decimals), with consecutive identical states merged, against our
 * stages (one rcv_round per stage; its votes are the totals at the start
 * of the stage, non-transferable = the inactive ballots).  Then the
 * elected set.  Where Droop decided a tie by lot (weak-surplus: E or F
 * out), the lot is not Droop's, so there the states are compared up to
 * that stage and the elected set is checked. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ballot_file.h"
#include "check.h"
#include "test_file_util.h"
#include "rcv.h"

#define MAXC 64

typedef struct {
    int64_t quota, nt;
    int64_t votes[MAXC];
} state;

/* "1412.45570" -> 141245570 */
static int64_t scaled5(const char *s)
{
    int64_t whole = 0, frac = 0;
    int digits = 0, neg = 0;
    if (*s == '-') {
        neg = 1;
        s++;
    }
    while (*s >= '0' && *s <= '9')
        whole = whole * 10 + (*s++ - '0');
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9' && digits < 5) {
            frac = frac * 10 + (*s++ - '0');
            digits++;
        }
    }
    while (digits++ < 5)
        frac *= 10;
    int64_t v = whole * 100000 + frac;
    return neg ? -v : v;
}

/* Droop collapses runs of spaces in names ("Ellen   Hurcombe" in the .blt
 * is "Ellen Hurcombe" in its dump). */
static void squeeze(const char *in, char *out, size_t size)
{
    size_t k = 0;
    for (; *in && k + 1 < size; in++)
        if (!(*in == ' ' && k > 0 && out[k - 1] == ' '))
            out[k++] = *in;
    out[k] = '\0';
}

static int find_name(const rcv_ballots *b, const char *name)
{
    char want[256], have[256];
    squeeze(name, want, sizeof want);
    for (int c = 0; c < b->ncand; c++) {
        squeeze(b->cand[c], have, sizeof have);
        if (strcmp(want, have) == 0)
            return c;
    }
    return -1;
}

static int same_state(const state *a, const state *b, int nc)
{
    if (a->quota != b->quota || a->nt != b->nt)
        return 0;
    for (int c = 0; c < nc; c++)
        if (a->votes[c] != b->votes[c])
            return 0;
    return 1;
}

static void run_case(const char *data, const char *ward)
{
    char path[1024], blt[1024];
    snprintf(path, sizeof path, "%s/droop-scotland/test/ref/dump/scotland/%s-scotland-fixed-p5-d5.txt",
             data, ward);
    snprintf(blt, sizeof blt, "%s/droop-scotland/test/blt/scotland/%s.blt", data, ward);
    size_t blen = 0, dlen = 0;
    char *bbuf = tf_slurp(blt, &blen), *dump = tf_slurp(path, &dlen);
    CHECK_MSG(bbuf && dump, "%s: cannot read %s or %s", ward, blt, path);
    if (!bbuf || !dump) {
        free(bbuf);
        free(dump);
        return;
    }
    diag_list d;
    diag_init(&d);
    rcv_ballots *b = NULL;
    as_status st = bfile_parse_blt(blt, bbuf, blen, &b, &d);
    CHECK_MSG(st == AS_OK, "%s: parse: %s", ward, d.n ? d.lines[0] : "?");
    diag_free(&d);
    free(bbuf);
    if (st != AS_OK) {
        free(dump);
        return;
    }
    int nc = b->ncand;

    /* Droop's states and final elected set */
    state *ref = calloc(512, sizeof *ref);
    int nref = 0, elected[MAXC] = {0};
    char *save = NULL;
    for (char *line = strtok_r(dump, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *f[4 + 3 * MAXC];
        int nf = 0;
        char *s2 = NULL;
        for (char *t = strtok_r(line, "\t", &s2); t && nf < 4 + 3 * MAXC;
             t = strtok_r(NULL, "\t", &s2))
            f[nf++] = t;
        if (nf < 4 + 3 * nc || strcmp(f[0], "R") == 0)
            continue; /* the header, log and round lines */
        int is_state = strcmp(f[1], "begin") == 0 || strcmp(f[1], "transfer") == 0;
        state cur = {0};
        cur.quota = scaled5(f[2]);
        cur.nt = scaled5(f[3]);
        for (int k = 0; k < nc; k++) {
            const char *name = f[4 + 3 * k];
            int c = find_name(b, name);
            CHECK_MSG(c >= 0, "%s: unknown name %s in the dump", ward, name);
            if (c < 0)
                continue;
            cur.votes[c] = scaled5(f[6 + 3 * k]);
            elected[c] = f[5 + 3 * k][0] == 'E' || f[5 + 3 * k][0] == 'e';
        }
        if (is_state && (nref == 0 || !same_state(&ref[nref - 1], &cur, nc)) && nref < 512)
            ref[nref++] = cur;
    }

    rcv_options o;
    rcv_options_default(&o);
    o.method = RCV_STV;
    o.rule = RCV_RULE_SCOTTISH;
    rcv_result *r = NULL;
    as_err err;
    st = rcv_count(b, &o, &r, &err);
    CHECK_MSG(st == AS_OK, "%s: count: %s", ward, err.msg);
    if (st == AS_OK) {
        CHECK_INT(r->decimals, 5);
        CHECK_MSG(nref > 0 && r->rounds[0].threshold == ref[0].quota,
                  "%s: quota %lld, Droop %lld", ward, (long long)r->rounds[0].threshold,
                  nref ? (long long)ref[0].quota : -1LL);
        state *ours = calloc((size_t)r->nrounds + 1, sizeof *ours);
        int nours = 0, lot_stage = -1;
        for (int i = 0; i < r->nrounds; i++) {
            state cur = {0};
            cur.quota = r->rounds[i].threshold;
            for (int k = 0; k < RCV_INACTIVE_N; k++)
                cur.nt += r->rounds[i].inactive[k];
            for (int c = 0; c < nc; c++)
                cur.votes[c] = r->rounds[i].votes[c];
            if (nours == 0 || !same_state(&ours[nours - 1], &cur, nc))
                ours[nours++] = cur;
            /* the weak-surplus lot: a tie between candidates equal at
             * every stage so far */
            if (strcmp(ward, "weak-surplus") == 0 && r->rounds[i].tie && lot_stage < 0) {
                for (int k = 0; k < r->rounds[i].nactions; k++)
                    if (r->rounds[i].actions[k].elected == 0)
                        lot_stage = nours;
            }
        }
        int upto = lot_stage >= 0 ? lot_stage : nours;
        if (lot_stage < 0)
            CHECK_MSG(nours == nref, "%s: %d distinct stages, Droop %d", ward, nours, nref);
        int bad = 0;
        for (int i = 0; i < upto && i < nref && !bad; i++) {
            if (!same_state(&ours[i], &ref[i], nc)) {
                bad = 1;
                char a[32], e[32];
                for (int c = 0; c < nc; c++)
                    if (ours[i].votes[c] != ref[i].votes[c])
                        fprintf(stderr, "  %s stage %d %s: ours %s, Droop %s\n", ward, i,
                                b->cand[c], rcv_format_scaled(ours[i].votes[c], 5, a, 32),
                                rcv_format_scaled(ref[i].votes[c], 5, e, 32));
                if (ours[i].nt != ref[i].nt)
                    fprintf(stderr, "  %s stage %d non-transferable: ours %s, Droop %s\n",
                            ward, i, rcv_format_scaled(ours[i].nt, 5, a, 32),
                            rcv_format_scaled(ref[i].nt, 5, e, 32));
            }
            CHECK_MSG(!bad, "%s: stage %d differs from Droop's", ward, i);
        }
        int n_el = 0;
        for (int c = 0; c < nc; c++)
            n_el += elected[c];
        CHECK_MSG(r->nwinners == n_el, "%s: %d elected, Droop %d", ward, r->nwinners, n_el);
        for (int i = 0; i < r->nwinners; i++)
            CHECK_MSG(elected[r->winners[i]], "%s: %s elected here, not by Droop", ward,
                      b->cand[r->winners[i]]);
        printf("%s: quota %lld, %d stages (Droop %d distinct), %d elected%s\n", ward,
               (long long)(r->rounds[0].threshold / 100000), nours, nref, r->nwinners,
               lot_stage >= 0 ? " (a lot decided; compared up to it)" : "");
        free(ours);
    }
    rcv_result_free(r);
    rcv_ballots_free(b);
    free(ref);
    free(dump);
}

int main(void)
{
    const char *data = AS_TABULATION_DATA;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/droop-scotland/test/ref/dump/scotland", data);
    DIR *dp = opendir(dir);
    if (!dp) {
        printf("SKIP: %s not found\n", dir);
        CHECK_SKIP("droop-scotland reference data not found");
        return check_done();
    }
    int cases = 0;
    struct dirent *de;
    char names[64][256];
    while ((de = readdir(dp)) && cases < 64) {
        const char *suf = "-scotland-fixed-p5-d5.txt";
        size_t n = strlen(de->d_name), sl = strlen(suf);
        if (n > sl && strcmp(de->d_name + n - sl, suf) == 0) {
            snprintf(names[cases], sizeof names[cases], "%.*s", (int)(n - sl), de->d_name);
            cases++;
        }
    }
    closedir(dp);
    CHECK_MSG(cases == 8, "expected 8 reference dumps, found %d", cases);
    for (int i = 0; i < cases; i++)
        run_case(data, names[i]);
    return check_done();
}
