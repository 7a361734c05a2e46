/* verify_kiosks.c: the kiosk-lists check, for a bundle of a meeting held
 * by several kiosks on one hub (docs/export-format.md §9).  Each kiosk
 * signed the ballots cast on it; the bundle's ballots/<id>.txt must be
 * exactly their union.  So the hub (or the kiosk that exported) can
 * neither add a ballot no kiosk signed, nor drop or change one a kiosk
 * handed in, without this check saying which file and line.
 *
 * Written from the spec, not from the exporter or the hub: it shares only
 * record.h (the fingerprint) with them.  Messages name files and line
 * numbers, never a ballot id or a choice. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "verify_bundle.h"

#define KDIR "kiosks/"
#define KEYS KDIR "keys.txt"
#define KMAX VERIFY_KIOSK_MAX

static const char list_domain[] = "asamblea-kiosk-list/v1\n";

typedef struct {
    const vfile *list, *sig;
    char prop[VERIFY_ID_MAX];
    int kiosk;
    int res; /* its proposal in results.txt */
    int ok;  /* every line well formed (the union check reads it) */
    int64_t n;
} klist;

typedef struct {
    const char *s; /* the line, without LF */
    size_t n;
    int list, line;
} kline;

typedef struct {
    uint8_t pk[KMAX + 1][32];
    int key_line[KMAX + 1]; /* 0: no key for that kiosk */
    klist *l;
    int nl;
    unsigned char *unsure; /* per results.txt entry: a list of it could not
                            * be read or checked, so its union is not */
    kline *lines, *scratch; /* every list's lines; one proposal's */
    size_t nlines;
} kctx;

int verify_has_kiosk_lists(const vbundle *b, const vparsed *p)
{
    size_t k = sizeof KDIR - 1;
    for (int i = 0; i < b->nf; i++)
        if (!strncmp(b->f[i].path, KDIR, k))
            return 1;
    for (int i = 0; p->have_manifest && i < p->manifest.n; i++)
        if (!strncmp(p->manifest.e[i].path, KDIR, k))
            return 1;
    return 0;
}

/* parse_keys: kiosks/keys.txt into c (verify_kiosk_keys_parse). */
static void parse_keys(const vbundle *b, kctx *c, vreport *r)
{
    const vfile *f = vbundle_get(b, KEYS);
    verify_kiosk_keys k;
    as_err e;

    if (!f) {
        if (!vbundle_find(b, KEYS))
            vr_fail(r, KEYS ": missing; a bundle with kiosk lists names each "
                    "kiosk's key there");
        return; /* unreadable: the files check said why */
    }
    if (verify_kiosk_keys_parse(f->buf, f->len, KEYS, &k, &e) != AS_OK) {
        vr_fail(r, "%s", e.msg);
        return;
    }
    for (int i = 0; i < k.n; i++) {
        memcpy(c->pk[k.k[i].kiosk], k.k[i].pk, 32);
        c->key_line[k.k[i].kiosk] = k.k[i].line;
    }
    verify_kiosk_keys_free(&k);
}

/* parse_name: "kiosks/<proposal>.<NNN>.list" or ".sig"; the kiosk
 * number, or -1 when the name is not one of those. */
static int parse_name(const char *path, char prop[VERIFY_ID_MAX], int *is_sig)
{
    const char *s = path + sizeof KDIR - 1, *dot = strchr(s, '.');
    size_t idn = dot ? (size_t)(dot - s) : 0;
    int k = 0;

    if (!dot || !vid(s, idn) || strlen(dot) < 4 ||
        (strcmp(dot + 4, ".list") && strcmp(dot + 4, ".sig")))
        return -1;
    for (int i = 1; i <= 3; i++) {
        if (dot[i] < '0' || dot[i] > '9')
            return -1;
        k = k * 10 + dot[i] - '0';
    }
    if (k < 1)
        return -1;
    *is_sig = !strcmp(dot + 4, ".sig");
    memcpy(prop, s, idn);
    prop[idn] = '\0';
    return k;
}

static int cmp_file(const void *a, const void *b)
{
    return strcmp((*(const vfile *const *)a)->path, (*(const vfile *const *)b)->path);
}

/* other_half: the .sig beside a .list or the .list beside a .sig. */
static const vfile *other_half(const vbundle *b, const char *path, int is_sig)
{
    char o[640];
    size_t n = strlen(path) - (is_sig ? 4 : 5);
    if (n + 6 > sizeof o)
        return NULL;
    memcpy(o, path, n);
    strcpy(o + n, is_sig ? ".list" : ".sig");
    return vbundle_find(b, o);
}

/* collect: every kiosks/ file of the bundle, by name; one klist per
 * .list with its .sig beside it. */
static int collect(const vbundle *b, const vparsed *p, kctx *c, vreport *r)
{
    const vfile **v = calloc((size_t)b->nf + 1, sizeof *v);
    int nv = 0;

    if (!v || !(c->l = calloc((size_t)b->nf + 1, sizeof *c->l)) ||
        !(c->unsure = calloc((size_t)p->results.n + 1, 1))) {
        free(v);
        vr_fail(r, KDIR ": out of memory");
        return -1;
    }
    for (int i = 0; i < b->nf; i++)
        if (!strncmp(b->f[i].path, KDIR, sizeof KDIR - 1) && strcmp(b->f[i].path, KEYS))
            v[nv++] = &b->f[i];
    qsort(v, (size_t)nv, sizeof *v, cmp_file);
    for (int i = 0; i < nv; i++) {
        klist *k = &c->l[c->nl];
        int is_sig = 0;
        const vfile *o;
        if ((k->kiosk = parse_name(v[i]->path, k->prop, &is_sig)) < 0) {
            vr_fail(r, "%s: not a file of the format (kiosks/ holds keys.txt, "
                    "PROPOSAL.NNN.list and PROPOSAL.NNN.sig)", v[i]->path);
            continue;
        }
        o = other_half(b, v[i]->path, is_sig);
        if (!o && is_sig) {
            vr_fail(r, "%s: no list beside it; a kiosk's list is missing from "
                    "the bundle", v[i]->path);
            continue;
        }
        if (is_sig)
            continue; /* its .list makes the klist */
        k->res = verify_results_find(&p->results, k->prop);
        if (k->res < 0 || p->results.r[k->res].state != VERIFY_CLOSED) {
            vr_fail(r, "%s: %s is not a closed proposal of results.txt",
                    v[i]->path, k->prop);
            continue;
        }
        /* a list that cannot be checked: its proposal's union is not */
        c->unsure[k->res] |= !o || !c->key_line[k->kiosk] || !v[i]->buf || !o->buf;
        if (!o)
            vr_fail(r, "%s: no .sig beside it; its kiosk's signature is missing "
                    "from the bundle", v[i]->path);
        else if (!c->key_line[k->kiosk])
            vr_fail(r, "%s: kiosk %d has no key in " KEYS, v[i]->path, k->kiosk);
        if (!o || !c->key_line[k->kiosk] || !v[i]->buf || !o->buf)
            continue; /* unreadable: the files check says why */
        k->list = v[i];
        k->sig = o;
        c->nl++;
    }
    free(v);
    return 0;
}

/* check_lines: the list parses (verify_kiosk_list_parse); its lines are
 * added to c->lines.  Returns the number of lines, or -1. */
static int64_t check_lines(kctx *c, int li, vreport *r)
{
    const klist *k = &c->l[li];
    const char *s;
    size_t n;
    int64_t lines;
    vline v;
    as_err e;

    if (verify_kiosk_list_parse(k->list->buf, k->list->len, k->list->path, &lines,
                                &e) != AS_OK) {
        vr_fail(r, "%s", e.msg);
        return -1;
    }
    vline_init(&v, k->list->buf, k->list->len, k->list->path);
    while (vline_next(&v, &s, &n, &e) == 1)
        c->lines[c->nlines++] = (kline){s, n, li, v.line};
    return lines;
}

/* check_sig: the .sig is the kiosk's Ed25519 signature of
 * domain || proposal LF || count LF || list. */
static void check_sig(const kctx *c, const klist *k, vreport *r)
{
    char head[sizeof list_domain + VERIFY_ID_MAX + 24];
    int h = snprintf(head, sizeof head, "%s%s\n%lld\n", list_domain, k->prop,
                     (long long)k->n);
    unsigned char *msg;

    if (k->sig->len != crypto_sign_BYTES) {
        vr_fail(r, "%s: %zu bytes, not a %d-byte Ed25519 signature", k->sig->path,
                k->sig->len, crypto_sign_BYTES);
        return;
    }
    if (h < 0 || (size_t)h >= sizeof head ||
        !(msg = malloc((size_t)h + k->list->len + 1))) {
        vr_fail(r, "%s: out of memory checking the signature", k->sig->path);
        return;
    }
    memcpy(msg, head, (size_t)h);
    memcpy(msg + h, k->list->buf, k->list->len);
    if (crypto_sign_verify_detached((const unsigned char *)k->sig->buf, msg,
                                    (size_t)h + k->list->len, c->pk[k->kiosk]))
        vr_fail(r, "%s: not kiosk %d's signature (key at " KEYS ":%d) of the %lld "
                "ballots of %s; the list was changed or signed by another key",
                k->sig->path, k->kiosk, c->key_line[k->kiosk], (long long)k->n,
                k->list->path);
    free(msg);
}

static int cmp_kline(const void *a, const void *b)
{
    const kline *x = a, *y = b;
    int d = memcmp(x->s, y->s, x->n < y->n ? x->n : y->n);
    return d ? d : (x->n > y->n) - (x->n < y->n);
}

/* check_union: the kiosks' lines of closed proposal res, sorted, are
 * ballots/<id>.txt line for line; no id is in two kiosks' lists. */
static void check_union(const vbundle *b, const vparsed *p, kctx *c, int res,
                        vreport *r)
{
    const char *id = p->results.r[res].id, *s = NULL;
    char path[VERIFY_ID_MAX + 16];
    kline *v = c->scratch;
    size_t nv = 0, n = 0, i = 0;
    const vfile *f;
    vline bl;
    as_err e;
    int more;

    for (int k = 0; k < c->nl; k++)
        if (c->l[k].res == res && !c->l[k].ok)
            return; /* a list that did not parse was reported */
    if (c->unsure[res])
        return; /* nor one that could not be used */
    for (size_t j = 0; j < c->nlines; j++)
        if (c->l[c->lines[j].list].res == res)
            v[nv++] = c->lines[j];
    qsort(v, nv, sizeof *v, cmp_kline);
    snprintf(path, sizeof path, "ballots/%s.txt", id);
    if (!p->have_ballots[res] || !(f = vbundle_get(b, path)))
        return; /* the syntax check said why */
    vline_init(&bl, f->buf, f->len, path);
    more = vline_next(&bl, &s, &n, &e) == 1;
    while (i < nv || more) {
        int d = !more ? -1 : i >= nv ? 1 : memcmp(v[i].s, s, 32);
        if (i > 0 && i < nv && !memcmp(v[i - 1].s, v[i].s, 32)) {
            vr_fail(r, "%s:%d: the same ballot id as %s:%d; one ballot handed in "
                    "by two kiosks", c->l[v[i].list].list->path, v[i].line,
                    c->l[v[i - 1].list].list->path, v[i - 1].line);
            i++;
            continue;
        }
        if (d < 0)
            vr_fail(r, "%s:%d: not in %s; a ballot the kiosk handed in is missing "
                    "from the published list", c->l[v[i].list].list->path,
                    v[i].line, path);
        else if (d > 0)
            vr_fail(r, "%s:%d: in no kiosk's list; a ballot no kiosk signed "
                    "(or a kiosk's list is missing)", path, bl.line);
        else if (v[i].n != n || memcmp(v[i].s, s, n))
            vr_fail(r, "%s:%d: another choice than %s:%d for the same ballot id",
                    c->l[v[i].list].list->path, v[i].line, path, bl.line);
        if (d <= 0)
            i++;
        if (d >= 0)
            more = vline_next(&bl, &s, &n, &e) == 1;
    }
}

void verify_check_kiosk_lists(const vbundle *b, vparsed *p, vreport *r)
{
    kctx *c;
    size_t cap = 0;

    if (!vr_begin_need(r, "kiosk-lists", p->have_results,
                       "results.txt: not readable (see syntax)"))
        return;
    if (!(c = calloc(1, sizeof *c))) {
        vr_fail(r, KDIR ": out of memory");
        vr_end(r);
        return;
    }
    parse_keys(b, c, r);
    if (collect(b, p, c, r) == 0) {
        /* A ballot line is at least 35 bytes: a bound on the lines. */
        for (int k = 0; k < c->nl; k++)
            cap += c->l[k].list->len / 35 + 1;
        if (!(c->lines = calloc(cap + 1, sizeof *c->lines)) ||
            !(c->scratch = calloc(cap + 1, sizeof *c->scratch))) {
            free(c->lines);
            c->lines = NULL;
            vr_fail(r, KDIR ": out of memory");
        }
        for (int k = 0; c->lines && k < c->nl; k++) {
            c->l[k].n = check_lines(c, k, r);
            c->l[k].ok = c->l[k].n >= 0;
            if (c->l[k].ok)
                check_sig(c, &c->l[k], r);
        }
        for (int i = 0; c->lines && i < p->results.n; i++)
            if (p->results.r[i].state == VERIFY_CLOSED)
                check_union(b, p, c, i, r);
    }
    free(c->lines);
    free(c->scratch);
    free(c->unsure);
    free(c->l);
    free(c);
    vr_end(r);
}
