/* room.c: the room view (room.h): sizes from the screen's height, and
 * what the console asked the room to see (snapshot.room.mode) dispatched
 * to its view: the agenda (room_agenda.c), a proposal and its turnout
 * (room_vote.c), a result (room_result.c) and its rounds (room_rounds.c),
 * or a blank screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "i18n.h"
#include "method.h"
#include "room_internal.h"

as_status room_new(const ui_metrics *mx, room **out)
{
    room *r = calloc(1, sizeof *r);
    *out = NULL;
    if (!r)
        return AS_ENOMEM;
    r->mx = *mx;
    *out = r;
    return AS_OK;
}

void room_free(room *r)
{
    if (!r)
        return;
    ui_qr_free(&r->qr);
    free(r);
}

int room_rounds(const snapshot *sn, int i)
{
    if (!sn || i < 0 || i >= sn->nprops || !sn->props ||
        !sn->props[i].result || sn->props[i].status != AS_OK)
        return 0;
    return method_result_steps(&sn->meeting->props[i], sn->props[i].result);
}

/* message_block: fn's words for one language, large and centred. */
typedef struct {
    room_words_fn fn;
    const void *arg;
} msg_arg;

static int message_block(room_ctx *c, int lang, box a, int px, int dry,
                         const void *arg)
{
    const msg_arg *ma = arg;
    char buf[2048];
    ma->fn(c, lang, buf, sizeof buf, ma->arg);
    return room_text(c, a, buf, px, 1, ROOM_TEXT, ROOM_BG, 1, dry);
}

void room_message(room_ctx *c, box a, room_words_fn fn, const void *arg)
{
    msg_arg ma = {fn, arg};
    room_langs_fit(c, a, message_block, &ma, c->px_min * 2, 0);
}

static void not_closed_words(const room_ctx *c, int lang, char *buf, size_t n,
                             const void *arg)
{
    int i = *(const int *)arg;
    snprintf(buf, n, _("%s\n\nThe result is shown when voting has closed."),
             meeting_text(c->m, &c->m->props[i].title, lang));
}

static void error_words(const room_ctx *c, int lang, char *buf, size_t n,
                        const void *arg)
{
    int i = *(const int *)arg;
    const snapshot_proposal *sp = &c->sn->props[i];
    snprintf(buf, n, _("%s\n\nThe result cannot be shown: %s\nThe facilitator "
                       "can check the kiosk and the export."),
             meeting_text(c->m, &c->m->props[i].title, lang),
             sp->err.msg[0] ? sp->err.msg : _("the figures could not be read"));
}

/* show_result: round 0 is the outcome; rounds step through the count. */
static void show_result(room_ctx *c, box a, int i)
{
    const snapshot_proposal *sp = &c->sn->props[i];
    if (sp->status != AS_OK) {
        room_message(c, a, error_words, &i);
        return;
    }
    if (!sp->result) {
        room_message(c, a, not_closed_words, &i);
        return;
    }
    int k = c->sn->room.round, n = room_rounds(c->sn, i);
    if (k > 0 && k <= n)
        room_steps(c, a, i, k);
    else
        room_result(c, a, i);
}

void room_build(room *r, const snapshot *sn, int w, int h, dl_list *out)
{
    room_ctx c = {0};
    c.r = r;
    c.sn = sn;
    c.m = sn->meeting;
    c.dl = out;
    c.w = w;
    c.h = h;
    c.limit = -1;
    c.margin = (w < h ? w : h) / 30;
    c.gap = h / 60;
    c.px_min = room_px_for_cap(&c, h * ROOM_MIN_CAP_FRAC);
    c.px_big = room_px_for_cap(&c, h * ROOM_OUTCOME_CAP_FRAC);
    if (sn->room.mode == ROOM_BLANK) {
        dl_reset(out, w, h, ROOM_BLANK_BG); /* nothing but the background */
        return;
    }
    dl_reset(out, w, h, ROOM_BG);
    box a = {c.margin, c.margin, w - 2 * c.margin, h - 2 * c.margin};
    int i = sn->room.proposal;
    int valid = i >= 0 && i < sn->nprops && i < c.m->nprops && sn->props;
    if (sn->room.mode == ROOM_AGENDA)
        room_agenda(&c, a);
    else if (!valid)
        room_message(&c, a, room_msgid_words,
                     N_("This proposal is not on the agenda. The "
                        "facilitator can show the agenda instead."));
    else if (sn->room.mode == ROOM_PROPOSAL)
        room_proposal(&c, a, i);
    else if (sn->room.mode == ROOM_TURNOUT)
        room_turnout(&c, a, i);
    else if (sn->room.mode == ROOM_RESULT)
        show_result(&c, a, i);
    else
        room_agenda(&c, a);
    room_lang(&c, 0);
}
