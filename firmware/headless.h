/* headless.h - the kiosk without a screen: frames or typed codes from a source, the scanner,
 * the gate's decision and journal, and one JSON line per decision on a stream. The screen (ui/)
 * shows the same decisions; this is the engine it drives, runnable and measurable on its own. */
#ifndef LY_HEADLESS_H
#define LY_HEADLESS_H

#include <signal.h>
#include <stdio.h>

#include "kconfig.h"

/* Runs the kiosk cfg describes until the source is exhausted (file, folder, end of wedge
 * input) or *stop is set (SIGTERM, SIGINT), writing one JSON line per decision to out and
 * diagnostics to standard error. Returns the exit status: 0 after a clean stop, 1 when the
 * kiosk could not start (a damaged database, an unknown gate, a bad source) or failed. */
int ly_headless_run(const struct ly_kiosk_config *cfg, volatile sig_atomic_t *stop, FILE *out);

#endif
