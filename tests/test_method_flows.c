/* test_method_flows.c: every voting method end to end through the replay
 * harness: the real program on SDL's offscreen driver, real SQLite files,
 * tests/data/methods (one proposal of each method but yes-no-abstain,
 * and a 14-candidate ranked vote) with tests/replay/methods-*.replay in
 * order, on one data directory: open, vote (change, undo, start over,
 * the approval limit, a blank ballot on purpose), a power cut right after
 * a ranked vote is "recorded" and one on a review screen, STV in Spanish,
 * recall, then close and the results of each.  Screenshots land in
 * AS_BUILD_DIR/shots/methods for people to look at.  Then `asamblea
 * export` is run and the exported ballot lists are checked against what
 * the scripts cast. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "test_replay_util.h"

#define METHODS AS_TEST_DATA "/methods"

static char tmp[64], data[128], shots[256];

/* ballots: the choices of ballots/<id>.txt under dir (the text after the
 * id on each line), sorted, joined by spaces into buf; -1 if missing. */
static int ballots(const char *dir, const char *id, char *buf, size_t size)
{
    char path[700], line[2048], *v[64];
    int n = 0;
    buf[0] = '\0';
    snprintf(path, sizeof path, "%s/ballots/%s.txt", dir, id);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    while (n < 64 && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *sp = strchr(line, ' ');
        v[n++] = strdup(sp ? sp + 1 : "");
    }
    fclose(f);
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && strcmp(v[j], v[j - 1]) < 0; j--) {
            char *t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    buf[0] = '\0';
    for (int i = 0; i < n; i++) {
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s%s", i ? " " : "", v[i]);
        free(v[i]);
    }
    return n;
}

int main(void)
{
    static const rp_step steps[] = {
        {"methods-01-open", 0},
        {"methods-02-consensus", 0},
        {"methods-03-approval", 0},
        {"methods-04-ranked", 0},
        {"methods-05-crash-after-cast", 137},
        {"methods-06-after-crash", 137},
        {"methods-07-stv-spanish", 0},
        {"methods-08-recall", 0},
        {"methods-09-results", 0},
    };
    char out[256], dir[512], got[4096];

    snprintf(tmp, sizeof tmp, "/tmp/asamblea-methods-XXXXXX");
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(data, sizeof data, "%s/data", tmp);
    snprintf(shots, sizeof shots, "%s/shots/methods", AS_BUILD_DIR);
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    rp_kiosk k = {METHODS "/meeting.yaml", data, NULL, shots, NULL, NULL};
    size_t nsteps = sizeof steps / sizeof steps[0];
    int rc = 0;
    size_t stop = rp_replay_steps(&k, steps, nsteps, &rc);
    CHECK_MSG(stop == nsteps, "%s exited %d, expected %d", steps[stop].script,
              rc, steps[stop].rc);

    /* The export holds exactly what was cast, as canonical texts, with
     * no names: a ranked vote "recorded" just before a power cut is
     * there; the one cut on its review screen is not. */
    snprintf(out, sizeof out, "%s/usb", tmp);
    char *argv[] = {"asamblea", "export", "--data", data, "--out", out, NULL};
    CHECK_INT(rp_run(argv), 0);
    rp_export_dir(out, dir, sizeof dir);
    CHECK(dir[0] != '\0');
    CHECK_INT(ballots(dir, "garden", got, sizeof got), 4);
    CHECK_STR(got, "agree agree stand-aside stand-aside");
    CHECK_INT(ballots(dir, "banner", got, sizeof got), 3);
    CHECK_STR(got, "blue,gold green,gold none");
    CHECK_INT(ballots(dir, "chair", got, sizeof got), 4);
    CHECK_STR(got, "ben>ana carla>dario>ana dario>ben none");
    CHECK_INT(ballots(dir, "council", got, sizeof got), 4);
    CHECK_STR(got, "ana>carla ben>rosa>ana carla>ana>rosa rosa>dario");
    CHECK_INT(ballots(dir, "recall-ben", got, sizeof got), 3);
    CHECK_STR(got, "no yes yes");
    CHECK_INT(ballots(dir, "board", got, sizeof got), 1);
    CHECK_STR(got, "c01>c02>c06>c03>c13>c14>c09>c10>c11>c12>c05>c07");
    /* Nothing names a person or a badge. */
    char path[700];
    snprintf(path, sizeof path, "%s/ballots/chair.txt", dir);
    FILE *f = fopen(path, "r");
    size_t n = f ? fread(got, 1, sizeof got - 1, f) : 0;
    got[n] = '\0';
    if (f)
        fclose(f);
    CHECK(!strstr(got, "HKXNH3") && !strstr(got, "Dario"));

    /* Every screenshot the scripts asked for was written. */
    static const char *const want[] = {
        "consensus-ballot", "approval-limit", "ranked-two", "ranked-14-page1",
        "ranked-14-review", "stv-ballot-es", "recall-ballot", "result-consensus",
        "result-approval", "result-irv-round1", "result-stv-round1",
        "result-recall"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        snprintf(path, sizeof path, "%s/%s.png", shots, want[i]);
        CHECK_MSG(access(path, R_OK) == 0, "no screenshot %s", path);
    }

    rp_rm_rf(tmp);
    return check_done();
}
