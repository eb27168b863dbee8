/* strset.c - a set of strings with a line number and a value each. See strset.h.
 * Open addressing with linear probing over a power-of-two table kept at most half full; keys
 * live in one growing arena. */
#include "import/strset.h"

#include <stdlib.h>
#include <string.h>

#include "common/ly_limits.h"

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s != '\0'; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

void ly_strset_free(struct ly_strset *s)
{
    free(s->slots);
    free(s->e);
    ly_dynbuf_free(&s->arena);
    memset(s, 0, sizeof(*s));
}

static const char *key_at(const struct ly_strset *s, size_t i)
{
    return ly_dynbuf_ptr(&s->arena) + s->e[i].off;
}

static bool rehash(struct ly_strset *s, size_t nslots)
{
    size_t *slots = calloc(nslots, sizeof(*slots));
    if (slots == NULL)
        return false;
    for (size_t i = 0; i < s->n; i++) {
        size_t h = (size_t)hash_str(key_at(s, i)) & (nslots - 1);
        while (slots[h] != 0)
            h = (h + 1) & (nslots - 1);
        slots[h] = i + 1;
    }
    free(s->slots);
    s->slots = slots;
    s->nslots = nslots;
    return true;
}

bool ly_strset_put(struct ly_strset *s, const char *key, long line, long value, bool *found,
                   const struct ly_strset_entry **entry)
{
    if (s->arena.toobig == 0) /* a zeroed struct is an empty set */
        ly_dynbuf_init(&s->arena, LY_STRSET_BYTES_MAX);
    if ((s->n + 1) * 2 > s->nslots && !rehash(s, s->nslots ? s->nslots * 2 : 1024))
        return false;
    size_t h = (size_t)hash_str(key) & (s->nslots - 1);
    while (s->slots[h] != 0) {
        struct ly_strset_entry *e = &s->e[s->slots[h] - 1];
        if (strcmp(key_at(s, s->slots[h] - 1), key) == 0) {
            *found = true;
            *entry = e;
            return true;
        }
        h = (h + 1) & (s->nslots - 1);
    }
    size_t off = ly_dynbuf_len(&s->arena);
    if (!ly_array_reserve((void **)&s->e, &s->ecap, s->n + 1, sizeof(*s->e), LY_STRSET_KEYS_MAX) ||
        ly_dynbuf_add(&s->arena, key, strlen(key) + 1) != LY_DYN_OK) {
        ly_strset_free(s); /* the arena may be gone: keep nothing that points into it */
        return false;
    }
    s->e[s->n] = (struct ly_strset_entry){.off = off, .line = line, .value = value};
    s->slots[h] = ++s->n;
    *found = false;
    *entry = &s->e[s->n - 1];
    return true;
}

const struct ly_strset_entry *ly_strset_find(const struct ly_strset *s, const char *key)
{
    if (s->nslots == 0)
        return NULL;
    size_t h = (size_t)hash_str(key) & (s->nslots - 1);
    for (; s->slots[h] != 0; h = (h + 1) & (s->nslots - 1)) {
        if (strcmp(key_at(s, s->slots[h] - 1), key) == 0)
            return &s->e[s->slots[h] - 1];
    }
    return NULL;
}

const char *ly_strset_key(const struct ly_strset *s, size_t i)
{
    return key_at(s, i);
}
