/* hub_tls.c: the hub's certificate authority and server certificate
 * (hub.h), made by the openssl program (Debian's package openssl), never
 * by code of ours; fingerprints are libsodium's SHA-256 of a
 * certificate's DER bytes.
 *
 * Why `openssl ca` rather than `openssl req -x509`: a kiosk is a
 * Raspberry Pi without a battery clock, offline, whose clock may lag the
 * hub's by days; a certificate valid only from the moment the hub made
 * it would then be "not yet valid" there and every login would fail.
 * `openssl ca -startdate` lets both certificates be valid from 2020 on.
 * The CA's private key is deleted once the server's certificate is
 * signed: no other certificate can ever chain to this CA, so a stolen
 * kiosk file or a copied hub folder cannot mint a second hub. */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "file_read.h"
#include "file_write.h"
#include "hub.h"
#include "hub_tls.h"

#define NOT_BEFORE "20200101000000Z"
#define NOT_AFTER "20991231235959Z"

int hub_tls_tool(const char *name, char *out, size_t n)
{
    const char *path = getenv("PATH");
    char full[PATH_MAX + 64];

    if (!path || !*path)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        size_t k = strcspn(path, ":");
        if (k > 0 && k < n && k < PATH_MAX) {
            snprintf(full, sizeof full, "%.*s/%s", (int)k, path, name);
            if (access(full, X_OK) == 0) {
                snprintf(out, n, "%.*s", (int)k, path);
                return 0;
            }
        }
        path += k + (path[k] == ':');
    }
    return -1;
}

void hub_conninfo_value(char *out, size_t n, const char *v)
{
    size_t k = 0;

    if (n == 0)
        return;
    if (*v && strpbrk(v, " \t\n'\\") == NULL) {
        snprintf(out, n, "%s", v);
        return;
    }
    if (n < 3) {
        out[0] = '\0';
        return;
    }
    out[k++] = '\'';
    for (; *v && k + 3 < n; v++) {
        if (*v == '\'' || *v == '\\')
            out[k++] = '\\';
        out[k++] = *v;
    }
    out[k++] = '\'';
    out[k] = '\0';
}

int hub_tls_next_cert(const char *text, size_t *pos, size_t *start, size_t *len,
                      uint8_t sha[32])
{
    static const char begin[] = "-----BEGIN CERTIFICATE-----";
    static const char end[] = "-----END CERTIFICATE-----";
    const char *b = strstr(text + *pos, begin), *e, *body;
    unsigned char der[16384];
    size_t derlen = 0;

    if (!b || !(e = strstr(b, end)))
        return 0;
    body = b + sizeof begin - 1;
    if (sodium_base642bin(der, sizeof der, body, (size_t)(e - body), " \t\r\n",
                          &derlen, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        derlen == 0)
        return 0;
    crypto_hash_sha256(sha, der, derlen);
    *start = (size_t)(b - text);
    *len = (size_t)(e - b) + sizeof end - 1;
    *pos = *start + *len;
    return 1;
}

as_status hub_tls_fingerprint(const char *pem_path, uint8_t sha[32], as_err *err)
{
    char *text = NULL;
    size_t len = 0, pos = 0, s, n;
    as_status st;

    if ((st = file_read_regular(pem_path, FILE_FOLLOW, 1 << 20, "certificate file", &text,
                                &len, err)) != AS_OK) {
        char why[sizeof err->msg];
        snprintf(why, sizeof why, "%s", err ? err->msg : "");
        return as_err_set(err, st, "%s: %s", pem_path, why);
    }
    if (!hub_tls_next_cert(text, &pos, &s, &n, sha))
        st = as_err_set(err, AS_ECORRUPT, "%s holds no certificate; make the hub again "
                        "(asamblea hub init) or restore the file", pem_path);
    free(text);
    return st;
}

/* write_config: the openssl configuration for making the CA and the
 * server's certificate (subjectAltName: the kiosks' address for the hub,
 * and this machine's own names). */
static as_status write_config(const char *path, const char *listen, as_err *err)
{
    char text[2048], extra[64] = "";
    file_write_opts wo = {0600, 0};

    if (strcmp(listen, "127.0.0.1") != 0)
        snprintf(extra, sizeof extra, "IP:%s,", listen);
    snprintf(text, sizeof text,
             "# Written by asamblea (src/hub/hub_tls.c); removed when done.\n"
             "[ca]\ndefault_ca = hub_ca\n"
             "[hub_ca]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\n"
             "default_md = sha256\npolicy = hub_policy\nunique_subject = no\n"
             "email_in_dn = no\ncopy_extensions = none\n"
             "[hub_policy]\ncommonName = supplied\n"
             "[req]\ndistinguished_name = hub_dn\nprompt = no\n"
             "[hub_dn]\nCN = unused\n"
             "[ca_ext]\nbasicConstraints = critical,CA:true,pathlen:0\n"
             "keyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n"
             "[server_ext]\nbasicConstraints = critical,CA:false\n"
             "keyUsage = critical,digitalSignature,keyEncipherment\n"
             "extendedKeyUsage = serverAuth\n"
             "subjectAltName = %sIP:127.0.0.1,DNS:localhost\n"
             "subjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid\n",
             extra);
    return file_write_atomic(path, text, strlen(text), &wo, err);
}

/* openssl: runs `openssl argv...` as u in folder work, its output
 * appended to log. */
static as_status openssl(const hub_runas *u, const char *work, const char *log,
                         char *const argv[], as_err *err)
{
    char bindir[PATH_MAX];
    int rc;

    if (hub_tls_tool("openssl", bindir, sizeof bindir) != 0)
        return as_err_set(err, AS_ENOENT, "the openssl program is not on PATH; install "
                          "Debian's package openssl and try again");
    rc = hub_cluster_run(u, work, log, bindir, "openssl", argv);
    if (rc < 0)
        return as_err_set(err, AS_EIO, "cannot run %s/openssl (%s)", bindir,
                          strerror(errno));
    if (rc != 0)
        return as_err_set(err, AS_EIO, "openssl %s failed (exit status %d); see %s",
                          argv[1], rc, log);
    return AS_OK;
}

/* run_steps: the CA (self-signed by `openssl ca -selfsign`) and the
 * server's key and certificate, in the folder work. */
static as_status run_steps(const hub_runas *u, const char *work, const char *log,
                           const char *listen, as_err *err)
{
    uint8_t r[8];
    char subj[80], cn[80], serial[24];
    file_write_opts wo = {0600, 0};
    char *ca_req[] = {"openssl", "req", "-new", "-config", "hub-ca.cnf", "-newkey", "ec",
                      "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                      "ca.key", "-out", "ca.csr", "-subj", subj, NULL};
    char *ca_sign[] = {"openssl", "ca", "-batch", "-config", "hub-ca.cnf", "-selfsign",
                       "-keyfile", "ca.key", "-in", "ca.csr", "-out", "ca.pem",
                       "-startdate", NOT_BEFORE, "-enddate", NOT_AFTER, "-extensions",
                       "ca_ext", "-notext", NULL};
    char *srv_req[] = {"openssl", "req", "-new", "-config", "hub-ca.cnf", "-newkey", "ec",
                       "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout",
                       "server.key", "-out", "server.csr", "-subj", cn, NULL};
    char *srv_sign[] = {"openssl", "ca", "-batch", "-config", "hub-ca.cnf", "-cert",
                        "ca.pem", "-keyfile", "ca.key", "-in", "server.csr", "-out",
                        "server.pem", "-startdate", NOT_BEFORE, "-enddate", NOT_AFTER,
                        "-extensions", "server_ext", "-notext", NULL};
    char path[PATH_MAX + 32];
    as_status st;

    randombytes_buf(r, sizeof r);
    r[0] &= 0x7f; /* a positive serial number */
    sodium_bin2hex(serial, sizeof serial, r, sizeof r);
    serial[16] = '\n';
    serial[17] = '\0';
    /* a fresh name per CA: two hubs' certificates are never confused */
    snprintf(subj, sizeof subj, "/CN=asamblea hub CA %.8s", serial);
    snprintf(cn, sizeof cn, "/CN=%s", listen);
    snprintf(path, sizeof path, "%s/serial", work);
    if ((st = file_write_atomic(path, serial, 17, &wo, err)) != AS_OK)
        return st;
    snprintf(path, sizeof path, "%s/index.txt", work);
    if ((st = file_write_atomic(path, "", 0, &wo, err)) != AS_OK)
        return st;
    snprintf(path, sizeof path, "%s/hub-ca.cnf", work);
    if ((st = write_config(path, listen, err)) != AS_OK)
        return st;
    /* the scratch files were made by us: u must be able to update them */
    static const char *const mine[] = {"serial", "index.txt", "hub-ca.cnf"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", work, mine[i]);
        if (hub_cluster_give(u, path) != 0)
            return file_write_error(err, errno, "give the file to the cluster's user",
                                    path);
    }
    if ((st = openssl(u, work, log, ca_req, err)) != AS_OK ||
        (st = openssl(u, work, log, ca_sign, err)) != AS_OK ||
        (st = openssl(u, work, log, srv_req, err)) != AS_OK)
        return st;
    return openssl(u, work, log, srv_sign, err);
}

/* install: tls/ca.pem, tls/server.key (0600) and tls/server.pem (the
 * server's certificate followed by the CA's: the chain a kiosk fetches
 * when it pairs) from the folder work. */
static as_status install(const char *tls, const char *work, const hub_runas *u,
                         as_err *err)
{
    char from[PATH_MAX + 32], to[PATH_MAX + 32], *srv = NULL, *ca = NULL, *chain = NULL;
    size_t ns = 0, nc = 0;
    file_write_opts wo = {0644, 0};
    as_status st;

    snprintf(from, sizeof from, "%s/server.pem", work);
    if ((st = file_read_regular(from, FILE_NOFOLLOW, 65536, "certificate", &srv, &ns,
                                err)) != AS_OK)
        goto done;
    snprintf(from, sizeof from, "%s/ca.pem", work);
    if ((st = file_read_regular(from, FILE_NOFOLLOW, 65536, "certificate", &ca, &nc,
                                err)) != AS_OK)
        goto done;
    if (!(chain = malloc(ns + nc + 1))) {
        st = as_err_set(err, AS_ENOMEM, "out of memory");
        goto done;
    }
    memcpy(chain, srv, ns);
    memcpy(chain + ns, ca, nc);
    snprintf(to, sizeof to, "%s/ca.pem", tls);
    if ((st = file_write_atomic(to, ca, nc, &wo, err)) != AS_OK)
        goto done;
    snprintf(to, sizeof to, "%s/server.pem", tls);
    if ((st = file_write_atomic(to, chain, ns + nc, &wo, err)) != AS_OK)
        goto done;
    snprintf(from, sizeof from, "%s/server.key", work);
    snprintf(to, sizeof to, "%s/server.key", tls);
    /* openssl made the key 0600 as u; chmod again in case of an odd umask */
    if (chmod(from, 0600) != 0 || rename(from, to) != 0)
        st = file_write_error(err, errno, "move the server's key into place", to);
    else if ((st = file_sync_dir(tls, err)) == AS_OK) {
        snprintf(to, sizeof to, "%s/ca.pem", tls);
        snprintf(from, sizeof from, "%s/server.pem", tls);
        if (hub_cluster_give(u, to) != 0 || hub_cluster_give(u, from) != 0)
            st = file_write_error(err, errno, "give the certificates to the cluster's "
                                  "user", tls);
    }
done:
    free(srv);
    free(ca);
    free(chain);
    return st;
}

/* remove_work: the scratch folder and everything in it (the CA's key
 * among them). */
static void remove_work(const char *work)
{
    DIR *d = opendir(work);
    struct dirent *de;
    char path[PATH_MAX + 300];

    if (!d)
        return;
    while ((de = readdir(d)) != NULL) {
        if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
            continue;
        snprintf(path, sizeof path, "%s/%s", work, de->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(work);
}

as_status hub_tls_make(const char *dir, const char *listen, const hub_runas *u,
                       as_err *err)
{
    char tls[PATH_MAX + 8], work[PATH_MAX + 16], log[PATH_MAX + 16];
    struct in_addr a;
    struct stat sb;
    as_status st;

    if (!listen || inet_pton(AF_INET, listen, &a) != 1)
        return as_err_set(err, AS_EINVAL, "\"%s\": not an IPv4 address for the hub's "
                          "certificate; give one like 192.168.4.1", listen ? listen : "");
    snprintf(tls, sizeof tls, "%s/tls", dir);
    snprintf(work, sizeof work, "%s/tls/make", dir);
    snprintf(log, sizeof log, "%s/openssl.log", dir);
    if (lstat(tls, &sb) == 0)
        return as_err_set(err, AS_ESTATE, "%s already exists: this folder has its "
                          "certificates; choose an empty folder", tls);
    if (mkdir(tls, 0700) != 0 || hub_cluster_give(u, tls) != 0 || mkdir(work, 0700) != 0 ||
        hub_cluster_give(u, work) != 0)
        return file_write_error(err, errno, "create the certificate folder", tls);
    st = run_steps(u, work, log, listen, err);
    if (st == AS_OK)
        st = install(tls, work, u, err);
    remove_work(work);
    return st;
}

as_status hub_tls_create(const char *dir, const char *listen_addr, as_err *err)
{
    hub_runas me = {0, 0, 0};

    if (!dir || !*dir)
        return as_err_set(err, AS_EINVAL, "no folder given for the certificates");
    return hub_tls_make(dir, listen_addr, &me, err);
}
