/* cmd_hub.c: `asamblea hub`: the meeting's hub when several kiosks serve
 * one meeting (docs/several-kiosks.md).
 *   hub init --meeting M.yaml --data DIR [--listen ADDR] [--port N]
 *       makes the PostgreSQL cluster in DIR, starts it and installs the
 *       meeting (its schema, functions and a fresh token key);
 *   hub start --data DIR / hub stop --data DIR
 *   hub add-kiosk --data DIR --number N --name NAME [--host ADDR] -o FILE
 *       registers a kiosk and writes FILE (mode 0600: it holds the
 *       kiosk's password), which the kiosk is started with (--hub FILE).
 * Exit 0 done, 2 bad arguments or a hub that cannot be made or reached. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "commands.h"
#include "cli_util.h"
#include "file_write.h"
#include "hub.h"
#include "hub_store.h"
#include "meeting.h"

typedef struct {
    const char *meeting, *data, *listen, *name, *host, *out;
    int port, number;
} hub_args;

static void usage(FILE *f)
{
    fputs("usage: asamblea hub init --meeting MEETING.yaml --data DIR "
          "[--listen ADDR] [--port N]\n"
          "       asamblea hub start --data DIR\n"
          "       asamblea hub stop --data DIR\n"
          "       asamblea hub add-kiosk --data DIR --number N --name NAME "
          "[--host ADDR] -o FILE\n"
          "  The hub lets several kiosks serve one meeting "
          "(docs/several-kiosks.md).\n"
          "  --listen ADDR  the address kiosks reach the hub at (default "
          "127.0.0.1: this machine only)\n"
          "  --port N       the hub's port (default 5432)\n"
          "  -o FILE        where add-kiosk writes the kiosk's login (mode "
          "0600); start that kiosk with --hub FILE\n", f);
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
    printf("hub running for %s on port %d; add kiosks with asamblea hub "
           "add-kiosk --data %s --number N --name NAME -o FILE\n", a->meeting,
           hub_cluster_port(c), a->data);
    rc = 0;
out:
    hub_cluster_free(c); /* the server keeps running */
    meeting_free(m);
    diag_free(&diag);
    return rc;
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
    {
        size_t n = strlen(ci);
        ci[n] = '\n';
        file_write_opts wo = {0};
        wo.mode = 0600;
        if (file_write_atomic(a->out, ci, n + 1, &wo, &err) != AS_OK) {
            ci[n] = '\0';
            rc = fail(&err);
            goto out;
        }
        ci[n] = '\0';
    }
    printf("kiosk %d (%s) added; start it with: asamblea kiosk --meeting "
           "MEETING.yaml --data DIR --hub %s\n", a->number, a->name, a->out);
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
        strcmp(verb, "add-kiosk")) {
        usage(stderr);
        return 2;
    }
    if ((rc = parse(argc, argv, &a)) != 0)
        return rc < 0 ? 0 : rc;
    if (!strcmp(verb, "init"))
        return init(&a);
    if (!strcmp(verb, "add-kiosk"))
        return add_kiosk(&a);
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
