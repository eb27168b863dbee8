/* fuzz_hub_query.c - libFuzzer harness for what the hub reads from a request line: the query of
 * a changes request (since, limit, wait: the input split at NUL bytes) and the request path
 * (the input as a decoded path, with each method). Checks: accepted values are in their
 * ranges; a routed dashboard file never holds a "." or ".." segment, a backslash, a control or
 * a non-ASCII byte; an endpoint (/api/v1/..., /metrics, the public /board) is only ever the exact
 * path. The input is also an If-None-Match
 * header for a dashboard file: it matches only when it holds the tag or "*". */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hub/dashboard.h"
#include "hub/hub.h"
#include "common/ly_limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_route(const char *method, const char *path)
{
    bool ok;
    const char *rest;
    const struct ly_hub_route *row;
    enum ly_route r = ly_hub_route(method, path, &ok, &row, &rest);
    if (r == LY_ROUTE_DASHBOARD) {
        if (rest == NULL || strstr(rest, "..") == rest || strstr(rest, "/..") ||
            strstr(rest, "/./") || strchr(rest, '\\') || strstr(path, "//"))
            abort();
        for (const unsigned char *p = (const unsigned char *)path; *p; p++)
            if (*p <= 0x20 || *p >= 0x7f || *p == '%')
                abort();
    } else if (r != LY_ROUTE_NOT_FOUND && r != LY_ROUTE_BAD_PATH) {
        if (strncmp(path, "/api/v1/", 8) != 0 && strcmp(path, "/metrics") != 0 &&
            strcmp(path, "/board") != 0)
            abort();
        if (row == NULL || row->id != r || row->method == NULL)
            abort();
    }
    if (strlen(ly_route_name(r)) == 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1);
    if (buf == NULL)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    const char *parts[3] = {NULL, NULL, NULL};
    size_t k = 0;
    parts[k++] = buf;
    for (size_t i = 0; i < size && k < 3; i++)
        if (buf[i] == '\0')
            parts[k++] = buf + i + 1;
    struct ly_req_changes q;
    char err[128] = "";
    if (ly_req_changes(parts[0], parts[1], parts[2], &q, err, sizeof err) == LY_REQ_OK) {
        if (q.since < 0 || q.limit < 1 || q.limit > LY_SYNC_PAGE_MAX || q.wait_s < 0 ||
            q.wait_s > LY_SYNC_WAIT_MAX)
            abort();
    } else if (err[0] == '\0') {
        abort();
    }
    if (ly_dash_not_modified(buf, "\"0123456789abcdef\"") && strchr(buf, '*') == NULL &&
        strstr(buf, "\"0123456789abcdef\"") == NULL)
        abort();
    check_route("GET", buf);
    check_route("POST", buf);
    check_route("DELETE", buf);
    free(buf);
    return 0;
}
