/* fuzz_import.c - libFuzzer harness for the registration import: arbitrary bytes imported (auto
 * format detection; foreign exports without ticket codes accepted for inputs of odd length, so
 * that their rows are read too) into one hub database opened once, in /dev/shm when there is one so
 * that a run stays fast. An import either commits or leaves the change sequence where it was. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_hubdb.h"
#include "import/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fuzz_db == NULL)
        fuzz_hubdb_open("fuzz-import");
    struct ly_hubdb *db = fuzz_db;
    FILE *devnull = fuzz_devnull;
    struct ly_hubdb_stats before, after;
    char err[256];
    if (!ly_hubdb_stats(db, &before, err, sizeof err))
        abort();
    struct ly_import_result res;
    struct ly_import_options opt = {.format = LY_IMPORT_AUTO, .without_codes = size % 2 == 1};
    bool ok =
        ly_import_registrations(db, "fuzz.csv", (const char *)data, size, &opt, devnull, &res);
    if (!ly_hubdb_stats(db, &after, err, sizeof err))
        abort();
    if (!ok && after.change_seq != before.change_seq)
        abort(); /* a refused import changed the database */
    if (ok && (res.errors != 0 || res.no_country > res.rows))
        abort();
    if (!ok && size > 0 && data[0] == 'S') {
        /* Now and then the programme importer too. */
        if (!ly_hubdb_stats(db, &before, err, sizeof err))
            abort();
        ok = ly_import_sessions(db, "fuzz.csv", (const char *)data + 1, size - 1, devnull, &res);
        if (!ly_hubdb_stats(db, &after, err, sizeof err))
            abort();
        if (!ok && after.change_seq != before.change_seq)
            abort(); /* a refused programme (a bad link, an unknown overflow room) changed it */
    }
    return 0;
}
