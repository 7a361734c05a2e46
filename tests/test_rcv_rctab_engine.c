/* test_rcv_rctab_engine.c: the engine alone against RCTab's expected
 * reports (tabulation-data/rctab): per round every candidate's tally, the
 * threshold, inactive ballots by cause, who was elected or eliminated,
 * and the summary's undervotes.  The ballots are read here with a small
 * reader of the converted csv files (the real readers and the full
 * comparison, transfers and the JSON writer included, are test_rctab of
 * `asamblea tally`); this test pins down the counting rules themselves.
 *
 * Config mapping: numberOfWinners > 1 -> STV RCTab rule, else IRV;
 * tiebreakMode random / previousRoundCountsThenRandom / useCandidateOrder;
 * overvoteRule; maxSkippedRanksAllowed ("unlimited" -> -1);
 * maxRankingsAllowed ("max" -> 0); exhaustOnDuplicateCandidate;
 * batchElimination; continueUntilTwoCandidatesRemain;
 * multiWinnerAllowOnlyOneWinnerPerRound; nonIntegerWinningThreshold ->
 * droop fractional, hareQuota -> hare; decimalPlacesForVoteArithmetic;
 * randomSeed.  Cells: "a|b" several candidates at one rank, empty or
 * "undervote" a skipped rank, "overvote" an overvote, "UWI" the candidate
 * "Undeclared Write-ins". */
#include <dirent.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "rcv.h"

static const char *jstr(json_object *o, const char *key)
{
    json_object *v = json_object_object_get(o, key);
    return v ? json_object_get_string(v) : "";
}

static int jbool(json_object *o, const char *key)
{
    json_object *v = json_object_object_get(o, key);
    return v && json_object_get_boolean(v);
}

static int64_t scaled(const char *s, int d)
{
    int64_t whole = 0, frac = 0;
    int digits = 0;
    while (*s >= '0' && *s <= '9')
        whole = whole * 10 + (*s++ - '0');
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9' && digits < d) {
            frac = frac * 10 + (*s++ - '0');
            digits++;
        }
    }
    int64_t scale = 1;
    for (int i = 0; i < d; i++)
        scale *= 10;
    while (digits++ < d)
        frac *= 10;
    return whole * scale + frac;
}

/* Splits one csv line (simple RFC 4180 quoting) into cells, in place. */
static int split_csv(char *line, char **cells, int max)
{
    int n = 0;
    char *p = line;
    for (;;) {
        if (n >= max)
            return n;
        char *out = p, *start = p;
        if (*p == '"') {
            p++;
            for (;;) {
                if (*p == '"' && p[1] == '"') {
                    *out++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else if (!*p) {
                    break;
                } else {
                    *out++ = *p++;
                }
            }
            while (*p && *p != ',')
                p++;
        } else {
            while (*p && *p != ',' && *p != '\r' && *p != '\n')
                *out++ = *p++;
        }
        char sep = *p;
        *out = '\0';
        cells[n++] = start;
        if (sep != ',')
            return n;
        p++;
    }
}

static int cand_index(rcv_ballots *b, const char *name)
{
    if (strcmp(name, "UWI") == 0)
        name = "Undeclared Write-ins";
    int c = rcv_ballots_find(b, name, strlen(name));
    if (c < 0) {
        as_err err;
        if (rcv_ballots_add_candidate(b, name, &c, &err) != AS_OK)
            return -1;
    }
    return c;
}

static rcv_ballots *read_cvr(const char *path, json_object *cfg)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    rcv_ballots *b = NULL;
    rcv_ballots_new(&b);
    rcv_ballots_merge_identical(b, 1);
    json_object *cands = json_object_object_get(cfg, "candidates");
    for (size_t i = 0; i < json_object_array_length(cands); i++) {
        json_object *c = json_object_array_get_idx(cands, i);
        int idx = cand_index(b, jstr(c, "name"));
        if (idx >= 0 && jbool(c, "excluded"))
            b->withdrawn[idx] = 1;
    }
    char line[8192];
    int header = 1, counted = 0;
    while (fgets(line, sizeof line, f)) {
        char *cells[64];
        int n = split_csv(line, cells, 64);
        if (header) {
            counted = strcmp(cells[0], "count") == 0;
            header = 0;
            continue;
        }
        int64_t w = counted ? strtoll(cells[0], NULL, 10) : 1;
        rcv_mark m[256];
        size_t nm = 0;
        for (int i = 1; i < n && nm < 200; i++) {
            char *cell = cells[i];
            if (!*cell || strcmp(cell, "undervote") == 0) {
                m[nm++] = RCV_SKIP;
                continue;
            }
            if (strcmp(cell, "overvote") == 0) {
                m[nm++] = RCV_OVERVOTE;
                continue;
            }
            int first = 1;
            for (char *save = NULL, *t = strtok_r(cell, "|", &save); t;
                 t = strtok_r(NULL, "|", &save)) {
                int c = cand_index(b, t);
                m[nm++] = (rcv_mark)(c | (first ? 0 : RCV_SAME_RANK));
                first = 0;
            }
        }
        /* trailing empty cells are no rankings at all */
        while (nm > 0 && m[nm - 1] == RCV_SKIP)
            nm--;
        as_err err;
        if (rcv_ballots_add(b, w, m, nm, &err) != AS_OK) {
            fprintf(stderr, "%s: %s\n", path, err.msg);
            rcv_ballots_free(b);
            b = NULL;
            break;
        }
    }
    fclose(f);
    return b;
}

static void options_from(json_object *rules, rcv_options *o)
{
    rcv_options_default(o);
    int seats = atoi(jstr(rules, "numberOfWinners"));
    o->seats = seats;
    o->method = seats > 1 ? RCV_STV : RCV_IRV;
    o->rule = RCV_RULE_RCTAB;
    const char *t = jstr(rules, "tiebreakMode");
    o->tiebreak = strcmp(t, "useCandidateOrder") == 0 ? RCV_TIE_LIST_ORDER
                  : strcmp(t, "random") == 0         ? RCV_TIE_RANDOM
                                                     : RCV_TIE_PREVIOUS_ROUND;
    o->seed = (uint64_t)strtoll(jstr(rules, "randomSeed"), NULL, 10);
    const char *ov = jstr(rules, "overvoteRule");
    o->overvote = strcmp(ov, "alwaysSkipToNextRank") == 0 ? RCV_OVER_SKIP
                  : strcmp(ov, "exhaustIfMultipleContinuing") == 0
                      ? RCV_OVER_EXHAUST_IF_MULTIPLE
                      : RCV_OVER_EXHAUST;
    const char *ms = jstr(rules, "maxSkippedRanksAllowed");
    o->max_skipped = strcmp(ms, "unlimited") == 0 ? -1 : atoi(ms);
    const char *mr = jstr(rules, "maxRankingsAllowed");
    o->max_rankings = strcmp(mr, "max") == 0 ? 0 : atoi(mr);
    o->duplicates = jbool(rules, "exhaustOnDuplicateCandidate") ? RCV_DUP_EXHAUST
                                                                : RCV_DUP_SKIP;
    o->elimination = jbool(rules, "batchElimination") ? RCV_ELIM_BATCH : RCV_ELIM_SINGLE;
    o->continue_until_two = jbool(rules, "continueUntilTwoCandidatesRemain");
    o->one_winner_per_round =
        strcmp(jstr(rules, "winnerElectionMode"), "multiWinnerAllowOnlyOneWinnerPerRound") == 0;
    o->quota = jbool(rules, "hareQuota") ? RCV_QUOTA_HARE
               : jbool(rules, "nonIntegerWinningThreshold") ? RCV_QUOTA_DROOP_FRACTIONAL
                                                            : RCV_QUOTA_DROOP;
    const char *dp = jstr(rules, "decimalPlacesForVoteArithmetic");
    o->decimals = *dp ? atoi(dp) : 4;
}

static const char *causes[RCV_INACTIVE_N] = {"exhaustedChoices", "overvotes",
                                             "skippedRankings", "repeatedRankings"};

static int run_case(const char *root, const char *name)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s/%s_config.json", root, name, name);
    json_object *cfg = json_object_from_file(path);
    if (!cfg)
        return 0;
    snprintf(path, sizeof path, "%s/%s/%s_expected_detailed_report.json", root, name, name);
    json_object *exp = json_object_from_file(path);
    json_object *src = json_object_array_get_idx(json_object_object_get(cfg, "cvrFileSources"), 0);
    const char *fp = jstr(src, "filePath");
    const char *base = strrchr(fp, '/') ? strrchr(fp, '/') + 1 : fp;
    const char *dirs[2] = {name, "_shared"};
    const char *sufs[2] = {".csv", ".aggregated.csv"};
    rcv_ballots *b = NULL;
    for (int i = 0; i < 2 && !b; i++)
        for (int k = 0; k < 2 && !b; k++) {
            snprintf(path, sizeof path, "%s/%s/%s%s", root, dirs[i], base, sufs[k]);
            b = read_cvr(path, cfg);
        }
    CHECK_MSG(b && exp, "%s: ballots or expected report not readable", name);
    if (!b || !exp) {
        rcv_ballots_free(b);
        json_object_put(cfg);
        json_object_put(exp);
        return 1;
    }
    rcv_options o;
    options_from(json_object_object_get(cfg, "rules"), &o);
    rcv_result *r = NULL;
    as_err err;
    CHECK_MSG(rcv_count(b, &o, &r, &err) == AS_OK, "%s: %s", name, err.msg);
    if (!r)
        goto out;
    int d = r->decimals;
    json_object *results = json_object_object_get(exp, "results");
    int nr = (int)json_object_array_length(results);
    CHECK_MSG(r->nrounds == nr, "%s: %d rounds, RCTab %d", name, r->nrounds, nr);
    json_object *summary = json_object_object_get(exp, "summary");
    CHECK_MSG(r->undervotes == json_object_get_int64(json_object_object_get(summary, "undervotes")),
              "%s: undervotes %lld", name, (long long)r->undervotes);
    int fails = 0;
    for (int i = 0; i < nr && i < r->nrounds; i++) {
        json_object *rd = json_object_array_get_idx(results, (size_t)i);
        const rcv_round *ours = &r->rounds[i];
        char a[40];
        int64_t thr = scaled(jstr(rd, "threshold"), d);
        if (ours->threshold != thr && fails++ < 20)
            CHECK_MSG(0, "%s round %d: threshold %s, RCTab %s", name, i + 1,
                      rcv_format_scaled(ours->threshold, d, a, sizeof a), jstr(rd, "threshold"));
        json_object_object_foreach(json_object_object_get(rd, "tally"), cn, cv) {
            int c = rcv_ballots_find(b, cn, strlen(cn));
            int64_t want = scaled(json_object_get_string(cv), d);
            if ((c < 0 || ours->votes[c] != want) && fails++ < 20)
                CHECK_MSG(0, "%s round %d: %s has %s, RCTab %s", name, i + 1, cn,
                          c < 0 ? "?" : rcv_format_scaled(ours->votes[c], d, a, sizeof a),
                          json_object_get_string(cv));
            else
                CHECK(1);
        }
        json_object *inact = json_object_object_get(rd, "inactiveBallots");
        for (int k = 0; k < RCV_INACTIVE_N; k++) {
            int64_t want = scaled(jstr(inact, causes[k]), d);
            if (ours->inactive[k] != want && fails++ < 20)
                CHECK_MSG(0, "%s round %d: %s %s, RCTab %s", name, i + 1, causes[k],
                          rcv_format_scaled(ours->inactive[k], d, a, sizeof a),
                          jstr(inact, causes[k]));
        }
        json_object *fs = json_object_object_get(inact, "finalRoundSurplus");
        if (fs || ours->final_surplus) {
            int64_t want = fs ? scaled(json_object_get_string(fs), d) : 0;
            CHECK_MSG(ours->final_surplus == want, "%s round %d: final-round surplus %s, RCTab %s",
                      name, i + 1, rcv_format_scaled(ours->final_surplus, d, a, sizeof a),
                      fs ? json_object_get_string(fs) : "none");
        }
        json_object *tr = json_object_object_get(rd, "tallyResults");
        int ntr = (int)json_object_array_length(tr);
        int acts = 0;
        for (int k = 0; k < ours->nactions; k++)
            acts += ours->actions[k].elected != 2;
        if (acts != ntr && fails++ < 20)
            CHECK_MSG(0, "%s round %d: %d elected/eliminated, RCTab %d", name, i + 1, acts, ntr);
        for (int k = 0; k < ntr; k++) {
            json_object *t = json_object_array_get_idx(tr, (size_t)k);
            json_object *el = json_object_object_get(t, "elected");
            const char *who = json_object_get_string(el ? el : json_object_object_get(t, "eliminated"));
            int c = rcv_ballots_find(b, who, strlen(who)), found = 0;
            for (int j = 0; j < ours->nactions; j++)
                found |= ours->actions[j].cand == c && ours->actions[j].elected == (el ? 1 : 0);
            if (!found && fails++ < 20)
                CHECK_MSG(0, "%s round %d: %s %s by RCTab, not here", name, i + 1, who,
                          el ? "elected" : "eliminated");
            else
                CHECK(1);
            /* where an eliminated candidate's ballots went */
            json_object *tf = json_object_object_get(t, "transfers");
            if (el || !tf)
                continue;
            for (int j = 0; j < ours->nactions; j++) {
                const rcv_action *ac = &ours->actions[j];
                if (ac->cand != c)
                    continue;
                json_object_object_foreach(tf, to, amount) {
                    int64_t want = scaled(json_object_get_string(amount), d);
                    int64_t got = strcmp(to, "exhausted") == 0 ? ac->exhausted
                                  : rcv_ballots_find(b, to, strlen(to)) >= 0
                                      ? ac->to[rcv_ballots_find(b, to, strlen(to))]
                                      : -1;
                    if (got != want && fails++ < 20)
                        CHECK_MSG(0, "%s round %d: %s -> %s %lld, RCTab %s", name, i + 1,
                                  who, to, (long long)got, json_object_get_string(amount));
                }
            }
        }
    }
    printf("%s: %d rounds%s\n", name, r->nrounds, fails ? " MISMATCH" : " match");
out:
    rcv_result_free(r);
    rcv_ballots_free(b);
    json_object_put(cfg);
    json_object_put(exp);
    return 1;
}

int main(void)
{
    char root[1024];
    snprintf(root, sizeof root, "%s/rctab", AS_TABULATION_DATA);
    DIR *dp = opendir(root);
    if (!dp) {
        printf("SKIP: %s not found\n", root);
        CHECK_SKIP("rctab cases not found");
        return check_done();
    }
    char names[64][256];
    int n = 0;
    struct dirent *de;
    while ((de = readdir(dp)) && n < 64)
        if (de->d_name[0] != '.' && de->d_name[0] != '_' && !strchr(de->d_name, '.'))
            snprintf(names[n++], sizeof names[0], "%s", de->d_name);
    closedir(dp);
    int ran = 0;
    for (int i = 0; i < n; i++)
        ran += run_case(root, names[i]);
    CHECK_MSG(ran == 17, "expected 17 RCTab cases, ran %d", ran);
    return check_done();
}
