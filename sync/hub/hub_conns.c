/* hub_conns.c - the hub's open connections, their budgets and deadlines. See hub_conns.h. */
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hub/hub_conns.h"
#include "hub/hub_notify.h"

#define WATCH_MS 100 /* how often the watchdog looks at the deadlines */

enum phase {
    PHASE_HEADERS, /* waiting for a request's headers (a new or a kept-alive connection) */
    PHASE_BODY,    /* headers read, body coming */
    PHASE_BUSY,    /* being answered: handled, long poll, stream, sending */
};

struct ly_conn {
    struct ly_conn *next;
    int fd;
    uint8_t addr[16]; /* IPv4 as an IPv4-mapped IPv6 address */
    enum ly_conn_class klass;
    enum phase phase;
    int64_t start_ms; /* when the current request began: opening, or the last answer */
    bool cut;         /* shut down by the watchdog or evicted: no longer counted */
    _Atomic bool bad_line;
};

struct ly_conns {
    struct ly_conns_limits lim;
    _Atomic uint64_t *events;
    pthread_mutex_t mu;
    pthread_cond_t cv; /* on CLOCK_MONOTONIC: wakes the watchdog to stop */
    struct ly_conn *head;
    bool stopping;
    pthread_t watchdog;
};

static void addr_key(const struct sockaddr *sa, uint8_t out[16])
{
    memset(out, 0, 16);
    if (sa == NULL)
        return;
    if (sa->sa_family == AF_INET) {
        const struct sockaddr_in *a = (const struct sockaddr_in *)(const void *)sa;
        out[10] = out[11] = 0xff;
        memcpy(out + 12, &a->sin_addr, 4);
    } else if (sa->sa_family == AF_INET6) {
        memcpy(out, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, 16);
    }
}

static void count(struct ly_conns *cs, enum ly_conn_event e)
{
    atomic_fetch_add(&cs->events[e], 1);
}

/* Closes c's socket for reading and writing: its thread sees the end and closes it. Under mu. */
static void cut(struct ly_conns *cs, struct ly_conn *c, enum ly_conn_event why)
{
    c->cut = true;
    shutdown(c->fd, SHUT_RDWR);
    count(cs, why);
}

static void *watchdog_main(void *arg)
{
    struct ly_conns *cs = arg;
    pthread_mutex_lock(&cs->mu);
    while (!cs->stopping) {
        int64_t now = ly_mono_ms();
        for (struct ly_conn *c = cs->head; c; c = c->next) {
            if (c->cut)
                continue;
            if (c->phase == PHASE_HEADERS && now - c->start_ms > cs->lim.header_timeout_ms)
                cut(cs, c, LY_CONN_TIMEOUT_HEADERS);
            else if (c->phase == PHASE_BODY && now - c->start_ms > cs->lim.request_timeout_ms)
                cut(cs, c, LY_CONN_TIMEOUT_BODY);
        }
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        ts.tv_nsec += WATCH_MS * 1000000L;
        if (ts.tv_nsec >= 1000000000L) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&cs->cv, &cs->mu, &ts);
    }
    pthread_mutex_unlock(&cs->mu);
    return NULL;
}

struct ly_conns *ly_conns_new(const struct ly_conns_limits *lim, _Atomic uint64_t *events)
{
    struct ly_conns *cs = calloc(1, sizeof *cs);
    if (cs == NULL)
        return NULL;
    cs->lim = *lim;
    cs->events = events;
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&cs->cv, &ca);
    pthread_condattr_destroy(&ca);
    pthread_mutex_init(&cs->mu, NULL);
    if (pthread_create(&cs->watchdog, NULL, watchdog_main, cs) != 0) {
        pthread_cond_destroy(&cs->cv);
        pthread_mutex_destroy(&cs->mu);
        free(cs);
        return NULL;
    }
    return cs;
}

void ly_conns_free(struct ly_conns *cs)
{
    if (cs == NULL)
        return;
    pthread_mutex_lock(&cs->mu);
    cs->stopping = true;
    pthread_cond_signal(&cs->cv);
    pthread_mutex_unlock(&cs->mu);
    pthread_join(cs->watchdog, NULL);
    while (cs->head) { /* none should be left; free what the library did not report */
        struct ly_conn *c = cs->head;
        cs->head = c->next;
        free(c);
    }
    pthread_cond_destroy(&cs->cv);
    pthread_mutex_destroy(&cs->mu);
    free(cs);
}

bool ly_conns_admit(struct ly_conns *cs, const struct sockaddr *addr)
{
    uint8_t key[16];
    addr_key(addr, key);
    int total = 0, same = 0, anon = 0;
    struct ly_conn *oldest = NULL, *oldest_busy = NULL;
    bool ok = true;
    pthread_mutex_lock(&cs->mu);
    for (struct ly_conn *c = cs->head; c; c = c->next) {
        if (c->cut)
            continue;
        total++;
        same += memcmp(c->addr, key, 16) == 0;
        if (c->klass != LY_CONN_ANON)
            continue;
        anon++;
        struct ly_conn **o = c->phase == PHASE_BUSY ? &oldest_busy : &oldest;
        if (*o == NULL || c->start_ms < (*o)->start_ms)
            *o = c;
    }
    if (oldest == NULL)
        oldest = oldest_busy; /* all being answered (slowly, on purpose?): the oldest goes */
    if (cs->lim.per_address > 0 && same >= cs->lim.per_address) {
        count(cs, LY_CONN_REFUSED_ADDRESS);
        ok = false;
    } else if (total >= cs->lim.total) {
        count(cs, LY_CONN_REFUSED_TOTAL);
        ok = false;
    } else if (anon >= cs->lim.anon && oldest) {
        /* Every slot for strangers is taken: the one that has waited longest for its request
         * (else the one answered longest) makes room, so that a kiosk's new connection always
         * gets in and authenticates. */
        cut(cs, oldest, LY_CONN_EVICTED);
    }
    pthread_mutex_unlock(&cs->mu);
    return ok;
}

struct ly_conn *ly_conns_open(struct ly_conns *cs, int fd, const struct sockaddr *addr)
{
    struct ly_conn *c = calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    c->fd = fd;
    addr_key(addr, c->addr);
    c->start_ms = ly_mono_ms();
    pthread_mutex_lock(&cs->mu);
    c->next = cs->head;
    cs->head = c;
    pthread_mutex_unlock(&cs->mu);
    return c;
}

void ly_conns_close(struct ly_conns *cs, struct ly_conn *c)
{
    if (c == NULL)
        return;
    pthread_mutex_lock(&cs->mu);
    for (struct ly_conn **p = &cs->head; *p; p = &(*p)->next) {
        if (*p == c) {
            *p = c->next;
            break;
        }
    }
    pthread_mutex_unlock(&cs->mu);
    free(c);
}

static void set_phase(struct ly_conns *cs, struct ly_conn *c, enum phase ph, bool restart)
{
    pthread_mutex_lock(&cs->mu);
    c->phase = ph;
    if (restart)
        c->start_ms = ly_mono_ms();
    pthread_mutex_unlock(&cs->mu);
}

void ly_conn_headers_done(struct ly_conns *cs, struct ly_conn *c, bool body_follows)
{
    set_phase(cs, c, body_follows ? PHASE_BODY : PHASE_BUSY, false);
}

void ly_conn_body_done(struct ly_conns *cs, struct ly_conn *c)
{
    set_phase(cs, c, PHASE_BUSY, false);
}

void ly_conn_answered(struct ly_conns *cs, struct ly_conn *c)
{
    set_phase(cs, c, PHASE_HEADERS, true);
}

bool ly_conn_classify(struct ly_conns *cs, struct ly_conn *c, enum ly_conn_class k)
{
    bool ok = true;
    pthread_mutex_lock(&cs->mu);
    if (k > c->klass && k == LY_CONN_READ) {
        int n = 0;
        for (struct ly_conn *o = cs->head; o; o = o->next)
            n += !o->cut && o->klass == LY_CONN_READ;
        ok = n < cs->lim.read;
    }
    if (!ok)
        count(cs, LY_CONN_REFUSED_READ);
    else if (k > c->klass)
        c->klass = k;
    pthread_mutex_unlock(&cs->mu);
    return ok;
}

int ly_conn_fd(const struct ly_conn *c)
{
    return c->fd;
}

void ly_conn_set_bad_line(struct ly_conn *c)
{
    atomic_store(&c->bad_line, true);
}

bool ly_conn_take_bad_line(struct ly_conn *c)
{
    return atomic_exchange(&c->bad_line, false);
}
