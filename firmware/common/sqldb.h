/* sqldb.h - the SQLite plumbing shared by the organizer database (sync/orgdb/hubdb.c) and the kiosk
 * database (firmware/kioskdb/kioskdb.c): opening a file the Lanyard way (created mode 0600, WAL,
 * synchronous=FULL, foreign keys, quick_check, numbered migrations), a cache of prepared
 * statements kept for the connection's life, and error helpers. */
#ifndef LY_SQLDB_H
#define LY_SQLDB_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

#include "common/fail.h"

#define LY_SQLDB_SLOTS 64 /* more than the distinct statements of either database */

/* Prepared statements keyed by the address of their SQL text (a string literal). Embedded in
 * its owner and zero-initialized; ly_sqldb_close empties it. */
struct ly_sqlcache {
    struct {
        const char *sql;
        sqlite3_stmt *st;
        bool busy; /* handed out and not yet released: a nested use prepares its own */
    } slot[LY_SQLDB_SLOTS];
};

/* Writes the formatted message into err (errsz bytes). Returns false, for `return fail(...)`. */
#define ly_sqldb_fail ly_fail

/* Opens (creating, readable by its owner only, when absent) the database at path: WAL,
 * synchronous=FULL, foreign keys on; refuses a file that fails quick_check ("database is
 * damaged") or whose schema is newer than the nmigrations migrations; applies the missing ones,
 * each in its own transaction (migrations[i] takes PRAGMA user_version from i to i + 1). what
 * names the database in messages. Returns false with err; *out is then NULL and c empty. */
__attribute__((warn_unused_result)) bool ly_sqldb_open(const char *path, const char *what,
                                                       const char *const *migrations,
                                                       int nmigrations, struct ly_sqlcache *c,
                                                       sqlite3 **out, char *err, size_t errsz);

/* Finalizes the cached statements and closes db (NULL is ignored). */
void ly_sqldb_close(struct ly_sqlcache *c, sqlite3 *db);

/* Runs SQL without results (several statements allowed). Returns false with err. */
bool ly_sqldb_exec(sqlite3 *db, const char *sql, char *err, size_t errsz);

/* Hands out a statement for sql: a free cached one, or a new one (cached when a slot is free).
 * Returns false with err. Every statement handed out goes back through ly_sqldb_release. */
bool ly_sqldb_prepare(struct ly_sqlcache *c, sqlite3 *db, const char *sql, sqlite3_stmt **st,
                      char *err, size_t errsz);

/* Takes a statement back: a cached one is reset and its bindings cleared, any other finalized. */
void ly_sqldb_release(struct ly_sqlcache *c, sqlite3_stmt *st);

/* Steps st, expecting it to finish without rows, and releases it. Returns false with err. */
bool ly_sqldb_step_done(struct ly_sqlcache *c, sqlite3 *db, sqlite3_stmt *st, char *err,
                        size_t errsz);

/* Copies text column col of the current row into dst (dstsz bytes, always NUL-terminated,
 * cut to fit). */
void ly_sqldb_copy_col(sqlite3_stmt *st, int col, char *dst, size_t dstsz);

#endif
