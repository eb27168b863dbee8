/* sqldb.h - the SQLite plumbing shared by the organizer database (sync/orgdb/hubdb.c) and the kiosk
 * database (firmware/kioskdb/kioskdb.c): a connection opened the Lanyard way (created mode 0600,
 * WAL, synchronous=FULL, foreign keys, quick_check, numbered migrations) with a cache of prepared
 * statements kept for its life, and the helpers both databases run their SQL through. Every
 * function that can fail returns false with a message in err (errsz bytes). */
#ifndef LY_SQLDB_H
#define LY_SQLDB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/fail.h"

struct ly_badge_key;

#define LY_SQLDB_SLOTS   64   /* more than the distinct statements of either database */
#define LY_SQLDB_BUSY_MS 5000 /* how long a statement waits for another connection's lock */

/* A connection and its statements, keyed by the address of their SQL text (a string literal).
 * Embedded in its owner and zero-initialized; ly_sqldb_close empties it. */
struct ly_sqldb {
    sqlite3 *db;
    struct {
        const char *sql;
        sqlite3_stmt *st;
        bool busy; /* handed out and not yet released: a nested use prepares its own */
    } slot[LY_SQLDB_SLOTS];
    int last_error; /* SQLite's extended code of the last failure reported (0: none yet) */
};

/* Writes the formatted message into err (errsz bytes). Returns false, for `return fail(...)`. */
#define ly_sqldb_fail ly_fail

/* Opens (creating, readable by its owner only, when absent) the database at path into s: WAL,
 * synchronous=FULL, foreign keys on; refuses a file that fails quick_check ("database is
 * damaged") or whose schema is newer than the nmigrations migrations; applies the missing ones,
 * each in its own transaction (migrations[i] takes PRAGMA user_version from i to i + 1). what
 * names the database in messages. On failure s is left empty. The caller closes s with
 * ly_sqldb_close. */
__attribute__((warn_unused_result)) bool ly_sqldb_open(struct ly_sqldb *s, const char *path,
                                                       const char *what,
                                                       const char *const *migrations,
                                                       int nmigrations, char *err, size_t errsz);

/* Finalizes the cached statements and closes the connection (an empty s is ignored). */
void ly_sqldb_close(struct ly_sqldb *s);

/* Writes "database: " and SQLite's last error into err. Returns false. */
bool ly_sqldb_error(struct ly_sqldb *s, char *err, size_t errsz);

/* Whether the last failure reported on s (through ly_sqldb_error or ly_sqldb_exec) was the
 * storage's rather than the request's: the disk full (SQLITE_FULL), an I/O error (SQLITE_IOERR,
 * a failed write or sync), a file that cannot be opened (SQLITE_CANTOPEN) or the database locked
 * by another writer (SQLITE_BUSY). Such a failure may pass by itself: the caller says "later". */
bool ly_sqldb_storage_fault(const struct ly_sqldb *s);

/* Runs SQL without results (several statements allowed). */
bool ly_sqldb_exec(struct ly_sqldb *s, const char *sql, char *err, size_t errsz);

/* Transactions: begin takes the write lock at once (BEGIN IMMEDIATE), begin_read does not
 * (BEGIN); rollback does nothing outside a transaction. */
bool ly_sqldb_begin(struct ly_sqldb *s, char *err, size_t errsz);
bool ly_sqldb_begin_read(struct ly_sqldb *s, char *err, size_t errsz);
bool ly_sqldb_commit(struct ly_sqldb *s, char *err, size_t errsz);
void ly_sqldb_rollback(struct ly_sqldb *s);

/* Hands out a statement for sql: a free cached one, or a new one (cached when a slot is free).
 * Every statement handed out goes back through ly_sqldb_release (or a step helper below that
 * says it releases). */
bool ly_sqldb_prepare(struct ly_sqldb *s, const char *sql, sqlite3_stmt **st, char *err,
                      size_t errsz);

/* Takes a statement back: a cached one is reset and its bindings cleared, any other finalized. */
void ly_sqldb_release(struct ly_sqldb *s, sqlite3_stmt *st);

/* Steps st, expecting it to finish without rows, and releases it. */
bool ly_sqldb_step_done(struct ly_sqldb *s, sqlite3_stmt *st, char *err, size_t errsz);

/* Steps a lookup: *found on a row; false only on a database error. The caller releases st. */
bool ly_sqldb_step_row(struct ly_sqldb *s, sqlite3_stmt *st, bool *found, char *err, size_t errsz);

/* Called by ly_sqldb_each for each row of st; returns false to stop (having set the caller's
 * error when that is a failure). */
typedef bool (*ly_sqldb_row_fn)(void *ctx, sqlite3_stmt *st);

/* Steps every row of st (prepared and bound), calling row for each until it returns false, and
 * releases st. Returns false with err on a database error, or when row returned false. */
bool ly_sqldb_each(struct ly_sqldb *s, sqlite3_stmt *st, ly_sqldb_row_fn row, void *ctx, char *err,
                   size_t errsz);

/* Runs sql (a literal: it keys the cache), with arg bound to its one parameter unless NULL, and
 * stores the first column of its first row in *out; no row is an error. */
bool ly_sqldb_scalar(struct ly_sqldb *s, const char *sql, const char *arg, int64_t *out, char *err,
                     size_t errsz);

/* Runs sql (a literal) with key bound to its one parameter and stores the first column of the
 * first row in *id, 0 when there is no row. */
bool ly_sqldb_lookup(struct ly_sqldb *s, const char *sql, const char *key, int64_t *id, char *err,
                     size_t errsz);

/* Reads the public keys that sql selects (key id, 32-byte key) into keys, up to max of them in
 * the order selected; a key of another length is skipped. *n is the count. */
bool ly_sqldb_public_keys(struct ly_sqldb *s, const char *sql, struct ly_badge_key *keys,
                          size_t max, size_t *n, char *err, size_t errsz);

/* Copies text column col of the current row into dst (dstsz bytes, always NUL-terminated,
 * cut to fit). */
void ly_sqldb_copy_col(sqlite3_stmt *st, int col, char *dst, size_t dstsz);

/* Text fields come from fixed arrays a caller filled: fails with "WHAT is not terminated" unless
 * s (an array of sz bytes) holds its NUL. */
bool ly_sqldb_terminated(const char *s, size_t sz, const char *what, char *err, size_t errsz);

#endif
