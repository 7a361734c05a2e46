/* rcv_standing.c: where every count starts: each candidate hopeful unless
 * withdrawn; and the candidates' order by votes, which every count
 * sorts the same way. */
#include <stdlib.h>
#include "rcv_internal.h"

int rcv_standing_new(const rcv_ballots *b, uint8_t **status, uint8_t **cont)
{
    size_t nc = b->ncand > 0 ? (size_t)b->ncand : 1;
    int avail = 0;
    *status = calloc(nc, 1);
    *cont = calloc(nc, 1);
    if (!*status || !*cont) {
        free(*status);
        free(*cont);
        *status = *cont = NULL;
        return -1;
    }
    for (int c = 0; c < b->ncand; c++) {
        (*status)[c] = b->withdrawn[c] ? RCV_WITHDRAWN : RCV_HOPEFUL;
        (*cont)[c] = !b->withdrawn[c];
        avail += !b->withdrawn[c];
    }
    return avail;
}

void rcv_sort_desc(const int64_t *v, int *list, int n)
{
    for (int i = 1; i < n; i++) {
        int x = list[i], j = i - 1;
        while (j >= 0 && v[list[j]] < v[x]) {
            list[j + 1] = list[j];
            j--;
        }
        list[j + 1] = x;
    }
}
