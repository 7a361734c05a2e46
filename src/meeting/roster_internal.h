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

#endif
