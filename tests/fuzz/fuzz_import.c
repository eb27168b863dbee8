/* fuzz_import.c - libFuzzer harness for the registration import: arbitrary bytes imported (auto
 * format detection) into one hub database opened once, in /dev/shm when there is one so that a
 * run stays fast. An import either commits or leaves the change sequence where it was. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "hubdb.h"
#include "import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ly_hubdb *db;
static FILE *devnull;
static char db_path[64];

static void teardown(void)
{
    char p[96];
    ly_hubdb_close(db);
    unlink(db_path);
    snprintf(p, sizeof p, "%s-wal", db_path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", db_path);
    unlink(p);
}

static void setup(void)
{
    char err[256];
    const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(db_path, sizeof db_path, "%s/lanyard-fuzz-import-%ld.db", dir, (long)getpid());
    unlink(db_path);
    if (!ly_hubdb_open(db_path, &db, err, sizeof err)) {
        fprintf(stderr, "fuzz_import: %s\n", err);
        abort();
    }
    devnull = fopen("/dev/null", "w");
    atexit(teardown);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (db == NULL)
        setup();
    struct ly_hubdb_stats before, after;
    char err[256];
    if (!ly_hubdb_stats(db, &before, err, sizeof err))
        abort();
    struct ly_import_result res;
    bool ok = ly_import_registrations(db, "fuzz.csv", (const char *)data, size, LY_IMPORT_AUTO,
                                      devnull, &res);
    if (!ly_hubdb_stats(db, &after, err, sizeof err))
        abort();
    if (!ok && after.change_seq != before.change_seq)
        abort(); /* a refused import changed the database */
    if (ok && res.errors != 0)
        abort();
    if (!ok && size > 0 && data[0] == 'S') {
        /* Now and then the programme importer too. */
        (void)ly_import_sessions(db, "fuzz.csv", (const char *)data + 1, size - 1, devnull, &res);
    }
    return 0;
}
