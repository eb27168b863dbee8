/* kconfig.c - the kiosk's options table and configuration file. See kconfig.h. */
#include "kiosk/kconfig.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/conf.h"
#include "common/fail.h"
#include "common/num.h"
#include "event/vocab.h"
#include "print/printer.h"

#define CFG(member) LY_CONF_FIELD(struct ly_kiosk_config, member)

static const char *const reentry_words[] = {"allowed", "once_per_day", "never", NULL};
static const char *const on_off[] = {"on", "off", NULL};
static const char *const yes_no[] = {"yes", "no", NULL};
static const char *const languages[] = {"en", "fr", "es", "ru", "zh", "ar", NULL};
static const char *const labels[] = {"4x6", "4x3", "62mm", "a6", "80mm", "58mm", NULL};

/* ENUM rows store the index of the word: the words are in the enum's order. */
_Static_assert(LY_REENTRY_ALLOWED == 0 && LY_REENTRY_ONCE_PER_DAY == 1 && LY_REENTRY_NEVER == 2 &&
                   sizeof(enum ly_reentry) == sizeof(int),
               "reentry_words follows enum ly_reentry");

static enum ly_conf_verdict late_entry(const struct ly_conf_option *o, void *cfg, const char *value,
                                       char *err, size_t errsz);
static enum ly_conf_verdict hub_url(const struct ly_conf_option *o, void *cfg, const char *value,
                                    char *err, size_t errsz);
static enum ly_conf_verdict at_time(const struct ly_conf_option *o, void *cfg, const char *value,
                                    char *err, size_t errsz);
static enum ly_conf_verdict pin_hash(const struct ly_conf_option *o, void *cfg, const char *value,
                                     char *err, size_t errsz);
static enum ly_conf_verdict categories(const struct ly_conf_option *o, void *cfg, const char *value,
                                       char *err, size_t errsz);
static enum ly_conf_verdict printer_spec(const struct ly_conf_option *o, void *cfg,
                                         const char *value, char *err, size_t errsz);
static enum ly_conf_verdict duration(const struct ly_conf_option *o, void *cfg, const char *value,
                                     char *err, size_t errsz);

static enum ly_conf_verdict peer_addr(const struct ly_conf_option *o, void *cfg, const char *value,
                                      char *err, size_t errsz);

static const struct ly_conf_option options[] = {
    {"headless", LY_CONF_FLAG, NULL, "no", CFG(headless),
     .help = "run without a screen: print one JSON line per decision on standard output"},
    {"db", LY_CONF_PATH, "PATH", "(required)", CFG(db),
     .help = "the kiosk database, first written by `lanyard kiosk-snapshot`; it is checked at "
             "start and a damaged file is refused"},
    {"gate", LY_CONF_STRING, "GATE", "(from enrollment)", CFG(gate),
     .help = "what this kiosk guards: `entrance`, `exit`, `desk`, `session:ID` (a session's "
             "programme id) or `room:ID` (a room's id or name: the session on in it, or the room "
             "itself); `exit:session:ID` and `exit:room:ID` are the ways out; an enrolled kiosk "
             "has the gate the hub gave it"},
    {"source", LY_CONF_STRING, "SPEC", "(required)", CFG(source),
     .help = "where codes come from: `v4l2:/dev/video0[@WxH]`, `file:PATH`, `dir:PATH[@FPS]`, "
             "`wedge:PATH` or `wedge:stdin`"},
    {"reentry", LY_CONF_ENUM, "POLICY", "allowed", CFG(policy.reentry), .choices = reentry_words,
     .help = "`allowed`, `once_per_day` or `never`: may someone who entered (and left) enter "
             "again; the last two also refuse a badge recorded inside (docs/gates.md)"},
    {"doors-open", LY_CONF_INT, "MINUTES", "30", CFG(policy.doors_open_min), 0, 1440, "minutes",
     .help = "a session's door admits from this many minutes before its start (0 to 1440)"},
    {"late-entry", LY_CONF_INT, "MINUTES", "end", CFG(policy.late_entry_min), 0, 1440, "minutes",
     .check = late_entry,
     .help = "a session's door stops admitting this many minutes after its start (0 to 1440), "
             "or `end`: until the session ends"},
    {"capacity", LY_CONF_BOOL, "on|off", "on", CFG(policy.enforce_capacity), .choices = on_off,
     .help = "deny entry when the session or room is full (its occupancy against its capacity: "
             "docs/gates.md, \"Occupancy\")"},
    {"holdoff", LY_CONF_INT, "MS", "3000", CFG(policy.holdoff_ms), 0, 600000, "ms",
     .help = "the same code seen again within this many milliseconds counts once (0 to 600000); "
             "a badge held in view stays counted once"},
    {"at", LY_CONF_STRING, "DATETIME", "(the clock)", CFG(at), .check = at_time,
     .help = "for rehearsals and tests: the event local time (`YYYY-MM-DDTHH:MM`) at start; the "
             "clock runs on from it"},
    {"language", LY_CONF_WORD, "LANG", "en", CFG(language), .choices = languages,
     .help = "the screen's language when nobody has chosen one and the attendee's is not known: "
             "`en`, `fr`, `es`, `ru`, `zh` or `ar`"},
    {"result-seconds", LY_CONF_INT, "SECONDS", "4", CFG(result_ms), 1, 60, "s", .scale = 1000,
     .help = "how long a result stays on the screen when no other badge comes (1 to 60)"},
    {"locale-dir", LY_CONF_PATH, "PATH", "(beside the program)", CFG(locale_dir),
     .help = "where the screen's translations are (`LANG/LC_MESSAGES/lanyard.mo`); by default "
             "`build/locale` of the source tree the program was built in, else "
             "`/usr/share/locale`"},
    {"font-dir", LY_CONF_PATH, "PATHS", "(none)", CFG(font_dir),
     .help = "`:`-separated folders of fonts to use besides those installed (the screen finds "
             "fonts through fontconfig, by the characters they cover)"},
    {"fonts", LY_CONF_STRING, "FONTS", "(none)", CFG(fonts),
     .help = "`,`-separated font families (`Noto Naskh Arabic`) or font files "
             "(`/opt/fonts/X.ttf`) to draw with before the screen's own choices (Noto Sans, each "
             "script's Noto Sans UI face, Noto Sans CJK SC), for every script they cover"},
    {"staff-pin-hash", LY_CONF_STRING, "HASH", "(none)", CFG(staff_pin_hash), .check = pin_hash,
     .help = "the staff PIN that opens staff mode, as an argon2id hash made by `lanyard-kiosk "
             "--hash-pin`; empty: staff mode does not open by PIN"},
    {"staff-idle-s", LY_CONF_INT, "SECONDS", "60", CFG(staff_idle_s), 10, 3600, "s",
     .help = "staff mode closes after this many seconds without a touch (10 to 3600)"},
    {"staff-categories", LY_CONF_STRING, "CATEGORIES", "staff", CFG(staff_categories),
     .check = categories,
     .help = "registration categories whose badge, shown to the kiosk, opens staff mode (ids "
             "separated by spaces or commas, e.g. `staff host_country`); empty: none"},
    {"printer", LY_CONF_STRING, "SPEC", "(none)", CFG(printer), .check = printer_spec,
     .help = "the badge or slip printer (docs/printing.md): `zpl:tcp:HOST[:PORT]`, "
             "`zpl:dev:PATH`, `ql:tcp:HOST[:PORT]`, `ql:dev:PATH`, `escpos:tcp:HOST[:PORT]`, "
             "`escpos:dev:PATH`, `ipp` or `ipp:QUEUE`; empty: this kiosk prints nothing. A "
             "pickup point (`gate = pickup`) prints badges, a session door slips (when the "
             "organizer turned them on), a badge desk reprints and walk-ins"},
    {"printer-label", LY_CONF_WORD, "SIZE", "4x6", CFG(printer_label), .choices = labels,
     .help = "the media loaded in the printer: `4x6`, `4x3`, `62mm`, `a6`, `80mm` or `58mm`"},
    {"printer-dpi", LY_CONF_INT, "DPI", "0", CFG(printer_dpi), 0, 1200, "dpi",
     .help = "the printer's resolution (0: the usual one of its language)"},
    {"hub", LY_CONF_STRING, "URL", "(from enrollment)", CFG(hub), .check = hub_url,
     .help =
         "the hub to sync with (`https://hub.venue.lan:8443`); given with `--enroll-file PATH` it "
         "is stored in the kiosk database, so later starts need it only to reach the hub at "
         "another address. An enrolled kiosk syncs in the background: it uploads its "
         "check-ins and takes the hub's changes, and keeps deciding when the hub is away"},
    {"output-names", LY_CONF_BOOL, "yes|no", "no", CFG(output_names), .choices = yes_no,
     .help = "write attendees' names (`name`, `name_latin`) in the decision lines of standard "
             "output; off, a line names the attendee by id only, so that the journal of systemd "
             "holds no names (the screen shows them either way)"},
    {"hub-ca", LY_CONF_PATH, "PATH", "(system CAs)", CFG(hub_ca),
     .help = "a CA certificate (PEM) that signed the hub's TLS certificate, for a hub with a "
             "private CA; stored at enrollment. The hub's certificate is always verified"},
    {"insecure-http", LY_CONF_FLAG, NULL, "no", CFG(insecure_http),
     .help = "allow a hub channel that is not pinned: plain `http://` to an address that is not "
             "loopback, or `https://` enrolled without a pin. Anyone on the network can then read "
             "the kiosk's token and change what the hub says (new keys are still checked against "
             "the event's root keys, and a revocation wipes nothing: it is only reported). "
             "Said in the log at every start; docs/security.md"},
    {"lock-after", LY_CONF_INT, "DURATION", "off", CFG(lock_after_min), 1, 20160, "minutes",
     .check = duration,
     .help = "an enrolled kiosk whose hub has not answered for this long (`30m`, `6h`, `2d`, "
             "at most 14 days) locks itself: it decides nothing and shows that it is locked until "
             "the hub answers again or staff unlock it with the staff PIN (docs/security.md); "
             "`off`: never"},
    {"peer-listen", LY_CONF_STRING, "HOST:PORT", "(none)", CFG(peer_listen), .check = peer_addr,
     .help = "exchange check-ins directly with the event's other kiosks (docs/sync-protocol.md, "
             "\"Peer exchange\"), listening on this numeric address (`10.0.0.21:7411`; port 0: "
             "any free one), so that re-entry and capacity hold across doors while the hub is "
             "away. An enrolled kiosk with a certified key only; the hub lists it to the others"},
    {"peer-advertise", LY_CONF_STRING, "HOST:PORT", "(the bound address)", CFG(peer_advertise),
     .check = peer_addr,
     .help = "the address the other kiosks reach this one at, when it is not the one it binds "
             "(`0.0.0.0:7411` behind `kiosk-3.venue.lan:7411`)"},
};

#define N_OPTIONS (sizeof options / sizeof options[0])

void ly_kconfig_defaults(struct ly_kiosk_config *cfg)
{
    char err[256];
    memset(cfg, 0, sizeof *cfg);
    if (!ly_conf_defaults(options, N_OPTIONS, cfg, err, sizeof err)) {
        fprintf(stderr, "kconfig: a default of the options table is refused: %s\n", err);
        abort(); /* a mistake in the table above, caught by test_kconfig */
    }
}

bool ly_kconfig_takes_value(const char *name)
{
    const struct ly_conf_option *o = ly_conf_find(options, N_OPTIONS, name);
    return o && o->arg;
}

static enum ly_conf_verdict late_entry(const struct ly_conf_option *o, void *cfg, const char *value,
                                       char *err, size_t errsz)
{
    (void)err;
    (void)errsz;
    if (strcmp(value, "end") != 0)
        return LY_CONF_PASS;
    *(int *)ly_conf_field(o, cfg) = -1;
    return LY_CONF_DONE;
}

/* "off", or a number of minutes with m, h or d after it (the row's range is in minutes). */
static enum ly_conf_verdict duration(const struct ly_conf_option *o, void *cfg, const char *value,
                                     char *err, size_t errsz)
{
    static const struct {
        char unit;
        int64_t minutes;
    } units[] = {{'m', 1}, {'h', 60}, {'d', 1440}};
    char digits[16];
    size_t len = strlen(value);
    int64_t n = 0;
    if (strcmp(value, "off") == 0) {
        *(int *)ly_conf_field(o, cfg) = 0;
        return LY_CONF_DONE;
    }
    for (size_t i = 0; len >= 2 && len < sizeof digits && i < sizeof units / sizeof units[0]; i++) {
        if (value[len - 1] != units[i].unit)
            continue;
        memcpy(digits, value, len - 1);
        digits[len - 1] = '\0';
        if (!ly_num_int(digits, 1, o->max, &n) || n * units[i].minutes > o->max)
            break;
        *(int *)ly_conf_field(o, cfg) = (int)(n * units[i].minutes);
        return LY_CONF_DONE;
    }
    ly_fail(err, errsz, "%s must be off or a duration such as 30m, 6h or 2d (at most 14 days)",
            o->name);
    return LY_CONF_BAD;
}

static enum ly_conf_verdict hub_url(const struct ly_conf_option *o, void *cfg, const char *value,
                                    char *err, size_t errsz)
{
    (void)cfg;
    if (strncmp(value, "https://", 8) != 0 && strncmp(value, "http://", 7) != 0) {
        ly_fail(err, errsz, "%s must start with https:// or http://", o->name);
        return LY_CONF_BAD;
    }
    return LY_CONF_PASS;
}

/* HOST:PORT: printable ASCII without spaces, a colon before a port of 0 to 65535. */
static enum ly_conf_verdict peer_addr(const struct ly_conf_option *o, void *cfg, const char *value,
                                      char *err, size_t errsz)
{
    const char *colon = strrchr(value, ':');
    int64_t port;
    (void)cfg;
    for (const char *c = value; *c; c++) {
        if (*c <= ' ' || *c > '~') {
            ly_fail(err, errsz, "%s must be HOST:PORT in printable ASCII", o->name);
            return LY_CONF_BAD;
        }
    }
    if (!colon || colon == value || strlen(value) > LY_PEER_ADDR_MAX ||
        !ly_num_int(colon + 1, 0, 65535, &port)) {
        ly_fail(err, errsz, "%s must be HOST:PORT (at most %d bytes), not \"%.40s\"", o->name,
                LY_PEER_ADDR_MAX, value);
        return LY_CONF_BAD;
    }
    return LY_CONF_PASS;
}

/* Stored as YYYY-MM-DDTHH:MM, whichever separator was given. */
static enum ly_conf_verdict at_time(const struct ly_conf_option *o, void *cfg, const char *value,
                                    char *err, size_t errsz)
{
    int64_t minutes;
    if (!ly_num_datetime(value, &minutes)) {
        ly_fail(err, errsz, "%s must be YYYY-MM-DDTHH:MM, not \"%.40s\"", o->name, value);
        return LY_CONF_BAD;
    }
    ly_num_format_datetime(minutes, ly_conf_field(o, cfg));
    return LY_CONF_DONE;
}

/* An argon2id string as crypto_pwhash_str writes it, or "" for none. */
static enum ly_conf_verdict pin_hash(const struct ly_conf_option *o, void *cfg, const char *value,
                                     char *err, size_t errsz)
{
    size_t n = strlen(value);
    if (n > 0 && (strncmp(value, "$argon2id$", 10) != 0 || n >= o->size)) {
        ly_fail(err, errsz,
                "%s must be an argon2id hash (\"$argon2id$...\", made by lanyard-kiosk "
                "--hash-pin) or empty",
                o->name);
        return LY_CONF_BAD;
    }
    for (size_t i = 0; i < n; i++) {
        if (value[i] <= ' ' || value[i] > '~') {
            ly_fail(err, errsz, "%s: a hash is printable ASCII without spaces", o->name);
            return LY_CONF_BAD;
        }
    }
    memcpy(ly_conf_field(o, cfg), value, n + 1);
    return LY_CONF_DONE;
}

/* Registration category ids (or labels), separated by spaces or commas, stored as ids separated
 * by single spaces. */
static enum ly_conf_verdict categories(const struct ly_conf_option *o, void *cfg, const char *value,
                                       char *err, size_t errsz)
{
    char ids[sizeof((struct ly_kiosk_config *)0)->staff_categories] = "";
    size_t used = 0;
    for (const char *p = value + strspn(value, " ,"); *p;) {
        size_t w = strcspn(p, " ,");
        char word[LY_LABEL_MAX + 1];
        const struct ly_vocab_entry *e = NULL;
        if (w <= LY_LABEL_MAX) {
            memcpy(word, p, w);
            word[w] = '\0';
            e = ly_vocab_find(LY_VOCAB_CATEGORY, word);
        }
        if (!e) {
            ly_fail(err, errsz, "%s: \"%.*s\" is not a registration category", o->name,
                    (int)(w < 40 ? w : 40), p);
            return LY_CONF_BAD;
        }
        int k = snprintf(ids + used, sizeof ids - used, "%s%s", used ? " " : "", e->id);
        if (k < 0 || (size_t)k >= sizeof ids - used) {
            ly_fail(err, errsz, "%s: too many categories", o->name);
            return LY_CONF_BAD;
        }
        used += (size_t)k;
        p += w;
        p += strspn(p, " ,");
    }
    memcpy(ly_conf_field(o, cfg), ids, used + 1);
    return LY_CONF_DONE;
}

bool ly_kconfig_set(struct ly_kiosk_config *cfg, const char *name, const char *value, char *err,
                    size_t errsz)
{
    return ly_conf_set(options, N_OPTIONS, cfg, name, value, err, errsz);
}

static bool set_option(void *ctx, const char *key, const char *value, char *err, size_t errsz)
{
    return ly_kconfig_set(ctx, key, value, err, errsz);
}

bool ly_kconfig_parse(struct ly_kiosk_config *cfg, const char *name, const char *text, size_t len,
                      char *err, size_t errsz)
{
    return ly_conf_parse(name, text, len, set_option, cfg, err, errsz);
}

bool ly_kconfig_load(struct ly_kiosk_config *cfg, const char *path, char *err, size_t errsz)
{
    return ly_conf_load(path, set_option, cfg, err, errsz);
}

bool ly_kconfig_complete(const struct ly_kiosk_config *cfg, char *err, size_t errsz)
{
    if (cfg->db[0] == '\0')
        return ly_fail(err, errsz, "no kiosk database: set db (--db PATH)");
    if (cfg->gate[0] == '\0')
        return ly_fail(err, errsz, "no gate: set gate (--gate GATE)");
    if (cfg->source[0] == '\0')
        return ly_fail(err, errsz, "no source: set source (--source SPEC)");
    return true;
}

void ly_kconfig_usage(FILE *out)
{
    ly_conf_usage(out, options, N_OPTIONS);
}

void ly_kconfig_markdown(FILE *out)
{
    ly_conf_markdown(out, options, N_OPTIONS);
}

static enum ly_conf_verdict printer_spec(const struct ly_conf_option *o, void *cfg,
                                         const char *value, char *err, size_t errsz)
{
    struct ly_print_spec spec;
    (void)o;
    (void)cfg;
    if (value[0] == '\0')
        return LY_CONF_PASS;
    return ly_print_spec_parse(value, &spec, err, errsz) ? LY_CONF_PASS : LY_CONF_BAD;
}

bool ly_kconfig_staff_category(const struct ly_kiosk_config *cfg, const char *category)
{
    size_t n = strlen(category);
    if (n == 0)
        return false;
    for (const char *p = cfg->staff_categories; *p;) {
        while (*p == ' ' || *p == ',')
            p++;
        size_t len = strcspn(p, " ,");
        if (len == n && strncmp(p, category, n) == 0)
            return true;
        p += len;
    }
    return false;
}
