/* validate.c - the rules a kiosk's check-ins must pass at the hub. See validate.h. */
#include "store/validate.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fail.h"
#include "common/ly_limits.h"

#define GATES_CACHED    8  /* distinct gates resolved once per batch (a kiosk has one or two) */
#define SESSIONS_CACHED 16 /* sessions' rooms looked up once per batch */

const char *ly_refusal_name(enum ly_refusal r)
{
    static const char *const names[LY_REFUSE_COUNT] = {"", "unknown_attendee", "walkin_range",
                                                       "gate", "place"};
    return (unsigned)r < LY_REFUSE_COUNT ? names[r] : "";
}

const char *ly_refusal_text(enum ly_refusal r)
{
    static const char *const texts[LY_REFUSE_COUNT] = {
        "",
        "the hub has no registration with this attendee id",
        "a walk-in's id is outside this kiosk's range of walk-in ids",
        "this kiosk may not be at this gate (not its enrolled gate, a door or a known room)",
        "the place is not where this gate leads",
    };
    return (unsigned)r < LY_REFUSE_COUNT ? texts[r] : "";
}

/* Where a gate leads (firmware/gate/gate.c parse_spec, ly_gate_reload). */
enum lead { LEAD_VENUE, LEAD_NONE, LEAD_SESSION, LEAD_ROOM };

struct gate_ref {
    const char *gate; /* the item's, while the batch lives */
    bool ok;          /* known to the hub and allowed to this kiosk */
    enum lead lead;
    const char *session; /* LEAD_SESSION: the session's external id (inside gate) */
    int64_t room;        /* LEAD_ROOM */
};

struct session_ref {
    const char *ext_id;
    int64_t room;
};

struct check {
    const struct ly_validate_lookup *lk;
    const struct ly_store_kiosk *k;
    struct gate_ref gates[GATES_CACHED];
    size_t ngates;
    struct gate_ref uncached; /* when the cache is full */
    struct session_ref sessions[SESSIONS_CACHED];
    size_t nsessions;
    char *err;
    size_t errsz;
};

static bool session_room(struct check *c, const char *ext_id, int64_t *room)
{
    for (size_t i = 0; i < c->nsessions; i++) {
        if (strcmp(c->sessions[i].ext_id, ext_id) == 0) {
            *room = c->sessions[i].room;
            return true;
        }
    }
    if (!c->lk->session_room(c->lk->ctx, ext_id, room, c->err, c->errsz))
        return false;
    if (c->nsessions < SESSIONS_CACHED)
        c->sessions[c->nsessions++] = (struct session_ref){ext_id, *room};
    return true;
}

/* The kiosk's enrolled gate, or one staff mode offers (firmware/kiosk/loop.c list_gates: the
 * doors and every room), resolved against the hub's rooms and sessions. */
static bool resolve(struct check *c, const char *gate, struct gate_ref *g)
{
    memset(g, 0, sizeof *g);
    g->gate = gate;
    bool own = strcmp(gate, c->k->gate) == 0;
    bool doors =
        strcmp(gate, "entrance") == 0 || strcmp(gate, "exit") == 0 || strcmp(gate, "desk") == 0;
    if (!own && !doors && strncmp(gate, "room:", 5) != 0)
        return true;
    const char *inner = strncmp(gate, "exit:", 5) == 0 ? gate + 5 : gate;
    bool way_out = inner != gate;
    if (!way_out && (strcmp(gate, "entrance") == 0 || strcmp(gate, "exit") == 0)) {
        g->lead = LEAD_VENUE;
        g->ok = true;
    } else if (!way_out && (strcmp(gate, "desk") == 0 || strcmp(gate, "pickup") == 0)) {
        g->lead = LEAD_NONE;
        g->ok = true;
    } else if (strncmp(inner, "session:", 8) == 0 && inner[8] != '\0') {
        g->lead = LEAD_SESSION;
        g->session = inner + 8;
        if (!session_room(c, g->session, &g->room))
            return false;
        g->ok = g->room != 0;
    } else if (strncmp(inner, "room:", 5) == 0 && inner[5] != '\0') {
        g->lead = LEAD_ROOM;
        if (!c->lk->room(c->lk->ctx, inner + 5, &g->room, c->err, c->errsz))
            return false;
        g->ok = g->room != 0;
    }
    return true;
}

static bool gate_of(struct check *c, const char *gate, const struct gate_ref **out)
{
    for (size_t i = 0; i < c->ngates; i++) {
        if (strcmp(c->gates[i].gate, gate) == 0) {
            *out = &c->gates[i];
            return true;
        }
    }
    struct gate_ref *g = c->ngates < GATES_CACHED ? &c->gates[c->ngates] : &c->uncached;
    if (!resolve(c, gate, g))
        return false;
    if (g != &c->uncached)
        c->ngates++;
    *out = g;
    return true;
}

/* Whether place is where gate g leads; an entry that moves no one may name no place. */
static bool place_ok(struct check *c, const struct gate_ref *g, const struct ly_checkin *it,
                     bool *ok)
{
    const char *p = it->place;
    char want[LY_GATE_MAX + 32];
    *ok = false;
    if (p[0] == '\0') {
        *ok = it->direction == 0;
        return true;
    }
    switch (g->lead) {
    case LEAD_VENUE:
        *ok = strcmp(p, "venue") == 0;
        return true;
    case LEAD_NONE:
        return true;
    case LEAD_SESSION:
        *ok = strncmp(p, "session:", 8) == 0 && strcmp(p + 8, g->session) == 0;
        return true;
    case LEAD_ROOM: {
        snprintf(want, sizeof want, "room:%" PRId64, g->room);
        int64_t room = 0;
        if (strcmp(p, want) == 0) {
            *ok = true;
            return true;
        }
        if (strncmp(p, "session:", 8) != 0 || p[8] == '\0')
            return true;
        if (!session_room(c, p + 8, &room))
            return false;
        *ok = room == g->room;
        return true;
    }
    }
    return true;
}

static bool in_range(const struct ly_store_kiosk *k, uint32_t id)
{
    return k->id >= 1 && k->id <= LY_WALKIN_KIOSKS_MAX && id >= LY_WALKIN_FIRST(k->id) &&
           id <= LY_WALKIN_LAST(k->id);
}

bool ly_validate_batch(const struct ly_validate_lookup *lk, const struct ly_store_kiosk *k,
                       const struct ly_checkin *items, size_t n, enum ly_store_item *results,
                       enum ly_refusal *why, char *err, size_t errsz)
{
    if (n > LY_SYNC_BATCH_MAX)
        return ly_fail(err, errsz, "a batch of %zu check-ins is over %d", n, LY_SYNC_BATCH_MAX);
    struct check c = {.lk = lk, .k = k, .err = err, .errsz = errsz};
    uint32_t *ids = malloc((n ? n : 1) * sizeof *ids);
    uint32_t *walkins = malloc((n ? n : 1) * sizeof *walkins);
    bool *known = calloc(n ? n : 1, sizeof *known);
    size_t nids = 0, nwalkins = 0;
    bool ok = false;
    if (!ids || !walkins || !known) {
        ly_fail(err, errsz, "out of memory");
        goto end;
    }
    for (size_t i = 0; i < n; i++) {
        why[i] = LY_REFUSE_NONE;
        if (results[i] == LY_ITEM_STORED && items[i].attendee_id != 0)
            ids[nids++] = items[i].attendee_id;
    }
    if (nids > 0 && !lk->attendees(lk->ctx, ids, nids, known, err, errsz))
        goto end;
    size_t next = 0; /* index into ids and known, in item order */
    for (size_t i = 0; i < n; i++) {
        const struct ly_checkin *it = &items[i];
        if (results[i] != LY_ITEM_STORED)
            continue;
        bool registered = it->attendee_id != 0 && known[next];
        if (it->attendee_id != 0)
            next++;
        const struct gate_ref *g;
        bool place = false;
        if (strcmp(it->decision, "registered") == 0) {
            if (!in_range(k, it->attendee_id)) {
                why[i] = LY_REFUSE_WALKIN_RANGE;
                goto refused;
            }
            registered = true;
        }
        if (!gate_of(&c, it->gate, &g))
            goto end;
        if (!g->ok) {
            why[i] = LY_REFUSE_GATE;
            goto refused;
        }
        if (!place_ok(&c, g, it, &place))
            goto end;
        if (!place) {
            why[i] = LY_REFUSE_PLACE;
            goto refused;
        }
        /* A walk-in this kiosk registered earlier in the batch, not yet stored. */
        for (size_t j = 0; !registered && it->attendee_id != 0 && j < nwalkins; j++)
            registered = walkins[j] == it->attendee_id;
        /* Only a denial may name nobody (an unreadable or unknown code). */
        if (!registered && (it->attendee_id != 0 || strcmp(it->decision, "denied") != 0)) {
            why[i] = LY_REFUSE_UNKNOWN_ATTENDEE;
            goto refused;
        }
        if (strcmp(it->decision, "registered") == 0)
            walkins[nwalkins++] = it->attendee_id;
        continue;
    refused:
        results[i] = LY_ITEM_REFUSED;
    }
    ok = true;
end:
    free(ids);
    free(walkins);
    free(known);
    return ok;
}
