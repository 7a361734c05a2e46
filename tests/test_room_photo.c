/* test_room_photo.c: the photo test (issue 12): can a phone at the back of
 * the room read the ballot-list code's QR code off the room display?
 *
 * A replay (tests/replay/room-photo.replay, tests/data/room) closes a
 * yes/no vote with a 1920x1080 room window, room-shots the result and
 * exports.  ImageMagick then makes the phone's picture: downscaled to
 * 480x270, blurred, and skewed in perspective (a hand held a little
 * askew).  zbarimg (zbar, not our code) must decode the QR code in it, and
 * the root it holds (record_qr_text: ASAMBLEA:V1:<ID>:<64 hex>) must be
 * the `root` line of that proposal in the export's results.txt.  Skipped
 * with a SKIP line when ImageMagick's convert or zbarimg is missing
 * (Debian: imagemagick, zbar-tools).  The pictures are kept in
 * AS_BUILD_DIR/shots/room-photo to look at. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "check.h"
#include "test_replay_util.h"

#define ROOM AS_TEST_DATA "/room"

static char tmp[64];

/* first_line: the first line cmd prints (popen), newline cut; 0 if none. */
static int first_line(const char *cmd, char *out, size_t size)
{
    FILE *p = popen(cmd, "r");
    out[0] = '\0';
    if (!p)
        return 0;
    if (!fgets(out, (int)size, p))
        out[0] = '\0';
    out[strcspn(out, "\r\n")] = '\0';
    pclose(p);
    return out[0] != '\0';
}

/* imagemagick: the command of a real ImageMagick convert, or NULL.
 * Debian names it convert-im6.q16 besides the `convert` alternative;
 * a `convert` that is not ImageMagick (a stand-in earlier on PATH) does
 * not count. */
static const char *imagemagick(void)
{
    static const char *const names[] = {"convert-im6.q16", "convert"};
    char cmd[128], line[256];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(cmd, sizeof cmd, "%s -version 2>/dev/null", names[i]);
        if (first_line(cmd, line, sizeof line) &&
            !strncmp(line, "Version: ImageMagick", 20))
            return names[i];
    }
    return NULL;
}

/* results_root: the `root` line of proposal id in results.txt, into root
 * (65 bytes); 0 if absent. */
static int results_root(const char *results, const char *id, char *root)
{
    char line[512];
    int in = 0;
    FILE *f = fopen(results, "r");
    root[0] = '\0';
    if (!f)
        return 0;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (!strncmp(line, "proposal ", 9))
            in = !strcmp(line + 9, id);
        else if (in && !strncmp(line, "root ", 5) && strlen(line + 5) == 64)
            snprintf(root, 65, "%s", line + 5);
    }
    fclose(f);
    return root[0] != '\0';
}

int main(void)
{
    char data[128], out[128], shots[512], script[512], cmd[2048], qr[512];
    char export[700], results[800], want[200], root[65];
    const char *convert = imagemagick();

    if (!convert || system("zbarimg --version >/dev/null 2>&1") != 0) {
        printf("SKIP: the photo test needs ImageMagick's convert and zbarimg "
               "(apt-get install imagemagick zbar-tools)\n");
        CHECK_SKIP("ImageMagick or zbarimg missing");
        return check_done();
    }
    snprintf(tmp, sizeof tmp, "/tmp/asamblea-photo-XXXXXX");
    if (!mkdtemp(tmp)) {
        perror("mkdtemp");
        return 1;
    }
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    snprintf(data, sizeof data, "%s/data", tmp);
    snprintf(out, sizeof out, "%s/usb", tmp);
    snprintf(shots, sizeof shots, "%s/shots/room-photo", AS_BUILD_DIR);
    snprintf(script, sizeof script, "%s/../replay/room-photo.replay", AS_TEST_DATA);
    char *argv[] = {"asamblea", "kiosk", "--meeting", ROOM "/meeting.yaml",
                    "--data", data, "--window", "1280x800", "--room-window",
                    "1920x1080", "--export-dir", out, "--replay", script,
                    "--shots", shots, NULL};
    CHECK_INT(rp_run(argv), 0);

    /* The export's root for the proposal the room photographs. */
    rp_export_dir(out, export, sizeof export);
    snprintf(results, sizeof results, "%s/results.txt", export);
    CHECK_MSG(results_root(results, "coat-drive", root),
              "%s: no root line for coat-drive", results);
    for (char *c = root; *c; c++)
        *c = (char)toupper((unsigned char)*c);
    snprintf(want, sizeof want, "ASAMBLEA:V1:COAT-DRIVE:%s", root);

    /* The phone at the back of the room: 480x270, out of focus (a
     * Gaussian blur of sigma 0.7 px there, 2.8 px on the 1920x1080
     * screen), held a little askew (each corner pulled in by 1 to 3% of
     * the picture).  Measured with this recipe and a version-4 QR code
     * (ASAMBLEA:V1:...) drawn at a given height on a white 1920x1080
     * screen: zbar reads it from 360 px (ROOM_QR_FRAC, a third of the
     * height) up, not at 330 px or below; at sigma 0.8 it needs 400 px. */
    snprintf(cmd, sizeof cmd,
             "%s '%s/room-photo-result.png' -resize 480x270! -blur 0x0.7 "
             "-virtual-pixel white -distort Perspective "
             "'0,0 9,5  479,0 468,11  0,269 5,262  479,269 474,258' "
             "'%s/room-photo-phone.png' 2>&1", convert, shots, shots);
    CHECK_MSG(system(cmd) == 0, "%s failed", cmd);

    /* zbar reads what the room's phones would. */
    snprintf(cmd, sizeof cmd, "zbarimg -q --raw '%s/room-photo-phone.png' 2>/dev/null",
             shots);
    first_line(cmd, qr, sizeof qr);
    if (!qr[0]) {
        /* Tell a QR code too small for the phone from none at all. */
        snprintf(cmd, sizeof cmd, "zbarimg -q --raw '%s/room-photo-result.png' "
                 "2>/dev/null", shots);
        first_line(cmd, qr, sizeof qr);
        if (qr[0])
            CHECK_MSG(0, "the room display's QR code decodes at 1920x1080 but "
                         "not from the phone's 480x270 picture (%s/room-photo-"
                         "phone.png): too small (room.h's ROOM_QR_FRAC) or too "
                         "fine for a phone", shots);
        else
            CHECK_MSG(0, "no QR code at all on the room display's result "
                         "(%s/room-photo-result.png)", shots);
    } else {
        CHECK_STR(qr, want);
        /* And the verifier takes the photographed text as it is, as
         * docs/verify.md says: ASAMBLEA:V1:<ID>:<root>. */
        char *v[] = {"asamblea", "verify", export, "--root", qr, NULL};
        CHECK_INT(rp_run(v), 0);
    }
    rp_rm_rf(tmp);
    return check_done();
}
