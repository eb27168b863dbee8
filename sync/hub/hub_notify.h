/* hub_notify.h - how the hub's waiting requests learn that something changed: the latest change
 * sequence (long polls wait for it to pass their cursor) and a generation counter of committed
 * writes (live counts streams wait for it to move), under one mutex and condition variable.
 * Publishers: request threads after a commit, and the hub's poller, which reads the database's
 * change sequence every LY_HUB_POLL_MS to notice other processes' commits. */
#ifndef LY_HUB_NOTIFY_H
#define LY_HUB_NOTIFY_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#define LY_HUB_POLL_MS 250 /* how often the hub reads the change sequence for other writers */

struct ly_notify {
    pthread_mutex_t mu;
    pthread_cond_t cv; /* on CLOCK_MONOTONIC */
    int64_t seq;
    uint64_t gen;
    bool stopping;
};

void ly_notify_init(struct ly_notify *n, int64_t seq);
void ly_notify_destroy(struct ly_notify *n);

/* Records that the change sequence is now seq (ignored unless it grew) and, when it grew or
 * bump is set, moves the generation on; wakes every waiter. */
void ly_notify_publish(struct ly_notify *n, int64_t seq, bool bump);

/* Wakes every waiter for good (shutdown). */
void ly_notify_stop(struct ly_notify *n);

/* Waits until the change sequence passes since, the monotonic clock reaches deadline_ms, or
 * the hub stops. Returns the sequence it saw. */
int64_t ly_notify_wait_seq(struct ly_notify *n, int64_t since, int64_t deadline_ms);

/* Waits until the generation differs from gen (or deadline, or stop). Returns the generation. */
uint64_t ly_notify_wait_gen(struct ly_notify *n, uint64_t gen, int64_t deadline_ms);

bool ly_notify_stopping(struct ly_notify *n);

/* The monotonic clock in ms. */
int64_t ly_mono_ms(void);

#endif
