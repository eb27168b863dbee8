/* printer.h - the kiosk's printer: one print worker thread per printer that takes badge cards and
 * session access slips, draws them with Lanyard's own renderer (print/render.h) at the printer's
 * resolution and sends them over one of four paths (Zebra ZPL, Brother QL raster, IPP/CUPS
 * through libcups, ESC/POS), chosen by a spec string from the kiosk configuration. Submitting
 * never blocks: the caller gets a job id at once and polls for the job's state changes. A job
 * whose bytes may have reached the printer is never sent again unless the caller asks (retry).
 * docs/printing.md describes the paths, the spec strings and what each reason means.
 *
 * Use: ly_printer_init (spec and label size from the kiosk's options; suggested names `printer`,
 * `printer-label`, `printer-dpi`), ly_printer_start; then ly_printer_submit per job and
 * ly_printer_poll on the main thread whenever notify fires (or on a timer); journal each event's
 * state with the job's tag. After a crash, a job journaled SENDING or SENT (not DONE/FAILED) may
 * have printed: show it to staff, do not resubmit it by itself. On shutdown ly_printer_stop,
 * ly_printer_join, ly_printer_destroy. Thread-safety: every function but init/destroy may be
 * called from any thread; the worker does all printer I/O. */
#ifndef LY_PRINTER_H
#define LY_PRINTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "print/pspec.h"

struct ly_printer;
/* --- the printer and its worker -------------------------------------------------------------- */

struct ly_printer_config {
    const char *spec;         /* as ly_print_spec_parse takes it; required */
    enum ly_label_size label; /* media loaded */
    int dpi;           /* the printer's resolution; 0 = the path's usual one (ZPL 203, QL 300,
                          ESC/POS 203, IPP 300) */
    int io_timeout_ms; /* one connect, write or status read; 0 = 5000 */
    /* How long to wait for the printer to finish a job (ZPL/QL/ESC/POS: its status to come back
     * clean; IPP: the CUPS job to complete) before the job fails as offline; 0 = 30000. */
    int done_timeout_ms;
    /* The worker asks an idle printer for its status this often, so the health report is
     * current and a printer that comes back is seen; 0 = 15000, -1 = never. */
    int idle_status_ms;
    /* Called from the worker thread after each event is queued (e.g. to push an SDL user event
     * that makes the main thread call ly_printer_poll). Must not block or call back into the
     * printer. May be NULL. */
    void (*notify)(void *ctx);
    void *notify_ctx;
};

/* Checks cfg, parses its spec and creates the printer with its worker not yet running. Nothing
 * is connected yet. Returns false with a message in err (nothing to free then). The caller
 * frees *out with ly_printer_destroy. */
__attribute__((warn_unused_result)) bool ly_printer_init(struct ly_printer **out,
                                                         const struct ly_printer_config *cfg,
                                                         char *err, size_t errsz);

/* Starts the worker thread. Returns false with a message when the thread cannot start. */
__attribute__((warn_unused_result)) bool ly_printer_start(struct ly_printer *p, char *err,
                                                          size_t errsz);

/* Asks the worker to stop after the I/O it is in (bounded by io_timeout_ms); jobs still queued
 * stay QUEUED (the caller's journal has them). Does not wait. */
void ly_printer_stop(struct ly_printer *p);

/* Waits for the worker thread to end (after stop). */
void ly_printer_join(struct ly_printer *p);

/* Frees the printer (stopping and joining first if needed; NULL is allowed). */
void ly_printer_destroy(struct ly_printer *p);

/* Copies job into the printer's queue and returns its id (> 0) in *job_id at once; never waits
 * for the printer. Returns false with a message when the job is invalid (kind, a missing name
 * or code, a string over its limit) or the queue holds LY_PRINT_QUEUE_MAX jobs already. */
__attribute__((warn_unused_result)) bool ly_printer_submit(struct ly_printer *p,
                                                           const struct ly_print_job *job,
                                                           uint64_t *job_id, char *err,
                                                           size_t errsz);

/* Takes the oldest state change not yet handed out into *ev. Returns false when there is none.
 * Never waits. Events are kept in order; at most LY_PRINT_EVENTS_MAX are held. When the caller
 * falls further behind, the oldest QUEUED, SENDING or SENT event is dropped first; only when
 * every event held is DONE or FAILED is the oldest of those dropped. A caller that polls
 * whenever notify fires loses nothing. */
bool ly_printer_poll(struct ly_printer *p, struct ly_print_event *ev);

/* Puts FAILED job job_id back in the queue as it was submitted (staff asked for it). Returns
 * false with a message when the job is unknown (the printer keeps the last LY_PRINT_KEEP_MAX
 * failed jobs), not FAILED, or the queue is full. */
__attribute__((warn_unused_result)) bool ly_printer_retry(struct ly_printer *p, uint64_t job_id,
                                                          char *err, size_t errsz);

/* --- health ---------------------------------------------------------------------------------- */

enum ly_printer_state {
    LY_PRINTER_UNKNOWN,  /* not asked yet */
    LY_PRINTER_READY,    /* the last status or job was clean */
    LY_PRINTER_PRINTING, /* a job is being sent or finished */
    LY_PRINTER_ERROR,    /* the printer answers but reports a problem (reason) */
    LY_PRINTER_OFFLINE,  /* no answer: not connected, refused, device gone */
};

/* Returns "unknown", "ready", "printing", "error" or "offline". */
const char *ly_printer_state_name(enum ly_printer_state state);

/* For the status line, the staff health screen and /metrics. */
struct ly_printer_health {
    enum ly_printer_state state;
    enum ly_print_reason reason;  /* the current problem (ERROR/OFFLINE), else LY_PR_NONE */
    char spec[LY_PRINT_SPEC_MAX]; /* the configured spec, formatted */
    enum ly_label_size label;
    uint64_t labels_printed; /* jobs DONE since start */
    uint64_t jobs_failed;    /* jobs FAILED since start (a retried job counts each time) */
    unsigned queued;         /* jobs waiting */
    int64_t last_ok_unix;    /* when the printer last answered cleanly; 0 = never */
    char last_error[LY_PRINT_DETAIL_MAX]; /* the most recent problem's detail, "" = none yet */
    int64_t last_error_unix;              /* when; 0 = never */
};

/* Fills *out with the printer's current health. Thread-safe; never waits for the printer. */
void ly_printer_health(struct ly_printer *p, struct ly_printer_health *out);

#endif
