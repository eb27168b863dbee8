/* hubdb_int.h - the organizer database handle and what hubdb.c lends the other files that
 * implement the organizer database (hubdb_rules.c, hubdb_kiosks.c, hubdb_changes.c,
 * hubdb_counts.c) and its SQLite store (store_sqlite.c): the change sequence and rows read
 * through store_row.h. Not for other modules. */
#ifndef LY_HUBDB_INT_H
#define LY_HUBDB_INT_H

#include <sqlite3.h>

#include "common/sqldb.h"
#include "orgdb/hubdb.h"
#include "store/store_row.h"

struct ly_hubdb {
    struct ly_sqldb sql; /* the connection and its statement cache */
};

/* Takes the next value of the change sequence into *seq; call inside a transaction. Returns
 * false with err on a database error. */
bool ly_hubdb_next_seq(struct ly_hubdb *db, int64_t *seq, char *err, size_t errsz);

/* Rows of a statement for the shared readers (store_row.h): impl is the sqlite3_stmt. */
extern const struct ly_row_ops ly_hubdb_row_ops;

/* A ly_query_fn (store_row.h) on the organizer database: sql is a literal (it keys the
 * statement cache), arg is bound to every parameter when arg >= 0. Returns false with err on a
 * database error or when row does. */
bool ly_hubdb_query(struct ly_hubdb *db, const char *sql, int64_t arg, ly_row_fn row, void *ctx,
                    char *err, size_t errsz);

#endif
