/* ui_fac_kiosks.c: the kiosks of a meeting served through a hub, on the
 * facilitator's proposal screen.  Shares, not counts: a count per kiosk
 * would tell the room how many people voted at the kiosk by the door
 * while voting is still open, which is no business of anyone's; a share
 * says whether the kiosks are used evenly, which is what a facilitator
 * needs to send the queue to the free one. */
#include <stdio.h>
#include "i18n.h"
#include "ui_internal.h"

int ui_fac_kiosks(ui *u, const snapshot *s, box a)
{
    char line[256], share[32];
    int y = a.y;

    if (!s->nkiosks)
        return 0;

    y += ui_text(u, (box){a.x, y, a.w, 0}, _("Kiosks"), u->px_body, 1, C_TEXT,
                 C_BG, ALIGN_LEFT, NULL, 0);
    for (int i = 0; i < s->nkiosks; i++) {
        const snapshot_kiosk *k = &s->kiosks[i];
        const char *state = k->awaited ? _("waiting for its ballots")
                            : k->online ? _("on")
                                        : _("off, or cannot reach the hub");
        if (k->share >= 0) {
            snprintf(share, sizeof share, "%d.%d%%", k->share / 10, k->share % 10);
            /* TRANSLATORS: "Kiosk 2, By the door: on, 40.0% of the votes". */
            snprintf(line, sizeof line, _("Kiosk %d, %s: %s, %s of the votes"),
                     k->id, k->name, state, share);
        } else {
            snprintf(line, sizeof line, _("Kiosk %d, %s: %s, no votes yet"),
                     k->id, k->name, state);
        }
        y += ui_text(u, (box){a.x, y, a.w, 0}, line, u->px_body, 0,
                     k->online ? C_TEXT : C_MUTED, C_BG, ALIGN_LEFT, NULL, 0);
    }
    return y - a.y;
}
