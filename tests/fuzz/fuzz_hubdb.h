/* fuzz_hubdb.h - the hub database a fuzz harness imports into: one file per process, in /dev/shm
 * when there is one so that a run stays fast, opened once and removed at exit. Included by one
 * harness per program. */
#ifndef LY_FUZZ_HUBDB_H
#define LY_FUZZ_HUBDB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "orgdb/hubdb.h"

static struct ly_hubdb *fuzz_db;
static FILE *fuzz_devnull; /* where import problems go */
static char fuzz_db_path[64];

static void fuzz_hubdb_remove(void)
{
    char p[96];
    ly_hubdb_close(fuzz_db);
    unlink(fuzz_db_path);
    snprintf(p, sizeof p, "%s-wal", fuzz_db_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", fuzz_db_path);
    unlink(p);
}

/* Creates fuzz_db, named after the harness; aborts when it cannot. */
static void fuzz_hubdb_open(const char *harness)
{
    char err[256];
    const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(fuzz_db_path, sizeof fuzz_db_path, "%s/lanyard-%s-%ld.db", dir, harness,
             (long)getpid());
    unlink(fuzz_db_path);
    if (!ly_hubdb_open(fuzz_db_path, &fuzz_db, err, sizeof err)) {
        fprintf(stderr, "%s: %s\n", harness, err);
        abort();
    }
    fuzz_devnull = fopen("/dev/null", "w");
    atexit(fuzz_hubdb_remove);
}

#endif
