/* verify_checks.c: the checks of one bundle, each reporting through the
 * vreport (one "ok" line, or one line per problem naming file and line). */
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>
#include <sodium.h>
#include "meeting.h"
#include "tally.h"
#include "verify_expect.h"

static const char *const listed_files[] = {
    "README.txt", "attendance.txt", "device.pem", "device.pub", "events.log",
    "meeting.yaml", "results.csv", "results.json", "results.txt"};
#define NLISTED (int)(sizeof listed_files / sizeof listed_files[0])

static const vfile *need(const vbundle *b, const char *path, vreport *r,
                         int skip)
{
    const vfile *f = vbundle_get(b, path);
    if (!f) {
        const vfile *u = vbundle_find(b, path);
        if (skip)
            vr_skip(r, "%s", u ? u->problem : "");
        else if (u)
            vr_fail(r, "%s", u->problem);
        else
            vr_fail(r, "%s: missing", path);
    }
    return f;
}

int vsig_valid(const uint8_t pk[32], const vfile *man, const vfile *sig)
{
    size_t dn = sizeof RECORD_SIG_DOMAIN - 1;
    unsigned char *msg = malloc(dn + man->len + 1);
    if (!msg)
        return -1;
    memcpy(msg, RECORD_SIG_DOMAIN, dn);
    memcpy(msg + dn, man->buf, man->len);
    int ok = sig->len == crypto_sign_BYTES &&
             crypto_sign_verify_detached((const unsigned char *)sig->buf, msg,
                                         dn + man->len, pk) == 0;
    free(msg);
    return ok;
}

void verify_check_signature(const vbundle *b, vparsed *p, vreport *r)
{
    as_err e;
    uint8_t pem_pk[32];
    vr_begin(r, "signature");
    const vfile *pub = need(b, "device.pub", r, 0);
    const vfile *pem = need(b, "device.pem", r, 0);
    const vfile *man = need(b, "manifest.txt", r, 0);
    const vfile *sig = need(b, "manifest.sig", r, 0);
    if (pub) {
        if (verify_pubkey_parse(pub->buf, pub->len, "device.pub", p->pk, &e) == AS_OK)
            p->have_pk = 1;
        else
            vr_fail(r, "%s", e.msg);
    }
    if (pem) {
        if (verify_pem_parse(pem->buf, pem->len, "device.pem", pem_pk, &e) != AS_OK)
            vr_fail(r, "%s", e.msg);
        else if (p->have_pk && memcmp(pem_pk, p->pk, 32) != 0)
            vr_fail(r, "device.pem: holds another key than device.pub");
    }
    if (sig && sig->len != crypto_sign_BYTES)
        vr_fail(r, "manifest.sig: %zu bytes, not a %d-byte Ed25519 signature",
                sig->len, crypto_sign_BYTES);
    else if (sig && man && p->have_pk) {
        int ok = vsig_valid(p->pk, man, sig);
        if (ok < 0)
            vr_fail(r, "manifest.txt: out of memory checking the signature");
        else if (!ok)
            vr_fail(r, "manifest.sig: not a valid signature of manifest.txt "
                    "by the key in device.pub; the bundle was changed or "
                    "signed by someone else");
    }
    vr_end(r);
}

void verify_check_key(vparsed *p, const char *key, vreport *r)
{
    vr_begin(r, "key");
    if (!p->have_pk) {
        vr_skip(r, "device.pub: no key to compare (see signature)");
    } else {
        char fpr[RECORD_FPR_SIZE];
        record_fingerprint(p->pk, fpr);
        if (!record_code_equal(fpr, key))
            vr_fail(r, "device.pub: fingerprint %s is not the one given with "
                    "--key; this bundle was signed by another device", fpr);
    }
    vr_end(r);
}

void verify_check_manifest(const vbundle *b, vparsed *p, vreport *r)
{
    as_err e;
    vr_begin(r, "manifest");
    const vfile *man = need(b, "manifest.txt", r, 0);
    if (man) {
        if (verify_manifest_parse(man->buf, man->len, "manifest.txt", &p->manifest,
                                  &e) != AS_OK) {
            vr_fail(r, "%s", e.msg);
        } else {
            p->have_manifest = 1;
            for (int i = 0; i < p->manifest.n; i++) {
                const verify_manifest_entry *me = &p->manifest.e[i];
                const vfile *f = vbundle_get(b, me->path);
                if (f && memcmp(f->hash, me->hash, RECORD_HASH_SIZE) != 0)
                    vr_fail(r, "%s: SHA-256 differs from manifest.txt:%d; the "
                            "file was changed", me->path, me->line);
            }
        }
    }
    vr_end(r);
}

void verify_check_syntax(const vbundle *b, vparsed *p, vreport *r)
{
    as_err e;
    const vfile *f;
    vr_begin(r, "syntax");
    if ((f = need(b, "results.txt", r, 0)) != NULL) {
        if (verify_results_parse(f->buf, f->len, "results.txt", &p->results, &e) == AS_OK)
            p->have_results = 1;
        else
            vr_fail(r, "%s", e.msg);
    }
    if ((f = need(b, "attendance.txt", r, 0)) != NULL) {
        if (verify_attendance_parse(f->buf, f->len, "attendance.txt", &p->attendance,
                                    &e) == AS_OK)
            p->have_attendance = 1;
        else
            vr_fail(r, "%s", e.msg);
    }
    if ((f = need(b, "events.log", r, 0)) != NULL) {
        if (verify_events_parse(f->buf, f->len, "events.log", &p->events, &e) == AS_OK)
            p->have_events = 1;
        else
            vr_fail(r, "%s", e.msg);
    }
    if (p->have_results) {
        int n = p->results.n;
        p->have_ballots = calloc((size_t)n + 1, sizeof *p->have_ballots);
        p->ballots = calloc((size_t)n + 1, sizeof *p->ballots);
        if (!p->have_ballots || !p->ballots) {
            vr_fail(r, "results.txt: out of memory");
            vr_end(r);
            return;
        }
        for (int i = 0; i < n; i++) {
            if (p->results.r[i].state != VERIFY_CLOSED)
                continue;
            char path[128];
            snprintf(path, sizeof path, "ballots/%s.txt", p->results.r[i].id);
            if ((f = need(b, path, r, 0)) == NULL)
                continue;
            as_status st = verify_ballots_parse_method(f->buf, f->len, path,
                                                       p->results.r[i].method,
                                                       &p->ballots[i], &e);
            if (st == AS_OK)
                p->have_ballots[i] = 1;
            else
                vr_fail(r, "%s", e.msg);
        }
    }
    vr_end(r);
}

static int listed(const vparsed *p, const char *path)
{
    for (int i = 0; i < p->manifest.n; i++)
        if (!strcmp(p->manifest.e[i].path, path))
            return 1;
    return 0;
}

void verify_check_files(const vbundle *b, vparsed *p, vreport *r)
{
    vr_begin(r, "files");
    for (int i = 0; i < b->nwalk_problems; i++)
        vr_fail(r, "%s", b->walk_problem[i]);
    for (int i = 0; i < b->nf; i++)
        if (!b->f[i].buf && b->f[i].problem[0])
            vr_fail(r, "%s", b->f[i].problem);
    if (!p->have_manifest) {
        vr_skip(r, "manifest.txt: no file list to compare (see manifest)");
        vr_end(r);
        return;
    }
    for (int i = 0; i < NLISTED; i++)
        if (!listed(p, listed_files[i]))
            vr_fail(r, "manifest.txt: does not list %s, which every bundle has",
                    listed_files[i]);
    for (int i = 0; i < p->manifest.n; i++) {
        const char *path = p->manifest.e[i].path;
        if (!vbundle_find(b, path))
            vr_fail(r, "%s: listed in manifest.txt:%d but missing from the bundle",
                    path, p->manifest.e[i].line);
        int known = 0;
        for (int k = 0; k < NLISTED; k++)
            known |= !strcmp(path, listed_files[k]);
        known |= !strcmp(path, UNRECORDED);
        /* kiosks/ names are the kiosk-lists check's (§9) */
        if (!known && strncmp(path, "ballots/", 8) != 0 &&
            strncmp(path, "kiosks/", 7) != 0)
            vr_fail(r, "manifest.txt:%d: %s is not a file of the format",
                    p->manifest.e[i].line, path);
        if (!strcmp(path, "manifest.txt") || !strcmp(path, "manifest.sig"))
            vr_fail(r, "manifest.txt:%d: lists %s, which it must not",
                    p->manifest.e[i].line, path);
    }
    for (int i = 0; i < b->nf; i++) {
        const char *path = b->f[i].path;
        if (strcmp(path, "manifest.txt") && strcmp(path, "manifest.sig") &&
            !listed(p, path))
            vr_fail(r, "%s: extra file, not in manifest.txt", path);
    }
    if (p->have_results) {
        /* ballots/ holds exactly the closed proposals' lists. */
        for (int i = 0; i < p->manifest.n; i++) {
            const char *path = p->manifest.e[i].path;
            if (strncmp(path, "ballots/", 8) != 0)
                continue;
            size_t n = strlen(path + 8);
            char id[VERIFY_ID_MAX];
            int k = -1;
            if (n > 4 && n - 4 < sizeof id && !strcmp(path + 8 + n - 4, ".txt")) {
                memcpy(id, path + 8, n - 4);
                id[n - 4] = '\0';
                k = verify_results_find(&p->results, id);
            }
            if (k < 0 || p->results.r[k].state != VERIFY_CLOSED)
                vr_fail(r, "%s: not the ballot list of a closed proposal of "
                        "results.txt", path);
        }
        for (int i = 0; i < p->results.n; i++) {
            char path[128];
            if (p->results.r[i].state != VERIFY_CLOSED)
                continue;
            snprintf(path, sizeof path, "ballots/%s.txt", p->results.r[i].id);
            if (!listed(p, path))
                vr_fail(r, "manifest.txt: does not list %s (proposal %s is closed)",
                        path, p->results.r[i].id);
        }
    }
    vr_end(r);
}

void verify_check_attendance(const vbundle *b, vparsed *p, vreport *r)
{
    if (!vr_begin_need(r, "attendance", p->have_results && p->have_attendance,
                       "results.txt, attendance.txt: not readable (see syntax)"))
        return;
    const verify_attendance *a = &p->attendance;
    for (int i = 0; i < p->results.n; i++) {
        const verify_result *x = &p->results.r[i];
        if (x->state != VERIFY_CLOSED)
            continue;
        /* The block's checked-in is presence at close (quorum only):
         * people who voted and left before the close still attended. */
        if (x->ballots > a->attended)
            vr_fail(r, "results.txt:%d: %s has more ballots (%lld) than people "
                    "who attended (attendance.txt's attended, %lld)", x->line,
                    x->id, (long long)x->ballots, (long long)a->attended);
        if (x->checked_in > a->attended)
            vr_fail(r, "results.txt:%d: %s closed with more people checked in "
                    "(%lld) than ever attended (attendance.txt's attended, %lld)",
                    x->line, x->id, (long long)x->checked_in,
                    (long long)a->attended);
        /* A proposal's own `quorum:` overrides the meeting's. */
        const meeting *m = vparsed_meeting(b, p);
        int k = m ? meeting_find(m, x->id) : -1;
        if (k >= 0 && m->props[k].quorum >= 0) {
            int q = vexp_quorum(&m->props[k], a);
            if (x->quorum != q)
                vr_fail(r, "results.txt:%d: %s has quorum %lld, its own quorum "
                        "in meeting.yaml gives %d", x->line, x->id,
                        (long long)x->quorum, q);
        } else if (x->quorum != a->quorum) {
            vr_fail(r, "results.txt:%d: %s has quorum %lld, attendance.txt %lld",
                    x->line, x->id, (long long)x->quorum, (long long)a->quorum);
        }
    }
    vr_end(r);
}

void verify_check_roots(vparsed *p, vreport *r)
{
    if (!vr_begin_need(r, "roots", p->have_results,
                       "results.txt: not readable (see syntax)"))
        return;
    for (int i = 0; i < p->results.n; i++) {
        const verify_result *x = &p->results.r[i];
        if (x->state != VERIFY_CLOSED)
            continue;
        if (!p->have_ballots[i])
            vr_skip(r, "ballots/%s.txt: not readable (see syntax)", x->id);
        else if (memcmp(p->ballots[i].root, x->root, RECORD_HASH_SIZE) != 0)
            vr_fail(r, "results.txt:%d: root of %s is not the Merkle root of "
                    "ballots/%s.txt", x->line, x->id, x->id);
    }
    vr_end(r);
}

void verify_check_room_codes(vparsed *p, const verify_opts *o, vreport *r)
{
    vr_begin(r, "ballot-list-code");
    for (int i = 0; i < o->nroots; i++) {
        const verify_root_claim *c = &o->roots[i];
        int k = p->have_results ? verify_results_find(&p->results, c->proposal) : -1;
        if (k < 0 || p->results.r[k].state != VERIFY_CLOSED) {
            vr_fail(r, "--root %.64s: no closed proposal with that id in "
                    "results.txt", c->proposal);
            continue;
        }
        if (!p->have_ballots[k]) {
            vr_skip(r, "ballots/%s.txt: not readable (see syntax)", c->proposal);
            continue;
        }
        char code[RECORD_ROOM_CODE_SIZE];
        uint8_t full[RECORD_HASH_SIZE];
        record_room_code(p->ballots[k].root, code);
        /* The full root in hex, in either case (a QR code's text has it
         * in capitals: record_qr_text). */
        char hex[65] = "";
        for (int j = 0; j < 64 && c->code[j]; j++)
            hex[j] = (char)tolower((unsigned char)c->code[j]);
        hex[64] = '\0';
        int ok = strlen(c->code) == 64 && vhex(hex, 64, full, sizeof full) == 0
                     ? memcmp(full, p->ballots[k].root, sizeof full) == 0
                     : record_code_equal(code, c->code);
        if (!ok)
            vr_fail(r, "ballots/%s.txt: its root's ballot-list code is %s, not the code "
                    "given for %s; the ballots are not those the room saw", c->proposal,
                    code, c->proposal);
    }
    vr_end(r);
}
