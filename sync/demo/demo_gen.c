/* demo_gen.c - the demo generator's seeded pseudo-random stream and capped CSV text buffer. See
 * demo_gen.h. */
#include "demo/demo_gen.h"

#include <stdlib.h>
#include <string.h>

/* ---- pseudo-random stream --------------------------------------------------------------------*/

void demo_rng_seed(struct demo_rng *r, uint64_t seed, uint64_t stream)
{
    r->state = seed ^ (stream * 0xD1B54A32D192ED03ULL);
}

uint64_t demo_rng_next(struct demo_rng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

size_t demo_rng_below(struct demo_rng *r, size_t n)
{
    return (size_t)(demo_rng_next(r) % n);
}

bool demo_rng_pct(struct demo_rng *r, unsigned pct)
{
    return demo_rng_below(r, 100) < pct;
}

/* ---- text buffer -----------------------------------------------------------------------------*/

void demo_buf_init(struct demo_buf *b, size_t max)
{
    ly_dynbuf_init(&b->text, max);
    b->failed = false;
}

void demo_buf_free(struct demo_buf *b)
{
    ly_dynbuf_free(&b->text);
}

void demo_buf_add(struct demo_buf *b, const char *s, size_t n)
{
    if (!b->failed && ly_dynbuf_add(&b->text, s, n) != LY_DYN_OK)
        b->failed = true;
}

void demo_buf_str(struct demo_buf *b, const char *s)
{
    demo_buf_add(b, s, strlen(s));
}

void demo_buf_field(struct demo_buf *b, const char *s, char sep)
{
    if (strpbrk(s, ",\"\r\n") == NULL) {
        demo_buf_str(b, s);
    } else {
        demo_buf_add(b, "\"", 1);
        for (const char *q = s; *q != '\0'; q++) {
            if (*q == '"')
                demo_buf_add(b, "\"", 1);
            demo_buf_add(b, q, 1);
        }
        demo_buf_add(b, "\"", 1);
    }
    demo_buf_add(b, &sep, 1);
}
