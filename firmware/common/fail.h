/* fail.h - the error convention of the modules: a function that fails writes a sentence into
 * the caller's err buffer (errsz bytes) and returns false. */
#ifndef LY_FAIL_H
#define LY_FAIL_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the formatted message into err (nothing when err is NULL or errsz is 0). Returns
 * false, for `return ly_fail(...)`. */
bool ly_fail(char *err, size_t errsz, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
