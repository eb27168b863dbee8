/* zpl.c - Zebra ZPL II labels and ~HS status. See zpl.h. */
#include "print/zpl.h"

#include <stdio.h>
#include <string.h>

#include "common/fail.h"
#include "common/num.h"
#include "print/rawprint.h"

#define STX 0x02
#define ETX 0x03

bool ly_zpl_hs_complete(const uint8_t *buf, size_t n)
{
    int etx = 0;
    for (size_t i = 0; i < n; i++)
        etx += buf[i] == ETX;
    return etx >= 3;
}

/* Splits the framed string starting at *pos into up to max comma-separated fields (copied into
 * store, NUL-terminated). Returns the field count, or -1 when no whole <STX>...<ETX> follows. */
static int framed_fields(const uint8_t *buf, size_t n, size_t *pos, char store[LY_ZPL_HS_MAX],
                         char *fields[], int max)
{
    size_t i = *pos;
    while (i < n && buf[i] != STX)
        i++;
    if (i >= n)
        return -1;
    size_t start = ++i;
    while (i < n && buf[i] != ETX && buf[i] != STX)
        i++;
    if (i >= n || buf[i] != ETX)
        return -1;
    size_t len = i - start;
    memcpy(store, buf + start, len);
    store[len] = '\0';
    *pos = i + 1;
    int count = 0;
    char *p = store;
    while (count < max) {
        fields[count++] = p;
        char *comma = strchr(p, ',');
        if (comma == NULL)
            break;
        *comma = '\0';
        p = comma + 1;
    }
    return count;
}

static bool field_int(const char *s, int64_t max, int64_t *out)
{
    return ly_num_int(s, 0, max, out);
}

static bool flag(const char *s, bool *out)
{
    if (strcmp(s, "0") != 0 && strcmp(s, "1") != 0)
        return false;
    *out = s[0] == '1';
    return true;
}

bool ly_zpl_parse_hs(const uint8_t *buf, size_t n, struct ly_zpl_status *out, char *err,
                     size_t errsz)
{
    memset(out, 0, sizeof(*out));
    if (n > LY_ZPL_HS_MAX)
        return ly_fail(err, errsz, "~HS reply of %zu bytes (at most %d)", n, LY_ZPL_HS_MAX);
    char s1[LY_ZPL_HS_MAX], s2[LY_ZPL_HS_MAX], s3[LY_ZPL_HS_MAX];
    char *f1[16], *f2[16], *f3[4];
    size_t pos = 0;
    int n1 = framed_fields(buf, n, &pos, s1, f1, 16);
    int n2 = framed_fields(buf, n, &pos, s2, f2, 16);
    int n3 = framed_fields(buf, n, &pos, s3, f3, 4);
    if (n1 < 12 || n2 < 11 || n3 < 1)
        return ly_fail(err, errsz, "not a ~HS reply (%d, %d and %d fields)", n1, n2, n3);
    int64_t len, formats, left, dummy;
    bool diag, partial, thermal;
    bool ok = field_int(f1[0], 999, &dummy) && flag(f1[1], &out->paper_out) &&
              flag(f1[2], &out->paused) && field_int(f1[3], 99999, &len) &&
              field_int(f1[4], 999, &formats) && flag(f1[5], &out->buffer_full) &&
              flag(f1[6], &diag) && flag(f1[7], &partial) && field_int(f1[8], 999, &dummy) &&
              flag(f1[9], &out->corrupt_ram) && flag(f1[10], &out->under_temp) &&
              flag(f1[11], &out->over_temp);
    ok = ok && field_int(f2[0], 99999999, &dummy) && flag(f2[2], &out->head_open) &&
         flag(f2[3], &out->ribbon_out) && flag(f2[4], &thermal) &&
         field_int(f2[8], 99999999, &left);
    if (!ok)
        return ly_fail(err, errsz, "a ~HS field is not what the guide says");
    out->label_length = (int)len;
    out->formats_waiting = (int)formats + (partial ? 1 : 0);
    out->labels_left = (long)left;
    return true;
}

/* --- encoding -------------------------------------------------------------------------------- */

static const char hex[] = "0123456789ABCDEF";

/* Appends a run of count copies of c in ZPL's repeat code: g..z are 20 to 400 in steps of 20,
 * G..Y are 1 to 19, written before the character they repeat. */
static bool put_run(struct ly_dynbuf *out, char c, int count)
{
    char tmp[8];
    while (count > 0) {
        int n = count > 419 ? 419 : count, k = 0;
        if (n >= 20)
            tmp[k++] = (char)('g' + n / 20 - 1);
        if (n % 20 > 0)
            tmp[k++] = (char)('G' + n % 20 - 1);
        if (n == 1)
            k = 0;
        tmp[k++] = c;
        if (ly_dynbuf_add(out, tmp, (size_t)k) != LY_DYN_OK)
            return false;
        count -= n;
    }
    return true;
}

/* Appends one row (stride bytes) in compressed hex; ':' when it equals the previous row. */
static bool put_row(struct ly_dynbuf *out, const uint8_t *row, const uint8_t *prev, size_t stride)
{
    if (prev != NULL && memcmp(row, prev, stride) == 0)
        return ly_dynbuf_add(out, ":", 1) == LY_DYN_OK;
    char line[2 * 1024];
    size_t n = 2 * stride;
    for (size_t i = 0; i < stride; i++) {
        line[2 * i] = hex[row[i] >> 4];
        line[2 * i + 1] = hex[row[i] & 15];
    }
    /* Trailing zeros (white) end the row with ','; trailing F (black) with '!'. */
    size_t end = n;
    char fill = 0;
    while (end > 0 && line[end - 1] == '0')
        end--;
    if (end < n) {
        fill = ',';
    } else {
        while (end > 0 && line[end - 1] == 'F')
            end--;
        fill = end < n ? '!' : 0;
    }
    for (size_t i = 0; i < end;) {
        size_t j = i + 1;
        while (j < end && line[j] == line[i])
            j++;
        if (!put_run(out, line[i], (int)(j - i)))
            return false;
        i = j;
    }
    return fill == 0 || ly_dynbuf_add(out, &fill, 1) == LY_DYN_OK;
}

bool ly_zpl_encode(const struct ly_bitmap *b, bool continuous, struct ly_dynbuf *out, char *err,
                   size_t errsz)
{
    if (b->stride > 1024)
        return ly_fail(err, errsz, "ZPL: a row of %zu bytes is wider than any Zebra", b->stride);
    size_t total = b->stride * (size_t)b->height;
    bool ok = ly_dynbuf_addf(out,
                             "^XA\n^MN%c^PW%d^LL%d^LH0,0^PON^CI28\n"
                             "^FO0,0^GFA,%zu,%zu,%zu,",
                             continuous ? 'N' : 'Y', b->width, b->height, total, total,
                             b->stride) == LY_DYN_OK;
    for (int y = 0; ok && y < b->height; y++) {
        const uint8_t *row = b->bits + (size_t)y * b->stride;
        ok = put_row(out, row, y > 0 ? row - b->stride : NULL, b->stride);
    }
    ok = ok && ly_dynbuf_add_str(out, "^FS\n^PQ1\n^XZ\n") == LY_DYN_OK;
    return ok || ly_fail(err, errsz, "ZPL: the label is bigger than a job may be");
}

/* --- the raw path ----------------------------------------------------------------------------- */

static bool zpl_label_ok(enum ly_label_size size, char *err, size_t errsz)
{
    if (size == LY_LABEL_RECEIPT80 || size == LY_LABEL_RECEIPT58)
        return ly_fail(err, errsz, "a Zebra takes labels, not %s receipt rolls",
                       ly_label_name(size));
    return true;
}

static bool zpl_query(struct ly_pconn *c, enum ly_label_size size, int timeout_ms,
                      struct ly_raw_status *st, char *err, size_t errsz)
{
    (void)size;
    memset(st, 0, sizeof(*st));
    ly_pconn_drain(c);
    if (!ly_pconn_write(c, "~HS\r\n", 5, NULL, timeout_ms, err, errsz))
        return false;
    uint8_t buf[LY_ZPL_HS_MAX];
    size_t got = 0;
    if (!ly_pconn_read_until(c, buf, sizeof buf, &got, ly_zpl_hs_complete, timeout_ms, err, errsz))
        return false;
    struct ly_zpl_status z;
    if (!ly_zpl_parse_hs(buf, got, &z, err, errsz))
        return false;
    st->busy = z.formats_waiting > 0 || z.labels_left > 0;
    const char *what = NULL;
    if (z.head_open) {
        st->reason = LY_PR_COVER_OPEN;
        what = "print head open";
    } else if (z.paper_out) {
        st->reason = LY_PR_MEDIA_OUT;
        what = "paper out";
    } else if (z.ribbon_out) {
        st->reason = LY_PR_MEDIA_OUT;
        what = "ribbon out";
    } else if (z.paused) {
        st->reason = LY_PR_PAUSED;
        what = "paused";
    } else if (z.corrupt_ram || z.under_temp || z.over_temp) {
        st->reason = LY_PR_UNKNOWN;
        what = z.corrupt_ram ? "corrupt RAM" : "head temperature out of range";
    }
    if (what != NULL)
        snprintf(st->detail, sizeof st->detail, "Zebra reports %s", what);
    return true;
}

static bool zpl_encode(const struct ly_bitmap *b, enum ly_label_size size, struct ly_dynbuf *out,
                       char *err, size_t errsz)
{
    return ly_zpl_encode(b, size == LY_LABEL_62MM, out, err, errsz);
}

static bool zpl_finish(struct ly_pconn *c, enum ly_label_size size, const struct ly_print_timing *t,
                       struct ly_raw_status *st, char *err, size_t errsz)
{
    return ly_raw_poll_finish(&ly_zpl_lang, c, size, t, 100, st, err, errsz);
}

const struct ly_raw_lang ly_zpl_lang = {
    .name = "zpl",
    .default_dpi = 203,
    .label_ok = zpl_label_ok,
    .query = zpl_query,
    .encode = zpl_encode,
    .finish = zpl_finish,
    .cancel = "~JA", /* cancel all: the formats still in the buffer */
    .cancel_len = 3,
};
