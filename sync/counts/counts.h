/* counts.h - the hub's live counts (docs/sync-protocol.md, "counts"): what a backend computes
 * from the check-ins, and the ways it is written out: the JSON of /api/v1/counts, the text of
 * `lanyard counts`, and the event statistics report of `lanyard report` (Markdown or CSV).
 * A struct ly_counts is one allocation set owned by its creator; free it with ly_counts_free. */
#ifndef LY_COUNTS_H
#define LY_COUNTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/fields.h"
#include "event/records.h"
#include "common/ly_limits.h"
#include "proto/health.h"

#define LY_COUNTS_REASONS_MAX 32 /* denial reasons listed per kiosk; the rest go under "other" */

struct ly_count_day {
    char day[11]; /* YYYY-MM-DD, event local */
    int64_t onsite_unique;
};

struct ly_count_place {
    char place[LY_GATE_MAX + 1]; /* "venue", "room:ID" */
    char name[LY_ROOM_NAME_MAX + 1];
    int64_t capacity, inside, attendance;
    char location[LY_ROOM_LOCATION_MAX + 1]; /* a room's: where it is, "" unknown */
    int64_t as_of; /* hub time of the freshest input of inside (docs/gates.md); 0: none */
};

struct ly_count_session {
    char session[LY_EXT_ID_MAX + 1];
    char title[LY_TITLE_MAX + 1];
    char type[LY_LABEL_MAX + 1];
    char room[LY_ROOM_NAME_MAX + 1];
    char starts[17];
    int64_t capacity, inside, attendance;
    char ends[17];
    bool restricted;                                  /* only some categories may enter */
    char overflow[LY_ROOM_NAME_MAX + 1];              /* the room to go to when full, "" none */
    char overflow_location[LY_ROOM_LOCATION_MAX + 1]; /* where that room is */
    char online_url[LY_URL_MAX + 1];                  /* the session online, "" none */
    int64_t as_of; /* as a place's; a session past its end plus grace: that moment */
};

/* One line of a breakdown: a country code (LY_COUNTRY_NOT_STATED, country.h, for attendees who
 * did not state one), region (not_stated for them), stakeholder group or session type. */
struct ly_count_group {
    char key[LY_LABEL_MAX + 1];
    int64_t n;        /* onsite attendees; for a session type, the sum of attendance */
    int64_t sessions; /* session types only */
};

struct ly_count_reason {
    char reason[32];
    int64_t n;
};

struct ly_count_kiosk {
    char name[65];
    char gate[LY_GATE_MAX + 1];
    bool revoked;
    int64_t scans, granted, last_contact_ms, queue;
    struct ly_count_reason denied[LY_COUNTS_REASONS_MAX];
    size_t ndenied;
    int64_t health_ms;             /* the hub's clock when the kiosk last reported; 0: never */
    struct ly_kiosk_health health; /* what it reported (proto/health.h) */
};

struct ly_count_tick {
    int64_t t; /* start of a 15-minute interval, Unix ms */
    int64_t entries;
};

struct ly_counts {
    int64_t onsite_unique, inside_now, countries, generated_ms;
    char event_name[LY_EVENT_NAME_MAX + 1];
    /* generated_ms in the event's time zone (ly_counts_local_time): its local day, "" when not
     * set, and the zone's offset from UTC then, in minutes east */
    char today[11];
    int64_t utc_offset_min;
    struct ly_count_day *days;
    size_t ndays;
    struct ly_count_place *places;
    size_t nplaces;
    struct ly_count_session *sessions;
    size_t nsessions;
    struct ly_count_group *by_country, *by_region, *by_stakeholder, *by_session_type;
    size_t nby_country, nby_region, nby_stakeholder, nby_session_type;
    struct ly_count_kiosk *kiosks;
    size_t nkiosks;
    struct ly_count_tick *timeline;
    size_t ntimeline;
};

#define LY_COUNTS_TICK_MS (15 * 60 * 1000) /* timeline interval */

void ly_counts_free(struct ly_counts *c);

/* The parts of the counts as field tables (common/fields.h), in the order the JSON lists their
 * members: ly_counts_json writes with them, ly_counts_parse reads back with them and the
 * builder (counts_build.h) fills them from query rows that select the same members in the same
 * order. */

/* struct ly_counts: the members before the lists (onsite_unique, inside_now, countries) and
 * after them (generated_ms, event, today, utc_offset_min) */
extern const struct ly_field ly_counts_head_fields[];
extern const struct ly_field ly_counts_tail_fields[];
/* day, onsite_unique (struct ly_count_day) */
extern const struct ly_field ly_counts_day_fields[];
/* place, name, capacity, inside, attendance, location, as_of (struct ly_count_place) */
extern const struct ly_field ly_counts_place_fields[];
/* session, title, type, room, starts, capacity, inside, attendance, ends, restricted, overflow,
 * overflow_location, online_url, as_of (struct ly_count_session) */
extern const struct ly_field ly_counts_session_fields[];
/* struct ly_count_group as a line of by_country (country, n), by_region (region, n),
 * by_stakeholder (stakeholder, n) and by_session_type (type, sessions, attendance) */
extern const struct ly_field ly_counts_country_fields[];
extern const struct ly_field ly_counts_region_fields[];
extern const struct ly_field ly_counts_stakeholder_fields[];
extern const struct ly_field ly_counts_session_type_fields[];
/* struct ly_count_kiosk: the members before its denials (name, gate, scans, granted) and after
 * them (last_contact_ms, queue, revoked, health_ms), then its health as an object */
extern const struct ly_field ly_counts_kiosk_head_fields[];
extern const struct ly_field ly_counts_kiosk_tail_fields[];
/* t, entries (struct ly_count_tick) */
extern const struct ly_field ly_counts_tick_fields[];

/* Reads the JSON of /api/v1/counts (n bytes) into *out (free with ly_counts_free); members it
 * does not know are ignored, text too long for a field is cut. Returns false with err when the
 * text is not such an object (counts_read.c). */
__attribute__((warn_unused_result)) bool
ly_counts_parse(const char *text, size_t n, struct ly_counts **out, char *err, size_t errsz);

/* Sets c->today and c->utc_offset_min from c->generated_ms in the process's time zone, which
 * the hub and `lanyard counts --db` set to the event's. */
void ly_counts_local_time(struct ly_counts *c);

/* Writes c as the JSON object of /api/v1/counts (one line, no newline). */
void ly_counts_json(FILE *f, const struct ly_counts *c);

/* Writes c for a person at a terminal (`lanyard counts`). */
void ly_counts_text(FILE *f, const struct ly_counts *c);

/* Writes one CSV field, quoted when it needs to be (RFC 4180). */
void ly_counts_csv_field(FILE *f, const char *s);

/* Writes the event statistics report: Markdown ("N onsite participants from M countries", by
 * stakeholder group, region, country and session type) or, when csv, one CSV table of
 * section,key,value rows. */
void ly_counts_report(FILE *f, const struct ly_counts *c, bool csv);

#endif
