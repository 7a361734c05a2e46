/* test_demo_util.c: see test_demo_util.h. */
#include <stdio.h>
#include <stdlib.h>
#include "assets.h"
#include "meeting.h"
#include "test_demo_util.h"

static const char *load(const char *rel, char **cache)
{
    size_t len;
    as_err err;
    if (!*cache && assets_read(rel, MEETING_MAX_BYTES, NULL, 0, cache, &len, &err) != AS_OK) {
        fprintf(stderr, "demo meeting: %s\n", err.msg);
        exit(1);
    }
    return *cache;
}

const char *demo_yaml(void)
{
    static char *text;
    return load("demo/demo-meeting.yaml", &text);
}

const char *demo_roster(void)
{
    static char *csv;
    return load("demo/demo-roster.csv", &csv);
}
