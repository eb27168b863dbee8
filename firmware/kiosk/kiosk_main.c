/* kiosk_main.c - bin/lanyard-kiosk: the kiosk with a screen (ui.h) or headless (--headless),
 * both with a database, a gate and a source; enrollment with a hub (--hub URL --enroll CODE),
 * one sync round (--sync-once), --hash-pin for the staff PIN, and --scan FILE... to decode image
 * files with the camera's scanner pipeline. The kiosk's settings come from one table
 * (kconfig.h): flags, configuration file and help. */
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "client/client.h"
#include "client/enroll.h"
#include "client/kiosk_sync.h"
#include "capture/frame.h"
#include "kiosk/headless.h"
#include "kiosk/kdesk.h"
#include "common/json.h"
#include "kiosk/kconfig.h"
#include "kiosk/loop.h"
#include "common/num.h"
#include "event/country.h"
#include "scan/scanner.h"
#include "shell/ui.h"
#include "kiosk/staffpin.h"

/* --sync-once and the first sync after enrolling: long enough for a snapshot of a large event
 * on a slow network, bounded so that a script does not hang. */
#define SYNC_ONCE_MS 120000

enum kiosk_mode {
    MODE_KIOSK,
    MODE_HELP,
    MODE_MARKDOWN,
    MODE_SCAN,
    MODE_HASH_PIN,
    MODE_SYNC_ONCE,
    MODE_DESK,
};

/* How long a badge desk command waits for the printer's answer. */
#define DESK_WAIT_MS 60000

struct kiosk_options {
    enum kiosk_mode mode;
    struct ly_kiosk_config cfg;
    char **files; /* --scan: the files, pointing into argv */
    int nfiles;
    struct ly_ui_options ui;
    const char *enroll;      /* --enroll CODE, pointing into argv ("-": standard input) */
    const char *enroll_file; /* --enroll-file PATH */
    struct ly_kdesk_args desk;
};

static void usage(FILE *out)
{
    fprintf(out, "usage: lanyard-kiosk [--config FILE] [--OPTION VALUE]... [--size WxH]\n"
                 "                     [--screenshot DIR] [--events FILE]\n"
                 "       lanyard-kiosk --headless [--config FILE] [--OPTION VALUE]...\n"
                 "       lanyard-kiosk --db KIOSK.db --hub URL --enroll-file PATH|--enroll - "
                 "[--source SPEC ...]\n"
                 "       lanyard-kiosk --db KIOSK.db --sync-once\n"
                 "       lanyard-kiosk --db KIOSK.db [--printer SPEC] --reprint ID --staff NAME "
                 "--reason WHY\n"
                 "       lanyard-kiosk --db KIOSK.db [--printer SPEC] --walk-in NAME --country C "
                 "--stakeholder S --category C [--affiliation A] --staff NAME\n"
                 "       lanyard-kiosk --db KIOSK.db [--printer SPEC] --print-jobs | "
                 "--print-retry JOB\n"
                 "       lanyard-kiosk --scan FILE...\n"
                 "       lanyard-kiosk --hash-pin < PIN\n\n"
                 "Kiosk options (flags, or NAME = VALUE lines in the --config file; flags win):\n");
    ly_kconfig_usage(out);
    fprintf(out,
            "\nOther options:\n"
            "  --config FILE\n      read options from FILE first\n"
            "  --enroll-file PATH, --enroll -\n      join the hub given by --hub with the "
            "enrollment code (made by `lanyard enroll`) on the first line of PATH, or of standard "
            "input: the kiosk pins the hub's TLS key the code carries, keeps the hub, its token, "
            "its name, its gate and the event's root keys in its database, loads the hub's data, "
            "then starts when --headless is given; later starts need only --db\n"
            "  --enroll CODE\n      the same with the code on the command line, where other "
            "users of the machine can read it (/proc/PID/cmdline): kept for old scripts, with a "
            "warning\n"
            "  --sync-once\n      one round with the hub: take every change, upload every "
            "unsent check-in, print the status as one JSON line; exit 0 only when nothing is "
            "left unsent, 1 otherwise (the reason on standard error)\n"
            "  --reprint ID --staff NAME --reason WHY\n      the badge desk: reprint attendee "
            "ID's badge with a new version (the old badge is refused at every kiosk after one "
            "sync), journaled with NAME and WHY, and print it\n"
            "  --walk-in NAME --country C --stakeholder S --category C [--affiliation A] --staff "
            "NAME\n      the badge desk: register a walk-in with an id of this kiosk's range, "
            "sign the badge with the kiosk's key, journal it (the hub learns it at the next "
            "sync) and print it\n"
            "  --print-jobs\n      list the print jobs not printed (queued, sent, held, failed) "
            "as JSON lines\n"
            "  --print-retry JOB\n      print a held or failed job again (staff decide: a held "
            "job may have printed)\n"
            "  --scan FILE...\n      decode the QR codes in image files (PNG, PGM P5, JPEG when "
            "built in) and print one line per code, PATH<TAB>PAYLOAD, or PATH<TAB>- when a file "
            "holds none; exit 1 if a file could not be read. Payload bytes outside printable "
            "ASCII, and backslash, are written as \\xNN\n"
            "  --size WxH\n      a window of this size instead of the full screen\n"
            "  --screenshot DIR\n      save a PNG of every screen presented into DIR\n"
            "  --events FILE\n      scripted touches and keys, one command per line, from a file "
            "or FIFO (docs/kiosk.md)\n"
            "  --hash-pin\n      read a staff PIN (4 to 12 digits) from one line of standard "
            "input and print the staff-pin-hash line for the configuration file; exit 2 if it is "
            "not a PIN\n"
            "  --help-markdown\n      print the kiosk options as a Markdown table\n"
            "  --help\n      print this help\n\n"
            "Each decision is one JSON line on standard output, written after it is journaled "
            "(with a screen, also one line per screen presented); SIGTERM or SIGINT stops the "
            "kiosk cleanly.\n");
}

/* Parses "WxH" within the sizes a kiosk screen can have. */
static bool parse_size(const char *v, int *w, int *h)
{
    char buf[24];
    int64_t a, b;
    const char *x = strchr(v, 'x');
    if (!x || (size_t)(x - v) >= sizeof buf || strlen(x + 1) >= sizeof buf)
        return false;
    memcpy(buf, v, (size_t)(x - v));
    buf[x - v] = '\0';
    if (!ly_num_int(buf, 320, 7680, &a) || !ly_num_int(x + 1, 240, 4320, &b))
        return false;
    *w = (int)a;
    *h = (int)b;
    return true;
}

enum desk_parse { DESK_NOT_MINE, DESK_TAKEN };

/* The badge desk's options (kdesk.h): takes argv[*i] and its value when it is one of them; err
 * is set ("" otherwise) when the value is missing or bad. */
static enum desk_parse desk_option(struct kiosk_options *opts, int argc, char **argv, int *i,
                                   char *err, size_t errsz)
{
    static const char *const names[] = {"--reprint", "--print-retry", "--staff",
                                        "--reason",  "--walk-in",     "--affiliation",
                                        "--country", "--stakeholder", "--category"};
    struct ly_kdesk_args *d = &opts->desk;
    const char *a = argv[*i];
    size_t k = 0;
    int64_t v;
    err[0] = '\0';
    while (k < sizeof names / sizeof names[0] && strcmp(a, names[k]) != 0)
        k++;
    if (k == sizeof names / sizeof names[0])
        return DESK_NOT_MINE;
    if (*i + 1 >= argc) {
        snprintf(err, errsz, "%s needs a value", a);
        return DESK_TAKEN;
    }
    const char *val = argv[++*i];
    struct ly_walkin *w = &d->walkin;
    opts->mode = MODE_DESK;
    d->wait_ms = DESK_WAIT_MS;
    switch (k) {
    case 0:
    case 1:
        if (!ly_num_int(val, 1, k == 0 ? UINT32_MAX : INT64_MAX, &v)) {
            snprintf(err, errsz, "%s needs a number, not \"%.40s\"", a, val);
            break;
        }
        d->action = k == 0 ? LY_KDESK_REPRINT : LY_KDESK_RETRY;
        d->attendee = k == 0 ? (uint32_t)v : 0;
        d->job = k == 1 ? v : 0;
        break;
    case 2:
        d->staff = val;
        break;
    case 3:
        d->reason = val;
        break;
    default: {
        char *dst[] = {w->name, w->affiliation, w->country, w->stakeholder, w->category};
        size_t size[] = {sizeof w->name, sizeof w->affiliation, sizeof w->country,
                         sizeof w->stakeholder, sizeof w->category};
        /* a country name is longer than its code: room for the longest name */
        char country[64];
        bool is_country = k == 6;
        size_t room = is_country ? sizeof country : size[k - 4];
        if (strlen(val) >= room) {
            snprintf(err, errsz, "%s is longer than %zu bytes", a, room - 1);
            break;
        }
        if (k == 4)
            d->action = LY_KDESK_WALKIN;
        if (is_country) {
            snprintf(country, sizeof country, "%s", val);
            const struct ly_country *c = ly_country_find(country);
            if (c == NULL) {
                snprintf(err, errsz, "unknown country \"%.40s\"", val);
                break;
            }
            snprintf(w->country, sizeof w->country, "%s", c->alpha2);
        } else {
            snprintf(dst[k - 4], size[k - 4], "%s", val);
        }
    }
    }
    return DESK_TAKEN;
}

/* Parses argv into *opts: --config first, then the flags over it. Returns false with a message
 * in err on a usage error. */
static bool parse_options(int argc, char **argv, struct kiosk_options *opts, char *err,
                          size_t errsz)
{
    memset(opts, 0, sizeof(*opts));
    opts->mode = MODE_KIOSK;
    ly_kconfig_defaults(&opts->cfg);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--config") == 0) {
            if (i + 1 >= argc) {
                snprintf(err, errsz, "--config needs a FILE");
                return false;
            }
            if (!ly_kconfig_load(&opts->cfg, argv[++i], err, errsz))
                return false;
        }
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--config") == 0) {
            i++;
        } else if (strcmp(a, "--help") == 0) {
            opts->mode = MODE_HELP;
            return true;
        } else if (strcmp(a, "--help-markdown") == 0) {
            opts->mode = MODE_MARKDOWN;
            return true;
        } else if (strcmp(a, "--hash-pin") == 0) {
            opts->mode = MODE_HASH_PIN;
            return true;
        } else if (strcmp(a, "--enroll") == 0 || strcmp(a, "--enroll-file") == 0) {
            if (i + 1 >= argc) {
                snprintf(err, errsz, "%s needs a value", a);
                return false;
            }
            if (a[8] == '-')
                opts->enroll_file = argv[++i];
            else
                opts->enroll = argv[++i];
        } else if (strcmp(a, "--sync-once") == 0) {
            opts->mode = MODE_SYNC_ONCE;
        } else if (strcmp(a, "--print-jobs") == 0) {
            opts->mode = MODE_DESK;
            opts->desk.action = LY_KDESK_JOBS;
        } else if (desk_option(opts, argc, argv, &i, err, errsz) != DESK_NOT_MINE) {
            if (err[0])
                return false;
        } else if (strcmp(a, "--scan") == 0) {
            opts->mode = MODE_SCAN;
            opts->files = argv + i + 1;
            opts->nfiles = argc - i - 1;
            if (opts->nfiles == 0) {
                snprintf(err, errsz, "--scan needs at least one FILE");
                return false;
            }
            return true;
        } else if (strcmp(a, "--screenshot") == 0 || strcmp(a, "--events") == 0 ||
                   strcmp(a, "--size") == 0) {
            if (i + 1 >= argc) {
                snprintf(err, errsz, "%s needs a value", a);
                return false;
            }
            const char *v = argv[++i];
            if (strcmp(a, "--screenshot") == 0) {
                opts->ui.screenshot_dir = v;
            } else if (strcmp(a, "--events") == 0) {
                opts->ui.events_path = v;
            } else if (!parse_size(v, &opts->ui.width, &opts->ui.height)) {
                snprintf(err, errsz, "--size is WxH (320x240 to 7680x4320), not \"%.40s\"", v);
                return false;
            }
        } else if (strncmp(a, "--", 2) == 0) {
            bool takes = ly_kconfig_takes_value(a + 2);
            if (takes && i + 1 >= argc) {
                snprintf(err, errsz, "%.60s needs a value", a);
                return false;
            }
            if (!ly_kconfig_set(&opts->cfg, a + 2, takes ? argv[++i] : NULL, err, errsz))
                return false;
        } else {
            snprintf(err, errsz, "unexpected argument \"%.60s\"", a);
            return false;
        }
    }
    if (opts->enroll && strcmp(opts->enroll, "-") == 0) {
        opts->enroll_file = opts->enroll;
        opts->enroll = NULL;
    }
    if (opts->enroll && opts->enroll_file) {
        snprintf(err, errsz, "give one of --enroll and --enroll-file");
        return false;
    }
    if ((opts->enroll || opts->enroll_file) &&
        (opts->cfg.db[0] == '\0' || opts->cfg.hub[0] == '\0')) {
        snprintf(err, errsz, "--enroll needs --db KIOSK.db and --hub URL");
        return false;
    }
    if (opts->mode == MODE_DESK && opts->cfg.db[0] == '\0') {
        snprintf(err, errsz, "the badge desk needs --db KIOSK.db");
        return false;
    }
    if (opts->mode == MODE_SYNC_ONCE && opts->cfg.db[0] == '\0') {
        snprintf(err, errsz, "--sync-once needs --db KIOSK.db");
        return false;
    }
    return true;
}

/* Runs one sync round and prints the status as one JSON line; returns the exit status. */
static int sync_once(const struct ly_kiosk_config *cfg, FILE *out)
{
    struct ly_sync_config sc = {.db = cfg->db,
                                .hub_url = cfg->hub,
                                .hub_ca = cfg->hub_ca,
                                .insecure_http = cfg->insecure_http,
                                .log = true};
    struct ly_sync *s = NULL;
    struct ly_sync_status st = {0};
    char err[512] = "";
    bool ok = ly_sync_init(&sc, &s, err, sizeof err) &&
              ly_sync_once(s, SYNC_ONCE_MS, &st, err, sizeof err);
    int first = 1;
    fputc('{', out);
    ly_json_kv_str(out, &first, "state", s ? ly_sync_state_name(st.state) : "not_enrolled");
    ly_json_kv_int(out, &first, "cursor", st.cursor);
    ly_json_kv_int(out, &first, "uploaded", st.uploaded);
    ly_json_kv_int(out, &first, "unsent", st.unsent);
    ly_json_kv_str(out, &first, "error", ok ? "" : err);
    fputs("}\n", out);
    fflush(out);
    if (!ok)
        fprintf(stderr, "lanyard-kiosk: sync: %s\n", err);
    ly_sync_destroy(s);
    return ok ? 0 : 1;
}

/* Enrolls the kiosk (false when that failed), then loads the hub's data (*rc: the status of
 * that round). */
static bool enroll(const struct ly_kiosk_config *cfg, const struct kiosk_options *opts, int *rc)
{
    struct ly_wire_enrollment e;
    char err[512], text[LY_ENROLL_TEXT_MAX + 1];
    *rc = 1;
    if (opts->enroll) {
        fprintf(stderr, "lanyard-kiosk: WARNING: --enroll CODE puts the enrollment code where "
                        "other users of this machine can read it (/proc/PID/cmdline); use "
                        "--enroll-file PATH or --enroll - (standard input)\n");
        snprintf(text, sizeof text, "%s", opts->enroll);
    } else if (!ly_enroll_read_text(opts->enroll_file, text, sizeof text, err, sizeof err)) {
        fprintf(stderr, "lanyard-kiosk: %s\n", err);
        *rc = 2;
        return false;
    }
    struct ly_enroll_args args = {.db = cfg->db,
                                  .url = cfg->hub,
                                  .ca_file = cfg->hub_ca,
                                  .text = text,
                                  .insecure_http = cfg->insecure_http};
    bool ok = ly_enroll(&args, &e, err, sizeof err);
    sodium_memzero(text, sizeof text);
    if (!ok) {
        fprintf(stderr, "lanyard-kiosk: %s\n", err);
        return false;
    }
    fprintf(stderr, "lanyard-kiosk: enrolled as \"%s\", gate %s, with the hub at %s\n", e.name,
            e.gate, cfg->hub);
    /* the hub is now stored: the round reads it from the database */
    struct ly_kiosk_config stored = *cfg;
    stored.hub[0] = '\0';
    *rc = sync_once(&stored, stderr);
    return true;
}

/* Writes a payload with anything but printable ASCII escaped, so that one code is one line. */
static void print_payload(const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 || c > 0x7e || c == '\\')
            printf("\\x%02x", c);
        else
            putchar(c);
    }
}

/* Scans each file; returns the exit status (0, or 1 if a file could not be read). */
static int scan_files(char **files, int nfiles)
{
    struct ly_scanner *sc = NULL;
    char err[512];
    int rc = 0;

    if (!ly_scanner_open(&ly_scanner_still, &sc, err, sizeof(err))) {
        fprintf(stderr, "lanyard-kiosk: %s\n", err);
        return 1;
    }
    for (int i = 0; i < nfiles; i++) {
        struct ly_frame f;
        struct ly_scan_result res;
        int printed = 0;
        if (!ly_image_load(files[i], &f, err, sizeof(err))) {
            fprintf(stderr, "lanyard-kiosk: %s\n", err);
            rc = 1;
            continue;
        }
        ly_scanner_reset(sc);
        if (!ly_scanner_scan(sc, &f, &res, err, sizeof(err))) {
            fprintf(stderr, "lanyard-kiosk: %s: %s\n", files[i], err);
            ly_frame_free(&f);
            rc = 1;
            continue;
        }
        for (int k = 0; k < res.count; k++) {
            if (res.codes[k].oversized) {
                fprintf(stderr, "lanyard-kiosk: %s: a code of %zu bytes (over %d) was ignored\n",
                        files[i], res.codes[k].len, LY_BADGE_CODE_MAX);
                continue;
            }
            printf("%s\t", files[i]);
            print_payload(res.codes[k].payload, res.codes[k].len);
            putchar('\n');
            printed++;
        }
        if (printed == 0)
            printf("%s\t-\n", files[i]);
        ly_frame_free(&f);
    }
    ly_scanner_close(sc);
    if (fflush(stdout) != 0)
        rc = 1;
    return rc;
}

/* --hash-pin: reads one line from standard input (without echo on a terminal), prints the
 * configuration line. Returns the exit status: 0, 2 for a line that is not a PIN, 1 when
 * hashing failed. */
static int hash_pin(void)
{
    char line[LY_PIN_DIGITS_MAX + 3], hash[LY_PIN_HASH_MAX], err[256];
    struct termios saved, quiet;
    bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (tty) {
        quiet = saved;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
        fprintf(stderr, "staff PIN: ");
    }
    bool got = fgets(line, sizeof line, stdin) != NULL;
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        fputc('\n', stderr);
    }
    size_t n = got ? strlen(line) : 0;
    bool whole = n > 0 && (line[n - 1] == '\n' || feof(stdin));
    if (n > 0 && line[n - 1] == '\n')
        line[--n] = '\0';
    if (n > 0 && line[n - 1] == '\r')
        line[--n] = '\0';
    if (!whole || !ly_pin_valid(line)) {
        sodium_memzero(line, sizeof line);
        fprintf(stderr, "lanyard-kiosk: a staff PIN is %d to %d digits on one line\n",
                LY_PIN_DIGITS_MIN, LY_PIN_DIGITS_MAX);
        return 2;
    }
    bool ok = ly_pin_hash(line, hash, err, sizeof err);
    sodium_memzero(line, sizeof line);
    if (!ok) {
        fprintf(stderr, "lanyard-kiosk: %s\n", err);
        return 1;
    }
    printf("staff-pin-hash = %s\n", hash);
    return fflush(stdout) == 0 ? 0 : 1;
}

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

/* SIGTERM and SIGINT set a flag the loop reads (no SA_RESTART: a blocking wait returns). */
static void install_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
}

int main(int argc, char **argv)
{
    static struct kiosk_options opts;
    static struct ly_kiosk_sync hub; /* the kiosk loop's sync client */
    char err[512];

    ly_kiosk_sync_init(&hub);
    if (!parse_options(argc, argv, &opts, err, sizeof(err))) {
        fprintf(stderr, "lanyard-kiosk: %s\n", err);
        usage(stderr);
        return 2;
    }
    switch (opts.mode) {
    case MODE_HELP:
        usage(stdout);
        return 0;
    case MODE_MARKDOWN:
        ly_kconfig_markdown(stdout);
        return 0;
    case MODE_SCAN:
        return scan_files(opts.files, opts.nfiles);
    case MODE_HASH_PIN:
        return hash_pin();
    case MODE_SYNC_ONCE:
        return sync_once(&opts.cfg, stdout);
    case MODE_DESK:
        return ly_kdesk_run(&opts.cfg, &opts.desk, stdout);
    case MODE_KIOSK:
        if (opts.enroll || opts.enroll_file) {
            /* a first round that failed leaves the sync thread to try again; without a source
             * the kiosk is only enrolled */
            int rc;
            if (!enroll(&opts.cfg, &opts, &rc) || !opts.cfg.source[0])
                return rc;
            opts.cfg.hub[0] = '\0'; /* stored now */
        }
        if (!opts.cfg.headless) {
            /* Missing settings are a usage error, said before a window opens; the gate may
             * come from the enrollment stored in the database. */
            if (!ly_loop_check_config(&opts.cfg, err, sizeof(err))) {
                fprintf(stderr, "lanyard-kiosk: %s\n", err);
                usage(stderr);
                return 2;
            }
            /* SDL turns signals into SDL_QUIT */
            return ly_ui_run(&opts.cfg, &opts.ui, &hub.link, stdout);
        }
        install_handlers();
        return ly_headless_run(&opts.cfg, &hub.link, &stop_requested, stdout);
    }
    return 2;
}
