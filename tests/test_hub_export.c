/* test_hub_export.c: the bundle of a meeting held by several kiosks on a
 * real PostgreSQL 15 hub (issue 11).  Three kiosks join one hub, each
 * with its own data folder and device key; votes are cast at two of them,
 * the close waits for kiosk 2's list, and then export_write at kiosk 1 and
 * at kiosk 2 both write bundles that `verify` passes with "ok:
 * kiosk-lists": kiosks/keys.txt holds the three kiosks with the
 * fingerprints of their device keys (kiosk 3, which cast nothing, handed
 * in an empty list), and both bundles carry the same lists and ballots.
 * SKIP (77) without PostgreSQL. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "check.h"
#include "export.h"
#include "hub_store.h"
#include "hub_util.h"
#include "meeting.h"
#include "record.h"
#include "test_verify_util.h"

#define NKIOSKS 3
#define PROP "coat-drive"

typedef struct {
    char dir[64];
    char *conninfo;
    uint8_t pk[32], sk[64];
    store *s;
} kiosk;

static as_status cast(kiosk *k, int b, const char *choice)
{
    uint8_t h[32] = {(uint8_t)b, 0x6b};
    as_err err = {{0}};
    return store_cast_text(k->s, PROP, h, choice, &err);
}

/* read_all: a file's bytes (NUL terminated) or NULL. */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = malloc(1 << 16);
    *len = f && buf ? fread(buf, 1, (1 << 16) - 1, f) : 0;
    if (f)
        fclose(f);
    if (buf)
        buf[*len] = '\0';
    return buf;
}

/* same_file: 1 when dir1/rel and dir2/rel hold the same bytes. */
static int same_file(const char *d1, const char *d2, const char *rel)
{
    char p1[EXPORT_PATH_MAX + 64], p2[EXPORT_PATH_MAX + 64];
    size_t n1, n2;
    snprintf(p1, sizeof p1, "%s/%s", d1, rel);
    snprintf(p2, sizeof p2, "%s/%s", d2, rel);
    char *a = read_all(p1, &n1), *b = read_all(p2, &n2);
    int same = a && b && n1 == n2 && n1 > 0 && !memcmp(a, b, n1);
    free(a);
    free(b);
    return same;
}

static void check_bundle(const char *dir, const kiosk *k)
{
    tb_report c;
    char path[EXPORT_PATH_MAX + 64], want[512];
    size_t n, wl = 0;
    CHECK_MSG(tb_verify(dir, NULL, &c) == 0, "%s:\n%s", dir, c.text);
    CHECK_MSG(strstr(c.text, "ok: kiosk-lists: \n") != NULL, "%s", c.text);
    snprintf(path, sizeof path, "%s/kiosks/keys.txt", dir);
    char *keys = read_all(path, &n);
    /* kiosk 3 cast nothing but ticked while the vote closed: it handed in
     * an empty list, and its key is there too */
    for (int i = 0; i < NKIOSKS; i++) {
        char hex[65], fpr[RECORD_FPR_SIZE];
        record_hex(k[i].pk, 32, hex);
        record_fingerprint(k[i].pk, fpr);
        wl += (size_t)snprintf(want + wl, sizeof want - wl, "%03d %s %s\n", i + 1,
                               hex, fpr);
    }
    CHECK_STR(keys, want);
    free(keys);
    snprintf(path, sizeof path, "%s/kiosks/" PROP ".003.list", dir);
    free(read_all(path, &n));
    CHECK_INT(n, 0);
}

int main(void)
{
    hub_cluster *c = NULL;
    kiosk k[NKIOSKS];
    meeting *m = NULL;
    diag_list d;
    as_err err = {{0}};
    export_summary s1, s2;
    char usb1[64] = "/tmp/asamblea-hubx-usb1-XXXXXX",
         usb2[64] = "/tmp/asamblea-hubx-usb2-XXXXXX";
    size_t ylen = strlen(tb_meeting_yaml);
    int up = hub_test_cluster(&c);

    if (up == 0) {
        CHECK_SKIP(HUB_TEST_SKIP_LINE);
        return check_done();
    }
    CHECK(up == 1);
    if (up != 1 || sodium_init() < 0)
        return check_done();
    diag_init(&d);
    CHECK(meeting_from_memory("meeting.yaml", tb_meeting_yaml, ylen,
                              "name,role,token\n", &m, &d) == AS_OK);
    diag_free(&d);
    const char *owner = hub_cluster_conninfo(c);
    CHECK_INT(hub_install(owner, m->sha256, &err), AS_OK);
    memset(k, 0, sizeof k);
    for (int i = 0; i < NKIOSKS; i++) {
        char name[32];
        snprintf(k[i].dir, sizeof k[i].dir, "/tmp/asamblea-hubx%d-XXXXXX", i + 1);
        snprintf(name, sizeof name, "Kiosk %d", i + 1);
        CHECK(mkdtemp(k[i].dir) != NULL);
        CHECK_INT(hub_add_kiosk(owner, i + 1, name, NULL, 0, &k[i].conninfo, &err),
                  AS_OK);
        /* the key that signs its lists is its device key, as app_start.c */
        CHECK_INT(export_device_key(k[i].dir, k[i].pk, k[i].sk, &err), AS_OK);
        CHECK_INT(hub_store_open(k[i].dir, k[i].conninfo, m->sha256, k[i].pk,
                                 k[i].sk, &k[i].s, &err), AS_OK);
    }
    if (!k[0].s || !k[1].s || !k[2].s) {
        fprintf(stderr, "hub: %s\n", err.msg);
        goto done;
    }
    for (int b = 1; b <= 9; b++) {
        uint8_t h[32] = {(uint8_t)b, 0x6b};
        CHECK_INT(store_checkin(k[b % 2].s, h, NULL, &err), AS_OK);
    }
    CHECK_INT(store_open_proposal(k[0].s, PROP, 8, &err), AS_OK);
    static const char *const choice[] = {"yes", "no", "yes", "abstain", "yes",
                                         "yes", "no", "yes", "no"};
    for (int b = 1; b <= 9; b++)
        CHECK_INT(cast(&k[b <= 5 ? 0 : 1], b, choice[b - 1]), AS_OK);
    {
        const char *ids[1] = {PROP};
        CHECK_INT(store_set_proposal_state(k[0].s, PROP, PROP_CLOSED, &err), AS_ESTATE);
        CHECK_INT(hub_store_tick(k[1].s, ids, 1, &err), AS_OK);
        CHECK_INT(hub_store_tick(k[2].s, ids, 1, &err), AS_OK);
        CHECK_INT(store_set_proposal_state(k[0].s, PROP, PROP_CLOSED, &err), AS_OK);
    }
    CHECK(mkdtemp(usb1) && mkdtemp(usb2));
    as_err_clear(&err);
    CHECK_INT(export_write(m, tb_meeting_yaml, ylen, meeting_quorum(m), 10, k[0].s,
                           k[0].dir, usb1, &s1, &err), AS_OK);
    if (err.msg[0])
        fprintf(stderr, "export at kiosk 1: %s\n", err.msg);
    CHECK_INT(export_write(m, tb_meeting_yaml, ylen, meeting_quorum(m), 10, k[1].s,
                           k[1].dir, usb2, &s2, &err), AS_OK);
    check_bundle(s1.path, k);
    check_bundle(s2.path, k);
    /* Exported at either kiosk, the lists and ballots are the same bytes
     * (the manifest differs: each kiosk signs its own export). */
    static const char *const same[] = {"ballots/" PROP ".txt", "kiosks/keys.txt",
                                       "kiosks/" PROP ".001.list",
                                       "kiosks/" PROP ".001.sig",
                                       "kiosks/" PROP ".002.list",
                                       "kiosks/" PROP ".002.sig",
                                       "kiosks/" PROP ".003.sig"};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        CHECK_MSG(same_file(s1.path, s2.path, same[i]), "%s", same[i]);
done:
    for (int i = 0; i < NKIOSKS; i++) {
        store_free(k[i].s);
        free(k[i].conninfo);
        if (k[i].dir[0] && strstr(k[i].dir, "XXXXXX") == NULL)
            hub_test_rm_rf(k[i].dir);
    }
    hub_test_rm_rf(usb1);
    hub_test_rm_rf(usb2);
    meeting_free(m);
    hub_test_cluster_done(c);
    return check_done();
}
