/* ui_fac_room.c: the facilitator's console drives the room display
 * (snapshot.room, room.h): one line in words saying what the room sees
 * now, and the buttons that change it (the session handles ACT_ROOM_*
 * and keeps the round in range).  Labels are fixed words ("Show agenda",
 * "Next round") so replay scripts and people tap the same thing. */
#include <stdio.h>
#include "i18n.h"
#include "method.h"
#include "ui_internal.h"

void ui_room_words(const snapshot *s, int lang, int here, char *buf, size_t n)
{
    const room_show *r = &s->room;
    const meeting *m = s->meeting;
    int i = r->proposal;
    int ok = i >= 0 && i < s->nprops;
    const char *title = ok ? ui_ptitle(m, i, lang) : "";
    int self = ok && i == here; /* on its own screen: no title again */

    switch (ok || r->mode == ROOM_AGENDA || r->mode == ROOM_BLANK ? r->mode
                                                                   : ROOM_BLANK) {
    case ROOM_AGENDA:
        snprintf(buf, n, "%s", _("Room display: the agenda and attendance"));
        break;
    case ROOM_PROPOSAL:
        if (self)
            snprintf(buf, n, "%s", _("Room display: this proposal's text"));
        else
            snprintf(buf, n, _("Room display: the text of \"%s\""), title);
        break;
    case ROOM_TURNOUT:
        if (self)
            snprintf(buf, n, "%s", _("Room display: this vote's turnout"));
        else
            snprintf(buf, n, _("Room display: the turnout of \"%s\""), title);
        break;
    case ROOM_RESULT: {
        int steps = method_result_steps(&m->props[i], s->props[i].result);
        if (r->round > 0 && steps > 0 && self)
            snprintf(buf, n, _("Room display: this result, round %d of %d"),
                     r->round, steps);
        else if (r->round > 0 && steps > 0)
            snprintf(buf, n, _("Room display: the result of \"%s\", round %d of %d"),
                     title, r->round, steps);
        else if (self)
            snprintf(buf, n, "%s", _("Room display: this result"));
        else
            snprintf(buf, n, _("Room display: the result of \"%s\""), title);
        break;
    }
    case ROOM_BLANK:
    default:
        snprintf(buf, n, "%s", _("Room display: blank"));
        break;
    }
}

void ui_room_home_buttons(const snapshot *s, int lang, btn_spec *b, int *nb)
{
    const meeting *m = s->meeting;

    b[(*nb)++] = (btn_spec){_("Show agenda"), ACT_ROOM_SHOW, ROOM_AGENDA,
                            BTN_SECONDARY};
    b[(*nb)++] = (btn_spec){_("Blank screen"), ACT_ROOM_SHOW, ROOM_BLANK,
                            BTN_SECONDARY};
    b[(*nb)++] = (btn_spec){_("Room view here"), ACT_ROOM_HERE, 1, BTN_SECONDARY};
    /* Every other meeting language, named in itself ("Español"), as on
     * the attendee's language screen. */
    for (int l = 0; l < m->nlangs && l < 5; l++)
        if (l != lang)
            b[(*nb)++] = (btn_spec){i18n_lang_name(m->langs[l]), ACT_LANG, l,
                                    BTN_SECONDARY};
}

void ui_room_prop_buttons(const snapshot *s, int i, btn_spec *b, int *nb)
{
    const snapshot_proposal *sp = &s->props[i];
    b[(*nb)++] = (btn_spec){_("Show proposal"), ACT_ROOM_SHOW, ROOM_PROPOSAL,
                            BTN_SECONDARY};
    if (sp->have_fig && sp->fig.state == PROP_OPEN)
        b[(*nb)++] = (btn_spec){_("Show turnout"), ACT_ROOM_SHOW, ROOM_TURNOUT,
                                BTN_SECONDARY};
    if (sp->have_fig && sp->fig.state == PROP_CLOSED && sp->result)
        b[(*nb)++] = (btn_spec){_("Show result"), ACT_ROOM_SHOW, ROOM_RESULT,
                                BTN_SECONDARY};
}
