/* test_peer.c - the peer exchange (docs/sync-protocol.md, "Peer exchange"): a real peer listener
 * (peer/peer_node.h) on loopback over a real kiosk database, sent real signed messages with
 * libcurl by a made-up second kiosk whose certified key the first holds. Hostile messages (a bad
 * signature, another event's signature, an unknown or revoked key, a key of another kiosk, a
 * message naming the listener itself, a replay, a gap, an entry that differs from the one held,
 * an oversized or malformed body, a flood) are refused or change nothing; accepted entries count
 * in the listener's re-entry and capacity figures, and stop counting twice once the hub's count
 * includes them. */
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_peer.h"
#include "kioskdb/kioskdb_print.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_sync.h"
#include "peer/peer_msg.h"
#include "peer/peer_node.h"

#define OTHER    "0f8fad5b-d9cb-469f-a165-70867728950e" /* the sending kiosk */
#define OTHER_ID 7001u                                  /* its key id */

static char path[64];
static struct ly_kioskdb *db; /* the listener's kiosk database, seen from the test */
static struct ly_peer_node *node;
static char url[128];
static uint8_t pk[LY_BADGE_PK_BYTES], sk[LY_BADGE_SK_BYTES];

static size_t keep(char *data, size_t size, size_t n, void *ctx)
{
    char *buf = ctx;
    size_t have = strlen(buf), len = size * n;
    if (have + len < 256) {
        memcpy(buf + have, data, len);
        buf[have + len] = '\0';
    }
    return len;
}

/* POSTs len bytes of body; returns the status, the answer in ans (256 bytes). */
static long post(const char *body, size_t len, char *ans)
{
    CURL *c = curl_easy_init();
    long status = 0;
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    ans[0] = '\0';
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)len);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keep);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, ans);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, 5000L);
    if (curl_easy_perform(c) == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return status;
}

/* Entry seq of the other kiosk: attendee, direction into venue. */
static void entry(struct ly_checkin *c, int64_t seq, uint32_t attendee, int direction)
{
    memset(c, 0, sizeof *c);
    snprintf(c->uuid, sizeof c->uuid, "7c9e6679-7425-40de-944b-%012llu",
             (unsigned long long)seq % 1000000000000ULL); /* 12 digits at most */
    snprintf(c->kiosk_id, sizeof c->kiosk_id, "%s", OTHER);
    c->seq = seq;
    c->wall_ms = 1765180800000LL + seq * 1000;
    snprintf(c->gate, sizeof c->gate, "%s", direction < 0 ? "exit" : "entrance");
    c->attendee_id = attendee;
    snprintf(c->decision, sizeof c->decision, "granted");
    snprintf(c->place, sizeof c->place, "venue");
    c->direction = direction;
    snprintf(c->policy, sizeof c->policy, "%s", direction > 0 ? "once_per_day" : "");
}

/* Signs m's entries with key (event 0: the listener holds no root keys) and POSTs it. */
static long send_msg(struct ly_peer_msg *m, const uint8_t *key, uint32_t event, char *ans)
{
    char *body;
    size_t len;
    for (size_t i = 0; i < m->n; i++)
        ly_peer_sign(event, &m->items[i], key, m->sig[i]);
    CHECK(ly_peer_msg_write(m, &body, &len));
    long st = body ? post(body, len, ans) : 0;
    free(body);
    return st;
}

static int64_t held(void)
{
    char err[256];
    int64_t n = -1;
    CHECK(ly_kioskdb_peer_count(db, &n, err, sizeof err));
    return n;
}

static void setup(void)
{
    char err[256];
    struct ly_kiosk_key own;
    struct ly_key_proof other = {.certified = true, .id_first = 1, .id_last = 2};
    struct ly_peer_info info = {.kiosk_id = OTHER, .addr = "127.0.0.1:9", .acked_seq = 0};
    uint8_t cert[LY_BADGE_CERT_BYTES] = {1};
    snprintf(path, sizeof path, "/tmp/lanyard-peer-%d.db", (int)getpid());
    unlink(path);
    CHECK(sodium_init() >= 0);
    crypto_sign_keypair(pk, sk);
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    /* the listener's own certified key, and the other kiosk as the hub lists it */
    CHECK(ly_kioskdb_key_make(db, &own, err, sizeof err));
    CHECK(ly_kioskdb_key_certify(db, cert, 3, 4, err, sizeof err));
    other.key.key_id = OTHER_ID;
    memcpy(other.key.pk, pk, sizeof pk);
    CHECK(ly_kioskdb_begin(db, err, sizeof err));
    CHECK(ly_kioskdb_put_key_proof(db, &other, err, sizeof err));
    CHECK(ly_kioskdb_put_peer(db, OTHER_ID, &info, err, sizeof err));
    CHECK(ly_kioskdb_commit(db, err, sizeof err));
    struct ly_peer_config cfg = {.db = path, .listen = "127.0.0.1:0", .log = false};
    CHECK(ly_peer_start(&cfg, &node, err, sizeof err));
    struct ly_peer_stats st;
    if (node) {
        ly_peer_stats(node, &st);
        snprintf(url, sizeof url, "http://%s/peer/v1/checkins", st.addr);
        CHECK(strncmp(st.addr, "127.0.0.1:", 10) == 0 && strcmp(st.addr, "127.0.0.1:0") != 0);
    }
    char addr[LY_KIOSKDB_META_MAX + 1];
    bool found;
    CHECK(ly_kioskdb_meta_text(db, "peer_addr", addr, sizeof addr, &found, err, sizeof err) &&
          found && strcmp(addr, st.addr) == 0);
}

static void accepted_once(void)
{
    static struct ly_peer_msg m;
    char ans[256];
    m = (struct ly_peer_msg){.key_id = OTHER_ID, .n = 0};
    snprintf(m.from, sizeof m.from, "%s", OTHER);
    CHECK_INT(send_msg(&m, sk, 0, ans), 200); /* no entries: how far it holds */
    CHECK_STR(ans, "{\"have\":0}");
    m.n = 3;
    entry(&m.items[0], 1, 42, 1);
    entry(&m.items[1], 2, 43, 1);
    entry(&m.items[2], 3, 42, -1);
    CHECK_INT(send_msg(&m, sk, 0, ans), 200);
    CHECK_STR(ans, "{\"have\":3}");
    CHECK_INT(held(), 3);
    /* a replay stores nothing */
    CHECK_INT(send_msg(&m, sk, 0, ans), 200);
    CHECK_STR(ans, "{\"have\":3}");
    CHECK_INT(held(), 3);
    /* a gap is not stored: the sender goes on from 3 */
    m.n = 1;
    entry(&m.items[0], 9, 44, 1);
    CHECK_INT(send_msg(&m, sk, 0, ans), 200);
    CHECK_STR(ans, "{\"have\":3}");
    CHECK_INT(held(), 3);
}

static void hostile(void)
{
    static struct ly_peer_msg m;
    char ans[256], err[256];
    struct ly_peer_stats st0, st1;
    uint8_t pk2[LY_BADGE_PK_BYTES], sk2[LY_BADGE_SK_BYTES];
    crypto_sign_keypair(pk2, sk2);
    ly_peer_stats(node, &st0);
    m = (struct ly_peer_msg){.key_id = OTHER_ID, .n = 1};
    snprintf(m.from, sizeof m.from, "%s", OTHER);
    entry(&m.items[0], 4, 45, 1);
    CHECK_INT(send_msg(&m, sk2, 0, ans), 403); /* another key's signature */
    CHECK_STR(ans, "{\"error\":\"bad_signature\"}");
    CHECK_INT(send_msg(&m, sk, 99, ans), 403); /* signed for another event */
    /* a good signature over bytes changed after signing */
    ly_peer_sign(0, &m.items[0], sk, m.sig[0]);
    m.items[0].attendee_id = 46;
    char *body;
    size_t len;
    CHECK(ly_peer_msg_write(&m, &body, &len));
    CHECK_INT(post(body, len, ans), 403);
    free(body);
    m.key_id = OTHER_ID + 1; /* no such key */
    CHECK_INT(send_msg(&m, sk, 0, ans), 403);
    CHECK_STR(ans, "{\"error\":\"unknown_key\"}");
    /* the right key, claiming to be another kiosk */
    m.key_id = OTHER_ID;
    snprintf(m.from, sizeof m.from, "%s", "11111111-2222-4333-8444-555555555555");
    snprintf(m.items[0].kiosk_id, sizeof m.items[0].kiosk_id, "%s", m.from);
    CHECK_INT(send_msg(&m, sk, 0, ans), 403);
    /* an entry signed right that differs from the one held at its sequence */
    snprintf(m.from, sizeof m.from, "%s", OTHER);
    entry(&m.items[0], 2, 99, 1);
    CHECK_INT(send_msg(&m, sk, 0, ans), 200);
    CHECK_STR(ans, "{\"have\":3}");
    CHECK_INT(held(), 3);
    /* malformed, oversized, a sequence that does not rise by one, the wrong path */
    CHECK_INT(post("{\"from\":", 8, ans), 400);
    char *big = malloc(LY_PEER_BODY_MAX + 2);
    CHECK(big != NULL);
    if (big) {
        memset(big, ' ', LY_PEER_BODY_MAX + 1);
        big[LY_PEER_BODY_MAX + 1] = '\0';
        CHECK_INT(post(big, LY_PEER_BODY_MAX + 1, ans), 413);
        free(big);
    }
    m.n = 2;
    entry(&m.items[0], 4, 45, 1);
    entry(&m.items[1], 6, 46, 1);
    CHECK_INT(send_msg(&m, sk, 0, ans), 400);
    char saved[sizeof url];
    memcpy(saved, url, sizeof url);
    char *slash = strrchr(url, '/');
    snprintf(slash, sizeof url - (size_t)(slash - url), "/other");
    CHECK_INT(post("{}", 2, ans), 404);
    memcpy(url, saved, sizeof url);
    CHECK_INT(held(), 3);
    ly_peer_stats(node, &st1);
    CHECK(st1.refused >= st0.refused + 9);
    /* revoked at the hub (its key change is a deletion): refused from then on */
    CHECK(ly_kioskdb_delete_peer(db, OTHER_ID, err, sizeof err));
    m.n = 1;
    CHECK_INT(send_msg(&m, sk, 0, ans), 403);
    struct ly_peer_info info = {.kiosk_id = OTHER, .addr = "127.0.0.1:9", .acked_seq = 0};
    CHECK(ly_kioskdb_put_peer(db, OTHER_ID, &info, err, sizeof err));
}

/* A flood: more requests in one second than LY_PEER_RATE_MAX are answered 429 (bounded: at most
 * 4 times the limit are sent). */
static void flood(void)
{
    char ans[256];
    int too_many = 0;
    for (int i = 0; i < 4 * LY_PEER_RATE_MAX && too_many == 0; i++)
        too_many += post("{}", 2, ans) == 429;
    CHECK(too_many > 0);
    sleep(1); /* the next second's budget for the next case */
}

/* The peer's entries count in re-entry and capacity, and stop counting twice once the hub's count
 * includes them (its acked sequence for that kiosk). */
static void counted(void)
{
    char err[256];
    struct ly_kiosk_presence p;
    int64_t n = -1;
    CHECK(ly_kioskdb_presence(db, 43, "venue", &p, err, sizeof err));
    CHECK_INT(p.last_direction, 1);
    CHECK_INT(p.last_entry_ms, 1765180802000LL);
    CHECK_INT(p.last_source, LY_PRESENCE_PEER);
    CHECK(ly_kioskdb_presence(db, 42, "venue", &p, err, sizeof err));
    CHECK_INT(p.last_direction, -1); /* entered, then left at the other kiosk */
    CHECK_INT(p.last_entry_ms, 1765180801000LL);
    CHECK_INT(p.last_source, LY_PRESENCE_PEER);
    CHECK(ly_kioskdb_capacity_count(db, "venue", &n, err, sizeof err));
    CHECK_INT(n, 1); /* 2 in, 1 out, no hub count yet */
    /* the hub counts 1 inside, having the other kiosk's 3 entries */
    struct ly_peer_info info = {.kiosk_id = OTHER, .addr = "127.0.0.1:9", .acked_seq = 3};
    CHECK(ly_kioskdb_put_peer(db, OTHER_ID, &info, err, sizeof err));
    struct ly_hub_occupancy o = {"venue", 1, 0, -1};
    CHECK(ly_kioskdb_set_hub_occupancy(db, &o, 0, err, sizeof err));
    CHECK(ly_kioskdb_capacity_count(db, "venue", &n, err, sizeof err));
    CHECK_INT(n, 1);
    /* a hub count that has only the first 2: the exit is added */
    info.acked_seq = 2;
    CHECK(ly_kioskdb_put_peer(db, OTHER_ID, &info, err, sizeof err));
    o.inside = 2;
    CHECK(ly_kioskdb_set_hub_occupancy(db, &o, 0, err, sizeof err));
    CHECK(ly_kioskdb_capacity_count(db, "venue", &n, err, sizeof err));
    CHECK_INT(n, 1);
}

static void teardown(void)
{
    char wal[80];
    ly_peer_stop(node);
    ly_kioskdb_close(db);
    CHECK(unlink(path) == 0);
    snprintf(wal, sizeof wal, "%s-wal", path);
    unlink(wal);
    snprintf(wal, sizeof wal, "%s-shm", path);
    unlink(wal);
}

int main(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
    RUN(setup);
    RUN(accepted_once);
    RUN(hostile);
    RUN(flood);
    RUN(counted);
    RUN(teardown);
    curl_global_cleanup();
    return CHECK_DONE();
}
