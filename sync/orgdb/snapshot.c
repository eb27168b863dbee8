/* snapshot.c - a kiosk database from the organizer database. See snapshot.h. */
#include "orgdb/snapshot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "event/records.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_peer.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_rules.h"
#include "kioskdb/kioskdb_sync.h"
#include "orgdb/sealer.h"

struct copy {
    struct ly_kioskdb *kiosk;
    struct ly_sealer sealer; /* an event whose kiosks keep details sealed */
    struct ly_snapshot_counts n;
    char *err;
    size_t errsz;
};

/* Copies one attendee: the fields a gate decides with, never contact data or free text. */
static bool copy_attendee(void *ctx, const struct ly_attendee *a)
{
    struct copy *c = ctx;
    struct ly_kiosk_attendee k = {
        .id = a->id,
        .badge_version = a->badge_version,
        .badge_key = a->badge_key,
        .revoked = a->revoked,
        .picked_up = a->picked_up,
        .assistance = a->reg.accessibility[0] != '\0',
    };
    snprintf(k.name, sizeof k.name, "%s", a->reg.name);
    snprintf(k.name_latin, sizeof k.name_latin, "%s", a->reg.name_latin);
    snprintf(k.category, sizeof k.category, "%s", a->reg.category);
    snprintf(k.country, sizeof k.country, "%s", a->reg.country);
    snprintf(k.region, sizeof k.region, "%s", a->reg.region);
    snprintf(k.stakeholder, sizeof k.stakeholder, "%s", a->reg.stakeholder);
    snprintf(k.attendance, sizeof k.attendance, "%s", a->reg.attendance);
    snprintf(k.language, sizeof k.language, "%s", a->reg.language);
    if (!ly_sealer_apply(&c->sealer, a->reg.alt_code, &k, c->err, c->errsz) ||
        !ly_kioskdb_put_attendee(c->kiosk, &k, c->err, c->errsz))
        return false;
    c->n.attendees++;
    if (a->reg.alt_code[0] == '\0')
        return true;
    c->n.alt_codes++;
    return ly_kioskdb_put_alt_code(c->kiosk, a->reg.alt_code, a->id, c->err, c->errsz);
}

static bool copy_room(void *ctx, const struct ly_kiosk_room *r)
{
    struct copy *c = ctx;
    c->n.rooms++;
    return ly_kioskdb_put_room(c->kiosk, r, c->err, c->errsz);
}

static bool copy_session(void *ctx, int64_t id, int64_t room_id, const struct ly_session *s)
{
    struct copy *c = ctx;
    struct ly_kiosk_session k = {.id = id,
                                 .room_id = room_id,
                                 .capacity = s->capacity,
                                 .slips = s->slips,
                                 .overflow_room_id = s->overflow_room_id};
    snprintf(k.online_url, sizeof k.online_url, "%s", s->online_url);
    snprintf(k.ext_id, sizeof k.ext_id, "%s", s->ext_id);
    snprintf(k.title, sizeof k.title, "%s", s->title);
    snprintf(k.type, sizeof k.type, "%s", s->type);
    snprintf(k.starts, sizeof k.starts, "%s", s->starts);
    snprintf(k.ends, sizeof k.ends, "%s", s->ends);
    snprintf(k.categories, sizeof k.categories, "%s", s->categories);
    c->n.sessions++;
    return ly_kioskdb_put_session(c->kiosk, &k, c->err, c->errsz);
}

static bool copy_hours(void *ctx, const struct ly_kiosk_hours *h)
{
    struct copy *c = ctx;
    c->n.opening_days++;
    return ly_kioskdb_put_hours(c->kiosk, h, c->err, c->errsz);
}

static bool copy_notice(void *ctx, const struct ly_kiosk_notice *n)
{
    struct copy *c = ctx;
    c->n.notices++;
    return ly_kioskdb_put_notice(c->kiosk, n, c->err, c->errsz);
}

/* Copies everything inside the open transactions of both databases. */
static bool copy_all(struct ly_hubdb *hub, struct copy *c, char *err, size_t errsz)
{
    struct ly_event ev;
    struct ly_badge_key keys[LY_EVENT_KEYS_MAX + 1];
    struct ly_hubdb_stats stats;
    size_t nkeys;

    if (!ly_sealer_load(&c->sealer, hub, err, errsz) || !ly_hubdb_event(hub, &ev, err, errsz) ||
        !ly_hubdb_public_keys(hub, keys, LY_EVENT_KEYS_MAX + 1, &nkeys, err, errsz) ||
        !ly_hubdb_stats(hub, &stats, err, errsz))
        return false;
    if (nkeys > LY_EVENT_KEYS_MAX) {
        snprintf(err, errsz, "the event has more than %d signing keys", LY_EVENT_KEYS_MAX);
        return false;
    }
    if (!ly_kioskdb_put_event(c->kiosk, &ev, err, errsz))
        return false;
    for (size_t i = 0; i < nkeys; i++) {
        if (!ly_kioskdb_put_key(c->kiosk, &keys[i], err, errsz))
            return false;
    }
    c->n.keys = (int64_t)nkeys;
    /* The kiosks' certified keys: badges reprinted or issued at a kiosk. */
    /* With each, where that kiosk listens for its peers (docs/sync-protocol.md, "Peer
     * exchange"), so that a kiosk enrolled later knows the ones that stay quiet. */
    struct ly_key_proof *kiosk_keys = calloc(LY_KIOSK_KEYS_MAX, sizeof *kiosk_keys);
    struct ly_peer_info *peers = calloc(LY_KIOSK_KEYS_MAX, sizeof *peers);
    bool ok = kiosk_keys && peers;
    if (!ok)
        snprintf(err, errsz, "out of memory");
    ok = ok && ly_hubdb_kiosk_keys(hub, kiosk_keys, peers, LY_KIOSK_KEYS_MAX, &nkeys, err, errsz);
    for (size_t i = 0; ok && i < nkeys; i++)
        ok = ly_kioskdb_put_key_proof(c->kiosk, &kiosk_keys[i], err, errsz) &&
             (!kiosk_keys[i].certified ||
              ly_kioskdb_put_peer(c->kiosk, kiosk_keys[i].key.key_id, &peers[i], err, errsz));
    free(kiosk_keys);
    free(peers);
    if (!ok)
        return false;
    c->n.cursor = stats.change_seq;
    /* A callback that fails has written its message to c->err (= err) already. */
    err[0] = '\0';
    /* Rules arrive as a whole: clear, then put (a new file has none, a synced one will). */
    if (!ly_hubdb_foreach_room(hub, copy_room, c, err, errsz) ||
        !ly_hubdb_foreach_session(hub, copy_session, c, err, errsz) ||
        !ly_kioskdb_clear_rules(c->kiosk, err, errsz) ||
        !ly_hubdb_foreach_rule(hub, copy_hours, copy_notice, c, err, errsz) ||
        !ly_hubdb_foreach_attendee(hub, NULL, 0, copy_attendee, c, err, errsz)) {
        if (err[0] == '\0')
            snprintf(err, errsz, "copying the registrations failed");
        return false;
    }
    return ly_kioskdb_set_sync_cursor(c->kiosk, stats.change_seq, err, errsz);
}

bool ly_snapshot_write(struct ly_hubdb *hub, const char *path, struct ly_snapshot_counts *out,
                       char *err, size_t errsz)
{
    struct copy c = {.err = err, .errsz = errsz};
    bool ok;

    if (access(path, F_OK) == 0) {
        snprintf(err, errsz, "%s exists", path);
        return false;
    }
    if (!ly_kioskdb_open(path, LY_KIOSKDB_SNAPSHOT, &c.kiosk, err, errsz))
        return false;
    /* A read transaction on the hub: every read below sees one state, the one at the cursor,
     * without holding up the hub's writers (WAL). */
    if (!ly_hubdb_begin_read(hub, err, errsz)) {
        ly_kioskdb_close(c.kiosk);
        return false;
    }
    ok = ly_kioskdb_begin(c.kiosk, err, errsz) && copy_all(hub, &c, err, errsz) &&
         ly_kioskdb_commit(c.kiosk, err, errsz);
    if (!ok)
        ly_kioskdb_rollback(c.kiosk);
    ly_hubdb_rollback(hub);
    ly_sealer_wipe(&c.sealer);
    ly_kioskdb_close(c.kiosk);
    if (ok && out)
        *out = c.n;
    return ok;
}
