/* test_rctab.c: every RCTab test case in ../shared/tabulation-data/rctab,
 * counted by asamblea and compared round by round with RCTab's own
 * expected report: each candidate's tally, the threshold, inactive ballots
 * by cause, who was elected or eliminated, every transfer, the summary.
 * Then asamblea's JSON report of the same count is compared with RCTab's
 * expected JSON key by key (config/generatedBy aside).
 *
 * The config's "rules" block maps to rcv_options like this (also in
 * docs/tally.md):
 *   winnerElectionMode singleWinnerMajority          -> --method irv
 *     multiWinnerAllowMultipleWinnersPerRound        -> --method stv --rule rctab
 *     multiWinnerAllowOnlyOneWinnerPerRound          -> the same, one winner a round
 *   numberOfWinners N                                -> --seats N
 *   tiebreakMode useCandidateOrder / random /
 *     previousRoundCountsThenRandom                  -> --tiebreak list-order /
 *                                                       random / previous-round
 *   randomSeed S                                     -> --seed S
 *   overvoteRule exhaustImmediately / alwaysSkipToNextRank /
 *     exhaustIfMultipleContinuing                    -> --overvote exhaust / skip /
 *                                                       exhaust-if-multiple-continuing
 *   decimalPlacesForVoteArithmetic D                 -> --decimals D
 *   maxSkippedRanksAllowed N | unlimited             -> --max-skipped N | unlimited
 *   maxRankingsAllowed N | max                       -> max_rankings N | 0 (all)
 *   nonIntegerWinningThreshold true                  -> --quota droop-fractional
 *   hareQuota true                                   -> --quota hare (else droop)
 *   batchElimination true                            -> --elimination batch
 *   continueUntilTwoCandidatesRemain true            -> --continue-until-two
 *   exhaustOnDuplicateCandidate true / false         -> --duplicates exhaust / skip
 * The candidates come from the config's list, in its order (candidate
 * order is the list-order tie-break).  minimumVoteThreshold 0 and empty
 * stopTabulationEarlyAfterRound / multiSeatBottomsUpPercentageThreshold are
 * the only values the cases use; anything else fails the test visibly. */
#include <dirent.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "ballot_file.h"
#include "check.h"
#include "rcv.h"
#include "rcv_report.h"

#define RCTAB AS_TABULATION_DATA "/rctab"

static int mismatches;

static const char *sval(json_object *o, const char *key)
{
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v) || !v)
        return "";
    return json_object_get_string(v);
}

static int bval(json_object *o, const char *key)
{
    json_object *v;
    return json_object_object_get_ex(o, key, &v) && json_object_get_boolean(v);
}

/* scaled: the decimal string s as an integer scaled by 10^dec; -1 (with
 * *ok = 0) when it has more decimals than dec or is not a number. */
static int64_t scaled(const char *s, int dec, int *ok)
{
    int64_t v = 0;
    int frac = -1, neg = 0;
    *ok = 1;
    if (*s == '-') {
        neg = 1;
        s++;
    }
    if (!*s)
        *ok = 0;
    for (; *s; s++) {
        if (*s == '.' && frac < 0) {
            frac = 0;
            continue;
        }
        if (*s < '0' || *s > '9') {
            *ok = 0;
            return -1;
        }
        if (frac >= 0 && ++frac > dec) {
            if (*s != '0')
                *ok = 0;
            continue;
        }
        v = v * 10 + (*s - '0');
    }
    for (int i = frac < 0 ? 0 : frac; i < dec; i++)
        v *= 10;
    return neg ? -v : v;
}

static int map_options(const char *name, json_object *rules, rcv_options *o)
{
    const char *mode = sval(rules, "winnerElectionMode");
    const char *tie = sval(rules, "tiebreakMode");
    const char *over = sval(rules, "overvoteRule");
    const char *skip = sval(rules, "maxSkippedRanksAllowed");
    const char *maxr = sval(rules, "maxRankingsAllowed");
    int ok = 1;

    rcv_options_default(o);
    if (!strcmp(mode, "singleWinnerMajority")) {
        o->method = RCV_IRV;
    } else if (!strcmp(mode, "multiWinnerAllowMultipleWinnersPerRound") ||
               !strcmp(mode, "multiWinnerAllowOnlyOneWinnerPerRound")) {
        o->method = RCV_STV;
        o->rule = RCV_RULE_RCTAB;
        o->one_winner_per_round = strstr(mode, "OnlyOne") != NULL;
    } else {
        ok = 0;
    }
    o->seats = atoi(sval(rules, "numberOfWinners"));
    if (!strcmp(tie, "useCandidateOrder"))
        o->tiebreak = RCV_TIE_LIST_ORDER;
    else if (!strcmp(tie, "random"))
        o->tiebreak = RCV_TIE_RANDOM;
    else if (!strcmp(tie, "previousRoundCountsThenRandom"))
        o->tiebreak = RCV_TIE_PREVIOUS_ROUND;
    else
        ok = 0;
    o->seed = (uint64_t)strtoull(sval(rules, "randomSeed"), NULL, 10);
    if (!strcmp(over, "exhaustImmediately"))
        o->overvote = RCV_OVER_EXHAUST;
    else if (!strcmp(over, "alwaysSkipToNextRank"))
        o->overvote = RCV_OVER_SKIP;
    else if (!strcmp(over, "exhaustIfMultipleContinuing"))
        o->overvote = RCV_OVER_EXHAUST_IF_MULTIPLE;
    else
        ok = 0;
    o->decimals = atoi(sval(rules, "decimalPlacesForVoteArithmetic"));
    o->max_skipped = !strcmp(skip, "unlimited") ? -1 : atoi(skip);
    o->max_rankings = !strcmp(maxr, "max") ? 0 : atoi(maxr);
    o->quota = bval(rules, "hareQuota") ? RCV_QUOTA_HARE
               : bval(rules, "nonIntegerWinningThreshold") ? RCV_QUOTA_DROOP_FRACTIONAL
                                                           : RCV_QUOTA_DROOP;
    o->elimination = bval(rules, "batchElimination") ? RCV_ELIM_BATCH : RCV_ELIM_SINGLE;
    o->continue_until_two = bval(rules, "continueUntilTwoCandidatesRemain");
    o->duplicates = bval(rules, "exhaustOnDuplicateCandidate") ? RCV_DUP_EXHAUST
                                                              : RCV_DUP_SKIP;
    if (atoi(sval(rules, "minimumVoteThreshold")) != 0 ||
        *sval(rules, "stopTabulationEarlyAfterRound") ||
        *sval(rules, "multiSeatBottomsUpPercentageThreshold"))
        ok = 0;
    CHECK_MSG(ok, "%s: a rules value this test does not map", name);
    return ok;
}

/* ballots_path: the converted CVR for the config's first source. */
static int ballots_path(const char *dir, json_object *cfg, char *out, size_t size)
{
    json_object *srcs, *src;
    struct stat sb;
    if (!json_object_object_get_ex(cfg, "cvrFileSources", &srcs) ||
        json_object_array_length(srcs) != 1)
        return -1;
    src = json_object_array_get_idx(srcs, 0);
    const char *fp = sval(src, "filePath");
    snprintf(out, size, "%s/%s.csv", dir, fp);
    if (stat(out, &sb) == 0)
        return 0;
    snprintf(out, size, "%s/%s.aggregated.csv", dir, fp);
    return stat(out, &sb) == 0 ? 0 : -1;
}

static int cand_index(const rcv_ballots *b, const char *name)
{
    return rcv_ballots_find(b, name, strlen(name));
}

#define MISMATCH(...)                                                        \
    do {                                                                     \
        mismatches++;                                                        \
        CHECK_MSG(0, __VA_ARGS__);                                           \
    } while (0)

static void cmp_value(const char *cs, int round, const char *what, const char *exp,
                      int64_t got, int dec)
{
    int ok;
    int64_t e = scaled(exp, dec, &ok);
    char g[32];
    if (ok && e == got) {
        CHECK(1);
        return;
    }
    MISMATCH("MISMATCH %s round %d %s: expected %s, got %s", cs, round, what, exp,
             rcv_format_scaled(got, dec, g, sizeof g));
}

static void compare_rounds(const char *cs, const rcv_ballots *b, const rcv_result *r,
                           json_object *exp)
{
    static const char *const cause[RCV_INACTIVE_N] = {
        "exhaustedChoices", "overvotes", "skippedRankings", "repeatedRankings"};
    json_object *results, *summary;
    int dec = r->decimals;
    char what[512];

    if (!json_object_object_get_ex(exp, "results", &results) ||
        !json_object_object_get_ex(exp, "summary", &summary)) {
        CHECK_MSG(0, "%s: expected report has no results/summary", cs);
        return;
    }
    int nexp = (int)json_object_array_length(results);
    if (r->nrounds != nexp)
        MISMATCH("MISMATCH %s: expected %d rounds, got %d", cs, nexp, r->nrounds);
    else
        CHECK(1);
    for (int k = 0; k < nexp && k < r->nrounds; k++) {
        json_object *er = json_object_array_get_idx(results, k), *tally, *inact, *tr;
        const rcv_round *rd = &r->rounds[k];
        /* tally: every candidate RCTab lists, and no other continuing one */
        json_object_object_get_ex(er, "tally", &tally);
        int listed = 0;
        json_object_object_foreach(tally, name, val) {
            int c = cand_index(b, name);
            listed++;
            if (c < 0) {
                MISMATCH("MISMATCH %s round %d: unknown candidate %s", cs, k + 1, name);
                continue;
            }
            snprintf(what, sizeof what, "candidate %s", name);
            cmp_value(cs, k + 1, what, json_object_get_string(val), rd->votes[c], dec);
        }
        cmp_value(cs, k + 1, "threshold", sval(er, "threshold"), rd->threshold, dec);
        json_object_object_get_ex(er, "inactiveBallots", &inact);
        for (int i = 0; i < RCV_INACTIVE_N; i++) {
            snprintf(what, sizeof what, "inactive %s", cause[i]);
            cmp_value(cs, k + 1, what, sval(inact, cause[i]), rd->inactive[i], dec);
        }
        /* tallyResults: each expected action must be one of ours, with the
         * same transfers; and we must have no others. */
        json_object_object_get_ex(er, "tallyResults", &tr);
        int nact = (int)json_object_array_length(tr);
        if (nact != rd->nactions)
            MISMATCH("MISMATCH %s round %d: expected %d elected/eliminated, got %d", cs,
                     k + 1, nact, rd->nactions);
        for (int a = 0; a < nact; a++) {
            json_object *ea = json_object_array_get_idx(tr, a), *tf, *v;
            int elected = json_object_object_get_ex(ea, "elected", &v);
            if (!elected)
                json_object_object_get_ex(ea, "eliminated", &v);
            const char *who = json_object_get_string(v);
            int c = cand_index(b, who);
            const rcv_action *ac = NULL;
            for (int i = 0; i < rd->nactions; i++)
                if (rd->actions[i].cand == c && rd->actions[i].elected == elected)
                    ac = &rd->actions[i];
            if (!ac) {
                MISMATCH("MISMATCH %s round %d: expected %s %s, not so in ours", cs,
                         k + 1, who, elected ? "elected" : "eliminated");
                continue;
            }
            CHECK(1);
            json_object_object_get_ex(ea, "transfers", &tf);
            int64_t *seen = calloc((size_t)b->ncand + 1, sizeof *seen);
            json_object_object_foreach(tf, to, amount) {
                const char *as = json_object_get_string(amount);
                snprintf(what, sizeof what, "transfer %s -> %s", who, to);
                if (!strcmp(to, "exhausted")) {
                    cmp_value(cs, k + 1, what, as, ac->exhausted, dec);
                } else if (!strcmp(to, "residual surplus")) {
                    cmp_value(cs, k + 1, what, as, ac->residual, dec);
                } else {
                    int t = cand_index(b, to);
                    if (t < 0) {
                        MISMATCH("MISMATCH %s round %d: transfer to unknown %s", cs,
                                 k + 1, to);
                        continue;
                    }
                    seen[t] = 1;
                    cmp_value(cs, k + 1, what, as, ac->to[t], dec);
                }
            }
            for (int t = 0; t < b->ncand; t++)
                if (!seen[t] && ac->to[t]) {
                    char g[32];
                    MISMATCH("MISMATCH %s round %d transfer %s -> %s: expected none, got %s",
                             cs, k + 1, who, b->cand[t],
                             rcv_format_scaled(ac->to[t], dec, g, sizeof g));
                }
            free(seen);
        }
        (void)listed;
    }
    cmp_value(cs, r->nrounds, "summary finalThreshold", sval(summary, "finalThreshold"),
              r->nrounds ? r->rounds[r->nrounds - 1].threshold : 0, dec);
    CHECK_MSG(atoll(sval(summary, "totalNumBallots")) == r->total,
              "MISMATCH %s summary totalNumBallots: expected %s, got %lld", cs,
              sval(summary, "totalNumBallots"), (long long)r->total);
    CHECK_MSG(atoll(sval(summary, "undervotes")) == r->undervotes,
              "MISMATCH %s summary undervotes: expected %s, got %lld", cs,
              sval(summary, "undervotes"), (long long)r->undervotes);
    CHECK_MSG(atoi(sval(summary, "numWinners")) == r->nwinners,
              "MISMATCH %s summary numWinners: expected %s, got %d", cs,
              sval(summary, "numWinners"), r->nwinners);
}

/* norm_decimal: s without trailing zeros after a decimal point (and
 * without the point when nothing follows it); other strings as they are. */
static const char *norm_decimal(const char *s, char *buf, size_t size)
{
    size_t n = strlen(s);
    if (n >= size || !strchr(s, '.') || strspn(s, "-0123456789.") != n)
        return s;
    memcpy(buf, s, n + 1);
    while (n && buf[n - 1] == '0')
        buf[--n] = '\0';
    if (n && buf[n - 1] == '.')
        buf[--n] = '\0';
    return buf;
}

/* same_json: a and b equal as JSON, arrays of tallyResults compared as
 * sets (RCTab sorts them by name, we by the count's order). */
static int same_json(json_object *a, json_object *b, const char *path, int depth);

static int quiet; /* same_json prints no differences while set */
#define SAY(...)                                                             \
    do {                                                                     \
        if (!quiet)                                                          \
            fprintf(stderr, __VA_ARGS__);                                    \
    } while (0)

static int same_set(json_object *a, json_object *b, const char *path, int depth)
{
    size_t n = json_object_array_length(a);
    if (n != json_object_array_length(b)) {
        SAY("  %s: %zu items, expected %zu\n", path,
                json_object_array_length(b), n);
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        int found = 0;
        int was = quiet;
        quiet = 1;
        for (size_t j = 0; j < n && !found; j++)
            found = same_json(json_object_array_get_idx(a, i),
                              json_object_array_get_idx(b, j), path, depth + 1);
        quiet = was;
        if (!found) {
            /* say which, with the element-wise difference */
            char p[512];
            snprintf(p, sizeof p, "%s[%zu]", path, i);
            if (i < json_object_array_length(b))
                same_json(json_object_array_get_idx(a, i), json_object_array_get_idx(b, i),
                          p, depth + 1);
            else
                SAY("  %s: missing in ours\n", p);
            return 0;
        }
    }
    return 1;
}

static int same_json(json_object *a, json_object *b, const char *path, int depth)
{
    char p[512];
    if (json_object_get_type(a) != json_object_get_type(b)) {
        SAY("  %s: type differs (expected %s, ours %s)\n", path,
                json_object_to_json_string(a), json_object_to_json_string(b));
        return 0;
    }
    switch (json_object_get_type(a)) {
    case json_type_object: {
        int ok = 1;
        json_object_object_foreach(a, key, va) {
            json_object *vb;
            if (depth == 0 && !strcmp(key, "config"))
                continue;
            snprintf(p, sizeof p, "%s.%s", path, key);
            if (!json_object_object_get_ex(b, key, &vb)) {
                SAY("  %s: missing in ours\n", p);
                ok = 0;
                continue;
            }
            ok &= same_json(va, vb, p, depth + 1);
        }
        json_object_object_foreach(b, keyb, vbb) {
            (void)vbb;
            if (!json_object_object_get_ex(a, keyb, NULL)) {
                SAY("  %s.%s: ours has it, expected does not\n", path, keyb);
                ok = 0;
            }
        }
        return ok;
    }
    case json_type_array:
        if (!strcmp(strrchr(path, '.') ? strrchr(path, '.') + 1 : path, "tallyResults"))
            return same_set(a, b, path, depth);
        if (json_object_array_length(a) != json_object_array_length(b)) {
            SAY("  %s: %zu items, expected %zu\n", path,
                    json_object_array_length(b), json_object_array_length(a));
            return 0;
        }
        for (size_t i = 0; i < json_object_array_length(a); i++) {
            snprintf(p, sizeof p, "%s[%zu]", path, i);
            if (!same_json(json_object_array_get_idx(a, i), json_object_array_get_idx(b, i),
                           p, depth + 1))
                return 0;
        }
        return 1;
    case json_type_string: {
        /* RCTab writes some values with trailing zeros ("654.0000") and
         * some without; equal decimals are equal. */
        char na[64], nb[64];
        if (strcmp(norm_decimal(json_object_get_string(a), na, sizeof na),
                   norm_decimal(json_object_get_string(b), nb, sizeof nb)) != 0) {
            SAY("  %s: expected %s, ours %s\n", path,
                    json_object_to_json_string(a), json_object_to_json_string(b));
            return 0;
        }
        return 1;
    }
    default:
        if (!json_object_equal(a, b)) {
            SAY("  %s: expected %s, ours %s\n", path,
                    json_object_to_json_string(a), json_object_to_json_string(b));
            return 0;
        }
        return 1;
    }
}

static void compare_json_report(const char *cs, const rcv_ballots *b,
                                const rcv_result *r, json_object *exp)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    as_err err;
    report_info info = {cs, NULL};
    CHECK_INT(report_json(f, b, r, &info, &err), AS_OK);
    fclose(f);
    json_object *ours = json_tokener_parse(buf);
    CHECK_MSG(ours != NULL, "%s: our JSON report does not parse", cs);
    if (ours) {
        /* Our config names the contest and says who generated it. */
        json_object *cfg;
        CHECK(json_object_object_get_ex(ours, "config", &cfg) &&
              !strcmp(sval(cfg, "contest"), cs));
        CHECK_MSG(same_json(exp, ours, cs, 0),
                  "%s: our JSON report differs from RCTab's (see above)", cs);
    }
    json_object_put(ours);
    free(buf);
}

/* next_cell: the next comma-separated cell of *s (no quotes in the round
 * table's cells except names, compared as they are), normalised. */
static const char *next_cell(const char **s, char *buf, size_t size)
{
    size_t n = 0;
    if (**s == '"') {
        (*s)++;
        while (**s && **s != '"' && **s != '\n' && n + 1 < size)
            buf[n++] = *(*s)++;
        if (**s == '"')
            (*s)++;
    } else {
        while (**s && **s != ',' && **s != '\n' && n + 1 < size)
            buf[n++] = *(*s)++;
    }
    buf[n] = '\0';
    if (**s == ',')
        (*s)++;
    return buf;
}

/* table_rows: the lines of the round table (from "Rounds,") of csv, in
 * place (LFs become NULs); returns how many (at most max). */
static int table_rows(char *csv, char **rows, int max)
{
    char *t = csv ? strstr(csv, "\nRounds,") : NULL;
    int n = 0;
    if (!t)
        return 0;
    t++;
    while (*t && *t != '\n' && n < max) {
        rows[n++] = t;
        char *nl = strchr(t, '\n');
        if (!nl)
            break;
        *nl = '\0';
        t = nl + 1;
    }
    return n;
}

/* compare_csv: our CSV's round table against RCTab's expected summary
 * CSV: the same rows, matched by their label (RCTab's order of candidates
 * with equal first-round votes is its hash map's), every cell equal,
 * decimals compared as numbers ("3.0000" is "3"). */
static void compare_csv(const char *cs, const char *dir, const rcv_ballots *b,
                        const rcv_result *r)
{
    char path[1024], *ours = NULL, *exp = NULL, *er[128], *orow[128];
    size_t olen = 0;
    as_err err;
    FILE *f = open_memstream(&ours, &olen);
    report_info info = {cs, NULL};
    CHECK_INT(report_csv(f, b, r, &info, &err), AS_OK);
    fclose(f);
    snprintf(path, sizeof path, "%s/%s_expected_detailed_report.csv", dir, cs);
    if ((f = fopen(path, "r"))) {
        exp = calloc(1, 1 << 20);
        if (exp && fread(exp, 1, (1 << 20) - 1, f) == 0)
            exp[0] = '\0';
        fclose(f);
    }
    int ne = table_rows(exp, er, 128), no = table_rows(ours, orow, 128), bad = 0;
    CHECK_MSG(ne > 5 && ne == no, "MISMATCH %s CSV: %d table rows expected, %d ours", cs,
              ne, no);
    for (int i = 0; i < ne && !bad; i++) {
        char le[256], lo[256];
        const char *e = er[i], *o = NULL;
        next_cell(&e, le, sizeof le);
        for (int j = 0; j < no && !o; j++) {
            const char *t = orow[j];
            next_cell(&t, lo, sizeof lo);
            if (!strcmp(le, lo))
                o = t;
        }
        if (!o) {
            MISMATCH("MISMATCH %s CSV: no row '%s' in ours", cs, le);
            bad = 1;
            break;
        }
        for (int col = 2; *e; col++) {
            char ce[4096], co[4096], nce[64], nco[64];
            next_cell(&e, ce, sizeof ce);
            next_cell(&o, co, sizeof co);
            if (strcmp(norm_decimal(ce, nce, sizeof nce), norm_decimal(co, nco, sizeof nco))) {
                MISMATCH("MISMATCH %s CSV row '%s' column %d: expected '%s', got '%s'", cs,
                         le, col, ce, co);
                bad = 1;
                break;
            }
        }
    }
    CHECK(!bad);
    free(ours);
    free(exp);
}

static void run_case(const char *cs)
{
    char dir[512], path[1024], bpath[1024];
    json_object *cfg = NULL, *exp = NULL, *rules, *cands;
    rcv_ballots *b = NULL;
    rcv_result *r = NULL;
    rcv_options o;
    diag_list d;
    as_err err = {{0}};
    const char **names = NULL;
    int nnames = 0;

    diag_init(&d);
    snprintf(dir, sizeof dir, "%s/%s", RCTAB, cs);
    snprintf(path, sizeof path, "%s/%s_config.json", dir, cs);
    cfg = json_object_from_file(path);
    snprintf(path, sizeof path, "%s/%s_expected_detailed_report.json", dir, cs);
    exp = json_object_from_file(path);
    CHECK_MSG(cfg && exp, "%s: config or expected report unreadable", cs);
    if (!cfg || !exp)
        goto done;
    if (!json_object_object_get_ex(cfg, "rules", &rules) || !map_options(cs, rules, &o))
        goto done;
    json_object_object_get_ex(cfg, "candidates", &cands);
    names = calloc(json_object_array_length(cands) + 1, sizeof *names);
    for (size_t i = 0; i < json_object_array_length(cands); i++) {
        json_object *c = json_object_array_get_idx(cands, i);
        if (!bval(c, "excluded"))
            names[nnames++] = sval(c, "name");
    }
    CHECK_MSG(ballots_path(dir, cfg, bpath, sizeof bpath) == 0,
              "%s: no converted ballot file", cs);
    if (bfile_read_list(bpath, BFILE_CSV, names, nnames, &b, &d) != AS_OK) {
        CHECK_MSG(0, "%s: %s", cs, d.n ? d.lines[0] : "cannot read ballots");
        goto done;
    }
    if (rcv_count(b, &o, &r, &err) != AS_OK) {
        CHECK_MSG(0, "%s: rcv_count: %s", cs, err.msg);
        goto done;
    }
    int before = mismatches;
    compare_rounds(cs, b, r, exp);
    compare_json_report(cs, b, r, exp);
    compare_csv(cs, dir, b, r);
    printf("%s %s: %d rounds\n", mismatches == before ? "ok" : "MISMATCHES", cs,
           r->nrounds);
done:
    free(names);
    rcv_result_free(r);
    rcv_ballots_free(b);
    json_object_put(cfg);
    json_object_put(exp);
    diag_free(&d);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(void)
{
    DIR *dd = opendir(RCTAB);
    char *cases[64];
    int n = 0;
    struct dirent *e;

    if (!dd) {
        printf("SKIP: %s not found\n", RCTAB);
        return 77;
    }
    while ((e = readdir(dd)) && n < 64) {
        char p[1024];
        struct stat sb;
        if (e->d_name[0] == '.' || e->d_name[0] == '_')
            continue;
        snprintf(p, sizeof p, "%s/%s/%s_config.json", RCTAB, e->d_name, e->d_name);
        if (stat(p, &sb) == 0)
            cases[n++] = strdup(e->d_name);
    }
    closedir(dd);
    qsort(cases, (size_t)n, sizeof *cases, cmp_str);
    CHECK_MSG(n == 17, "expected the 17 RCTab cases the README lists, found %d", n);
    for (int i = 0; i < n; i++) {
        run_case(cases[i]);
        free(cases[i]);
    }
    printf("RCTab cases: %d, mismatching values: %d\n", n, mismatches);
    return check_done();
}
