/* conf.c - the configuration file reader. See conf.h. */
#include "common/conf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common/fail.h"

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
