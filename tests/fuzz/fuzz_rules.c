/* fuzz_rules.c - libFuzzer harness for the gate rules import: arbitrary bytes imported as a
 * rules CSV into one hub database (fuzz_hubdb.h) holding an event and a small programme, so
 * that session and room references can resolve. A refused import leaves
 * the change sequence where it was; an accepted one stores what it counted, and importing the
 * same bytes again changes nothing. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_hubdb.h"
#include "import/import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void add_session(const char *ext_id, const char *type, const char *room, int capacity)
{
    char err[256];
    enum ly_upsert w;
    struct ly_session s = {0};
    snprintf(s.ext_id, sizeof s.ext_id, "%s", ext_id);
    snprintf(s.title, sizeof s.title, "Session %s", ext_id);
    snprintf(s.type, sizeof s.type, "%s", type);
    snprintf(s.room, sizeof s.room, "%s", room);
    snprintf(s.starts, sizeof s.starts, "2025-06-23T09:00");
    snprintf(s.ends, sizeof s.ends, "2025-06-23T10:30");
    if (!ly_hubdb_upsert_room(fuzz_db, room, capacity, &w, err, sizeof err) ||
        !ly_hubdb_upsert_session(fuzz_db, &s, &w, err, sizeof err)) {
        fprintf(stderr, "fuzz_rules: %s\n", err);
        abort();
    }
}

static void setup(void)
{
    char err[256];
    fuzz_hubdb_open("fuzz-rules");
    if (!ly_hubdb_create_event(fuzz_db, "Fuzz Forum", "2025-06-23", "2025-06-27", "UTC", NULL, err,
                               sizeof err)) {
        fprintf(stderr, "fuzz_rules: %s\n", err);
        abort();
    }
    /* the programme of tests/data/import/sessions_good.csv, which the seeds refer to */
    add_session("S-001", "opening_ceremony", "Plenary Hall", 2000);
    add_session("S-003", "workshop", "Room 3", 120);
    add_session("S-004", "other", "Press Room", 40);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fuzz_db == NULL)
        setup();
    struct ly_hubdb *db = fuzz_db;
    FILE *devnull = fuzz_devnull;
    struct ly_hubdb_stats before, after;
    struct ly_import_result res;
    char err[256];
    const char *text = (const char *)data;
    if (!ly_hubdb_stats(db, &before, err, sizeof err))
        abort();
    bool ok = ly_import_rules(db, "fuzz.csv", text, size, devnull, &res);
    if (!ly_hubdb_stats(db, &after, err, sizeof err))
        abort();
    if (!ok) {
        if (after.change_seq != before.change_seq || after.rules_seq != before.rules_seq)
            abort(); /* a refused import changed the database */
        return 0;
    }
    if (res.errors != 0 || after.opening_days != (int64_t)res.hours ||
        after.notices != (int64_t)res.notices)
        abort(); /* what was stored is not what was counted */
    if (res.changed != (after.change_seq != before.change_seq) ||
        (res.changed && after.rules_seq != after.change_seq))
        abort(); /* a change takes exactly one sequence value, recorded as rules_seq */
    if (!ly_import_rules(db, "fuzz.csv", text, size, devnull, &res) || res.changed ||
        !ly_hubdb_stats(db, &before, err, sizeof err) || before.change_seq != after.change_seq)
        abort(); /* the same file again must change nothing */
    return 0;
}
