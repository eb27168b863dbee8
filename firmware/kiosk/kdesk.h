/* kdesk.h - the badge desk from the command line (`lanyard-kiosk --reprint`, `--walk-in`,
 * `--print-jobs`, `--print-retry`): the same journal entries, print jobs and printer as staff
 * mode on the screen, for a kiosk whose loop is not running (a desk laptop, scripts, tests).
 * Each run opens the database and the printer, does one thing, reports it as JSON lines and
 * waits (bounded) for the printer's answer. */
#ifndef LY_KDESK_H
#define LY_KDESK_H

#include <stdio.h>

#include "event/records.h"
#include "kiosk/kconfig.h"

enum ly_kdesk_action {
    LY_KDESK_NONE,
    LY_KDESK_REPRINT, /* attendee, staff, reason */
    LY_KDESK_WALKIN,  /* walkin, staff */
    LY_KDESK_JOBS,    /* list the print jobs not printed */
    LY_KDESK_RETRY,   /* job */
};

struct ly_kdesk_args {
    enum ly_kdesk_action action;
    uint32_t attendee;
    const char *staff, *reason;
    struct ly_walkin walkin;
    int64_t job;
    int wait_ms; /* how long to wait for the printer's answer */
};

/* Runs a->action on the kiosk of cfg (its database, gate, default "desk", and printer); writes
 * the journal entry as a decision line (jsonl.h) and each print answer as a print line to out.
 * Returns the exit status: 0 done (printed, or journaled for a kiosk without a printer), 1 the
 * printer failed or did not answer in time, 2 refused (bad input; nothing journaled). */
int ly_kdesk_run(const struct ly_kiosk_config *cfg, const struct ly_kdesk_args *a, FILE *out);

#endif
