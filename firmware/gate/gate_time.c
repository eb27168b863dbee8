/* gate_time.c - the event's local time for the gate rules. See gate_time.h. */
#include "gate/gate_time.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/fail.h"

/* --at: how far the kiosk's clock runs from the system's (read by the sync thread too). */
static _Atomic int64_t wall_offset_ms;

void ly_gate_set_clock_offset(int64_t ms)
{
    atomic_store(&wall_offset_ms, ms);
}

struct ly_gate_time ly_gate_now(void)
{
    struct timespec w, m;
    clock_gettime(CLOCK_REALTIME, &w);
    clock_gettime(CLOCK_MONOTONIC, &m);
    return (struct ly_gate_time){(int64_t)w.tv_sec * 1000 + w.tv_nsec / 1000000 +
                                     atomic_load(&wall_offset_ms),
                                 (int64_t)m.tv_sec * 1000 + m.tv_nsec / 1000000};
}

void ly_gate_local_parts(int64_t wall_ms, char day[11], char hm[6], char dt[17])
{
    time_t t = (time_t)(wall_ms / 1000);
    struct tm tm;
    localtime_r(&t, &tm);
    if (day)
        strftime(day, 11, "%Y-%m-%d", &tm);
    if (hm)
        strftime(hm, 6, "%H:%M", &tm);
    if (dt)
        strftime(dt, 17, "%Y-%m-%dT%H:%M", &tm);
}

/* Unix ms of a local "YYYY-MM-DDTHH:MM" (or "YYYY-MM-DD", midnight); -1 when unreadable. */
int64_t ly_gate_local_ms(const char *s)
{
    struct tm tm = {0};
    int y, mo, d, h = 0, mi = 0, n = 0;
    if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
        return -1;
    if (s[10] == 'T' && (sscanf(s + 11, "%2d:%2d%n", &h, &mi, &n) != 2 || n != 5))
        return -1;
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    return t == (time_t)-1 ? -1 : (int64_t)t * 1000;
}

/* Refuses a zone this system does not know: glibc would silently fall back to UTC and open the
 * doors at the wrong hour. */
bool ly_gate_set_timezone(const char *tz, char *err, size_t errsz)
{
    char path[128];
    if (tz[0] == '\0' || strstr(tz, "..") || tz[0] == '/')
        return ly_fail(err, errsz, "the event's time zone \"%.64s\" is not valid", tz);
    snprintf(path, sizeof path, "/usr/share/zoneinfo/%s", tz);
    if (strcmp(tz, "UTC") != 0 && access(path, R_OK) != 0)
        return ly_fail(err, errsz,
                       "the event's time zone \"%.64s\" is unknown on this kiosk (install tzdata)",
                       tz);
    /* A reload after a sync keeps the zone: no setenv while the sync thread runs (setenv is
     * not thread-safe), only when the zone really changed. */
    const char *now = getenv("TZ");
    if (now && strcmp(now, tz) == 0)
        return true;
    setenv("TZ", tz, 1);
    tzset();
    return true;
}
