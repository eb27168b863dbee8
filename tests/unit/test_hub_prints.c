/* test_hub_prints.c - printing at the kiosk, the hub's side, on real SQLite files: the request
 * parsers for the badge entries (picked_up, reprinted, registered with its registration) and an
 * enrollment with a signing key; the store certifying a kiosk key (a key change kiosks sync, a
 * deletion when the kiosk is revoked, and no change sequence taken for a kiosk without a key);
 * a reprint applied by the higher version then the higher key id, both entries kept; a walk-in
 * becoming a registration once, counted onsite once with its pickup, and leaving the
 * organizer's own id sequence below the walk-in ranges. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "counts/counts.h"
#include "hub/hub_req.h"
#include "hubseed.h"
#include "proto/token.h"
#include "rawsql.h"
#include "store/store.h"

static char dir[] = "/tmp/lanyard-hprint-XXXXXX";
static char err[512];

#define UUID_A "0f8fad5b-d9cb-469f-a165-70867728950e"
#define ENTRY(uuid, seq, att, decision, extra)                                                     \
    "{\"uuid\":\"" uuid "\",\"seq\":" #seq ",\"wall_ms\":1765180799000,\"mono_ms\":5,"             \
    "\"gate\":\"desk\",\"attendee_id\":" #att ",\"code_kind\":\"manual\",\"decision\":\"" decision \
    "\",\"reason_code\":\"\",\"place\":\"\",\"direction\":0" extra "}"
#define REG                                                                                        \
    ",\"registration\":{\"name\":\"Nguyễn Thị Hương\",\"affiliation\":\"Hanoi ICT\","        \
    "\"country\":\"VN\",\"stakeholder\":\"civil_society\",\"category\":\"participant\","           \
    "\"language\":\"vi\"}"

static void parses_badge_entries(void)
{
    struct ly_req_batch b;
    static const char body[] = "{\"kiosk_id\":\"" UUID_A "\",\"queue\":0,\"checkins\":["
        /* 0 */ ENTRY("10000000-0000-4000-8000-000000000000", 1, 5, "picked_up",
                      ",\"badge_version\":1,\"badge_key\":0") ","
        /* 1 */ ENTRY("20000000-0000-4000-8000-000000000000", 2, 5, "reprinted",
                      ",\"badge_version\":2,\"badge_key\":77") ","
        /* 2 */ ENTRY("30000000-0000-4000-8000-000000000000", 3, 2147483648, "registered",
                      ",\"badge_version\":1,\"badge_key\":77" REG) ","
        /* 3: a reprint without its key */
        ENTRY("40000000-0000-4000-8000-000000000000", 4, 5, "reprinted", ",\"badge_version\":2") ","
        /* 4: a walk-in without its registration */
        ENTRY("50000000-0000-4000-8000-000000000000", 5, 2147483649, "registered",
              ",\"badge_version\":1,\"badge_key\":77") ","
        /* 5: a grant claiming a badge */
        ENTRY("60000000-0000-4000-8000-000000000000", 6, 5, "granted", ",\"badge_version\":1") ","
        /* 6: a registration of an unknown country */
        ENTRY("70000000-0000-4000-8000-000000000000", 7, 2147483650, "registered",
              ",\"badge_version\":1,\"badge_key\":77,\"registration\":{\"name\":\"X\","
              "\"country\":\"QQ\",\"stakeholder\":\"government\",\"category\":\"participant\"}") ","
        /* 7: a pickup with no badge */
        ENTRY("80000000-0000-4000-8000-000000000000", 8, 5, "picked_up", "") ","
        /* 8: a registration on a pickup */
        ENTRY("90000000-0000-4000-8000-000000000000", 9, 5, "picked_up",
              ",\"badge_version\":1" REG) "]}";
    CHECK_INT(ly_req_batch(body, strlen(body), &b, err, sizeof err), LY_REQ_OK);
    CHECK_INT(b.n, 9);
    static const enum ly_store_item want[9] = {
        LY_ITEM_STORED,   LY_ITEM_STORED,   LY_ITEM_STORED,   LY_ITEM_REJECTED, LY_ITEM_REJECTED,
        LY_ITEM_REJECTED, LY_ITEM_REJECTED, LY_ITEM_REJECTED, LY_ITEM_REJECTED};
    for (size_t i = 0; i < b.n && i < 9; i++) {
        if (b.results[i] != want[i])
            fprintf(stderr, "entry %zu: %s\n", i, b.errors[i]);
        CHECK_INT(b.results[i], want[i]);
    }
    if (b.n == 9) {
        CHECK_INT(b.items[1].badge_version, 2);
        CHECK_INT(b.items[1].badge_key, 77);
        CHECK_STR(b.items[2].walkin.name, "Nguyễn Thị Hương");
        CHECK_STR(b.items[2].walkin.country, "VN");
        CHECK_STR(b.items[0].walkin.name, "");
    }
    ly_req_batch_free(&b);
}

static void parses_enrollment_key(void)
{
    struct ly_req_enroll e;
    static const char good[] =
        "{\"code\":\"ABCD-EFGH-JKMN\",\"kiosk_id\":\"" UUID_A "\",\"sign_pk\":"
        "\"03a107bff3ce10be1d70dd18e74bc09967e4d6309ba50d5f1ddc8664125531b8\"}";
    static const char odd[] =
        "{\"code\":\"ABCD\",\"kiosk_id\":\"" UUID_A "\",\"sign_pk\":\"03a1\"}";
    static const char none[] = "{\"code\":\"ABCD\",\"kiosk_id\":\"" UUID_A "\"}";
    CHECK_INT(ly_req_enroll(good, strlen(good), &e, err, sizeof err), LY_REQ_OK);
    CHECK(e.has_pk && e.sign_pk[0] == 0x03 && e.sign_pk[31] == 0xb8);
    CHECK_INT(ly_req_enroll(odd, strlen(odd), &e, err, sizeof err), LY_REQ_BAD);
    CHECK(strstr(err, "sign_pk") != NULL);
    CHECK_INT(ly_req_enroll(none, strlen(none), &e, err, sizeof err), LY_REQ_OK);
    CHECK(!e.has_pk);
}

struct keys_seen {
    int puts, deletes;
    uint32_t last;
};

static bool on_change(void *ctx, const struct ly_change *c)
{
    struct keys_seen *k = ctx;
    if (c->kind != LY_CHANGE_KEY)
        return true;
    if (c->deleted)
        k->deletes++;
    else
        k->puts++;
    k->last = (uint32_t)c->id;
    return true;
}

/* A store on a fresh seeded organizer database, with kiosk `name` enrolled in *k. */
static struct ly_store *store_with(const char *file, const char *name, const char *uuid,
                                   struct ly_store_kiosk *k)
{
    char url[300], c[20];
    struct ly_store *st = NULL;
    uint8_t code[LY_TOKEN_HASH_LEN], tok[LY_TOKEN_HASH_LEN];
    enum ly_store_redeem res;
    snprintf(url, sizeof url, "sqlite:%s/%s", dir, file);
    char path[300];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    if (!seed_hubdb(path, 0) || !ly_store_open(url, &st, err, sizeof err))
        return NULL;
    snprintf(c, sizeof c, "%.4s-AAAA-BBBB", name);
    CHECK(ly_enroll_code_hash(c, code));
    ly_token_hash(uuid, tok);
    CHECK(st->ops->add_enroll_code(st, code, name, "desk", NULL, 0, INT64_MAX, err, sizeof err));
    CHECK(st->ops->redeem_enroll_code(st, code, uuid, "", tok, 1, &res, k, err, sizeof err));
    return st;
}

static void kiosk_keys(void)
{
    struct ly_store_kiosk k, k2;
    struct ly_store *st = store_with("keys.db", "DESK", UUID_A, &k);
    uint8_t pk[32], sk[64], cert[LY_BADGE_CERT_BYTES];
    uint32_t first = 0, last = 0;
    int64_t before, after;
    if (st == NULL)
        return;
    crypto_sign_keypair(pk, sk);
    CHECK(st->ops->change_seq(st, &before, err, sizeof err));
    CHECK(st->ops->certify_kiosk(st, k.id, pk, cert, &first, &last, err, sizeof err));
    CHECK_INT(first, LY_WALKIN_FIRST(k.id));
    CHECK_INT(last, first + LY_WALKIN_IDS_PER_KIOSK - 1);
    struct ly_badge_key event[LY_EVENT_KEYS_MAX];
    size_t nevent = 0;
    char path[300];
    struct ly_hubdb *db = NULL;
    snprintf(path, sizeof path, "%s/keys.db", dir);
    CHECK(ly_hubdb_open(path, &db, err, sizeof err));
    if (db) {
        CHECK(ly_hubdb_public_keys(db, event, LY_EVENT_KEYS_MAX, &nevent, err, sizeof err));
        struct ly_event ev;
        CHECK(ly_hubdb_event(db, &ev, err, sizeof err));
        CHECK(ly_badge_cert_verify(event, nevent, ev.id, pk, first, last, cert));
        ly_hubdb_close(db);
    }
    struct keys_seen seen = {0};
    CHECK(st->ops->changes(st, before, on_change, &seen, err, sizeof err));
    CHECK(seen.puts == 1 && seen.deletes == 0 && seen.last == ly_badge_key_id(pk));
    /* Revoking a kiosk without a key takes no change sequence; with one, a key deletion. */
    enum ly_store_redeem res;
    uint8_t code[LY_TOKEN_HASH_LEN], tok[LY_TOKEN_HASH_LEN];
    CHECK(ly_enroll_code_hash("SPAR-AAAA-BBBB", code));
    ly_token_hash("spare", tok);
    CHECK(st->ops->add_enroll_code(st, code, "SPARE", "desk", NULL, 0, INT64_MAX, err, sizeof err));
    CHECK(st->ops->redeem_enroll_code(st, code, "11111111-2222-4333-8444-555555555555", "", tok, 1,
                                      &res, &k2, err, sizeof err));
    CHECK(st->ops->change_seq(st, &before, err, sizeof err));
    int revoked = 0;
    CHECK(st->ops->revoke_kiosk(st, "SPARE", 5, &revoked, err, sizeof err));
    CHECK(st->ops->change_seq(st, &after, err, sizeof err));
    CHECK_INT(revoked, 1);
    CHECK_INT(after, before);
    CHECK(st->ops->revoke_kiosk(st, "DESK", 6, &revoked, err, sizeof err));
    memset(&seen, 0, sizeof seen);
    CHECK(st->ops->changes(st, after, on_change, &seen, err, sizeof err));
    CHECK(seen.deletes == 1 && seen.last == ly_badge_key_id(pk));
    st->ops->close(st);
}

static struct ly_checkin entry(const char *uuid, int64_t seq, uint32_t att, const char *decision,
                               uint16_t version, uint32_t key)
{
    struct ly_checkin c = {.seq = seq, .wall_ms = 1765180799000LL, .attendee_id = att};
    snprintf(c.uuid, sizeof c.uuid, "%s", uuid);
    snprintf(c.gate, sizeof c.gate, "desk");
    snprintf(c.code_kind, sizeof c.code_kind, "manual");
    snprintf(c.decision, sizeof c.decision, "%s", decision);
    c.badge_version = version;
    c.badge_key = key;
    return c;
}

static int64_t scalar(const char *file, const char *sql)
{
    char path[300];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    return raw_int(path, sql);
}

static void reprints_and_walkins(void)
{
    struct ly_store_kiosk k;
    struct ly_store *st = store_with("ingest.db", "DESK", UUID_A, &k);
    if (st == NULL)
        return;
    uint32_t w = LY_WALKIN_FIRST(k.id);
    struct ly_checkin items[5] = {
        entry("10000000-0000-4000-8000-000000000000", 1, 1, "reprinted", 2, 500),
        entry("20000000-0000-4000-8000-000000000000", 2, 1, "reprinted", 2, 900),
        entry("30000000-0000-4000-8000-000000000000", 3, 1, "reprinted", 2, 700),
        entry("40000000-0000-4000-8000-000000000000", 4, w, "registered", 1, 900),
        entry("50000000-0000-4000-8000-000000000000", 5, w, "picked_up", 1, 900),
    };
    struct ly_walkin *reg = &items[3].walkin;
    snprintf(reg->name, sizeof reg->name, "Nguyễn Thị Hương");
    snprintf(reg->country, sizeof reg->country, "VN");
    snprintf(reg->stakeholder, sizeof reg->stakeholder, "civil_society");
    snprintf(reg->category, sizeof reg->category, "participant");
    enum ly_store_item res[5] = {0};
    CHECK(st->ops->ingest(st, &k, items, 5, 0, 1765180800000LL, 0, res, err, sizeof err));
    for (int i = 0; i < 5; i++)
        CHECK_INT(res[i], LY_ITEM_STORED);
    /* the higher key of version 2 wins, whatever the order they came in */
    CHECK_INT(scalar("ingest.db", "SELECT badge_version * 10000 + badge_key FROM registrations "
                                  "WHERE id = 1"),
              20900);
    CHECK_INT(scalar("ingest.db", "SELECT count(*) FROM checkins WHERE decision = 'reprinted'"), 3);
    CHECK_INT(scalar("ingest.db", "SELECT count(*) FROM registrations WHERE source = 'walkin' "
                                  "AND country = 'VN' AND region <> '' AND badge_key = 900"),
              1);
    /* the walk-in counted onsite once (registration and pickup) */
    struct ly_counts *c = NULL;
    CHECK(st->ops->counts(st, 1765180900000LL, &c, err, sizeof err));
    if (c)
        CHECK_INT(c->onsite_unique, 1);
    ly_counts_free(c);
    /* the same registration again changes nothing; the organizer's ids stay below the ranges */
    memset(res, 0, sizeof res);
    items[3].seq = 6;
    snprintf(items[3].uuid, sizeof items[3].uuid, "60000000-0000-4000-8000-000000000000");
    CHECK(st->ops->ingest(st, &k, &items[3], 1, 0, 1765180800000LL, 0, res, err, sizeof err));
    CHECK_INT(scalar("ingest.db", "SELECT count(*) FROM registrations WHERE source = 'walkin'"), 1);
    CHECK_INT(scalar("ingest.db", "SELECT seq FROM sqlite_sequence WHERE name = 'registrations'"),
              3);
    st->ops->close(st);
}

int main(void)
{
    if (sodium_init() < 0 || !mkdtemp(dir))
        return 1;
    RUN(parses_badge_entries);
    RUN(parses_enrollment_key);
    RUN(kiosk_keys);
    RUN(reprints_and_walkins);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return CHECK_DONE();
}
