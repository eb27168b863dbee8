/* health.h - the kiosk's health figures for the staff screen: room left on the disk that holds
 * the kiosk database, and how much the database takes. */
#ifndef LY_HEALTH_H
#define LY_HEALTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ly_disk_health {
    uint64_t total_bytes;   /* size of the file system holding the database */
    uint64_t free_bytes;    /* bytes available to this process there (statvfs f_bavail) */
    double free_percent;    /* free_bytes of total_bytes, 0 to 100 */
    uint64_t db_bytes;      /* the database file */
    uint64_t wal_bytes;     /* its write-ahead log (PATH-wal), 0 when there is none */
    uint64_t journal_bytes; /* db_bytes + wal_bytes: the journal's size on disk */
};

/* Fills *out for the database at db_path. Returns false with err when the database file or
 * its file system cannot be examined. */
__attribute__((warn_unused_result)) bool
ly_health_disk(const char *db_path, struct ly_disk_health *out, char *err, size_t errsz);

#endif
