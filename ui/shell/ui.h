/* ui.h - the kiosk with a screen: a full-screen SDL2 window (KMSDRM on a bare board, X11 or
 * Wayland on a desktop, the offscreen driver in tests) over the same kiosk loop as the headless
 * kiosk (firmware/kiosk/loop.h). SDL is used on the main thread only; capture, decoding and
 * decisions run on the loop's threads and arrive as SDL user events (sdl_sink.h); SIGTERM and
 * SIGINT arrive as SDL_QUIT through the event loop. */
#ifndef LY_UI_H
#define LY_UI_H

#include <stdbool.h>
#include <stdio.h>

#include "kiosk/hublink.h"
#include "kiosk/kconfig.h"

struct ly_ui_options {
    const char *screenshot_dir; /* save a PNG of every screen presented; NULL: none */
    const char *events_path;    /* scripted input (input.h); NULL: none */
    int width, height;          /* a window of this size; 0: full screen */
};

/* Runs the kiosk cfg describes with a screen, syncing through hub (NULL: none), until it is
 * closed (SIGTERM, SIGINT, a window close, `quit` in the events script). Writes one JSON line per
 * decision (as the headless kiosk does, plus the time from decoding to the result on screen) and
 * one per screen presented to out; diagnostics go to standard error. Returns the exit status: 0
 * after a clean stop, 1 when the kiosk could not start or failed. */
int ly_ui_run(const struct ly_kiosk_config *cfg, const struct ly_ui_options *opt,
              struct ly_hublink *hub, FILE *out);

#endif
