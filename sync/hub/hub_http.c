/* hub_http.c - lanyard-hub's HTTP layer on libmicrohttpd: one thread per connection (capped),
 * request bodies read within LY_HTTP_BODY_MAX, routing and methods, JSON errors, one log line
 * and the metrics of every request, the live counts stream (Server-Sent Events), and the
 * graceful stop. See hub.h. */
#define _GNU_SOURCE /* POLLRDHUP: a stream notices its peer's close */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "common/dynbuf.h"
#include "common/fail.h"
#include "hub/dashboard.h"
#include "hub/hub.h"
#include "hub/hub_frame.h"
#include "hub/hub_log.h"
#include "common/num.h"

#define CONN_MEMORY  (64 * 1024)   /* libmicrohttpd's buffer per connection: headers and I/O */
#define THREAD_STACK (1024 * 1024) /* a connection thread's stack (sanitizer builds need room) */
#define TLS_FILE_MAX (256 * 1024)  /* bytes of a PEM certificate chain or key */
/* Connections the library may hold beyond max-connections: ones cut off or evicted that their
 * threads have not closed yet (hub_conns.c does the counting that matters). */
#define CONN_SLACK 64

/* One request's state, from its headers to its completion. */
struct req {
    int64_t start_us;
    struct ly_hub_call call;
    struct ly_dynbuf body; /* up to LY_HTTP_BODY_MAX */
    size_t received;       /* body bytes received, kept or not (for the log) */
    bool too_large;
    bool answered;
    bool close; /* answer with Connection: close and read nothing more */
    char method[16];
    char path[256];
    char remote[64];
    const char *allow;    /* the method a 405 names */
    struct ly_conn *conn; /* the connection's entry in hub_conns, or NULL */
};

static struct MHD_Daemon *daemon_;
static struct ly_conns *conns_;
static MHD_socket listen_sock_ = MHD_INVALID_SOCKET;

static int64_t now_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* ---- the live counts stream */

struct stream {
    struct ly_hub *hub;
    struct ly_hub_call call; /* the request's token, checked again every LY_HUB_SSE_RECHECK_MS */
    char *authorization, *query_token;
    int fd;             /* the connection's socket: its peer's close ends the stream */
    int64_t next_check; /* monotonic ms of the next token check */
    uint64_t gen;       /* generation last sent (0: nothing yet) */
    int64_t last_event; /* monotonic ms of the last event */
    int64_t last_write; /* monotonic ms of the last bytes written */
    char *pending;
    size_t plen, ppos;
};

static void sleep_ms(int64_t ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* Whether the peer of socket fd has closed or reset the connection. */
static bool peer_gone(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLRDHUP};
    return fd >= 0 && poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR)) != 0;
}

/* Waits for a new generation or the keep-alive deadline, looking every LY_HUB_SSE_PEER_MS for
 * the peer's close and every LY_HUB_SSE_RECHECK_MS at the token. Returns false when the stream
 * must end (stopping, peer gone, token no longer valid), else the generation in *gen. */
static bool stream_wait(struct stream *s, uint64_t *gen)
{
    struct ly_hub *hub = s->hub;
    int64_t deadline = s->last_write + LY_HUB_SSE_KEEPALIVE_MS;
    for (;;) {
        int64_t now = ly_mono_ms();
        int64_t until = now + LY_HUB_SSE_PEER_MS < deadline ? now + LY_HUB_SSE_PEER_MS : deadline;
        *gen = ly_notify_wait_gen(&hub->notify, s->gen, until);
        if (ly_notify_stopping(&hub->notify))
            return false;
        if (peer_gone(s->fd)) {
            atomic_fetch_add(&hub->m.streams_ended[0], 1);
            return false;
        }
        now = ly_mono_ms();
        if (now >= s->next_check) {
            s->next_check = now + LY_HUB_SSE_RECHECK_MS;
            if (ly_hub_recheck(hub, &s->call) == 0) {
                atomic_fetch_add(&hub->m.streams_ended[1], 1);
                return false;
            }
        }
        if (*gen != s->gen || s->gen == 0 || now >= deadline)
            return true;
    }
}

/* libmicrohttpd calls this from the connection's own thread whenever the socket can take more:
 * it blocks until there is something to send, which only holds up this connection. */
static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
    struct stream *s = cls;
    struct ly_hub *hub = s->hub;
    (void)pos;
    for (;;) {
        if (s->ppos < s->plen) {
            size_t n = s->plen - s->ppos < max ? s->plen - s->ppos : max;
            memcpy(buf, s->pending + s->ppos, n);
            s->ppos += n;
            return (ssize_t)n;
        }
        free(s->pending);
        s->pending = NULL;
        s->plen = s->ppos = 0;
        if (ly_notify_stopping(&hub->notify))
            return MHD_CONTENT_READER_END_OF_STREAM;
        int64_t now = ly_mono_ms();
        if (s->gen != 0 && now - s->last_event < LY_HUB_SSE_MIN_MS)
            sleep_ms(LY_HUB_SSE_MIN_MS - (now - s->last_event)); /* coalesce bursts */
        uint64_t gen;
        if (!stream_wait(s, &gen))
            return MHD_CONTENT_READER_END_OF_STREAM;
        FILE *f = open_memstream(&s->pending, &s->plen);
        if (f == NULL)
            return MHD_CONTENT_READER_END_WITH_ERROR;
        /* At the keep-alive deadline the counts go again: a session's count ends by the clock
         * (its end plus the occupancy grace), with no check-in to bump the generation. */
        {
            char *json = NULL, err[256];
            size_t len;
            if (!ly_hub_counts_json(hub, &json, &len, &s->gen, err, sizeof err)) {
                fclose(f);
                return MHD_CONTENT_READER_END_WITH_ERROR;
            }
            fputs("event: counts\ndata: ", f);
            fwrite(json, 1, len, f);
            fputs("\n\n", f);
            free(json);
            s->last_event = ly_mono_ms();
        }
        fclose(f);
        s->last_write = ly_mono_ms();
    }
}

static void stream_free(void *cls)
{
    struct stream *s = cls;
    atomic_fetch_sub(&s->hub->m.streams, 1);
    free(s->authorization);
    free(s->query_token);
    free(s->pending);
    free(s);
}

/* ---- replies */

static char *dup_or_null(const char *s, bool *ok)
{
    char *d = s ? strdup(s) : NULL;
    *ok = *ok && (s == NULL || d != NULL);
    return d;
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, struct ly_hub *hub,
                                  struct ly_hub_call *c, const char *allow, bool must_close)
{
    struct MHD_Response *r;
    if (c->stream) {
        struct stream *s = calloc(1, sizeof *s);
        if (s == NULL)
            return MHD_NO;
        s->hub = hub;
        s->last_write = ly_mono_ms();
        s->next_check = s->last_write + LY_HUB_SSE_RECHECK_MS;
        s->fd = c->conn ? ly_conn_fd(c->conn) : -1;
        bool ok = true;
        s->authorization = dup_or_null(c->authorization, &ok);
        s->query_token = dup_or_null(c->query_token, &ok);
        s->call = (struct ly_hub_call){.route = c->route,
                                       .row = c->row,
                                       .method = c->method,
                                       .path = c->path,
                                       .authorization = s->authorization,
                                       .query_token = s->query_token};
        if (!ok) {
            free(s->authorization);
            free(s->query_token);
            free(s);
            return MHD_NO;
        }
        atomic_fetch_add(&hub->m.streams, 1);
        r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, stream_read, s, stream_free);
        if (r == NULL) {
            stream_free(s);
            return MHD_NO;
        }
        MHD_add_response_header(r, "Content-Type", "text/event-stream");
        MHD_add_response_header(r, "Cache-Control", "no-cache");
        MHD_add_response_header(r, "X-Accel-Buffering", "no");
    } else if (c->fd >= 0) {
        r = MHD_create_response_from_fd((size_t)c->fd_size, c->fd);
        if (r == NULL) {
            close(c->fd);
            return MHD_NO;
        }
        c->fd = -1; /* the response closes it */
    } else {
        r = MHD_create_response_from_buffer(c->out_len, c->out, MHD_RESPMEM_MUST_FREE);
        if (r == NULL)
            return MHD_NO;
        c->out = NULL; /* the response frees it */
    }
    if (c->type && !c->stream)
        MHD_add_response_header(r, "Content-Type", c->type);
    if (!c->stream)
        MHD_add_response_header(r, "Cache-Control",
                                c->cache_control ? c->cache_control : "no-store");
    if (c->etag)
        MHD_add_response_header(r, "ETag", c->etag);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    if (c->web) {
        MHD_add_response_header(r, "Content-Security-Policy", LY_DASH_CSP);
        MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
        MHD_add_response_header(r, "X-Frame-Options", "DENY");
    }
    if (hub->pins[0])
        MHD_add_response_header(r, "X-Lanyard-Pins", hub->pins);
    if (c->cursor >= 0) {
        char v[24];
        snprintf(v, sizeof v, "%" PRId64, c->cursor);
        MHD_add_response_header(r, "X-Lanyard-Cursor", v);
    }
    if (c->status == 503) {
        char v[16];
        snprintf(v, sizeof v, "%d", LY_HUB_RETRY_AFTER_S);
        MHD_add_response_header(r, "Retry-After", v);
    }
    if (c->status == 405 && allow)
        MHD_add_response_header(r, "Allow", strcmp(allow, "GET") == 0 ? "GET, HEAD" : allow);
    if (must_close || c->status == 503 || c->status == 413 || ly_notify_stopping(&hub->notify))
        MHD_add_response_header(r, "Connection", "close");
    enum MHD_Result rc = MHD_queue_response(conn, (unsigned)c->status, r);
    MHD_destroy_response(r);
    return rc;
}

static enum MHD_Result answer(struct MHD_Connection *conn, struct ly_hub *hub, struct req *q)
{
    q->answered = true;
    if (q->call.out == NULL && q->call.fd < 0 && !q->call.stream)
        ly_hub_error(&q->call, 500, "internal", "The hub could not answer.");
    return send_reply(conn, hub, &q->call, q->allow, q->close);
}

static const char *header(struct MHD_Connection *conn, const char *name)
{
    return MHD_lookup_connection_value(conn, MHD_HEADER_KIND, name);
}

static const char *arg(struct MHD_Connection *conn, const char *name)
{
    return MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, name);
}

static void remote_addr(struct MHD_Connection *conn, char *out, size_t outsz)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, outsz, "?");
    if (ci == NULL || ci->client_addr == NULL)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
                  (socklen_t)outsz);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
                  (socklen_t)outsz);
}

/* ---- connections (hub_conns.h) */

static struct ly_conn *conn_of(struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return ci ? ci->socket_context : NULL;
}

static bool admit_class(struct ly_hub_call *c, bool kiosk)
{
    return c->conn == NULL ||
           ly_conn_classify(conns_, c->conn, kiosk ? LY_CONN_KIOSK : LY_CONN_READ);
}

static enum MHD_Result on_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
    (void)cls;
    (void)addrlen;
    return ly_conns_admit(conns_, addr) ? MHD_YES : MHD_NO;
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    (void)cls;
    if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
        ly_conns_close(conns_, *socket_context);
        *socket_context = NULL;
        return;
    }
    const union MHD_ConnectionInfo *fd =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
    const union MHD_ConnectionInfo *ad =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (fd == NULL || ad == NULL)
        return;
    *socket_context = ly_conns_open(conns_, fd->connect_fd, ad->client_addr);
}

/* The raw request target, before it is decoded: a NUL in it ends the string early, so the
 * version does not follow the string's end. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    (void)cls;
    struct ly_conn *c = conn_of(conn);
    if (c && strncmp(MHD_get_version(), "0.9.", 4) == 0 &&
        strncmp(uri + strlen(uri) + 1, "HTTP/", 5) != 0)
        ly_conn_set_bad_line(c);
    return NULL;
}

static size_t on_unescape(void *cls, struct MHD_Connection *conn, char *s)
{
    (void)cls;
    bool bad = false;
    size_t n = ly_frame_unescape(s, &bad);
    struct ly_conn *c = conn_of(conn);
    if (bad && c)
        ly_conn_set_bad_line(c);
    return n;
}

/* ---- framing (hub_frame.h)
 *
 * libmicrohttpd 0.9 parses a request in place in its read buffer and hands out C strings: a NUL
 * inside a header value cuts it short, and a folded header line (obs-fold) is glued to the one
 * before, both without a word. In place, each header follows the one before with nothing but the
 * one or two bytes of its line end (zeroed) in between, so anything else between them is a NUL
 * byte or a fold the library hid. Newer versions of the library refuse both themselves. */

struct frame_walk {
    struct ly_frame f;
    bool in_place;        /* the library parses in place: check the layout */
    const char *prev_end; /* end of the request line's version or of the header before */
};

static bool adjacent(const char *end, const char *next)
{
    uintptr_t gap = (uintptr_t)next - (uintptr_t)end;
    if ((uintptr_t)next <= (uintptr_t)end || gap > 2)
        return false;
    return end[0] == '\0' && (gap == 1 || end[1] == '\0');
}

static enum MHD_Result frame_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                    size_t key_size, const char *value, size_t value_size)
{
    struct frame_walk *w = cls;
    (void)kind;
    if (w->in_place && !w->f.bad && !adjacent(w->prev_end, key)) {
        w->f.bad = true;
        w->f.why = "A header is folded or holds a NUL byte.";
    }
    if (value != NULL)
        w->prev_end = value + value_size;
    return ly_frame_header(&w->f, key, key_size, value, value_size) ? MHD_YES : MHD_NO;
}

/* The request's framing: false with the reply set (400, connection closed). */
static bool check_framing(struct MHD_Connection *conn, struct req *q, const char *url,
                          const char *method, const char *version)
{
    struct frame_walk w = {.in_place = strncmp(MHD_get_version(), "0.9.", 4) == 0,
                           .prev_end = version ? version + strlen(version) : NULL};
    ly_frame_init(&w.f);
    w.in_place = w.in_place && w.prev_end != NULL;
    if (q->conn && ly_conn_take_bad_line(q->conn)) {
        w.f.bad = true;
        w.f.why = "The request line holds a control byte, a NUL or a bad escape.";
    }
    ly_frame_line(&w.f, method, url, version);
    if (!w.f.bad)
        MHD_get_connection_values_n(conn, MHD_HEADER_KIND, frame_header, &w);
    /* after the last header: its line end, then the empty line's */
    if (w.in_place && !w.f.bad && (w.prev_end[0] != '\0' || w.prev_end[1] != '\0')) {
        w.f.bad = true;
        w.f.why = "A header holds a NUL byte.";
    }
    if (!w.f.bad)
        return true;
    ly_hub_error(&q->call, 400, "bad_request", "%s", w.f.why);
    q->close = true;
    return false;
}

/* The checks made on the headers alone, before any body is read. Returns false with the
 * reply set. */
static bool check_headers(struct MHD_Connection *conn, struct req *q, bool method_ok)
{
    struct ly_hub_call *c = &q->call;
    if (c->route == LY_ROUTE_BAD_PATH) {
        ly_hub_error(c, 400, "bad_request", "The request path is not allowed.");
        return false;
    }
    if (c->route == LY_ROUTE_NOT_FOUND) {
        ly_hub_error(c, 404, "not_found", "No such endpoint.");
        return false;
    }
    if (!method_ok) {
        q->allow = c->row->method;
        ly_hub_error(c, 405, "method_not_allowed", "Use %s.", q->allow);
        return false;
    }
    if (!c->row->json_body)
        return true;
    const char *len = header(conn, "Content-Length");
    int64_t n;
    if (len && (!ly_num_int(len, 0, INT64_MAX, &n) || n > LY_HTTP_BODY_MAX)) {
        ly_hub_error(c, 413, "too_large", "A request body is at most %ld bytes.", LY_HTTP_BODY_MAX);
        return false;
    }
    const char *type = header(conn, "Content-Type");
    if (type == NULL || strncasecmp(type, "application/json", 16) != 0 ||
        (type[16] != '\0' && type[16] != ';' && type[16] != ' ')) {
        ly_hub_error(c, 415, "unsupported_media_type", "The body must be application/json.");
        return false;
    }
    return true;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    struct ly_hub *hub = cls;
    struct req *q = *con_cls;
    if (q == NULL) {
        q = calloc(1, sizeof *q);
        if (q == NULL)
            return MHD_NO;
        *con_cls = q;
        atomic_fetch_add(&hub->m.in_flight, 1);
        q->start_us = now_us();
        ly_dynbuf_init(&q->body, (size_t)LY_HTTP_BODY_MAX);
        q->call.fd = -1;
        q->call.cursor = -1;
        snprintf(q->method, sizeof q->method, "%s", method);
        snprintf(q->path, sizeof q->path, "%s", url);
        remote_addr(conn, q->remote, sizeof q->remote);
        q->call.remote = q->remote;
        bool method_ok;
        q->conn = conn_of(conn);
        q->call.conn = q->conn;
        q->call.admit = admit_class;
        q->call.method = q->method;
        q->call.path = q->path;
        q->call.route = ly_hub_route(method, url, &method_ok, &q->call.row, &q->call.rest);
        bool body = strcmp(method, "POST") == 0;
        if (q->conn)
            ly_conn_headers_done(conns_, q->conn, body);
        if (!check_framing(conn, q, url, method, version)) {
            atomic_fetch_add(&hub->m.framing_refused, 1);
            return answer(conn, hub, q);
        }
        if (ly_notify_stopping(&hub->notify)) {
            ly_hub_error(&q->call, 503, "unavailable", "The hub is shutting down.");
            return answer(conn, hub, q);
        }
        if (!check_headers(conn, q, method_ok))
            return answer(conn, hub, q);
        if (body)
            return MHD_YES; /* the body comes next */
    } else if (*upload_data_size > 0) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        q->received += n;
        if (q->too_large)
            return MHD_YES; /* read and dropped: answered once the body ends */
        enum ly_dyn rc = ly_dynbuf_add(&q->body, upload_data, n);
        q->too_large = rc == LY_DYN_TOO_BIG;
        return rc == LY_DYN_NOMEM ? MHD_NO : MHD_YES;
    }
    if (q->answered)
        return MHD_YES;
    if (q->conn)
        ly_conn_body_done(conns_, q->conn);
    if (q->too_large) {
        ly_hub_error(&q->call, 413, "too_large", "A request body is at most %ld bytes.",
                     LY_HTTP_BODY_MAX);
        return answer(conn, hub, q);
    }
    struct ly_hub_call *c = &q->call;
    c->authorization = header(conn, "Authorization");
    c->query_token = arg(conn, "token");
    c->if_none_match = header(conn, "If-None-Match");
    c->since = arg(conn, "since");
    c->limit = arg(conn, "limit");
    c->wait = arg(conn, "wait");
    c->body = ly_dynbuf_str(&q->body);
    c->body_len = ly_dynbuf_len(&q->body);
    ly_hub_api(hub, c);
    return answer(conn, hub, q);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct ly_hub *hub = cls;
    struct req *q = *con_cls;
    (void)conn;
    if (q == NULL)
        return;
    int64_t us = now_us() - q->start_us;
    struct ly_hub_call *c = &q->call;
    int status = q->answered ? c->status : 0;
    ly_hub_metrics_request(hub, c->route, status, us);
    bool refused = status >= 400 || status == 0;
    if (refused || hub->cfg.log_requests) {
        struct ly_logline l;
        ly_log_begin(&l,
                     status >= 500 || status == 0 ? "error"
                     : refused                    ? "warn"
                                                  : "info",
                     refused ? "refused" : "request");
        ly_log_str(&l, "method", q->method);
        ly_log_str(&l, "path", q->path);
        ly_log_int(&l, "status", status);
        ly_log_ms(&l, "ms", (double)us / 1000.0);
        ly_log_str(&l, "remote", q->remote);
        if (c->kiosk[0])
            ly_log_str(&l, "kiosk", c->kiosk);
        if (c->error) {
            ly_log_str(&l, "error", c->error);
            ly_log_str(&l, "reason", c->message);
        }
        if (q->received > 0)
            ly_log_int(&l, "body", (int64_t)q->received);
        if (toe != MHD_REQUEST_TERMINATED_COMPLETED_OK)
            ly_log_str(&l, "ended",
                       toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED   ? "timeout"
                       : toe == MHD_REQUEST_TERMINATED_CLIENT_ABORT    ? "client_abort"
                       : toe == MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN ? "shutdown"
                                                                       : "error");
        ly_log_end(&l);
    }
    if (q->conn)
        ly_conn_answered(conns_, q->conn);
    if (c->fd >= 0)
        close(c->fd);
    free(c->out);
    ly_dynbuf_free(&q->body);
    free(q);
    *con_cls = NULL;
    atomic_fetch_sub(&hub->m.in_flight, 1);
}

static void mhd_log(void *cls, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    char msg[512];
    struct ly_logline l;
    (void)cls;
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    ly_log_begin(&l, "warn", "http");
    ly_log_str(&l, "detail", msg);
    ly_log_end(&l);
}

static char *read_pem(const char *path, char *err, size_t errsz)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        ly_fail(err, errsz, "%s: %s", path, strerror(errno));
        return NULL;
    }
    char *buf = malloc(TLS_FILE_MAX + 1);
    size_t n = buf ? fread(buf, 1, TLS_FILE_MAX + 1, f) : 0;
    fclose(f);
    if (buf == NULL || n == 0 || n > TLS_FILE_MAX) {
        free(buf);
        ly_fail(err, errsz, "%s: empty, unreadable or larger than %d bytes", path, TLS_FILE_MAX);
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

bool ly_hub_http_start(struct ly_hub *hub, int *port, char *err, size_t errsz)
{
    struct sockaddr_in a4 = {.sin_family = AF_INET};
    struct sockaddr_in6 a6 = {.sin6_family = AF_INET6};
    const struct ly_hub_config *cfg = &hub->cfg;
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC |
                     MHD_USE_ERROR_LOG;
    struct sockaddr *sa = (struct sockaddr *)&a4;
    if (inet_pton(AF_INET, cfg->host, &a4.sin_addr) == 1) {
        a4.sin_port = htons((uint16_t)cfg->port);
    } else if (inet_pton(AF_INET6, cfg->host, &a6.sin6_addr) == 1) {
        a6.sin6_port = htons((uint16_t)cfg->port);
        sa = (struct sockaddr *)&a6;
        flags |= MHD_USE_IPv6;
    } else {
        return ly_fail(err, errsz, "listen address %s is not numeric", cfg->host);
    }
    struct ly_conns_limits lim = {.total = cfg->max_connections,
                                  .per_address = cfg->per_ip,
                                  .anon = cfg->anon_connections,
                                  .read = cfg->read_connections,
                                  .header_timeout_ms = cfg->header_timeout_s * 1000,
                                  .request_timeout_ms = cfg->request_timeout_s * 1000};
    conns_ = ly_conns_new(&lim, hub->m.conn_events);
    if (conns_ == NULL)
        return ly_fail(err, errsz, "out of memory or threads");
    char *cert = NULL, *key = NULL;
    if (cfg->tls_cert[0]) {
        cert = read_pem(cfg->tls_cert, err, errsz);
        key = cert ? read_pem(cfg->tls_key, err, errsz) : NULL;
        if (key == NULL) {
            free(cert);
            ly_conns_free(conns_);
            conns_ = NULL;
            return false;
        }
        flags |= MHD_USE_TLS;
    }
    struct MHD_OptionItem tls[] = {
        {cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, cert},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, key},
        {MHD_OPTION_END, 0, NULL},
    };
    daemon_ = MHD_start_daemon(
        flags, 0, on_accept, hub, on_request, hub, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
        MHD_OPTION_SOCK_ADDR, sa, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)(cfg->max_connections + CONN_SLACK), MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)cfg->idle_timeout_s, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY,
        MHD_OPTION_THREAD_STACK_SIZE, (size_t)THREAD_STACK, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, hub, MHD_OPTION_NOTIFY_CONNECTION, on_connection, hub,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, hub, MHD_OPTION_UNESCAPE_CALLBACK, on_unescape, hub,
        MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_ARRAY, tls, MHD_OPTION_END);
    if (key) {
        sodium_memzero(key, strlen(key));
        free(key);
    }
    free(cert);
    if (daemon_ == NULL) {
        ly_conns_free(conns_);
        conns_ = NULL;
    }
    if (daemon_ == NULL)
        return ly_fail(err, errsz, "could not serve on %s:%d (in use, or a bad certificate)",
                       cfg->host, cfg->port);
    const union MHD_DaemonInfo *di = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
    *port = di ? di->port : cfg->port;
    return true;
}

void ly_hub_http_stop(struct ly_hub *hub)
{
    if (daemon_ == NULL)
        return;
    listen_sock_ = MHD_quiesce_daemon(daemon_);
    ly_notify_stop(&hub->notify); /* long polls answer now, streams end */
    int64_t deadline = ly_mono_ms() + LY_HUB_SHUTDOWN_MS;
    while (atomic_load(&hub->m.in_flight) > 0 && ly_mono_ms() < deadline)
        sleep_ms(20);
    MHD_stop_daemon(daemon_);
    daemon_ = NULL;
    ly_conns_free(conns_);
    conns_ = NULL;
    if (listen_sock_ != MHD_INVALID_SOCKET)
        close(listen_sock_);
    listen_sock_ = MHD_INVALID_SOCKET;
}
