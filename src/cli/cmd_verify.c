/* cmd_verify.c: `asamblea verify BUNDLE [--root PROPOSAL=CODE]...
 * [--key FINGERPRINT] [--previous OLDER_BUNDLE]` (docs/verify.md).
 * One line per check on stdout; exit 0 all passed, 1 a check failed, 2
 * usage error or unreadable bundle. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "commands.h"
#include "opts.h"
#include "verify.h"

static void usage(FILE *f, int help)
{
    (void)help;
    fputs("usage: asamblea verify BUNDLE [--root PROPOSAL=CODE]... "
          "[--key FINGERPRINT] [--previous OLDER_BUNDLE]\n"
          "  BUNDLE        an export folder (asamblea-DATE-XXXXXXXX)\n"
          "  --root P=CODE the ballot-list code photographed when proposal P closed\n"
          "                (or the text of its QR code: ASAMBLEA:V1:P:ROOT)\n"
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

typedef struct {
    verify_opts *o;
    verify_root_claim *roots;
} parse_ctx;

enum { K_ROOT = OPTS_LONG, K_KEY, K_PREVIOUS };

/* qr_claim: the text of a ballot-list code's QR code, as a phone's
 * scanner app shows it (record_qr_text: ASAMBLEA:V1:<ID>:<64 HEX>), taken
 * as --root ID=HEX: lower-cased in place (argv's own bytes).  Returns 1
 * when v was one. */
static int qr_claim(char *v, verify_root_claim *c)
{
    char *last;
    if (strncasecmp(v, "ASAMBLEA:V1:", 12) != 0)
        return 0;
    last = strrchr(v + 12, ':');
    if (!last || last == v + 12 || strlen(last + 1) != 64)
        return 0;
    *last = '\0';
    for (char *q = v + 12; *q; q++)
        *q = (char)tolower((unsigned char)*q);
    for (char *q = last + 1; *q; q++)
        *q = (char)tolower((unsigned char)*q);
    c->proposal = v + 12;
    c->code = last + 1;
    return 1;
}

/* on_opt: --root PROPOSAL=CODE (repeatable; or the QR code's text) and
 * the bundle. */
static int on_opt(void *ud, int key, const char *v)
{
    parse_ctx *c = ud;
    if (key == OPTS_ARG) {
        if (c->o->bundle) {
            fprintf(stderr, "asamblea verify: one bundle at a time ('%s' and '%s')\n",
                    c->o->bundle, v);
            return 2;
        }
        c->o->bundle = v;
        return 0;
    }
    if (qr_claim((char *)v, &c->roots[c->o->nroots])) {
        c->o->nroots++;
        return 0;
    }
    const char *eq = strchr(v, '=');
    if (!eq || eq == v || !eq[1]) {
        fprintf(stderr, "asamblea verify: --root %s: write "
                "PROPOSAL=CODE, e.g. --root coat-drive=7Q3K-M2XA-...\n", v);
        return 2;
    }
    /* The proposal is the text before '=': argv's own bytes, cut there. */
    *(char *)eq = '\0';
    c->roots[c->o->nroots].proposal = v;
    c->roots[c->o->nroots].code = eq + 1;
    c->o->nroots++;
    return 0;
}

int cmd_verify(int argc, char **argv)
{
    verify_opts o;
    memset(&o, 0, sizeof o);
    verify_root_claim *roots = calloc((size_t)argc + 1, sizeof *roots);
    parse_ctx c = {&o, roots};
    const opts_def defs[] = {{"root", K_ROOT, OPTS_VALUE, NULL, NULL, 1},
                             {"key", K_KEY, OPTS_VALUE, &o.key, NULL, 0},
                             {"previous", K_PREVIOUS, OPTS_VALUE, &o.previous, NULL, 0},
                             {0}};
    const opts_spec spec = {"asamblea verify", defs, usage, on_opt, &c};
    int rc = 2;
    if (!roots) {
        fputs("asamblea verify: out of memory\n", stderr);
        return 2;
    }
    if ((rc = opts_parse(&spec, argc, argv)) != 0) {
        rc = rc < 0 ? 0 : rc;
        goto done;
    }
    rc = 2;
    if (!o.bundle) {
        usage(stderr, 0);
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
