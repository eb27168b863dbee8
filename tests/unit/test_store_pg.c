/* test_store_pg.c - the hub's storage interface on PostgreSQL, against a private server this
 * test starts (tests/integration/pg.sh; it prints "skip - " and passes when no server can be
 * started; LY_TEST_PG_URL names a database to use instead): migrations run once when two
 * connections open at once, an organizer database loaded and loaded again, enrollment, the
 * same batch ingested by two connections at once (stored once, the other answered duplicate),
 * a kiosk following the changes while four writers take seqs at once never skipping one, the
 * snapshot, counts, and an attendee who did not state a country through all of them. */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "store/pg/store_pg_schema.h"
#include "counts/counts.h"
#include "event/country.h"
#include "hubseed.h"
#include "storecheck.h"
#include "event/records.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_sync.h"
#include "store/pg/store_pg_schema.h"
#include "store/store.h"
#include "proto/token.h"

static char dir[] = "/tmp/lanyard-store-pg-XXXXXX";
static char url[512], server[800];

static struct ly_store *conn(void)
{
    char err[256];
    struct ly_store *st = NULL;
    if (!ly_store_open(url, &st, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return NULL;
    }
    return st;
}

/* Starts the private server; false (with a skip line) when there is none. */
static bool start_server(void)
{
    const char *given = getenv("LY_TEST_PG_URL");
    if (given && given[0]) {
        snprintf(url, sizeof url, "%s", given);
        return true;
    }
    char cmd[64];
    /* the server is stopped when this process ends, however it ends */
    snprintf(cmd, sizeof cmd, "bash tests/integration/pg.sh start %d", (int)getpid());
    FILE *p = popen(cmd, "r");
    char line[800] = "";
    if (p == NULL || fgets(line, sizeof line, p) == NULL) {
        if (p)
            pclose(p);
        puts("skip - test_store_pg: no PostgreSQL server could be started");
        return false;
    }
    pclose(p);
    line[strcspn(line, "\n")] = '\0';
    char *sp = strchr(line, ' ');
    if (sp == NULL)
        return false;
    *sp = '\0';
    snprintf(server, sizeof server, "%s", line);
    snprintf(url, sizeof url, "%s", sp + 1);
    return true;
}

static void *open_one(void *arg)
{
    struct ly_store **out = arg;
    *out = conn();
    return NULL;
}

static void migrations_once(void)
{
    pthread_t t[4];
    struct ly_store *st[4] = {0};
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, open_one, &st[i]);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 4; i++)
        CHECK(st[i] != NULL);
    char cmd[700], got[64] = "";
    snprintf(cmd, sizeof cmd,
             "psql -Atq -X '%s' -c 'SELECT count(*), max(version) FROM "
             "schema_version'",
             url);
    FILE *p = popen(cmd, "r");
    CHECK(p && fgets(got, sizeof got, p));
    if (p)
        pclose(p);
    char want[32];
    snprintf(want, sizeof want, "%d|%d\n", ly_pg_nmigrations, ly_pg_nmigrations);
    CHECK_STR(got, want); /* each migration once, however many hubs start together */
    for (int i = 0; i < 4; i++)
        ly_store_close(st[i]);
}

static struct ly_store *hub; /* the loaded database, for the cases below */

static void load_and_reload(void)
{
    char path[300], err[256];
    struct ly_store_loaded n;
    struct ly_hubdb *src;
    snprintf(path, sizeof path, "%s/org.db", dir);
    CHECK(seed_hubdb(path, 40));
    hub = conn();
    CHECK(hub != NULL);
    if (hub == NULL || !ly_hubdb_open(path, &src, err, sizeof err))
        return;
    CHECK(hub->ops->load(hub, src, &n, err, sizeof err));
    CHECK(n.created);
    CHECK_INT(n.registrations, 43);
    CHECK_INT(n.keys, 1);
    CHECK_INT(n.changed, 44); /* the key and 43 registrations */
    int64_t seq;
    CHECK(hub->ops->change_seq(hub, &seq, err, sizeof err));
    CHECK_INT(seq, 44);
    CHECK(hub->ops->load(hub, src, &n, err, sizeof err));
    CHECK(!n.created && n.changed == 0);
    /* a revocation at the hub survives a load; a change in the file comes through */
    bool found;
    CHECK(hub->ops->set_revoked(hub, 2, true, &found, err, sizeof err) && found);
    CHECK(hub->ops->set_revoked(hub, 999, true, &found, err, sizeof err) && !found);
    struct ly_registration a = seed_reg("A1", "KE", ""); /* its ticket code removed */
    enum ly_upsert what;
    uint16_t v;
    CHECK(ly_hubdb_upsert_registration(src, &a, &what, err, sizeof err));
    CHECK(ly_hubdb_reissue(src, 3, &v, err, sizeof err));
    CHECK(hub->ops->load(hub, src, &n, err, sizeof err));
    CHECK_INT(n.changed, 2);
    struct ly_event ev;
    CHECK(hub->ops->event(hub, &ev, &found, err, sizeof err) && found);
    CHECK_STR(ev.name, "Forum");
    ly_hubdb_close(src);
    /* another event is refused */
    snprintf(path, sizeof path, "%s/other.db", dir);
    CHECK(seed_hubdb(path, 0));
    CHECK(ly_hubdb_open(path, &src, err, sizeof err));
    CHECK(!hub->ops->load(hub, src, &n, err, sizeof err));
    CHECK(strstr(err, "another event") != NULL);
    ly_hubdb_close(src);
}

static bool attendee_revoked(void *ctx, const struct ly_change *c)
{
    int *revoked = ctx;
    if (c->kind == LY_CHANGE_ATTENDEE && c->id == 2)
        *revoked = c->u.attendee->revoked;
    if (c->kind == LY_CHANGE_ALT_CODE && c->deleted && c->id == 1)
        revoked[1] = 1; /* the tombstone of A1's ticket code */
    return true;
}

static void load_reaches_changes(void)
{
    char err[256];
    int seen[2] = {-1, 0};
    if (hub == NULL)
        return;
    CHECK(hub->ops->changes(hub, 0, attendee_revoked, seen, err, sizeof err));
    CHECK_INT(seen[0], 1);
    CHECK_INT(seen[1], 1);
}

/* A kiosk enrolled in st; fills *k. */
static void enrolled(struct ly_store *st, const char *uuid, const char *name,
                     struct ly_store_kiosk *k)
{
    char err[256], c[20];
    uint8_t code[LY_TOKEN_HASH_LEN], tok[LY_TOKEN_HASH_LEN];
    enum ly_store_redeem res;
    snprintf(c, sizeof c, "%.4s-AAAA-BBBB", name);
    CHECK(ly_enroll_code_hash(c, code));
    ly_token_hash(uuid, tok);
    CHECK(
        st->ops->add_enroll_code(st, code, name, "entrance", NULL, 0, INT64_MAX, err, sizeof err));
    CHECK(st->ops->redeem_enroll_code(st, code, uuid, "", tok, 1, &res, k, err, sizeof err));
    CHECK_INT(res, LY_REDEEM_OK);
}

static void enrollment(void)
{
    char err[256];
    struct ly_store_kiosk k, k2;
    bool found, active;
    uint8_t code[LY_TOKEN_HASH_LEN], code2[LY_TOKEN_HASH_LEN], tok[LY_TOKEN_HASH_LEN];
    enum ly_store_redeem res;
    int n = 0;
    if (hub == NULL)
        return;
    enrolled(hub, "0f8fad5b-d9cb-469f-a165-70867728950e", "DOOR", &k);
    CHECK(hub->ops->kiosk_name_active(hub, "DOOR", &active, err, sizeof err) && active);
    /* a used code, an expired code, a name taken */
    CHECK(ly_enroll_code_hash("DOOR-AAAA-BBBB", code));
    ly_token_hash("x", tok);
    CHECK(hub->ops->redeem_enroll_code(hub, code, "9b2e3c4d-1111-4222-8333-944455556666", "", tok,
                                       2, &res, &k2, err, sizeof err));
    CHECK_INT(res, LY_REDEEM_BAD_CODE);
    CHECK(ly_enroll_code_hash("ZZZZ-ZZZZ-ZZZZ", code));
    CHECK(hub->ops->add_enroll_code(hub, code, "DOOR", "exit", NULL, 0, 100, err, sizeof err));
    CHECK(hub->ops->redeem_enroll_code(hub, code, "9b2e3c4d-1111-4222-8333-944455556666", "", tok,
                                       100, &res, &k2, err, sizeof err));
    CHECK_INT(res, LY_REDEEM_BAD_CODE);
    CHECK(ly_enroll_code_hash("YYYY-YYYY-YYYY", code2));
    CHECK(hub->ops->add_enroll_code(hub, code2, "DOOR", "exit", NULL, 0, 100, err, sizeof err));
    CHECK(hub->ops->redeem_enroll_code(hub, code2, "9b2e3c4d-1111-4222-8333-944455556666", "", tok,
                                       50, &res, &k2, err, sizeof err));
    CHECK_INT(res, LY_REDEEM_NAME_TAKEN);
    /* a fresh code with an enrolled kiosk's uuid does not take its identity (the code is
     * spent); one made to replace it does */
    uint8_t code3[LY_TOKEN_HASH_LEN];
    CHECK(ly_enroll_code_hash("XXXX-XXXX-XXXX", code3));
    CHECK(hub->ops->add_enroll_code(hub, code3, "DOOR", "exit", NULL, 0, 100, err, sizeof err));
    CHECK(hub->ops->redeem_enroll_code(hub, code3, "0f8fad5b-d9cb-469f-a165-70867728950e", "", tok,
                                       50, &res, &k2, err, sizeof err));
    CHECK_INT(res, LY_REDEEM_KIOSK_EXISTS);
    CHECK(hub->ops->redeem_enroll_code(hub, code3, "0f8fad5b-d9cb-469f-a165-70867728950e", "", tok,
                                       50, &res, &k2, err, sizeof err));
    CHECK_INT(res, LY_REDEEM_BAD_CODE);
    ly_token_hash("0f8fad5b-d9cb-469f-a165-70867728950e", tok);
    CHECK(hub->ops->kiosk_by_token(hub, tok, &k2, &found, err, sizeof err) && found);
    CHECK(k2.id == k.id && !k2.revoked && strcmp(k2.name, "DOOR") == 0);
    CHECK(hub->ops->touch_kiosk(hub, k.id, 5000, err, sizeof err));
    CHECK(hub->ops->kiosk_by_token(hub, tok, &k2, &found, err, sizeof err));
    CHECK_INT(k2.last_contact_ms, 5000);
    check_read_tokens(hub, tok, code);
    enrolled(hub, "11111111-2222-4333-8444-555555555555", "GONE", &k2);
    CHECK(hub->ops->revoke_kiosk(hub, "GONE", 9, &n, err, sizeof err));
    CHECK_INT(n, 1);
    CHECK(hub->ops->kiosk_name_active(hub, "GONE", &active, err, sizeof err) && !active);
}

#define BATCH 200

static struct ly_checkin batch[BATCH];

struct pusher {
    struct ly_store *st;
    struct ly_store_kiosk k;
    enum ly_store_item res[BATCH];
    bool ok;
};

static void *push(void *arg)
{
    struct pusher *p = arg;
    char err[256];
    p->ok = p->st->ops->ingest(p->st, &p->k, batch, BATCH, 0, 1765180900000LL, 0, p->res, err,
                               sizeof err);
    if (!p->ok)
        fprintf(stderr, "ingest: %s\n", err);
    return NULL;
}

static void same_batch_twice_at_once(void)
{
    char err[256];
    struct pusher p[2] = {0};
    pthread_t t[2];
    if (hub == NULL)
        return;
    for (int i = 0; i < BATCH; i++) {
        struct ly_checkin *c = &batch[i];
        memset(c, 0, sizeof *c);
        snprintf(c->uuid, sizeof c->uuid, "00000000-0000-4000-8000-%012d", i + 1);
        c->seq = i + 1;
        c->wall_ms = 1765180800000LL + i;
        snprintf(c->gate, sizeof c->gate, "entrance");
        c->attendee_id = (uint32_t)(1 + i % 43);
        snprintf(c->code_kind, sizeof c->code_kind, "badge");
        snprintf(c->decision, sizeof c->decision, "granted");
        snprintf(c->place, sizeof c->place, "venue");
        c->direction = i < 43 ? 1 : 0;
    }
    struct ly_store_kiosk k;
    enrolled(hub, "22222222-2222-4333-8444-555555555555", "PAIR", &k);
    for (int i = 0; i < 2; i++) {
        p[i].st = conn();
        p[i].k = k;
    }
    if (p[0].st && p[1].st) {
        for (int i = 0; i < 2; i++)
            pthread_create(&t[i], NULL, push, &p[i]);
        for (int i = 0; i < 2; i++)
            pthread_join(t[i], NULL);
        CHECK(p[0].ok && p[1].ok);
        int stored = 0, dup = 0;
        for (int i = 0; i < BATCH; i++) {
            stored += (p[0].res[i] == LY_ITEM_STORED) + (p[1].res[i] == LY_ITEM_STORED);
            dup += (p[0].res[i] == LY_ITEM_DUPLICATE) + (p[1].res[i] == LY_ITEM_DUPLICATE);
        }
        CHECK_INT(stored, BATCH);
        CHECK_INT(dup, BATCH);
    }
    struct ly_counts *c = NULL;
    CHECK(hub->ops->counts(hub, 1765180900000LL + 10, &c, err, sizeof err));
    if (c) {
        CHECK_INT(c->onsite_unique, 43);
        CHECK_INT(c->inside_now, 43);
        CHECK_INT(c->countries, 4);
        bool counted = false;
        for (size_t i = 0; i < c->nkiosks; i++)
            counted = counted || (strcmp(c->kiosks[i].name, "PAIR") == 0 &&
                                  c->kiosks[i].scans == BATCH && c->kiosks[i].granted == BATCH);
        CHECK(counted);
        CHECK(c->ntimeline == 1 && c->timeline[0].entries == 43);
        ly_counts_free(c);
    }
    for (int i = 0; i < 2; i++)
        ly_store_close(p[i].st);
}

/* Two hubs on one database store the two doors' admissions of the same badges at the same time
 * (kiosks RACE-A and RACE-B, each with its own connection, RACE_N attendees a round, once a day):
 * whichever commits second sees the first's check-in, so every attendee gets exactly one
 * conflict, never none and never two. */
#define RACE_N      40
#define RACE_ROUNDS 5

struct racer {
    struct ly_store *st;
    struct ly_store_kiosk k;
    struct ly_checkin items[RACE_N];
    enum ly_store_item res[RACE_N];
    bool ok;
};

static void *race(void *arg)
{
    struct racer *r = arg;
    char err[256];
    r->ok = r->st->ops->ingest(r->st, &r->k, r->items, RACE_N, 0, 1765180900000LL, 0, r->res, err,
                               sizeof err);
    if (!r->ok)
        fprintf(stderr, "ingest: %s\n", err);
    return NULL;
}

struct race_seen {
    char place[32];
    int n, per[RACE_N + 1];
};

static bool race_row(void *ctx, const struct ly_hubdb_conflict *c)
{
    struct race_seen *x = ctx;
    if (strcmp(c->place, x->place) == 0) {
        x->n++;
        if (c->attendee_id >= 1 && c->attendee_id <= RACE_N)
            x->per[c->attendee_id]++;
    }
    return true;
}

static void conflicts_at_once(void)
{
    char err[256];
    struct racer *r = calloc(2, sizeof *r);
    if (hub == NULL || r == NULL) {
        free(r);
        return;
    }
    enrolled(hub, "33333333-2222-4333-8444-55555555550a", "RACE-A", &r[0].k);
    enrolled(hub, "33333333-2222-4333-8444-55555555550b", "RCEB-B", &r[1].k);
    for (int i = 0; i < 2; i++)
        r[i].st = conn();
    for (int round = 0; round < RACE_ROUNDS && r[0].st && r[1].st; round++) {
        struct race_seen seen = {0};
        snprintf(seen.place, sizeof seen.place, "session:RACE-%d", round);
        for (int w = 0; w < 2; w++) {
            for (int i = 0; i < RACE_N; i++) {
                struct ly_checkin *c = &r[w].items[i];
                memset(c, 0, sizeof *c);
                snprintf(c->uuid, sizeof c->uuid, "5555%04u-0000-4000-8000-%012u",
                         (unsigned)round % 10000u, (unsigned)(w * RACE_N + i + 1) % 1000000u);
                c->seq = round * RACE_N + i + 1;
                c->wall_ms = 1765180800000LL + i;
                snprintf(c->gate, sizeof c->gate, "entrance");
                c->attendee_id = (uint32_t)(i + 1);
                snprintf(c->code_kind, sizeof c->code_kind, "badge");
                snprintf(c->decision, sizeof c->decision, "granted");
                snprintf(c->place, sizeof c->place, "%s", seen.place);
                snprintf(c->policy, sizeof c->policy, "once_per_day");
                c->direction = 1;
                r[w].res[i] = LY_ITEM_STORED;
            }
        }
        pthread_t t[2];
        for (int w = 0; w < 2; w++)
            pthread_create(&t[w], NULL, race, &r[w]);
        for (int w = 0; w < 2; w++)
            pthread_join(t[w], NULL);
        CHECK(r[0].ok && r[1].ok);
        CHECK(hub->ops->conflicts(hub, race_row, &seen, err, sizeof err));
        CHECK_INT(seen.n, RACE_N);
        for (int a = 1; a <= RACE_N; a++)
            CHECK_INT(seen.per[a], 1);
    }
    for (int i = 0; i < 2; i++)
        ly_store_close(r[i].st);
    free(r);
}

/* Four writers revoke and restore badges, each with its own connection, while a kiosk follows
 * the changes from its cursor; after the writers stop and one last pull, the kiosk holds every
 * badge's final state: no seq was committed behind its cursor. */
#define WRITERS 4
#define ROUNDS  40

struct writer {
    int no;
    bool ok;
};
static volatile int writers_done;
static bool kiosk_revoked[64];

static void *write_badges(void *arg)
{
    struct writer *w = arg;
    struct ly_store *st = conn();
    char err[256];
    bool found;
    w->ok = st != NULL;
    for (int r = 0; w->ok && r < ROUNDS; r++) {
        uint32_t id = (uint32_t)(4 + w->no * 8 + r % 8);
        w->ok = st->ops->set_revoked(st, id, r % 3 != 0, &found, err, sizeof err) && found;
    }
    ly_store_close(st);
    __atomic_add_fetch(&writers_done, 1, __ATOMIC_SEQ_CST);
    return NULL;
}

struct follow {
    int64_t cursor, next;
    bool backwards;
};

/* Applies a change as a kiosk does and moves the next cursor to it. */
static bool follow_change(void *ctx, const struct ly_change *c)
{
    struct follow *f = ctx;
    if (c->seq <= f->cursor || c->seq < f->next)
        f->backwards = true;
    f->next = c->seq;
    if (c->kind == LY_CHANGE_ATTENDEE && c->id < 64)
        kiosk_revoked[c->id] = c->u.attendee->revoked;
    return true;
}

static void follower_never_skips(void)
{
    char err[256];
    struct writer w[WRITERS];
    pthread_t t[WRITERS];
    struct follow f = {0};
    if (hub == NULL)
        return;
    CHECK(hub->ops->change_seq(hub, &f.cursor, err, sizeof err));
    for (int i = 0; i < WRITERS; i++) {
        w[i].no = i;
        pthread_create(&t[i], NULL, write_badges, &w[i]);
    }
    bool ok = true;
    int pulls = 0;
    for (int last = 0; ok && last < 2; pulls++) {
        if (__atomic_load_n(&writers_done, __ATOMIC_SEQ_CST) == WRITERS)
            last++;
        f.next = f.cursor;
        ok = hub->ops->changes(hub, f.cursor, follow_change, &f, err, sizeof err);
        f.cursor = f.next;
    }
    for (int i = 0; i < WRITERS; i++) {
        pthread_join(t[i], NULL);
        CHECK(w[i].ok);
    }
    CHECK(ok);
    CHECK(!f.backwards);
    CHECK(pulls > 2);
    /* every badge as the writers left it: revoked unless its last round was a multiple of 3 */
    int wrong = 0;
    for (int i = 0; i < WRITERS; i++)
        for (int j = 0; j < 8; j++) {
            int last_r = ROUNDS - 8 + j;
            wrong += kiosk_revoked[4 + i * 8 + j] != (last_r % 3 != 0);
        }
    CHECK_INT(wrong, 0);
    int64_t seq;
    CHECK(hub->ops->change_seq(hub, &seq, err, sizeof err));
    CHECK_INT(seq, f.cursor);
}

/* The check-ins the hub refuses (store/validate.h), and the flood of made-up attendees. */
static void validation(void)
{
    char path[300], err[256];
    struct ly_store_loaded n;
    struct ly_hubdb *src;
    if (hub == NULL)
        return;
    snprintf(path, sizeof path, "%s/org.db", dir);
    CHECK(seed_programme(path));
    CHECK(ly_hubdb_open(path, &src, err, sizeof err));
    /* three people nobody has checked in yet (the cases above checked in the others) */
    uint32_t people[3];
    for (int i = 0; i < 3; i++) {
        char ext[16];
        enum ly_upsert what;
        uint32_t id = 0;
        snprintf(ext, sizeof ext, "V%d", i);
        struct ly_registration r = seed_reg(ext, "KE", "");
        CHECK(ly_hubdb_upsert_registration(src, &r, &what, err, sizeof err));
        CHECK(ly_hubdb_find_ext_id(src, ext, &id, err, sizeof err));
        people[i] = id;
    }
    CHECK(hub->ops->load(hub, src, &n, err, sizeof err));
    ly_hubdb_close(src);
    struct ly_store_kiosk k;
    enrolled(hub, "44444444-2222-4333-8444-555555555555", "VDOOR", &k);
    check_validation(hub, &k, 1, 2, people);
    check_occupancy(hub, &k, 1, 2, people);
    struct ly_store_kiosk k1, k2;
    enrolled(hub, "44444444-2222-4333-8444-555555555501", "CONF door 1", &k1);
    enrolled(hub, "44444444-2222-4333-8444-555555555502", "CFTW door 2", &k2);
    check_conflicts(hub, &k1, &k2, "CONF door 1", "CFTW door 2", people[2]);
}

static void snapshot(void)
{
    char path[300], err[256];
    int64_t cursor = 0, seq = -1;
    struct ly_kioskdb *k;
    if (hub == NULL)
        return;
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    CHECK(hub->ops->snapshot(hub, path, &cursor, err, sizeof err));
    CHECK(hub->ops->change_seq(hub, &seq, err, sizeof err));
    CHECK_INT(cursor, seq);
    CHECK(!hub->ops->snapshot(hub, path, &cursor, err, sizeof err)); /* it exists */
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_SNAPSHOT, &k, err, sizeof err));
    int64_t c = -1, inside = -1;
    struct ly_kiosk_attendee a;
    bool found = false;
    CHECK(ly_kioskdb_sync_cursor(k, &c, err, sizeof err));
    CHECK_INT(c, seq);
    CHECK(ly_kioskdb_attendee(k, 3, &a, &found, err, sizeof err) && found);
    CHECK_INT(a.badge_version, 2);
    /* the hub's occupancy comes with the snapshot (43 entered the venue above) */
    CHECK(ly_kioskdb_capacity_count(k, "venue", &inside, err, sizeof err));
    CHECK_INT(inside, 43);
    ly_kioskdb_close(k);
}

/* An attendee who did not state a country goes through the load, the counts (a line of their
 * own, not a country) and a kiosk's snapshot like any other. */
static void country_not_stated(void)
{
    char path[300], err[256];
    struct ly_store_loaded n;
    struct ly_hubdb *src;
    if (hub == NULL)
        return;
    snprintf(path, sizeof path, "%s/org.db", dir);
    CHECK(ly_hubdb_open(path, &src, err, sizeof err));
    struct ly_registration z = seed_reg("Z44", LY_COUNTRY_NOT_STATED, "");
    snprintf(z.region, sizeof z.region, "%s", LY_REGION_NOT_STATED);
    enum ly_upsert what;
    CHECK(ly_hubdb_upsert_registration(src, &z, &what, err, sizeof err));
    CHECK(hub->ops->load(hub, src, &n, err, sizeof err));
    CHECK_INT(n.changed, 1);
    ly_hubdb_close(src);

    struct ly_store_kiosk k;
    enrolled(hub, "33333333-2222-4333-8444-555555555555", "ZDOOR", &k);
    struct ly_checkin in = {
        .seq = 1, .wall_ms = 1765180800500LL, .attendee_id = 44, .direction = 1};
    snprintf(in.uuid, sizeof in.uuid, "00000000-0000-4000-8000-000000000999");
    snprintf(in.gate, sizeof in.gate, "entrance");
    snprintf(in.code_kind, sizeof in.code_kind, "badge");
    snprintf(in.decision, sizeof in.decision, "granted");
    snprintf(in.place, sizeof in.place, "venue");
    enum ly_store_item res = LY_ITEM_STORED;
    CHECK(hub->ops->ingest(hub, &k, &in, 1, 0, 1765180900000LL, 0, &res, err, sizeof err));
    struct ly_counts *c = NULL;
    CHECK(hub->ops->counts(hub, 1765180900000LL + 10, &c, err, sizeof err));
    if (c) {
        CHECK_INT(c->onsite_unique, 44);
        CHECK_INT(c->countries, 4); /* as before */
        bool country = false, region = false;
        for (size_t i = 0; i < c->nby_country; i++)
            country =
                country || (strcmp(c->by_country[i].key, "ZZ") == 0 && c->by_country[i].n == 1);
        for (size_t i = 0; i < c->nby_region; i++)
            region = region ||
                     (strcmp(c->by_region[i].key, "not_stated") == 0 && c->by_region[i].n == 1);
        CHECK(country);
        CHECK(region);
        ly_counts_free(c);
    }

    snprintf(path, sizeof path, "%s/kiosk-zz.db", dir);
    int64_t cursor = 0;
    struct ly_kioskdb *kdb;
    struct ly_kiosk_attendee a;
    bool found = false;
    CHECK(hub->ops->snapshot(hub, path, &cursor, err, sizeof err));
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_SNAPSHOT, &kdb, err, sizeof err));
    CHECK(ly_kioskdb_attendee(kdb, 44, &a, &found, err, sizeof err) && found);
    CHECK_STR(a.country, "ZZ");
    CHECK_STR(a.region, "not_stated");
    ly_kioskdb_close(kdb);
}

int main(void)
{
    if (sodium_init() < 0 || mkdtemp(dir) == NULL)
        return 1;
    if (start_server()) {
        RUN(migrations_once);
        RUN(load_and_reload);
        RUN(load_reaches_changes);
        RUN(enrollment);
        RUN(same_batch_twice_at_once);
        RUN(conflicts_at_once);
        RUN(follower_never_skips);
        RUN(snapshot);
        RUN(country_not_stated);
        RUN(validation);
        ly_store_close(hub);
    }
    char cmd[1000];
    if (server[0]) {
        snprintf(cmd, sizeof cmd, "bash tests/integration/pg.sh stop '%s'", server);
        if (system(cmd) != 0)
            fprintf(stderr, "could not stop the server in %s\n", server);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
