/* verify_manifest.c: manifest.txt, the sha256sum-compatible list (§6). */
#include <stdlib.h>
#include <string.h>
#include "verify_internal.h"

/* A path the format can hold: "NAME", "ballots/NAME" or "kiosks/NAME"
 * (§9), NAME made of [A-Za-z0-9._-] not starting with '.', so never "..",
 * never absolute. */
static int path_ok(const char *s, size_t n)
{
    if (n > 8 && memcmp(s, "ballots/", 8) == 0) {
        s += 8;
        n -= 8;
    } else if (n > 7 && memcmp(s, "kiosks/", 7) == 0) {
        s += 7;
        n -= 7;
    }
    if (n == 0 || n > 255 || s[0] == '.')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

static int cmp_bytes(const char *a, size_t an, const char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    if (c)
        return c;
    return an < bn ? -1 : an > bn;
}

void verify_manifest_free(verify_manifest *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->n; i++)
        free(m->e[i].path);
    free(m->e);
    m->e = NULL;
    m->n = 0;
}

as_status verify_manifest_parse(const char *buf, size_t len, const char *name,
                                verify_manifest *out, as_err *err)
{
    as_status st = AS_OK;
    vline c;
    const char *s;
    size_t n;
    int r, cap = 0;
    out->n = 0;
    out->e = NULL;
    vline_init(&c, buf, len, name);
    while ((r = vline_next(&c, &s, &n, err)) == 1) {
        if (n < 67 || s[64] != ' ' || s[65] != ' ') {
            st = as_err_set(err, AS_EINVAL, "%s:%d: not \"<64 hex>  <path>\"",
                            name, c.line);
            goto fail;
        }
        verify_manifest_entry e;
        if (vhex(s, 64, e.hash, RECORD_HASH_SIZE) != 0) {
            st = as_err_set(err, AS_EINVAL, "%s:%d: hash is not 64 lowercase hex "
                            "digits", name, c.line);
            goto fail;
        }
        const char *p = s + 66;
        size_t pn = n - 66;
        if (!path_ok(p, pn)) {
            st = as_err_set(err, AS_EINVAL, "%s:%d: path is not a bundle file "
                            "name (NAME, ballots/NAME or kiosks/NAME)", name, c.line);
            goto fail;
        }
        if (out->n > 0) {
            const char *prev = out->e[out->n - 1].path;
            if (cmp_bytes(prev, strlen(prev), p, pn) >= 0) {
                st = as_err_set(err, AS_EINVAL, "%s:%d: paths not strictly "
                                "ascending (sorted bytewise, each once)", name, c.line);
                goto fail;
            }
        }
        if (out->n >= VERIFY_FILES_MAX) {
            st = as_err_set(err, AS_EINVAL, "%s:%d: more than %d files", name,
                            c.line, VERIFY_FILES_MAX);
            goto fail;
        }
        verify_manifest_entry *ne =
            out->n == cap ? vgrow(out->e, &cap, sizeof *ne, 16) : out->e;
        if (!ne) {
            st = as_err_set(err, AS_ENOMEM, "%s: out of memory", name);
            goto fail;
        }
        out->e = ne;
        e.path = malloc(pn + 1);
        if (!e.path) {
            st = as_err_set(err, AS_ENOMEM, "%s: out of memory", name);
            goto fail;
        }
        memcpy(e.path, p, pn);
        e.path[pn] = '\0';
        e.line = c.line;
        out->e[out->n++] = e;
    }
    if (r < 0) {
        st = AS_EINVAL;
        goto fail;
    }
    if (out->n == 0) {
        st = as_err_set(err, AS_EINVAL, "%s:1: empty manifest", name);
        goto fail;
    }
    return AS_OK;
fail:
    verify_manifest_free(out);
    return st;
}
