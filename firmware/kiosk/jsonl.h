/* jsonl.h - the kiosk's decisions as JSON lines: the sink of the headless kiosk (sink.h), and
 * the line the screen writes for each decision it shows. One line per decision, written and
 * flushed at once; docs/kiosk.md lists the fields. */
#ifndef LY_JSONL_H
#define LY_JSONL_H

#include <stdio.h>

#include "kiosk/sink.h"

/* A sink that writes each decision to out (which it does not own). */
struct ly_jsonl_sink {
    struct ly_kiosk_sink sink;
    FILE *out;
    bool names; /* write attendees' names */
};

/* Makes s a sink writing to out; names: with attendees' names (else their ids only). */
void ly_jsonl_sink_init(struct ly_jsonl_sink *s, FILE *out, bool names);

/* Writes d as one JSON line to f and flushes it: decision, reason, reason_code, gate, place,
 * direction, session, code_kind, attendee (or null; its name and Latin name only with names),
 * notices, time, seq, uuid, frame, the sync state (when d->hub is active) and the stage times in
 * ms (wait, scan, verify, rules, journal, total). A code that could not be journaled is the line
 * {"decision":"error",..., "reason_code":"journal_failed"}. */
void ly_jsonl_decision(FILE *f, const struct ly_kiosk_decision *d, bool names);

/* Writes a print job's news as one JSON line {"print":{job, attendee_id, kind, state, reason,
 * maybe_printed, detail}} and flushes it. */
void ly_jsonl_print(FILE *f, const struct ly_kiosk_print *ev);

#endif
