/* hub_config.c - lanyard-hub's options table. See hub_config.h. */
#include "hub/hub_config.h"

#include <arpa/inet.h>
#include <string.h>

#include "common/conf.h"
#include "common/fail.h"
#include "common/num.h"

enum opt_kind { O_DB, O_LISTEN, O_CERT, O_KEY, O_MAXCONN, O_PERIP, O_POOL, O_TIMEOUT, O_LOG };

static const struct ly_conf_option options[] = {
    {"db", "URL", "(required)", O_DB,
     "the database: `sqlite:FILE` (or a bare FILE: the organizer database `lanyard` writes) or "
     "`postgresql://...`"},
    {"listen", "ADDR:PORT", "127.0.0.1:8080", O_LISTEN,
     "the address and port to serve on; `0.0.0.0:PORT` for every IPv4 interface, `[::]:PORT` "
     "for IPv6; port 0 takes a free port (the `listening` log line names it)"},
    {"tls-cert", "PATH", "(none)", O_CERT,
     "a PEM certificate (chain): serve HTTPS; needs `tls-key`"},
    {"tls-key", "PATH", "(none)", O_KEY, "the PEM private key of `tls-cert`"},
    {"max-connections", "N", "256", O_MAXCONN,
     "open connections at most (1 to 4096); one thread each, long polls and streams included; "
     "more are closed at once"},
    {"per-ip", "N", "64", O_PERIP,
     "open connections from one address at most (0: no limit), so that one client cannot take "
     "them all"},
    {"pool", "N", "4", O_POOL, "database connections (1 to 64) shared by the requests"},
    {"idle-timeout", "SECONDS", "60", O_TIMEOUT,
     "an idle keep-alive connection is closed after this long (30 to 3600; above the long-poll "
     "wait of 25 s)"},
    {"log-requests", "yes|no", "yes", O_LOG,
     "one log line per request on standard error; refused requests are logged either way"},
};

#define N_OPTIONS (sizeof options / sizeof options[0])

void ly_hub_config_defaults(struct ly_hub_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->host, sizeof cfg->host, "127.0.0.1");
    cfg->port = 8080;
    cfg->max_connections = 256;
    cfg->per_ip = 64;
    cfg->pool = 4;
    cfg->idle_timeout_s = 60;
    cfg->log_requests = true;
}

static bool copy(char *dst, size_t dstsz, const char *name, const char *value, char *err,
                 size_t errsz)
{
    size_t n = strlen(value);
    if (n == 0 || n >= dstsz)
        return ly_fail(err, errsz, "%s must be 1 to %zu bytes", name, dstsz - 1);
    memcpy(dst, value, n + 1);
    return true;
}

static bool number(const char *name, const char *value, int64_t min, int64_t max, int *out,
                   char *err, size_t errsz)
{
    int64_t v;
    if (!ly_num_int(value, min, max, &v))
        return ly_fail(err, errsz, "%s must be a whole number from %lld to %lld, not \"%.40s\"",
                       name, (long long)min, (long long)max, value);
    *out = (int)v;
    return true;
}

/* "ADDR:PORT" or "[V6ADDR]:PORT" with a numeric address. */
static bool listen_addr(struct ly_hub_config *cfg, const char *value, char *err, size_t errsz)
{
    const char *colon = strrchr(value, ':');
    char host[64];
    unsigned char buf[16];
    if (colon == NULL || colon == value)
        return ly_fail(err, errsz, "listen must be ADDR:PORT, not \"%.60s\"", value);
    size_t hn = (size_t)(colon - value);
    const char *h = value;
    if (h[0] == '[' && hn >= 2 && h[hn - 1] == ']') {
        h++;
        hn -= 2;
    }
    if (hn >= sizeof host)
        return ly_fail(err, errsz, "listen: the address is too long");
    memcpy(host, h, hn);
    host[hn] = '\0';
    if (inet_pton(AF_INET, host, buf) != 1 && inet_pton(AF_INET6, host, buf) != 1)
        return ly_fail(err, errsz, "listen: \"%.60s\" is not a numeric IPv4 or IPv6 address", host);
    if (!number("listen port", colon + 1, 0, 65535, &cfg->port, err, errsz))
        return false;
    memcpy(cfg->host, host, hn + 1);
    return true;
}

bool ly_hub_config_set(struct ly_hub_config *cfg, const char *name, const char *value, char *err,
                       size_t errsz)
{
    const struct ly_conf_option *o = ly_conf_find(options, N_OPTIONS, name);
    if (!o)
        return ly_fail(err, errsz, "unknown option \"%.60s\"", name);
    if (!value)
        return ly_fail(err, errsz, "%s needs a value (%s)", name, o->arg);
    switch ((enum opt_kind)o->kind) {
    case O_DB:
        return copy(cfg->db, sizeof cfg->db, name, value, err, errsz);
    case O_LISTEN:
        return listen_addr(cfg, value, err, errsz);
    case O_CERT:
        return copy(cfg->tls_cert, sizeof cfg->tls_cert, name, value, err, errsz);
    case O_KEY:
        return copy(cfg->tls_key, sizeof cfg->tls_key, name, value, err, errsz);
    case O_MAXCONN:
        return number(name, value, 1, 4096, &cfg->max_connections, err, errsz);
    case O_PERIP:
        return number(name, value, 0, 4096, &cfg->per_ip, err, errsz);
    case O_POOL:
        return number(name, value, 1, 64, &cfg->pool, err, errsz);
    case O_TIMEOUT:
        return number(name, value, 30, 3600, &cfg->idle_timeout_s, err, errsz);
    case O_LOG:
        if (strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
            return ly_fail(err, errsz, "%s is yes or no", name);
        cfg->log_requests = strcmp(value, "yes") == 0;
        return true;
    }
    return ly_fail(err, errsz, "unknown option \"%.60s\"", name);
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
