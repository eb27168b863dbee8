/* strset.c - a set of strings with a line number and a value each. See strset.h.
 * Open addressing with linear probing over a power-of-two table kept at most half full; keys
 * live in one growing arena. */
#include "import/strset.h"

#include <stdlib.h>
#include <string.h>

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
    free(s->arena);
    memset(s, 0, sizeof(*s));
}

/* Makes room for need elements of elem bytes at *p (capacity *cap), doubling. */
static bool grow_array(char **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need)
        ncap *= 2;
    char *np = realloc(*p, ncap * elem);
    if (np == NULL)
        return false;
    *p = np;
    *cap = ncap;
    return true;
}

static bool rehash(struct ly_strset *s, size_t nslots)
{
    size_t *slots = calloc(nslots, sizeof(*slots));
    if (slots == NULL)
        return false;
    for (size_t i = 0; i < s->n; i++) {
        size_t h = (size_t)hash_str(s->arena + s->e[i].off) & (nslots - 1);
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
    if ((s->n + 1) * 2 > s->nslots && !rehash(s, s->nslots ? s->nslots * 2 : 1024))
        return false;
    size_t h = (size_t)hash_str(key) & (s->nslots - 1);
    while (s->slots[h] != 0) {
        struct ly_strset_entry *e = &s->e[s->slots[h] - 1];
        if (strcmp(s->arena + e->off, key) == 0) {
            *found = true;
            *entry = e;
            return true;
        }
        h = (h + 1) & (s->nslots - 1);
    }
    size_t klen = strlen(key) + 1;
    char *entries = (char *)s->e;
    bool ok = grow_array(&s->arena, &s->acap, s->alen + klen, 1) &&
              grow_array(&entries, &s->ecap, s->n + 1, sizeof(*s->e));
    s->e = (struct ly_strset_entry *)entries;
    if (!ok)
        return false;
    memcpy(s->arena + s->alen, key, klen);
    s->e[s->n] = (struct ly_strset_entry){.off = s->alen, .line = line, .value = value};
    s->alen += klen;
    s->slots[h] = ++s->n;
    *found = false;
    *entry = &s->e[s->n - 1];
    return true;
}
