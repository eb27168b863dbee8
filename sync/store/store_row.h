/* store_row.h - one row of a query result, read the same way whatever the backend (SQLite's
 * statement columns, libpq's text results), so that the code that turns rows into changes and
 * counts is written once (change_merge.c, counts_build.c). A row is valid only during the
 * callback it is handed to. */
#ifndef LY_STORE_ROW_H
#define LY_STORE_ROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/fields.h"

struct ly_row_ops {
    int64_t (*num)(void *impl, int col);      /* an integer or boolean column (false 0, true 1) */
    const char *(*text)(void *impl, int col); /* a text column; NULL for SQL NULL */
    /* a binary column of exactly len bytes into out; false when it is not that long */
    bool (*blob)(void *impl, int col, uint8_t *out, size_t len);
};

struct ly_row {
    const struct ly_row_ops *ops;
    void *impl;
};

/* Called for each row of a query; returns false to stop (having set the caller's error when it
 * failed). */
typedef bool (*ly_row_fn)(void *ctx, const struct ly_row *r);

/* Runs sql (a constant in '?' parameter style) on db with arg bound to its parameters when
 * arg >= 0, and calls row for every row until it returns false. Returns false with err on a
 * database failure, or when row returned false. */
typedef bool (*ly_query_fn)(void *db, const char *sql, int64_t arg, ly_row_fn row, void *ctx,
                            char *err, size_t errsz);

static inline int64_t ly_row_num(const struct ly_row *r, int col)
{
    return r->ops->num(r->impl, col);
}

static inline const char *ly_row_text(const struct ly_row *r, int col)
{
    const char *s = r->ops->text(r->impl, col);
    return s ? s : "";
}

/* Copies text column col into dst (dstsz bytes, always NUL-terminated, cut to fit). */
static inline void ly_row_copy(const struct ly_row *r, int col, char *dst, size_t dstsz)
{
    snprintf(dst, dstsz, "%s", ly_row_text(r, col));
}

/* Fills the members of obj that the table fields (common/fields.h) describes from the columns of
 * r from col on, one column a row of the table, in its order: text cut to fit, booleans from
 * any non-zero number. Returns the column after the last it read. */
int ly_row_fields(const struct ly_row *r, int col, const struct ly_field *fields, void *obj);

#endif
