/* sdnotify.c - READY, WATCHDOG and STATUS for systemd from the kiosk loop. See sdnotify.h. */
#include "kiosk/sdnotify.h"

#include <stdatomic.h>
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
    bool screen_stalled; /* the last beat found the screen's loop stalled */
} sdn;

/* The screen's side, written by the screen's thread. */
static atomic_llong screen_last_ns; /* monotonic ns of its last beat; 0 = no screen (yet) */

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Half of WatchdogSec= in ns from the environment systemd gives; 0 without a watchdog. */
static int64_t watchdog_half_ns(void)
{
    uint64_t usec = 0;
    if (getenv("NOTIFY_SOCKET") && sd_watchdog_enabled(0, &usec) > 0 && usec > 0)
        return (int64_t)(usec * 1000 / 2);
    return 0;
}

static void start(void)
{
    const char *hang = getenv("LY_KIOSK_HANG_FILE");
    sdn.started = true;
    sdn.notify = getenv("NOTIFY_SOCKET") != NULL;
    sdn.watchdog_ns = watchdog_half_ns();
    sdn.hang_file = hang && hang[0] ? hang : NULL;
}

/* The test hooks: block while the hang file exists. */
static void hang_while_asked(const char *path)
{
    struct stat st;
    while (stat(path, &st) == 0)
        usleep(HANG_POLL_US);
}

void ly_sdnotify_screen_beat(void)
{
    static int hook = -1; /* 1: the screen's hang file is set */
    static const char *hang;
    if (hook < 0) {
        hang = getenv("LY_KIOSK_SCREEN_HANG_FILE");
        hook = hang && hang[0];
    }
    if (hook)
        hang_while_asked(hang);
    atomic_store(&screen_last_ns, mono_ns());
}

int ly_sdnotify_screen_wait_ms(void)
{
    static int64_t half = -1;
    if (half < 0)
        half = watchdog_half_ns();
    return half > 0 ? (int)(half / 2000000 > 0 ? half / 2000000 : 1) : -1;
}

/* Whether the screen (if there is one) went round recently enough to vouch for. */
static bool screen_alive(int64_t now)
{
    int64_t last = atomic_load(&screen_last_ns);
    bool alive = last == 0 || now - last <= sdn.watchdog_ns;
    if (alive != !sdn.screen_stalled) {
        sdn.screen_stalled = !alive;
        if (!alive)
            fprintf(stderr,
                    "lanyard-kiosk: the screen has not gone round for %lld ms: not "
                    "telling the watchdog the kiosk is alive\n",
                    (long long)((now - last) / 1000000));
        else
            fprintf(stderr, "lanyard-kiosk: the screen goes round again\n");
    }
    return alive;
}

void ly_sdnotify_beat(const struct ly_sdnotify_figures *f)
{
    char status[STATUS_MAX];
    bool first = !sdn.started;
    if (first)
        start();
    if (sdn.hang_file)
        hang_while_asked(sdn.hang_file);
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
    if (sdn.watchdog_ns > 0 && now >= sdn.next_ping_ns && screen_alive(now)) {
        sd_notify(0, "WATCHDOG=1");
        sdn.next_ping_ns = now + sdn.watchdog_ns;
    }
}
