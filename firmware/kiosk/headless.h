/* headless.h - the kiosk without a screen: frames or typed codes from a source, the scanner,
 * the gate's decision and journal, and one JSON line per decision on a stream. The screen (ui/)
 * shows the same decisions; this is the engine it drives, runnable and measurable on its own. */
#ifndef LY_HEADLESS_H
#define LY_HEADLESS_H

#include <signal.h>
#include <stdio.h>

#include "client/client.h"
#include "gate/gate.h"
#include "kiosk/kconfig.h"

/* Runs the kiosk cfg describes until the source is exhausted (file, folder, end of wedge
 * input) or *stop is set (SIGTERM, SIGINT), writing one JSON line per decision to out and
 * diagnostics to standard error. Returns the exit status: 0 after a clean stop, 1 when the
 * kiosk could not start (a damaged database, an unknown gate, a bad source) or failed. */
int ly_headless_run(const struct ly_kiosk_config *cfg, volatile sig_atomic_t *stop, FILE *out);

/* Writes decision d, made at gate, as one JSON line to f and flushes it: decision, reason,
 * reason_code, gate, place, direction, session, code_kind, attendee (or null), notices, time,
 * seq, uuid, frame, the sync state (when sync is not NULL) and the stage times in ms (wait and
 * scan as given; verify, rules and journal from d; total since captured_ns, 0 when that is 0). */
void ly_decision_print(FILE *f, const char *gate, const struct ly_decision *d,
                       const struct ly_sync_status *sync, double wait_ms, double scan_ms,
                       int64_t captured_ns, uint64_t frame);

#endif
