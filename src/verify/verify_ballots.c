/* verify_ballots.c: one ballot list (§2): strict lines, strictly ascending
 * ids, counts per choice and the RFC 6962 root (record.h computes it). */
#include <stdlib.h>
#include <string.h>
#include "meeting.h"
#include "verify_methods.h"

/* word_index: which of the three words s/n is, or -1. */
static int word_index(const char *const *w, const char *s, size_t n)
{
    for (int i = 0; i < 3; i++)
        if (strlen(w[i]) == n && !memcmp(w[i], s, n))
            return i;
    return -1;
}

as_status verify_ballots_parse(const char *buf, size_t len, const char *name,
                               verify_ballots *out, as_err *err)
{
    return verify_ballots_parse_method(buf, len, name, METHOD_YES_NO_ABSTAIN,
                                       out, err);
}

as_status verify_ballots_parse_method(const char *buf, size_t len,
                                      const char *name, int method,
                                      verify_ballots *out, as_err *err)
{
    const vmethod *vm = vmethod_of(method);
    const char *const *words = vm ? vm->ballot_words : NULL;
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
        int ch = -1;
        if (words) {
            ch = word_index(words, s + 33, n - 33);
            if (ch < 0) {
                st = as_err_set(err, AS_EINVAL, "%s:%d: choice is not %s, %s or "
                                "%s", name, c.line, words[0], words[1], words[2]);
                goto done;
            }
        } else {
            char tmp[RECORD_TEXT_LINE_MAX];
            if (record_ballot_text_line(id, s + 33, n - 33, tmp, sizeof tmp) == 0) {
                st = as_err_set(err, AS_EINVAL, "%s:%d: choice is not a ballot "
                                "text (option ids joined by ',' or '>', or none)",
                                name, c.line);
                goto done;
            }
        }
        if (prev && memcmp(prev, s, 32) >= 0) {
            st = as_err_set(err, AS_EINVAL, "%s:%d: ids not strictly ascending",
                            name, c.line);
            goto done;
        }
        prev = s;
        if (ch >= 0)
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
