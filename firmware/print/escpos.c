/* escpos.c - ESC/POS slips and status. See escpos.h. */
#include "print/escpos.h"

#include <stdio.h>
#include <string.h>

#include "common/fail.h"
#include "print/rawprint.h"

#define ESC 0x1b
#define GS  0x1d
#define DLE 0x10
#define EOT 0x04

bool ly_escpos_parse_status(const uint8_t *buf, size_t n, struct ly_escpos_status *out, char *err,
                            size_t errsz)
{
    memset(out, 0, sizeof(*out));
    if (n != 4)
        return ly_fail(err, errsz, "DLE EOT: %zu answers (want 4)", n);
    for (size_t i = 0; i < 4; i++) {
        if ((buf[i] & 0x93) != 0x12)
            return ly_fail(err, errsz, "DLE EOT %zu: 0x%02x is not a status byte", i + 1, buf[i]);
    }
    out->offline = buf[0] & 0x08;
    out->cover_open = buf[1] & 0x04;
    out->feed_button = buf[1] & 0x08;
    out->paper_end_stop = buf[1] & 0x20;
    out->error = buf[1] & 0x40;
    out->cutter_error = buf[2] & 0x08;
    out->unrecoverable = buf[2] & 0x20;
    out->auto_recoverable = buf[2] & 0x40;
    out->paper_near_end = (buf[3] & 0x0c) != 0;
    out->paper_end = (buf[3] & 0x60) != 0;
    return true;
}

bool ly_escpos_encode(const struct ly_bitmap *b, struct ly_dynbuf *out, char *err, size_t errsz)
{
    if (b->stride > 0xffff)
        return ly_fail(err, errsz, "ESC/POS: a row of %zu bytes", b->stride);
    bool ok = ly_dynbuf_add(out, "\x1b@", 2) == LY_DYN_OK;
    for (int y0 = 0; ok && y0 < b->height; y0 += LY_ESCPOS_BAND_ROWS) {
        int rows = b->height - y0 < LY_ESCPOS_BAND_ROWS ? b->height - y0 : LY_ESCPOS_BAND_ROWS;
        uint8_t hdr[8] = {GS,
                          'v',
                          '0',
                          0,
                          (uint8_t)b->stride,
                          (uint8_t)(b->stride >> 8),
                          (uint8_t)rows,
                          (uint8_t)(rows >> 8)};
        ok = ly_dynbuf_add(out, hdr, sizeof hdr) == LY_DYN_OK &&
             ly_dynbuf_add(out, b->bits + (size_t)y0 * b->stride, (size_t)rows * b->stride) ==
                 LY_DYN_OK;
    }
    /* Feed 4 lines so the slip clears the cutter, partial cut with a feed. */
    const uint8_t tail[] = {ESC, 'd', 4, GS, 'V', 66, 0};
    ok = ok && ly_dynbuf_add(out, tail, sizeof tail) == LY_DYN_OK;
    return ok || ly_fail(err, errsz, "ESC/POS: the slip is bigger than a job may be");
}

/* --- the raw path ----------------------------------------------------------------------------- */

static bool escpos_label_ok(enum ly_label_size size, char *err, size_t errsz)
{
    if (size != LY_LABEL_RECEIPT80 && size != LY_LABEL_RECEIPT58)
        return ly_fail(err, errsz, "ESC/POS: a receipt roll (80mm or 58mm), not %s",
                       ly_label_name(size));
    return true;
}

static bool four(const uint8_t *buf, size_t n)
{
    (void)buf;
    return n >= 4;
}

static bool one(const uint8_t *buf, size_t n)
{
    (void)buf;
    return n >= 1;
}

static bool escpos_query(struct ly_pconn *c, enum ly_label_size size, int timeout_ms,
                         struct ly_raw_status *st, char *err, size_t errsz)
{
    (void)size;
    memset(st, 0, sizeof(*st));
    ly_pconn_drain(c);
    const uint8_t req[] = {DLE, EOT, 1, DLE, EOT, 2, DLE, EOT, 3, DLE, EOT, 4};
    if (!ly_pconn_write(c, req, sizeof req, NULL, timeout_ms, err, errsz))
        return false;
    uint8_t buf[4];
    size_t got = 0;
    if (!ly_pconn_read_until(c, buf, sizeof buf, &got, four, timeout_ms, err, errsz))
        return false;
    struct ly_escpos_status e;
    if (!ly_escpos_parse_status(buf, got, &e, err, errsz))
        return false;
    const char *what = NULL;
    if (e.cover_open) {
        st->reason = LY_PR_COVER_OPEN;
        what = "cover open";
    } else if (e.paper_end || e.paper_end_stop) {
        st->reason = LY_PR_MEDIA_OUT;
        what = "paper end";
    } else if (e.cutter_error) {
        st->reason = LY_PR_CUTTER_JAM;
        what = "autocutter error";
    } else if (e.unrecoverable || e.auto_recoverable || e.error) {
        st->reason = LY_PR_UNKNOWN;
        what = e.unrecoverable ? "an unrecoverable error" : "an error";
    } else if (e.offline) {
        st->reason = LY_PR_PAUSED;
        what = "offline (feed button held or waiting)";
    }
    if (what != NULL)
        snprintf(st->detail, sizeof st->detail, "ESC/POS printer reports %s", what);
    return true;
}

static bool escpos_encode(const struct ly_bitmap *b, enum ly_label_size size, struct ly_dynbuf *out,
                          char *err, size_t errsz)
{
    (void)size;
    return ly_escpos_encode(b, out, err, errsz);
}

/* GS r 1 is answered in turn, after the slip before it was printed: the nearest thing ESC/POS
 * has to "printed". Then DLE EOT for any error the slip ran into. */
static bool escpos_finish(struct ly_pconn *c, enum ly_label_size size,
                          const struct ly_print_timing *t, struct ly_raw_status *st, char *err,
                          size_t errsz)
{
    const uint8_t req[] = {GS, 'r', 1};
    uint8_t reply[1];
    size_t got = 0;
    if (!ly_pconn_write(c, req, sizeof req, NULL, t->io_ms, err, errsz) ||
        !ly_pconn_read_until(c, reply, sizeof reply, &got, one, t->done_ms, err, errsz)) {
        st->reason = LY_PR_OFFLINE;
        return false;
    }
    if (!escpos_query(c, size, t->io_ms, st, err, errsz)) {
        st->reason = LY_PR_OFFLINE;
        return false;
    }
    return st->reason == LY_PR_NONE;
}

const struct ly_raw_lang ly_escpos_lang = {
    .name = "escpos",
    .default_dpi = 203,
    .label_ok = escpos_label_ok,
    .query = escpos_query,
    .encode = escpos_encode,
    .finish = escpos_finish,
    .cancel = "\x10\x05\x02", /* DLE ENQ 2: recover from the error, clear the buffers */
    .cancel_len = 3,
};
