/* cmd_scan_image.c: `asamblea scan-image FILE...`, the organizer's check
 * that a badge image (or a photo of one) reads as a badge, and
 * `asamblea scan-image --camera DEVICE` to try a camera before the
 * meeting.  It says what each QR code is, never what it holds: a token
 * on a terminal could be photographed or end up in a shell log. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "commands.h"
#include "scan.h"
#include "token.h"

static const char usage[] =
    "usage: asamblea scan-image FILE.png...\n"
    "       asamblea scan-image --camera DEVICE [--seconds N]\n";

typedef struct {
    const char *name; /* the file, or the camera device */
    int codes, badges;
} tally;

static void on_code(void *ud, const char *text, size_t len)
{
    tally *t = ud;
    char tok[TOKEN_TEXT_SIZE];
    as_status st = token_normalize(text, len, tok);

    sodium_memzero(tok, sizeof tok);
    t->codes++;
    if (st == AS_OK) {
        t->badges++;
        printf("%s: a badge code (check symbol ok)\n", t->name);
    } else if (st == AS_ECORRUPT) {
        printf("%s: a badge code with a wrong check symbol (damaged or "
               "misprinted: print the badge again)\n", t->name);
    } else {
        printf("%s: a QR code that is not an asamblea badge\n", t->name);
    }
    fflush(stdout);
}

static int watch_camera(const char *device, int seconds)
{
    scan_camera *cam = NULL;
    tally t = {.name = device};
    as_err err;
    int rc = 0;

    if (scan_camera_open(device, &cam, &err) != AS_OK) {
        fprintf(stderr, "asamblea: %s\n", err.msg);
        return 2;
    }
    fprintf(stderr, "%s: hold a badge in front of the camera (%d s)\n", device,
            seconds);
    for (int left = seconds * 10; left > 0; left--) {
        struct pollfd p = {.fd = scan_camera_fd(cam), .events = POLLIN};
        if (poll(&p, 1, 100) > 0 &&
            scan_camera_poll(cam, on_code, &t, &err) != AS_OK) {
            fprintf(stderr, "asamblea: %s\n", err.msg);
            rc = 2;
            break;
        }
    }
    scan_camera_free(cam);
    if (rc == 0 && !t.codes)
        printf("%s: no QR code found\n", device);
    return rc ? rc : t.badges ? 0 : 1;
}

int cmd_scan_image(int argc, char **argv)
{
    int rc = 0;

    if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(usage, stdout);
        fputs("Says for each QR code in each PNG whether it is an asamblea "
              "badge, without showing the code.  Exit 0 if every file holds "
              "a badge code, 1 if one does not, 2 if one cannot be read.\n"
              "--camera watches a V4L2 camera (e.g. /dev/video0) for N "
              "seconds (default 30) and reports each code shown.\n",
              stdout);
        return 0;
    }
    if (argc >= 3 && !strcmp(argv[1], "--camera")) {
        int seconds = 30;
        if (argc == 5 && !strcmp(argv[3], "--seconds")) {
            char *end;
            long v = strtol(argv[4], &end, 10);
            if (*end || v < 1 || v > 3600) {
                fprintf(stderr, "asamblea: --seconds %s: give a whole number "
                        "from 1 to 3600\n", argv[4]);
                return 2;
            }
            seconds = (int)v;
        } else if (argc != 3) {
            fputs(usage, stderr);
            return 2;
        }
        return watch_camera(argv[2], seconds);
    }
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        tally t = {.name = argv[i]};
        as_err err;
        if (scan_png_file(argv[i], on_code, &t, &err) != AS_OK) {
            fprintf(stderr, "asamblea: %s\n", err.msg);
            rc = 2;
            continue;
        }
        if (!t.codes)
            printf("%s: no QR code found\n", argv[i]);
        if (!t.badges && rc == 0)
            rc = 1;
    }
    return rc;
}
