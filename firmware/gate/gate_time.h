/* gate_time.h - the event's local time, which the gate rules read: the process time zone set to
 * the event's, a wall time's local date and clock parts, and back. Single process-wide state
 * (TZ): set it before threads start or only from one thread. */
#ifndef LY_GATE_TIME_H
#define LY_GATE_TIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* When a decision is made: wall clock (Unix ms; the rules read it in the event's time zone)
 * and monotonic ms (the hold-off). */
struct ly_gate_time {
    int64_t wall_ms;
    int64_t mono_ms;
};

/* Writes the local date and time parts of wall_ms in the process time zone into the caller's
 * buffers (each may be NULL): day "YYYY-MM-DD", hm "HH:MM", dt "YYYY-MM-DDTHH:MM". */
void ly_gate_local_parts(int64_t wall_ms, char day[11], char hm[6], char dt[17]);

/* Returns the Unix ms of an event local time "YYYY-MM-DDTHH:MM" (or a date, at midnight) in the
 * time zone ly_gate_open set; -1 when unreadable. */
int64_t ly_gate_local_ms(const char *local);

/* Sets the process time zone (TZ) to tz, an IANA name, for every local time above: the gate does
 * it at open; the hub and the organizer's counts do it with the event's zone before they start
 * threads (setenv is not thread-safe). Refuses a name this system does not know: false with err. */
__attribute__((warn_unused_result)) bool ly_gate_set_timezone(const char *tz, char *err,
                                                              size_t errsz);

/* Returns the current time for ly_gate_decide: the system's wall clock moved by the clock
 * offset, and the monotonic clock. */
struct ly_gate_time ly_gate_now(void);

/* Sets the clock offset (--at: the kiosk runs as if it were another time; 0 by default): the
 * decisions and the journal read it, and so does the sync client's batch time (sent_ms), so that
 * the hub's clock-skew correction sees one clock. Any thread. */
void ly_gate_set_clock_offset(int64_t ms);

#endif
