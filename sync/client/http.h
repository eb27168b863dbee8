/* http.h - one HTTP exchange with the hub, on libcurl: the transport of the kiosk's sync
 * client. Every request has a connect timeout, a total timeout and a low-speed limit (a hub
 * that stops sending is given up on); TLS peers are verified (a private CA through a CA file);
 * redirects are not followed and only http and https are spoken; what the hub sends is bounded
 * (a JSON answer in memory up to LY_JSON_TEXT_MAX, a download to a file up to LY_SNAPSHOT_MAX).
 * A request runs blocking (ly_http_perform) or in the caller's curl multi handle (add
 * ly_http_easy, then call ly_http_done with the transfer's result). One handle is one request
 * at a time and is reused, keeping its connection; use it from one thread at a time. */
#ifndef LY_HTTP_H
#define LY_HTTP_H

#include <curl/curl.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define LY_HTTP_URL_MAX     512   /* a hub URL: scheme, host, port, a path prefix */
#define LY_HTTP_TOKEN_MAX   256   /* a kiosk token ("lyk_" and base64url) */
#define LY_HTTP_CONNECT_MS  5000  /* a hub on the venue network connects in milliseconds */
#define LY_HTTP_TIMEOUT_MS  30000 /* a whole request that is not a long poll or a download */
#define LY_HTTP_STALL_S     15    /* under LY_HTTP_STALL_BPS bytes/s for this long: given up */
#define LY_HTTP_STALL_BPS   1     /* (a long poll sends nothing while it waits: see setup) */
#define LY_HTTP_DOWNLOAD_MS 600000
/* A snapshot file: 100,000 registrations take about 30 MiB; refuse what no event needs. */
#define LY_SNAPSHOT_MAX (512L * 1024 * 1024)

struct ly_http;

/* Where the hub is and how to prove who we are. token may be NULL (enrollment); ca_file NULL
 * or "" uses the system's trusted CAs; pins NULL or "": any key the CA vouches for, else the
 * hub's TLS key must be one of them (proto/pin.h; libcurl's CURLOPT_PINNEDPUBLICKEY). */
struct ly_http_target {
    const char *url; /* "http://host:port" or "https://host[:port][/prefix]", no trailing '/' */
    const char *token;
    const char *ca_file;
    const char *pins;
};

/* Checks a hub URL: http or https, at most LY_HTTP_URL_MAX bytes, no blanks or control
 * characters, no user:password, no query. Returns false with a sentence in err. */
__attribute__((warn_unused_result)) bool ly_http_url_valid(const char *url, char *err,
                                                           size_t errsz);

/* Whether url's host is a loopback address: "localhost", 127.0.0.0/8 or [::1]. */
bool ly_http_url_loopback(const char *url);

/* The kiosk's rule for its channel to the hub (docs/security.md, "The kiosk's channel to its
 * hub"): https with the pins of the hub's key, or plain http to a loopback address; anything
 * else (plain http over the network, https without a pin) only when insecure is true (the
 * operator's --insecure-http), and then *weak is set for the caller to log it. Returns false
 * with a sentence in err. */
__attribute__((warn_unused_result)) bool ly_http_channel_ok(const char *url, const char *pins,
                                                            bool insecure, bool *weak, char *err,
                                                            size_t errsz);

/* Calls curl_global_init once per process (any thread; call it before starting threads that
 * use curl). Returns false with err when libcurl cannot start. */
__attribute__((warn_unused_result)) bool ly_http_global_init(char *err, size_t errsz);

/* A new handle; free with ly_http_free (NULL is ignored). */
__attribute__((warn_unused_result)) bool ly_http_new(struct ly_http **out, char *err, size_t errsz);
void ly_http_free(struct ly_http *h);

/* Prepares a request: method "GET" or "POST", path under the hub URL (with its query; it must
 * start with '/'), body (JSON, len bytes, copied; NULL for none), timeout_ms for the whole
 * exchange (0: LY_HTTP_TIMEOUT_MS), stall_s for the low-speed limit (0: LY_HTTP_STALL_S; a long
 * poll passes more than its wait), and download: NULL keeps the answer in memory, a path writes
 * it to that file (created 0600, truncated). Returns false with err. */
__attribute__((warn_unused_result)) bool
ly_http_setup(struct ly_http *h, const struct ly_http_target *t, const char *method,
              const char *path, const char *body, size_t len, long timeout_ms, long stall_s,
              const char *download, char *err, size_t errsz);

/* The curl easy handle of the prepared request, for a multi handle. Owned by h. */
CURL *ly_http_easy(struct ly_http *h);

/* Ends the transfer whose result was rc. Returns true when the hub answered (any HTTP status;
 * see ly_http_status), false with a sentence in err when it did not: unreachable, timed out,
 * TLS refused, an answer over its bound, a download that could not be written. */
__attribute__((warn_unused_result)) bool ly_http_done(struct ly_http *h, CURLcode rc, char *err,
                                                      size_t errsz);

/* Ends a transfer given up midway (removed from its multi handle): closes its download. */
void ly_http_cancel(struct ly_http *h);

/* Runs the prepared request to its end (blocking), then ly_http_done. */
__attribute__((warn_unused_result)) bool ly_http_perform(struct ly_http *h, char *err,
                                                         size_t errsz);

/* After an answer: its HTTP status, its body (in memory; "" for a download; NUL-terminated,
 * owned by h until the next setup), the X-Lanyard-Cursor header (-1 when absent) and the
 * X-Lanyard-Pins header (the pins the hub announces, "" when absent or not a valid list). */
long ly_http_status(const struct ly_http *h);
const char *ly_http_body(const struct ly_http *h, size_t *len);
int64_t ly_http_cursor(const struct ly_http *h);
/* The answer's Retry-After in ms (delay-seconds only, at most a day); -1 when it has none. */
int64_t ly_http_retry_after_ms(const struct ly_http *h);
const char *ly_http_pins(const struct ly_http *h);

/* Whether the last answer came over TLS whose key matched the target's pins. */
bool ly_http_pinned(const struct ly_http *h);

/* Since the request started, in ms (for logs and the benchmark). */
double ly_http_elapsed_ms(const struct ly_http *h);

#endif
