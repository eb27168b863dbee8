/* decision.h - what a gate decides with and what it decides: the gate kinds, the kiosk's policy
 * (re-entry, doors-open lead, capacity, hold-off) and a decision as the gate reports it (kind,
 * reason and its translatable parts, the attendee, notices, the journal row, stage times). The
 * gate (gate.h) fills decisions; the kiosk loop and the screen read them. */
#ifndef LY_DECISION_H
#define LY_DECISION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event/records.h"

#define LY_GATE_NOTICES_MAX 4 /* notices reported with one grant */
#define LY_REASON_ARGS_MAX  3 /* variable parts of a denial sentence: {1}, {2}, {3} */
#define LY_REASON_ARG_MAX                                                                          \
    100 /* bytes of one part (titles are cut to 80, on a character boundary), so that the          \
           sentence always fits LY_REASON_MAX */

enum ly_gate_kind {
    LY_GATE_ENTRANCE, /* "entrance": into the venue */
    LY_GATE_EXIT,     /* "exit": out of the venue */
    LY_GATE_DESK,     /* "desk": a badge desk; identifies, moves nobody */
    LY_GATE_SESSION,  /* "session:EXT_ID": the door of one session */
    LY_GATE_ROOM,     /* "room:ID" or "room:NAME": a room's door, for whatever session is on */
    LY_GATE_PICKUP,   /* "pickup": a badge pickup point: checks the registration, prints the
                         badge; entry rules do not apply and nobody moves */
};

enum ly_reentry {
    LY_REENTRY_ALLOWED,      /* in and out at will */
    LY_REENTRY_ONCE_PER_DAY, /* one entry per day (per session at a session door) */
    LY_REENTRY_NEVER,        /* one entry for the whole event (per session) */
};

/* Under once_per_day and never, a person recorded inside who shows the badge again is refused
 * (already_entered): the badge may have been passed back to someone else. Except at the kiosk
 * that recorded the entry, within this time of it: the same person held the badge up twice, and
 * is told already inside. A peer's entry is never this kiosk's (docs/gates.md, "Re-entry"). */
#define LY_GATE_REPEAT_MS 60000

/* The kiosk-side half of the rules (the configuration file holds these). */
struct ly_gate_policy {
    enum ly_reentry reentry;
    int doors_open_min;    /* a session's doors open this many minutes before its start */
    int late_entry_min;    /* entry closes this many minutes after the start; -1: at the end */
    bool enforce_capacity; /* deny when the session or room is full */
    int holdoff_ms;        /* the same code again within this time is not decided again */
};

/* The policy of a kiosk whose configuration sets none (re-entry allowed, doors open 30 minutes
 * before a session, entry until its end, capacity enforced, 3 s hold-off). */
extern const struct ly_gate_policy ly_gate_policy_defaults;

enum ly_decision_kind {
    LY_DECISION_GRANTED,
    LY_DECISION_ALREADY_INSIDE, /* genuine and admitted, but recorded inside already */
    LY_DECISION_DENIED,
    LY_DECISION_PICKED_UP, /* a pickup point handed out (printed) the badge: arrival, no entry */
};

struct ly_decision {
    bool held_off; /* the same code within the hold-off: nothing decided, nothing journaled */
    enum ly_decision_kind kind;
    char reason_code[32];           /* "" when granted; else e.g. "revoked", "full"; a staff
                                       override's grant: "staff_override" */
    char reason[LY_REASON_MAX + 1]; /* the sentence shown, English */
    const char *reason_template;    /* static: reason with {1}.. for its parts; NULL when "" */
    char reason_args[LY_REASON_ARGS_MAX][LY_REASON_ARG_MAX + 1]; /* the parts, in order */
    size_t nreason_args;
    char code_kind[16];  /* "badge", "ticket_code", "manual", "unreadable" */
    bool identified;     /* attendee_id is known (a genuine badge or ticket code) */
    bool registered;     /* attendee holds the registration (false: not synced yet) */
    bool details_opened; /* the scanned code opened the attendee's sealed details */
    struct ly_kiosk_attendee attendee;
    char session[LY_EXT_ID_MAX + 1]; /* the session decided for ("" at the venue) */
    char notices[LY_GATE_NOTICES_MAX][LY_NOTICE_MAX + 1];
    size_t nnotices;
    struct ly_checkin checkin; /* the journal row as stored */
    int64_t print_job;         /* the print job journaled with it (kioskdb_print.h); 0: none */
    double ms_verify;          /* parsing and signature */
    double ms_rules;           /* lookups and rules */
    double ms_journal;         /* the durable write */
};

/* Returns the stable name of a decision kind (static): "granted", "already_inside", "denied",
 * "picked_up". */
const char *ly_decision_name(enum ly_decision_kind k);

/* Reads a re-entry policy name ("allowed", "once_per_day", "never") into *out; false when s is
 * none of them. ly_reentry_name returns the name of r (static; "?" when out of range). */
bool ly_reentry_parse(const char *s, enum ly_reentry *out);
const char *ly_reentry_name(enum ly_reentry r);

#endif
