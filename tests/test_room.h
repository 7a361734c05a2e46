/* test_room.h: what test_room.c (the states, built through a real
 * session on a real store) shares with test_room_rules.c (the rules
 * measured on each display list).  One test binary. */
#ifndef TEST_ROOM_H
#define TEST_ROOM_H

#include "displaylist.h"
#include "room.h"

extern ui_metrics g_room_mx;

void room_violation(const char *ctx, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void room_check_rules(const dl_list *l, const char *ctx);
int room_percent_sum(const dl_list *l);
double room_max_cap(const dl_list *l);
void room_check_qr(const dl_list *l, const char *want, const char *ctx);
int room_same_list(const dl_list *a, const dl_list *b);
/* the rules file's own check.h counters */
int room_rules_failed(void);
int room_rules_passed(void);
void room_rules_set_failed(int n);

#endif
