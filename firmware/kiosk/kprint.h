/* kprint.h - the kiosk's printing: the print jobs its journal holds (kioskdb_print.h) handed to
 * the print worker (print/printer.h), and the worker's answers written back to the journal.
 * A job is journaled "sent" before the worker may send a byte, so a kiosk that stops meanwhile
 * finds it "sent" at its next start and holds it for staff (never resent by itself). Jobs still
 * "queued" at start (journaled, never handed over) are handed over then. Owned by the decision
 * thread; the worker's notify only wakes it.
 *
 * Lifecycle: ly_kprint_open (after the database), ly_kprint_close (before it). */
#ifndef LY_KPRINT_H
#define LY_KPRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gate/decision.h"
#include "kiosk/kconfig.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_print.h"
#include "print/printer.h"

struct ly_kprint;

/* What happened to a print job, for the sink (sink.h "print"). */
struct ly_kiosk_print {
    int64_t job;          /* the journal's id for the job */
    uint32_t attendee_id; /* whose badge or slip */
    bool slip;
    enum ly_pjob_state state;         /* sent, printed, failed, held */
    enum ly_print_reason reason;      /* failed: why, as far as the printer says */
    bool maybe_printed;               /* failed after bytes went out: it may have printed */
    char language[8];                 /* the attendee's language, for the screen ("" unknown) */
    char detail[LY_PRINT_DETAIL_MAX]; /* English, for the log: no personal data */
};

/* Opens printing for the kiosk: the printer of cfg->printer (none when ""), started; holds the
 * jobs left "sent" (*held says how many) and hands over those left "queued". notify (may be
 * NULL) is called from the worker thread when an answer waits for ly_kprint_poll. db must
 * outlive it. Returns false with err (a bad spec, a database error). */
__attribute__((warn_unused_result)) bool
ly_kprint_open(struct ly_kprint **out, struct ly_kioskdb *db, const struct ly_kiosk_config *cfg,
               void (*notify)(void *ctx), void *ctx, int *held, char *err, size_t errsz);
void ly_kprint_close(struct ly_kprint *p);

/* Whether a printer is configured. */
bool ly_kprint_has_printer(const struct ly_kprint *p);

/* Hands journal job id to the worker (journaled "sent" first). Without a printer the job stays
 * "queued" (a printer configured later prints it). Returns false with err: the job is unknown,
 * the worker refused it (then it is journaled "failed"), a database error. */
__attribute__((warn_unused_result)) bool ly_kprint_submit(struct ly_kprint *p, int64_t job,
                                                          char *err, size_t errsz);

/* Hands a decision's print job (journaled with it: a pickup's badge, a session's slip, a desk's
 * reprint or walk-in) to the worker, logging a refusal; nothing when it has none. */
void ly_kprint_hand(struct ly_kprint *p, const struct ly_decision *d);

/* Journals every answer the worker has, logs the failures (the printer's reason, no personal
 * data) and hands each to fn (ctx). The screen learns from them while scanning goes on. */
void ly_kprint_pump(struct ly_kprint *p, void (*fn)(void *ctx, const struct ly_kiosk_print *ev),
                    void *ctx);

/* Takes the worker's next answer, journals it and describes it in *ev. Returns false when none
 * waits. A database error is logged (the journal keeps "sent": held at the next start). */
bool ly_kprint_poll(struct ly_kprint *p, struct ly_kiosk_print *ev);

/* Before closing: waits up to timeout_ms for the jobs handed to the worker to be answered,
 * journaling the answers (the kiosk stops; a job still unanswered is held at the next start). */
void ly_kprint_drain(struct ly_kprint *p, int timeout_ms);

/* Staff ask for a held or failed job again: journaled "queued", then submitted. */
__attribute__((warn_unused_result)) bool ly_kprint_retry(struct ly_kprint *p, int64_t job,
                                                         char *err, size_t errsz);

/* The printer's health (state UNKNOWN with an empty spec when there is none). */
void ly_kprint_health(struct ly_kprint *p, struct ly_printer_health *out);

#endif
