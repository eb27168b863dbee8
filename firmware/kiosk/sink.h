/* sink.h - where the kiosk loop's results go: one producer (loop.h), several consumers through
 * one table of operations (as scrcpy's frame_sink.h). The headless kiosk writes JSON lines
 * (jsonl.h); the screen turns each result into an SDL user event (ui/shell/sdl_sink.h).
 *
 * A decision reaches the sink as soon as it is journaled; the figures of the status line
 * (database reads) follow it. The loop calls decision, status, reply and end from its decision
 * thread, in order, and preview from its capture thread; the results are the loop's, valid
 * during the call only: a sink that keeps one copies it. */
#ifndef LY_SINK_H
#define LY_SINK_H

#include <stdbool.h>
#include <stdint.h>

#include "common/ly_limits.h"
#include "event/records.h"
#include "gate/decision.h"
#include "gate/fullness.h"
#include "kiosk/hublink.h"
#include "kiosk/kprint.h"
#include "kiosk/staffpin.h"
#include "kioskdb/kioskdb_staff.h"

#define LY_KIOSK_SEARCH_MAX 8  /* attendees one search returns to the screen */
#define LY_KIOSK_GATES_MAX  24 /* gates offered by the gate switch (venue doors, then rooms) */

/* One decision, journaled, or a code that could not be journaled (journal_failed: nothing was
 * recorded, so nothing was decided). */
struct ly_kiosk_decision {
    struct ly_decision decision;
    bool journal_failed;
    bool locked;                     /* the kiosk is locked (hublock.h): nothing was decided */
    char err[512];                   /* journal_failed: why */
    char gate[LY_GATE_MAX + 1];      /* the gate it was made at */
    bool staff_badge;                /* granted to a registration category that opens staff mode */
    bool manual;                     /* a staff member's check-in by hand (a request) */
    bool override;                   /* ... with the override asked for */
    bool desk;                       /* a reprint or walk-in at the badge desk (a request) */
    uint64_t frame;                  /* the camera frame's sequence number; 0: a typed code */
    int64_t captured_ns, decoded_ns; /* CLOCK_MONOTONIC: captured; the scanner returned it */
    double ms_wait, ms_scan, ms_total; /* before the scan, the scan, capture to journaled */
    struct ly_hublink_status hub;      /* the sync client as last followed */
};

/* The figures of the screen's status line. */
struct ly_kiosk_status {
    int64_t unsent;       /* check-ins not yet committed by the hub; -1: unknown */
    int64_t inside;       /* occupancy of the gate's place (gate_count.h); -1: unknown */
    int64_t inside_as_of; /* Unix ms of that count's freshest input; 0: none */
    bool camera_online;   /* frames are arriving */
    double camera_fps;    /* over the last seconds */
    char gate[LY_GATE_MAX + 1];
    char gate_label[LY_TITLE_MAX + 1];   /* the session's title or room's name, "" for the venue */
    bool hub;                            /* the kiosk syncs with a hub */
    bool online;                         /* the hub answered the last request */
    int64_t last_contact_ms;             /* Unix ms of the hub's last answer; 0: never */
    bool printer;                        /* the kiosk has a printer configured */
    enum ly_printer_state printer_state; /* as the print worker last heard it */
    enum ly_print_reason printer_reason; /* its problem (error or offline), else LY_PR_NONE */
    struct ly_fullness fullness;         /* a room's or session's door: how full it is */
};

/* What a staff member (or a script) asks of the loop: ly_loop_request. */
enum ly_request_kind {
    LY_REQ_PIN,        /* text: the PIN typed */
    LY_REQ_LOCK,       /* the PIN lockout state, without trying */
    LY_REQ_SEARCH,     /* text: the name typed */
    LY_REQ_MANUAL,     /* attendee_id, text: the staff reason, override */
    LY_REQ_GATE,       /* text: the gate spec to switch to */
    LY_REQ_GATES,      /* the gates this kiosk can switch to */
    LY_REQ_STATS,      /* this kiosk's counts today */
    LY_REQ_HEALTH,     /* camera, disk, journal, last sync */
    LY_REQ_CODE,       /* text: a code typed on the screen, decided like a scanned one (no reply) */
    LY_REQ_REPRINT,    /* attendee_id, staff, text: why; a new badge version, printed */
    LY_REQ_WALKIN,     /* walkin, staff: a walk-in's registration and badge */
    LY_REQ_PRINT_JOBS, /* the print jobs not printed: held, failed, queued, sent */
    LY_REQ_PRINT_RETRY, /* job: a held or failed print job again */
};

struct ly_request {
    enum ly_request_kind kind;
    uint64_t id; /* echoed in the reply */
    char text[LY_REASON_MAX + 1];
    uint32_t attendee_id;
    bool override;
    char staff[LY_LABEL_MAX + 1]; /* LY_REQ_REPRINT, LY_REQ_WALKIN: who asks */
    struct ly_walkin walkin;      /* LY_REQ_WALKIN */
    int64_t job;                  /* LY_REQ_PRINT_RETRY */
};

/* The answer to a request. A manual check-in that was journaled reaches the sink as a decision
 * (manual) first; its reply only says ok. */
struct ly_kiosk_reply {
    struct ly_request req;
    bool ok;
    char err[512]; /* !ok: why */
    enum ly_pin_result pin;
    int64_t retry_after_ms;
    struct ly_kiosk_attendee found[LY_KIOSK_SEARCH_MAX];
    size_t nfound;
    char gates[LY_KIOSK_GATES_MAX][LY_GATE_MAX + 1];
    char gate_names[LY_KIOSK_GATES_MAX][LY_TITLE_MAX + 1];
    size_t ngates;
    struct ly_kiosk_stats stats;
    int64_t disk_free_bytes, disk_total_bytes, journal_bytes;
    int64_t last_sync_ms; /* how long ago the hub last answered; -1: never (or no hub) */
    struct ly_kiosk_pjob jobs[LY_PJOBS_MAX]; /* LY_REQ_PRINT_JOBS */
    size_t njobs;
    struct ly_printer_health printer; /* LY_REQ_HEALTH, LY_REQ_PRINT_JOBS */
    int64_t printer_problem_ms; /* LY_REQ_HEALTH: how long ago its last problem was; -1: never */
};

/* Why the loop stopped deciding. */
enum ly_kiosk_end {
    LY_KIOSK_ENDED,   /* the source is exhausted (a file, a folder, the end of wedge input) */
    LY_KIOSK_FAILED,  /* the source failed */
    LY_KIOSK_REVOKED, /* the hub revoked the kiosk: its attendee data is wiped */
};

struct ly_kiosk_sink;

struct ly_kiosk_sink_ops {
    /* A decision, journaled (or journal_failed). Required. */
    void (*decision)(struct ly_kiosk_sink *sink, const struct ly_kiosk_decision *d);
    /* The status line's figures: after each decision, before each reply, and every 2 s when
     * idle. NULL: the loop does not read them. */
    void (*status)(struct ly_kiosk_sink *sink, const struct ly_kiosk_status *st);
    /* The answer to a request. NULL: the sink makes none. */
    void (*reply)(struct ly_kiosk_sink *sink, const struct ly_kiosk_reply *r);
    /* A new preview frame (ly_loop_preview), called at most once until the consumer takes it.
     * NULL: the loop keeps no preview. */
    void (*preview)(struct ly_kiosk_sink *sink);
    /* What became of a print job (kprint.h): sent, printed, failed with the printer's reason;
     * from the decision thread, scanning goes on meanwhile. NULL: the sink shows none. */
    void (*print)(struct ly_kiosk_sink *sink, const struct ly_kiosk_print *ev);
    /* No more decisions from the source: why, and detail (a message, "" when none). Required. */
    void (*end)(struct ly_kiosk_sink *sink, enum ly_kiosk_end why, const char *detail);
};

/* Embedded in the implementation's own struct. */
struct ly_kiosk_sink {
    const struct ly_kiosk_sink_ops *ops;
};

#endif
