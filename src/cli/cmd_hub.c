/* cmd_hub.c: `asamblea hub`: the meeting's hub when several kiosks serve
 * one meeting (docs/several-kiosks.md).
 *   hub init --meeting M.yaml --data DIR [--listen ADDR] [--port N]
 *       makes the PostgreSQL cluster in DIR, starts it and installs the
 *       meeting (its schema, functions and a fresh token key);
 *   hub start --data DIR / hub stop --data DIR
 *   hub pair --data DIR [--number N] [--name NAME] [--host ADDR] [--png FILE]
 *       makes a one-time pairing code (hub.h) for one kiosk and shows it
 *       as text and as a QR code (hub init shows the first one); the
 *       kiosk joins with it (asamblea kiosk ... --join CODE, or a scan);
 *   hub add-kiosk --data DIR --number N --name NAME [--host ADDR] -o FILE
 *       registers a kiosk by hand and writes FILE (mode 0600: it holds
 *       the kiosk's password) and the hub's CA certificate beside it
 *       (hub-ca.pem); the kiosk is started with --hub FILE.
 * Exit 0 done, 2 bad arguments or a hub that cannot be made or reached. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>
#include "file_read.h"
#include "commands.h"
#include "cli_util.h"
#include "file_write.h"
#include "hub.h"
#include "hub_qr.h"
#include "hub_store.h"
#include "meeting.h"

typedef struct {
    const char *meeting, *data, *listen, *name, *host, *out, *png;
    int port, number;
} hub_args;

static void usage(FILE *f)
{
    fprintf(f, "usage: asamblea hub init --meeting MEETING.yaml --data DIR "
            "[--listen ADDR] [--port N]\n"
            "       asamblea hub start --data DIR\n"
            "       asamblea hub stop --data DIR\n"
            "       asamblea hub pair --data DIR [--number N] [--name NAME] "
            "[--host ADDR] [--png FILE]\n"
            "       asamblea hub add-kiosk --data DIR --number N --name NAME "
            "[--host ADDR] -o FILE\n"
            "  The hub lets several kiosks serve one meeting "
            "(docs/several-kiosks.md).\n"
            "  --listen ADDR  the address kiosks reach the hub at (default "
            "127.0.0.1: this machine only)\n"
            "  --port N       the hub's port (default 5432)\n"
            "  pair           a one-time code (for %d minutes) one kiosk joins "
            "with: asamblea kiosk --meeting M --data D --join CODE; init shows "
            "the first\n"
            "  --png FILE     pair also writes the code's QR code as a picture\n"
            "  -o FILE        where add-kiosk writes the kiosk's login (mode "
            "0600) and, beside it, hub-ca.pem; start that kiosk with --hub FILE\n",
            HUB_PAIR_MINUTES);
}

static int number(const char *opt, const char *v, int lo, int hi, int *out)
{
    char *end;
    long n;
    errno = 0;
    n = strtol(v, &end, 10);
    if (errno || *end || end == v || n < lo || n > hi) {
        fprintf(stderr, "asamblea hub: %s takes a number from %d to %d: %s\n",
                opt, lo, hi, v);
        return 2;
    }
    *out = (int)n;
    return 0;
}

static int parse(int argc, char **argv, hub_args *a)
{
    for (int i = 2; i < argc; i++) {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        const char **slot = !strcmp(o, "--meeting") ? &a->meeting
                            : !strcmp(o, "--data")   ? &a->data
                            : !strcmp(o, "--listen") ? &a->listen
                            : !strcmp(o, "--name")   ? &a->name
                            : !strcmp(o, "--host")   ? &a->host
                            : !strcmp(o, "-o")       ? &a->out
                            : !strcmp(o, "--png")    ? &a->png
                                                     : NULL;
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
            usage(stdout);
            return -1;
        }
        if (!v || (!slot && strcmp(o, "--port") && strcmp(o, "--number"))) {
            fprintf(stderr, "asamblea hub: %s %s\n", o,
                    v ? "is not an option of hub (see asamblea hub --help)"
                      : "needs a value");
            return 2;
        }
        i++;
        if (slot)
            *slot = v;
        else if (number(o, v, !strcmp(o, "--port") ? 1024 : 1,
                        !strcmp(o, "--port") ? 65535 : 999,
                        !strcmp(o, "--port") ? &a->port : &a->number))
            return 2;
    }
    if (!a->data) {
        fputs("asamblea hub: --data DIR is required (the hub's own folder)\n", stderr);
        return 2;
    }
    return 0;
}

static int fail(const as_err *err)
{
    fprintf(stderr, "asamblea hub: %s\n", err->msg);
    return 2;
}

/* show_pairing: a new pairing code for the hub c runs, as text, as a QR
 * code on stdout and (--png) as a picture.  0, or 2 after a message. */
static int show_pairing(const hub_cluster *c, const hub_args *a)
{
    char ca[4200], code[HUB_PAIR_CODE_MAX];
    as_err err;

    snprintf(ca, sizeof ca, "%s/tls/ca.pem", hub_cluster_dir(c));
    if (hub_pair_new(hub_cluster_conninfo(c), a->host, hub_cluster_port(c), ca,
                     a->number, a->name, code, &err) != AS_OK ||
        (a->png && hub_qr_png(a->png, code, &err) != AS_OK))
        return fail(&err);
    printf("To join a kiosk to this hub, scan this code with its badge scanner, or "
           "start it with\n  asamblea kiosk --meeting MEETING.yaml --data DIR --join "
           "%s\nThe code works once, for %d minutes; make one per kiosk with asamblea "
           "hub pair --data %s\n", code, HUB_PAIR_MINUTES, a->data);
    if (hub_qr_print(stdout, code, isatty(STDOUT_FILENO)) != 0)
        fputs("(the code could not be drawn as a QR code; type it instead)\n", stdout);
    if (a->png)
        printf("The QR code is also in %s (keep it to yourself: it admits one "
               "kiosk)\n", a->png);
    return 0;
}

static int init(const hub_args *a)
{
    meeting *m = NULL;
    hub_cluster *c = NULL;
    diag_list diag;
    as_err err;
    int rc = 2;

    if (!a->meeting) {
        fputs("asamblea hub init: --meeting MEETING.yaml is required\n", stderr);
        return 2;
    }
    diag_init(&diag);
    if (meeting_load(a->meeting, &m, &diag) != AS_OK) {
        cli_print_diags(&diag);
        fprintf(stderr, "asamblea hub: fix the meeting file (try `asamblea "
                "check %s`) and run hub init again\n", a->meeting);
        goto out;
    }
    if (hub_cluster_create(a->data, a->listen ? a->listen : "127.0.0.1",
                           a->port ? a->port : 5432, &err) != AS_OK ||
        hub_cluster_start(a->data, &c, &err) != AS_OK ||
        hub_install(hub_cluster_conninfo(c), m->sha256, &err) != AS_OK) {
        rc = fail(&err);
        goto out;
    }
    printf("hub running for %s on port %d\n", a->meeting, hub_cluster_port(c));
    rc = show_pairing(c, a);
out:
    hub_cluster_free(c); /* the server keeps running */
    meeting_free(m);
    diag_free(&diag);
    return rc;
}

/* write_login: add-kiosk's FILE (0600): the conninfo with TLS pinned to
 * hub-ca.pem, which is written beside it (a copy of DIR/tls/ca.pem). */
static as_status write_login(const char *out, const char *ci, const char *dir,
                             as_err *err)
{
    char from[4200], to[4200], *pem = NULL, *text;
    const char *slash = strrchr(out, '/');
    file_write_opts key = {0600, 0}, pub = {0644, 0};
    size_t n = 0, tn = strlen(ci) + 64;
    as_status st;

    snprintf(from, sizeof from, "%s/tls/ca.pem", dir);
    if ((st = file_read_regular(from, FILE_NOFOLLOW, 65536, "certificate", &pem, &n,
                                err)) != AS_OK)
        return as_err_set(err, st, "%s cannot be read: this hub has no certificate "
                          "(was it made with --listen?)", from);
    if (slash)
        snprintf(to, sizeof to, "%.*s/" HUB_CA_FILE, (int)(slash - out), out);
    else
        snprintf(to, sizeof to, HUB_CA_FILE);
    if ((st = file_write_atomic(to, pem, n, &pub, err)) == AS_OK) {
        if (!(text = malloc(tn))) {
            free(pem);
            return as_err_set(err, AS_ENOMEM, "out of memory");
        }
        n = (size_t)snprintf(text, tn, "%s sslmode=verify-full sslrootcert=" HUB_CA_FILE
                             "\n", ci);
        st = file_write_atomic(out, text, n, &key, err);
        sodium_memzero(text, tn);
        free(text);
    }
    free(pem);
    return st;
}

static int add_kiosk(const hub_args *a)
{
    hub_cluster *c = NULL;
    char *ci = NULL;
    as_err err;
    int rc = 2;

    if (!a->number || !a->name || !a->out) {
        fputs("asamblea hub add-kiosk: --number, --name and -o FILE are "
              "required\n", stderr);
        return 2;
    }
    if (hub_cluster_attach(a->data, &c, &err) != AS_OK ||
        hub_add_kiosk(hub_cluster_conninfo(c), a->number, a->name,
                      a->host ? a->host : "127.0.0.1", hub_cluster_port(c),
                      &ci, &err) != AS_OK) {
        rc = fail(&err);
        goto out;
    }
    if (write_login(a->out, ci, hub_cluster_dir(c), &err) != AS_OK) {
        rc = fail(&err);
        goto out;
    }
    printf("kiosk %d (%s) added; copy %s and hub-ca.pem beside it to the kiosk "
           "and start it with: asamblea kiosk --meeting MEETING.yaml --data DIR "
           "--hub %s\n", a->number, a->name, a->out, a->out);
    rc = 0;
out:
    free(ci);
    hub_cluster_free(c);
    return rc;
}

int cmd_hub(int argc, char **argv)
{
    hub_args a = {0};
    hub_cluster *c = NULL;
    as_err err;
    const char *verb = argc > 1 ? argv[1] : "";
    int rc;

    if (!strcmp(verb, "--help") || !strcmp(verb, "-h")) {
        usage(stdout);
        return 0;
    }
    if (strcmp(verb, "init") && strcmp(verb, "start") && strcmp(verb, "stop") &&
        strcmp(verb, "add-kiosk") && strcmp(verb, "pair")) {
        usage(stderr);
        return 2;
    }
    if ((rc = parse(argc, argv, &a)) != 0)
        return rc < 0 ? 0 : rc;
    if (!strcmp(verb, "init"))
        return init(&a);
    if (!strcmp(verb, "add-kiosk"))
        return add_kiosk(&a);
    if (!strcmp(verb, "pair")) {
        if (hub_cluster_attach(a.data, &c, &err) != AS_OK)
            return fail(&err);
        rc = show_pairing(c, &a);
        hub_cluster_free(c);
        return rc;
    }
    if ((!strcmp(verb, "stop") ? hub_cluster_attach(a.data, &c, &err)
                               : hub_cluster_start(a.data, &c, &err)) != AS_OK)
        return fail(&err);
    if (!strcmp(verb, "stop") && hub_cluster_stop(c, &err) != AS_OK)
        return fail(&err);
    if (!strcmp(verb, "start")) {
        printf("hub running on port %d\n", hub_cluster_port(c));
        hub_cluster_free(c);
    }
    return 0;
}
