/* backoff.c - exponential backoff with full jitter. See backoff.h. */
#include "client/backoff.h"

#include <sodium.h>

void ly_backoff_init(struct ly_backoff *b, int64_t base_ms, int64_t cap_ms, uint64_t seed)
{
    b->base_ms = base_ms < 1 ? 1 : base_ms;
    b->cap_ms = cap_ms < b->base_ms ? b->base_ms : cap_ms;
    b->failures = 0;
    if (seed == 0) {
        if (sodium_init() >= 0)
            randombytes_buf(&seed, sizeof seed);
        seed |= 1;
    }
    b->rng = seed;
}

int64_t ly_backoff_ceiling(const struct ly_backoff *b)
{
    int64_t c = b->base_ms;
    for (int i = 0; i < b->failures && c < b->cap_ms; i++)
        c *= 2;
    return c < b->cap_ms ? c : b->cap_ms;
}

/* xorshift64*: enough to spread kiosks apart, cheap, and repeatable from a seed. */
static uint64_t next_random(struct ly_backoff *b)
{
    b->rng ^= b->rng >> 12;
    b->rng ^= b->rng << 25;
    b->rng ^= b->rng >> 27;
    return b->rng * 2685821657736338717ULL;
}

int64_t ly_backoff_fail(struct ly_backoff *b)
{
    int64_t ceiling = ly_backoff_ceiling(b);
    if (b->failures < 64)
        b->failures++;
    return (int64_t)(next_random(b) % (uint64_t)(ceiling + 1));
}

void ly_backoff_reset(struct ly_backoff *b)
{
    b->failures = 0;
}
