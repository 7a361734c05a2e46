/* test_ui_a11y_fac.c: the facilitator's screens in the facilitator's
 * chosen language.  With Spanish chosen on the console (and at the desk),
 * every facilitator screen (home and its room panel, each proposal in
 * each state, each method's result and rounds, the QR view, the
 * confirmations, a message, the desk's tools) is walked at every display;
 * a text run holding an English msgid whose Spanish differs (po/es.po,
 * read here), or one of the console's English words, fails.  The screens
 * obey the layout rules too (visit), and a meeting of long hyphenated
 * names shows them whole: no ellipsis, no break inside a word. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "i18n.h"
#include "test_demo_util.h"
#include "test_ui_a11y.h"

enum { P_COAT = 0, P_GARDEN = 3, P_BANNER = 4, P_CHAIR = 5, P_COUNCIL = 6,
       P_RECALL = 7 };

/* English chunks: pieces of msgids (between format directives) of at
 * least 10 characters that the Spanish catalog translates. */
static char *chunks[2048];
static int nchunks;

/* po_string: the C string starting at the quote q (with any continuation
 * lines of "..." after it), unescaped into out. */
static const char *po_string(const char *q, char *out, size_t n)
{
    size_t k = 0;
    while (*q == '"') {
        for (q++; *q && *q != '"'; q++) {
            char c = *q;
            if (c == '\\' && q[1]) {
                q++;
                c = *q == 'n' ? '\n' : *q == 't' ? '\t' : *q;
            }
            if (k + 1 < n)
                out[k++] = c;
        }
        if (*q == '"')
            q++;
        while (*q == '\n' || *q == ' ')
            q++;
    }
    out[k] = '\0';
    return q;
}

static void add_chunks(const char *id, const char *str)
{
    char buf[1024];
    size_t k = 0;
    for (const char *p = id;; p++) {
        int cut = !*p || *p == '\n';
        if (*p == '%') { /* a directive ends the chunk */
            cut = 1;
            p++;
            while (*p && strchr("0123456789.l-", *p))
                p++;
            if (!*p)
                p--;
        }
        if (!cut && k + 1 < sizeof buf) {
            buf[k++] = *p;
            continue;
        }
        buf[k] = '\0';
        /* trim spaces and punctuation at both ends */
        char *b = buf, *e = buf + strlen(buf);
        while (*b && (isspace((unsigned char)*b) || strchr(".,:;()\"", *b)))
            b++;
        while (e > b && (isspace((unsigned char)e[-1]) || strchr(".,:;()\"", e[-1])))
            e--;
        *e = '\0';
        if (strlen(b) >= 10 && !strstr(str, b) && nchunks < 2048)
            chunks[nchunks++] = strdup(b);
        k = 0;
        if (!*p)
            break;
    }
}

static void load_catalog(void)
{
    FILE *f = fopen(AS_PO_ES, "r");
    CHECK_MSG(f != NULL, "cannot read %s", AS_PO_ES);
    if (!f)
        return;
    static char po[1 << 20];
    size_t n = fread(po, 1, sizeof po - 1, f);
    fclose(f);
    po[n] = '\0';
    static char id[4096], str[4096];
    for (const char *p = po; (p = strstr(p, "\nmsgid \"")) != NULL;) {
        if (p > po && p[-1] == '~') { /* obsolete */
            p++;
            continue;
        }
        p = po_string(p + 7, id, sizeof id);
        if (strncmp(p, "msgstr ", 7))
            continue;
        p = po_string(p + 7, str, sizeof str);
        if (id[0] && str[0] && strcmp(id, str))
            add_chunks(id, str);
    }
    CHECK_MSG(nchunks > 100, "only %d English phrases read from %s", nchunks,
              AS_PO_ES);
}

/* Words the console says in English that a Spanish screen must not
 * show (whole words, case as written). */
static const char *const english[] = {
    "PASSED", "ELECTED", "BLOCKED", "TABLED", "RECALLED", "Needs", "ballots",
    "checked", "Room", "display", "Ballot-list", "majority", "two-thirds",
    "Show", "Back", "Export", "Leave", "Facilitator", "Voting", "round",
    "Round", "Quorum", "quorum", "Previous", "Next", "page", "Yes", "Abstain",
    "Agree", "Block", "votes", "Elected", "Tie", "Blank", "agenda", "result",
    "Summary", "Kiosk", "key", "Open", "Close", "Cancel", "Shut", "down",
    "Check", "name", NULL};

static int is_wordc(unsigned char c)
{
    return c >= 0x80 || isalnum(c) || c == '-';
}

static int has_whole(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (const char *p = s; (p = strstr(p, w)) != NULL; p++)
        if ((p == s || !is_wordc((unsigned char)p[-1])) &&
            !is_wordc((unsigned char)p[n]))
            return 1;
    return 0;
}

/* spanish_only: the screen at every display shows no English. */
static void spanish_only(fixture *fx, const char *what)
{
    for (int r = 0; r < NRES; r++) {
        ui_build(fx->u[r], session_snapshot(fx->s), RES[r].w, RES[r].h, &fx->dl);
        int bad = 0;
        for (int i = 0; i < fx->dl.n && !bad; i++) {
            const dl_item *it = &fx->dl.items[i];
            if (it->kind != DL_TEXT || !it->text)
                continue;
            for (int k = 0; k < nchunks && !bad; k++)
                if (strstr(it->text, chunks[k])) {
                    CHECK_MSG(0, "[%s | %s] English \"%s\" in \"%s\"", what,
                              RES[r].name, chunks[k], it->text);
                    bad = 1;
                }
            for (int k = 0; english[k] && !bad; k++)
                if (has_whole(it->text, english[k])) {
                    CHECK_MSG(0, "[%s | %s] English word \"%s\" in \"%s\"", what,
                              RES[r].name, english[k], it->text);
                    bad = 1;
                }
        }
        if (!bad)
            check_passed++;
    }
}

static void both(fixture *fx, const char *what)
{
    char name[300];
    snprintf(name, sizeof name, "%s [fac es]", what);
    visit(fx, name, NULL, NULL, 0, 0);
    spanish_only(fx, name);
}

/* choose_spanish: on screen scr a button names Spanish in Spanish;
 * choosing it puts this screen in Spanish. */
static void choose_spanish(fixture *fx, screen_id scr, const char *what)
{
    screen_is(fx, scr, what);
    ui_build(fx->u[1], session_snapshot(fx->s), RES[1].w, RES[1].h, &fx->dl);
    CHECK_MSG(dl_find_label(&fx->dl, "Español", NULL) == 1,
              "[%s] no button \"Español\"", what);
    act(fx, ACT_LANG, 1);
    both(fx, what);
}

/* ui_all: a UI-only action (a panel, the QR view) on every display. */
static void ui_all(fixture *fx, int action, int arg)
{
    for (int r = 0; r < NRES; r++)
        ui_handle_action(fx->u[r], action, arg);
}

static void cast_one(fixture *fx, int who, int prop, int a1, int a2, int kind)
{
    scan_member(fx, who);
    act(fx, ACT_LANG, 1);
    act(fx, ACT_PROPOSAL, prop);
    if (kind == 0) { /* yes-no-abstain and recall: the proposal screen */
        if (prop == P_RECALL)
            act(fx, ACT_GO_BALLOT, 0);
        act(fx, ACT_CHOOSE, a1);
    } else {
        act(fx, ACT_GO_BALLOT, 0);
        if (kind == 1) {
            act(fx, ACT_CHOOSE, a1);
        } else {
            act(fx, kind == 2 ? ACT_APPROVE : ACT_RANK, a1);
            act(fx, kind == 2 ? ACT_APPROVE : ACT_RANK, a2);
            act(fx, ACT_BALLOT_REVIEW, 0);
        }
    }
    act(fx, ACT_CAST, 0);
    act(fx, ACT_FINISH, 0);
}

/* walk_fac_es: the demo meeting's console with Spanish chosen. */
static void walk_fac_es(void)
{
    fixture fx;
    char what[200];

    if (!fixture_open(&fx, demo_yaml(), 0))
        goto out;
    scan_member(&fx, ROSA);
    choose_spanish(&fx, SCR_FAC_HOME, "FAC_HOME");
    ui_all(&fx, ACT_FAC_ROOM_PANEL, 1);
    both(&fx, "FAC_HOME room panel");
    ui_all(&fx, ACT_FAC_ROOM_PANEL, 0);
    /* Open every vote: the confirmation, then the open proposal (the
     * first one opened without quorum says so). */
    for (int i = 0; i < fx.m->nprops; i++) {
        act(&fx, ACT_FAC_PROPOSAL, i);
        snprintf(what, sizeof what, "FAC_PROPOSAL %s draft", fx.m->props[i].id);
        both(&fx, what);
        act(&fx, ACT_FAC_OPEN, i);
        screen_is(&fx, SCR_FAC_CONFIRM, "confirm open");
        both(&fx, "FAC_CONFIRM open");
        act(&fx, ACT_CONFIRM, 0);
        snprintf(what, sizeof what, "FAC_PROPOSAL %s open", fx.m->props[i].id);
        both(&fx, what);
        ui_all(&fx, ACT_FAC_ROOM_PANEL, 1);
        both(&fx, "FAC_PROPOSAL open, room panel");
        act(&fx, ACT_BACK, 0);
    }
    act(&fx, ACT_FAC_LEAVE, 0);
    const int who[] = {ANA, MARCUS, LUCIA, TOM};
    for (int k = 0; k < 4; k++) {
        cast_one(&fx, who[k], P_COAT, k == 3 ? CHOICE_ABSTAIN : k % 2, 0, 0);
        cast_one(&fx, who[k], P_GARDEN, k == 0 ? CONSENSUS_BLOCK : CONSENSUS_AGREE,
                 0, 1);
        cast_one(&fx, who[k], P_BANNER, k % 4, (k + 1) % 4, 2);
        cast_one(&fx, who[k], P_CHAIR, k % 3, (k + 1) % 3, 3);
        cast_one(&fx, who[k], P_COUNCIL, k % 4, (k + 2) % 4, 3);
        cast_one(&fx, who[k], P_RECALL, k == 2 ? CHOICE_YES : CHOICE_NO, 0, 0);
    }
    scan_member(&fx, ROSA); /* the language is kept for the session */
    act(&fx, ACT_FAC_PROPOSAL, P_COAT);
    both(&fx, "FAC_PROPOSAL open, kept language");
    for (int i = 0; i < fx.m->nprops; i++) {
        act(&fx, ACT_FAC_PROPOSAL, i);
        act(&fx, ACT_FAC_CLOSE, i);
        both(&fx, "FAC_CONFIRM close");
        act(&fx, ACT_CONFIRM, 0);
        const snapshot *s = session_snapshot(fx.s);
        CHECK_MSG(s->room.mode == ROOM_RESULT && s->room.proposal == i,
                  "closing %s puts its result on the room display",
                  fx.m->props[i].id);
        snprintf(what, sizeof what, "FAC_PROPOSAL %s result", fx.m->props[i].id);
        both(&fx, what);
        /* The room's rounds, stepped from the console, to the last. */
        for (int r = 1; r < 40 && session_snapshot(fx.s)->room.round == r - 1; r++) {
            act(&fx, ACT_ROOM_ROUND, +1);
            if (session_snapshot(fx.s)->room.round != r)
                break;
            snprintf(what, sizeof what, "FAC_PROPOSAL %s room round %d",
                     fx.m->props[i].id, r);
            both(&fx, what);
        }
        ui_all(&fx, ACT_QR, 1);
        snprintf(what, sizeof what, "FAC_PROPOSAL %s QR", fx.m->props[i].id);
        both(&fx, what);
        ui_all(&fx, ACT_QR, 0);
        ui_all(&fx, ACT_FAC_ROOM_PANEL, 1);
        both(&fx, "FAC_PROPOSAL closed, room panel");
        act(&fx, ACT_ROOM_SHOW, ROOM_PROPOSAL);
        both(&fx, "FAC_PROPOSAL closed, room shows the text");
        act(&fx, ACT_BACK, 0);
    }
    act(&fx, ACT_ROOM_SHOW, ROOM_BLANK);
    both(&fx, "FAC_HOME all closed, room blank");
    act(&fx, ACT_FAC_SHUTDOWN, 0);
    both(&fx, "FAC_CONFIRM shut down");
    act(&fx, ACT_CANCEL, 0);
out:
    fixture_close(&fx);
}

/* walk_desk_es: the desk's facilitator screens with Spanish chosen. */
static void walk_desk_es(void)
{
    fixture fx;
    static char csv[4096];
    FILE *f = fopen(AS_TEST_DATA "/desk/roster.csv", "r");
    size_t n = f ? fread(csv, 1, sizeof csv - 1, f) : 0;
    if (f)
        fclose(f);
    csv[n] = '\0';
    const char *yaml =
        "meeting:\n  title: Desk\n  date: 2026-12-05\n  languages: [en, es]\n"
        "  roster: r.csv\n  quorum: 3\nproposals:\n  - id: garden\n"
        "    title: {en: Plant a community garden, es: Plantar un huerto}\n"
        "    text: {en: A garden., es: Un huerto.}\n"
        "    method: yes-no-abstain\n    threshold: majority\n";
    if (!fixture_open_with(&fx, yaml, csv, 0, 1))
        goto out;
    scan_member(&fx, 0); /* Rosa, the facilitator */
    choose_spanish(&fx, SCR_DESK_FAC, "DESK_FAC");
    act(&fx, ACT_DESK_BY_NAME, 0);
    both(&fx, "DESK_SEARCH");
    for (const char *p = "JOSE"; *p; p++)
        act(&fx, ACT_KEY, *p);
    both(&fx, "DESK_SEARCH one match");
    act(&fx, ACT_DESK_PICK, 3);
    screen_is(&fx, SCR_DESK_NAME_CONFIRM, "pick by name");
    both(&fx, "DESK_NAME_CONFIRM");
    act(&fx, ACT_CONFIRM, 0);
    both(&fx, "DESK_WELCOME by a facilitator");
out:
    fixture_close(&fx);
}

/* walk_names: an approval result with long hyphenated and many-word
 * names and a tie: every name and the tie sentence whole on every
 * display (visit's rules include no ellipsis), no line ending inside a
 * word ("Ibáñez-Castill" / "o"). */
static void walk_names(void)
{
    fixture fx;
    const char *yaml =
        "meeting:\n  title: Names\n  date: 2026-12-05\n  languages: [en, es]\n"
        "  roster: r.csv\n  quorum: 1\nproposals:\n  - id: delegates\n"
        "    title: {en: Elect two delegates to the regional council of "
        "assemblies, es: Elegir dos delegadas al consejo regional de asambleas}\n"
        "    text: {en: Two seats., es: Dos puestos.}\n"
        "    method: approval\n    seats: 2\n    choose: 2\n    options:\n"
        "      - {id: begona, name: Begoña Ibáñez-Castillo}\n"
        "      - {id: maria, name: María de los Ángeles Fernández-Villaverde}\n"
        "      - {id: jose, name: José Luis Ramírez-Olmedo}\n"
        "      - {id: ana, name: Ana}\n";
    if (!fixture_open(&fx, yaml, 0))
        goto out;
    set_state(&fx, 0, PROP_OPEN);
    const int who[] = {ANA, MARCUS, LUCIA, TOM};
    for (int k = 0; k < 4; k++) /* Begoña 3, María 2, José 2, Ana 1 */
        cast_one(&fx, who[k], 0, k < 3 ? 0 : 3, k % 2 ? 1 : 2, 2);
    set_state(&fx, 0, PROP_CLOSED);
    scan_member(&fx, ROSA);
    act(&fx, ACT_FAC_PROPOSAL, 0);
    {
        const char *w[] = {"Begoña", "Ibáñez-", "Castillo", "Ángeles", NULL};
        visit(&fx, "RESULT approval, long names", w, NULL, 0, 0);
    }
    static const char *const words[] = {
        "Begoña", "Ibáñez-Castillo", "Castillo", "María", "Ángeles",
        "Fernández-Villaverde", "Villaverde", "Ramírez-Olmedo", "Olmedo", NULL};
    for (int r = 0; r < NRES; r++) {
        ui_build(fx.u[r], session_snapshot(fx.s), RES[r].w, RES[r].h, &fx.dl);
        int tie = 0;
        for (int i = 0; i < fx.dl.n; i++) {
            const dl_item *it = &fx.dl.items[i];
            if (it->kind != DL_TEXT)
                continue;
            tie |= strstr(it->text, "draw") != NULL;
            /* A line ends at a space, after a hyphen, or at the end of
             * a word: a run's last word is never a piece of a name's
             * word ("Castill" of "Castillo"). */
            const char *end = strrchr(it->text, ' ');
            end = end ? end + 1 : it->text;
            for (int k = 0; words[k]; k++)
                CHECK_MSG(strlen(end) == 0 || strcmp(end, words[k]) == 0 ||
                          end[strlen(end) - 1] == '-' ||
                          strncmp(words[k], end, strlen(end)) != 0 ||
                          strlen(end) < 3,
                          "[%s] \"%s\" breaks inside \"%s\"", RES[r].name,
                          it->text, words[k]);
        }
        /* A 7-inch portrait console may hold it in the result's scrolled
         * panel: it must then come into view by scrolling. */
        for (int k = 0; !tie && k < 20; k++) {
            ui_handle_action(fx.u[r], ACT_SCROLL, +1);
            ui_build(fx.u[r], session_snapshot(fx.s), RES[r].w, RES[r].h, &fx.dl);
            for (int i = 0; i < fx.dl.n; i++)
                tie |= fx.dl.items[i].kind == DL_TEXT &&
                       strstr(fx.dl.items[i].text, "draw") != NULL;
        }
        CHECK_MSG(tie, "[%s] the tie sentence is not on screen, even scrolled",
                  RES[r].name);
    }
out:
    fixture_close(&fx);
}

void walk_fac_lang(int *passed, int *failed)
{
    i18n_set_lang("es");
    load_catalog();
    walk_fac_es();
    walk_desk_es();
    walk_names();
    for (int k = 0; k < nchunks; k++)
        free(chunks[k]);
    nchunks = 0;
    /* check.h counts per file: hand this file's counts to main's. */
    *passed += check_passed;
    *failed += check_failed;
}
