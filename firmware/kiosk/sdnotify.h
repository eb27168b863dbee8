/* sdnotify.h - the kiosk's word to systemd (sd_notify(3)), from its decision thread: READY=1 the
 * first time the thread goes round (database, gate and source are open), WATCHDOG=1 at half of
 * WatchdogSec= for as long as it keeps going round, so that systemd restarts a kiosk whose loop
 * hangs, and a STATUS= line with its figures when they change. Without NOTIFY_SOCKET (not run
 * by systemd) a beat costs one clock read and sends nothing.
 *
 * The state is the process's (one kiosk loop per process) and only the decision thread beats.
 *
 * Test hook: with LY_KIOSK_HANG_FILE=PATH in the environment, a beat blocks for as long as PATH
 * exists, as a hung loop would (tests/integration/t_kiosk_sdnotify.sh). */
#ifndef LY_SDNOTIFY_H
#define LY_SDNOTIFY_H

#include <stdbool.h>
#include <stdint.h>

/* The figures for the STATUS= line. */
struct ly_sdnotify_figures {
    unsigned long decisions; /* journaled since the start */
    int64_t unsent;          /* check-ins the hub has not committed (-1: no hub) */
    const char *hub_state;   /* "online", "offline", ...; "" without a hub */
    const char *gate;        /* the gate's spec */
    bool camera_online;      /* the source gives frames */
    int camera_fps_x10;      /* its frames per second, in tenths */
};

/* One turn of the decision thread: READY=1 the first time, WATCHDOG=1 when half the watchdog
 * interval has passed since the last, STATUS= when the figures changed (at most every 2 s).
 * Also hands the camera's figures to vitals.h, for the health the kiosk reports to its hub. */
void ly_sdnotify_beat(const struct ly_sdnotify_figures *f);

#endif
