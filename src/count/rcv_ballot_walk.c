/* rcv_ballot_walk.c: reading a ballot's next continuing choice.
 *
 * A ballot is a sequence of ranks; a rank is one mark plus the marks after
 * it flagged RCV_SAME_RANK.  A rank holding only RCV_SKIP is an empty rank.
 * Rank numbers count every rank, empty ones included, from 1, which is
 * what RCTab's skipped-rank rule measures. */
#include "rcv_internal.h"

typedef struct {
    int ncand;     /* candidate marks in the rank */
    int overvote;  /* an explicit RCV_OVERVOTE mark */
    size_t end;    /* index after the rank's last mark */
} rank_info;

static rank_info read_rank(const rcv_mark *m, size_t n, size_t i)
{
    rank_info ri = {0, 0, i + 1};
    size_t j = i;
    do {
        unsigned c = m[j] & ~RCV_SAME_RANK;
        if (c == RCV_OVERVOTE)
            ri.overvote = 1;
        else if (c != RCV_SKIP)
            ri.ncand++;
        j++;
    } while (j < n && (m[j] & RCV_SAME_RANK));
    ri.end = j;
    return ri;
}

int rcv_blank(const rcv_mark *m, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((m[i] & ~RCV_SAME_RANK) != RCV_SKIP)
            return 0;
    return 1;
}

int rcv_walk_rctab(const rcv_mark *m, size_t n, const uint8_t *cont,
                   const rcv_options *o, rcv_seen *seen)
{
    /* the last rank with anything on it: running out there is "no
     * continuing candidate left", whatever the rank's own problem */
    int last_rank = 0, rank = 0;
    for (size_t i = 0; i < n;) {
        rank_info ri = read_rank(m, n, i);
        rank++;
        if (o->max_rankings > 0 && rank > o->max_rankings)
            break;
        if (ri.ncand || ri.overvote)
            last_rank = rank;
        i = ri.end;
    }
    if (last_rank == 0)
        return RCV_ST_NONE;

    int dup_exhaust = o->duplicates == RCV_DUP_EXHAUST && seen && seen->stamp;
    if (dup_exhaust && ++seen->gen == 0) {
        /* the generation counter wrapped: old stamps could match */
        seen->gen = 1;
    }
    int last_seen = 0;
    rank = 0;
    for (size_t i = 0; i < n;) {
        rank_info ri = read_rank(m, n, i);
        size_t start = i;
        i = ri.end;
        rank++;
        if (rank > last_rank)
            break;
        if (!ri.ncand && !ri.overvote)
            continue; /* an empty rank */
        if (o->max_skipped >= 0 && rank - last_seen > o->max_skipped + 1)
            return RCV_ST_INACTIVE(RCV_INACTIVE_SKIPPED);
        last_seen = rank;
        if (dup_exhaust) {
            for (size_t k = start; k < ri.end; k++) {
                unsigned c = m[k] & ~RCV_SAME_RANK;
                if (c == RCV_SKIP || c == RCV_OVERVOTE)
                    continue;
                if (seen->stamp[c] == seen->gen)
                    return RCV_ST_INACTIVE(RCV_INACTIVE_REPEATED);
                seen->stamp[c] = seen->gen;
            }
        }
        int skip = 0;
        if (ri.overvote) {
            if (o->overvote == RCV_OVER_EXHAUST)
                return RCV_ST_INACTIVE(RCV_INACTIVE_OVERVOTE);
            skip = 1; /* which candidates is unknown: skip it */
        } else if (ri.ncand > 1) {
            if (o->overvote == RCV_OVER_EXHAUST)
                return RCV_ST_INACTIVE(RCV_INACTIVE_OVERVOTE);
            if (o->overvote == RCV_OVER_SKIP) {
                skip = 1;
            } else {
                int ncont = 0;
                for (size_t k = start; k < ri.end; k++) {
                    unsigned c = m[k] & ~RCV_SAME_RANK;
                    if (c != RCV_SKIP && c != RCV_OVERVOTE && cont[c])
                        ncont++;
                }
                if (ncont > 1)
                    return RCV_ST_INACTIVE(RCV_INACTIVE_OVERVOTE);
            }
        }
        if (!skip) {
            for (size_t k = start; k < ri.end; k++) {
                unsigned c = m[k] & ~RCV_SAME_RANK;
                if (c != RCV_SKIP && c != RCV_OVERVOTE && cont[c])
                    return (int)c;
            }
        }
        if (rank == last_rank)
            break;
    }
    return RCV_ST_INACTIVE(RCV_INACTIVE_EXHAUSTED);
}

int rcv_walk_next(const rcv_mark *m, size_t n, const uint8_t *cont)
{
    for (size_t i = 0; i < n;) {
        rank_info ri = read_rank(m, n, i);
        size_t start = i;
        i = ri.end;
        if (ri.overvote || ri.ncand > 1)
            return RCV_ST_INACTIVE(RCV_INACTIVE_OVERVOTE);
        if (ri.ncand == 0)
            continue;
        for (size_t k = start; k < ri.end; k++) {
            unsigned c = m[k] & ~RCV_SAME_RANK;
            if (c != RCV_SKIP && cont[c])
                return (int)c;
        }
    }
    return RCV_ST_INACTIVE(RCV_INACTIVE_EXHAUSTED);
}
