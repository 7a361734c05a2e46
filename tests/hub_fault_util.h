/* hub_fault_util.h: what the hub's fault and secrecy tests share (issue
 * 11): one meeting on a throwaway PostgreSQL cluster (hub_util.h) with
 * kiosks registered on it, each with its own data folder and signing key;
 * the badge hashes the tests cast (the same in the test and in the
 * hub_caster program); and the owner's view of the hub. */
#ifndef AS_TEST_HUB_FAULT_UTIL_H
#define AS_TEST_HUB_FAULT_UTIL_H

#include <stdint.h>
#include "hub.h"
#include "store.h"

#define HF_MAX_KIOSKS 4

/* One kiosk: its folder base/ holds data/ (the kiosk's data folder, what
 * hub_store_open gets) and key (pk||sk, 96 bytes, for hub_caster). */
typedef struct hf_kiosk {
    int id;
    char base[64];
    char data[80];
    char keyfile[80];
    char *conninfo; /* holds the kiosk's password */
    uint8_t pk[32], sk[64];
} hf_kiosk;

typedef struct hf_meeting {
    hub_cluster *c;
    char dir[256]; /* the cluster's folder, removed even when c is lost */
    uint8_t sha[32];
    char sha_hex[65];
    int nk;
    hf_kiosk k[HF_MAX_KIOSKS];
} hf_meeting;

/* hf_badge: the badge hash test badge number i (0..2^24) casts with. */
void hf_badge(int i, uint8_t out[32]);

/* hf_setup: a cluster, the hub installed for a random meeting, kiosks
 * 1..nk registered with folders and keys.  1 ready; 0 skipped (no
 * PostgreSQL: the skip line is printed); -1 failed (said on stderr). */
int hf_setup(hf_meeting *m, int nk);

/* HF_REQUIRE_HUB: in a test's main (check.h), after up = hf_setup(...):
 * ends the test unless up is 1: a skip (77) for 0, no PostgreSQL here;
 * a failure for -1. */
#define HF_REQUIRE_HUB(up)                                                  \
    do {                                                                    \
        if ((up) != 1) {                                                    \
            if ((up) == 0)                                                  \
                CHECK_SKIP(HUB_TEST_SKIP_LINE);                             \
            else                                                            \
                CHECK(!"a hub to test on");                                 \
            return check_done();                                            \
        }                                                                   \
    } while (0)

/* hf_teardown: stops the cluster, removes every folder, frees. */
void hf_teardown(hf_meeting *m);

/* hf_owner: the owner's conninfo (the superuser over the unix socket). */
const char *hf_owner(const hf_meeting *m);

/* hf_open: kiosk i's hub store (hub_store_open: recovery runs), or NULL
 * after printing why. */
store *hf_open(hf_meeting *m, int i);

/* hf_owner_int: one integer the owner's query returns (param: one text
 * parameter or NULL), or -1 when it fails. */
long long hf_owner_int(const hf_meeting *m, const char *sql, const char *param);

/* hf_marked: how many of badges[0..n) the hub holds a mark for on
 * proposal (as the owner), or -1 on error. */
long long hf_marked(const hf_meeting *m, const char *proposal,
                    const int *badges, int n);

/* hf_local: kiosk i's own data folder opened read-only (the kiosk must be
 * stopped): its ballots and voted flags on proposal into *ballots and
 * *voted, and into *pending 1 when its pending cell names a transaction.
 * 0, or -1 after printing why. */
int hf_local(hf_meeting *m, int i, const char *proposal, int64_t *ballots,
             int64_t *voted, int *pending);

/* hf_local_voted: how many of badges[0..n) kiosk i's own folder holds a
 * voted flag for on proposal, or -1 on error (read-only, kiosk stopped). */
int hf_local_voted(hf_meeting *m, int i, const char *proposal,
                   const int *badges, int n);

/* hf_sleep_ms: sleeps ms milliseconds (through signals). */
void hf_sleep_ms(long ms);

/* hf_now_ms: CLOCK_MONOTONIC in ms (the same clock in every process). */
int64_t hf_now_ms(void);

#endif
