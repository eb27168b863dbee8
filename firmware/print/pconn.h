/* pconn.h - the byte link to a raw printer: a TCP socket (port 9100 style) or a printer device
 * file (/dev/usb/lp0; a terminal is put in raw mode), with every connect, write and read bounded
 * by a timeout. Used by the ZPL, Brother QL and ESC/POS paths from the print worker thread. */
#ifndef LY_PCONN_H
#define LY_PCONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "print/pspec.h"

struct ly_pconn {
    int fd;
    bool socket;
};

/* Connects to spec's host and port, or opens its device, within timeout_ms. Returns false with a
 * message ("connection refused", "no such device") when the printer cannot be reached. The
 * caller closes c with ly_pconn_close. */
__attribute__((warn_unused_result)) bool ly_pconn_open(struct ly_pconn *c,
                                                       const struct ly_print_spec *spec,
                                                       int timeout_ms, char *err, size_t errsz);

/* Writes n bytes, each wait for the link to take more bounded by timeout_ms. Stores how many
 * bytes went out in *written (may be NULL). Returns false with a message when the link fails,
 * closes or stalls. */
__attribute__((warn_unused_result)) bool ly_pconn_write(struct ly_pconn *c, const void *buf,
                                                        size_t n, size_t *written, int timeout_ms,
                                                        char *err, size_t errsz);

/* Reads into buf (max bytes) until complete(buf, got) says the reply is whole, max bytes are
 * in, or timeout_ms passes. Stores the byte count in *got. Returns true when complete said so;
 * false with a message on a timeout, an error or the link closing. */
__attribute__((warn_unused_result)) bool
ly_pconn_read_until(struct ly_pconn *c, uint8_t *buf, size_t max, size_t *got,
                    bool (*complete)(const uint8_t *buf, size_t n), int timeout_ms, char *err,
                    size_t errsz);

/* Throws away whatever the printer sent and nobody read yet (a reply to an earlier question,
 * unasked status messages). */
void ly_pconn_drain(struct ly_pconn *c);

/* Closes the link (a closed or never opened one is allowed: fd -1). */
void ly_pconn_close(struct ly_pconn *c);

#endif
