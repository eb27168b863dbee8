/* vitals.c - the loop's camera and printer figures for the health report. See vitals.h. */
#include "kiosk/vitals.h"

#include <stdatomic.h>

static atomic_bool running, online;
static atomic_int fps_x10;
static atomic_int printer = -1;

void ly_vitals_set(bool camera_online, int camera_fps_x10)
{
    atomic_store(&online, camera_online);
    atomic_store(&fps_x10, camera_fps_x10);
    atomic_store(&running, true);
}

void ly_vitals_set_printer(int state)
{
    atomic_store(&printer, state);
}

struct ly_vitals ly_vitals_get(void)
{
    return (struct ly_vitals){atomic_load(&running), atomic_load(&online), atomic_load(&fps_x10),
                              atomic_load(&printer)};
}
