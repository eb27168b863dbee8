/* sdnotify.h - the kiosk's word to systemd (sd_notify(3)), from its decision thread: READY=1 the
 * first time the thread goes round (database, gate and source are open), WATCHDOG=1 at half of
 * WatchdogSec= for as long as it keeps going round, so that systemd restarts a kiosk whose loop
 * hangs, and a STATUS= line with its figures when they change. Without NOTIFY_SOCKET (not run
 * by systemd) a beat costs one clock read and sends nothing.
 *
 * A kiosk with a screen has a second thread that must keep going: the screen's. It says so with
 * ly_sdnotify_screen_beat each time round its event loop; from its first such beat on, the
 * decision thread sends WATCHDOG=1 only while the screen's last beat is recent (within half of
 * WatchdogSec=), so that a screen that hangs (a stuck GPU driver, a deadlock in drawing) is
 * restarted too, although check-ins would still be decided behind it.
 *
 * The state is the process's (one kiosk loop per process).
 *
 * Test hooks: with LY_KIOSK_HANG_FILE=PATH in the environment, a decision thread's beat blocks
 * for as long as PATH exists, as a hung loop would; with LY_KIOSK_SCREEN_HANG_FILE=PATH, the
 * screen's beat does (tests/integration/t_kiosk_sdnotify.sh). */
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

/* One turn of the screen's event loop. Cheap (one clock read and an atomic store). */
void ly_sdnotify_screen_beat(void);

/* The longest the screen's loop may sleep waiting for events, in ms, so that its beats keep
 * the watchdog fed: a quarter of WatchdogSec=, or -1 when there is no watchdog. */
int ly_sdnotify_screen_wait_ms(void);

#endif
