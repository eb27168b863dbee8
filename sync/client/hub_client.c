/* hub_client.c - a small libcurl client of the hub for the command line. See hub_client.h. */
#include "client/hub_client.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

#include "common/fail.h"
#include "common/jsonr.h"
#include "common/ly_limits.h"

#define CLIENT_TIMEOUT_S 30 /* a counts request answers in well under a second */

struct sink {
    char *buf;
    size_t len, cap;
    bool too_big;
};

static size_t on_data(char *p, size_t size, size_t n, void *ctx)
{
    struct sink *s = ctx;
    size_t k = size * n;
    if (s->len + k > (size_t)LY_JSON_TEXT_MAX) {
        s->too_big = true;
        return 0;
    }
    if (s->len + k + 1 > s->cap) {
        size_t cap = (s->len + k + 1) * 2;
        char *b = realloc(s->buf, cap);
        if (b == NULL)
            return 0;
        s->buf = b;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, p, k);
    s->len += k;
    s->buf[s->len] = '\0';
    return k;
}

bool ly_hub_client_get(const char *url, const char *path, const char *token, long *status,
                       char **body, size_t *len, char *err, size_t errsz)
{
    char full[2048], auth[256];
    struct sink s = {0};
    if (snprintf(full, sizeof full, "%s%s", url, path) >= (int)sizeof full ||
        snprintf(auth, sizeof auth, "Authorization: Bearer %s", token) >= (int)sizeof auth)
        return ly_fail(err, errsz, "the hub URL or token is too long");
    size_t ul = strlen(url);
    if (ul > 0 && url[ul - 1] == '/')
        snprintf(full, sizeof full, "%.*s%s", (int)(ul - 1), url, path);
    CURL *c = curl_easy_init();
    if (c == NULL)
        return ly_fail(err, errsz, "libcurl failed to start");
    struct curl_slist *hdr = curl_slist_append(NULL, auth);
    curl_easy_setopt(c, CURLOPT_URL, full);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &s);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)CLIENT_TIMEOUT_S);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    CURLcode rc = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, status);
    curl_slist_free_all(hdr);
    curl_easy_cleanup(c);
    if (rc != CURLE_OK) {
        free(s.buf);
        return ly_fail(err, errsz, "%s: %s", full,
                       s.too_big ? "the answer is too large" : curl_easy_strerror(rc));
    }
    *body = s.buf ? s.buf : calloc(1, 1);
    *len = s.len;
    return *body != NULL || ly_fail(err, errsz, "out of memory");
}

bool ly_hub_client_counts(const char *url, const char *token, struct ly_counts **out, char *err,
                          size_t errsz)
{
    char *body;
    size_t len;
    long status = 0;
    if (!ly_hub_client_get(url, "/api/v1/counts", token, &status, &body, &len, err, errsz))
        return false;
    bool ok;
    if (status != 200) {
        struct ly_jsonr *doc = ly_jsonr_parse(body, len, NULL, 0);
        const char *code = doc ? ly_jsonr_get_str(ly_jsonr_root(doc), "error", 64) : NULL;
        const char *msg = doc ? ly_jsonr_get_str(ly_jsonr_root(doc), "message", 300) : NULL;
        ok = ly_fail(err, errsz, "the hub answered %ld %s%s%s", status, code ? code : "",
                     msg ? ": " : "", msg ? msg : "");
        ly_jsonr_free(doc);
    } else {
        ok = ly_counts_parse(body, len, out, err, errsz);
    }
    free(body);
    return ok;
}
