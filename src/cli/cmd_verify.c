/* cmd_verify.c: `asamblea verify BUNDLE [--root PROPOSAL=CODE]...
 * [--key FINGERPRINT] [--previous OLDER_BUNDLE]` (docs/verify.md).
 * One line per check on stdout; exit 0 all passed, 1 a check failed, 2
 * usage error or unreadable bundle. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "verify.h"

static void usage(FILE *f)
{
    fputs("usage: asamblea verify BUNDLE [--root PROPOSAL=CODE]... "
          "[--key FINGERPRINT] [--previous OLDER_BUNDLE]\n"
          "  BUNDLE        an export folder (asamblea-DATE-XXXXXXXX)\n"
          "  --root P=CODE the room code photographed when proposal P closed\n"
          "  --key FPR     the kiosk key fingerprint shown on the facilitator screen\n"
          "  --previous B  an earlier export of the same meeting that BUNDLE must extend\n",
          f);
}

static void print_line(void *ud, int ok, const char *check, const char *detail)
{
    (void)ud;
    if (ok == 1 && detail && detail[0])
        printf("ok: %s (note: %s)\n", check, detail);
    else if (ok == 1)
        printf("ok: %s\n", check);
    else
        printf("%s: %s: %s\n", ok == 0 ? "FAIL" : "SKIP", check, detail);
}

int cmd_verify(int argc, char **argv)
{
    verify_opts o;
    memset(&o, 0, sizeof o);
    verify_root_claim *roots = calloc((size_t)argc + 1, sizeof *roots);
    int rc = 2;
    if (!roots) {
        fputs("asamblea verify: out of memory\n", stderr);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            rc = 0;
            goto done;
        }
        int has_val = i + 1 < argc;
        if (!strcmp(a, "--root") || !strcmp(a, "--key") || !strcmp(a, "--previous")) {
            if (!has_val) {
                fprintf(stderr, "asamblea verify: %s needs a value\n", a);
                usage(stderr);
                goto done;
            }
            const char *v = argv[++i];
            if (!strcmp(a, "--key")) {
                o.key = v;
            } else if (!strcmp(a, "--previous")) {
                o.previous = v;
            } else {
                char *eq = strchr(v, '=');
                if (!eq || eq == v || !eq[1]) {
                    fprintf(stderr, "asamblea verify: --root %s: write "
                            "PROPOSAL=CODE, e.g. --root coat-drive=7Q3K-M2XA-...\n", v);
                    goto done;
                }
                *eq = '\0';
                roots[o.nroots].proposal = v;
                roots[o.nroots].code = eq + 1;
                o.nroots++;
            }
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "asamblea verify: unknown option '%s'\n", a);
            usage(stderr);
            goto done;
        } else if (o.bundle) {
            fprintf(stderr, "asamblea verify: one bundle at a time ('%s' and '%s')\n",
                    o.bundle, a);
            goto done;
        } else {
            o.bundle = a;
        }
    }
    if (!o.bundle) {
        usage(stderr);
        goto done;
    }
    o.roots = roots;
    as_err err;
    as_err_clear(&err);
    int nfail = 0;
    as_status st = verify_bundle(&o, print_line, NULL, &nfail, &err);
    if (st != AS_OK) {
        fprintf(stderr, "asamblea verify: %s\n", err.msg);
        goto done;
    }
    if (nfail) {
        printf("verification FAILED: %d problem%s; do not trust this bundle\n",
               nfail, nfail == 1 ? "" : "s");
        rc = 1;
    } else {
        printf("all checks passed\n");
        rc = 0;
    }
done:
    fflush(stdout);
    free(roots);
    return rc;
}
