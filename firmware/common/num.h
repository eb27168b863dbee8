/* num.h - checked parsers for numbers, dates and times in untrusted text. Each accepts the whole
 * string or nothing: no sign where none is expected, no leading or trailing garbage, no
 * overflow. */
#ifndef LY_NUM_H
#define LY_NUM_H

#include <stdbool.h>
#include <stdint.h>

/* Parses a decimal integer in [min, max] into *out. Returns false on anything else. */
__attribute__((warn_unused_result)) bool ly_num_int(const char *s, int64_t min, int64_t max,
                                                    int64_t *out);

/* The value of one hexadecimal digit (either case), or -1 for any other character. */
int ly_num_hex_digit(char c);

/* Parses "YYYY-MM-DD" (a real calendar date, years 2000 to 2199) into days since 1970-01-01. */
__attribute__((warn_unused_result)) bool ly_num_date(const char *s, int64_t *days);

/* Parses "YYYY-MM-DDTHH:MM" or "YYYY-MM-DD HH:MM" (optionally ":SS") into minutes since
 * 1970-01-01 00:00 of the same clock (no time zone is applied). */
__attribute__((warn_unused_result)) bool ly_num_datetime(const char *s, int64_t *minutes);

/* Parses a time of day "HH:MM" or "H:MM" (00:00 to 23:59) into minutes after midnight. */
__attribute__((warn_unused_result)) bool ly_num_time(const char *s, int *minutes);

/* Writes days since 1970-01-01 as "YYYY-MM-DD" into out (at least 11 bytes). */
void ly_num_format_date(int64_t days, char out[11]);

/* Writes minutes since 1970-01-01 as "YYYY-MM-DDTHH:MM" into out (at least 17 bytes). */
void ly_num_format_datetime(int64_t minutes, char out[17]);

#endif
