/* sqlcache.c - prepared statement cache. See sqlcache.h. */
#include "sqlcache.h"

#include <string.h>

int ly_sqlcache_prepare(struct ly_sqlcache *c, sqlite3 *db, const char *sql, sqlite3_stmt **st)
{
    int free_slot = -1;
    for (int i = 0; i < LY_SQLCACHE_SLOTS; i++) {
        if (c->slot[i].sql == sql && !c->slot[i].busy) {
            c->slot[i].busy = true;
            *st = c->slot[i].st;
            return SQLITE_OK;
        }
        if (c->slot[i].sql == NULL && free_slot < 0)
            free_slot = i;
    }
    int rc =
        sqlite3_prepare_v3(db, sql, -1, free_slot >= 0 ? SQLITE_PREPARE_PERSISTENT : 0, st, NULL);
    if (rc != SQLITE_OK) {
        *st = NULL;
        return rc;
    }
    if (free_slot >= 0) {
        c->slot[free_slot].sql = sql;
        c->slot[free_slot].st = *st;
        c->slot[free_slot].busy = true;
    }
    return SQLITE_OK;
}

void ly_sqlcache_release(struct ly_sqlcache *c, sqlite3_stmt *st)
{
    for (int i = 0; i < LY_SQLCACHE_SLOTS; i++) {
        if (c->slot[i].st == st && c->slot[i].busy) {
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            c->slot[i].busy = false;
            return;
        }
    }
    sqlite3_finalize(st);
}

void ly_sqlcache_clear(struct ly_sqlcache *c)
{
    for (int i = 0; i < LY_SQLCACHE_SLOTS; i++)
        sqlite3_finalize(c->slot[i].st);
    memset(c, 0, sizeof *c);
}
