/* headless.h - the kiosk without a screen: the kiosk loop (loop.h) with its decisions written
 * as JSON lines on a stream (jsonl.h). The screen (ui/) runs the same loop; this runs it on its
 * own, for gates without a display, tests and measurements. */
#ifndef LY_HEADLESS_H
#define LY_HEADLESS_H

#include <signal.h>
#include <stdio.h>

#include "kiosk/hublink.h"
#include "kiosk/kconfig.h"

/* Runs the kiosk cfg describes, syncing through hub (NULL: none), until the source is exhausted
 * (file, folder, end of wedge input), the hub revokes the kiosk or *stop is set (SIGTERM,
 * SIGINT), writing one JSON line per decision to out and diagnostics to standard error.
 * Returns the exit status: 0 after a clean stop, 1 when the kiosk could not start (a damaged
 * database, an unknown gate, a bad source) or failed. */
int ly_headless_run(const struct ly_kiosk_config *cfg, struct ly_hublink *hub,
                    volatile sig_atomic_t *stop, FILE *out);

#endif
