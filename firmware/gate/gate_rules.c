/* gate_rules.c - the gate's rules for an identified person (registration, days and hours,
 * session window, category, re-entry, capacity), the notices of a grant, a staff override, and
 * a denial with its reason (gate_reasons.h). See gate_int.h and docs/gates.md. */
#include "gate/gate_int.h"

#include <stdio.h>
#include <string.h>

#include "event/vocab.h"
#include "gate/gate_reasons.h"
#include "gate/gate_time.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_print.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_rules.h"
#include "kioskdb/kioskdb_sync.h"

#define TITLE_CUT    80 /* bytes of a title or name inside a sentence */
#define CATEGORY_CUT 60 /* bytes of a session title in the category sentence */

/* Copies src into dst, at most max bytes, cut on a character boundary. */
static void cut_copy(char *dst, size_t max, const char *src)
{
    size_t n = strnlen(src, max);
    if (n == max && src[n] != '\0') {
        while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, src, n);
    dst[n] = '\0';
}

bool ly_gate_deny(struct ly_gate_ctx *c, const char *code, const char *a1, const char *a2,
                  const char *a3)
{
    struct ly_decision *d = c->d;
    const char *args[LY_REASON_ARGS_MAX] = {a1, a2, a3};
    size_t n;
    const struct ly_reason_template *r = ly_gate_reasons(&n);
    d->kind = LY_DECISION_DENIED;
    snprintf(d->reason_code, sizeof d->reason_code, "%s", code);
    d->reason_template = NULL;
    for (size_t i = 0; i < n && !d->reason_template; i++) {
        if (strcmp(r[i].code, code) == 0)
            d->reason_template = r[i].template;
    }
    if (!d->reason_template) /* not a known code: a defect, shown as a damaged code */
        d->reason_template = ly_badge_status_text(LY_BADGE_MALFORMED);
    d->nreason_args = 0;
    for (size_t i = 0; i < LY_REASON_ARGS_MAX && args[i]; i++)
        cut_copy(d->reason_args[d->nreason_args++], LY_REASON_ARG_MAX, args[i]);
    ly_gate_reason_format(d->reason_template, d->reason_args, d->nreason_args, d->reason,
                          sizeof d->reason);
    c->direction = 0;
    return false;
}

/* A title or name as it goes into a sentence: at most TITLE_CUT (or cut) bytes. */
static const char *title(char *buf, size_t cut, const char *s)
{
    cut_copy(buf, cut, s);
    return buf;
}

/* The venue's days and hours, at the entrance. */
static bool venue_open(struct ly_gate_ctx *c, char *err, size_t errsz, bool *dberr)
{
    struct ly_kiosk_hours h;
    bool found, any;
    if (!ly_kioskdb_hours(c->g->db, c->day, &h, &found, &any, err, errsz)) {
        *dberr = true;
        return false;
    }
    if (any && !found)
        return ly_gate_deny(c, "closed_today", NULL, NULL, NULL);
    if (any && strcmp(c->hm, h.opens) < 0)
        return ly_gate_deny(c, "not_open_yet", h.opens, NULL, NULL);
    if (any && strcmp(c->hm, h.closes) >= 0)
        return ly_gate_deny(c, "closed", h.closes, NULL, NULL);
    if (!any && (strcmp(c->day, c->g->event.starts) < 0 || strcmp(c->day, c->g->event.ends) > 0))
        return ly_gate_deny(c, "not_event_day", c->g->event.name, c->g->event.starts,
                            c->g->event.ends);
    return true;
}

/* Formats local time ms as "HH:MM", or "YYYY-MM-DD HH:MM" when not on the decision's day. */
static const char *when(const struct ly_gate_ctx *c, int64_t ms, char *out, size_t outsz)
{
    char day[11], hm[6];
    ly_gate_local_parts(ms, day, hm, NULL);
    if (strcmp(day, c->day) == 0)
        snprintf(out, outsz, "%s", hm);
    else
        snprintf(out, outsz, "%s %s", day, hm);
    return out;
}

/* The session's time window. */
static bool session_open(struct ly_gate_ctx *c)
{
    const struct ly_kiosk_session *s = c->session;
    const struct ly_gate_policy *p = &c->g->policy;
    int64_t start = ly_gate_local_ms(s->starts), end = ly_gate_local_ms(s->ends);
    char at[24], t[TITLE_CUT + 1];
    if (start < 0 || end < 0)
        return ly_gate_deny(c, "session_unreadable", NULL, NULL, NULL);
    if (c->wall_ms < start - (int64_t)p->doors_open_min * 60000)
        return ly_gate_deny(c, "session_not_open",
                            when(c, start - (int64_t)p->doors_open_min * 60000, at, sizeof at),
                            title(t, TITLE_CUT, s->title), NULL);
    if (c->wall_ms >= end)
        return ly_gate_deny(c, "session_over", title(t, TITLE_CUT, s->title),
                            when(c, end, at, sizeof at), NULL);
    if (p->late_entry_min >= 0 && c->wall_ms > start + (int64_t)p->late_entry_min * 60000)
        return ly_gate_deny(c, "late", title(t, TITLE_CUT, s->title),
                            when(c, start + (int64_t)p->late_entry_min * 60000, at, sizeof at),
                            NULL);
    return true;
}

/* Session access by registration category. */
static bool category_admitted(struct ly_gate_ctx *c)
{
    const char *cats = c->session->categories;
    const char *mine = c->d->attendee.category;
    char labels[LY_REASON_ARG_MAX + 1] = "", t[CATEGORY_CUT + 1];
    size_t n = strlen(mine);
    if (cats[0] == '\0')
        return true;
    if (!c->d->registered)
        return ly_gate_deny(c, "not_on_list", NULL, NULL, NULL);
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
    return ly_gate_deny(c, "category", title(t, CATEGORY_CUT, c->session->title), labels, NULL);
}

/* The person's movements through c->place and whether they are recorded inside it now. */
static bool presence(struct ly_gate_ctx *c, struct ly_kiosk_presence *p, bool *inside, char *err,
                     size_t errsz)
{
    int64_t today = ly_gate_local_ms(c->day);
    if (!ly_kioskdb_presence(c->g->db, c->d->attendee.id, c->place, p, err, errsz))
        return false;
    /* At the venue, yesterday's entry without an exit scan is not today's presence. */
    *inside = p->last_direction > 0 && (c->g->kind != LY_GATE_ENTRANCE || p->last_wall_ms >= today);
    return true;
}

/* Whether a person recorded inside shows the badge again at the kiosk that admitted them, within
 * LY_GATE_REPEAT_MS of that entry (a clock set back since counts as outside it). */
static bool repeat_here(const struct ly_gate_ctx *c, const struct ly_kiosk_presence *p)
{
    int64_t since = c->wall_ms - p->last_wall_ms;
    return p->last_source == LY_PRESENCE_OWN && since >= 0 && since < LY_GATE_REPEAT_MS;
}

/* Re-entry policy. Someone recorded inside is already inside under "allowed", and under the
 * one-entry policies only as a repeat at the admitting kiosk; otherwise refused (anti-passback:
 * docs/gates.md, "Re-entry"). */
static bool reentry_allowed(struct ly_gate_ctx *c, char *err, size_t errsz, bool *dberr)
{
    struct ly_kiosk_presence p;
    char at[24];
    int64_t today = ly_gate_local_ms(c->day);
    bool inside;
    if (!presence(c, &p, &inside, err, errsz)) {
        *dberr = true;
        return false;
    }
    if (inside && c->g->policy.reentry != LY_REENTRY_ALLOWED && !repeat_here(c, &p))
        return ly_gate_deny(c, "already_entered", when(c, p.last_wall_ms, at, sizeof at), NULL,
                            NULL);
    if (inside) {
        c->d->kind = LY_DECISION_ALREADY_INSIDE;
        c->direction = 0;
        return true;
    }
    if (c->g->policy.reentry == LY_REENTRY_ONCE_PER_DAY && p.last_entry_ms >= today)
        return ly_gate_deny(c, "reentry_today", when(c, p.last_entry_ms, at, sizeof at), NULL,
                            NULL);
    if (c->g->policy.reentry == LY_REENTRY_NEVER && p.last_entry_ms > 0)
        return ly_gate_deny(c, "reentry_never", when(c, p.last_entry_ms, at, sizeof at), NULL,
                            NULL);
    return true;
}

/* Capacity against the place's occupancy: the hub's count across doors and this kiosk's
 * movements since, or this kiosk's own count before the hub sent one (docs/gates.md). */
static bool has_room(struct ly_gate_ctx *c, char *err, size_t errsz, bool *dberr)
{
    int64_t occ = 0;
    char t[TITLE_CUT + 1], inside[24], places[24];
    if (c->capacity <= 0 || !c->g->policy.enforce_capacity ||
        c->d->kind == LY_DECISION_ALREADY_INSIDE)
        return true;
    if (!ly_kioskdb_capacity_count(c->g->db, c->place, &occ, err, errsz)) {
        *dberr = true;
        return false;
    }
    if (occ < c->capacity)
        return true;
    snprintf(inside, sizeof inside, "%lld", (long long)occ);
    snprintf(places, sizeof places, "%d", c->capacity);
    return ly_gate_deny(c, "full", title(t, TITLE_CUT, c->capacity_name), inside, places);
}

/* Chooses the session at a room door (*found), the one on now or about to start; a lounge (a
 * room without sessions) is the place itself. Returns false only on a database error. */
bool ly_gate_room_session(struct ly_gate_ctx *c, bool *found, char *err, size_t errsz)
{
    struct ly_gate *g = c->g;
    char until[17];
    snprintf(c->place, sizeof c->place, "%s", g->place);
    c->capacity = g->room.capacity;
    snprintf(c->capacity_name, sizeof c->capacity_name, "%s", g->room.name);
    *found = !g->room_has_sessions;
    if (!g->room_has_sessions)
        return true;
    ly_gate_local_parts(c->wall_ms + (int64_t)g->policy.doors_open_min * 60000, NULL, NULL, until);
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
static bool exit_rules(struct ly_gate_ctx *c, char *err, size_t errsz, bool *dberr)
{
    bool found = true;
    c->direction = -1;
    if (c->g->kind == LY_GATE_SESSION)
        c->session = &c->g->session;
    if (c->g->kind == LY_GATE_ROOM && !ly_gate_room_session(c, &found, err, errsz)) {
        *dberr = true;
        return false;
    }
    if (!found)
        c->direction = 0; /* no session on: nothing to leave */
    return true;
}

/* The gate's own rules, after the code and the registration passed. */
static bool gate_rules(struct ly_gate_ctx *c, char *err, size_t errsz, bool *dberr)
{
    struct ly_gate *g = c->g;
    const struct ly_kiosk_attendee *a = &c->d->attendee;
    char t[TITLE_CUT + 1];
    snprintf(c->place, sizeof c->place, "%s", g->place);
    if (g->exit)
        return exit_rules(c, err, errsz, dberr);
    switch (g->kind) {
    case LY_GATE_EXIT:
        c->direction = -1;
        return true;
    case LY_GATE_DESK:
        return true;
    case LY_GATE_PICKUP:
        if (!ly_gate_pickup(c, err, errsz))
            *dberr = true;
        return !*dberr;
    case LY_GATE_ENTRANCE:
        if (c->d->registered && strcmp(a->attendance, "online") == 0)
            return ly_gate_deny(c, "registered_online", NULL, NULL, NULL);
        c->direction = 1;
        return venue_open(c, err, errsz, dberr) && reentry_allowed(c, err, errsz, dberr);
    case LY_GATE_SESSION:
        c->session = &g->session;
        c->capacity = g->session.capacity > 0 ? g->session.capacity : g->room.capacity;
        snprintf(c->capacity_name, sizeof c->capacity_name, "%s", g->session.title);
        break;
    case LY_GATE_ROOM: {
        bool found;
        if (!ly_gate_room_session(c, &found, err, errsz)) {
            *dberr = true;
            return false;
        }
        if (!found)
            return ly_gate_deny(c, "no_session", title(t, TITLE_CUT, g->room.name), NULL, NULL);
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
static bool notices(struct ly_gate_ctx *c, char *err, size_t errsz)
{
    struct ly_decision *d = c->d;
    struct ly_kiosk_notice found[LY_GATE_NOTICES_MAX];
    char keys[3][LY_GATE_MAX + LY_ROOM_NAME_MAX + 8];
    const char *places[3];
    size_t nkeys = 0, n = 0;
    if (c->g->kind == LY_GATE_EXIT || c->g->exit || c->g->kind == LY_GATE_DESK ||
        c->g->kind == LY_GATE_PICKUP)
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

bool ly_gate_pickup(struct ly_gate_ctx *c, char *err, size_t errsz)
{
    struct ly_decision *d = c->d;
    int64_t seq = 0;
    c->direction = 0;
    c->place[0] = '\0';
    /* A badge carries a name: one whose registration is not here yet cannot be printed. */
    if (!d->registered)
        return ly_gate_deny(c, "not_on_list", NULL, NULL, NULL) || true;
    if (strcmp(d->attendee.attendance, "online") == 0)
        return ly_gate_deny(c, "registered_online", NULL, NULL, NULL) || true;
    if (!ly_kioskdb_picked_up(c->g->db, d->attendee.id, &seq, err, errsz))
        return false;
    if (seq != 0) /* here, or at another pickup point as the hub said */
        return ly_gate_deny(c, "already_picked_up", NULL, NULL, NULL) || true;
    d->kind = LY_DECISION_PICKED_UP;
    return true;
}

bool ly_gate_judge(struct ly_gate_ctx *c, char *err, size_t errsz)
{
    struct ly_gate *g = c->g;
    const struct ly_kiosk_attendee *a = &c->d->attendee;
    bool dberr = false;
    /* An exit lets out anyone the event issued a badge to; elsewhere the registration must
     * stand. */
    if (g->kind != LY_GATE_EXIT && !g->exit && c->d->registered && a->revoked) {
        ly_gate_deny(c, "revoked", NULL, NULL, NULL);
        return true;
    }
    if (gate_rules(c, err, errsz, &dberr) && c->d->kind != LY_DECISION_DENIED &&
        !notices(c, err, errsz))
        return false;
    return !dberr;
}

bool ly_gate_override(struct ly_gate_ctx *c, const char *reason, char *note, size_t notesz,
                      char *err, size_t errsz)
{
    struct ly_decision *d = c->d;
    struct ly_gate *g = c->g;
    snprintf(note, notesz, "%s [overrode %s: %s]", reason, d->reason_code, d->reason);
    ly_gate_deny(c, "staff_override", NULL, NULL, NULL);
    if (g->kind == LY_GATE_PICKUP) {
        /* Staff hand the badge out again (or despite the rules): a pickup, never an entry. */
        d->kind = LY_DECISION_PICKED_UP;
        c->direction = 0;
        return true;
    }
    d->kind = LY_DECISION_GRANTED;
    /* Into the place the gate admits to: exits never deny, so this is an entry (none at a
     * desk); at a room door, into the session on now when there is one. */
    c->direction = g->kind == LY_GATE_DESK ? 0 : 1;
    if (g->kind == LY_GATE_SESSION)
        c->session = &g->session;
    if (g->kind == LY_GATE_ROOM && !c->session) {
        bool found;
        if (!ly_gate_room_session(c, &found, err, errsz))
            return false;
    }
    /* Someone recorded inside (an override of already_entered, or a second override of a denial
     * that comes before the re-entry rule, such as revoked) is not counted in twice: already
     * inside, the override and what it overrode in the note. */
    struct ly_kiosk_presence p;
    bool inside = false;
    if (c->direction > 0 && !presence(c, &p, &inside, err, errsz))
        return false;
    if (inside) {
        memset(d->reason_code, 0, sizeof d->reason_code);
        d->reason[0] = '\0';
        d->reason_template = NULL;
        d->kind = LY_DECISION_ALREADY_INSIDE;
        c->direction = 0;
    }
    return notices(c, err, errsz);
}
