/* hub_login.c: reading a kiosk's login file (hub.h hub_login_load).  The
 * file names the hub, the kiosk's role and password, and its CA file
 * relative to itself (hub-ca.pem beside it), so the two files can be
 * carried together from the hub to the kiosk.  TLS is never optional: a
 * file may not turn off checking the hub's certificate. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libpq-fe.h>
#include <sodium.h>
#include "file_read.h"
#include "hub.h"
#include "hub_tls.h"

/* root_path: the CA file v (NULL: hub-ca.pem) resolved against the login
 * file's folder when it is relative. */
static void root_path(char *out, size_t n, const char *file, const char *v)
{
    const char *slash = strrchr(file, '/');

    if (!v || !*v)
        v = HUB_CA_FILE;
    if (v[0] == '/' || !slash)
        snprintf(out, n, "%s", v);
    else
        snprintf(out, n, "%.*s/%s", (int)(slash - file), file, v);
}

/* rebuild: the parsed options again as one conninfo, sslmode=verify-full
 * and sslrootcert resolved. */
static as_status rebuild(const char *file, PQconninfoOption *opts, char **out,
                         as_err *err)
{
    size_t cap = 256;
    char *s, root[PATH_MAX + 32], q[2 * PATH_MAX + 80];
    const char *rootval = NULL;

    for (PQconninfoOption *o = opts; o->keyword; o++) {
        if (!o->val)
            continue;
        if (!strcmp(o->keyword, "sslmode") && strcmp(o->val, "verify-full"))
            return as_err_set(err, AS_EINVAL, "%s: sslmode=%s would not check the hub's "
                              "certificate; remove it (a kiosk always uses verify-full)",
                              file, o->val);
        if (!strcmp(o->keyword, "sslrootcert"))
            rootval = o->val;
        cap += strlen(o->keyword) + 2 * strlen(o->val) + 4;
    }
    root_path(root, sizeof root, file, rootval);
    hub_conninfo_value(q, sizeof q, root);
    cap += strlen(q) + 64;
    if (!(s = calloc(1, cap)))
        return as_err_set(err, AS_ENOMEM, "out of memory");
    for (PQconninfoOption *o = opts; o->keyword; o++) {
        char *v;
        size_t vn;
        if (!o->val || !strcmp(o->keyword, "sslmode") || !strcmp(o->keyword, "sslrootcert"))
            continue;
        vn = 2 * strlen(o->val) + 4;
        if (!(v = malloc(vn))) {
            sodium_memzero(s, cap);
            free(s);
            return as_err_set(err, AS_ENOMEM, "out of memory");
        }
        hub_conninfo_value(v, vn, o->val);
        snprintf(s + strlen(s), cap - strlen(s), "%s=%s ", o->keyword, v);
        sodium_memzero(v, vn);
        free(v);
    }
    snprintf(s + strlen(s), cap - strlen(s), "sslmode=verify-full sslrootcert=%s", q);
    *out = s;
    return AS_OK;
}

as_status hub_login_load(const char *path, char **conninfo, as_err *err)
{
    char *text = NULL, *why = NULL;
    size_t len = 0;
    PQconninfoOption *opts;
    as_status st;

    *conninfo = NULL;
    if ((st = file_read_regular(path, FILE_NOFOLLOW, 4096, "hub login file", &text, &len,
                                err)) != AS_OK) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err ? err->msg : "");
        return as_err_set(err, st, "%s: %s", path, msg);
    }
    text[strcspn(text, "\r\n")] = '\0';
    opts = PQconninfoParse(text, &why);
    if (!opts) {
        char first[200];
        snprintf(first, sizeof first, "%s", why ? why : "out of memory");
        first[strcspn(first, "\n")] = '\0';
        st = as_err_set(err, AS_EINVAL, "%s: not a hub login (%s); write it again with "
                        "asamblea hub add-kiosk, or join the hub with --join", path, first);
    } else {
        st = rebuild(path, opts, conninfo, err);
    }
    if (why)
        PQfreemem(why);
    if (opts)
        PQconninfoFree(opts);
    sodium_memzero(text, len);
    free(text);
    return st;
}
