/* sqldb.c - SQLite plumbing for Lanyard's databases. See sqldb.h. */
#include "common/sqldb.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "badge/badge.h"

bool ly_sqldb_error(struct ly_sqldb *s, char *err, size_t errsz)
{
    s->last_error = sqlite3_extended_errcode(s->db);
    return ly_sqldb_fail(err, errsz, "database: %s", sqlite3_errmsg(s->db));
}

bool ly_sqldb_exec(struct ly_sqldb *s, const char *sql, char *err, size_t errsz)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        s->last_error = sqlite3_extended_errcode(s->db);
        ly_sqldb_fail(err, errsz, "database: %s", msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return false;
    }
    return true;
}

bool ly_sqldb_storage_fault(const struct ly_sqldb *s)
{
    int rc = s->last_error & 0xff;
    return rc == SQLITE_FULL || rc == SQLITE_IOERR || rc == SQLITE_CANTOPEN || rc == SQLITE_BUSY;
}

bool ly_sqldb_begin(struct ly_sqldb *s, char *err, size_t errsz)
{
    return ly_sqldb_exec(s, "BEGIN IMMEDIATE", err, errsz);
}

bool ly_sqldb_begin_read(struct ly_sqldb *s, char *err, size_t errsz)
{
    return ly_sqldb_exec(s, "BEGIN", err, errsz);
}

bool ly_sqldb_commit(struct ly_sqldb *s, char *err, size_t errsz)
{
    return ly_sqldb_exec(s, "COMMIT", err, errsz);
}

void ly_sqldb_rollback(struct ly_sqldb *s)
{
    if (!sqlite3_get_autocommit(s->db))
        ly_sqldb_exec(s, "ROLLBACK", NULL, 0);
}

bool ly_sqldb_prepare(struct ly_sqldb *c, const char *sql, sqlite3_stmt **st, char *err,
                      size_t errsz)
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
    if (sqlite3_prepare_v3(c->db, sql, -1, free_slot >= 0 ? SQLITE_PREPARE_PERSISTENT : 0, st,
                           NULL) != SQLITE_OK) {
        *st = NULL;
        return ly_sqldb_error(c, err, errsz);
    }
    if (free_slot >= 0) {
        c->slot[free_slot].sql = sql;
        c->slot[free_slot].st = *st;
        c->slot[free_slot].busy = true;
    }
    return true;
}

void ly_sqldb_release(struct ly_sqldb *c, sqlite3_stmt *st)
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

bool ly_sqldb_step_done(struct ly_sqldb *s, sqlite3_stmt *st, char *err, size_t errsz)
{
    bool ok = sqlite3_step(st) == SQLITE_DONE;
    if (!ok)
        ly_sqldb_error(s, err, errsz);
    ly_sqldb_release(s, st);
    return ok;
}

bool ly_sqldb_step_row(struct ly_sqldb *s, sqlite3_stmt *st, bool *found, char *err, size_t errsz)
{
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? true : ly_sqldb_error(s, err, errsz);
}

bool ly_sqldb_each(struct ly_sqldb *s, sqlite3_stmt *st, ly_sqldb_row_fn row, void *ctx, char *err,
                   size_t errsz)
{
    bool ok = true;
    int rc = SQLITE_DONE;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW)
        ok = row(ctx, st);
    if (ok && rc != SQLITE_DONE)
        ok = ly_sqldb_error(s, err, errsz);
    ly_sqldb_release(s, st);
    return ok;
}

bool ly_sqldb_scalar(struct ly_sqldb *s, const char *sql, const char *arg, int64_t *out, char *err,
                     size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(s, sql, &st, err, errsz))
        return false;
    if (arg)
        sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(st, 0);
    else
        ly_sqldb_error(s, err, errsz);
    ly_sqldb_release(s, st);
    return rc == SQLITE_ROW;
}

bool ly_sqldb_lookup(struct ly_sqldb *s, const char *sql, const char *key, int64_t *id, char *err,
                     size_t errsz)
{
    sqlite3_stmt *st;
    bool found;
    if (!ly_sqldb_prepare(s, sql, &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    bool ok = ly_sqldb_step_row(s, st, &found, err, errsz);
    *id = ok && found ? sqlite3_column_int64(st, 0) : 0;
    ly_sqldb_release(s, st);
    return ok;
}

bool ly_sqldb_public_keys(struct ly_sqldb *s, const char *sql, struct ly_badge_key *keys,
                          size_t max, size_t *n, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    int rc;
    *n = 0;
    if (!ly_sqldb_prepare(s, sql, &st, err, errsz))
        return false;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == max || sqlite3_column_bytes(st, 1) != LY_BADGE_PK_BYTES)
            continue;
        keys[*n].key_id = (uint32_t)sqlite3_column_int64(st, 0);
        memcpy(keys[*n].pk, sqlite3_column_blob(st, 1), LY_BADGE_PK_BYTES);
        (*n)++;
    }
    ly_sqldb_release(s, st);
    return rc == SQLITE_DONE ? true : ly_sqldb_error(s, err, errsz);
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

bool ly_sqldb_terminated(const char *s, size_t sz, const char *what, char *err, size_t errsz)
{
    return memchr(s, '\0', sz) ? true : ly_sqldb_fail(err, errsz, "%s is not terminated", what);
}

void ly_sqldb_close(struct ly_sqldb *s)
{
    for (int i = 0; i < LY_SQLDB_SLOTS; i++)
        sqlite3_finalize(s->slot[i].st);
    sqlite3_close(s->db);
    memset(s, 0, sizeof *s);
}

/* The database could not be opened or checked: damaged, unless SQLite's code says the disk is
 * full or failing (not the file's fault, and it may pass), or that it ran out of memory doing it
 * (the file may be fine, and the message must not blame it). */
static bool open_failed(struct ly_sqldb *s, const char *path, const char *detail, char *err,
                        size_t errsz)
{
    s->last_error = sqlite3_extended_errcode(s->db);
    if ((s->last_error & 0xff) == SQLITE_NOMEM ||
        (detail && strstr(detail, "error code=7") != NULL)) /* a page it had no memory to read */
        return ly_sqldb_fail(err, errsz, "%s: cannot be checked: out of memory", path);
    if (ly_sqldb_storage_fault(s))
        return ly_sqldb_fail(err, errsz, "%s: the disk refused the database (full or failing?): %s",
                             path, detail);
    return ly_sqldb_fail(err, errsz, "%s: database is damaged: %s", path, detail);
}

static bool quick_check(struct ly_sqldb *s, const char *path, char *err, size_t errsz)
{
    sqlite3_stmt *st;
    bool ok = false;
    if (!ly_sqldb_prepare(s, "PRAGMA quick_check", &st, err, errsz))
        return open_failed(s, path, sqlite3_errmsg(s->db), err, errsz);
    int rc = sqlite3_step(st);
    const char *res = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    if (res && strcmp(res, "ok") == 0)
        ok = true;
    else
        open_failed(s, path, res ? res : sqlite3_errmsg(s->db), err, errsz);
    ly_sqldb_release(s, st);
    return ok;
}

static bool migrate(struct ly_sqldb *s, const char *what, const char *const *migrations, int n,
                    char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(s, "PRAGMA user_version", &st, err, errsz))
        return false;
    int rc = sqlite3_step(st);
    int64_t version = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    ly_sqldb_release(s, st);
    if (version < 0)
        return ly_sqldb_error(s, err, errsz);
    if (version > n)
        return ly_sqldb_fail(err, errsz,
                             "%s schema version %lld is newer than this program (%d): upgrade "
                             "Lanyard",
                             what, (long long)version, n);
    for (int v = (int)version; v < n; v++) {
        char pragma[64];
        snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
        if (!ly_sqldb_begin(s, err, errsz))
            return false;
        if (!ly_sqldb_exec(s, migrations[v], err, errsz) || !ly_sqldb_exec(s, pragma, err, errsz)) {
            ly_sqldb_rollback(s);
            return false;
        }
        if (!ly_sqldb_commit(s, err, errsz))
            return false;
    }
    return true;
}

bool ly_sqldb_open(struct ly_sqldb *s, const char *path, const char *what,
                   const char *const *migrations, int nmigrations, char *err, size_t errsz)
{
    memset(s, 0, sizeof *s);
    /* Both databases hold personal data, the organizer's also the secret signing key: readable
     * by the owner only. SQLite gives the -wal and -shm files the same permissions. */
    int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0)
        close(fd);
    else if (errno != EEXIST)
        return ly_sqldb_fail(err, errsz, "%s: %s", path, strerror(errno));

    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        /* without a handle (out of memory), the code says why */
        ly_sqldb_fail(err, errsz, "%s: cannot open: %s", path,
                      s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
        goto fail;
    }
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, LY_SQLDB_BUSY_MS);
    /* A damaged header makes even the pragmas fail: report that as damage too. */
    if (!ly_sqldb_exec(s,
                       "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; "
                       "PRAGMA foreign_keys = ON;",
                       err, errsz)) {
        open_failed(s, path, sqlite3_errmsg(s->db), err, errsz);
        goto fail;
    }
    if (!quick_check(s, path, err, errsz) || !migrate(s, what, migrations, nmigrations, err, errsz))
        goto fail;
    return true;
fail:
    ly_sqldb_close(s);
    return false;
}
