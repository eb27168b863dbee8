/* demo_kiosk.h - fills a kiosk database with the attendees of a generated demo forum
 * (sync/demo/demo.h: names in their own scripts with the romanization their bearers use), through
 * ly_kioskdb_put_attendee as a snapshot or a sync would, for the search test and benchmark.
 * Attendee i of the demo's registration CSV gets id i (1, 2, ...). */
#ifndef LY_TOOLS_DEMO_KIOSK_H
#define LY_TOOLS_DEMO_KIOSK_H

#include <stdio.h>
#include <string.h>

#include "common/csv.h"
#include "demo/demo.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_records.h"

/* Columns of the demo's registration CSV (sync/demo/demo.c REGISTRATION_HEADER). */
enum {
    DK_NAME = 1,
    DK_LATIN = 2,
    DK_COUNTRY = 4,
    DK_REGION = 5,
    DK_STAKEHOLDER = 6,
    DK_ATTENDANCE = 7,
    DK_CATEGORY = 8,
    DK_LANGUAGE = 9,
    DK_COLUMNS = 14
};

static inline bool dk_fill(struct ly_kioskdb *db, size_t count, uint64_t seed, char *err,
                           size_t errsz)
{
    struct ly_demo_params p = {.count = count, .first_day = 20600, .days = 5, .seed = seed};
    struct ly_demo demo;
    struct ly_csv *csv;
    uint32_t id = 0;
    bool ok = true;
    if (!ly_demo_generate(&p, &demo, err, errsz))
        return false;
    csv = ly_csv_new(demo.registrations, demo.registrations_len, ',');
    if (!csv || !ly_kioskdb_begin(db, err, errsz)) {
        ly_csv_free(csv);
        ly_demo_free(&demo);
        return false;
    }
    for (;;) {
        enum ly_csv_status st = ly_csv_next(csv, err, errsz);
        if (st == LY_CSV_END)
            break;
        if (st != LY_CSV_RECORD || ly_csv_count(csv) != DK_COLUMNS) {
            ok = false;
            break;
        }
        if (ly_csv_line(csv) == 1)
            continue; /* the header */
        struct ly_kiosk_attendee a = {.id = ++id, .badge_version = 1};
        snprintf(a.name, sizeof a.name, "%s", ly_csv_field(csv, DK_NAME, NULL));
        snprintf(a.name_latin, sizeof a.name_latin, "%s", ly_csv_field(csv, DK_LATIN, NULL));
        snprintf(a.country, sizeof a.country, "%s", ly_csv_field(csv, DK_COUNTRY, NULL));
        snprintf(a.region, sizeof a.region, "%s", ly_csv_field(csv, DK_REGION, NULL));
        snprintf(a.stakeholder, sizeof a.stakeholder, "%s",
                 ly_csv_field(csv, DK_STAKEHOLDER, NULL));
        snprintf(a.attendance, sizeof a.attendance, "%s", ly_csv_field(csv, DK_ATTENDANCE, NULL));
        snprintf(a.category, sizeof a.category, "%s", ly_csv_field(csv, DK_CATEGORY, NULL));
        snprintf(a.language, sizeof a.language, "%s", ly_csv_field(csv, DK_LANGUAGE, NULL));
        if (!ly_kioskdb_put_attendee(db, &a, err, errsz)) {
            ok = false;
            break;
        }
    }
    ok = ok && id == count && ly_kioskdb_commit(db, err, errsz);
    if (!ok)
        ly_kioskdb_rollback(db);
    ly_csv_free(csv);
    ly_demo_free(&demo);
    return ok;
}

#endif
