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

#endif
