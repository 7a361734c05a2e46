/* verify_kiosk_parse.c: the two file kinds of kiosks/ (§9): keys.txt and
 * one kiosk's ballot list.  Strict, bounded by the input, never echoing a
 * ballot id (verify.h). */
#include <stdlib.h>
#include <string.h>
#include "verify_internal.h"

/* three_digits: "001" to "999" as a number, else -1. */
static int three_digits(const char *s, size_t n)
{
    int k = 0;
    if (n != 3)
        return -1;
    for (int i = 0; i < 3; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        k = k * 10 + s[i] - '0';
    }
    return k >= 1 ? k : -1;
}

void verify_kiosk_keys_free(verify_kiosk_keys *k)
{
    if (!k)
        return;
    free(k->k);
    k->k = NULL;
    k->n = 0;
}

/* key_line: one line of keys.txt into *e; NULL, or what is wrong. */
static const char *key_line(const char *s, size_t n, int last, verify_kiosk_key *e)
{
    const char *num, *hex, *fpr;
    size_t nn, hn, fn;
    char want[RECORD_FPR_SIZE];

    if (vfield(&s, &n, &num, &nn) || vfield(&s, &n, &hex, &hn) ||
        vfield(&s, &n, &fpr, &fn) || n != 0 || (e->kiosk = three_digits(num, nn)) < 0 ||
        vhex(hex, hn, e->pk, sizeof e->pk))
        return "not \"<kiosk number, 3 digits> <64 lowercase hex> <fingerprint>\"";
    if (e->kiosk <= last)
        return "kiosk numbers not strictly ascending";
    record_fingerprint(e->pk, want);
    if (fn != strlen(want) || memcmp(fpr, want, fn))
        return "fingerprint is not that of the key beside it";
    return NULL;
}

as_status verify_kiosk_keys_parse(const char *buf, size_t len, const char *name,
                                  verify_kiosk_keys *out, as_err *err)
{
    const char *s, *why;
    size_t n;
    int r, cap = 0, last = 0;
    vline c;

    out->n = 0;
    out->k = NULL;
    vline_init(&c, buf, len, name);
    while ((r = vline_next(&c, &s, &n, err)) == 1) {
        verify_kiosk_key e;
        if ((why = key_line(s, n, last, &e)) != NULL) {
            as_err_set(err, AS_EINVAL, "%s:%d: %s", name, c.line, why);
            goto fail;
        }
        if (out->n == cap) { /* at most VERIFY_KIOSK_MAX: ascending, < 1000 */
            verify_kiosk_key *nk = vgrow(out->k, &cap, sizeof *nk, 16);
            if (!nk) {
                as_err_set(err, AS_ENOMEM, "%s: out of memory", name);
                verify_kiosk_keys_free(out);
                return AS_ENOMEM;
            }
            out->k = nk;
        }
        e.line = c.line;
        out->k[out->n++] = e;
        last = e.kiosk;
    }
    if (r == 0)
        return AS_OK;
fail:
    verify_kiosk_keys_free(out);
    return AS_EINVAL;
}

as_status verify_kiosk_list_parse(const char *buf, size_t len, const char *name,
                                  int64_t *n_out, as_err *err)
{
    const char *s, *prev = NULL;
    size_t n;
    int r;
    vline c;
    uint8_t id[RECORD_ID_SIZE];

    *n_out = 0;
    vline_init(&c, buf, len, name);
    while ((r = vline_next(&c, &s, &n, err)) == 1) {
        if (n < 34 || n > 33 + RECORD_TEXT_MAX || s[32] != ' ' ||
            vhex(s, 32, id, sizeof id) ||
            strspn(s + 33, "abcdefghijklmnopqrstuvwxyz0123456789,>-") < n - 33)
            return as_err_set(err, AS_EINVAL, "%s:%d: not \"<32 lowercase hex> "
                              "<choice>\"", name, c.line);
        if (prev && memcmp(prev, s, 32) >= 0)
            return as_err_set(err, AS_EINVAL, "%s:%d: ids not strictly ascending",
                              name, c.line);
        prev = s;
        (*n_out)++;
    }
    return r == 0 ? AS_OK : AS_EINVAL;
}
