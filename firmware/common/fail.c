/* fail.c - see fail.h. */
#include "common/fail.h"

#include <stdarg.h>
#include <stdio.h>

bool ly_fail(char *err, size_t errsz, const char *fmt, ...)
{
    va_list ap;
    if (err == NULL || errsz == 0)
        return false;
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
    return false;
}
