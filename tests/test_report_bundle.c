/* test_report_bundle.c: see test_report_bundle.h. */
#include "test_report_bundle.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "export.h"
#include "meeting.h"
#include "store_sqlite.h"

const char trb_yaml[] =
    "meeting:\n"
    "  title: Asamblea de vecinos\n"
    "  date: 2027-03-14\n"
    "  languages: [en, es]\n"
    "  quorum: 3\n"
    "proposals:\n"
    "  - id: bylaws\n"
    "    title: {en: Adopt the bylaws, es: Adoptar los estatutos}\n"
    "    text: {en: The bylaws as circulated in February., es: Los estatutos "
    "enviados en febrero.}\n"
    "    threshold: two-thirds\n"
    "  - id: garden\n"
    "    title: {en: Community garden, es: Huerto comunitario}\n"
    "    text: {en: Start a garden in the yard., es: Empezar un huerto en el patio.}\n"
    "    method: consensus\n"
    "    consensus: no-blocks-third-aside\n"
    "  - id: paint\n"
    "    title: {en: Paint colours, es: Colores de pintura}\n"
    "    text: {en: Pick two colours., es: Elegir dos colores.}\n"
    "    method: approval\n"
    "    seats: 2\n"
    "    options:\n"
    "      - {id: red, name: {en: Red, es: Rojo}}\n"
    "      - {id: blue, name: {en: Blue, es: Azul}}\n"
    "      - {id: green, name: {en: Green, es: Verde}}\n"
    "  - id: chair\n"
    "    title: {en: Elect the chair, es: Elegir la presidencia}\n"
    "    text: {en: One chair for a year., es: Una presidencia por un año.}\n"
    "    method: ranked-choice\n"
    "    options:\n"
    "      - {id: a, name: Ana Beltrán}\n"
    "      - {id: b, name: Begoña Ibáñez-Castillo}\n"
    "      - {id: c, name: Carla Mendoza}\n"
    "  - id: council\n"
    "    title: {en: Two delegates, es: Dos delegados}\n"
    "    text: {en: Delegates to the federation., es: Delegados a la federación.}\n"
    "    method: stv\n"
    "    seats: 2\n"
    "    options:\n"
    "      - {id: ana, name: Ana Ruiz}\n"
    "      - {id: beto, name: Beto Sánchez}\n"
    "      - {id: carla, name: Carla Ortega}\n"
    "      - {id: dora, name: Dora Fuentes}\n"
    "  - id: recall-bo\n"
    "    title: {en: Recall Bo, es: Revocar a Bo}\n"
    "    text: {en: Recall Bo Lee as treasurer., es: Revocar a Bo Lee como tesorero.}\n"
    "    method: recall\n"
    "    delegate: Bo Lee\n"
    "    threshold: two-thirds\n"
    "  - id: later\n"
    "    title: {en: Next meeting, es: Próxima reunión}\n"
    "    text: {en: Not voted yet., es: Aún sin votar.}\n";

/* vote: opens prop, casts the ballots spec lists ("yes*19 no*8": each
 * canonical ballot text and how many cast it), closes it. */
static void vote(store *s, const char *prop, const char *spec)
{
    as_err err = {{0}};
    uint8_t badge[TOKEN_HASH_SIZE] = {0x77};
    char text[64];
    int times, used, voter = 0;
    CHECK_INT(store_set_proposal_state(s, prop, PROP_OPEN, &err), AS_OK);
    for (const char *at = spec; sscanf(at, " %63[^*]*%d%n", text, &times, &used) == 2;
         at += used)
        while (times-- > 0) {
            badge[1] = (uint8_t)voter++;
            CHECK_MSG(store_cast_text(s, prop, badge, text, &err) == AS_OK, "%s: %s",
                      prop, err.msg);
        }
    CHECK_INT(store_set_proposal_state(s, prop, PROP_CLOSED, &err), AS_OK);
}

/* votes: every proposal but the last gets its ballots and closes. */
static void votes(store *s)
{
    vote(s, "bylaws", "yes*19 no*8 abstain*3");
    vote(s, "garden", "agree*8 stand-aside*4");
    vote(s, "paint", "red*5 blue*3 green*3 none*1");
    vote(s, "chair", "a>b*4 b>c*2 c>b*3 none*1");
    vote(s, "council", "ana>beto*14 ana>carla*2 carla*7 dora>carla*4 beto*3");
    vote(s, "recall-bo", "yes*10 no*5 abstain*2");
}

/* load: the meeting with a roster of a facilitator and 39 attendees. */
static meeting *load(void)
{
    char roster_csv[2048];
    int len = snprintf(roster_csv, sizeof roster_csv, "name,role,token\nA,facilitator,\n");
    for (int i = 0; i < 39; i++)
        len += snprintf(roster_csv + len, sizeof roster_csv - (size_t)len,
                        "P%d,attendee,\n", i);
    meeting *m = NULL;
    diag_list d;
    diag_init(&d);
    as_status st = meeting_from_memory("meeting.yaml", trb_yaml, strlen(trb_yaml),
                                       roster_csv, &m, &d);
    CHECK_MSG(st == AS_OK, "meeting: %s", d.n ? d.lines[0] : "?");
    diag_free(&d);
    return m;
}

char *trb_make(const char *dir)
{
    char data[600], usb[600];
    meeting *m = load();
    if (!m)
        return NULL;
    store *s = NULL;
    as_err err = {{0}};
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(usb, sizeof usb, "%s/usb", dir);
    CHECK_INT(store_open(data, m->sha256, &s, &err), AS_OK);
    /* 30 of the 40 present; a ballot's badge is one of theirs */
    uint8_t badge[TOKEN_HASH_SIZE] = {0x77};
    for (badge[1] = 0; badge[1] < 30 && s; badge[1]++)
        CHECK_INT(store_checkin(s, badge, NULL, &err), AS_OK);
    char *out = NULL;
    if (s) {
        votes(s);
        export_summary sum;
        as_status st = export_write(m, trb_yaml, strlen(trb_yaml), meeting_quorum(m),
                                    40, s, data, usb, &sum, &err);
        CHECK_MSG(st == AS_OK, "export: %s", err.msg);
        if (st == AS_OK)
            out = strdup(sum.path);
    }
    store_free(s);
    meeting_free(m);
    return out;
}
