/* jsonr.h - a bounded JSON reader for untrusted text (sync requests at the hub, hub answers at a
 * kiosk). Parses a whole document (RFC 8259) into a read-only tree, refusing rather than
 * truncating anything past the limits in ly_limits.h (LY_JSON_*): size, depth, string length,
 * members per container, values per document, number length. Also refused: invalid UTF-8, lone
 * surrogate escapes, "\u0000" (strings are C strings), duplicate keys in one object, and anything
 * after the top-level value but whitespace. The tree lives in one allocation owned by the
 * document; every pointer returned below stays valid until ly_jsonr_free. */
#ifndef LY_JSONR_H
#define LY_JSONR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/fields.h"

struct ly_jsonr;     /* a parsed document */
struct ly_jsonr_val; /* one value in it */

enum ly_jsonr_type {
    LY_JSONR_NULL,
    LY_JSONR_FALSE,
    LY_JSONR_TRUE,
    LY_JSONR_NUMBER,
    LY_JSONR_STRING,
    LY_JSONR_ARRAY,
    LY_JSONR_OBJECT,
};

/* Parses the n bytes at text. Returns the document (free with ly_jsonr_free), or NULL with a
 * sentence naming the byte offset in err. */
__attribute__((warn_unused_result)) struct ly_jsonr *ly_jsonr_parse(const char *text, size_t n,
                                                                    char *err, size_t errsz);
/* The same, and *nomem says whether a failure was for want of memory (then the text may be
 * fine: a server answers "try again", not "bad request"). */
__attribute__((warn_unused_result)) struct ly_jsonr *
ly_jsonr_read(const char *text, size_t n, bool *nomem, char *err, size_t errsz);
void ly_jsonr_free(struct ly_jsonr *doc);

/* The top-level value. Never NULL for a parsed document. */
const struct ly_jsonr_val *ly_jsonr_root(const struct ly_jsonr *doc);

/* All accessors below accept NULL for v (a missing member) and then answer "not that type". */
enum ly_jsonr_type ly_jsonr_type(const struct ly_jsonr_val *v);

/* Members of an array or object (0 for other values). */
size_t ly_jsonr_len(const struct ly_jsonr_val *v);

/* The first member of an array or object and the member after m; NULL at the end. For members of
 * an object, ly_jsonr_key gives the key (NULL for array members). */
const struct ly_jsonr_val *ly_jsonr_first(const struct ly_jsonr_val *v);
const struct ly_jsonr_val *ly_jsonr_next(const struct ly_jsonr_val *m);
const char *ly_jsonr_key(const struct ly_jsonr_val *m);

/* The member of object v named key, or NULL (also when v is not an object). */
const struct ly_jsonr_val *ly_jsonr_get(const struct ly_jsonr_val *v, const char *key);

/* The decoded string (NUL-terminated, valid UTF-8, no NUL inside) and its length in bytes, or
 * NULL when v is not a string. len may be NULL. */
const char *ly_jsonr_str(const struct ly_jsonr_val *v, size_t *len);

/* The literal text of a number (as written, NUL-terminated), or NULL when v is not a number. */
const char *ly_jsonr_num_text(const struct ly_jsonr_val *v);

/* Stores an integer number in [min, max] into *out. Returns false when v is not a number, has a
 * fraction or exponent, or is out of range. */
__attribute__((warn_unused_result)) bool ly_jsonr_int(const struct ly_jsonr_val *v, int64_t min,
                                                      int64_t max, int64_t *out);

/* Stores true/false into *out; returns false when v is neither. */
__attribute__((warn_unused_result)) bool ly_jsonr_bool(const struct ly_jsonr_val *v, bool *out);

/* Members by key, typed: the string member key of object v when it is a string of at most maxlen
 * bytes (NULL otherwise), and the integer member key in [min, max]. */
const char *ly_jsonr_get_str(const struct ly_jsonr_val *v, const char *key, size_t maxlen);
__attribute__((warn_unused_result)) bool ly_jsonr_get_int(const struct ly_jsonr_val *v,
                                                          const char *key, int64_t min, int64_t max,
                                                          int64_t *out);

/* Reads the members of object v that the table fields (fields.h) describes into obj, strictly:
 * each must be there, a string that fits its member, an integer in its field's range, or true or
 * false. Returns false with err naming the first member that is not ("KEY: not ..."); obj is
 * then partly filled. */
__attribute__((warn_unused_result)) bool ly_jsonr_fields(const struct ly_jsonr_val *v,
                                                         const struct ly_field *fields, void *obj,
                                                         char *err, size_t errsz);

/* Reads the members of object v that fields describes into obj, leniently, for answers of a
 * peer that may be older or newer: a member that is missing, of another type or out of range
 * reads as 0, false or "", and a string too long for its member is cut. */
void ly_jsonr_fields_lenient(const struct ly_jsonr_val *v, const struct ly_field *fields,
                             void *obj);

#endif
