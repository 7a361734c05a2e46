/* verify_ballots.c: one ballot list (§2): strict lines, strictly ascending
 * ids, counts per choice and the RFC 6962 root (record.h computes it). */
#include <stdlib.h>
#include <string.h>
#include "meeting.h"
#include "verify_internal.h"

as_status verify_ballots_parse(const char *buf, size_t len, const char *name,
                               verify_ballots *out, as_err *err)
{
    as_status st = AS_OK;
    uint8_t (*leaves)[RECORD_HASH_SIZE] = NULL;
    size_t cap = 0;
    int64_t counts[3] = {0, 0, 0};
    const char *prev = NULL;
    vline c;
    const char *s;
    size_t n;
    int r;
    memset(out, 0, sizeof *out);
    vline_init(&c, buf, len, name);
    while ((r = vline_next(&c, &s, &n, err)) == 1) {
        uint8_t id[RECORD_ID_SIZE];
        if (n < 34 || s[32] != ' ' || vhex(s, 32, id, sizeof id) != 0) {
            st = as_err_set(err, AS_EINVAL, "%s:%d: not \"<32 lowercase hex> "
                            "<choice>\"", name, c.line);
            goto done;
        }
        int ch = record_choice_parse(s + 33, n - 33);
        if (ch < CHOICE_YES || ch > CHOICE_ABSTAIN) {
            st = as_err_set(err, AS_EINVAL, "%s:%d: choice is not yes, no or "
                            "abstain", name, c.line);
            goto done;
        }
        if (prev && memcmp(prev, s, 32) >= 0) {
            st = as_err_set(err, AS_EINVAL, "%s:%d: ids not strictly ascending",
                            name, c.line);
            goto done;
        }
        prev = s;
        counts[ch]++;
        if ((size_t)out->n == cap) {
            /* Lines are at least 35 bytes, so this stays below the file size. */
            size_t ncap = cap ? cap * 2 : 1024;
            void *nl = realloc(leaves, ncap * RECORD_HASH_SIZE);
            if (!nl) {
                st = as_err_set(err, AS_ENOMEM, "%s: out of memory", name);
                goto done;
            }
            leaves = nl;
            cap = ncap;
        }
        record_leaf_hash(s, n, leaves[out->n]);
        out->n++;
    }
    if (r < 0) {
        st = AS_EINVAL;
        goto done;
    }
    record_merkle_root(leaves, (size_t)out->n, out->root);
    out->yes = counts[CHOICE_YES];
    out->no = counts[CHOICE_NO];
    out->abstain = counts[CHOICE_ABSTAIN];
done:
    free(leaves);
    return st;
}
