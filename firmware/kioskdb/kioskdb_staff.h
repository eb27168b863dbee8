/* kioskdb_staff.h - staff mode's data in the kiosk database: the search for attendees by name,
 * this kiosk's own counts from its journal, and the staff PIN lockout (staffpin.h applies the
 * policy), kept here so that a reboot does not reset it. */
#ifndef LY_KIOSKDB_STAFF_H
#define LY_KIOSKDB_STAFF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event/records.h"
#include "kioskdb/kioskdb.h"

/* This kiosk's own counts, from its journal (ly_kioskdb_stats). */
struct ly_kiosk_stats {
    int64_t granted;        /* decisions since the time asked for, by kind (overrides included */
    int64_t already_inside; /*   in granted) */
    int64_t denied;
    int64_t manual;       /* of those, manual check-ins (code_kind "manual") */
    int64_t entries;      /* movements since the time: into a place (+1) */
    int64_t exits;        /*   and out of one (-1) */
    int64_t unsent;       /* check-ins the hub has not committed yet, whenever decided */
    int64_t last_wall_ms; /* Unix ms of the latest decision ever journaled; 0 when none */
    int64_t badges;       /* badges handed out since the time: picked up, reprinted, walk-ins */
    int64_t arrivals;     /* distinct attendees granted or handed a badge since the time: a
                             pickup and the entry after it are one arrival */
};

/* The staff PIN lockout as stored. */
struct ly_kiosk_pin_lock {
    int64_t failures;        /* wrong PINs since the last right one */
    int64_t locked_until_ms; /* Unix ms; 0 when not locked */
};

/* Finds attendees by name: every word of fold(query) (fold.h) must be the start of a word of
 * an attendee's search key, fold(name) + " " + fold(name_latin), so "jose gar" finds "José
 * García" and "ivan" finds "Иван Петров" through name_latin "Ivan Petrov". Fills the caller's
 * out with up to max of them (at most LY_SEARCH_RESULTS_MAX), ordered by name (bytewise; ties
 * by search key, then id); *n is the count.
 * A query without words finds nobody. Returns false with err on a database error or a query
 * over LY_SEARCH_QUERY_MAX bytes or LY_SEARCH_WORDS_MAX words. */
__attribute__((warn_unused_result)) bool ly_kioskdb_search(struct ly_kioskdb *db, const char *query,
                                                           struct ly_kiosk_attendee *out,
                                                           size_t max, size_t *n, char *err,
                                                           size_t errsz);

/* This kiosk's counts of the decisions journaled at or after since_wall_ms (Unix ms), the
 * unsent total and the time of the latest decision, into *out. Returns false with err on a
 * database error. */
__attribute__((warn_unused_result)) bool ly_kioskdb_stats(struct ly_kioskdb *db,
                                                          int64_t since_wall_ms,
                                                          struct ly_kiosk_stats *out, char *err,
                                                          size_t errsz);

/* The stored PIN lockout into *out, and storing it (durably, before returning). Each returns
 * false with err. */
__attribute__((warn_unused_result)) bool
ly_kioskdb_pin_lock(struct ly_kioskdb *db, struct ly_kiosk_pin_lock *out, char *err, size_t errsz);
__attribute__((warn_unused_result)) bool ly_kioskdb_put_pin_lock(struct ly_kioskdb *db,
                                                                 const struct ly_kiosk_pin_lock *in,
                                                                 char *err, size_t errsz);

#endif
