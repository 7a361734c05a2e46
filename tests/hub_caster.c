/* hub_caster.c: a kiosk on a hub that only casts, for the fault tests
 * (test_hub_faults; issue 11).  A test starts it, kills it or freezes the
 * hub under it, and checks what it said against what the stores hold.
 *
 *   hub_caster [--retry-ms N] [--idle-ms N] DATA CONNINFO SHA256_HEX
 *              KEYFILE FROM..TO PROPOSAL CHOICE
 *
 * opens the kiosk's hub store (hub_store_open, which recovers first; with
 * --retry-ms it keeps trying while the hub cannot be reached), prints
 * "ready", then casts CHOICE for test badges FROM..TO (hf_badge) in turn.
 * After each cast it prints, and flushes, one line:
 *   recorded B START END [paused]        the vote was taken (AS_OK): what
 *                                        the voter would see as "recorded"
 *   refused B STATUS START END [paused]  it was not (as_status number)
 * START and END are CLOCK_MONOTONIC milliseconds around the cast; "paused"
 * when hub_store_paused says the kiosk would show "paused, reconnecting".
 * With --retry-ms N a cast refused because the hub cannot be reached
 * (AS_EIO) is tried again after N ms, until it is taken or refused for
 * another reason.  With --idle-ms N it then idles N ms as a kiosk does
 * between voters, calling hub_store_tick every 250 ms (the app calls it
 * about once a second).  Only this test program prints badge numbers: they are
 * test badges, never a person's.  Exit 0 after the last badge; 2 for bad
 * arguments; 3 when the store cannot be opened. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sodium.h>
#include "hub_fault_util.h"
#include "hub_store.h"

static int usage(const char *why)
{
    fprintf(stderr, "hub_caster: %s\nusage: hub_caster [--retry-ms N] "
            "[--idle-ms N] DATA CONNINFO SHA256_HEX KEYFILE FROM..TO PROPOSAL "
            "CHOICE\n", why);
    return 2;
}

static int read_key(const char *path, uint8_t pk[32], uint8_t sk[64])
{
    uint8_t both[97];
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n = fd >= 0 ? read(fd, both, sizeof both) : -1;
    if (fd >= 0)
        close(fd);
    if (n != 96)
        return 0;
    memcpy(pk, both, 32);
    memcpy(sk, both + 32, 64);
    sodium_memzero(both, sizeof both);
    return 1;
}

/* Casts badge b until it is taken or refused for good. */
static void cast_one(store *s, const char *proposal, int b, const char *choice,
                     long retry_ms)
{
    uint8_t h[32];
    hf_badge(b, h);
    for (;;) {
        as_err err = {{0}};
        int64_t t0 = hf_now_ms();
        as_status st = store_cast_text(s, proposal, h, choice, &err);
        int64_t t1 = hf_now_ms();
        const char *paused = hub_store_paused(s) ? " paused" : "";
        if (st == AS_OK)
            printf("recorded %d %lld %lld%s\n", b, (long long)t0, (long long)t1,
                   paused);
        else
            printf("refused %d %d %lld %lld%s\n", b, (int)st, (long long)t0,
                   (long long)t1, paused);
        fflush(stdout);
        if (st != AS_OK && st != AS_EIO)
            fprintf(stderr, "hub_caster: badge %d: %s\n", b, err.msg);
        if (st != AS_EIO || retry_ms <= 0)
            return;
        hf_sleep_ms(retry_ms);
    }
}

int main(int argc, char **argv)
{
    uint8_t sha[32], pk[32], sk[64];
    long retry_ms = 0, idle_ms = 0, from, to;
    char *end;
    store *s = NULL;
    as_status st;
    int a = 1;

    while (argc - a > 1 && !strncmp(argv[a], "--", 2)) {
        long *v = !strcmp(argv[a], "--retry-ms") ? &retry_ms
                  : !strcmp(argv[a], "--idle-ms") ? &idle_ms : NULL;
        if (!v)
            return usage("unknown option");
        *v = strtol(argv[a + 1], &end, 10);
        if (*end || *v < 1 || *v > 60000)
            return usage("--retry-ms and --idle-ms want 1..60000");
        a += 2;
    }
    if (argc - a != 7)
        return usage("wrong number of arguments");
    if (sodium_init() < 0)
        return usage("libsodium cannot start");
    if (strlen(argv[a + 2]) != 64 ||
        sodium_hex2bin(sha, 32, argv[a + 2], 64, NULL, NULL, NULL) != 0)
        return usage("SHA256_HEX is not 64 hex digits");
    if (!read_key(argv[a + 3], pk, sk))
        return usage("KEYFILE does not hold 96 bytes (pk||sk)");
    from = strtol(argv[a + 4], &end, 10);
    if (end == argv[a + 4] || strncmp(end, "..", 2) != 0)
        return usage("FROM..TO wanted");
    to = strtol(end + 2, &end, 10);
    if (*end || from < 0 || to < from || to > 0xffffff)
        return usage("FROM..TO wants 0 <= FROM <= TO <= 16777215");
    for (;;) {
        as_err err = {{0}};
        st = hub_store_open(argv[a], argv[a + 1], sha, pk, sk, &s, &err);
        if (st == AS_OK)
            break;
        if (st != AS_EIO || retry_ms <= 0) {
            fprintf(stderr, "hub_caster: %s\n", err.msg);
            return 3;
        }
        hf_sleep_ms(retry_ms);
    }
    sodium_memzero(sk, sizeof sk);
    printf("ready\n");
    fflush(stdout);
    for (long b = from; b <= to; b++)
        cast_one(s, argv[a + 5], (int)b, argv[a + 6], retry_ms);
    for (int64_t until = hf_now_ms() + idle_ms; hf_now_ms() < until;) {
        const char *ids[1] = {argv[a + 5]};
        as_err err = {{0}};
        hub_store_tick(s, ids, 1, &err);
        hf_sleep_ms(250);
    }
    store_free(s);
    return 0;
}
