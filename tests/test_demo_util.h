/* test_demo_util.h: the demo meeting's files (assets/demo), read through
 * the program's own asset lookup (assets.h) as `asamblea demo` reads them,
 * for the tests that build sessions and screens on the demo meeting. */
#ifndef AS_TEST_DEMO_UTIL_H
#define AS_TEST_DEMO_UTIL_H

/* demo_yaml, demo_roster: the demo's meeting file and roster, NUL
 * terminated; read on first use and kept for the test's life.  A missing
 * or unreadable file ends the test with status 1 and the reason. */
const char *demo_yaml(void);
const char *demo_roster(void);

#endif
