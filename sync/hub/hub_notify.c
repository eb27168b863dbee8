/* hub_notify.c - change notification for waiting requests. See hub_notify.h. */
#include "hub/hub_notify.h"

#include <time.h>

int64_t ly_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void ly_notify_init(struct ly_notify *n, int64_t seq)
{
    pthread_condattr_t a;
    pthread_mutex_init(&n->mu, NULL);
    pthread_condattr_init(&a);
    pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
    pthread_cond_init(&n->cv, &a);
    pthread_condattr_destroy(&a);
    n->seq = seq;
    n->gen = 1;
    n->stopping = false;
}

void ly_notify_destroy(struct ly_notify *n)
{
    pthread_cond_destroy(&n->cv);
    pthread_mutex_destroy(&n->mu);
}

void ly_notify_publish(struct ly_notify *n, int64_t seq, bool bump)
{
    pthread_mutex_lock(&n->mu);
    bool grew = seq > n->seq;
    if (grew)
        n->seq = seq;
    if (grew || bump) {
        n->gen++;
        pthread_cond_broadcast(&n->cv);
    }
    pthread_mutex_unlock(&n->mu);
}

void ly_notify_stop(struct ly_notify *n)
{
    pthread_mutex_lock(&n->mu);
    n->stopping = true;
    pthread_cond_broadcast(&n->cv);
    pthread_mutex_unlock(&n->mu);
}

bool ly_notify_stopping(struct ly_notify *n)
{
    pthread_mutex_lock(&n->mu);
    bool s = n->stopping;
    pthread_mutex_unlock(&n->mu);
    return s;
}

/* Waits on the condition variable until the monotonic deadline; false once it has passed. */
static bool wait_until(struct ly_notify *n, int64_t deadline_ms)
{
    if (ly_mono_ms() >= deadline_ms)
        return false;
    struct timespec ts = {.tv_sec = deadline_ms / 1000, .tv_nsec = (deadline_ms % 1000) * 1000000};
    pthread_cond_timedwait(&n->cv, &n->mu, &ts);
    return true;
}

int64_t ly_notify_wait_seq(struct ly_notify *n, int64_t since, int64_t deadline_ms)
{
    pthread_mutex_lock(&n->mu);
    while (n->seq <= since && !n->stopping && wait_until(n, deadline_ms))
        ;
    int64_t seq = n->seq;
    pthread_mutex_unlock(&n->mu);
    return seq;
}

uint64_t ly_notify_wait_gen(struct ly_notify *n, uint64_t gen, int64_t deadline_ms)
{
    pthread_mutex_lock(&n->mu);
    while (n->gen == gen && !n->stopping && wait_until(n, deadline_ms))
        ;
    uint64_t g = n->gen;
    pthread_mutex_unlock(&n->mu);
    return g;
}
