/* brother_ql.c - Brother QL raster jobs and status. See brother_ql.h. */
#include "print/brother_ql.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/fail.h"
#include "print/rawprint.h"

#define ESC 0x1b
/* 62 mm tape: 696 printable dots, 12 pins right of them (the head's pin 0 is on the right). */
#define QL_62MM_RIGHT 12

bool ly_ql_parse_status(const uint8_t *buf, size_t n, struct ly_ql_status *out, char *err,
                        size_t errsz)
{
    memset(out, 0, sizeof(*out));
    if (n != LY_QL_STATUS_LEN)
        return ly_fail(err, errsz, "QL status of %zu bytes (want %d)", n, LY_QL_STATUS_LEN);
    if (buf[0] != 0x80 || buf[1] != 0x20 || buf[2] != 0x42)
        return ly_fail(err, errsz, "not a QL status (header %02x %02x %02x)", buf[0], buf[1],
                       buf[2]);
    out->error1 = buf[8];
    out->error2 = buf[9];
    out->media_width_mm = buf[10];
    out->media_type = buf[11];
    out->media_length_mm = buf[17];
    out->status_type = buf[18];
    out->phase = buf[19];
    return true;
}

bool ly_packbits(const uint8_t *src, size_t n, struct ly_dynbuf *out)
{
    size_t i = 0;
    while (i < n) {
        size_t run = 1;
        while (i + run < n && run < 128 && src[i + run] == src[i])
            run++;
        if (run >= 2) {
            uint8_t hdr[2] = {(uint8_t)(257 - run), src[i]};
            if (ly_dynbuf_add(out, hdr, 2) != LY_DYN_OK)
                return false;
            i += run;
            continue;
        }
        size_t lit = 1;
        while (i + lit < n && lit < 128 && !(i + lit + 1 < n && src[i + lit] == src[i + lit + 1]))
            lit++;
        uint8_t hdr = (uint8_t)(lit - 1);
        if (ly_dynbuf_add(out, &hdr, 1) != LY_DYN_OK ||
            ly_dynbuf_add(out, src + i, lit) != LY_DYN_OK)
            return false;
        i += lit;
    }
    return true;
}

bool ly_ql_encode(const struct ly_bitmap *b, struct ly_dynbuf *out, char *err, size_t errsz)
{
    if (b->width != LY_QL_62MM_DOTS)
        return ly_fail(err, errsz, "QL: a 62 mm line is %d dots, not %d", LY_QL_62MM_DOTS,
                       b->width);
    uint8_t zeros[200] = {0};
    uint32_t lines = (uint32_t)b->height;
    const uint8_t head[] = {
        ESC,
        '@', /* initialise */
        ESC,
        'i',
        'a',
        0x01, /* raster mode */
        ESC,
        'i',
        'z',
        0x8e,
        0x0a,
        62,
        0, /* print information: continuous, 62 mm, ... */
        (uint8_t)lines,
        (uint8_t)(lines >> 8),
        (uint8_t)(lines >> 16),
        (uint8_t)(lines >> 24),
        0x00,
        0x00, /* ... starting page */
        ESC,
        'i',
        'M',
        0x40, /* auto cut */
        ESC,
        'i',
        'A',
        0x01, /* cut every label */
        ESC,
        'i',
        'K',
        0x08, /* cut at the end */
        ESC,
        'i',
        'd',
        35,
        0, /* feed margin: 35 dots */
        'M',
        0x02, /* raster lines are PackBits */
    };
    bool ok = ly_dynbuf_add(out, zeros, sizeof zeros) == LY_DYN_OK &&
              ly_dynbuf_add(out, head, sizeof head) == LY_DYN_OK;
    struct ly_dynbuf packed;
    ly_dynbuf_init(&packed, 4 * LY_QL_PINS);
    for (int y = 0; ok && y < b->height; y++) {
        uint8_t line[LY_QL_PINS / 8] = {0};
        bool blank = true;
        for (int x = 0; x < b->width; x++) {
            if (!ly_bitmap_get(b, x, y))
                continue;
            int pin = LY_QL_PINS - 1 - (x + QL_62MM_RIGHT); /* mirrored */
            line[pin / 8] |= (uint8_t)(0x80 >> (pin % 8));
            blank = false;
        }
        if (blank) {
            ok = ly_dynbuf_add(out, "Z", 1) == LY_DYN_OK;
            continue;
        }
        ly_dynbuf_reset(&packed);
        ok = ly_packbits(line, sizeof line, &packed);
        uint8_t g[3] = {'g', 0x00, (uint8_t)ly_dynbuf_len(&packed)};
        ok = ok && ly_dynbuf_add(out, g, 3) == LY_DYN_OK &&
             ly_dynbuf_add(out, ly_dynbuf_ptr(&packed), ly_dynbuf_len(&packed)) == LY_DYN_OK;
    }
    ly_dynbuf_free(&packed);
    ok = ok && ly_dynbuf_add(out, "\x1a", 1) == LY_DYN_OK; /* print with feeding */
    return ok || ly_fail(err, errsz, "QL: the label is bigger than a job may be");
}

/* --- the raw path ----------------------------------------------------------------------------- */

static bool ql_label_ok(enum ly_label_size size, char *err, size_t errsz)
{
    if (size != LY_LABEL_62MM)
        return ly_fail(err, errsz, "Brother QL: only 62 mm continuous tape is supported, not %s",
                       ly_label_name(size));
    return true;
}

static bool whole_status(const uint8_t *buf, size_t n)
{
    (void)buf;
    return n >= LY_QL_STATUS_LEN;
}

/* Fills st from a parsed status message: its errors, and whether the media suits size. */
static void judge(const struct ly_ql_status *q, enum ly_label_size size, struct ly_raw_status *st)
{
    static const struct {
        int byte, bit;
        enum ly_print_reason reason;
        const char *what;
    } bits[] = {
        {2, 4, LY_PR_COVER_OPEN, "cover open"},        {1, 0, LY_PR_MEDIA_OUT, "no media"},
        {1, 1, LY_PR_MEDIA_OUT, "end of media"},       {1, 2, LY_PR_CUTTER_JAM, "cutter jam"},
        {2, 6, LY_PR_JAMMED, "media cannot be fed"},   {2, 0, LY_PR_WRONG_MEDIA, "replace media"},
        {1, 5, LY_PR_OFFLINE, "turned off"},           {1, 7, LY_PR_UNKNOWN, "fan motor error"},
        {2, 7, LY_PR_UNKNOWN, "system error"},         {2, 2, LY_PR_UNKNOWN, "communication error"},
        {1, 6, LY_PR_UNKNOWN, "high-voltage adapter"},
    };
    st->media_width_mm = q->media_width_mm;
    st->busy = q->phase == 1 || (q->error1 & 0x10);
    for (size_t i = 0; i < sizeof bits / sizeof bits[0]; i++) {
        uint8_t v = bits[i].byte == 1 ? q->error1 : q->error2;
        if (v & (1u << bits[i].bit)) {
            st->reason = bits[i].reason;
            snprintf(st->detail, sizeof st->detail, "Brother QL reports %s", bits[i].what);
            return;
        }
    }
    (void)size; /* only 62 mm continuous is accepted (ql_label_ok) */
    if (q->media_width_mm != 62 || q->media_type != 0x0a) {
        st->reason = LY_PR_WRONG_MEDIA;
        snprintf(st->detail, sizeof st->detail,
                 "the job is for 62 mm continuous tape; the printer has %d mm %s",
                 q->media_width_mm,
                 q->media_type == 0x0b   ? "die-cut labels"
                 : q->media_type == 0x0a ? "tape"
                                         : "media");
    }
}

static bool ql_read_status(struct ly_pconn *c, int timeout_ms, struct ly_ql_status *q, char *err,
                           size_t errsz)
{
    uint8_t buf[LY_QL_STATUS_LEN];
    size_t got = 0;
    if (!ly_pconn_read_until(c, buf, sizeof buf, &got, whole_status, timeout_ms, err, errsz))
        return false;
    return ly_ql_parse_status(buf, got, q, err, errsz);
}

static bool ql_query(struct ly_pconn *c, enum ly_label_size size, int timeout_ms,
                     struct ly_raw_status *st, char *err, size_t errsz)
{
    memset(st, 0, sizeof(*st));
    ly_pconn_drain(c);
    uint8_t req[200 + 5] = {0};
    memcpy(req + 200, "\x1b@\x1biS", 5); /* invalidate, initialise, status request */
    if (!ly_pconn_write(c, req, sizeof req, NULL, timeout_ms, err, errsz))
        return false;
    struct ly_ql_status q;
    if (!ql_read_status(c, timeout_ms, &q, err, errsz))
        return false;
    judge(&q, size, st);
    return true;
}

static bool ql_encode(const struct ly_bitmap *b, enum ly_label_size size, struct ly_dynbuf *out,
                      char *err, size_t errsz)
{
    (void)size;
    return ly_ql_encode(b, out, err, errsz);
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A QL says by itself how a job goes: phase changes, then "printing completed" or an error. */
static bool ql_finish(struct ly_pconn *c, enum ly_label_size size, const struct ly_print_timing *t,
                      struct ly_raw_status *st, char *err, size_t errsz)
{
    int64_t deadline = mono_ms() + t->done_ms;
    for (;;) {
        int64_t left = deadline - mono_ms();
        if (left <= 0 || (t->stop != NULL && atomic_load(t->stop))) {
            st->reason = LY_PR_OFFLINE;
            return ly_fail(err, errsz, "the printer did not report the job printed in %d ms",
                           t->done_ms);
        }
        struct ly_ql_status q;
        if (!ql_read_status(c, (int)(left < 1000 ? left : 1000), &q, err, errsz)) {
            if (strstr(err, "no status reply") != NULL)
                continue; /* still printing */
            st->reason = LY_PR_OFFLINE;
            return false;
        }
        memset(st, 0, sizeof(*st));
        if (q.status_type == 0x02 || q.error1 != 0 || q.error2 != 0) {
            judge(&q, size, st);
            if (st->reason == LY_PR_NONE) {
                st->reason = LY_PR_UNKNOWN;
                snprintf(st->detail, sizeof st->detail, "Brother QL reports an error");
            }
            return false;
        }
        if (q.status_type == 0x01)
            return true;
    }
}

const struct ly_raw_lang ly_ql_lang = {
    .name = "ql",
    .default_dpi = 300,
    .label_ok = ql_label_ok,
    .query = ql_query,
    .encode = ql_encode,
    .finish = ql_finish,
};
