/* cmd_counts.c - `lanyard counts` (live counts from the store, or from a running hub with
 * --hub URL --token T [--hub-ca CA], through the sync client's http.h) and `lanyard report` (the
 * statistics report, Markdown or CSV). */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "client/http.h"
#include "common/fail.h"
#include "common/jsonr.h"
#include "counts/counts.h"
#include "gate/gate.h"

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Loads the counts from the store, in the event's time zone. */
static bool store_counts(struct ly_store *st, struct ly_counts **out, char *err, size_t errsz)
{
    struct ly_event ev;
    bool found;
    if (!st->ops->event(st, &ev, &found, err, errsz))
        return false;
    if (found && !ly_gate_set_timezone(ev.timezone, err, errsz))
        return false;
    if (!st->ops->counts(st, now_ms(), out, err, errsz))
        return false;
    ly_counts_local_time(*out);
    return true;
}

/* Reads a running hub's counts (GET /api/v1/counts) through the kiosks' HTTP client: the same
 * timeouts, bounds and TLS verification, with the hub's private CA in ca (NULL: the system's). */
static bool hub_counts(const char *url, const char *token, const char *ca, struct ly_counts **out,
                       char *err, size_t errsz)
{
    char base[LY_HTTP_URL_MAX + 1];
    size_t n = strlen(url);
    if (n > 1 && url[n - 1] == '/')
        n--; /* "https://hub:8443/" names the hub as well */
    if (n > LY_HTTP_URL_MAX)
        return ly_fail(err, errsz, "the hub URL must be 1 to %d bytes", LY_HTTP_URL_MAX);
    memcpy(base, url, n);
    base[n] = '\0';
    struct ly_http_target t = {.url = base, .token = token, .ca_file = ca};
    struct ly_http *h;
    if (!ly_http_new(&h, err, errsz))
        return false;
    bool ok = ly_http_setup(h, &t, "GET", "/api/v1/counts", NULL, 0, 0, 0, NULL, err, errsz) &&
              ly_http_perform(h, err, errsz);
    if (!ok && (ca == NULL || ca[0] == '\0') && strstr(err, "certificate")) {
        size_t used = strlen(err);
        snprintf(err + used, errsz - used, "; a hub with a private CA needs --hub-ca CA.pem");
    }
    size_t len;
    const char *body = ok ? ly_http_body(h, &len) : NULL;
    long status = ok ? ly_http_status(h) : 0;
    if (ok && status != 200) {
        struct ly_jsonr *doc = ly_jsonr_parse(body, len, NULL, 0);
        const char *code = doc ? ly_jsonr_get_str(ly_jsonr_root(doc), "error", 64) : NULL;
        const char *msg = doc ? ly_jsonr_get_str(ly_jsonr_root(doc), "message", 300) : NULL;
        ok = ly_fail(err, errsz, "the hub answered %ld %s%s%s", status, code ? code : "",
                     msg ? ": " : "", msg ? msg : "");
        ly_jsonr_free(doc);
    } else if (ok) {
        ok = ly_counts_parse(body, len, out, err, errsz);
    }
    ly_http_free(h);
    return ok;
}

static int run_counts(struct ly_store *st, int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'},
        {"hub", required_argument, NULL, 'u'},
        {"token", required_argument, NULL, 't'},
        {"hub-ca", required_argument, NULL, 'c'},
        {NULL, 0, NULL, 0},
    };
    const char *hub = NULL, *token = getenv("LANYARD_TOKEN"), *ca = NULL;
    bool json = false;
    char err[512];
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'j')
            json = true;
        else if (c == 'u')
            hub = optarg;
        else if (c == 't')
            token = optarg;
        else if (c == 'c')
            ca = optarg;
        else
            return 2;
    }
    if (optind != argc || (st == NULL && hub == NULL) || (st != NULL && hub != NULL) ||
        (ca && !hub)) {
        fprintf(stderr, "usage: lanyard counts (--db HUB.db | --hub URL --token TOKEN "
                        "[--hub-ca CA.pem]) [--json]\n");
        return 2;
    }
    struct ly_counts *counts = NULL;
    bool ok;
    if (hub) {
        if (token == NULL) {
            fprintf(stderr, "lanyard counts: --hub needs --token (or LANYARD_TOKEN)\n");
            return 2;
        }
        ok = hub_counts(hub, token, ca, &counts, err, sizeof err);
    } else {
        ok = store_counts(st, &counts, err, sizeof err);
    }
    if (!ok) {
        fprintf(stderr, "lanyard counts: %s\n", err);
        return 1;
    }
    if (json) {
        ly_counts_json(stdout, counts);
        fputc('\n', stdout);
    } else {
        ly_counts_text(stdout, counts);
    }
    ly_counts_free(counts);
    return 0;
}

static int run_report(struct ly_store *st, int argc, char **argv)
{
    const char *out = NULL;
    bool csv = false;
    char err[512];
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 && i + 1 < argc) {
            out = argv[++i];
        } else if (strcmp(argv[i], "--csv") == 0) {
            csv = true;
        } else {
            out = NULL;
            break;
        }
    }
    if (out == NULL || st == NULL) {
        fprintf(stderr, "usage: lanyard report --db HUB.db --out FILE [--csv]\n"
                        "(FILE ending in .csv writes CSV; anything else Markdown)\n");
        return 2;
    }
    size_t len = strlen(out);
    if (len > 4 && strcmp(out + len - 4, ".csv") == 0)
        csv = true;
    struct ly_counts *counts;
    if (!store_counts(st, &counts, err, sizeof err)) {
        fprintf(stderr, "lanyard report: %s\n", err);
        return 1;
    }
    FILE *f = fopen(out, "w");
    if (f == NULL) {
        perror(out);
        ly_counts_free(counts);
        return 1;
    }
    ly_counts_report(f, counts, csv);
    bool ok = fclose(f) == 0;
    printf("%s: %" PRId64 " onsite participants from %" PRId64 " countries\n", out,
           counts->onsite_unique, counts->countries);
    ly_counts_free(counts);
    return ok ? 0 : 1;
}

const struct ly_cmd_entry ly_cmd_counts = {
    .name = "counts",
    .usage = "counts [--json] [--hub URL --token TOKEN [--hub-ca CA.pem]]",
    .help = "live counts from the database or a running hub: onsite, inside, countries,\n"
            "places, breakdowns, kiosks",
    .run_store = run_counts,
    .remote = true,
};

const struct ly_cmd_entry ly_cmd_report = {
    .name = "report",
    .usage = "report --out FILE.md|FILE.csv",
    .help = "the event statistics report",
    .run_store = run_report,
};
