/* gate.c - a gate's decision: identify the code, apply the rules, journal, report. See gate.h
 * and docs/gates.md. */
#include "gate/gate.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "badge/badge.h"
#include "capture/frame.h"
#include "common/fail.h"
#include "common/utf8.h"
#include "gate/gate_badge.h"
#include "gate/gate_int.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_print.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_sealed.h"
#include "kioskdb/kioskdb_sync.h"

/* CLOCK_MONOTONIC in ms, for the stage times. */
static double ms_now(void)
{
    return (double)ly_frame_now_ns() / 1e6;
}

const char *ly_gate_spec(const struct ly_gate *g)
{
    return g->spec;
}

const char *ly_gate_place(const struct ly_gate *g)
{
    return g->place;
}

/* ---- Opening and reloading. */

static bool parse_spec(struct ly_gate *g, const char *spec, char *err, size_t errsz)
{
    static const struct {
        const char *name;
        enum ly_gate_kind kind;
        bool target;
    } kinds[] = {
        {"entrance", LY_GATE_ENTRANCE, false}, {"exit", LY_GATE_EXIT, false},
        {"desk", LY_GATE_DESK, false},         {"session:", LY_GATE_SESSION, true},
        {"room:", LY_GATE_ROOM, true},         {"pickup", LY_GATE_PICKUP, false},
    };
    const char *inner = spec;
    if (strlen(spec) > LY_GATE_MAX)
        return ly_fail(err, errsz, "gate is longer than %d bytes", LY_GATE_MAX);
    if (strncmp(spec, "exit:", 5) == 0) {
        g->exit = true;
        inner = spec + 5;
    }
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        size_t n = strlen(kinds[i].name);
        if (g->exit && !kinds[i].target)
            continue;
        if (kinds[i].target ? strncmp(inner, kinds[i].name, n) == 0 && inner[n] != '\0'
                            : strcmp(inner, kinds[i].name) == 0) {
            g->kind = kinds[i].kind;
            snprintf(g->spec, sizeof g->spec, "%s", spec);
            snprintf(g->target, sizeof g->target, "%s", kinds[i].target ? inner + n : "");
            return true;
        }
    }
    return ly_fail(err, errsz,
                   "unknown gate \"%.80s\": use entrance, exit, desk, pickup, session:ID, "
                   "room:ID, exit:session:ID or exit:room:ID",
                   spec);
}

/* The kiosk trusts its own certified key (the badges it reprints and issues) before the hub
 * has sent it back in the key changes. */
static bool own_key(struct ly_gate *g, char *err, size_t errsz)
{
    struct ly_kiosk_key k;
    bool found = false;
    if (!ly_kioskdb_key(g->db, &k, &found, err, errsz))
        return false;
    bool have = !found || !k.certified;
    for (size_t i = 0; !have && i < g->nkeys; i++)
        have = g->keys[i].key_id == k.key_id;
    if (!have && g->nkeys < LY_EVENT_KEYS_MAX + LY_KIOSK_KEYS_MAX) {
        g->keys[g->nkeys].key_id = k.key_id;
        crypto_sign_ed25519_sk_to_pk(g->keys[g->nkeys++].pk, k.sk);
    }
    sodium_memzero(&k, sizeof k);
    return true;
}

bool ly_gate_reload(struct ly_gate *g, char *err, size_t errsz)
{
    bool found = false;
    if (!ly_kioskdb_event(g->db, &g->event, &found, err, errsz))
        return false;
    if (!found)
        return ly_fail(
            err, errsz,
            "the kiosk database holds no event: load a snapshot (lanyard kiosk-snapshot) "
            "or sync it first");
    if (!ly_gate_set_timezone(g->event.timezone, err, errsz) ||
        !ly_kioskdb_public_keys(g->db, g->keys, LY_EVENT_KEYS_MAX + LY_KIOSK_KEYS_MAX, &g->nkeys,
                                err, errsz) ||
        !own_key(g, err, errsz))
        return false;
    switch (g->kind) {
    case LY_GATE_ENTRANCE:
    case LY_GATE_EXIT:
        snprintf(g->place, sizeof g->place, "venue");
        return true;
    case LY_GATE_DESK:
    case LY_GATE_PICKUP:
        g->place[0] = '\0';
        return true;
    case LY_GATE_SESSION:
        if (!ly_kioskdb_session(g->db, 0, g->target, &g->session, &found, err, errsz))
            return false;
        if (!found)
            return ly_fail(err, errsz, "no session \"%.80s\" in the kiosk database", g->target);
        if (!ly_kioskdb_room(g->db, g->session.room_id, &g->room, &found, err, errsz))
            return false;
        snprintf(g->place, sizeof g->place, "session:%s", g->session.ext_id);
        return true;
    case LY_GATE_ROOM: {
        char *end;
        long long id = strtoll(g->target, &end, 10);
        found = false;
        if (*end == '\0' && id > 0 &&
            !ly_kioskdb_room(g->db, (int64_t)id, &g->room, &found, err, errsz))
            return false;
        if (!found && !ly_kioskdb_room_by_name(g->db, g->target, &g->room, &found, err, errsz))
            return false;
        if (!found)
            return ly_fail(err, errsz, "no room \"%.80s\" in the kiosk database", g->target);
        snprintf(g->place, sizeof g->place, "room:%lld", (long long)g->room.id);
        return ly_kioskdb_room_has_sessions(g->db, g->room.id, &g->room_has_sessions, err, errsz);
    }
    }
    return ly_fail(err, errsz, "unknown gate kind");
}

bool ly_gate_open(struct ly_kioskdb *db, const char *spec, const struct ly_gate_policy *policy,
                  struct ly_gate **out, char *err, size_t errsz)
{
    struct ly_gate *g;
    if (sodium_init() < 0)
        return ly_fail(err, errsz, "libsodium failed to initialize");
    g = calloc(1, sizeof *g);
    if (!g)
        return ly_fail(err, errsz, "out of memory");
    g->db = db;
    g->policy = policy ? *policy : ly_gate_policy_defaults;
    if (g->policy.doors_open_min < 0 || g->policy.doors_open_min > 24 * 60 ||
        g->policy.late_entry_min < -1 || g->policy.late_entry_min > 24 * 60 ||
        g->policy.holdoff_ms < 0 || g->policy.holdoff_ms > 600000) {
        free(g);
        return ly_fail(err, errsz, "gate policy out of range");
    }
    if (!parse_spec(g, spec, err, errsz) || !ly_gate_reload(g, err, errsz)) {
        free(g);
        return false;
    }
    *out = g;
    return true;
}

void ly_gate_close(struct ly_gate *g)
{
    free(g);
}

/* ---- The decision. */

/* Opens the attendee's sealed details with the key the scanned code gave, for this decision
 * only: the row in the database stays sealed. A badge of another version, or one a kiosk signed
 * (its signature is not the one the hub sealed for), opens nothing: the decision goes on
 * without the details. */
static void open_details(struct ly_decision *d, uint8_t key[LY_SEALED_KEY_BYTES])
{
    d->details_opened = ly_sealed_open(&d->attendee, key);
    sodium_memzero(key, LY_SEALED_KEY_BYTES);
}

/* Identifies the code: a badge (signature first, before any database work) or another
 * system's ticket code. Returns false on a denial; sets *dberr on a database error. */
static bool identify(struct ly_gate_ctx *c, const char *code, size_t len, bool *dberr, char *err,
                     size_t errsz)
{
    struct ly_gate *g = c->g;
    struct ly_decision *d = c->d;
    double t0 = ms_now();
    bool badge_like = len >= 4 && code[0] == 'L' && code[1] == 'Y' && code[2] >= '0' &&
                      code[2] <= '9' && code[3] == ':';
    bool printable = len > 0 && len <= LY_ALT_CODE_MAX;
    for (size_t i = 0; printable && i < len; i++)
        printable = code[i] > ' ' && code[i] < 0x7f;

    if (badge_like) {
        struct ly_badge b;
        snprintf(d->code_kind, sizeof d->code_kind, "badge");
        snprintf(c->shown, sizeof c->shown, "%.*s", (int)len, code);
        enum ly_badge_status st =
            ly_badge_verify(code, len, g->keys, g->nkeys, g->event.id, c->wall_ms / 1000, &b);
        d->ms_verify = ms_now() - t0;
        if (st != LY_BADGE_OK)
            return ly_gate_deny(c, ly_badge_status_name(st), NULL, NULL, NULL);
        d->identified = true;
        if (!ly_kioskdb_attendee(g->db, b.attendee_id, &d->attendee, &d->registered, err, errsz)) {
            *dberr = true;
            return false;
        }
        d->attendee.id = b.attendee_id;
        c->badge = b;
        if (d->registered && d->attendee.sealed[0] != '\0') {
            uint8_t key[LY_SEALED_KEY_BYTES];
            ly_sealed_key_badge(b.sig, key);
            open_details(d, key);
        }
        /* Of two badges of the current version (two kiosks reprinted it offline), only the
         * one signed by the winning key is valid (docs/badge-format.md, "Reprints"). */
        if (d->registered && (b.badge_version < d->attendee.badge_version ||
                              (b.badge_version == d->attendee.badge_version &&
                               d->attendee.badge_key != 0 && b.key_id != d->attendee.badge_key)))
            return ly_gate_deny(c, "superseded", NULL, NULL, NULL);
        return true;
    }
    if (!printable) {
        snprintf(d->code_kind, sizeof d->code_kind, "unreadable");
        return ly_gate_deny(c, "malformed", NULL, NULL, NULL);
    }
    char text[LY_ALT_CODE_MAX + 1];
    uint32_t id = 0;
    memcpy(text, code, len);
    text[len] = '\0';
    snprintf(d->code_kind, sizeof d->code_kind, "ticket_code");
    snprintf(c->shown, sizeof c->shown, "%s", text);
    if (!ly_kioskdb_find_alt_code(g->db, text, &id, err, errsz)) {
        *dberr = true;
        return false;
    }
    d->ms_verify = ms_now() - t0;
    if (id == 0)
        return ly_gate_deny(c, "unknown_code", NULL, NULL, NULL);
    d->identified = true;
    if (!ly_kioskdb_attendee(g->db, id, &d->attendee, &d->registered, err, errsz)) {
        *dberr = true;
        return false;
    }
    d->attendee.id = id;
    if (d->registered && d->attendee.sealed[0] != '\0') {
        uint8_t key[LY_SEALED_KEY_BYTES];
        ly_sealed_key_code(text, key);
        open_details(d, key);
    }
    return true;
}

/* The hold-off: true when the same code was seen within holdoff_ms (a badge held in view stays
 * held off until it has been out of view that long). */
static bool held_off(struct ly_gate *g, const char *code, size_t len, int64_t mono_ms)
{
    uint8_t h[16];
    struct ly_gate_hold *oldest = &g->hold[0];
    crypto_generichash(h, sizeof h, (const unsigned char *)code, len, NULL, 0);
    for (int i = 0; i < LY_HOLDOFF_SLOTS; i++) {
        struct ly_gate_hold *s = &g->hold[i];
        if (s->mono_ms != 0 && memcmp(s->hash, h, sizeof h) == 0) {
            bool held = mono_ms - s->mono_ms < g->policy.holdoff_ms;
            s->mono_ms = mono_ms;
            return held;
        }
        if (s->mono_ms < oldest->mono_ms)
            oldest = s;
    }
    memcpy(oldest->hash, h, sizeof h);
    oldest->mono_ms = mono_ms > 0 ? mono_ms : 1;
    return false;
}

static void holdoff_forget(struct ly_gate *g, const char *code, size_t len)
{
    uint8_t h[16];
    crypto_generichash(h, sizeof h, (const unsigned char *)code, len, NULL, 0);
    for (int i = 0; i < LY_HOLDOFF_SLOTS; i++) {
        if (memcmp(g->hold[i].hash, h, sizeof h) == 0)
            g->hold[i].mono_ms = 0;
    }
}

/* Journals the decision in c (with the staff's note, "" for none) and fills out->checkin.
 * Returns false with err when it could not be made durable. */
static bool record(struct ly_gate_ctx *c, struct ly_gate_time t, const char *note, char *err,
                   size_t errsz)
{
    struct ly_decision *out = c->d;
    struct ly_checkin in = {.wall_ms = t.wall_ms, .mono_ms = t.mono_ms};
    if (c->session)
        snprintf(out->session, sizeof out->session, "%s", c->session->ext_id);
    snprintf(in.gate, sizeof in.gate, "%s", c->g->spec);
    in.attendee_id = out->identified ? out->attendee.id : 0;
    snprintf(in.code_kind, sizeof in.code_kind, "%s", out->code_kind);
    snprintf(in.decision, sizeof in.decision, "%s", ly_decision_name(out->kind));
    snprintf(in.reason, sizeof in.reason, "%s", out->reason);
    snprintf(in.reason_code, sizeof in.reason_code, "%s", out->reason_code);
    snprintf(in.place, sizeof in.place, "%s", c->place);
    snprintf(in.staff_note, sizeof in.staff_note, "%s", note);
    in.direction = out->kind == LY_DECISION_GRANTED ? c->direction : 0;
    if (in.direction == 1)
        snprintf(in.policy, sizeof in.policy, "%s", ly_reentry_name(c->g->policy.reentry));
    double t0 = ms_now();
    bool slip =
        out->kind == LY_DECISION_GRANTED && in.direction == 1 && c->session && c->session->slips;
    if (out->kind == LY_DECISION_PICKED_UP || slip) {
        /* The pickup (or the session's access slip) and its print job are durable together
         * (gate_print.c). */
        if (!ly_gate_record_print(c, &in, err, errsz))
            return false;
    } else if (!ly_kioskdb_journal(c->g->db, &in, &out->checkin, err, errsz)) {
        return false;
    }
    out->ms_journal = ms_now() - t0;
    return true;
}

/* Starts a decision at time t: out emptied, granted until a rule denies. */
static void begin(struct ly_gate_ctx *c, struct ly_gate *g, struct ly_decision *out,
                  struct ly_gate_time t)
{
    memset(c, 0, sizeof *c);
    memset(out, 0, sizeof *out);
    c->g = g;
    c->d = out;
    c->wall_ms = t.wall_ms;
    ly_gate_local_parts(t.wall_ms, c->day, c->hm, c->dt);
    snprintf(c->place, sizeof c->place, "%s", g->place);
    out->kind = LY_DECISION_GRANTED;
}

bool ly_gate_decide(struct ly_gate *g, const char *code, size_t len, struct ly_gate_time t,
                    struct ly_decision *out, char *err, size_t errsz)
{
    struct ly_gate_ctx c;
    bool dberr = false;
    begin(&c, g, out, t);
    if (len > 0 && len <= LY_BADGE_CODE_MAX && held_off(g, code, len, t.mono_ms)) {
        memset(out, 0, sizeof *out);
        out->held_off = true;
        return true;
    }
    if (len == 0 || len > LY_BADGE_CODE_MAX) {
        snprintf(out->code_kind, sizeof out->code_kind, "unreadable");
        ly_gate_deny(&c, "malformed", NULL, NULL, NULL);
    } else if (identify(&c, code, len, &dberr, err, errsz)) {
        double t0 = ms_now();
        dberr = !ly_gate_judge(&c, err, errsz);
        out->ms_rules = ms_now() - t0;
    }
    if (dberr || !record(&c, t, "", err, errsz)) {
        /* Not decided (a lookup failed) or not durable: forget the hold-off so that the next
         * sighting is decided again, not dropped as the same code seen a moment ago. */
        holdoff_forget(g, code, len);
        return false;
    }
    return true;
}

/* The staff's reason for a manual check-in: 1 to LY_STAFF_REASON_MAX bytes of UTF-8, no
 * control characters, not only blanks. */
static bool reason_valid(const char *reason, char *err, size_t errsz)
{
    size_t n = reason ? strnlen(reason, LY_STAFF_REASON_MAX + 1) : 0;
    bool blank = true;
    if (n == 0 || n > LY_STAFF_REASON_MAX)
        return ly_fail(err, errsz, "a manual check-in needs the staff's reason (1 to %d bytes)",
                       LY_STAFF_REASON_MAX);
    if (!ly_utf8_valid(reason, n))
        return ly_fail(err, errsz, "the staff's reason is not valid UTF-8");
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)reason[i];
        if (ch < 0x20 || ch == 0x7F)
            return ly_fail(err, errsz, "the staff's reason holds a control character");
        blank = blank && ch == ' ';
    }
    return blank ? ly_fail(err, errsz, "a manual check-in needs the staff's reason") : true;
}

bool ly_gate_manual(struct ly_gate *g, uint32_t attendee_id, const char *staff_reason,
                    bool override, struct ly_gate_time t, struct ly_decision *out, char *err,
                    size_t errsz)
{
    struct ly_gate_ctx c;
    char note[LY_STAFF_NOTE_MAX + 1];
    bool found = false;
    begin(&c, g, out, t);
    if (!reason_valid(staff_reason, err, errsz))
        return false;
    snprintf(note, sizeof note, "%s", staff_reason);
    if (!ly_kioskdb_attendee(g->db, attendee_id, &out->attendee, &found, err, errsz))
        return false;
    if (!found)
        return ly_fail(err, errsz, "attendee %u is not in this kiosk's database", attendee_id);
    snprintf(out->code_kind, sizeof out->code_kind, "manual");
    out->identified = out->registered = true;
    double t0 = ms_now();
    if (!ly_gate_judge(&c, err, errsz))
        return false;
    if (override && out->kind == LY_DECISION_DENIED &&
        !ly_gate_override(&c, staff_reason, note, sizeof note, err, errsz))
        return false;
    out->ms_rules = ms_now() - t0;
    return record(&c, t, note, err, errsz);
}

bool ly_gate_fullness(struct ly_gate *g, int64_t wall_ms, struct ly_fullness *out, char *err,
                      size_t errsz)
{
    struct ly_decision d;
    struct ly_gate_ctx c = {.g = g, .d = &d, .wall_ms = wall_ms};
    bool found = true;
    memset(out, 0, sizeof *out);
    if (g->exit || (g->kind != LY_GATE_SESSION && g->kind != LY_GATE_ROOM))
        return true;
    ly_gate_local_parts(wall_ms, c.day, c.hm, c.dt);
    if (g->kind == LY_GATE_SESSION) {
        c.session = &g->session;
        snprintf(c.place, sizeof c.place, "%s", g->place);
        c.capacity = g->session.capacity > 0 ? g->session.capacity : g->room.capacity;
        snprintf(c.capacity_name, sizeof c.capacity_name, "%s", g->session.title);
    } else if (!ly_gate_room_session(&c, &found, err, errsz)) {
        return false;
    }
    if (!found || c.capacity <= 0)
        return true;
    if (!ly_kioskdb_capacity_count(g->db, c.place, &out->inside, err, errsz))
        return false;
    out->capacity = c.capacity;
    out->level = ly_fullness_level_of(out->inside, out->capacity);
    snprintf(out->place, sizeof out->place, "%s", c.place);
    snprintf(out->title, sizeof out->title, "%s", c.capacity_name);
    if (!c.session)
        return true;
    snprintf(out->online_url, sizeof out->online_url, "%s", c.session->online_url);
    if (c.session->overflow_room_id > 0) {
        struct ly_kiosk_room r;
        if (!ly_kioskdb_room(g->db, c.session->overflow_room_id, &r, &found, err, errsz))
            return false;
        if (found) {
            snprintf(out->overflow, sizeof out->overflow, "%s", r.name);
            snprintf(out->overflow_location, sizeof out->overflow_location, "%s", r.location);
        }
    }
    return true;
}
