/* loop.h - the kiosk loop, with or without a screen. A capture thread reads the frame source,
 * keeps a small copy of the latest frame for a preview (when the sink shows one) and runs the
 * scanner; a decision thread owns the kiosk database and the gate, decides and journals every
 * code, checkpoints the journal, runs the staff's requests (PIN, search, manual check-in, gate
 * switch, counts, health) and follows the sync client through a hub link (hublink.h). Each
 * result goes to a sink (sink.h): JSON lines for the headless kiosk, SDL user events for the
 * screen. Neither thread touches SDL or the network.
 *
 * Lifecycle: ly_loop_init, ly_loop_start, ly_loop_stop, ly_loop_join, ly_loop_destroy. */
#ifndef LY_LOOP_H
#define LY_LOOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kiosk/hublink.h"
#include "kiosk/kconfig.h"
#include "kiosk/preview.h"
#include "kiosk/sink.h"

#define LY_LOOP_QUEUE_MAX 64 /* codes and requests waiting for the decision thread */

struct ly_loop;

/* What a loop did, for its exit status and last words. */
struct ly_loop_outcome {
    unsigned long decisions; /* journaled (held-off codes are not decisions) */
    unsigned long failures;  /* codes that could not be journaled */
    bool ended;              /* the source is exhausted */
    bool failed;             /* the source failed */
    bool revoked;            /* the hub revoked the kiosk */
};

/* Checks that cfg says what a kiosk needs, the gate excepted (an enrollment stored in the
 * database may give it). Returns false with a message in err. */
__attribute__((warn_unused_result)) bool ly_loop_check_config(const struct ly_kiosk_config *cfg,
                                                              char *err, size_t errsz);

/* Prepares a loop for cfg (copied) that hands its results to sink and syncs through hub (NULL:
 * no hub); both must outlive the loop. Opens nothing yet. Returns false on out of memory. */
__attribute__((warn_unused_result)) bool ly_loop_init(struct ly_loop **out,
                                                      const struct ly_kiosk_config *cfg,
                                                      struct ly_hublink *hub,
                                                      struct ly_kiosk_sink *sink);
/* Opens the database, gate, source and scanner, starts the hub's client and both threads.
 * Returns false with a message in err (a damaged database, an unknown gate, a bad source);
 * then only join and destroy. */
__attribute__((warn_unused_result)) bool ly_loop_start(struct ly_loop *l, char *err, size_t errsz);
/* Queues a request for the decision thread. Returns false when the queue is full. */
bool ly_loop_request(struct ly_loop *l, const struct ly_request *req);
/* Copies the latest preview frame (preview.h: Y800, mirrored left to right) into buf (room for
 * bufsz bytes) if it is newer than *seq; returns true and updates *seq, *w, *h when it did. */
bool ly_loop_preview(struct ly_loop *l, uint8_t *buf, size_t bufsz, int *w, int *h, uint64_t *seq);
/* Pauses (or resumes) deciding: while paused, frames still reach the preview but codes are
 * neither scanned nor decided (staff at work on the screen). NULL is ignored. */
void ly_loop_pause(struct ly_loop *l, bool paused);
/* The event's name (valid after start). */
const char *ly_loop_event_name(const struct ly_loop *l);
/* Waits at most timeout_ms for the loop to finish deciding (the source ended or failed, the
 * kiosk was revoked; every decision before it handed to the sink). Returns whether it has. */
bool ly_loop_wait(struct ly_loop *l, int timeout_ms);
/* Asks both threads to finish; returns at once. NULL is ignored. */
void ly_loop_stop(struct ly_loop *l);
/* Waits for both threads; stops the hub's client (one bounded last upload unless the loop
 * failed: the source, a journal write, a revocation); closes the source, scanner, gate and
 * database. NULL is ignored. */
void ly_loop_join(struct ly_loop *l);
/* What the loop did (after join, or at any time from the thread that started it). */
struct ly_loop_outcome ly_loop_outcome(const struct ly_loop *l);
/* Stops and joins the loop if need be and frees it. NULL is ignored. */
void ly_loop_destroy(struct ly_loop *l);

#endif
