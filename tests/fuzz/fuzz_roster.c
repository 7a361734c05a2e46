/* fuzz_roster.c: libFuzzer harness for the roster CSV (roster_parse, what
 * the kiosk, `check` and `badges` read) and the membership-list importer
 * (roster_import_convert, `asamblea roster import`).  The first byte picks
 * the parser and the importer's options; the rest is the file.
 *
 * Each must return on any bytes.  An accepted roster must keep what
 * roster.h promises (a name on every row, canonical and unique tokens),
 * and whatever the importer produces must be a roster that roster_parse
 * accepts with the same people: that is its whole contract. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "fuzz_mem.h"
#include "roster.h"
#include "token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* check_roster: aborts when an accepted roster breaks roster.h. */
static void check_roster(const roster *r)
{
    int n = roster_count(r), fac = 0;
    if (n < 0)
        abort();
    for (int i = 0; i < n; i++) {
        const roster_entry *e = roster_get(r, i);
        if (!e || !e->name || !e->name[0] || e->line < 1 ||
            (e->role != MEMBER_ATTENDEE && e->role != MEMBER_FACILITATOR))
            abort();
        fac += e->role == MEMBER_FACILITATOR;
        if (e->token[0]) {
            char canon[TOKEN_TEXT_SIZE];
            if (token_normalize(e->token, strlen(e->token), canon) != AS_OK ||
                strcmp(canon, e->token) != 0)
                abort();
            for (int j = 0; j < i; j++)
                if (!strcmp(roster_get(r, j)->token, e->token))
                    abort();
        }
    }
    if (fac != roster_facilitators(r))
        abort();
}

static void fuzz_parse(const char *buf, size_t n)
{
    roster *r = NULL;
    diag_list diag;
    diag_init(&diag);
    fuzz_mem_begin();
    as_status st = roster_parse("roster.csv", buf, n, &r, &diag);
    fuzz_mem_end(n, "roster_parse");
    if (st == AS_OK) {
        if (!r)
            abort();
        check_roster(r);
    } else if (r || diag_count(&diag) == 0) {
        abort();
    }
    roster_free(r);
    diag_free(&diag);
}

static void fuzz_import(unsigned sel, const char *buf, size_t n)
{
    /* The option combinations `roster import` can be given. */
    roster_import_opts o = {NULL, NULL, NULL, NULL};
    if (sel & 1)
        o.role_column = "role";
    if (sel & 2)
        o.facilitator_value = "yes";
    if (sel & 4)
        o.token_column = "token";
    if (sel & 8)
        o.name_column = "name";
    char *out = NULL;
    size_t outlen = 0;
    roster_import_summary sum;
    diag_list diag;
    diag_init(&diag);
    fuzz_mem_begin();
    as_status st = roster_import_convert("members.csv", buf, n, &o, &out, &outlen,
                                         &sum, &diag);
    fuzz_mem_end(n, "roster_import_convert");
    if (st == AS_OK) {
        if (!out || out[outlen] != '\0' || sum.people < 1 ||
            sum.facilitators > sum.people)
            abort();
        roster *r = NULL;
        diag_list d2;
        diag_init(&d2);
        if (roster_parse("roster.csv", out, outlen, &r, &d2) != AS_OK ||
            roster_count(r) != sum.people || roster_facilitators(r) != sum.facilitators)
            abort();
        check_roster(r);
        roster_free(r);
        diag_free(&d2);
        sodium_memzero(out, outlen);
    } else if (out || diag_count(&diag) == 0) {
        abort();
    }
    free(out);
    diag_free(&diag);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    /* A copy of exactly the file, so ASan sees any read past its end. */
    size_t n = size - 1;
    char *buf = malloc(n ? n : 1);
    if (!buf)
        return 0;
    memcpy(buf, data + 1, n);
    if (data[0] & 0x80)
        fuzz_import(data[0], buf, n);
    else
        fuzz_parse(buf, n);
    free(buf);
    return 0;
}
