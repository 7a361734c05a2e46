/* verify_key.c: device.pub (64 hex + LF) and device.pem (the same key as
 * an Ed25519 SubjectPublicKeyInfo in PEM, for openssl). */
#include <string.h>
#include <sodium.h>
#include "verify_internal.h"

as_status verify_pubkey_parse(const char *buf, size_t len, const char *name,
                              uint8_t pk[32], as_err *err)
{
    if (len != 65 || buf[64] != '\n' || vhex(buf, 64, pk, 32) != 0)
        return as_err_set(err, AS_EINVAL, "%s:1: not 64 lowercase hex digits "
                          "and an LF", name);
    return AS_OK;
}

/* RFC 8410: SEQUENCE { SEQUENCE { OID 1.3.101.112 } BIT STRING { key } }. */
static const uint8_t spki_prefix[12] = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03,
                                        0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

as_status verify_pem_parse(const char *buf, size_t len, const char *name,
                           uint8_t pk[32], as_err *err)
{
    static const char head[] = "-----BEGIN PUBLIC KEY-----\n";
    static const char tail[] = "\n-----END PUBLIC KEY-----\n";
    size_t hn = sizeof head - 1, tn = sizeof tail - 1;
    if (len < hn + tn + 1 || len > 256 || memcmp(buf, head, hn) != 0 ||
        memcmp(buf + len - tn, tail, tn) != 0)
        return as_err_set(err, AS_EINVAL, "%s:1: not a PEM \"PUBLIC KEY\" block "
                          "(BEGIN line, one base64 line, END line, LF ends)", name);
    uint8_t der[64];
    size_t dn = 0;
    const char *end = NULL;
    if (sodium_base642bin(der, sizeof der, buf + hn, len - hn - tn, NULL, &dn,
                          &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != buf + len - tn)
        return as_err_set(err, AS_EINVAL, "%s:2: not valid base64", name);
    if (dn != sizeof spki_prefix + 32 || memcmp(der, spki_prefix, sizeof spki_prefix))
        return as_err_set(err, AS_EINVAL, "%s:2: not an Ed25519 public key "
                          "(RFC 8410 SubjectPublicKeyInfo)", name);
    memcpy(pk, der + sizeof spki_prefix, 32);
    return AS_OK;
}
