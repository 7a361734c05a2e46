/* export_kiosks.c: the kiosks' own signed ballot lists in a bundle of a
 * meeting held by several kiosks on one hub (docs/export-format.md §9).
 * The merged ballots/<id>.txt is what the hub computed from these lists;
 * carrying each kiosk's list and signature lets anyone check that the
 * published list is exactly what the kiosks handed in, not only what the
 * hub (or the kiosk that exported) says.  A store of one kiosk has no
 * such lists, and its bundle gets nothing from here: not a file, not a
 * line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "export_internal.h"
#include "grow.h"
#include "record.h"

/* The signed message's first line (the hub's hub_list_message writes the
 * same bytes; §9 specifies them). */
static const char list_domain[] = "asamblea-kiosk-list/v1\n";

#define KIOSK_MAX 999 /* NNN in the file names: three digits */

typedef struct {
    xfiles *out;
    const char *proposal;
    int ballots; /* out->v[ballots] is ballots/<proposal>.txt (an index:
                  * adding files moves out->v) */
    char **lines;        /* every kiosk's lines of this proposal */
    size_t nlines, cap;
    char **copies; /* the lists' bytes the lines point into */
    int ncopies, copycap;
    uint8_t keys[KIOSK_MAX + 1][32];
    unsigned char have[KIOSK_MAX + 1];
    int nkiosks; /* kiosks seen in any proposal */
    as_err *err;
} kctx;

static as_status fail(kctx *k, int kiosk, const char *what)
{
    return as_err_set(k->err, AS_ECORRUPT,
                      "export: the ballot list kiosk %d handed in for proposal "
                      "'%s' %s; do not publish, keep every kiosk's --data folder "
                      "and tell the organizers", kiosk, k->proposal, what);
}

/* signed_ok: 1 when sig is pk's signature of the §9 message. */
static int signed_ok(const char *prop_id, int64_t count, const char *list,
                     size_t len, const uint8_t pk[32], const uint8_t sig[64])
{
    char head[sizeof list_domain + 64 + 24];
    int h = snprintf(head, sizeof head, "%s%s\n%lld\n", list_domain, prop_id,
                     (long long)count);
    unsigned char *msg;
    int ok;

    if (h < 0 || (size_t)h >= sizeof head || !(msg = malloc((size_t)h + len + 1)))
        return 0;
    memcpy(msg, head, (size_t)h);
    memcpy(msg + h, list, len);
    ok = crypto_sign_verify_detached(sig, msg, (size_t)h + len, pk) == 0;
    free(msg);
    return ok;
}

/* take_lines: appends the list's lines (split in place in a copy) to
 * k->lines; returns how many, or -1 when out of memory. */
static int64_t take_lines(kctx *k, char *copy, size_t len)
{
    int64_t n = 0;
    for (size_t s = 0; s < len;) {
        char *nl = memchr(copy + s, '\n', len - s);
        if (!nl)
            break;
        *nl = '\0';
        if (k->nlines == k->cap) {
            size_t cap = k->cap ? k->cap * 2 : 256;
            char **v = realloc(k->lines, cap * sizeof *v);
            if (!v)
                return -1;
            k->lines = v;
            k->cap = cap;
        }
        k->lines[k->nlines++] = copy + s;
        n++;
        s = (size_t)(nl - copy) + 1;
    }
    return n;
}

static as_status on_list(void *ud, int kiosk, const uint8_t pk[32], const char *list,
                         size_t len, int64_t count, const uint8_t sig[64])
{
    kctx *k = ud;
    char name[sizeof k->out->v[0].name];
    xfile *x;
    char *copy;
    int64_t n;

    if (kiosk < 1 || kiosk > KIOSK_MAX)
        return as_err_set(k->err, AS_ECORRUPT, "export: kiosk number %d is not "
                          "1 to %d; the bundle cannot name its list", kiosk,
                          KIOSK_MAX);
    if (k->have[kiosk] && memcmp(k->keys[kiosk], pk, 32) != 0)
        return fail(k, kiosk, "is signed with another key than its other lists");
    if (len && list[len - 1] != '\n')
        return fail(k, kiosk, "does not end with a line end");
    if (!signed_ok(k->proposal, count, list, len, pk, sig))
        return fail(k, kiosk, "does not carry the kiosk's signature");
    snprintf(name, sizeof name, "kiosks/%s.%03d.list", k->proposal, kiosk);
    if (!(x = xfiles_add(k->out, name)))
        return as_err_set(k->err, AS_ENOMEM, "export: out of memory");
    xbuf_add(&x->data, list, len);
    snprintf(name, sizeof name, "kiosks/%s.%03d.sig", k->proposal, kiosk);
    if (!(x = xfiles_add(k->out, name)))
        return as_err_set(k->err, AS_ENOMEM, "export: out of memory");
    xbuf_add(&x->data, (const char *)sig, 64);
    if (x->data.oom || !(copy = malloc(len + 1)))
        return as_err_set(k->err, AS_ENOMEM, "export: out of memory");
    if (k->ncopies == k->copycap) {
        void *v = as_grow(k->copies, k->ncopies, &k->copycap, sizeof *k->copies, 8);
        if (!v) {
            free(copy);
            return as_err_set(k->err, AS_ENOMEM, "export: out of memory");
        }
        k->copies = v;
    }
    k->copies[k->ncopies++] = copy;
    memcpy(copy, list, len);
    copy[len] = '\0';
    if ((n = take_lines(k, copy, len)) < 0)
        return as_err_set(k->err, AS_ENOMEM, "export: out of memory");
    if (n != count)
        return fail(k, kiosk, "holds another number of ballots than it says");
    if (!k->have[kiosk])
        k->nkiosks++;
    k->have[kiosk] = 1;
    memcpy(k->keys[kiosk], pk, 32);
    return AS_OK;
}

static int line_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* free_lines: forgets the lines and frees the lists' bytes. */
static void free_lines(kctx *k)
{
    for (int i = 0; i < k->ncopies; i++)
        free(k->copies[i]);
    k->ncopies = 0;
    k->nlines = 0;
}

/* union_is_ballots: the kiosks' lines, sorted, are byte for byte the
 * proposal's ballot list as the bundle has it. */
static int union_is_ballots(kctx *k)
{
    char **v = malloc((k->nlines + 1) * sizeof *v);
    const xbuf *b = &k->out->v[k->ballots].data;
    const char *p = b->p ? b->p : "";
    size_t at = 0, left = b->len;
    int ok = 1;

    if (!v)
        return -1;
    memcpy(v, k->lines, k->nlines * sizeof *v);
    qsort(v, k->nlines, sizeof *v, line_cmp);
    for (size_t i = 0; i < k->nlines && ok; i++) {
        size_t n = strlen(v[i]);
        ok = n + 1 <= left && !memcmp(p + at, v[i], n) && p[at + n] == '\n';
        at += n + 1;
        left -= ok ? n + 1 : 0;
    }
    free(v);
    return ok && left == 0;
}

/* one_proposal: the lists of closed proposal id. */
static as_status one_proposal(kctx *k, store *s, const char *id, as_err *err)
{
    char name[sizeof k->out->v[0].name];
    int before = k->out->n, u;
    as_status st;

    k->proposal = id;
    k->ballots = -1;
    snprintf(name, sizeof name, "ballots/%s.txt", id);
    for (int i = 0; i < k->out->n; i++)
        if (!strcmp(k->out->v[i].name, name))
            k->ballots = i;
    if (k->ballots < 0)
        return as_err_set(err, AS_ESTATE, "export: %s is not built yet", name);
    st = store_each_kiosk_list(s, id, on_list, k, err);
    if (st == AS_OK && k->out->n > before &&
        (u = union_is_ballots(k)) != 1)
        st = u < 0 ? as_err_set(err, AS_ENOMEM, "export: out of memory")
                   : as_err_set(err, AS_ECORRUPT, "export: the ballot lists the "
                                "kiosks handed in for proposal '%s' do not add up "
                                "to its ballots; do not publish, keep every "
                                "kiosk's --data folder and tell the organizers", id);
    free_lines(k);
    return st;
}

static void put_keys(kctx *k, xbuf *b)
{
    for (int i = 1; i <= KIOSK_MAX; i++) {
        char hex[65], fpr[RECORD_FPR_SIZE];
        if (!k->have[i])
            continue;
        record_hex(k->keys[i], 32, hex);
        record_fingerprint(k->keys[i], fpr);
        xbuf_printf(b, "%03d %s %s\n", i, hex, fpr);
    }
}

static void put_readme(xfiles *out)
{
    for (int i = 0; i < out->n; i++)
        if (!strcmp(out->v[i].name, "README.txt"))
            xbuf_puts(&out->v[i].data,
                "\n"
                "SEVERAL KIOSKS\n"
                "\n"
                "This meeting voted on several kiosks. When a vote closed, each\n"
                "kiosk handed in the ballots cast on it, signed with its own key:\n"
                "kiosks/<proposal>.<kiosk number>.list holds those lines exactly,\n"
                "kiosks/<proposal>.<kiosk number>.sig its signature, and\n"
                "kiosks/keys.txt each kiosk's public key and the fingerprint its\n"
                "facilitator screen showed. Put together and sorted, the lists of\n"
                "a proposal are its file in ballots/, line for line: asamblea\n"
                "verify checks the signatures and that sum (export-format.md).\n");
}

as_status export_kiosk_lists(const meeting *m, const export_figures *f, store *s,
                             xfiles *out, as_err *err)
{
    kctx *k = calloc(1, sizeof *k);
    as_status st = AS_OK;
    xfile *x;

    if (!k)
        return as_err_set(err, AS_ENOMEM, "export: out of memory");
    k->out = out;
    k->err = err;
    for (int i = 0; i < m->nprops && st == AS_OK; i++)
        if (f[i].state == PROP_CLOSED)
            st = one_proposal(k, s, m->props[i].id, err);
    if (st == AS_OK && k->nkiosks > 0) {
        if (!(x = xfiles_add(out, "kiosks/keys.txt"))) {
            st = as_err_set(err, AS_ENOMEM, "export: out of memory");
        } else {
            put_keys(k, &x->data);
            put_readme(out);
        }
    }
    free(k->lines);
    free(k->copies);
    free(k);
    return st;
}
