/* hub_config.h - lanyard-hub's settings: one table of options gives the command-line flags
 * (--NAME VALUE), the configuration file's keys (NAME = VALUE, conf.h), `lanyard-hub --help` and
 * the options table in docs/hub.md (`lanyard-hub --help-markdown`). */
#ifndef LY_HUB_CONFIG_H
#define LY_HUB_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define LY_HUB_PATH_MAX 4096 /* a path or database URL */

struct ly_hub_config {
    char db[LY_HUB_PATH_MAX];       /* "sqlite:FILE", a bare file, or "postgresql://..." */
    char host[64];                  /* listen address (numeric IPv4 or IPv6) */
    int port;                       /* listen port */
    char tls_cert[LY_HUB_PATH_MAX]; /* PEM files; both or neither */
    char tls_key[LY_HUB_PATH_MAX];
    char tls_next_cert[LY_HUB_PATH_MAX]; /* the next key's certificate: its pin announced */
    bool insecure_http;                  /* plain HTTP on an address that is not loopback allowed */
    int max_connections;                 /* open connections; more are closed at once */
    int per_ip;                          /* open connections from one address (0: no limit) */
    int pool;                            /* database connections */
    int idle_timeout_s;                  /* an idle connection is closed after this long */
    int anon_connections;                /* connections not authenticated (yet) at most */
    int read_connections;                /* connections of read tokens at most */
    int header_timeout_s;                /* a request's headers must arrive within this */
    int request_timeout_s;               /* its headers and body within this */
    bool log_requests;                   /* one log line per request (refusals are always logged) */
};

/* Fills *cfg with the defaults. */
void ly_hub_config_defaults(struct ly_hub_config *cfg);

/* Sets option name (without "--") to value. Returns false with a message in err. */
__attribute__((warn_unused_result)) bool ly_hub_config_set(struct ly_hub_config *cfg,
                                                           const char *name, const char *value,
                                                           char *err, size_t errsz);

/* Reads a configuration file (conf.h); errors read "PATH:LINE: message". */
__attribute__((warn_unused_result)) bool
ly_hub_config_load(struct ly_hub_config *cfg, const char *path, char *err, size_t errsz);

/* Checks that what the hub needs is set and consistent. */
__attribute__((warn_unused_result)) bool ly_hub_config_complete(const struct ly_hub_config *cfg,
                                                                char *err, size_t errsz);

/* Writes the options as --help text, or as a Markdown table. */
void ly_hub_config_usage(FILE *out);
void ly_hub_config_markdown(FILE *out);

#endif
