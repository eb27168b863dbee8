/* hub_client.h - the organizer command line's client of a running hub (libcurl): reads
 * /api/v1/counts with a read or kiosk token. */
#ifndef LY_HUB_CLIENT_H
#define LY_HUB_CLIENT_H

#include <stdbool.h>
#include <stddef.h>

#include "counts/counts.h"

/* GETs url (the hub's base URL, "http://host:port") + path with the bearer token into a new
 * buffer (*body, *len; the caller frees *body), at most LY_JSON_TEXT_MAX bytes; *status is the
 * HTTP status. Returns false with err on a network failure or an oversized answer. */
__attribute__((warn_unused_result)) bool ly_hub_client_get(const char *url, const char *path,
                                                           const char *token, long *status,
                                                           char **body, size_t *len, char *err,
                                                           size_t errsz);

/* Reads the hub's counts into *out (free with ly_counts_free). Returns false with err, which
 * carries the hub's error code for a 4xx or 5xx answer. */
__attribute__((warn_unused_result)) bool ly_hub_client_counts(const char *url, const char *token,
                                                              struct ly_counts **out, char *err,
                                                              size_t errsz);

#endif
