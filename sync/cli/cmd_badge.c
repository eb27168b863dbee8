/* cmd_badge.c - `lanyard badge verify|code|reissue|revoke|restore`: one badge at a time. verify
 * prints a JSON verdict: the credential check of badge.h, then what the database knows
 * (revoked, superseded by a reissue, unknown attendee), or the alternate-code lookup for ticket
 * codes imported from other systems. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "event/country.h"
#include "orgdb/issue.h"
#include "common/json.h"
#include "common/ly_limits.h"
#include "common/num.h"

#define MAX_KEYS 64

static void usage(void)
{
    fprintf(stderr, "usage: lanyard --db FILE badge verify CODE [--now YYYY-MM-DDTHH:MM|UNIX]\n"
                    "       lanyard --db FILE badge code ID\n"
                    "       lanyard --db FILE badge reissue|revoke|restore ID\n"
                    "ID is an attendee id or the registration's id from the import.\n");
}

/* Resolves an attendee id ("123") or a source-system id ("R00012") to an attendee id. */
static bool resolve(struct ly_hubdb *db, const char *arg, uint32_t *id)
{
    char err[256];
    int64_t v;
    if (ly_num_int(arg, 1, UINT32_MAX, &v)) {
        *id = (uint32_t)v;
        return true;
    }
    if (!ly_hubdb_find_ext_id(db, arg, id, err, sizeof err)) {
        fprintf(stderr, "lanyard badge: %s\n", err);
        return false;
    }
    if (*id == 0)
        fprintf(stderr, "lanyard badge: no registration with id '%s'\n", arg);
    return *id != 0;
}

static void put_time(FILE *f, int *first, const char *key, int64_t t)
{
    char buf[32];
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    ly_json_kv_str(f, first, key, buf);
}

static void put_attendee(FILE *f, const struct ly_attendee *a)
{
    int first = 1;
    fputs(",\"attendee\":{", f);
    ly_json_kv_int(f, &first, "id", a->id);
    ly_json_kv_str(f, &first, "registration", a->reg.ext_id);
    ly_json_kv_str(f, &first, "name", a->reg.name);
    ly_json_kv_str(f, &first, "name_latin", a->reg.name_latin);
    ly_json_kv_str(f, &first, "category", a->reg.category);
    ly_json_kv_str(f, &first, "country", a->reg.country);
    ly_json_kv_str(f, &first, "country_name", ly_country_name(a->reg.country));
    ly_json_kv_str(f, &first, "attendance", a->reg.attendance);
    ly_json_kv_int(f, &first, "badge_version", a->badge_version);
    ly_json_kv_bool(f, &first, "revoked", a->revoked);
    fputc('}', f);
}

static bool parse_now(const char *s, int64_t *now)
{
    int64_t minutes;
    if (ly_num_int(s, 0, INT64_MAX / 2, now))
        return true;
    if (ly_num_datetime(s, &minutes)) {
        *now = minutes * 60;
        return true;
    }
    return false;
}

static int verify(struct ly_hubdb *db, const char *code, int64_t now)
{
    struct ly_badge_key keys[MAX_KEYS];
    struct ly_event ev;
    struct ly_attendee a;
    struct ly_badge b;
    size_t nkeys, len = strnlen(code, LY_BADGE_CODE_MAX + 1);
    char err[256];
    const char *result, *message, *kind = "lanyard";
    bool have_badge = false, have_attendee = false;

    if (!ly_hubdb_event(db, &ev, err, sizeof err) ||
        !ly_hubdb_public_keys(db, keys, MAX_KEYS, &nkeys, err, sizeof err)) {
        fprintf(stderr, "lanyard badge verify: %s\n", err);
        return 2;
    }
    enum ly_badge_status st = ly_badge_verify(code, len, keys, nkeys, ev.id, now, &b);
    result = ly_badge_status_name(st);
    message = ly_badge_status_text(st);
    have_badge = st == LY_BADGE_OK || st > LY_BADGE_BAD_SIGNATURE;

    if (st == LY_BADGE_MALFORMED && len <= LY_ALT_CODE_MAX) {
        /* Not a Lanyard code: perhaps a ticket code from the system registrations came from. */
        uint32_t id;
        if (!ly_hubdb_find_alt_code(db, code, &id, err, sizeof err)) {
            fprintf(stderr, "lanyard badge verify: %s\n", err);
            return 2;
        }
        if (id != 0) {
            kind = "ticket_code";
            st = LY_BADGE_OK;
            b.attendee_id = id;
            b.badge_version = 0;
        } else {
            result = "unknown_code";
            message = "This code is not a badge or ticket of this event.";
        }
    }
    if (st == LY_BADGE_OK || have_badge) {
        have_attendee = ly_hubdb_attendee(db, b.attendee_id, &a, err, sizeof err);
        if (st == LY_BADGE_OK && !have_attendee) {
            st = LY_BADGE_MALFORMED;
            result = "unknown_attendee";
            message = "This badge's registration is not on record. Please see the badge desk.";
        } else if (st == LY_BADGE_OK && a.revoked) {
            st = LY_BADGE_MALFORMED;
            result = "revoked";
            message = "This badge has been withdrawn. Please see the badge desk.";
        } else if (st == LY_BADGE_OK && strcmp(kind, "lanyard") == 0 &&
                   b.badge_version < a.badge_version) {
            st = LY_BADGE_MALFORMED;
            result = "superseded";
            message = "A newer badge was issued to this person; this one no longer works.";
        } else if (st == LY_BADGE_OK && strcmp(kind, "lanyard") == 0 &&
                   b.badge_version > a.badge_version) {
            st = LY_BADGE_MALFORMED;
            result = "unknown_version";
            message = "This badge is newer than the records here. Please see the badge desk.";
        }
    }

    int first = 1;
    fputc('{', stdout);
    ly_json_kv_bool(stdout, &first, "valid", st == LY_BADGE_OK);
    ly_json_kv_str(stdout, &first, "result", result);
    ly_json_kv_str(stdout, &first, "message", message);
    ly_json_kv_str(stdout, &first, "kind", kind);
    if (have_badge && strcmp(kind, "lanyard") == 0) {
        ly_json_kv_int(stdout, &first, "key_id", b.key_id);
        ly_json_kv_int(stdout, &first, "event_id", b.event_id);
        ly_json_kv_int(stdout, &first, "attendee_id", b.attendee_id);
        ly_json_kv_int(stdout, &first, "badge_version", b.badge_version);
        if (b.has_window) {
            put_time(stdout, &first, "valid_from", b.valid_from);
            put_time(stdout, &first, "valid_until", b.valid_until);
        }
    }
    if (have_attendee)
        put_attendee(stdout, &a);
    fputs("}\n", stdout);
    return st == LY_BADGE_OK ? 0 : 1;
}

static int print_code(struct ly_hubdb *db, uint32_t id)
{
    struct ly_issuer is;
    struct ly_attendee a;
    char err[256], code[LY_BADGE_CODE_LEN_MAX + 1];
    int rc = 1;
    if (!ly_issuer_load(&is, db, err, sizeof err) ||
        !ly_hubdb_attendee(db, id, &a, err, sizeof err)) {
        fprintf(stderr, "lanyard badge code: %s\n", err);
    } else if (a.revoked) {
        fprintf(stderr, "lanyard badge code: attendee %u's badge is revoked\n", id);
    } else if (!ly_issuer_code(&is, &a, NULL, code, sizeof code)) {
        fprintf(stderr, "lanyard badge code: cannot sign the badge\n");
    } else {
        printf("%s\n", code);
        rc = 0;
    }
    ly_issuer_wipe(&is);
    return rc;
}

static int run_badge(struct ly_hubdb *db, int argc, char **argv)
{
    char err[256];
    uint32_t id;
    if (argc >= 3 && strcmp(argv[1], "verify") == 0) {
        int64_t now = (int64_t)time(NULL);
        if (argc == 5 && strcmp(argv[3], "--now") == 0 && !parse_now(argv[4], &now)) {
            fprintf(stderr, "lanyard badge verify: --now takes YYYY-MM-DDTHH:MM (UTC) or Unix "
                            "seconds\n");
            return 2;
        }
        if (argc != 3 && !(argc == 5 && strcmp(argv[3], "--now") == 0)) {
            usage();
            return 2;
        }
        return verify(db, argv[2], now);
    }
    if (argc != 3) {
        usage();
        return 2;
    }
    if (!resolve(db, argv[2], &id))
        return 1;
    if (strcmp(argv[1], "code") == 0)
        return print_code(db, id);
    if (strcmp(argv[1], "reissue") == 0) {
        uint16_t v;
        if (!ly_hubdb_reissue(db, id, &v, err, sizeof err)) {
            fprintf(stderr, "lanyard badge reissue: %s\n", err);
            return 1;
        }
        printf("attendee %u: badge version %u issued; earlier badges no longer work\n", id, v);
        return 0;
    }
    if (strcmp(argv[1], "revoke") == 0 || strcmp(argv[1], "restore") == 0) {
        bool revoke = argv[1][2] == 'v';
        if (!ly_hubdb_set_revoked(db, id, revoke, err, sizeof err)) {
            fprintf(stderr, "lanyard badge %s: %s\n", argv[1], err);
            return 1;
        }
        printf("attendee %u: badge %s\n", id, revoke ? "revoked" : "restored");
        return 0;
    }
    usage();
    return 2;
}

/* badge revoke|restore ID on a store (a database URL); the other badge commands need the file. */
static int run_badge_store(struct ly_store *st, int argc, char **argv)
{
    char err[256];
    int64_t id;
    bool found;
    if (argc != 3 || (strcmp(argv[1], "revoke") != 0 && strcmp(argv[1], "restore") != 0) ||
        !ly_num_int(argv[2], 1, UINT32_MAX, &id)) {
        fprintf(stderr, "usage: lanyard --db postgresql://... badge revoke|restore ID\n"
                        "(the other badge commands work on the organizer database file)\n");
        return 2;
    }
    bool revoke = argv[1][2] == 'v';
    if (!st->ops->set_revoked(st, (uint32_t)id, revoke, &found, err, sizeof err)) {
        fprintf(stderr, "lanyard badge %s: %s\n", argv[1], err);
        return 1;
    }
    if (!found) {
        fprintf(stderr, "lanyard badge %s: no such attendee: %" PRId64 "\n", argv[1], id);
        return 1;
    }
    printf("attendee %" PRId64 ": badge %s\n", id, revoke ? "revoked" : "restored");
    return 0;
}

const struct ly_cmd_entry ly_cmd_badge = {
    .name = "badge",
    .usage = "badge verify CODE [--now TIME] | code ID | reissue ID | revoke ID | restore ID",
    .help = "check one badge (JSON verdict; exit 0 only when valid), print its code,\n"
            "reprint it (the old badge stops working), or withdraw it",
    .run = run_badge,
    .run_store = run_badge_store,
};
