/* health.c - disk figures for the kiosk database. See health.h. */
#include "kiosk/health.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include "common/fail.h"

bool ly_health_disk(const char *db_path, struct ly_disk_health *out, char *err, size_t errsz)
{
    struct statvfs vfs;
    struct stat st;
    char wal[4096 + 8];
    memset(out, 0, sizeof *out);
    if (stat(db_path, &st) != 0)
        return ly_fail(err, errsz, "%s: %s", db_path, strerror(errno));
    out->db_bytes = (uint64_t)st.st_size;
    if ((size_t)snprintf(wal, sizeof wal, "%s-wal", db_path) >= sizeof wal)
        return ly_fail(err, errsz, "database path too long");
    if (stat(wal, &st) == 0)
        out->wal_bytes = (uint64_t)st.st_size;
    else if (errno != ENOENT)
        return ly_fail(err, errsz, "%s: %s", wal, strerror(errno));
    out->journal_bytes = out->db_bytes + out->wal_bytes;
    if (statvfs(db_path, &vfs) != 0)
        return ly_fail(err, errsz, "%s: %s", db_path, strerror(errno));
    out->total_bytes = (uint64_t)vfs.f_blocks * vfs.f_frsize;
    out->free_bytes = (uint64_t)vfs.f_bavail * vfs.f_frsize;
    out->free_percent =
        out->total_bytes ? 100.0 * (double)out->free_bytes / (double)out->total_bytes : 0.0;
    return true;
}
