/* test_burlington.c: the 2009 Burlington, Vermont mayoral election
 * (PrefLib ED-00005, ../shared/tabulation-data/preflib-burlington-2009),
 * counted as the city did: instant runoff with simultaneous drop of
 * candidates who cannot win (batch elimination), previous-round-then-lot
 * tie-breaks, and the overvote rule of the tabulation README (an overvoted
 * rank exhausts the ballot only when more than one marked candidate is
 * still continuing).
 *
 * The published official result (public record; figures as reported by
 * the City of Burlington and summarised at
 * https://en.wikipedia.org/wiki/2009_Burlington_mayoral_election):
 *   first round  Wright 2,951  Kiss 2,585  Montroll 2,063  Smith 1,306
 *   best round   Montroll 2,554 (round 2)
 *   final round  Kiss 4,313  Wright 4,061  (8,374 ballots in the final
 *                round); Bob Kiss elected. */
#include <unistd.h>
#include "ballot_file.h"
#include "check.h"
#include "rcv.h"

#define TOI AS_TABULATION_DATA "/preflib-burlington-2009/00005-00000002.toi"

static int64_t votes(const rcv_ballots *b, const rcv_result *r, int round,
                     const char *name)
{
    int c = rcv_ballots_find(b, name, strlen(name));
    if (c < 0 || round < 1 || round > r->nrounds)
        return -1;
    return r->rounds[round - 1].votes[c];
}

int main(void)
{
    rcv_ballots *b = NULL;
    rcv_result *r = NULL;
    rcv_options o;
    diag_list d;
    as_err err = {{0}};

    if (access(TOI, R_OK) != 0) {
        printf("SKIP: %s not found\n", TOI);
        return 77;
    }
    diag_init(&d);
    CHECK_INT(bfile_read(TOI, BFILE_AUTO, &b, &d), AS_OK);
    if (!b)
        return check_done();
    rcv_options_default(&o);
    o.method = RCV_IRV;
    o.seats = 1;
    o.elimination = RCV_ELIM_BATCH;
    o.tiebreak = RCV_TIE_PREVIOUS_ROUND;
    o.overvote = RCV_OVER_EXHAUST_IF_MULTIPLE;
    o.decimals = 0;
    CHECK_INT(rcv_count(b, &o, &r, &err), AS_OK);
    if (!r) {
        fprintf(stderr, "rcv_count: %s\n", err.msg);
        return check_done();
    }
    int64_t scale = 1;
    for (int i = 0; i < r->decimals; i++)
        scale *= 10;
    CHECK_INT(r->total, 8980);
    CHECK_INT(r->nrounds, 3);
    CHECK_INT(votes(b, r, 1, "Kurt Wright"), 2951 * scale);
    CHECK_INT(votes(b, r, 1, "Bob Kiss"), 2585 * scale);
    CHECK_INT(votes(b, r, 1, "Andy Montroll"), 2063 * scale);
    CHECK_INT(votes(b, r, 1, "Dan Smith"), 1306 * scale);
    CHECK_INT(votes(b, r, 2, "Andy Montroll"), 2554 * scale);
    CHECK_INT(votes(b, r, 3, "Bob Kiss"), 4313 * scale);
    CHECK_INT(votes(b, r, 3, "Kurt Wright"), 4061 * scale);
    if (r->nrounds == 3) {
        /* Simpson, the write-ins and Smith drop together after round 1:
         * together they hold fewer votes than Montroll, the next. */
        CHECK_INT(r->rounds[0].nactions, 3);
        CHECK_INT(r->rounds[1].nactions, 1);
        int64_t inactive = 0;
        for (int i = 0; i < RCV_INACTIVE_N; i++)
            inactive += r->rounds[2].inactive[i];
        CHECK_INT(8980 * scale - inactive, 8374 * scale);
    }
    CHECK_INT(r->nwinners, 1);
    if (r->nwinners == 1)
        CHECK_STR(b->cand[r->winners[0]], "Bob Kiss");
    rcv_result_free(r);
    rcv_ballots_free(b);
    diag_free(&d);
    return check_done();
}
