/* test_rcv_openrcv.c: every IRV vector of open-rcv-tests (tests/irv.json),
 * round by round: each expected round's totals and its elected candidate.
 *
 * Ballots are "weight c1 c2 ..." (1-based; "3" alone is three blank
 * ballots; a repeated candidate is skipped, which is RCTab's duplicates
 * "skip").  Vectors with tie_elimination_order are counted with the
 * list-order tie-break and a candidate list arranged so that the candidate
 * to go first is listed last: the vector then also checks that list order
 * matters only through the tie-break.  A vector whose tie is left
 * unspecified stops its expected rounds before the tie. */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "rcv.h"

static const char *names[] = {"Ann", "Bob", "Carol", "Dave", "Ellen", "Fred",
                              "Gwen", "Hank", "Irene", "Joe", "Katy", "Leo"};

static void run_vector(json_object *tc, int idx)
{
    json_object *in = json_object_object_get(tc, "input");
    json_object *outp = json_object_object_get(tc, "output");
    json_object *ballots = json_object_object_get(in, "ballots");
    json_object *rounds = json_object_object_get(outp, "rounds");
    json_object *order = json_object_object_get(in, "tie_elimination_order");
    int nc = json_object_get_int(json_object_object_get(in, "candidate_count"));
    CHECK(nc > 0 && nc <= 12 && ballots && rounds);
    if (!(nc > 0 && nc <= 12 && ballots && rounds))
        return;

    /* pos[k]: where original candidate k (0-based) sits in our list */
    int pos[12], listed[12], n = 0, in_order[12] = {0};
    if (order) {
        int no = (int)json_object_array_length(order);
        for (int i = 0; i < no; i++)
            in_order[json_object_get_int(json_object_array_get_idx(order, (size_t)i)) - 1] = 1;
        for (int k = 0; k < nc; k++)
            if (!in_order[k])
                listed[n++] = k;
        for (int i = no - 1; i >= 0; i--)
            listed[n++] = json_object_get_int(json_object_array_get_idx(order, (size_t)i)) - 1;
    } else {
        for (int k = 0; k < nc; k++)
            listed[n++] = k;
    }
    rcv_ballots *b = NULL;
    as_err err;
    CHECK(rcv_ballots_new(&b) == AS_OK);
    for (int i = 0; i < nc; i++) {
        pos[listed[i]] = i;
        CHECK(rcv_ballots_add_candidate(b, names[listed[i]], NULL, &err) == AS_OK);
    }
    size_t nb = json_object_array_length(ballots);
    for (size_t i = 0; i < nb; i++) {
        const char *s = json_object_get_string(json_object_array_get_idx(ballots, i));
        char *end;
        long w = strtol(s, &end, 10);
        rcv_mark m[64];
        size_t nm = 0;
        for (;;) {
            char *e2;
            long c = strtol(end, &e2, 10);
            if (e2 == end || nm >= 64)
                break;
            m[nm++] = (rcv_mark)pos[c - 1];
            end = e2;
        }
        CHECK_MSG(rcv_ballots_add(b, w, m, nm, &err) == AS_OK, "vector %d: %s", idx, err.msg);
    }

    rcv_options o;
    rcv_options_default(&o);
    o.method = RCV_IRV;
    o.tiebreak = order ? RCV_TIE_LIST_ORDER : RCV_TIE_PREVIOUS_ROUND;
    rcv_result *r = NULL;
    CHECK_MSG(rcv_count(b, &o, &r, &err) == AS_OK, "vector %d: %s", idx, err.msg);
    if (!r) {
        rcv_ballots_free(b);
        return;
    }
    int nr = (int)json_object_array_length(rounds);
    CHECK_MSG(r->nrounds >= nr, "vector %d: %d rounds, expected at least %d", idx,
              r->nrounds, nr);
    for (int i = 0; i < nr && i < r->nrounds; i++) {
        json_object *rd = json_object_array_get_idx(rounds, (size_t)i);
        json_object *totals = json_object_object_get(rd, "totals");
        int listed_here = 0;
        json_object_object_foreach(totals, name, val) {
            int c = rcv_ballots_find(b, name, strlen(name));
            CHECK_MSG(c >= 0, "vector %d: unknown %s", idx, name);
            if (c < 0)
                continue;
            listed_here++;
            CHECK_MSG(r->rounds[i].continuing[c], "vector %d round %d: %s not continuing",
                      idx, i + 1, name);
            CHECK_MSG(r->rounds[i].votes[c] == json_object_get_int64(val),
                      "vector %d round %d: %s has %lld, expected %lld", idx, i + 1, name,
                      (long long)r->rounds[i].votes[c], (long long)json_object_get_int64(val));
        }
        int ncont = 0;
        for (int c = 0; c < nc; c++)
            ncont += r->rounds[i].continuing[c] != 0;
        CHECK_MSG(ncont == listed_here, "vector %d round %d: %d continuing, expected %d", idx,
                  i + 1, ncont, listed_here);
        json_object *el = json_object_object_get(rd, "elected");
        if (el) {
            const char *w = json_object_get_string(json_object_array_get_idx(el, 0));
            CHECK_MSG(r->nwinners == 1 && strcmp(b->cand[r->winners[0]], w) == 0,
                      "vector %d: winner %s, expected %s", idx,
                      r->nwinners ? b->cand[r->winners[0]] : "(none)", w);
            int found = 0;
            for (int k = 0; k < r->rounds[i].nactions; k++)
                found |= r->rounds[i].actions[k].elected == 1 &&
                         strcmp(b->cand[r->rounds[i].actions[k].cand], w) == 0;
            CHECK_MSG(found, "vector %d: %s not elected in round %d", idx, w, i + 1);
        }
    }
    rcv_result_free(r);
    rcv_ballots_free(b);
}

int main(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/open-rcv-tests/tests/irv.json", AS_TABULATION_DATA);
    json_object *root = json_object_from_file(path);
    if (!root) {
        printf("SKIP: %s not found\n", path);
        CHECK_SKIP("open-rcv-tests not found");
        return check_done();
    }
    json_object *cases = json_object_object_get(root, "test_cases");
    int n = cases ? (int)json_object_array_length(cases) : 0;
    CHECK_INT(n, 12);
    for (int i = 0; i < n; i++)
        run_vector(json_object_array_get_idx(cases, (size_t)i), i + 1);
    printf("%d open-rcv-tests IRV vectors counted\n", n);
    json_object_put(root);
    return check_done();
}
