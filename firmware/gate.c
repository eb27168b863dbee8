/* gate.c - a gate's decision: identify the code, apply the rules, journal, report. See gate.h
 * and docs/gates.md. */
#include "gate.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "badge.h"
#include "fail.h"
#include "frame.h"
#include "vocab.h"

const struct ly_gate_policy ly_gate_policy_defaults = {
    .reentry = LY_REENTRY_ALLOWED,
    .doors_open_min = 30,
    .late_entry_min = -1,
    .enforce_capacity = true,
    .holdoff_ms = 3000,
};

struct holdoff {
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
    struct ly_kiosk_event event;
    struct ly_badge_key keys[LY_KIOSKDB_KEYS_MAX];
    size_t nkeys;
    struct ly_kiosk_session session; /* LY_GATE_SESSION */
    struct ly_kiosk_room room;       /* LY_GATE_SESSION (its room) and LY_GATE_ROOM */
    bool room_has_sessions;          /* LY_GATE_ROOM: false for a lounge */
    char place[LY_GATE_MAX + 1];
    struct holdoff hold[LY_HOLDOFF_SLOTS];
};

/* What one decision works with: the gate, the time in local parts, the person. */
struct ctx {
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
    int capacity; /* 0: none */
    char capacity_name[LY_TITLE_MAX + 1];
};

/* CLOCK_MONOTONIC in ms, for the stage times. */
static double ms_now(void)
{
    return (double)ly_frame_now_ns() / 1e6;
}

struct ly_gate_time ly_gate_now(void)
{
    struct timespec w, m;
    clock_gettime(CLOCK_REALTIME, &w);
    clock_gettime(CLOCK_MONOTONIC, &m);
    return (struct ly_gate_time){(int64_t)w.tv_sec * 1000 + w.tv_nsec / 1000000,
                                 (int64_t)m.tv_sec * 1000 + m.tv_nsec / 1000000};
}

const char *ly_decision_name(enum ly_decision_kind k)
{
    switch (k) {
    case LY_DECISION_GRANTED:
        return "granted";
    case LY_DECISION_ALREADY_INSIDE:
        return "already_inside";
    case LY_DECISION_DENIED:
        break;
    }
    return "denied";
}

static const char *const reentry_names[] = {"allowed", "once_per_day", "never"};

bool ly_reentry_parse(const char *s, enum ly_reentry *out)
{
    for (int i = 0; i < 3; i++) {
        if (strcmp(s, reentry_names[i]) == 0) {
            *out = (enum ly_reentry)i;
            return true;
        }
    }
    return false;
}

const char *ly_reentry_name(enum ly_reentry r)
{
    return (unsigned)r < 3 ? reentry_names[r] : "?";
}

const char *ly_gate_spec(const struct ly_gate *g)
{
    return g->spec;
}

const char *ly_gate_place(const struct ly_gate *g)
{
    return g->place;
}

/* ---- Time: the rules read the wall clock in the event's time zone (TZ, set at open). */

static void local_parts(int64_t wall_ms, char day[11], char hm[6], char dt[17])
{
    time_t t = (time_t)(wall_ms / 1000);
    struct tm tm;
    localtime_r(&t, &tm);
    if (day)
        strftime(day, 11, "%Y-%m-%d", &tm);
    if (hm)
        strftime(hm, 6, "%H:%M", &tm);
    if (dt)
        strftime(dt, 17, "%Y-%m-%dT%H:%M", &tm);
}

/* Unix ms of a local "YYYY-MM-DDTHH:MM" (or "YYYY-MM-DD", midnight); -1 when unreadable. */
int64_t ly_gate_local_ms(const char *s)
{
    struct tm tm = {0};
    int y, mo, d, h = 0, mi = 0, n = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
        return -1;
    if (s[10] == 'T' && (sscanf(s + 11, "%2d:%2d%n", &h, &mi, &n) != 2 || n != 5))
        return -1;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    return t == (time_t)-1 ? -1 : (int64_t)t * 1000;
}

/* Refuses a zone this system does not know: glibc would silently fall back to UTC and open the
 * doors at the wrong hour. */
bool ly_gate_set_timezone(const char *tz, char *err, size_t errsz)
{
    char path[128];
    if (tz[0] == '\0' || strstr(tz, "..") || tz[0] == '/')
        return ly_fail(err, errsz, "the event's time zone \"%.64s\" is not valid", tz);
    snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
    if (strcmp(tz, "UTC") != 0 && access(path, R_OK) != 0)
        return ly_fail(err, errsz,
                       "the event's time zone \"%.64s\" is unknown on this kiosk (install tzdata)",
                       tz);
    /* A reload after a sync keeps the zone: no setenv while the sync thread runs (setenv is
     * not thread-safe), only when the zone really changed. */
    const char *now = getenv("TZ");
    if (now && strcmp(now, tz) == 0)
        return true;
    setenv("TZ", tz, 1);
    tzset();
    return true;
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
        {"room:", LY_GATE_ROOM, true},
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
                   "unknown gate \"%.80s\": use entrance, exit, desk, session:ID, room:ID, "
                   "exit:session:ID or exit:room:ID",
                   spec);
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
        !ly_kioskdb_public_keys(g->db, g->keys, LY_KIOSKDB_KEYS_MAX, &g->nkeys, err, errsz))
        return false;
    switch (g->kind) {
    case LY_GATE_ENTRANCE:
    case LY_GATE_EXIT:
        snprintf(g->place, sizeof g->place, "venue");
        return true;
    case LY_GATE_DESK:
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

static bool deny(struct ctx *c, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Records a denial in the decision; returns false so rule checks read "if (!rule) return". */
static bool deny(struct ctx *c, const char *code, const char *fmt, ...)
{
    va_list ap;
    c->d->kind = LY_DECISION_DENIED;
    snprintf(c->d->reason_code, sizeof c->d->reason_code, "%s", code);
    va_start(ap, fmt);
    vsnprintf(c->d->reason, sizeof c->d->reason, fmt, ap);
    va_end(ap);
    c->direction = 0;
    return false;
}

/* Identifies the code: a badge (signature first, before any database work) or another
 * system's ticket code. Returns false on a denial; sets *dberr on a database error. */
static bool identify(struct ctx *c, const char *code, size_t len, bool *dberr, char *err,
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
        enum ly_badge_status st =
            ly_badge_verify(code, len, g->keys, g->nkeys, g->event.id, c->wall_ms / 1000, &b);
        d->ms_verify = ms_now() - t0;
        if (st != LY_BADGE_OK)
            return deny(c, ly_badge_status_name(st), "%s", ly_badge_status_text(st));
        d->identified = true;
        if (!ly_kioskdb_attendee(g->db, b.attendee_id, &d->attendee, &d->registered, err, errsz)) {
            *dberr = true;
            return false;
        }
        d->attendee.id = b.attendee_id;
        if (d->registered && b.badge_version < d->attendee.badge_version)
            return deny(c, "superseded",
                        "This badge was replaced by a newer one. Please use the new badge or "
                        "see the badge desk.");
        return true;
    }
    if (!printable) {
        snprintf(d->code_kind, sizeof d->code_kind, "unreadable");
        return deny(c, "malformed", "%s", ly_badge_status_text(LY_BADGE_MALFORMED));
    }
    char text[LY_ALT_CODE_MAX + 1];
    uint32_t id = 0;
    memcpy(text, code, len);
    text[len] = '\0';
    snprintf(d->code_kind, sizeof d->code_kind, "ticket_code");
    if (!ly_kioskdb_find_alt_code(g->db, text, &id, err, errsz)) {
        *dberr = true;
        return false;
    }
    d->ms_verify = ms_now() - t0;
    if (id == 0)
        return deny(c, "unknown_code", "This code is not a badge or ticket of this event.");
    d->identified = true;
    if (!ly_kioskdb_attendee(g->db, id, &d->attendee, &d->registered, err, errsz)) {
        *dberr = true;
        return false;
    }
    d->attendee.id = id;
    return true;
}

/* The venue's days and hours, at the entrance. */
static bool venue_open(struct ctx *c, char *err, size_t errsz, bool *dberr)
{
    struct ly_kiosk_hours h;
    bool found, any;
    if (!ly_kioskdb_hours(c->g->db, c->day, &h, &found, &any, err, errsz)) {
        *dberr = true;
        return false;
    }
    if (any && !found)
        return deny(c, "closed_today", "The venue is closed today.");
    if (any && strcmp(c->hm, h.opens) < 0)
        return deny(c, "not_open_yet", "The venue opens at %s.", h.opens);
    if (any && strcmp(c->hm, h.closes) >= 0)
        return deny(c, "closed", "The venue closed at %s.", h.closes);
    if (!any && (strcmp(c->day, c->g->event.starts) < 0 || strcmp(c->day, c->g->event.ends) > 0))
        return deny(c, "not_event_day", "Not an event day: %s runs from %s to %s.",
                    c->g->event.name, c->g->event.starts, c->g->event.ends);
    return true;
}

/* Formats local time ms as "HH:MM", or "YYYY-MM-DD HH:MM" when not on the decision's day. */
static void when(const struct ctx *c, int64_t ms, char *out, size_t outsz)
{
    char day[11], hm[6];
    local_parts(ms, day, hm, NULL);
    if (strcmp(day, c->day) == 0)
        snprintf(out, outsz, "%s", hm);
    else
        snprintf(out, outsz, "%s %s", day, hm);
}

/* The session's time window. */
static bool session_open(struct ctx *c)
{
    const struct ly_kiosk_session *s = c->session;
    const struct ly_gate_policy *p = &c->g->policy;
    int64_t start = ly_gate_local_ms(s->starts), end = ly_gate_local_ms(s->ends);
    char at[24];
    if (start < 0 || end < 0)
        return deny(c, "session_unreadable", "This session's times cannot be read.");
    if (c->wall_ms < start - (int64_t)p->doors_open_min * 60000) {
        when(c, start - (int64_t)p->doors_open_min * 60000, at, sizeof at);
        return deny(c, "session_not_open", "The doors open at %s for \"%.80s\".", at, s->title);
    }
    if (c->wall_ms >= end) {
        when(c, end, at, sizeof at);
        return deny(c, "session_over", "\"%.80s\" ended at %s.", s->title, at);
    }
    if (p->late_entry_min >= 0 && c->wall_ms > start + (int64_t)p->late_entry_min * 60000) {
        when(c, start + (int64_t)p->late_entry_min * 60000, at, sizeof at);
        return deny(c, "late", "Entry to \"%.80s\" closed at %s.", s->title, at);
    }
    return true;
}

/* Session access by registration category. */
static bool category_admitted(struct ctx *c)
{
    const char *cats = c->session->categories;
    const char *mine = c->d->attendee.category;
    char labels[LY_REASON_MAX / 2] = "";
    size_t n = strlen(mine);
    if (cats[0] == '\0')
        return true;
    if (!c->d->registered)
        return deny(c, "not_on_list",
                    "Your registration has not reached this kiosk yet. Please see the badge "
                    "desk.");
    for (const char *p = cats; *p;) {
        size_t w = strcspn(p, " ");
        if (w == n && n > 0 && strncmp(p, mine, n) == 0)
            return true;
        char word[LY_LABEL_MAX + 1];
        snprintf(word, sizeof word, "%.*s", (int)(w < LY_LABEL_MAX ? w : LY_LABEL_MAX), p);
        const struct ly_vocab_entry *e = ly_vocab_find(LY_VOCAB_CATEGORY, word);
        size_t used = strlen(labels);
        snprintf(labels + used, sizeof labels - used, "%s%s", used ? ", " : "",
                 e ? e->label : word);
        p += w;
        p += strspn(p, " ");
    }
    return deny(c, "category", "\"%.60s\" is for %s only.", c->session->title, labels);
}

/* Re-entry policy; sets the decision to already-inside when the person is recorded inside. */
static bool reentry_allowed(struct ctx *c, char *err, size_t errsz, bool *dberr)
{
    struct ly_kiosk_presence p;
    char at[24];
    int64_t today = ly_gate_local_ms(c->day);
    if (!ly_kioskdb_presence(c->g->db, c->d->attendee.id, c->place, &p, err, errsz)) {
        *dberr = true;
        return false;
    }
    /* At the venue, yesterday's entry without an exit scan is not today's presence. */
    bool inside =
        p.last_direction > 0 && (c->g->kind != LY_GATE_ENTRANCE || p.last_wall_ms >= today);
    if (inside) {
        c->d->kind = LY_DECISION_ALREADY_INSIDE;
        c->direction = 0;
        return true;
    }
    if (c->g->policy.reentry == LY_REENTRY_ONCE_PER_DAY && p.last_entry_ms >= today) {
        when(c, p.last_entry_ms, at, sizeof at);
        return deny(c, "reentry_today", "Already entered today at %s: one entry per day.", at);
    }
    if (c->g->policy.reentry == LY_REENTRY_NEVER && p.last_entry_ms > 0) {
        when(c, p.last_entry_ms, at, sizeof at);
        return deny(c, "reentry_never", "Already entered at %s: entry is allowed once.", at);
    }
    return true;
}

/* Capacity against the place's occupancy: the hub's count across doors and this kiosk's
 * movements since, or this kiosk's own count before the hub sent one (docs/gates.md). */
static bool has_room(struct ctx *c, char *err, size_t errsz, bool *dberr)
{
    int64_t occ = 0;
    if (c->capacity <= 0 || !c->g->policy.enforce_capacity ||
        c->d->kind == LY_DECISION_ALREADY_INSIDE)
        return true;
    if (!ly_kioskdb_capacity_count(c->g->db, c->place, &occ, err, errsz)) {
        *dberr = true;
        return false;
    }
    if (occ >= c->capacity)
        return deny(c, "full", "%.80s is full (%lld of %d places).", c->capacity_name,
                    (long long)occ, c->capacity);
    return true;
}

/* Chooses the session at a room door (*found), the one on now or about to start; a lounge (a
 * room without sessions) is the place itself. Returns false only on a database error. */
static bool room_session(struct ctx *c, bool *found, char *err, size_t errsz)
{
    struct ly_gate *g = c->g;
    char until[17];
    snprintf(c->place, sizeof c->place, "%s", g->place);
    c->capacity = g->room.capacity;
    snprintf(c->capacity_name, sizeof c->capacity_name, "%s", g->room.name);
    *found = !g->room_has_sessions;
    if (!g->room_has_sessions)
        return true;
    local_parts(c->wall_ms + (int64_t)g->policy.doors_open_min * 60000, NULL, NULL, until);
    if (!ly_kioskdb_session_in_room(g->db, g->room.id, c->dt, until, &c->room_session, found, err,
                                    errsz))
        return false;
    if (!*found)
        return true;
    c->session = &c->room_session;
    snprintf(c->place, sizeof c->place, "session:%s", c->session->ext_id);
    if (c->session->capacity > 0)
        c->capacity = c->session->capacity;
    snprintf(c->capacity_name, sizeof c->capacity_name, "%s", c->session->title);
    return true;
}

/* The way out of a session or room: granted to anyone genuine, leaving the session on now. */
static bool exit_rules(struct ctx *c, char *err, size_t errsz, bool *dberr)
{
    bool found = true;
    c->direction = -1;
    if (c->g->kind == LY_GATE_SESSION)
        c->session = &c->g->session;
    if (c->g->kind == LY_GATE_ROOM && !room_session(c, &found, err, errsz)) {
        *dberr = true;
        return false;
    }
    if (!found)
        c->direction = 0; /* no session on: nothing to leave */
    return true;
}

/* The gate's own rules, after the code and the registration passed. */
static bool gate_rules(struct ctx *c, char *err, size_t errsz, bool *dberr)
{
    struct ly_gate *g = c->g;
    const struct ly_kiosk_attendee *a = &c->d->attendee;
    snprintf(c->place, sizeof c->place, "%s", g->place);
    if (g->exit)
        return exit_rules(c, err, errsz, dberr);
    switch (g->kind) {
    case LY_GATE_EXIT:
        c->direction = -1;
        return true;
    case LY_GATE_DESK:
        return true;
    case LY_GATE_ENTRANCE:
        if (c->d->registered && strcmp(a->attendance, "online") == 0)
            return deny(c, "registered_online",
                        "Registered to attend online. Please see the registration desk.");
        c->direction = 1;
        return venue_open(c, err, errsz, dberr) && reentry_allowed(c, err, errsz, dberr);
    case LY_GATE_SESSION:
        c->session = &g->session;
        c->capacity = g->session.capacity > 0 ? g->session.capacity : g->room.capacity;
        snprintf(c->capacity_name, sizeof c->capacity_name, "%s", g->session.title);
        break;
    case LY_GATE_ROOM: {
        bool found;
        if (!room_session(c, &found, err, errsz)) {
            *dberr = true;
            return false;
        }
        if (!found)
            return deny(c, "no_session", "No session in %.80s now.", g->room.name);
        break;
    }
    }
    c->direction = 1;
    if (c->session && (!session_open(c) || !category_admitted(c)))
        return false;
    return reentry_allowed(c, err, errsz, dberr) && has_room(c, err, errsz, dberr);
}

static void add_notice(struct ly_decision *d, const char *text)
{
    if (d->nnotices < LY_GATE_NOTICES_MAX)
        snprintf(d->notices[d->nnotices++], LY_NOTICE_MAX + 1, "%s", text);
}

/* The notices for a grant: the organizer's, then the kiosk's own. */
static bool notices(struct ctx *c, char *err, size_t errsz)
{
    struct ly_decision *d = c->d;
    struct ly_kiosk_notice found[LY_GATE_NOTICES_MAX];
    char keys[3][LY_GATE_MAX + LY_ROOM_NAME_MAX + 8];
    const char *places[3];
    size_t nkeys = 0, n = 0;
    if (c->g->kind == LY_GATE_EXIT || c->g->exit || c->g->kind == LY_GATE_DESK)
        return true;
    if (c->session) {
        snprintf(keys[nkeys++], sizeof keys[0], "session:%s", c->session->ext_id);
        snprintf(keys[nkeys++], sizeof keys[0], "type:%s", c->session->type);
    } else if (c->g->kind == LY_GATE_ENTRANCE) {
        snprintf(keys[nkeys++], sizeof keys[0], "venue");
    }
    if (c->g->kind == LY_GATE_SESSION || c->g->kind == LY_GATE_ROOM)
        snprintf(keys[nkeys++], sizeof keys[0], "room:%s", c->g->room.name);
    for (size_t i = 0; i < nkeys; i++)
        places[i] = keys[i];
    if (!ly_kioskdb_notices(c->g->db, places, nkeys, d->attendee.category, found,
                            LY_GATE_NOTICES_MAX, &n, err, errsz))
        return false;
    if (!d->registered)
        add_notice(d, "Registration not yet on this kiosk: please confirm at the badge desk.");
    if (d->attendee.assistance)
        add_notice(d, "Assistance requested at registration: offer help.");
    for (size_t i = 0; i < n; i++)
        add_notice(d, found[i].text);
    return true;
}

/* The hold-off: true when the same code was seen within holdoff_ms (a badge held in view stays
 * held off until it has been out of view that long). */
static bool held_off(struct ly_gate *g, const char *code, size_t len, int64_t mono_ms)
{
    uint8_t h[16];
    struct holdoff *oldest = &g->hold[0];
    crypto_generichash(h, sizeof h, (const unsigned char *)code, len, NULL, 0);
    for (int i = 0; i < LY_HOLDOFF_SLOTS; i++) {
        struct holdoff *s = &g->hold[i];
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

bool ly_gate_decide(struct ly_gate *g, const char *code, size_t len, struct ly_gate_time t,
                    struct ly_decision *out, char *err, size_t errsz)
{
    struct ctx c = {.g = g, .d = out, .wall_ms = t.wall_ms};
    bool dberr = false;
    memset(out, 0, sizeof *out);
    if (len > 0 && len <= LY_BADGE_CODE_MAX && held_off(g, code, len, t.mono_ms)) {
        out->held_off = true;
        return true;
    }
    local_parts(t.wall_ms, c.day, c.hm, c.dt);
    snprintf(c.place, sizeof c.place, "%s", g->place);
    out->kind = LY_DECISION_GRANTED;

    if (len == 0 || len > LY_BADGE_CODE_MAX) {
        snprintf(out->code_kind, sizeof out->code_kind, "unreadable");
        deny(&c, "malformed", "%s", ly_badge_status_text(LY_BADGE_MALFORMED));
    } else if (identify(&c, code, len, &dberr, err, errsz)) {
        double t0 = ms_now();
        const struct ly_kiosk_attendee *a = &out->attendee;
        /* An exit lets out anyone the event issued a badge to; elsewhere the registration
         * must stand. */
        if (g->kind != LY_GATE_EXIT && !g->exit && out->registered && a->revoked)
            deny(&c, "revoked", "This badge was cancelled. Please see the badge desk.");
        else if (gate_rules(&c, err, errsz, &dberr) && out->kind != LY_DECISION_DENIED &&
                 !notices(&c, err, errsz))
            dberr = true;
        out->ms_rules = ms_now() - t0;
    }
    if (dberr)
        return false;
    if (c.session)
        snprintf(out->session, sizeof out->session, "%s", c.session->ext_id);

    struct ly_checkin in = {.wall_ms = t.wall_ms, .mono_ms = t.mono_ms};
    snprintf(in.gate, sizeof in.gate, "%s", g->spec);
    in.attendee_id = out->identified ? out->attendee.id : 0;
    snprintf(in.code_kind, sizeof in.code_kind, "%s", out->code_kind);
    snprintf(in.decision, sizeof in.decision, "%s", ly_decision_name(out->kind));
    snprintf(in.reason, sizeof in.reason, "%s", out->reason);
    snprintf(in.reason_code, sizeof in.reason_code, "%s", out->reason_code);
    snprintf(in.place, sizeof in.place, "%s", c.place);
    in.direction = out->kind == LY_DECISION_GRANTED ? c.direction : 0;
    double t0 = ms_now();
    if (!ly_kioskdb_journal(g->db, &in, &out->checkin, err, errsz)) {
        /* Not durable: forget the hold-off so that the next sighting is decided again. */
        holdoff_forget(g, code, len);
        return false;
    }
    out->ms_journal = ms_now() - t0;
    return true;
}
