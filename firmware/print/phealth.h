/* phealth.h - the printer's health (printer.h, ly_printer_health) written out for those who read
 * it: one JSON object for the kiosk's health report, its JSON-lines output and the hub's kiosk
 * list, and Prometheus text lines for /metrics. The strings are the stable names of
 * ly_printer_state_name and ly_print_reason_name; screens translate from the enums instead. */
#ifndef LY_PHEALTH_H
#define LY_PHEALTH_H

#include <stdio.h>

#include "print/printer.h"

/* Writes h as one JSON object (no newline): {"state":"ready","reason":"none","spec":"...",
 * "label":"4x6","labels_printed":N,"jobs_failed":N,"queued":N,"last_ok":UNIX,
 * "last_error":"...","last_error_at":UNIX}. */
void ly_printer_health_json(FILE *f, const struct ly_printer_health *h);

/* Writes h as Prometheus text exposition lines named lanyard_printer_*: up (1 when ready or
 * printing), state and reason (one series each, set to 1, labelled with the name), labels
 * printed and jobs failed (counters), jobs queued, and the time of the last clean answer. */
void ly_printer_health_metrics(FILE *f, const struct ly_printer_health *h);

#endif
