/* hub_lists.c: checking and merging the kiosks' ballot lists.  The
 * merged list is the proposal's ballot list in the bundle's sense
 * (docs/export-format.md §2): ballot ids are random, so id order mixes
 * the kiosks' ballots and says nothing about who cast them when. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "hub_lists.h"
#include "record.h"

static int cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A ballot line: 32 lowercase hex, a space, 1.. bytes of [a-z0-9,>-]. */
static int line_ok(const char *l)
{
    size_t n = strlen(l);
    if (n < 34 || n > 33 + RECORD_TEXT_MAX || l[32] != ' ')
        return 0;
    for (size_t i = 0; i < 32; i++)
        if (!((l[i] >= '0' && l[i] <= '9') || (l[i] >= 'a' && l[i] <= 'f')))
            return 0;
    return strspn(l + 33, "abcdefghijklmnopqrstuvwxyz0123456789,>-") == n - 33;
}

/* Checks one kiosk's list (row i of hub.lists) and appends its lines. */
static as_status take_list(hub_merged *m, size_t *used, PGresult *r, int i,
                           const char *proposal, as_err *err)
{
    int kiosk = atoi(PQgetvalue(r, i, 0));
    long long n = atoll(PQgetvalue(r, i, 1));
    const char *list = PQgetvalue(r, i, 2);
    size_t len = (size_t)PQgetlength(r, i, 2), sl = 0, kl = 0;
    unsigned char *sig = PQunescapeBytea((const unsigned char *)PQgetvalue(r, i, 3), &sl);
    unsigned char *pk = PQgetisnull(r, i, 4) ? NULL
        : PQunescapeBytea((const unsigned char *)PQgetvalue(r, i, 4), &kl);
    char *msg = NULL, *p, *prev = NULL;
    size_t mlen = 0;
    long long got = 0;
    as_status st = hub_list_message(proposal, n, list, len, &msg, &mlen, err);

    if (st != AS_OK)
        goto done;
    if (!sig || sl != 64 || !pk || kl != 32 ||
        crypto_sign_verify_detached(sig, (unsigned char *)msg, mlen, pk) != 0) {
        st = as_err_set(err, AS_ECORRUPT, "the ballots kiosk %d handed in for "
                        "proposal %s do not carry its signature; do not publish "
                        "this result, keep every kiosk's --data folder and tell "
                        "the organizers", kiosk, proposal);
        goto done;
    }
    memcpy(m->buf + *used, list, len);
    m->buf[*used + len] = '\0';
    for (p = m->buf + *used; *p; got++) {
        char *nl = strchr(p, '\n');
        if (!nl)
            break;
        *nl = '\0';
        if (!line_ok(p) || (prev && strcmp(prev, p) >= 0))
            break;
        m->lines[m->n++] = prev = p;
        p = nl + 1;
    }
    if (*p || got != n)
        st = as_err_set(err, AS_ECORRUPT, "the ballot list kiosk %d handed in "
                        "for proposal %s is malformed; do not publish this "
                        "result and tell the organizers", kiosk, proposal);
    *used += len + 1;
done:
    PQfreemem(sig);
    PQfreemem(pk);
    free(msg);
    return st;
}

as_status hub_merge(hubstore *s, const char *proposal, hub_merged *m,
                    as_err *err)
{
    const char *vals[1] = {proposal};
    PGresult *r = NULL;
    size_t total = 0, nl = 0, used = 0;
    as_status st;

    memset(m, 0, sizeof *m);
    if ((st = hub_call(s->hub, "SELECT kiosk, n, list, signature, public_key "
                       "FROM hub.lists($1)", 1, vals, NULL, NULL, &r, err)) != AS_OK)
        return st;
    for (int i = 0; i < PQntuples(r); i++) {
        total += (size_t)PQgetlength(r, i, 2) + 1;
        nl += (size_t)atoll(PQgetvalue(r, i, 1));
    }
    m->size = total + 1;
    if (!(m->buf = malloc(m->size)) ||
        !(m->lines = calloc(nl + 1, sizeof *m->lines))) {
        st = as_err_set(err, AS_ENOMEM, "out of memory");
        goto done;
    }
    for (int i = 0; i < PQntuples(r) && st == AS_OK; i++) {
        if (m->n + (size_t)atoll(PQgetvalue(r, i, 1)) > nl) {
            st = as_err_set(err, AS_ECORRUPT, "a kiosk's ballot list is longer "
                            "than it says");
            break;
        }
        st = take_list(m, &used, r, i, proposal, err);
    }
    if (st == AS_OK && m->n)
        qsort(m->lines, m->n, sizeof *m->lines, cmp_line);
    for (size_t i = 1; st == AS_OK && i < m->n; i++)
        if (!strncmp(m->lines[i - 1], m->lines[i], 32))
            st = as_err_set(err, AS_ECORRUPT, "two kiosks handed in a ballot "
                            "with the same id for proposal %s; do not publish "
                            "this result and tell the organizers", proposal);
done:
    if (r) {
        for (int i = 0; i < PQntuples(r); i++)
            sodium_memzero(PQgetvalue(r, i, 2), (size_t)PQgetlength(r, i, 2));
        PQclear(r);
    }
    if (st != AS_OK)
        hub_merged_free(m);
    return st;
}

void hub_merged_free(hub_merged *m)
{
    if (!m)
        return;
    if (m->buf)
        sodium_memzero(m->buf, m->size);
    free(m->buf);
    free(m->lines);
    memset(m, 0, sizeof *m);
}

as_status hub_lists_finish(hubstore *s, const char *proposal, as_err *err)
{
    hub_merged m;
    uint8_t (*leaves)[RECORD_HASH_SIZE] = NULL, root[RECORD_HASH_SIZE];
    char nbuf[24];
    int64_t res = 0;
    as_status st;

    if ((st = hub_merge(s, proposal, &m, err)) != AS_OK)
        return st;
    if (m.n && !(leaves = malloc(m.n * sizeof *leaves))) {
        st = as_err_set(err, AS_ENOMEM, "out of memory");
        goto done;
    }
    for (size_t i = 0; i < m.n; i++)
        record_leaf_hash(m.lines[i], strlen(m.lines[i]), leaves[i]);
    record_merkle_root(leaves, m.n, root);
    snprintf(nbuf, sizeof nbuf, "%zu", m.n);
    {
        const char *vals[3] = {proposal, nbuf, (const char *)root};
        int lens[3] = {0, 0, RECORD_HASH_SIZE}, fmts[3] = {0, 0, 1};
        st = hub_call_int(s->hub, "SELECT hub.close_finish($1, $2::bigint, $3)",
                          3, vals, lens, fmts, &res, err);
    }
    if (st == AS_OK && res == 2)
        st = as_err_set(err, AS_ESTATE, "a kiosk has not handed in all its "
                        "ballots for proposal %s yet; try closing again", proposal);
    else if (st == AS_OK && res == 3)
        st = as_err_set(err, AS_ECORRUPT, "the kiosks handed in %zu ballots "
                        "for proposal %s but the hub has another number of "
                        "votes; do not publish this result and tell the "
                        "organizers", m.n, proposal);
    else if (st == AS_OK && res != 0 && res != 1)
        st = as_err_set(err, AS_ESTATE, "the hub did not end the close of "
                        "proposal %s", proposal);
done:
    free(leaves);
    hub_merged_free(&m);
    return st;
}

as_status hub_each_kiosk_list(store *b, const char *proposal, store_list_fn fn,
                              void *ud, as_err *err)
{
    hubstore *s = hs_of(b);
    const char *vals[1] = {proposal};
    PGresult *r = NULL;
    int state = 0;
    as_status st;

    if ((st = hub_sync_proposal(s, proposal, &state, err)) != AS_OK)
        return st;
    if (state != 3)
        return as_err_set(err, AS_ESTATE, "proposal %s is not closed", proposal);
    if ((st = hub_call(s->hub, "SELECT kiosk, n, list, signature, public_key "
                       "FROM hub.lists($1)", 1, vals, NULL, NULL, &r, err)) != AS_OK)
        return st;
    for (int i = 0; i < PQntuples(r) && st == AS_OK; i++) {
        size_t sl = 0, kl = 0;
        unsigned char *sig = PQunescapeBytea(
            (const unsigned char *)PQgetvalue(r, i, 3), &sl);
        unsigned char *pk = PQgetisnull(r, i, 4) ? NULL
            : PQunescapeBytea((const unsigned char *)PQgetvalue(r, i, 4), &kl);
        if (!sig || sl != 64 || !pk || kl != 32)
            st = as_err_set(err, AS_ECORRUPT, "the hub holds a list of kiosk %s "
                            "without a key or signature", PQgetvalue(r, i, 0));
        else
            st = fn(ud, atoi(PQgetvalue(r, i, 0)), pk, PQgetvalue(r, i, 2),
                    (size_t)PQgetlength(r, i, 2), atoll(PQgetvalue(r, i, 1)), sig);
        PQfreemem(sig);
        PQfreemem(pk);
    }
    PQclear(r);
    return st;
}
