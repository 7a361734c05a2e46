/* room_vote.c: a proposal on the room display: its title and text
 * (ROOM_PROPOSAL) and, while the vote is open, its live turnout
 * (ROOM_TURNOUT: "37 of 52 present have voted", with a bar).  Never an
 * interim count: nothing here reads counts, only how many have voted.
 * A text too long for the screen at the minimum size is not cut: the
 * room is told the full text is on every kiosk. */
#include <stdio.h>
#include <string.h>
#include "i18n.h"
#include "room_internal.h"

int room_title_block(room_ctx *c, int lang, box a, int px, int i, int dry)
{
    return room_text(c, a, meeting_text(c->m, &c->m->props[i].title, lang),
                     px * 5 / 4, 1, ROOM_TEXT, ROOM_BG, 0, dry);
}

/* body: the title, then the text (or where to read it). */
static int body(room_ctx *c, int lang, box a, int px, int dry, int i)
{
    int y = a.y + room_title_block(c, lang, a, px, i, dry);
    y += c->gap / 2;
    if (c->compact)
        y += room_text(c, (box){a.x, y, a.w, 0},
                       _("The full text is on every kiosk."), px, 0, ROOM_TEXT,
                       ROOM_BG, 0, dry);
    else
        y += room_text(c, (box){a.x, y, a.w, 0},
                       room_reflow(c->r, meeting_text(c->m,
                                                      &c->m->props[i].text,
                                                      lang)),
                       px, 0, ROOM_TEXT, ROOM_BG, 0, dry);
    return y - a.y;
}

static int proposal_block(room_ctx *c, int lang, box a, int px, int dry,
                          const void *arg)
{
    return body(c, lang, a, px, dry, *(const int *)arg);
}

/* turnout_words: the state and "37 of 52 present have voted". */
static int turnout_part(room_ctx *c, box a, int px, int dry, int i)
{
    const snapshot_proposal *sp = &c->sn->props[i];
    char buf[400];
    int y = a.y;
    if (!sp->have_fig) {
        return room_text(c, a, _("Turnout cannot be read right now."), px, 1,
                         ROOM_TEXT, ROOM_BG, 0, dry);
    }
    const char *st = sp->fig.state == PROP_OPEN     ? _("Voting is open.")
                     : sp->fig.state == PROP_CLOSED ? _("Voting has closed.")
                                                    : _("Voting has not opened yet.");
    y += room_text(c, (box){a.x, y, a.w, 0}, st, px, 1, ROOM_TEXT, ROOM_BG, 0,
                   dry);
    snprintf(buf, sizeof buf,
             ngettext("%lld of %lld present has voted",
                      "%lld of %lld present have voted",
                      (unsigned long)sp->fig.checked_in),
             (long long)sp->fig.voted, (long long)sp->fig.checked_in);
    y += room_text(c, (box){a.x, y, a.w, 0}, buf, px * 3 / 2, 1, ROOM_TEXT,
                   ROOM_BG, 0, dry);
    int bh = room_lh(c, px) / 2;
    int64_t whole = sp->fig.checked_in > sp->fig.voted ? sp->fig.checked_in
                                                       : sp->fig.voted;
    y += room_bar(c, (box){a.x, y, a.w, 0}, bh, sp->fig.voted, 0, whole, dry);
    return y + bh / 2 - a.y;
}

static int turnout_block(room_ctx *c, int lang, box a, int px, int dry,
                         const void *arg)
{
    int i = *(const int *)arg;
    int y = a.y + body(c, lang, a, px, dry, i) + c->gap;
    y += turnout_part(c, (box){a.x, y, a.w, a.y + a.h - y}, px, dry, i);
    return y - a.y;
}

/* fit: the whole text if it fits at some size, else compact. */
static void fit(room_ctx *c, box a, room_block_fn fn, int i)
{
    c->compact = 0;
    if (!room_langs_fit(c, a, fn, &i, c->px_min * 2, 1))
        c->compact = 1;
    room_langs_fit(c, a, fn, &i, c->px_min * 2, 0);
    c->compact = 0;
}

void room_proposal(room_ctx *c, box a, int i)
{
    fit(c, a, proposal_block, i);
}

void room_turnout(room_ctx *c, box a, int i)
{
    fit(c, a, turnout_block, i);
}
