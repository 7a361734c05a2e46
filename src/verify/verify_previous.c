/* verify_previous.c: "a later bundle extends an earlier one" (§7). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "verify_bundle.h"

static int same_bytes(const vfile *a, const vfile *b)
{
    return a && b && a->len == b->len && memcmp(a->buf, b->buf, a->len) == 0;
}

/* The older bundle must itself be authentic: signed by the same key and
 * matching its own manifest. */
static void previous_authentic(const vbundle *old, const vparsed *p, vreport *r)
{
    const vfile *man = vbundle_get(old, "manifest.txt");
    const vfile *sig = vbundle_get(old, "manifest.sig");
    if (!man || !sig || sig->len != crypto_sign_BYTES) {
        vr_fail(r, "%s: no readable manifest.txt and manifest.sig", old->dir);
        return;
    }
    if (p->have_pk) {
        int ok = vsig_valid(p->pk, man, sig);
        if (ok < 0) {
            vr_fail(r, "%s: out of memory", old->dir);
            return;
        }
        if (!ok)
            vr_fail(r, "%s/manifest.sig: not signed by this bundle's key", old->dir);
    }
    verify_manifest m;
    as_err e;
    if (verify_manifest_parse(man->buf, man->len, "manifest.txt", &m, &e) != AS_OK) {
        vr_fail(r, "%s/%s", old->dir, e.msg);
        return;
    }
    for (int i = 0; i < m.n; i++) {
        const vfile *f = vbundle_get(old, m.e[i].path);
        if (!f || memcmp(f->hash, m.e[i].hash, RECORD_HASH_SIZE) != 0)
            vr_fail(r, "%s/%s: missing or not matching its manifest.txt:%d",
                    old->dir, m.e[i].path, m.e[i].line);
    }
    verify_manifest_free(&m);
}

/* line_in: 1 when the line s[0..n) (with its LF) is a whole line of f. */
static int line_in(const vfile *f, const char *s, size_t n)
{
    for (size_t at = 0; f && at + n <= f->len;) {
        const char *nl = memchr(f->buf + at, '\n', f->len - at);
        if (!nl)
            return 0;
        if ((size_t)(nl - (f->buf + at)) + 1 == n && !memcmp(f->buf + at, s, n))
            return 1;
        at = (size_t)(nl - f->buf) + 1;
    }
    return 0;
}

/* Several kiosks (§9): the kiosks' lists of the older bundle stay as they
 * were, and its kiosks keep their keys (a later bundle may add kiosks). */
static void previous_kiosks(const vbundle *b, const vbundle *old, vreport *r)
{
    for (int i = 0; i < old->nf; i++) {
        const vfile *o = &old->f[i];
        if (strncmp(o->path, "kiosks/", 7) || !o->buf)
            continue;
        if (strcmp(o->path, "kiosks/keys.txt") != 0) {
            if (!same_bytes(vbundle_get(b, o->path), o))
                vr_fail(r, "%s: differs from %s/%s or is missing; a kiosk's "
                        "list changed after its vote closed", o->path, old->dir,
                        o->path);
            continue;
        }
        const vfile *k = vbundle_get(b, o->path);
        int line = 1;
        for (size_t at = 0; at < o->len; line++) {
            const char *nl = memchr(o->buf + at, '\n', o->len - at);
            size_t n = nl ? (size_t)(nl - (o->buf + at)) + 1 : o->len - at;
            if (!nl || !line_in(k, o->buf + at, n)) {
                vr_fail(r, "kiosks/keys.txt: lacks %s/kiosks/keys.txt:%d; a "
                        "kiosk's key changed or went", old->dir, line);
                break;
            }
            at += n;
        }
    }
}

void verify_check_previous(const vbundle *b, vparsed *p, const vbundle *old,
                           vreport *r)
{
    vr_begin(r, "previous");
    previous_authentic(old, p, r);
    static const char *const same[] = {"meeting.yaml", "device.pub"};
    for (int i = 0; i < 2; i++)
        if (!same_bytes(vbundle_get(b, same[i]), vbundle_get(old, same[i])))
            vr_fail(r, "%s: differs from %s/%s; not the same meeting and device",
                    same[i], old->dir, same[i]);
    const vfile *ev = vbundle_get(b, "events.log");
    const vfile *oev = vbundle_get(old, "events.log");
    if (!ev || !oev || oev->len > ev->len || memcmp(oev->buf, ev->buf, oev->len) != 0)
        vr_fail(r, "events.log: %s/events.log is not a prefix of it; the log "
                "was rewritten", old->dir);
    const vfile *ores = vbundle_get(old, "results.txt");
    const vfile *res = vbundle_get(b, "results.txt");
    verify_results orr;
    as_err e;
    if (!ores || verify_results_parse(ores->buf, ores->len, "results.txt", &orr,
                                      &e) != AS_OK) {
        vr_fail(r, "%s/results.txt: missing or not readable", old->dir);
        vr_end(r);
        return;
    }
    if (!p->have_results || !res) {
        vr_skip(r, "results.txt: not readable (see syntax)");
        goto done;
    }
    for (int i = 0; i < orr.n; i++) {
        const verify_result *o = &orr.r[i];
        if (o->state != VERIFY_CLOSED)
            continue;
        int k = verify_results_find(&p->results, o->id);
        const verify_result *x = k >= 0 ? &p->results.r[k] : NULL;
        if (!x || x->len != o->len ||
            memcmp(res->buf + x->off, ores->buf + o->off, o->len) != 0) {
            vr_fail(r, "results.txt:%d: block of %s differs from %s/results.txt:%d, "
                    "where it was already closed", x ? x->line : 0, o->id, old->dir,
                    o->line);
            continue;
        }
        char path[128];
        snprintf(path, sizeof path, "ballots/%s.txt", o->id);
        if (!same_bytes(vbundle_get(b, path), vbundle_get(old, path)))
            vr_fail(r, "%s: differs from %s/%s, where %s was already closed", path,
                    old->dir, path, o->id);
    }
    previous_kiosks(b, old, r);
done:
    verify_results_free(&orr);
    vr_end(r);
}
