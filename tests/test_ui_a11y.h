/* test_ui_a11y.h: what test_ui_a11y.c (the rule checker and the walks of
 * the yes/no kiosk, the long meetings and the desk) shares with
 * test_ui_a11y_methods.c (the ballot and results screens of every other
 * voting method).  One test binary. */
#ifndef TEST_UI_A11Y_H
#define TEST_UI_A11Y_H

#include "displaylist.h"
#include "meeting.h"
#include "session.h"
#include "store.h"
#include "ui.h"

typedef struct {
    int w, h;
    double dpi;
    const char *name;
} res_t;

enum { NRES = 6 };
extern const res_t RES[NRES];
extern ui_metrics g_mx;
extern int g_screens;

typedef struct {
    char *dir;
    meeting *m;
    store *st;
    session *s;
    ui *u[NRES];
    dl_list dl;
    uint64_t now;
    const char *lang; /* the attendee's language code for key words */
} fixture;

/* roster indices of the demo roster */
enum { ANA = 0, MARCUS = 1, LUCIA = 2, TOM = 3, ROSA = 4 };

/* tr: msgid in language lang, as the UI would show it (a copy). */
const char *tr(const char *lang, const char *msgid);

/* visit: lays out the current screen at every resolution and checks the
 * rules; want[] must be on screen, absent[] (whole words) must not; with
 * list_action, every one of list_n entries must be reachable by paging. */
void visit(fixture *fx, const char *name, const char *const *want,
           const char *const *absent, int list_action, int list_n);
void screen_is(fixture *fx, screen_id want, const char *where);
int fixture_open(fixture *fx, const char *yaml, int demo);
int fixture_open_with(fixture *fx, const char *yaml, const char *csv, int demo,
                      int desk);
void fixture_close(fixture *fx);
void set_state(fixture *fx, int prop, prop_state ps);
void scan_member(fixture *fx, int who);
void act(fixture *fx, int action, int arg);

/* test_ui_a11y_methods.c: every method's screens in language li. */
void walk_methods(int li);

/* test_ui_a11y_fac.c: the facilitator's screens with Spanish chosen show
 * no English; long names whole, never broken inside a word. */
void walk_fac_lang(int *passed, int *failed);

#endif
