/* hub_enroll_limit.h - enrollment attempts limited per source address: after
 * LY_ENROLL_FAILS_MAX refused enrollments (a bad code, a kiosk that exists, a name taken) from
 * one address within LY_ENROLL_WINDOW_MS, that address's enrollments are answered 429 until its
 * window ends, whatever the code. (Per code there is one attempt: a code is used up by its
 * first redemption, whatever the outcome.) The table has room for LY_ENROLL_ADDRS addresses; a
 * new one takes the place of the one whose window started first, so a flood of addresses
 * cannot grow it. Safe from any thread. */
#ifndef LY_HUB_ENROLL_LIMIT_H
#define LY_HUB_ENROLL_LIMIT_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#define LY_ENROLL_FAILS_MAX 10               /* refused enrollments from one address... */
#define LY_ENROLL_WINDOW_MS (10 * 60 * 1000) /* ...within this long (a code's lifetime) */
#define LY_ENROLL_ADDRS     256              /* addresses remembered at once */
#define LY_ENROLL_ADDR_MAX  64               /* an address as text (IPv6 included) */

struct ly_enroll_limit {
    pthread_mutex_t mu;
    struct {
        char addr[LY_ENROLL_ADDR_MAX];
        int64_t since_ms; /* the window's start (monotonic ms) */
        int fails;
    } e[LY_ENROLL_ADDRS];
};

void ly_enroll_limit_init(struct ly_enroll_limit *l);
void ly_enroll_limit_destroy(struct ly_enroll_limit *l);

/* Whether addr may try to enroll at now_ms (monotonic); when not, *retry_s is how many seconds
 * are left of its window. */
bool ly_enroll_limit_allow(struct ly_enroll_limit *l, const char *addr, int64_t now_ms,
                           int64_t *retry_s);

/* Counts a refused enrollment from addr. */
void ly_enroll_limit_fail(struct ly_enroll_limit *l, const char *addr, int64_t now_ms);

#endif
