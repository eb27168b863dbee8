/* http.c - one HTTP exchange with the hub on libcurl. See http.h. */
#include "client/http.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/dynbuf.h"
#include "common/fail.h"
#include "common/ly_limits.h"
#include "common/num.h"
#include "proto/pin.h"

struct ly_http {
    CURL *easy;
    struct curl_slist *headers;
    struct ly_dynbuf body; /* the answer, up to LY_JSON_TEXT_MAX */
    FILE *file;            /* a download */
    size_t file_bytes;
    bool too_large, write_failed;
    int write_errno; /* why the download could not be written */
    int64_t cursor;
    int64_t retry_after_ms;          /* Retry-After, or -1 */
    char pins[LY_PINS_TEXT_MAX + 1]; /* X-Lanyard-Pins */
    bool pinned;                     /* the request went over TLS with pins */
    long status;
    struct timespec started;
    char curl_err[CURL_ERROR_SIZE];
};

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static CURLcode global_rc = CURLE_FAILED_INIT;

static void global_init(void)
{
    global_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
}

bool ly_http_global_init(char *err, size_t errsz)
{
    pthread_once(&global_once, global_init);
    return global_rc == CURLE_OK
               ? true
               : ly_fail(err, errsz, "libcurl: %s", curl_easy_strerror(global_rc));
}

bool ly_http_url_valid(const char *url, char *err, size_t errsz)
{
    size_t n = strlen(url);
    const char *host;
    if (n == 0 || n > LY_HTTP_URL_MAX)
        return ly_fail(err, errsz, "the hub URL must be 1 to %d bytes", LY_HTTP_URL_MAX);
    if (strncmp(url, "https://", 8) == 0)
        host = url + 8;
    else if (strncmp(url, "http://", 7) == 0)
        host = url + 7;
    else
        return ly_fail(err, errsz, "the hub URL must start with https:// or http://");
    for (const char *p = url; *p; p++) {
        if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
            return ly_fail(err, errsz, "the hub URL holds a blank or a control character");
    }
    size_t hostlen = strcspn(host, "/");
    if (hostlen == 0)
        return ly_fail(err, errsz, "the hub URL has no host");
    if (memchr(host, '@', hostlen) || strpbrk(url, "?#"))
        return ly_fail(err, errsz, "the hub URL may not carry a user, a query or a fragment");
    if (url[n - 1] == '/')
        return ly_fail(err, errsz, "the hub URL must not end with '/'");
    return true;
}

bool ly_http_url_loopback(const char *url)
{
    const char *host = strstr(url, "://");
    char name[64];
    if (host == NULL)
        return false;
    host += 3;
    size_t n = strcspn(host, "/");
    if (n >= sizeof name)
        return false;
    memcpy(name, host, n);
    name[n] = '\0';
    if (name[0] == '[') {
        char *close = strchr(name, ']');
        if (close == NULL || (close[1] != '\0' && close[1] != ':'))
            return false;
        *close = '\0';
        return strcmp(name + 1, "::1") == 0;
    }
    char *colon = strchr(name, ':');
    if (colon)
        *colon = '\0';
    if (strcmp(name, "localhost") == 0)
        return true;
    /* 127.0.0.0/8 in dotted decimal, four parts, each 0 to 255 */
    int64_t part;
    char *p = name, *dot;
    for (int i = 0; i < 4; i++) {
        dot = strchr(p, '.');
        if ((i < 3) != (dot != NULL))
            return false;
        if (dot)
            *dot = '\0';
        if (!ly_num_int(p, 0, 255, &part) || (i == 0 && part != 127))
            return false;
        p = dot ? dot + 1 : p;
    }
    return true;
}

bool ly_http_channel_ok(const char *url, const char *pins, bool insecure, bool *weak, char *err,
                        size_t errsz)
{
    bool tls = strncmp(url, "https://", 8) == 0, pinned = pins && pins[0];
    *weak = false;
    if (!ly_http_url_valid(url, err, errsz))
        return false;
    if (tls && pinned)
        return true;
    if (!tls && ly_http_url_loopback(url))
        return true;
    if (!insecure) {
        if (tls)
            return ly_fail(err, errsz,
                           "no pin of the hub's TLS key: enroll with a code made by `lanyard "
                           "enroll --tls-cert HUB.pem` (or give --insecure-http to trust any "
                           "certificate the CA vouches for)");
        return ly_fail(err, errsz,
                       "plain http:// to %s is refused: anyone on the network could read and "
                       "change what the hub says; use https:// with a pinned code (or give "
                       "--insecure-http)",
                       url);
    }
    *weak = true;
    return true;
}

bool ly_http_new(struct ly_http **out, char *err, size_t errsz)
{
    struct ly_http *h;
    if (!ly_http_global_init(err, errsz))
        return false;
    h = calloc(1, sizeof *h);
    if (!h)
        return ly_fail(err, errsz, "out of memory");
    ly_dynbuf_init(&h->body, (size_t)LY_JSON_TEXT_MAX);
    h->easy = curl_easy_init();
    if (!h->easy) {
        free(h);
        return ly_fail(err, errsz, "libcurl: cannot create a handle");
    }
    *out = h;
    return true;
}

static void close_file(struct ly_http *h)
{
    if (h->file && fclose(h->file) != 0 && !h->write_failed) {
        h->write_failed = true;
        h->write_errno = errno;
    }
    h->file = NULL;
}

void ly_http_free(struct ly_http *h)
{
    if (!h)
        return;
    close_file(h);
    curl_slist_free_all(h->headers);
    curl_easy_cleanup(h->easy);
    ly_dynbuf_free(&h->body);
    free(h);
}

/* The answer, into memory (up to LY_JSON_TEXT_MAX) or into the download file. */
static size_t on_data(char *data, size_t size, size_t nmemb, void *ctx)
{
    struct ly_http *h = ctx;
    size_t n = size * nmemb;
    if (h->file) {
        if (h->file_bytes + n > (size_t)LY_SNAPSHOT_MAX) {
            h->too_large = true;
            return 0;
        }
        if (fwrite(data, 1, n, h->file) != n) {
            h->write_failed = true;
            h->write_errno = errno;
            return 0;
        }
        h->file_bytes += n;
        return n;
    }
    enum ly_dyn rc = ly_dynbuf_add(&h->body, data, n);
    h->too_large = rc == LY_DYN_TOO_BIG;
    return rc == LY_DYN_OK ? n : 0;
}

/* The value of header line data (n bytes) when it is the header name ("name:", lower case),
 * without surrounding blanks; false for another header. */
static bool header_value(const char *data, size_t n, const char *name, const char **v, size_t *vn)
{
    size_t k = strlen(name);
    if (n <= k || strncasecmp(data, name, k) != 0)
        return false;
    *v = data + k;
    *vn = n - k;
    while (*vn > 0 && (**v == ' ' || **v == '\t')) {
        (*v)++;
        (*vn)--;
    }
    while (*vn > 0 && ((*v)[*vn - 1] == '\r' || (*v)[*vn - 1] == '\n' || (*v)[*vn - 1] == ' '))
        (*vn)--;
    return true;
}

/* Picks X-Lanyard-Cursor and X-Lanyard-Pins out of the answer's headers. */
static size_t on_header(char *data, size_t size, size_t nmemb, void *ctx)
{
    struct ly_http *h = ctx;
    size_t n = size * nmemb, vn;
    const char *v;
    char value[32];
    int64_t c;
    if (header_value(data, n, "x-lanyard-cursor:", &v, &vn) && vn < sizeof value) {
        memcpy(value, v, vn);
        value[vn] = '\0';
        if (ly_num_int(value, 0, INT64_MAX, &c))
            h->cursor = c;
    } else if (header_value(data, n, "retry-after:", &v, &vn) && vn < sizeof value) {
        memcpy(value, v, vn);
        value[vn] = '\0';
        if (ly_num_int(value, 0, 86400, &c))
            h->retry_after_ms = c * 1000;
    } else if (header_value(data, n, "x-lanyard-pins:", &v, &vn) && ly_pins_valid(v, vn)) {
        memcpy(h->pins, v, vn);
        h->pins[vn] = '\0';
    }
    return n;
}

static bool add_header(struct ly_http *h, const char *line, char *err, size_t errsz)
{
    struct curl_slist *l = curl_slist_append(h->headers, line);
    if (!l)
        return ly_fail(err, errsz, "out of memory");
    h->headers = l;
    return true;
}

/* A token goes into a header line: printable ASCII only, so it cannot add a header. */
static bool token_valid(const char *token, char *err, size_t errsz)
{
    size_t n = strlen(token);
    if (n == 0 || n > LY_HTTP_TOKEN_MAX)
        return ly_fail(err, errsz, "the hub token must be 1 to %d bytes", LY_HTTP_TOKEN_MAX);
    for (size_t i = 0; i < n; i++) {
        if (token[i] <= ' ' || token[i] >= 0x7f)
            return ly_fail(err, errsz, "the hub token holds a character a header cannot carry");
    }
    return true;
}

#define SET(opt, val)                                                                              \
    do {                                                                                           \
        if (curl_easy_setopt(h->easy, opt, val) != CURLE_OK)                                       \
            return ly_fail(err, errsz, "libcurl refused option " #opt);                            \
    } while (0)

bool ly_http_setup(struct ly_http *h, const struct ly_http_target *t, const char *method,
                   const char *path, const char *body, size_t len, long timeout_ms, long stall_s,
                   const char *download, char *err, size_t errsz)
{
    char url[LY_HTTP_URL_MAX + 1024], line[LY_HTTP_TOKEN_MAX + 32];
    bool post = strcmp(method, "POST") == 0;
    if (!ly_http_url_valid(t->url, err, errsz))
        return false;
    if (path[0] != '/' || strlen(path) > 1000)
        return ly_fail(err, errsz, "a request path must start with '/' and be short");
    if (!post && strcmp(method, "GET") != 0)
        return ly_fail(err, errsz, "method %s is not used", method);
    snprintf(url, sizeof url, "%s%s", t->url, path);

    close_file(h);
    curl_slist_free_all(h->headers);
    h->headers = NULL;
    ly_dynbuf_reset(&h->body);
    h->file_bytes = 0;
    h->too_large = h->write_failed = false;
    h->cursor = -1;
    h->retry_after_ms = -1;
    h->pins[0] = '\0';
    h->pinned = false;
    h->status = 0;
    h->curl_err[0] = '\0';
    curl_easy_reset(h->easy); /* keeps the live connection and the TLS session */

    if (t->token && t->token[0]) {
        if (!token_valid(t->token, err, errsz))
            return false;
        snprintf(line, sizeof line, "Authorization: Bearer %s", t->token);
        if (!add_header(h, line, err, errsz))
            return false;
    }
    if (!add_header(h, "Accept: application/json, application/vnd.sqlite3", err, errsz) ||
        (post && !add_header(h, "Content-Type: application/json", err, errsz)) ||
        !add_header(h, "Expect:", err, errsz)) /* no 100-continue round trip */
        return false;
    if (download) {
        int fd = open(download, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0)
            return ly_fail(err, errsz, "%s: %s", download, strerror(errno));
        h->file = fdopen(fd, "wb");
        if (!h->file) {
            close(fd);
            return ly_fail(err, errsz, "%s: %s", download, strerror(errno));
        }
    }

    SET(CURLOPT_URL, url);
    SET(CURLOPT_PROTOCOLS_STR, "http,https");
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_NOSIGNAL, 1L); /* threads: no SIGALRM for timeouts */
    /* The hub is on the venue network: no proxy, and no reading of proxy variables from the
     * environment, which the kiosk loop may be changing (TZ) in another thread. */
    SET(CURLOPT_PROXY, "");
    SET(CURLOPT_NOPROXY, "*");
    SET(CURLOPT_HTTPHEADER, h->headers);
    SET(CURLOPT_USERAGENT, "lanyard-kiosk");
    SET(CURLOPT_ERRORBUFFER, h->curl_err);
    SET(CURLOPT_WRITEFUNCTION, on_data);
    SET(CURLOPT_WRITEDATA, h);
    SET(CURLOPT_HEADERFUNCTION, on_header);
    SET(CURLOPT_HEADERDATA, h);
    SET(CURLOPT_CONNECTTIMEOUT_MS, (long)LY_HTTP_CONNECT_MS);
    SET(CURLOPT_TIMEOUT_MS, timeout_ms > 0 ? timeout_ms : (long)LY_HTTP_TIMEOUT_MS);
    SET(CURLOPT_LOW_SPEED_LIMIT, (long)LY_HTTP_STALL_BPS);
    SET(CURLOPT_LOW_SPEED_TIME, stall_s > 0 ? stall_s : (long)LY_HTTP_STALL_S);
    SET(CURLOPT_TCP_KEEPALIVE, 1L);
    SET(CURLOPT_ACCEPT_ENCODING, "");
    SET(CURLOPT_MAXFILESIZE_LARGE,
        (curl_off_t)(download ? LY_SNAPSHOT_MAX : (long)LY_JSON_TEXT_MAX));
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
    if (t->ca_file && t->ca_file[0])
        SET(CURLOPT_CAINFO, t->ca_file);
    if (t->pins && t->pins[0] && strncmp(t->url, "https://", 8) == 0) {
        /* the hub's key must be one of these, whatever CA signed its certificate */
        SET(CURLOPT_PINNEDPUBLICKEY, t->pins);
        h->pinned = true;
    }
    if (post) {
        SET(CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)(body ? len : 0));
        SET(CURLOPT_COPYPOSTFIELDS, body ? body : "");
    } else {
        SET(CURLOPT_HTTPGET, 1L);
    }
    clock_gettime(CLOCK_MONOTONIC, &h->started);
    return true;
}

CURL *ly_http_easy(struct ly_http *h)
{
    return h->easy;
}

bool ly_http_done(struct ly_http *h, CURLcode rc, char *err, size_t errsz)
{
    close_file(h);
    if (h->too_large || rc == CURLE_FILESIZE_EXCEEDED)
        return ly_fail(err, errsz, "the hub's answer is larger than this kiosk accepts");
    if (h->write_failed)
        return ly_fail(err, errsz, "the download could not be written to this kiosk's disk: %s",
                       strerror(h->write_errno));
    if (rc == CURLE_SSL_PINNEDPUBKEYNOTMATCH)
        return ly_fail(err, errsz,
                       "refused: the TLS key of the server is not the hub's key pinned at "
                       "enrollment (someone in between, or the hub's key changed without the "
                       "rotation procedure of docs/security.md)");
    if (rc != CURLE_OK)
        return ly_fail(err, errsz, "%s", h->curl_err[0] ? h->curl_err : curl_easy_strerror(rc));
    curl_easy_getinfo(h->easy, CURLINFO_RESPONSE_CODE, &h->status);
    return true;
}

void ly_http_cancel(struct ly_http *h)
{
    close_file(h);
}

bool ly_http_perform(struct ly_http *h, char *err, size_t errsz)
{
    return ly_http_done(h, curl_easy_perform(h->easy), err, errsz);
}

long ly_http_status(const struct ly_http *h)
{
    return h->status;
}

const char *ly_http_body(const struct ly_http *h, size_t *len)
{
    if (len)
        *len = ly_dynbuf_len(&h->body);
    return ly_dynbuf_str(&h->body);
}

int64_t ly_http_cursor(const struct ly_http *h)
{
    return h->cursor;
}

int64_t ly_http_retry_after_ms(const struct ly_http *h)
{
    return h->retry_after_ms;
}

const char *ly_http_pins(const struct ly_http *h)
{
    return h->pins;
}

bool ly_http_pinned(const struct ly_http *h)
{
    return h->pinned;
}

double ly_http_elapsed_ms(const struct ly_http *h)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - h->started.tv_sec) * 1e3 +
           (double)(now.tv_nsec - h->started.tv_nsec) / 1e6;
}
