/* hubdb_int.h - the organizer database handle, shared by the files that implement hubdb.h
 * (hubdb.c: schema, event, registrations, programme; hubdb_rules.c: gate rules). Not for other
 * modules. */
#ifndef LY_HUBDB_INT_H
#define LY_HUBDB_INT_H

#include <sqlite3.h>

#include "orgdb/hubdb.h"
#include "common/sqldb.h"
#include "store/store_row.h"

struct ly_hubdb {
    sqlite3 *db;
    struct ly_sqlcache stmts;
};

/* Schema migrations (hubdb_schema.c): ly_hubdb_migrations[i] takes the schema from version i to
 * i + 1 (PRAGMA user_version). Never edit a released migration; append a new one. */
extern const char *const ly_hubdb_migrations[];
extern const int ly_hubdb_nmigrations;

/* Takes the next value of the change sequence; call inside a transaction. */
bool ly_hubdb_next_seq(struct ly_hubdb *db, int64_t *seq, char *err, size_t errsz);

/* Runs sql (a string literal: it keys the statement cache) and stores the first column of its
 * first row in *out; no row is an error. */
bool ly_hubdb_scalar(struct ly_hubdb *db, const char *sql, int64_t *out, char *err, size_t errsz);

/* Runs sql (a string literal) with key as its one parameter and stores the first column of the
 * first row in *id, 0 when there is no row. */
bool ly_hubdb_lookup(struct ly_hubdb *db, const char *sql, const char *key, int64_t *id, char *err,
                     size_t errsz);

/* Rows of a statement for the shared readers (store_row.h): impl is the sqlite3_stmt. */
extern const struct ly_row_ops ly_hubdb_row_ops;

/* A ly_query_fn (store_row.h) on the organizer database: sql is a literal (it keys the
 * statement cache), arg is bound to every parameter when arg >= 0. */
bool ly_hubdb_query(struct ly_hubdb *db, const char *sql, int64_t arg, ly_row_fn row, void *ctx,
                    char *err, size_t errsz);

/* Statements come from the connection's cache (sqldb.h); hdb_release gives them back. */
static inline bool hdb_prepare(struct ly_hubdb *db, const char *sql, sqlite3_stmt **st, char *err,
                               size_t errsz)
{
    return ly_sqldb_prepare(&db->stmts, db->db, sql, st, err, errsz);
}

static inline void hdb_release(struct ly_hubdb *db, sqlite3_stmt *st)
{
    ly_sqldb_release(&db->stmts, st);
}

static inline bool hdb_step_done(struct ly_hubdb *db, sqlite3_stmt *st, char *err, size_t errsz)
{
    return ly_sqldb_step_done(&db->stmts, db->db, st, err, errsz);
}

#endif
