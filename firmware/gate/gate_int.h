/* gate_int.h - the gate's internals: the gate and a decision in progress, which gate.c (opening,
 * identifying a code, hold-off, journaling) hands to the rules of gate_rules.c, which implements
 * the functions below. Not for other modules. */
#ifndef LY_GATE_INT_H
#define LY_GATE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "badge/badge.h"
#include "event/records.h"
#include "gate/decision.h"

#define LY_HOLDOFF_SLOTS 8 /* codes remembered for the hold-off */

struct ly_kioskdb;

struct ly_gate_hold {
    uint8_t hash[16];
    int64_t mono_ms; /* last seen; 0: slot free */
};

struct ly_gate {
    struct ly_kioskdb *db;
    char spec[LY_GATE_MAX + 1];
    enum ly_gate_kind kind;
    bool exit;                    /* "exit:session:ID", "exit:room:ID": the way out of it */
    char target[LY_GATE_MAX + 1]; /* after "session:" or "room:" */
    struct ly_gate_policy policy;
    struct ly_event event;
    struct ly_badge_key keys[LY_EVENT_KEYS_MAX + LY_KIOSK_KEYS_MAX]; /* the event's, kiosks' */
    size_t nkeys;
    struct ly_kiosk_session session; /* LY_GATE_SESSION */
    struct ly_kiosk_room room;       /* LY_GATE_SESSION (its room) and LY_GATE_ROOM */
    bool room_has_sessions;          /* LY_GATE_ROOM: false for a lounge */
    char place[LY_GATE_MAX + 1];
    struct ly_gate_hold hold[LY_HOLDOFF_SLOTS];
};

/* What one decision works with: the gate, the time in local parts, the person. */
struct ly_gate_ctx {
    struct ly_gate *g;
    struct ly_decision *d;
    int64_t wall_ms;
    char day[11]; /* YYYY-MM-DD, event local time */
    char hm[6];   /* HH:MM */
    char dt[17];  /* YYYY-MM-DDTHH:MM */
    char place[LY_GATE_MAX + 1];
    int direction;
    const struct ly_kiosk_session *session; /* the session decided for, or NULL */
    struct ly_kiosk_session room_session;
    int capacity;          /* 0: none */
    struct ly_badge badge; /* the badge shown, when code_kind is "badge" and it verified */
    char shown[LY_BADGE_CODE_MAX + 1]; /* the code shown: a badge's or a ticket's ("" manual) */
    char capacity_name[LY_TITLE_MAX + 1];
};

/* Records a denial with reason code, its template and up to 3 parts (NULL for none), each cut
 * to LY_REASON_ARG_MAX bytes on a character boundary. Returns false, so that rule checks read
 * "if (!rule) return". */
bool ly_gate_deny(struct ly_gate_ctx *c, const char *code, const char *a1, const char *a2,
                  const char *a3);

/* The registration and gate rules for an identified person (c->d->attendee), then the notices
 * of a grant. Returns false only on a database error (err). */
bool ly_gate_judge(struct ly_gate_ctx *c, char *err, size_t errsz);

/* Turns the denial in c->d into a staff override's grant into the gate's place, with its
 * notices; the denial goes to note (notesz bytes) after the staff's reason. Returns false only
 * on a database error (err). */
bool ly_gate_override(struct ly_gate_ctx *c, const char *reason, char *note, size_t notesz,
                      char *err, size_t errsz);

/* Chooses the session at a room door (*found), the one on now or about to start, into c (place,
 * capacity, session); a lounge (a room without sessions) is the place itself. Returns false only
 * on a database error (in gate_rules.c). */
bool ly_gate_room_session(struct ly_gate_ctx *c, bool *found, char *err, size_t errsz);

/* The pickup rules (in gate_rules.c): the registration must be on this kiosk, onsite, not revoked
 * and its badge not handed out here before; then the decision is a pickup. Returns false only on
 * a database error (err). */
bool ly_gate_pickup(struct ly_gate_ctx *c, char *err, size_t errsz);

#endif
