/* test_source.c - frame sources: spec parsing, image loading (PGM by hand, PNG through cairo),
 * the file and folder sources (order, pacing, skipping bad images), the keyboard-wedge source on
 * text, and the V4L2 source as far as a machine without a camera allows (clear errors, and the
 * reconnect state machine driven by an injected open function). */
#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../check.h"
#include "capture/frame.h"
#include "capture/source.h"

static char tmpdir[] = "/tmp/ly-test-source.XXXXXX";

static void path_in(char *out, size_t outsz, const char *name)
{
    snprintf(out, outsz, "%s/%s", tmpdir, name);
}

static void write_bytes(const char *name, const void *data, size_t len)
{
    char path[256];
    FILE *f;
    path_in(path, sizeof(path), name);
    f = fopen(path, "wb");
    if (f == NULL)
        return;
    fwrite(data, 1, len, f);
    fclose(f);
}

/* Writes a w x h PGM whose pixel (x, y) is (x + 10 * y) % 256. */
static void write_pgm(const char *name, int w, int h, const char *header_extra)
{
    char header[128];
    size_t n;
    uint8_t *buf;
    snprintf(header, sizeof(header), "P5\n%s%d %d\n255\n", header_extra, w, h);
    n = strlen(header);
    buf = malloc(n + (size_t)(w * h));
    if (buf == NULL)
        return;
    memcpy(buf, header, n);
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            buf[n + (size_t)(y * w + x)] = (uint8_t)((x + 10 * y) % 256);
    write_bytes(name, buf, n + (size_t)(w * h));
    free(buf);
}

static void test_spec_parse(void)
{
    struct ly_source_spec s;
    char err[256];
    CHECK(ly_source_spec_parse("v4l2:/dev/video0", &s, err, sizeof(err)));
    CHECK_INT(s.kind, LY_SOURCE_V4L2);
    CHECK_STR(s.path, "/dev/video0");
    CHECK_INT(s.width, 1280);
    CHECK_INT(s.height, 720);
    CHECK(ly_source_spec_parse("v4l2:/dev/video2@640x480", &s, err, sizeof(err)));
    CHECK_STR(s.path, "/dev/video2");
    CHECK_INT(s.width, 640);
    CHECK_INT(s.height, 480);
    CHECK(ly_source_spec_parse("dir:/srv/frames@15", &s, err, sizeof(err)));
    CHECK_INT(s.kind, LY_SOURCE_DIR);
    CHECK_STR(s.path, "/srv/frames");
    CHECK(s.fps == 15);
    CHECK(ly_source_spec_parse("dir:frames", &s, err, sizeof(err)));
    CHECK(s.fps == 10);
    CHECK(ly_source_spec_parse("file:a@b.png", &s, err, sizeof(err)));
    CHECK_STR(s.path, "a@b.png"); /* no suffix on files: '@' is part of the name */
    CHECK(ly_source_spec_parse("wedge:stdin", &s, err, sizeof(err)));
    CHECK_INT(s.kind, LY_SOURCE_WEDGE);
    CHECK_STR(s.path, "stdin");

    CHECK(!ly_source_spec_parse("camera:/dev/video0", &s, err, sizeof(err)));
    CHECK(strstr(err, "unknown source") != NULL);
    CHECK(!ly_source_spec_parse("file:", &s, err, sizeof(err)));
    CHECK(strstr(err, "empty path") != NULL);
    CHECK(!ly_source_spec_parse("v4l2:/dev/video0@640", &s, err, sizeof(err)));
    CHECK(strstr(err, "WIDTHxHEIGHT") != NULL);
    CHECK(!ly_source_spec_parse("v4l2:/dev/video0@640x480x", &s, err, sizeof(err)));
    CHECK(!ly_source_spec_parse("v4l2:/dev/video0@99999x480", &s, err, sizeof(err)));
    CHECK(!ly_source_spec_parse("dir:x@fast", &s, err, sizeof(err)));
    CHECK(strstr(err, "frame rate") != NULL);
    CHECK(!ly_source_spec_parse("dir:x@-1", &s, err, sizeof(err)));
    CHECK(!ly_source_spec_parse("dir:x@@", &s, err, sizeof(err)));
}

static void test_pgm(void)
{
    struct ly_frame f;
    char path[256], err[256];
    write_pgm("a.pgm", 7, 5, "# a comment\n");
    path_in(path, sizeof(path), "a.pgm");
    CHECK(ly_image_load(path, &f, err, sizeof(err)));
    CHECK_INT(f.width, 7);
    CHECK_INT(f.height, 5);
    CHECK_INT(f.data[3 * f.stride + 4], 34);
    CHECK(f.captured_ns > 0);
    ly_frame_free(&f);

    static const uint8_t wide[] = "P5 2 1 65535\n\xff\xff\x80\x00";
    write_bytes("wide.pgm", wide, sizeof(wide) - 1);
    path_in(path, sizeof(path), "wide.pgm");
    CHECK(ly_image_load(path, &f, err, sizeof(err)));
    CHECK_INT(f.data[0], 255);
    CHECK_INT(f.data[1], 128);
    ly_frame_free(&f);

    static const struct {
        const char *bytes;
        const char *expect;
    } bad[] = {
        {"P5\n4 4\n255\nshort", "truncated"},
        {"P5\n4\n", "bad PGM header"},
        {"P5\n0 4\n255\n", "out of range"},
        {"P5\n9000 1\n255\n", "out of range"},
        {"P5\n123456 1\n255\n", "bad PGM header"},
        {"P5\n1 1\n0\nx", "maxval"},
        {"P5\n1 1\n255x", "bad PGM header"},
        {"GIF89a", "not a PNG"},
        {"\xff\xd8\xff\xe0", "JPEG"},
        {"", "not a PNG"},
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        write_bytes("bad.img", bad[i].bytes, strlen(bad[i].bytes));
        path_in(path, sizeof(path), "bad.img");
        err[0] = '\0';
        CHECK(!ly_image_load(path, &f, err, sizeof(err)));
        if (strstr(err, bad[i].expect) == NULL)
            fprintf(stderr, "case %zu: \"%s\" lacks \"%s\"\n", i, err, bad[i].expect);
        CHECK(strstr(err, bad[i].expect) != NULL);
        CHECK(f.data == NULL);
    }
    CHECK(!ly_image_load("/nonexistent/x.png", &f, err, sizeof(err)));
    CHECK(strstr(err, "No such file") != NULL);
}

/* PNG: grey and colour pixels converted with BT.601 weights; transparent pixels are white. */
static void test_png(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 2);
    uint32_t px[8] = {0xff000000, 0xffffffff, 0xff808080, 0xffff0000,
                      0x00000000, 0xff00ff00, 0xff0000ff, 0x80000000};
    struct ly_frame f;
    char path[256], err[256];
    uint8_t *data = cairo_image_surface_get_data(s);
    for (int y = 0; y < 2; y++)
        memcpy(data + y * cairo_image_surface_get_stride(s), px + 4 * y, 16);
    cairo_surface_mark_dirty(s);
    path_in(path, sizeof(path), "c.png");
    CHECK(cairo_surface_write_to_png(s, path) == CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
    CHECK(ly_image_load(path, &f, err, sizeof(err)));
    CHECK_INT(f.width, 4);
    CHECK_INT(f.height, 2);
    CHECK_INT(f.data[0], 0);
    CHECK_INT(f.data[1], 255);
    CHECK_INT(f.data[2], 128);
    CHECK_INT(f.data[3], 77);                    /* red */
    CHECK_INT(f.data[4], 255);                   /* fully transparent: paper */
    CHECK_INT(f.data[5], 149);                   /* green: (150 * 255 + 128) >> 8 */
    CHECK_INT(f.data[6], 29);                    /* blue */
    CHECK(f.data[7] >= 126 && f.data[7] <= 128); /* half-transparent black over white */
    ly_frame_free(&f);
}

static void test_file_source(void)
{
    struct ly_source_spec spec;
    struct ly_source *src;
    struct ly_source_item item;
    char err[256], spec_text[300];
    snprintf(spec_text, sizeof(spec_text), "file:%s/a.pgm", tmpdir);
    CHECK(ly_source_spec_parse(spec_text, &spec, err, sizeof(err)));
    CHECK(ly_source_open(&spec, &src, err, sizeof(err)));
    CHECK_INT(ly_source_next(src, 0, &item, err, sizeof(err)), LY_SOURCE_FRAME);
    CHECK_INT(item.frame.width, 7);
    CHECK_INT(item.frame.sequence, 1);
    CHECK_INT(ly_source_next(src, 0, &item, err, sizeof(err)), LY_SOURCE_END);
    ly_source_close(src);
    CHECK(ly_source_spec_parse("file:/nonexistent.png", &spec, err, sizeof(err)));
    CHECK(!ly_source_open(&spec, &src, err, sizeof(err)));
    CHECK(strstr(err, "/nonexistent.png") != NULL);
}

/* A folder plays in name order at its frame rate; an unreadable image is skipped with a
 * message; other files are ignored. */
static void test_dir_source(void)
{
    struct ly_source_spec spec;
    struct ly_source *src;
    struct ly_source_item item;
    char err[256], sub[256], spec_text[300];
    path_in(sub, sizeof(sub), "frames");
    CHECK(mkdir(sub, 0700) == 0);
    write_pgm("frames/02.pgm", 20, 10, "");
    write_pgm("frames/01.pgm", 10, 10, "");
    write_pgm("frames/10.PGM", 30, 10, "");
    write_bytes("frames/03.png", "broken", 6);
    write_bytes("frames/notes.txt", "hello", 5);
    snprintf(spec_text, sizeof(spec_text), "dir:%s@50", sub);
    CHECK(ly_source_spec_parse(spec_text, &spec, err, sizeof(err)));
    CHECK(ly_source_open(&spec, &src, err, sizeof(err)));
    int64_t t0 = ly_frame_now_ns();
    CHECK_INT(ly_source_next(src, -1, &item, err, sizeof(err)), LY_SOURCE_FRAME);
    CHECK_INT(item.frame.width, 10);
    /* the next frame is due in 20 ms: a zero timeout returns at once */
    CHECK_INT(ly_source_next(src, 0, &item, err, sizeof(err)), LY_SOURCE_TIMEOUT);
    CHECK_INT(ly_source_next(src, -1, &item, err, sizeof(err)), LY_SOURCE_FRAME);
    CHECK_INT(item.frame.width, 20);
    CHECK_INT(ly_source_next(src, -1, &item, err, sizeof(err)), LY_SOURCE_SKIP);
    CHECK(strstr(err, "03.png") != NULL);
    CHECK_INT(ly_source_next(src, -1, &item, err, sizeof(err)), LY_SOURCE_FRAME);
    CHECK_INT(item.frame.width, 30);
    CHECK(ly_frame_now_ns() - t0 >= 3 * 20000000LL - 1000000); /* paced at 50 FPS */
    CHECK_INT(ly_source_next(src, -1, &item, err, sizeof(err)), LY_SOURCE_END);
    ly_source_close(src);
    CHECK(ly_source_spec_parse("dir:/nonexistent-folder", &spec, err, sizeof(err)));
    CHECK(!ly_source_open(&spec, &src, err, sizeof(err)));
    CHECK(strstr(err, "No such file") != NULL);
}

/* A wedge scanner's lines are codes; CR LF and empty lines are tolerated; an over-long line is
 * dropped whole; a last line without Enter still counts. */
static void test_wedge_text(void)
{
    struct ly_source_spec spec;
    struct ly_source *src;
    struct ly_source_item item;
    char err[256], spec_text[300], text[1024];
    char long_line[LY_WEDGE_LINE_MAX + 2];
    memset(long_line, 'X', sizeof(long_line) - 1);
    long_line[sizeof(long_line) - 1] = '\0';
    snprintf(text, sizeof(text), "LY1:AAAA\r\n\nTICKET-42\n%s\nLAST", long_line);
    write_bytes("wedge.txt", text, strlen(text));
    snprintf(spec_text, sizeof(spec_text), "wedge:%s/wedge.txt", tmpdir);
    CHECK(ly_source_spec_parse(spec_text, &spec, err, sizeof(err)));
    CHECK(ly_source_open(&spec, &src, err, sizeof(err)));
    CHECK_INT(ly_source_next(src, 1000, &item, err, sizeof(err)), LY_SOURCE_CODE);
    CHECK_STR(item.code, "LY1:AAAA");
    CHECK_INT(item.code_len, 8);
    CHECK_INT(ly_source_next(src, 1000, &item, err, sizeof(err)), LY_SOURCE_CODE);
    CHECK_STR(item.code, "TICKET-42");
    CHECK_INT(ly_source_next(src, 1000, &item, err, sizeof(err)), LY_SOURCE_SKIP);
    CHECK(strstr(err, "longer than") != NULL);
    CHECK_INT(ly_source_next(src, 1000, &item, err, sizeof(err)), LY_SOURCE_CODE);
    CHECK_STR(item.code, "LAST");
    CHECK_INT(ly_source_next(src, 1000, &item, err, sizeof(err)), LY_SOURCE_END);
    ly_source_close(src);

    /* exactly LY_WEDGE_LINE_MAX characters is still a code */
    long_line[LY_WEDGE_LINE_MAX] = '\n';
    write_bytes("wedge2.txt", long_line, LY_WEDGE_LINE_MAX + 1);
    snprintf(spec_text, sizeof(spec_text), "wedge:%s/wedge2.txt", tmpdir);
    CHECK(ly_source_spec_parse(spec_text, &spec, err, sizeof(err)));
    CHECK(ly_source_open(&spec, &src, err, sizeof(err)));
    CHECK_INT(ly_source_next(src, 1000, &item, err, sizeof(err)), LY_SOURCE_CODE);
    CHECK_INT(item.code_len, LY_WEDGE_LINE_MAX);
    ly_source_close(src);

    CHECK(ly_source_spec_parse("wedge:/dev/input/nonexistent", &spec, err, sizeof(err)));
    CHECK(!ly_source_open(&spec, &src, err, sizeof(err)));
    CHECK(strstr(err, "No such file") != NULL);
}

/* Key events as a wedge scanner on /dev/input/event* sends them: US layout, Shift held and
 * released, releases and auto-repeat ignored, Enter ends the code. */
static size_t add_key(struct input_event *ev, size_t n, unsigned code, int value)
{
    memset(&ev[n], 0, sizeof(ev[n]));
    ev[n].type = EV_KEY;
    ev[n].code = (uint16_t)code;
    ev[n].value = value;
    n++;
    memset(&ev[n], 0, sizeof(ev[n]));
    ev[n].type = EV_SYN;
    return n + 1;
}

static size_t tap(struct input_event *ev, size_t n, unsigned code)
{
    n = add_key(ev, n, code, 1);
    return add_key(ev, n, code, 0);
}

static void test_wedge_events(void)
{
    struct input_event ev[128];
    struct ly_source_spec spec;
    struct ly_source *src;
    struct ly_source_item item;
    char err[256], spec_text[300];
    size_t n = 0;
    n = add_key(ev, n, KEY_LEFTSHIFT, 1);
    n = tap(ev, n, KEY_L);
    n = add_key(ev, n, KEY_LEFTSHIFT, 0);
    n = tap(ev, n, KEY_Y);
    n = tap(ev, n, KEY_1);
    n = add_key(ev, n, KEY_RIGHTSHIFT, 1);
    n = tap(ev, n, KEY_SEMICOLON);
    n = add_key(ev, n, KEY_RIGHTSHIFT, 0);
    n = tap(ev, n, KEY_A);
    n = add_key(ev, n, KEY_A, 2); /* auto-repeat types nothing */
    n = tap(ev, n, KEY_MINUS);
    n = tap(ev, n, KEY_SLASH);
    n = tap(ev, n, KEY_LEFTCTRL); /* no character */
    n = tap(ev, n, KEY_ENTER);
    n = tap(ev, n, KEY_KPENTER); /* an empty line is no code */
    n = tap(ev, n, KEY_0);
    n = tap(ev, n, KEY_KPENTER);
    write_bytes("events.bin", ev, n * sizeof(ev[0]));
    snprintf(spec_text, sizeof(spec_text), "wedge:%s/events.bin", tmpdir);
    CHECK(ly_source_spec_parse(spec_text, &spec, err, sizeof(err)));
    spec.wedge_events = true;
    CHECK(ly_source_open(&spec, &src, err, sizeof(err)));
    CHECK_INT(ly_source_next(src, 1000, &item, err, sizeof(err)), LY_SOURCE_CODE);
    CHECK_STR(item.code, "Ly1:a-/");
    CHECK_INT(ly_source_next(src, 1000, &item, err, sizeof(err)), LY_SOURCE_CODE);
    CHECK_STR(item.code, "0");
    CHECK_INT(ly_source_next(src, 1000, &item, err, sizeof(err)), LY_SOURCE_END);
    ly_source_close(src);
}

static void test_v4l2_errors(void)
{
    struct ly_source_spec spec;
    struct ly_source *src;
    char err[256], fifo[256], spec_text[300];
    CHECK(ly_source_spec_parse("v4l2:/dev/video-nonexistent", &spec, err, sizeof(err)));
    CHECK(!ly_source_open(&spec, &src, err, sizeof(err)));
    CHECK(strstr(err, "/dev/video-nonexistent: No such file or directory") != NULL);

    path_in(fifo, sizeof(fifo), "fifo");
    CHECK(mkfifo(fifo, 0600) == 0);
    snprintf(spec_text, sizeof(spec_text), "v4l2:%s", fifo);
    CHECK(ly_source_spec_parse(spec_text, &spec, err, sizeof(err)));
    CHECK(!ly_source_open(&spec, &src, err, sizeof(err)));
    CHECK(strstr(err, "not a video capture device") != NULL);

    snprintf(spec_text, sizeof(spec_text), "v4l2:%s/a.pgm", tmpdir);
    CHECK(ly_source_spec_parse(spec_text, &spec, err, sizeof(err)));
    CHECK(!ly_source_open(&spec, &src, err, sizeof(err)));
    CHECK(strstr(err, "not a video capture device") != NULL);
}

/* The device is absent for the first opens, then a path appears that is not a camera: the
 * source starts offline, retries at its interval, reports offline, and then the clear error. */
static int open_calls;
static int64_t open_times[8];

static int flaky_open(const char *path, int flags)
{
    if (open_calls < 8)
        open_times[open_calls] = ly_frame_now_ns();
    open_calls++;
    if (open_calls <= 3) {
        errno = ENODEV;
        return -1;
    }
    return open(path, flags);
}

static void test_v4l2_reconnect(void)
{
    struct ly_source_spec spec;
    struct ly_source *src;
    struct ly_source_item item;
    char err[256], spec_text[300];
    enum ly_source_status st;
    int offline = 0;
    snprintf(spec_text, sizeof(spec_text), "v4l2:%s/fifo", tmpdir);
    CHECK(ly_source_spec_parse(spec_text, &spec, err, sizeof(err)));
    spec.open_device = flaky_open;
    spec.retry_ms = 30;
    CHECK(!ly_source_open(&spec, &src, err, sizeof(err))); /* absent and not waiting: an error */
    CHECK(strstr(err, "No such device") != NULL);
    CHECK_INT(open_calls, 1);
    spec.wait_for_device = true;
    CHECK(ly_source_open(&spec, &src, err, sizeof(err))); /* absent: starts offline */
    CHECK_INT(open_calls, 2);
    for (int i = 0; i < 10; i++) {
        st = ly_source_next(src, 1000, &item, err, sizeof(err));
        if (st != LY_SOURCE_OFFLINE)
            break;
        offline++;
    }
    CHECK_INT(offline, 1);
    CHECK_INT(st, LY_SOURCE_ERROR);
    CHECK(strstr(err, "not a video capture device") != NULL);
    CHECK_INT(open_calls, 4);
    CHECK(open_times[3] - open_times[2] >= 29000000LL); /* waited its retry interval */
    ly_source_close(src);

    /* a short timeout while offline returns at once with the state */
    open_calls = 0;
    CHECK(ly_source_open(&spec, &src, err, sizeof(err)));
    CHECK_INT(ly_source_next(src, 0, &item, err, sizeof(err)), LY_SOURCE_OFFLINE);
    CHECK_INT(ly_source_next(src, 0, &item, err, sizeof(err)), LY_SOURCE_OFFLINE);
    CHECK(strstr(err, "offline") != NULL);
    ly_source_close(src);
}

static void test_status_names(void)
{
    CHECK_STR(ly_source_status_name(LY_SOURCE_FRAME), "frame");
    CHECK_STR(ly_source_status_name(LY_SOURCE_OFFLINE), "offline");
    CHECK_STR(ly_source_status_name(LY_SOURCE_END), "end");
}

int main(void)
{
    if (mkdtemp(tmpdir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    RUN(test_spec_parse);
    RUN(test_pgm);
    RUN(test_png);
    RUN(test_file_source);
    RUN(test_dir_source);
    RUN(test_wedge_text);
    RUN(test_wedge_events);
    RUN(test_v4l2_errors);
    RUN(test_v4l2_reconnect);
    RUN(test_status_names);
    char cmd[300];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", tmpdir);
    return CHECK_DONE();
}
