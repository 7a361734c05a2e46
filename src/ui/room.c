/* room.c: PLACEHOLDER while issue 12's room view is written (replaced by
 * room_*.c before this lands): the meeting title only. */
#include <stdlib.h>
#include "room.h"
#include "ui_internal.h"

struct room {
    ui_metrics mx;
};

as_status room_new(const ui_metrics *mx, room **out)
{
    room *r = calloc(1, sizeof *r);
    *out = NULL;
    if (!r)
        return AS_ENOMEM;
    r->mx = *mx;
    *out = r;
    return AS_OK;
}

void room_free(room *r)
{
    free(r);
}

void room_build(room *r, const snapshot *sn, int w, int h, dl_list *out)
{
    dl_item it = {0};
    (void)r;
    dl_reset(out, w, h, C_BG);
    it.kind = DL_TEXT;
    it.r = (dl_rect){h / 20, h / 20, w - h / 10, h / 10};
    it.color = C_TEXT;
    it.bg = C_BG;
    it.font_px = h / 20;
    it.text = sn->meeting->title;
    dl_push(out, &it);
}

int room_rounds(const snapshot *sn, int i)
{
    (void)sn;
    (void)i;
    return 0;
}
