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
    "      - {id: ana, name: Ana}\n"
    "      - {id: beto, name: Beto}\n"
    "      - {id: carla, name: Carla}\n"
    "      - {id: dora, name: Dora}\n"
    "  - id: recall-bo\n"
    "    title: {en: Recall Bo, es: Revocar a Bo}\n"
    "    text: {en: Recall Bo Lee as treasurer., es: Revocar a Bo Lee como tesorero.}\n"
    "    method: recall\n"
    "    delegate: Bo Lee\n"
    "    threshold: two-thirds\n"
    "  - id: later\n"
    "    title: {en: Next meeting, es: Próxima reunión}\n"
    "    text: {en: Not voted yet., es: Aún sin votar.}\n";

static void cast_all(store *s, const char *prop, const char *const *texts,
                     const int *times, int n)
{
    as_err err = {{0}};
    uint8_t h[TOKEN_HASH_SIZE];
    int voter = 0;
    CHECK_INT(store_set_proposal_state(s, prop, PROP_OPEN, &err), AS_OK);
    for (int k = 0; k < n; k++)
        for (int i = 0; i < times[k]; i++) {
            memset(h, 0, sizeof h);
            h[0] = 0x77;
            h[1] = (uint8_t)voter++;
            CHECK_MSG(store_cast_text(s, prop, h, texts[k], &err) == AS_OK, "%s: %s",
                      prop, err.msg);
        }
    CHECK_INT(store_set_proposal_state(s, prop, PROP_CLOSED, &err), AS_OK);
}

/* votes: every proposal but the last gets its ballots and closes. */
static void votes(store *s)
{
    const char *yna[] = {"yes", "no", "abstain"};
    const int bylaws[] = {19, 8, 3}, recall[] = {10, 5, 2};
    cast_all(s, "bylaws", yna, bylaws, 3);
    const char *cons[] = {"agree", "stand-aside"};
    const int garden[] = {8, 4};
    cast_all(s, "garden", cons, garden, 2);
    const char *paint[] = {"red", "blue", "green", "none"};
    const int npaint[] = {5, 3, 3, 1};
    cast_all(s, "paint", paint, npaint, 4);
    const char *chair[] = {"a>b", "b>c", "c>b", "none"};
    const int nchair[] = {4, 2, 3, 1};
    cast_all(s, "chair", chair, nchair, 4);
    const char *council[] = {"ana>beto", "ana>carla", "carla", "dora>carla", "beto"};
    const int ncouncil[] = {14, 2, 7, 4, 3};
    cast_all(s, "council", council, ncouncil, 5);
    cast_all(s, "recall-bo", yna, recall, 3);
}

char *trb_make(const char *dir)
{
    char roster_csv[2048] = "name,role,token\nA,facilitator,\n";
    char data[600], usb[600];
    for (int i = 0; i < 39; i++) {
        size_t n = strlen(roster_csv);
        snprintf(roster_csv + n, sizeof roster_csv - n, "P%d,attendee,\n", i);
    }
    meeting *m = NULL;
    diag_list d;
    diag_init(&d);
    CHECK_INT(meeting_from_memory("meeting.yaml", trb_yaml, strlen(trb_yaml), roster_csv,
                                  &m, &d), AS_OK);
    for (int i = 0; i < d.n; i++)
        fprintf(stderr, "diag: %s\n", d.lines[i]);
    diag_free(&d);
    if (!m)
        return NULL;
    store *s = NULL;
    as_err err = {{0}};
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(usb, sizeof usb, "%s/usb", dir);
    CHECK_INT(store_open(data, m->sha256, &s, &err), AS_OK);
    uint8_t h[TOKEN_HASH_SIZE];
    for (int i = 0; i < 30 && s; i++) {
        memset(h, 0, sizeof h);
        h[0] = 0x77;
        h[1] = (uint8_t)i;
        CHECK_INT(store_checkin(s, h, NULL, &err), AS_OK);
    }
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
