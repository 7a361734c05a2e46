/* scan_debounce.c: one report per badge held in front of the camera.
 *
 * A camera sees the same code in every frame for as long as it is held
 * up.  A text is reported when it has not been seen for SCAN_DEBOUNCE_MS;
 * every sighting renews that, so it is the gap since the LAST sighting
 * that counts, not the time since the report. */
#include <string.h>
#include <sodium.h>
#include "scan_internal.h"

int scan_debounce_accept(scan_debounce *d, const char *text, size_t len,
                         uint64_t now_ms)
{
    int oldest = 0;

    if (len > SCAN_TEXT_MAX)
        len = SCAN_TEXT_MAX;
    for (int i = 0; i < SCAN_DEBOUNCE_SLOTS; i++) {
        if (d->slot[i].used && d->slot[i].len == len &&
            memcmp(d->slot[i].text, text, len) == 0) {
            int fresh = now_ms - d->slot[i].seen >= SCAN_DEBOUNCE_MS;
            d->slot[i].seen = now_ms;
            return fresh;
        }
    }
    for (int i = 0; i < SCAN_DEBOUNCE_SLOTS; i++) {
        if (!d->slot[i].used) {
            oldest = i;
            break;
        }
        if (d->slot[i].seen < d->slot[oldest].seen)
            oldest = i;
    }
    sodium_memzero(d->slot[oldest].text, sizeof d->slot[oldest].text);
    memcpy(d->slot[oldest].text, text, len);
    d->slot[oldest].len = len;
    d->slot[oldest].used = 1;
    d->slot[oldest].seen = now_ms;
    return 1;
}

void scan_debounce_wipe(scan_debounce *d)
{
    sodium_memzero(d, sizeof *d);
}
