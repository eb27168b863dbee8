/* sqldb.c - SQLite plumbing for Lanyard's databases. See sqldb.h. */
#include "common/sqldb.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

bool ly_sqldb_exec(sqlite3 *db, const char *sql, char *err, size_t errsz)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        ly_sqldb_fail(err, errsz, "database: %s", msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return false;
    }
    return true;
}

bool ly_sqldb_prepare(struct ly_sqlcache *c, sqlite3 *db, const char *sql, sqlite3_stmt **st,
                      char *err, size_t errsz)
{
    int free_slot = -1;
    for (int i = 0; i < LY_SQLDB_SLOTS; i++) {
        if (c->slot[i].sql == sql && !c->slot[i].busy) {
            c->slot[i].busy = true;
            *st = c->slot[i].st;
            return true;
        }
        if (c->slot[i].sql == NULL && free_slot < 0)
            free_slot = i;
    }
    if (sqlite3_prepare_v3(db, sql, -1, free_slot >= 0 ? SQLITE_PREPARE_PERSISTENT : 0, st, NULL) !=
        SQLITE_OK) {
        *st = NULL;
        return ly_sqldb_fail(err, errsz, "database: %s", sqlite3_errmsg(db));
    }
    if (free_slot >= 0) {
        c->slot[free_slot].sql = sql;
        c->slot[free_slot].st = *st;
        c->slot[free_slot].busy = true;
    }
    return true;
}

void ly_sqldb_release(struct ly_sqlcache *c, sqlite3_stmt *st)
{
    for (int i = 0; i < LY_SQLDB_SLOTS; i++) {
        if (c->slot[i].st == st && c->slot[i].busy) {
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            c->slot[i].busy = false;
            return;
        }
    }
    sqlite3_finalize(st);
}

bool ly_sqldb_step_done(struct ly_sqlcache *c, sqlite3 *db, sqlite3_stmt *st, char *err,
                        size_t errsz)
{
    bool ok = sqlite3_step(st) == SQLITE_DONE;
    if (!ok)
        ly_sqldb_fail(err, errsz, "database: %s", sqlite3_errmsg(db));
    ly_sqldb_release(c, st);
    return ok;
}

void ly_sqldb_copy_col(sqlite3_stmt *st, int col, char *dst, size_t dstsz)
{
    const unsigned char *s = sqlite3_column_text(st, col);
    size_t n = s ? (size_t)sqlite3_column_bytes(st, col) : 0;
    if (n >= dstsz)
        n = dstsz - 1;
    if (n)
        memcpy(dst, s, n);
    dst[n] = '\0';
}

void ly_sqldb_close(struct ly_sqlcache *c, sqlite3 *db)
{
    for (int i = 0; i < LY_SQLDB_SLOTS; i++)
        sqlite3_finalize(c->slot[i].st);
    memset(c, 0, sizeof *c);
    sqlite3_close(db);
}

static bool quick_check(struct ly_sqlcache *c, sqlite3 *db, const char *path, char *err,
                        size_t errsz)
{
    sqlite3_stmt *st;
    bool ok = false;
    if (!ly_sqldb_prepare(c, db, "PRAGMA quick_check", &st, err, errsz))
        return ly_sqldb_fail(err, errsz, "%s: database is damaged: %s", path, sqlite3_errmsg(db));
    int rc = sqlite3_step(st);
    const char *res = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    if (res && strcmp(res, "ok") == 0)
        ok = true;
    else
        ly_sqldb_fail(err, errsz, "%s: database is damaged: %s", path,
                      res ? res : sqlite3_errmsg(db));
    ly_sqldb_release(c, st);
    return ok;
}

static bool migrate(struct ly_sqlcache *c, sqlite3 *db, const char *what,
                    const char *const *migrations, int n, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(c, db, "PRAGMA user_version", &st, err, errsz))
        return false;
    int rc = sqlite3_step(st);
    int64_t version = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    ly_sqldb_release(c, st);
    if (version < 0)
        return ly_sqldb_fail(err, errsz, "database: %s", sqlite3_errmsg(db));
    if (version > n)
        return ly_sqldb_fail(err, errsz,
                             "%s schema version %lld is newer than this program (%d): upgrade "
                             "Lanyard",
                             what, (long long)version, n);
    for (int v = (int)version; v < n; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (!ly_sqldb_exec(db, "BEGIN IMMEDIATE", err, errsz))
            return false;
        if (!ly_sqldb_exec(db, migrations[v], err, errsz) ||
            !ly_sqldb_exec(db, pragma, err, errsz)) {
            ly_sqldb_exec(db, "ROLLBACK", NULL, 0);
            return false;
        }
        if (!ly_sqldb_exec(db, "COMMIT", err, errsz))
            return false;
    }
    return true;
}

bool ly_sqldb_open(const char *path, const char *what, const char *const *migrations,
                   int nmigrations, struct ly_sqlcache *c, sqlite3 **out, char *err, size_t errsz)
{
    sqlite3 *db = NULL;
    *out = NULL;
    /* Both databases hold personal data, the organizer's also the secret signing key: readable
     * by the owner only. SQLite gives the -wal and -shm files the same permissions. */
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0)
        close(fd);
    else if (errno != EEXIST)
        return ly_sqldb_fail(err, errsz, "%s: %s", path, strerror(errno));

    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        ly_sqldb_fail(err, errsz, "%s: %s", path, db ? sqlite3_errmsg(db) : "cannot open");
        goto fail;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, 5000);
    /* A damaged header makes even the pragmas fail: report that as damage too. */
    if (!ly_sqldb_exec(db,
                       "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                       "PRAGMA foreign_keys = ON;",
                       err, errsz)) {
        ly_sqldb_fail(err, errsz, "%s: database is damaged: %s", path, sqlite3_errmsg(db));
        goto fail;
    }
    if (!quick_check(c, db, path, err, errsz) ||
        !migrate(c, db, what, migrations, nmigrations, err, errsz))
        goto fail;
    *out = db;
    return true;
fail:
    ly_sqldb_close(c, db);
    return false;
}
