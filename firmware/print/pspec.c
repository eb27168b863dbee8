/* pspec.c - printer spec strings and the names of states and reasons. See printer.h. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/fail.h"
#include "common/num.h"
#include "print/pspec.h"

/* Printable width and height (0: continuous) of each size. 62 mm DK tape prints 696 dots at
 * 300 dpi; receipt printers 576 (80 mm roll) or 384 (58 mm) dots at 203 dpi. */
static const struct {
    const char *name;
    double w_mm, h_mm;
} sizes[LY_LABEL_COUNT] = {
    [LY_LABEL_4X6] = {"4x6", 101.6, 152.4},    [LY_LABEL_4X3] = {"4x3", 101.6, 76.2},
    [LY_LABEL_62MM] = {"62mm", 58.928, 0},     [LY_LABEL_A6] = {"a6", 105.0, 148.0},
    [LY_LABEL_RECEIPT80] = {"80mm", 72.07, 0}, [LY_LABEL_RECEIPT58] = {"58mm", 48.05, 0},
};

bool ly_label_parse(const char *name, enum ly_label_size *out)
{
    for (int i = 0; i < LY_LABEL_COUNT; i++) {
        if (name != NULL && strcasecmp(name, sizes[i].name) == 0) {
            *out = (enum ly_label_size)i;
            return true;
        }
    }
    return false;
}

const char *ly_label_name(enum ly_label_size size)
{
    return (unsigned)size < LY_LABEL_COUNT ? sizes[size].name : "?";
}

void ly_label_mm(enum ly_label_size size, double *width_mm, double *height_mm)
{
    size = (unsigned)size < LY_LABEL_COUNT ? size : LY_LABEL_4X6;
    *width_mm = sizes[size].w_mm;
    *height_mm = sizes[size].h_mm;
}

static const struct {
    const char *word;
    enum ly_print_lang lang;
} langs[] = {
    {"zpl", LY_PRINT_ZPL},
    {"ql", LY_PRINT_QL},
    {"escpos", LY_PRINT_ESCPOS},
    {"ipp", LY_PRINT_IPP},
};

static const char *lang_word(enum ly_print_lang lang)
{
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
        if (langs[i].lang == lang)
            return langs[i].word;
    }
    return "?";
}

/* Parses HOST[:PORT] or [V6]:PORT into out. */
static bool host_port(const char *s, struct ly_print_spec *out, char *err, size_t errsz)
{
    const char *host = s, *end, *port = NULL;
    if (s[0] == '[') {
        end = strchr(s, ']');
        if (end == NULL)
            return ly_fail(err, errsz, "printer: `%s`: an IPv6 address ends with `]`", s);
        host = s + 1;
        if (end[1] == ':')
            port = end + 2;
        else if (end[1] != '\0')
            return ly_fail(err, errsz, "printer: `%s`: `:PORT` or nothing after `]`", s);
    } else {
        end = strchr(s, ':');
        if (end != NULL)
            port = end + 1;
        else
            end = s + strlen(s);
    }
    size_t len = (size_t)(end - host);
    if (len == 0 || len >= sizeof out->host)
        return ly_fail(err, errsz, "printer: `%s`: a host name of 1 to %zu characters", s,
                       sizeof out->host - 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)host[i];
        if (c <= ' ' || c == '/' || c == '@' || c >= 0x7f)
            return ly_fail(err, errsz, "printer: `%s`: not a host name", s);
    }
    memcpy(out->host, host, len);
    out->host[len] = '\0';
    out->port = 9100;
    if (port != NULL) {
        int64_t p;
        if (!ly_num_int(port, 1, 65535, &p))
            return ly_fail(err, errsz, "printer: `%s`: the port is a number from 1 to 65535", s);
        out->port = (uint16_t)p;
    }
    return true;
}

bool ly_print_spec_parse(const char *spec, struct ly_print_spec *out, char *err, size_t errsz)
{
    memset(out, 0, sizeof(*out));
    if (spec == NULL || spec[0] == '\0')
        return ly_fail(err, errsz, "printer: no spec (e.g. `zpl:tcp:10.0.0.5:9100`, `ipp:QUEUE`)");
    size_t n = strlen(spec);
    if (n >= LY_PRINT_SPEC_MAX)
        return ly_fail(err, errsz, "printer: a spec of %zu bytes (at most %d)", n,
                       LY_PRINT_SPEC_MAX - 1);
    const char *colon = strchr(spec, ':');
    size_t wl = colon != NULL ? (size_t)(colon - spec) : n;
    bool found = false;
    for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
        if (strlen(langs[i].word) == wl && strncmp(spec, langs[i].word, wl) == 0) {
            out->lang = langs[i].lang;
            found = true;
        }
    }
    if (!found)
        return ly_fail(err, errsz, "printer: `%.*s` is not zpl, ql, escpos or ipp", (int)wl, spec);
    const char *rest = colon != NULL ? colon + 1 : "";
    if (out->lang == LY_PRINT_IPP) {
        out->link = LY_PRINT_CUPS;
        for (const char *p = rest; *p != '\0'; p++) {
            unsigned char c = (unsigned char)*p;
            if (c <= ' ' || c == '/' || c == '#' || c >= 0x7f)
                return ly_fail(err, errsz,
                               "printer: `%s`: a CUPS queue name is printable "
                               "ASCII without spaces, `/` or `#`",
                               rest);
        }
        snprintf(out->path, sizeof out->path, "%s", rest);
        return true;
    }
    if (strncmp(rest, "tcp:", 4) == 0) {
        out->link = LY_PRINT_TCP;
        return host_port(rest + 4, out, err, errsz);
    }
    if (strncmp(rest, "dev:", 4) == 0) {
        out->link = LY_PRINT_DEV;
        const char *path = rest + 4;
        if (path[0] != '/' || strlen(path) >= sizeof out->path)
            return ly_fail(err, errsz, "printer: `%s`: a device is an absolute path", path);
        snprintf(out->path, sizeof out->path, "%s", path);
        return true;
    }
    return ly_fail(err, errsz,
                   "printer: `%s`: after `%s:` comes `tcp:HOST[:PORT]` or "
                   "`dev:/PATH`",
                   spec, lang_word(out->lang));
}

bool ly_print_spec_format(const struct ly_print_spec *spec, char *buf, size_t bufsz)
{
    int n;
    const char *w = lang_word(spec->lang);
    if (spec->link == LY_PRINT_CUPS)
        n = spec->path[0] != '\0' ? snprintf(buf, bufsz, "%s:%s", w, spec->path)
                                  : snprintf(buf, bufsz, "%s", w);
    else if (spec->link == LY_PRINT_DEV)
        n = snprintf(buf, bufsz, "%s:dev:%s", w, spec->path);
    else if (strchr(spec->host, ':') != NULL)
        n = snprintf(buf, bufsz, "%s:tcp:[%s]:%u", w, spec->host, (unsigned)spec->port);
    else
        n = snprintf(buf, bufsz, "%s:tcp:%s:%u", w, spec->host, (unsigned)spec->port);
    return n >= 0 && (size_t)n < bufsz;
}

const char *ly_print_reason_name(enum ly_print_reason reason)
{
    static const char *const names[LY_PR_COUNT] = {
        [LY_PR_NONE] = "none",
        [LY_PR_MEDIA_OUT] = "media-out",
        [LY_PR_COVER_OPEN] = "cover-open",
        [LY_PR_PAUSED] = "paused",
        [LY_PR_OFFLINE] = "offline",
        [LY_PR_JAMMED] = "jammed",
        [LY_PR_CUTTER_JAM] = "cutter-jam",
        [LY_PR_WRONG_MEDIA] = "wrong-media",
        [LY_PR_BAD_JOB] = "bad-job",
        [LY_PR_UNKNOWN] = "unknown",
    };
    return (unsigned)reason < LY_PR_COUNT ? names[reason] : "unknown";
}

const char *ly_job_state_name(enum ly_job_state state)
{
    static const char *const names[] = {"queued", "sending", "sent", "done", "failed"};
    return (unsigned)state < sizeof names / sizeof names[0] ? names[state] : "?";
}
