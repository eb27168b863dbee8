/* test_hub_enroll_limit.c - enrollment attempts per source address (hub/hub_enroll_limit.h):
 * the 11th refused attempt within the window is refused before it is tried, with the seconds
 * left; other addresses are not affected; the window's end lets the address try again; a
 * table full of other addresses makes room by dropping the oldest window, never by growing. */
#include <stdio.h>

#include "check.h"
#include "hub/hub_enroll_limit.h"

static void limits_per_address(void)
{
    static struct ly_enroll_limit l;
    int64_t retry = -1, t0 = 1000000;
    ly_enroll_limit_init(&l);
    for (int i = 0; i < LY_ENROLL_FAILS_MAX; i++) {
        CHECK(ly_enroll_limit_allow(&l, "10.0.0.7", t0 + i, &retry));
        CHECK_INT(retry, 0);
        ly_enroll_limit_fail(&l, "10.0.0.7", t0 + i);
    }
    CHECK(!ly_enroll_limit_allow(&l, "10.0.0.7", t0 + 60000, &retry));
    CHECK_INT(retry, (LY_ENROLL_WINDOW_MS - 60000) / 1000);
    CHECK(ly_enroll_limit_allow(&l, "10.0.0.8", t0 + 60000, &retry));
    CHECK(ly_enroll_limit_allow(&l, "10.0.0.7", t0 + LY_ENROLL_WINDOW_MS, &retry));
    /* a full table: the oldest window goes, the new address is counted */
    for (int i = 0; i < LY_ENROLL_ADDRS; i++) {
        char a[32];
        snprintf(a, sizeof a, "192.0.2.%d", i);
        ly_enroll_limit_fail(&l, a, t0 + 10 + i);
    }
    for (int i = 0; i < LY_ENROLL_FAILS_MAX; i++)
        ly_enroll_limit_fail(&l, "198.51.100.1", t0 + 500);
    CHECK(!ly_enroll_limit_allow(&l, "198.51.100.1", t0 + 501, &retry));
    ly_enroll_limit_destroy(&l);
}

int main(void)
{
    RUN(limits_per_address);
    return CHECK_DONE();
}
