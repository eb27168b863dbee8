/* demo_gen.h - the demo generator's internals shared by demo.c (registrations) and
 * demo_programme.c (sessions and gate rules): a seeded pseudo-random stream and a growable CSV text
 * buffer with a size cap (demo_gen.c). Private to sync/demo*.c. */
#ifndef LY_DEMO_GEN_H
#define LY_DEMO_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/dynbuf.h"

/* splitmix64: tiny, fast, and the same on every platform, which is all the demo needs. */
struct demo_rng {
    uint64_t state;
};

void demo_rng_seed(struct demo_rng *r, uint64_t seed, uint64_t stream);
uint64_t demo_rng_next(struct demo_rng *r);
/* Returns a number in [0, n); n > 0. */
size_t demo_rng_below(struct demo_rng *r, size_t n);
/* Returns true pct times in a hundred. */
bool demo_rng_pct(struct demo_rng *r, unsigned pct);

/* A text buffer that grows up to a cap. A failed append (out of memory, over the cap) marks the
 * buffer failed and later appends do nothing, so callers check once at the end. */
struct demo_buf {
    struct ly_dynbuf text;
    bool failed;
};

void demo_buf_init(struct demo_buf *b, size_t max);
void demo_buf_free(struct demo_buf *b);
void demo_buf_add(struct demo_buf *b, const char *s, size_t n);
void demo_buf_str(struct demo_buf *b, const char *s);
/* Appends s as one CSV field, quoted (RFC 4180) when it holds a comma, quote or line break,
 * followed by sep (',' or '\n'). */
void demo_buf_field(struct demo_buf *b, const char *s, char sep);

#endif
