/* hub_tls.h: the hub's TLS pieces shared inside src/hub (hub_tls.c):
 * making the certificate authority with the cluster's user, finding the
 * openssl program, reading certificates out of PEM text, and quoting a
 * value for a libpq connection string.  Private to src/hub. */
#ifndef AS_HUB_TLS_H
#define AS_HUB_TLS_H

#include <stddef.h>
#include <stdint.h>
#include "hub_cluster_proc.h"
#include "status.h"

/* hub_tls_make: hub_tls_create (hub.h), the files given to u (the
 * cluster's user, who must read server.key). */
as_status hub_tls_make(const char *dir, const char *listen_addr, const hub_runas *u,
                       as_err *err);

/* hub_tls_tool: the folder on $PATH holding the program name (openssl,
 * timeout) into out; 0, or -1 when none does. */
int hub_tls_tool(const char *name, char *out, size_t n);

/* hub_tls_next_cert: the next "-----BEGIN CERTIFICATE-----" block of the
 * NUL-terminated PEM text at or after *pos: its first byte at *start, its
 * length (through the END line) in *len, the SHA-256 of its DER bytes in
 * sha; *pos moves past it.  1 found, 0 no more blocks (a block whose
 * base64 does not decode, or is cut off, ends the search too). */
int hub_tls_next_cert(const char *text, size_t *pos, size_t *start, size_t *len,
                      uint8_t sha[32]);

/* hub_conninfo_value: v as a libpq connection string value into out:
 * bare when it needs no quoting, else '...' with \' and \\ (libpq's
 * rule).  Truncates (never overflows) when out is too small. */
void hub_conninfo_value(char *out, size_t n, const char *v);

#endif
