/* hub_log.h - structured logs: one line per event on standard error, key=value pairs
 * (logfmt: values with spaces, quotes or '=' are quoted), starting with the time, level and
 * message. journald keeps each line as one entry. A line is written with one write(2), so lines
 * of concurrent threads do not interleave. */
#ifndef LY_HUB_LOG_H
#define LY_HUB_LOG_H

#include <stddef.h>
#include <stdint.h>

#define LY_LOG_LINE_MAX 1024 /* bytes of one log line; longer values are cut */

struct ly_logline {
    char buf[LY_LOG_LINE_MAX];
    size_t n;
};

/* Starts a line: ts=... level=LEVEL msg=MSG. */
void ly_log_begin(struct ly_logline *l, const char *level, const char *msg);
void ly_log_str(struct ly_logline *l, const char *key, const char *value);
void ly_log_int(struct ly_logline *l, const char *key, int64_t value);
void ly_log_ms(struct ly_logline *l, const char *key, double ms); /* 3 decimals */
/* Ends the line and writes it to standard error. */
void ly_log_end(struct ly_logline *l);

#endif
