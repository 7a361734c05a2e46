/* test_room_flows.c: the room display's window end to end, through the
 * replay harness: the real program on SDL's offscreen driver with a
 * 1280x800 kiosk and a second window of the size given as argv[1]
 * (--room-window WxH; tests/room_window.cmake runs 1920x1080, 1280x720,
 * 3840x2160 and 1080x1920), real SQLite files, tests/data/room (a
 * bilingual meeting) and tests/replay/room-*.replay in order on one data
 * folder: the agenda, turnout while people vote in English and Spanish,
 * a yes/no result, a ranked-choice election and its result, then the
 * console (in English, then in Spanish) showing the agenda, a blank
 * screen, a proposal, results, the rounds one by one, and "Room view
 * here" on its own screen until a tap.  Every
 * room-shot must be a PNG of the room window's size, not the kiosk's.
 * Screenshots land in AS_BUILD_DIR/shots/room/WxH for people to look at.
 * With no argument it also checks the options: --list-displays, a
 * display SDL does not see (status 2 before the data folder is made),
 * --room-display 1 (the kiosk's own), room-shot without a room
 * window (a malformed script, status 2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "check.h"
#include "test_replay_util.h"

#define ROOM AS_TEST_DATA "/room"

static char tmp[64];

/* png_size: the width and height in a PNG's IHDR; 0 if unreadable. */
static int png_size(const char *path, int *w, int *h)
{
    unsigned char b[24];
    FILE *f = fopen(path, "rb");
    size_t n = f ? fread(b, 1, sizeof b, f) : 0;
    if (f)
        fclose(f);
    if (n != sizeof b || memcmp(b + 1, "PNG", 3) != 0)
        return 0;
    *w = (b[16] << 24) | (b[17] << 16) | (b[18] << 8) | b[19];
    *h = (b[20] << 24) | (b[21] << 16) | (b[22] << 8) | b[23];
    return 1;
}

static int kiosk(const char *data, const char *room, const char *script,
                 const char *shots)
{
    char path[512];
    snprintf(path, sizeof path, "%s/../replay/%s.replay", AS_TEST_DATA, script);
    char *argv[] = {"asamblea", "kiosk", "--meeting", ROOM "/meeting.yaml",
                    "--data", (char *)data, "--window", "1280x800",
                    "--room-window", (char *)room, "--replay", path,
                    "--shots", (char *)shots, NULL};
    return rp_run(argv);
}

static void walk(const char *size)
{
    static const char *const scripts[] = {"room-01-yes-no", "room-02-ranked",
                                          "room-03-console", "room-04-console-es"};
    static const char *const shots_made[] = {
        "room-agenda", "room-turnout-none", "room-turnout-one", "room-turnout-four",
        "room-result-yes-no", "room-ranked-turnout", "room-ranked-turnout-five",
        "room-result-ranked", "room-console-agenda", "room-blank", "room-proposal",
        "room-ranked-round0", "room-ranked-round1", "room-ranked-round2",
        "room-ranked-round1-again", "room-console-es-result-room"};
    char data[128], shots[512], png[700];
    int rw = 0, rh = 0, w, h;

    sscanf(size, "%dx%d", &rw, &rh);
    snprintf(data, sizeof data, "%s/data-%s", tmp, size);
    snprintf(shots, sizeof shots, "%s/shots/room/%s", AS_BUILD_DIR, size);
    for (size_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
        CHECK_MSG(kiosk(data, size, scripts[i], shots) == 0, "%s at %s failed",
                  scripts[i], size);
    for (size_t i = 0; i < sizeof shots_made / sizeof shots_made[0]; i++) {
        snprintf(png, sizeof png, "%s/%s.png", shots, shots_made[i]);
        CHECK_MSG(png_size(png, &w, &h) && w == rw && h == rh,
                  "%s: not a %dx%d PNG of the room window", png, rw, rh);
    }
}

/* options: what the room display's options answer. */
static void options(void)
{
    char data[128], script[128], out[128], line[512] = "";
    snprintf(data, sizeof data, "%s/never-made", tmp);

    /* A display SDL does not see: status 2, and nothing started. */
    char *a1[] = {"asamblea", "kiosk", "--meeting", ROOM "/meeting.yaml", "--data",
                  data, "--room-display", "7", NULL};
    CHECK_INT(rp_run(a1), 2);
    CHECK(access(data, F_OK) != 0);
    /* Display 1 is the full-screen kiosk's own. */
    a1[7] = "1";
    CHECK_INT(rp_run(a1), 2);
    CHECK(access(data, F_OK) != 0);
    /* Bad values and both options at once. */
    a1[7] = "0";
    CHECK_INT(rp_run(a1), 2);
    char *a2[] = {"asamblea", "demo", "--room-window", "100x100", NULL};
    CHECK_INT(rp_run(a2), 2);
    char *a3[] = {"asamblea", "demo", "--room-window", "1920x1080",
                  "--room-display", "2", NULL};
    CHECK_INT(rp_run(a3), 2);

    /* --list-displays: the offscreen driver's one display, numbered 1. */
    snprintf(out, sizeof out, "%s/displays.txt", tmp);
    FILE *saved = fopen(out, "w");
    CHECK(saved != NULL);
    if (saved) {
        fflush(stdout);
        int fd = dup(1);
        dup2(fileno(saved), 1);
        char *a4[] = {"asamblea", "kiosk", "--list-displays", NULL};
        CHECK_INT(rp_run(a4), 0);
        fflush(stdout);
        dup2(fd, 1);
        close(fd);
        fclose(saved);
        FILE *f = fopen(out, "r");
        if (f && fgets(line, sizeof line, f))
            CHECK_MSG(!strncmp(line, "1  ", 3) && strstr(line, "x"),
                      "first line: %s", line);
        else
            CHECK_MSG(0, "--list-displays printed nothing");
        if (f)
            fclose(f);
    }

    /* room-shot without a room window: a malformed script. */
    snprintf(script, sizeof script, "%s/no-room.replay", tmp);
    FILE *f = fopen(script, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("room-shot nothing\n", f);
        fclose(f);
    }
    snprintf(data, sizeof data, "%s/data-no-room", tmp);
    char *a5[] = {"asamblea", "kiosk", "--meeting", ROOM "/meeting.yaml", "--data",
                  data, "--window", "800x480", "--replay", script, NULL};
    CHECK_INT(rp_run(a5), 2);
    /* room-expect of what is not there fails the script (status 1). */
    if ((f = fopen(script, "w"))) {
        fputs("room-expect \"No such text\"\n", f);
        fclose(f);
    }
    char *a6[] = {"asamblea", "kiosk", "--meeting", ROOM "/meeting.yaml", "--data",
                  data, "--window", "800x480", "--room-window", "640x360",
                  "--replay", script, NULL};
    CHECK_INT(rp_run(a6), 1);
}

int main(int argc, char **argv)
{
    snprintf(tmp, sizeof tmp, "/tmp/asamblea-room-XXXXXX");
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        return 1;
    }
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    if (argc > 1)
        walk(argv[1]);
    else
        options();
    rp_rm_rf(tmp);
    return check_done();
}
