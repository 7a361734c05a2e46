/* check.h: the whole test harness.  Each test binary runs its cases,
 * prints one line per failed check with file:line, and ends with the line
 * "N passed, N failed" (N skipped when some were skipped).  Exit status 0
 * only if nothing failed; 77 tells CTest the whole binary was skipped. */
#ifndef AS_CHECK_H
#define AS_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_passed, check_failed, check_skipped;

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (cond) {                                                         \
            check_passed++;                                                 \
        } else {                                                            \
            check_failed++;                                                 \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                 \
        }                                                                   \
    } while (0)

#define CHECK_MSG(cond, ...)                                                \
    do {                                                                    \
        if (cond) {                                                         \
            check_passed++;                                                 \
        } else {                                                            \
            check_failed++;                                                 \
            fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, \
                    #cond);                                                 \
            fprintf(stderr, __VA_ARGS__);                                   \
            fputc('\n', stderr);                                            \
        }                                                                   \
    } while (0)

#define CHECK_INT(a, b)                                                     \
    do {                                                                    \
        long long check_a_ = (long long)(a), check_b_ = (long long)(b);     \
        CHECK_MSG(check_a_ == check_b_, "%s = %lld, expected %lld", #a,     \
                  check_a_, check_b_);                                      \
    } while (0)

#define CHECK_STR(a, b)                                                     \
    do {                                                                    \
        const char *check_a_ = (a), *check_b_ = (b);                        \
        CHECK_MSG(check_a_ && check_b_ && strcmp(check_a_, check_b_) == 0,  \
                  "%s = \"%s\", expected \"%s\"", #a,                       \
                  check_a_ ? check_a_ : "(null)", check_b_ ? check_b_ : "(null)"); \
    } while (0)

#define CHECK_SKIP(why)                                                     \
    do {                                                                    \
        check_skipped++;                                                    \
        printf("SKIPPED: %s\n", why);                                       \
    } while (0)

/* check_done: prints the closing line and returns the exit status. */
static inline int check_done(void)
{
    if (check_skipped && !check_passed && !check_failed) {
        printf("0 passed, 0 failed, %d skipped\n", check_skipped);
        return 77;
    }
    if (check_skipped)
        printf("%d passed, %d failed, %d skipped\n", check_passed,
               check_failed, check_skipped);
    else
        printf("%d passed, %d failed\n", check_passed, check_failed);
    return check_failed ? 1 : 0;
}

#endif
