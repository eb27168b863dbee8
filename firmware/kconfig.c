/* kconfig.c - the kiosk's options table and configuration file. See kconfig.h. */
#include "kconfig.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "fail.h"
#include "num.h"
#include "utf8.h"
#include "vocab.h"

enum opt_kind {
    O_FLAG,
    O_PATH,
    O_GATE,
    O_SOURCE,
    O_REENTRY,
    O_MINUTES,
    O_LATE,
    O_ONOFF,
    O_MS,
    O_AT,
    O_LANGUAGE,
    O_RESULT_S,
    O_LOCALE_DIR,
    O_FONT_DIR,
    O_FONTS,
    O_PIN_HASH,
    O_SECONDS,
    O_CATEGORIES,
    O_HUB,
    O_HUB_CA
};

static const struct ly_conf_option options[] = {
    {"headless", NULL, "no", O_FLAG,
     "run without a screen: print one JSON line per decision on standard output"},
    {"db", "PATH", "(required)", O_PATH,
     "the kiosk database, first written by `lanyard kiosk-snapshot`; it is checked at start and "
     "a damaged file is refused"},
    {"gate", "GATE", "(from enrollment)", O_GATE,
     "what this kiosk guards: `entrance`, `exit`, `desk`, `session:ID` (a session's programme "
     "id) or `room:ID` (a room's id or name: the session on in it, or the room itself); "
     "`exit:session:ID` and `exit:room:ID` are the ways out; an enrolled kiosk has the gate the "
     "hub gave it"},
    {"source", "SPEC", "(required)", O_SOURCE,
     "where codes come from: `v4l2:/dev/video0[@WxH]`, `file:PATH`, `dir:PATH[@FPS]`, "
     "`wedge:PATH` or `wedge:stdin`"},
    {"reentry", "POLICY", "allowed", O_REENTRY,
     "`allowed`, `once_per_day` or `never`: may someone who entered (and left) enter again"},
    {"doors-open", "MINUTES", "30", O_MINUTES,
     "a session's door admits from this many minutes before its start (0 to 1440)"},
    {"late-entry", "MINUTES", "end", O_LATE,
     "a session's door stops admitting this many minutes after its start (0 to 1440), or "
     "`end`: until the session ends"},
    {"capacity", "on|off", "on", O_ONOFF,
     "deny entry when the session or room is full (entries minus exits against its capacity)"},
    {"holdoff", "MS", "3000", O_MS,
     "the same code seen again within this many milliseconds counts once (0 to 600000); a badge "
     "held in view stays counted once"},
    {"at", "DATETIME", "(the clock)", O_AT,
     "for rehearsals and tests: the event local time (`YYYY-MM-DDTHH:MM`) at start; the clock "
     "runs on from it"},
    {"language", "LANG", "en", O_LANGUAGE,
     "the screen's language when nobody has chosen one and the attendee's is not known: `en`, "
     "`fr`, `es`, `ru`, `zh` or `ar`"},
    {"result-seconds", "SECONDS", "4", O_RESULT_S,
     "how long a result stays on the screen when no other badge comes (1 to 60)"},
    {"locale-dir", "PATH", "(beside the program)", O_LOCALE_DIR,
     "where the screen's translations are (`LANG/LC_MESSAGES/lanyard.mo`); by default "
     "`build/locale` of the source tree the program was built in, else `/usr/share/locale`"},
    {"font-dir", "PATHS", "(none)", O_FONT_DIR,
     "`:`-separated folders of fonts to use besides those installed (the screen finds fonts "
     "through fontconfig, by the characters they cover)"},
    {"fonts", "FONTS", "(none)", O_FONTS,
     "`,`-separated font families (`Noto Naskh Arabic`) or font files (`/opt/fonts/X.ttf`) "
     "to draw with before the screen's own choices (Noto Sans, each script's Noto Sans UI face, "
     "Noto Sans CJK SC), for every script they cover"},
    {"staff-pin-hash", "HASH", "(none)", O_PIN_HASH,
     "the staff PIN that opens staff mode, as an argon2id hash made by `lanyard-kiosk "
     "--hash-pin`; empty: staff mode does not open by PIN"},
    {"staff-idle-s", "SECONDS", "60", O_SECONDS,
     "staff mode closes after this many seconds without a touch (10 to 3600)"},
    {"staff-categories", "CATEGORIES", "staff", O_CATEGORIES,
     "registration categories whose badge, shown to the kiosk, opens staff mode (ids separated "
     "by spaces or commas, e.g. `staff host_country`); empty: none"},
    {"hub", "URL", "(from enrollment)", O_HUB,
     "the hub to sync with (`https://hub.venue.lan:8443`); given with `--enroll CODE` it is "
     "stored in the kiosk database, so later starts need it only to reach the hub at another "
     "address. An enrolled kiosk syncs in the background: it uploads its check-ins and takes "
     "the hub's changes, and keeps deciding when the hub is away"},
    {"hub-ca", "PATH", "(system CAs)", O_HUB_CA,
     "a CA certificate (PEM) that signed the hub's TLS certificate, for a hub with a private "
     "CA; stored at enrollment. The hub's certificate is always verified"},
};

#define N_OPTIONS (sizeof options / sizeof options[0])

void ly_kconfig_defaults(struct ly_kiosk_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->policy = ly_gate_policy_defaults;
    snprintf(cfg->language, sizeof cfg->language, "en");
    cfg->result_ms = 4000;
    cfg->staff_idle_s = 60;
    snprintf(cfg->staff_categories, sizeof cfg->staff_categories, "staff");
}

static const struct ly_conf_option *find(const char *name)
{
    return ly_conf_find(options, N_OPTIONS, name);
}

bool ly_kconfig_takes_value(const char *name)
{
    const struct ly_conf_option *o = find(name);
    return o && o->arg;
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

static bool number(const char *name, const char *value, int64_t max, int *out, char *err,
                   size_t errsz)
{
    int64_t v;
    if (!ly_num_int(value, 0, max, &v))
        return ly_fail(err, errsz, "%s must be a whole number from 0 to %lld, not \"%.40s\"", name,
                       (long long)max, value);
    *out = (int)v;
    return true;
}

/* An argon2id string as crypto_pwhash_str writes it, or "" for none. */
static bool pin_hash(struct ly_kiosk_config *cfg, const char *name, const char *value, char *err,
                     size_t errsz)
{
    size_t n = strlen(value);
    if (n > 0 && (strncmp(value, "$argon2id$", 10) != 0 || n >= sizeof cfg->staff_pin_hash))
        return ly_fail(err, errsz,
                       "%s must be an argon2id hash (\"$argon2id$...\", made by lanyard-kiosk "
                       "--hash-pin) or empty",
                       name);
    for (size_t i = 0; i < n; i++) {
        if (value[i] <= ' ' || value[i] > '~')
            return ly_fail(err, errsz, "%s: a hash is printable ASCII without spaces", name);
    }
    memcpy(cfg->staff_pin_hash, value, n + 1);
    return true;
}

/* Registration category ids (or labels), separated by spaces or commas, stored as ids separated
 * by single spaces. */
static bool categories(struct ly_kiosk_config *cfg, const char *name, const char *value, char *err,
                       size_t errsz)
{
    char ids[sizeof cfg->staff_categories] = "";
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
        if (!e)
            return ly_fail(err, errsz, "%s: \"%.*s\" is not a registration category", name,
                           (int)(w < 40 ? w : 40), p);
        int k = snprintf(ids + used, sizeof ids - used, "%s%s", used ? " " : "", e->id);
        if (k < 0 || (size_t)k >= sizeof ids - used)
            return ly_fail(err, errsz, "%s: too many categories", name);
        used += (size_t)k;
        p += w;
        p += strspn(p, " ,");
    }
    memcpy(cfg->staff_categories, ids, used + 1);
    return true;
}

bool ly_kconfig_set(struct ly_kiosk_config *cfg, const char *name, const char *value, char *err,
                    size_t errsz)
{
    const struct ly_conf_option *o = find(name);
    int64_t minutes;
    if (!o)
        return ly_fail(err, errsz, "unknown option \"%.60s\"", name);
    if (o->arg && !value)
        return ly_fail(err, errsz, "%s needs a value (%s)", name, o->arg);
    if (!o->arg && value && strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
        return ly_fail(err, errsz, "%s is yes or no", name);
    if (value && !ly_utf8_valid(value, strlen(value)))
        return ly_fail(err, errsz, "%s: the value is not valid UTF-8", name);
    switch ((enum opt_kind)o->kind) {
    case O_FLAG:
        cfg->headless = !value || strcmp(value, "yes") == 0;
        return true;
    case O_PATH:
        return copy(cfg->db, sizeof cfg->db, name, value, err, errsz);
    case O_GATE:
        return copy(cfg->gate, sizeof cfg->gate, name, value, err, errsz);
    case O_SOURCE:
        return copy(cfg->source, sizeof cfg->source, name, value, err, errsz);
    case O_REENTRY:
        return ly_reentry_parse(value, &cfg->policy.reentry)
                   ? true
                   : ly_fail(err, errsz, "%s is allowed, once_per_day or never, not \"%.40s\"",
                             name, value);
    case O_MINUTES:
        return number(name, value, 1440, &cfg->policy.doors_open_min, err, errsz);
    case O_LATE:
        if (strcmp(value, "end") == 0) {
            cfg->policy.late_entry_min = -1;
            return true;
        }
        return number(name, value, 1440, &cfg->policy.late_entry_min, err, errsz);
    case O_ONOFF:
        if (strcmp(value, "on") != 0 && strcmp(value, "off") != 0)
            return ly_fail(err, errsz, "%s is on or off, not \"%.40s\"", name, value);
        cfg->policy.enforce_capacity = strcmp(value, "on") == 0;
        return true;
    case O_MS:
        return number(name, value, 600000, &cfg->policy.holdoff_ms, err, errsz);
    case O_HUB:
        if (strncmp(value, "https://", 8) != 0 && strncmp(value, "http://", 7) != 0)
            return ly_fail(err, errsz, "%s must start with https:// or http://", name);
        return copy(cfg->hub, sizeof cfg->hub, name, value, err, errsz);
    case O_HUB_CA:
        return copy(cfg->hub_ca, sizeof cfg->hub_ca, name, value, err, errsz);
    case O_AT:
        if (!ly_num_datetime(value, &minutes))
            return ly_fail(err, errsz, "%s must be YYYY-MM-DDTHH:MM, not \"%.40s\"", name, value);
        ly_num_format_datetime(minutes, cfg->at);
        return true;
    case O_LANGUAGE: {
        static const char *const langs[] = {"en", "fr", "es", "ru", "zh", "ar"};
        for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
            if (strcmp(value, langs[i]) == 0)
                return copy(cfg->language, sizeof cfg->language, name, value, err, errsz);
        }
        return ly_fail(err, errsz, "%s is en, fr, es, ru, zh or ar, not \"%.40s\"", name, value);
    }
    case O_RESULT_S: {
        int secs = 0;
        if (!number(name, value, 60, &secs, err, errsz))
            return false;
        if (secs < 1)
            return ly_fail(err, errsz, "%s must be at least 1", name);
        cfg->result_ms = secs * 1000;
        return true;
    }
    case O_LOCALE_DIR:
        return copy(cfg->locale_dir, sizeof cfg->locale_dir, name, value, err, errsz);
    case O_FONT_DIR:
        return copy(cfg->font_dir, sizeof cfg->font_dir, name, value, err, errsz);
    case O_FONTS:
        return copy(cfg->fonts, sizeof cfg->fonts, name, value, err, errsz);
    case O_PIN_HASH:
        return pin_hash(cfg, name, value, err, errsz);
    case O_SECONDS: {
        int64_t s;
        if (!ly_num_int(value, 10, 3600, &s))
            return ly_fail(err, errsz, "%s must be a whole number from 10 to 3600, not \"%.40s\"",
                           name, value);
        cfg->staff_idle_s = (int)s;
        return true;
    }
    case O_CATEGORIES:
        return categories(cfg, name, value, err, errsz);
    }
    return ly_fail(err, errsz, "unknown option \"%.60s\"", name);
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
