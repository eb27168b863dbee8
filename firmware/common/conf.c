/* conf.c - the configuration file reader. See conf.h. */
#include "common/conf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/fail.h"
#include "common/num.h"
#include "common/utf8.h"

/* Trims blanks at both ends of s[0..*len). */
static const char *trim(const char *s, size_t *len)
{
    while (*len > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        (*len)--;
    }
    while (*len > 0 && (s[*len - 1] == ' ' || s[*len - 1] == '\t' || s[*len - 1] == '\r'))
        (*len)--;
    return s;
}

bool ly_conf_parse(const char *name, const char *text, size_t len, ly_conf_set_fn set, void *ctx,
                   char *err, size_t errsz)
{
    size_t pos = 0;
    int line = 0;
    char msg[256];
    if (len > LY_CONF_FILE_MAX)
        return ly_fail(err, errsz, "%s: larger than %d bytes", name, LY_CONF_FILE_MAX);
    while (pos < len) {
        const char *start = text + pos, *nl = memchr(start, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - start) : len - pos;
        pos += n + (nl != NULL);
        line++;
        if (n > LY_CONF_LINE_MAX)
            return ly_fail(err, errsz, "%s:%d: line longer than %d bytes", name, line,
                           LY_CONF_LINE_MAX);
        if (memchr(start, '\0', n))
            return ly_fail(err, errsz, "%s:%d: a NUL byte", name, line);
        const char *s = trim(start, &n);
        if (n == 0 || s[0] == '#')
            continue;
        const char *eq = memchr(s, '=', n);
        if (!eq)
            return ly_fail(err, errsz, "%s:%d: expected NAME = VALUE", name, line);
        size_t kn = (size_t)(eq - s), vn = n - kn - 1;
        const char *k = trim(s, &kn), *v = trim(eq + 1, &vn);
        char key[64], value[LY_CONF_LINE_MAX + 1];
        if (kn == 0 || kn >= sizeof key)
            return ly_fail(err, errsz, "%s:%d: expected NAME = VALUE", name, line);
        memcpy(key, k, kn);
        key[kn] = '\0';
        memcpy(value, v, vn);
        value[vn] = '\0';
        if (!set(ctx, key, value, msg, sizeof msg))
            return ly_fail(err, errsz, "%s:%d: %s", name, line, msg);
    }
    return true;
}

bool ly_conf_load(const char *path, ly_conf_set_fn set, void *ctx, char *err, size_t errsz)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    size_t n;
    if (!f)
        return ly_fail(err, errsz, "%s: %s", path, strerror(errno));
    buf = malloc(LY_CONF_FILE_MAX + 1);
    if (!buf) {
        fclose(f);
        return ly_fail(err, errsz, "out of memory");
    }
    n = fread(buf, 1, LY_CONF_FILE_MAX + 1, f);
    bool bad = ferror(f);
    fclose(f);
    bool ok = bad ? ly_fail(err, errsz, "%s: read error", path)
                  : ly_conf_parse(path, buf, n, set, ctx, err, errsz);
    free(buf);
    return ok;
}

void ly_conf_md_cell(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputc('\\', out);
        fputc(*s, out);
    }
}

const struct ly_conf_option *ly_conf_find(const struct ly_conf_option *opts, size_t n,
                                          const char *name)
{
    for (size_t i = 0; i < n; i++) {
        if (strcmp(opts[i].name, name) == 0)
            return &opts[i];
    }
    return NULL;
}

void *ly_conf_field(const struct ly_conf_option *o, void *cfg)
{
    return (char *)cfg + o->offset;
}

bool ly_conf_int(const char *name, const char *value, int64_t min, int64_t max, const char *unit,
                 int64_t *out, char *err, size_t errsz)
{
    if (!ly_num_int(value, min, max, out))
        return ly_fail(err, errsz, "%s must be a whole number from %lld to %lld%s%s, not \"%.40s\"",
                       name, (long long)min, (long long)max, unit ? " " : "", unit ? unit : "",
                       value);
    return true;
}

/* The index of value in choices, or -1. */
static int choice(const char *const *choices, const char *value)
{
    for (int i = 0; choices[i]; i++) {
        if (strcmp(choices[i], value) == 0)
            return i;
    }
    return -1;
}

/* "NAME is a, b or c, not "VALUE"". */
static bool bad_choice(const struct ly_conf_option *o, const char *value, char *err, size_t errsz)
{
    char list[256] = "";
    size_t used = 0;
    for (int i = 0; o->choices[i] && used < sizeof list; i++) {
        const char *sep = i == 0 ? "" : o->choices[i + 1] ? ", " : " or ";
        int k = snprintf(list + used, sizeof list - used, "%s%s", sep, o->choices[i]);
        used += k > 0 ? (size_t)k : 0;
    }
    return ly_fail(err, errsz, "%s is %s, not \"%.40s\"", o->name, list, value);
}

static bool set_string(const struct ly_conf_option *o, char *field, const char *value, char *err,
                       size_t errsz)
{
    size_t n = strlen(value);
    if (n == 0 || n >= o->size)
        return ly_fail(err, errsz, "%s must be 1 to %zu bytes", o->name, o->size - 1);
    memcpy(field, value, n + 1);
    return true;
}

/* Stores value by the row's type. */
static bool store(const struct ly_conf_option *o, void *field, const char *value, char *err,
                  size_t errsz)
{
    int64_t v;
    int k;
    bool is_bool = o->type == LY_CONF_FLAG || o->type == LY_CONF_BOOL;
    bool is_int = o->type == LY_CONF_INT || o->type == LY_CONF_ENUM;
    if ((is_bool && o->size != sizeof(bool)) || (is_int && o->size != sizeof(int)))
        return ly_fail(err, errsz, "%s: the table gives it a field of the wrong size", o->name);
    switch (o->type) {
    case LY_CONF_FLAG:
        *(bool *)field = value == NULL || strcmp(value, "yes") == 0;
        return true;
    case LY_CONF_BOOL:
        k = choice(o->choices, value);
        if (k < 0)
            return bad_choice(o, value, err, errsz);
        *(bool *)field = k == 0;
        return true;
    case LY_CONF_INT:
        if (!ly_conf_int(o->name, value, o->min, o->max, o->unit, &v, err, errsz))
            return false;
        *(int *)field = (int)v * (o->scale ? o->scale : 1);
        return true;
    case LY_CONF_ENUM:
        k = choice(o->choices, value);
        if (k < 0)
            return bad_choice(o, value, err, errsz);
        *(int *)field = k;
        return true;
    case LY_CONF_WORD:
        if (choice(o->choices, value) < 0)
            return bad_choice(o, value, err, errsz);
        return set_string(o, field, value, err, errsz);
    case LY_CONF_STRING:
    case LY_CONF_PATH:
        return set_string(o, field, value, err, errsz);
    }
    return ly_fail(err, errsz, "%s: an option of no known type", o->name);
}

bool ly_conf_set(const struct ly_conf_option *opts, size_t n, void *cfg, const char *name,
                 const char *value, char *err, size_t errsz)
{
    const struct ly_conf_option *o = ly_conf_find(opts, n, name);
    if (!o)
        return ly_fail(err, errsz, "unknown option \"%.60s\"", name);
    if (o->arg && !value)
        return ly_fail(err, errsz, "%s needs a value (%s)", name, o->arg);
    if (!o->arg && value && strcmp(value, "yes") != 0 && strcmp(value, "no") != 0)
        return ly_fail(err, errsz, "%s is yes or no", name);
    if (value && !ly_utf8_valid(value, strlen(value)))
        return ly_fail(err, errsz, "%s: the value is not valid UTF-8", name);
    enum ly_conf_verdict v = o->check ? o->check(o, cfg, value, err, errsz) : LY_CONF_PASS;
    if (v != LY_CONF_PASS)
        return v == LY_CONF_DONE;
    return store(o, ly_conf_field(o, cfg), value, err, errsz);
}

bool ly_conf_defaults(const struct ly_conf_option *opts, size_t n, void *cfg, char *err,
                      size_t errsz)
{
    for (size_t i = 0; i < n; i++) {
        if (opts[i].def[0] != '(' &&
            !ly_conf_set(opts, n, cfg, opts[i].name, opts[i].def, err, errsz))
            return false;
    }
    return true;
}

void ly_conf_usage(FILE *out, const struct ly_conf_option *opts, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const struct ly_conf_option *o = &opts[i];
        fprintf(out, "  --%s%s%s\n      %s (default: %s)\n", o->name, o->arg ? " " : "",
                o->arg ? o->arg : "", o->help, o->def);
    }
}

void ly_conf_markdown(FILE *out, const struct ly_conf_option *opts, size_t n)
{
    fprintf(out, "| option | file key | value | default | meaning |\n");
    fprintf(out, "| --- | --- | --- | --- | --- |\n");
    for (size_t i = 0; i < n; i++) {
        const struct ly_conf_option *o = &opts[i];
        fprintf(out, "| `--%s` | `%s` | ", o->name, o->name);
        ly_conf_md_cell(out, o->arg ? o->arg : "yes/no");
        fprintf(out, " | %s | ", o->def);
        ly_conf_md_cell(out, o->help);
        fprintf(out, " |\n");
    }
}
