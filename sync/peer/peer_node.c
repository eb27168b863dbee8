/* peer_node.c - the kiosk's peer listener and sender. See peer_node.h. */
#include "peer/peer_node.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/fail.h"
#include "common/num.h"
#include "kioskdb/kioskdb_journal.h"
#include "kioskdb/kioskdb_peer.h"
#include "kioskdb/kioskdb_print.h"
#include "kioskdb/kioskdb_sync.h"
#include "peer/peer_msg.h"

#define PATH       "/peer/v1/checkins"
#define IDLE_MS    1000 /* the sender looks at its peers at least this often */
#define RETRY_MS   1000 /* a peer that did not answer is tried again after this */
#define CONNECT_MS 300  /* peers are on the venue's network: a slow connect is a down peer */
#define REQUEST_MS 2000
#define ROUNDS_MAX                                                                                 \
    32                  /* messages to one peer per pass, so that one peer's catch-up does         \
                           not keep the others waiting long */
#define CONN_TIMEOUT 10 /* seconds a listener connection may idle */

struct peer_state {
    uint32_t key_id;
    int64_t have;     /* how far it holds this kiosk's journal; -1: not known */
    int64_t retry_ms; /* not before this (monotonic) */
};

struct ly_peer_node {
    struct ly_peer_config cfg;
    struct ly_kioskdb *rdb, *sdb; /* the listener's and the sender's connections */
    struct MHD_Daemon *mhd;
    pthread_t sender;
    bool sender_started;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool stop, kicked;
    struct ly_peer_stats stats;
    uint32_t event_id;
    struct ly_kiosk_key key;
    char kiosk_id[LY_UUID_LEN + 1];
    /* the listener's request budget: LY_PEER_RATE_MAX a second */
    int64_t rate_second, rate_used;
    struct peer_state peers[LY_KIOSK_KEYS_MAX];
    size_t npeers;
};

static int64_t now_ms(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* --- listener ------------------------------------------------------------------------------ */

struct body {
    char *buf;
    size_t len;
    bool too_big;
};

static enum MHD_Result answer(struct MHD_Connection *conn, unsigned status, const char *text)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_MUST_COPY);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Type", "application/json");
    enum MHD_Result rc = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return rc;
}

static void refused(struct ly_peer_node *p, const char *why, const char *detail)
{
    pthread_mutex_lock(&p->mu);
    p->stats.refused++;
    pthread_mutex_unlock(&p->mu);
    if (p->cfg.log)
        fprintf(stderr, "lanyard-kiosk: peer: refused a message: %s%s%s\n", why,
                detail[0] ? ": " : "", detail);
}

static bool over_rate(struct ly_peer_node *p)
{
    int64_t s = now_ms(CLOCK_MONOTONIC) / 1000;
    pthread_mutex_lock(&p->mu);
    if (s != p->rate_second) {
        p->rate_second = s;
        p->rate_used = 0;
    }
    bool over = ++p->rate_used > LY_PEER_RATE_MAX;
    pthread_mutex_unlock(&p->mu);
    return over;
}

/* Verifies and stores message m; answers with the status and body to send. */
static unsigned take(struct ly_peer_node *p, const struct ly_peer_msg *m, char *out, size_t outsz)
{
    char err[256];
    struct ly_kioskdb_peer peer;
    bool found;
    int64_t have = 0;
    if (!ly_kioskdb_peer_by_key(p->rdb, m->key_id, &peer, &found, err, sizeof err)) {
        snprintf(out, outsz, "{\"error\":\"internal\"}");
        return 500;
    }
    if (!found || strcmp(peer.info.kiosk_id, m->from) != 0) {
        refused(p, found ? "the key is another kiosk's" : "unknown or revoked key", "");
        snprintf(out, outsz, "{\"error\":\"unknown_key\"}");
        return 403;
    }
    for (size_t i = 0; i < m->n; i++) {
        if (!ly_peer_verify(p->event_id, &m->items[i], peer.pk, m->sig[i])) {
            refused(p, "bad signature", "");
            snprintf(out, outsz, "{\"error\":\"bad_signature\"}");
            return 403;
        }
    }
    int64_t now = now_ms(CLOCK_REALTIME);
    for (size_t i = 0; i < m->n; i++) {
        enum ly_peer_put res;
        if (!ly_kioskdb_peer_store(p->rdb, &m->items[i], now, &res, err, sizeof err)) {
            snprintf(out, outsz, "{\"error\":\"internal\"}");
            return 500;
        }
        if (res == LY_PEER_MISMATCH)
            refused(p, "an entry differs from the one held at its sequence", "");
        if (res != LY_PEER_STORED)
            continue;
        pthread_mutex_lock(&p->mu);
        p->stats.stored++;
        pthread_mutex_unlock(&p->mu);
    }
    if (!ly_kioskdb_peer_have(p->rdb, m->from, &have, err, sizeof err)) {
        snprintf(out, outsz, "{\"error\":\"internal\"}");
        return 500;
    }
    ly_peer_answer_write(have, out, outsz);
    return 200;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *data,
                                  size_t *size, void **state)
{
    struct ly_peer_node *p = cls;
    struct body *b = *state;
    (void)version;
    if (!b) {
        if (strcmp(method, "POST") != 0 || strcmp(url, PATH) != 0)
            return answer(conn, 404, "{\"error\":\"not_found\"}");
        if (over_rate(p))
            return answer(conn, 429, "{\"error\":\"too_many_requests\"}");
        /* a body announced too large is refused before a byte of it is read */
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
        int64_t n;
        if (cl && (!ly_num_int(cl, 0, INT64_MAX, &n) || n > LY_PEER_BODY_MAX)) {
            refused(p, "too large", "");
            return answer(conn, 413, "{\"error\":\"too_large\"}");
        }
        b = calloc(1, sizeof *b);
        if (!b)
            return MHD_NO;
        *state = b;
        return MHD_YES;
    }
    if (*size > 0) {
        if (!b->too_big && b->len + *size <= (size_t)LY_PEER_BODY_MAX) {
            char *nb = realloc(b->buf, b->len + *size + 1);
            if (!nb)
                return MHD_NO;
            b->buf = nb;
            memcpy(b->buf + b->len, data, *size);
            b->len += *size;
        } else {
            b->too_big = true;
        }
        *size = 0;
        return MHD_YES;
    }
    if (b->too_big) {
        refused(p, "too large", "");
        return answer(conn, 413, "{\"error\":\"too_large\"}");
    }
    char err[256], out[128];
    struct ly_peer_msg *m = malloc(sizeof *m);
    if (!m)
        return MHD_NO;
    unsigned status = 400;
    pthread_mutex_lock(&p->mu);
    p->stats.received++;
    pthread_mutex_unlock(&p->mu);
    if (ly_peer_msg_parse(b->buf ? b->buf : "", b->len, m, err, sizeof err)) {
        status = take(p, m, out, sizeof out);
    } else {
        refused(p, "malformed", err);
        snprintf(out, sizeof out, "{\"error\":\"bad_request\"}");
    }
    free(m);
    return answer(conn, status, out);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **state,
                         enum MHD_RequestTerminationCode code)
{
    struct body *b = *state;
    (void)cls, (void)conn, (void)code;
    if (b) {
        free(b->buf);
        free(b);
        *state = NULL;
    }
}

/* Splits "HOST:PORT" (numeric IPv4, or [IPv6]) into a socket address. */
static bool parse_addr(const char *s, struct sockaddr_storage *ss, char *err, size_t errsz)
{
    char host[64];
    const char *colon = strrchr(s, ':');
    int64_t port;
    memset(ss, 0, sizeof *ss);
    if (!colon || (size_t)(colon - s) >= sizeof host || !ly_num_int(colon + 1, 0, 65535, &port))
        return ly_fail(err, errsz, "peer-listen %s: not HOST:PORT", s);
    memcpy(host, s, (size_t)(colon - s));
    host[colon - s] = '\0';
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    size_t hl = strlen(host);
    if (hl > 2 && host[0] == '[' && host[hl - 1] == ']') {
        host[hl - 1] = '\0';
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        if (inet_pton(AF_INET6, host + 1, &a6->sin6_addr) == 1)
            return true;
    } else {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        if (inet_pton(AF_INET, host, &a4->sin_addr) == 1)
            return true;
    }
    return ly_fail(err, errsz, "peer-listen %s: the host must be a numeric address", s);
}

/* --- sender -------------------------------------------------------------------------------- */

static size_t on_write(char *data, size_t size, size_t n, void *ctx)
{
    struct body *b = ctx;
    size_t len = size * n;
    if (b->len + len > 256)
        return 0;
    memcpy(b->buf + b->len, data, len);
    b->len += len;
    return len;
}

/* POSTs body to the peer at addr; *have is its answer. */
static bool post(CURL *curl, const char *addr, const char *body, size_t len, int64_t *have)
{
    char url[LY_PEER_ADDR_MAX + 32], ans[260];
    struct body b = {.buf = ans};
    long status = 0;
    snprintf(url, sizeof url, "http://%s" PATH, addr);
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)len);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_write);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, (long)CONNECT_MS);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)REQUEST_MS);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http");
    CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(h);
    if (rc == CURLE_OK)
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    return rc == CURLE_OK && status == 200 && ly_peer_answer_parse(ans, b.len, have);
}

static struct peer_state *state_of(struct ly_peer_node *p, uint32_t key_id)
{
    for (size_t i = 0; i < p->npeers; i++)
        if (p->peers[i].key_id == key_id)
            return &p->peers[i];
    if (p->npeers == LY_KIOSK_KEYS_MAX)
        return NULL;
    struct peer_state *s = &p->peers[p->npeers++];
    *s = (struct peer_state){.key_id = key_id, .have = -1};
    return s;
}

/* Brings one peer up to this kiosk's journal, a message at a time. */
static void push_one(struct ly_peer_node *p, CURL *curl, const struct ly_kioskdb_peer *peer,
                     struct ly_peer_msg *m)
{
    char err[256];
    struct peer_state *s = state_of(p, peer->key_id);
    int64_t now = now_ms(CLOCK_MONOTONIC);
    if (!s || now < s->retry_ms)
        return;
    for (int round = 0; round < ROUNDS_MAX; round++) {
        m->n = 0;
        if (s->have >= 0 && !ly_kioskdb_journal_after(p->sdb, s->have, m->items, LY_PEER_BATCH_MAX,
                                                      &m->n, err, sizeof err))
            return;
        if (s->have >= 0 && m->n == 0)
            return; /* it holds everything */
        for (size_t i = 0; i < m->n; i++)
            ly_peer_sign(p->event_id, &m->items[i], p->key.sk, m->sig[i]);
        char *body;
        size_t len;
        int64_t have;
        if (!ly_peer_msg_write(m, &body, &len))
            return;
        bool ok = post(curl, peer->info.addr, body, len, &have);
        free(body);
        if (!ok) {
            if (p->cfg.log && s->have >= 0)
                fprintf(stderr, "lanyard-kiosk: peer: %s does not answer\n", peer->info.addr);
            s->have = -1;
            s->retry_ms = now + RETRY_MS;
            return;
        }
        pthread_mutex_lock(&p->mu);
        p->stats.sent += m->n;
        pthread_mutex_unlock(&p->mu);
        bool moved = have > s->have;
        s->have = have;
        if (!moved && m->n > 0)
            return; /* it took nothing: do not send the same again now */
    }
}

static void *sender_main(void *arg)
{
    struct ly_peer_node *p = arg;
    struct ly_kioskdb_peer *peers = calloc(LY_KIOSK_KEYS_MAX, sizeof *peers);
    struct ly_peer_msg *m = malloc(sizeof *m);
    CURL *curl = curl_easy_init();
    char err[256];
    if (!peers || !m || !curl) {
        fprintf(stderr, "lanyard-kiosk: peer: out of memory: no peer exchange\n");
        goto end;
    }
    memcpy(m->from, p->kiosk_id, sizeof m->from);
    m->key_id = p->key.key_id;
    for (;;) {
        size_t n = 0;
        if (!ly_kioskdb_peers(p->sdb, peers, LY_KIOSK_KEYS_MAX, &n, err, sizeof err) && p->cfg.log)
            fprintf(stderr, "lanyard-kiosk: peer: %s\n", err);
        for (size_t i = 0; i < n; i++)
            push_one(p, curl, &peers[i], m);
        pthread_mutex_lock(&p->mu);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += IDLE_MS / 1000;
        while (!p->stop && !p->kicked)
            if (pthread_cond_timedwait(&p->cv, &p->mu, &until) != 0)
                break;
        bool stop = p->stop;
        p->kicked = false;
        pthread_mutex_unlock(&p->mu);
        if (stop)
            break;
    }
end:
    if (curl)
        curl_easy_cleanup(curl);
    free(m);
    free(peers);
    return NULL;
}

/* --- lifecycle ----------------------------------------------------------------------------- */

bool ly_peer_start(const struct ly_peer_config *cfg, struct ly_peer_node **out, char *err,
                   size_t errsz)
{
    struct sockaddr_storage ss;
    struct ly_kioskdb_roots roots;
    bool found = false;
    *out = NULL;
    if (!parse_addr(cfg->listen, &ss, err, errsz))
        return false;
    struct ly_peer_node *p = calloc(1, sizeof *p);
    if (!p)
        return ly_fail(err, errsz, "out of memory");
    p->cfg = *cfg;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    *out = p;
    if (!ly_kioskdb_open(cfg->db, LY_KIOSKDB_KIOSK, &p->rdb, err, errsz) ||
        !ly_kioskdb_open(cfg->db, LY_KIOSKDB_KIOSK, &p->sdb, err, errsz) ||
        !ly_kioskdb_roots(p->sdb, &roots, err, errsz) ||
        !ly_kioskdb_key(p->sdb, &p->key, &found, err, errsz))
        return false;
    if (!found || !p->key.certified)
        return ly_fail(err, errsz,
                       "this kiosk has no certified key: enroll it again to take part "
                       "in the peer exchange");
    p->event_id = roots.event_id;
    snprintf(p->kiosk_id, sizeof p->kiosk_id, "%s", ly_kioskdb_kiosk_id(p->sdb));
    p->mhd = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL,
                              on_request, p, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
                              MHD_OPTION_CONNECTION_LIMIT, (unsigned)LY_PEER_CONNS_MAX,
                              MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)CONN_TIMEOUT,
                              MHD_OPTION_NOTIFY_COMPLETED, on_completed, p, MHD_OPTION_END);
    if (!p->mhd)
        return ly_fail(err, errsz, "cannot listen for peers on %s", cfg->listen);
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(p->mhd, MHD_DAEMON_INFO_BIND_PORT);
    if (cfg->advertise && cfg->advertise[0]) {
        snprintf(p->stats.addr, sizeof p->stats.addr, "%s", cfg->advertise);
    } else {
        char host[LY_PEER_ADDR_MAX - 5];
        const char *colon = strrchr(cfg->listen, ':');
        if ((size_t)(colon - cfg->listen) >= sizeof host)
            return ly_fail(err, errsz, "peer-listen %s: the host is too long", cfg->listen);
        memcpy(host, cfg->listen, (size_t)(colon - cfg->listen));
        host[colon - cfg->listen] = '\0';
        snprintf(p->stats.addr, sizeof p->stats.addr, "%s:%u", host,
                 (unsigned)(di ? di->port : 0) & 0xffffu);
    }
    if (!ly_kioskdb_set_meta_text(p->sdb, "peer_addr", p->stats.addr, err, errsz))
        return false;
    if (pthread_create(&p->sender, NULL, sender_main, p) != 0)
        return ly_fail(err, errsz, "cannot start the peer sender");
    p->sender_started = true;
    if (cfg->log)
        fprintf(stderr, "lanyard-kiosk: peer: listening on %s\n", p->stats.addr);
    return true;
}

void ly_peer_kick(struct ly_peer_node *p)
{
    if (!p)
        return;
    pthread_mutex_lock(&p->mu);
    p->kicked = true;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

void ly_peer_stats(struct ly_peer_node *p, struct ly_peer_stats *out)
{
    pthread_mutex_lock(&p->mu);
    *out = p->stats;
    pthread_mutex_unlock(&p->mu);
}

void ly_peer_stop(struct ly_peer_node *p)
{
    char err[256];
    if (!p)
        return;
    if (p->sender_started) {
        pthread_mutex_lock(&p->mu);
        p->stop = true;
        pthread_cond_signal(&p->cv);
        pthread_mutex_unlock(&p->mu);
        pthread_join(p->sender, NULL);
    }
    if (p->mhd)
        MHD_stop_daemon(p->mhd);
    /* A stopped kiosk does not listen: the hub must not go on listing the address. */
    if (p->sdb && p->stats.addr[0] &&
        !ly_kioskdb_set_meta_text(p->sdb, "peer_addr", NULL, err, sizeof err))
        fprintf(stderr, "lanyard-kiosk: peer: %s\n", err);
    ly_kioskdb_close(p->rdb);
    ly_kioskdb_close(p->sdb);
    pthread_cond_destroy(&p->cv);
    pthread_mutex_destroy(&p->mu);
    sodium_memzero(p->key.sk, sizeof p->key.sk);
    free(p);
}
