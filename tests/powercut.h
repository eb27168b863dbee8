/* powercut.h - for tests: a SQLite VFS that models a power cut, after SQLite's own crash tests
 * (src/test6.c). It wraps the default VFS and passes everything through, but remembers, for each
 * file, what every write and truncate since that file's last xSync overwrote. At the cut (the
 * Nth xSync after arming, instead of that sync, or on demand), each file is put back as it was
 * at its last sync: every write that was not synced is thrown away, as a disk cache without
 * power would. From then on the VFS is dead: writes, truncates, syncs and deletes fail or do
 * nothing, as they would in a process that has no machine left to run on, so that closing the
 * connections afterwards changes nothing on disk. The shared-memory index (-shm) is in the page
 * cache only, so pc_lost_shm removes it before the files are opened again.
 *
 * One cut at a time, for the whole process; the VFS is registered as the default so that the
 * code under test opens its files through it unchanged. Header-only, like rawsql.h. */
#ifndef LY_TESTS_POWERCUT_H
#define LY_TESTS_POWERCUT_H

#include <fcntl.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PC_FILES_MAX 8

/* What one write or truncate overwrote: len bytes of old at off. */
struct pc_undo {
    sqlite3_int64 off;
    int len;
    unsigned char *old;
};

/* A file's writes since its last sync. */
struct pc_track {
    char path[512];
    bool dirty;              /* written since the last sync */
    sqlite3_int64 base_size; /* its size at the last sync (when dirty) */
    struct pc_undo *undo;
    int nundo, capundo;
};

static struct {
    sqlite3_vfs vfs;
    sqlite3_vfs *real;
    struct pc_track files[PC_FILES_MAX];
    long syncs;   /* xSync calls since arming */
    long cut_at;  /* the sync that is the cut (1 = the first after arming); 0: none armed */
    bool dead;    /* the power is off */
    long dropped; /* bytes of writes thrown away by the cut */
} pc;

struct pc_file {
    sqlite3_file base;
    struct pc_track *t; /* NULL: not tracked (a temporary file) */
    sqlite3_file *real; /* follows this struct */
};

static struct pc_track *pc_track_for(const char *path)
{
    for (int i = 0; i < PC_FILES_MAX; i++)
        if (strcmp(pc.files[i].path, path) == 0)
            return &pc.files[i];
    for (int i = 0; i < PC_FILES_MAX; i++) {
        if (pc.files[i].path[0] == '\0') {
            snprintf(pc.files[i].path, sizeof pc.files[i].path, "%s", path);
            return &pc.files[i];
        }
    }
    return NULL;
}

static void pc_forget(struct pc_track *t)
{
    for (int i = 0; i < t->nundo; i++)
        free(t->undo[i].old);
    t->nundo = 0;
    t->dirty = false;
}

/* Remembers what [off, off+len) of f holds now (the part inside the file), before it changes. */
static int pc_remember(struct pc_file *f, sqlite3_int64 off, sqlite3_int64 len)
{
    struct pc_track *t = f->t;
    sqlite3_int64 size = 0;
    int rc = f->real->pMethods->xFileSize(f->real, &size);
    if (rc != SQLITE_OK)
        return rc;
    if (!t->dirty) {
        t->dirty = true;
        t->base_size = size;
    }
    if (off >= size)
        return SQLITE_OK; /* new bytes: the truncate back to base_size removes them */
    if (off + len > size)
        len = size - off;
    if (t->nundo == t->capundo) {
        int cap = t->capundo ? t->capundo * 2 : 64;
        struct pc_undo *u = realloc(t->undo, (size_t)cap * sizeof *u);
        if (!u)
            return SQLITE_NOMEM;
        t->undo = u;
        t->capundo = cap;
    }
    struct pc_undo *u = &t->undo[t->nundo];
    u->off = off;
    u->len = (int)len;
    u->old = malloc((size_t)len);
    if (!u->old)
        return SQLITE_NOMEM;
    rc = f->real->pMethods->xRead(f->real, u->old, (int)len, off);
    if (rc != SQLITE_OK) {
        free(u->old);
        return rc;
    }
    t->nundo++;
    return SQLITE_OK;
}

/* The cut: every file back to its last sync; then the power stays off. */
static void pc_cut(void)
{
    for (int i = 0; i < PC_FILES_MAX; i++) {
        struct pc_track *t = &pc.files[i];
        if (!t->path[0] || !t->dirty)
            continue;
        int fd = open(t->path, O_RDWR);
        if (fd >= 0) {
            off_t end = lseek(fd, 0, SEEK_END);
            if (end > t->base_size)
                pc.dropped += end - t->base_size;
            for (int k = t->nundo - 1; k >= 0; k--) {
                if (pwrite(fd, t->undo[k].old, (size_t)t->undo[k].len, t->undo[k].off) < 0)
                    fprintf(stderr, "powercut: restoring %s failed\n", t->path);
                pc.dropped += t->undo[k].len;
            }
            if (ftruncate(fd, t->base_size) != 0)
                fprintf(stderr, "powercut: truncating %s failed\n", t->path);
            close(fd);
        }
        pc_forget(t);
    }
    pc.dead = true;
}

static int pc_close(sqlite3_file *file)
{
    struct pc_file *f = (struct pc_file *)file;
    return f->real->pMethods->xClose(f->real);
}

static int pc_read(sqlite3_file *file, void *buf, int n, sqlite3_int64 off)
{
    struct pc_file *f = (struct pc_file *)file;
    return f->real->pMethods->xRead(f->real, buf, n, off);
}

static int pc_write(sqlite3_file *file, const void *buf, int n, sqlite3_int64 off)
{
    struct pc_file *f = (struct pc_file *)file;
    if (pc.dead)
        return SQLITE_IOERR_WRITE;
    if (f->t) {
        int rc = pc_remember(f, off, n);
        if (rc != SQLITE_OK)
            return rc;
    }
    return f->real->pMethods->xWrite(f->real, buf, n, off);
}

static int pc_truncate(sqlite3_file *file, sqlite3_int64 size)
{
    struct pc_file *f = (struct pc_file *)file;
    if (pc.dead)
        return SQLITE_IOERR_TRUNCATE;
    if (f->t) {
        sqlite3_int64 now = 0;
        int rc = f->real->pMethods->xFileSize(f->real, &now);
        if (rc == SQLITE_OK && now > size)
            rc = pc_remember(f, size, now - size);
        if (rc != SQLITE_OK)
            return rc;
    }
    return f->real->pMethods->xTruncate(f->real, size);
}

static int pc_sync(sqlite3_file *file, int flags)
{
    struct pc_file *f = (struct pc_file *)file;
    if (pc.dead)
        return SQLITE_IOERR_FSYNC;
    if (pc.cut_at > 0 && ++pc.syncs == pc.cut_at) {
        pc_cut();
        return SQLITE_IOERR_FSYNC;
    }
    if (pc.cut_at == 0)
        pc.syncs++;
    int rc = f->real->pMethods->xSync(f->real, flags);
    if (rc == SQLITE_OK && f->t)
        pc_forget(f->t);
    return rc;
}

static int pc_file_size(sqlite3_file *file, sqlite3_int64 *size)
{
    struct pc_file *f = (struct pc_file *)file;
    return f->real->pMethods->xFileSize(f->real, size);
}

static int pc_lock(sqlite3_file *file, int level)
{
    struct pc_file *f = (struct pc_file *)file;
    return f->real->pMethods->xLock(f->real, level);
}

static int pc_unlock(sqlite3_file *file, int level)
{
    struct pc_file *f = (struct pc_file *)file;
    return f->real->pMethods->xUnlock(f->real, level);
}

static int pc_check_reserved(sqlite3_file *file, int *out)
{
    struct pc_file *f = (struct pc_file *)file;
    return f->real->pMethods->xCheckReservedLock(f->real, out);
}

static int pc_file_control(sqlite3_file *file, int op, void *arg)
{
    struct pc_file *f = (struct pc_file *)file;
    /* No memory-mapped writes: every change must go through xWrite to be remembered. */
    if (op == SQLITE_FCNTL_MMAP_SIZE) {
        *(sqlite3_int64 *)arg = 0;
        return SQLITE_OK;
    }
    return f->real->pMethods->xFileControl(f->real, op, arg);
}

static int pc_sector_size(sqlite3_file *file)
{
    struct pc_file *f = (struct pc_file *)file;
    return f->real->pMethods->xSectorSize(f->real);
}

static int pc_device_characteristics(sqlite3_file *file)
{
    struct pc_file *f = (struct pc_file *)file;
    return f->real->pMethods->xDeviceCharacteristics(f->real);
}

static int pc_shm_map(sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
    struct pc_file *f = (struct pc_file *)file;
    return f->real->pMethods->xShmMap(f->real, page, size, extend, out);
}

static int pc_shm_lock(sqlite3_file *file, int offset, int n, int flags)
{
    struct pc_file *f = (struct pc_file *)file;
    return f->real->pMethods->xShmLock(f->real, offset, n, flags);
}

static void pc_shm_barrier(sqlite3_file *file)
{
    struct pc_file *f = (struct pc_file *)file;
    f->real->pMethods->xShmBarrier(f->real);
}

static int pc_shm_unmap(sqlite3_file *file, int delete_flag)
{
    struct pc_file *f = (struct pc_file *)file;
    return f->real->pMethods->xShmUnmap(f->real, delete_flag);
}

static const sqlite3_io_methods pc_methods = {
    .iVersion = 2, /* no xFetch: pages are read, never mapped */
    .xClose = pc_close,
    .xRead = pc_read,
    .xWrite = pc_write,
    .xTruncate = pc_truncate,
    .xSync = pc_sync,
    .xFileSize = pc_file_size,
    .xLock = pc_lock,
    .xUnlock = pc_unlock,
    .xCheckReservedLock = pc_check_reserved,
    .xFileControl = pc_file_control,
    .xSectorSize = pc_sector_size,
    .xDeviceCharacteristics = pc_device_characteristics,
    .xShmMap = pc_shm_map,
    .xShmLock = pc_shm_lock,
    .xShmBarrier = pc_shm_barrier,
    .xShmUnmap = pc_shm_unmap,
};

static int pc_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
                   int *out_flags)
{
    (void)vfs;
    struct pc_file *f = (struct pc_file *)file;
    memset(f, 0, sizeof *f);
    f->real = (sqlite3_file *)(f + 1);
    int rc = pc.real->xOpen(pc.real, name, f->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        f->base.pMethods = NULL;
        return rc;
    }
    f->t = name ? pc_track_for(name) : NULL;
    f->base.pMethods = &pc_methods;
    return SQLITE_OK;
}

static int pc_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    (void)vfs;
    if (pc.dead)
        return SQLITE_OK; /* nothing happens after the cut */
    struct pc_track *t = pc_track_for(name);
    if (t)
        pc_forget(t);
    return pc.real->xDelete(pc.real, name, sync_dir);
}

static int pc_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    (void)vfs;
    return pc.real->xAccess(pc.real, name, flags, out);
}

static int pc_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    (void)vfs;
    return pc.real->xFullPathname(pc.real, name, n, out);
}

static int pc_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return pc.real->xRandomness(pc.real, n, out);
}

static int pc_sleep(sqlite3_vfs *vfs, int us)
{
    (void)vfs;
    return pc.real->xSleep(pc.real, us);
}

static int pc_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
    (void)vfs;
    return pc.real->xCurrentTimeInt64(pc.real, out);
}

static int pc_get_last_error(sqlite3_vfs *vfs, int n, char *out)
{
    (void)vfs;
    return pc.real->xGetLastError(pc.real, n, out);
}

/* Registers the VFS "powercut" as the default. Returns false if SQLite has no default VFS. */
static inline bool pc_install(void)
{
    if (pc.real)
        return true;
    pc.real = sqlite3_vfs_find(NULL);
    if (!pc.real)
        return false;
    pc.vfs = (sqlite3_vfs){.iVersion = 2,
                           .szOsFile = (int)sizeof(struct pc_file) + pc.real->szOsFile,
                           .mxPathname = pc.real->mxPathname,
                           .zName = "powercut",
                           .xOpen = pc_open,
                           .xDelete = pc_delete,
                           .xAccess = pc_access,
                           .xFullPathname = pc_full_pathname,
                           .xRandomness = pc_randomness,
                           .xSleep = pc_sleep,
                           .xCurrentTimeInt64 = pc_current_time_int64,
                           .xGetLastError = pc_get_last_error};
    return sqlite3_vfs_register(&pc.vfs, 1) == SQLITE_OK;
}

/* Power on, nothing remembered, the cut at the nth sync from now (0: never; syncs are counted
 * either way, pc_syncs). */
static inline void pc_arm(long nth)
{
    for (int i = 0; i < PC_FILES_MAX; i++) {
        pc_forget(&pc.files[i]);
        free(pc.files[i].undo);
        memset(&pc.files[i], 0, sizeof pc.files[i]);
    }
    pc.syncs = 0;
    pc.cut_at = nth;
    pc.dead = false;
    pc.dropped = 0;
}

static inline long pc_syncs(void)
{
    return pc.syncs;
}

/* Whether the cut happened. */
static inline bool pc_is_dead(void)
{
    return pc.dead;
}

/* The shared-memory index of db_path's WAL is lost with the power: removes it. */
static inline void pc_lost_shm(const char *db_path)
{
    char shm[600];
    snprintf(shm, sizeof shm, "%s-shm", db_path);
    unlink(shm);
}

#endif
