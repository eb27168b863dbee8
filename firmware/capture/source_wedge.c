/* source_wedge.c - the "wedge:" source: a keyboard-wedge barcode scanner, which types each code
 * followed by Enter. Reads text lines from a file, a pipe or stdin, or key events from a Linux
 * input device (/dev/input/event*, grabbed so the codes do not also reach a console), decoded with
 * a US layout and Shift. Each line is one code; a line longer than LY_WEDGE_LINE_MAX is dropped
 * whole and reported. */
#include "capture/source_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

struct wedge_state {
    int fd;
    bool own_fd; /* false for stdin */
    bool evdev;  /* key events rather than text */
    bool shift;  /* a Shift key is down */
    bool too_long;
    bool eof;
    char line[LY_WEDGE_LINE_MAX + 1];
    size_t len;
    uint8_t in[4096]; /* bytes read and not yet consumed */
    size_t in_len, in_pos;
};

/* US layout: characters for key codes KEY_1 (2) to KEY_SLASH (53), without and with Shift. */
static const char plain_keys[] = "1234567890-=\0\0qwertyuiop[]\0\0asdfghjkl;'`\0\\zxcvbnm,./";
static const char shift_keys[] = "!@#$%^&*()_+\0\0QWERTYUIOP{}\0\0ASDFGHJKL:\"~\0|ZXCVBNM<>?";

/* Returns the character key code gives (0 for none). */
static char key_char(unsigned code, bool shift)
{
    if (code == KEY_SPACE)
        return ' ';
    if (code < KEY_1 || code > KEY_SLASH)
        return 0;
    return (shift ? shift_keys : plain_keys)[code - KEY_1];
}

static bool wedge_open(struct ly_source *src, char *err, size_t errsz)
{
    struct wedge_state *st = calloc(1, sizeof(*st));
    int version;
    if (st == NULL) {
        snprintf(err, errsz, "out of memory");
        return false;
    }
    if (strcmp(src->spec.path, "stdin") == 0) {
        st->fd = STDIN_FILENO;
    } else {
        st->fd = open(src->spec.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
        if (st->fd < 0) {
            snprintf(err, errsz, "%s: %s", src->spec.path, strerror(errno));
            free(st);
            return false;
        }
        st->own_fd = true;
    }
    if (src->spec.wedge_events) {
        st->evdev = true;
    } else if (ioctl(st->fd, EVIOCGVERSION, &version) == 0) {
        st->evdev = true;
        /* exclusive: the scanner's keystrokes must not also type into a console; a failure only
         * means someone else grabbed it first, and we still read the events */
        (void)ioctl(st->fd, EVIOCGRAB, 1);
    }
    src->state = st;
    return true;
}

static void wedge_close(struct ly_source *src)
{
    struct wedge_state *st = src->state;
    if (st == NULL)
        return;
    if (st->evdev)
        (void)ioctl(st->fd, EVIOCGRAB, 0);
    if (st->own_fd)
        close(st->fd);
    free(st);
    src->state = NULL;
}

enum line_event { LINE_NONE, LINE_DONE, LINE_TOO_LONG };

/* Adds one character to the line or ends it. */
static enum line_event feed(struct wedge_state *st, char c, bool end)
{
    if (end) {
        bool too_long = st->too_long;
        bool empty = st->len == 0;
        st->too_long = false;
        if (too_long) {
            st->len = 0;
            return LINE_TOO_LONG;
        }
        return empty ? LINE_NONE : LINE_DONE;
    }
    if (st->too_long)
        return LINE_NONE;
    if (st->len == LY_WEDGE_LINE_MAX) {
        st->too_long = true;
        return LINE_NONE;
    }
    st->line[st->len++] = c;
    return LINE_NONE;
}

/* Consumes buffered input up to one completed line. */
static enum line_event consume(struct wedge_state *st)
{
    if (st->evdev) {
        while (st->in_len - st->in_pos >= sizeof(struct input_event)) {
            struct input_event ev;
            memcpy(&ev, st->in + st->in_pos, sizeof(ev));
            st->in_pos += sizeof(ev);
            if (ev.type != EV_KEY)
                continue;
            if (ev.code == KEY_LEFTSHIFT || ev.code == KEY_RIGHTSHIFT) {
                st->shift = ev.value != 0;
                continue;
            }
            if (ev.value != 1) /* presses only: releases and auto-repeat type nothing */
                continue;
            enum line_event e = LINE_NONE;
            if (ev.code == KEY_ENTER || ev.code == KEY_KPENTER) {
                e = feed(st, 0, true);
            } else {
                char c = key_char(ev.code, st->shift);
                if (c != 0)
                    e = feed(st, c, false);
            }
            if (e != LINE_NONE)
                return e;
        }
        return LINE_NONE;
    }
    while (st->in_pos < st->in_len) {
        char c = (char)st->in[st->in_pos++];
        enum line_event e;
        if (c == '\r')
            continue;
        e = feed(st, c, c == '\n');
        if (e != LINE_NONE)
            return e;
    }
    return LINE_NONE;
}

static enum ly_source_status wedge_next(struct ly_source *src, int timeout_ms,
                                        struct ly_source_item *item, char *err, size_t errsz)
{
    struct wedge_state *st = src->state;
    for (;;) {
        enum line_event e = consume(st);
        if (e == LINE_DONE) {
            memcpy(item->code, st->line, st->len);
            item->code[st->len] = '\0';
            item->code_len = st->len;
            item->captured_ns = ly_frame_now_ns();
            st->len = 0;
            return LY_SOURCE_CODE;
        }
        if (e == LINE_TOO_LONG) {
            snprintf(err, errsz, "%s: a line longer than %d characters was ignored", src->spec.path,
                     LY_WEDGE_LINE_MAX);
            return LY_SOURCE_SKIP;
        }
        if (st->eof) {
            /* a last line without Enter is still a code */
            if (st->len > 0 && !st->too_long && !st->evdev) {
                st->in_len = st->in_pos = 0;
                st->in[0] = '\n';
                st->in_len = 1;
                continue;
            }
            return LY_SOURCE_END;
        }
        /* keep a partial input_event at the front, read more behind it */
        memmove(st->in, st->in + st->in_pos, st->in_len - st->in_pos);
        st->in_len -= st->in_pos;
        st->in_pos = 0;
        struct pollfd pfd = {st->fd, POLLIN, 0};
        int r;
        do {
            r = poll(&pfd, 1, timeout_ms);
        } while (r == -1 && errno == EINTR);
        if (r == 0)
            return LY_SOURCE_TIMEOUT;
        ssize_t n = read(st->fd, st->in + st->in_len, sizeof(st->in) - st->in_len);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            continue;
        if (n < 0) {
            snprintf(err, errsz, "%s: %s", src->spec.path, strerror(errno));
            return LY_SOURCE_ERROR;
        }
        if (n == 0)
            st->eof = true;
        st->in_len += (size_t)n;
    }
}

const struct ly_source_ops ly_source_wedge_ops = {"wedge", wedge_open, wedge_next, wedge_close};
