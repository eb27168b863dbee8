/* gate_badge.c - the badge a decision hands out: a pickup's badge or a session's access slip,
 * journaled with its print job in one transaction, and the codes the kiosk signs with its own key
 * (docs/badge-format.md, "Kiosk keys"). See gate_badge.h. */
#include <stdio.h>
#include <string.h>

#include "badge/badge.h"
#include "common/fail.h"
#include "common/num.h"
#include "gate/gate_badge.h"
#include "gate/gate_int.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_print.h"

bool ly_gate_mint(const struct ly_gate *g, const struct ly_kiosk_key *k, uint32_t attendee_id,
                  uint16_t version, char *code, size_t codesz, char *err, size_t errsz)
{
    int64_t first, last;
    if (!ly_num_date(g->event.starts, &first) || !ly_num_date(g->event.ends, &last))
        return ly_fail(err, errsz, "the event's dates are damaged");
    struct ly_badge b = {
        .key_id = k->key_id,
        .event_id = g->event.id,
        .attendee_id = attendee_id,
        .badge_version = version,
        .has_window = true,
        .valid_from = (uint32_t)((first - LY_BADGE_DAYS_BEFORE) * 86400),
        .valid_until = (uint32_t)((last + 1 + LY_BADGE_DAYS_AFTER) * 86400),
    };
    if (!ly_badge_encode(&b, k->sk, code, codesz))
        return ly_fail(err, errsz, "cannot sign the badge with this kiosk's key");
    return true;
}

/* What the pickup's badge holds: the Lanyard code shown (it passed as the current version), or
 * a code of the current version signed with this kiosk's key, or, on a kiosk without a key, the
 * other system's ticket code shown (it identifies the person at every gate too). */
static bool pickup_code(struct ly_gate_ctx *c, char *code, size_t codesz, uint16_t *version,
                        uint32_t *key, char *err, size_t errsz)
{
    struct ly_kiosk_key k;
    bool found = false;
    *version = c->d->attendee.badge_version;
    *key = 0;
    if (c->shown[0] && strcmp(c->d->code_kind, "badge") == 0) {
        snprintf(code, codesz, "%s", c->shown);
        *key = c->badge.key_id;
        return true;
    }
    if (!ly_kioskdb_key(c->g->db, &k, &found, err, errsz))
        return false;
    if (found && k.certified) {
        *key = k.key_id;
        return ly_gate_mint(c->g, &k, c->d->attendee.id, *version, code, codesz, err, errsz);
    }
    if (c->shown[0])
        return snprintf(code, codesz, "%s", c->shown) > 0;
    return ly_fail(err, errsz,
                   "this kiosk cannot make a badge code: it has no key certified by the hub");
}

/* Journals in with a print job of code for its attendee (a badge, or the access slip of session
 * when not NULL), in one transaction; fills d. */
static bool journal_with_job(struct ly_gate *g, const struct ly_checkin *in, const char *code,
                             const char *session, struct ly_decision *d, char *err, size_t errsz)
{
    struct ly_kiosk_pjob job = {.attendee_id = in->attendee_id, .slip = session != NULL};
    snprintf(job.code, sizeof job.code, "%s", code);
    snprintf(job.session, sizeof job.session, "%s", session ? session : "");
    if (!ly_kioskdb_begin(g->db, err, errsz))
        return false;
    if (!ly_kioskdb_journal_in(g->db, in, &d->checkin, err, errsz))
        goto fail;
    snprintf(job.checkin_uuid, sizeof job.checkin_uuid, "%s", d->checkin.uuid);
    if (!ly_kioskdb_pjob_add(g->db, &job, d->checkin.wall_ms, &d->print_job, err, errsz) ||
        !ly_kioskdb_commit(g->db, err, errsz))
        goto fail;
    return true;
fail:
    ly_kioskdb_rollback(g->db);
    d->print_job = 0;
    return false;
}

/* A slip's QR: the code shown at the door, or one of the current version signed with this
 * kiosk's key (a check-in by hand); "" when there is neither. */
static bool slip_code(struct ly_gate_ctx *c, char *code, size_t codesz, char *err, size_t errsz)
{
    struct ly_kiosk_key k;
    bool found = false;
    code[0] = '\0';
    if (c->shown[0])
        return snprintf(code, codesz, "%s", c->shown) > 0;
    if (!ly_kioskdb_key(c->g->db, &k, &found, err, errsz))
        return false;
    return !found || !k.certified ||
           ly_gate_mint(c->g, &k, c->d->attendee.id, c->d->attendee.badge_version, code, codesz,
                        err, errsz);
}

bool ly_gate_record_print(struct ly_gate_ctx *c, const struct ly_checkin *in, char *err,
                          size_t errsz)
{
    struct ly_checkin row = *in;
    char code[LY_BADGE_CODE_MAX + 1];
    if (c->d->kind != LY_DECISION_PICKED_UP) {
        if (!slip_code(c, code, sizeof code, err, errsz))
            return false;
        if (code[0] == '\0') /* nothing to put in the QR: the grant stands, without a slip */
            return ly_kioskdb_journal(c->g->db, in, &c->d->checkin, err, errsz);
        return journal_with_job(c->g, &row, code, c->session->ext_id, c->d, err, errsz);
    }
    if (!pickup_code(c, code, sizeof code, &row.badge_version, &row.badge_key, err, errsz))
        return false;
    return journal_with_job(c->g, &row, code, NULL, c->d, err, errsz);
}
