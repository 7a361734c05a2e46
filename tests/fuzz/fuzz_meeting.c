/* fuzz_meeting.c: libFuzzer harness for the meeting file.  The input is
 * the whole YAML file, handed to meeting_from_memory as `verify` and
 * `tally` hand a bundle's meeting.yaml (`check` reads the file from disk
 * and then runs the same load).  The roster is a fixed small one so that
 * percentage quorums and the roster checks have something to work on.
 *
 * Whatever the bytes, the load must return (never crash, hang, leak or
 * use more memory than fuzz_mem.h allows); when it accepts, the meeting
 * must respect what meeting.h promises, and everything `check` does next
 * (warnings, quorums) and a tally counter for each proposal must work on
 * it. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_mem.h"
#include "meeting.h"
#include "tally.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char roster_csv[] =
    "name,role,token\n"
    "Ana Ruiz,attendee,KTQQYK-VN7BTZ-XGPSKT\n"
    "Ben Okafor,attendee,16YVND-EGGAWV-6ZP68N\n"
    "Rosa Delgado,facilitator,R9ZZAT-W42RED-Z3Y67R\n";

/* check_meeting: aborts (a fuzzer finding) when an accepted meeting
 * breaks the model's invariants. */
static void check_meeting(const meeting *m)
{
    if (m->nlangs < 1 || m->nlangs > MEETING_MAX_LANGS || m->nprops < 0 ||
        (m->nprops > 0 && !m->props) || !m->roster)
        abort();
    for (int i = 0; i < m->nprops; i++) {
        const proposal *p = &m->props[i];
        /* Ids are unique: meeting_find gives back this very proposal. */
        if (memchr(p->id, '\0', sizeof p->id) == NULL || meeting_find(m, p->id) != i)
            abort();
        if (p->nopts < 0 || p->nopts > MEETING_MAX_OPTIONS ||
            (p->nopts > 0 && !p->opts))
            abort();
        for (int l = 0; l < m->nlangs; l++) {
            /* Never NULL, whatever is missing (falls back). */
            if (!meeting_text(m, &p->title, l) || !meeting_text(m, &p->text, l))
                abort();
        }
        if ((p->method == METHOD_YES_NO_ABSTAIN || p->method == METHOD_RECALL) &&
            (p->th.den <= 0 || p->th.num < 0 || p->th.num > p->th.den))
            abort();
        (void)meeting_proposal_quorum(m, i);
        tally_counter *t = NULL;
        if (tally_counter_new(p, &t) == AS_OK)
            tally_counter_free(t);
    }
    if (meeting_quorum(m) < 0)
        abort();
    diag_list warn;
    diag_init(&warn);
    meeting_warnings(m, &warn);
    diag_free(&warn);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A copy of exactly the input (not NUL-terminated), so ASan sees any
     * read past its end. */
    char *buf = malloc(size ? size : 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    meeting *m = NULL;
    diag_list diag;
    diag_init(&diag);
    fuzz_mem_begin();
    as_status st = meeting_from_memory("meeting.yaml", buf, size, roster_csv, &m,
                                       &diag);
    fuzz_mem_end(size, "meeting_from_memory");
    if (st == AS_OK) {
        if (!m)
            abort();
        check_meeting(m);
    } else if (m || diag_count(&diag) == 0) {
        abort(); /* a refusal always says why, and never leaves a meeting */
    }
    meeting_free(m);
    diag_free(&diag);
    free(buf);
    return 0;
}
