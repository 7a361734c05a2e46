/* room_agenda.c: the room between votes: the meeting's title and date,
 * each proposal with its state in words, attendance against quorum with
 * a bar, and how to vote.  A long agenda is never cut: the type shrinks
 * (not below the minimum), languages move to columns, and only if it
 * still does not fit are the current items shown with "and N more". */
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "room_internal.h"

typedef struct {
    int start, count; /* the items shown */
} agenda_arg;

/* state_words: "Voting now", "Not open yet" or "Closed: PASSED". */
static void state_words(const room_ctx *c, int i, char *buf, size_t n)
{
    const snapshot_proposal *sp = &c->sn->props[i];
    int good;
    if (!sp->have_fig && sp->status != AS_OK) {
        snprintf(buf, n, "%s", _("State cannot be read right now"));
        return;
    }
    switch (sp->fig.state) {
    case PROP_OPEN:
        snprintf(buf, n, "%s", _("Voting now"));
        break;
    case PROP_CLOSED:
        snprintf(buf, n, _("Closed: %s"), room_outcome_word(c, i, &good));
        break;
    default:
        snprintf(buf, n, "%s", _("Not open yet"));
        break;
    }
}

/* room_attendance: attendance against quorum in words, then a bar with
 * the quorum marked.  Returns the height used. */
int room_attendance(room_ctx *c, box a, int64_t present, int quorum, int px,
                    int dry)
{
    char buf[300];
    int y = a.y;
    if (present < 0) {
        return room_text(c, a, _("Attendance cannot be read right now."), px,
                         0, ROOM_TEXT, ROOM_BG, 0, dry);
    }
    ui_attendance_words(present, quorum, buf, sizeof buf);
    y += room_text(c, a, buf, px, 0, ROOM_TEXT, ROOM_BG, 0, dry);
    if (quorum <= 0)
        return y - a.y;
    int bh = room_lh(c, px) / 3;
    int64_t whole = present > quorum ? present : quorum;
    /* Scale so the quorum mark sits inside the bar, with headroom. */
    whole += whole / 5 + 1;
    room_bar(c, (box){a.x, y, a.w, bh}, bh, present, 0, whole, dry);
    if (!dry) {
        dl_item it = {0};
        it.kind = DL_RECT;
        int qx = a.x + (int)((double)a.w * quorum / (double)whole);
        it.r = (dl_rect){qx - 2, y, 5, bh * 2};
        it.color = ROOM_TEXT;
        dl_push(c->dl, &it);
    }
    return y + bh * 2 - a.y;
}

static int agenda_block(room_ctx *c, int lang, box a, int px, int dry,
                        const void *arg)
{
    const agenda_arg *ag = arg;
    char buf[1200], st[300];
    int y = a.y, n = c->m->nprops;
    const char *how = c->m->credentials == CRED_CARDS
                          ? _("To vote, take your voting card to any kiosk.")
                          : _("To vote, scan your badge at any kiosk.");
    y += room_text(c, (box){a.x, y, a.w, 0}, how, px, 1, ROOM_TEXT, ROOM_BG, 0,
                   dry);
    y += room_attendance(c, (box){a.x, y, a.w, 0}, c->sn->checked_in,
                         meeting_quorum(c->m), px, dry);
    y += c->gap;
    for (int i = ag->start; i < ag->start + ag->count && i < n; i++) {
        state_words(c, i, st, sizeof st);
        snprintf(buf, sizeof buf, "%d. %s", i + 1,
                 meeting_text(c->m, &c->m->props[i].title, lang));
        y += room_text(c, (box){a.x, y, a.w, 0}, buf, px, 1, ROOM_TEXT, ROOM_BG,
                       0, dry);
        y += room_text(c, (box){a.x + px, y, a.w - px, 0}, st, px, 0, ROOM_TEXT,
                       ROOM_BG, 0, dry);
    }
    if (ag->count < n) {
        snprintf(buf, sizeof buf,
                 ngettext("and %d more item on the agenda",
                          "and %d more items on the agenda", n - ag->count),
                 n - ag->count);
        y += room_text(c, (box){a.x, y, a.w, 0}, buf, px, 0, ROOM_TEXT,
                       ROOM_BG, 0, dry);
    }
    return y - a.y;
}

/* window: the items shown when only `count` fit: from the item before the
 * first that is not closed yet, so the room sees what is next. */
static int window(const room_ctx *c, int count)
{
    int n = c->m->nprops, first = n;
    for (int i = 0; i < n; i++)
        if (!c->sn->props[i].have_fig || c->sn->props[i].fig.state != PROP_CLOSED) {
            first = i;
            break;
        }
    int start = first - 1;
    if (start > n - count)
        start = n - count;
    return start < 0 ? 0 : start;
}

/* heading: the meeting's title and date, centred; returns the area
 * left below them. */
static box heading(room_ctx *c, box a, int hpx, int dry)
{
    char head[600];
    snprintf(head, sizeof head, "%s\n%s", c->m->title, c->m->date);
    c->ok = 1;
    int used = room_text(c, a, head, hpx, 1, ROOM_TEXT, ROOM_BG, 1, dry);
    a.y += used + c->gap;
    a.h -= used + c->gap;
    return a;
}

/* most: how many items fit in a, and where they start. */
static int most(room_ctx *c, box a, agenda_arg *ag)
{
    /* Fitting is monotonic in the number of items: search for the most. */
    int lo = 0, hi = c->m->nprops;
    while (lo < hi) {
        ag->count = (lo + hi + 1) / 2;
        ag->start = window(c, ag->count);
        if (room_langs_fit(c, a, agenda_block, ag, c->px_min * 3 / 2, 1))
            lo = ag->count;
        else
            hi = ag->count - 1;
    }
    ag->count = lo;
    ag->start = window(c, lo);
    return lo;
}

void room_agenda(room_ctx *c, box a)
{
    agenda_arg ag = {0, 0};
    /* The title large when the agenda still fits whole, else at the
     * body size; a title too long for the large size is never cut. */
    int hpx = c->px_min * 3 / 2;
    box rest = heading(c, a, hpx, 1);
    if (!c->ok || most(c, rest, &ag) < c->m->nprops)
        hpx = c->px_min;
    rest = heading(c, a, hpx, 0);
    most(c, rest, &ag);
    room_langs_fit(c, rest, agenda_block, &ag, c->px_min * 3 / 2, 0);
}
