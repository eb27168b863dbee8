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
 * reason exactly. ly_gate_reasons (gate_reasons.h) lists every template.
 *
 * The decision's types are in decision.h, the event's local time in gate_time.h. */
#ifndef LY_GATE_H
#define LY_GATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event/records.h"
#include "gate/decision.h"
#include "gate/fullness.h"
#include "gate/gate_time.h"
#include "kioskdb/kioskdb.h"

struct ly_gate;

/* Parses spec ("entrance", "exit", "desk", "pickup", "session:EXT_ID", "room:ID" or "room:NAME",
 * and "exit:session:EXT_ID" or "exit:room:ID" for the way out of a session or room), resolves its
 * session or room in db, loads the event and public keys, and sets the process time zone (TZ) to
 * the event's: one gate per process. Returns false with a message in err: an unknown gate, a
 * database without an event (no snapshot loaded), an unknown time zone. db stays the caller's and
 * must outlive the gate. */
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

/* Fills *out with how full the gate's place is at wall time wall_ms (Unix ms): at a session's
 * door its session, at a room's door the session on now or about to start (as a decision would
 * choose it) or a lounge itself, counted as the capacity rule counts (ly_kioskdb_capacity_count);
 * with the session's overflow room (name and location) and online link. Level LY_FULLNESS_NONE
 * at other gates, exits, and a room with no session on. Returns false only on a database error
 * (err). */
__attribute__((warn_unused_result)) bool ly_gate_fullness(struct ly_gate *g, int64_t wall_ms,
                                                          struct ly_fullness *out, char *err,
                                                          size_t errsz);

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
 * the place already (overridden in before, or refused as already_entered) is already inside,
 * not counted twice. A decision
 * that was not a denial is journaled as it is.
 * Returns false with a message in err, and journals nothing, for a missing or bad reason or an
 * attendee this kiosk does not hold; and when the decision could not be made durable (then
 * nothing may be reported, as with ly_gate_decide). */
__attribute__((warn_unused_result)) bool
ly_gate_manual(struct ly_gate *g, uint32_t attendee_id, const char *staff_reason, bool override,
               struct ly_gate_time t, struct ly_decision *out, char *err, size_t errsz);

/* Reprints attendee_id's badge (staff mode, a lost badge): the badge version goes up by one,
 * signed with the kiosk's own key; the old badge is refused here at once and at every kiosk after
 * one sync. Journals "reprinted" (staff and why in the note, "STAFF: WHY"), the new version and
 * the print job of the new badge in one transaction; fills out (kind LY_DECISION_PICKED_UP,
 * checkin, print_job, the attendee with the new version). staff: 1 to LY_LABEL_MAX bytes; why:
 * 1 to LY_STAFF_REASON_MAX. Returns false with err, journaling nothing, for bad text, an
 * unknown or revoked attendee, a kiosk without a certified key, or a database error. */
__attribute__((warn_unused_result)) bool
ly_gate_reprint(struct ly_gate *g, uint32_t attendee_id, const char *staff, const char *why,
                struct ly_gate_time t, struct ly_decision *out, char *err, size_t errsz);

/* Registers a walk-in (staff mode at a badge desk): a new attendee with the next id of this
 * kiosk's range, badge version 1 signed with the kiosk's key; journals "registered" with the
 * registration (it reaches the hub with the next sync) and the print job, in one transaction.
 * The country may be a code or a name, the stakeholder group and category their ids or labels;
 * they are stored as codes and ids. Fills out as ly_gate_reprint does. Returns false with err,
 * journaling nothing, for a bad field, a kiosk without a certified key or ids, a database
 * error. */
__attribute__((warn_unused_result)) bool
ly_gate_walkin(struct ly_gate *g, const struct ly_walkin *w, const char *staff,
               struct ly_gate_time t, struct ly_decision *out, char *err, size_t errsz);

#endif
