/* sqlcache.h - prepared SQLite statements kept for a connection's life, keyed by the address of
 * their SQL text (a string literal), so a statement is compiled once, not on every call. Used by
 * the organizer database (sync/hubdb.c) and the kiosk database (firmware/kioskdb.c). */
#ifndef LY_SQLCACHE_H
#define LY_SQLCACHE_H

#include <sqlite3.h>
#include <stdbool.h>

#define LY_SQLCACHE_SLOTS 48 /* more than the distinct statements of either database */

/* Embedded in its owner and zero-initialized; the owner calls ly_sqlcache_clear before closing
 * the connection. */
struct ly_sqlcache {
    struct {
        const char *sql;
        sqlite3_stmt *st;
        bool busy; /* handed out and not yet released: a nested use prepares its own */
    } slot[LY_SQLCACHE_SLOTS];
};

/* Hands out a statement for sql on db: a free cached one, or a new one (cached when a slot is
 * free). Returns SQLite's result code; on anything but SQLITE_OK *st is NULL. Every statement
 * handed out goes back through ly_sqlcache_release. */
int ly_sqlcache_prepare(struct ly_sqlcache *c, sqlite3 *db, const char *sql, sqlite3_stmt **st);

/* Takes a statement back: a cached one is reset and its bindings cleared, any other finalized. */
void ly_sqlcache_release(struct ly_sqlcache *c, sqlite3_stmt *st);

/* Finalizes every cached statement and empties the cache. */
void ly_sqlcache_clear(struct ly_sqlcache *c);

#endif
