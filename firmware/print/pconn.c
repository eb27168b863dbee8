/* pconn.c - the byte link to a raw printer. See pconn.h. */
#include "print/pconn.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "common/fail.h"

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits for events on fd until deadline; returns poll's revents, 0 on a timeout, -1 on error. */
static int wait_fd(int fd, short events, int64_t deadline)
{
    for (;;) {
        int64_t left = deadline - now_ms();
        if (left < 0)
            left = 0;
        struct pollfd p = {.fd = fd, .events = events};
        int n = poll(&p, 1, (int)left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n;
        return p.revents;
    }
}

static bool open_tcp(struct ly_pconn *c, const struct ly_print_spec *spec, int timeout_ms,
                     char *err, size_t errsz)
{
    char port[8];
    snprintf(port, sizeof port, "%u", (unsigned)spec->port);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
    struct addrinfo *res = NULL;
    int rc = getaddrinfo(spec->host, port, &hints, &res);
    if (rc != 0)
        return ly_fail(err, errsz, "%s: %s", spec->host, gai_strerror(rc));
    int64_t deadline = now_ms() + timeout_ms;
    char why[128] = "no address";
    for (struct addrinfo *a = res; a != NULL; a = a->ai_next) {
        int fd =
            socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            snprintf(why, sizeof why, "%s", strerror(errno));
            continue;
        }
        int one = 1;
        (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (connect(fd, a->ai_addr, a->ai_addrlen) == 0 || errno == EINPROGRESS) {
            int ev = wait_fd(fd, POLLOUT, deadline);
            int soerr = 0;
            socklen_t len = sizeof soerr;
            if (ev > 0 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) == 0 && soerr == 0) {
                freeaddrinfo(res);
                c->fd = fd;
                c->socket = true;
                return true;
            }
            snprintf(why, sizeof why, "%s",
                     ev == 0 ? "no answer in time" : strerror(soerr != 0 ? soerr : errno));
        } else {
            snprintf(why, sizeof why, "%s", strerror(errno));
        }
        close(fd);
    }
    freeaddrinfo(res);
    return ly_fail(err, errsz, "%s:%u: %s", spec->host, (unsigned)spec->port, why);
}

bool ly_pconn_open(struct ly_pconn *c, const struct ly_print_spec *spec, int timeout_ms, char *err,
                   size_t errsz)
{
    c->fd = -1;
    c->socket = false;
    if (spec->link == LY_PRINT_TCP)
        return open_tcp(c, spec, timeout_ms, err, errsz);
    if (spec->link != LY_PRINT_DEV)
        return ly_fail(err, errsz, "not a raw printer link");
    int fd = open(spec->path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return ly_fail(err, errsz, "%s: %s", spec->path, strerror(errno));
    if (isatty(fd)) { /* a serial printer or a test's pseudo-terminal: bytes, not lines */
        struct termios t;
        if (tcgetattr(fd, &t) == 0) {
            cfmakeraw(&t);
            (void)tcsetattr(fd, TCSANOW, &t);
        }
    }
    c->fd = fd;
    return true;
}

bool ly_pconn_write(struct ly_pconn *c, const void *buf, size_t n, size_t *written, int timeout_ms,
                    char *err, size_t errsz)
{
    const uint8_t *p = buf;
    size_t done = 0;
    bool ok = true;
    while (done < n) {
        ssize_t k = c->socket ? send(c->fd, p + done, n - done, MSG_NOSIGNAL)
                              : write(c->fd, p + done, n - done);
        if (k > 0) {
            done += (size_t)k;
            continue;
        }
        if (k < 0 && errno == EINTR)
            continue;
        if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            int ev = wait_fd(c->fd, POLLOUT, now_ms() + timeout_ms);
            if (ev > 0 && !(ev & (POLLERR | POLLHUP | POLLNVAL)))
                continue;
            ok = ly_fail(err, errsz, "%s after %zu of %zu bytes",
                         ev == 0 ? "the printer stopped taking data" : "the link closed", done, n);
            break;
        }
        ok = ly_fail(err, errsz, "write failed after %zu of %zu bytes: %s", done, n,
                     k < 0 ? strerror(errno) : "nothing written");
        break;
    }
    if (written != NULL)
        *written = done;
    return ok;
}

bool ly_pconn_read_until(struct ly_pconn *c, uint8_t *buf, size_t max, size_t *got,
                         bool (*complete)(const uint8_t *buf, size_t n), int timeout_ms, char *err,
                         size_t errsz)
{
    int64_t deadline = now_ms() + timeout_ms;
    size_t n = 0;
    *got = 0;
    while (n < max) {
        int ev = wait_fd(c->fd, POLLIN, deadline);
        if (ev == 0) {
            *got = n;
            return ly_fail(err, errsz, "no status reply in %d ms (%zu bytes)", timeout_ms, n);
        }
        if (ev < 0) {
            *got = n;
            return ly_fail(err, errsz, "status read: %s", strerror(errno));
        }
        ssize_t k = read(c->fd, buf + n, max - n);
        if (k < 0 && (errno == EINTR || errno == EAGAIN))
            continue;
        if (k <= 0) {
            *got = n;
            return ly_fail(err, errsz, "the printer closed the link%s",
                           k < 0 ? " with an error" : "");
        }
        n += (size_t)k;
        if (complete(buf, n)) {
            *got = n;
            return true;
        }
    }
    *got = n;
    return ly_fail(err, errsz, "status reply longer than %zu bytes", max);
}

void ly_pconn_drain(struct ly_pconn *c)
{
    uint8_t junk[512];
    for (int i = 0; i < 64; i++) {
        struct pollfd p = {.fd = c->fd, .events = POLLIN};
        if (poll(&p, 1, 0) <= 0 || !(p.revents & POLLIN))
            return;
        if (read(c->fd, junk, sizeof junk) <= 0)
            return;
    }
}

void ly_pconn_close(struct ly_pconn *c)
{
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
}
