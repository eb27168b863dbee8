/* attendance.h - who attended a session, for its organizers (`lanyard export attendance`,
 * docs/organizer.md "Who attended a session"): the people who entered it, counted by
 * stakeholder group, region and country, with their names only when the event's policy
 * (attendance_names) allows. Without names, groups of fewer than LY_ATTENDANCE_MIN_CELL people
 * are folded into one line, so that a country with one participant does not name them. Read
 * through a store's query function (store_row.h) on either backend. A struct ly_attendance is
 * owned by its creator; free it with ly_attendance_free. */
#ifndef LY_ATTENDANCE_H
#define LY_ATTENDANCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "counts/counts.h"
#include "store/store_row.h"

#define LY_ATTENDANCE_MIN_CELL                                                                     \
    3 /* smaller groups are folded, without names (1 or 2 people of a                              \
         country identify them) */
#define LY_ATTENDANCE_FOLDED "(fewer than 3 each)"

struct ly_attendee_line {
    char name[LY_NAME_MAX + 1];
    char affiliation[LY_NAME_MAX + 1];
    char country[3];
    char stakeholder[LY_LABEL_MAX + 1];
};

struct ly_attendance {
    char session[LY_EXT_ID_MAX + 1];
    char title[LY_TITLE_MAX + 1];
    char room[LY_ROOM_NAME_MAX + 1];
    char starts[17], ends[17];
    int64_t attendees; /* distinct people who entered it */
    bool names;        /* the policy allows names: people is filled, no group is folded */
    struct ly_count_group *by_stakeholder, *by_region, *by_country;
    size_t nby_stakeholder, nby_region, nby_country;
    struct ly_attendee_line *people;
    size_t npeople;
};

void ly_attendance_free(struct ly_attendance *a);

/* Reads the attendance of the session with programme id session through query (on db, inside
 * the caller's read transaction) into *out. *found false (nothing allocated) for no such
 * session. Returns false with err on a database error. */
__attribute__((warn_unused_result)) bool ly_attendance_build(ly_query_fn query, void *db,
                                                             const char *session, bool *found,
                                                             struct ly_attendance **out, char *err,
                                                             size_t errsz);

/* Writes a as one JSON object (and a newline) or as CSV rows section,key,value. */
void ly_attendance_json(FILE *f, const struct ly_attendance *a);
void ly_attendance_csv(FILE *f, const struct ly_attendance *a);

#endif
