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
#include "opts.h"
#include "scan.h"
#include "token.h"
#include "whole.h"

static const char usage_text[] =
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

static void usage(FILE *f, int help)
{
    fputs(usage_text, f);
    if (help)
        fputs("Says for each QR code in each PNG whether it is an asamblea "
              "badge, without showing the code.  Exit 0 if every file holds "
              "a badge code, 1 if one does not, 2 if one cannot be read.\n"
              "--camera watches a V4L2 camera (e.g. /dev/video0) for N "
              "seconds (default 30) and reports each code shown.\n",
              f);
}

typedef struct {
    const char **files;
    int nfiles, seconds;
} parse_ctx;

enum { K_CAMERA = OPTS_LONG, K_SECONDS };

static int on_opt(void *ud, int key, const char *v)
{
    parse_ctx *c = ud;
    if (key == OPTS_ARG) {
        c->files[c->nfiles++] = v;
    } else if (!whole_parse_int(v, 1, 3600, &c->seconds)) {
        fprintf(stderr, "asamblea scan-image: --seconds %s: give a whole number "
                "from 1 to 3600\n", v);
        return 2;
    }
    return 0;
}

static int scan_files(const char *const *files, int n)
{
    int rc = 0;
    for (int i = 0; i < n; i++) {
        tally t = {.name = files[i]};
        as_err err;
        if (scan_png_file(files[i], on_code, &t, &err) != AS_OK) {
            fprintf(stderr, "asamblea: %s\n", err.msg);
            rc = 2;
            continue;
        }
        if (!t.codes)
            printf("%s: no QR code found\n", files[i]);
        if (!t.badges && rc == 0)
            rc = 1;
    }
    return rc;
}

int cmd_scan_image(int argc, char **argv)
{
    const char *camera = NULL;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    parse_ctx c = {files, 0, 0};
    const opts_def defs[] = {{"camera", K_CAMERA, OPTS_VALUE, &camera, NULL, 0},
                             {"seconds", K_SECONDS, OPTS_VALUE, NULL, NULL, 0},
                             {0}};
    const opts_spec spec = {"asamblea scan-image", defs, usage, on_opt, &c};
    int rc;

    if (!files) {
        fputs("asamblea scan-image: out of memory\n", stderr);
        return 2;
    }
    if ((rc = opts_parse(&spec, argc, argv)) != 0) {
        rc = rc < 0 ? 0 : rc;
    } else if (camera ? c.nfiles > 0 : c.nfiles == 0 || c.seconds) {
        /* image files, or a camera (with --seconds), never both */
        if (camera || c.seconds)
            fprintf(stderr, "asamblea scan-image: %s\n",
                    camera ? "give image files or --camera DEVICE, not both"
                           : "--seconds goes with --camera DEVICE");
        usage(stderr, 0);
        rc = 2;
    } else {
        rc = camera ? watch_camera(camera, c.seconds ? c.seconds : 30)
                    : scan_files(files, c.nfiles);
    }
    free(files);
    return rc;
}
