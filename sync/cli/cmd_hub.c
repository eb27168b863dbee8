/* cmd_hub.c - the organizer's hub commands: `lanyard enroll` (an enrollment code and its QR),
 * `lanyard kiosks` (list, revoke) and `lanyard load` (an organizer
 * database copied into the store). They work through the storage interface (store.h), so they
 * serve either backend. counts and report are in cmd_counts.c, badge revoke|restore on a store
 * in cmd_badge.c, read-token in cmd_read_token.c. */
#include <getopt.h>
#include <inttypes.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "gate/gate_time.h"
#include "common/json.h"
#include "common/num.h"
#include "common/fail.h"
#include "proto/pin.h"
#include "proto/token.h"

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Draws the QR code of text for a terminal with a dark background: two modules per character
 * cell (upper and lower half blocks), light modules and a 2-module quiet zone drawn lit. */
static void print_qr(FILE *f, const char *text)
{
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (qr == NULL)
        return;
    const int quiet = 2, w = qr->width, size = w + 2 * quiet;
    for (int y = 0; y < size; y += 2) {
        for (int x = 0; x < size; x++) {
            bool top = false, bottom = false; /* dark modules */
            int mx = x - quiet, my = y - quiet;
            if (mx >= 0 && mx < w && my >= 0 && my < w)
                top = qr->data[my * w + mx] & 1;
            if (mx >= 0 && mx < w && my + 1 >= 0 && my + 1 < w)
                bottom = qr->data[(my + 1) * w + mx] & 1;
            if (y + 1 >= size)
                bottom = true; /* below the last row: the terminal's own dark */
            fputs(top ? (bottom ? " " : "\u2584") : (bottom ? "\u2580" : "\u2588"), f);
        }
        fputc('\n', f);
    }
    QRcode_free(qr);
}

/* `enroll --replace KIOSK`: the kiosk named KIOSK or with that kiosk_id, and whether another
 * active kiosk has the name the new code gives. */
struct replace_find {
    const char *which, *name;
    struct ly_store_kiosk found, active, any;
    int by_name, by_name_active;
    bool by_uuid, name_taken;
};

static bool find_kiosk(void *ctx, const struct ly_store_kiosk *k)
{
    struct replace_find *f = ctx;
    if (strcmp(k->uuid, f->which) == 0) {
        f->found = *k;
        f->by_uuid = true;
    } else if (strcmp(k->name, f->which) == 0) {
        f->by_name++;
        f->by_name_active += !k->revoked;
        *(k->revoked ? &f->any : &f->active) = *k;
    }
    return true;
}

/* Which kiosk --replace names: by kiosk_id, else the active kiosk of that name, else the only
 * one of that name. Returns false with err. */
static bool replace_target(struct replace_find *f, char *err, size_t errsz)
{
    if (f->by_uuid)
        return true;
    if (f->by_name_active == 1 || (f->by_name_active == 0 && f->by_name == 1)) {
        f->found = f->by_name_active ? f->active : f->any;
        return true;
    }
    if (f->by_name == 0)
        return ly_fail(err, errsz, "no kiosk named \"%s\" or with that kiosk_id", f->which);
    return ly_fail(err, errsz,
                   "several kiosks are named \"%s\": give its kiosk_id (lanyard kiosks --json)",
                   f->which);
}

static bool name_in_use(void *ctx, const struct ly_store_kiosk *k)
{
    struct replace_find *f = ctx;
    if (!k->revoked && strcmp(k->name, f->name) == 0 && strcmp(k->uuid, f->found.uuid) != 0)
        f->name_taken = true;
    return true;
}

/* The pin of --tls-cert, or --pin as given; "" when neither. */
static bool enroll_pin(const char *cert, const char *pin, char out[LY_PINS_TEXT_MAX + 1], char *err,
                       size_t errsz)
{
    out[0] = '\0';
    if (cert && pin)
        return ly_fail(err, errsz, "give --tls-cert or --pin, not both");
    if (cert)
        return ly_pin_from_file(cert, out, err, errsz);
    if (pin && !ly_pins_valid(pin, strlen(pin)))
        return ly_fail(err, errsz,
                       "--pin is sha256//BASE64 (as `lanyard-hub` logs it), up to %d "
                       "separated by ';'",
                       LY_PINS_MAX);
    if (pin)
        snprintf(out, LY_PINS_TEXT_MAX + 1, "%s", pin);
    return true;
}

static int run_enroll(struct ly_store *st, int argc, char **argv)
{
    static const struct option opts[] = {
        {"name", required_argument, NULL, 'n'},
        {"gate", required_argument, NULL, 'g'},
        {"no-qr", no_argument, NULL, 'q'},
        {"tls-cert", required_argument, NULL, 'c'},
        {"pin", required_argument, NULL, 'p'},
        {"replace", required_argument, NULL, 'r'},
        {NULL, 0, NULL, 0},
    };
    const char *name = NULL, *gate = NULL, *cert = NULL, *pin = NULL, *replace = NULL;
    bool qr = true;
    char err[256], pins[LY_PINS_TEXT_MAX + 1];
    struct replace_find f = {0};
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'n')
            name = optarg;
        else if (c == 'g')
            gate = optarg;
        else if (c == 'q')
            qr = false;
        else if (c == 'c')
            cert = optarg;
        else if (c == 'p')
            pin = optarg;
        else if (c == 'r')
            replace = optarg;
        else
            return 2;
    }
    if ((!replace && (!name || !gate)) || optind != argc) {
        fprintf(stderr, "usage: lanyard enroll --db HUB.db --name NAME --gate GATE "
                        "[--tls-cert HUB.pem | --pin sha256//...] [--no-qr]\n"
                        "       lanyard enroll --db HUB.db --replace KIOSK [--name NAME] "
                        "[--gate GATE] [--tls-cert HUB.pem | --pin sha256//...] [--no-qr]\n");
        return 2;
    }
    if (!enroll_pin(cert, pin, pins, err, sizeof err))
        goto fail;
    if (replace) {
        f.which = replace;
        if (!st->ops->foreach_kiosk(st, find_kiosk, &f, err, sizeof err) ||
            !replace_target(&f, err, sizeof err))
            goto fail;
        name = name ? name : f.found.name;
        gate = gate ? gate : f.found.gate;
    }
    if (name[0] == '\0' || strlen(name) > LY_KIOSK_NAME_MAX || gate[0] == '\0' ||
        strlen(gate) > LY_GATE_MAX) {
        fprintf(stderr, "lanyard enroll: the name is 1 to %d bytes, the gate 1 to %d\n",
                LY_KIOSK_NAME_MAX, LY_GATE_MAX);
        return 2;
    }
    bool active = false;
    f.name = name;
    if (replace) {
        if (!st->ops->foreach_kiosk(st, name_in_use, &f, err, sizeof err))
            goto fail;
        active = f.name_taken;
    } else if (!st->ops->kiosk_name_active(st, name, &active, err, sizeof err)) {
        goto fail;
    }
    if (active) {
        fprintf(stderr,
                "lanyard enroll: a kiosk named \"%s\" is enrolled: revoke it first "
                "(lanyard kiosks --revoke \"%s\"), replace it (--replace \"%s\") or choose "
                "another name\n",
                name, name, name);
        return 1;
    }
    char code[LY_ENROLL_CODE_LEN + 1], text[LY_ENROLL_TEXT_MAX + 1];
    uint8_t hash[LY_TOKEN_HASH_LEN];
    ly_enroll_code_new(code);
    int64_t now = now_ms(), expires = now + LY_ENROLL_TTL_S * 1000LL;
    if (!ly_enroll_text_make(code, pins, text, sizeof text)) {
        ly_fail(err, sizeof err, "the enrollment text does not fit");
        goto fail;
    }
    if (!ly_enroll_code_hash(code, hash) ||
        !st->ops->add_enroll_code(st, hash, name, gate, replace ? f.found.uuid : NULL, now, expires,
                                  err, sizeof err))
        goto fail;
    printf("%s\n", text);
    if (qr)
        print_qr(stdout, text);
    time_t t = (time_t)(expires / 1000);
    struct tm tm;
    char when[32];
    localtime_r(&t, &tm);
    strftime(when, sizeof when, "%H:%M", &tm);
    printf("kiosk \"%s\" at gate %s%s%s: give this code to the kiosk before %s (single use; "
           "lanyard-kiosk --enroll-file PATH or --enroll -)%s\n",
           name, gate, replace ? ", replacing kiosk " : "", replace ? f.found.uuid : "", when,
           pins[0] ? "" : "; it pins no TLS key: for a hub on loopback, or --insecure-http");
    return 0;
fail:
    fprintf(stderr, "lanyard enroll: %s\n", err);
    return 1;
}

/* `kiosks --json`: one object a kiosk. */
static const struct ly_field kiosk_fields[] = {
    LY_FIELD(struct ly_store_kiosk, name),
    LY_FIELD(struct ly_store_kiosk, gate),
    LY_FIELD_KEY(struct ly_store_kiosk, uuid, "kiosk_id"),
    LY_FIELD(struct ly_store_kiosk, software),
    LY_FIELD(struct ly_store_kiosk, revoked),
    LY_FIELD(struct ly_store_kiosk, enrolled_ms),
    LY_FIELD(struct ly_store_kiosk, last_contact_ms),
    LY_FIELD(struct ly_store_kiosk, queue),
    LY_FIELD_END,
};

struct list {
    bool json;
    int n;
};

static bool list_kiosk(void *ctx, const struct ly_store_kiosk *k)
{
    struct list *l = ctx;
    if (l->json) {
        int first = 1;
        fputs(l->n ? ",{" : "{", stdout);
        ly_json_fields(stdout, &first, kiosk_fields, k);
        fputc('}', stdout);
    } else {
        char when[32] = "never";
        if (k->last_contact_ms > 0) {
            time_t t = (time_t)(k->last_contact_ms / 1000);
            struct tm tm;
            localtime_r(&t, &tm);
            strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
        }
        printf("%-24s %-20s %-8s %-20s %6" PRId64 "  %s\n", k->name, k->gate,
               k->revoked ? "revoked" : "active", when, k->queue, k->software);
    }
    l->n++;
    return true;
}

static int run_kiosks(struct ly_store *st, int argc, char **argv)
{
    static const struct option opts[] = {
        {"revoke", required_argument, NULL, 'r'},
        {"json", no_argument, NULL, 'j'},
        {NULL, 0, NULL, 0},
    };
    const char *revoke = NULL;
    struct list l = {0};
    char err[256];
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'r')
            revoke = optarg;
        else if (c == 'j')
            l.json = true;
        else
            return 2;
    }
    if (optind != argc) {
        fprintf(stderr, "usage: lanyard kiosks --db HUB.db [--json] [--revoke NAME]\n");
        return 2;
    }
    if (revoke) {
        int n;
        if (!st->ops->revoke_kiosk(st, revoke, now_ms(), &n, err, sizeof err))
            goto fail;
        if (n == 0) {
            fprintf(stderr, "lanyard kiosks: no active kiosk named \"%s\"\n", revoke);
            return 1;
        }
        printf("revoked %d kiosk%s named \"%s\": its token is refused from now on\n", n,
               n == 1 ? "" : "s", revoke);
        return 0;
    }
    if (l.json)
        fputc('[', stdout);
    else
        printf("%-24s %-20s %-8s %-20s %6s  %s\n", "name", "gate", "state", "last contact", "queue",
               "software");
    if (!st->ops->foreach_kiosk(st, list_kiosk, &l, err, sizeof err))
        goto fail;
    if (l.json)
        fputs("]\n", stdout);
    return 0;
fail:
    fprintf(stderr, "lanyard kiosks: %s\n", err);
    return 1;
}

static int run_load(struct ly_store *st, int argc, char **argv)
{
    char err[512];
    if (argc != 3 || strcmp(argv[1], "--from") != 0) {
        fprintf(stderr, "usage: lanyard --db postgresql://... load --from HUB.db\n");
        return 2;
    }
    const char *file = strncmp(argv[2], "sqlite:", 7) == 0 ? argv[2] + 7 : argv[2];
    if (access(file, R_OK) != 0) {
        fprintf(stderr, "lanyard load: cannot read %s\n", file);
        return 1;
    }
    struct ly_hubdb *src;
    struct ly_store_loaded n;
    if (!ly_hubdb_open(file, &src, err, sizeof err)) {
        fprintf(stderr, "lanyard load: %s\n", err);
        return 1;
    }
    bool ok = st->ops->load(st, src, &n, err, sizeof err);
    ly_hubdb_close(src);
    if (!ok) {
        fprintf(stderr, "lanyard load: %s\n", err);
        return 1;
    }
    printf("%s event: %" PRId64 " registrations, %" PRId64 " rooms, %" PRId64 " sessions, %" PRId64
           " keys; %" PRId64 " rows written\n",
           n.created ? "loaded a new" : "updated the", n.registrations, n.rooms, n.sessions, n.keys,
           n.changed);
    return 0;
}

const struct ly_cmd_entry ly_cmd_enroll = {
    .name = "enroll",
    .usage = "enroll --name NAME --gate GATE [--no-qr]",
    .help = "a single-use enrollment code for a kiosk (line 1), its QR code, its expiry",
    .run_store = run_enroll,
};

const struct ly_cmd_entry ly_cmd_kiosks = {
    .name = "kiosks",
    .usage = "kiosks [--json] [--revoke NAME]",
    .help = "list enrolled kiosks, or revoke one",
    .run_store = run_kiosks,
};

const struct ly_cmd_entry ly_cmd_load = {
    .name = "load",
    .usage = "load --from HUB.db",
    .help = "copy an organizer database's event (keys, rooms, sessions, registrations,\n"
            "rules) into the PostgreSQL database of --db postgresql://...; run it again\n"
            "after changes to bring the hubs up to date",
    .run_store = run_load,
};
