/* vitals.h - what the kiosk loop last said about its camera and printer, for the health the sync
 * client reports to the hub (sync/client/kiosk_health.h). The loop's decision thread sets it on
 * each turn (through sdnotify.h's beat); any thread reads it. One per process, lock-free. */
#ifndef LY_VITALS_H
#define LY_VITALS_H

#include <stdbool.h>

struct ly_vitals {
    bool running;       /* a kiosk loop has gone round at least once */
    bool camera_online; /* the source gives frames */
    int camera_fps_x10; /* frames per second over the last window, in tenths */
    int printer;        /* enum ly_printer_state (print/printer.h), or -1: no printer */
};

void ly_vitals_set(bool camera_online, int camera_fps_x10);

/* The printer's state as the loop last saw it: enum ly_printer_state, or -1 for none. */
void ly_vitals_set_printer(int state);

/* The latest values (all zero before the loop's first turn). */
struct ly_vitals ly_vitals_get(void);

#endif
