/* dashboard.h - the dashboard's web files (sync/hub/dashboard/: a page, its style sheet, script and
 * icon), compiled into the hub at build time: the Makefile writes build/gen/dashboard_files.c
 * with sync/hub/dashboard/embed.sh, so that lanyard-hub is self-contained and no request path ever
 * reaches the file system. Everything here is static data: nothing to free. */
#ifndef LY_DASHBOARD_H
#define LY_DASHBOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* The page loads only its own script, style sheet and icon, and talks only to its own hub:
 * no inline script or style, no other origin, no framing, no forms. */
#define LY_DASH_CSP                                                                                \
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "                    \
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/* Browsers ask again each time (a cheap 304 while nothing changed), so that a new hub's page
 * is never mixed with an old script. */
#define LY_DASH_CACHE "no-cache"

#define LY_DASH_LABELS "labels.json" /* the one file written at each request */

/* One embedded file (the generated table). */
struct ly_dash_blob {
    const char *name; /* "index.html": a plain file name, no folder */
    const unsigned char *data;
    size_t size;
    const char *etag; /* a quoted strong validator: "\"0123456789abcdef\"" */
};
extern const struct ly_dash_blob ly_dash_blobs[];
extern const size_t ly_dash_nblobs;

/* The file a path under /dashboard/ names ("" is index.html), or NULL when there is none. */
const struct ly_dash_blob *ly_dash_find(const char *rest);

/* The Content-Type of a file by its name's extension. */
const char *ly_dash_type(const char *name);

/* Writes the labels the page shows for the codes in the counts, as one JSON object (the
 * dynamic file labels.json): {"stakeholder":{ID:LABEL,...},"region":{...},"session_type":{...},
 * "country":{ALPHA2:NAME,...}} (with "ZZ":"Not stated", LY_COUNTRY_NOT_STATED), from vocab.h
 * and country.h, so that they have one source. */
void ly_dash_labels_json(FILE *f);

/* Whether an If-None-Match header value (NULL when absent; a list such as "\"a\", W/\"b\"" or
 * "*") names etag, so that the answer can be 304 Not Modified. */
bool ly_dash_not_modified(const char *if_none_match, const char *etag);

#endif
