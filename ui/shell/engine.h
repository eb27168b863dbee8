/* engine.h - the workers behind the kiosk screen. A capture thread reads the frame source,
 * keeps a small copy of the latest frame for the camera preview and runs the scanner; a
 * decision thread owns the kiosk database and the gate, decides and journals every code, and
 * runs the staff's requests (PIN, search, manual check-in, gate switch, counts, health); it also
 * follows the sync client (kiosk_sync.h) when the kiosk is enrolled with a hub. Neither
 * touches SDL's video or audio: results reach the main thread as SDL user events (one event
 * type, see ly_engine_event_type), whose data the main thread frees with ly_engine_free_event.
 * Lifecycle: ly_engine_init, ly_engine_start, ly_engine_stop, ly_engine_join, ly_engine_destroy. */
#ifndef LY_ENGINE_H
#define LY_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gate/gate.h"
#include "kiosk/kconfig.h"
#include "client/kiosk_sync.h"
#include "event/records.h"
#include "kioskdb/kioskdb_staff.h"
#include "kiosk/staffpin.h"

#define LY_ENGINE_SEARCH_MAX 8   /* attendees one search returns to the screen */
#define LY_ENGINE_QUEUE_MAX  64  /* codes and requests waiting for the decision thread */
#define LY_ENGINE_GATES_MAX  24  /* gates offered by the gate switch (venue doors, then rooms) */
#define LY_PREVIEW_MAX_W     640 /* the preview copy is shrunk to at most this width */

/* What an engine event carries (SDL_UserEvent.code); data1 points at a struct ly_engine_msg. */
enum ly_engine_msg_kind {
    LY_MSG_DECISION, /* a decision, journaled (or journal_failed) */
    LY_MSG_PREVIEW,  /* a new preview frame: read it with ly_engine_preview */
    LY_MSG_STATUS,   /* counts for the status line changed */
    LY_MSG_REPLY,    /* the answer to a request */
    LY_MSG_ENDED,    /* the frame source is exhausted (a file or folder) */
    LY_MSG_FATAL,    /* the kiosk cannot go on (err says why) */
};

enum ly_request_kind {
    LY_REQ_PIN,    /* text: the PIN typed */
    LY_REQ_LOCK,   /* the PIN lockout state, without trying */
    LY_REQ_SEARCH, /* text: the name typed */
    LY_REQ_MANUAL, /* attendee_id, text: the staff reason, override */
    LY_REQ_GATE,   /* text: the gate spec to switch to */
    LY_REQ_GATES,  /* the gates this kiosk can switch to */
    LY_REQ_STATS,  /* this kiosk's counts today */
    LY_REQ_HEALTH, /* camera, disk, journal, last sync */
    LY_REQ_CODE,   /* text: a code typed on the screen, decided like a scanned one */
};

struct ly_request {
    enum ly_request_kind kind;
    uint64_t id; /* echoed in the reply */
    char text[LY_REASON_MAX + 1];
    uint32_t attendee_id;
    bool override;
};

struct ly_engine_status {
    int64_t unsent;     /* check-ins not yet committed by the hub */
    int64_t inside;     /* occupancy of the gate's place at this kiosk */
    bool camera_online; /* frames are arriving */
    double camera_fps;  /* over the last seconds */
    char gate[LY_GATE_MAX + 1];
    char gate_label[LY_TITLE_MAX + 1]; /* the session's title or room's name, "" for the venue */
    bool hub;                          /* the kiosk syncs with a hub */
    bool online;                       /* the hub answered the last request */
    int64_t last_contact_ms;           /* Unix ms of the hub's last answer; 0: never */
};

struct ly_engine_msg {
    enum ly_engine_msg_kind kind;
    /* LY_MSG_DECISION */
    struct ly_decision decision;
    bool journal_failed;
    bool staff_badge;   /* granted to a registration category that opens staff mode */
    bool manual;        /* a staff request's decision */
    int64_t decoded_ns; /* when the scanner returned the code (CLOCK_MONOTONIC) */
    /* LY_MSG_STATUS (and every reply) */
    struct ly_engine_status status;
    /* LY_MSG_REPLY */
    struct ly_request req;
    bool ok;
    enum ly_pin_result pin;
    int64_t retry_after_ms;
    struct ly_kiosk_attendee found[LY_ENGINE_SEARCH_MAX];
    size_t nfound;
    char gates[LY_ENGINE_GATES_MAX][LY_GATE_MAX + 1];
    char gate_names[LY_ENGINE_GATES_MAX][LY_TITLE_MAX + 1];
    size_t ngates;
    struct ly_kiosk_stats stats;
    int64_t disk_free_bytes, disk_total_bytes, journal_bytes, last_sync_ms;
    char err[512];
};

struct ly_engine;

/* Prepares an engine for cfg (copied); opens nothing yet. Returns false on out of memory. */
__attribute__((warn_unused_result)) bool
ly_engine_init(struct ly_engine **out, const struct ly_kiosk_config *cfg, uint32_t event_type);
/* Opens the database, gate, source and scanner and starts both threads. Returns false with a
 * message in err (a damaged database, an unknown gate, a bad source); then only destroy. */
__attribute__((warn_unused_result)) bool ly_engine_start(struct ly_engine *e, char *err,
                                                         size_t errsz);
/* Queues a request for the decision thread. Returns false when the queue is full. */
bool ly_engine_request(struct ly_engine *e, const struct ly_request *req);
/* Copies the latest preview frame (Y800, mirrored left to right) into buf (room for bufsz bytes) if
 * it is newer than *seq; returns true and updates *seq, *w, *h when it did. */
bool ly_engine_preview(struct ly_engine *e, uint8_t *buf, size_t bufsz, int *w, int *h,
                       uint64_t *seq);
/* Pauses (or resumes) deciding: while paused, frames still reach the preview but codes are
 * neither scanned nor decided (staff at work on the screen). */
void ly_engine_pause(struct ly_engine *e, bool paused);
/* The event's name (valid after start). */
const char *ly_engine_event_name(const struct ly_engine *e);
/* Asks both threads to finish; returns at once. */
void ly_engine_stop(struct ly_engine *e);
/* Waits for both threads; stops the sync client (one bounded last upload after a clean stop);
 * closes the source, scanner, gate and database. */
void ly_engine_join(struct ly_engine *e);
void ly_engine_destroy(struct ly_engine *e);
/* Frees the data of an engine event. */
void ly_engine_free_msg(struct ly_engine_msg *m);

#endif
