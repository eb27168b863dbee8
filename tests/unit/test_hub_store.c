/* test_hub_store.c - the hub's storage interface on its SQLite backend, on real files:
 * enrollment codes (single use, expiry, names), tokens and revocation, idempotent ingest (a uuid
 * of another kiosk refused), occupancy as a change, changes in (seq, kind) order with a
 * tombstone for a removed ticket code and a stop that never splits a seq, and counts (with
 * attendees who did not state a country on lines of their own). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "hubseed.h"
#include "storecheck.h"
#include "counts/counts.h"
#include "store/store.h"
#include "proto/token.h"
#include "event/country.h"

static char dir[] = "/tmp/lanyard-store-XXXXXX";
static int file_no;

static struct ly_store *fresh(void)
{
    char url[300], err[256];
    struct ly_store *st = NULL;
    snprintf(url, sizeof url, "sqlite:%s/hub%d.db", dir, file_no++);
    CHECK(ly_store_open(url, &st, err, sizeof err));
    return st;
}

static struct ly_hubdb *hubdb_of(const char *url_path)
{
    struct ly_hubdb *db = NULL;
    char err[256];
    CHECK(ly_hubdb_open(url_path, &db, err, sizeof err));
    return db;
}

/* An organizer database with an event and three registrations; returns its path. */
static const char *seeded(char *path, size_t n)
{
    snprintf(path, n, "%s/seed%d.db", dir, file_no++);
    CHECK(seed_hubdb(path, 0));
    return path;
}

static void hash_of(const char *s, uint8_t h[LY_TOKEN_HASH_LEN])
{
    ly_token_hash(s, h);
}

static void enrollment(void)
{
    struct ly_store *st = fresh();
    char err[256];
    uint8_t code[LY_TOKEN_HASH_LEN], tok[LY_TOKEN_HASH_LEN], tok2[LY_TOKEN_HASH_LEN];
    enum ly_store_redeem res;
    struct ly_store_kiosk k;
    bool found, active;
    const char *u1 = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const char *u2 = "9b2e3c4d-1111-4222-8333-944455556666";
    CHECK(ly_enroll_code_hash("ABCD-EFGH-JKMN", code));
    hash_of("lyk_one", tok);
    hash_of("lyk_two", tok2);
    CHECK(
        st->ops->add_enroll_code(st, code, "North", "entrance", NULL, 1000, 2000, err, sizeof err));
    /* expired at 2000 */
    CHECK(st->ops->redeem_enroll_code(st, code, u1, "t", tok, 2000, &res, &k, err, sizeof err));
    CHECK_INT(res, LY_REDEEM_BAD_CODE);
    CHECK(st->ops->redeem_enroll_code(st, code, u1, "t", tok, 1999, &res, &k, err, sizeof err));
    CHECK_INT(res, LY_REDEEM_OK);
    CHECK_STR(k.name, "North");
    CHECK_STR(k.gate, "entrance");
    CHECK_STR(k.uuid, u1);
    /* single use */
    CHECK(st->ops->redeem_enroll_code(st, code, u2, "t", tok2, 1500, &res, &k, err, sizeof err));
    CHECK_INT(res, LY_REDEEM_BAD_CODE);
    CHECK(st->ops->kiosk_by_token(st, tok, &k, &found, err, sizeof err));
    CHECK(found && !k.revoked && strcmp(k.uuid, u1) == 0);
    CHECK(st->ops->kiosk_name_active(st, "North", &active, err, sizeof err) && active);
    /* another kiosk cannot take an active kiosk's name */
    uint8_t code2[LY_TOKEN_HASH_LEN];
    CHECK(ly_enroll_code_hash("ZZZZ-ZZZZ-ZZZZ", code2));
    CHECK(st->ops->add_enroll_code(st, code2, "North", "exit", NULL, 1000, 9000, err, sizeof err));
    CHECK(st->ops->redeem_enroll_code(st, code2, u2, "t", tok2, 1500, &res, &k, err, sizeof err));
    CHECK_INT(res, LY_REDEEM_NAME_TAKEN);
    int n = 0;
    CHECK(st->ops->revoke_kiosk(st, "North", 3000, &n, err, sizeof err));
    CHECK_INT(n, 1);
    CHECK(st->ops->kiosk_by_token(st, tok, &k, &found, err, sizeof err));
    CHECK(found && k.revoked);
    CHECK(st->ops->kiosk_name_active(st, "North", &active, err, sizeof err) && !active);
    /* a fresh code with a known kiosk's uuid does not take (and un-revoke) its identity: the
     * code is spent, the kiosk stays revoked */
    uint8_t code3[LY_TOKEN_HASH_LEN];
    CHECK(ly_enroll_code_hash("YYYY-YYYY-YYYY", code3));
    CHECK(st->ops->add_enroll_code(st, code3, "North", "entrance", NULL, 1000, 9000, err,
                                   sizeof err));
    CHECK(st->ops->redeem_enroll_code(st, code3, u1, "t", tok2, 4000, &res, &k, err, sizeof err));
    CHECK_INT(res, LY_REDEEM_KIOSK_EXISTS);
    CHECK(st->ops->kiosk_by_token(st, tok, &k, &found, err, sizeof err) && found && k.revoked);
    CHECK(st->ops->redeem_enroll_code(st, code3, u1, "t", tok2, 4001, &res, &k, err, sizeof err));
    CHECK_INT(res, LY_REDEEM_BAD_CODE);
    /* a code made to replace another kiosk does not fit this one either */
    uint8_t code4[LY_TOKEN_HASH_LEN];
    CHECK(ly_enroll_code_hash("XXXX-XXXX-XXXX", code4));
    CHECK(
        st->ops->add_enroll_code(st, code4, "North", "entrance", u2, 1000, 9000, err, sizeof err));
    CHECK(st->ops->redeem_enroll_code(st, code4, u1, "t", tok2, 4000, &res, &k, err, sizeof err));
    CHECK_INT(res, LY_REDEEM_KIOSK_EXISTS);
    /* the same kiosk enrolled again by an organizer's replace: active, with the new token only */
    uint8_t code5[LY_TOKEN_HASH_LEN];
    CHECK(ly_enroll_code_hash("WWWW-WWWW-WWWW", code5));
    CHECK(
        st->ops->add_enroll_code(st, code5, "North", "entrance", u1, 1000, 9000, err, sizeof err));
    CHECK(st->ops->redeem_enroll_code(st, code5, u1, "t", tok2, 4000, &res, &k, err, sizeof err));
    CHECK_INT(res, LY_REDEEM_OK);
    CHECK(st->ops->kiosk_by_token(st, tok, &k, &found, err, sizeof err) && !found);
    CHECK(st->ops->kiosk_by_token(st, tok2, &k, &found, err, sizeof err) && found && !k.revoked);
    /* read tokens */
    check_read_tokens(st, tok, code);
    ly_store_close(st);
}

static struct ly_checkin item(int i, uint32_t attendee, const char *decision, int direction)
{
    struct ly_checkin c = {0};
    snprintf(c.uuid, sizeof c.uuid, "00000000-0000-4000-8000-%012d", i);
    c.seq = i;
    c.wall_ms = 1765180800000LL + i;
    c.mono_ms = i;
    snprintf(c.gate, sizeof c.gate, "entrance");
    c.attendee_id = attendee;
    snprintf(c.code_kind, sizeof c.code_kind, "badge");
    snprintf(c.decision, sizeof c.decision, "%s", decision);
    snprintf(c.reason_code, sizeof c.reason_code, "%s",
             strcmp(decision, "denied") == 0 ? "revoked" : "");
    snprintf(c.place, sizeof c.place, "%s", direction ? "venue" : "");
    c.direction = direction;
    return c;
}

struct seen {
    int64_t seq[64];
    enum ly_change_kind kind[64];
    bool deleted[64];
    int64_t id[64];
    int64_t inside;
    size_t n, stop_after;
};

static bool collect(void *ctx, const struct ly_change *c)
{
    struct seen *s = ctx;
    if (s->n == s->stop_after || s->n == 64)
        return false;
    s->seq[s->n] = c->seq;
    s->kind[s->n] = c->kind;
    s->deleted[s->n] = c->deleted;
    s->id[s->n] = c->id;
    if (c->kind == LY_CHANGE_OCCUPANCY)
        s->inside = c->u.occupancy.inside;
    s->n++;
    return true;
}

/* A kiosk enrolled in st; fills *k. */
static void enrolled(struct ly_store *st, const char *uuid, const char *name,
                     struct ly_store_kiosk *k)
{
    char err[256];
    uint8_t code[LY_TOKEN_HASH_LEN], tok[LY_TOKEN_HASH_LEN];
    enum ly_store_redeem res;
    char c[20];
    snprintf(c, sizeof c, "%.4s-AAAA-BBBB", name);
    CHECK(ly_enroll_code_hash(c, code));
    hash_of(uuid, tok);
    CHECK(
        st->ops->add_enroll_code(st, code, name, "entrance", NULL, 0, INT64_MAX, err, sizeof err));
    CHECK(st->ops->redeem_enroll_code(st, code, uuid, "", tok, 1, &res, k, err, sizeof err));
    CHECK_INT(res, LY_REDEEM_OK);
}

static void ingest_changes_counts(void)
{
    char path[300], url[320], err[256];
    snprintf(url, sizeof url, "sqlite:%s", seeded(path, sizeof path));
    struct ly_store *st = NULL;
    CHECK(ly_store_open(url, &st, err, sizeof err));
    if (st == NULL)
        return;
    struct ly_store_kiosk k1, k2;
    enrolled(st, "0f8fad5b-d9cb-469f-a165-70867728950e", "KONE", &k1);
    enrolled(st, "9b2e3c4d-1111-4222-8333-944455556666", "KTWO", &k2);
    int64_t before;
    CHECK(st->ops->change_seq(st, &before, err, sizeof err));

    struct ly_checkin items[4] = {item(1, 1, "granted", 1), item(2, 2, "granted", 1),
                                  item(3, 3, "denied", 0), item(4, 3, "granted", 1)};
    enum ly_store_item res[4] = {0};
    int64_t now = 1765180900000LL;
    CHECK(st->ops->ingest(st, &k1, items, 4, 0, now, 7, res, err, sizeof err));
    for (int i = 0; i < 4; i++)
        CHECK_INT(res[i], LY_ITEM_STORED);
    /* the same batch again: duplicates; from another kiosk: rejected; a pre-rejected item is
     * skipped */
    memset(res, 0, sizeof res);
    res[3] = LY_ITEM_REJECTED;
    CHECK(st->ops->ingest(st, &k1, items, 4, 0, now, 0, res, err, sizeof err));
    CHECK(res[0] == LY_ITEM_DUPLICATE && res[2] == LY_ITEM_DUPLICATE && res[3] == LY_ITEM_REJECTED);
    memset(res, 0, sizeof res);
    CHECK(st->ops->ingest(st, &k2, items, 1, 0, now, 0, res, err, sizeof err));
    CHECK_INT(res[0], LY_ITEM_REJECTED);

    /* occupancy is a change: 3 inside the venue; then one leaves */
    struct seen s = {.stop_after = 64};
    CHECK(st->ops->changes(st, before, collect, &s, err, sizeof err));
    CHECK_INT(s.n, 1);
    CHECK_INT(s.kind[0], LY_CHANGE_OCCUPANCY);
    CHECK_INT(s.inside, 3);
    struct ly_checkin out = item(5, 2, "granted", -1);
    res[0] = LY_ITEM_STORED;
    CHECK(st->ops->ingest(st, &k1, &out, 1, 0, now + 5, 0, res, err, sizeof err));
    s = (struct seen){.stop_after = 64};
    CHECK(st->ops->changes(st, before, collect, &s, err, sizeof err));
    CHECK(s.n == 1 && s.inside == 2 && s.seq[0] > before + 1);

    /* counts */
    struct ly_counts *c = NULL;
    CHECK(st->ops->counts(st, now + 10, &c, err, sizeof err));
    if (c) {
        CHECK_INT(c->onsite_unique, 3);
        CHECK_INT(c->inside_now, 2);
        CHECK_INT(c->countries, 2);
        CHECK(c->nby_country == 2 && strcmp(c->by_country[0].key, "KE") == 0 &&
              c->by_country[0].n == 2);
        CHECK_INT(c->nkiosks, 2);
        CHECK(strcmp(c->kiosks[0].name, "KONE") == 0 && c->kiosks[0].scans == 5 &&
              c->kiosks[0].granted == 4 && c->kiosks[0].ndenied == 1 &&
              strcmp(c->kiosks[0].denied[0].reason, "revoked") == 0 && c->kiosks[0].queue == 0);
        CHECK(c->ntimeline == 1 && c->timeline[0].entries == 3);
        ly_counts_free(c);
    }
    ly_store_close(st);

    /* a removed ticket code leaves a tombstone; all changes come in (seq, kind) order */
    struct ly_hubdb *db = hubdb_of(path);
    struct ly_registration a = seed_reg("A1", "KE", "");
    enum ly_upsert what;
    CHECK(ly_hubdb_upsert_registration(db, &a, &what, err, sizeof err));
    ly_hubdb_close(db);
    CHECK(ly_store_open(url, &st, err, sizeof err));
    s = (struct seen){.stop_after = 64};
    CHECK(st->ops->changes(st, 0, collect, &s, err, sizeof err));
    CHECK_INT(s.n, 7); /* event, key, 2 attendees, occupancy, attendee A1 and its tombstone */
    CHECK_INT(s.kind[0], LY_CHANGE_EVENT);
    CHECK_INT(s.kind[1], LY_CHANGE_KEY);
    bool ordered = true, tomb = false;
    for (size_t i = 1; i < s.n; i++)
        ordered = ordered && (s.seq[i - 1] < s.seq[i] ||
                              (s.seq[i - 1] == s.seq[i] && s.kind[i - 1] <= s.kind[i]));
    for (size_t i = 0; i < s.n; i++)
        tomb = tomb || (s.kind[i] == LY_CHANGE_ALT_CODE && s.deleted[i] && s.id[i] == 1);
    CHECK(ordered);
    CHECK(tomb);
    /* stopping after the first change: the event only */
    s = (struct seen){.stop_after = 1};
    CHECK(st->ops->changes(st, 0, collect, &s, err, sizeof err));
    CHECK_INT(s.n, 1);
    ly_store_close(st);
}

/* Attendees who did not state a country are counted on lines of their own (country and region),
 * never as a country, and the report and the text say how many they are. */
static void country_not_stated_counts(void)
{
    char path[300], url[320], err[256];
    snprintf(url, sizeof url, "sqlite:%s", seeded(path, sizeof path));
    struct ly_hubdb *db = hubdb_of(path);
    struct ly_registration z = seed_reg("Z4", LY_COUNTRY_NOT_STATED, "");
    snprintf(z.region, sizeof z.region, "%s", LY_REGION_NOT_STATED);
    enum ly_upsert what;
    CHECK(ly_hubdb_upsert_registration(db, &z, &what, err, sizeof err));
    ly_hubdb_close(db);
    struct ly_store *st = NULL;
    CHECK(ly_store_open(url, &st, err, sizeof err));
    if (st == NULL)
        return;
    struct ly_store_kiosk k;
    enrolled(st, "0f8fad5b-d9cb-469f-a165-70867728950e", "KONE", &k);
    struct ly_checkin items[3] = {item(1, 1, "granted", 1), item(2, 2, "granted", 1),
                                  item(3, 4, "granted", 1)};
    enum ly_store_item res[3] = {0};
    int64_t now = 1765180900000LL;
    CHECK(st->ops->ingest(st, &k, items, 3, 0, now, 0, res, err, sizeof err));
    struct ly_counts *c = NULL;
    CHECK(st->ops->counts(st, now + 10, &c, err, sizeof err));
    ly_store_close(st);
    if (c == NULL)
        return;
    CHECK_INT(c->onsite_unique, 3);
    CHECK_INT(c->countries, 2); /* KE and NO */
    CHECK_INT(c->nby_country, 3);
    CHECK(c->nby_country == 3 && strcmp(c->by_country[2].key, "ZZ") == 0 &&
          c->by_country[2].n == 1);
    CHECK(c->nby_region == 2 && strcmp(c->by_region[1].key, "not_stated") == 0 &&
          c->by_region[1].n == 1);

    char *text = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&text, &n);
    ly_counts_report(f, c, false);
    ly_counts_report(f, c, true);
    ly_counts_text(f, c);
    ly_counts_json(f, c);
    fclose(f);
    CHECK(strstr(text, "**3 onsite participants from 2 countries.** 1 of them did not state a "
                       "country.\n") != NULL);
    CHECK(strstr(text, "| not stated | 1 | 33.3 % |\n") != NULL);
    CHECK(strstr(text, "| not_stated | 1 | 33.3 % |\n") != NULL);
    CHECK(strstr(text, "country,ZZ,1\r\n") != NULL);
    CHECK(strstr(text, "countries:       2 (and 1 onsite without a stated country)\n") != NULL);
    CHECK(strstr(text, "{\"country\":\"ZZ\",\"n\":1}") != NULL);
    free(text);
    ly_counts_free(c);
}

static void opens_only_known_backends(void)
{
    struct ly_store *st = NULL;
    char err[256] = "";
    /* a PostgreSQL URL goes to libpq: a server that is not there is an error */
    CHECK(!ly_store_open("postgresql://lanyard@/x?host=/nonexistent", &st, err, sizeof err));
    CHECK(strstr(err, "PostgreSQL") != NULL);
    CHECK(!ly_store_open("sqlite:", &st, err, sizeof err));
    /* the SQLite backend is the organizer database itself: it loads nothing */
    char path[300];
    struct ly_store_loaded n;
    st = fresh();
    if (st) {
        struct ly_hubdb *src = hubdb_of(seeded(path, sizeof path));
        CHECK(!st->ops->load(st, src, &n, err, sizeof err));
        CHECK(strstr(err, "SQLite hub serves the organizer database") != NULL);
        ly_hubdb_close(src);
        ly_store_close(st);
    }
}

static void revoke_through_the_store(void)
{
    char path[300], url[320], err[256];
    bool found = true;
    struct ly_store *st = NULL;
    snprintf(url, sizeof url, "sqlite:%s", seeded(path, sizeof path));
    CHECK(ly_store_open(url, &st, err, sizeof err));
    if (st == NULL)
        return;
    int64_t before, after;
    CHECK(st->ops->change_seq(st, &before, err, sizeof err));
    CHECK(st->ops->set_revoked(st, 2, true, &found, err, sizeof err) && found);
    CHECK(st->ops->set_revoked(st, 99, true, &found, err, sizeof err) && !found);
    CHECK(st->ops->change_seq(st, &after, err, sizeof err));
    CHECK_INT(after, before + 1);
    struct seen s = {.stop_after = 64};
    CHECK(st->ops->changes(st, before, collect, &s, err, sizeof err));
    CHECK(s.n == 1 && s.kind[0] == LY_CHANGE_ATTENDEE && s.id[0] == 2);
    ly_store_close(st);
}

/* The check-ins the hub refuses (store/validate.h), and the flood of made-up attendees. */
static void validation(void)
{
    char path[300], url[320], err[256];
    snprintf(url, sizeof url, "sqlite:%s", seeded(path, sizeof path));
    CHECK(seed_programme(path));
    struct ly_store *st = NULL;
    CHECK(ly_store_open(url, &st, err, sizeof err));
    if (st == NULL)
        return;
    struct ly_store_kiosk k;
    enrolled(st, "0f8fad5b-d9cb-469f-a165-70867728950e", "KONE", &k);
    static const uint32_t people[3] = {1, 2, 3};
    check_validation(st, &k, 1, 2, people);
    check_occupancy(st, &k, 1, 2, people);
    struct ly_store_kiosk k1, k2;
    enrolled(st, "0f8fad5b-d9cb-469f-a165-708677289501", "CONF door 1", &k1);
    enrolled(st, "0f8fad5b-d9cb-469f-a165-708677289502", "CFTW door 2", &k2);
    check_conflicts(st, &k1, &k2, "CONF door 1", "CFTW door 2", people[2]);
    ly_store_close(st);
}

static void tokens_and_codes(void)
{
    char t[LY_TOKEN_LEN + 1], code[LY_ENROLL_CODE_LEN + 1];
    uint8_t h1[LY_TOKEN_HASH_LEN], h2[LY_TOKEN_HASH_LEN];
    ly_token_new(LY_TOKEN_KIOSK, t);
    CHECK_INT(strlen(t), LY_TOKEN_LEN);
    CHECK_INT(ly_token_kind(t), LY_TOKEN_KIOSK);
    ly_token_new(LY_TOKEN_READ, t);
    CHECK_INT(ly_token_kind(t), LY_TOKEN_READ);
    t[10] = '!';
    CHECK_INT(ly_token_kind(t), LY_TOKEN_NONE);
    CHECK_INT(ly_token_kind("lyk_short"), LY_TOKEN_NONE);
    CHECK_STR(ly_token_bearer("Bearer  abc"), "abc");
    CHECK_STR(ly_token_bearer("bearer abc"), "abc");
    CHECK(ly_token_bearer("Basic abc") == NULL);
    CHECK(ly_token_bearer("Bearer ") == NULL);
    ly_enroll_code_new(code);
    CHECK_INT(strlen(code), 14);
    CHECK(code[4] == '-' && code[9] == '-');
    CHECK(ly_enroll_code_hash("7KQ2-MX4D-9RTA", h1));
    CHECK(ly_enroll_code_hash("7kq2 mx4d 9rta", h2));
    CHECK(memcmp(h1, h2, sizeof h1) == 0);
    CHECK(ly_enroll_code_hash("OIL0-0000-0000", h1)); /* O, I, L read as 0, 1, 1 */
    CHECK(ly_enroll_code_hash("0110-0000-0000", h2));
    CHECK(memcmp(h1, h2, sizeof h1) == 0);
    CHECK(!ly_enroll_code_hash("7KQ2-MX4D-9RT", h1));   /* 11 characters */
    CHECK(!ly_enroll_code_hash("7KQ2-MX4D-9RTAA", h1)); /* 13 */
    CHECK(!ly_enroll_code_hash("7KQ2-MX4D-9RTU", h1));  /* U is not a code character */
}

int main(void)
{
    if (sodium_init() < 0 || mkdtemp(dir) == NULL)
        return 1;
    RUN(enrollment);
    RUN(ingest_changes_counts);
    RUN(validation);
    RUN(country_not_stated_counts);
    RUN(opens_only_known_backends);
    RUN(revoke_through_the_store);
    RUN(tokens_and_codes);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
