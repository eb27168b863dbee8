/* check.h - the unit-test harness. A test program is a list of cases; each case runs its CHECKs
 * and prints one TAP-style line ("ok - NAME" or "not ok - NAME") that tests/run.sh counts. A case
 * that checks nothing fails: a test that asserts nothing is a defect. */
#ifndef LY_CHECK_H
#define LY_CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int ly_check_fails; /* failed CHECKs in the running case */
static int ly_check_count; /* CHECKs evaluated in the running case */
static int ly_cases_failed;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        ly_check_count++;                                                                          \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);               \
            ly_check_fails++;                                                                      \
        }                                                                                          \
    } while (0)

#define CHECK_INT(a, b)                                                                            \
    do {                                                                                           \
        long long ly_a_ = (long long)(a), ly_b_ = (long long)(b);                                  \
        ly_check_count++;                                                                          \
        if (ly_a_ != ly_b_) {                                                                      \
            fprintf(stderr, "%s:%d: %s == %lld, expected %s == %lld\n", __FILE__, __LINE__, #a,    \
                    ly_a_, #b, ly_b_);                                                             \
            ly_check_fails++;                                                                      \
        }                                                                                          \
    } while (0)

#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *ly_a_ = (a), *ly_b_ = (b);                                                     \
        ly_check_count++;                                                                          \
        if (ly_a_ == NULL || ly_b_ == NULL || strcmp(ly_a_, ly_b_) != 0) {                         \
            fprintf(stderr, "%s:%d: %s == \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a,      \
                    ly_a_ ? ly_a_ : "(null)", ly_b_ ? ly_b_ : "(null)");                           \
            ly_check_fails++;                                                                      \
        }                                                                                          \
    } while (0)

static inline void ly_run_case(const char *name, void (*fn)(void))
{
    ly_check_fails = 0;
    ly_check_count = 0;
    fn();
    if (ly_check_count == 0) {
        fprintf(stderr, "%s: no CHECK was evaluated\n", name);
        ly_check_fails = 1;
    }
    printf("%s - %s\n", ly_check_fails ? "not ok" : "ok", name);
    fflush(stdout);
    if (ly_check_fails)
        ly_cases_failed++;
}

#define RUN(fn)      ly_run_case(#fn, fn)
#define CHECK_DONE() (ly_cases_failed ? 1 : 0)

#endif
