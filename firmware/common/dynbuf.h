/* dynbuf.h - one growable byte buffer with a cap (curl's lib/curlx/dynbuf.h): every buffer that
 * grows from input it does not control is a ly_dynbuf with a `toobig` bound from ly_limits.h.
 * The content is always NUL-terminated (the NUL is not counted); an add that would pass the cap,
 * or that runs out of memory, frees the buffer and fails, so nothing half-built survives. Also
 * one growable array helper (ly_array_reserve) with the same rule, for arrays of structs. */
#ifndef LY_DYNBUF_H
#define LY_DYNBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* How an add went. */
enum ly_dyn {
    LY_DYN_OK,
    LY_DYN_NOMEM,   /* out of memory: the buffer was freed */
    LY_DYN_TOO_BIG, /* the content would pass the cap: the buffer was freed */
    LY_DYN_IO,      /* a file could not be opened or read (errno says why): the buffer was freed */
};

/* Fields are private; the struct is public only so that it can be embedded. */
struct ly_dynbuf {
    char *buf;
    size_t len, cap; /* content bytes, allocated bytes */
    size_t toobig;   /* content bytes allowed at most */
};

/* Starts an empty buffer that may hold up to toobig bytes of content. Allocates nothing. */
void ly_dynbuf_init(struct ly_dynbuf *b, size_t toobig);

/* Frees the memory; the buffer is empty and usable again, with the same cap. */
void ly_dynbuf_free(struct ly_dynbuf *b);

/* Empties the buffer and keeps its memory (for a reuse). */
void ly_dynbuf_reset(struct ly_dynbuf *b);

/* Appends len bytes of mem (which may hold NUL bytes). */
__attribute__((warn_unused_result)) enum ly_dyn ly_dynbuf_add(struct ly_dynbuf *b, const void *mem,
                                                              size_t len);

/* Appends the string s, without its NUL. */
__attribute__((warn_unused_result)) enum ly_dyn ly_dynbuf_add_str(struct ly_dynbuf *b,
                                                                  const char *s);

/* Appends printf-formatted text. */
__attribute__((warn_unused_result, format(printf, 2, 3))) enum ly_dyn
ly_dynbuf_addf(struct ly_dynbuf *b, const char *fmt, ...);

/* Appends what is left to read of f: LY_DYN_TOO_BIG as soon as the file passes the cap. */
__attribute__((warn_unused_result)) enum ly_dyn ly_dynbuf_add_file(struct ly_dynbuf *b, FILE *f);

/* Appends the whole file at path. On LY_DYN_OK the buffer is allocated, even for an empty
 * file. */
__attribute__((warn_unused_result)) enum ly_dyn ly_dynbuf_read_file(struct ly_dynbuf *b,
                                                                    const char *path);

/* The content (NUL-terminated; owned by the buffer, valid until the next add, reset or free),
 * or NULL when nothing was ever added. */
char *ly_dynbuf_ptr(const struct ly_dynbuf *b);

/* The content, or "" when nothing was ever added. */
const char *ly_dynbuf_str(const struct ly_dynbuf *b);

/* The content's length in bytes, without the NUL. */
size_t ly_dynbuf_len(const struct ly_dynbuf *b);

/* Hands the content over to the caller (free it with free(); NULL when nothing was ever added)
 * and leaves the buffer empty. */
char *ly_dynbuf_take(struct ly_dynbuf *b, size_t *len);

/* Makes room in *arr (an array of elem-byte elements, *cap of them allocated) for need
 * elements, at most max: doubles, from 16. Returns false when need passes max or memory runs
 * out; *arr is then unchanged (the caller still owns and frees it). */
__attribute__((warn_unused_result)) bool ly_array_reserve(void **arr, size_t *cap, size_t need,
                                                          size_t elem, size_t max);

#endif
