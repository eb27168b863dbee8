/* phealth.c - the printer's health as JSON and as Prometheus text. See phealth.h. */
#include "print/phealth.h"

#include <inttypes.h>

#include "common/json.h"

void ly_printer_health_json(FILE *f, const struct ly_printer_health *h)
{
    int first = 1;
    fputc('{', f);
    ly_json_kv_str(f, &first, "state", ly_printer_state_name(h->state));
    ly_json_kv_str(f, &first, "reason", ly_print_reason_name(h->reason));
    ly_json_kv_str(f, &first, "spec", h->spec);
    ly_json_kv_str(f, &first, "label", ly_label_name(h->label));
    ly_json_kv_int(f, &first, "labels_printed", (int64_t)h->labels_printed);
    ly_json_kv_int(f, &first, "jobs_failed", (int64_t)h->jobs_failed);
    ly_json_kv_int(f, &first, "queued", (int64_t)h->queued);
    ly_json_kv_int(f, &first, "last_ok", h->last_ok_unix);
    ly_json_kv_str(f, &first, "last_error", h->last_error);
    ly_json_kv_int(f, &first, "last_error_at", h->last_error_unix);
    fputc('}', f);
}

/* Writes s as a Prometheus label value: backslash, quote and newline escaped. */
static void label_value(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s != '\0'; s++) {
        if (*s == '\\' || *s == '"')
            fputc('\\', f);
        if (*s == '\n')
            fputs("\\n", f);
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

void ly_printer_health_metrics(FILE *f, const struct ly_printer_health *h)
{
    bool up = h->state == LY_PRINTER_READY || h->state == LY_PRINTER_PRINTING;
    fputs("# HELP lanyard_printer_up 1 when the printer answered cleanly last.\n"
          "# TYPE lanyard_printer_up gauge\nlanyard_printer_up{spec=",
          f);
    label_value(f, h->spec);
    fprintf(f, "} %d\n", up ? 1 : 0);
    fputs("# TYPE lanyard_printer_state gauge\nlanyard_printer_state{state=", f);
    label_value(f, ly_printer_state_name(h->state));
    fputs(",reason=", f);
    label_value(f, ly_print_reason_name(h->reason));
    fputs("} 1\n", f);
    fprintf(f,
            "# TYPE lanyard_printer_labels_printed_total counter\n"
            "lanyard_printer_labels_printed_total %" PRIu64 "\n"
            "# TYPE lanyard_printer_jobs_failed_total counter\n"
            "lanyard_printer_jobs_failed_total %" PRIu64 "\n"
            "# TYPE lanyard_printer_jobs_queued gauge\n"
            "lanyard_printer_jobs_queued %u\n"
            "# TYPE lanyard_printer_last_ok_seconds gauge\n"
            "lanyard_printer_last_ok_seconds %" PRId64 "\n",
            h->labels_printed, h->jobs_failed, h->queued, h->last_ok_unix);
}
