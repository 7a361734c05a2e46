/* roster_internal.h: the roster's insides, shared by roster.c (reading)
 * and roster_issue.c (rewriting).  Internal to its folder. */
#ifndef AS_ROSTER_INTERNAL_H
#define AS_ROSTER_INTERNAL_H

#include "roster.h"
#include "roster_csv.h"

struct roster {
    csv_doc doc;              /* every record, with source positions */
    const csv_record *header; /* points into doc */
    int col_name, col_role, col_token;
    roster_entry *e;          /* one per non-blank data row */
    int *rec;                 /* e[i] came from doc.r[rec[i]] */
    int n;
    int nfac;
};

/* roster_token_report: reports the token cell ft whose text token_normalize
 * answered st for (nothing for AS_OK; AS_ECORRUPT: a wrong check
 * character; anything else: not a token), never echoing the cell; when
 * ("" or " after importing") says when to run `asamblea roster issue`.
 * Returns how many problems it reported (0 or 1).  Shared by the roster
 * reader and the membership-list import, which word it the same. */
int roster_token_report(const char *name, const csv_field *ft, as_status st,
                        const char *when, diag_list *diag);

#endif
