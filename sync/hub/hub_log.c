/* hub_log.c - structured log lines. See hub_log.h. */
#include "hub/hub_log.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void put(struct ly_logline *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct ly_logline *l, const char *fmt, ...)
{
    if (l->n >= sizeof l->buf - 2)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(l->buf + l->n, sizeof l->buf - 1 - l->n, fmt, ap);
    va_end(ap);
    if (k > 0)
        l->n += (size_t)k < sizeof l->buf - 1 - l->n ? (size_t)k : sizeof l->buf - 2 - l->n;
}

void ly_log_begin(struct ly_logline *l, const char *level, const char *msg)
{
    struct timespec ts;
    struct tm tm;
    char when[32];
    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
    l->n = 0;
    put(l, "ts=%s.%03ldZ level=%s", when, ts.tv_nsec / 1000000, level);
    ly_log_str(l, "msg", msg);
}

void ly_log_str(struct ly_logline *l, const char *key, const char *value)
{
    bool quote = value[0] == '\0' || strpbrk(value, " \"=\\") != NULL;
    put(l, " %s=%s", key, quote ? "\"" : "");
    for (const char *p = value; *p && l->n < sizeof l->buf - 4; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\')
            put(l, "\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            put(l, "\\x%02x", c);
        else
            l->buf[l->n++] = (char)c;
    }
    if (quote)
        put(l, "\"");
}

void ly_log_int(struct ly_logline *l, const char *key, int64_t value)
{
    put(l, " %s=%" PRId64, key, value);
}

void ly_log_ms(struct ly_logline *l, const char *key, double ms)
{
    put(l, " %s=%.3f", key, ms);
}

void ly_log_end(struct ly_logline *l)
{
    l->buf[l->n++] = '\n';
    ssize_t w = write(STDERR_FILENO, l->buf, l->n);
    (void)w;
}
