/* fuzz_scanner.c: libFuzzer harness for scanner input, from raw bytes to
 * a token:
 *   - the kiosk's keyboard-wedge collector (app_event in src/app/app.c:
 *     text events, Enter and Backspace at chosen times, fast bursts and
 *     slow typing), whose scans reach token_normalize in the stubbed
 *     session (fuzz_scanner_stubs.c);
 *   - the camera's debounce (scan_debounce_accept in src/scan/), whose
 *     accepted texts go to token_normalize too.
 *
 * The input is a script of operations, one byte each plus its operands:
 *   op & 3 == 0  text event: next byte & 63 = length, then the bytes (as
 *                SDL hands them: NUL-terminated, never empty);
 *   op & 3 == 1  a key: (op >> 2) & 3: 1 Backspace, 3 Page Down, else Enter;
 *   op & 3 == 2  a camera sighting: next byte = length (times 16 when
 *                op & 4, to pass SCAN_TEXT_MAX), then the bytes, repeated
 *                to fill the length when the input runs short;
 *   op & 3 == 3  time passes (the session's tick).
 * Before each, the clock moves on by gaps[op >> 4] milliseconds, around
 * the 50 ms burst gap and the 2 s debounce. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "app_internal.h"
#include "fuzz_scanner.h"
#include "scan_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const uint32_t gaps[16] = {
    0, 1, 5, APP_SCAN_GAP_MS - 1, APP_SCAN_GAP_MS, APP_SCAN_GAP_MS + 1, 100, 500,
    SCAN_DEBOUNCE_MS - 1, SCAN_DEBOUNCE_MS, SCAN_DEBOUNCE_MS + 1, 3, 20, 1000,
    60000, 7};

/* camera: one sighting of text by the camera's worker. */
static void camera(scan_debounce *d, const char *text, size_t len, uint64_t now)
{
    if (!scan_debounce_accept(d, text, len, now))
        return;
    /* A sighting renews the text: the same one at the same instant is
     * never reported twice. */
    if (scan_debounce_accept(d, text, len, now))
        abort();
    fuzz_check_token(text, len < SCAN_TEXT_MAX ? len : SCAN_TEXT_MAX);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static app a;          /* 4 KiB of scan buffer and more: not the stack */
    static scan_debounce d;
    static char cam[16 * 255];
    static session *const fake_session = (session *)&d; /* never dereferenced */
    app_config cfg;
    uint64_t now = 1000000;
    size_t i = 0;

    memset(&a, 0, sizeof a);
    memset(&cfg, 0, sizeof cfg);
    scan_debounce_wipe(&d);
    a.cfg = &cfg;
    a.se = fake_session;
    a.running = 1;
    dl_init(&a.dl);
    fuzz_scans = 0;

    while (i < size) {
        uint8_t op = data[i++];
        now += gaps[op >> 4];
        as_event ev;
        memset(&ev, 0, sizeof ev);
        switch (op & 3) {
        case 0: {
            size_t n = i < size ? data[i++] & 63 : 0;
            if (n > size - i)
                n = size - i;
            memcpy(ev.text, data + i, n);
            i += n;
            if (!ev.text[0])
                continue; /* the platform never sends empty text */
            ev.type = EV_TEXT;
            app_event(&a, &ev, now);
            break;
        }
        case 1: {
            static const as_key keys[4] = {KEY_ENTER, KEY_BACKSPACE, KEY_ENTER,
                                           KEY_PAGEDOWN};
            ev.type = EV_KEY;
            ev.key = keys[(op >> 2) & 3];
            app_event(&a, &ev, now);
            break;
        }
        case 2: {
            size_t n = i < size ? data[i++] : 0;
            if (op & 4)
                n *= 16;
            size_t have = size - i < n ? size - i : n;
            for (size_t k = 0; k < n; k++)
                cam[k] = have ? (char)data[i + k % have] : 'A';
            i += have;
            camera(&d, cam, n, now);
            break;
        }
        default:
            app_tick(&a, now);
            break;
        }
        /* The collector's own bookkeeping stays inside its buffer. */
        if (a.scan_len >= sizeof a.scan || a.burst_start > a.scan_len)
            abort();
    }
    /* Whatever was typed, an Enter ends it: the buffer is empty after. */
    as_event enter;
    memset(&enter, 0, sizeof enter);
    enter.type = EV_KEY;
    enter.key = KEY_ENTER;
    app_event(&a, &enter, now);
    if (a.scan_len != 0 || a.burst_start != 0)
        abort();
    dl_free(&a.dl);
    scan_debounce_wipe(&d);
    return 0;
}
