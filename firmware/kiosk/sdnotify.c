/* sdnotify.c - READY, WATCHDOG and STATUS for systemd from the kiosk loop. See sdnotify.h. */
#include "kiosk/sdnotify.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

#include "kiosk/vitals.h"

#define STATUS_MIN_NS 2000000000LL /* a STATUS= line at most this often */
#define HANG_POLL_US  50000        /* the test hook looks at its file this often */
#define STATUS_MAX    256

static struct {
    bool started;           /* the first beat happened */
    bool notify;            /* NOTIFY_SOCKET is set: systemd listens */
    int64_t watchdog_ns;    /* half of WatchdogSec=; 0 when there is no watchdog */
    int64_t next_ping_ns;   /* monotonic */
    int64_t next_status_ns; /* monotonic */
    const char *hang_file;  /* LY_KIOSK_HANG_FILE, or NULL */
    char status[STATUS_MAX];
} sdn;

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void start(void)
{
    uint64_t usec = 0;
    const char *hang = getenv("LY_KIOSK_HANG_FILE");
    sdn.started = true;
    sdn.notify = getenv("NOTIFY_SOCKET") != NULL;
    if (sdn.notify && sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
        sdn.watchdog_ns = (int64_t)(usec * 1000 / 2);
    sdn.hang_file = hang && hang[0] ? hang : NULL;
}

/* The test hook: blocks while the hang file exists. */
static void hang_while_asked(void)
{
    struct stat st;
    while (stat(sdn.hang_file, &st) == 0)
        usleep(HANG_POLL_US);
}

void ly_sdnotify_beat(const struct ly_sdnotify_figures *f)
{
    char status[STATUS_MAX];
    bool first = !sdn.started;
    if (first)
        start();
    if (sdn.hang_file)
        hang_while_asked();
    ly_vitals_set(f->camera_online, f->camera_fps_x10);
    if (!sdn.notify)
        return;
    int64_t now = mono_ns();
    if (first || now >= sdn.next_status_ns) {
        char unsent[48] = "";
        if (f->hub_state && f->hub_state[0])
            snprintf(unsent, sizeof unsent, ", hub %s, %lld unsent", f->hub_state,
                     (long long)f->unsent);
        snprintf(status, sizeof status, "gate %s, %lu decisions%s", f->gate, f->decisions, unsent);
        if (first || strcmp(status, sdn.status) != 0) {
            memcpy(sdn.status, status, sizeof status);
            sd_notifyf(0, "%sSTATUS=%s", first ? "READY=1\n" : "", status);
            sdn.next_status_ns = now + STATUS_MIN_NS;
        }
    }
    if (sdn.watchdog_ns > 0 && now >= sdn.next_ping_ns) {
        sd_notify(0, "WATCHDOG=1");
        sdn.next_ping_ns = now + sdn.watchdog_ns;
    }
}
