/* gate_print.c - the decisions that hand out a badge: a pickup at a pickup point, a reprint and a
 * walk-in's registration at a badge desk in staff mode. Each is journaled with the print job of
 * its badge in one transaction (kioskdb_print.h). See gate.h, docs/gates.md ("Badge pickup")
 * and docs/badge-format.md ("Kiosk keys", "Reprints"). */
#include <stdio.h>
#include <string.h>

#include "badge/badge.h"
#include "common/fail.h"
#include "common/num.h"
#include "common/utf8.h"
#include "event/country.h"
#include "event/vocab.h"
#include "gate/gate_badge.h"
#include "gate/gate.h"
#include "gate/gate_int.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_print.h"
#include "kioskdb/kioskdb_records.h"

/* Copies src into dst (dstsz bytes), which the caller checked it fits. */
static void copy(char *dst, size_t dstsz, const char *src)
{
    snprintf(dst, dstsz, "%.*s", (int)(dstsz - 1), src);
}

/* The kiosk's certified key, or an error saying what is missing. */
static bool kiosk_key(struct ly_gate *g, struct ly_kiosk_key *k, char *err, size_t errsz)
{
    bool found = false;
    if (!ly_kioskdb_key(g->db, k, &found, err, errsz))
        return false;
    if (!found || !k->certified)
        return ly_fail(err, errsz,
                       "this kiosk has no signing key certified by the hub: enroll it (--hub URL "
                       "--enroll CODE) to print badges");
    return true;
}

/* A staff member's name or reason: 1 to max bytes of UTF-8 without control characters. */
static bool staff_text(const char *what, const char *s, size_t max, char *err, size_t errsz)
{
    size_t n = s ? strnlen(s, max + 1) : 0;
    if (n == 0 || n > max)
        return ly_fail(err, errsz, "%s must be 1 to %zu bytes", what, max);
    if (!ly_utf8_valid(s, n))
        return ly_fail(err, errsz, "%s is not valid UTF-8", what);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return ly_fail(err, errsz, "%s holds a control character", what);
    return true;
}

/* A journal entry of this gate for attendee_id at t, with decision name. */
static void entry(const struct ly_gate *g, const char *decision, uint32_t attendee_id,
                  struct ly_gate_time t, struct ly_checkin *in)
{
    memset(in, 0, sizeof *in);
    in->wall_ms = t.wall_ms;
    in->mono_ms = t.mono_ms;
    snprintf(in->gate, sizeof in->gate, "%s", g->spec);
    in->attendee_id = attendee_id;
    snprintf(in->code_kind, sizeof in->code_kind, "manual");
    snprintf(in->decision, sizeof in->decision, "%s", decision);
}

/* Ends a staff print inside its open transaction: the print job for the journal entry in
 * out->checkin is added and everything commits, or all of it is rolled back. On success out says
 * a badge was handed out by staff. */
static bool finish_print(struct ly_gate *g, struct ly_kiosk_pjob *job, struct ly_gate_time t,
                         struct ly_decision *out, char *err, size_t errsz)
{
    snprintf(job->checkin_uuid, sizeof job->checkin_uuid, "%s", out->checkin.uuid);
    if (!ly_kioskdb_pjob_add(g->db, job, t.wall_ms, &out->print_job, err, errsz) ||
        !ly_kioskdb_commit(g->db, err, errsz)) {
        ly_kioskdb_rollback(g->db);
        out->print_job = 0;
        return false;
    }
    out->kind = LY_DECISION_PICKED_UP;
    out->identified = out->registered = true;
    snprintf(out->code_kind, sizeof out->code_kind, "manual");
    return true;
}

bool ly_gate_reprint(struct ly_gate *g, uint32_t attendee_id, const char *staff, const char *why,
                     struct ly_gate_time t, struct ly_decision *out, char *err, size_t errsz)
{
    struct ly_kiosk_key k;
    struct ly_checkin in;
    char code[LY_BADGE_CODE_MAX + 1];
    bool found = false;
    memset(out, 0, sizeof *out);
    if (!staff_text("the staff member's name", staff, LY_LABEL_MAX, err, errsz) ||
        !staff_text("the reason for the reprint", why, LY_STAFF_REASON_MAX, err, errsz) ||
        !kiosk_key(g, &k, err, errsz) ||
        !ly_kioskdb_attendee(g->db, attendee_id, &out->attendee, &found, err, errsz))
        return false;
    if (!found)
        return ly_fail(err, errsz, "attendee %u is not in this kiosk's database", attendee_id);
    if (out->attendee.revoked)
        return ly_fail(err, errsz, "attendee %u's badge is revoked: restore it at the hub first",
                       attendee_id);
    if (out->attendee.badge_version == UINT16_MAX)
        return ly_fail(err, errsz, "attendee %u's badge cannot be reissued again", attendee_id);
    uint16_t version = (uint16_t)(out->attendee.badge_version + 1);
    entry(g, "reprinted", attendee_id, t, &in);
    in.badge_version = version;
    in.badge_key = k.key_id;
    snprintf(in.staff_note, sizeof in.staff_note, "%s: %s", staff, why);
    if (!ly_gate_mint(g, &k, attendee_id, version, code, sizeof code, err, errsz))
        return false;
    struct ly_kiosk_pjob job = {.attendee_id = attendee_id};
    snprintf(job.code, sizeof job.code, "%s", code);
    /* The new version, its journal entry and its print job commit together: the old badge is
     * refused here from this moment, and everywhere once the entry has reached the hub. */
    if (!ly_kioskdb_begin(g->db, err, errsz))
        return false;
    if (!ly_kioskdb_set_badge(g->db, attendee_id, version, k.key_id, err, errsz) ||
        !ly_kioskdb_journal_in(g->db, &in, &out->checkin, err, errsz))
        goto fail;
    if (!finish_print(g, &job, t, out, err, errsz))
        return false;
    out->attendee.badge_version = version;
    out->attendee.badge_key = k.key_id;
    return true;
fail:
    ly_kioskdb_rollback(g->db);
    out->print_job = 0;
    return false;
}

/* Checks a walk-in's fields into *out: a name in any script, a country (code or name) as its
 * code, the vocabularies' words as their ids. */
static bool walkin_valid(const struct ly_walkin *w, struct ly_walkin *out, char *err, size_t errsz)
{
    const struct ly_country *country = ly_country_find(w->country);
    const struct ly_vocab_entry *stakeholder = ly_vocab_find(LY_VOCAB_STAKEHOLDER, w->stakeholder);
    const struct ly_vocab_entry *category = ly_vocab_find(LY_VOCAB_CATEGORY, w->category);
    if (!staff_text("the name", w->name, LY_NAME_MAX, err, errsz))
        return false;
    if (w->affiliation[0] &&
        !staff_text("the affiliation", w->affiliation, LY_AFFILIATION_MAX, err, errsz))
        return false;
    if (country == NULL)
        return ly_fail(err, errsz, "unknown country \"%.40s\"", w->country);
    if (stakeholder == NULL)
        return ly_fail(err, errsz, "unknown stakeholder group \"%.64s\"", w->stakeholder);
    if (category == NULL)
        return ly_fail(err, errsz, "unknown category \"%.64s\"", w->category);
    if (w->language[0] && !ly_vocab_language_valid(w->language))
        return ly_fail(err, errsz, "unknown language \"%.64s\"", w->language);
    *out = *w;
    snprintf(out->country, sizeof out->country, "%s", country->alpha2);
    snprintf(out->stakeholder, sizeof out->stakeholder, "%s", stakeholder->id);
    snprintf(out->category, sizeof out->category, "%s", category->id);
    return true;
}

bool ly_gate_walkin(struct ly_gate *g, const struct ly_walkin *given, const char *staff,
                    struct ly_gate_time t, struct ly_decision *out, char *err, size_t errsz)
{
    static struct ly_walkin zero;
    struct ly_walkin walkin = zero, *w = &walkin;
    struct ly_kiosk_key k;
    struct ly_checkin in;
    char code[LY_BADGE_CODE_MAX + 1];
    memset(out, 0, sizeof *out);
    if (!staff_text("the staff member's name", staff, LY_LABEL_MAX, err, errsz) ||
        !walkin_valid(given, w, err, errsz) || !kiosk_key(g, &k, err, errsz))
        return false;
    struct ly_kiosk_attendee *a = &out->attendee;
    a->badge_version = 1;
    a->badge_key = k.key_id;
    copy(a->name, sizeof a->name, w->name);
    copy(a->category, sizeof a->category, w->category);
    copy(a->country, sizeof a->country, w->country);
    copy(a->region, sizeof a->region, ly_country_find(w->country)->region);
    copy(a->stakeholder, sizeof a->stakeholder, w->stakeholder);
    copy(a->attendance, sizeof a->attendance, "onsite");
    copy(a->language, sizeof a->language, w->language);
    struct ly_kiosk_pjob job = {0};
    /* The id, the attendee, the journal entry that carries the registration to the hub and the
     * print job commit together. */
    if (!ly_kioskdb_begin(g->db, err, errsz))
        return false;
    if (!ly_kioskdb_take_walkin_id(g->db, &a->id, err, errsz) ||
        !ly_kioskdb_put_attendee(g->db, a, err, errsz))
        goto fail;
    entry(g, "registered", a->id, t, &in);
    in.badge_version = 1;
    in.badge_key = k.key_id;
    in.walkin = *w;
    snprintf(in.staff_note, sizeof in.staff_note, "%s: walk-in", staff);
    if (!ly_gate_mint(g, &k, a->id, 1, code, sizeof code, err, errsz) ||
        !ly_kioskdb_journal_in(g->db, &in, &out->checkin, err, errsz))
        goto fail;
    job.attendee_id = a->id;
    snprintf(job.code, sizeof job.code, "%s", code);
    return finish_print(g, &job, t, out, err, errsz);
fail:
    ly_kioskdb_rollback(g->db);
    out->print_job = 0;
    return false;
}
