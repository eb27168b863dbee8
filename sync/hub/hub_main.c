/* hub_main.c - bin/lanyard-hub, the venue's hub: the sync API of docs/sync-protocol.md over the
 * organizer database, live counts, /metrics. Settings come from one table (hub_config.h): flags,
 * configuration file, help and docs/hub.md. Signals are handled by the main thread only (they
 * are blocked in every other thread): SIGTERM and SIGINT stop the hub gracefully. The main
 * thread also reads the database's change sequence every LY_HUB_POLL_MS (to wake long polls
 * for changes other processes commit) and feeds the systemd watchdog. */
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>
#include <time.h>
#include <unistd.h>

#include "common/fail.h"
#include "gate/gate_time.h"
#include "common/num.h"
#include "hub/hub.h"
#include "hub/hub_log.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: lanyard-hub --db sqlite:FILE|postgresql://... [--listen ADDR:PORT] "
                 "[--OPTION VALUE]...\n\n"
                 "The venue's hub: kiosks enroll, pull registrations and push check-ins; "
                 "dashboards read live counts.\n"
                 "Options (flags, or NAME = VALUE lines in the --config file; flags win):\n");
    ly_hub_config_usage(out);
    fprintf(out, "  --help-markdown\n      print the options as a Markdown table\n"
                 "  --help\n      print this help\n  --version\n      print the version\n");
}

/* Parses argv: --config first, then the flags over it. Returns 0 to run, or an exit status. */
static int parse_options(int argc, char **argv, struct ly_hub_config *cfg)
{
    char err[512];
    ly_hub_config_defaults(cfg);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--config") != 0)
            continue;
        if (i + 1 == argc || !ly_hub_config_load(cfg, argv[i + 1], err, sizeof err)) {
            fprintf(stderr, "lanyard-hub: %s\n", i + 1 == argc ? "--config needs a FILE" : err);
            return 2;
        }
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--config") == 0) {
            i++;
        } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return -1;
        } else if (strcmp(a, "--help-markdown") == 0) {
            ly_hub_config_markdown(stdout);
            return -1;
        } else if (strcmp(a, "--version") == 0) {
            printf("lanyard-hub %s\n", LY_HUB_VERSION);
            return -1;
        } else if (strncmp(a, "--", 2) == 0 && i + 1 < argc) {
            if (!ly_hub_config_set(cfg, a + 2, argv[++i], err, sizeof err)) {
                fprintf(stderr, "lanyard-hub: %s\n", err);
                return 2;
            }
        } else {
            fprintf(stderr, "lanyard-hub: unexpected argument \"%s\" (see --help)\n", a);
            return 2;
        }
    }
    if (!ly_hub_config_complete(cfg, err, sizeof err)) {
        fprintf(stderr, "lanyard-hub: %s\n", err);
        return 2;
    }
    return 0;
}

static void log_fail(const char *what, const char *err)
{
    struct ly_logline l;
    ly_log_begin(&l, "error", what);
    ly_log_str(&l, "err", err);
    ly_log_end(&l);
}

/* Opens the pool and loads the event. */
static bool open_pool(struct ly_hub *hub, char *err, size_t errsz)
{
    hub->pool = calloc((size_t)hub->cfg.pool + 1, sizeof *hub->pool);
    hub->idle = calloc((size_t)hub->cfg.pool + 1, sizeof *hub->idle);
    if (!hub->pool || !hub->idle)
        return ly_fail(err, errsz, "out of memory");
    /* One more than the pool: the main thread's, for polling the change sequence. */
    for (int i = 0; i <= hub->cfg.pool; i++) {
        if (!ly_store_open(hub->cfg.db, &hub->pool[i], err, errsz))
            return false;
        hub->npool++;
    }
    for (int i = 0; i < hub->cfg.pool; i++)
        hub->idle[hub->nidle++] = hub->pool[i];
    struct ly_store *st = hub->pool[hub->cfg.pool];
    bool found;
    if (!st->ops->event(st, &hub->event, &found, err, errsz))
        return false;
    if (!found)
        return ly_fail(err, errsz,
                       "the database holds no event: create it with `lanyard init` (PostgreSQL: "
                       "`lanyard --db URL load --from HUB.db`)");
    hub->single_writer = st->ops->single_writer;
    /* Counts read local days in the event's zone; set it before any thread starts. */
    return ly_gate_set_timezone(hub->event.timezone, err, errsz);
}

static void close_pool(struct ly_hub *hub)
{
    for (size_t i = 0; i < hub->npool; i++)
        ly_store_close(hub->pool[i]);
    free(hub->pool);
    free(hub->idle);
}

/* The main loop: signals, the change sequence, the watchdog. Returns the signal that ended it. */
static int run(struct ly_hub *hub, const sigset_t *sigs)
{
    struct ly_store *st = hub->pool[hub->cfg.pool];
    uint64_t wd_usec = 0;
    bool watchdog = sd_watchdog_enabled(0, &wd_usec) > 0 && wd_usec > 0;
    int64_t next_wd = 0;
    char err[256];
    int64_t last_err = 0;
    for (;;) {
        struct timespec ts = {.tv_sec = 0, .tv_nsec = LY_HUB_POLL_MS * 1000000L};
        int sig = sigtimedwait(sigs, NULL, &ts);
        if (sig == SIGTERM || sig == SIGINT)
            return sig;
        int64_t seq, now = ly_mono_ms();
        if (st->ops->change_seq(st, &seq, err, sizeof err))
            ly_notify_publish(&hub->notify, seq, false);
        else if (now - last_err > 10000) {
            log_fail("database", err);
            last_err = now;
        }
        if (watchdog && now >= next_wd) {
            sd_notify(0, "WATCHDOG=1");
            next_wd = now + (int64_t)(wd_usec / 2000);
        }
    }
}

/* The pins of the hub's key and of the next one (proto/pin.h), announced to kiosks; a warning
 * at every start when the hub serves plain HTTP beyond loopback. */
static bool hub_pins(struct ly_hub *hub)
{
    char pin[LY_PIN_LEN + 1], err[256];
    struct ly_logline l;
    if (hub->cfg.tls_cert[0] == '\0') {
        if (hub->cfg.insecure_http) {
            ly_log_begin(&l, "warn", "insecure-http");
            ly_log_str(&l, "addr", hub->cfg.host);
            ly_log_str(&l, "why",
                       "plain HTTP beyond loopback: anyone on the network can read "
                       "and change what kiosks receive");
            ly_log_end(&l);
        }
        return true;
    }
    if (!ly_pin_from_file(hub->cfg.tls_cert, pin, err, sizeof err)) {
        log_fail("tls-cert", err);
        return false;
    }
    snprintf(hub->pins, sizeof hub->pins, "%s", pin);
    if (hub->cfg.tls_next_cert[0]) {
        if (!ly_pin_from_file(hub->cfg.tls_next_cert, pin, err, sizeof err)) {
            log_fail("tls-next-cert", err);
            return false;
        }
        if (!ly_pins_has(hub->pins, pin)) {
            size_t n = strlen(hub->pins);
            snprintf(hub->pins + n, sizeof hub->pins - n, ";%s", pin);
        }
    }
    return true;
}

int main(int argc, char **argv)
{
    static struct ly_hub hub; /* large (metrics): not on the stack */
    char err[512];
    int rc = parse_options(argc, argv, &hub.cfg);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (sodium_init() < 0) {
        fprintf(stderr, "lanyard-hub: libsodium failed to initialize\n");
        return 1;
    }
    /* Block the stop signals in every thread; the main loop takes them with sigtimedwait. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGTERM);
    sigaddset(&sigs, SIGINT);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);

    pthread_mutex_init(&hub.pool_mu, NULL);
    pthread_condattr_t ca; /* the pool's waits have monotonic deadlines */
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&hub.pool_cv, &ca);
    pthread_condattr_destroy(&ca);
    pthread_mutex_init(&hub.write_mu, NULL);
    pthread_mutex_init(&hub.counts_mu, NULL);
    pthread_mutex_init(&hub.snap_mu, NULL);
    ly_enroll_limit_init(&hub.enroll_limit);
    hub.snap_fd = -1;
    bool http = false, tmp = false;
    rc = 1;

    if (!hub_pins(&hub))
        goto end;
    const char *shift = getenv("LY_TEST_CLOCK_SHIFT_MS");
    int64_t shift_ms = 0;
    if (shift && shift[0]) {
        if (!ly_num_int(shift, -(INT64_C(1) << 50), INT64_C(1) << 50, &shift_ms)) {
            log_fail("LY_TEST_CLOCK_SHIFT_MS", "not a number of milliseconds");
            goto end;
        }
        ly_hub_set_clock_shift(shift_ms);
        struct ly_logline sl;
        ly_log_begin(&sl, "warn", "test clock");
        ly_log_int(&sl, "shift_ms", shift_ms);
        ly_log_end(&sl);
    }
    const char *tmproot = getenv("TMPDIR");
    snprintf(hub.tmpdir, sizeof hub.tmpdir, "%s/lanyard-hub.XXXXXX",
             tmproot && tmproot[0] ? tmproot : "/tmp");
    if (mkdtemp(hub.tmpdir) == NULL) {
        log_fail("tmpdir", hub.tmpdir);
        goto end;
    }
    tmp = true;
    int64_t seq;
    if (!open_pool(&hub, err, sizeof err) ||
        !hub.pool[hub.cfg.pool]->ops->change_seq(hub.pool[hub.cfg.pool], &seq, err, sizeof err)) {
        log_fail("database", err);
        goto end;
    }
    ly_notify_init(&hub.notify, seq);
    /* The snapshot a fresh kiosk starts from, written before the hub says it is ready (a
     * second for 100,000 registrations); a failure here is logged, and the first request
     * tries again. */
    if (!ly_hub_snapshot_warm(&hub, err, sizeof err))
        log_fail("snapshot", err);
    int port;
    if (!ly_hub_http_start(&hub, &port, err, sizeof err)) {
        log_fail("listen", err);
        ly_notify_destroy(&hub.notify);
        goto end;
    }
    http = true;
    struct ly_logline l;
    ly_log_begin(&l, "info", "listening");
    ly_log_str(&l, "addr", hub.cfg.host);
    ly_log_int(&l, "port", port);
    ly_log_str(&l, "tls", hub.cfg.tls_cert[0] ? "yes" : "no");
    if (hub.pins[0])
        ly_log_str(&l, "pins", hub.pins);
    ly_log_str(&l, "db", hub.pool[0]->ops->name);
    ly_log_str(&l, "event", hub.event.name);
    ly_log_int(&l, "change_seq", seq);
    ly_log_end(&l);
    sd_notifyf(0, "READY=1\nSTATUS=serving on %s:%d", hub.cfg.host, port);

    int sig = run(&hub, &sigs);
    sd_notify(0, "STOPPING=1");
    ly_log_begin(&l, "info", "stopping");
    ly_log_str(&l, "signal", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    ly_log_end(&l);
    rc = 0;
end:
    if (http) {
        ly_hub_http_stop(&hub);
        ly_notify_destroy(&hub.notify);
    }
    close_pool(&hub);
    if (hub.snap_fd >= 0)
        close(hub.snap_fd);
    free(hub.counts_json);
    free(hub.board_json);
    if (tmp)
        rmdir(hub.tmpdir);
    if (rc == 0) {
        ly_log_begin(&l, "info", "stopped");
        ly_log_end(&l);
    }
    return rc;
}
