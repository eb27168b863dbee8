/* csv.h - an RFC 4180 CSV reader for untrusted files held in memory. Yields one record at a
 * time with the physical line it starts on; detects the delimiter (',', ';' or TAB) from the
 * header line; skips a UTF-8 byte order mark. A bad record is reported and the reader carries
 * on at the next line, so every bad row of a file can be listed. Memory is bounded by
 * LY_CSV_FIELD_MAX and LY_CSV_FIELDS_MAX (ly_limits.h), whatever the input. */
#ifndef LY_CSV_H
#define LY_CSV_H

#include <stdbool.h>
#include <stddef.h>

struct ly_csv;

enum ly_csv_status {
    LY_CSV_RECORD, /* a record is ready: ly_csv_count() fields, starting at ly_csv_line() */
    LY_CSV_BAD,    /* the record starting at ly_csv_line() is malformed (reason in err); the
                      next call resumes at the following line */
    LY_CSV_END,    /* no more records */
    LY_CSV_FATAL,  /* the file cannot be read further (unterminated quote, too many rows);
                      reason in err, line in ly_csv_line() */
};

/* Creates a reader over the len bytes at data, which must outlive it. delim is ',', ';' or
 * '\t', or 0 to detect it from the first record. Returns NULL when out of memory. The caller
 * frees the reader with ly_csv_free. */
struct ly_csv *ly_csv_new(const char *data, size_t len, char delim);
void ly_csv_free(struct ly_csv *c);

/* Reads the next record. Completely empty lines are skipped. Writes a reason, without the line
 * number, into err on LY_CSV_BAD and LY_CSV_FATAL. After LY_CSV_END or LY_CSV_FATAL every call
 * returns LY_CSV_END. */
enum ly_csv_status ly_csv_next(struct ly_csv *c, char *err, size_t errsz);

/* The current record: its number of fields, and field i (i < count) as a NUL-terminated string
 * (no NUL can occur inside: such records are bad) with its length in *len when len is not
 * NULL. The strings belong to the reader and change with the next call to ly_csv_next. */
size_t ly_csv_count(const struct ly_csv *c);
const char *ly_csv_field(const struct ly_csv *c, size_t i, size_t *len);

/* Returns the 1-based physical line on which the current (or failed) record starts. */
long ly_csv_line(const struct ly_csv *c);

/* Returns the delimiter in use (after detection: ',' when the first line has none). */
char ly_csv_delimiter(const struct ly_csv *c);

#endif
