/* record_hash.c: the hashes of the record: RFC 6962 leaves and Merkle
 * roots, the event chain and key fingerprints (docs/export-format.md
 * §2, §5, §6), all SHA-256 from libsodium. */
#include <sodium.h>
#include <string.h>
#include "record.h"
#include "record_internal.h"

void record_leaf_hash(const char *line, size_t n, uint8_t out[RECORD_HASH_SIZE])
{
    static const uint8_t leaf_prefix = 0x00;
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, &leaf_prefix, 1);
    crypto_hash_sha256_update(&st, (const unsigned char *)line, n);
    crypto_hash_sha256_final(&st, out);
}

static void node_hash(const uint8_t l[RECORD_HASH_SIZE],
                      const uint8_t r[RECORD_HASH_SIZE], uint8_t out[RECORD_HASH_SIZE])
{
    static const uint8_t node_prefix = 0x01;
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, &node_prefix, 1);
    crypto_hash_sha256_update(&st, l, RECORD_HASH_SIZE);
    crypto_hash_sha256_update(&st, r, RECORD_HASH_SIZE);
    crypto_hash_sha256_final(&st, out);
}

/* Level by level, pairing neighbours and lifting an odd last node
 * unchanged: this builds exactly RFC 6962's tree (split at the largest
 * power of two below n), without recursion and in place. */
void record_merkle_root(uint8_t (*leaves)[RECORD_HASH_SIZE], size_t n,
                        uint8_t root[RECORD_HASH_SIZE])
{
    if (n == 0) {
        crypto_hash_sha256(root, (const unsigned char *)"", 0);
        return;
    }
    while (n > 1) {
        size_t m = 0;
        for (size_t i = 0; i + 1 < n; i += 2)
            node_hash(leaves[i], leaves[i + 1], leaves[m++]);
        if (n % 2)
            memmove(leaves[m++], leaves[n - 1], RECORD_HASH_SIZE);
        n = m;
    }
    memcpy(root, leaves[0], RECORD_HASH_SIZE);
}

void record_event_hash(const uint8_t prev[RECORD_HASH_SIZE], const char *text,
                       size_t n, uint8_t out[RECORD_HASH_SIZE])
{
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)RECORD_EVENT_DOMAIN,
                              sizeof RECORD_EVENT_DOMAIN - 1);
    crypto_hash_sha256_update(&st, prev, RECORD_HASH_SIZE);
    crypto_hash_sha256_update(&st, (const unsigned char *)text, n);
    crypto_hash_sha256_final(&st, out);
}

void record_fingerprint(const uint8_t pk[32], char out[RECORD_FPR_SIZE])
{
    uint8_t h[RECORD_HASH_SIZE];
    crypto_hash_sha256(h, pk, 32);
    record_base32_groups(h, 10, out);
}
