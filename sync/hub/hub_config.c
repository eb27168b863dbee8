/* hub_config.c - lanyard-hub's options table. See hub_config.h. */
#include "hub/hub_config.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "common/conf.h"
#include "common/fail.h"

#define CFG(member) LY_CONF_FIELD(struct ly_hub_config, member)

static const char *const yes_no[] = {"yes", "no", NULL};

static enum ly_conf_verdict listen_addr(const struct ly_conf_option *o, void *cfg,
                                        const char *value, char *err, size_t errsz);

static const struct ly_conf_option options[] = {
    {"db", LY_CONF_STRING, "URL", "(required)", CFG(db),
     .help = "the database: `sqlite:FILE` (or a bare FILE: the organizer database `lanyard` "
             "writes) or `postgresql://...`"},
    {"listen", LY_CONF_STRING, "ADDR:PORT", "127.0.0.1:8080", CFG(host), .check = listen_addr,
     .help = "the address and port to serve on; `0.0.0.0:PORT` for every IPv4 interface, "
             "`[::]:PORT` for IPv6; port 0 takes a free port (the `listening` log line names "
             "it)"},
    {"tls-cert", LY_CONF_PATH, "PATH", "(none)", CFG(tls_cert),
     .help = "a PEM certificate (chain): serve HTTPS; needs `tls-key`"},
    {"tls-key", LY_CONF_PATH, "PATH", "(none)", CFG(tls_key),
     .help = "the PEM private key of `tls-cert`"},
    {"tls-next-cert", LY_CONF_PATH, "PATH", "(none)", CFG(tls_next_cert),
     .help = "the certificate of the key the hub will serve with next: its pin is announced to "
             "kiosks (X-Lanyard-Pins) beside the current one, so that they accept it after the "
             "switch (docs/security.md, \"Rotating the hub's key\"); needs `tls-cert`"},
    {"insecure-http", LY_CONF_BOOL, "yes|no", "no", CFG(insecure_http), .choices = yes_no,
     .help = "serve plain HTTP on an address that is not loopback (behind a TLS-terminating "
             "proxy, or for a test): said in the log at every start. Without it, plain HTTP is "
             "served on loopback only"},
    {"max-connections", LY_CONF_INT, "N", "256", CFG(max_connections), 1, 4096, NULL,
     .help = "open connections at most (1 to 4096); one thread each, long polls and streams "
             "included; more are closed at once"},
    {"per-ip", LY_CONF_INT, "N", "64", CFG(per_ip), 0, 4096, NULL,
     .help = "open connections from one address at most (0 to 4096; 0: no limit), so that one "
             "client cannot take them all"},
    {"unauth-connections", LY_CONF_INT, "N", "96", CFG(anon_connections), 1, 4096, NULL,
     .help = "connections not (yet) authenticated by a kiosk or read token at most (1 to 4096): "
             "a new connection closes the oldest of them that waits for its request when they "
             "are all taken, so that the rest of max-connections stays for kiosks"},
    {"read-connections", LY_CONF_INT, "N", "32", CFG(read_connections), 1, 4096, NULL,
     .help = "connections authenticated by read tokens (dashboards, counts streams) at most "
             "(1 to 4096); more are answered 503"},
    {"header-timeout", LY_CONF_INT, "SECONDS", "10", CFG(header_timeout_s), 1, 120, "s",
     .help = "a request's headers must be complete this long after the connection opened or "
             "its previous answer (1 to 120), however slowly they trickle in; a kept-alive "
             "connection waits this long for its next request"},
    {"request-timeout", LY_CONF_INT, "SECONDS", "30", CFG(request_timeout_s), 1, 600, "s",
     .help = "a request's headers and body must be complete within this (1 to 600); then the "
             "connection is closed"},
    {"pool", LY_CONF_INT, "N", "4", CFG(pool), 1, 64, NULL,
     .help = "database connections (1 to 64) shared by the requests"},
    {"idle-timeout", LY_CONF_INT, "SECONDS", "60", CFG(idle_timeout_s), 30, 3600, "s",
     .help = "a connection that moves no byte for this long (a client that stops reading an "
             "answer) is closed (30 to 3600; above the long-poll wait of 25 s); one waiting for "
             "a request is closed earlier, at header-timeout"},
    {"log-requests", LY_CONF_BOOL, "yes|no", "yes", CFG(log_requests), .choices = yes_no,
     .help = "one log line per request on standard error; refused requests are logged either "
             "way"},
};

#define N_OPTIONS (sizeof options / sizeof options[0])

void ly_hub_config_defaults(struct ly_hub_config *cfg)
{
    char err[256];
    memset(cfg, 0, sizeof *cfg);
    if (!ly_conf_defaults(options, N_OPTIONS, cfg, err, sizeof err)) {
        fprintf(stderr, "hub_config: a default of the options table is refused: %s\n", err);
        abort(); /* a mistake in the table above, caught by t_hub.sh */
    }
}

/* "ADDR:PORT" or "[V6ADDR]:PORT" with a numeric address: host and port. */
static enum ly_conf_verdict listen_addr(const struct ly_conf_option *o, void *cfg,
                                        const char *value, char *err, size_t errsz)
{
    struct ly_hub_config *c = cfg;
    const char *colon = strrchr(value, ':');
    char host[sizeof c->host];
    unsigned char buf[16];
    int64_t port;
    if (colon == NULL || colon == value) {
        ly_fail(err, errsz, "%s must be ADDR:PORT, not \"%.60s\"", o->name, value);
        return LY_CONF_BAD;
    }
    size_t hn = (size_t)(colon - value);
    const char *h = value;
    if (h[0] == '[' && hn >= 2 && h[hn - 1] == ']') {
        h++;
        hn -= 2;
    }
    if (hn >= sizeof host) {
        ly_fail(err, errsz, "%s: the address is too long", o->name);
        return LY_CONF_BAD;
    }
    memcpy(host, h, hn);
    host[hn] = '\0';
    if (inet_pton(AF_INET, host, buf) != 1 && inet_pton(AF_INET6, host, buf) != 1) {
        ly_fail(err, errsz, "%s: \"%.60s\" is not a numeric IPv4 or IPv6 address", o->name, host);
        return LY_CONF_BAD;
    }
    if (!ly_conf_int("listen port", colon + 1, 0, 65535, NULL, &port, err, errsz))
        return LY_CONF_BAD;
    memcpy(c->host, host, hn + 1);
    c->port = (int)port;
    return LY_CONF_DONE;
}

bool ly_hub_config_set(struct ly_hub_config *cfg, const char *name, const char *value, char *err,
                       size_t errsz)
{
    return ly_conf_set(options, N_OPTIONS, cfg, name, value, err, errsz);
}

static bool set_option(void *ctx, const char *key, const char *value, char *err, size_t errsz)
{
    return ly_hub_config_set(ctx, key, value, err, errsz);
}

bool ly_hub_config_load(struct ly_hub_config *cfg, const char *path, char *err, size_t errsz)
{
    return ly_conf_load(path, set_option, cfg, err, errsz);
}

bool ly_hub_config_complete(const struct ly_hub_config *cfg, char *err, size_t errsz)
{
    if (cfg->db[0] == '\0')
        return ly_fail(err, errsz, "no database: set db (--db sqlite:FILE)");
    if ((cfg->tls_cert[0] == '\0') != (cfg->tls_key[0] == '\0'))
        return ly_fail(err, errsz, "TLS needs both tls-cert and tls-key");
    if (cfg->tls_next_cert[0] && cfg->tls_cert[0] == '\0')
        return ly_fail(err, errsz, "tls-next-cert needs tls-cert and tls-key");
    if (cfg->tls_cert[0] == '\0' && !cfg->insecure_http && strcmp(cfg->host, "127.0.0.1") != 0 &&
        strcmp(cfg->host, "::1") != 0 && strncmp(cfg->host, "127.", 4) != 0)
        return ly_fail(err, errsz,
                       "plain HTTP on %s would let anyone on the network read and change what "
                       "kiosks receive: serve TLS (tls-cert, tls-key) or give insecure-http",
                       cfg->host);
    if (cfg->anon_connections + cfg->read_connections >= cfg->max_connections)
        return ly_fail(err, errsz,
                       "unauth-connections + read-connections (%d) must stay below "
                       "max-connections (%d): the rest is kept for kiosks",
                       cfg->anon_connections + cfg->read_connections, cfg->max_connections);
    if (cfg->request_timeout_s < cfg->header_timeout_s)
        return ly_fail(err, errsz, "request-timeout must be at least header-timeout");
    return true;
}

void ly_hub_config_usage(FILE *out)
{
    fprintf(out,
            "  --config FILE\n      read these options from FILE first (NAME = VALUE lines)\n");
    ly_conf_usage(out, options, N_OPTIONS);
}

void ly_hub_config_markdown(FILE *out)
{
    ly_conf_markdown(out, options, N_OPTIONS);
}
