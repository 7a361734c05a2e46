/* test_cli_opts.c: every command of the real program refuses a bad
 * command line the same way (src/base/opts.c): an unknown option, an
 * option without its value (or with an empty one), a flag given a value,
 * an option given twice and a stray argument each get one line on stderr
 * that starts "asamblea COMMAND:" and names the option, exit status 2,
 * nothing on stdout; --help prints the usage on stdout and exits 0. */
#include "check.h"
#include "test_cli_util.h"

static char tmpdir[64];
static char out[65536], err[65536];

/* run: asamblea with args (NULL-terminated, at most 10). */
static int run(const char *const *args)
{
    const char *argv[12] = {"asamblea"};
    int n = 0;
    while (args[n] && n < 10) {
        argv[n + 1] = args[n];
        n++;
    }
    argv[n + 1] = NULL;
    return tc_run(argv, tmpdir, out, sizeof out, err, sizeof err);
}

/* refused: exit 2, nothing on stdout, and the first line of stderr
 * starts with want (which starts "asamblea CMD:"). */
#define REFUSED(want, ...)                                                     \
    do {                                                                       \
        const char *const args_[] = {__VA_ARGS__, NULL};                       \
        int rc_ = run(args_);                                                  \
        CHECK_MSG(rc_ == 2, "%s: status %d", want, rc_);                       \
        CHECK_MSG(out[0] == '\0', "%s: stdout \"%s\"", want, out);             \
        CHECK_MSG(!strncmp(err, want, strlen(want)), "stderr \"%s\", expected \"%s\"", \
                  err, want);                                                  \
    } while (0)

/* Every command's name as the messages spell it, and its argv. */
static const struct {
    const char *name;    /* in messages */
    const char *argv[2]; /* the words that select it */
    const char *value;   /* an option that takes a value */
    const char *flag;    /* a flag, or NULL */
    int args;            /* takes positional arguments */
    const char *good;    /* a value the option takes (NULL: any) */
} cmds[] = {
    {"asamblea check", {"check"}, NULL, NULL, 1, NULL},
    {"asamblea roster issue", {"roster", "issue"}, NULL, NULL, 1, NULL},
    {"asamblea roster import", {"roster", "import"}, "--name-column", "--force", 1, NULL},
    {"asamblea kiosk", {"kiosk"}, "--data", "--volatile-data-ok", 0, NULL},
    {"asamblea demo", {"demo"}, "--data", "--tokens", 0, NULL},
    {"asamblea export", {"export"}, "--data", NULL, 0, NULL},
    {"asamblea verify", {"verify"}, "--key", NULL, 1, NULL},
    {"asamblea badges", {"badges"}, "--title", NULL, 1, NULL},
    {"asamblea cards", {"cards"}, "--paper", NULL, 1, NULL},
    {"asamblea attendance", {"attendance"}, "--data", "--names", 0, NULL},
    {"asamblea scan-image", {"scan-image"}, "--camera", NULL, 1, NULL},
    {"asamblea tally", {"tally"}, "--method", "--continue-until-two", 1, "irv"},
};

static void test_every_command(void)
{
    char want[256], eq[64];
    for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
        const char *a = cmds[i].argv[0], *b = cmds[i].argv[1];
        const char *nm = cmds[i].name;
#define ARGS(...) (b ? (const char *const[]){a, b, __VA_ARGS__, NULL} \
                     : (const char *const[]){a, __VA_ARGS__, NULL})
        snprintf(want, sizeof want, "%s: unknown option '--frobnicate'; see %s --help\n",
                 nm, nm);
        int rc = run(ARGS("--frobnicate"));
        CHECK_MSG(rc == 2 && !strcmp(err, want) && !out[0], "%s --frobnicate: %d \"%s\"",
                  nm, rc, err);
        snprintf(want, sizeof want, "%s: unknown option '-Z'", nm);
        rc = run(ARGS("-Z"));
        CHECK_MSG(rc == 2 && !strncmp(err, want, strlen(want)), "%s -Z: %d \"%s\"", nm,
                  rc, err);
        if (cmds[i].value) {
            snprintf(want, sizeof want, "%s: %s needs a value", nm, cmds[i].value);
            rc = run(ARGS(cmds[i].value));
            CHECK_MSG(rc == 2 && !strncmp(err, want, strlen(want)),
                      "%s %s: %d \"%s\"", nm, cmds[i].value, rc, err);
            /* an empty value: "needs a value", or the option's own
             * refusal when it checks its values itself */
            rc = run(ARGS(cmds[i].value, ""));
            snprintf(want, sizeof want, "%s: %s", nm, cmds[i].value);
            const char *nl = strchr(err, '\n');
            CHECK_MSG(rc == 2 && !strncmp(err, want, strlen(want)) && nl && !nl[1],
                      "%s %s '': %d \"%s\"", nm, cmds[i].value, rc, err);
            snprintf(want, sizeof want, "%s: %s given twice", nm, cmds[i].value);
            const char *g = cmds[i].good ? cmds[i].good : "x";
            rc = run(ARGS(cmds[i].value, g, cmds[i].value, g));
            CHECK_MSG(rc == 2 && !strncmp(err, want, strlen(want)),
                      "%s %s twice: %d \"%s\"", nm, cmds[i].value, rc, err);
        }
        if (cmds[i].flag) {
            snprintf(eq, sizeof eq, "%s=yes", cmds[i].flag);
            snprintf(want, sizeof want, "%s: %s takes no value", nm, cmds[i].flag);
            rc = run(ARGS(eq));
            CHECK_MSG(rc == 2 && !strncmp(err, want, strlen(want)), "%s %s: %d \"%s\"",
                      nm, eq, rc, err);
        }
        if (!cmds[i].args) {
            snprintf(want, sizeof want, "%s: unexpected argument 'stray'", nm);
            rc = run(ARGS("stray"));
            CHECK_MSG(rc == 2 && !strncmp(err, want, strlen(want)), "%s stray: %d \"%s\"",
                      nm, rc, err);
        }
        rc = run(ARGS("--help"));
        CHECK_MSG(rc == 0 && strstr(out, "usage: asamblea ") == out && !err[0],
                  "%s --help: %d \"%s\"", nm, rc, out);
        rc = run(ARGS("-h"));
        CHECK_MSG(rc == 0 && strstr(out, "usage: asamblea ") == out, "%s -h: %d", nm, rc);
#undef ARGS
    }
}

/* The values each command checks itself, through the one whole-number
 * parser and the option callbacks. */
static void test_values(void)
{
    REFUSED("asamblea kiosk: --rotate takes 0, 90, 180 or 270", "kiosk", "--meeting",
            "m.yaml", "--data", "d", "--rotate", "45");
    REFUSED("asamblea kiosk: --rotate takes", "kiosk", "--rotate", "+90");
    REFUSED("asamblea kiosk: --rotate takes", "kiosk", "--rotate", " 90");
    REFUSED("asamblea kiosk: --rotate takes", "kiosk", "--rotate", "");
    REFUSED("asamblea kiosk: --window takes WIDTHxHEIGHT", "kiosk", "--window", "10x10");
    REFUSED("asamblea kiosk: --dpi takes a number from 50 to 1000", "kiosk", "--dpi", "5");
    REFUSED("asamblea kiosk: --mode takes vote", "kiosk", "--mode", "both");
    REFUSED("asamblea kiosk: --meeting and --data are required", "kiosk", "--data", "d");
    REFUSED("asamblea kiosk: --shots goes with --replay", "kiosk", "--meeting", "m",
            "--data", "d", "--shots", "s");
    REFUSED("asamblea demo: unknown option '--meeting'", "demo", "--meeting", "m.yaml");
    REFUSED("asamblea kiosk: unknown option '--tokens'", "kiosk", "--tokens");
    static const char *const counts[] = {"0", "5001", "+3", "3 ", "1e3", "x", "09999"};
    for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++)
        REFUSED("asamblea cards: '", "cards", counts[i], "-o", "c.pdf", "--meeting",
                "m.yaml", "--data", "d");
    /* a negative number looks like an option, and is refused as one */
    REFUSED("asamblea cards: unknown option '-3'", "cards", "-3", "-o", "c.pdf");
    REFUSED("asamblea cards: unexpected argument '7'", "cards", "4", "7", "-o", "c.pdf");
    REFUSED("asamblea scan-image: --seconds 0: give a whole number from 1 to 3600",
            "scan-image", "--camera", "/dev/null", "--seconds", "0");
    REFUSED("asamblea scan-image: --seconds 3601", "scan-image", "--camera", "/dev/null",
            "--seconds", "3601");
    REFUSED("asamblea scan-image: give image files or --camera DEVICE, not both",
            "scan-image", "--camera", "/dev/null", "a.png");
    REFUSED("asamblea scan-image: --seconds goes with --camera", "scan-image",
            "--seconds", "5", "a.png");
    REFUSED("asamblea badges: unknown paper 'legal'", "badges", "r.csv", "-o", "b.pdf",
            "--paper", "legal");
    REFUSED("asamblea badges: unexpected argument 'b.csv'", "badges", "a.csv", "b.csv");
    REFUSED("asamblea verify: one bundle at a time ('a' and 'b')", "verify", "a", "b");
    REFUSED("asamblea verify: --root x: write PROPOSAL=CODE", "verify", "a", "--root", "x");
    REFUSED("asamblea roster import: unexpected 'b.csv'", "roster", "import", "a.csv",
            "b.csv", "-o", "r.csv");
    REFUSED("asamblea roster import: --facilitator-value needs --role-column", "roster",
            "import", "a.csv", "-o", "r.csv", "--facilitator-value", "yes");
    REFUSED("asamblea tally: --decimals '10'", "tally", "f.csv", "--method", "stv",
            "--rule", "rctab", "--decimals", "10");
    REFUSED("asamblea tally: --seed '-1'", "tally", "f.csv", "--seed", "-1");
    REFUSED("asamblea tally: --max-skipped ' 1'", "tally", "f.csv", "--max-skipped", " 1");
    /* "--" ends the options: what follows is an argument, even "-x" */
    REFUSED("asamblea tally: one ballot file at a time ('a.csv' and '--seats')", "tally",
            "a.csv", "--", "--seats");
}

int main(void)
{
    if (access(AS_BINARY, X_OK) != 0) {
        CHECK_MSG(0, "%s is not built", AS_BINARY);
        return check_done();
    }
    snprintf(tmpdir, sizeof tmpdir, "/tmp/as-cliopts-XXXXXX");
    if (!mkdtemp(tmpdir)) {
        CHECK_MSG(0, "mkdtemp failed");
        return check_done();
    }
    test_every_command();
    test_values();
    rmdir(tmpdir);
    return check_done();
}
