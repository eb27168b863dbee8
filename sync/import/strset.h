/* strset.h - a set of strings, each remembered with the line it was first seen on and a value:
 * how the import finds duplicate ids, duplicate ticket codes and rooms whose capacity
 * disagrees. Grows as needed; a zeroed struct is an empty set. */
#ifndef LY_STRSET_H
#define LY_STRSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/dynbuf.h"

struct ly_strset_entry {
    size_t off; /* key in the arena */
    long line;  /* where it was first seen */
    long value; /* room capacity */
};

struct ly_strset {
    size_t *slots; /* entry index + 1; 0 is empty */
    size_t nslots;
    struct ly_strset_entry *e;
    size_t n, ecap;
    struct ly_dynbuf arena; /* the keys, each with its NUL; up to LY_STRSET_BYTES_MAX */
};

/* Finds key; when absent, adds a copy of it with line and value. *found tells which and
 * *entry points to the (old or new) entry, valid until the next ly_strset_put. Returns false
 * when out of memory or past LY_STRSET_KEYS_MAX keys or LY_STRSET_BYTES_MAX bytes of them; the
 * set is then emptied. */
__attribute__((warn_unused_result)) bool ly_strset_put(struct ly_strset *s, const char *key,
                                                       long line, long value, bool *found,
                                                       const struct ly_strset_entry **entry);

/* The entry of key, or NULL when the set does not hold it. Valid until the next ly_strset_put. */
const struct ly_strset_entry *ly_strset_find(const struct ly_strset *s, const char *key);

/* The key of entry i (0 to s->n - 1). */
const char *ly_strset_key(const struct ly_strset *s, size_t i);

/* Frees what the set holds and empties it. */
void ly_strset_free(struct ly_strset *s);

#endif
