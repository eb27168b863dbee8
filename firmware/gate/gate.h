/* gate.h - the kiosk's decision: a code read at a gate (a badge payload, another system's
 * ticket code or a typed code) is identified, run through the gate's rules and journaled, and
 * only then reported. Rules are data: the event's days, the venue's opening hours and the
 * notices come from the kiosk database (synced from the hub); the gate and its policy (re-entry,
 * doors-open lead, capacity, hold-off) come from the kiosk's configuration. docs/gates.md
 * explains them for an organizer.
 *
 * The order of the checks, each ending in a denial with a reason a person understands:
 *   1. the code: structure, signing key, signature, event, validity window (badge.h), or a
 *      ticket code known to the database;
 *   2. the registration: revoked, superseded by a reissued badge, registered to attend online;
 *   3. the gate: event days and opening hours (entrance), the session's time window, session
 *      access by registration category, room capacity against occupancy, re-entry policy.
 * Exits (of the venue, a session or a room) are granted to any genuine badge of the event and
 * lower the occupancy; a badge desk only identifies.
 *
 * Staff check people in by hand too (ly_gate_manual): the same registration and gate rules
 * for a person found by name instead of a code, journaled with the staff's reason, and with an
 * override that turns a denial into a grant.
 *
 * Every denial carries its sentence in English (reason) and, for the screen's translations,
 * the same sentence as a template with {1}, {2}, {3} for its variable parts (reason_template,
 * the msgid) and those parts (reason_args): substituting the args into the template gives
 * reason exactly. ly_gate_reasons lists every template. */
#ifndef LY_GATE_H
#define LY_GATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kioskdb/kioskdb.h"

#define LY_GATE_NOTICES_MAX 4 /* notices reported with one grant */
#define LY_HOLDOFF_SLOTS    8 /* codes remembered for the hold-off */
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
};

enum ly_reentry {
    LY_REENTRY_ALLOWED,      /* in and out at will */
    LY_REENTRY_ONCE_PER_DAY, /* one entry per day (per session at a session door) */
    LY_REENTRY_NEVER,        /* one entry for the whole event (per session) */
};

/* The kiosk-side half of the rules (the configuration file holds these). */
struct ly_gate_policy {
    enum ly_reentry reentry;
    int doors_open_min;    /* a session's doors open this many minutes before its start */
    int late_entry_min;    /* entry closes this many minutes after the start; -1: at the end */
    bool enforce_capacity; /* deny when the session or room is full */
    int holdoff_ms;        /* the same code again within this time is not decided again */
};

extern const struct ly_gate_policy ly_gate_policy_defaults;

enum ly_decision_kind {
    LY_DECISION_GRANTED,
    LY_DECISION_ALREADY_INSIDE, /* genuine and admitted, but recorded inside already */
    LY_DECISION_DENIED,
};

/* When a decision is made: wall clock (Unix ms; the rules read it in the event's time zone)
 * and monotonic ms (the hold-off). */
struct ly_gate_time {
    int64_t wall_ms;
    int64_t mono_ms;
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
    char code_kind[16]; /* "badge", "ticket_code", "manual", "unreadable" */
    bool identified;    /* attendee_id is known (a genuine badge or ticket code) */
    bool registered;    /* attendee holds the registration (false: not synced yet) */
    struct ly_kiosk_attendee attendee;
    char session[LY_EXT_ID_MAX + 1]; /* the session decided for ("" at the venue) */
    char notices[LY_GATE_NOTICES_MAX][LY_NOTICE_MAX + 1];
    size_t nnotices;
    struct ly_checkin checkin; /* the journal row as stored */
    double ms_verify;          /* parsing and signature */
    double ms_rules;           /* lookups and rules */
    double ms_journal;         /* the durable write */
};

struct ly_gate;

/* Parses spec ("entrance", "exit", "desk", "session:EXT_ID", "room:ID" or "room:NAME", and
 * "exit:session:EXT_ID" or "exit:room:ID" for the way out of a session or room),
 * resolves its session or room in db, loads the event and public keys, and sets the process
 * time zone (TZ) to the event's: one gate per process. Returns false with a message in err: an
 * unknown gate, a database without an event (no snapshot loaded), an unknown time zone. db
 * stays the caller's and must outlive the gate. */
__attribute__((warn_unused_result)) bool ly_gate_open(struct ly_kioskdb *db, const char *spec,
                                                      const struct ly_gate_policy *policy,
                                                      struct ly_gate **out, char *err,
                                                      size_t errsz);
void ly_gate_close(struct ly_gate *g);

/* Reloads the event, keys, session and room from the database (after a sync). */
__attribute__((warn_unused_result)) bool ly_gate_reload(struct ly_gate *g, char *err, size_t errsz);

/* The gate's spec, and the place it moves people in or out of ("venue", "session:EXT_ID",
 * "room:ID"; "" for a desk). */
const char *ly_gate_spec(const struct ly_gate *g);
const char *ly_gate_place(const struct ly_gate *g);

/* Decides about a code (len bytes, any content) read at time t, journals the decision and
 * fills *out. Returns false with a message in err only when the decision could not be made
 * durable (a database error): then nothing may be reported. len 0 or over LY_BADGE_CODE_MAX
 * is denied as unreadable. */
__attribute__((warn_unused_result)) bool ly_gate_decide(struct ly_gate *g, const char *code,
                                                        size_t len, struct ly_gate_time t,
                                                        struct ly_decision *out, char *err,
                                                        size_t errsz);

/* Checks attendee_id in by hand at time t: a staff member found the person (by name, say) and
 * vouches for who they are. The same registration and gate rules as a badge of that attendee
 * (revoked, registered online, days and hours, the session's window, category, capacity,
 * re-entry) decide; there is no hold-off. The decision is journaled with code_kind "manual"
 * and staff_reason in the check-in's staff_note (and in out->checkin.staff_note).
 * staff_reason is required: 1 to LY_STAFF_REASON_MAX bytes of UTF-8 without control
 * characters, not only blanks.
 * With override, a denial becomes a grant (moving the person into the place like any grant)
 * with reason_code "staff_override" and the sentence "Admitted by staff."; the denial it
 * overrode is kept in the note: "REASON [overrode CODE: SENTENCE]"; someone recorded inside
 * the place already (overridden in before) is already inside, not counted twice. A decision
 * that was not a denial is journaled as it is.
 * Returns false with a message in err, and journals nothing, for a missing or bad reason or an
 * attendee this kiosk does not hold; and when the decision could not be made durable (then
 * nothing may be reported, as with ly_gate_decide). */
__attribute__((warn_unused_result)) bool
ly_gate_manual(struct ly_gate *g, uint32_t attendee_id, const char *staff_reason, bool override,
               struct ly_gate_time t, struct ly_decision *out, char *err, size_t errsz);

/* A denial's stable code and its English sentence template. */
struct ly_reason_template {
    const char *code;     /* "not_open_yet" */
    const char *template; /* "The venue opens at {1}." */
};

/* Returns every reason a decision can carry (static; *n is the count), for a translation
 * catalogue: each template is the msgid of a sentence. */
const struct ly_reason_template *ly_gate_reasons(size_t *n);

/* Writes template with {1}, {2}, {3} replaced by args[0..nargs) ("" past nargs) into out
 * (outsz bytes), cut on a character boundary if need be; returns the length. The screen uses it
 * with a translated template, whose parts may come in another order. */
size_t ly_gate_reason_format(const char *template, const char args[][LY_REASON_ARG_MAX + 1],
                             size_t nargs, char *out, size_t outsz);

/* The stable name of a decision kind: "granted", "already_inside", "denied". */
const char *ly_decision_name(enum ly_decision_kind k);

/* Reads a re-entry policy name ("allowed", "once_per_day", "never"). */
bool ly_reentry_parse(const char *s, enum ly_reentry *out);
const char *ly_reentry_name(enum ly_reentry r);

/* Unix ms of an event local time "YYYY-MM-DDTHH:MM" (or a date, at midnight) in the time zone
 * ly_gate_open set; -1 when unreadable. */
int64_t ly_gate_local_ms(const char *local);

/* Sets the process time zone (TZ) to tz, an IANA name, for every local time above: the gate does
 * it at open; the hub and the organizer's counts do it with the event's zone before they start
 * threads (setenv is not thread-safe). Refuses a name this system does not know. */
__attribute__((warn_unused_result)) bool ly_gate_set_timezone(const char *tz, char *err,
                                                              size_t errsz);

/* The current time for ly_gate_decide. */
struct ly_gate_time ly_gate_now(void);

#endif
