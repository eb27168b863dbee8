/* hub_enroll_limit.c - enrollment attempts per source address. See hub_enroll_limit.h. */
#include "hub/hub_enroll_limit.h"

#include <stdio.h>
#include <string.h>

void ly_enroll_limit_init(struct ly_enroll_limit *l)
{
    memset(l, 0, sizeof *l);
    pthread_mutex_init(&l->mu, NULL);
}

void ly_enroll_limit_destroy(struct ly_enroll_limit *l)
{
    pthread_mutex_destroy(&l->mu);
}

/* The entry of addr whose window is still open, or -1. Under the lock. */
static int find(const struct ly_enroll_limit *l, const char *addr, int64_t now_ms)
{
    for (int i = 0; i < LY_ENROLL_ADDRS; i++) {
        if (l->e[i].fails > 0 && now_ms - l->e[i].since_ms < LY_ENROLL_WINDOW_MS &&
            strcmp(l->e[i].addr, addr) == 0)
            return i;
    }
    return -1;
}

bool ly_enroll_limit_allow(struct ly_enroll_limit *l, const char *addr, int64_t now_ms,
                           int64_t *retry_s)
{
    pthread_mutex_lock(&l->mu);
    int i = find(l, addr, now_ms);
    bool ok = i < 0 || l->e[i].fails < LY_ENROLL_FAILS_MAX;
    *retry_s = ok ? 0 : (l->e[i].since_ms + LY_ENROLL_WINDOW_MS - now_ms + 999) / 1000;
    pthread_mutex_unlock(&l->mu);
    return ok;
}

void ly_enroll_limit_fail(struct ly_enroll_limit *l, const char *addr, int64_t now_ms)
{
    pthread_mutex_lock(&l->mu);
    int i = find(l, addr, now_ms);
    if (i < 0) {
        /* a free or expired entry, else the oldest window */
        i = 0;
        for (int k = 0; k < LY_ENROLL_ADDRS; k++) {
            if (l->e[k].fails == 0 || now_ms - l->e[k].since_ms >= LY_ENROLL_WINDOW_MS) {
                i = k;
                break;
            }
            if (l->e[k].since_ms < l->e[i].since_ms)
                i = k;
        }
        snprintf(l->e[i].addr, sizeof l->e[i].addr, "%s", addr);
        l->e[i].since_ms = now_ms;
        l->e[i].fails = 0;
    }
    l->e[i].fails++;
    pthread_mutex_unlock(&l->mu);
}
