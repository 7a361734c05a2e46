/* ui_screens.c: the UI object (sizes from the display's density, view
 * state) and ui_build, the dispatcher: it picks the screen the snapshot's
 * view names and hands it to ui_voter.c, ui_fac.c, ui_ballot.c or
 * ui_desk.c.  Screens call down into ui_parts.c and ui_layout.c, never
 * back up here. */
#include <stdlib.h>
#include "i18n.h"
#include "ui_internal.h"

as_status ui_new(const ui_metrics *mx, double dpi, ui **out)
{
    ui *u = calloc(1, sizeof *u);
    *out = NULL;
    if (!u)
        return AS_ENOMEM;
    u->mx = *mx;
    if (u->mx.cap_ratio <= 0.3 || u->mx.cap_ratio > 1.0)
        u->mx.cap_ratio = 0.714;
    u->dpi = dpi > 0 ? dpi : 96;
    u->last_screen = -1;
    u->last_proposal = -1;
    /* Generous margins over the minimums (12.7 mm, 2.5 mm, 3.5 mm): a
     * trembling finger or tired eyes should not need the last 0.1 mm. */
    u->margin = ui_mm(u, 4);
    u->gap = ui_mm(u, 3.5);
    u->target = ui_mm(u, 14);
    u->pad = ui_mm(u, 2.5);
    u->px_body = ui_text_px(u, 3.7);
    u->px_button = ui_text_px(u, 3.9);
    u->px_title = ui_text_px(u, 4.6);
    u->px_big = ui_text_px(u, 6.4);
    *out = u;
    return AS_OK;
}

void ui_free(ui *u)
{
    if (u)
        ui_qr_free(&u->qr);
    free(u);
}

int ui_handle_action(ui *u, int action, int arg)
{
    if (action == ACT_PAGE) {
        u->page += arg;
        if (u->page >= u->pages)
            u->page = u->pages - 1;
        if (u->page < 0)
            u->page = 0;
        return 1;
    }
    if (action == ACT_QR) {
        u->qr_view = arg != 0;
        return 1;
    }
    if (action == ACT_ROUND) {
        u->round += arg;
        if (u->round > u->rounds)
            u->round = u->rounds;
        if (u->round < 0)
            u->round = 0;
        u->scroll = 0;
        return 1;
    }
    if (action == ACT_FAC_ROOM_PANEL) {
        u->room_panel = arg != 0;
        return 1;
    }
    if (action == ACT_DESK_LIST) {
        u->desk_list = arg != 0;
        u->page = 0;
        return 1;
    }
    if (action == ACT_SCROLL) {
        ui_drag(u, -arg * u->scroll_step);
        return 1;
    }
    return 0;
}

void ui_drag(ui *u, int dy)
{
    u->scroll -= dy;
    if (u->scroll > u->scroll_max)
        u->scroll = u->scroll_max;
    if (u->scroll < 0)
        u->scroll = 0;
}

void ui_build(ui *u, const snapshot *s, int w, int h, dl_list *out)
{
    const meeting *m = s->meeting;
    session_view v = s->view;
    screen_id scr;
    int lang;

    scr = v.screen == SCR_STILL ? SCR_STILL : v.screen;
    if ((int)scr != u->last_screen || v.proposal != u->last_proposal) {
        u->scroll = 0;
        u->page = 0;
        u->qr_view = 0;
        u->desk_list = 0;
        u->room_panel = 0;
        u->round = 0;
        u->last_screen = (int)scr;
        u->last_proposal = v.proposal;
    }
    /* IDLE speaks every language itself; every other screen is in the
     * view's language: the attendee's, or on a facilitator's screens the
     * facilitators' own choice (the session keeps it; the desk's screens
     * for whoever scanned are in the meeting's first language). */
    lang = scr == SCR_IDLE ? 0 : v.lang;
    if (lang < 0 || lang >= m->nlangs)
        lang = 0;
    i18n_set_lang(m->langs[lang]);
    v.lang = lang;

    u->dl = out;
    dl_reset(out, w, h, C_BG);
    box a = ui_inset(u, w, h);
    switch (scr) {
    case SCR_IDLE:
        if (v.desk)
            ui_desk_idle(u, s, &v, a);
        else
            ui_scr_idle(u, s, &v, a);
        break;
    case SCR_MESSAGE: ui_scr_message(u, &v, a); break;
    case SCR_LANGUAGE: ui_scr_language(u, s, a); break;
    case SCR_LIST: ui_scr_list(u, s, &v, a); break;
    case SCR_PROPOSAL: ui_scr_proposal(u, s, &v, a); break;
    case SCR_BALLOT: ui_ballot_screen(u, s, &v, a); break;
    case SCR_REVIEW: ui_scr_review(u, s, &v, a); break;
    case SCR_RECORDED: ui_scr_recorded(u, &v, a); break;
    case SCR_STILL: ui_scr_still(u, a); break;
    case SCR_VOTE_ERROR: ui_scr_vote_error(u, &v, a); break;
    case SCR_FAC_HOME: ui_scr_fac_home(u, s, &v, a); break;
    case SCR_FAC_PROPOSAL: ui_scr_fac_proposal(u, s, &v, a); break;
    case SCR_FAC_CONFIRM: ui_scr_fac_confirm(u, s, &v, a); break;
    case SCR_DESK_WELCOME:
    case SCR_DESK_ALREADY:
    case SCR_DESK_CHECKOUT:
    case SCR_DESK_LEFT:
    case SCR_DESK_FAC:
    case SCR_DESK_SEARCH:
    case SCR_DESK_NAME_CONFIRM: ui_desk_screen(u, s, &v, a); break;
    }
    u->dl = NULL;
}
