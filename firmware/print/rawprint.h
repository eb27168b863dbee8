/* rawprint.h - what the print worker (printer.c) asks of a print path. The raw paths (ZPL,
 * Brother QL, ESC/POS) share one sequence, ly_raw_print: connect, ask status, send the job,
 * wait until the printer says it printed; each language fills a struct ly_raw_lang. The IPP path
 * (ipp.h) goes through libcups instead. Internal to firmware/print. */
#ifndef LY_RAWPRINT_H
#define LY_RAWPRINT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "common/dynbuf.h"
#include "print/label.h"
#include "print/pconn.h"
#include "print/pspec.h"

/* How one job or status request went. */
struct ly_print_result {
    enum ly_print_reason reason; /* LY_PR_NONE: printed (job) or ready (status) */
    bool maybe_printed;          /* some of the job's bytes went out */
    char detail[LY_PRINT_DETAIL_MAX];
};

/* The worker's bounds and its hooks into a running job. */
struct ly_print_timing {
    int io_ms;               /* one connect, write or reply */
    int done_ms;             /* the printer finishing a job */
    const atomic_bool *stop; /* set when the worker is asked to stop */
    void (*sent)(void *arg); /* every byte of the job went out (called once, may be NULL) */
    void *arg;
};

/* A raw printer's answer to a status request. */
struct ly_raw_status {
    enum ly_print_reason reason; /* LY_PR_NONE when it can print */
    bool busy;                   /* still printing what it was sent */
    int media_width_mm;          /* loaded media's width when the printer says it, else 0 */
    char detail[LY_PRINT_DETAIL_MAX];
};

/* A raw printer language. */
struct ly_raw_lang {
    const char *name;
    int default_dpi;
    /* Returns false with a message when the language cannot print label size. */
    bool (*label_ok)(enum ly_label_size size, char *err, size_t errsz);
    /* Asks for status over c and fills *st (including WRONG_MEDIA when the loaded media does not
     * suit size). Returns false with a message when no valid reply came. */
    bool (*query)(struct ly_pconn *c, enum ly_label_size size, int timeout_ms,
                  struct ly_raw_status *st, char *err, size_t errsz);
    /* Encodes one job of bitmap b for size into out. Returns false with a message. */
    bool (*encode)(const struct ly_bitmap *b, enum ly_label_size size, struct ly_dynbuf *out,
                   char *err, size_t errsz);
    /* After the job's bytes went out: waits for the printer to finish it. Returns true when it
     * did; false with *st saying why not (an error it reported, or OFFLINE with err). */
    bool (*finish)(struct ly_pconn *c, enum ly_label_size size, const struct ly_print_timing *t,
                   struct ly_raw_status *st, char *err, size_t errsz);
    /* Bytes that make the printer drop what it still holds of a job (NULL, 0 when it drops a
     * failed job by itself): sent when the printer reports a problem after the job went out, so
     * that the label does not come out later, behind the staff's retry, once the problem is
     * fixed. */
    const char *cancel;
    size_t cancel_len;
};

/* Prints bitmap b on the raw printer at spec: connects, asks status (a problem fails the job
 * before anything is sent), sends the encoded job, calls t->sent, then waits for the printer to
 * finish. Returns true when it printed; false with *res saying why not. */
bool ly_raw_print(const struct ly_raw_lang *lang, const struct ly_print_spec *spec,
                  enum ly_label_size size, const struct ly_bitmap *b,
                  const struct ly_print_timing *t, struct ly_print_result *res);

/* Connects, asks status, disconnects. Returns true when the printer is ready; false with *res
 * saying why not. */
bool ly_raw_status(const struct ly_raw_lang *lang, const struct ly_print_spec *spec,
                   enum ly_label_size size, int io_ms, struct ly_print_result *res);

/* For finish functions: asks status every poll_ms until the printer is not busy (true), reports
 * a problem, the link fails, t->stop is set or t->done_ms passes (false, *st says why). */
bool ly_raw_poll_finish(const struct ly_raw_lang *lang, struct ly_pconn *c, enum ly_label_size size,
                        const struct ly_print_timing *t, int poll_ms, struct ly_raw_status *st,
                        char *err, size_t errsz);

#endif
