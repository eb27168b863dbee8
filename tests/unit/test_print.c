/* test_print.c - the print paths without a printer: spec strings, labels drawn at each size and
 * resolution (their QR read back by ZBar and verified), each encoder against the independent
 * decoder of tests/tools/printdecode.h, and the parsers of printer replies. test_print_worker
 * prints to socket printers; t_print_cups.sh to a real cupsd. */
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "../tools/printdecode.h"
#include "../tools/printkit.h"
#include "print/brother_ql.h"
#include "print/escpos.h"
#include "print/ipp.h"
#include "print/label.h"
#include "print/phealth.h"
#include "print/printer.h"
#include "print/zpl.h"
#include "common/ly_limits.h"

static void test_spec(void)
{
    struct ly_print_spec s;
    char err[256], buf[LY_PRINT_SPEC_MAX];
    CHECK(ly_print_spec_parse("zpl:tcp:10.0.0.5:9100", &s, err, sizeof err));
    CHECK(s.lang == LY_PRINT_ZPL && s.link == LY_PRINT_TCP && s.port == 9100);
    CHECK_STR(s.host, "10.0.0.5");
    CHECK(ly_print_spec_parse("ql:tcp:printer.lan", &s, err, sizeof err));
    CHECK(s.lang == LY_PRINT_QL && s.port == 9100);
    CHECK(ly_print_spec_parse("escpos:tcp:[::1]:9101", &s, err, sizeof err));
    CHECK_STR(s.host, "::1");
    CHECK(ly_print_spec_format(&s, buf, sizeof buf));
    CHECK_STR(buf, "escpos:tcp:[::1]:9101");
    CHECK(ly_print_spec_parse("zpl:dev:/dev/usb/lp0", &s, err, sizeof err));
    CHECK(s.link == LY_PRINT_DEV);
    CHECK_STR(s.path, "/dev/usb/lp0");
    CHECK(ly_print_spec_parse("ipp", &s, err, sizeof err));
    CHECK(s.link == LY_PRINT_CUPS && s.path[0] == '\0');
    CHECK(ly_print_spec_parse("ipp:DYMO_LabelWriter", &s, err, sizeof err));
    CHECK_STR(s.path, "DYMO_LabelWriter");
    CHECK(ly_print_spec_format(&s, buf, sizeof buf));
    CHECK_STR(buf, "ipp:DYMO_LabelWriter");
    const char *bad[] = {"",
                         "pdf:tcp:x",
                         "zpl",
                         "zpl:tcp:",
                         "zpl:tcp:h:0",
                         "zpl:tcp:h:65536",
                         "zpl:tcp:h:9100x",
                         "zpl:dev:lp0",
                         "ql:usb:/dev/x",
                         "ipp:a b",
                         "ipp:a/b",
                         "escpos:tcp:[::1",
                         "zpl:tcp:a b:1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        err[0] = '\0';
        bool ok = ly_print_spec_parse(bad[i], &s, err, sizeof err);
        CHECK(!ok && err[0] != '\0');
        if (ok)
            fprintf(stderr, "accepted bad spec `%s`\n", bad[i]);
    }
    char *huge = malloc(LY_PRINT_SPEC_MAX + 10);
    memset(huge, 'a', LY_PRINT_SPEC_MAX + 9);
    memcpy(huge, "ipp:", 4);
    huge[LY_PRINT_SPEC_MAX + 9] = '\0';
    CHECK(!ly_print_spec_parse(huge, &s, err, sizeof err));
    free(huge);
    enum ly_label_size l;
    CHECK(ly_label_parse("4x6", &l) && l == LY_LABEL_4X6);
    CHECK(ly_label_parse("62MM", &l) && l == LY_LABEL_62MM);
    CHECK(ly_label_parse("A6", &l) && l == LY_LABEL_A6);
    CHECK(!ly_label_parse("4x7", &l) && !ly_label_parse(NULL, &l));
    CHECK_STR(ly_print_reason_name(LY_PR_MEDIA_OUT), "media-out");
    CHECK_STR(ly_job_state_name(LY_JOB_SENT), "sent");
}

static const struct ly_card card_ar = {.name = "فاطمة الزهراء بن علي",
                                       .name_latin = "Fatima Al-Zahraa Ben Ali",
                                       .affiliation = "Ministry of Communication",
                                       .country = "Egypt",
                                       .category = "Speaker",
                                       .category_rgb = 0xB34700,
                                       .event_name = "Internet Governance Forum 2025",
                                       .event_dates = "23-27 June 2025",
                                       .reference = "No. 1042"};

/* Every size draws at its printer's resolution, to the label's width, and its QR reads back as
 * the signed code. */
static void test_labels(void)
{
    static const struct {
        enum ly_label_size size;
        int dpi, width, height; /* height 0: continuous */
        enum ly_print_kind kind;
    } cases[] = {
        {LY_LABEL_4X6, 203, 812, 1218, LY_JOB_BADGE},
        {LY_LABEL_4X3, 203, 812, 609, LY_JOB_BADGE},
        {LY_LABEL_62MM, 300, 696, 0, LY_JOB_BADGE},
        {LY_LABEL_A6, 300, 1240, 1748, LY_JOB_BADGE},
        {LY_LABEL_4X6, 300, 1200, 1800, LY_JOB_SLIP},
        {LY_LABEL_62MM, 300, 696, 0, LY_JOB_SLIP},
        {LY_LABEL_RECEIPT80, 203, 576, 0, LY_JOB_SLIP},
        {LY_LABEL_RECEIPT58, 203, 384, 0, LY_JOB_SLIP},
        {LY_LABEL_4X3, 203, 812, 609, LY_JOB_SLIP},
    };
    char code[LY_BADGE_CODE_LEN_MAX + 1], err[256];
    CHECK(pk_code(1042, code));
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct ly_label *l = NULL;
        CHECK(ly_label_open(&l, cases[i].size, cases[i].dpi, err, sizeof err));
        if (l == NULL)
            return;
        struct ly_print_job job = {.kind = cases[i].kind, .card = card_ar};
        job.card.code = code;
        job.slip = (struct ly_slip){.name = "अनुराधा रामकृष्णन",
                                    .session = "Main Session: Digital Public Infrastructure",
                                    .room = "Plenary Hall",
                                    .time = "Tue 24 June 10:00-11:30",
                                    .event_name = "IGF 2025",
                                    .code = code};
        struct ly_bitmap b;
        int version = 0;
        bool ok = ly_label_raster(l, &job, &b, &version, err, sizeof err);
        CHECK(ok);
        if (!ok) {
            fprintf(stderr, "case %zu: %s\n", i, err);
            ly_label_close(l);
            continue;
        }
        CHECK_INT(b.width, cases[i].width);
        if (cases[i].height > 0)
            CHECK_INT(b.height, cases[i].height);
        else
            CHECK(b.height > b.width / 2 && b.height < 4000);
        CHECK(version >= 1 && version <= 7);
        char found[4][256];
        int n = pk_zbar(&b, found, 4);
        CHECK_INT(n, 1);
        if (n == 1) {
            CHECK_STR(found[0], code);
            CHECK(pk_verify(found[0], NULL));
        } else {
            fprintf(stderr, "case %zu (%s %d dpi): %d codes\n", i, ly_label_name(cases[i].size),
                    cases[i].dpi, n);
        }
        ly_bitmap_free(&b);
        ly_label_close(l);
    }
}

/* A bitmap with every shape the encoders compress differently: white rows, black rows, repeated
 * rows, long runs, alternating bits, noise. */
static void pattern(struct ly_bitmap *b, int w, int h)
{
    b->width = w;
    b->height = h;
    b->stride = ((size_t)w + 7) / 8;
    b->bits = calloc((size_t)h, b->stride);
    uint32_t seed = 12345;
    for (int y = 0; y < h; y++) {
        uint8_t *row = b->bits + (size_t)y * b->stride;
        for (size_t i = 0; i < b->stride; i++) {
            seed = seed * 1103515245u + 12345u;
            switch (y % 7) {
            case 0:
                row[i] = 0;
                break;
            case 1:
                row[i] = 0xff;
                break;
            case 2:
                row[i] = i < b->stride / 2 ? 0xff : 0;
                break;
            case 3:
                row[i] = 0xaa;
                break;
            case 4:
                row[i] = (uint8_t)(seed >> 16);
                break;
            case 5:
                row[i] = i > b->stride / 3 ? 0xff : 0x0f;
                break;
            default:
                memcpy(row, row - b->stride, b->stride);
                i = b->stride;
                break;
            }
        }
        /* Dots past the width stay white, as the renderer leaves them. */
        for (int x = w; x < (int)b->stride * 8; x++)
            row[x / 8] &= (uint8_t) ~(0x80 >> (x % 8));
    }
}

static bool same_bitmap(const struct ly_bitmap *a, const struct ly_bitmap *b)
{
    if (a->width != b->width || a->height != b->height)
        return false;
    for (int y = 0; y < a->height; y++) {
        for (int x = 0; x < a->width; x++) {
            if (ly_bitmap_get(a, x, y) != ly_bitmap_get(b, x, y))
                return false;
        }
    }
    return true;
}

static void roundtrip(const char *lang, const struct ly_bitmap *in, size_t *bytes)
{
    struct ly_dynbuf out;
    ly_dynbuf_init(&out, 64u << 20);
    char err[256] = "";
    bool ok = strcmp(lang, "zpl") == 0  ? ly_zpl_encode(in, false, &out, err, sizeof err)
              : strcmp(lang, "ql") == 0 ? ly_ql_encode(in, &out, err, sizeof err)
                                        : ly_escpos_encode(in, &out, err, sizeof err);
    CHECK(ok);
    struct ly_bitmap back;
    ok = ok && pd_decode(lang, (const uint8_t *)ly_dynbuf_ptr(&out), ly_dynbuf_len(&out), &back,
                         err, sizeof err);
    CHECK(ok);
    if (!ok)
        fprintf(stderr, "%s: %s\n", lang, err);
    if (ok) {
        CHECK(same_bitmap(in, &back));
        ly_bitmap_free(&back);
    }
    *bytes = ly_dynbuf_len(&out);
    ly_dynbuf_free(&out);
}

static void test_encoders(void)
{
    struct ly_bitmap b;
    size_t bytes;
    pattern(&b, 812, 300);
    roundtrip("zpl", &b, &bytes);
    CHECK(bytes < 2 * b.stride * (size_t)b.height); /* compressed below plain hex */
    ly_bitmap_free(&b);
    pattern(&b, 813, 50); /* a width that is not whole bytes */
    roundtrip("zpl", &b, &bytes);
    ly_bitmap_free(&b);
    pattern(&b, 696, 300);
    roundtrip("ql", &b, &bytes);
    ly_bitmap_free(&b);
    pattern(&b, 576, 700); /* three GS v 0 bands */
    roundtrip("escpos", &b, &bytes);
    ly_bitmap_free(&b);
    /* A real label too. */
    struct ly_label *l = NULL;
    char err[256], code[LY_BADGE_CODE_LEN_MAX + 1];
    CHECK(pk_code(7, code));
    CHECK(ly_label_open(&l, LY_LABEL_4X6, 203, err, sizeof err));
    struct ly_print_job job = {.kind = LY_JOB_BADGE, .card = card_ar};
    job.card.code = code;
    if (l != NULL && ly_label_raster(l, &job, &b, NULL, err, sizeof err)) {
        roundtrip("zpl", &b, &bytes);
        CHECK(bytes < 60000); /* a 4x6 badge is 124 kB of dots, 248 kB as plain hex */
        ly_bitmap_free(&b);
    }
    ly_label_close(l);
}

/* The independent decoder refuses what is not a job (so that a test decoding a capture fails
 * when the capture is broken). */
static void test_decoder_refuses(void)
{
    struct ly_bitmap b;
    char err[200];
    const char *zpl_bad[] = {"^XA^FO0,0^FS^XZ", "^XA^GFA,10,10,3,FFFFFF^FS^XZ",
                             "^XA^GFA,4,4,2,FFFFFFFFFF^FS^XZ", "^XA^GFA,2,2,2,FQ^FS^XZ"};
    for (size_t i = 0; i < sizeof zpl_bad / sizeof zpl_bad[0]; i++)
        CHECK(!pd_zpl((const uint8_t *)zpl_bad[i], strlen(zpl_bad[i]), &b, err, sizeof err));
    const uint8_t ql_bad[] = {0x1b, '@', 'g', 0x00, 0x05, 1, 2};
    CHECK(!pd_ql(ql_bad, sizeof ql_bad, &b, err, sizeof err));
    const uint8_t pos_bad[] = {0x1b, '@', 0x1d, 'v', '0', 0, 2, 0, 2, 0, 0xff};
    CHECK(!pd_escpos(pos_bad, sizeof pos_bad, &b, err, sizeof err));
}

static void test_zpl_status(void)
{
    struct ly_zpl_status z;
    char err[200];
    const char ok[] = "\x02"
                      "030,0,0,1245,000,0,0,0,000,0,0,0\x03\r\n\x02"
                      "001,0,0,0,1,2,6,0,00000000,1,000\x03\r\n\x02"
                      "1234,0\x03\r\n";
    CHECK(ly_zpl_hs_complete((const uint8_t *)ok, sizeof ok - 1));
    CHECK(ly_zpl_parse_hs((const uint8_t *)ok, sizeof ok - 1, &z, err, sizeof err));
    CHECK(!z.paper_out && !z.paused && !z.head_open && z.label_length == 1245 &&
          z.formats_waiting == 0 && z.labels_left == 0);
    const char bad_state[] = "\x02"
                             "030,1,1,1245,002,0,0,0,000,0,0,0\x03\r\n\x02"
                             "001,0,1,0,1,2,6,0,00000003,1,000\x03\r\n\x02"
                             "1234,0\x03\r\n";
    CHECK(ly_zpl_parse_hs((const uint8_t *)bad_state, sizeof bad_state - 1, &z, err, sizeof err));
    CHECK(z.paper_out && z.paused && z.head_open && z.formats_waiting == 2 && z.labels_left == 3);
    const char *broken[] = {"",
                            "\x02"
                            "030,0\x03",
                            "\x02"
                            "030,x,0,1245,000,0,0,0,000,0,0,0\x03"
                            "\x02"
                            "001,0,0,0,1,2,6,0,00000000,1,000\x03"
                            "\x02"
                            "1,0\x03"};
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++)
        CHECK(!ly_zpl_parse_hs((const uint8_t *)broken[i], strlen(broken[i]), &z, err, sizeof err));
}

static void test_ql_status(void)
{
    uint8_t s[32] = {0x80, 0x20, 0x42, 0x34, 0x38, 0x30};
    s[10] = 62;
    s[11] = 0x0a;
    struct ly_ql_status q;
    char err[200];
    CHECK(ly_ql_parse_status(s, 32, &q, err, sizeof err));
    CHECK(q.media_width_mm == 62 && q.media_type == 0x0a && q.error1 == 0);
    s[8] = 0x04; /* cutter jam */
    s[9] = 0x10; /* cover open */
    s[18] = 0x02;
    CHECK(ly_ql_parse_status(s, 32, &q, err, sizeof err));
    CHECK(q.error1 == 0x04 && q.error2 == 0x10 && q.status_type == 2);
    CHECK(!ly_ql_parse_status(s, 31, &q, err, sizeof err));
    s[0] = 0x81;
    CHECK(!ly_ql_parse_status(s, 32, &q, err, sizeof err));
    /* PackBits against the decoder's reading of it. */
    uint8_t line[90], back[90];
    for (int i = 0; i < 90; i++)
        line[i] = (uint8_t)(i < 30 ? 0 : i < 31 ? 0x5a : i % 3 == 0 ? 0xff : i);
    struct ly_dynbuf out;
    ly_dynbuf_init(&out, 1024);
    CHECK(ly_packbits(line, 90, &out));
    CHECK_INT(pd_unpackbits((const uint8_t *)ly_dynbuf_ptr(&out), ly_dynbuf_len(&out), back, 90),
              90);
    CHECK(memcmp(line, back, 90) == 0);
    ly_dynbuf_free(&out);
}

static void test_escpos_status(void)
{
    struct ly_escpos_status e;
    char err[200];
    const uint8_t ok[4] = {0x12, 0x12, 0x12, 0x12};
    CHECK(ly_escpos_parse_status(ok, 4, &e, err, sizeof err));
    CHECK(!e.offline && !e.cover_open && !e.paper_end && !e.cutter_error);
    const uint8_t bad[4] = {0x1a, 0x16, 0x1a, 0x72};
    CHECK(ly_escpos_parse_status(bad, 4, &e, err, sizeof err));
    CHECK(e.offline && e.cover_open && e.cutter_error && e.paper_end);
    const uint8_t junk[4] = {0x00, 0x12, 0x12, 0x12};
    CHECK(!ly_escpos_parse_status(junk, 4, &e, err, sizeof err));
    CHECK(!ly_escpos_parse_status(ok, 3, &e, err, sizeof err));
}

static void test_ipp_reasons(void)
{
    static const struct {
        int state;
        bool accepting;
        const char *reasons;
        enum ly_print_reason want;
    } cases[] = {
        {3, true, "none", LY_PR_NONE},
        {3, true, "", LY_PR_NONE},
        {4, true, "media-low-warning", LY_PR_NONE},
        {3, true, "media-empty-error", LY_PR_MEDIA_OUT},
        {3, true, "media-needed", LY_PR_MEDIA_OUT},
        {5, true, "paused", LY_PR_PAUSED},
        {5, true, "none", LY_PR_PAUSED},
        {3, false, "none", LY_PR_PAUSED},
        {3, true, "offline-report", LY_PR_OFFLINE},
        {3, true, "media-jam-error", LY_PR_JAMMED},
        {5, true, "paused,cover-open-error,media-empty", LY_PR_COVER_OPEN},
        {3, true, "spool-area-full", LY_PR_UNKNOWN},
        {3, true, "cups-waiting-for-job-completed-report", LY_PR_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct ly_ipp_state st = {.printer_state = cases[i].state, .accepting = cases[i].accepting};
        snprintf(st.reasons, sizeof st.reasons, "%s", cases[i].reasons);
        char detail[LY_PRINT_DETAIL_MAX] = "";
        enum ly_print_reason r = ly_ipp_reason(&st, detail, sizeof detail);
        CHECK_INT(r, cases[i].want);
        if (r != LY_PR_NONE)
            CHECK(detail[0] != '\0');
    }
}

/* submit refuses what cannot be a job, and never waits (the worker is not even running). */
static void test_submit_checks(void)
{
    struct ly_printer *p = NULL;
    char err[256];
    struct ly_printer_config cfg = {.spec = "zpl:tcp:127.0.0.1:9", .label = LY_LABEL_4X6};
    CHECK(ly_printer_init(&p, &cfg, err, sizeof err));
    if (p == NULL)
        return;
    uint64_t id = 0;
    struct ly_print_job job = {.kind = LY_JOB_BADGE, .card = {.name = "A"}};
    CHECK(!ly_printer_submit(p, &job, &id, err, sizeof err) && id == 0);
    job.card.code = "LY1:X";
    job.kind = 7;
    CHECK(!ly_printer_submit(p, &job, &id, err, sizeof err));
    job.kind = LY_JOB_BADGE;
    char big[LY_BADGE_CODE_MAX + 2];
    memset(big, 'A', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    job.card.code = big;
    CHECK(!ly_printer_submit(p, &job, &id, err, sizeof err));
    job.card.code = "LY1:X";
    job.tag = "0123456789012345678901234567890123456789012345678901234567890123";
    CHECK(!ly_printer_submit(p, &job, &id, err, sizeof err));
    job.tag = "6f1c5a2e-0000-4000-8000-000000000001";
    int accepted = 0;
    for (int i = 0; i < LY_PRINT_QUEUE_MAX + 5; i++)
        accepted += ly_printer_submit(p, &job, &id, err, sizeof err);
    CHECK_INT(accepted, LY_PRINT_QUEUE_MAX);
    struct ly_print_event ev;
    CHECK(ly_printer_poll(p, &ev) && ev.state == LY_JOB_QUEUED && ev.job_id == 1);
    CHECK_STR(ev.tag, job.tag);
    struct ly_printer_health h;
    ly_printer_health(p, &h);
    CHECK_INT(h.queued, LY_PRINT_QUEUE_MAX);
    CHECK_STR(h.spec, "zpl:tcp:127.0.0.1:9");
    CHECK(!ly_printer_retry(p, 1, err, sizeof err)); /* not failed */
    ly_printer_destroy(p);
    cfg.spec = "ql:tcp:127.0.0.1:9";
    cfg.label = LY_LABEL_4X6; /* a QL takes 62 mm tape */
    CHECK(!ly_printer_init(&p, &cfg, err, sizeof err));
    cfg.spec = "escpos:tcp:127.0.0.1:9";
    cfg.label = LY_LABEL_RECEIPT80;
    CHECK(ly_printer_init(&p, &cfg, err, sizeof err));
    ly_printer_destroy(p);
}

/* The health as the health report and /metrics read it. */
static void test_health_out(void)
{
    struct ly_printer_health h = {.state = LY_PRINTER_ERROR,
                                  .reason = LY_PR_COVER_OPEN,
                                  .label = LY_LABEL_62MM,
                                  .labels_printed = 41,
                                  .jobs_failed = 2,
                                  .queued = 1,
                                  .last_ok_unix = 1750000000,
                                  .last_error_unix = 1750000100};
    snprintf(h.spec, sizeof h.spec, "ql:tcp:10.0.0.7:9100");
    snprintf(h.last_error, sizeof h.last_error, "Brother QL reports \"cover open\"");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ly_printer_health_json(f, &h);
    fclose(f);
    CHECK_STR(buf,
              "{\"state\":\"error\",\"reason\":\"cover-open\",\"spec\":\"ql:tcp:10.0.0.7:9100\","
              "\"label\":\"62mm\",\"labels_printed\":41,\"jobs_failed\":2,\"queued\":1,"
              "\"last_ok\":1750000000,\"last_error\":\"Brother QL reports \\\"cover open\\\"\","
              "\"last_error_at\":1750000100}");
    free(buf);
    f = open_memstream(&buf, &len);
    ly_printer_health_metrics(f, &h);
    fclose(f);
    CHECK(strstr(buf, "lanyard_printer_up{spec=\"ql:tcp:10.0.0.7:9100\"} 0\n") != NULL);
    CHECK(strstr(buf, "lanyard_printer_state{state=\"error\",reason=\"cover-open\"} 1\n") != NULL);
    CHECK(strstr(buf, "lanyard_printer_labels_printed_total 41\n") != NULL);
    CHECK(strstr(buf, "lanyard_printer_jobs_failed_total 2\n") != NULL);
    free(buf);
}

int main(void)
{
    RUN(test_spec);
    RUN(test_labels);
    RUN(test_encoders);
    RUN(test_decoder_refuses);
    RUN(test_zpl_status);
    RUN(test_ql_status);
    RUN(test_escpos_status);
    RUN(test_ipp_reasons);
    RUN(test_submit_checks);
    RUN(test_health_out);
    return CHECK_DONE();
}
