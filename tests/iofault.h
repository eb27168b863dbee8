/* iofault.h - for tests: a SQLite VFS that fails one chosen I/O, after SQLite's own fault tests
 * (test/ioerr.test, test/diskfull.test): it wraps the default VFS and passes everything through,
 * counting writes and syncs; once armed, the Nth write (or sync) from then on fails with the
 * code the unix VFS gives for that errno: SQLITE_FULL for ENOSPC, SQLITE_IOERR_WRITE or
 * SQLITE_IOERR_FSYNC for EIO. A full disk stays full (every later write fails as well, until
 * the test disarms); a failing write or sync can be one bad moment (only the Nth fails). Run
 * once per N, from 1 until the operation under test completes without reaching N, this fails
 * every write and every sync of that operation in turn.
 *
 * Also: iof_digest, an order-free digest of every row of every table of a database file (but
 * for the wall-clock columns created_at and updated_at), to show that a failed operation left
 * the file exactly as it was. One VFS for the whole process,
 * registered as the default; header-only, like powercut.h. */
#ifndef LY_TESTS_IOFAULT_H
#define LY_TESTS_IOFAULT_H

#include <sodium.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum iof_kind {
    IOF_FULL,      /* the disk is full: the Nth write and every later one fail (ENOSPC) */
    IOF_EIO_WRITE, /* the Nth write fails with an I/O error (EIO), the others work */
    IOF_EIO_SYNC,  /* the Nth sync fails with an I/O error (EIO), the others work */
};

static struct {
    sqlite3_vfs vfs;
    sqlite3_vfs *real;
    enum iof_kind kind;
    long nth;    /* 0: disarmed */
    long writes; /* since arming */
    long syncs;
    long failed; /* operations failed since arming */
} iof;

struct iof_file {
    sqlite3_file base;
    sqlite3_file *real; /* follows this struct */
};

#define IOF_REAL(file) (((struct iof_file *)(file))->real)

static int iof_close(sqlite3_file *f)
{
    return IOF_REAL(f)->pMethods->xClose(IOF_REAL(f));
}

static int iof_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    return IOF_REAL(f)->pMethods->xRead(IOF_REAL(f), buf, n, off);
}

static int iof_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    if (iof.nth > 0 && iof.kind != IOF_EIO_SYNC) {
        long k = ++iof.writes;
        if (k == iof.nth || (iof.kind == IOF_FULL && k > iof.nth)) {
            iof.failed++;
            return iof.kind == IOF_FULL ? SQLITE_FULL : SQLITE_IOERR_WRITE;
        }
    }
    return IOF_REAL(f)->pMethods->xWrite(IOF_REAL(f), buf, n, off);
}

static int iof_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    return IOF_REAL(f)->pMethods->xTruncate(IOF_REAL(f), size);
}

static int iof_sync(sqlite3_file *f, int flags)
{
    if (iof.nth > 0 && iof.kind == IOF_EIO_SYNC && ++iof.syncs == iof.nth) {
        iof.failed++;
        return SQLITE_IOERR_FSYNC;
    }
    return IOF_REAL(f)->pMethods->xSync(IOF_REAL(f), flags);
}

static int iof_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
    return IOF_REAL(f)->pMethods->xFileSize(IOF_REAL(f), size);
}

static int iof_lock(sqlite3_file *f, int level)
{
    return IOF_REAL(f)->pMethods->xLock(IOF_REAL(f), level);
}

static int iof_unlock(sqlite3_file *f, int level)
{
    return IOF_REAL(f)->pMethods->xUnlock(IOF_REAL(f), level);
}

static int iof_check_reserved(sqlite3_file *f, int *out)
{
    return IOF_REAL(f)->pMethods->xCheckReservedLock(IOF_REAL(f), out);
}

static int iof_file_control(sqlite3_file *f, int op, void *arg)
{
    /* no memory-mapped writes: every change goes through xWrite, where it can fail */
    if (op == SQLITE_FCNTL_MMAP_SIZE) {
        *(sqlite3_int64 *)arg = 0;
        return SQLITE_OK;
    }
    return IOF_REAL(f)->pMethods->xFileControl(IOF_REAL(f), op, arg);
}

static int iof_sector_size(sqlite3_file *f)
{
    return IOF_REAL(f)->pMethods->xSectorSize(IOF_REAL(f));
}

static int iof_device_characteristics(sqlite3_file *f)
{
    return IOF_REAL(f)->pMethods->xDeviceCharacteristics(IOF_REAL(f));
}

static int iof_shm_map(sqlite3_file *f, int page, int size, int extend, void volatile **out)
{
    return IOF_REAL(f)->pMethods->xShmMap(IOF_REAL(f), page, size, extend, out);
}

static int iof_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
    return IOF_REAL(f)->pMethods->xShmLock(IOF_REAL(f), offset, n, flags);
}

static void iof_shm_barrier(sqlite3_file *f)
{
    IOF_REAL(f)->pMethods->xShmBarrier(IOF_REAL(f));
}

static int iof_shm_unmap(sqlite3_file *f, int delete_flag)
{
    return IOF_REAL(f)->pMethods->xShmUnmap(IOF_REAL(f), delete_flag);
}

static const sqlite3_io_methods iof_methods = {
    .iVersion = 2, /* no xFetch: pages are read, never mapped */
    .xClose = iof_close,
    .xRead = iof_read,
    .xWrite = iof_write,
    .xTruncate = iof_truncate,
    .xSync = iof_sync,
    .xFileSize = iof_file_size,
    .xLock = iof_lock,
    .xUnlock = iof_unlock,
    .xCheckReservedLock = iof_check_reserved,
    .xFileControl = iof_file_control,
    .xSectorSize = iof_sector_size,
    .xDeviceCharacteristics = iof_device_characteristics,
    .xShmMap = iof_shm_map,
    .xShmLock = iof_shm_lock,
    .xShmBarrier = iof_shm_barrier,
    .xShmUnmap = iof_shm_unmap,
};

static int iof_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
                    int *out_flags)
{
    (void)vfs;
    struct iof_file *f = (struct iof_file *)file;
    memset(f, 0, sizeof *f);
    f->real = (sqlite3_file *)(f + 1);
    int rc = iof.real->xOpen(iof.real, name, f->real, flags, out_flags);
    f->base.pMethods = rc == SQLITE_OK ? &iof_methods : NULL;
    return rc;
}

static int iof_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    (void)vfs;
    return iof.real->xDelete(iof.real, name, sync_dir);
}

static int iof_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    (void)vfs;
    return iof.real->xAccess(iof.real, name, flags, out);
}

static int iof_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    return iof.real->xFullPathname(iof.real, name, n, out);
}

static int iof_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return iof.real->xRandomness(iof.real, n, out);
}

static int iof_sleep(sqlite3_vfs *vfs, int us)
{
    (void)vfs;
    return iof.real->xSleep(iof.real, us);
}

static int iof_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    (void)vfs;
    return iof.real->xCurrentTimeInt64(iof.real, out);
}

static int iof_get_last_error(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return iof.real->xGetLastError(iof.real, n, out);
}

/* Registers the VFS "iofault" as the default. Returns false if SQLite has no default VFS. */
static inline bool iof_install(void)
{
    if (iof.real)
        return true;
    iof.real = sqlite3_vfs_find(NULL);
    if (!iof.real)
        return false;
    iof.vfs = (sqlite3_vfs){.iVersion = 2,
                            .szOsFile = (int)sizeof(struct iof_file) + iof.real->szOsFile,
                            .mxPathname = iof.real->mxPathname,
                            .zName = "iofault",
                            .xOpen = iof_open,
                            .xDelete = iof_delete,
                            .xAccess = iof_access,
                            .xFullPathname = iof_full_pathname,
                            .xRandomness = iof_randomness,
                            .xSleep = iof_sleep,
                            .xCurrentTimeInt64 = iof_current_time_int64,
                            .xGetLastError = iof_get_last_error};
    return sqlite3_vfs_register(&iof.vfs, 1) == SQLITE_OK;
}

/* From now on the nth write (IOF_FULL, IOF_EIO_WRITE) or sync (IOF_EIO_SYNC) fails. */
static inline void iof_arm(enum iof_kind kind, long nth)
{
    iof.kind = kind;
    iof.nth = nth;
    iof.writes = iof.syncs = iof.failed = 0;
}

/* Stops failing. Returns how many operations failed since arming (0: the operation under test
 * ended before its nth write or sync: every one has been failed in turn). */
static inline long iof_disarm(void)
{
    iof.nth = 0;
    return iof.failed;
}

static inline const char *iof_kind_name(enum iof_kind k)
{
    return k == IOF_FULL ? "disk full" : k == IOF_EIO_WRITE ? "write EIO" : "sync EIO";
}

/* An order-free digest of every row of every table (and of the schema) of the database at path,
 * into out (32 bytes): the same bytes when and only when the file holds the same rows. */
static inline bool iof_digest(const char *path, unsigned char out[32])
{
    sqlite3 *db = NULL;
    sqlite3_stmt *tables = NULL;
    uint64_t sum[4] = {0, 0, 0, 0};
    bool ok = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
              sqlite3_prepare_v2(db,
                                 "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND "
                                 "name NOT LIKE 'sqlite_%'",
                                 -1, &tables, NULL) == SQLITE_OK;
    while (ok && sqlite3_step(tables) == SQLITE_ROW) {
        char sql[300];
        sqlite3_stmt *rows = NULL;
        const char *name = (const char *)sqlite3_column_text(tables, 0);
        const char *ddl = (const char *)sqlite3_column_text(tables, 1);
        snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", name);
        ok = sqlite3_prepare_v2(db, sql, -1, &rows, NULL) == SQLITE_OK;
        int rc;
        while (ok && (rc = sqlite3_step(rows)) == SQLITE_ROW) {
            crypto_generichash_state h;
            unsigned char d[32];
            crypto_generichash_init(&h, NULL, 0, sizeof d);
            crypto_generichash_update(&h, (const unsigned char *)name, strlen(name) + 1);
            for (int c = 0; c < sqlite3_column_count(rows); c++) {
                const char *col = sqlite3_column_name(rows, c);
                if (col && (strcmp(col, "created_at") == 0 || strcmp(col, "updated_at") == 0))
                    continue; /* the wall clock: not the same from one run to the next */
                unsigned char type = (unsigned char)sqlite3_column_type(rows, c);
                const void *v = sqlite3_column_blob(rows, c);
                int n = sqlite3_column_bytes(rows, c);
                crypto_generichash_update(&h, &type, 1);
                crypto_generichash_update(&h, (const unsigned char *)&n, sizeof n);
                if (v && n > 0)
                    crypto_generichash_update(&h, v, (unsigned long long)n);
            }
            crypto_generichash_final(&h, d, sizeof d);
            for (int i = 0; i < 4; i++) {
                uint64_t w;
                memcpy(&w, d + 8 * i, 8);
                sum[i] += w;
            }
        }
        ok = ok && rc == SQLITE_DONE;
        sqlite3_finalize(rows);
        unsigned char d[32];
        crypto_generichash(d, sizeof d, (const unsigned char *)(ddl ? ddl : ""),
                           ddl ? strlen(ddl) : 0, NULL, 0);
        for (int i = 0; i < 4; i++) {
            uint64_t w;
            memcpy(&w, d + 8 * i, 8);
            sum[i] ^= w;
        }
    }
    sqlite3_finalize(tables);
    sqlite3_close(db);
    memcpy(out, sum, sizeof sum);
    return ok;
}

#endif
