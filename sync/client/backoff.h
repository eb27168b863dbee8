/* backoff.h - the wait between attempts to reach a hub that does not answer: exponential backoff
 * with full jitter (each wait is drawn uniformly between 0 and a ceiling that doubles with every
 * failure, from base up to cap), so that dozens of kiosks coming back with the network do not
 * knock on the hub in step. A plain value; no allocation. */
#ifndef LY_BACKOFF_H
#define LY_BACKOFF_H

#include <stdint.h>

#define LY_BACKOFF_BASE_MS 500   /* the first ceiling: a blip costs half a second at most */
#define LY_BACKOFF_CAP_MS  30000 /* the last ceiling: a hub back is noticed within 30 s */

struct ly_backoff {
    int64_t base_ms, cap_ms;
    int failures; /* in a row */
    uint64_t rng; /* xorshift64* state, never 0 */
};

/* Starts with no failure. seed 0 draws a random seed (libsodium); another value gives a
 * repeatable sequence (tests). base_ms >= 1 and cap_ms >= base_ms. */
void ly_backoff_init(struct ly_backoff *b, int64_t base_ms, int64_t cap_ms, uint64_t seed);

/* Records a failure and returns how long to wait before the next attempt, in ms: uniform in
 * [0, ly_backoff_ceiling()] as it was before the failure was counted. */
int64_t ly_backoff_fail(struct ly_backoff *b);

/* The ceiling of the next wait: min(cap, base * 2^failures). */
int64_t ly_backoff_ceiling(const struct ly_backoff *b);

/* Records a success: the next failure waits at most base again. */
void ly_backoff_reset(struct ly_backoff *b);

#endif
