/* test_kiosk_util.h: what the tests that stop the real kiosk mid-vote
 * (test_kiosk_crash: kill -9; test_appliance_sigterm: SIGTERM/SIGINT)
 * share: a meeting of yes/no/abstain proposals whose roster holds fresh
 * badges, and the data directory's invariants checked after each stop.
 * Header-only (static inline): the checks count in the including test's
 * own check.h counters. */
#ifndef AS_TEST_KIOSK_UTIL_H
#define AS_TEST_KIOSK_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include "check.h"
#include "meeting.h"
#include "store_sqlite.h"
#include "token.h"

/* ku_meeting_new: writes dir/roster.csv with nbadges attendees, each with
 * a new token (into tokens[i]), and mpath, a meeting titled title with the
 * proposals p0..p(nprops-1) titled "Proposal number <i>"; then loads it.
 * NULL, with meeting_load's lines on stderr, if the file does not load or
 * cannot be written. */
static inline meeting *ku_meeting_new(const char *dir, const char *mpath,
                                      const char *title,
                                      char (*tokens)[TOKEN_TEXT_SIZE],
                                      int nbadges, int nprops)
{
    char path[4096];
    FILE *f;
    diag_list diag;
    meeting *m = NULL;
    snprintf(path, sizeof path, "%s/roster.csv", dir);
    f = fopen(path, "w");
    if (!f) {
        perror(path);
        return NULL;
    }
    fputs("name,role,token\n", f);
    for (int i = 0; i < nbadges; i++) {
        token_new(tokens[i]);
        fprintf(f, "Member %d,attendee,%s\n", i, tokens[i]);
    }
    fclose(f);
    f = fopen(mpath, "w");
    if (!f) {
        perror(mpath);
        return NULL;
    }
    fprintf(f, "meeting:\n  title: %s\n  date: 2026-12-05\n"
               "  languages: [en]\n  roster: roster.csv\nproposals:\n", title);
    for (int p = 0; p < nprops; p++)
        fprintf(f, "  - id: p%d\n    title: Proposal number %d\n"
                   "    text: Text of proposal %d.\n", p, p, p);
    fclose(f);
    diag_init(&diag);
    if (meeting_load(mpath, &m, &diag) != AS_OK) {
        for (int i = 0; i < diag.n; i++)
            fprintf(stderr, "%s\n", diag.lines[i]);
        m = NULL;
    }
    diag_free(&diag);
    return m;
}

/* ku_check_store: opens the data directory data of m (opening all nprops
 * proposals first if open_all) and checks its invariants: PRAGMA
 * integrity_check passes and, for every proposal, ballots == badges
 * marked voted (a failed check names the proposal).  Returns the number of
 * badges marked voted over all proposals, or -1 (said on stderr) if the
 * store could not be opened, checked or read. */
static inline long ku_check_store(const char *data, const meeting *m,
                                  int nprops, int open_all)
{
    store *s;
    as_err err;
    long total = 0;
    if (store_open(data, m->sha256, &s, &err) != AS_OK) {
        fprintf(stderr, "store_open: %s\n", err.msg);
        return -1;
    }
    for (int p = 0; p < nprops && open_all; p++)
        store_set_proposal_state(s, m->props[p].id, PROP_OPEN, &err);
    if (store_integrity(s, &err) != AS_OK) {
        fprintf(stderr, "integrity: %s\n", err.msg);
        total = -1;
    }
    for (int p = 0; p < nprops && total >= 0; p++) {
        int64_t voted = -1, c[3] = {0, 0, 0};
        if (store_voted_count(s, m->props[p].id, &voted, &err) != AS_OK ||
            store_counts(s, m->props[p].id, c, 3, &err) != AS_OK) {
            fprintf(stderr, "read: %s\n", err.msg);
            total = -1;
            break;
        }
        CHECK_MSG(c[0] + c[1] + c[2] == voted,
                  "proposal %d: %lld ballots but %lld badges marked voted", p,
                  (long long)(c[0] + c[1] + c[2]), (long long)voted);
        total += (long)voted;
    }
    store_free(s);
    return total;
}

#endif
