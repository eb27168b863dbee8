/* changes.c - a page of the hub's changes applied to the kiosk database. See changes.h. */
#include "client/changes.h"

#include <stdio.h>
#include <string.h>

#include "proto/change_json.h"
#include "common/fail.h"
#include "common/jsonr.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_rules.h"
#include "kioskdb/kioskdb_sync.h"

bool ly_changes_apply_one(struct ly_kioskdb *db, const struct ly_change *c, int64_t counted_through,
                          char *err, size_t errsz)
{
    bool ok = c->id >= 0 &&
              (c->kind == LY_CHANGE_ROOM || c->kind == LY_CHANGE_SESSION || c->id <= UINT32_MAX);
    if (!ok)
        return ly_fail(err, errsz, "its id is out of range");
    switch (c->kind) {
    case LY_CHANGE_EVENT:
        /* a kiosk serves one event, which is never deleted */
        return c->deleted || ly_kioskdb_put_event(db, c->u.event, err, errsz);
    case LY_CHANGE_KEY:
        return c->deleted ? ly_kioskdb_delete_key(db, (uint32_t)c->id, err, errsz)
                          : ly_kioskdb_put_key_proof(db, c->u.key, err, errsz);
    case LY_CHANGE_ROOM:
        return c->deleted ? ly_kioskdb_delete_room(db, c->id, err, errsz)
                          : ly_kioskdb_put_room(db, c->u.room, err, errsz);
    case LY_CHANGE_SESSION:
        return c->deleted ? ly_kioskdb_delete_session(db, c->id, err, errsz)
                          : ly_kioskdb_put_session(db, c->u.session, err, errsz);
    case LY_CHANGE_ATTENDEE:
        return c->deleted ? ly_kioskdb_delete_attendee(db, (uint32_t)c->id, err, errsz)
                          : ly_kioskdb_put_attendee(db, c->u.attendee, err, errsz);
    case LY_CHANGE_ALT_CODE:
        /* an attendee holds one ticket code of another system: a new one replaces the old */
        if (c->deleted)
            return ly_kioskdb_delete_alt_codes(db, (uint32_t)c->id, err, errsz);
        return ly_kioskdb_delete_alt_codes(db, c->u.alt_code.attendee_id, err, errsz) &&
               ly_kioskdb_put_alt_code(db, c->u.alt_code.code, c->u.alt_code.attendee_id, err,
                                       errsz);
    case LY_CHANGE_RULES:
        if (!ly_kioskdb_clear_rules(db, err, errsz))
            return false;
        for (size_t i = 0; !c->deleted && i < c->u.rules.nhours; i++) {
            if (!ly_kioskdb_put_hours(db, &c->u.rules.hours[i], err, errsz))
                return false;
        }
        for (size_t i = 0; !c->deleted && i < c->u.rules.nnotices; i++) {
            if (!ly_kioskdb_put_notice(db, &c->u.rules.notices[i], err, errsz))
                return false;
        }
        return true;
    case LY_CHANGE_OCCUPANCY:
        return c->deleted ||
               ly_kioskdb_set_hub_occupancy(
                   db,
                   &(struct ly_hub_occupancy){c->u.occupancy.place, c->u.occupancy.inside,
                                              c->u.occupancy.as_of, c->u.occupancy.grace_s},
                   counted_through, err, errsz);
    }
    return ly_fail(err, errsz, "unknown kind");
}

/* Applies every change of the page inside the open transaction. */
static bool apply_all(struct ly_kioskdb *db, const struct ly_jsonr_val *changes, int64_t since,
                      int64_t next, int64_t counted_through, const struct ly_kioskdb_roots *roots,
                      struct ly_changes_page *out, char *err, size_t errsz)
{
    int64_t last = since;
    char msg[256];
    for (const struct ly_jsonr_val *v = ly_jsonr_first(changes); v; v = ly_jsonr_next(v)) {
        struct ly_change_data d;
        bool known = false, ok;
        if (!ly_change_parse(v, &d, &known, msg, sizeof msg))
            return ly_fail(err, errsz, "change after %lld: %s", (long long)last, msg);
        if (d.c.seq < last || d.c.seq > next) {
            ly_change_data_free(&d);
            return ly_fail(err, errsz, "change after %lld: its seq %lld is out of order",
                           (long long)last, (long long)d.c.seq);
        }
        last = d.c.seq;
        /* a key nobody the kiosk trusts vouches for would let its holder make badges */
        if (known && d.c.kind == LY_CHANGE_KEY && !d.c.deleted &&
            !ly_badge_key_vouched(roots->keys, roots->n, roots->event_id, d.c.u.key)) {
            ly_change_data_free(&d);
            return ly_fail(err, errsz,
                           "change %lld: key %lld is not vouched for by the event's root keys%s: "
                           "the page is refused",
                           (long long)d.c.seq, (long long)d.c.id,
                           roots->n ? "" : " (this kiosk holds none: enroll it again)");
        }
        ok = !known || ly_changes_apply_one(db, &d.c, counted_through, msg, sizeof msg);
        ly_change_data_free(&d);
        if (!ok)
            return ly_fail(err, errsz, "change %lld (%s %lld): %s", (long long)d.c.seq,
                           ly_change_kind_name(d.c.kind), (long long)d.c.id, msg);
        if (!known) {
            out->skipped++;
            continue;
        }
        out->applied++;
        out->gate_data = out->gate_data || d.c.kind == LY_CHANGE_EVENT ||
                         d.c.kind == LY_CHANGE_KEY || d.c.kind == LY_CHANGE_ROOM ||
                         d.c.kind == LY_CHANGE_SESSION;
    }
    return ly_kioskdb_set_sync_cursor(db, next, err, errsz);
}

bool ly_changes_apply(struct ly_kioskdb *db, const char *body, size_t len, int64_t since,
                      int64_t counted_through, const struct ly_kioskdb_roots *roots,
                      struct ly_changes_page *out, char *err, size_t errsz)
{
    char msg[256];
    memset(out, 0, sizeof *out);
    struct ly_jsonr *doc = ly_jsonr_parse(body, len, msg, sizeof msg);
    if (!doc)
        return ly_fail(err, errsz, "the hub's changes are not JSON: %s", msg);
    const struct ly_jsonr_val *root = ly_jsonr_root(doc);
    const struct ly_jsonr_val *changes = ly_jsonr_get(root, "changes");
    bool ok = true;
    if (ly_jsonr_type(changes) != LY_JSONR_ARRAY ||
        !ly_jsonr_get_int(root, "next", since, INT64_MAX, &out->next) ||
        !ly_jsonr_bool(ly_jsonr_get(root, "more"), &out->more))
        ok = ly_fail(err, errsz,
                     "the hub's changes lack \"changes\", \"more\" or a \"next\" not below %lld",
                     (long long)since);
    else if (ly_jsonr_len(changes) > 0 || out->next != since)
        ok = ly_kioskdb_begin(db, err, errsz) &&
             apply_all(db, changes, since, out->next, counted_through, roots, out, err, errsz) &&
             ly_kioskdb_commit(db, err, errsz);
    if (!ok) {
        ly_kioskdb_rollback(db);
        out->applied = out->skipped = 0;
        out->gate_data = false;
    }
    ly_jsonr_free(doc);
    return ok;
}
