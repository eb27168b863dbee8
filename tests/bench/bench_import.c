/* bench_import.c - registration import throughput: a generated 100,000-registration Lanyard CSV
 * imported into a fresh organizer database, then imported again unchanged (the re-import an
 * organizer runs after every export from the registration system). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "demo/demo.h"
#include "orgdb/hubdb.h"
#include "import/import.h"
#include "bench/stats.h"

#define COUNT 100000

int main(void)
{
    char dir[] = "/tmp/ly-bench-import.XXXXXX", path[64], err[256];
    struct ly_demo demo = {0};
    struct ly_demo_params p = {COUNT, 20000, 5, 1};
    struct ly_hubdb *db = NULL;
    int rc = 1;

    if (!mkdtemp(dir) || !ly_demo_generate(&p, &demo, err, sizeof err))
        goto end;
    snprintf(path, sizeof path, "%s/hub.db", dir);
    if (!ly_hubdb_open(path, &db, err, sizeof err) ||
        !ly_hubdb_create_event(db, "Bench", "2024-10-04", "2024-10-08", "UTC", NULL, err,
                               sizeof err))
        goto end;
    for (int round = 0; round < 2; round++) {
        struct ly_import_result res;
        double t0 = bench_now_s();
        if (!ly_import_registrations(db, "bench.csv", demo.registrations, demo.registrations_len,
                                     &(struct ly_import_options){.format = LY_IMPORT_LANYARD},
                                     stderr, &res)) {
            snprintf(err, sizeof err, "import failed");
            goto end;
        }
        double t = bench_now_s() - t0;
        printf("import: %d registrations %s in %.2f s = %.0f rows/s (%.1f MB CSV; %zu new, %zu "
               "unchanged)\n",
               COUNT, round == 0 ? "into an empty database" : "again, unchanged", t, COUNT / t,
               (double)demo.registrations_len / 1e6, res.inserted, res.unchanged);
    }
    rc = 0;
end:
    if (rc != 0)
        fprintf(stderr, "bench_import: %s\n", err);
    ly_hubdb_close(db);
    ly_demo_free(&demo);
    snprintf(path, sizeof path, "rm -rf %s", dir);
    if (system(path) != 0)
        rc = 1;
    return rc;
}
