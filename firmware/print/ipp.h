/* ipp.h - the IPP/CUPS path through libcups: a job is a PDF sent to a CUPS destination (the
 * default one or a named queue), followed until CUPS says it completed, was aborted or cancelled;
 * the queue's printer-state and printer-state-reasons are mapped to Lanyard's reasons. */
#ifndef LY_IPP_H
#define LY_IPP_H

#include <cups/cups.h>
#include <stdbool.h>
#include <stddef.h>

#include "print/rawprint.h"

/* What a Get-Printer-Attributes or Get-Job-Attributes answer says, as far as Lanyard reads it. */
struct ly_ipp_state {
    int printer_state; /* IPP_PSTATE_IDLE (3), _PROCESSING (4), _STOPPED (5); 0 = not given */
    bool accepting;    /* printer-is-accepting-jobs (true when not given) */
    int job_state;     /* IPP_JSTATE_PENDING (3) ... _COMPLETED (9); 0 = not given */
    char reasons[LY_PRINT_DETAIL_MAX];     /* printer-state-reasons, joined by commas */
    char job_reasons[LY_PRINT_DETAIL_MAX]; /* job-state-reasons, joined by commas */
    char message[LY_PRINT_DETAIL_MAX];     /* printer-state-message or job-printer-state-message */
};

/* Reads the attributes Lanyard uses from an IPP response (any of them may be missing; values of
 * the wrong type are ignored). Never fails; bounded by the struct's buffers. */
void ly_ipp_read_state(ipp_t *response, struct ly_ipp_state *out);

/* Maps a printer's state to a reason: LY_PR_NONE when it can print. Writes an English detail
 * into detail (the reasons that decided). */
enum ly_print_reason ly_ipp_reason(const struct ly_ipp_state *st, char *detail, size_t detailsz);

/* Prints the PDF at pdf_path on spec's CUPS destination (spec->path, "" = the default), asking
 * for label size's media. Returns true when CUPS reports the job completed; false with *res
 * saying why not (queue stopped or not accepting: PAUSED; the printer's reasons; the job aborted
 * or cancelled; CUPS not reachable: OFFLINE). */
bool ly_ipp_print(const struct ly_print_spec *spec, enum ly_label_size size, const char *pdf_path,
                  const char *title, const struct ly_print_timing *t, struct ly_print_result *res);

/* Asks CUPS for the destination's state. Returns true when it can print; false with *res. */
bool ly_ipp_status(const struct ly_print_spec *spec, int io_ms, struct ly_print_result *res);

#endif
