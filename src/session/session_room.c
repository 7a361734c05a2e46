/* session_room.c: what the room display shows (snapshot.room, room.h).
 * The facilitator's console chooses it; opening a vote puts that
 * proposal's turnout up and closing it puts up its result, so a busy
 * facilitator need not touch the console at all.  The room's round is
 * kept within the result's steps here, where the result is known. */
#include "method.h"
#include "session_internal.h"

int session_room_action(session *s, int action, int arg)
{
    room_show *r = &s->snap.room;

    if (action == ACT_ROOM_SHOW) {
        if (arg == ROOM_AGENDA || arg == ROOM_BLANK) {
            r->mode = (room_mode)arg;
            r->proposal = -1;
            r->round = 0;
        } else if ((arg == ROOM_PROPOSAL || arg == ROOM_TURNOUT ||
                    arg == ROOM_RESULT) &&
                   session_valid_prop(s, s->proposal)) {
            r->mode = (room_mode)arg;
            r->proposal = s->proposal;
            r->round = 0;
            session_refresh_proposal(s, s->proposal);
        }
        return 1;
    }
    if (action == ACT_ROOM_ROUND) {
        if (r->mode != ROOM_RESULT || !session_valid_prop(s, r->proposal))
            return 1;
        session_refresh_proposal(s, r->proposal);
        int steps = method_result_steps(&s->m->props[r->proposal],
                                        s->sprops[r->proposal].result);
        r->round += arg > 0 ? 1 : -1;
        if (r->round > steps)
            r->round = steps;
        if (r->round < 0)
            r->round = 0;
        return 1;
    }
    return 0;
}

void session_room_follow(session *s, int i, int opened)
{
    room_show *r = &s->snap.room;

    if (!session_valid_prop(s, i))
        return;
    r->mode = opened ? ROOM_TURNOUT : ROOM_RESULT;
    r->proposal = i;
    r->round = 0;
}
