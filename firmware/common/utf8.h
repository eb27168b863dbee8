/* utf8.h - strict UTF-8 validation for untrusted text (imported CSV fields, names typed at a
 * kiosk). Strict means RFC 3629: no overlong forms, no UTF-16 surrogates, nothing above
 * U+10FFFF. No allocation. */
#ifndef LY_UTF8_H
#define LY_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Returns whether the n bytes at s are well-formed UTF-8. NUL bytes count as valid (U+0000);
 * callers that forbid control characters check for them separately. */
bool ly_utf8_valid(const char *s, size_t n);

/* Counts the code points in the n bytes at s into *count. Returns false (leaving *count alone)
 * when s is not well-formed UTF-8. */
__attribute__((warn_unused_result)) bool ly_utf8_count(const char *s, size_t n, size_t *count);

/* Returns the length in bytes (1 to 4) of the well-formed sequence starting at s (n bytes
 * available) and stores its code point in *cp, or 0 when the bytes there are not one. */
size_t ly_utf8_decode(const char *s, size_t n, unsigned long *cp);

/* Writes code point cp as UTF-8 into out (room for 4 bytes, no NUL added) and returns its length
 * (1 to 4); a surrogate or a value above U+10FFFF is written as U+FFFD. */
size_t ly_utf8_encode(unsigned long cp, char *out);

#endif
