/* replay.c: scripted sessions for tests and for people watching them
 * (see app.h for the script language).  Time is simulated: `wait`
 * advances a clock that only the script moves, stepping through every
 * session deadline on the way so timeouts fire exactly as they would. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "app_internal.h"

typedef struct {
    app *a;
    const char *path;
    int line;
    uint64_t now;
    const char *shots;
    char export_shot[256]; /* `export-shot NAME`, until it is taken */
    char during[2048];     /* `during-export` lines, until they run */
    int settling;          /* inside settle: no second wait */
    int export_rc;         /* a failed export-shot or during-export */
} replay;

static int write_shot(replay *r, const char *name);
static int step(replay *r, char *line);

__attribute__((format(printf, 2, 3)))
static int fail(replay *r, const char *fmt, ...)
{
    va_list ap;
    static char screen[16384];
    fprintf(stderr, "%s:%d: ", r->path, r->line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    dl_dump(&r->a->dl, screen, sizeof screen);
    fprintf(stderr, "\non screen:\n%s\n", screen);
    return 1;
}

/* fail_room: as fail, showing what the room display held. */
static int fail_room(replay *r, const char *msg)
{
    static char shown[16384];
    dl_dump(&r->a->room_dl, shown, sizeof shown);
    fprintf(stderr, "%s:%d: %s\non the room display:\n%s\n", r->path, r->line,
            msg, shown);
    return 1;
}

/* export_frame: a frame of the export's progress.  Once it shows a file
 * written, `export-shot` takes its picture and the `during-export` line
 * runs (its input arrives while the worker holds the store). */
static void export_frame(void *ud, int done, int total)
{
    replay *r = ud;
    (void)total;
    if (done <= 0)
        return;
    if (r->export_shot[0] && !r->export_rc)
        r->export_rc = write_shot(r, r->export_shot);
    r->export_shot[0] = '\0';
    if (r->during[0] && !r->export_rc) {
        char lines[sizeof r->during], *save = NULL;
        snprintf(lines, sizeof lines, "%s", r->during);
        r->during[0] = '\0';
        for (char *l = strtok_r(lines, "\n", &save); l && !r->export_rc;
             l = strtok_r(NULL, "\n", &save))
            r->export_rc = step(r, l);
    }
}

/* settle: an export the last input started runs to its end before the
 * script goes on (frames and watchdog pings continue meanwhile), so the
 * next line sees its result, as a person waiting at the screen would. */
static void settle(replay *r)
{
    if (r->settling)
        return; /* a during-export line: the wait in progress goes on */
    r->settling = 1;
    app_export_wait(r->a, r->now, export_frame, r);
    r->settling = 0;
}

static void feed(replay *r, ev_type t, int x, int y, as_key k, const char *text)
{
    as_event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = t;
    ev.x = x;
    ev.y = y;
    ev.key = k;
    if (text)
        snprintf(ev.text, sizeof ev.text, "%s", text);
    app_event(r->a, &ev, r->now);
    app_render(r->a, 0);
    settle(r);
}

static void type_text(replay *r, const char *s)
{
    char chunk[32];
    size_t n = strlen(s);
    /* Scanners deliver bursts of a few characters per event. */
    for (size_t i = 0; i < n; i += sizeof chunk - 1) {
        snprintf(chunk, sizeof chunk, "%.*s", (int)(sizeof chunk - 1), s + i);
        feed(r, EV_TEXT, 0, 0, KEY_NONE, chunk);
    }
}

static void tap_at(replay *r, int x, int y)
{
    feed(r, EV_PRESS, x, y, KEY_NONE, NULL);
    feed(r, EV_RELEASE, x, y, KEY_NONE, NULL);
}

/* touch_panel: a finger down and up at panel pixel (px, py), through the
 * platform's own touch translation (and so its rotation). */
static void touch_panel(replay *r, int px, int py)
{
    as_event ev;
    if (platform_panel_touch(r->a->pf, EV_PRESS, px, py, &ev)) {
        app_event(r->a, &ev, r->now);
        app_render(r->a, 0);
        settle(r);
    }
    if (platform_panel_touch(r->a->pf, EV_RELEASE, px, py, &ev)) {
        app_event(r->a, &ev, r->now);
        app_render(r->a, 0);
        settle(r);
    }
}

static void wait_ms(replay *r, uint64_t ms)
{
    uint64_t end = r->now + ms;
    for (;;) {
        uint64_t dl = r->a->se ? session_deadline(r->a->se) : 0;
        /* During an export (a during-export line) the timers wait. */
        if (!dl || dl > end || r->a->exp.running)
            break;
        if (dl > r->now)
            r->now = dl;
        app_tick(r->a, r->now);
        app_render(r->a, 0);
        settle(r);
    }
    r->now = end;
    app_tick(r->a, r->now);
    /* A kiosk on a hub looks at it, for real, once per wait. */
    app_hub_tick(r->a, r->now, -1);
    app_render(r->a, 0);
    settle(r);
}

/* quoted: the text between double quotes in s (backslash escapes \" and
 * \\), into out.  Returns 0 if s is not a quoted string. */
static int quoted(const char *s, char *out, size_t size)
{
    size_t n = 0;
    if (*s++ != '"')
        return 0;
    for (; *s && *s != '"'; s++) {
        if (*s == '\\' && s[1])
            s++;
        if (n + 1 < size)
            out[n++] = *s;
    }
    out[n] = '\0';
    return *s == '"';
}

static as_key key_named(const char *name)
{
    static const struct {
        const char *name;
        as_key key;
    } keys[] = {
        {"Enter", KEY_ENTER}, {"Return", KEY_ENTER},   {"Backspace", KEY_BACKSPACE},
        {"Escape", KEY_ESCAPE}, {"Tab", KEY_TAB},      {"Up", KEY_UP},
        {"Down", KEY_DOWN},   {"PageUp", KEY_PAGEUP},  {"PageDown", KEY_PAGEDOWN},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (!strcasecmp(name, keys[i].name))
            return keys[i].key;
    return KEY_NONE;
}

static int shot_name_ok(replay *r, const char *name)
{
    for (const char *p = name; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '-' && *p != '_')
            return fail(r, "shot name \"%s\" may only use letters, digits, - and _", name);
    return 0;
}

/* write_shot: SHOTS/NAME.png of the screen as it is now. */
static int write_shot(replay *r, const char *name)
{
    char path[4096];
    as_err err;
    if (!r->shots)
        return 0;
    snprintf(path, sizeof path, "%s/%s.png", r->shots, name);
    app_render(r->a, 1);
    if (platform_screenshot(r->a->pf, path, &err) != AS_OK)
        return fail(r, "%s", err.msg);
    return 0;
}

static int do_shot(replay *r, const char *name)
{
    return shot_name_ok(r, name) ? 1 : write_shot(r, name);
}

/* room_cmd: `room-shot NAME` (SHOTS/NAME.png of the room window),
 * `room-expect "Text"` and `room-expect-not "Text"` (the room display's
 * list).  They need a room window (--room-window or --room-display): the
 * room view on the kiosk's own screen ("Room view here") is the kiosk's
 * screen, for `shot` and `expect`.  1 an expectation failed, 2 a bad
 * line or no room window. */
static int room_cmd(replay *r, const char *cmd, const char *rest)
{
    char text[2048], path[4096];
    as_err err;

    if (!r->a->room_pf) {
        fail(r, "%s needs a room window: start with --room-window WxH (or "
                "--room-display N)", cmd);
        return 2;
    }
    app_render(r->a, 1);
    if (!strcmp(cmd, "room-shot")) {
        if (shot_name_ok(r, rest))
            return 2;
        if (!r->shots)
            return 0;
        snprintf(path, sizeof path, "%s/%s.png", r->shots, rest);
        if (platform_screenshot(r->a->room_pf, path, &err) != AS_OK)
            return fail_room(r, err.msg);
        return 0;
    }
    if (!quoted(rest, text, sizeof text)) {
        fail(r, "%s takes quoted text: %s \"Text\"", cmd, cmd);
        return 2;
    }
    int want = !strcmp(cmd, "room-expect");
    if (dl_has_text(&r->a->room_dl, text) == want)
        return 0;
    snprintf(path, sizeof path, "%s \"%s\" on the room display",
             want ? "expected" : "did not expect", text);
    return fail_room(r, path);
}

/* export_cmd: `export-delay MS` (every file of the next exports is
 * followed by a pause of MS, a slow USB stick; a test hook),
 * `export-shot NAME` (a shot of the next export's progress screen) and
 * `during-export LINE` (LINE runs while the next export is writing;
 * several such lines run in order). */
static int export_cmd(replay *r, const char *cmd, const char *rest)
{
    if (!strcmp(cmd, "during-export")) {
        size_t n = strlen(r->during);
        if (n + strlen(rest) + 2 > sizeof r->during) {
            fail(r, "too many during-export lines for one export");
            return 2;
        }
        snprintf(r->during + n, sizeof r->during - n, "%s\n", rest);
        return 0;
    }
    if (!strcmp(cmd, "export-shot")) {
        if (shot_name_ok(r, rest))
            return 2;
        snprintf(r->export_shot, sizeof r->export_shot, "%s", rest);
        return 0;
    }
    char *end;
    errno = 0;
    unsigned long ms = strtoul(rest, &end, 10);
    if (errno || end == rest || *end || ms > 60000) {
        fail(r, "export-delay needs milliseconds (0 to 60000), not \"%s\"", rest);
        return 2;
    }
    r->a->exp.delay_ms = (unsigned)ms;
    return 0;
}

/* step: runs one script line; 0 ok, 1 expectation failed, 2 bad line. */
static int step(replay *r, char *line)
{
    char cmd[32], arg[2048];
    int x1, y1, x2, y2;
    char *rest;

    line[strcspn(line, "\r\n")] = '\0';
    while (isspace((unsigned char)*line))
        line++;
    if (!*line || *line == '#')
        return 0;
    if (sscanf(line, "%31s", cmd) != 1)
        return 0;
    rest = line + strlen(cmd);
    while (isspace((unsigned char)*rest))
        rest++;

    if (!strcmp(cmd, "scan") || !strcmp(cmd, "type")) {
        type_text(r, rest);
        if (!strcmp(cmd, "scan"))
            feed(r, EV_KEY, 0, 0, KEY_ENTER, NULL);
    } else if (!strcmp(cmd, "tap") && quoted(rest, arg, sizeof arg)) {
        const dl_item *it;
        int n = dl_find_label(&r->a->dl, arg, &it);
        if (n == 0)
            return fail(r, "nothing to tap labelled \"%s\"", arg);
        if (n > 1)
            return fail(r, "more than one element labelled \"%s\"", arg);
        tap_at(r, it->r.x + it->r.w / 2, it->r.y + it->r.h / 2);
    } else if (!strcmp(cmd, "tap") && sscanf(rest, "%d,%d", &x1, &y1) == 2) {
        tap_at(r, x1, y1);
    } else if (!strcmp(cmd, "touch") && quoted(rest, arg, sizeof arg)) {
        const dl_item *it;
        int n = dl_find_label(&r->a->dl, arg, &it), px, py;
        if (n == 0)
            return fail(r, "nothing to touch labelled \"%s\"", arg);
        if (n > 1)
            return fail(r, "more than one element labelled \"%s\"", arg);
        /* Where the label's middle is shown on the panel. */
        platform_logical_to_panel(r->a->cfg->pc.rotate, r->a->w, r->a->h,
                                  it->r.x + it->r.w / 2, it->r.y + it->r.h / 2,
                                  &px, &py);
        touch_panel(r, px, py);
    } else if (!strcmp(cmd, "touch") && sscanf(rest, "%d,%d", &x1, &y1) == 2) {
        touch_panel(r, x1, y1);
    } else if (!strcmp(cmd, "drag") &&
               sscanf(rest, "%d,%d %d,%d", &x1, &y1, &x2, &y2) == 4) {
        feed(r, EV_PRESS, x1, y1, KEY_NONE, NULL);
        for (int i = 1; i <= 8; i++)
            feed(r, EV_MOVE, x1 + (x2 - x1) * i / 8, y1 + (y2 - y1) * i / 8,
                 KEY_NONE, NULL);
        feed(r, EV_RELEASE, x2, y2, KEY_NONE, NULL);
    } else if (!strcmp(cmd, "key")) {
        as_key k = key_named(rest);
        if (k == KEY_NONE) {
            fail(r, "unknown key \"%s\" (use Enter, Backspace, Escape, Tab, "
                    "Up, Down, PageUp or PageDown)", rest);
            return 2;
        }
        feed(r, EV_KEY, 0, 0, k, NULL);
    } else if (!strcmp(cmd, "wait")) {
        char *end;
        errno = 0;
        unsigned long long ms = strtoull(rest, &end, 10);
        if (errno || end == rest || *end || ms > 86400000ULL) {
            fail(r, "wait needs milliseconds (0 to 86400000), not \"%s\"", rest);
            return 2;
        }
        wait_ms(r, ms);
    } else if (!strcmp(cmd, "shot")) {
        return do_shot(r, rest);
    } else if (!strcmp(cmd, "room-shot") || !strcmp(cmd, "room-expect") ||
               !strcmp(cmd, "room-expect-not")) {
        return room_cmd(r, cmd, rest);
    } else if (!strcmp(cmd, "export-delay") || !strcmp(cmd, "export-shot") ||
               !strcmp(cmd, "during-export")) {
        return export_cmd(r, cmd, rest);
    } else if (!strcmp(cmd, "expect") && quoted(rest, arg, sizeof arg)) {
        if (!dl_has_text(&r->a->dl, arg))
            return fail(r, "expected \"%s\" on screen", arg);
    } else if (!strcmp(cmd, "expect-not") && quoted(rest, arg, sizeof arg)) {
        if (dl_has_text(&r->a->dl, arg))
            return fail(r, "did not expect \"%s\" on screen", arg);
    } else if (!strcmp(cmd, "crash")) {
        fflush(NULL);
        _exit(137); /* like a power cut: no cleanup, no close */
    } else {
        fail(r, "cannot understand \"%s\"; see `asamblea kiosk --help` for "
                "the replay commands", line);
        return 2;
    }
    if (!r->a->running)
        return 0;
    return 0;
}

int replay_run(app *a, const char *path, const char *shots)
{
    replay r = {a, path, 0, 1000, shots, "", "", 0, 0};
    char buf[4096];
    int rc = 0;
    FILE *f = fopen(path, "r");

    if (!f) {
        fprintf(stderr, "%s: cannot open the replay script (%s)\n", path,
                strerror(errno));
        return 2;
    }
    app_render(a, 1);
    app_ready(a);
    /* SIGTERM ends the script between lines: the line in progress (a
     * cast, say) completes first. */
    while (rc == 0 && !app_stopping(a) && fgets(buf, sizeof buf, f)) {
        r.line++;
        rc = step(&r, buf);
        if (rc == 0)
            rc = r.export_rc;
        notify_watchdog(&a->nt, platform_now_ms(a->pf));
    }
    fclose(f);
    return rc;
}
