/* test_flows.c: the kiosk end to end, through the replay harness.
 *
 * Runs the real program (SDL's offscreen driver, real SQLite files) on
 * tests/data/flow with the scripts in tests/replay, in order, on one data
 * directory, the way one meeting unfolds: open without quorum, votes in
 * English and Spanish, review and change, bad badges and timeouts,
 * turnout, close and results, export, power cuts (`crash`) and restarts,
 * shut down.  Screenshots land in AS_BUILD_DIR/shots/flows for people to
 * look at.  Then `asamblea export` is run from the command line and its
 * files are compared with what the screens showed. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"
#include "test_replay_util.h"

#define FLOW AS_TEST_DATA "/flow"

static char tmp[64], data[128], shots[256], button_out[128];

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    static char buf[65536];
    size_t n;
    if (!f)
        return NULL;
    n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int count_lines(const char *path)
{
    char *s = slurp(path);
    int n = 0;
    if (!s)
        return -1;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

int main(void)
{
    static const rp_step steps[] = {
        {"01-open-without-quorum", 0}, {"02-vote-english", 0},
        {"03-vote-spanish", 0},        {"04-review-and-change", 0},
        {"05-bad-badges-and-timeout", 0}, {"06-close-and-results", 0},
        {"07-crash-after-cast", 137},  {"08-after-restart", 137},
        {"09-vote-after-crash", 10}, /* ends with "Yes, shut down" */
    };
    char out[256], dir[512], path[700], *s;

    snprintf(tmp, sizeof tmp, "/tmp/asamblea-flows-XXXXXX");
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(data, sizeof data, "%s/data", tmp);
    snprintf(button_out, sizeof button_out, "%s/button", tmp);
    snprintf(shots, sizeof shots, "%s/shots/flows", AS_BUILD_DIR);
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    rp_kiosk k = {FLOW "/meeting.yaml", data, NULL, shots, button_out, NULL};
    size_t nsteps = sizeof steps / sizeof steps[0];
    int rc = 0;
    size_t stop = rp_replay_steps(&k, steps, nsteps, &rc);
    CHECK_MSG(stop == nsteps, "%s exited %d, expected %d", steps[stop].script,
              rc, steps[stop].rc);

    /* The facilitator's Export button (06) wrote an export while the
     * bylaws vote was still open: coat-drive's ballots, no bylaws ones. */
    rp_export_dir(button_out, dir, sizeof dir);
    CHECK(dir[0] != '\0');
    snprintf(path, sizeof path, "%s/ballots/coat-drive.txt", dir);
    CHECK_INT(count_lines(path), 3);
    snprintf(path, sizeof path, "%s/ballots/bylaws.txt", dir);
    CHECK_INT(count_lines(path), -1);

    /* At the end, the command-line export has both. */
    snprintf(out, sizeof out, "%s/usb", tmp);
    char *argv[] = {"asamblea", "export", "--data", data, "--out", out, NULL};
    CHECK_INT(rp_run(argv), 0);
    rp_export_dir(out, dir, sizeof dir);
    CHECK(dir[0] != '\0');
    snprintf(path, sizeof path, "%s/ballots/coat-drive.txt", dir);
    CHECK_INT(count_lines(path), 3); /* Ana, Ben, Carla */
    snprintf(path, sizeof path, "%s/ballots/bylaws.txt", dir);
    CHECK_INT(count_lines(path), 2); /* Dario, Ana */
    snprintf(path, sizeof path, "%s/results.csv", dir);
    s = slurp(path);
    CHECK(s && strstr(s, "coat-drive"));
    CHECK(s && strstr(s, "passed"));
    CHECK(s && strstr(s, "not passed"));
    /* Exported ballots carry no names and no tokens. */
    snprintf(path, sizeof path, "%s/ballots/coat-drive.txt", dir);
    s = slurp(path);
    CHECK(s && !strstr(s, "KTQQYK") && !strstr(s, "Ana"));

    /* The QR code the room photographed (decoded by zbar, not by us)
     * holds record_qr_text: the proposal and the root of the exported
     * ballot list (as the room display and the minutes do), and the
     * verifier accepts the bundle against that photographed root. */
    {
        char cmd[1024], qr[512] = "", root[65] = "", arg[200];
        snprintf(cmd, sizeof cmd, "zbarimg -q --raw '%s/results-qr.png' 2>/dev/null",
                 shots);
        FILE *p = popen(cmd, "r");
        if (p && fgets(qr, sizeof qr, p))
            qr[strcspn(qr, "\n")] = '\0';
        int zrc = p ? pclose(p) : -1;
        if (zrc == 127 * 256 || (!qr[0] && system("command -v zbarimg >/dev/null") != 0)) {
            CHECK_SKIP("zbarimg (zbar-tools) is not installed: QR code not decoded");
        } else {
            static const char want[] = "ASAMBLEA:V1:COAT-DRIVE:";
            size_t wn = sizeof want - 1;
            CHECK_MSG(!strncmp(qr, want, wn) && strlen(qr) == wn + 64,
                      "QR code holds \"%s\"", qr);
            snprintf(root, sizeof root, "%s", strlen(qr) == wn + 64 ? qr + wn : "");
            for (char *c = root; *c; c++) /* results.txt writes it in lower case */
                *c = (char)tolower((unsigned char)*c);
            snprintf(path, sizeof path, "%s/results.txt", dir);
            s = slurp(path);
            snprintf(cmd, sizeof cmd, "root %s", root);
            CHECK_MSG(root[0] && s && strstr(s, cmd), "root %s not in results.txt", root);
            snprintf(arg, sizeof arg, "coat-drive=%s", root);
            char *v[] = {"asamblea", "verify", dir, "--root", arg, NULL};
            CHECK_INT(rp_run(v), 0);
        }
    }

    /* A replay that expects something absent fails with status 1 and
     * names the line. */
    {
        char bad[300];
        snprintf(bad, sizeof bad, "%s/bad.replay", tmp);
        FILE *f = fopen(bad, "w");
        fputs("expect \"Scan your badge to vote\"\nexpect \"No such text\"\n", f);
        fclose(f);
        char *a2[] = {"asamblea", "kiosk", "--meeting", FLOW "/meeting.yaml",
                      "--data", data, "--window", "800x480", "--replay", bad, NULL};
        CHECK_INT(rp_run(a2), 1);
        f = fopen(bad, "w");
        fputs("tap \"No such button\"\n", f);
        fclose(f);
        CHECK_INT(rp_run(a2), 1);
        f = fopen(bad, "w");
        fputs("frobnicate\n", f);
        fclose(f);
        CHECK_INT(rp_run(a2), 2);
    }
    rp_rm_rf(tmp);
    return check_done();
}
