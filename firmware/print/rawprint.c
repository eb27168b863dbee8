/* rawprint.c - the sequence every raw printer path shares. See driver.h. */
#include "print/rawprint.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "common/fail.h"

/* An encoded job is at most this big: a 4x6 in label at 600 dpi uncompressed is 2.7 MB as hex. */
#define RAW_JOB_MAX (16u * 1024 * 1024)

static void copy_detail(char *dst, const char *src)
{
    snprintf(dst, LY_PRINT_DETAIL_MAX, "%s", src);
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

bool ly_raw_poll_finish(const struct ly_raw_lang *lang, struct ly_pconn *c, enum ly_label_size size,
                        const struct ly_print_timing *t, int poll_ms, struct ly_raw_status *st,
                        char *err, size_t errsz)
{
    int64_t deadline = mono_ms() + t->done_ms;
    for (;;) {
        if (!lang->query(c, size, t->io_ms, st, err, errsz)) {
            st->reason = LY_PR_OFFLINE;
            return false;
        }
        /* Wrong media after the job was taken is the printer's business now; any other problem
         * means the label may not have come out. */
        if (st->reason != LY_PR_NONE && st->reason != LY_PR_WRONG_MEDIA)
            return false;
        if (!st->busy)
            return true;
        if (mono_ms() >= deadline || (t->stop != NULL && atomic_load(t->stop))) {
            st->reason = LY_PR_OFFLINE;
            return ly_fail(err, errsz, "the printer did not finish the job in %d ms", t->done_ms);
        }
        sleep_ms(poll_ms);
    }
}

bool ly_raw_status(const struct ly_raw_lang *lang, const struct ly_print_spec *spec,
                   enum ly_label_size size, int io_ms, struct ly_print_result *res)
{
    memset(res, 0, sizeof(*res));
    struct ly_pconn c;
    char err[LY_PRINT_DETAIL_MAX];
    if (!ly_pconn_open(&c, spec, io_ms, err, sizeof err)) {
        res->reason = LY_PR_OFFLINE;
        copy_detail(res->detail, err);
        return false;
    }
    struct ly_raw_status st = {0};
    bool ok = lang->query(&c, size, io_ms, &st, err, sizeof err);
    ly_pconn_close(&c);
    if (!ok) {
        res->reason = LY_PR_OFFLINE;
        copy_detail(res->detail, err);
        return false;
    }
    res->reason = st.reason;
    copy_detail(res->detail, st.detail);
    return st.reason == LY_PR_NONE;
}

bool ly_raw_print(const struct ly_raw_lang *lang, const struct ly_print_spec *spec,
                  enum ly_label_size size, const struct ly_bitmap *b,
                  const struct ly_print_timing *t, struct ly_print_result *res)
{
    memset(res, 0, sizeof(*res));
    char err[LY_PRINT_DETAIL_MAX] = "";
    struct ly_dynbuf job;
    ly_dynbuf_init(&job, RAW_JOB_MAX);
    if (!lang->encode(b, size, &job, err, sizeof err)) {
        res->reason = LY_PR_BAD_JOB;
        copy_detail(res->detail, err);
        ly_dynbuf_free(&job);
        return false;
    }
    struct ly_pconn c;
    if (!ly_pconn_open(&c, spec, t->io_ms, err, sizeof err)) {
        res->reason = LY_PR_OFFLINE;
        copy_detail(res->detail, err);
        ly_dynbuf_free(&job);
        return false;
    }
    bool ok = false;
    struct ly_raw_status st = {0};
    if (!lang->query(&c, size, t->io_ms, &st, err, sizeof err)) {
        res->reason = LY_PR_OFFLINE;
        copy_detail(res->detail, err);
        goto end;
    }
    if (st.reason != LY_PR_NONE) {
        res->reason = st.reason;
        copy_detail(res->detail, st.detail);
        goto end;
    }
    ly_pconn_drain(&c);
    size_t written = 0;
    bool sent = ly_pconn_write(&c, ly_dynbuf_ptr(&job), ly_dynbuf_len(&job), &written, t->io_ms,
                               err, sizeof err);
    res->maybe_printed = written > 0;
    if (!sent) {
        res->reason = LY_PR_OFFLINE;
        copy_detail(res->detail, err);
        goto end;
    }
    if (t->sent != NULL)
        t->sent(t->arg);
    memset(&st, 0, sizeof st);
    if (!lang->finish(&c, size, t, &st, err, sizeof err)) {
        res->reason = st.reason != LY_PR_NONE ? st.reason : LY_PR_UNKNOWN;
        copy_detail(res->detail, st.detail[0] != '\0' ? st.detail : err);
        /* When the cancel does not get through either, the label may still come out later:
         * maybe_printed (set above) says so. */
        if (lang->cancel != NULL && res->reason != LY_PR_OFFLINE &&
            !ly_pconn_write(&c, lang->cancel, lang->cancel_len, NULL, t->io_ms, err, sizeof err))
            res->maybe_printed = true;
        goto end;
    }
    ok = true;
end:
    ly_pconn_close(&c);
    ly_dynbuf_free(&job);
    return ok;
}
